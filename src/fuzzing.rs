//! The checks behind the cargo-fuzz targets in `fuzz/`, and behind
//! `tests/fuzz_regressions.rs`, which replays every crash the fuzzers ever
//! found. Hidden from the docs and exempt from semver: not an API.
//!
//! Each function takes the fuzzer's input and **panics when an invariant
//! breaks**: that is how libFuzzer learns about a bug, and how a regression
//! test fails. The library itself never panics on any input; the checks
//! below are where that is verified. (The rustls pattern: the fuzz targets
//! are one-liners over `rustls::internal::fuzzing`.)
//!
//! Invariants, for every EPC any entry point accepts:
//!
//! * its canonical pure identity URI parses back to an equal EPC, and
//!   printing that gives the same text (a fixed point);
//! * every binary scheme of its scheme either refuses it or encodes it to
//!   bits that decode to the same EPC, binary scheme and filter (also
//!   through the hex text), and `TagEpc::new` agrees with `to_binary`;
//! * its tag URIs parse back to equal tags; its element string and Digital
//!   Link (where it has them) translate back to an equal EPC;
//! * element strings print (bracketed and unbracketed) to text that parses
//!   back to an equal element string;
//! * any bits that decode re-encode to the same bits, up to the scheme's
//!   length (for TDS 2.x '+' schemes, which allow several encodings of a
//!   value: to bits that decode to the same value).
//!
//! And for the EPCIS scanner (`scan.rs`, `scan_structured.rs`), on any
//! bytes:
//!
//! * no panic, no hang, output proportional to the input (small limits);
//! * [`scan_slice`](crate::epcis::scan_slice) and
//!   [`scan_read`](crate::epcis::scan_read) (any read sizes, any buffer
//!   size) report the same items, findings, positions and result;
//! * [`scan_parallel`](crate::epcis::scan_parallel) (tiny chunks, two
//!   threads) reports what the sequential scan reports;
//! * a document written from an `Arbitrary` model (every event type, EPC
//!   lists, vendor extensions; any layout, escaping, CDATA, character
//!   references, namespaces) reads back as the model: the same events and
//!   the same EPCs, at the positions they were written at.
//!
//! And for the serial-number ledger (`ledger_ops.rs`): an `Arbitrary`
//! sequence of messages gets the same verdicts (applied or not, exception
//! codes) and leaves the same serial states, parents and children in the
//! engine as in a simple model written from the rules of
//! `src/ledger/engine.rs`; no child in another state than its parent, a
//! destroyed serial never revived, a refused message changes nothing, the
//! aggregation index agrees with every record, the history grows by the
//! transitions of applied messages. Its store's decoders
//! (`ledger_store.rs`: a serial's record, a history entry, a large
//! commit's redo file) never panic on any bytes, what decodes encodes back
//! to the same, and a redo file's errors give their byte offset.

use crate::epc::ai::ElementString;
use crate::epc::dl::{DEFAULT_BASE, parse_digital_link};
use crate::epc::plus::{self, PlusEpc};
use crate::epc::{
    Binary, BinaryScheme, Epc, ErrorKind, GcpSource, IdPattern, Parsed, Representation, TagEpc,
    parse_any,
};

/// Inputs longer than this are ignored: no EPC representation comes close,
/// and long inputs only slow the fuzzer down.
pub const MAX_INPUT: usize = 1024;

/// Company prefix lengths tried where an input does not say (element
/// strings, Digital Links, '+' binaries).
const GCP_LENGTHS: [u8; 3] = [6, 7, 12];

