//! The scanner's state machine over quick-xml tokens.
//!
//! A [`Machine`] is fed complete byte slices. It keeps its own state
//! (element stack, namespace bindings, the event being read), so a document
//! can be fed in pieces: a piece may end in the middle of a token when more
//! follows (`last == false`); `feed` then reports how far it got and the
//! caller passes the rest again, with more bytes, in the next piece. Before
//! the bytes of a piece are dropped, [`Machine::into_owned`] copies what the
//! state still borrows from them.
//!
//! # Advice for hackers
//!
//! * quick-xml's own end-tag checking is off: every piece gets a fresh
//!   tokenizer, so the machine matches end tags against its own stack.
//! * The bulk of an EPCIS file is `<epc>…</epc>` runs. Inside an EPC list
//!   [`Machine::fast_epcs`] reads them with memchr, without the tokenizer,
//!   and hands back to it at the first thing it does not recognise
//!   (a comment, an entity, an attribute, a prefix, CDATA): it accepts a
//!   subset of XML and never decides anything the tokenizer would decide
//!   differently.
//! * Whatever a piece is cut into, the trace and the first error must be
//!   the same. Only a value's text running to a piece's end waits for the
//!   next piece; text anywhere else is handled at its first character that
//!   is not white space, at once, so it comes before anything later (such
//!   as invalid UTF-8). quick-xml drops a U+FEFF that starts its input
//!   without counting it: `feed` takes the text token such a character
//!   starts itself.
//! * Positions are absolute (`base` + offset in the piece). Lines are
//!   counted lazily up to each reported position, so the cost is one
//!   memchr pass over the input when `track_lines` is on.

use super::Finding;
use super::model::*;
use super::{Flow, Limits, ScanError, ScanErrorKind, ScanOptions, ScanSummary, Severity, Sink};
use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::Event as Tok;
use quick_xml::events::attributes::Attributes;
use std::borrow::Cow;

/// The EPCIS 1.x document namespace.
pub(crate) const EPCIS_NS: &str = "urn:epcglobal:epcis:xsd:1";
const EPCIS_MD_NS: &str = "urn:epcglobal:epcis-masterdata:xsd:1";
/// The EPCIS 2.0 XML namespace: its documents are read by the 1.2 rules
/// (with a warning on the root), so elements qualified with it are EPCIS
/// elements too.
const EPCIS2_NS: &str = "urn:epcglobal:epcis:xsd:2";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SBDH_NS: &str = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";

/// A leaf element whose text is a value of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leaf {
    EventTime,
    RecordTime,
    TzOffset,
    EventId,
    DeclTime,
    Reason,
    CorrectiveId,
    Epc(EpcField),
    ParentId,
    Action,
    BizStep,
    Disposition,
    ReadPointId,
    BizLocationId,
    BizTx,
    Source,
    Dest,
    EpcClass,
    Quantity,
    Uom,
    TransformationId,
    QeEpcClass,
    QeQuantity,
    HeaderVersion,
    Identifier,
    Standard,
    TypeVersion,
    InstanceId,
    DocType,
    CreationDateAndTime,
    VocabChildId,
}

/// What an open element is, for the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Content ignored (unknown header parts, SBDH business scope...).
    Skip,
    Root,
    Header,
    Sbdh,
    Party {
        sender: bool,
    },
    DocId,
    HeaderExt,
    MasterData,
    VocabList,
    Vocab,
    VocabElemList,
    VocabElem,
    VocabAttr,
    VocabChildren,
    Body,
    EventList,
    /// `EventList/extension` (TransformationEvent) and
    /// `EventList/extension/extension` (AssociationEvent).
    EventListExt,
    Event,
    BaseExt,
    ErrDecl,
    CorrectiveIds,
    List(EpcField),
    QList(EpcField),
    QElem(EpcField),
    ReadPoint,
    BizLocation,
    BizTxList,
    SourceList,
    DestList,
    /// The event's standard `extension`.
    EventExt,
    /// An `extension` inside it: `xsd:any namespace="##local"`, so unknown
    /// unqualified elements are valid here.
    EventExt2,
    Ilmd,
    /// An extension node; `ilmd` says which list it went to, `index` where.
    Node {
        ilmd: bool,
        index: usize,
    },
    /// Content of a vocabulary attribute given as elements.
    VocabNode,
    Leaf(Leaf),
}

#[derive(Clone, Debug)]
struct Frame<'a> {
    /// Qualified name as written.
    name: Cow<'a, str>,
    role: Role,
    /// Namespace bindings declared on this element (count on `ns`).
    bindings: u16,
    /// `xsi:nil="true"`: the element stands for no value.
    nil: bool,
}

impl Frame<'_> {
    fn into_owned(self) -> Frame<'static> {
        Frame {
            name: Cow::Owned(self.name.into_owned()),
            role: self.role,
            bindings: self.bindings,
            nil: self.nil,
        }
    }
}

/// Incremental line counting up to the positions reported.
#[derive(Clone, Copy, Debug, Default)]
struct Lines {
    /// Offset up to which lines are counted.
    upto: u64,
    /// Line at `upto` (1-based).
    line: u32,
    /// Offset of the first byte of that line.
    line_start: u64,
}

/// Text being gathered for the innermost leaf, with the position of its
/// first character that is not white space (where the value starts).
#[derive(Clone, Debug, Default)]
struct TextAcc<'a> {
    text: Option<Cow<'a, str>>,
    start: Position,
    /// Whether `start` is past leading white space yet.
    started: bool,
}

impl<'a> TextAcc<'a> {
    fn push(&mut self, s: Cow<'a, str>, max: usize) -> Result<(), ScanErrorKind> {
        match &mut self.text {
            None => {
                self.text = Some(s);
            }
            Some(t) => {
                if t.len() + s.len() > max {
                    return Err(ScanErrorKind::Limit {
                        limit: "max_text_len",
                        max,
                    });
                }
                t.to_mut().push_str(&s);
            }
        }
        Ok(())
    }
    fn take(&mut self) -> Option<(Cow<'a, str>, Position)> {
        self.started = false;
        self.text.take().map(|t| (t, self.start))
    }
}

/// The scanner state (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct Machine<'a> {
    limits: Limits,
    track_lines: bool,
    stack: Vec<Frame<'a>>,
    /// Namespace bindings in scope: (prefix, `""` for the default; URI).
    ns: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    header: Header<'a>,
    header_sent: bool,
    party: Party<'a>,
    vocab_type: Option<Value<'a>>,
    vocab: Option<VocabularyElement<'a>>,
    event: Option<Event<'a>>,
    /// Attributes of the open leaf that keeps them (bizTransaction, source,
    /// destination, sbdh:Identifier, vocabulary attribute).
    leaf_attrs: Vec<(Cow<'a, str>, Value<'a>)>,
    quantity: Option<(Option<Value<'a>>, Option<Value<'a>>, Option<Value<'a>>)>,
    /// QuantityEvent's epcClass and quantity.
    qe: (Option<Value<'a>>, Option<Value<'a>>),
    text: TextAcc<'a>,
    lines: Lines,
    root_done: bool,
    root_seen: bool,
    events: u64,
    epcs: u64,
    bytes: u64,
    /// Warnings already given once for this document (bit per kind).
    warned: u32,
}

/// The findings the machine gives once per document (the `WARN_*` bits, in
/// the same order): a chunk scanned in parallel hides the ones an earlier
/// chunk gave (`input.rs`). A new once-per-document warning goes here.
pub(crate) const ONCE_RULES: [&str; 5] = [
    "xml.qualified_body",
    "xml.default_namespace",
    "xml.doctype",
    "xml.unknown_element",
    "xml.unexpected_text",
];
const WARN_QUALIFIED_BODY: u32 = 1;
const WARN_DEFAULT_NS: u32 = 2;
const WARN_DOCTYPE: u32 = 4;
const WARN_UNKNOWN_ELEMENT: u32 = 8;
const WARN_TEXT: u32 = 16;

/// How far a `feed` got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fed {
    /// Consumed this many bytes of the piece; the rest (an incomplete token
    /// at its end) must be fed again with what follows.
    Consumed(usize),
    /// A sink asked to stop.
    Stopped,
}

/// `?` for sink calls: stop the feed when the sink says so.
macro_rules! flow {
    ($e:expr) => {
        if $e == Flow::Stop {
            return Ok(Step::Stop);
        }
    };
}

enum Step {
    Go,
    Stop,
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// xs:anyURI / xs:dateTime white space "collapse": trimmed, inner runs of
/// white space become one space. Borrowed unless there were inner runs.
fn collapse(t: Cow<'_, str>) -> Cow<'_, str> {
    // The common case: no white space at all, checked eight bytes at a
    // time (a byte-wise `any` was a quarter of a whole scan).
    if !has_space_or_control(t.as_bytes()) {
        return t;
    }
    let needs = |s: &str| {
        let b = s
            .trim_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
            .as_bytes();
        b.windows(2)
            .any(|w| is_xml_space(w[0]) && (is_xml_space(w[1]) || w[0] != b' '))
    };
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
            .len()
    };
    match t {
        Cow::Borrowed(s) if !needs(s) => {
            let start = s.len()
                - s.trim_start_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
                    .len();
            Cow::Borrowed(&s[start..start + trim(s)])
        }
        t => {
            let mut out = String::with_capacity(t.len());
            for word in t
                .split(|c: char| c.is_ascii() && is_xml_space(c as u8))
                .filter(|w| !w.is_empty())
            {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            Cow::Owned(out)
        }
    }
}

/// Whether any byte is `<= b' '` (white space or a control character).
/// Per eight bytes: `x - 0x21` sets a byte's high bit when it was below
/// 0x21 (or at least 0xA1), and `& !x` drops the bytes that had their high
/// bit set already; the lowest flagged byte is exact, and any flag means
/// some byte is below 0x21.
#[inline]
fn has_space_or_control(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let Ok(arr) = <[u8; 8]>::try_from(c) else {
            break;
        };
        let x = u64::from_le_bytes(arr);
        if x.wrapping_sub(ONES * 0x21) & !x & HIGH != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c <= b' ')
}

/// The first byte at or after `p` that is not XML white space. Runs of
/// spaces (indentation) go eight bytes at a time: the first byte of a word
/// that is not a space is the lowest non-zero byte of `word ^ "        "`.
#[inline]
fn skip_xml_space(b: &[u8], mut p: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes(*b"        ");
    loop {
        if let Some(w) = b.get(p..p.saturating_add(8)) {
            if let Ok(w) = <[u8; 8]>::try_from(w) {
                let n = (u64::from_le_bytes(w) ^ SPACES).trailing_zeros() as usize / 8;
                p += n;
                if n == 8 {
                    continue;
                }
            }
        }
        match b.get(p) {
            Some(&c) if is_xml_space(c) => p += 1,
            _ => return p,
        }
    }
}

/// Flags (high bit of each byte) of a word's bytes that are `<` or below
/// 0x27 (white space and control characters, `&`, and `!"#$%`, which are
/// rare in EPCs). `v - 0x01…` sets a byte's high bit where the byte was
/// zero or took a borrow from a flagged byte below it, `& !v` drops bytes
/// of 0x80 and more: for `v = x ^ "<<<<<<<<"` the lowest flag is exactly
/// the first `<`, and flags above it may be false. The same with
/// `x - 0x27…` for bytes below 0x27. The lowest flag of the union is
/// therefore exact.
#[inline(always)]
fn special_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lt = x ^ (ONES * b'<' as u64);
    ((lt.wrapping_sub(ONES) & !lt) | (x.wrapping_sub(ONES * 0x27) & !x)) & HIGH
}

