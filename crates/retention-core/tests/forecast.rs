//! Predictive CLV on an imported order log.

use retention_core::{
    customer_summaries, parse_orders, sniff_orders, Date, FitError, ForecastOptions, Forecaster,
    Locale, OrderLog,
};

/// A log of `customers` customers over a year: customer k buys every (k % 7 + 1) × 3 weeks,
/// for a while that depends on k, spending 20 + k % 13.
fn log(customers: u32) -> OrderLog {
    let mut text = String::from("customer;date;amount\n");
    for k in 0..customers {
        let every = (k % 7 + 1) * 21;
        let lasts = 30 + (k * 37) % 330;
        let start = Date::from_ymd(2024, 1, 1).unwrap().days() + (k % 60) as i32;
        let mut day = start;
        while day <= start + lasts as i32 {
            let (y, m, d) = Date::from_days(day).ymd();
            text.push_str(&format!("c{k};{d:02}-{m:02}-{y};{},50\n", 20 + k % 13));
            day += every as i32;
        }
    }
    let mapping = sniff_orders(&text).mapping.expect("a mapping");
    parse_orders(&text, &mapping, |_, _| true).unwrap()
}

#[test]
fn every_customer_is_summarised_up_to_the_calibration_end() {
    let log = log(200);
    let end = Date::from_ymd(2024, 9, 30).unwrap();
    let summaries = customer_summaries(&log, end);
    assert_eq!(summaries.len(), 200, "everyone bought before the end");
    for (_, s) in &summaries {
        assert!(s.recency <= s.age && s.age >= 0.0, "{s:?}");
        assert_eq!(s.frequency == 0, s.mean_spend == 0.0, "{s:?}");
    }
    // Nobody has bought yet at the start of the first customer's first day minus one.
    assert!(customer_summaries(&log, Date::from_ymd(2023, 12, 31).unwrap()).is_empty());
}

#[test]
fn the_forecast_lists_the_most_valuable_customers_first() {
    let log = log(300);
    let end = Date::from_ymd(2024, 9, 30).unwrap();
    let options = ForecastOptions {
        top: 10,
        ..ForecastOptions::default()
    };
    let forecaster = Forecaster::fit(&log, end, options).expect("fits");
    let f = forecaster.forecast();
    assert_eq!((f.customers, f.top.len()), (300, 10));
    assert!(f
        .top
        .windows(2)
        .all(|w| w[0].prediction.clv >= w[1].prediction.clv));
    assert!(f.expected_value > 0.0 && f.expected_purchases > 0.0);
    assert!((0.0..=1.0).contains(&f.mean_p_alive));
    for c in &f.top {
        assert!((0.0..=1.0).contains(&c.prediction.p_alive), "{c:?}");
    }
    // With a margin the forecast is profit: 40 % of the revenue one.
    let profit = Forecaster::fit(
        &log,
        end,
        ForecastOptions {
            margin: Some(40.0),
            ..options
        },
    )
    .unwrap();
    assert!(
        (profit.forecast().expected_value - 0.4 * f.expected_value).abs() < 1e-6 * f.expected_value
    );
}

#[test]
fn the_csv_has_a_row_per_customer_in_the_page_habits() {
    let log = log(120);
    let forecaster = Forecaster::fit(
        &log,
        Date::from_ymd(2024, 9, 30).unwrap(),
        ForecastOptions::default(),
    )
    .unwrap();
    let nl = forecaster.csv(&log, Locale::Nl);
    let lines: Vec<&str> = nl.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 121);
    assert_eq!(
        lines[0],
        "customer;repeat_purchases;weeks_since_last;historical_clv;p_alive;expected_purchases;expected_spend;clv"
    );
    assert!(
        lines[1].starts_with("c0;") && lines[1].split(';').count() == 8,
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(','), "decimal commas: {}", lines[1]);
    let en = forecaster.csv(&log, Locale::En);
    assert!(en.lines().nth(1).unwrap().split(',').count() == 8);
}

#[test]
fn too_little_history_is_an_error_not_a_panic() {
    let log = log(5);
    let result = Forecaster::fit(
        &log,
        Date::from_ymd(2024, 9, 30).unwrap(),
        ForecastOptions::default(),
    );
    assert!(
        matches!(result, Err(FitError::TooFewCustomers { .. })),
        "{result:?}"
    );
}

#[test]
fn zero_amounts_do_not_stop_the_forecast() {
    // Customer 0 buys again for nothing: a repeat buyer with a mean spend of zero.
    let mut text = String::from("customer,date,amount\nz,2024-01-01,10\nz,2024-02-01,0\n");
    let base = log(200);
    for c in base.customers() {
        for p in c.purchases {
            text.push_str(&format!(
                "{},{},{}\n",
                c.id,
                Date::from_days(p.day),
                p.amount
            ));
        }
    }
    let mapping = sniff_orders(&text).mapping.unwrap();
    let log = parse_orders(&text, &mapping, |_, _| true).unwrap();
    let forecaster = Forecaster::fit(
        &log,
        Date::from_ymd(2024, 9, 30).unwrap(),
        ForecastOptions::default(),
    )
    .expect("fits despite a free repeat order");
    assert_eq!(forecaster.forecast().customers, 201);
}
