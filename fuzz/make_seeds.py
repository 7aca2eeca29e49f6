#!/usr/bin/env python3
"""Writes the seed corpora fuzz/seeds/epc_parse/ and fuzz/seeds/epc_binary/
from EPC vector files: the project's tests/vectors/*.json ({"scheme",
"cases": [{id, kind, input: {repr, value}, expect: {uri, tag_uri, hex,
element_string, digital_link, ...}}]}) or the shared tds_vectors.json they
were made from ({"vectors": [{id, scheme, kind, input, expected: {...}}]}).

Usage: fuzz/make_seeds.py tests/vectors/*.json

epc_parse seeds: per scheme a pure identity URI, per binary scheme a tag URI
and a hex, plus element strings, Digital Links, ID patterns and a few
inputs TDS rejects. epc_binary seeds: per binary scheme the bits of its hex
(first byte: how many bits of the last byte to drop, see
src/fuzzing.rs `epc_binary`), plus a few as text (first byte 0x80).
fuzz/seeds/epc_structured/ is not made here (see fuzz/README.md).
Deterministic: the first vectors in argument and file order win.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, "seeds", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def hex_bits(hx):
    """epc_binary's raw-bits form of a hex string: drop-count byte + bytes."""
    nibbles = len(hx)
    padded = hx + ("0" if nibbles % 2 else "")
    drop = 4 if nibbles % 2 else 0
    return bytes([drop]) + bytes.fromhex(padded)


# Keys of the project's vector files, renamed to the shared file's.
RENAME = {"uri": "pure_identity_uri", "class_uri": "epc_class_uri",
          "element_string": "gs1_element_string"}


def load(path):
    """The vectors of one file, in the shared file's shape."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if "vectors" in d:
        return d["vectors"]
    out = []
    for c in d.get("cases", []):
        inp = dict(c["input"])
        inp["repr"] = RENAME.get(inp["repr"], inp["repr"])
        expected = {RENAME.get(k, k): v for k, v in (c.get("expect") or {}).items()}
        out.append({"id": c["id"], "scheme": d["scheme"], "kind": c["kind"],
                    "input": inp, "expected": expected})
    return out


def main():
    if len(sys.argv) < 2:
        print("usage: make_seeds.py VECTORS.json...", file=sys.stderr)
        return 2
    vectors = []
    for path in sys.argv[1:]:
        vectors.extend(load(path))
    valid = [v for v in vectors if v.get("kind") == "valid"]
    invalid = [v for v in vectors if v.get("kind") == "invalid"]

    def values(v, repr_name, key):
        out = []
        if v["input"]["repr"] == repr_name:
            out.append(v["input"]["value"])
        e = v.get("expected") or {}
        if isinstance(e.get(key), str):
            out.append(e[key])
        return out

    seen = set()
    parse = []  # (name, text)

    def add(kind, group, text, limit):
        key = (kind, group)
        n = sum(1 for k in seen if k[:2] == key)
        if n >= limit or (kind, group, text) in seen:
            return
        seen.add((kind, group, text))
        parse.append((f"{kind}-{group}-{n}", text))

    hexes = {}
    for v in valid:
        for uri in values(v, "pure_identity_uri", "pure_identity_uri"):
            add("uri", v["scheme"], uri, 1)
        for uri in values(v, "epc_class_uri", "epc_class_uri"):
            add("uri", "lgtin", uri, 1)
        for tag in values(v, "tag_uri", "tag_uri"):
            add("tag", tag.split(":")[3], tag, 1)
        for hx in values(v, "hex", "hex"):
            header = hx[:2].upper()
            hexes.setdefault(header, [])
            if len(hexes[header]) < 2 and hx not in hexes[header]:
                hexes[header].append(hx)
            add("hex", header, hx, 1)
        for es in values(v, "gs1_element_string", "gs1_element_string"):
            add("es", v["scheme"], es, 1)
        for dl in values(v, "digital_link", "digital_link"):
            add("dl", v["scheme"], dl, 1)
    for v in invalid:
        if v["input"]["repr"] in ("pure_identity_uri", "tag_uri"):
            add("invalid", v["input"]["repr"], v["input"]["value"], 6)
    for pat in ["urn:epc:idpat:sgtin:0614141.112345.*", "urn:epc:idpat:sscc:0614141.*",
                "urn:epc:idpat:gid:31415.*.*"]:
        add("idpat", "any", pat, 3)

    for name, text in parse:
        write("epc_parse", name, text)
    count_binary = 0
    for header, hxs in sorted(hexes.items()):
        for i, hx in enumerate(hxs):
            write("epc_binary", f"bits-{header}-{i}", hex_bits(hx))
            count_binary += 1
    # Text mode: the same values as hex and as a bit string.
    for header in sorted(hexes)[:3]:
        hx = hexes[header][0]
        write("epc_binary", f"text-hex-{header}", b"\x80" + hx.encode())
        bits = "".join(f"{int(c, 16):04b}" for c in hx)
        write("epc_binary", f"text-bits-{header}", b"\x80" + bits.encode())
        count_binary += 2
    print(f"epc_parse: {len(parse)} seeds, epc_binary: {count_binary} seeds", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
