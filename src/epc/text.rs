//! How an [`Epc`](super::Epc) stores its components without the heap.
//!
//! * [`Fields`] is what an `Epc` holds: either every component borrowed
//!   from the input (`Borrowed`: a literal URI, `Epc::from_components`), or
//!   every component copied, back to back, into one small buffer
//!   ([`Packed`]: after unescaping, when decoded from binary, or
//!   `into_owned`). All-or-nothing keeps it small: five `&str` are 80 bytes
//!   and the packed form fits in the same space, so an `Epc` is 96 bytes
//!   (it was 208 with a 32-byte inline buffer per component, and returning
//!   one then cost a `memcpy` call). No component has its own size limit:
//!   only the total is bounded, by [`PACKED_CAP`], and the longest valid
//!   total of any scheme (ADI: 6 + 32 + 30 = 68 bytes) fits it.
//! * [`Text`] is one component while an `Epc` is being built: borrowed, or
//!   up to [`INLINE_CAP`] bytes inline. It lives on the stack until the
//!   components are validated and [`Fields::pack`]ed.
//!
//! # The crate's one `unsafe`
//!
//! [`assume_ascii`] turns bytes into `&str` without re-validating UTF-8.
//! It is private to this module and called on bytes known to be ASCII
//! (hence valid UTF-8): a [`Packed`] buffer, every byte of which is ASCII
//! (it starts zeroed, every write checks, and its fields are private to
//! this module), and by [`ascii_str`] after checking. Measured: with
//! `str::from_utf8` on every access, UTF-8 validation was 19% of the
//! instructions of SGTIN-96 hex → URI (callgrind), because a decoded EPC's
//! components are read several times (validation, formatting); and
//! `from_utf8` of the 24 hex digits of an SGTIN-96 cost 86 instructions,
//! the ASCII check in [`ascii_str`] about 10.

use super::MAX_COMPONENTS;
use std::fmt;

/// The longest single component of any scheme, in bytes (the ADI original
/// part number, 32 characters).
pub const INLINE_CAP: usize = 32;

/// Bytes of a [`Packed`] buffer: at least the longest valid total of all
/// components of any scheme (68, ADI), and as much as fits beside the
/// component ends in the space of five `&str`.
pub(crate) const PACKED_CAP: usize = 75;

/// `bytes` as text if they are ASCII, checked eight bytes at a time:
/// for the short ASCII strings this crate formats (hex, URIs) much
/// cheaper than UTF-8 validation.
#[inline]
pub(crate) fn ascii_str(bytes: &[u8]) -> Option<&str> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |c: &[u8; 8]| u64::from_le_bytes(*c);
    let mut chunks = bytes.chunks_exact(8);
    let mut or = chunks
        .by_ref()
        .filter_map(|c| c.first_chunk::<8>())
        .fold(0, |acc, c| acc | word(c));
    // The last (partial) word, overlapping the bytes before it.
    if !chunks.remainder().is_empty() {
        match bytes.last_chunk::<8>() {
            Some(last) => or |= word(last),
            // Fewer than eight bytes: a byte's own high bit is in `HIGH`.
            None => or |= bytes.iter().fold(0, |acc, &b| acc | u64::from(b)),
        }
    }
    (or & HIGH == 0).then(|| assume_ascii(bytes))
}

/// `bytes` as `&str`, unchecked: the crate's one `unsafe` (see the module
/// documentation). Only called on ASCII bytes.
#[inline(always)]
#[allow(unsafe_code)]
fn assume_ascii(bytes: &[u8]) -> &str {
    debug_assert!(bytes.is_ascii());
    // SAFETY: the callers in this module pass ASCII bytes only (a `Packed`
    // buffer, whose every byte is ASCII by its invariant; `ascii_str`
    // after checking), and ASCII is valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// ASCII bytes stored inline.
#[derive(Clone, Copy)]
pub(crate) struct Inline {
    len: u8,
    buf: [u8; INLINE_CAP],
}

impl Inline {
    /// `buf[..len]` as inline text, if `len` fits.
    #[inline]
    pub(crate) fn from_buf(buf: [u8; INLINE_CAP], len: usize) -> Option<Inline> {
        (len <= INLINE_CAP).then_some(Inline {
            len: len as u8,
            buf,
        })
    }

    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len as usize]
    }
}

/// An EPC component value (unescaped) before it is stored in an `Epc`.
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Inline(Inline),
}

