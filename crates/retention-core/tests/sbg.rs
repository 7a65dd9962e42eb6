//! The shifted-beta-geometric model: the likelihood against hand-computed values, the
//! published estimates of Fader & Hardie (2007), the projection and residual lifetime
//! against series summed here from Beta functions, and the fit against cohorts simulated
//! from known α and β. Also the survivors table: reading it and its mistakes.

mod common;

mod sim;

use common::assert_relative as assert_close;
use sim::Rng;

use retention_core::{
    analyse_survivors, ln_beta, parse_survivors, ConstantChurn, Lifetimes, Locale, Period, Sbg,
    SbgError, SurvivorInsight, SurvivorOptions, SurvivorsError,
};

/// The paper's two segments, years 0 to 7 (Fader & Hardie 2007, table 1).
const REGULAR: [u64; 8] = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END: [u64; 8] = [1000, 869, 743, 653, 593, 551, 517, 491];

/// S(t) = B(α, β + t) / B(α, β), from the Beta function itself.
fn survival(m: &Sbg, t: f64) -> f64 {
    (ln_beta(m.alpha, m.beta + t) - ln_beta(m.alpha, m.beta)).exp()
}

/// P(T = t) = B(α + 1, β + t − 1) / B(α, β).
fn probability(m: &Sbg, t: f64) -> f64 {
    (ln_beta(m.alpha + 1.0, m.beta + t - 1.0) - ln_beta(m.alpha, m.beta)).exp()
}

#[test]
fn the_likelihood_matches_a_hand_computation() {
    // α = 1, β = 2: P(T = 1) = 1/3, P(T = 2) = 2/3 · 1/4 = 1/6, S(2) = 2/3 · 3/4 = 1/2.
    // Survivors 10, 6, 4: four left in period 1, two in period 2, four still there.
    let m = Sbg {
        alpha: 1.0,
        beta: 2.0,
    };
    let lifetimes = Lifetimes::from_survivors(&[10, 6, 4]);
    let hand = 4.0 * (1.0f64 / 3.0).ln() + 2.0 * (1.0f64 / 6.0).ln() + 4.0 * 0.5f64.ln();
    assert_close(m.log_likelihood(&lifetimes), hand, 1e-14);
    // Members followed for different lengths (right-censoring): one left in period 3, two
    // were still there after period 1 and not followed further.
    let censored = Lifetimes {
        left: vec![0, 0, 0, 1],
        active: vec![0, 2],
    };
    // P(T = 3) = S(2) · 1 / (3 + 2) = 1/10; S(1) = 2/3.
    let hand = (0.1f64).ln() + 2.0 * (2.0f64 / 3.0).ln();
    assert_close(m.log_likelihood(&censored), hand, 1e-14);
}

#[test]
fn the_likelihood_agrees_with_the_beta_function_form() {
    for m in [
        Sbg {
            alpha: 0.704,
            beta: 1.182,
        },
        Sbg {
            alpha: 7.5,
            beta: 0.3,
        },
        Sbg {
            alpha: 250.0,
            beta: 900.0,
        },
    ] {
        let lifetimes = Lifetimes::from_survivors(&REGULAR);
        let by_beta: f64 = (1..REGULAR.len())
            .map(|t| (REGULAR[t - 1] - REGULAR[t]) as f64 * probability(&m, t as f64).ln())
            .sum::<f64>()
            + REGULAR[7] as f64 * survival(&m, 7.0).ln();
        assert_close(m.log_likelihood(&lifetimes), by_beta, 1e-10);
        for (t, s) in m.survival(20).iter().enumerate() {
            assert_close(*s, survival(&m, t as f64), 1e-10);
        }
    }
}

#[test]
fn reproduces_the_published_estimates() {
    for (counts, alpha, beta) in [(REGULAR, "0.704", "1.182"), (HIGH_END, "0.668", "3.806")] {
        let fit = Sbg::fit(&Lifetimes::from_survivors(&counts)).unwrap();
        assert_eq!(format!("{:.3}", fit.model.alpha), alpha);
        assert_eq!(format!("{:.3}", fit.model.beta), beta);
        assert!(!fit.homogeneous);
        // The maximum: every step away lowers the likelihood.
        let lifetimes = Lifetimes::from_survivors(&counts);
        for (da, db) in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3)] {
            let near = Sbg {
                alpha: fit.model.alpha + da,
                beta: fit.model.beta + db,
            };
            assert!(near.log_likelihood(&lifetimes) < fit.log_likelihood);
        }
    }
}

