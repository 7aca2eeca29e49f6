//! `epcstream validate`: each document checked against its receiver
//! message's rules (Class 1 and 2, the seed's texts), in one streaming pass.

use crate::Outcome;
use crate::json::Obj;
use anyhow::Context;
use epcstream::epcis::{self, Flow, Position, ScanError, ScanOptions};
use epcstream::som::soap::{self, SoapError};
use epcstream::som::{
    Checker, Class, Config, DuplicateStore, MessageType, Report, Verdict, Violation,
};
use epcstream::validate::Validator;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  epcstream validate corpus/seed/esm_decommission.xml
  epcstream validate --message SOM_DECOMMISSION_EVENT --format jsonl inbox/*.xml
  epcstream validate --product-master products.csv --state .epcstream-seen.jsonl inbox/
  epcstream lookups --export my-lookups/   # edit, then: validate --lookups my-lookups/ …

Each document is classified into the receiver's message (ESM Commission, ESM Decommission,
ESM Shipment, …) from its events, or taken as --message says (the receiver's type code, e.g.
SOM_ESM_DECOMMSSION), and checked against that message's rules: Class 1 (format, the
seed's texts ending in \" !!!\"), Class 2 (business rules), and the GS1 rules of `scan`
(class gs1; hide them with --receiver-only).

Output (--format):
  human  per document: its message type, then every violation with class, rule, severity,
         the receiver's text, what was found, line:column, byte offset and element path
  jsonl  one JSON object per document: file, message, message_code, given, events, epcs,
         errors, warnings, violations [{class, rule, severity, message, detail, code,
         offset, line, column, path}], error (when unreadable)

Exit status: 0 no violation of severity error, 1 some, 2 an input unreadable or not
well-formed (what was read before the error is still reported).";

/// Check EPCIS documents against the receiver's message rules.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// EPCIS documents, or directories (their `*.xml` files, recursively, in
    /// name order); `-` or none reads one document from stdin.
    files: Vec<PathBuf>,
    /// The message type, as the receiver's transport gives it (e.g.
    /// SOM_ESM_DECOMMSSION, SOM_DESTROY_EVENT); default: classify each
    /// document from its events.
    #[arg(long, value_name = "TYPE", value_parser = parse_message)]
    message: Option<MessageType>,
    /// A directory of lookup tables (`<Table>.txt`) replacing the built-in
    /// ones (see `epcstream lookups`).
    #[arg(long, value_name = "DIR")]
    lookups: Option<PathBuf>,
    /// Product master data: CSV of GTIN and target markets (Class 2 Russia
    /// rules).
    #[arg(long, value_name = "FILE")]
    product_master: Option<PathBuf>,
    /// Remember each document's InstanceIdentifier in this file and report
    /// documents seen before (Class 2 duplicate rule). Without it,
    /// duplicates are found among the documents of this run only.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Only the receiver's rules (Class 1 and 2), not the GS1 ones.
    #[arg(long)]
    receiver_only: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Jsonl,
}

fn parse_message(s: &str) -> Result<MessageType, String> {
    MessageType::from_code(s).ok_or_else(|| {
        let codes: Vec<&str> = MessageType::ALL.iter().map(|m| m.code()).collect();
        format!("unknown message type `{s}`; one of: {}", codes.join(", "))
    })
}

/// At most this many violations are kept per document for the output; all
/// are counted.
const KEEP: usize = 10_000;

/// The violations of one document, kept for output.
struct Kept {
    receiver_only: bool,
    list: Vec<Violation<'static>>,
    dropped: u64,
    /// Errors and warnings reported (of the classes shown).
    errors: u64,
    warnings: u64,
}

impl Report for Kept {
    fn violation(&mut self, v: &Violation<'_>) -> Flow {
        if self.receiver_only && v.class == Class::Gs1 {
            return Flow::Continue;
        }
        match v.severity {
            epcstream::epcis::Severity::Error => self.errors += 1,
            epcstream::epcis::Severity::Warning => self.warnings += 1,
            epcstream::epcis::Severity::Info => {}
        }
        if self.list.len() < KEEP {
            self.list.push(v.clone().into_owned());
        } else {
            self.dropped += 1;
        }
        Flow::Continue
    }
}

/// Why a document could not be read.
enum Unreadable {
    Scan(ScanError),
    Soap(SoapError),
    Io(io::Error),
}

impl Unreadable {
    fn pos_mut(&mut self) -> Option<&mut Position> {
        match self {
            Unreadable::Scan(e) => Some(&mut e.pos),
            Unreadable::Soap(e) => Some(&mut e.pos),
            Unreadable::Io(_) => None,
        }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Scan(e) => e.fmt(f),
            Unreadable::Soap(e) => e.fmt(f),
            Unreadable::Io(e) => write!(f, "read error: {e}"),
        }
    }
}

/// One document's result.
struct Outcome1 {
    name: String,
    identity: (u64, i64),
    verdict: Verdict,
    kept: Kept,
    error: Option<Unreadable>,
    /// What the document is, when it is no message (a SOAP response).
    label: Option<String>,
}

fn check_one(input: Option<&PathBuf>, config: &Config, receiver_only: bool) -> Outcome1 {
    let kept = Kept {
        receiver_only,
        list: Vec::new(),
        dropped: 0,
        errors: 0,
        warnings: 0,
    };
    if let Some(one) = soap_one(input, config, &kept) {
        return one;
    }
    let options = ScanOptions {
        track_lines: input.is_none(),
        threads: 1,
        ..ScanOptions::default()
    };
    let mut sink = Validator::checked(Checker::new(config, kept));
    let (name, identity, result) = match input {
        Some(p) => (
            p.display().to_string(),
            epcstream::som::file_identity(p),
            epcis::scan_file(p, &options, &mut sink),
        ),
        None => (
            "-".to_owned(),
            (0, 0),
            epcis::scan_read(io::stdin().lock(), &options, &mut sink),
        ),
    };
    let (kept, verdict) = sink.into_inner().finish();
    let mut one = Outcome1 {
        name,
        identity,
        verdict,
        kept,
        error: result.err().map(Unreadable::Scan),
        label: None,
    };
    if let Some(p) = input {
        fill_lines(p, &mut one);
    }
    one
}

/// SOAP files get the SOAP request's checks (`epcstream soap`): `None` for
/// any other input (stdin is read as EPCIS).
fn soap_one(input: Option<&PathBuf>, config: &Config, kept: &Kept) -> Option<Outcome1> {
    use std::io::Read;
    let path = input?;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .ok()?;
    if !soap::is_soap(&head[..n]) {
        return None;
    }
    let mut one = Outcome1 {
        name: path.display().to_string(),
        identity: epcstream::som::file_identity(path),
        verdict: Verdict::default(),
        kept: Kept {
            receiver_only: kept.receiver_only,
            list: Vec::new(),
            dropped: 0,
            errors: 0,
            warnings: 0,
        },
        error: None,
        label: None,
    };
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            one.error = Some(Unreadable::Io(e));
            return Some(one);
        }
    };
    match soap::check(&data, config) {
        Ok(check) => {
            one.verdict.message = Some(check.message_type);
            one.verdict.epcs = check
                .request
                .serials
                .as_ref()
                .map_or(0, |l| l.serials.len() as u64);
            for v in &check.violations {
                one.kept.violation(v);
            }
        }
        // A response of the receiver: read, its warnings reported, nothing
        // to check.
        Err(e) if e.kind == soap::SoapErrorKind::NotRequest => match soap::read(&data) {
            Ok(soap::Document {
                message: soap::Message::Response(r),
                warnings,
            }) => {
                let outcome = match r.success() {
                    Some(true) => "success".to_owned(),
                    Some(false) => format!("failure, {} exceptions", r.exceptions.len()),
                    None => "no Success".to_owned(),
                };
                one.label = Some(format!("SOAP response {} ({outcome})", r.element.name));
                for v in &warnings {
                    one.kept.violation(v);
                }
            }
            _ => one.error = Some(Unreadable::Soap(e)),
        },
        Err(e) => one.error = Some(Unreadable::Soap(e)),
    }
    Some(one)
}

/// Line and column of the kept violations (and the error) of a file
/// scanned without line tracking: one memchr pass over the file.
fn fill_lines(path: &PathBuf, one: &mut Outcome1) {
    let mut positions: Vec<&mut Position> = one
        .kept
        .list
        .iter_mut()
        .map(|v| &mut v.pos)
        .chain(one.error.as_mut().and_then(Unreadable::pos_mut))
        .filter(|p| p.line == 0)
        .collect();
    if positions.is_empty() {
        return;
    }
    let Ok(data) = std::fs::read(path) else {
        return;
    };
    crate::lines::fill(&data, &mut positions);
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut config = crate::rule_config(args.lookups.as_deref(), args.product_master.as_deref())?;
    config.message = args.message;
    let mut store = match &args.state {
        Some(p) => DuplicateStore::open(p).map_err(|e| anyhow::anyhow!("--state: {e}"))?,
        None => DuplicateStore::in_memory(),
    };
    let inputs = crate::inputs(&args.files)?;
    let now = epcstream::som::time::now_seconds();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut errors, mut unreadable) = (false, false);
    // Files in parallel, reported in order; stdin last.
    let files: Vec<&PathBuf> = inputs.iter().flatten().collect();
    let mut results: Vec<Outcome1> = files
        .par_iter()
        .map(|p| check_one(Some(p), &config, args.receiver_only))
        .collect();
    if inputs.iter().any(Option::is_none) {
        results.push(check_one(None, &config, args.receiver_only));
    }
    for mut one in results {
        if duplicate(&mut store, &mut one, now)? && one.name != "-" {
            // Found after the file's lines were filled in.
            fill_lines(&PathBuf::from(&one.name), &mut one);
        }
        errors |= one.kept.errors > 0;
        unreadable |= one.error.is_some();
        match args.format {
            Format::Human => human(&mut out, &one)?,
            Format::Jsonl => jsonl(&mut out, &one)?,
        }
    }
    out.flush()?;
    Ok(Outcome::of(unreadable, errors))
}

/// The Class 2 duplicate rule: checks the document's InstanceIdentifier
/// against the store and records it. Returns whether it is a duplicate.
fn duplicate(store: &mut DuplicateStore, one: &mut Outcome1, now: i64) -> anyhow::Result<bool> {
    if one.error.is_some() {
        return Ok(false);
    }
    let Some(id) = one.verdict.instance_identifier.clone() else {
        return Ok(false);
    };
    let sender = one.verdict.sender.clone().unwrap_or_default();
    let orig = store
        .check_and_record(id.as_str(), &one.name, &sender, one.identity, now)
        .map_err(|e| anyhow::anyhow!("--state: {e}"))?;
    if let Some(orig) = orig {
        let rule = epcstream::som::rules::rule("som.duplicate")
            .context("rule table lacks som.duplicate")?;
        let v = Violation {
            class: rule.class,
            rule: rule.id,
            severity: rule.severity,
            message: DuplicateStore::message(&one.name, &orig).into(),
            detail: Some(format!("first seen in {} on {}", orig.file, orig.received)),
            code: None,
            pos: id.pos,
            path: "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier".into(),
        };
        one.kept.violation(&v);
        return Ok(true);
    }
    Ok(false)
}

fn message_label(one: &Outcome1) -> String {
    let v = &one.verdict;
    if let Some(l) = &one.label {
        return l.clone();
    }
    match v.message {
        Some(m) if v.given || m.is_soap() => format!("{} [{}]", v.describe(), m.code()),
        Some(m) => format!("{} [{}, from its events]", v.describe(), m.code()),
        None => "unclassified".to_owned(),
    }
}

/// What a document held: events and EPCs, a SOAP request's serials.
fn contents(one: &Outcome1) -> String {
    let v = &one.verdict;
    if one.label.is_some() {
        "no serial".to_owned()
    } else if v.message.is_some_and(MessageType::is_soap) {
        plural(v.epcs, "serial")
    } else {
        format!("{}, {}", plural(v.events, "event"), plural(v.epcs, "EPC"))
    }
}

fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn human(out: &mut impl Write, one: &Outcome1) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} — {}: {}, {}",
        one.name,
        message_label(one),
        contents(one),
        plural(one.kept.errors, "error"),
        plural(one.kept.warnings, "warning")
    )?;
    for x in &one.kept.list {
        let class = match x.class {
            Class::Gs1 => "gs1".to_owned(),
            c => format!("class {c}"),
        };
        let code = x.code.map(|c| format!(" {c}")).unwrap_or_default();
        writeln!(
            out,
            "  {} {class} {}{code}: {}",
            x.severity.as_str(),
            x.rule,
            x.message
        )?;
        if let Some(d) = &x.detail {
            writeln!(out, "      {d}")?;
        }
        writeln!(
            out,
            "      at {}:{} (byte {}) {}",
            x.pos.line, x.pos.column, x.pos.offset, x.path
        )?;
    }
    if one.kept.dropped > 0 {
        writeln!(out, "  … and {} more", one.kept.dropped)?;
    }
    if let Some(e) = &one.error {
        writeln!(out, "  unreadable: {e}")?;
    }
    Ok(())
}

fn jsonl(out: &mut impl Write, one: &Outcome1) -> io::Result<()> {
    let v = &one.verdict;
    let mut buf = Vec::with_capacity(256 + one.kept.list.len() * 200);
    let mut o = Obj::new(&mut buf);
    o.str("file", &one.name);
    match v.message {
        Some(m) => {
            o.str("message", &v.describe());
            o.str("message_code", m.code());
        }
        None => {
            o.null("message");
            o.null("message_code");
        }
    }
    o.bool("given", v.given);
    o.num("events", v.events);
    o.num("epcs", v.epcs);
    o.num("errors", one.kept.errors);
    o.num("warnings", one.kept.warnings);
    o.key("violations");
    o.out.push(b'[');
    for (i, x) in one.kept.list.iter().enumerate() {
        if i > 0 {
            o.out.push(b',');
        }
        let mut e = Obj::new(o.out);
        e.str("class", x.class.as_str());
        e.str("rule", x.rule);
        e.str("severity", x.severity.as_str());
        e.str("message", &x.message);
        match &x.detail {
            Some(d) => e.str("detail", d),
            None => e.null("detail"),
        }
        match x.code {
            Some(c) => e.str("code", c.as_str()),
            None => e.null("code"),
        }
        e.num("offset", x.pos.offset);
        e.num("line", u64::from(x.pos.line));
        e.num("column", u64::from(x.pos.column));
        e.str("path", &x.path);
        e.end();
    }
    o.out.push(b']');
    o.num("dropped", one.kept.dropped);
    match &one.error {
        Some(err) => o.str("error", &err.to_string()),
        None => o.null("error"),
    }
    o.end();
    buf.push(b'\n');
    out.write_all(&buf)
}
