//! The `epcstream` command-line tool. Thin: parse arguments, run the
//! subcommand, map the outcome to an exit code.

mod r#gen;
mod json;
mod scan;
mod soap;
mod translate;

use clap::{Parser, Subcommand};
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Gen(args) => r#gen::run(args),
        Command::Soap(args) => soap::run(args),
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
