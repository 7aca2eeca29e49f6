//! [`Store`] over fjall (LSM tree): one keyspace per table; a write
//! holds fjall's single-writer lock, reads its snapshot, keeps its writes
//! in an overlay (read-your-writes) and commits them in one of two ways:
//!
//! * **small commits** (fewer than [`FjallTuning::ingest_min_writes`]
//!   writes) as one fjall batch: one journal record with a checksum,
//!   synced at every commit (`PersistMode::SyncAll`; fjall's default is
//!   `Buffer`, which survives a process crash but not a power loss). After
//!   a crash the journal replay keeps it whole or drops it (benches/stores:
//!   9 of 9 `kill -9` trials).
//! * **large commits** (a commission message of 100 000 serials writes
//!   200 000 keys) through fjall's *ingestion*: each table's writes,
//!   sorted, become new tables on disk directly, without the journal and the
//!   memtable (the skip list was most of a commission's cost:
//!   benches/ledger.md). Ingestion is atomic per table, not across tables,
//!   so the commit first writes every change to a *redo file*
//!   (`ledger-ingest.redo`, written as `….tmp`, synced, renamed, the
//!   directory synced: it exists whole or not at all), then ingests the
//!   tables, then removes the file (directory synced before the next commit
//!   can start). Opening a store whose redo file exists ingests it again
//!   (idempotent: the same values): a message interrupted by a crash is
//!   whole after the restart; one whose redo file never appeared is absent.
//!   Readers of the same process take their snapshot outside an ingesting
//!   commit (a gate), so they never see some of its tables.
//!
//! Memory: the block cache (`cache_bytes`), up to 64 MiB of memtable per
//! keyspace ([`FjallTuning`]; plus sealed ones being flushed), the open
//! transaction's overlay, pinned L0/L1 index blocks and L0 filters
//! (benches/ledger.md has RSS as the store grows).
//!
//! Chosen by measuring the ledger's workload on redb, fjall and SQLite:
//! benches/stores/README.md.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::store::{ReadFn, Snapshot, Store, StoreError, Table, Tx, WriteFn};
use fjall::{
    KeyspaceCreateOptions, PersistMode, Readable, SingleWriterTxDatabase, SingleWriterTxKeyspace,
    SingleWriterWriteTx,
};

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("fjall: {e}"))
}

/// The ledger's tables as fjall keyspaces.
pub struct FjallStore {
    db: SingleWriterTxDatabase,
    ks: [SingleWriterTxKeyspace; 4],
    persist: PersistMode,
    dir: PathBuf,
    ingest_min_writes: usize,
    /// Held for writing while a commit ingests its tables one after
    /// another; [`Store::read`] takes its snapshot holding it for reading.
    gate: RwLock<()>,
    /// Set when a large commit failed after its redo file was written:
    /// a later commit would be undone by that redo file at the next
    /// opening, so writes are refused until the store is reopened (which
    /// finishes the failed commit).
    unfinished: AtomicBool,
    /// Tests: the next large commit fails after its redo file is written.
    #[cfg(test)]
    fail_after_redo: AtomicBool,
}

/// Settings of a [`FjallStore`] beyond the cache and persistence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FjallTuning {
    /// Memtable size per table before it is flushed (fjall's default:
    /// 64 MiB).
    pub memtable_bytes: u64,
    /// Commits of at least this many writes go through fjall's ingestion
    /// (module docs); `usize::MAX`: never.
    pub ingest_min_writes: usize,
    /// fjall's flush and compaction threads. One by default: with two,
    /// fjall's first worker hands every compaction request back to the
    /// queue and takes it again while the second compacts, a busy loop
    /// that took a third of the CPU of a commission run on this 2-core
    /// machine (benches/ledger.md).
    pub worker_threads: usize,
}

impl Default for FjallTuning {
    fn default() -> Self {
        FjallTuning {
            memtable_bytes: 64 << 20,
            ingest_min_writes: 8_192,
            worker_threads: 1,
        }
    }
}

impl FjallStore {
    /// Opens (creates) the database in `dir` with a block cache of
    /// `cache_bytes`; every commit is persisted with `persist`.
    pub fn open(dir: &Path, cache_bytes: u64, persist: PersistMode) -> Result<Self, StoreError> {
        Self::open_tuned(dir, cache_bytes, persist, FjallTuning::default())
    }

