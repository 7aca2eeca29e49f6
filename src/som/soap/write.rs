//! The receiver's response envelope, in the seed's shape.

use super::{ReadResponse, Response, SOAP_ENV_NS, TL_SOAP_NS, TL_SOM_NS};

/// Appends `s` as XML text: `&`, `<`, `>` escaped, `\r` as a character
/// reference (it would read back as `\n`), characters XML cannot carry as
/// U+FFFD.
pub(super) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `<S:Envelope …><S:Body><ns2:{name} …><TLResponse>…`: the seed's shape.
pub(super) fn write_envelope<'e>(
    out: &mut String,
    name: &str,
    success: bool,
    exceptions: impl Iterator<Item = (&'e str, &'e str)>,
) {
    out.push_str("<S:Envelope xmlns:S=\"");
    out.push_str(SOAP_ENV_NS);
    out.push_str("\"><S:Body><ns2:");
    out.push_str(name);
    out.push_str(" xmlns:ns2=\"");
    out.push_str(TL_SOAP_NS);
    out.push_str("\" xmlns:ns3=\"");
    out.push_str(TL_SOM_NS);
    out.push_str("\"><TLResponse><Success>");
    out.push_str(if success { "true" } else { "false" });
    out.push_str("</Success>");
    let mut exceptions = exceptions.peekable();
    if exceptions.peek().is_some() {
        out.push_str("<ExceptionReturn>");
        for (code, message) in exceptions {
            out.push_str("<CallException><ExceptionCode>");
            push_escaped(out, code);
            out.push_str("</ExceptionCode><ExceptionMessage>");
            push_escaped(out, message);
            out.push_str("</ExceptionMessage></CallException>");
        }
        out.push_str("</ExceptionReturn>");
    }
    out.push_str("</TLResponse></ns2:");
    out.push_str(name);
    out.push_str("></S:Body></S:Envelope>");
}

/// A response to a request.
pub(super) fn write_response(r: &Response, out: &mut String) {
    write_envelope(
        out,
        r.operation.response_name(),
        r.exceptions.is_empty(),
        r.exceptions
            .iter()
            .map(|e| (e.code.as_str(), e.message.as_str())),
    );
}

/// A response read, in the seed's shape.
pub(super) fn write_read_response(r: &ReadResponse, out: &mut String) {
    let local = r.element.name.rsplit(':').next().unwrap_or_default();
    write_envelope(
        out,
        local,
        r.success() == Some(true),
        r.exceptions.iter().map(|e| {
            (
                e.code.as_ref().map_or("", |c| c.trimmed()),
                e.message.as_ref().map_or("", |m| m.value.as_str()),
            )
        }),
    );
}
