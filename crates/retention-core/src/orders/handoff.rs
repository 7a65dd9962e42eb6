//! From an import to what a marketer does next: the calculator's inputs for the last
//! complete year, when the active window makes the periods' retention meaningful, and the
//! customers to win back first.
//!
//! - **Year fill.** The year is the last 12 complete calendar months up to the reference
//!   day (a reference on a month's last day completes that month). S = customers active at
//!   the day before the year, E = active at its last day, N = active at its last day but not
//!   at the day before it (active: bought in the `window_months` months up to and including
//!   the day, as in [`summarise_orders`](crate::summarise_orders)). Spend is the average
//!   purchase in the year and frequency the purchases per customer who bought in the year.
//!   Values are rounded as a person would type them: spend to whole units (to cents below
//!   10), frequency to one decimal.
//! - **Full window.** A period's retention counts on a full window when the window that ends
//!   on its start day (the last day of the period before) begins no earlier than the first
//!   of the month of the first purchase: before that every customer still looks active, and
//!   retention reads near 100 %.
//! - **Win-back.** The shop's purchase cycle is the median number of days between two
//!   purchase days of one customer; a customer is at risk after twice that many days without
//!   a purchase (at least 14, at most 365; 90 when nobody bought twice). What is at stake
//!   with a customer is their net spend so far × the probability that they are still a
//!   customer (1 without a forecast); the list is sorted by it, highest first.

use serde::{Deserialize, Serialize};

use super::date::{add_months, first_of_month, last_of_month, month_index, Date};
use super::import::{purchase_days, OrderLog, Purchase};
use super::summary::{window_full, PeriodSummary, Summary, SummaryOptions};
use crate::segments::SegmentsOn;
use crate::{Inputs, Segment};

/// The fewest days the win-back cut-off takes.
pub const MIN_CUTOFF_DAYS: u32 = 14;
/// The most days the win-back cut-off takes.
pub const MAX_CUTOFF_DAYS: u32 = 365;
/// The cut-off when nobody bought on two days.
pub const DEFAULT_CUTOFF_DAYS: u32 = 90;

/// The calculator's inputs for one year of an import.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YearFill {
    /// S, E, N, spend and frequency, rounded, with the period a year.
    pub inputs: Inputs,
    /// The first day of the year.
    pub first_day: Date,
    /// Its last day.
    pub last_day: Date,
    /// The window that ends the day before the year starts lies within the export: S is
    /// counted on a full window.
    pub window_full: bool,
}

