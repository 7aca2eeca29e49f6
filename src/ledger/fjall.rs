//! [`Store`] over fjall (LSM tree): one keyspace per table; a write
//! holds fjall's single-writer lock, reads its snapshot, keeps its writes
//! in an overlay (read-your-writes) and commits them as one batch, the
//! journal synced at every commit (`PersistMode::SyncAll`; fjall's default is
//! `Buffer`, which survives a process crash but not a power loss).
//!
//! A commit is one journal record with a checksum: after a crash the
//! journal replay keeps it whole or drops it (benches/stores: 9 of 9
//! `kill -9` trials; the batch is what fjall's own transaction commit
//! writes). Memory: the block cache (`cache_bytes`), up to 64 MiB of
//! memtable per keyspace ([`FjallTuning`]; plus sealed ones being
//! flushed), the open transaction's overlay, pinned L0/L1 index blocks
//! and L0 filters: 0.85–0.95 GiB RSS (peak 1.0) from 16 M to 30 M serials
//! with a 256 MiB cache (benches/ledger.md).
//!
//! Chosen by measuring the ledger's workload on redb, fjall and SQLite:
//! benches/stores/README.md.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::Path;

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
}

/// Settings of a [`FjallStore`] beyond the cache and persistence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FjallTuning {
    /// Memtable size per table before it is flushed (fjall's default:
    /// 64 MiB).
    pub memtable_bytes: u64,
}

impl Default for FjallTuning {
    fn default() -> Self {
        FjallTuning {
            memtable_bytes: 64 << 20,
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
        Ok(FjallStore { db, ks, persist })
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
/// table (read your writes), committed as one fjall batch: one journal
/// record, synced with `persist`, as fjall's own transaction commit does.
///
/// fjall's transaction would keep the writes in a memtable of its own (a
/// skip list: ~2 500 instructions per insert with the serials' long
/// common key prefix) and copy them into a batch at commit; an ordered
/// map costs as much. The overlay is a hash map (order is only needed by
/// scans, which the ledger makes of Children alone: that table's overlay
/// is ordered).
struct FjallTx<'a> {
    tx: SingleWriterWriteTx<'a>,
    ks: &'a [SingleWriterTxKeyspace; 4],
    /// Writes: `Some` value or `None` removed; Children's in `children`.
    overlay: [HashMap<Vec<u8>, Option<Vec<u8>>>; 4],
    children: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
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

impl Overlay for HashMap<Vec<u8>, Option<Vec<u8>>> {
    fn set(&mut self, key: &[u8], value: Option<&[u8]>) {
        // One hash (most keys are new in a transaction).
        self.insert(key.to_vec(), value.map(<[u8]>::to_vec));
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
                    .iter()
                    .filter(|(k, _)| k.starts_with(prefix))
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
        let mut tx = FjallTx {
            tx: self.db.write_tx(),
            ks: &self.ks,
            overlay: Default::default(),
            children: BTreeMap::new(),
        };
        // On an error the transaction is dropped: nothing written.
        let commit = f(&mut tx)?;
        if commit {
            let n = tx.overlay.iter().map(HashMap::len).sum::<usize>() + tx.children.len();
            let mut batch = ::fjall::OwnedWriteBatch::with_capacity(self.db.inner().clone(), n)
                .durability(Some(self.persist));
            let children = std::mem::take(&mut tx.children).into_iter();
            let rest = std::mem::take(&mut tx.overlay).into_iter().enumerate();
            let all = rest
                .flat_map(|(t, w)| w.into_iter().map(move |kv| (t, kv)))
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
        let snap = FjallRead {
            snap: self.db.read_tx(),
            ks: &self.ks,
        };
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

    #[test]
    fn a_transaction_reads_its_writes_over_the_committed_ones_and_commits_all_or_nothing() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target/test-fjall-store")
            .join(format!("{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = FjallStore::open(&dir, 1 << 20, PersistMode::SyncAll).unwrap();
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
        let s = FjallStore::open(&dir, 1 << 20, PersistMode::SyncAll).unwrap();
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
}
