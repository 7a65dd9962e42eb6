//! From a member log to the figures a membership business asks for: cohorts by start month,
//! survival by tenure (Kaplan–Meier), members in and out per period, the sBG per cohort and
//! pooled with its projection and value, and where members are at risk.
//!
//! Tenure is counted in calendar months from each member's start: a member is still there
//! at the k-th monthly anniversary when their end date comes after it. A member who leaves
//! before their first anniversary leaves in month 1. Only whole months up to the reference
//! day count: someone who joined three weeks ago says nothing yet about their first month,
//! and someone who cancelled in a month that is not over yet is counted as still there at
//! its start (censored), so that no month's churn is counted before the month is.

use serde::{Deserialize, Serialize};

use super::calculator::{period_rate, MemberInputs};
use super::import::{MemberLog, MAX_PLANS, NO_PLAN};
use super::sbg::{ConstantChurn, Lifetimes, Sbg, SbgError, SbgFit};
use super::survivors::{insights_of, Residual, SurvivorInsight};
use crate::orders::{
    civil_from_days, days_from_civil, days_in_month, first_of_month, label, last_of_month,
    month_index,
};
use crate::{Date, Period};

/// Cohorts with a row in the retention grid: the last ten years of start months.
pub const MAX_MEMBER_COHORTS: usize = 120;
/// Periods in the flow table: the last twenty years of months.
pub const MAX_MEMBER_PERIODS: usize = 240;
/// The longest projection, in months.
pub const MAX_MEMBER_HORIZON: u32 = 120;
/// The smallest cohort the sBG is fitted to on its own.
pub const MIN_COHORT_FIT: u64 = 30;
/// The lowest yearly discount rate used, in percent: at lower rates the loyal tail of the
/// sBG makes the discounted lifetime a sum of millions of terms.
pub const MIN_DISCOUNT_RATE: f64 = 0.5;

/// How to count. Every field has a default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberOptions {
    /// The day the figures are taken at; `None` is the last date in the file. Later starts
    /// are left out, later ends are not known yet. Read within the years 1900–2100.
    pub reference: Option<Date>,
    /// The length of the periods of the flow table: month, quarter or year.
    pub period: Period,
    /// The fee for members without one in the file (or for all, if the file has none), per
    /// `fee_period`.
    pub fee: Option<f64>,
    /// The period the file's fees (and `fee`) are quoted for: a fee of 300 a year is 25 a month.
    pub fee_period: Period,
    /// Gross margin on the fee in percent; none counts the fee itself.
    pub margin: Option<f64>,
    /// Yearly discount rate in percent, for residual lifetime and value. At least
    /// [`MIN_DISCOUNT_RATE`].
    pub discount_rate: f64,
    /// Months to project ahead; at most [`MAX_MEMBER_HORIZON`].
    pub horizon: u32,
}

impl Default for MemberOptions {
    fn default() -> MemberOptions {
        MemberOptions {
            reference: None,
            period: Period::Month,
            fee: None,
            fee_period: Period::Month,
            margin: None,
            discount_rate: 10.0,
            horizon: 12,
        }
    }
}

/// The members who started in one month and how many were still there k months later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberCohort {
    /// The start month: `2024-03`.
    pub label: String,
    /// Its first day.
    pub first_day: Date,
    /// Members who started in it.
    pub size: u64,
    /// Of them, members on the reference day.
    pub active: u64,
    /// `observed[k]`: members whose k-th monthly anniversary has come by the reference day.
    pub observed: Vec<u64>,
    /// `retained[k]`: of those, the members still there at it.
    pub retained: Vec<u64>,
    /// `retained[k] / observed[k]` in percent: the retention heatmap's row.
    pub shares: Vec<f64>,
    /// The cohort's own sBG, for cohorts of [`MIN_COHORT_FIT`] or more.
    pub fit: Option<SbgFit>,
    /// Why there is no fit.
    pub fit_error: Option<SbgError>,
    /// Of today's members of the cohort, those expected to be there after the horizon.
    pub projected: Option<f64>,
    /// By the cohort's own sBG: the discounted expected lifetime of a member who joins as
    /// they did, in months ([`Sbg::del`]).
    pub del: Option<f64>,
    /// By the cohort's own sBG: the average discounted expected residual lifetime of the
    /// cohort's members still there, each at their tenure ([`Sbg::derl`]), in months.
    pub residual_lifetime: Option<f64>,
    /// The cohort's average fee a month (the file's, else the option's); the average of all
    /// members when none of the cohort has one.
    pub monthly_fee: Option<f64>,
    /// A new member's value by the cohort's sBG: monthly fee × margin × DEL.
    pub clv: Option<f64>,
}

