//! What each figure means: the formula with the user's numbers, the verdict against the
//! target and the next steps. This is data; the app turns it into words in each language.

use serde::Serialize;

use crate::formula::{self, target_churn, target_lifespan_years, Rates, Worked};
use crate::{
    discounted_clv, Acquisition, Discounted, LifespanSource, Period, RatioVerdict, Report,
    Retention, Value, Verdict, TARGET_RETENTION,
};

/// A figure on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Figure {
    /// CRR = (E − N) / S × 100.
    RetentionRate,
    /// E − N.
    Retained,
    /// S − (E − N).
    Lost,
    /// Lost / S × 100.
    ChurnRate,
    /// CRR compounded over a year (month and quarter periods only).
    AnnualRetention,
    /// Churn compounded over a year (month and quarter periods only).
    AnnualChurn,
    /// 1 / churn.
    Lifespan,
    /// Spend × frequency × lifespan.
    Clv,
    /// CLV × margin.
    ProfitClv,
    /// m × r / (1 + d − r) (Gupta & Lehmann).
    DiscountedClv,
    /// CLV / CAC.
    ClvCacRatio,
    /// CAC / margin a month.
    Payback,
}

impl Figure {
    /// Every figure, in page order.
    pub const ALL: [Figure; 12] = [
        Figure::RetentionRate,
        Figure::Retained,
        Figure::Lost,
        Figure::ChurnRate,
        Figure::AnnualRetention,
        Figure::AnnualChurn,
        Figure::Lifespan,
        Figure::Clv,
        Figure::ProfitClv,
        Figure::DiscountedClv,
        Figure::ClvCacRatio,
        Figure::Payback,
    ];

    /// The camelCase name used in the JS API, data attributes and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Figure::RetentionRate => "retentionRate",
            Figure::Retained => "retained",
            Figure::Lost => "lost",
            Figure::ChurnRate => "churnRate",
            Figure::AnnualRetention => "annualRetention",
            Figure::AnnualChurn => "annualChurn",
            Figure::Lifespan => "lifespan",
            Figure::Clv => "clv",
            Figure::ProfitClv => "profitClv",
            Figure::DiscountedClv => "discountedClv",
            Figure::ClvCacRatio => "clvCacRatio",
            Figure::Payback => "payback",
        }
    }

    /// Parses [`Figure::name`], ignoring case.
    ///
    /// ```
    /// use retention_core::Figure;
    /// assert_eq!(Figure::from_name("CLV"), Some(Figure::Clv));
    /// assert_eq!(Figure::from_name("nps"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Figure> {
        Figure::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// A number with its unit, for the app to format in the page's locale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "camelCase")]
pub enum Quantity {
    /// Customers.
    Count(u64),
    /// Percent (85 means 85 %).
    Percent(f64),
    /// Money in the chosen currency.
    Money(f64),
    /// Money rounded to whole units: an estimate, such as CLV or next year's revenue, whose
    /// cents would be false precision.
    RoundMoney(f64),
    /// A plain number, such as purchases a year.
    Number(f64),
    /// Years.
    Years(f64),
    /// Periods of the chosen length.
    Periods(f64, Period),
    /// A ratio x : 1.
    Ratio(f64),
}

/// A piece of a formula written out with the user's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Token {
    /// Operators and brackets, the same in every language.
    Text(&'static str),
    /// One of the user's numbers or an intermediate result.
    Value(Quantity),
    /// An exponent on what precedes it.
    Power(u32),
}

