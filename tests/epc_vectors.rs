//! Data-driven translation tests: every case of `tests/vectors/*.json` (see
//! `tests/vectors/README.md`) pushed through every path that applies to it.
//!
//! A case that fails on one path still runs on the others; at the end the
//! test prints a summary (cases and checks per path) and fails listing every
//! failing case, not just the first.
//!
//! `EPCSTREAM_TEST=<substring>` runs only the cases whose id or file name
//! contains the substring, e.g. `EPCSTREAM_TEST=sgtin-96 cargo test --test
//! integration tds_vectors -- --nocapture`.

use epcstream::epc::{BinaryScheme, Epc, ErrorKind, ParseError, Scheme, TagEpc};
use serde_json::Value;
use std::collections::BTreeMap;

// The paths of each translation, one file each (URI and tag URI paths are
// below).
mod binary; // Epc::{to_binary, tag}, TagEpc::encode, Binary::{from_hex, from_bit_str, decode}
mod detect; // parse_any
mod gs1; // ElementString::parse, Epc::{to,from}_element_string, Epc::{to,from}_digital_link
mod plus; // epc::plus::{encode, decode}

/// The vector files, embedded so the test does not depend on the working
/// directory.
const FILES: &[(&str, &str)] = &[
    ("adi", include_str!("vectors/adi.json")),
    ("bic", include_str!("vectors/bic.json")),
    ("cpi", include_str!("vectors/cpi.json")),
    ("gdti", include_str!("vectors/gdti.json")),
    ("giai", include_str!("vectors/giai.json")),
    ("gid", include_str!("vectors/gid.json")),
    ("ginc", include_str!("vectors/ginc.json")),
    ("grai", include_str!("vectors/grai.json")),
    ("gsin", include_str!("vectors/gsin.json")),
    ("gsrn", include_str!("vectors/gsrn.json")),
    ("gsrnp", include_str!("vectors/gsrnp.json")),
    ("imovn", include_str!("vectors/imovn.json")),
    ("itip", include_str!("vectors/itip.json")),
    ("lgtin", include_str!("vectors/lgtin.json")),
    ("misc", include_str!("vectors/misc.json")),
    ("pgln", include_str!("vectors/pgln.json")),
    ("sgcn", include_str!("vectors/sgcn.json")),
    ("sgln", include_str!("vectors/sgln.json")),
    ("sgtin", include_str!("vectors/sgtin.json")),
    ("sscc", include_str!("vectors/sscc.json")),
    ("upui", include_str!("vectors/upui.json")),
    ("usdod", include_str!("vectors/usdod.json")),
];

/// Number of cases in all files (the 658 vectors of the shared collection).
const TOTAL_CASES: usize = 658;

// ---------------------------------------------------------------------------
// The case model

/// Whether the input must be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Valid,
    Invalid,
}

/// The representation of a case's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repr {
    /// `urn:epc:id:...`
    Uri,
    /// `urn:epc:class:lgtin:...`
    ClassUri,
    /// `urn:epc:tag:...`
    TagUri,
    /// EPC binary encoding in hex.
    Hex,
    /// EPC binary encoding as a 0/1 string.
    Binary,
    /// Bracketed GS1 element string.
    ElementString,
    /// GS1 Digital Link URI.
    DigitalLink,
}

/// Normalised input parameters.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params {
    /// Tag-URI name of the binary scheme (`sgtin-96`, `sgtin+`, ...).
    pub binary_scheme: Option<String>,
    /// Filter value.
    pub filter: Option<u8>,
    /// TDS 2.x '+' AIDC data toggle.
    pub data_toggle: Option<u8>,
    /// GS1 Company Prefix length.
    pub gcp_length: Option<u8>,
    /// The source needed a GCP prefix table for `gcp_length`.
    pub gcp_table: bool,
}

impl Params {
    /// The binary scheme, if it is a TDS 1.x one this crate encodes.
    pub fn scheme(&self) -> Option<BinaryScheme> {
        self.binary_scheme
            .as_deref()
            .and_then(|n| BinaryScheme::from_name(n.as_bytes()))
    }
    /// Whether the binary scheme is a TDS 2.x '+' / '++' one.
    pub fn is_plus(&self) -> bool {
        self.binary_scheme
            .as_deref()
            .is_some_and(|n| n.ends_with('+'))
    }
    /// The filter (0 where the scheme has none, GID-96).
    pub fn filter_or_zero(&self) -> u8 {
        self.filter.unwrap_or(0)
    }
}

