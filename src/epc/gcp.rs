//! GS1 Company Prefix lengths: where an element string or Digital Link is
//! turned into an EPC URI, the split between company prefix and reference
//! comes from here (TDS 1.13 §7.3 step 2).

/// A source of GS1 Company Prefix lengths.
pub trait GcpSource {
    /// The length (6..=12) of the GS1 Company Prefix that `digits` starts
    /// with, where `digits` are the key's digits from the position where the
    /// company prefix begins (after the GTIN indicator digit or the SSCC
    /// extension digit). `None` when unknown.
    fn gcp_length(&self, digits: &[u8]) -> Option<u8>;
}

/// A fixed company prefix length for every key.
impl GcpSource for u8 {
    fn gcp_length(&self, _digits: &[u8]) -> Option<u8> {
        (6..=12).contains(self).then_some(*self)
    }
}

/// A GCP prefix table (GS1 `gcpprefixformatlist`).
#[derive(Clone, Debug, Default)]
pub struct GcpTable {}

impl GcpSource for GcpTable {
    fn gcp_length(&self, _digits: &[u8]) -> Option<u8> {
        None
    }
}
