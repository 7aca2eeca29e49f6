//! From the XML tree to a [`Request`] or [`ReadResponse`].

use super::xml::{self, Tree, XmlWarning};
use super::{
    CallException, Document, Element, ItemAttribute, Located, Message, Operation, ReadResponse,
    ReportingParty, Request, SOAP_ENV_NS, SOAP12_ENV_NS, Serial, SerialList, SoapError,
    SoapErrorKind, TL_SOAP_NS, Transaction, Transactions,
};
use crate::epcis::Severity;
use crate::som::{Class, Violation};
use std::borrow::Cow;

/// Reads a SOAP 1.1 message: a Decommission or Destroy request, or a
/// response of the receiver. Malformed XML, a DOCTYPE with entities, no
/// envelope or Body, or a Body without one of these messages are errors
/// with their position and what was expected. Never panics; memory is
/// linear in the input's size.
pub fn read(input: &[u8]) -> Result<Document, SoapError> {
    let (tree, xml_warnings) = xml::parse(input)?;
    let fail = |kind, at: usize, message: String, expected: Option<&str>| SoapError {
        kind,
        message,
        expected: expected.map(str::to_owned),
        pos: tree.pos(at),
    };
    let root = &tree.nodes[0];
    if !tree.is(0, Some(SOAP_ENV_NS), "Envelope") {
        let message = if tree.ns(0) == Some(SOAP12_ENV_NS) {
            "a SOAP 1.2 envelope: the receiver's API is SOAP 1.1".to_owned()
        } else {
            format!(
                "root element <{}> (namespace {}) is no SOAP 1.1 envelope",
                root.qname,
                tree.ns(0).unwrap_or("none")
            )
        };
        return Err(fail(
            SoapErrorKind::NotSoap,
            root.at,
            message,
            Some("soapenv:Envelope in http://schemas.xmlsoap.org/soap/envelope/"),
        ));
    }
    let mut r = Reader {
        tree: &tree,
        warnings: Vec::new(),
    };
    for w in &xml_warnings {
        r.push_xml_warning(w);
    }
    let bodies: Vec<usize> = root
        .children
        .iter()
        .copied()
        .filter(|&c| tree.is(c, Some(SOAP_ENV_NS), "Body"))
        .collect();
    let body = match bodies.as_slice() {
        [b] => *b,
        [] => {
            return Err(fail(
                SoapErrorKind::NotSoap,
                root.at,
                "the envelope has no Body".into(),
                Some("soapenv:Body"),
            ));
        }
        [_, second, ..] => {
            return Err(fail(
                SoapErrorKind::NotSoap,
                tree.nodes[*second].at,
                "a second Body in the envelope".into(),
                Some("one soapenv:Body"),
            ));
        }
    };
    for &c in &root.children {
        if c != body && !tree.is(c, Some(SOAP_ENV_NS), "Header") {
            r.unknown_warning(c, "not part of a SOAP envelope the receiver reads; ignored");
        }
    }
    let body_node = &tree.nodes[body];
    let content = match body_node.children.as_slice() {
        [c] => *c,
        [] => {
            return Err(fail(
                SoapErrorKind::NotRequest,
                body_node.at,
                "the Body is empty".into(),
                Some("urn:Decommission or urn:Destroy"),
            ));
        }
        [_, second, ..] => {
            return Err(fail(
                SoapErrorKind::NotRequest,
                tree.nodes[*second].at,
                "a second element in the Body: one request per message".into(),
                Some("</soapenv:Body>"),
            ));
        }
    };
    let node = &tree.nodes[content];
    let in_tl = tree.ns(content) == Some(TL_SOAP_NS);
    let message = match Operation::from_name(node.local()) {
        Some(op) if in_tl => Message::Request(Box::new(r.request(op, content))),
        _ if in_tl && node.local().len() > 8 && node.local().ends_with("Response") => {
            Message::Response(r.response(content))
        }
        _ => {
            let what = if tree.is(content, Some(SOAP_ENV_NS), "Fault") {
                "a SOAP Fault".to_owned()
            } else {
                format!(
                    "<{}> (namespace {})",
                    node.qname,
                    tree.ns(content).unwrap_or("none")
                )
            };
            return Err(fail(
                SoapErrorKind::NotRequest,
                node.at,
                format!("the Body holds {what}, not a Decommission or Destroy request"),
                Some("urn:Decommission or urn:Destroy in urn:tracelink:soap"),
            ));
        }
    };
    Ok(Document {
        message,
        warnings: r.warnings,
    })
}

struct Reader<'t> {
    tree: &'t Tree,
    warnings: Vec<Violation<'static>>,
}

/// Where a request field goes.
enum Slot {
    Disaggregate,
    ReasonCode,
    EventDateTime,
    ReasonDescription,
    DestructionMethod,
    LongRunning,
    MarketCountryCode,
    LocationType,
    Location,
}

