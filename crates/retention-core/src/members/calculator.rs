//! The members calculator: retention, churn, tenure and member CLV from the members at the
//! start of a period, those who cancelled and the new ones.
//!
//! With S members at the start, C of them cancelled and N new members who joined and are
//! still there at the end, the end count is E = S − C + N and every rate is the shop
//! calculator's with E − N = S − C kept: the same [`retention`](crate::retention) formulas,
//! the same 85 % target, so the two calculators never disagree.

use std::fmt;

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::check::{self, Problem};
use crate::{retention, Lifespan, Period, Verdict};

/// An input of the members calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberField {
    /// S: members at the start of the period.
    Start,
    /// C: members from the start who cancelled during the period.
    Cancelled,
    /// N: new members who joined during the period and are still members at its end.
    New,
    /// The fee a member pays per period.
    Fee,
    /// Gross margin on the fee in percent (optional).
    Margin,
    /// Yearly discount rate in percent, for the discounted member CLV (optional).
    DiscountRate,
}

impl MemberField {
    /// Every field, in form order.
    pub const ALL: [MemberField; 6] = [
        MemberField::Start,
        MemberField::Cancelled,
        MemberField::New,
        MemberField::Fee,
        MemberField::Margin,
        MemberField::DiscountRate,
    ];

    /// The camelCase name used in the JS API and messages.
    pub fn name(self) -> &'static str {
        match self {
            MemberField::Start => "start",
            MemberField::Cancelled => "cancelled",
            MemberField::New => "new",
            MemberField::Fee => "fee",
            MemberField::Margin => "margin",
            MemberField::DiscountRate => "discountRate",
        }
    }

    /// Whether the field counts members, so must be a whole number.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            MemberField::Start | MemberField::Cancelled | MemberField::New
        )
    }

    /// The largest value accepted: more is a typing mistake, and the limits keep every
    /// result finite.
    pub fn max(self) -> f64 {
        match self {
            MemberField::Start | MemberField::Cancelled | MemberField::New => 1e10,
            MemberField::Fee => 1e9,
            MemberField::Margin | MemberField::DiscountRate => 100.0,
        }
    }
}

impl fmt::Display for MemberField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mistake in the members calculator's inputs, tied to its field.
///
/// Serializes as `{ code, field, message }` (plus `max` for `tooLarge`), like
/// [`InputError`](crate::InputError).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MemberError {
    /// A required field is empty.
    Missing {
        /// The empty field.
        field: MemberField,
    },
    /// The text is not a number.
    NotANumber {
        /// The field holding the text.
        field: MemberField,
    },
    /// Below zero.
    Negative {
        /// The negative field.
        field: MemberField,
    },
    /// A fraction of a member.
    NotWhole {
        /// The count with a fraction.
        field: MemberField,
    },
    /// More than [`MemberField::max`].
    TooLarge {
        /// The field over its limit.
        field: MemberField,
        /// The limit.
        max: f64,
    },
    /// A percentage outside 0–100 %.
    NotAPercentage {
        /// The margin or discount rate.
        field: MemberField,
    },
    /// S is zero: there is no member to keep.
    StartIsZero,
    /// More members cancelled than there were at the start.
    CancelledExceedsStart,
}

impl MemberError {
    /// The field the message belongs next to.
    pub fn field(&self) -> MemberField {
        match *self {
            MemberError::Missing { field }
            | MemberError::NotANumber { field }
            | MemberError::Negative { field }
            | MemberError::NotWhole { field }
            | MemberError::TooLarge { field, .. }
            | MemberError::NotAPercentage { field } => field,
            MemberError::StartIsZero => MemberField::Start,
            MemberError::CancelledExceedsStart => MemberField::Cancelled,
        }
    }

