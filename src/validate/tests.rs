//! Whole documents through `scan_slice` + [`Validator`]: a valid document
//! gives no finding; each rule has a minimal document that breaks exactly
//! that rule, with rule id, severity and position checked.

use super::*;
use crate::epcis::{ScanOptions, scan_slice};

#[derive(Default)]
struct Collect {
    findings: Vec<Finding>,
    epcs: Vec<(EpcField, String, bool, Option<Scheme>)>,
    events: usize,
}

impl Sink for Collect {
    fn event(&mut self, _: &Event<'_>) -> Flow {
        self.events += 1;
        Flow::Continue
    }
    fn finding(&mut self, f: &Finding) -> Flow {
        self.findings.push(f.clone());
        Flow::Continue
    }
}

impl CheckedSink for Collect {
    fn checked_epc(&mut self, _: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        self.epcs.push((
            epc.field,
            epc.value.as_str().to_owned(),
            check.is_valid(),
            check.scheme(),
        ));
        Flow::Continue
    }
}

fn scan(doc: &str) -> (Collect, EpcStats) {
    let mut v = Validator::checked(Collect::default());
    if let Err(e) = scan_slice(doc.as_bytes(), &ScanOptions::default(), &mut v) {
        panic!("scan error {e}\n{doc}");
    }
    v.into_parts()
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2" creationDate="2024-01-01T00:00:00Z">
<EPCISBody>
<EventList>
"#;
const TAIL: &str = "</EventList>\n</EPCISBody>\n</epcis:EPCISDocument>\n";

fn doc(events: &str) -> String {
    format!("{HEAD}{events}{TAIL}")
}

const OBJECT: &str = r#"<ObjectEvent>
<eventTime>2024-01-01T00:00:00.000Z</eventTime>
<recordTime>2024-01-01T00:00:01Z</recordTime>
<eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
<baseExtension>
<eventID>urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8</eventID>
<errorDeclaration>
<declarationTime>2024-01-02T00:00:00+01:00</declarationTime>
<reason>urn:epcglobal:cbv:er:incorrect_data</reason>
</errorDeclaration>
</baseExtension>
<epcList>
<epc>urn:epc:id:sgtin:0614141.812345.6789</epc>
<epc>urn:epc:id:sscc:0614141.1234567890</epc>
</epcList>
<action>ADD</action>
<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
<disposition>urn:epcglobal:cbv:disp:active</disposition>
<readPoint><id>urn:epc:id:sgln:0614141.00777.0</id></readPoint>
<bizLocation><id>urn:epc:id:sgln:0614141.00888.0</id></bizLocation>
<bizTransactionList>
<bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:0614141000005:PO-1</bizTransaction>
</bizTransactionList>
<extension>
<quantityList>
<quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.5</quantity><uom>KGM</uom></quantityElement>
</quantityList>
<sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:0614141.00000</source></sourceList>
<destinationList><destination type="urn:epcglobal:cbv:sdt:location">urn:epc:id:sgln:0614141.00888.0</destination></destinationList>
<ilmd><cbvmda:lotNumber xmlns:cbvmda="urn:epcglobal:cbv:mda">LOT1</cbvmda:lotNumber></ilmd>
</extension>
</ObjectEvent>
"#;

const AGGREGATION: &str = r#"<AggregationEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime>
<eventTimeZoneOffset>-05:00</eventTimeZoneOffset>
<parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.6790</epc></childEPCs>
<action>ADD</action>
<bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>
<extension>
<childQuantityList><quantityElement><epcClass>urn:epc:idpat:sgtin:4012345.098765.*</epcClass><quantity>10</quantity></quantityElement></childQuantityList>
</extension>
</AggregationEvent>
"#;

const TRANSACTION: &str = r#"<TransactionEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime>
<eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:inv">urn:epcglobal:cbv:bt:0614141000005:INV-1</bizTransaction></bizTransactionList>
<epcList><epc>urn:epc:id:sgtin:0614141.812345.6789</epc></epcList>
<action>OBSERVE</action>
</TransactionEvent>
"#;

const TRANSFORMATION: &str = r#"<extension><TransformationEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime>
<eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
<inputEPCList><epc>urn:epc:id:sgtin:0614141.812345.1</epc></inputEPCList>
<outputEPCList><epc>urn:epc:id:sgtin:0614141.812345.2</epc></outputEPCList>
<bizStep>urn:epcglobal:cbv:bizstep:repackaging</bizStep>
</TransformationEvent></extension>
"#;

const ASSOCIATION: &str = r#"<extension><extension><AssociationEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime>
<eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
<parentID>urn:epc:id:grai:4012345.55555.987</parentID>
<childEPCs><epc>urn:epc:id:giai:4000001.12345</epc></childEPCs>
<action>ADD</action>
</AssociationEvent></extension></extension>
"#;

const QUANTITY: &str = r#"<QuantityEvent>
<eventTime>2024-01-01T00:00:00Z</eventTime>
<eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
<epcClass>urn:epc:idpat:sgtin:4012345.098765.*</epcClass>
<quantity>10</quantity>
<bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
</QuantityEvent>
"#;

/// `event` with `from` (which must occur once) replaced by `to`.
fn edit(event: &str, from: &str, to: &str) -> String {
    assert_eq!(event.matches(from).count(), 1, "`{from}` must occur once");
    event.replacen(from, to, 1)
}

/// Where `needle` (which must occur once) starts in `doc`, plus `extra`
/// bytes on the same line.
fn pos_of(doc: &str, needle: &str, extra: usize) -> Position {
    assert_eq!(
        doc.matches(needle).count(),
        1,
        "`{needle}` must occur once in\n{doc}"
    );
    let off = doc.find(needle).unwrap_or_default() + extra;
    let line_start = doc[..off].rfind('\n').map_or(0, |i| i + 1);
    Position {
        offset: off as u64,
        line: doc[..off].matches('\n').count() as u32 + 1,
        column: (off - line_start) as u32 + 1,
    }
}

/// The one finding of `doc`; checks its rule, severity and position.
#[track_caller]
fn one(doc: &str, rule: &str, severity: Severity, pos: Position) -> Finding {
    let (c, _) = scan(doc);
    assert_eq!(c.findings.len(), 1, "{:#?}\n{doc}", c.findings);
    let f = c.findings.into_iter().next().unwrap();
    assert_eq!((f.rule, f.severity), (rule, severity), "{f:#?}");
    assert_eq!(f.pos, pos, "{f:#?}");
    f
}

#[test]
fn valid_document_has_no_findings() {
    let d = doc(&[
        OBJECT,
        AGGREGATION,
        TRANSACTION,
        TRANSFORMATION,
        ASSOCIATION,
    ]
    .concat());
    let (c, stats) = scan(&d);
    assert_eq!(c.findings, [], "{d}");
    assert_eq!(c.events, 5);
    assert!(c.epcs.iter().all(|e| e.2), "{:?}", c.epcs);
    assert_eq!(
        stats.total(),
        EpcCount {
            valid: 11,
            invalid: 0
        }
    );
    assert_eq!(stats.get(EpcField::EpcList, Some(Scheme::Sgtin)).valid, 2);
    assert_eq!(stats.get(EpcField::ParentId, Some(Scheme::Sscc)).valid, 1);
    assert_eq!(
        stats
            .get(EpcField::ChildQuantityList, Some(Scheme::Sgtin))
            .valid,
        1
    );
    assert_eq!(stats.by_scheme(Some(Scheme::Sgtin)).valid, 6);
    assert_eq!(stats.by_field(EpcField::EpcList).valid, 3);
    assert_eq!(stats.iter().map(|(_, _, c)| c.valid).sum::<u64>(), 11);
}

#[test]
fn plain_sink_gets_epcs() {
    #[derive(Default)]
    struct Plain(Vec<String>, usize);
    impl Sink for Plain {
        fn epc(&mut self, _: &EventStart, epc: &EpcRef<'_>) -> Flow {
            self.0.push(epc.value.as_str().to_owned());
            Flow::Continue
        }
        fn finding(&mut self, _: &Finding) -> Flow {
            self.1 += 1;
            Flow::Continue
        }
    }
    let d = doc(&edit(TRANSACTION, "6789<", "67%9<"));
    let mut v = Validator::new(Plain::default());
    scan_slice(d.as_bytes(), &ScanOptions::default(), &mut v).unwrap();
    assert_eq!(
        v.stats().total(),
        EpcCount {
            valid: 0,
            invalid: 1
        }
    );
    let p = v.into_inner();
    assert_eq!(p.0, ["urn:epc:id:sgtin:0614141.812345.67%9"]);
    assert_eq!(p.1, 1);
}

#[test]
fn stop_is_honoured() {
    struct StopAtFinding(usize);
    impl Sink for StopAtFinding {
        fn finding(&mut self, _: &Finding) -> Flow {
            self.0 += 1;
            Flow::Stop
        }
    }
    let bad = edit(OBJECT, "<action>ADD</action>", "<action>add</action>");
    let d = doc(&[bad.as_str(), bad.as_str()].concat());
    let mut v = Validator::new(StopAtFinding(0));
    // The scan ends early (`stopped`); what scan_slice returns then is the
    // scanner's business.
    let _ = scan_slice(d.as_bytes(), &ScanOptions::default(), &mut v);
    assert_eq!(v.into_inner().0, 1);
}

// ---- EPCs ----

#[test]
fn epc_invalid() {
    let bad = "urn:epc:id:sgtin:0614141.812345.67%2G";
    let d = doc(&edit(OBJECT, "urn:epc:id:sgtin:0614141.812345.6789", bad));
    let offset = check_epc(EpcField::EpcList, bad).error().unwrap().offset();
    assert_eq!(offset, bad.find('%').unwrap());
    let f = one(&d, "epc.invalid", Severity::Error, pos_of(&d, bad, offset));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/epcList/epc[1]"
    );
    assert!(
        f.message.contains("invalid_escape") && f.message.contains(bad),
        "{}",
        f.message
    );

    // The second event, second EPC; a check digit error of a parentID.
    let bad = "urn:epc:id:sscc:0614141.123456789";
    let d = doc(&[
        TRANSACTION,
        &edit(AGGREGATION, "urn:epc:id:sscc:0614141.1234567890", bad),
    ]
    .concat());
    let offset = check_epc(EpcField::ParentId, bad).error().unwrap().offset();
    let f = one(&d, "epc.invalid", Severity::Error, pos_of(&d, bad, offset));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/AggregationEvent[2]/parentID"
    );

    // A class field.
    let bad = "urn:epc:idpat:sgtin:4012345.09876.*";
    let d = doc(&edit(
        AGGREGATION,
        "urn:epc:idpat:sgtin:4012345.098765.*",
        bad,
    ));
    let offset = check_epc(EpcField::ChildQuantityList, bad)
        .error()
        .unwrap()
        .offset();
    let f = one(&d, "epc.invalid", Severity::Error, pos_of(&d, bad, offset));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/AggregationEvent[1]/extension/childQuantityList/quantityElement[1]/epcClass"
    );
}

