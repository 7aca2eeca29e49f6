//! Scanning one large document, or many, on every core.
//!
//! # One document
//!
//! 1. Chunk 0, the prologue, is scanned sequentially, piece by piece, up
//!    to the first cut (see 2) after 64 KiB (or `chunk_size`, if smaller)
//!    where the machine is between two events inside `EventList` (the
//!    whole document if it never is). Its state there (namespace context,
//!    "inside `EventList`") is what every following chunk starts from. It
//!    is short because nothing runs in parallel meanwhile.
//! 2. The rest is cut into chunks of about `chunk_size` bytes, each just
//!    before an `ObjectEvent`, `AggregationEvent`, `TransactionEvent` or
//!    `QuantityEvent` start tag (prefixed or not), found with memmem.
//!    Towards the end they get smaller (a quarter of what is left per
//!    thread, down to an eighth of `chunk_size`), so that the threads run
//!    out of work together.
//! 3. Each chunk's event start tags (those four plus `TransformationEvent`
//!    and `AssociationEvent`) and newlines are counted first, so every
//!    chunk knows the index of its first event and its first line.
//! 4. The chunks are scanned on rayon's pool, each from a copy of the
//!    prologue's state ([`Machine::resume_at`]), about twice as many
//!    chunks as threads in flight at a time; their sinks are handed to
//!    `consume` in document order on the calling thread as soon as they
//!    are done (a new chunk starts as each one is consumed: no barrier),
//!    so memory stays bounded.
//! 5. A chunk is trusted only when the chunk before it ended exactly
//!    between two events, inside `EventList`, having seen exactly the
//!    events its pre-count promised. A cut in a comment, a CDATA section,
//!    an attribute value or an extension fails that check: the scan then
//!    goes on sequentially from where the failing chunk's own machine got
//!    to (its output so far is right: it started from a trusted state),
//!    until it is again between two events at a cut, and goes parallel
//!    again from there. Parallel output is therefore always the
//!    sequential output, item for item, errors included. The chunk that
//!    went on sequentially keeps its sink up to that point, past its
//!    planned end.
//!
//! The few warnings the scanner gives once per document
//! ([`ONCE_RULES`](super::input::ONCE_RULES)) are hidden in every chunk
//! but the first one; a chunk that was the first to give one is scanned
//! again with the right set hidden (at most once per rule and document).

use super::input::{self, Charset, ONCE_RULES, Opened, Tap, count_newlines};
use super::reader::Fed;
use super::{Machine, Position, ScanError, ScanErrorKind, ScanOptions, ScanSummary, Sink};
use memchr::memmem;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

/// Where a chunk of a document is, given to the sink factory of
/// [`scan_parallel`] and [`scan_files`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChunkInfo {
    /// 0-based, in document order; consecutive.
    pub index: usize,
    /// The bytes the chunk was planned to cover (chunk 0 starts at 0: its
    /// sink also gets the header). When the scan had to go on
    /// sequentially from this chunk (see the [module docs](super)), its sink
    /// gets the items past `range.end` up to the next cut too.
    pub range: Range<usize>,
    /// Index of the chunk's first event in the document.
    pub base_event: u64,
    /// Line of `range.start` (1-based; 0 when line tracking is off).
    pub base_line: u32,
}

/// Sequential continuations after which a document is finished
/// sequentially (each one wastes the chunks in flight).
const MAX_RESYNCS: usize = 16;

/// Every `ONCE_RULES` bit.
const ALL_ONCE: u8 = (1 << ONCE_RULES.len()) - 1;

/// Event types a chunk may start with (the others live under
/// `EventList/extension`).
const CUT_KINDS: [&[u8]; 4] = [b"Object", b"Aggregation", b"Transaction", b"Quantity"];
/// Event types counted.
const ALL_KINDS: [&[u8]; 6] = [
    b"Object",
    b"Aggregation",
    b"Transaction",
    b"Quantity",
    b"Transformation",
    b"Association",
];

/// If the `Event` at `h` ends the name of an event start tag
/// (`<ObjectEvent`, `<x:ObjectEvent`, followed by `>`, `/` or white
/// space) of one of `kinds`, where its `<` is.
fn tag_start(input: &[u8], h: usize, kinds: &[&[u8]]) -> Option<usize> {
    let after = *input.get(h + 5)?;
    if !matches!(after, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n') {
        return None;
    }
    let before = input.get(..h)?;
    let kind = kinds.iter().find(|k| before.ends_with(k))?;
    let name = h - kind.len();
    match *input.get(name.checked_sub(1)?)? {
        b'<' => Some(name - 1),
        b':' => {
            // A prefix: name characters back to `<`.
            let colon = name - 1;
            let from = colon.saturating_sub(256);
            let lt = memchr::memrchr(b'<', input.get(from..colon)?)? + from;
            let prefix = input.get(lt + 1..colon)?;
            let ok = !prefix.is_empty()
                && prefix.iter().all(|&b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80
                });
            ok.then_some(lt)
        }
        _ => None,
    }
}

/// The first event start tag of `CUT_KINDS` at or after `from`.
fn next_cut(finder: &memmem::Finder<'_>, input: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let h = at + finder.find(input.get(at..)?)?;
        if let Some(lt) = tag_start(input, h, &CUT_KINDS) {
            if lt >= from {
                return Some(lt);
            }
        }
        at = h + 1;
    }
}

/// Event start tags (`ALL_KINDS`) whose `<` is in `range`.
///
/// Every byte of the document goes through this before it is scanned, on
/// the thread that plans the chunks: it looks for `E` with memchr and
/// checks for `Event` there (a third of the instructions of a memmem of
/// `Event`, which was 3.5 % of a two-thread scan's).
fn count_events(input: &[u8], range: Range<usize>) -> u64 {
    let Some(bytes) = input.get(range.clone()) else {
        return 0;
    };
    let mut n = 0;
    for i in memchr::memchr_iter(b'E', bytes) {
        let h = range.start + i;
        if bytes.get(i..i + 5) == Some(b"Event")
            && tag_start(input, h, &ALL_KINDS).is_some_and(|lt| lt >= range.start)
        {
            n += 1;
        }
    }
    n
}

