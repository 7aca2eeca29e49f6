//! Integration tests: one binary, one module per topic.

mod epc_props;
mod epc_vectors;
