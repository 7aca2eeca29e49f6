//! Deterministic TraceLink-style EPCIS 1.2 documents with as many EPCs as
//! asked, for benchmarks, tests and fuzz seeds.
//!
//! [`generate`] writes one complete document: the same [`GenOptions`] give
//! the same bytes on every machine (a built-in SplitMix64 generator, integer
//! arithmetic only), a different seed gives a different document.
//!
//! ```
//! use epcstream::r#gen::{generate, GenOptions, Layout, Message};
//!
//! let opts = GenOptions {
//!     epcs: 5_000,
//!     seed: 7,
//!     layout: Layout::Pretty,
//!     invalid_rate: 0.01,
//!     message: Message::Shipment,
//! };
//! let mut doc = Vec::new();
//! let stats = generate(&opts, &mut doc)?;
//! assert_eq!(stats.epcs, 5_000);
//! assert_eq!(stats.bytes, doc.len() as u64);
//! assert!(doc.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\""));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # The document
//!
//! What a contract manufacturer sends the receiver as an ESM Shipment
//! ("Shipment + Commission + Aggregation"):
//!
//! * `<?xml?>` declaration; root `epcis:EPCISDocument` (`schemaVersion="1.2"`,
//!   `creationDate`) declaring the `epcis`, `sbdh`, `cbvmda` and `tl`
//!   (`http://epcis.tracelink.com/ns`) namespaces;
//! * `EPCISHeader`: the SBDH (HeaderVersion 1.0, one Sender and one
//!   Receiver `sbdh:Identifier Authority="GLN"`, DocumentIdentification with
//!   an InstanceIdentifier derived from the seed, Type `Events`,
//!   CreationDateAndTime) and `EPCISMasterData` (an EPCClass vocabulary
//!   element per product, with NDC and name; a Location vocabulary for the
//!   plant and the ship-to location);
//! * `EventList`, in batches of one pallet each (one product, one lot):
//!   1. a commissioning `ObjectEvent` (ADD, `commissioning`, `active`,
//!      readPoint / bizLocation SGLN, ILMD `cbvmda:lotNumber` and
//!      `cbvmda:itemExpirationDate`, `tl:commissionEventExtensions` with
//!      `tl:packagingLevel` EA and `tl:itemDetail`) of every unit SGTIN;
//!   2. a commissioning `ObjectEvent` of the case SSCCs and one of the
//!      pallet SSCC (`tl:packagingLevel` CA / PL, one `tl:epcAttributes` with
//!      its `tl:barcodeContent` per SSCC);
//!   3. one packing `AggregationEvent` (ADD, `packing`, `in_progress`) per
//!      case (parentID = the case SSCC, 12 to 36 SGTIN children, 24 mostly),
//!      then one per pallet (its 30 to 60 cases);
//! * one shipping `ObjectEvent` at the end (OBSERVE, `shipping`,
//!   `in_transit`, bizTransactionList `po` and `desadv`, sourceList /
//!   destinationList with owning party and location,
//!   `tl:shippingEventExtensions`) of every top-level container.
//!
//! # Other messages
//!
//! [`GenOptions::message`] picks the receiver message written (the
//! default, [`Message::Shipment`], is the document above):
//!
//! * [`Message::Decommission`] (ESM Decommission): only decommissioning
//!   `ObjectEvent`s (DELETE, `decommissioning`, `inactive`, readPoint and
//!   bizLocation the plant, a `removal` bizTransaction, `tl:locationId`)
//!   of 12 to 100 unit SGTINs each, with `tl:decommissionEventExtensions`:
//!   transaction date, market country, `tl:businessPartyInfo` (businessId
//!   and its type, classification, `tl:BusinessPartyDetail` with name,
//!   street, city, state or region, postal code, country; a district for
//!   India, an address GUID for Russia), reason code and description;
//! * [`Message::Destroy`] (ESM Destroy): the same with `destroying`,
//!   `destroyed` and `tl:destroyEventExtensions`, which adds the
//!   destruction method;
//! * [`Message::Mixed`]: an ESM Shipment (which may carry decommission and
//!   destroy events, REFERENCE.md §4) with every kind of event: the
//!   shipment above for seven eighths of the EPC references, and after
//!   each pallet a decommission or a destroy event (alternating) of other
//!   units for the last eighth.
//!
//! Every document of every message passes the receiver's rules
//! ([`crate::som`]) with no error, with the message given or inferred.
//!
//! Serials are unique within a document: 12-digit numeric or 10-character
//! alphanumeric per product (a bijection of a counter, so they look random),
//! SSCCs are sequential. Every valid EPC is a canonical pure identity URI.
//!
//! # What is counted
//!
//! [`GenOptions::epcs`] and [`GenStats::epcs`] count **EPC references**:
//! every `<epc>` element (in `epcList` and `childEPCs`) and every
//! `<parentID>` element, valid or not. Nothing else counts: not the SGLNs of
//! readPoint, bizLocation, source or destination, not the `epc` attribute of
//! `tl:epcAttributes`, not master data ids. This is the scanner's count of
//! EPCs for such a document and the "EPC refs" of the public corpus
//! manifest. The total is exact: full pallets first, then a last partial
//! batch of loose cases (shipped without a pallet) and loose units
//! (commissioned, not packed, not shipped) that makes up the difference.
//!
//! # Invalid EPCs
//!
//! With [`GenOptions::invalid_rate`] R, each EPC reference is independently
//! made invalid with probability R (decided by a second generator, so the
//! document around the EPCs does not depend on R), in one of these ways,
//! chosen at random:
//!
//! * wrong digit count (a company prefix digit dropped or doubled);
//! * an unescaped `/` in the serial;
//! * a serial longer than 20 characters;
//! * an unknown scheme (`sgtn`, `gtin`, `sgtin96`, `ssc`, ...);
//! * truncated (cut anywhere before the serial, or right after its dot);
//! * an unescaped `&` in the serial (written `&amp;` in the XML, so the
//!   decoded URI holds a raw `&`, which must be `%26`).
//!
//! [`GenStats::invalid_epcs`] says how many were made invalid.
//!
//! # Size and speed
//!
//! A document takes 77 to 86 bytes per EPC reference in the pretty and CRLF
//! layouts and 63 to 70 in the minimal one, depending on the seed (case and
//! pallet sizes, serial style): 1.3 million EPCs make about 100 MB.
//!
//! The document is rendered into an internal 128 KiB buffer and handed to
//! the writer in large pieces (no need for a `BufWriter`); EPCs are written
//! digit by digit, without `format!`. Measured on the project's 2-vCPU VM:
//! about 2 GB/s of CPU time, 400 to 650 MB/s wall-clock while the machine
//! was shared, for a 100 MB document written to `/dev/null` or a reused
//! buffer (writing into freshly allocated memory or a disk file is bounded
//! by the VM's page faults and I/O instead).

use std::io::{self, Write};

/// How the document is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One element per line, indented by 2 spaces per level, LF line ends.
    #[default]
    Pretty,
    /// No white space between tags at all (one line, no final newline).
    Min,
    /// As [`Layout::Pretty`], with CRLF line ends.
    Crlf,
}

impl Layout {
    /// Every layout.
    pub const ALL: &'static [Layout] = &[Layout::Pretty, Layout::Min, Layout::Crlf];

    /// `pretty`, `min` or `crlf`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::Pretty => "pretty",
            Layout::Min => "min",
            Layout::Crlf => "crlf",
        }
    }
}

/// Which receiver message the document is (see the module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Message {
    /// ESM Shipment: commission, aggregation, shipping.
    #[default]
    Shipment,
    /// ESM Decommission: decommissioning events only.
    Decommission,
    /// ESM Destroy: destroying events only.
    Destroy,
    /// ESM Shipment with decommission and destroy events besides.
    Mixed,
}

