//! The duplicate-document memory: every `sbdh:InstanceIdentifier` (the
//! receiver's "File Control Number") seen, across runs.
//!
//! The receiver's Class 2 rule: "File <inFilename> is a potential duplicate
//! match with file <origFilename> … based on both files having the same
//! File Control Number <cntrlID>." epcstream keeps what it has seen in a
//! small state file (`epcstream validate --state FILE`), one JSON object
//! per line, appended and synced (`fsync`) per document:
//!
//! ```text
//! {"id":"2013082106310032","file":"in/decommission.xml","sender":"81100001014507","received":"2026-11-21T09:30:00Z","size":4021,"mtime":1763717400}
//! ```
//!
//! Appending is crash-safe: a line cut short by a crash is ignored when the
//! file is read again (it is the only line that can be). The first document
//! with an identifier is the original; later ones are duplicates and are
//! not recorded. The same file validated again (same path, size and
//! modification time) is not its own duplicate.

use super::time::format_seconds;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why the state file could not be used.
#[derive(Debug)]
pub enum StateError {
    /// Reading or writing failed.
    Io(PathBuf, std::io::Error),
    /// A complete line that is not a record (the file is not a state file).
    Corrupt(PathBuf, usize),
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            StateError::Corrupt(p, line) => write!(
                f,
                "{}: line {line} is not an epcstream state record",
                p.display()
            ),
        }
    }
}

impl std::error::Error for StateError {}

/// A document as remembered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// `sbdh:InstanceIdentifier`.
    pub id: String,
    /// The file's name as given.
    pub file: String,
    /// `sbdh:Sender/sbdh:Identifier`.
    pub sender: String,
    /// When it was first validated (UTC).
    pub received: String,
    /// File size (0 for stdin).
    pub size: u64,
    /// Modification time, seconds since the epoch (0 for stdin).
    pub mtime: i64,
}

/// Documents seen, by instance identifier.
#[derive(Debug)]
pub struct DuplicateStore {
    path: Option<PathBuf>,
    seen: HashMap<String, Record>,
}

/// A file's identity: size and modification time.
pub fn file_identity(path: &Path) -> (u64, i64) {
    std::fs::metadata(path).map_or((0, 0), |m| {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        (m.len(), mtime)
    })
}

impl DuplicateStore {
    /// A store in memory only (duplicates within one run).
    pub fn in_memory() -> Self {
        DuplicateStore {
            path: None,
            seen: HashMap::new(),
        }
    }

    /// Opens (or starts) the state file at `path`.
    pub fn open(path: &Path) -> Result<Self, StateError> {
        let mut store = DuplicateStore {
            path: Some(path.to_path_buf()),
            seen: HashMap::new(),
        };
        let text = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(store),
            Err(e) => return Err(StateError::Io(path.to_path_buf(), e)),
        };
        let complete = text.is_empty() || text.ends_with(b"\n");
        if !complete {
            // A torn last line (a crash mid-append): cut it off, so the
            // next append starts on a line of its own.
            let keep = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let io = |e| StateError::Io(path.to_path_buf(), e);
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            f.set_len(keep as u64).map_err(io)?;
            f.sync_data().map_err(io)?;
        }
        let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Record>(line) {
                Ok(r) => {
                    store.seen.entry(r.id.clone()).or_insert(r);
                }
                // The last line, cut short by a crash: ignored.
                Err(_) if i + 1 == n && !complete => {}
                Err(_) => return Err(StateError::Corrupt(path.to_path_buf(), i + 1)),
            }
        }
        Ok(store)
    }

    /// How many documents are remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Checks a document and remembers it. Returns the original when `id`
    /// was seen before from another file (or the same name with another
    /// size or time, or stdin); otherwise records the document (appending
    /// it to the state file, synced) and returns `None`.
    pub fn check_and_record(
        &mut self,
        id: &str,
        file: &str,
        sender: &str,
        identity: (u64, i64),
        now: i64,
    ) -> Result<Option<Record>, StateError> {
        if let Some(orig) = self.seen.get(id) {
            let same_file =
                orig.file == file && (orig.size, orig.mtime) == identity && identity != (0, 0);
            return Ok((!same_file).then(|| orig.clone()));
        }
        let record = Record {
            id: id.to_owned(),
            file: file.to_owned(),
            sender: sender.to_owned(),
            received: format_seconds(now),
            size: identity.0,
            mtime: identity.1,
        };
        if let Some(path) = &self.path {
            let io = |e| StateError::Io(path.clone(), e);
            let mut line = serde_json::to_vec(&record).map_err(|e| io(e.into()))?;
            line.push(b'\n');
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(io)?;
            f.write_all(&line).map_err(io)?;
            f.sync_data().map_err(io)?;
        }
        self.seen.insert(id.to_owned(), record);
        Ok(None)
    }

    /// The receiver's text for a duplicate of `orig` named `in_file`.
    pub fn message(in_file: &str, orig: &Record) -> String {
        format!(
            "File {in_file} is a potential duplicate match with file {} sent from {} received on {}, based on both files having the same File Control Number {}.",
            orig.file, orig.sender, orig.received, orig.id
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_across_opens_and_ignores_a_torn_last_line() {
        let path =
            std::env::temp_dir().join(format!("epcstream-state-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut s = DuplicateStore::open(&path).unwrap();
        assert!(
            s.check_and_record("42", "a.xml", "GLN1", (10, 5), 0)
                .unwrap()
                .is_none()
        );
        // The same file again: not a duplicate of itself.
        assert!(
            s.check_and_record("42", "a.xml", "GLN1", (10, 5), 1)
                .unwrap()
                .is_none()
        );
        let dup = s
            .check_and_record("42", "b.xml", "GLN2", (11, 6), 2)
            .unwrap()
            .unwrap();
        assert_eq!(
            DuplicateStore::message("b.xml", &dup),
            "File b.xml is a potential duplicate match with file a.xml sent from GLN1 received on 1970-01-01T00:00:00Z, based on both files having the same File Control Number 42."
        );
        // A crash in the middle of the next append.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"id\":\"43\",\"fi").unwrap();
        drop(f);
        let mut s = DuplicateStore::open(&path).unwrap();
        assert_eq!(s.len(), 1);
        assert!(
            s.check_and_record("42", "c.xml", "GLN3", (0, 0), 3)
                .unwrap()
                .is_some()
        );
        assert!(
            s.check_and_record("44", "d.xml", "GLN4", (1, 1), 4)
                .unwrap()
                .is_none()
        );
        assert_eq!(DuplicateStore::open(&path).unwrap().len(), 2);
        std::fs::write(&path, "not json\n").unwrap();
        assert!(matches!(
            DuplicateStore::open(&path),
            Err(StateError::Corrupt(_, 1))
        ));
        std::fs::remove_file(&path).unwrap();
    }
}
