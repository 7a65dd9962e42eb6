//! Members: the members calculator against hand computations, its mistakes, and the member
//! export — sniffing, bad rows by line, Kaplan–Meier on a hand-worked example with
//! censoring, cohorts, members in and out, and where cancellations cluster in a simulated
//! gym.

mod common;

mod sim;

use common::assert_relative as assert_close;
use sim::Rng;

use retention_core::{
    analyse_members, calculate_members, explain_members, parse_members, sniff_members, Date,
    DateFormat, Delimiter, Locale, MemberAdvice, MemberBadRowReason, MemberColumnKind, MemberError,
    MemberField, MemberFigure, MemberImportError, MemberInputs, MemberLog, MemberMapping,
    MemberOptions, MemberSummary, Period, Quantity, Subscription, SurvivorInsight, Token, Verdict,
};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn inputs(start: f64, cancelled: f64, new: f64) -> MemberInputs {
    MemberInputs {
        start: Some(start),
        cancelled: Some(cancelled),
        new: Some(new),
        period: Period::Month,
        ..MemberInputs::default()
    }
}

#[test]
fn the_members_calculator_matches_a_hand_computation() {
    // A gym's month: 1000 members, 50 cancelled, 70 joined; € 30 a month at 70 % margin,
    // 10 % a year discount rate.
    let report = calculate_members(&MemberInputs::example());
    assert!(report.errors.is_empty());
    let r = report.retention.unwrap();
    assert_eq!((r.retained, r.end, r.net_change), (950, 1020, 20));
    assert_eq!((r.retention_rate, r.churn_rate), (95.0, 5.0));
    // 0.95^12 = 0.540360087662637 a year: below the 85 % target.
    assert_close(r.annual_retention_rate, 54.036_008_766_263_7, 1e-12);
    assert_close(r.annual_churn_rate, 45.963_991_233_736_3, 1e-12);
    assert_eq!(r.verdict, Verdict::Below);
    let tenure = r.tenure.unwrap();
    assert_eq!(tenure.periods, 20.0);
    assert_close(tenure.years, 20.0 / 12.0, 1e-15);
    assert_close(r.new_per_member, 0.07, 1e-15);
    assert_close(r.net_growth_rate, 2.0, 1e-15);
    assert_close(r.new_per_cancellation.unwrap(), 1.4, 1e-15);
    let v = report.value.unwrap();
    assert_eq!((v.clv, v.profit_clv), (600.0, Some(420.0)));
    // 10 % a year is 1.1^(1/12) − 1 a month; the discounted CLV is the sum of every future
    // margin 21 × 0.95^t at today's value.
    let d = 1.1f64.powf(1.0 / 12.0) - 1.0;
    assert_close(v.period_discount_rate.unwrap(), d * 100.0, 1e-12);
    let series: f64 = (0..5000)
        .map(|t| 21.0 * 0.95f64.powi(t) / (1.0 + d).powi(t))
        .sum();
    assert_close(v.discounted_clv.unwrap(), series, 1e-12);
}

#[test]
fn a_year_and_no_cancellations() {
    let report = calculate_members(&MemberInputs {
        period: Period::Year,
        fee: Some(300.0),
        ..inputs(200.0, 0.0, 30.0)
    });
    let r = report.retention.unwrap();
    assert_eq!((r.retention_rate, r.annual_retention_rate), (100.0, 100.0));
    assert_eq!(r.verdict, Verdict::Above);
    // Nobody cancelled: churn gives no tenure, so no CLV, and that is not a mistake.
    assert_eq!(r.tenure, None);
    assert_eq!(r.new_per_cancellation, None);
    assert_eq!(report.value, None);
    assert!(report.errors.is_empty());
}

