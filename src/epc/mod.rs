//! EPC identifiers: parsing, validation and translation between the GS1 EPC
//! Tag Data Standard representations.
//!
//! This module is a leaf: it does no I/O and imports nothing from the rest of
//! the crate, so it can be lifted into its own crate.
//!
//! # Design notes
//!
//! * One value type, [`Epc`], for every scheme. It holds the scheme and its
//!   components (in pure-identity URI order) as *unescaped* values. The
//!   components borrow from the input when the input spells them literally;
//!   when one had to be unescaped, or they were decoded from binary, they
//!   are all copied into a small buffer inside the `Epc` (no heap), so
//!   parsing never allocates. An `Epc` is 96 bytes (see `text.rs`).
//! * Every way of building an [`Epc`] (URI, tag URI, binary, element string,
//!   Digital Link) ends in the same validation ([`Epc::from_components`]),
//!   so whatever is accepted by one path formats to a canonical pure-identity
//!   URI that every other path accepts too.
//! * Output is canonical (TDS 1.13 §14.4.2 "URI form"): only
//!   `" # % & / < > ?` are escaped, always with uppercase hex. Input may use
//!   any escape (upper- or lowercase hex) of a character in the component's
//!   character set; so URI → value → URI is the identity only for canonical
//!   input. [`Epc::is_canonical_uri`] tells whether an input was canonical.

mod error;
mod escape;
mod spec;
mod text;
mod uri;

pub mod ai;
pub mod binary;
pub mod detect;
pub mod dl;
pub mod gcp;
pub mod plus;

pub use binary::{Binary, BinaryScheme, TagEpc};
pub use detect::{Parsed, Representation, parse_any};
pub use error::{ErrorKind, ParseError};
pub use gcp::{GcpSource, GcpTable};
pub use uri::IdPattern;

use std::fmt;
use text::{Fields, Text};

/// The most components any scheme has (ITIP: company prefix, item
/// reference, piece, total, serial).
pub const MAX_COMPONENTS: usize = 5;

