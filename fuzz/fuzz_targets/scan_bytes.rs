//! Any bytes as an EPCIS document: no panic, no hang, bounded output, and
//! `scan_read` in small pieces agrees with `scan_slice`
//! (`epcstream::fuzzing::scan_bytes`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::scan_bytes(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
