//! Every mistake someone can type, and what the calculator says about it.

use retention_core::{calculate, read_number, Field, InputError, Inputs, Locale, Period, Report};

/// The page's worked example with one field changed.
fn example_with(field: Field, value: Option<f64>) -> Inputs {
    let mut inputs = Inputs::example();
    inputs.set(field, value);
    inputs
}

/// The one error `calculate` reports for `inputs`, checked to sit on `field`.
#[track_caller]
fn only_error(inputs: &Inputs, field: Field) -> InputError {
    let report = calculate(inputs);
    assert_eq!(
        report.errors.len(),
        1,
        "{inputs:?} gives {:?}",
        report.errors
    );
    let error = report.errors[0];
    assert_eq!(error.field(), field, "{error:?}");
    assert_eq!(report.error(field), Some(error));
    error
}

/// Asserts that typing `value` in `field` of the worked example gives `expected`, and nothing else.
#[track_caller]
fn rejects(field: Field, value: f64, expected: InputError) {
    let inputs = example_with(field, Some(value));
    assert_eq!(only_error(&inputs, field), expected, "{field} = {value}");
}

/// Asserts that the worked example accepts `value` in `field`.
#[track_caller]
fn accepts(field: Field, value: Option<f64>) {
    let report = calculate(&example_with(field, value));
    assert_eq!(report.errors, [], "{field} = {value:?}");
    assert!(report.retention.is_some() && report.value.is_some());
}

const REQUIRED: [Field; 5] = [
    Field::Start,
    Field::End,
    Field::New,
    Field::Spend,
    Field::Frequency,
];

#[test]
fn the_worked_example_has_no_mistakes() {
    let report = calculate(&Inputs::example());
    assert_eq!(report.errors, []);
    for field in Field::ALL {
        assert_eq!(report.error(field), None);
    }
}

#[test]
fn an_empty_required_field_is_missing() {
    for field in REQUIRED {
        let inputs = example_with(field, None);
        assert_eq!(only_error(&inputs, field), InputError::Missing { field });
    }
}

#[test]
fn margin_and_lifespan_may_stay_empty() {
    accepts(Field::Margin, None);
    accepts(Field::Lifespan, None);
}

#[test]
fn text_that_is_not_a_number_says_so_in_every_field() {
    let veel = read_number("veel", Locale::Nl);
    assert!(veel.is_some_and(f64::is_nan), "{veel:?}");
    for field in Field::ALL {
        rejects(field, f64::NAN, InputError::NotANumber { field });
    }
}

#[test]
fn counts_and_amounts_cannot_be_negative() {
    for field in REQUIRED {
        rejects(field, -1.0, InputError::Negative { field });
        rejects(field, f64::NEG_INFINITY, InputError::Negative { field });
    }
    rejects(
        Field::Spend,
        -0.01,
        InputError::Negative {
            field: Field::Spend,
        },
    );
}

#[test]
fn there_is_no_fraction_of_a_customer() {
    rejects(
        Field::Start,
        10.5,
        InputError::NotWhole {
            field: Field::Start,
        },
    );
    rejects(
        Field::End,
        1050.5,
        InputError::NotWhole { field: Field::End },
    );
    rejects(Field::New, 0.5, InputError::NotWhole { field: Field::New });
    rejects(
        Field::Start,
        1_000.000_001,
        InputError::NotWhole {
            field: Field::Start,
        },
    );
    // Amounts may have fractions.
    accepts(Field::Spend, Some(74.99));
    accepts(Field::Frequency, Some(2.5));
}

#[test]
fn an_entered_lifespan_must_be_positive() {
    let not_positive = InputError::NotPositive {
        field: Field::Lifespan,
    };
    rejects(Field::Lifespan, 0.0, not_positive);
    rejects(Field::Lifespan, -0.0, not_positive);
    rejects(Field::Lifespan, -2.0, not_positive);
    rejects(Field::Lifespan, f64::NEG_INFINITY, not_positive);
    accepts(Field::Lifespan, Some(0.25));
}

