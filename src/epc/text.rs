//! A component value that borrows from the input when it can and is stored
//! inline (no heap) when it cannot: after unescaping, or when decoded from
//! binary. Every EPC component is ASCII and at most [`INLINE_CAP`] bytes long
//! (the longest is the ADI original part number, 32 characters), so the
//! inline form never needs the allocator.
//!
//! # The crate's one `unsafe`
//!
//! [`Inline::as_str`] turns its bytes into `&str` without re-validating
//! UTF-8. Every constructor of [`Inline`] checks that the bytes are ASCII
//! (its fields are private to this module), so they always are valid UTF-8.
//! Measured: with `str::from_utf8` on every access, UTF-8 validation was 19%
//! of the instructions of SGTIN-96 hex → URI (callgrind), because a decoded
//! EPC's components are read several times (validation, formatting).

use std::fmt;

/// The longest component value of any scheme, in bytes.
pub const INLINE_CAP: usize = 32;

/// ASCII bytes stored inline.
#[derive(Clone, Copy)]
pub(crate) struct Inline {
    len: u8,
    buf: [u8; INLINE_CAP],
}

impl Inline {
    /// `bytes[..len]` as inline text, if `len` fits and they are ASCII.
    #[inline]
    pub(crate) fn from_buf(buf: [u8; INLINE_CAP], len: usize) -> Option<Inline> {
        (len <= INLINE_CAP && buf[..len].is_ascii()).then_some(Inline {
            len: len as u8,
            buf,
        })
    }

    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len as usize]
    }

    #[inline]
    #[allow(unsafe_code)]
    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.as_bytes();
        debug_assert!(bytes.is_ascii());
        // SAFETY: every constructor (`from_buf`, the only one) checks that
        // `buf[..len]` is ASCII, and the fields are private to this module,
        // so the bytes are valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

/// An EPC component value (unescaped).
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Inline(Inline),
}

impl<'a> Text<'a> {
    pub(crate) const EMPTY: Text<'static> = Text::Borrowed("");

    /// Copies ASCII `s` into inline storage; `None` if it is longer than
    /// [`INLINE_CAP`] or not ASCII.
    pub(crate) fn try_inline(s: &[u8]) -> Option<Text<'static>> {
        let mut buf = [0u8; INLINE_CAP];
        buf.get_mut(..s.len())?.copy_from_slice(s);
        Inline::from_buf(buf, s.len()).map(Text::Inline)
    }

    /// Copies `s` into inline storage. Callers validate lengths and
    /// characters first; anything that does not fit becomes empty (an
    /// invalid value that validation then rejects) rather than a panic.
    pub(crate) fn inline(s: &[u8]) -> Text<'static> {
        Self::try_inline(s).unwrap_or(Text::EMPTY)
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Inline(i) => i.as_str(),
        }
    }

    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Borrowed(s) => s.as_bytes(),
            Text::Inline(i) => i.as_bytes(),
        }
    }

    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self, Text::Borrowed(_))
    }

    pub(crate) fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(s) => Text::inline(s.as_bytes()),
            Text::Inline(i) => Text::Inline(i),
        }
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for Text<'_> {}

impl std::hash::Hash for Text<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
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
