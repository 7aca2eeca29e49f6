//! SOAP Decommission and Destroy: the seed's four examples and
//! `corpus/soap/` (valid requests, and requests that each break one rule),
//! through the library and the real `epcstream soap` binary.

use epcstream::epcis::Severity;
use epcstream::som::soap::{self, Message, SoapErrorKind};
use epcstream::som::{Class, Config, ExceptionCode, ProductMaster, time};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

fn bytes(rel: &str) -> Vec<u8> {
    let p = corpus(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The checks' configuration: the corpus' product master (one GTIN sold in
/// RU) and a fixed "now".
fn config() -> Config {
    Config {
        master: ProductMaster::load(&corpus("soap/products.csv")).expect("product master"),
        now: time::parse_seconds("2020-01-01T00:00:00Z"),
        ..Config::default()
    }
}

fn epcstream(args: &[&str], stdin: &[u8]) -> Output {
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
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait for epcstream")
}

const OK_DECOMMISSION: &str = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:DecommissionResponse xmlns:ns2="urn:tracelink:soap" xmlns:ns3="http://tracelink.com/som"><TLResponse><Success>true</Success></TLResponse></ns2:DecommissionResponse></S:Body></S:Envelope>"#;
const OK_DESTROY: &str = r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:DestroyResponse xmlns:ns2="urn:tracelink:soap" xmlns:ns3="http://tracelink.com/som"><TLResponse><Success>true</Success></TLResponse></ns2:DestroyResponse></S:Body></S:Envelope>"#;

#[test]
fn seed_requests_pass_with_their_warnings() {
    for (file, ok, warnings) in [
        (
            "seed/decommission_soap_request.xml",
            OK_DECOMMISSION,
            &[
                ("soap.unknown_element", 1, 434),
                ("soap.namespace_ignored", 1, 307),
            ][..],
        ),
        (
            "seed/destroy_soap_request.xml",
            OK_DESTROY,
            &[
                ("xml.reopened_leaf", 1, 1573),
                ("soap.unknown_element", 1, 380),
                ("soap.sn_form", 1, 245),
            ][..],
        ),
    ] {
        let c = soap::check(&bytes(file), &config()).unwrap();
        assert!(c.is_success(), "{file}: {:#?}", c.violations);
        let got: Vec<_> = c
            .violations
            .iter()
            .map(|v| (v.rule, v.pos.line, v.pos.column))
            .collect();
        assert_eq!(got, warnings, "{file}");
        assert!(
            c.violations
                .iter()
                .all(|v| v.severity != Severity::Error && v.code.is_none())
        );
        assert_eq!(c.response.to_xml(), ok);
        let out = epcstream(&["soap", corpus(file).to_str().unwrap()], b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{ok}\n"));
    }
}

#[test]
fn seed_responses_are_read() {
    for (file, ok, warning) in [
        (
            "seed/decommission_soap_response.xml",
            OK_DECOMMISSION,
            Some("xml.end_name"),
        ),
        ("seed/destroy_soap_response.xml", OK_DESTROY, None),
    ] {
        let d = soap::read(&bytes(file)).unwrap();
        let Message::Response(r) = &d.message else {
            panic!("{file}: not a response")
        };
        assert_eq!(r.success(), Some(true));
        assert!(r.exceptions.is_empty());
        assert_eq!(d.warnings.first().map(|w| w.rule), warning);
        assert_eq!(r.to_xml(), ok);
        let out = epcstream(&["soap", "--explain", corpus(file).to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{ok}\n"));
        assert!(String::from_utf8_lossy(&out.stderr).contains("Success true"));
    }
    // The Decommission response's defect, where it is.
    let d = soap::read(&bytes("seed/decommission_soap_response.xml")).unwrap();
    let w = &d.warnings[0];
    assert_eq!((w.pos.line, w.pos.column, w.pos.offset), (1, 221, 220));
    assert_eq!(w.class, Class::Gs1);
}

#[test]
fn valid_corpus_requests_pass() {
    for file in [
        "decommission_valid.xml",
        "destroy_valid.xml",
        "destroy_russia_valid.xml",
    ] {
        let c = soap::check(&bytes(&format!("soap/{file}")), &config()).unwrap();
        assert!(c.is_success(), "{file}: {:#?}", c.violations);
        assert!(
            c.violations.iter().all(|v| v.severity != Severity::Error),
            "{file}"
        );
    }
}

const V: ExceptionCode = ExceptionCode::Validation;

fn param(field: &str) -> String {
    format!("The parameter {field} is missing or had an invalid value.")
}

/// Each file breaks one rule: its one exception (code, message), where
/// (line, column), and the element path.
#[test]
fn each_broken_rule_gives_its_exception_where_it_is() {
    let ru = |t: &str| t.to_owned();
    let cases: Vec<(&str, ExceptionCode, String, u32, u32, &str)> = vec![
        (
            "missing_request",
            V,
            param("DecommissionRequest"),
            5,
            5,
            "Envelope/Body/Decommission",
        ),
        (
            "missing_serial_list",
            V,
            param("SerialNumberList"),
            6,
            7,
            "Envelope/Body/Decommission/DecommissionRequest",
        ),
        (
            "empty_items",
            V,
            param("Items"),
            8,
            9,
            "Envelope/Body/Destroy/DestroyRequest/Items",
        ),
        (
            "missing_sn",
            V,
            param("sn"),
            9,
            11,
            "Envelope/Body/Destroy/DestroyRequest/Items/Item",
        ),
        (
            "empty_sn",
            V,
            param("sn"),
            9,
            21,
            "Envelope/Body/Destroy/DestroyRequest/Items/Item/@sn",
        ),
        (
            "invalid_sn",
            V,
            param("sn"),
            9,
            29,
            "Envelope/Body/Decommission/DecommissionRequest/SerialNumberList/SerialNumber/@sn",
        ),
        (
            "bad_boolean",
            V,
            param("Damaged"),
            11,
            18,
            "Envelope/Body/Decommission/DecommissionRequest/Damaged",
        ),
        (
            "bad_disaggregate",
            V,
            param("DisaggregateFromParent"),
            7,
            33,
            "Envelope/Body/Destroy/DestroyRequest/DisaggregateFromParent",
        ),
        (
            "bad_event_date_time",
            V,
            param("EventDateTime"),
            14,
            24,
            "Envelope/Body/Decommission/DecommissionRequest/EventDateTime",
        ),
        (
            "bad_item_type",
            V,
            param("ItemType"),
            18,
            23,
            "Envelope/Body/Decommission/DecommissionRequest/Transactions/Transaction/ItemType",
        ),
        (
            "missing_item_type",
            V,
            param("ItemType"),
            16,
            11,
            "Envelope/Body/Decommission/DecommissionRequest/Transactions/Transaction",
        ),
        (
            "bad_date",
            V,
            param("Date"),
            19,
            19,
            "Envelope/Body/Decommission/DecommissionRequest/Transactions/Transaction/Date",
        ),
        (
            "missing_date",
            V,
            param("Date"),
            16,
            11,
            "Envelope/Body/Decommission/DecommissionRequest/Transactions/Transaction",
        ),
        (
            "destroy_missing_item_id",
            V,
            param("ItemID"),
            16,
            11,
            "Envelope/Body/Destroy/DestroyRequest/Transactions/Transaction",
        ),
        (
            "bad_destruction_method",
            V,
            param("DestructionMethod"),
            23,
            28,
            "Envelope/Body/Destroy/DestroyRequest/DestructionMethod",
        ),
        (
            "bad_reason_code",
            V,
            param("ReasonCode"),
            13,
            21,
            "Envelope/Body/Decommission/DecommissionRequest/ReasonCode",
        ),
        (
            "repeated_reason_code",
            V,
            param("ReasonCode"),
            14,
            9,
            "Envelope/Body/Decommission/DecommissionRequest/ReasonCode[2]",
        ),
        (
            "bad_identifier_type",
            V,
            param("identifiertype"),
            24,
            51,
            "Envelope/Body/Decommission/DecommissionRequest/ReportingPartyIdentifier/@identifiertype",
        ),
        (
            "missing_identifier_value",
            V,
            param("identifiervalue"),
            24,
            9,
            "Envelope/Body/Decommission/DecommissionRequest/ReportingPartyIdentifier",
        ),
        (
            "bad_location_type",
            V,
            param("LocationType"),
            26,
            23,
            "Envelope/Body/Destroy/DestroyRequest/LocationType",
        ),
        (
            "bad_location",
            V,
            param("Location"),
            27,
            19,
            "Envelope/Body/Destroy/DestroyRequest/Location",
        ),
        (
            "bad_market_country_code",
            V,
            param("MarketCountryCode"),
            25,
            28,
            "Envelope/Body/Destroy/DestroyRequest/MarketCountryCode",
        ),
        (
            "long_market_country_code",
            V,
            param("MarketCountryCode"),
            25,
            28,
            "Envelope/Body/Destroy/DestroyRequest/MarketCountryCode",
        ),
        (
            "turkey_reason_description_too_long",
            V,
            param("ReasonDescription"),
            22,
            28,
            "Envelope/Body/Decommission/DecommissionRequest/ReasonDescription",
        ),
        (
            "turkey_missing_reason_description",
            V,
            param("ReasonDescription"),
            6,
            7,
            "Envelope/Body/Decommission/DecommissionRequest",
        ),
        (
            "multiple_attributes",
            ExceptionCode::MultipleAttributesDecommission,
            ru(
                "The serial number(s) could not be decommissioned. The Decommission API request may only specify a single reason code.",
            ),
            13,
            17,
            "Envelope/Body/Destroy/DestroyRequest/Stolen",
        ),
        (
            "duplicate_serials",
            ExceptionCode::DuplicateSerials,
            ru(
                "The following serial numbers were listed more than once: A1, urn:epc:id:sscc:0614141.1234567890.",
            ),
            11,
            21,
            "Envelope/Body/Destroy/DestroyRequest/Items/Item[3]/@sn",
        ),
        (
            "event_time_after_now",
            ExceptionCode::EventTimeAfterNow,
            ru("Event time stamp must not be in the future."),
            14,
            24,
            "Envelope/Body/Destroy/DestroyRequest/EventDateTime",
        ),
        (
            "russia_missing_destruction_method",
            V,
            ru("Destruction Method is required for products sold in Russia."),
            6,
            7,
            "Envelope/Body/Destroy/DestroyRequest",
        ),
        (
            "russia_missing_item_attribute",
            V,
            ru("Item Attribute is required for products sold in Russia."),
            6,
            7,
            "Envelope/Body/Destroy/DestroyRequest",
        ),
        (
            "russia_missing_location",
            V,
            ru("Location is required for products sold in Russia."),
            6,
            7,
            "Envelope/Body/Destroy/DestroyRequest",
        ),
        (
            "russia_missing_reporting_party",
            V,
            ru(
                "Reporting Party is required when Transactions are included in the request and products are sold in Russia.",
            ),
            15,
            9,
            "Envelope/Body/Destroy/DestroyRequest/Transactions",
        ),
        (
            "russia_missing_transaction",
            V,
            ru(
                "Transaction Identifier for 'Removal from Circulation' is required for products sold in Russia.",
            ),
            6,
            7,
            "Envelope/Body/Destroy/DestroyRequest",
        ),
    ];
    for (file, code, message, line, column, path) in &cases {
        let input = bytes(&format!("soap/{file}.xml"));
        let c = soap::check(&input, &config()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let errors: Vec<_> = c.errors().collect();
        assert_eq!(errors.len(), 1, "{file}: {errors:#?}");
        let v = errors[0];
        assert_eq!(v.code, Some(*code), "{file}");
        assert_eq!(v.rule, soap::rule_id(*code), "{file}");
        assert_eq!(v.class, Class::One, "{file}");
        assert_eq!(v.message, message.as_str(), "{file}");
        assert_eq!((v.pos.line, v.pos.column), (*line, *column), "{file}");
        assert_eq!(v.path, *path, "{file}");
        assert!(v.detail.is_some(), "{file}");
        // The offset is the line and column's.
        let at = v.pos.offset as usize;
        let line_start = input[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        assert_eq!(at - line_start + 1, *column as usize, "{file}");
        assert_eq!(c.response.exceptions.len(), 1, "{file}");
        assert_eq!(c.response.exceptions[0].code, *code);
        assert_eq!(&c.response.exceptions[0].message, message);
    }
    // Without the product master the Russia rules cannot fire.
    let c = soap::check(
        &bytes("soap/russia_missing_location.xml"),
        &Config::default(),
    )
    .unwrap();
    assert!(c.is_success());
}

#[test]
fn every_exception_is_reported_not_only_the_first() {
    let mut x = String::from_utf8(bytes("soap/destroy_russia_valid.xml")).unwrap();
    for (from, to) in [
        (
            "<Damaged>true</Damaged>",
            "<Damaged>true</Damaged><Stolen>true</Stolen>",
        ),
        ("2015-06-01T17:10:16Z", "2099-06-01T17:10:16Z"),
        ("<DestructionMethod>INCINERATION</DestructionMethod>", ""),
        (
            "<ReasonCode>STATUSUPDATE</ReasonCode>",
            "<ReasonCode>X</ReasonCode>",
        ),
        (
            r#"<Item sn="urn:epc:id:sgtin:0614141.012345.1001"/>"#,
            r#"<Item sn="urn:epc:id:sgtin:0614141.012345.1001"/><Item sn="urn:epc:id:sgtin:0614141.012345.1001"/>"#,
        ),
    ] {
        assert!(x.contains(from), "{from}");
        x = x.replace(from, to);
    }
    let c = soap::check(x.as_bytes(), &config()).unwrap();
    let codes: Vec<_> = c
        .response
        .exceptions
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "VALIDATION",
            "MLTUPLE_ATTRIBUTES_DECOMMISSION",
            "SOMDUPLICATESNS",
            "EVENTTIMEAFTERNOW",
            "VALIDATION"
        ]
    );
    assert_eq!(
        c.response.exceptions[4].message,
        "Destruction Method is required for products sold in Russia."
    );
    let out = epcstream(
        &[
            "soap",
            "--explain",
            "--product-master",
            corpus("soap/products.csv").to_str().unwrap(),
            "--now",
            "2020-01-01T00:00:00Z",
            "-",
        ],
        x.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("<CallException>").count(), 5);
    assert!(stdout.starts_with("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns2:DestroyResponse xmlns:ns2=\"urn:tracelink:soap\" xmlns:ns3=\"http://tracelink.com/som\"><TLResponse><Success>false</Success><ExceptionReturn><CallException><ExceptionCode>VALIDATION</ExceptionCode><ExceptionMessage>The parameter ReasonCode is missing or had an invalid value.</ExceptionMessage></CallException>"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(
        "-:14:24: error [class 1] soap.eventtimeafternow EVENTTIMEAFTERNOW: Event time stamp must not be in the future. — 2099-06-01T17:10:16Z is after now (2020-01-01T00:00:00Z) (offset "
    ), "{stderr}");
    assert!(
        stderr.contains(", Envelope/Body/Destroy/DestroyRequest/EventDateTime)\n"),
        "{stderr}"
    );
}

#[test]
fn not_well_formed_or_not_soap_exits_2_with_the_position() {
    for (file, kind, line, column, expected) in [
        (
            "soap/malformed_end_tag.xml",
            SoapErrorKind::Malformed,
            13,
            33,
            Some("</ReasonCode>"),
        ),
        (
            "soap/entity_declaration.xml",
            SoapErrorKind::EntityDeclaration,
            1,
            1,
            None,
        ),
        (
            "seed/esm_destroy.xml",
            SoapErrorKind::NotSoap,
            1,
            57,
            Some("soapenv:Envelope in http://schemas.xmlsoap.org/soap/envelope/"),
        ),
    ] {
        let e = soap::read(&bytes(file)).unwrap_err();
        assert_eq!(
            (e.kind, e.pos.line, e.pos.column),
            (kind, line, column),
            "{file}: {e}"
        );
        assert_eq!(e.expected.as_deref(), expected, "{file}");
        let out = epcstream(&["soap", corpus(file).to_str().unwrap()], b"");
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(":{line}:{column}: {}", kind.as_str())),
            "{stderr}"
        );
    }
    let out = epcstream(&["soap", "-"], b"\xFF\xFE<");
    assert_eq!(out.status.code(), Some(2));
    let out = epcstream(&["soap", "/nonexistent/request.xml"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_failure_response_is_read_back_and_exits_1() {
    let c = soap::check(&bytes("soap/event_time_after_now.xml"), &config()).unwrap();
    let xml = c.response.to_xml();
    let out = epcstream(&["soap", "--explain"], xml.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{xml}\n"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("exception EVENTTIMEAFTERNOW: Event time stamp must not be in the future."),
        "{stderr}"
    );
}

#[test]
fn is_soap_tells_soap_from_epcis() {
    assert!(soap::is_soap(&bytes("seed/decommission_soap_request.xml")));
    assert!(soap::is_soap(&bytes("soap/destroy_valid.xml")));
    assert!(!soap::is_soap(&bytes("seed/esm_destroy.xml")));
}
