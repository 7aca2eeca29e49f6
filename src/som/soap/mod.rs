//! SOAP Decommission and Destroy requests and the receiver's responses
//! (seed 004, "Decommission (SOAP)" and "Destroy (SOAP)").
//!
//! * [`read`] reads a SOAP 1.1 envelope (any prefixes) whose Body holds
//!   `urn:Decommission/DecommissionRequest` or `urn:Destroy/DestroyRequest`
//!   (namespace [`TL_SOAP_NS`], the request's children unqualified) into a
//!   [`Request`], every element with its value, [`Position`] and path; or a
//!   response (`*Response/TLResponse/Success`,
//!   `ExceptionReturn/CallException/ExceptionCode/ExceptionMessage`) into a
//!   [`ReadResponse`].
//! * [`check`] reads a request and applies the receiver's rules: it answers
//!   with the exceptions the receiver answers with ([`Response`], written
//!   by [`Response::to_xml`] in the seed's shape), each also a
//!   [`Violation`] (class 1, rule `soap.<code in lower case>`, the exact
//!   message, where, why), and the warnings (tolerated defects, unknown
//!   elements, serials in no GS1 form).
//! * [`is_soap`] sniffs the first bytes of an input, for callers that
//!   route inputs (`epcstream validate`).
//!
//! # What is checked (the seed's tables; choices where it is ambiguous)
//!
//! Request XML is read leniently where the seed's own examples are wrong in
//! a way real senders are too, and the meaning is unambiguous: a leaf
//! re-opened with its name right after its text is its end tag
//! (`xml.reopened_leaf`), a response closed with another `*Response` name
//! (`xml.end_name`). Both are warnings. Unknown elements are warnings
//! (`soap.unknown_element`; the seed's examples send `MarketReleased`, and
//! `SampledArchival`/`SampledSelectiveControl` in the Decommission request,
//! whose table lacks them): the item attributes of either operation's table
//! are accepted in both. Anything else malformed is a [`SoapError`]. The
//! order of elements is not checked. Elements of the request in a
//! namespace are unknown elements (the request's elements are
//! unqualified).
//!
//! Exceptions (`VALIDATION`: "The parameter <field name> is missing or had
//! an invalid value.", the field named as the request spells it):
//!
//! * the request element (`DecommissionRequest`, `DestroyRequest`),
//!   `SerialNumberList`/`Items` with at least one `SerialNumber`/`Item`,
//!   and its `sn`, are required. The other elements the tables call
//!   "Required" have occurrence `0...1` and are absent from the seed's own
//!   examples (`DestructionMethod`, `ReportingPartyIdentifier`, `Location`,
//!   `Transactions`): they are required where the seed's Russia and Turkey
//!   rules say, not always;
//! * a `Transaction` given must have `ItemType` and `Date`; its `ItemID` is
//!   required in Destroy ("Required") and, in Decommission, when
//!   `MarketCountryCode` is `TR` ("Conditionally required for Turkey");
//! * a `ReportingPartyIdentifier` given must have both `identifiertype`
//!   (in the `IdentifierType` lookup) and `identifiervalue`;
//! * booleans are `true`, `false`, `1` or `0` (white space around allowed,
//!   as `xs:boolean`); `EventDateTime` is a date-time
//!   (`YYYY-MM-DDThh:mm:ss[.f][Z|±hh:mm]`, no zone: UTC); `Date` is
//!   `YYYY-MM-DD`; `ItemType`, `DestructionMethod`, `ReasonCode`,
//!   `LocationType`, `MarketCountryCode` are in their lookup tables
//!   (`TransactionId`, `DestructionMethod`, `ReasonCode`, `LocationId`,
//!   `ISOCountryCode`; the country also 2 to 3 characters); with
//!   `LocationType` `SGLN`, `Location` is an SGLN without its URI prefix
//!   (`8888882.02867.0`; with the prefix: a warning);
//! * with `MarketCountryCode` `TR`, `ReasonDescription` is required and at
//!   most 100 characters;
//! * an element given twice where the table allows one: `VALIDATION` for
//!   it (which value the receiver would take is not known);
//! * `sn` through the EPC core ([`parse_any`](crate::epc::parse_any)): a
//!   recognisable GS1 form that is invalid (bad check digit, bad URI, …)
//!   is `VALIDATION` for `sn`; a value in no GS1 form at all (the seed's
//!   `88102321100002083327`) is a warning only (`soap.sn_form`): the
//!   receiver resolves serials against its own records (whether they exist
//!   is the serial-number ledger's `SNNOTFOUND`). Element strings need the
//!   company prefix length only to build the EPC; without a GCP source the
//!   element string is still fully checked;
//! * `MLTUPLE_ATTRIBUTES_DECOMMISSION` when more than one item attribute
//!   is true (both operations: the seed gives the same table for both);
//! * `SOMDUPLICATESNS`, once, listing every `sn` given more than once
//!   (compared as written, white space trimmed);
//! * `EVENTTIMEAFTERNOW` when `EventDateTime` is after
//!   [`Config::now`] (or the clock);
//! * the Russia texts of `VALIDATION` ([`Validation`]) when a serial's
//!   product (an SGTIN) is sold in `RU` per [`Config::master`]: both
//!   operations' error tables list all five, and both requests have every
//!   element they name, so all five apply to both: `DestructionMethod`
//!   missing; no item attribute true; `Location` missing;
//!   `ReportingPartyIdentifier` missing while `Transactions` has a
//!   `Transaction`; no `Transaction` with an `ItemID` (the transaction
//!   identifier "for 'Removal from Circulation'": the seed names no
//!   specific `ItemType` for it, so any type counts).
//!
//! Every exception is reported, not only the first. The response lists
//! each distinct (code, message) once, in the order found. The
//! serial-number ledger adds its exceptions (NEVERCOMMISSIONED,
//! NOTCOMMISSIONED, SNNOTFOUND, BADAGGREGATESTATE, …) to the same answer
//! with [`SoapCheck::raise`].

