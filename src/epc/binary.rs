//! EPC binary encodings (TDS 1.13 §14, Table 14-1 headers) and EPC tag URIs.
//!
//! Both directions of every binary scheme of TDS 1.13: [`Epc::to_binary`],
//! [`Epc::tag`], [`TagEpc::new`] / [`TagEpc::encode`] encode;
//! [`Binary::from_hex`] / [`Binary::from_bit_str`] and [`Binary::decode`]
//! decode.
//!
//! # How a scheme is described
//!
//! Each binary scheme is its header, its filter and a short list of
//! segments (`layout`), one per coding method of TDS §14.3: Integer,
//! String (7-bit), Partition Table, Unpadded Partition, String Partition,
//! Numeric String, 6-bit CAGE/DoDAAC, 8-bit CAGE/DoDAAC, 6-bit variable
//! string (partition), fixed-width integer, and reserved zero bits. One
//! encoder and one decoder walk that list, so every scheme follows the same
//! rules. Bits are moved with 128-bit shift-and-mask, never bit by bit.
//!
//! # Policies
//!
//! * Encoding checks what the scheme can carry (e.g. an SGTIN-96 serial must
//!   be a decimal below 2^38 without leading zeros) and fails with
//!   [`ErrorKind::NotEncodable`]; the error offset is the position in the
//!   concatenated components (`components.join(".")`), as for
//!   [`Epc::from_components`].
//! * Decoding accepts hex in either case, of any length that holds the
//!   scheme: bits past the end of the scheme are ignored (EPC banks are
//!   often longer than the EPC). Too few bits is [`ErrorKind::BitLength`].
//!   Bits that no encoder produces (reserved bits set, a Numeric String
//!   without its leading `1`, non-zero bits after a string's end) are
//!   rejected with [`ErrorKind::BitLength`]; reserved partition 7 with
//!   [`ErrorKind::InvalidPartition`]. A decoded value then passes the same
//!   validation as a URI. Error offsets of decoding are nibble indexes
//!   (`bit / 4`), i.e. offsets in the hex text.
//! * Decoding never allocates: values are written into inline buffers.

use super::escape::{self, VAL_GS3A3};
use super::text::{Fields, INLINE_CAP, Inline, Packed, Text, ValueBuf, ascii_str};
use super::{Epc, ErrorKind, MAX_COMPONENTS, ParseError, Scheme};
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
            #[inline]
            pub const fn name(self) -> &'static str {
                match self { $(BinaryScheme::$v => $name,)* }
            }
            /// Its 8-bit header (TDS Table 14-1).
            #[inline]
            pub const fn header(self) -> u8 {
                match self { $(BinaryScheme::$v => $header,)* }
            }
            /// The pure-identity scheme it encodes.
            #[inline]
            pub const fn scheme(self) -> Scheme {
                match self { $(BinaryScheme::$v => Scheme::$scheme,)* }
            }
            /// Its fixed length in bits; `None` for variable-length schemes.
            #[inline]
            pub const fn bits(self) -> Option<u16> {
                match self { $(BinaryScheme::$v => $bits,)* }
            }
            /// Width of its filter field in bits (0: no filter, GID-96).
            #[inline]
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
///
/// Bits past `bit_len` are always zero, so equal encodings compare equal.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Binary {
    bits: u16,
    bytes: [u8; MAX_BYTES],
}

/// Value of each byte as a hex digit; `0xFF` when it is not one.
const HEX_VAL: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => 0xFF,
        };
        c += 1;
    }
    t
};

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

    /// Reads hexadecimal text (either case, any length up to
    /// [`MAX_BYTES`] bytes; an odd number of digits is fine, each digit is
    /// 4 bits). Does not check that it is an EPC: see [`Binary::decode`].
    ///
    /// ```
    /// use epcstream::epc::Binary;
    /// let b = Binary::from_hex("3074257bf7194e4000001a85")?;
    /// assert_eq!(b.bit_len(), 96);
    /// assert_eq!(b.to_string(), "3074257BF7194E4000001A85");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    #[inline(always)]
    pub fn from_hex(hex: &str) -> Result<Binary, ParseError> {
        let s = hex.as_bytes();
        // 96 and 128 bits, the usual EPC sizes, inline: gathered in a
        // register and stored at once. Everything else out of line.
        let words = match s.len() {
            24 => hex_words::<3>(s),
            32 => hex_words::<4>(s),
            _ => None,
        };
        let mut out = Binary::empty();
        match (words, out.bytes.first_chunk_mut::<16>()) {
            (Some(v), Some(first)) => {
                *first = v.to_le_bytes();
                out.bits = (s.len() * 4) as u16;
                Ok(out)
            }
            // The general path fills a binary of ours rather than the
            // result: an out-of-line call given the result's address would
            // keep it in memory, and a caller moving the result out (as
            // `and_then` does) would then read it back right after the
            // fast path's stores (a store-forwarding stall, ~8 ns).
            _ => {
                let mut any = Binary::empty();
                Self::from_hex_words(s, &mut any).map(|()| any)
            }
        }
    }

    /// [`Binary::from_hex`] of any length.
    #[inline(never)]
    fn from_hex_words(s: &[u8], out: &mut Binary) -> Result<(), ParseError> {
        // Eight digits (four bytes) at a time; anything odd (a bad digit,
        // too long, empty) goes to the digit-at-a-time path for its error.
        if !s.is_empty() && s.len() <= MAX_BYTES * 2 {
            let mut ok = true;
            let words = s.chunks_exact(8);
            let tail = words.remainder();
            for (dst, w) in out.bytes.chunks_exact_mut(4).zip(words) {
                match w
                    .first_chunk::<8>()
                    .and_then(|w| hex8(u64::from_le_bytes(*w)))
                {
                    Some(v) => dst.copy_from_slice(&v.to_le_bytes()),
                    None => ok = false,
                }
            }
            let at = s.len() - tail.len();
            for (i, &c) in tail.iter().enumerate() {
                let v = HEX_VAL[c as usize];
                ok &= v <= 15;
                if let Some(b) = out.bytes.get_mut((at + i) / 2) {
                    *b |= (v & 15) << (4 * (1 - (at + i) % 2));
                }
            }
            if ok {
                out.bits = (s.len() * 4) as u16;
                return Ok(());
            }
        }
        *out = Self::from_hex_slow(s)?;
        Ok(())
    }

    /// [`Binary::from_hex`] a digit pair at a time: the errors.
    #[cold]
    #[inline(never)]
    fn from_hex_slow(s: &[u8]) -> Result<Binary, ParseError> {
        if s.is_empty() {
            return Err(ParseError::new(ErrorKind::Empty, 0));
        }
        let mut out = Binary::empty();
        let mut pairs = s.chunks_exact(2);
        for (i, pair) in pairs.by_ref().enumerate() {
            let (hi, lo) = (HEX_VAL[pair[0] as usize], HEX_VAL[pair[1] as usize]);
            if (hi | lo) > 15 {
                let at = 2 * i + usize::from(hi <= 15);
                return Err(ParseError::new(ErrorKind::NotHex, at));
            }
            match out.bytes.get_mut(i) {
                Some(slot) => *slot = hi << 4 | lo,
                None => return Err(too_long_hex(s, MAX_BYTES * 2)),
            }
        }
        if let [last] = pairs.remainder() {
            let v = HEX_VAL[*last as usize];
            if v > 15 {
                return Err(ParseError::new(ErrorKind::NotHex, s.len() - 1));
            }
            match out.bytes.get_mut(s.len() / 2) {
                Some(slot) => *slot = v << 4,
                None => return Err(too_long_hex(s, MAX_BYTES * 2)),
            }
        }
        out.bits = (s.len() * 4) as u16;
        Ok(out)
    }

    /// Reads a string of `0` and `1` (at most `MAX_BYTES * 8` of them).
    pub fn from_bit_str(bits: &str) -> Result<Binary, ParseError> {
        let s = bits.as_bytes();
        if s.is_empty() {
            return Err(ParseError::new(ErrorKind::Empty, 0));
        }
        let mut out = Binary::empty();
        for (i, &c) in s.iter().enumerate() {
            let bit = match c {
                b'0' => 0,
                b'1' => 1,
                _ => return Err(ParseError::new(ErrorKind::InvalidCharacter, i)),
            };
            if i >= MAX_BYTES * 8 {
                return Err(ParseError::new(ErrorKind::BitLength, i));
            }
            out.bytes[i / 8] |= bit << (7 - i % 8);
        }
        out.bits = s.len() as u16;
        Ok(out)
    }

    /// Appends the low `n` bits of `value` (n ≤ 64), most significant first.
    /// Returns false (and appends nothing) past [`MAX_BYTES`].
    pub(crate) fn push_bits(&mut self, value: u64, n: u32) -> bool {
        let at = self.bits as usize;
        let n = n as usize;
        if n > 64 || at + n > MAX_BYTES * 8 {
            return false;
        }
        if n == 0 {
            return true;
        }
        let v = if n == 64 {
            value
        } else {
            value & ((1u64 << n) - 1)
        };
        let (start, off) = (at / 8, at % 8);
        let window = ((v as u128) << (128 - off - n)).to_be_bytes();
        let len = (off + n).div_ceil(8);
        for (dst, src) in self.bytes[start..start + len].iter_mut().zip(window) {
            *dst |= src;
        }
        self.bits += n as u16;
        true
    }

    /// Reads `n` bits (n ≤ 64) starting at bit `at`; `None` past the end.
    pub(crate) fn read_bits(&self, at: usize, n: u32) -> Option<u64> {
        let n = n as usize;
        if n > 64 || at + n > self.bits as usize {
            return None;
        }
        if n == 0 {
            return Some(0);
        }
        let (start, off) = (at / 8, at % 8);
        let len = (off + n).div_ceil(8);
        let mut window = [0u8; 16];
        window[..len].copy_from_slice(&self.bytes[start..start + len]);
        Some(((u128::from_be_bytes(window) << off) >> (128 - n)) as u64)
    }

    /// Decodes an EPC binary encoding (TDS 1.13 §14.4): header, filter and
    /// identifier. Bits past the end of the scheme are ignored; the
    /// identifier passes the same validation as a URI. Error offsets are
    /// nibble indexes (offsets in the hex text). Does not allocate.
    ///
    /// ```
    /// use epcstream::epc::{Binary, BinaryScheme};
    /// let tag = Binary::from_hex("3074257BF7194E4000001A85")?.decode()?;
    /// assert_eq!(tag.binary_scheme(), BinaryScheme::Sgtin96);
    /// assert_eq!(tag.filter(), 3);
    /// assert_eq!(tag.epc().to_string(), "urn:epc:id:sgtin:0614141.812345.6789");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    #[inline(always)]
    pub fn decode(&self) -> Result<TagEpc<'static>, ParseError> {
        decode(self)
    }
}

/// The four bytes of eight hex digits (either case; the first digit in
/// the lowest byte of `x`), first byte lowest; `None` if one is not a hex
/// digit. In parallel byte lanes, no lane carrying into the next: each
/// range check adds at most 0x50 to a byte below 0x80.
#[inline]
fn hex8(x: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    let low7 = x & !HIGH;
    // Top bit of each lane: byte >= lo, byte > hi (bytes below 0x80).
    let ge = |v: u64, lo: u64| v.wrapping_add((0x80 - lo) * ONES) & HIGH;
    let gt = |v: u64, hi: u64| v.wrapping_add((0x7F - hi) * ONES) & HIGH;
    let digit = ge(low7, 0x30) & !gt(low7, 0x39);
    let folded = low7 | (0x20 * ONES); // 'A'..='F' -> 'a'..='f'
    let letter = ge(folded, 0x61) & !gt(folded, 0x66);
    if (digit | letter) & !x & HIGH != HIGH {
        return None;
    }
    // Nibble values: the low four bits, plus 9 for letters.
    let nib = (x & (0x0F * ONES)) + (letter >> 7) * 9;
    // Lane 2i <- (nibble 2i << 4) | nibble 2i + 1, then the even lanes
    // packed together.
    let pairs = ((nib << 4) | (nib >> 8)) & 0x00FF_00FF_00FF_00FF;
    let quads = (pairs | pairs >> 8) & 0x0000_FFFF_0000_FFFF;
    Some((quads | quads >> 16) as u32)
}

/// The bytes of the first `8 * W` hex digits of `s` (W <= 4), first byte
/// lowest; `None` if there are fewer or one is not a hex digit.
#[inline(always)]
fn hex_words<const W: usize>(s: &[u8]) -> Option<u128> {
    let mut acc = 0u128;
    for k in 0..W {
        let w = s.get(8 * k..)?.first_chunk::<8>()?;
        acc |= u128::from(hex8(u64::from_le_bytes(*w))?) << (32 * k);
    }
    Some(acc)
}

/// The error for hex text longer than a [`Binary`] holds (a non-hex digit
/// further on is reported first).
#[cold]
fn too_long_hex(s: &[u8], max: usize) -> ParseError {
    match s.iter().position(|&c| HEX_VAL[c as usize] > 15) {
        Some(p) => ParseError::new(ErrorKind::NotHex, p),
        None => ParseError::new(ErrorKind::BitLength, max),
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bits, {self})", self.bits)
    }
}

/// Uppercase hex, zero-padded to whole 16-bit words (TDS §15.1.1: the EPC
/// bank holds whole words). [`Binary::hex`] writes the same without the
/// formatting machinery.
impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Aligned, so that the UTF-8 check takes its word-at-a-time path.
        #[repr(align(16))]
        struct Aligned([u8; MAX_BYTES * 2]);
        let mut buf = Aligned([0; MAX_BYTES * 2]);
        f.write_str(self.hex(&mut buf.0))
    }
}

impl Binary {
    /// Writes the hex text (as `Display`: uppercase, padded to 16-bit
    /// words) into `buf` and returns it; no allocation.
    ///
    /// ```
    /// use epcstream::epc::{Binary, binary::MAX_BYTES};
    /// let b = Binary::from_hex("3074257bf7194e4000001a85")?;
    /// assert_eq!(b.hex(&mut [0; MAX_BYTES * 2]), "3074257BF7194E4000001A85");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    #[inline]
    pub fn hex<'b>(&self, buf: &'b mut [u8; MAX_BYTES * 2]) -> &'b str {
        let nibbles = (self.bits as usize).div_ceil(16) * 4;
        if nibbles == 24 {
            // 96 bits, the common case: four bytes to eight digits at a
            // time, in byte lanes.
            for (out, bytes) in buf[..24]
                .chunks_exact_mut(8)
                .zip(self.bytes.chunks_exact(4))
            {
                if let Some(b) = bytes.first_chunk::<4>() {
                    out.copy_from_slice(&hex_digits(u32::from_le_bytes(*b)).to_le_bytes());
                }
            }
        } else {
            for (out, &b) in buf[..nibbles].chunks_exact_mut(2).zip(&self.bytes) {
                out.copy_from_slice(&HEX_PAIRS[b as usize]);
            }
        }
        // Only ASCII hex digits were written, so this does not fail.
        ascii_str(&buf[..nibbles]).unwrap_or_default()
    }
}

/// The eight uppercase hex digits of four bytes (the first byte lowest in
/// `x`, its digits lowest in the result). Each byte goes to a 16-bit lane,
/// its high nibble in the low byte; no lane carries into the next.
#[inline(always)]
fn hex_digits(x: u32) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let b = u64::from(x);
    let t = (b | (b << 16)) & 0x0000_FFFF_0000_FFFF;
    let t = (t | (t << 8)) & 0x00FF_00FF_00FF_00FF;
    let n = ((t >> 4) & 0x000F_000F_000F_000F) | ((t & 0x000F_000F_000F_000F) << 8);
    // '0' + n, and 7 more from 10 on ('A' follows '9' after 7 others).
    let letters = ((n + 6 * ONES) >> 4) & ONES;
    n + 0x30 * ONES + letters * 7
}

/// The two uppercase hex digits of every byte.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [HEX[i >> 4], HEX[i & 15]];
        i += 1;
    }
    t
};

/// An EPC together with the binary scheme and filter value of a tag: what an
/// EPC tag URI (`urn:epc:tag:sgtin-96:3.0614141.812345.6789`) or an EPC
/// binary encoding carries.
///
/// A `TagEpc` is always encodable: [`TagEpc::new`] checks it and
/// [`Binary::decode`] only produces encodable values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TagEpc<'a> {
    epc: Epc<'a>,
    scheme: BinaryScheme,
    filter: u8,
}

