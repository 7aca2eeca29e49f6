#!/usr/bin/env bash
# Measures epcstream against the EPC translators a user would otherwise pick,
# on the same SGTIN pure identity URIs, single thread:
#   epc-tds (npm, pinned in package.json / package-lock.json)
#   epcpy   (PyPI, pinned with hashes in requirements.txt, in ./.venv)
#   epcstream (examples/peer_bench.rs, release build)
# and prints the machine and one Markdown table (op x peer, M/s, speed-up),
# then cross-checks every peer's hex and hex -> URI output against epcstream.
#
# Environment (all optional):
#   N=1000000     number of URIs          SEED=1      generator seed
#   REPS=3        timed passes, epcstream and epc-tds (the best one counts)
#   PY_REPS=1     timed passes, epcpy (it takes ~20 s per pass per million)
#   PEERS="epcstream epc-tds epcpy"       which peers to run
# Needs: cargo, node + npm (>= 18), python3 (>= 3.8) with venv. Installs the
# peers locally (benches/peers/node_modules, benches/peers/.venv), writes the
# data and raw results under benches/peers/data/ (all git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${N:-1000000}"
SEED="${SEED:-1}"
REPS="${REPS:-3}"
PY_REPS="${PY_REPS:-1}"
PEERS="${PEERS:-epcstream epc-tds epcpy}"
DATA="$HERE/data"
INPUT="$DATA/sgtins-$N-$SEED.tsv"
RESULTS="$DATA/results.jsonl"

log() { printf '[run.sh] %s\n' "$*" >&2; }
want() { [[ " $PEERS " == *" $1 "* ]]; }

mkdir -p "$DATA"
if [[ ! -s "$INPUT" ]]; then
    log "generating $N URIs (seed $SEED)"
    python3 "$HERE/gen_sgtins.py" "$N" "$SEED" >"$INPUT.tmp"
    mv "$INPUT.tmp" "$INPUT"
fi

if want epc-tds; then
    if [[ ! -f "$HERE/node_modules/epc-tds/package.json" ]]; then
        log "installing epc-tds (npm ci)"
        (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
fi
if want epcpy; then
    if [[ ! -x "$HERE/.venv/bin/python" ]] || ! "$HERE/.venv/bin/python" -c 'import epcpy' 2>/dev/null; then
        log "installing epcpy into .venv"
        python3 -m venv "$HERE/.venv"
        "$HERE/.venv/bin/pip" install --quiet --disable-pip-version-check \
            --require-hashes -r "$HERE/requirements.txt" >&2
    fi
fi
if want epcstream; then
    log "building examples/peer_bench.rs (release)"
    (cd "$ROOT" && cargo build --quiet --release --example peer_bench >&2)
    BENCH_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/peer_bench"
fi

: >"$RESULTS"
OUTS=()
for peer in $PEERS; do
    out="$DATA/out-$peer.tsv"
    log "running $peer"
    case "$peer" in
        epcstream) "$BENCH_BIN" "$INPUT" --reps "$REPS" --out "$out" >>"$RESULTS" ;;
        epc-tds) node "$HERE/epc_tds.js" "$INPUT" --reps "$REPS" --out "$out" >>"$RESULTS" ;;
        epcpy) "$HERE/.venv/bin/python" "$HERE/epcpy_bench.py" "$INPUT" --reps "$PY_REPS" --out "$out" >>"$RESULTS" ;;
        *) log "unknown peer $peer"; exit 2 ;;
    esac
    OUTS+=("$peer=$out")
done

python3 "$HERE/report.py" "$INPUT" "$RESULTS" "${OUTS[@]}"
