//! Replays every input the fuzzers ever crashed on
//! (`tests/fuzz_regressions/<target>/`) through the same check the fuzz
//! target runs (`epcstream::fuzzing`), so a fixed bug stays fixed.
//!
//! Adding one (see `fuzz/README.md`): copy `fuzz/artifacts/<target>/crash-…`
//! to `tests/fuzz_regressions/<target>/`, and add a line for it to
//! `tests/fuzz_regressions/README.md` saying what the root cause was; the
//! test below fails for a file the README does not mention.
//!
//! `epc_structured` inputs are bytes for `arbitrary`, so they are replayed
//! only with `--features arbitrary`.

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
fn every_crash_file_is_explained() {
    let readme =
        fs::read_to_string(dir().join("README.md")).expect("tests/fuzz_regressions/README.md");
    for target in ["epc_parse", "epc_binary", "epc_structured"] {
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
