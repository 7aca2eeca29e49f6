//! Applying messages: the receiver's state machine over serial numbers,
//! their aggregation hierarchy and history, all or nothing per message.
//!
//! # Transitions
//!
//! | operation | allowed from | to | refused with |
//! |---|---|---|---|
//! | commission | never seen, decommissioned (recommissioning), encoded / registered / reserved / unreserved | commissioned | BADSTATETRANSITION (active, shipped, destroyed: a destroyed serial never comes back) |
//! | decommission | commissioned, received, sampled | decommissioned | SNNOTFOUND (unknown), NEVERCOMMISSIONED (known, never commissioned), NOTCOMMISSIONED (decommissioned, destroyed, shipped) |
//! | destroy | commissioned, received, sampled, decommissioned | destroyed (terminal) | as decommission |
//! | aggregate (parent ← children) | parent and children commissioned or received, in the same state; not before the parent's last event | children get the parent | NOTCOMMISSIONED / NEVERCOMMISSIONED / SNNOTFOUND (parent or child), EVENTTIMEBEFORELASTEVENT (parent too), CANNOTBEAGGREGATED (a child in another container, or the parent inside the child), BADAGGREGATESTATE (states differ) |
//! | disaggregate | children of that parent (none listed: all), parent and children commissioned or received; not before the parent's last event | no parent | as aggregate; CANNOTBEAGGREGATED (in another container), VALIDATION (not aggregated) |
//! | ship (sale, transfer, return) | commissioned, received — with the whole subtree of each container | shipped, the state before kept | as decommission; CANNOTBEAGGREGATED (a child shipped without its container) |
//! | receive | never seen (commissioned elsewhere), shipped — with subtrees | received, at the location | BADSTATETRANSITION |
//! | sample | commissioned, received (taken out of its container) | sampled | as decommission |
//! | void shipment | shipped as a sale — with subtrees | the state before the shipment | INVALID_SERIAL_NUMBER_STATUS |
//! | status update: encoded, registered, reserved, unreserved | never seen, or one of these | that status | BADSTATETRANSITION |
//! | status update: commissioned / decommissioned / destroyed | as commission / decommission / destroy | | |
//!
//! Every operation also checks: its event time is not in the future
//! (EVENTTIMEAFTERNOW) nor before a serial's last event
//! (EVENTTIMEBEFORELASTEVENT); a serial is listed once (SOMDUPLICATESNS);
//! the serials of one operation are at one location (CROSSLOCATIONS); a
//! location given must be where the serial was commissioned
//! (NOTCOMMISSIONEDLOCATION) or, once it has moved, where it is
//! (NOTVALIDLOCATION); decommission, destroy and sample of a serial inside
//! a container disaggregate it when the message says so
//! (`DisaggregateFromParent`, `tl:disaggregateFromParent`; always for
//! samples) and are refused otherwise (CANNOTBEAGGREGATED); after the
//! operation, no parent and child may be in different states
//! (BADAGGREGATESTATE).
//!
//! # All or nothing
//!
//! A message is applied in one write transaction: every operation is
//! checked against the state its predecessors in the message left, every
//! exception is collected, and the transaction commits only when there is
//! none. The document's identifier is recorded; a document applied before
//! is refused whole.

use super::record::{
    HistoryEntry, SerialRecord, SerialState, ShipmentKind, child_key_into, encode_history,
    history_key, history_key_into, prefix_of, site_location,
};
use super::store::{Snapshot, Store, StoreError, Table, Tx};
use crate::epcis::Position;
use crate::som::{Exception, ExceptionCode};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A serial as a message names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its key ([`serial_key`](super::record::serial_key)).
    pub key: String,
    /// As the message wrote it (for exception texts).
    pub shown: String,
    /// Where the message names it.
    pub pos: Position,
    /// Element path.
    pub path: String,
}

impl Item {
    /// An item with no position (built by hand, or by the API).
    pub fn new(key: impl Into<String>, shown: impl Into<String>) -> Self {
        Item {
            key: key.into(),
            shown: shown.into(),
            pos: Position::default(),
            path: String::new(),
        }
    }
}

/// What an operation does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpKind {
    /// Commission the items.
    Commission,
    /// Decommission them; disaggregate from their parents when `true`.
    Decommission {
        /// `DisaggregateFromParent`.
        disaggregate: bool,
    },
    /// Destroy them.
    Destroy {
        /// `DisaggregateFromParent`.
        disaggregate: bool,
    },
    /// Aggregate the items into `parent`.
    Aggregate {
        /// The container.
        parent: Item,
    },
    /// Take the items (none: all children) out of `parent`.
    Disaggregate {
        /// The container.
        parent: Item,
    },
    /// Ship the items and everything inside them.
    Ship(ShipmentKind),
    /// Receive them (and what is inside).
    Receive,
    /// Take them for sampling.
    Sample,
    /// Void their (sale) shipment.
    Void,
    /// Set a status (Update Serial Number Status).
    SetStatus(SerialState),
}

