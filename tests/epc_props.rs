//! Property tests: identifiers of every scheme, generated with valid
//! component values per the TDS 1.13 rules, round-trip through every
//! representation.
//!
//! The generators cover the whole value space of each component: GS1
//! Company Prefixes of 6 to 12 digits with the reference digits filling up
//! the key, serials over all 82 characters of TDS Table A-1 (including the
//! eight that a URI must escape), CPI references with `#` and `/`, ADI
//! serials starting with `#`, numbers up to their binary field's maximum,
//! and BIC / IMO numbers with valid check digits.

use epcstream::epc::{Epc, Scheme};
use proptest::prelude::*;
use proptest::sample::select;

// Properties of the translations, one file each.
mod binary; // Epc::{to_binary, tag}, TagEpc::encode, Binary::{from_hex, decode}
mod detect; // parse_any
mod gs1; // ElementString::parse, Epc::{to,from}_element_string, Epc::{to,from}_digital_link, plus

/// The GS1 AI encodable character set 82 (TDS 1.13 Table A-1).
const CSET82: &str =
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
/// CPI component/part reference characters (TDS 1.13 §6.3.10).
const CPREF: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/#";
/// ADI part number and serial characters (TDS 1.13 §6.3.16).
const ADI: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/";
/// CAGE code / DoDAAC characters: digits and uppercase except I and O.
const CAGE: &str = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// The characters a URI must escape (TDS 1.13 §5), with their escapes.
const MUST_ESCAPE: &[(char, &str)] = &[
    ('"', "%22"),
    ('#', "%23"),
    ('%', "%25"),
    ('&', "%26"),
    ('/', "%2F"),
    ('<', "%3C"),
    ('>', "%3E"),
    ('?', "%3F"),
];
/// Starts of GS1 Company Prefixes whose GTINs may form SGTINs: none of the
/// GS1 prefixes TDS 1.13 §7.3.3-§7.3.8 excludes (RCN 02, 04, 2x; GTIN-8
/// RCNs 0000; coupons 05, 98x, 99; ISSN 977; refund receipts 980).
const GTIN_SAFE_STARTS: &[&str] = &[
    "1", "3", "4", "5", "6", "7", "8", "01", "03", "06", "07", "08",
];

/// A generated identifier: its scheme and unescaped component values.
#[derive(Clone, Debug)]
pub(crate) struct Generated {
    pub scheme: Scheme,
    pub parts: Vec<String>,
}

impl Generated {
    /// The canonical URI, built here independently of the crate: escapes
    /// exactly the characters TDS §5 requires, uppercase hex.
    pub fn uri(&self) -> String {
        let mut s = String::from(self.scheme.uri_prefix());
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 {
                s.push('.');
            }
            s.push_str(&escape(p));
        }
        s
    }
    /// The Epc, built from the component values.
    pub fn epc(&self) -> Epc<'_> {
        let parts: Vec<&str> = self.parts.iter().map(String::as_str).collect();
        match Epc::from_components(self.scheme, &parts) {
            Ok(e) => e,
            Err(e) => panic!("generated {self:?} is invalid: {e}"),
        }
    }
    /// The GS1 Company Prefix length, for GS1 schemes.
    pub fn gcp_len(&self) -> Option<u8> {
        self.scheme
            .has_company_prefix()
            .then(|| self.parts[0].len() as u8)
    }
}

fn escape(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        match MUST_ESCAPE.iter().find(|(m, _)| *m == c) {
            Some((_, e)) => s.push_str(e),
            None => s.push(c),
        }
    }
    s
}

