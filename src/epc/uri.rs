//! Pure identity, class, pattern and tag URIs.
use super::{Epc, ErrorKind, ParseError, Scheme, TagEpc};
use std::fmt;

/// An EPC pattern URI (`urn:epc:idpat:sgtin:0614141.*.*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdPattern<'a> {
    epc: Epc<'a>,
    fixed: u8,
}

pub(crate) fn prefix(s: Scheme) -> &'static str {
    let _ = s;
    "urn:epc:id:"
}
pub(crate) fn parse_uri(_input: &str) -> Result<Epc<'_>, ParseError> {
    Err(ParseError::new(ErrorKind::UnknownScheme, 0))
}
pub(crate) fn parse_tag_uri(_input: &str) -> Result<TagEpc<'_>, ParseError> {
    Err(ParseError::new(ErrorKind::UnknownScheme, 0))
}
pub(crate) fn write_uri<W: fmt::Write>(_e: &Epc<'_>, _out: &mut W) -> fmt::Result {
    Ok(())
}
pub(crate) fn write_tag_uri<W: fmt::Write>(_e: &TagEpc<'_>, _out: &mut W) -> fmt::Result {
    Ok(())
}
