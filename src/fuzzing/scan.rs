//! Checks of the EPCIS scanner on arbitrary bytes: the fuzz targets
//! `scan_bytes` (slice and reader agree; no panic, no hang, output
//! proportional to the input) and `scan_parallel_eq` (parallel equals
//! sequential).
//!
//! Both record everything the scanner and the [`Validator`] report in a
//! [`Trace`]: one line per item with every field and position, so two
//! scans that differ in anything give different traces.

use crate::epcis::{
    ChunkInfo, EpcRef, Event, EventStart, ExtNode, Finding, Flow, Header, Limits, Position,
    ScanError, ScanOptions, ScanSummary, Sink, Value, VocabularyElement, scan_parallel, scan_read,
    scan_slice,
};
use crate::validate::{EpcStats, Validator};
use std::borrow::Cow;
use std::fmt::Write;
use std::io::{self, Read};

/// Inputs longer than this are ignored by the scan targets.
pub const SCAN_MAX_INPUT: usize = 256 << 10;

/// A trace may hold at most this many bytes per input byte, plus
/// [`TRACE_SLACK`], not counting finding paths and extension namespaces.
/// Those two are repeated by design (a finding's path names up to 16 open
/// elements; every extension node names its namespace): each is checked
/// against the limits on its own (`max_name_len`). Everything else of an
/// item comes from the item's own bytes, plus a constant: the densest
/// output per input byte is an empty event (`<ObjectEvent/>`, 14 bytes),
/// its start, the event and five `event.required` / `event.empty`
/// findings with their messages (≈ 700 bytes without paths). The bound
/// catches output that grows faster than the input (a value copied once
/// per later item), not a constant factor.
pub const TRACE_RATIO: usize = 128;
/// See [`TRACE_RATIO`]: the header, the summary, the first findings.
pub const TRACE_SLACK: usize = 16 << 10;

/// The limits the scan targets run with: small, so that hostile inputs
/// reach them (the defaults allow 1 MiB texts and 256 levels).
pub fn fuzz_limits() -> Limits {
    Limits {
        max_depth: 64,
        max_attributes: 32,
        max_name_len: 256,
        max_text_len: 64 << 10,
        max_event_bytes: 1 << 20,
        max_event_items: 1024,
    }
}

/// When a [`Trace`] asks the scanner to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopAt {
    /// Never.
    Never,
    /// At the n-th item (0-based) of any kind: the same item in two scans
    /// that report the same items.
    Item(u64),
    /// At the start of the event with this index: the same item however
    /// the input is cut into chunks.
    EventStart(u64),
    /// At the end of the event with this index.
    EventEnd(u64),
}

/// A sink that writes every item, with every field and position, as one
/// line of text; it may stop the scan ([`StopAt`]).
#[derive(Clone, Debug)]
pub struct Trace {
    /// The lines so far.
    pub text: String,
    /// Items seen.
    pub items: u64,
    /// Bytes of `text` that are finding paths and extension namespaces.
    pub repeated: usize,
    /// The longest finding path and extension namespace (bytes).
    pub longest: (usize, usize),
    stop: StopAt,
}

impl Trace {
    /// An empty trace.
    pub fn new(stop: StopAt) -> Self {
        Trace {
            text: String::new(),
            items: 0,
            repeated: 0,
            longest: (0, 0),
            stop,
        }
    }