#[test]
fn projection_and_residual_lifetime_match_series_sums() {
    let d = 0.1;
    for m in [
        Sbg {
            alpha: 0.704,
            beta: 1.182,
        },
        Sbg {
            alpha: 0.668,
            beta: 3.806,
        },
        Sbg {
            alpha: 3.0,
            beta: 8.0,
        },
    ] {
        // Retention in period t is S(t) / S(t − 1).
        for t in 1..30 {
            let ratio = survival(&m, t as f64) / survival(&m, t as f64 - 1.0);
            assert_close(m.retention(t), ratio, 1e-10);
            assert_close(
                m.still_there(t, 5),
                survival(&m, t as f64 + 5.0) / survival(&m, t as f64),
                1e-10,
            );
        }
        // DEL = Σ_{t ≥ 0} S(t) / (1 + d)^t; DERL(n − 1 renewals) = Σ_{k ≥ 0} S(n + k) / S(n − 1) / (1 + d)^k.
        // Summed term by term until the terms (below S(t) ≤ 1 times 1.1^−t) vanish.
        let series = |from: f64| -> f64 {
            (0..600)
                .map(|k| survival(&m, from + k as f64) / 1.1f64.powi(k))
                .sum()
        };
        assert_close(m.del(d), series(0.0), 1e-12);
        for renewals in [0u32, 1, 4, 10] {
            let n = f64::from(renewals) + 1.0;
            let expected = series(n) / survival(&m, n - 1.0);
            assert_close(m.derl(d, renewals), expected, 1e-11);
        }
        // The undiscounted mean lifetime Σ S(t) is finite only when α > 1.
        match m.mean_lifetime() {
            Some(mean) => {
                // The tail beyond 200 000 terms is below 1e-9 of the sum for α = 3.
                let sum: f64 = (0..200_000).map(|t| survival(&m, t as f64)).sum();
                assert_close(mean, sum, 1e-8);
            }
            None => assert!(m.alpha <= 1.0),
        }
    }
}

#[test]
fn constant_churn_is_the_geometric_model() {
    let lifetimes = Lifetimes::from_survivors(&REGULAR);
    let c = ConstantChurn::fit(&lifetimes).unwrap();
    // Members who left over member-years followed: 759 / (1000 + 631 + … + 262).
    let exposure: u64 = REGULAR[..7].iter().sum();
    assert_close(c.churn, 759.0 / exposure as f64, 1e-15);
    // Its residual lifetime is the same at every tenure and is a geometric series.
    let series: f64 = (1..2000)
        .map(|k| (1.0 - c.churn).powi(k) / 1.1f64.powi(k - 1))
        .sum();
    assert_close(c.derl(0.1), series, 1e-12);
    assert_close(c.del(0.1), 1.0 + c.derl(0.1) / 1.1, 1e-12);
}

/// `members` members with churn θ ~ Beta(α, β), each followed for `followed(i)` periods.
fn simulate(truth: Sbg, members: usize, seed: u64, followed: impl Fn(usize) -> usize) -> Lifetimes {
    let mut rng = Rng(seed);
    let mut lifetimes = Lifetimes::default();
    for i in 0..members {
        let theta = rng.beta(truth.alpha, truth.beta);
        let watch = followed(i);
        match (1..=watch).find(|_| rng.uniform() < theta) {
            Some(t) => lifetimes.add_left(t),
            None => lifetimes.add_active(watch),
        }
    }
    lifetimes
}

#[test]
fn recovers_known_parameters_from_simulated_cohorts() {
    for (truth, seed) in [
        (
            Sbg {
                alpha: 0.7,
                beta: 1.2,
            },
            1,
        ),
        (
            Sbg {
                alpha: 2.0,
                beta: 6.0,
            },
            2,
        ),
        (
            Sbg {
                alpha: 0.5,
                beta: 8.0,
            },
            3,
        ),
    ] {
        // One cohort of 20 000 followed for 12 periods, and a member file where each member
        // is followed for their own 2 to 24 periods (joined at different times).
        let cohort = simulate(truth, 20_000, seed, |_| 12);
        let file = simulate(truth, 20_000, seed + 10, |i| 2 + i % 23);
        for lifetimes in [cohort, file] {
            let fit = Sbg::fit(&lifetimes).unwrap();
            assert_close(fit.model.alpha, truth.alpha, 0.15);
            assert_close(fit.model.beta, truth.beta, 0.15);
            // The estimate explains the data at least as well as the truth.
            assert!(fit.log_likelihood >= truth.log_likelihood(&lifetimes));
            // The mean churn α / (α + β) is pinned down better.
            assert_close(fit.model.churn(1), truth.churn(1), 0.05);
        }
    }
}

