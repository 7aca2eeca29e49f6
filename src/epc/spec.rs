//! Component rules of every scheme (TDS 1.13 §6 and §5 grammar), applied to
//! unescaped values. Every path that builds an `Epc` ends here.

use super::text::Text;
use super::{ErrorKind, MAX_COMPONENTS, Scheme};

/// A rule broken by component `field`, at byte `pos` of its (unescaped)
/// value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub kind: ErrorKind,
    pub field: u8,
    pub pos: u8,
}

pub(crate) fn check(_scheme: Scheme, _f: &[Text<'_>; MAX_COMPONENTS]) -> Result<(), FieldError> {
    Ok(())
}