#[test]
fn mistakes_are_typed_and_tied_to_their_field() {
    let errors = |i: MemberInputs| calculate_members(&i).errors;
    assert_eq!(
        errors(inputs(100.0, 120.0, 0.0)),
        [MemberError::CancelledExceedsStart]
    );
    assert_eq!(errors(inputs(0.0, 0.0, 5.0)), [MemberError::StartIsZero]);
    assert_eq!(
        errors(inputs(100.5, f64::NAN, -1.0)),
        [
            MemberError::NotWhole {
                field: MemberField::Start
            },
            MemberError::NotANumber {
                field: MemberField::Cancelled
            },
            MemberError::Negative {
                field: MemberField::New
            },
        ]
    );
    assert_eq!(
        errors(MemberInputs {
            start: None,
            margin: Some(120.0),
            fee: Some(2e9),
            ..inputs(1.0, 0.0, 0.0)
        }),
        [
            MemberError::Missing {
                field: MemberField::Start
            },
            MemberError::TooLarge {
                field: MemberField::Fee,
                max: 1e9
            },
            MemberError::NotAPercentage {
                field: MemberField::Margin
            },
        ]
    );
    let e = MemberError::CancelledExceedsStart;
    assert_eq!(
        (e.code(), e.field()),
        ("cancelledExceedsStart", MemberField::Cancelled)
    );
    assert_eq!(
        serde_json_like(&e),
        "more members cancelled than there were at the start"
    );
}

/// The message, as the JS API shows it.
fn serde_json_like(e: &MemberError) -> String {
    e.to_string()
}

#[test]
fn explanations_carry_the_users_numbers() {
    let report = calculate_members(&MemberInputs::example());
    let all = explain_members(&report);
    let figures: Vec<MemberFigure> = all.iter().map(|e| e.figure).collect();
    assert_eq!(figures, MemberFigure::ALL);
    let crr = &all[0];
    assert_eq!(
        crr.formula,
        [
            Token::Text("("),
            Token::Value(Quantity::Count(1000)),
            Token::Text(" − "),
            Token::Value(Quantity::Count(50)),
            Token::Text(") / "),
            Token::Value(Quantity::Count(1000)),
            Token::Text(" × 100"),
        ]
    );
    assert_eq!(crr.verdict, Some(Verdict::Below));
    // At the target, 85 % a year is 0.85^(1/12) a month.
    let Some(Quantity::Percent(target)) = crr.at_target else {
        panic!("a target")
    };
    assert_close(target, 0.85f64.powf(1.0 / 12.0) * 100.0, 1e-12);
    // Below the target: onboarding in the first 90 days, a pause instead of a cancel,
    // annual plans.
    assert_eq!(
        crr.advice,
        [
            MemberAdvice::Onboarding,
            MemberAdvice::PauseInsteadOfCancel,
            MemberAdvice::AnnualPlans
        ]
    );
    let clv = all.iter().find(|e| e.figure == MemberFigure::Clv).unwrap();
    assert_eq!(clv.value, Quantity::Money(600.0));
    assert_eq!(
        clv.formula,
        [
            Token::Value(Quantity::Money(30.0)),
            Token::Text(" × "),
            Token::Value(Quantity::Periods(20.0, Period::Month)),
        ]
    );
    // Shrinking: more cancelled than joined asks to win back the ones who left.
    let shrinking = calculate_members(&inputs(1000.0, 80.0, 20.0));
    let end = explain_members(&shrinking)
        .into_iter()
        .find(|e| e.figure == MemberFigure::End)
        .unwrap();
    assert_eq!(end.advice[0], MemberAdvice::WinBackCancelled);
}

fn mapping(
    columns: usize,
    end: Option<usize>,
    fee: Option<usize>,
    plan: Option<usize>,
) -> MemberMapping {
    MemberMapping {
        delimiter: Delimiter::Comma,
        has_header: true,
        columns,
        member: 0,
        start: 1,
        end,
        fee,
        plan,
        date_format: DateFormat::Iso,
        locale: Locale::En,
    }
}

fn import(text: &str, m: &MemberMapping) -> MemberLog {
    parse_members(text, m, |_, _| true).unwrap()
}

