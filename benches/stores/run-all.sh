#!/bin/sh
# Runs the ledger workload on every engine, then the crash test.
# Usage: ./run-all.sh [SERIALS=2000000] [ENGINES="mem redb fjall sqlite"] [CRASH_TRIALS=9]
# Figures go to results/results.tsv (appended), progress to the terminal.
set -eu
cd "$(dirname "$0")"
N=${1:-2000000}
ENGINES=${2:-"mem redb fjall sqlite"}
TRIALS=${3:-9}
DATA=${DATA:-$PWD/target/data}
OUT=results/results.tsv
mkdir -p results "$DATA"
cargo build --release
BIN=target/release/stores-bench
echo "# $(date -u +%FT%TZ) $(nproc) vCPU, load $(cut -d' ' -f1-3 /proc/loadavg), N=$N" >> $OUT
for e in $ENGINES; do
    $BIN --engine "$e" --serials "$N" --dir "$DATA/$e" --out $OUT
done
if [ "$TRIALS" -gt 0 ]; then
    for e in $ENGINES; do
        [ "$e" = mem ] && continue
        $BIN --engine "$e" --crash "$TRIALS" --batch 100000 --dir "$DATA/crash-$e" --out $OUT
    done
fi
