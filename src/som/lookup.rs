//! The receiver's lookup tables, as data.
//!
//! Seed 004 checks many values against "the lookup file"
//! (`DecommissionReasonCode`, `DestructionMethod`, `BusinessClassification`,
//! `MDPartyTypeEnums`, …) whose full contents are not public. Each table is
//! a text file shipped in `src/som/lookups/` (embedded in the binary), with
//! the values the seeds, the receiver's public pages and the GS1 standards
//! show, and the source of each in its comments. A user replaces any of
//! them with their own: [`Lookups::load_dir`] reads every `<Table>.txt` of a
//! directory over the built-in ones (`epcstream validate --lookups DIR`;
//! `epcstream lookups --export DIR` writes the built-in files to start
//! from).
//!
//! # File format
//!
//! UTF-8 text, one value per line. Leading and trailing white space is
//! trimmed; empty lines and lines starting with `#` are ignored; a tab ends
//! the value (what follows is a note, e.g. a country's name). Values are
//! compared exactly (case-sensitive), as the receiver's "matching entry in
//! the lookup file". A table with no values accepts every value (the list
//! is unknown): `UpdateSNStatusReasonCode` ships that way.
//! `MDPartyTypeAttributes` holds prefixes (see [`Lookups::party_id_form`]).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

macro_rules! tables {
    ($($(#[$doc:meta])* $v:ident,)*) => {
        /// A lookup table of the receiver (file `src/som/lookups/<name>.txt`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Table { $($(#[$doc])* $v,)* }
        impl Table {
            /// Every table.
            pub const ALL: &'static [Table] = &[$(Table::$v,)*];
            /// The table's name, as the seed spells it (and its file name
            /// without `.txt`).
            pub const fn name(self) -> &'static str {
                match self { $(Table::$v => stringify!($v),)* }
            }
            /// The built-in file.
            pub const fn builtin(self) -> &'static str {
                match self { $(Table::$v => include_str!(concat!("lookups/", stringify!($v), ".txt")),)* }
            }
        }
    };
}

tables! {
    /// `sbdh:Identifier/@Authority`.
    MDPartyTypeEnums,
    /// Forms (prefixes) of party and location identifiers.
    MDPartyTypeAttributes,
    /// `tl:businessId/@type`.
    BusinessAndLocationId,
    /// `tl:locationId/@type` (ESM Decommission).
    LocationIdType,
    /// `tl:locationId/@type` (Decommission Event, ESM Destroy, Destroy Event).
    MessagePartyIdType,
    /// SOAP `ReportingPartyIdentifier/@identifiertype`.
    IdentifierType,
    /// SOAP `LocationType`.
    LocationId,
    /// `tl:businessClassification`.
    BusinessClassification,
    /// `tl:decommissionReasonCode`.
    DecommissionReasonCode,
    /// `tl:destructionMethod`, SOAP `DestructionMethod`.
    DestructionMethod,
    /// SOAP `ReasonCode`.
    ReasonCode,
    /// SOAP `Transaction/ItemType`.
    TransactionId,
    /// `bizTransaction/@type`.
    BizTransactionType,
    /// ISO 3166-1 alpha-2 country codes.
    ISOCountryCode,
    /// `tl:packagingLevel`.
    PackagingLevel,
    /// `tl:changeReasonCode` (Void Shipment).
    ChangeReasonCode,
    /// `tl:updateSNStatusReasonCode`.
    UpdateSNStatusReasonCode,
    /// `tl:updateType`.
    UpdateType,
    /// Serial number statuses of Update Serial Number Status.
    SerialNumberStatus,
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Table {
    /// The table called `name` (case-sensitive, as the file name).
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == name)
    }
}

/// Why a lookup directory could not be loaded.
#[derive(Debug)]
pub enum LookupError {
    /// Reading a file or the directory failed.
    Io(std::path::PathBuf, std::io::Error),
    /// A `.txt` file whose name is no table (probably a typo).
    UnknownTable(std::path::PathBuf),
    /// A file that is not UTF-8.
    NotUtf8(std::path::PathBuf),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            LookupError::UnknownTable(p) => write!(
                f,
                "{}: no lookup table has this name (tables: {})",
                p.display(),
                Table::ALL
                    .iter()
                    .map(|t| t.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            LookupError::NotUtf8(p) => write!(f, "{}: not UTF-8 text", p.display()),
        }
    }
}

impl std::error::Error for LookupError {}

/// Every lookup table, built in or replaced from files.
#[derive(Clone, Debug)]
pub struct Lookups {
    tables: Vec<BTreeSet<String>>,
    sources: Vec<Option<std::path::PathBuf>>,
}

impl Default for Lookups {
    fn default() -> Self {
        Lookups::builtin()
    }
}

