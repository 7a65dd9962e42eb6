//! Reading money amounts from an export, fast.
//!
//! [`parse_number`] decides every case, but it allocates; a million rows of plain amounts like
//! `49,95` or `-12.50` take a byte-level fast path with the same result, and only the rest
//! (grouping, currency signs, spaces) goes through it.

use crate::{parse_number, Locale};

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// An amount in `locale`'s habit, from a trimmed field.
pub(crate) fn read_amount(field: &[u8], locale: Locale) -> Option<f64> {
    if let Some(value) = plain(field, locale.decimal_separator() as u8) {
        return Some(value);
    }
    parse_number(std::str::from_utf8(field).ok()?, locale).ok()
}

/// `[-]digits[<decimal>digits]` with at least one digit.
///
/// Exactly as [`parse_number`] reads it: an integer below 2^53 and a power of ten up to
/// 10^22 are both exact, so one division rounds correctly (Clinger's fast path).
fn plain(field: &[u8], decimal: u8) -> Option<f64> {
    let (negative, body) = match field {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, field),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut decimals: Option<usize> = None;
    for &b in body {
        match b {
            b'0'..=b'9' => {
                if digits == 18 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
            }
            _ if b == decimal && decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if digits == 0 || mantissa >= 1 << 53 {
        return None;
    }
    let value = mantissa as f64 / POW10[decimals.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

/// Which habit an amount shows, if any: `1.234,56` and `12,50` are Dutch, `1,234.56` and
/// `12.50` English; `1.234`, `1,234` and `12` could be either.
pub(crate) fn habit(field: &[u8]) -> Option<Locale> {
    let last_dot = field.iter().rposition(|&b| b == b'.');
    let last_comma = field.iter().rposition(|&b| b == b',');
    let count = |sep: u8| field.iter().filter(|&&b| b == sep).count();
    let digits_after = |at: usize| {
        field[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    // Several separators of one kind can only group; one followed by three digits could do
    // either.
    let lone = |at: usize, sep: u8, grouping: Locale, decimal: Locale| {
        if count(sep) > 1 {
            Some(grouping)
        } else {
            (digits_after(at) != 3).then_some(decimal)
        }
    };
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { Locale::En } else { Locale::Nl }),
        (None, Some(c)) => lone(c, b',', Locale::En, Locale::Nl),
        (Some(d), None) => lone(d, b'.', Locale::Nl, Locale::En),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_parse_number() {
        let samples = [
            "0",
            "-0",
            "12",
            "12,50",
            "12.50",
            "1234,5",
            ",5",
            "5,",
            "0.1",
            "0.3",
            "99.99",
            "123456789012,34",
            "9007199254740991",
            "9007199254740993",
            "1,234",
            "1.234",
            "1.234,56",
            "1,234.56",
            "€ 12,50",
            "-12,5",
            "12-",
            "",
            "-",
            "1e5",
            "00012,30",
        ];
        for locale in Locale::ALL {
            for s in samples {
                let fast = read_amount(s.as_bytes(), locale);
                let slow = parse_number(s, locale).ok();
                assert_eq!(
                    fast.map(f64::to_bits),
                    slow.map(f64::to_bits),
                    "{locale:?} {s:?}"
                );
            }
        }
    }

    #[test]
    fn habits() {
        let h = |s: &str| habit(s.as_bytes());
        assert_eq!(h("1.234,56"), Some(Locale::Nl));
        assert_eq!(h("12,5"), Some(Locale::Nl));
        assert_eq!(h("1.234.567"), Some(Locale::Nl));
        assert_eq!(h("1,234.56"), Some(Locale::En));
        assert_eq!(h("12.50"), Some(Locale::En));
        assert_eq!(h("1,234,567"), Some(Locale::En));
        assert_eq!(h("1.234"), None);
        assert_eq!(h("1,234"), None);
        assert_eq!(h("12"), None);
    }
}
