//! The inactive customers as a file for a win-back mail.

use super::summary::{summarise_orders, InactiveCustomer, SummaryOptions};
use super::OrderLog;
use crate::{CsvWriter, Locale};

/// Writes inactive customers as CSV text for a mail tool or spreadsheet: a header row, then
/// one row per customer with the id, last order (ISO date), days inactive, orders and spend,
/// by the one [`CsvWriter`]: `;` and `1234,50` in `Locale::Nl`, `,` and `1234.50` in
/// `Locale::En`, ids that a spreadsheet would run as a formula neutralised.
///
/// ```
/// use retention_core::{inactive_csv, Date, InactiveCustomer, Locale};
/// let customers = [InactiveCustomer {
///     id: "ann@example.com".into(),
///     last_order: Date::from_ymd(2024, 1, 31).unwrap(),
///     days_inactive: 45,
///     orders: 3,
///     spend: 1234.5,
/// }];
/// assert_eq!(
///     inactive_csv(&customers, Locale::Nl),
///     "customer;last_order;days_inactive;orders;spend\r\nann@example.com;2024-01-31;45;3;1234,50\r\n"
/// );
/// ```
pub fn inactive_csv(customers: &[InactiveCustomer], locale: Locale) -> String {
    let mut csv = CsvWriter::new(locale);
    csv.row(&["customer", "last_order", "days_inactive", "orders", "spend"]);
    for c in customers {
        csv.text(&c.id)
            .text(&c.last_order.to_string())
            .count(u64::from(c.days_inactive))
            .count(u64::from(c.orders))
            .number(c.spend, 2)
            .end_row();
    }
    csv.finish()
}

/// The win-back file: every customer inactive by `options`, whatever `options.inactive_limit`
/// says (that limit only shortens the list a page shows).
pub fn win_back_csv(log: &OrderLog, options: &SummaryOptions, locale: Locale) -> String {
    let everyone = SummaryOptions {
        inactive_limit: None,
        ..*options
    };
    inactive_csv(&summarise_orders(log, &everyone).inactive, locale)
}

/// Windows-1252 for the bytes 0x80–0x9F; the others are Latin-1.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of an export file: UTF-8, or else Windows-1252, which is what Excel on Windows
/// writes as "CSV" (`€` included). The flag says whether the fallback was used.
///
/// ```
/// use retention_core::decode_text;
/// assert_eq!(decode_text(b"k1;\x80 12,50".to_vec()), ("k1;€ 12,50".to_string(), true));
/// assert_eq!(decode_text("k1;€ 12,50".as_bytes().to_vec()), ("k1;€ 12,50".to_string(), false));
/// ```
pub fn decode_text(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => {
            let text = e
                .into_bytes()
                .into_iter()
                .map(|b| match b {
                    0x80..=0x9f => CP1252[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect();
            (text, true)
        }
    }
}
