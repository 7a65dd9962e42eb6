//! Order exports shaped like real ones, generated with their truth: each generator keeps its
//! own list of orders and computes the expected figures from it, by the counting rules as
//! README states them, never from the program's output. Shared by the core's and the CLI's
//! tests (`#[path]`).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

// The tests' one random source (SplitMix64), by path so that the CLI's tests include it too.
#[path = "../sim/mod.rs"]
pub mod sim;
pub use sim::Rng;

/// What an export should give, from the generator's own orders.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    /// Orders counted as purchases.
    pub orders: u64,
    /// Refunds (orders below zero) of customers with a purchase.
    pub refunds: u64,
    /// Customers with a purchase.
    pub customers: u64,
    /// Purchases minus refunds, of customers with a purchase.
    pub net_revenue: f64,
    /// Percentage of customers who bought on two or more days.
    pub repeat_rate: f64,
    /// Orders left out by their status or a cancellation date.
    pub left_out: u64,
    /// Rows without a customer.
    pub guest_rows: u64,
}

/// The orders a generator wrote, as the rules count them.
#[derive(Default)]
pub struct Book {
    /// customer -> purchase days (yyyymmdd) and net amounts.
    purchases: BTreeMap<String, Vec<(u32, f64)>>,
    /// customer -> refunds.
    refunds: BTreeMap<String, Vec<f64>>,
    left_out: u64,
    guest_rows: u64,
}

impl Book {
    pub fn purchase(&mut self, customer: &str, day: u32, net: f64) {
        self.purchases
            .entry(customer.to_string())
            .or_default()
            .push((day, net));
    }

    pub fn refund(&mut self, customer: &str, net: f64) {
        self.refunds
            .entry(customer.to_string())
            .or_default()
            .push(net);
    }

    pub fn left_out(&mut self) {
        self.left_out += 1;
    }

    pub fn guest_rows(&mut self, rows: u64) {
        self.guest_rows += rows;
    }

    pub fn truth(&self) -> Truth {
        let customers = self.purchases.len() as u64;
        let orders = self.purchases.values().map(|p| p.len() as u64).sum();
        let repeat = self
            .purchases
            .values()
            .filter(|p| p.iter().map(|&(d, _)| d).collect::<BTreeSet<_>>().len() >= 2)
            .count();
        let bought: f64 = self.purchases.values().flatten().map(|&(_, a)| a).sum();
        let matched = self
            .refunds
            .iter()
            .filter(|(c, _)| self.purchases.contains_key(*c));
        let (mut refunds, mut refunded) = (0, 0.0);
        for (_, r) in matched {
            refunds += r.len() as u64;
            refunded += r.iter().sum::<f64>();
        }
        Truth {
            orders,
            refunds,
            customers,
            net_revenue: bought + refunded,
            repeat_rate: repeat as f64 * 100.0 / customers as f64,
            left_out: self.left_out,
            guest_rows: self.guest_rows,
        }
    }
}

