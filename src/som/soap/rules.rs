//! The receiver's rules for a request: its exceptions, as violations.

use super::{Element, Located, Operation, Request, SoapCheck};
use crate::epc::{ErrorKind, GcpSource, ParseError, Scheme, parse_any};
use crate::epcis::{Position, Severity};
use crate::som::time::{now_seconds, parse_seconds};
use crate::som::{Class, Config, Exception, ExceptionCode, Table, Validation, Violation};
use std::borrow::Cow;
use std::collections::HashMap;

/// The rule id of an exception code: `soap.` and the code in lower case
/// (`soap.validation`, `soap.somduplicatesns`, …).
pub const fn rule_id(code: ExceptionCode) -> &'static str {
    use ExceptionCode as C;
    match code {
        C::BadAggregateState => "soap.badaggregatestate",
        C::CannotBeAggregated => "soap.cannotbeaggregated",
        C::CrossLocations => "soap.crosslocations",
        C::EventTimeAfterNow => "soap.eventtimeafternow",
        C::EventTimeBeforeLastEvent => "soap.eventtimebeforelastevent",
        C::MultipleAttributesDecommission => "soap.mltuple_attributes_decommission",
        C::NeverCommissioned => "soap.nevercommissioned",
        C::NoSomService => "soap.nosomservice",
        C::NotCommissioned => "soap.notcommissioned",
        C::NotCommissionedLocation => "soap.notcommissionedlocation",
        C::NotValidLocation => "soap.notvalidlocation",
        C::SnNotFound => "soap.snnotfound",
        C::DuplicateSerials => "soap.somduplicatesns",
        C::Validation => "soap.validation",
        C::BadStateTransition => "soap.badstatetransition",
        C::InvalidSerialNumberStatus => "soap.invalid_serial_number_status",
    }
}

/// The violation of an exception.
pub(super) fn violation_of(
    e: &Exception,
    detail: Option<String>,
    pos: Position,
    path: String,
) -> Violation<'static> {
    Violation {
        class: Class::One,
        rule: rule_id(e.code),
        severity: Severity::Error,
        message: Cow::Owned(e.message.clone()),
        detail,
        code: Some(e.code),
        pos,
        path: Cow::Owned(path),
    }
}

/// `xs:boolean`: `true`, `false`, `1`, `0`.
pub(super) fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// The company prefix length tried when none is given, only to build the
/// EPC of a valid element string (the product master's key does not depend
/// on it).
const FALLBACK_GCP: u8 = 7;

/// The first AIs of an unbracketed element string that make it a GS1
/// form: the keys of EPCs.
const KEY_AIS: [&str; 14] = [
    "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017",
    "8018",
];

/// What an `sn` is.
enum SerialForm {
    /// A GS1 form, valid; the product's market key comes from the EPC, when
    /// it is an SGTIN.
    Valid(Option<bool>),
    /// A GS1 form (URI, Digital Link, element string, EPC binary), invalid.
    Invalid(ParseError),
    /// No GS1 form at all.
    Foreign(ParseError),
}

/// Whether `sn` starts like a GS1 form, so that a parse error means it is
/// an invalid one.
fn looks_gs1(sn: &str) -> bool {
    let b = sn.as_bytes();
    if sn.starts_with("urn:epc:")
        || sn
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("http://"))
        || sn
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        || b.first().is_some_and(|&c| c == b'(' || c == b']')
        || b.contains(&0x1D)
    {
        return true;
    }
    if b.iter().all(u8::is_ascii_digit) {
        return crate::epc::ai::lookup_prefix(b).is_some_and(|def| KEY_AIS.contains(&def.code));
    }
    if b.iter().all(u8::is_ascii_hexdigit) {
        let header = b
            .get(..2)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        return header.is_some_and(|h| {
            crate::epc::BinaryScheme::from_header(h).is_some()
                || crate::epc::plus::is_plus_header(h)
        });
    }
    false
}

