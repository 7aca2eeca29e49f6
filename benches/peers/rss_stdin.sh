#!/usr/bin/env bash
# Peak RSS of `epcstream scan -` on a ~2 GB document read from stdin (issue 3
# goal: <= 32 MiB). The document is generated on the fly and piped, never
# stored:
#   epcstream gen --epcs N --seed SEED --layout LAYOUT | epcstream scan --format summary-json -
# and the scan process runs under GNU `time -v` (maximum resident set size,
# elapsed time). Prints the figures and PASS / MISS against the goal; the
# scan's summary JSON and time's report go to benches/peers/data/.
#
# Environment (all optional):
#   N=28000000     EPC references: ~2.18 GB (2.03 GiB) in the pretty layout (~78 bytes each)
#   SEED=1         LAYOUT=pretty (pretty | min | crlf; min: ~64 bytes each, N=34000000 for ~2.2 GB)
#   GOAL_MIB=32    the goal
#   SCAN_ARGS=""   more `epcstream scan` arguments (e.g. "--threads 1")
# Needs cargo and GNU time (/usr/bin/time; package `time`, installed with
# apt-get when missing and possible). Takes about as long as scanning 2 GB
# on one core plus generating it on the other (~3-6 s on an idle 2-core
# VM, more when the machine is shared).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${N:-28000000}"
SEED="${SEED:-1}"
LAYOUT="${LAYOUT:-pretty}"
GOAL_MIB="${GOAL_MIB:-32}"
SCAN_ARGS="${SCAN_ARGS:-}"
DATA="$HERE/data"

log() { printf '[rss_stdin.sh] %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "GNU time is missing: apt-get install -y time"
        apt-get install -y -qq time >&2 || { apt-get update -qq >&2 && apt-get install -y -qq time >&2; }
    fi
    [[ -x /usr/bin/time ]] || { log "GNU time (/usr/bin/time) is needed: install the 'time' package"; exit 3; }
fi

log "building epcstream (release)"
(cd "$ROOT" && cargo build --quiet --release --bin epcstream >&2)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/epcstream"
mkdir -p "$DATA"
SUMMARY="$DATA/rss-summary.json"
TIMEV="$DATA/rss-time.txt"

LOAD="$(uptime)"
log "load average before: ${LOAD#*load average: }"
log "$BIN gen --epcs $N --seed $SEED --layout $LAYOUT | $BIN scan --format summary-json $SCAN_ARGS -"
t0=$(date +%s%N)
rc=0
# shellcheck disable=SC2086 # SCAN_ARGS is a list of words
"$BIN" gen --epcs "$N" --seed "$SEED" --layout "$LAYOUT" |
    /usr/bin/time -v -o "$TIMEV" "$BIN" scan --format summary-json $SCAN_ARGS - >"$SUMMARY" || rc=$?
t1=$(date +%s%N)
# epcstream scan: 0 clean, 1 findings (still a complete scan), 2 unreadable.
if [[ $rc -gt 1 ]]; then
    log "the pipeline failed (exit status $rc)"
    cat "$TIMEV" >&2
    exit "$rc"
fi

python3 - "$TIMEV" "$SUMMARY" "$t0" "$t1" "$GOAL_MIB" "$N" "$LAYOUT" "$LOAD" <<'EOF'
import json, sys
timev, summary, t0, t1, goal, n, layout, load = sys.argv[1:]
fields = {}
for line in open(timev):
    k, _, v = line.strip().rpartition(": ")
    fields[k] = v
rss_kib = int(fields["Maximum resident set size (kbytes)"])
wall = (int(t1) - int(t0)) / 1e9
s = json.load(open(summary))
nbytes = s.get("bytes")
user, sys_ = float(fields["User time (seconds)"]), float(fields["System time (seconds)"])
print(f"Input: epcstream gen --epcs {int(n):,} --layout {layout} (stdin, never stored)"
      + (f", {nbytes:,} bytes ({nbytes / 2**30:.2f} GiB)" if isinstance(nbytes, int) else ""))
print(f"Load average before: {load.split('load average:')[-1].strip()}")
print(f"Scan process: peak RSS {rss_kib:,} KiB ({rss_kib / 1024:.1f} MiB); "
      f"user {user:.2f} s, system {sys_:.2f} s, elapsed {fields['Elapsed (wall clock) time (h:mm:ss or m:ss)']}")
rate = f", {nbytes / wall / 1e6:,.0f} MB/s through the pipe" if isinstance(nbytes, int) else ""
print(f"Pipeline wall clock: {wall:.2f} s{rate}")
ok = rss_kib <= int(goal) * 1024
print(f"Goal peak RSS <= {goal} MiB: {'PASS' if ok else 'MISS'}")
EOF