/// A day `n` days after 2023-01-01 as (year, month, day), by a plain calendar walk.
pub fn civil(n: u32) -> (u32, u32, u32) {
    let (mut y, mut m, mut d) = (2023, 1, 1);
    for _ in 0..n {
        let days = match m {
            2 if y % 4 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        d += 1;
        if d > days {
            d = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
    }
    (y, m, d)
}

fn key((y, m, d): (u32, u32, u32)) -> u32 {
    y * 10_000 + m * 100 + d
}

/// Cents as text with a decimal `sep`.
fn money(cents: i64, sep: char) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.abs();
    format!("{sign}{}{sep}{:02}", c / 100, c % 100)
}

/// A Shopify-style orders export: one row per line item; Total, Financial Status, Refunded
/// Amount, Subtotal, Shipping, Taxes and Cancelled at only on an order's first row; `Created
/// at` like `2023-01-02 20:04:00 +0100`; statuses paid / partially_refunded / refunded /
/// voided / pending; e-mail addresses written in varying case.
pub fn shopify(orders: usize, seed: u64) -> (String, Truth) {
    let mut rng = Rng(seed);
    let mut book = Book::default();
    let mut out = String::from(
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,\
         Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,\
         Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,\
         Lineitem sku,Billing Name,Cancelled at,Refunded Amount,Id\n",
    );
    let customers = (orders / 3).max(5) as u64;
    for n in 0..orders {
        let c = rng.below(customers);
        let email = format!("customer{c}@example.com");
        // Some rows write the address with capitals: the same customer.
        let written = if rng.chance(0.2) {
            email.to_uppercase()
        } else {
            email.clone()
        };
        let day = rng.below(540) as u32;
        let (y, m, d) = civil(day);
        let (hour, minute) = (rng.below(24), rng.below(60));
        let created = format!("{y}-{m:02}-{d:02} {hour:02}:{minute:02}:00 +0100");
        let lines = 1 + rng.below(4) as usize;
        let items: Vec<(i64, i64)> = (0..lines)
            .map(|_| (1 + rng.below(3) as i64, 500 + rng.below(9500) as i64))
            .collect();
        let subtotal: i64 = items.iter().map(|(q, p)| q * p).sum();
        let shipping = [0, 495, 695][rng.below(3) as usize];
        let discount = if rng.chance(0.2) { subtotal / 10 } else { 0 };
        let taxes = (subtotal - discount) * 21 / 121;
        let total = subtotal - discount + shipping;
        let roll = rng.below(100);
        let (status, refunded, cancelled) = match roll {
            0..=79 => ("paid", 0, false),
            80..=87 => (
                "partially_refunded",
                100 + rng.below((total - 100) as u64) as i64,
                false,
            ),
            88..=93 => ("refunded", total, false),
            94..=97 => ("voided", 0, true),
            _ => ("pending", 0, false),
        };
        match status {
            "refunded" | "voided" => book.left_out(),
            _ => book.purchase(&email, key((y, m, d)), (total - refunded) as f64 / 100.0),
        }
        for (i, (q, p)) in items.iter().enumerate() {
            let first = i == 0;
            let f = |s: String| if first { s } else { String::new() };
            out.push_str(&format!(
                "#{},{written},{},{},fulfilled,{created},no,EUR,{},{},{},{},{},{},Standard,{created},{q},\"Mug, \"\"large\"\"\",{},,SKU-{},{},{},{},{}\n",
                1001 + n,
                f(status.into()),
                f(created.clone()),
                f(money(subtotal, '.')),
                f(money(shipping, '.')),
                f(money(taxes, '.')),
                f(money(total, '.')),
                f(if discount > 0 { "SAVE10".into() } else { String::new() }),
                f(money(discount, '.')),
                money(*p, '.'),
                rng.below(1000),
                f(format!("Customer {c}")),
                f(if cancelled { created.clone() } else { String::new() }),
                f(money(refunded, '.')),
                f(format!("{}", 5_000_000_000u64 + n as u64)),
            ));
        }
    }
    (out, book.truth())
}

/// A Dutch webshop export: `Ordernummer;Besteldatum;Klantnummer;Klantnaam;Status;Artikel;
/// Aantal;Prijs per stuk;Btw %`, one row per product line, no order total, Dutch amounts,
/// `Geannuleerd` orders.
pub fn dutch(orders: usize, seed: u64) -> (String, Truth) {
    let mut rng = Rng(seed);
    let mut book = Book::default();
    let mut out =
        String::from("Ordernummer;Besteldatum;Klantnummer;Klantnaam;Status;Artikel;Aantal;Prijs per stuk;Btw %\r\n");
    let customers = (orders / 3).max(5) as u64;
    for n in 0..orders {
        let c = rng.below(customers);
        let day = rng.below(700) as u32;
        let (y, m, d) = civil(day);
        let status = match rng.below(100) {
            0..=6 => "Geannuleerd",
            7..=40 => "Verzonden",
            41..=80 => "Afgerond",
            _ => "Betaald",
        };
        let lines = 1 + rng.below(5) as usize;
        let mut amount = 0;
        for _ in 0..lines {
            let (q, p) = (1 + rng.below(6) as i64, 199 + rng.below(150_000) as i64);
            amount += q * p;
            let vat = if rng.chance(0.8) { 21 } else { 9 };
            out.push_str(&format!(
                "{};{d:02}-{m:02}-{y};K{c:05};Klant {c} van der Berg;{status};Artikel {};{q};{};{vat}\r\n",
                20230000 + n,
                rng.below(300),
                // Prices above a thousand with a thousands dot, as Dutch spreadsheets write.
                if p >= 100_000 {
                    format!("{}.{:03},{:02}", p / 100_000, (p / 100) % 1000, p % 100)
                } else {
                    money(p, ',')
                },
            ));
        }
        if status == "Geannuleerd" {
            book.left_out();
        } else {
            book.purchase(&format!("K{c:05}"), key((y, m, d)), amount as f64 / 100.0);
        }
    }
    (out, book.truth())
}

/// A UCI-Online-Retail-like export: `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,
/// UnitPrice,CustomerID,Country`, dates `12/1/2010 8:26`, cancellation invoices `C…` with
/// negative quantities returning part of an earlier invoice, rows without a customer.
pub fn online_retail(invoices: usize, seed: u64) -> (String, Truth) {
    let mut rng = Rng(seed);
    let mut book = Book::default();
    let mut out = String::from(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n",
    );
    let customers = (invoices / 4).max(5) as u64;
    // Earlier invoices of each customer: (lines) to return from.
    let mut history: BTreeMap<u64, Vec<Vec<(i64, i64)>>> = BTreeMap::new();
    for n in 0..invoices {
        let day = (n * 370 / invoices) as u32 + rng.below(3) as u32;
        let (y, m, d) = civil(day + 334); // from 2023-12-01 on
        let date = format!("{m}/{d}/{y} {}:{:02}", 8 + rng.below(10), rng.below(60));
        let number = 536_365 + n;
        let guest = rng.chance(0.15);
        let c = 12_346 + rng.below(customers);
        let returning = !guest && rng.chance(0.12) && history.contains_key(&c);
        if returning {
            let past = &history[&c];
            let invoice = &past[rng.below(past.len() as u64) as usize];
            let mut net = 0;
            for &(q, p) in invoice
                .iter()
                .take(1 + rng.below(invoice.len() as u64) as usize)
            {
                let back = 1 + rng.below(q as u64) as i64;
                net -= back * p;
                out.push_str(&format!(
                    "C{number},{},RETURNED ITEM,-{back},{date},{},{c},United Kingdom\n",
                    10_000 + rng.below(900),
                    money(p, '.'),
                ));
            }
            book.refund(&c.to_string(), net as f64 / 100.0);
            continue;
        }
        let lines = 1 + rng.below(12) as usize;
        let items: Vec<(i64, i64)> = (0..lines)
            .map(|_| (1 + rng.below(24) as i64, 29 + rng.below(1500) as i64))
            .collect();
        for &(q, p) in &items {
            out.push_str(&format!(
                "{number},{}{},\"WHITE HANGING HEART, T-LIGHT\",{q},{date},{},{},United Kingdom\n",
                20_000 + rng.below(900),
                ["", "A", "B"][rng.below(3) as usize],
                money(p, '.'),
                if guest { String::new() } else { c.to_string() },
            ));
        }
        if guest {
            book.guest_rows(lines as u64);
        } else {
            let amount: i64 = items.iter().map(|(q, p)| q * p).sum();
            book.purchase(&c.to_string(), key((y, m, d)), amount as f64 / 100.0);
            history.entry(c).or_default().push(items);
        }
    }
    (out, book.truth())
}

/// A generic line-item export of `rows` rows or more: `order_id,customer,date,quantity,
/// unit_price,status`, an order's lines next to each other, about 2.5 lines an order.
pub fn line_items(rows: usize, seed: u64) -> (String, Truth) {
    let mut rng = Rng(seed);
    let mut book = Book::default();
    let mut out = String::with_capacity(rows * 48);
    out.push_str("order_id,customer,date,quantity,unit_price,status\n");
    let customers = (rows / 6).max(5) as u64;
    let (mut written, mut n) = (0, 0);
    while written < rows {
        n += 1;
        let c = rng.below(customers);
        let (y, m, d) = civil(rng.below(700) as u32);
        let status = if rng.chance(0.05) {
            "cancelled"
        } else {
            "completed"
        };
        let lines = 1 + rng.below(4) as usize;
        let mut amount = 0;
        for _ in 0..lines {
            let (q, p) = (1 + rng.below(5) as i64, 100 + rng.below(20_000) as i64);
            amount += q * p;
            out.push_str(&format!(
                "SO-{n},C{c},{y}-{m:02}-{d:02},{q},{},{status}\n",
                money(p, '.')
            ));
            written += 1;
        }
        if status == "cancelled" {
            book.left_out();
        } else {
            book.purchase(&format!("C{c}"), key((y, m, d)), amount as f64 / 100.0);
        }
    }
    (out, book.truth())
}
