//! Reading inputs: encodings, UTF-8 validation, pipes in bounded memory,
//! files memory-mapped.
//!
//! The [`Machine`] works on `&str`: every byte it sees was validated (or
//! produced by a transcoder) here first.
//!
//! * A slice is validated once, up front; on invalid bytes everything
//!   before them is still scanned (and reported) before the error.
//! * A reader is read into one buffer of `chunk_size` bytes, refilled in
//!   place. Each fill is validated up to its last complete character (a
//!   character cut by the fill is carried to the next one). The machine
//!   consumes complete tokens; the incomplete token at the end (the
//!   carry-over) moves to the front of the buffer, the machine copies what
//!   it still borrows (`into_owned`) and the buffer is refilled. A token
//!   longer than half the buffer doubles it, up to
//!   [`Limits::max_event_bytes`](super::Limits); the buffer shrinks back
//!   once the token is gone.
//! * Encodings other than UTF-8 are transcoded on the fly with
//!   encoding_rs's streaming decoder (same bounded buffer).

use super::reader::Fed;
use super::{EpcRef, Event, EventStart, Header, Sink, VocabularyElement};
use super::{Finding, Flow, Machine, Position, ScanError, ScanErrorKind, ScanOptions, ScanSummary};
use encoding_rs::{Decoder, DecoderResult, Encoding};
use std::io::{self, Read};
use std::path::Path;

/// Bytes read before the scan starts, to detect the encoding.
const HEAD: usize = 1024;
/// The smallest read buffer (whatever `chunk_size` says).
const MIN_BUFFER: usize = 64;

pub(super) use super::reader::ONCE_RULES;

/// A sink wrapper that counts EPCs (for the summary of a stopped scan),
/// notes which once-per-document rules were reported and hides the ones in
/// `suppress`.
pub(super) struct Tap<S> {
    pub(super) inner: S,
    pub(super) epcs: u64,
    /// Bit `i`: `ONCE_RULES[i]` was reported by the machine (hidden or not).
    pub(super) once_seen: u8,
    /// Bit `i`: hide `ONCE_RULES[i]`.
    pub(super) suppress: u8,
}

impl<S> Tap<S> {
    pub(super) fn new(inner: S) -> Self {
        Tap {
            inner,
            epcs: 0,
            once_seen: 0,
            suppress: 0,
        }
    }
}

impl<S: Sink> Sink for Tap<S> {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        self.inner.header(h)
    }
    fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
        self.inner.vocabulary(v)
    }
    fn event_start(&mut self, e: &EventStart) -> Flow {
        self.inner.event_start(e)
    }
    fn epc(&mut self, e: &EventStart, epc: &EpcRef<'_>) -> Flow {
        self.epcs += 1;
        self.inner.epc(e, epc)
    }
    fn event(&mut self, e: &Event<'_>) -> Flow {
        self.inner.event(e)
    }
    fn finding(&mut self, f: &Finding) -> Flow {
        if let Some(i) = ONCE_RULES.iter().position(|r| *r == f.rule) {
            self.once_seen |= 1 << i;
            if self.suppress & (1 << i) != 0 {
                return Flow::Continue;
            }
        }
        self.inner.finding(f)
    }
}

/// Counts `\n` bytes (memchr's counter: AVX2 where the CPU has it).
pub(crate) fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Line and column of absolute offset `at`, given the line and line start
/// at absolute offset `base` and the bytes from `base` on.
fn line_col(track: bool, line: u32, line_start: u64, base: u64, bytes: &[u8], at: u64) -> Position {
    if !track {
        return Position {
            offset: at,
            line: 0,
            column: 0,
        };
    }
    let seg = bytes
        .get(..(at.saturating_sub(base) as usize).min(bytes.len()))
        .unwrap_or_default();
    let n = count_newlines(seg);
    let line_start = match memchr::memrchr(b'\n', seg) {
        Some(i) => base + i as u64 + 1,
        None => line_start,
    };
    Position {
        offset: at,
        line: line.saturating_add(n.min(u64::from(u32::MAX)) as u32),
        column: (at.saturating_sub(line_start) + 1).min(u64::from(u32::MAX)) as u32,
    }
}

fn error_at(kind: ScanErrorKind, pos: Position) -> ScanError {
    ScanError {
        kind,
        pos,
        path: String::new(),
    }
}

/// How the input's bytes become UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Charset {
    /// UTF-8 (or US-ASCII) already: validated, not copied.
    Utf8,
    /// Transcoded with encoding_rs.
    Decode {
        encoding: &'static Encoding,
        /// Whether the input starts with a byte order mark to drop.
        bom: bool,
    },
}