/// A concrete next step; the app words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Advice {
    /// Improve onboarding in the first weeks after a first purchase.
    Onboarding,
    /// Ask leaving and quiet customers why.
    Feedback,
    /// Send a win-back mail to customers inactive for 30 days.
    WinBack,
    /// Follow up personally after the first and second purchase.
    PersonalFollowUp,
    /// Reward loyal customers with a loyalty programme.
    Loyalty,
    /// Turn happy customers into a referral programme.
    Referral,
    /// Offer upgrades and bigger bundles to raise spend per purchase.
    Upsell,
    /// Remind and subscribe to raise purchases a year.
    Frequency,
    /// Raise margin with pricing and bundles, lower cost to serve.
    Margin,
    /// Keep acquisition cost under a third of profit CLV.
    AcquisitionBudget,
    /// Growth leans on new customers: more were won than kept.
    RelyOnAcquisition,
    /// Lower acquisition cost: organic channels, stop campaigns whose customers do not stay.
    CheaperChannels,
    /// At 3 : 1 or better, acquisition can grow.
    InvestInGrowth,
}

/// Everything the page says about one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// Which figure.
    pub figure: Figure,
    /// Its value.
    pub value: Quantity,
    /// The right-hand side of the formula with the user's numbers, up to `= value`.
    pub formula: Vec<Token>,
    /// How it compares with the 85 % retention target, for figures that follow from retention.
    pub verdict: Option<Verdict>,
    /// The same figure at exactly the 85 % annual retention target.
    pub at_target: Option<Quantity>,
    /// CLV : CAC against 3 : 1, for the acquisition figures.
    pub ratio_verdict: Option<RatioVerdict>,
    /// Two or three next steps chosen by the situation.
    pub advice: Vec<Advice>,
}

/// Explains every figure in `report`, in page order.
///
/// ```
/// use retention_core::{calculate, explain, Figure, Inputs, Token, Quantity};
/// let report = calculate(&Inputs::example());
/// let crr = &explain(&report)[0];
/// assert_eq!(crr.figure, Figure::RetentionRate);
/// assert_eq!(crr.value, Quantity::Percent(85.0));
/// assert_eq!(crr.formula[1], Token::Value(Quantity::Count(1050)));
/// ```
pub fn explain(report: &Report) -> Vec<Explanation> {
    let mut out = Vec::new();
    if let Some(r) = &report.retention {
        explain_retention(r, &mut out);
    }
    if let Some(v) = &report.value {
        let verdict = report.retention.map(|r| r.verdict);
        explain_value(v, verdict, &mut out);
        if let Some(d) = &report.discounted {
            explain_discounted(d, verdict, &mut out);
        }
        if let Some(a) = &report.acquisition {
            explain_acquisition(a, v, &mut out);
        }
    }
    out
}

fn retention_advice(r: &Retention) -> Vec<Advice> {
    let mut advice = match r.verdict {
        Verdict::Below => vec![Advice::Onboarding, Advice::Feedback, Advice::WinBack],
        Verdict::Near => vec![Advice::WinBack, Advice::PersonalFollowUp, Advice::Feedback],
        Verdict::Above | Verdict::OnTarget => {
            vec![Advice::Loyalty, Advice::Referral, Advice::Upsell]
        }
    };
    if r.new > r.retained {
        advice.truncate(2);
        advice.push(Advice::RelyOnAcquisition);
    }
    advice
}

fn explain_retention(r: &Retention, out: &mut Vec<Explanation>) {
    use Quantity::Count;
    let advice = retention_advice(r);
    let rates = Rates {
        kept: [Count(r.end), Count(r.new)],
        lost: Count(r.lost),
        start: Count(r.start),
        retention: [r.retention_rate, r.annual_retention_rate],
        churn: [r.churn_rate, r.annual_churn_rate],
        period: r.period,
    };
    let target_churn = target_churn(r.period);
    // S − (E − N).
    let mut lost_formula = vec![Token::Value(Count(r.start)), Token::Text(" − (")];
    lost_formula.extend(formula::difference(Count(r.end), Count(r.new)));
    lost_formula.push(Token::Text(")"));
    let target_count =
        |percent: f64| Some(Count((r.start as f64 * percent / 100.0).round() as u64));
    let mut worked = vec![
        (Figure::RetentionRate, rates.retention()),
        (
            Figure::Retained,
            Worked::new(
                Count(r.retained),
                formula::difference(Count(r.end), Count(r.new)),
                target_count(100.0 - target_churn),
            ),
        ),
        (
            Figure::Lost,
            Worked::new(Count(r.lost), lost_formula, target_count(target_churn)),
        ),
        (Figure::ChurnRate, rates.churn()),
    ];
    worked.extend(
        [Figure::AnnualRetention, Figure::AnnualChurn]
            .into_iter()
            .zip(rates.annual()),
    );
    if let Some(l) = r.lifespan {
        worked.push((Figure::Lifespan, rates.lifespan(l.periods, l.years)));
    }
    out.extend(worked.into_iter().map(|(figure, w)| Explanation {
        figure,
        value: w.value,
        formula: w.formula,
        verdict: Some(r.verdict),
        at_target: w.at_target,
        ratio_verdict: None,
        advice: advice.clone(),
    }));
}

