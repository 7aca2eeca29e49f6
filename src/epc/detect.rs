//! Representation detection: one entry point, [`parse_any`], for every form
//! an EPC arrives in — EPCIS documents, scanner output, tag reads, the
//! receiver's SOAP `sn` attributes.

use super::ai::ElementString;
use super::binary::{Binary, BinaryScheme, TagEpc};
use super::gcp::GcpSource;
use super::plus::{self, PlusEpc};
use super::uri::IdPattern;
use super::{Epc, ErrorKind, ParseError};

/// The representation an input was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Representation {
    /// `urn:epc:id:...`
    PureIdentityUri,
    /// `urn:epc:class:lgtin:...`
    ClassUri,
    /// `urn:epc:idpat:...`
    IdPatternUri,
    /// `urn:epc:tag:...`
    TagUri,
    /// EPC binary encoding in hex (TDS 1.13 schemes).
    Hex,
    /// EPC binary encoding of a TDS 2.x '+' or '++' scheme, in hex.
    PlusHex,
    /// EPC binary encoding as a string of `0` and `1`.
    Bits,
    /// Bracketed GS1 element string, `(01)...(21)...`.
    ElementString,
    /// Unbracketed GS1 element string as scanners send it (FNC1/GS
    /// separators, optional symbology identifier), and the receiver's SOAP
    /// serial forms (`00` + SSCC, `01` + GTIN + `21` + serial).
    UnbracketedElementString,
    /// GS1 Digital Link URI.
    DigitalLink,
}

impl Representation {
    /// Stable snake_case name (the CLI's `representation`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Representation::PureIdentityUri => "pure_identity_uri",
            Representation::ClassUri => "class_uri",
            Representation::IdPatternUri => "id_pattern_uri",
            Representation::TagUri => "tag_uri",
            Representation::Hex => "hex",
            Representation::PlusHex => "plus_hex",
            Representation::Bits => "bits",
            Representation::ElementString => "element_string",
            Representation::UnbracketedElementString => "unbracketed_element_string",
            Representation::DigitalLink => "digital_link",
        }
    }
}

