//! What each members figure means, as data: the formula with the user's numbers, the verdict
//! against the 85 % target and the next steps. The app and the CLI word it.

use serde::Serialize;

use super::calculator::{MemberReport, MemberRetention, MemberValue};
use crate::{Period, Quantity, Token, Verdict, TARGET_RETENTION};

/// A figure of the members calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberFigure {
    /// (S − C) / S × 100.
    RetentionRate,
    /// C / S × 100.
    ChurnRate,
    /// Retention compounded over a year (month and quarter periods only).
    AnnualRetention,
    /// Churn compounded over a year (month and quarter periods only).
    AnnualChurn,
    /// E = S − C + N.
    End,
    /// N / S.
    NewPerMember,
    /// (N − C) / S × 100.
    NetGrowth,
    /// 1 / churn.
    Tenure,
    /// Fee × tenure.
    Clv,
    /// CLV × margin.
    ProfitClv,
    /// m × (1 + d) / (d + c).
    DiscountedClv,
}

impl MemberFigure {
    /// Every figure, in page order.
    pub const ALL: [MemberFigure; 11] = [
        MemberFigure::RetentionRate,
        MemberFigure::ChurnRate,
        MemberFigure::AnnualRetention,
        MemberFigure::AnnualChurn,
        MemberFigure::End,
        MemberFigure::NewPerMember,
        MemberFigure::NetGrowth,
        MemberFigure::Tenure,
        MemberFigure::Clv,
        MemberFigure::ProfitClv,
        MemberFigure::DiscountedClv,
    ];
}

/// A next step for a membership business; the app words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberAdvice {
    /// Onboard new members in their first 90 days: most cancellations come early.
    Onboarding,
    /// Offer annual plans (or a discount for paying a year ahead): fewer moments to leave.
    AnnualPlans,
    /// Offer a pause instead of a cancellation.
    PauseInsteadOfCancel,
    /// Win back cancelled members with an offer to return.
    WinBackCancelled,
    /// Ask everyone who cancels why, in one question.
    ExitSurvey,
    /// Retry failed payments and remind members to update their card: involuntary churn.
    FailedPayments,
    /// Reward members for their loyalty and for bringing a friend.
    Referral,
    /// Offer a higher plan or extras to members who use the service most.
    Upgrade,
    /// Recognise long-standing members.
    Loyalty,
    /// More members leave than join: invest in winning new members.
    Acquisition,
    /// Review the fee and the cost of serving a member.
    Pricing,
}

/// Everything the page says about one members figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberExplanation {
    /// Which figure.
    pub figure: MemberFigure,
    /// Its value.
    pub value: Quantity,
    /// The right-hand side of the formula with the user's numbers, up to `= value`.
    pub formula: Vec<Token>,
    /// How annual retention compares with the 85 % target, for figures that follow from it.
    pub verdict: Option<Verdict>,
    /// The same figure at exactly the 85 % annual retention target.
    pub at_target: Option<Quantity>,
    /// Two or three next steps chosen by the situation.
    pub advice: Vec<MemberAdvice>,
}

/// Churn per period that compounds to the target over a year, in percent.
pub(crate) fn target_churn(period: Period) -> f64 {
    (1.0 - (TARGET_RETENTION / 100.0).powf(1.0 / f64::from(period.per_year()))) * 100.0
}

/// Explains every figure of a members report, in page order.
///
/// ```
/// use retention_core::{calculate_members, explain_members, MemberFigure, MemberInputs, Quantity};
/// let report = calculate_members(&MemberInputs::example());
/// let all = explain_members(&report);
/// assert_eq!(all[0].figure, MemberFigure::RetentionRate);
/// assert_eq!(all[0].value, Quantity::Percent(95.0));
/// ```
pub fn explain_members(report: &MemberReport) -> Vec<MemberExplanation> {
    let mut out = Vec::new();
    if let Some(r) = &report.retention {
        explain_retention(r, &mut out);
        if let Some(v) = &report.value {
            explain_value(r, v, &mut out);
        }
    }
    out
}

fn retention_advice(verdict: Verdict) -> Vec<MemberAdvice> {
    match verdict {
        Verdict::Below => vec![
            MemberAdvice::Onboarding,
            MemberAdvice::PauseInsteadOfCancel,
            MemberAdvice::AnnualPlans,
        ],
        Verdict::Near => vec![
            MemberAdvice::PauseInsteadOfCancel,
            MemberAdvice::FailedPayments,
            MemberAdvice::ExitSurvey,
        ],
        Verdict::Above | Verdict::OnTarget => vec![
            MemberAdvice::Loyalty,
            MemberAdvice::Referral,
            MemberAdvice::Upgrade,
        ],
    }
}

