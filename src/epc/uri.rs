//! Pure identity URIs (`urn:epc:id:`), the LGTIN class URI
//! (`urn:epc:class:lgtin:`), ID pattern URIs (`urn:epc:idpat:`) and EPC tag
//! URIs (`urn:epc:tag:`): TDS 1.13 §6, §8, §12 grammar.
//!
//! Lexing here, rules in `spec`: this module splits the body into
//! components, checks which characters may appear raw, decodes escapes
//! (borrowing when there are none) and maps the rule errors of `spec` back
//! to byte offsets of the input.

use super::binary::{BinaryScheme, TagEpc};
use super::escape::{self, NEEDS_ESCAPE, RAW_GS3A3, RAW_UPPER};
use super::spec::{self, FieldError, Kind};
use super::text::{AsciiBuf, Fields, Text, ValueBuf};
use super::{Epc, ErrorKind, MAX_COMPONENTS, ParseError, Scheme};
use std::fmt;

const ID: &[u8] = b"urn:epc:id:";
const CLASS: &[u8] = b"urn:epc:class:";
const IDPAT: &[u8] = b"urn:epc:idpat:";
const TAG: &[u8] = b"urn:epc:tag:";

/// The URI prefix of a scheme, e.g. `urn:epc:id:sgtin:`.
pub(crate) fn prefix(s: Scheme) -> &'static str {
    match s {
        Scheme::Sgtin => "urn:epc:id:sgtin:",
        Scheme::Sscc => "urn:epc:id:sscc:",
        Scheme::Sgln => "urn:epc:id:sgln:",
        Scheme::Grai => "urn:epc:id:grai:",
        Scheme::Giai => "urn:epc:id:giai:",
        Scheme::Gsrn => "urn:epc:id:gsrn:",
        Scheme::Gsrnp => "urn:epc:id:gsrnp:",
        Scheme::Gdti => "urn:epc:id:gdti:",
        Scheme::Cpi => "urn:epc:id:cpi:",
        Scheme::Sgcn => "urn:epc:id:sgcn:",
        Scheme::Ginc => "urn:epc:id:ginc:",
        Scheme::Gsin => "urn:epc:id:gsin:",
        Scheme::Itip => "urn:epc:id:itip:",
        Scheme::Upui => "urn:epc:id:upui:",
        Scheme::Pgln => "urn:epc:id:pgln:",
        Scheme::Gid => "urn:epc:id:gid:",
        Scheme::Usdod => "urn:epc:id:usdod:",
        Scheme::Adi => "urn:epc:id:adi:",
        Scheme::Bic => "urn:epc:id:bic:",
        Scheme::Imovn => "urn:epc:id:imovn:",
        Scheme::Lgtin => "urn:epc:class:lgtin:",
    }
}

/// Offset of the first byte where `input` stops matching `expected` (for
/// an error that points at the wrong character, not at 0).
fn mismatch(input: &[u8], expected: &[u8]) -> usize {
    input
        .iter()
        .zip(expected)
        .take_while(|(a, b)| a == b)
        .count()
}

/// Reads `name:` at `at`; returns the name and the offset after the colon.
fn name_at(b: &[u8], at: usize) -> Result<(&[u8], usize), ParseError> {
    let rest = b.get(at..).unwrap_or_default();
    match rest.iter().position(|&c| c == b':') {
        Some(n) => Ok((&rest[..n], at + n + 1)),
        None => Err(ParseError::new(ErrorKind::UnknownScheme, at)),
    }
}

/// Parses a pure identity URI or an LGTIN class URI.
#[inline(always)]
pub(crate) fn parse_uri(input: &str) -> Result<Epc<'_>, ParseError> {
    match parse_hot(input) {
        Some(epc) => Ok(epc),
        // Into a value of ours, not the result: an out-of-line call given
        // the result's address keeps it in memory, and a caller moving it
        // out (as `and_then` does) then reads it back in 16-byte loads
        // right after the fast path's smaller stores (a store-forwarding
        // stall, ~10 ns per EPC).
        None => {
            let mut any = Epc {
                scheme: Scheme::Sgtin,
                fields: Fields::Cuts {
                    body: "",
                    ends: [0; MAX_COMPONENTS],
                },
            };
            parse_uri_general_into(input, &mut any).map(|()| any)
        }
    }
}