/// Detects the encoding from the first bytes of the input: a byte order
/// mark, UTF-16 without one (`<` followed or preceded by a NUL byte), or
/// the XML declaration's `encoding`.
pub(crate) fn sniff(head: &[u8], options: &ScanOptions) -> Result<Charset, ScanError> {
    let unsupported = |label: &str, at: usize| {
        let pos = Position {
            offset: at as u64,
            line: u32::from(options.track_lines),
            column: if options.track_lines {
                at.min(u32::MAX as usize - 1) as u32 + 1
            } else {
                0
            },
        };
        Err(error_at(
            ScanErrorKind::UnsupportedEncoding(label.to_owned()),
            pos,
        ))
    };
    match head {
        [0xEF, 0xBB, 0xBF, ..] => return Ok(Charset::Utf8),
        [0x00, 0x00, 0xFE, 0xFF, ..] | [0x00, 0x00, 0x00, b'<', ..] => {
            return unsupported("UTF-32BE", 0);
        }
        [0xFF, 0xFE, 0x00, 0x00, ..] | [b'<', 0x00, 0x00, 0x00, ..] => {
            return unsupported("UTF-32LE", 0);
        }
        [0xFE, 0xFF, ..] => {
            return Ok(Charset::Decode {
                encoding: encoding_rs::UTF_16BE,
                bom: true,
            });
        }
        [0xFF, 0xFE, ..] => {
            return Ok(Charset::Decode {
                encoding: encoding_rs::UTF_16LE,
                bom: true,
            });
        }
        [0x00, b'<', ..] => return utf16_without_bom(head, encoding_rs::UTF_16BE, options),
        [b'<', 0x00, ..] => return utf16_without_bom(head, encoding_rs::UTF_16LE, options),
        _ => {}
    }
    let Some((label, at)) = declared_encoding(head) else {
        return Ok(Charset::Utf8);
    };
    let Ok(text) = std::str::from_utf8(label) else {
        return unsupported(&String::from_utf8_lossy(label), at);
    };
    // encoding_rs follows the WHATWG Encoding Standard, which reads
    // "US-ASCII" as windows-1252: XML's US-ASCII is a subset of UTF-8.
    if text.eq_ignore_ascii_case("us-ascii") || text.eq_ignore_ascii_case("ascii") {
        return Ok(Charset::Utf8);
    }
    match Encoding::for_label_no_replacement(label) {
        None => unsupported(text, at),
        Some(e) if e == encoding_rs::UTF_8 => Ok(Charset::Utf8),
        // A declaration readable as ASCII is not UTF-16: the bytes decide.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Ok(Charset::Utf8),
        Some(encoding) => Ok(Charset::Decode {
            encoding,
            bom: false,
        }),
    }
}

/// UTF-16 without a byte order mark (XML 1.0 appendix F): accepted only
/// when the XML declaration says UTF-16 (§4.3.3: a UTF-16 entity without a
/// BOM must say so; one that declares another encoding is a fatal error).
fn utf16_without_bom(
    head: &[u8],
    encoding: &'static Encoding,
    options: &ScanOptions,
) -> Result<Charset, ScanError> {
    // The declaration is ASCII: keep the ASCII characters.
    let low = usize::from(encoding == encoding_rs::UTF_16BE);
    let ascii: Vec<u8> = head
        .chunks_exact(2)
        .map_while(|u| (u[1 - low] == 0 && u[low] < 0x80).then_some(u[low]))
        .collect();
    let declared = declared_encoding(&ascii);
    if let Some((label, _)) = declared {
        let e = Encoding::for_label_no_replacement(label);
        if e == Some(encoding_rs::UTF_16LE) || e == Some(encoding_rs::UTF_16BE) {
            return Ok(Charset::Decode {
                encoding,
                bom: false,
            });
        }
    }
    let message = match declared {
        Some((label, _)) => format!(
            "{} bytes without a byte order mark, declared as encoding \"{}\"",
            encoding.name(),
            String::from_utf8_lossy(label)
        ),
        None => format!(
            "{} bytes without a byte order mark or encoding declaration",
            encoding.name()
        ),
    };
    let kind = ScanErrorKind::Malformed {
        message,
        expected: Some("a byte order mark, or encoding=\"UTF-16\"".into()),
    };
    let pos = line_col(options.track_lines, 1, 0, 0, &[], 0);
    Err(error_at(kind, pos))
}

