//! The receiver's message rules: TraceLink Serialized Operations Manager
//! (SOM) messages of a contract manufacturer (seeds 000 and 004,
//! REFERENCE.md §4).
//!
//! A CMO's EPCIS document is one of the receiver's messages (ESM
//! Commission, ESM Decommission, ESM Shipment, …), and the receiver accepts
//! or rejects it by that message's rules, with its own error texts: Class 1
//! (format and mapping; texts ending in ` !!!`) and Class 2 (business
//! rules). This module
//!
//! * classifies a document into its [`MessageType`] from its events (or
//!   takes the type the transport gave, `--message SOM_ESM_DECOMMSSION`);
//! * checks it, in the scanner's single streaming pass ([`Checker`], a
//!   [`Sink`](crate::epcis::Sink) behind [`Validator::checked`](crate::validate::Validator::checked)),
//!   reporting every broken rule as a [`Violation`] with the seed's exact
//!   text, its class, rule id, element path, line:column and byte offset;
//! * reads and answers the SOAP Decommission and Destroy requests
//!   ([`soap`]);
//! * holds what the rules look values up in: the receiver's lookup tables
//!   as replaceable data files ([`Lookups`]), the user's product master
//!   ([`ProductMaster`]), and the duplicate-document memory
//!   ([`DuplicateStore`]).
//!
//! The rules, their ids and texts are listed in [`rules`].

mod check;
pub mod exception;
mod lookup;
mod master;
pub mod rules;
pub mod soap;
mod state;
pub mod time;

pub use check::Config;
pub use exception::{Exception, ExceptionCode, Validation};
pub use lookup::{LookupError, Lookups, Table};
pub use master::{MasterError, ProductMaster};
pub use state::{DuplicateStore, Record, StateError, file_identity};

use crate::epcis::{Finding, Flow, Position, Severity};
use std::borrow::Cow;
use std::fmt;

/// The TraceLink namespace of the `tl:` extensions.
pub const TL_NS: &str = "http://epcis.tracelink.com/ns";

macro_rules! message_types {
    ($($(#[$doc:meta])* $v:ident => $code:literal, $display:literal, [$($alias:literal),*];)*) => {
        /// A message of the receiver.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum MessageType { $($(#[$doc])* $v,)* }
        impl MessageType {
            /// Every type.
            pub const ALL: &'static [MessageType] = &[$(MessageType::$v,)*];
            /// The receiver's message type code, as the transport carries it
            /// (AS2 header, HTTP `directory=inbox/<code>`, SFTP folder).
            pub const fn code(self) -> &'static str {
                match self { $(MessageType::$v => $code,)* }
            }
            /// The receiver's display name ("Info Exchange Display Name").
            pub const fn display_name(self) -> &'static str {
                match self { $(MessageType::$v => $display,)* }
            }
            /// The type of a code (or one of its aliases), case-insensitive.
            pub fn from_code(code: &str) -> Option<MessageType> {
                $(
                    if code.eq_ignore_ascii_case($code) $(|| code.eq_ignore_ascii_case($alias))* {
                        return Some(MessageType::$v);
                    }
                )*
                None
            }
            /// Other codes accepted for the type.
            pub const fn aliases(self) -> &'static [&'static str] {
                match self { $(MessageType::$v => &[$($alias),*],)* }
            }
        }
    };
}

