//! What the scanner reports: borrowed, typed items of an EPCIS 1.2
//! document.
//!
//! Values borrow from the input (`Cow::Borrowed`) unless the XML had to be
//! decoded (entity or character references, CDATA split across events,
//! `xs:anyURI` white space collapsed), in which case they are owned. Items
//! are handed to a [`Sink`](super::Sink) and live only for that call: a
//! sink that keeps data copies it (`into_owned`).
//!
//! EPC lists are streamed one [`EpcRef`] at a time and never collected by
//! the scanner: an event with a million EPCs costs no more memory than one
//! with ten. Everything else of an event is bounded by the scanner's limits
//! and delivered at the event's end as an [`Event`].

use std::borrow::Cow;

/// Where something is in the input. `line` and `column` are 1-based (column
/// in bytes); both are 0 when line tracking is off
/// ([`ScanOptions::track_lines`](super::ScanOptions)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// Byte offset from the start of the input (after transcoding, for
    /// inputs not in UTF-8; the BOM counts).
    pub offset: u64,
    /// Line, 1-based; 0 when unknown.
    pub line: u32,
    /// Column in bytes, 1-based; 0 when unknown.
    pub column: u32,
}

/// The text of an element or attribute, with where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    /// Decoded text (entities resolved; for `xs:anyURI` values, white space
    /// collapsed).
    pub text: Cow<'a, str>,
    /// Where the text (or, for an empty element, the element) starts.
    pub pos: Position,
}

impl Value<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Copies borrowed text.
    pub fn into_owned(self) -> Value<'static> {
        Value {
            text: Cow::Owned(self.text.into_owned()),
            pos: self.pos,
        }
    }
}

macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $v:ident => $s:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum $name { $($(#[$vdoc])* $v,)* }
        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
            /// The name as the XML (and the CLI's output) spells it.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named! {
    /// The EPCIS 1.2 event types (QuantityEvent deprecated, AssociationEvent
    /// the GS1 back-port under `EventList/extension/extension`).
    EventKind {
        /// `ObjectEvent`
        Object => "ObjectEvent",
        /// `AggregationEvent`
        Aggregation => "AggregationEvent",
        /// `TransactionEvent`
        Transaction => "TransactionEvent",
        /// `TransformationEvent` (under `EventList/extension` in 1.2)
        Transformation => "TransformationEvent",
        /// `QuantityEvent` (deprecated in 1.2)
        Quantity => "QuantityEvent",
        /// `AssociationEvent` (2.0, back-ported to 1.2)
        Association => "AssociationEvent",
    }
}

named! {
    /// Where in an event an EPC (or EPC class) appears.
    EpcField {
        /// `epcList/epc` (Object, Transaction events)
        EpcList => "epcList",
        /// `childEPCs/epc` (Aggregation, Association events)
        ChildEpcs => "childEPCs",
        /// `parentID`
        ParentId => "parentID",
        /// `inputEPCList/epc` (Transformation)
        InputEpcList => "inputEPCList",
        /// `outputEPCList/epc` (Transformation)
        OutputEpcList => "outputEPCList",
        /// `extension/quantityList/quantityElement/epcClass`
        QuantityList => "quantityList",
        /// `extension/childQuantityList/quantityElement/epcClass`
        ChildQuantityList => "childQuantityList",
        /// `inputQuantityList/quantityElement/epcClass`
        InputQuantityList => "inputQuantityList",
        /// `outputQuantityList/quantityElement/epcClass`
        OutputQuantityList => "outputQuantityList",
        /// `epcClass` of a QuantityEvent
        EpcClass => "epcClass",
    }
}

impl EpcField {
    /// Whether the field holds EPC classes (with quantities), not instances.
    pub const fn is_class(self) -> bool {
        matches!(
            self,
            EpcField::QuantityList
                | EpcField::ChildQuantityList
                | EpcField::InputQuantityList
                | EpcField::OutputQuantityList
                | EpcField::EpcClass
        )
    }
}

/// An event as it starts: what every [`EpcRef`] of it is reported with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventStart {
    /// The event type.
    pub kind: EventKind,
    /// 0-based index of the event in its document, in document order.
    pub index: u64,
    /// Where its start tag begins (`<`).
    pub pos: Position,
}

/// One EPC (or EPC class) of an event, as it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpcRef<'a> {
    /// Where in the event.
    pub field: EpcField,
    /// 0-based index within its list (0 for `parentID`).
    pub index: u32,
    /// The identifier, white space collapsed.
    pub value: Value<'a>,
    /// For quantity elements: `quantity` and `uom`.
    pub quantity: Option<Value<'a>>,
    /// Unit of measure of a quantity element.
    pub uom: Option<Value<'a>>,
}

