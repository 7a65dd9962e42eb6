//! Times each step of an order import natively: read, summary, RFM scores, customer
//! summaries, both fits, the predictions, and the whole forecast. Prints the median of the
//! runs (the machine may be shared: compare builds alternately).
//!
//! `cargo run -p retention-core --profile fast --example import_steps -- FILE [RUNS [STEP]]`
//!
//! With STEP (one of the names printed) only that step runs, for a profiler.

use std::time::Instant;

use retention_core::{
    customer_summaries, forecast_orders, predict, rfm_scores, sniff_bytes, summarise_orders, BgNbd,
    CustomerSummary, Date, ForecastOptions, GammaGamma, OrderReader, Seed, SummaryOptions,
};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let runs: usize = args.next().map_or(20, |n| n.parse().expect("runs"));
    let only = args.next();
    let bytes = std::fs::read(&path).expect("a readable file");
    let mapping = sniff_bytes(&bytes, false).unwrap().mapping.unwrap();
    let names = [
        "read",
        "summary",
        "rfm",
        "cust-sums",
        "bg/nbd",
        "gamma-gamma",
        "predict",
        "forecast",
    ];
    let mut times = vec![Vec::new(); names.len()];
    for _ in 0..runs {
        let mut step = |i: usize, f: &mut dyn FnMut()| {
            if only.as_ref().is_some_and(|only| only != names[i]) {
                return;
            }
            let t = Instant::now();
            f();
            times[i].push(t.elapsed().as_secs_f64() * 1e3);
        };
        let read = || {
            let mut reader = OrderReader::new(&mapping, Seed::random()).unwrap();
            for chunk in bytes.chunks(256 << 10) {
                reader.feed(chunk).unwrap();
            }
            reader.finish().unwrap()
        };
        let log = read();
        step(0, &mut || drop(std::hint::black_box(read())));
        let options = SummaryOptions::default();
        step(1, &mut || {
            drop(std::hint::black_box(summarise_orders(&log, &options)))
        });
        step(2, &mut || {
            drop(std::hint::black_box(rfm_scores(&log, None)))
        });
        let end = Date::from_days(log.span().unwrap().1);
        step(3, &mut || {
            drop(std::hint::black_box(customer_summaries(&log, end)))
        });
        let plain: Vec<CustomerSummary> = customer_summaries(&log, end)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        step(4, &mut || _ = std::hint::black_box(BgNbd::fit(&plain)));
        let spenders: Vec<CustomerSummary> = plain
            .iter()
            .copied()
            .filter(|s| s.mean_spend > 0.0)
            .collect();
        step(5, &mut || {
            _ = std::hint::black_box(GammaGamma::fit(&spenders))
        });
        let (bg, gg) = (
            BgNbd::fit(&plain).unwrap(),
            GammaGamma::fit(&spenders).unwrap(),
        );
        step(6, &mut || {
            drop(std::hint::black_box(predict(&bg, &gg, &plain, 52.0, None)))
        });
        let options = ForecastOptions::default();
        step(7, &mut || {
            drop(std::hint::black_box(forecast_orders(&log, None, options)))
        });
    }
    let line: Vec<String> = names
        .iter()
        .zip(times)
        .filter(|(_, t)| !t.is_empty())
        .map(|(name, t)| format!("{name} {:.2}", median(t)))
        .collect();
    println!("ms, median of {runs}: {}", line.join(", "));
}
