//! The ledger's storage: ordered byte keys and values in a few tables,
//! written in transactions that apply completely or not at all.
//!
//! [`Store`] is what the ledger needs of a storage engine and nothing more,
//! so the engine is replaceable (an embedded one by default; a user who
//! outgrows one machine implements [`Store`] over a distributed engine).
//! [`MemStore`] keeps everything in memory (tests, the fuzz model, dry
//! runs).
//!
//! Contract of every implementation:
//!
//! * [`Store::write`] runs its closure in one write transaction; the
//!   closure sees its own writes; the transaction is committed, durably
//!   (synced), only when the closure returns `Ok(true)`; on `Ok(false)` or
//!   an error nothing of it is visible, before or after a crash.
//! * [`Store::read`] runs its closure on a consistent snapshot of the last
//!   commit.
//! * Keys compare as bytes; [`Snapshot::scan`] visits the keys starting
//!   with a prefix in ascending order.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::RwLock;

/// The ledger's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// Serial key → its record (state, parent, …).
    Serials,
    /// Parent key + child key → nothing: the aggregation index.
    Children,
    /// Serial key + sequence number → one applied event of its history.
    History,
    /// Document identifier → when it was applied (idempotency, audit).
    Documents,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 4] = [
        Table::Serials,
        Table::Children,
        Table::History,
        Table::Documents,
    ];
    /// The table's name in the store.
    pub const fn name(self) -> &'static str {
        match self {
            Table::Serials => "serials",
            Table::Children => "children",
            Table::History => "history",
            Table::Documents => "documents",
        }
    }
}

/// A storage engine's error.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ledger store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError(e.to_string())
    }
}

/// Reads of a snapshot (or of a transaction, its own writes included).
pub trait Snapshot {
    /// The value of `key` into `out` (cleared first); whether it exists.
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError>;
    /// Visits the entries whose key starts with `prefix`, in key order,
    /// until `f` returns `false`.
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError>;
}

/// Writes of a transaction.
pub trait Tx: Snapshot {
    /// Sets `key` to `value`.
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError>;
    /// Removes `key` (no error when absent).
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError>;
}

/// A write transaction's body: `Ok(true)` commits.
pub type WriteFn<'f> = dyn FnMut(&mut dyn Tx) -> Result<bool, StoreError> + 'f;
/// A read's body.
pub type ReadFn<'f> = dyn FnMut(&dyn Snapshot) -> Result<(), StoreError> + 'f;

/// A storage engine for the ledger (see the module docs for the contract).
pub trait Store: Send + Sync {
    /// Runs `f` in one write transaction; commits (durably) when it
    /// returns `Ok(true)`. Returns what `f` returned.
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError>;
    /// Runs `f` on a snapshot of the last commit.
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError>;
    /// The engine's name, for messages.
    fn engine(&self) -> &'static str;
}

type Tables = [BTreeMap<Vec<u8>, Vec<u8>>; 4];

/// Everything in memory: a [`Store`] for tests and models.
#[derive(Debug, Default)]
pub struct MemStore {
    tables: RwLock<Tables>,
}

impl MemStore {
    /// An empty store.
    pub fn new() -> Self {
        MemStore::default()
    }
}

fn scan_map(
    map: &BTreeMap<Vec<u8>, Vec<u8>>,
    prefix: &[u8],
    f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
) {
    for (k, v) in map.range(prefix.to_vec()..) {
        if !k.starts_with(prefix) || !f(k, v) {
            break;
        }
    }
}

impl Snapshot for Tables {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        out.clear();
        Ok(match self[table as usize].get(key) {
            Some(v) => {
                out.extend_from_slice(v);
                true
            }
            None => false,
        })
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        scan_map(&self[table as usize], prefix, f);
        Ok(())
    }
}

/// A transaction over a copy-on-write overlay of the committed tables.
struct MemTx<'s> {
    base: &'s Tables,
    /// Writes: `Some` value or `None` deleted.
    overlay: [BTreeMap<Vec<u8>, Option<Vec<u8>>>; 4],
}

