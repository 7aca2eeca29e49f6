//! The commission phase written directly against each engine's own API
//! (no `Store`/`Tx` trait objects, no value copies into caller buffers),
//! to measure what the trait's shape costs.

use epcstream::ledger::store::StoreError;
use fjall::{KeyspaceCreateOptions, PersistMode, Readable, SingleWriterTxDatabase};
use redb::{Database, Durability, ReadableTable, TableDefinition};

use crate::measure::Reporter;
use crate::workload::{self, Bufs, COMMISSIONED, DECOMMISSIONED};
use crate::{Args, workload::Plan};

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// Fills `b.enc`, `b.hkey`, `b.hval` for item `i` (after its key is in `b.key`).
fn records(b: &mut Bufs, doc: &[u8], time: i64) {
    let r = &mut b.rec;
    r.state = COMMISSIONED;
    r.flags = 0;
    r.pre_ship = 0;
    r.history = 1;
    r.time = time;
    r.children = 0;
    r.parent.clear();
    r.location.clear();
    r.location.extend_from_slice(b"sgln:0614141.12345.line-07");
    r.encode(&mut b.enc);
    workload::history(&b.key, 0, doc, time, 1, &mut b.hkey, &mut b.hval);
}

pub fn commission(a: &Args, plan: &Plan, rep: &mut Reporter) -> Result<(), StoreError> {
    let mut b = Bufs::default();
    let msgs = plan.serials.div_ceil(plan.batch);
    let mut ph = rep.start("commission");
    match a.engine.as_str() {
        "redb-native" => {
            let serials: TableDefinition<&[u8], &[u8]> = TableDefinition::new("serials");
            let history: TableDefinition<&[u8], &[u8]> = TableDefinition::new("history");
            let documents: TableDefinition<&[u8], &[u8]> = TableDefinition::new("documents");
            let db = Database::builder()
                .set_cache_size((a.cache_mib << 20) as usize)
                .create(a.dir.join("ledger.redb"))
                .map_err(err)?;
            for m in 0..msgs {
                let (from, to) = (m * plan.batch, ((m + 1) * plan.batch).min(plan.serials));
                let doc = workload::doc_id(m);
                let time = 1_700_000_000_000 + m as i64;
                let mut txn = db.begin_write().map_err(err)?;
                txn.set_durability(Durability::Immediate).map_err(err)?;
                {
                    let mut s = txn.open_table(serials).map_err(err)?;
                    let mut h = txn.open_table(history).map_err(err)?;
                    for i in from..to {
                        workload::item_key(i, &mut b.key);
                        if let Some(v) = s.get(&b.key[..]).map_err(err)? {
                            if v.value()[0] != DECOMMISSIONED {
                                return Err(StoreError("already commissioned".into()));
                            }
                        }
                        records(&mut b, &doc, time);
                        s.insert(&b.key[..], &b.enc[..]).map_err(err)?;
                        h.insert(&b.hkey[..], &b.hval[..]).map_err(err)?;
                    }
                    txn.open_table(documents).map_err(err)?.insert(&doc[..], &b"EPCIS 1.2 applied  ok 12345678"[..]).map_err(err)?;
                }
                txn.commit().map_err(err)?;
                ph.progress(to, m + 1 == msgs);
            }
        }
        "fjall-native" => {
            let db = SingleWriterTxDatabase::builder(&a.dir).cache_size(a.cache_mib << 20).open().map_err(err)?;
            let s = db.keyspace("serials", KeyspaceCreateOptions::default).map_err(err)?;
            let h = db.keyspace("history", KeyspaceCreateOptions::default).map_err(err)?;
            let d = db.keyspace("documents", KeyspaceCreateOptions::default).map_err(err)?;
            for m in 0..msgs {
                let (from, to) = (m * plan.batch, ((m + 1) * plan.batch).min(plan.serials));
                let doc = workload::doc_id(m);
                let time = 1_700_000_000_000 + m as i64;
                let mut tx = db.write_tx().durability(Some(PersistMode::SyncAll));
                for i in from..to {
                    workload::item_key(i, &mut b.key);
                    if let Some(v) = tx.get(s.inner(), &b.key).map_err(err)? {
                        if v[0] != DECOMMISSIONED {
                            return Err(StoreError("already commissioned".into()));
                        }
                    }
                    records(&mut b, &doc, time);
                    tx.insert(&s, &b.key[..], &b.enc[..]);
                    tx.insert(&h, &b.hkey[..], &b.hval[..]);
                }
                tx.insert(&d, &doc[..], &b"EPCIS 1.2 applied  ok 12345678"[..]);
                tx.commit().map_err(err)?;
                ph.progress(to, m + 1 == msgs);
            }
        }
        // The floor of the ledger's commission on fjall: each message's
        // serials sorted, checked absent, written by fjall's ingestion
        // (sorted tables, no journal, no memtable), its document synced; no
        // engine, no redo file. `--no-history` leaves out the History rows.
        "fjall-ingest-native" => {
            let no_history = a.no_history;
            let db = fjall::Database::builder(&a.dir)
                .cache_size(a.cache_mib << 20)
                .worker_threads(a.fjall_workers.max(1))
                .open()
                .map_err(err)?;
            let s = db.keyspace("serials", KeyspaceCreateOptions::default).map_err(err)?;
            let h = db.keyspace("history", KeyspaceCreateOptions::default).map_err(err)?;
            let d = db.keyspace("documents", KeyspaceCreateOptions::default).map_err(err)?;
            let mut keys: Vec<Vec<u8>> = Vec::new();
            for m in 0..msgs {
                let (from, to) = (m * plan.batch, ((m + 1) * plan.batch).min(plan.serials));
                let doc = workload::doc_id(m);
                let time = 1_700_000_000_000 + m as i64;
                keys.clear();
                for i in from..to {
                    workload::item_key(i, &mut b.key);
                    keys.push(b.key.clone());
                }
                keys.sort_unstable();
                for k in &keys {
                    if let Some(v) = s.get(k).map_err(err)? {
                        if v[0] != DECOMMISSIONED {
                            return Err(StoreError("already commissioned".into()));
                        }
                    }
                }
                let mut si = s.start_ingestion().map_err(err)?;
                let mut hist = Vec::with_capacity(if no_history { 0 } else { keys.len() });
                for k in &keys {
                    b.key.clear();
                    b.key.extend_from_slice(k);
                    records(&mut b, &doc, time);
                    si.write(&k[..], &b.enc[..]).map_err(err)?;
                    if !no_history {
                        hist.push((b.hkey.clone(), b.hval.clone()));
                    }
                }
                si.finish().map_err(err)?;
                if !no_history {
                    let mut hi = h.start_ingestion().map_err(err)?;
                    for (k, v) in hist {
                        hi.write(k, v).map_err(err)?;
                    }
                    hi.finish().map_err(err)?;
                }
                d.insert(&doc[..], &b"EPCIS 1.2 applied  ok 12345678"[..]).map_err(err)?;
                db.persist(PersistMode::SyncAll).map_err(err)?;
                ph.progress(to, m + 1 == msgs);
            }
        }
        e => panic!("no native commission for {e}"),
    }
    rep.finish(ph, plan.serials, "transitions");
    Ok(())
}