/// Fuzz target `epc_parse`: `data` as text through every parser. Nothing
/// may panic; whatever parses must round-trip (see the module docs).
/// Returns false for input out of scope (not UTF-8, or too long), which the
/// fuzzer then leaves out of its corpus.
pub fn epc_parse(data: &[u8]) -> bool {
    if data.len() > MAX_INPUT {
        return false;
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return false;
    };
    let direct = Epc::parse(s);
    let tag = TagEpc::parse(s);
    let pattern = IdPattern::parse(s);
    let gcp7: &dyn GcpSource = &7u8;
    for gcp in [None, Some(gcp7)] {
        let Ok((repr, parsed)) = parse_any(s, gcp) else {
            continue;
        };
        // Detection hands URIs to their own parsers (whose results are
        // checked below); everything else is checked here.
        match (repr, &parsed) {
            (Representation::PureIdentityUri | Representation::ClassUri, Parsed::Epc(e)) => {
                assert_eq!(direct.as_ref(), Ok(e), "parse_any and Epc::parse on {s:?}");
            }
            (Representation::TagUri, Parsed::Tag(t)) => {
                assert_eq!(tag.as_ref(), Ok(t), "parse_any and TagEpc::parse on {s:?}");
            }
            (Representation::IdPatternUri, Parsed::Pattern(p)) => {
                assert_eq!(
                    pattern.as_ref(),
                    Ok(p),
                    "parse_any and IdPattern::parse on {s:?}"
                );
            }
            (_, Parsed::Epc(e)) => check_epc(e),
            (_, Parsed::Tag(t)) => check_tag(t),
            (_, Parsed::Plus(p, e)) => {
                check_plus(p);
                if let Some(e) = e {
                    check_epc(e);
                }
            }
            (r, p) => panic!("parse_any({s:?}) gave {r:?} with {p:?}"),
        }
    }
    if let Ok(epc) = direct {
        check_epc(&epc);
    }
    if let Ok(tag) = tag {
        check_tag(&tag);
    }
    if let Ok(pat) = pattern {
        let text = pat.to_string();
        let back = IdPattern::parse(&text)
            .unwrap_or_else(|e| panic!("{s:?} printed as {text:?}, which fails: {e}"));
        assert_eq!(back, pat, "{s:?} -> {text:?}");
        assert_eq!(
            back.to_string(),
            text,
            "{s:?}: ID pattern printing is not a fixed point"
        );
    }
    for bin in [Binary::from_hex(s), Binary::from_bit_str(s)]
        .into_iter()
        .flatten()
    {
        check_binary(&bin);
    }
    if let Ok(es) = ElementString::parse(s) {
        check_element_string(&es);
    }
    if let Ok(es) = parse_digital_link(s) {
        check_element_string(&es);
    }
    for gcp_len in GCP_LENGTHS {
        if let Ok(epc) = Epc::from_digital_link(s, &gcp_len) {
            check_epc(&epc);
        }
    }
    true
}