/// [`parse_uri_general`] into `out`.
#[inline(never)]
fn parse_uri_general_into<'a>(input: &'a str, out: &mut Epc<'a>) -> Result<(), ParseError> {
    *out = parse_uri_general(input)?;
    Ok(())
}

/// The schemes of nearly every EPC in an EPCIS document, recognised by
/// two 8-byte comparisons (no `memcmp` call, no name lookup), each with a
/// constant scheme so that its shape is known at compile time.
#[inline(always)]
fn parse_hot(input: &str) -> Option<Epc<'_>> {
    let b = input.as_bytes();
    let word = |at: usize| {
        b.get(at..at + 8)?
            .first_chunk::<8>()
            .map(|w| u64::from_le_bytes(*w))
    };
    if word(0)? != u64::from_le_bytes(*b"urn:epc:") {
        return None;
    }
    let w = word(8)?;
    if w == u64::from_le_bytes(*b"id:sgtin") && b.get(16) == Some(&b':') {
        fast_key(Scheme::Sgtin, input, 17)
    } else if w == u64::from_le_bytes(*b"id:sscc:") {
        fast_key(Scheme::Sscc, input, 16)
    } else if w == u64::from_le_bytes(*b"id:sgln:") {
        fast_key(Scheme::Sgln, input, 16)
    } else {
        None
    }
}

/// Everything but the hot path: any scheme, escapes, and every error.
fn parse_uri_general(input: &str) -> Result<Epc<'_>, ParseError> {
    let b = input.as_bytes();
    if b.is_empty() {
        return Err(ParseError::new(ErrorKind::Empty, 0));
    }
    let (class, at) = if b.starts_with(ID) {
        (false, ID.len())
    } else if b.starts_with(CLASS) {
        (true, CLASS.len())
    } else {
        let m = mismatch(b, ID).max(mismatch(b, CLASS));
        return Err(ParseError::new(ErrorKind::UnknownRepresentation, m));
    };
    let (name, body) = name_at(b, at)?;
    let scheme = match Scheme::from_name(name) {
        Some(s) if s.is_class() == class => s,
        _ => return Err(ParseError::new(ErrorKind::UnknownScheme, at)),
    };
    if let Some(epc) = fast_body(scheme, input, body) {
        return Ok(epc);
    }
    let (fields, _) = parse_body(scheme, input, body, false)?;
    finish(scheme, fields, input, body)
}

/// The body of a scheme keyed by company prefix and reference (SGTIN,
/// LGTIN, SGLN, GRAI, GDTI; SSCC, GSRN, GSIN, PGLN), written literally:
/// checks every rule `spec::check` would check for them. `None` for other
/// shapes, and for anything else (escapes, errors), which the general path
/// then handles.
#[inline(always)]
fn fast_key(scheme: Scheme, input: &str, at: usize) -> Option<Epc<'_>> {
    let b = input.as_bytes();
    let [Kind::Gcp, Kind::Ref(total), rest @ ..] = spec::kinds(scheme) else {
        return None;
    };
    let (gcp_end, ref_end) = gcp_ref(b, at, *total as usize)?;
    let (_, body) = input.split_at_checked(at)?;
    // Offsets within the body (at most 255 bytes: a valid key body is
    // far shorter).
    let len = u8::try_from(body.len()).ok()?;
    let (d1, d2) = ((gcp_end - at) as u8, (ref_end - at) as u8);
    let epc = |ends| {
        Some(Epc {
            scheme,
            fields: Fields::Cuts { body, ends },
        })
    };
    match rest {
        [] if d2 == len => epc([d1, d2, d2, d2, d2]),
        [Kind::Gs3a3(max)] if b.get(ref_end) == Some(&b'.') => {
            let last = body.as_bytes().get(d2 as usize + 1..)?;
            let n = last.len();
            let ok = (1..=*max as usize).contains(&n)
                && (all_digits(last) || last.iter().all(|&c| escape::is(c, RAW_GS3A3)));
            if ok {
                epc([d1, d2, len, len, len])
            } else {
                None
            }
        }
        _ => None,
    }
}

