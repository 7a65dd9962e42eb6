//! From an import to what to do next: the year the calculator is filled with, where the
//! periods' trend may start, the purchase cycle and the customers to win back. Every expected
//! number is counted by hand in the comments.

mod common;

use common::{date, log_of, plain_mapping};
use retention_core::worker::{Request, Response, Session};
use retention_core::{
    full_window_periods, parse_orders, purchase_cycle, retention, summarise_orders, win_back,
    win_back_cutoff, year_fill, Date, ForecastOptions, Period, Seed, SummaryOptions,
};

/// Two years of a small shop; the year 2024 is complete on its last day.
const SHOP: &[(&str, &str, f64)] = &[
    ("a", "2023-03-10", 50.0),
    ("a", "2024-02-01", 70.0),
    ("b", "2023-01-01", 30.0),
    ("c", "2022-06-01", 10.0),
    ("d", "2024-05-05", 20.0),
    ("d", "2024-06-06", 40.0),
    ("e", "2022-11-11", 15.0),
    ("e", "2024-12-31", 25.0),
];

#[test]
fn the_fill_is_the_last_twelve_complete_months_as_a_year() {
    let log = log_of(SHOP);
    let fill = year_fill(&log, &SummaryOptions::default()).expect("a year");
    // The last purchase is on 31 December: December is complete, the year is 2024.
    assert_eq!(
        (fill.first_day, fill.last_day),
        (date("2024-01-01"), date("2024-12-31"))
    );
    // Active on 31 Dec 2023 (bought from 1 Jan 2023): a, b. On 31 Dec 2024 (from 1 Jan
    // 2024): a, d, e. New: d (first-time) and e (back after 2022). c is gone before.
    let i = fill.inputs;
    assert_eq!((i.start, i.end, i.new), (Some(2.0), Some(3.0), Some(2.0)));
    // Purchases in 2024: a 70, d 20 + 40, e 25: 155 / 4 = 38.75, typed as 39; 4 purchases
    // by 3 buyers: 1.33, typed as 1.3.
    assert_eq!((i.spend, i.frequency), (Some(39.0), Some(1.3)));
    assert_eq!(i.period, Period::Year);
    let r = retention(i.start, i.end, i.new, i.period).unwrap();
    assert_eq!(r.retention_rate, 50.0, "(3 − 2) / 2");
    // The window ending 31 Dec 2023 starts 1 Jan 2023, after June 2022: full.
    assert!(fill.window_full);

    // Taken on 15 January 2025, January is running: the same year.
    let later = SummaryOptions {
        reference: Some(date("2025-01-15")),
        ..SummaryOptions::default()
    };
    assert_eq!(year_fill(&log, &later).unwrap().inputs, i);
    // Taken on 30 December 2024, the year is December 2023 – November 2024: active on
    // 30 Nov 2023 (from 1 Dec 2022): a, b; on 30 Nov 2024: a, d. New: d.
    let earlier = SummaryOptions {
        reference: Some(date("2024-12-30")),
        ..SummaryOptions::default()
    };
    let fill = year_fill(&log, &earlier).unwrap();
    assert_eq!(fill.first_day, date("2023-12-01"));
    let i = fill.inputs;
    assert_eq!((i.start, i.end, i.new), (Some(2.0), Some(2.0), Some(1.0)));
    // a 70, d 20 + 40: 130 / 3 = 43.3 → 43; 3 purchases by 2 buyers: 1.5.
    assert_eq!((i.spend, i.frequency), (Some(43.0), Some(1.5)));
    // With a 6-month window nobody is active on 31 Dec 2023 (a bought in March): no S, no
    // year to fill with.
    let short = SummaryOptions {
        window_months: 6,
        ..SummaryOptions::default()
    };
    assert_eq!(year_fill(&log, &short), None);
    // The summary carries it.
    let summary = summarise_orders(&log, &SummaryOptions::default());
    assert_eq!(
        summary.year,
        year_fill(&log, &SummaryOptions::default()),
        "one rule"
    );
}

#[test]
fn the_trend_starts_once_the_window_is_full() {
    let log = log_of(&[
        ("a", "2023-02-10", 10.0),
        ("b", "2023-08-01", 10.0),
        ("a", "2024-09-30", 10.0),
    ]);
    let quarters = SummaryOptions {
        period: Period::Quarter,
        ..SummaryOptions::default()
    };
    let summary = summarise_orders(&log, &quarters);
    assert_eq!(summary.periods.len(), 7, "2023-Q1 … 2024-Q3");
    // The data start 1 February 2023; the window ending the day before a quarter must start
    // on or after it: quarters starting on or after 1 February 2024, the first 2024-Q2.
    let full: Vec<_> = full_window_periods(&summary)
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(full, ["2024-Q2", "2024-Q3"]);
    // Before, everyone who ever bought still looks active: 100 % in 2023-Q2 … 2024-Q1.
    assert_eq!(summary.periods[1].retention.unwrap().retention_rate, 100.0);
    // A 3-month window is full from the quarter starting 1 May 2023 on: 2023-Q3.
    let short = summarise_orders(
        &log,
        &SummaryOptions {
            window_months: 3,
            ..quarters
        },
    );
    assert_eq!(full_window_periods(&short)[0].label, "2023-Q3");
}

