//! The core's formatter writes numbers exactly as the browser's Intl.NumberFormat does.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Intl, Object, Reflect};
use retention_core::{format_decimal, format_money, format_percent, Currency, Locale, NBSP};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn intl(locale: Locale, options: &[(&str, JsValue)], value: f64) -> String {
    let opts = Object::new();
    for (key, v) in options {
        Reflect::set(&opts, &(*key).into(), v).unwrap();
    }
    // Never "-0": the calculator does not write it either.
    Reflect::set(&opts, &"signDisplay".into(), &"negative".into()).unwrap();
    let nf = Intl::NumberFormat::new(&Array::of1(&locale.tag().into()), &opts);
    let format = nf.format();
    format
        .call1(&JsValue::NULL, &value.into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn samples() -> Vec<f64> {
    let mut values = vec![
        0.0,
        0.004,
        0.005,
        0.125,
        1.005,
        2.675,
        9.995,
        85.0,
        45.963991,
        562.5,
        337.5,
        999.995,
        1234.56,
        1_000_000.0,
        123_456_789.987,
        1e15,
        4.35,
        1.45,
        0.045,
        99.95,
        100.0,
    ];
    // A spread of awkward values: thirds, sevenths and their powers of ten.
    for k in 0..12 {
        let scale = 10f64.powi(k - 3);
        values.push(scale / 3.0);
        values.push(scale * 2.0 / 7.0);
        values.push(scale * 1.0049999);
    }
    let negatives: Vec<f64> = values.iter().map(|v| -v).collect();
    values.extend(negatives);
    values
}

#[wasm_bindgen_test]
fn decimals_agree() {
    for locale in Locale::ALL {
        for v in samples() {
            for (min, max) in [(0, 0), (0, 2), (2, 2), (1, 1)] {
                let ours = format_decimal(v, min, max, locale);
                let theirs = intl(
                    locale,
                    &[
                        ("minimumFractionDigits", (min as f64).into()),
                        ("maximumFractionDigits", (max as f64).into()),
                    ],
                    v,
                );
                assert_eq!(ours, theirs, "{locale:?} {v} ({min}..{max})");
            }
        }
    }
}

#[wasm_bindgen_test]
fn money_agrees() {
    for locale in Locale::ALL {
        for currency in Currency::ALL {
            for v in samples() {
                let ours = format_money(v, currency, locale);
                let theirs = intl(
                    locale,
                    &[
                        ("style", "currency".into()),
                        ("currency", currency.code().into()),
                    ],
                    v,
                );
                assert_eq!(ours, theirs, "{locale:?} {currency:?} {v}");
            }
        }
    }
}

/// Percentages agree too, except that Dutch puts a no-break space before the sign
/// ("85,0 %"), where CLDR writes "85,0%". The core works in percent units (85 means 85 %),
/// so the digits are checked against Intl's decimal format of the same number, and the place
/// of the sign against Intl's percent style.
#[wasm_bindgen_test]
fn percentages_agree_but_for_the_dutch_space() {
    for locale in Locale::ALL {
        let one_decimal = [
            ("minimumFractionDigits", JsValue::from(1.0)),
            ("maximumFractionDigits", JsValue::from(1.0)),
        ];
        let half = intl(
            locale,
            &[&one_decimal[..], &[("style", "percent".into())]].concat(),
            0.5,
        );
        let (number, sign) = half.split_at(half.find('%').expect("a percent sign"));
        assert_eq!(
            number,
            intl(locale, &one_decimal, 50.0),
            "the sign follows the number"
        );
        for v in samples() {
            let digits = intl(locale, &one_decimal, v);
            let expected = match locale {
                Locale::Nl => format!("{digits}{NBSP}{sign}"),
                Locale::En => format!("{digits}{sign}"),
            };
            assert_eq!(format_percent(v, 1, locale), expected, "{locale:?} {v}");
        }
    }
}
