//! The shifted-beta-geometric (sBG) model of contractual retention: Fader & Hardie, "How to
//! Project Customer Retention", Journal of Interactive Marketing 21(1), 2007; and its value
//! of a member, Fader & Hardie, "Customer-Base Valuation in a Contractual Setting: The Perils
//! of Ignoring Heterogeneity", Marketing Science 29(1), 2010.
//!
//! Each member has a churn probability θ: at the end of every period they leave with
//! probability θ, for good. Across members θ ~ Beta(α, β). So a member leaves in period t with
//! P(T = t) = B(α + 1, β + t − 1) / B(α, β) and is still a member after t periods with
//! S(t) = B(α, β + t) / B(α, β). Both follow from two ratios, used here instead of Beta
//! functions so that nothing overflows or cancels however large α and β run:
//!
//! - churn in period t among those still there, α / (α + β + t − 1);
//! - retention in period t, r(t) = (β + t − 1) / (α + β + t − 1), which *rises* with t: the
//!   members likely to leave leave first, so those who remain are the loyal ones.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::hyp2f1;

/// Bounds of the search, on ln κ with κ = α + β. Where the data show no sign of members
/// differing (retention flat or falling with tenure) the likelihood rises until κ is
/// infinite, the Beta collapsing to one churn rate: the fit stops at κ = e¹², a spread of
/// churn rates far below what any data set can show, and says so with `homogeneous`.
const MAX_LN_KAPPA: f64 = 12.0;
/// The bound on logit(α / (α + β)).
const MAX_LOGIT: f64 = 30.0;
/// The search runs over (logit γ / LOGIT_SCALE, ln κ), so that the optimiser's one box
/// |xᵢ| ≤ [`MAX_LN_KAPPA`] bounds both: ln κ within ±12 and logit γ within ±30.
const LOGIT_SCALE: f64 = MAX_LOGIT / MAX_LN_KAPPA;

/// Members by when they left or were last seen: the data the sBG is fitted on.
///
/// A survivors table (1000 members, 631 still there after a period, 468 after two...) is
/// one kind; a member file, where each member is watched for their own number of periods, is
/// the other (right-censoring: someone who joined three months ago and is still a member says
/// nothing about month four).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifetimes {
    /// `left[t]`: members who left in period t (t ≥ 1, so `left[0]` is 0): after t − 1
    /// renewals, before the t-th.
    pub left: Vec<u64>,
    /// `active[c]`: members still there after c periods, and not watched longer.
    pub active: Vec<u64>,
}

impl Lifetimes {
    /// From survivors `n₀, n₁, …, n_T` of one cohort: `nₜ₋₁ − nₜ` left in period t, and `n_T`
    /// are still there after T periods. The counts must not rise (checked by
    /// [`parse_survivors`](crate::parse_survivors)); a rise is read as nobody leaving.
    ///
    /// ```
    /// use retention_core::Lifetimes;
    /// let l = Lifetimes::from_survivors(&[1000, 631, 468]);
    /// assert_eq!(l.left, [0, 369, 163]);
    /// assert_eq!(l.active, [0, 0, 468]);
    /// ```
    pub fn from_survivors(counts: &[u64]) -> Lifetimes {
        let periods = counts.len().saturating_sub(1);
        let mut left = vec![0; periods + 1];
        for t in 1..=periods {
            left[t] = counts[t - 1].saturating_sub(counts[t]);
        }
        let mut active = vec![0; periods + 1];
        if let Some(&last) = counts.last() {
            active[periods] = last;
        }
        Lifetimes { left, active }
    }

    /// Adds a member who left in period `t` (≥ 1).
    pub fn add_left(&mut self, t: usize) {
        grow(&mut self.left, t);
        self.left[t] += 1;
    }

    /// Adds a member still there after `c` periods.
    pub fn add_active(&mut self, c: usize) {
        grow(&mut self.active, c);
        self.active[c] += 1;
    }