/// The values of one file's text.
fn parse_values(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

impl Lookups {
    /// The tables shipped with epcstream.
    pub fn builtin() -> Self {
        Lookups {
            tables: Table::ALL
                .iter()
                .map(|t| parse_values(t.builtin()))
                .collect(),
            sources: vec![None; Table::ALL.len()],
        }
    }

    /// The built-in tables, with every `<Table>.txt` of `dir` replacing its
    /// table. Other files (not ending in `.txt`) are ignored; a `.txt` file
    /// whose name is no table is an error.
    pub fn load_dir(dir: &Path) -> Result<Self, LookupError> {
        let mut lookups = Lookups::builtin();
        let entries = std::fs::read_dir(dir).map_err(|e| LookupError::Io(dir.to_path_buf(), e))?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| LookupError::Io(dir.to_path_buf(), e))?;
            paths.push(entry.path());
        }
        paths.sort();
        for path in paths {
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let Some(table) = Table::from_name(stem) else {
                return Err(LookupError::UnknownTable(path));
            };
            let bytes = std::fs::read(&path).map_err(|e| LookupError::Io(path.clone(), e))?;
            let text = String::from_utf8(bytes).map_err(|_| LookupError::NotUtf8(path.clone()))?;
            lookups.set(table, parse_values(&text));
            lookups.sources[table as usize] = Some(path);
        }
        Ok(lookups)
    }

    /// Replaces one table's values.
    pub fn set(&mut self, table: Table, values: impl IntoIterator<Item = String>) {
        self.tables[table as usize] = values.into_iter().collect();
    }

    /// The values of a table.
    pub fn values(&self, table: Table) -> impl ExactSizeIterator<Item = &str> {
        self.tables[table as usize].iter().map(String::as_str)
    }

    /// Where a table came from: `None` for the built-in one.
    pub fn source(&self, table: Table) -> Option<&Path> {
        self.sources[table as usize].as_deref()
    }

    /// Whether `value` is in `table` (an empty table accepts everything).
    pub fn contains(&self, table: Table, value: &str) -> bool {
        let t = &self.tables[table as usize];
        t.is_empty() || t.contains(value)
    }

    /// Whether `id` has one of the forms of `MDPartyTypeAttributes`: a
    /// prefix of the table followed by at least one character, or, for the
    /// table's `GLN` entry, 13 digits.
    pub fn party_id_form(&self, id: &str) -> bool {
        let t = &self.tables[Table::MDPartyTypeAttributes as usize];
        t.is_empty()
            || t.iter().any(|p| {
                if p == "GLN" {
                    id.len() == 13 && id.bytes().all(|b| b.is_ascii_digit())
                } else {
                    id.len() > p.len() && id.starts_with(p.as_str())
                }
            })
    }

    /// Writes every built-in table as `<Table>.txt` into `dir` (created if
    /// missing), to edit and load with [`Lookups::load_dir`].
    pub fn export_builtin(dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for t in Table::ALL {
            std::fs::write(dir.join(format!("{}.txt", t.name())), t.builtin())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_hold_every_value_of_the_seed_examples() {
        let l = Lookups::builtin();
        for (t, v) in [
            (Table::MDPartyTypeEnums, "GLN"),
            (Table::BusinessAndLocationId, "GLN"),
            (Table::BusinessAndLocationId, "SGLN"),
            (Table::LocationIdType, "GLN"),
            (Table::MessagePartyIdType, "GLN"),
            (Table::IdentifierType, "COMPANYID"),
            (Table::LocationId, "SGLN"),
            (Table::BusinessClassification, "MANUFACTURER"),
            (Table::BusinessClassification, "DISTRIBUTOR"),
            (Table::DecommissionReasonCode, "DAMAGED"),
            (Table::DecommissionReasonCode, "DEFECTIVE"),
            (Table::DecommissionReasonCode, "PRODUCTION_DEFECT"),
            (Table::DestructionMethod, "INCINERATION"),
            (Table::ReasonCode, "STATUSUPDATE"),
            (Table::TransactionId, "DESTRUCTION"),
            (
                Table::BizTransactionType,
                "http://epcis.tracelink.com/hc/btt/removal",
            ),
            (Table::ISOCountryCode, "RU"),
            (Table::ISOCountryCode, "TR"),
            (Table::ISOCountryCode, "CN"),
            (Table::ISOCountryCode, "US"),
        ] {
            assert!(l.contains(t, v), "{t} lacks {v}");
        }
        assert!(!l.contains(Table::ISOCountryCode, "XX"));
        assert!(!l.contains(Table::ISOCountryCode, "ru"));
        assert_eq!(l.values(Table::ISOCountryCode).len(), 249);
        // No value list known: everything accepted.
        assert!(l.contains(Table::UpdateSNStatusReasonCode, "anything"));
    }

    #[test]
    fn party_id_forms() {
        let l = Lookups::builtin();
        assert!(l.party_id_form("6667771013655"));
        assert!(l.party_id_form("urn:epc:id:sgln:6667771.01365.0"));
        assert!(l.party_id_form("http://epcis.gs1us.org/hc/dea/loc/10023141"));
        assert!(!l.party_id_form("urn:epc:id:sgln:"));
        assert!(!l.party_id_form("666777101365"));
        assert!(!l.party_id_form("warehouse 7"));
    }

    #[test]
    fn a_directory_replaces_tables_and_rejects_unknown_names() {
        let dir = std::env::temp_dir().join(format!("epcstream-lookups-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("DestructionMethod.txt"),
            "# mine\nLANDFILL\tburied\n\n  CRUSHING  \n",
        )
        .unwrap();
        std::fs::write(dir.join("notes.md"), "ignored").unwrap();
        let l = Lookups::load_dir(&dir).unwrap();
        assert!(l.contains(Table::DestructionMethod, "LANDFILL"));
        assert!(l.contains(Table::DestructionMethod, "CRUSHING"));
        assert!(!l.contains(Table::DestructionMethod, "INCINERATION"));
        assert!(l.source(Table::DestructionMethod).is_some());
        assert!(l.contains(Table::ReasonCode, "STATUSUPDATE"));
        std::fs::write(dir.join("DestructionMethods.txt"), "X\n").unwrap();
        let e = Lookups::load_dir(&dir).unwrap_err();
        assert!(
            e.to_string().contains("no lookup table has this name"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn export_writes_loadable_files() {
        let dir = std::env::temp_dir().join(format!("epcstream-export-{}", std::process::id()));
        Lookups::export_builtin(&dir).unwrap();
        let l = Lookups::load_dir(&dir).unwrap();
        for t in Table::ALL {
            assert!(l.values(*t).eq(Lookups::builtin().values(*t)), "{t}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