/// The `encoding` pseudo-attribute of an XML declaration at the start of
/// `head`, with its offset.
fn declared_encoding(head: &[u8]) -> Option<(&[u8], usize)> {
    if !head.starts_with(b"<?xml") || !head.get(5).is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>").unwrap_or(head.len());
    let decl = &head[..end];
    let mut i = memchr::memmem::find(decl, b"encoding")? + b"encoding".len();
    let skip_ws = |mut i: usize| {
        while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    i = skip_ws(i);
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i = skip_ws(i + 1);
    let quote = *decl.get(i).filter(|&&q| q == b'"' || q == b'\'')?;
    let start = i + 1;
    let len = memchr::memchr(quote, decl.get(start..)?)?;
    Some((&decl[start..start + len], start))
}

/// The summary of a scan a sink stopped: `bytes` is the end of what had
/// been handed to the scanner.
fn stopped<S>(m: &Machine<'_>, tap: &Tap<S>, bytes: u64) -> ScanSummary {
    ScanSummary {
        bytes,
        events: m.events(),
        epcs: tap.epcs,
        stopped: true,
    }
}

/// Scans a complete UTF-8 (or, after `sniff`, any) document in memory.
pub(crate) fn scan_slice_tap<S: Sink>(
    input: &[u8],
    options: &ScanOptions,
    tap: &mut Tap<S>,
) -> Result<ScanSummary, ScanError> {
    let head = input.get(..HEAD).unwrap_or(input);
    match sniff(head, options)? {
        Charset::Utf8 => {}
        Charset::Decode { encoding, bom } => {
            let src = Decoded::new(input, encoding, bom, Vec::new());
            return Pump::new(options, Vec::new()).run(src, tap);
        }
    }
    let (text, bad) = match std::str::from_utf8(input) {
        Ok(t) => (t, None),
        Err(e) => {
            let n = e.valid_up_to();
            // Valid by construction; never fails.
            let t = std::str::from_utf8(input.get(..n).unwrap_or_default()).unwrap_or_default();
            (t, Some(n))
        }
    };
    let mut machine = Machine::new(options);
    match machine.feed(text, 0, bad.is_none(), tap)? {
        Fed::Stopped => return Ok(stopped(&machine, tap, input.len() as u64)),
        Fed::Consumed(_) => {}
    }
    if let Some(n) = bad {
        let pos = line_col(options.track_lines, 1, 0, 0, input, n as u64);
        return Err(error_at(ScanErrorKind::InvalidUtf8, pos));
    }
    machine.finish(tap)
}

/// Why a source could not produce more text.
enum SourceError {
    Io(io::Error),
    /// Bytes not valid in the declared encoding (a message).
    Malformed(String),
}

/// Something that appends text to the scan buffer.
trait Source {
    /// Writes bytes into `dst` (not empty); returns how many. 0 without
    /// [`Source::at_eof`] means `dst` is too small for the next character.
    fn fill(&mut self, dst: &mut [u8]) -> Result<usize, SourceError>;
    /// Whether the input is exhausted.
    fn at_eof(&self) -> bool;
    /// Whether the bytes it produces still need UTF-8 validation.
    fn raw(&self) -> bool;
}

/// Bytes of a UTF-8 reader, as read.
struct Raw<R> {
    reader: R,
    eof: bool,
}

impl<R: Read> Source for Raw<R> {
    fn fill(&mut self, dst: &mut [u8]) -> Result<usize, SourceError> {
        loop {
            match self.reader.read(dst) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(0);
                }
                Ok(n) => return Ok(n.min(dst.len())),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(SourceError::Io(e)),
            }
        }
    }
    fn at_eof(&self) -> bool {
        self.eof
    }
    fn raw(&self) -> bool {
        true
    }
}

/// A reader in another encoding, transcoded to UTF-8.
struct Decoded<R> {
    reader: R,
    decoder: Decoder,
    name: &'static str,
    /// Undecoded input: `raw[start..end]`.
    raw: Vec<u8>,
    start: usize,
    end: usize,
    raw_eof: bool,
    /// Input bytes handed to the decoder so far.
    raw_offset: u64,
    done: bool,
    failed: Option<String>,
}

impl<R: Read> Decoded<R> {
    fn new(reader: R, encoding: &'static Encoding, bom: bool, head: Vec<u8>) -> Self {
        let decoder = if bom {
            encoding.new_decoder_with_bom_removal()
        } else {
            encoding.new_decoder_without_bom_handling()
        };
        let end = head.len();
        let mut raw = head;
        raw.resize(end.max(64 << 10), 0);
        Decoded {
            reader,
            decoder,
            name: encoding.name(),
            raw,
            start: 0,
            end,
            raw_eof: false,
            raw_offset: 0,
            done: false,
            failed: None,
        }
    }
}

impl<R: Read> Source for Decoded<R> {
    fn fill(&mut self, dst: &mut [u8]) -> Result<usize, SourceError> {
        if let Some(m) = self.failed.take() {
            return Err(SourceError::Malformed(m));
        }
        if self.done {
            return Ok(0);
        }
        let mut written = 0usize;
        loop {
            if self.start == self.end && !self.raw_eof {
                self.start = 0;
                self.end = 0;
                loop {
                    match self.reader.read(&mut self.raw) {
                        Ok(0) => self.raw_eof = true,
                        Ok(n) => self.end = n.min(self.raw.len()),
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(SourceError::Io(e)),
                    }
                    break;
                }
            }
            let src = self.raw.get(self.start..self.end).unwrap_or_default();
            let out = dst.get_mut(written..).unwrap_or_default();
            let (result, read, n) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, out, self.raw_eof);
            self.start += read;
            self.raw_offset += read as u64;
            written += n;
            match result {
                DecoderResult::InputEmpty => {
                    if self.raw_eof {
                        self.done = true;
                        return Ok(written);
                    }
                    if written > 0 {
                        return Ok(written);
                    }
                }
                DecoderResult::OutputFull => return Ok(written),
                DecoderResult::Malformed(bad, after) => {
                    let at = self
                        .raw_offset
                        .saturating_sub(u64::from(bad) + u64::from(after));
                    let m = format!("bytes not valid {} at input byte {at}", self.name);
                    if written == 0 {
                        return Err(SourceError::Malformed(m));
                    }
                    self.failed = Some(m);
                    return Ok(written);
                }
            }
        }
    }
    fn at_eof(&self) -> bool {
        self.done
    }
    fn raw(&self) -> bool {
        false
    }
}

