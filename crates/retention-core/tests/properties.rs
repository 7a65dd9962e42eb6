//! What holds for every input, not just the worked examples.

use proptest::prelude::*;
use retention_core::{
    calculate, explain, format_decimal, format_input, parse_number, read_number, retention, Field,
    InputError, Inputs, Locale, ParseError, Period, Quantity, Report, Token, Verdict,
};

const MAX_COUNT: u64 = 10_000_000_000;

fn any_period() -> impl Strategy<Value = Period> {
    prop::sample::select(Period::ALL.to_vec())
}

fn any_locale() -> impl Strategy<Value = Locale> {
    prop::sample::select(Locale::ALL.to_vec())
}

/// Whatever ends up in a field: sensible numbers, limits, and everything that is not.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            0.0,
            -0.0,
            1.0,
            100.0,
            10_000.0,
            1e9,
            1e10,
            1e10 + 1.0,
        ]),
        (0..=2_000u64).prop_map(|n| n as f64),
        (0..=2 * MAX_COUNT).prop_map(|n| n as f64),
        0.0..200.0,
        -1e12..1e12,
    ]
}

/// Every field of anything.
fn wild_inputs() -> impl Strategy<Value = Inputs> {
    let field = || prop::option::weighted(0.9, any_number());
    (
        (field(), field(), field()),
        (field(), field(), field(), field()),
        (field(), field()),
        any_period(),
    )
        .prop_map(
            |(
                (start, end, new),
                (spend, frequency, margin, lifespan),
                (discount_rate, cac),
                period,
            )| Inputs {
                start,
                end,
                new,
                spend,
                frequency,
                margin,
                lifespan,
                discount_rate,
                cac,
                period,
            },
        )
}

/// An amount from zero up to and including `max`, often a small one.
fn amount(max: f64) -> impl Strategy<Value = f64> {
    prop_oneof![0.0..=max, 0.0..=100.0, Just(max), Just(0.0)]
}

/// Inputs without a mistake, up to the limits.
fn sensible_inputs() -> impl Strategy<Value = Inputs> {
    (
        valid_counts(),
        amount(Field::Spend.max()),
        amount(Field::Frequency.max()),
        prop::option::of(amount(100.0)),
        prop::option::of(prop_oneof![
            0.01..=100.0,
            Just(100.0),
            Just(f64::MIN_POSITIVE)
        ]),
        (
            prop::option::of(amount(100.0)),
            prop::option::of(0.01..=Field::Cac.max()),
        ),
        any_period(),
    )
        .prop_map(
            |((s, e, n), spend, frequency, margin, lifespan, (discount_rate, cac), period)| {
                Inputs {
                    start: Some(s as f64),
                    end: Some(e as f64),
                    new: Some(n as f64),
                    spend: Some(spend),
                    frequency: Some(frequency),
                    margin,
                    lifespan,
                    discount_rate,
                    cac,
                    period,
                }
            },
        )
}

/// Anything, from sensible inputs with one field gone wrong to seven fields of nonsense.
fn any_inputs() -> impl Strategy<Value = Inputs> {
    prop_oneof![
        sensible_inputs(),
        (
            sensible_inputs(),
            prop::sample::select(Field::ALL.to_vec()),
            prop::option::of(any_number()),
        )
            .prop_map(|(mut inputs, field, value)| {
                inputs.set(field, value);
                inputs
            }),
        wild_inputs(),
    ]
}

/// S, E and N that make sense together: N ≤ E and E − N ≤ S, all within the limit.
fn valid_counts() -> impl Strategy<Value = (u64, u64, u64)> {
    prop_oneof![1..=1_000u64, 1..=MAX_COUNT]
        .prop_flat_map(|s| (Just(s), prop_oneof![0..=s, Just(s), Just(s - 1)]))
        .prop_flat_map(|(s, retained)| {
            let room = MAX_COUNT - retained;
            (
                Just(s),
                Just(retained),
                prop_oneof![0..=room.min(1_000), 0..=room],
            )
        })
        .prop_map(|(s, retained, new)| (s, retained + new, new))
}

#[track_caller]
fn near(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{what}: {actual} is not {expected}"
    );
}

#[track_caller]
fn percent(value: f64, what: &str) {
    assert!(
        value.is_finite() && (0.0..=100.0).contains(&value),
        "{what}: {value} is not a percentage"
    );
}

#[track_caller]
fn finite_and_not_negative(value: f64, what: &str) {
    assert!(value.is_finite() && value >= 0.0, "{what}: {value}");
}

#[track_caller]
fn sensible(quantity: Quantity, what: &str) {
    match quantity {
        Quantity::Count(_) => {}
        Quantity::Percent(p) => percent(p, what),
        Quantity::Money(v)
        | Quantity::RoundMoney(v)
        | Quantity::Number(v)
        | Quantity::Years(v)
        | Quantity::Periods(v, _)
        | Quantity::Ratio(v) => {
            finite_and_not_negative(v, what);
        }
    }
}

