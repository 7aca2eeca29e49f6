//! Fuzz target `scan_structured`: an `Arbitrary` EPCIS document model is
//! written as XML (escaped correctly, in any of the layouts real documents
//! use), scanned, and must read back as the model.
//!
//! The writer builds the XML and, alongside, the items the scanner must
//! report for it ([`Header`], [`EventStart`], [`EpcRef`], [`Event`]), with
//! every position: where each element starts, and where each value's first
//! character that is not white space was written (the `&` of a reference,
//! the character inside a CDATA section). Both go through the same
//! [`Trace`], and the two texts must be equal. Findings are not compared
//! (the validator's job, tested elsewhere), except that every EPC written
//! as a valid URI of the right kind for its field must be judged valid.
//!
//! What the model covers: the six event types (TransformationEvent and
//! AssociationEvent under `EventList/extension` as EPCIS 1.2 puts them, or
//! directly), EPC lists, parentID, quantity lists and QuantityEvent's
//! `epcClass`, actions, bizSteps, dispositions, read points, business
//! locations, business transactions with any attributes, sources,
//! destinations, error declarations, ILMD and vendor extension trees (in
//! namespaces declared on the root or on the element, default namespaces,
//! rebound prefixes); the header's SBDH. Layout: XML declaration, byte
//! order mark, CRLF, white space, comments and processing instructions
//! between elements and inside values, values as literal text, CDATA,
//! decimal or hexadecimal character references or a mix; the EPCIS
//! namespace as a prefix, as the default namespace (also reset with
//! `xmlns=""` on the body), or on every element.
//!
//! Values whose text is empty after white space collapsing are compared
//! with their position blanked: where the scanner puts an empty value is
//! not part of the model.

use super::scan::{StopAt, Trace, assert_same_result, assert_same_trace};
use super::structured::{EpcInput, component_values};
use crate::epc::Epc;
use crate::epcis::{
    BizTransaction, EpcField, EpcRef, ErrorDeclaration, Event, EventKind, EventStart, ExtNode,
    Finding, Flow, Header, Party, Position, Sbdh, ScanOptions, Sink, SourceDest, Value,
    VocabularyElement, scan_read, scan_slice,
};
use crate::validate::{CheckedSink, EpcCheck, Validator};
use std::borrow::Cow;
use std::fmt::Write;

const EPCIS_NS: &str = "urn:epcglobal:epcis:xsd:1";
const SBDH_NS: &str = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";

/// An EPCIS document: layout, root and header, events.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct DocInput {
    /// How it is written.
    pub layout: Layout,
    /// Root attributes and the SBDH.
    pub root: RootIn,
    /// The events, in order.
    pub events: Vec<EventIn>,
}

/// How a document is written.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct Layout {
    /// Where the EPCIS namespace is.
    pub ns: NsStyle,
    /// `<?xml version="1.0" encoding="UTF-8"?>` first.
    pub xml_decl: bool,
    /// A UTF-8 byte order mark first.
    pub bom: bool,
    /// CRLF line ends in the white space between elements.
    pub crlf: bool,
    /// Attribute values in `'…'`.
    pub single_quotes: bool,
    /// TransformationEvent and AssociationEvent under `EventList/extension`
    /// (and `extension/extension`), as EPCIS 1.2 puts them.
    pub wrap_extension_events: bool,
    /// Quantity lists, sources, destinations and ILMD of Object,
    /// Aggregation and Transaction events in the event's `extension`, as
    /// EPCIS 1.2 puts them.
    pub event_extension: bool,
    /// Vendor extensions of events inside an `extension` element.
    pub vendor_in_extension: bool,
    /// What goes between elements, a byte of it per gap (cycled, varied
    /// each round): white space, CRLF, a comment, a processing
    /// instruction, nothing.
    pub gaps: u64,
    /// The buffer size for the `scan_read` pass: 64 + 8 × this.
    pub read_chunk: u8,
}

/// Where the EPCIS namespace is declared and used.
#[derive(Clone, Copy, Debug, arbitrary::Arbitrary)]
pub enum NsStyle {
    /// On a prefix of the root; body elements unqualified (the standard).
    Prefixed(u8),
    /// On a prefix used by every EPCIS element.
    QualifiedBody(u8),
    /// The default namespace of the root, so of the body too.
    Default,
    /// The default namespace of the root, reset with `xmlns=""` on
    /// `EPCISBody`.
    DefaultReset,
}

/// The root element's attributes and the header.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct RootIn {
    /// `@schemaVersion`.
    pub schema_version: Option<Text>,
    /// `@creationDate`.
    pub creation_date: Option<Text>,
    /// `EPCISHeader/sbdh:StandardBusinessDocumentHeader`.
    pub sbdh: Option<SbdhIn>,
    /// The SBDH namespace declared on the root (else on the SBDH element).
    pub sbdh_ns_on_root: bool,
}

/// The parts of an SBDH the model writes.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct SbdhIn {
    /// `HeaderVersion`.
    pub version: Option<Text>,
    /// `Sender/Identifier` and its `@Authority`.
    pub sender: Option<(Text, Option<Text>)>,
    /// `DocumentIdentification/InstanceIdentifier`.
    pub instance: Option<Text>,
}

/// A text value and how it is written.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct Text {
    /// The value.
    pub value: Str,
    /// How its characters are written.
    pub form: Form,
    /// White space around it: bits 0-1 before, 2-3 after; bit 4: an empty
    /// value as `<x/>`.
    pub pad: u8,
}

/// A value.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub enum Str {
    /// One of the realistic values of its field (a table per field).
    Pick(u8),
    /// The URI of an EPC made from components (see `epc_structured`).
    Epc(EpcInput),
    /// Anything (characters XML cannot carry become `?`).
    Raw(String),
}

/// How a value's characters are written.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub enum Form {
    /// As text, `<`, `&` (and `>` after `]]`) as entities.
    Plain,
    /// In a CDATA section (split where it would contain `]]>`).
    CData,
    /// Every character as a decimal character reference.
    DecRefs,
    /// Every character as a hexadecimal character reference.
    HexRefs,
    /// Per character, three bits of this (cycled): text, reference,
    /// CDATA, or a comment or processing instruction before it.
    Mixed(u64),
}

/// One event.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct EventIn {
    /// The type.
    pub kind: EventKind,
    /// `eventTime`.
    pub event_time: Option<Text>,
    /// `recordTime`.
    pub record_time: Option<Text>,
    /// `eventTimeZoneOffset`.
    pub tz: Option<Text>,
    /// `baseExtension/eventID`.
    pub event_id: Option<Text>,
    /// `baseExtension/errorDeclaration`.
    pub error: Option<ErrorIn>,
    /// `parentID`.
    pub parent: Option<Text>,
    /// EPC lists.
    pub lists: Vec<ListIn>,
    /// Quantity lists.
    pub quantities: Vec<QListIn>,
    /// QuantityEvent's `epcClass` and `quantity` (other types: ignored).
    pub qe: Option<(Text, Option<Text>)>,
    /// `action`.
    pub action: Option<Text>,
    /// `bizStep`.
    pub biz_step: Option<Text>,
    /// `disposition`.
    pub disposition: Option<Text>,
    /// `readPoint/id`.
    pub read_point: Option<Text>,
    /// `bizLocation/id`.
    pub biz_location: Option<Text>,
    /// `bizTransactionList`.
    pub biz_transactions: Vec<BizTxIn>,
    /// `sourceList`.
    pub sources: Vec<SourceIn>,
    /// `destinationList`.
    pub destinations: Vec<SourceIn>,
    /// `transformationID`.
    pub transformation_id: Option<Text>,
    /// `ilmd` content.
    pub ilmd: Vec<ExtTree>,
    /// Vendor extensions.
    pub extensions: Vec<ExtTree>,
}

