//! GS1 element strings: Application Identifiers (AIs), their values, and the
//! correspondence between EPCs and GS1 keys (TDS 1.13 / 2.x §7).
//!
//! # The AI table
//!
//! [`AI_TABLE`] lists every AI of the GS1 General Specifications that the
//! GS1 Barcode Syntax Dictionary describes (which covers the AIs of TDS 2.x
//! Table F that the '+' binary schemes can carry): its format as a list of
//! [`Component`]s (character set, fixed or maximum length, optional tail),
//! whether it is one of the *predefined-length* AIs that need no FNC1
//! separator, and whether a GS1 Digital Link may carry it as a data
//! attribute. Values are checked for their format and for these content
//! rules ([`Lint`]): check digits, the GS1 Company Prefix position of keys,
//! dates and times, piece-of-total, and a few single-value rules. Rules that
//! need external code lists (ISO 3166 countries, ISO 4217 currencies, IBAN,
//! package types, the GMN check characters) are not applied.
//!
//! # Element strings
//!
//! [`ElementString::parse`] reads both the bracketed human-readable form
//! `(01)00614141123452(21)6789` and the unbracketed form a barcode scanner
//! transmits (`0100614141123452216789`), where a variable-length value is
//! ended by FNC1, transmitted as GS (`0x1D`). The unbracketed form may start
//! with a GS1 symbology identifier (`]d2`, `]C1`, `]Q3`, `]e0`, `]J1`) and a
//! leading FNC1. As GS, the parser also accepts the texts `<GS>` and `\x1D`
//! (any case), which logs and test tools use for the invisible character; so
//! in the unbracketed form a value cannot contain the text `<GS>`.
//!
//! In the bracketed form, `(` followed by 2 to 4 digits and `)` always starts
//! an AI. A value that contains such text (CSET 82 allows parentheses) is
//! written with the `(` escaped as `\(`, as the GS1 Barcode Syntax Engine
//! does; [`ElementString::parse`] accepts that escape. Every other `(` and
//! `)` in a value is written as is: `(21)6789/&%"!?()`.
//!
//! # EPCs
//!
//! [`Epc::to_element_string`] and [`Epc::from_element_string`] implement
//! TDS §7 for every GS1 scheme. Going from an element string to an EPC needs
//! the length of the GS1 Company Prefix, which comes from a [`GcpSource`]
//! (except for a GTIN-8, whose company prefix is `00000` + its first three
//! digits, §7.3.2). Check digits are computed on output and verified on
//! input. GTINs that TDS §7.3.3–7.3.8 says shall not form SGTINs (RCN-8,
//! GS1 Prefixes 02, 04, 0001–0007, 20–29, 977, 980, 981–984, 99) are
//! rejected with [`ErrorKind::RestrictedGtin`] for every GTIN-based scheme
//! (SGTIN, LGTIN, ITIP, UPUI; TDS §7.18 applies the SGTIN rules to LGTIN
//! "in an analogous manner").
//!
//! An element string may carry more AIs than the EPC needs (a scanned pharma
//! DataMatrix holds `(01)(17)(10)(21)`): the EPC is built from the key and
//! the qualifiers its scheme needs, and data attributes are ignored. The key
//! and qualifiers decide the scheme: `(01)`+`(21)` SGTIN (also when a `(10)`
//! is present), `(01)`+`(235)` UPUI, `(01)`+`(10)` LGTIN, `(8006)`+`(21)`
//! ITIP, `(8010)`+`(8011)` CPI, `(414)` SGLN with `(254)` or extension `0`,
//! and one AI each for SSCC `(00)`, GRAI `(8003)`, GIAI `(8004)`, GSRN
//! `(8018)`, GSRNP `(8017)`, GDTI `(253)`, SGCN `(255)`, GINC `(401)`, GSIN
//! `(402)` and PGLN `(417)`. Two different keys are ambiguous and rejected.
//!
//! Errors from [`Epc::from_element_string`] point into the bracketed form of
//! the element string (its [`Display`](fmt::Display) output).

use std::borrow::Cow;
use std::fmt;

use super::gcp::GcpSource;
use super::spec::FieldError;
use super::text::{Text, ValueBuf};
use super::{Epc, ErrorKind, MAX_COMPONENTS, ParseError, Scheme, gs1_check_digit};

/// The character set of an AI value component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Charset {
    /// Digits `0-9` ("N").
    Numeric,
    /// GS1 AI encodable character set 82 ("X"): digits, letters and
    /// `` !"%&'()*+,-./:;<=>?_ ``.
    Cset82,
    /// GS1 AI encodable character set 39 ("Y"): digits, uppercase letters
    /// and `#-/`.
    Cset39,
    /// GS1 AI encodable character set 64 ("Z"): the base64url alphabet
    /// `A-Za-z0-9-_` and `=` padding.
    Cset64,
}

impl Charset {
    /// Whether `b` belongs to this character set.
    pub const fn contains(self, b: u8) -> bool {
        match self {
            Charset::Numeric => b.is_ascii_digit(),
            Charset::Cset82 => {
                b.is_ascii_alphanumeric()
                    || matches!(
                        b,
                        b'!' | b'"'
                            | b'%'
                            | b'&'
                            | b'\''
                            | b'('
                            | b')'
                            | b'*'
                            | b'+'
                            | b','
                            | b'-'
                            | b'.'
                            | b'/'
                            | b':'
                            | b';'
                            | b'<'
                            | b'='
                            | b'>'
                            | b'?'
                            | b'_'
                    )
            }
            Charset::Cset39 => {
                b.is_ascii_digit() || b.is_ascii_uppercase() || matches!(b, b'#' | b'-' | b'/')
            }
            Charset::Cset64 => b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='),
        }
    }
}

/// A content rule of an AI value component, beyond its character set and
/// length (the "linters" of the GS1 Barcode Syntax Dictionary that this
/// crate applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lint {
    /// The last digit is the GS1 mod-10 check digit of the others.
    CheckDigit,
    /// Starts with a GS1 Company Prefix: at least 4 digits.
    Key,
    /// Exactly `0`.
    Zero,
    /// No leading zero unless the value is `0`.
    NoZeroPrefix,
    /// Two 2-digit numbers, piece and total, with 1 ≤ piece ≤ total.
    PieceOfTotal,
    /// `YYMMDD` date where `DD` may be `00` (end of month).
    Yymmd0,
    /// `YYMMDD` date.
    Yymmdd,
    /// `YYYYMMDD` date.
    Yyyymmdd,
    /// `HHMM` time.
    Hhmi,
    /// `HH` hour.
    Hh,
    /// `MM` minute.
    Mi,
    /// `SS` second.
    Ss,
    /// `0` or `1`.
    YesNo,
    /// Exactly `-`.
    Hyphen,
    /// Not all zeros.
    NonZero,
    /// `0`, `1` or `9` (winding direction).
    Winding,
    /// Every `%` starts a valid percent-escape (`%` and two hex digits).
    PercentEncoded,
    /// Contains at least one non-digit.
    HasNonDigit,
}

impl Lint {
    /// Checks `v` (already known to be in the component's character set);
    /// on failure, the kind and the byte offset in `v`.
    fn check(self, v: &[u8]) -> Result<(), (ErrorKind, usize)> {
        let bad = |at: usize| Err((ErrorKind::InvalidAiValue, at));
        match self {
            Lint::CheckDigit => {
                let Some((&last, body)) = v.split_last() else {
                    return bad(0);
                };
                if gs1_check_digit(body) != Some(last.wrapping_sub(b'0')) {
                    return Err((ErrorKind::CheckDigit, v.len() - 1));
                }
            }
            Lint::Key => {
                if v.len() < 4 {
                    return bad(0);
                }
                if let Some(p) = v[..4].iter().position(|b| !b.is_ascii_digit()) {
                    return bad(p);
                }
            }
            Lint::Zero => {
                if v != b"0" {
                    return bad(0);
                }
            }
            Lint::NoZeroPrefix => {
                if v.len() > 1 && v[0] == b'0' {
                    return bad(0);
                }
            }
            Lint::PieceOfTotal => {
                let (Some(piece), Some(total)) = (num(v, 0, 2), num(v, 2, 2)) else {
                    return bad(0);
                };
                if total == 0 && piece != 0 {
                    return bad(2);
                }
                if piece == 0 || piece > total {
                    return bad(0);
                }
            }
            Lint::Yymmd0 | Lint::Yymmdd => {
                let (Some(yy), Some(mm), Some(dd)) = (num(v, 0, 2), num(v, 2, 2), num(v, 4, 2))
                else {
                    return bad(0);
                };
                if !(1..=12).contains(&mm) {
                    return bad(2);
                }
                let min = if self == Lint::Yymmd0 { 0 } else { 1 };
                if dd < min || dd > days_in_month(yy % 4 == 0, mm) {
                    return bad(4);
                }
            }
            Lint::Yyyymmdd => {
                let (Some(y), Some(mm), Some(dd)) = (num(v, 0, 4), num(v, 4, 2), num(v, 6, 2))
                else {
                    return bad(0);
                };
                if !(1..=12).contains(&mm) {
                    return bad(4);
                }
                let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
                if dd < 1 || dd > days_in_month(leap, mm) {
                    return bad(6);
                }
            }
            Lint::Hhmi => match (num(v, 0, 2), num(v, 2, 2)) {
                (Some(hh), _) if hh > 23 => return bad(0),
                (Some(_), Some(mi)) if mi <= 59 => {}
                (Some(_), _) => return bad(2),
                _ => return bad(0),
            },
            Lint::Hh => {
                if !matches!(num(v, 0, 2), Some(0..=23)) {
                    return bad(0);
                }
            }
            Lint::Mi | Lint::Ss => {
                if !matches!(num(v, 0, 2), Some(0..=59)) {
                    return bad(0);
                }
            }
            Lint::YesNo => {
                if v != b"0" && v != b"1" {
                    return bad(0);
                }
            }
            Lint::Hyphen => {
                if v != b"-" {
                    return bad(0);
                }
            }
            Lint::NonZero => {
                if v.iter().all(|&b| b == b'0') {
                    return bad(0);
                }
            }
            Lint::Winding => {
                if v != b"0" && v != b"1" && v != b"9" {
                    return bad(0);
                }
            }
            Lint::PercentEncoded => {
                for (i, &b) in v.iter().enumerate() {
                    if b == b'%'
                        && !(v.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                            && v.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
                    {
                        return bad(i);
                    }
                }
            }
            Lint::HasNonDigit => {
                if v.iter().all(u8::is_ascii_digit) {
                    return bad(0);
                }
            }
        }
        Ok(())
    }
}

/// The decimal number of `v[at..at + n]`, if those are digits.
fn num(v: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = v.get(at..at + n)?;
    s.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(leap: bool, mm: u32) -> u32 {
    match mm {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One component of an AI's value format: `N13`, `X..20`, `[X..17]`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Component {
    /// Character set.
    pub charset: Charset,
    /// Minimum length (equal to `max` for a fixed-length component).
    pub min: u8,
    /// Maximum length.
    pub max: u8,
    /// Whether the component may be left out (only trailing components).
    pub optional: bool,
    /// Content rules.
    pub lints: &'static [Lint],
}

impl Component {
    const fn new(charset: Charset, min: u8, max: u8, lints: &'static [Lint]) -> Self {
        Component {
            charset,
            min,
            max,
            optional: false,
            lints,
        }
    }
    const fn opt(charset: Charset, min: u8, max: u8, lints: &'static [Lint]) -> Self {
        Component {
            charset,
            min,
            max,
            optional: true,
            lints,
        }
    }
}

const PREDEFINED: u8 = 1;
const DL_ATTRIBUTE: u8 = 2;

/// A GS1 Application Identifier and the format of its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AiDef {
    /// The AI, e.g. `"01"`, `"3103"`.
    pub code: &'static str,
    /// Its data title in the GS1 General Specifications, e.g. `"GTIN"`.
    pub title: &'static str,
    flags: u8,
    /// The value format, component by component.
    pub components: &'static [Component],
}

impl AiDef {
    const fn new(
        code: &'static str,
        title: &'static str,
        flags: u8,
        components: &'static [Component],
    ) -> Self {
        AiDef {
            code,
            title,
            flags,
            components,
        }
    }

    /// Whether this AI starts with one of the predefined-length prefixes of
    /// the GS1 General Specifications (00-04, 11-20, 31-36, 41), so that its
    /// value needs no FNC1 separator in a barcode.
    pub const fn is_predefined_length(&self) -> bool {
        self.flags & PREDEFINED != 0
    }

    /// Whether a variable-length field must be ended by FNC1 when another
    /// field follows it (every AI that is not of predefined length, even if
    /// its value has a fixed length).
    pub const fn needs_fnc1(&self) -> bool {
        !self.is_predefined_length()
    }

    /// Whether a GS1 Digital Link URI may carry this AI as a data attribute
    /// in its query string.
    pub const fn is_dl_attribute(&self) -> bool {
        self.flags & DL_ATTRIBUTE != 0
    }

    /// The shortest valid value length.
    pub fn min_len(&self) -> usize {
        self.components
            .iter()
            .filter(|c| !c.optional)
            .map(|c| usize::from(c.min))
            .sum()
    }

    /// The longest valid value length.
    pub fn max_len(&self) -> usize {
        self.components.iter().map(|c| usize::from(c.max)).sum()
    }

    /// The value length when it is fixed.
    pub fn fixed_len(&self) -> Option<usize> {
        let min = self.min_len();
        (min == self.max_len()).then_some(min)
    }

    /// Checks a value against the format and content rules. The error offset
    /// is the byte offset in `value`.
    pub fn validate(&self, value: &str) -> Result<(), ParseError> {
        let v = value.as_bytes();
        let mut pos = 0;
        for comp in self.components {
            let rest = v.len() - pos;
            if rest == 0 && comp.optional {
                break;
            }
            let (min, max) = (usize::from(comp.min), usize::from(comp.max));
            if rest < min {
                return Err(ParseError::new(ErrorKind::InvalidAiValue, v.len()));
            }
            let part = &v[pos..pos + rest.min(max)];
            if let Some(i) = part.iter().position(|&b| !comp.charset.contains(b)) {
                return Err(ParseError::new(ErrorKind::InvalidAiValue, pos + i));
            }
            for lint in comp.lints {
                lint.check(part)
                    .map_err(|(kind, at)| ParseError::new(kind, pos + at))?;
            }
            pos += part.len();
        }
        if pos < v.len() {
            return Err(ParseError::new(ErrorKind::InvalidAiValue, pos));
        }
        Ok(())
    }
}

/// Looks up an AI by its code (`"01"`, `"8003"`).
pub fn lookup(code: &str) -> Option<&'static AiDef> {
    AI_TABLE
        .binary_search_by(|d| d.code.cmp(code))
        .ok()
        .map(|i| &AI_TABLE[i])
}

/// The AI at the start of `data` (AIs are prefix-free: no AI is the start
/// of another), as in an unbracketed element string.
pub fn lookup_prefix(data: &[u8]) -> Option<&'static AiDef> {
    (2..=4).find_map(|n| {
        let code = data.get(..n)?;
        if !code.iter().all(u8::is_ascii_digit) {
            return None;
        }
        lookup(std::str::from_utf8(code).ok()?)
    })
}

