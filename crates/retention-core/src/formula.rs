//! The building blocks of every explanation (shop, members, NPS): a figure with its formula
//! written out in the user's numbers, and the 85 % target the retention figures are measured
//! against. Each formula's text lives here once.

use crate::{Period, Quantity, Token, TARGET_RETENTION};
use Quantity::{Number, Percent};
use Token::{Power, Text, Value};

/// A figure worked out: its value, the formula with the user's numbers, and the same figure at
/// exactly the target (when there is one).
pub(crate) struct Worked {
    pub value: Quantity,
    pub formula: Vec<Token>,
    pub at_target: Option<Quantity>,
}

impl Worked {
    pub fn new(value: Quantity, formula: Vec<Token>, at_target: Option<Quantity>) -> Worked {
        Worked {
            value,
            formula,
            at_target,
        }
    }
}

/// `a − b`.
pub(crate) fn difference(a: Quantity, b: Quantity) -> Vec<Token> {
    vec![Value(a), Text(" − "), Value(b)]
}

/// `a × b`.
pub(crate) fn product(a: Quantity, b: Quantity) -> Vec<Token> {
    vec![Value(a), Text(" × "), Value(b)]
}

/// `a / b`.
pub(crate) fn quotient(a: Quantity, b: Quantity) -> Vec<Token> {
    vec![Value(a), Text(" / "), Value(b)]
}

/// `part / whole × 100`.
pub(crate) fn share(part: Quantity, whole: Quantity) -> Vec<Token> {
    let mut out = quotient(part, whole);
    out.push(Text(" × 100"));
    out
}

/// `(a − b) / whole × 100`.
pub(crate) fn difference_share(a: Quantity, b: Quantity, whole: Quantity) -> Vec<Token> {
    let mut out = vec![Text("(")];
    out.extend(difference(a, b));
    out.extend([Text(") / "), Value(whole), Text(" × 100")]);
    out
}

/// Churn per period that compounds to the target over a year, in percent.
pub(crate) fn target_churn(period: Period) -> f64 {
    let annual_kept = TARGET_RETENTION / 100.0;
    (1.0 - annual_kept.powf(1.0 / f64::from(period.per_year()))) * 100.0
}

/// Lifespan in years at the target: 1 / (1 − 85 %).
pub(crate) fn target_lifespan_years() -> f64 {
    100.0 / (100.0 - TARGET_RETENTION)
}

/// A period's retention and churn, as the shop and the members calculator both measure them.
pub(crate) struct Rates {
    /// Kept at the end of the period, as `a − b`.
    pub kept: [Quantity; 2],
    /// Lost in the period.
    pub lost: Quantity,
    /// At the start of the period.
    pub start: Quantity,
    /// Retention per period and per year, in percent.
    pub retention: [f64; 2],
    /// Churn per period and per year, in percent.
    pub churn: [f64; 2],
    /// The period.
    pub period: Period,
}

impl Rates {
    /// `(a − b) / start × 100` against the target for the period.
    pub fn retention(&self) -> Worked {
        let [a, b] = self.kept;
        Worked::new(
            Percent(self.retention[0]),
            difference_share(a, b, self.start),
            Some(Percent(100.0 - target_churn(self.period))),
        )
    }

    /// `lost / start × 100` against the target for the period.
    pub fn churn(&self) -> Worked {
        Worked::new(
            Percent(self.churn[0]),
            share(self.lost, self.start),
            Some(Percent(target_churn(self.period))),
        )
    }

    /// Retention and churn compounded over a year, `(r)^n` and `1 − (1 − c)^n`, against the
    /// target; nothing for a period of a year.
    pub fn annual(&self) -> Vec<Worked> {
        if self.period == Period::Year {
            return Vec::new();
        }
        let n = self.period.per_year();
        vec![
            Worked::new(
                Percent(self.retention[1]),
                vec![
                    Text("("),
                    Value(Percent(self.retention[0])),
                    Text(")"),
                    Power(n),
                ],
                Some(Percent(TARGET_RETENTION)),
            ),
            Worked::new(
                Percent(self.churn[1]),
                vec![
                    Text("1 − (1 − "),
                    Value(Percent(self.churn[0])),
                    Text(")"),
                    Power(n),
                ],
                Some(Percent(100.0 - TARGET_RETENTION)),
            ),
        ]
    }

    /// How long a customer stays: `1 / churn`, and for periods shorter than a year
    /// `= periods / periods a year`, in years against the target.
    pub fn lifespan(&self, periods: f64, years: f64) -> Worked {
        let period = self.period;
        let mut formula = vec![Text("1 / "), Value(Percent(self.churn[0]))];
        if period != Period::Year {
            formula.extend([
                Text(" = "),
                Value(Quantity::Periods(periods, period)),
                Text(" / "),
                Value(Number(f64::from(period.per_year()))),
            ]);
        }
        Worked::new(
            Quantity::Years(years),
            formula,
            Some(Quantity::Years(target_lifespan_years())),
        )
    }
}
