//! How an [`Epc`](super::Epc) stores its components without the heap.
//!
//! * [`Fields`] is what an `Epc` holds: every component borrowed from the
//!   input (`Cuts`: one literal URI body and where its components end, what
//!   the URI fast path builds; `Borrowed`: five `&str`, e.g.
//!   `Epc::from_components`), or every component copied into one small
//!   buffer ([`Packed`]: after unescaping, when decoded from binary, or
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
//! this module); by [`ascii_str`] after checking; and by
//! [`AsciiBuf::as_str`] after checking the bytes it copied. Measured: with
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
/// components of any scheme (68, ADI) and three 16-byte slots, and as much
/// as fits beside the component offsets in the space of five `&str`.
pub(crate) const PACKED_CAP: usize = 70;

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

/// A stack buffer for assembling short ASCII text (a URI) to hand to a
/// writer in one piece. The ASCII check is folded into the copies: every
/// word loaded to copy a piece is OR-ed into `seen`, so `as_str` needs no
/// second pass over the bytes.
pub(crate) struct AsciiBuf {
    len: usize,
    /// The OR of words covering every byte of `buf[..len]`.
    seen: u64,
    buf: [u8; 128],
}

impl AsciiBuf {
    pub(crate) fn new() -> Self {
        AsciiBuf {
            len: 0,
            seen: 0,
            buf: [0; 128],
        }
    }

    /// Appends `s`; `None` (and nothing appended) if it does not fit.
    /// Short pieces are copied with one or two (overlapping) fixed-size
    /// moves instead of a `memcpy` call.
    #[inline(always)]
    pub(crate) fn push(&mut self, s: &[u8]) -> Option<()> {
        let dst = self.buf.get_mut(self.len..self.len + s.len())?;
        self.seen |= match s.len() {
            16..=32 => copy2::<16>(dst, s),
            8..=15 => copy2::<8>(dst, s),
            4..=7 => copy2::<4>(dst, s),
            2..=3 => copy2::<2>(dst, s),
            1 => copy2::<1>(dst, s),
            _ => {
                dst.copy_from_slice(s);
                s.iter().fold(0, |acc, &b| acc | u64::from(b))
            }
        };
        self.len += s.len();
        Some(())
    }

    /// Appends component `i` of `fields`. From a packed buffer (ASCII by
    /// its invariant, with room after every component) the bytes are
    /// moved 16 or 32 at a time whatever the length, so no branch depends
    /// on it; the bytes past the component are overwritten by the next
    /// push or lie past the end.
    #[inline(always)]
    pub(crate) fn push_field(&mut self, fields: &Fields<'_>, i: usize) -> Option<()> {
        if let Fields::Packed(p) = fields {
            let r = p.range(i);
            let n = r.len();
            let moved = if n <= 16 {
                move_n::<16>(&mut self.buf, self.len, &p.buf, r.start)
            } else {
                move_n::<32>(&mut self.buf, self.len, &p.buf, r.start)
            };
            if moved && n <= 32 {
                self.len += n;
                return Some(());
            }
        }
        self.push(fields.bytes(i))
    }

    /// The text, if it is all ASCII.
    #[inline]
    pub(crate) fn as_str(&self) -> Option<&str> {
        let bytes = self.buf.get(..self.len)?;
        (self.seen & 0x8080_8080_8080_8080 == 0).then(|| assume_ascii(bytes))
    }
}

/// Copies `src[from..from + N]` to `dst[to..to + N]` if both are there.
#[inline(always)]
fn move_n<const N: usize>(dst: &mut [u8], to: usize, src: &[u8], from: usize) -> bool {
    let d = dst.get_mut(to..).and_then(|d| d.first_chunk_mut::<N>());
    let s = src.get(from..).and_then(|s| s.first_chunk::<N>());
    match (d, s) {
        (Some(d), Some(s)) => {
            *d = *s;
            true
        }
        _ => false,
    }
}

