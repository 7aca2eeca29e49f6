//! EPCIS documents as ledger messages: each event, as it ends, becomes one
//! operation of the document's transaction.
//!
//! The event's role ([`role_of`](crate::som::role_of): its bizStep, its
//! `tl:` extension block, its action and disposition) says what it does:
//!
//! | role | operation | location | from the event |
//! |---|---|---|---|
//! | commission | commission `epcList` | `bizLocation`, else `readPoint` | |
//! | decommission, destroy | decommission / destroy `epcList` | `readPoint`, else `bizLocation` | `tl:disaggregateFromParent` (`true`/`1`; default false), `tl:decommissionReasonCode` |
//! | aggregation, disaggregation | aggregate / disaggregate `childEPCs` into / out of `parentID` (none listed on DELETE: all) | as decommission | |
//! | shipping | ship `epcList` and what is inside | as decommission | a sale, unless `tl:salesDistributionType` names a TRANSFER or RETURN, or a `bizTransaction` is of type `rma` (a return) |
//! | receiving | receive | as decommission | |
//! | sampling | sample | as decommission | |
//! | void shipping | void the sale | as decommission | |
//! | status update | the status of the (action, bizStep, disposition) combination | as commission | |
//! | other | nothing (an OBSERVE of no business step changes no state) | | |
//!
//! `eventTime` is the operation's time. An EPC that names no serial (no
//! GS1 key, not a valid EPC) is a VALIDATION rejection of the document.
//! EPC classes (quantity lists) are not serialized and change nothing.

use super::engine::{Applier, Item, OpKind, Operation, Rejection};
use super::record::{SerialState, ShipmentKind, serial_key};
use super::store::StoreError;
use crate::epcis::{
    EpcField, EpcRef, Event, EventStart, ExtNode, Flow, Header, ScanError, ScanSummary, Sink,
};
use crate::som::{EventRole, Exception, role_of};
use crate::validate::event_path;

/// A [`Sink`] feeding a document's events to an [`Applier`].
pub struct Feeder<'f, 't> {
    applier: &'f mut Applier<'t>,
    items: Vec<Item>,
    parent: Option<Item>,
    error: Option<StoreError>,
    /// Operations fed.
    pub operations: u64,
}

impl<'f, 't> Feeder<'f, 't> {
    /// Feeds `applier`.
    pub fn new(applier: &'f mut Applier<'t>) -> Self {
        Feeder {
            applier,
            items: Vec::new(),
            parent: None,
            error: None,
            operations: 0,
        }
    }

    /// A store error met on the way (the scan was stopped for it).
    pub fn take_error(&mut self) -> Option<StoreError> {
        self.error.take()
    }

    fn stop_on(&mut self, r: Result<(), StoreError>) -> Flow {
        match r {
            Ok(()) => Flow::Continue,
            Err(e) => {
                self.error = Some(e);
                Flow::Stop
            }
        }
    }
}

fn ext<'e>(ev: &'e Event<'_>, local: &str) -> Option<&'e ExtNode<'e>> {
    ev.extensions.iter().find(|n| n.local_name() == local)
}

fn ext_text<'e>(ev: &'e Event<'_>, local: &str) -> Option<&'e str> {
    ext(ev, local)
        .and_then(|n| n.text.as_ref())
        .map(|t| t.as_str().trim())
        .filter(|t| !t.is_empty())
}

/// The status an Update Serial Number Status event sets.
fn status_of(ev: &Event<'_>) -> Option<SerialState> {
    let name = |v: Option<&crate::epcis::Value<'_>>| {
        v.map(|v| v.as_str().rsplit(':').next().unwrap_or("").to_owned())
    };
    let combo = (
        ev.action.as_ref().map(|a| a.as_str().to_owned()),
        name(ev.biz_step.as_ref()),
        name(ev.disposition.as_ref()),
    );
    let s =
        |a: &str, b: &str, d: &str| (Some(a.to_owned()), Some(b.to_owned()), Some(d.to_owned()));
    Some(match combo {
        c if c == s("ADD", "commissioning", "active") => SerialState::Commissioned,
        c if c == s("DELETE", "decommissioning", "inactive") => SerialState::Decommissioned,
        c if c == s("DELETE", "destroying", "destroyed") => SerialState::Destroyed,
        c if c == s("ADD", "encoding", "encoded") => SerialState::Encoded,
        c if c == s("OBSERVE", "reserving", "reserved") => SerialState::Reserved,
        _ => return None,
    })
}

