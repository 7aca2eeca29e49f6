//! What an EPC value of an event is, for its field: [`check_epc`] and
//! [`EpcCheck`].

use crate::epc::{
    BinaryScheme, Epc, ErrorKind, IdPattern, ParseError, Parsed, Representation, Scheme, dl,
    parse_any,
};
use crate::epcis::{EpcField, Severity};

/// What the validator made of one EPC (or EPC class) value, given the field
/// it appears in: a small view that borrows the parsed identifier. Handed
/// to a [`CheckedSink`](super::CheckedSink) with each EPC, so nothing
/// downstream parses the value again; [`check_epc`] gives the owned
/// [`CheckedEpc`] it is a view of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpcCheck<'a> {
    /// Valid and in the form its field requires: a pure identity URI
    /// (`urn:epc:id:…`) in an instance field, an EPC class URI
    /// (`urn:epc:class:lgtin:…`) in a class field. No finding.
    Valid(&'a Epc<'a>),
    /// A valid EPC ID pattern (`urn:epc:idpat:…`) in a class field. No
    /// finding.
    Pattern(&'a IdPattern<'a>),
    /// A valid identifier in a form its field does not take: a tag URI,
    /// binary, element string, Digital Link or class URI where a pure
    /// identity URI is required (finding `epc.not_pure_identity`), or an
    /// instance where a class is required (`epc.not_class`). `epc` is the
    /// identifier when it is known without a GS1 Company Prefix table
    /// (URIs and binary; not element strings and Digital Links).
    Misplaced {
        /// The form it was written in.
        representation: Representation,
        /// The identifier, when known.
        epc: Option<&'a Epc<'a>>,
    },
    /// An absolute URI that is not an EPC in any representation (a private
    /// URN, an HTTP URL): CBV 1.2 §8.2 allows them, nothing here can check
    /// them (finding `epc.other_uri`, a warning).
    OtherUri,
    /// Not a valid EPC (finding `epc.invalid`). `scheme` is the scheme the
    /// value names (`urn:epc:id:sgtin:…` → SGTIN) when it names one, for
    /// per-scheme counts of invalid EPCs.
    Invalid {
        /// Why, and where in the value.
        error: ParseError,
        /// The scheme the value names, if any.
        scheme: Option<Scheme>,
    },
}

/// The owned form of an [`EpcCheck`], as [`check_epc`] returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckedEpc<'a> {
    /// See [`EpcCheck::Valid`].
    Valid(Epc<'a>),
    /// See [`EpcCheck::Pattern`].
    Pattern(IdPattern<'a>),
    /// See [`EpcCheck::Misplaced`].
    Misplaced {
        /// The form it was written in.
        representation: Representation,
        /// The identifier, when known.
        epc: Option<Epc<'a>>,
    },
    /// See [`EpcCheck::OtherUri`].
    OtherUri,
    /// See [`EpcCheck::Invalid`].
    Invalid {
        /// Why, and where in the value.
        error: ParseError,
        /// The scheme the value names, if any.
        scheme: Option<Scheme>,
    },
}

impl<'a> CheckedEpc<'a> {
    /// The view the validator hands to a [`CheckedSink`](super::CheckedSink).
    pub fn as_check(&self) -> EpcCheck<'_> {
        match self {
            CheckedEpc::Valid(e) => EpcCheck::Valid(e),
            CheckedEpc::Pattern(p) => EpcCheck::Pattern(p),
            CheckedEpc::Misplaced {
                representation,
                epc,
            } => EpcCheck::Misplaced {
                representation: *representation,
                epc: epc.as_ref(),
            },
            CheckedEpc::OtherUri => EpcCheck::OtherUri,
            CheckedEpc::Invalid { error, scheme } => EpcCheck::Invalid {
                error: *error,
                scheme: *scheme,
            },
        }
    }
    /// See [`EpcCheck::is_valid`].
    pub fn is_valid(&self) -> bool {
        self.as_check().is_valid()
    }
    /// See [`EpcCheck::scheme`].
    pub fn scheme(&self) -> Option<Scheme> {
        self.as_check().scheme()
    }
    /// See [`EpcCheck::error`].
    pub fn error(&self) -> Option<ParseError> {
        self.as_check().error()
    }
    /// See [`EpcCheck::rule`].
    pub fn rule(&self, field: EpcField) -> Option<&'static str> {
        self.as_check().rule(field)
    }
}