impl<'a> Text<'a> {
    pub(crate) const EMPTY: Text<'static> = Text::Borrowed("");

    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Borrowed(s) => s.as_bytes(),
            Text::Inline(i) => i.as_bytes(),
        }
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.as_bytes()), f)
    }
}

/// Components copied back to back into one buffer: component `i` is
/// `buf[ends[i - 1]..ends[i]]` (from 0 for the first).
///
/// Invariant (what makes [`Packed::get`] sound): every byte of `buf` is
/// ASCII.
#[derive(Clone, Copy)]
pub(crate) struct Packed {
    ends: [u8; MAX_COMPONENTS],
    buf: [u8; PACKED_CAP],
}

impl Packed {
    /// No components (every one empty).
    pub(crate) const fn new() -> Packed {
        Packed {
            ends: [0; MAX_COMPONENTS],
            buf: [0; PACKED_CAP],
        }
    }

    /// Component `i` (`""` past the last).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(0);
        // Every byte of `buf` is ASCII (the type's invariant).
        assume_ascii(
            self.buf
                .get(start as usize..end as usize)
                .unwrap_or_default(),
        )
    }

    /// Stores ASCII `bytes` at `at`; false (nothing stored) if they do not
    /// fit or are not ASCII.
    #[inline]
    pub(crate) fn write(&mut self, at: usize, bytes: &[u8]) -> bool {
        match self.buf.get_mut(at..at + bytes.len()) {
            Some(dst) if bytes.is_ascii() => {
                dst.copy_from_slice(bytes);
                true
            }
            _ => false,
        }
    }

    /// Stores the 16 bytes of `word` (little-endian: its lowest byte at
    /// `at`) in one move; false (nothing stored) if they do not fit or are
    /// not all ASCII. For numbers formatted in a register: the caller then
    /// ends the component where the digits end, and a later write may
    /// overwrite the bytes after them.
    #[inline]
    pub(crate) fn write16(&mut self, at: usize, word: u128) -> bool {
        const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
        match self.buf.get_mut(at..at + 16) {
            Some(dst) if word & HIGH == 0 => {
                dst.copy_from_slice(&word.to_le_bytes());
                true
            }
            _ => false,
        }
    }

    /// Sets where each component ends (byte offsets in the buffer,
    /// non-decreasing; components past the scheme's arity end where the
    /// last one does).
    #[inline]
    pub(crate) fn set_ends(&mut self, ends: [u8; MAX_COMPONENTS]) {
        self.ends = ends;
    }
}

/// The components of an `Epc`.
#[derive(Clone, Copy)]
pub(crate) enum Fields<'a> {
    /// Every component borrowed from the input.
    Borrowed([&'a str; MAX_COMPONENTS]),
    /// Every component copied.
    Packed(Packed),
}

impl<'a> Fields<'a> {
    /// Component `i` (`""` past the fifth; callers stop at the arity).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        match self {
            Fields::Borrowed(s) => s.get(i).copied().unwrap_or_default(),
            Fields::Packed(p) => p.get(i),
        }
    }

    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self, Fields::Borrowed(_))
    }

    /// The components as stored in an `Epc`: borrowed when they all are,
    /// otherwise copied. `Err(i)`: component `i` did not fit (validated
    /// components always fit).
    pub(crate) fn pack(fields: &[Text<'a>; MAX_COMPONENTS]) -> Result<Fields<'a>, usize> {
        let mut strs = [""; MAX_COMPONENTS];
        for (s, f) in strs.iter_mut().zip(fields) {
            match f {
                Text::Borrowed(b) => *s = b,
                Text::Inline(_) => return Self::copy(fields.iter().map(Text::as_bytes)),
            }
        }
        Ok(Fields::Borrowed(strs))
    }

    /// Copies every component into a [`Packed`] buffer.
    fn copy<'b>(values: impl Iterator<Item = &'b [u8]>) -> Result<Fields<'static>, usize> {
        let mut p = Packed::new();
        let mut ends = [0u8; MAX_COMPONENTS];
        let mut at = 0;
        for (i, (v, end)) in values.zip(&mut ends).enumerate() {
            if !p.write(at, v) {
                return Err(i);
            }
            at += v.len();
            *end = at as u8;
        }
        p.set_ends(ends);
        Ok(Fields::Packed(p))
    }

    /// Copies borrowed components so the value outlives its input.
    pub(crate) fn into_owned(self) -> Fields<'static> {
        match self {
            Fields::Packed(p) => Fields::Packed(p),
            // Components of a validated EPC always fit; an empty value
            // would be the sign of a bug, not a panic.
            Fields::Borrowed(s) => {
                Self::copy(s.iter().map(|s| s.as_bytes())).unwrap_or(Fields::Packed(Packed::new()))
            }
        }
    }
}