/// [`fast_key`], or for other schemes one pass over a body whose
/// components are all written literally and all of the common kinds.
/// `None` sends the input to the general path, which also produces the
/// error.
#[inline(never)]
fn fast_body(scheme: Scheme, input: &str, at: usize) -> Option<Epc<'_>> {
    let b = input.as_bytes();
    let kinds = spec::kinds(scheme);
    if let [Kind::Gcp, Kind::Ref(_), ..] = kinds {
        return fast_key(scheme, input, at);
    }
    let mut fields = [""; MAX_COMPONENTS];
    let mut pos = at;
    let mut gcp_len = 0;
    for (i, &kind) in kinds.iter().enumerate() {
        let start = pos;
        let last = i + 1 == kinds.len();
        match kind {
            Kind::Gcp | Kind::Ref(_) | Kind::Two | Kind::Padded(_) => {
                while pos < b.len() && b[pos].is_ascii_digit() {
                    pos += 1;
                }
            }
            // Only ever the last component: it runs to the end.
            Kind::Gs3a3(_) | Kind::Gs3a3Total(_) => {
                while pos < b.len() && escape::is(b[pos], RAW_GS3A3) {
                    pos += 1;
                }
            }
            _ => return None,
        }
        let len = pos - start;
        let ok = match kind {
            Kind::Gcp => {
                gcp_len = len;
                (6..=12).contains(&len)
            }
            Kind::Ref(total) => gcp_len + len == total as usize,
            Kind::Two => len == 2,
            Kind::Padded(max) | Kind::Gs3a3(max) => (1..=max as usize).contains(&len),
            Kind::Gs3a3Total(total) => len >= 1 && gcp_len + len <= total as usize,
            _ => false,
        };
        if !ok {
            return None;
        }
        fields[i] = input.get(start..pos)?;
        if last {
            if pos != b.len() {
                return None;
            }
        } else if b.get(pos) != Some(&b'.') {
            return None;
        } else {
            pos += 1;
        }
    }
    Some(Epc {
        scheme,
        fields: Fields::Borrowed(fields),
    })
}

/// Runs the rules of `spec` and maps an error to its byte offset.
fn finish<'a>(
    scheme: Scheme,
    fields: [Text<'a>; MAX_COMPONENTS],
    input: &str,
    body: usize,
) -> Result<Epc<'a>, ParseError> {
    Epc::from_fields(scheme, fields).map_err(|e| locate(e, scheme, input, body))
}

/// The byte offset of a rule error: re-splits the body to find the
/// component (cold path, errors only).
fn locate(e: FieldError, scheme: Scheme, input: &str, body: usize) -> ParseError {
    let b = input.as_bytes();
    let mut start = body;
    for _ in 0..e.field {
        match b
            .get(start..)
            .and_then(|r| r.iter().position(|&c| c == b'.'))
        {
            Some(n) => start += n + 1,
            None => break,
        }
    }
    let raw = b.get(start..).unwrap_or_default();
    // The last component runs to the end: it may contain dots.
    let last = e.field as usize + 1 == scheme.arity();
    let end = if last {
        raw.len()
    } else {
        raw.iter().position(|&c| c == b'.').unwrap_or(raw.len())
    };
    let off = escape::raw_offset(&raw[..end], e.pos as usize);
    let kind = if e.kind == ErrorKind::InvalidCharacter && raw.get(off) == Some(&b'%') {
        ErrorKind::InvalidEscape
    } else {
        e.kind
    };
    ParseError::new(kind, start + off)
}

/// High bit set in each byte of `x` that is not an ASCII digit. Each byte
/// is computed on its own (no carry or borrow crosses a byte): the top bit
/// is cleared before adding and set before subtracting.
#[inline(always)]
fn non_digits(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ge_3a = (x & LOW7).wrapping_add(0x4646_4646_4646_4646);
    let lt_30 = !((x | HIGH).wrapping_sub(0x3030_3030_3030_3030));
    (ge_3a | lt_30 | x) & HIGH
}