/// An EPC list.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct ListIn {
    /// Which.
    pub field: ListField,
    /// Its EPCs.
    pub epcs: Vec<Text>,
}

/// The EPC list elements.
#[derive(Clone, Copy, Debug, arbitrary::Arbitrary)]
pub enum ListField {
    /// `epcList`
    Epc,
    /// `childEPCs`
    Child,
    /// `inputEPCList`
    Input,
    /// `outputEPCList`
    Output,
}

/// A quantity list.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct QListIn {
    /// Which.
    pub field: QField,
    /// Its `quantityElement`s.
    pub elems: Vec<QElemIn>,
}

/// The quantity list elements.
#[derive(Clone, Copy, Debug, arbitrary::Arbitrary)]
pub enum QField {
    /// `quantityList`
    Quantity,
    /// `childQuantityList`
    ChildQuantity,
    /// `inputQuantityList`
    InputQuantity,
    /// `outputQuantityList`
    OutputQuantity,
}

/// A `quantityElement`.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct QElemIn {
    /// `epcClass`.
    pub class: Option<Text>,
    /// `quantity`.
    pub quantity: Option<Text>,
    /// `uom`.
    pub uom: Option<Text>,
}

/// `baseExtension/errorDeclaration`.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct ErrorIn {
    /// `declarationTime`.
    pub time: Option<Text>,
    /// `reason`.
    pub reason: Option<Text>,
    /// `correctiveEventIDs/correctiveEventID`.
    pub corrective: Vec<Text>,
}

/// A `bizTransaction`.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct BizTxIn {
    /// `@type`.
    pub kind: Option<Text>,
    /// Other attributes.
    pub attrs: Vec<(Name, Text)>,
    /// The identifier.
    pub value: Text,
}

/// A `source` or `destination`.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct SourceIn {
    /// `@type`.
    pub kind: Option<Text>,
    /// The identifier.
    pub value: Text,
}

/// A vendor extension element and its content.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub struct ExtTree {
    /// Local name.
    pub name: Name,
    /// Its namespace.
    pub ns: NsChoice,
    /// Attributes (unprefixed; duplicates dropped).
    pub attrs: Vec<(Name, Text)>,
    /// Content.
    pub content: Content,
}

/// The namespace of a vendor element.
#[derive(Clone, Copy, Debug, arbitrary::Arbitrary)]
pub enum NsChoice {
    /// A prefix declared on the root.
    Root(u8),
    /// A prefix (maybe one the root declares too) bound on the element.
    Own(u8, u8),
    /// A default namespace declared on the element.
    OwnDefault(u8),
    /// Unprefixed, in whatever default namespace is in scope (the top
    /// element of a tree takes `Root` instead).
    Inherit,
}

/// The content of a vendor element.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub enum Content {
    /// None (`<x/>`).
    Empty,
    /// Text only.
    Text(Text),
    /// Elements only.
    Children(Vec<ExtTree>),
}

/// An XML name.
#[derive(Clone, Debug, arbitrary::Arbitrary)]
pub enum Name {
    /// One of a few, some of them EPCIS element names.
    Pick(u8),
    /// Made of these bytes (mapped to name characters).
    Made(Vec<u8>),
}

// ---------------------------------------------------------------------
// Values.

/// Which table a `Str::Pick` picks from.
#[derive(Clone, Copy)]
enum Field {
    Time,
    Tz,
    Id,
    Action,
    Step,
    Disp,
    Loc,
    Btt,
    Btx,
    Sdt,
    Party,
    Epc,
    Class,
    Qty,
    Uom,
    Reason,
    Version,
    Attr,
}

fn table(f: Field) -> &'static [&'static str] {
    match f {
        Field::Time => &[
            "2024-01-01T00:00:00Z",
            "2024-02-29T23:59:59.999+01:00",
            "2013-06-08T14:58:56.591Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T00:00:00",
        ],
        Field::Tz => &["+00:00", "-05:00", "+14:00", "+1:00"],
        Field::Id => &[
            "urn:uuid:3b8a3c8e-6d2f-4c4e-9d3a-1f2e3d4c5b6a",
            "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0",
            "urn:uuid:",
        ],
        Field::Action => &["ADD", "OBSERVE", "DELETE", "add", "Add "],
        Field::Step => &[
            "urn:epcglobal:cbv:bizstep:commissioning",
            "urn:epcglobal:cbv:bizstep:shipping",
            "urn:epcglobal:cbv:bizstep:receiving",
            "commissioning",
            "https://ref.gs1.org/cbv/BizStep-packing",
            "urn:epcglobal:cbv:bizstep:comissioning",
        ],
        Field::Disp => &[
            "urn:epcglobal:cbv:disp:active",
            "urn:epcglobal:cbv:disp:in_transit",
            "in_progress",
        ],
        Field::Loc => &[
            "urn:epc:id:sgln:0614141.07346.1234",
            "urn:epc:id:sgln:0614141.00000.0",
            "urn:epc:id:sgtin:0614141.812345.6789",
            "http://example.com/loc?a=1&b=<2>",
        ],
        Field::Btt => &[
            "urn:epcglobal:cbv:btt:po",
            "urn:epcglobal:cbv:btt:desadv",
            "urn:epcglobal:cbv:btt:inv",
        ],
        Field::Btx => &[
            "urn:epcglobal:cbv:bt:0614141073467:1152",
            "http://transaction.acme.com/po/12345678",
            "PO 1 & 2",
        ],
        Field::Sdt => &[
            "urn:epcglobal:cbv:sdt:owning_party",
            "urn:epcglobal:cbv:sdt:location",
            "urn:epcglobal:cbv:sdt:possessing_party",
        ],
        Field::Party => &[
            "urn:epc:id:pgln:0614141.00000",
            "urn:epc:id:sgln:0614141.00001.0",
            "0614141000005",
        ],
        Field::Epc => &[
            "urn:epc:id:sgtin:0614141.812345.6789",
            "urn:epc:id:sscc:0614141.1234567890",
            "urn:epc:id:sgtin:0614141.812345.A%26B",
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789",
            "https://id.gs1.org/01/09506000134352/21/ABC",
            "urn:epc:id:sgtin:0614141.81234.6789",
            "urn:epc:class:lgtin:4012345.012345.998877",
        ],
        Field::Class => &[
            "urn:epc:class:lgtin:4012345.012345.998877",
            "urn:epc:idpat:sgtin:4012345.012345.*",
            "urn:epc:id:sgtin:0614141.812345.6789",
        ],
        Field::Qty => &["200", "1.5", "-1", "abc", "1e3"],
        Field::Uom => &["KGM", "EA", "LTR"],
        Field::Reason => &[
            "urn:epcglobal:cbv:er:incorrect_data",
            "urn:epcglobal:cbv:er:did_not_occur",
        ],
        Field::Version => &["1.2", "1.0", "2.0", "1.2.0"],
        Field::Attr => &["2024-01-01", "a&b", "x\"y'z", "\t<tab>\n"],
    }
}