/// Copies the first and the last `N` bytes of `src` (`N <= src.len() <=
/// 2 * N`, so together all of it) to the same places in `dst` (as long as
/// `src`); returns the OR of the words copied, high bits where a byte
/// is not ASCII.
#[inline(always)]
fn copy2<const N: usize>(dst: &mut [u8], src: &[u8]) -> u64 {
    let mut seen = 0;
    // The bytes as (at most two) words; `N` is a constant, so this is one
    // or two loads.
    let mut or = |w: &[u8; N]| {
        seen |= match (w.first_chunk::<8>(), w.last_chunk::<8>()) {
            (Some(a), Some(b)) => u64::from_le_bytes(*a) | u64::from_le_bytes(*b),
            _ => match (w.first_chunk::<4>(), w.first_chunk::<2>()) {
                (Some(a), _) => u64::from(u32::from_le_bytes(*a)),
                (None, Some(a)) => u64::from(u16::from_le_bytes(*a)),
                (None, None) => w.first().map_or(0, |&b| u64::from(b)),
            },
        };
    };
    if let (Some(d), Some(s)) = (dst.first_chunk_mut::<N>(), src.first_chunk::<N>()) {
        *d = *s;
        or(s);
    }
    if let (Some(d), Some(s)) = (dst.last_chunk_mut::<N>(), src.last_chunk::<N>()) {
        *d = *s;
        or(s);
    }
    seen
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

/// Components copied into one buffer: component `i` is
/// `buf[starts[i]..ends[i]]`. Copies put them back to back; the binary
/// decoder puts each number in its own 16-byte slot, right-aligned
/// behind its leading zeros (formatted in a register, stored at once).
///
/// Invariant (what makes [`Packed::get`] sound): every byte of `buf` is
/// ASCII.
#[derive(Clone, Copy)]
pub(crate) struct Packed {
    starts: [u8; MAX_COMPONENTS],
    ends: [u8; MAX_COMPONENTS],
    buf: [u8; PACKED_CAP],
}

impl Packed {
    /// No components (every one empty).
    pub(crate) const fn new() -> Packed {
        Packed {
            starts: [0; MAX_COMPONENTS],
            ends: [0; MAX_COMPONENTS],
            buf: [0; PACKED_CAP],
        }
    }

    /// Where component `i` is in the buffer (empty past the last).
    #[inline]
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(0);
        let end = self.ends.get(i).copied().unwrap_or(0);
        start as usize..end as usize
    }

    /// Component `i` (`""` past the last).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        // Every byte of `buf` is ASCII (the type's invariant).
        assume_ascii(self.buf.get(self.range(i)).unwrap_or_default())
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

    /// Components in 16-byte slots: slot `j` is bytes `16 * j..16 * j +
    /// 16` of the buffer, given as a little-endian word (first byte
    /// lowest), and component `i` is `buf[starts[i]..ends[i]]`. `None` if
    /// a byte is not ASCII. For values formatted in registers: no
    /// variable shifts to place them, and three 16-byte stores.
    #[inline]
    pub(crate) fn from_slots(
        slots: [u128; 3],
        starts: [u8; MAX_COMPONENTS],
        ends: [u8; MAX_COMPONENTS],
    ) -> Option<Packed> {
        const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
        if (slots[0] | slots[1] | slots[2]) & HIGH != 0 {
            return None;
        }
        let mut buf = [0u8; PACKED_CAP];
        for (dst, slot) in buf.chunks_exact_mut(16).zip(slots) {
            dst.copy_from_slice(&slot.to_le_bytes());
        }
        Some(Packed { starts, ends, buf })
    }

    /// Sets where each component starts and ends (byte offsets in the
    /// buffer; components past the scheme's arity are empty).
    #[inline]
    pub(crate) fn set_ranges(&mut self, starts: [u8; MAX_COMPONENTS], ends: [u8; MAX_COMPONENTS]) {
        self.starts = starts;
        self.ends = ends;
    }
}

/// Where component `i` of a [`Fields::Cuts`] body is: after the dot that
/// ends the one before (an empty or inverted range past the last).
#[inline(always)]
fn cut(ends: &[u8; MAX_COMPONENTS], i: usize) -> std::ops::Range<usize> {
    let start = match i.checked_sub(1) {
        Some(p) => ends.get(p).map_or(usize::MAX, |&e| e as usize + 1),
        None => 0,
    };
    start..ends.get(i).map_or(0, |&e| e as usize)
}

