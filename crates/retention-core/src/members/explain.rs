//! What each members figure means, as data: the formula with the user's numbers, the verdict
//! against the 85 % target and the next steps. The app and the CLI word it.

use serde::Serialize;

use super::calculator::{MemberReport, MemberRetention, MemberValue};
use crate::formula::{self, target_churn, Rates, Worked};
use crate::{Quantity, Token, Verdict};

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
    let growth = growth_advice(r.net_change >= 0);
    let rates = Rates {
        kept: [Count(r.start), Count(r.cancelled)],
        lost: Count(r.cancelled),
        start: Count(r.start),
        retention: [r.retention_rate, r.annual_retention_rate],
        churn: [r.churn_rate, r.annual_churn_rate],
        period: r.period,
    };
    let target = target_churn(r.period);
    let mut rated = vec![
        (MemberFigure::RetentionRate, rates.retention()),
        (MemberFigure::ChurnRate, rates.churn()),
    ];
    rated.extend(
        [MemberFigure::AnnualRetention, MemberFigure::AnnualChurn]
            .into_iter()
            .zip(rates.annual()),
    );
    let mut end = formula::difference(Count(r.start), Count(r.cancelled));
    end.extend([Text(" + "), Value(Count(r.new))]);
    let growing = [
        (MemberFigure::End, Worked::new(Count(r.end), end, None)),
        (
            MemberFigure::NewPerMember,
            // New members per member that make up for churn at the target.
            Worked::new(
                Number(r.new_per_member),
                formula::quotient(Count(r.new), Count(r.start)),
                Some(Number(target / 100.0)),
            ),
        ),
        (
            MemberFigure::NetGrowth,
            Worked::new(
                Percent(r.net_growth_rate),
                formula::difference_share(Count(r.new), Count(r.cancelled), Count(r.start)),
                Some(Percent(
                    (r.new as f64 * 100.0 / r.start as f64 - target).max(-100.0),
                )),
            ),
        ),
    ];
    let tenure = r
        .tenure
        .map(|t| (MemberFigure::Tenure, rates.lifespan(t.periods, t.years)));
    let explained = |(figure, w): (MemberFigure, Worked), verdict, advice: &Vec<MemberAdvice>| {
        MemberExplanation {
            figure,
            value: w.value,
            formula: w.formula,
            verdict,
            at_target: w.at_target,
            advice: advice.clone(),
        }
    };
    let verdict = Some(r.verdict);
    out.extend(rated.into_iter().map(|w| explained(w, verdict, &advice)));
    out.extend(growing.into_iter().map(|w| explained(w, None, &growth)));
    out.extend(tenure.map(|w| explained(w, verdict, &advice)));
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
        formula: formula::product(Money(v.fee), Periods(v.tenure_periods, r.period)),
        verdict,
        at_target: Some(Money(v.fee * target_tenure)),
        advice: vec![MemberAdvice::AnnualPlans, MemberAdvice::Upgrade, third],
    });
    if let (Some(margin), Some(profit)) = (v.margin, v.profit_clv) {
        out.push(MemberExplanation {
            figure: MemberFigure::ProfitClv,
            value: Money(profit),
            formula: formula::product(Money(v.clv), Percent(margin)),
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