/// Every AI this crate knows, sorted by code.
#[rustfmt::skip]
pub static AI_TABLE: &[AiDef] = &[
    AiDef::new("00", "SSCC", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 18, 18, &[Lint::CheckDigit])]),
    AiDef::new("01", "GTIN", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 14, 14, &[Lint::CheckDigit])]),
    AiDef::new("02", "CONTENT", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 14, 14, &[Lint::CheckDigit])]),
    AiDef::new("03", "MTO GTIN", PREDEFINED, &[Component::new(Charset::Numeric, 14, 14, &[Lint::CheckDigit])]),
    AiDef::new("10", "BATCH/LOT", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("11", "PROD DATE", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("12", "DUE DATE", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("13", "PACK DATE", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("15", "BEST BEFORE or BEST BY", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("16", "SELL BY", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("17", "USE BY or EXPIRY", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0])]),
    AiDef::new("20", "VARIANT", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 2, 2, &[])]),
    AiDef::new("21", "SERIAL", 0, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("22", "CPV", 0, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("235", "TPX", 0, &[Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("240", "ADDITIONAL ID", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("241", "CUST. PART No.", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("242", "MTO VARIANT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 6, &[])]),
    AiDef::new("243", "PCN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("250", "SECONDARY SERIAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("251", "REF. TO SOURCE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("253", "GDTI", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit]), Component::opt(Charset::Cset82, 1, 17, &[])]),
    AiDef::new("254", "GLN EXTENSION COMPONENT", 0, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("255", "GCN", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit]), Component::opt(Charset::Numeric, 1, 12, &[])]),
    AiDef::new("30", "VAR. COUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 8, &[])]),
    AiDef::new("3100", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3101", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3102", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3103", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3104", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3105", "NET WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3110", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3111", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3112", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3113", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3114", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3115", "LENGTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3120", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3121", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3122", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3123", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3124", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3125", "WIDTH (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3130", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3131", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3132", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3133", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3134", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3135", "HEIGHT (m)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3140", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3141", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3142", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3143", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3144", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3145", "AREA (m²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3150", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3151", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3152", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3153", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3154", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3155", "NET VOLUME (l)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3160", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3161", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3162", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3163", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3164", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3165", "NET VOLUME (m³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3200", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3201", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3202", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3203", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3204", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3205", "NET WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3210", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3211", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3212", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3213", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3214", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3215", "LENGTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3220", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3221", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3222", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3223", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3224", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3225", "LENGTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3230", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3231", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3232", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3233", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3234", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3235", "LENGTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3240", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3241", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3242", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3243", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3244", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3245", "WIDTH (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3250", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3251", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3252", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3253", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3254", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3255", "WIDTH (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3260", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3261", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3262", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3263", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3264", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3265", "WIDTH (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3270", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3271", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3272", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3273", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3274", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3275", "HEIGHT (in)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3280", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3281", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3282", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3283", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3284", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3285", "HEIGHT (ft)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3290", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3291", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3292", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3293", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3294", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3295", "HEIGHT (yd)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3300", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3301", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3302", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3303", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3304", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3305", "GROSS WEIGHT (kg)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3310", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3311", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3312", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3313", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3314", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3315", "LENGTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3320", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3321", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3322", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3323", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3324", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3325", "WIDTH (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3330", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3331", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3332", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3333", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3334", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3335", "HEIGHT (m), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3340", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3341", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3342", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3343", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3344", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3345", "AREA (m²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3350", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3351", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3352", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3353", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3354", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3355", "VOLUME (l), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3360", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3361", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3362", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3363", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3364", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3365", "VOLUME (m³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3370", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3371", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3372", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3373", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3374", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3375", "KG PER m²", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3400", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3401", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3402", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3403", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3404", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3405", "GROSS WEIGHT (lb)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3410", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3411", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3412", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3413", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3414", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3415", "LENGTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3420", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3421", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3422", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3423", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3424", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3425", "LENGTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3430", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3431", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3432", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3433", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3434", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3435", "LENGTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3440", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3441", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3442", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3443", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3444", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3445", "WIDTH (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3450", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3451", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3452", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3453", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3454", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3455", "WIDTH (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3460", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3461", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3462", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3463", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3464", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3465", "WIDTH (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3470", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3471", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3472", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3473", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3474", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3475", "HEIGHT (in), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3480", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3481", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3482", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3483", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3484", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3485", "HEIGHT (ft), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3490", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3491", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3492", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3493", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3494", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3495", "HEIGHT (yd), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3500", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3501", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3502", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3503", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3504", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3505", "AREA (in²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3510", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3511", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3512", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3513", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3514", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3515", "AREA (ft²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3520", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3521", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3522", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3523", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3524", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3525", "AREA (yd²)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3530", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3531", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3532", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3533", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3534", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3535", "AREA (in²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3540", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3541", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3542", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3543", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3544", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3545", "AREA (ft²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3550", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3551", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3552", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3553", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3554", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3555", "AREA (yd²), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3560", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3561", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3562", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3563", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3564", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3565", "NET WEIGHT (t oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3570", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3571", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3572", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3573", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3574", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3575", "NET VOLUME (oz)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3600", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3601", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3602", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3603", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3604", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3605", "NET VOLUME (qt)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3610", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3611", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3612", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3613", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3614", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3615", "NET VOLUME (gal.)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3620", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3621", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3622", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3623", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3624", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3625", "VOLUME (qt), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3630", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3631", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3632", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3633", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3634", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3635", "VOLUME (gal.), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3640", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3641", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3642", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3643", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3644", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3645", "VOLUME (in³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3650", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3651", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3652", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3653", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3654", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3655", "VOLUME (ft³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3660", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3661", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3662", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3663", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3664", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3665", "VOLUME (yd³)", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3670", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3671", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3672", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3673", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3674", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3675", "VOLUME (in³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3680", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3681", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3682", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3683", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3684", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3685", "VOLUME (ft³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3690", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3691", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3692", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3693", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3694", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3695", "VOLUME (yd³), log", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("37", "COUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 8, &[])]),
    AiDef::new("3900", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3901", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3902", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3903", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3904", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3905", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3906", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3907", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3908", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3909", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3910", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3911", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3912", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3913", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3914", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3915", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3916", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3917", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3918", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3919", "AMOUNT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3920", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3921", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3922", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3923", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3924", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3925", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3926", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3927", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3928", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3929", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3930", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3931", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3932", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3933", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3934", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3935", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3936", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3937", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3938", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3939", "PRICE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Numeric, 1, 15, &[])]),
    AiDef::new("3940", "PRCNT OFF", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[])]),
    AiDef::new("3941", "PRCNT OFF", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[])]),
    AiDef::new("3942", "PRCNT OFF", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[])]),
    AiDef::new("3943", "PRCNT OFF", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[])]),
    AiDef::new("3950", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3951", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3952", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3953", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3954", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("3955", "PRICE/UoM", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("400", "ORDER NUMBER", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("401", "GINC", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[Lint::Key])]),
    AiDef::new("402", "GSIN", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 17, 17, &[Lint::CheckDigit])]),
    AiDef::new("403", "ROUTE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("410", "SHIP TO LOC", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("411", "BILL TO", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("412", "PURCHASE FROM", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("413", "SHIP FOR LOC", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("414", "LOC No.", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("415", "PAY TO", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("416", "PROD/SERV LOC", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("417", "PARTY", PREDEFINED | DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit])]),
    AiDef::new("420", "SHIP TO POST", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("421", "SHIP TO POST", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 9, &[])]),
    AiDef::new("422", "ORIGIN", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[])]),
    AiDef::new("423", "COUNTRY - INITIAL PROCESS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[])]),
    AiDef::new("424", "COUNTRY - PROCESS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[])]),
    AiDef::new("425", "COUNTRY - DISASSEMBLY", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[]), Component::opt(Charset::Numeric, 3, 3, &[])]),
    AiDef::new("426", "COUNTRY - FULL PROCESS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[])]),
    AiDef::new("427", "ORIGIN SUBDIVISION", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 3, &[])]),
    AiDef::new("4300", "SHIP TO COMP", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 35, &[Lint::PercentEncoded])]),
    AiDef::new("4301", "SHIP TO NAME", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 35, &[Lint::PercentEncoded])]),
    AiDef::new("4302", "SHIP TO ADD1", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4303", "SHIP TO ADD2", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4304", "SHIP TO SUB", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4305", "SHIP TO LOC", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4306", "SHIP TO REG", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4307", "SHIP TO COUNTRY", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[])]),
    AiDef::new("4308", "SHIP TO PHONE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("4309", "SHIP TO GEO", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 10, 10, &[]), Component::new(Charset::Numeric, 10, 10, &[])]),
    AiDef::new("4310", "RTN TO COMP", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 35, &[Lint::PercentEncoded])]),
    AiDef::new("4311", "RTN TO NAME", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 35, &[Lint::PercentEncoded])]),
    AiDef::new("4312", "RTN TO ADD1", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4313", "RTN TO ADD2", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4314", "RTN TO SUB", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4315", "RTN TO LOC", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4316", "RTN TO REG", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("4317", "RTN TO COUNTRY", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[])]),
    AiDef::new("4318", "RTN TO POST", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("4319", "RTN TO PHONE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("4320", "SRV DESCRIPTION", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 35, &[Lint::PercentEncoded])]),
    AiDef::new("4321", "DANGEROUS GOODS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 1, &[Lint::YesNo])]),
    AiDef::new("4322", "AUTH TO LEAVE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 1, &[Lint::YesNo])]),
    AiDef::new("4323", "SIG REQUIRED", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 1, &[Lint::YesNo])]),
    AiDef::new("4324", "NOT BEF DEL DT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0]), Component::new(Charset::Numeric, 4, 4, &[Lint::Hhmi])]),
    AiDef::new("4325", "NOT AFT DEL DT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmd0]), Component::new(Charset::Numeric, 4, 4, &[Lint::Hhmi])]),
    AiDef::new("4326", "REL DATE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd])]),
    AiDef::new("4330", "MAX TEMP F.", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[]), Component::opt(Charset::Cset82, 1, 1, &[Lint::Hyphen])]),
    AiDef::new("4331", "MAX TEMP C.", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[]), Component::opt(Charset::Cset82, 1, 1, &[Lint::Hyphen])]),
    AiDef::new("4332", "MIN TEMP F.", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[]), Component::opt(Charset::Cset82, 1, 1, &[Lint::Hyphen])]),
    AiDef::new("4333", "MIN TEMP C.", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[]), Component::opt(Charset::Cset82, 1, 1, &[Lint::Hyphen])]),
    AiDef::new("7001", "NSN", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 13, 13, &[])]),
    AiDef::new("7002", "MEAT CUT", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("7003", "EXPIRY TIME", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd]), Component::new(Charset::Numeric, 4, 4, &[Lint::Hhmi])]),
    AiDef::new("7004", "ACTIVE POTENCY", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 4, &[])]),
    AiDef::new("7005", "CATCH AREA", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 12, &[])]),
    AiDef::new("7006", "FIRST FREEZE DATE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd])]),
    AiDef::new("7007", "HARVEST DATE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd]), Component::opt(Charset::Numeric, 6, 6, &[Lint::Yymmdd])]),
    AiDef::new("7008", "AQUATIC SPECIES", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 3, &[])]),
    AiDef::new("7009", "FISHING GEAR TYPE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 10, &[])]),
    AiDef::new("7010", "PROD METHOD", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 2, &[])]),
    AiDef::new("7011", "TEST BY DATE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd]), Component::opt(Charset::Numeric, 4, 4, &[Lint::Hhmi])]),
    AiDef::new("7020", "REFURB LOT", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("7021", "FUNC STAT", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("7022", "REV STAT", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("7023", "GIAI - ASSEMBLY", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[Lint::Key])]),
    AiDef::new("7030", "PROCESSOR # 0", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7031", "PROCESSOR # 1", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7032", "PROCESSOR # 2", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7033", "PROCESSOR # 3", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7034", "PROCESSOR # 4", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7035", "PROCESSOR # 5", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7036", "PROCESSOR # 6", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7037", "PROCESSOR # 7", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7038", "PROCESSOR # 8", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7039", "PROCESSOR # 9", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 3, 3, &[]), Component::new(Charset::Cset82, 1, 27, &[])]),
    AiDef::new("7040", "UIC+EXT", 0, &[Component::new(Charset::Numeric, 1, 1, &[]), Component::new(Charset::Cset82, 1, 1, &[]), Component::new(Charset::Cset82, 1, 1, &[]), Component::new(Charset::Cset82, 1, 1, &[])]),
    AiDef::new("7041", "UFRGT UNIT TYPE", 0, &[Component::new(Charset::Cset82, 1, 4, &[])]),
    AiDef::new("710", "NHRN PZN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("711", "NHRN CIP", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("712", "NHRN CN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("713", "NHRN DRN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("714", "NHRN AIM", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("715", "NHRN NDC", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("716", "NHRN AIC", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("7230", "CERT # 1", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7231", "CERT # 2", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7232", "CERT # 3", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7233", "CERT # 4", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7234", "CERT # 5", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7235", "CERT # 6", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7236", "CERT # 7", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7237", "CERT # 8", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7238", "CERT # 9", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7239", "CERT # 10", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 2, 2, &[]), Component::new(Charset::Cset82, 1, 28, &[])]),
    AiDef::new("7240", "PROTOCOL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("7241", "AIDC MEDIA TYPE", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 2, 2, &[])]),
    AiDef::new("7242", "VCN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 25, &[])]),
    AiDef::new("7250", "DOB", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 8, 8, &[Lint::Yyyymmdd])]),
    AiDef::new("7251", "DOB TIME", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 8, 8, &[Lint::Yyyymmdd]), Component::new(Charset::Numeric, 4, 4, &[Lint::Hhmi])]),
    AiDef::new("7252", "BIO SEX", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 1, &[])]),
    AiDef::new("7253", "FAMILY NAME", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 40, &[Lint::PercentEncoded])]),
    AiDef::new("7254", "GIVEN NAME", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 40, &[Lint::PercentEncoded])]),
    AiDef::new("7255", "SUFFIX", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 10, &[])]),
    AiDef::new("7256", "FULL NAME", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[Lint::PercentEncoded])]),
    AiDef::new("7257", "PERSON ADDR", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[Lint::PercentEncoded])]),
    AiDef::new("7258", "BIRTH SEQUENCE", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 3, 3, &[])]),
    AiDef::new("7259", "BABY", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 40, &[Lint::PercentEncoded])]),
    AiDef::new("8001", "DIMENSIONS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[Lint::NonZero]), Component::new(Charset::Numeric, 5, 5, &[Lint::NonZero]), Component::new(Charset::Numeric, 3, 3, &[Lint::NonZero]), Component::new(Charset::Numeric, 1, 1, &[Lint::Winding]), Component::new(Charset::Numeric, 1, 1, &[])]),
    AiDef::new("8002", "CMT No.", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("8003", "GRAI", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 1, 1, &[Lint::Zero]), Component::new(Charset::Numeric, 13, 13, &[Lint::CheckDigit]), Component::opt(Charset::Cset82, 1, 16, &[])]),
    AiDef::new("8004", "GIAI", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[Lint::Key])]),
    AiDef::new("8005", "PRICE PER UNIT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[])]),
    AiDef::new("8006", "ITIP", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 14, 14, &[Lint::CheckDigit]), Component::new(Charset::Numeric, 4, 4, &[Lint::PieceOfTotal])]),
    AiDef::new("8007", "IBAN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 34, &[])]),
    AiDef::new("8008", "PROD TIME", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 6, 6, &[Lint::Yymmdd]), Component::new(Charset::Numeric, 2, 2, &[Lint::Hh]), Component::opt(Charset::Numeric, 2, 2, &[Lint::Mi]), Component::opt(Charset::Numeric, 2, 2, &[Lint::Ss])]),
    AiDef::new("8009", "OPTSEN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 50, &[])]),
    AiDef::new("8010", "CPID", DL_ATTRIBUTE, &[Component::new(Charset::Cset39, 1, 30, &[Lint::Key])]),
    AiDef::new("8011", "CPID SERIAL", 0, &[Component::new(Charset::Numeric, 1, 12, &[Lint::NoZeroPrefix])]),
    AiDef::new("8012", "VERSION", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 20, &[])]),
    AiDef::new("8013", "GMN", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 25, &[Lint::Key])]),
    AiDef::new("8014", "MUDI", 0, &[Component::new(Charset::Cset82, 1, 25, &[Lint::Key, Lint::HasNonDigit])]),
    AiDef::new("8017", "GSRN - PROVIDER", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 18, 18, &[Lint::CheckDigit])]),
    AiDef::new("8018", "GSRN - RECIPIENT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 18, 18, &[Lint::CheckDigit])]),
    AiDef::new("8019", "SRIN", 0, &[Component::new(Charset::Numeric, 1, 10, &[])]),
    AiDef::new("8020", "REF No.", 0, &[Component::new(Charset::Cset82, 1, 25, &[])]),
    AiDef::new("8026", "ITIP CONTENT", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 14, 14, &[Lint::CheckDigit]), Component::new(Charset::Numeric, 4, 4, &[Lint::PieceOfTotal])]),
    AiDef::new("8030", "DIGSIG", DL_ATTRIBUTE, &[Component::new(Charset::Cset64, 1, 90, &[])]),
    AiDef::new("8110", "COUPON", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[])]),
    AiDef::new("8111", "POINTS", DL_ATTRIBUTE, &[Component::new(Charset::Numeric, 4, 4, &[])]),
    AiDef::new("8112", "PAPERLESS COUPON", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 70, &[])]),
    AiDef::new("8200", "PRODUCT URL", 0, &[Component::new(Charset::Cset82, 1, 70, &[])]),
    AiDef::new("90", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 30, &[])]),
    AiDef::new("91", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("92", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("93", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("94", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("95", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("96", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("97", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("98", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
    AiDef::new("99", "INTERNAL", DL_ATTRIBUTE, &[Component::new(Charset::Cset82, 1, 90, &[])]),
];

/// One AI and its value, e.g. `(01)` `00614141123452`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AiValue<'a> {
    /// The AI code, e.g. `"01"`, `"8003"`.
    pub ai: &'static str,
    /// The value, unescaped, without the AI.
    pub value: Cow<'a, str>,
}

/// A GS1 element string: an ordered list of AIs with their values.
///
/// ```
/// use epcstream::epc::ai::ElementString;
/// let es = ElementString::parse("]d20100614141123452217\u{1d}17261231")?;
/// assert_eq!(es.get("01"), Some("00614141123452"));
/// assert_eq!(es.to_string(), "(01)00614141123452(21)7(17)261231");
/// # Ok::<(), epcstream::epc::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElementString<'a> {
    items: Vec<AiValue<'a>>,
}

/// The GS1 symbology identifiers of GS1 data carriers (GS1 DataMatrix,
/// GS1-128, GS1 QR Code, GS1 DataBar, GS1 DotCode).
const SYMBOLOGY_IDS: [&[u8]; 5] = [b"d2", b"C1", b"Q3", b"e0", b"J1"];

/// The length of the FNC1 separator at `b[i..]`: the GS character, or the
/// texts `<GS>` and `\x1D` (any case).
fn separator_len(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    if rest.first() == Some(&0x1D) {
        Some(1)
    } else if rest.starts_with(b"<GS>")
        || (rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(b"\\x1d"))
    {
        Some(4)
    } else {
        None
    }
}

/// Whether `b[i..]` is `(` + 2 to 4 digits + `)`: the start of an AI in the
/// bracketed form. Returns the number of digits.
fn opener_digits(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'(') {
        return None;
    }
    let n = b
        .get(i + 1..)?
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_digit())
        .count();
    ((2..=4).contains(&n) && b.get(i + 1 + n) == Some(&b')')).then_some(n)
}

impl<'a> ElementString<'a> {
    /// An empty element string.
    pub fn new() -> Self {
        ElementString { items: Vec::new() }
    }

    /// Appends an AI and its value (not validated here; see
    /// [`ElementString::validate`]).
    pub fn push(&mut self, ai: &'static str, value: impl Into<Cow<'a, str>>) {
        self.items.push(AiValue {
            ai,
            value: value.into(),
        });
    }

    /// An element string of `items`, in order (not validated).
    pub(crate) fn from_items(items: Vec<AiValue<'a>>) -> Self {
        ElementString { items }
    }

    /// The AIs in order.
    pub fn items(&self) -> &[AiValue<'a>] {
        &self.items
    }

    /// The value of the first occurrence of `ai`.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.ai == ai)
            .map(|i| i.value.as_ref())
    }

    /// The number of AIs.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no AI.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Copies borrowed values so the element string outlives its input.
    pub fn into_owned(self) -> ElementString<'static> {
        ElementString {
            items: self
                .items
                .into_iter()
                .map(|i| AiValue {
                    ai: i.ai,
                    value: Cow::Owned(i.value.into_owned()),
                })
                .collect(),
        }
    }

    /// Parses a GS1 element string, bracketed (`(01)00614141123452(21)6789`)
    /// or unbracketed as a scanner transmits it (an optional symbology
    /// identifier `]d2`/`]C1`/`]Q3`/`]e0`/`]J1`, an optional leading FNC1,
    /// and FNC1 = GS after variable-length values; see the module docs).
    /// Every value is checked against its AI's format, and the check digits
    /// of GS1 keys are verified. Values borrow from `input` unless they
    /// contain the `\(` escape.
    pub fn parse(input: &'a str) -> Result<Self, ParseError> {
        let b = input.as_bytes();
        if let Some(i) = b.iter().position(|c| !c.is_ascii()) {
            return Err(ParseError::new(ErrorKind::InvalidCharacter, i));
        }
        let mut pos = 0;
        if b.first() == Some(&b']') {
            match b.get(1..3) {
                Some(id) if SYMBOLOGY_IDS.contains(&id) => pos = 3,
                _ => return Err(ParseError::new(ErrorKind::InvalidElementString, 0)),
            }
        }
        if pos == b.len() {
            return Err(ParseError::new(ErrorKind::Empty, pos));
        }
        let es = if b[pos] == b'(' {
            Self::parse_bracketed(input, pos)?
        } else {
            Self::parse_unbracketed(input, pos)?
        };
        es.check_duplicates(|i| es.bracketed_ai_offset(i))?;
        Ok(es)
    }

    fn parse_bracketed(input: &'a str, mut pos: usize) -> Result<Self, ParseError> {
        let b = input.as_bytes();
        let mut items = Vec::with_capacity(4);
        while pos < b.len() {
            let Some(n) = opener_digits(b, pos) else {
                return Err(ParseError::new(ErrorKind::InvalidElementString, pos));
            };
            let def = lookup(&input[pos + 1..pos + 1 + n])
                .ok_or(ParseError::new(ErrorKind::UnknownAi, pos + 1))?;
            let start = pos + n + 2;
            let (mut end, mut escaped) = (start, false);
            while end < b.len() {
                if b[end] == b'\\' && b.get(end + 1) == Some(&b'(') {
                    escaped = true;
                    end += 2;
                } else if opener_digits(b, end).is_some() {
                    break;
                } else {
                    end += 1;
                }
            }
            let raw = &input[start..end];
            let value = if escaped {
                Cow::Owned(raw.replace("\\(", "("))
            } else {
                Cow::Borrowed(raw)
            };
            def.validate(&value).map_err(|e| {
                let at = if escaped {
                    unescaped_to_raw(raw.as_bytes(), e.offset())
                } else {
                    e.offset()
                };
                ParseError::new(e.kind(), start + at)
            })?;
            items.push(AiValue {
                ai: def.code,
                value,
            });
            pos = end;
        }
        Ok(ElementString { items })
    }

    fn parse_unbracketed(input: &'a str, mut pos: usize) -> Result<Self, ParseError> {
        let b = input.as_bytes();
        if let Some(n) = separator_len(b, pos) {
            pos += n;
        }
        if pos == b.len() {
            return Err(ParseError::new(ErrorKind::Empty, pos));
        }
        let mut items = Vec::with_capacity(4);
        while pos < b.len() {
            let def = lookup_prefix(&b[pos..]).ok_or(ParseError::new(ErrorKind::UnknownAi, pos))?;
            let start = pos + def.code.len();
            let (end, next) = match def.fixed_len().filter(|_| def.is_predefined_length()) {
                Some(n) => {
                    let end = start + n;
                    if end > b.len() {
                        return Err(ParseError::new(ErrorKind::InvalidAiValue, b.len()));
                    }
                    // A superfluous FNC1 after a predefined-length value is harmless.
                    (end, end + separator_len(b, end).unwrap_or(0))
                }
                None => {
                    let end = (start..b.len()).find(|&i| separator_len(b, i).is_some());
                    match end {
                        Some(end) => (end, end + separator_len(b, end).unwrap_or(0)),
                        None => (b.len(), b.len()),
                    }
                }
            };
            let value = &input[start..end];
            def.validate(value).map_err(|e| e.shifted(start))?;
            items.push(AiValue {
                ai: def.code,
                value: Cow::Borrowed(value),
            });
            pos = next;
        }
        Ok(ElementString { items })
    }

    /// Rejects an AI that occurs twice with different values (GS1 General
    /// Specifications: duplicate AIs must carry the same value).
    fn check_duplicates(&self, at: impl Fn(usize) -> usize) -> Result<(), ParseError> {
        for (i, item) in self.items.iter().enumerate() {
            if self.items[..i]
                .iter()
                .any(|p| p.ai == item.ai && p.value != item.value)
            {
                return Err(ParseError::new(ErrorKind::InvalidElementString, at(i)));
            }
        }
        Ok(())
    }

    /// Checks every value against its AI's format (for element strings built
    /// with [`ElementString::push`]); unknown AIs and conflicting duplicates
    /// are errors. Offsets point into the bracketed form.
    pub fn validate(&self) -> Result<(), ParseError> {
        for (i, item) in self.items.iter().enumerate() {
            let def = lookup(item.ai).ok_or(ParseError::new(
                ErrorKind::UnknownAi,
                self.bracketed_ai_offset(i) + 1,
            ))?;
            def.validate(&item.value)
                .map_err(|e| e.shifted(self.bracketed_value_offset(i)))?;
        }
        self.check_duplicates(|i| self.bracketed_ai_offset(i))
    }

    /// Offset of item `i`'s `(` in the bracketed form (escapes ignored).
    fn bracketed_ai_offset(&self, i: usize) -> usize {
        self.items[..i.min(self.items.len())]
            .iter()
            .map(|it| it.ai.len() + 2 + it.value.len())
            .sum()
    }

    /// Offset of item `i`'s value in the bracketed form.
    pub(crate) fn bracketed_value_offset(&self, i: usize) -> usize {
        self.bracketed_ai_offset(i) + self.items.get(i).map_or(0, |it| it.ai.len() + 2)
    }

    /// Writes the unbracketed form: each AI followed by its value, with
    /// `gs` (normally FNC1 as `'\u{1d}'`) after every value of an AI that is
    /// not of predefined length, unless it is the last. No symbology
    /// identifier and no leading FNC1 are written.
    pub fn write_unbracketed(&self, out: &mut impl fmt::Write, gs: char) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            out.write_str(item.ai)?;
            out.write_str(&item.value)?;
            let fnc1 = lookup(item.ai).is_none_or(AiDef::needs_fnc1);
            if fnc1 && i + 1 < self.items.len() {
                out.write_char(gs)?;
            }
        }
        Ok(())
    }

    /// The unbracketed form as a `String` (see
    /// [`ElementString::write_unbracketed`]).
    pub fn to_unbracketed(&self, gs: char) -> String {
        let mut s = String::with_capacity(
            self.items
                .iter()
                .map(|i| i.ai.len() + i.value.len() + 1)
                .sum(),
        );
        // Writing to a String cannot fail.
        let _ = self.write_unbracketed(&mut s, gs);
        s
    }
}

