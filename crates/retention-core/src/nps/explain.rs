//! What the NPS figures mean, as data: the formula with the survey's numbers, the band or
//! verdict, and next steps chosen by the situation. The app and the CLI word them.

use serde::Serialize;

use super::compare::{ChangeVerdict, NpsChange, SampleNeeded, Z_POWER_80};
use super::{Nps, NpsBand, Z_95};
use crate::formula;
use crate::{Quantity, Token};

/// A figure of the NPS calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NpsFigure {
    /// (promoters − detractors) / n × 100.
    Score,
    /// √((p + d − (p − d)²) / n) × 100.
    StandardError,
    /// 1.96 × the adjusted Wald standard error: the ± of the 95 % interval.
    MarginOfError,
    /// NPS after − NPS before.
    Change,
    /// √(SE_before² + SE_after²).
    ChangeStandardError,
    /// The change / its standard error.
    ZScore,
    /// 2 × (1 − Φ(|z|)).
    PValue,
    /// Respondents per survey for a change to be significant if observed.
    SampleToBeSignificant,
    /// Respondents per survey for an 80 % chance to detect a change.
    SampleToDetect,
}

/// A next step for the NPS, for the app to word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NpsAdvice {
    /// Contact every detractor within 48 hours: ask what went wrong and put it right.
    CloseTheLoop,
    /// Group the detractors' comments and fix the most named complaint first.
    FixTopComplaint,
    /// Ask passives what would make it a 9 or 10.
    ActivatePassives,
    /// Ask promoters for a review or a referral while they are happy.
    AskForReviews,
    /// Start a referral programme that rewards promoters and the friends they bring.
    ReferralProgramme,
    /// Survey the same customers again after a change, with the same question.
    SurveyAgain,
    /// Too few answers: ask more customers (reminders, a survey after each order) before
    /// acting on the score.
    AskMore,
}

/// Everything said about one NPS figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpsExplanation {
    /// Which figure.
    pub figure: NpsFigure,
    /// Its value: NPS points as a number, counts as counts.
    pub value: Quantity,
    /// The right-hand side of the formula with the survey's numbers, up to `= value`.
    pub formula: Vec<Token>,
    /// The band of the score, for the score.
    pub band: Option<NpsBand>,
    /// The verdict of a comparison, for its figures.
    pub verdict: Option<ChangeVerdict>,
    /// Two or three next steps chosen by the situation.
    pub advice: Vec<NpsAdvice>,
}

/// Explains a survey: its score, standard error and margin of error.
///
/// ```
/// use retention_core::{explain_nps, nps, NpsAdvice, NpsCounts, NpsFigure, Quantity, Token};
/// let survey = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
/// let score = &explain_nps(&survey)[0];
/// assert_eq!(score.figure, NpsFigure::Score);
/// assert_eq!(score.value, Quantity::Number(30.0));
/// assert_eq!(score.formula[1], Token::Value(Quantity::Count(50)));
/// assert_eq!(score.advice[0], NpsAdvice::AskForReviews);
/// ```
pub fn explain_nps(survey: &Nps) -> Vec<NpsExplanation> {
    use Quantity::{Count, Number};
    use Token::{Text, Value};
    let c = survey.counts;
    let n = survey.respondents as f64;
    let a = survey.adjusted();
    let advice = survey_advice(survey);
    let item = |figure, value, formula, band| NpsExplanation {
        figure,
        value,
        formula,
        band,
        verdict: None,
        advice: advice.clone(),
    };
    let mut margin = vec![Value(Number(Z_95)), Text(" × ")];
    margin.extend(variance_formula(a.promoters, a.detractors, Number(a.n)));
    vec![
        item(
            NpsFigure::Score,
            Number(survey.score),
            formula::difference_share(
                Count(c.promoters),
                Count(c.detractors),
                Count(survey.respondents),
            ),
            Some(survey.band),
        ),
        item(
            NpsFigure::StandardError,
            Number(survey.standard_error),
            variance_formula(
                c.promoters as f64 / n,
                c.detractors as f64 / n,
                Count(survey.respondents),
            ),
            None,
        ),
        item(
            NpsFigure::MarginOfError,
            Number(survey.interval.margin),
            margin,
            None,
        ),
    ]
}

