//! Fuzz target `validate_structured`: an `Arbitrary` model of one of the
//! receiver's messages is written as XML, scanned and checked
//! ([`Validator::checked`] over a [`Checker`]) twice: with the message type
//! given (`--message`) and inferred from the events.
//!
//! The model ([`MessageInput`]) is valid by construction: every event has
//! its role's action, bizStep, disposition, read point, business location,
//! EPCs, business transactions and `tl:` extension block, and every looked
//! up value comes from the built-in lookup tables
//! ([`Lookups::builtin`]). Optionally one [`Break`] corrupts one field of
//! one event (or of the header, or adds or repeats an event), and says
//! which receiver rule that must trigger.
//!
//! Invariants, for every input:
//!
//! * no panic; the document is well-formed (the scan succeeds);
//! * built valid: no receiver (Class 1 or 2) error and no GS1 error, in
//!   both modes; the verdict's message is the given one, or the inferred
//!   one the events say (`Decommission Event` reads as `ESM
//!   Decommission`); the roles, events and EPCs counted are the model's;
//! * broken: the receiver errors are exactly the break's rule(s) (every
//!   break is local: it may not set off another receiver rule), in each
//!   mode where the break's effect is defined (a break that changes how an
//!   event is classified, e.g. a receiving event without its bizStep, is
//!   only checked where the message fixes the role);
//! * receiver warnings: only `som.misspelt_element` (the model writes
//!   `tl:decomissionEventExtensions` now and then, as the seed's example
//!   does) and, in inferred mode for a document with an event the message
//!   does not carry, `som.unclassified`.
//!
//! Layout: the EPCIS, SBDH and TraceLink namespaces under varying
//! prefixes, the EPCIS one also as the default namespace, the TraceLink one
//! also declared on each extension element (prefixed, or as its default
//! namespace); white space, CRLF, comments and processing instructions
//! between elements; values as text (escaped), with leading and trailing
//! white space, as character references, in CDATA; attribute values in
//! either quote, with character references.

use crate::epcis::{ScanOptions, Severity, scan_slice};
use crate::som::{
    Checker, Class, Config, EventRole, Lookups, MessageType, TL_NS, Table, Verdict, Violation,
};
use crate::validate::Validator;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::OnceLock;

const EPCIS_NS: &str = "urn:epcglobal:epcis:xsd:1";
const SBDH_NS: &str = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
const CBVMDA_NS: &str = "urn:epcglobal:cbv:mda";
const BIZSTEP: &str = "urn:epcglobal:cbv:bizstep:";
const DISP: &str = "urn:epcglobal:cbv:disp:";
/// Most events a model document holds (before a break adds one).
const MAX_EVENTS: usize = 6;
/// Most EPCs an event holds.
const MAX_EPCS: usize = 5;

/// One receiver message: type, layout, header, events, and an optional
/// break.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct MessageInput {
    /// The message (the SOAP requests are read as ESM Decommission and ESM
    /// Destroy: this target writes EPCIS documents).
    pub message: MessageType,
    /// How the XML is written.
    pub style: Style,
    /// The SBDH.
    pub header: HeaderIn,
    /// The events (at least one is written; the message decides how many
    /// it may carry and of which roles).
    pub events: Vec<EventIn>,
    /// One field to corrupt.
    pub brk: Option<BreakIn>,
}

/// How the document is written.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct Style {
    /// The EPCIS namespace: a prefix (`epcis`, `e`, `ns0`), or the root's
    /// default namespace.
    pub epcis: u8,
    /// The SBDH prefix.
    pub sbdh: u8,
    /// The TraceLink namespace: prefix choice; bit 6: declared on each
    /// top-level extension element instead of the root; bit 7: as the
    /// extension element's default namespace.
    pub tl: u8,
    /// What goes between elements, 3 bits a gap (cycled).
    pub gaps: u64,
    /// How values are written, 3 bits a value (cycled).
    pub forms: u64,
    /// An XML declaration first.
    pub decl: bool,
    /// Attribute values in `'…'`.
    pub single_quotes: bool,
}

/// The SBDH.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct HeaderIn {
    /// Write one (without: a `som.header` warning).
    pub present: bool,
    /// Sender `@Authority` (a pick from `MDPartyTypeEnums`).
    pub sender: u8,
    /// Receiver `@Authority`.
    pub receiver: u8,
    /// `InstanceIdentifier`.
    pub instance: u32,
}

/// One event; what it becomes depends on the message and its role.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct EventIn {
    /// Index into the roles the message carries.
    pub role: u8,
    /// EPCs (or children), at least one where the role needs one.
    pub epcs: Vec<EpcIn>,
    /// `readPoint` where optional.
    pub read_point: bool,
    /// `bizLocation` where optional.
    pub biz_location: bool,
    /// `tl:locationId` (type pick, value pick).
    pub location_id: Option<(u8, u16)>,
    /// Business transactions (type picks).
    pub biz_tx: Vec<u8>,
    /// A choice among the role's dispositions (receiving), status
    /// combinations (status update) or actions (sampling).
    pub variant: u8,
    /// The role's `tl:*EventExtensions` block (where optional).
    pub block: Option<BlockIn>,
    /// Void shipping: `tl:partnerId` (bit 0), `tl:changeReasonCode` (bit 1).
    pub extra: u8,
}

/// An EPC.
#[derive(Clone, Copy, Debug, arbitrary::Arbitrary)]
pub enum EpcIn {
    /// An SGTIN with this serial.
    Sgtin(u32),
    /// An SSCC with this serial reference.
    Sscc(u32),
    /// A China EDMC code (decommission and destroy events; an SGTIN
    /// elsewhere).
    China(u64),
}

/// The contents of an extension block.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct BlockIn {
    /// Decommission: spelt `tl:decomissionEventExtensions` (a warning).
    pub misspelt: bool,
    /// `tl:decommissionReasonCode`.
    pub reason: Option<u8>,
    /// `tl:destructionMethod` (destroy).
    pub method: Option<u8>,
    /// `tl:marketCountryCode`.
    pub market: Option<u8>,
    /// `tl:businessPartyInfo`.
    pub party: Option<PartyIn>,
    /// `tl:warehouseOperatorName` (always written with a China EPC).
    pub warehouse: bool,
    /// Commission: `tl:packagingLevel`.
    pub packaging: Option<u8>,
    /// Commission: `tl:itemDetail` (bit 0), `tl:epcAttributes` (bit 1),
    /// `tl:countryDrugCode` (bit 2).
    pub parts: u8,
    /// Status update: `tl:updateType` pick and `tl:updateSNStatusReasonCode`.
    pub update: (u8, Option<u8>),
}

/// `tl:businessPartyInfo`.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct PartyIn {
    /// `tl:businessId/@type` pick.
    pub id_type: u8,
    /// `tl:businessClassification` pick.
    pub classification: Option<u8>,
    /// `tl:BusinessPartyDetail`: country pick, name pick.
    pub detail: Option<(u8, u8)>,
}

/// Which field to break, in which event.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct BreakIn {
    /// The event (the first one, from this index on, where the break
    /// applies).
    pub event: u8,
    /// What.
    pub what: Break,
    /// A variant of it (missing / empty / wrong value, which field, …).
    pub variant: u8,
}

/// A broken field, and the receiver rule it must set off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, arbitrary::Arbitrary)]
pub enum Break {
    /// Another action, or none: `som.action` (decommission, destroy),
    /// `som.action_other`, `som.status_combination`.
    Action,
    /// Another bizStep (one no role has), or none.
    BizStep,
    /// Another disposition, or none.
    Disposition,
    /// No readPoint (decommission, destroy): `som.read_point`.
    ReadPoint,
    /// No bizLocation: `som.biz_location`.
    BizLocation,
    /// An invalid EPC (`som.epc`) or an empty one (`som.epc_required`).
    Epc,
    /// An ObjectEvent without EPCs: `som.epc_list`, `som.event_empty`.
    NoEpcs,
    /// An aggregation without parentID: `som.parent_id`.
    ParentId,
    /// A packing aggregation without children: `som.children`.
    Children,
    /// No bizTransaction: `som.biz_transaction`.
    BizTransaction,
    /// A bizTransaction type not in the table, or none.
    BizTransactionType,
    /// A void shipment's desadv value not a `urn:epcglobal:cbv:bt:` URI.
    BizTransactionValue,
    /// `tl:locationId/@type` wrong, empty or missing.
    LocationIdType,
    /// `tl:decommissionReasonCode` not in the table.
    ReasonCode,
    /// `tl:destructionMethod` not in the table.
    DestructionMethod,
    /// `tl:marketCountryCode` of one character.
    MarketCountry,
    /// `tl:businessId` missing or empty.
    BusinessId,
    /// `tl:businessId/@type` missing or not in the table.
    BusinessIdType,
    /// `tl:businessClassification` not in the table.
    Classification,
    /// A required `tl:BusinessPartyDetail` field missing or empty.
    PartyDetail,
    /// India without a 3-digit `tl:district`.
    District,
    /// Russia without `tl:addressObjectGUID` (Class 2).
    AddressGuid,
    /// A China EPC without `tl:warehouseOperatorName`.
    Warehouse,
    /// The extension block twice.
    BlockTwice,
    /// No extension block.
    NoBlock,
    /// `tl:packagingLevel` not in the table.
    Packaging,
    /// `tl:epcAttributes` without `tl:barcodeContent`.
    Barcode,
    /// `tl:itemDetail` without `tl:expiry`.
    Expiry,
    /// `tl:countryDrugCode` without `@type`.
    DrugCodeType,
    /// A commission of SGTINs without lot and expiry ILMD.
    LotExpiry,
    /// `tl:changeReasonCode` not in the table.
    ChangeReason,
    /// `tl:partnerId/@type` missing or not in the table.
    PartnerIdType,
    /// `tl:updateType` missing or not in the table.
    UpdateType,
    /// `sbdh:Sender/sbdh:Identifier/@Authority` wrong, empty or missing.
    SenderAuthority,
    /// The same for the receiver.
    ReceiverAuthority,
    /// The event twice.
    Repeat,
    /// An event of a type the message does not carry.
    Unexpected,
}