    /// `nodes` (see the free function), counting their namespaces.
    fn nodes(&mut self, list: &str, n: &[ExtNode<'_>]) {
        for node in n {
            let ns = node.namespace.as_deref();
            self.longest.1 = self.longest.1.max(ns.map_or(0, str::len));
            let before = self.text.len();
            let _ = write!(self.text, " {ns:?}");
            self.repeated += self.text.len() - before;
        }
        nodes(&mut self.text, list, n);
    }

    fn flow(&mut self, event: Option<(u64, bool)>) -> Flow {
        let n = self.items;
        self.items += 1;
        let stop = match (self.stop, event) {
            (StopAt::Item(k), _) => n == k,
            (StopAt::EventStart(k), Some((i, true))) => i == k,
            (StopAt::EventEnd(k), Some((i, false))) => i == k,
            _ => false,
        };
        if stop {
            self.text.push_str("STOP\n");
            Flow::Stop
        } else {
            Flow::Continue
        }
    }
}

fn pos(out: &mut String, p: Position) {
    let _ = write!(out, "@{}:{}:{}", p.offset, p.line, p.column);
}

fn value(out: &mut String, name: &str, v: &Value<'_>) {
    let _ = write!(out, " {name}={:?}", v.as_str());
    pos(out, v.pos);
}

fn opt(out: &mut String, name: &str, v: &Option<Value<'_>>) {
    if let Some(v) = v {
        value(out, name, v);
    }
}

fn attrs(out: &mut String, a: &[(Cow<'_, str>, Value<'_>)]) {
    for (k, v) in a {
        value(out, &format!("@{k}"), v);
    }
}

/// Extension nodes (their namespaces written before, by `Trace::nodes`).
fn nodes(out: &mut String, list: &str, n: &[ExtNode<'_>]) {
    for node in n {
        let _ = write!(out, " {list}[{} {:?}", node.depth, node.name.as_ref());
        pos(out, node.pos);
        attrs(out, &node.attributes);
        opt(out, "text", &node.text);
        out.push(']');
    }
}

impl Sink for Trace {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        let t = &mut self.text;
        let _ = write!(
            t,
            "H {:?} {:?} {:?}",
            h.root.as_ref(),
            h.root_namespace.as_deref(),
            h.declared_encoding.as_deref()
        );
        pos(t, h.pos);
        opt(t, "schemaVersion", &h.schema_version);
        opt(t, "creationDate", &h.creation_date);
        for (p, u) in &h.namespaces {
            let _ = write!(t, " xmlns:{:?}={:?}", p.as_ref(), u.as_ref());
        }
        if let Some(s) = &h.sbdh {
            t.push_str(" sbdh");
            pos(t, s.pos);
            opt(t, "version", &s.header_version);
            for (role, parties) in [("sender", &s.senders), ("receiver", &s.receivers)] {
                for p in parties {
                    let _ = write!(t, " {role}[");
                    opt(t, "id", &p.identifier);
                    opt(t, "authority", &p.authority);
                    t.push(']');
                }
            }
            opt(t, "standard", &s.standard);
            opt(t, "typeVersion", &s.type_version);
            opt(t, "instance", &s.instance_identifier);
            opt(t, "type", &s.document_type);
            opt(t, "created", &s.creation_date_and_time);
        }
        t.push('\n');
        self.flow(None)
    }

    fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
        self.text.push('V');
        pos(&mut self.text, v.pos);
        opt(&mut self.text, "type", &v.vocabulary_type);
        opt(&mut self.text, "id", &v.id);
        for a in &v.attributes {
            value(&mut self.text, " attr", &a.id);
            opt(&mut self.text, "value", &a.value);
            self.nodes("node", &a.children);
        }
        for c in &v.children {
            value(&mut self.text, "child", c);
        }
        self.text.push('\n');
        self.flow(None)
    }

    fn event_start(&mut self, e: &EventStart) -> Flow {
        let _ = write!(self.text, "S {} {}", e.index, e.kind);
        pos(&mut self.text, e.pos);
        self.text.push('\n');
        self.flow(Some((e.index, true)))
    }

    fn epc(&mut self, e: &EventStart, r: &EpcRef<'_>) -> Flow {
        let t = &mut self.text;
        let _ = write!(t, "E {} {} {}", e.index, r.field, r.index);
        value(t, "v", &r.value);
        opt(t, "q", &r.quantity);
        opt(t, "uom", &r.uom);
        t.push('\n');
        self.flow(None)
    }