/// A small fixed-capacity byte buffer for building a value before it becomes
/// a [`Text`] (unescaping, binary decoding). Pushing past the capacity, or a
/// non-ASCII byte, sets an overflow flag instead of panicking.
#[derive(Clone, Copy)]
pub(crate) struct ValueBuf {
    len: usize,
    overflow: bool,
    buf: [u8; INLINE_CAP],
}

impl ValueBuf {
    pub(crate) fn new() -> Self {
        ValueBuf {
            len: 0,
            overflow: false,
            buf: [0; INLINE_CAP],
        }
    }
    pub(crate) fn push(&mut self, b: u8) {
        if self.len < INLINE_CAP && b.is_ascii() {
            self.buf[self.len] = b;
            self.len += 1;
        } else {
            self.overflow = true;
        }
    }
    pub(crate) fn overflowed(&self) -> bool {
        self.overflow
    }
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    /// The value as text (empty if it overflowed; callers check
    /// [`ValueBuf::overflowed`] first).
    pub(crate) fn text(&self) -> Text<'static> {
        Inline::from_buf(self.buf, self.len).map_or(Text::EMPTY, Text::Inline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(s: &[u8]) -> Text<'static> {
        let mut b = ValueBuf::new();
        s.iter().for_each(|&c| b.push(c));
        b.text()
    }

    #[test]
    fn epc_fits_in_two_cache_lines() {
        // The point of this layout: returning a `Result<Epc>` is a few
        // register moves, not a `memcpy` call (LLVM inlines copies of up
        // to 128 bytes).
        assert!(std::mem::size_of::<Fields<'_>>() <= 88);
        assert!(std::mem::size_of::<crate::epc::Epc<'_>>() <= 96);
        assert!(std::mem::size_of::<Result<crate::epc::Epc<'_>, crate::epc::ParseError>>() <= 96);
    }

    #[test]
    fn ascii_check() {
        for len in 0..40 {
            let mut v = vec![b'7'; len];
            assert_eq!(ascii_str(&v).map(str::len), Some(len));
            for at in 0..len {
                v[at] = 0x80 | (at as u8);
                assert_eq!(ascii_str(&v), None, "{len} {at}");
                v[at] = 0x7F;
                assert!(ascii_str(&v).is_some());
            }
        }
    }

    #[test]
    fn packed_components() {
        let t = [
            Text::Borrowed("0614141"),
            inline(b"812345"),
            Text::Borrowed("A%/"),
            Text::EMPTY,
            Text::EMPTY,
        ];
        let f = Fields::pack(&t).unwrap();
        assert!(!f.is_borrowed());
        let got: Vec<&str> = (0..6).map(|i| f.get(i)).collect();
        assert_eq!(got, ["0614141", "812345", "A%/", "", "", ""]);
        let b = Fields::pack(&[
            Text::Borrowed("1"),
            Text::Borrowed("2"),
            Text::EMPTY,
            Text::EMPTY,
            Text::EMPTY,
        ])
        .unwrap();
        assert!(b.is_borrowed());
        let o = b.into_owned();
        assert!(!o.is_borrowed());
        assert_eq!((o.get(0), o.get(1), o.get(2)), ("1", "2", ""));
    }

    #[test]
    fn packed_rejects_what_does_not_fit() {
        let long = inline(&[b'A'; INLINE_CAP]);
        assert_eq!(
            Fields::pack(&[long, long, long, Text::EMPTY, Text::EMPTY]).err(),
            Some(2)
        );
        let mut p = Packed::new();
        assert!(!p.write(0, "é".as_bytes()));
        assert!(!p.write(PACKED_CAP - 1, b"12"));
        assert!(p.write(PACKED_CAP - 2, b"12"));
        assert!(!p.write16(0, 0x80 << 64));
        assert!(!p.write16(PACKED_CAP - 15, 0));
        assert!(p.write16(PACKED_CAP - 16, 0x3231));
        p.set_ends([PACKED_CAP as u8 - 16, PACKED_CAP as u8 - 14, 0, 0, 0]);
        let f = Fields::Packed(p);
        assert_eq!(
            (f.get(0).len(), f.get(1), f.get(2)),
            (PACKED_CAP - 16, "12", "")
        );
    }
}