/// What a case expects.
#[derive(Clone, Debug, Default)]
pub(crate) struct Expect {
    /// Canonical pure identity URI, or class URI for LGTIN.
    pub uri: Option<String>,
    pub tag_uri: Option<String>,
    /// Canonical hex: uppercase, padded to 16-bit words.
    pub hex: Option<String>,
    pub element_string: Option<String>,
    /// Canonical Digital Link.
    pub digital_link: Option<String>,
    /// Another spelling of the Digital Link that must be accepted as input.
    pub digital_link_alt: Option<String>,
    /// `ErrorKind::as_str` of an invalid case, where it is determined.
    pub error_kind: Option<String>,
    pub why: Option<String>,
    /// Filter value a decoder must find.
    pub filter: Option<u8>,
    /// TDS 2.x '+' AIDC data toggle a decoder must find.
    pub data_toggle: Option<u8>,
    /// Hostname of a TDS 2.3 '++' encoding.
    pub hostname: Option<String>,
    /// The GTIN is in a range TDS 1.13 §7.3.3-§7.3.8 excludes from EPCs:
    /// element string / Digital Link -> EPC must fail with `restricted_gtin`.
    pub restricted_gtin: bool,
}

/// One test case.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub file: &'static str,
    pub id: String,
    pub kind: Kind,
    pub repr: Repr,
    pub value: String,
    pub params: Params,
    pub expect: Expect,
    /// Why the source's expectation is doubtful: a mismatch is listed, not
    /// failed.
    pub disputed: Option<String>,
}

impl Case {
    /// The scheme of the case's file (`None` for misc.json).
    pub fn scheme(&self) -> Option<Scheme> {
        Scheme::from_name(self.file.as_bytes())
    }
    pub fn is_valid(&self) -> bool {
        self.kind == Kind::Valid
    }
}

fn str_of(v: &Value, key: &str, id: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("{id}: {key} is not a string: {other}")),
    }
}

fn u8_of(v: &Value, key: &str, id: &str) -> Result<Option<u8>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(n) => n
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("{id}: {key} is not a small integer: {n}")),
    }
}

fn check_keys(v: &Value, allowed: &[&str], what: &str, id: &str) -> Result<(), String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{id}: {what} is not an object"))?;
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("{id}: unknown key {what}.{k}")),
        None => Ok(()),
    }
}

