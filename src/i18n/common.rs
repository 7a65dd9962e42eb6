//! Sentences more than one part of the page says the same way: a mistake in a number field,
//! and the verdict on annual retention. Each part words only what is its own.

use retention_core::{
    format_decimal, format_percent, Locale, Period, Quantity, Verdict, TARGET_RETENTION,
};

use super::Words;

/// A mistake in a number field that every calculator words alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mistake {
    Missing,
    NotANumber,
    Negative,
    NotAPercentage,
    /// More than the field's largest sensible value.
    TooLarge(f64),
}

/// A mistake in a number field, in the page's language.
pub fn mistake(mistake: Mistake, locale: Locale) -> String {
    let l = locale;
    match mistake {
        Mistake::Missing => l
            .pick("Vul dit veld in.", "Fill in this field.")
            .to_string(),
        Mistake::NotANumber => l
            .pick(
                "Dit is geen getal. Typ bijvoorbeeld 1.234,56.",
                "This is not a number. Type for example 1,234.56.",
            )
            .to_string(),
        Mistake::Negative => l
            .pick("Dit kan niet negatief zijn.", "This cannot be negative.")
            .to_string(),
        Mistake::NotAPercentage => l
            .pick(
                "Dit is een percentage tussen 0 en 100%.",
                "This is a percentage between 0 and 100%.",
            )
            .to_string(),
        Mistake::TooLarge(max) => {
            let max = format_decimal(max, 0, 0, l);
            l.pick(
                format!("Dat is meer dan {max}. Klopt dit getal?"),
                format!("That is more than {max}. Is this number right?"),
            )
        }
    }
}

/// Whom a calculator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Customers,
    Members,
}

/// How annual retention compares with the target, in one sentence: `annual` is the rate a
/// year, `period` the one the numbers were counted in.
pub fn verdict_sentence(
    verdict: Verdict,
    annual: f64,
    period: Period,
    who: Who,
    words: Words,
) -> String {
    let l = words.locale;
    let (nl_who, en_who, nl_exactly, en_exactly) = match who {
        Who::Customers => ("klanten", "customers", "precies ", "exactly "),
        Who::Members => ("leden", "members", "", ""),
    };
    let annual_rate = annual;
    let annual = words.q(Quantity::Percent(annual_rate));
    let target = format_percent(TARGET_RETENTION, 0, l);
    let gap = format_decimal(TARGET_RETENTION - annual_rate, 1, 1, l);
    let head = match verdict {
        Verdict::Above => l.pick(
            format!("Boven de norm: je houdt {annual} van je {nl_who} per jaar, de norm is {target}."),
            format!("Above the target: you keep {annual} of your {en_who} a year; the target is {target}."),
        ),
        Verdict::OnTarget => l.pick(
            format!("Op de norm: je houdt {nl_exactly}{annual} van je {nl_who} per jaar."),
            format!("On target: you keep {en_exactly}{annual} of your {en_who} a year."),
        ),
        Verdict::Near => l.pick(
            format!("Dicht bij de norm: {annual} per jaar, {gap} procentpunt onder {target}."),
            format!("Near the target: {annual} a year, {gap} points below {target}."),
        ),
        Verdict::Below => l.pick(
            format!("Onder de norm: {annual} per jaar, {gap} procentpunt onder {target}."),
            format!("Below the target: {annual} a year, {gap} points below {target}."),
        ),
    };
    let tail = match period {
        Period::Year => "",
        _ => l.pick(
            " De norm geldt per jaar, dus de retentie is eerst naar een jaar omgerekend.",
            " The target is per year, so retention is first compounded to a year.",
        ),
    };
    head + tail
}
