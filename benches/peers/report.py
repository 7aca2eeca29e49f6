#!/usr/bin/env python3
"""Prints run.sh's Markdown report: machine, ops/s table, cross-check.

Usage: report.py DATA_FILE RESULTS_JSONL [PEER=OUT_FILE ...]

RESULTS_JSONL holds the JSON lines every peer printed
({peer, version, op, n, secs, per_sec, errors}). Each OUT_FILE has one line
per input line of DATA_FILE, `HEX<TAB>URI` (the peer's SGTIN-96 hex of the
input, and the URI it decodes that hex to) or `ERR<TAB>...`; the
cross-check compares them with the input URI and with epcstream's hex.
"""

import json
import os
import platform
import subprocess
import sys

OPS = [
    ("parse", "parse + validate URI"),
    ("uri_to_hex", "URI → SGTIN-96 hex"),
    ("hex_to_uri", "SGTIN-96 hex → URI"),
]
ORDER = ["epcstream", "epc-tds", "epcpy"]
REF = "epcstream"


def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine():
    model = ""
    for line in sh(["lscpu"]).splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    cores = os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{model or platform.processor() or 'unknown CPU'}, {cores} cores ({platform.machine()}), load average {load}"


def fmt_rate(r):
    m = r / 1e6
    return f"{m:.3f}" if m < 1 else f"{m:.2f}"


def table(results):
    peers = sorted({r["peer"] for r in results}, key=lambda p: (ORDER.index(p) if p in ORDER else 99, p))
    by = {(r["peer"], r["op"]): r for r in results}
    vers = {r["peer"]: r.get("version", "?") for r in results}
    others = [p for p in peers if p != REF]
    head = ["op"] + [f"{p} {vers[p]} (M/s)" for p in peers]
    if REF in peers:
        head += [f"{REF} vs {p}" for p in others]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    n = None
    for op, label in OPS:
        row = [label]
        for p in peers:
            r = by.get((p, op))
            if r is None:
                row.append("n/a")
                continue
            n = r["n"]
            err = f" ({r['errors']} errors)" if r.get("errors") else ""
            row.append(fmt_rate(r["per_sec"]) + err)
        if REF in peers:
            ref = by.get((REF, op))
            for p in others:
                r = by.get((p, op))
                row.append(f"{ref['per_sec'] / r['per_sec']:.1f}×" if ref and r else "n/a")
        out.append("| " + " | ".join(row) + " |")
    return out, n


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def crosscheck(data_file, outs):
    """Lines describing disagreements; empty when every peer agrees."""
    inputs = [line.split("\t")[0] for line in read_lines(data_file) if line]
    loaded = {p: read_lines(f) for p, f in outs.items()}
    # Hex values are compared with epcstream's, or the first peer's without it.
    ref_name = REF if REF in loaded else next(iter(loaded), None)
    ref = loaded.get(ref_name)
    report = []
    for p, lines in loaded.items():
        if len(lines) != len(inputs):
            report.append(f"- {p}: {len(lines)} output lines for {len(inputs)} inputs")
            continue
        enc_err = rt_bad = hex_diff = 0
        examples = []
        for i, (uri, line) in enumerate(zip(inputs, lines)):
            hx, _, back = line.partition("\t")
            if hx == "ERR":
                enc_err += 1
                if len(examples) < 3:
                    examples.append(f"`{uri}` → encode error")
                continue
            if back != uri:
                rt_bad += 1
                if len(examples) < 3:
                    examples.append(f"`{uri}` → `{hx}` → `{back}`")
            if ref is not None and p != ref_name:
                rhx = ref[i].partition("\t")[0]
                if rhx != "ERR" and rhx.upper() != hx.upper():
                    hex_diff += 1
                    if len(examples) < 3:
                        examples.append(f"`{uri}`: hex `{hx}`, {ref_name} `{rhx}`")
        if enc_err or rt_bad or hex_diff:
            report.append(
                f"- {p}: {enc_err} encode errors, {rt_bad} URI→hex→URI round trips not the identity, "
                f"{hex_diff} hex values differing from {ref_name}; e.g. " + "; ".join(examples)
            )
    return report


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    data_file, results_file = sys.argv[1], sys.argv[2]
    outs = dict(a.split("=", 1) for a in sys.argv[3:])
    results = [json.loads(line) for line in read_lines(results_file) if line.strip()]
    lines, n = table(results)
    print(f"Machine: {machine()}")
    print(f"Input: {n} SGTIN pure identity URIs ({os.path.basename(data_file)}), single thread, best of the timed passes")
    print()
    print("\n".join(lines))
    print()
    if outs:
        problems = crosscheck(data_file, outs)
        if problems:
            print("Cross-check (untimed pass over the same inputs):")
            print("\n".join(problems))
        else:
            peers = ", ".join(sorted(outs))
            print(f"Cross-check: {peers} agree on every hex value and every URI→hex→URI round trip is the identity.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