/// The text of an `<epc>` element in the fast path: where the first `<` or
/// `&` of `b` is, and whether a byte before it is `<= b' '` (white space or
/// a control character: the text then needs trimming or collapsing).
/// `None` when `b` has neither `<` nor `&`.
///
/// One pass, sixteen bytes at a time with [`special_bytes`]: it replaced a
/// `memchr2` for the end, then a second pass over the text for white space
/// in `collapse`. The first flagged byte is exact: when it is `<` or `&`
/// that is the answer; otherwise (white space, `%`…) the rest goes a byte
/// at a time.
#[inline]
fn epc_text_end(b: &[u8]) -> Option<(usize, bool)> {
    let mut blocks = b.chunks_exact(16);
    let mut i = 0;
    for c in &mut blocks {
        let (lo, hi) = c.split_at(8);
        let (Ok(lo), Ok(hi)) = (<[u8; 8]>::try_from(lo), <[u8; 8]>::try_from(hi)) else {
            break;
        };
        let m = u128::from(special_bytes(u64::from_le_bytes(lo)))
            | u128::from(special_bytes(u64::from_le_bytes(hi))) << 64;
        if m != 0 {
            let at = i + m.trailing_zeros() as usize / 8;
            return match b.get(at) {
                Some(b'<' | b'&') => Some((at, false)),
                _ => epc_text_end_bytes(b, at, false),
            };
        }
        i += 16;
    }
    epc_text_end_bytes(b, i, false)
}

/// [`epc_text_end`] from `i`, a byte at a time; `low`: a byte `<= b' '` was
/// seen before `i`.
#[cold]
fn epc_text_end_bytes(b: &[u8], i: usize, mut low: bool) -> Option<(usize, bool)> {
    for (j, &c) in b.get(i..).unwrap_or_default().iter().enumerate() {
        if c == b'<' || c == b'&' {
            return Some((i + j, low));
        }
        low |= c <= b' ';
    }
    None
}