fn shipment_kind(ev: &Event<'_>) -> ShipmentKind {
    let t = ext_text(ev, "salesDistributionType")
        .unwrap_or("")
        .to_ascii_uppercase();
    if t.contains("TRANSFER") {
        return ShipmentKind::Transfer;
    }
    let rma = ev.biz_transactions.iter().any(|b| {
        b.kind
            .as_ref()
            .is_some_and(|k| k.as_str().ends_with("btt:rma"))
    });
    if t.contains("RETURN") || rma {
        ShipmentKind::Return
    } else {
        ShipmentKind::Sale
    }
}

impl Sink for Feeder<'_, '_> {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        let id = h
            .sbdh
            .as_ref()
            .and_then(|s| s.instance_identifier.as_ref())
            .map(|v| (v.as_str().trim().to_owned(), v.pos))
            .filter(|(v, _)| !v.is_empty());
        match id {
            Some((id, pos)) => {
                let r = self.applier.document_at(&id, pos);
                self.stop_on(r)
            }
            None => Flow::Continue,
        }
    }

    fn event_start(&mut self, _: &EventStart) -> Flow {
        self.items.clear();
        self.parent = None;
        Flow::Continue
    }

    fn epc(&mut self, event: &EventStart, epc: &EpcRef<'_>) -> Flow {
        if epc.field.is_class() {
            return Flow::Continue;
        }
        let value = epc.value.as_str();
        match serial_key(value) {
            Ok(key) => {
                let item = Item {
                    key,
                    shown: value.to_owned(),
                    pos: epc.value.pos,
                    path: String::new(),
                };
                if epc.field == EpcField::ParentId {
                    self.parent = Some(item);
                } else {
                    self.items.push(item);
                }
            }
            Err(e) => {
                let leaf = if epc.field == EpcField::ParentId {
                    "parentID"
                } else {
                    "epc"
                };
                self.applier.reject(Rejection {
                    exception: Exception::parameter(leaf),
                    serial: Some(value.to_owned()),
                    pos: epc.value.pos,
                    path: event_path(
                        event,
                        &crate::validate::epc_suffix(event.kind, epc.field, epc.index, leaf),
                    ),
                    detail: Some(format!(
                        "`{value}` names no serial: {} ({})",
                        e.kind().message(),
                        e.kind().as_str()
                    )),
                });
            }
        }
        Flow::Continue
    }

    fn event(&mut self, ev: &Event<'_>) -> Flow {
        let role = role_of(ev);
        let path = event_path(&ev.start, "");
        let reject = |a: &mut Applier<'_>, field: &str| {
            a.reject(Rejection {
                exception: Exception::parameter(field),
                serial: None,
                pos: ev.start.pos,
                path: path.clone(),
                detail: None,
            });
        };
        let flag = |name: &str| {
            ext_text(ev, name).is_some_and(|t| t.eq_ignore_ascii_case("true") || t == "1")
        };
        let parent = || self.parent.clone();
        let kind = match role {
            EventRole::Commission => OpKind::Commission,
            EventRole::Decommission => OpKind::Decommission {
                disaggregate: flag("disaggregateFromParent"),
            },
            EventRole::Destroy => OpKind::Destroy {
                disaggregate: flag("disaggregateFromParent"),
            },
            EventRole::Aggregation | EventRole::Disaggregation => match parent() {
                Some(p) if role == EventRole::Aggregation => OpKind::Aggregate { parent: p },
                Some(p) => OpKind::Disaggregate { parent: p },
                None => {
                    reject(self.applier, "parentID");
                    return Flow::Continue;
                }
            },
            EventRole::Shipping => OpKind::Ship(shipment_kind(ev)),
            EventRole::Receiving => OpKind::Receive,
            EventRole::Sampling => OpKind::Sample,
            EventRole::VoidShipping => OpKind::Void,
            EventRole::StatusUpdate => match status_of(ev) {
                Some(s) => OpKind::SetStatus(s),
                None => {
                    reject(self.applier, "action/bizStep/disposition");
                    return Flow::Continue;
                }
            },
            EventRole::Other => return Flow::Continue,
        };
        let time = match ev
            .event_time
            .as_ref()
            .map(|t| crate::som::time::parse_seconds(t.as_str()))
        {
            Some(Some(t)) => Some(t),
            _ => {
                reject(self.applier, "eventTime");
                return Flow::Continue;
            }
        };
        let read_point = ev.read_point.as_ref().map(|v| v.as_str().to_owned());
        let biz_location = ev.biz_location.as_ref().map(|v| v.as_str().to_owned());
        let location = match kind {
            OpKind::Commission | OpKind::SetStatus(_) => biz_location.or(read_point),
            _ => read_point.or(biz_location),
        }
        .filter(|l| !l.trim().is_empty());
        let reason = ext_text(ev, "decommissionReasonCode")
            .map(str::to_owned)
            .or_else(|| ev.disposition.as_ref().map(|d| d.as_str().to_owned()));
        let op = Operation {
            kind,
            items: std::mem::take(&mut self.items),
            time,
            location,
            reason,
            pos: ev.start.pos,
            path,
        };
        self.operations += 1;
        let r = self.applier.operation(&op);
        self.stop_on(r)
    }
}