/// Where rayon work runs.
enum Pool {
    Global,
    Local(rayon::ThreadPool),
}

impl Pool {
    /// The pool `options.threads` asks for, and its size; `None` for one
    /// thread.
    fn new(options: &ScanOptions) -> Option<(Pool, usize)> {
        match options.threads {
            1 => None,
            0 => {
                let n = rayon::current_num_threads();
                (n > 1).then_some((Pool::Global, n))
            }
            n => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .ok()
                .map(|p| (Pool::Local(p), n)),
        }
    }
    fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self {
            Pool::Global => f(),
            Pool::Local(p) => p.install(f),
        }
    }
    /// A scope whose body runs on the calling thread and whose spawned
    /// jobs run on the pool (the body may wait for them).
    fn in_place_scope<'s, R>(&self, f: impl FnOnce(&rayon::Scope<'s>) -> R) -> R {
        match self {
            Pool::Global => rayon::in_place_scope(f),
            Pool::Local(p) => p.in_place_scope(f),
        }
    }
}

/// Line bookkeeping at an offset: its line and the offset its line starts
/// at.
#[derive(Clone, Copy, Debug)]
struct LineAt {
    line: u32,
    start: u64,
}

impl LineAt {
    /// Advanced over `bytes`, which start at absolute offset `base`.
    fn over(self, bytes: &[u8], base: usize, track: bool) -> LineAt {
        if !track {
            return self;
        }
        let n = count_newlines(bytes);
        if n == 0 {
            return self;
        }
        LineAt {
            line: self.line.saturating_add(n.min(u64::from(u32::MAX)) as u32),
            start: memchr::memrchr(b'\n', bytes).map_or(self.start, |i| (base + i + 1) as u64),
        }
    }
    fn pos(self, offset: usize, track: bool) -> Position {
        if !track {
            return Position {
                offset: offset as u64,
                line: 0,
                column: 0,
            };
        }
        Position {
            offset: offset as u64,
            line: self.line,
            column: ((offset as u64).saturating_sub(self.start) + 1).min(u64::from(u32::MAX))
                as u32,
        }
    }
}

/// Whether `m` is between two events inside `EventList` (not past the
/// document's end, where `at_event_boundary` holds too).
fn inside_event_list(m: &Machine<'_>) -> bool {
    struct Nothing;
    impl Sink for Nothing {}
    // `finish` succeeds only once the root element is closed.
    m.at_event_boundary() && m.clone().finish(&mut Nothing).is_err()
}

/// UTF-8 text of `bytes`, up to the first invalid byte (and its offset).
fn text_of(bytes: &[u8]) -> (&str, Option<usize>) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let n = e.valid_up_to();
            let t = std::str::from_utf8(bytes.get(..n).unwrap_or_default()).unwrap_or_default();
            (t, Some(n))
        }
    }
}

/// A chunk to scan.
struct Job {
    info: ChunkInfo,
    /// Line at `info.range.start`.
    line: LineAt,
    /// Pre-counted events.
    pre: u64,
    last: bool,
    suppress: u8,
}

/// How a chunk's scan ended.
enum Outcome {
    /// Consumed, between two events, with the pre-counted events seen.
    Boundary,
    /// Anything else that is not an error: the machine consumed this many
    /// bytes and is still good; the sequential scan goes on from there.
    Mismatch(usize),
    Stopped,
    Failed(ScanError),
    Finished(ScanSummary),
}

struct Done<'a, S> {
    job: Job,
    tap: Tap<S>,
    machine: Option<Machine<'a>>,
    outcome: Outcome,
    /// The state the chunk started from.
    template: Arc<Machine<'a>>,
}

/// What the sequential continuation of a chunk came to.
enum Resumed<'a> {
    /// Between two events again, at this cut.
    At(usize, Box<Machine<'a>>),
    /// The end of the scan: a summary or an error.
    End(Result<ScanSummary, ScanError>),
}

/// Scans one document in parallel (see the module docs).
struct Driver<'a, 'o, F> {
    input: &'a [u8],
    options: &'o ScanOptions,
    make_sink: &'o F,
    finder: memmem::Finder<'static>,
    chunk: usize,
    window: usize,
    threads: usize,
    track: bool,
}

/// The prologue (chunk 0, scanned before anything runs in parallel) ends
/// at the first cut after this many bytes (or `chunk_size`, if smaller).
const PROLOGUE: usize = 64 << 10;