mod read;
mod rules;
mod write;
mod xml;

use super::{Config, Exception, ExceptionCode, MessageType, Validation, Violation};
use crate::epc::GcpSource;
use crate::epcis::Position;
use std::fmt;

pub use read::read;
pub use rules::rule_id;

/// The SOAP 1.1 envelope namespace.
pub const SOAP_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The SOAP 1.2 envelope namespace (recognised, to say it is not 1.1).
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// The namespace of the receiver's SOAP operations and responses.
pub const TL_SOAP_NS: &str = "urn:tracelink:soap";
/// The second namespace the receiver declares on its responses.
pub const TL_SOM_NS: &str = "http://tracelink.com/som";

/// A SOAP operation this module reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `urn:Decommission` / `DecommissionRequest` / `DecommissionResponse`.
    Decommission,
    /// `urn:Destroy` / `DestroyRequest` / `DestroyResponse`.
    Destroy,
}

impl Operation {
    /// `Decommission` or `Destroy`: the operation element's local name.
    pub const fn name(self) -> &'static str {
        match self {
            Operation::Decommission => "Decommission",
            Operation::Destroy => "Destroy",
        }
    }
    /// The request element's name.
    pub const fn request_name(self) -> &'static str {
        match self {
            Operation::Decommission => "DecommissionRequest",
            Operation::Destroy => "DestroyRequest",
        }
    }
    /// The response element's local name.
    pub const fn response_name(self) -> &'static str {
        match self {
            Operation::Decommission => "DecommissionResponse",
            Operation::Destroy => "DestroyResponse",
        }
    }
    /// The list element of the serials (`SerialNumberList`, `Items`).
    pub const fn list_name(self) -> &'static str {
        match self {
            Operation::Decommission => "SerialNumberList",
            Operation::Destroy => "Items",
        }
    }
    /// One serial's element (`SerialNumber`, `Item`).
    pub const fn serial_name(self) -> &'static str {
        match self {
            Operation::Decommission => "SerialNumber",
            Operation::Destroy => "Item",
        }
    }
    /// The message type.
    pub const fn message_type(self) -> MessageType {
        match self {
            Operation::Decommission => MessageType::SoapDecommission,
            Operation::Destroy => MessageType::SoapDestroy,
        }
    }
    /// The operation of an operation element's local name.
    pub fn from_name(local: &str) -> Option<Operation> {
        match local {
            "Decommission" => Some(Operation::Decommission),
            "Destroy" => Some(Operation::Destroy),
            _ => None,
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! item_attributes {
    ($($(#[$doc:meta])* $v:ident,)*) => {
        /// An item attribute: the reason flags of both requests (the union
        /// of the seed's Decommission and Destroy tables).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ItemAttribute { $($(#[$doc])* $v,)* }
        impl ItemAttribute {
            /// Every attribute, in the seed's order.
            pub const ALL: &'static [ItemAttribute] = &[$(ItemAttribute::$v,)*];
            /// The element name.
            pub const fn name(self) -> &'static str {
                match self { $(ItemAttribute::$v => stringify!($v),)* }
            }
        }
    };
}

item_attributes! {
    /// Sampled.
    Sampled,
    /// Damaged.
    Damaged,
    /// Recalled.
    Recalled,
    /// Expired.
    Expired,
    /// Misplaced.
    Misplaced,
    /// Dispensed.
    Dispensed,
    /// Disposed.
    Disposed,
    /// Repackaged.
    Repackaged,
    /// Sampled by authorities.
    SampledByAuthorities,
    /// Stolen.
    Stolen,
    /// Withdrawn.
    Withdrawn,
    /// Sampled for archival purposes (Destroy table only).
    SampledArchival,
    /// Sampled for customs inspection.
    SampledCustomsControl,
    /// Sampled for federal inspection.
    SampledFederalInspection,
    /// Sampled for clinical studies.
    SampledClinicalStudy,
    /// Sampled for a post-registration pharmaceutical study.
    SampledPharmaStudy,
    /// Sampled for marketing demonstration.
    SampledMarketingDemo,
    /// Sampled for selective control (Destroy table only).
    SampledSelectiveControl,
    /// Spoiled.
    Spoilage,
    /// Withdrawn in the course of an experiment.
    WithdrawnExperiment,
    /// Defective.
    Defective,
    /// Inappropriately stored.
    InappropriatelyStored,
    /// Returned.
    Returned,
    /// Other reasons.
    Other,
}

impl ItemAttribute {
    /// The attribute of an element name.
    pub fn from_name(name: &str) -> Option<ItemAttribute> {
        ItemAttribute::ALL
            .iter()
            .copied()
            .find(|a| a.name() == name)
    }
}

/// An element of the message: its name, where it starts, its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// The name as written (`urn:Decommission`, `Item`; `@name` for an
    /// attribute).
    pub name: String,
    /// The start tag's `<` (an attribute's value).
    pub pos: Position,
    /// Element path (`Envelope/Body/Destroy/DestroyRequest/Items/Item[2]`).
    pub path: String,
}

/// A value: an element's text or an attribute's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The text, entities decoded (not trimmed).
    pub value: String,
    /// Where the text starts (an empty element: its start tag; an
    /// attribute: its value).
    pub pos: Position,
    /// Path (`…/Item[2]/@sn` for an attribute).
    pub path: String,
    /// The element holds elements: its value is no plain text.
    pub has_elements: bool,
}

impl Located {
    /// The value without surrounding XML white space.
    pub fn trimmed(&self) -> &str {
        self.value.trim_matches([' ', '\t', '\n', '\r'])
    }
}

/// One serial number of the request (`SerialNumber`, `Item`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Serial {
    /// The element.
    pub element: Element,
    /// `@sn`.
    pub sn: Option<Located>,
    /// `@namespace` (not supported by the receiver; read, ignored).
    pub namespace: Option<Located>,
}

