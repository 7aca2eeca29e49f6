//! The serial-number ledger: the receiver's state machine over every serial
//! number, its aggregation hierarchy and history, in a durable store.
//!
//! * [`Ledger`] applies messages ([`Message`]: operations on serials) all
//!   or nothing, with the receiver's exception codes
//!   ([`engine`](engine) has the transition table);
//! * [`epcis`] turns EPCIS documents into messages as they stream (one
//!   operation per event), [`soap`] the SOAP Decommission and Destroy
//!   requests (answered in the receiver's response envelope);
//! * [`store`] is the storage contract; [`open`] opens the default durable
//!   store ([`FjallStore`]: fjall, every commit synced) in a directory,
//!   [`MemStore`] keeps everything in memory.

pub mod engine;
pub mod epcis;
pub(crate) mod fjall;
pub mod record;
pub mod soap;
pub mod store;

pub use engine::{Applied, Applier, Item, Ledger, Message, OpKind, Operation, Rejection, Status};
pub use fjall::{FjallStore, FjallTuning};
pub use record::{HistoryEntry, SerialRecord, SerialState, ShipmentKind, serial_key};
pub use store::{MemStore, Snapshot, Store, StoreError, Table, Tx};

/// The block cache of the default store.
pub const CACHE_BYTES: u64 = 256 << 20;

/// Opens (creating it if missing) the durable ledger in `dir`: fjall, a
/// 256 MiB block cache, every commit synced to disk.
pub fn open(dir: &std::path::Path) -> Result<Ledger, StoreError> {
    std::fs::create_dir_all(dir)?;
    let store = FjallStore::open(dir, CACHE_BYTES, ::fjall::PersistMode::SyncAll)?;
    Ok(Ledger::new(Box::new(store)))
}

#[cfg(test)]
mod tests;
