//! GS1 element strings: Application Identifiers and their values.

use std::borrow::Cow;

/// One AI and its value, e.g. `(01)` `00614141123452`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AiValue<'a> {
    /// The AI code, e.g. `"01"`, `"8003"`.
    pub ai: &'static str,
    /// The value, unescaped, without the AI.
    pub value: Cow<'a, str>,
}

/// A GS1 element string: an ordered list of AIs with their values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ElementString<'a> {
    items: Vec<AiValue<'a>>,
}

impl<'a> ElementString<'a> {
    /// An empty element string.
    pub fn new() -> Self {
        ElementString { items: Vec::new() }
    }
    /// Appends an AI and its value (not validated here).
    pub fn push(&mut self, ai: &'static str, value: impl Into<Cow<'a, str>>) {
        self.items.push(AiValue {
            ai,
            value: value.into(),
        });
    }
    /// The AIs in order.
    pub fn items(&self) -> &[AiValue<'a>] {
        &self.items
    }
    /// The value of the first occurrence of `ai`.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.ai == ai)
            .map(|i| i.value.as_ref())
    }
}