/// Index of the component made of GS3A3 characters (any of the 82, any
/// escape of one of them allowed in input), if the scheme has one.
pub(crate) fn gs3a3_component(s: Scheme) -> Option<usize> {
    match s {
        Scheme::Sgtin
        | Scheme::Lgtin
        | Scheme::Sgln
        | Scheme::Grai
        | Scheme::Gdti
        | Scheme::Upui => Some(2),
        Scheme::Giai | Scheme::Ginc => Some(1),
        Scheme::Itip => Some(4),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Generators

fn chars_from(set: &'static str, min: usize, max: usize) -> BoxedStrategy<String> {
    let set: Vec<char> = set.chars().collect();
    proptest::collection::vec(select(set), min..=max)
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

fn digits(len: usize) -> BoxedStrategy<String> {
    proptest::collection::vec(0u8..10, len)
        .prop_map(|v| v.into_iter().map(|d| char::from(b'0' + d)).collect())
        .boxed()
}

/// A decimal number without leading zeros, at most `max`; small values and
/// the maximum are drawn often.
fn number(max: u64) -> BoxedStrategy<String> {
    prop_oneof![
        1 => Just(0u64),
        1 => Just(max),
        2 => 0..=9u64.min(max),
        6 => 0..=max,
    ]
    .prop_map(|n| n.to_string())
    .boxed()
}

/// A GS1 Company Prefix of 6 to 12 digits. With `gtin`, it starts in a
/// range whose GTINs may form SGTINs.
fn gcp(gtin: bool) -> BoxedStrategy<String> {
    (6usize..=12)
        .prop_flat_map(move |len| {
            let start = if gtin {
                select(GTIN_SAFE_STARTS).prop_map(String::from).boxed()
            } else {
                Just(String::new()).boxed()
            };
            start.prop_flat_map(move |s| {
                let n = len - s.len();
                digits(n).prop_map(move |rest| format!("{s}{rest}"))
            })
        })
        .boxed()
}

/// Company prefix + reference digits making `total` digits, then whatever
/// `tail` generates for the given prefix length.
fn keyed(
    scheme: Scheme,
    gtin: bool,
    total: usize,
    tail: impl Fn(usize) -> BoxedStrategy<Vec<String>> + Clone + 'static,
) -> BoxedStrategy<Generated> {
    gcp(gtin)
        .prop_flat_map(move |g| {
            let n = g.len();
            (Just(g), digits(total - n), tail(n))
        })
        .prop_map(move |(g, r, t)| {
            let mut parts = vec![g, r];
            parts.extend(t);
            Generated { scheme, parts }
        })
        .boxed()
}

/// Company prefix + one alphanumeric component of at most `total` minus
/// the prefix length characters (GIAI, GINC, CPI's reference).
fn prefixed_chars(
    scheme: Scheme,
    set: &'static str,
    total: usize,
    tail: BoxedStrategy<Vec<String>>,
) -> BoxedStrategy<Generated> {
    gcp(false)
        .prop_flat_map(move |g| {
            let n = g.len();
            (Just(g), chars_from(set, 1, total - n), tail.clone())
        })
        .prop_map(move |(g, r, t)| {
            let mut parts = vec![g, r];
            parts.extend(t);
            Generated { scheme, parts }
        })
        .boxed()
}

fn one(s: BoxedStrategy<String>) -> BoxedStrategy<Vec<String>> {
    s.prop_map(|v| vec![v]).boxed()
}

fn none() -> BoxedStrategy<Vec<String>> {
    Just(Vec::new()).boxed()
}

/// ISO 6346 check digit of the first 10 characters of a container code.
fn iso6346_check(code: &str) -> u32 {
    let mut sum = 0u32;
    for (i, c) in code.chars().take(10).enumerate() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            _ => {
                // A=10, then skipping multiples of 11.
                let mut v = 10;
                let mut k = 'A';
                while k != c {
                    v += 1;
                    if v % 11 == 0 {
                        v += 1;
                    }
                    k = char::from(k as u8 + 1);
                }
                v
            }
        };
        sum += v << i;
    }
    sum % 11 % 10
}

/// IMO ship number check digit of the first 6 digits.
fn imo_check(digits: &str) -> u32 {
    digits
        .bytes()
        .take(6)
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * (7 - i as u32))
        .sum::<u32>()
        % 10
}

/// Valid identifiers of `scheme`.
pub(crate) fn for_scheme(scheme: Scheme) -> BoxedStrategy<Generated> {
    let gs3a3 = |max: usize| chars_from(CSET82, 1, max);
    match scheme {
        Scheme::Sgtin | Scheme::Lgtin => keyed(scheme, true, 13, move |_| one(gs3a3(20))),
        Scheme::Sscc => keyed(scheme, false, 17, |_| none()),
        Scheme::Sgln => keyed(scheme, false, 12, move |_| one(gs3a3(20))),
        Scheme::Grai => keyed(scheme, false, 12, move |_| one(gs3a3(16))),
        Scheme::Giai => prefixed_chars(scheme, CSET82, 30, none()),
        Scheme::Gsrn | Scheme::Gsrnp => keyed(scheme, false, 17, |_| none()),
        Scheme::Gdti => keyed(scheme, false, 12, move |_| one(gs3a3(17))),
        Scheme::Cpi => prefixed_chars(scheme, CPREF, 30, one(number(999_999_999_999))),
        Scheme::Sgcn => keyed(scheme, false, 12, |_| {
            one((1usize..=12).prop_flat_map(digits).boxed())
        }),
        Scheme::Ginc => prefixed_chars(scheme, CSET82, 30, none()),
        Scheme::Gsin => keyed(scheme, false, 16, |_| none()),
        // Piece and total: two digits each, 1 <= piece <= total as AI 8006
        // requires (the URI grammar alone would allow 00).
        Scheme::Itip => keyed(scheme, true, 13, move |_| {
            (1u8..=99)
                .prop_flat_map(|t| (1..=t, Just(t)))
                .prop_flat_map(move |(p, t)| (Just(p), Just(t), gs3a3(20)))
                .prop_map(|(p, t, s)| vec![format!("{p:02}"), format!("{t:02}"), s])
                .boxed()
        }),
        Scheme::Upui => keyed(scheme, true, 13, move |_| one(gs3a3(28))),
        Scheme::Pgln => keyed(scheme, false, 12, |_| none()),
        Scheme::Gid => (
            number((1 << 28) - 1),
            number((1 << 24) - 1),
            number((1 << 36) - 1),
        )
            .prop_map(move |(m, c, s)| Generated {
                scheme,
                parts: vec![m, c, s],
            })
            .boxed(),
        Scheme::Usdod => (chars_from(CAGE, 5, 6), number((1 << 36) - 1))
            .prop_map(move |(c, s)| Generated {
                scheme,
                parts: vec![c, s],
            })
            .boxed(),
        Scheme::Adi => (
            chars_from(CAGE, 5, 6),
            chars_from(ADI, 0, 32),
            any::<bool>(),
            chars_from(ADI, 1, 29),
        )
            .prop_map(move |(c, p, hash, s)| Generated {
                scheme,
                parts: vec![c, p, if hash { format!("#{s}") } else { s }],
            })
            .boxed(),
        Scheme::Bic => (
            chars_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, 3),
            select(vec!['U', 'J', 'Z']),
            digits(6),
        )
            .prop_map(move |(o, e, n)| {
                let code = format!("{o}{e}{n}");
                let check = iso6346_check(&code);
                Generated {
                    scheme,
                    parts: vec![format!("{code}{check}")],
                }
            })
            .boxed(),
        Scheme::Imovn => digits(6)
            .prop_map(move |d| Generated {
                scheme,
                parts: vec![format!("{d}{}", imo_check(&d))],
            })
            .boxed(),
    }
}

