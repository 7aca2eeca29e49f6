//! Event, header and location rules (EPCIS 1.2 / CBV 1.2, REFERENCE.md §3).

use super::time::{check_date_time, check_zone_offset};
use super::vocab::{self, BIZ_STEP, BTT, DISPOSITION, ERROR_REASON, Vocab, is_absolute_uri};
use super::{at, shorten};
use crate::epc::Epc;
use crate::epcis::{
    EpcField, Event, EventKind, EventStart, Finding, Header, Position, Severity, Value,
};
use std::fmt::Write as _;

/// The element path of an event: `EPCISDocument/EPCISBody/EventList/` +
/// `extension/` (TransformationEvent) or `extension/extension/`
/// (AssociationEvent) + `Kind[n]`, `n` the event's 1-based ordinal among
/// all events of the document.
pub(crate) fn event_path(start: &EventStart, suffix: &str) -> String {
    let base = match start.kind {
        EventKind::Transformation => "EPCISDocument/EPCISBody/EventList/extension/",
        EventKind::Association => "EPCISDocument/EPCISBody/EventList/extension/extension/",
        _ => "EPCISDocument/EPCISBody/EventList/",
    };
    let mut s = String::with_capacity(base.len() + 24 + suffix.len());
    s.push_str(base);
    s.push_str(start.kind.as_str());
    let _ = write!(s, "[{}]", start.index.saturating_add(1));
    if !suffix.is_empty() {
        s.push('/');
        s.push_str(suffix);
    }
    s
}

/// Whether the 1.2 XSD puts this field of this event type under the
/// event's `extension` element (the 1.1/1.2 additions to the 1.0 types).
fn in_extension(kind: EventKind, field: EpcField) -> bool {
    matches!(
        (kind, field),
        (
            EventKind::Object | EventKind::Transaction,
            EpcField::QuantityList
        ) | (EventKind::Aggregation, EpcField::ChildQuantityList)
    )
}

/// The path of an EPC (or EPC class) below its event, e.g. `epcList/epc[2]`,
/// `extension/quantityList/quantityElement[1]/epcClass`, `parentID`.
pub(crate) fn epc_suffix(kind: EventKind, field: EpcField, index: u32, leaf: &str) -> String {
    let ext = if in_extension(kind, field) {
        "extension/"
    } else {
        ""
    };
    let n = u64::from(index) + 1;
    match field {
        EpcField::ParentId => "parentID".to_owned(),
        EpcField::EpcClass => leaf.to_owned(),
        f if f.is_class() => format!("{ext}{}/quantityElement[{n}]/{leaf}", f.as_str()),
        f => format!("{ext}{}/epc[{n}]", f.as_str()),
    }
}

/// Source/destination lists are under `extension` in Object, Aggregation
/// and Transaction events.
fn source_dest_prefix(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Object | EventKind::Aggregation | EventKind::Transaction => "extension/",
        _ => "",
    }
}

/// Which EPC fields each event type has.
const fn allowed(kind: EventKind) -> u32 {
    const fn bit(f: EpcField) -> u32 {
        1 << f as u32
    }
    match kind {
        EventKind::Object => bit(EpcField::EpcList) | bit(EpcField::QuantityList),
        EventKind::Aggregation | EventKind::Association => {
            bit(EpcField::ParentId) | bit(EpcField::ChildEpcs) | bit(EpcField::ChildQuantityList)
        }
        EventKind::Transaction => {
            bit(EpcField::ParentId) | bit(EpcField::EpcList) | bit(EpcField::QuantityList)
        }
        EventKind::Transformation => {
            bit(EpcField::InputEpcList)
                | bit(EpcField::OutputEpcList)
                | bit(EpcField::InputQuantityList)
                | bit(EpcField::OutputQuantityList)
        }
        EventKind::Quantity => bit(EpcField::EpcClass),
    }
}

/// Collects findings about one event.
struct Out<'o> {
    start: EventStart,
    out: &'o mut Vec<Finding>,
}