    /// [`FjallStore::open`] with `tuning`.
    pub fn open_tuned(
        dir: &Path,
        cache_bytes: u64,
        persist: PersistMode,
        tuning: FjallTuning,
    ) -> Result<Self, StoreError> {
        let db = SingleWriterTxDatabase::builder(dir)
            .cache_size(cache_bytes)
            .worker_threads(tuning.worker_threads.max(1))
            .open()
            .map_err(err)?;
        let open = |t: Table| {
            db.keyspace(t.name(), || {
                KeyspaceCreateOptions::default().max_memtable_size(tuning.memtable_bytes)
            })
            .map_err(err)
        };
        let ks = [
            open(Table::Serials)?,
            open(Table::Children)?,
            open(Table::History)?,
            open(Table::Documents)?,
        ];
        let store = FjallStore {
            db,
            ks,
            persist,
            dir: dir.to_path_buf(),
            ingest_min_writes: tuning.ingest_min_writes,
            gate: RwLock::new(()),
            unfinished: AtomicBool::new(false),
            #[cfg(test)]
            fail_after_redo: AtomicBool::new(false),
        };
        store.recover()?;
        Ok(store)
    }

    /// Finishes the large commit a crash interrupted (module docs).
    fn recover(&self) -> Result<(), StoreError> {
        let _ = std::fs::remove_file(self.dir.join(REDO_TMP));
        let path = self.dir.join(REDO);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError(format!("{}: {e}", path.display()))),
        };
        let writes = redo::read(BufReader::with_capacity(1 << 20, file))
            .map_err(|e| StoreError(format!("{}: {e}", path.display())))?;
        self.ingest(&writes)?;
        std::fs::remove_file(&path)?;
        sync_dir(&self.dir)?;
        Ok(())
    }

    /// Writes each table's sorted writes as new fjall tables.
    fn ingest(&self, writes: &Writes) -> Result<(), StoreError> {
        let _gate = self.gate.write().unwrap_or_else(|p| p.into_inner());
        // One table after another: writing them side by side (rayon) was
        // slower, 310 k against 359 k commissions/s (criterion), the other
        // core being fjall's compaction's.
        writes
            .iter()
            .zip(&self.ks)
            .filter(|(entries, _)| !entries.is_empty())
            .try_for_each(|(entries, ks)| ingest_table(ks.inner(), entries))
    }

    /// A large commit: redo file, ingestion, redo file removed.
    fn commit_ingesting(&self, writes: &Writes) -> Result<(), StoreError> {
        let tmp = self.dir.join(REDO_TMP);
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        redo::write(&mut w, writes)?;
        let f = w.into_inner().map_err(|e| StoreError(e.to_string()))?;
        f.sync_all()?;
        drop(f);
        let path = self.dir.join(REDO);
        std::fs::rename(&tmp, &path)?;
        // From here the commit is decided: its redo file may exist.
        let finish = || -> Result<(), StoreError> {
            sync_dir(&self.dir)?;
            #[cfg(test)]
            if self.fail_after_redo.swap(false, Ordering::SeqCst) {
                return Err(StoreError("injected failure".into()));
            }
            self.ingest(writes)?;
            std::fs::remove_file(&path)?;
            // Before the next commit: a redo file replayed after it would
            // undo it.
            sync_dir(&self.dir)
        };
        finish().map_err(|e| {
            self.unfinished.store(true, Ordering::SeqCst);
            StoreError(format!(
                "{e}; the commit is finished when the ledger is opened again ({})",
                path.display()
            ))
        })
    }
}

