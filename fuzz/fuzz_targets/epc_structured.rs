//! An `Arbitrary` EPC description (scheme + values that mostly follow its
//! rules) through `Epc::from_components` and every translation
//! (`epcstream::fuzzing::epc_structured`).
#![no_main]

use epcstream::fuzzing::{EpcInput, epc_structured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: EpcInput| epc_structured(&input));
