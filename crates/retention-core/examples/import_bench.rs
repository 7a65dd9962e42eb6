//! Times the order import on generated exports of 70 thousand and 1 million orders.
//!
//! `cargo run -p retention-core --release --example import_bench`
//!
//! The exports are realistic in shape: about 2.5 orders per customer (1 + a geometric
//! number of repeats, 60 days apart on average), dates over 18 months, sorted by date like a
//! shop's export, 1 % refunds, amounts from a few euros to a few thousand. One English export
//! (commas, ISO timestamps, quoted `"1,234.56"`) and one Dutch (semicolons, `dd-mm-yyyy`,
//! `1.234,56`). A tiny deterministic RNG makes every run read the same text.

use std::time::Instant;

use retention_core::{
    parse_orders, sniff_orders, summarise_orders, Date, Locale, OrderLog, Summary, SummaryOptions,
};

#[path = "../tests/sim/mod.rs"]
mod sim;

use sim::Rng;

struct Order {
    day: i32,
    customer: u32,
    cents: i64,
}

/// `n` orders: customers arrive uniformly over 18 months and buy again after exponential
/// gaps until they stop (geometrically, 1.5 repeats on average) or the 18 months end.
fn generate_orders(n: usize, seed: u64) -> Vec<Order> {
    let mut rng = Rng(seed);
    let first = Date::from_ymd(2023, 1, 1).unwrap().days();
    let span: i32 = 548; // 18 months
    let mut orders = Vec::with_capacity(n);
    let mut customer = 0u32;
    while orders.len() < n {
        customer += 1;
        let mut day = first + rng.below(span as u64) as i32;
        loop {
            // Mostly 5–80, some larger baskets, a few big ones.
            let base = 500 + rng.below(7_500) as i64;
            let cents = match rng.below(100) {
                0 => -base / 2,
                1..=4 => base * 20,
                _ => base,
            };
            orders.push(Order {
                day,
                customer,
                cents,
            });
            if orders.len() == n || rng.uniform() < 0.4 {
                break;
            }
            day += 1 + (-60.0 * (1.0 - rng.uniform()).ln()) as i32;
            if day >= first + span {
                break;
            }
        }
    }
    // Exports list orders by date.
    orders.sort_by_key(|o| o.day);
    orders
}

fn amount(cents: i64, locale: Locale) -> String {
    let (sign, cents) = if cents < 0 {
        ("-", -cents)
    } else {
        ("", cents)
    };
    let (units, rest) = (cents / 100, cents % 100);
    let (group, decimal) = match locale {
        Locale::Nl => ('.', ','),
        Locale::En => (',', '.'),
    };
    let units = if units >= 1000 {
        format!("{}{group}{:03}", units / 1000, units % 1000)
    } else {
        units.to_string()
    };
    format!("{sign}{units}{decimal}{rest:02}")
}

fn export(orders: &[Order], locale: Locale) -> String {
    let mut text = String::with_capacity(orders.len() * 60);
    match locale {
        Locale::En => text.push_str("order_id,customer_email,created_at,total,status\n"),
        Locale::Nl => text.push_str("ordernummer;klant;datum;bedrag;status\n"),
    }
    for (i, o) in orders.iter().enumerate() {
        let (y, m, d) = Date::from_days(o.day).ymd();
        let a = amount(o.cents, locale);
        let line = match locale {
            Locale::En => {
                let total = if a.contains(',') {
                    format!("\"{a}\"")
                } else {
                    a
                };
                let status = if o.cents < 0 { "refunded" } else { "paid" };
                let hour = i % 24;
                format!(
                    "{},c{}@example.com,{y:04}-{m:02}-{d:02} {hour:02}:{:02}:00,{total},{status}\n",
                    100_000 + i,
                    o.customer,
                    i % 60
                )
            }
            Locale::Nl => {
                let status = if o.cents < 0 { "retour" } else { "betaald" };
                format!(
                    "{};K-{:06};{d:02}-{m:02}-{y:04};{a};{status}\n",
                    100_000 + i,
                    o.customer
                )
            }
        };
        text.push_str(&line);
    }
    text
}

/// Heap bytes of a summary: its lists and their strings.
fn summary_bytes(s: &Summary) -> usize {
    use std::mem::size_of_val;
    s.periods
        .iter()
        .map(|p| size_of_val(p) + p.label.capacity())
        .sum::<usize>()
        + s.cohorts
            .iter()
            .map(|c| size_of_val(c) + c.active.capacity() * 8 + c.shares.capacity() * 8)
            .sum::<usize>()
        + s.inactive
            .iter()
            .map(|c| size_of_val(c) + c.id.capacity())
            .sum::<usize>()
}

/// Peak resident memory of this process, from Linux's /proc (None elsewhere).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn run(orders: &[Order], locale: Locale) {
    let text = export(orders, locale);
    let size = text.len();
    let t = Instant::now();
    let preview = sniff_orders(&text);
    let sniff = t.elapsed();
    let mapping = preview.mapping.expect("the generated export has a mapping");
    assert_eq!(mapping.locale, locale);
    let t = Instant::now();
    let mut reports = 0;
    let log: OrderLog = parse_orders(&text, &mapping, |_, _| {
        reports += 1;
        true
    })
    .expect("no cancel");
    let parse = t.elapsed();
    let t = Instant::now();
    let summary = summarise_orders(&log, &SummaryOptions::default());
    let summarise = t.elapsed();
    let total = sniff + parse + summarise;
    let stats = log.stats();
    assert_eq!(stats.read.bad_row_count, 0);
    assert_eq!(stats.read.rows, orders.len());
    let secs = total.as_secs_f64();
    println!(
        "{:>9} rows {:?} ({:.1} MB, {} customers, {} refunds, {} periods, {} inactive)",
        orders.len(),
        locale,
        mb(size),
        stats.customers,
        stats.refunds,
        summary.periods.len(),
        summary.inactive.len(),
    );
    println!(
        "    sniff {:>7.1} ms   parse {:>7.1} ms   summarise {:>7.1} ms   total {:>7.1} ms",
        sniff.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        summarise.as_secs_f64() * 1e3,
        secs * 1e3
    );
    println!(
        "    {:.2} M rows/s, {:.0} MB/s overall; parse alone {:.0} MB/s; {} progress reports",
        orders.len() as f64 / secs / 1e6,
        mb(size) / secs,
        mb(size) / parse.as_secs_f64(),
        reports
    );
    // During the import the rows wait in a 16-byte-per-row list before grouping, and the
    // id table has 8-byte slots, a power of two at least twice the customers.
    let rows_buffer = orders.len() * 16;
    let id_table = (2 * stats.customers).next_power_of_two() * 8;
    println!(
        "    memory: text {:.1} MB; log {:.1} MB; summary {:.1} MB; import peak ≈ log + {:.1} MB rows + {:.1} MB id table",
        mb(size),
        mb(log.heap_bytes()),
        mb(summary_bytes(&summary)),
        mb(rows_buffer),
        mb(id_table),
    );
}

fn main() {
    println!(
        "import_bench: sniff + parse + summarise ({} build)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    for n in [70_000, 1_000_000] {
        let orders = generate_orders(n, 42);
        for locale in [Locale::En, Locale::Nl] {
            run(&orders, locale);
        }
    }
    if let Some(peak) = peak_rss_mb() {
        println!(
            "peak resident memory of the whole run (texts and generator included): {peak:.0} MB"
        );
    }
}