// ---------------------------------------------------------------------------
// Lookups and picks

fn lookups() -> &'static Lookups {
    static L: OnceLock<Lookups> = OnceLock::new();
    L.get_or_init(Lookups::builtin)
}

/// A value of a table (tables with no values: `fallback`).
fn pick(table: Table, n: usize, fallback: &str) -> String {
    let l = lookups();
    let len = l.values(table).len();
    if len == 0 {
        return fallback.to_owned();
    }
    l.values(table).nth(n % len).unwrap_or(fallback).to_owned()
}

/// A value that is not in a table (which must have values).
fn not_in(table: Table, n: u8) -> String {
    const BAD: [&str; 4] = ["NOT_A_CODE", "gln", "X", "damaged"];
    let mut v = BAD[usize::from(n) % BAD.len()].to_owned();
    while lookups().contains(table, &v) {
        v.push('Z');
    }
    v
}

// ---------------------------------------------------------------------------
// The document plan: what is written, valid by construction

/// An element of a `tl:` extension (in the TraceLink namespace), with its
/// attributes, text and children.
#[derive(Clone, Debug)]
struct Node {
    name: String,
    attrs: Vec<(&'static str, String)>,
    text: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn leaf(name: &str, text: impl Into<String>) -> Node {
        Node {
            name: name.to_owned(),
            attrs: Vec::new(),
            text: Some(text.into()),
            children: Vec::new(),
        }
    }
    fn parent(name: &str, children: Vec<Node>) -> Node {
        Node {
            name: name.to_owned(),
            attrs: Vec::new(),
            text: None,
            children,
        }
    }
    fn attr(mut self, k: &'static str, v: impl Into<String>) -> Node {
        self.attrs.push((k, v.into()));
        self
    }
    fn child(&mut self, name: &str) -> Option<&mut Node> {
        self.children.iter_mut().find(|c| c.name == name)
    }
    fn remove(&mut self, name: &str) {
        self.children.retain(|c| c.name != name);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Object,
    Aggregation,
}

#[derive(Clone, Debug)]
struct Ev {
    kind: Kind,
    role: EventRole,
    /// epcList (Object) or childEPCs (Aggregation).
    epcs: Vec<String>,
    parent: Option<String>,
    action: Option<String>,
    biz_step: Option<String>,
    disposition: Option<String>,
    read_point: Option<String>,
    biz_location: Option<String>,
    /// (type, value).
    biz_tx: Vec<(Option<String>, String)>,
    /// `cbvmda:` ILMD (local name, value).
    ilmd: Vec<(&'static str, String)>,
    /// Top-level `tl:` elements.
    ext: Vec<Node>,
}

impl Ev {
    fn block_name(&self) -> Option<&'static str> {
        block_name(self.role)
    }
    fn is_block(&self, n: &Node) -> bool {
        Some(n.name.as_str()) == self.block_name() || n.name == "decomissionEventExtensions"
    }
    fn block(&mut self) -> Option<&mut Node> {
        let name = self.block_name()?;
        self.ext
            .iter_mut()
            .find(|n| n.name == name || n.name == "decomissionEventExtensions")
    }
    fn has_block(&self) -> bool {
        self.ext.iter().any(|n| self.is_block(n))
    }
    fn epc_count(&self) -> u64 {
        self.epcs.len() as u64 + u64::from(self.parent.is_some())
    }
    fn has_china(&self) -> bool {
        self.epcs.iter().any(|e| e.starts_with(CHINA))
    }
}

#[derive(Clone, Debug)]
struct Sbdh {
    /// `@Authority` of the sender and receiver (`None`: not written).
    sender: Option<String>,
    receiver: Option<String>,
    instance: String,
}

#[derive(Clone, Debug)]
struct Doc {
    sbdh: Option<Sbdh>,
    events: Vec<Ev>,
}

const GCP: &str = "0614141";
const CHINA: &str = "http://epcis.tracelink.com/hc/cn-edmc/obj/";
const SGLNS: [&str; 3] = [
    "urn:epc:id:sgln:0614141.00001.0",
    "urn:epc:id:sgln:0614141.00002.DOCK1",
    "urn:epc:id:sgln:4012345.00000.0",
];

fn sgtin(serial: u32) -> String {
    format!("urn:epc:id:sgtin:{GCP}.812345.{serial}")
}

fn sscc(serial: u32) -> String {
    format!("urn:epc:id:sscc:{GCP}.{:010}", serial % 1_000_000_000)
}

/// The roles a message carries, its main role first (as `check.rs`'s
/// `message_roles`).
fn roles_of(m: MessageType) -> &'static [EventRole] {
    use EventRole as R;
    match m {
        MessageType::EsmCommission => &[R::Commission],
        MessageType::EsmDecommission
        | MessageType::DecommissionEvent
        | MessageType::SoapDecommission => &[R::Decommission],
        MessageType::EsmDestroy | MessageType::DestroyEvent | MessageType::SoapDestroy => {
            &[R::Destroy]
        }
        MessageType::EsmAggregation => &[R::Aggregation],
        MessageType::EsmDisaggregate => &[R::Disaggregation],
        MessageType::EsmShipment => &[
            R::Shipping,
            R::Commission,
            R::Aggregation,
            R::Decommission,
            R::Destroy,
        ],
        MessageType::EsmReceive => &[R::Receiving, R::Aggregation],
        MessageType::TakeSample => &[R::Sampling],
        MessageType::EsmVoidShipment => &[R::VoidShipping],
        MessageType::EsmUpdateSnStatus => &[R::StatusUpdate],
    }
}

/// The message a role's event is on its own (the inferred texts).
fn message_of(r: EventRole) -> Option<MessageType> {
    use EventRole as R;
    Some(match r {
        R::Commission => MessageType::EsmCommission,
        R::Decommission => MessageType::EsmDecommission,
        R::Destroy => MessageType::EsmDestroy,
        R::Aggregation => MessageType::EsmAggregation,
        R::Disaggregation => MessageType::EsmDisaggregate,
        R::Shipping => MessageType::EsmShipment,
        R::Receiving => MessageType::EsmReceive,
        R::Sampling => MessageType::TakeSample,
        R::VoidShipping => MessageType::EsmVoidShipment,
        R::StatusUpdate => MessageType::EsmUpdateSnStatus,
        R::Other => return None,
    })
}

/// The message the model document is: SOAP types read as their ESM
/// counterparts.
fn effective(m: MessageType) -> MessageType {
    match m {
        MessageType::SoapDecommission => MessageType::EsmDecommission,
        MessageType::SoapDestroy => MessageType::EsmDestroy,
        m => m,
    }
}

/// Messages of exactly one ObjectEvent.
fn single_event(m: MessageType) -> bool {
    matches!(
        m,
        MessageType::EsmVoidShipment
            | MessageType::EsmUpdateSnStatus
            | MessageType::DecommissionEvent
            | MessageType::DestroyEvent
    )
}

/// The status update combinations (action, bizStep, disposition).
const STATUS: [(&str, &str, &str); 5] = [
    ("ADD", "commissioning", "active"),
    ("DELETE", "decommissioning", "inactive"),
    ("DELETE", "destroying", "destroyed"),
    ("ADD", "encoding", "encoded"),
    ("OBSERVE", "reserving", "reserved"),
];

fn plan(input: &MessageInput) -> Doc {
    let m = effective(input.message);
    let roles = roles_of(m);
    let n = if single_event(m) {
        1
    } else {
        input.events.len().clamp(1, MAX_EVENTS)
    };
    let default = EventIn {
        role: 0,
        epcs: Vec::new(),
        read_point: false,
        biz_location: false,
        location_id: None,
        biz_tx: Vec::new(),
        variant: 0,
        block: None,
        extra: 0,
    };
    let events = (0..n)
        .map(|i| {
            let e = input.events.get(i).unwrap_or(&default);
            // The main role first: a shipment has a shipping event, a
            // receipt a receiving one.
            let role = if i == 0 {
                roles[0]
            } else {
                roles[usize::from(e.role) % roles.len()]
            };
            event(e, role, m, i)
        })
        .collect();
    let h = &input.header;
    let sbdh = h.present.then(|| Sbdh {
        sender: Some(pick(Table::MDPartyTypeEnums, h.sender.into(), "GLN")),
        receiver: Some(pick(Table::MDPartyTypeEnums, h.receiver.into(), "GLN")),
        instance: format!("{:016}", h.instance),
    });
    Doc { sbdh, events }
}

/// One valid event of `role` in message `m`.
fn event(e: &EventIn, role: EventRole, m: MessageType, i: usize) -> Ev {
    use EventRole as R;
    let seed = matches!(role, R::Decommission | R::Destroy);
    let kind = if matches!(role, R::Aggregation | R::Disaggregation) {
        Kind::Aggregation
    } else {
        Kind::Object
    };
    let mut epcs: Vec<String> = e
        .epcs
        .iter()
        .take(MAX_EPCS)
        .map(|p| match *p {
            EpcIn::Sgtin(s) => sgtin(s),
            EpcIn::Sscc(s) => sscc(s),
            EpcIn::China(s) if seed => format!("{CHINA}{s:020}"),
            EpcIn::China(s) => sgtin(s as u32),
        })
        .collect();
    if epcs.is_empty() && role != R::Disaggregation {
        epcs.push(sgtin(i as u32 + 1));
    }
    let (action, step, disp): (Option<&str>, &str, Option<&str>) = match role {
        R::Commission => (Some("ADD"), "commissioning", Some("active")),
        R::Decommission => (Some("DELETE"), "decommissioning", Some("inactive")),
        R::Destroy => (Some("DELETE"), "destroying", Some("destroyed")),
        R::Aggregation => (Some("ADD"), "packing", Some("in_progress")),
        R::Disaggregation => (Some("DELETE"), "unpacking", Some("in_progress")),
        R::Shipping => (Some("OBSERVE"), "shipping", Some("in_transit")),
        R::Receiving => (
            Some("OBSERVE"),
            "receiving",
            Some(["in_progress", "in_transit"][usize::from(e.variant) % 2]),
        ),
        R::Sampling => (
            Some(["OBSERVE", "DELETE", "ADD"][usize::from(e.variant) % 3]),
            "sampling",
            None,
        ),
        R::VoidShipping => (Some("OBSERVE"), "void_shipping", Some("in_progress")),
        R::StatusUpdate | R::Other => {
            let (a, b, d) = STATUS[usize::from(e.variant) % STATUS.len()];
            (Some(a), b, Some(d))
        }
    };
    let needs_location = matches!(
        role,
        R::Commission | R::Aggregation | R::Disaggregation | R::StatusUpdate
    );
    let place = SGLNS[i % SGLNS.len()].to_owned();
    let mut biz_tx: Vec<(Option<String>, String)> = e
        .biz_tx
        .iter()
        .take(3)
        .enumerate()
        .map(|(k, t)| {
            (
                Some(pick(
                    Table::BizTransactionType,
                    usize::from(*t),
                    "urn:epcglobal:cbv:btt:po",
                )),
                format!("urn:epcglobal:cbv:bt:0614141000005:{}{k}", 100 + i),
            )
        })
        .collect();
    match role {
        R::Shipping | R::Receiving if biz_tx.is_empty() => biz_tx.push((
            Some("urn:epcglobal:cbv:btt:po".to_owned()),
            format!("urn:epcglobal:cbv:bt:0614141000005:PO{i}"),
        )),
        R::VoidShipping => biz_tx.insert(
            0,
            (
                Some("urn:epcglobal:cbv:btt:desadv".to_owned()),
                format!("urn:epcglobal:cbv:bt:0614141000005:ASN{i}"),
            ),
        ),
        _ => {}
    }
    let mut ev = Ev {
        kind,
        role,
        parent: (kind == Kind::Aggregation).then(|| sscc(9_000 + i as u32)),
        epcs,
        action: action.map(str::to_owned),
        biz_step: Some(format!("{BIZSTEP}{step}")),
        disposition: disp.map(|d| format!("{DISP}{d}")),
        read_point: (seed || e.read_point).then(|| place.clone()),
        biz_location: (needs_location || e.biz_location).then(|| place.clone()),
        biz_tx,
        ilmd: Vec::new(),
        ext: Vec::new(),
    };
    if role == R::Commission {
        ev.ilmd = vec![
            ("lotNumber", format!("LOT{i}")),
            ("itemExpirationDate", "2027-06-30".to_owned()),
        ];
    }
    if let Some((t, v)) = e.location_id {
        let table = if m == MessageType::EsmDecommission {
            Table::LocationIdType
        } else {
            Table::MessagePartyIdType
        };
        // A value in both tables: every message's table accepts it.
        let mut t = pick(table, t.into(), "GLN");
        if !lookups().contains(Table::LocationIdType, &t)
            || !lookups().contains(Table::MessagePartyIdType, &t)
        {
            t = "GLN".to_owned();
        }
        ev.ext
            .push(Node::leaf("locationId", format!("061414100{v:04}")).attr("type", t));
    }
    if role == R::VoidShipping {
        if e.extra & 1 != 0 {
            ev.ext.push(Node::leaf("partnerId", "0614141000005").attr(
                "type",
                pick(Table::MessagePartyIdType, e.extra.into(), "GLN"),
            ));
        }
        if e.extra & 2 != 0 {
            ev.ext.push(Node::leaf(
                "changeReasonCode",
                pick(Table::ChangeReasonCode, e.extra.into(), "ORDER_CANCELLED"),
            ));
        }
    }
    let block_required = matches!(role, R::Destroy | R::StatusUpdate)
        || matches!(
            m,
            MessageType::DecommissionEvent | MessageType::DestroyEvent
        )
        || ev.has_china();
    let default_block = BlockIn {
        misspelt: false,
        reason: None,
        method: None,
        market: None,
        party: None,
        warehouse: false,
        packaging: None,
        parts: 0,
        update: (0, None),
    };
    let block = match &e.block {
        Some(b) => Some(b),
        None if block_required => Some(&default_block),
        None => None,
    };
    if let Some(b) = block {
        if let Some(node) = block_node(b, &ev, i) {
            ev.ext.push(node);
        }
    }
    ev
}

/// The role's extension block, valid.
fn block_node(b: &BlockIn, ev: &Ev, i: usize) -> Option<Node> {
    use EventRole as R;
    let name = ev.block_name()?;
    let mut c = Vec::new();
    match ev.role {
        R::Decommission | R::Destroy => {
            c.push(Node::leaf("transactionDate", "2024-05-01"));
            if let Some(k) = b.market {
                c.push(Node::leaf(
                    "marketCountryCode",
                    pick(Table::ISOCountryCode, k.into(), "US"),
                ));
            }
            if let Some(p) = &b.party {
                c.push(party(p));
            }
            if b.warehouse || ev.has_china() {
                c.push(Node::leaf("warehouseOperatorName", "Li & Wang <Logistics>"));
            }
            if let Some(r) = b.reason {
                c.push(Node::leaf(
                    "decommissionReasonCode",
                    pick(Table::DecommissionReasonCode, r.into(), "DAMAGED"),
                ));
                c.push(Node::leaf("reasonDescription", "Damaged in production"));
            }
            if ev.role == R::Destroy {
                if let Some(k) = b.method {
                    c.push(Node::leaf(
                        "destructionMethod",
                        pick(Table::DestructionMethod, k.into(), "INCINERATION"),
                    ));
                }
            }
        }
        R::Commission => {
            if let Some(k) = b.packaging {
                c.push(Node::leaf(
                    "packagingLevel",
                    pick(Table::PackagingLevel, k.into(), "EA"),
                ));
            }
            if b.parts & 1 != 0 {
                c.push(Node::parent(
                    "itemDetail",
                    vec![
                        Node::leaf("lot", format!("LOT{i}")),
                        Node::leaf("expiry", "2027-06-30"),
                    ],
                ));
            }
            if b.parts & 2 != 0 {
                for e in ev.epcs.iter().take(2) {
                    c.push(
                        Node::parent(
                            "epcAttributes",
                            vec![Node::leaf("barcodeContent", "00106141410000000012")],
                        )
                        .attr("epc", e.clone()),
                    );
                }
            }
            if b.parts & 4 != 0 {
                c.push(Node::leaf("countryDrugCode", "12345-678-90").attr("type", "US_NDC532"));
            }
        }
        R::Shipping => {
            c.push(Node::leaf("transactionDate", "2024-05-01"));
            if let Some(k) = b.market {
                c.push(Node::leaf(
                    "shipToCountryCode",
                    pick(Table::ISOCountryCode, k.into(), "US"),
                ));
            }
        }
        R::StatusUpdate => {
            c.push(Node::leaf(
                "updateType",
                pick(Table::UpdateType, b.update.0.into(), "ProductStatusUpdate"),
            ));
            if let Some(k) = b.update.1 {
                c.push(Node::leaf(
                    "updateSNStatusReasonCode",
                    pick(Table::UpdateSNStatusReasonCode, k.into(), "RECALL"),
                ));
            }
        }
        _ => {}
    }
    let name = if b.misspelt && ev.role == R::Decommission {
        "decomissionEventExtensions"
    } else {
        name
    };
    Some(Node::parent(name, c))
}

fn party(p: &PartyIn) -> Node {
    let mut c = vec![Node::leaf("businessId", "0614141000005").attr(
        "type",
        pick(Table::BusinessAndLocationId, p.id_type.into(), "GLN"),
    )];
    if let Some(k) = p.classification {
        c.push(Node::leaf(
            "businessClassification",
            pick(Table::BusinessClassification, k.into(), "MANUFACTURER"),
        ));
    }
    if let Some((country, name)) = p.detail {
        c.push(detail(country, name));
    }
    Node::parent("businessPartyInfo", c)
}

/// A valid `tl:BusinessPartyDetail`: India and Russia now and then.
fn detail(country: u8, name: u8) -> Node {
    let country = match country % 4 {
        0 => "IN".to_owned(),
        1 => "RU".to_owned(),
        _ => pick(Table::ISOCountryCode, country.into(), "US"),
    };
    const NAMES: [&str; 3] = ["Acme Pharma", "Smith & Sons", "Ōsaka \"Kōgyō\" <KK>"];
    let mut c = vec![
        Node::leaf("businessName", NAMES[usize::from(name) % NAMES.len()]),
        Node::leaf("street1", "1 Main Street"),
        Node::leaf("city", "Springfield"),
        Node::leaf("stateOrRegion", "Region 7"),
        Node::leaf("postalCode", "12345"),
    ];
    if country == "IN" {
        c.push(Node::leaf("district", "042"));
    }
    if country == "RU" {
        c.push(Node::leaf(
            "addressObjectGUID",
            "19406454-0022-000C-00B0-000000000152",
        ));
    }
    c.push(Node::leaf("country", country));
    Node::parent("BusinessPartyDetail", c)
}

// ---------------------------------------------------------------------------
// Breaks

/// What the checker must report in one mode.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    /// Exactly these receiver error rules (none: no receiver error).
    Rules(Vec<&'static str>),
    /// Not defined in this mode (the break changes an event's role).
    Unknown,
}

/// Expectations with the message given and inferred.
struct Expected {
    given: Expect,
    inferred: Expect,
    /// The document has an event its message does not carry.
    foreign: bool,
}

impl Expected {
    fn both(rules: &[&'static str]) -> Self {
        Expected {
            given: Expect::Rules(rules.to_vec()),
            inferred: Expect::Rules(rules.to_vec()),
            foreign: false,
        }
    }
}

/// Whether an event of `role` without its bizStep is still classified as
/// `role` (from its extension block, type, action or disposition).
fn role_survives_biz_step(ev: &Ev) -> bool {
    use EventRole as R;
    match ev.role {
        R::Decommission | R::Destroy | R::Aggregation | R::Disaggregation | R::StatusUpdate => true,
        R::Commission => true,
        R::Shipping => true,
        R::Receiving | R::Sampling | R::VoidShipping | R::Other => false,
    }
}

/// Applies the break to the first event (from `b.event` on) it fits;
/// `None`: it fits nowhere, the document stays valid.
fn apply(doc: &mut Doc, b: &BreakIn, m: MessageType) -> Option<Expected> {
    if let Some(x) = apply_document(doc, b, m) {
        return x;
    }
    let n = doc.events.len();
    (0..n).find_map(|k| {
        let i = (usize::from(b.event) + k) % n;
        apply_event(doc, i, b, m)
    })
}

/// Breaks of the document (header, events added); `None`: an event break.
fn apply_document(doc: &mut Doc, b: &BreakIn, m: MessageType) -> Option<Option<Expected>> {
    use EventRole as R;
    let v = b.variant;
    let authority = |v: u8| match v % 3 {
        0 => Some(not_in(Table::MDPartyTypeEnums, v / 3)),
        1 => Some(String::new()),
        _ => None,
    };
    Some(match b.what {
        Break::SenderAuthority | Break::ReceiverAuthority => {
            let s = doc.sbdh.get_or_insert_with(|| Sbdh {
                sender: Some("GLN".to_owned()),
                receiver: Some("GLN".to_owned()),
                instance: "1234567890123456".to_owned(),
            });
            if b.what == Break::SenderAuthority {
                s.sender = authority(v);
                Some(Expected::both(&["som.sender_authority"]))
            } else {
                s.receiver = authority(v);
                Some(Expected::both(&["som.receiver_authority"]))
            }
        }
        Break::Repeat => {
            let i = usize::from(b.event) % doc.events.len();
            let ev = doc.events[i].clone();
            if ev.kind != Kind::Object {
                return Some(None);
            }
            doc.events.insert(i + 1, ev);
            let given: &[&str] = match m {
                MessageType::DecommissionEvent | MessageType::DestroyEvent => {
                    &["som.event_repeated"]
                }
                MessageType::EsmVoidShipment | MessageType::EsmUpdateSnStatus => &["som.one_event"],
                _ => &[],
            };
            Some(Expected {
                given: Expect::Rules(given.to_vec()),
                inferred: Expect::Rules(Vec::new()),
                foreign: false,
            })
        }
        Break::Unexpected => {
            let roles = roles_of(m);
            let main_object = !matches!(roles[0], R::Aggregation | R::Disaggregation);
            // An AggregationEvent in an ObjectEvent message, a commission
            // ObjectEvent in an aggregation message.
            let (role, carried) = if main_object {
                (R::Aggregation, roles.contains(&R::Aggregation))
            } else {
                (R::Commission, false)
            };
            let extra = event(&EventIn::default_for(v), role, m, doc.events.len());
            let at = usize::from(b.event) % (doc.events.len() + 1);
            doc.events.insert(at, extra);
            let given: &[&str] = if carried {
                &[]
            } else {
                &["som.unexpected_event"]
            };
            Some(Expected {
                given: Expect::Rules(given.to_vec()),
                inferred: Expect::Rules(Vec::new()),
                foreign: !carried,
            })
        }
        _ => return None,
    })
}

impl EventIn {
    fn default_for(v: u8) -> EventIn {
        EventIn {
            role: 0,
            epcs: vec![EpcIn::Sgtin(u32::from(v) + 7), EpcIn::Sscc(u32::from(v))],
            read_point: true,
            biz_location: true,
            location_id: None,
            biz_tx: Vec::new(),
            variant: v,
            block: None,
            extra: 0,
        }
    }
}

/// One event's break; `None`: it does not apply to this event.
fn apply_event(doc: &mut Doc, i: usize, b: &BreakIn, m: MessageType) -> Option<Expected> {
    use EventRole as R;
    let v = b.variant;
    let single_role = roles_of(m).len() == 1;
    let event_msg = matches!(
        m,
        MessageType::DecommissionEvent | MessageType::DestroyEvent
    );
    let ev = &mut doc.events[i];
    let role = ev.role;
    let seed = matches!(role, R::Decommission | R::Destroy);
    let other = |id: &'static str, own: &'static str| if seed { id } else { own };
    let rules = |r: &[&'static str]| Some(Expected::both(r));
    match b.what {
        Break::Action => {
            if role == R::Sampling {
                return None;
            }
            let now = ev.action.take().unwrap_or_default();
            if v % 2 == 1 {
                let others: Vec<&str> = ["ADD", "OBSERVE", "DELETE", "add"]
                    .into_iter()
                    .filter(|a| *a != now)
                    .collect();
                ev.action = Some(others[usize::from(v / 2) % others.len()].to_owned());
            }
            if role == R::StatusUpdate {
                // Another action can still make a valid combination.
                let combo = (
                    ev.action.as_deref(),
                    ev.biz_step.as_deref().and_then(|s| s.strip_prefix(BIZSTEP)),
                    ev.disposition.as_deref().and_then(|s| s.strip_prefix(DISP)),
                );
                if STATUS
                    .iter()
                    .any(|&(a, s, d)| combo == (Some(a), Some(s), Some(d)))
                {
                    return rules(&[]);
                }
                return rules(&["som.status_combination"]);
            }
            rules(&[other("som.action", "som.action_other")])
        }
        Break::BizStep => {
            let wrong = ["storing", "inspecting", "commissioningx"][usize::from(v / 2) % 3];
            ev.biz_step = (v % 2 == 1).then(|| format!("{BIZSTEP}{wrong}"));
            let id = match role {
                R::StatusUpdate => "som.status_combination",
                _ => other("som.biz_step", "som.biz_step_other"),
            };
            let survives = role_survives_biz_step(ev);
            let defined = |fixed: bool| {
                if fixed || survives {
                    Expect::Rules(vec![id])
                } else {
                    Expect::Unknown
                }
            };
            Some(Expected {
                given: defined(single_role),
                inferred: defined(false),
                foreign: false,
            })
        }
        Break::Disposition => {
            if role == R::Sampling {
                return None;
            }
            ev.disposition = (v % 2 == 1).then(|| format!("{DISP}sellable_accessible"));
            // Without a bizStep that names it, a disposition can decide the
            // role; every model event has its bizStep.
            let id = match role {
                R::StatusUpdate => "som.status_combination",
                _ => other("som.disposition", "som.disposition_other"),
            };
            rules(&[id])
        }
        Break::ReadPoint if seed => {
            ev.read_point = None;
            rules(&["som.read_point"])
        }
        Break::BizLocation
            if matches!(
                role,
                R::Commission | R::Aggregation | R::Disaggregation | R::StatusUpdate
            ) =>
        {
            ev.biz_location = None;
            rules(&["som.biz_location"])
        }
        Break::Epc => {
            let n = ev.epcs.len();
            let on_parent = ev.parent.is_some() && (n == 0 || v % 4 == 3);
            let slot = match ev.parent.as_mut() {
                Some(p) if on_parent => p,
                _ if n == 0 => return None,
                _ => &mut ev.epcs[usize::from(v / 4) % n],
            };
            let bad = match v % 8 {
                0 => "urn:epc:id:sgtin:0614141.81234.6789".to_owned(),
                1 => "urn:epc:id:sgtn:0614141.812345.6789".to_owned(),
                2 => "urn:epc:tag:sgtin-96:3.0614141.812345.6789".to_owned(),
                4 => "(01)10614141812342(21)6789".to_owned(),
                5 => format!("{GCP}.812345.1"),
                _ => String::new(),
            };
            let empty = bad.is_empty();
            *slot = bad;
            match (empty, on_parent) {
                // An empty parentID is also no parentID.
                (true, true) => rules(&["som.epc_required", "som.parent_id"]),
                (true, false) => rules(&["som.epc_required"]),
                (false, _) => rules(&["som.epc"]),
            }
        }
        Break::NoEpcs if ev.kind == Kind::Object => {
            ev.epcs.clear();
            Some(Expected {
                given: Expect::Rules(vec![if event_msg {
                    "som.event_empty"
                } else {
                    "som.epc_list"
                }]),
                inferred: Expect::Rules(vec!["som.epc_list"]),
                foreign: false,
            })
        }
        Break::ParentId if ev.kind == Kind::Aggregation => {
            ev.parent = None;
            rules(&["som.parent_id"])
        }
        Break::Children if role == R::Aggregation => {
            ev.epcs.clear();
            rules(&["som.children"])
        }
        Break::BizTransaction if matches!(role, R::Shipping | R::Receiving | R::VoidShipping) => {
            if role == R::VoidShipping {
                ev.biz_tx
                    .retain(|(t, _)| t.as_deref() != Some("urn:epcglobal:cbv:btt:desadv"));
            } else {
                ev.biz_tx.clear();
            }
            rules(&["som.biz_transaction"])
        }
        Break::BizTransactionType if !ev.biz_tx.is_empty() => {
            let k = usize::from(v / 3) % ev.biz_tx.len();
            let was_desadv = ev.biz_tx[k].0.as_deref() == Some("urn:epcglobal:cbv:btt:desadv");
            ev.biz_tx[k].0 = match v % 3 {
                0 => Some(not_in(Table::BizTransactionType, v)),
                1 => Some(String::new()),
                _ => None,
            };
            let desadv_left = ev
                .biz_tx
                .iter()
                .any(|(t, _)| t.as_deref() == Some("urn:epcglobal:cbv:btt:desadv"));
            if role == R::VoidShipping && was_desadv && !desadv_left {
                rules(&["som.biz_transaction_type", "som.biz_transaction"])
            } else {
                rules(&["som.biz_transaction_type"])
            }
        }
        Break::BizTransactionValue if role == R::VoidShipping => {
            ev.biz_tx[0].1 =
                ["ASN-4711", "urn:epcglobal:cbv:btt:desadv"][usize::from(v) % 2].to_owned();
            rules(&["som.biz_transaction_value"])
        }
        Break::LocationIdType => {
            if !ev.ext.iter().any(|n| n.name == "locationId") {
                ev.ext.insert(
                    0,
                    Node::leaf("locationId", "0614141000005").attr("type", "GLN"),
                );
            }
            let node = ev.ext.iter_mut().find(|n| n.name == "locationId")?;
            node.attrs.clear();
            match v % 3 {
                0 => {
                    node.attrs.push(("type", not_in(Table::LocationIdType, v)));
                    rules(&["som.location_id_type"])
                }
                1 => {
                    node.attrs.push(("type", String::new()));
                    rules(&["som.location_id_type_required"])
                }
                _ => Some(Expected {
                    given: Expect::Rules(vec![if m == MessageType::DestroyEvent {
                        "som.location_id_type_occurs"
                    } else {
                        "som.location_id_type_required"
                    }]),
                    inferred: Expect::Rules(vec!["som.location_id_type_required"]),
                    foreign: false,
                }),
            }
        }
        Break::ReasonCode if seed => {
            let block = ensure_block(ev)?;
            block.remove("decommissionReasonCode");
            block.children.push(Node::leaf(
                "decommissionReasonCode",
                not_in(Table::DecommissionReasonCode, v),
            ));
            rules(&["som.decommission_reason_code"])
        }
        Break::DestructionMethod if seed => {
            let block = ensure_block(ev)?;
            block.remove("destructionMethod");
            block.children.push(Node::leaf(
                "destructionMethod",
                not_in(Table::DestructionMethod, v),
            ));
            rules(&["som.destruction_method"])
        }
        Break::MarketCountry if seed => {
            let block = ensure_block(ev)?;
            block.remove("marketCountryCode");
            block.children.insert(
                0,
                Node::leaf("marketCountryCode", ["R", " U "][usize::from(v) % 2]),
            );
            rules(&["som.market_country_code"])
        }
        Break::BusinessId
        | Break::BusinessIdType
        | Break::Classification
        | Break::PartyDetail
        | Break::District
        | Break::AddressGuid
            if seed =>
        {
            let info = ensure_party(ev)?;
            let id = party_break(info, b.what, v)?;
            rules(&[id])
        }
        Break::Warehouse if seed => {
            if !ev.has_china() {
                ev.epcs.push(format!("{CHINA}{:020}", v));
            }
            let may_drop_block = !matches!(role, R::Destroy) && !event_msg;
            if v % 2 == 1 && may_drop_block {
                // The whole block away: still no warehouse operator name
                // (the rule's note: "an event with a China EDMC code and no
                // non-empty tl:warehouseOperatorName").
                let names = ev.block_name();
                ev.ext.retain(|n| {
                    Some(n.name.as_str()) != names && n.name != "decomissionEventExtensions"
                });
            } else {
                let block = ensure_block(ev)?;
                block.remove("warehouseOperatorName");
                if v % 4 == 2 {
                    block
                        .children
                        .push(Node::leaf("warehouseOperatorName", " \n "));
                }
            }
            rules(&["som.warehouse_operator"])
        }
        Break::BlockTwice if ev.block_name().is_some() => {
            if !ev.has_block() {
                ensure_block(ev)?;
            }
            let copy = ev.ext.iter().find(|n| ev.is_block(n))?.clone();
            ev.ext.push(copy);
            let id = if event_msg {
                "som.params_repeated"
            } else {
                "som.extension_repeated"
            };
            Some(Expected {
                given: Expect::Rules(vec![id]),
                inferred: Expect::Rules(vec!["som.extension_repeated"]),
                foreign: false,
            })
        }
        Break::NoBlock if ev.block_name().is_some() => {
            if ev.has_china() {
                return None; // Break::Warehouse covers it
            }
            ev.ext.retain(|n| {
                Some(n.name.as_str()) != block_name(role) && n.name != "decomissionEventExtensions"
            });
            let given: Expect = match (m, role) {
                (MessageType::DecommissionEvent | MessageType::DestroyEvent, _) => {
                    Expect::Rules(vec!["som.params_missing"])
                }
                (MessageType::EsmDestroy | MessageType::EsmUpdateSnStatus, _) => {
                    Expect::Rules(vec!["som.extension_required"])
                }
                _ => Expect::Rules(Vec::new()),
            };
            let inferred = match role {
                R::Destroy => Expect::Rules(vec!["som.extension_required"]),
                // Without its block a status update is read by its bizStep.
                R::StatusUpdate => Expect::Unknown,
                _ => Expect::Rules(Vec::new()),
            };
            Some(Expected {
                given,
                inferred,
                foreign: false,
            })
        }
        Break::Packaging | Break::Barcode | Break::Expiry | Break::DrugCodeType
            if role == R::Commission =>
        {
            let epc = ev.epcs.first().cloned().unwrap_or_default();
            let block = ensure_block(ev)?;
            let id = match b.what {
                Break::Packaging => {
                    block.remove("packagingLevel");
                    block.children.insert(
                        0,
                        Node::leaf("packagingLevel", not_in(Table::PackagingLevel, v)),
                    );
                    "som.packaging_level"
                }
                Break::Barcode => {
                    let mut n = Node::parent("epcAttributes", Vec::new()).attr("epc", epc);
                    if v % 2 == 1 {
                        n.children.push(Node::leaf("barcodeContent", ""));
                    }
                    block.children.push(n);
                    "som.barcode_content"
                }
                Break::Expiry => {
                    let mut n = Node::parent("itemDetail", vec![Node::leaf("lot", "L1")]);
                    if v % 2 == 1 {
                        n.children.push(Node::leaf("expiry", "  "));
                    }
                    block.children.push(n);
                    "som.expiry"
                }
                _ => {
                    let mut n = Node::leaf("countryDrugCode", "12345-678-90");
                    if v % 2 == 1 {
                        n = n.attr("type", "");
                    }
                    block.children.push(n);
                    "som.country_drug_code_type"
                }
            };
            rules(&[id])
        }
        Break::LotExpiry if role == R::Commission => {
            if !ev.epcs.iter().any(|e| e.starts_with("urn:epc:id:sgtin:")) {
                ev.epcs.push(sgtin(u32::from(v) + 100));
            }
            match v % 4 {
                0 => ev.ilmd.clear(),
                1 => ev.ilmd.retain(|(n, _)| *n != "lotNumber"),
                2 => ev.ilmd.retain(|(n, _)| *n != "itemExpirationDate"),
                _ => {
                    // Present, but empty: the rule wants a value.
                    for (n, val) in &mut ev.ilmd {
                        if *n == "lotNumber" {
                            val.clear();
                        }
                    }
                }
            }
            Some(Expected {
                given: Expect::Rules(if m == MessageType::EsmShipment {
                    vec!["som.lot_expiry"]
                } else {
                    Vec::new()
                }),
                // Inferred: the commission event is checked as ESM
                // Commission, which has no ILMD rule.
                inferred: Expect::Rules(Vec::new()),
                foreign: false,
            })
        }
        Break::ChangeReason if role == R::VoidShipping => {
            ev.ext.retain(|n| n.name != "changeReasonCode");
            ev.ext.push(Node::leaf(
                "changeReasonCode",
                not_in(Table::ChangeReasonCode, v),
            ));
            rules(&["som.change_reason_code"])
        }
        Break::PartnerIdType if role == R::VoidShipping => {
            ev.ext.retain(|n| n.name != "partnerId");
            let mut n = Node::leaf("partnerId", "0614141000005");
            match v % 3 {
                0 => n = n.attr("type", not_in(Table::MessagePartyIdType, v)),
                1 => n = n.attr("type", ""),
                _ => {}
            }
            ev.ext.push(n);
            rules(&["som.partner_id_type"])
        }
        Break::UpdateType if role == R::StatusUpdate => {
            let block = ensure_block(ev)?;
            block.remove("updateType");
            match v % 3 {
                0 => block
                    .children
                    .insert(0, Node::leaf("updateType", not_in(Table::UpdateType, v))),
                1 => block.children.insert(0, Node::leaf("updateType", "")),
                _ => {}
            }
            rules(&["som.update_type"])
        }
        _ => None,
    }
}

/// The extension block of a role's events.
fn block_name(role: EventRole) -> Option<&'static str> {
    match role {
        EventRole::Commission => Some("commissionEventExtensions"),
        EventRole::Decommission => Some("decommissionEventExtensions"),
        EventRole::Destroy => Some("destroyEventExtensions"),
        EventRole::Shipping => Some("shippingEventExtensions"),
        EventRole::StatusUpdate => Some("updateStatusEventExtensions"),
        _ => None,
    }
}

/// The event's extension block, added (empty) when missing.
fn ensure_block(ev: &mut Ev) -> Option<&mut Node> {
    if !ev.has_block() {
        let name = ev.block_name()?;
        ev.ext.push(Node::parent(name, Vec::new()));
    }
    ev.block()
}

/// The event's `tl:businessPartyInfo` with a full detail, added when
/// missing.
fn ensure_party(ev: &mut Ev) -> Option<&mut Node> {
    let block = ensure_block(ev)?;
    if block.child("businessPartyInfo").is_none() {
        block.children.push(party(&PartyIn {
            id_type: 0,
            classification: Some(0),
            detail: Some((2, 0)),
        }));
    }
    let info = block.child("businessPartyInfo")?;
    if info.child("BusinessPartyDetail").is_none() {
        info.children.push(detail(2, 1));
    }
    Some(info)
}

/// A break inside `tl:businessPartyInfo`; the rule it sets off.
fn party_break(info: &mut Node, what: Break, v: u8) -> Option<&'static str> {
    Some(match what {
        Break::BusinessId => {
            let id = info.child("businessId")?;
            if v % 2 == 0 {
                info.remove("businessId");
            } else {
                id.text = Some(" ".to_owned());
            }
            "som.business_id"
        }
        Break::BusinessIdType => {
            let id = info.child("businessId")?;
            id.attrs.clear();
            match v % 3 {
                0 => {
                    id.attrs
                        .push(("type", not_in(Table::BusinessAndLocationId, v)));
                    "som.business_id_type"
                }
                1 => {
                    id.attrs.push(("type", " ".to_owned()));
                    "som.business_id_type_required"
                }
                _ => "som.business_id_type_required",
            }
        }
        Break::Classification => {
            info.remove("businessClassification");
            info.children.insert(
                1,
                Node::leaf(
                    "businessClassification",
                    not_in(Table::BusinessClassification, v),
                ),
            );
            "som.business_classification"
        }
        Break::PartyDetail => {
            const FIELDS: [(&str, &str); 5] = [
                ("businessName", "som.business_name"),
                ("street1", "som.street1"),
                ("city", "som.city"),
                ("stateOrRegion", "som.state_or_region"),
                ("country", "som.country"),
            ];
            let (field, id) = FIELDS[usize::from(v / 2) % FIELDS.len()];
            let d = info.child("BusinessPartyDetail")?;
            let country = d.child("country").and_then(|c| c.text.clone());
            if field == "country" && matches!(country.as_deref(), Some("IN" | "RU")) {
                // Without a country the India and Russia rules are silent.
                d.remove("district");
                d.remove("addressObjectGUID");
            }
            if v % 2 == 0 {
                d.remove(field);
            } else {
                d.child(field)?.text = Some(String::new());
            }
            id
        }
        Break::District => {
            let d = info.child("BusinessPartyDetail")?;
            d.remove("country");
            d.remove("district");
            d.remove("addressObjectGUID");
            match v % 4 {
                0 => {}
                k => d.children.push(Node::leaf(
                    "district",
                    ["12", "1234", "AB1"][usize::from(k) - 1],
                )),
            }
            d.children.push(Node::leaf("country", "IN"));
            "som.district"
        }
        Break::AddressGuid => {
            let d = info.child("BusinessPartyDetail")?;
            d.remove("country");
            d.remove("district");
            d.remove("addressObjectGUID");
            if v % 2 == 1 {
                d.children.push(Node::leaf("addressObjectGUID", ""));
            }
            d.children.push(Node::leaf("country", "RU"));
            "som.address_object_guid"
        }
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Writing

const EPCIS_PREFIXES: [&str; 4] = ["epcis", "e", "ns0", ""];
const SBDH_PREFIXES: [&str; 3] = ["sbdh", "sh", "n1"];
const TL_PREFIXES: [&str; 4] = ["tl", "t", "tracelink", "ns3"];
const MARKUP: [&str; 3] = ["<!-- gap -->", "<?pi data?>", "<!---->"];

struct Writer<'s> {
    xml: String,
    style: &'s Style,
    gap_i: usize,
    form_i: usize,
    quote: char,
    tl: &'static str,
    sbdh: &'static str,
    /// The EPCIS root's prefix (`""`: default namespace).
    epcis: &'static str,
}

impl Writer<'_> {
    fn gap(&mut self) {
        let bits = (self.style.gaps >> (3 * (self.gap_i % 21))) & 7;
        self.gap_i += 1;
        match bits {
            0 => {}
            1 => self.xml.push(' '),
            2 => self.xml.push_str("\n  "),
            3 => self.xml.push_str("\r\n"),
            4 => self.xml.push('\t'),
            5 | 6 => self.xml.push_str(MARKUP[self.gap_i % MARKUP.len()]),
            _ => self.xml.push('\n'),
        }
    }

    fn attr_value(&mut self, v: &str) {
        let q = self.quote;
        self.xml.push(q);
        let refs = self.style.forms & 1 == 1;
        for (k, c) in v.chars().enumerate() {
            match c {
                '<' => self.xml.push_str("&lt;"),
                '&' => self.xml.push_str("&amp;"),
                '"' if q == '"' => self.xml.push_str("&quot;"),
                '\'' if q == '\'' => self.xml.push_str("&apos;"),
                '\t' | '\n' | '\r' => {
                    let _ = write!(self.xml, "&#{};", u32::from(c));
                }
                c if refs && k == 0 => {
                    let _ = write!(self.xml, "&#x{:x};", u32::from(c));
                }
                c => self.xml.push(c),
            }
        }
        self.xml.push(q);
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.gap();
        self.xml.push('<');
        self.xml.push_str(name);
        for (k, v) in attrs {
            self.xml.push(' ');
            self.xml.push_str(k);
            self.xml.push('=');
            self.attr_value(v);
        }
        self.xml.push('>');
    }

    fn close(&mut self, name: &str) {
        self.gap();
        let _ = write!(self.xml, "</{name}>");
    }

    /// A value's characters, in the next form.
    fn text(&mut self, v: &str) {
        let form = (self.style.forms >> (3 * (self.form_i % 21))) & 7;
        self.form_i += 1;
        let pad = matches!(form, 3 | 7);
        if pad {
            self.xml.push_str(" \n\t");
        }
        match form {
            4 => {
                for (k, c) in v.chars().enumerate() {
                    if k == 0 {
                        let _ = write!(self.xml, "&#{};", u32::from(c));
                    } else {
                        self.escaped(c);
                    }
                }
            }
            5 => {
                for c in v.chars() {
                    let _ = write!(self.xml, "&#x{:X};", u32::from(c));
                }
            }
            6 | 7 if !v.is_empty() => {
                self.xml.push_str("<![CDATA[");
                self.xml.push_str(&v.replace("]]>", "]]]]><![CDATA[>"));
                self.xml.push_str("]]>");
            }
            _ => {
                for c in v.chars() {
                    self.escaped(c);
                }
            }
        }
        if pad {
            self.xml.push_str("\r\n ");
        }
    }

    fn escaped(&mut self, c: char) {
        match c {
            '<' => self.xml.push_str("&lt;"),
            '&' => self.xml.push_str("&amp;"),
            '>' => self.xml.push_str("&gt;"),
            '\r' => self.xml.push_str("&#13;"),
            c => self.xml.push(c),
        }
    }

    /// `<name attrs>value</name>` (`<name/>` for some empty values).
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], v: &str) {
        if v.is_empty() && self.form_i % 2 == 0 {
            self.form_i += 1;
            self.gap();
            self.xml.push('<');
            self.xml.push_str(name);
            for (k, val) in attrs {
                self.xml.push(' ');
                self.xml.push_str(k);
                self.xml.push('=');
                self.attr_value(val);
            }
            self.xml.push_str("/>");
            return;
        }
        self.open(name, attrs);
        self.text(v);
        let _ = write!(self.xml, "</{name}>");
    }