fn explain_retention(r: &MemberRetention, out: &mut Vec<MemberExplanation>) {
    use Quantity::{Count, Number, Percent};
    use Token::{Text, Value};
    let advice = retention_advice(r.verdict);
    let verdict = Some(r.verdict);
    let target = target_churn(r.period);
    let item = |figure, value, formula, at_target| MemberExplanation {
        figure,
        value,
        formula,
        verdict,
        at_target,
        advice: advice.clone(),
    };
    out.push(item(
        MemberFigure::RetentionRate,
        Percent(r.retention_rate),
        vec![
            Text("("),
            Value(Count(r.start)),
            Text(" − "),
            Value(Count(r.cancelled)),
            Text(") / "),
            Value(Count(r.start)),
            Text(" × 100"),
        ],
        Some(Percent(100.0 - target)),
    ));
    out.push(item(
        MemberFigure::ChurnRate,
        Percent(r.churn_rate),
        vec![
            Value(Count(r.cancelled)),
            Text(" / "),
            Value(Count(r.start)),
            Text(" × 100"),
        ],
        Some(Percent(target)),
    ));
    if r.period != Period::Year {
        let n = r.period.per_year();
        out.push(item(
            MemberFigure::AnnualRetention,
            Percent(r.annual_retention_rate),
            vec![
                Text("("),
                Value(Percent(r.retention_rate)),
                Text(")"),
                Token::Power(n),
            ],
            Some(Percent(TARGET_RETENTION)),
        ));
        out.push(item(
            MemberFigure::AnnualChurn,
            Percent(r.annual_churn_rate),
            vec![
                Text("1 − (1 − "),
                Value(Percent(r.churn_rate)),
                Text(")"),
                Token::Power(n),
            ],
            Some(Percent(100.0 - TARGET_RETENTION)),
        ));
    }
    let growing = r.net_change >= 0;
    out.push(MemberExplanation {
        figure: MemberFigure::End,
        value: Count(r.end),
        formula: vec![
            Value(Count(r.start)),
            Text(" − "),
            Value(Count(r.cancelled)),
            Text(" + "),
            Value(Count(r.new)),
        ],
        verdict: None,
        at_target: None,
        advice: growth_advice(growing),
    });
    out.push(MemberExplanation {
        figure: MemberFigure::NewPerMember,
        value: Number(r.new_per_member),
        formula: vec![Value(Count(r.new)), Text(" / "), Value(Count(r.start))],
        verdict: None,
        // New members per member that make up for churn at the target.
        at_target: Some(Number(target / 100.0)),
        advice: growth_advice(growing),
    });
    out.push(MemberExplanation {
        figure: MemberFigure::NetGrowth,
        value: Percent(r.net_growth_rate),
        formula: vec![
            Text("("),
            Value(Count(r.new)),
            Text(" − "),
            Value(Count(r.cancelled)),
            Text(") / "),
            Value(Count(r.start)),
            Text(" × 100"),
        ],
        verdict: None,
        at_target: Some(Percent(
            (r.new as f64 * 100.0 / r.start as f64 - target).max(-100.0),
        )),
        advice: growth_advice(growing),
    });
    if let Some(t) = r.tenure {
        let mut formula = vec![Text("1 / "), Value(Percent(r.churn_rate))];
        if r.period != Period::Year {
            formula.extend([
                Text(" = "),
                Value(Quantity::Periods(t.periods, r.period)),
                Text(" / "),
                Value(Number(f64::from(r.period.per_year()))),
            ]);
        }
        out.push(item(
            MemberFigure::Tenure,
            Quantity::Years(t.years),
            formula,
            Some(Quantity::Years(100.0 / (100.0 - TARGET_RETENTION))),
        ));
    }
}

fn growth_advice(growing: bool) -> Vec<MemberAdvice> {
    if growing {
        vec![MemberAdvice::Referral, MemberAdvice::Upgrade]
    } else {
        vec![
            MemberAdvice::WinBackCancelled,
            MemberAdvice::Acquisition,
            MemberAdvice::Referral,
        ]
    }
}

fn explain_value(r: &MemberRetention, v: &MemberValue, out: &mut Vec<MemberExplanation>) {
    use Quantity::{Money, Percent, Periods};
    use Token::{Text, Value};
    let verdict = Some(r.verdict);
    let target_tenure = 100.0 / target_churn(r.period);
    let third = match r.verdict {
        Verdict::Above => MemberAdvice::Loyalty,
        _ => MemberAdvice::Onboarding,
    };
    out.push(MemberExplanation {
        figure: MemberFigure::Clv,
        value: Money(v.clv),
        formula: vec![
            Value(Money(v.fee)),
            Text(" × "),
            Value(Periods(v.tenure_periods, r.period)),
        ],
        verdict,
        at_target: Some(Money(v.fee * target_tenure)),
        advice: vec![MemberAdvice::AnnualPlans, MemberAdvice::Upgrade, third],
    });
    if let (Some(margin), Some(profit)) = (v.margin, v.profit_clv) {
        out.push(MemberExplanation {
            figure: MemberFigure::ProfitClv,
            value: Money(profit),
            formula: vec![Value(Money(v.clv)), Text(" × "), Value(Percent(margin))],
            verdict,
            at_target: Some(Money(v.fee * target_tenure * margin / 100.0)),
            advice: vec![MemberAdvice::Pricing, MemberAdvice::Upgrade, third],
        });
    }
    if let (Some(d), Some(clv)) = (v.period_discount_rate, v.discounted_clv) {
        let per_period = v.fee * v.margin.unwrap_or(100.0) / 100.0;
        let at = |churn: f64| per_period * (1.0 + d / 100.0) / ((d + churn) / 100.0);
        out.push(MemberExplanation {
            figure: MemberFigure::DiscountedClv,
            value: Money(clv),
            formula: vec![
                Value(Money(per_period)),
                Text(" × (1 + "),
                Value(Percent(d)),
                Text(") / ("),
                Value(Percent(d)),
                Text(" + "),
                Value(Percent(r.churn_rate)),
                Text(")"),
            ],
            verdict,
            at_target: Some(Money(at(target_churn(r.period)))),
            advice: vec![MemberAdvice::AnnualPlans, MemberAdvice::Pricing, third],
        });
    }
}
