//! Predictive CLV from each customer's purchase history: how often they buy and whether they
//! are still a customer (BG/NBD, Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
//! Way"), and how much they spend (Gamma-Gamma, Fader, Hardie & Lee 2005, "RFM and CLV: Using
//! Iso-Value Curves"; Colombo & Jiang 1999). Both are fitted by maximum likelihood.
//!
//! Time is in whatever unit the summaries use (weeks in the papers): recency, age and the
//! prediction horizon must share it.

mod optimize;
mod special;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The minimiser of the fits, for any model in the crate: see predict/optimize.rs.
pub(crate) use optimize::minimise;
use special::ln_gamma_ratio;
pub use special::{digamma, hyp2f1, ln_beta, ln_gamma};

/// Fewer customers than this (repeat buyers for Gamma-Gamma) give estimates that mean nothing.
const MIN_CUSTOMERS: usize = 10;

/// The fits search log-parameters within ±this: parameters between 4.5e-5 and 22,026 on data
/// rescaled to a mean of one. Where the data show no spread (in purchase rates, dropout or
/// spend) the maximum lies at infinity; a gamma or beta this narrow is all but a point there,
/// so the fit stops at the edge with predictions as good as the limit's.
const LOG_LIMIT: f64 = 10.0;

/// One customer's purchase history, the way both models read it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    /// x: repeat purchases, that is purchases after the first (several on one day count as one).
    pub frequency: u32,
    /// tₓ: time from the first purchase to the last; 0 when `frequency` is 0 (and ignored).
    pub recency: f64,
    /// T: time from the first purchase to the end of the observed period.
    pub age: f64,
    /// Mean value of the repeat purchases (not the first); ignored when `frequency` is 0.
    pub mean_spend: f64,
}

impl CustomerSummary {
    /// Whether recency and age are possible: finite, with 0 ≤ recency ≤ age, and recency
    /// above 0 after a repeat purchase (which comes after the first, not with it).
    fn valid_times(&self) -> bool {
        let after_first = self.frequency == 0 || self.recency > 0.0;
        self.age.is_finite() && self.recency >= 0.0 && self.recency <= self.age && after_first
    }

    /// Whether a repeat buyer's mean spend can come from a gamma distribution: finite, above 0.
    fn valid_spend(&self) -> bool {
        self.mean_spend.is_finite() && self.mean_spend > 0.0
    }
}

/// Why a model could not be fitted.
///
/// The messages are lowercase English for logs and the JS API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum FitError {
    /// Too few customers for the estimates to mean anything.
    TooFewCustomers {
        /// Customers given.
        found: usize,
        /// The least the fit accepts.
        needed: usize,
    },
    /// Nobody bought twice: nothing shows how often customers buy or when they drop out.
    NoRepeatBuyers,
    /// Too few repeat buyers to fit spend.
    TooFewRepeatBuyers {
        /// Customers with a repeat purchase.
        found: usize,
        /// The least the fit accepts.
        needed: usize,
    },
    /// A summary no history gives: recency or age not finite, recency below 0 or above age, a
    /// repeat buyer's recency 0, or (for spend) a repeat buyer's mean spend not above 0.
    InvalidCustomer {
        /// Its position in the slice given.
        index: usize,
    },
    /// The search for the likelihood's maximum ran out of evaluations: typically customers all
    /// alike, whose likelihood grows without bound.
    DidNotConverge,
}

impl FitError {
    /// A stable camelCase identifier, e.g. `noRepeatBuyers`.
    ///
    /// ```
    /// use retention_core::FitError;
    /// let error = FitError::TooFewCustomers { found: 3, needed: 10 };
    /// assert_eq!(error.code(), "tooFewCustomers");
    /// assert_eq!(error.to_string(), "too few customers to fit: 3, need at least 10");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            FitError::TooFewCustomers { .. } => "tooFewCustomers",
            FitError::NoRepeatBuyers => "noRepeatBuyers",
            FitError::TooFewRepeatBuyers { .. } => "tooFewRepeatBuyers",
            FitError::InvalidCustomer { .. } => "invalidCustomer",
            FitError::DidNotConverge => "didNotConverge",
        }
    }
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::TooFewCustomers { found, needed } => {
                write!(
                    f,
                    "too few customers to fit: {found}, need at least {needed}"
                )
            }
            FitError::NoRepeatBuyers => f.write_str(
                "no customer bought more than once, so nothing shows how often they buy",
            ),
            FitError::TooFewRepeatBuyers { found, needed } => write!(
                f,
                "too few repeat buyers to fit spend: {found}, need at least {needed}"
            ),
            FitError::InvalidCustomer { index } => write!(
                f,
                "customer {index} is impossible: recency must be between 0 and age, and a \
                 repeat buyer's recency and mean spend more than zero"
            ),
            FitError::DidNotConverge => f.write_str("the fit did not converge"),
        }
    }
}

