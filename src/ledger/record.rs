//! What the ledger stores: serial keys, serial records, history entries,
//! and their byte encodings.
//!
//! # Keys
//!
//! A serial is keyed by its GS1 element string, bracketed
//! (`(01)00614141812345(21)6789`, `(00)106141412345678908`): the one form
//! every representation reaches without knowing the company prefix length
//! (a SOAP `sn` of `00008820200000047506` and the URI
//! `urn:epc:id:sscc:0882020.0000004750` are the same serial). Schemes
//! without an element string (GID, USDOD, ADI, BIC, IMOVN) are keyed by
//! their pure identity URI.
//!
//! # Records
//!
//! Binary, little-endian, versioned by a leading byte: state, flags, state
//! before the last shipment, history length, last event time, child count,
//! parent key, location of commissioning, current location.

use crate::epc::ai::ElementString;
use crate::epc::{ParseError, parse_any};
use std::fmt;

/// The key of the serial an identifier names (see the module docs).
pub fn serial_key(text: &str) -> Result<String, ParseError> {
    let t = text.trim();
    // A bare element string (the receiver's SOAP `sn`): no GCP needed.
    if t.bytes().all(|b| b.is_ascii_digit()) || t.starts_with('(') {
        let es = ElementString::parse(t)?;
        return Ok(es.to_string());
    }
    let epc = match parse_any(t, None) {
        Ok((_, parsed)) => parsed.epc().map(|e| (*e).into_owned()),
        Err(e) => return Err(e),
    };
    let Some(epc) = epc else {
        return Err(ParseError::new(
            crate::epc::ErrorKind::UnknownRepresentation,
            0,
        ));
    };
    Ok(match epc.to_element_string() {
        Ok(es) => es.to_string(),
        Err(_) => epc.to_string(),
    })
}

macro_rules! states {
    ($($(#[$doc:meta])* $v:ident = $n:literal => $s:literal,)*) => {
        /// The state of a serial number.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum SerialState { $($(#[$doc])* $v = $n,)* }
        impl SerialState {
            /// Every state.
            pub const ALL: &'static [SerialState] = &[$(SerialState::$v,)*];
            /// The name as `status` prints it.
            pub const fn as_str(self) -> &'static str {
                match self { $(SerialState::$v => $s,)* }
            }
            fn from_u8(n: u8) -> Option<SerialState> {
                match n { $($n => Some(SerialState::$v),)* _ => None }
            }
        }
    };
}

states! {
    /// Commissioned: active, at its location.
    Commissioned = 1 => "commissioned",
    /// Decommissioned: withdrawn, may be recommissioned.
    Decommissioned = 2 => "decommissioned",
    /// Destroyed: terminal.
    Destroyed = 3 => "destroyed",
    /// Shipped (sale, transfer or return).
    Shipped = 4 => "shipped",
    /// Received.
    Received = 5 => "received",
    /// Sampled (taken for quality sampling).
    Sampled = 6 => "sampled",
    /// Encoded (status update: printed, not commissioned).
    Encoded = 7 => "encoded",
    /// Registered (status update).
    Registered = 8 => "registered",
    /// Reserved (status update: allocated, not commissioned).
    Reserved = 9 => "reserved",
    /// Unreserved (status update: released).
    Unreserved = 10 => "unreserved",
}

impl fmt::Display for SerialState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl SerialState {
    /// Whether the serial is in circulation at its holder: it can be
    /// aggregated, shipped, sampled, decommissioned or destroyed.
    pub const fn is_active(self) -> bool {
        matches!(
            self,
            SerialState::Commissioned | SerialState::Received | SerialState::Sampled
        )
    }
    /// Whether the serial is known but was never commissioned (the status
    /// updates before commissioning).
    pub const fn is_pre_commission(self) -> bool {
        matches!(
            self,
            SerialState::Encoded
                | SerialState::Registered
                | SerialState::Reserved
                | SerialState::Unreserved
        )
    }
}

/// How a shipment moved the goods (a void is allowed only for a sale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ShipmentKind {
    /// A sale.
    Sale,
    /// A transfer (between the owner's own locations).
    Transfer,
    /// A return movement.
    Return,
}

/// A serial's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SerialRecord {
    /// Its state.
    pub state: SerialState,
    /// Ever commissioned.
    pub commissioned_once: bool,
    /// The kind of its last shipment, while shipped.
    pub shipment: Option<ShipmentKind>,
    /// The state before its last shipment (restored by a void).
    pub before_shipment: Option<SerialState>,
    /// Events applied to it (its history's length).
    pub history: u32,
    /// Time of its last event, seconds since the epoch.
    pub last_event: i64,
    /// How many children are aggregated to it.
    pub children: u32,
    /// The key of its parent container, if aggregated.
    pub parent: Option<String>,
    /// Where it was commissioned (site-level location).
    pub commissioned_at: Option<String>,
    /// Where it is now (site-level location), as far as the ledger knows.
    pub location: Option<String>,
}

const VERSION: u8 = 1;

