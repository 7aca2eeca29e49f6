//! Binary round trips of generated identifiers.

use super::{Generated, any_epc};
use epcstream::epc::{Binary, BinaryScheme, ErrorKind};
use proptest::prelude::*;

/// The binary schemes of the generated identifier's scheme.
fn schemes_of(g: &Generated) -> Vec<BinaryScheme> {
    BinaryScheme::ALL
        .iter()
        .copied()
        .filter(|b| b.scheme() == g.scheme)
        .collect()
}

/// `f` reduced to a filter value `bs` can hold.
fn filter_for(bs: BinaryScheme, f: u8) -> u8 {
    match bs.filter_bits() {
        0 => 0,
        n => f % (1 << n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Every binary scheme of the identifier's scheme either encodes it
    /// (and the hex decodes to the same tag: scheme, filter, Epc) or
    /// refuses it as not encodable. TDS 1.13 gives every scheme that has
    /// binary encodings one that holds all its valid identifiers, so
    /// `Epc::tag(filter, None)` always succeeds for those schemes, and fails
    /// with `no_translation` for the others.
    #[test]
    fn binary_roundtrip(g in any_epc(), f in any::<u8>()) {
        let epc = g.epc();
        let schemes = schemes_of(&g);
        for &bs in &schemes {
            let filter = filter_for(bs, f);
            match epc.to_binary(bs, filter) {
                Ok(bin) => {
                    let hex = bin.to_string();
                    prop_assert_eq!(hex.len() % 4, 0, "{} not padded to 16-bit words", hex);
                    let back = Binary::from_hex(&hex);
                    prop_assert!(back.is_ok(), "{hex}: {:?}", back.err());
                    let t = back.and_then(|b| b.decode());
                    prop_assert!(t.is_ok(), "{} {bs} {hex}: {:?}", g.uri(), t.err());
                    let t = t.unwrap_or_else(|_| unreachable!());
                    prop_assert_eq!(t.binary_scheme(), bs);
                    prop_assert_eq!(t.filter(), filter);
                    prop_assert_eq!(*t.epc(), epc);
                    prop_assert_eq!(t.encode(), bin);
                }
                Err(e) => prop_assert_eq!(e.kind(), ErrorKind::NotEncodable, "{} in {}", g.uri(), bs),
            }
        }
        let filter = schemes.first().map_or(0, |&bs| filter_for(bs, f));
        let t = epc.tag(filter, None);
        if schemes.is_empty() {
            prop_assert_eq!(t.err().map(|e| e.kind()), Some(ErrorKind::NoTranslation));
        } else {
            prop_assert!(t.is_ok(), "{} has no binary encoding: {:?}", g.uri(), t.err());
            let t = t.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(*t.epc(), epc);
            let decoded = t.encode().decode();
            prop_assert_eq!(decoded.ok(), Some(t.into_owned()));
        }
    }
}
