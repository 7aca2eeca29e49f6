//! GS1 Digital Link URIs (GS1 Digital Link: URI Syntax).
//!
//! A GS1 Digital Link URI is `http(s)://` + a domain + an optional path
//! prefix of its own, then the primary key as `/AI/value`, then the key
//! qualifiers of that key in their prescribed order, then an optional query
//! string of data attributes: `https://id.gs1.org/01/09521234543213/21/12345`,
//! `https://example.com/some/path/414/9521141123454/254/32a%2Fb`.
//!
//! * Writing ([`Epc::to_digital_link`], [`ElementString::to_digital_link`])
//!   percent-encodes every character of a value outside the URI unreserved
//!   set `A-Z a-z 0-9 - . _ ~`, with uppercase hex (`!` → `%21`, `(` →
//!   `%28`, `/` → `%2F`), as the GS1 Digital Link grammar requires. The base
//!   (default [`DEFAULT_BASE`]) may be any `http` or `https` URI without
//!   query or fragment; trailing slashes are dropped.
//! * Reading ([`parse_digital_link`], [`Epc::from_digital_link`]) accepts
//!   any domain and path prefix, `http` or `https` in any case, a trailing
//!   slash, and any percent-escape (upper- or lowercase hex) as well as the
//!   characters a URI path may hold unescaped (`!$&'()*+,;=:@` and, as the
//!   GS1 grammar allows, `"`). Only numeric AIs are accepted in the path (no
//!   convenience alphas such as `/gtin/`, which GS1 Digital Link 1.3 removed).
//!   The path must end with a primary key followed by its qualifiers, each
//!   at most once and in order (`/01/…/22/…/10/…/21/…` or `/01/…/235/…`,
//!   `/414/…/254/…`, `/8006/…/22/…/10/…/21/…`, `/8010/…/8011/…`, …); a GTIN
//!   must have 14 digits. Every value is checked against its AI's format,
//!   check digits included.
//! * The query string is not part of the identity, but it must be
//!   well-formed: valid percent-escapes, and every numeric key must be an AI
//!   that GS1 allows as a Digital Link data attribute, with a valid value and
//!   no conflict with the path. Other parameters (`linkType=…`) are allowed.
//!   [`parse_digital_link`] returns the query AIs after the path AIs;
//!   [`Epc::from_digital_link`] uses only the path.
//! * A fragment (`#…`) is ignored: it is not sent to a resolver and does not
//!   identify anything.

use std::borrow::Cow;

use super::ai::{AiDef, AiValue, ElementString, epc_from_items, lookup};
use super::{Epc, ErrorKind, GcpSource, ParseError};

/// The base of GS1's own resolver, the canonical Digital Link domain.
pub const DEFAULT_BASE: &str = "https://id.gs1.org";

/// The Digital Link primary keys and, for each, the alternative sequences of
/// key qualifiers (each qualifier optional, order fixed).
const PRIMARY_KEYS: &[(&str, &[&[&str]])] = &[
    ("00", &[]),
    ("01", &[&["22", "10", "21"], &["235"]]),
    ("253", &[]),
    ("255", &[]),
    ("401", &[]),
    ("402", &[]),
    ("414", &[&["254"], &["7040"]]),
    ("415", &[&["8020"]]),
    ("417", &[&["7040"]]),
    ("8003", &[]),
    ("8004", &[&["7040"]]),
    ("8006", &[&["22", "10", "21"]]),
    ("8010", &[&["8011"]]),
    ("8013", &[]),
    ("8017", &[&["8019"]]),
    ("8018", &[&["8019"]]),
];

/// The most qualifiers a primary key can have.
const MAX_QUALIFIERS: usize = 3;

fn primary(code: &str) -> Option<&'static [&'static [&'static str]]> {
    PRIMARY_KEYS
        .iter()
        .find(|(k, _)| *k == code)
        .map(|(_, q)| *q)
}

fn is_qualifier(code: &str) -> bool {
    PRIMARY_KEYS
        .iter()
        .any(|(_, alts)| alts.iter().any(|alt| alt.contains(&code)))
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// A character a path segment may hold unescaped (RFC 3986 `pchar` minus
/// `%`, plus the `"` that the GS1 grammar lists).
fn is_segment_char(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || matches!(b, b':' | b'@' | b'"')
}

/// A character a query may hold unescaped.
fn is_query_char(b: u8) -> bool {
    is_segment_char(b) || matches!(b, b'/' | b'?')
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The decoded byte of the percent-escape at `b[i..]`.
fn escape_at(b: &[u8], i: usize) -> Option<u8> {
    Some(hex_val(*b.get(i + 1)?)? << 4 | hex_val(*b.get(i + 2)?)?)
}

/// The length of `http://` or `https://` (any case) at the start of `b`.
fn scheme_len(b: &[u8]) -> Option<usize> {
    if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        Some(8)
    } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        Some(7)
    } else {
        None
    }
}

/// Checks that `b[from..to]` holds only characters allowed by `ok` and
/// well-formed percent-escapes.
fn check_chars(b: &[u8], from: usize, to: usize, ok: fn(u8) -> bool) -> Result<(), ParseError> {
    let mut i = from;
    while i < to {
        if b[i] == b'%' {
            if i + 2 >= to || escape_at(b, i).is_none() {
                return Err(ParseError::new(ErrorKind::InvalidEscape, i));
            }
            i += 3;
        } else if ok(b[i]) {
            i += 1;
        } else {
            return Err(ParseError::new(ErrorKind::InvalidDigitalLink, i));
        }
    }
    Ok(())
}

/// Where the authority (host) ends, after checking it: non-empty, and only
/// RFC 3986 authority characters.
fn authority_end(b: &[u8], from: usize) -> Result<usize, ParseError> {
    let end = b[from..]
        .iter()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .map_or(b.len(), |p| from + p);
    if end == from {
        return Err(ParseError::new(ErrorKind::InvalidDigitalLink, from));
    }
    check_chars(b, from, end, |c| {
        is_unreserved(c) || is_sub_delim(c) || matches!(c, b':' | b'@' | b'[' | b']')
    })?;
    Ok(end)
}

/// Decodes an AI value (path segment or query value) at `input[from..to]`;
/// borrows when there is no escape. The decoded value must be ASCII (every
/// AI character set is).
fn decode_value(
    input: &str,
    from: usize,
    to: usize,
    ok: fn(u8) -> bool,
) -> Result<Cow<'_, str>, ParseError> {
    let b = input.as_bytes();
    check_chars(b, from, to, ok)?;
    let raw = &b[from..to];
    if !raw.contains(&b'%') {
        return Ok(Cow::Borrowed(&input[from..to]));
    }
    let mut s = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = if raw[i] == b'%' {
            let c = escape_at(raw, i).ok_or(ParseError::new(ErrorKind::InvalidEscape, from + i))?;
            if !c.is_ascii() {
                return Err(ParseError::new(ErrorKind::InvalidAiValue, from + i));
            }
            i += 3;
            c
        } else {
            i += 1;
            raw[i - 1]
        };
        s.push(char::from(c));
    }
    Ok(Cow::Owned(s))
}

/// Maps an offset in a decoded value back to its raw (escaped) text.
fn decoded_to_raw(raw: &[u8], pos: usize) -> usize {
    let (mut r, mut d) = (0, 0);
    while r < raw.len() && d < pos {
        r += if raw[r] == b'%' { 3 } else { 1 };
        d += 1;
    }
    r.min(raw.len())
}

/// Decodes and validates the value of `code` at `input[from..to]`.
fn ai_value<'a>(
    input: &'a str,
    code: &str,
    code_at: usize,
    from: usize,
    to: usize,
    ok: fn(u8) -> bool,
) -> Result<AiValue<'a>, ParseError> {
    let def = lookup(code).ok_or(ParseError::new(ErrorKind::UnknownAi, code_at))?;
    let value = decode_value(input, from, to, ok)?;
    def.validate(&value).map_err(|e| {
        let raw = &input.as_bytes()[from..to];
        ParseError::new(e.kind(), from + decoded_to_raw(raw, e.offset()))
    })?;
    Ok(AiValue {
        ai: def.code,
        value,
    })
}

/// Whether `codes` are AIs of `alt`, each at most once, in `alt`'s order.
fn follows<'c>(alt: &[&str], codes: impl Iterator<Item = &'c str>) -> bool {
    let mut next = 0;
    for c in codes {
        match alt
            .get(next..)
            .and_then(|rest| rest.iter().position(|a| *a == c))
        {
            Some(p) => next += p + 1,
            None => return false,
        }
    }
    true
}

/// A parsed Digital Link: its AIs (path first, then query) and the input
/// offsets of the path values.
struct Parsed<'a> {
    es: ElementString<'a>,
    path_items: usize,
    value_at: [usize; 1 + MAX_QUALIFIERS],
}