#[test]
fn sniffs_an_english_export() {
    let text = "Member ID,Plan,Signup Date,Cancellation Date,Monthly Fee,Country\n\
        M-1,Basic,2024-01-15,,19.99,NL\n\
        M-2,Premium,2024-01-20,2024-04-02,39.99,BE\n\
        M-3,Basic,2024-02-03,,19.99,NL\n\
        M-4,Basic,2024-02-11,2024-02-28,19.99,DE\n\
        M-5,Annual,2024-03-01,,199.00,NL\n\
        M-6,Basic,2024-03-09,,19.99,NL\n";
    let preview = sniff_members(text);
    assert!(preview.has_header);
    let kinds: Vec<MemberColumnKind> = preview.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            MemberColumnKind::Member,
            MemberColumnKind::Plan,
            MemberColumnKind::Start,
            MemberColumnKind::End,
            MemberColumnKind::Fee,
            MemberColumnKind::Other,
        ]
    );
    let m = preview.mapping.unwrap();
    assert_eq!((m.date_format, m.locale), (DateFormat::Iso, Locale::En));
    assert_eq!(preview.rows.len(), 6);
    let log = import(text, &m);
    assert_eq!(log.len(), 6);
    assert_eq!(
        log.subscription(1),
        Subscription {
            member: "M-2",
            start: date(2024, 1, 20),
            end: Some(date(2024, 4, 2)),
            fee: Some(39.99),
            plan: Some("Premium")
        }
    );
    assert_eq!(log.stats().plans, ["Basic", "Premium", "Annual"]);
}

#[test]
fn sniffs_a_dutch_export_without_names() {
    // No header: two date columns, the second with empty cells (still members), a fee.
    let text = "L001;01-01-2024;;29,95\nL002;15-01-2024;20-03-2024;29,95\nL003;02-02-2024;;24,95\n\
                L004;18-02-2024;;29,95\nL005;29-02-2024;31-03-2024;29,95\nL006;13-03-2024;;1.234,50\n";
    let preview = sniff_members(text);
    assert!(!preview.has_header);
    let m = preview.mapping.unwrap();
    assert_eq!(
        (m.member, m.start, m.end, m.fee, m.plan),
        (0, 1, Some(2), Some(3), None)
    );
    assert_eq!(
        (m.date_format, m.locale, m.delimiter),
        (DateFormat::DayMonthYear, Locale::Nl, Delimiter::Semicolon)
    );
    let log = import(text, &m);
    assert_eq!(log.subscription(5).fee, Some(1234.5));
    assert_eq!(log.stats().open, 4);
}

#[test]
fn bad_rows_are_reported_by_line() {
    let text = "member,start,end,fee\n\
        a,2024-01-01,,10\n\
        ,2024-01-02,,10\n\
        c,2024-13-01,,10\n\
        d,2024-01-04,yesterday,10\n\
        e,2024-03-01,2024-02-01,10\n\
        f,2024-01-06,,free\n\
        g,2024-01-07,,-5\n\
        h,2024-01-08\n\
        \n\
        i,2024-01-09,,10\n\
        j,\"2024-01-10,,10\n";
    let log = import(text, &mapping(4, Some(2), Some(3), None));
    let stats = log.stats();
    assert_eq!(
        (
            stats.read.rows,
            stats.subscriptions,
            stats.read.bad_row_count
        ),
        (10, 2, 8)
    );
    let bad: Vec<(usize, MemberBadRowReason)> = stats
        .read
        .bad_rows
        .iter()
        .map(|b| (b.line, b.reason.clone()))
        .collect();
    assert_eq!(
        bad,
        [
            (3, MemberBadRowReason::NoMember),
            (
                4,
                MemberBadRowReason::StartDate {
                    text: "2024-13-01".into()
                }
            ),
            (
                5,
                MemberBadRowReason::EndDate {
                    text: "yesterday".into()
                }
            ),
            (
                6,
                MemberBadRowReason::EndBeforeStart {
                    start: date(2024, 3, 1),
                    end: date(2024, 2, 1)
                }
            ),
            (
                7,
                MemberBadRowReason::Fee {
                    text: "free".into()
                }
            ),
            (8, MemberBadRowReason::Fee { text: "-5".into() }),
            (
                9,
                MemberBadRowReason::Columns {
                    found: 2,
                    expected: 4
                }
            ),
            (12, MemberBadRowReason::UnclosedQuote),
        ][..]
    );
    // Row 11 read fine; every bad row has a sentence.
    assert_eq!(log.id(1), "i");
    assert_eq!(
        MemberBadRowReason::EndDate { text: "x".into() }.to_string(),
        "end \"x\" is not a date in that format"
    );
}

