//! Integration tests: one binary, one module per topic.

mod cli;
mod epc_props;
mod epc_vectors;
mod fuzz_regressions;
mod r#gen;
mod ledger;
mod ledger_crash;
mod public_corpus;
mod public_validate;
mod soap;
mod validate;
