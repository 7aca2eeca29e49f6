//! `epcstream lookups`: the receiver's lookup tables the rules check values
//! against — list them, show one, or write them out to edit.

use crate::Outcome;
use epcstream::som::{Lookups, Table};
use std::io::Write;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  epcstream lookups                         # every table: its values count and source
  epcstream lookups DestructionMethod       # one table's values
  epcstream lookups --export my-lookups/    # the built-in files, to edit
  epcstream validate --lookups my-lookups/ inbox/

A table file has one value per line; `#` starts a comment line, a tab ends the value (a
note may follow). A table with no values accepts every value.";

/// List, show or export the receiver's lookup tables.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// A table to show (its values, one per line).
    table: Option<String>,
    /// Read the tables of this directory over the built-in ones (as
    /// `validate --lookups`).
    #[arg(long, value_name = "DIR")]
    lookups: Option<PathBuf>,
    /// Write every built-in table as `<Table>.txt` into DIR.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["table", "lookups"])]
    export: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if let Some(dir) = &args.export {
        Lookups::export_builtin(dir)
            .map_err(|e| anyhow::anyhow!("cannot write to {}: {e}", dir.display()))?;
        eprintln!("wrote {} tables to {}", Table::ALL.len(), dir.display());
        return Ok(Outcome::Clean);
    }
    let lookups = crate::rule_config(args.lookups.as_deref(), None)?.lookups;
    let mut out = std::io::stdout().lock();
    if let Some(name) = &args.table {
        let table = Table::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
            anyhow::anyhow!("no table `{name}`; tables: {}", names.join(", "))
        })?;
        for v in lookups.values(table) {
            writeln!(out, "{v}")?;
        }
        return Ok(Outcome::Clean);
    }
    for t in Table::ALL {
        let source = lookups
            .source(*t)
            .map_or_else(|| "built-in".to_owned(), |p| p.display().to_string());
        let n = lookups.values(*t).len();
        let count = if n == 0 {
            "any value".to_owned()
        } else {
            format!("{n} values")
        };
        writeln!(out, "{:<26} {count:>11}  {source}", t.name())?;
    }
    Ok(Outcome::Clean)
}