#[test]
fn mappings_that_do_not_fit_and_cancels_stop_the_import() {
    let text = "m,s\na,2024-01-01\n";
    assert_eq!(
        parse_members(text, &mapping(2, Some(2), None, None), |_, _| true),
        Err(MemberImportError::NoSuchColumn {
            column: 2,
            columns: 2
        })
    );
    assert_eq!(
        parse_members(text, &mapping(2, Some(1), None, None), |_, _| true),
        Err(MemberImportError::SameColumn { column: 1 })
    );
    let long = format!("m,s\n{}", "a,2024-01-01\n".repeat(20_000));
    assert_eq!(
        parse_members(&long, &mapping(2, None, None, None), |_, _| false),
        Err(MemberImportError::Cancelled)
    );
}

#[test]
fn members_who_return_and_plans_beyond_the_limit() {
    let mut text = String::from("m,s,e,p\n");
    text.push_str("a,2023-01-01,2023-06-01,x\na,2024-01-01,,x\nb,2024-01-01,,y\n");
    for i in 0..60 {
        text.push_str(&format!("c{i},2024-02-01,,plan {i}\n"));
    }
    let log = import(&text, &mapping(4, Some(2), None, Some(3)));
    let stats = log.stats();
    assert_eq!(
        (stats.subscriptions, stats.members, stats.returning),
        (63, 62, 1)
    );
    assert_eq!(stats.plans.len(), 50);
    // x, y and plans 0..=47 have names; plans 48..=59 are "other".
    assert_eq!(stats.other_plans, 12);
    assert_eq!(log.subscription(62).plan, Some(""));
}

/// The hand-worked example: seven members on 30 June 2024.
///
/// | member | start | end | months observed | what is known |
/// |---|---|---|---|---|
/// | A | 1 Jan | 20 Jan | 5 | left in month 1 |
/// | B | 15 May | – | 1 | there after 1 month |
/// | C | 10 Jan | 1 Mar | 5 | left in month 2 (there on 10 Feb, not on 10 Mar) |
/// | D | 1 Feb | 15 Mar | 4 | left in month 2 |
/// | E | 20 Apr | – | 2 | there after 2 months |
/// | F | 25 Mar | – | 3 | there after 3 months |
/// | G | 10 Apr | 25 Jun | 2 | left in month 3, which is not over: there after 2 months |
///
/// Month 1: 7 at risk, A leaves: S = 6/7. Month 2: B is no longer followed, C, D, E, F and
/// G are at risk and C and D leave: S = 6/7 × 3/5 = 18/35. Month 3: only F is followed and
/// stays: S = 18/35.
const HAND_WORKED: &str = common::SEVEN_MEMBERS;

fn summary_at(text: &str, m: &MemberMapping, reference: Date) -> MemberSummary {
    let options = MemberOptions {
        reference: Some(reference),
        ..MemberOptions::default()
    };
    analyse_members(&import(text, m), &options)
}

#[test]
fn kaplan_meier_matches_the_hand_worked_example() {
    let s = summary_at(
        HAND_WORKED,
        &mapping(3, Some(2), None, None),
        date(2024, 6, 30),
    );
    let steps: Vec<(u32, u64, u64)> = s
        .survival
        .iter()
        .map(|p| (p.month, p.at_risk, p.left))
        .collect();
    assert_eq!(steps, [(0, 7, 0), (1, 7, 1), (2, 5, 2), (3, 1, 0)]);
    assert_close(s.survival[1].survival, 600.0 / 7.0, 1e-13);
    assert_close(s.survival[2].survival, 1800.0 / 35.0, 1e-13);
    assert_close(s.survival[3].survival, 1800.0 / 35.0, 1e-13);
    // Greenwood: Var S(2) = S(2)² (1 / (7 · 6) + 2 / (5 · 3)).
    let s2 = 18.0 / 35.0;
    let se = s2 * (1.0 / 42.0 + 2.0 / 15.0f64).sqrt();
    assert_close(s.survival[2].lower, (s2 - 1.96 * se) * 100.0, 1e-12);
    assert_close(
        s.survival[2].upper,
        ((s2 + 1.96 * se) * 100.0).min(100.0),
        1e-12,
    );
    // G's end is known but its month is not over: G is not a member on the reference day.
    assert_eq!((s.members, s.active, s.cancelled), (7, 3, 4));
}