impl<'a, F> Driver<'a, '_, F> {
    /// The end of a chunk starting at `start`, at the first cut after
    /// `size` bytes.
    fn cut_after(&self, start: usize, size: usize) -> usize {
        let nominal = start.saturating_add(size.max(1));
        if nominal >= self.input.len() {
            return self.input.len();
        }
        next_cut(&self.finder, self.input, nominal).unwrap_or(self.input.len())
    }

    /// The end of a chunk of the parallel part starting at `start`: about
    /// `chunk_size` bytes, less towards the end of the input (a quarter of
    /// what is left per thread, down to an eighth of `chunk_size`), so that
    /// the threads run out of work at about the same time.
    fn chunk_end(&self, start: usize) -> usize {
        let left = self.input.len().saturating_sub(start);
        let floor = (self.chunk / 8).max(PROLOGUE).min(self.chunk);
        let size = (left / (2 * self.threads.max(1))).clamp(floor, self.chunk);
        self.cut_after(start, size)
    }

    fn new_tap<S>(&self, info: &ChunkInfo, suppress: u8) -> Tap<S>
    where
        F: Fn(&ChunkInfo) -> S,
    {
        let mut t = Tap::new((self.make_sink)(info));
        t.suppress = suppress;
        t
    }

    fn utf8_error(&self, from: usize, line: LineAt, at: usize) -> ScanError {
        let line = line.over(
            self.input.get(from..at).unwrap_or_default(),
            from,
            self.track,
        );
        ScanError {
            kind: ScanErrorKind::InvalidUtf8,
            pos: line.pos(at, self.track),
            path: String::new(),
        }
    }

    /// Scans one chunk from a state between two events in `EventList`.
    fn run_job<S: Sink>(&self, template: &Arc<Machine<'a>>, job: Job) -> Done<'a, S>
    where
        F: Fn(&ChunkInfo) -> S,
    {
        let mut tap = self.new_tap(&job.info, job.suppress);
        let start = job.info.range.start;
        let mut m: Machine<'a> =
            template.resume_at(job.info.base_event, job.line.pos(start, self.track));
        let (text, bad) = text_of(
            self.input
                .get(start..job.info.range.end)
                .unwrap_or_default(),
        );
        let last = job.last && bad.is_none();
        let (machine, outcome) = match m.feed(text, start as u64, last, &mut tap) {
            Err(e) => (Some(m), Outcome::Failed(e)),
            Ok(Fed::Stopped) => (Some(m), Outcome::Stopped),
            Ok(Fed::Consumed(n)) => {
                if let Some(k) = bad {
                    let e = self.utf8_error(start, job.line, start + k);
                    (Some(m), Outcome::Failed(e))
                } else if last {
                    match m.finish(&mut tap) {
                        Ok(s) => (None, Outcome::Finished(s)),
                        Err(e) => (None, Outcome::Failed(e)),
                    }
                } else if n == text.len()
                    && m.events().checked_sub(job.info.base_event) == Some(job.pre)
                    && inside_event_list(&m)
                {
                    (Some(m), Outcome::Boundary)
                } else {
                    (Some(m), Outcome::Mismatch(n))
                }
            }
        };
        Done {
            job,
            tap,
            machine,
            outcome,
            template: Arc::clone(template),
        }
    }

    /// Goes on sequentially with a chunk's machine from `from`, piece by
    /// piece (cut before event start tags), until it is between two events
    /// again at the end of a piece, or at the end of the document.
    ///
    /// The first piece ends at the first cut after `first` bytes, the
    /// next ones after `chunk_size` bytes.
    /// With `resync` false, it goes on to the end of the document. A token
    /// longer than a piece makes the next piece twice as long (so a huge
    /// comment costs a linear, not quadratic, amount of re-scanning).
    fn resume<S: Sink>(
        &self,
        mut m: Machine<'a>,
        tap: &mut Tap<S>,
        mut from: usize,
        (origin, line): (usize, LineAt),
        resync: bool,
        first: usize,
    ) -> Resumed<'a> {
        let input = self.input;
        let len = input.len();
        let mut hint = from.saturating_add(first.max(1));
        loop {
            let end = if hint >= len {
                len
            } else {
                next_cut(&self.finder, input, hint).unwrap_or(len)
            };
            let (text, bad) = text_of(input.get(from..end).unwrap_or_default());
            let last = end == len && bad.is_none();
            match m.feed(text, from as u64, last, tap) {
                Err(e) => return Resumed::End(Err(e)),
                Ok(Fed::Stopped) => {
                    return Resumed::End(Ok(ScanSummary {
                        bytes: len as u64,
                        events: m.events(),
                        epcs: 0,
                        stopped: true,
                    }));
                }
                Ok(Fed::Consumed(n)) => {
                    if let Some(k) = bad {
                        return Resumed::End(Err(self.utf8_error(origin, line, from + k)));
                    }
                    if last {
                        return Resumed::End(m.finish(tap));
                    }
                    if resync && n == text.len() && inside_event_list(&m) {
                        return Resumed::At(end, Box::new(m));
                    }
                    from += n;
                    let carried = end - from;
                    hint = from
                        .saturating_add(self.chunk.max(carried.saturating_mul(2)))
                        .max(end + 1);
                }
            }
        }
    }

    /// The whole input, sequentially, into one sink.
    fn sequential<S: Sink, C>(&self, consume: &mut C) -> Result<ScanSummary, ScanError>
    where
        F: Fn(&ChunkInfo) -> S,
        C: FnMut(S) -> Result<(), ScanError>,
    {
        let info = ChunkInfo {
            index: 0,
            range: 0..self.input.len(),
            base_event: 0,
            base_line: u32::from(self.track),
        };
        let mut tap = self.new_tap(&info, 0);
        let r = input::scan_slice_tap(self.input, self.options, &mut tap);
        consume(tap.inner)?;
        r
    }

    fn run<S, C>(&self, pool: &Pool, consume: &mut C) -> Result<ScanSummary, ScanError>
    where
        S: Sink + Send,
        F: Fn(&ChunkInfo) -> S + Sync,
        C: FnMut(S) -> Result<(), ScanError>,
    {
        let input = self.input;
        let track = self.track;
        let head = input.get(..1024).unwrap_or(input);
        if !matches!(input::sniff(head, self.options), Ok(Charset::Utf8)) {
            return self.sequential(consume);
        }
        // (a, b) Chunk 0, the prologue: sequential up to the first cut
        // after `PROLOGUE` bytes where the machine is between two events
        // in `EventList` (the whole document, if it never is). Short: the
        // other threads wait for it.
        let first = self.chunk.min(PROLOGUE);
        let info0 = ChunkInfo {
            index: 0,
            range: 0..self.cut_after(0, first),
            base_event: 0,
            base_line: u32::from(track),
        };
        let mut tap = self.new_tap(&info0, 0);
        let line0 = LineAt { line: 1, start: 0 };
        let resumed = self.resume(
            Machine::new(self.options),
            &mut tap,
            0,
            (0, line0),
            true,
            first,
        );
        let seen = tap.once_seen;
        let epcs = tap.epcs;
        consume(tap.inner)?;
        let (next, template) = match resumed {
            Resumed::End(r) => return r.map(|s| ScanSummary { epcs, ..s }),
            Resumed::At(cut, m) => (cut, *m),
        };
        let plan = Plan {
            next,
            index: 1,
            first_event: template.events(),
            line: line0.over(input.get(..next).unwrap_or_default(), 0, track),
            template: Arc::new(template),
        };
        // The generation of the jobs in flight: a chunk that fails its
        // check makes the ones after it stale (they are skipped if they
        // have not started, dropped if they have).
        let generation = AtomicUsize::new(0);
        pool.in_place_scope(|scope| {
            self.pipeline(scope, pool, &generation, plan, (seen, epcs), consume)
        })
    }

    /// (c–g) The chunks after the prologue, `window` of them in flight:
    /// each planned (pre-counted) here, scanned on the pool, its sink
    /// consumed here in document order as soon as it and all before it are
    /// done, while the next ones run (no barrier between windows).
    fn pipeline<'s, S, C>(
        &'s self,
        scope: &rayon::Scope<'s>,
        pool: &Pool,
        generation: &'s AtomicUsize,
        mut plan: Plan<'a>,
        (mut seen, mut epcs): (u8, u64),
        consume: &mut C,
    ) -> Result<ScanSummary, ScanError>
    where
        'a: 's,
        S: Sink + Send + 's,
        F: Fn(&ChunkInfo) -> S + Sync,
        C: FnMut(S) -> Result<(), ScanError>,
    {
        let input = self.input;
        let len = input.len();
        let track = self.track;
        let (tx, rx) = mpsc::channel::<Finished<'a, S>>();
        // Results that came before the one awaited, by sequence number.
        let mut early: BTreeMap<usize, Option<std::thread::Result<Done<'a, S>>>> = BTreeMap::new();
        let mut spawned = 0usize;
        let mut want = 0usize;
        let mut resyncs = 0usize;
        // Ends the scan: jobs not started yet are skipped.
        let stop = |r: Result<ScanSummary, ScanError>| {
            generation.fetch_add(1, Ordering::Relaxed);
            r
        };
        loop {
            // (c, d) Plan, pre-count and start chunks up to the window.
            while spawned - want < self.window && plan.next < len {
                let r = plan.next..self.chunk_end(plan.next);
                let bytes = input.get(r.clone()).unwrap_or_default();
                let pre = count_events(input, r.clone());
                let job = Job {
                    info: ChunkInfo {
                        index: plan.index,
                        range: r.clone(),
                        base_event: plan.first_event,
                        base_line: if track { plan.line.line } else { 0 },
                    },
                    line: plan.line,
                    pre,
                    last: r.end == len,
                    suppress: ALL_ONCE,
                };
                plan.index += 1;
                plan.first_event += pre;
                plan.line = plan.line.over(bytes, r.start, track);
                plan.next = r.end;
                let (tx, template, seq) = (tx.clone(), Arc::clone(&plan.template), spawned);
                let gen_now = generation.load(Ordering::Relaxed);
                scope.spawn(move |_| {
                    let done = (generation.load(Ordering::Relaxed) == gen_now).then(|| {
                        std::panic::catch_unwind(AssertUnwindSafe(|| self.run_job(&template, job)))
                    });
                    // The receiver is gone only when the scan ended.
                    let _ = tx.send((seq, done));
                });
                spawned += 1;
            }
            if spawned == want {
                // Never: the last chunk ends the scan.
                return stop(Err(ScanError {
                    kind: ScanErrorKind::Io("internal: no chunk left to scan".into()),
                    pos: plan.line.pos(plan.next, track),
                    path: String::new(),
                }));
            }
            // (e) The next chunk in document order.
            let done = loop {
                if let Some(d) = early.remove(&want) {
                    break d;
                }
                match recv(&rx, pool) {
                    Some((seq, d)) if seq >= want => {
                        early.insert(seq, d);
                    }
                    Some(_) => {} // stale
                    None => break None,
                }
            };
            want += 1;
            let mut done = match done {
                Some(Ok(d)) => d,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => {
                    // Never: only stale jobs are skipped.
                    return stop(Err(ScanError {
                        kind: ScanErrorKind::Io("internal: chunk skipped".into()),
                        pos: plan.line.pos(plan.next, track),
                        path: String::new(),
                    }));
                }
            };
            // (f, g) Check and consume.
            if done.tap.once_seen & !seen != 0 {
                // The first chunk to give a once-per-document warning:
                // again, showing it.
                #[cfg(test)]
                tests::RESCANS.with(|c| c.set(c.get() + 1));
                let mut job = done.job;
                job.suppress = seen;
                done = self.run_job(&done.template, job);
            }
            seen |= done.tap.once_seen;
            let Done {
                job,
                mut tap,
                machine,
                outcome,
                template: _,
            } = done;
            match outcome {
                Outcome::Boundary => {
                    epcs += tap.epcs;
                    if let Err(e) = consume(tap.inner) {
                        return stop(Err(e));
                    }
                }
                Outcome::Finished(s) => {
                    epcs += tap.epcs;
                    consume(tap.inner)?;
                    return stop(Ok(ScanSummary { epcs, ..s }));
                }
                Outcome::Failed(e) => {
                    let r = consume(tap.inner);
                    return stop(r.and(Err(e)));
                }
                Outcome::Stopped => {
                    epcs += tap.epcs;
                    let events = machine.map_or(job.info.base_event, |m| m.events());
                    let r = consume(tap.inner).map(|()| ScanSummary {
                        bytes: len as u64,
                        events,
                        epcs,
                        stopped: true,
                    });
                    return stop(r);
                }
                Outcome::Mismatch(n) => {
                    #[cfg(test)]
                    tests::RESYNCS.with(|c| c.set(c.get() + 1));
                    // The chunks after this one started from a wrong state.
                    generation.fetch_add(1, Ordering::Relaxed);
                    want = spawned;
                    early.clear();
                    let start = job.info.range.start;
                    // What the chunk gave so far is checked; from here
                    // on, hide exactly what earlier chunks gave.
                    tap.suppress = seen;
                    let resumed = match machine {
                        Some(m) => {
                            // A document that keeps defeating the cuts
                            // is finished sequentially.
                            resyncs += 1;
                            let resync = resyncs <= MAX_RESYNCS;
                            self.resume(
                                m,
                                &mut tap,
                                start + n,
                                (start, job.line),
                                resync,
                                self.chunk,
                            )
                        }
                        // Never: only `Finished` gives the machine up.
                        None => Resumed::End(Err(ScanError {
                            kind: ScanErrorKind::Io("internal: chunk state lost".into()),
                            pos: job.line.pos(start, track),
                            path: String::new(),
                        })),
                    };
                    seen |= tap.once_seen;
                    epcs += tap.epcs;
                    if let Err(e) = consume(tap.inner) {
                        return stop(Err(e));
                    }
                    match resumed {
                        Resumed::End(r) => return stop(r.map(|s| ScanSummary { epcs, ..s })),
                        Resumed::At(cut, m) => {
                            // Parallel again from the cut, from there.
                            plan = Plan {
                                next: cut,
                                index: job.info.index + 1,
                                first_event: m.events(),
                                line: job.line.over(
                                    input.get(start..cut).unwrap_or_default(),
                                    start,
                                    track,
                                ),
                                template: Arc::new(*m),
                            };
                        }
                    }
                }
            }
        }
    }
}

