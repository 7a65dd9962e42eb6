//! Reading numbers the way people type them.

use crate::{parse_exact, Locale};

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but white space.
    Empty,
    /// Something other than a number.
    Invalid,
}

/// Currency signs and codes that may lead or trail a money amount.
const CURRENCY_MARKS: [&str; 7] = ["us$", "eur", "usd", "gbp", "€", "$", "£"];

/// Parses a number as people type it in `locale`.
///
/// Accepts grouping separators (`1.234,56` in Dutch, `1,234.56` in English), spaces anywhere
/// (`1 234`), a leading or trailing currency sign or code (`€ 75`, `75 EUR`), a trailing `%`,
/// and a leading `-`, `−` or `+`. When a text holds both `.` and `,`, the last one is the
/// decimal separator, so an English `1,234.56` typed on a Dutch page still reads as 1234.56.
/// A lone separator followed by exactly three digits is a thousands separator in that
/// locale's habit (`1.234` is 1234 in Dutch); otherwise it is a decimal separator
/// (`2.5` is 2.5 in both languages).
///
/// ```
/// use retention_core::{parse_number, Locale};
/// assert_eq!(parse_number("1.234,56", Locale::Nl), Ok(1234.56));
/// assert_eq!(parse_number("1234,56", Locale::Nl), Ok(1234.56));
/// assert_eq!(parse_number("€ 1.234", Locale::Nl), Ok(1234.0));
/// assert_eq!(parse_number("1,234.56", Locale::En), Ok(1234.56));
/// assert_eq!(parse_number("$75", Locale::En), Ok(75.0));
/// assert_eq!(parse_number(" 60 % ", Locale::En), Ok(60.0));
/// assert!(parse_number("twelve", Locale::En).is_err());
/// ```
pub fn parse_number(text: &str, locale: Locale) -> Result<f64, ParseError> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'')
        .collect::<String>()
        // ASCII is enough: every mark and word a number may carry is ASCII.
        .to_ascii_lowercase();
    if compact.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut rest = compact.as_str();
    let mut negative = false;
    // Sign and currency may come in either order: "-€5", "€-5", "5 EUR", "5%".
    for _ in 0..2 {
        if let Some(r) = strip_sign(rest, &mut negative) {
            rest = r;
        }
        if let Some(r) = CURRENCY_MARKS.iter().find_map(|m| rest.strip_prefix(m)) {
            rest = r;
        }
    }
    if let Some(r) = rest.strip_suffix('%') {
        rest = r;
    }
    if let Some(r) = CURRENCY_MARKS.iter().find_map(|m| rest.strip_suffix(m)) {
        rest = r;
    }
    let value = parse_unsigned(rest, locale).ok_or(ParseError::Invalid)?;
    Ok(if negative { -value } else { value })
}

/// Reads a form field: `None` when it is empty, `NaN` when it is not a number, so that
/// [`calculate`](crate::calculate) can report each case next to its field.
///
/// ```
/// use retention_core::{read_number, Locale};
/// assert_eq!(read_number("1.050", Locale::Nl), Some(1050.0));
/// assert_eq!(read_number("", Locale::Nl), None);
/// assert!(read_number("veel", Locale::Nl).unwrap().is_nan());
/// ```
pub fn read_number(text: &str, locale: Locale) -> Option<f64> {
    match parse_number(text, locale) {
        Ok(value) => Some(value),
        Err(ParseError::Empty) => None,
        Err(ParseError::Invalid) => Some(f64::NAN),
    }
}

fn strip_sign<'a>(text: &'a str, negative: &mut bool) -> Option<&'a str> {
    let mut chars = text.chars();
    match chars.next()? {
        '-' | '\u{2212}' if !*negative => {
            *negative = true;
            Some(chars.as_str())
        }
        '+' => Some(chars.as_str()),
        _ => None,
    }
}

