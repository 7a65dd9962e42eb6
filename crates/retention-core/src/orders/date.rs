//! Calendar dates as whole days since 1970-01-01, and the date formats order exports use.
//!
//! A date crate would be a dependency for two small functions: Howard Hinnant's
//! `days_from_civil` and `civil_from_days` (proleptic Gregorian calendar), which are exact
//! for every date and need no tables.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The years a date in an order export may have; anything else is a typing mistake or a
/// placeholder, and reading it as a date would stretch the period table over centuries.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Days since 1970-01-01 of a valid civil date.
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    // Years start in March, so the leap day is the last day of the year.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400; // 0..=399
    let month_from_march = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era - 719_468) as i32
}

/// The civil date (year, month 1–12, day 1–31) of a count of days since 1970-01-01.
pub(crate) fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097; // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

pub(crate) fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Months since January of year 0: makes "months between" plain subtraction.
pub(crate) fn month_index(days: i32) -> i32 {
    let (y, m, _) = civil_from_days(days);
    y * 12 + m as i32 - 1
}

/// The first day of a month index.
pub(crate) fn first_of_month(month: i32) -> i32 {
    days_from_civil(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
}

/// The last day of a month index.
pub(crate) fn last_of_month(month: i32) -> i32 {
    first_of_month(month + 1) - 1
}

/// `days` moved by `months` calendar months, the day clamped to the end of a shorter month
/// (31 March minus one month is 28 or 29 February).
pub(crate) fn add_months(days: i32, months: i32) -> i32 {
    let (y, m, d) = civil_from_days(days);
    let target = y * 12 + m as i32 - 1 + months;
    let (ty, tm) = (target.div_euclid(12), target.rem_euclid(12) as u32 + 1);
    days_from_civil(ty, tm, d.min(days_in_month(ty, tm)))
}

/// A calendar day. Shown and serialized as ISO `yyyy-mm-dd`.
///
/// ```
/// use retention_core::Date;
/// let date = Date::from_ymd(2024, 2, 29).unwrap();
/// assert_eq!(date.days(), 19_782);
/// assert_eq!(date.to_string(), "2024-02-29");
/// assert_eq!("2024-02-29".parse::<Date>(), Ok(date));
/// assert_eq!(Date::from_ymd(2023, 2, 29), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(i32);

impl Date {
    /// The English month names the reader knows (in full, or their first three letters, in
    /// any case), January first.
    pub const MONTH_NAMES: [&'static str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];

    /// The date of a year, month (1–12) and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && (-1_000_000..=1_000_000).contains(&year);
        valid.then(|| Date(days_from_civil(year, month, day)))
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i32 {
        self.0
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Why a text is not an ISO date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a date in the form yyyy-mm-dd")
    }
}

impl std::error::Error for NotADate {}

impl FromStr for Date {
    type Err = NotADate;

    fn from_str(text: &str) -> Result<Date, NotADate> {
        DateFormat::Iso
            .read(text.trim().as_bytes())
            .map(Date)
            .ok_or(NotADate)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How the dates in an export are written. A time after the date, with seconds, a `T`, a
/// `Z` or an offset (`2024-03-01 14:05`, `2023-01-02 20:04:00 +0100`,
/// `2024-03-01T14:05:00Z`, `12/1/2010 8:26`), is ignored: a date is the calendar date as
/// written, never moved to another time zone. Retention counts days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DateFormat {
    /// `yyyy-mm-dd` (also with `/` or `.`).
    Iso,
    /// `dd-mm-yyyy`, the Dutch habit (also with `/` or `.`; one-digit day and month allowed).
    DayMonthYear,
    /// `mm/dd/yyyy`, the American habit (also with `-` or `.`).
    MonthDayYear,
    /// `yyyymmdd`, eight digits.
    Compact,
    /// `Mar 1, 2023` or `March 1, 2023`: English month names, as Magento's order grid and
    /// many American exports write them.
    MonthName,
}

impl DateFormat {
    /// Every format, in the order the sniffer tries them.
    pub const ALL: [DateFormat; 5] = [
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
        DateFormat::Compact,
        DateFormat::MonthName,
    ];

    /// The pattern to show a user, such as `dd-mm-yyyy`.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "yyyy-mm-dd",
            DateFormat::DayMonthYear => "dd-mm-yyyy",
            DateFormat::MonthDayYear => "mm/dd/yyyy",
            DateFormat::Compact => "yyyymmdd",
            DateFormat::MonthName => "mmm d, yyyy",
        }
    }

    /// Reads a date in this format, as days since 1970-01-01.
    ///
    /// ```
    /// use retention_core::{Date, DateFormat};
    /// let day = Date::from_ymd(2024, 3, 1).unwrap().days();
    /// assert_eq!(DateFormat::DayMonthYear.parse("01-03-2024"), Some(day));
    /// assert_eq!(DateFormat::MonthDayYear.parse("3/1/2024"), Some(day));
    /// assert_eq!(DateFormat::Iso.parse("2024-03-01T09:30:00Z"), Some(day));
    /// assert_eq!(DateFormat::Compact.parse("20240301"), Some(day));
    /// assert_eq!(DateFormat::Iso.parse("2024-02-30"), None);
    /// ```
    pub fn parse(self, text: &str) -> Option<i32> {
        self.read(text.trim().as_bytes())
    }

    /// Reads a trimmed field; the hot path of the import, so bytes and no allocation.
    pub(crate) fn read(self, field: &[u8]) -> Option<i32> {
        let mut r = Reader {
            bytes: field,
            at: 0,
        };
        let (year, month, day) = match self {
            DateFormat::Iso => {
                let year = r.digits(4, 4)?;
                let sep = r.separator()?;
                let month = r.digits(1, 2)?;
                r.expect(sep)?;
                (year, month, r.digits(1, 2)?)
            }
            DateFormat::DayMonthYear | DateFormat::MonthDayYear => {
                let first = r.digits(1, 2)?;
                let sep = r.separator()?;
                let second = r.digits(1, 2)?;
                r.expect(sep)?;
                let year = r.digits(4, 4)?;
                match self {
                    DateFormat::DayMonthYear => (year, second, first),
                    _ => (year, first, second),
                }
            }
            DateFormat::Compact => (r.digits(4, 4)?, r.digits(2, 2)?, r.digits(2, 2)?),
            DateFormat::MonthName => {
                let month = r.month_name()?;
                r.skip(b".");
                r.skip(b" ");
                let day = r.digits(1, 2)?;
                r.skip(b",");
                r.skip(b" ");
                (r.digits(4, 4)?, month, day)
            }
        };
        // Whatever follows the date must be a time: "2024-03-01 14:05", "...T14:05Z".
        if !matches!(r.bytes.get(r.at), None | Some(b' ' | b'T')) {
            return None;
        }
        let year = year as i32;
        if !YEARS.contains(&year) {
            return None;
        }
        Date::from_ymd(year, month, day).map(Date::days)
    }
}

/// A cursor over the bytes of a date.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// Between `min` and `max` ASCII digits, as many as there are.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let mut value = 0;
        let start = self.at;
        while self.at - start < max {
            match self.bytes.get(self.at) {
                Some(b @ b'0'..=b'9') => value = value * 10 + u32::from(b - b'0'),
                _ => break,
            }
            self.at += 1;
        }
        (self.at - start >= min).then_some(value)
    }

    fn separator(&mut self) -> Option<u8> {
        let sep = *self.bytes.get(self.at).filter(|b| b"-/.".contains(b))?;
        self.at += 1;
        Some(sep)
    }

    /// Steps over any run of the `bytes`.
    fn skip(&mut self, bytes: &[u8]) {
        while self.bytes.get(self.at).is_some_and(|b| bytes.contains(b)) {
            self.at += 1;
        }
    }

    /// An English month name, in full or its first three letters, in any case.
    fn month_name(&mut self) -> Option<u32> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        let word = self.bytes[start..self.at].to_ascii_lowercase();
        let word = std::str::from_utf8(&word).ok()?;
        let month = Date::MONTH_NAMES
            .iter()
            .position(|m| word.len() >= 3 && m.starts_with(word))?;
        Some(month as u32 + 1)
    }

    fn expect(&mut self, sep: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&sep)).then(|| self.at += 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_three_centuries() {
        let start = days_from_civil(1900, 1, 1);
        let end = days_from_civil(2200, 12, 31);
        let mut expected = (1900, 1, 1);
        for days in start..=end {
            let (y, m, d) = civil_from_days(days);
            assert_eq!((y, m, d), expected, "day {days}");
            assert_eq!(days_from_civil(y, m, d), days);
            expected = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        // The extremes neither overflow nor lose a day.
        for days in [i32::MIN, i32::MAX] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn months() {
        let d = |y, m, d| days_from_civil(y, m, d);
        assert_eq!(add_months(d(2024, 3, 31), -1), d(2024, 2, 29));
        assert_eq!(add_months(d(2023, 3, 31), -1), d(2023, 2, 28));
        assert_eq!(add_months(d(2024, 4, 1), -12), d(2023, 4, 1));
        assert_eq!(add_months(d(2024, 1, 15), 13), d(2025, 2, 15));
        let m = month_index(d(2024, 3, 15));
        assert_eq!(first_of_month(m), d(2024, 3, 1));
        assert_eq!(last_of_month(m), d(2024, 3, 31));
        assert_eq!(month_index(d(2024, 1, 1)) - month_index(d(2023, 12, 31)), 1);
    }

    #[test]
    fn formats() {
        let day = days_from_civil(2024, 12, 31);
        assert_eq!(DateFormat::Iso.parse("2024-12-31"), Some(day));
        assert_eq!(DateFormat::Iso.parse("2024/12/31"), Some(day));
        assert_eq!(DateFormat::Iso.parse("2024-12/31"), None);
        assert_eq!(DateFormat::DayMonthYear.parse("31.12.2024"), Some(day));
        assert_eq!(
            DateFormat::DayMonthYear.parse("31-12-2024 23:59"),
            Some(day)
        );
        assert_eq!(DateFormat::MonthDayYear.parse("12/31/2024"), Some(day));
        assert_eq!(DateFormat::MonthDayYear.parse("31/12/2024"), None);
        assert_eq!(DateFormat::Compact.parse("20241231"), Some(day));
        assert_eq!(DateFormat::Compact.parse("202412311"), None);
        assert_eq!(DateFormat::Iso.parse("2024-12-31x"), None);
        assert_eq!(DateFormat::Iso.parse("1899-12-31"), None);
        assert_eq!(DateFormat::Iso.parse(""), None);
        assert_eq!(DateFormat::Compact.parse("12345678"), None);
        assert_eq!(DateFormat::MonthName.parse("Dec 31, 2024"), Some(day));
        assert_eq!(
            DateFormat::MonthName.parse("December 31, 2024 11:59:00 PM"),
            Some(day)
        );
        assert_eq!(DateFormat::MonthName.parse("dec. 31 2024"), Some(day));
        assert_eq!(DateFormat::MonthName.parse("Dex 31, 2024"), None);
        assert_eq!(DateFormat::MonthName.parse("31 Dec 2024"), None);
    }
}
