//! The worked examples from the page and the blog post: known inputs, known answers.

use retention_core::{
    calculate, explain, format_count, format_decimal, format_money, format_percent, survival,
    what_if, Currency, Field, Figure, InputError, Inputs, LifespanSource, Locale, Period, Quantity,
    RatioVerdict, Report, Retention, Token, Value, Verdict,
};

/// Counts S, E and N over `period`, with no value inputs.
fn counts(start: f64, end: f64, new: f64, period: Period) -> Inputs {
    Inputs {
        start: Some(start),
        end: Some(end),
        new: Some(new),
        period,
        ..Inputs::default()
    }
}

/// Counts plus spend 75 and 3 purchases a year.
fn with_value(start: f64, end: f64, new: f64, period: Period) -> Inputs {
    Inputs {
        spend: Some(75.0),
        frequency: Some(3.0),
        ..counts(start, end, new, period)
    }
}

#[track_caller]
fn retention_of(inputs: &Inputs) -> Retention {
    let report = calculate(inputs);
    report
        .retention
        .unwrap_or_else(|| panic!("no retention for {inputs:?}: {:?}", report.errors))
}

#[track_caller]
fn value_of(inputs: &Inputs) -> Value {
    let report = calculate(inputs);
    report
        .value
        .unwrap_or_else(|| panic!("no value for {inputs:?}: {:?}", report.errors))
}

#[track_caller]
fn no_errors(report: &Report) {
    assert_eq!(report.errors, [], "{report:?}");
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{actual} is not {expected}"
    );
}

/// A number as the page shows it in English with two decimals.
fn two_decimals(value: f64) -> String {
    format_decimal(value, 2, 2, Locale::En)
}

/// A formula written out in Dutch, the way the page prints it next to a figure.
#[track_caller]
fn formula(report: &Report, figure: Figure) -> String {
    let explanations = explain(report);
    let explanation = explanations
        .iter()
        .find(|e| e.figure == figure)
        .unwrap_or_else(|| panic!("{figure:?} is not explained in {report:?}"));
    let mut out = String::new();
    for token in &explanation.formula {
        match *token {
            Token::Text(text) => out.push_str(text),
            Token::Power(n) => out.push_str(&format!("^{n}")),
            Token::Value(quantity) => out.push_str(&match quantity {
                Quantity::Count(n) => format_count(n, Locale::Nl),
                Quantity::Percent(p) => format_percent(p, 1, Locale::Nl),
                Quantity::Money(m) => format_money(m, Currency::Eur, Locale::Nl),
                Quantity::RoundMoney(m) => format!("€ {}", format_decimal(m, 0, 0, Locale::Nl)),
                Quantity::Number(n) => format_decimal(n, 0, 2, Locale::Nl),
                Quantity::Years(y) => format!("{} jaar", format_decimal(y, 0, 2, Locale::Nl)),
                Quantity::Periods(n, period) => {
                    format!(
                        "{} × {}",
                        format_decimal(n, 0, 2, Locale::Nl),
                        period.name()
                    )
                }
                Quantity::Ratio(x) => format!("{} : 1", format_decimal(x, 1, 1, Locale::Nl)),
            }),
        }
    }
    out
}

#[test]
fn a_year_with_1000_at_the_start_1050_at_the_end_and_200_new_keeps_85_percent() {
    let report = calculate(&with_value(1000.0, 1050.0, 200.0, Period::Year));
    no_errors(&report);
    let r = report.retention.unwrap();
    assert_eq!(r.retention_rate, 85.0);
    assert_eq!(r.churn_rate, 15.0);
    assert_eq!(r.retained, 850);
    assert_eq!(r.lost, 150);
    assert_eq!((r.start, r.end, r.new), (1000, 1050, 200));
    assert_eq!(
        format_percent(r.retention_rate, 1, Locale::Nl),
        "85,0\u{a0}%"
    );
    assert_eq!(format_percent(r.churn_rate, 1, Locale::En), "15.0%");
    assert_eq!(
        formula(&report, Figure::RetentionRate),
        "(1.050 − 200) / 1.000 × 100"
    );
    assert_eq!(formula(&report, Figure::Lost), "1.000 − (1.050 − 200)");
}

