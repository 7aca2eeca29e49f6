#!/usr/bin/env python3
"""Prints scan_peers.sh's Markdown report: machine, input, one table.

Usage: scan_report.py INPUT N RESULTS_JSONL [EPCSTREAM_VERSION [XMLLINT_VERSION]]

RESULTS_JSONL holds one JSON line per run: {tool, rep, secs (wall clock,
ns timer around the process), time_secs, rss_kib and cpu_secs (GNU time %e,
%M, %U + %S), rc,
load (the load averages before the tool's runs), stdout}. The fastest run
of a tool counts; its peak RSS is the largest of its runs. N is the number
of EPC references (<epc> + <parentID>) the generator wrote: EPCs/s is N
divided by the time, for every tool, whatever it extracts.
"""

import json
import os
import platform
import subprocess
import sys

ORDER = ["epcstream-1", "epcstream-all", "epcstream-stdin", "lxml", "xmllint", "memchr"]
REF = "epcstream-1"


def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine():
    info = {}
    for line in sh(["lscpu"]).splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    model = info.get("Model name") or platform.processor() or "unknown CPU"
    cpus = info.get("CPU(s)") or str(os.cpu_count())
    virt = info.get("Hypervisor vendor")
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    guest = f" ({virt} guest)" if virt else ""
    return f"{model}{guest}, {cpus} CPUs ({platform.machine()}){mem}, Linux {platform.release()}"


def epcstream_epcs(summary):
    """Total EPCs of `epcstream scan --format summary-json`'s object."""
    e = summary.get("epcs")
    if isinstance(e, int):
        return e
    if isinstance(e, dict):
        for key in ("total", "all"):
            t = e.get(key)
            if isinstance(t, int):
                return t
            if isinstance(t, dict):
                return t.get("valid", 0) + t.get("invalid", 0)
        for key in ("by_field", "fields", "field"):
            f = e.get(key)
            if isinstance(f, dict):
                return sum(c.get("valid", 0) + c.get("invalid", 0) for c in f.values())
    return None


def found(tool, stdout):
    """(EPCs the tool reports, what they are) from its output."""
    try:
        obj = json.loads(stdout.strip().splitlines()[0]) if stdout.strip() else None
    except (json.JSONDecodeError, IndexError):
        obj = None
    if obj is None:
        return None, ""
    if tool.startswith("epcstream"):
        return epcstream_epcs(obj), "EPCs"
    if tool == "lxml":
        return obj.get("epcs"), "EPCs"
    if tool == "memchr":
        return obj.get("epc_tags"), "`<epc>`"
    return None, ""


