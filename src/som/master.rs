//! Product master data: which markets a product (GTIN) is sold in.
//!
//! The receiver's Class 2 rules ask whether "a Target Market in Product
//! Master Data = RU". epcstream has no product master of its own: the user
//! gives one (`epcstream validate --product-master FILE`), a CSV file of
//! GTIN and target markets:
//!
//! ```text
//! gtin,target_markets
//! 00614141812345,RU;KZ
//! 4607012345677,RU
//! 00312345678906,US
//! ```
//!
//! * a first line whose first field is not a number is a header, skipped;
//! * `gtin`: GTIN-8, -12, -13 or -14 (zero-padded to 14 digits), check digit
//!   verified;
//! * `target_markets`: ISO 3166-1 alpha-2 codes separated by `;`, `|` or
//!   spaces (further columns are ignored); a GTIN listed twice has the
//!   markets of both lines;
//! * empty lines and lines starting with `#` are ignored.
//!
//! Lookups are by the GTIN's first 13 digits as an integer: no allocation
//! per EPC.

use crate::epc::{Epc, Scheme};
use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;

/// Why a product master file could not be read.
#[derive(Debug)]
pub enum MasterError {
    /// Reading failed.
    Io(std::io::Error),
    /// A line that is not `gtin,markets`.
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for MasterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MasterError::Io(e) => write!(f, "{e}"),
            MasterError::Line { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for MasterError {}

/// GTIN → target markets.
#[derive(Clone, Debug, Default)]
pub struct ProductMaster {
    markets: HashMap<u64, Vec<[u8; 2]>>,
}

/// The key of a GTIN-14 given as 14 ASCII digits (check digit verified):
/// its first 13 digits as a number.
fn key_of_gtin14(d: &[u8]) -> Option<u64> {
    if d.len() != 14 || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let check = crate::epc::gs1_check_digit(&d[..13])?;
    if check != d[13] - b'0' {
        return None;
    }
    Some(
        d[..13]
            .iter()
            .fold(0u64, |k, b| k * 10 + u64::from(b - b'0')),
    )
}

/// The key of the GTIN of an SGTIN (or LGTIN class): indicator digit,
/// company prefix, item reference.
pub(crate) fn gtin_key(epc: &Epc<'_>) -> Option<u64> {
    if !matches!(epc.scheme(), Scheme::Sgtin | Scheme::Lgtin) {
        return None;
    }
    let gcp = epc.component(0).as_bytes();
    let item = epc.component(1).as_bytes();
    let (&indicator, rest) = item.split_first()?;
    let mut k = u64::from(indicator.wrapping_sub(b'0'));
    for &b in gcp.iter().chain(rest) {
        k = k * 10 + u64::from(b.wrapping_sub(b'0'));
    }
    Some(k)
}

impl ProductMaster {
    /// An empty product master (no product has a target market).
    pub fn new() -> Self {
        ProductMaster::default()
    }

    /// Reads a CSV file (see the module docs).
    pub fn from_reader(reader: impl BufRead) -> Result<Self, MasterError> {
        let mut master = ProductMaster::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(MasterError::Io)?;
            let n = i + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split(',');
            let gtin = fields.next().unwrap_or_default().trim();
            if n == 1 && !gtin.bytes().all(|b| b.is_ascii_digit()) {
                continue; // header
            }
            let err = |message: String| MasterError::Line { line: n, message };
            if !matches!(gtin.len(), 8 | 12 | 13 | 14) {
                return Err(err(format!("`{gtin}` is no GTIN (8, 12, 13 or 14 digits)")));
            }
            let padded = format!("{gtin:0>14}");
            let key = key_of_gtin14(padded.as_bytes())
                .ok_or_else(|| err(format!("`{gtin}` is no GTIN (digits, check digit)")))?;
            let markets = fields.next().unwrap_or_default();
            let entry = master.markets.entry(key).or_default();
            for m in markets
                .split([';', '|', ' '])
                .map(str::trim)
                .filter(|m| !m.is_empty())
            {
                let b = m.as_bytes();
                if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
                    return Err(err(format!("`{m}` is no ISO 3166-1 alpha-2 country code")));
                }
                let code = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
                if !entry.contains(&code) {
                    entry.push(code);
                }
            }
        }
        Ok(master)
    }

