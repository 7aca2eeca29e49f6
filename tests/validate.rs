//! The receiver's message rules (`epcstream::som`, `epcstream validate`).
//!
//! * The seed's own examples (`corpus/seed/`) get their verdicts.
//! * Every rule of [`RULES`] is broken by at least one case of [`CASES`]:
//!   a valid document of `corpus/som/` mutated by string replacements,
//!   checked through the library (`Validator::checked(Checker::new(..))`
//!   over `scan_slice`, as `epcstream validate` wires it), expecting
//!   exactly one receiver (Class 1/2) violation with the exact rule, class,
//!   severity, text, line:column and element path. A rule without a case
//!   fails [`every_rule_has_a_case`], so a new rule needs a test.
//! * The CLI: exit codes, `--format jsonl`, `--receiver-only`, `--message`,
//!   `--lookups`, `--product-master`, `--state`, stdin.

use epcstream::epcis::{ScanOptions, Severity, scan_slice};
use epcstream::som::rules::RULES;
use epcstream::som::{
    Checker, Class, Config, Lookups, MessageType, ProductMaster, Table, Verdict, Violation,
};
use epcstream::validate::Validator;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

// ---- harness -------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    let p = root().join("corpus").join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

fn master() -> ProductMaster {
    ProductMaster::load(&root().join("corpus/som/products.csv")).expect("corpus/som/products.csv")
}

fn config(message: Option<&str>) -> Config {
    Config {
        message: message.map(|m| MessageType::from_code(m).expect("a message code")),
        lookups: Lookups::builtin(),
        master: ProductMaster::new(),
        now: None,
    }
}

