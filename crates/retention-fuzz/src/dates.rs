//! The date reader (`DateFormat::parse`, `Date`'s `FromStr`): any text in every format, and
//! dates written in each format against a calendar of our own.

use retention_core::{Date, DateFormat};

use crate::rng::Rng;

/// The years the import reads.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The month names, from the reader under test: the words are its contract, not its logic.
const MONTHS: [&str; 12] = Date::MONTH_NAMES;

/// Reads `data` as a date in every format; panics when a promise breaks.
pub fn dates(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for format in DateFormat::ALL {
        let read = format.parse(&text);
        if let Some(day) = read {
            // A day of the years read, which prints and reads back as itself.
            let date = Date::from_days(day);
            let (y, m, d) = date.ymd();
            assert!(YEARS.contains(&y), "{text:?} read as {date} ({format:?})");
            assert_eq!(days_since_1970(y, m, d), Some(day), "{date}");
            assert_eq!(
                date.to_string().parse::<Date>().map(Date::days),
                Ok(day),
                "{date}"
            );
        }
        // The formats of digits and separators agree with a reader of our own.
        if format != DateFormat::MonthName {
            assert_eq!(read, reference(format, &text), "{text:?} as {format:?}");
        } else if let Some(expected) = reference(format, &text) {
            // The documented spelling is read; the reader may take a little more.
            assert_eq!(read, Some(expected), "{text:?} as {format:?}");
        }
    }
}

/// Writes a date (real or not: day 0, 31 April, 29 February of any year, years outside
/// 1900–2100) in each format the way exports write it, with a time or not, and checks it
/// reads as the day our own calendar gives, or not at all.
pub fn dates_oracle(rng: &mut Rng) {
    let y = match rng.below(4) {
        0 => rng.range(1895, 2105) as i32,
        1 => rng.pick(&[1899, 1900, 1904, 2000, 2024, 2023, 2100, 2101]),
        _ => rng.range(1960, 2040) as i32,
    };
    let m = if rng.one_in(10) {
        rng.range(0, 13)
    } else {
        rng.range(1, 12)
    } as u32;
    let d = if rng.one_in(10) {
        rng.range(0, 32)
    } else {
        rng.range(1, 31)
    } as u32;
    let expected = days_since_1970(y, m, d).filter(|_| YEARS.contains(&y));
    let sep = rng.pick(&["-", "/", "."]);
    let pad = |n: u32, rng: &mut Rng| {
        if n < 10 && rng.one_in(2) {
            n.to_string()
        } else {
            format!("{n:02}")
        }
    };
    let (format, date) = match rng.below(5) {
        0 => (
            DateFormat::Iso,
            format!("{y:04}{sep}{}{sep}{}", pad(m, rng), pad(d, rng)),
        ),
        1 => (
            DateFormat::DayMonthYear,
            format!("{}{sep}{}{sep}{y:04}", pad(d, rng), pad(m, rng)),
        ),
        2 => (
            DateFormat::MonthDayYear,
            format!("{}{sep}{}{sep}{y:04}", pad(m, rng), pad(d, rng)),
        ),
        3 => (DateFormat::Compact, format!("{y:04}{m:02}{d:02}")),
        _ => {
            let Some(name) = MONTHS.get((m as usize).wrapping_sub(1)) else {
                return;
            };
            let name = match rng.below(3) {
                0 => name.to_string(),
                1 => format!("{}.", &name[..3]),
                _ => name[..3].to_uppercase(),
            };
            (DateFormat::MonthName, format!("{name} {d}, {y}"))
        }
    };
    let time = rng.pick(&["", " 14:05", "T14:05:00Z", " 20:04:00 +0100", " 8:26"]);
    let text = format!(
        "{}{date}{time}{}",
        rng.pick(&["", " ", "\t"]),
        rng.pick(&["", " "])
    );
    assert_eq!(format.parse(&text), expected, "{text:?} as {format:?}");
    if format == DateFormat::Iso && sep == "-" && time.is_empty() {
        assert_eq!(
            text.parse::<Date>().ok().map(Date::days),
            expected,
            "{text:?}"
        );
    }
}