    /// Adds every member of `other`.
    pub fn merge(&mut self, other: &Lifetimes) {
        for (t, &n) in other.left.iter().enumerate() {
            grow(&mut self.left, t);
            self.left[t] += n;
        }
        for (c, &n) in other.active.iter().enumerate() {
            grow(&mut self.active, c);
            self.active[c] += n;
        }
    }

    /// All members.
    pub fn members(&self) -> u64 {
        self.left.iter().sum::<u64>() + self.active.iter().sum::<u64>()
    }

    /// Members who left.
    pub fn left_count(&self) -> u64 {
        self.left.iter().sum()
    }

    /// The longest any member was watched, in periods.
    pub fn periods(&self) -> usize {
        let last = |v: &[u64]| v.iter().rposition(|&n| n > 0).unwrap_or(0);
        last(&self.left).max(last(&self.active))
    }

    /// Members at risk in period t (there at its start and watched through it or leaving in
    /// it) and members who left in it, for t = 1..=periods: the Kaplan–Meier table.
    pub fn at_risk(&self) -> Vec<(u64, u64)> {
        let periods = self.periods();
        let mut out = vec![(0, 0); periods + 1];
        // Running from the end: at risk in t = left in t.. + active after t..
        let mut behind = 0;
        for t in (1..=periods).rev() {
            let left = self.left.get(t).copied().unwrap_or(0);
            behind += left + self.active.get(t).copied().unwrap_or(0);
            out[t] = (behind, left);
        }
        out
    }
}

fn grow(v: &mut Vec<u64>, index: usize) {
    if v.len() <= index {
        v.resize(index + 1, 0);
    }
}

/// Why the sBG could not be fitted.
///
/// Serializes as `{ code, message }` plus the variant's numbers, like
/// [`ImportError`](crate::ImportError).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SbgError {
    /// No members at all.
    NoMembers,
    /// Too few members for the estimates to mean anything (a cohort is only fitted on its
    /// own from this size).
    TooFewMembers {
        /// Members given.
        found: u64,
        /// The least fitted.
        needed: u64,
    },
    /// Nobody left: retention is 100 % and churn gives no lifetime.
    NoChurn,
    /// Everybody left in the first period: nothing shows how retention changes with tenure.
    EveryoneLeft,
    /// Nobody was watched beyond the first period: one period of retention cannot tell
    /// members who differ from members who are alike.
    TooFewPeriods,
    /// The search for the likelihood's maximum did not converge.
    DidNotConverge,
}

impl SbgError {
    /// A stable camelCase identifier, e.g. `noChurn`.
    pub fn code(&self) -> &'static str {
        match self {
            SbgError::NoMembers => "noMembers",
            SbgError::TooFewMembers { .. } => "tooFewMembers",
            SbgError::NoChurn => "noChurn",
            SbgError::EveryoneLeft => "everyoneLeft",
            SbgError::TooFewPeriods => "tooFewPeriods",
            SbgError::DidNotConverge => "didNotConverge",
        }
    }
}

impl fmt::Display for SbgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let SbgError::TooFewMembers { found, needed } = self {
            return write!(
                f,
                "{found} members is too few to fit; at least {needed} are needed"
            );
        }
        f.write_str(match self {
            SbgError::NoMembers | SbgError::TooFewMembers { .. } => "there are no members to fit",
            SbgError::NoChurn => "no member left, so there is no churn to fit",
            SbgError::EveryoneLeft => {
                "every member left in the first period, so nothing shows how retention changes"
            }
            SbgError::TooFewPeriods => {
                "no member was followed beyond the first period; two periods are needed"
            }
            SbgError::DidNotConverge => "the fit did not converge",
        })
    }
}

impl std::error::Error for SbgError {}

impl Serialize for SbgError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("SbgError", 4)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        if let SbgError::TooFewMembers { found, needed } = *self {
            out.serialize_field("found", &found)?;
            out.serialize_field("needed", &needed)?;
        }
        out.end()
    }
}