#[test]
fn members_who_are_alike_fit_as_constant_churn() {
    // Every member churns 10 % a period: retention does not rise with tenure.
    let counts: Vec<u64> = (0..10)
        .map(|t| (10_000.0 * 0.9f64.powi(t)).round() as u64)
        .collect();
    let fit = Sbg::fit(&Lifetimes::from_survivors(&counts)).unwrap();
    assert!(fit.homogeneous);
    assert_close(fit.model.churn(1), 0.1, 0.01);
    assert_close(fit.model.retention(9), 0.9, 0.01);
}

#[test]
fn impossible_fits_are_typed_errors() {
    let fit = |counts: &[u64]| Sbg::fit(&Lifetimes::from_survivors(counts)).map(|_| ());
    assert_eq!(fit(&[]), Err(SbgError::NoMembers));
    assert_eq!(fit(&[100, 100, 100]), Err(SbgError::NoChurn));
    assert_eq!(fit(&[100, 0, 0]), Err(SbgError::EveryoneLeft));
    assert_eq!(fit(&[100, 60]), Err(SbgError::TooFewPeriods));
    assert_eq!(SbgError::NoChurn.code(), "noChurn");
}

#[test]
fn reads_survivors_tables_as_people_paste_them() {
    let read = |text: &str, locale| parse_survivors(text, locale).map(|t| t.counts);
    let paper = Ok(REGULAR[..4].to_vec());
    // A spreadsheet copy with a Dutch header and grouping.
    assert_eq!(
        read(
            "jaar\tleden\n0\t1.000\n1\t631\n2\t468\n3\t382\n",
            Locale::Nl
        ),
        paper
    );
    // Semicolons, CRLF, a byte order mark and empty lines.
    assert_eq!(
        read(
            "\u{feff}0;1000\r\n\r\n1;631\r\n2;468\r\n3;382\r\n",
            Locale::En
        ),
        paper
    );
    // Commas between columns, and English grouping without columns.
    assert_eq!(
        read("year,members\n0,1000\n1,631\n2,468\n3,382\n", Locale::En),
        paper
    );
    assert_eq!(read("1,000\n631\n468\n382\n", Locale::En), paper);
    // One column of counts; aligned text with labels of two words.
    assert_eq!(read("1000\n631\n468\n382", Locale::En), paper);
    let aligned = parse_survivors(
        "year 0   1000\nyear 1    631\nyear 2    468\nyear 3    382\n",
        Locale::En,
    )
    .unwrap();
    assert_eq!(aligned.counts, REGULAR[..4]);
    assert_eq!(aligned.labels[1], "year 1");
}

#[test]
fn bad_survivors_tables_are_typed_errors() {
    let read = |text: &str| parse_survivors(text, Locale::En);
    assert_eq!(
        read("0;1000\n1;631\n2;700\n"),
        Err(SurvivorsError::Rises {
            line: 3,
            previous: 631,
            count: 700
        })
    );
    assert_eq!(read("0\n0\n0\n"), Err(SurvivorsError::NoMembers));
    assert_eq!(
        read("year;members\n0;1000\n1;631\n"),
        Err(SurvivorsError::TooFewPeriods {
            found: 2,
            needed: 3
        })
    );
    assert_eq!(
        read(""),
        Err(SurvivorsError::TooFewPeriods {
            found: 0,
            needed: 3
        })
    );
    assert_eq!(
        read("1000\n631.5\n400\n"),
        Err(SurvivorsError::NotACount {
            line: 2,
            text: "631.5".into()
        })
    );
    assert_eq!(
        read("1000\n-5\n"),
        Err(SurvivorsError::NotACount {
            line: 2,
            text: "-5".into()
        })
    );
    assert_eq!(
        read("0;1000;x\n"),
        Err(SurvivorsError::Columns { line: 1, found: 3 })
    );
    let long = "1\n".repeat(2000);
    assert_eq!(read(&long), Err(SurvivorsError::TooManyRows { max: 1200 }));
    let e = read("0;1000\n1;631\n2;700\n").unwrap_err();
    assert_eq!(e.code(), "rises");
    assert!(e.to_string().contains("line 3"));
}