/// An element string that parses: its bracketed and unbracketed forms parse
/// back to an equal value, its Digital Link (where it has one) to the same
/// AIs; any EPC made from it passes [`check_epc`].
pub fn check_element_string(es: &ElementString<'_>) {
    let text = es.to_string();
    let back = ElementString::parse(&text)
        .unwrap_or_else(|e| panic!("{es:?} printed as {text:?}, which fails: {e}"));
    assert_eq!(back, *es, "element string {text:?}");
    // The unbracketed parser also takes the texts `<GS>` and `\x1D` for GS
    // (src/epc/ai.rs docs), so values containing them cannot round-trip.
    let gs_text = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("<gs>") || v.contains("\\x1d")
    };
    if !es.items().iter().any(|i| gs_text(&i.value)) {
        let unbracketed = es.to_unbracketed('\u{1d}');
        let back = ElementString::parse(&unbracketed)
            .unwrap_or_else(|e| panic!("{text}: unbracketed {unbracketed:?} fails: {e}"));
        assert_eq!(back, *es, "{text}: unbracketed {unbracketed:?}");
    }
    if let Ok(dl) = es.to_digital_link(DEFAULT_BASE) {
        let back =
            parse_digital_link(&dl).unwrap_or_else(|e| panic!("{text} -> {dl:?} fails: {e}"));
        // A Digital Link puts the key first and other AIs in the query
        // string, each once: the same AIs, maybe in another order, without
        // the repeats (with equal values) an element string may have.
        let sorted = |e: &ElementString<'_>| {
            let mut v: Vec<(String, String)> = e
                .items()
                .iter()
                .map(|i| (i.ai.to_owned(), i.value.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(sorted(&back), sorted(es), "{text} -> {dl}");
    }
    for gcp_len in GCP_LENGTHS {
        if let Ok(epc) = Epc::from_element_string(es, &gcp_len) {
            check_epc(&epc);
        }
    }
}

/// Fuzz target `epc_binary`: `data[0]` says how to read the rest, then the
/// bits go through [`Binary::decode`], which must never panic; whatever
/// decodes must re-encode to the same bits.
///
/// * `data[0] & 0x80`: the rest is text for `Binary::from_hex` and
///   `Binary::from_bit_str`;
/// * otherwise the rest are the bits, less the last `data[0] & 7` of them,
///   given both as a `0`/`1` string and (when a multiple of 4 bits) as hex
///   text, lowercase if `data[0] & 0x40`: both readings must agree.
///
/// Returns false for input out of scope (empty, too long, text that is not
/// UTF-8).
pub fn epc_binary(data: &[u8]) -> bool {
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    if rest.len() > MAX_INPUT {
        return false;
    }
    if mode & 0x80 != 0 {
        let Ok(s) = std::str::from_utf8(rest) else {
            return false;
        };
        for bin in [Binary::from_hex(s), Binary::from_bit_str(s)]
            .into_iter()
            .flatten()
        {
            check_binary(&bin);
        }
        return true;
    }
    let len = (rest.len() * 8).saturating_sub(usize::from(mode & 7));
    let bit = |i: usize| rest[i / 8] >> (7 - i % 8) & 1 == 1;
    let bits: String = (0..len).map(|i| if bit(i) { '1' } else { '0' }).collect();
    let from_bits = Binary::from_bit_str(&bits);
    if let Ok(bin) = &from_bits {
        assert_eq!(bin.bit_len(), len, "from_bit_str length");
        for i in 0..len {
            assert_eq!(
                bin.read_bits(i, 1),
                Some(u64::from(bit(i))),
                "from_bit_str bit {i}"
            );
        }
        check_binary(bin);
    }
    if len % 4 == 0 && len > 0 {
        let digits: &[u8; 16] = if mode & 0x40 != 0 {
            b"0123456789abcdef"
        } else {
            b"0123456789ABCDEF"
        };
        let hex: String = (0..len / 4)
            .map(|n| {
                let v = (0..4).fold(0, |v, i| v << 1 | usize::from(bit(4 * n + i)));
                char::from(digits[v])
            })
            .collect();
        let from_hex = Binary::from_hex(&hex);
        if let (Ok(a), Ok(b)) = (&from_hex, &from_bits) {
            assert_eq!(a, b, "from_hex({hex:?}) and from_bit_str({bits:?}) differ");
        }
        if let (Ok(bin), Err(_)) = (&from_hex, &from_bits) {
            check_binary(bin);
        }
    }
    true
}

/// Decodes `bin` as a TDS 1.x and as a TDS 2.x '+' binary (neither may
/// panic). What decodes as TDS 1.x must re-encode to the same bits up to the
/// scheme's length, and pass [`check_tag`]; a '+' value must re-encode to
/// bits that decode to it.
pub fn check_binary(bin: &Binary) {
    if let Ok(tag) = bin.decode() {
        let re = tag.encode();
        if let Some(bits) = tag.binary_scheme().bits() {
            assert_eq!(usize::from(bits), re.bit_len(), "{tag}: encoding length");
        }
        assert_prefix(bin, &re, &tag);
        check_tag(&tag);
    }
    if let Ok(p) = plus::decode(bin) {
        check_plus(&p);
    }
}

/// A decoded '+' value re-encodes to bits that decode to it; the encoder's
/// output is a fixed point. (A '+' value has several valid encodings: the
/// encoding indicator of TDS 2.3 §14.5.6 picks the method and decoding
/// accepts any, so the original bits need not come back.) With each
/// company prefix length that fits, its EPC passes [`check_epc`].
pub fn check_plus(p: &PlusEpc) {
    let re = p
        .encode()
        .unwrap_or_else(|e| panic!("{p:?} was decoded, but does not encode: {e}"));
    let back = plus::decode(&re).unwrap_or_else(|e| panic!("{p:?} -> {re:?} fails: {e}"));
    assert_eq!(back, *p, "{p:?} -> {re:?}");
    assert_eq!(
        back.encode().as_ref(),
        Ok(&re),
        "{p:?}: encoding is not a fixed point"
    );
    for gcp_len in GCP_LENGTHS {
        if let Ok(epc) = Epc::from_element_string(p.element_string(), &gcp_len) {
            check_epc(&epc);
        }
    }
}

/// `re`, the encoding of what `bin` decoded to (`what`), is `bin` or a
/// prefix of it.
fn assert_prefix(bin: &Binary, re: &Binary, what: &dyn std::fmt::Debug) {
    let n = re.bit_len();
    assert!(
        n <= bin.bit_len(),
        "{bin:?} decodes to {what:?}, which encodes to the longer {re:?}"
    );
    for at in (0..n).step_by(64) {
        let w = (n - at).min(64) as u32;
        assert_eq!(
            bin.read_bits(at, w),
            re.read_bits(at, w),
            "{bin:?} decodes to {what:?}, which encodes to {re:?} (bits {at}..{})",
            at + w as usize
        );
    }
}

/// A tag: its tag URI parses back to an equal tag and prints the same; its
/// encoding decodes to it; its EPC passes [`check_epc`].
pub fn check_tag(tag: &TagEpc<'_>) {
    let text = tag.to_string();
    let back = TagEpc::parse(&text)
        .unwrap_or_else(|e| panic!("{tag:?} printed as {text:?}, which fails: {e}"));
    assert_eq!(back, *tag, "tag URI {text:?}");
    assert_eq!(
        back.to_string(),
        text,
        "tag URI printing is not a fixed point"
    );
    let bin = tag.encode();
    let decoded = bin
        .decode()
        .unwrap_or_else(|e| panic!("{text}: {bin:?} does not decode: {e}"));
    assert_eq!(decoded, *tag, "{text} -> {bin:?}");
    check_epc(tag.epc());
}

/// Every translation of `epc` that succeeds comes back to an equal EPC.
pub fn check_epc(epc: &Epc<'_>) {
    // Pure identity (or LGTIN class) URI: a fixed point.
    let uri = epc.to_string();
    let back = Epc::parse(&uri).unwrap_or_else(|e| panic!("{epc:?}: {uri:?} fails: {e}"));
    assert_eq!(back, *epc, "URI {uri:?}");
    assert_eq!(back.to_string(), uri, "URI printing is not a fixed point");
    assert!(epc.is_canonical_uri(&uri));
    assert_eq!(epc.into_owned(), *epc, "into_owned changed {uri}");

    // Binary, every scheme and the lowest and highest filter.
    for &bs in BinaryScheme::ALL
        .iter()
        .filter(|b| b.scheme() == epc.scheme())
    {
        let max = if bs.filter_bits() == 0 {
            0
        } else {
            (1u8 << bs.filter_bits()) - 1
        };
        for filter in [0, max] {
            let bin = epc.to_binary(bs, filter);
            let tag = TagEpc::new(*epc, bs, filter);
            assert_eq!(
                bin.is_ok(),
                tag.is_ok(),
                "{uri} in {bs}: to_binary {bin:?}, TagEpc::new {tag:?}"
            );
            let (Ok(bin), Ok(tag)) = (bin, tag) else {
                continue;
            };
            assert_eq!(tag.encode(), bin, "{uri} in {bs}");
            let decoded = bin
                .decode()
                .unwrap_or_else(|e| panic!("{uri} in {bs}: {bin:?}: {e}"));
            assert_eq!(decoded, tag, "{uri} in {bs} -> {bin:?}");
            let hex = bin.to_string();
            let via_hex = Binary::from_hex(&hex)
                .and_then(|b| b.decode())
                .unwrap_or_else(|e| panic!("{uri} in {bs}: hex {hex}: {e}"));
            assert_eq!(via_hex, tag, "{uri} in {bs} -> {hex}");
            let text = tag.to_string();
            assert_eq!(TagEpc::parse(&text), Ok(tag), "{uri}: tag URI {text:?}");
        }
    }
    if let Ok(tag) = epc.tag(0, None) {
        assert_eq!(tag.epc(), epc);
        assert_eq!(
            tag.encode().decode(),
            Ok(tag.into_owned()),
            "{uri}: tag(0, None)"
        );
    }

    // GS1 element string and Digital Link, with the EPC's own company
    // prefix length. Two departures are allowed, both TDS §7: GTINs of
    // §7.3.3-7.3.8 (restricted circulation, coupons, ...) may be written as
    // URIs but shall not be made into EPCs from an element string; and the
    // company prefix of a GTIN-8 is always `00000` + 3 digits (§7.3.2), so
    // a URI that splits such a GTIN elsewhere comes back split there, with
    // the same element string.
    let gcp_len = epc.company_prefix().map_or(0, |p| p.len() as u8);
    let Ok(es) = epc.to_element_string() else {
        return;
    };
    let text = es.to_string();
    let parsed =
        ElementString::parse(&text).unwrap_or_else(|e| panic!("{uri} -> {text:?} fails: {e}"));
    assert_eq!(parsed, es, "{uri}: element string {text:?}");
    let same = |back: Result<Epc<'_>, crate::epc::ParseError>, via: &str| match back {
        Ok(back) if back == *epc => {}
        Ok(back) if is_gtin8(&es) => {
            assert_eq!(
                back.company_prefix().map(str::len),
                Some(8),
                "{uri} -> {via} -> {back}"
            );
            assert_eq!(
                back.to_element_string().as_ref(),
                Ok(&es),
                "{uri} -> {via} -> {back}"
            );
        }
        Ok(back) => panic!("{uri} -> {via} -> {back}"),
        Err(e) if e.kind() == ErrorKind::RestrictedGtin => {}
        Err(e) => panic!("{uri} -> {via}, which fails: {e}"),
    };
    same(Epc::from_element_string(&es, &gcp_len), &text);
    if let Ok(dl) = epc.to_digital_link(DEFAULT_BASE) {
        same(Epc::from_digital_link(&dl, &gcp_len), &dl);
    }
}

