//! An `Arbitrary` EPCIS document model, written as XML in any layout, reads
//! back as the model: the same events, EPCs and positions
//! (`epcstream::fuzzing::scan_structured`).
#![no_main]

use epcstream::fuzzing::{DocInput, scan_structured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: DocInput| scan_structured(&input));
