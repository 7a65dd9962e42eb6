//! Writing numbers the way each locale reads them.
//!
//! The output matches the browser's `Intl.NumberFormat` for `nl-NL` and `en-US` (the app's
//! browser tests check that), with two deliberate differences: a value that rounds to zero is
//! never written as `-0`, and Dutch percentages have a no-break space before the sign
//! (`85,0 %`), as Dutch style guides write them.

use crate::{format_exact, Currency, Locale};

/// The no-break space that joins a number to its unit.
pub const NBSP: char = '\u{a0}';

/// Writes `value` with between `min_decimals` and `max_decimals` decimals and grouped thousands.
///
/// Rounds half away from zero on the shortest decimal form of `value`, as `Intl.NumberFormat`
/// does, so `1.005` becomes `1,01` and not `1,00`.
///
/// ```
/// use retention_core::{format_decimal, Locale};
/// assert_eq!(format_decimal(1234.5, 0, 2, Locale::Nl), "1.234,5");
/// assert_eq!(format_decimal(1234.5, 2, 2, Locale::En), "1,234.50");
/// assert_eq!(format_decimal(1.005, 0, 2, Locale::Nl), "1,01");
/// ```
pub fn format_decimal(
    value: f64,
    min_decimals: usize,
    max_decimals: usize,
    locale: Locale,
) -> String {
    if !value.is_finite() {
        // The core never produces these; write something that is obviously not a figure.
        return "–".to_string();
    }
    let (int_digits, mut frac_digits) = round_half_up(value.abs(), max_decimals);
    while frac_digits.len() > min_decimals && frac_digits.ends_with('0') {
        frac_digits.pop();
    }
    let is_zero = int_digits.bytes().all(|b| b == b'0') && frac_digits.bytes().all(|b| b == b'0');
    let mut out = String::new();
    if value.is_sign_negative() && !is_zero {
        out.push('-');
    }
    out.push_str(&group(&int_digits, locale.group_separator()));
    if !frac_digits.is_empty() {
        out.push(locale.decimal_separator());
        out.push_str(&frac_digits);
    }
    out
}

/// Writes a whole count of customers: `1.050` in Dutch, `1,050` in English.
///
/// ```
/// use retention_core::{format_count, Locale};
/// assert_eq!(format_count(1050, Locale::Nl), "1.050");
/// assert_eq!(format_count(1050, Locale::En), "1,050");
/// ```
pub fn format_count(value: u64, locale: Locale) -> String {
    group(&value.to_string(), locale.group_separator())
}

/// Writes a percentage given in percent units (85 means 85 %) with `decimals` decimals.
///
/// ```
/// use retention_core::{format_percent, Locale};
/// assert_eq!(format_percent(85.0, 1, Locale::Nl), "85,0\u{a0}%");
/// assert_eq!(format_percent(45.963991, 1, Locale::En), "46.0%");
/// ```
pub fn format_percent(percent: f64, decimals: usize, locale: Locale) -> String {
    let number = format_decimal(percent, decimals, decimals, locale);
    match locale {
        Locale::Nl => format!("{number}{NBSP}%"),
        Locale::En => format!("{number}%"),
    }
}

/// Writes a money amount with two decimals and the currency sign where the locale puts it.
///
/// ```
/// use retention_core::{format_money, Currency, Locale};
/// assert_eq!(format_money(1234.56, Currency::Eur, Locale::Nl), "€\u{a0}1.234,56");
/// assert_eq!(format_money(1234.56, Currency::Usd, Locale::En), "$1,234.56");
/// assert_eq!(format_money(-5.0, Currency::Usd, Locale::En), "-$5.00");
/// ```
pub fn format_money(value: f64, currency: Currency, locale: Locale) -> String {
    money(value, 2, currency, locale)
}

