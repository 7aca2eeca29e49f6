//! Any bytes as a SOAP message: no panic; the answer to a request (or a
//! response read and written back) reads back saying the same
//! (`epcstream::fuzzing::soap_bytes`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::soap_bytes(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
