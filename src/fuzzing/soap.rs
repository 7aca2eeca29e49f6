//! Checks of the SOAP reader and checker on arbitrary bytes (fuzz target
//! `soap_bytes`): no panic; every position inside the input; the answer
//! to a request (and a response read, written back) is bounded, and reads
//! back as a response saying the same: success, and each exception's code
//! and message.

use crate::som::soap::{self, Message, ReadResponse};
use crate::som::{Config, ProductMaster};

/// Inputs longer than this are ignored.
pub const SOAP_MAX_INPUT: usize = 64 << 10;

fn config() -> Config {
    let mut master = ProductMaster::new();
    // The GTIN of urn:epc:id:sgtin:0614141.012345.*, sold in RU, so the
    // Russia rules are reachable.
    master.insert("00614141123452", &["RU"]);
    Config {
        master,
        now: Some(1_600_000_000),
        ..Config::default()
    }
}

/// What a response envelope says: its operation's name, success, and the
/// `(code, message)` of each exception.
fn says(r: &ReadResponse) -> (String, bool, Vec<(String, String)>) {
    let name = r
        .element
        .name
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let ex = r
        .exceptions
        .iter()
        .map(|e| {
            (
                e.code
                    .as_ref()
                    .map_or(String::new(), |c| c.trimmed().to_owned()),
                e.message
                    .as_ref()
                    .map_or(String::new(), |m| m.value.clone()),
            )
        })
        .collect();
    (name, r.success() == Some(true), ex)
}

/// Reads `xml` back as a response, panicking if it is not one.
fn read_back(xml: &str) -> ReadResponse {
    let doc = soap::read(xml.as_bytes())
        .unwrap_or_else(|e| panic!("the written response does not read back: {e}\n{xml}"));
    assert!(
        doc.warnings.is_empty(),
        "warnings on a written response: {:?}",
        doc.warnings
    );
    match doc.message {
        Message::Response(r) => r,
        Message::Request(_) => panic!("a written response reads as a request: {xml}"),
    }
}

/// The `soap_bytes` check. Returns whether the input was read as a SOAP
/// message (worth keeping in the corpus).
pub fn soap_bytes(data: &[u8]) -> bool {
    if data.len() > SOAP_MAX_INPUT {
        return false;
    }
    let _ = soap::is_soap(data);
    let doc = match soap::read(data) {
        Ok(d) => d,
        Err(e) => {
            assert!(
                e.pos.offset as usize <= data.len(),
                "error past the input: {e}"
            );
            assert!(e.pos.line >= 1 && e.pos.column >= 1, "{e}");
            return false;
        }
    };
    let inside = |offset: u64| offset as usize <= data.len();
    for w in &doc.warnings {
        assert!(inside(w.pos.offset) && w.pos.line >= 1, "{w:?}");
    }
    let bound = 4096 + 8 * data.len();
    match doc.message {
        Message::Request(request) => {
            let config = config();
            let checked = soap::check_request(*request, doc.warnings, &config, None);
            let again = soap::check(data, &config).expect("read once, read twice");
            assert_eq!(
                again.violations, checked.violations,
                "check is not deterministic"
            );
            for v in &checked.violations {
                assert!(inside(v.pos.offset) && v.pos.line >= 1, "{v:?}");
                assert_eq!(
                    v.code.is_some(),
                    v.severity == crate::epcis::Severity::Error
                );
            }
            let xml = checked.response.to_xml();
            assert!(xml.len() <= bound, "response of {} bytes", xml.len());
            let back = read_back(&xml);
            let (name, success, ex) = says(&back);
            assert_eq!(name, checked.request.operation.response_name());
            assert_eq!(success, checked.is_success());
            let want: Vec<(String, String)> = checked
                .response
                .exceptions
                .iter()
                .map(|e| (e.code.as_str().to_owned(), e.message.clone()))
                .collect();
            assert_eq!(ex, want);
        }
        Message::Response(r) => {
            let xml = r.to_xml();
            assert!(xml.len() <= bound, "response of {} bytes", xml.len());
            let back = read_back(&xml);
            assert_eq!(says(&back), says(&r));
            assert_eq!(back.to_xml(), xml, "writing is not a fixed point");
        }
    }
    true
}
