//! Fits BG/NBD and Gamma-Gamma to the CDNOW sample (Fader, Hardie & Lee 2005) and prints the
//! estimates next to the published ones, then times summarising and fitting on simulated
//! transactions.
//!
//! cargo run -p retention-core --release --example cdnow [PATH]
//!
//! PATH defaults to ../shared/data/CDNOW_sample.txt next to the repository: whitespace
//! separated, no header, columns customer id, sample id, yyyymmdd, CDs, dollars.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use retention_core::{BgNbd, CustomerSummary, GammaGamma};

#[path = "../tests/sim/mod.rs"]
mod sim;

use sim::Rng;

/// Published estimates for this sample: BG/NBD (Fader, Hardie & Lee 2005, Marketing Science,
/// with log-likelihood −9582.4) and Gamma-Gamma on its 946 repeat buyers (Fader, Hardie & Lee
/// 2005, JMR, and Fader & Hardie's note on the model).
const PUBLISHED: BgNbd = BgNbd {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};
const PUBLISHED_LOG_LIKELIHOOD: f64 = -9582.4;
const PUBLISHED_SPEND: GammaGamma = GammaGamma {
    p: 6.25,
    q: 3.74,
    gamma: 15.44,
};

/// One purchase: who, which day (days since 1970-01-01), how much.
#[derive(Debug, Clone, Copy)]
struct Purchase {
    customer: u32,
    day: i64,
    amount: f64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parse_day(yyyymmdd: &str) -> Option<i64> {
    let n: i64 = yyyymmdd.parse().ok()?;
    Some(days_from_civil(n / 10_000, n / 100 % 100, n % 100))
}

fn read_cdnow(text: &str) -> Result<Vec<Purchase>, String> {
    let mut ids = HashMap::new();
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let bad = || {
                format!(
                    "line {}: expected id, sample id, yyyymmdd, CDs, dollars",
                    i + 1
                )
            };
            let [id, _, date, _, dollars] = fields[..] else {
                return Err(bad());
            };
            let next = ids.len() as u32;
            Ok(Purchase {
                customer: *ids.entry(id.to_owned()).or_insert(next),
                day: parse_day(date).ok_or_else(bad)?,
                amount: dollars.parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

/// One summary per customer whose first purchase falls in days `start..=end`, from the
/// purchases up to `end`, with time in weeks: purchases on one day are one transaction (their
/// amounts added), frequency counts the transactions after the first, and age runs from the
/// first to `end`.
fn summarise(purchases: &mut [Purchase], start: i64, end: i64) -> Vec<CustomerSummary> {
    purchases.sort_unstable_by_key(|p| (p.customer, p.day));
    let week = |days: i64| days as f64 / 7.0;
    let mut summaries = Vec::new();
    for one in purchases.chunk_by(|p, q| p.customer == q.customer) {
        let first = one[0].day;
        if first < start || first > end {
            continue;
        }
        let repeats = one.iter().filter(|p| p.day > first && p.day <= end);
        let (mut frequency, mut last, mut spend) = (0, first, 0.0);
        for p in repeats {
            frequency += u32::from(p.day != last);
            last = p.day;
            spend += p.amount;
        }
        summaries.push(CustomerSummary {
            frequency,
            recency: week(last - first),
            age: week(end - first),
            mean_spend: if frequency > 0 {
                spend / f64::from(frequency)
            } else {
                0.0
            },
        });
    }
    summaries
}

fn main() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/CDNOW_sample.txt"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_owned());
    match std::fs::read_to_string(&path) {
        Ok(text) => cdnow(&text),
        Err(e) => println!("no CDNOW data at {path} ({e}): skipping the real-data fit\n"),
    }
    for transactions in [70_000, 1_000_000] {
        simulated(transactions);
    }
}

fn cdnow(text: &str) {
    let mut purchases = match read_cdnow(text) {
        Ok(p) => p,
        Err(e) => return println!("CDNOW data unreadable: {e}\n"),
    };
    let start = days_from_civil(1997, 1, 1);
    let end = days_from_civil(1997, 9, 30); // 39 weeks, inclusive
    let summaries = summarise(&mut purchases, start, end);
    let repeat = summaries.iter().filter(|c| c.frequency > 0).count();
    println!(
        "CDNOW sample: {} purchases, {} customers, {repeat} repeat buyers in 39 weeks",
        purchases.len(),
        summaries.len()
    );

    let clock = Instant::now();
    let fit = BgNbd::fit(&summaries);
    let bg_time = clock.elapsed();
    let clock = Instant::now();
    let spend = GammaGamma::fit(&summaries);
    let gg_time = clock.elapsed();
    let (fit, spend) = match (fit, spend) {
        (Ok(f), Ok(s)) => (f, s),
        (f, s) => return println!("fit failed: {f:?} {s:?}"),
    };
    fitted(
        "BG/NBD",
        bg_time,
        &[
            ("r", fit.r, PUBLISHED.r),
            ("alpha", fit.alpha, PUBLISHED.alpha),
            ("a", fit.a, PUBLISHED.a),
            ("b", fit.b, PUBLISHED.b),
            (
                "log-lik",
                fit.log_likelihood(&summaries),
                PUBLISHED_LOG_LIKELIHOOD,
            ),
        ],
    );
    fitted(
        "Gamma-Gamma",
        gg_time,
        &[
            ("p", spend.p, PUBLISHED_SPEND.p),
            ("q", spend.q, PUBLISHED_SPEND.q),
            ("gamma", spend.gamma, PUBLISHED_SPEND.gamma),
        ],
    );

    // The paper's check: repeat transactions in weeks 40–78 against the conditional
    // expectations from weeks 1–39.
    let holdout_end = end + 39 * 7;
    let mut later: Vec<Purchase> = purchases.clone();
    let whole = summarise(&mut later, start, holdout_end);
    let actual: u32 = whole
        .iter()
        .zip(&summaries)
        .map(|(w, c)| w.frequency - c.frequency)
        .sum();
    let predicted: f64 = summaries
        .iter()
        .map(|c| fit.expected_purchases(c, 39.0))
        .sum();
    println!(
        "weeks 40-78: {predicted:.0} repeat transactions expected, {actual} made\n\
         paper's customer (x = 2, t_x = 30.43, T = 38.86): {:.3} expected (published 1.226)\n",
        fit.expected_purchases(
            &CustomerSummary {
                frequency: 2,
                recency: 30.43,
                age: 38.86,
                mean_spend: 0.0,
            },
            39.0
        )
    );
}

/// CDNOW-like purchases from the published parameters: customers arrive over the first 12
/// weeks and buy (dated to the day) until day 273 as BG/NBD and Gamma-Gamma say, until there
/// are `count` purchases.
fn simulate(count: usize) -> Vec<Purchase> {
    let mut rng = Rng(2005);
    let mut purchases = Vec::with_capacity(count + 1000);
    for customer in 0.. {
        if purchases.len() >= count {
            break;
        }
        let first = (rng.uniform() * 84.0) as i64;
        let age = (273 - first) as f64 / 7.0;
        let history = sim::simulate(&mut rng, &PUBLISHED, &PUBLISHED_SPEND, age);
        let day = |weeks: f64| first + (weeks * 7.0) as i64;
        purchases.push(Purchase {
            customer,
            day: first,
            amount: 0.0,
        });
        purchases.extend(
            history
                .repeats
                .iter()
                .zip(&history.spends)
                .map(|(t, amount)| Purchase {
                    customer,
                    day: day(*t),
                    amount: *amount,
                }),
        );
    }
    purchases.truncate(count);
    purchases
}

fn simulated(count: usize) {
    let mut purchases = simulate(count);
    let clock = Instant::now();
    let summaries = summarise(&mut purchases, 0, 272);
    let summary_time = clock.elapsed();
    let clock = Instant::now();
    let fit = BgNbd::fit(&summaries).expect("simulated data fit");
    let bg_time = clock.elapsed();
    let clock = Instant::now();
    let spend = GammaGamma::fit(&summaries).expect("simulated data fit");
    let gg_time = clock.elapsed();
    let total = summary_time + bg_time + gg_time;
    println!(
        "simulated {count} purchases, {} customers: summarise {}, BG/NBD {}, Gamma-Gamma {}; \
         total {} = {:.1} million purchases/s",
        summaries.len(),
        ms(summary_time),
        ms(bg_time),
        ms(gg_time),
        ms(total),
        count as f64 / total.as_secs_f64() / 1e6
    );
    println!(
        "  estimates r {:.3} alpha {:.3} a {:.3} b {:.3}; p {:.2} q {:.2} gamma {:.2}",
        fit.r, fit.alpha, fit.a, fit.b, spend.p, spend.q, spend.gamma
    );
}

/// A model's fitted parameters next to the published ones.
fn fitted(model: &str, time: Duration, rows: &[(&str, f64, f64)]) {
    println!("{model:<14}fitted    published   (fit in {})", ms(time));
    for (name, ours, theirs) in rows {
        println!("  {name:<9} {ours:>10.4} {theirs:>10.4}");
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