/// Maps an offset in a value with `\(` escapes removed back to the raw text.
fn unescaped_to_raw(raw: &[u8], pos: usize) -> usize {
    let (mut r, mut u) = (0, 0);
    while r < raw.len() && u < pos {
        r += if raw[r] == b'\\' && raw.get(r + 1) == Some(&b'(') {
            2
        } else {
            1
        };
        u += 1;
    }
    r
}

/// The bracketed form, `(01)00614141123452(21)6789`.
impl fmt::Display for ElementString<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            f.write_str("(")?;
            f.write_str(item.ai)?;
            f.write_str(")")?;
            let v = item.value.as_bytes();
            let mut from = 0;
            for i in 0..v.len() {
                if opener_digits(v, i).is_some() {
                    f.write_str(&item.value[from..i])?;
                    f.write_str("\\")?;
                    from = i;
                }
            }
            f.write_str(&item.value[from..])?;
        }
        Ok(())
    }
}

impl std::str::FromStr for ElementString<'static> {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ElementString::parse(s).map(ElementString::into_owned)
    }
}

// ---------------------------------------------------------------------------
// EPC <-> element string (TDS §7)
// ---------------------------------------------------------------------------

/// The AIs of an EPC's element string, built on the stack (every EPC key or
/// qualifier value is at most 30 characters).
pub(crate) struct EpcItems {
    items: [(&'static str, ValueBuf); 2],
    len: usize,
}

impl EpcItems {
    fn one(ai: &'static str, v: ValueBuf) -> Self {
        EpcItems {
            items: [(ai, v), ("", ValueBuf::new())],
            len: 1,
        }
    }
    fn two(ai: &'static str, v: ValueBuf, ai2: &'static str, v2: ValueBuf) -> Self {
        EpcItems {
            items: [(ai, v), (ai2, v2)],
            len: 2,
        }
    }
    /// The AIs and values, in element-string order (key first).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.items[..self.len]
            .iter()
            .map(|(ai, v)| (*ai, std::str::from_utf8(v.as_bytes()).unwrap_or("")))
    }
    /// The items as borrowed [`AiValue`]s (no allocation); the first
    /// [`EpcItems::len`] are meaningful.
    pub(crate) fn ai_values(&self) -> [AiValue<'_>; 2] {
        let v = |i: usize| AiValue {
            ai: self.items[i].0,
            value: Cow::Borrowed(std::str::from_utf8(self.items[i].1.as_bytes()).unwrap_or("")),
        };
        [v(0), v(1)]
    }
    /// The number of items (1 or 2).
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

fn buf_of(parts: &[&str]) -> Result<ValueBuf, ParseError> {
    let mut b = ValueBuf::new();
    for p in parts {
        for &c in p.as_bytes() {
            b.push(c);
        }
    }
    if b.overflowed() {
        return Err(ParseError::new(ErrorKind::ComponentTooLong, 0));
    }
    Ok(b)
}

/// `parts` concatenated (they must make `digits` digits) with the GS1 check
/// digit appended, then `tail` appended.
fn keyed(parts: &[&str], digits: usize, tail: &[&str]) -> Result<ValueBuf, ParseError> {
    let mut b = buf_of(parts)?;
    if b.len() != digits {
        return Err(ParseError::new(ErrorKind::DigitCount, 0));
    }
    let check = gs1_check_digit(b.as_bytes()).ok_or(ParseError::new(ErrorKind::NotDigits, 0))?;
    b.push(b'0' + check);
    for p in tail {
        for &c in p.as_bytes() {
            b.push(c);
        }
    }
    if b.overflowed() {
        return Err(ParseError::new(ErrorKind::ComponentTooLong, 0));
    }
    Ok(b)
}

/// GTIN-14 of a GTIN-based EPC: indicator (first digit of `indicator_ref`)
/// + company prefix + item reference + check digit, then `tail`.
fn gtin(gcp: &str, indicator_ref: &str, tail: &[&str]) -> Result<ValueBuf, ParseError> {
    let (ind, item_ref) = indicator_ref
        .split_at_checked(1)
        .ok_or(ParseError::new(ErrorKind::DigitCount, 0))?;
    keyed(&[ind, gcp, item_ref], 13, tail)
}

impl Epc<'_> {
    /// The key and qualifier AIs of this EPC (TDS §7), check digits computed.
    pub(crate) fn element_items(&self) -> Result<EpcItems, ParseError> {
        let c = |i| self.component(i);
        Ok(match self.scheme() {
            Scheme::Sgtin => EpcItems::two("01", gtin(c(0), c(1), &[])?, "21", buf_of(&[c(2)])?),
            Scheme::Lgtin => EpcItems::two("01", gtin(c(0), c(1), &[])?, "10", buf_of(&[c(2)])?),
            Scheme::Upui => EpcItems::two("01", gtin(c(0), c(1), &[])?, "235", buf_of(&[c(2)])?),
            Scheme::Itip => EpcItems::two(
                "8006",
                gtin(c(0), c(1), &[c(2), c(3)])?,
                "21",
                buf_of(&[c(4)])?,
            ),
            Scheme::Sscc => {
                let (ext, serial_ref) = c(1)
                    .split_at_checked(1)
                    .ok_or(ParseError::new(ErrorKind::DigitCount, 0))?;
                EpcItems::one("00", keyed(&[ext, c(0), serial_ref], 17, &[])?)
            }
            Scheme::Sgln => {
                let gln = keyed(&[c(0), c(1)], 12, &[])?;
                // TDS §7.5: extension "0" means the GLN without extension.
                match c(2) {
                    "0" => EpcItems::one("414", gln),
                    ext => EpcItems::two("414", gln, "254", buf_of(&[ext])?),
                }
            }
            // TDS §7.6: a '0' pad digit precedes the GRAI in AI (8003).
            Scheme::Grai => EpcItems::one("8003", keyed(&["0", c(0), c(1)], 13, &[c(2)])?),
            Scheme::Giai => EpcItems::one("8004", buf_of(&[c(0), c(1)])?),
            Scheme::Gsrn => EpcItems::one("8018", keyed(&[c(0), c(1)], 17, &[])?),
            Scheme::Gsrnp => EpcItems::one("8017", keyed(&[c(0), c(1)], 17, &[])?),
            Scheme::Gdti => EpcItems::one("253", keyed(&[c(0), c(1)], 12, &[c(2)])?),
            Scheme::Cpi => EpcItems::two("8010", buf_of(&[c(0), c(1)])?, "8011", buf_of(&[c(2)])?),
            Scheme::Sgcn => EpcItems::one("255", keyed(&[c(0), c(1)], 12, &[c(2)])?),
            Scheme::Ginc => EpcItems::one("401", buf_of(&[c(0), c(1)])?),
            Scheme::Gsin => EpcItems::one("402", keyed(&[c(0), c(1)], 16, &[])?),
            Scheme::Pgln => EpcItems::one("417", keyed(&[c(0), c(1)], 12, &[])?),
            Scheme::Gid | Scheme::Usdod | Scheme::Adi | Scheme::Bic | Scheme::Imovn => {
                return Err(ParseError::new(ErrorKind::NoTranslation, 0));
            }
        })
    }

    /// The GS1 element string of this EPC (TDS §7): the GS1 key with its
    /// check digit computed, plus the qualifier AI the scheme needs; an SGLN
    /// with extension `0` has no AI (254). GID, USDOD, ADI, BIC and IMOVN
    /// have none ([`ErrorKind::NoTranslation`]); nor has an ITIP whose piece
    /// or total is `00` or whose piece exceeds the total, which AI (8006)
    /// does not allow ([`ErrorKind::InvalidAiValue`]). Errors have offset 0.
    ///
    /// ```
    /// use epcstream::epc::{Epc, Scheme};
    /// let epc = Epc::from_components(Scheme::Sgtin, &["0614141", "812345", "6789"])?;
    /// assert_eq!(epc.to_element_string()?.to_string(), "(01)80614141123458(21)6789");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn to_element_string(&self) -> Result<ElementString<'static>, ParseError> {
        let items = self.checked_element_items()?;
        let mut es = ElementString {
            items: Vec::with_capacity(items.len),
        };
        for (ai, v) in items.iter() {
            es.push(ai, v.to_owned());
        }
        Ok(es)
    }