/// Checks one document as `epcstream validate` does: the checker behind
/// the validator, over the streaming scanner.
fn check(doc: &str, config: &Config) -> (Vec<Violation<'static>>, Verdict) {
    let mut sink = Validator::checked(Checker::new(config, Vec::<Violation<'static>>::new()));
    let options = ScanOptions {
        threads: 1,
        ..ScanOptions::default()
    };
    let result = scan_slice(doc.as_bytes(), &options, &mut sink);
    assert!(result.is_ok(), "not well-formed: {result:?}\n{doc}");
    sink.into_inner().finish()
}

/// The receiver's violations (Class 1 and 2).
fn receiver(v: &[Violation<'static>]) -> Vec<Violation<'static>> {
    v.iter()
        .filter(|v| v.class != Class::Gs1)
        .cloned()
        .collect()
}

/// Applies the replacements in order, each to its first occurrence. A
/// `from` of the form `A…B` replaces from the first `A` to the end of the
/// first `B` after it (a whole element, however long).
fn mutate(doc: &str, edits: &[(&str, &str)]) -> String {
    let mut doc = doc.to_owned();
    for (from, to) in edits {
        let (start, end) = match from.split_once('…') {
            Some((a, b)) => {
                let i = doc
                    .find(a)
                    .unwrap_or_else(|| panic!("`{a}` not in the document"));
                let j = doc[i + a.len()..]
                    .find(b)
                    .unwrap_or_else(|| panic!("`{b}` not after `{a}`"));
                (i, i + a.len() + j + b.len())
            }
            None => {
                let i = doc
                    .find(from)
                    .unwrap_or_else(|| panic!("`{from}` not in the document"));
                (i, i + from.len())
            }
        };
        doc.replace_range(start..end, to);
    }
    doc
}

/// Line and column (1-based, bytes) of a byte offset.
fn line_col(doc: &str, offset: u64) -> (u32, u32) {
    let before = &doc.as_bytes()[..usize::try_from(offset).unwrap()];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (u32::try_from(line).unwrap(), u32::try_from(col).unwrap())
}

/// Extra setup of a case.
#[derive(Clone, Copy)]
enum With {
    Nothing,
    /// `corpus/som/products.csv` as the product master.
    Master,
    /// A lookup table replaced by these values.
    Lookup(Table, &'static [&'static str]),
}

/// One broken rule.
struct Case {
    /// File in `corpus/som/`, without `.xml`.
    base: &'static str,
    /// The message type code given (`--message`), or none (inferred).
    message: Option<&'static str>,
    edits: &'static [(&'static str, &'static str)],
    with: With,
    rule: &'static str,
    class: Class,
    severity: Severity,
    text: &'static str,
    line: u32,
    column: u32,
    path: &'static str,
    /// Other receiver rules that the same mutation breaks too (checked by
    /// id only; each has its own case).
    also: &'static [&'static str],
}

const ONE: Class = Class::One;
const TWO: Class = Class::Two;
const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// `case!(base, message, [edits], rule, CLASS SEV, text, line:col, path)`.
macro_rules! case {
    ($base:literal, $msg:expr, [$($e:expr),* $(,)?], $rule:literal, $class:ident $sev:ident, $text:expr, $line:literal : $col:literal, $path:expr $(, with = $with:expr)? $(, also = $also:expr)? $(,)?) => {
        Case {
            base: $base,
            message: $msg,
            edits: &[$($e),*],
            with: { #[allow(unused_mut, unused_assignments)] let mut w = With::Nothing; $(w = $with;)? w },
            rule: $rule,
            class: $class,
            severity: $sev,
            text: $text,
            line: $line,
            column: $col,
            path: $path,
            also: { #[allow(unused_mut, unused_assignments)] let mut a: &'static [&'static str] = &[]; $(a = $also;)? a },
        }
    };
}

/// An element path below the event list.
macro_rules! ev {
    ($p:literal) => {
        concat!("EPCISDocument/EPCISBody/EventList/", $p)
    };
}

const LIST: &str = "EPCISDocument/EPCISBody/EventList";

impl Case {
    fn name(&self) -> String {
        format!(
            "{} in {}{}",
            self.rule,
            self.base,
            self.message
                .map_or_else(String::new, |m| format!(" --message {m}"))
        )
    }
    fn config(&self) -> Config {
        let mut c = config(self.message);
        match self.with {
            With::Nothing => {}
            With::Master => c.master = master(),
            With::Lookup(t, values) => c.lookups.set(t, values.iter().map(|v| (*v).to_owned())),
        }
        c
    }
    fn document(&self) -> String {
        mutate(&read(&format!("som/{}.xml", self.base)), self.edits)
    }
}

// ---- the cases -------------------------------------------------------------

const DECOM: Option<&str> = Some("SOM_ESM_DECOMMSSION");
const DECOM_EV: Option<&str> = Some("SOM_DECOMMISSION_EVENT");
const DESTROY: Option<&str> = Some("SOM_ESM_DESTROY");
const DESTROY_EV: Option<&str> = Some("SOM_DESTROY_EVENT");
const INFERRED: Option<&str> = None;

const VOID: Option<&str> = Some("SOM_ESM_VOID_SHIPMENT");
const UPDATE: Option<&str> = Some("SOM_UPDATE_SN_STATUS");
const COMMISSION: Option<&str> = Some("SOM_ESM_COMMISSION");
const SHIPMENT: Option<&str> = Some("SOM_ESM_SHIPMENT");
const RECEIVE: Option<&str> = Some("SOM_ESM_RECEIPT");

/// The event of a document, removed.
const NO_EVENT: (&str, &str) = ("      <ObjectEvent>…</ObjectEvent>\n", "");
const ACTION_ADD: (&str, &str) = ("<action>DELETE</action>", "<action>ADD</action>");
const EMPTY_NAME: (&str, &str) = (
    "<tl:businessName>Volga Pharma Plant</tl:businessName>",
    "<tl:businessName></tl:businessName>",
);
const NO_STREET: (&str, &str) = (
    "              <tl:street1>Bolshoy Devyatinsky Lane 8</tl:street1>\n",
    "",
);
const EMPTY_CITY: (&str, &str) = ("<tl:city>Moskva</tl:city>", "<tl:city/>");
const NO_STATE: (&str, &str) = (
    "              <tl:stateOrRegion>Presnensky</tl:stateOrRegion>\n",
    "",
);
const BLANK_COUNTRY: (&str, &str) = ("<tl:country>RU</tl:country>", "<tl:country> </tl:country>");
const NO_GUID: (&str, &str) = (
    "              <tl:addressObjectGUID>…</tl:addressObjectGUID>\n",
    "",
);
const NO_PARTY: (&str, &str) = (
    "          <tl:businessPartyInfo>…</tl:businessPartyInfo>\n",
    "",
);

static CASES: &[Case] = &[
    // ---- Class 1, the seed's rows: action, bizStep, disposition -------------
    case!("esm_decommission", DECOM, [ACTION_ADD], "som.action", ONE E,
        "Action DELETE is required for ObjectEvent decommissioning !!!", 30:17, ev!("ObjectEvent[1]/action")),
    case!("esm_decommission", INFERRED, [ACTION_ADD], "som.action", ONE E,
        "Action DELETE is required for ObjectEvent decommissioning !!!", 30:17, ev!("ObjectEvent[1]/action")),
    case!("decommission_event", DECOM_EV, [("<action>DELETE</action>", "<action>OBSERVE</action>")], "som.action", ONE E,
        "Action DELETE is required for decommissioning !!!", 30:17, ev!("ObjectEvent[1]/action")),
    case!("esm_destroy", DESTROY, [("        <action>DELETE</action>\n", "")], "som.action", ONE E,
        "Action DELETE is required for destroying !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("destroy_event", DESTROY_EV, [("<action>DELETE</action>", "<action>delete</action>")], "som.action", ONE E,
        "Action DELETE is required for destroying!!!", 30:17, ev!("ObjectEvent[1]/action")),
    case!("esm_decommission", DECOM, [("bizstep:decommissioning", "bizstep:destroying")], "som.biz_step", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:decommissioning is required for decommissioning !!!", 31:18, ev!("ObjectEvent[1]/bizStep")),
    case!("decommission_event", DECOM_EV, [("<bizStep>urn:epcglobal:cbv:bizstep:decommissioning</bizStep>", "<bizStep>decommissioning</bizStep>")], "som.biz_step", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:decommissioning is required for decommissioning !!!", 31:18, ev!("ObjectEvent[1]/bizStep")),
    case!("esm_destroy", DESTROY, [("        <bizStep>…</bizStep>\n", "")], "som.biz_step", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:destroying is required for destroying !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("destroy_event", DESTROY_EV, [("bizstep:destroying", "bizstep:decommissioning")], "som.biz_step", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:destroying is required for destroying !!!", 31:18, ev!("ObjectEvent[1]/bizStep")),
    case!("esm_decommission", DECOM, [("disp:inactive", "disp:destroyed")], "som.disposition", ONE E,
        "Disposition urn:epcglobal:cbv:disp:inactive is required for decommissioning !!!", 32:22, ev!("ObjectEvent[1]/disposition")),
    case!("decommission_event", DECOM_EV, [("disp:inactive", "disp:active")], "som.disposition", ONE E,
        "Disposition urn:epcglobal:cbv:disp:inactive is required for decommissioning !!!", 32:22, ev!("ObjectEvent[1]/disposition")),
    case!("esm_destroy", DESTROY, [("disp:destroyed", "disp:inactive")], "som.disposition", ONE E,
        "Disposition urn:epcglobal:cbv:disp:destroyed is required for destroying !!!", 32:22, ev!("ObjectEvent[1]/disposition")),
    case!("destroy_event", DESTROY_EV, [("        <disposition>…</disposition>\n", "")], "som.disposition", ONE E,
        "Disposition urn:epcglobal:cbv:disp:destroyed is required for destroying!!!", 23:7, ev!("ObjectEvent[1]")),
    // ---- ObjectEvent required, per message ------------------------------------
    case!("esm_decommission", DECOM, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for decommissioning !!!", 2:1, LIST),
    case!("esm_destroy", DESTROY, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for destroying !!!", 2:1, LIST),
    case!("destroy_event", DESTROY_EV, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for destroying!!!", 2:1, LIST, also = &["som.message_body"]),
    case!("esm_commission", COMMISSION, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for commissioning !!!", 2:1, LIST),
    case!("esm_shipment", SHIPMENT, [("      <ObjectEvent>\n        <eventTime>2024-03-06T11:00:00Z…</ObjectEvent>\n", "")], "som.object_event", ONE E,
        "ObjectEvent is required for shipping !!!", 2:1, LIST),
    case!("esm_receive", RECEIVE, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for receiving !!!", 2:1, LIST),
    case!("take_sample", Some("SOM_TAKE_SAMPLE"), [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for sampling !!!", 2:1, LIST),
    case!("esm_void_shipment", VOID, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for void shipping !!!", 2:1, LIST),
    case!("esm_update_sn_status", UPDATE, [NO_EVENT], "som.object_event", ONE E,
        "ObjectEvent is required for serial number status update !!!", 2:1, LIST),
    // ---- EPCs -------------------------------------------------------------------
    case!("esm_decommission", DECOM, [("sgtin:4607012.034567.100000000002", "sgtin:4607012.34567.100000000002")], "som.epc", ONE E,
        "Invalid EPC format !!!", 28:41, ev!("ObjectEvent[1]/epcList/epc[2]")),
    case!("esm_commission", INFERRED, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000101</epc>", "<epc>urn:epc:tag:sgtin-96:1.4607012.034567.100000000101</epc>")], "som.epc", ONE E,
        "Invalid EPC format !!!", 27:16, ev!("ObjectEvent[1]/epcList/epc[1]")),
    case!("esm_aggregation", INFERRED, [("sscc:4607012.0000000001", "sscc:4607012.000000001")], "som.epc", ONE E,
        "Invalid EPC format !!!", 26:43, ev!("AggregationEvent[1]/parentID")),
    case!("esm_destroy", DESTROY, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000004</epc>", "<epc></epc>")], "som.epc_required", ONE E,
        "Serial number in source epc is required !!!", 28:16, ev!("ObjectEvent[1]/epcList/epc[2]")),
    case!("esm_decommission", DECOM, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000001</epc>", "<epc> </epc>")], "som.epc_required", ONE E,
        "Invalid EPC format !!!", 27:17, ev!("ObjectEvent[1]/epcList/epc[1]")),
    // ---- readPoint --------------------------------------------------------------
    case!("esm_decommission", DECOM, [("        <readPoint>…</readPoint>\n", "")], "som.read_point", ONE E,
        "Source read point ID is required !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("destroy_event", DESTROY_EV, [("<readPoint>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>", "<readPoint>\n          <id></id>")], "som.read_point", ONE E,
        "Source read point ID is required !!!", 34:15, ev!("ObjectEvent[1]/readPoint/id")),
    case!("decommission_event", DECOM_EV, [("<readPoint>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>", "<readPoint>\n          <id>urn:example:site:7</id>")], "som.read_point_type", ONE E,
        "Valid decommission event location identifier type is required !!!", 34:15, ev!("ObjectEvent[1]/readPoint/id")),
    // ---- bizTransaction, SBDH authorities ----------------------------------------
    case!("esm_decommission", DECOM, [("type=\"http://epcis.tracelink.com/hc/btt/removal\"", "type=\"urn:epcglobal:cbv:btt:removal\"")], "som.biz_transaction_type", ONE E,
        "Valid bizTransaction type is required if bizTransaction is populated !!!", 40:11, ev!("ObjectEvent[1]/bizTransactionList/bizTransaction[1]/@type")),
    case!("esm_shipment", INFERRED, [("<bizTransaction type=\"urn:epcglobal:cbv:btt:desadv\">", "<bizTransaction>")], "som.biz_transaction_type", ONE E,
        "Valid bizTransaction type is required if bizTransaction is populated !!!", 84:27, ev!("ObjectEvent[3]/bizTransactionList/bizTransaction[2]/@type")),
    case!("esm_commission", INFERRED, [("Authority=\"GLN\"", "Authority=\"GLN13\"")], "som.sender_authority", ONE E,
        "Valid Sender/Identifier Authority is required !!!", 7:9, "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:Sender[1]/sbdh:Identifier/@Authority"),
    case!("esm_destroy", DESTROY, [("<sbdh:Identifier Authority=\"GLN\">0614141123452", "<sbdh:Identifier>0614141123452")], "som.receiver_authority", ONE E,
        "Valid Receiver/Identifier Authority is required !!!", 10:26, "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:Receiver[1]/sbdh:Identifier/@Authority"),
    // ---- tl:locationId/@type ------------------------------------------------------
    case!("esm_decommission", DECOM, [("<tl:locationId type=\"GLN\">", "<tl:locationId>")], "som.location_id_type_required", ONE E,
        "Valid location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("esm_destroy", DESTROY, [("<tl:locationId type=\"GLN\">", "<tl:locationId type=\"\">")], "som.location_id_type_required", ONE E,
        "Location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("destroy_event", DESTROY_EV, [("<tl:locationId type=\"GLN\">", "<tl:locationId type=\" \">")], "som.location_id_type_required", ONE E,
        "Location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("esm_void_shipment", VOID, [("<tl:locationId type=\"GLN\">", "<tl:locationId>")], "som.location_id_type_required", ONE E,
        "Valid location identifier type is required if location ID is populated !!!", 41:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("destroy_event", DESTROY_EV, [("<tl:locationId type=\"GLN\">", "<tl:locationId>")], "som.location_id_type_occurs", ONE E,
        "@type occurs fewer times than its minimum number of occurrences.", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("esm_decommission", DECOM, [("<tl:locationId type=\"GLN\">", "<tl:locationId type=\"GLN13\">")], "som.location_id_type", ONE E,
        "Valid location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("esm_destroy", DESTROY, [("<tl:locationId type=\"GLN\">", "<tl:locationId type=\"gln\">")], "som.location_id_type", ONE E,
        "Valid Location identifier type is required !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    case!("destroy_event", DESTROY_EV, [("<tl:locationId type=\"GLN\">", "<tl:locationId type=\"FEI\">")], "som.location_id_type", ONE E,
        "Valid location identifier type is required !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type")),
    // ESM Decommission looks the type up in LocationIdType, the others in
    // MessagePartyIdType (the seed's element tables).
    case!("esm_decommission", DECOM, [], "som.location_id_type", ONE E,
        "Valid location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type"),
        with = With::Lookup(Table::LocationIdType, &["SGLN"])),
    case!("decommission_event", DECOM_EV, [], "som.location_id_type", ONE E,
        "Valid location identifier type is required if location ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:locationId/@type"),
        with = With::Lookup(Table::MessagePartyIdType, &["SGLN"])),
    // ---- tl:businessPartyInfo -------------------------------------------------------
    case!("esm_decommission", DECOM, [("<tl:businessClassification>MANUFACTURER<", "<tl:businessClassification>Manufacturer<")], "som.business_classification", ONE E,
        "Valid business classification value is required !!!", 49:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:businessClassification")),
    case!("esm_destroy", DESTROY, [("<tl:businessId type=\"GLN\">4607012000019</tl:businessId>", "<tl:businessId type=\"GLN\"/>")], "som.business_id", ONE E,
        "Business party identifier is required !!!", 47:11, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:businessId")),
    case!("esm_decommission", DECOM, [("<tl:businessId type=\"GLN\">", "<tl:businessId>")], "som.business_id_type_required", ONE E,
        "Party type attribute is required when BusinessId is populated !!!", 48:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:businessId/@type")),
    case!("esm_destroy", DESTROY, [("<tl:businessId type=\"GLN\">", "<tl:businessId type=\"\">")], "som.business_id_type_required", ONE E,
        "Party type attribute is required when BusinessId is populated !!!!", 48:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:businessId/@type")),
    case!("destroy_event", DESTROY_EV, [("<tl:businessId type=\"GLN\">", "<tl:businessId type=\"EAN\">")], "som.business_id_type", ONE E,
        "Valid business identifier type is required !!!", 48:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:businessId/@type")),
    // ---- tl:BusinessPartyDetail, the four message variants --------------------------
    case!("esm_decommission", DECOM, [EMPTY_NAME], "som.business_name", ONE E,
        "Business party name is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:businessName")),
    case!("esm_destroy", DESTROY, [EMPTY_NAME], "som.business_name", ONE E,
        "Transfer from business party name is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:businessName")),
    case!("decommission_event", DECOM_EV, [EMPTY_NAME], "som.business_name", ONE E,
        "Business name of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:businessName")),
    case!("destroy_event", DESTROY_EV, [EMPTY_NAME], "som.business_name", ONE E,
        "Business name of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:businessName")),
    case!("esm_decommission", DECOM, [NO_STREET], "som.street1", ONE E,
        "Business party street address is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:street1")),
    case!("esm_destroy", DESTROY, [NO_STREET], "som.street1", ONE E,
        "Transfer from business party street address is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:street1")),
    case!("decommission_event", DECOM_EV, [NO_STREET], "som.street1", ONE E,
        "Street address of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:street1")),
    case!("destroy_event", DESTROY_EV, [NO_STREET], "som.street1", ONE E,
        "Street address of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:street1")),
    case!("esm_decommission", DECOM, [EMPTY_CITY], "som.city", ONE E,
        "Business party city is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:city")),
    case!("esm_destroy", DESTROY, [EMPTY_CITY], "som.city", ONE E,
        "Transfer from business party city is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:city")),
    case!("decommission_event", DECOM_EV, [EMPTY_CITY], "som.city", ONE E,
        "City of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:city")),
    case!("destroy_event", DESTROY_EV, [EMPTY_CITY], "som.city", ONE E,
        "City of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:city")),
    case!("esm_decommission", DECOM, [NO_STATE], "som.state_or_region", ONE E,
        "Business party state or region is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:stateOrRegion")),
    case!("esm_destroy", DESTROY, [NO_STATE], "som.state_or_region", ONE E,
        "Transfer from business party state or region is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:stateOrRegion")),
    case!("decommission_event", DECOM_EV, [NO_STATE], "som.state_or_region", ONE E,
        "State or region of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:stateOrRegion")),
    case!("destroy_event", DESTROY_EV, [NO_STATE], "som.state_or_region", ONE E,
        "State or region of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:stateOrRegion")),
    case!("esm_decommission", DECOM, [BLANK_COUNTRY], "som.country", ONE E,
        "Business party country is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:country")),
    case!("esm_destroy", DESTROY, [BLANK_COUNTRY], "som.country", ONE E,
        "Transfer from business party country is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:country")),
    case!("decommission_event", DECOM_EV, [BLANK_COUNTRY], "som.country", ONE E,
        "Country of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:country")),
    case!("destroy_event", DESTROY_EV, [BLANK_COUNTRY], "som.country", ONE E,
        "Country of business party is required !!!", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:country")),
    case!("esm_decommission", DECOM, [("<tl:country>RU</tl:country>", "<tl:country>IN</tl:country>")], "som.district", ONE E,
        "3-digit numeric District code required for country India !!!", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:district")),
    case!("destroy_event", DESTROY_EV, [("<tl:country>RU</tl:country>", "<tl:district>4A1</tl:district>\n              <tl:country>IN</tl:country>")], "som.district", ONE E,
        "3-digit numeric District code required for country India !!!", 56:15, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:district")),
    // ---- the rest of the extension block ------------------------------------------------
    case!("esm_decommission", DECOM, [("<tl:marketCountryCode>RU<", "<tl:marketCountryCode>R<")], "som.market_country_code", ONE E,
        "Market Country Code must be at least two characters !!!", 46:11, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:marketCountryCode")),
    case!("esm_destroy", DESTROY, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000003</epc>", "<epc>http://epcis.tracelink.com/hc/cn-edmc/obj/81234567890123456789</epc>")], "som.warehouse_operator", ONE E,
        "Warehouse operator name for China product is required !!!", 43:9, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:warehouseOperatorName")),
    case!("destroy_event", DESTROY_EV, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000003</epc>", "<epc>http://epcis.tracelink.com/obj/cn-edmn/81234567890123456789</epc>")], "som.warehouse_operator", ONE E,
        "Warehouse operator name for China product is required !!!", 43:9, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:warehouseOperatorName")),
    case!("decommission_event", DECOM_EV, [("<tl:decommissionReasonCode>DAMAGED<", "<tl:decommissionReasonCode>Damaged<")], "som.decommission_reason_code", ONE E,
        "Valid reason code is required !!!", 61:11, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:decommissionReasonCode")),
    case!("esm_destroy", DESTROY, [("<tl:destructionMethod>INCINERATION<", "<tl:destructionMethod>LANDFILL<")], "som.destruction_method", ONE E,
        "Valid destruction method code is required !!!", 63:11, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:destructionMethod")),
    // ---- Class 1, epcstream's: extension blocks --------------------------------------------
    case!("esm_destroy", DESTROY, [("        <tl:destroyEventExtensions>…</tl:destroyEventExtensions>\n", "")], "som.extension_required", ONE E,
        "tl:destroyEventExtensions occurs fewer times than its minimum number of occurrences.", 23:7, ev!("ObjectEvent[1]/tl:destroyEventExtensions")),
    case!("esm_update_sn_status", UPDATE, [("        <tl:updateStatusEventExtensions>…</tl:updateStatusEventExtensions>\n", "")], "som.extension_required", ONE E,
        "tl:updateStatusEventExtensions occurs fewer times than its minimum number of occurrences.", 23:7, ev!("ObjectEvent[1]/tl:updateStatusEventExtensions")),
    case!("esm_decommission", DECOM, [("</tl:decommissionEventExtensions>", "</tl:decommissionEventExtensions>\n        <tl:decommissionEventExtensions>\n          <tl:decommissionReasonCode>DAMAGED</tl:decommissionReasonCode>\n        </tl:decommissionEventExtensions>")], "som.extension_repeated", ONE E,
        "More than one event extension element found !!!", 64:9, ev!("ObjectEvent[1]/tl:decommissionEventExtensions")),
    case!("esm_decommission", INFERRED, [("<tl:decommissionEventExtensions>", "<tl:decomissionEventExtensions>"), ("</tl:decommissionEventExtensions>", "</tl:decomissionEventExtensions>")], "som.misspelt_element", ONE W,
        "Misspelt element accepted !!!", 43:9, ev!("ObjectEvent[1]/tl:decomissionEventExtensions")),
    case!("esm_receive", RECEIVE, [("    </EventList>", "      <AggregationEvent>\n        <eventTime>2024-03-08T09:30:00Z</eventTime>\n        <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>\n        <parentID>urn:epc:id:sscc:4607012.0000000001</parentID>\n        <action>DELETE</action>\n        <bizStep>urn:epcglobal:cbv:bizstep:unpacking</bizStep>\n        <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>\n        <bizLocation>\n          <id>urn:epc:id:sgln:0614141.12345.0</id>\n        </bizLocation>\n      </AggregationEvent>\n    </EventList>")], "som.unexpected_event", ONE E,
        "Event not expected in this message !!!", 43:7, ev!("AggregationEvent[2]")),
    // ---- the other messages' action, bizStep, disposition -----------------------------------
    case!("esm_commission", COMMISSION, [("<action>ADD</action>", "<action>OBSERVE</action>")], "som.action_other", ONE E,
        "Action ADD is required for commissioning !!!", 29:17, ev!("ObjectEvent[1]/action")),
    case!("esm_aggregation", INFERRED, [("<action>ADD</action>", "<action>OBSERVE</action>")], "som.action_other", ONE E,
        "Action ADD is required for aggregation !!!", 31:17, ev!("AggregationEvent[1]/action")),
    case!("esm_disaggregate", Some("SOM_ESM_DISAGGREGATE"), [("<action>DELETE</action>", "<action>ADD</action>")], "som.action_other", ONE E,
        "Action DELETE is required for disaggregation !!!", 31:17, ev!("AggregationEvent[1]/action")),
    case!("esm_shipment", SHIPMENT, [("<action>OBSERVE</action>", "<action>ADD</action>")], "som.action_other", ONE E,
        "Action OBSERVE is required for shipping !!!", 73:17, ev!("ObjectEvent[3]/action")),
    case!("esm_receive", INFERRED, [("<action>OBSERVE</action>", "<action>ADD</action>")], "som.action_other", ONE E,
        "Action OBSERVE is required for receiving !!!", 29:17, ev!("ObjectEvent[1]/action")),
    case!("esm_void_shipment", VOID, [("<action>OBSERVE</action>", "<action>DELETE</action>")], "som.action_other", ONE E,
        "Action OBSERVE is required for void shipping !!!", 29:17, ev!("ObjectEvent[1]/action")),
    case!("esm_commission", COMMISSION, [("bizstep:commissioning", "bizstep:encoding")], "som.biz_step_other", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:commissioning is required for commissioning !!!", 30:18, ev!("ObjectEvent[1]/bizStep")),
    case!("esm_void_shipment", VOID, [("bizstep:void_shipping", "bizstep:shipping")], "som.biz_step_other", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:void_shipping is required for void shipping !!!", 30:18, ev!("ObjectEvent[1]/bizStep")),
    case!("take_sample", Some("SOM_TAKE_SAMPLE"), [("bizstep:sampling", "bizstep:inspecting")], "som.biz_step_other", ONE E,
        "bizStep urn:epcglobal:cbv:bizstep:sampling is required for sampling !!!", 30:18, ev!("ObjectEvent[1]/bizStep")),
    case!("esm_receive", RECEIVE, [("disp:in_progress", "disp:active")], "som.disposition_other", ONE E,
        "Disposition urn:epcglobal:cbv:disp:in_progress or urn:epcglobal:cbv:disp:in_transit is required for receiving !!!", 31:22, ev!("ObjectEvent[1]/disposition")),
    case!("esm_shipment", INFERRED, [("disp:in_transit", "disp:in_progress")], "som.disposition_other", ONE E,
        "Disposition urn:epcglobal:cbv:disp:in_transit is required for shipping !!!", 75:22, ev!("ObjectEvent[3]/disposition")),
    case!("esm_aggregation", Some("SOM_ESM_AGGREGATE"), [("        <disposition>…</disposition>\n", "")], "som.disposition_other", ONE E,
        "Disposition urn:epcglobal:cbv:disp:in_progress is required for aggregation !!!", 23:7, ev!("AggregationEvent[1]")),
    // ---- required elements of the other messages ----------------------------------------------
    case!("esm_aggregation", INFERRED, [("        <bizLocation>…</bizLocation>\n", "")], "som.biz_location", ONE E,
        "Business location ID is required !!!", 23:7, ev!("AggregationEvent[1]")),
    case!("esm_update_sn_status", UPDATE, [("<bizLocation>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>", "<bizLocation>\n          <id></id>")], "som.biz_location", ONE E,
        "Business location ID is required !!!", 36:15, ev!("ObjectEvent[1]/bizLocation/id")),
    case!("esm_disaggregate", INFERRED, [("        <parentID>…</parentID>\n", "")], "som.parent_id", ONE E,
        "Parent ID is required for aggregation !!!", 23:7, ev!("AggregationEvent[1]")),
    case!("esm_aggregation", Some("SOM_ESM_AGGREGATE"), [("        <childEPCs>…</childEPCs>\n", "")], "som.children", ONE E,
        "Child EPCs are required for aggregation !!!", 23:7, ev!("AggregationEvent[1]")),
    case!("esm_commission", INFERRED, [("        <epcList>…</epcList>\n", "")], "som.epc_list", ONE E,
        "EPCs are required !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("esm_decommission", DECOM, [("        <epcList>…</epcList>\n", "        <epcList/>\n")], "som.epc_list", ONE E,
        "EPCs are required !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("esm_shipment", SHIPMENT, [("        <bizTransactionList>…</bizTransactionList>\n", "")], "som.biz_transaction", ONE E,
        "bizTransaction is required for shipping !!!", 67:7, ev!("ObjectEvent[3]")),
    case!("esm_receive", RECEIVE, [("        <bizTransactionList>…</bizTransactionList>\n", "")], "som.biz_transaction", ONE E,
        "Receiving document is required !!!", 23:7, ev!("ObjectEvent[1]")),
    case!("esm_void_shipment", VOID, [("btt:desadv", "btt:po")], "som.biz_transaction", ONE E,
        "bizTransaction of type urn:epcglobal:cbv:btt:desadv is required for void shipping !!!", 23:7, ev!("ObjectEvent[1]/bizTransactionList")),
    case!("esm_void_shipment", INFERRED, [(">urn:epcglobal:cbv:bt:4607012000019:DLV-1001<", ">DLV-1001<")], "som.biz_transaction_value", ONE E,
        "bizTransaction value must start with urn:epcglobal:cbv:bt: !!!", 39:63, ev!("ObjectEvent[1]/bizTransactionList/bizTransaction[1]")),
    // ---- commission ------------------------------------------------------------------------------
    case!("esm_commission", COMMISSION, [("            <tl:barcodeContent>…</tl:barcodeContent>\n", "")], "som.barcode_content", ONE E,
        "Barcode content is required !!!", 46:11, ev!("ObjectEvent[1]/tl:commissionEventExtensions/tl:epcAttributes/tl:barcodeContent")),
    case!("esm_commission", INFERRED, [("<tl:expiry>2027-02-28</tl:expiry>", "<tl:expiry></tl:expiry>")], "som.expiry", ONE E,
        "Expiry date is required !!!", 49:11, ev!("ObjectEvent[1]/tl:commissionEventExtensions/tl:itemDetail/tl:expiry")),
    case!("esm_commission", COMMISSION, [("<tl:countryDrugCode type=\"RU-GTIN\">", "<tl:countryDrugCode>")], "som.country_drug_code_type", ONE E,
        "Country drug code type is required !!!", 52:13, ev!("ObjectEvent[1]/tl:commissionEventExtensions/tl:itemDetail/tl:countryDrugCode/@type")),
    case!("esm_commission", COMMISSION, [("<tl:packagingLevel>EA<", "<tl:packagingLevel>BOX<")], "som.packaging_level", ONE E,
        "Valid packaging level is required !!!", 45:11, ev!("ObjectEvent[1]/tl:commissionEventExtensions/tl:packagingLevel")),
    case!("esm_shipment", SHIPMENT, [("            <cbvmda:lotNumber>LOT2403A</cbvmda:lotNumber>\n", "")], "som.lot_expiry", ONE E,
        "Lot number and expiration date are required for GTIN products !!!", 23:7, ev!("ObjectEvent[1]/extension/ilmd")),
    // ---- void shipment, status update --------------------------------------------------------------
    case!("esm_void_shipment", VOID, [("    </EventList>", "      <ObjectEvent>\n        <eventTime>2024-03-07T16:01:00Z</eventTime>\n        <eventTimeZoneOffset>+03:00</eventTimeZoneOffset>\n        <epcList>\n          <epc>urn:epc:id:sscc:4607012.0000000002</epc>\n        </epcList>\n        <action>OBSERVE</action>\n        <bizStep>urn:epcglobal:cbv:bizstep:void_shipping</bizStep>\n        <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>\n        <bizTransactionList>\n          <bizTransaction type=\"urn:epcglobal:cbv:btt:desadv\">urn:epcglobal:cbv:bt:4607012000019:DLV-1001</bizTransaction>\n        </bizTransactionList>\n      </ObjectEvent>\n    </EventList>")], "som.one_event", ONE E,
        "Exactly one ObjectEvent is expected !!!", 45:7, ev!("ObjectEvent[2]")),
    case!("esm_void_shipment", VOID, [("<tl:changeReasonCode>ORDER_CANCELLED<", "<tl:changeReasonCode>CANCELLED<")], "som.change_reason_code", ONE E,
        "Valid change reason code is required !!!", 43:9, ev!("ObjectEvent[1]/tl:changeReasonCode")),
    case!("esm_void_shipment", VOID, [("<tl:partnerId type=\"GLN\">", "<tl:partnerId>")], "som.partner_id_type", ONE E,
        "Partner identifier type is required if partner ID is populated !!!", 42:9, ev!("ObjectEvent[1]/tl:partnerId/@type")),
    case!("esm_update_sn_status", UPDATE, [("<tl:updateType>ModifyingIncorrectProductStatus<", "<tl:updateType>Correction<")], "som.update_type", ONE E,
        "Valid update type is required !!!", 39:11, ev!("ObjectEvent[1]/tl:updateStatusEventExtensions/tl:updateType")),
    case!("esm_update_sn_status", INFERRED, [("          <tl:updateType>…</tl:updateType>\n", "")], "som.update_type", ONE E,
        "Valid update type is required !!!", 38:9, ev!("ObjectEvent[1]/tl:updateStatusEventExtensions/tl:updateType")),
    case!("esm_update_sn_status", UPDATE, [], "som.update_reason_code", ONE E,
        "Valid update serial number status reason code is required !!!", 40:11, ev!("ObjectEvent[1]/tl:updateStatusEventExtensions/tl:updateSNStatusReasonCode"),
        with = With::Lookup(Table::UpdateSNStatusReasonCode, &["WRONG_STATUS", "RECALL"])),
    case!("esm_update_sn_status", UPDATE, [("disp:inactive", "disp:active")], "som.status_combination", ONE E,
        "Valid combination of action, bizStep and disposition is required !!!", 23:7, ev!("ObjectEvent[1]")),
    // ---- header, classification ---------------------------------------------------------------------
    case!("esm_commission", INFERRED, [("schemaVersion=\"1.2\"", "schemaVersion=\"1.1\"")], "som.header", ONE W,
        "Header value differs from the message guide !!!", 2:1, "EPCISDocument/@schemaVersion"),
    case!("esm_aggregation", INFERRED, [("<sbdh:HeaderVersion>1.0<", "<sbdh:HeaderVersion>2.0<")], "som.header", ONE W,
        "Header value differs from the message guide !!!", 5:27, "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:HeaderVersion"),
    case!("esm_receive", INFERRED, [("<sbdh:Type>Events<", "<sbdh:Type>Event<")], "som.header", ONE W,
        "Header value differs from the message guide !!!", 16:20, "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:Type"),
    case!("esm_destroy", DESTROY, [("        <sbdh:InstanceIdentifier>…</sbdh:InstanceIdentifier>\n", "")], "som.header", ONE W,
        "Header value differs from the message guide !!!", 4:5, "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier"),
    case!("take_sample", INFERRED, [("  <EPCISHeader>…</EPCISHeader>\n", "")], "som.header", ONE W,
        "Header value differs from the message guide !!!", 2:1, "EPCISDocument/EPCISHeader"),
    case!("esm_shipment", INFERRED, [("      <ObjectEvent>\n        <eventTime>2024-03-06T11:00:00Z…</ObjectEvent>\n", "")], "som.unclassified", ONE W,
        "Message type could not be determined !!!", 2:1, LIST),
    // ---- Class 2 -----------------------------------------------------------------------------------------
    case!("esm_decommission", DECOM, [NO_GUID], "som.address_object_guid", TWO E,
        "AddressObjectGUID cannot be blank for Country RU", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:addressObjectGUID")),
    case!("esm_destroy", INFERRED, [NO_GUID], "som.address_object_guid", TWO E,
        "AddressObjectGUID cannot be blank for Country RU", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:addressObjectGUID")),
    case!("decommission_event", DECOM_EV, [("<tl:addressObjectGUID>19406454-0022-000c-00b0-000000000152<", "<tl:addressObjectGUID><")], "som.address_object_guid", TWO E,
        "AddressObjectGUID cannot be blank for Country RU.", 50:13, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:addressObjectGUID")),
    case!("destroy_event", DESTROY_EV, [NO_GUID], "som.address_object_guid", TWO E,
        "AddressObjectGUID cannot be blank for Country RU.", 50:13, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo/tl:BusinessPartyDetail/tl:addressObjectGUID")),
    case!("esm_decommission", DECOM, [NO_PARTY], "som.reporting_party", TWO E,
        "Reporting Party is required when Transactions are included in the request and products are sold in Russia", 43:9, ev!("ObjectEvent[1]/tl:decommissionEventExtensions/tl:businessPartyInfo"),
        with = With::Master),
    case!("destroy_event", DESTROY_EV, [NO_PARTY], "som.reporting_party", TWO E,
        "Reporting Party is required when Transactions are included in the request and products are sold in Russia", 43:9, ev!("ObjectEvent[1]/tl:destroyEventExtensions/tl:businessPartyInfo"),
        with = With::Master),
    case!("esm_decommission", INFERRED, [("        <tl:decommissionEventExtensions>…</tl:decommissionEventExtensions>\n", "")], "som.reporting_party", TWO E,
        "Reporting Party is required when Transactions are included in the request and products are sold in Russia", 23:7, ev!("ObjectEvent[1]/tl:businessPartyInfo"),
        with = With::Master),
    case!("decommission_event", DECOM_EV, [("        <epcList>…</epcList>\n", "")], "som.event_empty", TWO E,
        "Required field DecommissionEvent is empty", 23:7, ev!("ObjectEvent[1]")),
    case!("destroy_event", DESTROY_EV, [("<epc>urn:epc:id:sgtin:4607012.034567.100000000003</epc>…</epcList>", "</epcList>")], "som.event_empty", TWO E,
        "Required field DestroyEvent is empty", 23:7, ev!("ObjectEvent[1]")),
    case!("decommission_event", DECOM_EV, [("    </EventList>", "      <ObjectEvent>\n        <eventTime>2024-03-04T09:11:00Z</eventTime>\n        <eventTimeZoneOffset>+03:00</eventTimeZoneOffset>\n        <epcList>\n          <epc>urn:epc:id:sgtin:4607012.034567.100000000009</epc>\n        </epcList>\n        <action>DELETE</action>\n        <bizStep>urn:epcglobal:cbv:bizstep:decommissioning</bizStep>\n        <disposition>urn:epcglobal:cbv:disp:inactive</disposition>\n        <readPoint>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>\n        </readPoint>\n        <tl:decommissionEventExtensions>\n          <tl:decommissionReasonCode>DAMAGED</tl:decommissionReasonCode>\n        </tl:decommissionEventExtensions>\n      </ObjectEvent>\n    </EventList>")], "som.event_repeated", TWO E,
        "More than one DecommissionEvent found", 65:7, ev!("ObjectEvent[2]")),
    case!("destroy_event", DESTROY_EV, [("    </EventList>", "      <ObjectEvent>\n        <eventTime>2024-03-05T14:01:00Z</eventTime>\n        <eventTimeZoneOffset>+03:00</eventTimeZoneOffset>\n        <epcList>\n          <epc>urn:epc:id:sgtin:4607012.034567.100000000009</epc>\n        </epcList>\n        <action>DELETE</action>\n        <bizStep>urn:epcglobal:cbv:bizstep:destroying</bizStep>\n        <disposition>urn:epcglobal:cbv:disp:destroyed</disposition>\n        <readPoint>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>\n        </readPoint>\n        <tl:destroyEventExtensions>\n          <tl:destructionMethod>INCINERATION</tl:destructionMethod>\n        </tl:destroyEventExtensions>\n      </ObjectEvent>\n    </EventList>")], "som.event_repeated", TWO E,
        "More than one DestroyEvent found", 66:7, ev!("ObjectEvent[2]")),
    case!("decommission_event", DECOM_EV, [("        <tl:decommissionEventExtensions>…</tl:decommissionEventExtensions>\n", "")], "som.params_missing", TWO E,
        "no decommissionParam found", 23:7, ev!("ObjectEvent[1]/tl:decommissionEventExtensions")),
    case!("destroy_event", DESTROY_EV, [("        <tl:destroyEventExtensions>…</tl:destroyEventExtensions>\n", "")], "som.params_missing", TWO E,
        "no DestroyParams found", 23:7, ev!("ObjectEvent[1]/tl:destroyEventExtensions")),
    case!("decommission_event", DECOM_EV, [("</tl:decommissionEventExtensions>", "</tl:decommissionEventExtensions>\n        <tl:decommissionEventExtensions>\n          <tl:decommissionReasonCode>DAMAGED</tl:decommissionReasonCode>\n        </tl:decommissionEventExtensions>")], "som.params_repeated", TWO E,
        "More than one decommissionParam found", 64:9, ev!("ObjectEvent[1]/tl:decommissionEventExtensions")),
    case!("destroy_event", DESTROY_EV, [("</tl:destroyEventExtensions>", "</tl:destroyEventExtensions>\n        <tl:destroyEventExtensions/>")], "som.params_repeated", TWO E,
        "More than one DestroyParams found", 65:9, ev!("ObjectEvent[1]/tl:destroyEventExtensions")),
    case!("decommission_event", DECOM_EV, [NO_EVENT], "som.message_body", TWO E,
        "message body is null", 2:1, LIST, also = &["som.object_event"]),
    case!("destroy_event", DESTROY_EV, [NO_EVENT], "som.message_body", TWO E,
        "message body is null", 2:1, LIST, also = &["som.object_event"]),
];

// ---- the tests -------------------------------------------------------------

/// Prints the receiver's violations of every case (to write the table):
/// `SOM_PRINT=1 cargo test --test integration validate::cases -- --nocapture`.
fn print_case(c: &Case, got: &[Violation<'static>]) {
    println!("== {}", c.name());
    for v in got {
        println!(
            "   {} {} {:?} {:?} {}:{} {} | {}",
            v.rule,
            v.class,
            v.severity,
            v.message,
            v.pos.line,
            v.pos.column,
            v.path,
            v.detail.as_deref().unwrap_or("")
        );
    }
}

#[test]
fn cases_break_exactly_their_rule() {
    let print = std::env::var_os("SOM_PRINT").is_some();
    let mut failures = Vec::new();
    for c in CASES {
        let doc = c.document();
        let (all, _) = check(&doc, &c.config());
        let got = receiver(&all);
        if print {
            print_case(c, &got);
            continue;
        }
        let Some(v) = got.iter().find(|v| v.rule == c.rule) else {
            failures.push(format!("{}: rule not reported; got {got:#?}", c.name()));
            continue;
        };
        let mut wrong = Vec::new();
        if v.class != c.class {
            wrong.push(format!("class {} (expected {})", v.class, c.class));
        }
        if v.severity != c.severity {
            wrong.push(format!(
                "severity {:?} (expected {:?})",
                v.severity, c.severity
            ));
        }
        if v.message != c.text {
            wrong.push(format!("text {:?}\n   (expected {:?})", v.message, c.text));
        }
        if (v.pos.line, v.pos.column) != (c.line, c.column) {
            wrong.push(format!(
                "at {}:{} (expected {}:{})",
                v.pos.line, v.pos.column, c.line, c.column
            ));
        }
        if line_col(&doc, v.pos.offset) != (v.pos.line, v.pos.column) {
            wrong.push(format!(
                "byte {} is at {:?}, not {}:{}",
                v.pos.offset,
                line_col(&doc, v.pos.offset),
                v.pos.line,
                v.pos.column
            ));
        }
        if v.path != c.path {
            wrong.push(format!("path {:?}\n   (expected {:?})", v.path, c.path));
        }
        let mut others: Vec<&str> = got
            .iter()
            .filter(|x| !std::ptr::eq(*x, v))
            .map(|x| x.rule)
            .collect();
        others.sort_unstable();
        let mut also = c.also.to_vec();
        also.sort_unstable();
        if others != also {
            wrong.push(format!(
                "other receiver violations {others:?} (expected {also:?})"
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!("{}:\n   {}", c.name(), wrong.join("\n   ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_case() {
    let cli_only = ["som.duplicate"];
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !CASES.iter().any(|c| c.rule == *id) && !cli_only.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
    // Every case names a rule of the table, with its class and severity.
    for c in CASES {
        let r = epcstream::som::rules::rule(c.rule)
            .unwrap_or_else(|| panic!("{}: no such rule", c.name()));
        assert_eq!((r.class, r.severity), (c.class, c.severity), "{}", c.name());
    }
}

/// Every message variant of a seed rule's texts is met by some case.
#[test]
fn every_text_variant_of_a_seed_rule_has_a_case() {
    let mut missing = Vec::new();
    for r in RULES.iter().filter(|r| r.seed && r.id != "som.duplicate") {
        for (types, text) in r.texts {
            if !CASES.iter().any(|c| c.rule == r.id && c.text == *text) {
                missing.push(format!("{} {types:?}: {text:?}", r.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "texts without a case:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_bases_are_valid_and_classified() {
    let bases = [
        (
            "esm_commission",
            "SOM_ESM_COMMISSION",
            Some(MessageType::EsmCommission),
        ),
        (
            "esm_decommission",
            "SOM_ESM_DECOMMSSION",
            Some(MessageType::EsmDecommission),
        ),
        (
            "decommission_event",
            "SOM_DECOMMISSION_EVENT",
            Some(MessageType::EsmDecommission),
        ),
        (
            "esm_destroy",
            "SOM_ESM_DESTROY",
            Some(MessageType::EsmDestroy),
        ),
        (
            "destroy_event",
            "SOM_DESTROY_EVENT",
            Some(MessageType::EsmDestroy),
        ),
        (
            "esm_aggregation",
            "SOM_ESM_AGGREGATE",
            Some(MessageType::EsmAggregation),
        ),
        (
            "esm_disaggregate",
            "SOM_ESM_DISAGGREGATE",
            Some(MessageType::EsmDisaggregate),
        ),
        (
            "esm_shipment",
            "SOM_ESM_SHIPMENT",
            Some(MessageType::EsmShipment),
        ),
        (
            "esm_receive",
            "SOM_ESM_RECEIPT",
            Some(MessageType::EsmReceive),
        ),
        (
            "take_sample",
            "SOM_TAKE_SAMPLE",
            Some(MessageType::TakeSample),
        ),
        (
            "esm_void_shipment",
            "SOM_ESM_VOID_SHIPMENT",
            Some(MessageType::EsmVoidShipment),
        ),
        (
            "esm_update_sn_status",
            "SOM_UPDATE_SN_STATUS",
            Some(MessageType::EsmUpdateSnStatus),
        ),
    ];
    let listed: Vec<String> = std::fs::read_dir(root().join("corpus/som"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    assert_eq!(
        listed.len(),
        bases.len(),
        "a base without a check: {listed:?}"
    );
    for (base, code, inferred) in bases {
        let doc = read(&format!("som/{base}.xml"));
        for message in [Some(code), None] {
            let mut config = config(message);
            config.master = master();
            let (all, verdict) = check(&doc, &config);
            let errors: Vec<_> = all
                .iter()
                .filter(|v| v.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{base} {message:?}: {errors:#?}");
            let receiver = receiver(&all);
            assert!(receiver.is_empty(), "{base} {message:?}: {receiver:#?}");
            let expected = message.map_or(inferred, MessageType::from_code);
            assert_eq!(verdict.message, expected, "{base} {message:?}");
            assert_eq!(verdict.given, message.is_some());
            assert_eq!(verdict.errors(), 0);
        }
    }
}

// ---- CLI -------------------------------------------------------------------

fn epcstream(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_epcstream"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run epcstream");
    // A run that fails before reading its input closes the pipe: not an
    // error of the test.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait for epcstream")
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn corpus(rel: &str) -> String {
    root().join("corpus").join(rel).display().to_string()
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("epcstream-validate-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- the seed's own examples ----------------------------------------------------

/// A violation as (class, rule, severity, line, column, path).
type Brief = (Class, &'static str, Severity, u32, u32, &'static str);

fn brief(v: &[Violation<'static>]) -> Vec<(Class, &'static str, Severity, u32, u32, String)> {
    v.iter()
        .map(|v| {
            (
                v.class,
                v.rule,
                v.severity,
                v.pos.line,
                v.pos.column,
                v.path.to_string(),
            )
        })
        .collect()
}

fn owned(v: &[Brief]) -> Vec<(Class, &'static str, Severity, u32, u32, String)> {
    v.iter()
        .map(|&(c, r, s, l, col, p)| (c, r, s, l, col, p.to_owned()))
        .collect()
}

/// seed 004's four EPCIS examples (one line each): accepted, with the
/// warnings their irregularities earn, inferred and with each message
/// type they can be sent as.
#[test]
fn the_seed_examples_are_accepted() {
    let misspelt = "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/tl:decomissionEventExtensions";
    let bt =
        "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/bizTransactionList/bizTransaction[1]";
    // ESM Decommission: schemaVersion="1" and tl:decomissionEventExtensions.
    let decommission: &[Brief] = &[
        (ONE, "som.header", W, 1, 1, "EPCISDocument/@schemaVersion"),
        (
            Class::Gs1,
            "header.schema_version",
            W,
            1,
            1,
            "EPCISDocument/@schemaVersion",
        ),
        (ONE, "som.misspelt_element", W, 1, 1698, misspelt),
        // The bizTransaction `123456789` is no URI (CBV 1.2 §8.5).
        (Class::Gs1, "event.biz_transaction", W, 1, 1649, bt),
    ];
    let destroy: &[Brief] = &[(Class::Gs1, "event.biz_transaction", W, 1, 1633, bt)];
    let table: [(&str, &[&str], MessageType, &[Brief]); 4] = [
        (
            "esm_decommission",
            &[
                "SOM_ESM_DECOMMSSION",
                "SOM_ESM_DECOMMISSION",
                "SOM_DECOMMISSION_EVENT",
            ],
            MessageType::EsmDecommission,
            decommission,
        ),
        (
            "decommission_event",
            &["SOM_DECOMMISSION_EVENT", "SOM_ESM_DECOMMSSION"],
            MessageType::EsmDecommission,
            &[],
        ),
        (
            "esm_destroy",
            &["SOM_ESM_DESTROY", "SOM_DESTROY_EVENT"],
            MessageType::EsmDestroy,
            destroy,
        ),
        (
            "destroy_event",
            &["SOM_DESTROY_EVENT", "SOM_ESM_DESTROY"],
            MessageType::EsmDestroy,
            &[],
        ),
    ];
    for (name, codes, inferred, expected) in table {
        let doc = read(&format!("seed/{name}.xml"));
        let (v, verdict) = check(&doc, &config(None));
        assert_eq!(verdict.message, Some(inferred), "{name}");
        assert!(!verdict.given);
        assert_eq!(brief(&v), owned(expected), "{name} inferred");
        assert_eq!(verdict.errors(), 0, "{name}");
        for code in codes {
            let (v, verdict) = check(&doc, &config(Some(code)));
            assert_eq!(
                verdict.message,
                MessageType::from_code(code),
                "{name} {code}"
            );
            assert!(verdict.given);
            assert_eq!(brief(&v), owned(expected), "{name} --message {code}");
        }
    }
    // The misspelt block is read as the real one: its contents are checked.
    let doc = read("seed/esm_decommission.xml").replace(">DAMAGED<", ">BROKEN<");
    let (v, _) = check(&doc, &config(Some("SOM_ESM_DECOMMSSION")));
    let rules: Vec<&str> = receiver(&v).iter().map(|v| v.rule).collect();
    assert_eq!(
        rules,
        [
            "som.header",
            "som.misspelt_element",
            "som.decommission_reason_code"
        ]
    );
}

/// The seed's ESM Decommission example, its texts for each way to break it.
#[test]
fn the_seed_examples_broken_give_the_seed_texts() {
    let doc = read("seed/esm_decommission.xml");
    let broken = doc
        .replace("<action>DELETE</action>", "<action>ADD</action>")
        .replace(">MANUFACTURER<", ">PHARMACY<")
        .replace(
            " <tl:addressObjectGUID>19406454-0022-000C-00B0-000000000152</tl:addressObjectGUID>",
            "",
        );
    for (code, action, guid) in [
        (
            "SOM_ESM_DECOMMSSION",
            "Action DELETE is required for ObjectEvent decommissioning !!!",
            "AddressObjectGUID cannot be blank for Country RU",
        ),
        (
            "SOM_DECOMMISSION_EVENT",
            "Action DELETE is required for decommissioning !!!",
            "AddressObjectGUID cannot be blank for Country RU.",
        ),
    ] {
        let (v, verdict) = check(&broken, &config(Some(code)));
        let receiver = receiver(&v);
        let texts: Vec<(&str, &str)> = receiver
            .iter()
            .filter(|v| v.severity == Severity::Error)
            .map(|v| (v.rule, v.message.as_ref()))
            .collect();
        assert_eq!(
            texts,
            [
                ("som.action", action),
                (
                    "som.business_classification",
                    "Valid business classification value is required !!!"
                ),
                ("som.address_object_guid", guid),
            ],
            "{code}"
        );
        assert_eq!(verdict.errors_of(ONE), 2);
        assert_eq!(verdict.errors_of(TWO), 1);
    }
}

// ---- the library API ---------------------------------------------------------------

#[test]
fn library_verdict_of_a_shipment() {
    let config = Config {
        message: None,
        lookups: Lookups::builtin(),
        master: master(),
        now: None,
    };
    let doc = read("som/esm_shipment.xml");
    let mut sink = Validator::checked(Checker::new(&config, Vec::<Violation>::new()));
    let summary = scan_slice(doc.as_bytes(), &ScanOptions::default(), &mut sink).unwrap();
    assert_eq!(summary.events, 3);
    let (violations, verdict) = sink.into_inner().finish();
    assert!(violations.is_empty(), "{violations:#?}");
    use epcstream::som::EventRole as R;
    assert_eq!(
        verdict,
        Verdict {
            message: Some(MessageType::EsmShipment),
            given: false,
            roles: vec![(R::Commission, 1), (R::Aggregation, 1), (R::Shipping, 1)],
            events: 3,
            epcs: 6,
            instance_identifier: verdict.instance_identifier.clone(),
            sender: Some("4607012000019".to_owned()),
            counts: [[0; 2]; 3],
        }
    );
    assert_eq!(
        verdict.instance_identifier.as_ref().map(|v| v.as_str()),
        Some("SOM-SHIP-20240306-0008")
    );
    assert_eq!(
        verdict.describe(),
        "ESM Shipment (commission + aggregation + shipping)"
    );
}

#[test]
fn library_counts_by_class_and_severity() {
    // Two Class 1 errors, one Class 2 error, a Class 1 warning, a GS1 error
    // and a GS1 warning.
    let doc = mutate(
        &read("som/esm_destroy.xml"),
        &[
            ("schemaVersion=\"1.2\"", "schemaVersion=\"1.0\""),
            ("<tl:city>Moskva</tl:city>", "<tl:city/>"),
            (">INCINERATION<", ">BURIAL<"),
            NO_GUID,
            (
                "sgtin:4607012.034567.100000000004",
                "sgtin:4607012.034567.1000000000041234567890",
            ),
        ],
    );
    let (v, verdict) = check(&doc, &config(Some("SOM_ESM_DESTROY")));
    let mut rules: Vec<(Class, &str, Severity)> =
        v.iter().map(|v| (v.class, v.rule, v.severity)).collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            (Class::Gs1, "epc.invalid", E),
            (Class::Gs1, "header.schema_version", W),
            (ONE, "som.city", E),
            (ONE, "som.destruction_method", E),
            (ONE, "som.epc", E),
            (ONE, "som.header", W),
            (TWO, "som.address_object_guid", E),
        ]
    );
    assert_eq!(verdict.counts, [[1, 1], [1, 3], [0, 1]]);
    assert_eq!(verdict.errors(), 5);
    assert_eq!(verdict.warnings(), 2);
    assert_eq!(verdict.errors_of(TWO), 1);
}

/// The `*Event` variants need `--message`: inferred, a Decommission Event
/// document is an ESM Decommission and gets that message's texts.
#[test]
fn event_variants_are_told_apart_only_by_the_message_given() {
    let doc = mutate(&read("som/decommission_event.xml"), &[EMPTY_NAME]);
    let text = |message| {
        let (v, _) = check(&doc, &config(message));
        receiver(&v)[0].message.to_string()
    };
    assert_eq!(text(None), "Business party name is required !!!");
    assert_eq!(
        text(DECOM_EV),
        "Business name of business party is required !!!"
    );
    // The Decommission Event's readPoint forms are not asked of ESM
    // Decommission.
    let doc = read("som/esm_decommission.xml").replace(
        "<readPoint>\n          <id>urn:epc:id:sgln:4607012.00001.0</id>",
        "<readPoint>\n          <id>SITE-7</id>",
    );
    assert!(receiver(&check(&doc, &config(DECOM)).0).is_empty());
    assert_eq!(
        receiver(&check(&doc, &config(DECOM_EV)).0)[0].rule,
        "som.read_point_type"
    );
    // A bare 13-digit GLN is one of the forms.
    let doc = doc.replace("<id>SITE-7</id>", "<id>4607012000019</id>");
    assert!(receiver(&check(&doc, &config(DECOM_EV)).0).is_empty());
}

/// Without the product master the Russia rule cannot fire; with it, it
/// fires only for products sold in Russia.
#[test]
fn reporting_party_needs_the_product_master_and_a_russian_product() {
    let doc = mutate(&read("som/esm_decommission.xml"), &[NO_PARTY]);
    assert!(receiver(&check(&doc, &config(DECOM)).0).is_empty());
    let mut with_master = config(DECOM);
    with_master.master = master();
    assert_eq!(
        receiver(&check(&doc, &with_master).0)[0].rule,
        "som.reporting_party"
    );
    // The US product of products.csv.
    let us = doc.replace("sgtin:4607012.034567.", "sgtin:0614141.812345.");
    assert!(receiver(&check(&us, &with_master).0).is_empty());
}

// ---- CLI ---------------------------------------------------------------------------------

#[test]
fn cli_exit_codes() {
    let ok = epcstream(&["validate", &corpus("som/esm_commission.xml")], "");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        text.starts_with(&format!(
            "{}: ESM Commission [SOM_ESM_COMMISSION, from its events] — 1 event, 1 EPC: 0 errors, 0 warnings",
            corpus("som/esm_commission.xml")
        )),
        "{text}"
    );
    // Warnings only: still 0.
    let warn = epcstream(&["validate", &corpus("seed/esm_decommission.xml")], "");
    assert_eq!(warn.status.code(), Some(0));
    // An error.
    let dir = scratch("exit");
    let bad = dir.join("bad.xml");
    std::fs::write(
        &bad,
        mutate(
            &read("som/esm_destroy.xml"),
            &[(">INCINERATION<", ">BURIAL<")],
        ),
    )
    .unwrap();
    let out = epcstream(&["validate", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("  error class 1 som.destruction_method: Valid destruction method code is required !!!\n      `BURIAL` is not in DestructionMethod\n      at 63:11 (byte "),
        "{text}"
    );
    // Not well-formed: 2, what came before still reported.
    let out = epcstream(
        &[
            "validate",
            "--format",
            "jsonl",
            &corpus("malformed/truncated.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let v = &jsonl(&out)[0];
    assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    // A missing file is an error of the run.
    let out = epcstream(&["validate", "/nonexistent/doc.xml"], "");
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_jsonl_fields_and_receiver_only() {
    let seed = corpus("seed/esm_decommission.xml");
    let out = epcstream(&["validate", "--format", "jsonl", &seed], "");
    assert_eq!(out.status.code(), Some(0));
    let v = &jsonl(&out)[0];
    assert_eq!(v["file"], seed.as_str());
    assert_eq!(v["message"], "ESM Decommission");
    assert_eq!(v["message_code"], "SOM_ESM_DECOMMSSION");
    assert_eq!(v["given"], false);
    assert_eq!(v["events"], 1);
    assert_eq!(v["epcs"], 3);
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 4);
    assert_eq!(v["dropped"], 0);
    assert!(v["error"].is_null());
    let misspelt = &v["violations"][2];
    assert_eq!(
        misspelt,
        &serde_json::json!({
            "class": "1",
            "rule": "som.misspelt_element",
            "severity": "warning",
            "message": "Misspelt element accepted !!!",
            "detail": "tl:decomissionEventExtensions read as tl:decommissionEventExtensions (the seed's own example spells it so)",
            "code": null,
            "offset": 1697,
            "line": 1,
            "column": 1698,
            "path": "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/tl:decomissionEventExtensions"
        })
    );
    let classes: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["1", "gs1", "1", "gs1"]);
    // --receiver-only: the GS1 rules are neither shown nor counted.
    let out = epcstream(
        &[
            "validate",
            "--receiver-only",
            "--format",
            "jsonl",
            "--message",
            "SOM_ESM_DECOMMSSION",
            &seed,
        ],
        "",
    );
    let v = &jsonl(&out)[0];
    assert_eq!(v["given"], true);
    assert_eq!(v["warnings"], 2);
    let rules: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["som.header", "som.misspelt_element"]);
    // A GS1 error alone: exit 1 normally, 0 with --receiver-only.
    let doc = read("som/esm_commission.xml")
        .replace("<eventTimeZoneOffset>+03:00", "<eventTimeZoneOffset>+3:00");
    let all = epcstream(&["validate", "--format", "jsonl", "-"], &doc);
    let gs1: Vec<String> = jsonl(&all)[0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{} {} {}", x["class"], x["rule"], x["severity"]))
        .collect();
    assert_eq!(all.status.code(), Some(1), "{gs1:?}");
    assert_eq!(gs1, ["\"gs1\" \"event.time_zone_offset\" \"error\""]);
    let only = epcstream(&["validate", "--receiver-only", "-"], &doc);
    assert_eq!(only.status.code(), Some(0));
}

#[test]
fn cli_message_codes() {
    let out = epcstream(&["validate", "--message", "SOM_NOPE", "-"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid value 'SOM_NOPE' for '--message <TYPE>': unknown message type `SOM_NOPE`; one of: SOM_ESM_COMMISSION, SOM_ESM_DECOMMSSION, SOM_DECOMMISSION_EVENT,"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // Aliases and case: the correct spelling, lower case.
    let out = epcstream(
        &[
            "validate",
            "--format",
            "jsonl",
            "--message",
            "som_esm_decommission",
            &corpus("som/esm_decommission.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(jsonl(&out)[0]["message_code"], "SOM_ESM_DECOMMSSION");
    // A type that does not fit the document.
    let out = epcstream(
        &[
            "validate",
            "--format",
            "jsonl",
            "--message",
            "SOM_ESM_AGGREGATE",
            &corpus("som/esm_decommission.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let v = &jsonl(&out)[0];
    assert_eq!(v["violations"][0]["rule"], "som.unexpected_event");
    assert_eq!(
        v["violations"][0]["detail"],
        "ObjectEvent in ESM Aggregation, which carries aggregation events"
    );
}

#[test]
fn cli_lookups_dir_replaces_a_table() {
    let doc = read("som/esm_decommission.xml").replace(">DAMAGED<", ">EXPIRED<");
    let out = epcstream(
        &["validate", "--format", "jsonl", "--receiver-only", "-"],
        &doc,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = &jsonl(&out)[0]["violations"][0];
    assert_eq!(v["rule"], "som.decommission_reason_code");
    assert_eq!(v["detail"], "`EXPIRED` is not in DecommissionReasonCode");
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(61), Some(11))
    );
    let dir = scratch("lookups");
    std::fs::write(
        dir.join("DecommissionReasonCode.txt"),
        "# our reason codes\nDAMAGED\nEXPIRED\tout of date\n",
    )
    .unwrap();
    let out = epcstream(&["validate", "--lookups", dir.to_str().unwrap(), "-"], &doc);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The other tables stay built in.
    let bad = doc.replace(">MANUFACTURER<", ">PHARMACY<");
    let out = epcstream(
        &[
            "validate",
            "--format",
            "jsonl",
            "--lookups",
            dir.to_str().unwrap(),
            "-",
        ],
        &bad,
    );
    assert_eq!(
        jsonl(&out)[0]["violations"][0]["rule"],
        "som.business_classification"
    );
    // A table the user empties accepts every value.
    std::fs::write(dir.join("BusinessClassification.txt"), "# unknown list\n").unwrap();
    let out = epcstream(&["validate", "--lookups", dir.to_str().unwrap(), "-"], &bad);
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_product_master_and_stdin() {
    let doc = mutate(&read("som/destroy_event.xml"), &[NO_PARTY]);
    let products = corpus("som/products.csv");
    let args = [
        "validate",
        "--format",
        "jsonl",
        "--message",
        "SOM_DESTROY_EVENT",
    ];
    let without = epcstream(&[&args[..], &["-"]].concat(), &doc);
    assert_eq!(without.status.code(), Some(0));
    let with = epcstream(
        &[&args[..], &["--product-master", &products, "-"]].concat(),
        &doc,
    );
    assert_eq!(with.status.code(), Some(1));
    let v = &jsonl(&with)[0];
    assert_eq!(v["file"], "-");
    assert_eq!(v["message"], "Destroy Event");
    let x = &v["violations"][0];
    assert_eq!(x["class"], "2");
    assert_eq!(
        x["message"],
        "Reporting Party is required when Transactions are included in the request and products are sold in Russia"
    );
    assert_eq!(
        (x["line"].as_u64(), x["column"].as_u64()),
        (Some(43), Some(9))
    );
    let bad = epcstream(
        &["validate", "--product-master", "/nonexistent/p.csv", "-"],
        &doc,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--product-master"));
}

/// The Class 2 duplicate rule, across runs through `--state`.
#[test]
fn cli_duplicates_across_runs() {
    let dir = scratch("state");
    let state = dir.join("seen.jsonl");
    let a = dir.join("a.xml");
    let b = dir.join("b.xml");
    let doc = read("som/esm_commission.xml");
    std::fs::write(&a, &doc).unwrap();
    std::fs::write(
        &b,
        doc.replace(
            "<sbdh:CreationDateAndTime>2024-03-01T07:35:00Z",
            "<sbdh:CreationDateAndTime>2024-03-01T07:36:00Z",
        ),
    )
    .unwrap();
    let run = |file: &Path| {
        epcstream(
            &[
                "validate",
                "--format",
                "jsonl",
                "--state",
                state.to_str().unwrap(),
                file.to_str().unwrap(),
            ],
            "",
        )
    };
    let first = run(&a);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    let record: Value =
        serde_json::from_str(std::fs::read_to_string(&state).unwrap().trim()).unwrap();
    assert_eq!(record["id"], "SOM-COMM-20240301-0005");
    assert_eq!(record["sender"], "4607012000019");
    let received = record["received"].as_str().unwrap().to_owned();
    // Another file with the same InstanceIdentifier, in a later run.
    let second = run(&b);
    assert_eq!(second.status.code(), Some(1));
    let v = &jsonl(&second)[0]["violations"][0];
    assert_eq!(v["class"], "2");
    assert_eq!(v["rule"], "som.duplicate");
    assert_eq!(
        v["message"].as_str().unwrap(),
        format!(
            "File {} is a potential duplicate match with file {} sent from 4607012000019 received on {received}, based on both files having the same File Control Number SOM-COMM-20240301-0005.",
            b.display(),
            a.display()
        )
    );
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(15), Some(34))
    );
    assert_eq!(
        v["path"],
        "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier"
    );
    // The same file again: not a duplicate of itself.
    let again = run(&a);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(jsonl(&again)[0]["violations"], serde_json::json!([]));
    // Without --state, within one run: the seed's Decommission Event and
    // Destroy Event examples share their InstanceIdentifier.
    let out = epcstream(
        &[
            "validate",
            "--format",
            "jsonl",
            &corpus("seed/decommission_event.xml"),
            &corpus("seed/destroy_event.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let docs = jsonl(&out);
    assert_eq!(docs[0]["errors"], 0);
    let v = &docs[1]["violations"][0];
    assert_eq!(v["rule"], "som.duplicate");
    assert!(
        v["message"].as_str().unwrap().starts_with(&format!(
            "File {} is a potential duplicate match with file {} sent from 6667771013655 received on ",
            corpus("seed/destroy_event.xml"),
            corpus("seed/decommission_event.xml")
        )),
        "{v}"
    );
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(1), Some(763))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every case through the CLI too: the same violations, with the lines
/// and columns the CLI fills in after its pass (files are scanned without
/// line tracking).
#[test]
fn cli_agrees_with_the_library_on_every_case() {
    let dir = scratch("cases");
    let products = corpus("som/products.csv");
    // One run per (message, setup): the cases' files in a directory.
    let mut groups: Vec<(Option<&str>, String, Vec<usize>)> = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        let setup = match c.with {
            With::Nothing => String::new(),
            With::Master => "master".to_owned(),
            With::Lookup(t, values) => format!("{}={}", t.name(), values.join(",")),
        };
        match groups
            .iter_mut()
            .find(|(m, s, _)| *m == c.message && *s == setup)
        {
            Some(g) => g.2.push(i),
            None => groups.push((c.message, setup, vec![i])),
        }
    }
    let mut failures = Vec::new();
    for (g, (message, setup, cases)) in groups.iter().enumerate() {
        let sub = dir.join(format!("g{g}"));
        std::fs::create_dir_all(&sub).unwrap();
        let mut args: Vec<String> = vec![
            "validate".into(),
            "--format".into(),
            "jsonl".into(),
            "--receiver-only".into(),
        ];
        if let Some(m) = message {
            args.extend(["--message".into(), (*m).to_owned()]);
        }
        if setup == "master" {
            args.extend(["--product-master".into(), products.clone()]);
        } else if let Some((table, values)) = setup.split_once('=') {
            let lookups = sub.join("lookups");
            std::fs::create_dir_all(&lookups).unwrap();
            std::fs::write(
                lookups.join(format!("{table}.txt")),
                values.replace(',', "\n"),
            )
            .unwrap();
            args.extend(["--lookups".into(), lookups.display().to_string()]);
        }
        for &i in cases {
            let file = sub.join(format!("case{i:03}.xml"));
            std::fs::write(&file, CASES[i].document()).unwrap();
            args.push(file.display().to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = epcstream(&args, "");
        let docs = jsonl(&out);
        assert_eq!(
            docs.len(),
            cases.len(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (doc, &i) in docs.iter().zip(cases) {
            let c = &CASES[i];
            let (lib, _) = check(&c.document(), &c.config());
            let expected: Vec<String> = receiver(&lib)
                .iter()
                .map(|v| {
                    format!(
                        "{} {} {}:{} {}",
                        v.rule, v.message, v.pos.line, v.pos.column, v.path
                    )
                })
                .collect();
            // Cases of one base share an InstanceIdentifier: the CLI's
            // duplicates among them are left out.
            let got: Vec<String> = doc["violations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| v["rule"] != "som.duplicate")
                .map(|v| {
                    format!(
                        "{} {} {}:{} {}",
                        v["rule"].as_str().unwrap(),
                        v["message"].as_str().unwrap(),
                        v["line"],
                        v["column"],
                        v["path"].as_str().unwrap()
                    )
                })
                .collect();
            if got != expected {
                failures.push(format!(
                    "{}:\n  cli {got:#?}\n  lib {expected:#?}",
                    c.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A bizStep gives its role only to an event of the role's type.
#[test]
fn roles_follow_the_event_type() {
    // An AggregationEvent ADD with bizStep receiving is a packing event
    // (by its action), not a receiving one without an epcList.
    let doc = read("som/esm_aggregation.xml").replace("bizstep:packing", "bizstep:receiving");
    let (v, verdict) = check(&doc, &config(None));
    assert_eq!(verdict.message, Some(MessageType::EsmAggregation));
    let rules: Vec<(&str, String)> = receiver(&v)
        .iter()
        .map(|v| (v.rule, v.message.to_string()))
        .collect();
    assert_eq!(
        rules,
        [(
            "som.biz_step_other",
            "bizStep urn:epcglobal:cbv:bizstep:packing is required for aggregation !!!".to_owned()
        )]
    );
    // A QuantityEvent (EPCIS 1.0) with bizStep receiving has no role.
    let doc = read("som/esm_receive.xml")
        .replace("<ObjectEvent>", "<QuantityEvent>")
        .replace("</ObjectEvent>", "</QuantityEvent>")
        .replace(
            "<epcList>\n          <epc>urn:epc:id:sscc:4607012.0000000001</epc>\n        </epcList>\n        <action>OBSERVE</action>\n",
            "<epcClass>urn:epc:idpat:sgtin:4607012.034567.*</epcClass>\n        <quantity>24</quantity>\n",
        );
    let (v, verdict) = check(&doc, &config(None));
    assert_eq!(verdict.message, None);
    let rules: Vec<&str> = receiver(&v).iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["som.unclassified"]);
    let (v, _) = check(&doc, &config(RECEIVE));
    let rules: Vec<&str> = receiver(&v).iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["som.unexpected_event", "som.object_event"]);
}

#[test]
fn cli_soap_requests_and_responses() {
    let out = epcstream(&["validate", &corpus("seed")], "");
    let text = String::from_utf8_lossy(&out.stdout);
    // The seed's SOAP requests: read, checked, accepted with warnings; its
    // responses: read as responses, the misnamed end tag a warning.
    for line in [
        "seed/decommission_soap_request.xml: Decommission (SOAP) [SOAP_DECOMMISSION] — 1 serial: 0 errors, 1 warning",
        "seed/destroy_soap_request.xml: Destroy (SOAP) [SOAP_DESTROY] — 1 serial: 0 errors, 3 warnings",
        "seed/decommission_soap_response.xml: SOAP response ns2:DecommissionResponse (success) — no serial: 0 errors, 1 warning",
        "seed/destroy_soap_response.xml: SOAP response ns2:DestroyResponse (success) — no serial: 0 errors, 0 warnings",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(text.contains("xml.reopened_leaf"), "{text}");
    assert!(text.contains("xml.end_name"), "{text}");
    // A request breaking a rule: exit 1 with the exception's text.
    let dir = scratch("soapvalidate");
    let bad = dir.join("bad.xml");
    let req = read("seed/decommission_soap_request.xml")
        .replace("<Damaged>false</Damaged>", "<Damaged>true</Damaged>")
        .replace("<Stolen>false</Stolen>", "<Stolen>true</Stolen>");
    std::fs::write(&bad, req).unwrap();
    let out = epcstream(
        &["validate", "--format", "jsonl", bad.to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let v = &jsonl(&out)[0];
    assert_eq!(v["message_code"], "SOAP_DECOMMISSION");
    let codes: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["code"].as_str())
        .collect();
    assert_eq!(codes, ["MLTUPLE_ATTRIBUTES_DECOMMISSION"]);
    let _ = std::fs::remove_dir_all(&dir);
}
