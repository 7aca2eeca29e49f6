//! TDS 2.x "+" and "++" binary schemes (SGTIN+, DSGTIN+, SSCC+, ..., and the
//! TDS 2.3 hostname-carrying SGTIN++, DSGTIN++, ...).
//!
//! These EPC binary encodings translate directly to and from GS1 element
//! strings: they carry the GS1 key as its AI values (check digit included,
//! no GS1 Company Prefix partition), optionally followed by "+AIDC data"
//! (further AIs such as expiry date or batch/lot) in the EPC/UII bank. They
//! have no EPC tag URI and no pure-identity level, so this module only
//! translates binary ↔ [`ElementString`]; building an `urn:epc:id:` URI from
//! the element string needs a GCP length and is done elsewhere.
//!
//! ```
//! use epcstream::epc::ai::ElementString;
//! use epcstream::epc::plus::{self, PlusScheme};
//! // TDS 2.3 E.3: SGTIN+, filter 3, no +AIDC data.
//! let mut es = ElementString::new();
//! es.push("01", "79521141123453");
//! es.push("21", "32a/b");
//! let bin = plus::encode(PlusScheme::SgtinPlus, 3, &es, None)?;
//! assert_eq!(bin.to_string(), "F73795211411234538566CB0AFC4");
//! let epc = plus::decode(&bin)?;
//! assert_eq!(epc.scheme(), PlusScheme::SgtinPlus);
//! assert_eq!(epc.element_string(), &es);
//! # Ok::<(), epcstream::epc::ParseError>(())
//! ```
//!
//! Sources (GS1 EPC Tag Data Standard 2.3, Oct 2025):
//! * Table 14-1 (§14.2): header values;
//! * §14.5: the encoding methods (+AIDC toggle bit, fixed-length numeric,
//!   fixed-bit-length numeric string, prioritised date, delimited/terminated
//!   numeric, variable-length alphanumeric with its Table E encoding
//!   indicators, dates, country code, single bit, minus sign, sequence
//!   indicator, custom hostname with optimisation tables A and B1-B4);
//! * §14.6: the coding table of every '+' / '++' scheme;
//! * §15.3: "+AIDC data" (Table K AI lengths, Table F value formats, Table B
//!   bit counts, end-of-data rules);
//! * Appendix E.3: worked examples, as corrected by the TDS 2.3 errata
//!   (dannyhaak/TagDataTranslation `docs/TDS-2.3-Errata.md`: the SGTIN++ and
//!   DSGTIN++ hostnames are `id.example.com`; SSCC++ and ITIP++ use headers
//!   0xEF and 0xED, not 0xF9 and 0xF3).
//!
//! Policies where the standard leaves room:
//! * Encoding picks the shortest variable-length alphanumeric method for
//!   each value (numeric, then hex, then the shortest of file-safe base 64,
//!   URN Code 40 and 7-bit ASCII, base 64 winning ties); decoding accepts any
//!   encoding indicator 0-5.
//! * Hostnames are encoded in URN Code 40 when that is strictly shorter,
//!   otherwise in 7-bit ASCII with the optimisation sequences, split into
//!   characters and sequences with the fewest 7-bit units (the longest
//!   sequence at each position wherever that split is shortest), so that
//!   re-encoding a decoded hostname never makes it longer.
//! * SGLN+: a missing AI (254) is encoded as extension `0`, and extension
//!   `0` decodes to no (254), as for SGLN (TDS 1.13 §7.5).
//! * DSGTIN+: the prioritised date is the first of (11) (13) (15) (16) (17)
//!   (7006) (7007) in the element string with a 6-digit value; it decodes
//!   after (01) and (21), as in E.3.
//! * Decoding is strict: values must satisfy Table F (lengths, character
//!   sets, plausible dates, check digits of GS1 keys), an AI may appear only
//!   once, the data toggle must match the presence of +AIDC data, and bits
//!   after the data must be zero (padding). An all-zero remainder is
//!   padding, never an SSCC (00) of zeros.
//! * Decoding accepts exactly what encoding produces: a decoded value always
//!   encodes again. Both directions apply the same checks: the hostname
//!   rules of §14.5.16.1 (1-63 characters of set 82; Table 14-9's `#` is
//!   not one) and the +AIDC data rules of §15.3 (any Table F AI, GS1 keys
//!   included, once; not an AI of the identifier; no SSCC of zeros last).
//! * Table F typos fixed: optimisation table B3 lists `.org.cn` and
//!   `.net.cn` under prefix 0000000 (taken as 0000010); AI (7254) has the
//!   maximum length 40 of the GS1 General Specifications and of the TDT 2.2
//!   artefact (the TDS text says 30).
//!
//! Errors carry the offset of the offending field as a nibble index into
//! the binary (its position in the hex string) when decoding, and 0 when
//! encoding.

use super::ai::{AiValue, ElementString};
use super::binary::Binary;
use super::{ErrorKind, ParseError, Scheme, gs1_check_digit};
use std::fmt;

/// The GS1 key layout shared by a '+' scheme and its '++' sibling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Sgtin,
    Dsgtin,
    Sscc,
    Sgln,
    Grai,
    Giai,
    Gsrn,
    Gsrnp,
    Gdti,
    Cpi,
    Sgcn,
    Itip,
}

impl Base {
    const fn key_ais(self) -> &'static [&'static str] {
        match self {
            Base::Sgtin | Base::Dsgtin => &["01", "21"],
            Base::Sscc => &["00"],
            Base::Sgln => &["414", "254"],
            Base::Grai => &["8003"],
            Base::Giai => &["8004"],
            Base::Gsrn => &["8018"],
            Base::Gsrnp => &["8017"],
            Base::Gdti => &["253"],
            Base::Cpi => &["8010", "8011"],
            Base::Sgcn => &["255"],
            Base::Itip => &["8006", "21"],
        }
    }
}

macro_rules! plus_schemes {
    ($($(#[$doc:meta])* $v:ident => $name:literal, $header:literal, $scheme:ident, $base:ident, $host:literal;)*) => {
        /// A TDS 2.x '+' or '++' binary coding scheme (TDS 2.3 Table 14-1).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum PlusScheme {
            $($(#[$doc])* $v,)*
        }
        impl PlusScheme {
            /// Every '+' and '++' scheme.
            pub const ALL: &'static [PlusScheme] = &[$(PlusScheme::$v,)*];
            /// Its name, lowercase as in TDT artefact file names (`sgtin+`,
            /// `dsgtin++`, ...).
            pub const fn name(self) -> &'static str {
                match self { $(PlusScheme::$v => $name,)* }
            }
            /// Its 8-bit header.
            pub const fn header(self) -> u8 {
                match self { $(PlusScheme::$v => $header,)* }
            }
            /// The pure-identity scheme of the EPC it carries (DSGTIN+ carries
            /// an SGTIN).
            pub const fn scheme(self) -> Scheme {
                match self { $(PlusScheme::$v => Scheme::$scheme,)* }
            }
            /// Whether this is a TDS 2.3 '++' scheme, which encodes a custom
            /// hostname (GS1 Digital Link domain) after the EPC.
            pub const fn has_hostname(self) -> bool {
                match self { $(PlusScheme::$v => $host,)* }
            }
            const fn base(self) -> Base {
                match self { $(PlusScheme::$v => Base::$base,)* }
            }
            /// Looks a scheme up by its header byte.
            pub const fn from_header(header: u8) -> Option<PlusScheme> {
                match header { $($header => Some(PlusScheme::$v),)* _ => None }
            }
        }
    };
}

plus_schemes! {
    /// CPI+ (0xF0): (8010) (8011).
    CpiPlus => "cpi+", 0xF0, Cpi, Cpi, false;
    /// GRAI+ (0xF1): (8003) with its serial component.
    GraiPlus => "grai+", 0xF1, Grai, Grai, false;
    /// SGLN+ (0xF2): (414) (254).
    SglnPlus => "sgln+", 0xF2, Sgln, Sgln, false;
    /// ITIP+ (0xF3): (8006) (21).
    ItipPlus => "itip+", 0xF3, Itip, Itip, false;
    /// GSRN+ (0xF4, 84 bits): (8018).
    GsrnPlus => "gsrn+", 0xF4, Gsrn, Gsrn, false;
    /// GSRNP+ (0xF5, 84 bits): (8017).
    GsrnpPlus => "gsrnp+", 0xF5, Gsrnp, Gsrnp, false;
    /// GDTI+ (0xF6): (253) with its serial component.
    GdtiPlus => "gdti+", 0xF6, Gdti, Gdti, false;
    /// SGTIN+ (0xF7): (01) (21).
    SgtinPlus => "sgtin+", 0xF7, Sgtin, Sgtin, false;
    /// SGCN+ (0xF8): (255) with its serial component.
    SgcnPlus => "sgcn+", 0xF8, Sgcn, Sgcn, false;
    /// SSCC+ (0xF9, 84 bits): (00).
    SsccPlus => "sscc+", 0xF9, Sscc, Sscc, false;
    /// GIAI+ (0xFA): (8004).
    GiaiPlus => "giai+", 0xFA, Giai, Giai, false;
    /// DSGTIN+ (0xFB): prioritised date, (01) (21).
    DsgtinPlus => "dsgtin+", 0xFB, Sgtin, Dsgtin, false;
    /// CPI++ (0xE6).
    CpiPlusPlus => "cpi++", 0xE6, Cpi, Cpi, true;
    /// GSRN++ (0xE7).
    GsrnPlusPlus => "gsrn++", 0xE7, Gsrn, Gsrn, true;
    /// GSRNP++ (0xE8).
    GsrnpPlusPlus => "gsrnp++", 0xE8, Gsrnp, Gsrnp, true;
    /// SGLN++ (0xE9).
    SglnPlusPlus => "sgln++", 0xE9, Sgln, Sgln, true;
    /// GDTI++ (0xEA).
    GdtiPlusPlus => "gdti++", 0xEA, Gdti, Gdti, true;
    /// GRAI++ (0xEB).
    GraiPlusPlus => "grai++", 0xEB, Grai, Grai, true;
    /// SGCN++ (0xEC).
    SgcnPlusPlus => "sgcn++", 0xEC, Sgcn, Sgcn, true;
    /// ITIP++ (0xED; TDS 2.3 E.3 prints 0xF3 by mistake).
    ItipPlusPlus => "itip++", 0xED, Itip, Itip, true;
    /// GIAI++ (0xEE).
    GiaiPlusPlus => "giai++", 0xEE, Giai, Giai, true;
    /// SSCC++ (0xEF; TDS 2.3 E.3 prints 0xF9 by mistake).
    SsccPlusPlus => "sscc++", 0xEF, Sscc, Sscc, true;
    /// DSGTIN++ (0xFC).
    DsgtinPlusPlus => "dsgtin++", 0xFC, Sgtin, Dsgtin, true;
    /// SGTIN++ (0xFD).
    SgtinPlusPlus => "sgtin++", 0xFD, Sgtin, Sgtin, true;
}

impl PlusScheme {
    /// Looks a scheme up by name, ignoring ASCII case (`SGTIN+`, `sgtin++`).
    pub fn from_name(name: &str) -> Option<PlusScheme> {
        PlusScheme::ALL
            .iter()
            .copied()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    /// The AIs of the EPC identifier, in binary order (SGTIN+: `01`, `21`).
    /// DSGTIN+ also carries one date AI (see [`PlusScheme::has_date`]).
    pub const fn key_ais(self) -> &'static [&'static str] {
        self.base().key_ais()
    }

    /// Whether the scheme carries a prioritised date (DSGTIN+, DSGTIN++).
    pub const fn has_date(self) -> bool {
        matches!(self.base(), Base::Dsgtin)
    }
}

impl fmt::Display for PlusScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `header` is the header of a '+' or '++' scheme.
pub const fn is_plus_header(header: u8) -> bool {
    PlusScheme::from_header(header).is_some()
}

/// A decoded '+' / '++' binary encoding: the scheme, its control fields and
/// the GS1 element string it carries (the identifier's AIs first, then any
/// +AIDC data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlusEpc {
    scheme: PlusScheme,
    filter: u8,
    data_toggle: bool,
    hostname: Option<String>,
    element_string: ElementString<'static>,
    key_len: usize,
}

impl PlusEpc {
    /// The binary scheme.
    pub fn scheme(&self) -> PlusScheme {
        self.scheme
    }
    /// The 3-bit filter value.
    pub fn filter(&self) -> u8 {
        self.filter
    }
    /// The +AIDC data toggle bit: whether AIs follow the EPC.
    pub fn data_toggle(&self) -> bool {
        self.data_toggle
    }
    /// The custom hostname of a '++' scheme (`id.example.com`); `None` for
    /// '+' schemes.
    pub fn hostname(&self) -> Option<&str> {
        self.hostname.as_deref()
    }
    /// The whole element string: identifier AIs, then +AIDC data.
    pub fn element_string(&self) -> &ElementString<'static> {
        &self.element_string
    }
    /// Takes the element string.
    pub fn into_element_string(self) -> ElementString<'static> {
        self.element_string
    }
    /// The AIs encoded in the EPC identifier itself (SGTIN+: (01) (21);
    /// DSGTIN+: (01) (21) and the date AI).
    pub fn identifier(&self) -> &[AiValue<'static>] {
        let items = self.element_string.items();
        items.get(..self.key_len).unwrap_or(items)
    }
    /// The AIs of the +AIDC data after the EPC.
    pub fn aidc(&self) -> &[AiValue<'static>] {
        self.element_string
            .items()
            .get(self.key_len..)
            .unwrap_or(&[])
    }
    /// Encodes it again (the inverse of [`decode`]).
    pub fn encode(&self) -> Result<Binary, ParseError> {
        encode(
            self.scheme,
            self.filter,
            &self.element_string,
            self.hostname.as_deref(),
        )
    }
}

// ---------------------------------------------------------------------------
// Decoding and encoding of whole '+' / '++' binaries.

/// The AIs a DSGTIN+ prioritised date may stand for, by 4-bit date type
/// indicator (TDS 2.3 §14.5.3); other indicator values are reserved.
const DATE_TYPES: [&str; 7] = ["11", "13", "15", "16", "17", "7006", "7007"];

/// Decodes a '+' or '++' binary encoding into its element string.
///
/// Errors: [`ErrorKind::UnknownHeader`] if the header is not a '+' / '++'
/// scheme; [`ErrorKind::BitLength`] for truncated input, non-zero bits after
/// the data, or a data toggle that does not match the +AIDC data;
/// [`ErrorKind::UnknownAi`] for an unknown, reserved or repeated +AIDC data
/// header; [`ErrorKind::InvalidAiValue`] / [`ErrorKind::CheckDigit`] for
/// values that break Table F or the GS1 key's check digit;
/// [`ErrorKind::InvalidCharacter`] / [`ErrorKind::EmptyComponent`] /
/// [`ErrorKind::ComponentTooLong`] for a hostname that breaks the rules
/// [`encode`] applies. The offset is the nibble index of the offending
/// field.
pub fn decode(bin: &Binary) -> Result<PlusEpc, ParseError> {
    let header = bin
        .header()
        .ok_or(ParseError::new(ErrorKind::BitLength, 0))?;
    let scheme =
        PlusScheme::from_header(header).ok_or(ParseError::new(ErrorKind::UnknownHeader, 0))?;
    let mut r = Reader { bin, pos: 8 };
    let data_toggle = r.read(1)? == 1;
    let filter = r.read(3)? as u8;
    let mut es = ElementString::new();

    let date = if scheme.has_date() {
        let at = r.pos;
        let kind = r.read(4)? as usize;
        let ai = *DATE_TYPES
            .get(kind)
            .ok_or(err_at(ErrorKind::InvalidAiValue, at))?;
        let mut value = String::with_capacity(6);
        decode_comp(&mut r, Comp::Date6, &mut value)?;
        Some((ai, value))
    } else {
        None
    };
    for &ai in scheme.key_ais() {
        let at = r.pos;
        let f = table_f(ai).ok_or(err_at(ErrorKind::UnknownAi, at))?;
        let value = decode_ai_value(&mut r, f)?;
        if !key_value_ok(f, &value) {
            return Err(err_at(ErrorKind::InvalidAiValue, at));
        }
        if scheme.base() == Base::Sgln && f.ai == "254" && value == "0" {
            continue;
        }
        es.push(f.ai, value);
    }
    if let Some((ai, value)) = date {
        es.push(ai, value);
    }
    let key_len = es.items().len();
    let hostname = if scheme.has_hostname() {
        Some(decode_hostname(&mut r)?)
    } else {
        None
    };

    let data_start = r.pos;
    // Where each +AIDC item starts, for the offsets of `check_aidc` errors.
    let mut starts = Vec::new();
    if data_toggle {
        loop {
            let at = r.pos;
            if r.remaining() < 8 || r.peek(8) == Some(0) && first_one(bin, at).is_none() {
                // Padding to the end (TDS 2.3 §15.3: fewer than 8 bits left,
                // or only zero bits).
                if let Some(p) = first_one(bin, at) {
                    return Err(err_at(ErrorKind::BitLength, p));
                }
                break;
            }
            if r.peek(8) == Some(0) && r.remaining() < 8 + 72 {
                return Err(err_at(ErrorKind::BitLength, at));
            }
            let f = decode_ai_header(&mut r)?;
            let value = decode_ai_value(&mut r, f)?;
            es.push(f.ai, value);
            starts.push(at);
        }
        if es.items().len() == key_len {
            return Err(err_at(ErrorKind::BitLength, data_start));
        }
        check_aidc(scheme, es.items(), |i| i < key_len).map_err(|(i, k)| {
            let item = i.checked_sub(key_len).and_then(|n| starts.get(n));
            err_at(k, item.copied().unwrap_or(data_start))
        })?;
    } else if let Some(p) = first_one(bin, data_start) {
        return Err(err_at(ErrorKind::BitLength, p));
    }
    Ok(PlusEpc {
        scheme,
        filter,
        data_toggle,
        hostname,
        element_string: es,
        key_len,
    })
}

/// Encodes an element string in a '+' or '++' scheme.
///
/// The scheme's key AIs (see [`PlusScheme::key_ais`]; for DSGTIN+ also the
/// first 6-digit date AI of [`PlusScheme::has_date`]) form the EPC; every
/// other AI is appended as +AIDC data, in element-string order, and sets the
/// data toggle. `hostname` is required for '++' schemes and refused for '+'
/// schemes. Values must satisfy Table F and GS1 check digits.
///
/// Errors (offset 0): [`ErrorKind::InvalidFilter`] (filter > 7),
/// [`ErrorKind::NotEncodable`] (missing key AI or date, hostname
/// missing / unexpected, an SSCC (00) of zeros as the last +AIDC data,
/// result longer than [`super::binary::MAX_BYTES`]),
/// [`ErrorKind::UnknownAi`] (AI not in Table F, or repeated),
/// [`ErrorKind::InvalidAiValue`], [`ErrorKind::CheckDigit`],
/// [`ErrorKind::EmptyComponent`] / [`ErrorKind::ComponentTooLong`] /
/// [`ErrorKind::InvalidCharacter`] (hostname empty, over 63 characters, or
/// with a character outside set 82).
pub fn encode(
    scheme: PlusScheme,
    filter: u8,
    es: &ElementString<'_>,
    hostname: Option<&str>,
) -> Result<Binary, ParseError> {
    if filter > 7 {
        return Err(enc_err(ErrorKind::InvalidFilter));
    }
    let hostname = match (scheme.has_hostname(), hostname) {
        (true, Some(h)) => Some(h),
        (false, None) => None,
        _ => return Err(enc_err(ErrorKind::NotEncodable)),
    };
    let items = es.items();
    let position = |ai: &str| items.iter().position(|i| i.ai == ai);
    let date = if scheme.has_date() {
        let i = items
            .iter()
            .position(|i| DATE_TYPES.contains(&i.ai) && i.value.len() == 6)
            .ok_or(enc_err(ErrorKind::NotEncodable))?;
        Some(i)
    } else {
        None
    };
    // The identifier: the prioritised date and the first item of each key
    // AI; every other item is +AIDC data.
    let is_identifier = |i: usize| {
        Some(i) == date
            || items.get(i).is_some_and(|item| {
                scheme.key_ais().contains(&item.ai) && position(item.ai) == Some(i)
            })
    };
    check_aidc(scheme, items, is_identifier).map_err(|(_, k)| enc_err(k))?;

    let mut w = Writer {
        bin: Binary::empty(),
    };
    let aidc = items.iter().enumerate().filter(|&(i, _)| !is_identifier(i));
    let data_toggle = aidc.clone().next().is_some();
    w.push(scheme.header() as u64, 8)?;
    w.push(data_toggle as u64, 1)?;
    w.push(filter as u64, 3)?;
    if let Some(i) = date {
        let item = items.get(i).ok_or(enc_err(ErrorKind::NotEncodable))?;
        let kind = DATE_TYPES.iter().position(|&d| d == item.ai).unwrap_or(0);
        w.push(kind as u64, 4)?;
        encode_comp(&mut w, Comp::Date6, item.value.as_bytes())?;
    }
    for &ai in scheme.key_ais() {
        let f = table_f(ai).ok_or(enc_err(ErrorKind::UnknownAi))?;
        let value = match position(ai) {
            Some(i) => items.get(i).map(|i| i.value.as_ref()).unwrap_or_default(),
            None if scheme.base() == Base::Sgln && ai == "254" => "0",
            None => return Err(enc_err(ErrorKind::NotEncodable)),
        };
        if !key_value_ok(f, value) {
            return Err(enc_err(ErrorKind::NotEncodable));
        }
        encode_ai_value(&mut w, f, value)?;
    }
    if let Some(h) = hostname {
        encode_hostname(&mut w, h)?;
    }
    for (_, item) in aidc {
        let f = table_f(item.ai).ok_or(enc_err(ErrorKind::UnknownAi))?;
        for b in f.ai.bytes() {
            w.push((b - b'0') as u64, 4)?;
        }
        encode_ai_value(&mut w, f, &item.value)?;
    }
    Ok(w.bin)
}

