//! The real `epcstream` binary, run as a user runs it.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn epcstream(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_epcstream"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run epcstream");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for epcstream")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn translate_all_forms_from_an_argument() {
    let out = epcstream(
        &[
            "translate",
            "--filter",
            "3",
            "urn:epc:id:sgtin:0614141.812345.6789",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = &lines(&out)[0];
    assert_eq!(v["input"], "urn:epc:id:sgtin:0614141.812345.6789");
    assert_eq!(v["scheme"], "sgtin");
    assert_eq!(v["representation"], "pure_identity_uri");
    assert_eq!(v["uri"], "urn:epc:id:sgtin:0614141.812345.6789");
    assert_eq!(v["tag"], "urn:epc:tag:sgtin-96:3.0614141.812345.6789");
    assert_eq!(v["hex"], "3074257BF7194E4000001A85");
    assert_eq!(v["element"], "(01)80614141123458(21)6789");
    assert_eq!(v["dl"], "https://id.gs1.org/01/80614141123458/21/6789");
}

#[test]
fn stdin_one_per_line_with_detection_and_selected_forms() {
    let input = "3074257BF7194E4000001A85\n\n(00)106141412345678908\r\nhttps://example.com/dl/414/0614141123452/254/5678\n00008820200000047506\n";
    let out = epcstream(
        &["translate", "--to", "uri,element", "--gcp-length", "7", "-"],
        input,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = lines(&out);
    assert_eq!(v.len(), 4, "blank lines are skipped");
    assert_eq!(v[0]["representation"], "hex");
    assert_eq!(v[0]["uri"], "urn:epc:id:sgtin:0614141.812345.6789");
    assert!(v[0].get("tag").is_none(), "only the requested forms");
    assert_eq!(v[1]["uri"], "urn:epc:id:sscc:0614141.1234567890");
    assert_eq!(v[2]["representation"], "digital_link");
    assert_eq!(v[2]["uri"], "urn:epc:id:sgln:0614141.12345.5678");
    // The receiver's SOAP form: AI 00 + SSCC, no brackets.
    assert_eq!(v[3]["representation"], "unbracketed_element_string");
    assert_eq!(v[3]["uri"], "urn:epc:id:sscc:0882020.0000004750");
}

#[test]
fn invalid_input_gets_error_with_offset_and_exit_1() {
    let out = epcstream(
        &[
            "translate",
            "urn:epc:id:sgtin:0614141.812345.67/89",
            "urn:epc:id:sscc:0614141.1234567890",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let v = lines(&out);
    assert_eq!(v[0]["error"]["kind"], "invalid_character");
    assert_eq!(v[0]["error"]["offset"], 34);
    assert!(
        v[0]["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert!(v[0].get("uri").is_none());
    assert_eq!(
        v[1]["uri"], "urn:epc:id:sscc:0614141.1234567890",
        "later inputs still translated"
    );
}

#[test]
fn element_string_without_gcp_length_is_reported() {
    let out = epcstream(&["translate", "(01)80614141123458(21)6789"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["error"]["kind"], "gcp_length_unknown");
}

#[test]
fn gcp_table_file_supplies_the_split() {
    let table = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/gcp/gcpprefixformatlist-sample.xml"
    );
    let out = epcstream(
        &[
            "translate",
            "--to",
            "uri",
            "--gcp-table",
            table,
            "https://id.gs1.org/01/80614141123458/21/6789",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lines(&out)[0]["uri"],
        "urn:epc:id:sgtin:0614141.812345.6789"
    );
}

#[test]
fn unreadable_gcp_table_is_exit_2() {
    let out = epcstream(
        &["translate", "--gcp-table", "/nonexistent/table.xml", "x"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read GCP table"));
}

#[test]
fn untranslatable_forms_are_null_with_reason() {
    let out = epcstream(&["translate", "urn:epc:id:gid:95100000.12345.400"], "");
    assert_eq!(out.status.code(), Some(0));
    let v = &lines(&out)[0];
    assert_eq!(v["hex"], "355AB1C60003039000000190");
    assert!(v["dl"].is_null());
    assert_eq!(v["unavailable"]["dl"]["kind"], "no_translation");
}

#[test]
fn bits_and_filter_choose_the_binary_scheme() {
    let out = epcstream(
        &[
            "translate",
            "--to",
            "tag,hex",
            "--bits",
            "198",
            "--filter",
            "1",
            "urn:epc:id:sgtin:0614141.812345.6789",
        ],
        "",
    );
    let v = &lines(&out)[0];
    assert_eq!(v["binary_scheme"], "sgtin-198");
    assert_eq!(v["tag"], "urn:epc:tag:sgtin-198:1.0614141.812345.6789");
    // An alphanumeric serial does not fit SGTIN-96: the default picks 198.
    let out = epcstream(
        &[
            "translate",
            "--to",
            "tag",
            "urn:epc:id:sgtin:0614141.812345.A%2Fb",
        ],
        "",
    );
    assert_eq!(lines(&out)[0]["binary_scheme"], "sgtin-198");
}

#[test]
fn help_has_examples() {
    let out = epcstream(&["translate", "--help"], "");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Examples:") && help.contains("Exit status"),
        "{help}"
    );
}

fn corpus(path: &str) -> String {
    format!("{}/corpus/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn scan_summary_json_counts_every_field_and_scheme() {
    let out = epcstream(
        &[
            "scan",
            "--format",
            "summary-json",
            &corpus("epcis/invalid_epcs.xml"),
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = &lines(&out)[0];
    assert_eq!(v["documents"], 1);
    let total = &v["epcs"]["total"];
    assert!(
        total["invalid"].as_u64().unwrap() > 0 && total["valid"].as_u64().unwrap() > 0,
        "{v}"
    );
    let list = &v["epcs"]["by_field"]["epcList"];
    assert!(
        list["valid"].as_u64().unwrap() + list["invalid"].as_u64().unwrap() > 0,
        "{v}"
    );
    assert!(
        v["epcs"]["by_scheme"]["sgtin"]["valid"].as_u64().unwrap() > 0,
        "{v}"
    );
    assert!(
        v["findings"]["by_rule"]["epc.invalid"]["count"]
            .as_u64()
            .unwrap()
            > 0,
        "{v}"
    );
    let item = &v["findings"]["items"][0];
    assert!(
        item["line"].as_u64().unwrap() > 0 && item["column"].as_u64().unwrap() > 0,
        "positions filled in: {item}"
    );
}

#[test]
fn scan_clean_document_exits_0() {
    let out = epcstream(&["scan", &corpus("epcis/object_event_actions.xml")], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("events: ObjectEvent 4") && text.contains("findings: 0 error(s)"),
        "{text}"
    );
}

#[test]
fn scan_jsonl_rows_one_per_epc_with_translations() {
    let out = epcstream(
        &[
            "scan",
            "--format",
            "jsonl",
            &corpus("epcis/object_event_actions.xml"),
        ],
        "",
    );
    let rows = lines(&out);
    assert_eq!(rows.len(), 6);
    let r = &rows[0];
    for k in [
        "file",
        "event",
        "event_type",
        "field",
        "offset",
        "line",
        "column",
        "epc",
        "valid",
    ] {
        assert!(r.get(k).is_some(), "{k} in {r}");
    }
    let sgtin = rows
        .iter()
        .find(|r| r["scheme"] == "sgtin")
        .expect("an SGTIN row");
    assert_eq!(sgtin["gtin"].as_str().unwrap().len(), 14);
    assert!(sgtin["element"].as_str().unwrap().starts_with("(01)"));
    let sscc = rows
        .iter()
        .find(|r| r["scheme"] == "sscc")
        .expect("an SSCC row");
    assert_eq!(sscc["sscc"].as_str().unwrap().len(), 18);
}

#[test]
fn scan_csv_invalid_only() {
    let out = epcstream(
        &[
            "scan",
            "--format",
            "csv",
            "--invalid-only",
            &corpus("epcis/invalid_epcs.xml"),
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut rows = text.lines();
    assert!(
        rows.next()
            .unwrap()
            .starts_with("file,event,event_type,field,index,offset,line,column,epc,valid")
    );
    let rest: Vec<_> = rows.collect();
    assert!(!rest.is_empty());
    assert!(rest.iter().all(|r| r.contains(",false,")), "{text}");
}

#[test]
fn scan_malformed_reports_what_came_before_and_exits_2() {
    let out = epcstream(
        &[
            "scan",
            "--format",
            "jsonl",
            &corpus("malformed/truncated.xml"),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !lines(&out).is_empty(),
        "the EPCs before the error are reported"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line") && err.contains("expected </"), "{err}");
}

#[test]
fn scan_reads_stdin_and_gen_output() {
    let generated = epcstream(&["gen", "--epcs", "2000", "--seed", "7"], "");
    assert_eq!(generated.status.code(), Some(0));
    let doc = String::from_utf8(generated.stdout).unwrap();
    let out = epcstream(&["scan", "--format", "summary-json", "-"], &doc);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = &lines(&out)[0];
    assert_eq!(v["epcs"]["total"]["valid"], 2000);
    assert_eq!(v["epcs"]["total"]["invalid"], 0);
}

#[test]
fn scan_parallel_equals_sequential_rows() {
    let generated = epcstream(
        &[
            "gen",
            "--epcs",
            "30000",
            "--seed",
            "3",
            "--invalid-rate",
            "0.01",
        ],
        "",
    );
    let dir = std::env::temp_dir().join(format!("epcstream-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.xml");
    std::fs::write(&file, &generated.stdout).unwrap();
    let f = file.to_str().unwrap();
    // Small chunks: the 2.5 MB document is cut in about 40.
    let one = epcstream(&["scan", "--format", "jsonl", "--threads", "1", f], "");
    let two = epcstream(
        &[
            "scan",
            "--format",
            "jsonl",
            "--threads",
            "2",
            "--chunk-size",
            "65536",
            f,
        ],
        "",
    );
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), Some(1), "the invalid EPCs are findings");
    let _ = std::fs::remove_dir_all(&dir);
}
