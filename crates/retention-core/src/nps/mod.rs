//! The Net Promoter Score of a survey, how precise it is, and whether it changed.
//!
//! Respondents answer "How likely is it that you would recommend us to a friend or
//! colleague?" from 0 to 10: 9 and 10 are promoters, 7 and 8 passives, 0 to 6 detractors.
//!
//! - NPS = % promoters − % detractors, from −100 to 100 ([`nps`]).
//! - Its standard error from the variance of the promoter/detractor difference:
//!   Var = p + d − (p − d)² per respondent, SE = √(Var / n), with p and d the shares.
//! - The 95 % interval by the adjusted Wald method of Rocks (2016): add 3 respondents, ¾ of
//!   them promoters and ¾ detractors, then ± 1.96 SE. At a few hundred respondents it is the
//!   plain Wald interval; below, the plain one is too narrow (a unanimous survey of 5 gets a
//!   zero-width interval), and Rocks found the adjusted one keeps close to 95 % coverage.
//! - Two surveys ([`compare_nps`]): the difference, its standard error √(SE₁² + SE₂²), and a
//!   two-sided z test at 5 %.
//! - The respondents a survey needs so that a change of Δ points would be significant
//!   ([`sample_needed`]).
//! - Raw answers pasted or read from a file ([`parse_answers`]), every unusable cell reported
//!   by its line.
//!
//! Reference: B. Rocks (2016), "Interval Estimation for the 'Net Promoter Score'", The
//! American Statistician 70(4), 365–372.
//!
//! ```
//! use retention_core::{nps, NpsBand, NpsCounts};
//! let survey = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
//! assert_eq!(survey.score, 30.0);
//! assert_eq!(survey.band, NpsBand::Great);
//! assert!((survey.standard_error - 7.81).abs() < 0.005);
//! ```

mod answers;
mod compare;
mod error;
mod explain;

use serde::{Deserialize, Serialize};

use crate::check;

pub use answers::{
    parse_answers, AnswerColumn, AnswerError, AnswerOptions, AnswerProblem, AnswerSheet, BadAnswer,
    MAX_BAD_ANSWERS,
};
pub use compare::{
    compare_nps, sample_needed, ChangeVerdict, NpsChange, SampleNeeded, SIGNIFICANCE,
};
pub use error::{NpsError, NpsField};
pub use explain::{
    explain_change, explain_nps, explain_sample, NpsAdvice, NpsExplanation, NpsFigure,
};

/// Below this many respondents a survey is too small to read: the normal approximation
/// behind every interval and test here needs about 30, and even at 30 the margin of error of
/// a typical survey is some ±30 points.
pub const MIN_RESPONDENTS: u64 = 30;

/// The largest count accepted: more is a typing mistake, and the limit keeps every figure
/// exact in `f64`.
pub const MAX_RESPONDENTS: f64 = 1e10;

/// Φ⁻¹(0.975): a 95 % two-sided interval is ± this many standard errors.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// Pseudo-respondents of the adjusted Wald interval (Rocks 2016): 3 in all, ¾ of them
/// promoters and ¾ detractors (so 1½ passives).
const ADJUST_RESPONDENTS: f64 = 3.0;
const ADJUST_EACH: f64 = 0.75;

/// How many promoters, passives and detractors answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NpsCounts {
    /// Answered 9 or 10.
    pub promoters: u64,
    /// Answered 7 or 8.
    pub passives: u64,
    /// Answered 0 to 6.
    pub detractors: u64,
}

impl NpsCounts {
    /// Checks counts as someone typed them: `None` is an empty field, `NaN` text that is not a
    /// number. Returns every mistake, one per field in form order, or
    /// [`NpsError::NoRespondents`] when all three are zero.
    ///
    /// ```
    /// use retention_core::{NpsCounts, NpsError, NpsField};
    /// assert_eq!(
    ///     NpsCounts::read(Some(50.0), Some(30.0), Some(20.0)),
    ///     Ok(NpsCounts { promoters: 50, passives: 30, detractors: 20 })
    /// );
    /// assert_eq!(
    ///     NpsCounts::read(Some(-1.0), Some(2.5), None),
    ///     Err(vec![
    ///         NpsError::Negative { field: NpsField::Promoters },
    ///         NpsError::NotWhole { field: NpsField::Passives },
    ///         NpsError::Missing { field: NpsField::Detractors },
    ///     ])
    /// );
    /// assert_eq!(NpsCounts::read(Some(0.0), Some(0.0), Some(0.0)), Err(vec![NpsError::NoRespondents]));
    /// ```
    pub fn read(
        promoters: Option<f64>,
        passives: Option<f64>,
        detractors: Option<f64>,
    ) -> Result<NpsCounts, Vec<NpsError>> {
        let values = [promoters, passives, detractors];
        let mut counts = [0u64; 3];
        let mut errors = Vec::new();
        for ((field, value), count) in NpsField::COUNTS.into_iter().zip(values).zip(&mut counts) {
            match read_count(field, value) {
                Ok(n) => *count = n,
                Err(e) => errors.push(e),
            }
        }
        let [promoters, passives, detractors] = counts;
        let counts = NpsCounts {
            promoters,
            passives,
            detractors,
        };
        if errors.is_empty() && counts.respondents() == 0 {
            errors.push(NpsError::NoRespondents);
        }
        if errors.is_empty() {
            Ok(counts)
        } else {
            Err(errors)
        }
    }

