//! [`Store`](epcstream::ledger::Store) over fjall: the ledger's own
//! implementation (`src/ledger/fjall.rs`, which started here), so the
//! benchmark measures exactly what `epcstream apply` runs.

pub use epcstream::ledger::FjallStore;
