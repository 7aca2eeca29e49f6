//! The ceiling of `benches/peers/scan_peers.sh`: counts `<epc>` in a file
//! (or stdin with `-`) with `memchr::memmem`, nothing else: no XML, no
//! UTF-8 check, no `<parentID>`. Reads through one reused 8 MiB buffer.
//!
//! ```sh
//! cargo run --release --example count_epc -- data/scan.xml
//! ```
//!
//! Prints one JSON line: `{"tool":"memchr","bytes":…,"epc_tags":…,"secs":…}`.

use std::io::{self, Read};
use std::time::Instant;

const NEEDLE: &[u8] = b"<epc>";
const BUF: usize = 8 << 20;

fn main() -> io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_owned());
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&path)?)
    };
    let start = Instant::now();
    let finder = memchr::memmem::Finder::new(NEEDLE);
    let mut buf = vec![0u8; BUF];
    // Bytes at the start of `buf` carried over from the previous read: a
    // needle cut by a read boundary is found once, in the next window.
    let mut carry = 0;
    let (mut bytes, mut count) = (0u64, 0u64);
    loop {
        let n = match input.read(&mut buf[carry..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes += n as u64;
        let end = carry + n;
        let window = &buf[..end];
        count += finder.find_iter(window).count() as u64;
        // Keep the last NEEDLE.len() - 1 bytes: they cannot hold a whole
        // needle (it would have been counted), only the start of one.
        let keep = (NEEDLE.len() - 1).min(end);
        buf.copy_within(end - keep..end, 0);
        carry = keep;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(r#"{{"tool":"memchr","bytes":{bytes},"epc_tags":{count},"secs":{secs:.6}}}"#);
    Ok(())
}