/// The end of the run of ASCII digits starting at `pos`, eight bytes at a
/// time; the last partial word is read overlapping the bytes already seen.
#[inline(always)]
fn digit_run(b: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = b.get(pos..pos + 8).and_then(|c| c.first_chunk::<8>()) {
        let high = non_digits(u64::from_le_bytes(*chunk));
        if high != 0 {
            return pos + (high.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    let rem = b.len().saturating_sub(pos);
    if rem == 0 {
        return pos;
    }
    if let Some(chunk) = b
        .len()
        .checked_sub(8)
        .and_then(|s| b.get(s..))
        .and_then(|c| c.first_chunk::<8>())
    {
        // Drop the (8 - rem) bytes before `pos`, the low bytes of the word.
        let high = non_digits(u64::from_le_bytes(*chunk)) >> (8 * (8 - rem));
        return if high != 0 {
            pos + (high.trailing_zeros() / 8) as usize
        } else {
            b.len()
        };
    }
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    pos
}

/// A company prefix (6 to 12 digits), a dot and the rest of a `total`
/// digit key from `at`; returns where the prefix and the reference end.
/// When 16 bytes are there to read (always, for an SGTIN with its serial),
/// the `total + 1` bytes are checked at once: exactly one of them is not a
/// digit, and it is the dot.
#[inline(always)]
fn gcp_ref(b: &[u8], at: usize, total: usize) -> Option<(usize, usize)> {
    let end = at + total + 1;
    let window = b.get(at..at + 16).and_then(|w| w.first_chunk::<16>());
    if let (Some(w), true) = (window, total < 16) {
        let lo = u64::from_le_bytes(*w.first_chunk::<8>()?);
        let hi = u64::from_le_bytes(*w.last_chunk::<8>()?);
        let wanted = u128::MAX >> (8 * (15 - total));
        let bad = (u128::from(non_digits(lo)) | u128::from(non_digits(hi)) << 64) & wanted;
        let dot = (bad.trailing_zeros() / 8) as usize;
        // One non-digit (`bad` a power of two), a dot after 6 to 12 digits.
        let ok = bad & bad.wrapping_sub(1) == 0 && (6..=12).contains(&dot) && w[dot] == b'.';
        return ok.then_some((at + dot, end));
    }
    let gcp_end = digit_run(b, at);
    let gcp_len = gcp_end - at;
    if !(6..=12).contains(&gcp_len) || b.get(gcp_end) != Some(&b'.') {
        return None;
    }
    (digit_run(b, gcp_end + 1) == end).then_some((gcp_end, end))
}

/// Whether every byte of `s` is an ASCII digit, eight at a time (the last
/// word overlapping the one before).
#[inline(always)]
fn all_digits(s: &[u8]) -> bool {
    let word = |c: &[u8; 8]| non_digits(u64::from_le_bytes(*c)) == 0;
    match (s.first_chunk::<8>(), s.last_chunk::<8>()) {
        (Some(first), Some(last)) if s.len() <= 16 => word(first) && word(last),
        _ => s.iter().all(u8::is_ascii_digit),
    }
}

/// Lexical class of a component's raw text.
#[derive(Clone, Copy, PartialEq)]
enum Lex {
    Digits,
    Gs3a3,
    Upper,
}

fn lex(kind: Kind) -> Lex {
    match kind {
        Kind::Gs3a3(_) | Kind::Gs3a3Total(_) => Lex::Gs3a3,
        Kind::CpRef(_) | Kind::Cage | Kind::AdiPart | Kind::AdiSerial | Kind::Bic => Lex::Upper,
        Kind::Gcp | Kind::Ref(_) | Kind::Num(_) | Kind::Padded(_) | Kind::Two | Kind::Imo => {
            Lex::Digits
        }
    }
}

/// Splits and lexes the body starting at byte `at`. With `star`, trailing
/// components may be `*` (ID patterns); returns how many are fixed.
fn parse_body<'a>(
    scheme: Scheme,
    input: &'a str,
    at: usize,
    star: bool,
) -> Result<([Text<'a>; MAX_COMPONENTS], usize), ParseError> {
    let b = input.as_bytes();
    let kinds = spec::kinds(scheme);
    let mut fields = [Text::EMPTY; MAX_COMPONENTS];
    let mut start = at;
    let mut fixed = kinds.len();
    for (i, &kind) in kinds.iter().enumerate() {
        let rest = b.get(start..).unwrap_or_default();
        let last = i + 1 == kinds.len();
        let len = if last {
            rest.len()
        } else {
            match rest.iter().position(|&c| c == b'.') {
                Some(n) => n,
                None => return Err(ParseError::new(ErrorKind::MissingComponent, b.len())),
            }
        };
        let raw = &input[start..start + len];
        if star && (raw == "*" || fixed < i) {
            if raw != "*" {
                return Err(ParseError::new(ErrorKind::InvalidPattern, start));
            }
            fixed = fixed.min(i);
        } else {
            fields[i] = lex_component(lex(kind), raw, start, last)?;
        }
        start += len + 1;
    }
    Ok((fields, fixed))
}

/// Checks the raw characters of one component and decodes its escapes.
#[inline]
fn lex_component(lex: Lex, raw: &str, at: usize, last: bool) -> Result<Text<'_>, ParseError> {
    let bytes = raw.as_bytes();
    let mut escaped = false;
    for (i, &c) in bytes.iter().enumerate() {
        let ok = match lex {
            Lex::Digits => c.is_ascii_digit(),
            Lex::Gs3a3 => escape::is(c, RAW_GS3A3),
            Lex::Upper => escape::is(c, RAW_UPPER),
        };
        if !ok {
            if c == b'%' && lex != Lex::Digits {
                escaped = true;
                continue;
            }
            let kind = match c {
                b'.' if last => ErrorKind::TooManyComponents,
                _ if lex == Lex::Digits => ErrorKind::NotDigits,
                _ => ErrorKind::InvalidCharacter,
            };
            return Err(ParseError::new(kind, at + i));
        }
    }
    if !escaped {
        return Ok(Text::Borrowed(raw));
    }
    unescape(bytes, at)
}

/// Decodes `%HH` escapes (cold path: only components that have them).
fn unescape(raw: &[u8], at: usize) -> Result<Text<'static>, ParseError> {
    let mut out = ValueBuf::new();
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if c == b'%' {
            let hi = raw.get(i + 1).copied().and_then(escape::hex_val);
            let lo = raw.get(i + 2).copied().and_then(escape::hex_val);
            match (hi, lo) {
                (Some(h), Some(l)) if h < 8 => out.push(h << 4 | l),
                _ => return Err(ParseError::new(ErrorKind::InvalidEscape, at + i)),
            }
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
        if out.overflowed() {
            return Err(ParseError::new(ErrorKind::ComponentTooLong, at + i));
        }
    }
    Ok(out.text())
}

/// Writes the components of `epc` (the URI body).
fn write_body<W: fmt::Write>(epc: &Epc<'_>, n: usize, out: &mut W) -> fmt::Result {
    for (i, (kind, value)) in spec::kinds(epc.scheme)
        .iter()
        .zip(epc.components())
        .enumerate()
    {
        if i > 0 {
            out.write_char('.')?;
        }
        if i >= n {
            out.write_char('*')?;
        } else if lex(*kind) == Lex::Digits {
            out.write_str(value)?;
        } else {
            escape::write_escaped(value, out)?;
        }
    }
    Ok(())
}

/// Writes the canonical pure identity (or class) URI: assembled on the
/// stack and written with one `write_str` (one capacity check and one copy
/// for a `String`, instead of one per piece); piece by piece when it does
/// not fit the buffer (long escaped values).
#[inline(always)]
pub(crate) fn write_uri<W: fmt::Write>(epc: &Epc<'_>, out: &mut W) -> fmt::Result {
    let mut buf = AsciiBuf::new();
    match uri_into(epc, &mut buf) {
        Some(uri) => out.write_str(uri),
        None => write_uri_pieces(epc, out),
    }
}

/// [`write_uri`] piece by piece (long escaped values).
#[inline(never)]
fn write_uri_pieces<W: fmt::Write>(epc: &Epc<'_>, out: &mut W) -> fmt::Result {
    out.write_str(prefix(epc.scheme))?;
    write_body(epc, epc.scheme.arity(), out)
}

/// Assembles the canonical URI of `epc` in `buf` (as `write_body`
/// writes it); `None` if it does not fit.
#[inline(always)]
fn uri_into<'b>(epc: &Epc<'_>, buf: &'b mut AsciiBuf) -> Option<&'b str> {
    buf.push(prefix(epc.scheme).as_bytes())?;
    for (i, (kind, value)) in spec::kinds(epc.scheme)
        .iter()
        .zip(epc.components())
        .enumerate()
    {
        if i > 0 {
            buf.push(b".")?;
        }
        let v = value.as_bytes();
        let literal = lex(*kind) == Lex::Digits
            || all_digits(v)
            || !v.iter().any(|&b| escape::is(b, NEEDS_ESCAPE));
        if literal {
            buf.push_field(&epc.fields, i)?;
        } else {
            for &b in v {
                if escape::is(b, NEEDS_ESCAPE) {
                    buf.push(&escape::percent(b))?;
                } else {
                    buf.push(&[b])?;
                }
            }
        }
    }
    buf.as_str()
}

/// Parses an EPC tag URI: `urn:epc:tag:<binary scheme>:<filter>.<body>`
/// (no filter for GID-96).
pub(crate) fn parse_tag_uri(input: &str) -> Result<TagEpc<'_>, ParseError> {
    let b = input.as_bytes();
    if b.is_empty() {
        return Err(ParseError::new(ErrorKind::Empty, 0));
    }
    if !b.starts_with(TAG) {
        return Err(ParseError::new(
            ErrorKind::UnknownRepresentation,
            mismatch(b, TAG),
        ));
    }
    let (name, mut at) = name_at(b, TAG.len())?;
    let bs = BinaryScheme::from_name(name)
        .ok_or(ParseError::new(ErrorKind::UnknownScheme, TAG.len()))?;
    let mut filter = 0u8;
    if bs.filter_bits() > 0 {
        let rest = b.get(at..).unwrap_or_default();
        let n = rest
            .iter()
            .position(|&c| c == b'.')
            .ok_or(ParseError::new(ErrorKind::MissingComponent, b.len()))?;
        let digits = &rest[..n];
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(ParseError::new(ErrorKind::InvalidFilter, at));
        }
        if (digits.len() > 1 && digits[0] == b'0') || digits.len() > 2 {
            return Err(ParseError::new(ErrorKind::InvalidFilter, at));
        }
        let v = digits.iter().fold(0u32, |n, d| n * 10 + (d - b'0') as u32);
        if v >= 1 << bs.filter_bits() {
            return Err(ParseError::new(ErrorKind::InvalidFilter, at));
        }
        filter = v as u8;
        at += n + 1;
    }
    let scheme = bs.scheme();
    let (fields, _) = parse_body(scheme, input, at, false)?;
    let epc = finish(scheme, fields, input, at)?;
    TagEpc::new(epc, bs, filter).map_err(|e| ParseError::new(e.kind(), at))
}

