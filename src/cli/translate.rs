//! `epcstream translate`: identifiers in, every requested representation
//! out, one JSON object per input line.

use crate::Outcome;
use crate::json::Obj;
use anyhow::Context;
use epcstream::epc::{self, Epc, GcpSource, GcpTable, ParseError, Parsed, TagEpc};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  epcstream translate urn:epc:id:sgtin:0614141.812345.6789
  epcstream translate --to hex --filter 3 urn:epc:id:sgtin:0614141.812345.6789
  epcstream translate --to uri 3074257BF7194E4000001A85 urn:epc:tag:sscc-96:0.0614141.1234567890
  epcstream translate --gcp-length 7 '(01)80614141123458(21)6789' https://id.gs1.org/00/106141412345678908
  epcstream translate --gcp-table gcpprefixformatlist.json - < element-strings.txt

Input is detected: pure identity / class / pattern / tag URIs, hex or bit strings (TDS 1.13
and TDS 2.x '+' schemes), bracketed or scanner (FNC1/GS) GS1 element strings, the receiver's
SOAP serial forms (00 + SSCC, 01 + GTIN + 21 + serial) and GS1 Digital Link URIs.

Output: one JSON object per input with `input`, `representation`, `scheme` and the requested
forms `uri`, `tag`, `hex`, `element`, `dl` (with `binary_scheme` and `filter` for tag/hex).
A form the identifier has no translation to is null, with the reason under `unavailable`.
An invalid input gets `error` {kind, offset, message} instead.

Exit status: 0 every input valid, 1 some input invalid, 2 usage or I/O error.";

/// Translate EPC identifiers between GS1 representations (JSON Lines out).
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Identifiers to translate; `-` or none reads one per line from stdin.
    ids: Vec<String>,
    /// Forms to output, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    to: Vec<Form>,
    /// Filter value for the tag URI and binary forms [default: the input's own, else 0].
    #[arg(long, value_name = "N")]
    filter: Option<u8>,
    /// Binary length in bits, e.g. 96 or 198 [default: the shortest scheme that can encode it].
    #[arg(long, value_name = "BITS")]
    bits: Option<u16>,
    /// GS1 Company Prefix table (GS1 gcpprefixformatlist, XML or JSON), for element strings,
    /// Digital Links and '+' binaries.
    #[arg(long, value_name = "FILE")]
    gcp_table: Option<PathBuf>,
    /// GS1 Company Prefix length (6-12) for keys not in the table.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(6..=12))]
    gcp_length: Option<u8>,
    /// Base of Digital Link URIs.
    #[arg(long, value_name = "URI", default_value = "https://id.gs1.org")]
    dl_base: String,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Form {
    Uri,
    Tag,
    Hex,
    Element,
    Dl,
    All,
}

/// The company prefix lengths the user gave: table first, then the fixed
/// length.
struct Gcp {
    table: Option<GcpTable>,
    fixed: Option<u8>,
}

