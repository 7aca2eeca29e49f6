//! The `epcstream` command-line tool. Thin: parse arguments, run the
//! subcommand, map the outcome to an exit code.

mod r#gen;
mod json;
mod ledger;
mod lines;
mod lookups;
mod scan;
mod soap;
mod translate;
mod validate;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Streams GS1 EPCIS documents and translates EPC identifiers per the GS1
/// EPC Tag Data Standard.
#[derive(Parser)]
#[command(name = "epcstream", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan EPCIS documents: every EPC validated and counted (the main job).
    Scan(scan::Args),
    /// Translate EPC identifiers between GS1 representations.
    Translate(translate::Args),
    /// Check EPCIS documents against the receiver's message rules (Class 1 and 2).
    Validate(validate::Args),
    /// List, show or export the receiver's lookup tables.
    Lookups(lookups::Args),
    /// Apply EPCIS documents and SOAP requests to the serial-number ledger.
    Apply(ledger::ApplyArgs),
    /// Show serial numbers' state in the ledger.
    Status(ledger::StatusArgs),
    /// Show a serial number's history in the ledger.
    History(ledger::HistoryArgs),
    /// Write a deterministic TraceLink-style EPCIS 1.2 document (benchmarks, tests).
    Gen(r#gen::Args),
    /// Answer a SOAP Decommission or Destroy request as the receiver (TraceLink) does.
    Soap(soap::Args),
}

/// What a subcommand reports: success, or some inputs were invalid.
pub enum Outcome {
    /// Every input was valid.
    Clean,
    /// Some input was invalid (exit status 1).
    Findings,
    /// An input could not be read or is not well-formed (exit status 2;
    /// what could be read was reported).
    Unreadable,
}

impl Outcome {
    /// The run's outcome: unreadable input outranks findings.
    pub fn of(unreadable: bool, findings: bool) -> Self {
        if unreadable {
            Outcome::Unreadable
        } else if findings {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }
}

/// The receiver's rule configuration from the common options: `--lookups
/// DIR` over the built-in tables, `--product-master FILE`.
pub fn rule_config(
    lookups: Option<&Path>,
    product_master: Option<&Path>,
) -> anyhow::Result<epcstream::som::Config> {
    let lookups = match lookups {
        Some(dir) => {
            epcstream::som::Lookups::load_dir(dir).map_err(|e| anyhow::anyhow!("--lookups: {e}"))?
        }
        None => epcstream::som::Lookups::builtin(),
    };
    let master = match product_master {
        Some(p) => epcstream::som::ProductMaster::load(p)
            .with_context(|| format!("--product-master {}", p.display()))?,
        None => epcstream::som::ProductMaster::new(),
    };
    Ok(epcstream::som::Config {
        lookups,
        master,
        ..epcstream::som::Config::default()
    })
}

/// The inputs of a command: files as given, directories expanded to their
/// `*.xml` files (recursively, in name order), `-` (or no argument at all)
/// as `None`, stdin.
pub fn inputs(files: &[PathBuf]) -> anyhow::Result<Vec<Option<PathBuf>>> {
    if files.is_empty() {
        return Ok(vec![None]);
    }
    let mut v = Vec::new();
    for f in files {
        if f.as_os_str() == "-" {
            v.push(None);
        } else if f.is_dir() {
            let mut found = Vec::new();
            xml_files(f, &mut found).with_context(|| format!("cannot list {}", f.display()))?;
            found.sort();
            v.extend(found.into_iter().map(Some));
        } else {
            v.push(Some(f.clone()));
        }
    }
    Ok(v)
}

/// The `*.xml` files under `dir`, recursively.
fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            xml_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Gen(args) => r#gen::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Lookups(args) => lookups::run(args),
        Command::Soap(args) => soap::run(args),
        Command::Apply(args) => ledger::apply(args),
        Command::Status(args) => ledger::status(args),
        Command::History(args) => ledger::history(args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Unreadable) => ExitCode::from(2),
        // A closed pipe (`| head`) is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("epcstream: {e:#}");
            ExitCode::from(2)
        }
    }
}
