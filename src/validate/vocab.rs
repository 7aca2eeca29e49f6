//! CBV 1.2 vocabularies (REFERENCE.md §3) and the checks of a value that
//! should be one of them or another absolute URI.
//!
//! Lookups are binary searches over sorted static tables of a few dozen
//! short names (sorted order is tested), run once per event field, never
//! per EPC.

use crate::epcis::Severity;

/// One CBV vocabulary: its URN prefix, its CBV 2.0 Web URI prefix and its
/// values.
pub(crate) struct Vocab {
    /// The EPCIS field, as the XML spells it (for messages).
    pub field: &'static str,
    /// Rule id of findings about this field.
    pub rule: &'static str,
    /// What a value is, for messages ("business step").
    pub what: &'static str,
    /// `urn:epcglobal:cbv:bizstep:`
    pub prefix: &'static str,
    /// `https://ref.gs1.org/cbv/BizStep-` (the CBV 2.0 Web URI form).
    pub web_prefix: &'static str,
    /// CBV 1.2 values, sorted.
    pub v12: &'static [&'static str],
    /// Values CBV 2.0 added, sorted.
    pub v20: &'static [&'static str],
}

/// `urn:epcglobal:cbv:bizstep:`
pub(crate) const BIZ_STEP: Vocab = Vocab {
    field: "bizStep",
    rule: "cbv.biz_step",
    what: "business step",
    prefix: "urn:epcglobal:cbv:bizstep:",
    web_prefix: "https://ref.gs1.org/cbv/BizStep-",
    v12: &[
        "accepting",
        "arriving",
        "assembling",
        "collecting",
        "commissioning",
        "consigning",
        "creating_class_instance",
        "cycle_counting",
        "decommissioning",
        "departing",
        "destroying",
        "disassembling",
        "dispensing",
        "encoding",
        "entering_exiting",
        "holding",
        "inspecting",
        "installing",
        "killing",
        "loading",
        "other",
        "packing",
        "picking",
        "receiving",
        "removing",
        "repackaging",
        "repairing",
        "replacing",
        "reserving",
        "retail_selling",
        "shipping",
        "staging_outbound",
        "stock_taking",
        "stocking",
        "storing",
        "transporting",
        "unloading",
        "unpacking",
        "void_shipping",
    ],
    v20: &["sampling", "sensor_reporting"],
};

/// `urn:epcglobal:cbv:disp:`
pub(crate) const DISPOSITION: Vocab = Vocab {
    field: "disposition",
    rule: "cbv.disposition",
    what: "disposition",
    prefix: "urn:epcglobal:cbv:disp:",
    web_prefix: "https://ref.gs1.org/cbv/Disp-",
    v12: &[
        "active",
        "container_closed",
        "damaged",
        "destroyed",
        "dispensed",
        "disposed",
        "encoded",
        "expired",
        "in_progress",
        "in_transit",
        "inactive",
        "no_pedigree_match",
        "non_sellable_other",
        "partially_dispensed",
        "recalled",
        "reserved",
        "retail_sold",
        "returned",
        "sellable_accessible",
        "sellable_not_accessible",
        "stolen",
        "unknown",
    ],
    v20: &[
        "available",
        "completeness_inferred",
        "completeness_verified",
        "conformant",
        "container_open",
        "mismatch_class",
        "mismatch_instance",
        "mismatch_quantity",
        "needs_replacement",
        "non_conformant",
        "unavailable",
    ],
};

/// `urn:epcglobal:cbv:btt:`
pub(crate) const BTT: Vocab = Vocab {
    field: "bizTransaction/@type",
    rule: "cbv.btt",
    what: "business transaction type",
    prefix: "urn:epcglobal:cbv:btt:",
    web_prefix: "https://ref.gs1.org/cbv/BTT-",
    v12: &[
        "bol",
        "desadv",
        "inv",
        "pedigree",
        "po",
        "poc",
        "prodorder",
        "recadv",
        "rma",
    ],
    v20: &["cert", "testprd", "testres", "upevt"],
};

/// `urn:epcglobal:cbv:sdt:`
pub(crate) const SDT: Vocab = Vocab {
    field: "source/@type",
    rule: "cbv.sdt",
    what: "source/destination type",
    prefix: "urn:epcglobal:cbv:sdt:",
    web_prefix: "https://ref.gs1.org/cbv/SDT-",
    v12: &["location", "owning_party", "possessing_party"],
    v20: &[],
};

