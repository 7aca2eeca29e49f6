//! The serial-number ledger through the real binary: `epcstream apply`,
//! `status` and `history` on a ledger in a temporary directory, fed the
//! hand-written messages of `corpus/ledger/` (see its README).
//!
//! Every exception code comes from a situation the receiver meets, with its
//! exact code, message (the seed's text, serial filled in), line:column and
//! exit status; a refused message changes nothing (the status of every
//! serial is compared before and after) and lists every exception.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

// ---------------------------------------------------------------------------
// The identifiers of corpus/ledger/README.md.

const C1: &str = "urn:epc:id:sscc:4607012.0240500011";
const C1_KEY: &str = "(00)046070122405000113";
const C2: &str = "urn:epc:id:sscc:4607012.0240500012";
const C2_KEY: &str = "(00)046070122405000120";
const P: &str = "urn:epc:id:sscc:4607012.1240500001";
const P_KEY: &str = "(00)146070122405000011";
const B1: &str = "urn:epc:id:sgtin:4607012.034567.2405000201";
const B2: &str = "urn:epc:id:sgtin:4607012.034567.2405000202";
const F1: &str = "urn:epc:id:sgtin:4607012.034567.2405000301";
const R1: &str = "urn:epc:id:sgtin:4607012.034567.2405000401";
const PLANT: &str = "urn:epc:id:sgln:4607012.00001";
const DC: &str = "urn:epc:id:sgln:0614141.12345";
/// An event's element path, `n`th ObjectEvent.
const EV1: &str = "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]";

/// Unit `n` (1–8): `urn:epc:id:sgtin:4607012.034567.24050001nn`.
fn i(n: u32) -> String {
    format!("urn:epc:id:sgtin:4607012.034567.24050001{n:02}")
}

/// Unit `n`'s key.
fn ik(n: u32) -> String {
    format!("(01)04607012345677(21)24050001{n:02}")
}

/// Unit `n` in the receiver's SOAP `sn` form.
fn isn(n: u32) -> String {
    format!("0104607012345677212405000{}", 100 + n)
}

/// Every serial the corpus names: the snapshot of a ledger.
fn all_serials() -> Vec<String> {
    let mut v: Vec<String> = (1..=8).map(i).collect();
    for s in [B1, B2, F1, R1, C1, C2, P] {
        v.push(s.to_owned());
    }
    v
}

// ---------------------------------------------------------------------------
// Running epcstream.

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/ledger")
        .join(name)
}

fn shown(name: &str) -> String {
    corpus(name).display().to_string()
}