impl std::error::Error for FitError {}

/// The BG/NBD model of purchase counts: while alive a customer buys as a Poisson process with
/// rate λ ~ Gamma(r, α) across customers, and after each repeat purchase drops out for good
/// with probability p ~ Beta(a, b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BgNbd {
    /// r: shape of the purchase rates.
    pub r: f64,
    /// α: rate (inverse scale) of the purchase rates, in the summaries' unit of time.
    pub alpha: f64,
    /// a: first shape of the dropout probabilities.
    pub a: f64,
    /// b: second shape of the dropout probabilities.
    pub b: f64,
}

impl BgNbd {
    /// The maximum-likelihood BG/NBD for `customers`.
    ///
    /// Customers with the same (frequency, recency, age) are counted once with a weight, and
    /// time is rescaled to a mean age of one while fitting, so large data sets fit fast and the
    /// fit does not depend on the unit of time.
    ///
    /// ```
    /// use retention_core::{BgNbd, CustomerSummary, FitError};
    /// let customer = |frequency, recency, age| CustomerSummary {
    ///     frequency, recency, age, mean_spend: 0.0,
    /// };
    /// let customers: Vec<_> = (0..40)
    ///     .map(|i| match i % 4 {
    ///         0 => customer(0, 0.0, 39.0),
    ///         1 => customer(1, 10.0 + i as f64 / 4.0, 39.0),
    ///         2 => customer(3, 30.0, 39.0),
    ///         _ => customer(0, 0.0, 20.0),
    ///     })
    ///     .collect();
    /// let model = BgNbd::fit(&customers).unwrap();
    /// assert!(model.r > 0.0 && model.alpha > 0.0 && model.a > 0.0 && model.b > 0.0);
    ///
    /// let nobody_returned = vec![customer(0, 0.0, 39.0); 40];
    /// assert_eq!(BgNbd::fit(&nobody_returned), Err(FitError::NoRepeatBuyers));
    /// ```
    pub fn fit(customers: &[CustomerSummary]) -> Result<BgNbd, FitError> {
        if customers.len() < MIN_CUSTOMERS {
            return Err(FitError::TooFewCustomers {
                found: customers.len(),
                needed: MIN_CUSTOMERS,
            });
        }
        if let Some(index) = customers.iter().position(|c| !c.valid_times()) {
            return Err(FitError::InvalidCustomer { index });
        }
        if customers.iter().all(|c| c.frequency == 0) {
            return Err(FitError::NoRepeatBuyers);
        }
        // Time rescaled to a mean age of one, so one start and one box suit every data set.
        let histories = Histories::new(customers, None);
        let scale = histories.scale;
        let best = minimise(|log| histories.cost(log), [0.0; 4], LOG_LIMIT)
            .ok_or(FitError::DidNotConverge)?;
        let model = BgNbd::from_log(&best.point);
        // λ is per unit of time, so its gamma's rate α is in units of time: back from the
        // rescaled time to the caller's.
        Ok(BgNbd {
            alpha: model.alpha * scale,
            ..model
        })
    }

    fn from_log(log: &[f64; 4]) -> BgNbd {
        let [r, alpha, a, b] = log.map(f64::exp);
        BgNbd { r, alpha, a, b }
    }