/// The end of the complete characters of `b` (an incomplete UTF-8 sequence
/// at the end is left for the next fill; anything else is left to the
/// validator).
fn complete_chars(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=n.min(3) {
        let c = b[n - back];
        if c & 0xC0 != 0x80 {
            let need = match c {
                0xF0..=0xFF => 4,
                0xE0..=0xEF => 3,
                0xC0..=0xDF => 2,
                _ => 1,
            };
            return if back < need { n - back } else { n };
        }
    }
    n
}

/// The bounded buffer a reader is scanned through (see the module docs).
struct Pump<'o> {
    options: &'o ScanOptions,
    /// `buf.len()` is the current target size; `buf[..filled]` holds data.
    buf: Vec<u8>,
    filled: usize,
    /// The normal buffer size.
    chunk: usize,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// Line at `base` and start of that line (for this module's errors).
    line: u32,
    line_start: u64,
    eof: bool,
    /// Largest buffer used (tests).
    #[cfg_attr(not(test), allow(dead_code))]
    peak: usize,
}

impl<'o> Pump<'o> {
    /// A pump whose buffer starts with `head` (bytes already read).
    fn new(options: &'o ScanOptions, head: Vec<u8>) -> Self {
        let chunk = options.chunk_size.max(MIN_BUFFER);
        let filled = head.len();
        let mut buf = head;
        buf.resize(chunk.max(filled), 0);
        Pump {
            options,
            peak: buf.len(),
            buf,
            filled,
            chunk,
            base: 0,
            line: 1,
            line_start: 0,
            eof: false,
        }
    }

    fn pos(&self, at: u64) -> Position {
        let data = self.buf.get(..self.filled).unwrap_or_default();
        line_col(
            self.options.track_lines,
            self.line,
            self.line_start,
            self.base,
            data,
            at,
        )
    }