impl OpKind {
    /// The name in histories.
    pub fn name(&self) -> &'static str {
        match self {
            OpKind::Commission => "commission",
            OpKind::Decommission { .. } => "decommission",
            OpKind::Destroy { .. } => "destroy",
            OpKind::Aggregate { .. } => "aggregate",
            OpKind::Disaggregate { .. } => "disaggregate",
            OpKind::Ship(ShipmentKind::Sale) => "ship (sale)",
            OpKind::Ship(ShipmentKind::Transfer) => "ship (transfer)",
            OpKind::Ship(ShipmentKind::Return) => "ship (return)",
            OpKind::Receive => "receive",
            OpKind::Sample => "sample",
            OpKind::Void => "void shipment",
            OpKind::SetStatus(_) => "status update",
        }
    }
}

/// One operation of a message (an event, or a SOAP request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// What.
    pub kind: OpKind,
    /// On which serials.
    pub items: Vec<Item>,
    /// When, seconds since the epoch (`None`: now, as the receiver does
    /// for a SOAP request without EventDateTime).
    pub time: Option<i64>,
    /// Where (a location identifier), if the message says.
    pub location: Option<String>,
    /// Why (reason code), for the history.
    pub reason: Option<String>,
    /// Where the operation is in the message (an event's start).
    pub pos: Position,
    /// Its element path.
    pub path: String,
}

/// A message to apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The document's identifier (`sbdh:InstanceIdentifier`); `None`: not
    /// recorded (a SOAP request).
    pub document: Option<String>,
    /// Its operations, in order.
    pub operations: Vec<Operation>,
    /// Rejections found before the ledger (serials that are no serials).
    pub invalid: Vec<Rejection>,
}

/// An exception of a refused message, with where it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Code and message.
    pub exception: Exception,
    /// The serial it is about, as the message wrote it.
    pub serial: Option<String>,
    /// Where.
    pub pos: Position,
    /// Element path.
    pub path: String,
    /// What epcstream adds (why a serial is no serial).
    pub detail: Option<String>,
}

/// What applying a message did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Whether it was applied (committed); `false`: nothing of it was.
    pub applied: bool,
    /// Why not: every exception found.
    pub rejections: Vec<Rejection>,
    /// Serial transitions it made (or would have made).
    pub transitions: u64,
}

/// The serial-number ledger over a [`Store`].
pub struct Ledger {
    store: Box<dyn Store>,
    now: Option<i64>,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("engine", &self.store.engine())
            .finish()
    }
}

/// What `status` reports of a serial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The serial's key.
    pub key: String,
    /// Its record.
    pub record: SerialRecord,
    /// Its last history entry.
    pub last: Option<HistoryEntry>,
}

impl Ledger {
    /// A ledger over `store`.
    pub fn new(store: Box<dyn Store>) -> Self {
        Ledger { store, now: None }
    }

