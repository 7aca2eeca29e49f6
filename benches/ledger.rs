//! Serial-number ledger throughput: `cargo bench --bench ledger`.
//!
//! Messages are built directly (`Operation` / `Item`, keys as
//! [`serial_key`](epcstream::ledger::serial_key) writes them), not parsed
//! from EPCIS, except in `epcis_shipment`. SGTIN serials are randomised as
//! pharma serials are (item *i* gets serial *i*·736481927193 mod 10¹²), so
//! one message's serials land anywhere in the key space.
//!
//! * `commission_fjall`: one message of 100 000 SGTIN serials commissioned
//!   through [`Ledger::apply`] on the durable store
//!   ([`epcstream::ledger::open`]: fjall, every commit synced), under
//!   `target/ledger-bench/`; each iteration commissions 100 000 new
//!   serials into the same store (it grows by 100 000 per iteration);
//! * `commission_mem`: the same on [`MemStore`], for reference;
//! * `aggregate_fjall`: one message aggregating 100 000 items into 1 000
//!   cases (1 000 operations of 100 items), then one aggregating the 1 000
//!   cases into 10 pallets; elements: children aggregated (101 000);
//! * `ship_fjall`: one message shipping 10 pallets (a sale), each with its
//!   subtree of 100 cases × 100 items; elements: serials shipped (101 010);
//! * `status_fjall`: 10 000 [`Ledger::status`] lookups of random
//!   commissioned serials in a store of 1 M;
//! * `epcis_shipment`: a generated ESM Shipment document
//!   ([`epcstream::r#gen::generate`], 100 000 EPC references, seed 1)
//!   applied end to end (scanned, every EPC keyed, applied) by
//!   [`epcstream::ledger::epcis::apply_document`] to a fresh durable store;
//!   elements: transitions.
//!
//! The untimed set-up of each iteration (commissioning and aggregating
//! what will be aggregated or shipped, a fresh store) is outside the
//! measurement (`iter_custom`).
//!
//! Two groups: `ledger/*` measures wall-clock time, `ledger_cpu/*` the
//! process's CPU time, every thread (fjall's flush and compaction threads
//! included; throughput in M elements per CPU-second), which stays
//! meaningful on a machine shared with other jobs.
//! `cargo bench --bench ledger -- ledger/` runs the first only. Goal
//! (issue 5 item 8): commission ≥ 1 M transitions/s, durable, batched per
//! message. 10 samples per benchmark, one iteration each (flat sampling).
//! Figures, the time per serial and the memory curve
//! (`examples/ledger_fill.rs`): benches/ledger.md.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::measurement::Measurement;
use criterion::{Criterion, SamplingMode, Throughput, black_box, criterion_group, criterion_main};
use epcstream::epcis::{Position, ScanOptions, scan_slice};
use epcstream::ledger::{self, Item, Ledger, MemStore, Message, OpKind, Operation, ShipmentKind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as the CLI

/// Serials per commission message.
const BATCH: u64 = 100_000;
/// Event times: increasing per message; "now" far after.
const T0: i64 = 1_600_000_000;
const SITE: &str = "urn:epc:id:sgln:0614141.00001.0";

/// The `i`-th SGTIN item (randomised serial), as `serial_key` keys it.
fn item(i: u64) -> Item {
    let serial = i.wrapping_mul(736_481_927_193) % 1_000_000_000_000;
    Item::new(
        format!("(01)80614141123458(21){serial}"),
        format!("urn:epc:id:sgtin:0614141.812345.{serial}"),
    )
}

/// The `i`-th SSCC container.
fn sscc(i: u64) -> Item {
    // Not check-digit correct: the ledger keys what it is given.
    Item::new(
        format!("(00)10614141{i:09}0"),
        format!("urn:epc:id:sscc:0614141.1{i:09}"),
    )
}

fn op(kind: OpKind, items: Vec<Item>, t: i64) -> Operation {
    Operation {
        kind,
        items,
        time: Some(t),
        location: Some(SITE.to_owned()),
        reason: None,
        pos: Position::default(),
        path: String::new(),
    }
}

fn message(doc: u64, operations: Vec<Operation>) -> Message {
    Message {
        document: Some(format!("bench-{doc}")),
        operations,
        invalid: Vec::new(),
    }
}

/// Counters making every serial, container and document new.
static NEXT_ITEM: AtomicU64 = AtomicU64::new(1);
static NEXT_SSCC: AtomicU64 = AtomicU64::new(1);
static NEXT_DOC: AtomicU64 = AtomicU64::new(1);

fn take(c: &AtomicU64, n: u64) -> std::ops::Range<u64> {
    let s = c.fetch_add(n, Ordering::Relaxed);
    s..s + n
}

fn apply_ok(l: &Ledger, m: &Message) -> u64 {
    let a = l.apply(m).expect("store");
    assert!(
        a.applied,
        "{:?}",
        &a.rejections[..a.rejections.len().min(3)]
    );
    a.transitions
}

/// A commission message of `n` new items (and their keys).
fn commission_message(n: u64) -> Message {
    let t = T0 + NEXT_DOC.load(Ordering::Relaxed) as i64;
    let items = take(&NEXT_ITEM, n).map(item).collect();
    message(
        NEXT_DOC.fetch_add(1, Ordering::Relaxed),
        vec![op(OpKind::Commission, items, t)],
    )
}

fn bench_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/ledger-bench")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn durable(name: &str) -> Ledger {
    ledger::open(&bench_dir(name))
        .expect("open the store")
        .with_now(T0 + 1_000_000_000)
}