macro_rules! schemes {
    ($($(#[$doc:meta])* $v:ident => $name:literal, $arity:literal, $gcp:literal;)*) => {
        /// An EPC scheme of the GS1 EPC Tag Data Standard (pure identity
        /// schemes of TDS 1.13/2.x, and the class-level LGTIN).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum Scheme {
            $($(#[$doc])* $v,)*
        }
        impl Scheme {
            /// Every scheme.
            pub const ALL: &'static [Scheme] = &[$(Scheme::$v,)*];
            /// The scheme name as it appears in URIs (`sgtin`, `sscc`, ...).
            pub const fn name(self) -> &'static str {
                match self { $(Scheme::$v => $name,)* }
            }
            /// The number of components of the pure-identity URI body.
            pub const fn arity(self) -> usize {
                match self { $(Scheme::$v => $arity,)* }
            }
            /// Whether the first component is a GS1 Company Prefix.
            pub const fn has_company_prefix(self) -> bool {
                match self { $(Scheme::$v => $gcp,)* }
            }
            /// Looks a scheme up by its URI name (exact, lowercase).
            pub fn from_name(name: &[u8]) -> Option<Scheme> {
                match name { $(n if n == $name.as_bytes() => Some(Scheme::$v),)* _ => None }
            }
        }
    };
}

schemes! {
    /// Serialised Global Trade Item Number: `urn:epc:id:sgtin:GCP.IndicatorItemRef.Serial`.
    Sgtin => "sgtin", 3, true;
    /// Serial Shipping Container Code: `urn:epc:id:sscc:GCP.SerialRef`.
    Sscc => "sscc", 2, true;
    /// Global Location Number with extension: `urn:epc:id:sgln:GCP.LocationRef.Extension`.
    Sgln => "sgln", 3, true;
    /// Global Returnable Asset Identifier: `urn:epc:id:grai:GCP.AssetType.Serial`.
    Grai => "grai", 3, true;
    /// Global Individual Asset Identifier: `urn:epc:id:giai:GCP.AssetRef`.
    Giai => "giai", 2, true;
    /// Global Service Relation Number (recipient): `urn:epc:id:gsrn:GCP.ServiceRef`.
    Gsrn => "gsrn", 2, true;
    /// Global Service Relation Number (provider): `urn:epc:id:gsrnp:GCP.ServiceRef`.
    Gsrnp => "gsrnp", 2, true;
    /// Global Document Type Identifier: `urn:epc:id:gdti:GCP.DocType.Serial`.
    Gdti => "gdti", 3, true;
    /// Component / Part Identifier: `urn:epc:id:cpi:GCP.PartRef.Serial`.
    Cpi => "cpi", 3, true;
    /// Serialised Global Coupon Number: `urn:epc:id:sgcn:GCP.CouponRef.Serial`.
    Sgcn => "sgcn", 3, true;
    /// Global Identification Number for Consignment: `urn:epc:id:ginc:GCP.ConsignmentRef`.
    Ginc => "ginc", 2, true;
    /// Global Shipment Identification Number: `urn:epc:id:gsin:GCP.ShipperRef`.
    Gsin => "gsin", 2, true;
    /// Individual Trade Item Piece: `urn:epc:id:itip:GCP.IndicatorItemRef.Piece.Total.Serial`.
    Itip => "itip", 5, true;
    /// Unit Pack Identifier: `urn:epc:id:upui:GCP.IndicatorItemRef.TPX`.
    Upui => "upui", 3, true;
    /// Global Location Number of a party: `urn:epc:id:pgln:GCP.PartyRef`.
    Pgln => "pgln", 2, true;
    /// General Identifier: `urn:epc:id:gid:Manager.Class.Serial`.
    Gid => "gid", 3, false;
    /// US Department of Defense identifier: `urn:epc:id:usdod:CAGEorDODAAC.Serial`.
    Usdod => "usdod", 2, false;
    /// Aerospace and Defense Identifier: `urn:epc:id:adi:CAGEorDODAAC.PartNumber.Serial`.
    Adi => "adi", 3, false;
    /// BIC container code (ISO 6346): `urn:epc:id:bic:CSQU3054383`.
    Bic => "bic", 1, false;
    /// IMO vessel number: `urn:epc:id:imovn:9176187`.
    Imovn => "imovn", 1, false;
    /// GTIN + batch/lot, class level: `urn:epc:class:lgtin:GCP.IndicatorItemRef.Lot`.
    Lgtin => "lgtin", 3, true;
}

impl Scheme {
    /// Whether this is a class-level scheme (`urn:epc:class:`), not an
    /// instance identifier.
    pub const fn is_class(self) -> bool {
        matches!(self, Scheme::Lgtin)
    }

    /// The URI prefix of this scheme, e.g. `urn:epc:id:sgtin:`.
    pub fn uri_prefix(self) -> &'static str {
        uri::prefix(self)
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A validated EPC (or, for [`Scheme::Lgtin`], EPC class): a scheme and its
/// components as unescaped values.
///
/// Build one with [`Epc::parse`] (pure identity URI), [`Epc::from_components`],
/// or one of the translations ([`TagEpc`], [`Binary`], [`ai`], [`dl`],
/// [`parse_any`]). `Display` writes the canonical pure-identity URI.
///
/// ```
/// use epcstream::epc::{Epc, Scheme};
/// let epc = Epc::parse("urn:epc:id:sgtin:0614141.812345.6789")?;
/// assert_eq!(epc.scheme(), Scheme::Sgtin);
/// assert_eq!(epc.company_prefix(), Some("0614141"));
/// assert_eq!(epc.component(2), "6789");
/// assert_eq!(epc.to_string(), "urn:epc:id:sgtin:0614141.812345.6789");
/// # Ok::<(), epcstream::epc::ParseError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Epc<'a> {
    scheme: Scheme,
    /// Components past the scheme's arity are empty.
    fields: Fields<'a>,
}

impl<'a> Epc<'a> {
    /// Parses and validates a pure identity URI (`urn:epc:id:...`) or, for
    /// LGTIN, an EPC class URI (`urn:epc:class:lgtin:...`). Does not
    /// allocate; components borrow from `input` unless one contains
    /// percent-escapes (then they are copied into the `Epc`).
    #[inline(always)]
    pub fn parse(input: &'a str) -> Result<Epc<'a>, ParseError> {
        uri::parse_uri(input)
    }

    /// Builds an EPC from unescaped component values, in pure-identity URI
    /// order, validating them exactly as [`Epc::parse`] does. An error's
    /// offset is the position within the concatenated components
    /// (`components.join(".")`).
    pub fn from_components(scheme: Scheme, components: &[&'a str]) -> Result<Epc<'a>, ParseError> {
        if components.len() < scheme.arity() {
            let at = components
                .iter()
                .map(|c| c.len() + 1)
                .sum::<usize>()
                .saturating_sub(1);
            return Err(ParseError::new(ErrorKind::MissingComponent, at));
        }
        if components.len() > scheme.arity() {
            let at = components[..scheme.arity()]
                .iter()
                .map(|c| c.len() + 1)
                .sum::<usize>();
            return Err(ParseError::new(ErrorKind::TooManyComponents, at));
        }
        let mut fields = [Text::EMPTY; MAX_COMPONENTS];
        for (slot, c) in fields.iter_mut().zip(components) {
            *slot = Text::Borrowed(c);
        }
        Self::from_fields(scheme, fields).map_err(|e| {
            let start: usize = components[..e.field as usize]
                .iter()
                .map(|c| c.len() + 1)
                .sum();
            ParseError::new(e.kind, start + e.pos as usize)
        })
    }

    /// Validates unescaped fields (the one validation every path shares).
    pub(crate) fn from_fields(
        scheme: Scheme,
        fields: [Text<'a>; MAX_COMPONENTS],
    ) -> Result<Epc<'a>, spec::FieldError> {
        spec::check(scheme, &fields)?;
        Self::unchecked(scheme, &fields)
    }

    /// Stores fields that are already validated (or, for an ID pattern,
    /// partly validated, the rest empty).
    pub(crate) fn unchecked(
        scheme: Scheme,
        fields: &[Text<'a>; MAX_COMPONENTS],
    ) -> Result<Epc<'a>, spec::FieldError> {
        match Fields::pack(fields) {
            Ok(fields) => Ok(Epc { scheme, fields }),
            // Unreachable for validated values: the packed buffer holds
            // the longest valid EPC of every scheme.
            Err(i) => Err(spec::FieldError {
                kind: ErrorKind::ComponentTooLong,
                field: i as u8,
                pos: 0,
            }),
        }
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Component `i` (unescaped), in pure-identity URI order; `""` past the
    /// scheme's arity.
    pub fn component(&self, i: usize) -> &str {
        if i < self.scheme.arity() {
            self.fields.get(i)
        } else {
            ""
        }
    }

    /// All components (unescaped), in pure-identity URI order.
    pub fn components(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.scheme.arity()).map(|i| self.fields.get(i))
    }

    /// The GS1 Company Prefix, for GS1 schemes.
    pub fn company_prefix(&self) -> Option<&str> {
        self.scheme.has_company_prefix().then(|| self.fields.get(0))
    }

    /// The serial (or other last, instance-level component) where the scheme
    /// has one: SGTIN/GRAI/GDTI/CPI/SGCN/ITIP/GID/USDOD/ADI serial, SSCC
    /// serial reference, SGLN extension, GIAI asset reference, GSRN(P)
    /// service reference, UPUI TPX, LGTIN lot.
    pub fn serial(&self) -> Option<&str> {
        match self.scheme {
            Scheme::Bic | Scheme::Imovn | Scheme::Pgln | Scheme::Gsin | Scheme::Ginc => None,
            s => Some(self.fields.get(s.arity() - 1)),
        }
    }

    /// Whether every component borrows from the input (nothing was copied).
    pub fn is_borrowed(&self) -> bool {
        self.fields.is_borrowed()
    }

    /// Copies borrowed components so the value outlives its input.
    pub fn into_owned(self) -> Epc<'static> {
        Epc {
            scheme: self.scheme,
            fields: self.fields.into_owned(),
        }
    }

    /// Writes the canonical pure-identity URI (class URI for LGTIN).
    #[inline(always)]
    pub fn write_uri<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        uri::write_uri(self, out)
    }

    /// Whether `input` is exactly the canonical URI of this EPC.
    pub fn is_canonical_uri(&self, input: &str) -> bool {
        let mut s = String::with_capacity(input.len());
        self.write_uri(&mut s).is_ok() && s == input
    }
}

impl fmt::Display for Epc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_uri(f)
    }
}

/// Equal when the scheme and the component values are (however they are
/// stored).
impl PartialEq for Epc<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.scheme == other.scheme && self.components().eq(other.components())
    }
}
impl Eq for Epc<'_> {}

impl std::hash::Hash for Epc<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.scheme.hash(state);
        for c in self.components() {
            c.hash(state);
        }
    }
}

impl fmt::Debug for Epc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Epc({self})")
    }
}

impl std::str::FromStr for Epc<'static> {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Epc::parse(s).map(Epc::into_owned)
    }
}

/// The mod-10 check digit of a GS1 key (GTIN, SSCC, GLN, GRAI, GDTI, GSRN,
/// GSIN, GCN, ...): `digits` are the key without its check digit.
/// Returns `None` if `digits` holds a non-digit.
pub fn gs1_check_digit(digits: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    // Weights 3,1,3,1,... counted from the rightmost digit.
    for (i, &d) in digits.iter().rev().enumerate() {
        if !d.is_ascii_digit() {
            return None;
        }
        let v = (d - b'0') as u32;
        sum += if i % 2 == 0 { 3 * v } else { v };
    }
    Some(((10 - sum % 10) % 10) as u8)
}