fn epcstream(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epcstream"))
        .args(args)
        .output()
        .expect("run epcstream")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json_lines(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// A ledger in a fresh temporary directory, removed on drop.
struct Ledger {
    dir: PathBuf,
}

impl Drop for Ledger {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Ledger {
    fn new(tag: &str) -> Ledger {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "epcstream-ledger-{}-{tag}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        Ledger { dir }
    }

    /// A ledger on which `files` were applied (each must be).
    fn with(tag: &str, files: &[&str]) -> Ledger {
        let l = Ledger::new(tag);
        if !files.is_empty() {
            l.applies(files);
        }
        l
    }

    fn dir(&self) -> String {
        self.dir.display().to_string()
    }

    /// `epcstream apply --ledger DIR [extra…] files…`.
    fn apply(&self, files: &[&str], extra: &[&str]) -> Output {
        let dir = self.dir();
        let paths: Vec<String> = files.iter().map(|f| shown(f)).collect();
        let mut args = vec!["apply", "--ledger", dir.as_str()];
        args.extend_from_slice(extra);
        args.extend(paths.iter().map(String::as_str));
        epcstream(&args)
    }

    /// Applies `files`, asserting each was applied (exit 0).
    fn applies(&self, files: &[&str]) {
        let out = self.apply(files, &["--format", "jsonl"]);
        let lines = json_lines(&out);
        assert_eq!(lines.len(), files.len(), "{}", text(&out.stderr));
        for (f, l) in files.iter().zip(&lines) {
            assert_eq!(l["applied"], true, "{f} was refused: {l}");
            assert_eq!(l["exceptions"], json!([]), "{f}");
        }
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    }

    /// Applies one message that must be refused (exit 1): its JSON line.
    /// Checks that nothing changed (every serial's status before == after).
    fn refuses(&self, file: &str) -> Value {
        let before = self.snapshot();
        let out = self.apply(&[file], &["--format", "jsonl"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{file}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 1);
        let l = lines.into_iter().next().unwrap();
        assert_eq!(l["applied"], false, "{l}");
        assert_eq!(l["file"], shown(file));
        assert_eq!(
            self.snapshot(),
            before,
            "{file} was refused but changed the ledger"
        );
        l
    }

    /// `status --format jsonl` of every serial of the corpus.
    fn snapshot(&self) -> String {
        let serials = all_serials();
        let refs: Vec<&str> = serials.iter().map(String::as_str).collect();
        text(&self.status_out(&refs, "jsonl").stdout)
    }

    fn status_out(&self, epcs: &[&str], format: &str) -> Output {
        let dir = self.dir();
        let mut args = vec!["status", "--ledger", dir.as_str(), "--format", format];
        args.extend_from_slice(epcs);
        epcstream(&args)
    }

    /// `status --format jsonl`, one value per EPC.
    fn status(&self, epcs: &[&str]) -> Vec<Value> {
        let out = self.status_out(epcs, "jsonl");
        let v = json_lines(&out);
        assert_eq!(v.len(), epcs.len());
        v
    }

    /// One serial's status.
    fn one(&self, epc: &str) -> Value {
        self.status(&[epc]).remove(0)
    }

    /// `status` in the human format.
    fn status_human(&self, epcs: &[&str]) -> String {
        text(&self.status_out(epcs, "human").stdout)
    }

    fn history_out(&self, epc: &str, format: &str) -> Output {
        let dir = self.dir();
        epcstream(&["history", "--ledger", &dir, "--format", format, epc])
    }

    /// `history --format jsonl`.
    fn history(&self, epc: &str) -> Vec<Value> {
        json_lines(&self.history_out(epc, "jsonl"))
    }

    /// The operations of a serial's history.
    fn operations(&self, epc: &str) -> Vec<String> {
        self.history(epc)
            .iter()
            .map(|h| {
                format!(
                    "{} → {}",
                    h["operation"].as_str().unwrap(),
                    h["state"].as_str().unwrap()
                )
            })
            .collect()
    }
}

/// An exception as `apply --format jsonl` lists it (without the byte
/// offset).
fn exc(code: &str, message: &str, serial: Option<&str>, at: (u64, u64), path: &str) -> Value {
    json!({
        "code": code,
        "message": message,
        "serial": serial,
        "line": at.0,
        "column": at.1,
        "path": path,
    })
}

/// The exceptions of an `apply` JSON line, without `offset` and with
/// `detail` only when `keep_detail`.
fn exceptions(l: &Value, keep_detail: bool) -> Vec<Value> {
    l["exceptions"]
        .as_array()
        .expect("exceptions")
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let o = e.as_object_mut().unwrap();
            assert!(o.remove("offset").unwrap().as_u64().unwrap() > 0);
            if !keep_detail {
                o.remove("detail");
            }
            e
        })
        .collect()
}

/// A status line: state, parent, children, last operation, time, document.
fn st(
    epc: &str,
    state: &str,
    parent: Option<&str>,
    children: u64,
    last: (&str, &str, &str),
) -> Value {
    json!({
        "epc": epc,
        "state": state,
        "parent": parent,
        "children": children,
        "last_operation": last.0,
        "last_time": last.1,
        "last_document": last.2,
    })
}

/// Status values without their `key` (checked apart).
fn no_key(v: Vec<Value>) -> Vec<Value> {
    v.into_iter()
        .map(|mut s| {
            s.as_object_mut().unwrap().remove("key");
            s
        })
        .collect()
}

/// The receiver's response envelope.
fn response(op: &str, exceptions: &[(&str, &str)]) -> String {
    let mut s = format!(
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns2:{op}Response xmlns:ns2=\"urn:tracelink:soap\" xmlns:ns3=\"http://tracelink.com/som\"><TLResponse>"
    );
    if exceptions.is_empty() {
        s.push_str("<Success>true</Success>");
    } else {
        s.push_str("<Success>false</Success><ExceptionReturn>");
        for (code, message) in exceptions {
            s.push_str(&format!(
                "<CallException><ExceptionCode>{code}</ExceptionCode><ExceptionMessage>{message}</ExceptionMessage></CallException>"
            ));
        }
        s.push_str("</ExceptionReturn>");
    }
    s.push_str(&format!(
        "</TLResponse></ns2:{op}Response></S:Body></S:Envelope>"
    ));
    s
}

const SOAP_SN: &str =
    "Envelope/Body/Decommission/DecommissionRequest/SerialNumberList/SerialNumber/@sn";

fn never_commissioned(s: &str) -> String {
    format!("Serial number {s} was never commissioned.")
}
fn not_commissioned(s: &str) -> String {
    format!("Serial number {s} is not commissioned.")
}
fn sn_not_found(s: &str) -> String {
    format!("Serial number {s} does not exist.")
}
fn cannot_be_aggregated(s: &str, parent: &str) -> String {
    format!(
        "Operation could not be performed because serial number {s} is aggregated to container {parent}."
    )
}
fn bad_aggregate_state(s: &str, parent: &str) -> String {
    format!(
        "Operation could not be performed because serial number {s} and serial number {parent} are currently in different states, or the operation would result in them having different states. Parent and child serial numbers are not permitted to be in different states."
    )
}
fn bad_state_transition(s: &str, state: &str) -> String {
    format!("Serial number {s} is {state}: the operation is not allowed in that state.")
}

/// The seconds since the epoch as `YYYY-MM-DDThh:mm:ssZ`.
fn utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days (H. Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

// ---------------------------------------------------------------------------
// Every exception code, from a real situation.

#[test]
fn nevercommissioned_a_decommission_of_a_serial_only_encoded() {
    let l = Ledger::with("never", &["status_encoded.xml"]);
    assert_eq!(
        l.one(&i(7))["state"],
        "encoded",
        "the status update set the status"
    );
    let r = l.refuses("decommission_encoded.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "NEVERCOMMISSIONED",
            &never_commissioned(&i(7)),
            Some(&i(7)),
            (27, 16),
            EV1
        )]
    );
    assert_eq!(r["transitions"], 0);
}

#[test]
fn notcommissioned_a_decommission_sent_twice() {
    let l = Ledger::with(
        "notcomm",
        &["lc_01_commission.xml", "decommission_damaged.xml"],
    );
    assert_eq!(l.one(&i(1))["state"], "decommissioned");
    let r = l.refuses("decommission_damaged_resent.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "NOTCOMMISSIONED",
            &not_commissioned(&i(1)),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
    // The human form: code, message, line:column (byte), path.
    let out = l.apply(&["decommission_damaged_resent.xml"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: EPCIS refused, 1 exceptions:\n  NOTCOMMISSIONED: {}\n      at 27:16 (byte 1286) {EV1}\n",
            shown("decommission_damaged_resent.xml"),
            not_commissioned(&i(1))
        )
    );
}

#[test]
fn snnotfound_a_decommission_and_a_soap_destroy_of_serials_never_seen() {
    let l = Ledger::new("snnotfound");
    let r = l.refuses("decommission_damaged.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "SNNOTFOUND",
            &sn_not_found(&i(1)),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
    // SOAP: the ledger's exception in the receiver's response.
    let sn = "0104607012345677212405000199";
    let r = l.refuses("soap_destroy_unknown.xml");
    assert_eq!(r["kind"], "SOAP");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "SNNOTFOUND",
            &sn_not_found(sn),
            None,
            (8, 21),
            "Envelope/Body/Destroy/DestroyRequest/Items/Item/@sn"
        )]
    );
    assert_eq!(
        r["response"],
        response("Destroy", &[("SNNOTFOUND", &sn_not_found(sn))])
    );
}