/// Valid identifiers of every scheme.
pub(crate) fn any_epc() -> BoxedStrategy<Generated> {
    select(Scheme::ALL.to_vec())
        .prop_flat_map(for_scheme)
        .boxed()
}

/// An escape of `c` with upper- or lowercase hex.
fn escape_char(c: char, lower: bool) -> String {
    let e = format!("%{:02X}", c as u32);
    if lower { e.to_ascii_lowercase() } else { e }
}

/// A non-canonical spelling of the generated URI: in the GS3A3 component,
/// characters picked by `mask` are escaped although they need not be, and
/// the escapes use lowercase hex where `lower` says so.
fn noncanonical_uri(g: &Generated, mask: &[bool], lower: &[bool]) -> String {
    let Some(k) = gs3a3_component(g.scheme) else {
        return g.uri();
    };
    let mut s = String::from(g.scheme.uri_prefix());
    for (i, p) in g.parts.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        if i != k {
            s.push_str(&escape(p));
            continue;
        }
        for (j, c) in p.chars().enumerate() {
            let must = MUST_ESCAPE.iter().any(|(m, _)| *m == c);
            let pick = mask.get(j % mask.len().max(1)).copied().unwrap_or(false);
            let low = lower.get(j % lower.len().max(1)).copied().unwrap_or(false);
            if must || pick {
                s.push_str(&escape_char(c, low));
            } else {
                s.push(c);
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Canonical URI -> Epc -> the same URI, with the same components, and
    /// the components validate alone to the same Epc.
    #[test]
    fn uri_roundtrip(g in any_epc()) {
        let uri = g.uri();
        let epc = Epc::parse(&uri);
        prop_assert!(epc.is_ok(), "{uri}: {:?}", epc.err());
        let epc = epc.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(epc.scheme(), g.scheme);
        prop_assert_eq!(epc.to_string(), uri.clone());
        prop_assert!(epc.is_canonical_uri(&uri));
        let parts: Vec<&str> = epc.components().collect();
        prop_assert_eq!(&parts, &g.parts.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(g.epc(), epc);
        // Owned and borrowed values are equal.
        prop_assert_eq!(epc.into_owned(), epc);
    }

    /// A non-canonical URI (needless escapes, lowercase hex) parses to the
    /// same Epc, which prints the canonical URI (TDS 1.13 §14.4.2).
    #[test]
    fn noncanonical_uri_canonicalises(
        g in any_epc(),
        mask in proptest::collection::vec(any::<bool>(), 1..8),
        lower in proptest::collection::vec(any::<bool>(), 1..8),
    ) {
        let input = noncanonical_uri(&g, &mask, &lower);
        let epc = Epc::parse(&input);
        prop_assert!(epc.is_ok(), "{input}: {:?}", epc.err());
        let epc = epc.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(epc.to_string(), g.uri());
        prop_assert_eq!(epc.is_canonical_uri(&input), input == g.uri());
        prop_assert_eq!(epc, g.epc());
    }

    /// Cutting a canonical URI anywhere before its end never yields a
    /// different identifier: it is either rejected, with an offset inside
    /// the input, or (the last component shortened) a valid other EPC that
    /// prints as the cut text.
    #[test]
    fn truncated_uri(g in any_epc(), cut in any::<prop::sample::Index>()) {
        let uri = g.uri();
        let at = cut.index(uri.len());
        let Some(head) = uri.get(..at) else { return Ok(()) };
        match Epc::parse(head) {
            Ok(e) => prop_assert_eq!(e.to_string(), head),
            Err(e) => prop_assert!(e.offset() <= head.len(), "{head}: offset {}", e.offset()),
        }
    }
}

#[test]
fn check_digit_helpers() {
    // ISO 6346 and IMO examples of TDS 1.13 §6.3 (BIC, IMOVN).
    assert_eq!(iso6346_check("CSQU305438"), 3);
    assert_eq!(imo_check("917618"), 7);
}
