//! [`Store`] over SQLite (bundled, through rusqlite): one WITHOUT ROWID
//! table per ledger table, WAL journal, `synchronous=FULL` (the WAL is
//! synced at every commit: durable; `NORMAL` in WAL mode syncs only at
//! checkpoints: a commit can be lost on power failure, never half-applied).
//! One connection writes, another reads (WAL readers see the last commit
//! as of their first read and do not block the writer).

use std::path::Path;
use std::sync::Mutex;

use epcstream::ledger::store::{ReadFn, Snapshot, Store, StoreError, Table, Tx, WriteFn};
use rusqlite::{Connection, params};

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("sqlite: {e}"))
}

/// Per table: get, upsert, delete, scan from a key, scan a key range.
struct Sql {
    get: String,
    put: String,
    del: String,
    scan_from: String,
    scan_range: String,
}

fn sql(t: Table) -> Sql {
    let n = t.name();
    Sql {
        get: format!("SELECT v FROM {n} WHERE k = ?1"),
        put: format!("INSERT INTO {n} (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO UPDATE SET v = excluded.v"),
        del: format!("DELETE FROM {n} WHERE k = ?1"),
        scan_from: format!("SELECT k, v FROM {n} WHERE k >= ?1 ORDER BY k"),
        scan_range: format!("SELECT k, v FROM {n} WHERE k >= ?1 AND k < ?2 ORDER BY k"),
    }
}

/// The ledger's tables in one SQLite database.
pub struct SqliteStore {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    sql: [Sql; 4],
}

impl SqliteStore {
    /// Opens (creates) `dir/ledger.sqlite` with a page cache of
    /// `cache_bytes` per connection; `synchronous` is `FULL` or `NORMAL`.
    pub fn open(dir: &Path, cache_bytes: u64, synchronous: &str) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join("ledger.sqlite");
        let conn = |cache_kib: u64| -> Result<Connection, StoreError> {
            let c = Connection::open(&path).map_err(err)?;
            c.execute_batch(&format!(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = {synchronous};
                 PRAGMA cache_size = -{cache_kib};
                 PRAGMA busy_timeout = 10000;"
            ))
            .map_err(err)?;
            c.set_prepared_statement_cache_capacity(64);
            Ok(c)
        };
        let writer = conn(cache_bytes / 1024)?;
        for t in Table::ALL {
            writer
                .execute_batch(&format!(
                    "CREATE TABLE IF NOT EXISTS {} (k BLOB PRIMARY KEY NOT NULL, v BLOB NOT NULL) WITHOUT ROWID",
                    t.name()
                ))
                .map_err(err)?;
        }
        // The reader: point lookups and scans, a smaller cache.
        let reader = conn(cache_bytes / 4096)?;
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            sql: Table::ALL.map(sql),
        })
    }
}

/// The key just after every key starting with `prefix`, if any.
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut s = prefix.to_vec();
    while let Some(last) = s.pop() {
        if last < 0xff {
            s.push(last + 1);
            return Some(s);
        }
    }
    None
}

struct SqlConn<'a> {
    c: &'a Connection,
    sql: &'a [Sql; 4],
}

impl Snapshot for SqlConn<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        out.clear();
        let mut st = self.c.prepare_cached(&self.sql[table as usize].get).map_err(err)?;
        let mut rows = st.query(params![key]).map_err(err)?;
        match rows.next().map_err(err)? {
            Some(row) => {
                out.extend_from_slice(row.get_ref(0).map_err(err)?.as_blob().map_err(err)?);
                Ok(true)
            }
            None => Ok(false),
        }
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        let s = &self.sql[table as usize];
        let end = successor(prefix);
        let (mut st, mut rows);
        match &end {
            Some(end) => {
                st = self.c.prepare_cached(&s.scan_range).map_err(err)?;
                rows = st.query(params![prefix, end]).map_err(err)?;
            }
            None => {
                st = self.c.prepare_cached(&s.scan_from).map_err(err)?;
                rows = st.query(params![prefix]).map_err(err)?;
            }
        }
        while let Some(row) = rows.next().map_err(err)? {
            let k = row.get_ref(0).map_err(err)?.as_blob().map_err(err)?;
            let v = row.get_ref(1).map_err(err)?.as_blob().map_err(err)?;
            if !k.starts_with(prefix) || !f(k, v) {
                break;
            }
        }
        Ok(())
    }
}

impl Tx for SqlConn<'_> {
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        let mut st = self.c.prepare_cached(&self.sql[table as usize].put).map_err(err)?;
        st.execute(params![key, value]).map_err(err)?;
        Ok(())
    }
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError> {
        let mut st = self.c.prepare_cached(&self.sql[table as usize].del).map_err(err)?;
        st.execute(params![key]).map_err(err)?;
        Ok(())
    }
}

impl Store for SqliteStore {
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError> {
        let c = self.writer.lock().map_err(|_| StoreError("sqlite: a writer panicked".into()))?;
        c.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let mut tx = SqlConn { c: &c, sql: &self.sql };
        let commit = match f(&mut tx) {
            Ok(true) => {
                c.execute_batch("COMMIT").map_err(err)?;
                true
            }
            Ok(false) => {
                c.execute_batch("ROLLBACK").map_err(err)?;
                false
            }
            Err(e) => {
                let _ = c.execute_batch("ROLLBACK");
                return Err(e);
            }
        };
        Ok(commit)
    }
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError> {
        let c = self.reader.lock().map_err(|_| StoreError("sqlite: a reader panicked".into()))?;
        c.execute_batch("BEGIN").map_err(err)?;
        let r = f(&SqlConn { c: &c, sql: &self.sql });
        c.execute_batch("COMMIT").map_err(err)?;
        r
    }
    fn engine(&self) -> &'static str {
        "sqlite"
    }
}
