//! Members: each start-month cohort's own sBG and what it says a member is worth — the
//! discounted lifetime of a new member, the residual lifetime of those still there and the
//! member value — against the series the paper defines them by, summed term by term here.

use retention_core::{analyse_members, parse_members, Date, MemberOptions, MemberSummary};

#[track_caller]
fn assert_close(actual: f64, expected: f64, relative: f64) {
    let error = (actual - expected).abs() / expected.abs().max(1e-300);
    assert!(
        error <= relative,
        "{actual} is not {expected} to {relative:e} (off by {error:e})"
    );
}

/// Two cohorts: 100 members who start on 2023-01-01 and pay 20 a month, of whom
/// `LEFT_JAN[k - 1]` leave in their k-th month; 60 who start on 2023-02-01 without a fee in
/// the file, `LEFT_FEB[k - 1]` leaving in their k-th month. Counted on 2024-01-31.
const LEFT_JAN: [usize; 6] = [20, 12, 8, 6, 5, 4];
const LEFT_FEB: [usize; 4] = [15, 6, 4, 3];

fn month_15th(start_month: u32, k: u32) -> String {
    // The k-th month of a membership that starts on the first of `start_month` of 2023.
    let m = start_month + k - 1;
    let (y, m) = (2023 + (m - 1) / 12, (m - 1) % 12 + 1);
    format!("{y}-{m:02}-15")
}

fn file() -> String {
    let mut text = String::from("member,start,end,fee\n");
    let mut id = 0;
    let mut cohort = |start_month: u32, size: usize, left: &[usize], fee: &str| {
        let mut stayed = size;
        for (k, &n) in left.iter().enumerate() {
            for _ in 0..n {
                let end = month_15th(start_month, k as u32 + 1);
                text += &format!("m{id},2023-{start_month:02}-01,{end},{fee}\n");
                id += 1;
            }
            stayed -= n;
        }
        for _ in 0..stayed {
            text += &format!("m{id},2023-{start_month:02}-01,,{fee}\n");
            id += 1;
        }
    };
    cohort(1, 100, &LEFT_JAN, "20");
    cohort(2, 60, &LEFT_FEB, "");
    text
}

fn summary() -> MemberSummary {
    let text = file();
    let mapping = retention_core::sniff_members(&text).mapping.unwrap();
    let log = parse_members(&text, &mapping, |_, _| true).unwrap();
    let options = MemberOptions {
        reference: Date::from_ymd(2024, 1, 31),
        margin: Some(50.0),
        discount_rate: 10.0,
        ..MemberOptions::default()
    };
    analyse_members(&log, &options)
}

/// S(0..=n) of the sBG: S(t) = S(t − 1) (β + t − 1) / (α + β + t − 1).
fn survival(alpha: f64, beta: f64, n: usize) -> Vec<f64> {
    let mut s = vec![1.0];
    for t in 1..=n {
        let t = t as f64;
        s.push(s.last().unwrap() * (beta + t - 1.0) / (alpha + beta + t - 1.0));
    }
    s
}

#[test]
fn each_cohort_has_its_own_fit_lifetime_and_member_value() {
    let s = summary();
    assert_eq!(s.cohorts.len(), 2);
    // 10 % a year, compounded monthly.
    let d = 1.1f64.powf(1.0 / 12.0) - 1.0;
    // Terms until (1 + d)^-t is far below 1e-12.
    let terms = 40_000;
    // Of January, still there after 12 anniversaries; of February, after 11.
    let cases = [
        ("2023-01", 100, &LEFT_JAN[..], 12usize),
        ("2023-02", 60, &LEFT_FEB[..], 11),
    ];
    for (cohort, (label, size, left, tenure)) in s.cohorts.iter().zip(cases) {
        assert_eq!(cohort.label, label);
        assert_eq!(cohort.size, size);
        let stayed = size - left.iter().sum::<usize>() as u64;
        assert_eq!(cohort.active, stayed);
        let fit = cohort.fit.expect("a fit of 100 or 60 members");
        let (a, b) = (fit.model.alpha, fit.model.beta);
        let sv = survival(a, b, terms + tenure + 1);
        let del: f64 = (0..terms).map(|t| sv[t] / (1.0 + d).powi(t as i32)).sum();
        assert_close(cohort.del.unwrap(), del, 1e-9);
        // Everyone still there has renewed `tenure` times: the next payment is not
        // discounted, and each later one as long as the member stays.
        let derl: f64 = (0..terms)
            .map(|k| sv[tenure + 1 + k] / sv[tenure] / (1.0 + d).powi(k as i32))
            .sum();
        assert_close(cohort.residual_lifetime.unwrap(), derl, 1e-9);
        // January pays 20 a month; February has no fee in the file and is valued at the
        // average fee of the members who have one: January's 20. Half of it is margin.
        assert_eq!(cohort.monthly_fee, Some(20.0));
        assert_close(cohort.clv.unwrap(), 20.0 * 0.5 * del, 1e-9);
    }
    // The members who stayed have shown they stay: a longer residual lifetime than a new
    // member's discounted lifetime, less its first, undiscounted payment.
    for c in &s.cohorts {
        assert!(
            c.residual_lifetime.unwrap() > c.del.unwrap() - 1.0,
            "{}",
            c.label
        );
    }
}

#[test]
fn a_cohort_too_small_to_fit_has_no_value_but_its_heatmap_row() {
    // Ten members: below the 30 a cohort needs for a fit of its own.
    let mut text = String::from("member,start,end\n");
    for i in 0..10 {
        let end = if i < 4 { "2023-01-20" } else { "" };
        text += &format!("m{i},2023-01-01,{end}\n");
    }
    let mapping = retention_core::sniff_members(&text).mapping.unwrap();
    let log = parse_members(&text, &mapping, |_, _| true).unwrap();
    let options = MemberOptions {
        reference: Date::from_ymd(2023, 3, 31),
        ..MemberOptions::default()
    };
    let s = analyse_members(&log, &options);
    let c = &s.cohorts[0];
    assert!(c.fit.is_none() && c.fit_error.is_some());
    assert_eq!((c.del, c.residual_lifetime, c.clv), (None, None, None));
    // 4 of 10 left in month 1: 60 % at the 1st and 2nd anniversary (the 3rd, 1 April, is
    // after the reference day).
    assert_eq!(c.shares, vec![100.0, 60.0, 60.0]);
}