/// Survival by tenure, Kaplan–Meier: members at risk in each month since the start, those
/// who left in it, and the share still there after it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SurvivalStep {
    /// Months since the start; 0 is the start itself.
    pub month: u32,
    /// Members who were there at the month's start and are followed through it.
    pub at_risk: u64,
    /// Of them, members who left in it.
    pub left: u64,
    /// Share still there after the month, in percent: Π (1 − left / at risk).
    pub survival: f64,
    /// 95 % interval of `survival` (Greenwood's variance), in percent.
    pub lower: f64,
    /// Upper end of that interval.
    pub upper: f64,
}

/// Members in and out over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberPeriod {
    /// `2024-03`, `2024-Q1` or `2024`.
    pub label: String,
    /// The period's first day.
    pub first_day: Date,
    /// Its last day.
    pub last_day: Date,
    /// Over by the reference day.
    pub complete: bool,
    /// S: members at its start (on the last day of the period before).
    pub start: u64,
    /// Members who joined in it.
    pub new: u64,
    /// Members whose membership ended in it, new ones included.
    pub cancelled: u64,
    /// Of `cancelled`, members who had joined in the same period.
    pub cancelled_new: u64,
    /// E: members at its end (the reference day for the last): S + new − cancelled.
    pub end: u64,
    /// Members from the start who cancelled, per member at the start, in percent.
    pub churn_rate: Option<f64>,
    /// 100 − churn.
    pub retention_rate: Option<f64>,
    /// New members per member at the start.
    pub new_per_member: Option<f64>,
    /// E − S.
    pub net_change: i64,
    /// (E − S) / S, in percent.
    pub net_growth_rate: Option<f64>,
}

/// The sBG fitted to every member at once, and what it says of today's members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PooledFit {
    /// α, β and the log-likelihood, in months.
    pub fit: SbgFit,
    /// Constant churn a month over the same members.
    pub constant: ConstantChurn,
    /// S(t) by the sBG in percent, t = 0 to the longest tenure plus the horizon.
    pub survival: Vec<f64>,
    /// (1 − θ)^t in percent, the same months.
    pub constant_survival: Vec<f64>,
    /// Retention in month t by the sBG in percent (index 0 is month 1).
    pub retention: Vec<f64>,
    /// Of today's members, those expected to be there h months ahead, h = 0..=horizon.
    pub projection: Vec<f64>,
    /// The same at constant churn.
    pub constant_projection: Vec<f64>,
    /// Expected lifetime of a new member in months, undiscounted; `None` (infinite) when
    /// α ≤ 1.
    pub mean_lifetime: Option<f64>,
    /// 1 / θ.
    pub constant_mean_lifetime: Option<f64>,
    /// The discount rate a month, in percent.
    pub monthly_discount_rate: f64,
    /// Discounted expected lifetime of a new member, in months.
    pub del: f64,
    /// The same at constant churn.
    pub constant_del: f64,
    /// Average discounted expected residual lifetime of today's members, in months.
    pub residual_lifetime: Option<f64>,
    /// The same at constant churn.
    pub constant_residual_lifetime: Option<f64>,
    /// A new member's value: monthly fee × margin × DEL.
    pub clv: Option<f64>,
    /// The same at constant churn.
    pub constant_clv: Option<f64>,
    /// The residual value of today's members: Σ fee × margin × DERL at each one's tenure.
    pub residual_value: Option<f64>,
    /// The same at constant churn.
    pub constant_residual_value: Option<f64>,
    /// What stands out, as for a survivors table: retention rising with tenure, what
    /// constant churn says of today's members at the end of the horizon, and a member of
    /// two years (or the longest tenure seen) against a new one.
    pub insights: Vec<SurvivorInsight>,
}

/// Retention by plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRisk {
    /// The plan's name; empty for the plans beyond the first [`MAX_PLANS`].
    pub plan: String,
    /// Subscriptions started by the reference day.
    pub members: u64,
    /// Of them, members on the reference day.
    pub active: u64,
    /// Of them, memberships that ended.
    pub cancelled: u64,
    /// Churn a month, in percent: members who left over member-months followed.
    pub churn_rate: Option<f64>,
    /// Kaplan–Meier share still there after 3 months, in percent.
    pub survival_3: Option<f64>,
    /// After 12 months.
    pub survival_12: Option<f64>,
    /// The average fee a month.
    pub mean_fee: Option<f64>,
}

/// Today's members by tenure, and how likely they are to leave.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenureRisk {
    /// Whole months of tenure, from...
    pub from_month: u32,
    /// ...up to, not including; `None` for the last band.
    pub to_month: Option<u32>,
    /// Members now in this band.
    pub active: u64,
    /// Churn a month at these tenures, in percent: members who left over members at risk.
    pub churn_rate: Option<f64>,
    /// Of today's members in the band, those expected to leave in their coming month.
    pub expected_leaving: f64,
}