fn mem() -> Ledger {
    Ledger::new(Box::new(MemStore::new())).with_now(T0 + 1_000_000_000)
}

/// Commissions `cases` cases of `per_case` new items each, and `pallets`
/// pallets; with `nest`, aggregates them (items into cases, cases into
/// pallets, `cases / pallets` per pallet). Returns (cases, pallets).
fn hierarchy(
    l: &Ledger,
    cases: u64,
    per_case: u64,
    pallets: u64,
    nest: bool,
) -> (Vec<(Item, Vec<Item>)>, Vec<Item>) {
    let t = T0 + take(&NEXT_DOC, 0).start as i64;
    let case_list: Vec<(Item, Vec<Item>)> = take(&NEXT_SSCC, cases)
        .map(|c| (sscc(c), take(&NEXT_ITEM, per_case).map(item).collect()))
        .collect();
    let pallet_list: Vec<Item> = take(&NEXT_SSCC, pallets).map(sscc).collect();
    let mut all: Vec<Item> = case_list
        .iter()
        .flat_map(|(c, kids)| std::iter::once(c.clone()).chain(kids.iter().cloned()))
        .collect();
    all.extend(pallet_list.iter().cloned());
    let doc = NEXT_DOC.fetch_add(1, Ordering::Relaxed);
    apply_ok(l, &message(doc, vec![op(OpKind::Commission, all, t)]));
    if nest {
        let (a, b) = aggregate_messages(&case_list, &pallet_list, t + 1);
        apply_ok(l, &a);
        apply_ok(l, &b);
    }
    (case_list, pallet_list)
}

/// Items into their cases (one operation per case), then cases into
/// pallets: two messages.
fn aggregate_messages(cases: &[(Item, Vec<Item>)], pallets: &[Item], t: i64) -> (Message, Message) {
    let into_cases = cases
        .iter()
        .map(|(c, kids)| op(OpKind::Aggregate { parent: c.clone() }, kids.clone(), t))
        .collect();
    let per_pallet = cases.len().div_ceil(pallets.len().max(1)).max(1);
    let into_pallets = cases
        .chunks(per_pallet)
        .zip(pallets)
        .map(|(cs, p)| {
            let kids = cs.iter().map(|(c, _)| c.clone()).collect();
            op(OpKind::Aggregate { parent: p.clone() }, kids, t + 1)
        })
        .collect();
    let d = take(&NEXT_DOC, 2).start;
    (message(d, into_cases), message(d + 1, into_pallets))
}

/// Times `work` after an untimed `setup`, once per iteration.
fn timed<M: Measurement, S>(
    m: &M,
    iters: u64,
    mut setup: impl FnMut() -> S,
    mut work: impl FnMut(S),
) -> M::Value {
    let mut total = m.zero();
    for _ in 0..iters {
        let s = setup();
        let start = m.start();
        work(s);
        total = m.add(&total, &m.end(start));
    }
    total
}

fn group<'c, M: Measurement>(
    c: &'c mut Criterion<M>,
    name: &str,
) -> criterion::BenchmarkGroup<'c, M> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g
}