/// Writes a money amount with `decimals` decimals: 2 for [`format_money`], 0 for estimates
/// whose cents would be false precision.
pub(crate) fn money(value: f64, decimals: usize, currency: Currency, locale: Locale) -> String {
    let number = format_decimal(value, decimals, decimals, locale);
    let symbol = currency.symbol(locale);
    match locale {
        // nl-NL: "€ 1.234,56", "€ -1.234,56"
        Locale::Nl => format!("{symbol}{NBSP}{number}"),
        // en-US: "$1,234.56", "-$1,234.56"
        Locale::En => match number.strip_prefix('-') {
            Some(positive) => format!("-{symbol}{positive}"),
            None => format!("{symbol}{number}"),
        },
    }
}

/// Writes a number for an input field: no grouping, up to six decimals, so that
/// [`parse_number`](crate::parse_number) reads it back in the same locale.
///
/// ```
/// use retention_core::{format_input, parse_number, Locale};
/// assert_eq!(format_input(1234.5, Locale::Nl), "1234,5");
/// assert_eq!(parse_number(&format_input(1234.5, Locale::Nl), Locale::Nl), Ok(1234.5));
/// ```
pub fn format_input(value: f64, locale: Locale) -> String {
    let grouped = format_decimal(value, 0, 6, locale);
    grouped.replace(locale.group_separator(), "")
}

/// Rounds the shortest decimal form of a non-negative `value` half up to `decimals` digits.
/// Returns the integer digits and exactly `decimals` fraction digits.
fn round_half_up(value: f64, decimals: usize) -> (String, String) {
    let shortest = format_exact(value);
    let (int_part, frac_part) = shortest.split_once('.').unwrap_or((&shortest, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let int_len = int_part.len();
    let keep = int_len + decimals;
    let round_up = digits.get(keep).is_some_and(|d| *d >= b'5');
    digits.resize(keep, b'0');
    if round_up {
        let mut i = keep;
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let text = String::from_utf8(digits).unwrap_or_default();
    (text[..split].to_string(), text[split..].to_string())
}

fn group(int_digits: &str, separator: char) -> String {
    let len = int_digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_intl() {
        assert_eq!(format_decimal(0.125, 2, 2, Locale::En), "0.13");
        assert_eq!(format_decimal(2.675, 2, 2, Locale::En), "2.68");
        assert_eq!(format_decimal(9.995, 2, 2, Locale::En), "10.00");
        assert_eq!(format_decimal(999_999.5, 0, 0, Locale::Nl), "1.000.000");
        assert_eq!(format_decimal(0.0, 1, 1, Locale::Nl), "0,0");
    }

    #[test]
    fn never_writes_minus_zero() {
        assert_eq!(format_decimal(-0.0001, 0, 2, Locale::Nl), "0");
        assert_eq!(format_decimal(-0.0, 1, 1, Locale::En), "0.0");
        assert_eq!(format_decimal(-0.005, 2, 2, Locale::En), "-0.01");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(format_count(0, Locale::Nl), "0");
        assert_eq!(format_count(999, Locale::Nl), "999");
        assert_eq!(format_count(1000, Locale::Nl), "1.000");
        assert_eq!(format_count(1_234_567, Locale::En), "1,234,567");
        assert_eq!(
            format_decimal(1e21, 0, 0, Locale::En),
            "1,000,000,000,000,000,000,000"
        );
    }

    #[test]
    fn money_in_every_currency() {
        assert_eq!(
            format_money(562.5, Currency::Eur, Locale::Nl),
            "€\u{a0}562,50"
        );
        assert_eq!(
            format_money(-1234.56, Currency::Eur, Locale::Nl),
            "€\u{a0}-1.234,56"
        );
        assert_eq!(
            format_money(1234.56, Currency::Usd, Locale::Nl),
            "US$\u{a0}1.234,56"
        );
        assert_eq!(
            format_money(1234.56, Currency::Gbp, Locale::Nl),
            "£\u{a0}1.234,56"
        );
        assert_eq!(
            format_money(1234.56, Currency::Eur, Locale::En),
            "€1,234.56"
        );
        assert_eq!(format_money(337.5, Currency::Gbp, Locale::En), "£337.50");
    }

    #[test]
    fn not_finite_is_a_dash() {
        assert_eq!(format_decimal(f64::NAN, 0, 2, Locale::Nl), "–");
        assert_eq!(format_decimal(f64::INFINITY, 0, 2, Locale::Nl), "–");
    }
}
