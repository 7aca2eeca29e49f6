//! The state machine, operation by operation, on the in-memory store.

use super::*;
use crate::epcis::Position;
use crate::som::ExceptionCode as C;

const T0: i64 = 1_700_000_000;
const SITE: &str = "urn:epc:id:sgln:0614141.00001.0";
const OTHER_SITE: &str = "urn:epc:id:sgln:0614141.00002.0";

fn item(n: u64) -> Item {
    let uri = format!("urn:epc:id:sgtin:0614141.812345.{n}");
    Item::new(serial_key(&uri).unwrap(), uri)
}

fn case(n: u64) -> Item {
    let uri = format!("urn:epc:id:sscc:0614141.{n:010}");
    Item::new(serial_key(&uri).unwrap(), uri)
}

fn op(kind: OpKind, items: Vec<Item>, t: i64) -> Operation {
    Operation {
        kind,
        items,
        time: Some(t),
        location: Some(SITE.to_owned()),
        reason: None,
        pos: Position::default(),
        path: String::new(),
    }
}

fn ledger() -> Ledger {
    Ledger::new(Box::new(MemStore::new())).with_now(T0 + 1_000_000)
}

fn apply(l: &Ledger, ops: Vec<Operation>) -> Applied {
    l.apply(&Message {
        document: None,
        operations: ops,
        invalid: Vec::new(),
    })
    .unwrap()
}

fn codes(a: &Applied) -> Vec<C> {
    a.rejections.iter().map(|r| r.exception.code).collect()
}

fn state(l: &Ledger, i: &Item) -> Option<SerialState> {
    l.status(&i.key).unwrap().map(|s| s.record.state)
}

#[test]
fn commission_aggregate_ship_receive() {
    let l = ledger();
    let items: Vec<Item> = (1..=4).map(item).collect();
    let (c1, pallet) = (case(1), case(99));
    let mut all = items.clone();
    all.extend([c1.clone(), pallet.clone()]);
    assert!(apply(&l, vec![op(OpKind::Commission, all.clone(), T0)]).applied);
    let a = apply(
        &l,
        vec![
            op(
                OpKind::Aggregate { parent: c1.clone() },
                items.clone(),
                T0 + 1,
            ),
            op(
                OpKind::Aggregate {
                    parent: pallet.clone(),
                },
                vec![c1.clone()],
                T0 + 2,
            ),
        ],
    );
    assert!(a.applied, "{:?}", a.rejections);
    assert_eq!(
        l.children(&pallet.key).unwrap(),
        std::slice::from_ref(&c1.key)
    );
    assert_eq!(l.status(&c1.key).unwrap().unwrap().record.children, 4);
    // Shipping the pallet ships its case and items.
    let a = apply(
        &l,
        vec![op(
            OpKind::Ship(ShipmentKind::Transfer),
            vec![pallet.clone()],
            T0 + 3,
        )],
    );
    assert!(a.applied, "{:?}", a.rejections);
    assert_eq!(a.transitions, 6);
    for i in &all {
        assert_eq!(state(&l, i), Some(SerialState::Shipped));
    }
    let mut recv = op(OpKind::Receive, vec![pallet.clone()], T0 + 4);
    recv.location = Some(OTHER_SITE.to_owned());
    assert!(apply(&l, vec![recv]).applied);
    assert_eq!(state(&l, &items[0]), Some(SerialState::Received));
    let h = l.history(&items[0].key).unwrap();
    let ops: Vec<&str> = h.iter().map(|e| e.operation.as_str()).collect();
    assert_eq!(
        ops,
        ["commission", "aggregate", "ship (transfer)", "receive"]
    );
    assert_eq!(h[1].reason.as_deref(), Some(c1.shown.as_str()));
}