/// A month since the start in which cancellations cluster, well above the months around it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancellationCluster {
    /// The month of tenure (1 is the first month).
    pub month: u32,
    /// Members at risk in it.
    pub at_risk: u64,
    /// Members who left in it.
    pub left: u64,
    /// Churn in it, in percent.
    pub churn_rate: f64,
    /// The usual churn around it (the median of the three months either side), in percent.
    pub baseline: f64,
    /// Members who left in it beyond the baseline.
    pub excess: f64,
    /// Today's members for whom this month comes next.
    pub approaching: u64,
}

/// Everything [`analyse_members`] found. It deserializes too, so a page can read it back
/// from a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberSummary {
    /// The options used (horizon and discount rate within their bounds).
    pub options: MemberOptions,
    /// The reference day used; `None` for an empty log.
    pub reference: Option<Date>,
    /// The first start counted.
    pub first_start: Option<Date>,
    /// The last start counted.
    pub last_start: Option<Date>,
    /// Subscriptions started by the reference day.
    pub members: u64,
    /// Of them, members on the reference day.
    pub active: u64,
    /// Of them, memberships that ended by then.
    pub cancelled: u64,
    /// Subscriptions that start after the reference day: left out.
    pub later: u64,
    /// The average fee a month (the file's, else the option's).
    pub monthly_fee: Option<f64>,
    /// Cohorts by start month, the last [`MAX_MEMBER_COHORTS`].
    pub cohorts: Vec<MemberCohort>,
    /// Members who started before the first cohort with a row: they count everywhere else.
    pub members_before_cohorts: u64,
    /// Survival by months since the start, with censoring.
    pub survival: Vec<SurvivalStep>,
    /// Members in and out per period, the last [`MAX_MEMBER_PERIODS`].
    pub periods: Vec<MemberPeriod>,
    /// Earlier periods without a row.
    pub periods_left_out: usize,
    /// The sBG over every member; `None` with `pooled_error` saying why.
    pub pooled: Option<PooledFit>,
    /// Why there is no pooled fit.
    pub pooled_error: Option<SbgError>,
    /// Retention by plan, the largest first.
    pub plans: Vec<PlanRisk>,
    /// Today's members by tenure.
    pub tenure: Vec<TenureRisk>,
    /// The months of tenure in which cancellations cluster, the largest excess first.
    pub clusters: Vec<CancellationCluster>,
    /// The members calculator's inputs from the last complete period with members at its
    /// start: S, members from the start who cancelled, new members still there at its end.
    pub fill: MemberInputs,
    /// The label of the period `fill` comes from.
    pub fill_period: Option<String>,
}

/// A yearly discount rate within [`MIN_DISCOUNT_RATE`] and 1000 %; 10 % for one that is not
/// a number.
pub(crate) fn usable_discount_rate(percent: f64) -> f64 {
    if percent.is_finite() {
        percent.clamp(MIN_DISCOUNT_RATE, 1000.0)
    } else {
        10.0
    }
}

/// A fee of zero or more, or none.
pub(crate) fn usable_fee(fee: Option<f64>) -> Option<f64> {
    fee.filter(|f| f.is_finite() && *f >= 0.0)
}

/// A margin from 0 to 100 %, or none.
pub(crate) fn usable_margin(margin: Option<f64>) -> Option<f64> {
    margin.filter(|m| (0.0..=100.0).contains(m))
}

/// Tenure bands of [`MemberSummary::tenure`], in whole months.
const BANDS: [(u32, Option<u32>); 5] = [
    (0, Some(3)),
    (3, Some(6)),
    (6, Some(12)),
    (12, Some(24)),
    (24, None),
];

/// A day with its calendar month, converted once: the calendar conversion is the costliest
/// step of the analysis.
#[derive(Clone, Copy)]
struct Day {
    days: i32,
    /// Months since January of year 0.
    month: i32,
    /// Day of the month, 1–31.
    day: u32,
}

impl Day {
    fn new(days: i32) -> Day {
        let (y, m, d) = civil_from_days(days);
        Day {
            days,
            month: y * 12 + m as i32 - 1,
            day: d,
        }
    }

    /// The k-th monthly anniversary, the day clamped to the end of a shorter month (31
    /// January, 29 February, 31 March...).
    fn anniversary(self, k: i32) -> i32 {
        let target = self.month + k;
        let (year, month) = (target.div_euclid(12), target.rem_euclid(12) as u32 + 1);
        days_from_civil(year, month, self.day.min(days_in_month(year, month)))
    }

    /// Anniversaries on or before `until` (`inclusive`), or before it.
    fn anniversaries(self, until: Day, inclusive: bool) -> u32 {
        if until.days < self.days {
            return 0;
        }
        let k = until.month - self.month;
        let at = self.anniversary(k);
        let passed = if inclusive {
            at <= until.days
        } else {
            at < until.days
        };
        (if passed { k } else { k - 1 }).max(0) as u32
    }
}

