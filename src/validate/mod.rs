//! Validation while streaming: every EPC through the EPC core, every event
//! against EPCIS 1.2 and CBV 1.2.
//!
//! [`Validator`] wraps any [`Sink`]: it forwards every item unchanged and
//! adds [`Finding`]s (through the inner sink's [`Sink::finding`]). An item
//! is forwarded first, then the findings about it, so a finding follows the
//! item it is about and comes before the next item. Findings the scanner
//! itself reports (`xml.*`) pass through untouched.
//!
//! ```
//! use epcstream::epcis::{EpcField, EpcRef, EventKind, EventStart, Finding, Flow, Position, Sink, Value};
//! use epcstream::validate::Validator;
//!
//! #[derive(Default)]
//! struct Findings(Vec<Finding>);
//! impl Sink for Findings {
//!     fn finding(&mut self, f: &Finding) -> Flow {
//!         self.0.push(f.clone());
//!         Flow::Continue
//!     }
//! }
//! let mut v = Validator::new(Findings::default());
//! let event = EventStart { kind: EventKind::Object, index: 0, pos: Position::default() };
//! let epc = EpcRef {
//!     field: EpcField::EpcList,
//!     index: 0,
//!     value: Value { text: "urn:epc:id:sgtin:0614141.81234.6789".into(), pos: Position::default() },
//!     quantity: None,
//!     uom: None,
//! };
//! v.epc(&event, &epc);
//! let findings = v.into_inner().0;
//! assert_eq!(findings[0].rule, "epc.invalid");
//! assert_eq!(findings[0].path, "EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/epcList/epc[1]");
//! ```
//!
//! # Per-EPC output without a second parse
//!
//! A sink that writes one row per EPC (valid or not, scheme, error,
//! translations) implements [`CheckedSink`] and is wrapped with
//! [`Validator::checked`]: each EPC then arrives with its [`EpcCheck`],
//! which borrows the [`Epc`](crate::epc::Epc) the validator parsed
//! ([`EpcCheck::epc`], to translate), says whether it is valid
//! ([`EpcCheck::is_valid`]), its scheme ([`EpcCheck::scheme`], also for most
//! invalid URIs) and why not ([`EpcCheck::error`], [`EpcCheck::reason`],
//! [`EpcCheck::rule`]). [`Validator::stats`] counts EPCs by field and
//! scheme, valid and not ([`EpcStats`], mergeable across parallel chunks).
//! [`check_epc`] is the same check for one value outside a scan.
//!
//! # Rules
//!
//! Every finding has a stable rule id. Severity "E" is
//! [`Severity::Error`] (a broken rule), "W" [`Severity::Warning`]
//! (accepted, but not as the standards say, or probably a mistake).
//!
//! | rule | sev. | what |
//! |---|---|---|
//! | `epc.invalid` | E | An EPC that is not valid: a `urn:epc:id:` URI the EPC core rejects (check digit, lengths, characters, …; the message names the [`ErrorKind`](crate::epc::ErrorKind) and the value), a broken Digital Link, anything that is no EPC and no URI. In class fields (quantity lists, `epcClass`): not a valid `urn:epc:class:lgtin:` or `urn:epc:idpat:` URI. Position: the byte the EPC core points at. |
//! | `epc.not_pure_identity` | E | A valid identifier in an instance field written in a form EPCIS 1.2 does not carry: a tag URI, binary hex, an element string, a GS1 Digital Link (the EPCIS 2.0 form), an LGTIN class URI or an ID pattern. The message says which, and gives the pure identity URI when it is known without a GCP table. |
//! | `epc.not_class` | E | A valid identifier in a class field that is not an EPC class: an instance EPC (`urn:epc:id:`), a Digital Link, … (EPCIS 1.2 §7.3.3.3: `epcClass` is an EPC class URI or an EPC pattern). |
//! | `epc.other_uri` | W | An absolute URI that is no EPC (a private URN, an HTTP URL): CBV 1.2 allows them as identifiers, nothing can check them. |
//! | `event.required` | E | A required element of the event type missing (REFERENCE.md §3): `eventTime`, `eventTimeZoneOffset`; `action` (Object, Aggregation, Transaction, Association); `epcList` element (Object, Transaction), `childEPCs` element (Aggregation); `parentID` (Aggregation, Association with ADD or DELETE); a `bizTransaction` (Transaction); `epcClass` and `quantity` (Quantity); `declarationTime` of an `errorDeclaration`; `@type` of a source or destination. Position: the event's start. |
//! | `event.empty` | E/W | An event about nothing: ObjectEvent with no EPC and no quantity element; Aggregation/AssociationEvent ADD or OBSERVE without children; TransformationEvent without an input and an output (without `transformationID`), or with neither (with one). TransactionEvent with no EPC and no quantity: a warning (EPCIS 2.0's rule, not 1.2's XSD). |
//! | `event.unexpected` | E | An EPC field its event type does not have (e.g. `childEPCs` in an ObjectEvent). |
//! | `event.action` | E | `action` not exactly `ADD`, `OBSERVE` or `DELETE` (case-sensitive); an `action` in a TransformationEvent or QuantityEvent. |
//! | `event.ilmd` | E | ILMD in an ObjectEvent whose action is not ADD, or in an event type without ILMD. |
//! | `event.deprecated` | W | A QuantityEvent (deprecated in EPCIS 1.2). |
//! | `event.time` | E | `eventTime`, `recordTime` or `errorDeclaration/declarationTime` not an `xs:dateTime` with a time zone (EPCIS requires one); calendar ranges checked. Position: the offending byte. |
//! | `event.time_zone_offset` | E | `eventTimeZoneOffset` not `±hh:mm` within ±14:00. |
//! | `event.quantity` | E | A `quantity` that is not an `xsd:decimal` (an `xsd:int` in a QuantityEvent), or a `uom` without a quantity. |
//! | `event.location` | E/W | `readPoint/id`, `bizLocation/id`: an invalid `urn:epc:id:` URI (E); a valid EPC that is not an SGLN, another `urn:epc:` form, or no URI at all (W). |
//! | `event.biz_transaction` | W | A `bizTransaction` value that is not an absolute URI. |
//! | `event.source_destination` | W | A `source` or `destination` value that is not an absolute URI. |
//! | `cbv.biz_step` | E/W | `bizStep`: a CBV 1.2 value (`urn:epcglobal:cbv:bizstep:…`) or any other absolute URI is fine. W: a CBV 2.0-only value ("CBV 2.0 value, not in CBV 1.2"), an unknown name under the CBV prefix (with "did you mean …" when one is close, or the vocabulary it belongs to), another CBV vocabulary, a misspelt or wrongly cased CBV prefix, the CBV 2.0 Web URI form (`https://ref.gs1.org/cbv/BizStep-…`). E: empty or not a URI (a bare `commissioning` gets the URN to use). |
//! | `cbv.disposition` | E/W | `disposition`, as `cbv.biz_step` (`urn:epcglobal:cbv:disp:`). |
//! | `cbv.btt` | E/W | `bizTransaction/@type`, as `cbv.biz_step` (`urn:epcglobal:cbv:btt:`). |
//! | `cbv.sdt` | E/W | `source/@type`, `destination/@type`, as `cbv.biz_step` (`urn:epcglobal:cbv:sdt:`). |
//! | `cbv.error_reason` | E/W | `errorDeclaration/reason`, as `cbv.biz_step` (`urn:epcglobal:cbv:er:`). |
//! | `header.schema_version` | E/W | `schemaVersion` missing or not an `xsd:decimal` (E); not 1.2 (W: the document is still read by the 1.2 rules). |
//! | `header.creation_date` | E/W | `creationDate` missing or not an `xs:dateTime` (E); without a time zone (W). |
//!
//! The root element itself (its name and namespace, a bare event as root)
//! is judged by the scanner (`xml.root_namespace`, `xml.bare_event`,
//! [`ScanErrorKind::NotEpcis`](crate::epcis::ScanErrorKind::NotEpcis)),
//! not repeated here.
//!
//! # Paths
//!
//! [`Finding::path`] is built from the event, e.g.
//! `EPCISDocument/EPCISBody/EventList/ObjectEvent[4]/epcList/epc[2]` or
//! `EPCISDocument/EPCISBody/EventList/extension/TransformationEvent[7]/inputQuantityList/quantityElement[1]/epcClass`.
//! The event's index is its **1-based ordinal among all events of the
//! document** ([`EventStart::index`] + 1), not among its siblings of the
//! same name as in XPath: it is what a chunk scanned in parallel knows, so
//! sequential and parallel scans give the same paths. Transformation and
//! Association events sit under `extension/` and `extension/extension/`
//! (each usually in an `extension` element of its own, which the path does
//! not number). Indexes below the event (`epc[2]`, `bizTransaction[1]`) are
//! 1-based positions in their list.
//!
//! # Positions
//!
//! A finding points at the offending value ([`Value::pos`](crate::epcis::Value)), moved by the
//! byte offset of the problem within the value where there is one (the EPC
//! core's [`ParseError::offset`](crate::epc::ParseError::offset), the byte
//! of a bad date); the column moves by the same number of bytes, as a
//! value is on one line. This is exact for a value written literally
//! (without leading white space, entity or character references, or white
//! space runs that `xs:anyURI` collapsing shortened): the offset is in the
//! decoded, collapsed text, which is all the scanner hands over. Findings
//! about a missing element point at the event's start tag.
//!
//! # Cost
//!
//! A valid EPC costs one [`Epc::parse`](crate::epc::Epc::parse) (an ID
//! pattern one [`IdPattern::parse`](crate::epc::IdPattern::parse)) and a
//! counter increment: no allocation. Vocabulary lookups are binary searches
//! in static sorted tables, once per event field. Messages and paths are
//! only built for findings.

