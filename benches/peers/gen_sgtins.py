#!/usr/bin/env python3
"""Writes N valid SGTIN pure identity URIs, one per line, as `URI<TAB>FILTER`.

Usage: gen_sgtins.py N SEED > sgtins.tsv

Deterministic for a given (N, SEED) on any Python 3 (only
`random.Random.getrandbits` is used, whose output is fixed by the seed).

Every line is valid for SGTIN-96 (TDS 1.13 §14.5.1, E.2 note 3), so every
peer can run all three operations on all of them:

* company prefix length uniform in 6..12 (partition 6..0); item reference
  (indicator digit first) fills the rest of the 13 digits;
* the company prefix never starts with a GS1 prefix that cannot form an
  SGTIN (02, 04, 05, 2x restricted circulation, 977-984 and 99 ISSN / refund /
  coupons, TDS 1.13 §7.3.3-7.3.8): its first two digits are drawn from
  0[13679] or [13-8][0-9];
* serial: decimal, no leading zero (except "0"), < 2^38; its bit length is
  uniform in 0..38 so short and long serials both occur;
* filter: uniform in 0..7.
"""

import random
import sys

FIRST_TWO = ["0" + d for d in "13679"] + [a + b for a in "1345678" for b in "0123456789"]


def digits(rng: random.Random, n: int) -> str:
    """n random decimal digits (leading zeros allowed)."""
    return f"{rng.getrandbits(64) % 10**n:0{n}d}" if n else ""


def pick(rng: random.Random, items):
    # getrandbits-based choice (random.choice's algorithm is not promised to
    # stay the same across Python versions).
    return items[rng.getrandbits(32) % len(items)]


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    lengths = list(range(6, 13))
    buf = []
    for i in range(n):
        gcp_len = pick(rng, lengths)
        gcp = pick(rng, FIRST_TWO) + digits(rng, gcp_len - 2)
        item = digits(rng, 13 - gcp_len)  # indicator digit + item reference
        bits = rng.getrandbits(6) % 39  # 0..38
        serial = rng.getrandbits(bits) if bits else 0
        filt = rng.getrandbits(3)
        buf.append(f"urn:epc:id:sgtin:{gcp}.{item}.{serial}\t{filt}\n")
        if len(buf) == 65536:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))
    return 0


if __name__ == "__main__":
    sys.exit(main())