    /// Counts 0–10 answers. The first score that is not a whole number from 0 to 10 is the
    /// error, with its position.
    ///
    /// ```
    /// use retention_core::{NpsCounts, NpsError};
    /// let counts = NpsCounts::from_scores(&[10.0, 9.0, 8.0, 6.0, 0.0]).unwrap();
    /// assert_eq!(counts, NpsCounts { promoters: 2, passives: 1, detractors: 2 });
    /// assert_eq!(
    ///     NpsCounts::from_scores(&[9.0, 11.0]),
    ///     Err(NpsError::ScoreOutOfRange { index: 1, value: 11.0 })
    /// );
    /// ```
    pub fn from_scores(scores: &[f64]) -> Result<NpsCounts, NpsError> {
        let mut counts = NpsCounts::default();
        for (index, &value) in scores.iter().enumerate() {
            let score = read_score(value).map_err(|problem| match problem {
                AnswerProblem::NotWhole => NpsError::ScoreNotWhole { index, value },
                AnswerProblem::NotANumber => NpsError::ScoreNotANumber { index },
                _ => NpsError::ScoreOutOfRange { index, value },
            })?;
            counts.add(score, 1);
        }
        Ok(counts)
    }

    /// Everyone who answered.
    pub fn respondents(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// Adds `n` answers of `score` (0 to 10) to their group.
    fn add(&mut self, score: u8, n: u64) {
        match score {
            9.. => self.promoters += n,
            7 | 8 => self.passives += n,
            _ => self.detractors += n,
        }
    }
}

/// A score as the survey question allows it: a whole number from 0 to 10. The one home of
/// that rule, for lists of scores and for pasted answers alike.
pub(crate) fn read_score(value: f64) -> Result<u8, AnswerProblem> {
    if value.is_nan() {
        Err(AnswerProblem::NotANumber)
    } else if !(0.0..=10.0).contains(&value) {
        Err(AnswerProblem::OutOfRange)
    } else if value.fract() != 0.0 {
        Err(AnswerProblem::NotWhole)
    } else {
        Ok(value as u8)
    }
}

fn read_count(field: NpsField, value: Option<f64>) -> Result<u64, NpsError> {
    check::count(value, MAX_RESPONDENTS).map_err(|p| NpsError::of(field, p))
}

/// A 95 % interval, in NPS points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interval {
    /// The lower end, never below the scale's minimum.
    pub low: f64,
    /// The upper end, never above the scale's maximum.
    pub high: f64,
    /// Half the width before clipping: the "±" of the margin of error.
    pub margin: f64,
}

/// What a survey's NPS is and how far to trust it. Shares and scores are in percent and
/// points: an NPS of 30 is 30, not 0.3.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Nps {
    /// The counts it comes from.
    pub counts: NpsCounts,
    /// Everyone who answered: n.
    pub respondents: u64,
    /// Promoters / n × 100.
    pub promoter_share: f64,
    /// Passives / n × 100.
    pub passive_share: f64,
    /// Detractors / n × 100.
    pub detractor_share: f64,
    /// % promoters − % detractors, from −100 to 100.
    pub score: f64,
    /// √((p + d − (p − d)²) / n) × 100, in points.
    pub standard_error: f64,
    /// The 95 % interval by the adjusted Wald method (Rocks 2016), within −100..100.
    pub interval: Interval,
    /// Fewer than [`MIN_RESPONDENTS`] answered: too small to read.
    pub too_small: bool,
    /// Where the score falls in the conventional bands.
    pub band: NpsBand,
}

impl Nps {
    /// The variance of one answer scored +1 (promoter), 0 (passive), −1 (detractor):
    /// p + d − (p − d)², in shares (0 to 1).
    pub fn variance(&self) -> f64 {
        variance(self.counts)
    }

    /// The same with the adjusted Wald pseudo-respondents added: never zero.
    pub(crate) fn adjusted(&self) -> Adjusted {
        Adjusted::of(self.counts)
    }
}

/// Shares with the adjusted Wald pseudo-respondents: (P + ¾) / (n + 3) and (D + ¾) / (n + 3).
pub(crate) struct Adjusted {
    pub n: f64,
    pub promoters: f64,
    pub detractors: f64,
}