/// The rules on +AIDC data as a whole (TDS 2.3 §15.3), the same when
/// encoding and when decoding: `items` is an element string, `is_identifier`
/// tells the items the EPC identifier encodes (the key AIs, a DSGTIN+
/// prioritised date); every other item is +AIDC data and
///
/// * has an AI of Table F ([`ErrorKind::UnknownAi`] otherwise). Table F
///   lists GS1 keys too, and §15.3 decodes a zero data header as an SSCC
///   (00): keys such as (00), (01), (02) are +AIDC data like any other AI;
/// * is not a key AI of the scheme, nor the AI of an identifier item, nor
///   the AI of an earlier +AIDC item (each AI once; [`ErrorKind::UnknownAi`]);
/// * if it is the last, is not an SSCC (00) of zeros: its 80 zero bits
///   would read as padding ([`ErrorKind::NotEncodable`]). An SSCC of zeros
///   followed by further +AIDC data is unambiguous (§15.3: a zero header
///   with at least 72 bits after it is an SSCC; the next data header is not
///   zero), and is accepted both ways.
///
/// On error, the index in `items` of the offending item.
fn check_aidc(
    scheme: PlusScheme,
    items: &[AiValue<'_>],
    is_identifier: impl Fn(usize) -> bool,
) -> Result<(), (usize, ErrorKind)> {
    let last = (0..items.len()).rev().find(|&i| !is_identifier(i));
    for (i, item) in items.iter().enumerate() {
        if is_identifier(i) {
            continue;
        }
        let ai = item.ai;
        let taken = scheme.key_ais().contains(&ai)
            || items
                .iter()
                .enumerate()
                .any(|(j, o)| o.ai == ai && (j < i || is_identifier(j)));
        if table_f(ai).is_none() || taken {
            return Err((i, ErrorKind::UnknownAi));
        }
        if Some(i) == last && ai == "00" && item.value.bytes().all(|b| b == b'0') {
            return Err((i, ErrorKind::NotEncodable));
        }
    }
    Ok(())
}

/// Extra rule for the AIs that form the EPC: the serial component of GRAI,
/// GDTI and SGCN is mandatory in an EPC (TDS 2.3 §14.6.4, §14.6.8, §14.6.10),
/// though optional in +AIDC data.
fn key_value_ok(f: &AiFormat, value: &str) -> bool {
    match (f.ai, f.first) {
        ("8003" | "253" | "255", Comp::Fixed(n)) => value.len() > n as usize,
        _ => true,
    }
}

fn enc_err(kind: ErrorKind) -> ParseError {
    ParseError::new(kind, 0)
}

/// An error at bit `bit` of the input, reported as a nibble index.
fn err_at(kind: ErrorKind, bit: usize) -> ParseError {
    ParseError::new(kind, bit / 4)
}

/// The position of the first 1 bit at or after `from`.
fn first_one(bin: &Binary, from: usize) -> Option<usize> {
    let len = bin.bit_len();
    let mut pos = from;
    while pos < len {
        let n = (len - pos).min(64);
        let v = bin.read_bits(pos, n as u32)?;
        if v != 0 {
            return Some(pos + (v.leading_zeros() as usize - (64 - n)));
        }
        pos += n;
    }
    None
}

struct Reader<'b> {
    bin: &'b Binary,
    pos: usize,
}

impl Reader<'_> {
    fn read(&mut self, n: u32) -> Result<u64, ParseError> {
        let v = self
            .bin
            .read_bits(self.pos, n)
            .ok_or(err_at(ErrorKind::BitLength, self.pos))?;
        self.pos += n as usize;
        Ok(v)
    }
    fn peek(&self, n: u32) -> Option<u64> {
        self.bin.read_bits(self.pos, n)
    }
    fn remaining(&self) -> usize {
        self.bin.bit_len().saturating_sub(self.pos)
    }
}

struct Writer {
    bin: Binary,
}

impl Writer {
    fn push(&mut self, value: u64, n: u32) -> Result<(), ParseError> {
        if self.bin.push_bits(value, n) {
            Ok(())
        } else {
            Err(enc_err(ErrorKind::NotEncodable))
        }
    }
}

// ---------------------------------------------------------------------------
// +AIDC data headers (TDS 2.3 §15.3, Table K) and AI values (Table F).

/// Table K: the length of the AIs starting with two digits `d`.
fn ai_length(d: u64) -> Option<usize> {
    match d {
        0..=2 | 10..=13 | 15..=17 | 20..=22 | 30 | 37 | 90..=99 => Some(2),
        23..=25 | 40..=42 | 71 => Some(3),
        31..=36 | 39 | 43 | 70 | 72 | 80..=82 => Some(4),
        _ => None,
    }
}

/// Reads a +AIDC data header: the AI's digits, 4 bits each.
fn decode_ai_header(r: &mut Reader<'_>) -> Result<&'static AiFormat, ParseError> {
    let at = r.pos;
    let unknown = err_at(ErrorKind::UnknownAi, at);
    let h = r.read(8)?;
    let (d1, d2) = (h >> 4, h & 15);
    if d1 > 9 || d2 > 9 {
        // A-F: special or reserved header.
        return Err(unknown);
    }
    let len = ai_length(d1 * 10 + d2).ok_or(unknown)?;
    let mut code = [b'0' + d1 as u8, b'0' + d2 as u8, 0, 0];
    for slot in code.iter_mut().take(len).skip(2) {
        let d = r.read(4)?;
        if d > 9 {
            return Err(unknown);
        }
        *slot = b'0' + d as u8;
    }
    let code = std::str::from_utf8(code.get(..len).unwrap_or_default()).map_err(|_| unknown)?;
    table_f(code).ok_or(unknown)
}

fn decode_ai_value(r: &mut Reader<'_>, f: &AiFormat) -> Result<String, ParseError> {
    let at = r.pos;
    let mut value = String::new();
    decode_comp(r, f.first, &mut value)?;
    if let Some(second) = f.second {
        decode_comp(r, second, &mut value)?;
    }
    check_ai_rules(f, value.as_bytes()).map_err(|k| err_at(k, at))?;
    Ok(value)
}

fn encode_ai_value(w: &mut Writer, f: &AiFormat, value: &str) -> Result<(), ParseError> {
    let v = value.as_bytes();
    match f.second {
        None => encode_comp(w, f.first, v)?,
        Some(second) => {
            let n = f.first.fixed_chars().unwrap_or(v.len());
            let (a, b) = (v.get(..n), v.get(n..));
            let (Some(a), Some(b)) = (a, b) else {
                return Err(enc_err(ErrorKind::InvalidAiValue));
            };
            encode_comp(w, f.first, a)?;
            encode_comp(w, second, b)?;
        }
    }
    check_ai_rules(f, v).map_err(enc_err)
}

/// Rules beyond the component formats: GS1 key check digits, and the
/// leading '0' of a GRAI (8003).
fn check_ai_rules(f: &AiFormat, v: &[u8]) -> Result<(), ErrorKind> {
    if f.ai == "8003" && v.first() != Some(&b'0') {
        return Err(ErrorKind::InvalidAiValue);
    }
    let n = f.check as usize;
    if n > 0 {
        let key = v.get(..n).ok_or(ErrorKind::InvalidAiValue)?;
        let (body, check) = key.split_at(n - 1);
        let expected = gs1_check_digit(body).ok_or(ErrorKind::InvalidAiValue)?;
        if check.first().map(|c| c.wrapping_sub(b'0')) != Some(expected) {
            return Err(ErrorKind::CheckDigit);
        }
    }
    Ok(())
}

/// How one component of an AI value is encoded (TDS 2.3 Table F columns b-h
/// and i-o).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comp {
    /// "Fixed-length numeric" (§14.5.4): n digits, 4 bits each.
    Fixed(u8),
    /// "Fixed-Bit-Length Numeric String" (§14.5.2): n digits as a b-bit
    /// integer.
    FixedBits(u8, u8),
    /// "Variable-length alphanumeric" (§14.5.6): 3-bit encoding indicator,
    /// length indicator, characters.
    Alnum { len_bits: u8, min: u8, max: u8 },
    /// "Variable-length numeric string without encoding indicator"
    /// (§14.5.13): length indicator, integer.
    Num { len_bits: u8, min: u8, max: u8 },
    /// "Delimited/terminated numeric" (§14.5.5): 4-bit digits ended by a
    /// terminator, or by a delimiter and a variable-length alphanumeric rest.
    Delim { len_bits: u8, max: u8 },
    /// "6-digit date YYMMDD" (§14.5.8), 16 bits.
    Date6,
    /// "10-digit date+time YYMMDDhhmm" (§14.5.9), 27 bits.
    DateTime10,
    /// "Variable-format date / date range" (§14.5.10).
    DateRange,
    /// "Variable-precision date+time" (§14.5.11).
    DateTimeVar,
    /// "Country code (ISO 3166-1 alpha-2)" (§14.5.12), 12 bits.
    Country,
    /// "Single data bit" (§14.5.7).
    Bit,
    /// "Optional minus sign in 1 bit" (§14.5.14).
    Minus,
    /// "Sequence indicator" (§14.5.15): `n/m`, 8 bits.
    Sequence,
}

impl Comp {
    fn fixed_chars(self) -> Option<usize> {
        match self {
            Comp::Fixed(n) | Comp::FixedBits(n, _) => Some(n as usize),
            _ => None,
        }
    }
}

/// One row of Table F.
#[derive(Debug)]
struct AiFormat {
    ai: &'static str,
    first: Comp,
    second: Option<Comp>,
    /// Length of the leading GS1 key whose last digit is a check digit (0:
    /// none).
    check: u8,
}

fn table_f(ai: &str) -> Option<&'static AiFormat> {
    let i = TABLE_F.binary_search_by(|r| r.ai.cmp(ai)).ok()?;
    TABLE_F.get(i)
}

fn encode_comp(w: &mut Writer, c: Comp, v: &[u8]) -> Result<(), ParseError> {
    let invalid = enc_err(ErrorKind::InvalidAiValue);
    let digits = |v: &[u8]| v.iter().all(u8::is_ascii_digit);
    match c {
        Comp::Fixed(n) => {
            if v.len() != n as usize || !digits(v) {
                return Err(invalid);
            }
            for &d in v {
                w.push((d - b'0') as u64, 4)?;
            }
        }
        Comp::FixedBits(n, bits) => {
            if v.len() != n as usize || !digits(v) {
                return Err(invalid);
            }
            push_decimal(w, v, bits as u32)?;
        }
        Comp::Alnum { len_bits, min, max } => {
            if v.len() < min as usize || v.len() > max as usize {
                return Err(invalid);
            }
            encode_alnum(w, v, len_bits)?;
        }
        Comp::Num { len_bits, min, max } => {
            if v.len() < min as usize || v.len() > max as usize || !digits(v) {
                return Err(invalid);
            }
            w.push(v.len() as u64, len_bits as u32)?;
            push_decimal(w, v, numeric_bits(v.len()))?;
        }
        Comp::Delim { len_bits, max } => {
            if v.is_empty() || v.len() > max as usize {
                return Err(invalid);
            }
            let n = v.iter().take_while(|b| b.is_ascii_digit()).count();
            let (head, rest) = v.split_at(n);
            for &d in head {
                w.push((d - b'0') as u64, 4)?;
            }
            if rest.is_empty() {
                w.push(0xF, 4)?;
            } else {
                if rest.len() >= 1 << len_bits {
                    return Err(invalid);
                }
                w.push(0xE, 4)?;
                encode_alnum(w, rest, len_bits)?;
            }
        }
        Comp::Date6 => {
            let [y, m, d] = date_fields::<3>(v).ok_or(invalid)?;
            if !date_ok(y, m, d) {
                return Err(invalid);
            }
            push_date(w, y, m, d)?;
        }
        Comp::DateTime10 => {
            let [y, m, d, h, mi] = date_fields::<5>(v).ok_or(invalid)?;
            if !date_ok(y, m, d) || !time_ok(h, mi, 0) {
                return Err(invalid);
            }
            push_date(w, y, m, d)?;
            w.push(h, 5)?;
            w.push(mi, 6)?;
        }
        Comp::DateRange => {
            let single = v.len() == 6;
            if !single && v.len() != 12 {
                return Err(invalid);
            }
            w.push(!single as u64, 1)?;
            for part in v.chunks(6) {
                let [y, m, d] = date_fields::<3>(part).ok_or(invalid)?;
                if !date_ok(y, m, d) {
                    return Err(invalid);
                }
                push_date(w, y, m, d)?;
            }
        }
        Comp::DateTimeVar => {
            let f = date_fields::<6>(v)
                .or_else(|| date_fields::<5>(v).map(|[a, b, c, d, e]| [a, b, c, d, e, 0]));
            let f = f.or_else(|| date_fields::<4>(v).map(|[a, b, c, d]| [a, b, c, d, 0, 0]));
            let f = f.or_else(|| date_fields::<3>(v).map(|[a, b, c]| [a, b, c, 0, 0, 0]));
            let [y, m, d, h, mi, s] = f.ok_or(invalid)?;
            if !date_ok(y, m, d) || !time_ok(h, mi, s) {
                return Err(invalid);
            }
            let format = match v.len() {
                6 => 3,
                8 => 0,
                10 => 1,
                _ => 2,
            };
            w.push(format, 2)?;
            push_date(w, y, m, d)?;
            if format != 3 {
                w.push(h, 5)?;
            }
            if format == 1 || format == 2 {
                w.push(mi, 6)?;
            }
            if format == 2 {
                w.push(s, 6)?;
            }
        }
        Comp::Country => {
            if v.len() != 2 || !v.iter().all(u8::is_ascii_uppercase) {
                return Err(invalid);
            }
            for &c in v {
                w.push((c - b'A') as u64, 6)?;
            }
        }
        Comp::Bit => match v {
            b"0" => w.push(0, 1)?,
            b"1" => w.push(1, 1)?,
            _ => return Err(invalid),
        },
        Comp::Minus => match v {
            b"" => w.push(0, 1)?,
            b"-" => w.push(1, 1)?,
            _ => return Err(invalid),
        },
        Comp::Sequence => match v {
            &[n @ b'1'..=b'9', b'/', m @ b'1'..=b'9'] => {
                w.push((n - b'0') as u64, 4)?;
                w.push((m - b'0') as u64, 4)?;
            }
            _ => return Err(invalid),
        },
    }
    Ok(())
}

fn decode_comp(r: &mut Reader<'_>, c: Comp, out: &mut String) -> Result<(), ParseError> {
    let at = r.pos;
    let invalid = err_at(ErrorKind::InvalidAiValue, at);
    match c {
        Comp::Fixed(n) => {
            for _ in 0..n {
                let p = r.pos;
                let d = r.read(4)?;
                if d > 9 {
                    return Err(err_at(ErrorKind::InvalidAiValue, p));
                }
                out.push(char::from(b'0' + d as u8));
            }
        }
        Comp::FixedBits(n, bits) => read_decimal(r, bits as u32, n as usize, out)?,
        Comp::Alnum { len_bits, min, max } => decode_alnum(r, len_bits, min, max, out)?,
        Comp::Num { len_bits, min, max } => {
            let l = r.read(len_bits as u32)? as usize;
            if l < min as usize || l > max as usize {
                return Err(invalid);
            }
            read_decimal(r, numeric_bits(l), l, out)?;
        }
        Comp::Delim { len_bits, max } => {
            let mut n = 0usize;
            loop {
                let p = r.pos;
                match r.read(4)? {
                    d @ 0..=9 => {
                        n += 1;
                        if n > max as usize {
                            return Err(err_at(ErrorKind::InvalidAiValue, p));
                        }
                        out.push(char::from(b'0' + d as u8));
                    }
                    0xF if n > 0 => break,
                    0xE if n < max as usize => {
                        let rest = out.len();
                        decode_alnum(r, len_bits, 1, max - n as u8, out)?;
                        // The rest starts at the first character that is not
                        // a digit.
                        if out.as_bytes().get(rest).is_none_or(u8::is_ascii_digit) {
                            return Err(err_at(ErrorKind::InvalidAiValue, p));
                        }
                        break;
                    }
                    _ => return Err(err_at(ErrorKind::InvalidAiValue, p)),
                }
            }
        }
        Comp::Date6 => read_date(r, out)?,
        Comp::DateTime10 => {
            read_date(r, out)?;
            let (h, mi) = (r.read(5)?, r.read(6)?);
            if !time_ok(h, mi, 0) {
                return Err(invalid);
            }
            push_2digits(out, h);
            push_2digits(out, mi);
        }
        Comp::DateRange => {
            let range = r.read(1)? == 1;
            read_date(r, out)?;
            if range {
                read_date(r, out)?;
            }
        }
        Comp::DateTimeVar => {
            let format = r.read(2)?;
            read_date(r, out)?;
            let h = if format != 3 { r.read(5)? } else { 0 };
            let mi = if format == 1 || format == 2 {
                r.read(6)?
            } else {
                0
            };
            let s = if format == 2 { r.read(6)? } else { 0 };
            if !time_ok(h, mi, s) {
                return Err(invalid);
            }
            if format != 3 {
                push_2digits(out, h);
            }
            if format == 1 || format == 2 {
                push_2digits(out, mi);
            }
            if format == 2 {
                push_2digits(out, s);
            }
        }
        Comp::Country => {
            for _ in 0..2 {
                let p = r.pos;
                let c = r.read(6)?;
                if c > 25 {
                    return Err(err_at(ErrorKind::InvalidAiValue, p));
                }
                out.push(char::from(b'A' + c as u8));
            }
        }
        Comp::Bit => out.push(if r.read(1)? == 1 { '1' } else { '0' }),
        Comp::Minus => {
            if r.read(1)? == 1 {
                out.push('-');
            }
        }
        Comp::Sequence => {
            let (n, m) = (r.read(4)?, r.read(4)?);
            if !(1..=9).contains(&n) || !(1..=9).contains(&m) {
                return Err(invalid);
            }
            out.push(char::from(b'0' + n as u8));
            out.push('/');
            out.push(char::from(b'0' + m as u8));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Dates (§14.5.8-14.5.11): YY in 7 bits, MM in 4, DD in 5, hh in 5, mm and
// ss in 6.

/// Splits `N` two-digit fields off a string of exactly `2N` digits.
fn date_fields<const N: usize>(v: &[u8]) -> Option<[u64; N]> {
    if v.len() != 2 * N || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = [0u64; N];
    for (slot, pair) in out.iter_mut().zip(v.chunks(2)) {
        *slot = pair.iter().fold(0, |a, d| a * 10 + (d - b'0') as u64);
    }
    Some(out)
}

/// A plausible YYMMDD: month 01-12, day 00-31 and within the month (00 is
/// allowed by the GS1 General Specifications: "end of month").
fn date_ok(y: u64, m: u64, d: u64) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    y <= 99 && d <= days
}

/// hh 00-24, mm and ss 00-59, and 24 only as 24:00:00.
fn time_ok(h: u64, mi: u64, s: u64) -> bool {
    h <= 24 && mi <= 59 && s <= 59 && (h < 24 || mi == 0 && s == 0)
}

fn push_date(w: &mut Writer, y: u64, m: u64, d: u64) -> Result<(), ParseError> {
    w.push(y, 7)?;
    w.push(m, 4)?;
    w.push(d, 5)
}

fn read_date(r: &mut Reader<'_>, out: &mut String) -> Result<(), ParseError> {
    let at = r.pos;
    let (y, m, d) = (r.read(7)?, r.read(4)?, r.read(5)?);
    if !date_ok(y, m, d) {
        return Err(err_at(ErrorKind::InvalidAiValue, at));
    }
    push_2digits(out, y);
    push_2digits(out, m);
    push_2digits(out, d);
    Ok(())
}

fn push_2digits(out: &mut String, v: u64) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

// ---------------------------------------------------------------------------
// "Variable-length alphanumeric" (§14.5.6) and its Table E methods.

/// The GS1 AI encodable character set 82 (GS1 General Specifications
/// Figure 7.11-1).
fn is_cs82(b: u8) -> bool {
    matches!(b, b'!' | b'"' | b'%'..=b'/' | b'0'..=b'9' | b':'..=b'?' | b'A'..=b'Z' | b'_' | b'a'..=b'z')
}

/// Characters of Table 14-9 ("Variable-length 7-bit ASCII"): set 82 and the
/// `#` of set 39.
fn is_ascii7(b: u8) -> bool {
    is_cs82(b) || b == b'#'
}

/// URN Code 40 index (Table 14-8); 0 is the pad.
fn urn40_index(b: u8) -> Option<u16> {
    match b {
        b'A'..=b'Z' => Some((b - b'A' + 1) as u16),
        b'-' => Some(27),
        b'.' => Some(28),
        b':' => Some(29),
        b'0'..=b'9' => Some((b - b'0' + 30) as u16),
        _ => None,
    }
}

fn urn40_char(i: u64) -> Option<char> {
    Some(char::from(match i {
        1..=26 => b'A' + (i - 1) as u8,
        27 => b'-',
        28 => b'.',
        29 => b':',
        30..=39 => b'0' + (i - 30) as u8,
        _ => return None,
    }))
}

/// File-safe URI-safe base 64 value (Table 14-7).
fn b64_value(b: u8) -> Option<u64> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    } as u64)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The encoding indicator (Table E) needing the fewest bits for `v`.
fn choose_encoding(v: &[u8]) -> Option<u64> {
    if v.iter().all(u8::is_ascii_digit) {
        return Some(0);
    }
    if v.iter()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b))
    {
        return Some(1);
    }
    if v.iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    {
        return Some(2);
    }
    let l = v.len();
    let candidates = [
        (3, 6 * l, v.iter().all(|&b| b64_value(b).is_some())),
        (
            5,
            16 * l.div_ceil(3),
            v.iter().all(|&b| urn40_index(b).is_some()),
        ),
        (4, 7 * l, v.iter().all(|&b| is_ascii7(b))),
    ];
    let mut best: Option<(u64, usize)> = None;
    for (ind, bits, ok) in candidates {
        if ok && best.is_none_or(|(_, b)| bits < b) {
            best = Some((ind, bits));
        }
    }
    best.map(|(ind, _)| ind)
}

