//! Times epcstream on the three operations of `benches/peers/run.sh`, the
//! same way `benches/peers/epc_tds.js` and `benches/peers/epcpy_bench.py`
//! time their libraries, single thread:
//!
//! * `parse`: pure identity URI → [`Epc`] ([`Epc::parse`], validating);
//! * `uri_to_hex`: URI → [`Epc`] → SGTIN-96 [`Binary`] → uppercase hex,
//!   written into one reused `String`;
//! * `hex_to_uri`: hex → [`Binary`] → decoded tag → pure identity URI,
//!   written into one reused `String`.
//!
//! ```text
//! cargo run --release --example peer_bench -- FILE [--reps R] [--warmup N] [--out OUT]
//! ```
//!
//! `FILE` has lines `URI<TAB>FILTER` (`benches/peers/gen_sgtins.py`). One JSON
//! line per operation goes to stdout: `{peer, version, op, n, secs, per_sec,
//! errors}`, where `secs` is the best of `R` timed passes over all inputs,
//! after a warm-up pass over the first `N`. `OUT` receives, for
//! cross-checking, one line per input: `HEX<TAB>URI decoded from HEX`, or
//! `ERR<TAB>message`.

use epcstream::epc::{Binary, BinaryScheme, Epc, ParseError};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

/// One input line, and the hex this library encodes it to.
struct Row<'a> {
    uri: &'a str,
    filter: u8,
    hex: String,
}

struct Options {
    file: String,
    reps: u32,
    warmup: usize,
    out: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        file: String::new(),
        reps: 3,
        warmup: 100_000,
        out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--reps" => {
                o.reps = value("--reps")?
                    .parse()
                    .map_err(|e| format!("--reps: {e}"))?
            }
            "--warmup" => {
                o.warmup = value("--warmup")?
                    .parse()
                    .map_err(|e| format!("--warmup: {e}"))?
            }
            "--out" => o.out = Some(value("--out")?),
            _ if o.file.is_empty() => o.file = a,
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    if o.file.is_empty() || o.reps == 0 {
        return Err("usage: peer_bench FILE [--reps R] [--warmup N] [--out OUT]".into());
    }
    Ok(o)
}

fn encode(uri: &str, filter: u8, out: &mut String) -> Result<(), ParseError> {
    let bin = Epc::parse(uri)?.to_binary(BinaryScheme::Sgtin96, filter)?;
    out.clear();
    // Writing into a String cannot fail.
    let _ = write!(out, "{bin}");
    Ok(())
}

fn decode(hex: &str, out: &mut String) -> Result<(), ParseError> {
    let tag = Binary::from_hex(hex)?.decode()?;
    out.clear();
    let _ = tag.epc().write_uri(out);
    Ok(())
}

/// One pass of `op` over `rows`; returns (seconds, errors).
fn pass(rows: &[Row<'_>], mut op: impl FnMut(&Row<'_>) -> Result<(), ParseError>) -> (f64, usize) {
    let mut errors = 0;
    let t0 = Instant::now();
    for row in rows {
        if black_box(op(black_box(row))).is_err() {
            errors += 1;
        }
    }
    (t0.elapsed().as_secs_f64(), errors)
}

fn run() -> Result<(), String> {
    let o = options()?;
    let text = std::fs::read_to_string(&o.file).map_err(|e| format!("{}: {e}", o.file))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let (uri, filter) = line
            .split_once('\t')
            .ok_or(format!("line {}: no tab", i + 1))?;
        let filter = filter
            .parse()
            .map_err(|e| format!("line {}: filter: {e}", i + 1))?;
        rows.push(Row {
            uri,
            filter,
            hex: String::new(),
        });
    }
    let n = rows.len();

    // Untimed: the hex inputs of hex_to_uri, made by this library's encoder.
    let mut buf = String::with_capacity(128);
    for row in &mut rows {
        if encode(row.uri, row.filter, &mut buf).is_ok() {
            row.hex.push_str(&buf);
        }
    }

    type Op<'s> = Box<dyn FnMut(&Row<'_>) -> Result<(), ParseError> + 's>;
    let mut s = String::with_capacity(128);
    let mut t = String::with_capacity(128);
    let ops: [(&str, Op<'_>); 3] = [
        (
            "parse",
            Box::new(|r: &Row<'_>| {
                Epc::parse(r.uri).map(|e| {
                    black_box(e);
                })
            }),
        ),
        (
            "uri_to_hex",
            Box::new(|r: &Row<'_>| encode(r.uri, r.filter, &mut s)),
        ),
        ("hex_to_uri", Box::new(|r: &Row<'_>| decode(&r.hex, &mut t))),
    ];
    let stdout = std::io::stdout();
    for (name, mut op) in ops {
        pass(&rows[..n.min(o.warmup)], &mut op);
        let (mut best, mut errors) = (f64::INFINITY, 0);
        for _ in 0..o.reps {
            let (secs, errs) = pass(&rows, &mut op);
            best = best.min(secs);
            errors = errs;
        }
        writeln!(
            stdout.lock(),
            "{{\"peer\": \"epcstream\", \"version\": \"{}\", \"op\": \"{name}\", \"n\": {n}, \
             \"secs\": {best}, \"per_sec\": {}, \"errors\": {errors}}}",
            env!("CARGO_PKG_VERSION"),
            n as f64 / best,
        )
        .map_err(|e| format!("stdout: {e}"))?;
    }

    if let Some(path) = &o.out {
        let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
        let mut w = std::io::BufWriter::new(file);
        for row in &rows {
            let line = if row.hex.is_empty() {
                "ERR\tencode failed".to_owned()
            } else {
                match decode(&row.hex, &mut buf) {
                    Ok(()) => format!("{}\t{buf}", row.hex),
                    Err(e) => format!("{}\tERR {e}", row.hex),
                }
            };
            writeln!(w, "{line}").map_err(|e| format!("{path}: {e}"))?;
        }
        w.flush().map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peer_bench: {e}");
            ExitCode::FAILURE
        }
    }
}
