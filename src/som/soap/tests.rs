use super::*;

fn seed(name: &str) -> Vec<u8> {
    let path = format!("{}/corpus/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const ENV: &str = r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:tracelink:soap">"#;

fn destroy(body: &str) -> String {
    format!(
        "{ENV}<soapenv:Body><urn:Destroy><DestroyRequest>{body}</DestroyRequest></urn:Destroy></soapenv:Body></soapenv:Envelope>"
    )
}

#[test]
fn seed_requests_pass_with_their_warnings() {
    let c = check(&seed("decommission_soap_request.xml"), &Config::default()).unwrap();
    assert_eq!(c.message_type, MessageType::SoapDecommission);
    assert!(c.is_success(), "{:#?}", c.violations);
    let rules: Vec<_> = c.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["soap.unknown_element", "soap.namespace_ignored"]);
    assert_eq!(c.request.serials.as_ref().unwrap().serials.len(), 1);
    assert_eq!(c.request.item_attributes.len(), 25 - 1);
    assert_eq!(
        c.request.location.as_ref().unwrap().value,
        "8888882.02867.0"
    );
    assert_eq!(
        c.request.reason_description.as_ref().unwrap().value,
        "Depoda Hasarlı mallar"
    );
    let c = check(&seed("destroy_soap_request.xml"), &Config::default()).unwrap();
    assert!(c.is_success(), "{:#?}", c.violations);
    let rules: Vec<_> = c.violations.iter().map(|v| v.rule).collect();
    assert_eq!(
        rules,
        ["xml.reopened_leaf", "soap.unknown_element", "soap.sn_form"]
    );
    assert_eq!(c.request.location_type.as_ref().unwrap().value, "SGLN");
    assert_eq!(
        c.request.location.as_ref().unwrap().value,
        "8888882.02867.0"
    );
    assert_eq!(
        c.response.to_xml(),
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:DestroyResponse xmlns:ns2="urn:tracelink:soap" xmlns:ns3="http://tracelink.com/som"><TLResponse><Success>true</Success></TLResponse></ns2:DestroyResponse></S:Body></S:Envelope>"#
    );
}

#[test]
fn seed_responses_read() {
    let d = read(&seed("decommission_soap_response.xml")).unwrap();
    let Message::Response(r) = &d.message else {
        panic!("not a response")
    };
    assert_eq!(r.operation, Some(Operation::Decommission));
    assert_eq!(r.success(), Some(true));
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.warnings[0].rule, "xml.end_name");
    let d = read(&seed("destroy_soap_response.xml")).unwrap();
    let Message::Response(r) = &d.message else {
        panic!("not a response")
    };
    assert_eq!(r.operation, Some(Operation::Destroy));
    assert_eq!(r.success(), Some(true));
    assert!(d.warnings.is_empty());
    // `check` wants a request.
    let e = check(&seed("destroy_soap_response.xml"), &Config::default()).unwrap_err();
    assert_eq!(e.kind, SoapErrorKind::NotRequest);
}

#[test]
fn failure_response_is_escaped_and_reads_back() {
    let mut r = Response::success(Operation::Decommission);
    r.push(Exception::serial(ExceptionCode::SnNotFound, "a<b&c>\r"));
    r.push(Exception::plain(ExceptionCode::EventTimeAfterNow));
    r.push(Exception::plain(ExceptionCode::EventTimeAfterNow));
    let x = r.to_xml();
    assert_eq!(
        x,
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body><ns2:DecommissionResponse xmlns:ns2=\"urn:tracelink:soap\" xmlns:ns3=\"http://tracelink.com/som\"><TLResponse><Success>false</Success><ExceptionReturn><CallException><ExceptionCode>SNNOTFOUND</ExceptionCode><ExceptionMessage>Serial number a&lt;b&amp;c&gt;&#13; does not exist.</ExceptionMessage></CallException><CallException><ExceptionCode>EVENTTIMEAFTERNOW</ExceptionCode><ExceptionMessage>Event time stamp must not be in the future.</ExceptionMessage></CallException></ExceptionReturn></TLResponse></ns2:DecommissionResponse></S:Body></S:Envelope>"
    );
    let Message::Response(back) = read(x.as_bytes()).unwrap().message else {
        panic!("not a response")
    };
    assert_eq!(back.success(), Some(false));
    let pairs: Vec<_> = back
        .exceptions
        .iter()
        .map(|e| {
            (
                e.code.clone().unwrap().value,
                e.message.clone().unwrap().value,
            )
        })
        .collect();
    let want: Vec<_> = r
        .exceptions
        .iter()
        .map(|e| (e.code.as_str().to_owned(), e.message.clone()))
        .collect();
    assert_eq!(pairs, want);
}

