#!/usr/bin/env node
// Times epc-tds (npm) on the three operations of benches/peers/run.sh:
//
//   parse       pure identity URI -> epc-tds object
//   uri_to_hex  pure identity URI -> SGTIN-96 hex (uppercase)
//   hex_to_uri  SGTIN-96 hex      -> pure identity URI
//
// epc-tds has no pure identity URI parser (only `fromTagURI` and `valueOf(hex)`),
// so a URI is turned into a tag URI the way a user of the library would do it:
// `urn:epc:tag:sgtin-96:<filter>.` + the URI body, then `fromTagURI`. That call
// parses with `split` + `parseInt` and writes the bits at once, so `parse` and
// `uri_to_hex` differ only by `toHexString()`. It validates little (see
// REFERENCE.md §5): `parse` here is not the validating parse the other peers do.
//
// Usage: node epc_tds.js FILE [--reps R] [--warmup N] [--out OUT]
//   FILE  lines `URI<TAB>FILTER` (gen_sgtins.py)
//   OUT   for cross-checking: one line per input, `HEX<TAB>URI-decoded-from-HEX`,
//         or `ERR<TAB>message`
// Prints one JSON line per operation: {peer, version, op, n, secs, per_sec, errors}
// (secs: the best of R timed passes over all N inputs, after a warm-up pass).
"use strict";

const fs = require("fs");
const path = require("path");
const tds = require("epc-tds");
const version = require(path.join(path.dirname(require.resolve("epc-tds")), "..", "package.json")).version;

function args() {
  const a = process.argv.slice(2);
  const o = { file: null, reps: 3, warmup: 100000, out: null };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === "--reps") o.reps = Number(a[++i]);
    else if (a[i] === "--warmup") o.warmup = Number(a[++i]);
    else if (a[i] === "--out") o.out = a[++i];
    else if (o.file === null) o.file = a[i];
    else throw new Error(`unexpected argument ${a[i]}`);
  }
  if (o.file === null || !(o.reps >= 1)) {
    process.stderr.write("usage: node epc_tds.js FILE [--reps R] [--warmup N] [--out OUT]\n");
    process.exit(2);
  }
  return o;
}

const PURE = "urn:epc:id:sgtin:";
const TAG = "urn:epc:tag:sgtin-96:";

function toTagUri(uri, filter) {
  if (!uri.startsWith(PURE)) throw new Error(`not an SGTIN pure identity URI: ${uri}`);
  return TAG + filter + "." + uri.slice(PURE.length);
}

const OPS = {
  parse: (uris, filters, hexes, i) => tds.fromTagURI(toTagUri(uris[i], filters[i])).getPartition(),
  uri_to_hex: (uris, filters, hexes, i) => tds.fromTagURI(toTagUri(uris[i], filters[i])).toHexString().length,
  hex_to_uri: (uris, filters, hexes, i) => tds.valueOf(hexes[i]).toIdURI().length,
};

// One pass of `op` over inputs [0, n); returns [seconds, errors, sink].
function pass(op, uris, filters, hexes, n) {
  let errors = 0;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    try {
      sink += op(uris, filters, hexes, i);
    } catch (e) {
      errors++;
    }
  }
  const t1 = process.hrtime.bigint();
  return [Number(t1 - t0) / 1e9, errors, sink];
}

function main() {
  const o = args();
  const uris = [];
  const filters = [];
  for (const line of fs.readFileSync(o.file, "utf8").split("\n")) {
    if (line === "") continue;
    const tab = line.indexOf("\t");
    uris.push(line.slice(0, tab));
    filters.push(Number(line.slice(tab + 1)));
  }
  const n = uris.length;

  // Untimed: the hex inputs of hex_to_uri, made by this peer's own encoder.
  const hexes = new Array(n);
  for (let i = 0; i < n; i++) {
    try {
      hexes[i] = tds.fromTagURI(toTagUri(uris[i], filters[i])).toHexString();
    } catch (e) {
      hexes[i] = "";
    }
  }

  let sink = 0;
  for (const [name, op] of Object.entries(OPS)) {
    sink += pass(op, uris, filters, hexes, Math.min(n, o.warmup))[2];
    let best = Infinity;
    let errors = 0;
    for (let r = 0; r < o.reps; r++) {
      const [secs, errs, s] = pass(op, uris, filters, hexes, n);
      best = Math.min(best, secs);
      errors = errs;
      sink += s;
    }
    process.stdout.write(
      JSON.stringify({ peer: "epc-tds", version, op: name, n, secs: best, per_sec: n / best, errors }) + "\n",
    );
  }
  if (sink === -1) process.stderr.write("unreachable\n");

  if (o.out) {
    const lines = new Array(n);
    for (let i = 0; i < n; i++) {
      if (hexes[i] === "") {
        lines[i] = "ERR\tencode failed";
        continue;
      }
      try {
        lines[i] = hexes[i] + "\t" + tds.valueOf(hexes[i]).toIdURI();
      } catch (e) {
        lines[i] = hexes[i] + "\tERR " + String(e.message).replace(/\s+/g, " ");
      }
    }
    fs.writeFileSync(o.out, lines.join("\n") + "\n");
  }
}

main();