    /// The log-likelihood of `customers` under the model (the paper's individual likelihood,
    /// summed); NaN if a summary is impossible.
    ///
    /// ```
    /// use retention_core::{BgNbd, CustomerSummary};
    /// let model = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    /// let new = CustomerSummary { frequency: 0, recency: 0.0, age: 0.0, mean_spend: 0.0 };
    /// // Someone who has only just bought for the first time surprises nobody: likelihood 1.
    /// assert_eq!(model.log_likelihood(&[new]), 0.0);
    /// ```
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if customers.iter().any(|c| !c.valid_times()) {
            return f64::NAN;
        }
        Histories::new(customers, Some(1.0)).log_likelihood(self).0
    }

    /// P(alive): the probability that `customer` has not dropped out by now.
    /// 1 for a customer who never bought again: dropout only happens right after a repeat
    /// purchase.
    ///
    /// ```
    /// use retention_core::{BgNbd, CustomerSummary};
    /// let model = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    /// let recent = CustomerSummary { frequency: 5, recency: 38.0, age: 39.0, mean_spend: 20.0 };
    /// let lapsed = CustomerSummary { recency: 5.0, ..recent };
    /// assert!(model.p_alive(&recent) > 0.85); // 1 / (1 + 0.793 / 6.426 · (43.414 / 42.414)^5.243)
    /// assert!(model.p_alive(&lapsed) < 0.01); // silent for 34 of 39 weeks
    /// ```
    pub fn p_alive(&self, customer: &CustomerSummary) -> f64 {
        if customer.frequency == 0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(customer.frequency);
        // 1 / (1 + a / (b + x − 1) · ((α + T) / (α + tₓ))^(r + x)), through logs so a huge
        // power gives 0 rather than ∞ / ∞.
        let ln_odds_dead = a.ln() - (b + x - 1.0).ln()
            + (r + x) * ((alpha + customer.age).ln() - (alpha + customer.recency).ln());
        1.0 / (1.0 + ln_odds_dead.exp())
    }

    /// E[Y(t) | x, tₓ, T]: the purchases `customer` is expected to make in the next `t` units
    /// of time (eq. 10 of the paper), for t ≥ 0. NaN only where the ₂F₁ series cannot
    /// converge: t more than about 10⁴ times α + T.
    ///
    /// ```
    /// use retention_core::{BgNbd, CustomerSummary};
    /// let model = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    /// // The paper's example: 2 repeat purchases, the last at week 30.43 of 38.86.
    /// let customer = CustomerSummary { frequency: 2, recency: 30.43, age: 38.86, mean_spend: 0.0 };
    /// let next_39_weeks = model.expected_purchases(&customer, 39.0);
    /// assert!((next_39_weeks - 1.226).abs() < 0.001);
    /// ```
    pub fn expected_purchases(&self, customer: &CustomerSummary, t: f64) -> f64 {
        let BgNbd { a, b, .. } = *self;
        let x = f64::from(customer.frequency);
        // The formula is 0/0 at a = 1 (it divides by a − 1) and, for x = 0, at a + b = 1 (a
        // pole of ₂F₁ cancelled by its factor a + b + x − 1). The limit is smooth: there, take
        // the mean of both sides, h away: exact to O(h²), with rounding of about 1e-16 / h.
        if (a - 1.0).abs() < 1e-5 {
            let side = |a| BgNbd { a, ..*self }.expected_purchases(customer, t);
            return 0.5 * (side(a - 2e-5) + side(a + 2e-5));
        }
        if a + b + x - 1.0 == 0.0 {
            let side = |b| BgNbd { b, ..*self }.expected_purchases(customer, t);
            return 0.5 * (side(b * (1.0 - 1e-9)) + side(b * (1.0 + 1e-9)));
        }
        self.purchases_if_alive(customer.frequency, customer.age, t) * self.p_alive(customer)
    }

    /// Whether [`BgNbd::expected_purchases`] of a customer with `frequency` is the formula as
    /// written: not one of the points where it is 0/0.
    fn formula_holds(&self, frequency: u32) -> bool {
        let BgNbd { a, b, .. } = *self;
        let near_one = (a - 1.0).abs() < 1e-5;
        !near_one && a + b + f64::from(frequency) - 1.0 != 0.0
    }

    /// E[Y(t) | x, tₓ, T] / P(alive): the purchases expected of a customer still alive, which
    /// depend on x and T only; where [`BgNbd::formula_holds`].
    fn purchases_if_alive(&self, frequency: u32, age: f64, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(frequency);
        let c = a + b + x - 1.0;
        let z = t / (alpha + age + t);
        // G = ((α + T) / (α + T + t))^(r + x) · ₂F₁(r + x, b + x; c; z) equals, by Euler's
        // transformation, (1 − z)^(a − 1) · ₂F₁(a + b − 1 − r, a − 1; c; z). A series' terms
        // first grow about as fast as the product of its upper parameters over c, so sum the
        // form where that is smaller: the first for large a, the second for large x.
        let ln_1mz = (-z).ln_1p();
        let euler = ((a + b - 1.0 - r) * (a - 1.0)).abs() < (r + x) * (b + x);
        let g = if euler {
            (ln_1mz * (a - 1.0)).exp() * hyp2f1(a + b - 1.0 - r, a - 1.0, c, z)
        } else {
            (ln_1mz * (r + x)).exp() * hyp2f1(r + x, b + x, c, z)
        };
        c / (a - 1.0) * (1.0 - g)
    }
}