mod epcs;
mod event;
mod time;
mod vocab;

pub(crate) use epcs::finding as epc_finding;
pub use epcs::{CheckedEpc, EpcCheck, check_epc};
pub(crate) use event::{epc_suffix, event_path};

use crate::epc::Scheme;
use crate::epcis::{
    EpcField, EpcRef, Event, EventKind, EventStart, Finding, Flow, Header, Position, Severity,
    Sink, VocabularyElement,
};
use std::borrow::Cow;

/// A [`Sink`] that also wants each EPC's [`EpcCheck`]: what the validator
/// made of it (valid or not, scheme, the parsed [`Epc`](crate::epc::Epc) to
/// translate), so per-EPC output needs no second parse. Use with
/// [`Validator::checked`].
pub trait CheckedSink: Sink {
    /// An EPC of the current event and its check. Called instead of
    /// [`Sink::epc`].
    fn checked_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow;
}

impl<S: CheckedSink + ?Sized> CheckedSink for &mut S {
    fn checked_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        (**self).checked_epc(event, epc, check)
    }
}

/// Valid and invalid counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EpcCount {
    /// Valid in their field ([`EpcCheck::is_valid`]).
    pub valid: u64,
    /// With a finding (invalid, misplaced representation, other URI).
    pub invalid: u64,
}