/// One subscription as the analysis sees it.
struct Tenure {
    /// Observed whole months: anniversaries up to the reference day.
    observed: u32,
    /// `Some(t)`: left in month t (≤ observed); `None`: still there after `observed`.
    left_in: Option<u32>,
    /// A member on the reference day.
    active: bool,
}

fn tenure(start: Day, end: Option<Day>, reference: Day) -> Tenure {
    let observed = start.anniversaries(reference, true);
    let Some(end) = end else {
        return Tenure {
            observed,
            left_in: None,
            active: true,
        };
    };
    let kept = start.anniversaries(end, false);
    Tenure {
        observed,
        // Left in a month that is over: known. Left in the running month: still there at
        // its start, which is all that is known of the others in it.
        left_in: (kept < observed).then_some(kept + 1),
        active: false,
    }
}

/// Per-cohort running counts.
#[derive(Default, Clone)]
struct CohortCounts {
    size: u64,
    active: u64,
    observed: Vec<i64>,
    retained: Vec<i64>,
    lifetimes: Lifetimes,
    active_by_tenure: Vec<u64>,
    fee_sum: f64,
    fees: u64,
}

fn bump(v: &mut Vec<i64>, at: usize, by: i64) {
    if v.len() <= at {
        v.resize(at + 1, 0);
    }
    v[at] += by;
}

fn bump_u(v: &mut Vec<u64>, at: usize) {
    if v.len() <= at {
        v.resize(at + 1, 0);
    }
    v[at] += 1;
}

#[derive(Default, Clone)]
struct PlanCounts {
    members: u64,
    active: u64,
    cancelled: u64,
    fee_sum: f64,
    fees: u64,
    lifetimes: Lifetimes,
}

