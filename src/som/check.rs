//! The message checker: a [`Sink`] that checks each event against its
//! message's rules while the document streams by.
//!
//! [`Checker`] goes behind [`Validator::checked`](crate::validate::Validator::checked):
//! it sees every EPC with the validator's verdict (no second parse), every
//! event at its end tag (with its `tl:` extensions), the header; the GS1
//! findings of the scanner and validator pass through it to the
//! [`Report`] as [`Class::Gs1`] violations. It keeps nothing per EPC: per
//! event a few flags, per document counters, so memory stays constant.
//!
//! # Event roles and message types
//!
//! Each event gets an [`EventRole`]: from its `tl:updateStatusEventExtensions`
//! (a status update whatever its bizStep), else its bizStep
//! (`commissioning`, `decommissioning`, `destroying`, `packing`,
//! `unpacking`, `shipping`, `receiving`, `sampling`, `void_shipping`),
//! else its extension block (`tl:commissionEventExtensions`, …), else its
//! type, action and disposition (an AggregationEvent ADD packs, DELETE
//! unpacks; `inactive` decommissions, `destroyed` destroys, ADD + `active`
//! commissions, `in_transit` ships). A role goes only to an event of its
//! type (ObjectEvent, or AggregationEvent for packing and unpacking): an
//! AggregationEvent with bizStep `receiving` is read by its action, a
//! QuantityEvent has none.
//!
//! With a message type given ([`Config::message`]), every event is checked
//! by that message's rules: in a single-role message (decommission,
//! destroy, commission, aggregation, disaggregation, sampling, void
//! shipment, status update) every event of the right type *is* that
//! message's event, whatever its bizStep says (so `action` ADD in an ESM
//! Decommission gives "Action DELETE is required for ObjectEvent
//! decommissioning !!!"); an ESM Shipment carries shipping, commission,
//! aggregation, decommission and destroy events, an ESM Receive receiving
//! and aggregation events, each checked by its role's rules; an event of
//! another type or role is `som.unexpected_event`. Without one, each event
//! is checked by its own role's rules (in the texts of the ESM messages:
//! the *Event variants differ only in wording and need `--message`), and
//! the document's type is inferred at the end from the roles seen
//! ([`Verdict::message`]).

use super::rules::{self, Rule};
use super::{Class, Lookups, MessageType, ProductMaster, Report, TL_NS, Table, Violation};
use crate::epcis::{
    EpcField, EpcRef, Event, EventKind, EventStart, ExtNode, Finding, Flow, Header, Position,
    Severity, Sink, Value, VocabularyElement,
};
use crate::validate::{CheckedSink, EpcCheck, epc_suffix, event_path};
use std::borrow::Cow;
use std::fmt;

/// What the checker checks against.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The message type given by the transport (`--message`); `None`:
    /// classify from the events.
    pub message: Option<MessageType>,
    /// The receiver's lookup tables.
    pub lookups: Lookups,
    /// Product master data (target markets by GTIN), for the Class 2
    /// Russia rules; empty: those rules cannot fire.
    pub master: ProductMaster,
    /// "Now" in seconds since the epoch, for rules about the future
    /// (EVENTTIMEAFTERNOW); `None`: the system clock.
    pub now: Option<i64>,
}

macro_rules! roles {
    ($($(#[$doc:meta])* $v:ident => $s:literal,)*) => {
        /// What an event does, for the receiver.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EventRole { $($(#[$doc])* $v,)* }
        impl EventRole {
            /// Every role.
            pub const ALL: &'static [EventRole] = &[$(EventRole::$v,)*];
            /// Lower-case name.
            pub const fn as_str(self) -> &'static str {
                match self { $(EventRole::$v => $s,)* }
            }
        }
    };
}

roles! {
    /// Commissioning (ObjectEvent ADD).
    Commission => "commission",
    /// Decommissioning.
    Decommission => "decommission",
    /// Destroying.
    Destroy => "destroy",
    /// Packing (AggregationEvent ADD).
    Aggregation => "aggregation",
    /// Unpacking (AggregationEvent DELETE).
    Disaggregation => "disaggregation",
    /// Shipping.
    Shipping => "shipping",
    /// Receiving.
    Receiving => "receiving",
    /// Sampling.
    Sampling => "sampling",
    /// Void shipping.
    VoidShipping => "void shipping",
    /// A serial number status update.
    StatusUpdate => "status update",
    /// None of the above.
    Other => "other",
}

impl fmt::Display for EventRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a role requires of its event (REFERENCE.md §4; seed 004 for
/// decommission and destroy).
struct Requirement {
    kind: EventKind,
    action: Option<&'static str>,
    biz_step: &'static str,
    dispositions: &'static [&'static str],
    /// The word of the texts: "Action ADD is required for <step> !!!".
    step: &'static str,
}

const BIZSTEP: &str = "urn:epcglobal:cbv:bizstep:";
const DISP: &str = "urn:epcglobal:cbv:disp:";

impl EventRole {
    fn requirement(self) -> Option<Requirement> {
        let r = |kind, action, biz_step, dispositions, step| {
            Some(Requirement {
                kind,
                action,
                biz_step,
                dispositions,
                step,
            })
        };
        use EventKind::{Aggregation as A, Object as O};
        match self {
            EventRole::Commission => r(
                O,
                Some("ADD"),
                "commissioning",
                &["active"],
                "commissioning",
            ),
            EventRole::Decommission => r(
                O,
                Some("DELETE"),
                "decommissioning",
                &["inactive"],
                "decommissioning",
            ),
            EventRole::Destroy => r(
                O,
                Some("DELETE"),
                "destroying",
                &["destroyed"],
                "destroying",
            ),
            EventRole::Aggregation => r(A, Some("ADD"), "packing", &["in_progress"], "aggregation"),
            EventRole::Disaggregation => r(
                A,
                Some("DELETE"),
                "unpacking",
                &["in_progress"],
                "disaggregation",
            ),
            EventRole::Shipping => r(O, Some("OBSERVE"), "shipping", &["in_transit"], "shipping"),
            EventRole::Receiving => r(
                O,
                Some("OBSERVE"),
                "receiving",
                &["in_progress", "in_transit"],
                "receiving",
            ),
            EventRole::Sampling => r(O, None, "sampling", &[], "sampling"),
            EventRole::VoidShipping => r(
                O,
                Some("OBSERVE"),
                "void_shipping",
                &["in_progress"],
                "void shipping",
            ),
            EventRole::StatusUpdate => r(O, None, "", &[], "serial number status update"),
            EventRole::Other => None,
        }
    }

    /// The message an event of this role is, on its own.
    fn message(self) -> Option<MessageType> {
        Some(match self {
            EventRole::Commission => MessageType::EsmCommission,
            EventRole::Decommission => MessageType::EsmDecommission,
            EventRole::Destroy => MessageType::EsmDestroy,
            EventRole::Aggregation => MessageType::EsmAggregation,
            EventRole::Disaggregation => MessageType::EsmDisaggregate,
            EventRole::Shipping => MessageType::EsmShipment,
            EventRole::Receiving => MessageType::EsmReceive,
            EventRole::Sampling => MessageType::TakeSample,
            EventRole::VoidShipping => MessageType::EsmVoidShipment,
            EventRole::StatusUpdate => MessageType::EsmUpdateSnStatus,
            EventRole::Other => return None,
        })
    }

    /// The extension block of the role's events.
    fn extension_block(self) -> Option<&'static str> {
        match self {
            EventRole::Commission => Some("commissionEventExtensions"),
            EventRole::Decommission => Some("decommissionEventExtensions"),
            EventRole::Destroy => Some("destroyEventExtensions"),
            EventRole::Shipping => Some("shippingEventExtensions"),
            EventRole::StatusUpdate => Some("updateStatusEventExtensions"),
            _ => None,
        }
    }
}