impl<'a> TagEpc<'a> {
    /// Pairs an EPC with a binary scheme and filter value. Fails when the
    /// binary scheme is not one of the EPC's scheme
    /// ([`ErrorKind::NotEncodable`]), the filter does not fit the filter
    /// field ([`ErrorKind::InvalidFilter`]; GID-96 has none, so 0), or the
    /// EPC cannot be encoded in that scheme ([`ErrorKind::NotEncodable`],
    /// e.g. an alphanumeric serial in SGTIN-96).
    pub fn new(epc: Epc<'a>, scheme: BinaryScheme, filter: u8) -> Result<Self, ParseError> {
        encode(&epc, scheme, filter)?;
        Ok(TagEpc {
            epc,
            scheme,
            filter,
        })
    }
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
    /// The binary encoding (TDS 1.13 §14.5).
    ///
    /// ```
    /// use epcstream::epc::TagEpc;
    /// let tag = TagEpc::parse("urn:epc:tag:sgtin-96:3.0614141.812345.6789")?;
    /// assert_eq!(tag.encode().to_string(), "3074257BF7194E4000001A85");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn encode(&self) -> Binary {
        // `new` and `decode` only build encodable values, so this does not
        // fail; an empty value would be the sign of a bug.
        encode(&self.epc, self.scheme, self.filter).unwrap_or(Binary::empty())
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

impl<'a> Epc<'a> {
    /// Encodes this EPC in binary `scheme` with `filter` (TDS 1.13 §14.5).
    ///
    /// Fails with [`ErrorKind::NoTranslation`] when the EPC's scheme has no
    /// binary encoding, [`ErrorKind::NotEncodable`] when `scheme` is not one
    /// of its schemes or cannot carry this EPC (the offset is then the
    /// position in `components.join(".")`), [`ErrorKind::InvalidFilter`]
    /// when `filter` does not fit.
    ///
    /// ```
    /// use epcstream::epc::{BinaryScheme, Epc};
    /// let epc = Epc::parse("urn:epc:id:sgtin:0614141.812345.6789")?;
    /// let bin = epc.to_binary(BinaryScheme::Sgtin96, 3)?;
    /// assert_eq!(bin.to_string(), "3074257BF7194E4000001A85");
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    #[inline(always)]
    pub fn to_binary(&self, scheme: BinaryScheme, filter: u8) -> Result<Binary, ParseError> {
        encode(self, scheme, filter)
    }

    /// Chooses a binary scheme for this EPC and pairs them with `filter`.
    ///
    /// With `bits`, the scheme of that length (e.g. 96 → SGTIN-96, 198 →
    /// SGTIN-198); without, the first of [`BinaryScheme::ALL`] that can
    /// encode the EPC, fixed-length schemes first (the shortest fitting
    /// one), then variable-length ones (CPI-var, ADI-var). The deprecated
    /// GDTI-113 is only used when asked for by length. Fails with
    /// [`ErrorKind::NoTranslation`] when no binary scheme of the EPC's
    /// scheme has that length (or there is none at all), otherwise with the
    /// error of the last scheme tried.
    ///
    /// ```
    /// use epcstream::epc::{BinaryScheme, Epc};
    /// let epc = Epc::parse("urn:epc:id:sgtin:0614141.812345.A1")?;
    /// assert_eq!(epc.tag(3, None)?.binary_scheme(), BinaryScheme::Sgtin198);
    /// assert!(epc.tag(3, Some(96)).is_err());
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn tag(&self, filter: u8, bits: Option<u16>) -> Result<TagEpc<'a>, ParseError> {
        let own = BinaryScheme::ALL
            .iter()
            .copied()
            .filter(|b| b.scheme() == self.scheme());
        let mut last = ParseError::new(ErrorKind::NoTranslation, 0);
        match bits {
            Some(n) => {
                if let Some(b) = own.clone().find(|b| b.bits() == Some(n)) {
                    return TagEpc::new(*self, b, filter);
                }
            }
            None => {
                let fixed = own
                    .clone()
                    .filter(|b| b.bits().is_some() && *b != BinaryScheme::Gdti113);
                let var = own.filter(|b| b.bits().is_none());
                for b in fixed.chain(var) {
                    match TagEpc::new(*self, b, filter) {
                        Ok(t) => return Ok(t),
                        Err(e) => last = e,
                    }
                }
            }
        }
        Err(last)
    }
}

// ---------------------------------------------------------------------------
// Layouts (TDS 1.13 §14.5, Tables 14-2 to 14-28)

/// Bits of the GS1 Company Prefix for partition values 0..=6; the prefix
/// then has `12 - partition` digits. Identical in every partition table of
/// TDS 1.13; partition 7 is reserved.
const GCP_BITS: [u32; 7] = [40, 37, 34, 30, 27, 24, 20];

/// 10^i, i = 0..=19.
const POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// How the second component of a partitioned segment is coded; the number
/// is the total of company-prefix digits and reference digits/characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ref {
    /// Partition Table method (§14.3.3): zero-padded decimal of exactly
    /// `total - L` digits.
    Padded(u8),
    /// Unpadded Partition (§14.3.4, CPI-96 and GIAI-96): decimal without
    /// leading zeros, at most `total - L` digits, below 2^bits.
    Unpadded(u8),
    /// String Partition (§14.3.5, GIAI-202): at most `total - L` 7-bit
    /// characters, zero-padded to the field.
    Str7(u8),
    /// 6-bit variable string partition (§14.3.11, CPI-var): 1 to
    /// `total - L` 6-bit characters, then six zero bits.
    Str6(u8),
}

/// One coding segment after the header and filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seg {
    /// 3-bit partition value, then company prefix and reference sharing
    /// `bits` bits (0 for a variable-length reference). Two components.
    Partition { bits: u32, reference: Ref },
    /// Integer (§14.3.1): decimal without leading zeros below 2^bits and
    /// of at most `max_digits` digits.
    Int { bits: u32, max_digits: u8 },
    /// String (§14.3.2): at most `chars` 7-bit characters, zero-padded to
    /// `7 * chars` bits.
    Str7 { chars: u8 },
    /// Numeric String (§14.3.9, SGCN-96, GDTI-113): up to `digits` digits,
    /// leading zeros kept by coding the integer `1` followed by the digits.
    NumStr { bits: u32, digits: u8 },
    /// Fixed-width integer (ITIP piece and total): exactly `digits` digits.
    Fixed { bits: u32, digits: u8 },
    /// Reserved bits, zero (SSCC-96, GSRN-96, GSRNP-96).
    Zero { bits: u32 },
    /// CAGE code or DoDAAC in six 8-bit characters, a 5-character CAGE code
    /// preceded by a space (USDOD-96).
    Cage8,
    /// CAGE code or DoDAAC in six 6-bit characters, a 5-character CAGE code
    /// preceded by a space (ADI-var).
    Cage6,
    /// 6-bit variable string (§14.3.10, ADI-var): `min..=max` characters,
    /// then six zero bits.
    Str6 { min: u8, max: u8 },
}

/// The segments of a binary scheme after its header and filter.
const fn layout(s: BinaryScheme) -> &'static [Seg] {
    use BinaryScheme as B;
    use Ref::{Padded, Unpadded};
    use Seg::*;
    const fn part(bits: u32, reference: Ref) -> Seg {
        Partition { bits, reference }
    }
    const fn int(bits: u32) -> Seg {
        Int {
            bits,
            max_digits: 19,
        }
    }
    const PIECE: Seg = Fixed { bits: 7, digits: 2 };
    // Const-promoted slices (function calls are not promoted).
    macro_rules! segs {
        ($($seg:expr),* $(,)?) => {{
            const SEGS: &[Seg] = &[$($seg),*];
            SEGS
        }};
    }
    match s {
        B::Sgtin96 => segs![part(44, Padded(13)), int(38)],
        B::Sgtin198 => segs![part(44, Padded(13)), Str7 { chars: 20 }],
        B::Sscc96 => segs![part(58, Padded(17)), Zero { bits: 24 }],
        B::Sgln96 => segs![part(41, Padded(12)), int(41)],
        B::Sgln195 => segs![part(41, Padded(12)), Str7 { chars: 20 }],
        B::Grai96 => segs![part(44, Padded(12)), int(38)],
        B::Grai170 => segs![part(44, Padded(12)), Str7 { chars: 16 }],
        B::Giai96 => segs![part(82, Unpadded(25))],
        B::Giai202 => segs![part(188, Ref::Str7(30))],
        B::Gsrn96 | B::Gsrnp96 => segs![part(58, Padded(17)), Zero { bits: 24 }],
        B::Gdti96 => segs![part(41, Padded(12)), int(41)],
        B::Gdti113 => segs![
            part(41, Padded(12)),
            NumStr {
                bits: 58,
                digits: 17
            }
        ],
        B::Gdti174 => segs![part(41, Padded(12)), Str7 { chars: 17 }],
        B::Cpi96 => segs![part(51, Unpadded(15)), int(31)],
        B::CpiVar => segs![
            part(0, Ref::Str6(30)),
            Int {
                bits: 40,
                max_digits: 12,
            },
        ],
        B::Sgcn96 => segs![
            part(41, Padded(12)),
            NumStr {
                bits: 41,
                digits: 12
            }
        ],
        B::Itip110 => segs![part(44, Padded(13)), PIECE, PIECE, int(38)],
        B::Itip212 => segs![part(44, Padded(13)), PIECE, PIECE, Str7 { chars: 20 }],
        B::Gid96 => segs![int(28), int(24), int(36)],
        B::Usdod96 => segs![Cage8, int(36)],
        B::AdiVar => segs![
            Cage6,
            Seg::Str6 { min: 0, max: 32 },
            Seg::Str6 { min: 1, max: 30 }
        ],
    }
}

// ---------------------------------------------------------------------------
// Encoding

/// Checks that `bs` is a binary scheme of `scheme` and `filter` fits it.
#[inline(always)]
fn check_pair(scheme: Scheme, bs: BinaryScheme, filter: u8) -> Result<(), ParseError> {
    if bs.scheme() != scheme {
        let has_binary = BinaryScheme::ALL.iter().any(|b| b.scheme() == scheme);
        let kind = if has_binary {
            ErrorKind::NotEncodable
        } else {
            ErrorKind::NoTranslation
        };
        return Err(ParseError::new(kind, 0));
    }
    if u32::from(filter) >> bs.filter_bits() != 0 {
        return Err(ParseError::new(ErrorKind::InvalidFilter, 0));
    }
    Ok(())
}

/// Encodes `epc` in `bs` with `filter`. The 96-bit fast path is inlined
/// into callers (so that an EPC just parsed is read where it was built,
/// not copied first); the segment walk is out of line.
#[inline(always)]
fn encode(epc: &Epc<'_>, bs: BinaryScheme, filter: u8) -> Result<Binary, ParseError> {
    check_pair(epc.scheme(), bs, filter)?;
    match Fast96::of(bs) {
        Some(shape) => shape.encode(epc, bs, filter),
        // Into a value of ours, not the result (see `Binary::from_hex`).
        None => {
            let mut any = Binary::empty();
            encode_segments_into(epc, bs, filter, &mut any).map(|()| any)
        }
    }
}

/// [`encode_segments`] into `out`. Out of line, so that the 96-bit fast
/// path has a light stack frame.
#[inline(never)]
fn encode_segments_into(
    epc: &Epc<'_>,
    bs: BinaryScheme,
    filter: u8,
    out: &mut Binary,
) -> Result<(), ParseError> {
    *out = encode_segments(epc, bs, filter)?;
    Ok(())
}

/// Encodes by walking the segments (the pair and filter are checked).
fn encode_segments(epc: &Epc<'_>, bs: BinaryScheme, filter: u8) -> Result<Binary, ParseError> {
    let mut out = Binary::empty();
    out.push_bits(u64::from(bs.header()), 8);
    out.push_bits(u64::from(filter), u32::from(bs.filter_bits()));
    let mut c = 0; // next component
    let mut off = 0; // its offset in `components.join(".")`
    for seg in layout(bs) {
        let s = comp(epc, c);
        let fail = |pos: usize| ParseError::new(ErrorKind::NotEncodable, off + pos);
        match *seg {
            Seg::Partition { bits, reference } => {
                let l = s.len();
                if !(6..=12).contains(&l) {
                    return Err(fail(0));
                }
                let gcp = enc_digits(s).map_err(fail)?;
                let p = 12 - l;
                let gcp_bits = GCP_BITS[p];
                push(&mut out, p as u64, 3)?;
                push(&mut out, gcp, gcp_bits)?;
                off += l + 1;
                c += 1;
                let r = comp(epc, c);
                let fail = |pos: usize| ParseError::new(ErrorKind::NotEncodable, off + pos);
                let ref_bits = bits.saturating_sub(gcp_bits);
                match reference {
                    Ref::Padded(total) => {
                        if l + r.len() != total as usize {
                            return Err(fail(0));
                        }
                        let v = enc_digits(r).map_err(fail)?;
                        if v >> ref_bits != 0 {
                            return Err(fail(0));
                        }
                        push(&mut out, v, ref_bits)?;
                    }
                    Ref::Unpadded(total) => {
                        let max = (total as usize).saturating_sub(l);
                        let v = enc_int(r, ref_bits, max).map_err(fail)?;
                        push(&mut out, v, ref_bits)?;
                    }
                    Ref::Str7(total) => {
                        let max = (total as usize).saturating_sub(l);
                        enc_str7(&mut out, r, max, ref_bits).map_err(fail)?;
                    }
                    Ref::Str6(total) => {
                        let max = (total as usize).saturating_sub(l);
                        enc_str6(&mut out, r, 1, max).map_err(fail)?;
                    }
                }
                off += r.len() + 1;
                c += 1;
                continue;
            }
            Seg::Int { bits, max_digits } => {
                let v = enc_int(s, bits, max_digits as usize).map_err(fail)?;
                push(&mut out, v, bits)?;
            }
            Seg::Str7 { chars } => {
                enc_str7(&mut out, s, chars as usize, 7 * u32::from(chars)).map_err(fail)?;
            }
            Seg::NumStr { bits, digits } => {
                if s.len() > digits as usize {
                    return Err(fail(digits as usize));
                }
                let v = POW10[s.len()] + enc_digits(s).map_err(fail)?;
                if v >> bits != 0 {
                    return Err(fail(0));
                }
                push(&mut out, v, bits)?;
            }
            Seg::Fixed { bits, digits } => {
                if s.len() != digits as usize {
                    return Err(fail(0));
                }
                let v = enc_digits(s).map_err(fail)?;
                if v >> bits != 0 {
                    return Err(fail(0));
                }
                push(&mut out, v, bits)?;
            }
            Seg::Zero { bits } => push(&mut out, 0, bits)?,
            Seg::Cage8 | Seg::Cage6 => {
                let (width, pad) = if *seg == Seg::Cage8 {
                    (8, b' ')
                } else {
                    (6, b' ' & 0x3F)
                };
                if !(5..=6).contains(&s.len()) {
                    return Err(fail(0));
                }
                if let Some(p) = s.iter().position(|b| !is_cage_byte(*b)) {
                    return Err(fail(p));
                }
                if s.len() == 5 {
                    push(&mut out, u64::from(pad), width)?;
                }
                for &b in s {
                    let code = if width == 8 { b } else { b & 0x3F };
                    push(&mut out, u64::from(code), width)?;
                }
            }
            Seg::Str6 { min, max } => {
                enc_str6(&mut out, s, min as usize, max as usize).map_err(fail)?;
            }
        }
        off += s.len() + 1;
        c += 1;
    }
    Ok(out)
}

/// The bytes of component `i` of `epc`, `b""` past its arity (components
/// are ASCII, so no UTF-8 re-validation as `Epc::component` does).
#[inline]
fn comp<'e>(epc: &'e Epc<'_>, i: usize) -> &'e [u8] {
    if i >= epc.scheme.arity() {
        return b"";
    }
    epc.fields.bytes(i)
}

/// Appends bits; running out of room is a value this scheme cannot carry.
fn push(out: &mut Binary, v: u64, n: u32) -> Result<(), ParseError> {
    if out.push_bits(v, n) {
        Ok(())
    } else {
        Err(ParseError::new(ErrorKind::NotEncodable, 0))
    }
}

/// The value of a string of at most 19 digits (empty: 0); the error is the
/// position of the offending byte.
///
/// Up to 16 digits (every field of the 96-bit schemes) without a loop: the
/// digits are loaded as two overlapping 8-byte words (4-byte words below 8
/// digits), right-aligned behind `'0'` padding, and each word is converted
/// in parallel lanes. Inlined: each call site knows more about the length
/// than this function does (the company prefix has 6 to 12 digits).
#[inline(always)]
fn enc_digits(s: &[u8]) -> Result<u64, usize> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    // The first `k` (1..=8) bytes of `w` moved to the end of the word
    // (the least significant digits), `'0'` in front.
    let align =
        |w: u64, k: usize| (w << (8 * (8 - k))) | ZEROS.checked_shr(8 * k as u32).unwrap_or(0);
    let n = s.len();
    let word8 = |c: Option<&[u8; 8]>| c.map_or(0, |w| u64::from_le_bytes(*w));
    let word4 = |c: Option<&[u8; 4]>| c.map_or(0, |w| u64::from(u32::from_le_bytes(*w)));
    let value = match n {
        8..=16 => {
            let high = match n - 8 {
                0 => ZEROS,
                k => align(word8(s.first_chunk()), k),
            };
            eight_digit_value(high)
                .zip(eight_digit_value(word8(s.last_chunk())))
                .map(|(h, l)| h * 100_000_000 + l)
        }
        // The two words overlap on the same bytes.
        4..=7 => {
            let w = word4(s.first_chunk()) | word4(s.last_chunk()) << (8 * (n - 4));
            eight_digit_value(align(w, n))
        }
        1..=3 => {
            let w = s.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            eight_digit_value(align(w, n))
        }
        _ => None,
    };
    match value {
        Some(v) => Ok(v),
        None => enc_digits_slow(s),
    }
}