impl Out<'_> {
    fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        message: String,
        pos: Position,
        suffix: &str,
    ) {
        let path = event_path(&self.start, suffix);
        self.out.push(Finding {
            rule,
            severity,
            message,
            pos,
            path,
        });
    }
    fn required(&mut self, message: String) {
        self.push(
            "event.required",
            Severity::Error,
            message,
            self.start.pos,
            "",
        );
    }
    fn time(&mut self, rule: &'static str, name: &str, v: &Value<'_>, suffix: &str) {
        if let Err(e) = check_date_time(v.as_str(), true) {
            let msg = format!(
                "{name} `{}` is not an xs:dateTime with a time zone: {} (at byte {}); expected YYYY-MM-DDThh:mm:ss[.s]Z or ±hh:mm",
                shorten(v.as_str()),
                e.what,
                e.offset
            );
            self.push(rule, Severity::Error, msg, at(v.pos, e.offset), suffix);
        }
    }
    /// `suffix` is only built for a finding.
    fn vocab(&mut self, vocab: &Vocab, v: &Value<'_>, suffix: impl FnOnce() -> String) {
        if let Some((severity, message)) = vocab.check(v.as_str()) {
            self.push(vocab.rule, severity, message, v.pos, &suffix());
        }
    }
}

/// The EPCIS 1.2 rules of one complete event (its EPCs were checked as
/// they streamed).
pub(crate) fn check_event(ev: &Event<'_>, out: &mut Vec<Finding>) {
    let start = ev.start;
    let kind = start.kind;
    let name = kind.as_str();
    let mut o = Out { start, out };

    if kind == EventKind::Quantity {
        o.push(
            "event.deprecated",
            Severity::Warning,
            "QuantityEvent is deprecated in EPCIS 1.2; use an ObjectEvent with a quantityList"
                .to_owned(),
            start.pos,
            "",
        );
    }

    // When.
    match &ev.event_time {
        None => o.required(format!("{name} without eventTime (required)")),
        Some(v) => o.time("event.time", "eventTime", v, "eventTime"),
    }
    if let Some(v) = &ev.record_time {
        o.time("event.time", "recordTime", v, "recordTime");
    }
    match &ev.event_time_zone_offset {
        None => o.required(format!("{name} without eventTimeZoneOffset (required)")),
        Some(v) => {
            if let Err(e) = check_zone_offset(v.as_str()) {
                let msg = format!(
                    "eventTimeZoneOffset `{}` is not a time zone offset: {} (at byte {}); expected ±hh:mm from -14:00 to +14:00",
                    shorten(v.as_str()),
                    e.what,
                    e.offset
                );
                o.push(
                    "event.time_zone_offset",
                    Severity::Error,
                    msg,
                    at(v.pos, e.offset),
                    "eventTimeZoneOffset",
                );
            }
        }
    }
    if let Some(ed) = &ev.error_declaration {
        match &ed.declaration_time {
            None => o.required("errorDeclaration without declarationTime (required)".to_owned()),
            Some(v) => o.time(
                "event.time",
                "declarationTime",
                v,
                "baseExtension/errorDeclaration/declarationTime",
            ),
        }
        if let Some(r) = &ed.reason {
            o.vocab(&ERROR_REASON, r, || {
                "baseExtension/errorDeclaration/reason".into()
            });
        }
    }

    // What: the EPC fields of the type, and the action.
    let present = |f: EpcField| ev.has_list(f) || ev.count(f) > 0;
    let unexpected = EpcField::ALL
        .iter()
        .filter(|f| allowed(kind) & (1 << **f as u32) == 0 && present(**f));
    for f in unexpected {
        o.unexpected(name, *f);
    }
    let action = ev.action.as_ref().map(|v| (v, Action::parse(v.as_str())));
    let has_action = matches!(
        kind,
        EventKind::Object
            | EventKind::Aggregation
            | EventKind::Transaction
            | EventKind::Association
    );
    match (&action, has_action) {
        (None, true) => o.required(format!(
            "{name} without action (required: ADD, OBSERVE or DELETE)"
        )),
        (Some((v, None)), true) => {
            let hint = match v.as_str().trim().to_ascii_uppercase().as_str() {
                "ADD" | "OBSERVE" | "DELETE" => " (the values are uppercase, without white space)",
                _ => "",
            };
            let msg = format!(
                "action `{}` is not one of ADD, OBSERVE, DELETE{hint}",
                shorten(v.as_str())
            );
            o.push("event.action", Severity::Error, msg, v.pos, "action");
        }
        (Some((v, _)), false) => {
            o.push(
                "event.action",
                Severity::Error,
                format!("{name} has no action"),
                v.pos,
                "action",
            );
        }
        _ => {}
    }
    let action = action.and_then(|(_, a)| a);
    let n = |f: EpcField| ev.count(f);
    match kind {
        EventKind::Object => {
            if !ev.has_list(EpcField::EpcList) {
                o.required(
                    "ObjectEvent without epcList (the element is required, even when empty)"
                        .to_owned(),
                );
            }
            if n(EpcField::EpcList) + n(EpcField::QuantityList) == 0 {
                o.push(
                    "event.empty",
                    Severity::Error,
                    "ObjectEvent with neither an EPC in epcList nor a quantityElement in quantityList".to_owned(),
                    start.pos,
                    "",
                );
            }
        }
        EventKind::Aggregation | EventKind::Association => {
            if kind == EventKind::Aggregation && !ev.has_list(EpcField::ChildEpcs) {
                o.required(
                    "AggregationEvent without childEPCs (the element is required, even when empty)"
                        .to_owned(),
                );
            }
            if matches!(action, Some(Action::Add | Action::Delete))
                && ev.parent_id.is_none()
                && n(EpcField::ParentId) == 0
            {
                o.required(format!(
                    "{name} with action {} without parentID (required for ADD and DELETE)",
                    action.map_or("", Action::as_str)
                ));
            }
            if matches!(action, Some(Action::Add | Action::Observe))
                && n(EpcField::ChildEpcs) + n(EpcField::ChildQuantityList) == 0
            {
                o.push(
                    "event.empty",
                    Severity::Error,
                    format!(
                        "{name} with action {} and no child (childEPCs and childQuantityList empty; only DELETE may omit them)",
                        action.map_or("", Action::as_str)
                    ),
                    start.pos,
                    "",
                );
            }
        }
        EventKind::Transaction => {
            if !ev.has_list(EpcField::EpcList) {
                o.required(
                    "TransactionEvent without epcList (the element is required, even when empty)"
                        .to_owned(),
                );
            }
            if ev.biz_transactions.is_empty() {
                o.required("TransactionEvent without a bizTransaction (bizTransactionList needs at least one)".to_owned());
            }
            if n(EpcField::EpcList) + n(EpcField::QuantityList) == 0 {
                o.push(
                    "event.empty",
                    Severity::Warning,
                    "TransactionEvent with neither an EPC in epcList nor a quantityElement in quantityList".to_owned(),
                    start.pos,
                    "",
                );
            }
        }
        EventKind::Transformation => {
            let inputs = n(EpcField::InputEpcList) + n(EpcField::InputQuantityList);
            let outputs = n(EpcField::OutputEpcList) + n(EpcField::OutputQuantityList);
            let msg = if ev.transformation_id.is_some() {
                (inputs + outputs == 0)
                    .then_some("TransformationEvent with a transformationID but neither an input nor an output")
            } else if inputs == 0 || outputs == 0 {
                Some(
                    "TransformationEvent without transformationID needs at least one input (inputEPCList / inputQuantityList) and one output (outputEPCList / outputQuantityList)",
                )
            } else {
                None
            };
            if let Some(m) = msg {
                o.push("event.empty", Severity::Error, m.to_owned(), start.pos, "");
            }
        }
        EventKind::Quantity => {
            if n(EpcField::EpcClass) == 0 {
                o.required("QuantityEvent without epcClass (required)".to_owned());
            }
        }
    }
    if let Some(first) = ev.ilmd.first() {
        let ilmd_path = if kind == EventKind::Object {
            "extension/ilmd"
        } else {
            "ilmd"
        };
        match kind {
            EventKind::Transformation => {}
            // Without a valid action, the action finding says it all.
            EventKind::Object if action.is_none_or(|a| a == Action::Add) => {}
            EventKind::Object => o.push(
                "event.ilmd",
                Severity::Error,
                format!(
                    "ILMD in an ObjectEvent with action {}: ILMD is only allowed with action ADD",
                    ev.action.as_ref().map_or("(none)", |v| v.as_str())
                ),
                first.pos,
                ilmd_path,
            ),
            _ => o.push(
                "event.ilmd",
                Severity::Error,
                format!(
                    "ILMD in a {name}: only ObjectEvent (ADD) and TransformationEvent have ILMD"
                ),
                first.pos,
                ilmd_path,
            ),
        }
    }

    // Why.
    if let Some(v) = &ev.biz_step {
        o.vocab(&BIZ_STEP, v, || "bizStep".into());
    }
    if let Some(v) = &ev.disposition {
        o.vocab(&DISPOSITION, v, || "disposition".into());
    }
    for (i, bt) in ev.biz_transactions.iter().enumerate() {
        let suffix = || format!("bizTransactionList/bizTransaction[{}]", i + 1);
        if let Some(t) = &bt.kind {
            o.vocab(&BTT, t, || format!("{}/@type", suffix()));
        }
        if !is_absolute_uri(bt.value.as_str()) {
            let msg = format!(
                "bizTransaction `{}` is not an absolute URI (CBV 1.2 §8.5: urn:epcglobal:cbv:bt:<GLN>:<id>, a GDTI or GSRN EPC URI, or another URI)",
                shorten(bt.value.as_str())
            );
            o.push(
                "event.biz_transaction",
                Severity::Warning,
                msg,
                bt.value.pos,
                &suffix(),
            );
        }
    }
    let sd_prefix = source_dest_prefix(kind);
    for (dest, list) in [(false, &ev.sources), (true, &ev.destinations)] {
        let (list_name, item) = if dest {
            ("destinationList", "destination")
        } else {
            ("sourceList", "source")
        };
        let vocab = vocab::sdt(dest);
        for (i, sd) in list.iter().enumerate() {
            let suffix = || format!("{sd_prefix}{list_name}/{item}[{}]", i + 1);
            match &sd.kind {
                Some(t) => o.vocab(&vocab, t, || format!("{}/@type", suffix())),
                None => o.push(
                    "event.required",
                    Severity::Error,
                    format!("{item} without the type attribute (required)"),
                    sd.value.pos,
                    &suffix(),
                ),
            }
            if !is_absolute_uri(sd.value.as_str()) {
                let msg = format!(
                    "{item} `{}` is not an absolute URI (CBV 1.2 §8.6: a PGLN or SGLN EPC URI, or another URI)",
                    shorten(sd.value.as_str())
                );
                o.push(
                    "event.source_destination",
                    Severity::Warning,
                    msg,
                    sd.value.pos,
                    &suffix(),
                );
            }
        }
    }

    // Where.
    if let Some(v) = &ev.read_point {
        if let Some((sev, msg, off)) = check_location("readPoint", v.as_str()) {
            o.push("event.location", sev, msg, at(v.pos, off), "readPoint/id");
        }
    }
    if let Some(v) = &ev.biz_location {
        if let Some((sev, msg, off)) = check_location("bizLocation", v.as_str()) {
            o.push("event.location", sev, msg, at(v.pos, off), "bizLocation/id");
        }
    }
}

