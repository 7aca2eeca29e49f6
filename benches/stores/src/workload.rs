//! The ledger's workload against the `Store` trait: keys, records and the
//! phases (commission, aggregation, shipping, random lookups).

use std::io::Write as _;
use std::time::Instant;

use epcstream::ledger::store::{Store, StoreError, Table, Tx};

use crate::measure;

pub const COMMISSIONED: u8 = 1;
pub const DECOMMISSIONED: u8 = 2;
pub const SHIPPED: u8 = 5;

/// Items per case and cases per pallet.
pub const PACK: u64 = 100;

/// The SGTIN pure identity (without `urn:epc:id:`) of item `i`. Pharma
/// serials are randomised (not guessable), so consecutive items get
/// scattered 12-digit serials: `i` times a multiplier prime to 10^12.
pub fn item_key(i: u64, out: &mut Vec<u8>) {
    let serial = (i as u128 * 736_481_927_193 + 104_729) % 1_000_000_000_000;
    out.clear();
    write!(out, "sgtin:0614141.812345.{serial:012}").unwrap();
}

/// The SSCC of case `c`.
pub fn case_key(c: u64, out: &mut Vec<u8>) {
    let s = (c as u128 * 3_141_592_653 + 17) % 10_000_000_000;
    out.clear();
    write!(out, "sscc:0614141.{s:010}").unwrap();
}

/// The SSCC of pallet `p`.
pub fn pallet_key(p: u64, out: &mut Vec<u8>) {
    let s = (p as u128 * 3_141_592_653 + 17) % 10_000_000_000;
    out.clear();
    write!(out, "sscc:0614142.{s:010}").unwrap();
}

/// A serial number's record (≈ 48 bytes encoded).
#[derive(Default, Debug)]
pub struct Rec {
    pub state: u8,
    pub flags: u8,
    pub pre_ship: u8,
    pub history: u32,
    pub time: i64,
    pub children: u32,
    pub parent: Vec<u8>,
    pub location: Vec<u8>,
}

const LOCATION: &[u8] = b"sgln:0614141.12345.line-07";

impl Rec {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&[self.state, self.flags, self.pre_ship]);
        out.extend_from_slice(&self.history.to_be_bytes());
        out.extend_from_slice(&self.time.to_be_bytes());
        out.extend_from_slice(&self.children.to_be_bytes());
        out.push(self.parent.len() as u8);
        out.extend_from_slice(&self.parent);
        out.push(self.location.len() as u8);
        out.extend_from_slice(&self.location);
    }
    pub fn decode(&mut self, b: &[u8]) {
        self.state = b[0];
        self.flags = b[1];
        self.pre_ship = b[2];
        self.history = u32::from_be_bytes(b[3..7].try_into().unwrap());
        self.time = i64::from_be_bytes(b[7..15].try_into().unwrap());
        self.children = u32::from_be_bytes(b[15..19].try_into().unwrap());
        let pl = b[19] as usize;
        self.parent.clear();
        self.parent.extend_from_slice(&b[20..20 + pl]);
        let ll = b[20 + pl] as usize;
        self.location.clear();
        self.location.extend_from_slice(&b[21 + pl..21 + pl + ll]);
    }
}

/// Reusable buffers of one message.
#[derive(Default)]
pub struct Bufs {
    pub key: Vec<u8>,
    pub key2: Vec<u8>,
    pub val: Vec<u8>,
    pub enc: Vec<u8>,
    pub hkey: Vec<u8>,
    pub hval: Vec<u8>,
    pub rec: Rec,
}

pub fn doc_id(m: u64) -> Vec<u8> {
    format!("urn:uuid:6ba7b810-9dad-11d1-80b4-{m:012}").into_bytes()
}

