#!/usr/bin/env python3
"""Writes the seed corpora fuzz/seeds/epc_parse/ and fuzz/seeds/epc_binary/
from EPC vector files: the project's tests/vectors/*.json ({"scheme",
"cases": [{id, kind, input: {repr, value}, expect: {uri, tag_uri, hex,
element_string, digital_link, ...}}]}) or the shared tds_vectors.json they
were made from ({"vectors": [{id, scheme, kind, input, expected: {...}}]}).

Usage: fuzz/make_seeds.py tests/vectors/*.json
       fuzz/make_seeds.py --scan corpus/epcis/*.xml corpus/seed/*.xml corpus/malformed/*.xml

epc_parse seeds: per scheme a pure identity URI, per binary scheme a tag URI
and a hex, plus element strings, Digital Links, ID patterns and a few
inputs TDS rejects. epc_binary seeds: per binary scheme the bits of its hex
(first byte: how many bits of the last byte to drop, see
src/fuzzing.rs `epc_binary`), plus a few as text (first byte 0x80).
fuzz/seeds/epc_structured/ is not made here (see fuzz/README.md).
Deterministic: the first vectors in argument and file order win.

With --scan: the seed corpora fuzz/seeds/scan_bytes/ and
fuzz/seeds/scan_parallel_eq/ from EPCIS documents. scan_bytes: every
document of at most 16 KiB, as it is. scan_parallel_eq (two control bytes
first, see src/fuzzing/scan.rs `scan_parallel_eq`): each document raw
(chunks of 64 to 512 bytes), the content of its EventList inside the
skeleton, and synthetic event runs with comments, CDATA and extensions
that hide event tags (which make the parallel scan resynchronise).
fuzz/seeds/scan_structured/ is not made here (see fuzz/README.md).
Nor is fuzz/seeds/validate_structured/: its seeds are bytes for
`arbitrary`, written by the ignored test `write_validate_structured_seeds`
(src/fuzzing/validate_structured.rs; see fuzz/README.md).
"""

import json
import os
import re
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


# scan_parallel_eq control byte: bits 0-1 wrap mode, 2-4 chunk size
# (64 * (1 + n)), 5 line tracking off, 6-7 stop mode; then the stop index.
RAW, WRAP, WRAP_DEFAULT_NS = 0, 2, 3


def ctl(mode, chunk64s, lines=True, stop=0, index=0):
    return bytes([mode | (chunk64s - 1) << 2 | (0 if lines else 0x20) | stop << 6, index])


EVENT_LIST = re.compile(rb"<(?:[\w.-]+:)?EventList\s*>(.*)</(?:[\w.-]+:)?EventList\s*>", re.S)

SYNTHETIC = {
    # Plain events, one per line: clean cuts everywhere.
    "events": "".join(
        f"<ObjectEvent><eventTime>2024-01-01T00:00:0{i % 10}Z</eventTime>"
        f"<eventTimeZoneOffset>+00:00</eventTimeZoneOffset><epcList>"
        f"<epc>urn:epc:id:sgtin:0614141.812345.{i}</epc><epc>urn:epc:id:sgtin:0614141.812345.{i}x</epc>"
        f"</epcList><action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"
        f"</ObjectEvent>\n" for i in range(12)),
    # Event tags where no event starts: a comment, CDATA, an attribute
    # value, a vendor extension, a deep ILMD.
    "hidden": "".join(
        f"<!-- <ObjectEvent> {i} --><ObjectEvent><eventTime>2024-01-01T00:00:00Z</eventTime>"
        f"<epcList><epc><![CDATA[urn:epc:id:sgtin:0614141.812345.{i}<ObjectEvent>]]></epc></epcList>"
        f"<action>OBSERVE</action><tl:note a=\"AggregationEvent >\">&lt;ObjectEvent></tl:note>"
        f"<tl:ObjectEvent><tl:QuantityEvent/></tl:ObjectEvent></ObjectEvent>\n"
        f"<AggregationEvent><parentID>urn:epc:id:sscc:0614141.123456789{i % 10}</parentID>"
        f"<childEPCs><epc>urn:epc:id:sgtin:0614141.812345.{i}</epc></childEPCs><action>ADD</action>"
        f"<extension><ilmd><x:TransactionEvent xmlns:x=\"urn:x\"/></ilmd></extension></AggregationEvent>\n"
        for i in range(8)),
    # 1.2 extension events, a QuantityEvent, CRLF line ends.
    "extension_events": "".join(
        f"<extension><TransformationEvent><inputEPCList><epc>urn:epc:id:sgtin:0614141.812345.{i}</epc>"
        f"</inputEPCList><outputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.{i}"
        f"</epcClass><quantity>{i}</quantity><uom>KGM</uom></quantityElement></outputQuantityList>"
        f"</TransformationEvent></extension>\r\n<QuantityEvent><epcClass>urn:epc:idpat:sgtin:4012345.012345.*"
        f"</epcClass><quantity>{i}</quantity></QuantityEvent>\r\n"
        f"<extension><extension><AssociationEvent><parentID>urn:epc:id:grai:4012345.55555.{i}</parentID>"
        f"<childEPCs/><action>ADD</action></AssociationEvent></extension></extension>\r\n"
        for i in range(6)),
}


def scan_seeds(paths):
    n_bytes = n_par = 0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        if len(data) > 16 << 10:
            continue
        group = os.path.basename(os.path.dirname(os.path.abspath(path)))
        name = f"{group}-{os.path.splitext(os.path.basename(path))[0]}"
        write("scan_bytes", name, data)
        n_bytes += 1
        chunk64s = [1, 2, 4, 8][n_bytes % 4]
        write("scan_parallel_eq", f"raw{64 * chunk64s}-{name}", ctl(RAW, chunk64s) + data)
        n_par += 1
        m = EVENT_LIST.search(data)
        if m and m.group(1).strip():
            write("scan_parallel_eq", f"wrap-{name}", ctl(WRAP, 2) + m.group(1))
            n_par += 1
    for name, text in SYNTHETIC.items():
        body = text.encode()
        write("scan_parallel_eq", f"synthetic-{name}", ctl(WRAP, 1) + body)
        write("scan_parallel_eq", f"synthetic-{name}-default-ns", ctl(WRAP_DEFAULT_NS, 3) + body)
        write("scan_parallel_eq", f"synthetic-{name}-stop", ctl(WRAP, 2, lines=False, stop=2, index=5) + body)
        write("scan_bytes", f"synthetic-{name}",
              ("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" "
               "xmlns:tl=\"http://epcis.tracelink.com/ns\"><EPCISBody><EventList>\n").encode()
              + body + b"</EventList></EPCISBody></epcis:EPCISDocument>\n")
        n_par += 3
        n_bytes += 1
    print(f"scan_bytes: {n_bytes} seeds, scan_parallel_eq: {n_par} seeds", file=sys.stderr)
    return 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--scan":
        return scan_seeds(sys.argv[2:])
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
