//! `xs:dateTime` and `eventTimeZoneOffset` checks, by hand over bytes (no
//! allocation, no date library).

/// What is wrong with a time value. `offset` is the byte where the problem
/// is (the value's length when something is missing at its end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeError {
    /// Byte offset in the value.
    pub offset: usize,
    /// What is wrong (completes "… is not …: ").
    pub what: &'static str,
}

const fn err(offset: usize, what: &'static str) -> TimeError {
    TimeError { offset, what }
}

/// Reads exactly `n` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let d = b.get(at..at + n)?;
    d.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn expect(b: &[u8], at: usize, c: u8, what: &'static str) -> Result<(), TimeError> {
    if b.get(at) == Some(&c) {
        Ok(())
    } else {
        Err(err(at, what))
    }
}

/// Checks an `xs:dateTime` (XML Schema 1.0 lexical form
/// `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)?`, with calendar ranges).
/// With `require_zone`, a value without a time zone is an error (EPCIS
/// requires one on event times). Returns whether the value has a zone.
pub(crate) fn check_date_time(s: &str, require_zone: bool) -> Result<bool, TimeError> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(err(0, "empty"));
    }
    let mut i = usize::from(b[0] == b'-');
    let year_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let year_len = i - year_start;
    if year_len < 4 {
        return Err(err(
            year_start,
            "a year of at least 4 digits expected (YYYY-MM-DDThh:mm:ss)",
        ));
    }
    if year_len > 4 && b[year_start] == b'0' {
        return Err(err(
            year_start,
            "a year of more than 4 digits cannot start with 0",
        ));
    }
    let year: u64 = if year_len > 18 {
        u64::MAX
    } else {
        s[year_start..i]
            .parse()
            .map_err(|_| err(year_start, "a year expected"))?
    };
    if year == 0 {
        return Err(err(year_start, "year 0000 is not allowed (XML Schema 1.0)"));
    }
    expect(b, i, b'-', "`-` after the year expected")?;
    let month = digits(b, i + 1, 2).ok_or(err(i + 1, "a 2-digit month expected"))?;
    if !(1..=12).contains(&month) {
        return Err(err(i + 1, "month out of range 01..12"));
    }
    i += 3;
    expect(b, i, b'-', "`-` after the month expected")?;
    let day = digits(b, i + 1, 2).ok_or(err(i + 1, "a 2-digit day expected"))?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return Err(err(i + 1, "day out of range for the month"));
    }
    i += 3;
    expect(b, i, b'T', "`T` between date and time expected")?;
    let hour = digits(b, i + 1, 2).ok_or(err(i + 1, "a 2-digit hour expected"))?;
    let hour_at = i + 1;
    i += 3;
    expect(b, i, b':', "`:` after the hour expected")?;
    let minute = digits(b, i + 1, 2).ok_or(err(i + 1, "2-digit minutes expected"))?;
    if minute > 59 {
        return Err(err(i + 1, "minutes out of range 00..59"));
    }
    i += 3;
    expect(b, i, b':', "`:` and seconds expected")?;
    let second = digits(b, i + 1, 2).ok_or(err(i + 1, "2-digit seconds expected"))?;
    if second > 59 {
        return Err(err(i + 1, "seconds out of range 00..59"));
    }
    i += 3;
    let mut fraction_zero = true;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            fraction_zero &= c == b'0';
            i += 1;
        }
        if i == start {
            return Err(err(i, "digits after the decimal point expected"));
        }
    }
    if hour > 24 || (hour == 24 && (minute != 0 || second != 0 || !fraction_zero)) {
        return Err(err(hour_at, "hour out of range 00..23"));
    }
    if i == b.len() {
        return if require_zone {
            Err(err(
                i,
                "no time zone (`Z` or ±hh:mm expected at the end; EPCIS requires one)",
            ))
        } else {
            Ok(false)
        };
    }
    if b[i] == b'Z' {
        i += 1;
    } else if matches!(b[i], b'+' | b'-') {
        check_zone(b.get(i..i + 6).unwrap_or(&b[i..])).map_err(|e| err(i + e.offset, e.what))?;
        i += 6;
    } else {
        return Err(err(i, "`Z`, `+hh:mm` or `-hh:mm` time zone expected"));
    }
    if i != b.len() {
        return Err(err(i, "nothing expected after the time zone"));
    }
    Ok(true)
}