const NAMES: [&str; 12] = [
    "businessId",
    "lot",
    "epc",
    "action",
    "extension",
    "ilmd",
    "ObjectEvent",
    "quantityElement",
    "id",
    "epcList",
    "a",
    "type",
];
/// Vendor prefixes (none of them `EPCIS_PREFIXES`).
const PREFIXES: [&str; 3] = ["tl", "ext", "v"];
/// Namespaces of vendor extensions (not the EPCIS or SBDH ones).
const VENDOR_NS: [&str; 4] = [
    "http://epcis.tracelink.com/ns",
    "urn:x-vendor:a&b",
    "http://example.com/ns?q=1&r=<2>",
    "urn:x-vendor:\u{e9}t\u{e9}",
];
const EPCIS_PREFIXES: [&str; 3] = ["epcis", "e", "ns0"];
/// What a `Mixed` form may put before a character, and a gap between
/// elements.
const MARKUP: [&str; 4] = [
    "<!---->",
    "<!-- <epc>x</epc> -->",
    "<?pi data?>",
    "<!--]]>-->",
];

/// Whether `c` may appear in an XML 1.0 document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// XML Schema white space "collapse".
fn collapse(s: &str) -> String {
    s.split(is_xml_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a value, and whether it is an EPC URI made valid from
/// components (with its scheme's class-ness).
fn resolve(s: &Str, field: Field) -> (String, Option<bool>) {
    match s {
        Str::Pick(i) => {
            let t = table(field);
            (t[usize::from(*i) % t.len()].to_owned(), None)
        }
        Str::Raw(r) => (
            r.chars()
                .map(|c| if xml_char(c) { c } else { '?' })
                .collect(),
            None,
        ),
        Str::Epc(input) => {
            let (values, _) = component_values(input);
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            match Epc::from_components(input.scheme, &refs) {
                Ok(epc) => (epc.to_string(), Some(input.scheme.is_class())),
                Err(_) => {
                    let joined: String = format!("urn:epc:id:{}:{}", input.scheme, refs.join("."))
                        .chars()
                        .map(|c| if xml_char(c) { c } else { '?' })
                        .collect();
                    (joined, None)
                }
            }
        }
    }
}

fn name_of(n: &Name) -> String {
    const START: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    const REST: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789.-";
    match n {
        Name::Pick(i) => NAMES[usize::from(*i) % NAMES.len()].to_owned(),
        Name::Made(bytes) => {
            let mut s = String::new();
            for (i, &b) in bytes.iter().take(16).enumerate() {
                let set = if i == 0 { START } else { REST };
                s.push(char::from(set[usize::from(b) % set.len()]));
                // A non-ASCII name character now and then.
                if b == 0xFF {
                    s.push('\u{e9}');
                }
            }
            if s.is_empty() {
                s.push('n');
            }
            if s.to_ascii_lowercase().starts_with("xml") {
                s.insert(0, '_');
            }
            s
        }
    }
}

// ---------------------------------------------------------------------
// The writer.

/// How a character of a value is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Lit,
    Dec,
    Hex,
    CData,
    /// Markup (a comment, a PI) first, then as text.
    Markup(usize),
}

fn mode(form: &Form, i: usize) -> Mode {
    match form {
        Form::Plain => Mode::Lit,
        Form::CData => Mode::CData,
        Form::DecRefs => Mode::Dec,
        Form::HexRefs => Mode::Hex,
        Form::Mixed(bits) => match bits >> (3 * (i % 21)) & 7 {
            0..=2 => Mode::Lit,
            3 => Mode::Dec,
            4 => Mode::Hex,
            5 | 6 => Mode::CData,
            _ => Mode::Markup(i),
        },
    }
}

/// One scanner item the document must produce.
enum Item {
    Header(Box<Header<'static>>),
    Start(EventStart),
    Epc(EventStart, EpcRef<'static>),
    Event(Box<Event<'static>>),
}

struct Writer {
    xml: String,
    gaps: u64,
    gap_i: usize,
    nl: &'static str,
    quote: char,
    /// Namespace bindings in scope (prefix, `""` for the default; URI)
    /// and, per open element, how many there were before it.
    scope: Vec<(String, String)>,
    marks: Vec<usize>,
    /// The prefix of EPCIS elements (`QualifiedBody`).
    body_prefix: Option<&'static str>,
    /// Line counting: offset counted up to, its line, its line's start.
    lines: (usize, u32, usize),
    /// Attribute separators written (to vary them).
    seps: usize,
    items: Vec<Item>,
    /// Per EPC reported (in order): whether it must be valid.
    must_be_valid: Vec<bool>,
}

/// What a written value decodes to, and where its first character that
/// is not white space was written.
struct Written {
    decoded: String,
    first: Option<usize>,
}

impl Writer {
    /// Line and column of `offset` (counted forward when possible).
    fn pos(&mut self, offset: usize) -> Position {
        let (mut upto, mut line, mut start) = self.lines;
        if offset < upto {
            (upto, line, start) = (0, 1, 0);
        }
        for (i, b) in self.xml.as_bytes()[upto..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                start = upto + i + 1;
            }
        }
        self.lines = (offset, line, start);
        Position {
            offset: offset as u64,
            line,
            column: (offset - start + 1) as u32,
        }
    }

    fn gap(&mut self) {
        let round = (self.gap_i / 8) as u8;
        let b = (self.gaps >> (8 * (self.gap_i % 8))) as u8 ^ round.wrapping_mul(0x25);
        self.gap_i += 1;
        match b % 8 {
            0 => {}
            1 => self.xml.push(' '),
            2 | 3 => {
                self.xml.push_str(self.nl);
                for _ in 0..(b / 8 % 8) {
                    self.xml.push_str("  ");
                }
            }
            4 => self.xml.push('\t'),
            5 => self.xml.push_str("\r\n"),
            _ => {
                self.xml.push_str(MARKUP[usize::from(b / 8) % MARKUP.len()]);
                self.xml.push_str(self.nl);
            }
        }
    }

    fn std(&self, local: &str) -> String {
        match self.body_prefix {
            Some(p) => format!("{p}:{local}"),
            None => local.to_owned(),
        }
    }

    fn resolve_prefix(&self, prefix: &str) -> Option<String> {
        self.scope
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.clone())
            .filter(|u| !u.is_empty())
    }

    /// `<qname`: returns the offset of `<`.
    fn open(&mut self, qname: &str) -> usize {
        let at = self.xml.len();
        self.xml.push('<');
        self.xml.push_str(qname);
        self.marks.push(self.scope.len());
        at
    }

    fn sep(&mut self) {
        self.seps += 1;
        self.xml
            .push_str([" ", " ", "\n    ", "  ", "\t"][self.seps % 5]);
    }

    fn attr_value(&mut self, value: &str, form: &Form) {
        let q = self.quote;
        self.xml.push(q);
        for (i, c) in value.chars().enumerate() {
            match (mode(form, i), c) {
                (Mode::Dec, c) => {
                    let _ = write!(self.xml, "&#{};", u32::from(c));
                }
                (Mode::Hex, c) => {
                    let _ = write!(self.xml, "&#x{:X};", u32::from(c));
                }
                (_, '<') => self.xml.push_str("&lt;"),
                (_, '&') => self.xml.push_str("&amp;"),
                (_, '"') if q == '"' => self.xml.push_str("&quot;"),
                (_, '\'') if q == '\'' => self.xml.push_str("&apos;"),
                // Literal white space would be normalised to a space.
                (_, '\t') => self.xml.push_str("&#9;"),
                (_, '\n') => self.xml.push_str("&#10;"),
                (_, '\r') => self.xml.push_str("&#xD;"),
                (_, c) => self.xml.push(c),
            }
        }
        self.xml.push(q);
    }

    /// ` name="value"`.
    fn attr(&mut self, name: &str, value: &str, form: &Form) {
        self.sep();
        self.xml.push_str(name);
        if self.seps % 7 == 3 {
            self.xml.push_str(" = ");
        } else {
            self.xml.push('=');
        }
        self.attr_value(value, form);
    }

    /// A namespace declaration on the open element.
    fn xmlns(&mut self, prefix: &str, uri: &str) {
        let name = if prefix.is_empty() {
            "xmlns".to_owned()
        } else {
            format!("xmlns:{prefix}")
        };
        self.attr(&name, uri, &Form::Plain);
        self.scope.push((prefix.to_owned(), uri.to_owned()));
    }

    /// `>` (or `/>`, which ends the element).
    fn close_start(&mut self, empty: bool) {
        if self.seps % 3 == 1 {
            self.xml.push(' ');
        }
        if empty {
            self.xml.push_str("/>");
            self.pop();
        } else {
            self.xml.push('>');
        }
    }

    fn pop(&mut self) {
        if let Some(m) = self.marks.pop() {
            self.scope.truncate(m);
        }
    }

    /// `</qname>`: returns the offset of `<`.
    fn close(&mut self, qname: &str) -> usize {
        let at = self.xml.len();
        let _ = write!(self.xml, "</{qname}");
        if self.seps % 4 == 2 {
            self.xml.push(' ');
        }
        self.xml.push('>');
        self.pop();
        at
    }

    /// A value's characters as element content.
    fn text(&mut self, value: &str, form: &Form, pad: u8) -> Written {
        const PADS: [&str; 4] = ["", " ", "\n\t", "  \n  "];
        let lead = PADS[usize::from(pad & 3)];
        let trail = PADS[usize::from(pad >> 2 & 3)];
        let mut decoded = String::with_capacity(value.len() + 8);
        let mut first = None;
        self.xml.push_str(lead);
        decoded.push_str(lead);
        let mut in_cdata = false;
        for (i, c) in value.chars().enumerate() {
            let m = mode(form, i);
            if in_cdata && m != Mode::CData {
                self.xml.push_str("]]>");
                in_cdata = false;
            }
            let at = match m {
                Mode::CData if c == '\r' => {
                    // A CR in CDATA would be a line end (read as LF).
                    if in_cdata {
                        self.xml.push_str("]]>");
                        in_cdata = false;
                    }
                    let at = self.xml.len();
                    self.xml.push_str("&#13;");
                    at
                }
                Mode::CData => {
                    if !in_cdata {
                        self.xml.push_str("<![CDATA[");
                        in_cdata = true;
                    } else if c == '>' && self.xml.ends_with("]]") {
                        self.xml.push_str("]]><![CDATA[");
                    }
                    let at = self.xml.len();
                    self.xml.push(c);
                    at
                }
                Mode::Dec => {
                    let at = self.xml.len();
                    let _ = write!(self.xml, "&#{};", u32::from(c));
                    at
                }
                Mode::Hex => {
                    let at = self.xml.len();
                    let _ = write!(self.xml, "&#x{:x};", u32::from(c));
                    at
                }
                Mode::Lit | Mode::Markup(_) => {
                    if let Mode::Markup(k) = m {
                        self.xml.push_str(MARKUP[k % MARKUP.len()]);
                    }
                    let at = self.xml.len();
                    match c {
                        '<' => self.xml.push_str("&lt;"),
                        '&' => self.xml.push_str("&amp;"),
                        '>' if self.xml.ends_with("]]") => self.xml.push_str("&gt;"),
                        '\r' => self.xml.push_str("&#13;"),
                        c => self.xml.push(c),
                    }
                    at
                }
            };
            if first.is_none() && !is_xml_space(c) {
                first = Some(at);
            }
            decoded.push(c);
        }
        if in_cdata {
            self.xml.push_str("]]>");
        }
        self.xml.push_str(trail);
        decoded.push_str(trail);
        Written { decoded, first }
    }

    /// A text-only element with a collapsed value (`xs:anyURI`,
    /// `xs:dateTime`…), its attributes written by `attrs` (given the
    /// element's position). An empty value's position is blanked.
    fn leaf_with<R>(
        &mut self,
        qname: &str,
        t: &Text,
        field: Field,
        attrs: impl FnOnce(&mut Self, Position) -> R,
    ) -> (Value<'static>, Option<bool>, R) {
        let (s, valid) = resolve(&t.value, field);
        let at = self.open(qname);
        let pos = self.pos(at);
        let r = attrs(self, pos);
        let empty = s.is_empty() && t.pad & 0x0F == 0;
        if empty && t.pad & 0x10 != 0 {
            self.close_start(true);
            return (blank(), valid, r);
        }
        self.close_start(false);
        let w = self.text(&s, &t.form, t.pad);
        self.close(qname);
        let text = collapse(&w.decoded);
        let v = match w.first {
            Some(at) if !text.is_empty() => Value {
                text: Cow::Owned(text),
                pos: self.pos(at),
            },
            _ => blank(),
        };
        (v, valid, r)
    }

    fn leaf_named(
        &mut self,
        qname: &str,
        t: &Text,
        field: Field,
    ) -> (Value<'static>, Option<bool>) {
        let (v, valid, ()) = self.leaf_with(qname, t, field, |_, _| ());
        (v, valid)
    }

    fn leaf(&mut self, local: &str, t: &Text, field: Field) -> Value<'static> {
        let name = self.std(local);
        self.gap();
        self.leaf_named(&name, t, field).0
    }

    fn opt_leaf(&mut self, local: &str, t: &Option<Text>, field: Field) -> Option<Value<'static>> {
        t.as_ref().map(|t| self.leaf(local, t, field))
    }

    /// An EPC (or class) leaf; records the item.
    fn epc_leaf(
        &mut self,
        ev: &mut Event<'static>,
        local: &str,
        field: EpcField,
        t: &Text,
    ) -> Value<'static> {
        let name = self.std(local);
        self.gap();
        let table = if field.is_class() {
            Field::Class
        } else {
            Field::Epc
        };
        let (v, valid) = self.leaf_named(&name, t, table);
        let r = EpcRef {
            field,
            index: next(ev, field),
            value: v.clone(),
            quantity: None,
            uom: None,
        };
        self.items.push(Item::Epc(ev.start, r));
        self.must_be_valid
            .push(valid.is_some_and(|class| class == field.is_class()));
        v
    }

    fn root(&mut self, input: &DocInput) {
        let l = &input.layout;
        if l.bom {
            self.xml.push('\u{feff}');
        }
        if l.xml_decl {
            self.xml
                .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            self.gap();
        }
        let (root_name, epcis_prefix) = match l.ns {
            NsStyle::Prefixed(p) | NsStyle::QualifiedBody(p) => {
                let p = EPCIS_PREFIXES[usize::from(p) % EPCIS_PREFIXES.len()];
                (format!("{p}:EPCISDocument"), p)
            }
            NsStyle::Default | NsStyle::DefaultReset => ("EPCISDocument".to_owned(), ""),
        };
        let body_prefix = matches!(l.ns, NsStyle::QualifiedBody(_)).then_some(epcis_prefix);
        let at = self.open(&root_name);
        let root_pos = self.pos(at);
        self.xmlns(epcis_prefix, EPCIS_NS);
        self.xmlns("tl", VENDOR_NS[0]);
        self.xmlns("ext", VENDOR_NS[1]);
        if input.root.sbdh.is_some() && input.root.sbdh_ns_on_root {
            self.xmlns("sbdh", SBDH_NS);
        }
        let namespaces = self
            .scope
            .iter()
            .map(|(p, u)| (Cow::Owned(p.clone()), Cow::Owned(u.clone())))
            .collect();
        let attr = |w: &mut Self, name: &str, t: &Option<Text>, field: Field| {
            t.as_ref().map(|t| {
                let (s, _) = resolve(&t.value, field);
                w.attr(name, &s, &t.form);
                Value {
                    text: Cow::Owned(s),
                    pos: root_pos,
                }
            })
        };
        let schema_version = attr(
            self,
            "schemaVersion",
            &input.root.schema_version,
            Field::Version,
        );
        let creation_date = attr(self, "creationDate", &input.root.creation_date, Field::Time);
        self.close_start(false);
        self.body_prefix = body_prefix;
        let sbdh = input
            .root
            .sbdh
            .as_ref()
            .map(|s| self.sbdh(s, input.root.sbdh_ns_on_root));
        self.items.push(Item::Header(Box::new(Header {
            root: Cow::Owned(root_name.clone()),
            root_namespace: Some(Cow::Borrowed(EPCIS_NS)),
            schema_version,
            creation_date,
            namespaces,
            sbdh,
            declared_encoding: l.xml_decl.then_some(Cow::Borrowed("UTF-8")),
            pos: root_pos,
        })));

        self.gap();
        let body = self.std("EPCISBody");
        self.open(&body);
        if let NsStyle::DefaultReset = l.ns {
            self.xmlns("", "");
        }
        self.close_start(false);
        self.gap();
        let list = self.std("EventList");
        self.open(&list);
        self.close_start(false);
        for (i, ev) in input.events.iter().enumerate() {
            self.gap();
            self.event(ev, i as u64, l);
        }
        self.gap();
        self.close(&list);
        self.gap();
        self.close(&body);
        self.gap();
        self.close(&root_name);
        self.gap();
    }

    /// `EPCISHeader` with the SBDH; its expected value.
    fn sbdh(&mut self, s: &SbdhIn, ns_on_root: bool) -> Sbdh<'static> {
        self.gap();
        let header = self.std("EPCISHeader");
        self.open(&header);
        self.close_start(false);
        self.gap();
        let at = self.open("sbdh:StandardBusinessDocumentHeader");
        let pos = self.pos(at);
        if !ns_on_root {
            self.xmlns("sbdh", SBDH_NS);
        }
        self.close_start(false);
        let mut out = Sbdh {
            pos,
            ..Sbdh::default()
        };
        if let Some(t) = &s.version {
            self.gap();
            out.header_version = Some(self.leaf_named("sbdh:HeaderVersion", t, Field::Version).0);
        }
        if let Some((id, authority)) = &s.sender {
            self.gap();
            self.open("sbdh:Sender");
            self.close_start(false);
            self.gap();
            let (identifier, _, authority) =
                self.leaf_with("sbdh:Identifier", id, Field::Party, |w, pos| {
                    authority.as_ref().map(|a| {
                        let (s, _) = resolve(&a.value, Field::Attr);
                        w.attr("Authority", &s, &a.form);
                        Value {
                            text: Cow::Owned(s),
                            pos,
                        }
                    })
                });
            self.gap();
            self.close("sbdh:Sender");
            out.senders.push(Party {
                identifier: Some(identifier),
                authority,
            });
        }
        if let Some(t) = &s.instance {
            self.gap();
            self.open("sbdh:DocumentIdentification");
            self.close_start(false);
            self.gap();
            out.instance_identifier =
                Some(self.leaf_named("sbdh:InstanceIdentifier", t, Field::Id).0);
            self.gap();
            self.close("sbdh:DocumentIdentification");
        }
        self.gap();
        self.close("sbdh:StandardBusinessDocumentHeader");
        self.gap();
        self.close(&header);
        out
    }

    fn event(&mut self, ev: &EventIn, index: u64, l: &Layout) {
        let wraps = match ev.kind {
            EventKind::Transformation if l.wrap_extension_events => 1,
            EventKind::Association if l.wrap_extension_events => 2,
            _ => 0,
        };
        let ext = self.std("extension");
        for _ in 0..wraps {
            self.open(&ext);
            self.close_start(false);
            self.gap();
        }
        let name = self.std(ev.kind.as_str());
        let at = self.open(&name);
        self.close_start(false);
        let start = EventStart {
            kind: ev.kind,
            index,
            pos: self.pos(at),
        };
        self.items.push(Item::Start(start));
        let mut e = Event::new(start);
        e.event_time = self.opt_leaf("eventTime", &ev.event_time, Field::Time);
        e.record_time = self.opt_leaf("recordTime", &ev.record_time, Field::Time);
        e.event_time_zone_offset = self.opt_leaf("eventTimeZoneOffset", &ev.tz, Field::Tz);
        if ev.event_id.is_some() || ev.error.is_some() {
            self.gap();
            let base = self.std("baseExtension");
            self.open(&base);
            self.close_start(false);
            e.event_id = self.opt_leaf("eventID", &ev.event_id, Field::Id);
            if let Some(err) = &ev.error {
                self.gap();
                let decl = self.std("errorDeclaration");
                self.open(&decl);
                self.close_start(false);
                let declaration_time = self.opt_leaf("declarationTime", &err.time, Field::Time);
                let reason = self.opt_leaf("reason", &err.reason, Field::Reason);
                let mut corrective = Vec::new();
                if !err.corrective.is_empty() {
                    self.gap();
                    let ids = self.std("correctiveEventIDs");
                    self.open(&ids);
                    self.close_start(false);
                    for t in &err.corrective {
                        corrective.push(self.leaf("correctiveEventID", t, Field::Id));
                    }
                    self.gap();
                    self.close(&ids);
                }
                if declaration_time.is_some() || reason.is_some() || !corrective.is_empty() {
                    e.error_declaration = Some(ErrorDeclaration {
                        declaration_time,
                        reason,
                        corrective_event_ids: corrective,
                    });
                }
                self.gap();
                self.close(&decl);
            }
            self.gap();
            self.close(&base);
        }
        if let Some(t) = &ev.parent {
            let v = self.epc_leaf(&mut e, "parentID", EpcField::ParentId, t);
            e.lists_present |= 1 << EpcField::ParentId as u32;
            e.parent_id = Some(v);
        }
        for list in &ev.lists {
            let (local, field) = match list.field {
                ListField::Epc => ("epcList", EpcField::EpcList),
                ListField::Child => ("childEPCs", EpcField::ChildEpcs),
                ListField::Input => ("inputEPCList", EpcField::InputEpcList),
                ListField::Output => ("outputEPCList", EpcField::OutputEpcList),
            };
            self.gap();
            let name = self.std(local);
            self.open(&name);
            e.lists_present |= 1 << field as u32;
            if list.epcs.is_empty() && self.seps % 2 == 0 {
                self.close_start(true);
                continue;
            }
            self.close_start(false);
            for t in &list.epcs {
                self.epc_leaf(&mut e, "epc", field, t);
            }
            self.gap();
            self.close(&name);
        }
        let mut qe_class = None;
        if let (EventKind::Quantity, Some((class, quantity))) = (ev.kind, &ev.qe) {
            self.gap();
            let name = self.std("epcClass");
            let (v, valid) = self.leaf_named(&name, class, Field::Class);
            let q = self.opt_leaf("quantity", quantity, Field::Qty);
            e.lists_present |= 1 << EpcField::EpcClass as u32;
            qe_class = Some((v, q, valid.is_some_and(|class| class)));
        }
        // Object, Aggregation and Transaction events keep these in their
        // `extension` in EPCIS 1.2.
        let in_ext = l.event_extension
            && matches!(
                ev.kind,
                EventKind::Object | EventKind::Aggregation | EventKind::Transaction
            );
        if !in_ext {
            self.quantity_lists(&mut e, &ev.quantities);
        }
        e.action = self.opt_leaf("action", &ev.action, Field::Action);
        e.biz_step = self.opt_leaf("bizStep", &ev.biz_step, Field::Step);
        e.disposition = self.opt_leaf("disposition", &ev.disposition, Field::Disp);
        for (local, t, slot) in [
            ("readPoint", &ev.read_point, &mut e.read_point),
            ("bizLocation", &ev.biz_location, &mut e.biz_location),
        ] {
            if let Some(t) = t {
                self.gap();
                let name = self.std(local);
                self.open(&name);
                self.close_start(false);
                *slot = Some(self.leaf("id", t, Field::Loc));
                self.gap();
                self.close(&name);
            }
        }
        if !ev.biz_transactions.is_empty() {
            self.gap();
            let list = self.std("bizTransactionList");
            self.open(&list);
            self.close_start(false);
            for b in &ev.biz_transactions {
                e.biz_transactions.push(self.biz_transaction(b));
            }
            self.gap();
            self.close(&list);
        }
        e.transformation_id = self.opt_leaf("transformationID", &ev.transformation_id, Field::Id);
        let vendor_wrap = l.vendor_in_extension && !ev.extensions.is_empty();
        if in_ext {
            let has = !ev.quantities.is_empty()
                || !ev.sources.is_empty()
                || !ev.destinations.is_empty()
                || !ev.ilmd.is_empty()
                || vendor_wrap;
            if has {
                self.gap();
                self.open(&ext);
                self.close_start(false);
                self.quantity_lists(&mut e, &ev.quantities);
                self.sources(&mut e, ev);
                self.ilmd(&mut e, &ev.ilmd);
                if vendor_wrap {
                    for t in &ev.extensions {
                        self.gap();
                        self.vendor(t, 1, &mut e.extensions);
                    }
                }
                self.gap();
                self.close(&ext);
            }
        } else {
            self.sources(&mut e, ev);
            self.ilmd(&mut e, &ev.ilmd);
            if vendor_wrap {
                self.gap();
                self.open(&ext);
                self.close_start(false);
                for t in &ev.extensions {
                    self.gap();
                    self.vendor(t, 1, &mut e.extensions);
                }
                self.gap();
                self.close(&ext);
            }
        }
        if !vendor_wrap {
            for t in &ev.extensions {
                self.gap();
                self.vendor(t, 1, &mut e.extensions);
            }
        }
        self.gap();
        self.close(&name);
        if let Some((v, q, valid)) = qe_class {
            let r = EpcRef {
                field: EpcField::EpcClass,
                index: next(&mut e, EpcField::EpcClass),
                value: v,
                quantity: q,
                uom: None,
            };
            self.items.push(Item::Epc(start, r));
            self.must_be_valid.push(valid);
        }
        self.items.push(Item::Event(Box::new(e)));
        for _ in 0..wraps {
            self.gap();
            self.close(&ext);
        }
    }

    fn quantity_lists(&mut self, e: &mut Event<'static>, lists: &[QListIn]) {
        for list in lists {
            let (local, field) = match list.field {
                QField::Quantity => ("quantityList", EpcField::QuantityList),
                QField::ChildQuantity => ("childQuantityList", EpcField::ChildQuantityList),
                QField::InputQuantity => ("inputQuantityList", EpcField::InputQuantityList),
                QField::OutputQuantity => ("outputQuantityList", EpcField::OutputQuantityList),
            };
            self.gap();
            let name = self.std(local);
            self.open(&name);
            self.close_start(false);
            e.lists_present |= 1 << field as u32;
            for q in &list.elems {
                self.gap();
                let qe = self.std("quantityElement");
                self.open(&qe);
                self.close_start(false);
                let mut valid = false;
                let class = match &q.class {
                    Some(t) => {
                        self.gap();
                        let name = self.std("epcClass");
                        let (v, class) = self.leaf_named(&name, t, Field::Class);
                        valid = class.is_some_and(|c| c);
                        v
                    }
                    None => blank(),
                };
                let quantity = self.opt_leaf("quantity", &q.quantity, Field::Qty);
                let uom = self.opt_leaf("uom", &q.uom, Field::Uom);
                self.gap();
                self.close(&qe);
                let r = EpcRef {
                    field,
                    index: next(e, field),
                    value: class,
                    quantity,
                    uom,
                };
                self.items.push(Item::Epc(e.start, r));
                self.must_be_valid.push(valid);
            }
            self.gap();
            self.close(&name);
        }
    }

    fn sources(&mut self, e: &mut Event<'static>, ev: &EventIn) {
        for (list_name, item, list) in [
            ("sourceList", "source", &ev.sources),
            ("destinationList", "destination", &ev.destinations),
        ] {
            if list.is_empty() {
                continue;
            }
            self.gap();
            let name = self.std(list_name);
            self.open(&name);
            self.close_start(false);
            for s in list {
                self.gap();
                let qname = self.std(item);
                let (value, _, kind) = self.leaf_with(&qname, &s.value, Field::Party, |w, pos| {
                    s.kind.as_ref().map(|t| {
                        let (v, _) = resolve(&t.value, Field::Sdt);
                        w.attr("type", &v, &t.form);
                        Value {
                            text: Cow::Owned(v),
                            pos,
                        }
                    })
                });
                let sd = SourceDest { kind, value };
                if item == "source" {
                    e.sources.push(sd);
                } else {
                    e.destinations.push(sd);
                }
            }
            self.gap();
            self.close(&name);
        }
    }

    fn biz_transaction(&mut self, b: &BizTxIn) -> BizTransaction<'static> {
        self.gap();
        let qname = self.std("bizTransaction");
        let (value, _, (kind, attributes)) =
            self.leaf_with(&qname, &b.value, Field::Btx, |w, pos| {
                let kind = b.kind.as_ref().map(|t| {
                    let (v, _) = resolve(&t.value, Field::Btt);
                    w.attr("type", &v, &t.form);
                    Value {
                        text: Cow::Owned(v),
                        pos,
                    }
                });
                let mut attributes: Vec<(Cow<'static, str>, Value<'static>)> = Vec::new();
                for (n, t) in b.attrs.iter().take(8) {
                    let n = name_of(n);
                    if n == "type" || attributes.iter().any(|(k, _)| *k == n) {
                        continue;
                    }
                    let (v, _) = resolve(&t.value, Field::Attr);
                    w.attr(&n, &v, &t.form);
                    attributes.push((
                        Cow::Owned(n),
                        Value {
                            text: Cow::Owned(v),
                            pos,
                        },
                    ));
                }
                (kind, attributes)
            });
        BizTransaction {
            kind,
            attributes,
            value,
        }
    }

    fn ilmd(&mut self, e: &mut Event<'static>, nodes: &[ExtTree]) {
        if nodes.is_empty() {
            return;
        }
        self.gap();
        let name = self.std("ilmd");
        self.open(&name);
        self.close_start(false);
        for t in nodes {
            self.gap();
            self.vendor(t, 1, &mut e.ilmd);
        }
        self.gap();
        self.close(&name);
    }

    /// A vendor extension element (and its subtree) at `depth`.
    fn vendor(&mut self, t: &ExtTree, depth: u16, out: &mut Vec<ExtNode<'static>>) {
        let local = name_of(&t.name);
        // The top element must be in a vendor namespace: an unprefixed
        // one would be read as an EPCIS element of the event.
        let ns = match t.ns {
            NsChoice::Inherit if depth == 1 => NsChoice::Root(0),
            ns => ns,
        };
        let qname = match ns {
            NsChoice::Root(p) => format!("{}:{local}", PREFIXES[usize::from(p) % 2]),
            NsChoice::Own(p, _) => {
                format!("{}:{local}", PREFIXES[usize::from(p) % PREFIXES.len()])
            }
            NsChoice::OwnDefault(_) | NsChoice::Inherit => local.clone(),
        };
        let at = self.open(&qname);
        let pos = self.pos(at);
        match ns {
            NsChoice::Own(p, u) => {
                let p = PREFIXES[usize::from(p) % PREFIXES.len()];
                self.xmlns(p, VENDOR_NS[usize::from(u) % VENDOR_NS.len()]);
            }
            NsChoice::OwnDefault(u) => {
                self.xmlns("", VENDOR_NS[usize::from(u) % VENDOR_NS.len()]);
            }
            _ => {}
        }
        let prefix = qname.split_once(':').map_or("", |(p, _)| p);
        let namespace = self.resolve_prefix(prefix).map(Cow::Owned);
        let mut attributes: Vec<(Cow<'static, str>, Value<'static>)> = Vec::new();
        for (n, v) in t.attrs.iter().take(8) {
            let n = name_of(n);
            if attributes.iter().any(|(k, _)| *k == n) {
                continue;
            }
            let (s, _) = resolve(&v.value, Field::Attr);
            self.attr(&n, &s, &v.form);
            attributes.push((
                Cow::Owned(n),
                Value {
                    text: Cow::Owned(s),
                    pos,
                },
            ));
        }
        let index = out.len();
        out.push(ExtNode {
            depth,
            namespace,
            name: Cow::Owned(qname.clone()),
            attributes,
            text: None,
            pos,
        });
        match &t.content {
            Content::Empty => self.close_start(true),
            Content::Text(text) => {
                let (s, _) = resolve(&text.value, Field::Attr);
                self.close_start(false);
                let w = self.text(&s, &text.form, text.pad);
                self.close(&qname);
                if let Some(first) = w.first {
                    let pos = self.pos(first);
                    if let Some(n) = out.get_mut(index) {
                        n.text = Some(Value {
                            text: Cow::Owned(w.decoded),
                            pos,
                        });
                    }
                }
            }
            Content::Children(children) => {
                self.close_start(false);
                // Deeper trees add nothing but input length.
                if depth < 12 {
                    for c in children {
                        self.gap();
                        self.vendor(c, depth + 1, out);
                    }
                }
                self.gap();
                self.close(&qname);
            }
        }
    }
}