/// Whether the GTIN of `es` (AI 01, or the first 14 digits of AI 8006) is a
/// GTIN-8: indicator, then `00000`.
fn is_gtin8(es: &ElementString<'_>) -> bool {
    let gtin = es.get("01").or_else(|| es.get("8006")).unwrap_or_default();
    gtin.get(1..6) == Some("00000")
}

#[cfg(feature = "arbitrary")]
pub use structured::{EpcInput, Value, epc_structured, epc_structured_bytes};

mod scan;
pub use scan::{
    SCAN_MAX_INPUT, SKELETON_HEAD, SKELETON_HEAD_DEFAULT_NS, SKELETON_TAIL,
    SKELETON_TAIL_DEFAULT_NS, StopAt, TRACE_RATIO, TRACE_SLACK, Trace, fuzz_limits, scan_bytes,
    scan_parallel_eq,
};

mod soap;
pub use soap::{SOAP_MAX_INPUT, soap_bytes};

mod ledger_store;
pub use ledger_store::{LEDGER_STORE_MAX_INPUT, ledger_store};

#[cfg(feature = "arbitrary")]
mod scan_structured;
#[cfg(feature = "arbitrary")]
pub use scan_structured::{DocInput, scan_structured, scan_structured_bytes};

#[cfg(feature = "arbitrary")]
mod validate_structured;
#[cfg(feature = "arbitrary")]
pub use validate_structured::{MessageInput, validate_structured, validate_structured_bytes};

