//! Realistic order exports, then broken the way real files and attackers break them.
//!
//! A file starts as one of the shapes shops and CRMs write (a plain customer/date/amount
//! sheet, a Dutch one with `1.234,56`, Shopify and Online Retail line items, CDNOW's aligned
//! text, or one of the core's fixtures of known exports), with customer ids that include
//! formula payloads, quotes, separators, long and non-ASCII ids; dates at the edges of the
//! calendar and of the years read (1900–2100); refunds, zero and huge amounts; statuses.
//! Then it is written with LF, CRLF or CR, with or without a UTF-8 byte order mark, in
//! UTF-16 or Windows-1252, and mutated: bytes flipped, quotes, separators and line breaks
//! inserted, lines duplicated, swapped or cut, huge fields and many columns added.

use crate::rng::Rng;
use crate::sim::utf16;

/// The core's fixtures: exports shaped like those of real shops.
pub const FIXTURES: [&[u8]; 7] = [
    include_bytes!("../../retention-core/tests/fixtures/shopify_orders.csv"),
    include_bytes!("../../retention-core/tests/fixtures/lightspeed_orders.csv"),
    include_bytes!("../../retention-core/tests/fixtures/line_items.csv"),
    include_bytes!("../../retention-core/tests/fixtures/magento_orders.csv"),
    include_bytes!("../../retention-core/tests/fixtures/mollie_payments.csv"),
    include_bytes!("../../retention-core/tests/fixtures/stripe_payments.csv"),
    include_bytes!("../../retention-core/tests/fixtures/woocommerce_orders.csv"),
];

/// Customer ids an attacker or a careless export would write.
const HOSTILE_IDS: [&str; 16] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "=1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\u{ff1d}1+1",
    "-",
    "-12,50",
    "'quoted",
    "a \"quoted\" id",
    "semi;colon,comma",
    "two\nlines",
    "klant é ø 😀",
    "",
];

/// Dates at the edges: of the years read, of months, leap days, and just outside.
const EDGE_DATES: [(i32, u32, u32); 12] = [
    (1900, 1, 1),
    (1900, 3, 1),
    (2100, 12, 31),
    (1899, 12, 31),
    (2101, 1, 1),
    (2000, 2, 29),
    (2024, 2, 29),
    (2023, 2, 29),
    (2024, 12, 31),
    (2024, 1, 31),
    (2024, 0, 10),
    (2024, 13, 1),
];

/// The shape a generated export takes.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// `customer,date,amount`.
    Plain,
    /// `klant;datum;bedrag;status` with Dutch amounts and day-first dates.
    Dutch,
    /// Shopify's line items: order name, e-mail, status and total on the first row only.
    Shopify,
    /// UCI Online Retail: invoice lines, quantity × unit price, American dates with time.
    OnlineRetail,
    /// CDNOW: aligned text without a header, `id yyyymmdd cds dollars`.
    Cdnow,
}

/// A generated export: its bytes.
pub fn export(rng: &mut Rng) -> Vec<u8> {
    let text = if rng.one_in(5) {
        String::from_utf8_lossy(rng.pick(&FIXTURES)).into_owned()
    } else {
        let shape = rng.pick(&[
            Shape::Plain,
            Shape::Dutch,
            Shape::Shopify,
            Shape::OnlineRetail,
            Shape::Cdnow,
        ]);
        write(rng, shape)
    };
    let text = line_ends(rng, &text);
    let mut bytes = encode(rng, &text);
    for _ in 0..rng.size(8).saturating_sub(1) {
        mutate(rng, &mut bytes);
    }
    bytes
}

