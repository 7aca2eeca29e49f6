//! The ledger store benchmark: `stores-bench --engine redb --serials 10000000 --dir /tmp/x`.
//! See README.md.

#[cfg(test)]
mod contract_tests;
mod crash;
mod fjall_store;
mod measure;
mod native;
mod redb_store;
mod sqlite_store;
mod workload;

use std::path::{Path, PathBuf};
use std::time::Instant;

use epcstream::ledger::store::{MemStore, ReadFn, Snapshot, Store, StoreError, Table, Tx, WriteFn};

/// Stores nothing: what the workload itself costs (keys, records, calls).
struct NullStore;

impl Snapshot for NullStore {
    fn get_into(&self, _: Table, _: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        out.clear();
        Ok(false)
    }
    fn scan(&self, _: Table, _: &[u8], _: &mut dyn FnMut(&[u8], &[u8]) -> bool) -> Result<(), StoreError> {
        Ok(())
    }
}

impl Tx for NullStore {
    fn put(&mut self, _: Table, _: &[u8], _: &[u8]) -> Result<(), StoreError> {
        Ok(())
    }
    fn delete(&mut self, _: Table, _: &[u8]) -> Result<(), StoreError> {
        Ok(())
    }
}

impl Store for NullStore {
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError> {
        f(&mut NullStore)
    }
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError> {
        f(&NullStore)
    }
    fn engine(&self) -> &'static str {
        "null"
    }
}

pub struct Args {
    pub engine: String,
    pub serials: u64,
    pub batch: u64,
    pub lookups: u64,
    pub dir: PathBuf,
    pub cache_mib: u64,
    pub phases: Vec<String>,
    pub out: Option<PathBuf>,
    pub keep: bool,
    pub crash: Option<u32>,
    pub crash_child: bool,
    pub sorted: bool,
    /// `fjall-ingest-native`: no History rows.
    pub no_history: bool,
    /// fjall's flush and compaction threads (`fjall-ingest-native`).
    pub fjall_workers: usize,
}

const USAGE: &str = "stores-bench --engine mem|redb|fjall|fjall-buffer|sqlite|sqlite-normal|\
redb-native|fjall-native|fjall-ingest-native \
[--serials N=10000000] [--batch N=100000] [--lookups N=1000000] [--dir DIR=/tmp/stores-bench] \
[--cache-mib N=256] [--phases commission,aggregate,ship,lookup] [--out results.tsv] [--keep] \
[--sorted] [--crash TRIALS] [--no-history] [--fjall-workers N=1]";

fn parse() -> Args {
    let mut a = Args {
        engine: String::new(),
        serials: 10_000_000,
        batch: 100_000,
        lookups: 1_000_000,
        dir: PathBuf::from("/tmp/stores-bench"),
        cache_mib: 256,
        phases: ["commission", "aggregate", "ship", "lookup"].map(String::from).to_vec(),
        out: None,
        keep: false,
        crash: None,
        crash_child: false,
        sorted: false,
        no_history: false,
        fjall_workers: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(f) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{f} needs a value\n{USAGE}"));
        match f.as_str() {
            "--engine" => a.engine = val(),
            "--serials" => a.serials = val().parse().expect("--serials"),
            "--batch" => a.batch = val().parse().expect("--batch"),
            "--lookups" => a.lookups = val().parse().expect("--lookups"),
            "--dir" => a.dir = val().into(),
            "--cache-mib" => a.cache_mib = val().parse().expect("--cache-mib"),
            "--phases" => a.phases = val().split(',').map(String::from).collect(),
            "--out" => a.out = Some(val().into()),
            "--keep" => a.keep = true,
            "--crash" => a.crash = Some(val().parse().expect("--crash")),
            "--crash-child" => a.crash_child = true,
            "--sorted" => a.sorted = true,
            "--no-history" => a.no_history = true,
            "--fjall-workers" => a.fjall_workers = val().parse().expect("--fjall-workers"),
            _ => panic!("unknown argument {f}\n{USAGE}"),
        }
    }
    assert!(!a.engine.is_empty(), "{USAGE}");
    a
}

/// Opens `engine` in `dir` with a cache of `cache_mib` MiB.
pub fn open(engine: &str, dir: &Path, cache_mib: u64) -> Result<Box<dyn Store>, StoreError> {
    let cache = cache_mib << 20;
    Ok(match engine {
        "mem" => Box::new(MemStore::new()),
        "null" => Box::new(NullStore),
        "redb" => Box::new(redb_store::RedbStore::open(dir, cache as usize)?),
        "fjall" => Box::new(fjall_store::FjallStore::open(dir, cache, fjall::PersistMode::SyncAll)?),
        "fjall-buffer" => Box::new(fjall_store::FjallStore::open(dir, cache, fjall::PersistMode::Buffer)?),
        "sqlite" => Box::new(sqlite_store::SqliteStore::open(dir, cache, "FULL")?),
        "sqlite-normal" => Box::new(sqlite_store::SqliteStore::open(dir, cache, "NORMAL")?),
        _ => panic!("unknown engine {engine}\n{USAGE}"),
    })
}

fn main() -> Result<(), StoreError> {
    let a = parse();
    if a.crash_child {
        return crash::child(&a);
    }
    if let Some(trials) = a.crash {
        return crash::parent(&a, trials);
    }
    let _ = std::fs::remove_dir_all(&a.dir);
    std::fs::create_dir_all(&a.dir)?;
    let t = Instant::now();
    let plan = workload::Plan { serials: a.serials, sorted: a.sorted, batch: a.batch, lookups: a.lookups };
    let mut rep = measure::Reporter {
        engine: if a.sorted { format!("{}+sorted", a.engine) } else { a.engine.clone() },
        serials: a.serials,
        dir: a.dir.clone(),
        out: a.out.clone(),
    };
    if a.engine.ends_with("-native") {
        native::commission(&a, &plan, &mut rep)?;
        std::fs::remove_dir_all(&a.dir)?;
        return Ok(());
    }
    let store = open(&a.engine, &a.dir, a.cache_mib)?;
    eprintln!(
        "{} serials={} batch={} cache={} MiB dir={} load {}",
        a.engine,
        a.serials,
        a.batch,
        a.cache_mib,
        a.dir.display(),
        measure::load()
    );
    for p in &a.phases {
        match p.as_str() {
            "commission" => workload::phase_commission(&*store, &plan, &mut rep)?,
            "aggregate" => workload::phase_aggregate(&*store, &plan, &mut rep)?,
            "ship" => workload::phase_ship(&*store, &plan, &mut rep)?,
            "lookup" => workload::phase_lookup(&*store, &plan, &mut rep)?,
            _ => panic!("unknown phase {p}"),
        }
    }
    drop(store);
    eprintln!(
        "{} done in {:.1} s, disk {:.0} MiB",
        a.engine,
        t.elapsed().as_secs_f64(),
        measure::disk_bytes(&a.dir) as f64 / (1 << 20) as f64
    );
    if !a.keep {
        std::fs::remove_dir_all(&a.dir)?;
    }
    Ok(())
}
