#!/usr/bin/env python3
"""Times epcpy (PyPI) on the three operations of benches/peers/run.sh.

    parse       pure identity URI -> epcpy scheme object
                (epcpy.epc_pure_identity_to_tag_encodable: scheme lookup,
                regex check, field checks, GTIN check digit)
    uri_to_hex  pure identity URI -> SGTIN-96 hex
                (the above, then .hex(binary_coding_scheme=SGTIN-96,
                filter_value=...); epcpy's hex() does not check that the
                serial suits SGTIN-96, only tag_uri() does: REFERENCE.md §5)
    hex_to_uri  SGTIN-96 hex -> pure identity URI
                (epcpy.hex_to_tag_encodable(hex).epc_uri)

Usage: epcpy_bench.py FILE [--reps R] [--warmup N] [--out OUT]
  FILE  lines `URI<TAB>FILTER` (gen_sgtins.py)
  OUT   for cross-checking: one line per input, `HEX<TAB>URI-decoded-from-HEX`,
        or `ERR<TAB>message`
Prints one JSON line per operation: {peer, version, op, n, secs, per_sec,
errors} (secs: the best of R timed passes over all N inputs, after a warm-up
pass over the first N inputs). Timing: time.perf_counter_ns.
"""

import argparse
import importlib.metadata
import json
import sys
import time

import epcpy
from epcpy.epc_schemes.sgtin import SGTIN, SGTINFilterValue

SGTIN_96 = SGTIN.BinaryCodingScheme.SGTIN_96
FILTERS = [SGTINFilterValue(str(f)) for f in range(8)]

to_tag_encodable = epcpy.epc_pure_identity_to_tag_encodable
hex_to_tag_encodable = epcpy.hex_to_tag_encodable


def op_parse(uri, filt, hx):
    return to_tag_encodable(uri)


def op_uri_to_hex(uri, filt, hx):
    return to_tag_encodable(uri).hex(binary_coding_scheme=SGTIN_96, filter_value=FILTERS[filt])


def op_hex_to_uri(uri, filt, hx):
    return hex_to_tag_encodable(hx).epc_uri


OPS = [("parse", op_parse), ("uri_to_hex", op_uri_to_hex), ("hex_to_uri", op_hex_to_uri)]


def run_pass(op, rows, n):
    """One pass of `op` over rows[:n]; returns (seconds, errors)."""
    errors = 0
    t0 = time.perf_counter_ns()
    for uri, filt, hx in rows[:n] if n < len(rows) else rows:
        try:
            op(uri, filt, hx)
        except Exception:  # epcpy raises ConvertException, ValueError, KeyError...
            errors += 1
    t1 = time.perf_counter_ns()
    return (t1 - t0) / 1e9, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=20000)
    ap.add_argument("--out")
    a = ap.parse_args()
    version = importlib.metadata.version("epcpy")

    rows = []
    with open(a.file, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            uri, filt = line.split("\t")
            rows.append([uri, int(filt), ""])
    n = len(rows)

    # Untimed: the hex inputs of hex_to_uri, made by this peer's own encoder.
    for row in rows:
        try:
            row[2] = op_uri_to_hex(*row)
        except Exception:
            row[2] = ""
    rows = [tuple(r) for r in rows]

    for name, op in OPS:
        run_pass(op, rows, min(n, a.warmup))
        best, errors = float("inf"), 0
        for _ in range(a.reps):
            secs, errors = run_pass(op, rows, n)
            best = min(best, secs)
        rec = {"peer": "epcpy", "version": version, "op": name, "n": n,
               "secs": best, "per_sec": n / best, "errors": errors}
        print(json.dumps(rec), flush=True)

    if a.out:
        with open(a.out, "w", encoding="utf-8") as out:
            for uri, filt, hx in rows:
                if not hx:
                    out.write("ERR\tencode failed\n")
                    continue
                try:
                    out.write(f"{hx}\t{hex_to_tag_encodable(hx).epc_uri}\n")
                except Exception as e:
                    msg = " ".join(str(e).split())
                    out.write(f"{hx}\tERR {type(e).__name__} {msg}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