fn parse_case(file: &'static str, c: &Value) -> Result<Case, String> {
    let id = str_of(c, "id", "?")?.ok_or("case without id")?;
    check_keys(
        c,
        &[
            "id",
            "source",
            "kind",
            "correction",
            "disputed",
            "input",
            "expect",
        ],
        "case",
        &id,
    )?;
    let kind = match str_of(c, "kind", &id)?.as_deref() {
        Some("valid") => Kind::Valid,
        Some("invalid") => Kind::Invalid,
        k => return Err(format!("{id}: bad kind {k:?}")),
    };
    let input = c.get("input").ok_or(format!("{id}: no input"))?;
    check_keys(input, &["repr", "value", "params"], "input", &id)?;
    let repr = match str_of(input, "repr", &id)?.as_deref() {
        Some("uri") => Repr::Uri,
        Some("class_uri") => Repr::ClassUri,
        Some("tag_uri") => Repr::TagUri,
        Some("hex") => Repr::Hex,
        Some("binary") => Repr::Binary,
        Some("element_string") => Repr::ElementString,
        Some("digital_link") => Repr::DigitalLink,
        r => return Err(format!("{id}: bad repr {r:?}")),
    };
    let value = str_of(input, "value", &id)?.ok_or(format!("{id}: no value"))?;
    let mut params = Params::default();
    if let Some(p) = input.get("params") {
        check_keys(
            p,
            &[
                "binary_scheme",
                "filter",
                "data_toggle",
                "gcp_length",
                "gcp_table",
            ],
            "params",
            &id,
        )?;
        params = Params {
            binary_scheme: str_of(p, "binary_scheme", &id)?,
            filter: u8_of(p, "filter", &id)?,
            data_toggle: u8_of(p, "data_toggle", &id)?,
            gcp_length: u8_of(p, "gcp_length", &id)?,
            gcp_table: p.get("gcp_table").and_then(Value::as_bool).unwrap_or(false),
        };
    }
    let e = c.get("expect").ok_or(format!("{id}: no expect"))?;
    check_keys(
        e,
        &[
            "uri",
            "class_uri",
            "tag_uri",
            "hex",
            "element_string",
            "digital_link",
            "digital_link_alt",
            "error_kind",
            "why",
            "filter",
            "data_toggle",
            "hostname",
            "restricted_gtin",
            "note",
        ],
        "expect",
        &id,
    )?;
    let expect = Expect {
        uri: str_of(e, "uri", &id)?.or(str_of(e, "class_uri", &id)?),
        tag_uri: str_of(e, "tag_uri", &id)?,
        hex: str_of(e, "hex", &id)?,
        element_string: str_of(e, "element_string", &id)?,
        digital_link: str_of(e, "digital_link", &id)?,
        digital_link_alt: str_of(e, "digital_link_alt", &id)?,
        error_kind: str_of(e, "error_kind", &id)?,
        why: str_of(e, "why", &id)?,
        filter: u8_of(e, "filter", &id)?,
        data_toggle: u8_of(e, "data_toggle", &id)?,
        hostname: str_of(e, "hostname", &id)?,
        restricted_gtin: e
            .get("restricted_gtin")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    };
    if let Some(k) = &expect.error_kind {
        if !ErrorKind::ALL.iter().any(|e| e.as_str() == k) {
            return Err(format!("{id}: unknown error_kind {k}"));
        }
    }
    if kind == Kind::Invalid && expect.why.is_none() {
        return Err(format!("{id}: invalid case without why"));
    }
    let disputed = str_of(c, "disputed", &id)?;
    Ok(Case {
        file,
        id,
        kind,
        repr,
        value,
        params,
        expect,
        disputed,
    })
}

/// Every case of every file, in file order.
pub(crate) fn load() -> Vec<Case> {
    let mut cases = Vec::new();
    for (file, text) in FILES {
        let doc: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("tests/vectors/{file}.json: {e}"));
        let list = doc
            .get("cases")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("tests/vectors/{file}.json: no cases array"));
        for c in list {
            cases.push(parse_case(file, c).unwrap_or_else(|e| panic!("{file}.json: {e}")));
        }
    }
    cases
}

// ---------------------------------------------------------------------------
// The report

#[derive(Default)]
struct PathStats {
    run: usize,
    failed: usize,
}

struct Failure {
    id: String,
    file: &'static str,
    path: &'static str,
    msg: String,
}

impl Failure {
    fn line(&self) -> String {
        format!("{} [{}] {}: {}", self.id, self.file, self.path, self.msg)
    }
}

/// Results of all checks.
#[derive(Default)]
pub(crate) struct Report {
    paths: BTreeMap<&'static str, PathStats>,
    failures: Vec<Failure>,
    /// Mismatches of disputed cases, with the reason for the dispute.
    disputed: Vec<(Failure, String)>,
}