/// Where the planning of chunks is: the next chunk's start, index, first
/// event and line, and the state every chunk starts from.
struct Plan<'a> {
    next: usize,
    index: usize,
    first_event: u64,
    line: LineAt,
    template: Arc<Machine<'a>>,
}

/// A chunk's job as it comes back: its sequence number, and its result
/// (`None`: skipped, being stale; `Err`: it panicked).
type Finished<'a, S> = (usize, Option<std::thread::Result<Done<'a, S>>>);

/// The next finished job. A rayon worker waiting here (a scan started
/// from inside the global pool) runs other jobs meanwhile, the chunks'
/// among them, instead of blocking.
fn recv<T>(rx: &mpsc::Receiver<T>, pool: &Pool) -> Option<T> {
    if matches!(pool, Pool::Local(_)) || rayon::current_thread_index().is_none() {
        return rx.recv().ok();
    }
    loop {
        match rx.try_recv() {
            Ok(v) => return Some(v),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) => {
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
            }
        }
    }
}

/// The pool and its size, with the chunk size and window it implies.
fn driver<'a, 'o, F>(
    input: &'a [u8],
    options: &'o ScanOptions,
    make_sink: &'o F,
    threads: usize,
) -> Driver<'a, 'o, F> {
    Driver {
        input,
        options,
        make_sink,
        finder: memmem::Finder::new(b"Event").into_owned(),
        chunk: options.chunk_size.max(1),
        window: 2 * threads.max(1),
        threads: threads.max(1),
        track: options.track_lines,
    }
}

