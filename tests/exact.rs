//! In the browser the core writes and reads exact numbers through the JS engine's `Number`
//! (feature `js`): the same text as Rust's `Display` and the same bits as Rust's `FromStr`,
//! both run here as the reference.
#![cfg(target_arch = "wasm32")]

use retention_core::{format_exact, parse_exact};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// xorshift64*: the same values on every run.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Finite doubles of every size (random bit patterns), and the kind of values the calculator
/// writes: amounts with a few decimals, percentages, ratios.
fn values() -> Vec<f64> {
    let mut numbers = Numbers(0x9e37_79b9_7f4a_7c15);
    let mut values = vec![0.0, 1.0, 0.1, 0.3, 1e21, 1e22, 1e-6, 1e-7, 5e-324, f64::MAX];
    values.push(f64::from_bits(f64::MIN_POSITIVE.to_bits() - 1)); // the largest subnormal
    while values.len() < 20_000 {
        let bits = numbers.next();
        let v = f64::from_bits(bits);
        if v.is_finite() {
            values.push(v);
        }
        let cents = (numbers.next() % 100_000_000) as f64 / 100.0;
        values.push(cents);
        values.push(cents / 7.0);
        values.push(-((numbers.next() % 1000) as f64) / 3.0);
    }
    values
}

#[wasm_bindgen_test]
fn writes_what_rust_writes() {
    for v in values() {
        assert_eq!(format_exact(v), v.to_string(), "bits {:#x}", v.to_bits());
    }
    assert_eq!(format_exact(-0.0), "-0");
    assert_eq!(format_exact(f64::NAN), "NaN");
    assert_eq!(format_exact(f64::NEG_INFINITY), "-inf");
}

#[wasm_bindgen_test]
fn reads_what_rust_reads() {
    let mut texts: Vec<String> = values().iter().map(|v| v.to_string()).collect();
    // Decimals no writer made: long ones, ones halfway between two doubles.
    let mut numbers = Numbers(42);
    for _ in 0..5_000 {
        let digits = 1 + numbers.next() % 30;
        let point = numbers.next() % (digits + 1);
        let mut text: String = (0..digits)
            .map(|_| char::from(b'0' + (numbers.next() % 10) as u8))
            .collect();
        if point > 0 && point < digits {
            text.insert(point as usize, '.');
        }
        texts.push(text);
    }
    texts.push("9007199254740993".into()); // 2^53 + 1: halfway, rounds to even
    texts.push("0.1000000000000000055511151231257827021181583404541015625".into());
    for text in &texts {
        let want: f64 = text.parse().unwrap();
        assert_eq!(
            parse_exact(text).map(f64::to_bits),
            want.is_finite().then_some(want.to_bits()),
            "{text}"
        );
    }
}
