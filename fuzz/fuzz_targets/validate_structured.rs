//! An `Arbitrary` receiver message model, written as XML and checked
//! against the receiver's rules with the message type given and inferred:
//! no panic, a message built valid has no receiver error, one broken field
//! sets off exactly its rule (`epcstream::fuzzing::validate_structured`).
#![no_main]

use epcstream::fuzzing::{MessageInput, validate_structured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: MessageInput| validate_structured(&input));
