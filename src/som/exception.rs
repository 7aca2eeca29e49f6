//! The receiver's SOAP exception codes and their messages (seed 004,
//! "Errors" of the Decommission and Destroy SOAP APIs; the same table for
//! both).
//!
//! Each code has its message template with the seed's exact text; the
//! placeholders (`<serial number>`, `<parent serial number>`, `<location
//! identifier>`, `<field name>`) are filled by [`Exception`]'s
//! constructors. `VALIDATION` has several texts ([`Validation`]). Codes
//! about serial state (NEVERCOMMISSIONED, NOTCOMMISSIONED, SNNOTFOUND,
//! BADAGGREGATESTATE, …) are raised by the serial-number ledger; syntax
//! and request checks raise VALIDATION, MLTUPLE_ATTRIBUTES_DECOMMISSION,
//! SOMDUPLICATESNS and EVENTTIMEAFTERNOW.

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $v:ident => $code:literal, $text:literal;)*) => {
        /// An exception code of the receiver's SOAP API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ExceptionCode { $($(#[$doc])* $v,)* }
        impl ExceptionCode {
            /// Every code, in the seed's order.
            pub const ALL: &'static [ExceptionCode] = &[$(ExceptionCode::$v,)*];
            /// The code as the response carries it (`ExceptionCode`).
            pub const fn as_str(self) -> &'static str {
                match self { $(ExceptionCode::$v => $code,)* }
            }
            /// The seed's message template, placeholders in `<…>`.
            pub const fn template(self) -> &'static str {
                match self { $(ExceptionCode::$v => $text,)* }
            }
        }
    };
}

codes! {
    /// Parent and child in different states.
    BadAggregateState => "BADAGGREGATESTATE", "Operation could not be performed because serial number <serial number> and serial number <parent serial number> are currently in different states, or the operation would result in them having different states. Parent and child serial numbers are not permitted to be in different states.";
    /// The serial is aggregated to a container.
    CannotBeAggregated => "CANNOTBEAGGREGATED", "Operation could not be performed because serial number <serial number> is aggregated to container <parent serial number>.";
    /// Serials in several locations.
    CrossLocations => "CROSSLOCATIONS", "Operation cannot be performed against serial numbers in multiple locations.";
    /// Event time in the future.
    EventTimeAfterNow => "EVENTTIMEAFTERNOW", "Event time stamp must not be in the future.";
    /// Event time before the serial's last event.
    EventTimeBeforeLastEvent => "EVENTTIMEBEFORELASTEVENT", "Event time stamp is earlier than the last event for serial number <serial number>.";
    /// More than one reason (item attribute) set.
    MultipleAttributesDecommission => "MLTUPLE_ATTRIBUTES_DECOMMISSION", "The serial number(s) could not be decommissioned. The Decommission API request may only specify a single reason code.";
    /// The serial was never commissioned.
    NeverCommissioned => "NEVERCOMMISSIONED", "Serial number <serial number> was never commissioned.";
    /// No SOM service for the caller.
    NoSomService => "NOSOMSERVICE", "No Serialized Operations Manager service found.";
    /// The serial is not (currently) commissioned.
    NotCommissioned => "NOTCOMMISSIONED", "Serial number <serial number> is not commissioned.";
    /// Commissioned elsewhere.
    NotCommissionedLocation => "NOTCOMMISSIONEDLOCATION", "Serial Number <serial number> was not commissioned at this location.";
    /// The location does not fit the serial.
    NotValidLocation => "NOTVALIDLOCATION", "Location <location identifier> was not valid for serial number <serial number>.";
    /// Unknown serial.
    SnNotFound => "SNNOTFOUND", "Serial number <serial number> does not exist.";
    /// A serial listed more than once.
    DuplicateSerials => "SOMDUPLICATESNS", "The following serial numbers were listed more than once: <serial number>.";
    /// A field missing or invalid, or a Russia rule.
    Validation => "VALIDATION", "The parameter <field name> is missing or had an invalid value.";
}