/// [`enc_digits`] a digit at a time (empty input, more than 16 digits,
/// and finding the offending byte).
#[cold]
#[inline(never)]
fn enc_digits_slow(s: &[u8]) -> Result<u64, usize> {
    if s.len() > 19 {
        return Err(19);
    }
    let mut v = 0u64;
    for (i, &b) in s.iter().enumerate() {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return Err(i);
        }
        v = v * 10 + u64::from(d);
    }
    Ok(v)
}

/// The company prefix and reference values of an EPC parsed from a literal
/// URI body (`Fields::Cuts`) whose prefix (6 to 12 digits), dot and
/// reference (`total` digits in all) fit in its first 16 bytes: the dot is
/// turned into a `'0'` and the `total + 1` bytes read as one number,
/// prefix * 10^(k + 1) + reference, which one division splits. No branch
/// depends on the prefix length (which varies from EPC to EPC: a
/// mispredicted branch per length class cost ~5 ns per EPC) and the shifts
/// are by constants. `None` otherwise (then the per-component path runs,
/// with its errors). The prefix length and both values.
#[inline(always)]
fn cut_key(epc: &Epc<'_>, total: usize) -> Option<(usize, u64, u64)> {
    const ZEROS: u128 = 0x3030_3030_3030_3030_3030_3030_3030_3030;
    let Fields::Cuts { body, ends } = &epc.fields else {
        return None;
    };
    let l = usize::from(ends[0]);
    if !(6..=12).contains(&l) || usize::from(ends[1]) != total + 1 || total >= 15 {
        return None;
    }
    let w = u128::from_le_bytes(*body.as_bytes().first_chunk::<16>()?);
    // The dot at `l` becomes a zero digit.
    let w = w ^ (u128::from(b'.' ^ b'0') << (8 * l));
    // The first `total + 1` bytes right-aligned behind '0's.
    let n = total + 1;
    let x = (w << (8 * (16 - n))) | (ZEROS >> (8 * n));
    let high = eight_digit_value(x as u64)?;
    let both = high * 100_000_000 + eight_digit_value((x >> 64) as u64)?;
    let scale = POW10[total - l + 1];
    Some((l, both / scale, both % scale))
}

/// The value of eight ASCII digits (first digit lowest), or `None` if one
/// is not a digit; in parallel byte lanes.
#[inline]
fn eight_digit_value(x: u64) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = x.wrapping_sub(0x30 * ONES);
    // A lane below '0' borrows (sets its top bit); one above '9' reaches
    // 0x80 when 0x46 is added; a non-ASCII lane has its top bit already.
    // The lowest bad lane is always flagged, whatever it does to others.
    if (x | t | x.wrapping_add(0x46 * ONES)) & (0x80 * ONES) != 0 {
        return None;
    }
    // Pairs, then quads, then all eight (Lemire's 8-digit method).
    let pairs = t.wrapping_mul(10).wrapping_add(t >> 8);
    let mask = 0x0000_00FF_0000_00FF;
    let value = (pairs & mask)
        .wrapping_mul(100 + (1_000_000 << 32))
        .wrapping_add(((pairs >> 16) & mask).wrapping_mul(1 + (10_000 << 32)))
        >> 32;
    Some(value)
}

/// Integer method: a decimal without leading zeros (except `0` itself) of
/// at most `max_digits` digits, below 2^bits.
#[inline(always)]
fn enc_int(s: &[u8], bits: u32, max_digits: usize) -> Result<u64, usize> {
    if s.is_empty() || (s.len() > 1 && s[0] == b'0') {
        return Err(0);
    }
    if s.len() > max_digits {
        return Err(max_digits);
    }
    let v = enc_digits(s)?;
    if bits < 64 && v >> bits != 0 {
        return Err(0);
    }
    Ok(v)
}

/// String method: at most `max` characters of the 82-character set, 7 bits
/// each, zero-padded to `field` bits.
fn enc_str7(out: &mut Binary, s: &[u8], max: usize, field: u32) -> Result<(), usize> {
    if s.len() > max || 7 * s.len() > field as usize {
        return Err(max);
    }
    if let Some(p) = s.iter().position(|&b| !escape::is(b, VAL_GS3A3)) {
        return Err(p);
    }
    let mut left = field;
    // Eight characters (56 bits) per push.
    for chunk in s.chunks(8) {
        let v = chunk.iter().fold(0u64, |v, &b| v << 7 | u64::from(b));
        let n = 7 * chunk.len() as u32;
        if !out.push_bits(v, n) {
            return Err(0);
        }
        left -= n;
    }
    while left > 0 {
        let n = left.min(64);
        if !out.push_bits(0, n) {
            return Err(0);
        }
        left -= n;
    }
    Ok(())
}

/// 6-bit variable string: `min..=max` characters of the 6-bit table, then
/// six zero bits.
fn enc_str6(out: &mut Binary, s: &[u8], min: usize, max: usize) -> Result<(), usize> {
    if s.len() < min {
        return Err(0);
    }
    if s.len() > max {
        return Err(max);
    }
    if let Some(p) = s.iter().position(|&b| !is_6bit_char(b)) {
        return Err(p);
    }
    for chunk in s.chunks(10) {
        let v = chunk
            .iter()
            .fold(0u64, |v, &b| v << 6 | u64::from(b & 0x3F));
        if !out.push_bits(v, 6 * chunk.len() as u32) {
            return Err(0);
        }
    }
    if out.push_bits(0, 6) {
        Ok(())
    } else {
        Err(s.len())
    }
}

/// Characters of the 6-bit table (TDS Table G-1) that EPC values use.
fn is_6bit_char(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'#')
}

/// Characters of a CAGE code or DoDAAC.
fn is_cage_byte(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

// ---------------------------------------------------------------------------
// The 96-bit partitioned schemes in one 128-bit word

/// The shape of SGTIN-96, SSCC-96, SGLN-96, GRAI-96, GSRN-96, GSRNP-96
/// and GDTI-96: header, 3-bit filter, partition, company prefix and padded
/// reference in `bits` bits, then an integer or reserved tail. The most
/// common tags, so they are coded with plain shifts on a `u128` instead of
/// the segment walk (same rules, same results).
#[derive(Clone, Copy)]
struct Fast96 {
    /// Bits of company prefix + reference.
    bits: u32,
    /// Digits of company prefix + reference.
    total: usize,
    /// Whether the tail is an integer (else reserved zero bits).
    int_tail: bool,
}

/// [`Fast96::find`] of every binary scheme, by declaration order.
const FAST96: [Option<Fast96>; BinaryScheme::ALL.len()] = {
    let mut t = [None; BinaryScheme::ALL.len()];
    let mut i = 0;
    while i < t.len() {
        t[i] = Fast96::find(BinaryScheme::ALL[i]);
        i += 1;
    }
    t
};

impl Fast96 {
    /// The shape of `bs`, if it has this one.
    #[inline]
    fn of(bs: BinaryScheme) -> Option<Fast96> {
        match FAST96.get(bs as usize) {
            Some(shape) => *shape,
            None => None,
        }
    }

    const fn find(bs: BinaryScheme) -> Option<Fast96> {
        if !matches!(bs.bits(), Some(96)) || bs.filter_bits() != 3 {
            return None;
        }
        match layout(bs) {
            [
                Seg::Partition {
                    bits,
                    reference: Ref::Padded(total),
                },
                tail @ (Seg::Int { .. } | Seg::Zero { .. }),
            ] => Some(Fast96 {
                bits: *bits,
                total: *total as usize,
                int_tail: matches!(tail, Seg::Int { .. }),
            }),
            _ => None,
        }
    }

    fn tail_bits(self) -> u32 {
        96 - 14 - self.bits
    }

    /// Encodes (the pair and filter are already checked).
    #[inline(always)]
    fn encode(self, epc: &Epc<'_>, bs: BinaryScheme, filter: u8) -> Result<Binary, ParseError> {
        let fail = |at: usize| ParseError::new(ErrorKind::NotEncodable, at);
        let (l, g, r) = match cut_key(epc, self.total) {
            Some(values) => values,
            None => {
                let gcp = comp(epc, 0);
                let reference = comp(epc, 1);
                let l = gcp.len();
                if !(6..=12).contains(&l) {
                    return Err(fail(0));
                }
                let g = enc_digits(gcp).map_err(fail)?;
                if l + reference.len() != self.total {
                    return Err(fail(l + 1));
                }
                (l, g, enc_digits(reference).map_err(|p| fail(l + 1 + p))?)
            }
        };
        let p = 12 - l;
        let gcp_bits = GCP_BITS[p];
        let ref_bits = self.bits - gcp_bits;
        if r >> ref_bits != 0 {
            return Err(fail(l + 1));
        }
        let tail_bits = self.tail_bits();
        let tail = if self.int_tail {
            let serial = comp(epc, 2);
            // Prefix and reference are `total` characters and two dots.
            enc_int(serial, tail_bits, 19).map_err(|q| fail(self.total + 2 + q))?
        } else {
            0
        };
        let mut acc = u128::from(bs.header());
        acc = acc << 3 | u128::from(filter);
        acc = acc << 3 | p as u128;
        acc = acc << gcp_bits | u128::from(g);
        acc = acc << ref_bits | u128::from(r);
        acc = acc << tail_bits | u128::from(tail);
        let mut out = Binary::empty();
        // One 16-byte store (the last four bytes zero), not 8 + 4.
        if let Some(first) = out.bytes.first_chunk_mut::<16>() {
            *first = (acc << 32).to_be_bytes();
        }
        out.bits = 96;
        Ok(out)
    }

    /// Decodes (the header is `bs`'s and there are at least 96 bits).
    #[inline(always)]
    fn decode(self, bin: &Binary, bs: BinaryScheme) -> Result<TagEpc<'static>, ParseError> {
        // One 16-byte load; the bits past 96 are shifted out.
        let mut word = [0u8; 16];
        if let Some(w) = bin.bytes.first_chunk::<16>() {
            word = *w;
        }
        let x = u128::from_be_bytes(word) >> 32;
        // The `n` bits at bit `at` (n < 64).
        let get = |at: u32, n: u32| ((x >> (96 - at - n)) as u64) & ((1u64 << n) - 1);
        let filter = get(8, 3) as u8;
        let p = get(11, 3) as usize;
        let Some(&gcp_bits) = GCP_BITS.get(p) else {
            return Err(at_bit(ErrorKind::InvalidPartition, 11));
        };
        let l = 12 - p;
        let g = get(14, gcp_bits);
        if g >= POW10[l] {
            return Err(at_bit(ErrorKind::ValueTooLarge, 14));
        }
        let ref_at = 14 + gcp_bits;
        let k = self.total - l;
        let r = get(ref_at, self.bits - gcp_bits);
        if r >= POW10[k] {
            return Err(at_bit(ErrorKind::ValueTooLarge, ref_at as usize));
        }
        let tail_at = 14 + self.bits;
        let tail = get(tail_at, self.tail_bits());
        if !self.int_tail && tail != 0 {
            return Err(at_bit(ErrorKind::BitLength, tail_at as usize));
        }
        // No `spec::check` here: what this decoder produces satisfies every
        // rule of these schemes by construction (see `decoded_values_are_
        // valid` and `fast_path_matches_segment_walk`, which compares it
        // with the checked segment walk on random bits):
        // * company prefix: partition 0..=6 gives 12 - p = 6..=12 digits,
        //   zero-padded (g < 10^l is checked above): `Kind::Gcp`;
        // * reference: exactly total - l digits (r < 10^k checked above),
        //   so prefix + reference have `total` digits: `Kind::Ref(total)`;
        // * integer tail: the decimal of a value below 2^tail_bits without
        //   leading zeros, 1 to 13 characters, which every one of these
        //   schemes' `Gs3a3` serial limits (16..=20) allows; or, for the
        //   reserved tail, no component.
        let n = if self.int_tail {
            digit_count(tail).max(1)
        } else {
            0
        };
        // Each number zero-padded to 16 digits in its own slot; the
        // component is the last digits of the slot.
        // A reference of at most 8 digits (every shape but SSCC's and
        // GSRN's) needs only the low half formatted.
        let reference = if self.total <= 6 + 8 {
            u128::from(ZERO_DIGITS) | u128::from(eight_digits(r as u32)) << 64
        } else {
            sixteen_digits(r)
        };
        let slots = [sixteen_digits(g), reference, sixteen_digits(tail)];
        let starts = [16 - l, 32 - k, 48 - n, 48, 48].map(|b| b as u8);
        // Digits are ASCII: this does not fail.
        let packed = Packed::from_slots(slots, starts, [16, 32, 48, 48, 48])
            .ok_or(at_bit(ErrorKind::InvalidCharacter, 14))?;
        Ok(TagEpc {
            epc: Epc {
                scheme: bs.scheme(),
                fields: Fields::Packed(packed),
            },
            scheme: bs,
            filter,
        })
    }
}

/// Eight `'0'`s.
const ZERO_DIGITS: u64 = 0x3030_3030_3030_3030;

/// `v < 10^16` as 16 zero-padded ASCII digits, the first in the lowest
/// byte.
#[inline(always)]
fn sixteen_digits(v: u64) -> u128 {
    let high = eight_digits((v / 100_000_000) as u32);
    let low = eight_digits((v % 100_000_000) as u32);
    u128::from(high) | u128::from(low) << 64
}

// ---------------------------------------------------------------------------
// Decoding

/// A read position in a [`Binary`].
struct Reader<'b> {
    bin: &'b Binary,
    pos: usize,
}

impl Reader<'_> {
    /// The next `n` bits (n ≤ 64).
    fn take(&mut self, n: u32) -> Result<u64, ParseError> {
        match self.bin.read_bits(self.pos, n) {
            Some(v) => {
                self.pos += n as usize;
                Ok(v)
            }
            None => Err(ParseError::new(
                ErrorKind::BitLength,
                self.bin.bit_len() / 4,
            )),
        }
    }

    /// Skips `n` bits that must be zero.
    fn zeros(&mut self, mut n: u32) -> Result<(), ParseError> {
        while n > 0 {
            let at = self.pos;
            let k = n.min(64);
            if self.take(k)? != 0 {
                return Err(at_bit(ErrorKind::BitLength, at));
            }
            n -= k;
        }
        Ok(())
    }
}

/// An error at bit `bit`, reported as a nibble offset.
fn at_bit(kind: ErrorKind, bit: usize) -> ParseError {
    ParseError::new(kind, bit / 4)
}

/// The eight decimal digits of `n < 10^8`, as ASCII in memory order
/// (little-endian word), computed in parallel lanes without division.
#[inline]
fn eight_digits(n: u32) -> u64 {
    let n = u64::from(n);
    // Two 4-digit lanes, then four 2-digit lanes, then eight 1-digit lanes.
    let mut x = (n / 10_000) | ((n % 10_000) << 32);
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
    x = hundreds | (x - hundreds * 100) << 16;
    let tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    x = tens | (x - tens * 10) << 8;
    x | 0x3030_3030_3030_3030
}

/// The number of decimal digits of `v` (0 for 0), from its bit length.
#[inline]
fn digit_count(v: u64) -> usize {
    let bits = 64 - v.leading_zeros() as usize;
    // bits * log10(2), rounded down: the count or one less.
    let guess = (bits * 1233) >> 12;
    guess + usize::from(POW10.get(guess).is_some_and(|&p| v >= p))
}

/// `v` in decimal, zero-padded to `width` digits (0 with width 0: no
/// digits, the empty reference of a 12-digit company prefix).
///
/// Up to 16 digits (every field of the 96-bit schemes) without division
/// loops or variable-length copies: the 16 zero-padded digits are made in
/// two words, then the unwanted leading ones shifted out.
#[inline]
fn dec_text(v: u64, width: usize) -> Text<'static> {
    let n = digit_count(v).max(width).min(20);
    let mut buf = [0u8; INLINE_CAP];
    if n <= 8 {
        // Little-endian: the first character is the lowest byte.
        let digits = eight_digits(v as u32).checked_shr(8 * (8 - n) as u32);
        buf[..8].copy_from_slice(&digits.unwrap_or(0).to_le_bytes());
    } else if n <= 16 {
        let high = eight_digits((v / 100_000_000) as u32);
        let low = eight_digits((v % 100_000_000) as u32);
        let all = u128::from(high) | u128::from(low) << 64;
        let digits = all.checked_shr(8 * (16 - n) as u32).unwrap_or(0);
        buf[..16].copy_from_slice(&digits.to_le_bytes());
    } else {
        let mut v = v;
        for slot in buf[..n].iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    // Only ASCII digits were written.
    Inline::from_buf(buf, n).map_or(Text::EMPTY, Text::Inline)
}