fn put_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.extend_from_slice(&u16::MAX.to_le_bytes()),
        Some(s) => {
            let n = u16::try_from(s.len()).unwrap_or(u16::MAX - 1);
            out.extend_from_slice(&n.to_le_bytes());
            out.extend_from_slice(&s.as_bytes()[..usize::from(n)]);
        }
    }
}

struct Reader<'b> {
    b: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = (self.b.get(..n)?, self.b.get(n..)?);
        self.b = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<Option<String>> {
        let n = u16::from_le_bytes(self.take(2)?.try_into().ok()?);
        if n == u16::MAX {
            return Some(None);
        }
        let s = std::str::from_utf8(self.take(usize::from(n))?).ok()?;
        Some(Some(s.to_owned()))
    }
}

fn kind_to_u8(k: Option<ShipmentKind>) -> u8 {
    match k {
        None => 0,
        Some(ShipmentKind::Sale) => 1,
        Some(ShipmentKind::Transfer) => 2,
        Some(ShipmentKind::Return) => 3,
    }
}

impl SerialRecord {
    /// A record in `state`, nothing else known.
    pub fn new(state: SerialState) -> Self {
        SerialRecord {
            state,
            commissioned_once: false,
            shipment: None,
            before_shipment: None,
            history: 0,
            last_event: i64::MIN,
            children: 0,
            parent: None,
            commissioned_at: None,
            location: None,
        }
    }

    /// The stored bytes.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        out.push(VERSION);
        out.push(self.state as u8);
        out.push(u8::from(self.commissioned_once));
        out.push(kind_to_u8(self.shipment));
        out.push(self.before_shipment.map_or(0, |s| s as u8));
        out.extend_from_slice(&self.history.to_le_bytes());
        out.extend_from_slice(&self.last_event.to_le_bytes());
        out.extend_from_slice(&self.children.to_le_bytes());
        put_str(out, self.parent.as_deref());
        put_str(out, self.commissioned_at.as_deref());
        put_str(out, self.location.as_deref());
    }

    /// A record from its stored bytes (`None`: not a record).
    pub fn decode(b: &[u8]) -> Option<Self> {
        let mut r = Reader { b };
        if r.u8()? != VERSION {
            return None;
        }
        let state = SerialState::from_u8(r.u8()?)?;
        let commissioned_once = r.u8()? != 0;
        let shipment = match r.u8()? {
            0 => None,
            1 => Some(ShipmentKind::Sale),
            2 => Some(ShipmentKind::Transfer),
            3 => Some(ShipmentKind::Return),
            _ => return None,
        };
        let before_shipment = match r.u8()? {
            0 => None,
            n => Some(SerialState::from_u8(n)?),
        };
        Some(SerialRecord {
            state,
            commissioned_once,
            shipment,
            before_shipment,
            history: r.u32()?,
            last_event: r.i64()?,
            children: r.u32()?,
            parent: r.str()?,
            commissioned_at: r.str()?,
            location: r.str()?,
        })
    }
}

/// One applied event in a serial's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    /// The document (`sbdh:InstanceIdentifier`, or the SOAP request's
    /// name) that applied it.
    pub document: String,
    /// Event time, seconds since the epoch.
    pub time: i64,
    /// The operation (`commission`, `aggregate`, `ship`, …).
    pub operation: String,
    /// The state after it.
    pub state: SerialState,
    /// Where (site-level location), if known.
    pub location: Option<String>,
    /// Why (reason code, disposition, parent for aggregation…), if given.
    pub reason: Option<String>,
}

impl HistoryEntry {
    /// The stored bytes.
    pub fn encode(&self, out: &mut Vec<u8>) {
        encode_history(
            out,
            &self.document,
            self.time,
            &self.operation,
            self.state,
            self.location.as_deref(),
            self.reason.as_deref(),
        );
    }
    /// An entry from its stored bytes.
    pub fn decode(b: &[u8]) -> Option<Self> {
        let mut r = Reader { b };
        if r.u8()? != VERSION {
            return None;
        }
        let time = r.i64()?;
        let state = SerialState::from_u8(r.u8()?)?;
        Some(HistoryEntry {
            time,
            state,
            document: r.str()??,
            operation: r.str()??,
            location: r.str()?,
            reason: r.str()?,
        })
    }
}

/// [`HistoryEntry::encode`] from borrowed parts (no entry built).
pub(crate) fn encode_history(
    out: &mut Vec<u8>,
    document: &str,
    time: i64,
    operation: &str,
    state: SerialState,
    location: Option<&str>,
    reason: Option<&str>,
) {
    out.clear();
    out.push(VERSION);
    out.extend_from_slice(&time.to_le_bytes());
    out.push(state as u8);
    put_str(out, Some(document));
    put_str(out, Some(operation));
    put_str(out, location);
    put_str(out, reason);
}

/// The History key of a serial's `seq`-th entry.
pub fn history_key(serial: &str, seq: u32) -> Vec<u8> {
    let mut k = Vec::with_capacity(serial.len() + 5);
    history_key_into(&mut k, serial, seq);
    k
}

/// [`history_key`] into `out` (cleared first).
pub(crate) fn history_key_into(out: &mut Vec<u8>, serial: &str, seq: u32) {
    out.clear();
    out.extend_from_slice(serial.as_bytes());
    out.push(0);
    out.extend_from_slice(&seq.to_be_bytes());
}