#[test]
fn epc_with_white_space_points_at_the_byte() {
    let d = doc(&edit(
        OBJECT,
        "<epc>urn:epc:id:sgtin:0614141.812345.6789</epc>",
        "<epc>\n   urn:epc:id:sgtin:0614141.812345.678%</epc>",
    ));
    let bad = "urn:epc:id:sgtin:0614141.812345.678%";
    one(
        &d,
        "epc.invalid",
        Severity::Error,
        pos_of(&d, bad, bad.len() - 1),
    );
}

#[test]
fn epc_not_pure_identity() {
    let v = "urn:epc:tag:sgtin-96:3.0614141.812345.6789";
    let d = doc(&edit(OBJECT, "urn:epc:id:sgtin:0614141.812345.6789", v));
    let f = one(
        &d,
        "epc.not_pure_identity",
        Severity::Error,
        pos_of(&d, v, 0),
    );
    assert!(
        f.message.contains("urn:epc:id:sgtin:0614141.812345.6789"),
        "{}",
        f.message
    );
    let v = "https://id.gs1.org/01/09521234543213/21/12345";
    let d = doc(&edit(
        TRANSACTION,
        "urn:epc:id:sgtin:0614141.812345.6789",
        v,
    ));
    let f = one(
        &d,
        "epc.not_pure_identity",
        Severity::Error,
        pos_of(&d, v, 0),
    );
    assert!(f.message.contains("Digital Link"), "{}", f.message);
}