    /// A stable camelCase identifier, e.g. `cancelledExceedsStart`.
    pub fn code(&self) -> &'static str {
        match self.problem() {
            Some((_, problem)) => problem.code(),
            None if *self == MemberError::StartIsZero => "startIsZero",
            None => "cancelledExceedsStart",
        }
    }

    /// The field and its problem, for the mistakes every calculator shares.
    fn problem(&self) -> Option<(MemberField, Problem)> {
        let (field, problem) = match *self {
            MemberError::Missing { field } => (field, Problem::Missing),
            MemberError::NotANumber { field } => (field, Problem::NotANumber),
            MemberError::Negative { field } => (field, Problem::Negative),
            MemberError::NotWhole { field } => (field, Problem::NotWhole),
            MemberError::TooLarge { field, max } => (field, Problem::TooLarge(max)),
            MemberError::NotAPercentage { field } => (field, Problem::NotAPercentage),
            MemberError::StartIsZero | MemberError::CancelledExceedsStart => return None,
        };
        Some((field, problem))
    }

    /// The error for `field` with a shared problem.
    fn of(field: MemberField, problem: Problem) -> MemberError {
        match problem {
            Problem::Missing => MemberError::Missing { field },
            Problem::NotANumber => MemberError::NotANumber { field },
            Problem::Negative => MemberError::Negative { field },
            Problem::NotWhole => MemberError::NotWhole { field },
            Problem::TooLarge(max) => MemberError::TooLarge { field, max },
            Problem::NotAPercentage => MemberError::NotAPercentage { field },
        }
    }
}

impl fmt::Display for MemberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem() {
            Some((field, problem)) => problem.write(f, &field, "members"),
            None if *self == MemberError::StartIsZero => {
                f.write_str("start must be more than zero members")
            }
            None => f.write_str("more members cancelled than there were at the start"),
        }
    }
}

impl std::error::Error for MemberError {}

impl Serialize for MemberError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let max = match *self {
            MemberError::TooLarge { max, .. } => Some(max),
            _ => None,
        };
        let message = self.to_string();
        check::serialize_error(
            serializer,
            "MemberError",
            self.code(),
            &self.field(),
            message,
            max,
        )
    }
}

/// The numbers someone entered in the members calculator. `None` is an empty field; `NaN`
/// is text that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberInputs {
    /// S: members at the start of the period.
    pub start: Option<f64>,
    /// C: members from the start who cancelled during the period.
    pub cancelled: Option<f64>,
    /// N: new members who joined and are still members at the end.
    pub new: Option<f64>,
    /// The fee a member pays per period; empty means no member CLV.
    pub fee: Option<f64>,
    /// Gross margin on the fee in percent; empty means no profit CLV.
    pub margin: Option<f64>,
    /// Yearly discount rate in percent; empty means no discounted CLV.
    pub discount_rate: Option<f64>,
    /// The length of the period.
    pub period: Period,
}

impl MemberInputs {
    /// A gym's month: 1000 members at the start, 50 cancelled, 70 joined; € 30 a month,
    /// 70 % margin, 10 % discount rate a year.
    pub fn example() -> MemberInputs {
        MemberInputs {
            start: Some(1000.0),
            cancelled: Some(50.0),
            new: Some(70.0),
            fee: Some(30.0),
            margin: Some(70.0),
            discount_rate: Some(10.0),
            period: Period::Month,
        }
    }

    /// The value of one field.
    pub fn get(&self, field: MemberField) -> Option<f64> {
        match field {
            MemberField::Start => self.start,
            MemberField::Cancelled => self.cancelled,
            MemberField::New => self.new,
            MemberField::Fee => self.fee,
            MemberField::Margin => self.margin,
            MemberField::DiscountRate => self.discount_rate,
        }
    }

    /// Sets one field.
    pub fn set(&mut self, field: MemberField, value: Option<f64>) {
        let slot = match field {
            MemberField::Start => &mut self.start,
            MemberField::Cancelled => &mut self.cancelled,
            MemberField::New => &mut self.new,
            MemberField::Fee => &mut self.fee,
            MemberField::Margin => &mut self.margin,
            MemberField::DiscountRate => &mut self.discount_rate,
        };
        *slot = value;
    }
}