/// A business transaction reference (`bizTransactionList/bizTransaction`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BizTransaction<'a> {
    /// `@type`.
    pub kind: Option<Value<'a>>,
    /// Other attributes (e.g. the receiver's `@date`), qualified name and
    /// value.
    pub attributes: Vec<(Cow<'a, str>, Value<'a>)>,
    /// The transaction identifier.
    pub value: Value<'a>,
}

/// A source or destination (`sourceList/source`, `destinationList/destination`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDest<'a> {
    /// `@type`.
    pub kind: Option<Value<'a>>,
    /// The identifier.
    pub value: Value<'a>,
}

/// `baseExtension/errorDeclaration`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDeclaration<'a> {
    /// `declarationTime`.
    pub declaration_time: Option<Value<'a>>,
    /// `reason`.
    pub reason: Option<Value<'a>>,
    /// `correctiveEventIDs/correctiveEventID`.
    pub corrective_event_ids: Vec<Value<'a>>,
}

/// An element outside the EPCIS vocabulary of its place: a vendor extension
/// (`tl:*` and others), the content of `ilmd`, an element of a standard
/// `extension` the scanner does not model. Kept as a flat list in document
/// order; `depth` restores the nesting (1 = child of the event, or of
/// `ilmd`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtNode<'a> {
    /// Nesting depth, 1-based.
    pub depth: u16,
    /// Namespace URI (resolved from the prefix), if any.
    pub namespace: Option<Cow<'a, str>>,
    /// The qualified name as written (`tl:businessId`).
    pub name: Cow<'a, str>,
    /// Attributes (qualified name as written, value), namespace
    /// declarations excluded.
    pub attributes: Vec<(Cow<'a, str>, Value<'a>)>,
    /// Text content (for elements with text only; white space-only text of
    /// elements with children is dropped).
    pub text: Option<Value<'a>>,
    /// Where the start tag begins.
    pub pos: Position,
}

impl ExtNode<'_> {
    /// The local name (after the prefix).
    pub fn local_name(&self) -> &str {
        // A byte search: names are short, and `rsplit` goes through the
        // generic string searcher (a rule checker asks for local names
        // many times per event).
        match self.name.bytes().rposition(|b| b == b':') {
            Some(i) => &self.name[i + 1..],
            None => &self.name,
        }
    }
}

/// An event, complete, at its end tag. Its EPCs were streamed before as
/// [`EpcRef`]s; `counts` says how many of each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event<'a> {
    /// Type, index and position.
    pub start: EventStart,
    /// `eventTime`.
    pub event_time: Option<Value<'a>>,
    /// `recordTime`.
    pub record_time: Option<Value<'a>>,
    /// `eventTimeZoneOffset`.
    pub event_time_zone_offset: Option<Value<'a>>,
    /// `baseExtension/eventID`.
    pub event_id: Option<Value<'a>>,
    /// `baseExtension/errorDeclaration`.
    pub error_declaration: Option<ErrorDeclaration<'a>>,
    /// `action`.
    pub action: Option<Value<'a>>,
    /// `bizStep`.
    pub biz_step: Option<Value<'a>>,
    /// `disposition`.
    pub disposition: Option<Value<'a>>,
    /// `readPoint/id`.
    pub read_point: Option<Value<'a>>,
    /// `bizLocation/id`.
    pub biz_location: Option<Value<'a>>,
    /// `bizTransactionList/bizTransaction`.
    pub biz_transactions: Vec<BizTransaction<'a>>,
    /// `sourceList/source` (in `extension` for Object/Aggregation/Transaction).
    pub sources: Vec<SourceDest<'a>>,
    /// `destinationList/destination`.
    pub destinations: Vec<SourceDest<'a>>,
    /// `transformationID` (TransformationEvent).
    pub transformation_id: Option<Value<'a>>,
    /// `parentID` (also streamed as an [`EpcRef`]).
    pub parent_id: Option<Value<'a>>,
    /// The list elements present (even when empty): bit `1 << field as u32`
    /// for each [`EpcField`] whose list element appeared.
    pub lists_present: u32,
    /// How many EPCs of each [`EpcField`] were streamed (indexed by
    /// `field as usize`).
    pub counts: [u64; EpcField::ALL.len()],
    /// The content of `ilmd` (`extension/ilmd` in 1.2).
    pub ilmd: Vec<ExtNode<'a>>,
    /// Vendor extensions and unmodelled extension content, in order.
    pub extensions: Vec<ExtNode<'a>>,
}

