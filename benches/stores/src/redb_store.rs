//! [`Store`] over redb: one file, a copy-on-write B-tree per table, every
//! commit synced (`Durability::Immediate`, the default, set explicitly).

use std::path::Path;

use epcstream::ledger::store::{ReadFn, Snapshot, Store, StoreError, Table, Tx, WriteFn};
use redb::{Database, Durability, ReadableDatabase, ReadableTable, TableDefinition};

type Def = TableDefinition<'static, &'static [u8], &'static [u8]>;

const DEFS: [Def; 4] = [
    TableDefinition::new("serials"),
    TableDefinition::new("children"),
    TableDefinition::new("history"),
    TableDefinition::new("documents"),
];

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("redb: {e}"))
}

/// The ledger's tables in one redb file.
pub struct RedbStore {
    db: Database,
}

impl RedbStore {
    /// Opens (creates) `dir/ledger.redb` with a page cache of `cache_bytes`.
    pub fn open(dir: &Path, cache_bytes: usize) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let db = Database::builder()
            .set_cache_size(cache_bytes)
            .create(dir.join("ledger.redb"))
            .map_err(err)?;
        let w = db.begin_write().map_err(err)?;
        for d in DEFS {
            w.open_table(d).map_err(err)?;
        }
        w.commit().map_err(err)?;
        Ok(RedbStore { db })
    }
}

fn get_into<T: ReadableTable<&'static [u8], &'static [u8]>>(
    t: &T,
    key: &[u8],
    out: &mut Vec<u8>,
) -> Result<bool, StoreError> {
    out.clear();
    match t.get(key).map_err(err)? {
        Some(v) => {
            out.extend_from_slice(v.value());
            Ok(true)
        }
        None => Ok(false),
    }
}

fn scan<T: ReadableTable<&'static [u8], &'static [u8]>>(
    t: &T,
    prefix: &[u8],
    f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
) -> Result<(), StoreError> {
    for e in t.range::<&[u8]>(prefix..).map_err(err)? {
        let (k, v) = e.map_err(err)?;
        let k = k.value();
        if !k.starts_with(prefix) || !f(k, v.value()) {
            break;
        }
    }
    Ok(())
}

struct RedbTx<'t> {
    tables: [redb::Table<'t, &'static [u8], &'static [u8]>; 4],
}

impl Snapshot for RedbTx<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        get_into(&self.tables[table as usize], key, out)
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        scan(&self.tables[table as usize], prefix, f)
    }
}

impl Tx for RedbTx<'_> {
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.tables[table as usize].insert(key, value).map_err(err)?;
        Ok(())
    }
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError> {
        self.tables[table as usize].remove(key).map_err(err)?;
        Ok(())
    }
}

struct RedbRead {
    tables: [redb::ReadOnlyTable<&'static [u8], &'static [u8]>; 4],
}

impl Snapshot for RedbRead {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        get_into(&self.tables[table as usize], key, out)
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        scan(&self.tables[table as usize], prefix, f)
    }
}

impl Store for RedbStore {
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError> {
        let mut txn = self.db.begin_write().map_err(err)?;
        txn.set_durability(Durability::Immediate).map_err(err)?;
        let commit = {
            let open = |i: usize| txn.open_table(DEFS[i]).map_err(err);
            let mut tx = RedbTx {
                tables: [open(0)?, open(1)?, open(2)?, open(3)?],
            };
            // On an error the transaction is dropped: aborted.
            f(&mut tx)?
        };
        if commit {
            txn.commit().map_err(err)?;
        } else {
            txn.abort().map_err(err)?;
        }
        Ok(commit)
    }
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError> {
        let txn = self.db.begin_read().map_err(err)?;
        let open = |i: usize| txn.open_table(DEFS[i]).map_err(err);
        let snap = RedbRead {
            tables: [open(0)?, open(1)?, open(2)?, open(3)?],
        };
        f(&snap)
    }
    fn engine(&self) -> &'static str {
        "redb"
    }
}
