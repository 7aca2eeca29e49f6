//! An `Arbitrary` sequence of ledger messages applied to the engine and to
//! a reference model of its documented rules: the same verdicts and states;
//! the engine's invariants hold (`epcstream::fuzzing::ledger_ops`).
#![no_main]

use epcstream::fuzzing::{LedgerInput, ledger_ops};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: LedgerInput| {
    ledger_ops(&input);
});