impl<'a> EpcCheck<'a> {
    /// Whether the value is valid in its field (no finding).
    pub fn is_valid(&self) -> bool {
        matches!(self, EpcCheck::Valid(_) | EpcCheck::Pattern(_))
    }

    /// The identifier, when known (valid, or valid in a misplaced form).
    pub fn epc(&self) -> Option<&'a Epc<'a>> {
        match *self {
            EpcCheck::Valid(e) | EpcCheck::Misplaced { epc: Some(e), .. } => Some(e),
            _ => None,
        }
    }

    /// The ID pattern of a valid pattern.
    pub fn pattern(&self) -> Option<&'a IdPattern<'a>> {
        match *self {
            EpcCheck::Pattern(p) => Some(p),
            _ => None,
        }
    }

    /// The scheme, when known: of the identifier or pattern, or the one an
    /// invalid URI names.
    pub fn scheme(&self) -> Option<Scheme> {
        match self {
            EpcCheck::Valid(e) | EpcCheck::Misplaced { epc: Some(e), .. } => Some(e.scheme()),
            EpcCheck::Pattern(p) => Some(p.scheme()),
            EpcCheck::Invalid { scheme, .. } => *scheme,
            EpcCheck::Misplaced { epc: None, .. } | EpcCheck::OtherUri => None,
        }
    }

    /// The parse error of an invalid value.
    pub fn error(&self) -> Option<ParseError> {
        match self {
            EpcCheck::Invalid { error, .. } => Some(*error),
            _ => None,
        }
    }

    /// The stable rule id of the finding this check gives in `field`
    /// (`None` when valid): `epc.invalid`, `epc.not_pure_identity`,
    /// `epc.not_class` or `epc.other_uri`.
    pub fn rule(&self, field: EpcField) -> Option<&'static str> {
        match self {
            EpcCheck::Valid(_) | EpcCheck::Pattern(_) => None,
            EpcCheck::Misplaced { .. } if field.is_class() => Some("epc.not_class"),
            EpcCheck::Misplaced { .. } => Some("epc.not_pure_identity"),
            EpcCheck::OtherUri => Some("epc.other_uri"),
            EpcCheck::Invalid { .. } => Some("epc.invalid"),
        }
    }

    /// A short stable reason for the CLI's `error` column (`None` when
    /// valid): the [`ErrorKind`] id of an invalid value
    /// (`check_digit`, …), `not_pure_identity:<representation>`,
    /// `not_class:<representation>` or `not_epc`.
    pub fn reason(&self, field: EpcField) -> Option<String> {
        match self {
            EpcCheck::Valid(_) | EpcCheck::Pattern(_) => None,
            EpcCheck::Misplaced { representation, .. } if field.is_class() => {
                Some(format!("not_class:{}", representation.as_str()))
            }
            EpcCheck::Misplaced { representation, .. } => {
                Some(format!("not_pure_identity:{}", representation.as_str()))
            }
            EpcCheck::OtherUri => Some("not_epc".to_owned()),
            EpcCheck::Invalid { error, .. } => Some(error.kind().as_str().to_owned()),
        }
    }
}

const URN_EPC: &[u8] = b"urn:epc:";
const IDPAT: &[u8] = b"urn:epc:idpat:";