/// The components of an `Epc`.
#[derive(Clone, Copy)]
pub(crate) enum Fields<'a> {
    /// Every component borrowed from the input.
    Borrowed([&'a str; MAX_COMPONENTS]),
    /// Every component borrowed from one literal URI body: the components
    /// are the pieces of `body` between single dots, component `i` ending
    /// at `ends[i]` (the last one runs to the end and may contain dots;
    /// components past the arity are empty: they end where the last one
    /// does). What the URI fast path produces: two words and five bytes to
    /// store, and the company prefix and reference lie in one slice (the
    /// encoder reads them in one window).
    Cuts {
        body: &'a str,
        ends: [u8; MAX_COMPONENTS],
    },
    /// Every component copied.
    Packed(Packed),
}

impl<'a> Fields<'a> {
    /// Component `i` (`""` past the fifth; callers stop at the arity).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        match self {
            Fields::Borrowed(s) => s.get(i).copied().unwrap_or_default(),
            Fields::Cuts { body, ends } => body.get(cut(ends, i)).unwrap_or_default(),
            Fields::Packed(p) => p.get(i),
        }
    }

    /// Component `i` as bytes: as [`Fields::get`], without the character
    /// boundary checks of slicing a `str` (for the encoders).
    #[inline]
    pub(crate) fn bytes(&self, i: usize) -> &[u8] {
        match self {
            Fields::Cuts { body, ends } => body.as_bytes().get(cut(ends, i)).unwrap_or_default(),
            _ => self.get(i).as_bytes(),
        }
    }

    pub(crate) fn is_borrowed(&self) -> bool {
        !matches!(self, Fields::Packed(_))
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
        let mut starts = [0u8; MAX_COMPONENTS];
        let mut ends = [0u8; MAX_COMPONENTS];
        let mut at = 0;
        for (i, (v, (start, end))) in values.zip(starts.iter_mut().zip(&mut ends)).enumerate() {
            if !p.write(at, v) {
                return Err(i);
            }
            *start = at as u8;
            at += v.len();
            *end = at as u8;
        }
        p.set_ranges(starts, ends);
        Ok(Fields::Packed(p))
    }

    /// Copies borrowed components so the value outlives its input.
    pub(crate) fn into_owned(self) -> Fields<'static> {
        match self {
            Fields::Packed(p) => Fields::Packed(p),
            // Components of a validated EPC always fit; an empty value
            // would be the sign of a bug, not a panic.
            Fields::Cuts { .. } => Self::copy((0..MAX_COMPONENTS).map(|i| self.get(i).as_bytes()))
                .unwrap_or(Fields::Packed(Packed::new())),
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
    fn ascii_buf_copies_every_length() {
        for n in 0..=40 {
            let src: Vec<u8> = (0..n as u8).map(|i| b'0' + i).collect();
            let mut b = AsciiBuf::new();
            b.push(b"x").unwrap();
            b.push(&src).unwrap();
            assert_eq!(
                b.as_str().map(str::as_bytes),
                Some(&[b"x", &src[..]].concat()[..])
            );
            for at in 0..n {
                let mut bad = src.clone();
                bad[at] = 0xC3;
                let mut b = AsciiBuf::new();
                b.push(&bad).unwrap();
                b.push(b".").unwrap();
                assert_eq!(b.as_str(), None, "{n} {at}");
            }
        }
        let mut b = AsciiBuf::new();
        assert!(b.push(&[b'a'; 128]).is_some());
        assert!(b.push(b"a").is_none());
        // Packed components, moved in fixed-size blocks.
        let long = inline(&[b'Z'; 30]);
        let f = Fields::pack(&[inline(b"12"), long, inline(b""), inline(b"345"), long]).unwrap();
        let mut b = AsciiBuf::new();
        for i in 0..6 {
            b.push_field(&f, i).unwrap();
            b.push(b".").unwrap();
        }
        let z = "Z".repeat(30);
        assert_eq!(b.as_str(), Some(&*format!("12.{z}..345.{z}..")));
    }

    #[test]
    fn cut_components() {
        let f = Fields::Cuts {
            body: "0614141.812345.6.7",
            ends: [7, 14, 18, 18, 18],
        };
        let got: Vec<&str> = (0..6).map(|i| f.get(i)).collect();
        assert_eq!(got, ["0614141", "812345", "6.7", "", "", ""]);
        assert!(f.is_borrowed());
        let o = f.into_owned();
        assert!(!o.is_borrowed());
        let got: Vec<&str> = (0..6).map(|i| o.get(i)).collect();
        assert_eq!(got, ["0614141", "812345", "6.7", "", "", ""]);
        let two = Fields::Cuts {
            body: "0614141.1234567890",
            ends: [7, 18, 18, 18, 18],
        };
        assert_eq!(
            (two.get(0), two.get(1), two.get(2)),
            ("0614141", "1234567890", "")
        );
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
        assert!(Packed::from_slots([0, 0x80 << 64, 0], [0; 5], [0; 5]).is_none());
        let p = Packed::from_slots(
            [0x3231 << 112, 0, 0x33 << 120],
            [14, 32, 47, 48, 48],
            [16, 32, 48, 48, 48],
        )
        .unwrap();
        let f = Fields::Packed(p);
        assert_eq!(
            (f.get(0), f.get(1), f.get(2), f.get(3)),
            ("12", "", "3", "")
        );
    }
}