/// The roles a message carries: one role (every event of the right type
/// is that role's), or several (each event by its own).
fn message_roles(m: MessageType) -> &'static [EventRole] {
    use EventRole as R;
    match m {
        MessageType::EsmCommission => &[R::Commission],
        MessageType::EsmDecommission | MessageType::DecommissionEvent => &[R::Decommission],
        MessageType::EsmDestroy | MessageType::DestroyEvent => &[R::Destroy],
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
        MessageType::SoapDecommission | MessageType::SoapDestroy => &[],
    }
}

/// The name after a CBV prefix (or the last `:`/`/`/`-` separated part).
fn cbv_name(v: &str) -> &str {
    v.rsplit([':', '/', '-']).next().unwrap_or(v)
}

fn is_tl(n: &ExtNode<'_>) -> bool {
    n.namespace.as_deref() == Some(TL_NS) || n.name.starts_with("tl:")
}

/// The event's role (see the module docs).
pub fn role_of(ev: &Event<'_>) -> EventRole {
    let top = || ev.extensions.iter().filter(|n| n.depth == 1 && is_tl(n));
    // A role is of one event type (a packing AggregationEvent, a receiving
    // ObjectEvent…): an AggregationEvent with bizStep receiving is not a
    // receiving event (its EPCs are no epcList), a QuantityEvent none.
    let kind = |r: EventRole| r.requirement().is_some_and(|q| q.kind == ev.start.kind);
    if kind(EventRole::StatusUpdate)
        && top().any(|n| n.local_name() == "updateStatusEventExtensions")
    {
        return EventRole::StatusUpdate;
    }
    if let Some(b) = &ev.biz_step {
        let role = match cbv_name(b.as_str()) {
            "commissioning" => Some(EventRole::Commission),
            "decommissioning" => Some(EventRole::Decommission),
            "destroying" => Some(EventRole::Destroy),
            "packing" => Some(EventRole::Aggregation),
            "unpacking" => Some(EventRole::Disaggregation),
            "shipping" => Some(EventRole::Shipping),
            "receiving" => Some(EventRole::Receiving),
            "sampling" => Some(EventRole::Sampling),
            "void_shipping" => Some(EventRole::VoidShipping),
            _ => None,
        };
        if let Some(r) = role.filter(|&r| kind(r)) {
            return r;
        }
    }
    for n in top().filter(|_| ev.start.kind == EventKind::Object) {
        let role = match n.local_name() {
            "commissionEventExtensions" => EventRole::Commission,
            "decommissionEventExtensions" | "decomissionEventExtensions" => EventRole::Decommission,
            "destroyEventExtensions" => EventRole::Destroy,
            "shippingEventExtensions" => EventRole::Shipping,
            _ => continue,
        };
        return role;
    }
    let action = ev.action.as_ref().map(Value::as_str);
    let disp = ev.disposition.as_ref().map(|d| cbv_name(d.as_str()));
    match (ev.start.kind, action, disp) {
        (EventKind::Aggregation, Some("ADD"), _) => EventRole::Aggregation,
        (EventKind::Aggregation, Some("DELETE"), _) => EventRole::Disaggregation,
        (EventKind::Object, _, Some("inactive")) => EventRole::Decommission,
        (EventKind::Object, _, Some("destroyed")) => EventRole::Destroy,
        (EventKind::Object, Some("ADD"), Some("active")) => EventRole::Commission,
        (EventKind::Object, _, Some("in_transit")) => EventRole::Shipping,
        _ => EventRole::Other,
    }
}

/// What a document is and how it fared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The message type: given, or inferred (`None`: could not be).
    pub message: Option<MessageType>,
    /// Whether the type was given (not inferred).
    pub given: bool,
    /// Events by role, in [`EventRole::ALL`] order, zero counts left out.
    pub roles: Vec<(EventRole, u64)>,
    /// Events read.
    pub events: u64,
    /// EPCs read.
    pub epcs: u64,
    /// `sbdh:InstanceIdentifier`.
    pub instance_identifier: Option<Value<'static>>,
    /// The first `sbdh:Sender/sbdh:Identifier`.
    pub sender: Option<String>,
    /// Violations by class ([`Class::Gs1`], One, Two) and severity
    /// (warning, error).
    pub counts: [[u64; 2]; 3],
}

impl Verdict {
    /// Errors (all classes).
    pub fn errors(&self) -> u64 {
        self.counts.iter().map(|c| c[1]).sum()
    }
    /// Warnings (all classes).
    pub fn warnings(&self) -> u64 {
        self.counts.iter().map(|c| c[0]).sum()
    }
    /// Errors of one class.
    pub fn errors_of(&self, class: Class) -> u64 {
        self.counts[class as usize][1]
    }
    /// The message as a person reads it: "ESM Shipment (shipping +
    /// commission + aggregation)" for shipments.
    pub fn describe(&self) -> String {
        let Some(m) = self.message else {
            return "unclassified".to_owned();
        };
        if m != MessageType::EsmShipment {
            return m.display_name().to_owned();
        }
        let parts: Vec<&str> = self
            .roles
            .iter()
            .filter(|(r, _)| message_roles(m).contains(r))
            .map(|(r, _)| r.as_str())
            .collect();
        if parts.is_empty() {
            return m.display_name().to_owned();
        }
        format!("{} ({})", m.display_name(), parts.join(" + "))
    }
}

/// Per-event state, reset at each event start.
#[derive(Default)]
struct EventState {
    /// An EPC is a China EDMC code.
    china: bool,
    /// An EPC's product is sold in Russia (product master).
    russia: bool,
    /// An EPC is a valid SGTIN (a GTIN product).
    sgtin: bool,
}

