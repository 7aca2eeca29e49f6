//! A small, strict XML reader for SOAP messages: the whole message as a
//! tree of elements (an arena, no recursion), namespaces resolved, every
//! element, attribute value and text with its byte offset.
//!
//! Requests are small, so the tree owns its strings; its size is linear in
//! the input's (every node, attribute and text comes from bytes of the
//! input, nesting is limited to [`MAX_DEPTH`]). Tokens come from quick-xml's
//! `Reader` over the UTF-8-validated text; start tags (names, attributes,
//! namespace declarations, entity and character references) are read here
//! so that every value keeps its exact offset.
//!
//! Two defects real senders have are read as what they unambiguously mean
//! and reported as warnings ([`XmlWarning`]): a leaf element re-opened with
//! its own name right after its text (`<LocationType>SGLN<LocationType>`,
//! the seed's Destroy request) is its end tag; a `*Response` element of the
//! receiver's namespace closed with another `*Response` name (the seed's
//! Decommission response, closed with `</ns2:AggregateResponse>`). Anything
//! else not well-formed is an error with what was expected.

use super::{SoapError, SoapErrorKind, TL_SOAP_NS};
use crate::epcis::Position;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::{HashMap, HashSet};

/// Elements nested deeper than this are an error (SOAP requests nest 6
/// deep).
pub(crate) const MAX_DEPTH: usize = 256;

/// The `xml` prefix's namespace (always bound).
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An element of the tree.
#[derive(Debug)]
pub(crate) struct Node {
    /// The name as written (`soapenv:Body`).
    pub qname: String,
    /// Index of the namespace in [`Tree::namespaces`]; `None`: no
    /// namespace.
    pub ns: Option<usize>,
    /// Attributes other than namespace declarations.
    pub attrs: Vec<Attr>,
    /// The text content (entities decoded, CDATA included, line ends
    /// normalised), all text nodes of the element concatenated.
    pub text: String,
    /// Offset of the first text (or CDATA, reference); `None`: no text.
    pub text_at: Option<usize>,
    /// Child elements, in order.
    pub children: Vec<usize>,
    /// The parent element.
    pub parent: Option<usize>,
    /// Offset of the start tag's `<`.
    pub at: usize,
}

impl Node {
    /// The name without its prefix.
    pub fn local(&self) -> &str {
        self.qname.rsplit(':').next().unwrap_or_default()
    }
}

/// An attribute.
#[derive(Debug)]
pub(crate) struct Attr {
    /// The name as written.
    pub qname: String,
    /// Whether the name has a prefix (then it is in that prefix's
    /// namespace; unprefixed attributes are in none).
    pub prefixed: bool,
    /// The value, references decoded, white space normalised.
    pub value: String,
    /// Offset of the value's first byte (after the quote).
    pub at: usize,
}

/// A tolerated defect, read as what it means.
#[derive(Debug)]
pub(crate) struct XmlWarning {
    /// Rule id.
    pub rule: &'static str,
    /// What was found and how it was read.
    pub message: String,
    /// Offset of the defect.
    pub at: usize,
    /// The element concerned.
    pub node: usize,
}

/// The document.
#[derive(Debug)]
pub(crate) struct Tree {
    /// Every element; the root is 0.
    pub nodes: Vec<Node>,
    /// Namespace names, interned.
    pub namespaces: Vec<String>,
    /// Offsets of the line starts, for line:column.
    lines: Vec<usize>,
}

impl Tree {
    /// Position of a byte offset.
    pub fn pos(&self, at: usize) -> Position {
        position(&self.lines, at)
    }

    /// The namespace name of a node.
    pub fn ns(&self, node: usize) -> Option<&str> {
        self.nodes
            .get(node)?
            .ns
            .and_then(|i| self.namespaces.get(i))
            .map(String::as_str)
    }

    /// Whether `node` is `local` in namespace `ns` (`None`: no namespace).
    pub fn is(&self, node: usize, ns: Option<&str>, local: &str) -> bool {
        self.nodes.get(node).is_some_and(|n| n.local() == local) && self.ns(node) == ns
    }

