//! The number parser: any text, and numbers written as people write them with a known value.

use retention_core::{
    format_decimal, format_input, format_money, format_percent, parse_number, read_number,
    CsvWriter, Currency, Locale,
};

use crate::rng::Rng;

/// Parses any text in both languages; panics when a promise breaks.
pub fn number(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for locale in Locale::ALL {
        let parsed = parse_number(&text, locale);
        // White space around a number never changes it.
        assert_eq!(
            parse_number(&format!(" \t{text}\u{a0} "), locale),
            parsed,
            "white space around {text:?}"
        );
        match read_number(&text, locale) {
            None => assert!(parsed.is_err()),
            Some(v) if v.is_nan() => assert!(parsed.is_err()),
            Some(v) => assert_eq!(Ok(v), parsed),
        }
        let Ok(value) = parsed else { continue };
        assert!(value.is_finite(), "{text:?} read as {value}");
        // What the calculator writes back into a field reads as the same number, to its
        // six decimals, and writing it again changes nothing.
        let written = format_input(value, locale);
        let back = parse_number(&written, locale).unwrap_or_else(|_| panic!("{written:?}"));
        assert!(
            (back - value).abs() <= 5e-7 + value.abs() * 1e-15,
            "{text:?} → {written:?} → {back}"
        );
        assert_eq!(format_input(back, locale), written);
        let _ = format_decimal(value, 0, 4, locale);
        let _ = format_money(value, Currency::Eur, locale);
        let _ = format_percent(value, 1, locale);
        let mut csv = CsvWriter::new(locale);
        csv.number(value, 2).text(&text).end_row();
        let _ = csv.finish();
    }
}

/// Writes a number the way people type it in `locale`'s habit (grouped or not, with a sign,
/// a currency, spaces, a percent sign) and checks that it reads as the value its digits say.
/// The value comes from Rust's own float parser over the bare digits.
pub fn number_oracle(rng: &mut Rng) {
    let locale = rng.pick(&Locale::ALL);
    let int: String = match rng.below(4) {
        0 => "0".into(),
        _ => {
            let n = 1 + rng.size(15);
            (0..n)
                .map(|i| {
                    char::from(
                        b'0' + if i == 0 {
                            1 + rng.below(9)
                        } else {
                            rng.below(10)
                        } as u8,
                    )
                })
                .collect()
        }
    };
    let frac: String = (0..rng.size(6))
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let truth: f64 = format!("{int}.{frac}0").parse().expect("digits");
    let grouped = int.len() > 3 && rng.one_in(2);
    let mut body = String::new();
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            body.push(locale.group_separator());
        }
        body.push(c);
    }
    if !frac.is_empty() {
        body.push(locale.decimal_separator());
        body.push_str(&frac);
    }
    let negative = rng.one_in(3);
    let sign = if negative {
        rng.pick(&["-", "\u{2212}"])
    } else {
        rng.pick(&["", "", "+"])
    };
    let text = match rng.below(6) {
        0 => format!("{sign}€ {body}"),
        1 => format!("€{sign}{body}"),
        2 => format!("{sign}{body} EUR"),
        3 => format!(" {sign}{body} % "),
        4 => format!("{sign}$ {body}"),
        _ => format!("{sign}{body}"),
    };
    let expected = if negative { -truth } else { truth };
    assert_eq!(
        parse_number(&text, locale),
        Ok(expected),
        "{text:?} in {locale:?}"
    );
}
