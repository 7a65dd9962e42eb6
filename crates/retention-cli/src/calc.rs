//! `retention calc`: every figure from S, E, N and the value inputs, with its formula.

use retention_core::{
    calculate, explain, format_count, format_decimal, format_money, format_percent, read_number,
    Currency, Explanation, Field, Figure, InputError, Inputs, Locale, Period, Quantity,
    RatioVerdict, Report, Token, Verdict,
};
use serde::Serialize;

use crate::args::Args;
use crate::{print_json, Failure};

/// The flags that carry a figure, and the field each fills.
const FIGURES: [(&str, Field); 9] = [
    ("start", Field::Start),
    ("end", Field::End),
    ("new", Field::New),
    ("spend", Field::Spend),
    ("frequency", Field::Frequency),
    ("margin", Field::Margin),
    ("lifespan", Field::Lifespan),
    ("discount-rate", Field::DiscountRate),
    ("cac", Field::Cac),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CalcJson<'a> {
    report: &'a Report,
    explanations: &'a [Explanation],
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut valued: Vec<&'static str> = FIGURES.iter().map(|(flag, _)| *flag).collect();
    valued.extend(["period", "locale", "currency"]);
    let args = Args::parse(args, &valued, &["json", "help"])?;
    if args.has("help") {
        print!("{}", crate::USAGE);
        return Ok(());
    }
    if let Some(extra) = args.positional.first() {
        return Err(Failure::Usage(format!("calc takes no argument '{extra}'")));
    }
    let locale = args.locale(Locale::En)?;
    let currency = match args.value("currency") {
        None => locale.default_currency(),
        Some(code) => Currency::from_code(code).ok_or_else(|| {
            Failure::Usage(format!("--currency must be EUR, USD or GBP, not '{code}'"))
        })?,
    };
    let mut inputs = Inputs {
        period: args.period(Period::Year)?,
        ..Inputs::default()
    };
    for (flag, field) in FIGURES {
        // Typed as in the calculator: "1.000" is a thousand with --locale nl.
        inputs.set(field, args.value(flag).and_then(|t| read_number(t, locale)));
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
    if args.has("json") {
        print_json(&CalcJson {
            report: &report,
            explanations: &explanations,
        })?;
    } else {
        print_table(&report, &explanations, locale, currency);
    }
    if report.errors.is_empty() {
        return Ok(());
    }
    for error in &report.errors {
        eprintln!("retention: error: {error}");
    }
    Err(Failure::Input(String::new()))
}

fn print_table(report: &Report, explanations: &[Explanation], locale: Locale, currency: Currency) {
    if let Some(r) = &report.retention {
        let count = |n| format_count(n, locale);
        println!(
            "{}: S {} · E {} · N {}",
            period_name(r.period, locale),
            count(r.start),
            count(r.end),
            count(r.new)
        );
        println!();
    }
    let mut verdict_shown = false;
    for e in explanations {
        let value = quantity(e.value, locale, currency);
        let formula: String = e
            .formula
            .iter()
            .map(|t| match t {
                Token::Text(text) => text.to_string(),
                Token::Value(q) => quantity(*q, locale, currency),
                Token::Power(n) => format!("^{n}"),
            })
            .collect();
        let mut note = String::new();
        if let Some(v) = e.verdict.filter(|_| !verdict_shown) {
            note = format!("  [{}]", verdict(v, locale));
            verdict_shown = true;
        }
        if let Some(v) = e.ratio_verdict.filter(|_| e.figure == Figure::ClvCacRatio) {
            note = format!("  [{}]", ratio_verdict(v, locale));
        }
        println!(
            "{:<24} {:>16}  = {formula}{note}",
            label(e.figure, locale),
            value
        );
    }
}

/// A figure written in the locale, with its unit.
pub(crate) fn quantity(q: Quantity, locale: Locale, currency: Currency) -> String {
    let nl = locale == Locale::Nl;
    match q {
        Quantity::Count(n) => format_count(n, locale),
        Quantity::Percent(p) => format_percent(p, 1, locale),
        Quantity::Money(m) => format_money(m, currency, locale),
        Quantity::Number(n) => format_decimal(n, 0, 2, locale),
        Quantity::Years(y) => {
            let unit = if nl { "jaar" } else { "years" };
            format!("{} {unit}", format_decimal(y, 1, 1, locale))
        }
        Quantity::Periods(n, period) => {
            let unit = match (period, nl) {
                (Period::Month, false) => "months",
                (Period::Quarter, false) => "quarters",
                (Period::Year, false) => "years",
                (Period::Month, true) => "maanden",
                (Period::Quarter, true) => "kwartalen",
                (Period::Year, true) => "jaar",
            };
            format!("{} {unit}", format_decimal(n, 1, 1, locale))
        }
        Quantity::Ratio(r) => format!("{} : 1", format_decimal(r, 1, 1, locale)),
    }
}

fn label(figure: Figure, locale: Locale) -> &'static str {
    let (en, nl) = match figure {
        Figure::RetentionRate => ("Retention rate (CRR)", "Klantretentie (CRR)"),
        Figure::Retained => ("Customers retained", "Behouden klanten"),
        Figure::Lost => ("Customers lost", "Verloren klanten"),
        Figure::ChurnRate => ("Churn rate", "Churn"),
        Figure::AnnualRetention => ("Retention per year", "Retentie per jaar"),
        Figure::AnnualChurn => ("Churn per year", "Churn per jaar"),
        Figure::Lifespan => ("Expected lifespan", "Verwachte klantduur"),
        Figure::Clv => ("CLV", "CLV"),
        Figure::ProfitClv => ("Profit CLV", "CLV in winst"),
        Figure::DiscountedClv => ("Discounted CLV", "Verdisconteerde CLV"),
        Figure::ClvCacRatio => ("CLV : CAC", "CLV : CAC"),
        Figure::Payback => ("Payback time", "Terugverdientijd"),
    };
    match locale {
        Locale::En => en,
        Locale::Nl => nl,
    }
}