fn run_group<M: Measurement>(c: &mut Criterion<M>, name: &str, m: M) {
    let mut g = group(c, name);
    g.throughput(Throughput::Elements(BATCH));
    let fj = durable(&format!("{name}-commission"));
    g.bench_function("commission_fjall", |b| {
        b.iter_custom(|n| {
            timed(
                &m,
                n,
                || commission_message(BATCH),
                |msg| {
                    black_box(apply_ok(&fj, &msg));
                },
            )
        })
    });
    drop(fj);
    let ml = mem();
    g.bench_function("commission_mem", |b| {
        b.iter_custom(|n| {
            timed(
                &m,
                n,
                || commission_message(BATCH),
                |msg| {
                    black_box(apply_ok(&ml, &msg));
                },
            )
        })
    });
    drop(ml);

    // Aggregation: 1 000 cases × 100 items, then 10 pallets × 100 cases.
    let fj = durable(&format!("{name}-aggregate"));
    g.throughput(Throughput::Elements(101_000));
    g.bench_function("aggregate_fjall", |b| {
        b.iter_custom(|n| {
            timed(
                &m,
                n,
                || {
                    let (cases, pallets) = hierarchy(&fj, 1000, 100, 10, false);
                    aggregate_messages(&cases, &pallets, T0 + take(&NEXT_DOC, 0).start as i64)
                },
                |(a, p)| {
                    black_box(apply_ok(&fj, &a) + apply_ok(&fj, &p));
                },
            )
        })
    });
    drop(fj);

    // Shipping 10 pallets with their subtrees.
    let fj = durable(&format!("{name}-ship"));
    g.throughput(Throughput::Elements(101_010));
    g.bench_function("ship_fjall", |b| {
        b.iter_custom(|n| {
            timed(
                &m,
                n,
                || {
                    let (_, pallets) = hierarchy(&fj, 1000, 100, 10, true);
                    let t = T0 + take(&NEXT_DOC, 0).start as i64 + 10;
                    let ship = op(OpKind::Ship(ShipmentKind::Sale), pallets, t);
                    message(NEXT_DOC.fetch_add(1, Ordering::Relaxed), vec![ship])
                },
                |msg| {
                    let shipped = apply_ok(&fj, &msg);
                    assert_eq!(shipped, 101_010);
                },
            )
        })
    });
    drop(fj);

    // Status lookups in a store of 1 M serials.
    let fj = durable(&format!("{name}-status"));
    let first = NEXT_ITEM.load(Ordering::Relaxed);
    for _ in 0..10 {
        apply_ok(&fj, &commission_message(BATCH));
    }
    let keys: Vec<String> = (0..10_000u64)
        .map(|i| item(first + (i * 7_919_993) % (10 * BATCH)).key)
        .collect();
    g.throughput(Throughput::Elements(keys.len() as u64));
    g.bench_function("status_fjall", |b| {
        b.iter(|| {
            for k in &keys {
                black_box(fj.status(k).expect("store").expect("known serial"));
            }
        })
    });
    drop(fj);

    // A generated EPCIS shipment document, end to end, on a fresh store.
    let mut doc = Vec::new();
    let opts = epcstream::r#gen::GenOptions {
        epcs: 100_000,
        seed: 1,
        ..Default::default()
    };
    epcstream::r#gen::generate(&opts, &mut doc).expect("generate");
    let apply_doc = |l: &Ledger| {
        let (a, r) = ledger::epcis::apply_document(l, true, &mut |f| {
            scan_slice(&doc, &ScanOptions::default(), f)
        })
        .expect("store");
        r.expect("scan");
        assert!(
            a.applied,
            "{:?}",
            &a.rejections[..a.rejections.len().min(3)]
        );
        a.transitions
    };
    let transitions = apply_doc(&ledger::open(&bench_dir("epcis-probe")).expect("open"));
    g.throughput(Throughput::Elements(transitions));
    let mut round = 0;
    g.bench_function("epcis_shipment", |b| {
        b.iter_custom(|n| {
            timed(
                &m,
                n,
                || {
                    round += 1;
                    ledger::open(&bench_dir(&format!("{name}-epcis-{}", round % 2))).expect("open")
                },
                |l| {
                    black_box(apply_doc(&l));
                },
            )
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(bench_dir(""));
}

/// Wall clock: what a user waits.
fn bench_wall(c: &mut Criterion) {
    run_group(c, "ledger", criterion::measurement::WallTime);
}

/// CPU time of the whole process (every thread).
fn bench_cpu(c: &mut Criterion<cpu::CpuTime>) {
    run_group(c, "ledger_cpu", cpu::CpuTime);
}

/// A criterion [`Measurement`] of the process's CPU time: the sum of
/// every thread's time on a CPU (`/proc/self/task/*/schedstat`, ns), as in
/// benches/scan.rs. fjall's background threads (flush, compaction) are
/// counted; threads that exited during a measurement are not.
#[path = "common/cpu.rs"]
mod cpu;

criterion_group!(wall, bench_wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(cpu::CpuTime);
    targets = bench_cpu
}
criterion_main!(wall, cpu_time);