fn write(rng: &mut Rng, shape: Shape) -> String {
    let rows = rng.size(400);
    let pool = 1 + rng.size(200);
    let hostile = rng.one_in(3);
    let span_years = rng.pick(&[0, 1, 3, 10, 50, 200]);
    let base_year = rng.range(1900, 2100) as i32;
    let mut out = String::new();
    let header = match shape {
        Shape::Plain => Some("customer,date,amount"),
        Shape::Dutch => Some("klant;datum;bedrag;status"),
        Shape::Shopify => Some("Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem price,Refunded Amount"),
        Shape::OnlineRetail => Some("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"),
        Shape::Cdnow => None,
    };
    if let Some(h) = header.filter(|_| !rng.one_in(20)) {
        out.push_str(h);
        out.push('\n');
    }
    let mut order = 1000;
    let mut i = 0;
    while i < rows {
        let customer = customer(rng, pool, hostile);
        let (y, m, d) = date(rng, base_year, span_years);
        let amount = amount(rng);
        let status = rng.pick(&[
            "paid",
            "refunded",
            "cancelled",
            "voided",
            "pending",
            "Betaald",
            "Geannuleerd",
            "partially_refunded",
            "",
        ]);
        match shape {
            Shape::Plain => {
                let date = iso(rng, y, m, d);
                out.push_str(&format!(
                    "{},{date},{}\n",
                    quote(&customer, ','),
                    en(amount)
                ));
            }
            Shape::Dutch => {
                let date = format!("{d:02}-{m:02}-{y:04}");
                out.push_str(&format!(
                    "{};{date};{};{status}\n",
                    quote(&customer, ';'),
                    nl(rng, amount)
                ));
            }
            Shape::Shopify => {
                order += 1;
                let lines = 1 + rng.size(4);
                let date = format!("{} 20:04:00 +0100", iso(rng, y, m, d));
                for line in 0..lines {
                    let (qty, price) = (rng.range(-1, 5), en(amount / lines as f64));
                    if line == 0 {
                        out.push_str(&format!(
                            "#{order},{},{status},{},{date},{qty},{price},{}\n",
                            quote(&customer, ','),
                            en(amount),
                            en(amount.abs() / 4.0)
                        ));
                    } else {
                        out.push_str(&format!(
                            "#{order},{},,,{date},{qty},{price},\n",
                            quote(&customer, ',')
                        ));
                    }
                    i += 1;
                }
                continue;
            }
            Shape::OnlineRetail => {
                order += 1;
                let invoice = if rng.one_in(10) {
                    format!("C{order}")
                } else {
                    order.to_string()
                };
                let date = format!("{m}/{d}/{y} {}:{:02}", rng.range(0, 23), rng.range(0, 59));
                for _ in 0..1 + rng.size(5) {
                    let qty = rng.range(-3, 24);
                    out.push_str(&format!("{invoice},85123A,\"WHITE HANGING HEART, T-LIGHT\",{qty},{date},{},{},United Kingdom\n", en(amount.abs() / 10.0), quote(&customer, ',')));
                    i += 1;
                }
                continue;
            }
            Shape::Cdnow => {
                let id = customer.replace(char::is_whitespace, "_");
                let id = if id.is_empty() { "0".to_string() } else { id };
                out.push_str(&format!(
                    "{:>5} {y:04}{m:02}{d:02} {:>3} {:>8}\n",
                    id,
                    rng.range(0, 9),
                    en(amount)
                ));
            }
        }
        i += 1;
    }
    out
}

fn customer(rng: &mut Rng, pool: usize, hostile: bool) -> String {
    if hostile && rng.one_in(4) {
        return rng.pick(&HOSTILE_IDS).to_string();
    }
    if rng.one_in(100) {
        // A long id: a pasted comment, a whole address.
        return "x".repeat(rng.size(5000));
    }
    let n = rng.below(pool);
    match rng.below(4) {
        0 => format!("{}", 10_000 + n),
        1 => format!("c{n}@example.com"),
        2 => format!("K-{n:04}"),
        _ => format!("Cüstomer {n}"),
    }
}