impl<'a> Event<'a> {
    /// An event with nothing read yet.
    pub fn new(start: EventStart) -> Self {
        Event {
            start,
            event_time: None,
            record_time: None,
            event_time_zone_offset: None,
            event_id: None,
            error_declaration: None,
            action: None,
            biz_step: None,
            disposition: None,
            read_point: None,
            biz_location: None,
            biz_transactions: Vec::new(),
            sources: Vec::new(),
            destinations: Vec::new(),
            transformation_id: None,
            parent_id: None,
            lists_present: 0,
            counts: [0; EpcField::ALL.len()],
            ilmd: Vec::new(),
            extensions: Vec::new(),
        }
    }
    /// Whether the list element of `field` appeared.
    pub fn has_list(&self, field: EpcField) -> bool {
        self.lists_present & (1 << field as u32) != 0
    }
    /// How many EPCs of `field` were streamed.
    pub fn count(&self, field: EpcField) -> u64 {
        self.counts[field as usize]
    }
}

/// An SBDH party (`sbdh:Sender`, `sbdh:Receiver`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Party<'a> {
    /// `sbdh:Identifier`.
    pub identifier: Option<Value<'a>>,
    /// `sbdh:Identifier/@Authority`.
    pub authority: Option<Value<'a>>,
}

/// The Standard Business Document Header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sbdh<'a> {
    /// `sbdh:HeaderVersion`.
    pub header_version: Option<Value<'a>>,
    /// `sbdh:Sender` (one per element; the standard allows several).
    pub senders: Vec<Party<'a>>,
    /// `sbdh:Receiver`.
    pub receivers: Vec<Party<'a>>,
    /// `sbdh:DocumentIdentification/sbdh:Standard`.
    pub standard: Option<Value<'a>>,
    /// `.../sbdh:TypeVersion`.
    pub type_version: Option<Value<'a>>,
    /// `.../sbdh:InstanceIdentifier`.
    pub instance_identifier: Option<Value<'a>>,
    /// `.../sbdh:Type`.
    pub document_type: Option<Value<'a>>,
    /// `.../sbdh:CreationDateAndTime`.
    pub creation_date_and_time: Option<Value<'a>>,
    /// Where `sbdh:StandardBusinessDocumentHeader` starts.
    pub pos: Position,
}

/// The document: root element and header, reported once, before the first
/// event (or at the end of a document without events).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header<'a> {
    /// The root element's qualified name as written.
    pub root: Cow<'a, str>,
    /// The root element's namespace URI.
    pub root_namespace: Option<Cow<'a, str>>,
    /// `@schemaVersion`.
    pub schema_version: Option<Value<'a>>,
    /// `@creationDate`.
    pub creation_date: Option<Value<'a>>,
    /// Namespace declarations on the root (prefix, `""` for the default;
    /// URI).
    pub namespaces: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// `EPCISHeader/sbdh:StandardBusinessDocumentHeader`.
    pub sbdh: Option<Sbdh<'a>>,
    /// The XML declaration's `encoding`, if any.
    pub declared_encoding: Option<Cow<'a, str>>,
    /// Where the root element starts.
    pub pos: Position,
}

/// An attribute of a master data vocabulary element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VocabularyAttribute<'a> {
    /// `@id`.
    pub id: Value<'a>,
    /// Its text (for attributes with element content, the content is in
    /// `children`).
    pub value: Option<Value<'a>>,
    /// Element content of the attribute, flattened as in [`ExtNode`].
    pub children: Vec<ExtNode<'a>>,
}

/// One `VocabularyElement` of `EPCISHeader/extension/EPCISMasterData`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VocabularyElement<'a> {
    /// `Vocabulary/@type`.
    pub vocabulary_type: Option<Value<'a>>,
    /// `@id`.
    pub id: Option<Value<'a>>,
    /// `attribute` elements.
    pub attributes: Vec<VocabularyAttribute<'a>>,
    /// `children/id`.
    pub children: Vec<Value<'a>>,
    /// Where the element starts.
    pub pos: Position,
}