#[test]
fn somduplicatesns_a_unit_listed_twice_in_one_event() {
    let l = Ledger::with("dups", &["lc_01_commission.xml"]);
    let r = l.refuses("decommission_duplicate.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "SOMDUPLICATESNS",
            &format!(
                "The following serial numbers were listed more than once: {}.",
                i(2)
            ),
            None,
            (23, 7),
            EV1
        )]
    );
    // I02 and I03 are still commissioned (the refused snapshot says so too).
    assert_eq!(l.one(&i(3))["state"], "commissioned");
}

#[test]
fn badaggregatestate_a_case_decommissioned_with_its_units_inside() {
    let l = Ledger::with("badagg", &["lc_01_commission.xml", "lc_02_pack.xml"]);
    let r = l.refuses("decommission_case_with_units.xml");
    // Every child, not only the first: C1 would be decommissioned, its
    // units commissioned.
    let expected: Vec<Value> = (1..=3)
        .map(|n| {
            exc(
                "BADAGGREGATESTATE",
                &bad_aggregate_state(&ik(n), C1),
                Some(C1),
                (27, 16),
                EV1,
            )
        })
        .collect();
    assert_eq!(exceptions(&r, false), expected);
    assert_eq!(r["exceptions"][0]["offset"], 1286);
}

#[test]
fn badaggregatestate_a_unit_commissioned_at_the_dc_packed_into_a_received_case() {
    let l = Ledger::with(
        "badagg2",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_sale.xml",
            "lc_04_receive.xml",
            "dc_commission.xml",
        ],
    );
    let r = l.refuses("dc_pack_into_received_case.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "BADAGGREGATESTATE",
            &bad_aggregate_state(R1, C1),
            Some(R1),
            (28, 16),
            "EPCISDocument/EPCISBody/EventList/AggregationEvent[1]"
        )]
    );
    assert_eq!(l.one(C1)["children"], 3);
}