/// History entry `seq` of `key`: its key into `hkey`, a ≈ 60-byte value
/// into `hval`.
pub fn history(key: &[u8], seq: u32, doc: &[u8], time: i64, op: u8, hkey: &mut Vec<u8>, hval: &mut Vec<u8>) {
    hkey.clear();
    hkey.extend_from_slice(key);
    hkey.push(0);
    hkey.extend_from_slice(&seq.to_be_bytes());
    hval.clear();
    // The message's document id, shortened to its unique tail.
    let d = &doc[doc.len().saturating_sub(21)..];
    hval.push(d.len() as u8);
    hval.extend_from_slice(d);
    hval.extend_from_slice(&time.to_be_bytes());
    hval.push(op);
    hval.push(LOCATION.len() as u8);
    hval.extend_from_slice(LOCATION);
    hval.push(1);
    hval.push(b'-');
}

fn put_document(tx: &mut dyn Tx, doc: &[u8], time: i64, b: &mut Bufs) -> Result<(), StoreError> {
    b.val.clear();
    b.val.extend_from_slice(&time.to_be_bytes());
    b.val.extend_from_slice(b"EPCIS 1.2 applied  ok\x00");
    tx.put(Table::Documents, doc, &b.val)
}

/// Commissions items `from..to` in one transaction (message `m`).
/// `mid` is called once half of them are written (the crash test).
/// With `sorted`, the message's serials are applied in key order (a
/// B-tree then visits each page once per message, in order).
pub fn commission(
    tx: &mut dyn Tx,
    m: u64,
    from: u64,
    to: u64,
    sorted: bool,
    b: &mut Bufs,
    mid: &mut dyn FnMut(),
) -> Result<(), StoreError> {
    let doc = doc_id(m);
    let time = 1_700_000_000_000 + m as i64;
    let half = from + (to - from) / 2;
    let mut keys: Vec<Vec<u8>> = Vec::new();
    if sorted {
        keys = (from..to)
            .map(|i| {
                item_key(i, &mut b.key);
                b.key.clone()
            })
            .collect();
        keys.sort_unstable();
    }
    for i in from..to {
        if i == half {
            mid();
        }
        if sorted {
            std::mem::swap(&mut b.key, &mut keys[(i - from) as usize]);
        } else {
            item_key(i, &mut b.key);
        }
        if tx.get_into(Table::Serials, &b.key, &mut b.val)? {
            b.rec.decode(&b.val);
            if b.rec.state != DECOMMISSIONED {
                return Err(StoreError(format!("item {} already commissioned", String::from_utf8_lossy(&b.key))));
            }
        }
        let r = &mut b.rec;
        r.state = COMMISSIONED;
        r.flags = 0;
        r.pre_ship = 0;
        r.history = 1;
        r.time = time;
        r.children = 0;
        r.parent.clear();
        r.location.clear();
        r.location.extend_from_slice(LOCATION);
        r.encode(&mut b.enc);
        tx.put(Table::Serials, &b.key, &b.enc)?;
        history(&b.key, 0, &doc, time, 1, &mut b.hkey, &mut b.hval);
        tx.put(Table::History, &b.hkey, &b.hval)?;
    }
    put_document(tx, &doc, time, b)
}