#[test]
fn decommission_recommission_and_destroy_is_final() {
    let l = ledger();
    let i = item(1);
    assert!(apply(&l, vec![op(OpKind::Commission, vec![i.clone()], T0)]).applied);
    let a = apply(
        &l,
        vec![op(
            OpKind::Decommission {
                disaggregate: false,
            },
            vec![i.clone()],
            T0 + 1,
        )],
    );
    assert!(a.applied);
    assert_eq!(state(&l, &i), Some(SerialState::Decommissioned));
    // Decommissioned again: not commissioned.
    let a = apply(
        &l,
        vec![op(
            OpKind::Decommission {
                disaggregate: false,
            },
            vec![i.clone()],
            T0 + 2,
        )],
    );
    assert_eq!(codes(&a), [C::NotCommissioned]);
    assert!(apply(&l, vec![op(OpKind::Commission, vec![i.clone()], T0 + 3)]).applied);
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Destroy {
                    disaggregate: false
                },
                vec![i.clone()],
                T0 + 4
            )]
        )
        .applied
    );
    for kind in [
        OpKind::Commission,
        OpKind::Decommission { disaggregate: true },
        OpKind::Destroy { disaggregate: true },
        OpKind::Ship(ShipmentKind::Sale),
        OpKind::Sample,
        OpKind::Receive,
        OpKind::SetStatus(SerialState::Reserved),
    ] {
        let a = apply(&l, vec![op(kind.clone(), vec![i.clone()], T0 + 5)]);
        assert!(!a.applied, "{kind:?} revived a destroyed serial");
        assert_eq!(state(&l, &i), Some(SerialState::Destroyed));
    }
}

#[test]
fn unknown_never_and_not_commissioned() {
    let l = ledger();
    let (a, b) = (item(1), item(2));
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::SetStatus(SerialState::Encoded),
                vec![b.clone()],
                T0
            )]
        )
        .applied
    );
    let r = apply(
        &l,
        vec![op(
            OpKind::Decommission {
                disaggregate: false,
            },
            vec![a.clone(), b.clone()],
            T0 + 1,
        )],
    );
    assert!(!r.applied);
    assert_eq!(codes(&r), [C::SnNotFound, C::NeverCommissioned]);
    assert_eq!(
        r.rejections[0].exception.message,
        format!("Serial number {} does not exist.", a.shown)
    );
    assert_eq!(
        r.rejections[1].exception.message,
        format!("Serial number {} was never commissioned.", b.shown)
    );
}

#[test]
fn a_message_applies_whole_or_not_at_all_and_reports_every_exception() {
    let l = ledger();
    let good: Vec<Item> = (1..=3).map(item).collect();
    let r = apply(
        &l,
        vec![
            op(OpKind::Commission, good.clone(), T0),
            op(
                OpKind::Ship(ShipmentKind::Sale),
                vec![item(7), item(8)],
                T0 + 1,
            ),
        ],
    );
    assert!(!r.applied);
    assert_eq!(codes(&r), [C::SnNotFound, C::SnNotFound]);
    assert_eq!(
        state(&l, &good[0]),
        None,
        "the first operation was rolled back"
    );
}

