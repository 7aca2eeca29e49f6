#!/usr/bin/env python3
"""Convert the shared TDS vector collection into epcstream's own test data.

Usage (from the repository root):

    python3 tests/vectors/convert.py ../shared/vectors/tds_vectors.json [out_dir]

`out_dir` defaults to the directory of this script. One JSON file is written
per EPC scheme (`sgtin.json`, `sscc.json`, ...) plus `misc.json` for the
vectors that belong to no scheme. The output format is described in
README.md next to this script. The conversion is deterministic: running it
again on the same input gives byte-identical files.

What the conversion does (all of it is checked by asserts below):

* input representations get short names (`uri`, `class_uri`, `tag_uri`,
  `hex`, `binary`, `element_string`, `digital_link`); the two TDT
  "bare identifier" inputs become element strings;
* the three parameter styles (`binary_scheme`/`filter` strings,
  `binary_coding_scheme`/`filter_value` enum names, and
  `filter=3;gs1companyprefixlength=7;taglength=96`) become
  `params {binary_scheme, filter, gcp_length}` with lowercase tag-URI scheme
  names and integer filters (named filters per the TDS 1.13 filter tables);
* `binary_scheme`/`filter` are also filled in from a tag URI when the input
  or the expected values have one, and `gcp_length` from the pure identity
  URI (its first component) when the source gave none;
* hex is made canonical: uppercase, zero-padded to whole 16-bit words (TDS
  1.13 E.3 prints some encodings unpadded);
* Digital Links are made canonical: `https://id.gs1.org`, primary key then
  its qualifier, every character outside RFC 3986 "unreserved" percent-
  encoded with uppercase hex (the GS1 Barcode Syntax Engine's rule). A
  source DL that differs from that form is kept as `digital_link_alt`: it
  must be accepted as input too;
* invalid vectors get an `error_kind` (epcstream `ErrorKind::as_str` id)
  where exactly one rule is broken and the kind is therefore not a matter of
  validation order; otherwise `error_kind` is omitted.
"""

import json
import os
import re
import sys
from collections import OrderedDict
from urllib.parse import unquote

# ---------------------------------------------------------------------------
# Facts

# Lengths in bits of the fixed-length binary schemes (TDS 1.13 §14.5).
FIXED_BITS = {
    "sgtin-96": 96, "sgtin-198": 198, "sscc-96": 96, "sgln-96": 96,
    "sgln-195": 195, "grai-96": 96, "grai-170": 170, "giai-96": 96,
    "giai-202": 202, "gsrn-96": 96, "gsrnp-96": 96, "gdti-96": 96,
    "gdti-113": 113, "gdti-174": 174, "cpi-96": 96, "sgcn-96": 96,
    "itip-110": 110, "itip-212": 212, "gid-96": 96, "usdod-96": 96,
}
VAR_SCHEMES = {"cpi-var", "adi-var"}
PLUS_SCHEMES = {"sgtin+", "sgtin++"}
NO_FILTER = {"gid-96"}

# Named filter values (TDS 1.13 §10.1, Tables 10-1 ff.): the names the
# epcpy test-suite uses. RESERVED_n is the reserved value n.
FILTER_NAMES = {
    "ALL_OTHERS": 0,
    "POS_ITEM": 1,          # SGTIN: point of sale trade item
    "RAIL_VEHICLE": 1,      # GIAI: rail vehicle
}

# Schemes whose first component is a GS1 Company Prefix.
GS1_SCHEMES = {
    "sgtin", "sscc", "sgln", "grai", "giai", "gsrn", "gsrnp", "gdti", "cpi",
    "sgcn", "ginc", "gsin", "itip", "upui", "pgln", "lgtin",
}

# RFC 3986 unreserved characters: everything else in a DL value is
# percent-encoded in the canonical Digital Link.
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