/// `urn:epcglobal:cbv:er:`
pub(crate) const ERROR_REASON: Vocab = Vocab {
    field: "errorDeclaration/reason",
    rule: "cbv.error_reason",
    what: "error reason",
    prefix: "urn:epcglobal:cbv:er:",
    web_prefix: "https://ref.gs1.org/cbv/ER-",
    v12: &["did_not_occur", "incorrect_data"],
    v20: &[],
};

/// Every vocabulary, to say which one a misplaced value belongs to.
const ALL: [&Vocab; 5] = [&BIZ_STEP, &DISPOSITION, &BTT, &SDT, &ERROR_REASON];

const CBV: &str = "urn:epcglobal:cbv:";

impl Vocab {
    fn is_v12(&self, name: &str) -> bool {
        self.v12.binary_search(&name).is_ok()
    }
    fn is_v20(&self, name: &str) -> bool {
        self.v20.binary_search(&name).is_ok()
    }
    /// The CBV 1.2 or 2.0 value closest to `name` (edit distance at most 2,
    /// and less than a third of the name).
    fn closest(&self, name: &str) -> Option<&'static str> {
        let max = (name.len() / 3).clamp(1, 2);
        self.v12
            .iter()
            .chain(self.v20)
            .map(|v| (edit_distance(name.as_bytes(), v.as_bytes(), max), *v))
            .filter(|(d, _)| *d <= max)
            .min_by_key(|(d, _)| *d)
            .map(|(_, v)| v)
    }

    /// Checks a value of this vocabulary's field: a CBV 1.2 value, or any
    /// other absolute URI. `None` when fine; else the severity and what is
    /// wrong (and what was expected).
    pub(crate) fn check(&self, value: &str) -> Option<(Severity, String)> {
        // The common case: a CBV 1.2 value.
        if let Some(name) = value.strip_prefix(self.prefix) {
            if self.is_v12(name) {
                return None;
            }
            return Some((Severity::Warning, self.unknown_name(value, name)));
        }
        self.check_slow(value)
    }

    #[cold]
    fn check_slow(&self, value: &str) -> Option<(Severity, String)> {
        let (field, what, prefix) = (self.field, self.what, self.prefix);
        if value.is_empty() {
            return Some((
                Severity::Error,
                format!(
                    "empty {field}: expected a CBV 1.2 {what} ({prefix}…) or another absolute URI"
                ),
            ));
        }
        let shown = super::shorten(value);
        // The prefix in another case: CBV values are case-sensitive.
        if let Some(head) = value.get(..prefix.len()) {
            if head.eq_ignore_ascii_case(prefix) {
                let name = &value[prefix.len()..];
                let fixed = self
                    .v12
                    .iter()
                    .chain(self.v20)
                    .find(|v| v.eq_ignore_ascii_case(name));
                let hint = match fixed {
                    Some(v) => format!("; did you mean `{prefix}{v}`?"),
                    None => String::new(),
                };
                return Some((
                    Severity::Warning,
                    format!(
                        "{field} `{shown}` is not a CBV 1.2 {what}: CBV values are case-sensitive{hint}"
                    ),
                ));
            }
        }
        // Another CBV vocabulary, or a misspelt vocabulary prefix.
        if let Some(rest) = value.strip_prefix(CBV) {
            let (vocab, name) = rest.split_once(':').unwrap_or((rest, ""));
            if let Some(other) = ALL
                .iter()
                .find(|v| v.prefix[CBV.len()..].trim_end_matches(':') == vocab)
            {
                return Some((
                    Severity::Warning,
                    format!(
                        "{field} `{shown}` is a CBV {} where a {what} ({prefix}…) is expected",
                        other.what
                    ),
                ));
            }
            let hint = match self.closest(name) {
                Some(v) if self.is_v12(v) => format!("; did you mean `{prefix}{v}`?"),
                _ => String::new(),
            };
            return Some((
                Severity::Warning,
                format!(
                    "{field} `{shown}` uses the CBV namespace {CBV} with an unknown vocabulary `{vocab}`; expected a {what} {prefix}…{hint}"
                ),
            ));
        }
        // The CBV 2.0 Web URI form.
        if let Some(head) = value.get(..self.web_prefix.len()) {
            if head.eq_ignore_ascii_case(self.web_prefix) {
                let name = &value[self.web_prefix.len()..];
                let hint = if self.is_v12(name) {
                    format!("; in EPCIS 1.2 it is `{prefix}{name}`")
                } else if self.is_v20(name) {
                    ", and a CBV 2.0 value, not in CBV 1.2".to_owned()
                } else {
                    ", and not a CBV value".to_owned()
                };
                return Some((
                    Severity::Warning,
                    format!("{field} `{shown}` is the CBV 2.0 Web URI form{hint}"),
                ));
            }
        }
        if is_absolute_uri(value) {
            return None;
        }
        // Not a URI: perhaps a bare CBV name.
        let lower = value.to_ascii_lowercase();
        let hint = if self.is_v12(&lower) {
            format!("; did you mean `{prefix}{lower}`?")
        } else {
            match self.closest(&lower) {
                Some(v) if self.is_v12(v) => format!("; did you mean `{prefix}{v}`?"),
                _ => String::new(),
            }
        };
        Some((
            Severity::Error,
            format!(
                "{field} `{shown}` is not a URI: expected a CBV 1.2 {what} ({prefix}…) or another absolute URI{hint}"
            ),
        ))
    }

    #[cold]
    fn unknown_name(&self, value: &str, name: &str) -> String {
        let (field, what) = (self.field, self.what);
        let shown = super::shorten(value);
        if self.is_v20(name) {
            return format!("{field} `{shown}`: CBV 2.0 value, not in CBV 1.2");
        }
        if let Some(other) = ALL
            .iter()
            .find(|v| v.prefix != self.prefix && (v.is_v12(name) || v.is_v20(name)))
        {
            return format!(
                "{field} `{shown}` is not a CBV 1.2 {what} (`{name}` is a CBV {}: {}{name})",
                other.what, other.prefix
            );
        }
        match self.closest(name) {
            Some(v) => format!(
                "{field} `{shown}` is not a CBV 1.2 {what}; did you mean `{}{v}`?",
                self.prefix
            ),
            None => format!(
                "{field} `{shown}` is not a CBV 1.2 {what}: values under {} must be CBV values; use your own URI for others",
                self.prefix
            ),
        }
    }
}