impl Adjusted {
    fn of(counts: NpsCounts) -> Adjusted {
        let n = counts.respondents() as f64 + ADJUST_RESPONDENTS;
        Adjusted {
            n,
            promoters: (counts.promoters as f64 + ADJUST_EACH) / n,
            detractors: (counts.detractors as f64 + ADJUST_EACH) / n,
        }
    }

    pub fn variance(&self) -> f64 {
        let net = self.promoters - self.detractors;
        self.promoters + self.detractors - net * net
    }
}

fn variance(counts: NpsCounts) -> f64 {
    let n = counts.respondents() as f64;
    let p = counts.promoters as f64 / n;
    let d = counts.detractors as f64 / n;
    // Never below zero, whatever rounding does at p or d = 1.
    (p + d - (p - d) * (p - d)).max(0.0)
}

/// The NPS of a survey, with its standard error, 95 % interval and band.
///
/// ```
/// use retention_core::{nps, NpsCounts, NpsError};
/// let survey = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
/// assert_eq!((survey.promoter_share, survey.detractor_share), (50.0, 20.0));
/// assert!((survey.interval.low - 14.05).abs() < 0.005);
/// assert!((survey.interval.high - 44.20).abs() < 0.005);
/// assert_eq!(nps(NpsCounts::default()), Err(NpsError::NoRespondents));
/// ```
pub fn nps(counts: NpsCounts) -> Result<Nps, NpsError> {
    let respondents = counts.respondents();
    if respondents == 0 {
        return Err(NpsError::NoRespondents);
    }
    let n = respondents as f64;
    let share = |k: u64| k as f64 / n * 100.0;
    let score = (counts.promoters as f64 - counts.detractors as f64) / n * 100.0;
    let adjusted = Adjusted::of(counts);
    let centre = (adjusted.promoters - adjusted.detractors) * 100.0;
    let margin = Z_95 * (adjusted.variance() / adjusted.n).sqrt() * 100.0;
    Ok(Nps {
        counts,
        respondents,
        promoter_share: share(counts.promoters),
        passive_share: share(counts.passives),
        detractor_share: share(counts.detractors),
        score,
        standard_error: (variance(counts) / n).sqrt() * 100.0,
        interval: Interval {
            low: (centre - margin).max(-100.0),
            high: (centre + margin).min(100.0),
            margin,
        },
        too_small: respondents < MIN_RESPONDENTS,
        band: NpsBand::of(score),
    })
}

/// The conventional reading of an NPS: below 0 needs work, 0 to 30 is good, 30 to 70 great,
/// 70 and more excellent. A survey-industry rule of thumb (Bain & Company, who devised the
/// NPS, call above 0 good and above 50 excellent); scores differ a lot between industries,
/// so a survey's own trend says more than its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NpsBand {
    /// Below 0: more detractors than promoters.
    NeedsWork,
    /// 0 to 30.
    Good,
    /// 30 to 70.
    Great,
    /// 70 and more.
    Excellent,
}

impl NpsBand {
    /// Every band, lowest first.
    pub const ALL: [NpsBand; 4] = [
        NpsBand::NeedsWork,
        NpsBand::Good,
        NpsBand::Great,
        NpsBand::Excellent,
    ];

    /// The band of `score`, read as shown to one decimal: 29.96 shows as 30.0 and is great.
    ///
    /// ```
    /// use retention_core::NpsBand;
    /// assert_eq!(NpsBand::of(-0.1), NpsBand::NeedsWork);
    /// assert_eq!(NpsBand::of(0.0), NpsBand::Good);
    /// assert_eq!(NpsBand::of(29.96), NpsBand::Great);
    /// assert_eq!(NpsBand::of(70.0), NpsBand::Excellent);
    /// ```
    pub fn of(score: f64) -> NpsBand {
        let shown = (score * 10.0).round() / 10.0;
        NpsBand::ALL
            .into_iter()
            .rev()
            .find(|band| band.lower().is_none_or(|low| shown >= low))
            .unwrap_or(NpsBand::NeedsWork)
    }

    /// Where the band starts; `None` for the lowest.
    pub fn lower(self) -> Option<f64> {
        match self {
            NpsBand::NeedsWork => None,
            NpsBand::Good => Some(0.0),
            NpsBand::Great => Some(30.0),
            NpsBand::Excellent => Some(70.0),
        }
    }

    /// The camelCase name used in the JS API.
    pub fn name(self) -> &'static str {
        match self {
            NpsBand::NeedsWork => "needsWork",
            NpsBand::Good => "good",
            NpsBand::Great => "great",
            NpsBand::Excellent => "excellent",
        }
    }
}

/// The probability that a standard normal variable is at least |z| away from 0, on either
/// side: the two-sided p-value of a z test.
pub(crate) fn two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2)
}