/// Purchase histories grouped: customers with the same (x, tₓ, T) are one row with a weight,
/// and each row points into short tables of the distinct x, tₓ and T, so one evaluation of the
/// likelihood takes the ln Γ ratios once per distinct x, the logs once per distinct time, and
/// only one exp and one ln per row.
struct Histories {
    frequencies: Vec<f64>,
    recencies: Vec<f64>,
    ages: Vec<f64>,
    rows: Vec<HistoryRow>,
    customers: f64,
    /// What the times were divided by.
    scale: f64,
}

struct HistoryRow {
    frequency: usize,
    recency: usize,
    age: usize,
    weight: f64,
}

/// Sorted distinct values, and a value's position among them.
fn distinct(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_unstable_by(f64::total_cmp);
    values.dedup();
    values
}

fn position(table: &[f64], value: f64) -> usize {
    table
        .binary_search_by(|v| v.total_cmp(&value))
        .expect("every value is in its table")
}

impl Histories {
    /// Groups valid `customers`, with time divided by `scale`, or by their mean age (1 when
    /// that is 0) when `None`. The customers are grouped in one sorted order first and every
    /// sum, that mean included, runs over the groups: the same customers in any order give
    /// the same histories, bit for bit, and so the same fit.
    fn new(customers: &[CustomerSummary], scale: Option<f64>) -> Histories {
        let mut keys: Vec<(u32, f64, f64)> = customers
            .iter()
            .map(|c| {
                let recency = if c.frequency == 0 { 0.0 } else { c.recency };
                (c.frequency, recency, c.age)
            })
            .collect();
        keys.sort_unstable_by(|p, q| {
            p.0.cmp(&q.0)
                .then(p.1.total_cmp(&q.1))
                .then(p.2.total_cmp(&q.2))
        });
        // Alike customers as one row with a weight; the tables of distinct x, tₓ and T then
        // come from the rows, far fewer than the customers.
        let mut grouped: Vec<((u32, f64, f64), f64)> = Vec::new();
        for key in keys {
            match grouped.last_mut() {
                Some((last, weight)) if *last == key => *weight += 1.0,
                _ => grouped.push((key, 1.0)),
            }
        }
        let count = customers.len() as f64;
        let scale = scale.unwrap_or_else(|| {
            let mean_age = grouped.iter().map(|(k, w)| w * k.2).sum::<f64>() / count;
            if mean_age > 0.0 {
                mean_age
            } else {
                1.0
            }
        });
        let frequencies = distinct(grouped.iter().map(|(k, _)| f64::from(k.0)).collect());
        let recencies = distinct(grouped.iter().map(|(k, _)| k.1).collect());
        let ages = distinct(grouped.iter().map(|(k, _)| k.2).collect());
        let rows = grouped
            .into_iter()
            .map(|(key, weight)| HistoryRow {
                frequency: position(&frequencies, f64::from(key.0)),
                recency: position(&recencies, key.1),
                age: position(&ages, key.2),
                weight,
            })
            .collect();
        Histories {
            frequencies,
            recencies: recencies.iter().map(|t| t / scale).collect(),
            ages: ages.iter().map(|t| t / scale).collect(),
            rows,
            customers: count,
            scale,
        }
    }

    /// What the fit minimises: the mean −ln L per customer, and its gradient, in the
    /// log-parameters.
    fn cost(&self, log: &[f64; 4]) -> (f64, [f64; 4]) {
        let model = BgNbd::from_log(log);
        let (ll, gradient) = self.log_likelihood(&model);
        let parameters = [model.r, model.alpha, model.a, model.b];
        let n = self.customers;
        (
            -ll / n,
            std::array::from_fn(|i| -gradient[i] * parameters[i] / n),
        )
    }