/// Retention of members over one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRetention {
    /// The period the counts cover.
    pub period: Period,
    /// S.
    pub start: u64,
    /// C.
    pub cancelled: u64,
    /// N.
    pub new: u64,
    /// Members kept: S − C.
    pub retained: u64,
    /// Members at the end: E = S − C + N.
    pub end: u64,
    /// (S − C) / S × 100, in percent.
    pub retention_rate: f64,
    /// C / S × 100, in percent: a cancellation is a known loss.
    pub churn_rate: f64,
    /// Retention over a year, compounded.
    pub annual_retention_rate: f64,
    /// Churn over a year, compounded: 1 − (1 − churn)^(periods a year).
    pub annual_churn_rate: f64,
    /// Expected tenure 1 / churn; `None` when nobody cancelled.
    pub tenure: Option<Lifespan>,
    /// New members per member at the start: N / S.
    pub new_per_member: f64,
    /// N − C: members gained (or lost, below zero).
    pub net_change: i64,
    /// (N − C) / S × 100, in percent: growth of the membership over the period.
    pub net_growth_rate: f64,
    /// New members per cancellation: N / C; 1 or more keeps the membership from shrinking.
    /// `None` when nobody cancelled.
    pub new_per_cancellation: Option<f64>,
    /// The annual retention against the 85 % target.
    pub verdict: Verdict,
}

/// What a member is worth at this churn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberValue {
    /// The fee per period.
    pub fee: f64,
    /// Expected tenure in periods: 1 / churn.
    pub tenure_periods: f64,
    /// Member CLV in revenue: fee × tenure.
    pub clv: f64,
    /// Gross margin in percent, when entered.
    pub margin: Option<f64>,
    /// Profit CLV = CLV × margin, when a margin was entered.
    pub profit_clv: Option<f64>,
    /// The yearly discount rate in percent, when entered.
    pub discount_rate: Option<f64>,
    /// That rate per period: (1 + rate)^(1 / periods a year) − 1, in percent.
    pub period_discount_rate: Option<f64>,
    /// Discounted member CLV: m × (1 + d) / (d + c), with m the fee (times the margin when
    /// entered), d the discount and c the churn per period — every future fee, the first
    /// one now, counted at today's value.
    pub discounted_clv: Option<f64>,
}

/// Everything the members calculator found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberReport {
    /// Retention, churn, tenure and growth; `None` when S, C or N has a mistake.
    pub retention: Option<MemberRetention>,
    /// Member CLV; `None` without a fee, with a mistake, or when nobody cancelled (churn 0
    /// gives no tenure).
    pub value: Option<MemberValue>,
    /// At most one mistake per field, in form order.
    pub errors: Vec<MemberError>,
}

/// Computes every figure of the members calculator the inputs allow.
///
/// ```
/// use retention_core::{calculate_members, MemberInputs, Period};
/// let report = calculate_members(&MemberInputs {
///     start: Some(1000.0),
///     cancelled: Some(50.0),
///     new: Some(70.0),
///     fee: Some(30.0),
///     period: Period::Month,
///     ..MemberInputs::default()
/// });
/// let r = report.retention.unwrap();
/// assert_eq!((r.end, r.retention_rate, r.churn_rate), (1020, 95.0, 5.0));
/// assert_eq!(r.tenure.unwrap().periods, 20.0); // 1 / 5 %
/// assert_eq!(report.value.unwrap().clv, 600.0); // 30 × 20
/// ```
pub fn calculate_members(inputs: &MemberInputs) -> MemberReport {
    let mut errors = Vec::new();
    let counts = [
        count(MemberField::Start, inputs.start),
        count(MemberField::Cancelled, inputs.cancelled),
        count(MemberField::New, inputs.new),
    ];
    let member_retention = match counts {
        [Ok(s), Ok(c), Ok(n)] => member_retention(s, c, n, inputs.period)
            .map_err(|e| errors.push(e))
            .ok(),
        _ => {
            errors.extend(counts.iter().filter_map(|c| c.err()));
            None
        }
    };
    let fee = optional(MemberField::Fee, inputs.fee).map_err(|e| errors.push(e));
    let margin = percentage(MemberField::Margin, inputs.margin).map_err(|e| errors.push(e));
    let discount =
        percentage(MemberField::DiscountRate, inputs.discount_rate).map_err(|e| errors.push(e));
    let value = match (&member_retention, fee) {
        (Some(r), Ok(Some(fee))) => r.tenure.map(|t| {
            member_value(
                fee,
                t.periods,
                r.churn_rate,
                margin.unwrap_or(None),
                discount.unwrap_or(None),
                r.period,
            )
        }),
        _ => None,
    };
    errors.sort_by_key(MemberError::field);
    errors.dedup_by_key(|e| e.field());
    MemberReport {
        retention: member_retention,
        value,
        errors,
    }
}