    /// A `tl:` node; `top`: a direct child of the event.
    fn node(&mut self, n: &Node, top: bool) {
        let default_ns = top && self.style.tl & 0x80 != 0;
        let declare = top && self.style.tl & 0x40 != 0;
        let name = if default_ns || (self.tl.is_empty()) {
            n.name.clone()
        } else {
            format!("{}:{}", self.tl, n.name)
        };
        let mut attrs: Vec<(String, String)> = n
            .attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        if default_ns {
            attrs.insert(0, ("xmlns".to_owned(), TL_NS.to_owned()));
        } else if declare {
            attrs.insert(0, (format!("xmlns:{}", self.tl), TL_NS.to_owned()));
        }
        let attrs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Children of a node written in the default namespace are
        // unprefixed (they inherit it).
        let saved = self.tl;
        if default_ns {
            self.tl = "";
        }
        match &n.text {
            Some(t) if n.children.is_empty() => self.leaf(&name, &attrs, t),
            _ => {
                self.open(&name, &attrs);
                for c in &n.children {
                    self.node(c, false);
                }
                self.close(&name);
            }
        }
        self.tl = saved;
    }

    fn document(&mut self, doc: &Doc) {
        if self.style.decl {
            self.xml
                .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        }
        let root = if self.epcis.is_empty() {
            "EPCISDocument".to_owned()
        } else {
            format!("{}:EPCISDocument", self.epcis)
        };
        let mut attrs: Vec<(String, String)> = Vec::new();
        attrs.push(if self.epcis.is_empty() {
            ("xmlns".to_owned(), EPCIS_NS.to_owned())
        } else {
            (format!("xmlns:{}", self.epcis), EPCIS_NS.to_owned())
        });
        attrs.push((format!("xmlns:{}", self.sbdh), SBDH_NS.to_owned()));
        attrs.push(("xmlns:cbvmda".to_owned(), CBVMDA_NS.to_owned()));
        if self.style.tl & 0xC0 == 0 {
            attrs.push((format!("xmlns:{}", self.tl), TL_NS.to_owned()));
        }
        attrs.push(("schemaVersion".to_owned(), "1.2".to_owned()));
        attrs.push(("creationDate".to_owned(), "2024-05-01T10:00:00Z".to_owned()));
        let attrs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.open(&root, &attrs);
        if let Some(s) = &doc.sbdh {
            self.sbdh(s);
        }
        self.open("EPCISBody", &[]);
        self.open("EventList", &[]);
        for (i, ev) in doc.events.iter().enumerate() {
            self.event(ev, i);
        }
        self.close("EventList");
        self.close("EPCISBody");
        self.close(&root);
        self.xml.push('\n');
    }