    /// [`Epc::element_items`], each value checked against its AI's format so
    /// that whatever is produced parses back. The EPC rules match the AI
    /// formats except for ITIP piece/total, which the URI grammar leaves
    /// free and AI (8006) requires to be 1 <= piece <= total.
    pub(crate) fn checked_element_items(&self) -> Result<EpcItems, ParseError> {
        let items = self.element_items()?;
        for (ai, v) in items.iter() {
            if let Some(def) = lookup(ai) {
                def.validate(v).map_err(|e| ParseError::new(e.kind(), 0))?;
            }
        }
        Ok(items)
    }

    /// The EPC of a GS1 element string (TDS §7), see the module docs for
    /// which AIs select which scheme. The GS1 Company Prefix length comes
    /// from `gcp` (given the key's digits from where the company prefix
    /// starts), except for a GTIN-8 (§7.3.2). Check digits are verified.
    /// Error offsets point into the bracketed form of `es`.
    ///
    /// ```
    /// use epcstream::epc::{Epc, ai::ElementString};
    /// let es = ElementString::parse("(01)80614141123458(21)6789")?;
    /// let epc = Epc::from_element_string(&es, &7u8)?;
    /// assert_eq!(epc.components().collect::<Vec<_>>(), ["0614141", "812345", "6789"]);
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn from_element_string(
        es: &ElementString<'_>,
        gcp: &dyn GcpSource,
    ) -> Result<Epc<'static>, ParseError> {
        epc_from_items(es.items(), gcp, &|i| es.bracketed_value_offset(i))
    }
}

/// The AIs that are the key of an EPC.
const EPC_KEYS: [&str; 14] = [
    "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017",
    "8018",
];

/// How a field of the EPC maps back to an AI value, for error offsets.
#[derive(Clone, Copy)]
enum Origin {
    /// `item`'s value from byte `start` on.
    Slice { item: usize, start: usize },
    /// The indicator + item reference of a GTIN whose company prefix has
    /// `gcp` digits: indicator at 0, item reference after the prefix.
    GtinRef { item: usize, gcp: usize },
}

/// Whether TDS §7.3.3-7.3.8 forbid an EPC from this GTIN-14: RCN-8, GS1
/// Prefixes 04, 0001-0007 (company internal numbering), 02, 20-29
/// (restricted circulation), 981-984, 99 (coupons), 980 (refund receipts),
/// 977 (ISSN). The prefix is read from the 13 digits after the indicator.
pub(crate) fn is_restricted_gtin(gtin14: &[u8]) -> bool {
    let Some(g) = gtin14.get(1..) else {
        return false;
    };
    let p = |s: &[u8]| g.starts_with(s);
    let d = |i: usize| g.get(i).copied().unwrap_or(0);
    if p(b"00000") {
        // GTIN-8 (GS1-8 Prefix N1N2N3 at 5..8); an RCN-8 starts with 0 or 2.
        return matches!(d(5), b'0' | b'2');
    }
    p(b"04")
        || (p(b"000") && (b'1'..=b'7').contains(&d(3)))
        || p(b"02")
        || p(b"2")
        || (p(b"98") && (b'0'..=b'4').contains(&d(2)))
        || p(b"99")
        || p(b"977")
}

/// The company prefix length for a key whose company prefix starts at
/// `digits`, which must be 6..=12 digits.
fn gcp_len(src: &dyn GcpSource, digits: &[u8], at: usize) -> Result<usize, ParseError> {
    let l = src
        .gcp_length(digits)
        .ok_or(ParseError::new(ErrorKind::GcpLengthUnknown, at))?;
    let l = usize::from(l);
    if !(6..=12).contains(&l) || l > digits.len() {
        return Err(ParseError::new(ErrorKind::CompanyPrefixLength, at));
    }
    if let Some(p) = digits[..l].iter().position(|b| !b.is_ascii_digit()) {
        return Err(ParseError::new(ErrorKind::NotDigits, at + p));
    }
    Ok(l)
}

/// The value of `items[i]`, validated against its AI (check digits
/// included).
fn checked<'s>(
    items: &'s [AiValue<'_>],
    i: usize,
    at: &dyn Fn(usize) -> usize,
) -> Result<&'s str, ParseError> {
    let item = &items[i];
    let def = lookup(item.ai).ok_or(ParseError::new(ErrorKind::UnknownAi, at(i)))?;
    def.validate(&item.value).map_err(|e| e.shifted(at(i)))?;
    Ok(item.value.as_ref())
}

/// The company prefix length of a GTIN-14 (restricted ranges rejected;
/// TDS §7.3.2: the company prefix of a GTIN-8 is 00000 + N1N2N3).
fn gtin_gcp_len(g: &[u8], src: &dyn GcpSource, at: usize) -> Result<usize, ParseError> {
    if is_restricted_gtin(g) {
        return Err(ParseError::new(ErrorKind::RestrictedGtin, at));
    }
    if g.get(1..6) == Some(b"00000") {
        Ok(8)
    } else {
        gcp_len(src, &g[1..13], at + 1)
    }
}

/// The first digit of a key (GTIN indicator, SSCC extension digit) followed
/// by the digits after the company prefix, up to (not including) `end`.
fn lead_and_ref(k: &[u8], l: usize, end: usize) -> ValueBuf {
    let mut b = ValueBuf::new();
    b.push(k[0]);
    for &c in &k[1 + l..end] {
        b.push(c);
    }
    b
}