impl Reader<'_> {
    fn element(&self, node: usize) -> Element {
        let n = &self.tree.nodes[node];
        Element {
            name: n.qname.clone(),
            pos: self.tree.pos(n.at),
            path: self.tree.path(node),
        }
    }

    fn text(&self, node: usize) -> Located {
        let n = &self.tree.nodes[node];
        Located {
            value: n.text.clone(),
            pos: self.tree.pos(n.text_at.unwrap_or(n.at)),
            path: self.tree.path(node),
            has_elements: !n.children.is_empty(),
        }
    }

    fn push_xml_warning(&mut self, w: &XmlWarning) {
        self.warnings.push(Violation {
            class: Class::Gs1,
            rule: w.rule,
            severity: Severity::Warning,
            message: Cow::Owned(w.message.clone()),
            detail: None,
            code: None,
            pos: self.tree.pos(w.at),
            path: Cow::Owned(self.tree.path(w.node)),
        });
    }

    fn unknown_warning(&mut self, node: usize, why: &str) {
        let n = &self.tree.nodes[node];
        let ns = self
            .tree
            .ns(node)
            .map_or(String::new(), |ns| format!(" (namespace {ns})"));
        self.warnings.push(Violation {
            class: Class::One,
            rule: "soap.unknown_element",
            severity: Severity::Warning,
            message: Cow::Owned(format!("element <{}>{ns} {why}", n.qname)),
            detail: None,
            code: None,
            pos: self.tree.pos(n.at),
            path: Cow::Owned(self.tree.path(node)),
        });
    }

    /// The attribute `name` (unprefixed) of `node`.
    fn attr(&self, node: usize, name: &str) -> Option<Located> {
        let n = &self.tree.nodes[node];
        let a = n.attrs.iter().find(|a| !a.prefixed && a.qname == name)?;
        Some(Located {
            value: a.value.clone(),
            pos: self.tree.pos(a.at),
            path: format!("{}/@{name}", self.tree.path(node)),
            has_elements: false,
        })
    }

    /// The attributes of `node` other than `known`: unknown.
    fn other_attrs(&self, node: usize, known: &[&str], unknown: &mut Vec<Element>) {
        let n = &self.tree.nodes[node];
        for a in &n.attrs {
            if a.prefixed || !known.contains(&a.qname.as_str()) {
                unknown.push(Element {
                    name: format!("@{}", a.qname),
                    pos: self.tree.pos(a.at),
                    path: format!("{}/@{}", self.tree.path(node), a.qname),
                });
            }
        }
    }

    /// Sets a 0..1 field: a second one is recorded as repeated.
    fn once<T>(&self, slot: &mut Option<T>, node: usize, value: T, repeated: &mut Vec<Element>) {
        if slot.is_some() {
            repeated.push(self.element(node));
        } else {
            *slot = Some(value);
        }
    }

    /// The request's child elements: unqualified; a qualified one is
    /// unknown to the receiver.
    fn is_field(&self, node: usize) -> bool {
        self.tree.ns(node).is_none()
    }

    fn request(&mut self, op: Operation, node: usize) -> Request {
        let tree = self.tree;
        let mut req = Request {
            operation: op,
            element: self.element(node),
            request: None,
            disaggregate_from_parent: None,
            serials: None,
            item_attributes: Vec::new(),
            reason_code: None,
            event_date_time: None,
            transactions: None,
            reason_description: None,
            destruction_method: None,
            long_running_rest_support: None,
            reporting_party: None,
            market_country_code: None,
            location_type: None,
            location: None,
            repeated: Vec::new(),
            unknown: Vec::new(),
        };
        let mut body = None;
        for &c in &tree.nodes[node].children {
            if self.is_field(c) && tree.nodes[c].local() == op.request_name() {
                let el = self.element(c);
                self.once(&mut req.request, c, el, &mut req.repeated);
                body.get_or_insert(c);
            } else {
                req.unknown.push(self.element(c));
            }
        }
        let Some(body) = body else {
            return req;
        };
        self.other_attrs(body, &[], &mut req.unknown);
        for &c in &tree.nodes[body].children {
            let local = tree.nodes[c].local();
            if !self.is_field(c) {
                req.unknown.push(self.element(c));
                continue;
            }
            let slot = match local {
                "DisaggregateFromParent" => Some(Slot::Disaggregate),
                "ReasonCode" => Some(Slot::ReasonCode),
                "EventDateTime" => Some(Slot::EventDateTime),
                "ReasonDescription" => Some(Slot::ReasonDescription),
                "DestructionMethod" => Some(Slot::DestructionMethod),
                "LongRunningRestSupport" => Some(Slot::LongRunning),
                "MarketCountryCode" => Some(Slot::MarketCountryCode),
                "LocationType" => Some(Slot::LocationType),
                "Location" => Some(Slot::Location),
                _ => None,
            };
            if let Some(slot) = slot {
                let v = self.text(c);
                let field = match slot {
                    Slot::Disaggregate => &mut req.disaggregate_from_parent,
                    Slot::ReasonCode => &mut req.reason_code,
                    Slot::EventDateTime => &mut req.event_date_time,
                    Slot::ReasonDescription => &mut req.reason_description,
                    Slot::DestructionMethod => &mut req.destruction_method,
                    Slot::LongRunning => &mut req.long_running_rest_support,
                    Slot::MarketCountryCode => &mut req.market_country_code,
                    Slot::LocationType => &mut req.location_type,
                    Slot::Location => &mut req.location,
                };
                self.once(field, c, v, &mut req.repeated);
                continue;
            }
            if let Some(a) = ItemAttribute::from_name(local) {
                if req.item_attributes.iter().any(|(b, _)| *b == a) {
                    req.repeated.push(self.element(c));
                } else {
                    req.item_attributes.push((a, self.text(c)));
                }
                continue;
            }
            if local == op.list_name() {
                let list = self.serial_list(op, c, &mut req.unknown);
                self.once(&mut req.serials, c, list, &mut req.repeated);
            } else if local == "Transactions" {
                let t = self.transactions(c, &mut req.unknown, &mut req.repeated);
                self.once(&mut req.transactions, c, t, &mut req.repeated);
            } else if local == "ReportingPartyIdentifier" {
                let p = ReportingParty {
                    element: self.element(c),
                    identifier_type: self.attr(c, "identifiertype"),
                    identifier_value: self.attr(c, "identifiervalue"),
                };
                self.other_attrs(c, &["identifiertype", "identifiervalue"], &mut req.unknown);
                for &g in &tree.nodes[c].children {
                    req.unknown.push(self.element(g));
                }
                self.once(&mut req.reporting_party, c, p, &mut req.repeated);
            } else {
                req.unknown.push(self.element(c));
            }
        }
        req
    }

    fn serial_list(&self, op: Operation, node: usize, unknown: &mut Vec<Element>) -> SerialList {
        let mut serials = Vec::new();
        self.other_attrs(node, &[], unknown);
        for &c in &self.tree.nodes[node].children {
            if !self.is_field(c) || self.tree.nodes[c].local() != op.serial_name() {
                unknown.push(self.element(c));
                continue;
            }
            self.other_attrs(c, &["sn", "namespace"], unknown);
            for &g in &self.tree.nodes[c].children {
                unknown.push(self.element(g));
            }
            serials.push(Serial {
                element: self.element(c),
                sn: self.attr(c, "sn"),
                namespace: self.attr(c, "namespace"),
            });
        }
        SerialList {
            element: self.element(node),
            serials,
        }
    }

    fn transactions(
        &self,
        node: usize,
        unknown: &mut Vec<Element>,
        repeated: &mut Vec<Element>,
    ) -> Transactions {
        let tree = self.tree;
        let mut items = Vec::new();
        self.other_attrs(node, &[], unknown);
        for &c in &tree.nodes[node].children {
            if !self.is_field(c) || tree.nodes[c].local() != "Transaction" {
                unknown.push(self.element(c));
                continue;
            }
            self.other_attrs(c, &[], unknown);
            let mut t = Transaction {
                element: self.element(c),
                item_id: None,
                item_type: None,
                date: None,
            };
            for &g in &tree.nodes[c].children {
                let field = match tree.nodes[g].local() {
                    "ItemID" if self.is_field(g) => &mut t.item_id,
                    "ItemType" if self.is_field(g) => &mut t.item_type,
                    "Date" if self.is_field(g) => &mut t.date,
                    _ => {
                        unknown.push(self.element(g));
                        continue;
                    }
                };
                let v = self.text(g);
                self.once(field, g, v, repeated);
            }
            items.push(t);
        }
        Transactions {
            element: self.element(node),
            items,
        }
    }

    fn response(&mut self, node: usize) -> ReadResponse {
        let tree = self.tree;
        let local = tree.nodes[node].local();
        let operation = [Operation::Decommission, Operation::Destroy]
            .into_iter()
            .find(|op| op.response_name() == local);
        let mut resp = ReadResponse {
            element: self.element(node),
            operation,
            success: None,
            exceptions: Vec::new(),
        };
        for &tl in &tree.nodes[node].children {
            if tree.nodes[tl].local() != "TLResponse" {
                self.unknown_warning(tl, "is not part of a response; ignored");
                continue;
            }
            for &c in &tree.nodes[tl].children {
                match tree.nodes[c].local() {
                    "Success" if resp.success.is_none() => resp.success = Some(self.text(c)),
                    "ExceptionReturn" => {
                        for &e in &tree.nodes[c].children {
                            if tree.nodes[e].local() != "CallException" {
                                self.unknown_warning(e, "is not part of a response; ignored");
                                continue;
                            }
                            let mut ce = CallException {
                                element: self.element(e),
                                code: None,
                                message: None,
                            };
                            for &f in &tree.nodes[e].children {
                                match tree.nodes[f].local() {
                                    "ExceptionCode" if ce.code.is_none() => {
                                        ce.code = Some(self.text(f));
                                    }
                                    "ExceptionMessage" if ce.message.is_none() => {
                                        ce.message = Some(self.text(f));
                                    }
                                    _ => self
                                        .unknown_warning(f, "is not part of a response; ignored"),
                                }
                            }
                            resp.exceptions.push(ce);
                        }
                    }
                    _ => self.unknown_warning(c, "is not part of a response; ignored"),
                }
            }
        }
        resp
    }
}