/// The calculator's inputs from the last 12 complete months of `log` as a year (see the
/// module's rules); `None` when no purchase lies before that year (S would be 0) or none in
/// it.
///
/// ```
/// use retention_core::{parse_orders, sniff_orders, year_fill, Period, SummaryOptions};
/// let text = "customer,date,amount\n\
///             ann,2023-03-01,10\nbob,2023-06-01,20\n\
///             ann,2024-02-01,30\ncat,2024-03-01,41\ncat,2024-04-02,0\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let fill = year_fill(&log, &SummaryOptions::default()).unwrap();
/// // The year is April 2023 – March 2024: April 2024 is not complete.
/// assert_eq!(fill.first_day.to_string(), "2023-04-01");
/// // Ann and Bob active on 31 March 2023? Only Ann. At 31 March 2024: Ann, Bob and Cat.
/// let i = fill.inputs;
/// assert_eq!((i.start, i.end, i.new), (Some(1.0), Some(3.0), Some(2.0)));
/// // Bob 20, Ann 30, Cat 41 in the year: 91 / 3 ≈ 30; one purchase each.
/// assert_eq!((i.spend, i.frequency, i.period), (Some(30.0), Some(1.0), Period::Year));
/// ```
pub fn year_fill(log: &OrderLog, options: &SummaryOptions) -> Option<YearFill> {
    let reference = options
        .reference
        .map(Date::days)
        .or(log.span().map(|s| s.1))?;
    let month = month_index(reference);
    let last = if last_of_month(month) == reference {
        month
    } else {
        month - 1
    };
    let (first_day, last_day) = (first_of_month(last - 11), last_of_month(last));
    let before = first_day - 1;
    let window = options.window_months.clamp(1, 100 * 12) as i32;
    // Active on `day`: a purchase in the window that ends on it (which starts on `from`).
    let active = |purchases: &[Purchase], from: i32, day: i32| {
        purchases.iter().any(|p| p.day >= from && p.day <= day)
    };
    let (from_before, from_last) = (
        add_months(before + 1, -window),
        add_months(last_day + 1, -window),
    );
    let (mut start, mut end, mut new) = (0u64, 0u64, 0u64);
    let (mut orders, mut revenue, mut buyers) = (0u64, 0.0, 0u64);
    let mut first_purchase = i32::MAX;
    for customer in log.customers() {
        let upto = customer.purchases.partition_point(|p| p.day <= last_day);
        let purchases = &customer.purchases[..upto];
        let Some(first) = purchases.first() else {
            continue;
        };
        first_purchase = first_purchase.min(first.day);
        let was = active(purchases, from_before, before);
        let is = active(purchases, from_last, last_day);
        start += u64::from(was);
        end += u64::from(is);
        new += u64::from(is && !was);
        let year = &purchases[purchases.partition_point(|p| p.day < first_day)..];
        orders += year.len() as u64;
        revenue += year.iter().map(|p| p.amount).sum::<f64>();
        buyers += u64::from(!year.is_empty());
    }
    if start == 0 || orders == 0 {
        return None;
    }
    let spend = revenue / orders as f64;
    Some(YearFill {
        inputs: rounded_fill(Inputs {
            start: Some(start as f64),
            end: Some(end as f64),
            new: Some(new as f64),
            spend: Some(spend),
            frequency: Some(orders as f64 / buyers as f64),
            period: crate::Period::Year,
            ..Inputs::default()
        }),
        first_day: Date::from_days(first_day),
        last_day: Date::from_days(last_day),
        window_full: window_full(last - 11, window, month_index(first_purchase)),
    })
}

/// Inputs as a person would type them: customer counts whole, spend in whole units from 10
/// up (in cents below), frequency to one decimal (at least 0.1 when there is one).
///
/// ```
/// use retention_core::{rounded_fill, Inputs};
/// let i = rounded_fill(Inputs { start: Some(3.0), spend: Some(96.285052), frequency: Some(3.20003), ..Inputs::default() });
/// assert_eq!((i.start, i.spend, i.frequency), (Some(3.0), Some(96.0), Some(3.2)));
/// let small = rounded_fill(Inputs { spend: Some(4.256), frequency: Some(0.02), ..Inputs::default() });
/// assert_eq!((small.spend, small.frequency), (Some(4.26), Some(0.1)));
/// ```
pub fn rounded_fill(inputs: Inputs) -> Inputs {
    let money = |v: f64| {
        if v.abs() >= 10.0 {
            v.round()
        } else {
            (v * 100.0).round() / 100.0
        }
    };
    let count = |v: f64| v.round();
    Inputs {
        start: inputs.start.map(count),
        end: inputs.end.map(count),
        new: inputs.new.map(count),
        spend: inputs.spend.map(money),
        frequency: inputs
            .frequency
            .map(|f| ((f * 10.0).round() / 10.0).max(if f > 0.0 { 0.1 } else { 0.0 })),
        ..inputs
    }
}