def label(tool, results, versions, cores):
    if tool == "epcstream-1":
        return f"{versions['epcstream']} `scan --threads 1` (XML + every EPC and event validated)"
    if tool == "epcstream-all":
        return f"{versions['epcstream']} `scan`, {cores} threads"
    if tool == "epcstream-stdin":
        return f"{versions['epcstream']} `scan - < FILE` (stdin: bounded buffer, 1 thread, lines tracked)"
    if tool == "lxml":
        v = "?"
        for r in results:
            try:
                v = json.loads(r["stdout"].splitlines()[0]).get("version", v)
                break
            except (json.JSONDecodeError, IndexError, AttributeError):
                pass
        return f"lxml {v} `iterparse` (EPC texts extracted, not validated)"
    if tool == "xmllint":
        return f"`xmllint --stream --noout` ({versions['xmllint'] or 'libxml2'}; well-formedness only)"
    if tool == "memchr":
        return "memchr count of `<epc>` (ceiling: no XML, no `<parentID>`)"
    return tool


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path, n, results_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    versions = {
        "epcstream": (sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else "epcstream"),
        "xmllint": (sys.argv[5] if len(sys.argv) > 5 else ""),
    }
    if versions["xmllint"].startswith("xmllint: using libxml version "):
        v = versions["xmllint"].rsplit(" ", 1)[-1]
        if v.isdigit():  # 20914 = 2.9.14
            v = f"{int(v) // 10000}.{int(v) // 100 % 100}.{int(v) % 100}"
        versions["xmllint"] = "libxml2 " + v
    size = os.path.getsize(path)
    with open(results_file, encoding="utf-8") as f:
        runs = [json.loads(line) for line in f if line.strip()]
    by_tool = {}
    for r in runs:
        by_tool.setdefault(r["tool"], []).append(r)
    tools = sorted(by_tool, key=lambda t: (ORDER.index(t) if t in ORDER else 99, t))
    cores = os.cpu_count()

    best = {}
    for t in tools:
        # epcstream exits 1 when it has findings (still a complete scan).
        ok = [r for r in by_tool[t] if r["rc"] == 0 or (t.startswith("epcstream") and r["rc"] == 1)]
        if ok:
            best[t] = min(ok, key=lambda r: r["secs"])

    print(f"Machine: {machine()}")
    reps = max((len(v) for v in by_tool.values()), default=0)
    print(
        f"Input: `{os.path.basename(path)}`, {size:,} bytes ({size / 1e6:.0f} MB), {n:,} EPC references; "
        f"best of {reps} runs, wall clock, page cache warm"
    )
    print("Load average (1, 5, 15 min) before each tool: " + "; ".join(
        f"{t} {by_tool[t][0].get('load', '?')}" for t in tools))
    print()
    ref = best.get(REF)
    head = ["tool", "MB/s", "M EPCs/s", "MB/CPU-s", "peak RSS", "found", f"vs {REF}"]
    print("| " + " | ".join(head) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    notes = []
    for t in tools:
        r = best.get(t)
        name = label(t, by_tool[t], versions, cores)
        if r is None:
            rcs = sorted({x["rc"] for x in by_tool[t]})
            print(f"| {name} | failed (exit {rcs}) | | | | | |")
            continue
        secs = r["secs"]
        rss = max(x["rss_kib"] for x in by_tool[t])
        count, what = found(t, r["stdout"])
        found_s = f"{count:,} {what}" if count is not None else "–"
        if t in ("epcstream-1", "epcstream-all", "epcstream-stdin", "lxml") and count is not None and count != n:
            notes.append(f"{t} found {count:,} EPCs, the generator wrote {n:,}")
        if ref is None or t == REF:
            vs = "1.0×" if t == REF else "n/a"
        else:
            # How the tool's time compares: > 1 means epcstream (1 thread) is faster.
            vs = f"{secs / ref['secs']:.2f}× the time" if secs >= ref["secs"] else f"{ref['secs'] / secs:.2f}× faster"
        cpu = r.get("cpu_secs")
        # GNU time counts CPU time in 10 ms steps: too coarse below ~0.2 s.
        per_cpu = f"{size / cpu / 1e6:,.0f}" if cpu and cpu >= 0.2 else (f"~{size / cpu / 1e6:,.0f}" if cpu else "–")
        print(
            f"| {name} | {size / secs / 1e6:,.0f} | {n / secs / 1e6:.2f} | {per_cpu} | {mib(rss)} | {found_s} | {vs} |"
        )
    print()
    print(
        "MB = 10^6 bytes. M EPCs/s = the document's EPC references / time, for every tool. "
        "MB/CPU-s = bytes / (user + system CPU time) of the fastest run, all threads together "
        "(~: under 0.2 s of CPU, GNU time's 10 ms steps make it rough). "
        f"vs {REF}: the tool's time relative to `epcstream scan --threads 1`."
    )
    if any(t in best for t in ("epcstream-1", "epcstream-all")):
        print(
            "epcstream memory-maps a named file: its peak RSS counts the file's page-cache pages it "
            "touched (shared, reclaimable, about the file's size), not memory it allocated; "
            "the stdin row reads through a bounded buffer."
        )
    for note in notes:
        print(f"Note: {note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