#[test]
fn cannotbeaggregated_a_unit_decommissioned_in_its_case_without_disaggregation() {
    let l = Ledger::with("cannot", &["lc_01_commission.xml", "lc_02_pack.xml"]);
    // EPCIS: tl:disaggregateFromParent false.
    let r = l.refuses("decommission_damaged.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "CANNOTBEAGGREGATED",
            &cannot_be_aggregated(&i(1), C1_KEY),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
    // SOAP: DisaggregateFromParent false.
    let r = l.refuses("soap_decommission_in_case.xml");
    let msg = cannot_be_aggregated(&isn(4), C2_KEY);
    assert_eq!(
        exceptions(&r, false),
        [exc("CANNOTBEAGGREGATED", &msg, None, (8, 29), SOAP_SN)]
    );
    assert_eq!(
        r["response"],
        response("Decommission", &[("CANNOTBEAGGREGATED", &msg)])
    );
    // A unit shipped without its case.
    let r = l.refuses("ship_unit_alone.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "CANNOTBEAGGREGATED",
            &cannot_be_aggregated(&i(1), C1_KEY),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
}

#[test]
fn crosslocations_a_destroy_of_units_of_two_plants() {
    let l = Ledger::with("cross", &["lc_01_commission.xml", "commission_plant2.xml"]);
    let r = l.refuses("destroy_two_plants.xml");
    // Every exception: B1 is not of this plant, and the serials are at two.
    assert_eq!(
        exceptions(&r, false),
        [
            exc(
                "NOTCOMMISSIONEDLOCATION",
                &format!("Serial Number {B1} was not commissioned at this location."),
                Some(B1),
                (28, 16),
                EV1
            ),
            exc(
                "CROSSLOCATIONS",
                "Operation cannot be performed against serial numbers in multiple locations.",
                None,
                (23, 7),
                EV1
            ),
        ]
    );
}

#[test]
fn notcommissionedlocation_a_decommission_at_another_plant() {
    let l = Ledger::with("notcommloc", &["lc_01_commission.xml"]);
    let r = l.refuses("decommission_at_plant2.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "NOTCOMMISSIONEDLOCATION",
            &format!(
                "Serial Number {} was not commissioned at this location.",
                i(1)
            ),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
}

#[test]
fn notvalidlocation_a_decommission_at_the_plant_of_a_unit_received_at_the_dc() {
    let l = Ledger::with(
        "notvalid",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_sale.xml",
            "lc_04_receive.xml",
        ],
    );
    let r = l.refuses("decommission_received_at_plant.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "NOTVALIDLOCATION",
            &format!(
                "Location urn:epc:id:sgln:4607012.00001.0 was not valid for serial number {}.",
                i(1)
            ),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
}

#[test]
fn eventtimeafternow_a_commission_dated_2099() {
    let l = Ledger::new("future");
    let r = l.refuses("commission_future.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "EVENTTIMEAFTERNOW",
            "Event time stamp must not be in the future.",
            None,
            (23, 7),
            EV1
        )]
    );
    let out = l.status_out(&[F1], "human");
    assert_eq!(text(&out.stdout), format!("{F1}: never seen\n"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn eventtimebeforelastevent_a_decommission_dated_before_the_commissioning() {
    let l = Ledger::with("backdated", &["lc_01_commission.xml"]);
    let r = l.refuses("decommission_backdated.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "EVENTTIMEBEFORELASTEVENT",
            &format!(
                "Event time stamp is earlier than the last event for serial number {}.",
                i(1)
            ),
            Some(&i(1)),
            (27, 16),
            EV1
        )]
    );
}

#[test]
fn mltuple_attributes_decommission_a_soap_decommission_with_two_reasons() {
    // I04 is commissioned and in no case: only the request is wrong.
    let l = Ledger::with("mltuple", &["lc_01_commission.xml"]);
    let r = l.refuses("soap_decommission_two_reasons.xml");
    let msg = "The serial number(s) could not be decommissioned. The Decommission API request may only specify a single reason code.";
    assert_eq!(
        exceptions(&r, true),
        [json!({
            "code": "MLTUPLE_ATTRIBUTES_DECOMMISSION",
            "message": msg,
            "serial": null,
            "detail": "item attributes true: Damaged, Expired",
            "line": 13,
            "column": 18,
            "path": "Envelope/Body/Decommission/DecommissionRequest/Expired",
        })]
    );
    assert_eq!(
        r["response"],
        response("Decommission", &[("MLTUPLE_ATTRIBUTES_DECOMMISSION", msg)])
    );
    assert_eq!(l.one(&i(4))["state"], "commissioned");
}

#[test]
fn validation_a_soap_event_date_time_that_is_no_date_time() {
    let l = Ledger::with("valsoap", &["lc_01_commission.xml"]);
    let r = l.refuses("soap_decommission_bad_time.xml");
    let msg = "The parameter EventDateTime is missing or had an invalid value.";
    assert_eq!(
        exceptions(&r, true),
        [json!({
            "code": "VALIDATION",
            "message": msg,
            "serial": null,
            "detail": "`05/02/2024 14:00` is no date-time (expected YYYY-MM-DDThh:mm:ssZ)",
            "line": 18,
            "column": 24,
            "path": "Envelope/Body/Decommission/DecommissionRequest/EventDateTime",
        })]
    );
    assert_eq!(
        r["response"],
        response("Decommission", &[("VALIDATION", msg)])
    );
}

#[test]
fn validation_an_epc_that_names_no_serial() {
    let l = Ledger::with("valepc", &["lc_01_commission.xml"]);
    // I02 would be decommissioned: the document is refused whole.
    let r = l.refuses("decommission_bad_epc.xml");
    assert_eq!(
        exceptions(&r, true),
        [json!({
            "code": "VALIDATION",
            "message": "The parameter epc is missing or had an invalid value.",
            "serial": "urn:epc:id:sgtin:4607012.034567",
            "detail": "`urn:epc:id:sgtin:4607012.034567` names no serial: missing component (missing_component)",
            "line": 28,
            "column": 16,
            "path": "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/epcList/epc[2]",
        })]
    );
    assert_eq!(l.one(&i(2))["state"], "commissioned");
    assert_eq!(l.history(&i(2)).len(), 1);
}

#[test]
fn validation_a_document_applied_twice() {
    let l = Ledger::new("twice");
    let t0 = now();
    l.applies(&["lc_01_commission.xml", "lc_02_pack.xml"]);
    let t1 = now();
    // Packing again: the document's exception first; and the cases were
    // packed into the pallet after the units into them, so packing into
    // them at the earlier time is also too late (every exception listed).
    let r = l.refuses("lc_02_pack.xml");
    let ex = exceptions(&r, false);
    let codes: Vec<&str> = ex.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "VALIDATION",
            "EVENTTIMEBEFORELASTEVENT",
            "EVENTTIMEBEFORELASTEVENT"
        ],
        "{r}"
    );
    let message = ex[0]["message"].as_str().unwrap();
    let applied_at = (t0..=t1).map(utc).find(|t| {
        message
            == format!(
                "Document SOM-LC-20240502-0002 was applied before ({t}); a document is applied once."
            )
    });
    assert!(applied_at.is_some(), "{message}");
    let mut e = ex[0].clone();
    e["message"] = Value::Null;
    assert_eq!(
        e,
        json!({
            "code": "VALIDATION",
            "message": null,
            "serial": null,
            "line": 15,
            "column": 34,
            "path": "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier",
        })
    );
}

#[test]
fn badstatetransition_the_commission_of_a_shipped_pallet() {
    let l = Ledger::with(
        "badstate",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_sale.xml",
        ],
    );
    let r = l.refuses("recommission_pallet.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "BADSTATETRANSITION",
            &bad_state_transition(P, "shipped"),
            Some(P),
            (27, 16),
            EV1
        )]
    );
}

#[test]
fn invalid_serial_number_status_the_void_of_a_transfer() {
    let l = Ledger::with(
        "voidtransfer",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_transfer.xml",
        ],
    );
    let r = l.refuses("void_shipment.xml");
    // The pallet and everything inside it, depth first.
    let order = [
        P.to_owned(),
        C1_KEY.to_owned(),
        ik(1),
        ik(2),
        ik(3),
        C2_KEY.to_owned(),
        ik(4),
        ik(5),
        ik(6),
    ];
    let expected: Vec<Value> = order
        .iter()
        .map(|s| {
            exc(
                "INVALID_SERIAL_NUMBER_STATUS",
                &format!(
                    "Serial number {s} is shipped as a transfer: only a shipment marked as a sale can be voided."
                ),
                Some(s),
                (27, 16),
                EV1,
            )
        })
        .collect();
    assert_eq!(exceptions(&r, false), expected);
    assert_eq!(l.one(&i(6))["state"], "shipped");
}

