//! The serial-number ledger: the receiver's state machine over every serial
//! number, its aggregation hierarchy and history, in a durable store.

pub mod engine;
pub mod epcis;
pub mod record;
pub mod soap;
pub mod store;

pub use engine::{Applied, Applier, Item, Ledger, Message, OpKind, Operation, Rejection, Status};
pub use record::{HistoryEntry, SerialRecord, SerialState, ShipmentKind, serial_key};
pub use store::{MemStore, Snapshot, Store, StoreError, Table, Tx};

#[cfg(test)]
mod tests;