#[test]
fn a_year_that_grows_on_new_customers_keeps_only_half() {
    let r = retention_of(&counts(1000.0, 2000.0, 1500.0, Period::Year));
    assert_eq!(r.retention_rate, 50.0);
    assert_eq!(r.churn_rate, 50.0);
    assert_eq!((r.retained, r.lost), (500, 500));
    assert_eq!(r.verdict, Verdict::Below);
}

#[test]
fn a_year_is_its_own_annual_rate() {
    let r = retention_of(&counts(1000.0, 1050.0, 200.0, Period::Year));
    close(r.annual_retention_rate, 85.0);
    close(r.annual_churn_rate, 15.0);
    let report = calculate(&counts(1000.0, 1050.0, 200.0, Period::Year));
    let figures: Vec<Figure> = explain(&report).iter().map(|e| e.figure).collect();
    assert!(
        !figures.contains(&Figure::AnnualChurn) && !figures.contains(&Figure::AnnualRetention),
        "a year needs no annualising: {figures:?}"
    );
}

#[test]
fn clv_is_spend_times_purchases_times_an_entered_lifespan() {
    let inputs = Inputs {
        lifespan: Some(2.5),
        margin: Some(60.0),
        ..with_value(1000.0, 1050.0, 200.0, Period::Year)
    };
    let v = value_of(&inputs);
    assert_eq!(v.annual_revenue, 225.0);
    assert_eq!(v.clv, 562.5);
    assert_eq!(v.profit_clv, Some(337.5));
    assert_eq!(v.lifespan_source, LifespanSource::Entered);
    assert_eq!(
        format_money(v.clv, Currency::Eur, Locale::Nl),
        "€\u{a0}562,50"
    );
    assert_eq!(
        format_money(v.profit_clv.unwrap(), Currency::Usd, Locale::En),
        "$337.50"
    );
}

#[test]
fn without_a_margin_there_is_no_profit_clv() {
    let inputs = Inputs {
        lifespan: Some(2.5),
        ..with_value(1000.0, 1050.0, 200.0, Period::Year)
    };
    let report = calculate(&inputs);
    no_errors(&report);
    let v = report.value.unwrap();
    assert_eq!((v.clv, v.margin, v.profit_clv), (562.5, None, None));
    let figures: Vec<Figure> = explain(&report).iter().map(|e| e.figure).collect();
    assert!(figures.contains(&Figure::Clv) && !figures.contains(&Figure::ProfitClv));
}

#[test]
fn five_percent_a_month_loses_almost_half_a_year() {
    let r = retention_of(&counts(1000.0, 950.0, 0.0, Period::Month));
    assert_eq!(r.churn_rate, 5.0);
    assert_eq!(two_decimals(r.annual_churn_rate), "45.96");
    assert_eq!(two_decimals(r.annual_retention_rate), "54.04");
    // 1 − 0.95^12, not 12 × 5 % = 60 %.
    close(r.annual_churn_rate, 45.963_991_233_736_33);
    close(r.annual_retention_rate, 54.036_008_766_263_67);
    assert_eq!(
        format_percent(r.annual_churn_rate, 2, Locale::Nl),
        "45,96\u{a0}%"
    );
}

#[test]
fn a_quarter_compounds_four_times() {
    let inputs = with_value(1000.0, 900.0, 0.0, Period::Quarter);
    let report = calculate(&inputs);
    no_errors(&report);
    let r = report.retention.unwrap();
    assert_eq!(r.churn_rate, 10.0);
    close(r.annual_retention_rate, 65.61); // 0.9^4
    close(r.annual_churn_rate, 34.39);
    assert_eq!(formula(&report, Figure::AnnualRetention), "(90,0\u{a0}%)^4");
    assert_eq!(
        formula(&report, Figure::AnnualChurn),
        "1 − (1 − 10,0\u{a0}%)^4"
    );
    // Ten quarters is two and a half years: the same CLV as the entered 2.5 years.
    let lifespan = r.lifespan.unwrap();
    close(lifespan.periods, 10.0);
    close(lifespan.years, 2.5);
    assert_eq!(two_decimals(report.value.unwrap().clv), "562.50");
}