    fn sbdh(&mut self, s: &Sbdh) {
        let p = self.sbdh;
        let q = |n: &str| format!("{p}:{n}");
        self.open("EPCISHeader", &[]);
        self.open(&q("StandardBusinessDocumentHeader"), &[]);
        self.leaf(&q("HeaderVersion"), &[], "1.0");
        for (who, auth, gln) in [
            ("Sender", &s.sender, "0614141000005"),
            ("Receiver", &s.receiver, "4012345000009"),
        ] {
            self.open(&q(who), &[]);
            match auth {
                Some(a) => self.leaf(&q("Identifier"), &[("Authority", a.as_str())], gln),
                None => self.leaf(&q("Identifier"), &[], gln),
            }
            self.close(&q(who));
        }
        self.open(&q("DocumentIdentification"), &[]);
        self.leaf(&q("Standard"), &[], "EPCglobal");
        self.leaf(&q("TypeVersion"), &[], "1.0");
        self.leaf(&q("InstanceIdentifier"), &[], &s.instance);
        self.leaf(&q("Type"), &[], "Events");
        self.leaf(&q("CreationDateAndTime"), &[], "2024-05-01T10:00:00Z");
        self.close(&q("DocumentIdentification"));
        self.close(&q("StandardBusinessDocumentHeader"));
        self.close("EPCISHeader");
    }

