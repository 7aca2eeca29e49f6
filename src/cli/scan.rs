//! `epcstream scan`: the main job. Every EPC of every document, validated,
//! counted, and optionally written out one row each.

use crate::Outcome;
use crate::json::Obj;
use epcstream::epc::{Epc, Scheme};
use epcstream::epcis::{
    self, ChunkInfo, EpcField, EpcRef, EventKind, EventStart, Finding, Flow, Header, ScanError,
    ScanOptions, Severity, Sink,
};
use epcstream::validate::{CheckedSink, EpcCheck, EpcStats, Validator};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  epcstream scan corpus/epcis/*.xml
  epcstream scan --format summary-json shipment.xml
  epcstream scan --format csv --invalid-only big-export.xml > invalid.csv
  epcstream gen --epcs 1000000 --seed 1 | epcstream scan -

Output (--format):
  human         a summary: documents, events by type, EPCs by field and scheme (valid /
                invalid), findings with their positions, throughput (default)
  jsonl, csv    one row per EPC: file, event, event_type, field, index, offset, line, column,
                epc, valid, scheme, error, rule and its translations (gtin, serial, sscc,
                element: the GS1 element string)
  summary-json  the summary as one JSON object

Exit status: 0 no finding of severity error, 1 findings of severity error (a warning alone
does not change the status), 2 an input unreadable or not well-formed (everything before
the error is still reported, then the error with line:column and what was expected).";

/// Scan EPCIS documents: every EPC validated and counted.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// EPCIS documents, or directories (their `*.xml` files, recursively, in
    /// name order); `-` or none reads one document from stdin.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Rows (jsonl, csv) only for invalid EPCs.
    #[arg(long)]
    invalid_only: bool,
    /// Threads for one large file (0: one per core; 1: sequential).
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,
    /// Bytes per chunk when a file is cut for parallel scanning, and of the
    /// buffer stdin is read in.
    #[arg(long, default_value_t = 8 << 20, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(4096..))]
    chunk_size: u64,
    /// Findings listed in the human summary (all are counted).
    #[arg(long, default_value_t = 20, value_name = "N")]
    show_findings: usize,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    no_progress: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Jsonl,
    Csv,
    SummaryJson,
}

const CSV_HEADER: &str = "file,event,event_type,field,index,offset,line,column,epc,valid,scheme,error,rule,gtin,serial,sscc,element\n";

/// At most this many findings are kept per file for listing; all are
/// counted.
const KEEP_FINDINGS: usize = 10_000;

/// What one chunk of one file produced.
struct Collector {
    file: std::sync::Arc<str>,
    /// Bytes of the chunk (for the progress bar).
    bytes: u64,
    format: Format,
    invalid_only: bool,
    rows: Vec<u8>,
    documents: u64,
    events: [u64; EventKind::ALL.len()],
    findings: Vec<Finding>,
    by_rule: BTreeMap<&'static str, (Severity, u64)>,
}

impl Collector {
    fn new(file: std::sync::Arc<str>, args: &Args) -> Self {
        Collector {
            file,
            bytes: 0,
            format: args.format,
            invalid_only: args.invalid_only,
            rows: Vec::new(),
            documents: 0,
            events: [0; EventKind::ALL.len()],
            findings: Vec::new(),
            by_rule: BTreeMap::new(),
        }
    }

    fn row(&mut self, ev: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) {
        let valid = check.is_valid();
        if self.invalid_only && valid {
            return;
        }
        let translations = check.epc().map(translations).unwrap_or_default();
        let error = check.reason(epc.field).unwrap_or_default();
        let rule = check.rule(epc.field).unwrap_or_default();
        let scheme = check.scheme().map(Scheme::name).unwrap_or_default();
        let p = epc.value.pos;
        match self.format {
            Format::Jsonl => {
                let mut o = Obj::new(&mut self.rows);
                o.str("file", &self.file);
                o.num("event", ev.index);
                o.str("event_type", ev.kind.as_str());
                o.str("field", epc.field.as_str());
                o.num("index", u64::from(epc.index));
                o.num("offset", p.offset);
                o.num("line", u64::from(p.line));
                o.num("column", u64::from(p.column));
                o.str("epc", epc.value.as_str());
                o.bool("valid", valid);
                if !scheme.is_empty() {
                    o.str("scheme", scheme);
                }
                if !valid || !rule.is_empty() {
                    o.str("error", &error);
                    o.str("rule", rule);
                }
                for (k, v) in [
                    ("gtin", &translations.gtin),
                    ("serial", &translations.serial),
                    ("sscc", &translations.sscc),
                    ("element", &translations.element),
                ] {
                    if !v.is_empty() {
                        o.str(k, v);
                    }
                }
                if let Some(q) = &epc.quantity {
                    o.str("quantity", q.as_str());
                }
                if let Some(u) = &epc.uom {
                    o.str("uom", u.as_str());
                }
                o.end();
                self.rows.push(b'\n');
            }
            Format::Csv => {
                let out = &mut self.rows;
                csv_field(out, &self.file);
                let _ = write!(
                    out,
                    ",{},{},{},{},{},{},{},",
                    ev.index,
                    ev.kind.as_str(),
                    epc.field.as_str(),
                    epc.index,
                    p.offset,
                    p.line,
                    p.column
                );
                csv_field(out, epc.value.as_str());
                let _ = write!(out, ",{},{},", valid, scheme);
                csv_field(out, &error);
                out.push(b',');
                out.extend_from_slice(rule.as_bytes());
                for v in [
                    &translations.gtin,
                    &translations.serial,
                    &translations.sscc,
                    &translations.element,
                ] {
                    out.push(b',');
                    csv_field(out, v);
                }
                out.push(b'\n');
            }
            Format::Human | Format::SummaryJson => {}
        }
    }
}

fn csv_field(out: &mut Vec<u8>, v: &str) {
    if v.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        out.extend_from_slice(v.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(v.as_bytes());
    }
}

#[derive(Default)]
struct Translations {
    gtin: String,
    serial: String,
    sscc: String,
    element: String,
}

/// The GS1 forms of an EPC that rows carry.
fn translations(epc: &Epc<'_>) -> Translations {
    let mut t = Translations::default();
    if let Ok(es) = epc.to_element_string() {
        match epc.scheme() {
            Scheme::Sgtin => {
                t.gtin = es.get("01").unwrap_or_default().to_owned();
                t.serial = es.get("21").unwrap_or_default().to_owned();
            }
            Scheme::Lgtin => t.gtin = es.get("01").unwrap_or_default().to_owned(),
            Scheme::Sscc => t.sscc = es.get("00").unwrap_or_default().to_owned(),
            _ => {}
        }
        t.element = es.to_string();
    }
    t
}

impl Sink for Collector {
    fn header(&mut self, _: &Header<'_>) -> Flow {
        self.documents += 1;
        Flow::Continue
    }
    fn event_start(&mut self, e: &EventStart) -> Flow {
        self.events[e.kind as usize] += 1;
        Flow::Continue
    }
    fn finding(&mut self, f: &Finding) -> Flow {
        let entry = self.by_rule.entry(f.rule).or_insert((f.severity, 0));
        entry.1 += 1;
        if self.findings.len() < KEEP_FINDINGS {
            self.findings.push(f.clone());
        }
        Flow::Continue
    }
}

impl CheckedSink for Collector {
    fn checked_epc(&mut self, ev: &EventStart, epc: &EpcRef<'_>, check: &EpcCheck<'_>) -> Flow {
        if matches!(self.format, Format::Jsonl | Format::Csv) {
            self.row(ev, epc, check);
        }
        Flow::Continue
    }
}

/// Everything, over all files.
#[derive(Default)]
struct Totals {
    files: u64,
    documents: u64,
    bytes: u64,
    events: [u64; EventKind::ALL.len()],
    epcs: EpcStats,
    findings: Vec<(std::sync::Arc<str>, Finding)>,
    by_rule: BTreeMap<&'static str, (Severity, u64)>,
    errors: Vec<(String, ScanError)>,
}

impl Totals {
    fn add(&mut self, c: Collector, stats: &EpcStats) {
        self.documents += c.documents;
        for (t, n) in self.events.iter_mut().zip(c.events) {
            *t += n;
        }
        self.epcs.merge(stats);
        for (rule, (sev, n)) in c.by_rule {
            self.by_rule.entry(rule).or_insert((sev, 0)).1 += n;
        }
        let room = KEEP_FINDINGS.saturating_sub(self.findings.len());
        let file = c.file.clone();
        self.findings
            .extend(c.findings.into_iter().take(room).map(|f| (file.clone(), f)));
    }

    fn severe(&self) -> bool {
        self.by_rule
            .values()
            .any(|(s, n)| *s == Severity::Error && *n > 0)
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
    if args.format == Format::Csv {
        out.write_all(CSV_HEADER.as_bytes())?;
    }
    let inputs = crate::inputs(&args.files)?;
    let rows = matches!(args.format, Format::Jsonl | Format::Csv);
    let options = ScanOptions {
        // Line numbers for every row; for a summary of a file they are
        // computed afterwards for the few findings listed.
        track_lines: rows || inputs.iter().any(Option::is_none),
        threads: args.threads,
        chunk_size: args.chunk_size as usize,
        ..ScanOptions::default()
    };
    let progress = progress_bar(&args, &inputs);
    let mut totals = Totals::default();
    let files: Vec<&PathBuf> = inputs.iter().flatten().collect();
    let names: Vec<std::sync::Arc<str>> = files
        .iter()
        .map(|p| std::sync::Arc::from(p.display().to_string()))
        .collect();
    let stdin_too = inputs.iter().any(Option::is_none);
    let write_rows = |c: &mut Collector, out: &mut io::BufWriter<io::StdoutLock<'_>>| {
        if rows {
            // A closed pipe ends the output; the error comes back at flush.
            let _ = out.write_all(&c.rows);
            c.rows = Vec::new();
        }
    };
    if !files.is_empty() {
        let results = epcis::scan_files(
            &files,
            &options,
            |k, info: &ChunkInfo| {
                let mut c = Collector::new(names[k].clone(), &args);
                c.bytes = info.range.len() as u64;
                Validator::checked(c)
            },
            |_, v: Validator<Collector>| {
                let (mut c, stats) = v.into_parts();
                if let Some(bar) = &progress {
                    bar.inc(c.bytes);
                    let epcs = totals.epcs.total().total() + stats.total().total();
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    bar.set_message(format!("{:.2} M EPCs/s", epcs as f64 / secs / 1e6));
                }
                write_rows(&mut c, &mut out);
                totals.add(c, &stats);
                Ok(())
            },
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        for (k, r) in results.into_iter().enumerate() {
            totals.files += 1;
            match r {
                Ok(s) => totals.bytes += s.bytes,
                Err(e) => totals.errors.push((names[k].to_string(), e)),
            }
        }
    }
    if stdin_too {
        totals.files += 1;
        let mut sink = Validator::checked(Collector::new("-".into(), &args));
        let stdin = io::stdin();
        let reader = ProgressRead {
            inner: stdin.lock(),
            bar: progress.as_ref(),
        };
        let r = epcis::scan_read(reader, &options, &mut sink);
        let (mut c, stats) = sink.into_parts();
        write_rows(&mut c, &mut out);
        totals.add(c, &stats);
        match r {
            Ok(s) => totals.bytes += s.bytes,
            Err(e) => totals.errors.push(("-".into(), e)),
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    // Line and column of the listed findings of files scanned without
    // line tracking.
    if !options.track_lines {
        fill_lines(&mut totals);
    }
    let secs = started.elapsed().as_secs_f64();
    match args.format {
        Format::Human => human(&mut out, &totals, secs, args.show_findings)?,
        Format::SummaryJson => summary_json(&mut out, &totals, secs)?,
        Format::Jsonl | Format::Csv => {
            for (file, e) in &totals.errors {
                eprintln!("epcstream: {file}: {e}");
            }
        }
    }
    out.flush()?;
    Ok(Outcome::of(!totals.errors.is_empty(), totals.severe()))
}

/// Computes line:column of the kept findings and errors of files scanned
/// without line tracking (one memchr pass per file).
fn fill_lines(totals: &mut Totals) {
    let mut by_file: BTreeMap<String, Vec<&mut epcis::Position>> = BTreeMap::new();
    for (file, f) in totals.findings.iter_mut() {
        if f.pos.line == 0 {
            by_file
                .entry(file.to_string())
                .or_default()
                .push(&mut f.pos);
        }
    }
    for (file, e) in totals.errors.iter_mut() {
        if e.pos.line == 0 {
            by_file.entry(file.clone()).or_default().push(&mut e.pos);
        }
    }
    for (file, mut positions) in by_file {
        if let Ok(data) = std::fs::read(&file) {
            crate::lines::fill(&data, &mut positions);
        }
    }
}

fn progress_bar(args: &Args, inputs: &[Option<PathBuf>]) -> Option<indicatif::ProgressBar> {
    if args.no_progress || !io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .flatten()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = if inputs.iter().any(Option::is_none) {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::new(total)
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {bytes_per_sec} {msg} eta {eta} {wide_bar}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Counts bytes read from stdin for the progress bar.
struct ProgressRead<'b, R> {
    inner: R,
    bar: Option<&'b indicatif::ProgressBar>,
}

impl<R: io::Read> io::Read for ProgressRead<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(b) = self.bar {
            b.inc(n as u64);
        }
        Ok(n)
    }
}

fn human(out: &mut impl Write, t: &Totals, secs: f64, show: usize) -> io::Result<()> {
    let total = t.epcs.total();
    let mb = t.bytes as f64 / 1e6;
    writeln!(
        out,
        "{} file(s), {} document(s), {:.1} MB in {:.3} s ({:.0} MB/s), {} EPCs ({:.2} M/s)",
        t.files,
        t.documents,
        mb,
        secs,
        mb / secs.max(1e-9),
        total.total(),
        total.total() as f64 / secs.max(1e-9) / 1e6
    )?;
    let events: Vec<String> = EventKind::ALL
        .iter()
        .filter(|k| t.events[**k as usize] > 0)
        .map(|k| format!("{} {}", k, t.events[*k as usize]))
        .collect();
    writeln!(
        out,
        "events: {}",
        if events.is_empty() {
            "none".into()
        } else {
            events.join(", ")
        }
    )?;
    writeln!(
        out,
        "EPCs: {} valid, {} invalid",
        total.valid, total.invalid
    )?;
    for field in EpcField::ALL {
        let c = t.epcs.by_field(*field);
        if c.total() > 0 {
            writeln!(
                out,
                "  {:<20} {:>10} valid {:>10} invalid",
                field.as_str(),
                c.valid,
                c.invalid
            )?;
        }
    }
    let mut schemes: Vec<_> = Scheme::ALL
        .iter()
        .map(|s| (Some(*s), t.epcs.by_scheme(Some(*s))))
        .collect();
    schemes.push((None, t.epcs.by_scheme(None)));
    for (s, c) in schemes {
        if c.total() > 0 {
            writeln!(
                out,
                "  {:<20} {:>10} valid {:>10} invalid",
                s.map_or("(no scheme)", Scheme::name),
                c.valid,
                c.invalid
            )?;
        }
    }
    let (errors, warnings) = t.by_rule.values().fold((0, 0), |(e, w), (s, n)| match s {
        Severity::Error => (e + n, w),
        Severity::Warning => (e, w + n),
        Severity::Info => (e, w),
    });
    writeln!(out, "findings: {errors} error(s), {warnings} warning(s)")?;
    for (rule, (sev, n)) in &t.by_rule {
        writeln!(out, "  {:<8} {:<28} {n}", sev.as_str(), rule)?;
    }
    for (file, f) in t.findings.iter().take(show) {
        writeln!(
            out,
            "{}:{}:{}: {} {}: {} [{}]",
            file,
            f.pos.line,
            f.pos.column,
            f.severity.as_str(),
            f.rule,
            f.message,
            f.path
        )?;
    }
    if t.findings.len() > show {
        writeln!(
            out,
            "… {} more (--show-findings N, or --format jsonl for every EPC)",
            t.by_rule.values().map(|(_, n)| n).sum::<u64>() - show as u64
        )?;
    }
    for (file, e) in &t.errors {
        writeln!(out, "{file}: error: {e}")?;
    }
    Ok(())
}

fn summary_json(out: &mut impl Write, t: &Totals, secs: f64) -> io::Result<()> {
    let counts = |c: epcstream::validate::EpcCount| serde_json::json!({"valid": c.valid, "invalid": c.invalid});
    let mut by_field = serde_json::Map::new();
    for f in EpcField::ALL {
        let c = t.epcs.by_field(*f);
        if c.total() > 0 {
            by_field.insert(f.as_str().into(), counts(c));
        }
    }
    let mut by_scheme = serde_json::Map::new();
    for s in Scheme::ALL.iter().map(|s| Some(*s)).chain([None]) {
        let c = t.epcs.by_scheme(s);
        if c.total() > 0 {
            by_scheme.insert(s.map_or("none", Scheme::name).into(), counts(c));
        }
    }
    let events: serde_json::Map<_, _> = EventKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                serde_json::json!(t.events[*k as usize]),
            )
        })
        .collect();
    let rules: serde_json::Map<_, _> = t
        .by_rule
        .iter()
        .map(|(r, (s, n))| {
            (
                r.to_string(),
                serde_json::json!({"severity": s.as_str(), "count": n}),
            )
        })
        .collect();
    let items: Vec<_> = t
        .findings
        .iter()
        .map(|(file, f)| {
            serde_json::json!({"file": &**file, "rule": f.rule, "severity": f.severity.as_str(), "message": f.message,
                "offset": f.pos.offset, "line": f.pos.line, "column": f.pos.column, "path": f.path})
        })
        .collect();
    let errors: Vec<_> = t
        .errors
        .iter()
        .map(|(file, e)| {
            serde_json::json!({"file": file, "message": e.to_string(), "offset": e.pos.offset,
            "line": e.pos.line, "column": e.pos.column, "path": e.path})
        })
        .collect();
    let total = t.epcs.total();
    let v = serde_json::json!({
        "files": t.files,
        "documents": t.documents,
        "bytes": t.bytes,
        "seconds": secs,
        "bytes_per_second": t.bytes as f64 / secs.max(1e-9),
        "events": events,
        "epcs": {"total": counts(total), "by_field": by_field, "by_scheme": by_scheme},
        "epcs_per_second": total.total() as f64 / secs.max(1e-9),
        "findings": {"by_rule": rules, "items": items},
        "errors": errors,
    });
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}