fn encode_alnum(w: &mut Writer, v: &[u8], len_bits: u8) -> Result<(), ParseError> {
    let invalid = enc_err(ErrorKind::InvalidAiValue);
    if v.len() >= 1 << len_bits {
        return Err(invalid);
    }
    let ind = choose_encoding(v).ok_or(invalid)?;
    w.push(ind, 3)?;
    w.push(v.len() as u64, len_bits as u32)?;
    match ind {
        0 => push_decimal(w, v, numeric_bits(v.len()))?,
        1 | 2 => {
            for &b in v {
                let x = if b.is_ascii_digit() {
                    b - b'0'
                } else {
                    b.to_ascii_lowercase() - b'a' + 10
                };
                w.push(x as u64, 4)?;
            }
        }
        3 => {
            for &b in v {
                w.push(b64_value(b).ok_or(invalid)?, 6)?;
            }
        }
        5 => push_urn40(w, v)?,
        _ => {
            for &b in v {
                w.push(b as u64, 7)?;
            }
        }
    }
    Ok(())
}

fn push_urn40(w: &mut Writer, v: &[u8]) -> Result<(), ParseError> {
    for group in v.chunks(3) {
        let mut r = 0u64;
        for k in 0..3 {
            let i = match group.get(k) {
                Some(&b) => urn40_index(b).ok_or(enc_err(ErrorKind::InvalidAiValue))?,
                None => 0,
            };
            r = r * 40 + i as u64;
        }
        w.push(r + 1, 16)?;
    }
    Ok(())
}

/// Reads `l` URN Code 40 characters: every 16-bit group but the last holds
/// three characters; pads only fill the end of the last group.
fn read_urn40(
    r: &mut Reader<'_>,
    l: usize,
    kind: ErrorKind,
    out: &mut String,
) -> Result<(), ParseError> {
    for g in 0..l.div_ceil(3) {
        let at = r.pos;
        let v = r.read(16)?;
        if v == 0 || v > 64000 {
            return Err(err_at(kind, at));
        }
        let x = v - 1;
        let want = (l - 3 * g).min(3);
        for (k, i) in [x / 1600, x / 40 % 40, x % 40].into_iter().enumerate() {
            match (k < want, urn40_char(i)) {
                (true, Some(c)) => out.push(c),
                (false, None) if i == 0 => {}
                _ => return Err(err_at(kind, at)),
            }
        }
    }
    Ok(())
}