/// `SerialNumberList` or `Items`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerialList {
    /// The list element.
    pub element: Element,
    /// Its serials, in order.
    pub serials: Vec<Serial>,
}

/// One `Transaction`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// The element.
    pub element: Element,
    /// `ItemID`.
    pub item_id: Option<Located>,
    /// `ItemType`.
    pub item_type: Option<Located>,
    /// `Date`.
    pub date: Option<Located>,
}

/// `Transactions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transactions {
    /// The element.
    pub element: Element,
    /// Its transactions.
    pub items: Vec<Transaction>,
}

/// `ReportingPartyIdentifier`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportingParty {
    /// The element.
    pub element: Element,
    /// `@identifiertype`.
    pub identifier_type: Option<Located>,
    /// `@identifiervalue`.
    pub identifier_value: Option<Located>,
}

/// A Decommission or Destroy request, as read (nothing checked yet but the
/// XML and the envelope).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Which operation.
    pub operation: Operation,
    /// The operation element (`urn:Decommission`).
    pub element: Element,
    /// The request element (`DecommissionRequest`); `None`: missing (then
    /// every field is `None`).
    pub request: Option<Element>,
    /// `DisaggregateFromParent`.
    pub disaggregate_from_parent: Option<Located>,
    /// `SerialNumberList` (Decommission) or `Items` (Destroy).
    pub serials: Option<SerialList>,
    /// The item attributes given (true or not), in order.
    pub item_attributes: Vec<(ItemAttribute, Located)>,
    /// `ReasonCode`.
    pub reason_code: Option<Located>,
    /// `EventDateTime`.
    pub event_date_time: Option<Located>,
    /// `Transactions`.
    pub transactions: Option<Transactions>,
    /// `ReasonDescription`.
    pub reason_description: Option<Located>,
    /// `DestructionMethod`.
    pub destruction_method: Option<Located>,
    /// `LongRunningRestSupport` (not used by the receiver).
    pub long_running_rest_support: Option<Located>,
    /// `ReportingPartyIdentifier`.
    pub reporting_party: Option<ReportingParty>,
    /// `MarketCountryCode`.
    pub market_country_code: Option<Located>,
    /// `LocationType`.
    pub location_type: Option<Located>,
    /// `Location`.
    pub location: Option<Located>,
    /// Elements and attributes given again where one is allowed (the
    /// second and later ones).
    pub repeated: Vec<Element>,
    /// Elements and attributes the request does not have (ignored by the
    /// receiver).
    pub unknown: Vec<Element>,
}

