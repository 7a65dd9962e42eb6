//! `retention calc`: every figure from S, E, N and the value inputs, with its formula.

use retention_core::{
    calculate, explain, format_count, Currency, Explanation, Field, Figure, InputError, Inputs,
    Locale, Period, Report,
};

use crate::args::{flag, Args};
use crate::{calculator_output, emit, figure_row, over, Failure};

pub fn run(args: &[String]) -> Result<(), Failure> {
    // A flag for each field of the calculator, named after it: --discount-rate.
    let flags = Field::ALL.map(|f| flag(f.name()));
    let mut valued: Vec<&str> = flags.iter().map(String::as_str).collect();
    valued.extend(["period", "locale", "currency"]);
    let args = Args::parse(args, &valued, &["json", "help"])?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    if let Some(extra) = args.positional.first() {
        return Err(Failure::Usage(format!("calc takes no argument '{extra}'")));
    }
    let locale = args.locale(Locale::En)?;
    let currency = args.currency(locale)?;
    let mut inputs = Inputs {
        period: args.period(Period::Year)?,
        ..Inputs::default()
    };
    for (field, value) in args.typed(&Field::ALL, Field::name, locale) {
        inputs.set(field, value);
    }
    let mut report = calculate(&inputs);
    // The calculator's form always has spend and frequency; here they are optional: without
    // either, the report is retention only, and their absence is no mistake.
    if inputs.spend.is_none() && inputs.frequency.is_none() {
        report.errors.retain(|e| {
            !matches!(
                e,
                InputError::Missing {
                    field: Field::Spend | Field::Frequency
                } | InputError::LifespanNeeded
            )
        });
    }
    let explanations = explain(&report);
    calculator_output(
        args.has("json"),
        &report,
        &explanations,
        &report.errors,
        || table(&report, &explanations, locale, currency),
    )
}

fn table(
    report: &Report,
    explanations: &[Explanation],
    locale: Locale,
    currency: Currency,
) -> String {
    let mut out = String::new();
    let period = report.retention.map(|r| r.period).unwrap_or_default();
    if let Some(r) = &report.retention {
        let count = |n| format_count(n, locale);
        outln!(
            out,
            "{}: S {} · E {} · N {}",
            over(r.period, locale),
            count(r.start),
            count(r.end),
            count(r.new)
        );
        outln!(out);
    }
    let mut verdict_shown = false;
    for e in explanations {
        let mut note = String::new();
        if let Some(v) = e.verdict.filter(|_| !verdict_shown) {
            note = format!("  [{}]", v.label(locale));
            verdict_shown = true;
        }
        if let Some(v) = e.ratio_verdict.filter(|_| e.figure == Figure::ClvCacRatio) {
            note = format!("  [{}]", v.label(locale));
        }
        figure_row(
            &mut out,
            e.figure.label(locale),
            &e.value.text(locale, currency),
            &e.figure.formula(period, locale),
            &e.numbers(locale, currency),
            &note,
        );
    }
    out
}
