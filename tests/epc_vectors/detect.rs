//! `parse_any`: every form of every case, detected and parsed to the same
//! identifier; invalid inputs rejected.

use super::{Case, Kind, Report, Repr, same, unexpected, why};
use epcstream::epc::{GcpSource, Parsed, Representation, parse_any};

pub(super) fn run(case: &Case, r: &mut Report) {
    let gcp = case.params.gcp_length;
    let src = gcp.as_ref().map(|g| g as &dyn GcpSource);
    match case.kind {
        Kind::Valid => {
            for (repr, form) in forms(case) {
                r.check(case, "parse_any -> representation, Epc", || {
                    let res = parse_any(form, src);
                    let (got, parsed) = match res {
                        Err(e)
                            if case.expect.restricted_gtin
                                && matches!(
                                    repr,
                                    Representation::ElementString | Representation::DigitalLink
                                )
                                && e.kind().as_str() == "restricted_gtin" =>
                        {
                            return Ok(());
                        }
                        Err(e) => return Err(unexpected(&format!("parse_any({form})"), e)),
                        Ok(v) => v,
                    };
                    same(&format!("representation of {form}"), got, repr)?;
                    if let Parsed::Plus(p, _) = &parsed {
                        return same(
                            "'+' scheme",
                            Some(p.scheme().name()),
                            case.params.binary_scheme.as_deref(),
                        );
                    }
                    let want = case.expect.uri.as_deref().ok_or("no expected URI")?;
                    let epc = parsed.epc().ok_or("parse_any gave no Epc")?;
                    same(&format!("Epc of {form}"), epc.to_string().as_str(), want)
                });
            }
        }
        Kind::Invalid => {
            // A valid URI that only its binary scheme cannot hold is valid here.
            if case.params.scheme().is_some() && case.repr == Repr::Uri {
                return;
            }
            r.check(
                case,
                "parse_any rejects invalid input",
                || match parse_any(&case.value, src) {
                    Ok((repr, p)) => Err(format!(
                        "parse_any accepted it as {repr:?}: {:?} (want rejection: {})",
                        p.epc().map(ToString::to_string),
                        why(case)
                    )),
                    Err(e) => {
                        // Detection is unambiguous for URIs and Digital Links:
                        // the kind is the parser's.
                        let exact = matches!(
                            case.repr,
                            Repr::Uri | Repr::ClassUri | Repr::TagUri | Repr::DigitalLink
                        );
                        match &case.expect.error_kind {
                            Some(k) if exact && e.kind().as_str() != k => {
                                Err(format!("error kind {}, want {k} ({e})", e.kind().as_str()))
                            }
                            _ if e.offset() > case.value.len() => Err(format!(
                                "error offset {} past the end of the input",
                                e.offset()
                            )),
                            _ => Ok(()),
                        }
                    }
                },
            );
        }
    }
}

/// Every representation of a valid case: its input and each expected form.
fn forms(case: &Case) -> Vec<(Representation, &str)> {
    let e = &case.expect;
    let mut v: Vec<(Representation, &str)> = Vec::new();
    let plus = case.params.is_plus();
    let input = match case.repr {
        Repr::Uri => Representation::PureIdentityUri,
        Repr::ClassUri => Representation::ClassUri,
        Repr::TagUri => Representation::TagUri,
        Repr::Hex if plus => Representation::PlusHex,
        Repr::Hex => Representation::Hex,
        Repr::Binary => Representation::Bits,
        Repr::ElementString => Representation::ElementString,
        Repr::DigitalLink => Representation::DigitalLink,
    };
    // '+' element strings and Digital Links identify an EPC only with a GCP
    // length, which these cases do not give.
    if !(plus && matches!(case.repr, Repr::ElementString)) {
        v.push((input, case.value.as_str()));
    }
    if let Some(u) = &e.uri {
        let r = if u.starts_with("urn:epc:class:") {
            Representation::ClassUri
        } else {
            Representation::PureIdentityUri
        };
        v.push((r, u));
    }
    v.extend(e.tag_uri.as_deref().map(|t| (Representation::TagUri, t)));
    if let Some(h) = &e.hex {
        v.push((
            if plus {
                Representation::PlusHex
            } else {
                Representation::Hex
            },
            h,
        ));
    }
    if !plus && case.params.gcp_length.is_some() {
        v.extend(
            e.element_string
                .as_deref()
                .map(|s| (Representation::ElementString, s)),
        );
        v.extend(
            e.digital_link
                .as_deref()
                .map(|s| (Representation::DigitalLink, s)),
        );
        v.extend(
            e.digital_link_alt
                .as_deref()
                .map(|s| (Representation::DigitalLink, s)),
        );
    }
    let mut unique: Vec<(Representation, &str)> = Vec::new();
    for f in v {
        if !unique.contains(&f) {
            unique.push(f);
        }
    }
    unique
}