#[test]
fn retention_and_churn_always_make_a_hundred() {
    for (s, e, n) in [
        (1000.0, 1050.0, 200.0),
        (1000.0, 2000.0, 1500.0),
        (3.0, 2.0, 0.0),
        (7.0, 10.0, 5.0),
        (1000.0, 1000.0, 0.0),
        (1000.0, 0.0, 0.0),
        (9_999_999_999.0, 1.0, 0.0),
    ] {
        for period in Period::ALL {
            let r = retention_of(&counts(s, e, n, period));
            close(r.retention_rate + r.churn_rate, 100.0);
            close(r.annual_retention_rate + r.annual_churn_rate, 100.0);
        }
    }
}

#[test]
fn lifespan_is_one_over_churn() {
    // 15 % a year: 1 / 0.15 = 6.67 years.
    let r = retention_of(&counts(1000.0, 1050.0, 200.0, Period::Year));
    let l = r.lifespan.unwrap();
    assert_eq!(two_decimals(l.years), "6.67");
    close(l.years, 20.0 / 3.0);
    close(l.periods, l.years);

    // 5 % a month: 20 months, 1.67 years.
    let r = retention_of(&counts(1000.0, 950.0, 0.0, Period::Month));
    let l = r.lifespan.unwrap();
    close(l.periods, 20.0);
    assert_eq!(two_decimals(l.years), "1.67");
    let report = calculate(&counts(1000.0, 950.0, 0.0, Period::Month));
    assert_eq!(
        formula(&report, Figure::Lifespan),
        "1 / 5,0\u{a0}% = 20 × month / 12"
    );
}

#[test]
fn clv_uses_the_lifespan_from_churn_when_none_is_entered() {
    let inputs = Inputs {
        margin: Some(60.0),
        discount_rate: Some(10.0),
        cac: Some(300.0),
        ..with_value(1000.0, 1050.0, 200.0, Period::Year)
    };
    assert_eq!(inputs, Inputs::example());
    let report = calculate(&inputs);
    no_errors(&report);
    let v = report.value.unwrap();
    assert_eq!(v.lifespan_source, LifespanSource::Churn);
    close(v.lifespan_years, 20.0 / 3.0);
    assert_eq!(
        format_money(v.clv, Currency::Eur, Locale::Nl),
        "€\u{a0}1.500,00"
    );
    assert_eq!(
        format_money(v.profit_clv.unwrap(), Currency::Eur, Locale::Nl),
        "€\u{a0}900,00"
    );
    assert_eq!(
        formula(&report, Figure::Clv),
        "€\u{a0}75,00 × 3 × 6,67 jaar"
    );

    // 5 % a month: 20 months is 1.67 years of 225 a year.
    let v = value_of(&with_value(1000.0, 950.0, 0.0, Period::Month));
    assert_eq!(v.lifespan_source, LifespanSource::Churn);
    assert_eq!(two_decimals(v.clv), "375.00");
}

#[test]
fn an_entered_lifespan_overrides_the_one_from_churn() {
    let inputs = Inputs {
        lifespan: Some(2.5),
        ..Inputs::example()
    };
    let report = calculate(&inputs);
    no_errors(&report);
    let v = report.value.unwrap();
    assert_eq!(v.lifespan_source, LifespanSource::Entered);
    assert_eq!(v.lifespan_years, 2.5);
    assert_eq!(v.clv, 562.5);
    // Retention still shows what churn says.
    assert_eq!(
        two_decimals(report.retention.unwrap().lifespan.unwrap().years),
        "6.67"
    );
}

#[track_caller]
fn verdict(annual_retention_percent_times_100: u64) -> Verdict {
    // S = 10 000 over a year, so every hundredth of a percent is one customer.
    let kept = annual_retention_percent_times_100 as f64;
    retention_of(&counts(10_000.0, kept, 0.0, Period::Year)).verdict
}

