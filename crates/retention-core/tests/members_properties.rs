//! Properties of the members side on arbitrary input: nothing panics, counts add up, no NaN.

use proptest::prelude::*;
use retention_core::{
    analyse_members, analyse_survivors, calculate_members, explain_members, parse_members,
    parse_survivors, sniff_members, Date, DateFormat, Delimiter, Locale, MemberInputs,
    MemberMapping, MemberOptions, Period, SurvivorOptions,
};

fn mapping() -> MemberMapping {
    MemberMapping {
        delimiter: Delimiter::Comma,
        has_header: false,
        columns: 4,
        member: 0,
        start: 1,
        end: Some(2),
        fee: Some(3),
        plan: None,
        date_format: DateFormat::Iso,
        locale: Locale::En,
    }
}

/// A membership: id, start day (2015–2025), optional length in days, fee.
fn row() -> impl Strategy<Value = (u8, i32, Option<i32>, u16)> {
    (
        any::<u8>(),
        0..4000i32,
        proptest::option::of(0..3000i32),
        any::<u16>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_is_read_or_refused_without_a_panic(text in ".{0,400}") {
        let _ = sniff_members(&text);
        let _ = parse_members(&text, &mapping(), |_, _| true);
        for locale in Locale::ALL {
            if let Ok(table) = parse_survivors(&text, locale) {
                prop_assert!(table.counts.windows(2).all(|w| w[1] <= w[0]));
                let _ = analyse_survivors(&table, &SurvivorOptions::default());
            }
        }
    }

    #[test]
    fn member_files_add_up(rows in proptest::collection::vec(row(), 1..150), reference in 0..4500i32) {
        let first = Date::from_ymd(2015, 1, 1).unwrap().days();
        let mut text = String::new();
        for (id, start, length, fee) in &rows {
            let end = length.map(|l| Date::from_days(first + start + l).to_string()).unwrap_or_default();
            text.push_str(&format!("m{id},{},{end},{}\n", Date::from_days(first + start), fee / 100));
        }
        let log = parse_members(&text, &mapping(), |_, _| true).unwrap();
        prop_assert_eq!(log.len(), rows.len());
        let options = MemberOptions {
            reference: Some(Date::from_days(first + reference)),
            period: Period::Quarter,
            margin: Some(50.0),
            ..MemberOptions::default()
        };
        let s = analyse_members(&log, &options);
        prop_assert_eq!(s.members + s.later, rows.len() as u64);
        prop_assert_eq!(s.active + s.cancelled, s.members);
        for p in &s.periods {
            prop_assert_eq!(p.end + p.cancelled, p.start + p.new);
        }
        if let Some(last) = s.periods.last() {
            prop_assert_eq!(last.end, s.active);
        }
        let mut before = 100.0;
        for step in &s.survival {
            prop_assert!(step.survival <= before + 1e-9 && step.survival >= 0.0);
            prop_assert!(step.lower <= step.survival + 1e-9 && step.survival <= step.upper + 1e-9);
            before = step.survival;
        }
        if let Some(p) = &s.pooled {
            prop_assert!(p.projection.iter().all(|x| x.is_finite()));
            prop_assert!(p.del.is_finite() && p.residual_value.is_none_or(f64::is_finite));
            prop_assert!((p.projection[0] - s.active as f64).abs() < 1e-6);
        }
        for c in &s.cohorts {
            prop_assert!(c.shares.iter().all(|x| (0.0..=100.0).contains(x)));
        }
    }

    #[test]
    fn the_members_calculator_never_shows_nan(
        start in proptest::option::of(-10.0..1e11f64),
        cancelled in proptest::option::of(-10.0..1e6f64),
        new in proptest::option::of(0.0..1e6f64),
        fee in proptest::option::of(-1.0..1e10f64),
        rate in proptest::option::of(-5.0..150.0f64),
    ) {
        let inputs = MemberInputs {
            start: start.map(f64::round),
            cancelled: cancelled.map(f64::round),
            new: new.map(f64::round),
            fee,
            margin: rate,
            discount_rate: rate,
            period: Period::Month,
        };
        let report = calculate_members(&inputs);
        for e in explain_members(&report) {
            let json = format!("{:?}", e.value);
            prop_assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
        }
    }
}