    /// Σ ln L(r, α, a, b | x, tₓ, T), with the paper's
    /// L = B(a, b + x) / B(a, b) · Γ(r + x) / Γ(r) · αʳ · [(α + T)^−(r+x)
    ///     + [x > 0] · a / (b + x − 1) · (α + tₓ)^−(r+x)],
    /// and its gradient [∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b].
    ///
    /// Written so that no two large terms cancel when the parameters run large (as they do
    /// when the data show no spread in purchase rates or dropout): ratios of ln Γ by
    /// [`ln_gamma_ratio`], and αʳ (α + t)^−(r+x) as e^(−r ln(1 + t/α) − x ln(α + t)).
    ///
    /// The gradient, with ψ the digamma function and ω the dropped term's share of the
    /// bracket: ∂/∂r = ψ(r + x) − ψ(r) − (1 − ω) ln(1 + T/α) − ω ln(1 + tₓ/α);
    /// ∂/∂α = (1 − ω) (rT/α − x) / (α + T) + ω (rtₓ/α − x) / (α + tₓ);
    /// ∂/∂a = ψ(a + b) − ψ(a + b + x) + ω / a;
    /// ∂/∂b = ψ(b + x) − ψ(b) + ψ(a + b) − ψ(a + b + x) − ω / (b + x − 1).
    fn log_likelihood(&self, &BgNbd { r, alpha, a, b }: &BgNbd) -> (f64, [f64; 4]) {
        let (psi_r, psi_b, psi_ab) = (digamma(r), digamma(b), digamma(a + b));
        let per_frequency: Vec<PerFrequency> = self
            .frequencies
            .iter()
            .map(|&x| {
                let counts = ln_gamma_ratio(r, x);
                let dropout = ln_gamma_ratio(b, x) - ln_gamma_ratio(a + b, x);
                let (alive, alive_b) = if x > 0.0 {
                    (a.ln() - (b + x - 1.0).ln(), -(b + x - 1.0).recip())
                } else {
                    (f64::NEG_INFINITY, 0.0)
                };
                let dropout_a = if x > 0.0 {
                    psi_ab - digamma(a + b + x)
                } else {
                    0.0
                };
                PerFrequency {
                    before: counts + dropout,
                    alive,
                    before_r: if x > 0.0 { digamma(r + x) - psi_r } else { 0.0 },
                    before_a: dropout_a,
                    before_b: if x > 0.0 {
                        digamma(b + x) - psi_b + dropout_a
                    } else {
                        0.0
                    },
                    alive_b,
                }
            })
            .collect();
        let times = |times: &[f64]| -> Vec<PerTime> {
            times
                .iter()
                .map(|&t| PerTime {
                    ln1p: (t / alpha).ln_1p(),
                    ln: (alpha + t).ln(),
                    rate_r: t / (alpha * (alpha + t)),
                    rate_x: (alpha + t).recip(),
                })
                .collect()
        };
        let (recency_terms, age_terms) = (times(&self.recencies), times(&self.ages));
        let inverse_a = a.recip();
        let mut sum = 0.0;
        let mut gradient = [0.0; 4];
        for row in &self.rows {
            let x = self.frequencies[row.frequency];
            let f = &per_frequency[row.frequency];
            let age = &age_terms[row.age];
            let still_buying = -r * age.ln1p - x * age.ln;
            // ∂/∂α of −r ln(1 + t/α) − x ln(α + t).
            let age_alpha = r * age.rate_r - x * age.rate_x;
            let (bracket, share) = if x > 0.0 {
                let recency = &recency_terms[row.recency];
                let dropped = f.alive - r * recency.ln1p - x * recency.ln;
                // ln(e^u + e^v) without overflow, and e^v / (e^u + e^v).
                let (hi, lo) = if still_buying > dropped {
                    (still_buying, dropped)
                } else {
                    (dropped, still_buying)
                };
                let ratio = (lo - hi).exp();
                let bracket = hi + ratio.ln_1p();
                let share = if still_buying > dropped {
                    ratio / (1.0 + ratio)
                } else {
                    1.0 / (1.0 + ratio)
                };
                (bracket, Some((share, recency)))
            } else {
                (still_buying, None)
            };
            sum += row.weight * (f.before + bracket);
            let w = row.weight;
            let (mut d_r, mut d_alpha, mut d_a, mut d_b) =
                (f.before_r - age.ln1p, age_alpha, f.before_a, f.before_b);
            if let Some((share, recency)) = share {
                let recency_alpha = r * recency.rate_r - x * recency.rate_x;
                d_r += share * (age.ln1p - recency.ln1p);
                d_alpha += share * (recency_alpha - age_alpha);
                d_a += share * inverse_a;
                d_b += share * f.alive_b;
            }
            gradient[0] += w * d_r;
            gradient[1] += w * d_alpha;
            gradient[2] += w * d_a;
            gradient[3] += w * d_b;
        }
        (sum, gradient)
    }
}

/// What [`Histories::log_likelihood`] needs once per distinct frequency x.
struct PerFrequency {
    /// ln of the factors before the bracket.
    before: f64,
    /// ln(a / (b + x − 1)), −∞ for x = 0.
    alive: f64,
    /// ∂before/∂r, ∂before/∂a, ∂before/∂b.
    before_r: f64,
    before_a: f64,
    before_b: f64,
    /// ∂alive/∂b.
    alive_b: f64,
}