    fn event(&mut self, ev: &Ev, i: usize) {
        let name = match ev.kind {
            Kind::Object => "ObjectEvent",
            Kind::Aggregation => "AggregationEvent",
        };
        self.open(name, &[]);
        self.leaf(
            "eventTime",
            &[],
            &format!("2024-05-01T08:{:02}:{:02}.123Z", i / 60 % 60, i % 60),
        );
        self.leaf("eventTimeZoneOffset", &[], "-05:00");
        let list = match ev.kind {
            Kind::Object => "epcList",
            Kind::Aggregation => {
                if let Some(p) = &ev.parent {
                    self.leaf("parentID", &[], p);
                }
                "childEPCs"
            }
        };
        if ev.epcs.is_empty() {
            self.gap();
            let _ = write!(self.xml, "<{list}/>");
        } else {
            self.open(list, &[]);
            for e in &ev.epcs {
                self.leaf("epc", &[], e);
            }
            self.close(list);
        }
        for (n, v) in [
            ("action", &ev.action),
            ("bizStep", &ev.biz_step),
            ("disposition", &ev.disposition),
        ] {
            if let Some(v) = v {
                self.leaf(n, &[], v);
            }
        }
        for (n, v) in [
            ("readPoint", &ev.read_point),
            ("bizLocation", &ev.biz_location),
        ] {
            if let Some(v) = v {
                self.open(n, &[]);
                self.leaf("id", &[], v);
                self.close(n);
            }
        }
        if !ev.biz_tx.is_empty() {
            self.open("bizTransactionList", &[]);
            for (t, v) in &ev.biz_tx {
                match t {
                    Some(t) => self.leaf("bizTransaction", &[("type", t.as_str())], v),
                    None => self.leaf("bizTransaction", &[], v),
                }
            }
            self.close("bizTransactionList");
        }
        if !ev.ilmd.is_empty() {
            self.open("extension", &[]);
            self.open("ilmd", &[]);
            for (n, v) in &ev.ilmd {
                self.leaf(&format!("cbvmda:{n}"), &[], v);
            }
            self.close("ilmd");
            self.close("extension");
        }
        for n in &ev.ext {
            self.node(n, true);
        }
        self.close(name);
    }
}

