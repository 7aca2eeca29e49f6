//! Component rules of every scheme (TDS 1.13 §6 and the §5 grammar), applied
//! to unescaped values. Every path that builds an `Epc` (URI, tag URI,
//! binary, element string, Digital Link) ends here, so they all accept
//! exactly the same identifiers.

use super::escape::{self, VAL_GS3A3};
use super::text::Text;
use super::{ErrorKind, MAX_COMPONENTS, Scheme};

/// A rule broken by component `field`, at byte `pos` of its (unescaped)
/// value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub kind: ErrorKind,
    pub field: u8,
    pub pos: u8,
}

/// What a component holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// GS1 Company Prefix: 6..=12 digits.
    Gcp,
    /// Digits that, with the company prefix, total this many digits (may be
    /// empty when the prefix takes them all).
    Ref(u8),
    /// 1..=max characters of the 82-character set.
    Gs3a3(u8),
    /// 1.. characters of the 82-character set; with the company prefix at
    /// most this many.
    Gs3a3Total(u8),
    /// CPI reference: digits, uppercase, `-`, `/`, `#`; with the prefix at
    /// most this many.
    CpRef(u8),
    /// A number without leading zeros, at most this value.
    Num(u64),
    /// 1..=max digits, leading zeros allowed.
    Padded(u8),
    /// Exactly two digits (ITIP piece / total).
    Two,
    /// CAGE code (5) or DoDAAC (6): digits and uppercase but I and O.
    Cage,
    /// ADI original part number: 0..=32 of uppercase, digits, `-`, `/`.
    AdiPart,
    /// ADI serial: optional leading `#`, then 1..=30 of uppercase, digits,
    /// `-`, `/` (30 counting the `#`).
    AdiSerial,
    /// ISO 6346 container code: owner code, category, serial, check digit.
    /// The check digit is not verified: TDS 2.x's grammar does not, and
    /// real codes with other check digits are in use.
    Bic,
    /// IMO ship number: 7 digits (check digit not verified, as for BIC).
    Imo,
}

use Kind::*;

/// The components of each scheme, in URI order.
pub(crate) fn kinds(scheme: Scheme) -> &'static [Kind] {
    match scheme {
        Scheme::Sgtin | Scheme::Lgtin => &[Gcp, Ref(13), Gs3a3(20)],
        Scheme::Sscc => &[Gcp, Ref(17)],
        Scheme::Sgln => &[Gcp, Ref(12), Gs3a3(20)],
        Scheme::Grai => &[Gcp, Ref(12), Gs3a3(16)],
        Scheme::Giai => &[Gcp, Gs3a3Total(30)],
        Scheme::Gsrn | Scheme::Gsrnp => &[Gcp, Ref(17)],
        Scheme::Gdti => &[Gcp, Ref(12), Gs3a3(17)],
        Scheme::Cpi => &[Gcp, CpRef(30), Num(999_999_999_999)],
        Scheme::Sgcn => &[Gcp, Ref(12), Padded(12)],
        Scheme::Ginc => &[Gcp, Gs3a3Total(30)],
        Scheme::Gsin => &[Gcp, Ref(16)],
        Scheme::Itip => &[Gcp, Ref(13), Two, Two, Gs3a3(20)],
        Scheme::Upui => &[Gcp, Ref(13), Gs3a3(28)],
        Scheme::Pgln => &[Gcp, Ref(12)],
        Scheme::Gid => &[Num((1 << 28) - 1), Num((1 << 24) - 1), Num((1 << 36) - 1)],
        Scheme::Usdod => &[Cage, Num((1 << 36) - 1)],
        Scheme::Adi => &[Cage, AdiPart, AdiSerial],
        Scheme::Bic => &[Bic],
        Scheme::Imovn => &[Imo],
    }
}

fn err(kind: ErrorKind, field: usize, pos: usize) -> FieldError {
    FieldError {
        kind,
        field: field as u8,
        pos: pos.min(255) as u8,
    }
}

