//! The order of an export's rows changes nothing: the counting rules (orders/rules.rs) take
//! an order's customer, date, total, refund and status from its rows in a way that does not
//! depend on which row comes first, as a warehouse table (which has no row order) needs.
//!
//! An export with multi-row orders, statuses and cancellations on non-first rows, refunds
//! written as positive and negative numbers, credit notes, guest rows, e-mail-only customers
//! and rows without an order number is read in its written order and in several shuffles;
//! the summary, the import's counts and every customer's purchases and forecast history must
//! be the same. Amounts are multiples of 0.25, so that every sum is exact in any order and the
//! figures can be compared exactly.

use std::collections::BTreeMap;

use retention_core::{
    customer_summaries, normalise_status, parse_orders, summarise_orders, CustomerSummary, Date,
    Delimiter, ImportStats, Mapping, OrderLog, SummaryOptions,
};

mod sim;

use sim::Rng;

/// Fisher–Yates.
fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// One row of the export.
#[derive(Clone, Default)]
struct Row {
    order: String,
    customer: String,
    email: String,
    date: String,
    status: String,
    quantity: String,
    price: String,
    total: String,
    refunded: String,
    cancelled_at: String,
}

const HEADER: &str =
    "order_id,customer_id,email,order_date,status,quantity,unit_price,order_total,refunded,cancelled_at";

fn quarters(n: u64) -> String {
    format!("{}", n as f64 * 0.25)
}

/// An export: `customers` customers with id, a few known by e-mail only, orders of one to
/// four rows.
fn export(seed: u64, customers: u64) -> Vec<Row> {
    let mut rng = Rng(seed);
    let mut rows = Vec::new();
    let mut number = 0;
    let counting = ["paid", "Completed", "", "Partially refunded"];
    let left_out = ["Cancelled", "refunded", "VOIDED", "Geannuleerd"];
    for c in 0..customers {
        let by_email = c % 7 == 0;
        let id = if by_email {
            String::new()
        } else {
            format!("K{c:03}")
        };
        let email = format!("klant{c}@example.com");
        let mut day = 1 + rng.below(300);
        for _ in 0..1 + rng.below(6) {
            number += 1;
            let order = format!("A{number:05}");
            let lines = 1 + rng.below(4) as usize;
            let credit = rng.chance(0.08);
            let amounts: Vec<(u64, u64)> = (0..lines)
                .map(|_| (1 + rng.below(3), 4 + rng.below(200)))
                .collect();
            let sign = if credit { -1.0 } else { 1.0 };
            let total: f64 = sign
                * amounts
                    .iter()
                    .map(|&(q, p)| (q * p) as f64 * 0.25)
                    .sum::<f64>();
            let status = counting[rng.below(4) as usize];
            // How the total is written: on every row, on one row with 0.00 on the others (a
            // credit note), or on one row only.
            let total_style = rng.below(3);
            let total_row = rng.below(lines as u64) as usize;
            let refund = rng.chance(0.15).then(|| {
                let size = quarters(1 + rng.below(400));
                if rng.chance(0.5) {
                    format!("-{size}")
                } else {
                    size
                }
            });
            let refund_row = rng.below(lines as u64) as usize;
            let left_out_row = rng.chance(0.1).then(|| rng.below(lines as u64) as usize);
            let cancelled_row = rng.chance(0.05).then(|| rng.below(lines as u64) as usize);
            let guest_order = rng.chance(0.04);
            for (i, &(q, p)) in amounts.iter().enumerate() {
                let guest_row = guest_order || (lines > 1 && rng.chance(0.1));
                let later = u64::from(rng.chance(0.1));
                let mixed_case = rng.chance(0.3);
                // A credit note's lines have negative quantities.
                let quantity = if credit {
                    format!("-{q}")
                } else {
                    q.to_string()
                };
                rows.push(Row {
                    order: if rng.chance(0.01) {
                        String::new() // no order number: a bad row
                    } else {
                        order.clone()
                    },
                    customer: if guest_row { String::new() } else { id.clone() },
                    email: if guest_row {
                        String::new()
                    } else if mixed_case {
                        email.to_uppercase()
                    } else {
                        email.clone()
                    },
                    date: date(day + later * (1 + rng.below(3))),
                    status: match left_out_row {
                        Some(r) if r == i => left_out[rng.below(4) as usize].to_string(),
                        _ if i == 0 || rng.chance(0.5) => status.to_string(),
                        _ => String::new(),
                    },
                    quantity,
                    price: quarters(p),
                    total: match total_style {
                        0 => format!("{total}"),
                        1 if i == total_row => format!("{total}"),
                        1 => "0.00".to_string(),
                        _ if i == total_row => format!("{total}"),
                        _ => String::new(),
                    },
                    refunded: match &refund {
                        Some(r) if i == refund_row || rng.chance(0.3) => r.clone(),
                        _ => String::new(),
                    },
                    cancelled_at: match cancelled_row {
                        Some(r) if r == i => format!("{} 10:00:00", date(day + 2)),
                        _ => String::new(),
                    },
                });
            }
            day += 1 + rng.below(90);
        }
    }
    rows
}