/// Checks a time zone offset `(+|-)hh:mm` with `hh:mm` at most `14:00`
/// (the XSD pattern of `eventTimeZoneOffset`:
/// `(\+|-)((0\d|1[0-3]):[0-5]\d|14:00)`).
pub(crate) fn check_zone_offset(s: &str) -> Result<(), TimeError> {
    let b = s.as_bytes();
    check_zone(b)?;
    if b.len() > 6 {
        return Err(err(6, "nothing expected after ±hh:mm"));
    }
    Ok(())
}

fn check_zone(b: &[u8]) -> Result<(), TimeError> {
    if !matches!(b.first(), Some(b'+' | b'-')) {
        return Err(err(0, "`+` or `-` expected (±hh:mm)"));
    }
    let hh = digits(b, 1, 2).ok_or(err(1, "2-digit hours expected (±hh:mm)"))?;
    expect(b, 3, b':', "`:` expected (±hh:mm)")?;
    let mm = digits(b, 4, 2).ok_or(err(4, "2-digit minutes expected (±hh:mm)"))?;
    if mm > 59 {
        return Err(err(4, "minutes out of range 00..59"));
    }
    if hh > 14 || (hh == 14 && mm != 0) {
        return Err(err(1, "offset beyond ±14:00"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times() {
        for ok in [
            "2024-01-01T00:00:00Z",
            "2024-02-29T23:59:59.123456789+14:00",
            "2000-02-29T12:00:00-05:30",
            "-0044-03-15T12:00:00Z",
            "12024-01-01T00:00:00Z",
            "2024-12-31T24:00:00Z",
            "2024-12-31T24:00:00.000Z",
        ] {
            assert_eq!(check_date_time(ok, true), Ok(true), "{ok}");
        }
        assert_eq!(check_date_time("2024-01-01T00:00:00", false), Ok(false));
        let bad = |s: &str| check_date_time(s, true).unwrap_err();
        assert_eq!(bad("2024-01-01T00:00:00").offset, 19);
        assert!(bad("2024-01-01T00:00:00").what.contains("no time zone"));
        assert_eq!(bad("").offset, 0);
        assert_eq!(bad("24-01-01T00:00:00Z").offset, 0);
        assert_eq!(bad("02024-01-01T00:00:00Z").offset, 0);
        assert_eq!(bad("0000-01-01T00:00:00Z").offset, 0);
        assert_eq!(bad("2024-13-01T00:00:00Z").offset, 5);
        assert_eq!(bad("2023-02-29T00:00:00Z").offset, 8);
        assert_eq!(bad("1900-02-29T00:00:00Z").offset, 8);
        assert_eq!(bad("2024-04-31T00:00:00Z").offset, 8);
        assert_eq!(bad("2024-01-01 00:00:00Z").offset, 10);
        assert_eq!(bad("2024-01-01T25:00:00Z").offset, 11);
        assert_eq!(bad("2024-01-01T24:00:01Z").offset, 11);
        assert_eq!(bad("2024-01-01T00:60:00Z").offset, 14);
        assert_eq!(bad("2024-01-01T00:00Z").offset, 16);
        assert_eq!(bad("2024-01-01T00:00:60Z").offset, 17);
        assert_eq!(bad("2024-01-01T00:00:00.Z").offset, 20);
        assert_eq!(bad("2024-01-01T00:00:00+1:00").offset, 20);
        assert_eq!(bad("2024-01-01T00:00:00+15:00").offset, 20);
        assert_eq!(bad("2024-01-01T00:00:00+0100").offset, 22);
        assert_eq!(bad("2024-01-01T00:00:00ZZ").offset, 20);
        assert_eq!(bad("2024-01-01T00:00:00 Z").offset, 19);
        assert_eq!(bad("2024-1-01T00:00:00Z").offset, 5);
    }

    #[test]
    fn zone_offsets() {
        for ok in ["+00:00", "-05:00", "+13:59", "+14:00", "-14:00"] {
            assert_eq!(check_zone_offset(ok), Ok(()), "{ok}");
        }
        let bad = |s: &str| check_zone_offset(s).unwrap_err().offset;
        assert_eq!(bad(""), 0);
        assert_eq!(bad("Z"), 0);
        assert_eq!(bad("00:00"), 0);
        assert_eq!(bad("+1:00"), 1);
        assert_eq!(bad("+14:01"), 1);
        assert_eq!(bad("+15:00"), 1);
        assert_eq!(bad("+0100"), 3);
        assert_eq!(bad("+01:60"), 4);
        assert_eq!(bad("+01:00Z"), 6);
    }
}