/// Writes the EPC tag URI.
pub(crate) fn write_tag_uri<W: fmt::Write>(tag: &TagEpc<'_>, out: &mut W) -> fmt::Result {
    let bs = tag.binary_scheme();
    out.write_str("urn:epc:tag:")?;
    out.write_str(bs.name())?;
    out.write_char(':')?;
    if bs.filter_bits() > 0 {
        write!(out, "{}.", tag.filter())?;
    }
    let epc = tag.epc();
    write_body(epc, epc.scheme.arity(), out)
}

/// An EPC ID pattern URI (`urn:epc:idpat:sgtin:0614141.812345.*`, TDS
/// §8): a scheme and a fixed prefix of its components; the rest are `*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdPattern<'a> {
    epc: Epc<'a>,
    fixed: u8,
}

impl<'a> IdPattern<'a> {
    /// Parses an ID pattern URI.
    pub fn parse(input: &'a str) -> Result<IdPattern<'a>, ParseError> {
        let b = input.as_bytes();
        if !b.starts_with(IDPAT) {
            return Err(ParseError::new(
                ErrorKind::UnknownRepresentation,
                mismatch(b, IDPAT),
            ));
        }
        let (name, body) = name_at(b, IDPAT.len())?;
        let scheme = match Scheme::from_name(name) {
            Some(s) if !s.is_class() => s,
            _ => return Err(ParseError::new(ErrorKind::UnknownScheme, IDPAT.len())),
        };
        let (fields, fixed) = parse_body(scheme, input, body, true)?;
        let epc = spec::check_first(scheme, &fields, fixed)
            .and_then(|()| Epc::unchecked(scheme, &fields))
            .map_err(|e| locate(e, scheme, input, body))?;
        Ok(IdPattern {
            epc,
            fixed: fixed as u8,
        })
    }

    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.epc.scheme
    }