/// Digits with at most one decimal separator and well-formed thousands groups.
fn parse_unsigned(body: &str, locale: Locale) -> Option<f64> {
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if !body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (None, None) => None,
        (Some(_), None) => lone_separator(body, '.', locale),
        (None, Some(_)) => lone_separator(body, ',', locale),
    };
    let (int_part, frac_part) = match decimal {
        Some(sep) => {
            let at = body.rfind(sep)?;
            (&body[..at], &body[at + 1..])
        }
        None => (body, ""),
    };
    if frac_part.contains(['.', ',']) {
        return None;
    }
    let group = match decimal {
        Some('.') => ',',
        Some(_) => '.',
        None => locale.group_separator(),
    };
    let digits = integer_digits(int_part, group)?;
    let int = if digits.is_empty() { "0" } else { &digits };
    match frac_part {
        "" => parse_exact(int),
        _ => parse_exact(&format!("{int}.{frac_part}")),
    }
}

/// Decides whether the only kind of separator in `body` is a decimal or a grouping one.
fn lone_separator(body: &str, sep: char, locale: Locale) -> Option<char> {
    let count = body.matches(sep).count();
    let groups_ok = integer_digits(body, sep).is_some();
    if sep == locale.group_separator() && groups_ok {
        return None;
    }
    if count == 1 {
        return Some(sep);
    }
    // "1,234,567" on a Dutch page: several separators can only be grouping.
    if groups_ok {
        None
    } else {
        Some(sep)
    }
}

/// The integer digits of `part` when its groups are well formed: the first group has one to
/// three digits and does not start with a zero, every later group has exactly three.
fn integer_digits(part: &str, group: char) -> Option<String> {
    if !part.contains(group) {
        return (!part.contains(['.', ','])).then(|| part.to_string());
    }
    let mut groups = part.split(group);
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
    if !first_ok {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
    }
    Some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn nl(text: &str, expected: f64) {
        assert_eq!(parse_number(text, Locale::Nl), Ok(expected), "nl {text:?}");
    }

    #[track_caller]
    fn en(text: &str, expected: f64) {
        assert_eq!(parse_number(text, Locale::En), Ok(expected), "en {text:?}");
    }

    #[track_caller]
    fn invalid(text: &str) {
        for locale in Locale::ALL {
            assert_eq!(
                parse_number(text, locale),
                Err(ParseError::Invalid),
                "{locale:?} {text:?}"
            );
        }
    }

    #[test]
    fn dutch_habits() {
        nl("1.234,56", 1234.56);
        nl("1234,56", 1234.56);
        nl("1.234", 1234.0);
        nl("1.234.567", 1_234_567.0);
        nl("2,5", 2.5);
        nl("2.5", 2.5);
        nl("0.500", 0.5);
        nl("1 234,5", 1234.5);
        nl("1\u{a0}234", 1234.0);
        nl("€ 75,00", 75.0);
        nl("€75", 75.0);
        nl("75 EUR", 75.0);
        nl("60%", 60.0);
        nl(",5", 0.5);
        nl("5,", 5.0);
    }

    #[test]
    fn english_habits() {
        en("1,234.56", 1234.56);
        en("1234.56", 1234.56);
        en("1,234", 1234.0);
        en("1,5", 1.5);
        en("$1,234.56", 1234.56);
        en("US$ 10", 10.0);
        en("£3", 3.0);
    }

    #[test]
    fn a_number_from_the_other_language_still_reads() {
        nl("1,234.56", 1234.56);
        en("1.234,56", 1234.56);
    }

    #[test]
    fn signs() {
        nl("-5", -5.0);
        nl("\u{2212}5", -5.0);
        nl("-€ 5", -5.0);
        nl("€ -5", -5.0);
        en("+7", 7.0);
    }

    #[test]
    fn empty_is_not_invalid() {
        assert_eq!(parse_number("", Locale::Nl), Err(ParseError::Empty));
        assert_eq!(parse_number("  \t", Locale::En), Err(ParseError::Empty));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        invalid("abc");
        invalid("12abc");
        invalid("1.2.3,4,5");
        invalid("1,23,4.5");
        invalid("--5");
        invalid("€");
        invalid("1e5");
        invalid("NaN");
        invalid("inf");
        invalid(".");
        invalid("5 5 %%");
    }
}
