//! Any bytes as the ledger store's stored data: a serial's record, a
//! history entry or a redo file, chosen by the first byte; no panic, what
//! decodes round-trips (`epcstream::fuzzing::ledger_store`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::ledger_store(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