#[test]
fn the_purchase_cycle_is_the_median_gap_between_purchase_days() {
    let log = log_of(&[
        // Two orders on one day are one purchase day: gaps 10 and 20.
        ("a", "2024-01-01", 1.0),
        ("a", "2024-01-01", 1.0),
        ("a", "2024-01-11", 1.0),
        ("a", "2024-01-31", 1.0),
        // Gaps 30 and 41.
        ("b", "2024-01-01", 1.0),
        ("b", "2024-01-31", 1.0),
        ("b", "2024-03-12", 1.0),
        // One purchase: no gap.
        ("c", "2024-02-01", 1.0),
    ]);
    // 10, 20, 30, 41: the median (20 + 30) / 2 = 25.
    assert_eq!(purchase_cycle(&log, None), Some(25));
    assert_eq!(win_back_cutoff(Some(25)), 50);
    // Up to 1 February only a's gaps 10 and 20 and b's 30 count: 20.
    assert_eq!(purchase_cycle(&log, Some(date("2024-02-01"))), Some(20));
    assert_eq!(
        purchase_cycle(&log_of(&[("a", "2024-01-01", 1.0)]), None),
        None
    );
}

/// Customer k (0–9) buys €10 every 30 days from 1 January 2024, k + 1 times; z buys every 30
/// days all year, up to day 330 (26 November 2024).
fn cycling_shop() -> String {
    let start = date("2024-01-01").days();
    let mut rows = Vec::new();
    for k in 0..10 {
        for j in 0..=k {
            rows.push((format!("k{k}"), Date::from_days(start + 30 * j), 10.0));
        }
    }
    for j in 0..=11 {
        rows.push(("z".to_string(), Date::from_days(start + 30 * j), 10.0));
    }
    let mut text = String::from("customer,date,amount\n");
    for (c, d, a) in rows {
        text.push_str(&format!("{c},{d},{a}\n"));
    }
    text
}

#[test]
fn the_win_back_list_weighs_spend_by_the_chance_to_still_be_a_customer() {
    let text = cycling_shop();
    let log = parse_orders(&text, &plain_mapping(), |_, _| true).unwrap();
    // Every gap is 30 days: the cut-off is 60. k's last purchase is on day 30k, the reference
    // day 330: 330 − 30k ≥ 60 for every k up to 9; z bought on the reference day.
    let everyone = win_back(&log, None, None, &|_| None, 100);
    assert_eq!((everyone.cycle_days, everyone.cutoff_days), (Some(30), 60));
    assert_eq!(everyone.count, 10);
    // Without a forecast, what is at stake is the spend: 10 (k + 1), k9 first.
    assert_eq!(everyone.customers[0].id, "k9");
    assert_eq!(everyone.customers[0].days_inactive, 60);
    assert_eq!(everyone.at_stake, 10.0 * 55.0);
    // With P(alive) = (10 − k) / 10 for k (index k): (k + 1)(10 − k), highest for k4 and k5
    // (30 each, in the log's order), 220 in all (Σ m (11 − m) for m = 1..10).
    let p = |i: u32| (i < 10).then(|| f64::from(10 - i) / 10.0);
    let weighed = win_back(&log, None, None, &p, 3);
    assert_eq!(weighed.count, 10);
    assert!(
        (weighed.at_stake - 220.0).abs() < 1e-9,
        "{}",
        weighed.at_stake
    );
    let ids: Vec<_> = weighed.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["k4", "k5", "k3"]);
    assert!((weighed.customers[0].at_stake - 30.0).abs() < 1e-9);
    assert_eq!(weighed.customers[0].p_alive, Some(0.6));
    // A cut-off of 200 days: 330 − 30k ≥ 200 for k ≤ 4.
    assert_eq!(win_back(&log, None, Some(200), &|_| None, 100).count, 5);
}

#[test]
fn the_worker_answers_an_import_and_a_recount_with_the_win_back_list() {
    let text = cycling_shop();
    let mut session = Session::new(Seed(7, 8));
    let mut said = Vec::new();
    let import = Request::Import {
        mapping: plain_mapping(),
        summary: SummaryOptions::default(),
        forecast: ForecastOptions::default(),
    };
    session.handle_bytes(
        import,
        Some(text.as_bytes()),
        &mut |r| said.push(r),
        &|| 0.0,
    );
    let lists: Vec<_> = said
        .iter()
        .filter_map(|r| match r {
            Response::WinBack(w) => Some(w),
            _ => None,
        })
        .collect();
    assert_eq!(lists.len(), 1);
    // The cut-off from the purchase cycle, not the summary's 30 days.
    assert_eq!((lists[0].cutoff_days, lists[0].count), (60, 10));
    said.clear();
    let recount = Request::Summarise(SummaryOptions {
        inactive_days: 200,
        ..SummaryOptions::default()
    });
    session.handle_bytes(recount, None, &mut |r| said.push(r), &|| 0.0);
    assert!(matches!(said[0], Response::Summary(_)));
    let Response::WinBack(w) = &said[1] else {
        panic!("{said:?}")
    };
    assert_eq!((w.cutoff_days, w.count), (200, 5));
}
