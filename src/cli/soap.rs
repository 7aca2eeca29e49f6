//! `epcstream soap`: answer a SOAP Decommission or Destroy request as the
//! receiver does, or say what a response of the receiver says.

use crate::Outcome;
use anyhow::Context;
use epcstream::som::soap::{self, Message, ReadResponse, SoapError};
use epcstream::som::{Violation, time};
use std::io::{self, Read, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  epcstream soap corpus/seed/destroy_soap_request.xml
  epcstream soap --explain --product-master products.csv request.xml
  epcstream soap --now 2015-06-01T00:00:00Z --explain - < request.xml
  epcstream soap corpus/seed/decommission_soap_response.xml

A request is answered with the receiver's response envelope on stdout: Success true, or
false with every exception (VALIDATION, MLTUPLE_ATTRIBUTES_DECOMMISSION, SOMDUPLICATESNS,
EVENTTIMEAFTERNOW) as a CallException. A response file is read and written back in the
receiver's shape (what it says: success, exceptions).

--explain prints each violation on stderr: position, severity, class, rule, exception code,
message, detail, byte offset and element path; warnings (tolerated defects, unknown
elements, serial numbers in no GS1 form) included.

Exit status: 0 success (a response saying success), 1 exceptions (a response saying
failure), 2 unreadable, not well-formed, or not a SOAP Decommission/Destroy message (the
error with line:column and what was expected on stderr).";

/// Answer a SOAP Decommission or Destroy request as the receiver does.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The SOAP request (or response); `-` or none reads stdin.
    file: Option<PathBuf>,
    /// Directory of lookup tables (`<Table>.txt`) replacing the built-in ones.
    #[arg(long, value_name = "DIR")]
    lookups: Option<PathBuf>,
    /// Product master CSV (gtin,target_markets) for the Russia rules.
    #[arg(long, value_name = "FILE")]
    product_master: Option<PathBuf>,
    /// "Now" for EVENTTIMEAFTERNOW (YYYY-MM-DDThh:mm:ssZ); default: the clock.
    #[arg(long, value_name = "DATETIME", value_parser = parse_now)]
    now: Option<i64>,
    /// Print every violation on stderr.
    #[arg(long)]
    explain: bool,
}

fn parse_now(s: &str) -> Result<i64, String> {
    time::parse_seconds(s).ok_or_else(|| format!("`{s}` is no date-time (YYYY-MM-DDThh:mm:ssZ)"))
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut config = crate::rule_config(args.lookups.as_deref(), args.product_master.as_deref())?;
    config.now = args.now;
    let (name, input) = match args.file.as_deref() {
        None => ("-".to_owned(), read_stdin()?),
        Some(p) if p.as_os_str() == "-" => ("-".to_owned(), read_stdin()?),
        Some(p) => (
            p.display().to_string(),
            std::fs::read(p).with_context(|| format!("reading {}", p.display()))?,
        ),
    };
    let doc = match soap::read(&input) {
        Ok(d) => d,
        Err(e) => return Ok(unreadable(&name, &e)),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match doc.message {
        Message::Request(request) => {
            let checked = soap::check_request(*request, doc.warnings, &config, None);
            if args.explain {
                explain(&name, &checked.violations)?;
            }
            writeln!(out, "{}", checked.response.to_xml())?;
            out.flush()?;
            Ok(if checked.is_success() {
                Outcome::Clean
            } else {
                Outcome::Findings
            })
        }
        Message::Response(r) => {
            if args.explain {
                explain(&name, &doc.warnings)?;
                explain_response(&name, &r)?;
            }
            let Some(success) = r.success() else {
                let e = SoapError {
                    kind: soap::SoapErrorKind::NotRequest,
                    message: format!(
                        "<{}> without TLResponse/Success true or false",
                        r.element.name
                    ),
                    expected: Some("<Success>true</Success> or <Success>false</Success>".into()),
                    pos: r.success.as_ref().map_or(r.element.pos, |s| s.pos),
                };
                return Ok(unreadable(&name, &e));
            };
            writeln!(out, "{}", r.to_xml())?;
            out.flush()?;
            Ok(if success {
                Outcome::Clean
            } else {
                Outcome::Findings
            })
        }
    }
}

fn read_stdin() -> anyhow::Result<Vec<u8>> {
    let mut v = Vec::new();
    io::stdin().read_to_end(&mut v).context("reading stdin")?;
    Ok(v)
}

fn unreadable(name: &str, e: &SoapError) -> Outcome {
    let expected = e
        .expected
        .as_deref()
        .map_or(String::new(), |x| format!(" (expected {x})"));
    eprintln!(
        "epcstream: {name}:{}:{}: {}: {}{expected} [byte {}]",
        e.pos.line,
        e.pos.column,
        e.kind.as_str(),
        e.message,
        e.pos.offset
    );
    Outcome::Unreadable
}

fn explain(name: &str, violations: &[Violation<'_>]) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for v in violations {
        let code = v.code.map_or(String::new(), |c| format!(" {c}"));
        write!(
            err,
            "{name}:{}:{}: {} [class {}] {}{code}: {}",
            v.pos.line,
            v.pos.column,
            v.severity.as_str(),
            v.class,
            v.rule,
            v.message
        )?;
        if let Some(d) = &v.detail {
            write!(err, " — {d}")?;
        }
        writeln!(err, " (offset {}, {})", v.pos.offset, v.path)?;
    }
    Ok(())
}

fn explain_response(name: &str, r: &ReadResponse) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let success = r
        .success
        .as_ref()
        .map_or("(missing)".to_owned(), |s| s.trimmed().to_owned());
    writeln!(err, "{name}: <{}> Success {success}", r.element.name)?;
    for ce in &r.exceptions {
        let code = ce.code.as_ref().map_or("(no code)", |c| c.trimmed());
        let message = ce
            .message
            .as_ref()
            .map_or("(no message)", |m| m.value.as_str());
        writeln!(
            err,
            "{name}:{}:{}: exception {code}: {message} ({})",
            ce.element.pos.line, ce.element.pos.column, ce.element.path
        )?;
    }
    Ok(())
}