/// The retention step next to a value figure: keep loyal customers once the target is met,
/// else keep new ones.
fn retention_step(verdict: Option<Verdict>) -> Advice {
    match verdict {
        Some(v) if v.meets_target() => Advice::Loyalty,
        _ => Advice::Onboarding,
    }
}

/// The steps that raise CLV: spend, frequency, and the retention step.
fn value_advice(verdict: Option<Verdict>) -> Vec<Advice> {
    vec![Advice::Upsell, Advice::Frequency, retention_step(verdict)]
}

fn explain_value(v: &Value, verdict: Option<Verdict>, out: &mut Vec<Explanation>) {
    use Quantity::{Money, Number, RoundMoney, Years};
    use Token::{Text, Value};
    let from_churn = v.lifespan_source == LifespanSource::Churn;
    let at_target =
        |per_year: f64| from_churn.then(|| RoundMoney(per_year * target_lifespan_years()));
    let retention_step = retention_step(verdict);
    out.push(Explanation {
        figure: Figure::Clv,
        value: RoundMoney(v.clv),
        formula: [
            formula::product(Money(v.spend), Number(v.frequency)),
            vec![Text(" × "), Value(Years(v.lifespan_years))],
        ]
        .concat(),
        verdict: verdict.filter(|_| from_churn),
        at_target: at_target(v.annual_revenue),
        ratio_verdict: None,
        advice: value_advice(verdict),
    });
    if let (Some(margin), Some(profit)) = (v.margin, v.profit_clv) {
        out.push(Explanation {
            figure: Figure::ProfitClv,
            value: RoundMoney(profit),
            formula: formula::product(RoundMoney(v.clv), Quantity::Percent(margin)),
            verdict: verdict.filter(|_| from_churn),
            at_target: at_target(v.annual_revenue * margin / 100.0),
            ratio_verdict: None,
            advice: vec![Advice::Margin, Advice::AcquisitionBudget, retention_step],
        });
    }
}

fn explain_discounted(d: &Discounted, verdict: Option<Verdict>, out: &mut Vec<Explanation>) {
    use Quantity::{Money, Percent, RoundMoney};
    use Token::{Text, Value};
    out.push(Explanation {
        figure: Figure::DiscountedClv,
        value: RoundMoney(d.clv),
        formula: vec![
            Value(Money(d.annual_margin)),
            Text(" × "),
            Value(Percent(d.annual_retention)),
            Text(" / (1 + "),
            Value(Percent(d.discount_rate)),
            Text(" − "),
            Value(Percent(d.annual_retention)),
            Text(")"),
        ],
        verdict,
        at_target: discounted_clv(d.annual_margin, TARGET_RETENTION, d.discount_rate)
            .map(RoundMoney),
        ratio_verdict: None,
        advice: match verdict {
            Some(v) if v.meets_target() => vec![Advice::Loyalty, Advice::Margin],
            _ => vec![Advice::Onboarding, Advice::WinBack, Advice::Margin],
        },
    });
}

fn ratio_advice(verdict: RatioVerdict) -> Vec<Advice> {
    match verdict {
        RatioVerdict::Healthy => vec![Advice::InvestInGrowth, Advice::Referral],
        RatioVerdict::Thin => vec![Advice::CheaperChannels, Advice::Upsell, Advice::Onboarding],
        RatioVerdict::Losing => vec![Advice::CheaperChannels, Advice::Margin, Advice::Onboarding],
    }
}