/// The next index of `field` in `ev` (counted).
fn next(ev: &mut Event<'_>, field: EpcField) -> u32 {
    let c = &mut ev.counts[field as usize];
    let i = *c as u32;
    *c += 1;
    i
}

/// An empty element value: its position is not compared.
fn blank() -> Value<'static> {
    Value {
        text: Cow::Borrowed(""),
        pos: Position::default(),
    }
}

fn blank_value(v: &mut Value<'_>) {
    if v.text.is_empty() {
        v.pos = Position::default();
    }
}

fn blank_opt(v: &mut Option<Value<'_>>) {
    if let Some(v) = v {
        blank_value(v);
    }
}

/// Blanks the positions of empty element values (not attributes).
fn blank_event(e: &mut Event<'_>) {
    for v in [
        &mut e.event_time,
        &mut e.record_time,
        &mut e.event_time_zone_offset,
        &mut e.event_id,
        &mut e.action,
        &mut e.biz_step,
        &mut e.disposition,
        &mut e.read_point,
        &mut e.biz_location,
        &mut e.transformation_id,
        &mut e.parent_id,
    ] {
        blank_opt(v);
    }
    if let Some(d) = &mut e.error_declaration {
        blank_opt(&mut d.declaration_time);
        blank_opt(&mut d.reason);
        d.corrective_event_ids.iter_mut().for_each(blank_value);
    }
    for b in &mut e.biz_transactions {
        blank_value(&mut b.value);
    }
    for s in e.sources.iter_mut().chain(&mut e.destinations) {
        blank_value(&mut s.value);
    }
}

