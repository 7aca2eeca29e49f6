//! The `cargo bench --bench scan` paths as one process, for profilers
//! (`valgrind --tool=callgrind`, `perf`): instruction counts do not depend
//! on the machine's load, unlike the bench's wall clock.
//!
//! ```sh
//! cargo run --release -- gen --epcs 250000 --seed 1 > /tmp/x.xml
//! cargo build --release --example scan_prof
//! valgrind --tool=callgrind target/release/examples/scan_prof validate /tmp/x.xml
//! ```
//!
//! Paths: `scan` (no validation), `validate` (one thread), `parallel`
//! (`scan_parallel`, `threads` as the third argument, default 0 = one per
//! core; optional fourth argument: `chunk_size` in bytes). The file is read
//! into memory first (a few instructions per byte: the kernel's copy).

use epcstream::epcis::{
    EpcRef, Event, EventStart, Finding, Flow, ScanOptions, Sink, scan_parallel, scan_slice,
};
use epcstream::validate::Validator;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc; // as the CLI and the bench

/// What the scanner (or the validator) hands over, counted.
#[derive(Default)]
struct Count {
    epcs: u64,
    events: u64,
    findings: u64,
}

impl Sink for Count {
    fn epc(&mut self, _: &EventStart, _: &EpcRef<'_>) -> Flow {
        self.epcs += 1;
        Flow::Continue
    }
    fn event(&mut self, _: &Event<'_>) -> Flow {
        self.events += 1;
        Flow::Continue
    }
    fn finding(&mut self, _: &Finding) -> Flow {
        self.findings += 1;
        Flow::Continue
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: scan_prof scan|validate|parallel|memmem FILE [THREADS [CHUNK_SIZE]]";
    let (Some(path_kind), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let doc = std::fs::read(file).expect("read the file");
    let mut options = ScanOptions {
        track_lines: false,
        threads: 1,
        ..ScanOptions::default()
    };
    // `REPS=n`: scan n times, report the fastest (wall clock).
    let reps: usize = std::env::var("REPS").map_or(1, |r| r.parse().expect("REPS"));
    let mut best = f64::INFINITY;
    let mut total = Count::default();
    for _ in 0..reps.max(1) {
        total = Count::default();
        let t = std::time::Instant::now();
        match path_kind.as_str() {
            "scan" => {
                scan_slice(&doc, &options, &mut total).expect("scan");
            }
            "validate" => {
                let mut v = Validator::new(Count::default());
                scan_slice(&doc, &options, &mut v).expect("scan");
                total = v.into_inner();
            }
            "parallel" => {
                options.threads = args.get(3).map_or(0, |t| t.parse().expect("threads"));
                if let Some(c) = args.get(4) {
                    options.chunk_size = c.parse().expect("chunk size");
                }
                scan_parallel(
                    &doc,
                    &options,
                    |_| Validator::new(Count::default()),
                    |v| {
                        let c = v.inner();
                        total.epcs += c.epcs;
                        total.events += c.events;
                        total.findings += c.findings;
                        Ok(())
                    },
                )
                .expect("scan");
            }
            // What `scan_parallel`'s pre-count of event start tags costs
            // at least: one memmem pass for `Event`.
            "memmem" => {
                total.events = memchr::memmem::find_iter(&doc, b"Event").count() as u64;
            }
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let s = best;
    println!(
        "{path_kind}: {} bytes, {} EPCs, {} events, {} findings, {:.3} s, {:.0} MB/s",
        doc.len(),
        total.epcs,
        total.events,
        total.findings,
        s,
        doc.len() as f64 / s / 1e6
    );
}