/// The CBV vocabulary of a source or destination type, with the field
/// name used in messages.
pub(crate) const fn sdt(destination: bool) -> Vocab {
    Vocab {
        field: if destination {
            "destination/@type"
        } else {
            "source/@type"
        },
        ..SDT
    }
}

/// Whether `s` is an absolute URI (RFC 3986 `scheme ":" rest`, or an IRI:
/// non-ASCII characters allowed): a scheme of a letter then letters,
/// digits, `+ - .`; something after the colon; no white space, control
/// characters or `" < > \ ^ ` { | }`; every `%` followed by two hex
/// digits.
pub(crate) fn is_absolute_uri(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    let scheme = &b[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok || colon + 1 >= b.len() {
        return false;
    }
    let mut i = colon + 1;
    while let Some(&c) = b.get(i) {
        if c <= b' '
            || c == 0x7F
            || matches!(
                c,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            return false;
        }
        if c == b'%' {
            let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        i += 1;
    }
    true
}

/// Levenshtein distance of two short byte strings, giving up (returning
/// `max + 1`) once it must exceed `max`.
pub(crate) fn edit_distance(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max || b.len() > 64 {
        return max + 1;
    }
    let mut row: [usize; 65] = [0; 65];
    for (j, r) in row.iter_mut().enumerate().take(b.len() + 1) {
        *r = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            let v = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
            row[j + 1] = v;
            best = best.min(v);
        }
        if best > max {
            return max + 1;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_sorted_and_sized() {
        for v in ALL {
            assert!(v.v12.is_sorted(), "{}", v.field);
            assert!(v.v20.is_sorted(), "{}", v.field);
            assert!(v.v12.iter().all(|n| !v.v20.contains(n)));
        }
        assert_eq!(BIZ_STEP.v12.len(), 39);
        assert_eq!(DISPOSITION.v12.len(), 22);
        assert_eq!(BTT.v12.len(), 9);
    }

    #[test]
    fn cbv_values() {
        assert_eq!(
            BIZ_STEP.check("urn:epcglobal:cbv:bizstep:commissioning"),
            None
        );
        assert_eq!(DISPOSITION.check("urn:epcglobal:cbv:disp:in_transit"), None);
        assert_eq!(BTT.check("urn:epcglobal:cbv:btt:po"), None);
        assert_eq!(SDT.check("urn:epcglobal:cbv:sdt:owning_party"), None);
        assert_eq!(
            ERROR_REASON.check("urn:epcglobal:cbv:er:incorrect_data"),
            None
        );
        // Other URIs.
        assert_eq!(
            BIZ_STEP.check("urn:epcglobal:hls:bizstep:commissioning"),
            None
        );
        assert_eq!(
            BIZ_STEP.check("http://epcis.example.org/hc/bizstep/summarising_discharge"),
            None
        );
        assert_eq!(BTT.check("http://epcis.tracelink.com/hc/btt/po"), None);
    }

    fn warn(v: &Vocab, s: &str) -> String {
        match v.check(s) {
            Some((Severity::Warning, m)) => m,
            other => panic!("{s}: {other:?}"),
        }
    }
    fn err(v: &Vocab, s: &str) -> String {
        match v.check(s) {
            Some((Severity::Error, m)) => m,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn misspelt_and_misplaced() {
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:bizstep:comissioning");
        assert!(
            m.contains("did you mean `urn:epcglobal:cbv:bizstep:commissioning`"),
            "{m}"
        );
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:bizstep:sampling");
        assert!(m.contains("CBV 2.0 value, not in CBV 1.2"), "{m}");
        let m = warn(&DISPOSITION, "urn:epcglobal:cbv:disp:loading");
        assert!(m.contains("is a CBV business step"), "{m}");
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:disp:active");
        assert!(m.contains("is a CBV disposition"), "{m}");
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:bizstp:shipping");
        assert!(m.contains("unknown vocabulary `bizstp`"), "{m}");
        assert!(
            m.contains("did you mean `urn:epcglobal:cbv:bizstep:shipping`"),
            "{m}"
        );
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:BizStep:shipping");
        assert!(m.contains("case-sensitive"), "{m}");
        let m = warn(&BIZ_STEP, "https://ref.gs1.org/cbv/BizStep-encoding");
        assert!(m.contains("urn:epcglobal:cbv:bizstep:encoding"), "{m}");
        let m = warn(
            &BIZ_STEP,
            "https://ref.gs1.org/cbv/BizStep-sensor_reporting",
        );
        assert!(m.contains("CBV 2.0 value"), "{m}");
        let m = warn(&BIZ_STEP, "urn:epcglobal:cbv:bizstep:frobnicating");
        assert!(m.contains("must be CBV values"), "{m}");
    }

    #[test]
    fn not_uris() {
        let m = err(&BIZ_STEP, "commissioning");
        assert!(
            m.contains("did you mean `urn:epcglobal:cbv:bizstep:commissioning`"),
            "{m}"
        );
        let m = err(&BIZ_STEP, "Shipping");
        assert!(
            m.contains("did you mean `urn:epcglobal:cbv:bizstep:shipping`"),
            "{m}"
        );
        err(&BIZ_STEP, "");
        err(&BTT, "purchase order");
        err(&DISPOSITION, "1:active");
    }

    #[test]
    fn absolute_uris() {
        for ok in [
            "urn:x:y",
            "http://a/b%20c",
            "a+b-c.d:x",
            "https://é.example/ü",
            "mailto:a@b",
        ] {
            assert!(is_absolute_uri(ok), "{ok}");
        }
        for bad in [
            "", "x", ":x", "1a:x", "a:", "a b:c", "a:b c", "a:%2", "a:%zz", "a:<x>", "a:b\\c",
            "a:\u{7f}",
        ] {
            assert!(!is_absolute_uri(bad), "{bad}");
        }
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance(b"comissioning", b"commissioning", 2), 1);
        assert_eq!(edit_distance(b"shiping", b"shipping", 2), 1);
        assert_eq!(edit_distance(b"abc", b"xyz", 2), 3);
        assert_eq!(edit_distance(b"", b"ab", 2), 2);
    }
}