#[test]
fn the_verdict_compares_annual_retention_with_85_percent_as_shown() {
    assert_eq!(verdict(10_000), Verdict::Above);
    assert_eq!(verdict(8_506), Verdict::Above, "85.06 % shows as 85.1 %");
    assert_eq!(verdict(8_504), Verdict::OnTarget, "85.04 % shows as 85.0 %");
    assert_eq!(verdict(8_500), Verdict::OnTarget);
    assert_eq!(verdict(8_496), Verdict::OnTarget, "84.96 % shows as 85.0 %");
    assert_eq!(verdict(8_494), Verdict::Near, "84.94 % shows as 84.9 %");
    assert_eq!(verdict(8_000), Verdict::Near);
    assert_eq!(verdict(7_996), Verdict::Near, "79.96 % shows as 80.0 %");
    assert_eq!(verdict(7_994), Verdict::Below, "79.94 % shows as 79.9 %");
    assert_eq!(verdict(5_000), Verdict::Below);
    assert_eq!(verdict(0), Verdict::Below);
}

#[test]
fn the_verdict_judges_the_year_not_the_period() {
    // 95 % a month sounds fine, but is 54 % a year.
    let monthly = retention_of(&counts(1000.0, 950.0, 0.0, Period::Month));
    assert_eq!(monthly.retention_rate, 95.0);
    assert_eq!(monthly.verdict, Verdict::Below);
    // 99 % a month is 88.6 % a year.
    let monthly = retention_of(&counts(1000.0, 990.0, 0.0, Period::Month));
    assert_eq!(two_decimals(monthly.annual_retention_rate), "88.64");
    assert_eq!(monthly.verdict, Verdict::Above);
    // 96 % a quarter is 84.9 % a year: near.
    let quarterly = retention_of(&counts(1000.0, 960.0, 0.0, Period::Quarter));
    assert_eq!(two_decimals(quarterly.annual_retention_rate), "84.93");
    assert_eq!(quarterly.verdict, Verdict::Near);
}

#[test]
fn no_customer_lost_means_no_lifespan_from_churn() {
    let report = calculate(&with_value(1000.0, 1200.0, 200.0, Period::Year));
    let r = report.retention.expect("retention still computes");
    assert_eq!((r.retention_rate, r.churn_rate, r.lost), (100.0, 0.0, 0));
    assert_eq!(r.lifespan, None);
    assert_eq!(r.verdict, Verdict::Above);
    assert_eq!(report.value, None);
    assert_eq!(report.errors, [InputError::LifespanNeeded]);
    assert_eq!(
        report.error(Field::Lifespan),
        Some(InputError::LifespanNeeded)
    );
    let figures: Vec<Figure> = explain(&report).iter().map(|e| e.figure).collect();
    assert!(figures.contains(&Figure::RetentionRate));
    assert!(!figures.contains(&Figure::Lifespan) && !figures.contains(&Figure::Clv));

    // Entering a lifespan is the way out.
    let inputs = Inputs {
        lifespan: Some(4.0),
        ..with_value(1000.0, 1200.0, 200.0, Period::Year)
    };
    let report = calculate(&inputs);
    no_errors(&report);
    assert_eq!(report.value.unwrap().clv, 900.0);
}

#[test]
fn clv_from_an_entered_lifespan_does_not_wait_for_the_counts() {
    let inputs = Inputs {
        start: None,
        end: Some(f64::NAN),
        new: Some(10.5),
        lifespan: Some(2.5),
        ..with_value(0.0, 0.0, 0.0, Period::Month)
    };
    let report = calculate(&inputs);
    assert_eq!(report.retention, None);
    assert_eq!(
        report.errors,
        [
            InputError::Missing {
                field: Field::Start
            },
            InputError::NotANumber { field: Field::End },
            InputError::NotWhole { field: Field::New },
        ]
    );
    let v = report.value.expect("CLV from the entered lifespan");
    assert_eq!(v.clv, 562.5);
    assert_eq!(v.lifespan_source, LifespanSource::Entered);

    // Without an entered lifespan CLV waits for the counts, and says nothing of its own.
    let inputs = Inputs {
        lifespan: None,
        ..inputs
    };
    let report = calculate(&inputs);
    assert_eq!(report.value, None);
    assert_eq!(report.error(Field::Lifespan), None);
    assert_eq!(report.errors.len(), 3);
}