/// Validates all components of `scheme`.
pub(crate) fn check(scheme: Scheme, f: &[Text<'_>; MAX_COMPONENTS]) -> Result<(), FieldError> {
    check_first(scheme, f, scheme.arity())
}

/// Validates the first `n` components (an ID pattern fixes a prefix of
/// them). Relations between components are checked only when both are
/// present.
pub(crate) fn check_first(
    scheme: Scheme,
    f: &[Text<'_>; MAX_COMPONENTS],
    n: usize,
) -> Result<(), FieldError> {
    let kinds = kinds(scheme);
    let gcp_len = f[0].as_bytes().len();
    for (i, (kind, text)) in kinds.iter().zip(f.iter()).take(n).enumerate() {
        check_one(*kind, text.as_bytes(), gcp_len).map_err(|(k, p)| err(k, i, p))?;
    }
    Ok(())
}

/// Checks one value; the error is (kind, position in the value).
pub(crate) fn check_one(kind: Kind, v: &[u8], gcp_len: usize) -> Result<(), (ErrorKind, usize)> {
    match kind {
        Gcp => {
            digits(v)?;
            if !(6..=12).contains(&v.len()) {
                return Err((ErrorKind::CompanyPrefixLength, 0));
            }
        }
        Ref(total) => {
            digits(v)?;
            if gcp_len + v.len() != total as usize {
                return Err((ErrorKind::DigitCount, 0));
            }
        }
        Gs3a3(max) => chars(v, 1, max as usize, |b| escape::is(b, VAL_GS3A3))?,
        Gs3a3Total(total) => chars(v, 1, (total as usize).saturating_sub(gcp_len), |b| {
            escape::is(b, VAL_GS3A3)
        })?,
        CpRef(total) => chars(v, 1, (total as usize).saturating_sub(gcp_len), |b| {
            b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b'-' | b'/' | b'#')
        })?,
        Num(max) => {
            digits(v)?;
            if v.is_empty() {
                return Err((ErrorKind::EmptyComponent, 0));
            }
            if v.len() > 1 && v[0] == b'0' {
                return Err((ErrorKind::LeadingZero, 0));
            }
            // At most 20 digits fit u64 arithmetic without overflow checks
            // below; anything longer is too large anyway.
            if v.len() > 19 || parse_u64(v) > max {
                return Err((ErrorKind::ValueTooLarge, 0));
            }
        }
        Padded(max) => {
            digits(v)?;
            if v.is_empty() {
                return Err((ErrorKind::EmptyComponent, 0));
            }
            if v.len() > max as usize {
                return Err((ErrorKind::ComponentTooLong, max as usize));
            }
        }
        Two => {
            digits(v)?;
            if v.len() != 2 {
                return Err((ErrorKind::DigitCount, 0));
            }
        }
        Cage => {
            if let Some(p) = v.iter().position(|&b| !is_cage_char(b)) {
                return Err((ErrorKind::InvalidCharacter, p));
            }
            if !(5..=6).contains(&v.len()) {
                return Err((
                    if v.len() < 5 {
                        ErrorKind::ComponentTooShort
                    } else {
                        ErrorKind::ComponentTooLong
                    },
                    0,
                ));
            }
        }
        AdiPart => chars(v, 0, 32, is_adi_char)?,
        AdiSerial => {
            let body = v.strip_prefix(b"#").unwrap_or(v);
            let off = v.len() - body.len();
            chars(body, 1, 30 - off, is_adi_char).map_err(|(k, p)| (k, p + off))?;
        }
        Bic => bic(v)?,
        Imo => {
            digits(v)?;
            if v.len() != 7 {
                return Err((ErrorKind::DigitCount, 0));
            }
        }
    }
    Ok(())
}

fn digits(v: &[u8]) -> Result<(), (ErrorKind, usize)> {
    match v.iter().position(|b| !b.is_ascii_digit()) {
        Some(p) => Err((ErrorKind::NotDigits, p)),
        None => Ok(()),
    }
}

fn chars(
    v: &[u8],
    min: usize,
    max: usize,
    ok: impl Fn(u8) -> bool,
) -> Result<(), (ErrorKind, usize)> {
    if let Some(p) = v.iter().position(|&b| !ok(b)) {
        return Err((ErrorKind::InvalidCharacter, p));
    }
    if v.len() < min {
        return Err((
            if v.is_empty() {
                ErrorKind::EmptyComponent
            } else {
                ErrorKind::ComponentTooShort
            },
            0,
        ));
    }
    if v.len() > max {
        return Err((ErrorKind::ComponentTooLong, max));
    }
    Ok(())
}

fn parse_u64(v: &[u8]) -> u64 {
    v.iter().fold(0u64, |n, d| {
        n.wrapping_mul(10).wrapping_add((d - b'0') as u64)
    })
}

fn is_cage_char(b: u8) -> bool {
    b.is_ascii_digit() || (b.is_ascii_uppercase() && b != b'I' && b != b'O')
}

pub(crate) fn is_adi_char(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'-' || b == b'/'
}

/// ISO 6346 layout: owner code (3 letters), category (U, J or Z), serial
/// (6 digits), check digit (a digit).
fn bic(v: &[u8]) -> Result<(), (ErrorKind, usize)> {
    if v.len() != 11 {
        return Err((
            if v.len() < 11 {
                ErrorKind::ComponentTooShort
            } else {
                ErrorKind::ComponentTooLong
            },
            0,
        ));
    }
    for (i, &b) in v.iter().enumerate() {
        let ok = match i {
            0..=2 => b.is_ascii_uppercase(),
            3 => matches!(b, b'U' | b'J' | b'Z'),
            _ => b.is_ascii_digit(),
        };
        if !ok {
            return Err((ErrorKind::InvalidCharacter, i));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bic_layout() {
        assert!(bic(b"CSQU3054383").is_ok());
        assert!(bic(b"CSQJ3054381").is_ok());
        assert_eq!(bic(b"CSQX3054383"), Err((ErrorKind::InvalidCharacter, 3)));
        assert_eq!(bic(b"CSQU305438"), Err((ErrorKind::ComponentTooShort, 0)));
    }
}
