//! Crash safety of `epcstream apply`: a message is applied completely or not
//! at all, even when the process is killed (SIGKILL) in the middle of it.
//!
//! Five generated ESM Shipment documents (`epcstream gen --message
//! shipment`: commission, pack, ship; distinct seeds, so distinct
//! InstanceIdentifiers and serials) are applied by one `epcstream apply`
//! child, killed at a random point (seeded), in several rounds: the first
//! round during the first message, later rounds during a later message of
//! the run (after the child reported some messages applied). After every
//! kill the ledger is reopened and every document is checked: fully applied
//! (its first, middle and last serials shipped by it, with their whole
//! histories) or absent (the three never seen). Documents applied are a
//! prefix of the run's, and at least the ones the child reported. The
//! remaining documents are then applied to completion.
//!
//! `EPCSTREAM_CRASH_SEED`, `EPCSTREAM_CRASH_DOCS`, `EPCSTREAM_CRASH_EPCS`
//! and `EPCSTREAM_CRASH_ROUNDS` replace the seed and the sizes (to explore
//! other kill points, larger messages).

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Documents, EPC references per document (about 5,000 serials each), kill
/// rounds. Every process opening the ledger replays fjall's journal (about a
/// second per 10 MB in a debug build): the sizes keep the test near 30 s.
const DOCS: usize = 5;
const EPCS: u64 = 7_000;
const ROUNDS: usize = 4;

/// A setting from the environment, else its default.
fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_epcstream")
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run epcstream")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A splitmix64 generator: the kill points of a seed are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo).max(1)
    }
}

/// A generated document and the serials sampled from it.
struct Doc {
    path: PathBuf,
    id: String,
    /// First `<epc>` (a unit), a unit from the middle, last `<epc>` (a
    /// pallet of the shipping event), with their history lengths once
    /// applied: commission, aggregate, ship; a pallet is not aggregated.
    samples: [(String, usize); 3],
}

fn between<'t>(s: &'t str, open: &str, close: &str) -> Vec<&'t str> {
    s.split(open)
        .skip(1)
        .map(|p| p.split(close).next().unwrap())
        .collect()
}

