//! epcstream: GS1 EPCIS 1.2 streaming, EPC translation and validation.
//!
//! The [`epc`] module parses, validates and translates every GS1 EPC scheme
//! between its representations (pure identity URI, tag URI, binary/hex, GS1
//! element string, GS1 Digital Link), exactly as the GS1 EPC Tag Data
//! Standard says.

pub mod epc;
pub mod epcis;
pub mod validate;