/// Writes one table's sorted writes as new fjall tables.
fn ingest_table(ks: &::fjall::Keyspace, entries: &[Entry]) -> Result<(), StoreError> {
    // Backpressure as fjall applies to its own writes (it halts them at 30
    // level-0 runs): ingested tables bypass it, and a stream of large
    // commits can outrun the compaction. Bounded: after a minute the commit
    // goes on (reads get slower, nothing is lost).
    let since = std::time::Instant::now();
    while ks.l0_table_count() >= L0_HALT && since.elapsed() < L0_WAIT_MAX {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let mut ing = ks.start_ingestion().map_err(err)?;
    for (k, v) in entries {
        match v {
            Some(v) => ing.write(&k[..], &v[..]),
            None => ing.write_tombstone(&k[..]),
        }
        .map_err(err)?;
    }
    ing.finish().map_err(err)
}

/// One write: key and `Some` value or `None` removed.
pub(crate) type Entry = (Vec<u8>, Option<Vec<u8>>);

/// A commit's writes per table ([`Table`] order), each sorted by key:
/// `Some` value or `None` removed.
pub(crate) type Writes = [Vec<Entry>; 4];

const REDO: &str = "ledger-ingest.redo";
const REDO_TMP: &str = "ledger-ingest.redo.tmp";
/// Level-0 tables of a keyspace at which an ingesting commit waits for the
/// compaction, and how long at the most.
const L0_HALT: usize = 30;
const L0_WAIT_MAX: std::time::Duration = std::time::Duration::from_secs(60);

/// Makes a directory's entries (a rename, a removal) durable.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The redo file of a large commit: `MAGIC`, then per write (each table's
/// keys ascending) its table, 1 (put) or 0 (remove), the key's length (u32
/// LE) and key, for a put the value's length and value; then `END` and the
/// number of writes (u64 LE).
pub(crate) mod redo {
    use super::Writes;
    use std::io::{self, Read, Write};

    const MAGIC: &[u8; 8] = b"EPCREDO1";
    const END: &[u8; 4] = b"END.";

    pub(crate) fn write(w: &mut impl Write, writes: &Writes) -> io::Result<()> {
        w.write_all(MAGIC)?;
        let mut n = 0u64;
        for (t, entries) in writes.iter().enumerate() {
            for (k, v) in entries {
                w.write_all(&[t as u8, u8::from(v.is_some())])?;
                w.write_all(&(k.len() as u32).to_le_bytes())?;
                w.write_all(k)?;
                if let Some(v) = v {
                    w.write_all(&(v.len() as u32).to_le_bytes())?;
                    w.write_all(v)?;
                }
                n += 1;
            }
        }
        w.write_all(END)?;
        w.write_all(&n.to_le_bytes())
    }

    /// A reader that knows how far it has read (for the errors).
    struct At<R> {
        r: R,
        offset: u64,
    }

    impl<R: Read> At<R> {
        fn bad(&self, what: &str) -> io::Error {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("damaged redo file at byte {}: {what}", self.offset),
            )
        }

        fn bytes(&mut self, n: usize, what: &str) -> io::Result<Vec<u8>> {
            let mut v = Vec::new();
            (&mut self.r).take(n as u64).read_to_end(&mut v)?;
            if v.len() != n {
                self.offset += v.len() as u64;
                return Err(self.bad(&format!("{what} cut short")));
            }
            self.offset += n as u64;
            Ok(v)
        }

        fn len(&mut self, what: &str) -> io::Result<usize> {
            let b = self.bytes(4, what)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        }
    }

    /// The writes of a redo file; an error (with its byte offset) for
    /// anything but a whole one.
    pub(crate) fn read(r: impl Read) -> io::Result<Writes> {
        let mut r = At { r, offset: 0 };
        if r.bytes(MAGIC.len(), "header")? != MAGIC {
            return Err(r.bad("not a redo file"));
        }
        let mut writes = Writes::default();
        let mut n = 0u64;
        loop {
            let tag = r.bytes(2, "entry")?;
            if tag == END[..2] {
                if r.bytes(2, "end mark")? != END[2..] {
                    return Err(r.bad("unknown entry"));
                }
                let count = r.bytes(8, "count")?;
                let count = u64::from_le_bytes(count.try_into().expect("8 bytes"));
                if count != n {
                    return Err(r.bad(&format!("{n} writes, the end mark says {count}")));
                }
                let mut rest = [0u8; 1];
                if r.r.read(&mut rest)? != 0 {
                    return Err(r.bad("bytes after the end mark"));
                }
                return Ok(writes);
            }
            let (table, put) = (tag[0] as usize, tag[1]);
            if table >= writes.len() || put > 1 {
                return Err(r.bad("unknown entry"));
            }
            let klen = r.len("key length")?;
            let key = r.bytes(klen, "key")?;
            let value = if put == 1 {
                let vlen = r.len("value length")?;
                Some(r.bytes(vlen, "value")?)
            } else {
                None
            };
            // Ingestion takes each table's keys strictly ascending.
            if writes[table].last().is_some_and(|(last, _)| *last >= key) {
                return Err(r.bad("keys out of order"));
            }
            writes[table].push((key, value));
            n += 1;
        }
    }
}

fn get_into<R: Readable>(
    r: &R,
    ks: &SingleWriterTxKeyspace,
    key: &[u8],
    out: &mut Vec<u8>,
) -> Result<bool, StoreError> {
    out.clear();
    match r.get(ks.inner(), key).map_err(err)? {
        Some(v) => {
            out.extend_from_slice(&v);
            Ok(true)
        }
        None => Ok(false),
    }
}