fn date(rng: &mut Rng, base_year: i32, span_years: i32) -> (i32, u32, u32) {
    if rng.one_in(30) {
        return rng.pick(&EDGE_DATES);
    }
    let y = (base_year + rng.range(0, i64::from(span_years)) as i32).clamp(1900, 2100);
    (y, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
}

fn iso(rng: &mut Rng, y: i32, m: u32, d: u32) -> String {
    match rng.below(8) {
        0 => format!("{y:04}-{m:02}-{d:02}T10:00:00Z"),
        1 => format!("{y:04}/{m}/{d}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn amount(rng: &mut Rng) -> f64 {
    match rng.below(20) {
        0 => -(rng.range(0, 50_000) as f64) / 100.0,
        1 => 0.0,
        2 => 1e15 * rng.unit(),
        _ => rng.range(1, 50_000) as f64 / 100.0,
    }
}

fn en(v: f64) -> String {
    format!("{v:.2}")
}

/// A Dutch amount: `1.234,56`, `€ 12,50`, `-5,00`.
fn nl(rng: &mut Rng, v: f64) -> String {
    let plain = format!("{:.2}", v.abs()).replace('.', ",");
    let (int, frac) = plain.split_once(',').unwrap_or((&plain, "00"));
    let grouped = if rng.one_in(2) && int.len() > 3 {
        let mut g = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                g.push('.');
            }
            g.push(c);
        }
        g
    } else {
        int.to_string()
    };
    let sign = if v < 0.0 { "-" } else { "" };
    let euro = if rng.one_in(4) { "€ " } else { "" };
    format!("{sign}{euro}{grouped},{frac}")
}

/// A field as CSV writes it: quoted when it holds the separator, a quote or a line break.
fn quote(field: &str, separator: char) -> String {
    if field.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn line_ends(rng: &mut Rng, text: &str) -> String {
    let text = match rng.below(6) {
        0 => text.replace('\n', "\r\n"),
        1 => text.replace('\n', "\r"),
        _ => text.to_string(),
    };
    if rng.one_in(4) {
        text.trim_end_matches(['\r', '\n']).to_string()
    } else {
        text
    }
}

/// The text as bytes: UTF-8 (with or without its mark), UTF-16 LE or BE with a mark, or
/// Windows-1252 (Excel's "CSV" on Windows).
fn encode(rng: &mut Rng, text: &str) -> Vec<u8> {
    match rng.below(10) {
        0 => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            out
        }
        1 => utf16(text, true),
        2 => utf16(text, false),
        3 => text
            .chars()
            .map(|c| match c {
                '€' => 0x80,
                c if (c as u32) < 256 => c as u8,
                _ => b'?',
            })
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

/// One change of the kind that breaks real files.
pub fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    let at = if len == 0 { 0 } else { rng.below(len + 1) };
    match rng.below(14) {
        0 if len > 0 => bytes[at.min(len - 1)] ^= 1 << rng.below(8),
        1 => bytes.insert(at, rng.pick(b"\"\",;\t\r\n \x00\x80\xff\xef\xc3=@+-")),
        2 if len > 0 => {
            let end = (at + rng.size(64)).min(len);
            bytes.drain(at.min(end)..end);
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = (start + rng.size(256)).min(len);
            let piece = bytes[start..end].to_vec();
            bytes.splice(at..at, piece);
        }
        4 => bytes.truncate(at),
        5 => {
            // A huge field: an unquoted blob, a quoted one with line breaks, or doubled quotes.
            let n = rng.size(200_000);
            let blob = match rng.below(3) {
                0 => vec![b'x'; n],
                1 => {
                    let mut b = vec![b'"'];
                    b.extend((0..n).map(|i| if i % 7 == 0 { b'\n' } else { b'y' }));
                    b.push(b'"');
                    b
                }
                _ => {
                    let mut b = vec![b'"'];
                    b.extend(std::iter::repeat_n(b'"', n & !1));
                    b.push(b'"');
                    b
                }
            };
            bytes.splice(at..at, blob);
        }
        6 => {
            // Many columns on one row.
            let sep = rng.pick(b",;\t ");
            let n = rng.size(3000);
            let extra: Vec<u8> = (0..n).flat_map(|_| [sep, b'1']).collect();
            bytes.splice(at..at, extra);
        }
        7 => {
            let piece: &[u8] = rng.pick(&[
                &b"\r\n"[..],
                b"\n\n\n",
                b";;;\n",
                b",,,\r\n",
                b"\"",
                b"\xEF\xBB\xBF",
                b"\xFF\xFE",
                b"2024-02-30",
                b"1.234,56",
                b"-0",
                b"99999999999999999999999",
                b"NaN",
            ]);
            bytes.splice(at..at, piece.iter().copied());
        }
        8 => {
            // Swap two lines.
            let lines: Vec<usize> = (0..len).filter(|&i| bytes[i] == b'\n').collect();
            if lines.len() >= 3 {
                let a = rng.below(lines.len() - 1);
                let b = rng.below(lines.len() - 1);
                let (a, b) = (a.min(b), a.max(b));
                if a < b {
                    let first = bytes[lines[a] + 1..=lines[a + 1]].to_vec();
                    let second = bytes[lines[b] + 1..=lines[b + 1]].to_vec();
                    let mut out = bytes[..=lines[a]].to_vec();
                    out.extend_from_slice(&second);
                    out.extend_from_slice(&bytes[lines[a + 1] + 1..=lines[b]]);
                    out.extend_from_slice(&first);
                    out.extend_from_slice(&bytes[lines[b + 1] + 1..]);
                    *bytes = out;
                }
            }
        }
        9 => {
            // Repeat a line many times: many rows of one order or customer.
            let lines: Vec<usize> = (0..len).filter(|&i| bytes[i] == b'\n').collect();
            if lines.len() >= 2 {
                let a = rng.below(lines.len() - 1);
                let line = bytes[lines[a] + 1..=lines[a + 1]].to_vec();
                let n = rng.size(2000);
                let at = lines[a + 1] + 1;
                bytes.splice(at..at, line.iter().copied().cycle().take(line.len() * n));
            }
        }
        10 => bytes.insert(at, rng.next_u64() as u8),
        11 if len > 0 => {
            // Replace a digit: dates and amounts at other values.
            if let Some(i) = (at..len).find(|&i| bytes[i].is_ascii_digit()) {
                bytes[i] = b'0' + rng.below(10) as u8;
            }
        }
        12 => bytes
            .splice(at..at, rng.pick(&HOSTILE_IDS).bytes())
            .for_each(drop),
        _ => {}
    }
}

/// A workbook written by a real xlsx writer, from a generated export's first rows.
pub fn workbook(rng: &mut Rng) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let _ = sheet.set_name(rng.pick(&["Orders", "Bestellingen", "Sheet1"]));
    let header = ["customer", "date", "amount"];
    for (c, h) in header.iter().enumerate() {
        let _ = sheet.write_string(0, c as u16, *h);
    }
    let rows = rng.size(100) as u32;
    for r in 1..=rows {
        let hostile = rng.one_in(3);
        let id = customer(rng, 20, hostile);
        let _ = if rng.one_in(3) {
            sheet.write_number(r, 0, rng.range(1, 50) as f64)
        } else {
            sheet.write_string(r, 0, &id)
        };
        let (y, m, d) = date(rng, 2020, 5);
        match (
            rng.below(3),
            ExcelDateTime::from_ymd(y as u16, m as u8, d as u8),
        ) {
            (0, _) => sheet.write_string(r, 1, format!("{y:04}-{m:02}-{d:02}")),
            (1, Ok(date)) => sheet.write_datetime(r, 1, &date),
            _ => sheet.write_number(r, 1, rng.range(-10, 3_000_000) as f64),
        }
        .ok();
        let value = amount(rng);
        let _ = if rng.one_in(5) {
            sheet.write_string(r, 2, nl(rng, value))
        } else {
            sheet.write_number(r, 2, value)
        };
    }
    let mut bytes = book.save_to_buffer().unwrap_or_default();
    if rng.one_in(3) {
        for _ in 0..rng.size(4) {
            let len = bytes.len();
            if len > 0 {
                let at = rng.below(len);
                bytes[at] ^= 1 << rng.below(8);
            }
        }
    }
    bytes
}