/// Summarises a member log.
///
/// ```
/// use retention_core::{analyse_members, parse_members, sniff_members, Date, MemberOptions};
/// let text = "member,start,end\n\
///             a,2024-01-10,\nb,2024-01-20,2024-02-05\nc,2024-02-15,\n";
/// let log = parse_members(text, &sniff_members(text).mapping.unwrap(), |_, _| true).unwrap();
/// let options = MemberOptions {
///     reference: Date::from_ymd(2024, 3, 31),
///     ..MemberOptions::default()
/// };
/// let summary = analyse_members(&log, &options);
/// assert_eq!((summary.members, summary.active, summary.cancelled), (3, 2, 1));
/// let feb = &summary.periods[1];
/// assert_eq!((feb.label.as_str(), feb.start, feb.new, feb.cancelled, feb.end), ("2024-02", 2, 1, 1, 2));
/// // b left in their first month: one of the three members followed through month 1.
/// assert_eq!((summary.survival[1].at_risk, summary.survival[1].left), (3, 1));
/// ```
pub fn analyse_members(log: &MemberLog, options: &MemberOptions) -> MemberSummary {
    let options = MemberOptions {
        horizon: options.horizon.min(MAX_MEMBER_HORIZON),
        discount_rate: usable_discount_rate(options.discount_rate),
        fee: usable_fee(options.fee),
        margin: usable_margin(options.margin),
        ..*options
    };
    let mut summary = MemberSummary {
        options,
        reference: None,
        first_start: None,
        last_start: None,
        members: 0,
        active: 0,
        cancelled: 0,
        later: 0,
        monthly_fee: None,
        cohorts: Vec::new(),
        members_before_cohorts: 0,
        survival: Vec::new(),
        periods: Vec::new(),
        periods_left_out: 0,
        pooled: None,
        pooled_error: Some(SbgError::NoMembers),
        plans: Vec::new(),
        tenure: Vec::new(),
        clusters: Vec::new(),
        fill: MemberInputs {
            period: options.period,
            ..MemberInputs::default()
        },
        fill_period: None,
    };
    // Within the years an export's dates may have, so that no reference day can stretch
    // the tables over millennia.
    let years = crate::orders::YEARS;
    let earliest = Date::from_ymd(*years.start(), 1, 1).map_or(i32::MIN, Date::days);
    let latest = Date::from_ymd(*years.end(), 12, 31).map_or(i32::MAX, Date::days);
    let Some(reference) = options
        .reference
        .or_else(|| log.span().map(|(_, last)| last))
        .map(|d| d.days().clamp(earliest, latest))
    else {
        return summary;
    };
    summary.reference = Some(Date::from_days(reference));
    let counted = || (0..log.len()).filter(|&i| log.start[i] <= reference);
    let (Some(first), Some(last)) = (
        counted().map(|i| log.start[i]).min(),
        counted().map(|i| log.start[i]).max(),
    ) else {
        summary.later = log.len() as u64;
        return summary;
    };
    summary.first_start = Some(Date::from_days(first));
    summary.last_start = Some(Date::from_days(last));

    let fee_months = 12 / options.fee_period.per_year();
    let fallback_fee = options.fee.map(|f| f / f64::from(fee_months));
    let len = 12 / options.period.per_year() as i32;
    let first_period = month_index(first).div_euclid(len);
    let period_count = (month_index(reference).div_euclid(len) - first_period + 1) as usize;
    let period_of = |day: Day| (day.month.div_euclid(len) - first_period) as usize;
    let reference_day = Day::new(reference);
    let reference_month = reference_day.month;
    let first_cohort = month_index(first).max(reference_month - MAX_MEMBER_COHORTS as i32 + 1);

    let mut pooled = Lifetimes::default();
    let mut active_by_tenure: Vec<u64> = Vec::new();
    // Per tenure of today's members: the sum of the fees known, and how many have none.
    let mut fee_by_tenure: Vec<f64> = Vec::new();
    let mut no_fee_by_tenure: Vec<u64> = Vec::new();
    let mut cohorts: Vec<CohortCounts> =
        vec![CohortCounts::default(); (reference_month - first_cohort + 1) as usize];
    let mut plans: Vec<PlanCounts> = vec![PlanCounts::default(); MAX_PLANS + 1];
    let mut new = vec![0u64; period_count];
    let mut cancelled = vec![0u64; period_count];
    let mut cancelled_new = vec![0u64; period_count];
    let mut end_diff = vec![0i64; period_count + 1];
    let (mut fee_sum, mut fees) = (0.0, 0u64);

    for i in 0..log.len() {
        let start = log.start[i];
        if start > reference {
            summary.later += 1;
            continue;
        }
        let start = Day::new(start);
        let end = (log.end[i] <= reference).then(|| Day::new(log.end[i]));
        let t = tenure(start, end, reference_day);
        summary.members += 1;
        summary.active += u64::from(t.active);
        summary.cancelled += u64::from(!t.active);
        let fee = Some(log.fee[i])
            .filter(|f| !f.is_nan())
            .map(|f| f / f64::from(fee_months))
            .or(fallback_fee);
        if let Some(f) = fee {
            fee_sum += f;
            fees += 1;
        }
        match t.left_in {
            Some(month) => pooled.add_left(month as usize),
            None => pooled.add_active(t.observed as usize),
        }
        if t.active {
            let c = t.observed as usize;
            bump_u(&mut active_by_tenure, c);
            if fee_by_tenure.len() <= c {
                fee_by_tenure.resize(c + 1, 0.0);
            }
            match fee {
                Some(f) => fee_by_tenure[c] += f,
                None => bump_u(&mut no_fee_by_tenure, c),
            }
        }
        // Flows per period.
        let p = period_of(start);
        new[p] += 1;
        end_diff[p] += 1;
        if let Some(end) = end {
            let q = period_of(end);
            cancelled[q] += 1;
            cancelled_new[q] += u64::from(q == p);
            end_diff[q] -= 1;
        }
        // Cohorts.
        let cohort_month = start.month;
        if cohort_month >= first_cohort {
            let c = &mut cohorts[(cohort_month - first_cohort) as usize];
            c.size += 1;
            c.active += u64::from(t.active);
            let kept = t.left_in.map_or(t.observed, |month| month - 1) as usize;
            bump(&mut c.observed, 0, 1);
            bump(&mut c.observed, t.observed as usize + 1, -1);
            bump(&mut c.retained, 0, 1);
            bump(&mut c.retained, kept + 1, -1);
            match t.left_in {
                Some(month) => c.lifetimes.add_left(month as usize),
                None => c.lifetimes.add_active(t.observed as usize),
            }
            if t.active {
                bump_u(&mut c.active_by_tenure, t.observed as usize);
            }
            if let Some(f) = fee {
                c.fee_sum += f;
                c.fees += 1;
            }
        } else {
            summary.members_before_cohorts += 1;
        }
        // Plans.
        if log.plan[i] != NO_PLAN {
            let plan = &mut plans[usize::from(log.plan[i]).min(MAX_PLANS)];
            plan.members += 1;
            plan.active += u64::from(t.active);
            plan.cancelled += u64::from(!t.active);
            if let Some(f) = fee {
                plan.fee_sum += f;
                plan.fees += 1;
            }
            match t.left_in {
                Some(month) => plan.lifetimes.add_left(month as usize),
                None => plan.lifetimes.add_active(t.observed as usize),
            }
        }
    }
    summary.monthly_fee = (fees > 0).then(|| fee_sum / fees as f64);

    // Members without a fee pay the average.
    if let Some(mean) = summary.monthly_fee {
        for (c, &n) in no_fee_by_tenure.iter().enumerate() {
            fee_by_tenure[c] += n as f64 * mean;
        }
    }
    let table = pooled.at_risk();
    summary.survival = kaplan_meier(&table);
    let fit = Sbg::fit(&pooled);
    summary.pooled_error = fit.err();
    summary.pooled = fit.ok().and_then(|fit| {
        pooled_fit(
            fit,
            &pooled,
            &active_by_tenure,
            &fee_by_tenure,
            summary.monthly_fee,
            &options,
        )
    });
    summary.cohorts = cohort_rows(cohorts, first_cohort, &options, summary.monthly_fee);
    summary.periods = period_rows(
        &new,
        &cancelled,
        &cancelled_new,
        &end_diff,
        first_period,
        len,
        reference,
        options.period,
    );
    fill(&mut summary);
    if summary.periods.len() > MAX_MEMBER_PERIODS {
        summary.periods_left_out = summary.periods.len() - MAX_MEMBER_PERIODS;
        summary.periods.drain(..summary.periods_left_out);
    }
    summary.plans = plan_rows(plans, log);
    let hazard = Hazard::new(&table);
    summary.tenure = tenure_bands(&table, &active_by_tenure, &hazard);
    summary.clusters = clusters(&table, &active_by_tenure, pooled.left_count());
    summary
}