fn blank_header(h: &mut Header<'_>) {
    if let Some(s) = &mut h.sbdh {
        blank_opt(&mut s.header_version);
        blank_opt(&mut s.instance_identifier);
        for p in s.senders.iter_mut().chain(&mut s.receivers) {
            blank_opt(&mut p.identifier);
        }
    }
}

/// Writes the document; returns the XML and the expected items.
fn write(input: &DocInput) -> Writer {
    let l = &input.layout;
    let mut w = Writer {
        xml: String::new(),
        gaps: l.gaps,
        gap_i: 0,
        nl: if l.crlf { "\r\n" } else { "\n" },
        quote: if l.single_quotes { '\'' } else { '"' },
        scope: Vec::new(),
        marks: Vec::new(),
        body_prefix: None,
        lines: (0, 1, 0),
        seps: 0,
        items: Vec::new(),
        must_be_valid: Vec::new(),
    };
    w.root(input);
    w
}

/// The scanner's side: a [`Trace`] of what it reports (findings dropped,
/// empty values' positions blanked), and whether each EPC was valid.
struct Recorder {
    trace: Trace,
    valid: Vec<bool>,
    /// Positions without a line although lines are tracked.
    lineless: Vec<String>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            trace: Trace::new(StopAt::Never),
            valid: Vec::new(),
            lineless: Vec::new(),
        }
    }
}

