//! `epcstream gen`: a deterministic TraceLink-style EPCIS 1.2 document with
//! exactly N EPC references, for benchmarks and tests.

use crate::Outcome;
use anyhow::Context;
use epcstream::r#gen::{GenOptions, Layout, Message, generate};
use std::io;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  epcstream gen --epcs 1000 --seed 1 > small.xml
  epcstream gen --epcs 1300000 --seed 7 -o bench.xml                 (about 100 MB)
  epcstream gen --epcs 100000 --seed 3 --layout min --invalid-rate 0.01 -o dirty.xml
  epcstream gen --epcs 50000 --seed 2 --message decommission -o decommission.xml
  epcstream gen --epcs 1300000 --seed 1 --message mixed -o mixed.xml          (every rule path)

The document is what a contract manufacturer sends as an ESM Shipment: SBDH and master data,
then per pallet a commissioning ObjectEvent of the units (ILMD lot and expiry,
tl:commissionEventExtensions), commissioning of the case and pallet SSCCs, one packing
AggregationEvent per case and per pallet, and one shipping ObjectEvent (po and desadv
bizTransactions, source and destination lists, tl:shippingEventExtensions) at the end.
--message decommission / destroy writes an ESM Decommission / ESM Destroy instead: only
decommissioning (destroying) ObjectEvents of 12 to 100 units, each with its
tl:decommissionEventExtensions (tl:destroyEventExtensions): business party (US, India, Russia),
reason code, destruction method. --message mixed is an ESM Shipment that also carries
decommission and destroy events (an eighth of the EPC references), one after each pallet.
Every document passes `epcstream validate` without errors.

--epcs counts EPC references: every <epc> and <parentID> element. The count is exact.
The same options give the same bytes; --invalid-rate R makes about R of the EPC references
invalid (wrong digit count, unescaped '/' or '&', serial over 20 characters, unknown scheme,
truncated) without changing the rest of the document.

With -o, a summary (bytes, events, EPCs, invalid EPCs, MB/s) goes to stderr.";

/// Write a deterministic TraceLink-style EPCIS 1.2 document.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// EPC references to write (`<epc>` and `<parentID>` elements), exactly.
    #[arg(long, value_name = "N")]
    epcs: u64,
    /// Seed: the same seed and options give the same document.
    #[arg(long, value_name = "S")]
    seed: u64,
    /// Layout: one element per line (LF or CRLF), or no white space between tags.
    #[arg(long, value_enum, default_value = "pretty")]
    layout: LayoutArg,
    /// The receiver message written.
    #[arg(long, value_enum, default_value = "shipment")]
    message: MessageArg,
    /// Fraction of EPC references made invalid, 0 to 1.
    #[arg(long, value_name = "R", default_value = "0", value_parser = parse_rate)]
    invalid_rate: f64,
    /// Output file [default: stdout].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LayoutArg {
    /// 2-space indentation, LF line ends.
    Pretty,
    /// No white space between tags.
    Min,
    /// 2-space indentation, CRLF line ends.
    Crlf,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MessageArg {
    /// ESM Shipment: commission, aggregation, shipping.
    Shipment,
    /// ESM Decommission: decommissioning events.
    Decommission,
    /// ESM Destroy: destroying events.
    Destroy,
    /// ESM Shipment with decommission and destroy events too.
    Mixed,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let r: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let opts = GenOptions {
        epcs: args.epcs,
        seed: args.seed,
        layout: match args.layout {
            LayoutArg::Pretty => Layout::Pretty,
            LayoutArg::Min => Layout::Min,
            LayoutArg::Crlf => Layout::Crlf,
        },
        invalid_rate: args.invalid_rate,
        message: match args.message {
            MessageArg::Shipment => Message::Shipment,
            MessageArg::Decommission => Message::Decommission,
            MessageArg::Destroy => Message::Destroy,
            MessageArg::Mixed => Message::Mixed,
        },
    };
    match &args.output {
        None => {
            // `generate` buffers internally; the error stays an io::Error so
            // a closed pipe is recognised.
            generate(&opts, io::stdout().lock())?;
        }
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let start = std::time::Instant::now();
            let stats =
                generate(&opts, file).with_context(|| format!("writing {}", path.display()))?;
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "{}: {} bytes, {} events, {} EPCs ({} invalid), {:.0} MB/s",
                path.display(),
                stats.bytes,
                stats.events,
                stats.epcs,
                stats.invalid_epcs,
                stats.bytes as f64 / secs / 1e6
            );
        }
    }
    Ok(Outcome::Clean)
}