/// One `CallException` of a response that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallException {
    /// The element.
    pub element: Element,
    /// `ExceptionCode` (any text: the receiver has codes beyond
    /// [`ExceptionCode`], e.g. `INTERNALERROR`).
    pub code: Option<Located>,
    /// `ExceptionMessage`.
    pub message: Option<Located>,
}

/// A response of the receiver, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadResponse {
    /// The response element (`ns2:DecommissionResponse`).
    pub element: Element,
    /// The operation its name says, when it is one of this module's.
    pub operation: Option<Operation>,
    /// `TLResponse/Success`.
    pub success: Option<Located>,
    /// `TLResponse/ExceptionReturn/CallException`, in order.
    pub exceptions: Vec<CallException>,
}

impl ReadResponse {
    /// What `Success` says: `Some(true)` for `true`/`1`, `Some(false)` for
    /// `false`/`0`, `None` when missing or anything else.
    pub fn success(&self) -> Option<bool> {
        rules::parse_bool(self.success.as_ref()?.trimmed())
    }
    /// The response written back in the receiver's shape: the response
    /// element's local name, `Success` true only if it says so, each
    /// `CallException`'s code and message as read (missing ones empty).
    pub fn to_xml(&self) -> String {
        let mut s = String::with_capacity(400);
        write::write_read_response(self, &mut s);
        s
    }
}

/// A message read by [`read`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// A request (boxed: it is much larger than a response).
    Request(Box<Request>),
    /// A response.
    Response(ReadResponse),
}

/// What [`read`] gives: the message, and the defects tolerated while
/// reading it (warnings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The message.
    pub message: Message,
    /// Warnings: `xml.reopened_leaf`, `xml.end_name`, `xml.doctype`.
    pub warnings: Vec<Violation<'static>>,
}

/// The receiver's answer to a request: the operation and its exceptions
/// (none: success).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The operation answered.
    pub operation: Operation,
    /// The `CallException`s, in order.
    pub exceptions: Vec<Exception>,
}

