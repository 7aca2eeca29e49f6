//! The receiver's response envelope, in the seed's shape.

use super::{Response, SOAP_ENV_NS, TL_SOAP_NS, TL_SOM_NS};

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

/// `<S:Envelope …><S:Body><ns2:DecommissionResponse …><TLResponse>…`.
pub(super) fn write_response(r: &Response, out: &mut String) {
    let name = r.operation.response_name();
    out.push_str("<S:Envelope xmlns:S=\"");
    out.push_str(SOAP_ENV_NS);
    out.push_str("\"><S:Body><ns2:");
    out.push_str(name);
    out.push_str(" xmlns:ns2=\"");
    out.push_str(TL_SOAP_NS);
    out.push_str("\" xmlns:ns3=\"");
    out.push_str(TL_SOM_NS);
    out.push_str("\"><TLResponse><Success>");
    if r.exceptions.is_empty() {
        out.push_str("true</Success>");
    } else {
        out.push_str("false</Success><ExceptionReturn>");
        for e in &r.exceptions {
            out.push_str("<CallException><ExceptionCode>");
            push_escaped(out, e.code.as_str());
            out.push_str("</ExceptionCode><ExceptionMessage>");
            push_escaped(out, &e.message);
            out.push_str("</ExceptionMessage></CallException>");
        }
        out.push_str("</ExceptionReturn>");
    }
    out.push_str("</TLResponse></ns2:");
    out.push_str(name);
    out.push_str("></S:Body></S:Envelope>");
}