    fn event(&mut self, e: &Event<'_>) -> Flow {
        let t = &mut self.text;
        let _ = write!(
            t,
            "N {} {} lists={:x}",
            e.start.index, e.start.kind, e.lists_present
        );
        pos(t, e.start.pos);
        for (i, c) in e.counts.iter().enumerate() {
            if *c > 0 {
                let _ = write!(t, " n{i}={c}");
            }
        }
        opt(t, "time", &e.event_time);
        opt(t, "record", &e.record_time);
        opt(t, "tz", &e.event_time_zone_offset);
        opt(t, "id", &e.event_id);
        if let Some(d) = &e.error_declaration {
            t.push_str(" error[");
            opt(t, "at", &d.declaration_time);
            opt(t, "reason", &d.reason);
            for c in &d.corrective_event_ids {
                value(t, "corrective", c);
            }
            t.push(']');
        }
        opt(t, "action", &e.action);
        opt(t, "step", &e.biz_step);
        opt(t, "disp", &e.disposition);
        opt(t, "rp", &e.read_point);
        opt(t, "loc", &e.biz_location);
        for b in &e.biz_transactions {
            t.push_str(" btx[");
            opt(t, "type", &b.kind);
            attrs(t, &b.attributes);
            value(t, "v", &b.value);
            t.push(']');
        }
        for (list, sds) in [("src", &e.sources), ("dst", &e.destinations)] {
            for sd in sds {
                let _ = write!(t, " {list}[");
                opt(t, "type", &sd.kind);
                value(t, "v", &sd.value);
                t.push(']');
            }
        }
        opt(t, "xform", &e.transformation_id);
        opt(t, "parent", &e.parent_id);
        self.nodes("ilmd", &e.ilmd);
        self.nodes("ext", &e.extensions);
        self.text.push('\n');
        self.flow(Some((e.start.index, false)))
    }

    fn finding(&mut self, f: &Finding) -> Flow {
        let t = &mut self.text;
        let _ = write!(t, "F {} {} {:?}", f.rule, f.severity.as_str(), f.message);
        pos(t, f.pos);
        let before = t.len();
        let _ = write!(t, " {:?}", f.path);
        self.repeated += t.len() - before;
        self.longest.0 = self.longest.0.max(f.path.len());
        t.push('\n');
        self.flow(None)
    }
}

/// FNV-1a: the options of a scan, derived from the input.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A reader handing out `data` in pieces whose sizes follow `pattern`
/// (cycled): byte `b` gives `Interrupted` when `b % 8 == 0` (the reader
/// must retry), else `1 + b / 8 % 16` bytes, or as much as asked for when
/// `b % 8 == 7`.
struct Dribble<'a> {
    data: &'a [u8],
    pattern: [u8; 8],
    i: usize,
}

impl Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let b = self.pattern[self.i % self.pattern.len()];
        self.i = self.i.wrapping_add(1);
        let n = match b % 8 {
            0 => return Err(io::ErrorKind::Interrupted.into()),
            7 => buf.len(),
            _ => 1 + usize::from(b / 8 % 16),
        };
        let n = n.min(buf.len()).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        buf.get_mut(..n)
            .expect("n <= buf.len()")
            .copy_from_slice(head);
        self.data = rest;
        Ok(n)
    }
}

/// The first line where two traces differ, for a panic message.
fn first_difference(a: &str, b: &str) -> String {
    let mut la = a.lines();
    let mut lb = b.lines();
    for i in 1.. {
        match (la.next(), lb.next()) {
            (None, None) => return "no difference".into(),
            (x, y) if x == y => {}
            (x, y) => return format!("line {i}:\n  {x:?}\n  {y:?}"),
        }
    }
    unreachable!()
}

/// Panics when the two traces differ, naming the first difference.
pub(super) fn assert_same_trace(what: &str, a: &str, b: &str) {
    if a != b {
        panic!(
            "{what}: traces differ at {}\n--- first:\n{a}\n--- second:\n{b}",
            first_difference(a, b)
        );
    }
}

/// Panics when two scan results differ (summaries compared whole, except
/// `bytes` of a stopped scan, which says how far the input had been handed
/// over; errors by kind, position and path).
pub(super) fn assert_same_result(
    what: &str,
    a: &Result<ScanSummary, ScanError>,
    b: &Result<ScanSummary, ScanError>,
) {
    match (a, b) {
        (Ok(x), Ok(y)) if x.stopped && y.stopped => {
            assert_eq!(
                (x.events, x.epcs),
                (y.events, y.epcs),
                "{what}: stopped scans"
            );
        }
        (Ok(x), Ok(y)) => assert_eq!(x, y, "{what}: summaries"),
        (Err(x), Err(y)) => {
            assert_eq!(x.kind, y.kind, "{what}: error kinds ({x} / {y})");
            assert_eq!(x.pos, y.pos, "{what}: error positions ({x} / {y})");
            assert_eq!(x.path, y.path, "{what}: error paths ({x} / {y})");
        }
        (x, y) => panic!("{what}: {x:?} / {y:?}"),
    }
}