fn local(name: &str) -> &str {
    // Byte search: `rsplit(':')` goes through the generic char searcher.
    match name.as_bytes().iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn prefix_of(name: &str) -> &str {
    match name.as_bytes().iter().position(|&b| b == b':') {
        Some(i) => &name[..i],
        None => "",
    }
}

fn owned_value(v: Option<Value<'_>>) -> Option<Value<'static>> {
    v.map(Value::into_owned)
}

fn owned_cow(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn owned_node(n: ExtNode<'_>) -> ExtNode<'static> {
    ExtNode {
        depth: n.depth,
        namespace: n.namespace.map(owned_cow),
        name: owned_cow(n.name),
        attributes: n
            .attributes
            .into_iter()
            .map(|(k, v)| (owned_cow(k), v.into_owned()))
            .collect(),
        text: owned_value(n.text),
        pos: n.pos,
    }
}

fn owned_event(e: Event<'_>) -> Event<'static> {
    Event {
        start: e.start,
        event_time: owned_value(e.event_time),
        record_time: owned_value(e.record_time),
        event_time_zone_offset: owned_value(e.event_time_zone_offset),
        event_id: owned_value(e.event_id),
        error_declaration: e.error_declaration.map(|d| ErrorDeclaration {
            declaration_time: owned_value(d.declaration_time),
            reason: owned_value(d.reason),
            corrective_event_ids: d
                .corrective_event_ids
                .into_iter()
                .map(Value::into_owned)
                .collect(),
        }),
        action: owned_value(e.action),
        biz_step: owned_value(e.biz_step),
        disposition: owned_value(e.disposition),
        read_point: owned_value(e.read_point),
        biz_location: owned_value(e.biz_location),
        biz_transactions: e
            .biz_transactions
            .into_iter()
            .map(|b| BizTransaction {
                kind: owned_value(b.kind),
                attributes: b
                    .attributes
                    .into_iter()
                    .map(|(k, v)| (owned_cow(k), v.into_owned()))
                    .collect(),
                value: b.value.into_owned(),
            })
            .collect(),
        sources: e.sources.into_iter().map(owned_sd).collect(),
        destinations: e.destinations.into_iter().map(owned_sd).collect(),
        transformation_id: owned_value(e.transformation_id),
        parent_id: owned_value(e.parent_id),
        lists_present: e.lists_present,
        counts: e.counts,
        ilmd: e.ilmd.into_iter().map(owned_node).collect(),
        extensions: e.extensions.into_iter().map(owned_node).collect(),
    }
}

fn owned_sd(s: SourceDest<'_>) -> SourceDest<'static> {
    SourceDest {
        kind: owned_value(s.kind),
        value: s.value.into_owned(),
    }
}

fn owned_party(p: Party<'_>) -> Party<'static> {
    Party {
        identifier: owned_value(p.identifier),
        authority: owned_value(p.authority),
    }
}

fn owned_header(h: Header<'_>) -> Header<'static> {
    Header {
        root: owned_cow(h.root),
        root_namespace: h.root_namespace.map(owned_cow),
        schema_version: owned_value(h.schema_version),
        creation_date: owned_value(h.creation_date),
        namespaces: h
            .namespaces
            .into_iter()
            .map(|(p, u)| (owned_cow(p), owned_cow(u)))
            .collect(),
        sbdh: h.sbdh.map(|s| Sbdh {
            header_version: owned_value(s.header_version),
            senders: s.senders.into_iter().map(owned_party).collect(),
            receivers: s.receivers.into_iter().map(owned_party).collect(),
            standard: owned_value(s.standard),
            type_version: owned_value(s.type_version),
            instance_identifier: owned_value(s.instance_identifier),
            document_type: owned_value(s.document_type),
            creation_date_and_time: owned_value(s.creation_date_and_time),
            pos: s.pos,
        }),
        declared_encoding: h.declared_encoding.map(owned_cow),
        pos: h.pos,
    }
}

fn owned_vocab(v: VocabularyElement<'_>) -> VocabularyElement<'static> {
    VocabularyElement {
        vocabulary_type: owned_value(v.vocabulary_type),
        id: owned_value(v.id),
        attributes: v
            .attributes
            .into_iter()
            .map(|a| VocabularyAttribute {
                id: a.id.into_owned(),
                value: owned_value(a.value),
                children: a.children.into_iter().map(owned_node).collect(),
            })
            .collect(),
        children: v.children.into_iter().map(Value::into_owned).collect(),
        pos: v.pos,
    }
}

impl<'a> Machine<'a> {
    /// A machine at the start of a document.
    pub(crate) fn new(options: &ScanOptions) -> Self {
        Machine {
            limits: options.limits.clone(),
            track_lines: options.track_lines,
            stack: Vec::new(),
            ns: Vec::new(),
            header: Header::default(),
            header_sent: false,
            party: Party::default(),
            vocab_type: None,
            vocab: None,
            event: None,
            leaf_attrs: Vec::new(),
            quantity: None,
            qe: (None, None),
            text: TextAcc::default(),
            lines: Lines {
                upto: 0,
                line: 1,
                line_start: 0,
            },
            root_done: false,
            root_seen: false,
            events: 0,
            epcs: 0,
            bytes: 0,
            warned: 0,
        }
    }

    /// Copies everything the state borrows from the current piece.
    pub(crate) fn into_owned(self) -> Machine<'static> {
        Machine {
            limits: self.limits,
            track_lines: self.track_lines,
            stack: self.stack.into_iter().map(Frame::into_owned).collect(),
            ns: self
                .ns
                .into_iter()
                .map(|(p, u)| (owned_cow(p), owned_cow(u)))
                .collect(),
            header: owned_header(self.header),
            header_sent: self.header_sent,
            party: owned_party(self.party),
            vocab_type: owned_value(self.vocab_type),
            vocab: self.vocab.map(owned_vocab),
            event: self.event.map(owned_event),
            leaf_attrs: self
                .leaf_attrs
                .into_iter()
                .map(|(k, v)| (owned_cow(k), v.into_owned()))
                .collect(),
            quantity: self
                .quantity
                .map(|(a, b, c)| (owned_value(a), owned_value(b), owned_value(c))),
            qe: (owned_value(self.qe.0), owned_value(self.qe.1)),
            text: TextAcc {
                text: self.text.text.map(owned_cow),
                start: self.text.start,
                started: self.text.started,
            },
            lines: self.lines,
            root_done: self.root_done,
            root_seen: self.root_seen,
            events: self.events,
            epcs: self.epcs,
            bytes: self.bytes,
            warned: self.warned,
        }
    }

    /// Whether the machine is between events: inside `EventList` (or past
    /// the document's end) with no event open.
    pub(crate) fn at_event_boundary(&self) -> bool {
        self.event.is_none()
            && (self.root_done || self.stack.last().is_some_and(|f| f.role == Role::EventList))
    }

    /// Events seen so far (the next event's index).
    pub(crate) fn events(&self) -> u64 {
        self.events
    }

    /// A copy of this (boundary) state to scan a later chunk of the same
    /// document that starts at `pos`, with `event_index` as the next
    /// event's index. Counters restart at zero.
    pub(crate) fn resume_at(&self, event_index: u64, pos: Position) -> Machine<'static> {
        let mut m = self.clone().into_owned();
        m.events = event_index;
        m.epcs = 0;
        m.bytes = 0;
        m.header_sent = true;
        m.lines = Lines {
            upto: pos.offset,
            line: pos.line.max(1),
            line_start: pos.offset.saturating_sub(u64::from(pos.column.max(1) - 1)),
        };
        m
    }

    /// The path of the open elements, for findings and errors.
    fn path(&self) -> String {
        // A path through absurd nesting keeps its two ends.
        const KEEP: usize = 8;
        let mut p = String::new();
        let n = self.stack.len();
        for (i, f) in self.stack.iter().enumerate() {
            if n > 2 * KEEP && (KEEP..n - KEEP).contains(&i) {
                if i == KEEP {
                    p.push_str(&format!("/…({} more)…", n - 2 * KEEP));
                }
                continue;
            }
            if !p.is_empty() {
                p.push('/');
            }
            p.push_str(local(&f.name));
            if f.role == Role::Event {
                if let Some(e) = &self.event {
                    p.push_str(&format!("[{}]", e.start.index + 1));
                }
            }
        }
        p
    }

    /// The position of absolute offset `at` (counting lines up to it).
    fn pos(&mut self, input: &str, base: u64, at: u64) -> Position {
        let input = input.as_bytes();
        if !self.track_lines {
            return Position {
                offset: at,
                line: 0,
                column: 0,
            };
        }
        if at > self.lines.upto {
            let from = (self.lines.upto.saturating_sub(base)) as usize;
            let to = ((at - base) as usize).min(input.len());
            if from < to {
                let seg = &input[from..to];
                let n = memchr::memchr_iter(b'\n', seg).count();
                if n > 0 {
                    self.lines.line = self.lines.line.saturating_add(n as u32);
                    if let Some(last) = memchr::memrchr(b'\n', seg) {
                        self.lines.line_start = base + (from + last + 1) as u64;
                    }
                }
            }
            self.lines.upto = at;
        }
        Position {
            offset: at,
            line: self.lines.line,
            column: (at.saturating_sub(self.lines.line_start) + 1).min(u64::from(u32::MAX)) as u32,
        }
    }

    fn error(&mut self, input: &str, base: u64, at: u64, kind: ScanErrorKind) -> ScanError {
        let pos = self.pos(input, base, at);
        ScanError {
            kind,
            pos,
            path: self.path(),
        }
    }

    fn finding<S: Sink>(
        &self,
        sink: &mut S,
        rule: &'static str,
        severity: Severity,
        message: String,
        pos: Position,
    ) -> Flow {
        sink.finding(&Finding {
            rule,
            severity,
            message,
            pos,
            path: self.path(),
        })
    }

    /// Scans `input`, whose first byte is at offset `base` of the whole
    /// input. With `last`, `input` runs to the end of the document.
    pub(crate) fn feed<S: Sink>(
        &mut self,
        input: &'a str,
        base: u64,
        last: bool,
        sink: &mut S,
    ) -> Result<Fed, ScanError> {
        let mut at = 0usize;
        if base == 0 && input.starts_with('\u{FEFF}') {
            at = 3;
        }
        loop {
            // The hot path: a run of plain `<epc>` elements.
            if let Some(Role::List(field)) = self.stack.last().map(|f| f.role) {
                match self.fast_epcs(input, base, at, field, sink) {
                    Ok((n, Step::Go)) => at = n,
                    Ok((_, Step::Stop)) => return Ok(Fed::Stopped),
                    Err(e) => return Err(e),
                }
            }
            // quick-xml drops a U+FEFF at the start of its input as a byte
            // order mark without counting it in `buffer_position`, so every
            // position and slice after it would be 3 bytes off. Here (a
            // piece's start, after an EPC list's start tag) it is a
            // character of the text (XML 1.0 §4.3.3: a byte order mark only
            // starts the entity): take the text token it starts ourselves,
            // up to the `<` or `&` where quick-xml would end it, so that it
            // is handled exactly as when the tokenizer reads it mid-piece
            // (fuzz regressions scan_bytes/crash-0327fd22…, crash-9c09ece4…).
            if input.as_bytes().get(at..at + 3) == Some("\u{FEFF}".as_bytes()) {
                let rest = input.as_bytes().get(at..).unwrap_or_default();
                let after = at + memchr::memchr2(b'<', b'&', rest).unwrap_or(rest.len());
                if after == input.len() && !last && self.gathers() {
                    return Ok(self.consumed(input, base, at));
                }
                let raw = Cow::Borrowed(input.get(at..after).unwrap_or_default());
                match self.text(input, base, at, raw, sink)? {
                    Step::Go => at = after,
                    Step::Stop => return Ok(Fed::Stopped),
                }
            }
            let mut reader = Reader::from_str(input.get(at..).unwrap_or_default());
            {
                let c = reader.config_mut();
                c.check_end_names = false;
                c.allow_unmatched_ends = true;
                c.check_comments = true;
                c.expand_empty_elements = false;
                c.trim_text(false);
            }
            let start = at;
            loop {
                let before = start + reader.buffer_position() as usize;
                let tok = match reader.read_event() {
                    Ok(t) => t,
                    Err(e) => {
                        let incomplete = matches!(
                            e,
                            XmlError::Syntax(
                                SyntaxError::UnclosedTag
                                    | SyntaxError::UnclosedComment
                                    | SyntaxError::UnclosedCData
                                    | SyntaxError::UnclosedPI
                                    | SyntaxError::UnclosedDoctype
                                    | SyntaxError::UnclosedXmlDecl
                                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                                    | SyntaxError::UnclosedDoubleQuotedAttributeValue
                                    | SyntaxError::InvalidBangMarkup
                            ) | XmlError::IllFormed(
                                quick_xml::errors::IllFormedError::UnclosedReference
                            )
                        );
                        if incomplete && !last {
                            return Ok(self.consumed(input, base, before));
                        }
                        let err_at = start as u64 + reader.error_position();
                        // In the last piece an unclosed token is a syntax
                        // error that says what closes it (`-->`, `>`, `;`).
                        return Err(self.error(input, base, base + err_at, xml_error_kind(&e)));
                    }
                };
                let after = start + reader.buffer_position() as usize;
                match tok {
                    Tok::Eof => {
                        return Ok(self.consumed(input, base, input.len()));
                    }
                    Tok::Text(_) => {
                        // A value's text running to the end of a piece may go
                        // on in the next one: wait for the rest. Text anywhere
                        // else is ignored, warned of or refused at its first
                        // character that is not white space, the same however
                        // it is cut, so it is handled now: before anything in
                        // a later piece, such as invalid UTF-8 (fuzz
                        // regression scan_bytes/crash-9c09ece4…).
                        if after == input.len() && !last && self.gathers() {
                            return Ok(self.consumed(input, base, before));
                        }
                        let raw = Cow::Borrowed(input.get(before..after).unwrap_or_default());
                        match self.text(input, base, before, raw, sink)? {
                            Step::Go => {}
                            Step::Stop => return Ok(Fed::Stopped),
                        }
                    }
                    Tok::CData(_) => {
                        let raw =
                            Cow::Borrowed(input.get(before + 9..after - 3).unwrap_or_default());
                        match self.text(input, base, before + 9, raw, sink)? {
                            Step::Go => {}
                            Step::Stop => return Ok(Fed::Stopped),
                        }
                    }
                    Tok::GeneralRef(r) => {
                        let name = input.get(before + 1..after - 1).unwrap_or_default();
                        let ch = match name {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => match r.resolve_char_ref() {
                                Ok(Some(c)) => Some(c),
                                Ok(None) => None,
                                Err(_) => {
                                    let kind = ScanErrorKind::Malformed {
                                        message: format!("invalid character reference &{name};"),
                                        expected: None,
                                    };
                                    return Err(self.error(
                                        input,
                                        base,
                                        base + before as u64,
                                        kind,
                                    ));
                                }
                            },
                        };
                        let Some(ch) = ch else {
                            let kind = ScanErrorKind::UnknownEntity(name.to_owned());
                            return Err(self.error(input, base, base + before as u64, kind));
                        };
                        let mut s = String::new();
                        s.push(ch);
                        match self.text(input, base, before, Cow::Owned(s), sink)? {
                            Step::Go => {}
                            Step::Stop => return Ok(Fed::Stopped),
                        }
                    }
                    Tok::Start(_) | Tok::Empty(_) => {
                        let empty = matches!(tok, Tok::Empty(_));
                        // The tag's bytes, re-sliced from the input so names
                        // and attributes borrow from it ('a), not the token.
                        let inner_end = if empty { after - 2 } else { after - 1 };
                        let tag = input.get(before + 1..inner_end).unwrap_or_default();
                        match self.start(input, base, before, tag, empty, sink)? {
                            Step::Go => {}
                            Step::Stop => return Ok(Fed::Stopped),
                        }
                        if !empty
                            && matches!(self.stack.last().map(|f| f.role), Some(Role::List(_)))
                        {
                            at = after;
                            break;
                        }
                    }
                    Tok::End(e) => {
                        let name = input
                            .get(before + 2..after - 1)
                            .unwrap_or_default()
                            .trim_end_matches(|c: char| c.is_ascii() && is_xml_space(c as u8));
                        let _ = e;
                        match self.end(input, base, before, name, sink)? {
                            Step::Go => {}
                            Step::Stop => return Ok(Fed::Stopped),
                        }
                    }
                    Tok::Decl(d) => {
                        if let Some(Ok(enc)) = d.encoding() {
                            self.header.declared_encoding =
                                Some(Cow::Owned(String::from_utf8_lossy(&enc).into_owned()));
                        }
                    }
                    Tok::DocType(d) => {
                        let body: &[u8] = &d;
                        if memchr::memmem::find(body, b"<!ENTITY").is_some() {
                            return Err(self.error(
                                input,
                                base,
                                base + before as u64,
                                ScanErrorKind::EntityDeclaration,
                            ));
                        }
                        if self.warned & WARN_DOCTYPE == 0 {
                            self.warned |= WARN_DOCTYPE;
                            let pos = self.pos(input, base, base + before as u64);
                            if self.finding(
                                sink,
                                "xml.doctype",
                                Severity::Warning,
                                "DOCTYPE in an EPCIS document (ignored)".into(),
                                pos,
                            ) == Flow::Stop
                            {
                                return Ok(Fed::Stopped);
                            }
                        }
                    }
                    Tok::Comment(_) | Tok::PI(_) => {}
                }
            }
        }
    }

    /// Ends a feed that consumed `n` bytes of the piece (lines counted up
    /// to there: the bytes will be gone when the next piece comes).
    fn consumed(&mut self, input: &str, base: u64, n: usize) -> Fed {
        self.pos(input, base, base + n as u64);
        self.bytes = base + n as u64;
        Fed::Consumed(n)
    }

    fn open_names(&self) -> Vec<String> {
        self.stack.iter().map(|f| f.name.to_string()).collect()
    }

    /// Reads `<epc>…</epc>` runs at `at` with memchr; returns where the
    /// tokenizer must take over.
    fn fast_epcs<S: Sink>(
        &mut self,
        input: &'a str,
        base: u64,
        mut at: usize,
        field: EpcField,
        sink: &mut S,
    ) -> Result<(usize, Step), ScanError> {
        const OPEN: &[u8] = b"<epc>";
        const CLOSE: &[u8] = b"</epc>";
        let bytes = input.as_bytes();
        loop {
            let p = skip_xml_space(bytes, at);
            if !bytes.get(p..).is_some_and(|r| r.starts_with(OPEN)) {
                return Ok((at, Step::Go));
            }
            let text_start = p + OPEN.len();
            let Some((lt, spaced)) = epc_text_end(bytes.get(text_start..).unwrap_or_default())
                .map(|(n, spaced)| (text_start + n, spaced))
            else {
                return Ok((at, Step::Go));
            };
            if bytes[lt] != b'<' || !bytes[lt..].starts_with(CLOSE) {
                return Ok((at, Step::Go));
            }
            // Cut at ASCII `>` and `<`: always on character boundaries.
            let text = input.get(text_start..lt).unwrap_or_default();
            if text.len() > self.limits.max_text_len {
                let kind = ScanErrorKind::Limit {
                    limit: "max_text_len",
                    max: self.limits.max_text_len,
                };
                return Err(self.error(input, base, base + text_start as u64, kind));
            }
            match self.emit_epc(
                input,
                base,
                field,
                Cow::Borrowed(text),
                (base + text_start as u64, spaced),
                sink,
            ) {
                Step::Go => {}
                Step::Stop => return Ok((lt + CLOSE.len(), Step::Stop)),
            }
            at = lt + CLOSE.len();
        }
    }

    /// Reports one EPC of `field` with text starting at `text_at`;
    /// `spaced`: whether the text may have white space (or control
    /// characters) to trim or collapse (false: it has no byte `<= b' '`).
    fn emit_epc<S: Sink>(
        &mut self,
        input: &str,
        base: u64,
        field: EpcField,
        text: Cow<'a, str>,
        (text_at, spaced): (u64, bool),
        sink: &mut S,
    ) -> Step {
        let Some(ev) = &mut self.event else {
            return Step::Go;
        };
        let index = ev.counts[field as usize];
        ev.counts[field as usize] += 1;
        let start = ev.start;
        let (lead, value) = if spaced {
            let lead = text.len()
                - text
                    .trim_start_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
                    .len();
            (lead, collapse(text))
        } else {
            (0, text)
        };
        let pos = self.pos(input, base, text_at + lead as u64);
        self.epcs += 1;
        let epc = EpcRef {
            field,
            index: index.min(u64::from(u32::MAX)) as u32,
            value: Value { text: value, pos },
            quantity: None,
            uom: None,
        };
        match sink.epc(&start, &epc) {
            Flow::Continue => Step::Go,
            Flow::Stop => Step::Stop,
        }
    }

    /// Whether text here is part of a value (a leaf's, an extension
    /// node's, a vocabulary attribute's) and so gathered.
    #[inline]
    fn gathers(&self) -> bool {
        matches!(
            self.stack.last().map(|f| f.role),
            Some(Role::Leaf(_) | Role::Node { .. } | Role::VocabAttr)
        )
    }

    /// Text (or CDATA, or a resolved reference) at offset `at` of the piece.
    fn text<S: Sink>(
        &mut self,
        input: &'a str,
        base: u64,
        at: usize,
        raw: Cow<'a, str>,
        sink: &mut S,
    ) -> Result<Step, ScanError> {
        if self.gathers() {
            let s = raw;
            if s.len() > self.limits.max_text_len {
                let kind = ScanErrorKind::Limit {
                    limit: "max_text_len",
                    max: self.limits.max_text_len,
                };
                return Err(self.error(input, base, base + at as u64, kind));
            }
            if !self.text.started {
                let lead = s.len()
                    - s.trim_start_matches(|c: char| c.is_ascii() && is_xml_space(c as u8))
                        .len();
                if lead < s.len() || self.text.text.is_none() {
                    self.text.start = self.pos(input, base, base + (at + lead) as u64);
                    self.text.started = lead < s.len();
                }
            }
            let max = self.limits.max_text_len;
            self.text
                .push(s, max)
                .map_err(|k| self.error(input, base, base + at as u64, k))?;
            return Ok(Step::Go);
        }
        if raw.bytes().all(is_xml_space) {
            return Ok(Step::Go);
        }
        // Stray text is reported where its first character that is not
        // white space is: white space before it may have come as a token
        // of its own at the end of a piece (`feed` consumes white space
        // between elements there), so the start of the token depends on
        // how the input was cut (fuzz regression scan_bytes/crash-c633ac06…).
        let at = at + raw.bytes().take_while(|&b| is_xml_space(b)).count();
        if self.stack.is_empty() {
            let kind = ScanErrorKind::Malformed {
                message: "text outside the root element".into(),
                expected: Some("only white space, comments and processing instructions".into()),
            };
            return Err(self.error(input, base, base + at as u64, kind));
        }
        if self.warned & WARN_TEXT == 0
            && !matches!(
                self.stack.last().map(|f| f.role),
                Some(Role::Skip | Role::VocabNode)
            )
        {
            self.warned |= WARN_TEXT;
            let pos = self.pos(input, base, base + at as u64);
            let parent = self
                .stack
                .last()
                .map(|f| f.name.to_string())
                .unwrap_or_default();
            flow!(self.finding(
                sink,
                "xml.unexpected_text",
                Severity::Warning,
                format!("text in <{parent}>, which holds elements only (ignored)"),
                pos
            ));
        }
        Ok(Step::Go)
    }

    /// Resolves the namespace of a qualified name in the current scope.
    fn namespace_of(&self, qname: &str) -> Option<&Cow<'a, str>> {
        let p = prefix_of(qname);
        self.ns
            .iter()
            .rev()
            .find(|(q, _)| q == p)
            .map(|(_, u)| u)
            .filter(|u| !u.is_empty())
    }

    /// A start tag at `at`; `tag` is its content (name and attributes).
    fn start<S: Sink>(
        &mut self,
        input: &'a str,
        base: u64,
        at: usize,
        tag: &'a str,
        empty: bool,
        sink: &mut S,
    ) -> Result<Step, ScanError> {
        let abs = base + at as u64;
        if self.root_done {
            let kind = ScanErrorKind::Malformed {
                message: "a second root element".into(),
                expected: Some("end of document".into()),
            };
            return Err(self.error(input, base, abs, kind));
        }
        if self.stack.len() >= self.limits.max_depth {
            let kind = ScanErrorKind::Limit {
                limit: "max_depth",
                max: self.limits.max_depth,
            };
            return Err(self.error(input, base, abs, kind));
        }
        let name_len = tag
            .as_bytes()
            .iter()
            .position(|&b| is_xml_space(b))
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        if name.len() > self.limits.max_name_len {
            let kind = ScanErrorKind::Limit {
                limit: "max_name_len",
                max: self.limits.max_name_len,
            };
            return Err(self.error(input, base, abs, kind));
        }
        // Attributes: namespace declarations go to the scope, the rest are
        // kept for the element.
        let mut attrs: Vec<(Cow<'a, str>, Value<'a>)> = Vec::new();
        let mut bindings = 0u16;
        if name_len < tag.len() {
            let mut it = Attributes::new(tag, name_len);
            it.with_checks(true);
            for a in it {
                let a = a.map_err(|e| {
                    let kind = ScanErrorKind::Malformed {
                        message: format!("attribute: {e}"),
                        expected: None,
                    };
                    self.error(input, base, abs, kind)
                })?;
                if attrs.len() + bindings as usize >= self.limits.max_attributes {
                    let kind = ScanErrorKind::Limit {
                        limit: "max_attributes",
                        max: self.limits.max_attributes,
                    };
                    return Err(self.error(input, base, abs, kind));
                }
                let key: &'a str = {
                    let k = a.key.as_ref();
                    // `key` borrows from `tag` ('a): find it there.
                    let off = (k.as_ptr() as usize).wrapping_sub(tag.as_ptr() as usize);
                    tag.get(off..off + k.len()).unwrap_or_default()
                };
                // The raw value borrows from `tag` ('a) too (the tag is not
                // normalised by the tokenizer): find it there, then decode
                // its references.
                let raw: &'a str = {
                    let v: &[u8] = &a.value;
                    let off = (v.as_ptr() as usize).wrapping_sub(tag.as_ptr() as usize);
                    tag.get(off..off + v.len()).unwrap_or_default()
                };
                let value: Cow<'a, str> = quick_xml::escape::unescape(raw).map_err(|e| {
                    let kind = ScanErrorKind::Malformed {
                        message: format!("attribute value: {e}"),
                        expected: None,
                    };
                    self.error(input, base, abs, kind)
                })?;
                if key == "xmlns" || key.starts_with("xmlns:") {
                    // A namespace name is bounded like a name: every
                    // extension node in its scope gets a copy of it
                    // (`ExtNode::namespace`), so one long URI was repeated
                    // up to `max_event_items` times per event (memory when
                    // reading a pipe, where the copies are owned; output).
                    if value.len() > self.limits.max_name_len {
                        let kind = ScanErrorKind::Limit {
                            limit: "max_name_len",
                            max: self.limits.max_name_len,
                        };
                        return Err(self.error(input, base, abs, kind));
                    }
                    let p = key.strip_prefix("xmlns:").unwrap_or("");
                    self.ns.push((Cow::Borrowed(p), value));
                    bindings += 1;
                } else {
                    let vpos = self.pos(input, base, abs);
                    attrs.push((
                        Cow::Borrowed(key),
                        Value {
                            text: value,
                            pos: vpos,
                        },
                    ));
                }
            }
        }
        let nil = attrs.iter().any(|(k, v)| {
            local(k) == "nil"
                && v.as_str() == "true"
                && self.namespace_of(k).map(|u| u.as_ref()) == Some(XSI_NS)
        });
        let parent = self.stack.last().map(|f| f.role);
        let ln = local(name);
        // EPCIS body elements are unqualified; a prefix bound to the EPCIS
        // namespace (or a default namespace) is tolerated with a warning.
        let (plain, epcis_ns, sbdh_ns) = {
            let ns = self.namespace_of(name).map(|c| c.as_ref());
            (
                ns.is_none(),
                matches!(ns, Some(EPCIS_NS | EPCIS_MD_NS | EPCIS2_NS)),
                ns == Some(SBDH_NS),
            )
        };
        let standard = plain || epcis_ns;
        // A prefix nobody declared breaks Namespaces in XML; the element is
        // still read (as an extension, by its local name).
        let pfx = prefix_of(name);
        if plain && !pfx.is_empty() && pfx != "xml" {
            let pos = self.pos(input, base, abs);
            flow!(self.finding(
                sink,
                "xml.undeclared_prefix",
                Severity::Error,
                format!("<{name}>: namespace prefix `{pfx}` is not declared"),
                pos
            ));
        }
        let standard = standard && pfx.is_empty() || epcis_ns;
        if epcis_ns && parent.is_some() {
            let (bit, rule, msg) = if prefix_of(name).is_empty() {
                (
                    WARN_DEFAULT_NS,
                    "xml.default_namespace",
                    "elements below the root are in the EPCIS namespace through a default namespace declaration; the EPCIS 1.2 schema has them unqualified",
                )
            } else {
                (
                    WARN_QUALIFIED_BODY,
                    "xml.qualified_body",
                    "elements below the root are qualified with the EPCIS namespace; the EPCIS 1.2 schema has them unqualified",
                )
            };
            if self.warned & bit == 0
                && !matches!(
                    parent,
                    Some(Role::Node { .. } | Role::Ilmd | Role::VocabNode | Role::Skip)
                )
            {
                self.warned |= bit;
                let pos = self.pos(input, base, abs);
                flow!(self.finding(
                    sink,
                    rule,
                    Severity::Warning,
                    format!("<{name}>: {msg}"),
                    pos
                ));
            }
        }
        let role = match parent {
            None => match self.root(input, base, abs, name, ln, &attrs, sink)? {
                Some(r) => r,
                None => return Ok(Step::Stop),
            },
            Some(p) => self.child_role(p, ln, standard, sbdh_ns || plain || epcis_ns),
        };
        // An element skipped where events or the document's parts are: a
        // misspelt event would be lost silently, so it is reported (an
        // error when unqualified; a vendor element in another namespace is
        // what the schema's `xsd:any ##other` allows, a warning).
        if role == Role::Skip
            && matches!(
                parent,
                Some(Role::EventList | Role::EventListExt | Role::Body | Role::Root)
            )
        {
            let pos = self.pos(input, base, abs);
            let (severity, what) = if standard {
                (
                    Severity::Error,
                    "is not an EPCIS 1.2 element here: its content is not read",
                )
            } else {
                (
                    Severity::Warning,
                    "is a vendor element: its content is not read",
                )
            };
            flow!(self.finding(
                sink,
                "xml.skipped_element",
                severity,
                format!("<{name}> {what}"),
                pos
            ));
        }
        // Unknown element in an event: kept as an extension node, with a
        // warning when it is unqualified (a vendor extension has a
        // namespace; an unqualified unknown element is a mistake).
        let role = match role {
            Role::Node { ilmd, .. } => {
                if standard
                    && !ilmd
                    && matches!(parent, Some(Role::Event | Role::EventExt))
                    && self.warned & WARN_UNKNOWN_ELEMENT == 0
                {
                    self.warned |= WARN_UNKNOWN_ELEMENT;
                    let pos = self.pos(input, base, abs);
                    flow!(self.finding(sink, "xml.unknown_element", Severity::Warning, format!("<{name}> is not an element of the EPCIS 1.2 event (kept as an extension)"), pos));
                }
                let depth = self
                    .stack
                    .iter()
                    .rev()
                    .take_while(|f| matches!(f.role, Role::Node { .. }))
                    .count() as u16
                    + 1;
                let pos = self.pos(input, base, abs);
                let node = ExtNode {
                    depth,
                    namespace: self.namespace_of(name).cloned(),
                    name: Cow::Borrowed(name),
                    attributes: std::mem::take(&mut attrs),
                    text: None,
                    pos,
                };
                let max_items = self.limits.max_event_items;
                let Some(ev) = &mut self.event else {
                    return Ok(Step::Go);
                };
                let list = if ilmd {
                    &mut ev.ilmd
                } else {
                    &mut ev.extensions
                };
                if list.len() >= max_items {
                    let kind = ScanErrorKind::Limit {
                        limit: "max_event_items",
                        max: max_items,
                    };
                    return Err(self.error(input, base, abs, kind));
                }
                list.push(node);
                Role::Node {
                    ilmd,
                    index: list.len() - 1,
                }
            }
            r => r,
        };
        match role {
            Role::Event => {
                let kind = match ln {
                    "ObjectEvent" => EventKind::Object,
                    "AggregationEvent" => EventKind::Aggregation,
                    "TransactionEvent" => EventKind::Transaction,
                    "TransformationEvent" => EventKind::Transformation,
                    "QuantityEvent" => EventKind::Quantity,
                    _ => EventKind::Association,
                };
                flow!(self.send_header(sink));
                let pos = self.pos(input, base, abs);
                let start = EventStart {
                    kind,
                    index: self.events,
                    pos,
                };
                self.events += 1;
                self.event = Some(Event::new(start));
                self.qe = (None, None);
                flow!(sink.event_start(&start));
            }
            Role::List(f) | Role::QList(f) => {
                if let Some(ev) = &mut self.event {
                    ev.lists_present |= 1 << f as u32;
                }
            }
            Role::QElem(_) => self.quantity = Some((None, None, None)),
            Role::Sbdh => {
                let pos = self.pos(input, base, abs);
                self.header.sbdh = Some(Sbdh {
                    pos,
                    ..Sbdh::default()
                });
            }
            Role::Party { .. } => self.party = Party::default(),
            Role::Vocab => {
                self.vocab_type = attrs
                    .iter()
                    .find(|(k, _)| k == "type")
                    .map(|(_, v)| v.clone());
            }
            Role::VocabElem => {
                let pos = self.pos(input, base, abs);
                self.vocab = Some(VocabularyElement {
                    vocabulary_type: self.vocab_type.clone(),
                    id: attrs
                        .iter()
                        .find(|(k, _)| k == "id")
                        .map(|(_, v)| v.clone()),
                    attributes: Vec::new(),
                    children: Vec::new(),
                    pos,
                });
            }
            Role::VocabAttr => {
                if let Some(v) = &mut self.vocab {
                    let id = attrs
                        .iter()
                        .find(|(k, _)| k == "id")
                        .map(|(_, v)| v.clone())
                        .unwrap_or(Value {
                            text: Cow::Borrowed(""),
                            pos: Position::default(),
                        });
                    v.attributes.push(VocabularyAttribute {
                        id,
                        value: None,
                        children: Vec::new(),
                    });
                }
            }
            Role::Body => {
                flow!(self.send_header(sink));
            }
            Role::Leaf(Leaf::BizTx | Leaf::Source | Leaf::Dest | Leaf::Identifier) => {
                self.leaf_attrs = attrs;
            }
            _ => {}
        }
        self.text = TextAcc::default();
        self.stack.push(Frame {
            name: Cow::Borrowed(name),
            role,
            bindings,
            nil,
        });
        if empty {
            let end_at = at;
            return self.end(input, base, end_at, name, sink);
        }
        Ok(Step::Go)
    }

    /// The root element: an EPCIS document, or a tolerated variant.
    #[allow(clippy::too_many_arguments)]
    fn root<S: Sink>(
        &mut self,
        input: &str,
        base: u64,
        abs: u64,
        name: &'a str,
        ln: &str,
        attrs: &[(Cow<'a, str>, Value<'a>)],
        sink: &mut S,
    ) -> Result<Option<Role>, ScanError> {
        if self.root_seen {
            let kind = ScanErrorKind::Malformed {
                message: "a second root element".into(),
                expected: Some("end of document".into()),
            };
            return Err(self.error(input, base, abs, kind));
        }
        self.root_seen = true;
        let pos = self.pos(input, base, abs);
        self.header.root = Cow::Borrowed(name);
        self.header.root_namespace = self.namespace_of(name).cloned();
        self.header.pos = pos;
        self.header.namespaces = self.ns.clone();
        for (k, v) in attrs {
            match local(k) {
                "schemaVersion" => self.header.schema_version = Some(v.clone()),
                "creationDate" => self.header.creation_date = Some(v.clone()),
                _ => {}
            }
        }
        let role = match ln {
            "EPCISDocument" | "EPCISMasterDataDocument" => Role::Root,
            "ObjectEvent"
            | "AggregationEvent"
            | "TransactionEvent"
            | "TransformationEvent"
            | "QuantityEvent"
            | "AssociationEvent" => {
                if self.finding(
                    sink,
                    "xml.bare_event",
                    Severity::Warning,
                    format!("root element <{name}>: an event without an EPCISDocument around it"),
                    pos,
                ) == Flow::Stop
                {
                    return Ok(None);
                }
                Role::Event
            }
            _ => {
                let kind = ScanErrorKind::NotEpcis(name.to_owned());
                return Err(self.error(input, base, abs, kind));
            }
        };
        if ln == "EPCISMasterDataDocument"
            && self.finding(
                sink,
                "xml.master_data_document",
                Severity::Info,
                "an EPCISMasterDataDocument: master data only, no events".into(),
                pos,
            ) == Flow::Stop
        {
            return Ok(None);
        }
        match self.header.root_namespace.as_deref() {
            Some(EPCIS_NS | EPCIS_MD_NS) => {}
            // Events are unqualified in the 1.2 schema: a bare event root
            // without a namespace is as the schema writes it.
            None if role == Role::Event => {}
            other => {
                let msg = match other {
                    Some(u) => format!(
                        "root element <{name}> is in namespace {u}, not {EPCIS_NS} (EPCIS 1.x)"
                    ),
                    None => format!(
                        "root element <{name}> has no namespace; EPCIS 1.x documents are in {EPCIS_NS}"
                    ),
                };
                if self.finding(sink, "xml.root_namespace", Severity::Warning, msg, pos)
                    == Flow::Stop
                {
                    return Ok(None);
                }
            }
        }
        Ok(Some(role))
    }

    /// What a child element named `ln` of a `parent` is.
    fn child_role(&self, parent: Role, ln: &str, standard: bool, sbdh: bool) -> Role {
        use Leaf as L;
        use Role as R;
        if !(standard || sbdh && matches!(parent, R::Header | R::Sbdh | R::Party { .. } | R::DocId))
        {
            return match parent {
                R::Event
                | R::EventExt
                | R::EventExt2
                | R::ReadPoint
                | R::BizLocation
                | R::BaseExt
                | R::ErrDecl => R::Node {
                    ilmd: false,
                    index: 0,
                },
                R::Node { ilmd, .. } => R::Node { ilmd, index: 0 },
                R::Ilmd => R::Node {
                    ilmd: true,
                    index: 0,
                },
                R::VocabAttr | R::VocabNode => R::VocabNode,
                _ => R::Skip,
            };
        }
        match parent {
            R::Root => match ln {
                "EPCISHeader" => R::Header,
                "EPCISBody" => R::Body,
                _ => R::Skip,
            },
            R::Header => match ln {
                "StandardBusinessDocumentHeader" if sbdh => R::Sbdh,
                "extension" => R::HeaderExt,
                _ => R::Skip,
            },
            R::Sbdh if sbdh => match ln {
                "HeaderVersion" => R::Leaf(L::HeaderVersion),
                "Sender" => R::Party { sender: true },
                "Receiver" => R::Party { sender: false },
                "DocumentIdentification" => R::DocId,
                _ => R::Skip,
            },
            R::Party { .. } if sbdh => match ln {
                "Identifier" => R::Leaf(L::Identifier),
                _ => R::Skip,
            },
            R::DocId if sbdh => match ln {
                "Standard" => R::Leaf(L::Standard),
                "TypeVersion" => R::Leaf(L::TypeVersion),
                "InstanceIdentifier" => R::Leaf(L::InstanceId),
                "Type" => R::Leaf(L::DocType),
                "CreationDateAndTime" => R::Leaf(L::CreationDateAndTime),
                _ => R::Skip,
            },
            R::HeaderExt => match ln {
                "EPCISMasterData" => R::MasterData,
                _ => R::Skip,
            },
            R::MasterData | R::Body if ln == "VocabularyList" => R::VocabList,
            R::VocabList if ln == "Vocabulary" => R::Vocab,
            R::Vocab if ln == "VocabularyElementList" => R::VocabElemList,
            R::VocabElemList if ln == "VocabularyElement" => R::VocabElem,
            R::VocabElem => match ln {
                "attribute" => R::VocabAttr,
                "children" => R::VocabChildren,
                _ => R::Skip,
            },
            R::VocabChildren if ln == "id" => R::Leaf(L::VocabChildId),
            R::VocabAttr | R::VocabNode => R::VocabNode,
            R::Body => match ln {
                "EventList" => R::EventList,
                _ => R::Skip,
            },
            R::EventList | R::EventListExt => match ln {
                "ObjectEvent"
                | "AggregationEvent"
                | "TransactionEvent"
                | "QuantityEvent"
                | "TransformationEvent"
                | "AssociationEvent" => R::Event,
                "extension" => R::EventListExt,
                _ => R::Skip,
            },
            R::Event | R::EventExt | R::EventExt2 => match ln {
                "eventTime" => R::Leaf(L::EventTime),
                "recordTime" => R::Leaf(L::RecordTime),
                "eventTimeZoneOffset" => R::Leaf(L::TzOffset),
                "baseExtension" => R::BaseExt,
                "epcList" => R::List(EpcField::EpcList),
                "childEPCs" => R::List(EpcField::ChildEpcs),
                "inputEPCList" => R::List(EpcField::InputEpcList),
                "outputEPCList" => R::List(EpcField::OutputEpcList),
                "quantityList" => R::QList(EpcField::QuantityList),
                "childQuantityList" => R::QList(EpcField::ChildQuantityList),
                "inputQuantityList" => R::QList(EpcField::InputQuantityList),
                "outputQuantityList" => R::QList(EpcField::OutputQuantityList),
                "parentID" => R::Leaf(L::ParentId),
                "action" => R::Leaf(L::Action),
                "bizStep" => R::Leaf(L::BizStep),
                "disposition" => R::Leaf(L::Disposition),
                "readPoint" => R::ReadPoint,
                "bizLocation" => R::BizLocation,
                "bizTransactionList" => R::BizTxList,
                "sourceList" => R::SourceList,
                "destinationList" => R::DestList,
                "ilmd" => R::Ilmd,
                "transformationID" => R::Leaf(L::TransformationId),
                "epcClass" => R::Leaf(L::QeEpcClass),
                "quantity" => R::Leaf(L::QeQuantity),
                // TransformationEvent's `extension` is itself an
                // `xsd:any namespace="##local"` slot.
                "extension"
                    if parent == R::Event
                        && self.event.as_ref().map(|e| e.start.kind)
                            != Some(EventKind::Transformation) =>
                {
                    R::EventExt
                }
                "extension" => R::EventExt2,
                _ => R::Node {
                    ilmd: false,
                    index: 0,
                },
            },
            R::BaseExt => match ln {
                "eventID" => R::Leaf(L::EventId),
                "errorDeclaration" => R::ErrDecl,
                _ => R::Node {
                    ilmd: false,
                    index: 0,
                },
            },
            R::ErrDecl => match ln {
                "declarationTime" => R::Leaf(L::DeclTime),
                "reason" => R::Leaf(L::Reason),
                "correctiveEventIDs" => R::CorrectiveIds,
                _ => R::Node {
                    ilmd: false,
                    index: 0,
                },
            },
            R::CorrectiveIds if ln == "correctiveEventID" => R::Leaf(L::CorrectiveId),
            R::List(f) if ln == "epc" => R::Leaf(L::Epc(f)),
            R::QList(f) if ln == "quantityElement" => R::QElem(f),
            R::QElem(_) => match ln {
                "epcClass" => R::Leaf(L::EpcClass),
                "quantity" => R::Leaf(L::Quantity),
                "uom" => R::Leaf(L::Uom),
                _ => R::Skip,
            },
            R::ReadPoint if ln == "id" => R::Leaf(L::ReadPointId),
            R::BizLocation if ln == "id" => R::Leaf(L::BizLocationId),
            R::ReadPoint | R::BizLocation => R::Node {
                ilmd: false,
                index: 0,
            },
            R::BizTxList if ln == "bizTransaction" => R::Leaf(L::BizTx),
            R::SourceList if ln == "source" => R::Leaf(L::Source),
            R::DestList if ln == "destination" => R::Leaf(L::Dest),
            R::Ilmd => R::Node {
                ilmd: true,
                index: 0,
            },
            R::Node { ilmd, .. } => R::Node { ilmd, index: 0 },
            _ => R::Skip,
        }
    }

    fn send_header<S: Sink>(&mut self, sink: &mut S) -> Flow {
        if self.header_sent {
            return Flow::Continue;
        }
        self.header_sent = true;
        sink.header(&self.header)
    }

    /// An end tag `</name>` at `at` (or the end of an empty element).
    fn end<S: Sink>(
        &mut self,
        input: &'a str,
        base: u64,
        at: usize,
        name: &str,
        sink: &mut S,
    ) -> Result<Step, ScanError> {
        let abs = base + at as u64;
        let Some(top) = self.stack.last() else {
            let kind = ScanErrorKind::Malformed {
                message: format!("end tag </{name}> without a start tag"),
                expected: None,
            };
            return Err(self.error(input, base, abs, kind));
        };
        if top.name != name {
            let kind = ScanErrorKind::Malformed {
                message: format!("end tag </{name}> does not match <{}>", top.name),
                expected: Some(format!("</{}>", top.name)),
            };
            return Err(self.error(input, base, abs, kind));
        }
        let role = top.role;
        let text = self.text.take();
        let value = |collapse_ws: bool| -> Option<Value<'a>> {
            let (t, pos) = text.clone()?;
            Some(Value {
                text: if collapse_ws { collapse(t) } else { t },
                pos,
            })
        };
        let step = match role {
            // `xsi:nil="true"`: no value (the schema's nillable elements).
            Role::Leaf(_) if top.nil => Step::Go,
            Role::Leaf(leaf) => {
                let v = match value(true) {
                    Some(v) => v,
                    None => Value {
                        text: Cow::Borrowed(""),
                        pos: self.pos(input, base, abs),
                    },
                };
                self.leaf(input, base, leaf, v, sink)
            }
            Role::Node { ilmd, index } => {
                // White space as XML says (space, tab, CR, LF): `str::trim`
                // also dropped texts of U+00A0, U+3000… only.
                let t = value(false).filter(|v| !v.text.bytes().all(is_xml_space));
                if let (Some(ev), Some(t)) = (&mut self.event, t) {
                    let list = if ilmd {
                        &mut ev.ilmd
                    } else {
                        &mut ev.extensions
                    };
                    if let Some(n) = list.get_mut(index) {
                        n.text = Some(t);
                    }
                }
                Step::Go
            }
            Role::VocabAttr => {
                let t = value(false).filter(|v| !v.text.bytes().all(is_xml_space));
                if let Some(a) = self.vocab.as_mut().and_then(|v| v.attributes.last_mut()) {
                    a.value = t;
                }
                Step::Go
            }
            Role::QElem(field) => {
                let (class, quantity, uom) = self.quantity.take().unwrap_or_default();
                // No epcClass: an empty value at the end tag, as for an
                // empty leaf, with its line and column (they were 0 even
                // with `track_lines`; fuzz regression scan_structured/
                // crash-883c9f49…).
                let class = match class {
                    Some(c) => c,
                    None => Value {
                        text: Cow::Borrowed(""),
                        pos: self.pos(input, base, abs),
                    },
                };
                self.emit_quantity(field, class, quantity, uom, sink)
            }
            Role::Party { sender } => {
                let p = std::mem::take(&mut self.party);
                if let Some(s) = &mut self.header.sbdh {
                    if sender {
                        s.senders.push(p)
                    } else {
                        s.receivers.push(p)
                    }
                }
                Step::Go
            }
            Role::VocabElem => {
                if let Some(v) = self.vocab.take() {
                    if self.send_header(sink) == Flow::Stop || sink.vocabulary(&v) == Flow::Stop {
                        return Ok(Step::Stop);
                    }
                }
                Step::Go
            }
            Role::Header => {
                if self.send_header(sink) == Flow::Stop {
                    return Ok(Step::Stop);
                }
                Step::Go
            }
            Role::Event => {
                if let Some(mut ev) = self.event.take() {
                    let (class, quantity) = std::mem::take(&mut self.qe);
                    if let Some(class) = class {
                        let index = ev.counts[EpcField::EpcClass as usize];
                        ev.counts[EpcField::EpcClass as usize] += 1;
                        self.epcs += 1;
                        let r = EpcRef {
                            field: EpcField::EpcClass,
                            index: index as u32,
                            value: class,
                            quantity,
                            uom: None,
                        };
                        if sink.epc(&ev.start, &r) == Flow::Stop {
                            return Ok(Step::Stop);
                        }
                    }
                    if sink.event(&ev) == Flow::Stop {
                        return Ok(Step::Stop);
                    }
                }
                Step::Go
            }
            Role::Root => {
                self.root_done = true;
                if self.send_header(sink) == Flow::Stop {
                    return Ok(Step::Stop);
                }
                Step::Go
            }
            _ => Step::Go,
        };
        if let Some(f) = self.stack.pop() {
            for _ in 0..f.bindings {
                self.ns.pop();
            }
            if self.stack.is_empty() {
                self.root_done = true;
            }
        }
        Ok(step)
    }

    fn emit_quantity<S: Sink>(
        &mut self,
        field: EpcField,
        class: Value<'a>,
        quantity: Option<Value<'a>>,
        uom: Option<Value<'a>>,
        sink: &mut S,
    ) -> Step {
        let Some(ev) = &mut self.event else {
            return Step::Go;
        };
        let index = ev.counts[field as usize];
        ev.counts[field as usize] += 1;
        self.epcs += 1;
        let r = EpcRef {
            field,
            index: index.min(u64::from(u32::MAX)) as u32,
            value: class,
            quantity,
            uom,
        };
        match sink.epc(&ev.start, &r) {
            Flow::Continue => Step::Go,
            Flow::Stop => Step::Stop,
        }
    }

    /// A leaf's value, complete.
    fn leaf<S: Sink>(
        &mut self,
        input: &str,
        base: u64,
        leaf: Leaf,
        v: Value<'a>,
        sink: &mut S,
    ) -> Step {
        use Leaf as L;
        let max_items = self.limits.max_event_items;
        if let Some(ev) = &mut self.event {
            let over =
                ev.biz_transactions.len() + ev.sources.len() + ev.destinations.len() >= max_items;
            match leaf {
                L::EventTime => ev.event_time = Some(v),
                L::RecordTime => ev.record_time = Some(v),
                L::TzOffset => ev.event_time_zone_offset = Some(v),
                L::EventId => ev.event_id = Some(v),
                L::DeclTime => {
                    ev.error_declaration
                        .get_or_insert_with(Default::default)
                        .declaration_time = Some(v)
                }
                L::Reason => {
                    ev.error_declaration
                        .get_or_insert_with(Default::default)
                        .reason = Some(v)
                }
                L::CorrectiveId => {
                    let d = ev.error_declaration.get_or_insert_with(Default::default);
                    if d.corrective_event_ids.len() < max_items {
                        d.corrective_event_ids.push(v);
                    }
                }
                L::Epc(field) => {
                    let start = v.pos.offset;
                    let text = v.text;
                    // `text` is already collapsed: emit_epc collapses again
                    // (a no-op) and recomputes the position.
                    let _ = start;
                    let ev_start = ev.start;
                    let index = ev.counts[field as usize];
                    ev.counts[field as usize] += 1;
                    self.epcs += 1;
                    let r = EpcRef {
                        field,
                        index: index.min(u64::from(u32::MAX)) as u32,
                        value: Value { text, pos: v.pos },
                        quantity: None,
                        uom: None,
                    };
                    return match sink.epc(&ev_start, &r) {
                        Flow::Continue => Step::Go,
                        Flow::Stop => Step::Stop,
                    };
                }
                L::ParentId => {
                    ev.lists_present |= 1 << EpcField::ParentId as u32;
                    ev.parent_id = Some(v.clone());
                    let index = ev.counts[EpcField::ParentId as usize];
                    ev.counts[EpcField::ParentId as usize] += 1;
                    self.epcs += 1;
                    let start = ev.start;
                    let r = EpcRef {
                        field: EpcField::ParentId,
                        index: index as u32,
                        value: v,
                        quantity: None,
                        uom: None,
                    };
                    return match sink.epc(&start, &r) {
                        Flow::Continue => Step::Go,
                        Flow::Stop => Step::Stop,
                    };
                }
                L::Action => ev.action = Some(v),
                L::BizStep => ev.biz_step = Some(v),
                L::Disposition => ev.disposition = Some(v),
                L::ReadPointId => ev.read_point = Some(v),
                L::BizLocationId => ev.biz_location = Some(v),
                L::BizTx if !over => {
                    let mut attrs = std::mem::take(&mut self.leaf_attrs);
                    let kind = attrs
                        .iter()
                        .position(|(k, _)| k == "type")
                        .map(|i| attrs.remove(i).1);
                    ev.biz_transactions.push(BizTransaction {
                        kind,
                        attributes: attrs,
                        value: v,
                    });
                }
                L::Source | L::Dest if !over => {
                    let kind = std::mem::take(&mut self.leaf_attrs)
                        .into_iter()
                        .find(|(k, _)| k == "type")
                        .map(|(_, v)| v);
                    let sd = SourceDest { kind, value: v };
                    if leaf == L::Source {
                        ev.sources.push(sd)
                    } else {
                        ev.destinations.push(sd)
                    }
                }
                L::EpcClass | L::Quantity | L::Uom => {
                    if let Some(q) = &mut self.quantity {
                        match leaf {
                            L::EpcClass => q.0 = Some(v),
                            L::Quantity => q.1 = Some(v),
                            _ => q.2 = Some(v),
                        }
                    }
                }
                L::TransformationId => ev.transformation_id = Some(v),
                L::QeEpcClass => {
                    ev.lists_present |= 1 << EpcField::EpcClass as u32;
                    self.qe.0 = Some(v);
                }
                L::QeQuantity => self.qe.1 = Some(v),
                _ => {}
            }
            return Step::Go;
        }
        let _ = (input, base);
        if leaf == L::VocabChildId {
            if let Some(voc) = &mut self.vocab {
                if voc.children.len() < max_items {
                    voc.children.push(v);
                }
            }
            return Step::Go;
        }
        if let Some(s) = &mut self.header.sbdh {
            match leaf {
                L::HeaderVersion => s.header_version = Some(v),
                L::Identifier => {
                    self.party.authority = std::mem::take(&mut self.leaf_attrs)
                        .into_iter()
                        .find(|(k, _)| local(k) == "Authority")
                        .map(|(_, v)| v);
                    self.party.identifier = Some(v);
                }
                L::Standard => s.standard = Some(v),
                L::TypeVersion => s.type_version = Some(v),
                L::InstanceId => s.instance_identifier = Some(v),
                L::DocType => s.document_type = Some(v),
                L::CreationDateAndTime => s.creation_date_and_time = Some(v),
                _ => {}
            }
        }
        Step::Go
    }

    /// Checks the document is complete and reports what was read.
    pub(crate) fn finish<S: Sink>(mut self, sink: &mut S) -> Result<ScanSummary, ScanError> {
        if !self.root_seen {
            let kind = ScanErrorKind::Truncated { open: Vec::new() };
            return Err(ScanError {
                kind,
                pos: Position {
                    offset: self.bytes,
                    line: self.lines.line,
                    column: 0,
                },
                path: String::new(),
            });
        }
        if !self.root_done {
            let kind = ScanErrorKind::Truncated {
                open: self.open_names(),
            };
            let pos = Position {
                offset: self.bytes,
                line: if self.track_lines { self.lines.line } else { 0 },
                column: 0,
            };
            return Err(ScanError {
                kind,
                pos,
                path: self.path(),
            });
        }
        let stopped = self.send_header(sink) == Flow::Stop;
        Ok(ScanSummary {
            bytes: self.bytes,
            events: self.events,
            epcs: self.epcs,
            stopped,
        })
    }
}

/// What a tokenizer error means, for a person.
fn xml_error_kind(e: &XmlError) -> ScanErrorKind {
    use quick_xml::errors::IllFormedError as I;
    let (message, expected) = match e {
        XmlError::Syntax(s) => {
            let expected = match s {
                SyntaxError::UnclosedTag => Some("`>` closing the tag"),
                SyntaxError::UnclosedComment => Some("`-->` closing the comment"),
                SyntaxError::UnclosedCData => Some("`]]>` closing the CDATA section"),
                SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => Some("`?>`"),
                SyntaxError::UnclosedDoctype => Some("`>` closing the DOCTYPE"),
                SyntaxError::UnclosedSingleQuotedAttributeValue => {
                    Some("`'` closing the attribute value")
                }
                SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                    Some("`\"` closing the attribute value")
                }
                SyntaxError::InvalidBangMarkup => Some("`<!--`, `<![CDATA[` or `<!DOCTYPE`"),
            };
            (s.to_string(), expected.map(str::to_owned))
        }
        XmlError::IllFormed(I::UnclosedReference) => (
            "`&` without `;`".into(),
            Some("`&amp;` for a literal ampersand".into()),
        ),
        XmlError::IllFormed(i) => (i.to_string(), None),
        other => (other.to_string(), None),
    };
    ScanErrorKind::Malformed { message, expected }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epcis::scan_slice;

    #[test]
    fn space_or_control_found_at_every_position() {
        for len in 0..40 {
            for bad in [b' ', b'\t', b'\n', b'\r', 0x00, 0x20, 0x1F] {
                for at in 0..len {
                    let mut v = vec![b'a'; len];
                    v[at] = bad;
                    assert!(has_space_or_control(&v), "len {len} at {at} {bad:#x}");
                }
            }
            for fill in [b'!', b'a', 0x7F, 0x80, 0xA0, 0xA1, 0xFF] {
                assert!(
                    !has_space_or_control(&vec![fill; len]),
                    "len {len} fill {fill:#x}"
                );
            }
        }
    }

    #[test]
    fn skip_xml_space_is_the_byte_wise_answer() {
        let naive = |b: &[u8], p: usize| {
            p + b[p.min(b.len())..]
                .iter()
                .take_while(|&&c| is_xml_space(c))
                .count()
        };
        for len in 0..30 {
            for run in 0..=len {
                for other in [b'<', b'a', 0x00, 0x0B, 0x0C, 0xA0, b'\t', b'\n', b'\r'] {
                    let mut v = vec![b' '; len];
                    if run < len {
                        v[run] = other;
                    }
                    if run > 2 {
                        v[1] = b'\n';
                    }
                    for p in 0..=len + 1 {
                        assert_eq!(skip_xml_space(&v, p), naive(&v, p), "{v:?} {p}");
                    }
                }
            }
        }
    }

    #[test]
    fn epc_text_end_is_the_byte_wise_answer() {
        fn naive(b: &[u8]) -> Option<(usize, bool)> {
            let end = b.iter().position(|&c| c == b'<' || c == b'&')?;
            Some((end, b[..end].iter().any(|&c| c <= b' ')))
        }
        let specials = [
            b'<', b'&', b' ', b'\t', b'\n', 0x00, 0x01, 0x1F, 0x21, 0x25, 0x27,
        ];
        // Long texts: one special byte anywhere in three blocks, then a `<`.
        for len in 40..72 {
            for i in 0..len {
                for &a in &specials {
                    let mut v = vec![b'7'; len];
                    v[i] = a;
                    assert_eq!(epc_text_end(&v), naive(&v), "{v:?}");
                    v[len - 1 - i / 2] = b'<';
                    assert_eq!(epc_text_end(&v), naive(&v), "{v:?}");
                }
            }
        }
        let fills = [
            b'a',
            b'!',
            0x7F,
            0x80,
            0xA0,
            0xA1,
            0xFF,
            0x3B,
            0x3D,
            0x26 ^ 0x80,
        ];
        for len in 0..26 {
            for &fill in &fills {
                let v = vec![fill; len];
                assert_eq!(epc_text_end(&v), naive(&v), "{v:?}");
                for i in 0..len {
                    for &a in &specials {
                        let mut v = v.clone();
                        v[i] = a;
                        assert_eq!(epc_text_end(&v), naive(&v), "{v:?}");
                        for j in i + 1..len {
                            for &b in &specials {
                                let mut w = v.clone();
                                w[j] = b;
                                assert_eq!(epc_text_end(&w), naive(&w), "{w:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    use std::fmt::Write;

    /// Records everything as text, positions included.
    #[derive(Default)]
    struct Trace(String);

    impl Sink for Trace {
        fn header(&mut self, h: &Header<'_>) -> Flow {
            let id = h
                .sbdh
                .as_ref()
                .and_then(|s| s.instance_identifier.as_ref())
                .map(|v| v.as_str().to_owned());
            let _ = writeln!(
                self.0,
                "header {} {:?} {:?}",
                h.root,
                h.schema_version.as_ref().map(|v| v.as_str().to_owned()),
                id
            );
            Flow::Continue
        }
        fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
            let _ = writeln!(
                self.0,
                "vocab {:?} {}",
                v.id.as_ref().map(|v| v.as_str().to_owned()),
                v.attributes.len()
            );
            Flow::Continue
        }
        fn event_start(&mut self, e: &EventStart) -> Flow {
            let _ = writeln!(self.0, "start {} {} {:?}", e.kind, e.index, e.pos);
            Flow::Continue
        }
        fn epc(&mut self, e: &EventStart, r: &EpcRef<'_>) -> Flow {
            let q = r.quantity.as_ref().map(|q| q.as_str().to_owned());
            let _ = writeln!(
                self.0,
                "epc {} {} {} {:?} {:?} {:?}",
                e.index,
                r.field,
                r.index,
                r.value.as_str(),
                r.value.pos,
                q
            );
            Flow::Continue
        }
        fn event(&mut self, e: &Event<'_>) -> Flow {
            let s = |v: &Option<Value<'_>>| v.as_ref().map(|v| (v.as_str().to_owned(), v.pos.line));
            let ext: Vec<_> = e
                .extensions
                .iter()
                .map(|n| {
                    (
                        n.depth,
                        n.name.to_string(),
                        n.text.as_ref().map(|t| t.as_str().to_owned()),
                    )
                })
                .collect();
            let _ = writeln!(
                self.0,
                "event {} {:?} {:?} {:?} {:?} btx={:?} ext={ext:?} ilmd={}",
                e.start.index,
                s(&e.action),
                s(&e.biz_step),
                s(&e.event_time),
                s(&e.read_point),
                e.biz_transactions
                    .iter()
                    .map(|b| (
                        b.kind.as_ref().map(|k| k.as_str().to_owned()),
                        b.value.as_str().to_owned()
                    ))
                    .collect::<Vec<_>>(),
                e.ilmd.len()
            );
            Flow::Continue
        }
        fn finding(&mut self, f: &Finding) -> Flow {
            let _ = writeln!(self.0, "finding {} {:?} {}", f.rule, f.pos, f.path);
            Flow::Continue
        }
    }

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:tl="http://epcis.tracelink.com/ns"
  xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader" schemaVersion="1.2" creationDate="2024-01-01T00:00:00Z">
  <EPCISHeader>
    <sbdh:StandardBusinessDocumentHeader>
      <sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>
      <sbdh:Sender><sbdh:Identifier Authority="GLN">0614141000005</sbdh:Identifier></sbdh:Sender>
      <sbdh:DocumentIdentification><sbdh:InstanceIdentifier>DOC-1</sbdh:InstanceIdentifier></sbdh:DocumentIdentification>
    </sbdh:StandardBusinessDocumentHeader>
    <extension><EPCISMasterData><VocabularyList><Vocabulary type="urn:epcglobal:epcis:vtype:EPCClass">
      <VocabularyElementList><VocabularyElement id="urn:epc:idpat:sgtin:0614141.812345.*">
        <attribute id="urn:epcglobal:cbv:mda#drugName">Aspirin &amp; Co</attribute>
      </VocabularyElement></VocabularyElementList></Vocabulary></VocabularyList></EPCISMasterData></extension>
  </EPCISHeader>
  <EPCISBody>
    <EventList>
      <ObjectEvent>
        <eventTime>2024-01-01T00:00:00Z</eventTime>
        <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
        <epcList>
          <epc>urn:epc:id:sgtin:0614141.812345.1</epc>
          <epc>  urn:epc:id:sgtin:0614141.812345.2  </epc>
          <!-- in the list -->
          <epc>urn:epc:id:sgtin:0614141.812345.&#x41;3</epc>
          <epc><![CDATA[urn:epc:id:sgtin:0614141.812345.4]]></epc>
        </epcList>
        <action>ADD</action>
        <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
        <readPoint><id>urn:epc:id:sgln:0614141.00001.0</id></readPoint>
        <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:0614141000005:PO1</bizTransaction></bizTransactionList>
        <extension><ilmd><cbvmda:lotNumber xmlns:cbvmda="urn:epcglobal:cbv:mda">L1</cbvmda:lotNumber></ilmd></extension>
        <tl:commissionEventExtensions><tl:packagingLevel>EA</tl:packagingLevel><tl:x a="1"/></tl:commissionEventExtensions>
      </ObjectEvent>
      <AggregationEvent>
        <eventTime>2024-01-01T00:00:01Z</eventTime>
        <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
        <childEPCs><epc>urn:epc:id:sgtin:0614141.812345.1</epc></childEPCs>
        <action>ADD</action>
        <extension><childQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:0614141.812345.L1</epcClass><quantity>10</quantity><uom>KGM</uom></quantityElement></childQuantityList></extension>
      </AggregationEvent>
      <extension><TransformationEvent><eventTime>2024-01-01T00:00:02Z</eventTime>
        <inputEPCList><epc>urn:epc:id:sgtin:0614141.812345.1</epc></inputEPCList></TransformationEvent></extension>
    </EventList>
  </EPCISBody>
</epcis:EPCISDocument>
"#;

    fn trace(input: &[u8]) -> (String, Result<ScanSummary, ScanError>) {
        let mut t = Trace::default();
        let r = scan_slice(input, &ScanOptions::default(), &mut t);
        (t.0, r)
    }

    /// Feeds `input` in pieces of `n` bytes, carrying incomplete tokens
    /// over, as a pipe reader does.
    fn trace_pieces(input: &[u8], n: usize) -> (String, Result<ScanSummary, ScanError>) {
        let mut t = Trace::default();
        let opts = ScanOptions::default();
        let mut machine: Machine<'static> = Machine::new(&opts);
        let mut buf: Vec<u8> = Vec::new();
        let mut base = 0u64;
        let mut next = 0usize;
        loop {
            let end = (next + n).min(input.len());
            buf.extend_from_slice(&input[next..end]);
            next = end;
            let last = next == input.len();
            let mut m: Machine<'_> = machine;
            let text = std::str::from_utf8(&buf).expect("the test document is ASCII");
            let fed = m.feed(text, base, last, &mut t);
            match fed {
                Ok(Fed::Consumed(c)) => {
                    machine = m.into_owned();
                    buf.drain(..c);
                    base += c as u64;
                }
                Ok(Fed::Stopped) => unreachable!(),
                Err(e) => return (t.0, Err(e)),
            }
            if last {
                return (t.0.clone(), machine.finish(&mut t));
            }
        }
    }

    #[test]
    fn reads_every_part_of_a_document() {
        let (t, r) = trace(DOC.as_bytes());
        let s = r.unwrap();
        assert_eq!((s.events, s.epcs), (3, 8), "{t}");
        assert!(
            t.contains("header epcis:EPCISDocument Some(\"1.2\") Some(\"DOC-1\")"),
            "{t}"
        );
        assert!(
            t.contains("vocab Some(\"urn:epc:idpat:sgtin:0614141.812345.*\") 1"),
            "{t}"
        );
        assert!(
            t.contains("epc 0 epcList 1 \"urn:epc:id:sgtin:0614141.812345.2\""),
            "trimmed: {t}"
        );
        assert!(
            t.contains("epc 0 epcList 2 \"urn:epc:id:sgtin:0614141.812345.A3\""),
            "char ref: {t}"
        );
        assert!(
            t.contains("epc 0 epcList 3 \"urn:epc:id:sgtin:0614141.812345.4\""),
            "CDATA: {t}"
        );
        assert!(
            t.contains("epc 1 parentID 0 \"urn:epc:id:sscc:0614141.1234567890\""),
            "{t}"
        );
        assert!(
            t.contains("epc 1 childQuantityList 0 \"urn:epc:class:lgtin:0614141.812345.L1\""),
            "{t}"
        );
        assert!(t.contains("Some(\"10\")"), "{t}");
        assert!(t.contains("start TransformationEvent 2"), "{t}");
        assert!(t.contains("btx=[(Some(\"urn:epcglobal:cbv:btt:po\"), \"urn:epcglobal:cbv:bt:0614141000005:PO1\")]"), "{t}");
        assert!(t.contains("(1, \"tl:commissionEventExtensions\", None), (2, \"tl:packagingLevel\", Some(\"EA\")), (2, \"tl:x\", None)"), "{t}");
        assert!(t.contains("ilmd=1"), "{t}");
        // Line and column of the first EPC: line 22, after 10 spaces and <epc>.
        assert!(t.contains("epc 0 epcList 0 \"urn:epc:id:sgtin:0614141.812345.1\" Position { offset: 1273, line: 22, column: 16 }"), "{t}");
        assert!(!t.contains("finding"), "{t}");
    }

    #[test]
    fn pieces_of_any_size_give_the_same_trace() {
        let (whole, r) = trace(DOC.as_bytes());
        r.unwrap();
        for n in (1..64).chain([100, 1000, 5000]) {
            let (t, r) = trace_pieces(DOC.as_bytes(), n);
            r.unwrap_or_else(|e| panic!("piece size {n}: {e}"));
            assert_eq!(t, whole, "piece size {n}");
        }
    }

    #[test]
    fn resumes_at_an_event_boundary() {
        let doc = DOC.as_bytes();
        let (whole, _) = trace(doc);
        // Scan up to the AggregationEvent, then resume a copy there.
        let cut = DOC.find("      <AggregationEvent>").unwrap();
        let mut first = Trace::default();
        let mut m = Machine::new(&ScanOptions::default());
        assert_eq!(
            m.feed(&DOC[..cut], 0, false, &mut first).unwrap(),
            Fed::Consumed(cut)
        );
        assert!(m.at_event_boundary());
        let line = DOC[..cut].matches('\n').count() as u32 + 1;
        let mut second = Trace::default();
        let mut r = m.resume_at(
            m.events(),
            Position {
                offset: cut as u64,
                line,
                column: 1,
            },
        );
        r.feed(&DOC[cut..], cut as u64, true, &mut second).unwrap();
        assert!(r.at_event_boundary());
        let joined = first.0 + &second.0;
        assert_eq!(joined, whole);
    }

    fn error(doc: &str) -> ScanError {
        trace(doc.as_bytes()).1.unwrap_err()
    }

    #[test]
    fn malformed_input_is_an_error_with_position() {
        let e = error(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\">\n<EPCISBody></EventList>",
        );
        assert!(
            matches!(&e.kind, ScanErrorKind::Malformed { expected: Some(x), .. } if x == "</EPCISBody>"),
            "{e}"
        );
        assert_eq!((e.pos.line, e.pos.column), (2, 12), "{e}");
        let e = error(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody><EventList>",
        );
        assert!(
            matches!(&e.kind, ScanErrorKind::Truncated { open } if open.len() == 3),
            "{e}"
        );
        let e = error("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>");
        assert_eq!(e.kind, ScanErrorKind::EntityDeclaration);
        let e = error(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody><EventList><ObjectEvent><action>&nbsp;</action></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>",
        );
        assert_eq!(e.kind, ScanErrorKind::UnknownEntity("nbsp".into()));
        let e = error("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"/>trailing");
        assert!(matches!(e.kind, ScanErrorKind::Malformed { .. }), "{e}");
        let e = error("<html/>");
        assert_eq!(e.kind, ScanErrorKind::NotEpcis("html".into()));
        let e = error("");
        assert!(matches!(e.kind, ScanErrorKind::Truncated { .. }), "{e}");
        let deep = format!(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\">{}",
            "<a>".repeat(300)
        );
        assert!(matches!(
            error(&deep).kind,
            ScanErrorKind::Limit {
                limit: "max_depth",
                ..
            }
        ));
        let e = error(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" a=\"1\" a=\"2\"/>",
        );
        assert!(
            matches!(e.kind, ScanErrorKind::Malformed { .. }),
            "duplicate attribute: {e}"
        );
    }

    #[test]
    fn tolerated_variants_are_warnings() {
        let doc = r#"<EPCISDocument xmlns="urn:epcglobal:epcis:xsd:1"><EPCISBody><EventList><ObjectEvent><madeUp/><epcList><epc>urn:epc:id:sgtin:0614141.812345.1</epc></epcList></ObjectEvent></EventList></EPCISBody></EPCISDocument>"#;
        let (t, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().epcs, 1);
        assert!(t.contains("finding xml.default_namespace"), "{t}");
        assert!(t.contains("finding xml.unknown_element"), "{t}");
        let doc = r#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1"><epcis:EPCISBody><epcis:EventList><epcis:ObjectEvent><epcis:epcList><epcis:epc>urn:epc:id:sgtin:0614141.812345.1</epcis:epc></epcis:epcList></epcis:ObjectEvent></epcis:EventList></epcis:EPCISBody></epcis:EPCISDocument>"#;
        let (t, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().epcs, 1, "{t}");
        assert!(t.contains("finding xml.qualified_body"), "{t}");
    }

    #[test]
    fn quantity_element_without_epc_class_has_a_line() {
        let doc = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\">\n<EPCISBody><EventList><ObjectEvent><extension>\n<quantityList><quantityElement><quantity>2</quantity></quantityElement></quantityList></extension></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
        let (t, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().epcs, 1, "{t}");
        let end = doc.find("</quantityElement>").unwrap();
        let column = end - doc[..end].rfind('\n').unwrap();
        assert!(
            t.contains(&format!(
                "epc 0 quantityList 0 \"\" Position {{ offset: {end}, line: 3, column: {column} }} Some(\"2\")"
            )),
            "{t}"
        );
    }

    #[test]
    fn stray_text_is_reported_at_the_same_place_however_the_input_is_cut() {
        let body = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody><EventList><ObjectEvent><bizLocation><id>x</id>\n  stray</bizLocation></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
        let stray = body.find("stray").unwrap();
        let (whole, r) = trace(body.as_bytes());
        r.unwrap();
        assert!(
            whole.contains(&format!(
                "finding xml.unexpected_text Position {{ offset: {stray}, line: 2, column: 3 }}"
            )),
            "{whole}"
        );
        let doc = format!("{body}\n \n x");
        let (whole, r) = trace(doc.as_bytes());
        let e = r.unwrap_err();
        assert_eq!(e.pos.offset, doc.len() as u64 - 1, "{e}");
        for n in 1..doc.len() {
            let (t, r2) = trace_pieces(doc.as_bytes(), n);
            assert_eq!(t, whole, "pieces of {n}");
            assert_eq!(r2.unwrap_err(), e, "pieces of {n}");
        }
    }

    #[test]
    fn a_feff_character_where_the_tokenizer_starts_is_text() {
        // After an EPC list's start tag the tokenizer starts afresh; it
        // must not drop U+FEFF there as a byte order mark.
        let doc = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody><EventList><ObjectEvent><epcList>\u{FEFF}<epc>urn:x</epc></epcList></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
        let (t, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().epcs, 1, "{t}");
        let feff = doc.find('\u{FEFF}').unwrap();
        let epc = doc.find("urn:x").unwrap();
        assert!(
            t.contains(&format!(
                "finding xml.unexpected_text Position {{ offset: {feff}, line: 1, column: {} }}",
                feff + 1
            )),
            "{t}"
        );
        assert!(
            t.contains(&format!(
                "epc 0 epcList 0 \"urn:x\" Position {{ offset: {epc}, line: 1, column: {} }}",
                epc + 1
            )),
            "{t}"
        );
        // In a value, read in pieces: the same value as read whole.
        let doc = doc.replace("\u{FEFF}<epc>urn:x", "<epc>urn:\u{FEFF}x");
        let (whole, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().epcs, 1, "{whole}");
        assert!(whole.contains(r#""urn:\u{feff}x""#), "{whole}");
        for chunk_size in [64, 65, 66, 67, 100] {
            let mut t = Trace::default();
            let options = ScanOptions {
                chunk_size,
                ..ScanOptions::default()
            };
            let r = crate::epcis::scan_read(doc.as_bytes(), &options, &mut t);
            assert_eq!(r.unwrap().epcs, 1, "{}", t.0);
            assert_eq!(t.0, whole, "chunk_size {chunk_size}");
        }
    }

    #[test]
    fn a_namespace_name_is_limited_like_a_name() {
        // Each extension node keeps its namespace: a long URI declared once
        // and used by many nodes must not be copied into each.
        let uri = format!("urn:x:{}", "a&amp;".repeat(600));
        let doc = format!(
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" xmlns:p=\"{uri}\"><EPCISBody><EventList><ObjectEvent>{}</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>",
            "<p:a/>".repeat(1000)
        );
        let e = error(&doc);
        assert_eq!(
            e.kind,
            ScanErrorKind::Limit {
                limit: "max_name_len",
                max: 1024
            },
            "{e}"
        );
        assert_eq!(e.pos.offset, 0, "{e}");
        let ok = doc.replace(&uri, "urn:x:short");
        let (t, r) = trace(ok.as_bytes());
        assert_eq!(r.unwrap().events, 1, "{t}");
    }

    #[test]
    fn extension_text_of_unicode_spaces_is_kept() {
        // Only XML white space makes a text "white space only".
        let doc = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" xmlns:tl=\"urn:tl\"><EPCISBody><EventList><ObjectEvent><tl:a>\u{a0}</tl:a><tl:b>\u{3000} </tl:b><tl:c> \n\t</tl:c></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
        let (t, r) = trace(doc.as_bytes());
        assert_eq!(r.unwrap().events, 1, "{t}");
        assert!(
            t.contains(r#"ext=[(1, "tl:a", Some("\u{a0}")), (1, "tl:b", Some("\u{3000} ")), (1, "tl:c", None)]"#),
            "{t}"
        );
    }

    #[test]
    fn text_outside_a_value_is_handled_before_what_follows_however_the_input_is_cut() {
        // Scans `doc` whole and through `scan_read` with every buffer size
        // up to its length: the same trace and the same error.
        fn check(doc: &[u8], limits: Limits) -> (String, ScanError) {
            let options = ScanOptions {
                limits,
                ..ScanOptions::default()
            };
            let mut whole = Trace::default();
            let e = crate::epcis::scan_slice(doc, &options, &mut whole).unwrap_err();
            for chunk_size in 64..=doc.len() + 1 {
                let mut t = Trace::default();
                let options = ScanOptions {
                    chunk_size,
                    ..options.clone()
                };
                let r = crate::epcis::scan_read(doc, &options, &mut t);
                assert_eq!(t.0, whole.0, "chunk_size {chunk_size}");
                assert_eq!(r.unwrap_err(), e, "chunk_size {chunk_size}");
            }
            (whole.0, e)
        }
        // A U+FEFF after a processing instruction is a character (XML 1.0
        // §4.3.3: a byte order mark only starts the entity), and not white
        // space: text outside the root element. That error comes before the
        // invalid UTF-8 (a cut-off sequence) after it (fuzz regression
        // scan_bytes/crash-9c09ece4…).
        let pi = format!("<?p {}?>", "x".repeat(70));
        let mut doc = format!("{pi}\u{FEFF}\n x").into_bytes();
        doc.push(0xEB);
        let (_, e) = check(&doc, Limits::default());
        assert_eq!(e.pos.offset, pi.len() as u64, "{e}");
        assert_eq!(
            e.kind,
            ScanErrorKind::Malformed {
                message: "text outside the root element".into(),
                expected: Some("only white space, comments and processing instructions".into()),
            }
        );
        // The same text in element-only content: the warning, then the
        // invalid UTF-8.
        let head = "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody><EventList><ObjectEvent><bizLocation><!--c-->";
        let mut doc = format!("{head}\u{FEFF} stray").into_bytes();
        doc.push(0xEB);
        let (t, e) = check(&doc, Limits::default());
        assert_eq!(e.kind, ScanErrorKind::InvalidUtf8, "{e}");
        assert!(
            t.contains(&format!(
                "finding xml.unexpected_text Position {{ offset: {0}, line: 1, column: {1} }}",
                head.len(),
                head.len() + 1
            )),
            "{t}"
        );
        // In a value, a U+FEFF after a comment starts a token of its own
        // (`ab`, then `\u{FEFF}cd`): a text too long is reported at that
        // token's start, also when a piece starts at the U+FEFF (after the
        // first 1024 bytes, read at once).
        let pad = "x".repeat(1024);
        let head = format!("{head}</bizLocation><!--{pad}--><action>ab<!---->");
        let doc = format!("{head}\u{FEFF}cd</action>");
        let limits = Limits {
            max_text_len: 5,
            ..Limits::default()
        };
        let (_, e) = check(doc.as_bytes(), limits);
        assert_eq!(e.pos.offset, head.len() as u64, "{e}");
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
    }
}