fn parse(input: &str) -> Result<Parsed<'_>, ParseError> {
    let b = input.as_bytes();
    if b.is_empty() {
        return Err(ParseError::new(ErrorKind::Empty, 0));
    }
    let auth_start = scheme_len(b).ok_or(ParseError::new(ErrorKind::InvalidDigitalLink, 0))?;
    let path_start = authority_end(b, auth_start)?;
    let path_end = b[path_start..]
        .iter()
        .position(|c| matches!(c, b'?' | b'#'))
        .map_or(b.len(), |p| path_start + p);
    let (query_start, query_end) = if b.get(path_end) == Some(&b'?') {
        let end = b[path_end..]
            .iter()
            .position(|&c| c == b'#')
            .map_or(b.len(), |p| path_end + p);
        (path_end + 1, end)
    } else {
        (path_end, path_end)
    };
    // The fragment after '#' is ignored.

    // Walk the path from the right: (qualifier, value) pairs, then the key.
    let no_key = ParseError::new(ErrorKind::InvalidDigitalLink, path_start);
    let rslash = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .rposition(|&c| c == b'/')
            .map(|p| from + p)
    };
    let mut end = path_end;
    if end > path_start + 1 && b[end - 1] == b'/' {
        end -= 1; // one trailing slash
    }
    // (code start, value start, value end), right to left.
    let mut quals = [(0usize, 0usize, 0usize); MAX_QUALIFIERS];
    let mut nq = 0;
    let (key_at, alts) = loop {
        let vslash = rslash(path_start, end).ok_or(no_key)?;
        let cslash = rslash(path_start, vslash).ok_or(no_key)?;
        let code = &input[cslash + 1..vslash];
        if let Some(alts) = primary(code) {
            break ((cslash + 1, vslash + 1, end), alts);
        }
        if !is_qualifier(code) || nq == MAX_QUALIFIERS {
            return Err(no_key);
        }
        quals[nq] = (cslash + 1, vslash + 1, end);
        nq += 1;
        end = cslash;
    };
    // The path prefix before the key must be a well-formed URI path.
    check_chars(b, path_start, key_at.0 - 1, |c| {
        is_segment_char(c) || c == b'/'
    })?;

    // Qualifiers in path order must follow one alternative sequence; on
    // error, point at the first qualifier that no sequence allows.
    let quals = &mut quals[..nq];
    quals.reverse();
    let code_of = |q: &(usize, usize, usize)| &input[q.0..q.1 - 1];
    let allowed = |n: usize| {
        alts.iter()
            .any(|alt| follows(alt, quals[..n].iter().map(code_of)))
    };
    if let Some(n) = (1..=nq).find(|&n| !allowed(n)) {
        return Err(ParseError::new(
            ErrorKind::InvalidDigitalLink,
            quals[n - 1].0,
        ));
    }

    let mut items = Vec::with_capacity(1 + nq + 2);
    let mut value_at = [0; 1 + MAX_QUALIFIERS];
    for (i, &(c, v, e)) in std::iter::once(&key_at).chain(quals.iter()).enumerate() {
        items.push(ai_value(input, &input[c..v - 1], c, v, e, is_segment_char)?);
        value_at[i] = v;
    }
    let path_items = items.len();

    // Query string: data attributes and other parameters.
    let mut p = query_start;
    while p < query_end {
        let pe = b[p..query_end]
            .iter()
            .position(|&c| c == b'&')
            .map_or(query_end, |x| p + x);
        let eq = b[p..pe].iter().position(|&c| c == b'=').map(|x| p + x);
        let key_end = eq.unwrap_or(pe);
        check_chars(b, p, key_end, is_query_char)?;
        let key = &input[p..key_end];
        if !key.is_empty() && key.bytes().all(|c| c.is_ascii_digit()) {
            let def = lookup(key).ok_or(ParseError::new(ErrorKind::UnknownAi, p))?;
            if !def.is_dl_attribute() {
                return Err(ParseError::new(ErrorKind::UnknownAi, p));
            }
            let vstart = eq.map_or(pe, |x| x + 1);
            let item = ai_value(input, key, p, vstart, pe, is_query_char)?;
            match items.iter().find(|it: &&AiValue<'_>| it.ai == item.ai) {
                Some(prev) if prev.value != item.value => {
                    return Err(ParseError::new(ErrorKind::InvalidDigitalLink, p));
                }
                Some(_) => {}
                None => items.push(item),
            }
        } else if let Some(eq) = eq {
            check_chars(b, eq + 1, pe, is_query_char)?;
        }
        p = pe + 1;
    }
    Ok(Parsed {
        es: ElementString::from_items(items),
        path_items,
        value_at,
    })
}

/// Parses a GS1 Digital Link URI into its element string: the primary key,
/// its qualifiers, then the data attributes of the query string (see the
/// module docs for what is accepted). Values borrow from `input` unless
/// they contain percent-escapes.
///
/// ```
/// use epcstream::epc::dl::parse_digital_link;
/// let es = parse_digital_link("https://example.com/p/01/09521234543213/10/AB%2F1?17=261231")?;
/// assert_eq!(es.to_string(), "(01)09521234543213(10)AB/1(17)261231");
/// # Ok::<(), epcstream::epc::ParseError>(())
/// ```
pub fn parse_digital_link(input: &str) -> Result<ElementString<'_>, ParseError> {
    parse(input).map(|p| p.es)
}

/// Checks a base URI (`http(s)://host[/path]`, no query or fragment) and
/// drops its trailing slashes.
fn check_base(base: &str) -> Result<&str, ParseError> {
    let b = base.as_bytes();
    let auth = scheme_len(b).ok_or(ParseError::new(ErrorKind::InvalidDigitalLink, 0))?;
    let path = authority_end(b, auth)?;
    check_chars(b, path, b.len(), |c| is_segment_char(c) || c == b'/')?;
    Ok(base.trim_end_matches('/'))
}

fn push_encoded(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &c in value.as_bytes() {
        if is_unreserved(c) {
            out.push(char::from(c));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 15)]));
        }
    }
}

/// Writes the Digital Link of `items` after `base`; on error `out` is left
/// as it was.
fn write_items(items: &[AiValue<'_>], base: &str, out: &mut String) -> Result<(), ParseError> {
    let base = check_base(base)?;
    let mut key: Option<usize> = None;
    for (i, it) in items.iter().enumerate() {
        if primary(it.ai).is_some() {
            match key {
                Some(k) if items[k].ai != it.ai => {
                    return Err(ParseError::new(ErrorKind::InvalidElementString, 0));
                }
                Some(_) => {}
                None => key = Some(i),
            }
        }
    }
    let k = key.ok_or(ParseError::new(ErrorKind::InvalidElementString, 0))?;
    let present = |alt: &[&str]| {
        alt.iter()
            .filter(|q| items.iter().any(|it| it.ai == **q))
            .count()
    };
    let mut alt: &[&str] = &[];
    for a in primary(items[k].ai).unwrap_or(&[]) {
        if present(a) > present(alt) {
            alt = a;
        }
    }
    let in_path = |ai: &str| ai == items[k].ai || alt.contains(&ai);
    let start = out.len();
    out.reserve(
        base.len()
            + items
                .iter()
                .map(|it| it.ai.len() + 2 + it.value.len())
                .sum::<usize>(),
    );
    out.push_str(base);
    for ai in std::iter::once(items[k].ai).chain(alt.iter().copied()) {
        if let Some(it) = items.iter().find(|it| it.ai == ai) {
            out.push('/');
            out.push_str(ai);
            out.push('/');
            push_encoded(out, &it.value);
        }
    }
    let mut sep = '?';
    for (i, it) in items.iter().enumerate() {
        let first = items.iter().position(|p| p.ai == it.ai) == Some(i);
        if !first || in_path(it.ai) {
            if items[..i]
                .iter()
                .chain(&items[i + 1..])
                .any(|p| p.ai == it.ai && p.value != it.value)
            {
                out.truncate(start);
                return Err(ParseError::new(ErrorKind::InvalidElementString, 0));
            }
            continue;
        }
        if !lookup(it.ai).is_some_and(AiDef::is_dl_attribute) {
            out.truncate(start);
            return Err(ParseError::new(ErrorKind::UnknownAi, 0));
        }
        out.push(sep);
        sep = '&';
        out.push_str(it.ai);
        out.push('=');
        push_encoded(out, &it.value);
    }
    Ok(())
}

/// Appends the GS1 Digital Link URI of `es` to `out`: `base`, the primary
/// key, the qualifiers of that key present in `es` (in their prescribed
/// order), then every other AI as a query-string data attribute. Values are
/// written as they are (see [`ElementString::validate`]); an element string
/// without exactly one primary key, with conflicting duplicates, or with an
/// AI that a Digital Link cannot carry is an error.
pub fn write_digital_link(
    es: &ElementString<'_>,
    base: &str,
    out: &mut String,
) -> Result<(), ParseError> {
    write_items(es.items(), base, out)
}

impl ElementString<'_> {
    /// The GS1 Digital Link URI of this element string (see
    /// [`write_digital_link`]).
    ///
    /// ```
    /// use epcstream::epc::{ai::ElementString, dl::DEFAULT_BASE};
    /// let es = ElementString::parse("(01)09521234543213(17)261231(10)AB-1")?;
    /// assert_eq!(
    ///     es.to_digital_link(DEFAULT_BASE)?,
    ///     "https://id.gs1.org/01/09521234543213/10/AB-1?17=261231"
    /// );
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn to_digital_link(&self, base: &str) -> Result<String, ParseError> {
        let mut s = String::new();
        write_items(self.items(), base, &mut s)?;
        Ok(s)
    }
}

