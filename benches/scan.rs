//! EPCIS scan throughput: `cargo bench --bench scan`.
//!
//! One EPC-dense TraceLink-style document of at least 100 MB
//! (`r#gen::generate`, pretty layout, 1.5 M EPC references, seed 1) is
//! generated in memory once; every benchmark scans all of it and reports
//! bytes per second:
//!
//! * `memchr_count_epc`: `memchr::memmem` counting `<epc>`, the ceiling;
//! * `scan`: `scan_slice` into a counting sink, no validation;
//! * `scan_validate_1_thread`: `scan_slice` through a `Validator` (every
//!   EPC parsed by the EPC core, every event checked against CBV 1.2);
//! * `scan_validate_all_threads`: `scan_parallel` with `threads: 0` (one
//!   worker per core), one `Validator` per chunk;
//! * `scan_read_validate`: the streaming-reader path, `scan_read` over a
//!   `std::io::Cursor` in 8 MiB chunks, validated.
//!
//! Line and column tracking is off, as in `epcstream scan`'s summary mode.
//!
//! Two groups: `scan/*` measures wall-clock time (10 s each), `scan_cpu/*`
//! the process's CPU time (5 s of CPU each; throughput in MB per
//! CPU-second), which stays meaningful on a machine shared with other
//! jobs. `cargo bench --bench scan -- scan/` runs the first only.
//! Goals on the reference 2-core machine (issue 3): ≥ 1 GB/s scan+validate
//! on one core, ≥ 1.8× that on two. Sample sizes are small (10 samples,
//! ~10 s each benchmark) so the whole run takes a few minutes.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::measurement::Measurement;
use criterion::{Criterion, SamplingMode, Throughput, black_box, criterion_group, criterion_main};
use epcstream::epcis::{
    EpcRef, Event, EventStart, Finding, Flow, ScanOptions, Sink, scan_parallel, scan_read,
    scan_slice,
};
use epcstream::r#gen::{GenOptions, Layout, generate};
use epcstream::validate::Validator;
use std::io::Cursor;
use std::sync::OnceLock;
use std::time::Duration;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as the CLI

/// EPC references in the document: about 117 MB in the pretty layout.
const EPCS: u64 = 1_500_000;
const MIN_BYTES: usize = 100_000_000;

/// Counts what the scanner (or the validator) hands over.
#[derive(Default)]
struct Count {
    epcs: u64,
    events: u64,
    findings: u64,
}

impl Sink for Count {
    fn epc(&mut self, _: &EventStart, _: &EpcRef<'_>) -> Flow {
        self.epcs += 1;
        Flow::Continue
    }
    fn event(&mut self, _: &Event<'_>) -> Flow {
        self.events += 1;
        Flow::Continue
    }
    fn finding(&mut self, _: &Finding) -> Flow {
        self.findings += 1;
        Flow::Continue
    }
}

impl Count {
    fn add(&mut self, other: &Count) {
        self.epcs += other.epcs;
        self.events += other.events;
        self.findings += other.findings;
    }
}

/// One benchmarked path: the document in, the EPCs it saw out.
type Path = fn(&[u8]) -> u64;

fn options() -> ScanOptions {
    ScanOptions {
        track_lines: false,
        threads: 1,
        ..ScanOptions::default()
    }
}

fn memchr_count(doc: &[u8]) -> u64 {
    memchr::memmem::find_iter(doc, b"<epc>").count() as u64
}

fn scan(doc: &[u8]) -> Count {
    let mut sink = Count::default();
    scan_slice(doc, &options(), &mut sink).expect("scan");
    sink
}

fn scan_validate(doc: &[u8]) -> Count {
    let mut sink = Validator::new(Count::default());
    scan_slice(doc, &options(), &mut sink).expect("scan");
    sink.into_inner()
}

fn scan_validate_parallel(doc: &[u8]) -> Count {
    let opts = ScanOptions {
        threads: 0,
        ..options()
    };
    let mut total = Count::default();
    scan_parallel(
        doc,
        &opts,
        |_| Validator::new(Count::default()),
        |v| {
            total.add(v.inner());
            Ok(())
        },
    )
    .expect("scan");
    total
}