fn scan<R: Readable>(
    r: &R,
    ks: &SingleWriterTxKeyspace,
    prefix: &[u8],
    f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
) -> Result<(), StoreError> {
    for g in r.prefix(ks.inner(), prefix) {
        let (k, v) = g.into_inner().map_err(err)?;
        if !f(&k, &v) {
            break;
        }
    }
    Ok(())
}

/// A write transaction: the single-writer lock and its snapshot (fjall's
/// write transaction, used for reads only), the writes in an overlay per
/// table (read your writes), committed as one fjall batch or ingested
/// (module docs).
///
/// fjall's transaction would keep the writes in a memtable of its own (a
/// skip list: ~2 500 instructions per insert with the serials' long
/// common key prefix) and copy them into a batch at commit; an ordered
/// map costs as much. The overlay is a log of the writes with a hash index
/// ([`WriteLog`]); Children, the one table the ledger scans, is ordered.
struct FjallTx<'a> {
    tx: SingleWriterWriteTx<'a>,
    ks: &'a [SingleWriterTxKeyspace; 4],
    /// Writes of Serials, History, Documents (Children's in `children`).
    overlay: [WriteLog; 4],
    children: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

/// One table's writes in a transaction: each key once, in the order first
/// written (the engine writes in key order: such a log needs no sort at
/// commit), found through a hash index of positions.
#[derive(Default)]
struct WriteLog {
    entries: Vec<Entry>,
    index: hashbrown::HashTable<u32>,
    /// Whether the keys are in ascending order.
    unsorted: bool,
}

fn hash(key: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

impl WriteLog {
    fn get(&self, key: &[u8]) -> Option<&Option<Vec<u8>>> {
        let i = self
            .index
            .find(hash(key), |&i| self.entries[i as usize].0 == key)?;
        Some(&self.entries[*i as usize].1)
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    /// The writes, sorted by key.
    fn into_sorted(self) -> Vec<Entry> {
        let mut v = self.entries;
        if self.unsorted {
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        v
    }
}

impl FjallTx<'_> {
    fn written(&self, table: Table, key: &[u8]) -> Option<&Option<Vec<u8>>> {
        match table {
            Table::Children => self.children.get(key),
            _ => self.overlay[table as usize].get(key),
        }
    }
    fn slot(&mut self, table: Table) -> &mut dyn Overlay {
        match table {
            Table::Children => &mut self.children,
            _ => &mut self.overlay[table as usize],
        }
    }
}

/// The write overlay of one table.
trait Overlay {
    fn set(&mut self, key: &[u8], value: Option<&[u8]>);
}

fn set_in(slot: Option<&mut Option<Vec<u8>>>, value: Option<&[u8]>) -> bool {
    match (slot, value) {
        (Some(Some(v)), Some(new)) => {
            v.clear();
            v.extend_from_slice(new);
            true
        }
        (Some(v), new) => {
            *v = new.map(<[u8]>::to_vec);
            true
        }
        (None, _) => false,
    }
}

impl Overlay for WriteLog {
    fn set(&mut self, key: &[u8], value: Option<&[u8]>) {
        let WriteLog {
            entries,
            index,
            unsorted,
        } = self;
        let h = hash(key);
        if let Some(&mut i) = index.find_mut(h, |&i| entries[i as usize].0 == key) {
            set_in(Some(&mut entries[i as usize].1), value);
            return;
        }
        if entries
            .last()
            .is_some_and(|(last, _)| last.as_slice() > key)
        {
            *unsorted = true;
        }
        index.insert_unique(h, entries.len() as u32, |&i| hash(&entries[i as usize].0));
        entries.push((key.to_vec(), value.map(<[u8]>::to_vec)));
    }
}

impl Overlay for BTreeMap<Vec<u8>, Option<Vec<u8>>> {
    fn set(&mut self, key: &[u8], value: Option<&[u8]>) {
        if !set_in(self.get_mut(key), value) {
            self.insert(key.to_vec(), value.map(<[u8]>::to_vec));
        }
    }
}

impl Snapshot for FjallTx<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        match self.written(table, key) {
            Some(Some(v)) => {
                out.clear();
                out.extend_from_slice(v);
                Ok(true)
            }
            Some(None) => {
                out.clear();
                Ok(false)
            }
            None => get_into(&self.tx, &self.ks[table as usize], key, out),
        }
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        // The overlay's entries under `prefix`, in key order.
        let sorted: Vec<(&Vec<u8>, &Option<Vec<u8>>)> = match table {
            Table::Children => self
                .children
                .range::<[u8], _>((Bound::Included(prefix), Bound::Unbounded))
                .take_while(|(k, _)| k.starts_with(prefix))
                .collect(),
            _ => {
                let mut v: Vec<_> = self.overlay[table as usize]
                    .entries
                    .iter()
                    .filter(|(k, _)| k.starts_with(prefix))
                    .map(|(k, v)| (k, v))
                    .collect();
                v.sort_unstable_by(|a, b| a.0.cmp(b.0));
                v
            }
        };
        // Merged with the committed entries.
        let mut mine = sorted.into_iter().peekable();
        for g in self.tx.prefix(self.ks[table as usize].inner(), prefix) {
            let (k, v) = g.into_inner().map_err(err)?;
            // Overlay keys before `k`, and `k` itself if overwritten.
            let mut overwritten = false;
            while let Some((mk, mv)) = mine.next_if(|(mk, _)| mk.as_slice() <= &*k) {
                overwritten = mk.as_slice() == &*k;
                if let Some(mv) = mv {
                    if !f(mk, mv) {
                        return Ok(());
                    }
                }
            }
            if !overwritten && !f(&k, &v) {
                return Ok(());
            }
        }
        for (mk, mv) in mine {
            if let Some(mv) = mv {
                if !f(mk, mv) {
                    break;
                }
            }
        }
        Ok(())
    }
}