fn render(doc: &Doc, style: &Style) -> String {
    let mut w = Writer {
        xml: String::with_capacity(4096),
        style,
        gap_i: 0,
        form_i: 0,
        quote: if style.single_quotes { '\'' } else { '"' },
        tl: TL_PREFIXES[usize::from(style.tl & 0x3F) % TL_PREFIXES.len()],
        sbdh: SBDH_PREFIXES[usize::from(style.sbdh) % SBDH_PREFIXES.len()],
        epcis: EPCIS_PREFIXES[usize::from(style.epcis) % EPCIS_PREFIXES.len()],
    };
    w.document(doc);
    w.xml
}

// ---------------------------------------------------------------------------
// Checking

/// The configurations: one per message type, and one without.
fn configs() -> &'static [Config] {
    static C: OnceLock<Vec<Config>> = OnceLock::new();
    C.get_or_init(|| {
        MessageType::ALL
            .iter()
            .map(|m| Some(*m))
            .chain([None])
            .map(|message| Config {
                message,
                lookups: lookups().clone(),
                now: Some(1_735_689_600),
                ..Config::default()
            })
            .collect()
    })
}

fn config(m: Option<MessageType>) -> &'static Config {
    let all = configs();
    let i = m.map_or(MessageType::ALL.len(), |m| {
        MessageType::ALL.iter().position(|x| *x == m).unwrap_or(0)
    });
    &all[i]
}

