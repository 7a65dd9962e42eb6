//! What a customer is worth against what winning one costs: discounted CLV (Gupta & Lehmann),
//! CLV : CAC and payback time.

use serde::Serialize;

use crate::{Retention, Value};

/// CLV : CAC at or above which acquisition is healthy: the usual rule of thumb is 3 : 1.
pub const HEALTHY_RATIO: f64 = 3.0;

/// Discounted customer lifetime value (Gupta & Lehmann 2003):
/// CLV = m × r / (1 + d − r), with m the yearly margin per customer, r the yearly retention and
/// d the yearly discount rate. It counts a customer's future margin at today's value, and
/// assumes margin and retention stay constant, with margin earned at the end of each year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Discounted {
    /// m: yearly margin per customer (spend × purchases a year × margin), or revenue without a
    /// margin.
    pub annual_margin: f64,
    /// Whether `annual_margin` is margin (true) or revenue (no margin entered).
    pub uses_margin: bool,
    /// r, in percent: retention over a year.
    pub annual_retention: f64,
    /// d, in percent a year.
    pub discount_rate: f64,
    /// m × r / (1 + d − r).
    pub clv: f64,
}

impl Discounted {
    /// Discounted CLV from the report's value and retention at `discount_rate` percent a year;
    /// `None` when nobody churns and nothing is discounted (the sum would be endless).
    pub fn new(value: &Value, retention: &Retention, discount_rate: f64) -> Option<Discounted> {
        let uses_margin = value.margin.is_some();
        let annual_margin = value.annual_revenue * value.margin.unwrap_or(100.0) / 100.0;
        let clv = discounted_clv(
            annual_margin,
            retention.annual_retention_rate,
            discount_rate,
        )?;
        Some(Discounted {
            annual_margin,
            uses_margin,
            annual_retention: retention.annual_retention_rate,
            discount_rate,
            clv,
        })
    }
}

/// m × r / (1 + d − r), with r and d in percent. `None` when the denominator is zero
/// (r = 100 % and d = 0 %).
///
/// ```
/// use retention_core::discounted_clv;
/// // 135 margin a year, 85 % retention, 10 % discount rate: 135 × 0.85 / 0.25 = 459.
/// let clv = discounted_clv(135.0, 85.0, 10.0).unwrap();
/// assert!((clv - 459.0).abs() < 1e-9);
/// assert_eq!(discounted_clv(135.0, 100.0, 0.0), None);
/// ```
pub fn discounted_clv(
    annual_margin: f64,
    annual_retention: f64,
    discount_rate: f64,
) -> Option<f64> {
    let (r, d) = (annual_retention / 100.0, discount_rate / 100.0);
    let denominator = 1.0 + d - r;
    (denominator > 1e-12).then(|| annual_margin * r / denominator)
}

/// How CLV compares with what it costs to win a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RatioVerdict {
    /// 3 : 1 or better.
    Healthy,
    /// Between 1 : 1 and 3 : 1: a customer pays back, with little left for the rest.
    Thin,
    /// Below 1 : 1: every customer costs more than they bring.
    Losing,
}

impl RatioVerdict {
    /// Judges a CLV : CAC ratio, at the one decimal the page shows.
    ///
    /// ```
    /// use retention_core::RatioVerdict;
    /// assert_eq!(RatioVerdict::of(3.0), RatioVerdict::Healthy);
    /// assert_eq!(RatioVerdict::of(2.96), RatioVerdict::Healthy);
    /// assert_eq!(RatioVerdict::of(1.5), RatioVerdict::Thin);
    /// assert_eq!(RatioVerdict::of(0.8), RatioVerdict::Losing);
    /// ```
    pub fn of(ratio: f64) -> RatioVerdict {
        let shown = (ratio * 10.0).round() / 10.0;
        if shown >= HEALTHY_RATIO {
            RatioVerdict::Healthy
        } else if shown >= 1.0 {
            RatioVerdict::Thin
        } else {
            RatioVerdict::Losing
        }
    }
}

/// CLV : CAC and the time it takes a new customer to pay back what winning them cost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Acquisition {
    /// What winning one customer costs.
    pub cac: f64,
    /// The CLV compared: profit CLV when a margin is known, else CLV in revenue.
    pub clv: f64,
    /// Whether `clv` is profit CLV.
    pub uses_margin: bool,
    /// CLV / CAC.
    pub ratio: f64,
    /// The ratio against 3 : 1.
    pub verdict: RatioVerdict,
    /// Margin (or revenue) per customer per month: spend × purchases a year × margin / 12.
    pub monthly_margin: f64,
    /// CAC / monthly margin, in months; `None` when a customer brings in nothing.
    pub payback_months: Option<f64>,
    /// Whether payback comes within the expected lifespan.
    pub pays_back: bool,
}

impl Acquisition {
    /// CLV : CAC and payback for `value` at acquisition cost `cac` (more than zero); `None`
    /// when the ratio is beyond any number (a CAC of a fraction of a cent).
    ///
    /// ```
    /// use retention_core::{calculate, Inputs, RatioVerdict};
    /// let report = calculate(&Inputs::example()); // profit CLV 900, CAC 300
    /// let a = report.acquisition.unwrap();
    /// assert_eq!((a.ratio, a.verdict), (3.0, RatioVerdict::Healthy));
    /// assert!((a.payback_months.unwrap() - 26.666).abs() < 1e-3); // 300 / (135 / 12)
    /// ```
    pub fn new(value: &Value, cac: f64) -> Option<Acquisition> {
        let uses_margin = value.profit_clv.is_some();
        let clv = value.profit_clv.unwrap_or(value.clv);
        let ratio = clv / cac;
        if !ratio.is_finite() {
            return None;
        }
        let monthly_margin = value.annual_revenue * value.margin.unwrap_or(100.0) / 100.0 / 12.0;
        // A margin of a fraction of a cent a month never pays back in any number of months.
        let payback_months = Some(cac / monthly_margin).filter(|m| m.is_finite() && *m >= 0.0);
        Some(Acquisition {
            cac,
            clv,
            uses_margin,
            ratio,
            verdict: RatioVerdict::of(ratio),
            monthly_margin,
            payback_months,
            pays_back: payback_months.is_some_and(|m| m <= value.lifespan_years * 12.0),
        })
    }
}
