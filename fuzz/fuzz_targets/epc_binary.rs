//! Any bits through `Binary::decode`: no panic, and whatever decodes
//! re-encodes to the same bits (`epcstream::fuzzing::epc_binary`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::epc_binary(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
