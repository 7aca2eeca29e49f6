//! Any bytes (raw, or inside an EPCIS skeleton): `scan_parallel` with tiny
//! chunks on two threads reports exactly what `scan_slice` reports
//! (`epcstream::fuzzing::scan_parallel_eq`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::scan_parallel_eq(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