// ---------------------------------------------------------------------------
// Whole lifecycles.

/// The nine serials of the pallet, in the order the tests list them.
fn pallet() -> Vec<String> {
    let mut v: Vec<String> = (1..=6).map(i).collect();
    v.extend([C1.to_owned(), C2.to_owned(), P.to_owned()]);
    v
}

/// The parent key of each of [`pallet`]'s serials once packed.
fn packed_parent(n: usize) -> Option<&'static str> {
    match n {
        0..=2 => Some(C1_KEY),
        3..=5 => Some(C2_KEY),
        6 | 7 => Some(P_KEY),
        _ => None,
    }
}

fn packed_children(n: usize) -> u64 {
    match n {
        6 | 7 => 3,
        8 => 2,
        _ => 0,
    }
}

#[test]
fn lifecycle_commission_pack_ship_the_pallet_receive() {
    let l = Ledger::new("lifecycle");
    let serials = pallet();
    let refs: Vec<&str> = serials.iter().map(String::as_str).collect();
    let step = |file: &str, transitions: u64| {
        let out = l.apply(&[file], &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        assert_eq!(
            text(&out.stdout),
            format!(
                "{}: EPCIS applied, {transitions} transitions\n",
                shown(file)
            )
        );
    };

    step("lc_01_commission.xml", 9);
    let commissioned: Vec<Value> = serials
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let time = ["08:00", "08:05", "08:10"][match n {
                0..=5 => 0,
                6 | 7 => 1,
                _ => 2,
            }];
            st(
                s,
                "commissioned",
                None,
                0,
                (
                    "commission",
                    &format!("2024-05-02T{time}:00Z"),
                    "SOM-LC-20240502-0001",
                ),
            )
        })
        .collect();
    assert_eq!(no_key(l.status(&refs)), commissioned);

    step("lc_02_pack.xml", 8);
    let s = no_key(l.status(&refs));
    for (n, v) in s.iter().enumerate() {
        assert_eq!(v["state"], "commissioned", "{v}");
        assert_eq!(v["parent"], json!(packed_parent(n)), "{v}");
        assert_eq!(v["children"], packed_children(n), "{v}");
    }
    // The pallet's own last event is its commissioning: packing changes the
    // children.
    assert_eq!(s[8]["last_operation"], "commission");
    assert_eq!(s[7]["last_operation"], "aggregate");
    assert_eq!(s[7]["last_time"], "2024-05-02T09:05:00Z");

    // Shipping the pallet ships every serial in it.
    step("lc_03_ship_sale.xml", 9);
    let shipped: Vec<Value> = serials
        .iter()
        .enumerate()
        .map(|(n, s)| {
            st(
                s,
                "shipped",
                packed_parent(n),
                packed_children(n),
                (
                    "ship (sale)",
                    "2024-05-03T10:00:00Z",
                    "SOM-LC-20240503-0003",
                ),
            )
        })
        .collect();
    assert_eq!(no_key(l.status(&refs)), shipped);

    step("lc_04_receive.xml", 9);
    let received: Vec<Value> = serials
        .iter()
        .enumerate()
        .map(|(n, s)| {
            st(
                s,
                "received",
                packed_parent(n),
                packed_children(n),
                ("receive", "2024-05-05T09:00:00Z", "SOM-LC-20240505-0004"),
            )
        })
        .collect();
    assert_eq!(no_key(l.status(&refs)), received);
    assert_eq!(l.status(&[&i(1)])[0]["key"], ik(1));
    assert_eq!(l.status(&[P])[0]["key"], P_KEY);

    // History: operations, states, documents, locations, reasons.
    assert_eq!(
        l.history(&i(1)),
        [
            json!({"time": "2024-05-02T08:00:00Z", "operation": "commission", "state": "commissioned", "document": "SOM-LC-20240502-0001", "location": PLANT, "reason": "urn:epcglobal:cbv:disp:active"}),
            json!({"time": "2024-05-02T09:00:00Z", "operation": "aggregate", "state": "commissioned", "document": "SOM-LC-20240502-0002", "location": PLANT, "reason": C1}),
            json!({"time": "2024-05-03T10:00:00Z", "operation": "ship (sale)", "state": "shipped", "document": "SOM-LC-20240503-0003", "location": PLANT, "reason": "urn:epcglobal:cbv:disp:in_transit"}),
            json!({"time": "2024-05-05T09:00:00Z", "operation": "receive", "state": "received", "document": "SOM-LC-20240505-0004", "location": DC, "reason": "urn:epcglobal:cbv:disp:in_progress"}),
        ]
    );
    // The same in the human format, the EPC in another form.
    let out = l.history_out(&ik(1), "human");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "\
2024-05-02T08:00:00Z  commission       → commissioned   document SOM-LC-20240502-0001  at {PLANT}  (urn:epcglobal:cbv:disp:active)
2024-05-02T09:00:00Z  aggregate        → commissioned   document SOM-LC-20240502-0002  at {PLANT}  ({C1})
2024-05-03T10:00:00Z  ship (sale)      → shipped        document SOM-LC-20240503-0003  at {PLANT}  (urn:epcglobal:cbv:disp:in_transit)
2024-05-05T09:00:00Z  receive          → received       document SOM-LC-20240505-0004  at {DC}  (urn:epcglobal:cbv:disp:in_progress)
"
        )
    );
    assert_eq!(
        l.operations(P),
        [
            "commission → commissioned",
            "ship (sale) → shipped",
            "receive → received"
        ]
    );
    assert_eq!(
        l.status_human(&[&i(1), C1, P]),
        format!(
            "\
{}: received, in {C1_KEY}, 0 children, last: receive at 2024-05-05T09:00:00Z (document SOM-LC-20240505-0004)
{C1}: received, in {P_KEY}, 3 children, last: receive at 2024-05-05T09:00:00Z (document SOM-LC-20240505-0004)
{P}: received, 2 children, last: receive at 2024-05-05T09:00:00Z (document SOM-LC-20240505-0004)
",
            i(1)
        )
    );
    // A serial never seen: its own line, exit 1.
    let out = l.status_out(&[&i(1), B1], "human");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).ends_with(&format!("\n{B1}: never seen\n")));
    let out = l.history_out(B1, "jsonl");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!("{B1}: no history (never seen)\n")
    );
}