/// What [`Histories::log_likelihood`] needs once per distinct time t.
struct PerTime {
    /// ln(1 + t/α) and ln(α + t).
    ln1p: f64,
    ln: f64,
    /// t / (α (α + t)) and 1 / (α + t): the derivative in α is r times the one minus x times
    /// the other.
    rate_r: f64,
    rate_x: f64,
}

/// The Gamma-Gamma model of spend: a customer's purchases are worth z ~ Gamma(p, ν) each, and
/// the rates ν ~ Gamma(q, γ) across customers, independent of how often they buy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GammaGamma {
    /// p: shape of each purchase's value.
    pub p: f64,
    /// q: shape of the customers' rates.
    pub q: f64,
    /// γ: rate (inverse scale) of the customers' rates, in units of money.
    pub gamma: f64,
}

impl GammaGamma {
    /// The maximum-likelihood Gamma-Gamma for the repeat buyers among `customers` (frequency
    /// above 0; the rest are skipped). Spend is rescaled to a mean of one while fitting.
    ///
    /// ```
    /// use retention_core::{CustomerSummary, FitError, GammaGamma};
    /// let customers: Vec<_> = (0..40)
    ///     .map(|i| CustomerSummary {
    ///         frequency: 1 + i % 3,
    ///         recency: 20.0,
    ///         age: 39.0,
    ///         mean_spend: 20.0 + (i * 7 % 13) as f64,
    ///     })
    ///     .collect();
    /// let model = GammaGamma::fit(&customers).unwrap();
    /// assert!(model.p > 0.0 && model.q > 0.0 && model.gamma > 0.0);
    /// assert_eq!(GammaGamma::fit(&customers[..5]), Err(FitError::TooFewRepeatBuyers {
    ///     found: 5,
    ///     needed: 10,
    /// }));
    /// ```
    pub fn fit(customers: &[CustomerSummary]) -> Result<GammaGamma, FitError> {
        let repeat = |c: &&CustomerSummary| c.frequency > 0;
        if let Some(index) = customers
            .iter()
            .position(|c| c.frequency > 0 && !c.valid_spend())
        {
            return Err(FitError::InvalidCustomer { index });
        }
        let found = customers.iter().filter(repeat).count();
        if found == 0 {
            return Err(FitError::NoRepeatBuyers);
        }
        if found < MIN_CUSTOMERS {
            return Err(FitError::TooFewRepeatBuyers {
                found,
                needed: MIN_CUSTOMERS,
            });
        }
        // Spend rescaled to a mean of one.
        let spends = Spends::new(customers, None);
        let scale = spends.scale;
        let best = minimise(|log| spends.cost(log), [0.0; 3], LOG_LIMIT)
            .ok_or(FitError::DidNotConverge)?;
        let model = GammaGamma::from_log(&best.point);
        // γ is in units of money: back from the rescaled spend to the caller's.
        Ok(GammaGamma {
            gamma: model.gamma * scale,
            ..model
        })
    }

    fn from_log(log: &[f64; 3]) -> GammaGamma {
        let [p, q, gamma] = log.map(f64::exp);
        GammaGamma { p, q, gamma }
    }

    /// The log-likelihood of the repeat buyers' mean spends among `customers` (the density of
    /// the mean of x purchases, summed); NaN if a repeat buyer's mean spend is not above 0.
    ///
    /// ```
    /// use retention_core::{CustomerSummary, GammaGamma};
    /// let model = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };
    /// let one = CustomerSummary { frequency: 1, recency: 1.0, age: 2.0, mean_spend: 30.0 };
    /// let none = CustomerSummary { frequency: 0, ..one };
    /// assert!(model.log_likelihood(&[one]) < 0.0);
    /// assert_eq!(model.log_likelihood(&[none]), 0.0); // only repeat buyers count
    /// ```
    pub fn log_likelihood(&self, customers: &[CustomerSummary]) -> f64 {
        if customers
            .iter()
            .any(|c| c.frequency > 0 && !c.valid_spend())
        {
            return f64::NAN;
        }
        Spends::new(customers, Some(1.0)).log_likelihood(self).0
    }

