//! Fills a durable ledger with N serials and reports memory and disk as it
//! grows (issue 5 item 8: memory bounded with 100 M serials).
//!
//! ```sh
//! cargo run --release --example ledger_fill -- 10000000 [dir] \
//!     [--cache-mib 256] [--memtable-mib 64] [--workers 1] [--ingest-min 8192] \
//!     [--every 1000000] [--keep] [--mem]
//! ```
//!
//! Commissions N new SGTIN serials (randomised as pharma serials are, as in
//! benches/ledger.rs) through `Ledger::apply`, in messages of 100 000 (one
//! synced commit each), on `FjallStore` in `dir` (default
//! `target/ledger-fill`, emptied first, deleted at the end unless
//! `--keep`), or on `MemStore` with `--mem`. Every `--every` serials it
//! prints one tab-separated line: serials in the store, wall seconds, the
//! last stretch's rate (transitions per wall second and per CPU second,
//! every thread of the process: fjall's flush and compaction included),
//! RSS (`VmRSS`), peak RSS (`VmHWM`) and the directory's size on disk.

use epcstream::epcis::Position;
use epcstream::ledger::{
    CACHE_BYTES, FjallStore, FjallTuning, Item, Ledger, MemStore, Message, OpKind, Operation,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as the CLI

const BATCH: u64 = 100_000;

/// Nanoseconds every thread of this process has run.
fn cpu_ns() -> u64 {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    dir.flatten()
        .filter_map(|e| std::fs::read_to_string(e.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// A `/proc/self/status` field in MiB.
fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn disk_bytes(p: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(p) else {
        return 0;
    };
    if meta.is_dir() {
        std::fs::read_dir(p)
            .map(|d| d.flatten().map(|e| disk_bytes(&e.path())).sum())
            .unwrap_or(0)
    } else {
        meta.len()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut n: u64 = 10_000_000;
    let mut dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/ledger-fill"));
    let (mut cache, mut tuning) = (CACHE_BYTES, FjallTuning::default());
    let (mut every, mut keep, mut mem) = (1_000_000u64, false, false);
    let mut positional = 0;
    while let Some(a) = args.next() {
        let mut num = || -> Result<u64, Box<dyn std::error::Error>> {
            Ok(args.next().ok_or("a number expected")?.parse()?)
        };
        match a.as_str() {
            "--cache-mib" => cache = num()? << 20,
            "--memtable-mib" => tuning.memtable_bytes = num()? << 20,
            "--workers" => tuning.worker_threads = num()? as usize,
            "--ingest-min" => tuning.ingest_min_writes = num()? as usize,
            "--every" => every = num()?,
            "--keep" => keep = true,
            "--mem" => mem = true,
            _ if positional == 0 => {
                n = a.parse()?;
                positional += 1;
            }
            _ => dir = PathBuf::from(a),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let ledger = if mem {
        Ledger::new(Box::new(MemStore::new()))
    } else {
        let store = FjallStore::open_tuned(&dir, cache, fjall::PersistMode::SyncAll, tuning)?;
        Ledger::new(Box::new(store))
    };
    let ledger = ledger.with_now(4_000_000_000);
    println!(
        "# {} cache {} MiB memtable {} MiB",
        ledger.engine(),
        cache >> 20,
        tuning.memtable_bytes >> 20
    );
    println!("serials\twall_s\trate_wall/s\trate_cpu/s\trss_mib\thwm_mib\tdisk_mib\tload");
    let (start, mut last_t, mut last_cpu, mut last_n) = (Instant::now(), 0.0, cpu_ns(), 0);
    let mut done = 0u64;
    while done < n {
        let take = BATCH.min(n - done);
        let items = (done..done + take)
            .map(|i| {
                let serial = (i + 1).wrapping_mul(736_481_927_193) % 1_000_000_000_000;
                Item::new(
                    format!("(01)80614141123458(21){serial}"),
                    format!("urn:epc:id:sgtin:0614141.812345.{serial}"),
                )
            })
            .collect();
        let msg = Message {
            document: Some(format!("fill-{done}")),
            operations: vec![Operation {
                kind: OpKind::Commission,
                items,
                time: Some(1_600_000_000 + (done / BATCH) as i64),
                location: Some("urn:epc:id:sgln:0614141.00001.0".into()),
                reason: None,
                pos: Position::default(),
                path: String::new(),
            }],
            invalid: Vec::new(),
        };
        let a = ledger.apply(&msg)?;
        if !a.applied {
            return Err(format!("refused: {:?}", a.rejections.first()).into());
        }
        done += take;
        if done % every == 0 || done == n {
            let (t, cpu) = (start.elapsed().as_secs_f64(), cpu_ns());
            let k = (done - last_n) as f64;
            let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
            println!(
                "{done}\t{t:.1}\t{:.0}\t{:.0}\t{:.0}\t{:.0}\t{:.0}\t{}",
                k / (t - last_t),
                k / ((cpu - last_cpu) as f64 / 1e9),
                status_mib("VmRSS:"),
                status_mib("VmHWM:"),
                disk_bytes(&dir) as f64 / 1048576.0,
                load.split_whitespace().next().unwrap_or("?"),
            );
            (last_t, last_cpu, last_n) = (t, cpu, done);
        }
    }
    drop(ledger);
    if !keep {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}
