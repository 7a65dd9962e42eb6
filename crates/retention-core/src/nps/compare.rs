//! Two surveys compared, and the size a survey needs to show a change.

use serde::Serialize;

use super::{two_sided_p, Interval, Nps, NpsError, Z_95};

/// The p-value below which a change counts as significant: a two-sided test at 5 %.
pub const SIGNIFICANCE: f64 = 0.05;

/// Φ⁻¹(0.80): the extra standard errors that give a test 80 % power.
pub(crate) const Z_POWER_80: f64 = 0.841_621_233_572_914_4;

/// What a comparison of two surveys says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeVerdict {
    /// The NPS went up, significantly at 5 %.
    Up,
    /// The NPS went down, significantly at 5 %.
    Down,
    /// The difference is within what chance gives two surveys of the same customers.
    NotSignificant,
}

/// Two surveys compared, such as before and after a campaign. Differences are in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpsChange {
    /// The first survey.
    pub before: Nps,
    /// The second survey.
    pub after: Nps,
    /// after − before.
    pub difference: f64,
    /// √(SE_before² + SE_after²): the surveys are independent samples.
    pub standard_error: f64,
    /// difference ± 1.96 × standard error, within −200..200.
    pub interval: Interval,
    /// difference / standard error.
    pub z: f64,
    /// Two-sided: 2 × (1 − Φ(|z|)).
    pub p_value: f64,
    /// Up or down when p < 5 %, else not significant.
    pub verdict: ChangeVerdict,
    /// Either survey has fewer than [`MIN_RESPONDENTS`](crate::MIN_RESPONDENTS) respondents.
    pub too_small: bool,
}

/// Compares two surveys with a two-sided z test on the difference of their NPS, as in
/// Rocks's R package `NPS` (`nps_test`): z = (NPS_after − NPS_before) / √(SE_before² +
/// SE_after²).
///
/// When both surveys are unanimous (every answer in one group) their plain standard errors
/// are zero; the test then uses the adjusted Wald variances instead, so it still answers.
///
/// ```
/// use retention_core::{compare_nps, nps, ChangeVerdict, NpsCounts};
/// let before = nps(NpsCounts { promoters: 400, passives: 300, detractors: 300 }).unwrap();
/// let after = nps(NpsCounts { promoters: 500, passives: 300, detractors: 200 }).unwrap();
/// let change = compare_nps(&before, &after);
/// assert!((change.difference - 20.0).abs() < 1e-9);
/// assert_eq!(change.verdict, ChangeVerdict::Up);
/// ```
pub fn compare_nps(before: &Nps, after: &Nps) -> NpsChange {
    let difference = after.score - before.score;
    let mut standard_error = before.standard_error.hypot(after.standard_error);
    if standard_error == 0.0 {
        let spread = |s: &Nps| {
            let a = s.adjusted();
            a.variance() / a.n
        };
        standard_error = (spread(before) + spread(after)).sqrt() * 100.0;
    }
    let z = difference / standard_error;
    let p_value = two_sided_p(z);
    let verdict = if p_value >= SIGNIFICANCE {
        ChangeVerdict::NotSignificant
    } else if difference > 0.0 {
        ChangeVerdict::Up
    } else {
        ChangeVerdict::Down
    };
    let margin = Z_95 * standard_error;
    NpsChange {
        before: *before,
        after: *after,
        difference,
        standard_error,
        interval: Interval {
            low: (difference - margin).max(-200.0),
            high: (difference + margin).min(200.0),
            margin,
        },
        z,
        p_value,
        verdict,
        too_small: before.too_small || after.too_small,
    }
}

/// How many respondents each of two surveys needs to show a change of `change` points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleNeeded {
    /// The change in NPS points.
    pub change: f64,
    /// The variance of one answer assumed for both surveys: the survey's own
    /// p + d − (p − d)², or 1, the largest possible, when the survey is unanimous.
    pub variance: f64,
    /// Respondents per survey at which a change of this size, if observed, is significant at
    /// 5 %: 2 × 1.96² × Var / Δ², Δ as a share.
    pub to_be_significant: u64,
    /// Respondents per survey that give an 80 % chance of seeing a real change of this size
    /// as significant: 2 × (1.96 + 0.84)² × Var / Δ².
    pub to_detect: u64,
}

/// The respondents each survey needs before a change of `change` NPS points (more than 0,
/// at most 200) is significant, assuming both surveys have the mix of `survey`.
///
/// ```
/// use retention_core::{nps, sample_needed, NpsCounts};
/// let survey = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
/// // 2 × 1.96² × 0.61 / 0.1² = 468.7: 469 per survey to see 10 points as significant.
/// let needed = sample_needed(&survey, 10.0).unwrap();
/// assert_eq!(needed.to_be_significant, 469);
/// assert_eq!(needed.to_detect, 958);
/// ```
pub fn sample_needed(survey: &Nps, change: f64) -> Result<SampleNeeded, NpsError> {
    if change.is_nan() {
        return Err(NpsError::NotANumber {
            field: super::NpsField::Change,
        });
    }
    if !(change > 0.0 && change <= 200.0) {
        return Err(NpsError::ChangeOutOfRange { value: change });
    }
    let variance = match survey.variance() {
        v if v > 0.0 => v,
        _ => 1.0,
    };
    let delta = change / 100.0;
    let per_survey = |z: f64| (2.0 * z * z * variance / (delta * delta)).ceil().max(1.0) as u64;
    Ok(SampleNeeded {
        change,
        variance,
        to_be_significant: per_survey(Z_95),
        to_detect: per_survey(Z_95 + Z_POWER_80),
    })
}