impl Message {
    /// Every message.
    pub const ALL: &'static [Message] = &[
        Message::Shipment,
        Message::Decommission,
        Message::Destroy,
        Message::Mixed,
    ];

    /// `shipment`, `decommission`, `destroy` or `mixed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Message::Shipment => "shipment",
            Message::Decommission => "decommission",
            Message::Destroy => "destroy",
            Message::Mixed => "mixed",
        }
    }

    /// The receiver's message type the document is.
    pub const fn message_type(self) -> crate::som::MessageType {
        match self {
            Message::Shipment | Message::Mixed => crate::som::MessageType::EsmShipment,
            Message::Decommission => crate::som::MessageType::EsmDecommission,
            Message::Destroy => crate::som::MessageType::EsmDestroy,
        }
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenOptions {
    /// EPC references to write: `<epc>` plus `<parentID>` elements (see the
    /// module docs). Exact. Default 1000.
    pub epcs: u64,
    /// The seed: same options, same bytes. Default 0.
    pub seed: u64,
    /// White space between tags. Default [`Layout::Pretty`].
    pub layout: Layout,
    /// Fraction of EPC references made invalid, in `0.0..=1.0`. Default 0.
    pub invalid_rate: f64,
    /// The receiver message. Default [`Message::Shipment`].
    pub message: Message,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            epcs: 1000,
            seed: 0,
            layout: Layout::Pretty,
            invalid_rate: 0.0,
            message: Message::Shipment,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct GenStats {
    /// Bytes written.
    pub bytes: u64,
    /// Events written (all in `EventList`, none under `extension`).
    pub events: u64,
    /// EPC references written (`<epc>` and `<parentID>` elements); always
    /// equal to [`GenOptions::epcs`].
    pub epcs: u64,
    /// How many of them were made invalid.
    pub invalid_epcs: u64,
}

/// Writes the document `opts` describes to `out` (see the module docs).
///
/// Errors: those of `out`, and [`io::ErrorKind::InvalidInput`] when
/// `invalid_rate` is not a number in `0.0..=1.0` (nothing is written then).
/// `out` is flushed at the end.
pub fn generate<W: Write>(opts: &GenOptions, out: W) -> io::Result<GenStats> {
    if !(0.0..=1.0).contains(&opts.invalid_rate) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid rate {} is not in 0..=1", opts.invalid_rate),
        ));
    }
    let world = World::new(opts.seed);
    let split = Split::new(opts.message, opts.epcs, opts.seed);
    let mut events = split.removals.len() as u64;
    let mut shipped = 0u64;
    for b in Plan::new(&world, split.shipment) {
        events += b.events();
        shipped += b.shipped();
    }
    events += u64::from(shipped > 0);
    let mut g = Gen {
        xml: Xml::new(out, opts.layout),
        rng: Rng(splitmix(opts.seed ^ 0x005E_ED0F_EC15)),
        bad: Corrupter::new(opts.seed, opts.invalid_rate),
        item_ctr: vec![0; world.products.len()],
        sscc_ctr: world.sscc_base,
        batches: vec![0; world.products.len()],
        top: Vec::new(),
        event_index: 0,
        total_events: events,
        epcs: 0,
        invalid: 0,
        uri: Vec::with_capacity(64),
        bad_uri: Vec::with_capacity(64),
        text: Vec::with_capacity(64),
        world,
        removals: split.removals,
        removed: 0,
    };
    g.document(split.shipment)?;
    debug_assert_eq!(g.epcs, opts.epcs);
    debug_assert_eq!(g.event_index, events);
    let (epcs, invalid_epcs) = (g.epcs, g.invalid);
    let bytes = g.xml.finish()?;
    Ok(GenStats {
        bytes,
        events,
        epcs,
        invalid_epcs,
    })
}

// ---------------------------------------------------------------------------
// Randomness

/// One SplitMix64 step of a state.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A random item of a non-empty list.
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        // `below(len)` < len, and every list passed here is non-empty.
        items[i.min(items.len().saturating_sub(1))]
    }

    /// `n` random decimal digits.
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

// ---------------------------------------------------------------------------
// The world a document describes: companies, places, products.