impl Out<'_> {
    #[cold]
    fn unexpected(&mut self, name: &str, f: EpcField) {
        let what = match f {
            EpcField::ParentId => "parentID",
            EpcField::EpcClass => "epcClass",
            f => f.as_str(),
        };
        self.push(
            "event.unexpected",
            Severity::Error,
            format!("{name} has no {what} (not in the EPCIS 1.2 type)"),
            self.start.pos,
            "",
        );
    }
}

/// An EPCIS action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Add,
    Observe,
    Delete,
}

impl Action {
    fn parse(s: &str) -> Option<Action> {
        match s.as_bytes() {
            b"ADD" => Some(Action::Add),
            b"OBSERVE" => Some(Action::Observe),
            b"DELETE" => Some(Action::Delete),
            _ => None,
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Action::Add => "ADD",
            Action::Observe => "OBSERVE",
            Action::Delete => "DELETE",
        }
    }
}

/// A `readPoint/id` or `bizLocation/id`: an SGLN EPC URI (CBV 1.2 §8.4),
/// or another URI. An invalid SGLN is an error (pointing at the byte); a
/// valid EPC of another scheme, another `urn:epc:` form or a value that is
/// no URI is a warning.
pub(crate) fn check_location(name: &str, value: &str) -> Option<(Severity, String, usize)> {
    const SGLN: &str = "urn:epc:id:sgln:";
    if value.starts_with(SGLN) || value.starts_with("urn:epc:id:") {
        return match Epc::parse(value) {
            Ok(e) if e.scheme() == crate::epc::Scheme::Sgln => None,
            Ok(e) => Some((
                Severity::Warning,
                format!(
                    "{name} `{}` is an {} EPC, not a location: CBV 1.2 §8.4 identifies locations by SGLN ({SGLN}…) or another URI",
                    shorten(value),
                    e.scheme().name().to_ascii_uppercase()
                ),
                0,
            )),
            Err(e) => Some((
                Severity::Error,
                format!(
                    "{name} `{}` is not a valid EPC URI: {} ({}) at byte {} of the value",
                    shorten(value),
                    e.kind().message(),
                    e.kind().as_str(),
                    e.offset()
                ),
                e.offset(),
            )),
        };
    }
    if value.starts_with("urn:epc:") {
        return Some((
            Severity::Warning,
            format!(
                "{name} `{}` is not a pure identity EPC URI; expected an SGLN ({SGLN}…) or another URI",
                shorten(value)
            ),
            0,
        ));
    }
    if is_absolute_uri(value) {
        return None;
    }
    Some((
        Severity::Warning,
        format!(
            "{name} `{}` is not a URI; expected an SGLN ({SGLN}…) or another absolute URI",
            shorten(value)
        ),
        0,
    ))
}