fn scan_parallel_in<S, F, C>(
    input: &[u8],
    options: &ScanOptions,
    pool: Option<&(Pool, usize)>,
    make_sink: &F,
    consume: &mut C,
) -> Result<ScanSummary, ScanError>
where
    S: Sink + Send,
    F: Fn(&ChunkInfo) -> S + Sync,
    C: FnMut(S) -> Result<(), ScanError>,
{
    let threads = pool.map_or(1, |p| p.1);
    let d = driver(input, options, make_sink, threads);
    match pool {
        Some((pool, _)) if input.len() >= d.chunk.saturating_mul(2) => d.run(pool, consume),
        _ => d.sequential(consume),
    }
}

/// Scans one document held in memory (a memory-mapped file, typically) on
/// rayon's pool, cut into chunks at event boundaries (see the
/// [module docs](super) for how, and why the output is always the
/// sequential scan's, item for item).
///
/// `make_sink` makes the sink of each chunk (on a pool thread); `consume`
/// receives the sinks in document order, on the calling thread, each as
/// soon as its chunk and all before it are done (about twice as many
/// chunks as threads are in flight; the calling thread waits for them, or,
/// when it is a worker of rayon's global pool, runs pool jobs meanwhile):
/// each sink holds the
/// items of its chunk, in order, so consuming them in turn gives the
/// document's items in order. Sinks are made for chunks that may be
/// dropped unconsumed (when a chunk has to be scanned again): `make_sink`
/// must not have side effects that matter.
///
/// Small inputs (under twice [`ScanOptions::chunk_size`]), `threads == 1`,
/// inputs without an `EventList` or not in UTF-8 are scanned sequentially
/// into one sink (chunk 0, the whole input).
///
/// On a well-formedness error, the sinks of everything before it are
/// consumed, then the error is returned (as [`scan_slice`](super::scan_slice)
/// reports everything before it). An error from `consume` ends the scan
/// and is returned. The summary is the sequential scan's (`bytes` is the
/// input's length when a sink stopped the scan).
///
/// ```
/// use epcstream::epcis::{scan_parallel, ChunkInfo, EpcRef, EventStart, Flow, ScanOptions, Sink};
///
/// #[derive(Default)]
/// struct Epcs(Vec<String>);
/// impl Sink for Epcs {
///     fn epc(&mut self, _: &EventStart, epc: &EpcRef<'_>) -> Flow {
///         self.0.push(epc.value.as_str().to_owned());
///         Flow::Continue
///     }
/// }
/// let mut doc = String::from(r#"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1"><EPCISBody><EventList>"#);
/// for i in 0..1000 {
///     doc += &format!("<ObjectEvent><epcList><epc>urn:epc:id:sgtin:0614141.812345.{i}</epc></epcList></ObjectEvent>\n");
/// }
/// doc += "</EventList></EPCISBody></epcis:EPCISDocument>";
/// let options = ScanOptions { chunk_size: 4096, threads: 2, ..ScanOptions::default() };
/// let mut all = Vec::new();
/// let summary = scan_parallel(doc.as_bytes(), &options, |_: &ChunkInfo| Epcs::default(), |s| {
///     all.extend(s.0);
///     Ok(())
/// })?;
/// assert_eq!(summary.epcs, 1000);
/// assert_eq!(all[999], "urn:epc:id:sgtin:0614141.812345.999");
/// # Ok::<(), epcstream::epcis::ScanError>(())
/// ```
pub fn scan_parallel<S, F, C>(
    input: &[u8],
    options: &ScanOptions,
    make_sink: F,
    mut consume: C,
) -> Result<ScanSummary, ScanError>
where
    S: Sink + Send,
    F: Fn(&ChunkInfo) -> S + Sync,
    C: FnMut(S) -> Result<(), ScanError>,
{
    let pool = Pool::new(options);
    scan_parallel_in(input, options, pool.as_ref(), &make_sink, &mut consume)
}

