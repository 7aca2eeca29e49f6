//! EPC binary encodings (TDS 1.13 §14, Table 14-1 headers) and EPC tag URIs.

use super::{Epc, ErrorKind, ParseError, Scheme};
use std::fmt;

/// The longest binary encoding handled, in bytes (ADI-var can reach 434 bits).
pub const MAX_BYTES: usize = 64;

macro_rules! binary_schemes {
    ($($(#[$doc:meta])* $v:ident => $name:literal, $header:literal, $scheme:ident, $bits:expr, $filter_bits:literal;)*) => {
        /// A binary coding scheme of TDS 1.13 (the `sgtin-96` of a tag URI).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum BinaryScheme {
            $($(#[$doc])* $v,)*
        }
        impl BinaryScheme {
            /// Every binary scheme.
            pub const ALL: &'static [BinaryScheme] = &[$(BinaryScheme::$v,)*];
            /// Its name in tag URIs, e.g. `sgtin-96`.
            pub const fn name(self) -> &'static str {
                match self { $(BinaryScheme::$v => $name,)* }
            }
            /// Its 8-bit header (TDS Table 14-1).
            pub const fn header(self) -> u8 {
                match self { $(BinaryScheme::$v => $header,)* }
            }
            /// The pure-identity scheme it encodes.
            pub const fn scheme(self) -> Scheme {
                match self { $(BinaryScheme::$v => Scheme::$scheme,)* }
            }
            /// Its fixed length in bits; `None` for variable-length schemes.
            pub const fn bits(self) -> Option<u16> {
                match self { $(BinaryScheme::$v => $bits,)* }
            }
            /// Width of its filter field in bits (0: no filter, GID-96).
            pub const fn filter_bits(self) -> u8 {
                match self { $(BinaryScheme::$v => $filter_bits,)* }
            }
            /// Looks a scheme up by its tag URI name (lowercase).
            pub fn from_name(name: &[u8]) -> Option<BinaryScheme> {
                match name { $(n if n == $name.as_bytes() => Some(BinaryScheme::$v),)* _ => None }
            }
            /// Looks a scheme up by its header byte.
            pub fn from_header(header: u8) -> Option<BinaryScheme> {
                match header { $($header => Some(BinaryScheme::$v),)* _ => None }
            }
        }
    };
}

binary_schemes! {
    /// SGTIN-96 (header 0x30).
    Sgtin96 => "sgtin-96", 0x30, Sgtin, Some(96), 3;
    /// SGTIN-198 (0x36).
    Sgtin198 => "sgtin-198", 0x36, Sgtin, Some(198), 3;
    /// SSCC-96 (0x31).
    Sscc96 => "sscc-96", 0x31, Sscc, Some(96), 3;
    /// SGLN-96 (0x32).
    Sgln96 => "sgln-96", 0x32, Sgln, Some(96), 3;
    /// SGLN-195 (0x39).
    Sgln195 => "sgln-195", 0x39, Sgln, Some(195), 3;
    /// GRAI-96 (0x33).
    Grai96 => "grai-96", 0x33, Grai, Some(96), 3;
    /// GRAI-170 (0x37).
    Grai170 => "grai-170", 0x37, Grai, Some(170), 3;
    /// GIAI-96 (0x34).
    Giai96 => "giai-96", 0x34, Giai, Some(96), 3;
    /// GIAI-202 (0x38).
    Giai202 => "giai-202", 0x38, Giai, Some(202), 3;
    /// GSRN-96 (0x2D).
    Gsrn96 => "gsrn-96", 0x2D, Gsrn, Some(96), 3;
    /// GSRNP-96 (0x2E).
    Gsrnp96 => "gsrnp-96", 0x2E, Gsrnp, Some(96), 3;
    /// GDTI-96 (0x2C).
    Gdti96 => "gdti-96", 0x2C, Gdti, Some(96), 3;
    /// GDTI-113 (0x3A, deprecated in TDS 1.13 but still decoded).
    Gdti113 => "gdti-113", 0x3A, Gdti, Some(113), 3;
    /// GDTI-174 (0x3E).
    Gdti174 => "gdti-174", 0x3E, Gdti, Some(174), 3;
    /// CPI-96 (0x3C).
    Cpi96 => "cpi-96", 0x3C, Cpi, Some(96), 3;
    /// CPI-var (0x3D).
    CpiVar => "cpi-var", 0x3D, Cpi, None, 3;
    /// SGCN-96 (0x3F).
    Sgcn96 => "sgcn-96", 0x3F, Sgcn, Some(96), 3;
    /// ITIP-110 (0x40).
    Itip110 => "itip-110", 0x40, Itip, Some(110), 3;
    /// ITIP-212 (0x41).
    Itip212 => "itip-212", 0x41, Itip, Some(212), 3;
    /// GID-96 (0x35), no filter.
    Gid96 => "gid-96", 0x35, Gid, Some(96), 0;
    /// USDOD-96 (0x2F), 4-bit filter.
    Usdod96 => "usdod-96", 0x2F, Usdod, Some(96), 4;
    /// ADI-var (0x3B), 6-bit filter.
    AdiVar => "adi-var", 0x3B, Adi, None, 6;
}

impl fmt::Display for BinaryScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An EPC binary encoding: up to [`MAX_BYTES`] bytes, big-endian, with its
/// length in bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Binary {
    bits: u16,
    bytes: [u8; MAX_BYTES],
}

impl Binary {
    /// An empty (zero-bit) value.
    pub const fn empty() -> Binary {
        Binary {
            bits: 0,
            bytes: [0; MAX_BYTES],
        }
    }

    /// The length in bits.
    pub fn bit_len(&self) -> usize {
        self.bits as usize
    }

    /// The bytes (the last one zero-padded if `bit_len` is not a multiple
    /// of 8).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..(self.bits as usize).div_ceil(8)]
    }

    /// The header byte, if there are at least 8 bits.
    pub fn header(&self) -> Option<u8> {
        (self.bits >= 8).then_some(self.bytes[0])
    }

    /// Appends the low `n` bits of `value` (n ≤ 64), most significant first.
    /// Returns false (and appends nothing) past [`MAX_BYTES`].
    pub(crate) fn push_bits(&mut self, value: u64, n: u32) -> bool {
        if self.bits as usize + n as usize > MAX_BYTES * 8 {
            return false;
        }
        for i in (0..n).rev() {
            let bit = (value >> i) & 1;
            let at = self.bits as usize;
            if bit == 1 {
                self.bytes[at / 8] |= 0x80 >> (at % 8);
            }
            self.bits += 1;
        }
        true
    }

    /// Reads `n` bits (n ≤ 64) starting at bit `at`; `None` past the end.
    pub(crate) fn read_bits(&self, at: usize, n: u32) -> Option<u64> {
        if at + n as usize > self.bits as usize || n > 64 {
            return None;
        }
        let mut v = 0u64;
        for i in 0..n as usize {
            let p = at + i;
            v = (v << 1) | ((self.bytes[p / 8] >> (7 - p % 8)) & 1) as u64;
        }
        Some(v)
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bits, {self})", self.bits)
    }
}