impl EpcCount {
    /// Both.
    pub fn total(&self) -> u64 {
        self.valid + self.invalid
    }
}

const SCHEMES: usize = Scheme::ALL.len();
const FIELDS: usize = EpcField::ALL.len();

/// EPCs checked, by field and scheme (`None`: no scheme known), valid and
/// not. Fixed-size counters, mergeable across the chunks of a parallel
/// scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpcStats {
    counts: [[EpcCount; SCHEMES + 1]; FIELDS],
}

impl Default for EpcStats {
    fn default() -> Self {
        EpcStats {
            counts: [[EpcCount::default(); SCHEMES + 1]; FIELDS],
        }
    }
}

impl EpcStats {
    fn slot(scheme: Option<Scheme>) -> usize {
        scheme.map_or(SCHEMES, |s| s as usize)
    }
    /// Counts one EPC.
    #[inline]
    pub fn add(&mut self, field: EpcField, scheme: Option<Scheme>, valid: bool) {
        let c = &mut self.counts[field as usize][Self::slot(scheme)];
        if valid {
            c.valid += 1;
        } else {
            c.invalid += 1;
        }
    }
    /// The counts of one field and scheme.
    pub fn get(&self, field: EpcField, scheme: Option<Scheme>) -> EpcCount {
        self.counts[field as usize][Self::slot(scheme)]
    }
    /// Every non-zero count, by field then scheme (in [`EpcField::ALL`] and
    /// [`Scheme::ALL`] order, `None` last).
    pub fn iter(&self) -> impl Iterator<Item = (EpcField, Option<Scheme>, EpcCount)> + '_ {
        EpcField::ALL.iter().flat_map(move |&f| {
            Scheme::ALL
                .iter()
                .map(|&s| Some(s))
                .chain([None])
                .map(move |s| (f, s, self.get(f, s)))
                .filter(|(_, _, c)| c.total() > 0)
        })
    }
    /// The counts of one field, all schemes.
    pub fn by_field(&self, field: EpcField) -> EpcCount {
        sum(self.counts[field as usize].iter())
    }
    /// The counts of one scheme, all fields.
    pub fn by_scheme(&self, scheme: Option<Scheme>) -> EpcCount {
        sum(self.counts.iter().map(|f| &f[Self::slot(scheme)]))
    }
    /// All EPCs.
    pub fn total(&self) -> EpcCount {
        sum(self.counts.iter().flatten())
    }
    /// Adds another's counts (a chunk of a parallel scan).
    pub fn merge(&mut self, other: &EpcStats) {
        for (a, b) in self
            .counts
            .iter_mut()
            .flatten()
            .zip(other.counts.iter().flatten())
        {
            a.valid += b.valid;
            a.invalid += b.invalid;
        }
    }
}

