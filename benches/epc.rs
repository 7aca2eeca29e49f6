//! EPC translation throughput, one core: `cargo bench --bench epc`.
//!
//! Each benchmark runs over the same deterministic set of identifiers
//! (random company prefix lengths 6..=12, serials < 2^38) and reports
//! elements per second. Output goes into a reused `String`; URI → hex
//! uses `Binary::hex` into a reused buffer (allocation- and `fmt`-free:
//! the API a throughput user calls; `write!(out, "{bin}")` gives the same
//! text through the formatting machinery, 70 to 100 instructions more per
//! EPC). Goals on the reference 2-core machine (README):
//! ≥ 40 M SGTIN URI parse+validate/s, ≥ 25 M URI→SGTIN-96 hex/s,
//! ≥ 15 M hex→URI/s.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use epcstream::epc::{Binary, BinaryScheme, Epc, GcpTable, ai::ElementString, binary::MAX_BYTES};

const N: usize = 100_000;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }
}

/// GS1 Company Prefixes of every length; the last one is the element
/// string benchmark's GCP table.
fn prefixes(rng: &mut Rng) -> Vec<String> {
    (0..64).map(|i| rng.digits(6 + i % 7)).collect()
}

fn sgtin_uris(rng: &mut Rng, gcps: &[String]) -> Vec<String> {
    (0..N)
        .map(|_| {
            let gcp = &gcps[(rng.next() % gcps.len() as u64) as usize];
            let item = rng.digits(13 - gcp.len());
            let serial = rng.next() % (1 << 38);
            format!("urn:epc:id:sgtin:{gcp}.{item}.{serial}")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let gcps = prefixes(&mut rng);
    let uris = sgtin_uris(&mut rng, &gcps);
    let hexes: Vec<String> = uris
        .iter()
        .map(|u| {
            Epc::parse(u)
                .unwrap()
                .to_binary(BinaryScheme::Sgtin96, 3)
                .unwrap()
                .to_string()
        })
        .collect();
    let elements: Vec<String> = uris
        .iter()
        .map(|u| {
            Epc::parse(u)
                .unwrap()
                .to_element_string()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut table = GcpTable::new();
    for g in &gcps {
        table.insert(g, g.len() as u8).unwrap();
    }
    let ssccs: Vec<String> = (0..N)
        .map(|i| {
            let gcp = &gcps[i % gcps.len()];
            format!("urn:epc:id:sscc:{gcp}.{}", rng.digits(17 - gcp.len()))
        })
        .collect();
    let sglns: Vec<String> = (0..N)
        .map(|i| {
            let gcp = &gcps[i % gcps.len()];
            format!(
                "urn:epc:id:sgln:{gcp}.{}.{}",
                rng.digits(12 - gcp.len()),
                rng.next() % 1000
            )
        })
        .collect();

    let mut g = c.benchmark_group("epc");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("sgtin_uri_parse_validate", |b| {
        b.iter(|| {
            for u in &uris {
                // A caller parses to use a component: read the last one.
                let _ = black_box(
                    Epc::parse(black_box(u)).map(|e| e.component(e.scheme().arity() - 1).len()),
                );
            }
        })
    });
    let mut out = String::with_capacity(64);
    // `Binary::hex` into a reused buffer: what a throughput user calls
    // (no allocation, no formatting machinery; `Display` is the same text
    // through `fmt`).
    let mut hex = [0u8; MAX_BYTES * 2];
    g.bench_function("sgtin_uri_to_sgtin96_hex", |b| {
        b.iter(|| {
            for u in &uris {
                out.clear();
                if let Ok(bin) =
                    Epc::parse(black_box(u)).and_then(|e| e.to_binary(BinaryScheme::Sgtin96, 3))
                {
                    out.push_str(bin.hex(&mut hex));
                }
                black_box(&out);
            }
        })
    });
    g.bench_function("sgtin96_hex_to_uri", |b| {
        b.iter(|| {
            for h in &hexes {
                out.clear();
                if let Ok(tag) = Binary::from_hex(black_box(h)).and_then(|b| b.decode()) {
                    let _ = tag.epc().write_uri(&mut out);
                }
                black_box(&out);
            }
        })
    });
    g.bench_function("element_string_to_uri_gcp_table", |b| {
        b.iter(|| {
            for e in &elements {
                out.clear();
                if let Ok(epc) = ElementString::parse(black_box(e))
                    .and_then(|es| Epc::from_element_string(&es, &table))
                {
                    let _ = epc.write_uri(&mut out);
                }
                black_box(&out);
            }
        })
    });
    g.bench_function("sscc_uri_parse_validate", |b| {
        b.iter(|| {
            for u in &ssccs {
                // A caller parses to use a component: read the last one.
                let _ = black_box(
                    Epc::parse(black_box(u)).map(|e| e.component(e.scheme().arity() - 1).len()),
                );
            }
        })
    });
    g.bench_function("sgln_uri_parse_validate", |b| {
        b.iter(|| {
            for u in &sglns {
                // A caller parses to use a component: read the last one.
                let _ = black_box(
                    Epc::parse(black_box(u)).map(|e| e.component(e.scheme().arity() - 1).len()),
                );
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