#[track_caller]
fn at_target(report: &Report, figure: Figure) -> Option<Quantity> {
    explain(report)
        .into_iter()
        .find(|e| e.figure == figure)
        .unwrap_or_else(|| panic!("{figure:?} is not explained in {report:?}"))
        .at_target
}

#[test]
fn every_figure_says_what_it_would_be_at_the_85_percent_target() {
    let report = calculate(&Inputs::example());
    assert_eq!(
        at_target(&report, Figure::Retained),
        Some(Quantity::Count(850))
    );
    assert_eq!(at_target(&report, Figure::Lost), Some(Quantity::Count(150)));
    let Some(Quantity::Percent(churn)) = at_target(&report, Figure::ChurnRate) else {
        panic!("churn at target is a percentage");
    };
    close(churn, 15.0);
    let Some(Quantity::Years(years)) = at_target(&report, Figure::Lifespan) else {
        panic!("lifespan at target is in years");
    };
    close(years, 20.0 / 3.0);
    let Some(Quantity::RoundMoney(clv)) = at_target(&report, Figure::Clv) else {
        panic!("CLV at target is money");
    };
    close(clv, 1500.0);
    let Some(Quantity::RoundMoney(profit)) = at_target(&report, Figure::ProfitClv) else {
        panic!("profit CLV at target is money");
    };
    close(profit, 900.0);

    // Per month, the target is the churn that compounds to 15 % a year: 1.35 % a month.
    let report = calculate(&with_value(1000.0, 950.0, 0.0, Period::Month));
    let Some(Quantity::Percent(churn)) = at_target(&report, Figure::ChurnRate) else {
        panic!("churn at target is a percentage");
    };
    assert_eq!(two_decimals(churn), "1.35");
    assert_eq!(at_target(&report, Figure::Lost), Some(Quantity::Count(13)));
    assert_eq!(
        at_target(&report, Figure::AnnualRetention),
        Some(Quantity::Percent(85.0))
    );

    // An entered lifespan has nothing to do with the target.
    let inputs = Inputs {
        lifespan: Some(2.5),
        ..Inputs::example()
    };
    assert_eq!(at_target(&calculate(&inputs), Figure::Clv), None);
}

#[test]
fn discounted_clv_after_gupta_and_lehmann() {
    // Margin a year: 75 × 3 × 60 % = 135; r = 85 %, d = 10 %: 135 × 0.85 / 0.25 = 459.
    let report = calculate(&Inputs::example());
    let d = report.discounted.expect("a discount rate is given");
    assert!(d.uses_margin);
    assert!((d.annual_margin - 135.0).abs() < 1e-9);
    assert!((d.clv - 459.0).abs() < 1e-9, "{d:?}");
    // Without a margin the same formula runs on revenue: 225 × 0.85 / 0.25 = 765.
    let report = calculate(&Inputs {
        margin: None,
        ..Inputs::example()
    });
    let d = report.discounted.unwrap();
    assert!(!d.uses_margin);
    assert!((d.clv - 765.0).abs() < 1e-9);
    // A monthly period is compounded to a year first: 5 % a month is 54.04 % a year.
    let report = calculate(&Inputs {
        end: Some(950.0),
        new: Some(0.0),
        period: Period::Month,
        ..Inputs::example()
    });
    let d = report.discounted.unwrap();
    let r = 0.95f64.powi(12);
    assert!((d.clv - 135.0 * r / (1.1 - r)).abs() < 1e-9);
    // No discount rate, no discounted CLV; no churn and no discounting would never end.
    let report = calculate(&Inputs {
        discount_rate: None,
        ..Inputs::example()
    });
    assert_eq!(report.discounted, None);
    let report = calculate(&Inputs {
        end: Some(1200.0),
        lifespan: Some(3.0),
        discount_rate: Some(0.0),
        ..Inputs::example()
    });
    assert_eq!(report.discounted, None);
    no_errors(&report);
}