/// Days from 1970-01-01 to a date, counted year by year and month by month; `None` when the
/// date does not exist.
fn days_since_1970(y: i32, m: u32, d: u32) -> Option<i32> {
    let leap = |y: i32| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = |y: i32, m: u32| match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&m) || d == 0 || d > month_days(y, m) || !(1000..=3000).contains(&y) {
        return None;
    }
    let year_days = |y: i32| if leap(y) { 366 } else { 365 };
    let mut days: i32 = if y >= 1970 {
        (1970..y).map(year_days).sum()
    } else {
        -(y..1970).map(year_days).sum::<i32>()
    };
    days += (1..m).map(|m| month_days(y, m) as i32).sum::<i32>();
    Some(days + d as i32 - 1)
}

/// A reader written apart from the core's, by splitting strings: the date is the text (white
/// space around trimmed) up to the first space or `T`, and what follows is a time.
fn reference(format: DateFormat, text: &str) -> Option<i32> {
    let text = text.trim();
    let digits = |s: &str, min: usize, max: usize| {
        (s.bytes().all(|b| b.is_ascii_digit()) && (min..=max).contains(&s.len()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = if format == DateFormat::MonthName {
        let letters = text
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(text.len());
        let word = text[..letters].to_ascii_lowercase();
        let month = MONTHS
            .iter()
            .position(|m| word.len() >= 3 && m.starts_with(&word))?;
        let rest = text[letters..]
            .trim_start_matches('.')
            .trim_start_matches(' ');
        let day_len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let day = digits(&rest[..day_len], 1, 2)?;
        let rest = rest[day_len..]
            .trim_start_matches(',')
            .trim_start_matches(' ');
        let year_len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let year = digits(&rest[..year_len], 4, 4)?;
        if !matches!(rest[year_len..].chars().next(), None | Some(' ' | 'T')) {
            return None;
        }
        (year as i32, month as u32 + 1, day)
    } else {
        let date = text.split([' ', 'T']).next().unwrap_or("");
        if format == DateFormat::Compact {
            digits(date, 8, 8)?;
            let (y, md) = date.split_at(4);
            let (m, d) = md.split_at(2);
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        } else {
            let sep = date.chars().find(|c| !c.is_ascii_digit())?;
            if !"-/.".contains(sep) {
                return None;
            }
            let parts: Vec<&str> = date.split(sep).collect();
            let [a, b, c] = parts[..] else { return None };
            match format {
                DateFormat::Iso => (digits(a, 4, 4)? as i32, digits(b, 1, 2)?, digits(c, 1, 2)?),
                DateFormat::DayMonthYear => {
                    (digits(c, 4, 4)? as i32, digits(b, 1, 2)?, digits(a, 1, 2)?)
                }
                _ => (digits(c, 4, 4)? as i32, digits(a, 1, 2)?, digits(b, 1, 2)?),
            }
        }
    };
    if !YEARS.contains(&y) {
        return None;
    }
    days_since_1970(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_calendar() {
        // 1970-01-01 is day 0; 2000-03-01 is 11,017 days on (30 years of 365 days, 7 leap
        // days from 1972 to 1996, then 31 + 29 days of 2000).
        assert_eq!(days_since_1970(1970, 1, 1), Some(0));
        assert_eq!(days_since_1970(2000, 3, 1), Some(30 * 365 + 7 + 31 + 29));
        assert_eq!(days_since_1970(1969, 12, 31), Some(-1));
        assert_eq!(days_since_1970(1900, 2, 29), None);
        assert_eq!(days_since_1970(2000, 2, 29), Some(30 * 365 + 7 + 31 + 28));
        assert_eq!(
            reference(DateFormat::Iso, " 2024-3-01T10:00 "),
            days_since_1970(2024, 3, 1)
        );
        assert_eq!(
            reference(DateFormat::DayMonthYear, "1.3.2024"),
            days_since_1970(2024, 3, 1)
        );
        assert_eq!(
            reference(DateFormat::MonthDayYear, "3/1/2024 8:26"),
            days_since_1970(2024, 3, 1)
        );
        assert_eq!(
            reference(DateFormat::MonthName, "Mar. 1, 2024"),
            days_since_1970(2024, 3, 1)
        );
        assert_eq!(reference(DateFormat::Iso, "2024-03/01"), None);
        assert_eq!(reference(DateFormat::Compact, "21010101"), None);
    }
}