/// Aggregates `parent` (commissioned here, absent before) over
/// `children`: per child get, record put (parent set), history put,
/// Children put; then the parent's record and history.
fn aggregate_one(
    tx: &mut dyn Tx,
    parent: &[u8],
    children: &mut dyn Iterator<Item = u64>,
    child_key: fn(u64, &mut Vec<u8>),
    doc: &[u8],
    time: i64,
    b: &mut Bufs,
) -> Result<u64, StoreError> {
    if tx.get_into(Table::Serials, parent, &mut b.val)? {
        return Err(StoreError("parent already exists".into()));
    }
    let mut n = 0;
    for c in children {
        child_key(c, &mut b.key);
        if !tx.get_into(Table::Serials, &b.key, &mut b.val)? {
            return Err(StoreError(format!("child {c} unknown")));
        }
        b.rec.decode(&b.val);
        if b.rec.state != COMMISSIONED || !b.rec.parent.is_empty() {
            return Err(StoreError(format!("child {c} not aggregatable")));
        }
        b.rec.parent.clear();
        b.rec.parent.extend_from_slice(parent);
        let seq = b.rec.history;
        b.rec.history += 1;
        b.rec.time = time;
        b.rec.encode(&mut b.enc);
        tx.put(Table::Serials, &b.key, &b.enc)?;
        history(&b.key, seq, doc, time, 2, &mut b.hkey, &mut b.hval);
        tx.put(Table::History, &b.hkey, &b.hval)?;
        b.key2.clear();
        b.key2.extend_from_slice(parent);
        b.key2.push(0);
        b.key2.extend_from_slice(&b.key);
        tx.put(Table::Children, &b.key2, b"")?;
        n += 1;
    }
    let r = &mut b.rec;
    r.state = COMMISSIONED;
    r.flags = 0;
    r.pre_ship = 0;
    r.history = 1;
    r.time = time;
    r.children = n as u32;
    r.parent.clear();
    r.location.clear();
    r.location.extend_from_slice(LOCATION);
    r.encode(&mut b.enc);
    tx.put(Table::Serials, parent, &b.enc)?;
    history(parent, 0, doc, time, 2, &mut b.hkey, &mut b.hval);
    tx.put(Table::History, &b.hkey, &b.hval)?;
    Ok(n)
}

/// Ships `root` and everything under it: walks Children, updates every
/// serial's state and appends to its history. Returns the serials shipped.
fn ship_one(tx: &mut dyn Tx, root: &[u8], doc: &[u8], time: i64, b: &mut Bufs) -> Result<u64, StoreError> {
    let mut stack: Vec<Vec<u8>> = vec![root.to_vec()];
    let mut n = 0;
    while let Some(key) = stack.pop() {
        if !tx.get_into(Table::Serials, &key, &mut b.val)? {
            return Err(StoreError("shipped serial unknown".into()));
        }
        b.rec.decode(&b.val);
        b.rec.pre_ship = b.rec.state;
        b.rec.state = SHIPPED;
        let seq = b.rec.history;
        b.rec.history += 1;
        b.rec.time = time;
        b.rec.encode(&mut b.enc);
        tx.put(Table::Serials, &key, &b.enc)?;
        history(&key, seq, doc, time, 3, &mut b.hkey, &mut b.hval);
        tx.put(Table::History, &b.hkey, &b.hval)?;
        n += 1;
        if b.rec.children > 0 {
            b.key2.clear();
            b.key2.extend_from_slice(&key);
            b.key2.push(0);
            let plen = b.key2.len();
            tx.scan(Table::Children, &b.key2, &mut |k, _| {
                stack.push(k[plen..].to_vec());
                true
            })?;
        }
    }
    Ok(n)
}

fn write_msg(store: &dyn Store, f: &mut dyn FnMut(&mut dyn Tx) -> Result<(), StoreError>) -> Result<(), StoreError> {
    let committed = store.write(&mut |tx| {
        f(tx)?;
        Ok(true)
    })?;
    assert!(committed);
    Ok(())
}

pub struct Plan {
    pub serials: u64,
    /// Apply each message's serials in key order.
    pub sorted: bool,
    pub batch: u64,
    pub lookups: u64,
}

impl Plan {
    pub fn cases(&self) -> u64 {
        self.serials / PACK
    }
    pub fn pallets(&self) -> u64 {
        self.cases().div_ceil(PACK)
    }
}

/// Phase 1: commission every item, `batch` per message.
pub fn phase_commission(store: &dyn Store, plan: &Plan, rep: &mut measure::Reporter) -> Result<(), StoreError> {
    let mut b = Bufs::default();
    let mut ph = rep.start("commission");
    let msgs = plan.serials.div_ceil(plan.batch);
    for m in 0..msgs {
        let from = m * plan.batch;
        let to = (from + plan.batch).min(plan.serials);
        write_msg(store, &mut |tx| commission(tx, m, from, to, plan.sorted, &mut b, &mut || ()))?;
        ph.progress(to, m + 1 == msgs);
    }
    rep.finish(ph, plan.serials, "transitions");
    Ok(())
}