impl Report {
    /// Runs one check of `case` on `path`, recording its outcome.
    pub fn check(
        &mut self,
        case: &Case,
        path: &'static str,
        f: impl FnOnce() -> Result<(), String>,
    ) {
        let stats = self.paths.entry(path).or_default();
        stats.run += 1;
        if let Err(msg) = f() {
            let failure = Failure {
                id: case.id.clone(),
                file: case.file,
                path,
                msg,
            };
            match &case.disputed {
                Some(why) => self.disputed.push((failure, why.clone())),
                None => {
                    stats.failed += 1;
                    self.failures.push(failure);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Helpers shared by the paths

/// `Ok` if equal, else a message showing both.
pub(crate) fn same<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: T,
    want: T,
) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// Describes an unexpected error.
pub(crate) fn unexpected(what: &str, e: ParseError) -> String {
    format!("{what} failed: {} ({e})", e.kind().as_str())
}

/// Checks that `result` is an error, of the expected kind if the case gives
/// one, with an offset within `input`.
pub(crate) fn must_reject<T: std::fmt::Debug>(
    case: &Case,
    what: &str,
    input: &str,
    result: Result<T, ParseError>,
) -> Result<(), String> {
    match result {
        Ok(v) => Err(format!(
            "{what} accepted it: {v:?} (want rejection: {})",
            why(case)
        )),
        Err(e) => {
            if let Some(k) = &case.expect.error_kind {
                if e.kind().as_str() != k {
                    return Err(format!(
                        "{what}: error kind {}, want {k} ({e}; why: {})",
                        e.kind().as_str(),
                        why(case)
                    ));
                }
            }
            if e.offset() > input.len() {
                return Err(format!(
                    "{what}: error offset {} past the end of the {}-byte input",
                    e.offset(),
                    input.len()
                ));
            }
            Ok(())
        }
    }
}

pub(crate) fn why(case: &Case) -> &str {
    case.expect.why.as_deref().unwrap_or("")
}

/// Parses the expected canonical URI of a case.
pub(crate) fn expected_epc(case: &Case) -> Result<Epc<'_>, String> {
    let uri = case.expect.uri.as_deref().ok_or("no expected URI")?;
    Epc::parse(uri).map_err(|e| unexpected("parsing the expected URI", e))
}

// ---------------------------------------------------------------------------
// URI paths

fn uri_paths(case: &Case, r: &mut Report) {
    let is_uri_input = matches!(case.repr, Repr::Uri | Repr::ClassUri);
    match case.kind {
        Kind::Valid => {
            if is_uri_input {
                // Input URI -> Epc -> canonical URI.
                r.check(case, "uri -> Epc -> canonical uri", || {
                    let want = case.expect.uri.as_deref().ok_or("no expected URI")?;
                    let epc = Epc::parse(&case.value).map_err(|e| unexpected("Epc::parse", e))?;
                    same("Display", epc.to_string().as_str(), want)?;
                    same(
                        "is_canonical_uri",
                        epc.is_canonical_uri(&case.value),
                        case.value == want,
                    )
                });
            }
            if case.expect.uri.is_some() {
                // The expected URI is canonical: it parses to itself, and
                // its components validate alone to the same Epc.
                r.check(case, "canonical uri -> Epc -> uri", || {
                    let epc = expected_epc(case)?;
                    let want = case.expect.uri.as_deref().unwrap_or_default();
                    same("Display", epc.to_string().as_str(), want)?;
                    same("is_canonical_uri", epc.is_canonical_uri(want), true)
                });
                r.check(case, "components -> Epc::from_components", || {
                    let epc = expected_epc(case)?;
                    let parts: Vec<&str> = epc.components().collect();
                    let rebuilt = Epc::from_components(epc.scheme(), &parts)
                        .map_err(|e| unexpected("from_components", e))?;
                    same("Epc", rebuilt, epc)?;
                    same("scheme file", Some(epc.scheme()), case.scheme())
                });
            }
        }
        Kind::Invalid => {
            if is_uri_input && case.params.binary_scheme.is_none() {
                r.check(case, "invalid uri rejected", || {
                    must_reject(case, "Epc::parse", &case.value, Epc::parse(&case.value))
                });
            }
            if is_uri_input && case.params.binary_scheme.is_some() {
                // A valid identifier the requested binary scheme cannot hold.
                r.check(case, "valid uri, not encodable: uri parses", || {
                    Epc::parse(&case.value)
                        .map(drop)
                        .map_err(|e| unexpected("Epc::parse", e))
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Tag URI paths

fn tag_paths(case: &Case, r: &mut Report) {
    match case.kind {
        Kind::Valid => {
            let mut tags: Vec<&str> = case.expect.tag_uri.iter().map(String::as_str).collect();
            if case.repr == Repr::TagUri && Some(&case.value) != case.expect.tag_uri.as_ref() {
                tags.push(&case.value);
            }
            for tag in tags {
                r.check(case, "tag uri -> TagEpc -> tag uri", || {
                    let t = TagEpc::parse(tag).map_err(|e| unexpected("TagEpc::parse", e))?;
                    let want = case
                        .expect
                        .tag_uri
                        .as_deref()
                        .ok_or("no expected tag URI")?;
                    same("Display", t.to_string().as_str(), want)?;
                    same(
                        "binary scheme",
                        Some(t.binary_scheme()),
                        case.params.scheme(),
                    )?;
                    same("filter", t.filter(), case.params.filter_or_zero())?;
                    same("Epc", *t.epc(), expected_epc(case)?)
                });
            }
            if let (Some(want), Some(bs)) = (&case.expect.tag_uri, case.params.scheme()) {
                r.check(
                    case,
                    "uri + scheme + filter -> TagEpc::new -> tag uri",
                    || {
                        let epc = expected_epc(case)?;
                        let t = TagEpc::new(epc, bs, case.params.filter_or_zero())
                            .map_err(|e| unexpected("TagEpc::new", e))?;
                        same("Display", t.to_string().as_str(), want.as_str())
                    },
                );
            }
        }
        Kind::Invalid => {
            if case.repr == Repr::TagUri {
                r.check(case, "invalid tag uri rejected", || {
                    must_reject(
                        case,
                        "TagEpc::parse",
                        &case.value,
                        TagEpc::parse(&case.value),
                    )
                });
            }
            if let (Repr::Uri, Some(bs)) = (case.repr, case.params.scheme()) {
                r.check(
                    case,
                    "valid uri, not encodable: TagEpc::new rejects",
                    || {
                        let epc =
                            Epc::parse(&case.value).map_err(|e| unexpected("Epc::parse", e))?;
                        let res = TagEpc::new(epc, bs, case.params.filter_or_zero());
                        must_reject(case, "TagEpc::new", &case.value, res)
                    },
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The test

fn run_case(case: &Case, r: &mut Report) {
    uri_paths(case, r);
    tag_paths(case, r);
    binary::run(case, r);
    plus::run(case, r);
    gs1::run(case, r);
    detect::run(case, r);
}

#[test]
fn tds_vectors() {
    let all = load();
    assert_eq!(
        all.len(),
        TOTAL_CASES,
        "number of cases in tests/vectors/*.json"
    );
    let filter = std::env::var("EPCSTREAM_TEST").ok();
    let cases: Vec<&Case> = all
        .iter()
        .filter(|c| {
            filter
                .as_deref()
                .is_none_or(|f| c.id.contains(f) || c.file.contains(f))
        })
        .collect();
    let mut r = Report::default();
    for case in &cases {
        run_case(case, &mut r);
    }

    let mut out = String::new();
    out.push_str(&format!(
        "TDS vectors: {} of {} cases{}\n",
        cases.len(),
        all.len(),
        filter
            .as_deref()
            .map(|f| format!(" (EPCSTREAM_TEST={f})"))
            .unwrap_or_default()
    ));
    let mut per_file: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in &cases {
        let e = per_file.entry(c.file).or_default();
        if c.is_valid() { e.0 += 1 } else { e.1 += 1 }
    }
    for (f, (v, i)) in &per_file {
        out.push_str(&format!("  {f:<6} {v:>3} valid {i:>3} invalid\n"));
    }
    let from_table = cases.iter().filter(|c| c.params.gcp_table).count();
    if from_table > 0 {
        out.push_str(&format!(
            "  {from_table} cases use the GCP length a prefix table gave their source\n"
        ));
    }
    out.push_str("checks per path (run / failed):\n");
    for (path, s) in &r.paths {
        out.push_str(&format!("  {:>4} / {:>3}  {path}\n", s.run, s.failed));
    }
    // Mismatches of disputed cases, grouped by case, the reason once.
    let mut last = "";
    for (f, why) in &r.disputed {
        if f.id != last {
            out.push_str(&format!("disputed {} [{}]: {why}\n", f.id, f.file));
            last = &f.id;
        }
        out.push_str(&format!("  mismatch, not failed: {}: {}\n", f.path, f.msg));
    }

    let failed_cases: std::collections::BTreeSet<&str> =
        r.failures.iter().map(|f| f.id.as_str()).collect();
    if !r.failures.is_empty() {
        out.push_str(&format!(
            "{} failed checks in {} cases:\n",
            r.failures.len(),
            failed_cases.len()
        ));
        for f in &r.failures {
            out.push_str(&format!("  {}\n", f.line()));
        }
    }
    println!("{out}");
    assert!(
        r.failures.is_empty(),
        "{} failed checks in {} cases (listed above; rerun with -- --nocapture to see the summary)",
        r.failures.len(),
        failed_cases.len()
    );
}
