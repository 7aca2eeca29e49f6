//! Binary paths: URI -> binary -> hex, hex -> decode -> tag URI and Epc,
//! tag URI -> encode, and the rejections of not-encodable identifiers and
//! bad binary input.

use super::{Case, Kind, Report, Repr, expected_epc, must_reject, same, unexpected};
use epcstream::epc::{Binary, Epc, TagEpc};

/// Canonical hex of an input hex string: uppercase, zero-padded to 16-bit
/// words.
fn canonical_hex(hex: &str) -> String {
    let mut s = hex.to_ascii_uppercase();
    while s.len() % 4 != 0 {
        s.push('0');
    }
    s
}

pub(super) fn run(case: &Case, r: &mut Report) {
    if case.params.is_plus() {
        // TDS 2.x '+' schemes: covered by the plus paths.
        return;
    }
    match case.kind {
        Kind::Valid => valid(case, r),
        Kind::Invalid => invalid(case, r),
    }
}

fn valid(case: &Case, r: &mut Report) {
    let e = &case.expect;
    let bs = case.params.scheme();
    let filter = case.params.filter_or_zero();

    // Identifier + binary scheme + filter -> binary.
    if let (Some(hex), Some(bs), Some(_)) = (&e.hex, bs, &e.uri) {
        r.check(case, "uri -> Epc::to_binary -> hex", || {
            let epc = expected_epc(case)?;
            let bin = epc
                .to_binary(bs, filter)
                .map_err(|e| unexpected("to_binary", e))?;
            same("hex", bin.to_string().as_str(), hex.as_str())
        });
    }
    // Tag URI -> encode.
    if let (Some(hex), Some(tag)) = (&e.hex, &e.tag_uri) {
        r.check(case, "tag uri -> TagEpc::encode -> hex", || {
            let t = TagEpc::parse(tag).map_err(|e| unexpected("TagEpc::parse", e))?;
            same("hex", t.encode().to_string().as_str(), hex.as_str())
        });
    }
    // Epc::tag picks the scheme of the requested fixed length.
    if let (Some(bs), Some(_)) = (bs, &e.uri) {
        if let Some(bits) = bs.bits() {
            r.check(case, "uri -> Epc::tag(filter, bits) -> scheme", || {
                let epc = expected_epc(case)?;
                let t = epc
                    .tag(filter, Some(bits))
                    .map_err(|e| unexpected("Epc::tag", e))?;
                same("binary scheme", t.binary_scheme(), bs)?;
                same("filter", t.filter(), filter)
            });
        }
    }

    // Hex (expected, or the input) -> decode -> tag URI and Epc, and back.
    let hex_in = match case.repr {
        Repr::Hex => Some(case.value.as_str()),
        _ => e.hex.as_deref(),
    };
    if let Some(hex_in) = hex_in {
        r.check(case, "hex -> Binary::decode -> tag uri, Epc", || {
            let bin = Binary::from_hex(hex_in).map_err(|e| unexpected("Binary::from_hex", e))?;
            decoded(case, &bin, hex_in)
        });
    }
    if case.repr == Repr::Binary {
        r.check(case, "bits -> Binary::decode -> tag uri, Epc", || {
            let bin = Binary::from_bit_str(&case.value)
                .map_err(|e| unexpected("Binary::from_bit_str", e))?;
            let hex = e.hex.as_deref().ok_or("no expected hex")?;
            same("hex", bin.to_string().as_str(), hex)?;
            decoded(case, &bin, hex)
        });
    }
}

/// Checks a decoded binary against the case, and that it re-encodes to the
/// same canonical hex.
fn decoded(case: &Case, bin: &Binary, hex_in: &str) -> Result<(), String> {
    let e = &case.expect;
    let t = bin.decode().map_err(|e| unexpected("Binary::decode", e))?;
    if let Some(tag) = &e.tag_uri {
        same("tag uri", t.to_string().as_str(), tag.as_str())?;
    }
    if e.uri.is_some() {
        same("Epc", *t.epc(), expected_epc(case)?)?;
    }
    if let Some(f) = e.filter {
        same("filter", t.filter(), f)?;
    }
    let want = e.hex.clone().unwrap_or_else(|| canonical_hex(hex_in));
    same("re-encoded hex", t.encode().to_string(), want)?;
    // Decoding is exact: the scheme's own encoder gives the same bits.
    let again = t
        .epc()
        .to_binary(t.binary_scheme(), t.filter())
        .map_err(|e| unexpected("to_binary of the decoded Epc", e))?;
    same("to_binary of the decoded Epc", again, t.encode())
}

fn invalid(case: &Case, r: &mut Report) {
    match case.repr {
        Repr::Hex => {
            r.check(case, "invalid hex rejected", || {
                let res = Binary::from_hex(&case.value).and_then(|b| b.decode());
                must_reject(case, "Binary::from_hex + decode", &case.value, res)
            });
        }
        Repr::Uri => {
            if let Some(bs) = case.params.scheme() {
                r.check(case, "valid uri, not encodable: to_binary rejects", || {
                    let epc: Epc<'_> =
                        Epc::parse(&case.value).map_err(|e| unexpected("Epc::parse", e))?;
                    let res = epc.to_binary(bs, case.params.filter_or_zero());
                    must_reject(case, "Epc::to_binary", &case.value, res)
                });
            }
        }
        _ => {}
    }
}
