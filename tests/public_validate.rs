//! The receiver's rules over the public EPCIS corpus
//! (`../shared/corpus/public-epcis`, third-party documents not copied into
//! the project): every document gets a `validate` verdict, pinned in
//! `tests/public_validate.json`:
//!
//! ```json
//! "file name": {
//!   "message": "SOM_ESM_COMMISSION" | null,
//!   "receiver_errors": 2,
//!   "receiver_warnings": 1,
//!   "rules": {"som.header": 1},
//!   "note": "optional, ignored by the test"
//! }
//! ```
//!
//! `message` is the message type inferred from the events (no `--message`),
//! `receiver_*` count the Class 1 and 2 violations, `rules` counts them by
//! rule id (the GS1 findings are `tests/public_corpus.rs`'s). A document
//! the scanner cannot read to its end has `"malformed": true` besides. The
//! checks use the built-in lookup tables, no product master and no
//! duplicate store. `docs/public-corpus.md` explains the notable verdicts.
//!
//! Without the corpus beside the checkout the test prints why and passes.

use epcstream::epcis::{ScanOptions, Severity, scan_slice};
use epcstream::som::{Checker, Class, Config, Violation};
use epcstream::validate::Validator;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const EXPECTATIONS: &str = "tests/public_validate.json";

const CANDIDATES: [&str; 2] = [
    "../shared/corpus/public-epcis",
    "../../shared/corpus/public-epcis",
];

fn corpus_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    CANDIDATES.iter().map(|c| root.join(c)).find(|p| p.is_dir())
}

fn verdict(bytes: &[u8]) -> Value {
    let config = Config::default();
    let mut sink = Validator::checked(Checker::new(&config, Vec::<Violation<'static>>::new()));
    let result = scan_slice(bytes, &ScanOptions::default(), &mut sink);
    let (violations, verdict) = sink.into_inner().finish();
    let mut rules: BTreeMap<&str, u64> = BTreeMap::new();
    let (mut errors, mut warnings) = (0, 0);
    for v in violations.iter().filter(|v| v.class != Class::Gs1) {
        *rules.entry(v.rule).or_default() += 1;
        match v.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
    }
    let rules: Map<String, Value> = rules
        .into_iter()
        .map(|(r, n)| (r.to_owned(), json!(n)))
        .collect();
    let mut v = json!({
        "message": verdict.message.map(|m| m.code()),
        "receiver_errors": errors,
        "receiver_warnings": warnings,
        "rules": rules,
    });
    if result.is_err() {
        v["malformed"] = json!(true);
    }
    v
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

fn without_note(expected: &Value) -> Value {
    let mut e = expected.clone();
    if let Value::Object(m) = &mut e {
        m.remove("note");
    }
    e
}

#[test]
fn every_public_document_has_its_validate_verdict() {
    let Some(dir) = corpus_dir() else {
        println!(
            "public_validate: skipped, no corpus at {} (relative to the crate root)",
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
                "{name}: no verdict in {EXPECTATIONS}; actual:\n  \"{name}\": {actual}"
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
    for (name, e) in &expectations() {
        let Value::Object(m) = e else {
            panic!("{name}: not an object");
        };
        for key in m.keys() {
            assert!(
                matches!(
                    key.as_str(),
                    "message"
                        | "receiver_errors"
                        | "receiver_warnings"
                        | "rules"
                        | "malformed"
                        | "note"
                ),
                "{name}: unknown key {key}"
            );
        }
        let message = m
            .get("message")
            .unwrap_or_else(|| panic!("{name}: message"));
        assert!(
            message.is_null()
                || message
                    .as_str()
                    .and_then(epcstream::som::MessageType::from_code)
                    .is_some(),
            "{name}: message {message}"
        );
        for key in ["receiver_errors", "receiver_warnings"] {
            assert!(m.get(key).is_some_and(Value::is_u64), "{name}: {key}");
        }
        let Some(Value::Object(rules)) = m.get("rules") else {
            panic!("{name}: rules");
        };
        for (rule, n) in rules {
            assert!(
                epcstream::som::rules::rule(rule).is_some(),
                "{name}: rule {rule}"
            );
            assert!(n.is_u64(), "{name}: {rule}");
        }
    }
}
