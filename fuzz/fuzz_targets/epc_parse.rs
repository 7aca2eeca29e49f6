//! Any text through every EPC parser: no panic, and whatever parses
//! round-trips (`epcstream::fuzzing::epc_parse`).
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    if epcstream::fuzzing::epc_parse(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});
