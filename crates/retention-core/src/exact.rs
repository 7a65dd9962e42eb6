//! Numbers written and read exactly: the shortest decimal that reads back as the same `f64`,
//! with no exponent, and the reading of such a decimal.
//!
//! Every other writer and reader of numbers ([`format_decimal`](crate::format_decimal),
//! [`parse_number`](crate::parse_number), the seam between the calculator and its parts)
//! goes through these two. With feature `js` on wasm32 they ask the JS engine's `Number`,
//! whose `toString` is the same shortest round-trip form and whose reading rounds correctly,
//! so that a wasm module for the browser carries no float formatting or parsing code of its
//! own (Rust's is about 28 KB of code and tables); elsewhere they are Rust's `Display` and
//! `FromStr`. The app's browser tests check that both give the same text and the same bits.

/// Writes `value` as the shortest decimal that reads back as exactly `value`, without an
/// exponent: what Rust's `Display` writes. Not finite: `NaN`, `inf` or `-inf`.
///
/// ```
/// use retention_core::format_exact;
/// assert_eq!(format_exact(0.1), "0.1");
/// assert_eq!(format_exact(-1234.5), "-1234.5");
/// assert_eq!(format_exact(1e21), "1000000000000000000000");
/// assert_eq!(format_exact(2.5e-7), "0.00000025");
/// ```
pub fn format_exact(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value.is_infinite() {
        return format!("{sign}inf");
    }
    let mut out = String::from(sign);
    out.push_str(&shortest(value.abs()));
    out
}

/// Reads a decimal of the form `-12.5`: an optional `-`, digits, and optionally a point and
/// more digits; `None` for anything else or a number too large for `f64`. Rounds to the
/// nearest `f64`, as Rust's `FromStr` does.
///
/// ```
/// use retention_core::parse_exact;
/// assert_eq!(parse_exact("-12.5"), Some(-12.5));
/// assert_eq!(parse_exact("0.1"), Some(0.1));
/// assert_eq!(parse_exact("1e5"), None);
/// assert_eq!(parse_exact("12."), None);
/// ```
pub fn parse_exact(text: &str) -> Option<f64> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let plain = match body.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(body),
    };
    if !plain {
        return None;
    }
    read(text).filter(|v| v.is_finite())
}

#[cfg(not(all(feature = "js", target_arch = "wasm32")))]
fn shortest(value: f64) -> String {
    value.to_string()
}

#[cfg(not(all(feature = "js", target_arch = "wasm32")))]
fn read(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// JS writes an exponent from 1e21 up and below 1e-6 (`1e+21`, `2.5e-7`): written out here.
#[cfg(all(feature = "js", target_arch = "wasm32"))]
fn shortest(value: f64) -> String {
    let text = String::from(
        js_sys::Number::from(value)
            .to_string_with_radix(10)
            .unwrap_or_default(),
    );
    match text.split_once('e') {
        None => text,
        Some((mantissa, exponent)) => {
            let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or(0);
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            plain(&[int, frac].concat(), int.len() as i32 + exponent)
        }
    }
}

#[cfg(all(feature = "js", target_arch = "wasm32"))]
fn read(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(text))
}

/// `digits` with the point after the first `point` of them (before them if negative).
#[cfg_attr(not(all(feature = "js", target_arch = "wasm32")), allow(dead_code))]
fn plain(digits: &str, point: i32) -> String {
    let len = digits.len() as i32;
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_places_the_point() {
        assert_eq!(plain("25", -6), "0.00000025");
        assert_eq!(plain("1", 22), format!("1{}", "0".repeat(21)));
        assert_eq!(plain("12345", 2), "12.345");
        assert_eq!(plain("7", 0), "0.7");
    }

    #[test]
    fn reads_only_plain_decimals() {
        for bad in [
            "", "-", ".5", "5.", "1e5", "+1", " 1", "inf", "NaN", "1.2.3", "0x10",
        ] {
            assert_eq!(parse_exact(bad), None, "{bad:?}");
        }
        assert_eq!(parse_exact(&"9".repeat(400)), None);
        assert_eq!(parse_exact("-0"), Some(-0.0));
    }

    #[test]
    fn round_trips() {
        for v in [
            0.0,
            -0.0,
            0.1,
            1.0 / 3.0,
            5e-324,
            f64::MAX,
            123_456.789,
            -2.5e-7,
        ] {
            let text = format_exact(v);
            assert_eq!(
                parse_exact(&text).map(f64::to_bits),
                Some(v.to_bits()),
                "{text}"
            );
        }
    }
}