    /// Fixes "now" (seconds since the epoch) for the future-time check
    /// (tests, replays); default the system clock.
    pub fn with_now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    /// The store's engine name.
    pub fn engine(&self) -> &'static str {
        self.store.engine()
    }

    /// Applies a message, all or nothing (see the module docs).
    pub fn apply(&self, message: &Message) -> Result<Applied, StoreError> {
        self.run(message, true)
    }

    /// Checks a message against the ledger without applying it (a dry
    /// run): the rejections it would get; `applied` says whether it would
    /// have been.
    pub fn check(&self, message: &Message) -> Result<Applied, StoreError> {
        self.run(message, false)
    }

    fn run(&self, message: &Message, commit: bool) -> Result<Applied, StoreError> {
        self.stream(commit, &mut |a| {
            if let Some(doc) = &message.document {
                a.document(doc)?;
            }
            for r in &message.invalid {
                a.reject(r.clone());
            }
            for op in &message.operations {
                a.operation(op)?;
            }
            Ok(())
        })
    }

    /// Applies a message fed operation by operation (a document as it
    /// streams by: memory holds one operation at a time, and the store the
    /// transaction's writes), all or nothing: `feed` gets an [`Applier`],
    /// names the document, hands it operations and rejections found on the
    /// way (an invalid EPC), or [`Applier::abort`]s (an unreadable input).
    /// The transaction commits when `feed` returns with no rejection and no
    /// abort.
    pub fn apply_stream(
        &self,
        feed: &mut dyn FnMut(&mut Applier<'_>) -> Result<(), StoreError>,
    ) -> Result<Applied, StoreError> {
        self.stream(true, feed)
    }

    /// [`Ledger::apply_stream`] without committing (a dry run); `applied`
    /// says whether the message would have been applied.
    pub fn check_stream(
        &self,
        feed: &mut dyn FnMut(&mut Applier<'_>) -> Result<(), StoreError>,
    ) -> Result<Applied, StoreError> {
        self.stream(false, feed)
    }

    fn stream(
        &self,
        commit: bool,
        feed: &mut dyn FnMut(&mut Applier<'_>) -> Result<(), StoreError>,
    ) -> Result<Applied, StoreError> {
        let now = self.now.unwrap_or_else(crate::som::time::now_seconds);
        let mut result = Applied::default();
        let committed = self.store.write(&mut |tx| {
            let mut a = Applier {
                work: Work {
                    tx,
                    buf: Vec::new(),
                    key_buf: Vec::new(),
                    val_buf: Vec::new(),
                    now,
                    rejections: Vec::new(),
                    tag: None,
                    tags: Vec::new(),
                    transitions: 0,
                    document: String::new(),
                },
                document: None,
                aborted: false,
            };
            feed(&mut a)?;
            if let Some(doc) = &a.document {
                let when = crate::som::time::format_seconds(now);
                a.work
                    .tx
                    .put(Table::Documents, doc.as_bytes(), when.as_bytes())?;
            }
            result.transitions = a.work.transitions;
            result.rejections = std::mem::take(&mut a.work.rejections);
            let ok = result.rejections.is_empty() && !a.aborted;
            result.applied = ok;
            Ok(ok && commit)
        })?;
        if commit {
            result.applied = committed;
        }
        Ok(result)
    }

    /// A serial's record and last event.
    pub fn status(&self, key: &str) -> Result<Option<Status>, StoreError> {
        let mut out = None;
        self.store.read(&mut |snap| {
            let mut b = Vec::new();
            if !snap.get_into(Table::Serials, key.as_bytes(), &mut b)? {
                return Ok(());
            }
            let record = SerialRecord::decode(&b)
                .ok_or_else(|| StoreError(format!("serial {key}: unreadable record")))?;
            let last = match record.history {
                0 => None,
                n => {
                    let found = snap.get_into(Table::History, &history_key(key, n - 1), &mut b)?;
                    if found {
                        HistoryEntry::decode(&b)
                    } else {
                        None
                    }
                }
            };
            out = Some(Status {
                key: key.to_owned(),
                record,
                last,
            });
            Ok(())
        })?;
        Ok(out)
    }

    /// A serial's history, oldest first.
    pub fn history(&self, key: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut out = Vec::new();
        self.store.read(&mut |snap| {
            let mut bad = false;
            snap.scan(Table::History, &prefix_of(key), &mut |_, v| {
                match HistoryEntry::decode(v) {
                    Some(h) => out.push(h),
                    None => bad = true,
                }
                true
            })?;
            if bad {
                return Err(StoreError(format!("serial {key}: unreadable history")));
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The keys of a container's children.
    pub fn children(&self, key: &str) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        self.store.read(&mut |snap| {
            out = children_of(snap, key)?;
            Ok(())
        })?;
        Ok(out)
    }
}

fn children_of(snap: &dyn Snapshot, key: &str) -> Result<Vec<String>, StoreError> {
    let prefix = prefix_of(key);
    let mut out = Vec::new();
    snap.scan(Table::Children, &prefix, &mut |k, _| {
        out.push(String::from_utf8_lossy(&k[prefix.len()..]).into_owned());
        true
    })?;
    Ok(out)
}

/// A message being applied (see [`Ledger::apply_stream`]).
pub struct Applier<'t> {
    work: Work<'t>,
    document: Option<String>,
    aborted: bool,
}

impl Applier<'_> {
    /// Names the document (`sbdh:InstanceIdentifier`): recorded with the
    /// message; a document applied before is refused whole.
    pub fn document(&mut self, id: &str) -> Result<(), StoreError> {
        self.document_at(id, Position::default())
    }

    /// [`Applier::document`], with where the identifier is in the message.
    pub fn document_at(&mut self, id: &str, pos: Position) -> Result<(), StoreError> {
        let mut b = Vec::new();
        if self
            .work
            .tx
            .get_into(Table::Documents, id.as_bytes(), &mut b)?
        {
            let when = String::from_utf8_lossy(&b).into_owned();
            self.work.reject(
                Exception {
                    code: ExceptionCode::Validation,
                    message: format!(
                        "Document {id} was applied before ({when}); a document is applied once."
                    ),
                },
                None,
                pos,
                "EPCISDocument/EPCISHeader/sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier".to_owned(),
            );
        }
        self.work.document = id.to_owned();
        self.document = Some(id.to_owned());
        Ok(())
    }
    /// Applies one operation (checked against the state the earlier ones
    /// left).
    pub fn operation(&mut self, op: &Operation) -> Result<(), StoreError> {
        self.work.operation(op)
    }
    /// A rejection found outside the state machine (an invalid serial).
    pub fn reject(&mut self, r: Rejection) {
        self.work.rejections.push(r);
    }
    /// The message cannot be applied (unreadable): nothing is committed.
    pub fn abort(&mut self) {
        self.aborted = true;
    }
    /// Rejections so far.
    pub fn rejections(&self) -> &[Rejection] {
        &self.work.rejections
    }
}

/// The state of one message's application.
///
/// An operation visits its serials in key order (the store then reads and
/// writes them in order: an LSM memtable gets ordered inserts, a block
/// cache sees each block once per message) and reports their exceptions
/// in document order: while a phase visits serials out of order, each
/// rejection is tagged with its serial's index, and the phase's
/// rejections are put back in that order (stably) when it ends.
struct Work<'t> {
    tx: &'t mut dyn Tx,
    /// Record bytes (read and written).
    buf: Vec<u8>,
    /// History and Children keys.
    key_buf: Vec<u8>,
    /// History values.
    val_buf: Vec<u8>,
    now: i64,
    rejections: Vec<Rejection>,
    /// In a phase: the document-order index of the serial being visited.
    tag: Option<u32>,
    /// The tags of the phase's rejections, in the order they were made.
    tags: Vec<u32>,
    transitions: u64,
    document: String,
}

/// A serial being changed by an operation.
struct Change<'i> {
    item: &'i Item,
    /// Its index among the operation's serials (document order).
    idx: u32,
    /// Its state before, if known.
    before: Option<SerialState>,
    after: SerialRecord,
}

/// The indices of `items`, ordered by key, then index (the first listing
/// of a key first).
fn key_order(items: &[Item]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        items[a as usize]
            .key
            .cmp(&items[b as usize].key)
            .then(a.cmp(&b))
    });
    order
}