    /// The element path of a node: local names from the root, with `[n]`
    /// (1-based) where the parent has more than one child of that name.
    pub fn path(&self, node: usize) -> String {
        let mut parts = Vec::new();
        let mut cur = Some(node);
        while let Some(i) = cur {
            let Some(n) = self.nodes.get(i) else { break };
            let local = n.local();
            let mut part = local.to_owned();
            if let Some(p) = n.parent.and_then(|p| self.nodes.get(p)) {
                let same: Vec<usize> = p
                    .children
                    .iter()
                    .copied()
                    .filter(|&c| self.nodes.get(c).is_some_and(|c| c.local() == local))
                    .collect();
                if same.len() > 1 {
                    let k = same.iter().position(|&c| c == i).unwrap_or(0) + 1;
                    part = format!("{local}[{k}]");
                }
            }
            parts.push(part);
            cur = n.parent;
        }
        parts.reverse();
        parts.join("/")
    }
}

fn line_starts(b: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1))
        .collect()
}

fn position(lines: &[usize], at: usize) -> Position {
    let line = lines.partition_point(|&s| s <= at).max(1);
    let start = lines.get(line - 1).copied().unwrap_or(0);
    Position {
        offset: at as u64,
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(at - start + 1).unwrap_or(u32::MAX),
    }
}

/// An error at byte `at` of `input`.
pub(crate) fn error_at(
    input: &[u8],
    kind: SoapErrorKind,
    at: usize,
    message: String,
    expected: Option<String>,
) -> SoapError {
    let lines = line_starts(input);
    SoapError {
        kind,
        message,
        expected,
        pos: position(&lines, at),
    }
}

fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The character of a reference's name (`amp`, `#x41`, `#65`); `None`: no
/// such entity or no XML character.
fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                None if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok()?,
                _ => return None,
            };
            char::from_u32(code).filter(|&c| is_xml_char(c))
        }
    }
}

/// Whether `name` is a plausible XML (namespace) name: no characters XML
/// names never have, at most one `:` not at either end.
fn is_name(name: &str) -> bool {
    let b = name.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if first.is_ascii_digit() || matches!(first, b'-' | b'.' | b':') {
        return false;
    }
    if b.iter().any(|&c| {
        is_xml_space(c)
            || matches!(
                c,
                b'"' | b'\'' | b'<' | b'>' | b'=' | b'&' | b'/' | b'?' | b'!'
            )
    }) {
        return false;
    }
    let colons = b.iter().filter(|&&c| c == b':').count();
    colons == 0 || (colons == 1 && !name.ends_with(':'))
}

type Fail = (String, usize, Option<String>);

/// A start tag's name and attributes (namespace declarations included),
/// from the text between `<` and `>` (or `/>`), which starts at `at`.
fn parse_tag(tag: &str, at: usize) -> Result<(&str, Vec<Attr>), Fail> {
    let b = tag.as_bytes();
    let name_end = b.iter().position(|&c| is_xml_space(c)).unwrap_or(b.len());
    let name = &tag[..name_end];
    if !is_name(name) {
        return Err((
            format!("invalid element name `{name}`"),
            at,
            Some("a name".into()),
        ));
    }
    let mut attrs: Vec<Attr> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut i = name_end;
    loop {
        let ws = i;
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        if i == ws {
            return Err((
                "attributes must be separated by white space".into(),
                at + i,
                Some("white space".into()),
            ));
        }
        let n0 = i;
        while i < b.len() && !is_xml_space(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let aname = &tag[n0..i];
        if !is_name(aname) {
            return Err((
                format!("invalid attribute name `{aname}`"),
                at + n0,
                Some("name=\"value\"".into()),
            ));
        }
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return Err((
                format!("attribute `{aname}` without a value"),
                at + i,
                Some("=".into()),
            ));
        }
        i += 1;
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return Err((
                    format!("value of attribute `{aname}` not quoted"),
                    at + i,
                    Some("\" or '".into()),
                ));
            }
        };
        i += 1;
        let v0 = i;
        let Some(len) = memchr::memchr(quote, &b[v0..]) else {
            return Err((
                format!("value of attribute `{aname}` not closed"),
                at + v0,
                Some((quote as char).to_string()),
            ));
        };
        i = v0 + len + 1;
        let value = decode_attr(&tag[v0..v0 + len], at + v0)?;
        if !seen.insert(aname) {
            return Err((format!("attribute `{aname}` given twice"), at + n0, None));
        }
        attrs.push(Attr {
            qname: aname.to_owned(),
            prefixed: aname.contains(':'),
            value,
            at: at + v0,
        });
    }
    Ok((name, attrs))
}

