//! Streaming EPCIS 1.2 reader.
//!
//! One pass over the input, constant memory, every EPC reported with its
//! position. The scanner is a push parser over borrowed bytes (a
//! memory-mapped file, or a bounded buffer refilled from a pipe): it drives
//! a [`Sink`] with typed items ([`Header`], [`VocabularyElement`],
//! [`EventStart`], [`EpcRef`], [`Event`], [`Finding`]).
//!
//! # Entry points
//!
//! | input | sequential | every core |
//! |---|---|---|
//! | bytes in memory | [`scan_slice`] | [`scan_parallel`] |
//! | a file | [`scan_file`] (memory-mapped) | [`scan_files`] (one or many) |
//! | a reader (stdin, a pipe) | [`scan_read`] (bounded buffer) | — |
//!
//! # Encodings
//!
//! The encoding is detected from the first bytes: a byte order mark
//! (UTF-8, UTF-16 LE/BE; UTF-32 is rejected), UTF-16 without one (`<`
//! next to a NUL byte; accepted only when the declaration says UTF-16, as
//! XML 1.0 §4.3.3 requires, else a [`ScanErrorKind::Malformed`] error),
//! else the XML declaration's `encoding`.
//!
//! * UTF-8 and US-ASCII (any case; no declaration means UTF-8) are scanned
//!   as they are, validated once: a slice up front, a reader per buffer
//!   fill. Invalid bytes are a [`ScanErrorKind::InvalidUtf8`] error at the
//!   offset of the first bad byte, after everything before it was
//!   reported. A UTF-8 byte order mark is skipped (positions count it).
//! * Every other encoding encoding_rs knows (UTF-16, ISO-8859-x,
//!   windows-125x, Shift_JIS, EUC-KR, GB18030…; labels as the WHATWG
//!   Encoding Standard reads them, so ISO-8859-1 is decoded as its
//!   superset windows-1252) is transcoded to UTF-8 on the fly, in bounded
//!   memory, and scanned sequentially (also by [`scan_parallel`]). Positions
//!   then refer to the UTF-8 text (the byte order mark not counted), and
//!   [`Header::declared_encoding`] still says the original name. Bytes not
//!   valid in that encoding are a [`ScanErrorKind::Malformed`] error whose
//!   message gives the input byte offset.
//! * Labels encoding_rs does not know (EBCDIC, UTF-32, …) are a
//!   [`ScanErrorKind::UnsupportedEncoding`] error. A declaration naming
//!   UTF-16 that is itself readable as ASCII is wrong: the bytes decide
//!   (UTF-8).
//!
//! # Memory-mapped files
//!
//! [`scan_file`] and [`scan_files`] map regular files read-only (pipes and
//! special files are read). As with every mmap-based reader (ripgrep's
//! caveat): if another process truncates the file while it is being
//! scanned, reading the vanished pages kills the process with SIGBUS; if it
//! rewrites the file, the scan may see a mix of old and new bytes (UTF-8
//! is validated before use, so this can only give wrong results or errors,
//! never undefined behaviour in the scanner's own logic). Scan files that
//! are not being written, or read them through [`scan_read`].
//!
//! # Design notes
//!
//! * **Slices, not readers.** The XML tokenizer (quick-xml 0.41's borrowed
//!   `Reader`, over `&str` validated once) only ever sees a complete
//!   slice. Readers are read into a bounded buffer; the scanner consumes
//!   the complete tokens of each fill and the incomplete one at its end is
//!   carried over to the next (`input.rs`), so the same code serves files,
//!   stdin and the parallel path.
//! * **Parallel by splitting at event boundaries.** The prologue (up to the
//!   first event in `EventList`) is scanned first; it yields the namespace
//!   context. The rest is cut into chunks just before event start tags,
//!   and each chunk is scanned on rayon's pool starting in the "inside
//!   EventList" state with that context. A chunk must end exactly between
//!   two events and contain the number of events its pre-count promised;
//!   when one does not (a split point inside a comment or CDATA, an event
//!   inside an extension), the scan goes on sequentially from there until
//!   it is between two events again, so parallel and sequential output
//!   are always identical ([`scan_parallel`]).
//! * **Findings are data.** Well-formedness errors end the scan
//!   ([`ScanError`], with everything before reported); rule violations and
//!   tolerated real-world variants are [`Finding`]s and the scan goes on.