/// The Kaplan–Meier curve from the at-risk table, with Greenwood's 95 % interval.
fn kaplan_meier(table: &[(u64, u64)]) -> Vec<SurvivalStep> {
    let mut out = vec![SurvivalStep {
        month: 0,
        at_risk: table.get(1).map_or(0, |r| r.0),
        left: 0,
        survival: 100.0,
        lower: 100.0,
        upper: 100.0,
    }];
    let (mut s, mut greenwood) = (1.0, 0.0);
    for (t, &(n, d)) in table.iter().enumerate().skip(1) {
        if n == 0 {
            break;
        }
        s *= 1.0 - d as f64 / n as f64;
        if n > d {
            greenwood += d as f64 / (n as f64 * (n - d) as f64);
        }
        let half = 1.96 * s * greenwood.sqrt();
        out.push(SurvivalStep {
            month: t as u32,
            at_risk: n,
            left: d,
            survival: s * 100.0,
            lower: ((s - half) * 100.0).max(0.0),
            upper: ((s + half) * 100.0).min(100.0),
        });
    }
    out
}

fn pooled_fit(
    fit: SbgFit,
    pooled: &Lifetimes,
    active_by_tenure: &[u64],
    fee_by_tenure: &[f64],
    monthly_fee: Option<f64>,
    options: &MemberOptions,
) -> Option<PooledFit> {
    let constant = ConstantChurn::fit(pooled)?;
    let m = fit.model;
    let horizon = options.horizon as usize;
    let months = pooled.periods() + horizon;
    let d_percent = period_rate(options.discount_rate, Period::Month);
    let d = d_percent / 100.0;
    let mut projection = vec![0.0; horizon + 1];
    let mut constant_projection = vec![0.0; horizon + 1];
    let (mut members, mut derl_sum, mut value, mut fee_total) = (0u64, 0.0, 0.0, 0.0);
    for (c, &n) in active_by_tenure.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let mut p = 1.0;
        for (h, slot) in projection.iter_mut().enumerate() {
            if h > 0 {
                p *= m.retention((c + h) as u32);
            }
            *slot += n as f64 * p;
        }
        for (h, slot) in constant_projection.iter_mut().enumerate() {
            *slot += n as f64 * (1.0 - constant.churn).powi(h as i32);
        }
        let derl = m.derl(d, c as u32);
        members += n;
        derl_sum += n as f64 * derl;
        let fees = fee_by_tenure.get(c).copied().unwrap_or_default();
        value += fees * derl;
        fee_total += fees;
    }
    let margin = options.margin.unwrap_or(100.0) / 100.0;
    let has_fees = monthly_fee.is_some();
    let (del, constant_del) = (m.del(d), constant.del(d));
    let observed = pooled.periods() as u32;
    let residual = |renewals: u32| Residual {
        renewals,
        derl: m.derl(d, renewals),
        constant_derl: constant.derl(d),
        value: None,
        constant_value: None,
    };
    let insights = insights_of(
        &fit,
        observed,
        observed + options.horizon,
        (horizon > 0).then(|| {
            let h = horizon;
            (h as u32, projection[h], constant_projection[h])
        }),
        (observed >= 1).then(|| (residual(0), residual(observed.min(24)))),
    );
    Some(PooledFit {
        fit,
        constant,
        survival: m.survival(months).iter().map(|s| s * 100.0).collect(),
        constant_survival: constant
            .survival(months)
            .iter()
            .map(|s| s * 100.0)
            .collect(),
        retention: (1..=months as u32)
            .map(|t| m.retention(t) * 100.0)
            .collect(),
        projection,
        constant_projection,
        mean_lifetime: m.mean_lifetime(),
        constant_mean_lifetime: constant.mean_lifetime(),
        monthly_discount_rate: d_percent,
        del,
        constant_del,
        residual_lifetime: (members > 0).then(|| derl_sum / members as f64),
        constant_residual_lifetime: (members > 0).then(|| constant.derl(d)),
        clv: monthly_fee.map(|f| f * margin * del),
        constant_clv: monthly_fee.map(|f| f * margin * constant_del),
        residual_value: has_fees.then_some(value * margin),
        constant_residual_value: has_fees.then(|| fee_total * margin * constant.derl(d)),
        insights,
    })
}