impl Sink for Recorder {
    fn header(&mut self, h: &Header<'_>) -> Flow {
        let mut h = h.clone();
        blank_header(&mut h);
        self.trace.header(&h)
    }
    fn vocabulary(&mut self, v: &VocabularyElement<'_>) -> Flow {
        self.trace.vocabulary(v)
    }
    fn event_start(&mut self, e: &EventStart) -> Flow {
        self.trace.event_start(e)
    }
    fn epc(&mut self, e: &EventStart, r: &EpcRef<'_>) -> Flow {
        for v in [Some(&r.value), r.quantity.as_ref(), r.uom.as_ref()]
            .into_iter()
            .flatten()
        {
            if v.pos.line == 0 {
                self.lineless
                    .push(format!("event {} {} {}: {v:?}", e.index, r.field, r.index));
            }
        }
        let mut r = r.clone();
        blank_value(&mut r.value);
        blank_opt(&mut r.quantity);
        blank_opt(&mut r.uom);
        self.trace.epc(e, &r)
    }
    fn event(&mut self, e: &Event<'_>) -> Flow {
        let mut e = e.clone();
        blank_event(&mut e);
        self.trace.event(&e)
    }
    fn finding(&mut self, _: &Finding) -> Flow {
        Flow::Continue
    }
}

