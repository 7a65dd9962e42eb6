//! A history of decades or centuries (often one mistyped date) is counted in longer periods
//! and the latest cohorts, so the page never draws thousands of rows, and the summary says so.

use retention_core::{
    parse_orders, sniff_orders, summarise_orders, Period, SummaryOptions, MAX_COHORTS, MAX_PERIODS,
};

fn summary(text: &str, period: Period) -> retention_core::Summary {
    let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
    summarise_orders(
        &log,
        &SummaryOptions {
            period,
            ..SummaryOptions::default()
        },
    )
}

/// One purchase a month from `from` (year, month) for `months` months, each by a new
/// customer, plus `extra` lines.
fn monthly(from: (i32, u32), months: u32, extra: &str) -> String {
    let mut text = String::from("customer,date,amount\n");
    for k in 0..months {
        let month0 = from.1 - 1 + k;
        let (y, m) = (from.0 + (month0 / 12) as i32, month0 % 12 + 1);
        text.push_str(&format!("c{k},{y}-{m:02}-15,10\n"));
    }
    text.push_str(extra);
    text
}

#[test]
fn two_hundred_years_are_counted_in_years() {
    // The case: dates from 1900 to 2100, 2,412 months.
    let text = "customer,date,amount\nold,1900-01-05,10\nnew,2100-12-20,20\nnew,2100-12-21,5\n";
    let s = summary(text, Period::Month);
    assert_eq!((s.options.period, s.period), (Period::Month, Period::Year));
    // 1900 to 2100 inclusive: 201 years, counted by hand.
    assert_eq!(s.periods.len(), 201);
    assert_eq!(s.periods[0].label, "1900");
    assert_eq!(s.periods[200].label, "2100");
    assert_eq!(s.fill.period, Period::Year);
    // Cohorts: only 2100-12 is within the latest 120 months; 1900-01 is left out.
    assert_eq!(s.cohorts.len(), 1);
    assert_eq!(s.cohorts[0].label, "2100-12");
    assert_eq!(s.cohorts_left_out, 1);
    assert!(s.cohorts.iter().all(|c| c.shares.len() <= MAX_COHORTS));
}

#[test]
fn a_long_history_of_months_is_counted_in_quarters() {
    // Eleven years of months: 132 months > 120, 44 quarters ≤ 120.
    let s = summary(&monthly((2013, 1), 132, ""), Period::Month);
    assert_eq!(s.period, Period::Quarter);
    assert_eq!(s.periods.len(), 44);
    assert_eq!(s.periods[0].label, "2013-Q1");
    // Each month's customer is a cohort of their own: the latest 120 are kept.
    assert_eq!((s.cohorts.len(), s.cohorts_left_out), (MAX_COHORTS, 12));
    assert_eq!(s.cohorts[0].label, "2014-01");
}

#[test]
fn ten_years_of_months_stay_months() {
    let s = summary(&monthly((2014, 1), 120, ""), Period::Month);
    assert_eq!((s.period, s.periods.len()), (Period::Month, MAX_PERIODS));
    assert_eq!((s.cohorts.len(), s.cohorts_left_out), (120, 0));
    // Quarters asked stay quarters.
    let s = summary(&monthly((2014, 1), 120, ""), Period::Quarter);
    assert_eq!((s.period, s.periods.len()), (Period::Quarter, 40));
}