# Characters of the GS1 AI encodable character set 82 (TDS 1.13 Table A-1).
CSET82 = set("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
# Characters allowed unescaped in a GS3A3Component (TDS 1.13 §5).
GS3A3_PLAIN = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!'()*+,-.:;=_")

PEERS = re.compile(
    r"epcpy|pyepc|epc-tds|OpenEPCIS|openepcis|gs1 crate|crates\.io gs1|"
    r"digital-link\.js|parseInt|implementations disagree"
)

REPR = {
    "pure_identity_uri": "uri",
    "epc_class_uri": "class_uri",
    "tag_uri": "tag_uri",
    "hex": "hex",
    "binary": "binary",
    "gs1_element_string": "element_string",
    "digital_link": "digital_link",
    "bare_identifier": "element_string",
}

# ---------------------------------------------------------------------------
# Error kinds of invalid vectors.
#
# Generic rules first (by the source's error text), then a table keyed by the
# epcpy test name for the 126 "rejected by EPC URI grammar/length rules"
# vectors. A value of None means: more than one rule is broken, or the kind
# depends on the order in which a validator checks things; leave it open.

EPCPY_KINDS = {
    # wrong scheme names
    "identifier": "unknown_scheme",
    # ADI
    "adi_no_adi_char": None,                   # serial is just '#'
    "adi_percent23_wrong_location": None,      # '#' only allowed first
    "adi_illegal_char": "invalid_character",   # 'I' in CAGE code
    "adi_too_little_cagecode_or_dodaac": "component_too_short",
    "adi_too_many_cagecode_or_dodaac": "component_too_long",
    "adi_too_many_part_chars": "component_too_long",
    "adi_too_many_serial_chars": "component_too_long",
    # BIC
    "bic_too_long": "component_too_long",
    "bic_wrong_catid": "invalid_character",
    "bic_too_many_chars": None,
    "bic_wrong_ownercode": None,
    # CPI
    "cpi_serial_starting_with_zero": "leading_zero",
    "cpi_percent23_wrong_location": None,
    "cpi_percent23_wrong_location_2": None,
    "cpi_invalid_company_pref": "company_prefix_length",
    "cpi_invalid_company_pref_2": "company_prefix_length",
    "cpi_serial_too_long": "value_too_large",     # NumericComponent > 10^12-1
    # GDTI
    "gdti_serial_too_long": "component_too_long",
    "gdti_too_many_digits": "digit_count",
    "gdti_illegal_serial": "invalid_escape",
    "gdti_invalid_company_pref": "company_prefix_length",
    # GIAI
    "giai_company_prefix_1": "company_prefix_length",
    "giai_company_prefix_2": "company_prefix_length",
    "giai_serial_too_long_1": "component_too_long",
    "giai_serial_too_long_2": "component_too_long",
    # GID
    "gid_serial_starting_with_zero": "leading_zero",
    "gid_no_object": "empty_component",
    "gid_no_manager": "empty_component",
    "gid_manager_starting_with_zero": "leading_zero",
    "gid_object_starting_with_zero": "leading_zero",
    "gid_serial_too_high": "value_too_large",
    "gid_manager_too_high": "value_too_large",
    "gid_object_too_high": "value_too_large",
    # GINC
    "ginc_company_prefix_1": "company_prefix_length",
    "ginc_company_prefix_2": "company_prefix_length",
    "ginc_serial_too_long_1": "component_too_long",
    "ginc_serial_too_long_2": "component_too_long",
    # GRAI
    "grai_too_long_serial_1": "component_too_long",
    "grai_invalid_company_pref_1": "company_prefix_length",
    "grai_invalid_company_pref_2": "company_prefix_length",
    "grai_invalid_char": "invalid_escape",
    "grai_invalid_serial_1": "empty_component",
    "grai_invalid_serial_2": "component_too_long",
    # GSIN (the three "digit amount"/"chars" cases use ':' as separator)
    "gsin_company_prefix_1": "company_prefix_length",
    "gsin_company_prefix_2": "company_prefix_length",
    "gsin_incorrect_digit_amount_1": None,
    "gsin_incorrect_digit_amount_2": None,
    "gsin_invalid_chars": None,
    # GSRN / GSRNP
    "gsrn_invalid_company_pref_1": "company_prefix_length",
    "gsrn_invalid_company_pref_2": "company_prefix_length",
    "gsrn_invalid_char_1": "not_digits",
    "gsrn_invalid_char_2": "not_digits",
    "gsrn_too_short": "digit_count",
    "gsrn_too_long": "digit_count",
    "gsrnp_invalid_company_pref_1": "company_prefix_length",
    "gsrnp_invalid_company_pref_2": "company_prefix_length",
    "gsrnp_invalid_char_1": "not_digits",
    "gsrnp_invalid_char_2": "not_digits",
    "gsrnp_too_short": "digit_count",
    "gsrnp_too_long": "digit_count",
    # IMOVN
    "imovn_too_long": "digit_count",            # IMO number is exactly 7 digits
    "imovn_too_short": "digit_count",
    "imovn_invalid_chars": "not_digits",
    # ITIP
    "itip_serial_too_long": "component_too_long",
    "itip_no_serial": "empty_component",
    "itip_company_pref_1": "company_prefix_length",
    "itip_company_pref_2": "company_prefix_length",
    "itip_invalid_piece_1": "digit_count",      # piece and total: 2 digits
    "itip_invalid_piece_2": "digit_count",
    "itip_invalid_total_1": "digit_count",
    "itip_invalid_total_2": "digit_count",
    # LGTIN
    "lgtin_company_prefix_1": "company_prefix_length",
    "lgtin_company_prefix_2": None,            # 13-digit GCP and 14 digits
    "lgtin_invalid_component": None,           # 5-digit GCP and 6 digits
    "lgtin_serial_too_long_1": "component_too_long",
    # PGLN
    "pgln_company_prefix_1": "company_prefix_length",
    "pgln_company_prefix_2": "company_prefix_length",
    "pgln_serial_too_long_1": "digit_count",
    "pgln_serial_invalid_chars": None,         # 5-digit GCP and a letter
    # SGCN
    "sgcn_company_prefix_1": "company_prefix_length",
    "sgcn_company_prefix_2": "company_prefix_length",
    "sgcn_serial_too_long": "component_too_long",
    "sgcn_serial_too_short": "empty_component",
    "sgcn_illegal_chars": "not_digits",
    # SGLN
    "sgln_company_prefix_1": "company_prefix_length",
    "sgln_company_prefix_2": "company_prefix_length",
    "sgln_serial_too_long": "component_too_long",
    "sgln_serial_too_short": "empty_component",
    # SGTIN
    "sgtin_hex_serial": "invalid_escape",
    "sgtin_company_prefix_1": "company_prefix_length",
    "sgtin_company_prefix_2": None,            # 13-digit GCP and 14 digits
    "sgtin_too_many_digits": "digit_count",
    "sgtin_missing_semicolon": None,           # 'urn:epcid:'
    "sgtin_serial_too_large": "component_too_long",
    # SSCC
    "sscc_company_prefix_1": "company_prefix_length",
    "sscc_company_prefix_2": "company_prefix_length",
    # UPUI
    "upui_component1_1": "company_prefix_length",
    "upui_component1_2": None,                 # 13-digit GCP and 14 digits
    "upui_serial_too_long": "component_too_long",
    "upui_invalid_chars": "invalid_escape",
    # USDOD
    "usdod_serial_too_long": None,             # 12 digits and >= 2^36
    "usdod_serial_too_high": "value_too_large",
    "usdod_cage_code_length_1": "component_too_short",
    "usdod_cage_code_length_2": "component_too_long",
    "usdod_cage_code_chars": "invalid_character",
}

# Invalid vectors not from the epcpy grammar tests, by id.
ID_KINDS = {
    "rust-gs1-bad-header-E2": "unknown_header",
    "derived-invalid-sgtin-escape-not-in-cset82": "invalid_escape",
    "derived-invalid-sgtin-escape-bad-hex": "invalid_escape",
    "derived-invalid-sgtin-unescaped-slash": "invalid_character",
    "derived-invalid-sgtin-serial-21-chars": "component_too_long",
    "derived-invalid-sgtin-empty-serial": "empty_component",
    "derived-invalid-sgtin-gcp-5-digits": "company_prefix_length",
    "derived-invalid-sgtin-13-digits-total-wrong": "digit_count",
    "derived-invalid-sgtin-nonnumeric-gcp": "not_digits",
    "derived-invalid-giai-unescaped-lt": "invalid_character",
    # SGTIN-96 serial "06789": leading_zero or not_encodable are both fair.
    "derived-invalid-sgtin-96-leading-zero-serial": None,
    # 2^38 in SGTIN-96: value_too_large or not_encodable are both fair.
    "derived-invalid-sgtin-96-serial-overflow": None,
    "derived-invalid-sgtin-96-alpha-serial": "not_encodable",
    "derived-invalid-sgtin-96-filter-8": "invalid_filter",
    "derived-invalid-hex-too-short": "bit_length",
    "derived-invalid-hex-partition-7": "invalid_partition",
    "derived-invalid-hex-not-hex": "not_hex",
}


def first_uri_problem(uri):
    """Kind of the first grammar problem in the body of an EPC URI that
    holds unescaped characters outside the URI character set (the OpenEPCIS
    "tds-invalid-urn" vectors)."""
    body = uri.split(":", 4)[4]
    i = 0
    while i < len(body):
        c = body[i]
        if c == "%":
            if re.match(r"%[0-9A-Fa-f]{2}", body[i:]) is None:
                return "invalid_escape"
            i += 3
            continue
        if c not in GS3A3_PLAIN:
            return "invalid_character"
        i += 1
    if body.endswith("."):
        return "empty_component"
    raise AssertionError("no grammar problem found in " + uri)


def error_kind(v):
    vid = v["id"]
    err = v["expected"]["error"]
    if vid in ID_KINDS:
        return ID_KINDS[vid]
    if err.startswith("GS1 key check digit is wrong"):
        return "check_digit"
    if err == "cannot be encoded with the requested binary scheme/filter":
        return "not_encodable"
    if err.startswith("not a valid EPC URI per TDS 1.13 §5"):
        return first_uri_problem(v["input"]["value"])
    if err == "rejected by EPC URI grammar/length rules":
        m = re.match(r"epcpy-test_invalid_(.*?)(-dup\d+)?$", vid)
        assert m, vid
        name = m.group(1)
        if name.endswith("_identifier"):
            return "unknown_scheme"
        assert name in EPCPY_KINDS, name
        return EPCPY_KINDS[name]
    raise AssertionError("no error-kind rule for " + vid)


# ---------------------------------------------------------------------------
# Helpers


def drop_peer_clauses(text):
    """Keeps the clauses of a note or error text that state facts, dropping
    those that only record what other implementations do."""
    parts = [p.strip() for p in re.split(r";\s+|\.\s+", text)]
    kept = [p for p in parts if p and not PEERS.search(p)]
    return "; ".join(kept)


def canonical_hex(h):
    h = h.strip().upper()
    assert re.fullmatch(r"[0-9A-F]+", h), h
    pad = (-len(h)) % 4
    return h + "0" * pad


def bits_to_hex(bits):
    assert re.fullmatch(r"[01]+", bits), bits
    n = len(bits)
    bits = bits + "0" * ((-n) % 16)
    return "".join("%X" % int(bits[i:i + 4], 2) for i in range(0, len(bits), 4))


def tag_parts(tag_uri):
    """(binary scheme, filter or None) of an EPC tag URI."""
    m = re.match(r"urn:epc:tag:([a-z0-9+-]+):(.*)$", tag_uri)
    assert m, tag_uri
    scheme = m.group(1)
    if scheme in NO_FILTER:
        return scheme, None
    return scheme, int(m.group(2).split(".", 1)[0])


def uri_gcp_length(uri):
    body = uri.split(":", 4)[4]
    return len(body.split(".", 1)[0])


def dl_encode(value):
    out = []
    for ch in value:
        if ch in UNRESERVED:
            out.append(ch)
        else:
            out.extend("%%%02X" % b for b in ch.encode("utf-8"))
    return "".join(out)


def parse_element_string(es):
    """[(ai, value)] of a bracketed element string."""
    items = re.findall(r"\((\d{2,4})\)([^(]*)", es)
    # Values may contain '(' and ')' (e.g. "6789/&%\"!?()"): re-split by AI
    # positions that are followed by a known AI of this project instead.
    known = ("00", "01", "10", "21", "235", "253", "254", "255", "401", "402",
             "414", "417", "8003", "8004", "8006", "8010", "8011", "8017", "8018")
    res = []
    rest = es
    while rest:
        m = re.match(r"\((\d{2,4})\)", rest)
        assert m and m.group(1) in known, es
        ai = m.group(1)
        rest = rest[m.end():]
        cut = len(rest)
        for k in known:
            j = rest.find("(" + k + ")")
            if j != -1 and j < cut:
                cut = j
        res.append((ai, rest[:cut]))
        rest = rest[cut:]
    assert items, es
    return res


def canonical_dl(es):
    """Canonical GS1 Digital Link of an element string (id.gs1.org)."""
    items = parse_element_string(es)
    path = "".join("/%s/%s" % (ai, dl_encode(val)) for ai, val in items)
    return "https://id.gs1.org" + path


def dl_path_values(dl):
    """[(ai, unescaped value)] of a Digital Link path: the pairs from the
    first primary-key AI on."""
    path = re.sub(r"^https?://[^/]*", "", dl)
    if dl.startswith("https://https://"):
        path = dl[len("https://https:/"):]
        path = re.sub(r"^/[^/]*", "", path)
    segs = path.split("/")[1:]
    keys = {"00", "01", "253", "255", "401", "402", "414", "417", "8003",
            "8004", "8006", "8010", "8017", "8018"}
    for i, s in enumerate(segs):
        if s in keys and i + 1 < len(segs):
            rest = segs[i:]
            assert len(rest) % 2 == 0, dl
            return [(rest[j], unquote(rest[j + 1])) for j in range(0, len(rest), 2)]
    raise AssertionError("no primary key in " + dl)


def split_top_level(text):
    """`text` up to its first ';' outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == ";" and depth == 0:
            return text[:i]
    return text


def short_source(src):
    m = re.match(r"GS1 EPC Tag Data Standard 1\.13 \(Nov 2019\), Appendix E\.3 .*entry ([A-Z0-9-]+)", src)
    if m:
        return "TDS 1.13 App. E.3 (%s)" % m.group(1)
    if src.startswith("GS1 EPC Tag Data Standard 1.13 (Nov 2019), Appendix E.2"):
        return "TDS 1.13 App. E.2 (decoding an SGTIN-96, p.148)"
    m = re.match(r"GS1 EPC Tag Data Standard 1\.13 \(Nov 2019\), Section ([\d.]+)( \(([^)]*)\))?(.*)", src)
    if m:
        s = "TDS 1.13 §" + m.group(1)
        tail = (m.group(4) or "").strip()
        if tail.startswith("/"):
            s += " " + tail
        elif m.group(3):
            s += " (%s)" % m.group(3)
        elif tail:
            s += " " + tail
        return s
    m = re.match(r"nedap/retail-epcpy (\S+) \((\w+), (\w+)\)", src)
    if m:
        return "epcpy %s %s.%s" % (m.group(1), m.group(2), m.group(3))
    m = re.match(r"openepcis/openepcis-epc-digitallink-translator .*/(\w+\.java) \(line (\d+)\)", src)
    if m:
        return "openepcis-epc-digitallink-translator %s:%s" % (m.group(1), m.group(2))
    if src.startswith("russss/rust-gs1 "):
        return "rust-gs1 " + src[len("russss/rust-gs1 "):]
    m = re.match(r"GS1 TDS 2\.3 \(Oct 2025\) (E\.3 Table \d+) as corrected in (\S+ \S+)", src)
    if m:
        return "TDS 2.3 %s, corrected per %s" % (m.group(1), m.group(2))
    if src.startswith("dannyhaak/TagDataTranslation pip/README.md"):
        return "TagDataTranslation pip/README.md (Python usage)"
    if src.startswith("Fosstrak/fosstrak-tdt"):
        return "fosstrak-tdt src/test/java/org/fosstrak/tdt/TestCaseSgtin.java testPage13"
    if src.startswith("derived from the TDT 2.2 SGTIN+ artefact grammar"):
        return "derived from the TDT 2.2 SGTIN+ grammar and the TDS 2.3 E.3 SGTIN++ example"
    if src.startswith("derived from"):
        s = split_top_level(src)
        s = s.replace("derived from GS1 EPC TDS 1.13", "derived from TDS 1.13")
        return s
    raise AssertionError("no short form for source: " + src)


# Notes worth keeping, by id; other vectors keep their peer-free clauses.
NOTE_OVERRIDES = {
    "epcpy-test_valid_sgln_gs1_key_2":
        "extension '0' means no AI 254 (TDS 1.13 §7.5 step 4); the source test expected (254)0",
    "tds2-derived-sgtin-plus":
        "TDS 2.x '+' schemes carry no partition, so translating to urn:epc:id needs a GCP length; "
        "hex derived from the TDT 2.2 grammar, not confirmed by a TDS 2.x implementation",
    "tds23-E3-sgtin-plusplus-errata":
        "hostname id.example.com per the TDS 2.3 errata (the standard prints example.com); "
        "re-decoded by hand",
    "derived-sgtin-noncanonical-escape-of-legal-char":
        "an escape of a character that needs none is accepted and canonicalised "
        "(TDS 1.13 §14.3.2 validity test, §14.4.2 URI form)",
    "derived-sgtin-noncanonical-escape-lowercase":
        "lowercase escape hex is accepted (TDS 1.13 §5 HexChar); output uses uppercase",
}


def note_for(v):
    if v["id"] in NOTE_OVERRIDES:
        return NOTE_OVERRIDES[v["id"]]
    n = v.get("notes")
    if not n:
        return None
    if n.startswith("TDS prints this hex without padding"):
        return "TDS 1.13 E.3 prints this hex unpadded; given here padded to 16-bit words"
    n = n.replace("; no GCP length given: expected URN depends on the GS1 GCP prefix "
                  "format list (gcpprefixformatlist) used by OpenEPCIS when the test was written", "")
    if n.startswith("no GCP length given") or "a strict TDS parser must reject it" in n:
        return None
    if n.startswith("OpenEPCIS leaves '!', '(' and ')' unescaped"):
        return ("canonical DL percent-encodes '!', '(' and ')'; the source's DL leaves them "
                "unescaped, which RFC 3986 allows in a path, so it is accepted as input")
    kept = drop_peer_clauses(n)
    kept = kept.replace("TDS 1.13 §7.5 says omit AI 254 — (expected value) follows TDS",
                        "TDS 1.13 §7.5: extension '0' means no AI 254")
    if "§7.5 says omit AI 254" in n and "§7.5" not in kept:
        kept = "TDS 1.13 §7.5: extension '0' means no AI 254"
    return kept or None


def why_for(v):
    err = v["expected"]["error"]
    why = drop_peer_clauses(err)
    if err == "rejected by EPC URI grammar/length rules":
        m = re.match(r"epcpy-test_invalid_(.*?)(-dup\d+)?$", v["id"])
        why += " (" + m.group(1).replace("_", " ") + ")"
    return why


# ---------------------------------------------------------------------------
# GTIN ranges that shall not form an EPC

GTIN_SCHEMES = {"sgtin", "lgtin", "itip", "upui"}


def restricted_gtin(gtin14):
    """Whether TDS 1.13 §7.3.3-§7.3.8 forbid an EPC from this GTIN-14. The
    GS1 Prefix is read from the 13 digits after the indicator: RCN-8 (a
    GTIN-8 whose GS1-8 Prefix starts with 0 or 2), 0001-0007, 02, 04 and
    20-29 (restricted circulation and company internal numbering), 977
    (ISSN), 980 (refund receipts), 981-984 and 99 (coupons)."""
    g = gtin14[1:]
    if g.startswith("00000"):
        return g[5] in "02"
    return (g.startswith(("02", "04", "2", "99", "977"))
            or (g.startswith("000") and g[3] in "1234567")
            or (g.startswith("98") and g[2] in "01234"))


def restricted_range(gtin14):
    """The TDS 1.13 §7.3.3-§7.3.8 range a restricted GTIN-14 is in."""
    g = gtin14[1:]
    if g.startswith("00000"):
        return "a GTIN-8 with GS1-8 Prefix %s (RCN-8, restricted circulation)" % g[5]
    for pre, what in (("02", "restricted circulation"), ("04", "company internal numbering"),
                      ("2", "restricted circulation (GS1 Prefixes 20-29)"),
                      ("000", "GS1 Prefixes 0001-0007"), ("977", "ISSN"), ("980", "refund receipts"),
                      ("98", "coupons (GS1 Prefixes 981-984)"), ("99", "coupons")):
        if g.startswith(pre):
            return "GS1 Prefix %s..., %s" % (g[:3], what)
    raise AssertionError(gtin14)


def gtin_of_uri(uri):
    """The GTIN-14 of a GTIN-based EPC URI, but for its check digit (0)."""
    if uri is None:
        return None
    parts = uri.split(":", 4)[4].split(".")
    return parts[1][:1] + parts[0] + parts[1][1:] + "0"


def gtin_of(element_string):
    for ai, val in parse_element_string(element_string):
        if ai == "01":
            return val
        if ai == "8006":
            return val[:14]
    return None


def itip_piece_total_doubt(uri):
    """Why an ITIP's piece/total is doubtful, or None."""
    if not uri or not uri.startswith("urn:epc:id:itip:"):
        return None
    parts = uri.split(":", 4)[4].split(".")
    if len(parts) < 5 or len(parts[2]) != 2 or len(parts[3]) != 2 or not (parts[2] + parts[3]).isdigit():
        return None  # invalid URI anyway
    piece, total = int(parts[2]), int(parts[3])
    if piece == 0 or total == 0 or piece > total:
        return ("piece %s of total %s: the TDS 1.13 URI grammar only asks for two digits each, but "
                "AI 8006 needs 1 <= piece <= total (GS1 General Specifications; the GS1 Barcode Syntax "
                "Engine's pieceoftotal linter), so this ITIP has no valid element string or Digital Link"
                % (parts[2], parts[3]))
    return None


# ---------------------------------------------------------------------------
# Corrections and disputes
#
# A correction changes what a case expects because the source is wrong by
# the standard; the case records why in "correction". A dispute keeps the
# source's expectation but records in "disputed" why it is doubtful: the
# runner still checks the case and lists a mismatch, without failing on it.

# Vectors the source classifies wrongly: id -> (new kind, why).
CORRECTIONS = {
    "openepcis-giai-L90-dl2urn": (
        "invalid",
        "AI 8004 value '42512183.SENSOR.TR-07-AVE-583:1' has 31 characters; a GIAI is at most "
        "30 (GS1 General Specifications AI 8004 N4+X..30; TDS 1.13 §6.3.5: company prefix and "
        "asset reference together at most 30 characters)",
    ),
}

DISPUTES = {
    "epcpy-test_invalid_bic_wrong_ownercode":
        "ISO 6346 owner codes are any three capital letters; only CAGE codes and DoDAACs "
        "exclude I and O. The source's BIC pattern [A-HJ-NP-Z]{3} looks copied from its CAGE "
        "pattern",
}


def apply_corrections(case, v):
    vid = case["id"]
    if vid in DISPUTES:
        case["disputed"] = DISPUTES[vid]
    doubt = itip_piece_total_doubt(case["expect"].get("uri") or
                                   (case["input"]["value"] if case["input"]["repr"] == "uri" else None))
    if doubt:
        case["disputed"] = doubt
    ex = case["expect"]
    if ex.get("restricted_gtin") and case["input"]["repr"] in ("digital_link", "element_string"):
        # The source asks for the translation TDS forbids.
        gtin = gtin_of(ex["element_string"])
        why = ("GTIN %s is in %s: TDS 1.13 §7.3.3-§7.3.8 say such GTINs shall not "
               "form an EPC" % (gtin, restricted_range(gtin)))
        case["kind"] = "invalid"
        case["correction"] = "source says valid (%s): %s" % (ex.get("uri"), why)
        case["expect"] = OrderedDict([("error_kind", "restricted_gtin"), ("why", why)])
    if vid in CORRECTIONS:
        kind, why = CORRECTIONS[vid]
        assert case["kind"] != kind, vid
        case["kind"] = kind
        case["correction"] = "source says %s: %s" % (v["kind"], why)
        if kind == "invalid":
            params = case["input"].get("params", {})
            for k in ("binary_scheme", "filter"):
                params.pop(k, None)
            case["expect"] = OrderedDict([("why", why)])
    # Keep the key order stable: correction/disputed after kind.
    order = ["id", "source", "kind", "correction", "disputed", "input", "expect"]
    return OrderedDict((k, case[k]) for k in order if k in case)


# ---------------------------------------------------------------------------
# Conversion of one vector


def norm_params(v):
    """binary_scheme / filter / gcp_length from the vector's input params."""
    p = v["input"].get("params")
    out = {}
    if p is None:
        pass
    elif isinstance(p, str):
        kv = dict(x.split("=", 1) for x in p.split(";"))
        kv = {k.lower(): val for k, val in kv.items()}
        out["filter"] = int(kv["filter"])
        out["gcp_length"] = int(kv["gs1companyprefixlength"])
        assert v["scheme"] == "sgtin", v["id"]
        out["binary_scheme"] = "sgtin-%d" % int(kv["taglength"])
    elif "binary_coding_scheme" in p:
        out["binary_scheme"] = p["binary_coding_scheme"].lower().replace("_", "-")
        fv = p["filter_value"]
        m = re.fullmatch(r"RESERVED_(\d)", fv)
        out["filter"] = int(m.group(1)) if m else FILTER_NAMES[fv]
    else:
        out["binary_scheme"] = p["binary_scheme"].lower()
        if p.get("filter") is not None:
            out["filter"] = int(p["filter"])
        if "dataToggle" in p:
            out["data_toggle"] = int(p["dataToggle"])
    bs = out.get("binary_scheme")
    assert bs is None or bs in FIXED_BITS or bs in VAR_SCHEMES or bs in PLUS_SCHEMES, bs
    return out


def convert(v):
    vid = v["id"]
    scheme = v["scheme"]
    kind = v["kind"]
    vin = v["input"]
    exp = v["expected"]
    repr_in = REPR[vin["repr"]]
    value = vin["value"]
    # Some sources file LGTIN class URIs as pure identity URIs.
    if repr_in == "uri" and value.startswith("urn:epc:class:"):
        repr_in = "class_uri"
    params = norm_params(v)
    if "gcp_length" in vin:
        params["gcp_length"] = vin["gcp_length"]

    case = OrderedDict()
    case["id"] = vid
    case["source"] = short_source(v["source"])
    case["kind"] = kind
    inp = OrderedDict([("repr", repr_in), ("value", value)])
    ex = OrderedDict()

    # TDT bare identifiers become element strings.
    if vin["repr"] == "bare_identifier":
        kv = dict(x.split("=", 1) for x in value.split(";"))
        inp["value"] = "(01)%s(21)%s" % (kv["gtin"], kv["serial"])

    if kind == "invalid":
        ek = error_kind(v)
        if ek:
            ex["error_kind"] = ek
        ex["why"] = why_for(v)
        # The source gives the URN a GCP table would have given (in the
        # note) for check-digit DL vectors without a GCP length.
        if repr_in == "digital_link" and "gcp_length" not in params:
            m = re.search(r"returns (urn:epc:\S+)", v.get("notes", ""))
            assert m, vid
            params["gcp_length"] = uri_gcp_length(m.group(1))
            params["gcp_table"] = True
        if repr_in == "tag_uri":
            try:
                bs, f = tag_parts(value)
                if bs in FIXED_BITS or bs in VAR_SCHEMES:
                    params.setdefault("binary_scheme", bs)
            except AssertionError:
                pass
    else:
        # Identity URIs.
        uri = exp.get("canonical_pure_identity_uri") or exp.get("pure_identity_uri")
        if uri is None and repr_in in ("uri", "class_uri"):
            uri = value
        if uri is not None:
            ex["class_uri" if uri.startswith("urn:epc:class:") else "uri"] = uri
        if "tag_uri" in exp:
            ex["tag_uri"] = exp["tag_uri"]
        tag = exp.get("tag_uri") or (value if repr_in == "tag_uri" else None)
        if tag is not None:
            bs, f = tag_parts(tag)
            if "binary_scheme" in params:
                assert params["binary_scheme"] == bs, vid
                assert params.get("filter") == f, vid
            params["binary_scheme"] = bs
            if f is not None:
                params["filter"] = f
        # Binary.
        if "hex" in exp:
            ex["hex"] = canonical_hex(exp.get("hex_padded_16bit") or exp["hex"])
            if "hex_padded_16bit" in exp:
                assert ex["hex"] == exp["hex_padded_16bit"], vid
        elif "binary" in exp:
            ex["hex"] = bits_to_hex(exp["binary"])
        if "filter" in exp:
            ex["filter"] = exp["filter"]
        bs = params.get("binary_scheme")
        if "hex" in ex and bs in FIXED_BITS:
            want = (FIXED_BITS[bs] + 15) // 16 * 4
            assert len(ex["hex"]) == want, (vid, len(ex["hex"]), want)
        # Element string.
        es = exp.get("gs1_element_string")
        if es is None and "gtin" in exp:
            es = "(01)%s(21)%s" % (exp["gtin"], exp["serial"])
        if es is None and repr_in == "element_string":
            es = inp["value"]
        if es is not None:
            ex["element_string"] = es
        # Digital Link.
        dl_given = exp.get("digital_link") or exp.get("gs1_digital_link")
        if repr_in == "digital_link":
            dl_given = None  # the input itself
        if es is not None and scheme in GS1_SCHEMES:
            ex["digital_link"] = canonical_dl(es)
            if "hostname" in exp:
                ex["digital_link"] = ex["digital_link"].replace(
                    "https://id.gs1.org", "https://" + exp["hostname"])
            for alt in (dl_given, exp.get("digital_link_strict")):
                if alt and alt != ex["digital_link"]:
                    assert dl_path_values(alt) == parse_element_string(es), (vid, alt)
                    ex["digital_link_alt"] = alt
        if repr_in == "digital_link":
            assert dl_path_values(value) == parse_element_string(es), vid
        # TDS 2.x plus fields.
        if "dataToggle" in exp:
            ex["data_toggle"] = exp["dataToggle"]
        if "hostname" in exp:
            ex["hostname"] = exp["hostname"]
        if "header" in exp:
            params["binary_scheme"] = "sgtin++"
        # GCP length.
        gl = exp.get("gcp_length")
        if gl is not None:
            params.setdefault("gcp_length", gl)
        if uri is not None and scheme in GS1_SCHEMES:
            ul = uri_gcp_length(uri)
            if "gcp_length" in params:
                assert params["gcp_length"] == ul, (vid, params["gcp_length"], ul)
            else:
                params["gcp_length"] = ul
                if exp.get("requires_gcp_length_table"):
                    params["gcp_table"] = True
        if bs in PLUS_SCHEMES:
            params.pop("gcp_length", None)
        # GTINs that shall not form an EPC: the URI is valid and translates
        # to its element string, but not back.
        if scheme in GTIN_SCHEMES and bs not in PLUS_SCHEMES:
            gtin = gtin_of(es) if es is not None else gtin_of_uri(uri)
            if gtin is not None and restricted_gtin(gtin):
                ex["restricted_gtin"] = True

    if params:
        order = ["binary_scheme", "filter", "data_toggle", "gcp_length", "gcp_table"]
        assert set(params) <= set(order), params
        inp["params"] = OrderedDict((k, params[k]) for k in order if k in params)
    case["input"] = inp
    note = note_for(v)
    if note:
        ex["note"] = note
    case["expect"] = ex
    return scheme or "misc", apply_corrections(case, v)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: convert.py path/to/tds_vectors.json [out_dir]")
    src = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    vectors = data["vectors"]
    assert len(vectors) == data["meta"]["count"]
    files = OrderedDict()
    ids = set()
    for v in vectors:
        assert v["id"] not in ids, v["id"]
        ids.add(v["id"])
        name, case = convert(v)
        files.setdefault(name, []).append(case)
    total = 0
    for name in sorted(files):
        cases = files[name]
        total += len(cases)
        doc = OrderedDict([
            ("scheme", None if name == "misc" else name),
            ("generated_by", "tests/vectors/convert.py from tds_vectors.json; see README.md"),
            ("cases", cases),
        ])
        path = os.path.join(out_dir, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.write("\n")
        valid = sum(1 for c in cases if c["kind"] == "valid")
        print("%-12s %3d cases (%3d valid, %3d invalid)" % (name + ".json", len(cases), valid, len(cases) - valid))
    assert total == len(vectors)
    assert all(i in ids for i in list(CORRECTIONS) + list(DISPUTES))
    print("total        %3d" % total)


if __name__ == "__main__":
    main()