/// Checks the messages of one document (see the module docs). Goes behind
/// [`Validator::checked`](crate::validate::Validator::checked); call
/// [`Checker::finish`] after the scan.
pub struct Checker<'c, R: Report> {
    config: &'c Config,
    out: R,
    ev: EventState,
    /// Events by their own role.
    roles: [u64; EventRole::ALL.len()],
    /// Events by the role they were checked as (with a message given, a
    /// single-role message's events all count as its role, whatever their
    /// bizStep).
    checked: [u64; EventRole::ALL.len()],
    object_events: u64,
    second_object: Option<EventStart>,
    root: Position,
    verdict: Verdict,
    stopped: bool,
}

/// Where EPCs of China products start (seed 004: ESM Decommission and ESM
/// Destroy write the first, Destroy Event the second).
const CHINA: [&str; 2] = [
    "http://epcis.tracelink.com/hc/cn-edmc/obj/",
    "http://epcis.tracelink.com/obj/cn-edmn/",
];

fn non_empty<'v>(v: Option<&'v Value<'_>>) -> Option<&'v str> {
    v.map(|v| v.as_str().trim()).filter(|s| !s.is_empty())
}

impl<'c, R: Report> Checker<'c, R> {
    /// A checker of one document reporting to `out`.
    pub fn new(config: &'c Config, out: R) -> Self {
        Checker {
            config,
            out,
            ev: EventState::default(),
            roles: [0; EventRole::ALL.len()],
            checked: [0; EventRole::ALL.len()],
            object_events: 0,
            second_object: None,
            root: Position::default(),
            verdict: Verdict {
                message: config.message,
                given: config.message.is_some(),
                ..Verdict::default()
            },
            stopped: false,
        }
    }

    /// The report.
    pub fn report(&self) -> &R {
        &self.out
    }

    /// Hands a violation on, counting it.
    fn send(&mut self, v: &Violation<'_>) -> Flow {
        let sev = usize::from(v.severity == Severity::Error);
        if v.severity != Severity::Info {
            self.verdict.counts[v.class as usize][sev] += 1;
        }
        if self.stopped {
            return Flow::Stop;
        }
        let flow = self.out.violation(v);
        if flow == Flow::Stop {
            self.stopped = true;
        }
        flow
    }

    /// A violation of `rule` (text for `m`, or `message` when given).
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        rule: &'static Rule,
        m: Option<MessageType>,
        message: Option<String>,
        detail: Option<String>,
        pos: Position,
        path: String,
    ) {
        let v = Violation {
            class: rule.class,
            rule: rule.id,
            severity: rule.severity,
            message: message.map_or(Cow::Borrowed(rule.text(m)), Cow::Owned),
            detail,
            code: None,
            pos,
            path: Cow::Owned(path),
        };
        self.send(&v);
    }

    /// Ends the document: the document-level rules, the inferred type.
    pub fn finish(mut self) -> (R, Verdict) {
        let counted: Vec<(EventRole, u64)> = EventRole::ALL
            .iter()
            .zip(self.roles)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| (*r, n))
            .collect();
        self.verdict.roles = counted;
        let doc = "EPCISDocument/EPCISBody/EventList".to_owned();
        match self.config.message {
            Some(m) => self.document_rules(m, doc),
            None => {
                self.verdict.message = infer(&self.roles);
                if self.verdict.message.is_none() {
                    let seen = if self.verdict.roles.is_empty() {
                        "no event".to_owned()
                    } else {
                        self.verdict
                            .roles
                            .iter()
                            .map(|(r, n)| format!("{r} ×{n}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let detail = format!(
                        "events seen: {seen}; no message of the receiver carries exactly these (give the type with --message)"
                    );
                    self.emit(
                        rule("som.unclassified"),
                        None,
                        None,
                        Some(detail),
                        self.root,
                        doc,
                    );
                }
            }
        }
        (self.out, self.verdict)
    }

    /// Rules about the whole document of a given type.
    fn document_rules(&mut self, m: MessageType, doc: String) {
        let roles = message_roles(m);
        let Some(&main) = roles.first() else {
            return;
        };
        let main_events = self.checked[main as usize];
        let event_message = matches!(
            m,
            MessageType::DecommissionEvent | MessageType::DestroyEvent
        );
        if event_message && self.verdict.events == 0 {
            self.emit(
                rule("som.message_body"),
                Some(m),
                None,
                None,
                self.root,
                doc.clone(),
            );
        }
        let needs_object = main
            .requirement()
            .is_some_and(|r| r.kind == EventKind::Object);
        if needs_object && main_events == 0 {
            let detail = match self.verdict.events {
                0 => "no event in the document".to_owned(),
                n => format!("no {main} ObjectEvent among the document's {n} events"),
            };
            self.emit(
                rule("som.object_event"),
                Some(m),
                None,
                Some(detail),
                self.root,
                doc.clone(),
            );
        }
        if let Some(second) = self.second_object {
            let path = event_path(&second, "");
            let single = matches!(
                m,
                MessageType::EsmVoidShipment | MessageType::EsmUpdateSnStatus
            );
            if event_message {
                self.emit(
                    rule("som.event_repeated"),
                    Some(m),
                    None,
                    None,
                    second.pos,
                    path,
                );
            } else if single {
                let detail = format!("{} ObjectEvents", self.object_events);
                self.emit(
                    rule("som.one_event"),
                    Some(m),
                    None,
                    Some(detail),
                    second.pos,
                    path,
                );
            }
        }
    }

    /// The role an event is checked as, and the message whose texts apply;
    /// `None`: not expected in the given message (reported).
    fn checked_role(
        &mut self,
        ev: &Event<'_>,
        own: EventRole,
    ) -> Option<(EventRole, Option<MessageType>)> {
        let Some(m) = self.config.message else {
            return Some((own, own.message()));
        };
        let roles = message_roles(m);
        let role = if roles.len() == 1 { roles[0] } else { own };
        let fits =
            roles.contains(&role) && role.requirement().is_some_and(|r| r.kind == ev.start.kind);
        if fits {
            return Some((role, Some(m)));
        }
        let what = if roles.len() == 1 {
            format!("{} in {}", ev.start.kind, m.display_name())
        } else {
            format!("a {own} {} in {}", ev.start.kind, m.display_name())
        };
        let carries = roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let detail = format!("{what}, which carries {carries} events");
        self.emit(
            rule("som.unexpected_event"),
            Some(m),
            None,
            Some(detail),
            ev.start.pos,
            event_path(&ev.start, ""),
        );
        None
    }
}