/// The sBG model: churn probabilities θ ~ Beta(α, β) across members.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sbg {
    /// α: the first shape of the Beta of churn probabilities.
    pub alpha: f64,
    /// β: the second shape.
    pub beta: f64,
}

/// A maximum-likelihood fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SbgFit {
    /// The estimates.
    pub model: Sbg,
    /// The log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// The data show no sign of members differing (retention does not rise with tenure):
    /// the fit stopped where α + β is so large that every member churns alike, and a
    /// constant churn rate describes the data as well.
    pub homogeneous: bool,
}

impl Sbg {
    /// Churn in period t (≥ 1) among the members there at its start: α / (α + β + t − 1).
    pub fn churn(&self, t: u32) -> f64 {
        self.alpha / (self.alpha + self.beta + f64::from(t) - 1.0)
    }

    /// Retention in period t (≥ 1): r(t) = (β + t − 1) / (α + β + t − 1). It rises with t.
    ///
    /// ```
    /// use retention_core::Sbg;
    /// let m = Sbg { alpha: 0.704, beta: 1.182 };
    /// assert!((m.retention(1) - 1.182 / 1.886).abs() < 1e-12);
    /// assert!(m.retention(2) > m.retention(1));
    /// ```
    pub fn retention(&self, t: u32) -> f64 {
        (self.beta + f64::from(t) - 1.0) / (self.alpha + self.beta + f64::from(t) - 1.0)
    }

    /// S(t): the share still there after t periods, t = 0..=periods.
    ///
    /// ```
    /// use retention_core::Sbg;
    /// let s = Sbg { alpha: 1.0, beta: 1.0 }.survival(3);
    /// // B(1, 1 + t) / B(1, 1) = 1 / (1 + t)
    /// assert_eq!(s, [1.0, 0.5, 1.0 / 3.0, 0.25]);
    /// ```
    pub fn survival(&self, periods: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(periods + 1);
        let mut s = 1.0;
        out.push(s);
        for t in 1..=periods {
            s *= self.retention(t as u32);
            out.push(s);
        }
        out
    }

    /// The log-likelihood of `lifetimes`: Σₜ `left[t]` ln P(T = t) + Σ_c `active[c]` ln S(c),
    /// with P(T = t) = S(t − 1) · α / (α + β + t − 1).
    ///
    /// ```
    /// use retention_core::{Lifetimes, Sbg};
    /// // α = β = 1: P(T = 1) = 1/2, S(1) = 1/2.
    /// let l = Lifetimes { left: vec![0, 3], active: vec![0, 5] };
    /// let ll = Sbg { alpha: 1.0, beta: 1.0 }.log_likelihood(&l);
    /// assert!((ll - 8.0 * 0.5f64.ln()).abs() < 1e-12);
    /// ```
    pub fn log_likelihood(&self, lifetimes: &Lifetimes) -> f64 {
        self.log_likelihood_and_gradient(lifetimes).0
    }

    /// ln L and its gradient [∂/∂α, ∂/∂β]. With κ = α + β, ln P(T = t) = ln S(t − 1) + ln α
    /// − ln(κ + t − 1) and ln S(t) = Σᵢ₌₁..ₜ ln((β + i − 1) / (κ + i − 1)), so
    /// ∂ ln S(t)/∂α = −Σᵢ 1 / (κ + i − 1), ∂ ln S(t)/∂β = Σᵢ [1 / (β + i − 1) − 1 / (κ + i − 1)],
    /// and ln P(T = t) adds 1/α − 1/(κ + t − 1) in α and −1/(κ + t − 1) in β.
    fn log_likelihood_and_gradient(&self, lifetimes: &Lifetimes) -> (f64, [f64; 2]) {
        let periods = lifetimes.left.len().max(lifetimes.active.len());
        let (ln_a, kappa) = (self.alpha.ln(), self.alpha + self.beta);
        // ln S(t − 1), then ln S(t), with its derivatives in α and β.
        let (mut ln_s, mut s_alpha, mut s_beta) = (0.0, 0.0, 0.0);
        let (mut ll, mut gradient) = (0.0, [0.0; 2]);
        for t in 0..periods {
            if t > 0 {
                let left = lifetimes.left.get(t).copied().unwrap_or(0);
                let k = kappa + t as f64 - 1.0;
                let b = self.beta + t as f64 - 1.0;
                if left > 0 {
                    let n = left as f64;
                    ll += n * (ln_s + ln_a - k.ln());
                    gradient[0] += n * (s_alpha + 1.0 / self.alpha - 1.0 / k);
                    gradient[1] += n * (s_beta - 1.0 / k);
                }
                ln_s += (b / k).ln();
                s_alpha -= 1.0 / k;
                s_beta += 1.0 / b - 1.0 / k;
            }
            let active = lifetimes.active.get(t).copied().unwrap_or(0);
            if active > 0 {
                let n = active as f64;
                ll += n * ln_s;
                gradient[0] += n * s_alpha;
                gradient[1] += n * s_beta;
            }
        }
        (ll, gradient)
    }