impl Response {
    /// A successful answer.
    pub fn success(operation: Operation) -> Self {
        Response {
            operation,
            exceptions: Vec::new(),
        }
    }
    /// Whether the answer is `Success` true.
    pub fn is_success(&self) -> bool {
        self.exceptions.is_empty()
    }
    /// Adds an exception unless the same code and message is there.
    pub fn push(&mut self, e: Exception) {
        if !self.exceptions.contains(&e) {
            self.exceptions.push(e);
        }
    }
    /// The response envelope, exactly in the seed's shape (one line, text
    /// XML-escaped).
    pub fn to_xml(&self) -> String {
        let mut s = String::with_capacity(400);
        write::write_response(self, &mut s);
        s
    }
}

/// A checked request: what [`check`] gives.
#[derive(Clone, Debug)]
pub struct SoapCheck {
    /// `SoapDecommission` or `SoapDestroy`.
    pub message_type: MessageType,
    /// The request read.
    pub request: Request,
    /// Every violation, warnings included: the XML warnings, then unknown
    /// and repeated elements, then each field in the order of the seed's
    /// table, then the rules over several fields
    /// (MLTUPLE_ATTRIBUTES_DECOMMISSION, SOMDUPLICATESNS, EVENTTIMEAFTERNOW,
    /// the Russia rules), then whatever [`SoapCheck::raise`] adds.
    pub violations: Vec<Violation<'static>>,
    /// The answer.
    pub response: Response,
}

impl SoapCheck {
    /// Raises an exception (as the serial-number ledger does for
    /// NEVERCOMMISSIONED, SNNOTFOUND, …): a class 1 error violation with
    /// rule [`rule_id`]`(code)`, and a `CallException` of the answer.
    pub fn raise(
        &mut self,
        exception: Exception,
        detail: Option<String>,
        pos: Position,
        path: impl Into<String>,
    ) {
        self.violations
            .push(rules::violation_of(&exception, detail, pos, path.into()));
        self.response.push(exception);
    }
    /// Whether the answer is success (no exception).
    pub fn is_success(&self) -> bool {
        self.response.is_success()
    }
    /// The errors (violations with an exception code).
    pub fn errors(&self) -> impl Iterator<Item = &Violation<'static>> {
        self.violations.iter().filter(|v| v.code.is_some())
    }
}

/// Why an input is no SOAP message this module reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SoapErrorKind {
    /// Not UTF-8 text.
    Encoding,
    /// Not well-formed XML (or namespaces).
    Malformed,
    /// A DOCTYPE declaring entities (never expanded).
    EntityDeclaration,
    /// Well-formed, but no SOAP 1.1 envelope with a Body.
    NotSoap,
    /// A SOAP envelope whose Body holds no Decommission or Destroy request
    /// (nor, for [`read`], a response of the receiver).
    NotRequest,
}

impl SoapErrorKind {
    /// Stable id: `encoding`, `malformed`, `entity_declaration`,
    /// `not_soap`, `not_request`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SoapErrorKind::Encoding => "encoding",
            SoapErrorKind::Malformed => "malformed",
            SoapErrorKind::EntityDeclaration => "entity_declaration",
            SoapErrorKind::NotSoap => "not_soap",
            SoapErrorKind::NotRequest => "not_request",
        }
    }
}

/// An input that could not be read as a SOAP request or response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoapError {
    /// What kind of problem.
    pub kind: SoapErrorKind,
    /// What was found.
    pub message: String,
    /// What was expected there, when one thing was.
    pub expected: Option<String>,
    /// Where (byte offset, line:column).
    pub pos: Position,
}

impl fmt::Display for SoapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)?;
        if let Some(e) = &self.expected {
            write!(f, " (expected {e})")?;
        }
        write!(f, " [byte {}]", self.pos.offset)
    }
}

impl std::error::Error for SoapError {}