#[test]
fn epc_not_class() {
    let v = "urn:epc:id:sgtin:4012345.012345.998877";
    let d = doc(&edit(
        OBJECT,
        "urn:epc:class:lgtin:4012345.012345.998877",
        v,
    ));
    let f = one(&d, "epc.not_class", Severity::Error, pos_of(&d, v, 0));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/extension/quantityList/quantityElement[1]/epcClass"
    );
}

#[test]
fn epc_other_uri() {
    let v = "urn:example:item:42";
    let d = doc(&edit(
        TRANSFORMATION,
        "urn:epc:id:sgtin:0614141.812345.2",
        v,
    ));
    let f = one(&d, "epc.other_uri", Severity::Warning, pos_of(&d, v, 0));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/extension/TransformationEvent[1]/outputEPCList/epc[1]"
    );
    let (c, stats) = scan(&d);
    assert_eq!(
        stats.get(EpcField::OutputEpcList, None),
        EpcCount {
            valid: 0,
            invalid: 1
        }
    );
    assert!(c.epcs.iter().any(|e| e.1 == v && !e.2 && e.3.is_none()));
}

// ---- events ----

#[test]
fn event_required() {
    let start = |d: &str, tag: &str| pos_of(d, tag, 0);
    let d = doc(&edit(
        OBJECT,
        "<eventTimeZoneOffset>+01:00</eventTimeZoneOffset>\n",
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<ObjectEvent>"),
    );
    assert!(f.message.contains("eventTimeZoneOffset"), "{}", f.message);
    assert_eq!(f.path, "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]");

    let d = doc(&edit(
        OBJECT,
        "<eventTime>2024-01-01T00:00:00.000Z</eventTime>\n",
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<ObjectEvent>"),
    );
    assert!(f.message.contains("eventTime"), "{}", f.message);

    let d = doc(&edit(TRANSACTION, "<action>OBSERVE</action>\n", ""));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<TransactionEvent>"),
    );
    assert!(f.message.contains("action"), "{}", f.message);

    let d = doc(&edit(
        AGGREGATION,
        "<parentID>urn:epc:id:sscc:0614141.1234567890</parentID>\n",
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<AggregationEvent>"),
    );
    assert!(f.message.contains("parentID"), "{}", f.message);
    // OBSERVE needs no parentID.
    let observe = edit(
        AGGREGATION,
        "<parentID>urn:epc:id:sscc:0614141.1234567890</parentID>\n",
        "",
    );
    let (c, _) = scan(&doc(&edit(&observe, "ADD", "OBSERVE")));
    assert_eq!(c.findings, []);

    let d = doc(&edit(
        ASSOCIATION,
        "<parentID>urn:epc:id:grai:4012345.55555.987</parentID>\n",
        "",
    ));
    one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<AssociationEvent>"),
    );

    let d = doc(&edit(
        AGGREGATION,
        "<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.6790</epc></childEPCs>\n",
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<AggregationEvent>"),
    );
    assert!(f.message.contains("childEPCs"), "{}", f.message);

    let d = doc(&edit(
        TRANSACTION,
        r#"<bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:inv">urn:epcglobal:cbv:bt:0614141000005:INV-1</bizTransaction></bizTransactionList>
"#,
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<TransactionEvent>"),
    );
    assert!(f.message.contains("bizTransaction"), "{}", f.message);

    let d = doc(&edit(
        TRANSACTION,
        "<epcList><epc>urn:epc:id:sgtin:0614141.812345.6789</epc></epcList>",
        "<extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>1</quantity></quantityElement></quantityList></extension>",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<TransactionEvent>"),
    );
    assert!(f.message.contains("epcList"), "{}", f.message);

    let d = doc(&edit(
        OBJECT,
        "<declarationTime>2024-01-02T00:00:00+01:00</declarationTime>\n",
        "",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        start(&d, "<ObjectEvent>"),
    );
    assert!(f.message.contains("declarationTime"), "{}", f.message);

    let d = doc(&edit(
        OBJECT,
        r#"<source type="urn:epcglobal:cbv:sdt:owning_party">"#,
        "<source>",
    ));
    let f = one(
        &d,
        "event.required",
        Severity::Error,
        pos_of(&d, "urn:epc:id:pgln:0614141.00000", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/extension/sourceList/source[1]"
    );
}

#[test]
fn quantity_event() {
    let d = doc(QUANTITY);
    let f = one(
        &d,
        "event.deprecated",
        Severity::Warning,
        pos_of(&d, "<QuantityEvent>", 0),
    );
    assert_eq!(f.path, "EPCISDocument/EPCISBody/EventList/QuantityEvent[1]");
    let (c, stats) = scan(&d);
    assert_eq!(stats.get(EpcField::EpcClass, Some(Scheme::Sgtin)).valid, 1);
    assert_eq!(c.epcs.len(), 1);

    let d = doc(&edit(QUANTITY, "<quantity>10</quantity>\n", ""));
    let (c, _) = scan(&d);
    let rules: Vec<_> = c.findings.iter().map(|f| (f.rule, f.severity)).collect();
    assert_eq!(
        rules,
        [
            ("event.required", Severity::Error),
            ("event.deprecated", Severity::Warning)
        ]
    );
    assert!(c.findings[0].message.contains("quantity"));

    let d = doc(&edit(
        QUANTITY,
        "<quantity>10</quantity>",
        "<quantity>2.5</quantity>",
    ));
    let (c, _) = scan(&d);
    let f = c
        .findings
        .iter()
        .find(|f| f.rule == "event.quantity")
        .expect("event.quantity");
    assert_eq!(f.pos, pos_of(&d, "2.5", 0));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/QuantityEvent[1]/quantity"
    );
}

#[test]
fn event_empty() {
    let d = doc(&edit(
        OBJECT,
        "<epcList>\n<epc>urn:epc:id:sgtin:0614141.812345.6789</epc>\n<epc>urn:epc:id:sscc:0614141.1234567890</epc>\n</epcList>",
        "<epcList/>",
    ));
    let d = d.replacen(
        "<quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.5</quantity><uom>KGM</uom></quantityElement>\n",
        "",
        1,
    );
    one(
        &d,
        "event.empty",
        Severity::Error,
        pos_of(&d, "<ObjectEvent>", 0),
    );

    let d = doc(&edit(
        TRANSFORMATION,
        "<outputEPCList><epc>urn:epc:id:sgtin:0614141.812345.2</epc></outputEPCList>\n",
        "",
    ));
    one(
        &d,
        "event.empty",
        Severity::Error,
        pos_of(&d, "<TransformationEvent>", 0),
    );
    // With a transformationID, inputs alone are fine.
    let with_id = edit(
        TRANSFORMATION,
        "<outputEPCList><epc>urn:epc:id:sgtin:0614141.812345.2</epc></outputEPCList>\n",
        "<transformationID>urn:epc:id:gdti:0614141.00001.1</transformationID>\n",
    );
    assert_eq!(scan(&doc(&with_id)).0.findings, []);

    let d = doc(&edit(
        AGGREGATION,
        "<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.6790</epc></childEPCs>",
        "<childEPCs/>",
    ));
    let d = d.replacen(
        "<childQuantityList><quantityElement><epcClass>urn:epc:idpat:sgtin:4012345.098765.*</epcClass><quantity>10</quantity></quantityElement></childQuantityList>\n",
        "",
        1,
    );
    one(
        &d,
        "event.empty",
        Severity::Error,
        pos_of(&d, "<AggregationEvent>", 0),
    );
    // DELETE may omit the children.
    assert_eq!(
        scan(&d.replacen("<action>ADD</action>", "<action>DELETE</action>", 1))
            .0
            .findings,
        []
    );

    let d = doc(&edit(
        TRANSACTION,
        "<epc>urn:epc:id:sgtin:0614141.812345.6789</epc>",
        "",
    ));
    one(
        &d,
        "event.empty",
        Severity::Warning,
        pos_of(&d, "<TransactionEvent>", 0),
    );
}

#[test]
fn event_unexpected() {
    let d = doc(&edit(
        TRANSACTION,
        "<action>OBSERVE</action>",
        "<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.6790</epc></childEPCs><action>OBSERVE</action>",
    ));
    let f = one(
        &d,
        "event.unexpected",
        Severity::Error,
        pos_of(&d, "<TransactionEvent>", 0),
    );
    assert!(f.message.contains("childEPCs"), "{}", f.message);
}

#[test]
fn event_action() {
    let d = doc(&edit(
        OBJECT,
        "<action>ADD</action>",
        "<action>add</action>",
    ));
    let f = one(
        &d,
        "event.action",
        Severity::Error,
        pos_of(&d, "add</action>", 0),
    );
    assert!(f.message.contains("uppercase"), "{}", f.message);
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/action"
    );
    let d = doc(&edit(
        AGGREGATION,
        "<action>ADD</action>",
        "<action>ADDD</action>",
    ));
    one(&d, "event.action", Severity::Error, pos_of(&d, "ADDD", 0));
    let d = doc(&edit(
        TRANSFORMATION,
        "<bizStep>",
        "<action>ADD</action>\n<bizStep>",
    ));
    let f = one(
        &d,
        "event.action",
        Severity::Error,
        pos_of(&d, "ADD</action>", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/extension/TransformationEvent[1]/action"
    );
}

#[test]
fn event_ilmd() {
    let d = doc(&edit(
        OBJECT,
        "<action>ADD</action>",
        "<action>OBSERVE</action>",
    ));
    let f = one(
        &d,
        "event.ilmd",
        Severity::Error,
        pos_of(&d, "<cbvmda:lotNumber", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/extension/ilmd"
    );
}

#[test]
fn event_time() {
    let d = doc(&edit(
        OBJECT,
        "2024-01-01T00:00:00.000Z",
        "2024-01-01T00:00:00.000",
    ));
    let f = one(
        &d,
        "event.time",
        Severity::Error,
        pos_of(&d, "2024-01-01T00:00:00.000<", 23),
    );
    assert!(f.message.contains("time zone"), "{}", f.message);
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/eventTime"
    );
    let d = doc(&edit(
        OBJECT,
        "2024-01-01T00:00:01Z",
        "2024-02-30T00:00:01Z",
    ));
    let f = one(
        &d,
        "event.time",
        Severity::Error,
        pos_of(&d, "2024-02-30", 8),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/recordTime"
    );
    let d = doc(&edit(OBJECT, "2024-01-02T00:00:00+01:00", "2024-01-02"));
    let f = one(
        &d,
        "event.time",
        Severity::Error,
        pos_of(&d, "2024-01-02<", 10),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/baseExtension/errorDeclaration/declarationTime"
    );
}

#[test]
fn event_time_zone_offset() {
    let d = doc(&edit(
        OBJECT,
        "<eventTimeZoneOffset>+01:00",
        "<eventTimeZoneOffset>+1:00",
    ));
    one(
        &d,
        "event.time_zone_offset",
        Severity::Error,
        pos_of(&d, "+1:00", 1),
    );
}

#[test]
fn event_quantity() {
    let d = doc(&edit(
        OBJECT,
        "<quantity>200.5</quantity>",
        "<quantity>lots</quantity>",
    ));
    let f = one(&d, "event.quantity", Severity::Error, pos_of(&d, "lots", 0));
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/extension/quantityList/quantityElement[1]/quantity"
    );
    let d = doc(&edit(OBJECT, "<quantity>200.5</quantity>", ""));
    one(&d, "event.quantity", Severity::Error, pos_of(&d, "KGM", 0));
}

#[test]
fn event_location() {
    let bad = "urn:epc:id:sgln:0614141.0077.0";
    let d = doc(&edit(OBJECT, "urn:epc:id:sgln:0614141.00777.0", bad));
    let offset = crate::epc::Epc::parse(bad).unwrap_err().offset();
    let f = one(
        &d,
        "event.location",
        Severity::Error,
        pos_of(&d, bad, offset),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/readPoint/id"
    );
    let d = doc(&edit(
        AGGREGATION,
        "<bizStep>",
        "<bizLocation><id>Warehouse 7</id></bizLocation>\n<bizStep>",
    ));
    let f = one(
        &d,
        "event.location",
        Severity::Warning,
        pos_of(&d, "Warehouse 7", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/AggregationEvent[1]/bizLocation/id"
    );
}

#[test]
fn event_biz_transaction() {
    let d = doc(&edit(
        TRANSACTION,
        "urn:epcglobal:cbv:bt:0614141000005:INV-1",
        "INV 1",
    ));
    let f = one(
        &d,
        "event.biz_transaction",
        Severity::Warning,
        pos_of(&d, "INV 1", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/TransactionEvent[1]/bizTransactionList/bizTransaction[1]"
    );
}

#[test]
fn event_source_destination() {
    let d = doc(&edit(
        OBJECT,
        ">urn:epc:id:pgln:0614141.00000<",
        ">party 7<",
    ));
    one(
        &d,
        "event.source_destination",
        Severity::Warning,
        pos_of(&d, "party 7", 0),
    );
}

// ---- CBV ----

#[test]
fn cbv_biz_step() {
    let d = doc(&edit(
        OBJECT,
        "bizstep:commissioning",
        "bizstep:comissioning",
    ));
    let f = one(
        &d,
        "cbv.biz_step",
        Severity::Warning,
        pos_of(&d, "urn:epcglobal:cbv:bizstep:comissioning", 0),
    );
    assert!(
        f.message
            .contains("did you mean `urn:epcglobal:cbv:bizstep:commissioning`"),
        "{}",
        f.message
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/bizStep"
    );
    let d = doc(&edit(OBJECT, "bizstep:commissioning", "bizstep:sampling"));
    let f = one(
        &d,
        "cbv.biz_step",
        Severity::Warning,
        pos_of(&d, "urn:epcglobal:cbv:bizstep:sampling", 0),
    );
    assert!(
        f.message.contains("CBV 2.0 value, not in CBV 1.2"),
        "{}",
        f.message
    );
    let d = doc(&edit(
        OBJECT,
        "urn:epcglobal:cbv:bizstep:commissioning",
        "commissioning",
    ));
    let f = one(
        &d,
        "cbv.biz_step",
        Severity::Error,
        pos_of(&d, "commissioning<", 0),
    );
    assert!(f.message.contains("not a URI"), "{}", f.message);
    // Other URIs are fine.
    let d = doc(&edit(
        OBJECT,
        "urn:epcglobal:cbv:bizstep:commissioning",
        "http://epcis.example.org/hc/bizstep/summarising_discharge",
    ));
    assert_eq!(scan(&d).0.findings, []);
}

#[test]
fn cbv_disposition() {
    let d = doc(&edit(OBJECT, "disp:active", "disp:activ"));
    one(
        &d,
        "cbv.disposition",
        Severity::Warning,
        pos_of(&d, "urn:epcglobal:cbv:disp:activ<", 0),
    );
}

#[test]
fn cbv_btt() {
    let d = doc(&edit(TRANSACTION, "btt:inv", "btt:invoice"));
    let f = one(
        &d,
        "cbv.btt",
        Severity::Warning,
        pos_of(&d, "<bizTransaction ", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/TransactionEvent[1]/bizTransactionList/bizTransaction[1]/@type"
    );
}

#[test]
fn cbv_sdt() {
    let d = doc(&edit(OBJECT, "sdt:location", "sdt:site"));
    let f = one(
        &d,
        "cbv.sdt",
        Severity::Warning,
        pos_of(&d, "<destination ", 0),
    );
    assert_eq!(
        f.path,
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/extension/destinationList/destination[1]/@type"
    );
    assert!(f.message.starts_with("destination/@type"), "{}", f.message);
}

#[test]
fn cbv_error_reason() {
    let d = doc(&edit(OBJECT, "er:incorrect_data", "er:incorect_data"));
    let f = one(
        &d,
        "cbv.error_reason",
        Severity::Warning,
        pos_of(&d, "urn:epcglobal:cbv:er:incorect_data", 0),
    );
    assert!(f.message.contains("incorrect_data"), "{}", f.message);
}

// ---- header ----

#[test]
fn header_schema_version() {
    let root = "<epcis:EPCISDocument";
    let d = doc(OBJECT).replacen("schemaVersion=\"1.2\"", "schemaVersion=\"1.1\"", 1);
    one(
        &d,
        "header.schema_version",
        Severity::Warning,
        pos_of(&d, root, 0),
    );
    let d = doc(OBJECT).replacen("schemaVersion=\"1.2\"", "schemaVersion=\"one\"", 1);
    one(
        &d,
        "header.schema_version",
        Severity::Error,
        pos_of(&d, root, 0),
    );
    let d = doc(OBJECT).replacen(" schemaVersion=\"1.2\"", "", 1);
    let f = one(
        &d,
        "header.schema_version",
        Severity::Error,
        pos_of(&d, root, 0),
    );
    assert_eq!(f.path, "EPCISDocument");
    let d = doc(OBJECT).replacen("schemaVersion=\"1.2\"", "schemaVersion=\"1.20\"", 1);
    assert_eq!(scan(&d).0.findings, []);
}

#[test]
fn header_creation_date() {
    let root = "<epcis:EPCISDocument";
    let d = doc(OBJECT).replacen(
        "creationDate=\"2024-01-01T00:00:00Z\"",
        "creationDate=\"2024-01-01\"",
        1,
    );
    let f = one(
        &d,
        "header.creation_date",
        Severity::Error,
        pos_of(&d, root, 0),
    );
    assert_eq!(f.path, "EPCISDocument/@creationDate");
    let d = doc(OBJECT).replacen(
        "creationDate=\"2024-01-01T00:00:00Z\"",
        "creationDate=\"2024-01-01T00:00:00\"",
        1,
    );
    one(
        &d,
        "header.creation_date",
        Severity::Warning,
        pos_of(&d, root, 0),
    );
    let d = doc(OBJECT).replacen(" creationDate=\"2024-01-01T00:00:00Z\"", "", 1);
    one(
        &d,
        "header.creation_date",
        Severity::Error,
        pos_of(&d, root, 0),
    );
}

// ---- the public corpus, when present ----

#[test]
fn public_corpus_scans() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/public-epcis");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        let mut v = Validator::checked(Collect::default());
        // Scan errors are the scanner's business; the validator must just
        // not panic and stay consistent.
        let _ = scan_slice(&bytes, &ScanOptions::default(), &mut v);
        let (c, stats) = v.into_parts();
        assert_eq!(
            stats.total().total(),
            c.epcs.len() as u64,
            "{}",
            e.path().display()
        );
    }
}

#[test]
fn values_with_white_space_point_at_the_byte() {
    let d = doc(&edit(
        OBJECT,
        "<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>",
        "<bizStep>\n   urn:epcglobal:cbv:bizstep:comissioning\n</bizStep>",
    ));
    let v = "urn:epcglobal:cbv:bizstep:comissioning";
    one(&d, "cbv.biz_step", Severity::Warning, pos_of(&d, v, 0));
    let d = doc(&edit(
        OBJECT,
        "<eventTime>2024-01-01T00:00:00.000Z</eventTime>",
        "<eventTime>\n  2024-01-01T00:61:00.000Z  </eventTime>",
    ));
    one(
        &d,
        "event.time",
        Severity::Error,
        pos_of(&d, "2024-01-01T00:61", 14),
    );
}

mod never_panics {
    use super::super::{epcs, event, time, vocab};
    use super::*;
    use proptest::prelude::*;

    fn values() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "(urn:epc:(id|class|idpat|tag):)?[a-z0-9-]{0,8}:[0-9.%A-Za-z*/&#]{0,40}",
            "(urn:epcglobal:cbv:(bizstep|disp|btt|sdt|er|x):|https://ref.gs1.org/cbv/BizStep-)[a-z_]{0,20}",
            "-?[0-9]{0,6}-[0-9]{0,3}-[0-9]{0,3}T[0-9:.]{0,14}(Z|[+-][0-9:]{0,6})?",
            "(https?://[a-z.]{0,12})?(/[0-9A-Za-z%]{0,14}){0,5}",
            "[(][0-9]{2,4}[)][0-9A-Za-z]{0,20}",
        ]
    }

    proptest! {
        #[test]
        fn checks(v in values()) {
            for &field in EpcField::ALL {
                let c = check_epc(field, &v);
                let check = c.as_check();
                let _ = (check.is_valid(), check.scheme(), check.reason(field));
                if let Some((_, _, _, offset)) = epcs::finding(field, &v, &check) {
                    prop_assert!(offset <= v.len());
                }
            }
            let _ = time::check_date_time(&v, true);
            let _ = time::check_zone_offset(&v);
            for voc in [&vocab::BIZ_STEP, &vocab::DISPOSITION, &vocab::BTT, &vocab::SDT, &vocab::ERROR_REASON] {
                let _ = voc.check(&v);
            }
            let _ = event::check_location("readPoint", &v);
            let _ = event::check_quantity(&v, false);
            let _ = event::check_quantity(&v, true);
        }
    }
}