    /// E[M | x, mₓ]: the expected value of `customer`'s future purchases, a weighted mean of
    /// the population mean p·γ / (q − 1) and their own mean spend, p·(γ + x·mₓ) / (p·x + q − 1)
    /// (Fader, Hardie & Lee 2005, JMR). +∞ where that expectation does not exist: for x = 0 when q ≤ 1, and whenever
    /// p·x + q ≤ 1.
    ///
    /// ```
    /// use retention_core::{CustomerSummary, GammaGamma};
    /// let model = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };
    /// let newcomer = CustomerSummary { frequency: 0, recency: 0.0, age: 10.0, mean_spend: 0.0 };
    /// let population_mean = 6.25 * 15.44 / 2.74;
    /// assert!((model.expected_spend(&newcomer) - population_mean).abs() < 1e-12);
    /// // A regular's own mean weighs more the more they bought.
    /// let regular = CustomerSummary { frequency: 20, recency: 38.0, age: 39.0, mean_spend: 60.0 };
    /// // 6.25 · (15.44 + 20 · 60) / (6.25 · 20 + 2.74)
    /// assert!((model.expected_spend(&regular) - 59.468).abs() < 1e-3);
    /// ```
    pub fn expected_spend(&self, customer: &CustomerSummary) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let x = f64::from(customer.frequency);
        let own = if x > 0.0 {
            x * customer.mean_spend
        } else {
            0.0
        };
        let denominator = p * x + q - 1.0;
        if denominator <= 0.0 {
            return f64::INFINITY;
        }
        p * (gamma + own) / denominator
    }
}

/// Repeat buyers' spend grouped like [`Histories`]: one row per distinct (x, mₓ).
struct Spends {
    frequencies: Vec<f64>,
    rows: Vec<SpendRow>,
    customers: f64,
    /// What the spend was divided by.
    scale: f64,
}

struct SpendRow {
    frequency: usize,
    mean_spend: f64,
    ln_mean_spend: f64,
    weight: f64,
}

impl Spends {
    /// Groups the repeat buyers among valid `customers`, with spend divided by `scale`, or by
    /// their mean spend when `None`; sums run over the sorted groups, as in [`Histories::new`].
    fn new(customers: &[CustomerSummary], scale: Option<f64>) -> Spends {
        let mut keys: Vec<(u32, f64)> = customers
            .iter()
            .filter(|c| c.frequency > 0)
            .map(|c| (c.frequency, c.mean_spend))
            .collect();
        keys.sort_unstable_by(|p, q| p.0.cmp(&q.0).then(p.1.total_cmp(&q.1)));
        let mut grouped: Vec<((u32, f64), f64)> = Vec::new();
        for key in keys {
            match grouped.last_mut() {
                Some((last, weight)) if *last == key => *weight += 1.0,
                _ => grouped.push((key, 1.0)),
            }
        }
        let customers: f64 = grouped.iter().map(|(_, w)| w).sum();
        let scale =
            scale.unwrap_or_else(|| grouped.iter().map(|(k, w)| w * k.1).sum::<f64>() / customers);
        let frequencies = distinct(grouped.iter().map(|(k, _)| f64::from(k.0)).collect());
        let rows = grouped
            .into_iter()
            .map(|((frequency, mean_spend), weight)| SpendRow {
                frequency: position(&frequencies, f64::from(frequency)),
                mean_spend: mean_spend / scale,
                ln_mean_spend: (mean_spend / scale).ln(),
                weight,
            })
            .collect();
        Spends {
            frequencies,
            rows,
            customers,
            scale,
        }
    }

    /// What the fit minimises: the mean −ln f per repeat buyer, and its gradient, in the
    /// log-parameters.
    fn cost(&self, log: &[f64; 3]) -> (f64, [f64; 3]) {
        let model = GammaGamma::from_log(log);
        let (ll, gradient) = self.log_likelihood(&model);
        let parameters = [model.p, model.q, model.gamma];
        let n = self.customers;
        (
            -ll / n,
            std::array::from_fn(|i| -gradient[i] * parameters[i] / n),
        )
    }

