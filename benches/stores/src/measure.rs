//! Time, rates, memory (RSS and its peak), disk use and load average.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// (VmRSS, VmHWM) in MiB.
pub fn rss_mib() -> (f64, f64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        s.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak RSS to the current RSS (Linux: clear_refs 5).
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// CPU seconds (user + system, every thread) of this process so far.
pub fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime is the 12th, stime the 13th.
    let rest = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

/// Seconds the calling thread has waited for a CPU (run queue), from
/// /proc/thread-self/schedstat: what the machine's other load cost it.
pub fn queue_wait_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// The 1-minute load average.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .unwrap_or("?")
        .to_string()
}

/// Bytes allocated on disk under `dir`.
pub fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if let Ok(md) = e.metadata() {
                if md.is_dir() {
                    total += disk_bytes(&e.path());
                } else {
                    total += md.blocks() * 512;
                }
            }
        }
    } else if let Ok(md) = std::fs::metadata(dir) {
        total = md.blocks() * 512;
    }
    total
}

pub struct Phase {
    name: &'static str,
    start: Instant,
    last: Instant,
    load0: String,
    cpu0: f64,
    wait0: f64,
}

impl Phase {
    /// A progress line on stderr every 15 s (and at the end when `last`).
    pub fn progress(&mut self, done: u64, last: bool) {
        if last || self.last.elapsed().as_secs() >= 15 {
            self.last = Instant::now();
            let s = self.start.elapsed().as_secs_f64();
            let (rss, hwm) = rss_mib();
            eprintln!(
                "  {} {done} in {s:.1} s ({:.0}/s) rss {rss:.0} MiB peak {hwm:.0} MiB load {}",
                self.name,
                done as f64 / s,
                load()
            );
        }
    }
}

pub struct Reporter {
    pub engine: String,
    pub serials: u64,
    pub dir: PathBuf,
    pub out: Option<PathBuf>,
}

impl Reporter {
    pub fn start(&mut self, name: &'static str) -> Phase {
        reset_peak();
        let now = Instant::now();
        Phase { name, start: now, last: now, load0: load(), cpu0: cpu_secs(), wait0: queue_wait_secs() }
    }

    pub fn finish(&mut self, ph: Phase, n: u64, unit: &str) {
        let s = ph.start.elapsed().as_secs_f64();
        let cpu = cpu_secs() - ph.cpu0;
        let wait = queue_wait_secs() - ph.wait0;
        // The phase's time less what this thread spent waiting for a CPU.
        let adj = (s - wait).max(0.001);
        let (rss, hwm) = rss_mib();
        let disk = disk_bytes(&self.dir) as f64 / (1 << 20) as f64;
        let line = format!(
            "{}\t{}\t{}\t{n}\t{unit}\t{s:.1}\t{:.0}\t{cpu:.1}\t{wait:.1}\t{:.0}\t{hwm:.0}\t{rss:.0}\t{disk:.0}\t{}->{}",
            self.engine,
            self.serials,
            ph.name,
            n as f64 / s,
            n as f64 / adj,
            ph.load0,
            load()
        );
        println!(
            "RESULT engine={} serials={} phase={} n={n} ({unit}) secs={s:.1} rate={:.0}/s cpu={cpu:.1}s cpu_queue_wait={wait:.1}s rate_without_wait={:.0}/s peak_rss={hwm:.0}MiB rss={rss:.0}MiB disk={disk:.0}MiB load={}->{}",
            self.engine,
            self.serials,
            ph.name,
            n as f64 / s,
            n as f64 / adj,
            ph.load0,
            load()
        );
        if let Some(out) = &self.out {
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(out).unwrap();
            writeln!(f, "{line}").unwrap();
        }
    }
}
