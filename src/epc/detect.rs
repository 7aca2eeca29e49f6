//! Representation detection: one entry point for every input form.
use super::{Epc, ParseError};

/// The representation an input was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representation {
    /// `urn:epc:id:...`
    PureIdentityUri,
}

/// What [`parse_any`] found.
#[derive(Clone, Debug)]
pub enum Parsed<'a> {
    /// A pure identity URI.
    Id(Epc<'a>),
}

/// Parses any representation.
pub fn parse_any(input: &str) -> Result<Parsed<'_>, ParseError> {
    Epc::parse(input).map(Parsed::Id)
}