/// Fuzz target `scan_bytes`: `data` is a document, scanned with
/// [`scan_slice`] through a [`Validator`] into a [`Trace`] with small
/// limits ([`fuzz_limits`]). Nothing may panic, and the trace stays within
/// [`TRACE_RATIO`] bytes per input byte (plus [`TRACE_SLACK`]). Then the
/// same bytes go through [`scan_read`] from a reader that hands them out in
/// small pieces: the trace, the summary (or the error: kind, position,
/// path) and the EPC counts must be the same.
///
/// The options come from a hash of the first 16 bytes: line tracking (off
/// one time in eight), the reader's buffer size (64 bytes to 64 KiB), the
/// sizes of its reads, and whether the sink stops at some item (one time
/// in four). Returns false for inputs longer than [`SCAN_MAX_INPUT`].
pub fn scan_bytes(data: &[u8]) -> bool {
    if data.len() > SCAN_MAX_INPUT {
        return false;
    }
    let h = fnv(data.get(..16).unwrap_or(data));
    let track_lines = h & 7 != 0;
    let chunk_size = [64, 65, 100, 128, 256, 1000, 4096, 1 << 16][(h >> 3) as usize & 7];
    let stop = if (h >> 6) & 3 == 0 {
        StopAt::Item((h >> 8) % 64)
    } else {
        StopAt::Never
    };
    let options = ScanOptions {
        limits: fuzz_limits(),
        track_lines,
        threads: 1,
        chunk_size,
    };

    let mut slice = Validator::new(Trace::new(stop));
    let from_slice = scan_slice(data, &options, &mut slice);
    let (slice, slice_stats) = slice.into_parts();
    let bound = TRACE_RATIO
        .saturating_mul(data.len())
        .saturating_add(TRACE_SLACK);
    let own = slice.text.len() - slice.repeated;
    assert!(
        own <= bound,
        "{} input bytes gave {own} bytes of trace besides paths and namespaces \
         (more than {TRACE_RATIO} per byte + {TRACE_SLACK})",
        data.len(),
    );
    // A path names at most 16 elements (its two ends) with an index each,
    // and what was left out; a namespace is bounded like a name.
    let max_name = options.limits.max_name_len;
    let (path, namespace) = slice.longest;
    assert!(
        path <= 16 * (max_name + 24) + 32,
        "a finding path of {path} bytes (max_name_len {max_name})"
    );
    assert!(
        namespace <= max_name,
        "an extension namespace of {namespace} bytes (max_name_len {max_name})"
    );

    let reader = Dribble {
        data,
        pattern: (h >> 16 ^ h << 13).to_le_bytes(),
        i: 0,
    };
    let mut read = Validator::new(Trace::new(stop));
    let from_read = scan_read(reader, &options, &mut read);
    let (read, read_stats) = read.into_parts();
    let what = format!("scan_slice / scan_read (chunk_size {chunk_size}, lines {track_lines})");
    assert_same_trace(&what, &slice.text, &read.text);
    assert_same_result(&what, &from_slice, &from_read);
    assert_eq!(slice_stats, read_stats, "{what}: EPC counts");
    true
}

/// `threads` for two threads: 0 (rayon's global pool) once that pool has
/// two threads or more, else 2 (a pool of its own, built per scan: slower,
/// as it starts two threads every time). The first call asks for a global
/// pool of two threads; if another one was built before, it stays.
fn two_threads() -> usize {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build_global();
    });
    if rayon::current_num_threads() >= 2 {
        0
    } else {
        2
    }
}