#[track_caller]
fn every_figure_is_sensible(report: &Report) {
    if let Some(r) = &report.retention {
        assert_eq!(r.retained + r.lost, r.start, "{r:?}");
        assert_eq!(r.retained + r.new, r.end, "{r:?}");
        for (what, rate) in [
            ("retention", r.retention_rate),
            ("churn", r.churn_rate),
            ("annual retention", r.annual_retention_rate),
            ("annual churn", r.annual_churn_rate),
        ] {
            percent(rate, what);
        }
        if let Some(l) = r.lifespan {
            finite_and_not_negative(l.periods, "lifespan periods");
            finite_and_not_negative(l.years, "lifespan years");
        }
    }
    if let Some(v) = &report.value {
        for (what, amount) in [
            ("spend", v.spend),
            ("frequency", v.frequency),
            ("annual revenue", v.annual_revenue),
            ("lifespan", v.lifespan_years),
            ("clv", v.clv),
            ("profit clv", v.profit_clv.unwrap_or(0.0)),
        ] {
            finite_and_not_negative(amount, what);
        }
        percent(v.margin.unwrap_or(0.0), "margin");
    }
    for e in explain(report) {
        let what = format!("{:?}", e.figure);
        sensible(e.value, &what);
        if let Some(q) = e.at_target {
            sensible(q, &what);
        }
        for token in e.formula {
            if let Token::Value(q) = token {
                sensible(q, &what);
            }
        }
    }
}

#[track_caller]
fn reads(text: &str, locale: Locale) -> f64 {
    match parse_number(text, locale) {
        Ok(value) => value,
        Err(e) => panic!("{locale:?} cannot read back {text:?}: {e:?}"),
    }
}