#[test]
fn a_number_above_the_limit_is_a_typing_mistake() {
    for field in [
        Field::Start,
        Field::End,
        Field::New,
        Field::Spend,
        Field::Frequency,
        Field::Lifespan,
    ] {
        let max = field.max();
        let too_large = InputError::TooLarge { field, max };
        rejects(field, max * 1.5, too_large);
        rejects(field, f64::INFINITY, too_large);
        rejects(field, f64::MAX, too_large);
    }
    // S, E and N must still make sense together at the limit.
    let mut inputs = Inputs::example();
    inputs.start = Some(1e10);
    inputs.end = Some(1e10 + 2.0);
    assert_eq!(
        only_error(&inputs, Field::End),
        InputError::TooLarge {
            field: Field::End,
            max: 1e10
        }
    );
}

#[test]
fn the_limits_themselves_are_accepted() {
    accepts(Field::Start, Some(Field::Start.max()));
    accepts(Field::Spend, Some(Field::Spend.max()));
    accepts(Field::Frequency, Some(Field::Frequency.max()));
    accepts(Field::Lifespan, Some(Field::Lifespan.max()));
    accepts(Field::Margin, Some(100.0));
    accepts(Field::Margin, Some(0.0));
    let mut inputs = Inputs::example();
    inputs.start = Some(1e10);
    inputs.end = Some(1e10);
    inputs.new = Some(1e10);
    let report = calculate(&inputs);
    assert_eq!(report.errors, []);
    assert_eq!(report.retention.unwrap().retention_rate, 0.0);
}

#[test]
fn no_customers_at_the_start_leaves_nothing_to_retain() {
    let inputs = example_with(Field::Start, Some(0.0));
    assert_eq!(only_error(&inputs, Field::Start), InputError::StartIsZero);
    assert_eq!(calculate(&inputs).retention, None);
}

#[test]
fn more_new_customers_than_customers_at_the_end_is_impossible() {
    let inputs = example_with(Field::New, Some(1051.0));
    assert_eq!(only_error(&inputs, Field::New), InputError::NewExceedsEnd);
    // As many new as at the end is fine: nobody from the start stayed.
    accepts(Field::New, Some(1050.0));
}

#[test]
fn keeping_more_customers_than_there_were_is_impossible() {
    // E − N = 1100 kept out of S = 1000.
    let inputs = example_with(Field::End, Some(1300.0));
    assert_eq!(
        only_error(&inputs, Field::End),
        InputError::RetainedExceedsStart
    );
    // E − N = S: everybody stayed, which is fine with an entered lifespan.
    let mut inputs = example_with(Field::End, Some(1200.0));
    inputs.lifespan = Some(5.0);
    assert_eq!(calculate(&inputs).errors, []);
}

#[test]
fn a_margin_is_a_percentage() {
    for margin in [
        -1.0,
        -0.001,
        100.5,
        101.0,
        1e10,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        rejects(
            Field::Margin,
            margin,
            InputError::NotAPercentage {
                field: Field::Margin,
            },
        );
    }
}

#[test]
fn nobody_lost_and_no_lifespan_entered_needs_a_lifespan() {
    let inputs = example_with(Field::End, Some(1200.0));
    assert_eq!(
        only_error(&inputs, Field::Lifespan),
        InputError::LifespanNeeded
    );
    let report = calculate(&inputs);
    assert_eq!(report.retention.unwrap().retention_rate, 100.0);
    assert_eq!(report.value, None);
}

