//! Replays every input the fuzzers ever crashed on
//! (`tests/fuzz_regressions/<target>/`) through the same check the fuzz
//! target runs (`epcstream::fuzzing`), so a fixed bug stays fixed.
//!
//! Adding one (see `fuzz/README.md`): copy `fuzz/artifacts/<target>/crash-…`
//! to `tests/fuzz_regressions/<target>/`, and add a line for it to
//! `tests/fuzz_regressions/README.md` saying what the root cause was; the
//! test below fails for a file the README does not mention.
//!
//! `epc_structured`, `scan_structured`, `validate_structured` and
//! `ledger_ops` inputs are bytes for `arbitrary`, so they are replayed only
//! with `--features arbitrary`.

use std::fs;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

/// The crash files of `target`, sorted (none when the directory is absent).
fn inputs(target: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir().join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8]) -> bool) {
    for path in inputs(target) {
        let data = fs::read(&path).expect("readable crash file");
        // A panic here names the file: the check's message says what broke.
        eprintln!("replaying {}", path.display());
        check(&data);
    }
}

#[test]
fn epc_parse() {
    replay("epc_parse", epcstream::fuzzing::epc_parse);
}

#[test]
fn epc_binary() {
    replay("epc_binary", epcstream::fuzzing::epc_binary);
}

#[cfg(feature = "arbitrary")]
#[test]
fn epc_structured() {
    replay("epc_structured", epcstream::fuzzing::epc_structured_bytes);
}

#[test]
fn scan_bytes() {
    replay("scan_bytes", epcstream::fuzzing::scan_bytes);
}

#[test]
fn scan_parallel_eq() {
    replay("scan_parallel_eq", epcstream::fuzzing::scan_parallel_eq);
}

#[test]
fn ledger_store() {
    replay("ledger_store", epcstream::fuzzing::ledger_store);
}

#[cfg(feature = "arbitrary")]
#[test]
fn scan_structured() {
    replay("scan_structured", epcstream::fuzzing::scan_structured_bytes);
}

#[cfg(feature = "arbitrary")]
#[test]
fn validate_structured() {
    for path in inputs("validate_structured") {
        let data = fs::read(&path).expect("readable crash file");
        eprintln!("replaying {}", path.display());
        epcstream::fuzzing::validate_structured_bytes(&data);
    }
}

#[cfg(feature = "arbitrary")]
#[test]
fn ledger_ops() {
    replay("ledger_ops", epcstream::fuzzing::ledger_ops_bytes);
}

/// The committed seeds of the byte targets pass their checks (a seed
/// that fails is a crash the fuzzer finds at once).
#[test]
fn scan_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (target, check) in [
        (
            "scan_bytes",
            epcstream::fuzzing::scan_bytes as fn(&[u8]) -> bool,
        ),
        ("scan_parallel_eq", epcstream::fuzzing::scan_parallel_eq),
        ("ledger_store", epcstream::fuzzing::ledger_store),
    ] {
        let Ok(entries) = fs::read_dir(seeds.join(target)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("readable directory entry").path();
            let data = fs::read(&path).expect("readable seed");
            eprintln!("seed {}", path.display());
            assert!(check(&data), "{} is out of scope", path.display());
        }
    }
}

/// The same for `scan_structured`, whose seeds are bytes for `arbitrary`.
#[cfg(feature = "arbitrary")]
#[test]
fn scan_structured_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/scan_structured");
    for e in fs::read_dir(seeds).expect("fuzz/seeds/scan_structured") {
        let path = e.expect("readable directory entry").path();
        let data = fs::read(&path).expect("readable seed");
        assert!(
            epcstream::fuzzing::scan_structured_bytes(&data),
            "{} is out of scope",
            path.display()
        );
    }
}

/// The same for `validate_structured`.
#[cfg(feature = "arbitrary")]
#[test]
fn validate_structured_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/validate_structured");
    for e in fs::read_dir(seeds).expect("fuzz/seeds/validate_structured") {
        let path = e.expect("readable directory entry").path();
        let data = fs::read(&path).expect("readable seed");
        assert!(
            epcstream::fuzzing::validate_structured_bytes(&data),
            "{} is out of scope",
            path.display()
        );
    }
}

/// The committed seeds of `ledger_ops` (bytes for `arbitrary`) read as
/// inputs and pass.
#[cfg(feature = "arbitrary")]
#[test]
fn ledger_ops_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/ledger_ops");
    for e in fs::read_dir(seeds).expect("fuzz/seeds/ledger_ops") {
        let path = e.expect("readable directory entry").path();
        let data = fs::read(&path).expect("readable seed");
        assert!(
            epcstream::fuzzing::ledger_ops_bytes(&data),
            "{} is out of scope",
            path.display()
        );
    }
}

/// The targets with a directory here.
const TARGETS: [&str; 9] = [
    "epc_parse",
    "epc_binary",
    "epc_structured",
    "scan_bytes",
    "scan_parallel_eq",
    "ledger_store",
    "scan_structured",
    "validate_structured",
    "ledger_ops",
];

#[test]
fn every_crash_file_is_explained() {
    let readme =
        fs::read_to_string(dir().join("README.md")).expect("tests/fuzz_regressions/README.md");
    for target in TARGETS {
        for path in inputs(target) {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name");
            assert!(
                readme.contains(name),
                "tests/fuzz_regressions/README.md does not explain {target}/{name}"
            );
        }
    }
}