fn serial_form(sn: &str, config: &Config, gcp: Option<&dyn GcpSource>) -> SerialForm {
    let sold_in_ru = |epc: Option<&crate::epc::Epc<'_>>| {
        epc.filter(|e| matches!(e.scheme(), Scheme::Sgtin))
            .map(|e| config.master.sold_in(e, "RU"))
    };
    let first = parse_any(sn, gcp);
    let err = match first {
        Ok((_, parsed)) => return SerialForm::Valid(sold_in_ru(parsed.epc())),
        Err(e) => e,
    };
    if !looks_gs1(sn) {
        return SerialForm::Foreign(err);
    }
    if err.kind() != ErrorKind::GcpLengthUnknown {
        return SerialForm::Invalid(err);
    }
    // Valid as far as it could be read without a company prefix length:
    // build the EPC with any length (the product key is the same).
    match parse_any(sn, Some(&FALLBACK_GCP)) {
        Ok((_, parsed)) => SerialForm::Valid(sold_in_ru(parsed.epc())),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::CompanyPrefixLength | ErrorKind::GcpLengthUnknown
            ) =>
        {
            SerialForm::Valid(None)
        }
        Err(e) => SerialForm::Invalid(e),
    }
}

struct Ctx<'c> {
    out: &'c mut SoapCheck,
    config: &'c Config,
}

impl Ctx<'_> {
    fn raise(&mut self, e: Exception, detail: Option<String>, pos: Position, path: &str) {
        self.out.raise(e, detail, pos, path.to_owned());
    }

    /// VALIDATION for a field.
    fn param(&mut self, field: &str, detail: String, pos: Position, path: &str) {
        self.raise(Exception::parameter(field), Some(detail), pos, path);
    }

    fn param_at(&mut self, field: &str, detail: String, v: &Located) {
        self.param(field, detail, v.pos, &v.path);
    }

    fn warn(
        &mut self,
        rule: &'static str,
        sev: Severity,
        message: String,
        detail: Option<String>,
        el: (&Position, &str),
    ) {
        self.out.violations.push(Violation {
            class: Class::One,
            rule,
            severity: sev,
            message: Cow::Owned(message),
            detail,
            code: None,
            pos: *el.0,
            path: Cow::Owned(el.1.to_owned()),
        });
    }

    /// A field given must have plain, non-empty text; `Some(text)` if so.
    fn text<'v>(&mut self, field: &str, v: &'v Located) -> Option<&'v str> {
        if v.has_elements {
            self.param_at(field, format!("<{field}> holds elements, expected text"), v);
            return None;
        }
        let t = v.trimmed();
        if t.is_empty() {
            self.param_at(field, format!("<{field}> is empty"), v);
            return None;
        }
        Some(t)
    }

    fn boolean(&mut self, field: &str, v: &Located) -> Option<bool> {
        let t = self.text(field, v)?;
        let b = parse_bool(t);
        if b.is_none() {
            self.param_at(
                field,
                format!("`{t}` is no boolean (expected true, false, 1 or 0)"),
                v,
            );
        }
        b
    }

    fn lookup(&mut self, field: &str, table: Table, v: &Located) -> Option<()> {
        let t = self.text(field, v)?;
        if !self.config.lookups.contains(table, t) {
            self.param_at(
                field,
                format!("`{t}` is not in the {} lookup table", table.name()),
                v,
            );
            return None;
        }
        Some(())
    }
}

fn missing(field: &str, parent: &Element) -> String {
    format!("<{field}> missing in <{}>", parent.name)
}

