//! A component value that borrows from the input when it can and is stored
//! inline (no heap) when it cannot: after unescaping, or when decoded from
//! binary. Every EPC component is ASCII and at most [`INLINE_CAP`] bytes long
//! (the longest is the ADI original part number, 32 characters), so the
//! inline form never needs the allocator.

use std::fmt;

/// The longest component value of any scheme, in bytes.
pub const INLINE_CAP: usize = 32;

/// An EPC component value (unescaped).
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Inline { len: u8, buf: [u8; INLINE_CAP] },
}

impl<'a> Text<'a> {
    pub(crate) const EMPTY: Text<'static> = Text::Borrowed("");

    /// Copies `s` into inline storage. `s` must be ASCII of at most
    /// [`INLINE_CAP`] bytes; longer input is truncated, which callers rule out
    /// by validating lengths first (checked in debug builds).
    pub(crate) fn inline(s: &[u8]) -> Text<'static> {
        debug_assert!(s.len() <= INLINE_CAP && s.is_ascii());
        let len = s.len().min(INLINE_CAP);
        let mut buf = [0u8; INLINE_CAP];
        buf[..len].copy_from_slice(&s[..len]);
        Text::Inline {
            len: len as u8,
            buf,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            // Only ASCII is ever stored inline (see `inline`); a failure here
            // would be a bug, and is reported as an empty value rather than a
            // panic.
            Text::Inline { len, buf } => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
        }
    }

    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self, Text::Borrowed(_))
    }

    pub(crate) fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(s) => Text::inline(s.as_bytes()),
            Text::Inline { len, buf } => Text::Inline { len, buf },
        }
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Text<'_> {}

impl std::hash::Hash for Text<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A small fixed-capacity byte buffer for building a value before it becomes
/// a [`Text`] (unescaping, binary decoding). Pushing past the capacity sets
/// an overflow flag instead of panicking.
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
        if self.len < INLINE_CAP {
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
    pub(crate) fn text(&self) -> Text<'static> {
        Text::inline(self.as_bytes())
    }
}
