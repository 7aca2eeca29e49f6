//! The `Store` contract, checked on every engine (`cargo test --release`).

use epcstream::ledger::store::{Store, Table};

fn contract(s: &dyn Store) {
    let committed = s
        .write(&mut |tx| {
            tx.put(Table::Serials, b"a", b"1")?;
            tx.put(Table::Serials, b"b", b"2")?;
            tx.put(Table::Children, b"p\x00c1", b"")?;
            tx.put(Table::Children, b"p\x00c2", b"")?;
            tx.put(Table::Children, b"q\x00c3", b"")?;
            let mut v = Vec::new();
            assert!(tx.get_into(Table::Serials, b"a", &mut v)?);
            assert_eq!(v, b"1");
            assert!(!tx.get_into(Table::History, b"a", &mut v)?);
            Ok(true)
        })
        .unwrap();
    assert!(committed);
    let rolled_back = s
        .write(&mut |tx| {
            tx.put(Table::Serials, b"c", b"3")?;
            tx.delete(Table::Serials, b"a")?;
            tx.put(Table::Serials, b"b", b"22")?;
            let mut kv = Vec::new();
            tx.scan(Table::Serials, b"", &mut |k, v| {
                kv.push((k.to_vec(), v.to_vec()));
                true
            })?;
            assert_eq!(kv, [(b"b".to_vec(), b"22".to_vec()), (b"c".to_vec(), b"3".to_vec())]);
            Ok(false)
        })
        .unwrap();
    assert!(!rolled_back);
    // An error rolls back too.
    assert!(s.write(&mut |tx| {
        tx.put(Table::Serials, b"d", b"4")?;
        Err(epcstream::ledger::store::StoreError("no".into()))
    })
    .is_err());
    s.read(&mut |snap| {
        let mut kv = Vec::new();
        snap.scan(Table::Serials, b"", &mut |k, v| {
            kv.push((k.to_vec(), v.to_vec()));
            true
        })?;
        assert_eq!(kv, [(b"a".to_vec(), b"1".to_vec()), (b"b".to_vec(), b"2".to_vec())]);
        let mut ks = Vec::new();
        snap.scan(Table::Children, b"p\x00", &mut |k, _| {
            ks.push(k.to_vec());
            true
        })?;
        assert_eq!(ks, [b"p\x00c1".to_vec(), b"p\x00c2".to_vec()]);
        // Early stop.
        let mut n = 0;
        snap.scan(Table::Children, b"", &mut |_, _| {
            n += 1;
            false
        })?;
        assert_eq!(n, 1);
        Ok(())
    })
    .unwrap();
}

#[test]
fn every_engine_keeps_the_contract() {
    for e in ["mem", "redb", "fjall", "sqlite"] {
        let dir = std::env::temp_dir().join(format!("stores-contract-{e}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        {
            let s = crate::open(e, &dir, 8).unwrap();
            contract(&*s);
        }
        // Reopened: the committed state only.
        if e != "mem" {
            let s = crate::open(e, &dir, 8).unwrap();
            let mut v = Vec::new();
            s.read(&mut |snap| {
                assert!(snap.get_into(Table::Serials, b"a", &mut v)?);
                assert!(!snap.get_into(Table::Serials, b"c", &mut v)?);
                assert!(!snap.get_into(Table::Serials, b"d", &mut v)?);
                Ok(())
            })
            .unwrap();
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