fn explain_acquisition(a: &Acquisition, v: &Value, out: &mut Vec<Explanation>) {
    use Quantity::{Money, Ratio, RoundMoney};
    use Token::{Text, Value};
    let advice = ratio_advice(a.verdict);
    let at_target = (v.lifespan_source == LifespanSource::Churn).then(|| {
        let per_year = v.annual_revenue * v.margin.unwrap_or(100.0) / 100.0;
        Ratio(per_year * target_lifespan_years() / a.cac)
    });
    out.push(Explanation {
        figure: Figure::ClvCacRatio,
        value: Ratio(a.ratio),
        formula: formula::quotient(RoundMoney(a.clv), Money(a.cac)),
        verdict: None,
        at_target,
        ratio_verdict: Some(a.verdict),
        advice: advice.clone(),
    });
    if let Some(months) = a.payback_months {
        out.push(Explanation {
            figure: Figure::Payback,
            value: Quantity::Periods(months, Period::Month),
            formula: vec![
                Value(Money(a.cac)),
                Text(" / ("),
                Value(Money(a.monthly_margin * 12.0)),
                Text(" / 12)"),
            ],
            verdict: None,
            at_target: None,
            ratio_verdict: None,
            advice: vec![Advice::Upsell, Advice::Frequency, Advice::CheaperChannels],
        });
    }
}

/// The one thing to work on first: the weakest figure and the steps for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Focus {
    /// The figure furthest below its target: retention (per year, or the period's own when the
    /// period is a year), CLV : CAC, or CLV when neither can be judged.
    pub figure: Figure,
    /// Two or three steps aimed at that figure, the same as its explanation gives.
    pub advice: Vec<Advice>,
}

/// Picks what to work on first. Retention per year is measured against the 85 % target and
/// CLV : CAC against 3 : 1, each as a share of its target (80 % a year is 0.94 of the target,
/// 2 : 1 is 0.67); the lowest share is the weakest figure, retention on a tie. Without either,
/// CLV and the steps that raise it; `None` when no figure could be computed.
///
/// ```
/// use retention_core::{calculate, focus, Advice, Figure, Inputs};
/// // 85 % a year and 3.0 : 1 are both exactly on target: retention comes first.
/// let report = calculate(&Inputs::example());
/// assert_eq!(focus(&report).unwrap().figure, Figure::RetentionRate);
/// // A customer costing € 1,000 to win brings in € 900 of margin: that is the weakest.
/// let report = calculate(&Inputs { cac: Some(1000.0), ..Inputs::example() });
/// let f = focus(&report).unwrap();
/// assert_eq!(f.figure, Figure::ClvCacRatio);
/// assert_eq!(f.advice[0], Advice::CheaperChannels);
/// ```
pub fn focus(report: &Report) -> Option<Focus> {
    use crate::HEALTHY_RATIO;
    // As shown, to one decimal, so "85,0 %" and "3,0 : 1" tie however they were rounded.
    let shown = |x: f64| (x * 10.0).round() / 10.0;
    let retention = report.retention.map(|r| {
        let figure = match r.period {
            Period::Year => Figure::RetentionRate,
            _ => Figure::AnnualRetention,
        };
        let share = shown(r.annual_retention_rate) / TARGET_RETENTION;
        (share, figure, retention_advice(&r))
    });
    let ratio = report.acquisition.map(|a| {
        let share = shown(a.ratio) / HEALTHY_RATIO;
        (share, Figure::ClvCacRatio, ratio_advice(a.verdict))
    });
    let weakest = [retention, ratio]
        .into_iter()
        .flatten()
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match (weakest, report.value) {
        (Some((_, figure, advice)), _) => Some(Focus { figure, advice }),
        (None, Some(_)) => Some(Focus {
            figure: Figure::Clv,
            advice: value_advice(None),
        }),
        (None, None) => None,
    }
}
