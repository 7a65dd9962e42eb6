//! What stands out in a [`MemberSummary`], for the page to word: the best and worst start
//! month, how the member base moved over the last periods, the riskiest plan, the tenure
//! where most of next month's cancellations come from, and what kind of month a cluster of
//! cancellations is. The rules live here once; the app only words them.

use serde::{Deserialize, Serialize};

use super::analysis::{MemberCohort, MemberPeriod, PlanRisk, TenureRisk};

/// Cohorts (and plans) smaller than this are not compared: a handful of members says little.
pub const MIN_COMPARED: u64 = 10;
/// The complete periods [`flow_trend`] looks back over at most.
pub const TREND_PERIODS: usize = 12;

/// One cohort's retention at a month since its start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortShare {
    /// The start month: `2024-03`.
    pub label: String,
    /// Members who started in it.
    pub size: u64,
    /// Of them, members still there at the month compared.
    pub retained: u64,
    /// `retained / size`, in percent.
    pub share: f64,
}

/// The start months that kept most and fewest of their members after `month` months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortSpread {
    /// Months since the start.
    pub month: u32,
    /// Cohorts compared: of at least [`MIN_COMPARED`] members, each followed that long.
    pub cohorts: usize,
    pub best: CohortShare,
    pub worst: CohortShare,
}

/// The start months that kept most and fewest of their members after `month` months, among
/// the cohorts of at least [`MIN_COMPARED`] members all followed that long; `None` with fewer
/// than two such cohorts or when all kept the same share. The earliest wins a tie.
///
/// ```
/// use retention_core::{cohort_spread, Date, MemberCohort};
/// let cohort = |label: &str, retained: u64| MemberCohort {
///     label: label.into(), first_day: Date::from_ymd(2024, 1, 1).unwrap(), size: 20,
///     active: retained, observed: vec![20, 20], retained: vec![20, retained],
///     shares: vec![100.0, retained as f64 * 5.0], fit: None, fit_error: None,
///     projected: None, del: None, residual_lifetime: None, monthly_fee: None, clv: None,
/// };
/// let s = cohort_spread(&[cohort("2024-01", 15), cohort("2024-02", 18)], 1).unwrap();
/// assert_eq!((s.best.label.as_str(), s.best.share), ("2024-02", 90.0));
/// assert_eq!((s.worst.label.as_str(), s.worst.retained), ("2024-01", 15));
/// ```
pub fn cohort_spread(cohorts: &[MemberCohort], month: u32) -> Option<CohortSpread> {
    let m = month as usize;
    let shares: Vec<CohortShare> = cohorts
        .iter()
        .filter(|c| c.size >= MIN_COMPARED && c.observed.get(m) == Some(&c.size))
        .map(|c| {
            let retained = c.retained.get(m).copied().unwrap_or(0);
            CohortShare {
                label: c.label.clone(),
                size: c.size,
                retained,
                share: retained as f64 * 100.0 / c.size as f64,
            }
        })
        .collect();
    if shares.len() < 2 {
        return None;
    }
    let mut best = &shares[0];
    let mut worst = &shares[0];
    for s in &shares[1..] {
        if s.share > best.share {
            best = s;
        }
        if s.share < worst.share {
            worst = s;
        }
    }
    (best.share > worst.share).then(|| CohortSpread {
        month,
        cohorts: shares.len(),
        best: best.clone(),
        worst: worst.clone(),
    })
}

/// How the member base moved over the last complete periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowTrend {
    /// The complete periods with members at their start looked at (at most
    /// [`TREND_PERIODS`], the last ones).
    pub periods: usize,
    /// The first of them.
    pub from: String,
    /// The last of them.
    pub to: String,
    /// Members at the start of the first.
    pub start: u64,
    /// Members at the end of the last.
    pub end: u64,
    /// Members who joined over them.
    pub new: u64,
    /// Memberships that ended over them, new ones included.
    pub cancelled: u64,
    /// `end − start`.
    pub net_change: i64,
    /// The average churn a period, in percent: of the members at each period's start, those
    /// who cancelled in it.
    pub mean_churn: f64,
    /// The average new members per member at a period's start.
    pub mean_new_per_member: f64,
    /// New members a period needed to keep `end` members at `mean_churn`:
    /// `end × mean_churn / 100`.
    pub needed_new: f64,
}

/// The last [`TREND_PERIODS`] complete periods with members at their start, summed and
/// averaged; `None` when there is none.
///
/// ```
/// use retention_core::{analyse_members, flow_trend, parse_members, sniff_members, Date, MemberOptions};
/// let text = "member,start,end\na,2024-01-05,\nb,2024-01-06,2024-02-10\nc,2024-02-07,\n\
///             d,2024-03-02,\ne,2024-03-03,2024-03-20\n";
/// let log = parse_members(text, &sniff_members(text).mapping.unwrap(), |_, _| true).unwrap();
/// let options = MemberOptions { reference: Date::from_ymd(2024, 4, 15), ..MemberOptions::default() };
/// let t = flow_trend(&analyse_members(&log, &options).periods).unwrap();
/// // February (2 at its start, b left, c joined) and March (2, d and e joined, e left).
/// assert_eq!((t.periods, t.from.as_str(), t.to.as_str()), (2, "2024-02", "2024-03"));
/// assert_eq!((t.start, t.end, t.new, t.cancelled, t.net_change), (2, 3, 3, 2, 1));
/// assert_eq!(t.mean_churn, 25.0); // (50 % + 0 %) / 2: e was new in March
/// ```
pub fn flow_trend(periods: &[MemberPeriod]) -> Option<FlowTrend> {
    let counted: Vec<&MemberPeriod> = periods
        .iter()
        .filter(|p| p.complete && p.start > 0)
        .collect();
    let last = &counted[counted.len().saturating_sub(TREND_PERIODS)..];
    let (first, end) = (last.first()?, last.last()?);
    let n = last.len() as f64;
    let mean_churn = last.iter().filter_map(|p| p.churn_rate).sum::<f64>() / n;
    Some(FlowTrend {
        periods: last.len(),
        from: first.label.clone(),
        to: end.label.clone(),
        start: first.start,
        end: end.end,
        new: last.iter().map(|p| p.new).sum(),
        cancelled: last.iter().map(|p| p.cancelled).sum(),
        net_change: end.end as i64 - first.start as i64,
        mean_churn,
        mean_new_per_member: last.iter().filter_map(|p| p.new_per_member).sum::<f64>() / n,
        needed_new: end.end as f64 * mean_churn / 100.0,
    })
}