#[test]
fn duplicates_times_and_locations() {
    let l = ledger();
    let (a, b) = (item(1), item(2));
    let r = apply(
        &l,
        vec![op(
            OpKind::Commission,
            vec![a.clone(), b.clone(), a.clone()],
            T0,
        )],
    );
    assert_eq!(codes(&r), [C::DuplicateSerials]);
    assert_eq!(
        r.rejections[0].exception.message,
        format!(
            "The following serial numbers were listed more than once: {}.",
            a.shown
        )
    );
    let r = apply(
        &l,
        vec![op(OpKind::Commission, vec![a.clone()], T0 + 10_000_000)],
    );
    assert_eq!(codes(&r), [C::EventTimeAfterNow]);
    assert!(apply(&l, vec![op(OpKind::Commission, vec![a.clone()], T0 + 5)]).applied);
    let r = apply(&l, vec![op(OpKind::Sample, vec![a.clone()], T0 + 1)]);
    assert_eq!(codes(&r), [C::EventTimeBeforeLastEvent]);
    let mut elsewhere = op(
        OpKind::Decommission {
            disaggregate: false,
        },
        vec![a.clone()],
        T0 + 6,
    );
    elsewhere.location = Some(OTHER_SITE.to_owned());
    assert_eq!(
        codes(&apply(&l, vec![elsewhere])),
        [C::NotCommissionedLocation]
    );
    let mut at_b = op(OpKind::Commission, vec![b.clone()], T0 + 5);
    at_b.location = Some(OTHER_SITE.to_owned());
    assert!(apply(&l, vec![at_b]).applied);
    let mut both = op(OpKind::Sample, vec![a.clone(), b.clone()], T0 + 7);
    both.location = None;
    assert_eq!(codes(&apply(&l, vec![both])), [C::CrossLocations]);
    // Moved: received elsewhere; the old site is no longer valid.
    let c = item(3);
    assert!(apply(&l, vec![op(OpKind::Commission, vec![c.clone()], T0)]).applied);
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Ship(ShipmentKind::Transfer),
                vec![c.clone()],
                T0 + 1
            )]
        )
        .applied
    );
    let mut recv = op(OpKind::Receive, vec![c.clone()], T0 + 2);
    recv.location = Some(OTHER_SITE.to_owned());
    assert!(apply(&l, vec![recv]).applied);
    let r = apply(
        &l,
        vec![op(
            OpKind::Destroy {
                disaggregate: false,
            },
            vec![c.clone()],
            T0 + 3,
        )],
    );
    assert_eq!(codes(&r), [C::NotValidLocation]);
    assert_eq!(
        r.rejections[0].exception.message,
        format!(
            "Location {SITE} was not valid for serial number {}.",
            c.shown
        )
    );
}

#[test]
fn aggregation_rules() {
    let l = ledger();
    let (i1, i2, c1, c2) = (item(1), item(2), case(1), case(2));
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Commission,
                vec![i1.clone(), i2.clone(), c1.clone(), c2.clone()],
                T0
            )]
        )
        .applied
    );
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Aggregate { parent: c1.clone() },
                vec![i1.clone()],
                T0 + 1
            )]
        )
        .applied
    );
    // In another container.
    let r = apply(
        &l,
        vec![op(
            OpKind::Aggregate { parent: c2.clone() },
            vec![i1.clone()],
            T0 + 2,
        )],
    );
    assert_eq!(codes(&r), [C::CannotBeAggregated]);
    assert_eq!(
        r.rejections[0].exception.message,
        format!(
            "Operation could not be performed because serial number {} is aggregated to container {}.",
            i1.shown, c1.key
        )
    );
    // Decommissioning a child without DisaggregateFromParent.
    let r = apply(
        &l,
        vec![op(
            OpKind::Decommission {
                disaggregate: false,
            },
            vec![i1.clone()],
            T0 + 2,
        )],
    );
    assert_eq!(codes(&r), [C::CannotBeAggregated]);
    // Decommissioning the container alone: parent and child would differ.
    let r = apply(
        &l,
        vec![op(
            OpKind::Decommission {
                disaggregate: false,
            },
            vec![c1.clone()],
            T0 + 2,
        )],
    );
    assert_eq!(codes(&r), [C::BadAggregateState]);
    // A sampled serial is out of circulation: it cannot be packed.
    assert!(apply(&l, vec![op(OpKind::Sample, vec![i2.clone()], T0 + 2)]).applied);
    let r = apply(
        &l,
        vec![op(
            OpKind::Aggregate { parent: c2.clone() },
            vec![i2.clone()],
            T0 + 3,
        )],
    );
    assert_eq!(codes(&r), [C::NotCommissioned]);
    // With DisaggregateFromParent, the child leaves its case.
    let r = apply(
        &l,
        vec![op(
            OpKind::Decommission { disaggregate: true },
            vec![i1.clone()],
            T0 + 3,
        )],
    );
    assert!(r.applied, "{:?}", r.rejections);
    assert!(l.children(&c1.key).unwrap().is_empty());
    assert_eq!(l.status(&c1.key).unwrap().unwrap().record.children, 0);
    // A container into its own child.
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Aggregate { parent: c2.clone() },
                vec![c1.clone()],
                T0 + 4
            )]
        )
        .applied
    );
    let r = apply(
        &l,
        vec![op(
            OpKind::Aggregate { parent: c1.clone() },
            vec![c2.clone()],
            T0 + 5,
        )],
    );
    assert_eq!(codes(&r), [C::CannotBeAggregated]);
    // Shipping a case out of its pallet.
    let r = apply(
        &l,
        vec![op(
            OpKind::Ship(ShipmentKind::Sale),
            vec![c1.clone()],
            T0 + 5,
        )],
    );
    assert_eq!(codes(&r), [C::CannotBeAggregated]);
    // Unpacking all.
    let r = apply(
        &l,
        vec![op(
            OpKind::Disaggregate { parent: c2.clone() },
            vec![],
            T0 + 5,
        )],
    );
    assert!(r.applied, "{:?}", r.rejections);
    assert_eq!(l.status(&c1.key).unwrap().unwrap().record.parent, None);
}