/// Checks one EPC value of an event in its field: instance fields take a
/// pure identity URI (`urn:epc:id:…`), class fields ([`EpcField::is_class`])
/// an EPC class URI (`urn:epc:class:lgtin:…`) or an EPC pattern
/// (`urn:epc:idpat:…`, EPCIS 1.2 §7.3.3.3). A valid value in the expected
/// form costs one [`Epc::parse`] (or [`IdPattern::parse`]) and no
/// allocation; everything else is classified (what else it is) on a cold
/// path.
///
/// ```
/// use epcstream::epcis::EpcField;
/// use epcstream::epc::Scheme;
/// use epcstream::validate::{check_epc, CheckedEpc, EpcCheck};
/// let c = check_epc(EpcField::EpcList, "urn:epc:id:sgtin:0614141.812345.6789");
/// assert!(c.is_valid());
/// assert!(matches!(c.as_check(), EpcCheck::Valid(e) if e.scheme() == Scheme::Sgtin));
/// let c = check_epc(EpcField::EpcList, "urn:epc:tag:sgtin-96:3.0614141.812345.6789");
/// assert_eq!(c.rule(EpcField::EpcList), Some("epc.not_pure_identity"));
/// let c = check_epc(EpcField::QuantityList, "urn:epc:idpat:sgtin:0614141.812345.*");
/// assert!(matches!(c, CheckedEpc::Pattern(_)));
/// ```
#[inline]
pub fn check_epc(field: EpcField, value: &str) -> CheckedEpc<'_> {
    if field.is_class() {
        return check_class(value);
    }
    instance(value, Epc::parse(value))
}

/// The check of an instance field's value from its [`Epc::parse`].
#[inline]
pub(crate) fn instance<'a>(value: &'a str, parsed: Result<Epc<'a>, ParseError>) -> CheckedEpc<'a> {
    match parsed {
        Ok(epc) if !epc.scheme().is_class() => CheckedEpc::Valid(epc),
        Ok(epc) => CheckedEpc::Misplaced {
            representation: Representation::ClassUri,
            epc: Some(epc),
        },
        Err(e) => classify(value, e, b"urn:epc:id:"),
    }
}

pub(crate) fn check_class(value: &str) -> CheckedEpc<'_> {
    if value.as_bytes().starts_with(IDPAT) {
        return match IdPattern::parse(value) {
            Ok(p) => CheckedEpc::Pattern(p),
            Err(error) => CheckedEpc::Invalid {
                error,
                scheme: scheme_named(value),
            },
        };
    }
    match Epc::parse(value) {
        Ok(epc) if epc.scheme().is_class() => CheckedEpc::Valid(epc),
        Ok(epc) => CheckedEpc::Misplaced {
            representation: Representation::PureIdentityUri,
            epc: Some(epc),
        },
        Err(e) => classify(value, e, b"urn:epc:class:"),
    }
}

/// What a value that is not in its field's form is: another valid
/// representation, another URI, or invalid (`e`: the error of the parse
/// for the field's form; `expected`: that form's prefix).
#[cold]
#[inline(never)]
fn classify<'a>(value: &'a str, e: ParseError, expected: &[u8]) -> CheckedEpc<'a> {
    let b = value.as_bytes();
    let invalid = |error| CheckedEpc::Invalid {
        error,
        scheme: scheme_named(value),
    };
    if b.starts_with(URN_EPC) {
        if b.starts_with(expected) {
            return invalid(e);
        }
        return match parse_any(value, None) {
            Ok((representation, parsed)) => CheckedEpc::Misplaced {
                representation,
                epc: parsed_epc(representation, parsed),
            },
            // The parse for the field's form got further: report that one.
            Err(e2)
                if e2.kind() == ErrorKind::UnknownRepresentation && e.offset() >= e2.offset() =>
            {
                invalid(e)
            }
            Err(e2) => invalid(e2),
        };
    }
    if starts_with_ignore_case(b, URN_EPC) {
        // `URN:EPC:…`: meant as an EPC URI, which is lowercase.
        return invalid(e);
    }
    if starts_with_ignore_case(b, b"http://") || starts_with_ignore_case(b, b"https://") {
        return match dl::parse_digital_link(value) {
            Ok(_) => CheckedEpc::Misplaced {
                representation: Representation::DigitalLink,
                epc: None,
            },
            Err(e2) if looks_like_digital_link(value) => invalid(e2),
            Err(_) if super::vocab::is_absolute_uri(value) => CheckedEpc::OtherUri,
            Err(e2) => invalid(e2),
        };
    }
    // Binary, element strings: the company prefix length only matters for
    // building the EPC, which is not reported for those (see below); 6
    // digits fits every key.
    match parse_any(value, Some(&6u8)) {
        Ok((representation, parsed)) => CheckedEpc::Misplaced {
            representation,
            epc: parsed_epc(representation, parsed),
        },
        Err(_) if super::vocab::is_absolute_uri(value) => CheckedEpc::OtherUri,
        // The other representation's error where the value clearly is
        // one (a bracketed or scanned element string, EPC binary); plain
        // digits or words are "not a recognised representation".
        Err(e2) if looks_like_other_representation(b) => invalid(e2),
        Err(_) => invalid(e),
    }
}