/// An attribute value: references decoded, `\t`, `\n`, `\r` as spaces
/// (XML 1.0 §3.3.3, CDATA attributes).
fn decode_attr(raw: &str, at: usize) -> Result<String, Fail> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut off = 0;
    while let Some(i) = rest.find(['&', '<', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        match c {
            b'<' => {
                return Err((
                    "`<` in an attribute value".into(),
                    at + off + i,
                    Some("&lt;".into()),
                ));
            }
            b'&' => {
                let Some(end) = rest[i..].find(';') else {
                    return Err((
                        "unclosed reference in an attribute value".into(),
                        at + off + i,
                        Some(";".into()),
                    ));
                };
                let name = &rest[i + 1..i + end];
                let Some(ch) = resolve_ref(name) else {
                    return Err((
                        format!("unknown entity or invalid character reference `&{name};`"),
                        at + off + i,
                        None,
                    ));
                };
                out.push(ch);
                off += i + end + 1;
                rest = &rest[i + end + 1..];
                continue;
            }
            b'\r' if rest.as_bytes().get(i + 1) == Some(&b'\n') => {
                out.push(' ');
                off += i + 2;
                rest = &rest[i + 2..];
                continue;
            }
            _ => out.push(' '),
        }
        off += i + 1;
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Appends text with its line ends normalised (`\r\n`, `\r` → `\n`).
fn push_text(out: &mut String, raw: &str) {
    if !raw.contains('\r') {
        out.push_str(raw);
        return;
    }
    out.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
}

/// What closes an unclosed token.
fn expected_of(e: &XmlError) -> Option<String> {
    let s = match e {
        XmlError::Syntax(s) => match s {
            SyntaxError::UnclosedComment => "-->",
            SyntaxError::UnclosedCData => "]]>",
            SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => "?>",
            SyntaxError::UnclosedDoctype | SyntaxError::UnclosedTag => ">",
            SyntaxError::UnclosedSingleQuotedAttributeValue => "'",
            SyntaxError::UnclosedDoubleQuotedAttributeValue => "\"",
            SyntaxError::InvalidBangMarkup => "<!-- or <![CDATA[",
        },
        _ => return None,
    };
    Some(s.to_owned())
}

/// Reads a whole message.
pub(crate) fn parse(input: &[u8]) -> Result<(Tree, Vec<XmlWarning>), SoapError> {
    let fail = |kind, at: usize, message: String, expected: Option<String>| {
        error_at(input, kind, at, message, expected)
    };
    if input.starts_with(&[0xFE, 0xFF]) || input.starts_with(&[0xFF, 0xFE]) {
        return Err(fail(
            SoapErrorKind::Encoding,
            0,
            "UTF-16 byte order mark: SOAP messages are read as UTF-8".into(),
            Some("UTF-8".into()),
        ));
    }
    let base = if input.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let text = std::str::from_utf8(&input[base..]).map_err(|e| {
        fail(
            SoapErrorKind::Encoding,
            base + e.valid_up_to(),
            "not UTF-8".into(),
            Some("UTF-8".into()),
        )
    })?;
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        return Err(fail(
            SoapErrorKind::Malformed,
            base + i,
            format!("character U+{:04X} is not allowed in XML", c as u32),
            None,
        ));
    }
    let mut b = Builder {
        input: text,
        base,
        nodes: Vec::new(),
        namespaces: Vec::new(),
        ns_index: HashMap::new(),
        scopes: Vec::new(),
        open: Vec::new(),
        warnings: Vec::new(),
        root_done: false,
    };
    b.run()
        .map_err(|(kind, (message, at, expected))| fail(kind, at, message, expected))?;
    let Builder {
        nodes,
        namespaces,
        warnings,
        ..
    } = b;
    Ok((
        Tree {
            nodes,
            namespaces,
            lines: line_starts(input),
        },
        warnings,
    ))
}

struct Builder<'a> {
    input: &'a str,
    /// Offset of `input` in the message (a UTF-8 BOM before it).
    base: usize,
    nodes: Vec<Node>,
    namespaces: Vec<String>,
    ns_index: HashMap<String, usize>,
    /// In-scope declarations: prefix (`None`: the default namespace) and
    /// namespace (`None`: undeclared by `xmlns=""`).
    scopes: Vec<(Option<String>, Option<usize>)>,
    /// Open elements: node and the scope length before its declarations.
    open: Vec<(usize, usize)>,
    warnings: Vec<XmlWarning>,
    root_done: bool,
}

type BuildError = (SoapErrorKind, Fail);

fn malformed(message: impl Into<String>, at: usize, expected: Option<String>) -> BuildError {
    (SoapErrorKind::Malformed, (message.into(), at, expected))
}