/// The periods of `summary` whose retention counts on a full active window (see the
/// module's rules): the ones to plot as a trend.
///
/// ```
/// use retention_core::{full_window_periods, parse_orders, sniff_orders, summarise_orders, SummaryOptions};
/// let text = "customer,date,amount\nann,2023-01-15,10\nann,2024-03-01,10\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let summary = summarise_orders(&log, &SummaryOptions::default());
/// let full = full_window_periods(&summary);
/// // The window ending 31 December 2023 starts 1 January 2023: January 2024 is the first.
/// assert_eq!(full.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["2024-01", "2024-02", "2024-03"]);
/// ```
pub fn full_window_periods(summary: &Summary) -> &[PeriodSummary] {
    // The periods' own `window_full`, which holds from some period on.
    let from = summary
        .periods
        .iter()
        .position(|p| p.window_full)
        .unwrap_or(summary.periods.len());
    &summary.periods[from..]
}

/// The median number of days between two purchase days of one customer, over every
/// customer who bought on two or more days up to `reference` (default the last purchase
/// day); `None` when nobody did.
///
/// ```
/// use retention_core::{parse_orders, purchase_cycle, sniff_orders};
/// let text = "customer,date,amount\na,2024-01-01,1\na,2024-01-11,1\na,2024-02-10,1\nb,2024-01-01,1\nb,2024-01-21,1\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// // Gaps 10, 30 and 20 days: the median is 20.
/// assert_eq!(purchase_cycle(&log, None), Some(20));
/// ```
pub fn purchase_cycle(log: &OrderLog, reference: Option<Date>) -> Option<u32> {
    let reference = reference.map(Date::days).or(log.span().map(|s| s.1))?;
    let mut gaps: Vec<u32> = Vec::new();
    for customer in log.customers() {
        let upto = customer.purchases.partition_point(|p| p.day <= reference);
        let mut previous = None;
        for (day, _) in purchase_days(&customer.purchases[..upto]) {
            if let Some(p) = previous {
                gaps.push((day - p) as u32);
            }
            previous = Some(day);
        }
    }
    if gaps.is_empty() {
        return None;
    }
    let (mid, odd) = (gaps.len() / 2, gaps.len() % 2 == 1);
    let (below, &mut upper, _) = gaps.select_nth_unstable(mid);
    Some(if odd {
        upper
    } else {
        let lower = below.iter().copied().max().unwrap_or(upper);
        (lower + upper).div_ceil(2)
    })
}

/// The win-back cut-off for a purchase cycle: twice the cycle, between [`MIN_CUTOFF_DAYS`]
/// and [`MAX_CUTOFF_DAYS`]; [`DEFAULT_CUTOFF_DAYS`] without one.
///
/// ```
/// use retention_core::win_back_cutoff;
/// assert_eq!(win_back_cutoff(Some(45)), 90);
/// assert_eq!(win_back_cutoff(Some(3)), 14);
/// assert_eq!(win_back_cutoff(Some(400)), 365);
/// assert_eq!(win_back_cutoff(None), 90);
/// ```
pub fn win_back_cutoff(cycle: Option<u32>) -> u32 {
    cycle.map_or(DEFAULT_CUTOFF_DAYS, |c| {
        c.saturating_mul(2).clamp(MIN_CUTOFF_DAYS, MAX_CUTOFF_DAYS)
    })
}

/// A customer at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtRisk {
    /// The id as written in the export.
    pub id: String,
    /// The last purchase.
    pub last_order: Date,
    /// Days from the last purchase to the reference day.
    pub days_inactive: u32,
    /// Purchases up to the reference day.
    pub orders: u32,
    /// Net spend so far.
    pub spend: f64,
    /// The probability that they are still a customer; `None` without a forecast.
    pub p_alive: Option<f64>,
    /// What is at stake: `spend × p_alive` (`spend` without a forecast).
    pub at_stake: f64,
    /// The customer's RFM segment on the reference day (see [`rfm_scores`](crate::rfm_scores)).
    pub segment: Segment,
}

/// The customers to win back first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WinBack {
    /// The shop's purchase cycle in days (see [`purchase_cycle`]).
    pub cycle_days: Option<u32>,
    /// Days without a purchase after which a customer is at risk.
    pub cutoff_days: u32,
    /// How many customers are at risk, listed or not.
    pub count: usize,
    /// What is at stake with all of them.
    pub at_stake: f64,
    /// The first `limit`, most at stake first.
    pub customers: Vec<AtRisk>,
}

