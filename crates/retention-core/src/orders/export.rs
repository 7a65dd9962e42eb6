//! The inactive customers as a file for a win-back mail.

use super::summary::InactiveCustomer;
use crate::{format_decimal, Locale};

/// Writes inactive customers as CSV text for a mail tool or spreadsheet: a header row, then
/// one row per customer with the id, last order (ISO date), days inactive, orders and spend.
///
/// In `Locale::En` fields are separated by commas and amounts written `1234.50`; in
/// `Locale::Nl` by semicolons with `1234,50`, as a Dutch spreadsheet opens them. Amounts are
/// not grouped, so every tool reads them back. Fields holding the separator, a quote or a line
/// break are quoted.
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
    let sep = match locale {
        Locale::Nl => ';',
        Locale::En => ',',
    };
    let mut out = String::with_capacity(64 * (customers.len() + 1));
    // CRLF, as RFC 4180 and spreadsheets expect.
    let header = ["customer", "last_order", "days_inactive", "orders", "spend"];
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for c in customers {
        let spend = format_decimal(c.spend, 2, 2, locale).replace(locale.group_separator(), "");
        let fields = [
            quote(&c.id, sep),
            c.last_order.to_string(),
            c.days_inactive.to_string(),
            c.orders.to_string(),
            spend,
        ];
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it holds the separator, a quote or a line break.
pub(crate) fn quote(field: &str, sep: char) -> String {
    if field.contains([sep, '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
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