fn rule(id: &str) -> &'static Rule {
    // Ids are compile-time constants of this file; a unit test checks
    // every id used here exists.
    rules::rule(id).unwrap_or(&rules::RULES[0])
}

/// The message type of a document from its events' roles.
fn infer(roles: &[u64; EventRole::ALL.len()]) -> Option<MessageType> {
    use EventRole as R;
    let present: Vec<R> = R::ALL
        .iter()
        .copied()
        .filter(|r| roles[*r as usize] > 0)
        .collect();
    let only = |set: &[R]| present.iter().all(|r| set.contains(r));
    Some(match present.as_slice() {
        [] => return None,
        [R::Commission] => MessageType::EsmCommission,
        [R::Decommission] => MessageType::EsmDecommission,
        [R::Destroy] => MessageType::EsmDestroy,
        [R::Aggregation] => MessageType::EsmAggregation,
        [R::Disaggregation] => MessageType::EsmDisaggregate,
        [R::Sampling] => MessageType::TakeSample,
        [R::VoidShipping] => MessageType::EsmVoidShipment,
        [R::StatusUpdate] => MessageType::EsmUpdateSnStatus,
        _ if present.contains(&R::Shipping) && only(message_roles(MessageType::EsmShipment)) => {
            MessageType::EsmShipment
        }
        _ if present.contains(&R::Receiving) && only(message_roles(MessageType::EsmReceive)) => {
            MessageType::EsmReceive
        }
        _ => return None,
    })
}

/// The direct children of node `i` (indexes into `nodes`).
fn children<'n>(nodes: &'n [ExtNode<'_>], i: usize) -> impl Iterator<Item = usize> + 'n {
    let d = nodes.get(i).map_or(0, |n| n.depth);
    nodes
        .iter()
        .enumerate()
        .skip(i + 1)
        .take_while(move |(_, n)| n.depth > d)
        .filter(move |(_, n)| n.depth == d + 1)
        .map(|(j, _)| j)
}

/// The first direct child of `i` with this local name.
fn child(nodes: &[ExtNode<'_>], i: usize, local: &str) -> Option<usize> {
    children(nodes, i).find(|&j| nodes[j].local_name() == local)
}

/// The non-empty text of a node.
fn text<'n>(nodes: &'n [ExtNode<'_>], i: Option<usize>) -> Option<&'n str> {
    i.and_then(|i| non_empty(nodes[i].text.as_ref()))
}

/// An attribute of a node (by local name).
fn attr<'n>(node: &'n ExtNode<'_>, name: &str) -> Option<&'n Value<'n>> {
    node.attributes
        .iter()
        .find(|(k, _)| k.rsplit(':').next() == Some(name))
        .map(|(_, v)| v)
}

/// The path of node `i` below its event.
fn node_suffix(nodes: &[ExtNode<'_>], i: usize) -> String {
    let mut parts = vec![nodes[i].name.as_ref()];
    let mut d = nodes[i].depth;
    for n in nodes[..i].iter().rev() {
        if n.depth < d {
            parts.push(n.name.as_ref());
            d = n.depth;
            if d == 1 {
                break;
            }
        }
    }
    parts.reverse();
    parts.join("/")
}

/// A violation found in an event: rule, message (when not the rule's
/// text), detail, position, path.
type Found = (
    &'static Rule,
    Option<String>,
    Option<String>,
    Position,
    String,
);

/// Checks of one event: the event, its role, its message type.
struct EventCheck<'e, 'a> {
    ev: &'e Event<'a>,
    role: EventRole,
    m: Option<MessageType>,
    found: Vec<Found>,
}

impl<'e, 'a> EventCheck<'e, 'a> {
    fn nodes(&self) -> &'e [ExtNode<'a>] {
        &self.ev.extensions
    }
    fn path(&self, suffix: &str) -> String {
        event_path(&self.ev.start, suffix)
    }
    fn node_path(&self, i: usize) -> String {
        self.path(&node_suffix(self.nodes(), i))
    }
    fn push(
        &mut self,
        id: &str,
        message: Option<String>,
        detail: Option<String>,
        pos: Position,
        path: String,
    ) {
        self.found.push((rule(id), message, detail, pos, path));
    }
    /// A seed rule about node `i` (or a child missing from it).
    fn at_node(&mut self, id: &str, i: usize, detail: Option<String>) {
        let (pos, path) = (self.nodes()[i].pos, self.node_path(i));
        self.push(id, None, detail, pos, path);
    }
    fn missing_child(&mut self, id: &str, parent: usize, name: &str) {
        let pos = self.nodes()[parent].pos;
        let path = format!("{}/tl:{name}", self.node_path(parent));
        self.push(
            id,
            None,
            Some(format!("tl:{name} missing or empty")),
            pos,
            path,
        );
    }
    fn is_seed_message(&self) -> bool {
        matches!(self.role, EventRole::Decommission | EventRole::Destroy)
    }
}

fn quote(v: &str) -> String {
    format!("`{}`", crate::validate::shorten(v))
}

impl<R: Report> Checker<'_, R> {
    fn check_event(&mut self, ev: &Event<'_>) {
        let own = role_of(ev);
        self.roles[own as usize] += 1;
        if ev.start.kind == EventKind::Object {
            self.object_events += 1;
            if self.object_events == 2 {
                self.second_object = Some(ev.start);
            }
        }
        let Some((role, m)) = self.checked_role(ev, own) else {
            return;
        };
        self.checked[role as usize] += 1;
        let mut c = EventCheck {
            ev,
            role,
            m,
            found: Vec::new(),
        };
        required_fields(&mut c);
        lookups(&mut c, &self.config.lookups);
        extension_block(&mut c, &self.config.lookups, &self.ev);
        role_specific(&mut c, &self.config.lookups, &self.ev);
        for (rule, message, detail, pos, path) in std::mem::take(&mut c.found) {
            self.emit(rule, m, message, detail, pos, path);
        }
    }
}

/// action, bizStep, disposition, readPoint, bizLocation, EPCs, parentID.
fn required_fields(c: &mut EventCheck<'_, '_>) {
    let ev = c.ev;
    let Some(req) = c.role.requirement() else {
        return;
    };
    let seed = c.is_seed_message();
    let found_or = |v: Option<&Value<'_>>| {
        v.map_or_else(
            || "missing".to_owned(),
            |v| format!("found {}", quote(v.as_str())),
        )
    };
    let es = ev.start;
    let pos_or = |v: Option<&Value<'_>>, name: &str| {
        v.map_or((es.pos, event_path(&es, "")), |v| {
            (v.pos, event_path(&es, name))
        })
    };
    if let Some(action) = req.action {
        let got = ev.action.as_ref();
        if got.map(Value::as_str) != Some(action) {
            let (pos, path) = pos_or(got, "action");
            let (id, message) = if seed {
                ("som.action", None)
            } else {
                (
                    "som.action_other",
                    Some(format!("Action {action} is required for {} !!!", req.step)),
                )
            };
            c.push(id, message, Some(found_or(got)), pos, path);
        }
    }
    if !req.biz_step.is_empty() {
        let got = ev.biz_step.as_ref();
        let ok = got.is_some_and(|b| b.as_str().strip_prefix(BIZSTEP) == Some(req.biz_step));
        if !ok {
            let want = format!("{BIZSTEP}{}", req.biz_step);
            let (pos, path) = pos_or(got, "bizStep");
            let (id, message) = if seed {
                ("som.biz_step", None)
            } else {
                (
                    "som.biz_step_other",
                    Some(format!("bizStep {want} is required for {} !!!", req.step)),
                )
            };
            c.push(id, message, Some(found_or(got)), pos, path);
        }
    }
    if !req.dispositions.is_empty() {
        let got = ev.disposition.as_ref();
        let ok = got.is_some_and(|d| {
            d.as_str()
                .strip_prefix(DISP)
                .is_some_and(|n| req.dispositions.contains(&n))
        });
        if !ok {
            let (pos, path) = pos_or(got, "disposition");
            let want = req
                .dispositions
                .iter()
                .map(|d| format!("{DISP}{d}"))
                .collect::<Vec<_>>()
                .join(" or ");
            let (id, message) = if seed {
                ("som.disposition", None)
            } else {
                (
                    "som.disposition_other",
                    Some(format!(
                        "Disposition {want} is required for {} !!!",
                        req.step
                    )),
                )
            };
            c.push(id, message, Some(found_or(got)), pos, path);
        }
    }
    if seed && non_empty(ev.read_point.as_ref()).is_none() {
        let (pos, path) = pos_or(ev.read_point.as_ref(), "readPoint/id");
        c.push("som.read_point", None, None, pos, path);
    }
    let needs_biz_location = matches!(
        c.role,
        EventRole::Commission
            | EventRole::Aggregation
            | EventRole::Disaggregation
            | EventRole::StatusUpdate
    );
    if needs_biz_location && non_empty(ev.biz_location.as_ref()).is_none() {
        let (pos, path) = pos_or(ev.biz_location.as_ref(), "bizLocation/id");
        c.push("som.biz_location", None, None, pos, path);
    }
    match req.kind {
        EventKind::Object => {
            let epcs = ev.count(EpcField::EpcList) + ev.count(EpcField::QuantityList);
            if epcs == 0 {
                let event_message = matches!(
                    c.m,
                    Some(MessageType::DecommissionEvent | MessageType::DestroyEvent)
                );
                let id = if event_message {
                    "som.event_empty"
                } else {
                    "som.epc_list"
                };
                c.push(
                    id,
                    None,
                    Some("no epc in epcList".to_owned()),
                    es.pos,
                    event_path(&es, ""),
                );
            }
        }
        EventKind::Aggregation => {
            if non_empty(ev.parent_id.as_ref()).is_none() {
                let (pos, path) = pos_or(ev.parent_id.as_ref(), "parentID");
                c.push("som.parent_id", None, None, pos, path);
            }
            let children = ev.count(EpcField::ChildEpcs) + ev.count(EpcField::ChildQuantityList);
            if c.role == EventRole::Aggregation && children == 0 {
                c.push("som.children", None, None, es.pos, event_path(&es, ""));
            }
        }
        _ => {}
    }
    if matches!(c.role, EventRole::Shipping | EventRole::Receiving)
        && ev.biz_transactions.is_empty()
    {
        c.push(
            "som.biz_transaction",
            None,
            None,
            es.pos,
            event_path(&es, ""),
        );
    }
}