fn cohort_rows(
    cohorts: Vec<CohortCounts>,
    first_month: i32,
    options: &MemberOptions,
    mean_fee: Option<f64>,
) -> Vec<MemberCohort> {
    let horizon = options.horizon;
    let d = period_rate(options.discount_rate, Period::Month) / 100.0;
    let margin = options.margin.unwrap_or(100.0) / 100.0;
    cohorts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.size > 0)
        .map(|(i, c)| {
            let month = first_month + i as i32;
            let running = |diff: &[i64]| -> Vec<u64> {
                let mut sum = 0i64;
                let mut out: Vec<u64> = diff
                    .iter()
                    .map(|d| {
                        sum += d;
                        sum as u64
                    })
                    .collect();
                while out.last() == Some(&0) {
                    out.pop();
                }
                out
            };
            let observed = running(&c.observed);
            let mut retained = running(&c.retained);
            retained.resize(observed.len(), 0);
            let shares = observed
                .iter()
                .zip(&retained)
                .map(|(&o, &r)| r as f64 * 100.0 / o as f64)
                .collect();
            let fit = if c.size >= MIN_COHORT_FIT {
                Sbg::fit(&c.lifetimes)
            } else {
                Err(SbgError::TooFewMembers {
                    found: c.size,
                    needed: MIN_COHORT_FIT,
                })
            };
            let projected = fit.as_ref().ok().map(|f| {
                c.active_by_tenure
                    .iter()
                    .enumerate()
                    .map(|(t, &n)| n as f64 * f.model.still_there(t as u32, horizon))
                    .sum()
            });
            let model = fit.as_ref().ok().map(|f| f.model);
            let del = model.map(|m| m.del(d));
            let residual_lifetime = model.filter(|_| c.active > 0).map(|m| {
                let sum: f64 = c
                    .active_by_tenure
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n > 0)
                    .map(|(t, &n)| n as f64 * m.derl(d, t as u32))
                    .sum();
                sum / c.active as f64
            });
            let monthly_fee = if c.fees > 0 {
                Some(c.fee_sum / c.fees as f64)
            } else {
                mean_fee
            };
            MemberCohort {
                label: label(month, Period::Month),
                first_day: Date::from_days(first_of_month(month)),
                size: c.size,
                active: c.active,
                observed,
                retained,
                shares,
                fit: fit.ok(),
                fit_error: fit.err(),
                projected,
                del,
                residual_lifetime,
                monthly_fee,
                clv: monthly_fee.zip(del).map(|(f, del)| f * margin * del),
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn period_rows(
    new: &[u64],
    cancelled: &[u64],
    cancelled_new: &[u64],
    end_diff: &[i64],
    first_period: i32,
    len: i32,
    reference: i32,
    period: Period,
) -> Vec<MemberPeriod> {
    let mut active = 0i64;
    (0..new.len())
        .map(|p| {
            let start = active as u64;
            active += end_diff[p];
            let end = active as u64;
            let month = (first_period + p as i32) * len;
            let last_day = last_of_month(month + len - 1);
            let leaving = cancelled[p] - cancelled_new[p];
            let per_start = |x: f64| (start > 0).then(|| x * 100.0 / start as f64);
            MemberPeriod {
                label: label(month, period),
                first_day: Date::from_days(first_of_month(month)),
                last_day: Date::from_days(last_day),
                complete: last_day <= reference,
                start,
                new: new[p],
                cancelled: cancelled[p],
                cancelled_new: cancelled_new[p],
                end,
                churn_rate: per_start(leaving as f64),
                retention_rate: per_start((start - leaving) as f64),
                new_per_member: per_start(new[p] as f64).map(|x| x / 100.0),
                net_change: end as i64 - start as i64,
                net_growth_rate: per_start(end as f64 - start as f64),
            }
        })
        .collect()
}

/// The calculator's inputs from the last complete period with members at its start.
fn fill(summary: &mut MemberSummary) {
    let period = summary.options.period;
    let Some(p) = summary
        .periods
        .iter()
        .rev()
        .find(|p| p.complete && p.start > 0)
    else {
        return;
    };
    let months = f64::from(12 / period.per_year());
    summary.fill = MemberInputs {
        start: Some(p.start as f64),
        cancelled: Some((p.cancelled - p.cancelled_new) as f64),
        new: Some((p.new - p.cancelled_new) as f64),
        fee: summary.monthly_fee.map(|f| f * months),
        margin: summary.options.margin,
        discount_rate: Some(summary.options.discount_rate),
        period,
    };
    summary.fill_period = Some(p.label.clone());
}

fn plan_rows(plans: Vec<PlanCounts>, log: &MemberLog) -> Vec<PlanRisk> {
    let mut rows: Vec<PlanRisk> = plans
        .into_iter()
        .enumerate()
        .filter(|(_, p)| p.members > 0)
        .map(|(i, p)| {
            let km = kaplan_meier(&p.lifetimes.at_risk());
            let at = |month: usize| km.get(month).map(|s| s.survival);
            PlanRisk {
                plan: log.plan_name(i as u16).unwrap_or_default().to_string(),
                members: p.members,
                active: p.active,
                cancelled: p.cancelled,
                churn_rate: ConstantChurn::fit(&p.lifetimes).map(|c| c.churn * 100.0),
                survival_3: at(3),
                survival_12: at(12),
                mean_fee: (p.fees > 0).then(|| p.fee_sum / p.fees as f64),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.members.cmp(&a.members).then_with(|| a.plan.cmp(&b.plan)));
    rows
}

/// Churn by month of tenure: left / at risk, carried on past the last month seen.
struct Hazard(Vec<f64>);

impl Hazard {
    fn new(table: &[(u64, u64)]) -> Hazard {
        let mut last = 0.0;
        let rates = table
            .iter()
            .map(|&(n, d)| {
                if n > 0 {
                    last = d as f64 / n as f64;
                }
                last
            })
            .collect();
        Hazard(rates)
    }

    /// Churn in month `t` (≥ 1).
    fn at(&self, t: usize) -> f64 {
        self.0.get(t).or(self.0.last()).copied().unwrap_or_default()
    }
}

fn tenure_bands(table: &[(u64, u64)], active: &[u64], hazard: &Hazard) -> Vec<TenureRisk> {
    BANDS
        .iter()
        .map(|&(from, to)| {
            let upto = to.map_or(usize::MAX, |t| t as usize);
            let in_band = |c: usize| c >= from as usize && c < upto;
            let now: u64 = (0..active.len())
                .filter(|&c| in_band(c))
                .map(|c| active[c])
                .sum();
            let expected_leaving = (0..active.len())
                .filter(|&c| in_band(c))
                .map(|c| active[c] as f64 * hazard.at(c + 1))
                .sum();
            // Months of tenure from + 1 ..= to: the coming month of a member in the band.
            let (n, d) = table
                .iter()
                .enumerate()
                .filter(|&(t, _)| t >= 1 && in_band(t - 1))
                .fold((0, 0), |(n, d), (_, &(rn, rd))| (n + rn, d + rd));
            TenureRisk {
                from_month: from,
                to_month: to,
                active: now,
                churn_rate: (n > 0).then(|| d as f64 * 100.0 / n as f64),
                expected_leaving,
            }
        })
        .collect()
}

/// Months of tenure with at least this many members at risk are compared.
const CLUSTER_MIN_AT_RISK: u64 = 20;
/// A cluster's churn is at least this many times the months around it...
const CLUSTER_RATIO: f64 = 1.5;
/// ...with at least this many members leaving...
const CLUSTER_MIN_LEFT: u64 = 5;
/// ...and at least this share of all who left beyond the baseline.
const CLUSTER_MIN_SHARE: f64 = 0.01;
/// The most clusters reported.
const MAX_CLUSTERS: usize = 5;

fn clusters(table: &[(u64, u64)], active: &[u64], total_left: u64) -> Vec<CancellationCluster> {
    let rate = |t: usize| {
        table
            .get(t)
            .filter(|r| r.0 >= CLUSTER_MIN_AT_RISK)
            .map(|&(n, d)| d as f64 / n as f64)
    };
    let mut out: Vec<CancellationCluster> = (1..table.len())
        .filter_map(|t| {
            let (n, d) = table[t];
            let h = rate(t)?;
            let mut around: Vec<f64> = (t.saturating_sub(3).max(1)..=t + 3)
                .filter(|&u| u != t)
                .filter_map(rate)
                .collect();
            if around.len() < 2 {
                return None;
            }
            around.sort_by(f64::total_cmp);
            let mid = around.len() / 2;
            let baseline = if around.len() % 2 == 1 {
                around[mid]
            } else {
                (around[mid - 1] + around[mid]) / 2.0
            };
            let excess = d as f64 - baseline * n as f64;
            let clustered = d >= CLUSTER_MIN_LEFT
                && h >= CLUSTER_RATIO * baseline
                && excess >= (CLUSTER_MIN_SHARE * total_left as f64).max(1.0);
            clustered.then(|| CancellationCluster {
                month: t as u32,
                at_risk: n,
                left: d,
                churn_rate: h * 100.0,
                baseline: baseline * 100.0,
                excess,
                approaching: active.get(t - 1).copied().unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.excess.total_cmp(&a.excess));
    out.truncate(MAX_CLUSTERS);
    out
}