impl Tx for FjallTx<'_> {
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.slot(table).set(key, Some(value));
        Ok(())
    }
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError> {
        self.slot(table).set(key, None);
        Ok(())
    }
}

struct FjallRead<'a> {
    snap: fjall::Snapshot,
    ks: &'a [SingleWriterTxKeyspace; 4],
}

impl Snapshot for FjallRead<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        get_into(&self.snap, &self.ks[table as usize], key, out)
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        scan(&self.snap, &self.ks[table as usize], prefix, f)
    }
}

impl Store for FjallStore {
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError> {
        if self.unfinished.load(Ordering::SeqCst) {
            return Err(StoreError(format!(
                "a large commit failed after its redo file was written: open the ledger again to finish it ({})",
                self.dir.join(REDO).display()
            )));
        }
        let mut tx = FjallTx {
            tx: self.db.write_tx(),
            ks: &self.ks,
            overlay: Default::default(),
            children: BTreeMap::new(),
        };
        // On an error the transaction is dropped: nothing written.
        let commit = f(&mut tx)?;
        let n = tx.overlay.iter().map(WriteLog::len).sum::<usize>() + tx.children.len();
        if commit && n >= self.ingest_min_writes {
            let mut writes = Writes::default();
            for (t, w) in std::mem::take(&mut tx.overlay).into_iter().enumerate() {
                writes[t] = w.into_sorted();
            }
            writes[Table::Children as usize] =
                std::mem::take(&mut tx.children).into_iter().collect();
            // Committed while the writer lock (`tx`) is held.
            self.commit_ingesting(&writes)?;
        } else if commit {
            let mut batch = ::fjall::OwnedWriteBatch::with_capacity(self.db.inner().clone(), n)
                .durability(Some(self.persist));
            let children = std::mem::take(&mut tx.children).into_iter();
            let rest = std::mem::take(&mut tx.overlay).into_iter().enumerate();
            let all = rest
                .flat_map(|(t, w)| w.entries.into_iter().map(move |kv| (t, kv)))
                .chain(children.map(|kv| (Table::Children as usize, kv)));
            for (t, (k, v)) in all {
                let ks = self.ks[t].inner();
                match v {
                    Some(v) => batch.insert(ks, k, v),
                    None => batch.remove(ks, k),
                }
            }
            // Committed while the writer lock (`tx`) is held.
            batch.commit().map_err(err)?;
        }
        tx.tx.rollback();
        Ok(commit)
    }
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError> {
        let gate = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let snap = FjallRead {
            snap: self.db.read_tx(),
            ks: &self.ks,
        };
        drop(gate);
        f(&snap)
    }
    fn engine(&self) -> &'static str {
        "fjall"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(snap: &dyn Snapshot, prefix: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        snap.scan(Table::Children, prefix, &mut |k, v| {
            out.push((k.to_vec(), v.to_vec()));
            true
        })
        .unwrap();
        out
    }