/// Decodes a binary encoding.
#[inline(always)]
fn decode(bin: &Binary) -> Result<TagEpc<'static>, ParseError> {
    let header = bin
        .header()
        .ok_or(ParseError::new(ErrorKind::BitLength, bin.bit_len() / 4))?;
    let bs =
        BinaryScheme::from_header(header).ok_or(ParseError::new(ErrorKind::UnknownHeader, 0))?;
    if bin.bit_len() < bs.bits().unwrap_or(0) as usize {
        return Err(ParseError::new(ErrorKind::BitLength, bin.bit_len() / 4));
    }
    match Fast96::of(bs) {
        Some(shape) => shape.decode(bin, bs),
        // Into a value of ours, not the result (see `Binary::from_hex`).
        None => {
            let mut any = TagEpc {
                epc: Epc {
                    scheme: bs.scheme(),
                    fields: Fields::Borrowed([""; MAX_COMPONENTS]),
                },
                scheme: bs,
                filter: 0,
            };
            decode_segments_into(bin, bs, &mut any).map(|()| any)
        }
    }
}

/// [`decode_segments`] into `out`. Out of line: the 96-bit fast path is
/// inlined into callers.
#[inline(never)]
fn decode_segments_into(
    bin: &Binary,
    bs: BinaryScheme,
    out: &mut TagEpc<'static>,
) -> Result<(), ParseError> {
    *out = decode_segments(bin, bs)?;
    Ok(())
}

/// Decodes by walking the segments (the header is `bs`'s and, for a
/// fixed-length scheme, the length is checked).
fn decode_segments(bin: &Binary, bs: BinaryScheme) -> Result<TagEpc<'static>, ParseError> {
    let mut r = Reader { bin, pos: 8 };
    let filter = r.take(u32::from(bs.filter_bits()))? as u8;
    let mut fields = [Text::EMPTY; MAX_COMPONENTS];
    let mut starts = [0usize; MAX_COMPONENTS];
    let mut c = 0;
    for seg in layout(bs) {
        starts[c] = r.pos;
        let value = match *seg {
            Seg::Partition { bits, reference } => {
                let p = r.take(3)? as usize;
                let gcp_bits = *GCP_BITS
                    .get(p)
                    .ok_or(at_bit(ErrorKind::InvalidPartition, starts[c]))?;
                let l = 12 - p;
                starts[c] = r.pos;
                let gcp = r.take(gcp_bits)?;
                if gcp >= POW10[l] {
                    return Err(at_bit(ErrorKind::ValueTooLarge, starts[c]));
                }
                fields[c] = dec_text(gcp, l);
                c += 1;
                starts[c] = r.pos;
                let ref_bits = bits.saturating_sub(gcp_bits);
                match reference {
                    Ref::Padded(total) => {
                        let k = total as usize - l;
                        let v = r.take(ref_bits)?;
                        if v >= POW10[k] {
                            return Err(at_bit(ErrorKind::ValueTooLarge, starts[c]));
                        }
                        dec_text(v, k)
                    }
                    Ref::Unpadded(total) => {
                        let v = r.take(ref_bits)?;
                        if v >= POW10[total as usize - l] {
                            return Err(at_bit(ErrorKind::ValueTooLarge, starts[c]));
                        }
                        dec_text(v, 1)
                    }
                    Ref::Str7(total) => dec_str7(&mut r, ref_bits, total as usize - l)?,
                    Ref::Str6(total) => dec_str6(&mut r, total as usize - l)?,
                }
            }
            Seg::Int { bits, max_digits } => {
                let v = r.take(bits)?;
                if v >= POW10[(max_digits as usize).min(19)] {
                    return Err(at_bit(ErrorKind::ValueTooLarge, starts[c]));
                }
                dec_text(v, 1)
            }
            Seg::Str7 { chars } => dec_str7(&mut r, 7 * u32::from(chars), chars as usize)?,
            Seg::NumStr { bits, digits } => {
                let v = r.take(bits)?;
                // The digits follow a leading 1: 10^k <= v < 2 * 10^k.
                let k = POW10.iter().rposition(|&p| p <= v);
                match k {
                    Some(k) if v / POW10[k] == 1 && k <= digits as usize => {
                        dec_text(v - POW10[k], k)
                    }
                    _ => return Err(at_bit(ErrorKind::BitLength, starts[c])),
                }
            }
            Seg::Fixed { bits, digits } => {
                let v = r.take(bits)?;
                if v >= POW10[digits as usize] {
                    return Err(at_bit(ErrorKind::ValueTooLarge, starts[c]));
                }
                dec_text(v, digits as usize)
            }
            Seg::Zero { bits } => {
                r.zeros(bits)?;
                continue;
            }
            Seg::Cage8 | Seg::Cage6 => {
                let width = if *seg == Seg::Cage8 { 8 } else { 6 };
                let mut buf = ValueBuf::new();
                for i in 0..6 {
                    let at = r.pos;
                    let code = r.take(width)? as u8;
                    let b = if width == 8 { code } else { char_6bit(code) };
                    if i == 0 && b == b' ' {
                        continue;
                    }
                    if !is_cage_byte(b) {
                        return Err(at_bit(ErrorKind::InvalidCharacter, at));
                    }
                    buf.push(b);
                }
                buf.text()
            }
            Seg::Str6 { max, .. } => dec_str6(&mut r, max as usize)?,
        };
        fields[c] = value;
        c += 1;
    }
    let epc = Epc::from_fields(bs.scheme(), fields).map_err(|e| {
        let bit = starts.get(e.field as usize).copied().unwrap_or(0);
        at_bit(e.kind, bit)
    })?;
    Ok(TagEpc {
        epc,
        scheme: bs,
        filter,
    })
}

/// The character of a 6-bit code (TDS Table G-1); 0 when there is none.
fn char_6bit(code: u8) -> u8 {
    match code {
        1..=26 => b'@' + code,
        0x20 | 0x23 | 0x2D | 0x2F | 0x30..=0x39 => code,
        _ => 0,
    }
}