/// Applies one EPCIS document (`commit` false: only checks it against the
/// ledger, a dry run), all or nothing: `scan` runs the scanner
/// over the document into the given [`Feeder`] (e.g.
/// `|f| epcis::scan_file(path, &options, f)`). An unreadable or malformed
/// document changes nothing. Returns what was applied and the scan's own
/// result.
pub fn apply_document(
    ledger: &super::Ledger,
    commit: bool,
    scan: &mut dyn FnMut(&mut Feeder<'_, '_>) -> Result<ScanSummary, ScanError>,
) -> Result<(super::Applied, Result<ScanSummary, ScanError>), StoreError> {
    let mut scanned = None;
    let mut feed = |a: &mut Applier<'_>| {
        let mut feeder = Feeder::new(a);
        let r = scan(&mut feeder);
        if let Some(e) = feeder.take_error() {
            return Err(e);
        }
        if r.is_err() {
            a.abort();
        }
        scanned = Some(r);
        Ok(())
    };
    let applied = if commit {
        ledger.apply_stream(&mut feed)?
    } else {
        ledger.check_stream(&mut feed)?
    };
    let scanned =
        scanned.ok_or_else(|| StoreError("the store did not run the transaction".to_owned()))?;
    Ok((applied, scanned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epcis::{ScanOptions, scan_slice};
    use crate::ledger::{Ledger, MemStore, SerialState, serial_key};
    use crate::som::ExceptionCode;

    fn apply(l: &Ledger, doc: &[u8]) -> super::super::Applied {
        let (a, r) = apply_document(l, true, &mut |f| {
            scan_slice(doc, &ScanOptions::default(), f)
        })
        .unwrap();
        r.unwrap();
        a
    }

    #[test]
    fn a_generated_shipment_applies_and_ships_everything() {
        let l = Ledger::new(Box::new(MemStore::new()));
        let mut doc = Vec::new();
        let opts = crate::r#gen::GenOptions {
            epcs: 3000,
            seed: 3,
            ..Default::default()
        };
        crate::r#gen::generate(&opts, &mut doc).unwrap();
        let a = apply(&l, &doc);
        assert!(
            a.applied,
            "{:?}",
            &a.rejections[..a.rejections.len().min(3)]
        );
        assert!(a.transitions > 3000);
        // Every EPC of the document is shipped.
        let text = std::str::from_utf8(&doc).unwrap();
        let first = text
            .split("<epc>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        let st = l.status(&serial_key(first).unwrap()).unwrap().unwrap();
        assert_eq!(st.record.state, SerialState::Shipped);
        // The same document again: refused whole.
        let again = apply(&l, &doc);
        assert!(!again.applied);
        assert_eq!(
            again.rejections[0].exception.code,
            ExceptionCode::Validation
        );
    }

    #[test]
    fn the_seed_decommission_of_unknown_serials_is_refused_with_positions() {
        let l = Ledger::new(Box::new(MemStore::new()));
        let doc = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/seed/esm_decommission.xml"
        ))
        .unwrap();
        let a = apply(&l, &doc);
        assert!(!a.applied);
        let codes: Vec<_> = a.rejections.iter().map(|r| r.exception.code).collect();
        assert_eq!(codes, [ExceptionCode::SnNotFound; 3]);
        assert_eq!(
            a.rejections[0].exception.message,
            "Serial number urn:epc:id:sgtin:068202.0401034.11220207026272 does not exist."
        );
        assert!(a.rejections[0].pos.offset > 0);
    }
}