impl Builder<'_> {
    fn intern(&mut self, ns: &str) -> usize {
        if let Some(&i) = self.ns_index.get(ns) {
            return i;
        }
        let i = self.namespaces.len();
        self.namespaces.push(ns.to_owned());
        self.ns_index.insert(ns.to_owned(), i);
        i
    }

    fn resolve(&mut self, prefix: Option<&str>) -> Option<Option<usize>> {
        if prefix == Some("xml") {
            return Some(Some(self.intern(XML_NS)));
        }
        for (p, ns) in self.scopes.iter().rev() {
            if p.as_deref() == prefix {
                return Some(*ns);
            }
        }
        // No default namespace declared: none. A prefix never declared: an
        // error.
        prefix.is_none().then_some(None)
    }

    fn run(&mut self) -> Result<(), BuildError> {
        let mut reader = Reader::from_str(self.input);
        {
            let c = reader.config_mut();
            c.check_end_names = false;
            c.allow_unmatched_ends = true;
            c.check_comments = true;
            c.expand_empty_elements = false;
            c.trim_text(false);
        }
        let base = self.base;
        // Whether the previous token was text of the open element.
        let mut after_text = false;
        loop {
            let before = reader.buffer_position() as usize;
            let tok = match reader.read_event() {
                Ok(t) => t,
                Err(e) => {
                    let at = base + reader.error_position() as usize;
                    return Err(malformed(
                        format!("not well-formed XML: {e}"),
                        at,
                        expected_of(&e),
                    ));
                }
            };
            let after = reader.buffer_position() as usize;
            let raw = self.input.get(before..after).unwrap_or_default();
            let was_text = after_text;
            after_text = false;
            match tok {
                Event::Eof => break,
                Event::Text(_) => {
                    self.text(raw, before, false, true)?;
                    after_text = true;
                }
                Event::CData(_) => {
                    let inner = raw.get(9..raw.len().saturating_sub(3)).unwrap_or_default();
                    self.text(inner, before, true, true)?;
                    after_text = true;
                }
                Event::GeneralRef(_) => {
                    let name = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
                    let Some(ch) = resolve_ref(name) else {
                        return Err(malformed(
                            format!("unknown entity or invalid character reference `&{name};`"),
                            base + before,
                            None,
                        ));
                    };
                    let mut s = [0u8; 4];
                    let s: &str = ch.encode_utf8(&mut s);
                    self.text(s, before, true, false)?;
                    after_text = true;
                }
                Event::Start(_) | Event::Empty(_) => {
                    let empty = matches!(tok, Event::Empty(_));
                    let inner_end = raw.len().saturating_sub(if empty { 2 } else { 1 });
                    let tag = raw.get(1..inner_end).unwrap_or_default();
                    self.start(tag, before, empty, was_text)?;
                }
                Event::End(_) => {
                    let name = raw
                        .get(2..raw.len().saturating_sub(1))
                        .unwrap_or_default()
                        .trim_end_matches([' ', '\t', '\n', '\r']);
                    self.end(name, before)?;
                }
                Event::DocType(d) => {
                    if memchr::memmem::find(&d, b"<!ENTITY").is_some() {
                        return Err((
                            SoapErrorKind::EntityDeclaration,
                            (
                                "DOCTYPE with entity declarations (not accepted: entity expansion)"
                                    .into(),
                                base + before,
                                None,
                            ),
                        ));
                    }
                    if !self.nodes.is_empty() {
                        return Err(malformed(
                            "DOCTYPE after the root element",
                            base + before,
                            None,
                        ));
                    }
                    self.warnings.push(XmlWarning {
                        rule: "xml.doctype",
                        message: "DOCTYPE in a SOAP message (ignored)".into(),
                        at: base + before,
                        node: 0,
                    });
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
        if let Some(&(top, _)) = self.open.last() {
            let name = self
                .nodes
                .get(top)
                .map(|n| n.qname.clone())
                .unwrap_or_default();
            return Err(malformed(
                format!("end of input inside <{name}>"),
                base + self.input.len(),
                Some(format!("</{name}>")),
            ));
        }
        if self.nodes.is_empty() {
            return Err(malformed(
                "no root element",
                base + self.input.len(),
                Some("<soapenv:Envelope>".into()),
            ));
        }
        Ok(())
    }

    /// Text of the open element: `markup` for CDATA and references (never
    /// allowed outside the root; text may be white space there); line ends
    /// normalised if `normalize` (not in what a character reference gives).
    fn text(
        &mut self,
        s: &str,
        before: usize,
        markup: bool,
        normalize: bool,
    ) -> Result<(), BuildError> {
        let at = self.base + before;
        let Some(&(top, _)) = self.open.last() else {
            if !markup && s.bytes().all(is_xml_space) {
                return Ok(());
            }
            let what = if self.root_done { "after" } else { "before" };
            return Err(malformed(
                format!("text {what} the root element"),
                at,
                Some(if self.root_done { "end of input" } else { "<" }.into()),
            ));
        };
        let node = &mut self.nodes[top];
        if node.text_at.is_none() {
            node.text_at = Some(at);
        }
        if normalize {
            push_text(&mut node.text, s);
        } else {
            node.text.push_str(s);
        }
        Ok(())
    }

    fn start(
        &mut self,
        tag: &str,
        before: usize,
        empty: bool,
        was_text: bool,
    ) -> Result<(), BuildError> {
        let at = self.base + before;
        let (name, attrs) = parse_tag(tag, at + 1).map_err(|f| (SoapErrorKind::Malformed, f))?;
        // `<X>text<X>`: a leaf re-opened with its own name right after its
        // text is its end tag.
        if let Some(&(top, _)) = self.open.last() {
            let n = &self.nodes[top];
            if was_text
                && !empty
                && attrs.is_empty()
                && n.qname == name
                && n.children.is_empty()
                && !n.text.trim().is_empty()
            {
                self.warnings.push(XmlWarning {
                    rule: "xml.reopened_leaf",
                    message: format!(
                        "start tag <{name}> right after the text of <{name}>: read as its end tag </{name}>"
                    ),
                    at,
                    node: top,
                });
                return self.close(top);
            }
        }
        if self.root_done {
            return Err(malformed(
                format!("element <{name}> after the root element"),
                at,
                Some("end of input".into()),
            ));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(malformed(
                format!("elements nested deeper than {MAX_DEPTH}"),
                at,
                None,
            ));
        }
        let scope_len = self.scopes.len();
        let mut plain = Vec::with_capacity(attrs.len());
        for a in attrs {
            if a.qname == "xmlns" {
                let ns = (!a.value.is_empty()).then(|| self.intern(&a.value));
                self.scopes.push((None, ns));
            } else if let Some(p) = a.qname.strip_prefix("xmlns:") {
                if a.value.is_empty() {
                    return Err(malformed(
                        format!("prefix `{p}` bound to an empty namespace name"),
                        a.at,
                        Some("a namespace name".into()),
                    ));
                }
                let ns = self.intern(&a.value);
                self.scopes.push((Some(p.to_owned()), Some(ns)));
            } else {
                plain.push(a);
            }
        }
        let prefix = name.split_once(':').map(|(p, _)| p);
        let Some(ns) = self.resolve(prefix) else {
            self.scopes.truncate(scope_len);
            return Err(malformed(
                format!(
                    "namespace prefix `{}` of <{name}> is not declared",
                    prefix.unwrap_or("")
                ),
                at + 1,
                Some(format!("xmlns:{}=\"…\"", prefix.unwrap_or(""))),
            ));
        };
        for a in &plain {
            if let Some((p, _)) = a.qname.split_once(':') {
                if self.resolve(Some(p)).is_none() {
                    return Err(malformed(
                        format!(
                            "namespace prefix `{p}` of attribute `{}` is not declared",
                            a.qname
                        ),
                        a.at,
                        Some(format!("xmlns:{p}=\"…\"")),
                    ));
                }
            }
        }
        let idx = self.nodes.len();
        let parent = self.open.last().map(|&(p, _)| p);
        self.nodes.push(Node {
            qname: name.to_owned(),
            ns,
            attrs: plain,
            text: String::new(),
            text_at: None,
            children: Vec::new(),
            parent,
            at,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(idx);
        }
        self.open.push((idx, scope_len));
        if empty {
            self.close(idx)?;
        }
        Ok(())
    }

    fn close(&mut self, node: usize) -> Result<(), BuildError> {
        if let Some((n, scope_len)) = self.open.pop() {
            debug_assert_eq!(n, node);
            self.scopes.truncate(scope_len);
        }
        if self.open.is_empty() {
            self.root_done = true;
        }
        Ok(())
    }

    fn end(&mut self, name: &str, before: usize) -> Result<(), BuildError> {
        let at = self.base + before;
        let Some(&(top, _)) = self.open.last() else {
            return Err(malformed(
                format!("end tag </{name}> without a start tag"),
                at,
                Some(
                    if self.root_done {
                        "end of input"
                    } else {
                        "<soapenv:Envelope>"
                    }
                    .into(),
                ),
            ));
        };
        let open_name = self.nodes[top].qname.clone();
        if open_name == name {
            return self.close(top);
        }
        // `<ns2:DecommissionResponse>…</ns2:AggregateResponse>`: a response
        // of the receiver closed with another response's name.
        let (end_prefix, end_local) = match name.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, name),
        };
        let is_response = |l: &str| l.len() > "Response".len() && l.ends_with("Response");
        let tl = self.nodes[top]
            .ns
            .and_then(|i| self.namespaces.get(i))
            .map(String::as_str)
            == Some(TL_SOAP_NS);
        if tl
            && is_response(self.nodes[top].local())
            && is_response(end_local)
            && is_name(name)
            && self.resolve(end_prefix) == Some(self.nodes[top].ns)
        {
            self.warnings.push(XmlWarning {
                rule: "xml.end_name",
                message: format!("end tag </{name}> closes <{open_name}>: read as its end tag"),
                at,
                node: top,
            });
            return self.close(top);
        }
        Err(malformed(
            format!("end tag </{name}> does not close <{open_name}>"),
            at,
            Some(format!("</{open_name}>")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_namespaces_text_and_attributes() {
        let x = "\u{FEFF}<?xml version=\"1.0\"?>\n<a:E xmlns:a=\"urn:a\" xmlns=\"urn:d\">\n <b x=\"1 &amp;&#x41;\t2\">t&lt;<![CDATA[<c>]]>\r\nu</b><c xmlns=\"\"/><!-- c --></a:E>";
        let (t, w) = parse(x.as_bytes()).unwrap();
        assert!(w.is_empty());
        assert_eq!(t.nodes.len(), 3);
        assert!(t.is(0, Some("urn:a"), "E"));
        assert!(t.is(1, Some("urn:d"), "b"));
        assert!(t.is(2, None, "c"));
        assert_eq!(t.nodes[1].text, "t<<c>\nu");
        assert_eq!(t.nodes[1].attrs[0].value, "1 &A 2");
        let p = t.pos(t.nodes[1].attrs[0].at);
        assert_eq!((p.line, p.column), (3, 8));
        assert_eq!(&x[t.nodes[1].attrs[0].at..][..1], "1");
        assert_eq!(t.path(2), "E/c");
    }

    #[test]
    fn reopened_leaf_and_response_end_name_are_warnings() {
        let x = "<E><L>SGLN<L> <M>x</M></E>";
        let (t, w) = parse(x.as_bytes()).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule, "xml.reopened_leaf");
        assert_eq!(w[0].at, 10);
        assert_eq!(t.nodes[0].children.len(), 2);
        let x =
            "<E xmlns:n=\"urn:tracelink:soap\"><n:DecommissionResponse></n:AggregateResponse></E>";
        let (_, w) = parse(x.as_bytes()).unwrap();
        assert_eq!(w[0].rule, "xml.end_name");
        // Not a response of the receiver: an error.
        let x = "<E xmlns:n=\"urn:other\"><n:DecommissionResponse></n:AggregateResponse></E>";
        let e = parse(x.as_bytes()).unwrap_err();
        assert_eq!(e.expected.as_deref(), Some("</n:DecommissionResponse>"));
    }

    #[test]
    fn malformed_inputs_are_errors_with_positions() {
        for (x, at) in [
            ("<a><b></a>", 6),
            ("<a>", 3),
            ("", 0),
            ("<a x='1' x='2'/>", 9),
            ("<a x='<'/>", 6),
            ("<a>&foo;</a>", 3),
            ("<p:a/>", 1),
            ("<a/><b/>", 4),
            ("<a/>t", 4),
            ("<a>\u{1}</a>", 3),
            ("<a x='1'y='2'/>", 8),
            ("<a><!-- x </a>", 3),
            ("\u{FEFF}<a>", 6),
        ] {
            let e = parse(x.as_bytes()).unwrap_err();
            assert_eq!(e.pos.offset, at as u64, "{x}: {e}");
        }
        let e = parse(b"<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>").unwrap_err();
        assert_eq!(e.kind, SoapErrorKind::EntityDeclaration);
        let e = parse(b"<a>\xFF</a>").unwrap_err();
        assert_eq!((e.kind, e.pos.offset), (SoapErrorKind::Encoding, 3));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let x = "<a>".repeat(100_000);
        let e = parse(x.as_bytes()).unwrap_err();
        assert_eq!(e.pos.offset, 3 * MAX_DEPTH as u64);
    }
}
