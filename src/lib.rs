//! epcstream: GS1 EPCIS 1.2 streaming, EPC translation and validation.
//!
//! The [`epc`] module parses, validates and translates every GS1 EPC scheme
//! between its representations (pure identity URI, tag URI, binary/hex, GS1
//! element string, GS1 Digital Link), exactly as the GS1 EPC Tag Data
//! Standard says. The [`epcis`] module streams EPCIS 1.2 documents;
//! [`gen`](gen/index.html) writes deterministic ones, as large as wanted, for benchmarks
//! and tests.

pub mod epc;
pub mod epcis;
// `gen` is a reserved keyword in edition 2024: the module is `r#gen`
// (plain `epcstream::gen` from edition 2021 crates).
pub mod r#gen;
pub mod ledger;
pub mod som;
pub mod validate;

// The checks run by the fuzz targets in fuzz/ and by
// tests/fuzz_regressions.rs (the rustls `internal::fuzzing` pattern). Not an
// API: hidden, no semver promise.
#[doc(hidden)]
pub mod fuzzing;
