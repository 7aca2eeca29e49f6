//! Date-times as the receiver reads them: `xs:dateTime` to seconds since
//! the Unix epoch, and back.
//!
//! The receiver "expects the Z to be appended; however, if it is not
//! included, the system assumes that the time is GMT" (seed 004): a
//! date-time without a zone is UTC here.

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn num(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    s.iter().try_fold(0u32, |v, c| {
        c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0'))
    })
}

/// Seconds since the epoch of `YYYY-MM-DD` or
/// `YYYY-MM-DDThh:mm:ss[.f…][Z|±hh:mm]` (no zone: UTC), fractions dropped.
/// `None` when it is not one.
pub fn parse_seconds(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let (y, mo, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&mo) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if d == 0 || d > dim[mo as usize - 1] {
        return None;
    }
    let days = days_from_civil(i64::from(y), mo, d);
    if b.len() == 10 {
        return Some(days * 86_400);
    }
    if b.get(10) != Some(&b'T') || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    let (h, mi, se) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
    if h > 24 || mi > 59 || se > 60 || (h == 24 && (mi, se) != (0, 0)) {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match b.get(i..)? {
        [] | [b'Z'] => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == i + 6 && b[i + 3] == b':' => {
            let (oh, om) = (num(b, i + 1, 2)?, num(b, i + 4, 2)?);
            if oh > 14 || om > 59 {
                return None;
            }
            let o = i64::from(oh * 3600 + om * 60);
            if *sign == b'+' { o } else { -o }
        }
        _ => return None,
    };
    Some(days * 86_400 + i64::from(h * 3600 + mi * 60 + se) - offset)
}

/// `YYYY-MM-DDThh:mm:ssZ` of seconds since the epoch.
pub fn format_seconds(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Now, in seconds since the epoch.
pub fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_seconds("2015-06-01T17:10:16Z"), Some(1_433_178_616));
        assert_eq!(parse_seconds("2015-06-01T17:10:16"), Some(1_433_178_616));
        assert_eq!(
            parse_seconds("2015-06-01T18:10:16.123+01:00"),
            Some(1_433_178_616)
        );
        assert_eq!(parse_seconds("2019-11-22T18:45:20.0Z"), Some(1_574_448_320));
        assert_eq!(parse_seconds("2015-06-01"), Some(1_433_116_800));
        assert_eq!(format_seconds(1_433_178_616), "2015-06-01T17:10:16Z");
        assert_eq!(format_seconds(951_782_400), "2000-02-29T00:00:00Z");
        for bad in [
            "",
            "2015-13-01",
            "2015-02-29",
            "2015-06-01T17:10",
            "2015-06-01T17:10:16X",
            "2015-06-01T17:10:16.Z",
            "yesterday",
        ] {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
        for t in [-86_400_i64 * 400, 0, 1_000_000_000, 4_102_444_800] {
            assert_eq!(parse_seconds(&format_seconds(t)), Some(t));
        }
    }
}

#[cfg(test)]
mod hostile {
    /// Random and truncated inputs: `None` or a value, never a panic.
    #[test]
    fn any_text_parses_or_is_refused() {
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let alphabet = b"0123456789-T:.Z+ ";
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 40) as usize;
            let s: String = (0..len)
                .map(|i| char::from(alphabet[((x >> (i % 60)) as usize) % alphabet.len()]))
                .collect();
            let _ = super::parse_seconds(&s);
        }
        let full = "2015-06-01T18:10:16.123+01:00";
        for i in 0..full.len() {
            let _ = super::parse_seconds(&full[..i]);
        }
    }
}