    fn run<R: Source, S: Sink>(
        &mut self,
        mut src: R,
        tap: &mut Tap<S>,
    ) -> Result<ScanSummary, ScanError> {
        let limit = self.options.limits.max_event_bytes;
        let mut machine: Machine<'static> = Machine::new(self.options);
        loop {
            // Fill the buffer (until full or the end of the input).
            let mut failure: Option<SourceError> = None;
            while self.filled < self.buf.len() && !self.eof {
                match src.fill(self.buf.get_mut(self.filled..).unwrap_or_default()) {
                    Ok(n) => {
                        self.filled += n;
                        if src.at_eof() {
                            self.eof = true;
                        } else if n == 0 {
                            break;
                        }
                    }
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            // The text: up to the last complete character.
            let data = self.buf.get(..self.filled).unwrap_or_default();
            let cut = if self.eof || failure.is_some() || !src.raw() {
                data.len()
            } else {
                complete_chars(data)
            };
            let (text, bad) = match std::str::from_utf8(data.get(..cut).unwrap_or_default()) {
                Ok(t) => (t, None),
                Err(e) => {
                    let n = e.valid_up_to();
                    let t =
                        std::str::from_utf8(data.get(..n).unwrap_or_default()).unwrap_or_default();
                    (t, Some(n))
                }
            };
            let ready = text.len();
            let last = self.eof && bad.is_none() && failure.is_none();
            let mut m: Machine<'_> = machine;
            let n = match m.feed(text, self.base, last, tap)? {
                Fed::Stopped => return Ok(stopped(&m, tap, self.base + ready as u64)),
                Fed::Consumed(n) => n,
            };
            machine = m.into_owned();
            if let Some(b) = bad {
                let at = self.base + b as u64;
                return Err(error_at(ScanErrorKind::InvalidUtf8, self.pos(at)));
            }
            if let Some(f) = failure {
                let at = self.base + self.filled as u64;
                let kind = match f {
                    SourceError::Io(e) => ScanErrorKind::Io(e.to_string()),
                    SourceError::Malformed(message) => ScanErrorKind::Malformed {
                        message,
                        expected: None,
                    },
                };
                return Err(error_at(kind, self.pos(at)));
            }
            if last {
                return machine.finish(tap);
            }
            // Drop what was consumed; the carry-over moves to the front.
            let n = n.min(self.filled);
            if self.options.track_lines && n > 0 {
                let gone = self.buf.get(..n).unwrap_or_default();
                let count = count_newlines(gone);
                if count > 0 {
                    self.line = self
                        .line
                        .saturating_add(count.min(u64::from(u32::MAX)) as u32);
                    if let Some(i) = memchr::memrchr(b'\n', gone) {
                        self.line_start = self.base + i as u64 + 1;
                    }
                }
            }
            self.buf.copy_within(n..self.filled, 0);
            self.filled -= n;
            self.base += n as u64;
            // One token longer than the limit: give up; longer than half
            // the buffer: grow; back to small: shrink.
            if self.filled > limit {
                let kind = ScanErrorKind::Limit {
                    limit: "max_event_bytes",
                    max: limit,
                };
                return Err(error_at(kind, self.pos(self.base)));
            }
            if self.filled * 2 > self.buf.len() {
                let target = (self.filled * 2).max(self.chunk);
                self.buf.resize(target, 0);
                self.peak = self.peak.max(target);
            } else if self.buf.len() > self.chunk && self.filled * 2 <= self.chunk {
                self.buf.truncate(self.chunk);
                self.buf.shrink_to(self.chunk);
            }
        }
    }
}

/// Reads up to [`HEAD`] bytes (less at the end of the input).
fn read_head<R: Read>(reader: &mut R) -> Result<Vec<u8>, ScanError> {
    let mut head = vec![0u8; HEAD];
    let mut n = 0;
    while n < HEAD {
        match reader.read(head.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                let pos = Position {
                    offset: n as u64,
                    ..Position::default()
                };
                return Err(error_at(ScanErrorKind::Io(e.to_string()), pos));
            }
        }
    }
    head.truncate(n.min(HEAD));
    Ok(head)
}

pub(crate) fn scan_read_tap<R: Read, S: Sink>(
    mut reader: R,
    options: &ScanOptions,
    tap: &mut Tap<S>,
) -> Result<ScanSummary, ScanError> {
    let head = read_head(&mut reader)?;
    match sniff(&head, options)? {
        Charset::Utf8 => Pump::new(options, head).run(Raw { reader, eof: false }, tap),
        Charset::Decode { encoding, bom } => {
            Pump::new(options, Vec::new()).run(Decoded::new(reader, encoding, bom, head), tap)
        }
    }
}

/// Scans a document from a reader (stdin, a pipe, a socket...), in a
/// bounded buffer of [`ScanOptions::chunk_size`] bytes.
///
/// The buffer only grows for a single token (a tag, a text, a comment)
/// longer than half of it, up to twice [`Limits::max_event_bytes`]
/// (a longer token is a [`ScanErrorKind::Limit`] error naming
/// `max_event_bytes`): memory stays bounded whatever the input's size.
/// Encodings are handled as the [module docs](super) say; the reader does
/// not need to be buffered.
///
/// [`Limits::max_event_bytes`]: super::Limits::max_event_bytes
pub fn scan_read<R: Read, S: Sink>(
    reader: R,
    options: &ScanOptions,
    sink: &mut S,
) -> Result<ScanSummary, ScanError> {
    scan_read_tap(reader, options, &mut Tap::new(sink))
}

/// An input file, opened.
pub(crate) enum Opened {
    /// A regular file, memory-mapped.
    Mapped(memmap2::Mmap),
    /// A pipe, a device, an empty or unmappable file: read.
    Read(std::fs::File),
}

/// Maps `file` read-only.
#[allow(unsafe_code)]
fn map(file: &std::fs::File) -> io::Result<memmap2::Mmap> {
    // SAFETY: the mapping is read-only and private to this process; it is
    // only ever read as bytes, and validated as UTF-8 before any `&str` is
    // made of it. Another process truncating or rewriting the file while
    // it is mapped can make reads fault (SIGBUS) or see changing bytes: the
    // same caveat as ripgrep and every mmap-based reader, documented in the
    // module docs.
    unsafe { memmap2::Mmap::map(file) }
}

fn io_error(path: &Path, e: &io::Error) -> ScanError {
    error_at(
        ScanErrorKind::Io(format!("{}: {e}", path.display())),
        Position::default(),
    )
}

/// Opens `path`: mapped when it is a non-empty regular file, read
/// otherwise.
pub(crate) fn open(path: &Path) -> Result<Opened, ScanError> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let meta = file.metadata().map_err(|e| io_error(path, &e))?;
    if meta.is_file() && meta.len() > 0 {
        if let Ok(m) = map(&file) {
            return Ok(Opened::Mapped(m));
        }
    }
    Ok(Opened::Read(file))
}