#[test]
fn a_mistake_only_hides_the_figures_that_depend_on_it() {
    // A bad spend: no CLV, but retention.
    let report = calculate(&example_with(Field::Spend, Some(-75.0)));
    assert!(report.retention.is_some());
    assert_eq!(report.value, None);

    // A bad frequency: the same.
    let report = calculate(&example_with(Field::Frequency, Some(f64::NAN)));
    assert!(report.retention.is_some());
    assert_eq!(report.value, None);

    // A bad margin: retention and CLV in revenue, but no profit CLV until it is corrected.
    let report = calculate(&example_with(Field::Margin, Some(150.0)));
    assert_eq!(report.retention.unwrap().retention_rate, 85.0);
    let value = report.value.expect("CLV in revenue does not need a margin");
    assert_eq!(
        (value.clv, value.margin, value.profit_clv),
        (1500.0, None, None)
    );
    assert_eq!(
        report.errors,
        [InputError::NotAPercentage {
            field: Field::Margin
        }]
    );

    // A bad entered lifespan: no CLV, retention, and no call to enter a lifespan.
    let report = calculate(&example_with(Field::Lifespan, Some(0.0)));
    assert!(report.retention.is_some());
    assert_eq!(report.value, None);
    assert_eq!(report.errors.len(), 1);

    // A bad count: no retention, but CLV when the lifespan was entered.
    let mut inputs = example_with(Field::New, Some(2000.0));
    inputs.lifespan = Some(2.5);
    let report = calculate(&inputs);
    assert_eq!(report.retention, None);
    assert_eq!(report.value.unwrap().clv, 562.5);
    assert_eq!(report.errors, [InputError::NewExceedsEnd]);
}

#[test]
fn each_field_shows_its_first_mistake_in_form_order() {
    let inputs = Inputs {
        start: Some(-5.0),
        end: Some(f64::NAN),
        new: Some(2.5),
        spend: None,
        frequency: Some(f64::INFINITY),
        margin: Some(-3.0),
        lifespan: Some(0.0),
        discount_rate: Some(101.0),
        cac: Some(0.0),
        period: Period::Month,
    };
    let report = calculate(&inputs);
    assert_eq!(
        report.errors,
        [
            InputError::Negative {
                field: Field::Start
            },
            InputError::NotANumber { field: Field::End },
            InputError::NotWhole { field: Field::New },
            InputError::Missing {
                field: Field::Spend
            },
            InputError::TooLarge {
                field: Field::Frequency,
                max: 10_000.0
            },
            InputError::NotAPercentage {
                field: Field::Margin
            },
            InputError::NotPositive {
                field: Field::Lifespan
            },
            InputError::NotAPercentage {
                field: Field::DiscountRate
            },
            InputError::NotPositive { field: Field::Cac },
        ]
    );
    assert_eq!((report.retention, report.value), (None, None));
    let fields: Vec<Field> = report.errors.iter().map(InputError::field).collect();
    assert_eq!(fields, Field::ALL);
}

/// One way to reach each variant through `calculate`.
fn every_kind_of_mistake() -> Vec<(Inputs, InputError)> {
    let field = Field::Start;
    vec![
        (example_with(field, None), InputError::Missing { field }),
        (
            example_with(field, Some(f64::NAN)),
            InputError::NotANumber { field },
        ),
        (
            example_with(field, Some(-1.0)),
            InputError::Negative { field },
        ),
        (
            example_with(field, Some(0.5)),
            InputError::NotWhole { field },
        ),
        (
            example_with(Field::Lifespan, Some(0.0)),
            InputError::NotPositive {
                field: Field::Lifespan,
            },
        ),
        (
            example_with(Field::Spend, Some(1e12)),
            InputError::TooLarge {
                field: Field::Spend,
                max: 1e9,
            },
        ),
        (example_with(field, Some(0.0)), InputError::StartIsZero),
        (
            example_with(Field::New, Some(5000.0)),
            InputError::NewExceedsEnd,
        ),
        (
            example_with(Field::Start, Some(10.0)),
            InputError::RetainedExceedsStart,
        ),
        (
            example_with(Field::Margin, Some(101.0)),
            InputError::NotAPercentage {
                field: Field::Margin,
            },
        ),
        (
            example_with(Field::End, Some(1200.0)),
            InputError::LifespanNeeded,
        ),
    ]
}

#[test]
fn every_kind_of_mistake_is_reported_next_to_its_field() {
    let cases = every_kind_of_mistake();
    for (inputs, expected) in &cases {
        assert_eq!(only_error(inputs, expected.field()), *expected);
    }
    let mut codes: Vec<&str> = cases.iter().map(|(_, e)| e.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 11, "one code per kind of mistake: {codes:?}");
}

