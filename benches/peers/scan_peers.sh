#!/usr/bin/env bash
# Scans one generated EPCIS 1.2 document with epcstream and with what a user
# would otherwise pick, in one run, and prints the machine and a Markdown
# table (tool, MB/s, EPCs/s, peak RSS, vs epcstream):
#   epcstream scan --format summary-json --threads 1   (release build)
#   epcstream scan --format summary-json               (all cores)
#   epcstream scan --format summary-json - < FILE      (stdin: the bounded streaming reader)
#   lxml iterparse extracting the EPCs (lxml_epcs.py; PyPI, pinned with
#                                        hashes in requirements-scan.txt, in ./.venv)
#   xmllint --stream --noout            (libxml2's reader: well-formedness only)
#   memchr counting `<epc>`             (examples/count_epc.rs: the ceiling)
# Each tool runs REPS times on the same file (page cache warm); the fastest
# wall-clock run counts; peak RSS is the largest of the runs (GNU time %M);
# the CPU time (user + system, GNU time %U %S) of the fastest run gives MB
# per CPU-second, which other jobs sharing the machine change much less.
# epcstream maps a named file (memmap2), so its RSS includes the file's
# page-cache pages it touched; the stdin row shows its own memory.
# The load average (`uptime`) is recorded before each tool.
#
# Environment (all optional):
#   N=3000000        EPC references (<epc> + <parentID>) in the document (~233 MB pretty)
#   SEED=1           generator seed          LAYOUT=pretty   pretty | min | crlf
#   REPS=3           runs per tool (the best one counts)
#   TOOLS="epcstream-1 epcstream-all epcstream-stdin lxml xmllint memchr"   which tools to run
# Needs: cargo, python3 (>= 3.8) with venv, GNU time (/usr/bin/time) and
# xmllint; when one of the last two is missing and apt-get can be used
# (root), the packages `time` / `libxml2-utils` are installed, else the
# script says what to install (time) or leaves xmllint out (xmllint).
# Writes the document, outputs and raw results under benches/peers/data/
# (git-ignored); the document is reused when it exists.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${N:-3000000}"
SEED="${SEED:-1}"
LAYOUT="${LAYOUT:-pretty}"
REPS="${REPS:-3}"
TOOLS="${TOOLS:-epcstream-1 epcstream-all epcstream-stdin lxml xmllint memchr}"
DATA="$HERE/data"
INPUT="$DATA/scan-$N-$SEED-$LAYOUT.xml"
RESULTS="$DATA/scan-results.jsonl"

log() { printf '[scan_peers.sh] %s\n' "$*" >&2; }
want() { [[ " $TOOLS " == *" $1 "* ]]; }

# Installs a Debian package when a command is missing, if it can.
ensure() {
    local cmd="$1" pkg="$2"
    if command -v "$cmd" >/dev/null 2>&1; then return 0; fi
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "$cmd is missing: apt-get install -y $pkg"
        apt-get install -y -qq "$pkg" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "$pkg" >&2; } || true
    fi
    command -v "$cmd" >/dev/null 2>&1
}

if ! ensure /usr/bin/time time; then
    log "GNU time (/usr/bin/time) is needed for the peak RSS: install the 'time' package"
    exit 3
fi
if want xmllint && ! ensure xmllint libxml2-utils; then
    log "xmllint not found and not installable here (package libxml2-utils): left out"
    TOOLS="${TOOLS//xmllint/}"
fi
if want lxml; then
    if [[ ! -x "$HERE/.venv/bin/python" ]] || ! "$HERE/.venv/bin/python" -c 'import lxml.etree' 2>/dev/null; then
        log "installing lxml into .venv (requirements-scan.txt)"
        [[ -x "$HERE/.venv/bin/python" ]] || python3 -m venv "$HERE/.venv"
        "$HERE/.venv/bin/pip" install --quiet --disable-pip-version-check \
            --require-hashes -r "$HERE/requirements-scan.txt" >&2
    fi
fi

log "building epcstream and examples/count_epc.rs (release)"
(cd "$ROOT" && cargo build --quiet --release --bin epcstream --example count_epc >&2)
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/release"
BIN="$TARGET/epcstream"
COUNT="$TARGET/examples/count_epc"

mkdir -p "$DATA"
if [[ ! -s "$INPUT" ]]; then
    log "generating $N EPC references (seed $SEED, $LAYOUT layout)"
    "$BIN" gen --epcs "$N" --seed "$SEED" --layout "$LAYOUT" -o "$INPUT.tmp"
    mv "$INPUT.tmp" "$INPUT"
fi
cat "$INPUT" >/dev/null # into the page cache

# run NAME CMD...: REPS runs, one JSON line each into $RESULTS. With
# STDIN=FILE in the environment, the command reads FILE on stdin.
run() {
    local name="$1" stdin="${STDIN:-/dev/null}"
    shift
    local load
    load="$(uptime)"
    log "$name: ${load#*load average: } (load average); $*"
    local rep
    for ((rep = 1; rep <= REPS; rep++)); do
        local out="$DATA/scan-out-$name.txt" err="$DATA/scan-err-$name.txt" tim="$DATA/scan-time-$name.txt"
        local t0 t1 rc=0
        t0=$(date +%s%N)
        /usr/bin/time -f "%e %M %U %S" -o "$tim" "$@" <"$stdin" >"$out" 2>"$err" || rc=$?
        t1=$(date +%s%N)
        # epcstream exits 1 on findings, 2 on malformed input; others 0.
        if [[ $rc -ne 0 ]]; then
            log "$name exited with status $rc:"
            tail -n 5 "$err" >&2
        fi
        python3 - "$name" "$rep" "$t0" "$t1" "$rc" "$tim" "$out" "$load" >>"$RESULTS" <<'EOF'
import json, sys
name, rep, t0, t1, rc, tim, out, load = sys.argv[1:]
# GNU time writes "Command exited with non-zero status N" first on failure.
e, m, u, s = open(tim).read().split("\n")[-2].split()
text = open(out, encoding="utf-8", errors="replace").read()
print(json.dumps({
    "tool": name, "rep": int(rep), "secs": (int(t1) - int(t0)) / 1e9,
    "time_secs": float(e), "rss_kib": int(m), "cpu_secs": float(u) + float(s), "rc": int(rc),
    "load": load.split("load average:")[-1].strip(), "stdout": text[:4000],
}))
EOF
    done
}

: >"$RESULTS"
for tool in $TOOLS; do
    case "$tool" in
        epcstream-1) run "$tool" "$BIN" scan --format summary-json --threads 1 "$INPUT" ;;
        epcstream-all) run "$tool" "$BIN" scan --format summary-json "$INPUT" ;;
        epcstream-stdin) STDIN="$INPUT" run "$tool" "$BIN" scan --format summary-json --threads 1 - ;;
        lxml) run "$tool" "$HERE/.venv/bin/python" "$HERE/lxml_epcs.py" "$INPUT" ;;
        xmllint) run "$tool" xmllint --stream --noout "$INPUT" ;;
        memchr) run "$tool" "$COUNT" "$INPUT" ;;
        *) log "unknown tool $tool"; exit 2 ;;
    esac
done

python3 "$HERE/scan_report.py" "$INPUT" "$N" "$RESULTS" \
    "$("$BIN" --version 2>/dev/null || echo epcstream)" \
    "$(xmllint --version 2>&1 | head -n 1 || true)"