impl CheckedSink for Recorder {
    fn checked_epc(&mut self, e: &EventStart, r: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        self.valid.push(check.is_valid());
        self.epc(e, r)
    }
}

/// Scans `xml` with `scan` into a validating [`Recorder`].
fn record(
    scan: impl FnOnce(
        &mut Validator<Recorder>,
    ) -> Result<crate::epcis::ScanSummary, crate::epcis::ScanError>,
) -> (
    Recorder,
    Result<crate::epcis::ScanSummary, crate::epcis::ScanError>,
) {
    let mut v = Validator::checked(Recorder::new());
    let r = scan(&mut v);
    (v.into_inner(), r)
}

/// Fuzz target `scan_structured`: writes the document `input` describes,
/// scans it (whole, and through a reader with a small buffer) and checks
/// that it reads back as written (see the module docs).
pub fn scan_structured(input: &DocInput) {
    let w = write(input);
    let xml = &w.xml;
    let mut expected = Trace::new(StopAt::Never);
    let mut epcs = 0u64;
    for item in &w.items {
        match item {
            Item::Header(h) => {
                let mut h = h.clone();
                blank_header(&mut h);
                expected.header(&h);
            }
            Item::Start(s) => {
                expected.event_start(s);
            }
            Item::Epc(s, r) => {
                epcs += 1;
                expected.epc(s, r);
            }
            Item::Event(e) => {
                let mut e = (**e).clone();
                blank_event(&mut e);
                expected.event(&e);
            }
        }
    }
    let options = ScanOptions {
        threads: 1,
        ..ScanOptions::default()
    };
    let (rec, r) = record(|v| scan_slice(xml.as_bytes(), &options, v));
    let summary = r.unwrap_or_else(|e| panic!("the written document does not scan: {e}\n{xml}"));
    assert_same_trace(
        &format!("model / scan_slice of\n{xml}\n"),
        &expected.text,
        &rec.trace.text,
    );
    assert_eq!(
        (summary.events, summary.epcs, summary.stopped),
        (input.events.len() as u64, epcs, false),
        "summary of\n{xml}"
    );
    assert!(
        rec.lineless.is_empty(),
        "positions without a line: {:?}\n{xml}",
        rec.lineless
    );
    assert_eq!(rec.valid.len(), w.must_be_valid.len(), "EPCs checked");
    for (i, (&must, &was)) in w.must_be_valid.iter().zip(&rec.valid).enumerate() {
        assert!(
            was || !must,
            "EPC {i} was written as a valid URI for its field, but judged invalid\n{}\n{xml}",
            rec.trace.text
        );
    }

    let read_options = ScanOptions {
        chunk_size: 64 + 8 * usize::from(input.layout.read_chunk),
        ..options
    };
    let (rec2, r2) = record(|v| scan_read(xml.as_bytes(), &read_options, v));
    let what = format!(
        "scan_slice / scan_read (chunk_size {})",
        read_options.chunk_size
    );
    assert_same_trace(&what, &rec.trace.text, &rec2.trace.text);
    assert_same_result(&what, &Ok(summary), &r2);
    assert_eq!(rec.valid, rec2.valid, "{what}: validity");
}