#[test]
fn clv_against_acquisition_cost() {
    // Profit CLV 900 against CAC 300: 3 : 1, healthy; 135 margin a year pays 300 back in
    // 300 / 11.25 = 26.67 months, within the 6.67-year lifespan.
    let a = calculate(&Inputs::example()).acquisition.unwrap();
    assert_eq!(
        (a.clv, a.cac, a.ratio, a.verdict),
        (900.0, 300.0, 3.0, RatioVerdict::Healthy)
    );
    assert!(a.uses_margin && a.pays_back);
    assert!((a.payback_months.unwrap() - 300.0 / 11.25).abs() < 1e-9);
    for (cac, verdict) in [
        (450.0, RatioVerdict::Thin),
        (900.0, RatioVerdict::Thin),
        (1000.0, RatioVerdict::Losing),
    ] {
        let a = calculate(&Inputs {
            cac: Some(cac),
            ..Inputs::example()
        })
        .acquisition
        .unwrap();
        assert_eq!(a.verdict, verdict, "CAC {cac}");
    }
    // Payback longer than the lifespan: the customer leaves before paying back.
    let a = calculate(&Inputs {
        cac: Some(1000.0),
        ..Inputs::example()
    })
    .acquisition
    .unwrap();
    assert!(!a.pays_back, "{a:?}");
    // Without a margin the ratio uses CLV in revenue.
    let a = calculate(&Inputs {
        margin: None,
        ..Inputs::example()
    })
    .acquisition
    .unwrap();
    assert!(!a.uses_margin);
    assert_eq!(a.ratio, 5.0);
}

#[test]
fn what_better_retention_brings() {
    let report = calculate(&Inputs::example());
    let w = what_if(&report, 5.0).unwrap();
    assert_eq!(w.current.retention_rate, 85.0);
    assert_eq!(w.improved.retention_rate, 90.0);
    assert_eq!(w.improved.lifespan_years, Some(10.0));
    // Next year's revenue from the 1050 current customers: 1050 × 225 × r.
    let (now, then) = (
        w.current.revenue_next_year.unwrap(),
        w.improved.revenue_next_year.unwrap(),
    );
    assert!((now - 1050.0 * 225.0 * 0.85).abs() < 1e-6);
    assert!((then - 1050.0 * 225.0 * 0.90).abs() < 1e-6);
    assert!((w.revenue_gain.unwrap() - 1050.0 * 225.0 * 0.05).abs() < 1e-6);
    assert!((w.clv_gain.unwrap() - 750.0).abs() < 1e-9);
    // Monthly: the year's revenue sums twelve months of survivors.
    let monthly = calculate(&Inputs {
        end: Some(950.0),
        new: Some(0.0),
        period: Period::Month,
        ..Inputs::example()
    });
    let w = what_if(&monthly, 1.0).unwrap();
    let expected: f64 = (1..=12).map(|t| 0.96f64.powi(t)).sum::<f64>() / 12.0 * 950.0 * 225.0;
    assert!((w.improved.revenue_next_year.unwrap() - expected).abs() < 1e-6);
    // Retention cannot pass 100 %: then nobody leaves and the lifespan has no end.
    let w = what_if(&report, 30.0).unwrap();
    assert_eq!(w.improved.retention_rate, 100.0);
    assert_eq!(
        (w.improved.lifespan_years, w.improved.clv, w.clv_gain),
        (None, None, None)
    );
}

#[test]
fn the_customer_base_over_the_coming_periods() {
    let base = survival(1050, 85.0, Period::Year.horizon());
    assert_eq!(base.len(), 11);
    assert_eq!(base[0], 1050.0);
    assert!((base[1] - 892.5).abs() < 1e-9);
    assert!((base[10] - 1050.0 * 0.85f64.powi(10)).abs() < 1e-9);
    assert!(base.windows(2).all(|w| w[1] <= w[0]));
    assert_eq!(Period::Month.horizon(), 24);
}
