//! A pasted table of periods (`parse_periods`: label, S, E, N a line), from any text, and
//! tables of known counts written in each language's habits.

use retention_core::{parse_periods, Locale, Period};

use crate::rng::{Control, Rng};

/// Reads `data` (one control byte, then the text) as a table of periods; panics when a
/// promise breaks.
pub fn periods(data: &[u8]) {
    let (c, text) = Control::split(data, 1);
    let text = String::from_utf8_lossy(text);
    let locale = if c.byte(0) & 1 == 0 {
        Locale::Nl
    } else {
        Locale::En
    };
    let period = Period::ALL[usize::from(c.byte(0) >> 1) % Period::ALL.len()];
    let table = parse_periods(&text, locale, period);
    // Every line that is not empty is a period, an error or the header, once, in order.
    let lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    let used = table.rows.len() + table.errors.len() + usize::from(table.header_line.is_some());
    assert_eq!(used, lines, "{text:?}");
    let mut seen: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    seen.extend(table.errors.iter().map(|e| e.line));
    seen.extend(table.header_line);
    seen.sort_unstable();
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "a line used twice");
    for row in &table.rows {
        let r = &row.retention;
        assert!(r.start > 0 && r.new <= r.end && r.retained <= r.start);
        assert_eq!(r.retained + r.lost, r.start);
        assert!((0.0..=100.0).contains(&r.retention_rate), "{r:?}");
        assert!((0.0..=100.0).contains(&r.annual_retention_rate), "{r:?}");
    }
}

/// Writes periods of known S, E and N (grouped the locale's way, some with a header, blank
/// lines and broken rows between) and checks each rate against (E − N) / S.
pub fn periods_oracle(rng: &mut Rng) {
    let locale = rng.pick(&Locale::ALL);
    let separator = rng.pick(&["\t", ";", " ", "  "]);
    let mut text = String::new();
    if rng.one_in(2) {
        text.push_str(&["maand", "S", "E", "N"].join(separator));
        text.push('\n');
    }
    let mut expected = Vec::new();
    for i in 0..rng.size(50) {
        if rng.one_in(8) {
            text.push_str(rng.pick(&["\n", "x\n", &format!("p{i}{separator}1{separator}2\n")]));
            continue;
        }
        let s = 1 + rng.range(0, 2_000_000) as u64;
        let n = rng.range(0, 5_000) as u64;
        let retained = rng.range(0, s as i64) as u64;
        let e = retained + n;
        let write = |v: u64, rng: &mut Rng| {
            let digits = v.to_string();
            if digits.len() <= 3 || rng.one_in(2) || separator == " " || separator == "  " {
                return digits;
            }
            let mut out = String::new();
            for (k, ch) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k) % 3 == 0 {
                    out.push(locale.group_separator());
                }
                out.push(ch);
            }
            out
        };
        let cells = [format!("p{i}"), write(s, rng), write(e, rng), write(n, rng)];
        text.push_str(&cells.join(separator));
        text.push_str(rng.pick(&["\n", "\r\n"]));
        expected.push((format!("p{i}"), retained as f64 * 100.0 / s as f64));
    }
    let table = parse_periods(&text, locale, Period::Month);
    let got: Vec<(String, f64)> = table
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.retention.retention_rate))
        .collect();
    assert_eq!(got, expected, "{text:?}");
}