/// The plans that lose members fastest and slowest, of those with at least
/// [`MIN_COMPARED`] members: indexes into `plans`; `None` with fewer than two or no
/// difference. The larger plan wins a tie.
pub fn plan_spread(plans: &[PlanRisk]) -> Option<(usize, usize)> {
    let compared: Vec<(usize, f64)> = plans
        .iter()
        .enumerate()
        .filter(|(_, p)| p.members >= MIN_COMPARED && !p.plan.is_empty())
        .filter_map(|(i, p)| p.churn_rate.map(|c| (i, c)))
        .collect();
    let (&(mut riskiest), &(mut safest)) = (compared.first()?, compared.first()?);
    for &(i, c) in &compared[1..] {
        if c > riskiest.1 {
            riskiest = (i, c);
        }
        if c < safest.1 {
            safest = (i, c);
        }
    }
    (riskiest.1 > safest.1).then_some((riskiest.0, safest.0))
}

/// Where next month's cancellations are expected to come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenureFocus {
    /// The band (index into the tenure bands) from which most members are expected to leave.
    pub band: usize,
    /// Members expected to leave from it in their coming month.
    pub leaving: f64,
    /// Members expected to leave from every band.
    pub total: f64,
}

/// The tenure band most of next month's cancellations are expected from; `None` when none
/// are expected.
pub fn tenure_focus(tenure: &[TenureRisk]) -> Option<TenureFocus> {
    let total: f64 = tenure.iter().map(|t| t.expected_leaving).sum();
    let (band, t) = tenure.iter().enumerate().fold(
        None::<(usize, &TenureRisk)>,
        |best, (i, t)| match best {
            Some((_, b)) if b.expected_leaving >= t.expected_leaving => best,
            _ => Some((i, t)),
        },
    )?;
    (total > 0.0).then_some(TenureFocus {
        band,
        leaving: t.expected_leaving,
        total,
    })
}

/// What kind of month a cluster of cancellations falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ClusterKind {
    /// The first two months: the welcome did not hold.
    FirstMonths,
    /// Around a yearly anniversary (months 12 and 13, 24 and 25...): an annual plan ending.
    YearEnd,
    /// Around another whole quarter (months 3, 6, 9...): a term of three or six months ending.
    TermEnd,
    /// Any other month.
    Other,
}

/// The kind of month of tenure `month` (1 is the first): the cancellations of someone who
/// leaves on an anniversary count in the month that ends there, those a few days after it in
/// the next.
///
/// ```
/// use retention_core::{cluster_kind, ClusterKind};
/// assert_eq!(cluster_kind(1), ClusterKind::FirstMonths);
/// assert_eq!(cluster_kind(12), ClusterKind::YearEnd);
/// assert_eq!(cluster_kind(25), ClusterKind::YearEnd);
/// assert_eq!(cluster_kind(6), ClusterKind::TermEnd);
/// assert_eq!(cluster_kind(8), ClusterKind::Other);
/// ```
pub fn cluster_kind(month: u32) -> ClusterKind {
    match month {
        0..=2 => ClusterKind::FirstMonths,
        m if m >= 12 && m % 12 <= 1 => ClusterKind::YearEnd,
        m if m % 3 == 0 => ClusterKind::TermEnd,
        _ => ClusterKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(name: &str, members: u64, churn: f64) -> PlanRisk {
        PlanRisk {
            plan: name.into(),
            members,
            active: members,
            cancelled: 0,
            churn_rate: Some(churn),
            survival_3: None,
            survival_12: None,
            mean_fee: None,
        }
    }

    #[test]
    fn the_riskiest_and_safest_plans_of_enough_members() {
        let plans = [
            plan("month", 100, 6.0),
            plan("year", 50, 1.5),
            plan("trial", 5, 40.0),
            plan("", 80, 9.0),
        ];
        // The trial is too small to compare and the unnamed rest is no plan.
        assert_eq!(plan_spread(&plans), Some((0, 1)));
        assert_eq!(plan_spread(&plans[..1]), None);
        assert_eq!(plan_spread(&[plan("a", 20, 2.0), plan("b", 20, 2.0)]), None);
    }

    #[test]
    fn next_months_cancellations_come_from_the_band_with_most_expected() {
        let band = |from, expected_leaving| TenureRisk {
            from_month: from,
            to_month: None,
            active: 10,
            churn_rate: None,
            expected_leaving,
        };
        let f = tenure_focus(&[band(0, 4.5), band(3, 1.5), band(6, 4.5)]).unwrap();
        assert_eq!((f.band, f.leaving, f.total), (0, 4.5, 10.5));
        assert_eq!(tenure_focus(&[band(0, 0.0)]), None);
        assert_eq!(tenure_focus(&[]), None);
    }
}