fn generate(dir: &Path, k: usize, epcs: u64) -> Doc {
    let path = dir.join(format!("shipment_{k}.xml"));
    let seed = (7001 + k).to_string();
    let n = epcs.to_string();
    let out = run(&[
        "gen",
        "--epcs",
        &n,
        "--seed",
        &seed,
        "--message",
        "shipment",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc = std::fs::read_to_string(&path).unwrap();
    let id = between(&doc, "<sbdh:InstanceIdentifier>", "<")[0].to_owned();
    let refs = between(&doc, "<epc>", "</epc>");
    assert_eq!(
        refs.len() as u64 + between(&doc, "<parentID>", "<").len() as u64,
        epcs
    );
    let units: Vec<&str> = refs
        .iter()
        .copied()
        .filter(|e| e.starts_with("urn:epc:id:sgtin:"))
        .collect();
    let first = refs[0];
    let last = *refs.last().unwrap();
    assert!(first.starts_with("urn:epc:id:sgtin:"), "{first}");
    assert!(last.starts_with("urn:epc:id:sscc:"), "{last}");
    Doc {
        path,
        id,
        samples: [
            (first.to_owned(), 3),
            (units[units.len() / 2].to_owned(), 3),
            (last.to_owned(), 2),
        ],
    }
}

/// Which documents the ledger holds, fully (`true`) or not at all
/// (`false`); panics on a document partly applied. The states come from
/// `status --format jsonl`, the history lengths from the ledger opened
/// here (one open, not one `history` process per serial).
fn check(ledger: &str, docs: &[Doc]) -> Vec<bool> {
    let mut args = vec!["status", "--ledger", ledger, "--format", "jsonl"];
    for d in docs {
        args.extend(d.samples.iter().map(|(e, _)| e.as_str()));
    }
    let out = run(&args);
    let status: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(status.len(), 3 * docs.len(), "{}", text(&out.stderr));
    let opened = epcstream::ledger::open(Path::new(ledger)).expect("reopen the ledger");
    let mut held = Vec::new();
    for (d, st) in docs.iter().zip(status.chunks(3)) {
        let applied: Vec<bool> = st.iter().map(|s| !s["state"].is_null()).collect();
        let histories: Vec<Vec<epcstream::ledger::HistoryEntry>> = d
            .samples
            .iter()
            .map(|(e, _)| {
                let key = epcstream::ledger::serial_key(e).unwrap();
                opened.history(&key).unwrap()
            })
            .collect();
        match applied[..] {
            [true, true, true] => {
                for (((epc, len), s), h) in d.samples.iter().zip(st).zip(&histories) {
                    assert_eq!(s["state"], "shipped", "{}: {s}", d.id);
                    assert_eq!(s["last_document"], d.id.as_str(), "{s}");
                    assert_eq!(h.len(), *len, "{}: {epc}: {h:?}", d.id);
                    assert!(h.iter().all(|e| e.document == d.id), "{h:?}");
                }
                held.push(true);
            }
            [false, false, false] => {
                assert!(
                    histories.iter().all(Vec::is_empty),
                    "{}: history of a serial never seen: {histories:?}",
                    d.id
                );
                held.push(false);
            }
            _ => panic!(
                "document {} is partly applied: first, middle, last serial applied {applied:?}: {st:?}",
                d.id
            ),
        }
    }
    held
}

#[test]
fn a_killed_apply_leaves_every_message_applied_whole_or_not_at_all() {
    let started = Instant::now();
    let seed = setting("EPCSTREAM_CRASH_SEED", 0x01ED_6E4C_4A5F_u64);
    let n_docs = setting("EPCSTREAM_CRASH_DOCS", DOCS).max(3);
    let epcs = setting("EPCSTREAM_CRASH_EPCS", EPCS);
    let rounds = setting("EPCSTREAM_CRASH_ROUNDS", ROUNDS);
    let mut rng = Rng(seed);
    let root = std::env::temp_dir().join(format!("epcstream-ledger-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let ledger = root.join("ledger");
    let ledger_s = ledger.to_str().unwrap().to_owned();
    let docs: Vec<Doc> = (0..n_docs).map(|k| generate(&root, k, epcs)).collect();
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n_docs, "distinct InstanceIdentifiers");
    eprintln!("crash test: seed {seed:#x}, {n_docs} documents of {epcs} EPC references");

    let mut held = vec![false; n_docs];
    // Observed durations of a message (ms), to aim the kills.
    let mut durations: Vec<u64> = Vec::new();
    let (mut mid, mut in_first, mut in_later, mut in_redo) = (0, 0, 0, 0);
    for round in 0..rounds {
        let remaining: Vec<usize> = (0..n_docs).filter(|&d| !held[d]).collect();
        if remaining.len() < 2 {
            break;
        }
        // The message to kill in: the first of the whole apply, then a later
        // one of the run.
        // (the second or third: every round leaves messages for the next).
        let target = if round == 0 {
            0
        } else {
            rng.range(1, remaining.len().min(3) as u64) as usize
        };
        let mut args = vec![
            "apply".to_owned(),
            "--ledger".to_owned(),
            ledger_s.clone(),
            "--format".to_owned(),
            "jsonl".to_owned(),
        ];
        args.extend(
            remaining
                .iter()
                .map(|&d| docs[d].path.display().to_string()),
        );
        let t0 = Instant::now();
        let mut child = Command::new(bin())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn epcstream apply");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send((Instant::now(), line)).is_err() {
                    break;
                }
            }
        });
        // Wait for `target` messages reported.
        let mut reported: Vec<(Instant, String)> = Vec::new();
        while reported.len() < target {
            match rx.recv_timeout(Duration::from_secs(120)) {
                Ok(l) => reported.push(l),
                Err(_) => break,
            }
        }
        // Then aim inside the next message: a random part of a message's
        // duration (the median seen; before any is known, 20 to 120 ms
        // after the start: the first message of a debug build on an idle
        // machine is over in ~250 ms).
        let estimate = {
            let mut d = durations.clone();
            d.sort_unstable();
            d.get(d.len() / 2).copied()
        };
        let delay = match estimate {
            Some(ms) => rng.range(ms / 10, ms * 7 / 10),
            None => rng.range(20, 120),
        };
        std::thread::sleep(Duration::from_millis(delay));
        let running = child.try_wait().unwrap().is_none();
        let killed_at = t0.elapsed();
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(rx.try_iter());
        // Message durations seen: the first from the start, then between
        // reports.
        let mut prev = t0;
        for (t, line) in &reported {
            durations.push(t.duration_since(prev).as_millis() as u64);
            prev = *t;
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["applied"], true, "{line}");
        }

        // Killed between a large commit's redo file and its removal: the
        // next opening finishes that commit (src/ledger/fjall.rs).
        if ledger.join("ledger-ingest.redo").exists() {
            in_redo += 1;
        }
        let now_held = check(&ledger_s, &docs);
        let newly: Vec<usize> = remaining.iter().copied().filter(|&d| now_held[d]).collect();
        // Applied in order: a prefix of the run, at least what was reported,
        // at most one more (committed, killed before its report).
        assert_eq!(
            newly,
            remaining[..newly.len()],
            "documents applied out of order"
        );
        assert!(
            (reported.len()..=reported.len() + 1).contains(&newly.len()),
            "{} reported applied, {} held",
            reported.len(),
            newly.len()
        );
        for (h, n) in held.iter_mut().zip(&now_held) {
            assert!(*n || !*h, "a document applied before disappeared");
            *h = *n;
        }
        if running && newly.len() < remaining.len() {
            let m = newly.len();
            mid += 1;
            if round == 0 && m == 0 {
                in_first += 1;
            } else {
                in_later += 1;
            }
            eprintln!(
                "round {round}: SIGKILL at {} ms landed mid-message: message {} of {} in this run ({}), {} reported, {} held",
                killed_at.as_millis(),
                m + 1,
                remaining.len(),
                docs[remaining[m]].id,
                reported.len(),
                newly.len()
            );
        } else {
            eprintln!(
                "round {round}: SIGKILL at {} ms after the run ended ({} of {} applied)",
                killed_at.as_millis(),
                newly.len(),
                remaining.len()
            );
        }
    }
    assert!(in_first >= 1, "no kill landed in the first message");
    assert!(in_later >= 1, "no kill landed in a later message");

    // The rest, to completion (none when the last kill came after the run
    // ended: `apply` without files would read stdin).
    let remaining: Vec<usize> = (0..n_docs).filter(|&d| !held[d]).collect();
    if !remaining.is_empty() {
        let mut args = vec!["apply", "--ledger", ledger_s.as_str(), "--format", "jsonl"];
        let paths: Vec<String> = remaining
            .iter()
            .map(|&d| docs[d].path.display().to_string())
            .collect();
        args.extend(paths.iter().map(String::as_str));
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let lines: Vec<Value> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), remaining.len());
        for l in &lines {
            assert_eq!(l["applied"], true, "{l}");
            assert!(l["transitions"].as_u64().unwrap() > epcs / 2, "{l}");
        }
    }
    assert_eq!(check(&ledger_s, &docs), vec![true; n_docs]);
    eprintln!(
        "crash test: {mid} kills landed mid-message ({in_first} in the first message, {in_later} in a later one; {in_redo} during a large commit), {} documents left for the last run, {:.1} s",
        remaining.len(),
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&root);
}
