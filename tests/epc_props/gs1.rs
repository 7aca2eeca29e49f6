//! Element string and Digital Link round trips of generated identifiers.

use super::any_epc;
use epcstream::epc::ai::ElementString;
use epcstream::epc::plus::{self, PlusScheme};
use epcstream::epc::{Binary, Epc, ErrorKind, GcpSource};
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Epc -> element string -> every TDS 2.x '+' / '++' scheme of its
    /// scheme (but DSGTIN, which needs a date) -> decode -> the same element
    /// string, filter and hostname.
    #[test]
    fn plus_roundtrip(
        g in any_epc(),
        filter in 0u8..8,
        host in "[a-z0-9]{1,10}(\\.[a-z0-9-]{1,10}){0,2}\\.[a-z]{2,6}",
    ) {
        let epc = g.epc();
        let Ok(es) = epc.to_element_string() else { return Ok(()) };
        for &ps in PlusScheme::ALL.iter().filter(|p| p.scheme() == g.scheme && !p.has_date()) {
            let hostname = ps.has_hostname().then_some(host.as_str());
            let bin = plus::encode(ps, filter, &es, hostname);
            prop_assert!(bin.is_ok(), "{} {ps}: {:?}", g.uri(), bin.err());
            let bin = bin.unwrap_or_else(|_| unreachable!());
            let back = Binary::from_hex(&bin.to_string()).and_then(|b| plus::decode(&b));
            prop_assert!(back.is_ok(), "{} {ps} {bin}: {:?}", g.uri(), back.err());
            let back = back.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(back.scheme(), ps);
            prop_assert_eq!(back.filter(), filter);
            prop_assert_eq!(back.hostname(), hostname);
            prop_assert!(!back.data_toggle());
            prop_assert_eq!(back.element_string(), &es.clone().into_owned());
        }
    }
}