#[test]
fn void_restores_only_a_sale() {
    let l = ledger();
    let (a, b) = (item(1), item(2));
    assert!(
        apply(
            &l,
            vec![op(OpKind::Commission, vec![a.clone(), b.clone()], T0)]
        )
        .applied
    );
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Ship(ShipmentKind::Sale),
                vec![a.clone()],
                T0 + 1
            )]
        )
        .applied
    );
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::Ship(ShipmentKind::Transfer),
                vec![b.clone()],
                T0 + 1
            )]
        )
        .applied
    );
    assert!(apply(&l, vec![op(OpKind::Void, vec![a.clone()], T0 + 2)]).applied);
    assert_eq!(state(&l, &a), Some(SerialState::Commissioned));
    let r = apply(&l, vec![op(OpKind::Void, vec![b.clone()], T0 + 2)]);
    assert_eq!(codes(&r), [C::InvalidSerialNumberStatus]);
    assert!(
        r.rejections[0]
            .exception
            .message
            .contains("shipped as a transfer")
    );
}

#[test]
fn status_updates() {
    let l = ledger();
    let a = item(1);
    for s in [
        SerialState::Encoded,
        SerialState::Reserved,
        SerialState::Unreserved,
        SerialState::Registered,
    ] {
        assert!(apply(&l, vec![op(OpKind::SetStatus(s), vec![a.clone()], T0)]).applied);
        assert_eq!(state(&l, &a), Some(s));
    }
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::SetStatus(SerialState::Commissioned),
                vec![a.clone()],
                T0 + 1
            )]
        )
        .applied
    );
    let r = apply(
        &l,
        vec![op(
            OpKind::SetStatus(SerialState::Reserved),
            vec![a.clone()],
            T0 + 2,
        )],
    );
    assert_eq!(codes(&r), [C::BadStateTransition]);
    assert!(
        apply(
            &l,
            vec![op(
                OpKind::SetStatus(SerialState::Destroyed),
                vec![a.clone()],
                T0 + 2
            )]
        )
        .applied
    );
}

#[test]
fn a_document_applies_once() {
    let l = ledger();
    let m = Message {
        document: Some("DOC-1".into()),
        operations: vec![op(OpKind::Commission, vec![item(1)], T0)],
        invalid: Vec::new(),
    };
    assert!(l.apply(&m).unwrap().applied);
    let again = l.apply(&m).unwrap();
    assert!(!again.applied);
    assert_eq!(codes(&again), [C::Validation, C::BadStateTransition]);
}