/// Reads a SOAP request and checks it against the receiver's rules (see
/// the module docs), with `config`'s lookup tables, product master and
/// "now". Element strings in `sn` are checked without a GCP source (see
/// [`check_with`]).
///
/// A response, or any other SOAP message, is an error of kind
/// [`SoapErrorKind::NotRequest`]; use [`read`] to read responses.
///
/// ```
/// use epcstream::som::{Config, soap};
/// let req = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:u="urn:tracelink:soap"><s:Body><u:Destroy><DestroyRequest><Items><Item sn="urn:epc:id:sgtin:0614141.812345.6789"/></Items><Damaged>true</Damaged><EventDateTime>2099-01-01T00:00:00Z</EventDateTime></DestroyRequest></u:Destroy></s:Body></s:Envelope>"#;
/// let checked = soap::check(req, &Config::default())?;
/// assert_eq!(checked.response.exceptions[0].code.as_str(), "EVENTTIMEAFTERNOW");
/// assert!(checked.response.to_xml().contains("<Success>false</Success>"));
/// # Ok::<(), soap::SoapError>(())
/// ```
pub fn check(input: &[u8], config: &Config) -> Result<SoapCheck, SoapError> {
    check_with(input, config, None)
}

/// [`check`], with a GCP source (a fixed length or a
/// [`GcpTable`](crate::epc::GcpTable)) for the EPCs of element strings
/// and Digital Links in `sn`.
pub fn check_with(
    input: &[u8],
    config: &Config,
    gcp: Option<&dyn GcpSource>,
) -> Result<SoapCheck, SoapError> {
    let doc = read(input)?;
    match doc.message {
        Message::Request(request) => Ok(check_request(*request, doc.warnings, config, gcp)),
        Message::Response(r) => Err(SoapError {
            kind: SoapErrorKind::NotRequest,
            message: format!("a response ({}), not a request", r.element.name),
            expected: Some("urn:Decommission or urn:Destroy".into()),
            pos: r.element.pos,
        }),
    }
}

/// Checks a request already read; `warnings` (from [`Document`]) come
/// first in the result's violations.
pub fn check_request(
    request: Request,
    warnings: Vec<Violation<'static>>,
    config: &Config,
    gcp: Option<&dyn GcpSource>,
) -> SoapCheck {
    let mut checked = SoapCheck {
        message_type: request.operation.message_type(),
        response: Response::success(request.operation),
        violations: warnings,
        request,
    };
    rules::check(&mut checked, config, gcp);
    checked
}

/// Whether `prefix` (the first bytes of an input; 1 KiB is plenty) looks
/// like a SOAP message: after an optional BOM, XML declaration, comments,
/// processing instructions and white space, the first element is named
/// `Envelope` (any prefix). Cheap; [`read`] says exactly what is wrong
/// with an input that only looks like one.
pub fn is_soap(prefix: &[u8]) -> bool {
    let mut b = prefix
        .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
        .unwrap_or(prefix);
    loop {
        while let [c, rest @ ..] = b {
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            b = rest;
        }
        let close = if b.starts_with(b"<?") {
            &b"?>"[..]
        } else if b.starts_with(b"<!--") {
            &b"-->"[..]
        } else if b.starts_with(b"<!") {
            &b">"[..]
        } else {
            break;
        };
        let Some(i) = memchr::memmem::find(b.get(2..).unwrap_or_default(), close) else {
            return false;
        };
        b = b.get(2 + i + close.len()..).unwrap_or_default();
    }
    let Some(rest) = b.strip_prefix(b"<") else {
        return false;
    };
    let end = rest
        .iter()
        .position(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))
        .unwrap_or(rest.len());
    if end == rest.len() {
        return false;
    }
    let name = &rest[..end];
    let local = name.rsplit(|&c| c == b':').next().unwrap_or_default();
    local == b"Envelope"
}

/// The VALIDATION texts of the Russia rules, re-exported for the ledger's
/// and the tests' use.
pub const RUSSIA_RULES: [Validation; 5] = [
    Validation::DestructionMethodRussia,
    Validation::ItemAttributeRussia,
    Validation::LocationRussia,
    Validation::ReportingPartyRussia,
    Validation::TransactionRussia,
];

/// The exception codes the request checks raise (the others are the
/// serial-number ledger's).
pub const REQUEST_CODES: [ExceptionCode; 4] = [
    ExceptionCode::Validation,
    ExceptionCode::MultipleAttributesDecommission,
    ExceptionCode::DuplicateSerials,
    ExceptionCode::EventTimeAfterNow,
];

#[cfg(test)]
mod tests;
