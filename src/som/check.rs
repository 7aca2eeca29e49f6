//! The message checker: a [`Sink`] that checks each event against its
//! message's rules while the document streams by.

use super::{Lookups, MessageType, ProductMaster};

/// What the checker checks against.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The message type given by the transport (`--message`); `None`:
    /// classify from the events.
    pub message: Option<MessageType>,
    /// The receiver's lookup tables.
    pub lookups: Lookups,
    /// Product master data (target markets by GTIN), for the Class 2
    /// Russia rules; empty: those rules cannot fire.
    pub master: ProductMaster,
    /// "Now" in seconds since the epoch, for rules about the future
    /// (EVENTTIMEAFTERNOW); `None`: the system clock.
    pub now: Option<i64>,
}