mod model;

pub use model::*;

use std::fmt;

/// Whether the scan goes on after a sink call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Keep scanning.
    Continue,
    /// Stop now; the scan returns `Ok` with what was read so far.
    Stop,
}

/// Receives what the scanner reads, in document order. Every method has a
/// default that ignores the item. Items borrow from the input only for the
/// duration of the call.
pub trait Sink {
    /// The root element and header, once, before the first vocabulary
    /// element or event.
    fn header(&mut self, _header: &Header<'_>) -> Flow {
        Flow::Continue
    }
    /// A master data vocabulary element of the header.
    fn vocabulary(&mut self, _element: &VocabularyElement<'_>) -> Flow {
        Flow::Continue
    }
    /// An event's start tag.
    fn event_start(&mut self, _event: &EventStart) -> Flow {
        Flow::Continue
    }
    /// An EPC (or EPC class) of the current event.
    fn epc(&mut self, _event: &EventStart, _epc: &EpcRef<'_>) -> Flow {
        Flow::Continue
    }
    /// An event, complete (its EPCs were reported before).
    fn event(&mut self, _event: &Event<'_>) -> Flow {
        Flow::Continue
    }
    /// A finding (a broken rule, a tolerated variant).
    fn finding(&mut self, _finding: &Finding) -> Flow {
        Flow::Continue
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        (**self).header(h)
    }
    fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
        (**self).vocabulary(v)
    }
    fn event_start(&mut self, e: &EventStart) -> Flow {
        (**self).event_start(e)
    }
    fn epc(&mut self, e: &EventStart, epc: &EpcRef<'_>) -> Flow {
        (**self).epc(e, epc)
    }
    fn event(&mut self, e: &Event<'_>) -> Flow {
        (**self).event(e)
    }
    fn finding(&mut self, f: &Finding) -> Flow {
        (**self).finding(f)
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Informational.
    Info,
    /// Accepted, but not as the standard says (a tolerated variant).
    Warning,
    /// A broken rule.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule broken (or a variant tolerated) somewhere in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id, e.g. `epc.invalid`, `cbv.biz_step`, `xml.prefixed_body`.
    pub rule: &'static str,
    /// How serious.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
    /// Where.
    pub pos: Position,
    /// The element path, e.g.
    /// `EPCISDocument/EPCISBody/EventList/ObjectEvent[3]/epcList/epc[2]`
    /// (indexes 1-based, as XPath).
    pub path: String,
}

/// Limits on what hostile input can make the scanner hold. Each, when
/// exceeded, is a [`ScanErrorKind::Limit`] error naming it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Element nesting depth. Default 256.
    pub max_depth: usize,
    /// Attributes on one element. Default 64.
    pub max_attributes: usize,
    /// Length of an element or attribute name, and of a namespace name
    /// (the URI of an `xmlns` declaration), in bytes. Default 1024.
    pub max_name_len: usize,
    /// Length of one text value (after decoding), in bytes. Default 1 MiB.
    pub max_text_len: usize,
    /// Bytes of one event (start tag to end tag) the scanner may need to
    /// hold at once when reading a pipe. Default 64 MiB.
    pub max_event_bytes: usize,
    /// Extension / ILMD nodes, business transactions, sources and
    /// destinations kept for one event (EPC lists are streamed and not
    /// limited). Default 100 000.
    pub max_event_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 256,
            max_attributes: 64,
            max_name_len: 1024,
            max_text_len: 1 << 20,
            max_event_bytes: 64 << 20,
            max_event_items: 100_000,
        }
    }
}

/// How to scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanOptions {
    /// Limits on hostile input.
    pub limits: Limits,
    /// Compute line and column for every position (costs a newline count
    /// over the input). Default true.
    pub track_lines: bool,
    /// Worker threads for one input; 0 = rayon's default (one per core),
    /// 1 = sequential. Default 0.
    pub threads: usize,
    /// Size of the chunks a large input is cut into for parallel scanning,
    /// and of the buffer a pipe is read in. Default 8 MiB.
    pub chunk_size: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            limits: Limits::default(),
            track_lines: true,
            threads: 0,
            chunk_size: 8 << 20,
        }
    }
}