message_types! {
    /// ObjectEvent ADD, commissioning, active.
    EsmCommission => "SOM_ESM_COMMISSION", "ESM Commission", [];
    /// ObjectEvent DELETE, decommissioning, inactive. The code is spelt as
    /// the receiver spells it (`DECOMMSSION`); the correct spelling is an
    /// alias.
    EsmDecommission => "SOM_ESM_DECOMMSSION", "ESM Decommission", ["SOM_ESM_DECOMMISSION"];
    /// The same event, sent by CMOs and 3PLs for the MAH.
    DecommissionEvent => "SOM_DECOMMISSION_EVENT", "Decommission Event", [];
    /// ObjectEvent DELETE, destroying, destroyed.
    EsmDestroy => "SOM_ESM_DESTROY", "ESM Destroy", [];
    /// The same event, sent by CMOs and 3PLs for the MAH.
    DestroyEvent => "SOM_DESTROY_EVENT", "Destroy Event", [];
    /// AggregationEvent ADD, packing, in_progress.
    EsmAggregation => "SOM_ESM_AGGREGATE", "ESM Aggregation", [];
    /// AggregationEvent DELETE, unpacking, in_progress. (The receiver's
    /// code is not public; this one follows its pattern.)
    EsmDisaggregate => "SOM_ESM_DISAGGREGATE", "ESM Disaggregate", [];
    /// A shipping ObjectEvent, with commission and aggregation events or
    /// without.
    EsmShipment => "SOM_ESM_SHIPMENT", "ESM Shipment", ["SOM_SALES_SHIPMENT"];
    /// ObjectEvent OBSERVE, receiving.
    EsmReceive => "SOM_ESM_RECEIPT", "ESM Receive", ["SOM_RECEIPT"];
    /// An ObjectEvent with bizStep sampling (the CBV 2.0 value the receiver
    /// names).
    TakeSample => "SOM_TAKE_SAMPLE", "Take Product Sample", [];
    /// One ObjectEvent OBSERVE, void_shipping, in_progress.
    EsmVoidShipment => "SOM_ESM_VOID_SHIPMENT", "ESM Void Shipment", ["SOM_VOID_SHIPMENT"];
    /// One ObjectEvent with `tl:updateStatusEventExtensions`.
    EsmUpdateSnStatus => "SOM_UPDATE_SN_STATUS", "ESM Update Serial Number Status", ["TL_EPCIS_SOM_ESM_Update_SN_Status_1_2"];
    /// The SOAP `urn:Decommission` request.
    SoapDecommission => "SOAP_DECOMMISSION", "Decommission (SOAP)", ["Decommission"];
    /// The SOAP `urn:Destroy` request.
    SoapDestroy => "SOAP_DESTROY", "Destroy (SOAP)", ["Destroy"];
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

impl MessageType {
    /// Whether the message is a SOAP request (not an EPCIS document).
    pub const fn is_soap(self) -> bool {
        matches!(
            self,
            MessageType::SoapDecommission | MessageType::SoapDestroy
        )
    }
}

/// Who says a rule: the receiver's error classes, or the GS1 standards
/// (the findings of [`crate::epcis`] and [`crate::validate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// A GS1 rule (XML, EPCIS 1.2, CBV 1.2, the EPC Tag Data Standard).
    Gs1,
    /// The receiver's Class 1: format and mapping.
    One,
    /// The receiver's Class 2: business rules.
    Two,
}

impl Class {
    /// `gs1`, `1`, `2`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Class::Gs1 => "gs1",
            Class::One => "1",
            Class::Two => "2",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation<'a> {
    /// Class 1, Class 2, or a GS1 rule.
    pub class: Class,
    /// Stable rule id (`som.action`, `som.address_object_guid`, … or the
    /// GS1 finding's `epc.invalid`, `cbv.biz_step`, …).
    pub rule: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The receiver's exact text (for `som.*` rules whose text the seed
    /// gives), else epcstream's.
    pub message: Cow<'a, str>,
    /// What epcstream adds: the value found, what was expected.
    pub detail: Option<String>,
    /// The SOAP exception code the receiver answers with (SOAP requests,
    /// and the serial-state checks of the ledger).
    pub code: Option<ExceptionCode>,
    /// Where.
    pub pos: Position,
    /// Element path.
    pub path: Cow<'a, str>,
}

impl<'a> Violation<'a> {
    /// A GS1 finding of the scanner or validator.
    pub fn from_finding(f: &'a Finding) -> Self {
        Violation {
            class: Class::Gs1,
            rule: f.rule,
            severity: f.severity,
            message: Cow::Borrowed(&f.message),
            detail: None,
            code: None,
            pos: f.pos,
            path: Cow::Borrowed(&f.path),
        }
    }
    /// Copies what it borrows.
    pub fn into_owned(self) -> Violation<'static> {
        Violation {
            class: self.class,
            rule: self.rule,
            severity: self.severity,
            message: Cow::Owned(self.message.into_owned()),
            detail: self.detail,
            code: self.code,
            pos: self.pos,
            path: Cow::Owned(self.path.into_owned()),
        }
    }
}

/// Receives the violations of a [`Checker`], as they are found.
pub trait Report {
    /// One violation. [`Flow::Stop`] ends the scan.
    fn violation(&mut self, v: &Violation<'_>) -> Flow;
}

impl<R: Report + ?Sized> Report for &mut R {
    fn violation(&mut self, v: &Violation<'_>) -> Flow {
        (**self).violation(v)
    }
}

impl Report for Vec<Violation<'static>> {
    fn violation(&mut self, v: &Violation<'_>) -> Flow {
        self.push(v.clone().into_owned());
        Flow::Continue
    }
}