    /// Reads a CSV file.
    pub fn load(path: &std::path::Path) -> Result<Self, MasterError> {
        let file = std::fs::File::open(path).map_err(MasterError::Io)?;
        ProductMaster::from_reader(std::io::BufReader::new(file))
    }

    /// Adds a product: GTIN-14 digits and its markets.
    pub fn insert(&mut self, gtin14: &str, markets: &[&str]) -> bool {
        let Some(key) = key_of_gtin14(gtin14.as_bytes()) else {
            return false;
        };
        let entry = self.markets.entry(key).or_default();
        for m in markets {
            if let [a, b] = m.as_bytes() {
                entry.push([a.to_ascii_uppercase(), b.to_ascii_uppercase()]);
            }
        }
        true
    }

    /// How many products.
    pub fn len(&self) -> usize {
        self.markets.len()
    }

    /// Whether no product is known.
    pub fn is_empty(&self) -> bool {
        self.markets.is_empty()
    }

    /// Whether the product of `epc` (an SGTIN or LGTIN) has `country` among
    /// its target markets.
    #[inline]
    pub fn sold_in(&self, epc: &Epc<'_>, country: &str) -> bool {
        if self.markets.is_empty() {
            return false;
        }
        let (Some(key), [a, b]) = (gtin_key(epc), country.as_bytes()) else {
            return false;
        };
        self.markets
            .get(&key)
            .is_some_and(|m| m.contains(&[*a, *b]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "gtin,target_markets\n\
        # comment\n\
        00614141812349,RU;kz\n\
        4607012345677,RU\n\
        \n\
        00312345678906, US | CA ,ignored\n";

    #[test]
    fn reads_a_csv_and_answers_by_epc() {
        let m = ProductMaster::from_reader(CSV.as_bytes()).unwrap();
        assert_eq!(m.len(), 3);
        let e = Epc::parse("urn:epc:id:sgtin:0614141.081234.6789").unwrap();
        assert!(m.sold_in(&e, "RU"));
        assert!(m.sold_in(&e, "KZ"));
        assert!(!m.sold_in(&e, "US"));
        // GTIN-13 4607012345677 = GTIN-14 04607012345677; GCP 4607012.
        let e = Epc::parse("urn:epc:id:sgtin:4607012.034567.1").unwrap();
        assert!(m.sold_in(&e, "RU"));
        let e = Epc::parse("urn:epc:id:sgtin:0312345.067890.AB").unwrap();
        assert!(m.sold_in(&e, "CA"));
        let e = Epc::parse("urn:epc:id:sscc:0614141.1234567890").unwrap();
        assert!(!m.sold_in(&e, "RU"));
    }

    #[test]
    fn bad_lines_are_errors_with_their_number() {
        let e = ProductMaster::from_reader("00614141812345,RU\n".as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("line 1:"), "{e}");
        let e = ProductMaster::from_reader("gtin,m\n00614141812349,RUS\n".as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("line 2:"), "{e}");
        let e = ProductMaster::from_reader("gtin,m\n123,RU\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("no GTIN"), "{e}");
    }
}

#[cfg(test)]
mod hostile {
    /// Any bytes: a product master or a line-numbered error, never a panic.
    #[test]
    fn any_csv_reads_or_is_refused() {
        let mut x = 0x2545_F491_4F6C_DD1D_u64;
        let alphabet = b"0123456789,;| RUKZabc\n#\xff";
        for _ in 0..5_000 {
            let mut csv = Vec::new();
            for _ in 0..(x % 64) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                csv.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let _ = super::ProductMaster::from_reader(&csv[..]);
        }
    }
}