fn sum<'c>(it: impl Iterator<Item = &'c EpcCount>) -> EpcCount {
    it.fold(EpcCount::default(), |a, c| EpcCount {
        valid: a.valid + c.valid,
        invalid: a.invalid + c.invalid,
    })
}

/// How the validator hands an EPC to its inner sink.
type Deliver<S> = fn(&mut S, &EventStart, &EpcRef<'_>, &EpcCheck<'_>) -> Flow;

fn deliver_plain<S: Sink>(s: &mut S, e: &EventStart, r: &EpcRef<'_>, _: &EpcCheck<'_>) -> Flow {
    s.epc(e, r)
}

fn deliver_checked<S: CheckedSink>(
    s: &mut S,
    e: &EventStart,
    r: &EpcRef<'_>,
    c: &EpcCheck<'_>,
) -> Flow {
    s.checked_epc(e, r, c)
}

/// A [`Sink`] that validates what it forwards to `inner` (see the module
/// docs for the rules).
pub struct Validator<S: Sink> {
    inner: S,
    deliver: Deliver<S>,
    stats: EpcStats,
    /// Findings of the current item, reused (no allocation once grown).
    pending: Vec<Finding>,
}

impl<S: Sink> Validator<S> {
    /// Validates what goes to `inner`; EPCs reach it through [`Sink::epc`].
    pub fn new(inner: S) -> Self {
        Validator {
            inner,
            deliver: deliver_plain::<S>,
            stats: EpcStats::default(),
            pending: Vec::new(),
        }
    }
    /// The inner sink.
    pub fn inner(&self) -> &S {
        &self.inner
    }
    /// The inner sink, mutably.
    pub fn inner_mut(&mut self) -> &mut S {
        &mut self.inner
    }
    /// The inner sink.
    pub fn into_inner(self) -> S {
        self.inner
    }
    /// The inner sink and the EPC counts.
    pub fn into_parts(self) -> (S, EpcStats) {
        (self.inner, self.stats)
    }
    /// EPCs checked so far, by field and scheme.
    pub fn stats(&self) -> &EpcStats {
        &self.stats
    }

    /// Hands the pending findings to the inner sink.
    fn flush(&mut self) -> Flow {
        let mut flow = Flow::Continue;
        for f in &self.pending {
            if self.inner.finding(f) == Flow::Stop {
                flow = Flow::Stop;
                break;
            }
        }
        self.pending.clear();
        flow
    }
}

impl<S: CheckedSink> Validator<S> {
    /// Validates what goes to `inner`; EPCs reach it through
    /// [`CheckedSink::checked_epc`], with their [`EpcCheck`].
    pub fn checked(inner: S) -> Self {
        Validator {
            inner,
            deliver: deliver_checked::<S>,
            stats: EpcStats::default(),
            pending: Vec::new(),
        }
    }
}

impl<S: Sink + std::fmt::Debug> std::fmt::Debug for Validator<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("inner", &self.inner)
            .field("stats", &self.stats)
            .finish()
    }
}

impl<S: Sink> Sink for Validator<S> {
    fn header(&mut self, header: &Header<'_>) -> Flow {
        if self.inner.header(header) == Flow::Stop {
            return Flow::Stop;
        }
        event::check_header(header, &mut self.pending);
        self.flush()
    }

    fn vocabulary(&mut self, element: &VocabularyElement<'_>) -> Flow {
        self.inner.vocabulary(element)
    }

    fn event_start(&mut self, event: &EventStart) -> Flow {
        self.inner.event_start(event)
    }