fn period_name(period: Period, locale: Locale) -> &'static str {
    match (period, locale) {
        (Period::Month, Locale::En) => "Over a month",
        (Period::Quarter, Locale::En) => "Over a quarter",
        (Period::Year, Locale::En) => "Over a year",
        (Period::Month, Locale::Nl) => "Over een maand",
        (Period::Quarter, Locale::Nl) => "Over een kwartaal",
        (Period::Year, Locale::Nl) => "Over een jaar",
    }
}

fn verdict(v: Verdict, locale: Locale) -> &'static str {
    match (v, locale) {
        (Verdict::Above, Locale::En) => "at or above the 85% a year target",
        (Verdict::Near, Locale::En) => "near the 85% a year target",
        (Verdict::Below, Locale::En) => "below the 85% a year target",
        (Verdict::Above, Locale::Nl) => "op of boven de norm van 85% per jaar",
        (Verdict::Near, Locale::Nl) => "dicht bij de norm van 85% per jaar",
        (Verdict::Below, Locale::Nl) => "onder de norm van 85% per jaar",
    }
}

fn ratio_verdict(v: RatioVerdict, locale: Locale) -> &'static str {
    match (v, locale) {
        (RatioVerdict::Healthy, Locale::En) => "healthy: 3 : 1 or better",
        (RatioVerdict::Thin, Locale::En) => "thin: below 3 : 1",
        (RatioVerdict::Losing, Locale::En) => "losing money: below 1 : 1",
        (RatioVerdict::Healthy, Locale::Nl) => "gezond: 3 : 1 of beter",
        (RatioVerdict::Thin, Locale::Nl) => "krap: onder 3 : 1",
        (RatioVerdict::Losing, Locale::Nl) => "verliesgevend: onder 1 : 1",
    }
}