/// Retention over one period from whole counts S, C and N.
fn member_retention(
    start: u64,
    cancelled: u64,
    new: u64,
    period: Period,
) -> Result<MemberRetention, MemberError> {
    if start == 0 {
        return Err(MemberError::StartIsZero);
    }
    if cancelled > start {
        return Err(MemberError::CancelledExceedsStart);
    }
    let end = start - cancelled + new;
    // The shop calculator's formulas with E − N = S − C: one home for CRR, churn, the
    // compounding to a year, 1 / churn and the verdict. The counts are below 1e10 each, so
    // E is exact as an f64 and every check there passes.
    let r = retention(
        Some(start as f64),
        Some(end as f64),
        Some(new as f64),
        period,
    )
    .map_err(|_| MemberError::CancelledExceedsStart)?;
    Ok(MemberRetention {
        period,
        start,
        cancelled,
        new,
        retained: r.retained,
        end,
        retention_rate: r.retention_rate,
        churn_rate: r.churn_rate,
        annual_retention_rate: r.annual_retention_rate,
        annual_churn_rate: r.annual_churn_rate,
        tenure: r.lifespan,
        new_per_member: new as f64 / start as f64,
        net_change: new as i64 - cancelled as i64,
        net_growth_rate: (new as f64 - cancelled as f64) * 100.0 / start as f64,
        new_per_cancellation: (cancelled > 0).then(|| new as f64 / cancelled as f64),
        verdict: r.verdict,
    })
}

/// A yearly discount rate in percent as a rate per period, in percent.
pub(crate) fn period_rate(yearly_percent: f64, period: Period) -> f64 {
    ((1.0 + yearly_percent / 100.0).powf(1.0 / f64::from(period.per_year())) - 1.0) * 100.0
}

fn member_value(
    fee: f64,
    tenure_periods: f64,
    churn_percent: f64,
    margin: Option<f64>,
    discount_rate: Option<f64>,
    period: Period,
) -> MemberValue {
    let clv = fee * tenure_periods;
    let per_period = fee * margin.unwrap_or(100.0) / 100.0;
    let period_discount_rate = discount_rate.map(|d| period_rate(d, period));
    let discounted_clv = period_discount_rate.map(|d| {
        let (d, c) = (d / 100.0, churn_percent / 100.0);
        per_period * (1.0 + d) / (d + c)
    });
    MemberValue {
        fee,
        tenure_periods,
        clv,
        margin,
        profit_clv: margin.map(|m| clv * m / 100.0),
        discount_rate,
        period_discount_rate,
        discounted_clv,
    }
}

fn count(field: MemberField, value: Option<f64>) -> Result<u64, MemberError> {
    check::count(value, field.max()).map_err(|p| MemberError::of(field, p))
}

/// An optional number that is finite, not negative and not above the field's limit.
fn optional(field: MemberField, value: Option<f64>) -> Result<Option<f64>, MemberError> {
    check::non_negative(value, field.max()).map_err(|p| MemberError::of(field, p))
}

fn percentage(field: MemberField, value: Option<f64>) -> Result<Option<f64>, MemberError> {
    check::percentage(value).map_err(|p| MemberError::of(field, p))
}