/// Why a scan stopped before the end of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanErrorKind {
    /// Reading the input failed.
    Io(String),
    /// The input is not well-formed XML; `expected` says what would have
    /// been (e.g. "`>` closing the start tag", "`</epcList>`").
    Malformed {
        /// What the tokenizer found wrong.
        message: String,
        /// What was expected instead, if known.
        expected: Option<String>,
    },
    /// The input ended inside the document.
    Truncated {
        /// Elements still open, innermost last.
        open: Vec<String>,
    },
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A declared or detected encoding that is not supported.
    UnsupportedEncoding(String),
    /// A DOCTYPE with entity declarations (no entity expansion, no external
    /// fetch is ever done).
    EntityDeclaration,
    /// A reference to an entity that is not one of XML's five.
    UnknownEntity(String),
    /// A configured limit was exceeded.
    Limit {
        /// Which [`Limits`] field.
        limit: &'static str,
        /// Its value.
        max: usize,
    },
    /// The root element is not an EPCIS document.
    NotEpcis(String),
}

/// A scan that could not finish, with where it stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanError {
    /// What went wrong.
    pub kind: ScanErrorKind,
    /// Where.
    pub pos: Position,
    /// The element path at that point.
    pub path: String,
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ScanErrorKind::Io(e) => write!(f, "read error: {e}")?,
            ScanErrorKind::Malformed { message, expected } => {
                write!(f, "malformed XML: {message}")?;
                if let Some(e) = expected {
                    write!(f, " (expected {e})")?;
                }
            }
            ScanErrorKind::Truncated { open } => match open.last() {
                Some(last) => write!(f, "input ends inside the document (expected </{last}>)")?,
                None => write!(f, "no root element (empty input, or no XML)")?,
            },
            ScanErrorKind::InvalidUtf8 => write!(f, "invalid UTF-8")?,
            ScanErrorKind::UnsupportedEncoding(e) => write!(f, "unsupported encoding {e:?}")?,
            ScanErrorKind::EntityDeclaration => write!(
                f,
                "DOCTYPE with entity declarations rejected (no entity expansion)"
            )?,
            ScanErrorKind::UnknownEntity(e) => write!(f, "unknown entity &{e};")?,
            ScanErrorKind::Limit { limit, max } => write!(f, "limit {limit} = {max} exceeded")?,
            ScanErrorKind::NotEpcis(root) => {
                write!(f, "not an EPCIS document (root element {root})")?
            }
        }
        write!(f, " at byte {}", self.pos.offset)?;
        if self.pos.line > 0 {
            write!(f, ", line {}:{}", self.pos.line, self.pos.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ", in {}", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for ScanError {}

mod input;
mod parallel;
mod reader;

pub use input::{scan_file, scan_read};
pub use parallel::{ChunkInfo, scan_files, scan_parallel};

pub(crate) use reader::Machine;

/// What a finished scan read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// Bytes of input read.
    pub bytes: u64,
    /// Events reported.
    pub events: u64,
    /// EPCs (and EPC classes) reported.
    pub epcs: u64,
    /// Whether a sink stopped the scan early.
    pub stopped: bool,
}

/// Scans a complete document held in memory, sequentially (one thread).
///
/// ```
/// use epcstream::epcis::{scan_slice, EpcRef, EventStart, Flow, ScanOptions, Sink};
///
/// struct Epcs(Vec<String>);
/// impl Sink for Epcs {
///     fn epc(&mut self, _: &EventStart, epc: &EpcRef<'_>) -> Flow {
///         self.0.push(epc.value.as_str().to_owned());
///         Flow::Continue
///     }
/// }
/// let doc = br#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"
///   creationDate="2024-01-01T00:00:00Z"><EPCISBody><EventList><ObjectEvent>
///   <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
///   <epcList><epc>urn:epc:id:sgtin:0614141.812345.6789</epc></epcList><action>ADD</action>
///   </ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"#;
/// let mut sink = Epcs(Vec::new());
/// let summary = scan_slice(doc, &ScanOptions::default(), &mut sink)?;
/// assert_eq!(summary.events, 1);
/// assert_eq!(sink.0, ["urn:epc:id:sgtin:0614141.812345.6789"]);
/// # Ok::<(), epcstream::epcis::ScanError>(())
/// ```
pub fn scan_slice<S: Sink>(
    input: &[u8],
    options: &ScanOptions,
    sink: &mut S,
) -> Result<ScanSummary, ScanError> {
    input::scan_slice_tap(input, options, &mut input::Tap::new(sink))
}
