//! Element string and Digital Link round trips of generated identifiers.

use super::any_epc;
use epcstream::epc::ai::ElementString;
use epcstream::epc::{Epc, ErrorKind, GcpSource};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Epc -> element string -> Epc with the company prefix length, for
    /// every scheme with a GS1 key; `no_translation` for the others. The
    /// bracketed text parses back to the same element string unless a value
    /// holds '(' (the bracketed form is then ambiguous).
    #[test]
    fn element_string_roundtrip(g in any_epc()) {
        let epc = g.epc();
        let Some(gcp) = g.gcp_len() else {
            prop_assert_eq!(epc.to_element_string().err().map(|e| e.kind()), Some(ErrorKind::NoTranslation));
            return Ok(());
        };
        let es = epc.to_element_string();
        prop_assert!(es.is_ok(), "{}: {:?}", g.uri(), es.err());
        let es = es.unwrap_or_else(|_| unreachable!());
        let back = Epc::from_element_string(&es, &gcp as &dyn GcpSource);
        prop_assert_eq!(back.as_ref().map(ToString::to_string), Ok(g.uri()));
        let text = es.to_string();
        if !es.items().iter().any(|i| i.value.contains('(')) {
            let parsed = ElementString::parse(&text);
            prop_assert!(parsed.is_ok(), "{text}: {:?}", parsed.err());
            let parsed = parsed.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(parsed.to_string(), text.clone());
            let back = Epc::from_element_string(&parsed, &gcp as &dyn GcpSource);
            prop_assert_eq!(back.map(|e| e.to_string()), Ok(g.uri()), "{}", text);
        }
    }

    /// Epc -> Digital Link (on id.gs1.org and on a custom base with a path)
    /// -> Epc with the company prefix length.
    #[test]
    fn digital_link_roundtrip(g in any_epc(), custom in any::<bool>()) {
        let epc = g.epc();
        let base = if custom { "https://example.com/products" } else { "https://id.gs1.org" };
        let Some(gcp) = g.gcp_len() else {
            prop_assert_eq!(epc.to_digital_link(base).err().map(|e| e.kind()), Some(ErrorKind::NoTranslation));
            return Ok(());
        };
        let dl = epc.to_digital_link(base);
        prop_assert!(dl.is_ok(), "{}: {:?}", g.uri(), dl.err());
        let dl = dl.unwrap_or_else(|_| unreachable!());
        prop_assert!(dl.starts_with(base), "{dl}");
        let back = Epc::from_digital_link(&dl, &gcp as &dyn GcpSource);
        prop_assert_eq!(back.map(|e| e.to_string()), Ok(g.uri()), "{}", dl);
    }
}