    #[inline]
    fn epc(&mut self, event: &EventStart, epc: &EpcRef<'_>) -> Flow {
        let value = epc.value.as_str();
        if epc.field.is_class() {
            return self.class_epc(event, epc);
        }
        // The hot path: a valid pure identity URI is handed on by
        // reference, never copied or classified further.
        let parsed = crate::epc::Epc::parse(value);
        if let Ok(e) = &parsed {
            if !e.scheme().is_class() {
                self.stats.add(epc.field, Some(e.scheme()), true);
                return (self.deliver)(&mut self.inner, event, epc, &EpcCheck::Valid(e));
            }
        }
        self.other_epc(event, epc, epcs::instance(value, parsed))
    }

    fn event(&mut self, event: &Event<'_>) -> Flow {
        if self.inner.event(event) == Flow::Stop {
            return Flow::Stop;
        }
        event::check_event(event, &mut self.pending);
        self.flush()
    }

    fn finding(&mut self, finding: &Finding) -> Flow {
        self.inner.finding(finding)
    }
}

impl<S: Sink> Validator<S> {
    /// An EPC class or pattern (with its quantity).
    fn class_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>) -> Flow {
        let checked = epcs::check_class(epc.value.as_str());
        let check = checked.as_check();
        self.stats.add(epc.field, check.scheme(), check.is_valid());
        if (self.deliver)(&mut self.inner, event, epc, &check) == Flow::Stop {
            return Flow::Stop;
        }
        self.epc_findings(event, epc, &check)
    }

    /// An instance EPC that is not a valid pure identity URI.
    #[cold]
    #[inline(never)]
    fn other_epc(&mut self, event: &EventStart, epc: &EpcRef<'_>, checked: CheckedEpc<'_>) -> Flow {
        let check = checked.as_check();
        self.stats.add(epc.field, check.scheme(), false);
        if (self.deliver)(&mut self.inner, event, epc, &check) == Flow::Stop {
            return Flow::Stop;
        }
        self.epc_findings(event, epc, &check)
    }

    /// The findings of an invalid EPC, and of a quantity element.
    fn epc_findings(&mut self, event: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        let field = epc.field;
        if let Some((rule, severity, message, offset)) =
            epcs::finding(field, epc.value.as_str(), check)
        {
            let leaf = if field.is_class() { "epcClass" } else { "epc" };
            self.pending.push(Finding {
                rule,
                severity,
                message,
                pos: at(epc.value.pos, offset),
                path: event::event_path(
                    event,
                    &event::epc_suffix(event.kind, field, epc.index, leaf),
                ),
            });
        }
        if event.kind == EventKind::Quantity
            && field == EpcField::EpcClass
            && epc.quantity.is_none()
        {
            self.pending.push(Finding {
                rule: "event.required",
                severity: Severity::Error,
                message: "QuantityEvent without quantity (required)".to_owned(),
                pos: event.pos,
                path: event::event_path(event, ""),
            });
        }
        if field.is_class() {
            let quantity_finding = match (&epc.quantity, &epc.uom) {
                (Some(q), _) => {
                    event::check_quantity(q.as_str(), event.kind == EventKind::Quantity)
                        .map(|m| (m, q.pos, "quantity"))
                }
                (None, Some(u)) => Some((
                    format!("uom `{}` without a quantity", shorten(u.as_str())),
                    u.pos,
                    "uom",
                )),
                (None, None) => None,
            };
            if let Some((message, pos, leaf)) = quantity_finding {
                self.pending.push(Finding {
                    rule: "event.quantity",
                    severity: Severity::Error,
                    message,
                    pos,
                    path: event::event_path(
                        event,
                        &event::epc_suffix(event.kind, field, epc.index, leaf),
                    ),
                });
            }
        }
        self.flush()
    }
}

/// `pos` moved `offset` bytes into its value (same line).
pub(crate) fn at(pos: Position, offset: usize) -> Position {
    let off = u32::try_from(offset).unwrap_or(u32::MAX);
    Position {
        offset: pos.offset.saturating_add(offset as u64),
        line: pos.line,
        column: if pos.column == 0 {
            0
        } else {
            pos.column.saturating_add(off)
        },
    }
}

/// A value as quoted in a message: at most 200 bytes (cut at a character
/// boundary, with `…`).
pub(crate) fn shorten(s: &str) -> Cow<'_, str> {
    const MAX: usize = 200;
    if s.len() <= MAX {
        return Cow::Borrowed(s);
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

#[cfg(test)]
mod tests;