/// Scans a file, sequentially: memory-mapped when it is a regular file
/// (no copy), read through the bounded buffer of [`scan_read`] otherwise
/// (pipes, `/dev/stdin`, special files). See [`scan_files`](super::scan_files)
/// to scan one large file, or many, on every core.
pub fn scan_file<S: Sink>(
    path: &Path,
    options: &ScanOptions,
    sink: &mut S,
) -> Result<ScanSummary, ScanError> {
    let mut tap = Tap::new(sink);
    match open(path)? {
        Opened::Mapped(m) => scan_slice_tap(&m, options, &mut tap),
        Opened::Read(f) => scan_read_tap(f, options, &mut tap),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::epcis::{Value, scan_slice};
    use std::fmt::Write;

    /// Records everything as text, positions included.
    #[derive(Default)]
    pub(crate) struct Trace(pub(crate) String);

    impl Sink for Trace {
        fn header(&mut self, h: &Header<'_>) -> Flow {
            let _ = writeln!(
                self.0,
                "header {} {:?} {:?} {:?}",
                h.root,
                h.schema_version.as_ref().map(|v| v.as_str().to_owned()),
                h.declared_encoding,
                h.pos
            );
            Flow::Continue
        }
        fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
            let _ = writeln!(
                self.0,
                "vocab {:?}",
                v.id.as_ref().map(|v| v.as_str().to_owned()),
            );
            Flow::Continue
        }
        fn event_start(&mut self, e: &EventStart) -> Flow {
            let _ = writeln!(self.0, "start {} {} {:?}", e.kind, e.index, e.pos);
            Flow::Continue
        }
        fn epc(&mut self, e: &EventStart, r: &EpcRef<'_>) -> Flow {
            let _ = writeln!(
                self.0,
                "epc {} {} {} {:?} {:?}",
                e.index,
                r.field,
                r.index,
                r.value.as_str(),
                r.value.pos,
            );
            Flow::Continue
        }
        fn event(&mut self, e: &Event<'_>) -> Flow {
            let s = |v: &Option<Value<'_>>| v.as_ref().map(|v| (v.as_str().to_owned(), v.pos));
            let ext: Vec<_> = e.extensions.iter().map(|n| s(&n.text)).collect();
            let _ = writeln!(
                self.0,
                "event {} {:?} {:?} {:?} ext={ext:?}",
                e.start.index,
                s(&e.action),
                s(&e.biz_step),
                s(&e.event_time),
            );
            Flow::Continue
        }
        fn finding(&mut self, f: &Finding) -> Flow {
            let _ = writeln!(self.0, "finding {} {:?} {}", f.rule, f.pos, f.path);
            Flow::Continue
        }
    }

    pub(crate) fn doc(events: usize, crlf: bool) -> String {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        s.push_str(nl);
        s.push_str("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" xmlns:tl=\"http://epcis.tracelink.com/ns\" schemaVersion=\"1.2\" creationDate=\"2024-01-01T00:00:00Z\">");
        s.push_str(nl);
        s.push_str("<EPCISBody><EventList>");
        s.push_str(nl);
        for i in 0..events {
            s.push_str("  <ObjectEvent><eventTime>2024-01-01T00:00:00Z</eventTime><epcList>");
            s.push_str(nl);
            for j in 0..(i % 5) {
                let _ = write!(
                    s,
                    "    <epc>urn:epc:id:sgtin:0614141.812345.{i}x{j}</epc>{nl}"
                );
            }
            let _ = write!(
                s,
                "  </epcList><action>ADD</action><tl:note>é {i}</tl:note></ObjectEvent>{nl}"
            );
        }
        s.push_str("</EventList></EPCISBody></epcis:EPCISDocument>");
        s.push_str(nl);
        s
    }

    fn trace_slice(
        input: &[u8],
        options: &ScanOptions,
    ) -> (String, Result<ScanSummary, ScanError>) {
        let mut t = Trace::default();
        let r = scan_slice(input, options, &mut t);
        (t.0, r)
    }

    fn trace_read<R: Read>(
        r: R,
        options: &ScanOptions,
    ) -> (String, Result<ScanSummary, ScanError>) {
        let mut t = Trace::default();
        let r = scan_read(r, options, &mut t);
        (t.0, r)
    }

    /// A reader returning 1..=7 bytes per read.
    struct Dribble<'a> {
        data: &'a [u8],
        n: usize,
    }

    impl Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.n = self.n % 7 + 1;
            let k = self.n.min(buf.len()).min(self.data.len());
            buf[..k].copy_from_slice(&self.data[..k]);
            self.data = &self.data[k..];
            Ok(k)
        }
    }

    #[test]
    fn counts_newlines() {
        let mut v = vec![b'a'; 40_000];
        for i in (0..v.len()).step_by(7) {
            v[i] = b'\n';
        }
        let expect = v.iter().filter(|&&b| b == b'\n').count() as u64;
        assert_eq!(count_newlines(&v), expect);
        assert_eq!(count_newlines(&v[3..12_345]), {
            v[3..12_345].iter().filter(|&&b| b == b'\n').count() as u64
        });
    }

    #[test]
    fn reader_in_dribbles_equals_slice() {
        for crlf in [false, true] {
            let d = doc(60, crlf);
            let opts = ScanOptions {
                chunk_size: 100,
                ..ScanOptions::default()
            };
            let (whole, r) = trace_slice(d.as_bytes(), &opts);
            let s = r.unwrap();
            assert_eq!(s.events, 60);
            for chunk_size in [1, 64, 100, 1000, 1 << 20] {
                let opts = ScanOptions {
                    chunk_size,
                    ..ScanOptions::default()
                };
                let (t, r) = trace_read(
                    Dribble {
                        data: d.as_bytes(),
                        n: 0,
                    },
                    &opts,
                );
                assert_eq!(r.unwrap(), s, "chunk {chunk_size}");
                assert_eq!(t, whole, "chunk {chunk_size}");
                let (t, r) = trace_read(d.as_bytes(), &opts);
                assert_eq!(r.unwrap(), s, "chunk {chunk_size}");
                assert_eq!(t, whole, "chunk {chunk_size}");
            }
        }
    }

    #[test]
    fn utf8_bom_is_skipped() {
        let d = doc(3, false);
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(d.as_bytes());
        let (t, r) = trace_slice(&b, &ScanOptions::default());
        assert_eq!(r.unwrap().events, 3);
        let (t2, r2) = trace_read(Dribble { data: &b, n: 0 }, &ScanOptions::default());
        assert_eq!(r2.unwrap().events, 3);
        assert_eq!(t, t2);
        // Positions count the BOM.
        let root = d.find("<epcis:EPCISDocument").unwrap() + 3;
        assert!(
            t.contains(&format!("offset: {root}, line: 2, column: 1 }}")),
            "{t}"
        );
    }

    #[test]
    fn utf16_is_transcoded() {
        let d = doc(4, true).replace("UTF-8", "UTF-16");
        let (expect, r) = trace_slice(d.as_bytes(), &ScanOptions::default());
        assert_eq!(r.unwrap().events, 4);
        for (bom, be) in [(true, false), (true, true), (false, false), (false, true)] {
            let mut b: Vec<u8> = Vec::new();
            if bom {
                b.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
            }
            for u in d.encode_utf16() {
                b.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            let (t, r) = trace_slice(&b, &ScanOptions::default());
            assert_eq!(r.unwrap().events, 4, "{t}");
            assert_eq!(t, expect, "bom {bom} be {be}");
            for chunk_size in [1, 100, 1 << 20] {
                let opts = ScanOptions {
                    chunk_size,
                    ..ScanOptions::default()
                };
                let (t, r) = trace_read(Dribble { data: &b, n: 0 }, &opts);
                assert_eq!(r.unwrap().events, 4);
                assert_eq!(t, expect, "chunk {chunk_size}");
            }
        }
        // An unpaired surrogate: an error, after what precedes it.
        let mut b: Vec<u8> = vec![0xFF, 0xFE];
        for u in d.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let at = d.find("<action>").unwrap();
        b[2 + 2 * at..2 + 2 * at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
        let e = trace_slice(&b, &ScanOptions::default()).1.unwrap_err();
        assert!(
            matches!(&e.kind, ScanErrorKind::Malformed { message, .. } if message.contains("UTF-16LE")),
            "{e}"
        );
        assert_eq!(e.pos.offset, at as u64, "{e}");
        assert!(expect.contains("Some(\"UTF-16\")"), "{expect}");
        // Without a byte order mark, only a declaration saying UTF-16 will do.
        for decl in ["UTF-8", ""] {
            let d = doc(1, false).replace("encoding=\"UTF-8\"", decl);
            let b: Vec<u8> = d.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let e = trace_slice(&b, &ScanOptions::default()).1.unwrap_err();
            assert!(
                matches!(&e.kind, ScanErrorKind::Malformed { message, .. } if message.contains("UTF-16LE bytes without a byte order mark")),
                "{e}"
            );
            let e2 = trace_read(&b[..], &ScanOptions::default()).1.unwrap_err();
            assert_eq!(e2, e);
        }
    }

    #[test]
    fn latin1_is_transcoded() {
        let d = doc(2, false).replace("UTF-8", "ISO-8859-1");
        // The same text in UTF-8, declaration of the same length.
        let u = doc(2, false).replace("\"UTF-8\"", "\"UTF-8\"     ");
        let (expect, _) = trace_slice(u.as_bytes(), &ScanOptions::default());
        let expect = expect.replace("Some(\"UTF-8\")", "Some(\"ISO-8859-1\")");
        assert!(expect.contains("\"é 1\""), "{expect}");
        let latin1: Vec<u8> = d
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        assert!(latin1.contains(&0xE9));
        assert!(std::str::from_utf8(&latin1).is_err());
        let (t, r) = trace_slice(&latin1, &ScanOptions::default());
        assert_eq!(r.unwrap().events, 2);
        assert_eq!(t, expect);
        let (t, r) = trace_read(
            Dribble {
                data: &latin1,
                n: 0,
            },
            &ScanOptions::default(),
        );
        assert_eq!(r.unwrap().events, 2);
        assert_eq!(t, expect);
    }

    #[test]
    fn unknown_encodings_are_rejected() {
        let d = doc(1, false).replace("UTF-8", "EBCDIC-US");
        let (_, r) = trace_slice(d.as_bytes(), &ScanOptions::default());
        let e = r.unwrap_err();
        assert_eq!(
            e.kind,
            ScanErrorKind::UnsupportedEncoding("EBCDIC-US".into())
        );
        assert_eq!(e.pos.offset, 30);
        let d = doc(1, false).replace("UTF-8", "us-ascii");
        assert_eq!(
            trace_slice(d.as_bytes(), &ScanOptions::default())
                .1
                .unwrap()
                .events,
            1
        );
        let (_, r) = trace_read(
            &b"\xFF\xFE\x00\x00<\x00\x00\x00"[..],
            &ScanOptions::default(),
        );
        assert_eq!(
            r.unwrap_err().kind,
            ScanErrorKind::UnsupportedEncoding("UTF-32LE".into())
        );
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_offset_after_what_precedes() {
        let d = doc(30, false);
        let at = d.find("<ObjectEvent>").unwrap() + 500;
        let at = (at..).find(|&i| d.is_char_boundary(i)).unwrap();
        let mut b = d.as_bytes().to_vec();
        b[at] = 0xFF;
        let line = d[..at].matches('\n').count() as u32 + 1;
        let column = (at - d[..at].rfind('\n').unwrap()) as u32;
        let (t, r) = trace_slice(&b, &ScanOptions::default());
        let e = r.unwrap_err();
        assert_eq!(e.kind, ScanErrorKind::InvalidUtf8);
        assert_eq!(
            e.pos,
            Position {
                offset: at as u64,
                line,
                column
            }
        );
        assert!(t.contains("start ObjectEvent 2"), "{t}");
        for chunk_size in [1, 100, 4096] {
            let opts = ScanOptions {
                chunk_size,
                ..ScanOptions::default()
            };
            let (t2, r) = trace_read(Dribble { data: &b, n: 0 }, &opts);
            assert_eq!(r.unwrap_err(), e, "chunk {chunk_size}");
            assert_eq!(t2, t, "chunk {chunk_size}");
        }
        // A character cut by the end of the input.
        let mut b = d.as_bytes().to_vec();
        b.extend_from_slice("é".as_bytes().get(..1).unwrap());
        let e = trace_slice(&b, &ScanOptions::default()).1.unwrap_err();
        assert_eq!(
            (e.kind.clone(), e.pos.offset),
            (ScanErrorKind::InvalidUtf8, d.len() as u64)
        );
        let e2 = trace_read(Dribble { data: &b, n: 0 }, &ScanOptions::default())
            .1
            .unwrap_err();
        assert_eq!(e2, e);
    }

    #[test]
    fn buffer_growth_is_bounded() {
        let big = "x".repeat(10 << 20);
        let d = doc(200, false).replace("é 1<", &format!("{big}<"));
        let small = ScanOptions {
            chunk_size: 4096,
            ..ScanOptions::default()
        };
        // Default limits: the 10 MB text is longer than max_text_len.
        let e = trace_read(d.as_bytes(), &small).1.unwrap_err();
        assert!(
            matches!(
                e.kind,
                ScanErrorKind::Limit {
                    limit: "max_text_len",
                    ..
                }
            ),
            "{e}"
        );
        // A token longer than max_event_bytes stops the buffer growing.
        let mut opts = small.clone();
        opts.limits.max_event_bytes = 1 << 20;
        let e = trace_read(d.as_bytes(), &opts).1.unwrap_err();
        assert!(
            matches!(
                e.kind,
                ScanErrorKind::Limit {
                    limit: "max_event_bytes",
                    ..
                }
            ),
            "{e}"
        );
        let at = d.find(&big).unwrap();
        assert_eq!(e.pos.offset, at as u64, "{e}");
        assert_eq!(e.pos.line, d[..at].matches('\n').count() as u32 + 1, "{e}");
        // Within the limits: the buffer grows to about twice the token.
        let mut opts = small.clone();
        opts.limits.max_text_len = 16 << 20;
        let mut tap = Tap::new(Trace::default());
        let src = Raw {
            reader: d.as_bytes(),
            eof: false,
        };
        let mut pump = Pump::new(&opts, Vec::new());
        let (expect, _) = trace_slice(d.as_bytes(), &opts);
        let r = pump.run(src, &mut tap);
        assert_eq!(r.unwrap().events, 200);
        assert_eq!(tap.inner.0, expect);
        assert!(pump.peak <= 2 * (10 << 20) + 8192, "{}", pump.peak);
        assert!(pump.peak >= 10 << 20, "{}", pump.peak);
    }
}