/// [`scan_structured`] on raw fuzzer bytes, read the way `libfuzzer-sys`
/// reads them for a typed target: how `tests/fuzz_regressions.rs` replays
/// a crash file. False when the bytes do not make a [`DocInput`].
pub fn scan_structured_bytes(data: &[u8]) -> bool {
    use arbitrary::Arbitrary;
    match DocInput::arbitrary_take_rest(arbitrary::Unstructured::new(data)) {
        Ok(input) => {
            scan_structured(&input);
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arbitrary::Arbitrary;

    /// Pseudo-random bytes (xorshift), as a fuzzer's first inputs.
    fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    /// Writes the seeds of `fuzz/seeds/scan_structured/` into the directory
    /// `SCAN_STRUCTURED_SEEDS` names: pseudo-random bytes (deterministic)
    /// that `arbitrary` reads as documents with several events and EPCs,
    /// four per event type.
    #[test]
    #[ignore]
    fn write_scan_structured_seeds() {
        let dir = std::env::var("SCAN_STRUCTURED_SEEDS").expect("SCAN_STRUCTURED_SEEDS=<dir>");
        std::fs::create_dir_all(&dir).expect("seed directory");
        let mut written = 0;
        for (k, kind) in EventKind::ALL.iter().enumerate() {
            let mut found = 0;
            for n in 0..100_000u64 {
                let data = bytes(n ^ (k as u64) << 40, 2048 + (n as usize * 131) % 2048);
                let Ok(input) = DocInput::arbitrary_take_rest(arbitrary::Unstructured::new(&data))
                else {
                    continue;
                };
                let w = write(&input);
                if input.events.len() < 3
                    || w.must_be_valid.len() < 6
                    || !input.events.iter().any(|e| e.kind == *kind)
                {
                    continue;
                }
                scan_structured(&input);
                let name = format!("{dir}/{}-{found}", kind.as_str());
                std::fs::write(&name, &data).expect("seed written");
                found += 1;
                written += 1;
                if found == 4 {
                    break;
                }
            }
        }
        assert_eq!(written, 4 * EventKind::ALL.len());
    }

    #[test]
    fn random_documents_read_back() {
        let mut events = 0;
        for n in 0..400u64 {
            let data = bytes(
                n.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                64 + (n as usize * 97) % 6000,
            );
            let input = DocInput::arbitrary_take_rest(arbitrary::Unstructured::new(&data))
                .expect("any bytes make a document");
            events += input.events.len();
            scan_structured(&input);
        }
        assert!(events > 200, "{events}");
    }
}
