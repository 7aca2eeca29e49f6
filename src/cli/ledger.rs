//! `epcstream apply`, `status`, `history`: the serial-number ledger.

use crate::Outcome;
use crate::json::Obj;
use anyhow::Context;
use epcstream::epcis::{self, Position, ScanOptions};
use epcstream::ledger::{self, Applied, Ledger, Rejection, serial_key};
use epcstream::som::Config;
use epcstream::som::soap;
use std::io::{self, Read, Write};
use std::path::PathBuf;

const APPLY_EXAMPLES: &str = "\
Examples:
  epcstream apply --ledger ledger/ commission.xml aggregation.xml shipment.xml
  epcstream apply --ledger ledger/ --dry-run decommission.xml
  epcstream apply --ledger ledger/ corpus/seed/decommission_soap_request.xml
  epcstream status --ledger ledger/ urn:epc:id:sgtin:4607012.034567.100000000101
  epcstream history --ledger ledger/ '(00)106141412345678908'

Each input is one message, applied completely or not at all, in the order given: an EPCIS
document (each event one operation: commission, aggregate, ship, decommission, destroy, …),
or a SOAP Decommission / Destroy request (answered with the receiver's response envelope).
A message with any exception is refused whole, and every exception is listed: code
(NEVERCOMMISSIONED, NOTCOMMISSIONED, SNNOTFOUND, SOMDUPLICATESNS, BADAGGREGATESTATE,
CANNOTBEAGGREGATED, CROSSLOCATIONS, NOTCOMMISSIONEDLOCATION, NOTVALIDLOCATION,
EVENTTIMEAFTERNOW, EVENTTIMEBEFORELASTEVENT, MLTUPLE_ATTRIBUTES_DECOMMISSION, VALIDATION, …),
the receiver's text, the serial, line:column and element path.

Exit status: 0 every message applied, 1 some refused, 2 an input unreadable.";

/// Apply EPCIS documents and SOAP requests to the ledger.
#[derive(clap::Args)]
#[command(after_help = APPLY_EXAMPLES)]
pub struct ApplyArgs {
    /// The ledger's directory (created if missing).
    #[arg(long, value_name = "DIR")]
    ledger: PathBuf,
    /// Messages, applied in this order (directories: their `*.xml`, in
    /// name order); `-` or none reads one from stdin.
    files: Vec<PathBuf>,
    /// Check against the ledger without applying.
    #[arg(long)]
    dry_run: bool,
    /// Lookup tables for the SOAP requests' checks (see `epcstream lookups`).
    #[arg(long, value_name = "DIR")]
    lookups: Option<PathBuf>,
    /// Product master CSV (gtin,target_markets) for the SOAP Russia rules.
    #[arg(long, value_name = "FILE")]
    product_master: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Jsonl,
}

/// Show serial numbers' state in the ledger.
#[derive(clap::Args)]
pub struct StatusArgs {
    /// The ledger's directory.
    #[arg(long, value_name = "DIR")]
    ledger: PathBuf,
    /// EPCs in any form (URI, tag URI, hex, element string, the SOAP `sn`).
    #[arg(required = true)]
    epcs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// Show a serial number's history.
#[derive(clap::Args)]
pub struct HistoryArgs {
    /// The ledger's directory.
    #[arg(long, value_name = "DIR")]
    ledger: PathBuf,
    /// The EPC, in any form.
    epc: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

fn open(dir: &std::path::Path) -> anyhow::Result<Ledger> {
    ledger::open(dir).with_context(|| format!("cannot open the ledger in {}", dir.display()))
}

/// What one message did.
struct Done {
    name: String,
    kind: &'static str,
    applied: Option<Applied>,
    /// The SOAP response envelope.
    response: Option<String>,
    error: Option<String>,
}

pub fn apply(args: ApplyArgs) -> anyhow::Result<Outcome> {
    let ledger = open(&args.ledger)?;
    let config = crate::rule_config(args.lookups.as_deref(), args.product_master.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut refused, mut unreadable) = (false, false);
    for input in crate::inputs(&args.files)? {
        let done = apply_one(&ledger, input.as_ref(), &config, !args.dry_run)?;
        refused |= done.applied.as_ref().is_some_and(|a| !a.applied);
        unreadable |= done.error.is_some();
        match args.format {
            Format::Human => human(&mut out, &done, args.dry_run)?,
            Format::Jsonl => jsonl(&mut out, &done)?,
        }
        out.flush()?;
    }
    Ok(Outcome::of(unreadable, refused))
}

fn apply_one(
    ledger: &Ledger,
    input: Option<&PathBuf>,
    config: &Config,
    commit: bool,
) -> anyhow::Result<Done> {
    let name = input.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    let mut done = Done {
        name,
        kind: "EPCIS",
        applied: None,
        response: None,
        error: None,
    };
    // SOAP requests are small: read whole. EPCIS documents stream (stdin
    // too: its first bytes, looked at, are put back in front).
    let mut head = Vec::with_capacity(512);
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    match input {
        Some(p) => {
            std::fs::File::open(p)
                .and_then(|f| f.take(512).read_to_end(&mut head))
                .with_context(|| format!("cannot read {}", p.display()))?;
        }
        None => {
            (&mut stdin).take(512).read_to_end(&mut head)?;
        }
    }
    let n = head.len();
    if soap::is_soap(&head[..n]) {
        done.kind = "SOAP";
        let data = match input {
            Some(p) => std::fs::read(p)?,
            None => {
                let mut all = head.clone();
                stdin.read_to_end(&mut all)?;
                all
            }
        };
        match soap::check(&data, config) {
            Ok(mut check) => {
                let applied = ledger::soap::answer(ledger, &mut check, !commit)?;
                done.response = Some(check.response.to_xml());
                let rejections = check
                    .errors()
                    .map(|v| Rejection {
                        exception: epcstream::som::Exception {
                            code: v.code.unwrap_or(epcstream::som::ExceptionCode::Validation),
                            message: v.message.to_string(),
                        },
                        serial: None,
                        pos: v.pos,
                        path: v.path.to_string(),
                        detail: v.detail.clone(),
                    })
                    .collect();
                done.applied = Some(Applied {
                    applied: applied.applied,
                    rejections,
                    transitions: applied.transitions,
                });
            }
            Err(e) => done.error = Some(e.to_string()),
        }
        return Ok(done);
    }
    let options = ScanOptions {
        track_lines: true,
        threads: 1,
        ..ScanOptions::default()
    };
    let mut stdin = Some(io::Cursor::new(head).chain(stdin));
    let (applied, scanned) = ledger::epcis::apply_document(ledger, commit, &mut |f| match input {
        Some(p) => epcis::scan_file(p, &options, f),
        None => match stdin.take() {
            Some(r) => epcis::scan_read(r, &options, f),
            None => epcis::scan_slice(b"", &options, f),
        },
    })?;
    if let Err(e) = scanned {
        done.error = Some(e.to_string());
    }
    done.applied = Some(applied);
    Ok(done)
}

fn at(pos: Position) -> String {
    format!("{}:{} (byte {})", pos.line, pos.column, pos.offset)
}

fn human(out: &mut impl Write, d: &Done, dry_run: bool) -> io::Result<()> {
    let verb = if dry_run {
        "would be applied"
    } else {
        "applied"
    };
    match (&d.applied, &d.error) {
        (_, Some(e)) => writeln!(out, "{}: unreadable, nothing applied: {e}", d.name)?,
        (Some(a), None) if a.applied => writeln!(
            out,
            "{}: {} {verb}, {} transition{}",
            d.name,
            d.kind,
            a.transitions,
            if a.transitions == 1 { "" } else { "s" }
        )?,
        (Some(a), None) => {
            writeln!(
                out,
                "{}: {} refused, {} exceptions:",
                d.name,
                d.kind,
                a.rejections.len()
            )?;
            for r in &a.rejections {
                writeln!(out, "  {}: {}", r.exception.code, r.exception.message)?;
                if let Some(detail) = &r.detail {
                    writeln!(out, "      {detail}")?;
                }
                writeln!(out, "      at {} {}", at(r.pos), r.path)?;
            }
        }
        (None, None) => {}
    }
    if let Some(resp) = &d.response {
        writeln!(out, "{resp}")?;
    }
    Ok(())
}

fn jsonl(out: &mut impl Write, d: &Done) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut o = Obj::new(&mut buf);
    o.str("file", &d.name);
    o.str("kind", d.kind);
    match &d.applied {
        Some(a) => {
            o.bool("applied", a.applied && d.error.is_none());
            o.num("transitions", a.transitions);
            o.key("exceptions");
            o.out.push(b'[');
            for (i, r) in a.rejections.iter().enumerate() {
                if i > 0 {
                    o.out.push(b',');
                }
                let mut e = Obj::new(o.out);
                e.str("code", r.exception.code.as_str());
                e.str("message", &r.exception.message);
                match &r.serial {
                    Some(s) => e.str("serial", s),
                    None => e.null("serial"),
                }
                match &r.detail {
                    Some(s) => e.str("detail", s),
                    None => e.null("detail"),
                }
                e.num("offset", r.pos.offset);
                e.num("line", u64::from(r.pos.line));
                e.num("column", u64::from(r.pos.column));
                e.str("path", &r.path);
                e.end();
            }
            o.out.push(b']');
        }
        None => o.bool("applied", false),
    }
    match &d.response {
        Some(r) => o.str("response", r),
        None => o.null("response"),
    }
    match &d.error {
        Some(e) => o.str("error", e),
        None => o.null("error"),
    }
    o.end();
    buf.push(b'\n');
    out.write_all(&buf)
}

fn key_of(epc: &str) -> anyhow::Result<String> {
    serial_key(epc).map_err(|e| anyhow::anyhow!("`{epc}` names no serial: {e}"))
}

pub fn status(args: StatusArgs) -> anyhow::Result<Outcome> {
    let ledger = open(&args.ledger)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut unknown = false;
    for epc in &args.epcs {
        let key = key_of(epc)?;
        let st = ledger.status(&key)?;
        unknown |= st.is_none();
        match args.format {
            Format::Human => match &st {
                None => writeln!(out, "{epc}: never seen")?,
                Some(s) => {
                    let r = &s.record;
                    write!(out, "{epc}: {}", r.state)?;
                    if let Some(p) = &r.parent {
                        write!(out, ", in {p}")?;
                    }
                    write!(out, ", {} children", r.children)?;
                    if let Some(l) = &s.last {
                        write!(
                            out,
                            ", last: {} at {} (document {})",
                            l.operation,
                            epcstream::som::time::format_seconds(l.time),
                            if l.document.is_empty() {
                                "-"
                            } else {
                                &l.document
                            }
                        )?;
                    }
                    writeln!(out)?;
                }
            },
            Format::Jsonl => {
                let mut buf = Vec::new();
                let mut o = Obj::new(&mut buf);
                o.str("epc", epc);
                o.str("key", &key);
                match &st {
                    None => o.null("state"),
                    Some(s) => {
                        o.str("state", s.record.state.as_str());
                        match &s.record.parent {
                            Some(p) => o.str("parent", p),
                            None => o.null("parent"),
                        }
                        o.num("children", u64::from(s.record.children));
                        match &s.last {
                            Some(l) => {
                                o.str("last_operation", &l.operation);
                                o.str("last_time", &epcstream::som::time::format_seconds(l.time));
                                o.str("last_document", &l.document);
                            }
                            None => o.null("last_operation"),
                        }
                    }
                }
                o.end();
                buf.push(b'\n');
                out.write_all(&buf)?;
            }
        }
    }
    out.flush()?;
    Ok(if unknown {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

pub fn history(args: HistoryArgs) -> anyhow::Result<Outcome> {
    let ledger = open(&args.ledger)?;
    let key = key_of(&args.epc)?;
    let entries = ledger.history(&key)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for h in &entries {
        let time = epcstream::som::time::format_seconds(h.time);
        match args.format {
            Format::Human => writeln!(
                out,
                "{time}  {:<16} → {:<14} document {}{}{}",
                h.operation,
                h.state.as_str(),
                if h.document.is_empty() {
                    "-"
                } else {
                    &h.document
                },
                h.location
                    .as_deref()
                    .map(|l| format!("  at {l}"))
                    .unwrap_or_default(),
                h.reason
                    .as_deref()
                    .map(|r| format!("  ({r})"))
                    .unwrap_or_default(),
            )?,
            Format::Jsonl => {
                let mut buf = Vec::new();
                let mut o = Obj::new(&mut buf);
                o.str("time", &time);
                o.str("operation", &h.operation);
                o.str("state", h.state.as_str());
                o.str("document", &h.document);
                match &h.location {
                    Some(l) => o.str("location", l),
                    None => o.null("location"),
                }
                match &h.reason {
                    Some(r) => o.str("reason", r),
                    None => o.null("reason"),
                }
                o.end();
                buf.push(b'\n');
                out.write_all(&buf)?;
            }
        }
    }
    if entries.is_empty() {
        eprintln!("{}: no history (never seen)", args.epc);
    }
    out.flush()?;
    Ok(if entries.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
