//! SOAP Decommission and Destroy requests as ledger messages, and their
//! answer: the receiver's checks of the request first
//! ([`soap::check`](crate::som::soap::check)); a request that passes them
//! is applied, and the ledger's exceptions (NEVERCOMMISSIONED, SNNOTFOUND,
//! BADAGGREGATESTATE, …) join the same response.
//!
//! | request | operation |
//! |---|---|
//! | `SerialNumberList/SerialNumber/@sn`, `Items/Item/@sn` | the serials (an `sn` in no GS1 form names no serial the ledger holds: SNNOTFOUND) |
//! | `DisaggregateFromParent` | `true`/`1`: disaggregate from the parent (default false) |
//! | `EventDateTime` | the time (none: now, as the receiver records it) |
//! | `Location` | the location (`8888882.02867.0`: an SGLN without its prefix) |
//! | `ReasonCode`, else the item attribute set true | the reason in the history |

use super::engine::{Item, Ledger, Message, OpKind, Operation, Rejection};
use super::record::serial_key;
use super::store::StoreError;
use crate::epcis::Position;
use crate::som::soap::{self, Request, SoapCheck};
use crate::som::{Exception, ExceptionCode};

/// The ledger operation of a request, and the serials it cannot key.
pub fn operation_of(req: &Request) -> (Operation, Vec<Rejection>) {
    let flag = |v: Option<&soap::Located>| v.is_some_and(|v| matches!(v.trimmed(), "true" | "1"));
    let disaggregate = flag(req.disaggregate_from_parent.as_ref());
    let kind = match req.operation {
        soap::Operation::Decommission => OpKind::Decommission { disaggregate },
        soap::Operation::Destroy => OpKind::Destroy { disaggregate },
    };
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    for s in req.serials.iter().flat_map(|l| l.serials.iter()) {
        let Some(sn) = &s.sn else {
            continue;
        };
        let shown = sn.trimmed().to_owned();
        match serial_key(&shown) {
            Ok(key) => items.push(Item {
                key,
                shown,
                pos: sn.pos,
                path: sn.path.clone(),
            }),
            Err(_) => unknown.push(Rejection {
                exception: Exception::serial(ExceptionCode::SnNotFound, &shown),
                serial: Some(shown.clone()),
                pos: sn.pos,
                path: sn.path.clone(),
                detail: Some("in no GS1 form: no serial of the ledger has it".to_owned()),
            }),
        }
    }
    let time = req
        .event_date_time
        .as_ref()
        .and_then(|t| crate::som::time::parse_seconds(t.trimmed()));
    let reason = req
        .reason_code
        .as_ref()
        .map(|r| r.trimmed().to_owned())
        .or_else(|| {
            req.item_attributes
                .iter()
                .find(|(_, v)| matches!(v.trimmed(), "true" | "1"))
                .map(|(a, _)| a.name().to_owned())
        });
    let (pos, path) = req
        .request
        .as_ref()
        .map_or((Position::default(), String::new()), |e| {
            (e.pos, e.path.clone())
        });
    let op = Operation {
        kind,
        items,
        time,
        location: req.location.as_ref().map(|l| l.trimmed().to_owned()),
        reason,
        pos,
        path,
    };
    (op, unknown)
}

/// Answers a checked request: when the receiver's request checks passed,
/// applies it (or, `dry_run`, only checks it against the ledger) and adds
/// the ledger's exceptions to the response. Returns whether it was (or,
/// dry, would be) applied and its transitions; the rejections are in
/// `check`.
pub fn answer(
    ledger: &Ledger,
    check: &mut SoapCheck,
    dry_run: bool,
) -> Result<super::Applied, StoreError> {
    if !check.is_success() {
        return Ok(super::Applied::default());
    }
    let (op, unknown) = operation_of(&check.request);
    let message = Message {
        document: None,
        operations: vec![op],
        invalid: unknown,
    };
    let applied = if dry_run {
        ledger.check(&message)?
    } else {
        ledger.apply(&message)?
    };
    let mut applied = applied;
    for r in std::mem::take(&mut applied.rejections) {
        check.raise(r.exception, r.detail, r.pos, r.path);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epcis::{ScanOptions, scan_slice};
    use crate::ledger::{MemStore, SerialState, epcis::apply_document};
    use crate::som::Config;

    const COMMISSION: &str = include_str!("../../corpus/som/esm_commission.xml");

    fn request(sn: &str, extra: &str) -> String {
        format!(
            r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:tracelink:soap">
<soapenv:Header/>
<soapenv:Body>
<urn:Decommission>
<DecommissionRequest>
<SerialNumberList><SerialNumber sn="{sn}"/></SerialNumberList>
<Damaged>true</Damaged>
{extra}
</DecommissionRequest>
</urn:Decommission>
</soapenv:Body>
</soapenv:Envelope>"#
        )
    }

    fn answer_of(l: &Ledger, req: &str) -> (bool, Vec<ExceptionCode>, String) {
        let config = Config::default();
        let mut check = soap::check(req.as_bytes(), &config).unwrap();
        let applied = answer(l, &mut check, false).unwrap().applied;
        let codes = check.response.exceptions.iter().map(|e| e.code).collect();
        (applied, codes, check.response.to_xml())
    }

    #[test]
    fn a_commissioned_serial_is_decommissioned_once() {
        let l = Ledger::new(Box::new(MemStore::new()));
        let (a, r) = apply_document(&l, true, &mut |f| {
            scan_slice(COMMISSION.as_bytes(), &ScanOptions::default(), f)
        })
        .unwrap();
        r.unwrap();
        assert!(a.applied, "{:?}", a.rejections);
        let sn = "urn:epc:id:sgtin:4607012.034567.100000000101";
        let (applied, codes, xml) = answer_of(&l, &request(sn, ""));
        assert!(applied, "{codes:?}");
        assert!(xml.contains("<Success>true</Success>"));
        let key = crate::ledger::serial_key(sn).unwrap();
        let st = l.status(&key).unwrap().unwrap();
        assert_eq!(st.record.state, SerialState::Decommissioned);
        assert_eq!(st.last.unwrap().reason.as_deref(), Some("Damaged"));
        // Again: not commissioned, in the receiver's response.
        let (applied, codes, xml) = answer_of(&l, &request(sn, ""));
        assert!(!applied);
        assert_eq!(codes, [ExceptionCode::NotCommissioned]);
        assert!(xml.contains(&format!(
            "<ExceptionCode>NOTCOMMISSIONED</ExceptionCode><ExceptionMessage>Serial number {sn} is not commissioned.</ExceptionMessage>"
        )));
        // A serial in no GS1 form, and one never seen.
        let (_, codes, _) = answer_of(&l, &request("88102321100002083327", ""));
        assert_eq!(codes, [ExceptionCode::SnNotFound]);
        // At another location than where it was commissioned.
        let other = "urn:epc:id:sgtin:4607012.034567.100000000102";
        let (_, codes, _) = answer_of(&l, &request(other, ""));
        assert_eq!(codes, [ExceptionCode::SnNotFound]);
    }

    #[test]
    fn request_checks_come_first() {
        let l = Ledger::new(Box::new(MemStore::new()));
        let (applied, codes, _) = answer_of(
            &l,
            &request("urn:epc:id:sgtin:4607012.034567.1", "<Stolen>true</Stolen>"),
        );
        assert!(!applied);
        assert_eq!(codes, [ExceptionCode::MultipleAttributesDecommission]);
    }
}