#[test]
fn lifecycle_the_whole_lifecycle_in_one_run_and_the_jsonl_report() {
    let l = Ledger::new("onerun");
    let files = [
        "lc_01_commission.xml",
        "lc_02_pack.xml",
        "lc_03_ship_sale.xml",
        "lc_04_receive.xml",
    ];
    let out = l.apply(&files, &["--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    let expected: Vec<Value> = files
        .iter()
        .zip([9, 8, 9, 9])
        .map(|(f, t)| {
            json!({"file": shown(f), "kind": "EPCIS", "applied": true, "transitions": t, "exceptions": [], "response": null, "error": null})
        })
        .collect();
    assert_eq!(lines, expected);
    // Applied in the order given: received at the DC.
    assert_eq!(l.one(&i(6))["state"], "received");
}

#[test]
fn lifecycle_decommission_then_recommission() {
    let l = Ledger::with(
        "recommission",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "decommission_disaggregate.xml",
        ],
    );
    assert_eq!(
        no_key(l.status(&[&i(1), C1])),
        [
            st(
                &i(1),
                "decommissioned",
                None,
                0,
                (
                    "decommission",
                    "2024-05-02T12:00:00Z",
                    "SOM-DECOM-20240502-0003"
                )
            ),
            st(
                C1,
                "commissioned",
                Some(P_KEY),
                2,
                ("aggregate", "2024-05-02T09:05:00Z", "SOM-LC-20240502-0002")
            ),
        ]
    );
    l.applies(&["recommission_unit.xml"]);
    assert_eq!(
        no_key(l.status(&[&i(1)])),
        [st(
            &i(1),
            "commissioned",
            None,
            0,
            (
                "commission",
                "2024-05-04T08:00:00Z",
                "SOM-COMM-20240504-0002"
            )
        )]
    );
    assert_eq!(
        l.operations(&i(1)),
        [
            "commission → commissioned",
            "aggregate → commissioned",
            "decommission → decommissioned",
            "commission → commissioned",
        ]
    );
    assert_eq!(l.history(&i(1))[2]["reason"], "DAMAGED");
    // Recommissioned: it can be decommissioned again (not in a case any more).
    let r = l.refuses("decommission_damaged_resent.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "EVENTTIMEBEFORELASTEVENT",
            &format!(
                "Event time stamp is earlier than the last event for serial number {}.",
                i(1)
            ),
            Some(&i(1)),
            (27, 16),
            EV1
        )],
        "dated 2024-05-02, before the recommissioning"
    );
}

#[test]
fn lifecycle_a_destroyed_serial_refuses_every_later_operation() {
    let l = Ledger::with("destroyed", &["lc_01_commission.xml", "destroy_unit.xml"]);
    let destroyed = st(
        &i(1),
        "destroyed",
        None,
        0,
        ("destroy", "2024-05-02T13:00:00Z", "SOM-DSTR-20240502-0001"),
    );
    assert_eq!(no_key(l.status(&[&i(1)])), std::slice::from_ref(&destroyed));
    // One document, eight operations on the destroyed unit: every one is
    // refused, every exception listed.
    let r = l.refuses("after_destroy.xml");
    let ev = |n: u32, kind: &str| format!("EPCISDocument/EPCISBody/EventList/{kind}[{n}]");
    let u = i(1);
    let bad = bad_state_transition(&u, "destroyed");
    let not = not_commissioned(&u);
    assert_eq!(
        exceptions(&r, false),
        [
            exc(
                "BADSTATETRANSITION",
                &bad,
                Some(&u),
                (27, 16),
                &ev(1, "ObjectEvent")
            ),
            exc(
                "NOTCOMMISSIONED",
                &not,
                Some(&u),
                (52, 16),
                &ev(2, "ObjectEvent")
            ),
            exc(
                "NOTCOMMISSIONED",
                &not,
                Some(&u),
                (83, 16),
                &ev(3, "ObjectEvent")
            ),
            exc(
                "NOTCOMMISSIONED",
                &not,
                Some(&u),
                (106, 16),
                &ev(4, "ObjectEvent")
            ),
            exc(
                "NOTCOMMISSIONED",
                &not,
                Some(&u),
                (126, 16),
                &ev(5, "ObjectEvent")
            ),
            exc(
                "NOTCOMMISSIONED",
                &not,
                Some(&u),
                (150, 16),
                &ev(6, "AggregationEvent")
            ),
            exc(
                "BADSTATETRANSITION",
                &bad,
                Some(&u),
                (166, 16),
                &ev(7, "ObjectEvent")
            ),
            exc(
                "BADSTATETRANSITION",
                &bad,
                Some(&u),
                (186, 16),
                &ev(8, "ObjectEvent")
            ),
        ]
    );
    // The human report lists all eight too.
    let out = l.apply(&["after_destroy.xml"], &[]);
    let human = text(&out.stdout);
    assert!(
        human.starts_with(&format!(
            "{}: EPCIS refused, 8 exceptions:\n",
            shown("after_destroy.xml")
        )),
        "{human}"
    );
    assert_eq!(human.matches("NOTCOMMISSIONED: ").count(), 5);
    assert_eq!(human.matches("BADSTATETRANSITION: ").count(), 3);
    // A later commission on its own, and a SOAP Destroy.
    let r = l.refuses("recommission_unit.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc("BADSTATETRANSITION", &bad, Some(&u), (27, 16), EV1)]
    );
    let r = l.refuses("soap_destroy_unit.xml");
    let msg = not_commissioned(&isn(1));
    assert_eq!(
        r["response"],
        response("Destroy", &[("NOTCOMMISSIONED", &msg)])
    );
    // Still destroyed, its history the same two entries.
    assert_eq!(no_key(l.status(&[&i(1)])), [destroyed]);
    assert_eq!(
        l.operations(&i(1)),
        ["commission → commissioned", "destroy → destroyed"]
    );
}