proptest! {
    #[test]
    fn sensible_counts_give_consistent_rates((s, e, n) in valid_counts(), period in any_period()) {
        let r = retention(Some(s as f64), Some(e as f64), Some(n as f64), period).unwrap();
        prop_assert_eq!((r.start, r.end, r.new), (s, e, n));
        prop_assert_eq!(r.retained + r.lost, s);
        prop_assert_eq!(r.retained, e - n);
        percent(r.retention_rate, "retention");
        percent(r.churn_rate, "churn");
        near(r.retention_rate + r.churn_rate, 100.0, "retention + churn");
        percent(r.annual_retention_rate, "annual retention");
        percent(r.annual_churn_rate, "annual churn");
        near(r.annual_retention_rate + r.annual_churn_rate, 100.0, "annual retention + churn");
        // Compounding over more periods never loses fewer customers.
        prop_assert!(r.annual_churn_rate >= r.churn_rate - 1e-9);
        match r.lifespan {
            None => prop_assert_eq!(r.lost, 0),
            Some(l) => {
                prop_assert!(r.lost > 0);
                prop_assert!(l.periods.is_finite() && l.periods >= 1.0, "{:?}", l);
                near(l.years * f64::from(period.per_year()), l.periods, "years × periods a year");
            }
        }
        prop_assert_eq!(r.verdict, Verdict::of(r.annual_retention_rate));
    }

    #[test]
    fn sensible_counts_are_accepted_by_calculate((s, e, n) in valid_counts(), period in any_period()) {
        let inputs = Inputs {
            start: Some(s as f64),
            end: Some(e as f64),
            new: Some(n as f64),
            spend: Some(Field::Spend.max()),
            frequency: Some(Field::Frequency.max()),
            margin: Some(100.0),
            lifespan: None,
            discount_rate: Some(0.0),
            cac: Some(Field::Cac.max()),
            period,
        };
        let report = calculate(&inputs);
        let r = report.retention.expect("valid counts");
        if r.lost == 0 {
            prop_assert_eq!(&report.errors, &[InputError::LifespanNeeded]);
        } else {
            prop_assert_eq!(&report.errors, &[]);
            prop_assert!(report.value.is_some());
        }
        every_figure_is_sensible(&report);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn calculate_takes_anything_and_every_figure_it_gives_is_finite(inputs in any_inputs()) {
        let report = calculate(&inputs);
        every_figure_is_sensible(&report);

        // At most one mistake per field, in form order.
        let fields: Vec<Field> = report.errors.iter().map(|e| e.field()).collect();
        prop_assert!(fields.windows(2).all(|w| w[0] < w[1]), "{:?}", report.errors);

        // Retention is there exactly when S, E and N are fine.
        let counts_fine = [Field::Start, Field::End, Field::New]
            .into_iter()
            .all(|f| report.error(f).is_none());
        prop_assert_eq!(report.retention.is_some(), counts_fine, "{:?}", report);

        // A value never comes with a mistake in its own inputs; a bad margin only takes
        // profit CLV away.
        if let Some(value) = &report.value {
            for f in [Field::Spend, Field::Frequency, Field::Lifespan] {
                prop_assert_eq!(report.error(f), None);
            }
            if report.error(Field::Margin).is_some() {
                prop_assert_eq!(value.profit_clv, None);
            }
        }

        // A missing figure is always explained by a mistake.
        if report.retention.is_none() || report.value.is_none() {
            prop_assert!(!report.errors.is_empty(), "{:?}", report);
        }
    }

    #[test]
    fn parse_number_takes_any_text(text in any::<String>(), locale in any_locale()) {
        check_parse(&text, locale)?;
    }

    #[test]
    fn parse_number_takes_any_number_like_text(
        text in "[-+−]{0,2}[€$£ ]{0,2}(us\\$|EUR|usd)?[0-9.,\u{a0} '’]{0,40}[%€ ]{0,2}",
        locale in any_locale(),
    ) {
        check_parse(&text, locale)?;
    }

    #[test]
    fn parse_number_never_reads_a_huge_number_as_infinite(
        text in "[1-9][0-9]{290,330}([.,][0-9]{0,3})?",
        locale in any_locale(),
    ) {
        check_parse(&text, locale)?;
    }

    #[test]
    fn the_verdict_agrees_with_the_rate_as_shown(rate in 0.0..=100.0f64) {
        let shown = format_decimal(rate, 1, 1, Locale::En);
        prop_assert_eq!(Verdict::of(rate), Verdict::of(reads(&shown, Locale::En)), "{}", shown);
    }

    #[test]
    fn two_decimals_read_back_as_the_value_rounded_to_cents(
        value in -1e12..1e12f64,
        locale in any_locale(),
    ) {
        let text = format_decimal(value, 0, 2, locale);
        let read = reads(&text, locale);
        // One of the two neighbouring cents…
        let cents = value * 100.0;
        let down = cents.floor() / 100.0;
        let up = cents.ceil() / 100.0;
        let tolerance = 1e-9 * value.abs().max(1.0);
        prop_assert!(
            (read - down).abs() <= tolerance || (read - up).abs() <= tolerance,
            "{} reads as {}, not {} or {}", text, read, down, up
        );
        // …the nearer one, up to a tie.
        prop_assert!((read - value).abs() <= 0.005 + tolerance, "{} from {}", text, value);
    }

    #[test]
    fn two_decimals_away_from_a_tie_read_back_exactly_rounded(
        cents in -99_999_999_999_999i64..=99_999_999_999_999,
        offset in -0.45..0.45f64,
        locale in any_locale(),
    ) {
        let value = (cents as f64 + offset) / 100.0;
        let expected = cents as f64 / 100.0;
        let text = format_decimal(value, 0, 2, locale);
        near(reads(&text, locale), expected, &text);
    }

    #[test]
    fn input_fields_read_back_exactly(
        micros in -(1i64 << 53) + 1..(1i64 << 53),
        locale in any_locale(),
    ) {
        let value = micros as f64 / 1e6;
        let text = format_input(value, locale);
        prop_assert_eq!(reads(&text, locale), value, "{}", text);
    }

    #[test]
    fn whole_numbers_in_input_fields_read_back_exactly(
        n in 0..=2 * MAX_COUNT,
        locale in any_locale(),
    ) {
        let value = n as f64;
        prop_assert_eq!(read_number(&format_input(value, locale), locale), Some(value));
    }
}

fn check_parse(text: &str, locale: Locale) -> Result<(), TestCaseError> {
    let parsed = parse_number(text, locale);
    if let Ok(value) = parsed {
        prop_assert!(value.is_finite(), "{:?} parses as {}", text, value);
    }
    // The form sees the same thing: empty is None, text is NaN.
    match (parsed, read_number(text, locale)) {
        (Ok(a), Some(b)) => prop_assert_eq!(a.to_bits(), b.to_bits()),
        (Err(ParseError::Empty), None) => {}
        (Err(ParseError::Invalid), Some(b)) => prop_assert!(b.is_nan()),
        (p, r) => prop_assert!(false, "{:?}: parse {:?} but read {:?}", text, p, r),
    }
    if text.trim().is_empty() {
        prop_assert_eq!(parsed, Err(ParseError::Empty));
    }
    Ok(())
}

#[test]
fn at_the_thresholds_the_verdict_agrees_with_the_rate_as_shown() {
    for threshold in [84.95, 79.95, 85.0, 80.0] {
        let bits = f64::to_bits(threshold);
        for rate in (bits - 64..=bits + 64).map(f64::from_bits) {
            let shown = format_decimal(rate, 1, 1, Locale::En);
            assert_eq!(
                Verdict::of(rate),
                Verdict::of(reads(&shown, Locale::En)),
                "{rate} shows as {shown}"
            );
        }
    }
}