impl Epc<'_> {
    /// The GS1 Digital Link URI of this EPC: `base` (e.g. [`DEFAULT_BASE`],
    /// or a custom domain with a path prefix), the primary key and the key
    /// qualifier of its element string (TDS §7), values percent-encoded.
    /// GID, USDOD, ADI, BIC and IMOVN have none.
    ///
    /// ```
    /// use epcstream::epc::{Epc, Scheme, dl::DEFAULT_BASE};
    /// let epc = Epc::from_components(Scheme::Sgtin, &["0614141", "812345", "67(8)9"])?;
    /// assert_eq!(
    ///     epc.to_digital_link(DEFAULT_BASE)?,
    ///     "https://id.gs1.org/01/80614141123458/21/67%288%299"
    /// );
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn to_digital_link(&self, base: &str) -> Result<String, ParseError> {
        let mut s = String::new();
        self.write_digital_link(base, &mut s)?;
        Ok(s)
    }

    /// Appends the GS1 Digital Link URI of this EPC to `out` (see
    /// [`Epc::to_digital_link`]); reusing `out` avoids allocating.
    pub fn write_digital_link(&self, base: &str, out: &mut String) -> Result<(), ParseError> {
        let items = self.checked_element_items()?;
        write_items(&items.ai_values()[..items.len()], base, out)
    }

    /// The EPC of a GS1 Digital Link URI: the primary key and qualifiers of
    /// its path are translated as an element string (see
    /// [`Epc::from_element_string`]); the query string is checked but does
    /// not take part, and a fragment is ignored. The GS1 Company Prefix
    /// length comes from `gcp`. Error offsets point into `input`.
    ///
    /// ```
    /// use epcstream::epc::Epc;
    /// let epc = Epc::from_digital_link("https://example.com/01/80614141123458/21/6789", &7u8)?;
    /// assert_eq!(epc.components().collect::<Vec<_>>(), ["0614141", "812345", "6789"]);
    /// # Ok::<(), epcstream::epc::ParseError>(())
    /// ```
    pub fn from_digital_link(input: &str, gcp: &dyn GcpSource) -> Result<Epc<'static>, ParseError> {
        let p = parse(input)?;
        let at = |i: usize| p.value_at.get(i).copied().unwrap_or(0);
        epc_from_items(&p.es.items()[..p.path_items], gcp, &at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epc::Scheme;

    struct DlIn {
        id: &'static str,
        dl: &'static str,
        gcp: u8,
        scheme: Scheme,
        comps: &'static [&'static str],
        es: &'static str,
    }

    struct DlOut {
        id: &'static str,
        scheme: Scheme,
        comps: &'static [&'static str],
        dl: &'static str,
        strict: &'static str,
    }

    // Generated from /work/shared/vectors/tds_vectors.json.
    /// Digital Link -> EPC vectors (gcp: the stated one, or the split of the expected URI).
    #[rustfmt::skip]
    const DL_IN: &[DlIn] = &[
        DlIn { id: "openepcis-cpi-L76-dl2urn", dl: "https://id.gs1.org/8010/12345678A9012/8011/1010", gcp: 8, scheme: Scheme::Cpi, comps: &["12345678", "A9012", "1010"], es: "(8010)12345678A9012(8011)1010" },
        DlIn { id: "openepcis-cpi-L79-dl2urn", dl: "https://id.gs1.org/8010/123456789012/8011/1010", gcp: 10, scheme: Scheme::Cpi, comps: &["1234567890", "12", "1010"], es: "(8010)123456789012(8011)1010" },
        DlIn { id: "openepcis-cpi-L82-dl2urn", dl: "https://benelog.com/8010/123456789012/8011/1010", gcp: 10, scheme: Scheme::Cpi, comps: &["1234567890", "12", "1010"], es: "(8010)123456789012(8011)1010" },
        DlIn { id: "openepcis-cpi-L85-dl2urn", dl: "https://benelog.com/8010/1234567890ANC/8011/124", gcp: 10, scheme: Scheme::Cpi, comps: &["1234567890", "ANC", "124"], es: "(8010)1234567890ANC(8011)124" },
        DlIn { id: "openepcis-cpi-L94-dl2urn", dl: "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234", gcp: 7, scheme: Scheme::Cpi, comps: &["0614141", "11111111111111-A#/", "1234"], es: "(8010)061414111111111111111-A#/(8011)1234" },
        DlIn { id: "openepcis-gcn-L78-dl2urn", dl: "https://id.gs1.org/255/12345678901284", gcp: 12, scheme: Scheme::Sgcn, comps: &["123456789012", "", "4"], es: "(255)12345678901284" },
        DlIn { id: "openepcis-gcn-L79-dl2urn", dl: "https://gs1.in/255/12345678901284", gcp: 12, scheme: Scheme::Sgcn, comps: &["123456789012", "", "4"], es: "(255)12345678901284" },
        DlIn { id: "openepcis-gcn-L80-dl2urn", dl: "https://id.gs1.org/255/43943943493924", gcp: 6, scheme: Scheme::Sgcn, comps: &["439439", "434939", "4"], es: "(255)43943943493924" },
        DlIn { id: "openepcis-gcn-L81-dl2urn", dl: "https://id.gs1.org/255/43943943493924", gcp: 12, scheme: Scheme::Sgcn, comps: &["439439434939", "", "4"], es: "(255)43943943493924" },
        DlIn { id: "openepcis-gcn-L82-dl2urn", dl: "https://id.gs1.org/255/300096758845786", gcp: 6, scheme: Scheme::Sgcn, comps: &["300096", "758845", "86"], es: "(255)300096758845786" },
        DlIn { id: "openepcis-gdti-L66-dl2urn", dl: "https://id.gs1.org/253/1234567890128A", gcp: 10, scheme: Scheme::Gdti, comps: &["1234567890", "12", "A"], es: "(253)1234567890128A" },
        DlIn { id: "openepcis-gdti-L69-dl2urn", dl: "https://benelog1.de/253/1234567890128A", gcp: 10, scheme: Scheme::Gdti, comps: &["1234567890", "12", "A"], es: "(253)1234567890128A" },
        DlIn { id: "openepcis-gdti-L75-dl2urn", dl: "https://id.gs1.org/253/43493494898454", gcp: 12, scheme: Scheme::Gdti, comps: &["434934948984", "", "4"], es: "(253)43493494898454" },
        DlIn { id: "openepcis-gdti-L78-dl2urn", dl: "https://id.gs1.org/253/1247575784846!", gcp: 6, scheme: Scheme::Gdti, comps: &["124757", "578484", "!"], es: "(253)1247575784846!" },
        DlIn { id: "openepcis-giai-L78-dl2urn", dl: "https://id.gs1.org/8004/123456789012123", gcp: 10, scheme: Scheme::Giai, comps: &["1234567890", "12123"], es: "(8004)123456789012123" },
        DlIn { id: "openepcis-giai-L81-dl2urn", dl: "https://news.google.in/8004/123456789012123", gcp: 10, scheme: Scheme::Giai, comps: &["1234567890", "12123"], es: "(8004)123456789012123" },
        DlIn { id: "openepcis-giai-L90-dl2urn", dl: "https://id.gs1.org/8004/42512183.SENSOR.TR-07-AVE-583:1", gcp: 8, scheme: Scheme::Giai, comps: &["42512183", ".SENSOR.TR-07-AVE-583:1"], es: "(8004)42512183.SENSOR.TR-07-AVE-583:1" },
        DlIn { id: "openepcis-ginc-L80-dl2urn", dl: "https://id.gs1.org/401/12345678901234A", gcp: 10, scheme: Scheme::Ginc, comps: &["1234567890", "1234A"], es: "(401)12345678901234A" },
        DlIn { id: "openepcis-ginc-L83-dl2urn", dl: "https://eclipse.org/401/12345678901234A", gcp: 10, scheme: Scheme::Ginc, comps: &["1234567890", "1234A"], es: "(401)12345678901234A" },
        DlIn { id: "openepcis-ginc-L92-dl2urn", dl: "https://id.gs1.org/401/123456789012d", gcp: 12, scheme: Scheme::Ginc, comps: &["123456789012", "d"], es: "(401)123456789012d" },
        DlIn { id: "openepcis-grai-L74-dl2urn", dl: "https://id.gs1.org/8003/012345678901284ABCD", gcp: 6, scheme: Scheme::Grai, comps: &["123456", "789012", "4ABCD"], es: "(8003)012345678901284ABCD" },
        DlIn { id: "openepcis-grai-L75-dl2urn", dl: "https://youtube.com.org/8003/012345678901284ABCD", gcp: 6, scheme: Scheme::Grai, comps: &["123456", "789012", "4ABCD"], es: "(8003)012345678901284ABCD" },
        DlIn { id: "openepcis-grai-L76-dl2urn", dl: "https://id.gs1.org/8003/01234567890128AABC", gcp: 10, scheme: Scheme::Grai, comps: &["1234567890", "12", "AABC"], es: "(8003)01234567890128AABC" },
        DlIn { id: "openepcis-grai-L79-dl2urn", dl: "https://id.gs1.org/8003/012345678901284", gcp: 10, scheme: Scheme::Grai, comps: &["1234567890", "12", "4"], es: "(8003)012345678901284" },
        DlIn { id: "openepcis-gsin-L77-dl2urn", dl: "https://id.gs1.org/402/12345678905123457", gcp: 10, scheme: Scheme::Gsin, comps: &["1234567890", "512345"], es: "(402)12345678905123457" },
        DlIn { id: "openepcis-gsin-L80-dl2urn", dl: "https://benelog.com/horrem/402/12345678905123457", gcp: 10, scheme: Scheme::Gsin, comps: &["1234567890", "512345"], es: "(402)12345678905123457" },
        DlIn { id: "openepcis-gsin-L83-dl2urn", dl: "https://benelog.com/horrem/402/95249893589539398", gcp: 10, scheme: Scheme::Gsin, comps: &["9524989358", "953939"], es: "(402)95249893589539398" },
        DlIn { id: "openepcis-gsin-L86-dl2urn", dl: "https://benelog.com/horrem/402/95204454958349832", gcp: 6, scheme: Scheme::Gsin, comps: &["952044", "5495834983"], es: "(402)95204454958349832" },
        DlIn { id: "openepcis-gsin-L89-dl2urn", dl: "https://https://id.gs1.org/402/95205984950459042", gcp: 6, scheme: Scheme::Gsin, comps: &["952059", "8495045904"], es: "(402)95205984950459042" },
        DlIn { id: "openepcis-gsrn-L70-dl2urn", dl: "https://id.gs1.org/8018/123456789012345675", gcp: 10, scheme: Scheme::Gsrn, comps: &["1234567890", "1234567"], es: "(8018)123456789012345675" },
        DlIn { id: "openepcis-gsrn-L71-dl2urn", dl: "https://hp.com/laptop/8018/123456789012345675", gcp: 10, scheme: Scheme::Gsrn, comps: &["1234567890", "1234567"], es: "(8018)123456789012345675" },
        DlIn { id: "openepcis-gsrn-L72-dl2urn", dl: "https://hp.com/laptop/8018/301037675245142512", gcp: 6, scheme: Scheme::Gsrn, comps: &["301037", "67524514251"], es: "(8018)301037675245142512" },
        DlIn { id: "openepcis-gsrn-L73-dl2urn", dl: "https://hp.com/laptop/8018/302241753828392832", gcp: 6, scheme: Scheme::Gsrn, comps: &["302241", "75382839283"], es: "(8018)302241753828392832" },
        DlIn { id: "openepcis-gsrn-L74-dl2urn", dl: "https://hp.com/laptop/8018/654673483739829824", gcp: 11, scheme: Scheme::Gsrn, comps: &["65467348373", "982982"], es: "(8018)654673483739829824" },
        DlIn { id: "openepcis-itip-L104-dl2urn", dl: "https://id.gs1.org/8006/387061855656575665/21/85945894", gcp: 7, scheme: Scheme::Itip, comps: &["8706185", "356565", "56", "65", "85945894"], es: "(8006)387061855656575665(21)85945894" },
        DlIn { id: "openepcis-itip-L107-dl2urn", dl: "https://id.gs1.org/8006/590448415232328393/21/547564756", gcp: 7, scheme: Scheme::Itip, comps: &["9044841", "552323", "83", "93", "547564756"], es: "(8006)590448415232328393(21)547564756" },
        DlIn { id: "openepcis-pgln-L88-dl2urn", dl: "https://id.gs1.org/417/1234567890128", gcp: 6, scheme: Scheme::Pgln, comps: &["123456", "789012"], es: "(417)1234567890128" },
        DlIn { id: "openepcis-pgln-L91-dl2urn", dl: "https://horrem.kerpen.de/417/1234567890128", gcp: 6, scheme: Scheme::Pgln, comps: &["123456", "789012"], es: "(417)1234567890128" },
        DlIn { id: "openepcis-pgln-L94-dl2urn", dl: "https://horrem.kerpen.de/417/9359267746574", gcp: 8, scheme: Scheme::Pgln, comps: &["93592677", "4657"], es: "(417)9359267746574" },
        DlIn { id: "openepcis-pgln-L97-dl2urn", dl: "https://horrem.kerpen.de/417/7337677829386", gcp: 7, scheme: Scheme::Pgln, comps: &["7337677", "82938"], es: "(417)7337677829386" },
        DlIn { id: "openepcis-pgln-L100-dl2urn", dl: "https://horrem.kerpen.de/417/5345364356437", gcp: 12, scheme: Scheme::Pgln, comps: &["534536435643", ""], es: "(417)5345364356437" },
        DlIn { id: "openepcis-sgln-L101-dl2urn", dl: "https://id.gs1.org/414/1234567890128/254/1234", gcp: 6, scheme: Scheme::Sgln, comps: &["123456", "789012", "1234"], es: "(414)1234567890128(254)1234" },
        DlIn { id: "openepcis-sgln-L104-dl2urn", dl: "https://deutscheBahn.de/train/414/1234567890128/254/1234", gcp: 6, scheme: Scheme::Sgln, comps: &["123456", "789012", "1234"], es: "(414)1234567890128(254)1234" },
        DlIn { id: "openepcis-sgln-L109-dl2urn", dl: "https://id.gs1.org/414/9359074384785/254/0394903", gcp: 8, scheme: Scheme::Sgln, comps: &["93590743", "8478", "0394903"], es: "(414)9359074384785(254)0394903" },
        DlIn { id: "openepcis-sgln-L112-dl2urn", dl: "https://id.gs1.org/414/9359044384784", gcp: 8, scheme: Scheme::Sgln, comps: &["93590443", "8478", "0"], es: "(414)9359044384784" },
        DlIn { id: "openepcis-sgln-L115-dl2urn", dl: "https://id.gs1.org/414/9359239384933/254/4390493", gcp: 8, scheme: Scheme::Sgln, comps: &["93592393", "8493", "4390493"], es: "(414)9359239384933(254)4390493" },
        DlIn { id: "openepcis-sgln-L118-dl2urn", dl: "https://id.gs1.org/414/6880009384936", gcp: 12, scheme: Scheme::Sgln, comps: &["688000938493", "", "0"], es: "(414)6880009384936" },
        DlIn { id: "openepcis-sgln-L121-dl2urn", dl: "https://id.gs1.org/414/4374736473640", gcp: 10, scheme: Scheme::Sgln, comps: &["4374736473", "64", "0"], es: "(414)4374736473640" },
        DlIn { id: "openepcis-sgtin-L96-dl2urn", dl: "https://id.gs1.org/01/12356789080128/21/1234", gcp: 6, scheme: Scheme::Sgtin, comps: &["235678", "1908012", "1234"], es: "(01)12356789080128(21)1234" },
        DlIn { id: "openepcis-sgtin-L99-dl2urn", dl: "https://lidl.de/food/frozen/01/12356789080128/21/1234", gcp: 6, scheme: Scheme::Sgtin, comps: &["235678", "1908012", "1234"], es: "(01)12356789080128(21)1234" },
        DlIn { id: "openepcis-sgtin-L108-dl2urn", dl: "https://lidl.de/food/frozen/01/59046539203747/21/9302932", gcp: 7, scheme: Scheme::Sgtin, comps: &["9046539", "520374", "9302932"], es: "(01)59046539203747(21)9302932" },
        DlIn { id: "openepcis-sgtin-L111-dl2urn", dl: "https://lidl.de/food/frozen/01/60085859894507/21/94304903", gcp: 7, scheme: Scheme::Sgtin, comps: &["0085859", "689450", "94304903"], es: "(01)60085859894507(21)94304903" },
        DlIn { id: "openepcis-sgtin-L116-dl2urn", dl: "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22!%3F()", gcp: 7, scheme: Scheme::Sgtin, comps: &["0614141", "812345", "6789/&%\"!?()"], es: "(01)80614141123458(21)6789/&%\"!?()" },
        DlIn { id: "openepcis-sscc-L94-dl2urn", dl: "https://id.gs1.org/00/012345678901234560", gcp: 6, scheme: Scheme::Sscc, comps: &["123456", "07890123456"], es: "(00)012345678901234560" },
        DlIn { id: "openepcis-sscc-L97-dl2urn", dl: "https://marriot.in/blr/123/00/012345678901234560", gcp: 6, scheme: Scheme::Sscc, comps: &["123456", "07890123456"], es: "(00)012345678901234560" },
        DlIn { id: "openepcis-sscc-L100-dl2urn", dl: "https://marriot.in/blr/123/00/994039403490349033", gcp: 10, scheme: Scheme::Sscc, comps: &["9403940349", "9034903"], es: "(00)994039403490349033" },
        DlIn { id: "openepcis-sscc-L103-dl2urn", dl: "https://marriot.in/blr/123/00/758758475845784857", gcp: 6, scheme: Scheme::Sscc, comps: &["587584", "77584578485"], es: "(00)758758475845784857" },
        DlIn { id: "openepcis-sscc-L106-dl2urn", dl: "https://marriot.in/blr/123/00/936658475845784850", gcp: 7, scheme: Scheme::Sscc, comps: &["3665847", "9584578485"], es: "(00)936658475845784850" },
        DlIn { id: "openepcis-sscc-L109-dl2urn", dl: "https://marriot.in/blr/123/00/893594046673734738", gcp: 8, scheme: Scheme::Sscc, comps: &["93594046", "867373473"], es: "(00)893594046673734738" },
        DlIn { id: "openepcis-upui-L78-dl2urn", dl: "https://id.gs1.org/01/12345678901231/235/1111ANC", gcp: 6, scheme: Scheme::Upui, comps: &["234567", "1890123", "1111ANC"], es: "(01)12345678901231(235)1111ANC" },
        DlIn { id: "openepcis-upui-L81-dl2urn", dl: "https://maps.google.com.in.de.00/12/01/12345678901231/235/1111ANC", gcp: 6, scheme: Scheme::Upui, comps: &["234567", "1890123", "1111ANC"], es: "(01)12345678901231(235)1111ANC" },
    ];

    /// EPC -> Digital Link vectors: `dl` as the vector states it, `strict` re-encoded per the
    /// GS1 Digital Link grammar (every character outside A-Z a-z 0-9 - . _ ~ escaped).
    #[rustfmt::skip]
    const DL_OUT: &[DlOut] = &[
        DlOut { id: "openepcis-cpi-L53-urn2dl", scheme: Scheme::Cpi, comps: &["3813667", "83201294-5A", "489332"], dl: "https://id.gs1.org/8010/381366783201294-5A/8011/489332", strict: "https://id.gs1.org/8010/381366783201294-5A/8011/489332" },
        DlOut { id: "openepcis-cpi-L54-urn2dl", scheme: Scheme::Cpi, comps: &["123456", "789012345", "1111"], dl: "https://id.gs1.org/8010/123456789012345/8011/1111", strict: "https://id.gs1.org/8010/123456789012345/8011/1111" },
        DlOut { id: "openepcis-cpi-L55-urn2dl", scheme: Scheme::Cpi, comps: &["0614141", "123ABC", "123456789"], dl: "https://id.gs1.org/8010/0614141123ABC/8011/123456789", strict: "https://id.gs1.org/8010/0614141123ABC/8011/123456789" },
        DlOut { id: "openepcis-cpi-L57-urn2dl", scheme: Scheme::Cpi, comps: &["0614141", "11111111111111-A#/", "1234"], dl: "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234", strict: "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234" },
        DlOut { id: "openepcis-gcn-L56-urn2dl", scheme: Scheme::Sgcn, comps: &["1234567890", "12", "1234"], dl: "https://id.gs1.org/255/12345678901281234", strict: "https://id.gs1.org/255/12345678901281234" },
        DlOut { id: "openepcis-gcn-L57-urn2dl", scheme: Scheme::Sgcn, comps: &["1234567890", "12", "45678901234"], dl: "https://id.gs1.org/255/123456789012845678901234", strict: "https://id.gs1.org/255/123456789012845678901234" },
        DlOut { id: "openepcis-gcn-L58-urn2dl", scheme: Scheme::Sgcn, comps: &["439439434939", "", "4"], dl: "https://id.gs1.org/255/43943943493924", strict: "https://id.gs1.org/255/43943943493924" },
        DlOut { id: "openepcis-gcn-L59-urn2dl", scheme: Scheme::Sgcn, comps: &["5485948594", "85", "95495849"], dl: "https://id.gs1.org/255/548594859485295495849", strict: "https://id.gs1.org/255/548594859485295495849" },
        DlOut { id: "openepcis-gdti-L48-urn2dl", scheme: Scheme::Gdti, comps: &["1234567890", "12", "ABC"], dl: "https://id.gs1.org/253/1234567890128ABC", strict: "https://id.gs1.org/253/1234567890128ABC" },
        DlOut { id: "openepcis-gdti-L49-urn2dl", scheme: Scheme::Gdti, comps: &["124757", "578484", "!"], dl: "https://id.gs1.org/253/1247575784846!", strict: "https://id.gs1.org/253/1247575784846%21" },
        DlOut { id: "openepcis-gdti-L51-urn2dl", scheme: Scheme::Gdti, comps: &["434934948984", "", "4"], dl: "https://id.gs1.org/253/43493494898454", strict: "https://id.gs1.org/253/43493494898454" },
        DlOut { id: "openepcis-giai-L52-urn2dl", scheme: Scheme::Giai, comps: &["123456789012", "123"], dl: "https://id.gs1.org/8004/123456789012123", strict: "https://id.gs1.org/8004/123456789012123" },
        DlOut { id: "openepcis-giai-L55-urn2dl", scheme: Scheme::Giai, comps: &["123456", "7"], dl: "https://id.gs1.org/8004/1234567", strict: "https://id.gs1.org/8004/1234567" },
        DlOut { id: "openepcis-giai-L56-urn2dl", scheme: Scheme::Giai, comps: &["839495849585", "0"], dl: "https://id.gs1.org/8004/8394958495850", strict: "https://id.gs1.org/8004/8394958495850" },
        DlOut { id: "openepcis-ginc-L51-urn2dl", scheme: Scheme::Ginc, comps: &["1234567890", "1234"], dl: "https://id.gs1.org/401/12345678901234", strict: "https://id.gs1.org/401/12345678901234" },
        DlOut { id: "openepcis-ginc-L54-urn2dl", scheme: Scheme::Ginc, comps: &["473847", "3"], dl: "https://id.gs1.org/401/4738473", strict: "https://id.gs1.org/401/4738473" },
        DlOut { id: "openepcis-ginc-L55-urn2dl", scheme: Scheme::Ginc, comps: &["484930473847", "3"], dl: "https://id.gs1.org/401/4849304738473", strict: "https://id.gs1.org/401/4849304738473" },
        DlOut { id: "openepcis-grai-L56-urn2dl", scheme: Scheme::Grai, comps: &["1234567890", "12", "4ABC"], dl: "https://id.gs1.org/8003/012345678901284ABC", strict: "https://id.gs1.org/8003/012345678901284ABC" },
        DlOut { id: "openepcis-grai-L59-urn2dl", scheme: Scheme::Grai, comps: &["123456789012", "", "4"], dl: "https://id.gs1.org/8003/012345678901284", strict: "https://id.gs1.org/8003/012345678901284" },
        DlOut { id: "openepcis-gsin-L55-urn2dl", scheme: Scheme::Gsin, comps: &["123456", "7890123456"], dl: "https://id.gs1.org/402/12345678901234560", strict: "https://id.gs1.org/402/12345678901234560" },
        DlOut { id: "openepcis-gsin-L56-urn2dl", scheme: Scheme::Gsin, comps: &["483984", "3984398439"], dl: "https://id.gs1.org/402/48398439843984392", strict: "https://id.gs1.org/402/48398439843984392" },
        DlOut { id: "openepcis-gsin-L57-urn2dl", scheme: Scheme::Gsin, comps: &["859485945045", "0454"], dl: "https://id.gs1.org/402/85948594504504549", strict: "https://id.gs1.org/402/85948594504504549" },
        DlOut { id: "openepcis-gsrnp-L56-urn2dl", scheme: Scheme::Gsrnp, comps: &["1234567890", "1234567"], dl: "https://id.gs1.org/8017/123456789012345675", strict: "https://id.gs1.org/8017/123456789012345675" },
        DlOut { id: "openepcis-gsrnp-L59-urn2dl", scheme: Scheme::Gsrnp, comps: &["843984", "93439439493"], dl: "https://id.gs1.org/8017/843984934394394932", strict: "https://id.gs1.org/8017/843984934394394932" },
        DlOut { id: "openepcis-gsrnp-L62-urn2dl", scheme: Scheme::Gsrnp, comps: &["578457847548", "75847"], dl: "https://id.gs1.org/8017/578457847548758479", strict: "https://id.gs1.org/8017/578457847548758479" },
        DlOut { id: "openepcis-gsrnp-L65-urn2dl", scheme: Scheme::Gsrnp, comps: &["3454254352", "3524352"], dl: "https://id.gs1.org/8017/345425435235243521", strict: "https://id.gs1.org/8017/345425435235243521" },
        DlOut { id: "openepcis-gsrn-L48-urn2dl", scheme: Scheme::Gsrn, comps: &["1234567890", "1234567"], dl: "https://id.gs1.org/8018/123456789012345675", strict: "https://id.gs1.org/8018/123456789012345675" },
        DlOut { id: "openepcis-gsrn-L49-urn2dl", scheme: Scheme::Gsrn, comps: &["142512", "45142152511"], dl: "https://id.gs1.org/8018/142512451421525110", strict: "https://id.gs1.org/8018/142512451421525110" },
        DlOut { id: "openepcis-gsrn-L50-urn2dl", scheme: Scheme::Gsrn, comps: &["673674637437", "47783"], dl: "https://id.gs1.org/8018/673674637437477836", strict: "https://id.gs1.org/8018/673674637437477836" },
        DlOut { id: "openepcis-gsrn-L51-urn2dl", scheme: Scheme::Gsrn, comps: &["654683828", "92302309"], dl: "https://id.gs1.org/8018/654683828923023096", strict: "https://id.gs1.org/8018/654683828923023096" },
        DlOut { id: "openepcis-itip-L62-urn2dl", scheme: Scheme::Itip, comps: &["234567", "1890123", "56", "78", "1111"], dl: "https://id.gs1.org/8006/123456789012315678/21/1111", strict: "https://id.gs1.org/8006/123456789012315678/21/1111" },
        DlOut { id: "openepcis-itip-L68-urn2dl", scheme: Scheme::Itip, comps: &["583483473847", "7", "34", "74", "5785"], dl: "https://id.gs1.org/8006/758348347384713474/21/5785", strict: "https://id.gs1.org/8006/758348347384713474/21/5785" },
        DlOut { id: "openepcis-itip-L71-urn2dl", scheme: Scheme::Itip, comps: &["3564536535", "664", "35", "64", "85945894"], dl: "https://id.gs1.org/8006/635645365356453564/21/85945894", strict: "https://id.gs1.org/8006/635645365356453564/21/85945894" },
        DlOut { id: "openepcis-lgtin-L55-urn2dl", scheme: Scheme::Lgtin, comps: &["4023333", "002000", "2019-10-07"], dl: "https://id.gs1.org/01/04023333020008/10/2019-10-07", strict: "https://id.gs1.org/01/04023333020008/10/2019-10-07" },
        DlOut { id: "openepcis-lgtin-L56-urn2dl", scheme: Scheme::Lgtin, comps: &["234567", "1890124", "1234"], dl: "https://id.gs1.org/01/12345678901248/10/1234", strict: "https://id.gs1.org/01/12345678901248/10/1234" },
        DlOut { id: "openepcis-pgln-L56-urn2dl", scheme: Scheme::Pgln, comps: &["123456", "789012"], dl: "https://id.gs1.org/417/1234567890128", strict: "https://id.gs1.org/417/1234567890128" },
        DlOut { id: "openepcis-pgln-L58-urn2dl", scheme: Scheme::Pgln, comps: &["473847", "837483"], dl: "https://id.gs1.org/417/4738478374830", strict: "https://id.gs1.org/417/4738478374830" },
        DlOut { id: "openepcis-pgln-L60-urn2dl", scheme: Scheme::Pgln, comps: &["859839494502", ""], dl: "https://id.gs1.org/417/8598394945028", strict: "https://id.gs1.org/417/8598394945028" },
        DlOut { id: "openepcis-pgln-L62-urn2dl", scheme: Scheme::Pgln, comps: &["0394039", "40394"], dl: "https://id.gs1.org/417/0394039403940", strict: "https://id.gs1.org/417/0394039403940" },
        DlOut { id: "openepcis-sgln-L60-urn2dl", scheme: Scheme::Sgln, comps: &["1234567890", "11", "1111"], dl: "https://id.gs1.org/414/1234567890111/254/1111", strict: "https://id.gs1.org/414/1234567890111/254/1111" },
        DlOut { id: "openepcis-sgln-L66-urn2dl", scheme: Scheme::Sgln, comps: &["437473647364", "", "0"], dl: "https://id.gs1.org/414/4374736473640", strict: "https://id.gs1.org/414/4374736473640" },
        DlOut { id: "openepcis-sgln-L68-urn2dl", scheme: Scheme::Sgln, comps: &["785783", "438478", "0394903"], dl: "https://id.gs1.org/414/7857834384782/254/0394903", strict: "https://id.gs1.org/414/7857834384782/254/0394903" },
        DlOut { id: "openepcis-sgln-L71-urn2dl", scheme: Scheme::Sgln, comps: &["4374736473", "64", "0"], dl: "https://id.gs1.org/414/4374736473640", strict: "https://id.gs1.org/414/4374736473640" },
        DlOut { id: "openepcis-sgtin-L59-urn2dl", scheme: Scheme::Sgtin, comps: &["234567890", "1123", "9999"], dl: "https://id.gs1.org/01/12345678901231/21/9999", strict: "https://id.gs1.org/01/12345678901231/21/9999" },
        DlOut { id: "openepcis-sgtin-L68-urn2dl", scheme: Scheme::Sgtin, comps: &["387583", "7784374", "9302932"], dl: "https://id.gs1.org/01/73875837843740/21/9302932", strict: "https://id.gs1.org/01/73875837843740/21/9302932" },
        DlOut { id: "openepcis-sgtin-L71-urn2dl", scheme: Scheme::Sgtin, comps: &["387583784374", "7", "9302932"], dl: "https://id.gs1.org/01/73875837843740/21/9302932", strict: "https://id.gs1.org/01/73875837843740/21/9302932" },
        DlOut { id: "openepcis-sgtin-L76-urn2dl", scheme: Scheme::Sgtin, comps: &["0614141", "812345", "6789/&%\"!?()"], dl: "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22!%3F()", strict: "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29" },
        DlOut { id: "openepcis-sscc-L60-urn2dl", scheme: Scheme::Sscc, comps: &["123456", "06663868985"], dl: "https://id.gs1.org/00/012345666638689852", strict: "https://id.gs1.org/00/012345666638689852" },
        DlOut { id: "openepcis-sscc-L63-urn2dl", scheme: Scheme::Sscc, comps: &["743847384738", "47483"], dl: "https://id.gs1.org/00/474384738473874832", strict: "https://id.gs1.org/00/474384738473874832" },
        DlOut { id: "openepcis-sscc-L66-urn2dl", scheme: Scheme::Sscc, comps: &["587584", "77584578485"], dl: "https://id.gs1.org/00/758758475845784857", strict: "https://id.gs1.org/00/758758475845784857" },
        DlOut { id: "openepcis-sscc-L69-urn2dl", scheme: Scheme::Sscc, comps: &["9403940349", "9034903"], dl: "https://id.gs1.org/00/994039403490349033", strict: "https://id.gs1.org/00/994039403490349033" },
        DlOut { id: "openepcis-upui-L48-urn2dl", scheme: Scheme::Upui, comps: &["234567", "1890123", "1111ANC"], dl: "https://id.gs1.org/01/12345678901231/235/1111ANC", strict: "https://id.gs1.org/01/12345678901231/235/1111ANC" },
        DlOut { id: "openepcis-upui-L57-urn2dl", scheme: Scheme::Upui, comps: &["857834", "7838473", "8398439"], dl: "https://id.gs1.org/01/78578348384737/235/8398439", strict: "https://id.gs1.org/01/78578348384737/235/8398439" },
    ];

    /// Invalid Digital Links (id, input, GCP length).
    #[rustfmt::skip]
    const DL_INVALID: &[(&str, &str, u8)] = &[
        ("openepcis-gsrnp-L86-bad-checkdigit", "https://id.gs1.org/8017/123456789012345678", 10),
        ("openepcis-gsrnp-L89-bad-checkdigit", "https://google.com/8017/123456789012345678", 10),
        ("openepcis-gsrnp-L92-bad-checkdigit", "https://google.com/8017/643963764374736343", 7),
        ("openepcis-gsrnp-L95-bad-checkdigit", "https://google.com/8017/645933932413121231", 7),
        ("openepcis-gsrnp-L98-bad-checkdigit", "https://google.com/8017/667602231213121237", 12),
        ("openepcis-itip-L94-bad-checkdigit", "https://riseagainst.com/songs/8006/123456789012356787/21/1111", 10),
        ("openepcis-lgtin-L83-bad-checkdigit", "https://id.gs1.org/01/59850359038590/10/2z32746", 10),
        ("openepcis-lgtin-L88-bad-checkdigit", "https://id.gs1.org/01/59046477538590/10/2z32746", 7),
        ("openepcis-lgtin-L93-bad-checkdigit", "https://id.gs1.org/01/59046537003451/10/998877", 7),
        ("openepcis-lgtin-L98-bad-checkdigit", "https://samsung.com/de/01/12345678901234/10/9999", 6),
        ("openepcis-lgtin-L103-bad-checkdigit", "https://id.gs1.org/01/12475775757579/10/488484", 10),
        ("openepcis-upui-L94-bad-checkdigit", "https://id.gs1.org/01/89359443847373/235/8398439", 7),
        ("openepcis-upui-L97-bad-checkdigit", "https://id.gs1.org/01/93511525326356/235/0230293", 7),
    ];

    /// Vectors (from OpenEPCIS's tests) whose GTIN has GS1 Prefix 23 or 28
    /// (restricted circulation, TDS §7.3.5: shall not form an EPC).
    const RESTRICTED: &[&str] = &[
        "openepcis-sgtin-L96-dl2urn",
        "openepcis-sgtin-L99-dl2urn",
        "openepcis-upui-L78-dl2urn",
        "openepcis-upui-L81-dl2urn",
        "openepcis-itip-L62-urn2dl",
        "openepcis-lgtin-L56-urn2dl",
        "openepcis-sgtin-L59-urn2dl",
        "openepcis-upui-L48-urn2dl",
    ];

    /// A vector (OpenEPCIS) whose GIAI has 31 characters: AI (8004) and the
    /// GIAI EPC allow at most 30 (GS1 General Specifications; TDS §6.3.5).
    const TOO_LONG: &[&str] = &["openepcis-giai-L90-dl2urn"];

    /// Vectors whose stated Digital Link leaves `!`, `(`, `)` unescaped
    /// (OpenEPCIS); the GS1 Digital Link grammar requires `%21`, `%28`, `%29`.
    const NOT_STRICT: &[&str] = &["openepcis-gdti-L49-urn2dl", "openepcis-sgtin-L76-urn2dl"];

    fn epc(scheme: Scheme, comps: &[&str]) -> Epc<'static> {
        Epc::from_components(scheme, comps)
            .expect("valid components")
            .into_owned()
    }

    fn from_dl(dl: &str, gcp: u8) -> Result<Vec<String>, (ErrorKind, usize)> {
        Epc::from_digital_link(dl, &gcp)
            .map(|e| e.components().map(str::to_owned).collect())
            .map_err(|e| (e.kind(), e.offset()))
    }

    fn parse_err(dl: &str) -> (ErrorKind, usize) {
        let e = parse_digital_link(dl).expect_err(dl);
        (e.kind(), e.offset())
    }

    fn es_of(dl: &str) -> String {
        parse_digital_link(dl)
            .unwrap_or_else(|e| panic!("{dl}: {e}"))
            .to_string()
    }

    #[test]
    fn vectors_digital_link_to_epc() {
        for v in DL_IN {
            if TOO_LONG.contains(&v.id) {
                assert_eq!(
                    parse_err(v.dl),
                    (ErrorKind::InvalidAiValue, v.dl.len() - 1),
                    "{}",
                    v.id
                );
                continue;
            }
            assert_eq!(es_of(v.dl), v.es, "{}", v.id);
            let got = Epc::from_digital_link(v.dl, &v.gcp);
            if RESTRICTED.contains(&v.id) {
                assert_eq!(
                    got.map_err(|e| e.kind()),
                    Err(ErrorKind::RestrictedGtin),
                    "{}",
                    v.id
                );
                continue;
            }
            let got = got.unwrap_or_else(|e| panic!("{}: {e}", v.id));
            assert_eq!(got.scheme(), v.scheme, "{}", v.id);
            assert_eq!(got.components().collect::<Vec<_>>(), v.comps, "{}", v.id);
        }
    }

    #[test]
    fn vectors_epc_to_digital_link() {
        for v in DL_OUT {
            let e = epc(v.scheme, v.comps);
            let got = e
                .to_digital_link(DEFAULT_BASE)
                .unwrap_or_else(|e| panic!("{}: {e}", v.id));
            assert_eq!(got, v.strict, "{}", v.id);
            assert_eq!(v.dl == v.strict, !NOT_STRICT.contains(&v.id), "{}", v.id);
            // Both the strict form and the stated (possibly lax) form read back.
            let gcp = u8::try_from(v.comps[0].len()).expect("gcp");
            for dl in [v.strict, v.dl] {
                let back = Epc::from_digital_link(dl, &gcp);
                if RESTRICTED.contains(&v.id) {
                    assert_eq!(
                        back.map_err(|e| e.kind()),
                        Err(ErrorKind::RestrictedGtin),
                        "{}",
                        v.id
                    );
                } else {
                    assert_eq!(back.as_ref(), Ok(&e), "{} {dl}", v.id);
                }
            }
        }
    }

    #[test]
    fn vectors_invalid_digital_links() {
        for (id, dl, gcp) in DL_INVALID {
            let err = Epc::from_digital_link(dl, gcp).expect_err(id);
            if id.ends_with("bad-checkdigit") {
                assert_eq!(err.kind(), ErrorKind::CheckDigit, "{id}");
                // The offset is that of the key's check digit.
                let (value_at, check) = if let Some(p) = dl.find("/8006/") {
                    (p + 6, 13)
                } else if let Some(p) = dl.find("/8017/") {
                    (p + 6, 17)
                } else {
                    (dl.find("/01/").map_or(0, |p| p + 4), 13)
                };
                assert_eq!(err.offset(), value_at + check, "{id}");
            }
        }
    }

    #[test]
    fn escaping() {
        // REFERENCE §5: `!`, `(` and `)` must be escaped in a Digital Link.
        let e = epc(
            Scheme::Sgtin,
            &["0614141", "812345", "A!()*'_.-/%\"+,<=>?&"],
        );
        assert_eq!(
            e.to_digital_link(DEFAULT_BASE).as_deref(),
            Ok(
                "https://id.gs1.org/01/80614141123458/21/A%21%28%29%2A%27_.-%2F%25%22%2B%2C%3C%3D%3E%3F%26"
            )
        );
        // Any escape decodes, upper- or lowercase, of legal characters too.
        assert_eq!(
            from_dl("https://id.gs1.org/01/80614141123458/21/%41%62%2fc!()", 7),
            Ok(vec!["0614141".into(), "812345".into(), "Ab/c!()".into()])
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a%2"),
            (ErrorKind::InvalidEscape, 41)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a%zz"),
            (ErrorKind::InvalidEscape, 41)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a%C3%A9"),
            (ErrorKind::InvalidAiValue, 41)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a b"),
            (ErrorKind::InvalidDigitalLink, 41)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a%20b"),
            (ErrorKind::InvalidAiValue, 41)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/80614141123458/21/a$"),
            (ErrorKind::InvalidAiValue, 41)
        );
    }

    #[test]
    fn bases_and_prefixes() {
        let e = epc(Scheme::Sgln, &["9521141", "12345", "32a/b"]);
        for (base, want) in [
            (
                "https://example.com/some/path/",
                "https://example.com/some/path/414/9521141123454/254/32a%2Fb",
            ),
            (
                "http://example.com:8080",
                "http://example.com:8080/414/9521141123454/254/32a%2Fb",
            ),
            (
                "HTTPS://ID.GS1.ORG",
                "HTTPS://ID.GS1.ORG/414/9521141123454/254/32a%2Fb",
            ),
        ] {
            let dl = e.to_digital_link(base).expect(base);
            assert_eq!(dl, want);
            assert_eq!(Epc::from_digital_link(&dl, &7u8), Ok(e));
        }
        for (base, at) in [
            ("ftp://x", 0),
            ("https://", 8),
            ("https://x/a?b", 11),
            ("https://x#f", 9),
            ("", 0),
        ] {
            let got = e.to_digital_link(base).map_err(|e| (e.kind(), e.offset()));
            assert_eq!(got, Err((ErrorKind::InvalidDigitalLink, at)), "{base}");
        }
        let mut out = String::from("x ");
        assert!(e.write_digital_link("nope", &mut out).is_err());
        assert_eq!(out, "x ");
        e.write_digital_link(DEFAULT_BASE, &mut out).expect("write");
        assert_eq!(out, "x https://id.gs1.org/414/9521141123454/254/32a%2Fb");
    }

    #[test]
    fn path_structure() {
        let gtin = "https://id.gs1.org/01/09521141123454";
        assert_eq!(es_of(&format!("{gtin}/")), "(01)09521141123454");
        assert_eq!(
            es_of(&format!("{gtin}/22/V/10/L/21/S")),
            "(01)09521141123454(22)V(10)L(21)S"
        );
        assert_eq!(es_of(&format!("{gtin}/235/T")), "(01)09521141123454(235)T");
        assert_eq!(
            es_of("https://x.org/01/a/01/09521141123454/21/01"),
            "(01)09521141123454(21)01",
            "prefix segments that look like AIs"
        );
        // Order and alternatives.
        let bad = format!("{gtin}/21/S/10/L");
        assert_eq!(
            parse_err(&bad),
            (
                ErrorKind::InvalidDigitalLink,
                bad.find("/10/").unwrap_or(0) + 1
            )
        );
        let bad = format!("{gtin}/10/L/235/T");
        assert_eq!(
            parse_err(&bad),
            (
                ErrorKind::InvalidDigitalLink,
                bad.find("/235/").unwrap_or(0) + 1
            )
        );
        assert_eq!(
            parse_err(&format!("{gtin}/21/S/21/S")).0,
            ErrorKind::InvalidDigitalLink
        );
        assert_eq!(
            parse_err("https://id.gs1.org/00/095211411234567892/21/1").0,
            ErrorKind::InvalidDigitalLink
        );
        // No key, convenience alphas, short GTINs, empty values.
        assert_eq!(
            parse_err("https://id.gs1.org/"),
            (ErrorKind::InvalidDigitalLink, 18)
        );
        assert_eq!(
            parse_err("https://id.gs1.org"),
            (ErrorKind::InvalidDigitalLink, 18)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/gtin/09521141123454").0,
            ErrorKind::InvalidDigitalLink
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/09521141123454/foo").0,
            ErrorKind::InvalidDigitalLink
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/9521141123454"),
            (ErrorKind::InvalidAiValue, 35)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/09521141123454/21/"),
            (ErrorKind::InvalidDigitalLink, 18)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/09521141123454/21//"),
            (ErrorKind::InvalidAiValue, 40)
        );
        assert_eq!(
            parse_err("https://id.gs1.org/01/09521141123455"),
            (ErrorKind::CheckDigit, 35)
        );
        assert_eq!(parse_err(""), (ErrorKind::Empty, 0));
        assert_eq!(
            parse_err("urn:epc:id:sgtin:0614141.812345.6789"),
            (ErrorKind::InvalidDigitalLink, 0)
        );
        assert_eq!(
            parse_err("https:///01/09521141123454"),
            (ErrorKind::InvalidDigitalLink, 8)
        );
        assert_eq!(
            parse_err("https://a b/01/09521141123454"),
            (ErrorKind::InvalidDigitalLink, 9)
        );
        assert_eq!(
            parse_err("https://x/p q/01/09521141123454"),
            (ErrorKind::InvalidDigitalLink, 11)
        );
    }

    #[test]
    fn query_and_fragment() {
        let base = "https://id.gs1.org/01/09521141123454/21/S";
        let full = format!("{base}?17=261231&linkType=gs1:pip&10=L%2F1#frag");
        let e = parse_digital_link(&full).expect("valid");
        assert_eq!(e.to_string(), "(01)09521141123454(21)S(17)261231(10)L/1");
        let want = Ok(vec!["9521141".to_owned(), "012345".into(), "S".into()]);
        assert_eq!(from_dl(&format!("{base}?17=261231&10=L#x y"), 7), want);
        assert_eq!(from_dl(&format!("{base}?&&context=a/b?c&x"), 7), want);
        assert_eq!(
            from_dl(&format!("{base}?21=S"), 7),
            Err((ErrorKind::UnknownAi, 42))
        );
        assert_eq!(
            from_dl(&format!("{base}?04=1"), 7),
            Err((ErrorKind::UnknownAi, 42))
        );
        assert_eq!(
            from_dl(&format!("{base}?17=261331"), 7),
            Err((ErrorKind::InvalidAiValue, 47))
        );
        assert_eq!(
            from_dl(&format!("{base}?17"), 7),
            Err((ErrorKind::InvalidAiValue, 44))
        );
        assert_eq!(
            from_dl(&format!("{base}?x=%G1"), 7),
            Err((ErrorKind::InvalidEscape, 44))
        );
        assert_eq!(
            from_dl(&format!("{base}?x=a b"), 7),
            Err((ErrorKind::InvalidDigitalLink, 45))
        );
        assert_eq!(from_dl(&format!("{base}?01=09521141123454"), 7), want);
        assert_eq!(
            from_dl(&format!("{base}?01=00614141123452"), 7),
            Err((ErrorKind::InvalidDigitalLink, 42))
        );
    }

    #[test]
    fn schemes() {
        let dl = |s: Scheme, c: &[&str]| epc(s, c).to_digital_link(DEFAULT_BASE).expect("dl");
        assert_eq!(
            dl(Scheme::Sgln, &["0614141", "12345", "0"]),
            "https://id.gs1.org/414/0614141123452"
        );
        assert_eq!(
            dl(Scheme::Grai, &["0614141", "12345", "A"]),
            "https://id.gs1.org/8003/00614141123452A"
        );
        assert_eq!(
            dl(Scheme::Itip, &["4012345", "012345", "01", "02", "x"]),
            "https://id.gs1.org/8006/040123451234560102/21/x"
        );
        assert_eq!(
            dl(Scheme::Cpi, &["0614141", "5PQ7/Z43", "12345"]),
            "https://id.gs1.org/8010/06141415PQ7%2FZ43/8011/12345"
        );
        assert_eq!(
            dl(Scheme::Giai, &["0614141", "A:B"]),
            "https://id.gs1.org/8004/0614141A%3AB"
        );
        assert_eq!(
            from_dl("https://id.gs1.org/8004/0614141A:B", 7),
            Ok(vec!["0614141".into(), "A:B".into()])
        );
        assert_eq!(
            from_dl("https://id.gs1.org/414/0614141123452/254/0", 7),
            Ok(vec!["0614141".into(), "12345".into(), "0".into()])
        );
        let got = epc(Scheme::Gid, &["95100000", "12345", "400"]).to_digital_link(DEFAULT_BASE);
        assert_eq!(got.map_err(|e| e.kind()), Err(ErrorKind::NoTranslation));
        let itip = epc(Scheme::Itip, &["4012345", "012345", "03", "02", "x"]);
        assert_eq!(
            itip.to_digital_link(DEFAULT_BASE).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidAiValue)
        );
        assert_eq!(
            itip.to_element_string().map_err(|e| e.kind()),
            Err(ErrorKind::InvalidAiValue)
        );
        // A Digital Link that is valid but not an EPC.
        assert_eq!(
            from_dl("https://id.gs1.org/01/09521141123454", 7).map_err(|e| e.0),
            Err(ErrorKind::InvalidElementString)
        );
        assert_eq!(
            from_dl("https://id.gs1.org/8013/1234AB", 7).map_err(|e| e.0),
            Err(ErrorKind::InvalidElementString)
        );
        assert_eq!(
            from_dl("https://id.gs1.org/01/09521141123454/21/S", 13),
            Err((ErrorKind::GcpLengthUnknown, 23))
        );
    }

    #[test]
    fn element_string_to_digital_link() {
        let e = ElementString::parse("(17)261231(21)S(01)09521141123454(10)L/1(3103)000123")
            .expect("es");
        assert_eq!(
            e.to_digital_link("https://example.com/").as_deref(),
            Ok("https://example.com/01/09521141123454/10/L%2F1/21/S?17=261231&3103=000123")
        );
        let back = parse_digital_link(
            "https://example.com/01/09521141123454/10/L%2F1/21/S?17=261231&3103=000123",
        )
        .expect("dl");
        assert_eq!(back.len(), 5);
        let e = ElementString::parse("(414)9521141123454(254)1(7040)1ABC").expect("es");
        assert_eq!(
            e.to_digital_link(DEFAULT_BASE).map_err(|e| e.kind()),
            Err(ErrorKind::UnknownAi)
        );
        let e = ElementString::parse("(00)095211411234567892(01)09521141123454").expect("es");
        assert_eq!(
            e.to_digital_link(DEFAULT_BASE).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidElementString)
        );
        let e = ElementString::parse("(17)261231").expect("es");
        assert_eq!(
            e.to_digital_link(DEFAULT_BASE).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidElementString)
        );
        let e = ElementString::parse("(01)09521141123454(17)261231(17)261231").expect("es");
        assert_eq!(
            e.to_digital_link(DEFAULT_BASE).as_deref(),
            Ok("https://id.gs1.org/01/09521141123454?17=261231")
        );
    }

    proptest::proptest! {
        /// Hostile input never panics; an EPC read from a Digital Link
        /// writes a Digital Link that reads back to the same EPC.
        #[test]
        fn parse_never_panics_and_round_trips(
            s in "(https?|HTTP|ftp)://[a-z.:@%]{0,6}(/[a-z]{1,3})?(/(01|21|10|22|235|414|254|8003|8004|8006|8010|8011|00|253|255|401|402|417|8017|8018|7040)/[0-9A-Za-z%!()*'.:~\"-]{0,20}){0,4}/?(\\?[0-9a-z=&%]{0,12})?(#.{0,3})?"
        ) {
            let _ = parse_digital_link(&s);
            for gcp in [6u8, 7, 9, 12] {
                if let Ok(epc) = Epc::from_digital_link(&s, &gcp) {
                    let dl = epc.to_digital_link("https://example.org/x");
                    proptest::prop_assert!(dl.is_ok(), "{s:?} -> {epc} -> {dl:?}");
                    let back = Epc::from_digital_link(&dl.unwrap_or_default(), &gcp);
                    proptest::prop_assert_eq!(back, Ok(epc));
                }
            }
        }

        /// Random valid SGTINs: the Digital Link reads back.
        #[test]
        fn sgtin_round_trip(
            gcp in "[3-8][0-9]{5,11}", // GS1 Prefixes that may form SGTINs
            item in "[0-9]{0,6}",
            serial in "[!-~]{1,20}",
        ) {
            let l = gcp.len();
            let item_ref = format!("1{}", &item[..item.len().min(12 - l)]);
            let item_ref = format!("{item_ref:0<width$}", width = 13 - l);
            let serial: String = serial.chars().filter(|c| !"#$@[\\]^`{|}~".contains(*c)).collect();
            if let Ok(epc) = Epc::from_components(Scheme::Sgtin, &[&gcp, &item_ref, &serial]) {
                let dl = epc.to_digital_link(DEFAULT_BASE);
                proptest::prop_assert!(dl.is_ok(), "{epc}: {dl:?}");
                let l = u8::try_from(l).unwrap_or(0);
                proptest::prop_assert_eq!(Epc::from_digital_link(&dl.unwrap_or_default(), &l), Ok(epc));
                let es = epc.to_element_string();
                proptest::prop_assert!(es.is_ok());
            }
        }
    }
}