#[cfg(feature = "arbitrary")]
mod ledger_ops;
#[cfg(feature = "arbitrary")]
pub use ledger_ops::{
    KindInput, Known, LEDGER_NOW, LedgerInput, MessageInput as LedgerMessageInput, OpInput,
    StatusInput, UNIVERSE, ledger_ops, ledger_ops_bytes, ledger_ops_strict,
};

#[cfg(feature = "arbitrary")]
mod structured {
    use super::check_epc;
    use crate::epc::{Epc, MAX_COMPONENTS, Scheme};

    /// Fuzz target `epc_structured`: an EPC description made of values that
    /// mostly follow the scheme's rules, so most inputs are valid EPCs and
    /// the fuzzer spends its time in the translations.
    #[derive(Clone, Debug, arbitrary::Arbitrary)]
    pub struct EpcInput {
        /// The scheme.
        pub scheme: Scheme,
        /// The company prefix length, folded into 6..=12.
        pub gcp_len: u8,
        /// One per component (extra ones are ignored).
        pub values: [Value; MAX_COMPONENTS],
    }

    /// How a component value is made.
    #[derive(Clone, Debug, arbitrary::Arbitrary)]
    pub enum Value {
        /// Following the component's rules: a length pick and the bytes
        /// that choose the characters (digits, letters, ...).
        Fitted(u8, Vec<u8>),
        /// Anything.
        Raw(String),
    }