fn check(xml: &str, m: Option<MessageType>) -> (Vec<Violation<'static>>, Verdict) {
    let mut sink = Validator::checked(Checker::new(config(m), Vec::new()));
    let options = ScanOptions {
        threads: 1,
        limits: super::scan::fuzz_limits(),
        ..ScanOptions::default()
    };
    if let Err(e) = scan_slice(xml.as_bytes(), &options, &mut sink) {
        panic!("the model document does not scan: {e:?}\n{xml}");
    }
    sink.into_inner().finish()
}

fn receiver(vs: &[Violation<'_>], severity: Severity) -> BTreeSet<&'static str> {
    vs.iter()
        .filter(|v| v.class != Class::Gs1 && v.severity == severity)
        .map(|v| v.rule)
        .collect()
}

fn show(vs: &[Violation<'_>]) -> String {
    vs.iter()
        .map(|v| {
            format!(
                "  {} {} {:?} {} [{}] {}",
                v.class,
                v.rule,
                v.severity,
                v.message,
                v.detail.as_deref().unwrap_or(""),
                v.path
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fuzz target `validate_structured`: see the module docs.
pub fn validate_structured(input: &MessageInput) {
    let m = effective(input.message);
    let mut doc = plan(input);
    let expected = input.brk.as_ref().and_then(|b| apply(&mut doc, b, m));
    let xml = render(&doc, &input.style);
    let misspelt = xml.contains("decomissionEventExtensions");
    let model_roles = {
        let mut r: Vec<(EventRole, u64)> = EventRole::ALL
            .iter()
            .map(|role| {
                (
                    *role,
                    doc.events.iter().filter(|e| e.role == *role).count() as u64,
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        r.sort();
        r
    };
    let epcs: u64 = doc.events.iter().map(Ev::epc_count).sum();
    for given in [true, false] {
        let (vs, verdict) = check(&xml, given.then_some(m));
        let ctx = || {
            format!(
                "message {} ({}), break {:?} → {}\nviolations:\n{}\ndocument:\n{xml}",
                m.code(),
                if given { "given" } else { "inferred" },
                input.brk.as_ref().map(|b| b.what),
                describe(expected.as_ref(), given),
                show(&vs)
            )
        };
        assert_eq!(verdict.events, doc.events.len() as u64, "events; {}", ctx());
        assert_eq!(verdict.epcs, epcs, "EPCs; {}", ctx());
        let errors = receiver(&vs, Severity::Error);
        let warnings = receiver(&vs, Severity::Warning);
        let foreign = expected.as_ref().is_some_and(|e| e.foreign);
        let mut allowed: BTreeSet<&str> = BTreeSet::new();
        if misspelt {
            allowed.insert("som.misspelt_element");
        }
        if doc.sbdh.is_none() {
            allowed.insert("som.header");
        }
        let unknown = expected
            .as_ref()
            .is_some_and(|e| (if given { &e.given } else { &e.inferred }) == &Expect::Unknown);
        if (foreign || unknown) && !given {
            // An event of no role, or of a role the others do not go with.
            allowed.insert("som.unclassified");
        }
        assert!(
            warnings.is_subset(&allowed),
            "unexpected receiver warnings; {}",
            ctx()
        );
        match &expected {
            None => {
                assert!(errors.is_empty(), "a valid document has errors; {}", ctx());
                let gs1 = vs
                    .iter()
                    .any(|v| v.class == Class::Gs1 && v.severity == Severity::Error);
                assert!(!gs1, "a valid document has GS1 errors; {}", ctx());
                let want = if given { m } else { infer(m) };
                assert_eq!(verdict.message, Some(want), "message; {}", ctx());
                assert_eq!(verdict.given, given);
                let mut roles = verdict.roles.clone();
                roles.sort();
                assert_eq!(roles, model_roles, "roles; {}", ctx());
            }
            Some(e) => {
                let want = if given { &e.given } else { &e.inferred };
                if let Expect::Rules(rules) = want {
                    let rules: BTreeSet<&str> = rules.iter().copied().collect();
                    assert_eq!(errors, rules, "receiver errors; {}", ctx());
                }
            }
        }
    }
}

/// The message a valid model document of `m` is inferred as.
fn infer(m: MessageType) -> MessageType {
    match m {
        MessageType::DecommissionEvent => MessageType::EsmDecommission,
        MessageType::DestroyEvent => MessageType::EsmDestroy,
        m => match roles_of(m) {
            [single] => message_of(*single).unwrap_or(m),
            _ => m,
        },
    }
}

fn describe(e: Option<&Expected>, given: bool) -> String {
    match e {
        None => "valid".to_owned(),
        Some(e) => format!("{:?}", if given { &e.given } else { &e.inferred }),
    }
}

/// [`validate_structured`] on raw fuzzer bytes, read as `libfuzzer-sys`
/// reads them for a typed target (`arbitrary_take_rest`): how
/// `tests/fuzz_regressions.rs` replays a crash file. False when the bytes
/// do not make a [`MessageInput`].
pub fn validate_structured_bytes(data: &[u8]) -> bool {
    use arbitrary::Arbitrary;
    match MessageInput::arbitrary_take_rest(arbitrary::Unstructured::new(data)) {
        Ok(input) => {
            validate_structured(&input);
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbitrary::Arbitrary;

    /// Pseudo-random bytes (SplitMix64).
    fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = s;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (z ^ (z >> 31)) as u8
            })
            .collect()
    }

    fn input(seed: u64, len: usize) -> MessageInput {
        MessageInput::arbitrary_take_rest(arbitrary::Unstructured::new(&bytes(seed, len)))
            .expect("any bytes make a message")
    }

    /// Every message type, valid, in many layouts.
    #[test]
    fn valid_messages_have_no_errors() {
        for (k, m) in MessageType::ALL.iter().enumerate() {
            for n in 0..40u64 {
                let mut i = input(n ^ (k as u64) << 32, 300 + (n as usize * 37) % 900);
                i.message = *m;
                i.brk = None;
                validate_structured(&i);
            }
        }
    }

    /// Every break on every message it applies to.
    #[test]
    fn every_break_sets_off_its_rule() {
        let breaks = [
            Break::Action,
            Break::BizStep,
            Break::Disposition,
            Break::ReadPoint,
            Break::BizLocation,
            Break::Epc,
            Break::NoEpcs,
            Break::ParentId,
            Break::Children,
            Break::BizTransaction,
            Break::BizTransactionType,
            Break::BizTransactionValue,
            Break::LocationIdType,
            Break::ReasonCode,
            Break::DestructionMethod,
            Break::MarketCountry,
            Break::BusinessId,
            Break::BusinessIdType,
            Break::Classification,
            Break::PartyDetail,
            Break::District,
            Break::AddressGuid,
            Break::Warehouse,
            Break::BlockTwice,
            Break::NoBlock,
            Break::Packaging,
            Break::Barcode,
            Break::Expiry,
            Break::DrugCodeType,
            Break::LotExpiry,
            Break::ChangeReason,
            Break::PartnerIdType,
            Break::UpdateType,
            Break::SenderAuthority,
            Break::ReceiverAuthority,
            Break::Repeat,
            Break::Unexpected,
        ];
        let mut applied = BTreeSet::new();
        let mut failures = Vec::new();
        for (k, what) in breaks.iter().enumerate() {
            for m in MessageType::ALL {
                for n in 0..12u64 {
                    let mut i = input(n ^ (k as u64) << 40, 400 + (n as usize * 53) % 700);
                    i.message = *m;
                    i.brk = Some(BreakIn {
                        event: n as u8,
                        what: *what,
                        variant: n as u8,
                    });
                    let mut doc = plan(&i);
                    if apply(&mut doc, i.brk.as_ref().unwrap(), effective(*m)).is_some() {
                        applied.insert(format!("{what:?}"));
                    }
                    let r = std::panic::catch_unwind(|| validate_structured(&i));
                    if let Err(e) = r {
                        let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
                        let first = msg.lines().take(6).collect::<Vec<_>>().join(" | ");
                        failures.push(first);
                    }
                }
            }
        }
        failures.sort();
        failures.dedup();
        for f in &failures {
            eprintln!("FAIL {f}");
        }
        assert!(failures.is_empty(), "{} failures", failures.len());
        // Every break applies somewhere.
        assert_eq!(applied.len(), breaks.len(), "{applied:?}");
    }

    /// Writes the seed corpus (`VALIDATE_STRUCTURED_SEEDS=<dir>`): per
    /// message type four inputs, valid and broken.
    #[test]
    #[ignore]
    fn write_validate_structured_seeds() {
        let dir =
            std::env::var("VALIDATE_STRUCTURED_SEEDS").expect("VALIDATE_STRUCTURED_SEEDS=<dir>");
        std::fs::create_dir_all(&dir).expect("seed directory");
        let mut written = 0;
        for m in MessageType::ALL {
            let mut found = 0;
            for n in 0..100_000u64 {
                let data = bytes(n ^ (*m as u64) << 40, 600 + (n as usize * 131) % 1500);
                let Ok(input) =
                    MessageInput::arbitrary_take_rest(arbitrary::Unstructured::new(&data))
                else {
                    continue;
                };
                if input.message != *m
                    || input.events.len() < 2
                    || input.brk.is_some() != (found % 2 == 1)
                {
                    continue;
                }
                validate_structured(&input);
                std::fs::write(format!("{dir}/{}-{found}", m.code()), &data).expect("seed written");
                found += 1;
                written += 1;
                if found == 4 {
                    break;
                }
            }
        }
        assert_eq!(written, 4 * MessageType::ALL.len());
    }
}