/// The rules of the document's root element and header.
pub(crate) fn check_header(h: &Header<'_>, out: &mut Vec<Finding>) {
    // The root element itself (name, namespace, a bare event) is the
    // scanner's to judge (`xml.root_namespace`, `xml.bare_event`, or no
    // scan at all); a document without the EPCIS root has no attributes to
    // check.
    let local = h.root.rsplit(':').next().unwrap_or(&h.root);
    if local != "EPCISDocument" && local != "EPCISMasterDataDocument" {
        return;
    }
    match &h.schema_version {
        None => out.push(Finding {
            rule: "header.schema_version",
            severity: Severity::Error,
            message: format!("{local} without schemaVersion (required; 1.2 expected)"),
            pos: h.pos,
            path: local.to_owned(),
        }),
        Some(v) => {
            let problem = match decimal_value(
                v.as_str()
                    .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')),
            ) {
                None => Some((Severity::Error, "is not an xsd:decimal")),
                Some(("1", "2")) => None,
                Some(("2", "0")) => Some((
                    Severity::Warning,
                    "is EPCIS 2.0; this document is read by the EPCIS 1.2 rules",
                )),
                Some(_) => Some((
                    Severity::Warning,
                    "is not 1.2; this document is read by the EPCIS 1.2 rules",
                )),
            };
            if let Some((severity, what)) = problem {
                out.push(Finding {
                    rule: "header.schema_version",
                    severity,
                    message: format!("schemaVersion `{}` {what}", shorten(v.as_str())),
                    pos: v.pos,
                    path: format!("{local}/@schemaVersion"),
                });
            }
        }
    }
    match &h.creation_date {
        None => out.push(Finding {
            rule: "header.creation_date",
            severity: Severity::Error,
            message: format!("{local} without creationDate (required)"),
            pos: h.pos,
            path: local.to_owned(),
        }),
        Some(v) => {
            let problem = match check_date_time(v.as_str(), false) {
                Ok(true) => None,
                Ok(false) => Some((
                    Severity::Warning,
                    "has no time zone (`Z` or ±hh:mm)".to_owned(),
                )),
                Err(e) => Some((
                    Severity::Error,
                    format!("is not an xs:dateTime: {} (at byte {})", e.what, e.offset),
                )),
            };
            if let Some((severity, what)) = problem {
                out.push(Finding {
                    rule: "header.creation_date",
                    severity,
                    message: format!("creationDate `{}` {what}", shorten(v.as_str())),
                    // Attribute values: the scanner points at the start
                    // tag, so the offset within the value is not added.
                    pos: v.pos,
                    path: format!("{local}/@creationDate"),
                });
            }
        }
    }
}