/// Phase 2: cases over items (1 000 cases a message), then pallets over
/// cases (1 000 pallets a message).
pub fn phase_aggregate(store: &dyn Store, plan: &Plan, rep: &mut measure::Reporter) -> Result<(), StoreError> {
    let mut b = Bufs::default();
    let mut parent = Vec::new();
    let mut ph = rep.start("aggregate");
    let mut n = 0;
    let cases = plan.cases();
    let per_msg = 1000;
    let mut m = 1_000_000;
    for c0 in (0..cases).step_by(per_msg as usize) {
        let c1 = (c0 + per_msg).min(cases);
        let time = 1_700_100_000_000 + m as i64;
        let doc = doc_id(m);
        write_msg(store, &mut |tx| {
            for c in c0..c1 {
                case_key(c, &mut parent);
                n += aggregate_one(tx, &parent, &mut (c * PACK..(c + 1) * PACK), item_key, &doc, time, &mut b)?;
            }
            put_document(tx, &doc, time, &mut b)
        })?;
        m += 1;
        ph.progress(n, false);
    }
    let pallets = plan.pallets();
    for p0 in (0..pallets).step_by(per_msg as usize) {
        let p1 = (p0 + per_msg).min(pallets);
        let time = 1_700_100_000_000 + m as i64;
        let doc = doc_id(m);
        write_msg(store, &mut |tx| {
            for p in p0..p1 {
                pallet_key(p, &mut parent);
                n += aggregate_one(tx, &parent, &mut (p * PACK..((p + 1) * PACK).min(cases)), case_key, &doc, time, &mut b)?;
            }
            put_document(tx, &doc, time, &mut b)
        })?;
        m += 1;
        ph.progress(n, false);
    }
    ph.progress(n, true);
    rep.finish(ph, n, "children aggregated");
    Ok(())
}

/// Phase 3: ship every pallet, one message each.
pub fn phase_ship(store: &dyn Store, plan: &Plan, rep: &mut measure::Reporter) -> Result<(), StoreError> {
    let mut b = Bufs::default();
    let mut root = Vec::new();
    let mut ph = rep.start("ship");
    let mut n = 0;
    let pallets = plan.pallets();
    for p in 0..pallets {
        let m = 2_000_000 + p;
        let time = 1_700_200_000_000 + m as i64;
        let doc = doc_id(m);
        pallet_key(p, &mut root);
        write_msg(store, &mut |tx| {
            n += ship_one(tx, &root, &doc, time, &mut b)?;
            put_document(tx, &doc, time, &mut b)
        })?;
        ph.progress(n, p + 1 == pallets);
    }
    rep.finish(ph, n, "serials shipped");
    Ok(())
}

/// Phase 4: random gets of existing items, 1 000 per read snapshot.
pub fn phase_lookup(store: &dyn Store, plan: &Plan, rep: &mut measure::Reporter) -> Result<(), StoreError> {
    let mut key = Vec::new();
    let mut val = Vec::new();
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut ph = rep.start("lookup");
    let mut done = 0;
    let t = Instant::now();
    while done < plan.lookups {
        let k = (plan.lookups - done).min(1000);
        store.read(&mut |s| {
            for _ in 0..k {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                item_key(rng % plan.serials, &mut key);
                if !s.get_into(Table::Serials, &key, &mut val)? {
                    return Err(StoreError("lookup missed".into()));
                }
            }
            Ok(())
        })?;
        done += k;
        if t.elapsed().as_secs() > 0 {
            ph.progress(done, done == plan.lookups);
        }
    }
    rep.finish(ph, done, "lookups");
    Ok(())
}
