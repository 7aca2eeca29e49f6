//! Character classes and percent-escapes of EPC URIs (TDS 1.13 §5,
//! Table A-1).
//!
//! Policy: on input any `%HH` escape (upper- or lowercase hex) is accepted
//! when it decodes to a character of the component's character set; raw
//! characters must be the ones the grammar allows unescaped. On output the
//! "URI form" of TDS §14.4.2 is written: exactly `" # % & / < > ?` are
//! escaped, with uppercase hex.

/// Raw in a GS3A3 component: digits, letters, `! ' ( ) * + , - . : ; = _`.
pub(crate) const RAW_GS3A3: u8 = 1;
/// A value character of the 82-character set (AI encodable set 82).
pub(crate) const VAL_GS3A3: u8 = 2;
/// Raw in a CPI reference / ADI component: digits, uppercase, `-`.
pub(crate) const RAW_UPPER: u8 = 4;
/// Written as an escape on output.
pub(crate) const NEEDS_ESCAPE: u8 = 8;

const fn build() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut v = 0;
        if b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'-' {
            v |= RAW_UPPER;
        }
        if b.is_ascii_alphanumeric() {
            v |= RAW_GS3A3 | VAL_GS3A3;
        }
        match b {
            b'!' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b'-' | b'.' | b':' | b';' | b'='
            | b'_' => v |= RAW_GS3A3 | VAL_GS3A3,
            b'"' | b'%' | b'&' | b'/' | b'<' | b'>' | b'?' => v |= VAL_GS3A3 | NEEDS_ESCAPE,
            b'#' => v |= NEEDS_ESCAPE,
            _ => {}
        }
        t[c] = v;
        c += 1;
    }
    t
}

/// Class bits of every byte.
pub(crate) static CLASS: [u8; 256] = build();

#[inline]
pub(crate) fn is(b: u8, class: u8) -> bool {
    CLASS[b as usize] & class != 0
}

/// The value of a hex digit.
#[inline]
pub(crate) fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The escape of `b`: `%` and two uppercase hex digits.
pub(crate) fn percent(b: u8) -> [u8; 3] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    [b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]
}

/// Writes `value` in URI form.
pub(crate) fn write_escaped<W: std::fmt::Write>(value: &str, out: &mut W) -> std::fmt::Result {
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is(b, NEEDS_ESCAPE) {
            out.write_str(&value[start..i])?;
            // Three ASCII bytes.
            out.write_str(std::str::from_utf8(&percent(b)).unwrap_or_default())?;
            start = i + 1;
        }
    }
    out.write_str(&value[start..])
}

/// Byte offset in the raw (escaped) text of the character at `value_pos`
/// of its unescaped value.
pub(crate) fn raw_offset(raw: &[u8], value_pos: usize) -> usize {
    let (mut r, mut v) = (0, 0);
    while v < value_pos && r < raw.len() {
        r += if raw[r] == b'%' { 3 } else { 1 };
        v += 1;
    }
    r.min(raw.len())
}