/// The customers of `log` without a purchase for `cutoff_days` (default: from the purchase
/// cycle, see [`win_back_cutoff`]) up to `reference` (default the last purchase day), most at
/// stake first, the first `limit` listed. `p_alive(index)` is the probability that customer
/// `index` is still a customer, when a forecast says.
///
/// ```
/// use retention_core::{parse_orders, sniff_orders, win_back};
/// let text = "customer,date,amount\na,2024-01-01,100\nb,2024-01-01,50\nb,2024-01-02,70\nc,2024-03-01,5\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let p = [0.5, 0.9, 1.0];
/// let list = win_back(&log, None, Some(30), &|i| Some(p[i as usize]), 10);
/// // a: 100 × 0.5 = 50; b: 120 × 0.9 = 108; c bought on the last day.
/// assert_eq!(list.count, 2);
/// assert_eq!(list.customers[0].id, "b");
/// assert_eq!(list.at_stake, 158.0);
/// ```
pub fn win_back(
    log: &OrderLog,
    reference: Option<Date>,
    cutoff_days: Option<u32>,
    p_alive: &dyn Fn(u32) -> Option<f64>,
    limit: usize,
) -> WinBack {
    win_back_scored(log, reference, cutoff_days, p_alive, limit, None)
}

/// [`win_back`] with the customers' RFM scores on the same reference day, when the caller
/// has them already.
pub(crate) fn win_back_scored(
    log: &OrderLog,
    reference: Option<Date>,
    cutoff_days: Option<u32>,
    p_alive: &dyn Fn(u32) -> Option<f64>,
    limit: usize,
    scored: Option<&[crate::CustomerRfm]>,
) -> WinBack {
    let cycle_days = purchase_cycle(log, reference);
    let cutoff_days = cutoff_days.unwrap_or_else(|| win_back_cutoff(cycle_days));
    let mut out = WinBack {
        cycle_days,
        cutoff_days,
        count: 0,
        at_stake: 0.0,
        customers: Vec::new(),
    };
    let Some(reference) = reference.map(Date::days).or(log.span().map(|s| s.1)) else {
        return out;
    };
    // (at stake, index, p_alive, days inactive, last day, orders, spend)
    type Row = (f64, u32, Option<f64>, u32, i32, u32, f64);
    let mut risky: Vec<Row> = Vec::new();
    for customer in log.customers() {
        let upto = customer.purchases.partition_point(|p| p.day <= reference);
        let Some(last) = customer.purchases[..upto].last() else {
            continue;
        };
        let days = (reference - last.day) as u32;
        if days < cutoff_days {
            continue;
        }
        let spend = customer.purchases[..upto]
            .iter()
            .map(|p| p.amount)
            .sum::<f64>()
            + customer.refunded;
        let p = p_alive(customer.index).filter(|p| p.is_finite());
        let at_stake = spend * p.unwrap_or(1.0);
        out.at_stake += at_stake;
        risky.push((
            at_stake,
            customer.index,
            p,
            days,
            last.day,
            upto as u32,
            spend,
        ));
    }
    out.count = risky.len();
    let best_first = |a: &Row, b: &Row| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if limit < risky.len() {
        risky.select_nth_unstable_by(limit, best_first);
        risky.truncate(limit);
    }
    risky.sort_unstable_by(best_first);
    let segments = SegmentsOn::new(log, Date::from_days(reference), scored, !risky.is_empty());
    out.customers = risky
        .into_iter()
        .map(
            |(at_stake, index, p_alive, days, last, orders, spend)| AtRisk {
                id: log.customer(index).id.to_string(),
                last_order: Date::from_days(last),
                days_inactive: days,
                orders,
                spend,
                p_alive,
                at_stake,
                segment: segments.of(index),
            },
        )
        .collect();
    out
}