/// Lookups of the event's own elements: bizTransaction types,
/// `tl:locationId/@type`, and for Decommission Event the readPoint form.
fn lookups(c: &mut EventCheck<'_, '_>, l: &Lookups) {
    let ev = c.ev;
    for (i, bt) in ev.biz_transactions.iter().enumerate() {
        let kind = non_empty(bt.kind.as_ref());
        if kind.is_none_or(|k| !l.contains(Table::BizTransactionType, k)) {
            let pos = bt.kind.as_ref().map_or(bt.value.pos, |k| k.pos);
            let detail = kind.map_or_else(
                || "@type missing or empty".to_owned(),
                |k| format!("{} is not in BizTransactionType", quote(k)),
            );
            let path = c.path(&format!(
                "bizTransactionList/bizTransaction[{}]/@type",
                i + 1
            ));
            c.push("som.biz_transaction_type", None, Some(detail), pos, path);
        }
    }
    if c.m == Some(MessageType::DecommissionEvent) {
        if let Some(rp) = ev
            .read_point
            .as_ref()
            .filter(|v| !v.as_str().trim().is_empty())
        {
            if !l.party_id_form(rp.as_str()) {
                let detail = format!(
                    "{} is of no form in MDPartyTypeAttributes",
                    quote(rp.as_str())
                );
                let path = c.path("readPoint/id");
                c.push("som.read_point_type", None, Some(detail), rp.pos, path);
            }
        }
    }
    let nodes = c.nodes();
    for i in (0..nodes.len()).filter(|&i| nodes[i].depth == 1 && is_tl(&nodes[i])) {
        if nodes[i].local_name() != "locationId" {
            continue;
        }
        let table = if c.m == Some(MessageType::EsmDecommission) {
            Table::LocationIdType
        } else {
            Table::MessagePartyIdType
        };
        let path = format!("{}/@type", c.node_path(i));
        match attr(&nodes[i], "type") {
            None if c.m == Some(MessageType::DestroyEvent) => {
                c.push(
                    "som.location_id_type_occurs",
                    None,
                    None,
                    nodes[i].pos,
                    path,
                );
            }
            None => {
                let detail = Some("@type missing".to_owned());
                c.push(
                    "som.location_id_type_required",
                    None,
                    detail,
                    nodes[i].pos,
                    path,
                );
            }
            Some(t) if t.as_str().trim().is_empty() => {
                let detail = Some("@type empty".to_owned());
                c.push("som.location_id_type_required", None, detail, t.pos, path);
            }
            Some(t) if !l.contains(table, t.as_str()) => {
                let detail = Some(format!("{} is not in {table}", quote(t.as_str())));
                c.push("som.location_id_type", None, detail, t.pos, path);
            }
            Some(_) => {}
        }
    }
}