#[test]
fn cohorts_and_flows_of_the_hand_worked_example() {
    let s = summary_at(
        HAND_WORKED,
        &mapping(3, Some(2), None, None),
        date(2024, 6, 30),
    );
    let labels: Vec<&str> = s.cohorts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    );
    // January: A and C; both followed 5 months; A gone at month 1, C at month 2.
    let jan = &s.cohorts[0];
    assert_eq!(jan.observed, [2, 2, 2, 2, 2, 2]);
    assert_eq!(jan.retained, [2, 1, 0, 0, 0, 0]);
    assert_eq!(jan.shares[1], 50.0);
    // April: E (2 months, there) and G (2 months, there after 2).
    let apr = &s.cohorts[3];
    assert_eq!(
        (
            apr.size,
            apr.active,
            apr.observed.clone(),
            apr.retained.clone()
        ),
        (2, 1, vec![2, 2, 2], vec![2, 2, 2])
    );
    assert!(apr.fit.is_none() && apr.fit_error.is_some());
    // Months: members at the start, new, cancelled, at the end.
    let flows: Vec<(&str, u64, u64, u64, u64)> = s
        .periods
        .iter()
        .map(|p| (p.label.as_str(), p.start, p.new, p.cancelled, p.end))
        .collect();
    assert_eq!(
        flows,
        [
            ("2024-01", 0, 2, 1, 1),
            ("2024-02", 1, 1, 0, 2),
            ("2024-03", 2, 1, 2, 1),
            ("2024-04", 1, 2, 0, 3),
            ("2024-05", 3, 1, 0, 4),
            ("2024-06", 4, 0, 1, 3),
        ]
    );
    let march = &s.periods[2];
    assert_eq!(march.churn_rate, Some(100.0));
    assert_eq!(march.new_per_member, Some(0.5));
    // The calculator's inputs: June, the last complete month (it ends on the reference day).
    assert!(s.periods[5].complete);
    assert_eq!(s.fill_period.as_deref(), Some("2024-06"));
    assert_eq!(
        (s.fill.start, s.fill.cancelled, s.fill.new),
        (Some(4.0), Some(1.0), Some(0.0))
    );
    // A day earlier, June is not over and May is the last complete month; May's new member
    // (B) is still there at its end.
    let s = summary_at(
        HAND_WORKED,
        &mapping(3, Some(2), None, None),
        date(2024, 6, 29),
    );
    assert!(!s.periods[5].complete);
    assert_eq!(s.fill_period.as_deref(), Some("2024-05"));
    assert_eq!(
        (s.fill.start, s.fill.cancelled, s.fill.new),
        (Some(3.0), Some(0.0), Some(1.0))
    );
}

#[test]
fn later_starts_and_ends_after_the_reference_day() {
    // On 31 March: b's end in May is not known yet; c has not started.
    let text = "m,s,e\na,2024-01-01,2024-02-15\nb,2024-01-01,2024-05-01\nc,2024-04-01,\n";
    let s = summary_at(text, &mapping(3, Some(2), None, None), date(2024, 3, 31));
    assert_eq!((s.members, s.active, s.cancelled, s.later), (2, 1, 1, 1));
    assert_eq!(s.periods.last().unwrap().end, 1);
}

/// A gym over three years: monthly members churn 12 % in their first month and 4 % a month
/// after; annual members stay their year and 45 % leave at its end, then 1 % a month.
fn gym() -> String {
    let mut rng = Rng(7);
    let first = date(2021, 1, 1).days();
    let reference = date(2023, 12, 31);
    let mut text = String::from("member;start;end;plan;fee\n");
    for i in 0..6000 {
        let start = Date::from_days(first + (rng.uniform() * 1090.0) as i32);
        let annual = i % 4 == 0;
        let mut month = 1;
        let end = loop {
            let p = match (annual, month) {
                (false, 1) => 0.12,
                (false, _) => 0.04,
                (true, 12) => 0.45,
                (true, m) if m < 12 => 0.0,
                (true, _) => 0.01,
            };
            if rng.uniform() < p {
                // Leaves within month `month`: before anniversary `month`.
                let (y, m, _) = start.ymd();
                let at = Date::from_ymd(
                    y + (m as i32 + month - 2) / 12,
                    ((m as i32 + month - 2) % 12) as u32 + 1,
                    28,
                )
                .unwrap();
                break Some(at.max(start));
            }
            month += 1;
            if month > 60 {
                break None;
            }
        };
        let end = end.filter(|e| *e <= reference);
        let (plan, fee) = if annual {
            ("jaar", "300,00")
        } else {
            ("maand", "29,95")
        };
        text.push_str(&format!(
            "g{i};{start};{};{plan};{fee}\n",
            end.map(|e| e.to_string()).unwrap_or_default()
        ));
    }
    text
}