/// The keys of an operation's serials, searchable.
struct KeySet<'a> {
    items: &'a [Item],
    order: &'a [u32],
}

impl KeySet<'_> {
    fn contains(&self, key: &str) -> bool {
        self.order
            .binary_search_by(|&i| self.items[i as usize].key.as_str().cmp(key))
            .is_ok()
    }
}

/// The change of `key` among `changes` (sorted by key, each key once).
fn change_of(changes: &[Change<'_>], key: &str) -> Option<usize> {
    changes
        .binary_search_by(|c| c.item.key.as_str().cmp(key))
        .ok()
}

impl Work<'_> {
    fn reject(&mut self, exception: Exception, serial: Option<&Item>, pos: Position, path: String) {
        let (pos, path) = match serial {
            Some(i) if !i.path.is_empty() => (i.pos, i.path.clone()),
            Some(i) if i.pos != Position::default() => (i.pos, path),
            _ => (pos, path),
        };
        self.rejections.push(Rejection {
            exception,
            serial: serial.map(|i| i.shown.clone()),
            pos,
            path,
            detail: None,
        });
        if let Some(t) = self.tag {
            self.tags.push(t);
        }
    }

    /// Ends a phase that visited serials out of document order: its
    /// rejections (the last `tags.len()`) back in document order.
    fn end_phase(&mut self) {
        self.tag = None;
        if self.tags.is_sorted() {
            self.tags.clear();
            return;
        }
        let tail = self
            .rejections
            .split_off(self.rejections.len() - self.tags.len());
        let mut tagged: Vec<(u32, Rejection)> = self.tags.drain(..).zip(tail).collect();
        tagged.sort_by_key(|(t, _)| *t); // stable: a serial's own in order
        self.rejections.extend(tagged.into_iter().map(|(_, r)| r));
    }

    fn load(&mut self, key: &str) -> Result<Option<SerialRecord>, StoreError> {
        if !self
            .tx
            .get_into(Table::Serials, key.as_bytes(), &mut self.buf)?
        {
            return Ok(None);
        }
        SerialRecord::decode(&self.buf)
            .map(Some)
            .ok_or_else(|| StoreError(format!("serial {key}: unreadable record")))
    }

    fn save(&mut self, key: &str, r: &SerialRecord) -> Result<(), StoreError> {
        r.encode(&mut self.buf);
        self.tx.put(Table::Serials, key.as_bytes(), &self.buf)
    }

    /// The items of `op` and, for operations that move containers, every
    /// serial inside them (depth first, each once); for those, also each
    /// one's record (read to find whether it has children: a serial whose
    /// record counts none has no Children entries to scan).
    #[allow(clippy::type_complexity)]
    fn expand<'o>(
        &mut self,
        op: &'o Operation,
    ) -> Result<(Cow<'o, [Item]>, Vec<Option<SerialRecord>>), StoreError> {
        let subtree = matches!(op.kind, OpKind::Ship(_) | OpKind::Receive | OpKind::Void);
        if !subtree {
            return Ok((Cow::Borrowed(&op.items), Vec::new()));
        }
        let mut out = Vec::with_capacity(op.items.len());
        let mut records = Vec::with_capacity(op.items.len());
        let mut seen: HashSet<String> = HashSet::new();
        let mut stack: Vec<Item> = op.items.iter().rev().cloned().collect();
        while let Some(item) = stack.pop() {
            if !seen.insert(item.key.clone()) {
                continue;
            }
            let record = self.load(&item.key)?;
            if record.as_ref().is_some_and(|r| r.children > 0) {
                for child in children_of(&*self.tx, &item.key)?.into_iter().rev() {
                    stack.push(Item {
                        shown: child.clone(),
                        key: child,
                        pos: item.pos,
                        path: item.path.clone(),
                    });
                }
            }
            out.push(item);
            records.push(record);
        }
        Ok((Cow::Owned(out), records))
    }

    /// The keys from `key` up its containers (64 at most), read once per
    /// operation: whether a serial is `key` or above it.
    fn ancestors<'c>(
        &mut self,
        key: &str,
        cache: &'c mut Option<Vec<String>>,
    ) -> Result<&'c [String], StoreError> {
        if cache.is_none() {
            let mut chain = vec![key.to_owned()];
            while chain.len() < 64 {
                let last = &chain[chain.len() - 1];
                match self.load(last)?.and_then(|r| r.parent) {
                    Some(p) => chain.push(p),
                    None => break,
                }
            }
            *cache = Some(chain);
        }
        Ok(cache.as_deref().unwrap_or_default())
    }

    fn operation(&mut self, op: &Operation) -> Result<(), StoreError> {
        let time = op.time.unwrap_or(self.now);
        if time > self.now {
            self.reject(
                Exception::plain(ExceptionCode::EventTimeAfterNow),
                None,
                op.pos,
                op.path.clone(),
            );
        }
        // Serials listed more than once (equal keys are neighbours in key
        // order), reported in document order.
        let listed_order = key_order(&op.items);
        let mut dup = Vec::new();
        for w in listed_order.windows(2) {
            if op.items[w[0] as usize].key == op.items[w[1] as usize].key {
                if dup.is_empty() {
                    dup = vec![false; op.items.len()];
                }
                dup[w[0] as usize] = true;
                dup[w[1] as usize] = true;
            }
        }
        if !dup.is_empty() {
            let mut dups: Vec<&str> = op
                .items
                .iter()
                .zip(&dup)
                .filter(|(_, d)| **d)
                .map(|(i, _)| i.shown.as_str())
                .collect();
            dups.dedup();
            let mut seen_dup = HashSet::new();
            dups.retain(|d| seen_dup.insert(*d));
            self.reject(
                Exception::duplicate_serials(dups),
                None,
                op.pos,
                op.path.clone(),
            );
        }
        let (items, mut records) = self.expand(op)?;
        let location = op.location.as_deref().map(site_location);
        let mut places: Vec<String> = Vec::new();
        let mut parent_rec: Option<SerialRecord> = None;
        if let OpKind::Aggregate { parent } | OpKind::Disaggregate { parent } = &op.kind {
            parent_rec = self.load(&parent.key)?;
            match &parent_rec {
                None => self.reject(
                    Exception::serial(ExceptionCode::SnNotFound, &parent.shown),
                    Some(parent),
                    op.pos,
                    op.path.clone(),
                ),
                // Packing and unpacking happen at the holder: a container
                // shipped, sampled or ended is neither packed nor unpacked.
                Some(p) if !can_aggregate(p.state) => {
                    let e = not_active(p, &parent.shown);
                    self.reject(e, Some(parent), op.pos, op.path.clone());
                }
                Some(p) => {
                    if p.last_event > time {
                        self.reject(
                            Exception::serial(
                                ExceptionCode::EventTimeBeforeLastEvent,
                                &parent.shown,
                            ),
                            Some(parent),
                            op.pos,
                            op.path.clone(),
                        );
                    }
                    note_place(&mut places, p)
                }
            }
        }
        // Disaggregate with no child listed: all of them.
        let items = match &op.kind {
            OpKind::Disaggregate { parent } if items.is_empty() => {
                let kids = children_of(&*self.tx, &parent.key)?;
                Cow::Owned(
                    kids.into_iter()
                        .map(|k| Item {
                            shown: k.clone(),
                            key: k,
                            pos: parent.pos,
                            path: parent.path.clone(),
                        })
                        .collect(),
                )
            }
            _ => items,
        };
        let order = match &items {
            Cow::Borrowed(_) => listed_order,
            Cow::Owned(v) => key_order(v),
        };
        let in_op = KeySet {
            items: &items,
            order: &order,
        };
        let mut ancestors = None;
        let mut changes: Vec<Change<'_>> = Vec::with_capacity(items.len());
        let mut last: Option<&str> = None;
        for &i in &order {
            let item = &items[i as usize];
            if last == Some(item.key.as_str()) {
                continue; // listed before
            }
            last = Some(&item.key);
            self.tag = Some(i);
            let before = match records.get_mut(i as usize) {
                Some(r) => r.take(),
                None => self.load(&item.key)?,
            };
            if let Some(b) = &before {
                if b.last_event > time {
                    self.reject(
                        Exception::serial(ExceptionCode::EventTimeBeforeLastEvent, &item.shown),
                        Some(item),
                        op.pos,
                        op.path.clone(),
                    );
                }
                note_place(&mut places, b);
                self.check_location(b, location.as_deref(), op, item);
            }
            if let Some(state) = self.transition(
                op,
                item,
                before.as_ref(),
                parent_rec.as_ref(),
                &in_op,
                &mut ancestors,
            )? {
                let before_state = before.as_ref().map(|b| b.state);
                let mut after = before.unwrap_or_else(|| SerialRecord::new(state));
                after.state = state;
                changes.push(Change {
                    item,
                    idx: i,
                    before: before_state,
                    after,
                });
            }
        }
        self.end_phase();
        if places.len() > 1 {
            self.reject(
                Exception::plain(ExceptionCode::CrossLocations),
                None,
                op.pos,
                op.path.clone(),
            );
        }
        self.commit_changes(op, time, location, changes)
    }

    fn check_location(&mut self, r: &SerialRecord, at: Option<&str>, op: &Operation, item: &Item) {
        let Some(at) = at else {
            return;
        };
        let ends_life = matches!(
            op.kind,
            OpKind::SetStatus(SerialState::Decommissioned | SerialState::Destroyed)
        );
        if !ends_life
            && matches!(
                op.kind,
                OpKind::Receive | OpKind::Commission | OpKind::SetStatus(_)
            )
        {
            return;
        }
        let shown_at = op.location.as_deref().unwrap_or(at);
        match (&r.location, &r.commissioned_at) {
            (Some(l), _) if l != at => self.reject(
                Exception::not_valid_location(shown_at, &item.shown),
                Some(item),
                op.pos,
                op.path.clone(),
            ),
            (None, Some(c)) if c != at => self.reject(
                Exception::serial(ExceptionCode::NotCommissionedLocation, &item.shown),
                Some(item),
                op.pos,
                op.path.clone(),
            ),
            _ => {}
        }
    }

    /// The state after `op`, or the exceptions why not (recorded; `None`
    /// when there is nothing to change).
    fn transition(
        &mut self,
        op: &Operation,
        item: &Item,
        before: Option<&SerialRecord>,
        parent: Option<&SerialRecord>,
        in_op: &KeySet<'_>,
        ancestors: &mut Option<Vec<String>>,
    ) -> Result<Option<SerialState>, StoreError> {
        use SerialState as S;
        let rej = |w: &mut Self, e: Exception| {
            w.reject(e, Some(item), op.pos, op.path.clone());
            Ok(None)
        };
        let bad_state = |w: &mut Self, r: &SerialRecord| {
            let e = Exception::state(
                ExceptionCode::BadStateTransition,
                &item.shown,
                r.state.as_str(),
            );
            rej(w, e)
        };
        let state = match &op.kind {
            OpKind::Commission | OpKind::SetStatus(S::Commissioned) => {
                if let Some(b) = before {
                    if !(b.state == S::Decommissioned || b.state.is_pre_commission()) {
                        return bad_state(self, b);
                    }
                }
                S::Commissioned
            }
            OpKind::Decommission { .. } | OpKind::SetStatus(S::Decommissioned) | OpKind::Sample => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if !b.state.is_active()
                    || (b.state == S::Sampled && matches!(op.kind, OpKind::Sample))
                {
                    return rej(self, not_active(b, &item.shown));
                }
                if matches!(op.kind, OpKind::Sample) {
                    S::Sampled
                } else {
                    S::Decommissioned
                }
            }
            OpKind::Destroy { .. } | OpKind::SetStatus(S::Destroyed) => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if !(b.state.is_active() || b.state == S::Decommissioned) {
                    return rej(self, not_active(b, &item.shown));
                }
                S::Destroyed
            }
            OpKind::SetStatus(s) => {
                if let Some(b) = before {
                    if !b.state.is_pre_commission() {
                        return bad_state(self, b);
                    }
                }
                *s
            }
            OpKind::Aggregate { parent: p_item } => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if !can_aggregate(b.state) {
                    return rej(self, not_active(b, &item.shown));
                }
                if item.key == p_item.key {
                    return rej(self, Exception::parameter("childEPCs"));
                }
                if let Some(other) = &b.parent {
                    if *other != p_item.key {
                        let e = Exception::aggregate(
                            ExceptionCode::CannotBeAggregated,
                            &item.shown,
                            other,
                        );
                        return rej(self, e);
                    }
                    return Ok(None); // already there
                }
                if self.ancestors(&p_item.key, ancestors)?.contains(&item.key) {
                    let e = Exception::aggregate(
                        ExceptionCode::CannotBeAggregated,
                        &p_item.shown,
                        &item.shown,
                    );
                    return rej(self, e);
                }
                if let Some(p) = parent {
                    if p.state != b.state {
                        let e = Exception::aggregate(
                            ExceptionCode::BadAggregateState,
                            &item.shown,
                            &p_item.shown,
                        );
                        return rej(self, e);
                    }
                }
                b.state
            }
            OpKind::Disaggregate { parent: p_item } => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if !can_aggregate(b.state) {
                    return rej(self, not_active(b, &item.shown));
                }
                match &b.parent {
                    Some(p) if *p == p_item.key => b.state,
                    Some(other) => {
                        let e = Exception::aggregate(
                            ExceptionCode::CannotBeAggregated,
                            &item.shown,
                            other,
                        );
                        return rej(self, e);
                    }
                    None => return rej(self, Exception::parameter("childEPCs")),
                }
            }
            OpKind::Ship(_) => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if !matches!(b.state, S::Commissioned | S::Received) {
                    return rej(self, not_active(b, &item.shown));
                }
                if let Some(p) = &b.parent {
                    if !in_op.contains(p) {
                        let e =
                            Exception::aggregate(ExceptionCode::CannotBeAggregated, &item.shown, p);
                        return rej(self, e);
                    }
                }
                S::Shipped
            }
            OpKind::Receive => {
                if let Some(b) = before {
                    if b.state != S::Shipped {
                        return bad_state(self, b);
                    }
                }
                S::Received
            }
            OpKind::Void => {
                let Some(b) = before else {
                    return rej(
                        self,
                        Exception::serial(ExceptionCode::SnNotFound, &item.shown),
                    );
                };
                if b.state != S::Shipped || b.shipment != Some(ShipmentKind::Sale) {
                    let shown = match (b.state, b.shipment) {
                        (S::Shipped, Some(ShipmentKind::Transfer)) => "shipped as a transfer",
                        (S::Shipped, Some(ShipmentKind::Return)) => "shipped as a return",
                        (s, _) => s.as_str(),
                    };
                    let e = Exception::state(
                        ExceptionCode::InvalidSerialNumberStatus,
                        &item.shown,
                        shown,
                    );
                    return rej(self, e);
                }
                b.before_shipment.unwrap_or(S::Commissioned)
            }
        };
        Ok(Some(state))
    }

    /// Writes the changes of `op` (sorted by key, each key once): records,
    /// Children edges, child counts, history; and the checks on the
    /// hierarchy they leave.
    fn commit_changes(
        &mut self,
        op: &Operation,
        time: i64,
        location: Option<String>,
        mut changes: Vec<Change<'_>>,
    ) -> Result<(), StoreError> {
        // Parents of changed serials whose child count changes.
        let mut parent_delta: HashMap<String, i64> = HashMap::new();
        // The operation's own container (aggregate, disaggregate).
        let mut op_parent_delta: i64 = 0;
        // Out of its container: decommission/destroy with
        // DisaggregateFromParent, every sample; a recommissioned serial.
        let leaves_parent = match &op.kind {
            OpKind::Decommission { disaggregate } | OpKind::Destroy { disaggregate } => {
                *disaggregate
            }
            OpKind::Sample => true,
            _ => false,
        };
        let ends_life = matches!(
            op.kind,
            OpKind::Decommission { .. }
                | OpKind::Destroy { .. }
                | OpKind::SetStatus(SerialState::Decommissioned | SerialState::Destroyed)
        );
        let changed_alone = matches!(
            op.kind,
            OpKind::Receive | OpKind::Void | OpKind::Commission | OpKind::SetStatus(_)
        );
        for n in 0..changes.len() {
            let item = changes[n].item;
            self.tag = Some(changes[n].idx);
            let before = changes[n].before;
            let r = &mut changes[n].after;
            r.last_event = time;
            match &op.kind {
                OpKind::Commission | OpKind::SetStatus(SerialState::Commissioned) => {
                    r.commissioned_once = true;
                    r.commissioned_at.clone_from(&location);
                    r.location = None;
                    r.shipment = None;
                    r.before_shipment = None;
                }
                OpKind::Aggregate { parent } => {
                    r.parent = Some(parent.key.clone());
                    op_parent_delta += 1;
                    child_key_into(&mut self.key_buf, &parent.key, &item.key);
                    self.tx.put(Table::Children, &self.key_buf, b"")?;
                }
                OpKind::Disaggregate { parent } => {
                    r.parent = None;
                    op_parent_delta -= 1;
                    child_key_into(&mut self.key_buf, &parent.key, &item.key);
                    self.tx.delete(Table::Children, &self.key_buf)?;
                }
                OpKind::Ship(kind) => {
                    r.before_shipment = before;
                    r.shipment = Some(*kind);
                }
                OpKind::Receive => {
                    r.commissioned_once = true;
                    r.location.clone_from(&location);
                    r.shipment = None;
                }
                OpKind::Void => {
                    r.shipment = None;
                    r.before_shipment = None;
                }
                _ => {}
            }
            if !(leaves_parent || ends_life || changed_alone) {
                continue;
            }
            let Some(p) = r.parent.clone() else {
                continue;
            };
            if change_of(&changes, &p).is_some() {
                continue; // its container changes with it
            }
            if leaves_parent {
                changes[n].after.parent = None;
                *parent_delta.entry(p.clone()).or_default() -= 1;
                child_key_into(&mut self.key_buf, &p, &item.key);
                self.tx.delete(Table::Children, &self.key_buf)?;
            } else if ends_life {
                let e = Exception::aggregate(ExceptionCode::CannotBeAggregated, &item.shown, &p);
                self.reject(e, Some(item), op.pos, op.path.clone());
            } else {
                // Changed without its container: the container keeps
                // its state, which must be the child's new one.
                let parent_state = self.load(&p)?.map(|r| r.state);
                if parent_state != Some(changes[n].after.state) {
                    let e = Exception::aggregate(ExceptionCode::BadAggregateState, &item.shown, &p);
                    self.reject(e, Some(item), op.pos, op.path.clone());
                }
            }
        }
        self.end_phase();
        if let OpKind::Aggregate { parent } | OpKind::Disaggregate { parent } = &op.kind {
            if op_parent_delta != 0 {
                *parent_delta.entry(parent.key.clone()).or_default() += op_parent_delta;
            }
        }
        // Containers changed without their children: parent and child
        // would differ.
        if !matches!(
            op.kind,
            OpKind::Aggregate { .. } | OpKind::Disaggregate { .. }
        ) {
            for n in 0..changes.len() {
                let c = &changes[n];
                if c.after.children == 0 {
                    continue;
                }
                let (item, state) = (c.item, c.after.state);
                self.tag = Some(c.idx);
                for child in children_of(&*self.tx, &item.key)? {
                    let child_state = match change_of(&changes, &child) {
                        Some(k) => Some(changes[k].after.state),
                        None => self.load(&child)?.map(|r| r.state),
                    };
                    if child_state != Some(state) {
                        let e = Exception::aggregate(
                            ExceptionCode::BadAggregateState,
                            &child,
                            &item.shown,
                        );
                        self.reject(e, Some(item), op.pos, op.path.clone());
                    }
                }
            }
            self.end_phase();
        }
        for (parent, delta) in parent_delta {
            match change_of(&changes, &parent) {
                Some(k) => {
                    let r = &mut changes[k].after;
                    r.children = (i64::from(r.children) + delta).max(0) as u32;
                }
                None => {
                    if let Some(mut r) = self.load(&parent)? {
                        r.children = (i64::from(r.children) + delta).max(0) as u32;
                        self.save(&parent, &r)?;
                    }
                }
            }
        }
        let operation = op.kind.name();
        let reason = match &op.kind {
            OpKind::Aggregate { parent } | OpKind::Disaggregate { parent } => {
                Some(parent.shown.as_str())
            }
            _ => op.reason.as_deref(),
        };
        for c in &mut changes {
            encode_history(
                &mut self.val_buf,
                &self.document,
                time,
                operation,
                c.after.state,
                location.as_deref(),
                reason,
            );
            history_key_into(&mut self.key_buf, &c.item.key, c.after.history);
            self.tx.put(Table::History, &self.key_buf, &self.val_buf)?;
            c.after.history += 1;
            self.save(&c.item.key, &c.after)?;
            self.transitions += 1;
        }
        Ok(())
    }
}

/// Whether a serial in `state` may be aggregated (or aggregated into):
/// commissioned or received (not sampled).
fn can_aggregate(state: SerialState) -> bool {
    matches!(state, SerialState::Commissioned | SerialState::Received)
}

/// Notes where a serial is, for CROSSLOCATIONS (each place once).
fn note_place(places: &mut Vec<String>, r: &SerialRecord) {
    if let Some(p) = r.location.as_ref().or(r.commissioned_at.as_ref()) {
        if !places.contains(p) {
            places.push(p.clone());
        }
    }
}

/// The exception for a serial that is not in circulation.
fn not_active(r: &SerialRecord, shown: &str) -> Exception {
    if r.state.is_pre_commission() && !r.commissioned_once {
        Exception::serial(ExceptionCode::NeverCommissioned, shown)
    } else {
        Exception::serial(ExceptionCode::NotCommissioned, shown)
    }
}