    /// The maximum-likelihood sBG for `lifetimes`.
    ///
    /// ```
    /// use retention_core::{Lifetimes, Sbg};
    /// // The "regular" segment of Fader & Hardie (2007), years 0 to 7.
    /// let regular = [1000, 631, 468, 382, 326, 289, 262, 241];
    /// let fit = Sbg::fit(&Lifetimes::from_survivors(&regular)).unwrap();
    /// assert_eq!(format!("{:.3} {:.3}", fit.model.alpha, fit.model.beta), "0.704 1.182");
    /// ```
    pub fn fit(lifetimes: &Lifetimes) -> Result<SbgFit, SbgError> {
        let members = lifetimes.members();
        if members == 0 {
            return Err(SbgError::NoMembers);
        }
        let left = lifetimes.left_count();
        if left == 0 {
            return Err(SbgError::NoChurn);
        }
        let at = |v: &[u64], from: usize| v.iter().skip(from).sum::<u64>();
        let stayed_one = at(&lifetimes.left, 2) + at(&lifetimes.active, 1);
        if stayed_one == 0 {
            return Err(SbgError::EveryoneLeft);
        }
        if at(&lifetimes.left, 2) + at(&lifetimes.active, 2) == 0 {
            return Err(SbgError::TooFewPeriods);
        }
        // Search over (logit γ, ln κ) with γ = α / (α + β), the churn in the first period, and
        // κ = α + β: γ is well determined by the data, and the homogeneous limit is κ → ∞
        // along one axis.
        let first = lifetimes.left.get(1).copied().unwrap_or(0) as f64 / members as f64;
        let gamma = first.clamp(1e-3, 1.0 - 1e-3);
        let start = [(gamma / (1.0 - gamma)).ln() / LOGIT_SCALE, 0.0];
        let scale = members as f64;
        let cost = |x: &[f64; 2]| {
            let model = Sbg::from_search(x);
            let (ll, [d_alpha, d_beta]) = model.log_likelihood_and_gradient(lifetimes);
            // α = γκ and β = (1 − γ)κ: ∂/∂ logit γ = κγ(1 − γ) (∂/∂α − ∂/∂β), and
            // ∂/∂ ln κ = α ∂/∂α + β ∂/∂β.
            let (kappa, gamma) = (
                model.alpha + model.beta,
                model.alpha / (model.alpha + model.beta),
            );
            let d_logit = kappa * gamma * (1.0 - gamma) * (d_alpha - d_beta);
            let d_ln_kappa = model.alpha * d_alpha + model.beta * d_beta;
            (
                -ll / scale,
                [-d_logit * LOGIT_SCALE / scale, -d_ln_kappa / scale],
            )
        };
        let best = crate::predict::minimise(cost, start, MAX_LN_KAPPA)
            .ok_or(SbgError::DidNotConverge)?
            .point;
        let model = Sbg::from_search(&best);
        Ok(SbgFit {
            model,
            log_likelihood: model.log_likelihood(lifetimes),
            homogeneous: best[1] > MAX_LN_KAPPA - 0.05,
        })
    }