#[test]
fn a_simulated_gym_shows_where_cancellations_cluster() {
    let text = gym();
    let preview = sniff_members(&text);
    let m = preview.mapping.unwrap();
    assert_eq!((m.plan, m.fee), (Some(3), Some(4)));
    let options = MemberOptions {
        reference: Some(date(2023, 12, 31)),
        fee_period: Period::Month,
        margin: Some(80.0),
        ..MemberOptions::default()
    };
    let log = import(&text, &m);
    assert_eq!(log.stats().read.bad_row_count, 0);
    let s = analyse_members(&log, &options);
    // After the first month and at the end of the annual plan.
    let months: Vec<u32> = s.clusters.iter().map(|c| c.month).collect();
    assert!(months.contains(&1), "{:?}", s.clusters);
    assert!(months.contains(&12), "{:?}", s.clusters);
    assert!(!months.contains(&6), "{:?}", s.clusters);
    // The annual plan keeps everyone for 11 months: its 3-month survival is 100 %.
    let annual = s.plans.iter().find(|p| p.plan == "jaar").unwrap();
    assert_eq!(annual.survival_3, Some(100.0));
    let monthly = s.plans.iter().find(|p| p.plan == "maand").unwrap();
    // Monthly: 0.88 × 0.96 × 0.96 after 3 months, give or take the sample.
    assert_close(monthly.survival_3.unwrap(), 88.0 * 0.96 * 0.96, 0.03);
    assert!(s.plans[0].members > s.plans[1].members);
    // Every period adds up: E = S + new − cancelled.
    for p in &s.periods {
        assert_eq!(p.end + p.cancelled, p.start + p.new, "{}", p.label);
    }
    // Churn by tenure is high in the first three months, lower after, and high again in
    // the band whose coming month is the twelfth.
    let band = |i: usize| s.tenure[i].churn_rate.unwrap();
    assert!(band(0) > band(1) && band(2) > band(1), "{:?}", s.tenure);
    let pooled = s.pooled.as_ref().unwrap();
    assert_eq!(pooled.projection[0], s.active as f64);
    assert!(pooled.projection[12] < pooled.projection[0]);
    assert!(pooled.residual_value.unwrap() > 0.0);
    // Every fee is read as a fee a month, as the options say (300 included).
    assert_close(s.monthly_fee.unwrap(), 0.75 * 29.95 + 0.25 * 300.0, 0.05);
    assert!(s.cohorts.len() == 36 && s.members_before_cohorts == 0);
    let fitted = s.cohorts.iter().filter(|c| c.fit.is_some()).count();
    assert!(fitted > 20, "{fitted} cohorts fitted");
}

#[test]
fn absurd_date_ranges_are_capped() {
    // Two members two centuries apart: the grid keeps the last ten years of cohorts and the
    // last twenty years of months, and counts everyone.
    let text = "m,s,e\na,1900-01-01,1950-01-01\nb,2099-06-01,\n";
    let s = summary_at(text, &mapping(3, Some(2), None, None), date(2100, 1, 1));
    assert_eq!(s.members, 2);
    assert_eq!(s.cohorts.len(), 1);
    assert_eq!(s.members_before_cohorts, 1);
    assert_eq!(s.periods.len(), 240);
    assert!(s.periods_left_out > 2000);
    assert_eq!(s.periods.last().unwrap().end, 1);
    assert_eq!(s.survival[600].at_risk, 1);
}

#[test]
fn a_reference_day_millennia_away_is_read_within_the_years_of_an_export() {
    let log = import(HAND_WORKED, &mapping(3, Some(2), None, None));
    let options = MemberOptions {
        reference: Date::from_ymd(50_000, 1, 1),
        ..MemberOptions::default()
    };
    let s = analyse_members(&log, &options);
    assert_eq!(s.reference, Some(date(2100, 12, 31)));
    assert_eq!(s.periods.len(), 240);
    // Nobody has started before the year 1900.
    let early = MemberOptions {
        reference: Date::from_ymd(-5, 1, 1),
        ..MemberOptions::default()
    };
    let s = analyse_members(&log, &early);
    assert_eq!((s.members, s.later), (0, 7));
}

