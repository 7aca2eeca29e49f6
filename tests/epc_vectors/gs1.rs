//! GS1 paths: URI -> element string -> URI, URI -> Digital Link -> URI,
//! element string and Digital Link inputs, and the schemes that have no
//! GS1 translation.

use super::{Case, Kind, Report, Repr, expected_epc, must_reject, same, unexpected};
use epcstream::epc::ai::ElementString;
use epcstream::epc::{Epc, ErrorKind, GcpSource, ParseError};

/// The Digital Link base of the canonical expectations.
const DL_BASE: &str = "https://id.gs1.org";

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

/// The case's GCP length (a fixed length is a [`GcpSource`]).
fn gcp(case: &Case) -> Result<u8, String> {
    case.params
        .gcp_length
        .ok_or_else(|| "no gcp_length for this case".to_string())
}

/// Checks the result of a translation back to an Epc: the expected URI,
/// or, for a GTIN that TDS 1.13 §7.3.3-§7.3.8 excludes from EPCs, a
/// `restricted_gtin` refusal.
fn back_to_uri(
    case: &Case,
    what: &str,
    res: Result<Epc<'static>, ParseError>,
) -> Result<(), String> {
    let want = case.expect.uri.as_deref().ok_or("no expected URI")?;
    match res {
        Ok(epc) if case.expect.restricted_gtin => Err(format!(
            "{what} gave {epc} for a restricted GTIN (want restricted_gtin)"
        )),
        Ok(epc) => same(what, epc.to_string().as_str(), want),
        Err(e) if case.expect.restricted_gtin && e.kind() == ErrorKind::RestrictedGtin => Ok(()),
        Err(e) => Err(unexpected(what, e)),
    }
}

fn valid(case: &Case, r: &mut Report) {
    let e = &case.expect;
    let Some(scheme) = case.scheme() else { return };
    if e.uri.is_none() {
        return;
    }
    if !scheme.has_company_prefix() {
        r.check(
            case,
            "non-GS1 scheme: no element string, no Digital Link",
            || {
                let epc = expected_epc(case)?;
                let kind = epc.to_element_string().err().map(|e| e.kind());
                same(
                    "to_element_string error",
                    kind,
                    Some(ErrorKind::NoTranslation),
                )?;
                let kind = epc.to_digital_link(DL_BASE).err().map(|e| e.kind());
                same(
                    "to_digital_link error",
                    kind,
                    Some(ErrorKind::NoTranslation),
                )
            },
        );
        return;
    }

    // URI -> element string -> URI.
    r.check(case, "uri -> element string -> uri (gcp length)", || {
        let epc = expected_epc(case)?;
        let es = epc
            .to_element_string()
            .map_err(|e| unexpected("to_element_string", e))?;
        if let Some(want) = &e.element_string {
            same("element string", es.to_string().as_str(), want.as_str())?;
        }
        let back = Epc::from_element_string(&es, &gcp(case)? as &dyn GcpSource);
        back_to_uri(case, "from_element_string", back)
    });
    // Element string text -> ElementString -> text, and -> URI.
    if let Some(text) = &e.element_string {
        r.check(case, "element string text -> ElementString -> uri", || {
            let es =
                ElementString::parse(text).map_err(|e| unexpected("ElementString::parse", e))?;
            same("Display", es.to_string().as_str(), text.as_str())?;
            let back = Epc::from_element_string(&es, &gcp(case)? as &dyn GcpSource);
            back_to_uri(case, "from_element_string", back)
        });
    }
    // Element string input (when it is not the expected text itself).
    if case.repr == Repr::ElementString && e.element_string.as_ref() != Some(&case.value) {
        r.check(case, "element string text -> ElementString -> uri", || {
            let es = ElementString::parse(&case.value)
                .map_err(|e| unexpected("ElementString::parse", e))?;
            let back = Epc::from_element_string(&es, &gcp(case)? as &dyn GcpSource);
            back_to_uri(case, "from_element_string", back)
        });
    }

    // URI -> Digital Link -> URI.
    r.check(case, "uri -> Digital Link -> uri (gcp length)", || {
        let epc = expected_epc(case)?;
        let dl = epc
            .to_digital_link(DL_BASE)
            .map_err(|e| unexpected("to_digital_link", e))?;
        if let Some(want) = e.digital_link.as_deref() {
            same("Digital Link", dl.as_str(), want)?;
        }
        let back = Epc::from_digital_link(&dl, &gcp(case)? as &dyn GcpSource);
        back_to_uri(case, "from_digital_link", back)
    });
    // Digital Link inputs: the case's input, and the other accepted
    // spelling of the expected one.
    let mut inputs: Vec<&str> = Vec::new();
    if case.repr == Repr::DigitalLink {
        inputs.push(&case.value);
    }
    inputs.extend(e.digital_link_alt.as_deref());
    for dl in inputs {
        r.check(
            case,
            "Digital Link input -> Epc (gcp length) -> uri",
            || {
                let back = Epc::from_digital_link(dl, &gcp(case)? as &dyn GcpSource);
                back_to_uri(case, "from_digital_link", back)
            },
        );
    }
}

fn invalid(case: &Case, r: &mut Report) {
    match case.repr {
        Repr::DigitalLink => {
            r.check(case, "invalid Digital Link rejected", || {
                let g = gcp(case)?;
                let res = Epc::from_digital_link(&case.value, &g as &dyn GcpSource);
                must_reject(case, "Epc::from_digital_link", &case.value, res)
            });
        }
        Repr::ElementString => {
            r.check(case, "invalid element string rejected", || {
                let g = gcp(case)?;
                let res = ElementString::parse(&case.value)
                    .and_then(|es| Epc::from_element_string(&es, &g as &dyn GcpSource));
                must_reject(case, "element string -> Epc", &case.value, res)
            });
        }
        _ => {}
    }
}