/// Builds the EPC from the AIs of an element string or Digital Link path.
/// `at(i)` is the input offset of item `i`'s value.
pub(crate) fn epc_from_items(
    items: &[AiValue<'_>],
    src: &dyn GcpSource,
    at: &dyn Fn(usize) -> usize,
) -> Result<Epc<'static>, ParseError> {
    // The key: exactly one kind of EPC key AI.
    let mut key: Option<usize> = None;
    for (i, item) in items.iter().enumerate() {
        if EPC_KEYS.contains(&item.ai) {
            match key {
                Some(k) if items[k].ai != item.ai => {
                    return Err(ParseError::new(ErrorKind::InvalidElementString, at(i)));
                }
                Some(_) => {}
                None => key = Some(i),
            }
        }
    }
    let k = key.ok_or(ParseError::new(ErrorKind::InvalidElementString, 0))?;
    let find = |ai: &str| items.iter().position(|it| it.ai == ai);
    let kv = checked(items, k, at)?;
    let kb = kv.as_bytes();
    let missing = || ParseError::new(ErrorKind::InvalidElementString, at(k) + kv.len());

    let mut f = [Text::EMPTY; MAX_COMPONENTS];
    let mut o = [Origin::Slice { item: k, start: 0 }; MAX_COMPONENTS];
    let scheme;
    match items[k].ai {
        "01" => {
            let (s, q) = if let Some(q) = find("21") {
                (Scheme::Sgtin, q)
            } else if let Some(q) = find("235") {
                (Scheme::Upui, q)
            } else if let Some(q) = find("10") {
                (Scheme::Lgtin, q)
            } else {
                return Err(missing());
            };
            // (21) and (235) exclude each other (GS1 General Specifications).
            if s == Scheme::Sgtin && find("235").is_some() {
                return Err(ParseError::new(ErrorKind::InvalidElementString, at(q)));
            }
            scheme = s;
            let qv = checked(items, q, at)?;
            let l = gtin_gcp_len(kb, src, at(k))?;
            f[0] = Text::Borrowed(&kv[1..1 + l]);
            f[1] = lead_and_ref(kb, l, 13).text();
            f[2] = Text::Borrowed(qv);
            o[0] = Origin::Slice { item: k, start: 1 };
            o[1] = Origin::GtinRef { item: k, gcp: l };
            o[2] = Origin::Slice { item: q, start: 0 };
        }
        "8006" => {
            let q = find("21").ok_or_else(missing)?;
            let qv = checked(items, q, at)?;
            scheme = Scheme::Itip;
            let l = gtin_gcp_len(&kb[..14], src, at(k))?;
            f[0] = Text::Borrowed(&kv[1..1 + l]);
            f[1] = lead_and_ref(kb, l, 13).text();
            f[2] = Text::Borrowed(&kv[14..16]);
            f[3] = Text::Borrowed(&kv[16..18]);
            f[4] = Text::Borrowed(qv);
            o[0] = Origin::Slice { item: k, start: 1 };
            o[1] = Origin::GtinRef { item: k, gcp: l };
            o[2] = Origin::Slice { item: k, start: 14 };
            o[3] = Origin::Slice { item: k, start: 16 };
            o[4] = Origin::Slice { item: q, start: 0 };
        }
        "00" => {
            scheme = Scheme::Sscc;
            let l = gcp_len(src, &kb[1..17], at(k) + 1)?;
            f[0] = Text::Borrowed(&kv[1..1 + l]);
            f[1] = lead_and_ref(kb, l, 17).text();
            o[0] = Origin::Slice { item: k, start: 1 };
            o[1] = Origin::GtinRef { item: k, gcp: l };
        }
        "414" => {
            scheme = Scheme::Sgln;
            let l = gcp_len(src, &kb[..12], at(k))?;
            f[0] = Text::Borrowed(&kv[..l]);
            f[1] = Text::Borrowed(&kv[l..12]);
            o[1] = Origin::Slice { item: k, start: l };
            // TDS §7.5: no AI (254) means extension "0".
            f[2] = match find("254") {
                Some(q) => {
                    o[2] = Origin::Slice { item: q, start: 0 };
                    Text::Borrowed(checked(items, q, at)?)
                }
                None => Text::Borrowed("0"),
            };
        }
        "8003" => {
            // TDS §7.6: a '0' pad digit, the 13-digit GRAI, then the serial;
            // without serial there is no EPC.
            if kv.len() <= 14 {
                return Err(missing());
            }
            scheme = Scheme::Grai;
            let l = gcp_len(src, &kb[1..13], at(k) + 1)?;
            f[0] = Text::Borrowed(&kv[1..1 + l]);
            f[1] = Text::Borrowed(&kv[1 + l..13]);
            f[2] = Text::Borrowed(&kv[14..]);
            o[0] = Origin::Slice { item: k, start: 1 };
            o[1] = Origin::Slice {
                item: k,
                start: 1 + l,
            };
            o[2] = Origin::Slice { item: k, start: 14 };
        }
        "253" | "255" => {
            // GDTI / GCN: 13-digit key, then the serial; without serial there
            // is no EPC (TDS §7.10, §7.12).
            if kv.len() <= 13 {
                return Err(missing());
            }
            scheme = if items[k].ai == "253" {
                Scheme::Gdti
            } else {
                Scheme::Sgcn
            };
            let l = gcp_len(src, &kb[..12], at(k))?;
            f[0] = Text::Borrowed(&kv[..l]);
            f[1] = Text::Borrowed(&kv[l..12]);
            f[2] = Text::Borrowed(&kv[13..]);
            o[1] = Origin::Slice { item: k, start: l };
            o[2] = Origin::Slice { item: k, start: 13 };
        }
        "8010" => {
            let q = find("8011").ok_or_else(missing)?;
            let qv = checked(items, q, at)?;
            scheme = Scheme::Cpi;
            let l = gcp_len(src, kb, at(k))?;
            f[0] = Text::Borrowed(&kv[..l]);
            f[1] = Text::Borrowed(&kv[l..]);
            f[2] = Text::Borrowed(qv);
            o[1] = Origin::Slice { item: k, start: l };
            o[2] = Origin::Slice { item: q, start: 0 };
        }
        ai => {
            // One AI holding company prefix + reference (+ check digit).
            let (s, digits) = match ai {
                "8004" => (Scheme::Giai, None),
                "401" => (Scheme::Ginc, None),
                "8018" => (Scheme::Gsrn, Some(17)),
                "8017" => (Scheme::Gsrnp, Some(17)),
                "402" => (Scheme::Gsin, Some(16)),
                _ => (Scheme::Pgln, Some(12)),
            };
            scheme = s;
            let body = digits.map_or(kv, |n| &kv[..n]);
            let l = gcp_len(src, body.as_bytes(), at(k))?;
            f[0] = Text::Borrowed(&body[..l]);
            f[1] = Text::Borrowed(&body[l..]);
            o[1] = Origin::Slice { item: k, start: l };
        }
    }
    Epc::from_fields(scheme, f)
        .map(Epc::into_owned)
        .map_err(|e: FieldError| {
            let pos = usize::from(e.pos);
            let off = match o.get(usize::from(e.field)) {
                Some(Origin::Slice { item, start }) => at(*item) + start + pos,
                Some(Origin::GtinRef { item, gcp }) => {
                    at(*item) + if pos == 0 { 0 } else { gcp + pos }
                }
                None => at(k),
            };
            ParseError::new(e.kind, off)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epc::GcpTable;

    struct EsVector {
        id: &'static str,
        scheme: Scheme,
        comps: &'static [&'static str],
        es: &'static str,
        gcp: u8,
    }

    // Generated from /work/shared/vectors/tds_vectors.json: valid vectors with an
    // element string and an EPC (components unescaped; gcp = stated GCP length or
    // the length of the expected company prefix).
    #[rustfmt::skip]
    const ES_VECTORS: &[EsVector] = &[
        EsVector { id: "tds113-E3-sgtin-96", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "6789"], es: "(01)80614141123458(21)6789", gcp: 7 },
        EsVector { id: "tds113-E3-sgtin-198", scheme: Scheme::Sgtin, comps: &["0614141", "712345", "32a/b"], es: "(01)70614141123451(21)32a/b", gcp: 7 },
        EsVector { id: "tds113-E3-sscc-96", scheme: Scheme::Sscc, comps: &["0614141", "1234567890"], es: "(00)106141412345678908", gcp: 7 },
        EsVector { id: "tds113-E3-sgln-96", scheme: Scheme::Sgln, comps: &["0614141", "12345", "5678"], es: "(414)0614141123452(254)5678", gcp: 7 },
        EsVector { id: "tds113-E3-sgln-195", scheme: Scheme::Sgln, comps: &["0614141", "12345", "32a/b"], es: "(414)0614141123452(254)32a/b", gcp: 7 },
        EsVector { id: "tds113-E3-grai-96", scheme: Scheme::Grai, comps: &["0614141", "12345", "5678"], es: "(8003)006141411234525678", gcp: 7 },
        EsVector { id: "tds113-E3-grai-170", scheme: Scheme::Grai, comps: &["0614141", "12345", "32a/b"], es: "(8003)0061414112345232a/b", gcp: 7 },
        EsVector { id: "tds113-E3-giai-96", scheme: Scheme::Giai, comps: &["0614141", "5678"], es: "(8004)06141415678", gcp: 7 },
        EsVector { id: "tds113-E3-giai-202", scheme: Scheme::Giai, comps: &["0614141", "32a/b"], es: "(8004)061414132a/b", gcp: 7 },
        EsVector { id: "tds113-E3-gsrn-96", scheme: Scheme::Gsrn, comps: &["0614141", "1234567890"], es: "(8018)061414112345678902", gcp: 7 },
        EsVector { id: "tds113-E3-gsrnp-96", scheme: Scheme::Gsrnp, comps: &["0614141", "1234567890"], es: "(8017)061414112345678902", gcp: 7 },
        EsVector { id: "tds113-E3-gdti-96", scheme: Scheme::Gdti, comps: &["0614141", "12345", "5678"], es: "(253)06141411234525678", gcp: 7 },
        EsVector { id: "tds113-E3-gdti-174", scheme: Scheme::Gdti, comps: &["4012345", "98765", "ABCDefgh012345678"], es: "(253)4012345987652ABCDefgh012345678", gcp: 7 },
        EsVector { id: "tds113-E3-cpi-96", scheme: Scheme::Cpi, comps: &["0614141", "98765", "12345"], es: "(8010)061414198765(8011)12345", gcp: 7 },
        EsVector { id: "tds113-E3-cpi-var", scheme: Scheme::Cpi, comps: &["0614141", "5PQ7/Z43", "12345"], es: "(8010)06141415PQ7/Z43(8011)12345", gcp: 7 },
        EsVector { id: "tds113-E3-sgcn-96", scheme: Scheme::Sgcn, comps: &["4012345", "67890", "04711"], es: "(255)401234567890104711", gcp: 7 },
        EsVector { id: "tds113-E3-itip-110", scheme: Scheme::Itip, comps: &["4012345", "012345", "01", "02", "981"], es: "(8006)040123451234560102(21)981", gcp: 7 },
        EsVector { id: "tds113-E3-itip-212", scheme: Scheme::Itip, comps: &["4012345", "012345", "01", "02", "mw133"], es: "(8006)040123451234560102(21)mw133", gcp: 7 },
        EsVector { id: "tds113-E2-sgtin-96-binary", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "6789"], es: "(01)80614141123458(21)6789", gcp: 7 },
        EsVector { id: "tds113-s7-sgtin-1", scheme: Scheme::Sgtin, comps: &["123456789012", "0", "4711"], es: "(01)01234567890128(21)4711", gcp: 12 },
        EsVector { id: "tds113-s7-sgln-1", scheme: Scheme::Sgln, comps: &["123456789012", "", "0"], es: "(414)1234567890128", gcp: 12 },
        EsVector { id: "tds113-s7-sgln-2", scheme: Scheme::Sgln, comps: &["123456789012", "", "4711"], es: "(414)1234567890128(254)4711", gcp: 12 },
        EsVector { id: "tds113-s7-sscc-1", scheme: Scheme::Sscc, comps: &["123456789012", "03456"], es: "(00)012345678901234560", gcp: 12 },
        EsVector { id: "tds113-s7-giai-1", scheme: Scheme::Giai, comps: &["123456789012", "345678901234567890"], es: "(8004)123456789012345678901234567890", gcp: 12 },
        EsVector { id: "tds113-s7-sgtin-2", scheme: Scheme::Sgtin, comps: &["0614141", "712345", "32a/b"], es: "(01)70614141123451(21)32a/b", gcp: 7 },
        EsVector { id: "tds113-s7-sscc-2", scheme: Scheme::Sscc, comps: &["0614141", "1234567890"], es: "(00)106141412345678908", gcp: 7 },
        EsVector { id: "tds113-s7-sgln-3", scheme: Scheme::Sgln, comps: &["0614141", "12345", "0"], es: "(414)0614141123452", gcp: 7 },
        EsVector { id: "tds113-s7-sgln-4", scheme: Scheme::Sgln, comps: &["0614141", "12345", "32a/b"], es: "(414)0614141123452(254)32a/b", gcp: 7 },
        EsVector { id: "tds113-s7-grai-1", scheme: Scheme::Grai, comps: &["0614141", "12345", "32a/b"], es: "(8003)0061414112345232a/b", gcp: 7 },
        EsVector { id: "tds113-s7-gsrn-1", scheme: Scheme::Gsrn, comps: &["0614141", "1234567890"], es: "(8018)061414112345678902", gcp: 7 },
        EsVector { id: "tds113-s7-gsrnp-1", scheme: Scheme::Gsrnp, comps: &["0614141", "1234567890"], es: "(8017)061414112345678902", gcp: 7 },
        EsVector { id: "tds113-s7-gdti-1", scheme: Scheme::Gdti, comps: &["0614141", "12345", "006847"], es: "(253)0614141123452006847", gcp: 7 },
        EsVector { id: "tds113-s7-cpi-1", scheme: Scheme::Cpi, comps: &["0614141", "5PQ7/Z43", "12345"], es: "(8010)06141415PQ7/Z43(8011)12345", gcp: 7 },
        EsVector { id: "tds113-s7-sgcn-1", scheme: Scheme::Sgcn, comps: &["4012345", "67890", "04711"], es: "(255)401234567890104711", gcp: 7 },
        EsVector { id: "tds113-s7-ginc-1", scheme: Scheme::Ginc, comps: &["0614141", "xyz47/11"], es: "(401)0614141xyz47/11", gcp: 7 },
        EsVector { id: "tds113-s7-gsin-1", scheme: Scheme::Gsin, comps: &["0614141", "123456789"], es: "(402)06141411234567890", gcp: 7 },
        EsVector { id: "tds113-s7-itip-1", scheme: Scheme::Itip, comps: &["4012345", "012345", "04", "04", "32a/b"], es: "(8006)040123451234560404(21)32a/b", gcp: 7 },
        EsVector { id: "tds113-s7-upui-1", scheme: Scheme::Upui, comps: &["1234567", "089456", "51qIgY)<&Jp3*j7'SDB"], es: "(01)01234567894560(235)51qIgY)<&Jp3*j7'SDB", gcp: 7 },
        EsVector { id: "tds113-s7-pgln-1", scheme: Scheme::Pgln, comps: &["1234567", "89012"], es: "(417)1234567890128", gcp: 7 },
        EsVector { id: "tds113-s7-sgtin-3", scheme: Scheme::Sgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(21)Serial", gcp: 8 },
        EsVector { id: "tds113-s7-sgtin-4", scheme: Scheme::Sgtin, comps: &["0614141", "012345", "Serial"], es: "(01)00614141123452(21)Serial", gcp: 7 },
        EsVector { id: "tds113-s7-sgtin-5", scheme: Scheme::Sgtin, comps: &["978817525", "0766", "Serial"], es: "(01)09788175257665(21)Serial", gcp: 9 },
        EsVector { id: "tds113-s6-lgtin", scheme: Scheme::Lgtin, comps: &["4012345", "012345", "998877"], es: "(01)04012345123456(10)998877", gcp: 7 },
        EsVector { id: "tds23-E3-sgtin-96-errata", scheme: Scheme::Sgtin, comps: &["95060001343", "05", "123456789"], es: "(01)09506000134352(21)123456789", gcp: 11 },
        EsVector { id: "tdt-readme-sgtin-96-filter1", scheme: Scheme::Sgtin, comps: &["0037000", "030241", "10419703"], es: "(01)00037000302414(21)10419703", gcp: 7 },
        EsVector { id: "rust-gs1-sgtin-303960", scheme: Scheme::Sgtin, comps: &["360843", "0951968", "7025652"], es: "(01)03608439519680(21)7025652", gcp: 6 },
        EsVector { id: "derived-sgtin-96-max-serial", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "274877906943"], es: "(01)80614141123458(21)274877906943", gcp: 7 },
        EsVector { id: "derived-sgtin-96-partition0", scheme: Scheme::Sgtin, comps: &["061414112345", "8", "6789"], es: "(01)80614141123458(21)6789", gcp: 12 },
        EsVector { id: "derived-sgtin-96-partition6", scheme: Scheme::Sgtin, comps: &["061414", "8123456", "6789"], es: "(01)80614141234567(21)6789", gcp: 6 },
        EsVector { id: "derived-sgtin-96-serial-zero", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "0"], es: "(01)80614141123458(21)0", gcp: 7 },
        EsVector { id: "derived-sgtin-96-4012345", scheme: Scheme::Sgtin, comps: &["4012345", "011111", "987"], es: "(01)04012345111118(21)987", gcp: 7 },
        EsVector { id: "derived-sscc-96-partition0", scheme: Scheme::Sscc, comps: &["061414112345", "12345"], es: "(00)106141411234523459", gcp: 12 },
        EsVector { id: "derived-sscc-96-partition6", scheme: Scheme::Sscc, comps: &["061414", "12345678901"], es: "(00)106141423456789018", gcp: 6 },
        EsVector { id: "derived-sscc-96-zero-serial", scheme: Scheme::Sscc, comps: &["0614141", "0000000000"], es: "(00)006141410000000005", gcp: 7 },
        EsVector { id: "derived-sgtin-198-all-escapes", scheme: Scheme::Sgtin, comps: &["0614141", "712345", "A\"%&/<>?!'()*+,-.:;="], es: "(01)70614141123451(21)A\"%&/<>?!'()*+,-.:;=", gcp: 7 },
        EsVector { id: "derived-sgtin-noncanonical-escape-lowercase", scheme: Scheme::Sgtin, comps: &["0614141", "712345", "32a/b"], es: "(01)70614141123451(21)32a/b", gcp: 7 },
        EsVector { id: "derived-sgtin-noncanonical-escape-of-legal-char", scheme: Scheme::Sgtin, comps: &["0614141", "712345", "ABC"], es: "(01)70614141123451(21)ABC", gcp: 7 },
        EsVector { id: "epcpy-test_valid_cpi_gs1_key_1", scheme: Scheme::Cpi, comps: &["0614141", "123ABC", "123456789"], es: "(8010)0614141123ABC(8011)123456789", gcp: 7 },
        EsVector { id: "epcpy-test_valid_cpi_gs1_key_2", scheme: Scheme::Cpi, comps: &["0614141", "12-456", "123456789"], es: "(8010)061414112-456(8011)123456789", gcp: 7 },
        EsVector { id: "epcpy-test_valid_cpi_gs1_key_3", scheme: Scheme::Cpi, comps: &["0614141", "1#1456", "123456789"], es: "(8010)06141411#1456(8011)123456789", gcp: 7 },
        EsVector { id: "epcpy-test_valid_cpi_gs1_key_4", scheme: Scheme::Cpi, comps: &["06141412", "123456", "0"], es: "(8010)06141412123456(8011)0", gcp: 8 },
        EsVector { id: "epcpy-test_valid_gdti_gs1_key_1", scheme: Scheme::Gdti, comps: &["0614141", "12345", "ABCD1234/"], es: "(253)0614141123452ABCD1234/", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gdti_gs1_key_2", scheme: Scheme::Gdti, comps: &["0614141", "12345", "40000000000000000"], es: "(253)061414112345240000000000000000", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gdti_gs1_key_3", scheme: Scheme::Gdti, comps: &["0614141", "12345", "0"], es: "(253)06141411234520", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gdti_gs1_key_4", scheme: Scheme::Gdti, comps: &["061414", "123451", "40000000000000000"], es: "(253)061414123451640000000000000000", gcp: 6 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_1", scheme: Scheme::Giai, comps: &["0614141", "12345400"], es: "(8004)061414112345400", gcp: 7 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_2", scheme: Scheme::Giai, comps: &["0614141", "0"], es: "(8004)06141410", gcp: 7 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_3", scheme: Scheme::Giai, comps: &["0614141", "1ABc/D"], es: "(8004)06141411ABc/D", gcp: 7 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_4", scheme: Scheme::Giai, comps: &["061411", "01ABc/D"], es: "(8004)06141101ABc/D", gcp: 6 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_5", scheme: Scheme::Giai, comps: &["012345", "012345678901234567890123"], es: "(8004)012345012345678901234567890123", gcp: 6 },
        EsVector { id: "epcpy-test_valid_giai_gs1_key_6", scheme: Scheme::Giai, comps: &["012345678901", "012345678901234567"], es: "(8004)012345678901012345678901234567", gcp: 12 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_1", scheme: Scheme::Ginc, comps: &["0614141", "xyz3311cba"], es: "(401)0614141xyz3311cba", gcp: 7 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_2", scheme: Scheme::Ginc, comps: &["0614141", "0"], es: "(401)06141410", gcp: 7 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_3", scheme: Scheme::Ginc, comps: &["0614141", "01"], es: "(401)061414101", gcp: 7 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_4", scheme: Scheme::Ginc, comps: &["061411", "01ABc/D"], es: "(401)06141101ABc/D", gcp: 6 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_5", scheme: Scheme::Ginc, comps: &["012345", "012345678901234567890123"], es: "(401)012345012345678901234567890123", gcp: 6 },
        EsVector { id: "epcpy-test_valid_ginc_gs1_key_6", scheme: Scheme::Ginc, comps: &["012345678901", "012345678901234567"], es: "(401)012345678901012345678901234567", gcp: 12 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_1", scheme: Scheme::Grai, comps: &["0614141", "12345", "400"], es: "(8003)00614141123452400", gcp: 7 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_2", scheme: Scheme::Grai, comps: &["0614141", "12345", "4000000000000000"], es: "(8003)006141411234524000000000000000", gcp: 7 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_3", scheme: Scheme::Grai, comps: &["061414113245", "", "0"], es: "(8003)006141411324540", gcp: 12 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_4", scheme: Scheme::Grai, comps: &["061414113245", "", "01"], es: "(8003)0061414113245401", gcp: 12 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_5", scheme: Scheme::Grai, comps: &["0614141", "12345", "ABCD1234/"], es: "(8003)00614141123452ABCD1234/", gcp: 7 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_6", scheme: Scheme::Grai, comps: &["061414113245", "", "274877906944"], es: "(8003)00614141132454274877906944", gcp: 12 },
        EsVector { id: "epcpy-test_valid_grai_gs1_key_7", scheme: Scheme::Grai, comps: &["0614141", "12345", "ABCDEFGHIJKLMNOP"], es: "(8003)00614141123452ABCDEFGHIJKLMNOP", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_1", scheme: Scheme::Gsin, comps: &["0614141", "123456789"], es: "(402)06141411234567890", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_2", scheme: Scheme::Gsin, comps: &["061414112345", "0123"], es: "(402)06141411234501238", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_3", scheme: Scheme::Gsin, comps: &["061414", "0123456789"], es: "(402)06141401234567891", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_4", scheme: Scheme::Gsin, comps: &["061414", "0000000000"], es: "(402)06141400000000006", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_5", scheme: Scheme::Gsin, comps: &["000000", "0000000000"], es: "(402)00000000000000000", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_6", scheme: Scheme::Gsin, comps: &["999999999999", "9999"], es: "(402)99999999999999992", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsin_gs1_key_7", scheme: Scheme::Gsin, comps: &["999999", "9999999999"], es: "(402)99999999999999992", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_1", scheme: Scheme::Gsrn, comps: &["0614141", "1234567890"], es: "(8018)061414112345678902", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_2", scheme: Scheme::Gsrn, comps: &["012345678901", "01234"], es: "(8018)012345678901012342", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_3", scheme: Scheme::Gsrn, comps: &["000000", "00000000000"], es: "(8018)000000000000000000", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_4", scheme: Scheme::Gsrn, comps: &["000000000000", "00000"], es: "(8018)000000000000000000", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_5", scheme: Scheme::Gsrn, comps: &["999999999999", "99999"], es: "(8018)999999999999999995", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrn_gs1_key_6", scheme: Scheme::Gsrn, comps: &["999999", "99999999999"], es: "(8018)999999999999999995", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_1", scheme: Scheme::Gsrnp, comps: &["0614141", "1234567890"], es: "(8017)061414112345678902", gcp: 7 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_2", scheme: Scheme::Gsrnp, comps: &["012345678901", "01234"], es: "(8017)012345678901012342", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_3", scheme: Scheme::Gsrnp, comps: &["000000", "00000000000"], es: "(8017)000000000000000000", gcp: 6 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_4", scheme: Scheme::Gsrnp, comps: &["000000000000", "00000"], es: "(8017)000000000000000000", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_5", scheme: Scheme::Gsrnp, comps: &["999999999999", "99999"], es: "(8017)999999999999999995", gcp: 12 },
        EsVector { id: "epcpy-test_valid_gsrnp_gs1_key_6", scheme: Scheme::Gsrnp, comps: &["999999", "99999999999"], es: "(8017)999999999999999995", gcp: 6 },
        EsVector { id: "epcpy-test_valid_itip_gs1_element_string_1", scheme: Scheme::Itip, comps: &["4012345", "012345", "01", "02", "987"], es: "(8006)040123451234560102(21)987", gcp: 7 },
        EsVector { id: "epcpy-test_valid_itip_gs1_element_string_2", scheme: Scheme::Itip, comps: &["0123456", "012345", "00", "00", "01234567890123456789"], es: "(8006)001234561234580000(21)01234567890123456789", gcp: 7 },
        EsVector { id: "epcpy-test_valid_itip_gs1_element_string_3", scheme: Scheme::Itip, comps: &["012345678901", "0", "00", "00", "01234567890123456789"], es: "(8006)001234567890120000(21)01234567890123456789", gcp: 12 },
        EsVector { id: "epcpy-test_valid_itip_gs1_element_string_4", scheme: Scheme::Itip, comps: &["012345678901", "0", "00", "00", "ABCDEFGHIJKLMNOP/RST"], es: "(8006)001234567890120000(21)ABCDEFGHIJKLMNOP/RST", gcp: 12 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_1", scheme: Scheme::Lgtin, comps: &["50712192365", "88", ".%:.13&"], es: "(01)85071219236581(10).%:.13&", gcp: 11 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_2", scheme: Scheme::Lgtin, comps: &["00000000000", "00", "0"], es: "(01)00000000000000(10)0", gcp: 11 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_3", scheme: Scheme::Lgtin, comps: &["5019265", "123588", ".%:.13&"], es: "(01)15019265235883(10).%:.13&", gcp: 7 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_4", scheme: Scheme::Lgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(10)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_5", scheme: Scheme::Lgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(10)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_lgtin_gs1_key_6", scheme: Scheme::Lgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(10)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_pgln_gs1_key_1", scheme: Scheme::Pgln, comps: &["1234567", "89012"], es: "(417)1234567890128", gcp: 7 },
        EsVector { id: "epcpy-test_valid_pgln_gs1_key_2", scheme: Scheme::Pgln, comps: &["012345678901", ""], es: "(417)0123456789012", gcp: 12 },
        EsVector { id: "epcpy-test_valid_pgln_gs1_key_3", scheme: Scheme::Pgln, comps: &["01234567890", "0"], es: "(417)0123456789005", gcp: 11 },
        EsVector { id: "epcpy-test_valid_pgln_gs1_key_4", scheme: Scheme::Pgln, comps: &["0123456789", "01"], es: "(417)0123456789012", gcp: 10 },
        EsVector { id: "epcpy-test_valid_pgln_gs1_key_5", scheme: Scheme::Pgln, comps: &["012345", "012345"], es: "(417)0123450123454", gcp: 6 },
        EsVector { id: "epcpy-test_valid_sgcn_gs1_key_1", scheme: Scheme::Sgcn, comps: &["4012345", "67890", "04711"], es: "(255)401234567890104711", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgcn_gs1_key_2", scheme: Scheme::Sgcn, comps: &["4012345", "67890", "0"], es: "(255)40123456789010", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgcn_gs1_key_3", scheme: Scheme::Sgcn, comps: &["4012345", "67890", "01"], es: "(255)401234567890101", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgcn_gs1_key_4", scheme: Scheme::Sgcn, comps: &["401234512345", "", "1"], es: "(255)40123451234561", gcp: 12 },
        EsVector { id: "epcpy-test_valid_sgcn_gs1_key_5", scheme: Scheme::Sgcn, comps: &["401231", "123465", "999999999999"], es: "(255)4012311234650999999999999", gcp: 6 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_1", scheme: Scheme::Sgln, comps: &["0614141", "12345", "400"], es: "(414)0614141123452(254)400", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_2", scheme: Scheme::Sgln, comps: &["0614141", "12345", "0"], es: "(414)0614141123452", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_3", scheme: Scheme::Sgln, comps: &["0614141", "12345", "01"], es: "(414)0614141123452(254)01", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_4", scheme: Scheme::Sgln, comps: &["061411", "012345", "01"], es: "(414)0614110123452(254)01", gcp: 6 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_5", scheme: Scheme::Sgln, comps: &["061411123456", "", "01"], es: "(414)0614111234560(254)01", gcp: 12 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_6", scheme: Scheme::Sgln, comps: &["061411123456", "", "A/-BCDEFGHIJKLMNOPQR"], es: "(414)0614111234560(254)A/-BCDEFGHIJKLMNOPQR", gcp: 12 },
        EsVector { id: "epcpy-test_valid_sgln_gs1_key_7", scheme: Scheme::Sgln, comps: &["061411123456", "", "2199023255552"], es: "(414)0614111234560(254)2199023255552", gcp: 12 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_1", scheme: Scheme::Sgtin, comps: &["50712192365", "88", ".%:.13&"], es: "(01)85071219236581(21).%:.13&", gcp: 11 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_2", scheme: Scheme::Sgtin, comps: &["00000000000", "00", "0"], es: "(01)00000000000000(21)0", gcp: 11 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_3", scheme: Scheme::Sgtin, comps: &["5019265", "123588", ".%:.13&"], es: "(01)15019265235883(21).%:.13&", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_4", scheme: Scheme::Sgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(21)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_5", scheme: Scheme::Sgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(21)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_sgtin_gs1_key_6", scheme: Scheme::Sgtin, comps: &["00000950", "01093", "Serial"], es: "(01)00000095010939(21)Serial", gcp: 8 },
        EsVector { id: "epcpy-test_valid_sscc_gs1_key_1", scheme: Scheme::Sscc, comps: &["0614141", "1234567890"], es: "(00)106141412345678908", gcp: 7 },
        EsVector { id: "epcpy-test_valid_sscc_gs1_key_2", scheme: Scheme::Sscc, comps: &["061414", "12345678901"], es: "(00)106141423456789018", gcp: 6 },
        EsVector { id: "epcpy-test_valid_sscc_gs1_key_3", scheme: Scheme::Sscc, comps: &["061414123456", "12345"], es: "(00)106141412345623458", gcp: 12 },
        EsVector { id: "epcpy-test_valid_sscc_gs1_key_4", scheme: Scheme::Sscc, comps: &["061414123456", "00000"], es: "(00)006141412345600001", gcp: 12 },
        EsVector { id: "epcpy-test_valid_upui_gs1_element_string_1", scheme: Scheme::Upui, comps: &["1234567", "089456", "51qIgY)<&Jp3*j7'SDB"], es: "(01)01234567894560(235)51qIgY)<&Jp3*j7'SDB", gcp: 7 },
        EsVector { id: "epcpy-test_valid_upui_gs1_element_string_2", scheme: Scheme::Upui, comps: &["123456", "0894567", "51qIgY)<&Jp3*j7'SDB"], es: "(01)01234568945674(235)51qIgY)<&Jp3*j7'SDB", gcp: 6 },
        EsVector { id: "epcpy-test_valid_upui_gs1_element_string_3", scheme: Scheme::Upui, comps: &["123456789012", "0", "51qIgY)<&Jp3*j7'SDB"], es: "(01)01234567890128(235)51qIgY)<&Jp3*j7'SDB", gcp: 12 },
        EsVector { id: "epcpy-test_valid_upui_gs1_element_string_4", scheme: Scheme::Upui, comps: &["123456789012", "0", "0123456789012346578901234657"], es: "(01)01234567890128(235)0123456789012346578901234657", gcp: 12 },
        EsVector { id: "epcpy-test_valid_upui_gs1_element_string_5", scheme: Scheme::Upui, comps: &["123456789012", "0", "0"], es: "(01)01234567890128(235)0", gcp: 12 },
        EsVector { id: "openepcis-cpi-L53-urn2dl", scheme: Scheme::Cpi, comps: &["3813667", "83201294-5A", "489332"], es: "(8010)381366783201294-5A(8011)489332", gcp: 7 },
        EsVector { id: "openepcis-cpi-L54-urn2dl", scheme: Scheme::Cpi, comps: &["123456", "789012345", "1111"], es: "(8010)123456789012345(8011)1111", gcp: 6 },
        EsVector { id: "openepcis-cpi-L55-urn2dl", scheme: Scheme::Cpi, comps: &["0614141", "123ABC", "123456789"], es: "(8010)0614141123ABC(8011)123456789", gcp: 7 },
        EsVector { id: "openepcis-cpi-L57-urn2dl", scheme: Scheme::Cpi, comps: &["0614141", "11111111111111-A#/", "1234"], es: "(8010)061414111111111111111-A#/(8011)1234", gcp: 7 },
        EsVector { id: "openepcis-gcn-L56-urn2dl", scheme: Scheme::Sgcn, comps: &["1234567890", "12", "1234"], es: "(255)12345678901281234", gcp: 10 },
        EsVector { id: "openepcis-gcn-L57-urn2dl", scheme: Scheme::Sgcn, comps: &["1234567890", "12", "45678901234"], es: "(255)123456789012845678901234", gcp: 10 },
        EsVector { id: "openepcis-gcn-L58-urn2dl", scheme: Scheme::Sgcn, comps: &["439439434939", "", "4"], es: "(255)43943943493924", gcp: 12 },
        EsVector { id: "openepcis-gcn-L59-urn2dl", scheme: Scheme::Sgcn, comps: &["5485948594", "85", "95495849"], es: "(255)548594859485295495849", gcp: 10 },
        EsVector { id: "openepcis-gdti-L48-urn2dl", scheme: Scheme::Gdti, comps: &["1234567890", "12", "ABC"], es: "(253)1234567890128ABC", gcp: 10 },
        EsVector { id: "openepcis-gdti-L49-urn2dl", scheme: Scheme::Gdti, comps: &["124757", "578484", "!"], es: "(253)1247575784846!", gcp: 6 },
        EsVector { id: "openepcis-gdti-L51-urn2dl", scheme: Scheme::Gdti, comps: &["434934948984", "", "4"], es: "(253)43493494898454", gcp: 12 },
        EsVector { id: "openepcis-giai-L52-urn2dl", scheme: Scheme::Giai, comps: &["123456789012", "123"], es: "(8004)123456789012123", gcp: 12 },
        EsVector { id: "openepcis-giai-L55-urn2dl", scheme: Scheme::Giai, comps: &["123456", "7"], es: "(8004)1234567", gcp: 6 },
        EsVector { id: "openepcis-giai-L56-urn2dl", scheme: Scheme::Giai, comps: &["839495849585", "0"], es: "(8004)8394958495850", gcp: 12 },
        EsVector { id: "openepcis-ginc-L51-urn2dl", scheme: Scheme::Ginc, comps: &["1234567890", "1234"], es: "(401)12345678901234", gcp: 10 },
        EsVector { id: "openepcis-ginc-L54-urn2dl", scheme: Scheme::Ginc, comps: &["473847", "3"], es: "(401)4738473", gcp: 6 },
        EsVector { id: "openepcis-ginc-L55-urn2dl", scheme: Scheme::Ginc, comps: &["484930473847", "3"], es: "(401)4849304738473", gcp: 12 },
        EsVector { id: "openepcis-grai-L56-urn2dl", scheme: Scheme::Grai, comps: &["1234567890", "12", "4ABC"], es: "(8003)012345678901284ABC", gcp: 10 },
        EsVector { id: "openepcis-grai-L59-urn2dl", scheme: Scheme::Grai, comps: &["123456789012", "", "4"], es: "(8003)012345678901284", gcp: 12 },
        EsVector { id: "openepcis-gsin-L55-urn2dl", scheme: Scheme::Gsin, comps: &["123456", "7890123456"], es: "(402)12345678901234560", gcp: 6 },
        EsVector { id: "openepcis-gsin-L56-urn2dl", scheme: Scheme::Gsin, comps: &["483984", "3984398439"], es: "(402)48398439843984392", gcp: 6 },
        EsVector { id: "openepcis-gsin-L57-urn2dl", scheme: Scheme::Gsin, comps: &["859485945045", "0454"], es: "(402)85948594504504549", gcp: 12 },
        EsVector { id: "openepcis-gsrnp-L56-urn2dl", scheme: Scheme::Gsrnp, comps: &["1234567890", "1234567"], es: "(8017)123456789012345675", gcp: 10 },
        EsVector { id: "openepcis-gsrnp-L59-urn2dl", scheme: Scheme::Gsrnp, comps: &["843984", "93439439493"], es: "(8017)843984934394394932", gcp: 6 },
        EsVector { id: "openepcis-gsrnp-L62-urn2dl", scheme: Scheme::Gsrnp, comps: &["578457847548", "75847"], es: "(8017)578457847548758479", gcp: 12 },
        EsVector { id: "openepcis-gsrnp-L65-urn2dl", scheme: Scheme::Gsrnp, comps: &["3454254352", "3524352"], es: "(8017)345425435235243521", gcp: 10 },
        EsVector { id: "openepcis-gsrn-L48-urn2dl", scheme: Scheme::Gsrn, comps: &["1234567890", "1234567"], es: "(8018)123456789012345675", gcp: 10 },
        EsVector { id: "openepcis-gsrn-L49-urn2dl", scheme: Scheme::Gsrn, comps: &["142512", "45142152511"], es: "(8018)142512451421525110", gcp: 6 },
        EsVector { id: "openepcis-gsrn-L50-urn2dl", scheme: Scheme::Gsrn, comps: &["673674637437", "47783"], es: "(8018)673674637437477836", gcp: 12 },
        EsVector { id: "openepcis-gsrn-L51-urn2dl", scheme: Scheme::Gsrn, comps: &["654683828", "92302309"], es: "(8018)654683828923023096", gcp: 9 },
        EsVector { id: "openepcis-itip-L62-urn2dl", scheme: Scheme::Itip, comps: &["234567", "1890123", "56", "78", "1111"], es: "(8006)123456789012315678(21)1111", gcp: 6 },
        EsVector { id: "openepcis-itip-L68-urn2dl", scheme: Scheme::Itip, comps: &["583483473847", "7", "34", "74", "5785"], es: "(8006)758348347384713474(21)5785", gcp: 12 },
        EsVector { id: "openepcis-itip-L71-urn2dl", scheme: Scheme::Itip, comps: &["3564536535", "664", "35", "64", "85945894"], es: "(8006)635645365356453564(21)85945894", gcp: 10 },
        EsVector { id: "openepcis-lgtin-L55-urn2dl", scheme: Scheme::Lgtin, comps: &["4023333", "002000", "2019-10-07"], es: "(01)04023333020008(10)2019-10-07", gcp: 7 },
        EsVector { id: "openepcis-lgtin-L56-urn2dl", scheme: Scheme::Lgtin, comps: &["234567", "1890124", "1234"], es: "(01)12345678901248(10)1234", gcp: 6 },
        EsVector { id: "openepcis-pgln-L56-urn2dl", scheme: Scheme::Pgln, comps: &["123456", "789012"], es: "(417)1234567890128", gcp: 6 },
        EsVector { id: "openepcis-pgln-L58-urn2dl", scheme: Scheme::Pgln, comps: &["473847", "837483"], es: "(417)4738478374830", gcp: 6 },
        EsVector { id: "openepcis-pgln-L60-urn2dl", scheme: Scheme::Pgln, comps: &["859839494502", ""], es: "(417)8598394945028", gcp: 12 },
        EsVector { id: "openepcis-pgln-L62-urn2dl", scheme: Scheme::Pgln, comps: &["0394039", "40394"], es: "(417)0394039403940", gcp: 7 },
        EsVector { id: "openepcis-sgln-L60-urn2dl", scheme: Scheme::Sgln, comps: &["1234567890", "11", "1111"], es: "(414)1234567890111(254)1111", gcp: 10 },
        EsVector { id: "openepcis-sgln-L66-urn2dl", scheme: Scheme::Sgln, comps: &["437473647364", "", "0"], es: "(414)4374736473640", gcp: 12 },
        EsVector { id: "openepcis-sgln-L68-urn2dl", scheme: Scheme::Sgln, comps: &["785783", "438478", "0394903"], es: "(414)7857834384782(254)0394903", gcp: 6 },
        EsVector { id: "openepcis-sgln-L71-urn2dl", scheme: Scheme::Sgln, comps: &["4374736473", "64", "0"], es: "(414)4374736473640", gcp: 10 },
        EsVector { id: "openepcis-sgtin-L59-urn2dl", scheme: Scheme::Sgtin, comps: &["234567890", "1123", "9999"], es: "(01)12345678901231(21)9999", gcp: 9 },
        EsVector { id: "openepcis-sgtin-L68-urn2dl", scheme: Scheme::Sgtin, comps: &["387583", "7784374", "9302932"], es: "(01)73875837843740(21)9302932", gcp: 6 },
        EsVector { id: "openepcis-sgtin-L71-urn2dl", scheme: Scheme::Sgtin, comps: &["387583784374", "7", "9302932"], es: "(01)73875837843740(21)9302932", gcp: 12 },
        EsVector { id: "openepcis-sgtin-L76-urn2dl", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "6789/&%\"!?()"], es: "(01)80614141123458(21)6789/&%\"!?()", gcp: 7 },
        EsVector { id: "openepcis-sscc-L60-urn2dl", scheme: Scheme::Sscc, comps: &["123456", "06663868985"], es: "(00)012345666638689852", gcp: 6 },
        EsVector { id: "openepcis-sscc-L63-urn2dl", scheme: Scheme::Sscc, comps: &["743847384738", "47483"], es: "(00)474384738473874832", gcp: 12 },
        EsVector { id: "openepcis-sscc-L66-urn2dl", scheme: Scheme::Sscc, comps: &["587584", "77584578485"], es: "(00)758758475845784857", gcp: 6 },
        EsVector { id: "openepcis-sscc-L69-urn2dl", scheme: Scheme::Sscc, comps: &["9403940349", "9034903"], es: "(00)994039403490349033", gcp: 10 },
        EsVector { id: "openepcis-upui-L48-urn2dl", scheme: Scheme::Upui, comps: &["234567", "1890123", "1111ANC"], es: "(01)12345678901231(235)1111ANC", gcp: 6 },
        EsVector { id: "openepcis-upui-L57-urn2dl", scheme: Scheme::Upui, comps: &["857834", "7838473", "8398439"], es: "(01)78578348384737(235)8398439", gcp: 6 },
    ];

    /// Vectors whose GTIN TDS §7.3.3-7.3.8 forbid as an EPC (RCN-8 `00000000`,
    /// GS1 Prefixes 23/28/34 = restricted circulation 20-29): the EPC still
    /// translates to its element string, but the element string does not
    /// translate back.
    const RESTRICTED: &[&str] = &[
        "epcpy-test_valid_lgtin_gs1_key_2",
        "epcpy-test_valid_sgtin_gs1_key_2",
        "openepcis-itip-L62-urn2dl",
        "openepcis-lgtin-L56-urn2dl",
        "openepcis-sgtin-L59-urn2dl",
        "openepcis-upui-L48-urn2dl",
    ];

    /// Vectors (from epcpy's tests) of ITIPs with piece and total `00`: the
    /// URI grammar allows any two digits, but AI (8006) requires
    /// 1 <= piece <= total (GS1 General Specifications; Barcode Syntax
    /// Dictionary `pieceoftotal`), so they have no valid element string.
    const NO_ELEMENT_STRING: &[&str] = &[
        "epcpy-test_valid_itip_gs1_element_string_2",
        "epcpy-test_valid_itip_gs1_element_string_3",
        "epcpy-test_valid_itip_gs1_element_string_4",
    ];

    fn epc(scheme: Scheme, comps: &[&str]) -> Epc<'static> {
        Epc::from_components(scheme, comps)
            .expect("valid components")
            .into_owned()
    }

    fn parts<'e>(e: &'e Epc<'_>) -> Vec<&'e str> {
        e.components().collect()
    }

    fn es(s: &str) -> ElementString<'_> {
        ElementString::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err_es(s: &str) -> (ErrorKind, usize) {
        let e = ElementString::parse(s).expect_err(s);
        (e.kind(), e.offset())
    }

    fn to_epc(s: &str, gcp: u8) -> Result<Epc<'static>, (ErrorKind, usize)> {
        Epc::from_element_string(&es(s), &gcp).map_err(|e| (e.kind(), e.offset()))
    }

    /// A GTIN-14 with its check digit, from 13 digits.
    fn gtin14(body: &str) -> String {
        let c = gs1_check_digit(body.as_bytes()).expect("digits");
        format!("{body}{c}")
    }

    #[test]
    fn table_is_sorted_prefix_free_and_consistent() {
        for w in AI_TABLE.windows(2) {
            assert!(w[0].code < w[1].code, "{} {}", w[0].code, w[1].code);
        }
        for a in AI_TABLE {
            assert!((2..=4).contains(&a.code.len()));
            assert!(
                AI_TABLE
                    .iter()
                    .all(|b| b.code == a.code || !b.code.starts_with(a.code))
            );
            assert!(a.max_len() >= a.min_len() && a.min_len() >= 1);
            // Predefined-length AIs all have a fixed length.
            if a.is_predefined_length() {
                assert!(a.fixed_len().is_some(), "{}", a.code);
            }
            assert_eq!(lookup(a.code), Some(a));
        }
        let n = |c: &str| lookup(c).map(|d| (d.min_len(), d.max_len(), d.needs_fnc1()));
        assert_eq!(n("00"), Some((18, 18, false)));
        assert_eq!(n("01"), Some((14, 14, false)));
        assert_eq!(n("17"), Some((6, 6, false)));
        assert_eq!(n("10"), Some((1, 20, true)));
        assert_eq!(n("21"), Some((1, 20, true)));
        assert_eq!(n("235"), Some((1, 28, true)));
        assert_eq!(n("253"), Some((13, 30, true)));
        assert_eq!(n("255"), Some((13, 25, true)));
        assert_eq!(n("414"), Some((13, 13, false)));
        assert_eq!(n("402"), Some((17, 17, true)));
        assert_eq!(n("7003"), Some((10, 10, true)));
        assert_eq!(n("8003"), Some((14, 30, true)));
        assert_eq!(n("8004"), Some((1, 30, true)));
        assert_eq!(n("8006"), Some((18, 18, true)));
        assert_eq!(n("8010"), Some((1, 30, true)));
        assert_eq!(n("8011"), Some((1, 12, true)));
        assert_eq!(n("8017"), Some((18, 18, true)));
        assert_eq!(n("8020"), Some((1, 25, true)));
        assert_eq!(n("3103"), Some((6, 6, false)));
        assert_eq!(n("04"), None);
        assert_eq!(n("3106"), None);
        assert_eq!(
            lookup("8010").map(|d| d.components[0].charset),
            Some(Charset::Cset39)
        );
        assert!(lookup("21").is_some_and(|d| !d.is_dl_attribute()));
        assert!(lookup("17").is_some_and(AiDef::is_dl_attribute));
        assert_eq!(lookup_prefix(b"3103001234").map(|d| d.code), Some("3103"));
        assert_eq!(lookup_prefix(b"8003x").map(|d| d.code), Some("8003"));
        assert_eq!(lookup_prefix(b"2"), None);
    }

    #[test]
    fn vectors_epc_to_element_string() {
        let mut bad = Vec::new();
        for v in ES_VECTORS {
            let got = epc(v.scheme, v.comps)
                .to_element_string()
                .map(|e| e.to_string());
            if NO_ELEMENT_STRING.contains(&v.id) {
                assert_eq!(
                    got.map_err(|e| e.kind()),
                    Err(ErrorKind::InvalidAiValue),
                    "{}",
                    v.id
                );
                continue;
            }
            if got.as_deref() != Ok(v.es) {
                bad.push(format!("{}: {got:?} != {}", v.id, v.es));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn vectors_element_string_to_epc() {
        for v in ES_VECTORS {
            if NO_ELEMENT_STRING.contains(&v.id) {
                assert_eq!(err_es(v.es), (ErrorKind::InvalidAiValue, 20), "{}", v.id);
                continue;
            }
            let parsed = es(v.es);
            assert_eq!(parsed.to_string(), v.es, "{}: bracketed round trip", v.id);
            let unbracketed = parsed.to_unbracketed('\u{1d}');
            let again = ElementString::parse(&unbracketed);
            assert_eq!(
                again.as_ref(),
                Ok(&parsed),
                "{}: unbracketed round trip",
                v.id
            );
            let got = Epc::from_element_string(&parsed, &v.gcp);
            if RESTRICTED.contains(&v.id) {
                assert_eq!(
                    got.map_err(|e| e.kind()),
                    Err(ErrorKind::RestrictedGtin),
                    "{}",
                    v.id
                );
                continue;
            }
            let got = got.unwrap_or_else(|e| panic!("{}: {e}", v.id));
            assert_eq!(got.scheme(), v.scheme, "{}", v.id);
            assert_eq!(parts(&got), v.comps, "{}", v.id);
        }
    }

    #[test]
    fn unbracketed_scanner_forms() {
        let want = "(01)09521141123454(17)261231(10)LOT1(21)S/1";
        for s in [
            "]d201095211411234541726123110LOT1\u{1d}21S/1",
            "]Q3\u{1d}01095211411234541726123110LOT1\u{1d}21S/1\u{1d}",
            "01095211411234541726123110LOT1<GS>21S/1",
            "]C101095211411234541726123110LOT1\\x1D21S/1",
            "]e00109521141123454\u{1d}1726123110LOT1\\x1d21S/1",
            "]J101095211411234541726123110LOT1\u{1d}21S/1",
        ] {
            assert_eq!(es(s).to_string(), want, "{s:?}");
        }
        let e = es("]d201095211411234541726123110LOT1\u{1d}21S/1");
        assert!(
            e.items()
                .iter()
                .all(|i| matches!(i.value, Cow::Borrowed(_)))
        );
        let sgtin = Epc::from_element_string(&e, &7u8).expect("sgtin");
        assert_eq!(sgtin.scheme(), Scheme::Sgtin);
        assert_eq!(parts(&sgtin), ["9521141", "012345", "S/1"]);
        // AI 414 has a predefined length (prefix 41); AI 402 has a fixed
        // length but is not predefined, so FNC1 must end it.
        assert_eq!(
            es("4149521141123454254A1").to_string(),
            "(414)9521141123454(254)A1"
        );
        assert_eq!(
            es("40209521141123456785\u{1d}400A").to_string(),
            "(402)09521141123456785(400)A"
        );
        assert_eq!(
            err_es("40209521141123456785400A"),
            (ErrorKind::InvalidAiValue, 20)
        );
    }

    #[test]
    fn write_unbracketed() {
        let e = es("(01)09521141123454(21)6789(17)261231(10)AB");
        let mut s = String::new();
        e.write_unbracketed(&mut s, '|').expect("write");
        assert_eq!(s, "0109521141123454216789|1726123110AB");
        assert_eq!(
            es("(17)261231(01)09521141123454").to_unbracketed('|'),
            "172612310109521141123454"
        );
    }

    #[test]
    fn element_string_errors() {
        assert_eq!(err_es(""), (ErrorKind::Empty, 0));
        assert_eq!(err_es("]d2"), (ErrorKind::Empty, 3));
        assert_eq!(
            err_es("]d1010952114112345"),
            (ErrorKind::InvalidElementString, 0)
        );
        assert_eq!(err_es("(04)1"), (ErrorKind::UnknownAi, 1));
        assert_eq!(
            err_es("(01)09521141123454(99999)1"),
            (ErrorKind::InvalidAiValue, 18)
        );
        assert_eq!(err_es("(1)2"), (ErrorKind::InvalidElementString, 0));
        assert_eq!(err_es("x(01)"), (ErrorKind::UnknownAi, 0));
        assert_eq!(err_es("(01)0952114112345"), (ErrorKind::InvalidAiValue, 17));
        assert_eq!(
            err_es("(01)095211411234540"),
            (ErrorKind::InvalidAiValue, 18)
        );
        assert_eq!(err_es("(01)09521141123455"), (ErrorKind::CheckDigit, 17));
        assert_eq!(
            err_es("(01)0952114112345X"),
            (ErrorKind::InvalidAiValue, 17)
        );
        assert_eq!(err_es("(21)"), (ErrorKind::InvalidAiValue, 4));
        assert_eq!(
            err_es("(21)123456789012345678901"),
            (ErrorKind::InvalidAiValue, 24)
        );
        assert_eq!(err_es("(21)a b"), (ErrorKind::InvalidAiValue, 5));
        assert_eq!(err_es("(21)é"), (ErrorKind::InvalidCharacter, 4));
        assert_eq!(err_es("(8010)0614141abc"), (ErrorKind::InvalidAiValue, 13));
        assert_eq!(err_es("(8010)061a"), (ErrorKind::InvalidAiValue, 9));
        assert_eq!(err_es("(8011)0123"), (ErrorKind::InvalidAiValue, 6));
        assert_eq!(
            err_es("(8003)10614141123452"),
            (ErrorKind::InvalidAiValue, 6)
        );
        assert_eq!(err_es("0109521141"), (ErrorKind::InvalidAiValue, 10));
        assert_eq!(err_es("010952114112345404"), (ErrorKind::UnknownAi, 16));
        assert_eq!(
            err_es("0109521141123454\u{1d}\u{1d}21X"),
            (ErrorKind::UnknownAi, 17)
        );
        assert_eq!(err_es("(21)A(21)B"), (ErrorKind::InvalidElementString, 5));
        assert_eq!(es("(21)A(21)A").len(), 2);
    }

    #[test]
    fn content_rules() {
        for ok in [
            "(17)260200",
            "(17)240229",
            "(11)251231",
            "(7003)2612312359",
            "(8006)095211411234540102",
        ] {
            es(ok);
        }
        for (bad, at) in [
            ("(17)250229", 8),
            ("(17)251301", 6),
            ("(15)251232", 8),
            ("(7006)260100", 10),
            ("(7003)2612312360", 14),
            ("(7003)2612312459", 12),
            ("(8006)095211411234540302", 20),
            ("(8006)095211411234540100", 22),
            ("(4321)2", 6),
            ("(8030)ab/", 8),
            ("(4300)a%2", 7),
            ("(7250)19000229", 12),
        ] {
            assert_eq!(err_es(bad), (ErrorKind::InvalidAiValue, at), "{bad}");
        }
        es("(7250)20000229");
        es("(4300)a%2Fb");
    }

    #[test]
    fn bracketed_parentheses_in_values() {
        let e = es("(21)6789/&%\"!?()(10)(x)");
        assert_eq!(e.get("21"), Some("6789/&%\"!?()"));
        assert_eq!(e.get("10"), Some("(x)"));
        let mut e = ElementString::new();
        e.push("21", "A(10)B(1)");
        e.push("10", "(0101)");
        let s = e.to_string();
        assert_eq!(s, "(21)A\\(10)B(1)(10)\\(0101)");
        let back = es(&s);
        assert_eq!(back, e);
        assert!(matches!(back.items()[0].value, Cow::Owned(_)));
        assert_eq!(err_es("(21)A\\(10)B\\x"), (ErrorKind::InvalidAiValue, 11));
    }

    #[test]
    fn giai_keeps_text_after_colon() {
        // REFERENCE §5 (epcpy): urn:epc:id:giai:0614141.A:B must keep ":B".
        let e = epc(Scheme::Giai, &["0614141", "A:B"]);
        let s = e.to_element_string().expect("es");
        assert_eq!(s.to_string(), "(8004)0614141A:B");
        let back = Epc::from_element_string(&s, &7u8).expect("giai");
        assert_eq!(parts(&back), ["0614141", "A:B"]);
    }

    #[test]
    fn sgln_extension_zero() {
        let e = epc(Scheme::Sgln, &["0614141", "12345", "0"]);
        assert_eq!(
            e.to_element_string().map(|s| s.to_string()),
            Ok("(414)0614141123452".into())
        );
        for s in ["(414)0614141123452", "(414)0614141123452(254)0"] {
            assert_eq!(
                to_epc(s, 7).map(|e| parts(&e).join(".")),
                Ok("0614141.12345.0".into())
            );
        }
        assert_eq!(
            to_epc("(254)32a/b(414)0614141123452", 7).map(|e| parts(&e).join(".")),
            Ok("0614141.12345.32a/b".into())
        );
    }

    #[test]
    fn grai_pad_digit_and_serial() {
        let e = epc(Scheme::Grai, &["0614141", "12345", "A1"]);
        assert_eq!(
            e.to_element_string().map(|s| s.to_string()),
            Ok("(8003)00614141123452A1".into())
        );
        assert_eq!(
            to_epc("(8003)00614141123452", 7),
            Err((ErrorKind::InvalidElementString, 20))
        );
        assert_eq!(
            to_epc("(253)0614141123452", 7),
            Err((ErrorKind::InvalidElementString, 18))
        );
        assert_eq!(
            to_epc("(255)0614141123452", 7),
            Err((ErrorKind::InvalidElementString, 18))
        );
    }

    #[test]
    fn gtin8_company_prefix() {
        // TDS §7.3.2: the GCP of GTIN-8 95010939 is 00000950, whatever the source says.
        for gcp in [6u8, 7, 12] {
            let e = to_epc("(01)00000095010939(21)Serial", gcp).expect("gtin-8");
            assert_eq!(parts(&e), ["00000950", "01093", "Serial"]);
        }
        let e = to_epc("(01)00000095010939(21)1", 0).expect("no table needed for GTIN-8");
        assert_eq!(e.company_prefix(), Some("00000950"));
    }

    #[test]
    fn restricted_gtins() {
        for body in [
            "0000000123456", // RCN-8, GS1-8 Prefix 0
            "0000002123456", // RCN-8, GS1-8 Prefix 2
            "0041234567890", // 04
            "0000123456789", // 0001
            "0000723456789", // 0007
            "0021234567890", // 02
            "0201234567890", // 20
            "1291234567890", // 29, indicator 1
            "0977123456789", // ISSN
            "0980123456789", // refund receipt
            "0981123456789", // coupons
            "0984123456789",
            "0991234567890", // 99
        ] {
            let g = gtin14(body);
            for s in [
                format!("(01){g}(21)1"),
                format!("(01){g}(10)1"),
                format!("(01){g}(235)1"),
            ] {
                assert_eq!(to_epc(&s, 7), Err((ErrorKind::RestrictedGtin, 4)), "{s}");
            }
            assert_eq!(
                to_epc(&format!("(8006){g}0101(21)1"), 7),
                Err((ErrorKind::RestrictedGtin, 6)),
                "{g}"
            );
        }
        for body in [
            "0000823456789",
            "0978817525766",
            "0979123456789",
            "0985123456789",
            "0000009501093",
        ] {
            let g = gtin14(body);
            assert!(to_epc(&format!("(01){g}(21)1"), 9).is_ok(), "{g}");
        }
    }

    #[test]
    fn gcp_length_errors() {
        let e = es("(01)09521141123454(21)1");
        let table = GcpTable::default();
        assert_eq!(
            Epc::from_element_string(&e, &table).map_err(|e| (e.kind(), e.offset())),
            Err((ErrorKind::GcpLengthUnknown, 5))
        );
        assert_eq!(
            to_epc("(01)09521141123454(21)1", 5),
            Err((ErrorKind::GcpLengthUnknown, 5))
        );
        assert_eq!(
            to_epc("(8004)061414", 7),
            Err((ErrorKind::CompanyPrefixLength, 6))
        );
        assert_eq!(
            to_epc("(8010)0614A41(8011)1", 7),
            Err((ErrorKind::NotDigits, 10))
        );
        assert_eq!(to_epc("(8004)0614141A", 8), Err((ErrorKind::NotDigits, 13)));
    }

    #[test]
    fn scheme_selection() {
        let g = "(01)09521141123454";
        let scheme = |s: &str| to_epc(s, 7).map(|e| e.scheme());
        assert_eq!(
            scheme(&format!("{g}(17)261231(10)L(21)S")),
            Ok(Scheme::Sgtin)
        );
        assert_eq!(scheme(&format!("{g}(10)L")), Ok(Scheme::Lgtin));
        assert_eq!(scheme(&format!("{g}(235)T")), Ok(Scheme::Upui));
        assert_eq!(scheme(g), Err((ErrorKind::InvalidElementString, 18)));
        assert_eq!(
            to_epc(&format!("{g}(21)S(235)T"), 7),
            Err((ErrorKind::InvalidElementString, 22))
        );
        assert_eq!(
            to_epc("(00)095211411234567892(01)09521141123454(21)1", 7),
            Err((ErrorKind::InvalidElementString, 26))
        );
        assert_eq!(
            to_epc("(17)261231", 7),
            Err((ErrorKind::InvalidElementString, 0))
        );
        assert_eq!(
            to_epc("(8006)095211411234540102", 7),
            Err((ErrorKind::InvalidElementString, 24))
        );
        assert_eq!(
            to_epc("(8010)0614141AB", 7),
            Err((ErrorKind::InvalidElementString, 15))
        );
        assert_eq!(scheme("(00)095211411234567892"), Ok(Scheme::Sscc));
        assert_eq!(scheme("(8018)095211411234567892"), Ok(Scheme::Gsrn));
        assert_eq!(scheme("(8017)095211411234567892"), Ok(Scheme::Gsrnp));
        assert_eq!(scheme("(402)09521141123456785"), Ok(Scheme::Gsin));
        assert_eq!(scheme("(417)9521141123454"), Ok(Scheme::Pgln));
        assert_eq!(scheme("(401)9521141A/1"), Ok(Scheme::Ginc));
    }

    #[test]
    fn unvalidated_element_strings_are_checked() {
        let mut e = ElementString::new();
        e.push("01", "09521141123455");
        e.push("21", "1");
        assert_eq!(
            e.validate().map_err(|e| (e.kind(), e.offset())),
            Err((ErrorKind::CheckDigit, 17))
        );
        let got = Epc::from_element_string(&e, &7u8).map_err(|e| (e.kind(), e.offset()));
        assert_eq!(got, Err((ErrorKind::CheckDigit, 17)));
        let mut e = ElementString::new();
        e.push("01", "09521141123454");
        e.push("21", "a b");
        let got = Epc::from_element_string(&e, &7u8).map_err(|e| (e.kind(), e.offset()));
        assert_eq!(got, Err((ErrorKind::InvalidAiValue, 23)));
        let mut e = ElementString::new();
        e.push("00", "1");
        e.push("99999", "1");
        assert!(e.validate().is_err());
    }

    #[test]
    fn no_translation_schemes() {
        for (s, c) in [
            (Scheme::Gid, &["95100000", "12345", "400"][..]),
            (Scheme::Usdod, &["2S194", "12345678901"][..]),
            (Scheme::Adi, &["2S194", "", "12345678901"][..]),
            (Scheme::Bic, &["CSQU3054383"][..]),
            (Scheme::Imovn, &["9176187"][..]),
        ] {
            let got = epc(s, c).to_element_string().map_err(|e| e.kind());
            assert_eq!(got, Err(ErrorKind::NoTranslation), "{s}");
        }
    }

    proptest::proptest! {
        /// Hostile input never panics, and whatever parses prints back to
        /// something that parses to the same element string.
        #[test]
        fn parse_never_panics_and_round_trips(
            s in "(\\]d2|\\]Q3|\\]x)?\\x1d?([0-9]{2,6}|\\([0-9]{2,4}\\)|[A-Za-z!-/:-?_\\\\\\x1d]|<GS>|\\\\x1[dD]|é){0,12}"
        ) {
            if let Ok(es) = ElementString::parse(&s) {
                let text = es.to_string();
                let again = ElementString::parse(&text);
                proptest::prop_assert_eq!(again.as_ref(), Ok(&es));
                // A value holding the text `<GS>` or `\x1D` cannot go through
                // the scanner form, where that text is a separator
                // (documented on `ElementString::parse`).
                let literal_gs = es.items().iter().any(|i| {
                    i.value.contains("<GS>") || i.value.to_ascii_lowercase().contains("\\x1d")
                });
                if !literal_gs {
                    let plain = es.to_unbracketed('\u{1d}');
                    let again = ElementString::parse(&plain);
                    proptest::prop_assert_eq!(again.as_ref(), Ok(&es));
                }
                for gcp in [6u8, 7, 12] {
                    if let Ok(epc) = Epc::from_element_string(&es, &gcp) {
                        let back = epc.to_element_string();
                        proptest::prop_assert!(back.is_ok(), "{s:?} -> {epc} -> {back:?}");
                    }
                }
            }
        }
    }
}