    /// The fixed components (those before the first `*`).
    pub fn fixed(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.epc.components().take(self.fixed as usize)
    }

    /// Whether `epc` matches this pattern.
    pub fn matches(&self, epc: &Epc<'_>) -> bool {
        epc.scheme == self.epc.scheme && self.fixed().zip(epc.components()).all(|(a, b)| a == b)
    }

    /// Copies borrowed components so the value outlives its input.
    pub fn into_owned(self) -> IdPattern<'static> {
        IdPattern {
            epc: self.epc.into_owned(),
            fixed: self.fixed,
        }
    }
}

impl fmt::Display for IdPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("urn:epc:idpat:")?;
        f.write_str(self.epc.scheme.name())?;
        f.write_str(":")?;
        write_body(&self.epc, self.fixed as usize, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> (ErrorKind, usize) {
        let e = Epc::parse(s).unwrap_err();
        (e.kind(), e.offset())
    }

    #[test]
    fn sgtin_borrows() {
        let e = Epc::parse("urn:epc:id:sgtin:0614141.812345.6789").unwrap();
        assert!(e.is_borrowed());
        assert_eq!(e.to_string(), "urn:epc:id:sgtin:0614141.812345.6789");
    }

    #[test]
    fn escapes_canonicalised() {
        let e = Epc::parse("urn:epc:id:sgtin:0614141.812345.%41b%2fc%25").unwrap();
        assert!(!e.is_borrowed());
        assert_eq!(e.serial(), Some("Ab/c%"));
        assert_eq!(e.to_string(), "urn:epc:id:sgtin:0614141.812345.Ab%2Fc%25");
        assert!(!e.is_canonical_uri("urn:epc:id:sgtin:0614141.812345.%41b%2fc%25"));
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.812345.67/89"),
            (ErrorKind::InvalidCharacter, 34)
        );
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.812345.6%2G"),
            (ErrorKind::InvalidEscape, 33)
        );
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.812345.6%23"),
            (ErrorKind::InvalidEscape, 33)
        );
        assert_eq!(
            kind("urn:epc:id:sgtin:06141.8123456.1"),
            (ErrorKind::CompanyPrefixLength, 17)
        );
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.8123456.1"),
            (ErrorKind::DigitCount, 25)
        );
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.812345"),
            (ErrorKind::MissingComponent, 31)
        );
        assert_eq!(
            kind("urn:epc:id:sscc:0614141.1234567890.1"),
            (ErrorKind::TooManyComponents, 34)
        );
        assert_eq!(kind("urn:epc:id:foo:1"), (ErrorKind::UnknownScheme, 11));
        assert_eq!(kind("urn:epc:idx"), (ErrorKind::UnknownRepresentation, 10));
        assert_eq!(
            kind("urn:epc:id:sgtin:0614141.812345.123456789012345678901"),
            (ErrorKind::ComponentTooLong, 52)
        );
    }

    #[test]
    fn serial_may_contain_dots() {
        let e = Epc::parse("urn:epc:id:sgtin:0614141.812345.6.7").unwrap();
        assert_eq!(e.serial(), Some("6.7"));
    }

    #[test]
    fn every_scheme_parses() {
        for s in [
            "urn:epc:id:sgtin:0614141.812345.6789",
            "urn:epc:id:sscc:0614141.1234567890",
            "urn:epc:id:sgln:0614141.12345.400",
            "urn:epc:id:grai:0614141.12345.400",
            "urn:epc:id:giai:0614141.12345400",
            "urn:epc:id:gsrn:0614141.1234567890",
            "urn:epc:id:gsrnp:0614141.1234567890",
            "urn:epc:id:gdti:0614141.12345.400",
            "urn:epc:id:cpi:0614141.123ABC.123456789",
            "urn:epc:id:cpi:0614141.123%2F%23.1",
            "urn:epc:id:sgcn:4012345.67890.04711",
            "urn:epc:id:ginc:0614141.xyz3311cba",
            "urn:epc:id:gsin:0614141.123456789",
            "urn:epc:id:itip:4012345.012345.01.02.987",
            "urn:epc:id:upui:1234567.089456.51qIgY)%3C%26Jp3*j7'SDB",
            "urn:epc:id:pgln:1234567.89012",
            "urn:epc:id:gid:95100000.12345.400",
            "urn:epc:id:usdod:2S194.12345678901",
            "urn:epc:id:adi:35962.PQ7VZ4.M37GXB92",
            "urn:epc:id:adi:2S194..%2312345",
            "urn:epc:id:bic:CSQU3054383",
            "urn:epc:id:imovn:9176187",
            "urn:epc:class:lgtin:4012345.012345.998877",
        ] {
            let e = Epc::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(e.to_string(), s);
        }
    }

    #[test]
    fn patterns() {
        let p = IdPattern::parse("urn:epc:idpat:sgtin:0614141.*.*").unwrap();
        assert_eq!(p.to_string(), "urn:epc:idpat:sgtin:0614141.*.*");
        assert!(p.matches(&Epc::parse("urn:epc:id:sgtin:0614141.812345.6789").unwrap()));
        assert!(!p.matches(&Epc::parse("urn:epc:id:sgtin:0614142.812345.6789").unwrap()));
        assert!(IdPattern::parse("urn:epc:idpat:sgtin:0614141.*.1").is_err());
        assert!(IdPattern::parse("urn:epc:idpat:sgtin:*.*.*").is_ok());
        assert!(IdPattern::parse("urn:epc:idpat:sgtin:06141.*.*").is_err());
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The general path alone (lexing, then `spec::check`).
    fn general(scheme: Scheme, input: &str, at: usize) -> Result<Epc<'_>, ParseError> {
        let (fields, _) = parse_body(scheme, input, at, false)?;
        finish(scheme, fields, input, at)
    }

    /// Mutated URIs of every scheme the fast paths take: whatever they
    /// accept, the general path accepts with the same components, and
    /// they accept every literal URI the general path accepts for the hot
    /// schemes with 16 bytes of key to read.
    #[test]
    fn fast_paths_agree_with_the_general_path() {
        let seeds = [
            "urn:epc:id:sgtin:0614141.812345.6789",
            "urn:epc:id:sgtin:061414123456..1",
            "urn:epc:id:sgtin:061414.1234567.ABC.def!",
            "urn:epc:id:sscc:0614141.1234567890",
            "urn:epc:id:sgln:0614141.12345.400",
            "urn:epc:id:sgln:061414123456..0",
            "urn:epc:id:grai:0614141.12345.400",
            "urn:epc:id:gdti:0614141.12345.400",
            "urn:epc:id:gsrn:0614141.1234567890",
            "urn:epc:class:lgtin:4012345.012345.998877",
        ];
        let alphabet = b"0123456789.%/-aZ:#";
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut agreed = 0;
        for round in 0..200_000 {
            let seed = seeds[round % seeds.len()];
            let mut v = seed.as_bytes().to_vec();
            for _ in 0..=next() % 3 {
                let at = (next() as usize % (v.len() - 10)) + 10;
                let c = alphabet[next() as usize % alphabet.len()];
                match next() % 4 {
                    0 => v.insert(at, c),
                    1 if at < v.len() => {
                        v.remove(at);
                    }
                    _ if at < v.len() => v[at] = c,
                    _ => v.push(c),
                }
            }
            let Ok(input) = std::str::from_utf8(&v) else {
                continue;
            };
            let (class, name_at) = if input.starts_with("urn:epc:class:") {
                (true, 14)
            } else if input.starts_with("urn:epc:id:") {
                (false, 11)
            } else {
                assert!(parse_hot(input).is_none() && parse_uri(input).is_err());
                continue;
            };
            let Some(colon) = input
                .get(name_at..)
                .and_then(|h| h.find(':'))
                .map(|c| c + name_at)
            else {
                continue;
            };
            let Some(scheme) = input
                .get(name_at..colon)
                .and_then(|n| Scheme::from_name(n.as_bytes()))
                .filter(|s| s.is_class() == class)
            else {
                continue;
            };
            let body = colon + 1;
            let fast = fast_body(scheme, input, body);
            let slow = general(scheme, input, body);
            if let Some(f) = fast {
                assert_eq!(Ok(f), slow, "{input}");
                assert!(f.is_borrowed());
                agreed += 1;
            }
            if let Some(h) = parse_hot(input) {
                assert_eq!(Ok(h), slow, "{input}");
            }
            let hot = matches!(scheme, Scheme::Sgtin | Scheme::Sscc | Scheme::Sgln);
            if hot && slow.is_ok() && input.len() >= body + 16 && !input.contains('%') {
                assert!(parse_hot(input).is_some(), "{input}");
            }
            assert_eq!(parse_uri(input), slow, "{input}");
        }
        assert!(agreed > 20_000, "{agreed}");
    }
}

#[cfg(test)]
mod digit_run_tests {
    use super::digit_run;

    #[test]
    fn finds_first_non_digit_at_every_position() {
        for len in 0..20 {
            for bad in [
                b'/', b':', b'.', b'a', 0x00, 0x7F, 0x80, 0xB0, 0xB9, 0xBA, 0xFF,
            ] {
                for (at, pre) in (0..=len).flat_map(|at| [(at, b'.'), (at, 0x00), (at, 0xFF)]) {
                    let mut v = vec![pre; 3];
                    v.extend(std::iter::repeat_n(b'7', len));
                    let at = at + 3;
                    if at < len + 3 {
                        v[at] = bad;
                    }
                    let expect = if at < len + 3 { at } else { len + 3 };
                    assert_eq!(digit_run(&v, 3), expect, "len {len} bad {bad:#x} at {at}");
                }
            }
        }
    }
}