/// An `xsd:decimal` (`(+|-)?(d+(.d*)?|.d+)`) as its canonical integer and
/// fraction digits (`"01.20"` → `("1", "2")`, `"0"` → `("0", "")`).
fn decimal_value(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|c| c.is_ascii_digit())
        || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    Some((
        if int.is_empty() { "0" } else { int },
        frac.trim_end_matches('0'),
    ))
}

/// Checks a `quantity`: `xsd:decimal` in a quantity element, `xsd:int` in
/// a QuantityEvent. Returns what is wrong.
pub(crate) fn check_quantity(value: &str, integer: bool) -> Option<String> {
    let t = value.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    let ok = if integer {
        let d = t.strip_prefix(['+', '-']).unwrap_or(t);
        !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()) && t.parse::<i32>().is_ok()
    } else {
        decimal_value(t).is_some()
    };
    if t.is_empty() {
        return Some(
            "quantity is empty: a number expected (omit the element when there is no quantity)"
                .to_owned(),
        );
    }
    (!ok).then(|| {
        format!(
            "quantity `{}` is not {}",
            shorten(value),
            if integer {
                "an xsd:int"
            } else {
                "an xsd:decimal"
            }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimal_value("1.2"), Some(("1", "2")));
        assert_eq!(decimal_value("01.20"), Some(("1", "2")));
        assert_eq!(decimal_value("+1.2"), Some(("1", "2")));
        assert_eq!(decimal_value("2"), Some(("2", "")));
        assert_eq!(decimal_value(".5"), Some(("0", "5")));
        assert_eq!(decimal_value("1."), Some(("1", "")));
        for bad in ["", ".", "1.2.3", "v1.2", "1,2", "1e3", "+"] {
            assert_eq!(decimal_value(bad), None, "{bad}");
        }
        assert_eq!(check_quantity("200.5", false), None);
        assert_eq!(check_quantity("10", true), None);
        assert!(check_quantity("10.5", true).is_some());
        assert!(check_quantity("99999999999", true).is_some());
        assert!(check_quantity("ten", false).is_some());
    }

    #[test]
    fn locations() {
        assert_eq!(
            check_location("readPoint", "urn:epc:id:sgln:0614141.00777.0"),
            None
        );
        assert_eq!(
            check_location("readPoint", "http://example.com/loc/1"),
            None
        );
        let (s, _, off) = check_location("readPoint", "urn:epc:id:sgln:0614141.0077.0").unwrap();
        assert_eq!(s, Severity::Error);
        assert!(off > 0);
        let (s, m, _) =
            check_location("readPoint", "urn:epc:id:sgtin:0614141.812345.6789").unwrap();
        assert_eq!(s, Severity::Warning);
        assert!(m.contains("SGTIN"), "{m}");
        let (s, _, _) =
            check_location("readPoint", "urn:epc:tag:sgln-96:0.0614141.00777.0").unwrap();
        assert_eq!(s, Severity::Warning);
        let (s, m, _) = check_location("bizLocation", "warehouse 7").unwrap();
        assert_eq!(s, Severity::Warning);
        assert!(m.contains("not a URI"), "{m}");
    }

    #[test]
    fn paths() {
        let s = |kind, index| EventStart {
            kind,
            index,
            pos: Position::default(),
        };
        assert_eq!(
            event_path(&s(EventKind::Object, 3), "bizStep"),
            "EPCISDocument/EPCISBody/EventList/ObjectEvent[4]/bizStep"
        );
        assert_eq!(
            event_path(&s(EventKind::Transformation, 0), ""),
            "EPCISDocument/EPCISBody/EventList/extension/TransformationEvent[1]"
        );
        assert_eq!(
            event_path(&s(EventKind::Association, 1), "parentID"),
            "EPCISDocument/EPCISBody/EventList/extension/extension/AssociationEvent[2]/parentID"
        );
        assert_eq!(
            epc_suffix(EventKind::Object, EpcField::EpcList, 1, "epc"),
            "epcList/epc[2]"
        );
        assert_eq!(
            epc_suffix(EventKind::Object, EpcField::QuantityList, 0, "epcClass"),
            "extension/quantityList/quantityElement[1]/epcClass"
        );
        assert_eq!(
            epc_suffix(
                EventKind::Aggregation,
                EpcField::ChildQuantityList,
                0,
                "quantity"
            ),
            "extension/childQuantityList/quantityElement[1]/quantity"
        );
        assert_eq!(
            epc_suffix(
                EventKind::Association,
                EpcField::ChildQuantityList,
                0,
                "epcClass"
            ),
            "childQuantityList/quantityElement[1]/epcClass"
        );
        assert_eq!(
            epc_suffix(
                EventKind::Transformation,
                EpcField::InputQuantityList,
                2,
                "epcClass"
            ),
            "inputQuantityList/quantityElement[3]/epcClass"
        );
        assert_eq!(
            epc_suffix(EventKind::Aggregation, EpcField::ParentId, 0, "epc"),
            "parentID"
        );
        assert_eq!(
            epc_suffix(EventKind::Quantity, EpcField::EpcClass, 0, "epcClass"),
            "epcClass"
        );
        assert_eq!(
            epc_suffix(EventKind::Quantity, EpcField::EpcClass, 0, "quantity"),
            "quantity"
        );
    }
}