impl fmt::Display for ExceptionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ExceptionCode {
    /// The code spelt `s` (as in a response).
    pub fn from_code(s: &str) -> Option<ExceptionCode> {
        ExceptionCode::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// The texts of `VALIDATION` other than the missing-parameter one: the
/// receiver's Russia rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validation {
    /// `DestructionMethod` missing for a product sold in Russia.
    DestructionMethodRussia,
    /// No item attribute (reason) set for a product sold in Russia.
    ItemAttributeRussia,
    /// `Location` missing for a product sold in Russia.
    LocationRussia,
    /// `ReportingPartyIdentifier` missing with `Transactions`, product sold
    /// in Russia.
    ReportingPartyRussia,
    /// No transaction identifier for a product sold in Russia.
    TransactionRussia,
}

impl Validation {
    /// The seed's exact text.
    pub const fn text(self) -> &'static str {
        match self {
            Validation::DestructionMethodRussia => {
                "Destruction Method is required for products sold in Russia."
            }
            Validation::ItemAttributeRussia => {
                "Item Attribute is required for products sold in Russia."
            }
            Validation::LocationRussia => "Location is required for products sold in Russia.",
            Validation::ReportingPartyRussia => {
                "Reporting Party is required when Transactions are included in the request and products are sold in Russia."
            }
            Validation::TransactionRussia => {
                "Transaction Identifier for 'Removal from Circulation' is required for products sold in Russia."
            }
        }
    }
}

/// One `CallException` of a response: a code and its message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Exception {
    /// `ExceptionCode`.
    pub code: ExceptionCode,
    /// `ExceptionMessage`.
    pub message: String,
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in pairs {
        s = s.replacen(k, v, 1);
    }
    s
}

impl Exception {
    /// A code whose message has no placeholder (CROSSLOCATIONS,
    /// EVENTTIMEAFTERNOW, MLTUPLE_ATTRIBUTES_DECOMMISSION, NOSOMSERVICE).
    pub fn plain(code: ExceptionCode) -> Self {
        Exception {
            code,
            message: code.template().to_owned(),
        }
    }
    /// A code about one serial number (NEVERCOMMISSIONED, NOTCOMMISSIONED,
    /// NOTCOMMISSIONEDLOCATION, SNNOTFOUND, EVENTTIMEBEFORELASTEVENT).
    pub fn serial(code: ExceptionCode, serial: &str) -> Self {
        Exception {
            code,
            message: fill(code.template(), &[("<serial number>", serial)]),
        }
    }
    /// A code about a serial and its parent (BADAGGREGATESTATE,
    /// CANNOTBEAGGREGATED).
    pub fn aggregate(code: ExceptionCode, serial: &str, parent: &str) -> Self {
        Exception {
            code,
            message: fill(
                code.template(),
                &[
                    ("<serial number>", serial),
                    ("<parent serial number>", parent),
                ],
            ),
        }
    }
    /// NOTVALIDLOCATION.
    pub fn not_valid_location(location: &str, serial: &str) -> Self {
        Exception {
            code: ExceptionCode::NotValidLocation,
            message: fill(
                ExceptionCode::NotValidLocation.template(),
                &[
                    ("<location identifier>", location),
                    ("<serial number>", serial),
                ],
            ),
        }
    }
    /// SOMDUPLICATESNS: the serials listed more than once, separated by
    /// `, `.
    pub fn duplicate_serials<'s>(serials: impl IntoIterator<Item = &'s str>) -> Self {
        let list = serials.into_iter().collect::<Vec<_>>().join(", ");
        Exception {
            code: ExceptionCode::DuplicateSerials,
            message: fill(
                ExceptionCode::DuplicateSerials.template(),
                &[("<serial number>", &list)],
            ),
        }
    }
    /// VALIDATION: "The parameter <field name> is missing or had an invalid
    /// value."
    pub fn parameter(field: &str) -> Self {
        Exception {
            code: ExceptionCode::Validation,
            message: fill(
                ExceptionCode::Validation.template(),
                &[("<field name>", field)],
            ),
        }
    }
    /// VALIDATION with one of the Russia texts.
    pub fn validation(v: Validation) -> Self {
        Exception {
            code: ExceptionCode::Validation,
            message: v.text().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_seed_texts_filled() {
        assert_eq!(
            Exception::serial(
                ExceptionCode::NeverCommissioned,
                "urn:epc:id:sgtin:0614141.812345.1"
            )
            .message,
            "Serial number urn:epc:id:sgtin:0614141.812345.1 was never commissioned."
        );
        assert_eq!(
            Exception::aggregate(ExceptionCode::CannotBeAggregated, "A", "B").message,
            "Operation could not be performed because serial number A is aggregated to container B."
        );
        assert_eq!(
            Exception::duplicate_serials(["1", "2"]).message,
            "The following serial numbers were listed more than once: 1, 2."
        );
        assert_eq!(
            Exception::parameter("EventDateTime").message,
            "The parameter EventDateTime is missing or had an invalid value."
        );
        assert_eq!(
            Exception::not_valid_location("8888882.02867.0", "X").message,
            "Location 8888882.02867.0 was not valid for serial number X."
        );
        for c in ExceptionCode::ALL {
            assert_eq!(ExceptionCode::from_code(c.as_str()), Some(*c));
        }
        assert_eq!(ExceptionCode::ALL.len(), 14);
    }
}