/// The role's `tl:*EventExtensions` block and what is in it.
fn extension_block(c: &mut EventCheck<'_, '_>, l: &Lookups, state: &EventState) {
    let nodes = c.nodes();
    let Some(block) = c.role.extension_block() else {
        return;
    };
    let role = c.role;
    let misspelt = |n: &ExtNode<'_>| {
        role == EventRole::Decommission && n.local_name() == "decomissionEventExtensions"
    };
    let blocks: Vec<usize> = (0..nodes.len())
        .filter(|&i| {
            let n = &nodes[i];
            n.depth == 1 && is_tl(n) && (n.local_name() == block || misspelt(n))
        })
        .collect();
    for &i in &blocks {
        if misspelt(&nodes[i]) {
            let detail = Some(format!(
                "{} read as tl:{block} (the seed's own example spells it so)",
                nodes[i].name
            ));
            c.at_node("som.misspelt_element", i, detail);
        }
    }
    let event_message = matches!(
        c.m,
        Some(MessageType::DecommissionEvent | MessageType::DestroyEvent)
    );
    match blocks.as_slice() {
        [] if event_message => {
            let (pos, path) = (c.ev.start.pos, c.path(&format!("tl:{block}")));
            c.push("som.params_missing", None, None, pos, path);
        }
        [] if matches!(
            c.m,
            Some(MessageType::EsmDestroy | MessageType::EsmUpdateSnStatus)
        ) =>
        {
            let (pos, path) = (c.ev.start.pos, c.path(&format!("tl:{block}")));
            c.push("som.extension_required", None, None, pos, path);
        }
        [_, second, ..] => {
            let id = if event_message {
                "som.params_repeated"
            } else {
                "som.extension_repeated"
            };
            let detail = Some(format!("tl:{block} {} times", blocks.len()));
            c.at_node(id, *second, detail);
        }
        _ => {}
    }
    let Some(&b) = blocks.first() else {
        if c.is_seed_message() && state.russia {
            let (pos, path) = (c.ev.start.pos, c.path("tl:businessPartyInfo"));
            let detail = Some("an EPC's product has RU among its target markets".to_owned());
            c.push("som.reporting_party", None, detail, pos, path);
        }
        if c.is_seed_message() && state.china {
            let (pos, path) = (
                c.ev.start.pos,
                c.path(&format!("tl:{block}/tl:warehouseOperatorName")),
            );
            let detail = Some(format!(
                "tl:{block} missing, with it tl:warehouseOperatorName"
            ));
            c.push("som.warehouse_operator", None, detail, pos, path);
        }
        return;
    };
    if let Some(i) = child(nodes, b, "marketCountryCode") {
        let v = nodes[i].text.as_ref().map_or("", |t| t.as_str().trim());
        if !v.is_empty() && v.chars().count() < 2 {
            c.at_node(
                "som.market_country_code",
                i,
                Some(format!("found {}", quote(v))),
            );
        }
    }
    for (name, table, id) in [
        (
            "decommissionReasonCode",
            Table::DecommissionReasonCode,
            "som.decommission_reason_code",
        ),
        (
            "destructionMethod",
            Table::DestructionMethod,
            "som.destruction_method",
        ),
        (
            "packagingLevel",
            Table::PackagingLevel,
            "som.packaging_level",
        ),
        (
            "changeReasonCode",
            Table::ChangeReasonCode,
            "som.change_reason_code",
        ),
    ] {
        for i in children(nodes, b).filter(|&i| nodes[i].local_name() == name) {
            if let Some(v) = text(nodes, Some(i)) {
                if !l.contains(table, v) {
                    c.at_node(id, i, Some(format!("{} is not in {table}", quote(v))));
                }
            }
        }
    }
    if c.is_seed_message() {
        party(c, l, b, state);
        if state.china && text(nodes, child(nodes, b, "warehouseOperatorName")).is_none() {
            c.missing_child("som.warehouse_operator", b, "warehouseOperatorName");
        }
    }
}

/// `tl:businessPartyInfo` of a decommission or destroy event.
fn party(c: &mut EventCheck<'_, '_>, l: &Lookups, block: usize, state: &EventState) {
    let nodes = c.nodes();
    let Some(info) = child(nodes, block, "businessPartyInfo") else {
        if state.russia {
            let pos = nodes[block].pos;
            let path = format!("{}/tl:businessPartyInfo", c.node_path(block));
            let detail = Some("an EPC's product has RU among its target markets".to_owned());
            c.push("som.reporting_party", None, detail, pos, path);
        }
        return;
    };
    let ids: Vec<usize> = children(nodes, info)
        .filter(|&i| nodes[i].local_name() == "businessId")
        .collect();
    if !ids.iter().any(|&i| text(nodes, Some(i)).is_some()) {
        c.missing_child("som.business_id", info, "businessId");
    }
    for &i in &ids {
        if text(nodes, Some(i)).is_none() {
            continue;
        }
        let path = format!("{}/@type", c.node_path(i));
        match attr(&nodes[i], "type").filter(|t| !t.as_str().trim().is_empty()) {
            None => {
                let detail = Some("@type missing or empty".to_owned());
                c.push(
                    "som.business_id_type_required",
                    None,
                    detail,
                    nodes[i].pos,
                    path,
                );
            }
            Some(t) if !l.contains(Table::BusinessAndLocationId, t.as_str()) => {
                let detail = Some(format!(
                    "{} is not in BusinessAndLocationId",
                    quote(t.as_str())
                ));
                c.push("som.business_id_type", None, detail, t.pos, path);
            }
            Some(_) => {}
        }
    }
    if let Some(i) = child(nodes, info, "businessClassification") {
        if let Some(v) = text(nodes, Some(i)) {
            if !l.contains(Table::BusinessClassification, v) {
                let detail = Some(format!("{} is not in BusinessClassification", quote(v)));
                c.at_node("som.business_classification", i, detail);
            }
        }
    }
    let Some(detail) = child(nodes, info, "BusinessPartyDetail") else {
        return;
    };
    for (name, id) in [
        ("businessName", "som.business_name"),
        ("street1", "som.street1"),
        ("city", "som.city"),
        ("stateOrRegion", "som.state_or_region"),
        ("country", "som.country"),
    ] {
        if text(nodes, child(nodes, detail, name)).is_none() {
            c.missing_child(id, detail, name);
        }
    }
    let country = text(nodes, child(nodes, detail, "country"));
    if country == Some("IN") {
        let district = text(nodes, child(nodes, detail, "district"));
        if !district.is_some_and(|d| d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit())) {
            let found =
                district.map_or_else(|| "missing".to_owned(), |d| format!("found {}", quote(d)));
            match child(nodes, detail, "district") {
                Some(i) => c.at_node("som.district", i, Some(found)),
                None => c.missing_child("som.district", detail, "district"),
            }
        }
    }
    if country == Some("RU") && text(nodes, child(nodes, detail, "addressObjectGUID")).is_none() {
        c.missing_child("som.address_object_guid", detail, "addressObjectGUID");
    }
}

