//! Crash safety: a child process commissions messages of `batch` serials
//! (one transaction each) and is killed with SIGKILL in the middle of a
//! message's writes, during its commit, or at a random moment; the parent
//! reopens the store and checks every message is there completely or not
//! at all, and every message whose commit returned is there.

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use epcstream::ledger::store::{StoreError, Table};

use crate::workload::{self, Bufs};
use crate::{Args, open};

const MESSAGES: u64 = 6;

pub fn child(a: &Args) -> Result<(), StoreError> {
    let store = open(&a.engine, &a.dir, a.cache_mib)?;
    let mut b = Bufs::default();
    let mut out = std::io::stdout();
    for m in 0..MESSAGES {
        store.write(&mut |tx| {
            workload::commission(tx, m, m * a.batch, (m + 1) * a.batch, a.sorted, &mut b, &mut || {
                writeln!(out, "mid {m}").unwrap();
            })?;
            writeln!(out, "commit {m}").unwrap();
            Ok(true)
        })?;
        writeln!(out, "done {m}").unwrap();
    }
    Ok(())
}

/// What a reopened store holds of message `m`: (serials, history entries, document).
fn holds(store: &dyn epcstream::ledger::store::Store, m: u64, batch: u64) -> Result<(u64, u64, bool), StoreError> {
    let (mut s, mut h, mut d) = (0, 0, false);
    let mut key = Vec::new();
    let mut val = Vec::new();
    let mut hkey = Vec::new();
    store.read(&mut |snap| {
        for i in m * batch..(m + 1) * batch {
            workload::item_key(i, &mut key);
            s += snap.get_into(Table::Serials, &key, &mut val)? as u64;
            hkey.clear();
            hkey.extend_from_slice(&key);
            hkey.push(0);
            hkey.extend_from_slice(&0u32.to_be_bytes());
            h += snap.get_into(Table::History, &hkey, &mut val)? as u64;
        }
        d = snap.get_into(Table::Documents, &workload::doc_id(m), &mut val)?;
        Ok(())
    })?;
    Ok((s, h, d))
}

pub fn parent(a: &Args, trials: u32) -> Result<(), StoreError> {
    let exe = std::env::current_exe()?;
    let mut rng = Instant::now().elapsed().as_nanos() as u64 ^ (std::process::id() as u64) << 32 | 1;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n.max(1)
    };
    let mut failures = 0;
    let mut commit_ms = 50u64;
    let mut msg_ms = 500u64;
    for k in 0..trials {
        let dir = a.dir.join(format!("trial-{k}"));
        let _ = std::fs::remove_dir_all(&dir);
        let mut child = Command::new(&exe)
            .args(["--engine", &a.engine, "--batch", &a.batch.to_string(), "--cache-mib", &a.cache_mib.to_string(), "--crash-child", "--dir"])
            .arg(&dir)
            .stdout(Stdio::piped())
            .spawn()?;
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let kind = ["mid-message", "during commit", "random moment"][k as usize % 3];
        let mut last = String::from("(nothing)");
        let mut done = Vec::new();
        let (mut t_commit, mut t_done) = (Instant::now(), Instant::now());
        let mut delay = None;
        while let Some(line) = lines.next() {
            let line = line?;
            let now = Instant::now();
            if line.starts_with("commit") {
                t_commit = now;
            }
            if let Some(m) = line.strip_prefix("done ") {
                if m == "0" {
                    commit_ms = (now - t_commit).as_millis() as u64;
                    msg_ms = (now - t_done).as_millis() as u64;
                }
                t_done = now;
                done.push(m.parse::<u64>().unwrap());
            }
            last = line.clone();
            let d = match (kind, line.as_str()) {
                ("mid-message", "mid 1") => Some(0),
                ("during commit", "commit 1") => Some(next(commit_ms + 1)),
                ("random moment", "done 0") => Some(next(2 * msg_ms)),
                _ => None,
            };
            if let Some(d) = d {
                delay = Some(d);
                std::thread::sleep(Duration::from_millis(d));
                break;
            }
        }
        // SIGKILL (the child may have written more lines since `last`).
        let _ = child.kill();
        let status = child.wait()?;
        // What the child wrote before it died: commits that returned.
        for line in lines {
            if let Some(m) = line?.strip_prefix("done ") {
                done.push(m.parse::<u64>().unwrap());
            }
        }
        let t_open = Instant::now();
        let store = open(&a.engine, &dir, a.cache_mib)?;
        let reopen_ms = t_open.elapsed().as_millis();
        let (mut full, mut none, mut partial) = (Vec::new(), Vec::new(), Vec::new());
        for m in 0..MESSAGES {
            match holds(&*store, m, a.batch)? {
                (s, h, true) if s == a.batch && h == a.batch => full.push(m),
                (0, 0, false) => none.push(m),
                other => partial.push((m, other)),
            }
        }
        drop(store);
        let prefix = full.iter().enumerate().all(|(i, &m)| i as u64 == m);
        let durable = done.iter().all(|m| full.contains(m));
        let ok = partial.is_empty() && prefix && durable;
        failures += !ok as u32;
        let line = format!(
            "{}\tcrash\ttrial {k}\tkill {kind} (+{} ms after \"{last}\", {status})\tcomplete {full:?}\tabsent {none:?}\tpartial {partial:?}\tcommitted-before-kill {done:?}\treopen {reopen_ms} ms\t{}",
            a.engine,
            delay.unwrap_or(0),
            if ok { "OK" } else { "FAIL" }
        );
        println!("{line}");
        if let Some(out) = &a.out {
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(out)?;
            writeln!(f, "{line}")?;
        }
        std::fs::remove_dir_all(&dir)?;
    }
    println!("{} crash trials: {} of {trials} OK", a.engine, trials - failures);
    Ok(())
}
