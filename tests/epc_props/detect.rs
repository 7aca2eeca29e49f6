//! `parse_any` on every representation of generated identifiers.

use super::any_epc;
use epcstream::epc::{GcpSource, Representation, parse_any};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The URI, tag URI, hex, element string and Digital Link of an
    /// identifier are each detected as what they are and parse to the same
    /// Epc (with the company prefix length where one is needed).
    #[test]
    fn parse_any_every_form(g in any_epc(), filter in 0u8..8) {
        let epc = g.epc();
        let uri = g.uri();
        let gcp = g.gcp_len();
        let src = gcp.as_ref().map(|l| l as &dyn GcpSource);
        let mut forms: Vec<(Representation, String)> = Vec::new();
        let uri_repr = if epc.scheme().is_class() {
            Representation::ClassUri
        } else {
            Representation::PureIdentityUri
        };
        forms.push((uri_repr, uri.clone()));
        let filter = if epc.scheme().name() == "gid" { 0 } else { filter };
        if let Ok(tag) = epc.tag(filter, None) {
            forms.push((Representation::TagUri, tag.to_string()));
            forms.push((Representation::Hex, tag.encode().to_string()));
        }
        if let Ok(es) = epc.to_element_string() {
            // The bracketed form is ambiguous when a value holds '('.
            if !es.items().iter().any(|i| i.value.contains('(')) {
                forms.push((Representation::ElementString, es.to_string()));
            }
            if let Ok(dl) = epc.to_digital_link("https://id.gs1.org") {
                forms.push((Representation::DigitalLink, dl));
            }
        }
        for (repr, form) in forms {
            let res = parse_any(&form, src);
            prop_assert!(res.is_ok(), "{uri}: parse_any({form}): {:?}", res.err());
            let (got, parsed) = res.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(got, repr, "{}", form);
            prop_assert_eq!(parsed.epc().map(ToString::to_string), Some(uri.clone()), "{}", form);
        }
    }
}