impl Snapshot for MemTx<'_> {
    fn get_into(&self, table: Table, key: &[u8], out: &mut Vec<u8>) -> Result<bool, StoreError> {
        match self.overlay[table as usize].get(key) {
            Some(Some(v)) => {
                out.clear();
                out.extend_from_slice(v);
                Ok(true)
            }
            Some(None) => {
                out.clear();
                Ok(false)
            }
            None => self.base.get_into(table, key, out),
        }
    }
    fn scan(
        &self,
        table: Table,
        prefix: &[u8],
        f: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<(), StoreError> {
        // The committed entries with the overlay applied, in key order.
        let mut entries: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for (k, v) in self.base[table as usize].range(prefix.to_vec()..) {
            if !k.starts_with(prefix) {
                break;
            }
            entries.push((k.clone(), v.clone()));
        }
        let mut all: BTreeMap<Vec<u8>, Option<Vec<u8>>> =
            entries.into_iter().map(|(k, v)| (k, Some(v))).collect();
        for (k, v) in self.overlay[table as usize].range(prefix.to_vec()..) {
            if !k.starts_with(prefix) {
                break;
            }
            all.insert(k.clone(), v.clone());
        }
        for (k, v) in &all {
            if let Some(v) = v
                && !f(k, v)
            {
                break;
            }
        }
        Ok(())
    }
}

impl Tx for MemTx<'_> {
    fn put(&mut self, table: Table, key: &[u8], value: &[u8]) -> Result<(), StoreError> {
        self.overlay[table as usize].insert(key.to_vec(), Some(value.to_vec()));
        Ok(())
    }
    fn delete(&mut self, table: Table, key: &[u8]) -> Result<(), StoreError> {
        self.overlay[table as usize].insert(key.to_vec(), None);
        Ok(())
    }
}

impl Store for MemStore {
    fn write(&self, f: &mut WriteFn<'_>) -> Result<bool, StoreError> {
        let mut guard = self
            .tables
            .write()
            .map_err(|_| StoreError("a writer panicked".into()))?;
        let mut tx = MemTx {
            base: &guard,
            overlay: Default::default(),
        };
        let commit = f(&mut tx)?;
        if commit {
            let overlay = std::mem::take(&mut tx.overlay);
            for (t, writes) in overlay.into_iter().enumerate() {
                for (k, v) in writes {
                    match v {
                        Some(v) => guard[t].insert(k, v),
                        None => guard[t].remove(&k),
                    };
                }
            }
        }
        Ok(commit)
    }
    fn read(&self, f: &mut ReadFn<'_>) -> Result<(), StoreError> {
        let guard = self
            .tables
            .read()
            .map_err(|_| StoreError("a writer panicked".into()))?;
        f(&*guard)
    }
    fn engine(&self) -> &'static str {
        "memory"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transaction_sees_its_writes_and_commits_all_or_nothing() {
        let s = MemStore::new();
        let committed = s
            .write(&mut |tx| {
                tx.put(Table::Serials, b"a", b"1")?;
                tx.put(Table::Serials, b"b", b"2")?;
                let mut v = Vec::new();
                assert!(tx.get_into(Table::Serials, b"a", &mut v)?);
                assert_eq!(v, b"1");
                Ok(true)
            })
            .unwrap();
        assert!(committed);
        let rolled_back = s
            .write(&mut |tx| {
                tx.put(Table::Serials, b"c", b"3")?;
                tx.delete(Table::Serials, b"a")?;
                let mut keys = Vec::new();
                tx.scan(Table::Serials, b"", &mut |k, _| {
                    keys.push(k.to_vec());
                    true
                })?;
                assert_eq!(keys, [b"b".to_vec(), b"c".to_vec()]);
                Ok(false)
            })
            .unwrap();
        assert!(!rolled_back);
        s.read(&mut |snap| {
            let mut keys = Vec::new();
            snap.scan(Table::Serials, b"", &mut |k, v| {
                keys.push((k.to_vec(), v.to_vec()));
                true
            })?;
            assert_eq!(
                keys,
                [
                    (b"a".to_vec(), b"1".to_vec()),
                    (b"b".to_vec(), b"2".to_vec())
                ]
            );
            Ok(())
        })
        .unwrap();
    }
}