    /// The model at a point of the search: (logit γ / [`LOGIT_SCALE`], ln κ).
    fn from_search(x: &[f64; 2]) -> Sbg {
        let gamma = 1.0 / (1.0 + (-x[0] * LOGIT_SCALE).exp());
        let kappa = x[1].exp();
        Sbg {
            alpha: gamma * kappa,
            beta: (1.0 - gamma) * kappa,
        }
    }

    /// Expected lifetime of a new member, in periods paid (the first included):
    /// E(T) = Σₜ S(t) = (α + β − 1) / (α − 1). `None` when α ≤ 1: then the loyal tail is so
    /// long that the mean is infinite, and only a discounted lifetime ([`Sbg::del`]) is finite.
    pub fn mean_lifetime(&self) -> Option<f64> {
        (self.alpha > 1.0).then(|| (self.alpha + self.beta - 1.0) / (self.alpha - 1.0))
    }

    /// Discounted expected lifetime of a member who has just joined and paid for the first
    /// period: DEL = Σ_{t ≥ 0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1 / (1 + d)), with `discount`
    /// d per period (0.01 for 1 %) above 0. Times the fee (and margin), the value of a new
    /// member (Fader & Hardie 2010).
    pub fn del(&self, discount: f64) -> f64 {
        hyp2f1(
            1.0,
            self.beta,
            self.alpha + self.beta,
            1.0 / (1.0 + discount),
        )
    }

    /// Discounted expected residual lifetime of a member who has renewed `renewals` times
    /// (so is in period `renewals + 1`), counted at the next renewal, which is not
    /// discounted: DERL = Σ_{k ≥ 0} S(n + k) / S(n − 1) / (1 + d)^k with n = renewals + 1,
    /// which is (β + n − 1) / (α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1 / (1 + d))
    /// (Fader & Hardie 2010, eq. 6). Times the fee, the member's residual value.
    ///
    /// ```
    /// use retention_core::Sbg;
    /// let m = Sbg { alpha: 0.704, beta: 1.182 };
    /// // A new member's lifetime is the first payment now and the residual lifetime, which
    /// // starts a period later.
    /// assert!((m.del(0.1) - (1.0 + m.derl(0.1, 0) / 1.1)).abs() < 1e-12);
    /// // The longer someone has stayed, the longer they are expected to stay.
    /// assert!(m.derl(0.1, 5) > m.derl(0.1, 1));
    /// ```
    pub fn derl(&self, discount: f64, renewals: u32) -> f64 {
        let n = f64::from(renewals) + 1.0;
        let (a, b) = (self.alpha, self.beta);
        (b + n - 1.0) / (a + b + n - 1.0) * hyp2f1(1.0, b + n, a + b + n, 1.0 / (1.0 + discount))
    }

    /// Of a member still there after `c` periods, the chance to still be there after `c + h`:
    /// S(c + h) / S(c).
    pub fn still_there(&self, c: u32, h: u32) -> f64 {
        (c + 1..=c + h).map(|t| self.retention(t)).product()
    }
}

/// Constant churn θ per period, the same for every member and every tenure: the geometric
/// model the sBG is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConstantChurn {
    /// θ, as a share (0.05 for 5 %).
    pub churn: f64,
}

impl ConstantChurn {
    /// The maximum-likelihood constant churn: members who left over member-periods at risk,
    /// Σ left / Σ at risk — the average churn over all the periods watched.
    ///
    /// ```
    /// use retention_core::{ConstantChurn, Lifetimes};
    /// // 1000 → 631 → 468: 532 left over 1000 + 631 member-periods.
    /// let c = ConstantChurn::fit(&Lifetimes::from_survivors(&[1000, 631, 468])).unwrap();
    /// assert!((c.churn - 532.0 / 1631.0).abs() < 1e-15);
    /// ```
    pub fn fit(lifetimes: &Lifetimes) -> Option<ConstantChurn> {
        let (exposure, left) = lifetimes
            .at_risk()
            .iter()
            .fold((0, 0), |(e, l), &(r, d)| (e + r, l + d));
        (exposure > 0).then(|| ConstantChurn {
            churn: left as f64 / exposure as f64,
        })
    }