fn scan_read_validate(doc: &[u8]) -> Count {
    let opts = ScanOptions {
        chunk_size: 8 << 20,
        ..options()
    };
    let mut sink = Validator::new(Count::default());
    scan_read(Cursor::new(doc), &opts, &mut sink).expect("scan");
    sink.into_inner()
}

/// The benchmarks' document, generated and checked once.
fn document() -> &'static [u8] {
    static DOC: OnceLock<Vec<u8>> = OnceLock::new();
    DOC.get_or_init(|| {
        let gen_opts = GenOptions {
            epcs: EPCS,
            seed: 1,
            layout: Layout::Pretty,
            invalid_rate: 0.0,
            ..GenOptions::default()
        };
        let mut doc = Vec::with_capacity(MIN_BYTES + (MIN_BYTES >> 2));
        let stats = generate(&gen_opts, &mut doc).expect("generate");
        assert!(
            doc.len() >= MIN_BYTES,
            "document of {} bytes, want ≥ {MIN_BYTES}",
            doc.len()
        );
        // Every path sees the same document: all EPC references, no finding.
        let ceiling = memchr_count(&doc);
        assert!(ceiling > 0 && ceiling < stats.epcs); // `<epc>` only, no `<parentID>`
        let seq = scan(&doc);
        assert_eq!((seq.epcs, seq.events), (stats.epcs, stats.events));
        for (name, count) in [
            ("scan_validate_1_thread", scan_validate(&doc)),
            ("scan_validate_all_threads", scan_validate_parallel(&doc)),
            ("scan_read_validate", scan_read_validate(&doc)),
        ] {
            assert_eq!(
                (count.epcs, count.events, count.findings),
                (stats.epcs, stats.events, 0),
                "{name}"
            );
        }
        eprintln!(
            "scan bench input: {} bytes, {} events, {} EPC references ({ceiling} <epc>), {} threads",
            doc.len(),
            stats.events,
            stats.epcs,
            std::thread::available_parallelism().map_or(1, |n| n.get()),
        );
        doc
    })
}

/// The benchmarked paths, in report order.
const PATHS: [(&str, Path); 5] = [
    ("memchr_count_epc", memchr_count),
    ("scan", |d| scan(d).epcs),
    ("scan_validate_1_thread", |d| scan_validate(d).epcs),
    ("scan_validate_all_threads", |d| {
        scan_validate_parallel(d).epcs
    }),
    ("scan_read_validate", |d| scan_read_validate(d).epcs),
];

fn run_group<M: Measurement>(c: &mut Criterion<M>, name: &str, measure: Duration) {
    let doc = document();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(doc.len() as u64))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(measure);
    for (name, f) in PATHS {
        g.bench_function(name, |b| b.iter(|| f(black_box(doc))));
    }
    g.finish();
}

/// Wall clock: what a user waits.
fn bench_wall(c: &mut Criterion) {
    run_group(c, "scan", Duration::from_secs(10));
}

/// CPU time of the whole process: bytes per CPU-second, which time
/// sharing with other processes does not change (see [`cpu`]).
fn bench_cpu(c: &mut Criterion<cpu::CpuTime>) {
    run_group(c, "scan_cpu", Duration::from_secs(5));
}

/// A criterion [`Measurement`] of the process's CPU time: the sum of
/// every thread's time on a CPU (`/proc/self/task/*/schedstat`, ns;
/// rayon's global pool keeps its threads, so none is lost by exiting).
/// On a machine shared with other jobs, wall-clock throughput drops with
/// the load; throughput per CPU-second does not (cache and memory
/// bandwidth contention aside). For the parallel path it is the work of
/// all threads: 2 × (1-thread CPU time) / (all-threads CPU time) is the
/// speed-up two idle cores would give if the chunks balance.
#[path = "common/cpu.rs"]
mod cpu;

criterion_group!(wall, bench_wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(cpu::CpuTime);
    targets = bench_cpu
}
criterion_main!(wall, cpu_time);
