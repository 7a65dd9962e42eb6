//! What better retention would bring, and where the customer base is heading.

use serde::Serialize;

use crate::{Period, Report};

/// The figures at one retention rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Retention per period, in percent.
    pub retention_rate: f64,
    /// Retention over a year, in percent, compounded.
    pub annual_retention_rate: f64,
    /// Expected lifespan in years (1 / churn); `None` at 100 % retention.
    pub lifespan_years: Option<f64>,
    /// CLV in revenue at that lifespan; `None` without a lifespan or spend.
    pub clv: Option<f64>,
    /// Revenue the current customers (E) bring in over the coming year; `None` without spend.
    pub revenue_next_year: Option<f64>,
}

/// The current figures next to those at `points` more retention.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// Percentage points of retention per period added.
    pub points: f64,
    /// As things are.
    pub current: Scenario,
    /// With the extra retention (capped at 100 %).
    pub improved: Scenario,
    /// Extra CLV per customer.
    pub clv_gain: Option<f64>,
    /// Extra revenue over the coming year from the current customers.
    pub revenue_gain: Option<f64>,
}

/// What `points` more percentage points of retention per period would do to lifespan, CLV
/// and next year's revenue from the current customers. Both sides use the lifespan from churn,
/// so they compare like with like. `None` without valid retention figures.
///
/// ```
/// use retention_core::{calculate, what_if, Inputs};
/// let w = what_if(&calculate(&Inputs::example()), 5.0).unwrap();
/// assert_eq!(w.improved.retention_rate, 90.0);
/// assert_eq!(w.improved.lifespan_years, Some(10.0)); // 1 / 10 % churn
/// assert_eq!(w.clv_gain, Some(750.0)); // 225 a year × (10 − 6.67) years
/// ```
pub fn what_if(report: &Report, points: f64) -> Option<WhatIf> {
    let r = report.retention?;
    let annual_revenue = report.value.map(|v| v.annual_revenue);
    let scenario = |retention_rate: f64| {
        let per_year = f64::from(r.period.per_year());
        let churn = 100.0 - retention_rate;
        let lifespan_years = (churn > 0.0).then(|| 100.0 / churn / per_year);
        Scenario {
            retention_rate,
            annual_retention_rate: (retention_rate / 100.0).powf(per_year) * 100.0,
            lifespan_years,
            clv: annual_revenue.zip(lifespan_years).map(|(a, l)| a * l),
            revenue_next_year: annual_revenue
                .map(|a| revenue_next_year(r.end, a, retention_rate, r.period)),
        }
    };
    let points = points.clamp(0.0, 100.0);
    let current = scenario(r.retention_rate);
    let improved = scenario((r.retention_rate + points).min(100.0));
    let gain = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| b - a);
    Some(WhatIf {
        points,
        current,
        improved,
        clv_gain: gain(current.clv, improved.clv),
        revenue_gain: gain(current.revenue_next_year, improved.revenue_next_year),
    })
}

/// Revenue over the coming year from `customers` who each bring `annual_revenue` a year, when
/// `retention_rate` percent stay each period: each period, those still there buy a period's
/// share. Those who leave during a period buy nothing in it, so this errs on the low side.
///
/// ```
/// use retention_core::{revenue_next_year, Period};
/// // 1000 customers, 225 a year, 85 % stay a year: 1000 × 225 × 0.85.
/// assert!((revenue_next_year(1000, 225.0, 85.0, Period::Year) - 191_250.0).abs() < 1e-6);
/// ```
pub fn revenue_next_year(
    customers: u64,
    annual_revenue: f64,
    retention_rate: f64,
    period: Period,
) -> f64 {
    let n = period.per_year();
    let kept = retention_rate / 100.0;
    let share_of_year: f64 = (1..=n).map(|t| kept.powi(t as i32)).sum::<f64>() / f64::from(n);
    customers as f64 * annual_revenue * share_of_year
}

/// The customers left after each of `periods` periods when `retention_rate` percent stay each
/// period, starting from `customers` (t = 0 first).
///
/// ```
/// use retention_core::survival;
/// assert_eq!(survival(1000, 50.0, 3), vec![1000.0, 500.0, 250.0, 125.0]);
/// ```
pub fn survival(customers: u64, retention_rate: f64, periods: u32) -> Vec<f64> {
    let kept = retention_rate / 100.0;
    (0..=periods)
        .map(|t| customers as f64 * kept.powi(t as i32))
        .collect()
}

/// How many periods until half the customers are gone at `retention_rate` percent per
/// period: ln 0.5 / ln r. `None` at 100 % (never) or 0 % (at once).
///
/// ```
/// use retention_core::half_life;
/// assert_eq!(half_life(50.0), Some(1.0));
/// assert!((half_life(85.0).unwrap() - 4.265).abs() < 1e-3);
/// assert_eq!(half_life(100.0), None);
/// ```
pub fn half_life(retention_rate: f64) -> Option<f64> {
    let kept = retention_rate / 100.0;
    (kept > 0.0 && kept < 1.0).then(|| 0.5f64.ln() / kept.ln())
}

impl Period {
    /// How many periods a survival chart looks ahead: two years of months, three years of
    /// quarters, ten years.
    pub fn horizon(self) -> u32 {
        match self {
            Period::Month => 24,
            Period::Quarter => 12,
            Period::Year => 10,
        }
    }
}