/// Scans files on every core, handing the sinks to `consume` in argument
/// order (the file's index, then the sink), and returns each file's
/// outcome, in order.
///
/// * A regular file of at least twice [`ScanOptions::chunk_size`] is
///   memory-mapped and scanned with [`scan_parallel`] (its sinks come one
///   chunk at a time).
/// * Smaller files, and files that cannot be mapped (pipes, devices such as
///   `/dev/stdin`), are scanned whole, several at a time on the pool, each
///   into one sink (chunk 0, `range` the file's length, `0..0` for a
///   stream), as [`scan_file`](super::scan_file) does. A
///   stream's sink holds its whole output: for an unbounded stream use
///   [`scan_read`](super::scan_read) with a sink that writes as it goes.
/// * A file that cannot be opened gets no sink, and its error in the
///   result. A sink's `Stop` ends that file's scan only. An error from
///   `consume` ends everything and is returned as the outer error.
///
/// The CLI's `-` (stdin) is not handled here: use
/// [`scan_read`](super::scan_read) on `std::io::stdin().lock()`.
pub fn scan_files<P, S, F, C>(
    paths: &[P],
    options: &ScanOptions,
    make_sink: F,
    mut consume: C,
) -> Result<Vec<Result<ScanSummary, ScanError>>, ScanError>
where
    P: AsRef<Path> + Sync,
    S: Sink + Send,
    F: Fn(usize, &ChunkInfo) -> S + Sync,
    C: FnMut(usize, S) -> Result<(), ScanError>,
{
    let pool = Pool::new(options);
    let threads = pool.as_ref().map_or(1, |p| p.1);
    let big = options.chunk_size.max(1).saturating_mul(2);
    let mut results = Vec::with_capacity(paths.len());
    let mut i = 0;
    while i < paths.len() {
        // A batch of files scanned whole, ended by a large file.
        let mut batch: Vec<(usize, Result<Opened, ScanError>)> = Vec::new();
        let mut large: Option<(usize, memmap2::Mmap)> = None;
        while i < paths.len() && batch.len() < 2 * threads {
            let opened = input::open(paths[i].as_ref());
            i += 1;
            match opened {
                Ok(Opened::Mapped(m)) if pool.is_some() && m.len() >= big => {
                    large = Some((i - 1, m));
                    break;
                }
                o => batch.push((i - 1, o)),
            }
        }
        let scan_one = |(k, opened): (usize, Result<Opened, ScanError>)| {
            let opened = match opened {
                Ok(o) => o,
                Err(e) => return (k, None, Err(e)),
            };
            let len = match &opened {
                Opened::Mapped(m) => m.len(),
                Opened::Read(_) => 0,
            };
            let info = ChunkInfo {
                index: 0,
                range: 0..len,
                base_event: 0,
                base_line: u32::from(options.track_lines),
            };
            let mut tap = Tap::new(make_sink(k, &info));
            let r = match opened {
                Opened::Mapped(m) => input::scan_slice_tap(&m, options, &mut tap),
                Opened::Read(f) => input::scan_read_tap(f, options, &mut tap),
            };
            (k, Some(tap.inner), r)
        };
        let done: Vec<_> = match &pool {
            Some((p, _)) if batch.len() > 1 => {
                p.run(|| batch.into_par_iter().map(scan_one).collect())
            }
            _ => batch.into_iter().map(scan_one).collect(),
        };
        for (k, sink, r) in done {
            if let Some(s) = sink {
                consume(k, s)?;
            }
            results.push(r);
        }
        if let Some((k, m)) = large {
            let mut failed: Option<ScanError> = None;
            let mut each = |s: S| consume(k, s).inspect_err(|e| failed = Some(e.clone()));
            let r = scan_parallel_in(
                &m,
                options,
                pool.as_ref(),
                &|c: &ChunkInfo| make_sink(k, c),
                &mut each,
            );
            if let Some(e) = failed {
                return Err(e);
            }
            results.push(r);
        }
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epcis::input::tests::Trace;
    use crate::epcis::{EpcRef, Event, EventStart, Finding, Flow, Header, VocabularyElement};
    use crate::epcis::{scan_file, scan_slice};
    use std::cell::Cell;
    use std::fmt::Write;

    thread_local! {
        /// Sequential continuations after a chunk failed its check.
        pub(super) static RESYNCS: Cell<usize> = const { Cell::new(0) };
        /// Chunks scanned again for a once-per-document warning.
        pub(super) static RESCANS: Cell<usize> = const { Cell::new(0) };
    }

    /// A chunk's trace with its `ChunkInfo`; stops at `stop_at` (an EPC).
    struct Rec {
        info: ChunkInfo,
        t: Trace,
        stop_at: Option<&'static str>,
    }

    impl Sink for Rec {
        fn header(&mut self, h: &Header<'_>) -> Flow {
            self.t.header(h)
        }
        fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
            self.t.vocabulary(v)
        }
        fn event_start(&mut self, e: &EventStart) -> Flow {
            self.t.event_start(e)
        }
        fn epc(&mut self, e: &EventStart, epc: &EpcRef<'_>) -> Flow {
            self.t.epc(e, epc);
            if self.stop_at == Some(epc.value.as_str()) {
                return Flow::Stop;
            }
            Flow::Continue
        }
        fn event(&mut self, e: &Event<'_>) -> Flow {
            self.t.event(e)
        }
        fn finding(&mut self, f: &Finding) -> Flow {
            self.t.finding(f)
        }
    }

    /// An EPCIS document with `n` events: object events with 0..3 EPCs,
    /// aggregation events, a transformation event under
    /// `EventList/extension`, qualified events and an unknown element in
    /// the second half (once-per-document warnings first given late), and
    /// with `fakes`, event start tags in comments and CDATA.
    fn big_doc(n: usize, crlf: bool, fakes: bool) -> String {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut s = String::new();
        let _ = write!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{nl}<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" xmlns:tl=\"http://epcis.tracelink.com/ns\" schemaVersion=\"1.2\" creationDate=\"2024-01-01T00:00:00Z\">{nl}<EPCISHeader><extension><EPCISMasterData><VocabularyList><Vocabulary type=\"urn:epcglobal:epcis:vtype:EPCClass\"><VocabularyElementList><VocabularyElement id=\"urn:epc:idpat:sgtin:0614141.812345.*\"/></VocabularyElementList></Vocabulary></VocabularyList></EPCISMasterData></extension></EPCISHeader>{nl}<EPCISBody>{nl}  <EventList>{nl}"
        );
        for i in 0..n {
            if fakes && i % 17 == 0 {
                let _ = write!(s, "    <!-- <ObjectEvent> {i} -->{nl}");
            }
            if fakes && i % 23 == 0 {
                let _ = write!(s, "    <!-- <epcis:AggregationEvent/> -->{nl}");
            }
            if i == n / 3 {
                let _ = write!(
                    s,
                    "    <extension><TransformationEvent><eventTime>2024-01-01T00:00:00Z</eventTime><inputEPCList><epc>urn:epc:id:sgtin:0614141.812345.t{i}</epc></inputEPCList></TransformationEvent></extension>{nl}"
                );
                continue;
            }
            if i % 11 == 5 {
                let _ = write!(
                    s,
                    "    <AggregationEvent>{nl}      <eventTime>2024-01-01T00:00:00Z</eventTime><parentID>urn:epc:id:sscc:0614141.{i:010}</parentID>{nl}      <childEPCs><epc>urn:epc:id:sgtin:0614141.812345.c{i}</epc></childEPCs><action>ADD</action>{nl}    </AggregationEvent>{nl}"
                );
                continue;
            }
            let tag = if i > n / 2 && i % 3 == 0 {
                "epcis:ObjectEvent"
            } else {
                "ObjectEvent"
            };
            let _ = write!(
                s,
                "    <{tag}>{nl}      <eventTime>2024-01-01T00:00:00Z</eventTime>{nl}      <epcList>{nl}"
            );
            for j in 0..i % 4 {
                let _ = write!(
                    s,
                    "        <epc>urn:epc:id:sgtin:0614141.812345.{i}x{j}</epc>{nl}"
                );
            }
            let _ = write!(s, "      </epcList>{nl}      <action>ADD</action>{nl}");
            if i > 2 * n / 3 && i % 13 == 0 {
                let _ = write!(s, "      <madeUp/>{nl}");
            }
            if fakes && i % 19 == 0 {
                let _ = write!(
                    s,
                    "      <tl:note><![CDATA[{nl}<ObjectEvent>{nl}]]></tl:note>{nl}"
                );
            }
            let _ = write!(s, "    </{tag}>{nl}");
        }
        let _ = write!(
            s,
            "  </EventList>{nl}</EPCISBody>{nl}</epcis:EPCISDocument>{nl}"
        );
        s
    }

    fn seq(
        input: &[u8],
        stop_at: Option<&'static str>,
    ) -> (String, Result<ScanSummary, ScanError>) {
        let mut r = Rec {
            info: ChunkInfo {
                index: 0,
                range: 0..input.len(),
                base_event: 0,
                base_line: 1,
            },
            t: Trace::default(),
            stop_at,
        };
        let res = scan_slice(input, &ScanOptions::default(), &mut r);
        (r.t.0, res)
    }

    fn par(
        input: &[u8],
        chunk_size: usize,
        threads: usize,
        stop_at: Option<&'static str>,
    ) -> (String, Result<ScanSummary, ScanError>, usize) {
        let opts = ScanOptions {
            chunk_size,
            threads,
            ..ScanOptions::default()
        };
        let mut out = String::new();
        let mut chunks = 0usize;
        let r = scan_parallel(
            input,
            &opts,
            |info| Rec {
                info: info.clone(),
                t: Trace::default(),
                stop_at,
            },
            |rec| {
                assert_eq!(rec.info.index, chunks, "chunks in order");
                chunks += 1;
                // A chunk after the first starts with its first event, on
                // its first line.
                if rec.info.index > 0 {
                    if let Some(first) = rec.t.0.lines().next() {
                        if first.starts_with("start") {
                            let want = format!(
                                "start ObjectEvent {} Position {{ offset: {}, line: {},",
                                rec.info.base_event, rec.info.range.start, rec.info.base_line
                            );
                            let want_q = want.replace("ObjectEvent", "AggregationEvent");
                            let want_t = want.replace("ObjectEvent", "TransactionEvent");
                            assert!(
                                first.starts_with(&want)
                                    || first.starts_with(&want_q)
                                    || first.starts_with(&want_t),
                                "{first} / {:?}",
                                rec.info
                            );
                        }
                    }
                }
                out.push_str(&rec.t.0);
                Ok(())
            },
        );
        (out, r, chunks)
    }

    fn check_same(
        input: &[u8],
        chunk_size: usize,
        threads: usize,
        stop_at: Option<&'static str>,
    ) -> usize {
        let (want, r) = seq(input, stop_at);
        let (got, r2, chunks) = par(input, chunk_size, threads, stop_at);
        assert_eq!(r2, r, "chunk {chunk_size} threads {threads}");
        if got != want {
            let at = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "chunk {chunk_size} threads {threads}: line {at}: {:?} != {:?}",
                got.lines().nth(at),
                want.lines().nth(at)
            );
        }
        chunks
    }

    #[test]
    fn parallel_equals_sequential() {
        for crlf in [false, true] {
            let d = big_doc(3000, crlf, false);
            let (t, r) = seq(d.as_bytes(), None);
            let s = r.unwrap();
            assert_eq!(s.events, 3000);
            assert!(t.contains("finding xml.qualified_body"), "{t}");
            assert!(t.contains("finding xml.unknown_element"));
            for (chunk, threads) in [(256, 2), (777, 3), (4096, 2), (1 << 20, 2)] {
                RESYNCS.with(|c| c.set(0));
                let chunks = check_same(d.as_bytes(), chunk, threads, None);
                assert_eq!(RESYNCS.with(Cell::get), 0, "no fake cut");
                if chunk < 1 << 20 {
                    assert!(chunks > 10, "{chunks}");
                } else {
                    assert_eq!(chunks, 1);
                }
            }
        }
        // Once-per-document warnings first given in a later chunk.
        RESCANS.with(|c| c.set(0));
        check_same(big_doc(3000, false, false).as_bytes(), 256, 2, None);
        assert_eq!(RESCANS.with(Cell::get), 2);
    }

    #[test]
    fn a_scan_started_inside_a_pool_gives_the_same_output() {
        // The calling thread is a pool worker: it runs jobs while it waits
        // for its chunks, and two scans share the pool.
        let d = big_doc(3000, false, true);
        let (want, r) = seq(d.as_bytes(), None);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let ((a, ra, na), (b, rb, nb)) = pool.install(|| {
            rayon::join(
                || par(d.as_bytes(), 1000, 0, None),
                || par(d.as_bytes(), 777, 0, None),
            )
        });
        assert!(na > 10 && nb > 10, "{na} {nb}");
        assert_eq!((ra, rb), (r.clone(), r));
        assert!(a == want && b == want);
    }

    #[test]
    fn fake_boundaries_fall_back_and_give_the_same_output() {
        let d = big_doc(2000, false, true);
        RESYNCS.with(|c| c.set(0));
        for chunk in [200, 256, 1000, 3000] {
            check_same(d.as_bytes(), chunk, 2, None);
        }
        assert!(
            RESYNCS.with(Cell::get) > 0,
            "the fakes made some chunk fail"
        );
    }

    #[test]
    fn a_huge_token_costs_linear_time() {
        let d = big_doc(600, false, false);
        let at = d.match_indices("    <ObjectEvent>").nth(300).unwrap().0;
        // 3 MB of candidate cuts, none of them real.
        let comment = format!("<!-- {} -->\n", "<ObjectEvent> ".repeat(220_000));
        let d = format!("{}{comment}{}", &d[..at], &d[at..]);
        let t = std::time::Instant::now();
        RESYNCS.with(|c| c.set(0));
        check_same(d.as_bytes(), 4096, 2, None);
        assert!(RESYNCS.with(Cell::get) > 0);
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    #[test]
    fn errors_and_stops_are_the_sequential_ones() {
        let d = big_doc(1500, false, false);
        // Truncated.
        let cut = &d.as_bytes()[..d.len() * 2 / 3];
        check_same(cut, 256, 2, None);
        // Malformed in the middle.
        let nth = |s: &str, pat: &str, n: usize, with: &str| {
            let (at, _) = s.match_indices(pat).nth(n).unwrap();
            format!("{}{with}{}", &s[..at], &s[at + pat.len()..])
        };
        let bad = nth(&d, "</epcList>", 700, "</epcLis>");
        check_same(bad.as_bytes(), 256, 2, None);
        let at = bad.find("</epcLis>").unwrap_or(0);
        assert!(at > bad.len() / 3);
        // `<` in an attribute value.
        let attr = nth(
            &d,
            "<action>ADD</action>",
            600,
            "<tl:x a=\"<ObjectEvent>\"/><action>ADD</action>",
        );
        check_same(attr.as_bytes(), 256, 2, None);
        // Invalid UTF-8 in the middle.
        let mut b = d.clone().into_bytes();
        let mid = d[d.len() / 2..].find("<epc>").unwrap() + d.len() / 2 + 7;
        b[mid] = 0xC3;
        let (_, r) = seq(&b, None);
        assert_eq!(r.as_ref().unwrap_err().kind, ScanErrorKind::InvalidUtf8);
        check_same(&b, 256, 2, None);
        // A sink stopping on an EPC in the middle.
        check_same(
            d.as_bytes(),
            256,
            2,
            Some("urn:epc:id:sgtin:0614141.812345.1002x1"),
        );
        let (_, r) = seq(d.as_bytes(), Some("urn:epc:id:sgtin:0614141.812345.1002x1"));
        assert!(r.unwrap().stopped);
        // Not an EPCIS document, no events, other encodings.
        check_same(&b"<a/>".repeat(300), 256, 2, None);
        let no_events = d
            .replace("<ObjectEvent>", "<Object>")
            .replace("</ObjectEvent>", "</Object>");
        check_same(no_events.as_bytes(), 256, 2, None);
        let latin = d.replace("UTF-8", "windows-1252");
        check_same(latin.as_bytes(), 256, 2, None);
    }

    #[test]
    fn many_files_in_argument_order() {
        let dir = std::env::temp_dir().join(format!("epcstream-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths = Vec::new();
        for (k, n) in [40usize, 2000, 3, 0, 500, 1].into_iter().enumerate() {
            let p = dir.join(format!("{k}.xml"));
            let doc = if n == 0 {
                String::new()
            } else {
                big_doc(n, k % 2 == 0, k == 4)
            };
            std::fs::write(&p, doc).unwrap();
            paths.push(p);
        }
        paths.insert(2, dir.join("missing.xml"));
        let opts = ScanOptions {
            chunk_size: 4096,
            threads: 2,
            ..ScanOptions::default()
        };
        let mut outs: Vec<String> = vec![String::new(); paths.len()];
        let mut order = Vec::new();
        let results = scan_files(
            &paths,
            &opts,
            |_, info| Rec {
                info: info.clone(),
                t: Trace::default(),
                stop_at: None,
            },
            |k, rec| {
                order.push(k);
                outs[k].push_str(&rec.t.0);
                Ok(())
            },
        )
        .unwrap();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert_eq!(results.len(), paths.len());
        for (k, p) in paths.iter().enumerate() {
            let mut t = Trace::default();
            let r = scan_file(p, &ScanOptions::default(), &mut t);
            match (&r, &results[k]) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(a), Err(b)) => assert_eq!(a.kind, b.kind),
                (a, b) => panic!("{k}: {a:?} != {b:?}"),
            }
            assert!(outs[k] == t.0, "file {k}");
        }
        assert!(matches!(
            results[2].as_ref().unwrap_err().kind,
            ScanErrorKind::Io(_)
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
