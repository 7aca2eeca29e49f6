//! Receiver-rule validation throughput: `cargo bench --bench validate`.
//!
//! One multi-message document of at least 100 MB (`r#gen::generate` with
//! `Message::Mixed`, pretty layout, 1.5 M EPC references, seed 1: an ESM
//! Shipment whose commission, aggregation and shipping events come with
//! decommission and destroy events carrying `tl:` extension blocks,
//! business parties in the US, India and Russia, locations and business
//! transactions, so every receiver rule path runs) is generated in memory
//! once; every benchmark scans all of it on one thread and reports bytes
//! per second:
//!
//! * `scan`: `scan_slice` into a counting sink, no validation;
//! * `scan_gs1`: `scan_slice` through a `Validator` (the GS1 rules: every
//!   EPC parsed by the EPC core, every event checked against CBV 1.2);
//! * `scan_gs1_receiver`: `scan_slice` through `Validator::checked` over a
//!   `som::Checker` (GS1 rules and the receiver's Class 1 and 2 rules of
//!   ESM Shipment, the message inferred from the events, as `epcstream
//!   validate` does without `--message`).
//!
//! Line and column tracking is off, as in `epcstream validate` on files.
//! The goal (issue: receiver rules): `scan_gs1_receiver` keeps at least
//! 70 % of `scan`'s throughput.
//!
//! Two groups, as in `benches/scan.rs`: `validate/*` measures wall-clock
//! time, `validate_cpu/*` the process's CPU time (throughput in MB per
//! CPU-second, meaningful on a shared machine). `cargo bench --bench
//! validate -- validate_cpu/` runs the second only. 10 samples each.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::measurement::Measurement;
use criterion::{Criterion, SamplingMode, Throughput, black_box, criterion_group, criterion_main};
use epcstream::epcis::{EpcRef, Event, EventStart, Finding, Flow, ScanOptions, Sink, scan_slice};
use epcstream::r#gen::{GenOptions, Layout, Message, generate};
use epcstream::som::{Checker, Config, Report, Violation};
use epcstream::validate::Validator;
use std::sync::OnceLock;
use std::time::Duration;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as the CLI

/// EPC references in the document: about 120 MB in the pretty layout.
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

/// Counts the checker's violations.
#[derive(Default)]
struct Violations(u64);

impl Report for Violations {
    fn violation(&mut self, _: &Violation<'_>) -> Flow {
        self.0 += 1;
        Flow::Continue
    }
}

fn options() -> ScanOptions {
    ScanOptions {
        track_lines: false,
        threads: 1,
        ..ScanOptions::default()
    }
}

fn scan(doc: &[u8]) -> Count {
    let mut sink = Count::default();
    scan_slice(doc, &options(), &mut sink).expect("scan");
    sink
}

fn scan_gs1(doc: &[u8]) -> Count {
    let mut sink = Validator::new(Count::default());
    scan_slice(doc, &options(), &mut sink).expect("scan");
    sink.into_inner()
}

/// The checker's configuration: built-in lookups, no product master, the
/// message inferred.
fn config() -> &'static Config {
    static C: OnceLock<Config> = OnceLock::new();
    C.get_or_init(Config::default)
}

/// (violations, events, EPCs) of the receiver check.
fn scan_gs1_receiver(doc: &[u8]) -> (u64, u64, u64) {
    let mut sink = Validator::checked(Checker::new(config(), Violations::default()));
    scan_slice(doc, &options(), &mut sink).expect("scan");
    let (found, verdict) = sink.into_inner().finish();
    (found.0, verdict.events, verdict.epcs)
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
            message: Message::Mixed,
        };
        let mut doc = Vec::with_capacity(MIN_BYTES + (MIN_BYTES >> 1));
        let stats = generate(&gen_opts, &mut doc).expect("generate");
        assert!(
            doc.len() >= MIN_BYTES,
            "document of {} bytes, want ≥ {MIN_BYTES}",
            doc.len()
        );
        // Every path sees the whole document, and nothing is wrong in it.
        let plain = scan(&doc);
        assert_eq!((plain.epcs, plain.events), (stats.epcs, stats.events));
        let gs1 = scan_gs1(&doc);
        assert_eq!(
            (gs1.epcs, gs1.events, gs1.findings),
            (stats.epcs, stats.events, 0)
        );
        assert_eq!(
            scan_gs1_receiver(&doc),
            (0, stats.events, stats.epcs),
            "receiver check"
        );
        eprintln!(
            "validate bench input: {} bytes, {} events, {} EPC references, message mixed",
            doc.len(),
            stats.events,
            stats.epcs,
        );
        doc
    })
}

type Path = fn(&[u8]) -> u64;

/// The benchmarked paths, in report order.
const PATHS: [(&str, Path); 3] = [
    ("scan", |d| scan(d).epcs),
    ("scan_gs1", |d| scan_gs1(d).epcs),
    ("scan_gs1_receiver", |d| scan_gs1_receiver(d).2),
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
    run_group(c, "validate", Duration::from_secs(10));
}

/// CPU time of the whole process: bytes per CPU-second.
fn bench_cpu(c: &mut Criterion<cpu::CpuTime>) {
    run_group(c, "validate_cpu", Duration::from_secs(5));
}

/// A criterion [`Measurement`] of the process's CPU time (the sum of every
/// thread's time on a CPU, `/proc/self/task/*/schedstat`), as in
/// `benches/scan.rs`.
#[path = "common/cpu.rs"]
mod cpu;

criterion_group!(wall, bench_wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(cpu::CpuTime);
    targets = bench_cpu
}
criterion_main!(wall, cpu_time);