#[test]
fn the_survivors_report_projects_and_compares_with_constant_churn() {
    let table = parse_survivors(
        &REGULAR.iter().map(|c| format!("{c}\n")).collect::<String>(),
        Locale::En,
    )
    .unwrap();
    let options = SurvivorOptions {
        period: Period::Year,
        horizon: 5,
        discount_rate: 10.0,
        fee: Some(100.0),
        margin: Some(50.0),
    };
    let report = analyse_survivors(&table, &options).unwrap();
    let m = report.fit.model;
    assert_eq!(report.curve.len(), 8 + 5);
    for (t, point) in report.curve.iter().enumerate() {
        assert_close(point.fitted, 1000.0 * survival(&m, t as f64), 1e-10);
        let flat = 1000.0 * (1.0 - report.constant.churn).powi(t as i32);
        assert_close(point.constant, flat, 1e-12);
        assert_eq!(point.projected, t > 7);
        assert_eq!(point.actual, REGULAR.get(t).copied());
    }
    // Yearly 10 % is 10 % a period here; value = fee × margin × lifetime.
    assert_close(report.period_discount_rate, 10.0, 1e-12);
    assert_close(report.clv.unwrap(), 100.0 * 0.5 * report.del, 1e-12);
    let r7 = report.residual[7];
    assert_close(r7.value.unwrap(), 50.0 * m.derl(0.1, 7), 1e-12);
    // Retention rises with tenure, constant churn writes off the loyal members too soon
    // and values a member of seven years like a new one.
    assert!(
        matches!(report.insights[0], SurvivorInsight::RetentionRises { first, last, .. } if last > first + 20.0)
    );
    assert!(report.insights.iter().any(|i| matches!(
        i,
        SurvivorInsight::ConstantChurnUnderestimates { period: 12, .. }
    )));
    assert!(r7.derl > 2.0 * report.residual[0].derl);
    assert_eq!(r7.constant_derl, report.residual[0].constant_derl);
    // α < 1: the mean lifetime is infinite, only the discounted one is finite.
    assert_eq!(report.mean_lifetime, None);
    // Every explanation's formula is the figure's formula with the numbers.
    assert!(!report.explanations.is_empty());
}

#[test]
fn monthly_periods_discount_by_the_month() {
    let table = parse_survivors("1000\n900\n830\n780\n745\n", Locale::En).unwrap();
    let options = SurvivorOptions {
        period: Period::Month,
        ..SurvivorOptions::default()
    };
    let report = analyse_survivors(&table, &options).unwrap();
    assert_close(
        report.period_discount_rate,
        (1.1f64.powf(1.0 / 12.0) - 1.0) * 100.0,
        1e-12,
    );
    assert_eq!(report.curve.len(), 5 + 10);
}

#[test]
fn hostile_options_give_finite_figures() {
    let table = parse_survivors("1000\n631\n468\n382\n", Locale::En).unwrap();
    let options = SurvivorOptions {
        period: Period::Month,
        horizon: u32::MAX,
        discount_rate: f64::NAN,
        fee: Some(-5.0),
        margin: Some(200.0),
    };
    let report = analyse_survivors(&table, &options).unwrap();
    assert_eq!(report.options.horizon, 1200);
    assert_eq!(report.options.discount_rate, 10.0);
    assert_eq!(
        (report.options.fee, report.options.margin, report.clv),
        (None, None, None)
    );
    assert_eq!(report.curve.len(), 4 + 1200);
    assert!(report
        .curve
        .iter()
        .all(|p| p.fitted.is_finite() && p.constant >= 0.0));
    assert!(report.residual.iter().all(|r| r.derl.is_finite()));
    // A discount rate of zero is read as the lowest one allowed, so the lifetime stays finite.
    let zero = SurvivorOptions {
        discount_rate: 0.0,
        ..SurvivorOptions::default()
    };
    let report = analyse_survivors(&table, &zero).unwrap();
    assert_eq!(report.options.discount_rate, 0.5);
    assert!(report.del.is_finite());
}