#[test]
fn the_pooled_fit_recovers_a_simulated_membership() {
    // 20 000 members joining over three years, each leaving with their own θ ~ Beta(0.7, 3)
    // a month; a member who leaves in month t ends 10 days after their (t − 1)-th
    // anniversary. On 31 December 2023 the recent joiners are censored.
    let (alpha, beta) = (0.7, 3.0);
    let mut rng = Rng(11);
    let first = date(2021, 1, 1).days();
    let reference = date(2023, 12, 31);
    let mut text = String::from("member,start,end\n");
    for i in 0..20_000 {
        let start = Date::from_days(first + (rng.uniform() * 1095.0) as i32);
        let theta = rng.beta(alpha, beta);
        let months = (1..=48).find(|_| rng.uniform() < theta);
        let end = months.map(|t| {
            let (y, m, d) = start.ymd();
            let k = m as i32 - 1 + t - 1;
            let (y, m) = (y + k / 12, (k % 12) as u32 + 1);
            let day = d.min(28);
            Date::from_days(Date::from_ymd(y, m, day).unwrap().days() + 10)
        });
        let end = end.filter(|e| *e <= reference);
        text.push_str(&format!(
            "m{i},{start},{}\n",
            end.map(|e| e.to_string()).unwrap_or_default()
        ));
    }
    let s = summary_at(&text, &mapping(3, Some(2), None, None), reference);
    let pooled = s.pooled.unwrap();
    let m = pooled.fit.model;
    assert!((m.alpha - alpha).abs() < 0.1 * alpha, "{m:?}");
    assert!((m.beta - beta).abs() < 0.1 * beta, "{m:?}");
    assert!(matches!(
        pooled.insights[0],
        SurvivorInsight::RetentionRises { first, last, .. } if last > first
    ));
    // Kaplan–Meier agrees with the model's survival where many are followed.
    for month in [1, 3, 6, 12] {
        let km = s.survival[month].survival;
        let sbg = pooled.survival[month];
        assert!((km - sbg).abs() < 2.0, "month {month}: {km} against {sbg}");
    }
}

#[test]
fn sniffs_more_layouts() {
    // An American export with a status column: the status is not a plan.
    let mut us = String::from("Customer,Status,Start Date,End Date,MRR\n");
    for i in 0..40 {
        let (status, end) = if i % 3 == 0 {
            ("canceled", "03/02/2024")
        } else {
            ("active", "")
        };
        us.push_str(&format!(
            "C{i},{status},01/{}/2024,{end},9.99\n",
            10 + i % 18
        ));
    }
    let m = sniff_members(&us).mapping.unwrap();
    assert_eq!(
        (m.member, m.start, m.end, m.fee, m.plan),
        (0, 2, Some(3), Some(4), None)
    );
    assert_eq!(m.date_format, DateFormat::MonthDayYear);
    // Tabs, no end column: everyone is still a member.
    let tsv = "id\tjoined\tplan\n1\t2024-01-03\tgold\n2\t2024-01-05\tsilver\n3\t2024-02-03\tgold\n";
    let m = sniff_members(tsv).mapping.unwrap();
    assert_eq!(
        (m.delimiter, m.start, m.end, m.plan),
        (Delimiter::Tab, 1, None, Some(2))
    );
    let s = summary_at(tsv, &m, date(2024, 6, 30));
    assert_eq!(
        (s.members, s.active, s.pooled_error),
        (3, 3, Some(retention_core::SbgError::NoChurn))
    );
    // Dutch names and one-digit days.
    let nl =
        "email;aangemeld;afgemeld\na@x.nl;1-1-2024;\nb@x.nl;5-1-2024;5-3-2024\nc@x.nl;13-2-2024;\n";
    let m = sniff_members(nl).mapping.unwrap();
    assert_eq!(
        (m.member, m.start, m.end, m.date_format),
        (0, 1, Some(2), DateFormat::DayMonthYear)
    );
}