/// Rules of the other messages' extension elements and events.
fn role_specific(c: &mut EventCheck<'_, '_>, l: &Lookups, state: &EventState) {
    let nodes = c.nodes();
    let ev = c.ev;
    match c.role {
        EventRole::Commission => {
            for i in 0..nodes.len() {
                if !is_tl(&nodes[i]) {
                    continue;
                }
                match nodes[i].local_name() {
                    "epcAttributes" if text(nodes, child(nodes, i, "barcodeContent")).is_none() => {
                        c.missing_child("som.barcode_content", i, "barcodeContent");
                    }
                    "itemDetail" if text(nodes, child(nodes, i, "expiry")).is_none() => {
                        c.missing_child("som.expiry", i, "expiry");
                    }
                    "countryDrugCode"
                        if attr(&nodes[i], "type").is_none_or(|t| t.as_str().trim().is_empty()) =>
                    {
                        let (pos, path) = (nodes[i].pos, format!("{}/@type", c.node_path(i)));
                        let detail = Some("@type missing or empty".to_owned());
                        c.push("som.country_drug_code_type", None, detail, pos, path);
                    }
                    _ => {}
                }
            }
            if c.m == Some(MessageType::EsmShipment) && ev.count(EpcField::EpcList) > 0 {
                let has = |name: &str| {
                    ev.ilmd.iter().any(|n| {
                        n.local_name() == name
                            && n.text
                                .as_ref()
                                .is_some_and(|t| !t.as_str().trim().is_empty())
                    })
                };
                let missing: Vec<&str> = ["lotNumber", "itemExpirationDate"]
                    .into_iter()
                    .filter(|n| !has(n))
                    .collect();
                if !missing.is_empty() && state.sgtin {
                    let detail = Some(format!("ILMD without {}", missing.join(", ")));
                    let (pos, path) = (ev.start.pos, c.path("extension/ilmd"));
                    c.push("som.lot_expiry", None, detail, pos, path);
                }
            }
        }
        EventRole::VoidShipping => {
            let desadv = ev.biz_transactions.iter().find(|b| {
                b.kind.as_ref().map(Value::as_str) == Some("urn:epcglobal:cbv:btt:desadv")
            });
            match desadv {
                None => {
                    let (pos, path) = (ev.start.pos, c.path("bizTransactionList"));
                    c.push("som.biz_transaction", None, None, pos, path);
                }
                Some(b) if !b.value.as_str().starts_with("urn:epcglobal:cbv:bt:") => {
                    let i = ev
                        .biz_transactions
                        .iter()
                        .position(|x| std::ptr::eq(x, b))
                        .unwrap_or(0);
                    let detail = Some(format!("found {}", quote(b.value.as_str())));
                    let path = c.path(&format!("bizTransactionList/bizTransaction[{}]", i + 1));
                    c.push("som.biz_transaction_value", None, detail, b.value.pos, path);
                }
                Some(_) => {}
            }
            for i in (0..nodes.len()).filter(|&i| nodes[i].depth == 1 && is_tl(&nodes[i])) {
                match nodes[i].local_name() {
                    "partnerId" => {
                        let t = attr(&nodes[i], "type").map(|t| t.as_str().trim());
                        if t.is_none_or(|t| {
                            t.is_empty() || !l.contains(Table::MessagePartyIdType, t)
                        }) {
                            let detail = Some(t.map_or_else(
                                || "@type missing".to_owned(),
                                |t| format!("found {}", quote(t)),
                            ));
                            let path = format!("{}/@type", c.node_path(i));
                            c.push("som.partner_id_type", None, detail, nodes[i].pos, path);
                        }
                    }
                    "changeReasonCode" => {
                        if let Some(v) = text(nodes, Some(i)) {
                            if !l.contains(Table::ChangeReasonCode, v) {
                                c.at_node(
                                    "som.change_reason_code",
                                    i,
                                    Some(format!("{} is not in ChangeReasonCode", quote(v))),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        EventRole::StatusUpdate => {
            let combination = (
                ev.action.as_ref().map(Value::as_str),
                ev.biz_step
                    .as_ref()
                    .and_then(|b| b.as_str().strip_prefix(BIZSTEP)),
                ev.disposition
                    .as_ref()
                    .and_then(|d| d.as_str().strip_prefix(DISP)),
            );
            const VALID: &[(&str, &str, &str)] = &[
                ("ADD", "commissioning", "active"),
                ("DELETE", "decommissioning", "inactive"),
                ("DELETE", "destroying", "destroyed"),
                ("ADD", "encoding", "encoded"),
                ("OBSERVE", "reserving", "reserved"),
            ];
            let ok = VALID
                .iter()
                .any(|&(a, b, d)| combination == (Some(a), Some(b), Some(d)));
            if !ok {
                let show = |v: Option<&str>| v.unwrap_or("–").to_owned();
                let detail = Some(format!(
                    "found ({}, {}, {})",
                    show(combination.0),
                    show(combination.1),
                    show(combination.2)
                ));
                let (pos, path) = (ev.start.pos, c.path(""));
                c.push("som.status_combination", None, detail, pos, path);
            }
            if let Some(b) = (0..nodes.len()).find(|&i| {
                nodes[i].depth == 1
                    && is_tl(&nodes[i])
                    && nodes[i].local_name() == "updateStatusEventExtensions"
            }) {
                match child(nodes, b, "updateType") {
                    Some(i)
                        if text(nodes, Some(i))
                            .is_some_and(|v| l.contains(Table::UpdateType, v)) => {}
                    Some(i) => {
                        let found = text(nodes, Some(i))
                            .map_or_else(|| "empty".to_owned(), |v| format!("found {}", quote(v)));
                        c.at_node("som.update_type", i, Some(found));
                    }
                    None => c.missing_child("som.update_type", b, "updateType"),
                }
                if let Some(i) = child(nodes, b, "updateSNStatusReasonCode") {
                    if let Some(v) = text(nodes, Some(i)) {
                        if !l.contains(Table::UpdateSNStatusReasonCode, v) {
                            c.at_node(
                                "som.update_reason_code",
                                i,
                                Some(format!("{} is not in UpdateSNStatusReasonCode", quote(v))),
                            );
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

impl<R: Report> Sink for Checker<'_, R> {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        self.root = h.pos;
        let l = &self.config.lookups;
        let mut found: Vec<(Option<String>, Position, String)> = Vec::new();
        let warn = |found: &mut Vec<(Option<String>, Position, String)>,
                    detail: String,
                    pos: Position,
                    path: &str| {
            found.push((Some(detail), pos, path.to_owned()));
        };
        match h.schema_version.as_ref() {
            Some(v) if v.as_str().trim() == "1.2" => {}
            Some(v) => warn(
                &mut found,
                format!(
                    "schemaVersion {}: the message guides require 1.2",
                    quote(v.as_str())
                ),
                v.pos,
                "EPCISDocument/@schemaVersion",
            ),
            None => {}
        }
        let mut authority: Vec<(&'static str, Option<String>, Position, String)> = Vec::new();
        match &h.sbdh {
            None => warn(&mut found, "no EPCISHeader/sbdh:StandardBusinessDocumentHeader: the message guides require one".to_owned(), h.pos, "EPCISDocument/EPCISHeader"),
            Some(s) => {
                let base = "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader";
                for (v, name, want) in [
                    (&s.header_version, "sbdh:HeaderVersion", "1.0"),
                    (&s.standard, "sbdh:DocumentIdentification/sbdh:Standard", "EPCglobal"),
                    (&s.type_version, "sbdh:DocumentIdentification/sbdh:TypeVersion", "1.0"),
                    (&s.document_type, "sbdh:DocumentIdentification/sbdh:Type", "Events"),
                ] {
                    let got = v.as_ref().map(|v| v.as_str().trim());
                    if got != Some(want) {
                        let pos = v.as_ref().map_or(s.pos, |v| v.pos);
                        let what = got.map_or_else(|| "missing".to_owned(), quote);
                        warn(&mut found, format!("{name} {what}: the message guides set {want}"), pos, &format!("{base}/{name}"));
                    }
                }
                match &s.instance_identifier {
                    Some(v) if !v.as_str().trim().is_empty() => {
                        self.verdict.instance_identifier = Some(v.clone().into_owned());
                    }
                    v => {
                        let pos = v.as_ref().map_or(s.pos, |v| v.pos);
                        warn(&mut found, "no sbdh:InstanceIdentifier: duplicate documents cannot be recognised".to_owned(), pos, &format!("{base}/sbdh:DocumentIdentification/sbdh:InstanceIdentifier"));
                    }
                }
                self.verdict.sender = s
                    .senders
                    .first()
                    .and_then(|p| non_empty(p.identifier.as_ref()))
                    .map(str::to_owned);
                for (parties, name, id) in [
                    (&s.senders, "sbdh:Sender", "som.sender_authority"),
                    (&s.receivers, "sbdh:Receiver", "som.receiver_authority"),
                ] {
                    for (i, p) in parties.iter().enumerate() {
                        let path = format!("{base}/{name}[{}]/sbdh:Identifier/@Authority", i + 1);
                        match non_empty(p.authority.as_ref()) {
                            Some(a) if l.contains(Table::MDPartyTypeEnums, a) => {}
                            Some(a) => authority.push((id, Some(format!("{} is not in MDPartyTypeEnums", quote(a))), p.authority.as_ref().map_or(s.pos, |v| v.pos), path)),
                            None => {
                                let pos = p.identifier.as_ref().or(p.authority.as_ref()).map_or(s.pos, |v| v.pos);
                                authority.push((id, Some("@Authority missing or empty".to_owned()), pos, path));
                            }
                        }
                    }
                }
            }
        }
        for (detail, pos, path) in found {
            self.emit(
                rule("som.header"),
                self.config.message,
                None,
                detail,
                pos,
                path,
            );
        }
        for (id, detail, pos, path) in authority {
            self.emit(rule(id), self.config.message, None, detail, pos, path);
        }
        self.flow()
    }

    fn vocabulary(&mut self, _element: &VocabularyElement<'_>) -> Flow {
        self.flow()
    }

    fn event_start(&mut self, _event: &EventStart) -> Flow {
        self.ev = EventState::default();
        self.flow()
    }

    fn epc(&mut self, event: &EventStart, epc: &EpcRef<'_>) -> Flow {
        // Without the validator in front: check here.
        let checked = crate::validate::check_epc(epc.field, epc.value.as_str());
        self.checked_epc(event, epc, &checked.as_check())
    }

    fn event(&mut self, event: &Event<'_>) -> Flow {
        self.verdict.events += 1;
        self.check_event(event);
        self.flow()
    }

    fn finding(&mut self, finding: &Finding) -> Flow {
        self.send(&Violation::from_finding(finding))
    }
}

impl<R: Report> Checker<'_, R> {
    fn flow(&self) -> Flow {
        if self.stopped {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }
}

impl<R: Report> CheckedSink for Checker<'_, R> {
    #[inline]
    fn checked_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        self.verdict.epcs += 1;
        if let EpcCheck::Valid(e) = check {
            self.ev.sgtin |= e.scheme() == crate::epc::Scheme::Sgtin;
            if !self.config.master.is_empty() && self.config.master.sold_in(e, "RU") {
                self.ev.russia = true;
            }
            return self.flow();
        }
        if epc.field.is_class() {
            return self.flow();
        }
        self.invalid_epc(event, epc, check)
    }
}

impl<R: Report> Checker<'_, R> {
    #[cold]
    #[inline(never)]
    fn invalid_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        let value = epc.value.as_str();
        if CHINA
            .iter()
            .any(|p| value.len() > p.len() && value.starts_with(p))
        {
            self.ev.china = true;
            return self.flow();
        }
        let m = self.config.message;
        let leaf = if epc.field == EpcField::ParentId {
            "parentID"
        } else {
            "epc"
        };
        let path = event_path(event, &epc_suffix(event.kind, epc.field, epc.index, leaf));
        if value.trim().is_empty() {
            let detail = Some("empty".to_owned());
            self.emit(
                rule("som.epc_required"),
                m,
                None,
                detail,
                epc.value.pos,
                path,
            );
        } else {
            let (detail, pos) = match crate::validate::epc_finding(epc.field, value, check) {
                Some((_, _, message, offset)) => {
                    (Some(message), crate::validate::at(epc.value.pos, offset))
                }
                None => (None, epc.value.pos),
            };
            self.emit(rule("som.epc"), m, None, detail, pos, path);
        }
        self.flow()
    }
}

#[cfg(test)]
mod tests {
    /// Every rule id this file names (`"som.…"`) is in the catalogue, so
    /// `rule()` never falls back.
    #[test]
    fn every_rule_id_named_here_exists() {
        let src = include_str!("check.rs");
        let mut n = 0;
        for part in src.split("\"som.").skip(1) {
            let id = part.split('"').next().unwrap_or("");
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                continue;
            }
            let id = format!("som.{id}");
            assert!(super::rules::rule(&id).is_some(), "{id} is not in RULES");
            n += 1;
        }
        assert!(n > 30, "only {n} ids found");
    }
}