/// The identifier of a parsed value, where it does not depend on a guessed
/// company prefix length.
fn parsed_epc(representation: Representation, parsed: Parsed<'_>) -> Option<Epc<'_>> {
    match representation {
        Representation::ElementString
        | Representation::UnbracketedElementString
        | Representation::DigitalLink
        | Representation::PlusHex => return None,
        _ => {}
    }
    match parsed {
        Parsed::Epc(e) => Some(e),
        Parsed::Tag(t) => Some(*t.epc()),
        _ => None,
    }
}

/// A bracketed element string, scanner output (symbology identifier or
/// GS separators), or hex of at least 96 bits.
fn looks_like_other_representation(b: &[u8]) -> bool {
    matches!(b.first(), Some(b'(' | b']'))
        || b.contains(&0x1D)
        || (b.len() >= 24
            && b.iter().all(u8::is_ascii_hexdigit)
            && !b.iter().all(u8::is_ascii_digit))
}

/// An `http(s)` URI that is meant as a GS1 Digital Link: GS1's resolver
/// host, or a path with a primary key segment followed by a value.
fn looks_like_digital_link(value: &str) -> bool {
    let lower = value
        .get(..value.len().min(24))
        .unwrap_or("")
        .to_ascii_lowercase();
    if lower.starts_with("https://id.gs1.org/") || lower.starts_with("http://id.gs1.org/") {
        return true;
    }
    const KEYS: [&str; 15] = [
        "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
        "8013", "8017", "8018",
    ];
    let path = value.split_once("://").map_or("", |(_, rest)| rest);
    let mut segments = path.split(['/', '?', '#']).skip(1).peekable();
    while let Some(s) = segments.next() {
        if KEYS.contains(&s) && segments.peek().is_some_and(|v| !v.is_empty()) {
            return true;
        }
    }
    false
}

/// The scheme a `urn:epc:{id,class,idpat,tag}:<name>:` URI names.
pub(crate) fn scheme_named(value: &str) -> Option<Scheme> {
    let b = value.as_bytes();
    let rest = b.strip_prefix(URN_EPC)?;
    let (kind, rest) = split_colon(rest)?;
    let (name, _) = split_colon(rest)?;
    match kind {
        b"id" | b"class" | b"idpat" => Scheme::from_name(name),
        b"tag" => BinaryScheme::from_name(name).map(BinaryScheme::scheme),
        _ => None,
    }
}

fn split_colon(b: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = b.iter().position(|&c| c == b':')?;
    Some((&b[..i], &b[i + 1..]))
}

fn starts_with_ignore_case(b: &[u8], prefix: &[u8]) -> bool {
    b.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// ` (did you mean `sgtin`?)` for a misspelt scheme name in
/// `urn:epc:{id,class,idpat,tag}:<name>:`.
fn scheme_suggestion(value: &str) -> String {
    let rest = value.as_bytes().strip_prefix(URN_EPC).unwrap_or_default();
    let Some((kind, rest)) = split_colon(rest) else {
        return String::new();
    };
    let name = split_colon(rest).map_or(rest, |(n, _)| n);
    let names: Vec<&str> = match kind {
        b"tag" => BinaryScheme::ALL.iter().map(|b| b.name()).collect(),
        b"class" => vec![Scheme::Lgtin.name()],
        _ => Scheme::ALL
            .iter()
            .filter(|s| !s.is_class())
            .map(|s| s.name())
            .collect(),
    };
    names
        .into_iter()
        .map(|n| (super::vocab::edit_distance(name, n.as_bytes(), 2), n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map_or_else(String::new, |(_, n)| format!(" (did you mean `{n}`?)"))
}

/// How a representation is named in messages.
fn describe(r: Representation) -> &'static str {
    match r {
        Representation::PureIdentityUri => "a pure identity EPC URI (an instance)",
        Representation::ClassUri => "an EPC class URI (LGTIN: a class, not an instance)",
        Representation::IdPatternUri => "an EPC pattern URI",
        Representation::TagUri => "an EPC tag URI",
        Representation::Hex => "an EPC binary encoding in hex",
        Representation::PlusHex => "a TDS 2.x '+' binary encoding in hex",
        Representation::Bits => "an EPC binary encoding as bits",
        Representation::ElementString => "a GS1 element string",
        Representation::UnbracketedElementString => "an unbracketed GS1 element string",
        Representation::DigitalLink => "a GS1 Digital Link URI (the EPCIS 2.0 form)",
    }
}

/// The finding an EPC check gives: rule, severity, message, and the byte
/// offset in the value it points at. `None` for a valid value.
#[cold]
pub(crate) fn finding(
    field: EpcField,
    value: &str,
    check: &EpcCheck<'_>,
) -> Option<(&'static str, Severity, String, usize)> {
    let rule = check.rule(field)?;
    let shown = super::shorten(value);
    let expected = if field.is_class() {
        "an EPC class URI (urn:epc:class:lgtin:…) or an EPC pattern URI (urn:epc:idpat:…)"
    } else {
        "a pure identity EPC URI (urn:epc:id:…)"
    };
    let what = if field.is_class() { "EPC class" } else { "EPC" };
    Some(match check {
        EpcCheck::Valid(_) | EpcCheck::Pattern(_) => return None,
        EpcCheck::Invalid { error, .. } => {
            let kind = error.kind();
            let case = if !value.as_bytes().starts_with(URN_EPC)
                && starts_with_ignore_case(value.as_bytes(), URN_EPC)
            {
                " (EPC URIs are lowercase: urn:epc:…)"
            } else {
                ""
            };
            let hint = if kind == ErrorKind::UnknownScheme {
                scheme_suggestion(value)
            } else {
                String::new()
            };
            (
                rule,
                Severity::Error,
                format!(
                    "invalid {what} `{shown}`: {} ({}) at byte {} of the value{hint}{case}; expected {expected}",
                    kind.message(),
                    kind.as_str(),
                    error.offset()
                ),
                error.offset(),
            )
        }
        EpcCheck::Misplaced {
            representation,
            epc,
        } => {
            let canonical = match epc {
                Some(e) if !field.is_class() && !e.scheme().is_class() => {
                    format!("; as a pure identity URI: `{e}`")
                }
                _ => String::new(),
            };
            let hint = match (field.is_class(), representation) {
                (false, Representation::ClassUri | Representation::IdPatternUri) => {
                    "; class-level identifiers belong in a quantityList"
                }
                _ => "",
            };
            (
                rule,
                Severity::Error,
                format!(
                    "`{shown}` is {}, not {expected}{canonical}{hint}",
                    describe(*representation)
                ),
                0,
            )
        }
        EpcCheck::OtherUri => (
            rule,
            Severity::Warning,
            format!(
                "`{shown}` is a URI but no EPC: expected {expected} (CBV 1.2 §8 also allows private URNs and HTTP URLs, which cannot be checked)"
            ),
            0,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EpcField::{EpcList, QuantityList};

    fn rule(field: EpcField, v: &str) -> Option<&'static str> {
        check_epc(field, v).as_check().rule(field)
    }

    #[test]
    fn instance_fields() {
        let c = check_epc(EpcList, "urn:epc:id:sgtin:0614141.812345.6789");
        assert!(c.as_check().is_valid());
        assert_eq!(c.as_check().scheme(), Some(Scheme::Sgtin));
        assert_eq!(rule(EpcList, "urn:epc:id:sscc:0614141.1234567890"), None);
        let c = check_epc(EpcList, "urn:epc:id:sgtin:0614141.812345.67%2");
        assert_eq!(c.as_check().rule(EpcList), Some("epc.invalid"));
        assert_eq!(c.as_check().scheme(), Some(Scheme::Sgtin));
        assert_eq!(
            c.as_check().error().map(|e| e.kind()),
            Some(ErrorKind::InvalidEscape)
        );
        let c = check_epc(EpcList, "urn:epc:tag:sgtin-96:3.0614141.812345.6789");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::TagUri,
                epc: Some(_)
            }
        ));
        assert_eq!(c.as_check().rule(EpcList), Some("epc.not_pure_identity"));
        assert_eq!(c.as_check().scheme(), Some(Scheme::Sgtin));
        let c = check_epc(EpcList, "urn:epc:class:lgtin:4012345.012345.998877");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::ClassUri,
                ..
            }
        ));
        let c = check_epc(EpcList, "urn:epc:idpat:sgtin:4012345.012345.*");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::IdPatternUri,
                epc: None
            }
        ));
        let c = check_epc(EpcList, "3074257BF7194E4000001A85");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::Hex,
                epc: Some(_)
            }
        ));
        let c = check_epc(EpcList, "https://id.gs1.org/01/09521234543213/21/12345");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::DigitalLink,
                epc: None
            }
        ));
        let c = check_epc(EpcList, "(01)09521234543213(21)12345");
        assert!(matches!(
            c,
            CheckedEpc::Misplaced {
                representation: Representation::ElementString,
                epc: None
            }
        ));
        // A Digital Link with a wrong check digit is an invalid EPC, not just another URI.
        let c = check_epc(EpcList, "https://id.gs1.org/01/09521234543214/21/12345");
        assert_eq!(c.as_check().rule(EpcList), Some("epc.invalid"));
        let c = check_epc(EpcList, "https://example.com/p/01/09521234543214/21/1");
        assert_eq!(c.as_check().rule(EpcList), Some("epc.invalid"));
        assert_eq!(
            rule(EpcList, "https://example.com/things/42"),
            Some("epc.other_uri")
        );
        assert_eq!(rule(EpcList, "urn:example:thing:42"), Some("epc.other_uri"));
        assert_eq!(
            rule(EpcList, "URN:EPC:ID:SGTIN:0614141.812345.6789"),
            Some("epc.invalid")
        );
        assert_eq!(rule(EpcList, "urn:epc:raw:96.x3074"), Some("epc.invalid"));
        assert_eq!(rule(EpcList, "0614141.812345.6789"), Some("epc.invalid"));
        // Digits are not read as an element string unless they are one.
        let c = check_epc(EpcList, "5900000818");
        assert_eq!(
            c.as_check().error().map(|e| e.kind()),
            Some(ErrorKind::UnknownRepresentation)
        );
        let c = check_epc(EpcList, "(01)09521234543214(21)1");
        assert_eq!(
            c.as_check().error().map(|e| e.kind()),
            Some(ErrorKind::CheckDigit)
        );
        let c = check_epc(EpcList, "3074257BF7194E4000001A8X");
        assert_eq!(
            c.as_check().error().map(|e| e.kind()),
            Some(ErrorKind::UnknownRepresentation)
        );
        assert_eq!(rule(EpcList, ""), Some("epc.invalid"));
        let c = check_epc(EpcList, "");
        assert_eq!(
            c.as_check().error().map(|e| e.kind()),
            Some(ErrorKind::Empty)
        );
    }

    #[test]
    fn class_fields() {
        let c = check_epc(QuantityList, "urn:epc:class:lgtin:4012345.012345.998877");
        assert!(matches!(c, CheckedEpc::Valid(_)));
        let c = check_epc(QuantityList, "urn:epc:idpat:sgtin:4012345.098765.*");
        assert!(matches!(c, CheckedEpc::Pattern(_)));
        assert_eq!(c.as_check().scheme(), Some(Scheme::Sgtin));
        let c = check_epc(QuantityList, "urn:epc:idpat:sgtin:4012345.09876.*");
        assert_eq!(c.as_check().rule(QuantityList), Some("epc.invalid"));
        assert_eq!(c.as_check().scheme(), Some(Scheme::Sgtin));
        let c = check_epc(QuantityList, "urn:epc:id:sgtin:0614141.812345.6789");
        assert_eq!(c.as_check().rule(QuantityList), Some("epc.not_class"));
        let c = check_epc(QuantityList, "urn:epc:class:lgtin:4012345.012345");
        assert_eq!(c.as_check().rule(QuantityList), Some("epc.invalid"));
        assert_eq!(c.as_check().scheme(), Some(Scheme::Lgtin));
        assert_eq!(
            rule(QuantityList, "https://id.gs1.org/01/09521234543213"),
            Some("epc.not_class")
        );
        assert_eq!(
            rule(QuantityList, "urn:example:class:7"),
            Some("epc.other_uri")
        );
    }

    #[test]
    fn findings() {
        let v = "urn:epc:id:sgtin:0614141.812345.67%2";
        let (r, s, m, at) = finding(EpcList, v, &check_epc(EpcList, v).as_check()).unwrap();
        assert_eq!((r, s), ("epc.invalid", Severity::Error));
        assert!(m.contains("invalid_escape") && m.contains(v), "{m}");
        assert_eq!(
            at,
            check_epc(EpcList, v).as_check().error().unwrap().offset()
        );
        let v = "urn:epc:tag:sgtin-96:3.0614141.812345.6789";
        let (r, _, m, _) = finding(EpcList, v, &check_epc(EpcList, v).as_check()).unwrap();
        assert_eq!(r, "epc.not_pure_identity");
        assert!(
            m.contains("tag URI") && m.contains("`urn:epc:id:sgtin:0614141.812345.6789`"),
            "{m}"
        );
        let v = "URN:EPC:ID:SGTIN:0614141.812345.6789";
        let (_, _, m, _) = finding(EpcList, v, &check_epc(EpcList, v).as_check()).unwrap();
        assert!(m.contains("lowercase"), "{m}");
        for (v, s) in [
            ("urn:epc:id:sgtim:0614141.812345.6789", "sgtin"),
            ("urn:epc:id:gtin:0614141.812345.6789", "sgtin"),
            ("urn:epc:tag:sgtin-69:1.0614141.812345.6789", "sgtin-96"),
        ] {
            let (_, _, m, _) = finding(EpcList, v, &check_epc(EpcList, v).as_check()).unwrap();
            assert!(m.contains(&format!("did you mean `{s}`")), "{m}");
        }
        let v = "urn:example:x";
        let (r, s, _, _) = finding(EpcList, v, &check_epc(EpcList, v).as_check()).unwrap();
        assert_eq!((r, s), ("epc.other_uri", Severity::Warning));
        assert!(
            finding(
                EpcList,
                "urn:epc:id:sgtin:0614141.812345.6789",
                &check_epc(EpcList, "urn:epc:id:sgtin:0614141.812345.6789").as_check()
            )
            .is_none()
        );
    }

    #[test]
    fn schemes_named() {
        assert_eq!(scheme_named("urn:epc:id:sscc:x"), Some(Scheme::Sscc));
        assert_eq!(scheme_named("urn:epc:tag:sgtin-96:x"), Some(Scheme::Sgtin));
        assert_eq!(scheme_named("urn:epc:id:nope:x"), None);
        assert_eq!(scheme_named("urn:epc:id:sgtin"), None);
    }
}
