#!/usr/bin/env python3
"""The Python peer of scan_peers.sh: lxml iterparse extracting the EPCs.

Usage: lxml_epcs.py FILE

Streams FILE with lxml.etree.iterparse (libxml2 underneath), the way a
Python user extracts EPCs from an EPCIS document too big for memory: every
`epc` element (epcList, childEPCs, inputEPCList, outputEPCList) and every
`parentID` element, unqualified as EPCIS 1.2 writes them, has its text read
(white space stripped) and counted; each event element is cleared when it
ends and the events before it are deleted, so memory stays bounded. No
validation of the EPCs (only the XML's well-formedness, which libxml2 checks).

Prints one JSON line: {"tool", "version", "bytes", "epcs", "epc", "parentID",
"chars", "secs"}; "chars" sums the stripped texts' lengths (the texts are
really read). Exit status 2 on malformed XML.
"""

import json
import os
import sys
import time

from lxml import etree

EVENTS = {
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "QuantityEvent",
    "AssociationEvent",
}


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = sys.argv[1]
    start = time.perf_counter()
    counts = {"epc": 0, "parentID": 0}
    chars = 0
    tags = ("epc", "parentID", *sorted(EVENTS))
    try:
        for _, elem in etree.iterparse(path, events=("end",), tag=tags, huge_tree=True):
            tag = elem.tag
            if tag in EVENTS:
                elem.clear()
                parent = elem.getparent()
                while elem.getprevious() is not None:
                    del parent[0]
            else:
                text = (elem.text or "").strip()
                chars += len(text)
                counts[tag] += 1
    except etree.XMLSyntaxError as e:
        print(f"lxml_epcs.py: {path}: {e}", file=sys.stderr)
        return 2
    secs = time.perf_counter() - start
    print(
        json.dumps(
            {
                "tool": "lxml",
                "version": ".".join(map(str, etree.LXML_VERSION[:3])),
                "bytes": os.path.getsize(path),
                "epcs": counts["epc"] + counts["parentID"],
                "epc": counts["epc"],
                "parentID": counts["parentID"],
                "chars": chars,
                "secs": round(secs, 6),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