    fn test_dir(name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target/test-fjall-store")
            .join(format!("{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn open(dir: &Path, ingest_min_writes: usize) -> FjallStore {
        let tuning = FjallTuning {
            ingest_min_writes,
            ..FjallTuning::default()
        };
        FjallStore::open_tuned(dir, 1 << 20, PersistMode::SyncAll, tuning).unwrap()
    }

    fn value(s: &FjallStore, table: Table, key: &[u8]) -> Option<Vec<u8>> {
        let mut v = Vec::new();
        let mut found = false;
        s.read(&mut |snap| {
            found = snap.get_into(table, key, &mut v)?;
            Ok(())
        })
        .unwrap();
        found.then_some(v)
    }

    #[test]
    fn a_transaction_reads_its_writes_over_the_committed_ones_and_commits_all_or_nothing() {
        transactions("batch", usize::MAX);
    }

    #[test]
    fn a_transaction_committed_by_ingestion_behaves_the_same() {
        transactions("ingest", 1);
    }

    /// Every commit of at least `ingest_min_writes` writes is ingested.
    fn transactions(name: &str, ingest_min_writes: usize) {
        let dir = test_dir(name);
        let s = open(&dir, ingest_min_writes);
        // Serials (a write log): out of order, overwritten, removed.
        s.write(&mut |tx| {
            for k in ["s3", "s1", "s2", "s4"] {
                tx.put(Table::Serials, k.as_bytes(), b"a")?;
            }
            tx.put(Table::Serials, b"s1", b"b")?;
            tx.delete(Table::Serials, b"s2")?;
            let mut v = Vec::new();
            assert!(tx.get_into(Table::Serials, b"s1", &mut v)?);
            assert_eq!(v, b"b");
            assert!(!tx.get_into(Table::Serials, b"s2", &mut v)?);
            let mut seen = Vec::new();
            tx.scan(Table::Serials, b"s", &mut |k, v| {
                seen.push((k.to_vec(), v.to_vec()));
                true
            })?;
            let want: Vec<_> = [("s1", "b"), ("s3", "a"), ("s4", "a")]
                .iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect();
            assert_eq!(seen, want);
            Ok(true)
        })
        .unwrap();
        s.write(&mut |tx| {
            tx.delete(Table::Serials, b"s4")?;
            tx.put(Table::Serials, b"s2", b"c")?;
            Ok(true)
        })
        .unwrap();
        assert_eq!(value(&s, Table::Serials, b"s1").as_deref(), Some(&b"b"[..]));
        assert_eq!(value(&s, Table::Serials, b"s2").as_deref(), Some(&b"c"[..]));
        assert_eq!(value(&s, Table::Serials, b"s4"), None);
        assert!(!dir.join(REDO).exists() && !dir.join(REDO_TMP).exists());
        let kv = |k: &str, v: &str| (k.as_bytes().to_vec(), v.as_bytes().to_vec());
        assert!(
            s.write(&mut |tx| {
                for k in ["p\0a", "p\0c", "p\0e", "q\0a"] {
                    tx.put(Table::Children, k.as_bytes(), b"1")?;
                }
                Ok(true)
            })
            .unwrap()
        );
        let rolled_back = s
            .write(&mut |tx| {
                tx.put(Table::Children, b"p\0b", b"2")?; // new, between
                tx.put(Table::Children, b"p\0c", b"2")?; // overwritten
                tx.delete(Table::Children, b"p\0e")?; // deleted
                tx.put(Table::Children, b"p\0f", b"2")?; // new, after
                tx.put(Table::Children, b"p\0c", b"3")?; // overwritten again
                let mut v = Vec::new();
                assert!(tx.get_into(Table::Children, b"p\0c", &mut v)?);
                assert_eq!(v, b"3");
                assert!(!tx.get_into(Table::Children, b"p\0e", &mut v)?);
                assert!(tx.get_into(Table::Children, b"q\0a", &mut v)?);
                assert_eq!(
                    keys(&*tx, b"p\0"),
                    [
                        kv("p\0a", "1"),
                        kv("p\0b", "2"),
                        kv("p\0c", "3"),
                        kv("p\0f", "2")
                    ]
                );
                let mut first = Vec::new();
                tx.scan(Table::Children, b"p\0", &mut |k, _| {
                    first.push(k.to_vec());
                    first.len() < 2
                })?;
                assert_eq!(first, [b"p\0a".to_vec(), b"p\0b".to_vec()]);
                Ok(false)
            })
            .unwrap();
        assert!(!rolled_back);
        let mut seen = Vec::new();
        s.read(&mut |snap| {
            seen = keys(snap, b"p\0");
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [kv("p\0a", "1"), kv("p\0c", "1"), kv("p\0e", "1")]);
        s.write(&mut |tx| {
            tx.delete(Table::Children, b"p\0a")?;
            tx.put(Table::Children, b"p\0d", b"4")?;
            Ok(true)
        })
        .unwrap();
        drop(s);
        // Reopened: the commits are there.
        let s = open(&dir, ingest_min_writes);
        assert_eq!(value(&s, Table::Serials, b"s2").as_deref(), Some(&b"c"[..]));
        assert_eq!(value(&s, Table::Serials, b"s4"), None);
        s.read(&mut |snap| {
            seen = keys(snap, b"");
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                kv("p\0c", "1"),
                kv("p\0d", "4"),
                kv("p\0e", "1"),
                kv("q\0a", "1")
            ]
        );
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn sample_writes() -> Writes {
        let mut w = Writes::default();
        w[Table::Serials as usize] = vec![
            (b"s1".to_vec(), Some(b"redo".to_vec())),
            (b"s2".to_vec(), None),
            (b"s5".to_vec(), Some(Vec::new())),
        ];
        w[Table::Documents as usize] = vec![(b"doc-1".to_vec(), Some(b"applied".to_vec()))];
        w
    }

    #[test]
    fn opening_a_store_finishes_the_large_commit_a_crash_interrupted() {
        let dir = test_dir("redo");
        let s = open(&dir, usize::MAX);
        s.write(&mut |tx| {
            tx.put(Table::Serials, b"s1", b"before")?;
            tx.put(Table::Serials, b"s2", b"before")?;
            Ok(true)
        })
        .unwrap();
        drop(s);
        // The crash: the redo file written and renamed, the tables not (or
        // not all) ingested; and a torn temporary file of a later attempt.
        let mut f = File::create(dir.join(REDO)).unwrap();
        redo::write(&mut f, &sample_writes()).unwrap();
        drop(f);
        std::fs::write(dir.join(REDO_TMP), b"EPCREDO1\x00\x01").unwrap();
        let s = open(&dir, usize::MAX);
        assert_eq!(
            value(&s, Table::Serials, b"s1").as_deref(),
            Some(&b"redo"[..])
        );
        assert_eq!(value(&s, Table::Serials, b"s2"), None);
        assert_eq!(value(&s, Table::Serials, b"s5").as_deref(), Some(&b""[..]));
        assert_eq!(
            value(&s, Table::Documents, b"doc-1").as_deref(),
            Some(&b"applied"[..])
        );
        assert!(!dir.join(REDO).exists() && !dir.join(REDO_TMP).exists());
        // A later commit is not undone by the redo at the next opening.
        s.write(&mut |tx| tx.put(Table::Serials, b"s1", b"after").map(|()| true))
            .unwrap();
        drop(s);
        let s = open(&dir, usize::MAX);
        assert_eq!(
            value(&s, Table::Serials, b"s1").as_deref(),
            Some(&b"after"[..])
        );
        drop(s);
        // A damaged redo file stops the opening with an error naming it.
        std::fs::write(dir.join(REDO), b"EPCREDO1\x00").unwrap();
        let e = FjallStore::open(&dir, 1 << 20, PersistMode::SyncAll)
            .err()
            .expect("a damaged redo file is an error");
        assert!(e.0.contains(REDO) && e.0.contains("damaged"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_redo_file_reads_back_whole_and_anything_less_is_an_error() {
        let writes = sample_writes();
        let mut bytes = Vec::new();
        redo::write(&mut bytes, &writes).unwrap();
        assert_eq!(redo::read(&bytes[..]).unwrap(), writes);
        for cut in 0..bytes.len() {
            assert!(redo::read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // The error says where: the header (8 bytes) and a tag (2) read,
        // the key's length cut short at byte 10.
        let e = redo::read(&bytes[..10]).unwrap_err().to_string();
        assert!(e.contains("at byte 10: key length cut short"), "{e}");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(redo::read(&longer[..]).is_err());
        // Any byte changed: an error or other writes, never a panic.
        let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..2_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let mut b = bytes.clone();
            let i = (rng % b.len() as u64) as usize;
            b[i] ^= (rng >> 32) as u8 | 1;
            if let Ok(w) = redo::read(&b[..]) {
                assert!(w.iter().all(|t| t.is_sorted_by(|a, b| a.0 < b.0)));
            }
        }
        // Keys out of order (ingestion would refuse them): an error.
        let mut swapped = writes.clone();
        swapped[Table::Serials as usize].swap(0, 1);
        let mut bytes = Vec::new();
        redo::write(&mut bytes, &swapped).unwrap();
        assert!(redo::read(&bytes[..]).is_err());
    }

    #[test]
    fn a_large_commit_that_fails_after_its_redo_file_blocks_writes_until_reopened() {
        let dir = test_dir("unfinished");
        let s = open(&dir, 1);
        s.fail_after_redo.store(true, Ordering::SeqCst);
        let e = s
            .write(&mut |tx| tx.put(Table::Serials, b"s1", b"decided").map(|()| true))
            .unwrap_err();
        assert!(
            e.0.contains("injected") && e.0.contains("opened again"),
            "{e}"
        );
        // A later commit would be undone by the redo file: refused.
        let e = s
            .write(&mut |tx| tx.put(Table::Serials, b"s1", b"later").map(|()| true))
            .unwrap_err();
        assert!(e.0.contains("open the ledger again"), "{e}");
        drop(s);
        let s = open(&dir, 1);
        assert_eq!(
            value(&s, Table::Serials, b"s1").as_deref(),
            Some(&b"decided"[..])
        );
        assert!(!dir.join(REDO).exists());
        s.write(&mut |tx| tx.put(Table::Serials, b"s1", b"later").map(|()| true))
            .unwrap();
        assert_eq!(
            value(&s, Table::Serials, b"s1").as_deref(),
            Some(&b"later"[..])
        );
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Everything in `table`, in key order.
    fn dump(snap: &dyn Snapshot, table: Table) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        snap.scan(table, b"", &mut |k, v| {
            out.push((k.to_vec(), v.to_vec()));
            true
        })
        .unwrap();
        out
    }

    /// Random transactions (puts, removals, reads and scans of their own
    /// writes, commit or roll back) on fjall, batched and ingested, give
    /// what `MemStore` gives.
    #[test]
    fn random_transactions_match_the_memory_store() {
        use super::super::store::MemStore;
        for (name, ingest_min) in [("random-batch", usize::MAX), ("random-ingest", 8)] {
            let dir = test_dir(name);
            let fj = open(&dir, ingest_min);
            let mem = MemStore::new();
            let mut rng = 0x2545_F491_4F6C_DD1D_u64 ^ ingest_min as u64;
            let mut next = move |n: u64| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng % n
            };
            for round in 0..150 {
                let ops: Vec<(Table, Vec<u8>, u64, u64)> = (0..next(40))
                    .map(|_| {
                        let table = Table::ALL[next(3) as usize];
                        let key = format!("k{:02}", next(30)).into_bytes();
                        (table, key, next(4), next(1000))
                    })
                    .collect();
                let commit = next(5) != 0;
                let mut seen: [Vec<String>; 2] = Default::default();
                for (i, store) in [&fj as &dyn Store, &mem].into_iter().enumerate() {
                    let log = &mut seen[i];
                    let done = store
                        .write(&mut |tx| {
                            for (table, key, what, value) in &ops {
                                match what {
                                    0 => tx.delete(*table, key)?,
                                    1 => {
                                        let mut v = Vec::new();
                                        let found = tx.get_into(*table, key, &mut v)?;
                                        log.push(format!("{found} {v:?}"));
                                    }
                                    2 => log.push(format!("{:?}", dump(&*tx, *table))),
                                    _ => tx.put(*table, key, value.to_string().as_bytes())?,
                                }
                            }
                            Ok(commit)
                        })
                        .unwrap();
                    assert_eq!(done, commit);
                }
                assert_eq!(
                    seen[0], seen[1],
                    "{name}, round {round}: reads in the transaction"
                );
                let mut tables: [Vec<_>; 2] = Default::default();
                for (i, store) in [&fj as &dyn Store, &mem].into_iter().enumerate() {
                    store
                        .read(&mut |snap| {
                            tables[i] = Table::ALL.iter().map(|&t| dump(snap, t)).collect();
                            Ok(())
                        })
                        .unwrap();
                }
                assert_eq!(tables[0], tables[1], "{name}, round {round}: committed");
            }
            drop(fj);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