    /// Σ ln f(mₓ | p, q, γ, x) with
    /// f = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · mₓ^(px−1) · x^(px) / (γ + x·mₓ)^(px+q),
    /// and its gradient [∂/∂p, ∂/∂q, ∂/∂γ].
    ///
    /// With u = x·mₓ / γ, the powers collapse to mₓ^−1 · (1 + 1/u)^−px · (1 + u)^−q: the
    /// same value, without the huge terms that cancel when p or q runs large together with
    /// γ (no spread in spend within or across customers). The gradient, with ψ the digamma
    /// function: ∂/∂p = x (ψ(px + q) − ψ(px) − ln(1 + 1/u)); ∂/∂q = ψ(px + q) − ψ(q) −
    /// ln(1 + u); ∂/∂γ = (q − (px + q) / (1 + u)) / γ.
    fn log_likelihood(&self, &GammaGamma { p, q, gamma }: &GammaGamma) -> (f64, [f64; 3]) {
        // Per distinct x: ln Γ(px + q) − ln Γ(px) − ln Γ(q), the ratio over the larger, ln x,
        // and the digamma differences of the gradient.
        let psi_q = digamma(q);
        let per_frequency: Vec<(f64, f64, f64, f64)> = self
            .frequencies
            .iter()
            .map(|&x| {
                let (large, small) = if p * x > q { (p * x, q) } else { (q, p * x) };
                let psi_all = digamma(p * x + q);
                (
                    ln_gamma_ratio(large, small) - ln_gamma(small),
                    x.ln(),
                    psi_all - digamma(p * x),
                    psi_all - psi_q,
                )
            })
            .collect();
        let ln_gamma_rate = gamma.ln();
        let mut sum = 0.0;
        let mut gradient = [0.0; 3];
        for row in &self.rows {
            let x = self.frequencies[row.frequency];
            let (beta, ln_x, psi_p, psi_q) = per_frequency[row.frequency];
            let u = x * row.mean_spend / gamma;
            let ln_u = ln_x + row.ln_mean_spend - ln_gamma_rate;
            // ln(1 + u) − ln(1 + 1/u) = ln u: one ln_1p each row, on the side where it is
            // accurate, and the other from it.
            let (ln_1p_u, ln_1p_inverse) = if u > 1.0 {
                let inverse = u.recip().ln_1p();
                (inverse + ln_u, inverse)
            } else {
                let direct = u.ln_1p();
                (direct, direct - ln_u)
            };
            let ll = beta - row.ln_mean_spend - p * x * ln_1p_inverse - q * ln_1p_u;
            sum += row.weight * ll;
            gradient[0] += row.weight * x * (psi_p - ln_1p_inverse);
            gradient[1] += row.weight * (psi_q - ln_1p_u);
            gradient[2] += row.weight * (q - (p * x + q) / (1.0 + u));
        }
        gradient[2] /= gamma;
        (sum, gradient)
    }
}

/// What the models expect of one customer over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prediction {
    /// Probability that the customer is still a customer, 0–1.
    pub p_alive: f64,
    /// Purchases expected over the horizon.
    pub expected_purchases: f64,
    /// Expected value of each future purchase.
    pub expected_spend: f64,
    /// Expected purchases × expected spend (× margin when one is given): the value the
    /// customer brings over the horizon, undiscounted.
    pub clv: f64,
}

/// Predictions for each of `customers` (in order) over the next `horizon` units of time
/// (≥ 0), with `margin` in percent when CLV should be profit rather than revenue.
///
/// ```
/// use retention_core::{predict, BgNbd, CustomerSummary, GammaGamma};
/// let purchases = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/// let spend = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };
/// let customer = CustomerSummary { frequency: 2, recency: 30.43, age: 38.86, mean_spend: 40.0 };
/// let [prediction] = predict(&purchases, &spend, &[customer], 39.0, Some(30.0))[..] else {
///     unreachable!()
/// };
/// let expected = prediction.expected_purchases * prediction.expected_spend * 0.3;
/// assert!((prediction.clv - expected).abs() < 1e-9);
/// assert!((prediction.expected_purchases - 1.226).abs() < 0.001);
/// ```
pub fn predict(
    purchases: &BgNbd,
    spend: &GammaGamma,
    customers: &[CustomerSummary],
    horizon: f64,
    margin: Option<f64>,
) -> Vec<Prediction> {
    let share = margin.unwrap_or(100.0) / 100.0;
    // Customers with the same (x, tₓ, T) expect the same purchases, and E[Y(t)] is P(alive)
    // times a factor of x and T alone: sum each ₂F₁ once per (x, T).
    let mut purchase_counts = HashMap::with_capacity(customers.len());
    let mut if_alive = HashMap::new();
    customers
        .iter()
        .map(|customer| {
            let key = (
                customer.frequency,
                customer.recency.to_bits(),
                customer.age.to_bits(),
            );
            let (p_alive, expected_purchases) = *purchase_counts.entry(key).or_insert_with(|| {
                let p_alive = purchases.p_alive(customer);
                if !purchases.formula_holds(customer.frequency) {
                    return (p_alive, purchases.expected_purchases(customer, horizon));
                }
                let alive = if_alive.entry((key.0, key.2)).or_insert_with(|| {
                    purchases.purchases_if_alive(customer.frequency, customer.age, horizon)
                });
                (p_alive, *alive * p_alive)
            });
            let expected_spend = spend.expected_spend(customer);
            Prediction {
                p_alive,
                expected_purchases,
                expected_spend,
                clv: expected_purchases * expected_spend * share,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
