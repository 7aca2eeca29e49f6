//! The ledger store's decoders on any bytes (`ledger_store` target): a
//! serial's record, a history entry, a large commit's redo file. No panic;
//! whatever decodes encodes back to the same, and a redo file that reads
//! has each table's keys strictly ascending (what fjall's ingestion takes).

use crate::ledger::fjall::redo;
use crate::ledger::{HistoryEntry, SerialRecord};

/// The largest input tried (bigger ones say nothing new).
pub const LEDGER_STORE_MAX_INPUT: usize = 1 << 16;

/// The `ledger_store` check: the first byte picks the decoder (record,
/// history entry, redo file), the rest is its input. Returns whether it
/// decoded (worth keeping in the corpus).
pub fn ledger_store(data: &[u8]) -> bool {
    let Some((&which, bytes)) = data.split_first() else {
        return false;
    };
    if data.len() > LEDGER_STORE_MAX_INPUT {
        return false;
    }
    match which % 3 {
        0 => {
            let Some(r) = SerialRecord::decode(bytes) else {
                return false;
            };
            let mut again = Vec::new();
            r.encode(&mut again);
            assert_eq!(
                SerialRecord::decode(&again).as_ref(),
                Some(&r),
                "record round trip"
            );
            true
        }
        1 => {
            let Some(h) = HistoryEntry::decode(bytes) else {
                return false;
            };
            let mut again = Vec::new();
            h.encode(&mut again);
            assert_eq!(
                HistoryEntry::decode(&again).as_ref(),
                Some(&h),
                "entry round trip"
            );
            true
        }
        _ => match redo::read(bytes) {
            Ok(writes) => {
                for table in &writes {
                    assert!(
                        table.is_sorted_by(|a, b| a.0 < b.0),
                        "redo keys not strictly ascending"
                    );
                }
                let mut again = Vec::new();
                redo::write(&mut again, &writes).expect("writing to memory");
                let back = redo::read(&again[..]).expect("a written redo file reads");
                assert_eq!(back, writes, "redo file round trip");
                true
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains("damaged redo file at byte"), "{msg}");
                false
            }
        },
    }
}