/// The start of the skeleton `scan_parallel_eq` wraps inputs in: a
/// document, up to inside `EventList`, with a vendor namespace declared.
pub const SKELETON_HEAD: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" ",
    "xmlns:tl=\"http://epcis.tracelink.com/ns\" schemaVersion=\"1.2\" ",
    "creationDate=\"2024-01-01T00:00:00Z\">\n<EPCISBody>\n<EventList>\n"
);
/// The same in the default-namespace variant.
pub const SKELETON_HEAD_DEFAULT_NS: &str = concat!(
    "<EPCISDocument xmlns=\"urn:epcglobal:epcis:xsd:1\" ",
    "xmlns:tl=\"http://epcis.tracelink.com/ns\" schemaVersion=\"1.2\" ",
    "creationDate=\"2024-01-01T00:00:00Z\"><EPCISBody><EventList>"
);
/// The end of the skeleton.
pub const SKELETON_TAIL: &str = "\n</EventList>\n</EPCISBody>\n</epcis:EPCISDocument>\n";
/// The end of the default-namespace skeleton.
pub const SKELETON_TAIL_DEFAULT_NS: &str = "</EventList></EPCISBody></EPCISDocument>";

/// Fuzz target `scan_parallel_eq`: [`scan_parallel`] on two threads with
/// tiny chunks gives exactly what [`scan_slice`] gives: the same trace
/// (every item, finding and position, through a [`Validator`] per chunk),
/// the same summary or error, the same EPC counts.
///
/// `data[0]`: bits 0-1 how the rest is used (0, 1: as it is; 2: inside
/// [`SKELETON_HEAD`] … [`SKELETON_TAIL`]; 3: inside the default-namespace
/// skeleton), bits 2-4 the chunk size (64 to 512 bytes), bit 5 line
/// tracking off, bits 6-7 when the sink stops (0: never; 1, 2: at the
/// start, the end of the event whose index is `data[1] % 32`; 3: at the
/// end of event `data[1] % 4`).
/// `data[1]` is only read for that. Returns false for inputs shorter than
/// two bytes or longer than [`SCAN_MAX_INPUT`].
pub fn scan_parallel_eq(data: &[u8]) -> bool {
    let [ctl, arg, rest @ ..] = data else {
        return false;
    };
    if rest.len() > SCAN_MAX_INPUT {
        return false;
    }
    let doc: Cow<'_, [u8]> = match ctl & 3 {
        2 | 3 => {
            let (head, tail) = if ctl & 3 == 2 {
                (SKELETON_HEAD, SKELETON_TAIL)
            } else {
                (SKELETON_HEAD_DEFAULT_NS, SKELETON_TAIL_DEFAULT_NS)
            };
            let mut v = Vec::with_capacity(head.len() + rest.len() + tail.len());
            v.extend_from_slice(head.as_bytes());
            v.extend_from_slice(rest);
            v.extend_from_slice(tail.as_bytes());
            Cow::Owned(v)
        }
        _ => Cow::Borrowed(rest),
    };
    let chunk_size = 64 * (1 + usize::from(ctl >> 2 & 7));
    let track_lines = ctl & 0x20 == 0;
    let k = u64::from(arg % 32);
    let stop = match ctl >> 6 {
        0 => StopAt::Never,
        1 => StopAt::EventStart(k),
        2 => StopAt::EventEnd(k),
        _ => StopAt::EventEnd(k % 4),
    };
    let options = ScanOptions {
        limits: fuzz_limits(),
        track_lines,
        threads: 1,
        chunk_size,
    };

    let mut seq = Validator::new(Trace::new(stop));
    let sequential = scan_slice(&doc, &options, &mut seq);
    let (seq, seq_stats) = seq.into_parts();

    let par_options = ScanOptions {
        threads: two_threads(),
        ..options
    };
    let mut text = String::new();
    let mut stats = EpcStats::default();
    let mut chunks = 0usize;
    let parallel = scan_parallel(
        &doc,
        &par_options,
        |_: &ChunkInfo| Validator::new(Trace::new(stop)),
        |v| {
            let (t, s) = v.into_parts();
            text.push_str(&t.text);
            stats.merge(&s);
            chunks += 1;
            Ok(())
        },
    );
    let what = format!(
        "scan_slice / scan_parallel (chunk_size {chunk_size}, lines {track_lines}, {chunks} chunks)"
    );
    assert_same_trace(&what, &seq.text, &text);
    assert_same_result(&what, &sequential, &parallel);
    if let (Ok(a), Ok(b)) = (&sequential, &parallel) {
        // Stopped scans too: `bytes` is the input's length for both.
        assert_eq!(a, b, "{what}: summaries");
    }
    assert_eq!(seq_stats, stats, "{what}: EPC counts");
    true
}