/// What [`parse_any`] found.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Parsed<'a> {
    /// An EPC (or LGTIN class): from a pure identity or class URI, an
    /// element string or a Digital Link.
    Epc(Epc<'a>),
    /// An EPC with binary scheme and filter: from a tag URI or binary.
    Tag(TagEpc<'a>),
    /// An ID pattern.
    Pattern(IdPattern<'a>),
    /// A TDS 2.x '+'/'++' binary encoding, and the EPC it identifies when
    /// the company prefix length is known.
    Plus(Box<PlusEpc>, Option<Epc<'static>>),
}

impl Parsed<'_> {
    /// The identifier, where there is one.
    pub fn epc(&self) -> Option<&Epc<'_>> {
        match self {
            Parsed::Epc(e) => Some(e),
            Parsed::Tag(t) => Some(t.epc()),
            Parsed::Pattern(_) => None,
            Parsed::Plus(_, e) => e.as_ref(),
        }
    }
}

/// Detects the representation of `input` and parses it.
///
/// Element strings, Digital Links and '+' binary encodings do not say where
/// the GS1 Company Prefix ends: that comes from `gcp` (a fixed length or a
/// [`GcpTable`](super::GcpTable)); without it they fail with
/// [`ErrorKind::GcpLengthUnknown`] ('+' encodings still decode, without an
/// EPC).
///
/// Detection, in order: the `urn:epc:` URIs by prefix; `http(s)://` Digital
/// Links; `(` bracketed element strings; `]` symbology identifiers, FNC1/GS
/// characters or a leading GS: unbracketed element strings; strings of only
/// `0`/`1` of 64 characters or more: bits; hex whose first byte is an EPC
/// binary header: binary; other all-digit strings: unbracketed element
/// strings (the receiver's `sn` forms).
///
/// ```
/// use epcstream::epc::{parse_any, Representation};
/// let (repr, parsed) = parse_any("3074257BF7194E4000001A85", None)?;
/// assert_eq!(repr, Representation::Hex);
/// assert_eq!(parsed.epc().unwrap().to_string(), "urn:epc:id:sgtin:0614141.812345.6789");
/// let (repr, parsed) = parse_any("(00)106141412345678908", Some(&7u8))?;
/// assert_eq!(repr, Representation::ElementString);
/// assert_eq!(parsed.epc().unwrap().to_string(), "urn:epc:id:sscc:0614141.1234567890");
/// # Ok::<(), epcstream::epc::ParseError>(())
/// ```
pub fn parse_any<'a>(
    input: &'a str,
    gcp: Option<&dyn GcpSource>,
) -> Result<(Representation, Parsed<'a>), ParseError> {
    let b = input.as_bytes();
    let Some(&first) = b.first() else {
        return Err(ParseError::new(ErrorKind::Empty, 0));
    };
    if b.starts_with(b"urn:epc:") {
        return match b.get(8..).unwrap_or_default() {
            r if r.starts_with(b"id:") => {
                Epc::parse(input).map(|e| (Representation::PureIdentityUri, Parsed::Epc(e)))
            }
            r if r.starts_with(b"class:") => {
                Epc::parse(input).map(|e| (Representation::ClassUri, Parsed::Epc(e)))
            }
            r if r.starts_with(b"idpat:") => {
                IdPattern::parse(input).map(|p| (Representation::IdPatternUri, Parsed::Pattern(p)))
            }
            r if r.starts_with(b"tag:") => {
                TagEpc::parse(input).map(|t| (Representation::TagUri, Parsed::Tag(t)))
            }
            _ => Err(ParseError::new(ErrorKind::UnknownRepresentation, 8)),
        };
    }
    let gcp_or_err = || gcp.ok_or(ParseError::new(ErrorKind::GcpLengthUnknown, 0));
    if starts_with_ignore_case(b, b"http://") || starts_with_ignore_case(b, b"https://") {
        let epc = Epc::from_digital_link(input, gcp_or_err()?)?;
        return Ok((Representation::DigitalLink, Parsed::Epc(epc)));
    }
    if first == b'(' {
        let es = ElementString::parse(input)?;
        let epc = Epc::from_element_string(&es, gcp_or_err()?)?;
        return Ok((Representation::ElementString, Parsed::Epc(epc)));
    }
    let scanner = first == b']' || b.contains(&0x1D);
    if !scanner {
        if b.len() >= 64 && b.iter().all(|&c| c == b'0' || c == b'1') {
            let bin = Binary::from_bit_str(input)?;
            return decode_binary(&bin, gcp, Representation::Bits);
        }
        let digits = b.iter().all(u8::is_ascii_digit);
        if b.iter().all(u8::is_ascii_hexdigit) {
            let header = b
                .get(..2)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            let is_epc_header = header
                .is_some_and(|h| BinaryScheme::from_header(h).is_some() || plus::is_plus_header(h));
            if !digits {
                let bin = Binary::from_hex(input)?;
                return decode_binary(&bin, gcp, Representation::Hex);
            }
            // All digits: binary only if it decodes as such (a SGLN element
            // string starts with 414, and 0x41 is the ITIP-212 header). If
            // neither reading works, the error that got further is the more
            // useful one.
            if is_epc_header {
                let as_binary = Binary::from_hex(input)
                    .and_then(|bin| decode_binary(&bin, gcp, Representation::Hex));
                let Err(binary_err) = as_binary else {
                    return as_binary;
                };
                return match element_string(input, gcp) {
                    Err(e) if e.offset() < binary_err.offset() => Err(binary_err),
                    other => other,
                };
            }
        }
    }
    if scanner || b.iter().all(u8::is_ascii_digit) {
        return element_string(input, gcp);
    }
    Err(ParseError::new(ErrorKind::UnknownRepresentation, 0))
}

fn element_string<'a>(
    input: &str,
    gcp: Option<&dyn GcpSource>,
) -> Result<(Representation, Parsed<'a>), ParseError> {
    let es = ElementString::parse(input)?;
    let gcp = gcp.ok_or(ParseError::new(ErrorKind::GcpLengthUnknown, 0))?;
    let epc = Epc::from_element_string(&es, gcp)?;
    Ok((Representation::UnbracketedElementString, Parsed::Epc(epc)))
}

fn decode_binary<'a>(
    bin: &Binary,
    gcp: Option<&dyn GcpSource>,
    repr: Representation,
) -> Result<(Representation, Parsed<'a>), ParseError> {
    if bin.header().is_some_and(plus::is_plus_header) {
        let p = plus::decode(bin)?;
        let epc = match gcp {
            Some(g) => Some(Epc::from_element_string(p.element_string(), g)?),
            None => None,
        };
        let repr = if repr == Representation::Hex {
            Representation::PlusHex
        } else {
            repr
        };
        return Ok((repr, Parsed::Plus(Box::new(p), epc)));
    }
    bin.decode().map(|t| (repr, Parsed::Tag(t)))
}

fn starts_with_ignore_case(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}
