//! [`Store`] over fjall (LSM tree): one keyspace per table, a single-writer
//! transaction (its own memtable gives read-your-writes), the journal
//! synced at every commit (`PersistMode::SyncAll`; fjall's default is
//! `Buffer`, which survives a process crash but not a power loss).
//!
//! A commit is one journal record with a checksum: after a crash the
//! journal replay keeps it whole or drops it (benches/stores: 9 of 9
//! `kill -9` trials). Memory: the block cache (`cache_bytes`), up to 64 MiB
//! of memtable per keyspace (plus sealed ones being flushed), the open
//! transaction's own memtable, pinned L0/L1 index blocks and L0 filters:
//! ~0.8–1 GiB RSS measured with a 256 MiB cache up to 30 M serials.
//!
//! Chosen by measuring the ledger's workload on redb, fjall and SQLite:
//! benches/stores/README.md.

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

impl FjallStore {
    /// Opens (creates) the database in `dir` with a block cache of
    /// `cache_bytes`; every commit is persisted with `persist`.
    pub fn open(dir: &Path, cache_bytes: u64, persist: PersistMode) -> Result<Self, StoreError> {
        let db = SingleWriterTxDatabase::builder(dir)
            .cache_size(cache_bytes)
            .open()
            .map_err(err)?;
        let open = |t: Table| {
            db.keyspace(t.name(), KeyspaceCreateOptions::default)
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

struct FjallTx<'a> {
    tx: SingleWriterWriteTx<'a>,
    ks: &'a [SingleWriterTxKeyspace; 4],
}

impl Snapshot for FjallTx<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        get_into(&self.tx, &self.ks[table as usize], key, out)
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        scan(&self.tx, &self.ks[table as usize], prefix, f)
    }
}

impl Tx for FjallTx<'_> {
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.tx.insert(&self.ks[table as usize], key, value);
        Ok(())
    }
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError> {
        self.tx.remove(&self.ks[table as usize], key);
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
            tx: self.db.write_tx().durability(Some(self.persist)),
            ks: &self.ks,
        };
        // On an error the transaction is dropped: rolled back.
        let commit = f(&mut tx)?;
        if commit {
            tx.tx.commit().map_err(err)?;
        } else {
            tx.tx.rollback();
        }
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
