//! TDS 2.x '+' / '++' paths: element string -> binary, binary -> element
//! string and control fields, and back.

use super::{Case, Kind, Report, Repr, same, unexpected};
use epcstream::epc::Binary;
use epcstream::epc::ai::ElementString;
use epcstream::epc::plus::{self, PlusScheme};

/// The AIs the '+' cases of the vectors use (`ElementString::push` takes
/// `&'static str` codes).
const AIS: &[&str] = &["01", "21"];

/// A bracketed element string of the AIs in [`AIS`], split at each `(AI)`.
fn element_string(text: &str) -> Result<ElementString<'static>, String> {
    let mut es = ElementString::new();
    let mut rest = text;
    while !rest.is_empty() {
        let ai = AIS
            .iter()
            .find(|ai| rest.starts_with(&format!("({ai})")))
            .ok_or_else(|| format!("test helper: no known AI at {rest:?}"))?;
        rest = &rest[ai.len() + 2..];
        let end = AIS
            .iter()
            .filter_map(|a| rest.find(&format!("({a})")))
            .min()
            .unwrap_or(rest.len());
        es.push(ai, rest[..end].to_string());
        rest = &rest[end..];
    }
    Ok(es)
}

/// The bracketed text of an element string.
fn text(es: &ElementString<'_>) -> String {
    es.items()
        .iter()
        .map(|i| format!("({}){}", i.ai, i.value))
        .collect()
}

pub(super) fn run(case: &Case, r: &mut Report) {
    if !case.params.is_plus() || case.kind != Kind::Valid {
        return;
    }
    let e = &case.expect;
    let scheme = case
        .params
        .binary_scheme
        .as_deref()
        .and_then(PlusScheme::from_name);
    let filter = case.params.filter.or(e.filter).unwrap_or(0);
    let es_text = match case.repr {
        Repr::ElementString => Some(case.value.as_str()),
        _ => e.element_string.as_deref(),
    };
    let hex_in = match case.repr {
        Repr::Hex => Some(case.value.as_str()),
        _ => e.hex.as_deref(),
    };

    if let (Some(es_text), Some(hex)) = (es_text, &e.hex) {
        r.check(case, "element string -> plus::encode -> hex", || {
            let scheme = scheme.ok_or("unknown '+' scheme")?;
            let es = element_string(es_text)?;
            let bin = plus::encode(scheme, filter, &es, e.hostname.as_deref())
                .map_err(|e| unexpected("plus::encode", e))?;
            same("hex", bin.to_string().as_str(), hex.as_str())
        });
    }
    if let Some(hex_in) = hex_in {
        r.check(case, "hex -> plus::decode -> element string", || {
            let bin = Binary::from_hex(hex_in).map_err(|e| unexpected("Binary::from_hex", e))?;
            let p = plus::decode(&bin).map_err(|e| unexpected("plus::decode", e))?;
            same("scheme", Some(p.scheme()), scheme)?;
            same("filter", p.filter(), filter)?;
            if let Some(t) = case.params.data_toggle.or(e.data_toggle) {
                same("data toggle", p.data_toggle(), t == 1)?;
            }
            same("hostname", p.hostname(), e.hostname.as_deref())?;
            if let Some(want) = es_text {
                same("element string", text(p.element_string()).as_str(), want)?;
            }
            let again = p.encode().map_err(|e| unexpected("PlusEpc::encode", e))?;
            same("re-encoded hex", again.to_string(), bin.to_string())
        });
    }
}