/// String decoding: 7-bit characters up to the first zero one, at most
/// `max`, in a field of `field` bits whose remaining bits are zero.
fn dec_str7(r: &mut Reader<'_>, field: u32, max: usize) -> Result<Text<'static>, ParseError> {
    let start = r.pos;
    let mut buf = ValueBuf::new();
    let mut left = field;
    while left >= 7 {
        let at = r.pos;
        let b = r.take(7)? as u8;
        left -= 7;
        if b == 0 {
            break;
        }
        if !escape::is(b, VAL_GS3A3) {
            return Err(at_bit(ErrorKind::InvalidCharacter, at));
        }
        if buf.len() == max {
            return Err(at_bit(ErrorKind::ComponentTooLong, start));
        }
        buf.push(b);
    }
    r.zeros(left)?;
    Ok(buf.text())
}

/// 6-bit variable string decoding: characters up to six zero bits, at most
/// `max`.
fn dec_str6(r: &mut Reader<'_>, max: usize) -> Result<Text<'static>, ParseError> {
    let start = r.pos;
    let mut buf = ValueBuf::new();
    loop {
        let at = r.pos;
        let code = r.take(6)? as u8;
        if code == 0 {
            return Ok(buf.text());
        }
        let b = char_6bit(code);
        if !is_6bit_char(b) {
            return Err(at_bit(ErrorKind::InvalidCharacter, at));
        }
        if buf.len() == max {
            return Err(at_bit(ErrorKind::ComponentTooLong, start));
        }
        buf.push(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Vectors from the GS1 EPC TDS 1.13 worked examples (Appendix E), the
    // TDS 2.3 errata, and public test suites (epcpy, rust-gs1, TDT docs),
    // as collected in the project's vector set.
    /// (id, pure identity URI, binary scheme, filter, hex, tag URI).
    const ENCODE: &[(&str, &str, &str, u8, &str, &str)] = &[
        (
            "derived-sgtin-96-max-serial",
            "urn:epc:id:sgtin:0614141.812345.274877906943",
            "sgtin-96",
            1,
            "3034257BF7194E7FFFFFFFFF",
            "urn:epc:tag:sgtin-96:1.0614141.812345.274877906943",
        ),
        (
            "derived-sgtin-96-partition0",
            "urn:epc:id:sgtin:061414112345.8.6789",
            "sgtin-96",
            1,
            "3020393243F1660000001A85",
            "urn:epc:tag:sgtin-96:1.061414112345.8.6789",
        ),
        (
            "derived-sgtin-96-partition6",
            "urn:epc:id:sgtin:061414.8123456.6789",
            "sgtin-96",
            1,
            "30383BF99EFD100000001A85",
            "urn:epc:tag:sgtin-96:1.061414.8123456.6789",
        ),
        (
            "derived-sgtin-96-serial-zero",
            "urn:epc:id:sgtin:0614141.812345.0",
            "sgtin-96",
            1,
            "3034257BF7194E4000000000",
            "urn:epc:tag:sgtin-96:1.0614141.812345.0",
        ),
        (
            "derived-sgtin-96-4012345",
            "urn:epc:id:sgtin:4012345.011111.987",
            "sgtin-96",
            1,
            "3034F4E4E40AD9C0000003DB",
            "urn:epc:tag:sgtin-96:1.4012345.011111.987",
        ),
        (
            "derived-sscc-96-partition0",
            "urn:epc:id:sscc:061414112345.12345",
            "sscc-96",
            2,
            "3140393243F1643039000000",
            "urn:epc:tag:sscc-96:2.061414112345.12345",
        ),
        (
            "derived-sscc-96-partition6",
            "urn:epc:id:sscc:061414.12345678901",
            "sscc-96",
            2,
            "31583BF982DFDC1C35000000",
            "urn:epc:tag:sscc-96:2.061414.12345678901",
        ),
        (
            "derived-sscc-96-zero-serial",
            "urn:epc:id:sscc:0614141.0000000000",
            "sscc-96",
            2,
            "3154257BF400000000000000",
            "urn:epc:tag:sscc-96:2.0614141.0000000000",
        ),
        (
            "derived-sgtin-198-all-escapes",
            "urn:epc:id:sgtin:0614141.712345.A%22%25%26%2F%3C%3E%3F!'()*+,-.:;=",
            "sgtin-198",
            3,
            "3674257BF6B7A660A24A997BC7CFD0A750A552B58B573A76F400",
            "urn:epc:tag:sgtin-198:3.0614141.712345.A%22%25%26%2F%3C%3E%3F!'()*+,-.:;=",
        ),
        (
            "epcpy-test_valid_adi_tag_encodable_1",
            "urn:epc:id:adi:W81X9C.3KL984PX1.2WMA-52",
            "adi-var",
            5,
            "3B157E316390F32CCE78D106310325CD06DD7200",
            "urn:epc:tag:adi-var:5.W81X9C.3KL984PX1.2WMA-52",
        ),
        (
            "epcpy-test_valid_adi_tag_encodable_2",
            "urn:epc:id:adi:2S194..12345678901",
            "adi-var",
            23,
            "3B5E0C93C79D00C72CF4D76DF8E70C40",
            "urn:epc:tag:adi-var:23.2S194..12345678901",
        ),
        (
            "epcpy-test_valid_adi_tag_encodable_3",
            "urn:epc:id:adi:W81X9C.3KL984PX1.%232WMA52",
            "adi-var",
            12,
            "3B317E316390F32CCE78D10631023C97341D7200",
            "urn:epc:tag:adi-var:12.W81X9C.3KL984PX1.%232WMA52",
        ),
        (
            "epcpy-test_valid_adi_tag_encodable_4",
            "urn:epc:id:adi:W81X9C.3KL984PX1.%232WM%2FA52",
            "adi-var",
            1,
            "3B057E316390F32CCE78D10631023C9736F075C80000",
            "urn:epc:tag:adi-var:1.W81X9C.3KL984PX1.%232WM%2FA52",
        ),
        (
            "epcpy-test_valid_cpi_tag_encodable_1",
            "urn:epc:id:cpi:0614141.12-456.123456789",
            "cpi-var",
            0,
            "3D14257BF71CADD35D8000075BCD1500",
            "urn:epc:tag:cpi-var:0.0614141.12-456.123456789",
        ),
        (
            "epcpy-test_valid_cpi_tag_encodable_2",
            "urn:epc:id:cpi:0614141.123456.0",
            "cpi-96",
            1,
            "3C34257BF400F12000000000",
            "urn:epc:tag:cpi-96:1.0614141.123456.0",
        ),
        (
            "epcpy-test_valid_cpi_tag_encodable_3",
            "urn:epc:id:cpi:0614141.1234567890.0",
            "cpi-var",
            1,
            "3D34257BF71CB3D35DB7E39C000000000000",
            "urn:epc:tag:cpi-var:1.0614141.1234567890.0",
        ),
        (
            "epcpy-test_valid_cpi_tag_encodable_4",
            "urn:epc:id:cpi:0614141.123467890.100000000000",
            "cpi-var",
            5,
            "3DB4257BF71CB3D36DF8E70005D21DBA0000",
            "urn:epc:tag:cpi-var:5.0614141.123467890.100000000000",
        ),
        (
            "epcpy-test_valid_gdti_tag_encodable_1",
            "urn:epc:id:gdti:0614141.12345.ABCD1234%2F",
            "gdti-174",
            0,
            "3E14257BF460730614388C593368BC00000000000000",
            "urn:epc:tag:gdti-174:0.0614141.12345.ABCD1234%2F",
        ),
        (
            "epcpy-test_valid_gdti_tag_encodable_2",
            "urn:epc:id:gdti:0614141.12345.2199023255551",
            "gdti-96",
            2,
            "2C54257BF46073FFFFFFFFFF",
            "urn:epc:tag:gdti-96:2.0614141.12345.2199023255551",
        ),
        (
            "epcpy-test_valid_gdti_tag_encodable_3",
            "urn:epc:id:gdti:0614141.12345.2199023255552",
            "gdti-174",
            2,
            "3E54257BF46072C98B972C193364D5AB56AC80000000",
            "urn:epc:tag:gdti-174:2.0614141.12345.2199023255552",
        ),
        (
            "epcpy-test_valid_gdti_tag_encodable_4",
            "urn:epc:id:gdti:0614141.12345.0",
            "gdti-96",
            6,
            "2CD4257BF460720000000000",
            "urn:epc:tag:gdti-96:6.0614141.12345.0",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_1",
            "urn:epc:id:giai:0614141.12345400",
            "giai-202",
            1,
            "3834257BF58B266D1AB460C00000000000000000000000000000",
            "urn:epc:tag:giai-202:1.0614141.12345400",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_2",
            "urn:epc:id:giai:0614141.0",
            "giai-96",
            1,
            "3434257BF400000000000000",
            "urn:epc:tag:giai-96:1.0614141.0",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_3",
            "urn:epc:id:giai:0614141.1ABc%2FD",
            "giai-202",
            0,
            "3814257BF58C1858D7C400000000000000000000000000000000",
            "urn:epc:tag:giai-202:0.0614141.1ABc%2FD",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_4",
            "urn:epc:id:giai:061411.01ABc%2FD",
            "giai-202",
            4,
            "38983BF8D831830B1AF880000000000000000000000000000000",
            "urn:epc:tag:giai-202:4.061411.01ABc%2FD",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_5",
            "urn:epc:id:giai:012345.012345678901234567890123",
            "giai-202",
            1,
            "38380C0E583164CDA356CDDC3960C593368D5B3770E583164CC0",
            "urn:epc:tag:giai-202:1.012345.012345678901234567890123",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_6",
            "urn:epc:id:giai:0614141.12345400",
            "giai-96",
            1,
            "3434257BF400000000BC6038",
            "urn:epc:tag:giai-96:1.0614141.12345400",
        ),
        (
            "epcpy-test_valid_giai_tag_encodable_7",
            "urn:epc:id:giai:0614141.02",
            "giai-202",
            1,
            "3834257BF5832000000000000000000000000000000000000000",
            "urn:epc:tag:giai-202:1.0614141.02",
        ),
        (
            "epcpy-test_valid_gid_tag_encodable_1",
            "urn:epc:id:gid:95100000.12345.400",
            "gid-96",
            0,
            "355AB1C60003039000000190",
            "urn:epc:tag:gid-96:95100000.12345.400",
        ),
        (
            "epcpy-test_valid_gid_tag_encodable_2",
            "urn:epc:id:gid:95100000.12345.0",
            "gid-96",
            0,
            "355AB1C60003039000000000",
            "urn:epc:tag:gid-96:95100000.12345.0",
        ),
        (
            "epcpy-test_valid_gid_tag_encodable_3",
            "urn:epc:id:gid:0.0.0",
            "gid-96",
            0,
            "350000000000000000000000",
            "urn:epc:tag:gid-96:0.0.0",
        ),
        (
            "epcpy-test_valid_gid_tag_encodable_4",
            "urn:epc:id:gid:268435455.16777215.68719476735",
            "gid-96",
            0,
            "35FFFFFFFFFFFFFFFFFFFFFF",
            "urn:epc:tag:gid-96:268435455.16777215.68719476735",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_1",
            "urn:epc:id:grai:0614141.12345.400",
            "grai-96",
            5,
            "33B4257BF40C0E4000000190",
            "urn:epc:tag:grai-96:5.0614141.12345.400",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_2",
            "urn:epc:id:grai:0614141.12345.4000000000000000",
            "grai-170",
            0,
            "3714257BF40C0E5A3060C183060C183060C183060C00",
            "urn:epc:tag:grai-170:0.0614141.12345.4000000000000000",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_3",
            "urn:epc:id:grai:061414113245..0",
            "grai-96",
            0,
            "3300393243FF740000000000",
            "urn:epc:tag:grai-96:0.061414113245..0",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_4",
            "urn:epc:id:grai:061414113245..01",
            "grai-170",
            0,
            "3700393243FF74183100000000000000000000000000",
            "urn:epc:tag:grai-170:0.061414113245..01",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_5",
            "urn:epc:id:grai:0614141.12345.ABCD1234%2F",
            "grai-170",
            0,
            "3714257BF40C0E60C287118B266D1780000000000000",
            "urn:epc:tag:grai-170:0.0614141.12345.ABCD1234%2F",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_6",
            "urn:epc:id:grai:061414113245..274877906943",
            "grai-96",
            0,
            "3300393243FF743FFFFFFFFF",
            "urn:epc:tag:grai-96:0.061414113245..274877906943",
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_7",
            "urn:epc:id:grai:0614141.12345.ABCDEFGHIJKLMNOP",
            "grai-170",
            0,
            "3714257BF40C0E60C287122C68F224CA97326CE9F400",
            "urn:epc:tag:grai-170:0.0614141.12345.ABCDEFGHIJKLMNOP",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_1",
            "urn:epc:id:gsrn:0614141.1234567890",
            "gsrn-96",
            0,
            "2D14257BF4499602D2000000",
            "urn:epc:tag:gsrn-96:0.0614141.1234567890",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_2",
            "urn:epc:id:gsrn:012345678901.01234",
            "gsrn-96",
            0,
            "2D000B7F7070D404D2000000",
            "urn:epc:tag:gsrn-96:0.012345678901.01234",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_3",
            "urn:epc:id:gsrn:000000.00000000000",
            "gsrn-96",
            0,
            "2D1800000000000000000000",
            "urn:epc:tag:gsrn-96:0.000000.00000000000",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_4",
            "urn:epc:id:gsrn:000000000000.00000",
            "gsrn-96",
            5,
            "2DA000000000000000000000",
            "urn:epc:tag:gsrn-96:5.000000000000.00000",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_5",
            "urn:epc:id:gsrn:999999999999.99999",
            "gsrn-96",
            5,
            "2DA3A352943FFD869F000000",
            "urn:epc:tag:gsrn-96:5.999999999999.99999",
        ),
        (
            "epcpy-test_valid_gsrn_tag_encodable_6",
            "urn:epc:id:gsrn:999999.99999999999",
            "gsrn-96",
            0,
            "2D1BD08FD74876E7FF000000",
            "urn:epc:tag:gsrn-96:0.999999.99999999999",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_1",
            "urn:epc:id:gsrnp:0614141.1234567890",
            "gsrnp-96",
            0,
            "2E14257BF4499602D2000000",
            "urn:epc:tag:gsrnp-96:0.0614141.1234567890",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_2",
            "urn:epc:id:gsrnp:012345678901.01234",
            "gsrnp-96",
            0,
            "2E000B7F7070D404D2000000",
            "urn:epc:tag:gsrnp-96:0.012345678901.01234",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_3",
            "urn:epc:id:gsrnp:000000.00000000000",
            "gsrnp-96",
            0,
            "2E1800000000000000000000",
            "urn:epc:tag:gsrnp-96:0.000000.00000000000",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_4",
            "urn:epc:id:gsrnp:000000000000.00000",
            "gsrnp-96",
            5,
            "2EA000000000000000000000",
            "urn:epc:tag:gsrnp-96:5.000000000000.00000",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_5",
            "urn:epc:id:gsrnp:999999999999.99999",
            "gsrnp-96",
            5,
            "2EA3A352943FFD869F000000",
            "urn:epc:tag:gsrnp-96:5.999999999999.99999",
        ),
        (
            "epcpy-test_valid_gsrnp_tag_encodable_6",
            "urn:epc:id:gsrnp:999999.99999999999",
            "gsrnp-96",
            0,
            "2E1BD08FD74876E7FF000000",
            "urn:epc:tag:gsrnp-96:0.999999.99999999999",
        ),
        (
            "epcpy-test_valid_itip_tag_encodable_1",
            "urn:epc:id:itip:4012345.012345.01.02.987",
            "itip-110",
            7,
            "40F4F4E4E40C0E40820000000F6C",
            "urn:epc:tag:itip-110:7.4012345.012345.01.02.987",
        ),
        (
            "epcpy-test_valid_itip_tag_encodable_2",
            "urn:epc:id:itip:0123456.012345.00.00.01234567890123456789",
            "itip-212",
            0,
            "41140789000C0E400060C593368D5B3770E583164CDA356CDDC39000",
            "urn:epc:tag:itip-212:0.0123456.012345.00.00.01234567890123456789",
        ),
        (
            "epcpy-test_valid_itip_tag_encodable_3",
            "urn:epc:id:itip:012345678901.0.00.00.01234567890123456789",
            "itip-212",
            0,
            "41000B7F7070D4000060C593368D5B3770E583164CDA356CDDC39000",
            "urn:epc:tag:itip-212:0.012345678901.0.00.00.01234567890123456789",
        ),
        (
            "epcpy-test_valid_itip_tag_encodable_4",
            "urn:epc:id:itip:012345678901.0.00.00.ABCDEFGHIJKLMNOP%2FRST",
            "itip-212",
            0,
            "41000B7F7070D40000830A1C48B1A3C8932A5CC9B3A7D05F4A9D4000",
            "urn:epc:tag:itip-212:0.012345678901.0.00.00.ABCDEFGHIJKLMNOP%2FRST",
        ),
        (
            "epcpy-test_valid_itip_tag_encodable_5",
            "urn:epc:id:itip:012345678901.0.00.00.274877906943",
            "itip-110",
            0,
            "40000B7F7070D40000FFFFFFFFFC",
            "urn:epc:tag:itip-110:0.012345678901.0.00.00.274877906943",
        ),
        (
            "epcpy-test_valid_sgcn_tag_encodable_1",
            "urn:epc:id:sgcn:4012345.67890.04711",
            "sgcn-96",
            0,
            "3F14F4E4E612640000019907",
            "urn:epc:tag:sgcn-96:0.4012345.67890.04711",
        ),
        (
            "epcpy-test_valid_sgcn_tag_encodable_2",
            "urn:epc:id:sgcn:4012345.67890.0",
            "sgcn-96",
            0,
            "3F14F4E4E61264000000000A",
            "urn:epc:tag:sgcn-96:0.4012345.67890.0",
        ),
        (
            "epcpy-test_valid_sgcn_tag_encodable_3",
            "urn:epc:id:sgcn:4012345.67890.01",
            "sgcn-96",
            0,
            "3F14F4E4E612640000000065",
            "urn:epc:tag:sgcn-96:0.4012345.67890.01",
        ),
        (
            "epcpy-test_valid_sgcn_tag_encodable_4",
            "urn:epc:id:sgcn:401234512345..1",
            "sgcn-96",
            7,
            "3FE175ADC32764000000000B",
            "urn:epc:tag:sgcn-96:7.401234512345..1",
        ),
        (
            "epcpy-test_valid_sgcn_tag_encodable_5",
            "urn:epc:id:sgcn:401231.123465.999999999999",
            "sgcn-96",
            7,
            "3FF987D3C3C493D1A94A1FFF",
            "urn:epc:tag:sgcn-96:7.401231.123465.999999999999",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_1",
            "urn:epc:id:sgln:0614141.12345.400",
            "sgln-96",
            1,
            "3234257BF460720000000190",
            "urn:epc:tag:sgln-96:1.0614141.12345.400",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_2",
            "urn:epc:id:sgln:0614141.12345.0",
            "sgln-195",
            1,
            "3934257BF46072C0000000000000000000000000000000000000",
            "urn:epc:tag:sgln-195:1.0614141.12345.0",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_3",
            "urn:epc:id:sgln:0614141.12345.01",
            "sgln-195",
            0,
            "3914257BF46072C1880000000000000000000000000000000000",
            "urn:epc:tag:sgln-195:0.0614141.12345.01",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_4",
            "urn:epc:id:sgln:061411.012345.01",
            "sgln-195",
            0,
            "39183BF8C06072C1880000000000000000000000000000000000",
            "urn:epc:tag:sgln-195:0.061411.012345.01",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_5",
            "urn:epc:id:sgln:061411123456..01",
            "sgln-195",
            0,
            "390039318D8400C1880000000000000000000000000000000000",
            "urn:epc:tag:sgln-195:0.061411123456..01",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_6",
            "urn:epc:id:sgln:061411123456..A%2F-BCDEFGHIJKLMNOPQR",
            "sgln-195",
            0,
            "390039318D8401057AD850E2458D1E449952E64D9D3E851A4000",
            "urn:epc:tag:sgln-195:0.061411123456..A%2F-BCDEFGHIJKLMNOPQR",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_7",
            "urn:epc:id:sgln:061411123456..2199023255551",
            "sgln-96",
            0,
            "320039318D8401FFFFFFFFFF",
            "urn:epc:tag:sgln-96:0.061411123456..2199023255551",
        ),
        (
            "epcpy-test_valid_sgln_tag_encodable_8",
            "urn:epc:id:sgln:061411123456..2199023255552",
            "sgln-195",
            0,
            "390039318D8400C98B972C193364D5AB56AC8000000000000000",
            "urn:epc:tag:sgln-195:0.061411123456..2199023255552",
        ),
        (
            "epcpy-test_valid_sgtin_tag_encodable_1",
            "urn:epc:id:sgtin:50712192365.88..%25:.13%26",
            "sgtin-198",
            1,
            "362579D5D4ADB6172574B98B34C0000000000000000000000000",
            "urn:epc:tag:sgtin-198:1.50712192365.88..%25:.13%26",
        ),
        (
            "epcpy-test_valid_sgtin_tag_encodable_2",
            "urn:epc:id:sgtin:50712192365.88..%25:.13%26",
            "sgtin-198",
            5,
            "36A579D5D4ADB6172574B98B34C0000000000000000000000000",
            "urn:epc:tag:sgtin-198:5.50712192365.88..%25:.13%26",
        ),
        (
            "epcpy-test_valid_sgtin_tag_encodable_3",
            "urn:epc:id:sgtin:50712192365.88.0",
            "sgtin-96",
            6,
            "30C579D5D4ADB60000000000",
            "urn:epc:tag:sgtin-96:6.50712192365.88.0",
        ),
        (
            "epcpy-test_valid_sgtin_tag_encodable_4",
            "urn:epc:id:sgtin:50712192365.88.0",
            "sgtin-198",
            6,
            "36C579D5D4ADB618000000000000000000000000000000000000",
            "urn:epc:tag:sgtin-198:6.50712192365.88.0",
        ),
        (
            "epcpy-test_valid_sscc_tag_encodable_1",
            "urn:epc:id:sscc:0614141.1234567890",
            "sscc-96",
            2,
            "3154257BF4499602D2000000",
            "urn:epc:tag:sscc-96:2.0614141.1234567890",
        ),
        (
            "epcpy-test_valid_sscc_tag_encodable_2",
            "urn:epc:id:sscc:061414.12345678901",
            "sscc-96",
            2,
            "31583BF982DFDC1C35000000",
            "urn:epc:tag:sscc-96:2.061414.12345678901",
        ),
        (
            "epcpy-test_valid_sscc_tag_encodable_3",
            "urn:epc:id:sscc:061414123456.12345",
            "sscc-96",
            0,
            "31003932449F003039000000",
            "urn:epc:tag:sscc-96:0.061414123456.12345",
        ),
        (
            "epcpy-test_valid_sscc_tag_encodable_4",
            "urn:epc:id:sscc:061414123456.00000",
            "sscc-96",
            5,
            "31A03932449F000000000000",
            "urn:epc:tag:sscc-96:5.061414123456.00000",
        ),
        (
            "epcpy-test_valid_usdod_tag_encodable_1",
            "urn:epc:id:usdod:2S194.12345678901",
            "usdod-96",
            0,
            "2F02032533139342DFDC1C35",
            "urn:epc:tag:usdod-96:0.2S194.12345678901",
        ),
        (
            "epcpy-test_valid_usdod_tag_encodable_2",
            "urn:epc:id:usdod:2S194.0",
            "usdod-96",
            1,
            "2F1203253313934000000000",
            "urn:epc:tag:usdod-96:1.2S194.0",
        ),
        (
            "epcpy-test_valid_usdod_tag_encodable_3",
            "urn:epc:id:usdod:2S1941.0",
            "usdod-96",
            2,
            "2F2325331393431000000000",
            "urn:epc:tag:usdod-96:2.2S1941.0",
        ),
        (
            "epcpy-test_valid_usdod_tag_encodable_4",
            "urn:epc:id:usdod:2S194.68719476735",
            "usdod-96",
            15,
            "2FF203253313934FFFFFFFFF",
            "urn:epc:tag:usdod-96:15.2S194.68719476735",
        ),
    ];
    /// (id, tag URI, hex, pure identity URI).
    const TAG: &[(&str, &str, &str, &str)] = &[
        (
            "tds113-E3-sgtin-96",
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789",
            "3074257BF7194E4000001A85",
            "urn:epc:id:sgtin:0614141.812345.6789",
        ),
        (
            "tds113-E3-sgtin-198",
            "urn:epc:tag:sgtin-198:3.0614141.712345.32a%2Fb",
            "3674257BF6B7A659B2C2BF100000000000000000000000000000",
            "urn:epc:id:sgtin:0614141.712345.32a%2Fb",
        ),
        (
            "tds113-E3-sscc-96",
            "urn:epc:tag:sscc-96:3.0614141.1234567890",
            "3174257BF4499602D2000000",
            "urn:epc:id:sscc:0614141.1234567890",
        ),
        (
            "tds113-E3-sgln-96",
            "urn:epc:tag:sgln-96:3.0614141.12345.5678",
            "3274257BF46072000000162E",
            "urn:epc:id:sgln:0614141.12345.5678",
        ),
        (
            "tds113-E3-sgln-195",
            "urn:epc:tag:sgln-195:3.0614141.12345.32a%2Fb",
            "3974257BF46072CD9615F8800000000000000000000000000",
            "urn:epc:id:sgln:0614141.12345.32a%2Fb",
        ),
        (
            "tds113-E3-grai-96",
            "urn:epc:tag:grai-96:3.0614141.12345.5678",
            "3374257BF40C0E400000162E",
            "urn:epc:id:grai:0614141.12345.5678",
        ),
        (
            "tds113-E3-grai-170",
            "urn:epc:tag:grai-170:3.0614141.12345.32a%2Fb",
            "3774257BF40C0E59B2C2BF100000000000000000000",
            "urn:epc:id:grai:0614141.12345.32a%2Fb",
        ),
        (
            "tds113-E3-giai-96",
            "urn:epc:tag:giai-96:3.0614141.5678",
            "3474257BF40000000000162E",
            "urn:epc:id:giai:0614141.5678",
        ),
        (
            "tds113-E3-giai-202",
            "urn:epc:tag:giai-202:3.0614141.32a%2Fb",
            "3874257BF59B2C2BF10000000000000000000000000000000000",
            "urn:epc:id:giai:0614141.32a%2Fb",
        ),
        (
            "tds113-E3-gsrn-96",
            "urn:epc:tag:gsrn-96:3.0614141.1234567890",
            "2D74257BF4499602D2000000",
            "urn:epc:id:gsrn:0614141.1234567890",
        ),
        (
            "tds113-E3-gsrnp-96",
            "urn:epc:tag:gsrnp-96:3.0614141.1234567890",
            "2E74257BF4499602D2000000",
            "urn:epc:id:gsrnp:0614141.1234567890",
        ),
        (
            "tds113-E3-gdti-96",
            "urn:epc:tag:gdti-96:3.0614141.12345.5678",
            "2C74257BF46072000000162E",
            "urn:epc:id:gdti:0614141.12345.5678",
        ),
        (
            "tds113-E3-gdti-174",
            "urn:epc:tag:gdti-174:3.4012345.98765.ABCDefgh012345678",
            "3E74F4E4E7039B061438997367D0C18B266D1AB66EE0",
            "urn:epc:id:gdti:4012345.98765.ABCDefgh012345678",
        ),
        (
            "tds113-E3-cpi-96",
            "urn:epc:tag:cpi-96:3.0614141.98765.12345",
            "3C74257BF400C0E680003039",
            "urn:epc:id:cpi:0614141.98765.12345",
        ),
        (
            "tds113-E3-cpi-var",
            "urn:epc:tag:cpi-var:3.0614141.5PQ7%2FZ43.12345",
            "3D74257BF75411DEF6B4CC00000003039",
            "urn:epc:id:cpi:0614141.5PQ7%2FZ43.12345",
        ),
        (
            "tds113-E3-sgcn-96",
            "urn:epc:tag:sgcn-96:3.4012345.67890.04711",
            "3F74F4E4E612640000019907",
            "urn:epc:id:sgcn:4012345.67890.04711",
        ),
        (
            "tds113-E3-gid-96",
            "urn:epc:tag:gid-96:31415.271828.1414",
            "350007AB70425D4000000586",
            "urn:epc:id:gid:31415.271828.1414",
        ),
        (
            "tds113-E3-usdod-96",
            "urn:epc:tag:usdod-96:3.CAGEY.5678",
            "2F320434147455900000162E",
            "urn:epc:id:usdod:CAGEY.5678",
        ),
        (
            "tds113-E3-adi-var",
            "urn:epc:tag:adi-var:3.35962.PQ7VZ4.M37GXB92",
            "3B0E0CF5E76C9047759AD00373DC7602E7200",
            "urn:epc:id:adi:35962.PQ7VZ4.M37GXB92",
        ),
        (
            "tds113-E3-itip-110",
            "urn:epc:tag:itip-110:0.4012345.012345.01.02.981",
            "4014F4E4E40C0E40820000000F54",
            "urn:epc:id:itip:4012345.012345.01.02.981",
        ),
        (
            "tds113-E3-itip-212",
            "urn:epc:tag:itip-212:0.4012345.012345.01.02.mw133",
            "4114F4E4E40C0E4082DBDD8B36600000000000000000000000000000",
            "urn:epc:id:itip:4012345.012345.01.02.mw133",
        ),
    ];
    /// (id, repr, value, pure identity URI, tag URI).
    const DECODE: &[(&str, &str, &str, &str, Option<&str>)] = &[
        (
            "tds113-E2-sgtin-96-binary",
            "binary",
            "001100000111010000100101011110111111011100011001010011100100000000000000000000000001101010000101",
            "urn:epc:id:sgtin:0614141.812345.6789",
            Some("urn:epc:tag:sgtin-96:3.0614141.812345.6789"),
        ),
        (
            "tds23-E3-sgtin-96-errata",
            "hex",
            "3066C4409047E140075BCD15",
            "urn:epc:id:sgtin:95060001343.05.123456789",
            Some("urn:epc:tag:sgtin-96:3.95060001343.05.123456789"),
        ),
        (
            "rust-gs1-gid-3500E8",
            "hex",
            "3500E86F8000A9E000000586",
            "urn:epc:id:gid:952056.2718.1414",
            Some("urn:epc:tag:gid-96:952056.2718.1414"),
        ),
        (
            "rust-gs1-grai-337645",
            "hex",
            "3376451FD40C0E400000162E",
            "urn:epc:id:grai:9521141.12345.5678",
            Some("urn:epc:tag:grai-96:3.9521141.12345.5678"),
        ),
        (
            "rust-gs1-gid-350000",
            "hex",
            "35000007B0001C8000000315",
            "urn:epc:id:gid:123.456.789",
            Some("urn:epc:tag:gid-96:123.456.789"),
        ),
        (
            "rust-gs1-sgtin-303960",
            "hex",
            "30396062C3A1A800006B33F4",
            "urn:epc:id:sgtin:360843.0951968.7025652",
            None,
        ),
    ];
    /// (id, hex) that must be rejected.
    const BAD_HEX: &[(&str, &str)] = &[
        ("rust-gs1-bad-header-E2", "E20000000000000000000000"),
        ("derived-invalid-hex-too-short", "307"),
        (
            "derived-invalid-hex-partition-7",
            "307C257BF7194E4000001A85",
        ),
        ("derived-invalid-hex-not-hex", "XYZ"),
    ];
    /// (id, tag URI) that must be rejected.
    const BAD_TAG: &[(&str, &str)] = &[
        (
            "derived-invalid-sgtin-96-leading-zero-serial",
            "urn:epc:tag:sgtin-96:3.0614141.812345.06789",
        ),
        (
            "derived-invalid-sgtin-96-serial-overflow",
            "urn:epc:tag:sgtin-96:3.0614141.812345.274877906944",
        ),
        (
            "derived-invalid-sgtin-96-alpha-serial",
            "urn:epc:tag:sgtin-96:3.0614141.812345.12abc",
        ),
        (
            "derived-invalid-sgtin-96-filter-8",
            "urn:epc:tag:sgtin-96:8.0614141.812345.1",
        ),
    ];
    /// (id, pure identity URI, binary scheme, filter) that cannot be encoded.
    const BAD_ENCODE: &[(&str, &str, &str, u8)] = &[
        (
            "epcpy-test_invalid_cpi_tag_encodable_invalid_syntax",
            "urn:epc:id:cpi:0614141.12-456.123456789",
            "cpi-96",
            0,
        ),
        (
            "epcpy-test_invalid_cpi_tag_encodable_invalid_part_length",
            "urn:epc:id:cpi:0614141.1234567890.0",
            "cpi-96",
            1,
        ),
        (
            "epcpy-test_invalid_cpi_tag_encodable_serial_out_of_range",
            "urn:epc:id:cpi:0614141.123467890.100000000000",
            "cpi-96",
            5,
        ),
        (
            "epcpy-test_invalid_gdti_tag_encodable_invalid_serial_1",
            "urn:epc:id:gdti:0614141.12345.ABCD1234%2F",
            "gdti-96",
            0,
        ),
        (
            "epcpy-test_invalid_gdti_tag_encodable_invalid_serial_2",
            "urn:epc:id:gdti:0614141.12345.2199023255552",
            "gdti-96",
            2,
        ),
        (
            "epcpy-test_invalid_gdti_tag_encodable_invalid_serial_3",
            "urn:epc:id:gdti:0614141.12345.01",
            "gdti-96",
            2,
        ),
        (
            "epcpy-test_invalid_giai_tag_encodable_invalid_serial_1",
            "urn:epc:id:giai:0614141.02",
            "giai-96",
            1,
        ),
        (
            "epcpy-test_invalid_giai_tag_encodable_invalid_serial_2",
            "urn:epc:id:giai:061411.11ABc%2FD",
            "giai-96",
            4,
        ),
        (
            "epcpy-test_invalid_grai_serial_1",
            "urn:epc:id:grai:0614141.12345.4000000000000000",
            "grai-96",
            0,
        ),
        (
            "epcpy-test_invalid_grai_serial_2",
            "urn:epc:id:grai:061414113245..01",
            "grai-96",
            0,
        ),
        (
            "epcpy-test_invalid_grai_tag_encodable_serial_3",
            "urn:epc:id:grai:0614141.12345.ABCD1234%2F",
            "grai-96",
            0,
        ),
        (
            "epcpy-test_valid_grai_tag_encodable_serial_4",
            "urn:epc:id:grai:061414113245..274877906944",
            "grai-96",
            0,
        ),
        (
            "epcpy-test_invalid_itip_tag_encodable_invalid_serial_1",
            "urn:epc:id:itip:0123456.012345.00.00.01234567890123456789",
            "itip-110",
            0,
        ),
        (
            "epcpy-test_invalid_itip_tag_encodable_invalid_serial_2",
            "urn:epc:id:itip:012345678901.0.00.00.ABCDEFGHIJKLMNOP%2FRST",
            "itip-110",
            0,
        ),
        (
            "epcpy-test_invalid_itip_tag_encodable_invalid_serial_3",
            "urn:epc:id:itip:012345678901.0.00.00.274877906944",
            "itip-110",
            0,
        ),
        (
            "epcpy-test_invalid_sgln_tag_encodable_invalid_serial_1",
            "urn:epc:id:sgln:0614141.12345.01",
            "sgln-96",
            0,
        ),
        (
            "epcpy-test_invalid_sgln_tag_encodable_invalid_serial_2",
            "urn:epc:id:sgln:061411123456..A%2F-BCDEFGHIJKLMNOPQR",
            "sgln-96",
            0,
        ),
        (
            "epcpy-test_invalid_sgln_tag_encodable_invalid_serial_3",
            "urn:epc:id:sgln:061411123456..2199023255552",
            "sgln-96",
            0,
        ),
        (
            "epcpy-test_invalid_sgtin_tag_encodable_invalid_serial_for_coding_scheme_1",
            "urn:epc:id:sgtin:50712192365.88..%25:.13%26",
            "sgtin-96",
            1,
        ),
        (
            "epcpy-test_invalid_sgtin_tag_encodable_invalid_serial_for_coding_scheme_2",
            "urn:epc:id:sgtin:50712192365.88.0123",
            "sgtin-96",
            1,
        ),
        (
            "epcpy-test_invalid_sgtin_tag_encodable_invalid_serial_for_coding_scheme_3",
            "urn:epc:id:sgtin:50712192365.88.1123456789012",
            "sgtin-96",
            1,
        ),
    ];

    /// Hex equality modulo case and trailing zero padding (TDS E.3 prints
    /// some encodings unpadded).
    fn same_hex(a: &str, b: &str) -> bool {
        a.to_ascii_uppercase().trim_end_matches('0') == b.to_ascii_uppercase().trim_end_matches('0')
    }

    fn scheme(name: &str) -> BinaryScheme {
        BinaryScheme::from_name(name.as_bytes()).unwrap_or_else(|| panic!("scheme {name}"))
    }

    fn kind<T: fmt::Debug>(r: Result<T, ParseError>) -> ErrorKind {
        match r {
            Err(e) => e.kind(),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    fn hex(s: &str) -> Binary {
        Binary::from_hex(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn epc(scheme: Scheme, components: &[&'static str]) -> Epc<'static> {
        Epc::from_components(scheme, components).unwrap_or_else(|e| panic!("{components:?}: {e}"))
    }

    #[test]
    fn encode_vectors() {
        for &(id, uri, bs, filter, want, tag_uri) in ENCODE {
            let e = Epc::parse(uri).unwrap_or_else(|e| panic!("{id}: {e}"));
            let bin = e
                .to_binary(scheme(bs), filter)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(
                bin.bit_len(),
                scheme(bs).bits().map_or(bin.bit_len(), usize::from)
            );
            assert!(same_hex(&bin.to_string(), want), "{id}: {bin} != {want}");
            let tag = TagEpc::new(e, scheme(bs), filter).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(tag.to_string(), tag_uri, "{id}");
            assert_eq!(tag.encode(), bin, "{id}");
            // And back, from the vector's hex.
            let back = hex(want).decode().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(back.to_string(), tag_uri, "{id}");
            assert_eq!(back.epc().to_string(), uri, "{id}");
            assert_eq!(back, tag.into_owned(), "{id}");
        }
    }

    #[test]
    fn tag_uri_vectors() {
        for &(id, tag_uri, want, uri) in TAG {
            let tag = TagEpc::parse(tag_uri).unwrap_or_else(|e| panic!("{id}: {e}"));
            let bin = tag.encode();
            assert!(same_hex(&bin.to_string(), want), "{id}: {bin} != {want}");
            let back = hex(want).decode().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(back.to_string(), tag_uri, "{id}");
            assert_eq!(back.epc().to_string(), uri, "{id}");
            // 16-bit word padding on output.
            assert_eq!(bin.to_string().len() % 4, 0, "{id}");
        }
    }

    #[test]
    fn decode_vectors() {
        for &(id, repr, value, uri, tag_uri) in DECODE {
            let bin = if repr == "hex" {
                hex(value)
            } else {
                Binary::from_bit_str(value).unwrap_or_else(|e| panic!("{id}: {e}"))
            };
            let tag = bin.decode().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(tag.epc().to_string(), uri, "{id}");
            if let Some(t) = tag_uri {
                assert_eq!(tag.to_string(), t, "{id}");
            }
            assert_eq!(tag.encode(), bin, "{id}: re-encoding");
        }
    }

    #[test]
    fn bad_hex_vectors() {
        let want = [
            ErrorKind::UnknownHeader,
            ErrorKind::BitLength,
            ErrorKind::InvalidPartition,
            ErrorKind::NotHex,
        ];
        assert_eq!(BAD_HEX.len(), want.len());
        for (&(id, value), want) in BAD_HEX.iter().zip(want) {
            let got = Binary::from_hex(value).and_then(|b| b.decode());
            assert_eq!(kind(got), want, "{id}");
        }
    }

    #[test]
    fn bad_tag_vectors() {
        for &(id, tag_uri) in BAD_TAG {
            assert!(TagEpc::parse(tag_uri).is_err(), "{id}");
        }
        // The same through the encoder, from components.
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "06789"]);
        assert_eq!(
            kind(e.to_binary(BinaryScheme::Sgtin96, 3)),
            ErrorKind::NotEncodable
        );
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "274877906944"]);
        assert_eq!(
            kind(e.to_binary(BinaryScheme::Sgtin96, 3)),
            ErrorKind::NotEncodable
        );
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "12abc"]);
        assert_eq!(
            kind(e.to_binary(BinaryScheme::Sgtin96, 3)),
            ErrorKind::NotEncodable
        );
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "1"]);
        assert_eq!(
            kind(e.to_binary(BinaryScheme::Sgtin96, 8)),
            ErrorKind::InvalidFilter
        );
        assert_eq!(
            kind(TagEpc::new(e, BinaryScheme::Sgtin96, 8)),
            ErrorKind::InvalidFilter
        );
    }

    #[test]
    fn bad_encode_vectors() {
        for &(id, uri, bs, filter) in BAD_ENCODE {
            let e = Epc::parse(uri).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(
                kind(e.to_binary(scheme(bs), filter)),
                ErrorKind::NotEncodable,
                "{id}"
            );
            assert_eq!(
                kind(TagEpc::new(e, scheme(bs), filter)),
                ErrorKind::NotEncodable,
                "{id}"
            );
        }
    }

    /// TDS 1.13 Appendix E.3, every binary scheme, built from components.
    #[test]
    fn tds_e3_examples() {
        let cases: &[(Scheme, &[&'static str], BinaryScheme, u8, &str)] = &[
            (
                Scheme::Sgtin,
                &["0614141", "812345", "6789"],
                BinaryScheme::Sgtin96,
                3,
                "3074257BF7194E4000001A85",
            ),
            (
                Scheme::Sgtin,
                &["0614141", "712345", "32a/b"],
                BinaryScheme::Sgtin198,
                3,
                "3674257BF6B7A659B2C2BF100000000000000000000000000000",
            ),
            (
                Scheme::Sscc,
                &["0614141", "1234567890"],
                BinaryScheme::Sscc96,
                3,
                "3174257BF4499602D2000000",
            ),
            (
                Scheme::Sgln,
                &["0614141", "12345", "5678"],
                BinaryScheme::Sgln96,
                3,
                "3274257BF46072000000162E",
            ),
            (
                Scheme::Sgln,
                &["0614141", "12345", "32a/b"],
                BinaryScheme::Sgln195,
                3,
                "3974257BF46072CD9615F8800000000000000000000000000",
            ),
            (
                Scheme::Grai,
                &["0614141", "12345", "5678"],
                BinaryScheme::Grai96,
                3,
                "3374257BF40C0E400000162E",
            ),
            (
                Scheme::Grai,
                &["0614141", "12345", "32a/b"],
                BinaryScheme::Grai170,
                3,
                "3774257BF40C0E59B2C2BF100000000000000000000",
            ),
            (
                Scheme::Giai,
                &["0614141", "5678"],
                BinaryScheme::Giai96,
                3,
                "3474257BF40000000000162E",
            ),
            (
                Scheme::Giai,
                &["0614141", "32a/b"],
                BinaryScheme::Giai202,
                3,
                "3874257BF59B2C2BF10000000000000000000000000000000000",
            ),
            (
                Scheme::Gsrn,
                &["0614141", "1234567890"],
                BinaryScheme::Gsrn96,
                3,
                "2D74257BF4499602D2000000",
            ),
            (
                Scheme::Gsrnp,
                &["0614141", "1234567890"],
                BinaryScheme::Gsrnp96,
                3,
                "2E74257BF4499602D2000000",
            ),
            (
                Scheme::Gdti,
                &["0614141", "12345", "5678"],
                BinaryScheme::Gdti96,
                3,
                "2C74257BF46072000000162E",
            ),
            (
                Scheme::Gdti,
                &["4012345", "98765", "ABCDefgh012345678"],
                BinaryScheme::Gdti174,
                3,
                "3E74F4E4E7039B061438997367D0C18B266D1AB66EE0",
            ),
            (
                Scheme::Cpi,
                &["0614141", "98765", "12345"],
                BinaryScheme::Cpi96,
                3,
                "3C74257BF400C0E680003039",
            ),
            (
                Scheme::Cpi,
                &["0614141", "5PQ7/Z43", "12345"],
                BinaryScheme::CpiVar,
                3,
                "3D74257BF75411DEF6B4CC00000003039",
            ),
            (
                Scheme::Sgcn,
                &["4012345", "67890", "04711"],
                BinaryScheme::Sgcn96,
                3,
                "3F74F4E4E612640000019907",
            ),
            (
                Scheme::Gid,
                &["31415", "271828", "1414"],
                BinaryScheme::Gid96,
                0,
                "350007AB70425D4000000586",
            ),
            (
                Scheme::Usdod,
                &["CAGEY", "5678"],
                BinaryScheme::Usdod96,
                3,
                "2F320434147455900000162E",
            ),
            (
                Scheme::Adi,
                &["35962", "PQ7VZ4", "M37GXB92"],
                BinaryScheme::AdiVar,
                3,
                "3B0E0CF5E76C9047759AD00373DC7602E7200",
            ),
            (
                Scheme::Itip,
                &["4012345", "012345", "01", "02", "981"],
                BinaryScheme::Itip110,
                0,
                "4014F4E4E40C0E40820000000F54",
            ),
            (
                Scheme::Itip,
                &["4012345", "012345", "01", "02", "mw133"],
                BinaryScheme::Itip212,
                0,
                "4114F4E4E40C0E4082DBDD8B36600000000000000000000000000000",
            ),
        ];
        for &(s, comps, bs, filter, want) in cases {
            let e = epc(s, comps);
            let bin = e
                .to_binary(bs, filter)
                .unwrap_or_else(|err| panic!("{bs}: {err}"));
            assert!(same_hex(&bin.to_string(), want), "{bs}: {bin} != {want}");
            let tag = hex(want)
                .decode()
                .unwrap_or_else(|err| panic!("{bs}: {err}"));
            assert_eq!((tag.binary_scheme(), tag.filter()), (bs, filter));
            assert_eq!(tag.epc(), &e, "{bs}");
            assert_eq!(tag.epc().components().collect::<Vec<_>>(), comps, "{bs}");
        }
    }

    /// The TDT README (filter 1, not 3 as its hex was once labelled) and
    /// Fosstrak TDT page 13 examples, given there as bare identifiers.
    #[test]
    fn tdt_examples() {
        let e = epc(Scheme::Sgtin, &["0037000", "030241", "10419703"]);
        let bin = e
            .to_binary(BinaryScheme::Sgtin96, 1)
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(bin.to_string(), "30340242201D8840009EFDF7");
        let e = epc(Scheme::Sgtin, &["0037000", "030241", "1041970"]);
        let want = "001100000111010000000010010000100010000000011101100010000100000000000000000011111110011000110010";
        let bin = e
            .to_binary(BinaryScheme::Sgtin96, 3)
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(Binary::from_bit_str(want), Ok(bin));
        assert_eq!(
            bin.decode().map(|t| t.to_string()),
            Ok("urn:epc:tag:sgtin-96:3.0037000.030241.1041970".to_owned())
        );
    }

    /// TDS 1.13 E.3: SGCN-96 keeps the leading zero of `04711` by encoding
    /// `104711` (0x19907); epc-tds drops it.
    #[test]
    fn sgcn_numeric_string_keeps_leading_zeros() {
        for (serial, tail) in [
            ("04711", 0x19907u64),
            ("4711", 14711),
            ("0", 10),
            ("00", 100),
        ] {
            let e = epc(Scheme::Sgcn, &["4012345", "67890", serial]);
            let bin = e
                .to_binary(BinaryScheme::Sgcn96, 3)
                .unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(bin.read_bits(55, 41), Some(tail), "{serial}");
            assert_eq!(
                bin.decode().map(|t| t.epc().component(2).to_owned()),
                Ok(serial.to_owned())
            );
        }
        // A Numeric String without its leading 1 comes from no encoder.
        let mut bin = epc(Scheme::Sgcn, &["4012345", "67890", "1"])
            .to_binary(BinaryScheme::Sgcn96, 3)
            .unwrap_or_else(|err| panic!("{err}"));
        bin.bytes[11] = 0x02; // serial field = 2 (...0010)
        assert_eq!(bin.read_bits(55, 41), Some(2));
        assert_eq!(kind(bin.decode()), ErrorKind::BitLength);
        // The deprecated GDTI-113 uses the same method.
        let e = epc(Scheme::Gdti, &["0614141", "12345", "00012345678901234"]);
        let bin = e
            .to_binary(BinaryScheme::Gdti113, 0)
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(bin.bit_len(), 113);
        assert_eq!(bin.decode().map(|t| *t.epc() == e), Ok(true));
        assert_eq!(
            e.tag(0, None).map(|t| t.binary_scheme()),
            Ok(BinaryScheme::Gdti174)
        );
        assert_eq!(
            e.tag(0, Some(113)).map(|t| t.binary_scheme()),
            Ok(BinaryScheme::Gdti113)
        );
    }

    /// epc-tds decodes `307` to `urn:epc:id:sgtin:103079215104.00.0`.
    #[test]
    fn short_hex_is_rejected() {
        assert_eq!(
            Binary::from_hex("307").and_then(|b| b.decode()),
            Err(ParseError::new(ErrorKind::BitLength, 3))
        );
        for n in 0..24 {
            let full = "3074257BF7194E4000001A85";
            let got = Binary::from_hex(&full[..n]).and_then(|b| b.decode());
            assert!(got.is_err(), "{n} nibbles");
        }
    }

    /// gs1 0.1.8 decodes SSCC-96 partition 6 to a wrong 14-digit serial.
    #[test]
    fn sscc_partition_6() {
        let tag = hex("31583BF982DFDC1C35000000")
            .decode()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tag.to_string(), "urn:epc:tag:sscc-96:2.061414.12345678901");
        // Reserved bits must be zero.
        assert_eq!(
            kind(hex("31583BF982DFDC1C35000001").decode()),
            ErrorKind::BitLength
        );
    }

    #[test]
    fn partition_7_is_reserved() {
        let got = hex("307C257BF7194E4000001A85").decode();
        assert_eq!(got, Err(ParseError::new(ErrorKind::InvalidPartition, 2)));
        // For every partitioned scheme.
        for &bs in BinaryScheme::ALL {
            if !matches!(layout(bs).first(), Some(Seg::Partition { .. })) {
                continue;
            }
            let mut bin = Binary::empty();
            bin.push_bits(u64::from(bs.header()), 8);
            bin.push_bits(0, 3);
            bin.push_bits(7, 3);
            while bin.push_bits(0, 64) {}
            assert_eq!(kind(bin.decode()), ErrorKind::InvalidPartition, "{bs}");
        }
    }

    #[test]
    fn every_partition_round_trips() {
        for gcp_len in 6..=12 {
            let gcp = &"061414112345"[..gcp_len];
            let item = &"8123456"[..13 - gcp_len];
            for (bs, serial) in [
                (BinaryScheme::Sgtin96, "6789"),
                (BinaryScheme::Sgtin198, "A-1"),
            ] {
                let e = Epc::from_components(Scheme::Sgtin, &[gcp, item, serial])
                    .unwrap_or_else(|err| panic!("{err}"));
                let bin = e.to_binary(bs, 1).unwrap_or_else(|err| panic!("{err}"));
                assert_eq!(bin.read_bits(11, 3), Some(12 - gcp_len as u64));
                assert_eq!(bin.decode().map(|t| *t.epc() == e), Ok(true), "{bs} {gcp}");
            }
        }
    }

    #[test]
    fn filter_range() {
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "1"]);
        for f in 0..=7 {
            let bin = e
                .to_binary(BinaryScheme::Sgtin96, f)
                .unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(bin.decode().map(|t| t.filter()), Ok(f));
        }
        for f in [8, 9, 255] {
            assert_eq!(
                kind(e.to_binary(BinaryScheme::Sgtin96, f)),
                ErrorKind::InvalidFilter
            );
        }
        let gid = epc(Scheme::Gid, &["1", "2", "3"]);
        assert!(gid.to_binary(BinaryScheme::Gid96, 0).is_ok());
        assert_eq!(
            kind(gid.to_binary(BinaryScheme::Gid96, 1)),
            ErrorKind::InvalidFilter
        );
        let usdod = epc(Scheme::Usdod, &["CAGEY", "1"]);
        assert!(usdod.to_binary(BinaryScheme::Usdod96, 15).is_ok());
        assert_eq!(
            kind(usdod.to_binary(BinaryScheme::Usdod96, 16)),
            ErrorKind::InvalidFilter
        );
        let adi = epc(Scheme::Adi, &["CAGEY", "", "1"]);
        assert!(adi.to_binary(BinaryScheme::AdiVar, 63).is_ok());
        assert_eq!(
            kind(adi.to_binary(BinaryScheme::AdiVar, 64)),
            ErrorKind::InvalidFilter
        );
    }

    #[test]
    fn sgtin96_serial_limits() {
        let ok = |s: &'static str| {
            epc(Scheme::Sgtin, &["0614141", "812345", s])
                .to_binary(BinaryScheme::Sgtin96, 3)
                .map(|b| b.read_bits(58, 38))
        };
        assert_eq!(ok("0"), Ok(Some(0)));
        assert_eq!(ok("274877906943"), Ok(Some((1 << 38) - 1)));
        for bad in ["274877906944", "00", "01", "1A", "99999999999999999999"] {
            assert_eq!(kind(ok(bad)), ErrorKind::NotEncodable, "{bad}");
        }
        // Offsets point into `components.join(".")`.
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "12abc"]);
        assert_eq!(
            e.to_binary(BinaryScheme::Sgtin96, 3),
            Err(ParseError::new(ErrorKind::NotEncodable, 15 + 2))
        );
        // tag() falls back to SGTIN-198.
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "06789"]);
        assert_eq!(
            e.tag(3, None).map(|t| t.binary_scheme()),
            Ok(BinaryScheme::Sgtin198)
        );
        assert_eq!(kind(e.tag(3, Some(96))), ErrorKind::NotEncodable);
        assert_eq!(kind(e.tag(3, Some(97))), ErrorKind::NoTranslation);
    }

    #[test]
    fn scheme_mismatch_and_no_binary() {
        let e = epc(Scheme::Sgtin, &["0614141", "812345", "1"]);
        assert_eq!(
            kind(e.to_binary(BinaryScheme::Sscc96, 0)),
            ErrorKind::NotEncodable
        );
        assert_eq!(
            kind(TagEpc::new(e, BinaryScheme::Sscc96, 0)),
            ErrorKind::NotEncodable
        );
        let ginc = epc(Scheme::Ginc, &["0614141", "xyz"]);
        assert_eq!(
            kind(ginc.to_binary(BinaryScheme::Sgtin96, 0)),
            ErrorKind::NoTranslation
        );
        assert_eq!(kind(ginc.tag(0, None)), ErrorKind::NoTranslation);
    }

    #[test]
    fn tag_chooses_scheme() {
        let cases: &[(Scheme, &[&'static str], BinaryScheme)] = &[
            (
                Scheme::Sgtin,
                &["0614141", "812345", "6789"],
                BinaryScheme::Sgtin96,
            ),
            (
                Scheme::Sgln,
                &["0614141", "12345", "0"],
                BinaryScheme::Sgln96,
            ),
            (
                Scheme::Sgln,
                &["0614141", "12345", "A"],
                BinaryScheme::Sgln195,
            ),
            (Scheme::Giai, &["0614141", "0123"], BinaryScheme::Giai202),
            (Scheme::Cpi, &["0614141", "123", "1"], BinaryScheme::Cpi96),
            (Scheme::Cpi, &["0614141", "12-3", "1"], BinaryScheme::CpiVar),
            (
                Scheme::Itip,
                &["4012345", "012345", "01", "02", "x"],
                BinaryScheme::Itip212,
            ),
            (Scheme::Adi, &["CAGEY", "", "1"], BinaryScheme::AdiVar),
        ];
        for &(s, comps, want) in cases {
            let e = epc(s, comps);
            assert_eq!(
                e.tag(0, None).map(|t| t.binary_scheme()),
                Ok(want),
                "{comps:?}"
            );
        }
    }

    #[test]
    fn giai96_and_sgln96_rules() {
        let giai =
            |a: &'static str| epc(Scheme::Giai, &["0614141", a]).to_binary(BinaryScheme::Giai96, 0);
        assert!(giai("0").is_ok());
        assert!(giai("288230376151711743").is_ok()); // 2^58 - 1, partition 5
        assert_eq!(kind(giai("288230376151711744")), ErrorKind::NotEncodable);
        assert_eq!(kind(giai("012")), ErrorKind::NotEncodable);
        assert_eq!(kind(giai("12A")), ErrorKind::NotEncodable);
        let sgln = |x: &'static str| {
            epc(Scheme::Sgln, &["0614141", "12345", x]).to_binary(BinaryScheme::Sgln96, 0)
        };
        assert_eq!(sgln("0").map(|b| b.read_bits(55, 41)), Ok(Some(0)));
        assert!(sgln("2199023255551").is_ok());
        assert_eq!(kind(sgln("2199023255552")), ErrorKind::NotEncodable);
        assert_eq!(kind(sgln("01")), ErrorKind::NotEncodable);
    }

    #[test]
    fn cage_and_dodaac() {
        // A 6-character DoDAAC fills the field; a 5-character CAGE code is
        // preceded by a space.
        let e = epc(Scheme::Usdod, &["W81X9C", "0"]);
        let bin = e
            .to_binary(BinaryScheme::Usdod96, 0)
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(bin.to_string(), "2F0573831583943000000000");
        assert_eq!(bin.decode().map(|t| *t.epc() == e), Ok(true));
        let mut bad = bin;
        // 'a' (0x61) for the first CAGE character.
        bad.bytes[1] = (bad.bytes[1] & 0xF0) | 0x06;
        bad.bytes[2] = (bad.bytes[2] & 0x0F) | 0x10;
        assert_eq!(kind(bad.decode()), ErrorKind::InvalidCharacter);
        // ADI serial with '#', part number with '/'.
        let e = epc(Scheme::Adi, &["W81X9C", "3KL984PX1", "#2WM/A52"]);
        let bin = e
            .to_binary(BinaryScheme::AdiVar, 1)
            .unwrap_or_else(|err| panic!("{err}"));
        assert!(same_hex(
            &bin.to_string(),
            "3B057E316390F32CCE78D10631023C9736F075C80000"
        ));
        assert_eq!(bin.decode().map(|t| *t.epc() == e), Ok(true));
    }

    #[test]
    fn strings_after_terminator_must_be_zero() {
        let e = epc(Scheme::Sgtin, &["0614141", "712345", "AB"]);
        let mut bin = e
            .to_binary(BinaryScheme::Sgtin198, 3)
            .unwrap_or_else(|err| panic!("{err}"));
        assert!(bin.decode().is_ok());
        bin.bytes[20] = 1;
        assert_eq!(kind(bin.decode()), ErrorKind::BitLength);
        // A character outside Table A-1 (`#` = 0x23) is refused.
        let mut bin = e
            .to_binary(BinaryScheme::Sgtin198, 3)
            .unwrap_or_else(|err| panic!("{err}"));
        let mut raw = Binary::empty();
        raw.push_bits(bin.read_bits(0, 58).unwrap_or(0), 58);
        raw.push_bits(0x23, 7);
        while raw.bit_len() < 198 {
            raw.push_bits(0, 1);
        }
        assert_eq!(kind(raw.decode()), ErrorKind::InvalidCharacter);
        bin.bits = 197;
        assert_eq!(kind(bin.decode()), ErrorKind::BitLength);
    }

    #[test]
    fn six_bit_strings_need_terminator() {
        let e = epc(Scheme::Cpi, &["0614141", "5PQ7/Z43", "12345"]);
        let bin = e
            .to_binary(BinaryScheme::CpiVar, 3)
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(bin.bit_len(), 132);
        for n in (8..132).step_by(4) {
            let mut cut = Binary::empty();
            for i in 0..n {
                cut.push_bits(bin.read_bits(i, 1).unwrap_or(0), 1);
            }
            assert!(cut.decode().is_err(), "{n} bits");
        }
    }

    #[test]
    fn hex_input() {
        let upper = hex("3074257BF7194E4000001A85");
        assert_eq!(hex("3074257bf7194e4000001a85"), upper);
        // Longer than the scheme (a 128-bit EPC bank): ignored.
        let long = hex("3074257BF7194E4000001A85FFFFFFFF");
        assert_eq!(long.decode(), upper.decode());
        // Odd length.
        let odd = hex("3B0E0CF5E76C9047759AD00373DC7602E7200");
        assert_eq!(odd.bit_len(), 148);
        assert!(odd.decode().is_ok());
        assert_eq!(
            Binary::from_hex(""),
            Err(ParseError::new(ErrorKind::Empty, 0))
        );
        assert_eq!(
            Binary::from_hex("30g4"),
            Err(ParseError::new(ErrorKind::NotHex, 2))
        );
        assert_eq!(
            Binary::from_hex("307g"),
            Err(ParseError::new(ErrorKind::NotHex, 3))
        );
        assert_eq!(
            Binary::from_hex("30 74"),
            Err(ParseError::new(ErrorKind::NotHex, 2))
        );
        assert_eq!(
            Binary::from_hex("307é"),
            Err(ParseError::new(ErrorKind::NotHex, 3))
        );
        assert_eq!(
            Binary::from_hex("XYZ"),
            Err(ParseError::new(ErrorKind::NotHex, 0))
        );
        assert!(Binary::from_hex(&"0".repeat(MAX_BYTES * 2)).is_ok());
        let too_long = "0".repeat(MAX_BYTES * 2 + 1);
        assert_eq!(kind(Binary::from_hex(&too_long)), ErrorKind::BitLength);
        let too_long_bad = format!("{}x", "0".repeat(MAX_BYTES * 2 + 3));
        assert_eq!(kind(Binary::from_hex(&too_long_bad)), ErrorKind::NotHex);
        assert_eq!(kind(hex("E200").decode()), ErrorKind::UnknownHeader);
        assert_eq!(kind(hex("3").decode()), ErrorKind::BitLength);
        // Output is padded to 16-bit words.
        let mut b = Binary::empty();
        b.push_bits(0x3D, 8);
        b.push_bits(1, 1);
        assert_eq!(b.to_string(), "3D80");
    }

    #[test]
    fn bit_string_input() {
        let b = Binary::from_bit_str("00110000").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((b.bit_len(), b.as_bytes()), (8, &[0x30u8][..]));
        assert_eq!(
            Binary::from_bit_str("0012"),
            Err(ParseError::new(ErrorKind::InvalidCharacter, 3))
        );
        assert_eq!(kind(Binary::from_bit_str("")), ErrorKind::Empty);
        assert_eq!(
            kind(Binary::from_bit_str(&"1".repeat(MAX_BYTES * 8 + 1))),
            ErrorKind::BitLength
        );
    }

    #[test]
    fn digit_parsing() {
        let mut rng = Rng(99);
        for _ in 0..5000 {
            let len = rng.below(20) as usize;
            let mut s: Vec<u8> = (0..len).map(|_| b'0' + rng.below(10) as u8).collect();
            let want: u64 = if len == 0 {
                0
            } else {
                std::str::from_utf8(&s).unwrap_or("").parse().unwrap_or(0)
            };
            assert_eq!(enc_digits(&s), Ok(want), "{s:?}");
            if len > 0 {
                let at = rng.below(len as u64) as usize;
                s[at] = [b'/', b':', b'a', b' ', 0x80, 0xFF, 0, b'.'][rng.below(8) as usize];
                assert_eq!(enc_digits(&s), Err(at), "{s:?}");
            }
        }
        assert_eq!(enc_digits(b"01234567890123456789"), Err(19));
    }

    #[test]
    fn hex_digits_of_words() {
        for x in [0u32, 1, 0x3074_257B, 0xFFFF_FFFF, 0x0A0B_0C0D, 0x9F90_A9F0] {
            let want: String = x.to_le_bytes().iter().map(|b| format!("{b:02X}")).collect();
            assert_eq!(hex_digits(x).to_le_bytes(), want.as_bytes(), "{x:#x}");
        }
    }

    #[test]
    fn hex_output() {
        let mut rng = Rng(5);
        for _ in 0..500 {
            let mut b = Binary::empty();
            let n = rng.below(MAX_BYTES as u64 * 8 + 1) as u32;
            for _ in 0..n {
                b.push_bits(rng.next(), 1);
            }
            let want: String = b
                .as_bytes()
                .iter()
                .map(|x| format!("{x:02X}"))
                .collect::<String>()
                .chars()
                .chain(std::iter::repeat('0'))
                .take(b.bit_len().div_ceil(16) * 4)
                .collect();
            assert_eq!(b.to_string(), want);
            assert_eq!(
                Binary::from_hex(&want).map(|h| h.as_bytes().to_vec()),
                Ok({
                    let mut v = b.as_bytes().to_vec();
                    v.resize(want.len() / 2, 0);
                    v
                })
            );
        }
    }

    #[test]
    fn decimal_digits() {
        let mut rng = Rng(77);
        let mut values = vec![
            0,
            1,
            9,
            10,
            99,
            100,
            12_345_678,
            99_999_999,
            100_000_000,
            u64::MAX,
        ];
        values.extend((0..2000).map(|_| rng.next() >> rng.below(64)));
        for v in values {
            for width in [0, 1, 2, 7, 12, 19] {
                let want = if v == 0 && width == 0 {
                    String::new()
                } else {
                    format!("{v:0width$}")
                };
                assert_eq!(
                    dec_text(v, width).as_bytes(),
                    want.as_bytes(),
                    "{v} {width}"
                );
            }
        }
    }

    #[test]
    fn push_and_read_bits() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200 {
            let mut b = Binary::empty();
            let mut fields = Vec::new();
            loop {
                let n = (next() % 65) as u32;
                let v = next() & if n == 64 { u64::MAX } else { (1 << n) - 1 };
                if !b.push_bits(v, n) {
                    break;
                }
                fields.push((b.bit_len() - n as usize, n, v));
            }
            for (at, n, v) in fields {
                assert_eq!(b.read_bits(at, n), Some(v));
            }
            assert_eq!(b.read_bits(b.bit_len(), 1), None);
        }
    }

    #[test]
    fn layouts_match_bit_lengths() {
        for (i, &bs) in BinaryScheme::ALL.iter().enumerate() {
            // FAST96 is indexed by declaration order.
            assert_eq!(bs as usize, i);
            assert_eq!(Fast96::of(bs).is_some(), Fast96::find(bs).is_some());
            let Some(bits) = bs.bits() else { continue };
            let mut n = 8 + u32::from(bs.filter_bits());
            for seg in layout(bs) {
                n += match *seg {
                    Seg::Partition { bits, .. } => 3 + bits,
                    Seg::Int { bits, .. }
                    | Seg::NumStr { bits, .. }
                    | Seg::Fixed { bits, .. }
                    | Seg::Zero { bits } => bits,
                    Seg::Str7 { chars } => 7 * u32::from(chars),
                    Seg::Cage8 => 48,
                    Seg::Cage6 => 36,
                    Seg::Str6 { .. } => panic!("{bs}: variable segment in a fixed scheme"),
                };
            }
            assert_eq!(n, u32::from(bits), "{bs}");
        }
    }

    /// The 128-bit fast path and the segment walk agree, results and
    /// errors alike.
    #[test]
    fn fast_path_matches_segment_walk() {
        let mut rng = Rng(0x0123_4567_89AB_CDEF);
        let mut checked = 0;
        for round in 0..30_000 {
            let bs = BinaryScheme::ALL[round % BinaryScheme::ALL.len()];
            let Some(shape) = Fast96::of(bs) else {
                continue;
            };
            let mut b = Binary::empty();
            b.push_bits(u64::from(bs.header()), 8);
            b.push_bits(rng.next(), 3);
            for &seg in layout(bs) {
                plausible(&mut b, seg, &mut rng);
            }
            let fast = shape.decode(&b, bs);
            assert_eq!(fast, decode_segments(&b, bs), "{b:?}");
            if let Ok(tag) = fast {
                checked += 1;
                let (e, f) = (*tag.epc(), tag.filter());
                assert_eq!(shape.encode(&e, bs, f), Ok(b));
                assert_eq!(encode_segments(&e, bs, f), Ok(b));
            }
        }
        assert!(checked > 1000, "{checked}");
        let odd: &[(Scheme, &[&'static str])] = &[
            (Scheme::Sgtin, &["0614141", "812345", "0"]),
            (Scheme::Sgtin, &["0614141", "812345", "00"]),
            (Scheme::Sgtin, &["0614141", "812345", "1x"]),
            (Scheme::Sgtin, &["0614141", "812345", "274877906944"]),
            (
                Scheme::Sgtin,
                &["0614141", "812345", "99999999999999999999"],
            ),
            (Scheme::Sgln, &["0614141", "12345", "A"]),
            (Scheme::Sgln, &["061414112345", "", "0"]),
            (Scheme::Grai, &["061414112345", "", "0"]),
            (Scheme::Gdti, &["0614141", "12345", "2199023255552"]),
            (Scheme::Sscc, &["061414", "12345678901"]),
            (Scheme::Gsrnp, &["061414123456", "12345"]),
        ];
        for &(s, comps) in odd {
            let e = epc(s, comps);
            for &bs in BinaryScheme::ALL.iter().filter(|b| b.scheme() == s) {
                if let Some(shape) = Fast96::of(bs) {
                    let fast = shape.encode(&e, bs, 5);
                    assert_eq!(fast, encode_segments(&e, bs, 5), "{bs} {comps:?}");
                }
            }
        }
    }

    /// What `Fast96::decode` relies on instead of `spec::check`: for every
    /// scheme it decodes, the components are company prefix, reference of
    /// `total` digits and either nothing (reserved tail) or a GS3A3 serial
    /// long enough for the largest tail integer.
    #[test]
    fn decoded_values_are_valid() {
        use super::super::spec::{Kind, kinds};
        let mut n = 0;
        for &bs in BinaryScheme::ALL {
            let Some(shape) = Fast96::of(bs) else {
                continue;
            };
            n += 1;
            let largest = (1u64 << shape.tail_bits()) - 1;
            match kinds(bs.scheme()) {
                [Kind::Gcp, Kind::Ref(t)] => {
                    assert!(!shape.int_tail && usize::from(*t) == shape.total, "{bs}")
                }
                [Kind::Gcp, Kind::Ref(t), Kind::Gs3a3(max)] => {
                    assert!(shape.int_tail && usize::from(*t) == shape.total, "{bs}");
                    assert!(digit_count(largest) <= usize::from(*max), "{bs}");
                }
                other => panic!("{bs}: {other:?}"),
            }
            // Prefix digits from the partition table: 6..=12.
            assert!(GCP_BITS.iter().all(|&b| b < shape.bits), "{bs}");
        }
        assert_eq!(n, 7);
    }

    /// The 16-byte window read of a parsed URI's key (`cut_key`) encodes
    /// exactly as the per-component path, for every prefix length, every
    /// 96-bit partitioned scheme and serials it can or cannot carry.
    #[test]
    fn key_window_matches_components() {
        let mut rng = Rng(4242);
        let shapes: &[(&str, usize, bool)] = &[
            ("sgtin", 13, true),
            ("sgln", 12, true),
            ("grai", 12, true),
            ("gdti", 12, true),
            ("sscc", 17, false),
            ("gsrn", 17, false),
        ];
        let mut windowed = 0;
        for round in 0..20_000 {
            let &(name, total, serial) = &shapes[round % shapes.len()];
            let l = 6 + rng.below(7) as usize;
            let digits: String = (0..total)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            let mut uri = format!("urn:epc:id:{name}:{}.{}", &digits[..l], &digits[l..]);
            if serial {
                let s = match rng.below(4) {
                    0 => "0".to_string(),
                    1 => format!("0{}", rng.below(100)),
                    _ => (rng.next() >> rng.below(64)).to_string(),
                };
                uri = format!("{uri}.{s}");
            }
            let Ok(parsed) = Epc::parse(&uri) else {
                continue;
            };
            let comps: Vec<&str> = parsed.components().collect();
            let built =
                Epc::from_components(parsed.scheme(), &comps).unwrap_or_else(|e| panic!("{e}"));
            assert!(matches!(built.fields, Fields::Borrowed(_)));
            if cut_key(&parsed, total).is_some() {
                windowed += 1;
            }
            for &bs in BinaryScheme::ALL
                .iter()
                .filter(|b| b.scheme() == parsed.scheme())
            {
                assert_eq!(
                    parsed.to_binary(bs, 1),
                    built.to_binary(bs, 1),
                    "{uri} {bs}"
                );
            }
        }
        assert!(windowed > 10_000, "{windowed}");
    }

    /// The word-at-a-time hex reader agrees with the digit-at-a-time one on
    /// every length and on bad bytes anywhere.
    #[test]
    fn hex_words_match_hex_digits() {
        let mut rng = Rng(77);
        let digits = b"0123456789abcdefABCDEF";
        let bad = [b'g', b'G', b'/', b':', b'@', b'`', b' ', 0x00, 0x7F, b'.'];
        for round in 0..20_000 {
            let len = rng.below(MAX_BYTES as u64 * 2 + 3) as usize;
            let mut v: Vec<u8> = (0..len)
                .map(|_| digits[rng.below(digits.len() as u64) as usize])
                .collect();
            if round % 2 == 0 && len > 0 {
                let at = rng.below(len as u64) as usize;
                v[at] = bad[rng.below(bad.len() as u64) as usize];
            }
            let text = std::str::from_utf8(&v).unwrap_or_default();
            assert_eq!(Binary::from_hex(text), Binary::from_hex_slow(&v), "{text}");
        }
        for x in [0u64, u64::MAX, 0x8080_8080_8080_8080] {
            assert!(hex8(x).is_none());
        }
        assert_eq!(hex8(u64::from_le_bytes(*b"3074257b")), Some(0x7B_25_74_30));
        assert_eq!(
            Binary::from_hex("307é"),
            Err(ParseError::new(ErrorKind::NotHex, 3))
        );
    }

    /// A small deterministic generator (xorshift64) for the randomised
    /// tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        /// Mostly `likely`, sometimes anything (so that both the accepting
        /// and the rejecting paths run).
        fn mostly(&mut self, likely: u64, bits: u32) -> u64 {
            if self.below(16) == 0 {
                self.next() & ((1u64 << bits) - 1)
            } else {
                likely
            }
        }
    }

    /// Bits that look like a segment of `seg`: right most of the time.
    fn plausible(b: &mut Binary, seg: Seg, rng: &mut Rng) {
        const CHARS7: &[u8] = b"AZaz09/%-\"#";
        const CHARS6: &[u8] = b"AZ09-/#";
        let str7 = |b: &mut Binary, rng: &mut Rng, field: u32, max: usize| {
            let n = (rng.below(max as u64 + 2) as usize).min(field as usize / 7);
            for _ in 0..n {
                let c = CHARS7[rng.below(CHARS7.len() as u64) as usize];
                b.push_bits(u64::from(c), 7);
            }
            let mut left = field - 7 * n as u32;
            while left > 0 {
                let k = left.min(32);
                b.push_bits(rng.mostly(0, k), k);
                left -= k;
            }
        };
        let str6 = |b: &mut Binary, rng: &mut Rng, max: usize| {
            for _ in 0..rng.below(max as u64 + 2) {
                let c = CHARS6[rng.below(CHARS6.len() as u64) as usize];
                b.push_bits(u64::from(c & 0x3F), 6);
            }
            b.push_bits(rng.mostly(0, 6), 6);
        };
        let int = |b: &mut Binary, rng: &mut Rng, below: u64, bits: u32| {
            let v = rng.below(below.min(1u64 << bits));
            b.push_bits(rng.mostly(v, bits), bits);
        };
        match seg {
            Seg::Partition { bits, reference } => {
                let likely = rng.below(7);
                let p = rng.mostly(likely, 3) as usize;
                b.push_bits(p as u64, 3);
                let p = p.min(6);
                let (l, gcp_bits) = (12 - p, GCP_BITS[p]);
                int(b, rng, POW10[l], gcp_bits);
                let ref_bits = bits.saturating_sub(gcp_bits);
                match reference {
                    Ref::Padded(t) => int(b, rng, POW10[t as usize - l], ref_bits),
                    Ref::Unpadded(t) => int(b, rng, POW10[t as usize - l], ref_bits),
                    Ref::Str7(t) => str7(b, rng, ref_bits, t as usize - l),
                    Ref::Str6(t) => str6(b, rng, t as usize - l),
                }
            }
            Seg::Int { bits, max_digits } => {
                let v = rng.next() >> rng.below(64);
                int(b, rng, POW10[max_digits as usize].min(v.max(1)), bits);
            }
            Seg::Str7 { chars } => str7(b, rng, 7 * u32::from(chars), chars as usize),
            Seg::NumStr { bits, digits } => {
                let k = rng.below(u64::from(digits) + 2) as usize;
                let v = POW10[k.min(19)] + rng.below(POW10[k.min(18)]);
                b.push_bits(rng.mostly(v, bits), bits);
            }
            Seg::Fixed { bits, digits } => int(b, rng, POW10[digits as usize], bits),
            Seg::Zero { bits } => {
                b.push_bits(rng.mostly(0, bits.min(32)), bits);
            }
            Seg::Cage8 | Seg::Cage6 => {
                let width = if seg == Seg::Cage8 { 8 } else { 6 };
                let n = 5 + rng.below(2);
                if n == 5 {
                    b.push_bits(0x20, width);
                }
                for _ in 0..n {
                    let c = b"ABCXYZ0129"[rng.below(10) as usize];
                    b.push_bits(u64::from(c) & ((1 << width) - 1), width);
                }
            }
            Seg::Str6 { max, .. } => str6(b, rng, max as usize),
        }
    }

    /// Random and plausible bits behind every header: decoding never
    /// panics, and what it accepts re-encodes to the same bits (one value,
    /// one encoding).
    #[test]
    fn decode_is_inverse_of_encode_on_random_input() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut accepted = [0; BinaryScheme::ALL.len()];
        for round in 0..60_000 {
            let which = round % BinaryScheme::ALL.len();
            let bs = BinaryScheme::ALL[which];
            let mut b = Binary::empty();
            b.push_bits(u64::from(bs.header()), 8);
            b.push_bits(rng.next(), u32::from(bs.filter_bits()));
            if round % 3 == 0 {
                // Sparse random bits.
                let len = 8 * (2 + rng.below(MAX_BYTES as u64 - 2) as usize);
                while b.bit_len() < len {
                    let v = if rng.below(3) == 0 {
                        0
                    } else {
                        rng.next() & rng.next() & rng.next()
                    };
                    b.push_bits(v, 6);
                }
            } else {
                for &seg in layout(bs) {
                    plausible(&mut b, seg, &mut rng);
                }
                let extra = rng.below(40) as u32;
                b.push_bits(rng.next(), extra.min(64));
            }
            if let Ok(tag) = b.decode() {
                accepted[which] += 1;
                let again = tag.encode();
                assert!(
                    again.bit_len() > 0 && again.bit_len() <= b.bit_len(),
                    "{b:?}"
                );
                for i in 0..again.bit_len() {
                    assert_eq!(again.read_bits(i, 1), b.read_bits(i, 1), "{b:?} -> {tag}");
                }
            }
        }
        for (bs, n) in BinaryScheme::ALL.iter().zip(accepted) {
            assert!(n > 50, "{bs}: only {n} random inputs decoded");
        }
    }
}