/// Uppercase hex, zero-padded to whole 16-bit words (TDS §15.1.1: the EPC
/// bank holds whole words).
impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let nibbles = (self.bits as usize).div_ceil(16) * 4;
        let mut buf = [0u8; MAX_BYTES * 2];
        for (i, slot) in buf[..nibbles].iter_mut().enumerate() {
            let b = self.bytes[i / 2];
            *slot = HEX[if i % 2 == 0 {
                (b >> 4) as usize
            } else {
                (b & 15) as usize
            }];
        }
        // Only hex digits were written.
        f.write_str(std::str::from_utf8(&buf[..nibbles]).map_err(|_| fmt::Error)?)
    }
}

/// An EPC together with the binary scheme and filter value of a tag: what an
/// EPC tag URI (`urn:epc:tag:sgtin-96:3.0614141.812345.6789`) or an EPC
/// binary encoding carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TagEpc<'a> {
    epc: Epc<'a>,
    scheme: BinaryScheme,
    filter: u8,
}

impl<'a> TagEpc<'a> {
    /// The identifier.
    pub fn epc(&self) -> &Epc<'a> {
        &self.epc
    }
    /// The binary scheme.
    pub fn binary_scheme(&self) -> BinaryScheme {
        self.scheme
    }
    /// The filter value.
    pub fn filter(&self) -> u8 {
        self.filter
    }
    /// Copies borrowed components so the value outlives its input.
    pub fn into_owned(self) -> TagEpc<'static> {
        TagEpc {
            epc: self.epc.into_owned(),
            scheme: self.scheme,
            filter: self.filter,
        }
    }
    /// Parses an EPC tag URI (`urn:epc:tag:...`).
    pub fn parse(input: &'a str) -> Result<TagEpc<'a>, ParseError> {
        super::uri::parse_tag_uri(input)
    }
    /// Writes the EPC tag URI.
    pub fn write_tag_uri<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
        super::uri::write_tag_uri(self, out)
    }
}

impl fmt::Display for TagEpc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_tag_uri(f)
    }
}

impl<'a> TagEpc<'a> {
    /// Pairs an EPC with a binary scheme and filter (checked: the scheme
    /// must encode the EPC's scheme and the filter must fit).
    pub fn new(epc: Epc<'a>, scheme: BinaryScheme, filter: u8) -> Result<Self, ParseError> {
        if scheme.scheme() != epc.scheme() {
            return Err(ParseError::new(ErrorKind::NotEncodable, 0));
        }
        if scheme.filter_bits() < 8 && filter >= 1 << scheme.filter_bits() {
            return Err(ParseError::new(ErrorKind::InvalidFilter, 0));
        }
        Ok(TagEpc {
            epc,
            scheme,
            filter,
        })
    }
}