#[test]
fn the_ledger_raises_into_the_same_answer() {
    let x = destroy(r#"<Items><Item sn="urn:epc:id:sscc:0614141.1234567890"/></Items>"#);
    let mut c = check(x.as_bytes(), &Config::default()).unwrap();
    assert!(c.is_success());
    let sn = c.request.serials.as_ref().unwrap().serials[0]
        .sn
        .clone()
        .unwrap();
    c.raise(
        Exception::serial(ExceptionCode::NeverCommissioned, sn.trimmed()),
        None,
        sn.pos,
        sn.path.clone(),
    );
    assert!(!c.is_success());
    let v = c.errors().next().unwrap();
    assert_eq!(v.rule, "soap.nevercommissioned");
    assert_eq!(v.code, Some(ExceptionCode::NeverCommissioned));
    assert_eq!(
        v.path,
        "Envelope/Body/Destroy/DestroyRequest/Items/Item/@sn"
    );
    assert!(
        c.response
            .to_xml()
            .contains("<ExceptionCode>NEVERCOMMISSIONED</ExceptionCode>")
    );
}

#[test]
fn rule_ids_are_the_codes_in_lower_case() {
    for c in ExceptionCode::ALL {
        assert_eq!(
            rule_id(*c),
            format!("soap.{}", c.as_str().to_ascii_lowercase())
        );
    }
}

#[test]
fn sniffing() {
    assert!(is_soap(&seed("destroy_soap_request.xml")[..64]));
    assert!(is_soap(
        b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><S:Envelope xmlns:S=\"x\">"
    ));
    assert!(is_soap(b"<Envelope>"));
    assert!(!is_soap(
        b"<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\">"
    ));
    assert!(!is_soap(b"<soapenv:Envel"));
    assert!(!is_soap(b"<!-- never closed"));
    assert!(!is_soap(b""));
}

#[test]
fn soap_12_and_other_bodies_are_errors() {
    let e = read(
        br#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>"#,
    )
    .unwrap_err();
    assert_eq!(e.kind, SoapErrorKind::NotSoap);
    assert!(e.message.contains("SOAP 1.2"));
    let e = read(
        format!("{ENV}<soapenv:Body><urn:Aggregate/></soapenv:Body></soapenv:Envelope>").as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.pos.column as usize),
        (
            SoapErrorKind::NotRequest,
            ENV.len() + "<soapenv:Body>".len() + 1
        )
    );
    let e = read(format!("{ENV}<soapenv:Header/></soapenv:Envelope>").as_bytes()).unwrap_err();
    assert_eq!(e.kind, SoapErrorKind::NotSoap);
}

#[test]
fn serial_forms() {
    let cfg = Config::default();
    for (sn, form) in [
        ("urn:epc:id:sgtin:0614141.812345.6789", "valid"),
        ("00008820200000047506", "valid"),
        ("(01)80614141123458(21)6789", "valid"),
        ("https://id.gs1.org/01/80614141123458/21/6789", "valid"),
        ("3074257BF7194E4000001A85", "valid"),
        ("00008820200000047507", "invalid"),
        ("urn:epc:id:sgtin:0614141.812345", "invalid"),
        ("(01)80614141123457(21)6789", "invalid"),
        ("88102321100002083327", "foreign"),
        ("ABC-123", "foreign"),
        ("12345", "foreign"),
    ] {
        let x = destroy(&format!(r#"<Items><Item sn="{sn}"/></Items>"#));
        let c = check(x.as_bytes(), &cfg).unwrap();
        let got = if !c.is_success() {
            "invalid"
        } else if c.violations.iter().any(|v| v.rule == "soap.sn_form") {
            "foreign"
        } else {
            "valid"
        };
        assert_eq!(got, form, "{sn}: {:#?}", c.violations);
    }
}

#[test]
fn fuzz_check_holds_on_the_corpus_and_its_truncations() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/soap_bytes");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        crate::fuzzing::soap_bytes(&data);
        for cut in (0..data.len()).step_by(97) {
            crate::fuzzing::soap_bytes(&data[..cut]);
        }
        n += 1;
    }
    assert!(n >= 40);
}