/// Explains a comparison of two surveys: the change, its standard error, z and p.
///
/// ```
/// use retention_core::{compare_nps, explain_change, nps, ChangeVerdict, NpsCounts, NpsFigure};
/// let before = nps(NpsCounts { promoters: 40, passives: 30, detractors: 30 }).unwrap();
/// let after = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
/// let explained = explain_change(&compare_nps(&before, &after));
/// assert_eq!(explained[0].figure, NpsFigure::Change);
/// assert_eq!(explained[0].verdict, Some(ChangeVerdict::NotSignificant));
/// ```
pub fn explain_change(change: &NpsChange) -> Vec<NpsExplanation> {
    use NpsAdvice::*;
    use Quantity::Number;
    use Token::{Power, Text, Value};
    let mut advice = match change.verdict {
        ChangeVerdict::Up => vec![SurveyAgain, AskForReviews],
        ChangeVerdict::Down => vec![CloseTheLoop, FixTopComplaint, SurveyAgain],
        ChangeVerdict::NotSignificant => vec![SurveyAgain, AskMore],
    };
    if change.too_small {
        advice.retain(|a| *a != AskMore);
        advice.insert(0, AskMore);
    }
    let item = |figure, value, formula| NpsExplanation {
        figure,
        value,
        formula,
        band: None,
        verdict: Some(change.verdict),
        advice: advice.clone(),
    };
    vec![
        item(
            NpsFigure::Change,
            Number(change.difference),
            formula::difference(Number(change.after.score), Number(change.before.score)),
        ),
        item(
            NpsFigure::ChangeStandardError,
            Number(change.standard_error),
            vec![
                Text("√("),
                Value(Number(change.before.standard_error)),
                Power(2),
                Text(" + "),
                Value(Number(change.after.standard_error)),
                Power(2),
                Text(")"),
            ],
        ),
        item(
            NpsFigure::ZScore,
            Number(change.z),
            formula::quotient(Number(change.difference), Number(change.standard_error)),
        ),
        item(
            NpsFigure::PValue,
            Number(change.p_value),
            vec![Text("2 × (1 − Φ(|"), Value(Number(change.z)), Text("|))")],
        ),
    ]
}

/// Explains the respondents a survey needs to show a change.
///
/// ```
/// use retention_core::{explain_sample, nps, sample_needed, NpsCounts, Quantity};
/// let survey = nps(NpsCounts { promoters: 50, passives: 30, detractors: 20 }).unwrap();
/// let explained = explain_sample(&sample_needed(&survey, 10.0).unwrap());
/// assert_eq!(explained[0].value, Quantity::Count(469));
/// ```
pub fn explain_sample(needed: &SampleNeeded) -> Vec<NpsExplanation> {
    use Quantity::{Count, Number};
    use Token::{Power, Text, Value};
    let tail = [
        Text(" × "),
        Value(Number(needed.variance)),
        Text(" / "),
        Value(Number(needed.change / 100.0)),
        Power(2),
    ];
    let mut significant = vec![Text("2 × "), Value(Number(Z_95)), Power(2)];
    significant.extend(tail);
    let mut detect = vec![
        Text("2 × ("),
        Value(Number(Z_95)),
        Text(" + "),
        Value(Number(Z_POWER_80)),
        Text(")"),
        Power(2),
    ];
    detect.extend(tail);
    let item = |figure, n, formula| NpsExplanation {
        figure,
        value: Count(n),
        formula,
        band: None,
        verdict: None,
        advice: vec![NpsAdvice::AskMore, NpsAdvice::SurveyAgain],
    };
    vec![
        item(
            NpsFigure::SampleToBeSignificant,
            needed.to_be_significant,
            significant,
        ),
        item(NpsFigure::SampleToDetect, needed.to_detect, detect),
    ]
}

/// `√((p + d − (p − d)²) / n) × 100`.
fn variance_formula(p: f64, d: f64, n: Quantity) -> Vec<Token> {
    use Quantity::Number;
    use Token::{Power, Text, Value};
    vec![
        Text("√(("),
        Value(Number(p)),
        Text(" + "),
        Value(Number(d)),
        Text(" − ("),
        Value(Number(p)),
        Text(" − "),
        Value(Number(d)),
        Text(")"),
        Power(2),
        Text(") / "),
        Value(n),
        Text(") × 100"),
    ]
}

/// Next steps for a survey: by band, leaving out steps for a group nobody is in.
fn survey_advice(survey: &Nps) -> Vec<NpsAdvice> {
    use NpsAdvice::*;
    let c = survey.counts;
    let mut advice = if survey.too_small {
        vec![AskMore, CloseTheLoop, AskForReviews]
    } else {
        match survey.band {
            NpsBand::NeedsWork => vec![CloseTheLoop, FixTopComplaint, SurveyAgain],
            NpsBand::Good => vec![CloseTheLoop, FixTopComplaint, ActivatePassives],
            NpsBand::Great => vec![AskForReviews, ActivatePassives, CloseTheLoop],
            NpsBand::Excellent => vec![ReferralProgramme, AskForReviews, CloseTheLoop],
        }
    };
    advice.retain(|a| match a {
        CloseTheLoop | FixTopComplaint => c.detractors > 0,
        ActivatePassives => c.passives > 0,
        AskForReviews | ReferralProgramme => c.promoters > 0,
        SurveyAgain | AskMore => true,
    });
    if advice.len() < 2 {
        advice.push(SurveyAgain);
    }
    advice
}
