//! Replays every input the fuzzers ever crashed on
//! (`tests/fuzz_regressions/<target>/`) through the same check the fuzz
//! target runs (`epcstream::fuzzing`), so a fixed bug stays fixed.
//!
//! Adding one (see `fuzz/README.md`): copy `fuzz/artifacts/<target>/crash-…`
//! to `tests/fuzz_regressions/<target>/`, and add a line for it to
//! `tests/fuzz_regressions/README.md` saying what the root cause was; the
//! test below fails for a file the README does not mention.
//!
//! `epc_structured`, `scan_structured` and `validate_structured` inputs
//! are bytes for `arbitrary`, so they are replayed only with `--features
//! arbitrary`.
//!
//! A crash that shows a bug not fixed yet (in code another change owns)
//! gets its own `#[ignore]`d test naming the file and the reason, and is
//! left out of its target's replay until the fix lands (`PENDING`).

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

#[cfg(feature = "arbitrary")]
#[test]
fn scan_structured() {
    replay("scan_structured", epcstream::fuzzing::scan_structured_bytes);
}

#[cfg(feature = "arbitrary")]
#[test]
fn validate_structured() {
    for path in inputs("validate_structured") {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if PENDING.iter().any(|(file, _)| *file == name) {
            continue;
        }
        let data = fs::read(&path).expect("readable crash file");
        eprintln!("replaying {}", path.display());
        epcstream::fuzzing::validate_structured_bytes(&data);
    }
}

/// `validate_structured` crash files of bugs in `src/som/check.rs` not
/// fixed yet: (file, what is wrong). Each has an `#[ignore]`d test below;
/// when the fix lands, remove the entry and the test, and the file is
/// replayed with the others.
#[cfg(feature = "arbitrary")]
const PENDING: &[(&str, &str)] = &[
    (
        OBJECT_EVENT_COUNTS_OWN_ROLES,
        "som.object_event counts events by their own role, not the role the given message checks them as",
    ),
    (
        WAREHOUSE_WITHOUT_BLOCK,
        "som.warehouse_operator is not checked when the event has no extension block",
    ),
];

/// ESM Void Shipment (given) of one ObjectEvent without bizStep: the
/// event is checked as the void shipment (`som.biz_step_other`, as the
/// module docs say: "every event of the right type *is* that message's
/// event, whatever its bizStep says"), but `document_rules` counts
/// `self.roles[main]`, the events' own roles (`role_of`: `Other` here), and
/// also reports `som.object_event` "no void shipping ObjectEvent". The
/// same for Take Sample, and for Update Serial Number Status without
/// `tl:updateStatusEventExtensions` (`som.extension_required` +
/// `som.object_event`).
#[cfg(feature = "arbitrary")]
const OBJECT_EVENT_COUNTS_OWN_ROLES: &str = "crash-669aa25b0be5e8ee3169e6093514fe5b28ee189b";

/// ESM Decommission (given and inferred) with a China EDMC EPC
/// (`http://epcis.tracelink.com/hc/cn-edmc/obj/…`) and no
/// `tl:decommissionEventExtensions` at all: no `tl:warehouseOperatorName`,
/// which `som.warehouse_operator` requires ("an event with a China EDMC
/// code and no non-empty tl:warehouseOperatorName"), but
/// `extension_block` returns before that check when there is no block.
#[cfg(feature = "arbitrary")]
const WAREHOUSE_WITHOUT_BLOCK: &str = "crash-bee85906540e77f04b98ff2f29f705672d7de0a4";

#[cfg(feature = "arbitrary")]
fn replay_pending(file: &str) {
    let path = dir().join("validate_structured").join(file);
    let data = fs::read(&path).expect("readable crash file");
    assert!(epcstream::fuzzing::validate_structured_bytes(&data));
}

#[cfg(feature = "arbitrary")]
#[test]
#[ignore = "src/som/check.rs: som.object_event counts the events' own roles (fix pending there)"]
fn validate_structured_object_event_counts_own_roles() {
    replay_pending(OBJECT_EVENT_COUNTS_OWN_ROLES);
}

#[cfg(feature = "arbitrary")]
#[test]
#[ignore = "src/som/check.rs: som.warehouse_operator skipped without an extension block (fix pending there)"]
fn validate_structured_warehouse_without_block() {
    replay_pending(WAREHOUSE_WITHOUT_BLOCK);
}

/// The committed seeds of the scan targets pass their checks (a seed
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

/// The targets with a directory here.
const TARGETS: [&str; 7] = [
    "epc_parse",
    "epc_binary",
    "epc_structured",
    "scan_bytes",
    "scan_parallel_eq",
    "scan_structured",
    "validate_structured",
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