#[test]
fn lifecycle_unpack_some_and_all_then_ship_the_pallet() {
    let l = Ledger::with(
        "unpack",
        &["lc_01_commission.xml", "lc_02_pack.xml", "unpack.xml"],
    );
    let unpk = "SOM-UNPK-20240502-0001";
    let pack = "SOM-LC-20240502-0002";
    assert_eq!(
        no_key(l.status(&[&i(1), &i(2), &i(4), &i(6), C1, C2, P])),
        [
            st(
                &i(1),
                "commissioned",
                None,
                0,
                ("disaggregate", "2024-05-02T11:00:00Z", unpk)
            ),
            st(
                &i(2),
                "commissioned",
                Some(C1_KEY),
                0,
                ("aggregate", "2024-05-02T09:00:00Z", pack)
            ),
            st(
                &i(4),
                "commissioned",
                None,
                0,
                ("disaggregate", "2024-05-02T11:01:00Z", unpk)
            ),
            st(
                &i(6),
                "commissioned",
                None,
                0,
                ("disaggregate", "2024-05-02T11:01:00Z", unpk)
            ),
            st(
                C1,
                "commissioned",
                Some(P_KEY),
                2,
                ("aggregate", "2024-05-02T09:05:00Z", pack)
            ),
            st(
                C2,
                "commissioned",
                Some(P_KEY),
                0,
                ("aggregate", "2024-05-02T09:05:00Z", pack)
            ),
            st(
                P,
                "commissioned",
                None,
                2,
                ("commission", "2024-05-02T08:10:00Z", "SOM-LC-20240502-0001")
            ),
        ]
    );
    assert_eq!(
        l.history(&i(4))[2],
        json!({"time": "2024-05-02T11:01:00Z", "operation": "disaggregate", "state": "commissioned", "document": unpk, "location": PLANT, "reason": C2})
    );
    // The pallet ships with what is still inside: C1 (I02, I03) and C2.
    let out = l.apply(&["lc_03_ship_sale.xml"], &[]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: EPCIS applied, 5 transitions\n",
            shown("lc_03_ship_sale.xml")
        )
    );
    let states: Vec<Value> = l
        .status(&[&i(1), &i(2), &i(3), &i(4), &i(5), &i(6), C1, C2, P])
        .into_iter()
        .map(|v| v["state"].clone())
        .collect();
    assert_eq!(
        states,
        [
            "commissioned",
            "shipped",
            "shipped",
            "commissioned",
            "commissioned",
            "commissioned",
            "shipped",
            "shipped",
            "shipped",
        ]
    );
}

#[test]
fn lifecycle_disaggregate_from_parent_true_and_false() {
    let l = Ledger::with("disagg", &["lc_01_commission.xml", "lc_02_pack.xml"]);
    // EPCIS: false is refused (CANNOTBEAGGREGATED, see above), true takes
    // the unit out of its case.
    l.refuses("decommission_damaged.xml");
    l.applies(&["decommission_disaggregate.xml"]);
    assert_eq!(
        no_key(l.status(&[&i(1), C1])),
        [
            st(
                &i(1),
                "decommissioned",
                None,
                0,
                (
                    "decommission",
                    "2024-05-02T12:00:00Z",
                    "SOM-DECOM-20240502-0003"
                )
            ),
            st(
                C1,
                "commissioned",
                Some(P_KEY),
                2,
                ("aggregate", "2024-05-02T09:05:00Z", "SOM-LC-20240502-0002")
            ),
        ]
    );
    // SOAP: the same.
    l.refuses("soap_decommission_in_case.xml");
    let out = l.apply(
        &["soap_decommission_disaggregate.xml"],
        &["--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(0));
    let r = &json_lines(&out)[0];
    assert_eq!(r["applied"], true);
    assert_eq!(r["kind"], "SOAP");
    assert_eq!(r["exceptions"], json!([]));
    assert_eq!(r["response"], response("Decommission", &[]));
    assert_eq!(
        no_key(l.status(&[&isn(4), C2])),
        [
            st(
                &isn(4),
                "decommissioned",
                None,
                0,
                ("decommission", "2024-05-02T14:00:00Z", "")
            ),
            st(
                C2,
                "commissioned",
                Some(P_KEY),
                2,
                ("aggregate", "2024-05-02T09:05:00Z", "SOM-LC-20240502-0002")
            ),
        ]
    );
    assert_eq!(
        l.history(&i(4))[2],
        json!({"time": "2024-05-02T14:00:00Z", "operation": "decommission", "state": "decommissioned", "document": "", "location": PLANT, "reason": "STATUSUPDATE"})
    );
    // The pallet now ships without the two decommissioned units.
    let out = l.apply(&["lc_03_ship_sale.xml"], &[]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: EPCIS applied, 7 transitions\n",
            shown("lc_03_ship_sale.xml")
        )
    );
    assert_eq!(l.one(&i(4))["state"], "decommissioned");
    assert_eq!(l.one(&i(5))["state"], "shipped");
}

#[test]
fn lifecycle_void_of_a_sale_restores_the_state_before_the_shipment() {
    let l = Ledger::with(
        "voidsale",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_sale.xml",
        ],
    );
    let out = l.apply(&["void_shipment.xml"], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: EPCIS applied, 9 transitions\n",
            shown("void_shipment.xml")
        )
    );
    let serials = pallet();
    let refs: Vec<&str> = serials.iter().map(String::as_str).collect();
    let voided: Vec<Value> = serials
        .iter()
        .enumerate()
        .map(|(n, s)| {
            st(
                s,
                "commissioned",
                packed_parent(n),
                packed_children(n),
                (
                    "void shipment",
                    "2024-05-03T15:00:00Z",
                    "SOM-VOID-20240503-0001",
                ),
            )
        })
        .collect();
    assert_eq!(no_key(l.status(&refs)), voided);
    assert_eq!(
        l.operations(P),
        [
            "commission → commissioned",
            "ship (sale) → shipped",
            "void shipment → commissioned",
        ]
    );
    // Voided again: nothing is shipped any more.
    let r = l.refuses("void_shipment.xml");
    assert_eq!(r["exceptions"].as_array().unwrap().len(), 10, "{r}");
    assert_eq!(r["exceptions"][0]["code"], "VALIDATION");
    assert_eq!(
        r["exceptions"][1]["message"],
        format!(
            "Serial number {P} is commissioned: only a shipment marked as a sale can be voided."
        )
    );
}