/// Applies every rule to `out.request`.
pub(super) fn check(out: &mut SoapCheck, config: &Config, gcp: Option<&dyn GcpSource>) {
    let req: Request = out.request.clone();
    let mut cx = Ctx { out, config };
    let op = req.operation;
    for u in &req.unknown {
        let what = if u.name.starts_with('@') {
            "attribute"
        } else {
            "element"
        };
        cx.warn(
            "soap.unknown_element",
            Severity::Warning,
            format!(
                "{what} {} is not part of the {op} request (ignored by the receiver)",
                u.name
            ),
            None,
            (&u.pos, &u.path),
        );
    }
    for r in &req.repeated {
        let field = r.name.rsplit(':').next().unwrap_or_default().to_owned();
        cx.param(
            &field,
            format!("<{}> given more than once", r.name),
            r.pos,
            &r.path,
        );
    }
    let Some(request_el) = &req.request else {
        let name = op.request_name();
        cx.param(
            name,
            missing(name, &req.element),
            req.element.pos,
            &req.element.path,
        );
        return;
    };

    // DisaggregateFromParent, LongRunningRestSupport: booleans.
    if let Some(v) = &req.disaggregate_from_parent {
        cx.boolean("DisaggregateFromParent", v);
    }

    // The serials.
    let mut sold_in_ru: Vec<&str> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut dup_order: Vec<&str> = Vec::new();
    let mut first_repeat: Option<(Position, String)> = None;
    let mut repeat_positions: Vec<String> = Vec::new();
    match &req.serials {
        None => {
            let list = op.list_name();
            cx.param(
                list,
                missing(list, request_el),
                request_el.pos,
                &request_el.path,
            );
        }
        Some(list) if list.serials.is_empty() => {
            let name = op.list_name();
            cx.param(
                name,
                format!("<{name}> has no <{}>", op.serial_name()),
                list.element.pos,
                &list.element.path,
            );
        }
        Some(list) => {
            for s in &list.serials {
                let Some(sn) = &s.sn else {
                    cx.param(
                        "sn",
                        format!("<{}> without sn", s.element.name),
                        s.element.pos,
                        &s.element.path,
                    );
                    continue;
                };
                let t = sn.trimmed();
                if t.is_empty() {
                    cx.param_at("sn", "sn is empty".into(), sn);
                    continue;
                }
                let n = seen.entry(t).or_insert(0);
                *n += 1;
                if *n == 2 {
                    dup_order.push(t);
                }
                if *n >= 2 {
                    if first_repeat.is_none() {
                        first_repeat = Some((sn.pos, sn.path.clone()));
                    }
                    repeat_positions.push(format!("`{t}` at {}:{}", sn.pos.line, sn.pos.column));
                }
                match serial_form(t, config, gcp) {
                    SerialForm::Valid(ru) => {
                        if ru == Some(true) {
                            sold_in_ru.push(t);
                        }
                    }
                    SerialForm::Invalid(e) => {
                        cx.param_at(
                            "sn",
                            format!("`{t}` is an invalid GS1 identifier: {e} ({})", e.kind().as_str()),
                            sn,
                        );
                    }
                    SerialForm::Foreign(e) => cx.warn(
                        "soap.sn_form",
                        Severity::Warning,
                        format!(
                            "serial number `{t}` is in no GS1 form; the receiver resolves it against its own records"
                        ),
                        Some(format!("EPC core: {e} ({})", e.kind().as_str())),
                        (&sn.pos, &sn.path),
                    ),
                }
                if let Some(ns) = &s.namespace {
                    cx.warn(
                        "soap.namespace_ignored",
                        Severity::Info,
                        "namespace is not supported by the receiver (ignored)".into(),
                        Some(format!("namespace=\"{}\"", ns.value)),
                        (&ns.pos, &ns.path),
                    );
                }
            }
        }
    }

    // Item attributes.
    let mut true_attrs: Vec<(&str, &Located)> = Vec::new();
    for (a, v) in &req.item_attributes {
        if cx.boolean(a.name(), v) == Some(true) {
            true_attrs.push((a.name(), v));
        }
    }

    if let Some(v) = &req.reason_code {
        cx.lookup("ReasonCode", Table::ReasonCode, v);
    }
    let mut event_time = None;
    if let Some(v) = &req.event_date_time {
        if let Some(t) = cx.text("EventDateTime", v) {
            match parse_seconds(t).filter(|_| t.len() > 10) {
                Some(s) => event_time = Some(s),
                None => cx.param_at(
                    "EventDateTime",
                    format!("`{t}` is no date-time (expected YYYY-MM-DDThh:mm:ssZ)"),
                    v,
                ),
            }
        }
    }

    let market = req.market_country_code.as_ref().and_then(|v| {
        let t = cx.text("MarketCountryCode", v)?;
        let n = t.chars().count();
        if !(2..=3).contains(&n) {
            cx.param_at(
                "MarketCountryCode",
                format!("`{t}` is not 2 or 3 characters"),
                v,
            );
            return None;
        }
        if !cx.config.lookups.contains(Table::ISOCountryCode, t) {
            cx.param_at(
                "MarketCountryCode",
                format!("`{t}` is not in the ISOCountryCode lookup table"),
                v,
            );
            return None;
        }
        Some(t.to_owned())
    });
    let turkey = market.as_deref() == Some("TR");

    // Transactions.
    let mut has_transaction = false;
    let mut has_item_id = false;
    if let Some(ts) = &req.transactions {
        for t in &ts.items {
            has_transaction = true;
            match &t.item_id {
                Some(v) => has_item_id |= cx.text("ItemID", v).is_some(),
                None if op == Operation::Destroy || turkey => {
                    let why = if op == Operation::Destroy {
                        "required in a Destroy transaction"
                    } else {
                        "required for Turkey (MarketCountryCode TR)"
                    };
                    cx.param(
                        "ItemID",
                        format!("{}: {why}", missing("ItemID", &t.element)),
                        t.element.pos,
                        &t.element.path,
                    );
                }
                None => {}
            }
            match &t.item_type {
                Some(v) => {
                    cx.lookup("ItemType", Table::TransactionId, v);
                }
                None => cx.param(
                    "ItemType",
                    missing("ItemType", &t.element),
                    t.element.pos,
                    &t.element.path,
                ),
            }
            match &t.date {
                Some(v) => {
                    if let Some(d) = cx.text("Date", v) {
                        if d.len() != 10 || parse_seconds(d).is_none() {
                            cx.param_at(
                                "Date",
                                format!("`{d}` is no date (expected YYYY-MM-DD)"),
                                v,
                            );
                        }
                    }
                }
                None => cx.param(
                    "Date",
                    missing("Date", &t.element),
                    t.element.pos,
                    &t.element.path,
                ),
            }
        }
    }

    match &req.reason_description {
        Some(v) if turkey => {
            if let Some(t) = cx.text("ReasonDescription", v) {
                let n = t.chars().count();
                if n > 100 {
                    cx.param_at(
                        "ReasonDescription",
                        format!("{n} characters; at most 100 for Turkey (MarketCountryCode TR)"),
                        v,
                    );
                }
            }
        }
        None if turkey => cx.param(
            "ReasonDescription",
            format!(
                "{}: required for Turkey (MarketCountryCode TR)",
                missing("ReasonDescription", request_el)
            ),
            request_el.pos,
            &request_el.path,
        ),
        _ => {}
    }

    if let Some(v) = &req.destruction_method {
        cx.lookup("DestructionMethod", Table::DestructionMethod, v);
    }
    if let Some(v) = &req.long_running_rest_support {
        cx.boolean("LongRunningRestSupport", v);
    }
    if let Some(p) = &req.reporting_party {
        match &p.identifier_type {
            Some(v) => {
                cx.lookup("identifiertype", Table::IdentifierType, v);
            }
            None => cx.param(
                "identifiertype",
                format!("<{}> without identifiertype", p.element.name),
                p.element.pos,
                &p.element.path,
            ),
        }
        match &p.identifier_value {
            Some(v) => {
                if v.trimmed().is_empty() {
                    cx.param_at("identifiervalue", "identifiervalue is empty".into(), v);
                }
            }
            None => cx.param(
                "identifiervalue",
                format!("<{}> without identifiervalue", p.element.name),
                p.element.pos,
                &p.element.path,
            ),
        }
    }
    let location_type = req.location_type.as_ref().and_then(|v| {
        cx.lookup("LocationType", Table::LocationId, v)?;
        Some(v.trimmed().to_owned())
    });
    if let Some(v) = &req.location {
        if let Some(t) = cx.text("Location", v) {
            if location_type.as_deref() == Some("SGLN") {
                let (body, prefixed) = match t.strip_prefix("urn:epc:id:sgln:") {
                    Some(b) => (b, true),
                    None => (t, false),
                };
                match crate::epc::Epc::parse(&format!("urn:epc:id:sgln:{body}")) {
                    Err(e) => cx.param_at(
                        "Location",
                        format!("`{t}` is no SGLN (LocationType SGLN): {e} ({})", e.kind().as_str()),
                        v,
                    ),
                    Ok(_) if prefixed => cx.warn(
                        "soap.location_form",
                        Severity::Warning,
                        "Location is sent without the urn:epc:id:sgln: prefix (e.g. 8888882.02867.0)"
                            .into(),
                        Some(format!("`{t}`")),
                        (&v.pos, &v.path),
                    ),
                    Ok(_) => {}
                }
            }
        }
    }

    // Rules over several fields.
    if true_attrs.len() > 1 {
        let (_, second) = true_attrs[1];
        let names: Vec<&str> = true_attrs.iter().map(|(n, _)| *n).collect();
        cx.raise(
            Exception::plain(ExceptionCode::MultipleAttributesDecommission),
            Some(format!("item attributes true: {}", names.join(", "))),
            second.pos,
            &second.path,
        );
    }
    if let Some((pos, path)) = first_repeat {
        cx.raise(
            Exception::duplicate_serials(dup_order.iter().copied()),
            Some(format!("repeated: {}", repeat_positions.join(", "))),
            pos,
            &path,
        );
    }
    if let (Some(t), Some(v)) = (event_time, &req.event_date_time) {
        let now = config.now.unwrap_or_else(now_seconds);
        if t > now {
            cx.raise(
                Exception::plain(ExceptionCode::EventTimeAfterNow),
                Some(format!(
                    "{} is after now ({})",
                    v.trimmed(),
                    crate::som::time::format_seconds(now)
                )),
                v.pos,
                &v.path,
            );
        }
    }
    if !sold_in_ru.is_empty() {
        let why = format!(
            "sold in RU per the product master: {}",
            sold_in_ru.join(", ")
        );
        let absent = |v: &Option<Located>| v.as_ref().is_none_or(|v| v.trimmed().is_empty());
        let russia = |cx: &mut Ctx<'_>, rule: Validation, pos: Position, path: &str| {
            cx.raise(Exception::validation(rule), Some(why.clone()), pos, path);
        };
        if absent(&req.destruction_method) {
            russia(
                &mut cx,
                Validation::DestructionMethodRussia,
                request_el.pos,
                &request_el.path,
            );
        }
        if true_attrs.is_empty() {
            russia(
                &mut cx,
                Validation::ItemAttributeRussia,
                request_el.pos,
                &request_el.path,
            );
        }
        if absent(&req.location) {
            russia(
                &mut cx,
                Validation::LocationRussia,
                request_el.pos,
                &request_el.path,
            );
        }
        if has_transaction && req.reporting_party.is_none() {
            let ts = req
                .transactions
                .as_ref()
                .map(|t| &t.element)
                .unwrap_or(request_el);
            russia(&mut cx, Validation::ReportingPartyRussia, ts.pos, &ts.path);
        }
        if !has_item_id {
            let at = req
                .transactions
                .as_ref()
                .map(|t| &t.element)
                .unwrap_or(request_el);
            russia(&mut cx, Validation::TransactionRussia, at.pos, &at.path);
        }
    }
}