    /// The share still there after t periods: (1 − θ)^t, t = 0..=periods.
    pub fn survival(&self, periods: usize) -> Vec<f64> {
        (0..=periods)
            .map(|t| (1.0 - self.churn).powi(t as i32))
            .collect()
    }

    /// Expected lifetime in periods paid: 1 / θ.
    pub fn mean_lifetime(&self) -> Option<f64> {
        (self.churn > 0.0).then(|| 1.0 / self.churn)
    }

    /// Discounted expected lifetime of a new member: Σ (1 − θ)^t / (1 + d)^t = (1 + d) / (d + θ).
    pub fn del(&self, discount: f64) -> f64 {
        (1.0 + discount) / (discount + self.churn)
    }

    /// Discounted expected residual lifetime at any tenure: (1 − θ) (1 + d) / (d + θ),
    /// the same for a member of ten years as for one of ten days.
    pub fn derl(&self, discount: f64) -> f64 {
        (1.0 - self.churn) * self.del(discount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ∂ ln L along α (`i` 0) or β (`i` 1) by the five-point central difference, with a
    /// relative step: good to about 1e-16 |ln L| / h, its truncation far below that.
    fn central(model: Sbg, lifetimes: &Lifetimes, i: usize) -> f64 {
        let at = [model.alpha, model.beta];
        let h = 1e-4 * at[i];
        let moved = |d: f64| {
            let mut p = at;
            p[i] += d;
            Sbg {
                alpha: p[0],
                beta: p[1],
            }
            .log_likelihood(lifetimes)
        };
        (8.0 * (moved(h) - moved(-h)) - (moved(2.0 * h) - moved(-2.0 * h))) / (12.0 * h)
    }

    #[test]
    fn gradient_matches_central_differences() {
        // A survivors table (Fader & Hardie's "regular" segment) and a member file's mix of
        // members who left and members still there, at everyday and extreme parameters.
        let survivors = Lifetimes::from_survivors(&[1000, 631, 468, 382, 326, 289, 262, 241]);
        let mixed = Lifetimes {
            left: vec![0, 40, 25, 0, 12, 9, 3],
            active: vec![5, 7, 30, 2, 0, 18, 60],
        };
        for lifetimes in [&survivors, &mixed] {
            for (alpha, beta) in [
                (0.704, 1.182),
                (0.05, 3.0),
                (2.0, 0.3),
                (1e-3, 1e-3),
                (3e4, 1.2e5), // near the homogeneous edge
            ] {
                let model = Sbg { alpha, beta };
                let (ll, analytic) = model.log_likelihood_and_gradient(lifetimes);
                assert_eq!(ll, model.log_likelihood(lifetimes));
                for i in 0..2 {
                    let numeric = central(model, lifetimes, i);
                    let parameter = [alpha, beta][i];
                    let allowed = 1e-7 * analytic[i].abs() + 1e-10 * ll.abs() / parameter;
                    assert!(
                        (analytic[i] - numeric).abs() <= allowed,
                        "∂{i} at ({alpha}, {beta}): analytic {} numeric {numeric}",
                        analytic[i]
                    );
                }
            }
        }
    }

    #[test]
    fn the_fit_lands_where_the_slope_is_flat() {
        let lifetimes = Lifetimes::from_survivors(&[1000, 631, 468, 382, 326, 289, 262, 241]);
        let fit = Sbg::fit(&lifetimes).unwrap().model;
        for i in 0..2 {
            // ∂ ln L / ∂ ln θ by differences of ln L alone, relative to the members.
            let slope = central(fit, &lifetimes, i) * [fit.alpha, fit.beta][i] / 1000.0;
            assert!(slope.abs() < 1e-8, "∂{i} ln L = {slope:e}");
        }
    }
}