fn decode_alnum(
    r: &mut Reader<'_>,
    len_bits: u8,
    min: u8,
    max: u8,
    out: &mut String,
) -> Result<(), ParseError> {
    let at = r.pos;
    let invalid = err_at(ErrorKind::InvalidAiValue, at);
    let ind = r.read(3)?;
    let l = r.read(len_bits as u32)? as usize;
    if l < min as usize || l > max as usize {
        return Err(invalid);
    }
    match ind {
        0 => read_decimal(r, numeric_bits(l), l, out)?,
        1 | 2 => {
            let digits: &[u8; 16] = if ind == 1 {
                b"0123456789ABCDEF"
            } else {
                b"0123456789abcdef"
            };
            for _ in 0..l {
                let x = r.read(4)? as usize;
                out.push(char::from(digits.get(x).copied().unwrap_or(b'0')));
            }
        }
        3 => {
            for _ in 0..l {
                let x = r.read(6)? as usize;
                out.push(char::from(B64.get(x).copied().unwrap_or(b'A')));
            }
        }
        4 => {
            for _ in 0..l {
                let p = r.pos;
                let c = r.read(7)? as u8;
                if !is_ascii7(c) {
                    return Err(err_at(ErrorKind::InvalidAiValue, p));
                }
                out.push(char::from(c));
            }
        }
        5 => read_urn40(r, l, ErrorKind::InvalidAiValue, out)?,
        // 6: reserved; 7: longer indicators, not defined.
        _ => return Err(invalid),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Numeric strings as binary integers (§14.5.2, §14.5.6.1, §14.5.13): up to
// 90 digits (299 bits), so a small fixed-size big integer.

/// Bits for an L-digit integer: ceiling(L * log2(10)) (Table B, "Integer
/// encoding").
fn numeric_bits(l: usize) -> u32 {
    ((l as f64) * std::f64::consts::LOG2_10).ceil() as u32
}

const LIMBS: usize = 10;

/// An unsigned integer below 2^320, little-endian 32-bit limbs.
struct Big([u32; LIMBS]);

impl Big {
    /// self = self * m + a; false on overflow.
    fn mul_add(&mut self, m: u32, a: u32) -> bool {
        let mut carry = a as u64;
        for limb in self.0.iter_mut() {
            let t = *limb as u64 * m as u64 + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        carry == 0
    }
    /// self /= d, returning the remainder.
    fn div_rem(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let cur = (rem << 32) | *limb as u64;
            *limb = (cur / d as u64) as u32;
            rem = cur % d as u64;
        }
        rem as u32
    }
    fn bit(&self, i: u32) -> u64 {
        self.0
            .get((i / 32) as usize)
            .map_or(0, |l| (l >> (i % 32)) as u64 & 1)
    }
    fn bits(&self) -> u32 {
        (0..LIMBS as u32 * 32)
            .rev()
            .find(|&i| self.bit(i) == 1)
            .map_or(0, |i| i + 1)
    }
}

/// Appends the decimal digits `v` as a `bits`-bit integer.
fn push_decimal(w: &mut Writer, v: &[u8], bits: u32) -> Result<(), ParseError> {
    let mut big = Big([0; LIMBS]);
    for &d in v {
        if !d.is_ascii_digit() || !big.mul_add(10, (d - b'0') as u32) {
            return Err(enc_err(ErrorKind::InvalidAiValue));
        }
    }
    if big.bits() > bits {
        return Err(enc_err(ErrorKind::InvalidAiValue));
    }
    for i in (0..bits).rev() {
        w.push(big.bit(i), 1)?;
    }
    Ok(())
}

/// Reads a `bits`-bit integer and appends it as exactly `digits` decimal
/// digits; fails if it needs more.
fn read_decimal(
    r: &mut Reader<'_>,
    bits: u32,
    digits: usize,
    out: &mut String,
) -> Result<(), ParseError> {
    let at = r.pos;
    let invalid = err_at(ErrorKind::InvalidAiValue, at);
    let mut big = Big([0; LIMBS]);
    let mut left = bits;
    while left > 0 {
        let n = left.min(16);
        let v = r.read(n)?;
        if !big.mul_add(1 << n, v as u32) {
            return Err(invalid);
        }
        left -= n;
    }
    let mut buf = [b'0'; 128];
    let slot = buf.get_mut(..digits).ok_or(invalid)?;
    for d in slot.iter_mut().rev() {
        *d = b'0' + big.div_rem(10) as u8;
    }
    if big.bits() > 0 {
        return Err(invalid);
    }
    for &d in buf.get(..digits).unwrap_or_default() {
        out.push(char::from(d));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// "Custom domain name or hostname" (§14.5.16): 1-bit indicator (0: URN Code
// 40, 1: 7-bit ASCII with optimisations), 6-bit length, data.

/// Optimisation Table A (Table 14-11): 7-bit values standing for strings.
const OPT_A: [(u8, &str); 13] = [
    (0x1E, "qr."),
    (0x1F, "www."),
    (0x20, "id."),
    (0x5B, ".com"),
    (0x5C, ".org"),
    (0x5D, ".net"),
    (0x5E, ".int"),
    (0x60, ".edu"),
    (0x7B, ".gov"),
    (0x7C, ".mil"),
    (0x7D, ".biz"),
    (0x7E, ".eco"),
    (0x7F, ".med"),
];

/// Optimisation Table B1 (Table 14-12): 14-bit values 0000000 xxxxxxx.
const OPT_B1: [&str; 128] = [
    ".ac", ".ad", ".ae", ".af", ".ag", ".ai", ".al", ".am", ".ao", ".aq", ".ar", ".as", ".at",
    ".au", ".aw", ".ax", ".az", ".ba", ".bb", ".bd", ".be", ".bf", ".bg", ".bh", ".bi", ".bj",
    ".bm", ".bn", ".bo", ".bq", ".br", ".bs", ".bt", ".bw", ".by", ".bz", ".ca", ".cc", ".cd",
    ".cf", ".cg", ".ch", ".ci", ".ck", ".cl", ".cm", ".cn", ".co", ".cr", ".cu", ".cv", ".cw",
    ".cx", ".cy", ".cz", ".de", ".dj", ".dk", ".dm", ".do", ".dz", ".ec", ".ee", ".eg", ".eh",
    ".er", ".es", ".et", ".eu", ".fi", ".fj", ".fk", ".fm", ".fo", ".fr", ".ga", ".gd", ".ge",
    ".gf", ".gg", ".gh", ".gi", ".gl", ".gm", ".gn", ".gp", ".gq", ".gr", ".gs", ".gt", ".gu",
    ".gw", ".gy", ".hk", ".hm", ".hn", ".hr", ".ht", ".hu", ".id", ".ie", ".il", ".im", ".in",
    ".io", ".iq", ".ir", ".is", ".it", ".je", ".jm", ".jo", ".jp", ".ke", ".kg", ".kh", ".ki",
    ".km", ".kn", ".kp", ".kr", ".kw", ".ky", ".kz", ".la", ".lb", ".lc", ".li",
];

/// Optimisation Table B2 (Table 14-13): 0000001 xxxxxxx; values from
/// 1110101 on are reserved.
const OPT_B2: [&str; 117] = [
    ".lk", ".lr", ".ls", ".lt", ".lu", ".lv", ".ly", ".ma", ".mc", ".md", ".me", ".mg", ".mh",
    ".mk", ".ml", ".mm", ".mn", ".mo", ".mp", ".mq", ".mr", ".ms", ".mt", ".mu", ".mv", ".mw",
    ".mx", ".my", ".mz", ".na", ".nc", ".ne", ".nf", ".ng", ".ni", ".nl", ".no", ".np", ".nr",
    ".nu", ".nz", ".om", ".pa", ".pe", ".pf", ".pg", ".ph", ".pk", ".pl", ".pm", ".pn", ".pr",
    ".ps", ".pt", ".pw", ".py", ".qa", ".re", ".ro", ".rs", ".ru", ".rw", ".sa", ".sb", ".sc",
    ".sd", ".se", ".sg", ".sh", ".si", ".sk", ".sl", ".sm", ".sn", ".sr", ".ss", ".st", ".su",
    ".sv", ".sx", ".sy", ".sz", ".tc", ".td", ".tf", ".tg", ".th", ".tj", ".tk", ".tl", ".tm",
    ".tn", ".to", ".tr", ".tt", ".tv", ".tw", ".tz", ".ua", ".ug", ".us", ".uy", ".uz", ".va",
    ".vc", ".ve", ".vg", ".vi", ".vn", ".vu", ".wf", ".ws", ".ye", ".yt", ".za", ".zm", ".zw",
];

/// Optimisation Table B3 (Table 14-14): 0000010 xxxxxxx; values from
/// 0100000 on are reserved. (`.org.cn` and `.net.cn` are printed with the
/// prefix 0000000, which would clash with `.bq` and `.br` of B1.)
const OPT_B3: [&str; 32] = [
    ".com.au", ".net.au", ".org.au", ".co.at", ".com.bd", ".co.bd", ".com.br", ".net.br", ".co.nz",
    ".com.ng", ".com.pk", ".co.in", ".com.in", ".co.il", ".co.jp", ".co.za", ".co.kr", ".com.es",
    ".com.lk", ".co.th", ".co.tt", ".com.tt", ".com.tr", ".biz.tr", ".com.ua", ".co.uk", ".co.zm",
    ".com.zm", ".com.cn", ".org.cn", ".net.cn", ".gov.cn",
];

/// Optimisation Table B4 (Table 14-15): 0000011 xxxxxxx.
const OPT_B4: [&str; 1] = [".tech"];

const OPT_B: [&[&str]; 4] = [&OPT_B1, &OPT_B2, &OPT_B3, &OPT_B4];

/// The rules every custom hostname follows, when encoding and when decoding
/// (TDS 2.3 §14.5.16.1, "Validity Test"): 1 to 63 characters, all from
/// the GS1 AI encodable character set 82 ([`is_hostname_char`]). Decoding
/// checks the value it read against the same rules, so that whatever
/// decodes also encodes.
fn check_hostname(h: &[u8]) -> Result<(), ErrorKind> {
    if h.is_empty() {
        return Err(ErrorKind::EmptyComponent);
    }
    if h.len() > MAX_HOSTNAME {
        return Err(ErrorKind::ComponentTooLong);
    }
    if !h.iter().all(|&b| is_hostname_char(b)) {
        return Err(ErrorKind::InvalidCharacter);
    }
    Ok(())
}

/// The longest hostname, in characters (TDS 2.3 §14.5.16.1; also what the
/// 6-bit length indicator of URN Code 40 can express).
const MAX_HOSTNAME: usize = 63;

/// A hostname character: the GS1 AI encodable character set 82. Table
/// 14-9 (and so Optimisation Table A) also has `#`, which set 82 lacks.
fn is_hostname_char(b: u8) -> bool {
    is_cs82(b)
}

/// One step of the 7-bit ASCII hostname encoding: `len` characters of the
/// hostname written as the `bits`-bit value `code` (7 bits for a character
/// or a Table A sequence, 14 for a Table B1-B4 sequence).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HostStep {
    len: usize,
    bits: u32,
    code: u64,
}

/// The steps that may encode the start of `rest` (never empty): every
/// optimisation sequence it starts with, longest first, then its first
/// character.
fn host_steps(rest: &[u8]) -> impl Iterator<Item = HostStep> + '_ {
    let a = OPT_A.iter().map(|&(code, s)| (s, 7, code as u64));
    let b = OPT_B.iter().enumerate().flat_map(|(t, table)| {
        table
            .iter()
            .enumerate()
            .map(move |(i, &s)| (s, 14, ((t as u64) << 7) | i as u64))
    });
    let mut seqs: [Option<HostStep>; 4] = [None; 4];
    // Sequences that a position can start with are prefixes of each other
    // (".co", ".com", ".com.au"): at most a few.
    let mut n = 0;
    for (s, bits, code) in a.chain(b) {
        if rest.starts_with(s.as_bytes()) {
            if let Some(slot) = seqs.get_mut(n) {
                *slot = Some(HostStep {
                    len: s.len(),
                    bits,
                    code,
                });
                n += 1;
            }
        }
    }
    seqs.sort_by_key(|s| std::cmp::Reverse(s.map_or(0, |s| s.len)));
    let char_step = rest.first().map(|&c| HostStep {
        len: 1,
        bits: 7,
        code: c as u64,
    });
    seqs.into_iter().flatten().chain(char_step)
}

/// The 7-bit ASCII encoding of `h` (at most [`MAX_HOSTNAME`] characters)
/// with the fewest 7-bit units (§14.5.16.1.2 allows any split into
/// characters and optimisation sequences; decoding accepts any): the
/// number of units and the step taken at each position. Among splits of
/// equal cost the longest sequence wins, so this is the plain longest-match
/// split wherever that one is shortest; where it is not ("id.org": "id." +
/// "o" + "r" + "g" is 4 units, "i" + "d" + ".org" 3) the shortest split
/// keeps a re-encoded hostname no longer than any encoding it was decoded
/// from.
fn plan_hostname(h: &[u8]) -> (u32, [Option<HostStep>; MAX_HOSTNAME + 1]) {
    // units[i]: fewest units for h[i..]; step[i]: the first step of it.
    let mut units = [u32::MAX; MAX_HOSTNAME + 1];
    let mut step = [None; MAX_HOSTNAME + 1];
    if let Some(u) = units.get_mut(h.len()) {
        *u = 0;
    }
    for i in (0..h.len().min(MAX_HOSTNAME)).rev() {
        let rest = h.get(i..).unwrap_or_default();
        for s in host_steps(rest) {
            let after = units.get(i + s.len).copied().unwrap_or(u32::MAX);
            let total = after.saturating_add(s.bits / 7);
            if units.get(i).is_some_and(|&best| total < best) {
                if let (Some(u), Some(st)) = (units.get_mut(i), step.get_mut(i)) {
                    *u = total;
                    *st = Some(s);
                }
            }
        }
    }
    (units.first().copied().unwrap_or(u32::MAX), step)
}

fn encode_hostname(w: &mut Writer, host: &str) -> Result<(), ParseError> {
    let h = host.as_bytes();
    check_hostname(h).map_err(enc_err)?;
    let (units, steps) = plan_hostname(h);
    let urn40 = h.iter().all(|&b| urn40_index(b).is_some());
    if urn40 && 16 * h.len().div_ceil(3) < 7 * units as usize {
        w.push(0, 1)?;
        w.push(h.len() as u64, 6)?;
        return push_urn40(w, h);
    }
    if units > 63 {
        return Err(enc_err(ErrorKind::NotEncodable));
    }
    w.push(1, 1)?;
    w.push(units as u64, 6)?;
    let mut i = 0;
    while i < h.len() {
        let s = steps
            .get(i)
            .copied()
            .flatten()
            .ok_or(enc_err(ErrorKind::NotEncodable))?;
        w.push(s.code, s.bits)?;
        i += s.len;
    }
    Ok(())
}

fn decode_hostname(r: &mut Reader<'_>) -> Result<String, ParseError> {
    let at = r.pos;
    let ascii = r.read(1)? == 1;
    let l = r.read(6)? as usize;
    if l == 0 {
        return Err(err_at(ErrorKind::EmptyComponent, at));
    }
    let mut out = String::new();
    if !ascii {
        read_urn40(r, l, ErrorKind::InvalidCharacter, &mut out)?;
    } else {
        let mut units = 0;
        while units < l {
            let p = r.pos;
            let bad = err_at(ErrorKind::InvalidCharacter, p);
            let v = r.read(7)?;
            if v <= 3 {
                units += 2;
                let x = r.read(7)? as usize;
                let s = OPT_B.get(v as usize).and_then(|t| t.get(x)).ok_or(bad)?;
                if units > l {
                    return Err(bad);
                }
                out.push_str(s);
            } else if let Some(&(_, s)) = OPT_A.iter().find(|(code, _)| *code as u64 == v) {
                units += 1;
                out.push_str(s);
            } else if is_hostname_char(v as u8) {
                units += 1;
                out.push(char::from(v as u8));
            } else {
                // 0000100-0011101, $ and @: reserved; `#`: in Table 14-9,
                // but not a hostname character.
                return Err(bad);
            }
        }
    }
    // The encoder's rules (the characters were checked one by one above, for
    // a precise offset): a hostname of optimisation sequences can be longer
    // than 63 characters.
    check_hostname(out.as_bytes()).map_err(|k| err_at(k, at))?;
    Ok(out)
}

// ---------------------------------------------------------------------------
// TDS 2.3 Table F (§15.3), transcribed; cross-checked with the TDT 2.2
// artefact `TDT_TableF.json`. Ranges such as (3100)-(3105) are expanded.

const fn row(ai: &'static str, first: Comp, second: Option<Comp>, check: u8) -> AiFormat {
    AiFormat {
        ai,
        first,
        second,
        check,
    }
}
const fn fx(n: u8) -> Comp {
    Comp::Fixed(n)
}
const fn fb(digits: u8, bits: u8) -> Comp {
    Comp::FixedBits(digits, bits)
}
const fn al(len_bits: u8, min: u8, max: u8) -> Comp {
    Comp::Alnum { len_bits, min, max }
}
const fn num(len_bits: u8, min: u8, max: u8) -> Comp {
    Comp::Num { len_bits, min, max }
}
const fn delim(len_bits: u8, max: u8) -> Comp {
    Comp::Delim { len_bits, max }
}

/// TDS 2.3 Table F (532 rows, sorted by AI).
static TABLE_F: [AiFormat; 532] = [
    row("00", fx(18), None, 18),
    row("01", fx(14), None, 14),
    row("02", fx(14), None, 14),
    row("10", al(5, 1, 20), None, 0),
    row("11", Comp::Date6, None, 0),
    row("12", Comp::Date6, None, 0),
    row("13", Comp::Date6, None, 0),
    row("15", Comp::Date6, None, 0),
    row("16", Comp::Date6, None, 0),
    row("17", Comp::Date6, None, 0),
    row("20", fb(2, 7), None, 0),
    row("21", al(5, 1, 20), None, 0),
    row("22", al(5, 1, 20), None, 0),
    row("235", al(5, 1, 28), None, 0),
    row("240", al(5, 1, 30), None, 0),
    row("241", al(5, 1, 30), None, 0),
    row("242", num(3, 1, 6), None, 0),
    row("243", al(5, 1, 20), None, 0),
    row("250", al(5, 1, 30), None, 0),
    row("251", al(5, 1, 30), None, 0),
    row("253", fx(13), Some(al(5, 0, 17)), 13),
    row("254", al(5, 1, 20), None, 0),
    row("255", fx(13), Some(num(4, 0, 12)), 13),
    row("30", num(4, 1, 8), None, 0),
    row("3100", fb(6, 20), None, 0),
    row("3101", fb(6, 20), None, 0),
    row("3102", fb(6, 20), None, 0),
    row("3103", fb(6, 20), None, 0),
    row("3104", fb(6, 20), None, 0),
    row("3105", fb(6, 20), None, 0),
    row("3110", fb(6, 20), None, 0),
    row("3111", fb(6, 20), None, 0),
    row("3112", fb(6, 20), None, 0),
    row("3113", fb(6, 20), None, 0),
    row("3114", fb(6, 20), None, 0),
    row("3115", fb(6, 20), None, 0),
    row("3120", fb(6, 20), None, 0),
    row("3121", fb(6, 20), None, 0),
    row("3122", fb(6, 20), None, 0),
    row("3123", fb(6, 20), None, 0),
    row("3124", fb(6, 20), None, 0),
    row("3125", fb(6, 20), None, 0),
    row("3130", fb(6, 20), None, 0),
    row("3131", fb(6, 20), None, 0),
    row("3132", fb(6, 20), None, 0),
    row("3133", fb(6, 20), None, 0),
    row("3134", fb(6, 20), None, 0),
    row("3135", fb(6, 20), None, 0),
    row("3140", fb(6, 20), None, 0),
    row("3141", fb(6, 20), None, 0),
    row("3142", fb(6, 20), None, 0),
    row("3143", fb(6, 20), None, 0),
    row("3144", fb(6, 20), None, 0),
    row("3145", fb(6, 20), None, 0),
    row("3150", fb(6, 20), None, 0),
    row("3151", fb(6, 20), None, 0),
    row("3152", fb(6, 20), None, 0),
    row("3153", fb(6, 20), None, 0),
    row("3154", fb(6, 20), None, 0),
    row("3155", fb(6, 20), None, 0),
    row("3160", fb(6, 20), None, 0),
    row("3161", fb(6, 20), None, 0),
    row("3162", fb(6, 20), None, 0),
    row("3163", fb(6, 20), None, 0),
    row("3164", fb(6, 20), None, 0),
    row("3165", fb(6, 20), None, 0),
    row("3200", fb(6, 20), None, 0),
    row("3201", fb(6, 20), None, 0),
    row("3202", fb(6, 20), None, 0),
    row("3203", fb(6, 20), None, 0),
    row("3204", fb(6, 20), None, 0),
    row("3205", fb(6, 20), None, 0),
    row("3210", fb(6, 20), None, 0),
    row("3211", fb(6, 20), None, 0),
    row("3212", fb(6, 20), None, 0),
    row("3213", fb(6, 20), None, 0),
    row("3214", fb(6, 20), None, 0),
    row("3215", fb(6, 20), None, 0),
    row("3220", fb(6, 20), None, 0),
    row("3221", fb(6, 20), None, 0),
    row("3222", fb(6, 20), None, 0),
    row("3223", fb(6, 20), None, 0),
    row("3224", fb(6, 20), None, 0),
    row("3225", fb(6, 20), None, 0),
    row("3230", fb(6, 20), None, 0),
    row("3231", fb(6, 20), None, 0),
    row("3232", fb(6, 20), None, 0),
    row("3233", fb(6, 20), None, 0),
    row("3234", fb(6, 20), None, 0),
    row("3235", fb(6, 20), None, 0),
    row("3240", fb(6, 20), None, 0),
    row("3241", fb(6, 20), None, 0),
    row("3242", fb(6, 20), None, 0),
    row("3243", fb(6, 20), None, 0),
    row("3244", fb(6, 20), None, 0),
    row("3245", fb(6, 20), None, 0),
    row("3250", fb(6, 20), None, 0),
    row("3251", fb(6, 20), None, 0),
    row("3252", fb(6, 20), None, 0),
    row("3253", fb(6, 20), None, 0),
    row("3254", fb(6, 20), None, 0),
    row("3255", fb(6, 20), None, 0),
    row("3260", fb(6, 20), None, 0),
    row("3261", fb(6, 20), None, 0),
    row("3262", fb(6, 20), None, 0),
    row("3263", fb(6, 20), None, 0),
    row("3264", fb(6, 20), None, 0),
    row("3265", fb(6, 20), None, 0),
    row("3270", fb(6, 20), None, 0),
    row("3271", fb(6, 20), None, 0),
    row("3272", fb(6, 20), None, 0),
    row("3273", fb(6, 20), None, 0),
    row("3274", fb(6, 20), None, 0),
    row("3275", fb(6, 20), None, 0),
    row("3280", fb(6, 20), None, 0),
    row("3281", fb(6, 20), None, 0),
    row("3282", fb(6, 20), None, 0),
    row("3283", fb(6, 20), None, 0),
    row("3284", fb(6, 20), None, 0),
    row("3285", fb(6, 20), None, 0),
    row("3290", fb(6, 20), None, 0),
    row("3291", fb(6, 20), None, 0),
    row("3292", fb(6, 20), None, 0),
    row("3293", fb(6, 20), None, 0),
    row("3294", fb(6, 20), None, 0),
    row("3295", fb(6, 20), None, 0),
    row("3300", fb(6, 20), None, 0),
    row("3301", fb(6, 20), None, 0),
    row("3302", fb(6, 20), None, 0),
    row("3303", fb(6, 20), None, 0),
    row("3304", fb(6, 20), None, 0),
    row("3305", fb(6, 20), None, 0),
    row("3310", fb(6, 20), None, 0),
    row("3311", fb(6, 20), None, 0),
    row("3312", fb(6, 20), None, 0),
    row("3313", fb(6, 20), None, 0),
    row("3314", fb(6, 20), None, 0),
    row("3315", fb(6, 20), None, 0),
    row("3320", fb(6, 20), None, 0),
    row("3321", fb(6, 20), None, 0),
    row("3322", fb(6, 20), None, 0),
    row("3323", fb(6, 20), None, 0),
    row("3324", fb(6, 20), None, 0),
    row("3325", fb(6, 20), None, 0),
    row("3330", fb(6, 20), None, 0),
    row("3331", fb(6, 20), None, 0),
    row("3332", fb(6, 20), None, 0),
    row("3333", fb(6, 20), None, 0),
    row("3334", fb(6, 20), None, 0),
    row("3335", fb(6, 20), None, 0),
    row("3340", fb(6, 20), None, 0),
    row("3341", fb(6, 20), None, 0),
    row("3342", fb(6, 20), None, 0),
    row("3343", fb(6, 20), None, 0),
    row("3344", fb(6, 20), None, 0),
    row("3345", fb(6, 20), None, 0),
    row("3350", fb(6, 20), None, 0),
    row("3351", fb(6, 20), None, 0),
    row("3352", fb(6, 20), None, 0),
    row("3353", fb(6, 20), None, 0),
    row("3354", fb(6, 20), None, 0),
    row("3355", fb(6, 20), None, 0),
    row("3360", fb(6, 20), None, 0),
    row("3361", fb(6, 20), None, 0),
    row("3362", fb(6, 20), None, 0),
    row("3363", fb(6, 20), None, 0),
    row("3364", fb(6, 20), None, 0),
    row("3365", fb(6, 20), None, 0),
    row("3370", fb(6, 20), None, 0),
    row("3371", fb(6, 20), None, 0),
    row("3372", fb(6, 20), None, 0),
    row("3373", fb(6, 20), None, 0),
    row("3374", fb(6, 20), None, 0),
    row("3375", fb(6, 20), None, 0),
    row("3400", fb(6, 20), None, 0),
    row("3401", fb(6, 20), None, 0),
    row("3402", fb(6, 20), None, 0),
    row("3403", fb(6, 20), None, 0),
    row("3404", fb(6, 20), None, 0),
    row("3405", fb(6, 20), None, 0),
    row("3410", fb(6, 20), None, 0),
    row("3411", fb(6, 20), None, 0),
    row("3412", fb(6, 20), None, 0),
    row("3413", fb(6, 20), None, 0),
    row("3414", fb(6, 20), None, 0),
    row("3415", fb(6, 20), None, 0),
    row("3420", fb(6, 20), None, 0),
    row("3421", fb(6, 20), None, 0),
    row("3422", fb(6, 20), None, 0),
    row("3423", fb(6, 20), None, 0),
    row("3424", fb(6, 20), None, 0),
    row("3425", fb(6, 20), None, 0),
    row("3430", fb(6, 20), None, 0),
    row("3431", fb(6, 20), None, 0),
    row("3432", fb(6, 20), None, 0),
    row("3433", fb(6, 20), None, 0),
    row("3434", fb(6, 20), None, 0),
    row("3435", fb(6, 20), None, 0),
    row("3440", fb(6, 20), None, 0),
    row("3441", fb(6, 20), None, 0),
    row("3442", fb(6, 20), None, 0),
    row("3443", fb(6, 20), None, 0),
    row("3444", fb(6, 20), None, 0),
    row("3445", fb(6, 20), None, 0),
    row("3450", fb(6, 20), None, 0),
    row("3451", fb(6, 20), None, 0),
    row("3452", fb(6, 20), None, 0),
    row("3453", fb(6, 20), None, 0),
    row("3454", fb(6, 20), None, 0),
    row("3455", fb(6, 20), None, 0),
    row("3460", fb(6, 20), None, 0),
    row("3461", fb(6, 20), None, 0),
    row("3462", fb(6, 20), None, 0),
    row("3463", fb(6, 20), None, 0),
    row("3464", fb(6, 20), None, 0),
    row("3465", fb(6, 20), None, 0),
    row("3470", fb(6, 20), None, 0),
    row("3471", fb(6, 20), None, 0),
    row("3472", fb(6, 20), None, 0),
    row("3473", fb(6, 20), None, 0),
    row("3474", fb(6, 20), None, 0),
    row("3475", fb(6, 20), None, 0),
    row("3480", fb(6, 20), None, 0),
    row("3481", fb(6, 20), None, 0),
    row("3482", fb(6, 20), None, 0),
    row("3483", fb(6, 20), None, 0),
    row("3484", fb(6, 20), None, 0),
    row("3485", fb(6, 20), None, 0),
    row("3490", fb(6, 20), None, 0),
    row("3491", fb(6, 20), None, 0),
    row("3492", fb(6, 20), None, 0),
    row("3493", fb(6, 20), None, 0),
    row("3494", fb(6, 20), None, 0),
    row("3495", fb(6, 20), None, 0),
    row("3500", fb(6, 20), None, 0),
    row("3501", fb(6, 20), None, 0),
    row("3502", fb(6, 20), None, 0),
    row("3503", fb(6, 20), None, 0),
    row("3504", fb(6, 20), None, 0),
    row("3505", fb(6, 20), None, 0),
    row("3510", fb(6, 20), None, 0),
    row("3511", fb(6, 20), None, 0),
    row("3512", fb(6, 20), None, 0),
    row("3513", fb(6, 20), None, 0),
    row("3514", fb(6, 20), None, 0),
    row("3515", fb(6, 20), None, 0),
    row("3520", fb(6, 20), None, 0),
    row("3521", fb(6, 20), None, 0),
    row("3522", fb(6, 20), None, 0),
    row("3523", fb(6, 20), None, 0),
    row("3524", fb(6, 20), None, 0),
    row("3525", fb(6, 20), None, 0),
    row("3530", fb(6, 20), None, 0),
    row("3531", fb(6, 20), None, 0),
    row("3532", fb(6, 20), None, 0),
    row("3533", fb(6, 20), None, 0),
    row("3534", fb(6, 20), None, 0),
    row("3535", fb(6, 20), None, 0),
    row("3540", fb(6, 20), None, 0),
    row("3541", fb(6, 20), None, 0),
    row("3542", fb(6, 20), None, 0),
    row("3543", fb(6, 20), None, 0),
    row("3544", fb(6, 20), None, 0),
    row("3545", fb(6, 20), None, 0),
    row("3550", fb(6, 20), None, 0),
    row("3551", fb(6, 20), None, 0),
    row("3552", fb(6, 20), None, 0),
    row("3553", fb(6, 20), None, 0),
    row("3554", fb(6, 20), None, 0),
    row("3555", fb(6, 20), None, 0),
    row("3560", fb(6, 20), None, 0),
    row("3561", fb(6, 20), None, 0),
    row("3562", fb(6, 20), None, 0),
    row("3563", fb(6, 20), None, 0),
    row("3564", fb(6, 20), None, 0),
    row("3565", fb(6, 20), None, 0),
    row("3570", fb(6, 20), None, 0),
    row("3571", fb(6, 20), None, 0),
    row("3572", fb(6, 20), None, 0),
    row("3573", fb(6, 20), None, 0),
    row("3574", fb(6, 20), None, 0),
    row("3575", fb(6, 20), None, 0),
    row("3600", fb(6, 20), None, 0),
    row("3601", fb(6, 20), None, 0),
    row("3602", fb(6, 20), None, 0),
    row("3603", fb(6, 20), None, 0),
    row("3604", fb(6, 20), None, 0),
    row("3605", fb(6, 20), None, 0),
    row("3610", fb(6, 20), None, 0),
    row("3611", fb(6, 20), None, 0),
    row("3612", fb(6, 20), None, 0),
    row("3613", fb(6, 20), None, 0),
    row("3614", fb(6, 20), None, 0),
    row("3615", fb(6, 20), None, 0),
    row("3620", fb(6, 20), None, 0),
    row("3621", fb(6, 20), None, 0),
    row("3622", fb(6, 20), None, 0),
    row("3623", fb(6, 20), None, 0),
    row("3624", fb(6, 20), None, 0),
    row("3625", fb(6, 20), None, 0),
    row("3630", fb(6, 20), None, 0),
    row("3631", fb(6, 20), None, 0),
    row("3632", fb(6, 20), None, 0),
    row("3633", fb(6, 20), None, 0),
    row("3634", fb(6, 20), None, 0),
    row("3635", fb(6, 20), None, 0),
    row("3640", fb(6, 20), None, 0),
    row("3641", fb(6, 20), None, 0),
    row("3642", fb(6, 20), None, 0),
    row("3643", fb(6, 20), None, 0),
    row("3644", fb(6, 20), None, 0),
    row("3645", fb(6, 20), None, 0),
    row("3650", fb(6, 20), None, 0),
    row("3651", fb(6, 20), None, 0),
    row("3652", fb(6, 20), None, 0),
    row("3653", fb(6, 20), None, 0),
    row("3654", fb(6, 20), None, 0),
    row("3655", fb(6, 20), None, 0),
    row("3660", fb(6, 20), None, 0),
    row("3661", fb(6, 20), None, 0),
    row("3662", fb(6, 20), None, 0),
    row("3663", fb(6, 20), None, 0),
    row("3664", fb(6, 20), None, 0),
    row("3665", fb(6, 20), None, 0),
    row("3670", fb(6, 20), None, 0),
    row("3671", fb(6, 20), None, 0),
    row("3672", fb(6, 20), None, 0),
    row("3673", fb(6, 20), None, 0),
    row("3674", fb(6, 20), None, 0),
    row("3675", fb(6, 20), None, 0),
    row("3680", fb(6, 20), None, 0),
    row("3681", fb(6, 20), None, 0),
    row("3682", fb(6, 20), None, 0),
    row("3683", fb(6, 20), None, 0),
    row("3684", fb(6, 20), None, 0),
    row("3685", fb(6, 20), None, 0),
    row("3690", fb(6, 20), None, 0),
    row("3691", fb(6, 20), None, 0),
    row("3692", fb(6, 20), None, 0),
    row("3693", fb(6, 20), None, 0),
    row("3694", fb(6, 20), None, 0),
    row("3695", fb(6, 20), None, 0),
    row("37", num(4, 1, 8), None, 0),
    row("3900", num(4, 1, 15), None, 0),
    row("3901", num(4, 1, 15), None, 0),
    row("3902", num(4, 1, 15), None, 0),
    row("3903", num(4, 1, 15), None, 0),
    row("3904", num(4, 1, 15), None, 0),
    row("3905", num(4, 1, 15), None, 0),
    row("3906", num(4, 1, 15), None, 0),
    row("3907", num(4, 1, 15), None, 0),
    row("3908", num(4, 1, 15), None, 0),
    row("3909", num(4, 1, 15), None, 0),
    row("3910", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3911", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3912", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3913", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3914", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3915", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3916", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3917", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3918", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3919", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3920", num(4, 1, 15), None, 0),
    row("3921", num(4, 1, 15), None, 0),
    row("3922", num(4, 1, 15), None, 0),
    row("3923", num(4, 1, 15), None, 0),
    row("3924", num(4, 1, 15), None, 0),
    row("3925", num(4, 1, 15), None, 0),
    row("3926", num(4, 1, 15), None, 0),
    row("3927", num(4, 1, 15), None, 0),
    row("3928", num(4, 1, 15), None, 0),
    row("3929", num(4, 1, 15), None, 0),
    row("3930", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3931", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3932", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3933", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3934", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3935", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3936", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3937", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3938", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3939", fb(3, 10), Some(num(4, 1, 15)), 0),
    row("3940", fb(4, 14), None, 0),
    row("3941", fb(4, 14), None, 0),
    row("3942", fb(4, 14), None, 0),
    row("3943", fb(4, 14), None, 0),
    row("3950", fb(6, 20), None, 0),
    row("3951", fb(6, 20), None, 0),
    row("3952", fb(6, 20), None, 0),
    row("3953", fb(6, 20), None, 0),
    row("400", al(5, 1, 30), None, 0),
    row("401", al(5, 1, 30), None, 0),
    row("402", fb(17, 57), None, 17),
    row("403", al(5, 1, 30), None, 0),
    row("410", fx(13), None, 13),
    row("411", fx(13), None, 13),
    row("412", fx(13), None, 13),
    row("413", fx(13), None, 13),
    row("414", fx(13), None, 13),
    row("415", fx(13), None, 13),
    row("416", fx(13), None, 13),
    row("417", fx(13), None, 13),
    row("420", al(5, 1, 20), None, 0),
    row("421", fb(3, 10), Some(al(4, 1, 9)), 0),
    row("422", fb(3, 10), None, 0),
    row("423", num(4, 1, 15), None, 0),
    row("424", fb(3, 10), None, 0),
    row("425", num(4, 1, 15), None, 0),
    row("426", fb(3, 10), None, 0),
    row("427", al(2, 1, 3), None, 0),
    row("4300", al(6, 1, 35), None, 0),
    row("4301", al(6, 1, 35), None, 0),
    row("4302", al(7, 1, 70), None, 0),
    row("4303", al(7, 1, 70), None, 0),
    row("4304", al(7, 1, 70), None, 0),
    row("4305", al(7, 1, 70), None, 0),
    row("4306", al(7, 1, 70), None, 0),
    row("4307", Comp::Country, None, 0),
    row("4308", al(5, 1, 30), None, 0),
    row("4309", fb(20, 67), None, 0),
    row("4310", al(6, 1, 35), None, 0),
    row("4311", al(6, 1, 35), None, 0),
    row("4312", al(7, 1, 70), None, 0),
    row("4313", al(7, 1, 70), None, 0),
    row("4314", al(7, 1, 70), None, 0),
    row("4315", al(7, 1, 70), None, 0),
    row("4316", al(7, 1, 70), None, 0),
    row("4317", Comp::Country, None, 0),
    row("4318", al(5, 1, 20), None, 0),
    row("4319", al(5, 1, 30), None, 0),
    row("4320", al(6, 1, 35), None, 0),
    row("4321", Comp::Bit, None, 0),
    row("4322", Comp::Bit, None, 0),
    row("4323", Comp::Bit, None, 0),
    row("4324", Comp::DateTime10, None, 0),
    row("4325", Comp::DateTime10, None, 0),
    row("4326", Comp::Date6, None, 0),
    row("4330", fb(6, 20), Some(Comp::Minus), 0),
    row("4331", fb(6, 20), Some(Comp::Minus), 0),
    row("4332", fb(6, 20), Some(Comp::Minus), 0),
    row("4333", fb(6, 20), Some(Comp::Minus), 0),
    row("7001", fb(13, 44), None, 0),
    row("7002", al(5, 1, 30), None, 0),
    row("7003", Comp::DateTime10, None, 0),
    row("7004", num(3, 1, 4), None, 0),
    row("7005", al(4, 1, 12), None, 0),
    row("7006", Comp::Date6, None, 0),
    row("7007", Comp::DateRange, None, 0),
    row("7008", al(2, 1, 3), None, 0),
    row("7009", al(4, 1, 10), None, 0),
    row("7010", al(2, 1, 2), None, 0),
    row("7011", Comp::DateTimeVar, None, 0),
    row("7020", al(5, 1, 20), None, 0),
    row("7021", al(5, 1, 20), None, 0),
    row("7022", al(5, 1, 20), None, 0),
    row("7023", delim(5, 30), None, 0),
    row("7030", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7031", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7032", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7033", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7034", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7035", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7036", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7037", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7038", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7039", fb(3, 10), Some(al(5, 1, 27)), 0),
    row("7040", al(3, 1, 4), None, 0),
    row("7041", al(3, 1, 4), None, 0),
    row("710", al(5, 1, 20), None, 0),
    row("711", al(5, 1, 20), None, 0),
    row("712", al(5, 1, 20), None, 0),
    row("713", al(5, 1, 20), None, 0),
    row("714", al(5, 1, 20), None, 0),
    row("715", al(5, 1, 20), None, 0),
    row("716", al(5, 1, 20), None, 0),
    row("7230", al(5, 1, 30), None, 0),
    row("7231", al(5, 1, 30), None, 0),
    row("7232", al(5, 1, 30), None, 0),
    row("7233", al(5, 1, 30), None, 0),
    row("7234", al(5, 1, 30), None, 0),
    row("7235", al(5, 1, 30), None, 0),
    row("7236", al(5, 1, 30), None, 0),
    row("7237", al(5, 1, 30), None, 0),
    row("7238", al(5, 1, 30), None, 0),
    row("7239", al(5, 1, 30), None, 0),
    row("7240", al(5, 1, 20), None, 0),
    row("7241", fx(2), None, 0),
    row("7242", al(5, 1, 25), None, 0),
    row("7250", fb(8, 27), None, 0),
    row("7251", fb(12, 40), None, 0),
    row("7252", fb(1, 4), None, 0),
    row("7253", al(6, 1, 40), None, 0),
    row("7254", al(6, 1, 40), None, 0),
    row("7255", al(4, 1, 10), None, 0),
    row("7256", al(7, 1, 90), None, 0),
    row("7257", al(7, 1, 70), None, 0),
    row("7258", Comp::Sequence, None, 0),
    row("7259", al(6, 1, 40), None, 0),
    row("8001", fb(14, 47), None, 0),
    row("8002", al(5, 1, 20), None, 0),
    row("8003", fx(14), Some(al(5, 0, 16)), 14),
    row("8004", delim(5, 30), None, 0),
    row("8005", fb(6, 20), None, 0),
    row("8006", fx(18), None, 14),
    row("8007", al(5, 1, 24), None, 0),
    row("8008", Comp::DateTimeVar, None, 0),
    row("8009", al(6, 1, 50), None, 0),
    row("8010", delim(5, 30), None, 0),
    row("8011", num(4, 1, 12), None, 0),
    row("8012", al(5, 1, 20), None, 0),
    row("8013", al(5, 1, 25), None, 0),
    row("8017", fx(18), None, 18),
    row("8018", fx(18), None, 18),
    row("8019", num(4, 1, 10), None, 0),
    row("8020", al(5, 1, 25), None, 0),
    row("8026", fx(18), None, 14),
    row("8030", al(7, 1, 90), None, 0),
    row("8110", al(7, 1, 70), None, 0),
    row("8111", fb(4, 14), None, 0),
    row("8112", al(7, 1, 70), None, 0),
    row("8200", al(7, 1, 70), None, 0),
    row("90", al(5, 1, 30), None, 0),
    row("91", al(7, 1, 90), None, 0),
    row("92", al(7, 1, 90), None, 0),
    row("93", al(7, 1, 90), None, 0),
    row("94", al(7, 1, 90), None, 0),
    row("95", al(7, 1, 90), None, 0),
    row("96", al(7, 1, 90), None, 0),
    row("97", al(7, 1, 90), None, 0),
    row("98", al(7, 1, 90), None, 0),
    row("99", al(7, 1, 90), None, 0),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn bin_from_bits(bits: &str) -> Binary {
        let mut b = Binary::empty();
        for c in bits.chars().filter(|c| !c.is_whitespace()) {
            assert!(b.push_bits(u64::from(c == '1'), 1));
        }
        b
    }

    fn bin_from_hex(hex: &str) -> Binary {
        let mut b = Binary::empty();
        for c in hex.chars() {
            assert!(b.push_bits(c.to_digit(16).expect("hex") as u64, 4));
        }
        b
    }

    /// The first `n` bits of `b`.
    fn truncated(b: &Binary, n: usize) -> Binary {
        let mut t = Binary::empty();
        for i in 0..n {
            t.push_bits(b.read_bits(i, 1).expect("bit"), 1);
        }
        t
    }

    /// Hex equality modulo trailing zero padding (TDS E.3 prints some
    /// encodings unpadded).
    fn same_hex(a: &str, b: &str) -> bool {
        a.trim_end_matches('0')
            .eq_ignore_ascii_case(b.trim_end_matches('0'))
    }

    fn es(items: &[(&'static str, &str)]) -> ElementString<'static> {
        let mut es = ElementString::new();
        for &(ai, v) in items {
            es.push(ai, v.to_string());
        }
        es
    }

    fn pairs(es: &ElementString<'_>) -> Vec<(String, String)> {
        es.items()
            .iter()
            .map(|i| (i.ai.to_string(), i.value.to_string()))
            .collect()
    }

    fn kind(r: Result<impl fmt::Debug, ParseError>) -> ErrorKind {
        r.expect_err("error expected").kind()
    }

    struct Example {
        hex: &'static str,
        scheme: PlusScheme,
        filter: u8,
        hostname: Option<&'static str>,
        ais: &'static [(&'static str, &'static str)],
    }

    /// GS1 EPC TDS 2.3 (Oct 2025) Appendix E.3, Tables 508-549, with the
    /// errata of dannyhaak/TagDataTranslation docs/TDS-2.3-Errata.md:
    /// the SGTIN++ / DSGTIN++ hex encodes `id.example.com` (not
    /// `example.com`), and SSCC++ / ITIP++ start with 0xEF / 0xED (E.3 prints
    /// the '+' headers 0xF9 / 0xF3). All with no +AIDC data.
    const E3: &[Example] = &[
        Example {
            hex: "F73795211411234538566CB0AFC4",
            scheme: PlusScheme::SgtinPlus,
            filter: 3,
            hostname: None,
            ais: &[("01", "79521141123453"), ("21", "32a/b")],
        },
        Example {
            hex: "FB342CDE795211411234538566CB0AFC4",
            scheme: PlusScheme::DsgtinPlus,
            filter: 3,
            hostname: None,
            ais: &[("01", "79521141123453"), ("21", "32a/b"), ("17", "220630")],
        },
        Example {
            hex: "FD3795211411234538566CB0AFC525065F1876F0D996D800",
            scheme: PlusScheme::SgtinPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("01", "79521141123453"), ("21", "32a/b")],
        },
        // Errata: the hex for the hostname the standard meant.
        Example {
            hex: "FD3795211411234538566CB0AFC5232F8C3B786CCB6C",
            scheme: PlusScheme::SgtinPlusPlus,
            filter: 3,
            hostname: Some("example.com"),
            ais: &[("01", "79521141123453"), ("21", "32a/b")],
        },
        Example {
            hex: "FC342CDE795211411234538566CB0AFC525065F1876F0D996D80",
            scheme: PlusScheme::DsgtinPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("01", "79521141123453"), ("21", "32a/b"), ("17", "220630")],
        },
        Example {
            hex: "F90095201234567891235",
            scheme: PlusScheme::SsccPlus,
            filter: 0,
            hostname: None,
            ais: &[("00", "095201234567891235")],
        },
        Example {
            hex: "EF009520123456789123592832F8C3B786CCB6C0",
            scheme: PlusScheme::SsccPlusPlus,
            filter: 0,
            hostname: Some("id.example.com"),
            ais: &[("00", "095201234567891235")],
        },
        Example {
            hex: "F2395211411234548566CB0AFC4",
            scheme: PlusScheme::SglnPlus,
            filter: 3,
            hostname: None,
            ais: &[("414", "9521141123454"), ("254", "32a/b")],
        },
        Example {
            hex: "E9395211411234548566CB0AFC525065F1876F0D996D8000",
            scheme: PlusScheme::SglnPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("414", "9521141123454"), ("254", "32a/b")],
        },
        Example {
            hex: "F13095211411234548566CB0AFC4",
            scheme: PlusScheme::GraiPlus,
            filter: 3,
            hostname: None,
            ais: &[("8003", "0952114112345432a/b")],
        },
        Example {
            hex: "EB3095211411234548566CB0AFC525065F1876F0D996D800",
            scheme: PlusScheme::GraiPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8003", "0952114112345432a/b")],
        },
        Example {
            hex: "FA3952114132E83C2BF10",
            scheme: PlusScheme::GiaiPlus,
            filter: 3,
            hostname: None,
            ais: &[("8004", "952114132a/b")],
        },
        Example {
            hex: "EE3952114132E83C2BF1494197C61DBC3665B600",
            scheme: PlusScheme::GiaiPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8004", "952114132a/b")],
        },
        Example {
            hex: "F43952114112345678906",
            scheme: PlusScheme::GsrnPlus,
            filter: 3,
            hostname: None,
            ais: &[("8018", "952114112345678906")],
        },
        Example {
            hex: "E7395211411234567890692832F8C3B786CCB6C0",
            scheme: PlusScheme::GsrnPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8018", "952114112345678906")],
        },
        Example {
            hex: "F53952114112345678906",
            scheme: PlusScheme::GsrnpPlus,
            filter: 3,
            hostname: None,
            ais: &[("8017", "952114112345678906")],
        },
        Example {
            hex: "E8395211411234567890692832F8C3B786CCB6C0",
            scheme: PlusScheme::GsrnpPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8017", "952114112345678906")],
        },
        Example {
            hex: "F6395211411234540458B8",
            scheme: PlusScheme::GdtiPlus,
            filter: 3,
            hostname: None,
            ais: &[("253", "95211411234545678")],
        },
        Example {
            hex: "EA395211411234540458BA4A0CBE30EDE1B32DB0",
            scheme: PlusScheme::GdtiPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("253", "95211411234545678")],
        },
        Example {
            hex: "F0395211415E87A145BAFB4D19A8C0E4",
            scheme: PlusScheme::CpiPlus,
            filter: 3,
            hostname: None,
            ais: &[("8010", "95211415PQ7/Z43"), ("8011", "12345")],
        },
        Example {
            hex: "E6395211415E87A145BAFB4D19A8C0E64A0CBE30EDE1B32DB000",
            scheme: PlusScheme::CpiPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8010", "95211415PQ7/Z43"), ("8011", "12345")],
        },
        Example {
            hex: "F839521141678909509338",
            scheme: PlusScheme::SgcnPlus,
            filter: 3,
            hostname: None,
            ais: &[("255", "952114167890904711")],
        },
        Example {
            hex: "EC3952114167890950933C94197C61DBC3665B60",
            scheme: PlusScheme::SgcnPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("255", "952114167890904711")],
        },
        Example {
            hex: "F3309521141123454010266AE27FDF35",
            scheme: PlusScheme::ItipPlus,
            filter: 3,
            hostname: None,
            ais: &[("8006", "095211411234540102"), ("21", "rif981")],
        },
        Example {
            hex: "ED309521141123454010266AE27FDF3592832F8C3B786CCB6C00",
            scheme: PlusScheme::ItipPlusPlus,
            filter: 3,
            hostname: Some("id.example.com"),
            ais: &[("8006", "095211411234540102"), ("21", "rif981")],
        },
    ];

    fn expected_pairs(ais: &[(&str, &str)]) -> Vec<(String, String)> {
        ais.iter()
            .map(|(a, v)| (a.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tds23_e3_examples_decode() {
        for ex in E3 {
            let got = decode(&bin_from_hex(ex.hex)).unwrap_or_else(|e| panic!("{}: {e}", ex.hex));
            assert_eq!(got.scheme(), ex.scheme, "{}", ex.hex);
            assert_eq!(got.filter(), ex.filter, "{}", ex.hex);
            assert!(!got.data_toggle(), "{}", ex.hex);
            assert_eq!(got.hostname(), ex.hostname, "{}", ex.hex);
            assert_eq!(
                pairs(got.element_string()),
                expected_pairs(ex.ais),
                "{}",
                ex.hex
            );
            assert_eq!(got.identifier().len(), ex.ais.len());
            assert!(got.aidc().is_empty());
        }
    }

    #[test]
    fn tds23_e3_examples_encode() {
        for ex in E3 {
            let b = encode(ex.scheme, ex.filter, &es(ex.ais), ex.hostname)
                .unwrap_or_else(|e| panic!("{}: {e}", ex.hex));
            assert!(same_hex(&b.to_string(), ex.hex), "{}: got {b}", ex.hex);
        }
    }

    /// E.3 as printed (before the errata): the SSCC++ and ITIP++ hex carry the
    /// '+' headers, and then decode as a '+' scheme followed by stray bits.
    #[test]
    fn tds23_e3_misprinted_headers_are_rejected() {
        for hex in [
            "F9009520123456789123592832F8C3B786CCB6C0",
            "F3309521141123454010266AE27FDF3592832F8C3B786CCB6C00",
        ] {
            assert_eq!(
                kind(decode(&bin_from_hex(hex))),
                ErrorKind::BitLength,
                "{hex}"
            );
        }
    }

    /// shared/vectors/tds_vectors.json `tds2-derived-sgtin-plus` (derived from
    /// the TDT 2.2 SGTIN+ artefact; same bits as E.3 Table 508).
    #[test]
    fn vector_tds2_derived_sgtin_plus() {
        let b = encode(
            PlusScheme::SgtinPlus,
            3,
            &es(&[("01", "79521141123453"), ("21", "32a/b")]),
            None,
        )
        .unwrap();
        assert_eq!(b.to_string(), "F73795211411234538566CB0AFC4");
        let d = decode(&b).unwrap();
        assert_eq!(d.encode().unwrap(), b);
    }

    /// The bit layout of the E.3 SGTIN+ example, field by field (TDS 2.3
    /// §14.6.1.3 and §14.5.6.6).
    const SGTIN_PLUS_BITS: &str = concat!(
        "11110111",                                                              // header F7
        "0",                                                                     // +AIDC toggle
        "011",                                                                   // filter 3
        "0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011", // (01) 79521141123453
        "100 00101",                               // (21): 7-bit ASCII, 5 characters
        "0110011 0110010 1100001 0101111 1100010"  // 3 2 a / b
    );

    #[test]
    fn sgtin_plus_bit_layout() {
        let b = bin_from_bits(SGTIN_PLUS_BITS);
        assert_eq!(b.bit_len(), 8 + 1 + 3 + 56 + 8 + 35);
        let d = decode(&b).unwrap();
        assert_eq!(
            pairs(d.element_string()),
            expected_pairs(&[("01", "79521141123453"), ("21", "32a/b")])
        );
        assert_eq!(d.encode().unwrap(), b);
    }

    /// +AIDC data after the EPC (TDS 2.3 §15.3): each AI as its digits in 4
    /// bits (Table K), then its value per Table F. Built by hand from the
    /// rules: (17)220630 is 7+4+5 bits (§14.5.8); (10)ABC123 is upper-case
    /// hex (indicator 001, §14.5.6.2) with a 5-bit length.
    #[test]
    fn aidc_bit_layout() {
        let bits = format!(
            "{}{}{}{}{}{}{}",
            "11110111 1 011",
            "0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011",
            "100 00101 0110011 0110010 1100001 0101111 1100010",
            "0001 0111",                               // AI 17
            "0010110 0110 11110",                      // 22 06 30
            "0001 0000",                               // AI 10
            "001 00110 1010 1011 1100 0001 0010 0011"  // ABC123
        );
        let b = bin_from_bits(&bits);
        let d = decode(&b).unwrap();
        assert!(d.data_toggle());
        assert_eq!(
            pairs(d.element_string()),
            expected_pairs(&[
                ("01", "79521141123453"),
                ("21", "32a/b"),
                ("17", "220630"),
                ("10", "ABC123")
            ])
        );
        assert_eq!(d.identifier().len(), 2);
        assert_eq!(d.aidc().len(), 2);
        let enc = encode(
            PlusScheme::SgtinPlus,
            3,
            &es(&[
                ("01", "79521141123453"),
                ("21", "32a/b"),
                ("17", "220630"),
                ("10", "ABC123"),
            ]),
            None,
        )
        .unwrap();
        assert_eq!(enc, b);
        // Zero padding to the next 16-bit word is ignored.
        let padded = bin_from_hex(&enc.to_string());
        assert_eq!(decode(&padded).unwrap(), d);
    }

    /// 3- and 4-digit AIs in +AIDC data (Table K: 41n, 80nn) and a
    /// two-component value (8003: 14 digits + optional serial).
    #[test]
    fn aidc_three_and_four_digit_ais() {
        let bits = concat!(
            "11110111 1 011",
            "0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011",
            "100 00101 0110011 0110010 1100001 0101111 1100010",
            "0100 0001 0100", // AI 414
            "1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0100", // 9521141123454
            "1000 0000 0000 0011", // AI 8003
            "0000 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0100", // 09521141123454
            "000 00000"                                                              // no serial
        );
        let d = decode(&bin_from_bits(bits)).unwrap();
        assert_eq!(
            pairs(d.element_string()),
            expected_pairs(&[
                ("01", "79521141123453"),
                ("21", "32a/b"),
                ("414", "9521141123454"),
                ("8003", "09521141123454"),
            ])
        );
        assert_eq!(d.encode().unwrap(), bin_from_bits(bits));
    }

    /// TDS 2.3 §15.3: a zero data header with at least 72 further bits is
    /// an SSCC (00).
    #[test]
    fn aidc_sscc_after_zero_header() {
        let e = es(&[
            ("01", "79521141123453"),
            ("21", "32a/b"),
            ("00", "095201234567891235"),
        ]);
        let b = encode(PlusScheme::SgtinPlus, 1, &e, None).unwrap();
        let d = decode(&b).unwrap();
        assert_eq!(pairs(d.element_string()), pairs(&e));
        // An SSCC of zeros as the last +AIDC data would read as padding.
        let z = es(&[
            ("01", "79521141123453"),
            ("21", "1"),
            ("00", "000000000000000000"),
        ]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 1, &z, None)),
            ErrorKind::NotEncodable
        );
        // Followed by more data it is an SSCC both ways (the next data header
        // is not zero).
        let z = es(&[
            ("01", "79521141123453"),
            ("21", "1"),
            ("00", "000000000000000000"),
            ("10", "A"),
        ]);
        let b = encode(PlusScheme::SgtinPlus, 1, &z, None).unwrap();
        let d = decode(&b).unwrap();
        assert_eq!(pairs(d.element_string()), pairs(&z));
        assert_eq!(d.encode().unwrap(), b);
    }

    /// GS1 keys are +AIDC data like any other AI (Table F has (00), (01),
    /// (02); §15.3 decodes a zero header as an SSCC): after a CPI+, encode
    /// and decode agree on them; a key AI of the scheme itself, or an AI
    /// twice, is refused both ways.
    #[test]
    fn aidc_gs1_keys() {
        let e = es(&[
            ("8010", "0300000"),
            ("8011", "2"),
            ("01", "00000000000000"),
            ("00", "000000000000000000"),
            ("02", "79521141123453"),
            ("00", "095201234567891235"),
        ]);
        // (00) twice: refused.
        assert_eq!(
            kind(encode(PlusScheme::CpiPlus, 7, &e, None)),
            ErrorKind::UnknownAi
        );
        let e = es(&e.items()[..5]
            .iter()
            .map(|i| (i.ai, i.value.as_ref()))
            .collect::<Vec<_>>());
        let b = encode(PlusScheme::CpiPlus, 7, &e, None).unwrap();
        let d = decode(&b).unwrap();
        assert_eq!(pairs(d.element_string()), pairs(&e));
        assert_eq!(d.aidc().len(), 3);
        assert_eq!(d.encode().unwrap(), b);
        // A key AI of the scheme after its identifier: (8011) again.
        let again = es(&[("8010", "0300000"), ("8011", "2"), ("8011", "3")]);
        assert_eq!(
            kind(encode(PlusScheme::CpiPlus, 7, &again, None)),
            ErrorKind::UnknownAi
        );
        // The same bits decode to the same refusal, at the repeated item.
        let mut bits = String::from("111100001111");
        let ident = encode(
            PlusScheme::CpiPlus,
            7,
            &es(&[("8010", "0300000"), ("8011", "2")]),
            None,
        )
        .unwrap();
        for i in 12..ident.bit_len() {
            bits.push(if ident.read_bits(i, 1) == Some(1) {
                '1'
            } else {
                '0'
            });
        }
        let at = bits.len();
        bits.push_str("1000000000010001"); // (8011)
        bits.push_str("00010011"); // length 1, "3"
        let e = decode(&bin_from_bits(&bits)).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UnknownAi, at / 4));
    }

    /// Table B of TDS 2.3 §15.3, column "Integer encoding".
    #[test]
    fn table_b_integer_bits() {
        let table_b = [
            4, 7, 10, 14, 17, 20, 24, 27, 30, 34, 37, 40, 44, 47, 50, 54, 57, 60, 64, 67, 70, 74,
            77, 80, 84, 87, 90, 94, 97, 100, 103, 107, 110, 113, 117, 120, 123, 127, 130, 133, 137,
            140, 143, 147, 150, 153, 157, 160, 163, 167, 170, 173, 177, 180, 183, 187, 190, 193,
            196, 200, 203, 206, 210, 213, 216, 220, 223, 226, 230, 233, 236, 240, 243, 246, 250,
            253, 256, 260, 263, 266, 270, 273, 276, 280, 283, 286, 290, 293, 296, 299,
        ];
        for (i, &bits) in table_b.iter().enumerate() {
            assert_eq!(numeric_bits(i + 1), bits, "L = {}", i + 1);
        }
        assert_eq!(numeric_bits(0), 0);
    }

    #[test]
    fn table_f_is_sorted_and_consistent_with_table_k() {
        for pair in TABLE_F.windows(2) {
            assert!(pair[0].ai < pair[1].ai, "{} {}", pair[0].ai, pair[1].ai);
        }
        for f in &TABLE_F {
            let d: u64 = f.ai[..2].parse().unwrap();
            assert_eq!(ai_length(d), Some(f.ai.len()), "{}", f.ai);
            assert!(f.ai.bytes().all(|b| b.is_ascii_digit()));
            if f.second.is_some() {
                assert!(f.first.fixed_chars().is_some(), "{}", f.ai);
            }
            for c in [Some(f.first), f.second].into_iter().flatten() {
                match c {
                    Comp::FixedBits(d, b) => {
                        assert!(numeric_bits(d as usize) <= b as u32, "{}", f.ai)
                    }
                    Comp::Alnum { len_bits, max, .. }
                    | Comp::Num { len_bits, max, .. }
                    | Comp::Delim { len_bits, max } => {
                        assert!(
                            (max as u32) < 1 << len_bits || matches!(c, Comp::Delim { .. }),
                            "{}",
                            f.ai
                        );
                        assert!(max <= 90);
                    }
                    _ => {}
                }
            }
        }
        // Every Table K prefix has an AI in Table F.
        for d in 0..100 {
            if ai_length(d).is_some() {
                assert!(
                    TABLE_F
                        .iter()
                        .any(|f| f.ai[..2].parse::<u64>().unwrap() == d),
                    "{d}"
                );
            }
        }
        assert_eq!(table_f("01").unwrap().first, Comp::Fixed(14));
        assert!(table_f("03").is_none());
        assert!(table_f("8014").is_none());
    }

    #[test]
    fn scheme_table() {
        assert_eq!(PlusScheme::ALL.len(), 24);
        for &s in PlusScheme::ALL {
            assert_eq!(PlusScheme::from_header(s.header()), Some(s));
            assert_eq!(PlusScheme::from_name(s.name()), Some(s));
            assert_eq!(PlusScheme::from_name(&s.name().to_uppercase()), Some(s));
            assert_eq!(s.has_hostname(), s.name().ends_with("++"));
            assert!(is_plus_header(s.header()));
            assert_eq!(s.to_string(), s.name());
        }
        for h in 0..=255u8 {
            assert_eq!(is_plus_header(h), (0xE6..=0xFD).contains(&h), "{h:#x}");
        }
        assert_eq!(PlusScheme::SgtinPlusPlus.header(), 0xFD);
        assert_eq!(PlusScheme::DsgtinPlusPlus.header(), 0xFC);
        assert_eq!(PlusScheme::DsgtinPlus.scheme(), Scheme::Sgtin);
        assert_eq!(PlusScheme::CpiPlus.key_ais(), &["8010", "8011"]);
        assert!(PlusScheme::DsgtinPlusPlus.has_date());
    }

    #[test]
    fn variable_length_alphanumeric_methods() {
        // Table E: 0 numeric, 1 upper hex, 2 lower hex, 3 base 64, 4 7-bit
        // ASCII, 5 URN Code 40.
        assert_eq!(choose_encoding(b"000123"), Some(0));
        assert_eq!(choose_encoding(b"ABC123"), Some(1));
        assert_eq!(choose_encoding(b"abc123"), Some(2));
        assert_eq!(choose_encoding(b"rif981"), Some(3));
        assert_eq!(choose_encoding(b"Ab-_"), Some(3));
        assert_eq!(choose_encoding(b"AB:C.D"), Some(5));
        assert_eq!(choose_encoding(b"32a/b"), Some(4));
        // URN Code 40 (16 bits / 3 characters) against base 64 (6 bits).
        assert_eq!(choose_encoding(b"XYZ"), Some(5));
        assert_eq!(choose_encoding(b"XY"), Some(3));
        assert_eq!(choose_encoding(b"XYZWXYZW"), Some(3)); // 48 = 48: base 64
        assert_eq!(choose_encoding(b"XYZWXYZWX"), Some(5));
        assert_eq!(choose_encoding(b"a b"), None);
        for v in [
            "000123",
            "0",
            "ABC123",
            "abc123",
            "rif981",
            "Ab-_",
            "AB:C.D",
            "A",
            "AB",
            "ABCD",
            "XYZWXYZWX",
            "32a/b",
            "!\"%&'()*+,-./:;<=>?z",
            "01234567890123456789",
        ] {
            let e = es(&[("01", "79521141123453"), ("21", v)]);
            let b = encode(PlusScheme::SgtinPlus, 0, &e, None)
                .unwrap_or_else(|err| panic!("{v}: {err}"));
            assert_eq!(
                pairs(decode(&b).unwrap().element_string()),
                pairs(&e),
                "{v}"
            );
        }
        let too_long = es(&[("01", "79521141123453"), ("21", "012345678901234567890")]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 0, &too_long, None)),
            ErrorKind::InvalidAiValue
        );
    }

    /// URN Code 40 groups: r = 1600 i1 + 40 i2 + i3 + 1 (§14.5.6.5).
    #[test]
    fn urn_code_40_bits() {
        let mut w = Writer {
            bin: Binary::empty(),
        };
        push_urn40(&mut w, b"AB:C").unwrap();
        // "AB:" = 1600*1 + 40*2 + 29 + 1 = 1710; "C" + 2 pads = 1600*3 + 1.
        assert_eq!(w.bin.read_bits(0, 16), Some(1710));
        assert_eq!(w.bin.read_bits(16, 16), Some(4801));
        let mut r = Reader {
            bin: &w.bin,
            pos: 0,
        };
        let mut out = String::new();
        read_urn40(&mut r, 4, ErrorKind::InvalidAiValue, &mut out).unwrap();
        assert_eq!(out, "AB:C");
        // A pad inside the value, or characters where pads belong.
        let mut r = Reader {
            bin: &w.bin,
            pos: 0,
        };
        assert!(read_urn40(&mut r, 2, ErrorKind::InvalidAiValue, &mut String::new()).is_err());
        let mut r = Reader {
            bin: &w.bin,
            pos: 0,
        };
        assert!(read_urn40(&mut r, 5, ErrorKind::InvalidAiValue, &mut String::new()).is_err());
        for bad in [0u64, 64001, 65535] {
            let mut b = Binary::empty();
            b.push_bits(bad, 16);
            let mut r = Reader { bin: &b, pos: 0 };
            assert!(read_urn40(&mut r, 3, ErrorKind::InvalidAiValue, &mut String::new()).is_err());
        }
    }

    /// GIAI / CPI "Delimited/terminated numeric" (§14.5.5).
    #[test]
    fn delimited_numeric() {
        for v in [
            "12345",
            "0",
            "A",
            "952114132a/b",
            "9521141ABCDEFGHIJKLMNOPQRSTUVW",
            "12345678901234567890123456789X",
        ] {
            let e = es(&[("8004", v)]);
            let b = encode(PlusScheme::GiaiPlus, 0, &e, None)
                .unwrap_or_else(|err| panic!("{v}: {err}"));
            assert_eq!(
                pairs(decode(&b).unwrap().element_string()),
                pairs(&e),
                "{v}"
            );
        }
        // All-numeric: digits then the terminator 1111.
        let b = encode(PlusScheme::GiaiPlus, 0, &es(&[("8004", "12")]), None).unwrap();
        assert_eq!(b.to_string(), "FA012F00");
        assert_eq!(b.bit_len(), 8 + 4 + 12);
        // A delimiter followed by a rest starting with a digit is not canonical.
        let bad = bin_from_bits("11111010 0 000 0001 1110 000 00001 0010");
        assert_eq!(kind(decode(&bad)), ErrorKind::InvalidAiValue);
        // Nibbles A-D are neither digits nor delimiter / terminator.
        assert_eq!(
            kind(decode(&bin_from_hex("FA01A"))),
            ErrorKind::InvalidAiValue
        );
        // An empty value.
        assert_eq!(
            kind(decode(&bin_from_hex("FA0F"))),
            ErrorKind::InvalidAiValue
        );
        for v in ["", "1234567890123456789012345678901", "12 3"] {
            assert!(
                encode(PlusScheme::GiaiPlus, 0, &es(&[("8004", v)]), None).is_err(),
                "{v:?}"
            );
        }
    }

    /// Every Table F method in +AIDC data, round trip through the binary.
    #[test]
    fn aidc_value_formats_round_trip() {
        let extra: &[(&'static str, &str)] = &[
            ("10", "LOT-42"),
            ("11", "240229"),
            ("13", "230100"),
            ("20", "07"),
            ("22", "CPV1"),
            ("235", "TPX123"),
            ("242", "000123"),
            ("253", "9521141123454"),
            ("30", "00000012"),
            ("3103", "001250"),
            ("3922", "12345"),
            ("3912", "978123"),
            ("3941", "0050"),
            ("402", "95211411234567892"),
            ("410", "9521141123454"),
            ("421", "528ABC12"),
            ("422", "528"),
            ("4307", "NL"),
            ("4309", "01234567890123456789"),
            ("4321", "1"),
            ("4324", "2402292400"),
            ("4330", "001250-"),
            ("4331", "001250"),
            ("7003", "2412311259"),
            ("7004", "0042"),
            ("7007", "240101240131"),
            ("7011", "240101"),
            ("7030", "528ABC"),
            ("7241", "01"),
            ("7252", "9"),
            ("7258", "1/3"),
            ("8003", "095211411234540"),
            ("8005", "000123"),
            ("8008", "24010112"),
            ("8011", "000000000042"),
            ("8017", "952114112345678906"),
            ("8019", "1"),
            ("91", "internal/91-data"),
        ];
        // The binary is limited to 512 bits: encode in chunks.
        for chunk in extra.chunks(4) {
            let mut items = vec![("01", "79521141123453"), ("21", "1")];
            items.extend_from_slice(chunk);
            let e = es(&items);
            let b = encode(PlusScheme::SgtinPlus, 2, &e, None)
                .unwrap_or_else(|err| panic!("{chunk:?}: {err}"));
            let d = decode(&b).unwrap_or_else(|err| panic!("{chunk:?}: {err}"));
            assert_eq!(pairs(d.element_string()), pairs(&e));
            assert_eq!(d.aidc().len(), chunk.len());
        }
        for (ai, v) in [
            ("8008", "2401011259"),
            ("8008", "240101125959"),
            ("8008", "240101"),
            ("7007", "240101"),
            ("7011", "2401011200"),
        ] {
            let e = es(&[("01", "79521141123453"), ("21", "1"), (ai, v)]);
            let b = encode(PlusScheme::SgtinPlus, 2, &e, None).unwrap();
            assert_eq!(
                pairs(decode(&b).unwrap().element_string()),
                pairs(&e),
                "{ai} {v}"
            );
        }
    }

    #[test]
    fn invalid_values_are_not_encoded() {
        for (ai, v, k) in [
            ("17", "241301", ErrorKind::InvalidAiValue), // month 13
            ("17", "230229", ErrorKind::InvalidAiValue), // not a leap year
            ("17", "240431", ErrorKind::InvalidAiValue),
            ("17", "24043", ErrorKind::InvalidAiValue),
            ("4324", "2401012401", ErrorKind::InvalidAiValue), // 24:01
            ("8008", "2401011260", ErrorKind::InvalidAiValue),
            ("20", "7", ErrorKind::InvalidAiValue),
            ("4307", "nl", ErrorKind::InvalidAiValue),
            ("4321", "2", ErrorKind::InvalidAiValue),
            ("4330", "001250+", ErrorKind::InvalidAiValue),
            ("7258", "0/3", ErrorKind::InvalidAiValue),
            ("30", "", ErrorKind::InvalidAiValue),
            ("30", "123456789", ErrorKind::InvalidAiValue),
            ("10", "a b", ErrorKind::InvalidAiValue),
            ("8003", "19521141123454", ErrorKind::InvalidAiValue), // leading digit not 0
            ("414", "9521141123455", ErrorKind::CheckDigit),
            ("00", "095201234567891234", ErrorKind::CheckDigit),
            ("03", "12345678901231", ErrorKind::UnknownAi),
            ("8014", "A", ErrorKind::UnknownAi),
            ("21", "2", ErrorKind::UnknownAi), // (21) twice
        ] {
            let e = es(&[("01", "79521141123453"), ("21", "1"), (ai, v)]);
            assert_eq!(
                kind(encode(PlusScheme::SgtinPlus, 0, &e, None)),
                k,
                "({ai}){v}"
            );
        }
    }

    #[test]
    fn encode_errors() {
        let sgtin = es(&[("01", "79521141123453"), ("21", "1")]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 8, &sgtin, None)),
            ErrorKind::InvalidFilter
        );
        assert_eq!(
            kind(encode(
                PlusScheme::SgtinPlus,
                0,
                &sgtin,
                Some("id.example.com")
            )),
            ErrorKind::NotEncodable
        );
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, None)),
            ErrorKind::NotEncodable
        );
        assert_eq!(
            kind(encode(PlusScheme::SsccPlus, 0, &sgtin, None)),
            ErrorKind::NotEncodable
        );
        assert_eq!(
            kind(encode(PlusScheme::DsgtinPlus, 0, &sgtin, None)),
            ErrorKind::NotEncodable
        );
        let gtin_only = es(&[("01", "79521141123453")]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 0, &gtin_only, None)),
            ErrorKind::NotEncodable
        );
        let bad_check = es(&[("01", "79521141123454"), ("21", "1")]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 0, &bad_check, None)),
            ErrorKind::CheckDigit
        );
        let short_gtin = es(&[("01", "7952114112345"), ("21", "1")]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 0, &short_gtin, None)),
            ErrorKind::InvalidAiValue
        );
        // GRAI, GDTI and SGCN EPCs need their serial component.
        for (s, ai, v) in [
            (PlusScheme::GraiPlus, "8003", "09521141123454"),
            (PlusScheme::GdtiPlus, "253", "9521141123454"),
            (PlusScheme::SgcnPlus, "255", "9521141678909"),
        ] {
            assert_eq!(
                kind(encode(s, 0, &es(&[(ai, v)]), None)),
                ErrorKind::NotEncodable,
                "{s}"
            );
        }
        // Hostnames: set 82, 1 to 63 characters (the same rules as decoding,
        // see `hostname_decode_errors`).
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some(""))),
            ErrorKind::EmptyComponent
        );
        for host in [
            "exa mple.com",
            "id.#example.com",
            "example.com$",
            "\u{e9}.fr",
        ] {
            assert_eq!(
                kind(encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some(host))),
                ErrorKind::InvalidCharacter,
                "{host}"
            );
        }
        let long = "a".repeat(64);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some(&long))),
            ErrorKind::ComponentTooLong
        );
        // More than 512 bits.
        let big = "x".repeat(90);
        let e = es(&[
            ("01", "79521141123453"),
            ("21", "1"),
            ("91", &big),
            ("92", &big),
        ]);
        assert_eq!(
            kind(encode(PlusScheme::SgtinPlus, 0, &e, None)),
            ErrorKind::NotEncodable
        );
    }

    #[test]
    fn sgln_extension_zero_is_no_254() {
        let e = es(&[("414", "9521141123454")]);
        let b = encode(PlusScheme::SglnPlus, 1, &e, None).unwrap();
        let with_zero = encode(
            PlusScheme::SglnPlus,
            1,
            &es(&[("414", "9521141123454"), ("254", "0")]),
            None,
        )
        .unwrap();
        assert_eq!(b, with_zero);
        let d = decode(&b).unwrap();
        assert_eq!(pairs(d.element_string()), pairs(&e));
        assert_eq!(d.identifier().len(), 1);
        assert_eq!(d.encode().unwrap(), b);
    }

    #[test]
    fn dsgtin_date_choice() {
        // The first date AI with 6 digits is the prioritised date; the others
        // are +AIDC data.
        let e = es(&[
            ("11", "240101"),
            ("01", "79521141123453"),
            ("21", "1"),
            ("17", "260101"),
        ]);
        let b = encode(PlusScheme::DsgtinPlus, 3, &e, None).unwrap();
        // Date type 0000 = (11) right after the filter.
        assert_eq!(b.read_bits(12, 4), Some(0));
        let d = decode(&b).unwrap();
        assert!(d.data_toggle());
        assert_eq!(
            pairs(d.element_string()),
            expected_pairs(&[
                ("01", "79521141123453"),
                ("21", "1"),
                ("11", "240101"),
                ("17", "260101")
            ])
        );
        assert_eq!(d.encode().unwrap(), b);
        // A harvest date range cannot be the prioritised date.
        let range = es(&[
            ("01", "79521141123453"),
            ("21", "1"),
            ("7007", "240101240131"),
            ("7006", "240102"),
        ]);
        let b = encode(PlusScheme::DsgtinPlus, 3, &range, None).unwrap();
        assert_eq!(b.read_bits(12, 4), Some(5));
        // Reserved date types 0111-1111.
        let mut bits = String::from("11111011 0 011 0111");
        bits.push_str(&"0".repeat(16 + 56 + 8));
        assert_eq!(
            kind(decode(&bin_from_bits(&bits))),
            ErrorKind::InvalidAiValue
        );
    }

    #[test]
    fn hostnames() {
        let sgtin = es(&[("01", "79521141123453"), ("21", "1")]);
        for host in [
            "id.example.com",
            "example.com",
            "www.example.co.uk",
            "qr.example.com.au",
            "shop.example.tech",
            "a.b.org.cn",
            "x.bq",
            "ID.EXAMPLE.COM",
            "RESOLVER.EXAMPLE:8443",
            "a",
            "squid.id.example.de",
            "x_y.example!.med",
            &"a".repeat(55),
        ] {
            let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some(host))
                .unwrap_or_else(|e| panic!("{host}: {e}"));
            let d = decode(&b).unwrap_or_else(|e| panic!("{host}: {e}"));
            assert_eq!(d.hostname(), Some(host));
        }
        // 63 characters (URN Code 40 keeps the SSCC++ within 512 bits).
        let long = "A".repeat(63);
        let sscc = es(&[("00", "095201234567891235")]);
        let b = encode(PlusScheme::SsccPlusPlus, 0, &sscc, Some(&long)).unwrap();
        assert_eq!(decode(&b).unwrap().hostname(), Some(long.as_str()));
        // Upper-case hostnames go to URN Code 40 (indicator 0), others to
        // 7-bit ASCII (indicator 1); the hostname starts after the serial.
        let start = 8 + 4 + 56 + 8 + 4;
        let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some("ID.EXAMPLE.COM")).unwrap();
        assert_eq!(b.read_bits(start, 7), Some(14));
        assert_eq!(b.bit_len(), start + 7 + 80);
        let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some("id.example.com")).unwrap();
        assert_eq!(b.read_bits(start, 7), Some(64 + 9));
        // ".com.au" is one 14-bit sequence, not ".com" + ".au".
        let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some("x.com.au")).unwrap();
        assert_eq!(b.read_bits(start, 7), Some(64 + 3));
        assert_eq!(b.read_bits(start + 14, 14), Some(2 << 7));
        // Optimisation Table A and B codes are distinct.
        let mut all: Vec<&str> = OPT_A.iter().map(|(_, s)| *s).collect();
        all.extend(OPT_B.iter().flat_map(|t| t.iter().copied()));
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(OPT_A.iter().all(|&(c, _)| !is_ascii7(c)));
    }

    #[test]
    fn hostname_decode_errors() {
        let epc = "11111101 0 000 0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011 000 00001 0001";
        // Empty hostname.
        assert_eq!(
            kind(decode(&bin_from_bits(&format!("{epc} 1 000000")))),
            ErrorKind::EmptyComponent
        );
        // Reserved 7-bit values: 0000100, $ and @.
        for v in ["0000100", "0100100", "1000000"] {
            let b = bin_from_bits(&format!("{epc} 1 000001 {v}"));
            assert_eq!(kind(decode(&b)), ErrorKind::InvalidCharacter, "{v}");
        }
        // A reserved 14-bit value, and a 14-bit value overrunning the length.
        let b = bin_from_bits(&format!("{epc} 1 000010 0000001 1111111"));
        assert_eq!(kind(decode(&b)), ErrorKind::InvalidCharacter);
        let b = bin_from_bits(&format!("{epc} 1 000001 0000000 0000000"));
        assert_eq!(kind(decode(&b)), ErrorKind::InvalidCharacter);
        let b = bin_from_bits(&format!("{epc} 1 000010 0000000 0000000"));
        assert_eq!(decode(&b).unwrap().hostname(), Some(".ac"));
        // Truncated.
        let b = bin_from_bits(&format!("{epc} 1 000011 1100001 1100010"));
        assert_eq!(kind(decode(&b)), ErrorKind::BitLength);
        // The encoder's rules (`check_hostname`), at the offending unit: `#`
        // is in Table 14-9 but not in set 82 (fuzz finding
        // epc_parse/crash-8432b868...).
        let start = bin_from_bits(epc).bit_len();
        let b = bin_from_bits(&format!("{epc} 1 000011 1100001 0100011 1100010"));
        let e = decode(&b).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::InvalidCharacter, (start + 14) / 4)
        );
        assert_eq!(
            kind(encode(
                PlusScheme::SgtinPlusPlus,
                0,
                &es(&[("01", "79521141123453"), ("21", "1")]),
                Some("a#b")
            )),
            ErrorKind::InvalidCharacter
        );
        // 16 x ".med" in 16 units is 64 characters: too long both ways (fuzz
        // finding epc_binary/crash-4d7970c7...); 15 are fine.
        for (n, ok) in [(15, true), (16, false)] {
            let bits = format!("{epc} 1 {:06b} {}", n, "1111111 ".repeat(n));
            let host = ".med".repeat(n);
            let sgtin = es(&[("01", "79521141123453"), ("21", "1")]);
            let enc = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some(&host));
            match decode(&bin_from_bits(&bits)) {
                Ok(d) => {
                    assert!(ok, "{n}");
                    assert_eq!(d.hostname(), Some(host.as_str()));
                    assert_eq!(enc.unwrap(), bin_from_bits(&bits));
                }
                Err(e) => {
                    assert!(!ok, "{n}");
                    assert_eq!(
                        (e.kind(), e.offset()),
                        (ErrorKind::ComponentTooLong, start / 4)
                    );
                    assert_eq!(kind(enc), ErrorKind::ComponentTooLong);
                }
            }
        }
    }

    /// The 7-bit ASCII hostname split with the fewest units: the longest
    /// sequence at each position where that is shortest (the E.3 examples),
    /// something else where it is not, so that a decoded hostname never
    /// re-encodes longer than it was.
    #[test]
    fn hostname_shortest_split() {
        let units = |h: &str| plan_hostname(h.as_bytes()).0;
        assert_eq!(units("id.example.com"), 9);
        assert_eq!(units("x.com.au"), 3);
        // "id." + "org" is 4 units, "i" + "d" + ".org" 3.
        assert_eq!(units("id.org"), 3);
        assert_eq!(units("qr.org"), 3);
        assert_eq!(units("www.com"), 4);
        let sgtin = es(&[("01", "79521141123453"), ("21", "1")]);
        let start = 8 + 4 + 56 + 8 + 4;
        let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some("id.org")).unwrap();
        assert_eq!(b.read_bits(start, 7), Some(64 + 3));
        assert_eq!(b.read_bits(start + 7, 7), Some(b'i' as u64));
        assert_eq!(b.read_bits(start + 14, 7), Some(b'd' as u64));
        assert_eq!(b.read_bits(start + 21, 7), Some(0x5C));
        // Ties keep the longest sequence: "www." + "com", not "w" "w" "w" ".com".
        let b = encode(PlusScheme::SgtinPlusPlus, 0, &sgtin, Some("www.com")).unwrap();
        assert_eq!(b.read_bits(start + 7, 7), Some(0x1F));
        // A hostname of "i" "d" ".org" units filling an SGTIN++ with +AIDC
        // data up to 512 bits decodes, and encodes again within 512 bits
        // (the longest-match split would need 70 more).
        let host = format!("{}id.", "id.org".repeat(10));
        let mut bits = String::from(
            "11111101 1 000 0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011 000 00001 0001",
        );
        bits.push_str(&format!(" 1 {:06b}", 31));
        for _ in 0..10 {
            bits.push_str(" 1101001 1100100 1011100");
        }
        bits.push_str(" 0100000");
        let used = bin_from_bits(&bits).bit_len();
        // (91): 7-bit ASCII "x" characters up to the end.
        let n = (512 - used - 8 - 3 - 7) / 7;
        bits.push_str(&format!(" 1001 0001 100 {n:07b} {}", "1111000 ".repeat(n)));
        let b = bin_from_bits(&bits);
        let d = decode(&b).unwrap_or_else(|e| panic!("{b}: {e}"));
        assert_eq!(d.hostname(), Some(host.as_str()));
        let again = d.encode().unwrap();
        assert!(again.bit_len() <= b.bit_len(), "{again}");
        assert_eq!(decode(&again).unwrap(), d);
        // At most four optimisation sequences start any hostname position
        // (`host_steps` keeps four).
        let all: Vec<&str> = OPT_A
            .iter()
            .map(|(_, s)| *s)
            .chain(OPT_B.iter().flat_map(|t| t.iter().copied()))
            .collect();
        for s in &all {
            assert!(
                all.iter().filter(|p| s.starts_with(**p)).count() <= 4,
                "{s}"
            );
            let steps: Vec<HostStep> = host_steps(s.as_bytes()).collect();
            assert_eq!(steps.first().map(|st| st.len), Some(s.len()), "{s}");
            assert_eq!(steps.last().map(|st| st.len), Some(1), "{s}");
        }
    }

    #[test]
    fn decode_errors_and_offsets() {
        assert_eq!(kind(decode(&Binary::empty())), ErrorKind::BitLength);
        let e = decode(&bin_from_hex("3074257BF7194E4000001A85")).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UnknownHeader, 0));
        assert_eq!(kind(decode(&bin_from_hex("FF"))), ErrorKind::UnknownHeader);
        assert_eq!(kind(decode(&bin_from_hex("E2"))), ErrorKind::UnknownHeader);
        // Header only.
        let e = decode(&bin_from_hex("F7")).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::BitLength, 2));
        // Wrong GTIN check digit: reported at the GTIN (nibble 3).
        let e = decode(&bin_from_hex("F73795211411234548566CB0AFC4")).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::CheckDigit, 3));
        // A non-digit nibble in the GTIN.
        let e = decode(&bin_from_hex("F737952114112A4538566CB0AFC4")).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidAiValue, 13));
        // Toggle 0 with data after the EPC.
        let e = decode(&bin_from_hex("F73795211411234538566CB0AFC41700")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BitLength);
        // Toggle 1 without data.
        let e = decode(&bin_from_hex("F7B795211411234538566CB0AFC4")).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::BitLength, 27));
        // +AIDC header A-F (special / reserved), unknown AI (14), repeated AI.
        let base = "11110111 1 011 0111 1001 0101 0010 0001 0001 0100 0001 0001 0010 0011 0100 0101 0011 000 00001 0001";
        for (tail, k) in [
            ("1010 0000", ErrorKind::UnknownAi),
            ("0001 0100", ErrorKind::UnknownAi),
            ("0100 0011 1001 1001", ErrorKind::UnknownAi), // (4399)
            ("0100 1001 0000", ErrorKind::UnknownAi),      // (490)
            ("0010 0001 000 00001 0001", ErrorKind::UnknownAi), // (21) again
            ("0001 0111 0010110 1101 00001", ErrorKind::InvalidAiValue), // month 13
            ("0001 0000 110 00001 0000000", ErrorKind::InvalidAiValue), // encoding indicator 6
            ("0001 0000 100 00001 0100100", ErrorKind::InvalidAiValue), // '$' in 7-bit ASCII
            ("0001 0000 000 00000", ErrorKind::InvalidAiValue), // empty (10)
            ("0010 0000 1100100", ErrorKind::InvalidAiValue), // (20) = 100
            ("0001 0111 0010110", ErrorKind::BitLength),   // truncated date
        ] {
            let b = bin_from_bits(&format!("{base} {tail}"));
            assert_eq!(kind(decode(&b)), k, "{tail}");
        }
        // A zero header with fewer than 72 bits after it, followed by non-zero
        // bits, is neither padding nor an SSCC.
        let b = bin_from_bits(&format!("{base} 0000 0000 0001"));
        assert_eq!(kind(decode(&b)), ErrorKind::BitLength);
    }

    /// Every truncation of every E.3 example before the end of its data
    /// fails (with `BitLength` or, when a cut length field makes the rest
    /// unreadable, another error), never panics; trailing zero bits are
    /// accepted.
    #[test]
    fn truncated_inputs() {
        for ex in E3 {
            let full = encode(ex.scheme, ex.filter, &es(ex.ais), ex.hostname).unwrap();
            for n in 0..full.bit_len() {
                assert!(
                    decode(&truncated(&full, n)).is_err(),
                    "{} cut at {n}",
                    ex.hex
                );
            }
            let mut padded = full;
            assert!(padded.push_bits(0, 40));
            assert_eq!(decode(&padded).unwrap(), decode(&full).unwrap());
        }
    }

    /// Hostile input: random bits after every '+' header never panic, and
    /// whatever decodes re-encodes to something that decodes the same.
    #[test]
    fn random_bits_never_panic() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut decoded = 0;
        for round in 0..20_000 {
            let scheme = PlusScheme::ALL[round % PlusScheme::ALL.len()];
            let mut b = Binary::empty();
            b.push_bits(scheme.header() as u64, 8);
            let len = (next() % 500) as u32;
            let mut left = len;
            while left > 0 {
                let n = left.min(64);
                b.push_bits(next(), n);
                left -= n;
            }
            if let Ok(d) = decode(&b) {
                decoded += 1;
                let again = d.encode().unwrap_or_else(|e| panic!("{b}: {e}"));
                assert_eq!(decode(&again).unwrap(), d, "{b}");
            }
        }
        assert!(decoded > 0);
    }

    /// Every single-bit corruption of every E.3 example (and of an example
    /// with +AIDC data) decodes or fails without panicking; what decodes
    /// re-encodes consistently.
    #[test]
    fn bit_flips_never_panic() {
        let aidc = encode(
            PlusScheme::DsgtinPlusPlus,
            3,
            &es(&[
                ("01", "79521141123453"),
                ("21", "ABC-12"),
                ("17", "260101"),
                ("10", "L0T:7"),
                ("8008", "2401011259"),
                ("8004", "95211416AB"),
            ]),
            Some("www.example.co.uk"),
        )
        .unwrap();
        let mut inputs: Vec<Binary> = E3.iter().map(|ex| bin_from_hex(ex.hex)).collect();
        inputs.push(aidc);
        for b in inputs {
            for i in 0..b.bit_len() {
                let mut f = Binary::empty();
                for j in 0..b.bit_len() {
                    let bit = b.read_bits(j, 1).unwrap();
                    f.push_bits(if i == j { bit ^ 1 } else { bit }, 1);
                }
                if let Ok(d) = decode(&f) {
                    let again = d.encode().unwrap_or_else(|e| panic!("{f}: {e}"));
                    assert_eq!(decode(&again).unwrap(), d, "{f}");
                }
            }
        }
    }

    /// Random valid element strings: encode, then decode gives them back.
    #[test]
    fn encode_decode_round_trips() {
        let serials = [
            "1",
            "0001",
            "ABCDEF",
            "abcdef",
            "Zz_-9",
            "HELLO.WORLD:1",
            "32a/b",
            "!\"%&'()*+,-./:;<",
        ];
        let hosts = [
            "id.gs1.org",
            "example.com",
            "EXAMPLE.ORG",
            "r.example.co.uk",
        ];
        for (i, serial) in serials.iter().enumerate() {
            for (j, &scheme) in PlusScheme::ALL.iter().enumerate() {
                let mut items: Vec<(&'static str, &str)> = match scheme.key_ais() {
                    ["01", "21"] => vec![("01", "79521141123453"), ("21", serial)],
                    ["00"] => vec![("00", "095201234567891235")],
                    ["414", "254"] => vec![("414", "9521141123454"), ("254", serial)],
                    ["8003"] => vec![("8003", "09521141123454")],
                    ["8004"] => vec![("8004", "9521141")],
                    ["8018"] => vec![("8018", "952114112345678906")],
                    ["8017"] => vec![("8017", "952114112345678906")],
                    ["253"] => vec![("253", "9521141123454")],
                    ["8010", "8011"] => vec![("8010", "95211415PQ7/Z43"), ("8011", "0012345")],
                    ["255"] => vec![("255", "952114167890904711")],
                    ["8006", "21"] => vec![("8006", "095211411234540102"), ("21", serial)],
                    other => panic!("{other:?}"),
                };
                let owned: String;
                match items[0].0 {
                    "8003" | "253" | "8004" => {
                        owned = format!("{}{}", items[0].1, serial);
                        items[0].1 = &owned;
                        if items[0].0 == "8003" && serial.len() > 16 {
                            continue;
                        }
                    }
                    _ => {}
                }
                if scheme.has_date() {
                    items.push(("17", "991231"));
                }
                if i % 2 == 1 {
                    items.push(("10", serial));
                    items.push(("7003", "2402291330"));
                }
                let host = scheme.has_hostname().then(|| hosts[(i + j) % hosts.len()]);
                let e = es(&items);
                let filter = ((i + j) % 8) as u8;
                let b = encode(scheme, filter, &e, host)
                    .unwrap_or_else(|err| panic!("{scheme} {items:?}: {err}"));
                let d = decode(&b).unwrap_or_else(|err| panic!("{scheme} {items:?} {b}: {err}"));
                assert_eq!(d.scheme(), scheme);
                assert_eq!(d.filter(), filter);
                assert_eq!(d.hostname(), host);
                assert_eq!(d.data_toggle(), i % 2 == 1);
                assert_eq!(pairs(d.element_string()), pairs(&e), "{scheme}");
                assert_eq!(d.encode().unwrap(), b);
            }
        }
    }

    // -----------------------------------------------------------------------
    // Fuzz regressions and property tests: whatever decodes, encodes again.

    /// The invariant the fuzzers check (`check_plus` on the infra branch):
    /// if `bin` decodes, the value encodes, to bits no longer than `bin`
    /// (so always within `MAX_BYTES`) that decode to the same value, and
    /// encoding that is a fixed point. (A '+' value has several encodings,
    /// Table E methods and hostname splits, and decoding accepts any: the
    /// encoder's choice need not be the original bits; for bits the encoder
    /// made, it is: see `prop_encodings_are_canonical`.)
    fn assert_round_trip(bin: &Binary) -> Result<Option<PlusEpc>, String> {
        let Ok(d) = decode(bin) else {
            return Ok(None);
        };
        let re = d
            .encode()
            .map_err(|e| format!("{bin} decodes to {d:?}, which does not encode: {e}"))?;
        if re.bit_len() > bin.bit_len() {
            return Err(format!(
                "{bin} decodes to {d:?}, which encodes longer: {re}"
            ));
        }
        let back = decode(&re).map_err(|e| format!("{bin} -> {d:?} -> {re}: {e}"))?;
        if back != d {
            return Err(format!("{bin} -> {d:?} -> {re} -> {back:?}"));
        }
        if back.encode().as_ref() != Ok(&re) {
            return Err(format!("{bin}: encoding {re} is not a fixed point"));
        }
        Ok(Some(d))
    }

    /// The bits of an `epc_binary` fuzz input (`src/fuzzing.rs` on the infra
    /// branch): byte 0 is the mode; with bit 0x80 the rest is text (hex or
    /// bits), otherwise it is the bits less the last `mode & 7`.
    fn fuzz_binary_inputs(data: &[u8]) -> Vec<Binary> {
        let Some((&mode, rest)) = data.split_first() else {
            return Vec::new();
        };
        if mode & 0x80 != 0 {
            return fuzz_text_inputs(rest);
        }
        let len = (rest.len() * 8).saturating_sub(usize::from(mode & 7));
        let mut b = Binary::empty();
        for i in 0..len {
            if !b.push_bits(u64::from(rest[i / 8] >> (7 - i % 8) & 1), 1) {
                return Vec::new();
            }
        }
        vec![b]
    }

    /// The bits of an `epc_parse` fuzz input: its text as hex and as bits.
    fn fuzz_text_inputs(data: &[u8]) -> Vec<Binary> {
        let Ok(s) = std::str::from_utf8(data) else {
            return Vec::new();
        };
        [Binary::from_hex(s), Binary::from_bit_str(s)]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Every crash file of the fuzzers in `tests/fuzz_regressions/` (see its
    /// README) decodes to a value that encodes again, or is refused; the
    /// three '+' findings are refused / accepted as their fixes say.
    /// (`tests/fuzz_regressions.rs` on the infra branch replays the same
    /// files through the fuzz targets' full checks.)
    #[test]
    fn fuzz_regressions() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
        let mut seen = 0;
        for (target, read) in [
            ("epc_parse", fuzz_text_inputs as fn(&[u8]) -> Vec<Binary>),
            ("epc_binary", fuzz_binary_inputs),
        ] {
            let Ok(dir) = std::fs::read_dir(root.join(target)) else {
                continue;
            };
            for entry in dir {
                let path = entry.expect("directory entry").path();
                let data = std::fs::read(&path).expect("readable crash file");
                for bin in read(&data) {
                    if let Err(msg) = assert_round_trip(&bin) {
                        panic!("{}: {msg}", path.display());
                    }
                }
                seen += 1;
            }
        }
        assert!(seen >= 3, "tests/fuzz_regressions: {seen} files");

        let file = |target: &str, name: &str| {
            let data = std::fs::read(root.join(target).join(name)).expect("crash file");
            let mut bins = if target == "epc_parse" {
                fuzz_text_inputs(&data)
            } else {
                fuzz_binary_inputs(&data)
            };
            assert!(!bins.is_empty(), "{name}");
            bins.remove(0)
        };
        // SGTIN++ hostname "3id.2.mil0#.gov=.org": `#` (0100011, the 6th
        // 7-bit unit, bits 153-159) is not in set 82.
        let b = file(
            "epc_parse",
            "crash-8432b868d98c6bf96002cccb91b13f1ba2b2e17f",
        );
        assert_eq!(b.read_bits(153, 7), Some(u64::from(b'#')));
        let e = decode(&b).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::InvalidCharacter, 153 / 4)
        );
        // SGTIN++ serial ")H", then (bit 90) a hostname of 103 characters
        // in 38 units (".med" x 19 ...): over 63.
        let b = file(
            "epc_binary",
            "crash-4d7970c73a2d5e57e517c62ce9a427151491c371",
        );
        let e = decode(&b).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::ComponentTooLong, 90 / 4)
        );
        // CPI+ with (01) and (00) of zeros and (02) as +AIDC data: accepted
        // both ways, bit for bit.
        let b = file(
            "epc_binary",
            "crash-4349b0dc77e331ea5005b7798906767ed3e4bfc0",
        );
        let d = decode(&b).unwrap();
        let ais: Vec<&str> = d.aidc().iter().map(|i| i.ai).collect();
        assert_eq!(ais, ["01", "00", "02"]);
        let re = d.encode().unwrap();
        assert_eq!(truncated(&b, re.bit_len()), re);
        assert!(first_one(&b, re.bit_len()).is_none());
    }

    /// Reads choices off a byte tape (zeros once it runs out), so that
    /// proptest shrinks a failing case by shortening and zeroing its tape.
    struct Tape<'t> {
        bytes: &'t [u8],
        at: usize,
    }

    impl Tape<'_> {
        fn byte(&mut self) -> u8 {
            let b = self.bytes.get(self.at).copied().unwrap_or(0);
            self.at += 1;
            b
        }
        /// 0..n (0 when n is 0).
        fn below(&mut self, n: usize) -> usize {
            let v = usize::from(self.byte()) << 8 | usize::from(self.byte());
            v.checked_rem(n).unwrap_or(0)
        }
        /// 1 in `k`.
        fn one_in(&mut self, k: u8) -> bool {
            self.byte() % k == 0
        }
        fn pick<T: Copy>(&mut self, from: &[T]) -> T {
            from[self.below(from.len())]
        }
        fn chars(&mut self, set: &[u8], n: usize, out: &mut String) {
            for _ in 0..n {
                out.push(char::from(self.pick(set)));
            }
        }
    }

    const DIGITS: &[u8] = b"0123456789";
    const URN40: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ-.:0123456789";

    fn charset(keep: impl Fn(u8) -> bool) -> Vec<u8> {
        (0..128u8).filter(|&b| keep(b)).collect()
    }

    /// A value for one component, valid for its format most of the time.
    fn gen_comp(t: &mut Tape<'_>, c: Comp, out: &mut String) {
        let date = |t: &mut Tape<'_>, out: &mut String| {
            let (y, m) = (t.below(100) as u64, 1 + t.below(12) as u64);
            let d = (0..=31u64).filter(|&d| date_ok(y, m, d)).count() as u64;
            for v in [y, m, t.below(d as usize) as u64] {
                push_2digits(out, v);
            }
        };
        match c {
            Comp::Fixed(n) | Comp::FixedBits(n, _) => t.chars(DIGITS, n.into(), out),
            Comp::Num { min, max, .. } => {
                let n = usize::from(min) + t.below(usize::from(max - min) + 1);
                t.chars(DIGITS, n, out);
            }
            Comp::Alnum { min, max, .. } => {
                let n = usize::from(min) + t.below(usize::from(max - min) + 1);
                let sets = [
                    DIGITS.to_vec(),
                    b"0123456789ABCDEF".to_vec(),
                    b"0123456789abcdef".to_vec(),
                    B64.to_vec(),
                    URN40.to_vec(),
                    charset(is_cs82),
                    charset(is_ascii7),
                ];
                let set = &sets[t.below(sets.len())];
                t.chars(set, n, out);
            }
            Comp::Delim { max, .. } => {
                let digits = t.below(usize::from(max) + 1);
                t.chars(DIGITS, digits, out);
                if digits == 0 || t.one_in(2) {
                    let rest = usize::from(max).saturating_sub(digits).min(1 + t.below(8));
                    if rest > 0 {
                        t.chars(b"ABC-/#xyz", 1, out);
                        t.chars(&charset(is_cs82), rest - 1, out);
                    }
                }
            }
            Comp::Date6 => date(t, out),
            Comp::DateTime10 => {
                date(t, out);
                push_2digits(out, t.below(24) as u64);
                push_2digits(out, t.below(60) as u64);
            }
            Comp::DateRange => {
                date(t, out);
                if t.one_in(2) {
                    date(t, out);
                }
            }
            Comp::DateTimeVar => {
                date(t, out);
                for _ in 0..t.below(4) {
                    push_2digits(out, t.below(24) as u64);
                }
            }
            Comp::Country => t.chars(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, out),
            Comp::Bit => t.chars(b"01", 1, out),
            Comp::Minus => {
                if t.one_in(2) {
                    out.push('-');
                }
            }
            Comp::Sequence => {
                t.chars(b"123456789", 1, out);
                out.push('/');
                t.chars(b"123456789", 1, out);
            }
        }
    }

    /// A value for an AI: its components, then (mostly) a right check
    /// digit and the leading 0 of a GRAI; now and then all zeros.
    fn gen_value(t: &mut Tape<'_>, f: &AiFormat, identifier: bool) -> String {
        let mut v = String::new();
        if f.check > 0 && t.one_in(8) {
            v = "0".repeat(usize::from(f.check));
        } else {
            gen_comp(t, f.first, &mut v);
        }
        if let Some(second) = f.second {
            gen_comp(t, second, &mut v);
            if identifier && v.len() <= f.first.fixed_chars().unwrap_or(0) {
                v.push('1');
            }
        }
        if f.ai == "8003" && !t.one_in(16) {
            v.replace_range(..1, "0");
        }
        let n = usize::from(f.check);
        if n > 0 && !t.one_in(16) {
            if let Some(c) = v.get(..n - 1).and_then(|b| gs1_check_digit(b.as_bytes())) {
                v.replace_range(n - 1..n, &char::from(b'0' + c).to_string());
            }
        }
        v
    }

    fn gen_hostname(t: &mut Tape<'_>) -> String {
        let seqs: Vec<&str> = OPT_A
            .iter()
            .map(|(_, s)| *s)
            .chain(OPT_B.iter().flat_map(|tb| tb.iter().copied()))
            .collect();
        let upper = t.one_in(4);
        let cs82 = charset(is_cs82);
        let target = 1 + t.below(70);
        let mut h = String::new();
        while h.len() < target {
            match t.below(8) {
                _ if upper => t.chars(URN40, 1, &mut h),
                0..=2 => h.push_str(t.pick(&seqs)),
                3 => t.chars(&cs82, 1, &mut h),
                4 if t.one_in(8) => h.push('#'),
                _ => t.chars(b"abcdefghijklmnopqrstuvwxyz.-", 1, &mut h),
            }
        }
        h
    }

    /// A scheme, filter, element string and hostname, mostly valid: the
    /// identifier's values, a DSGTIN+ date, then up to three +AIDC items
    /// (GS1 keys often, values of zeros now and then).
    fn gen_plus(t: &mut Tape<'_>) -> (PlusScheme, u8, ElementString<'static>, Option<String>) {
        let scheme = t.pick(PlusScheme::ALL);
        let filter = t.below(8) as u8;
        let mut e = ElementString::new();
        for &ai in scheme.key_ais() {
            if let Some(f) = table_f(ai) {
                if !(ai == "254" && t.one_in(4)) {
                    e.push(ai, gen_value(t, f, true));
                }
            }
        }
        if scheme.has_date() {
            let ai = t.pick(&DATE_TYPES);
            let mut v = String::new();
            gen_comp(t, Comp::Date6, &mut v);
            e.push(ai, v);
        }
        for _ in 0..t.below(4) {
            let f = if t.one_in(3) {
                table_f(t.pick(&["00", "01", "02"]))
            } else {
                TABLE_F.get(t.below(TABLE_F.len()))
            };
            if let Some(f) = f {
                e.push(f.ai, gen_value(t, f, false));
            }
        }
        let host = scheme.has_hostname().then(|| gen_hostname(t));
        (scheme, filter, e, host)
    }

    /// The element string a decoding gives for `e`: SGLN+ extension `0` is
    /// no (254).
    fn decoded_pairs(e: &ElementString<'_>) -> Vec<(String, String)> {
        let mut p = pairs(e);
        p.retain(|(ai, v)| !(ai == "254" && v == "0"));
        p
    }

    fn bits_of(b: &Binary) -> Vec<u64> {
        (0..b.bit_len())
            .map(|i| b.read_bits(i, 1).unwrap_or(0))
            .collect()
    }

    fn binary(bits: &[u64]) -> Option<Binary> {
        let mut b = Binary::empty();
        bits.iter().all(|&x| b.push_bits(x, 1)).then_some(b)
    }

    /// Corrupts `bits` by the tape: flips, a random window, a cut, random
    /// bits appended, or 7-bit units inserted (hostname-shaped).
    fn mutate(t: &mut Tape<'_>, bits: &mut Vec<u64>) {
        for _ in 0..1 + t.below(3) {
            let n = bits.len().max(1);
            match t.below(5) {
                0 => {
                    let i = t.below(n);
                    if let Some(x) = bits.get_mut(i) {
                        *x ^= 1;
                    }
                }
                1 => {
                    let at = t.below(n);
                    for i in at..(at + 1 + t.below(24)).min(bits.len()) {
                        bits[i] = u64::from(t.byte() & 1);
                    }
                }
                2 => bits.truncate(t.below(n + 1)),
                3 => bits.extend((0..t.below(64)).map(|_| u64::from(t.byte() & 1))),
                _ => {
                    let at = t.below(n).min(bits.len());
                    let unit = u64::from(t.byte() & 0x7F);
                    let ins: Vec<u64> = (0..7).rev().map(|k| unit >> k & 1).collect();
                    bits.splice(at..at, ins);
                }
            }
        }
    }

    /// Bits built field by field from the tape, without the encoder's rules
    /// on the value as a whole: a header, toggle and filter; a DSGTIN+ date
    /// type (reserved ones too) and date; the key AIs' values (mostly
    /// valid); for '++' a hostname of random 7-bit units (characters of
    /// set 82, `#`, reserved values, Table A and B sequences, reserved B
    /// codes; a length that may not match) or URN Code 40 groups; +AIDC
    /// items of any AI (GS1 keys, repeats, key AIs of the scheme, SSCCs of
    /// zeros, last or not); zero padding or random bits. Returns `None`
    /// when a value did not fit its format or the bits overflowed.
    fn gen_raw(t: &mut Tape<'_>) -> Option<Binary> {
        let scheme = t.pick(PlusScheme::ALL);
        let mut w = Writer {
            bin: Binary::empty(),
        };
        let items = t.below(4);
        let toggle = if t.one_in(16) { items == 0 } else { items > 0 };
        w.push(u64::from(scheme.header()), 8).ok()?;
        w.push(u64::from(toggle), 1).ok()?;
        w.push(t.below(8) as u64, 3).ok()?;
        if scheme.has_date() {
            let types = if t.one_in(8) { 16 } else { 7 };
            w.push(t.below(types) as u64, 4).ok()?;
            let mut v = String::new();
            gen_comp(t, Comp::Date6, &mut v);
            encode_comp(&mut w, Comp::Date6, v.as_bytes()).ok()?;
        }
        for &ai in scheme.key_ais() {
            let f = table_f(ai)?;
            encode_ai_value(&mut w, f, &gen_value(t, f, true)).ok()?;
        }
        if scheme.has_hostname() {
            if t.one_in(4) {
                let n = 1 + t.below(63);
                w.push(0, 1).ok()?;
                w.push(n as u64, 6).ok()?;
                for _ in 0..n.div_ceil(3) {
                    let g = if t.one_in(8) {
                        t.below(1 << 16)
                    } else {
                        1 + t.below(64000)
                    };
                    w.push(g as u64, 16).ok()?;
                }
            } else {
                let units = 1 + t.below(63);
                let declared = if t.one_in(8) { t.below(64) } else { units };
                // A quarter of the hostnames hold `#` or reserved values.
                let hostile = t.one_in(4);
                w.push(1, 1).ok()?;
                w.push(declared as u64, 6).ok()?;
                let mut n = 0;
                while n < units {
                    match t.below(8) {
                        0..=2 => {
                            w.push(u64::from(t.pick(&OPT_A).0), 7).ok()?;
                            n += 1;
                        }
                        3 => {
                            let table = t.below(4);
                            let len = OPT_B.get(table).map_or(0, |tb| tb.len());
                            let i = if t.one_in(8) {
                                t.below(128)
                            } else {
                                t.below(len)
                            };
                            w.push((table << 7 | i) as u64, 14).ok()?;
                            n += 2;
                        }
                        4 if hostile && t.one_in(4) => {
                            w.push(u64::from(b'#'), 7).ok()?;
                            n += 1;
                        }
                        4 if hostile => {
                            w.push(t.below(128) as u64, 7).ok()?;
                            n += 1;
                        }
                        _ => {
                            w.push(
                                u64::from(t.pick(b"abcdefghijklmnopqrstuvwxyz0123456789.-_%=")),
                                7,
                            )
                            .ok()?;
                            n += 1;
                        }
                    }
                }
            }
        }
        for _ in 0..items {
            let f = match t.below(6) {
                0 | 1 => table_f(t.pick(&["00", "01", "02"]))?,
                2 => table_f(t.pick(scheme.key_ais()))?,
                _ => TABLE_F.get(t.below(TABLE_F.len()))?,
            };
            for b in f.ai.bytes() {
                w.push(u64::from(b - b'0'), 4).ok()?;
            }
            let v = if f.check > 0 && t.one_in(3) {
                "0".repeat(f.first.fixed_chars().unwrap_or(0))
            } else {
                gen_value(t, f, false)
            };
            encode_ai_value(&mut w, f, &v).ok()?;
        }
        if t.one_in(8) {
            for _ in 0..t.below(24) {
                w.push(u64::from(t.byte() & 1), 1).ok()?;
            }
        } else {
            w.push(0, t.below(16) as u32).ok()?;
        }
        Some(w.bin)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Bits built field by field (`gen_raw`), for every '+' and '++'
        /// header: whatever decodes, encodes again (see
        /// `assert_round_trip`).
        #[test]
        fn prop_field_bits_round_trip(tape in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let t = &mut Tape { bytes: &tape, at: 0 };
            if let Some(b) = gen_raw(t) {
                let r = assert_round_trip(&b);
                proptest::prop_assert!(r.is_ok(), "{}", r.err().unwrap_or_default());
            }
        }

        /// Bits the encoder made are canonical: they decode to the element
        /// string and hostname encoded, and encoding the decoded value gives
        /// the same bits again, bit for bit.
        #[test]
        fn prop_encodings_are_canonical(tape in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let t = &mut Tape { bytes: &tape, at: 0 };
            let (scheme, filter, e, host) = gen_plus(t);
            if let Ok(b) = encode(scheme, filter, &e, host.as_deref()) {
                let d = decode(&b);
                proptest::prop_assert!(d.is_ok(), "{scheme} {e:?} {host:?} -> {b} fails: {d:?}");
                let d = d.unwrap_or_else(|_| unreachable!());
                proptest::prop_assert_eq!(d.scheme(), scheme);
                proptest::prop_assert_eq!(d.filter(), filter);
                proptest::prop_assert_eq!(d.hostname(), host.as_deref());
                // The same AIs and values; the order may differ: a key
                // qualifier such as (254) is written after its key.
                let (mut got, mut want) = (decoded_pairs(d.element_string()), decoded_pairs(&e));
                got.sort();
                want.sort();
                proptest::prop_assert_eq!(got, want);
                proptest::prop_assert_eq!(d.encode(), Ok(b));
            }
        }

        /// Encodings corrupted by flips, random windows, cuts, extra bits
        /// and inserted 7-bit units: whatever decodes, encodes again (see
        /// `assert_round_trip`).
        #[test]
        fn prop_mutated_encodings_round_trip(tape in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let t = &mut Tape { bytes: &tape, at: 0 };
            let (scheme, filter, e, host) = gen_plus(t);
            let Ok(b) = encode(scheme, filter, &e, host.as_deref()) else {
                return Ok(());
            };
            let mut bits = bits_of(&b);
            mutate(t, &mut bits);
            if let Some(m) = binary(&bits) {
                let r = assert_round_trip(&m);
                proptest::prop_assert!(r.is_ok(), "{}", r.err().unwrap_or_default());
            }
        }

        /// Random bits after every '+' and '++' header: whatever decodes,
        /// encodes again. (Random bits rarely get past the GS1 key's check
        /// digit; `prop_mutated_encodings_round_trip` reaches the hostname
        /// and +AIDC fields.)
        #[test]
        fn prop_random_bits_round_trip(tape in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80)) {
            for &scheme in PlusScheme::ALL {
                let mut b = Binary::empty();
                b.push_bits(u64::from(scheme.header()), 8);
                for &byte in &tape {
                    b.push_bits(u64::from(byte), 8);
                }
                let r = assert_round_trip(&b);
                proptest::prop_assert!(r.is_ok(), "{}", r.err().unwrap_or_default());
            }
        }
    }
}
