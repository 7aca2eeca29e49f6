//! Why an identifier was rejected, and where.

use std::fmt;

/// An identifier that could not be parsed, validated, translated or encoded.
///
/// `offset` is the byte offset in the input where the problem was found (for
/// binary input: the offset in the hex text, i.e. nibble index; for a value
/// built in memory, 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    kind: ErrorKind,
    offset: usize,
}

impl ParseError {
    /// Creates an error of `kind` at byte `offset` of the input.
    pub const fn new(kind: ErrorKind, offset: usize) -> Self {
        ParseError { kind, offset }
    }
    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// Byte offset in the input.
    pub const fn offset(&self) -> usize {
        self.offset
    }
    /// The same error, moved `by` bytes further (for errors found in a
    /// sub-slice of the input).
    pub const fn shifted(self, by: usize) -> Self {
        ParseError {
            kind: self.kind,
            offset: self.offset + by,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.message(), self.offset)
    }
}

impl std::error::Error for ParseError {}

macro_rules! error_kinds {
    ($($(#[$doc:meta])* $name:ident => $id:literal, $msg:literal;)*) => {
        /// The reason an identifier was rejected. Stable ids (`as_str`) are
        /// what the CLI prints as `error.kind`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[$doc])* $name,)*
        }
        impl ErrorKind {
            /// Stable snake_case identifier of this kind.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorKind::$name => $id,)* }
            }
            /// Human-readable description.
            pub const fn message(self) -> &'static str {
                match self { $(ErrorKind::$name => $msg,)* }
            }
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$name,)*];
        }
    };
}

error_kinds! {
    /// The input is empty.
    Empty => "empty", "empty input";
    /// The input matches no known representation.
    UnknownRepresentation => "unknown_representation", "not a recognised EPC representation (URI, tag URI, hex, element string, Digital Link)";
    /// `urn:epc:...` with an unknown scheme name.
    UnknownScheme => "unknown_scheme", "unknown EPC scheme";
    /// Fewer components than the scheme has.
    MissingComponent => "missing_component", "missing component";
    /// More components than the scheme has.
    TooManyComponents => "too_many_components", "too many components";
    /// A component that must have at least one character is empty.
    EmptyComponent => "empty_component", "empty component";
    /// A character that is not allowed here (TDS §5 grammar, or the
    /// component's character set).
    InvalidCharacter => "invalid_character", "character not allowed here";
    /// A `%` not followed by two hex digits, or an escape of a character
    /// outside the component's character set.
    InvalidEscape => "invalid_escape", "invalid percent-escape";
    /// A component is longer than the scheme allows (counted after
    /// unescaping).
    ComponentTooLong => "component_too_long", "component too long";
    /// A component is shorter than the scheme allows.
    ComponentTooShort => "component_too_short", "component too short";
    /// A numeric component with digits only, but it was something else.
    NotDigits => "not_digits", "digits expected";
    /// The GS1 Company Prefix is not 6 to 12 digits.
    CompanyPrefixLength => "company_prefix_length", "GS1 Company Prefix must be 6 to 12 digits";
    /// Company prefix + reference do not total the digits the key needs.
    DigitCount => "digit_count", "company prefix and reference do not have the number of digits the GS1 key needs";
    /// A number with a leading zero where TDS forbids it.
    LeadingZero => "leading_zero", "leading zero not allowed";
    /// A number too large for its field.
    ValueTooLarge => "value_too_large", "value too large for its field";
    /// A GS1 key, BIC or IMO number with a wrong check digit.
    CheckDigit => "check_digit", "wrong check digit";
    /// The filter value does not fit the binary scheme.
    InvalidFilter => "invalid_filter", "invalid filter value";
    /// A reserved or impossible partition value.
    InvalidPartition => "invalid_partition", "invalid partition value";
    /// A binary header that is not an EPC scheme this crate decodes.
    UnknownHeader => "unknown_header", "unknown or unsupported EPC binary header";
    /// Fewer (or inconsistent) bits than the binary scheme needs.
    BitLength => "bit_length", "wrong number of bits for the binary scheme";
    /// Input that should be hexadecimal is not.
    NotHex => "not_hex", "not hexadecimal";
    /// The identifier is valid but cannot be encoded in the requested binary
    /// scheme (e.g. an alphanumeric serial in SGTIN-96).
    NotEncodable => "not_encodable", "cannot be encoded in the requested binary scheme";
    /// The scheme has no binary encoding / no such translation.
    NoTranslation => "no_translation", "this scheme has no such representation";
    /// A GS1 Application Identifier that is unknown or not allowed here.
    UnknownAi => "unknown_ai", "unknown or unexpected GS1 Application Identifier";
    /// An element string or Digital Link without the AI the key needs, or
    /// with AIs that do not form an EPC.
    InvalidElementString => "invalid_element_string", "malformed GS1 element string";
    /// The value of an AI has the wrong length or characters.
    InvalidAiValue => "invalid_ai_value", "invalid value for a GS1 Application Identifier";
    /// A malformed GS1 Digital Link URI.
    InvalidDigitalLink => "invalid_digital_link", "malformed GS1 Digital Link URI";
    /// The GS1 Company Prefix length is needed but was not given and is not
    /// in the GCP table.
    GcpLengthUnknown => "gcp_length_unknown", "GS1 Company Prefix length unknown (give it, or load a GCP table)";
    /// A GTIN prefix that TDS says shall not form an SGTIN (RCN, coupons,
    /// ISSN, restricted circulation).
    RestrictedGtin => "restricted_gtin", "GTIN range that shall not be encoded as an SGTIN (TDS 1.13 §7.3.3-7.3.8)";
    /// An invalid EPC pattern URI.
    InvalidPattern => "invalid_pattern", "invalid EPC pattern";
    /// A GCP prefix table that could not be read.
    InvalidGcpTable => "invalid_gcp_table", "invalid GCP prefix table";
}
