//! The serial-number ledger: the receiver's state machine over every serial
//! number, its aggregation hierarchy and history, in a durable store.

pub mod store;

pub use store::{MemStore, Snapshot, Store, StoreError, Table, Tx};
