//! Real documents (issue 3, item 9): every document of the public EPCIS
//! corpus (`../shared/corpus/public-epcis`, third-party files that are not
//! copied into the project) gets a verdict, pinned in
//! `tests/public_corpus.json`.
//!
//! Each document is scanned through the library as the CLI does
//! ([`scan_slice`] into a [`Validator`]) and its verdict compared with the
//! committed one:
//!
//! ```json
//! "file name": {
//!   "verdict": "clean" | "findings" | "malformed",
//!   "events": 1, "epcs": 4, "invalid_epcs": 0,
//!   "rules": {"cbv.disposition": 1},
//!   "note": "optional, ignored by the test"
//! }
//! ```
//!
//! `verdict` is the CLI's exit status: `clean` (0: no finding of severity
//! error; warnings allowed), `findings` (1: at least one error finding),
//! `malformed` (2: the scan stopped with a [`ScanError`](epcstream::epcis::ScanError)).
//! `events` counts complete events, `epcs` every EPC and EPC class checked
//! (valid or not), `invalid_epcs` those with a finding, `rules` every
//! finding (any severity) by rule id.
//!
//! A document in the directory without an entry fails the test (a new
//! document must get a verdict, and `docs/public-corpus.md` a row), and so
//! does an entry without its document. How each verdict compares with
//! `xmllint --schema` and the shipped 1.2 XSDs is in
//! `docs/public-corpus.md`.
//!
//! The corpus lives outside the repository: `shared/` beside the clone (as
//! in CI, where it is always present), or two levels up for a git worktree
//! under `wt/`. In a checkout without it the test prints why and passes
//! without checking anything.

use epcstream::epcis::{Event, Finding, Flow, ScanOptions, Severity, Sink, scan_slice};
use epcstream::validate::Validator;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The committed expectations, relative to the crate root.
const EXPECTATIONS: &str = "tests/public_corpus.json";

/// Where the corpus may be, relative to the crate root: `shared/` beside
/// the clone (CI, the main checkout), then beside the worktrees' parent.
const CANDIDATES: [&str; 2] = [
    "../shared/corpus/public-epcis",
    "../../shared/corpus/public-epcis",
];

fn corpus_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    CANDIDATES.iter().map(|c| root.join(c)).find(|p| p.is_dir())
}

/// Findings by rule and complete events.
#[derive(Default)]
struct Tally {
    rules: BTreeMap<&'static str, u64>,
    errors: u64,
    events: u64,
}

impl Sink for Tally {
    fn event(&mut self, _event: &Event<'_>) -> Flow {
        self.events += 1;
        Flow::Continue
    }
    fn finding(&mut self, f: &Finding) -> Flow {
        *self.rules.entry(f.rule).or_default() += 1;
        if f.severity == Severity::Error {
            self.errors += 1;
        }
        Flow::Continue
    }
}

/// The verdict of one document, in the expectations' JSON form.
fn verdict(bytes: &[u8]) -> Value {
    let mut v = Validator::new(Tally::default());
    let result = scan_slice(bytes, &ScanOptions::default(), &mut v);
    let (tally, stats) = v.into_parts();
    let verdict = match &result {
        Err(_) => "malformed",
        Ok(_) if tally.errors > 0 => "findings",
        Ok(_) => "clean",
    };
    if let Ok(summary) = &result {
        assert_eq!(summary.events, tally.events, "events reported vs complete");
    }
    let total = stats.total();
    let rules: Map<String, Value> = tally
        .rules
        .iter()
        .map(|(r, n)| ((*r).to_owned(), json!(n)))
        .collect();
    json!({
        "verdict": verdict,
        "events": tally.events,
        "epcs": total.total(),
        "invalid_epcs": total.invalid,
        "rules": rules,
    })
}

fn expectations() -> Map<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXPECTATIONS);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => panic!("{EXPECTATIONS}: not a JSON object"),
        Err(e) => panic!("{EXPECTATIONS}: {e}"),
    }
}

/// An expectation without its `note`; unknown keys are kept, so they fail
/// the comparison instead of being silently ignored.
fn without_note(expected: &Value) -> Value {
    let mut e = expected.clone();
    if let Value::Object(m) = &mut e {
        m.remove("note");
    }
    e
}

#[test]
fn every_public_document_matches_its_verdict() {
    let Some(dir) = corpus_dir() else {
        // A checkout without shared/ beside it: nothing to check here (CI
        // has the corpus, so the verdicts are checked there).
        println!(
            "public_corpus: skipped, no corpus at {} (relative to the crate root)",
            CANDIDATES.join(" or ")
        );
        return;
    };
    let expected = expectations();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("listing {}: {e}", dir.display())))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no documents in {}", dir.display());

    let mut problems = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        let actual = verdict(&bytes);
        match expected.get(name) {
            None => problems.push(format!(
                "{name}: no verdict in {EXPECTATIONS} (add it, and a row in docs/public-corpus.md); actual:\n  \"{name}\": {actual}"
            )),
            Some(e) if without_note(e) != actual => problems.push(format!(
                "{name}:\n  expected {}\n  actual   {actual}",
                without_note(e)
            )),
            Some(_) => {}
        }
    }
    for name in expected.keys() {
        if !names.contains(name) {
            problems.push(format!(
                "{name}: in {EXPECTATIONS} but not in {}",
                dir.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} public documents differ from {EXPECTATIONS}:\n{}",
        problems.len(),
        names.len(),
        problems.join("\n")
    );
}

#[test]
fn expectations_are_well_formed() {
    // Checked even without the corpus: a typo in the committed file fails
    // everywhere, not only in CI.
    for (name, e) in &expectations() {
        let Value::Object(m) = e else {
            panic!("{name}: not an object");
        };
        for key in m.keys() {
            assert!(
                matches!(
                    key.as_str(),
                    "verdict" | "events" | "epcs" | "invalid_epcs" | "rules" | "note"
                ),
                "{name}: unknown key {key}"
            );
        }
        assert!(
            matches!(
                m.get("verdict").and_then(Value::as_str),
                Some("clean" | "findings" | "malformed")
            ),
            "{name}: verdict"
        );
        for key in ["events", "epcs", "invalid_epcs"] {
            assert!(m.get(key).is_some_and(Value::is_u64), "{name}: {key}");
        }
        let Some(Value::Object(rules)) = m.get("rules") else {
            panic!("{name}: rules");
        };
        assert!(rules.values().all(Value::is_u64), "{name}: rule counts");
    }
}