impl GcpSource for Gcp {
    fn gcp_length(&self, digits: &[u8]) -> Option<u8> {
        self.table
            .as_ref()
            .and_then(|t| t.gcp_length(digits))
            .or(self.fixed)
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let table = match &args.gcp_table {
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read GCP table {}", path.display()))?;
            Some(GcpTable::from_bytes(&bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {} (byte {})",
                    path.display(),
                    e.kind().message(),
                    e.offset()
                )
            })?)
        }
        None => None,
    };
    let gcp = Gcp {
        table,
        fixed: args.gcp_length,
    };
    let gcp_ref: Option<&dyn GcpSource> =
        (gcp.table.is_some() || gcp.fixed.is_some()).then_some(&gcp as &dyn GcpSource);
    let forms = Forms::new(&args.to);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = Vec::with_capacity(512);
    let mut invalid = false;
    let mut one = |id: &str, out: &mut dyn Write| -> io::Result<()> {
        line.clear();
        invalid |= !translate(id, gcp_ref, &forms, &args, &mut line);
        line.push(b'\n');
        out.write_all(&line)
    };
    if args.ids.is_empty() || args.ids.iter().any(|i| i == "-") {
        for id in args.ids.iter().filter(|i| *i != "-") {
            one(id, &mut out)?;
        }
        let stdin = io::stdin();
        let mut buf = String::new();
        let mut input = stdin.lock();
        loop {
            buf.clear();
            if input.read_line(&mut buf).context("reading stdin")? == 0 {
                break;
            }
            let id = buf.trim();
            if !id.is_empty() {
                one(id, &mut out)?;
            }
        }
    } else {
        for id in &args.ids {
            one(id.trim(), &mut out)?;
        }
    }
    out.flush()?;
    Ok(if invalid {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

struct Forms {
    uri: bool,
    tag: bool,
    hex: bool,
    element: bool,
    dl: bool,
}

impl Forms {
    fn new(to: &[Form]) -> Forms {
        let has = |f| to.contains(&f) || to.contains(&Form::All);
        Forms {
            uri: has(Form::Uri),
            tag: has(Form::Tag),
            hex: has(Form::Hex),
            element: has(Form::Element),
            dl: has(Form::Dl),
        }
    }
}

/// Writes the JSON object for one input; false when the input is invalid.
fn translate(
    id: &str,
    gcp: Option<&dyn GcpSource>,
    forms: &Forms,
    args: &Args,
    out: &mut Vec<u8>,
) -> bool {
    let mut o = Obj::new(out);
    o.str("input", id);
    let (repr, parsed) = match epc::parse_any(id, gcp) {
        Ok(found) => found,
        Err(e) => {
            o.error("error", &e);
            o.end();
            return false;
        }
    };
    o.str("representation", repr.as_str());
    let mut unavailable: Vec<(&'static str, ParseError)> = Vec::new();
    match &parsed {
        Parsed::Pattern(p) => {
            o.str("scheme", p.scheme().name());
            if forms.uri {
                o.str("uri", &p.to_string());
            }
            for (on, k) in [
                (forms.tag, "tag"),
                (forms.hex, "hex"),
                (forms.element, "element"),
                (forms.dl, "dl"),
            ] {
                if on {
                    o.null(k);
                    unavailable.push((k, ParseError::new(epc::ErrorKind::NoTranslation, 0)));
                }
            }
        }
        Parsed::Plus(p, epc) => {
            o.str("scheme", p.scheme().name());
            o.num("filter", p.filter() as u64);
            let no_gcp = ParseError::new(epc::ErrorKind::GcpLengthUnknown, 0);
            if forms.uri {
                match epc {
                    Some(e) => o.str("uri", &e.to_string()),
                    None => {
                        o.null("uri");
                        unavailable.push(("uri", no_gcp));
                    }
                }
            }
            if forms.tag {
                o.null("tag");
                unavailable.push(("tag", ParseError::new(epc::ErrorKind::NoTranslation, 0)));
            }
            if forms.hex {
                o.str("hex", &id.to_ascii_uppercase());
            }
            if forms.element {
                o.str("element", &p.element_string().to_string());
            }
            if forms.dl {
                // The element string carries the whole identity: no GCP needed.
                let mut dl = String::new();
                match epc::dl::write_digital_link(p.element_string(), &args.dl_base, &mut dl) {
                    Ok(()) => o.str("dl", &dl),
                    Err(e) => {
                        o.null("dl");
                        unavailable.push(("dl", e));
                    }
                }
            }
        }
        Parsed::Epc(e) => epc_forms(&mut o, e, None, forms, args, &mut unavailable),
        Parsed::Tag(t) => epc_forms(&mut o, t.epc(), Some(t), forms, args, &mut unavailable),
        _ => {
            o.null("scheme");
        }
    }
    if !unavailable.is_empty() {
        o.key("unavailable");
        let mut inner = Obj::new(o.out);
        for (k, e) in &unavailable {
            inner.error(k, e);
        }
        inner.end();
    }
    o.end();
    true
}

/// The forms of an EPC (and of the tag it came as, if any).
fn epc_forms<'e>(
    o: &mut Obj<'_>,
    e: &Epc<'e>,
    tag: Option<&TagEpc<'e>>,
    forms: &Forms,
    args: &Args,
    unavailable: &mut Vec<(&'static str, ParseError)>,
) {
    let mut s = String::new();
    o.str("scheme", e.scheme().name());
    if forms.uri {
        s.clear();
        let _ = e.write_uri(&mut s);
        o.str("uri", &s);
    }
    if forms.tag || forms.hex {
        match tag_of(tag, e, args) {
            Ok(t) => {
                o.str("binary_scheme", t.binary_scheme().name());
                o.num("filter", t.filter() as u64);
                if forms.tag {
                    o.str("tag", &t.to_string());
                }
                if forms.hex {
                    o.str("hex", &t.encode().to_string());
                }
            }
            Err(err) => {
                for (on, k) in [(forms.tag, "tag"), (forms.hex, "hex")] {
                    if on {
                        o.null(k);
                        unavailable.push((k, err));
                    }
                }
            }
        }
    }
    if forms.element {
        match e.to_element_string() {
            Ok(es) => o.str("element", &es.to_string()),
            Err(err) => {
                o.null("element");
                unavailable.push(("element", err));
            }
        }
    }
    if forms.dl {
        match e.to_digital_link(&args.dl_base) {
            Ok(dl) => o.str("dl", &dl),
            Err(err) => {
                o.null("dl");
                unavailable.push(("dl", err));
            }
        }
    }
}

/// The tag for the tag/hex forms: the input's own (tag URI, binary) unless
/// `--filter`/`--bits` ask otherwise, else built from the EPC.
fn tag_of<'a>(
    tag: Option<&TagEpc<'a>>,
    e: &Epc<'a>,
    args: &Args,
) -> Result<TagEpc<'a>, ParseError> {
    if let Some(t) = tag {
        let same_bits = args
            .bits
            .is_none_or(|b| t.binary_scheme().bits() == Some(b));
        let same_filter = args.filter.is_none_or(|f| f == t.filter());
        if same_bits && same_filter {
            return Ok(*t);
        }
        return e.tag(args.filter.unwrap_or(t.filter()), args.bits);
    }
    e.tag(args.filter.unwrap_or(0), args.bits)
}