/// 32 symbols without I, L, O, U (easy to read on a carton).
const ALNUM: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A keyed bijection of `bits`-bit integers (xor key, multiply by an odd
/// number, xorshift; three rounds): counters in, random-looking but
/// never-repeating numbers out.
#[derive(Clone, Copy, Debug)]
struct Permutation {
    keys: [u64; 3],
    bits: u32,
}

impl Permutation {
    fn new(rng: &mut Rng, bits: u32) -> Self {
        Permutation {
            keys: [rng.next(), rng.next(), rng.next()],
            bits,
        }
    }

    fn apply(self, mut x: u64) -> u64 {
        const ODD: [u64; 3] = [
            0x9E37_79B9_7F4A_7C15,
            0xBF58_476D_1CE4_E5B9,
            0x94D0_49BB_1331_11EB,
        ];
        let mask = (1u64 << self.bits) - 1;
        for (k, m) in self.keys.iter().zip(ODD) {
            x = ((x ^ k) & mask).wrapping_mul(m) & mask;
            x ^= x >> (self.bits / 2 + 1);
        }
        x
    }

    /// The bijection restricted to `0..modulus` (cycle walking: apply again
    /// until the value falls in range; `modulus` ≤ 2^bits).
    fn apply_below(self, x: u64, modulus: u64) -> u64 {
        let mut y = self.apply(x % modulus);
        // A cycle of the permutation through `x` returns to `x` < modulus,
        // so this ends; on average after 2^bits / modulus steps.
        while y >= modulus {
            y = self.apply(y);
        }
        y
    }
}

#[derive(Clone, Copy, Debug)]
enum SerialStyle {
    /// 12 digits, first one not 0.
    Numeric(Permutation),
    /// 10 characters of [`ALNUM`], 5 bits a character.
    Alnum(Permutation),
}

impl SerialStyle {
    const NUMERIC_MOD: u64 = 900_000_000_000;

    /// The serial of the `n`th unit, appended to `out`. A bijection of `n`
    /// (for n below 9·10^11, resp. 2^50), so serials never repeat in a
    /// document.
    fn write(self, n: u64, out: &mut Vec<u8>) {
        match self {
            SerialStyle::Numeric(p) => {
                push_digits(
                    out,
                    100_000_000_000 + p.apply_below(n, Self::NUMERIC_MOD),
                    12,
                );
            }
            SerialStyle::Alnum(p) => {
                let v = p.apply(n);
                for i in (0..10).rev() {
                    out.push(ALNUM[((v >> (5 * i)) & 31) as usize]);
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
struct Product {
    /// Indicator digit + item reference (13 − GCP length digits).
    item_ref: String,
    serial: SerialStyle,
    /// Units per case.
    per_case: u64,
    /// Cases per pallet.
    cases: u64,
    name: &'static str,
    form: &'static str,
    strength: &'static str,
    pack: &'static str,
    /// NDC in the 11-digit (5-4-2) form.
    ndc11: String,
    /// Lot number prefix.
    lot: String,
}

#[derive(Clone, Copy, Debug)]
struct Place {
    name: &'static str,
    street: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
}

const PLANTS: &[Place] = &[
    Place {
        name: "Contract Packaging Plant 2",
        street: "400 Research Parkway",
        city: "Durham",
        state: "NC",
        zip: "27709",
    },
    Place {
        name: "Sterile Fill Finish Site",
        street: "12 Industrial Drive",
        city: "Parsippany",
        state: "NJ",
        zip: "07054",
    },
    Place {
        name: "Solid Dose Packaging",
        street: "2250 Commerce Boulevard",
        city: "Columbus",
        state: "OH",
        zip: "43219",
    },
];

const DCS: &[Place] = &[
    Place {
        name: "Regional Distribution Center",
        street: "9800 Logistics Way",
        city: "Memphis",
        state: "TN",
        zip: "38118",
    },
    Place {
        name: "Pharma Wholesale DC East",
        street: "75 Harbor Road",
        city: "Allentown",
        state: "PA",
        zip: "18109",
    },
    Place {
        name: "Distribution Center West",
        street: "3100 Valley Avenue",
        city: "Reno",
        state: "NV",
        zip: "89502",
    },
];

/// (name, dosage form, strength, package)
const DRUGS: &[(&str, &str, &str, &str)] = &[
    (
        "Atorvastatin Calcium Tablets",
        "TABLET",
        "20 mg",
        "90 count bottle",
    ),
    (
        "Metformin Hydrochloride Extended-Release Tablets",
        "TABLET",
        "500 mg",
        "100 count bottle",
    ),
    (
        "Amoxicillin Capsules",
        "CAPSULE",
        "500 mg",
        "30 count bottle",
    ),
    ("Lisinopril Tablets", "TABLET", "10 mg", "90 count bottle"),
    (
        "Sertraline Hydrochloride Tablets",
        "TABLET",
        "50 mg",
        "30 count bottle",
    ),
    (
        "Omeprazole Delayed-Release Capsules",
        "CAPSULE",
        "20 mg",
        "30 count bottle",
    ),
    (
        "Levothyroxine Sodium Tablets",
        "TABLET",
        "75 mcg",
        "90 count bottle",
    ),
    (
        "Enoxaparin Sodium Injection",
        "INJECTION",
        "40 mg/0.4 mL",
        "10 prefilled syringes",
    ),
];

/// The business parties of removal events: (country, name, street, city,
/// state, postal code), `None` for the manufacturer's plant.
type PartyDetail = Option<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)>;

const PARTIES: &[(&str, PartyDetail)] = &[
    ("US", None),
    (
        "IN",
        Some((
            "Deccan Pharma Distributors Pvt. Ltd.",
            "14 Industrial Estate Road",
            "Hyderabad",
            "Telangana",
            "500032",
        )),
    ),
    ("US", None),
    (
        "RU",
        Some((
            "Russian Pharma",
            "Bolshoy Devyatinsky Lane 8",
            "Moskva",
            "Presnensky",
            "121099",
        )),
    ),
];

/// Decommission reason codes (the `DecommissionReasonCode` table) with a
/// description.
const REASONS: &[(&str, &str)] = &[
    ("DAMAGED", "Damaged in handling"),
    ("DEFECTIVE", "Failed inspection"),
    ("PRODUCTION_DEFECT", "Label misprint"),
];

const TIME_ZONES: &[&str] = &["-05:00", "-04:00", "-06:00", "-07:00", "+01:00", "+05:30"];

#[derive(Clone, Debug)]
struct World {
    /// The manufacturer's GS1 Company Prefix ("03" + labeler code).
    gcp: String,
    /// Plant SGLN (location reference, extension 0).
    plant_sgln: String,
    /// Shipping dock SGLN (same location, extension `DOCK` + n).
    dock_sgln: String,
    /// The manufacturer as a party.
    owner_sgln: String,
    sender_gln: String,
    receiver_gln: String,
    customer_gln: String,
    customer_sgln: String,
    customer_dc_sgln: String,
    plant: Place,
    dc: Place,
    company: &'static str,
    customer: &'static str,
    products: Vec<Product>,
    tz: &'static str,
    /// Unix seconds of the first event.
    t0: i64,
    /// First SSCC serial number (without extension digit).
    sscc_base: u64,
    /// SSCC serial reference width without the extension digit.
    sscc_width: usize,
    instance: String,
    po: String,
    asn: String,
}

/// A GCP (`prefix` + random digits to `len`) and a GLN (+ location ref +
/// check digit).
fn company(rng: &mut Rng, prefix: &str, len: usize) -> (String, String) {
    let gcp = format!("{prefix}{}", rng.digits(len - prefix.len()));
    let gln = gln(&gcp, &rng.digits(12 - len));
    (gcp, gln)
}

fn gln(gcp: &str, loc: &str) -> String {
    let body = format!("{gcp}{loc}");
    let check = crate::epc::gs1_check_digit(body.as_bytes()).unwrap_or(0);
    format!("{body}{check}")
}

/// The SGLN of a 13-digit GLN whose company prefix has `gcp_len` digits.
fn sgln_of(gln: &str, gcp_len: usize, ext: &str) -> String {
    let gcp = gln.get(..gcp_len).unwrap_or("");
    let loc = gln.get(gcp_len..12).unwrap_or("");
    format!("urn:epc:id:sgln:{gcp}.{loc}.{ext}")
}

impl World {
    fn new(seed: u64) -> World {
        let mut rng = Rng(splitmix(seed));
        let gcp_len = rng.pick(&[6usize, 7, 7, 7]);
        let (gcp, sender_gln) = company(&mut rng, "03", gcp_len);
        let receiver_len = rng.pick(&[7usize, 9]);
        let (_, receiver_gln) = company(&mut rng, "03", receiver_len);
        let customer_len = rng.pick(&[7usize, 8]);
        let (_, customer_gln) = company(&mut rng, "03", customer_len);
        let plant_loc = rng.digits(12 - gcp_len);
        let plant_gln = gln(&gcp, &plant_loc);
        let dc_gln = gln(
            customer_gln.get(..customer_len).unwrap_or(""),
            &rng.digits(12 - customer_len),
        );
        let dock = format!("DOCK{}", 1 + rng.below(9));
        let mut products = Vec::new();
        let n_products = 1 + rng.below(3) as usize;
        let mut drugs: Vec<usize> = (0..DRUGS.len()).collect();
        for i in 0..n_products {
            // Distinct drugs: pick and remove.
            let at = rng.below(drugs.len() as u64) as usize;
            let d = drugs.swap_remove(at.min(drugs.len().saturating_sub(1)));
            let (name, form, strength, pack) = DRUGS.get(d).copied().unwrap_or(DRUGS[0]);
            let product_code = rng.digits(13 - gcp_len - 1);
            let item_ref = format!("0{product_code}");
            // NDC-10 = labeler (GCP without "03") + product + package code.
            let labeler = gcp.get(2..).unwrap_or("");
            let ndc11 = if labeler.len() == 4 {
                // 4-4-2 → 0 + labeler.
                format!("0{labeler}{product_code}")
            } else {
                // 5-3-2 → product padded to 4 digits.
                let (prod, pkg) = product_code.split_at(3.min(product_code.len()));
                format!("{labeler}0{prod}{pkg}")
            };
            let serial = if i % 2 == 0 {
                // 9·10^11 < 2^40.
                SerialStyle::Numeric(Permutation::new(&mut rng, 40))
            } else {
                SerialStyle::Alnum(Permutation::new(&mut rng, 50))
            };
            let lot = format!(
                "{}{}",
                char::from(b'A' + rng.below(26) as u8),
                char::from(b'A' + rng.below(26) as u8)
            );
            products.push(Product {
                item_ref,
                serial,
                per_case: rng.pick(&[24u64, 24, 24, 20, 30, 12, 36]),
                cases: rng.pick(&[30u64, 40, 40, 48, 60]),
                name,
                form,
                strength,
                pack,
                ndc11,
                lot,
            });
        }
        // 2024-01-01T00:00:00Z plus up to two years, during the day.
        let t0 =
            1_704_067_200 + 86_400 * rng.below(730) as i64 + 3_600 * (6 + rng.below(10) as i64);
        let sscc_width = 16 - gcp_len;
        let sscc_base = rng.below(10u64.pow(sscc_width as u32 - 1));
        let instance = format!("{:016}", rng.below(10_000_000_000_000_000));
        World {
            plant_sgln: sgln_of(&plant_gln, gcp_len, "0"),
            dock_sgln: sgln_of(&plant_gln, gcp_len, &dock),
            owner_sgln: sgln_of(&sender_gln, gcp_len, "0"),
            customer_sgln: sgln_of(&customer_gln, customer_len, "0"),
            customer_dc_sgln: sgln_of(&dc_gln, customer_len, "0"),
            gcp,
            sender_gln,
            receiver_gln,
            customer_gln,
            plant: rng.pick(PLANTS),
            dc: rng.pick(DCS),
            company: rng.pick(&[
                "Acme Contract Pharma LLC",
                "Northfield Packaging Services Inc.",
                "Bluewater CMO Corp.",
            ]),
            customer: rng.pick(&[
                "Regional Pharmacy Wholesale Inc.",
                "National Drug Distribution LLC",
            ]),
            products,
            tz: rng.pick(TIME_ZONES),
            t0,
            sscc_base,
            sscc_width,
            instance,
            po: format!("PO{}", rng.digits(8)),
            asn: (80_000_000 + rng.below(10_000_000)).to_string(),
        }
    }
}

// ---------------------------------------------------------------------------
// The plan: how `epcs` references are split into batches.

/// One pallet's worth of events (or the last, partial batch).
#[derive(Clone, Copy, Debug)]
struct Batch {
    product: usize,
    per_case: u64,
    /// Cases packed (each: commissioned, aggregated).
    cases: u64,
    /// Units commissioned but not packed.
    loose: u64,
    /// Whether the cases are on a pallet (full batch) or shipped loose.
    pallet: bool,
}

impl Batch {
    fn units(&self) -> u64 {
        self.cases * self.per_case + self.loose
    }
    fn events(&self) -> u64 {
        u64::from(self.units() > 0)
            + u64::from(self.cases > 0)
            + self.cases
            + 2 * u64::from(self.pallet)
    }
    /// Top-level containers listed in the shipping event.
    fn shipped(&self) -> u64 {
        if self.pallet { 1 } else { self.cases }
    }
}

struct Plan<'w> {
    world: &'w World,
    remaining: u64,
    index: u64,
    done: bool,
}

impl<'w> Plan<'w> {
    fn new(world: &'w World, epcs: u64) -> Self {
        Plan {
            world,
            remaining: epcs,
            index: 0,
            done: false,
        }
    }
}

impl Iterator for Plan<'_> {
    type Item = Batch;
    fn next(&mut self) -> Option<Batch> {
        if self.done || self.remaining == 0 {
            return None;
        }
        let n = self.world.products.len().max(1) as u64;
        let product = (self.index % n) as usize;
        let p = self.world.products.get(product)?;
        let (k, c) = (p.per_case, p.cases);
        // Units (ck) + case and pallet commissioning (c + 1) + case
        // aggregations (c(k + 1)) + pallet aggregation (c + 1) + shipped (1).
        let full = 2 * c * k + 3 * c + 3;
        self.index += 1;
        if self.remaining >= full {
            self.remaining -= full;
            return Some(Batch {
                product,
                per_case: k,
                cases: c,
                loose: 0,
                pallet: true,
            });
        }
        // A loose case costs its units, its commissioning, its aggregation
        // (parent + children) and its line in the shipping event.
        let per_case = 2 * k + 3;
        let cases = self.remaining / per_case;
        let loose = self.remaining - cases * per_case;
        self.remaining = 0;
        self.done = true;
        Some(Batch {
            product,
            per_case: k,
            cases,
            loose,
            pallet: false,
        })
    }
}

/// What a removal event does to its units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Removal {
    Decommission,
    Destroy,
}

/// How a document's EPC references are split: the shipment's (see
/// [`Plan`]) and the removal events' (decommission, destroy), each with
/// its size.
struct Split {
    shipment: u64,
    removals: Vec<(Removal, u64)>,
}

impl Split {
    /// Removal events hold 12 to 100 units; a mixed document gives them
    /// an eighth of its EPC references.
    fn new(message: Message, epcs: u64, seed: u64) -> Split {
        let (shipment, removed) = match message {
            Message::Shipment => (epcs, 0),
            Message::Decommission | Message::Destroy => (0, epcs),
            Message::Mixed => (epcs - epcs / 8, epcs / 8),
        };
        let mut rng = Rng(splitmix(seed ^ 0x0DEC_0DE5_DE57_0000));
        let mut removals = Vec::new();
        let mut left = removed;
        while left > 0 {
            let n = rng.pick(&[12u64, 24, 24, 36, 48, 100]).min(left);
            let kind = match message {
                Message::Destroy => Removal::Destroy,
                Message::Mixed if removals.len() % 2 == 1 => Removal::Destroy,
                _ => Removal::Decommission,
            };
            removals.push((kind, n));
            left -= n;
        }
        Split { shipment, removals }
    }
}

// ---------------------------------------------------------------------------
// Invalid EPCs

struct Corrupter {
    rng: Rng,
    threshold: u64,
    all: bool,
    none: bool,
}

impl Corrupter {
    fn new(seed: u64, rate: f64) -> Self {
        Corrupter {
            rng: Rng(splitmix(seed ^ 0xBAD0_E9C5_0000_0001)),
            // `as` saturates; exact enough for a rate.
            threshold: (rate * 18_446_744_073_709_551_616.0) as u64,
            all: rate >= 1.0,
            none: rate <= 0.0,
        }
    }

    fn hit(&mut self) -> bool {
        !self.none && (self.all || self.rng.next() < self.threshold)
    }

    /// Writes to `out` an invalid variant of the valid pure identity URI
    /// `uri` (`urn:epc:id:<scheme>:<c1>.<c2>[.<c3>]`).
    fn corrupt(&mut self, uri: &[u8], out: &mut Vec<u8>) {
        out.clear();
        let rng = &mut self.rng;
        // Byte positions: the scheme sits between the 3rd and 4th ':'.
        let colons: Vec<usize> = uri
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b':')
            .map(|(i, _)| i)
            .collect();
        let (Some(&c3), Some(&c4)) = (colons.get(2), colons.get(3)) else {
            out.extend_from_slice(b"urn:epc:id:unknown:");
            out.extend_from_slice(uri);
            return;
        };
        let body = c4 + 1;
        let first_dot = uri
            .iter()
            .skip(body)
            .position(|&b| b == b'.')
            .map_or(uri.len(), |i| body + i);
        let last_dot = uri.iter().rposition(|&b| b == b'.').unwrap_or(uri.len());
        let last = last_dot + 1; // start of the last component
        let last_len = uri.len().saturating_sub(last);
        let scheme = uri.get(c3 + 1..c4).unwrap_or(b"");
        let (head, tail) = uri.split_at(last.min(uri.len()));
        match rng.below(6) {
            0 => {
                // Wrong digit count: drop or double the company prefix's
                // last digit.
                let at = first_dot.saturating_sub(1).min(uri.len());
                let (a, b) = uri.split_at(at);
                out.extend_from_slice(a);
                if rng.below(2) == 0 {
                    out.extend_from_slice(b.get(1..).unwrap_or(b""));
                } else {
                    out.extend_from_slice(b.get(..1).unwrap_or(b"0"));
                    out.extend_from_slice(b);
                }
            }
            1 => {
                // An unescaped '/' inside the serial.
                let at = last + 1 + rng.below(last_len.saturating_sub(1) as u64) as usize;
                let (a, b) = uri.split_at(at.min(uri.len()));
                out.extend_from_slice(a);
                out.push(b'/');
                out.extend_from_slice(b);
            }
            2 => {
                // Serial longer than 20 characters.
                out.extend_from_slice(uri);
                let want = 21 + rng.below(4) as usize;
                for _ in last_len..want {
                    out.push(b'0' + rng.below(10) as u8);
                }
            }
            3 => {
                // Unknown scheme (near misses of the real one).
                let name: &[u8] = if scheme == b"sscc" {
                    rng.pick(&[&b"ssc"[..], b"sccs", b"sscc96"])
                } else {
                    rng.pick(&[&b"sgtn"[..], b"gtin", b"sgtin96", b"sgtim"])
                };
                out.extend_from_slice(uri.get(..=c3).unwrap_or(b"urn:epc:id:"));
                out.extend_from_slice(name);
                out.extend_from_slice(uri.get(c4..).unwrap_or(b""));
            }
            4 => {
                // Truncated: anywhere from inside the scheme name to right
                // after the dot before the serial.
                let from = c3 + 3;
                let to = last.max(from);
                let cut = from + rng.below((to - from + 1) as u64) as usize;
                out.extend_from_slice(uri.get(..cut).unwrap_or(uri));
            }
            _ => {
                // '&' must be %26 in an EPC URI; written as `&amp;` so the
                // XML stays well-formed.
                let at = 1 + rng.below(last_len.saturating_sub(1) as u64) as usize;
                let (a, b) = tail.split_at(at.min(tail.len()));
                out.extend_from_slice(head);
                out.extend_from_slice(a);
                out.extend_from_slice(b"&amp;");
                out.extend_from_slice(b);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Output

const FLUSH_AT: usize = 128 << 10;
const SPACES: &[u8; 64] = b"                                                                ";

/// An XML writer over an internal buffer.
struct Xml<W: Write> {
    out: W,
    buf: Vec<u8>,
    written: u64,
    depth: usize,
    layout: Layout,
}

impl<W: Write> Xml<W> {
    fn new(out: W, layout: Layout) -> Self {
        Xml {
            out,
            buf: Vec::with_capacity(FLUSH_AT + (8 << 10)),
            written: 0,
            depth: 0,
            layout,
        }
    }

    /// Line end and indentation before a tag (nothing in [`Layout::Min`]).
    #[inline]
    fn nl(&mut self) {
        let eol: &[u8] = match self.layout {
            Layout::Min => return,
            Layout::Pretty => b"\n",
            Layout::Crlf => b"\r\n",
        };
        self.buf.extend_from_slice(eol);
        let n = (2 * self.depth).min(SPACES.len());
        self.buf.extend_from_slice(SPACES.get(..n).unwrap_or(b""));
    }

    fn tag_open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.nl();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        for (k, v) in attrs {
            self.buf.push(b' ');
            self.buf.extend_from_slice(k.as_bytes());
            self.buf.extend_from_slice(b"=\"");
            self.buf.extend_from_slice(v.as_bytes());
            self.buf.push(b'"');
        }
        self.buf.push(b'>');
    }

    /// `<name attrs>` on its own line; what follows is nested.
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag_open(name, attrs);
        self.depth += 1;
    }

    /// `</name>` on its own line.
    fn end(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.nl();
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    /// `<name attrs>text</name>` on one line; `text` is written as is.
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &[u8]) {
        self.tag_open(name, attrs);
        self.buf.extend_from_slice(text);
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
    }

    fn text(&mut self, name: &str, text: &str) {
        self.leaf(name, &[], text.as_bytes());
    }

    #[inline]
    fn maybe_flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush_buf()
        } else {
            Ok(())
        }
    }

    fn flush_buf(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    fn finish(&mut self) -> io::Result<u64> {
        if self.layout != Layout::Min {
            self.buf.extend_from_slice(if self.layout == Layout::Crlf {
                b"\r\n"
            } else {
                b"\n"
            });
        }
        self.flush_buf()?;
        self.out.flush()?;
        Ok(self.written)
    }
}

/// `v` as exactly `width` decimal digits (zero-padded; higher digits of a
/// too-large `v` are dropped).
fn push_digits(out: &mut Vec<u8>, mut v: u64, width: usize) {
    let mut tmp = [b'0'; 20];
    let width = width.min(tmp.len());
    for slot in tmp.iter_mut().rev().take(width) {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.extend_from_slice(tmp.get(tmp.len() - width..).unwrap_or(b""));
}

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD`.
fn push_date(out: &mut Vec<u8>, secs: i64) {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    push_digits(out, y.clamp(0, 9999) as u64, 4);
    out.push(b'-');
    push_digits(out, u64::from(m), 2);
    out.push(b'-');
    push_digits(out, u64::from(d), 2);
}

/// `YYYY-MM-DDThh:mm:ss[.mmm]Z`.
fn push_datetime(out: &mut Vec<u8>, secs: i64, millis: Option<u64>) {
    push_date(out, secs);
    let s = secs.rem_euclid(86_400) as u64;
    out.push(b'T');
    push_digits(out, s / 3600, 2);
    out.push(b':');
    push_digits(out, s / 60 % 60, 2);
    out.push(b':');
    push_digits(out, s % 60, 2);
    if let Some(ms) = millis {
        out.push(b'.');
        push_digits(out, ms, 3);
    }
    out.push(b'Z');
}

// ---------------------------------------------------------------------------
// The generator

const NS_EPCIS: &str = "urn:epcglobal:epcis:xsd:1";
const NS_SBDH: &str = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
const NS_CBVMDA: &str = "urn:epcglobal:cbv:mda";
const NS_TL: &str = "http://epcis.tracelink.com/ns";
const MDA: &str = "urn:epcglobal:cbv:mda#";
/// Seconds between events (plus a jitter below it).
const EVENT_STEP: i64 = 6;

/// An SSCC's role: its extension digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Case,
    Pallet,
}

impl Container {
    fn extension(self) -> u8 {
        match self {
            Container::Case => b'0',
            Container::Pallet => b'1',
        }
    }
    fn level(self) -> &'static str {
        match self {
            Container::Case => "CA",
            Container::Pallet => "PL",
        }
    }
}

struct Gen<W: Write> {
    xml: Xml<W>,
    world: World,
    /// Event times, lots: the document's skeleton.
    rng: Rng,
    /// Which EPCs are invalid, and how (a separate stream).
    bad: Corrupter,
    /// Units of each product commissioned so far.
    item_ctr: Vec<u64>,
    /// Next SSCC serial number.
    sscc_ctr: u64,
    /// Batches of each product so far (lot numbering).
    batches: Vec<u64>,
    /// Top-level containers to ship.
    top: Vec<(Container, u64)>,
    event_index: u64,
    total_events: u64,
    epcs: u64,
    invalid: u64,
    /// The EPC URI being written.
    uri: Vec<u8>,
    /// Its invalid variant.
    bad_uri: Vec<u8>,
    /// Scratch for dates and numbers.
    text: Vec<u8>,
    /// Decommission and destroy events to write, and how many are written.
    removals: Vec<(Removal, u64)>,
    removed: usize,
}

impl<W: Write> Gen<W> {
    fn document(&mut self, epcs: u64) -> io::Result<()> {
        let created = self.world.t0 + EVENT_STEP * self.total_events as i64 + 95;
        self.text.clear();
        push_datetime(&mut self.text, created, None);
        let created = String::from_utf8_lossy(&self.text).into_owned();
        self.xml
            .buf
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        self.xml.start(
            "epcis:EPCISDocument",
            &[
                ("xmlns:epcis", NS_EPCIS),
                ("xmlns:sbdh", NS_SBDH),
                ("xmlns:cbvmda", NS_CBVMDA),
                ("xmlns:tl", NS_TL),
                ("schemaVersion", "1.2"),
                ("creationDate", &created),
            ],
        );
        self.header(&created);
        self.xml.start("EPCISBody", &[]);
        self.xml.start("EventList", &[]);
        let world = self.world.clone();
        for batch in Plan::new(&world, epcs) {
            self.batch(&batch)?;
            // Mixed: a removal event after each pallet.
            self.removal()?;
        }
        while self.removed < self.removals.len() {
            self.removal()?;
        }
        if !self.top.is_empty() {
            self.shipping()?;
        }
        self.xml.end("EventList");
        self.xml.end("EPCISBody");
        self.xml.end("epcis:EPCISDocument");
        Ok(())
    }

    fn header(&mut self, created: &str) {
        let w = &self.world;
        let x = &mut self.xml;
        x.start("EPCISHeader", &[]);
        x.start("sbdh:StandardBusinessDocumentHeader", &[]);
        x.text("sbdh:HeaderVersion", "1.0");
        x.start("sbdh:Sender", &[]);
        x.leaf(
            "sbdh:Identifier",
            &[("Authority", "GLN")],
            w.sender_gln.as_bytes(),
        );
        x.end("sbdh:Sender");
        x.start("sbdh:Receiver", &[]);
        x.leaf(
            "sbdh:Identifier",
            &[("Authority", "GLN")],
            w.receiver_gln.as_bytes(),
        );
        x.end("sbdh:Receiver");
        x.start("sbdh:DocumentIdentification", &[]);
        x.text("sbdh:Standard", "EPCglobal");
        x.text("sbdh:TypeVersion", "1.0");
        x.text("sbdh:InstanceIdentifier", &w.instance);
        x.text("sbdh:Type", "Events");
        x.text("sbdh:CreationDateAndTime", created);
        x.end("sbdh:DocumentIdentification");
        x.end("sbdh:StandardBusinessDocumentHeader");
        x.start("extension", &[]);
        x.start("EPCISMasterData", &[]);
        x.start("VocabularyList", &[]);
        x.start(
            "Vocabulary",
            &[("type", "urn:epcglobal:epcis:vtype:EPCClass")],
        );
        x.start("VocabularyElementList", &[]);
        for p in &w.products {
            let id = format!("urn:epc:idpat:sgtin:{}.{}.*", w.gcp, p.item_ref);
            x.start("VocabularyElement", &[("id", &id)]);
            let attrs = [
                ("additionalTradeItemIdentification", p.ndc11.as_str()),
                ("additionalTradeItemIdentificationTypeCode", "FDA_NDC_11"),
                ("regulatedProductName", p.name),
                ("manufacturerOfTradeItemPartyName", w.company),
                ("dosageFormType", p.form),
                ("strengthDescription", p.strength),
                ("netContentDescription", p.pack),
            ];
            for (k, v) in attrs {
                x.leaf("attribute", &[("id", &format!("{MDA}{k}"))], v.as_bytes());
            }
            x.end("VocabularyElement");
        }
        x.end("VocabularyElementList");
        x.end("Vocabulary");
        x.start(
            "Vocabulary",
            &[("type", "urn:epcglobal:epcis:vtype:Location")],
        );
        x.start("VocabularyElementList", &[]);
        for (id, party, place) in [
            (&w.plant_sgln, w.company, w.plant),
            (&w.customer_dc_sgln, w.customer, w.dc),
        ] {
            x.start("VocabularyElement", &[("id", id)]);
            let attrs = [
                ("name", party),
                ("streetAddressOne", place.street),
                ("streetAddressTwo", place.name),
                ("city", place.city),
                ("state", place.state),
                ("postalCode", place.zip),
                ("countryCode", "US"),
            ];
            for (k, v) in attrs {
                x.leaf("attribute", &[("id", &format!("{MDA}{k}"))], v.as_bytes());
            }
            x.end("VocabularyElement");
        }
        x.end("VocabularyElementList");
        x.end("Vocabulary");
        x.end("VocabularyList");
        x.end("EPCISMasterData");
        x.end("extension");
        x.end("EPCISHeader");
    }

    /// eventTime and eventTimeZoneOffset of the next event; returns its
    /// time in seconds.
    fn event_head(&mut self, kind: &str) -> i64 {
        let t = self.world.t0
            + EVENT_STEP * self.event_index as i64
            + self.rng.below(EVENT_STEP as u64) as i64;
        self.event_index += 1;
        self.text.clear();
        push_datetime(&mut self.text, t, Some(self.rng.below(1000)));
        self.xml.start(kind, &[]);
        self.xml.leaf("eventTime", &[], &self.text);
        self.xml.text("eventTimeZoneOffset", self.world.tz);
        t
    }

    /// readPoint and bizLocation: the plant.
    fn at_plant(&mut self) {
        let x = &mut self.xml;
        x.start("readPoint", &[]);
        x.text("id", &self.world.plant_sgln);
        x.end("readPoint");
        x.start("bizLocation", &[]);
        x.text("id", &self.world.plant_sgln);
        x.end("bizLocation");
    }

    /// Writes the EPC reference in `self.uri` as `<tag>`, made invalid at
    /// the configured rate.
    #[inline]
    fn epc(&mut self, tag: &str) -> io::Result<()> {
        self.epcs += 1;
        if self.bad.hit() {
            self.invalid += 1;
            self.bad.corrupt(&self.uri, &mut self.bad_uri);
            self.xml.leaf(tag, &[], &self.bad_uri);
        } else {
            self.xml.leaf(tag, &[], &self.uri);
        }
        self.xml.maybe_flush()
    }

    fn set_sgtin(&mut self, product: usize, n: u64) {
        self.uri.clear();
        self.uri.extend_from_slice(b"urn:epc:id:sgtin:");
        self.uri.extend_from_slice(self.world.gcp.as_bytes());
        self.uri.push(b'.');
        if let Some(p) = self.world.products.get(product) {
            self.uri.extend_from_slice(p.item_ref.as_bytes());
            self.uri.push(b'.');
            p.serial.write(n, &mut self.uri);
        }
    }

    fn set_sscc(&mut self, c: Container, n: u64) {
        self.uri.clear();
        self.uri.extend_from_slice(b"urn:epc:id:sscc:");
        self.uri.extend_from_slice(self.world.gcp.as_bytes());
        self.uri.push(b'.');
        self.uri.push(c.extension());
        push_digits(&mut self.uri, n, self.world.sscc_width);
    }

    /// The SSCC's element string: `00` + 18 digits (with check digit).
    fn sscc_barcode(&self, c: Container, n: u64, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(b"00");
        out.push(c.extension());
        out.extend_from_slice(self.world.gcp.as_bytes());
        push_digits(out, n, self.world.sscc_width);
        let check = crate::epc::gs1_check_digit(out.get(2..).unwrap_or(b"")).unwrap_or(0);
        out.push(b'0' + check);
    }

    fn batch(&mut self, b: &Batch) -> io::Result<()> {
        let p = b.product;
        let units = b.units();
        let first_unit = self.item_ctr.get(p).copied().unwrap_or(0);
        if let Some(c) = self.item_ctr.get_mut(p) {
            *c += units;
        }
        let lot_index = self.batches.get(p).copied().unwrap_or(0) / 4;
        if let Some(c) = self.batches.get_mut(p) {
            *c += 1;
        }
        if units > 0 {
            self.commission_units(p, first_unit, units, lot_index)?;
        }
        let first_case = self.sscc_ctr;
        self.sscc_ctr += b.cases;
        if b.cases > 0 {
            self.commission_ssccs(Container::Case, first_case, b.cases)?;
        }
        let pallet = self.sscc_ctr;
        if b.pallet {
            self.sscc_ctr += 1;
            self.commission_ssccs(Container::Pallet, pallet, 1)?;
        }
        for j in 0..b.cases {
            self.event_head("AggregationEvent");
            self.set_sscc(Container::Case, first_case + j);
            self.epc("parentID")?;
            self.xml.start("childEPCs", &[]);
            let from = first_unit + j * b.per_case;
            for n in from..from + b.per_case {
                self.set_sgtin(p, n);
                self.epc("epc")?;
            }
            self.aggregation_tail();
        }
        if b.pallet {
            self.event_head("AggregationEvent");
            self.set_sscc(Container::Pallet, pallet);
            self.epc("parentID")?;
            self.xml.start("childEPCs", &[]);
            for n in first_case..first_case + b.cases {
                self.set_sscc(Container::Case, n);
                self.epc("epc")?;
            }
            self.aggregation_tail();
            self.top.push((Container::Pallet, pallet));
        } else {
            self.top
                .extend((first_case..first_case + b.cases).map(|n| (Container::Case, n)));
        }
        self.xml.maybe_flush()
    }

    fn aggregation_tail(&mut self) {
        self.xml.end("childEPCs");
        self.xml.text("action", "ADD");
        self.xml
            .text("bizStep", "urn:epcglobal:cbv:bizstep:packing");
        self.xml
            .text("disposition", "urn:epcglobal:cbv:disp:in_progress");
        self.at_plant();
        self.xml.end("AggregationEvent");
    }

    fn commission_head(&mut self) {
        self.xml.end("epcList");
        self.xml.text("action", "ADD");
        self.xml
            .text("bizStep", "urn:epcglobal:cbv:bizstep:commissioning");
        self.xml
            .text("disposition", "urn:epcglobal:cbv:disp:active");
        self.at_plant();
    }

    fn commission_units(
        &mut self,
        p: usize,
        first: u64,
        count: u64,
        lot_index: u64,
    ) -> io::Result<()> {
        let t = self.event_head("ObjectEvent");
        self.xml.start("epcList", &[]);
        for n in first..first + count {
            self.set_sgtin(p, n);
            self.epc("epc")?;
        }
        self.commission_head();
        // Lot: product prefix, year, sequence; expiry two years on, end of
        // a month-ish (the lot's first day + 730 days).
        self.text.clear();
        let prefix = self.world.products.get(p).map_or("LT", |p| p.lot.as_str());
        self.text.extend_from_slice(prefix.as_bytes());
        let (year, _, _) = civil(self.world.t0.div_euclid(86_400));
        push_digits(&mut self.text, year.rem_euclid(100) as u64, 2);
        push_digits(&mut self.text, 101 + lot_index, 4);
        let lot = String::from_utf8_lossy(&self.text).into_owned();
        self.text.clear();
        push_date(&mut self.text, t - t.rem_euclid(86_400) + 730 * 86_400);
        let expiry = String::from_utf8_lossy(&self.text).into_owned();
        let x = &mut self.xml;
        x.start("extension", &[]);
        x.start("ilmd", &[]);
        x.text("cbvmda:lotNumber", &lot);
        x.text("cbvmda:itemExpirationDate", &expiry);
        x.end("ilmd");
        x.end("extension");
        x.start("tl:commissionEventExtensions", &[]);
        x.text("tl:packagingLevel", "EA");
        x.start("tl:itemDetail", &[]);
        x.text("tl:lot", &lot);
        x.text("tl:expiry", &expiry);
        x.end("tl:itemDetail");
        x.end("tl:commissionEventExtensions");
        x.end("ObjectEvent");
        Ok(())
    }

    fn commission_ssccs(&mut self, c: Container, first: u64, count: u64) -> io::Result<()> {
        self.event_head("ObjectEvent");
        self.xml.start("epcList", &[]);
        for n in first..first + count {
            self.set_sscc(c, n);
            self.epc("epc")?;
        }
        self.commission_head();
        self.xml.start("tl:commissionEventExtensions", &[]);
        self.xml.text("tl:packagingLevel", c.level());
        let mut barcode = Vec::with_capacity(20);
        for n in first..first + count {
            self.set_sscc(c, n);
            self.sscc_barcode(c, n, &mut barcode);
            let uri = String::from_utf8_lossy(&self.uri).into_owned();
            self.xml.start("tl:epcAttributes", &[("epc", &uri)]);
            self.xml.leaf("tl:barcodeContent", &[], &barcode);
            self.xml.end("tl:epcAttributes");
            self.xml.maybe_flush()?;
        }
        self.xml.end("tl:commissionEventExtensions");
        self.xml.end("ObjectEvent");
        Ok(())
    }

    /// The next decommission or destroy event, if any: units of a product
    /// not commissioned in this document (serials after its others).
    fn removal(&mut self) -> io::Result<()> {
        let Some(&(kind, count)) = self.removals.get(self.removed) else {
            return Ok(());
        };
        let index = self.removed;
        self.removed += 1;
        let n = self.world.products.len().max(1);
        let p = index % n;
        let first = self.item_ctr.get(p).copied().unwrap_or(0);
        if let Some(c) = self.item_ctr.get_mut(p) {
            *c += count;
        }
        let t = self.event_head("ObjectEvent");
        self.xml.start("epcList", &[]);
        for k in first..first + count {
            self.set_sgtin(p, k);
            self.epc("epc")?;
        }
        self.xml.end("epcList");
        let (step, disp, block) = match kind {
            Removal::Decommission => (
                "urn:epcglobal:cbv:bizstep:decommissioning",
                "urn:epcglobal:cbv:disp:inactive",
                "tl:decommissionEventExtensions",
            ),
            Removal::Destroy => (
                "urn:epcglobal:cbv:bizstep:destroying",
                "urn:epcglobal:cbv:disp:destroyed",
                "tl:destroyEventExtensions",
            ),
        };
        self.xml.text("action", "DELETE");
        self.xml.text("bizStep", step);
        self.xml.text("disposition", disp);
        self.at_plant();
        let w = &self.world;
        let x = &mut self.xml;
        x.start("bizTransactionList", &[]);
        let bt = format!("urn:epcglobal:cbv:bt:{}:RM{}", w.sender_gln, 1000 + index);
        x.leaf(
            "bizTransaction",
            &[("type", "http://epcis.tracelink.com/hc/btt/removal")],
            bt.as_bytes(),
        );
        x.end("bizTransactionList");
        x.leaf("tl:locationId", &[("type", "GLN")], w.sender_gln.as_bytes());
        self.text.clear();
        push_date(&mut self.text, t);
        x.start(block, &[]);
        x.leaf("tl:transactionDate", &[], &self.text);
        // The party: the plant (US), or one in India or Russia, whose
        // extra fields the receiver requires.
        let (country, party) = PARTIES[index % PARTIES.len()];
        x.text("tl:marketCountryCode", country);
        x.start("tl:businessPartyInfo", &[]);
        x.leaf("tl:businessId", &[("type", "GLN")], w.sender_gln.as_bytes());
        x.text("tl:businessClassification", "MANUFACTURER");
        x.start("tl:BusinessPartyDetail", &[]);
        let (name, street, city, state, zip) = match party {
            Some(p) => p,
            None => (
                w.company,
                w.plant.street,
                w.plant.city,
                w.plant.state,
                w.plant.zip,
            ),
        };
        x.text("tl:businessName", name);
        x.text("tl:street1", street);
        x.text("tl:city", city);
        x.text("tl:stateOrRegion", state);
        x.text("tl:postalCode", zip);
        match country {
            "IN" => x.text("tl:district", "519"),
            "RU" => x.text(
                "tl:addressObjectGUID",
                "19406454-0022-000C-00B0-000000000152",
            ),
            _ => {}
        }
        x.text("tl:country", country);
        x.end("tl:BusinessPartyDetail");
        x.end("tl:businessPartyInfo");
        let (code, why) = REASONS[index / PARTIES.len() % REASONS.len()];
        x.text("tl:decommissionReasonCode", code);
        x.text("tl:reasonDescription", why);
        if kind == Removal::Destroy {
            x.text("tl:destructionMethod", "INCINERATION");
        }
        x.end(block);
        x.end("ObjectEvent");
        self.xml.maybe_flush()
    }

    fn shipping(&mut self) -> io::Result<()> {
        let t = self.event_head("ObjectEvent");
        self.xml.start("epcList", &[]);
        let top = std::mem::take(&mut self.top);
        for &(c, n) in &top {
            self.set_sscc(c, n);
            self.epc("epc")?;
        }
        self.xml.end("epcList");
        let w = &self.world;
        let x = &mut self.xml;
        x.text("action", "OBSERVE");
        x.text("bizStep", "urn:epcglobal:cbv:bizstep:shipping");
        x.text("disposition", "urn:epcglobal:cbv:disp:in_transit");
        x.start("readPoint", &[]);
        x.text("id", &w.dock_sgln);
        x.end("readPoint");
        x.start("bizLocation", &[]);
        x.text("id", &w.plant_sgln);
        x.end("bizLocation");
        x.start("bizTransactionList", &[]);
        let po = format!("urn:epcglobal:cbv:bt:{}:{}", w.customer_gln, w.po);
        let asn = format!("urn:epcglobal:cbv:bt:{}:{}", w.sender_gln, w.asn);
        x.leaf(
            "bizTransaction",
            &[("type", "urn:epcglobal:cbv:btt:po")],
            po.as_bytes(),
        );
        x.leaf(
            "bizTransaction",
            &[("type", "urn:epcglobal:cbv:btt:desadv")],
            asn.as_bytes(),
        );
        x.end("bizTransactionList");
        x.start("extension", &[]);
        x.start("sourceList", &[]);
        x.leaf(
            "source",
            &[("type", "urn:epcglobal:cbv:sdt:owning_party")],
            w.owner_sgln.as_bytes(),
        );
        x.leaf(
            "source",
            &[("type", "urn:epcglobal:cbv:sdt:location")],
            w.plant_sgln.as_bytes(),
        );
        x.end("sourceList");
        x.start("destinationList", &[]);
        x.leaf(
            "destination",
            &[("type", "urn:epcglobal:cbv:sdt:owning_party")],
            w.customer_sgln.as_bytes(),
        );
        x.leaf(
            "destination",
            &[("type", "urn:epcglobal:cbv:sdt:location")],
            w.customer_dc_sgln.as_bytes(),
        );
        x.end("destinationList");
        x.end("extension");
        self.text.clear();
        push_date(&mut self.text, t);
        x.start("tl:shippingEventExtensions", &[]);
        x.leaf("tl:transactionDate", &[], &self.text);
        x.text("tl:shipToCountryCode", "US");
        x.text("tl:salesDistributionType", "INCOUNTRYTRANSFER");
        x.end("tl:shippingEventExtensions");
        x.end("ObjectEvent");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_723), (2024, 1, 1));
        assert_eq!(civil(19_782), (2024, 2, 29));
        let mut s = Vec::new();
        push_datetime(&mut s, 1_704_067_200 + 3_600 * 13 + 61, Some(7));
        assert_eq!(s, b"2024-01-01T13:01:01.007Z");
    }

    #[test]
    fn serials_are_a_bijection_of_the_counter() {
        let mut rng = Rng(1);
        for style in [
            SerialStyle::Numeric(Permutation::new(&mut rng, 40)),
            SerialStyle::Alnum(Permutation::new(&mut rng, 50)),
        ] {
            let mut seen = std::collections::HashSet::new();
            for n in 0..20_000 {
                let mut s = Vec::new();
                style.write(n, &mut s);
                assert!(s.len() == 12 || s.len() == 10);
                assert!(seen.insert(s));
            }
        }
    }

    #[test]
    fn cycle_walking_permutes_the_range() {
        let p = Permutation::new(&mut Rng(9), 10);
        let mut seen: Vec<u64> = (0..700).map(|x| p.apply_below(x, 700)).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..700).collect::<Vec<_>>());
    }

    #[test]
    fn plan_is_exact() {
        for seed in 0..20 {
            let w = World::new(seed);
            for n in [0u64, 1, 2, 3, 49, 50, 51, 1000, 2043, 2044, 10_007, 123_456] {
                let total: u64 = Plan::new(&w, n)
                    .map(|b| {
                        let units = b.units();
                        let shipped = b.shipped();
                        units
                            + b.cases
                            + u64::from(b.pallet)
                            + b.cases * (b.per_case + 1)
                            + if b.pallet { b.cases + 1 } else { 0 }
                            + shipped
                    })
                    .sum();
                assert_eq!(total, n, "seed {seed} epcs {n}");
            }
        }
    }

    /// Every message's documents pass the receiver's rules and the GS1
    /// ones without an error, with the message given and inferred.
    #[test]
    fn every_message_validates_without_errors() {
        use crate::epcis::{ScanOptions, scan_slice};
        use crate::som::{Checker, Config, Violation};
        use crate::validate::Validator;
        for &message in Message::ALL {
            for (seed, epcs, layout) in [
                (1u64, 5_000u64, Layout::Pretty),
                (2, 12_345, Layout::Min),
                (3, 40_001, Layout::Crlf),
            ] {
                let opts = GenOptions {
                    epcs,
                    seed,
                    layout,
                    invalid_rate: 0.0,
                    message,
                };
                let mut doc = Vec::new();
                let stats = generate(&opts, &mut doc).expect("generate");
                assert_eq!(stats.epcs, epcs);
                for given in [Some(message.message_type()), None] {
                    let config = Config {
                        message: given,
                        ..Config::default()
                    };
                    let mut sink = Validator::checked(Checker::new(&config, Vec::new()));
                    scan_slice(&doc, &ScanOptions::default(), &mut sink).expect("scan");
                    let (found, verdict): (Vec<Violation<'static>>, _) = sink.into_inner().finish();
                    let what = format!("{message:?} seed {seed} {given:?}");
                    assert_eq!(verdict.errors(), 0, "{what}: {found:#?}");
                    assert_eq!(verdict.warnings(), 0, "{what}: {found:#?}");
                    assert_eq!(verdict.message, Some(message.message_type()), "{what}");
                    assert_eq!((verdict.events, verdict.epcs), (stats.events, epcs));
                }
            }
        }
    }

    /// The default document does not change: benchmarks and tests depend
    /// on its bytes.
    #[test]
    fn the_default_is_the_shipment() {
        let digest = |opts: &GenOptions| {
            let mut doc = Vec::new();
            generate(opts, &mut doc).expect("generate");
            doc.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
            })
        };
        let opts = GenOptions {
            epcs: 20_000,
            seed: 4,
            ..GenOptions::default()
        };
        assert_eq!(opts.message, Message::Shipment);
        assert_eq!(digest(&opts), SHIPMENT_20000_SEED_4);
        let mixed = GenOptions {
            message: Message::Mixed,
            ..opts
        };
        assert_ne!(digest(&mixed), SHIPMENT_20000_SEED_4);
    }

    /// FNV-1a of the 20 000-EPC shipment of seed 4 as generated before
    /// [`Message`] existed.
    const SHIPMENT_20000_SEED_4: u64 = 0xc1a3_f5bd_cbe7_20a0;

    #[test]
    fn corrupted_uris_differ_and_keep_xml_safe() {
        let mut c = Corrupter::new(3, 1.0);
        let mut out = Vec::new();
        for uri in [
            &b"urn:epc:id:sgtin:0312345.012345.100000000022"[..],
            b"urn:epc:id:sscc:0312345.0000123456",
        ] {
            for _ in 0..200 {
                c.corrupt(uri, &mut out);
                assert_ne!(out, uri);
                assert!(!out.contains(&b'<'));
            }
        }
    }
}