    /// The rules of a component, as far as generating values goes (written
    /// from TDS 1.13 §6, independently of the validation in `epc::spec`).
    #[derive(Clone, Copy)]
    enum Rule {
        /// GS1 Company Prefix.
        Gcp,
        /// Digits completing the company prefix to this many.
        Ref(usize),
        /// 1..=n characters of the 82-character set.
        Text(usize),
        /// 1.. characters of the 82-character set, with the prefix at most n.
        TextTotal(usize),
        /// CPI part reference: digits, uppercase, `-`, `/`, `#`; with the
        /// prefix at most n.
        CpRef(usize),
        /// A number without leading zeros, at most this.
        Num(u64),
        /// 1..=n digits.
        Padded(usize),
        /// Two digits.
        Two,
        /// CAGE code or DoDAAC.
        Cage,
        /// ADI part number.
        AdiPart,
        /// ADI serial.
        AdiSerial,
        /// ISO 6346 container code.
        Bic,
        /// IMO number.
        Imo,
    }

    fn rules(scheme: Scheme) -> &'static [Rule] {
        use Rule::*;
        match scheme {
            Scheme::Sgtin | Scheme::Lgtin => &[Gcp, Ref(13), Text(20)],
            Scheme::Sscc => &[Gcp, Ref(17)],
            Scheme::Sgln => &[Gcp, Ref(12), Text(20)],
            Scheme::Grai => &[Gcp, Ref(12), Text(16)],
            Scheme::Giai => &[Gcp, TextTotal(30)],
            Scheme::Gsrn | Scheme::Gsrnp => &[Gcp, Ref(17)],
            Scheme::Gdti => &[Gcp, Ref(12), Text(17)],
            Scheme::Cpi => &[Gcp, CpRef(30), Num(999_999_999_999)],
            Scheme::Sgcn => &[Gcp, Ref(12), Padded(12)],
            Scheme::Ginc => &[Gcp, TextTotal(30)],
            Scheme::Gsin => &[Gcp, Ref(16)],
            Scheme::Itip => &[Gcp, Ref(13), Two, Two, Text(20)],
            Scheme::Upui => &[Gcp, Ref(13), Text(28)],
            Scheme::Pgln => &[Gcp, Ref(12)],
            Scheme::Gid => &[Num((1 << 28) - 1), Num((1 << 24) - 1), Num((1 << 36) - 1)],
            Scheme::Usdod => &[Cage, Num((1 << 36) - 1)],
            Scheme::Adi => &[Cage, AdiPart, AdiSerial],
            Scheme::Bic => &[Bic],
            Scheme::Imovn => &[Imo],
        }
    }

    /// TDS Table A-1: the 82 characters of GS3A3 component values.
    const GS3A3: &[u8] =
        b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!\"%&'()*+,-./:;<=>?_";
    const DIGITS: &[u8] = b"0123456789";
    const CPREF: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/#";
    const CAGE: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    const ADI: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/";
    const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// `n` characters of `set`, chosen by `bytes` (cycled; zeros when empty).
    fn pick(set: &[u8], n: usize, bytes: &[u8], out: &mut String) {
        for i in 0..n {
            let b = if bytes.is_empty() {
                0
            } else {
                bytes[i % bytes.len()]
            };
            out.push(char::from(set[usize::from(b) % set.len()]));
        }
    }

    /// A value following `rule`; `len` picks the length where there is a
    /// choice.
    fn fitted(rule: Rule, gcp_len: usize, len: u8, bytes: &[u8]) -> String {
        let len = usize::from(len);
        let mut s = String::new();
        match rule {
            Rule::Gcp => pick(DIGITS, gcp_len, bytes, &mut s),
            Rule::Ref(total) => pick(DIGITS, total.saturating_sub(gcp_len), bytes, &mut s),
            Rule::Text(max) => pick(GS3A3, 1 + len % max, bytes, &mut s),
            Rule::TextTotal(total) | Rule::CpRef(total) => {
                let max = total.saturating_sub(gcp_len).max(1);
                let set = if matches!(rule, Rule::CpRef(_)) {
                    CPREF
                } else {
                    GS3A3
                };
                pick(set, 1 + len % max, bytes, &mut s);
            }
            Rule::Num(max) => {
                let v = bytes
                    .iter()
                    .take(8)
                    .fold(0u64, |v, &b| v << 8 | u64::from(b));
                // Shifting spreads the values over all magnitudes.
                s = ((v >> (len % 64)) % (max + 1)).to_string();
            }
            Rule::Padded(max) => pick(DIGITS, 1 + len % max, bytes, &mut s),
            Rule::Two => pick(DIGITS, 2, bytes, &mut s),
            Rule::Cage => pick(CAGE, 5 + len % 2, bytes, &mut s),
            Rule::AdiPart => pick(ADI, len % 33, bytes, &mut s),
            Rule::AdiSerial => {
                if len & 0x80 != 0 {
                    s.push('#');
                }
                pick(ADI, 1 + len % 29, bytes, &mut s);
            }
            Rule::Bic => {
                pick(UPPER, 3, bytes, &mut s);
                s.push(['U', 'J', 'Z'][len % 3]);
                pick(DIGITS, 6, bytes.get(3..).unwrap_or_default(), &mut s);
                s.push(char::from(b'0' + bic_check_digit(s.as_bytes())));
            }
            Rule::Imo => {
                pick(DIGITS, 6, bytes, &mut s);
                let sum: u32 = s
                    .bytes()
                    .zip((2..=7).rev())
                    .map(|(d, w)| u32::from(d - b'0') * w)
                    .sum();
                s.push(char::from(b'0' + (sum % 10) as u8));
            }
        }
        s
    }

    /// ISO 6346 check digit of the first 10 characters.
    fn bic_check_digit(code: &[u8]) -> u8 {
        let value = |c: u8| -> u32 {
            if c.is_ascii_digit() {
                return u32::from(c - b'0');
            }
            // A=10, skipping multiples of 11.
            let mut v = 10;
            for _ in b'A'..c {
                v += 1;
                if v % 11 == 0 {
                    v += 1;
                }
            }
            v
        };
        let sum: u32 = code
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, &c)| value(c) << i)
            .sum();
        (sum % 11 % 10) as u8
    }

    /// The component values the input describes, and whether all of them
    /// were made by the rules (`Fitted`).
    pub(super) fn component_values(input: &EpcInput) -> (Vec<String>, bool) {
        let rules = rules(input.scheme);
        let gcp_len = 6 + usize::from(input.gcp_len % 7);
        let values: Vec<String> = rules
            .iter()
            .zip(&input.values)
            .map(|(&rule, v)| match v {
                Value::Fitted(len, bytes) => fitted(rule, gcp_len, *len, bytes),
                Value::Raw(s) => s.clone(),
            })
            .collect();
        let all_fitted = input
            .values
            .iter()
            .take(rules.len())
            .all(|v| matches!(v, Value::Fitted(..)));
        (values, all_fitted)
    }

    /// Builds the EPC the input describes; when valid, runs every round trip
    /// ([`check_epc`]).
    pub fn epc_structured(input: &EpcInput) {
        let (values, all_fitted) = component_values(input);
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        match Epc::from_components(input.scheme, &refs) {
            Ok(epc) => check_epc(&epc),
            // Fitted values follow the rules: if they are refused, either
            // the generator or the validation is wrong.
            Err(e) if all_fitted => panic!("{:?} {refs:?} refused: {e}", input.scheme),
            Err(_) => {}
        }
    }

    /// [`epc_structured`] on raw fuzzer bytes, read the way `libfuzzer-sys`
    /// reads them for a typed target (`arbitrary_take_rest`): how
    /// `tests/fuzz_regressions.rs` replays a crash file. False when the
    /// bytes do not make an [`EpcInput`].
    pub fn epc_structured_bytes(data: &[u8]) -> bool {
        use arbitrary::Arbitrary;
        match EpcInput::arbitrary_take_rest(arbitrary::Unstructured::new(data)) {
            Ok(input) => {
                epc_structured(&input);
                true
            }
            Err(_) => false,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn bic_check_digit_of_the_iso_6346_example() {
            assert_eq!(bic_check_digit(b"CSQU305438"), 3);
        }
    }
}