/// The Children key of a parent–child edge.
pub fn child_key(parent: &str, child: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(parent.len() + child.len() + 1);
    child_key_into(&mut k, parent, child);
    k
}

/// [`child_key`] into `out` (cleared first).
pub(crate) fn child_key_into(out: &mut Vec<u8>, parent: &str, child: &str) {
    out.clear();
    out.extend_from_slice(parent.as_bytes());
    out.push(0);
    out.extend_from_slice(child.as_bytes());
}

/// The prefix of a parent's Children keys (and of a serial's History keys).
pub fn prefix_of(serial: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(serial.len() + 1);
    k.extend_from_slice(serial.as_bytes());
    k.push(0);
    k
}

/// A site-level location: an SGLN without its extension
/// (`urn:epc:id:sgln:0614141.12345.7` → `urn:epc:id:sgln:0614141.12345`),
/// the SOAP form without `urn:epc:id:sgln:` made a URI; other identifiers
/// as they are.
pub fn site_location(location: &str) -> String {
    let l = location.trim();
    let l = if !l.contains(':') && l.matches('.').count() == 2 {
        format!("urn:epc:id:sgln:{l}")
    } else {
        l.to_owned()
    };
    match l.strip_prefix("urn:epc:id:sgln:") {
        Some(rest) => match rest.rsplit_once('.') {
            Some((site, _)) => format!("urn:epc:id:sgln:{site}"),
            None => l,
        },
        None => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_element_string_of_any_form() {
        let a = serial_key("urn:epc:id:sscc:0614141.1234567890").unwrap();
        let b = serial_key("00106141412345678908").unwrap();
        let c = serial_key("(00)106141412345678908").unwrap();
        assert_eq!(a, "(00)106141412345678908");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(
            serial_key("urn:epc:id:sgtin:0614141.812345.6789").unwrap(),
            "(01)80614141123458(21)6789"
        );
        assert_eq!(
            serial_key("3074257BF7194E4000001A85").unwrap(),
            "(01)80614141123458(21)6789"
        );
        assert!(serial_key("urn:epc:id:sgtin:0614141.812345.67%").is_err());
        assert!(serial_key("88102321100002083327").is_err());
    }

    #[test]
    fn records_round_trip() {
        let mut r = SerialRecord::new(SerialState::Shipped);
        r.commissioned_once = true;
        r.shipment = Some(ShipmentKind::Sale);
        r.before_shipment = Some(SerialState::Commissioned);
        r.history = 7;
        r.last_event = 1_700_000_000;
        r.children = 3;
        r.parent = Some("(00)106141412345678908".into());
        r.commissioned_at = Some("urn:epc:id:sgln:0614141.12345".into());
        let mut b = Vec::new();
        r.encode(&mut b);
        assert_eq!(SerialRecord::decode(&b), Some(r));
        assert_eq!(SerialRecord::decode(&b[..b.len() - 1]), None);
        let h = HistoryEntry {
            document: "2013082106310032".into(),
            time: 5,
            operation: "commission".into(),
            state: SerialState::Commissioned,
            location: None,
            reason: Some("DAMAGED".into()),
        };
        h.encode(&mut b);
        assert_eq!(HistoryEntry::decode(&b), Some(h));
    }

    #[test]
    fn site_locations() {
        assert_eq!(
            site_location("urn:epc:id:sgln:0614141.12345.7"),
            "urn:epc:id:sgln:0614141.12345"
        );
        assert_eq!(
            site_location("8888882.02867.0"),
            "urn:epc:id:sgln:8888882.02867"
        );
        assert_eq!(
            site_location("http://epcis.gs1us.org/hc/dea/loc/1"),
            "http://epcis.gs1us.org/hc/dea/loc/1"
        );
    }
}

#[cfg(test)]
mod hostile {
    use super::*;

    /// Stored bytes cut short or flipped decode to `None` or a record,
    /// never a panic (a damaged store is an error, not a crash).
    #[test]
    fn damaged_bytes_never_panic() {
        let mut r = SerialRecord::new(SerialState::Shipped);
        r.parent = Some("(00)106141412345678908".into());
        r.location = Some("urn:epc:id:sgln:0614141.12345".into());
        let mut b = Vec::new();
        r.encode(&mut b);
        let h = HistoryEntry {
            document: "D".into(),
            time: 1,
            operation: "ship".into(),
            state: SerialState::Shipped,
            location: None,
            reason: Some("R".into()),
        };
        let mut hb = Vec::new();
        h.encode(&mut hb);
        for bytes in [&b, &hb] {
            for i in 0..bytes.len() {
                let _ = SerialRecord::decode(&bytes[..i]);
                let _ = HistoryEntry::decode(&bytes[..i]);
                for bit in 0..8 {
                    let mut m = bytes.to_vec();
                    m[i] ^= 1 << bit;
                    let _ = SerialRecord::decode(&m);
                    let _ = HistoryEntry::decode(&m);
                }
            }
        }
    }
}