fn date(day: u64) -> String {
    let d = Date::from_ymd(2023, 1, 1).unwrap().days() + day as i32;
    Date::from_days(d).to_string()
}

/// The export as CSV, with the order total column or the quantity and price columns.
fn csv(rows: &[Row], totals: bool) -> (String, Mapping) {
    let mut text = String::from(HEADER);
    text.push('\n');
    for r in rows {
        let fields = [
            &r.order,
            &r.customer,
            &r.email,
            &r.date,
            &r.status,
            &r.quantity,
            &r.price,
            &r.total,
            &r.refunded,
            &r.cancelled_at,
        ];
        text.push_str(&fields.map(|f| f.as_str()).join(","));
        text.push('\n');
    }
    let mapping = Mapping {
        order: Some(0),
        customer: Some(1),
        email: Some(2),
        date: 3,
        status: Some(4),
        quantity: (!totals).then_some(5),
        unit_price: (!totals).then_some(6),
        total: totals.then_some(7),
        refunded: Some(8),
        cancelled_at: Some(9),
        ..Mapping::new(Delimiter::Comma, true, 10)
    };
    (text, mapping)
}

/// Everything a reader of the import relies on, keyed so that the order of first appearance
/// does not matter.
#[derive(Debug, PartialEq)]
struct Figures {
    counts: Vec<(&'static str, f64)>,
    statuses: BTreeMap<String, (usize, bool)>,
    customers: BTreeMap<String, (Vec<(i32, f64)>, f64)>,
    histories: BTreeMap<String, CustomerSummary>,
    summary: retention_core::Summary,
}

fn counts(s: &ImportStats) -> Vec<(&'static str, f64)> {
    vec![
        ("rows", s.read.rows as f64),
        ("orders", s.orders as f64),
        ("refunds", s.refunds as f64),
        ("refunded", s.refunded),
        ("unmatched refunds", s.unmatched_refunds as f64),
        ("customers", s.customers as f64),
        ("bad rows", s.read.bad_row_count as f64),
        ("order rows", s.order_rows as f64),
        ("left out", s.left_out as f64),
        ("left-out rows", s.left_out_rows as f64),
        ("guest rows", s.guest_rows as f64),
        ("guest orders", s.guest_orders as f64),
        ("conflicting totals", s.conflicting_totals as f64),
    ]
}

fn figures(log: &OrderLog) -> Figures {
    let summary = summarise_orders(log, &SummaryOptions::default());
    let stats = log.stats();
    let statuses = stats
        .statuses
        .iter()
        .map(|s| (normalise_status(&s.status), (s.orders, s.left_out)))
        .collect();
    let customers = log
        .customers()
        .map(|c| {
            let mut purchases: Vec<(i32, f64)> =
                c.purchases.iter().map(|p| (p.day, p.amount)).collect();
            purchases.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            (c.id.to_string(), (purchases, c.refunded))
        })
        .collect();
    let end = summary.reference.expect("purchases");
    let histories = customer_summaries(log, end)
        .into_iter()
        .map(|(i, s)| (log.customer(i).id.to_string(), s))
        .collect();
    Figures {
        counts: counts(stats),
        statuses,
        customers,
        histories,
        summary,
    }
}

fn read(text: &str, mapping: &Mapping) -> OrderLog {
    parse_orders(text, mapping, |_, _| true).expect("the import runs")
}

#[test]
fn the_import_counts_the_same_whichever_order_the_rows_come_in() {
    for totals in [true, false] {
        let rows = export(2026, 90);
        let (text, mapping) = csv(&rows, totals);
        let written = figures(&read(&text, &mapping));
        // The export has every case the rules name.
        let stats = read(&text, &mapping).stats().clone();
        assert!(stats.left_out > 5, "{stats:?}");
        assert!(stats.refunds > 3, "{stats:?}");
        assert!(stats.guest_orders > 2, "{stats:?}");
        assert!(stats.read.bad_row_count > 0, "{stats:?}");
        if totals {
            assert!(stats.conflicting_totals > 3, "{stats:?}");
        }
        assert!(written.summary.repeat_customers > 20);
        let mut rng = Rng(totals as u64);
        for round in 0..6 {
            let mut shuffled = rows.clone();
            if round == 0 {
                shuffled.reverse();
            } else {
                shuffle(&mut rng, &mut shuffled);
            }
            let (text, _) = csv(&shuffled, totals);
            let got = figures(&read(&text, &mapping));
            // Every figure: counts, statuses, customers, histories and the summary.
            assert_eq!(got, written, "totals {totals}, round {round}");
        }
    }
}

/// One order's rules by hand, its rows in every order.
#[test]
fn an_orders_rows_give_it_the_smallest_customer_the_earliest_date_and_any_left_out_status() {
    let rows = [
        // A credit note: −10.00 on one row, 0.00 on the other; its refund written twice,
        // once negative. Customer keys K2 and K1: K1 is the smaller.
        "C1,K2,,2024-03-05,paid,,,0.00,,",
        "C1,K1,,2024-03-04,,,,-10.00,-2.50,",
        "C1,,,2024-03-06,,,,0.00,2.50,",
        // A purchase of 30.00 less a refund of 5.00, its date the earlier one.
        "P1,K1,,2024-02-02,,,,30.00,5,",
        "P1,K1,,2024-02-01,paid,,,30.00,,",
        // Left out by the status on its second row.
        "X1,K1,,2024-01-01,paid,,,99.00,,",
        "X1,K1,,2024-01-01,cancelled,,,99.00,,",
        // Left out by a cancelled-at on its last row.
        "Y1,K2,,2024-01-01,paid,,,50.00,,",
        "Y1,K2,,2024-01-01,,,,50.00,,2024-01-03",
        // No order number in an export with an order column: a bad row, never a purchase.
        ",K1,,2024-04-01,paid,,,40.00,,",
    ];
    let mapping = csv(&[], true).1;
    // Every rotation of the rows.
    for start in 0..rows.len() {
        let mut lines = rows.to_vec();
        lines.rotate_left(start);
        let text = format!("{HEADER}\n{}\n", lines.join("\n"));
        let log = read(&text, &mapping);
        let stats = log.stats();
        assert_eq!((stats.orders, stats.refunds, stats.left_out), (1, 1, 2));
        assert_eq!(stats.left_out_rows, 4);
        assert_eq!(stats.conflicting_totals, 1);
        assert_eq!(stats.read.bad_row_count, 1);
        assert_eq!(log.customer_count(), 1);
        let k1 = log.customer(0);
        assert_eq!(k1.id, "K1");
        let feb1 = Date::from_ymd(2024, 2, 1).unwrap().days();
        assert_eq!(
            k1.purchases
                .iter()
                .map(|p| (p.day, p.amount))
                .collect::<Vec<_>>(),
            [(feb1, 25.0)]
        );
        // −10.00 less a refund of 2.50.
        assert_eq!(k1.refunded, -12.5);
    }
}