#[test]
fn dry_run_changes_nothing() {
    let l = Ledger::new("dryrun");
    let out = l.apply(&["lc_01_commission.xml", "lc_02_pack.xml"], &["--dry-run"]);
    // Each message is checked against the ledger as it is: the packing
    // finds nothing commissioned.
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert!(
        human.starts_with(&format!(
            "{}: EPCIS would be applied, 9 transitions\n{}: EPCIS refused, 11 exceptions:\n",
            shown("lc_01_commission.xml"),
            shown("lc_02_pack.xml")
        )),
        "{human}"
    );
    let nothing = l.snapshot();
    assert!(!nothing.contains("\"state\":\""), "{nothing}");
    // The dry run recorded no document: it applies for real.
    l.applies(&["lc_01_commission.xml"]);
    let before = l.snapshot();
    let out = l.apply(&["lc_02_pack.xml"], &["--dry-run", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out)[0]["applied"], true);
    assert_eq!(json_lines(&out)[0]["transitions"], 8);
    assert_eq!(l.snapshot(), before);
    l.applies(&["lc_02_pack.xml"]);
    // A SOAP request, dry: the response says success, nothing changes.
    let before = l.snapshot();
    let out = l.apply(
        &["soap_decommission_disaggregate.xml"],
        &["--dry-run", "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json_lines(&out)[0]["response"],
        response("Decommission", &[])
    );
    assert_eq!(l.snapshot(), before);
    assert_eq!(l.one(&i(4))["parent"], C2_KEY);
}

// ---------------------------------------------------------------------------
// Found by these tests, fixed in the engine.

#[test]
fn eventtimebeforelastevent_packing_into_a_case_before_its_commissioning() {
    // C1 is commissioned at 08:05; I01 is packed into it at 08:02.
    let l = Ledger::with("packearly", &["lc_01_commission.xml"]);
    let r = l.refuses("pack_before_case_commissioned.xml");
    assert_eq!(
        exceptions(&r, false),
        [exc(
            "EVENTTIMEBEFORELASTEVENT",
            &format!("Event time stamp is earlier than the last event for serial number {C1}."),
            Some(C1),
            (26, 19),
            "EPCISDocument/EPCISBody/EventList/AggregationEvent[1]"
        )]
    );
}

#[test]
fn notcommissioned_unpacking_a_case_after_its_pallet_was_shipped() {
    let l = Ledger::with(
        "unpackshipped",
        &[
            "lc_01_commission.xml",
            "lc_02_pack.xml",
            "lc_03_ship_sale.xml",
        ],
    );
    // As packing: the container and the unit are not at the sender any
    // more.
    let r = l.refuses("unpack_shipped_case.xml");
    let path = "EPCISDocument/EPCISBody/EventList/AggregationEvent[1]";
    assert_eq!(
        exceptions(&r, false),
        [
            exc(
                "NOTCOMMISSIONED",
                &not_commissioned(C1),
                Some(C1),
                (26, 19),
                path
            ),
            exc(
                "NOTCOMMISSIONED",
                &not_commissioned(&i(1)),
                Some(&i(1)),
                (28, 16),
                path
            ),
        ]
    );
    // The receipt of the pallet receives every unit.
    l.applies(&["lc_04_receive.xml"]);
    assert_eq!(l.one(&i(1))["state"], "received");
}

#[test]
fn an_applied_soap_request_reports_its_transitions() {
    let l = Ledger::with(
        "soaptransitions",
        &["lc_01_commission.xml", "lc_02_pack.xml"],
    );
    let out = l.apply(&["soap_decommission_disaggregate.xml"], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: SOAP applied, 1 transition\n{}\n",
            shown("soap_decommission_disaggregate.xml"),
            response("Decommission", &[])
        )
    );
}