#[test]
fn messages_are_lowercase_and_name_the_field() {
    for (_, error) in every_kind_of_mistake() {
        let message = error.to_string();
        assert_eq!(message, message.to_lowercase(), "{error:?}");
        assert!(
            message.contains(error.field().name()),
            "{message:?} does not name {}",
            error.field()
        );
        assert!(!message.ends_with('.'), "{message:?}");
    }
    let too_large = InputError::TooLarge {
        field: Field::Start,
        max: Field::Start.max(),
    };
    assert_eq!(too_large.to_string(), "start must be at most 10000000000");
    assert_eq!(
        InputError::Missing {
            field: Field::Spend
        }
        .to_string(),
        "spend is required"
    );
}

/// The form as typed: one text per field, read in `locale`.
fn typed(locale: Locale, texts: [&str; 7]) -> Report {
    let mut inputs = Inputs::default();
    for (field, text) in Field::ALL.into_iter().zip(texts) {
        inputs.set(field, read_number(text, locale));
    }
    calculate(&inputs)
}

#[track_caller]
fn spend_typed(locale: Locale, text: &str) -> Result<f64, InputError> {
    let report = typed(locale, ["1000", "1050", "200", text, "1", "", "1"]);
    match report.error(Field::Spend) {
        Some(error) => Err(error),
        None => Ok(report.value.expect("no error, so a value").spend),
    }
}

#[test]
fn the_dutch_form_as_typed() {
    let report = typed(
        Locale::Nl,
        ["1.000", "1.050", "200", "€ 75", "3", "60%", ""],
    );
    assert_eq!(report.errors, []);
    assert_eq!(report.retention.unwrap().retention_rate, 85.0);
    let value = report.value.unwrap();
    assert_eq!((value.spend, value.margin), (75.0, Some(60.0)));
    assert!((value.clv - 1500.0).abs() < 1e-9, "{}", value.clv);
}

#[test]
fn the_english_form_as_typed() {
    let report = typed(
        Locale::En,
        ["1,000", "1,050", "200", "€ 75", "3", "60 %", "2.5"],
    );
    assert_eq!(report.errors, []);
    assert_eq!(report.retention.unwrap().lost, 150);
    let value = report.value.unwrap();
    assert_eq!((value.clv, value.profit_clv), (562.5, Some(337.5)));
}

#[test]
fn amounts_read_in_either_habit() {
    for locale in Locale::ALL {
        assert_eq!(spend_typed(locale, "1.234,56"), Ok(1234.56), "{locale:?}");
        assert_eq!(spend_typed(locale, "1234,56"), Ok(1234.56), "{locale:?}");
        assert_eq!(spend_typed(locale, "1,234.56"), Ok(1234.56), "{locale:?}");
        assert_eq!(spend_typed(locale, "€ 75"), Ok(75.0), "{locale:?}");
        assert_eq!(spend_typed(locale, "60%"), Ok(60.0), "{locale:?}");
        assert_eq!(
            spend_typed(locale, "abc"),
            Err(InputError::NotANumber {
                field: Field::Spend
            })
        );
        assert_eq!(
            spend_typed(locale, ""),
            Err(InputError::Missing {
                field: Field::Spend
            })
        );
        assert_eq!(
            spend_typed(locale, "   "),
            Err(InputError::Missing {
                field: Field::Spend
            })
        );
    }
}

#[test]
fn a_count_with_a_dot_depends_on_the_language() {
    // "1.050" is a thousand and fifty in Dutch, one point oh five in English.
    let dutch = typed(Locale::Nl, ["1.000", "1.050", "200", "75", "3", "", ""]);
    assert_eq!(dutch.errors, []);
    let english = typed(Locale::En, ["1000", "1.050", "200", "75", "3", "", ""]);
    assert_eq!(
        english.error(Field::End),
        Some(InputError::NotWhole { field: Field::End })
    );
    assert_eq!(english.retention, None);
}

#[test]
fn a_fraction_of_a_customer_typed_in_dutch() {
    let report = typed(Locale::Nl, ["1000", "1050", "10,5", "75", "3", "", "2"]);
    assert_eq!(report.errors, [InputError::NotWhole { field: Field::New }]);
    assert_eq!(report.value.unwrap().clv, 450.0);
}
