//! From an order log to the figures a marketer asks for: S, E and N per period, repeat
//! rate, order value, frequency, CLV, cohorts and who has gone quiet.

use serde::{Deserialize, Serialize};

use super::date::{add_months, first_of_month, last_of_month, month_index, Date};
use super::import::{OrderLog, Purchase};
use crate::segments::SegmentsOn;
use crate::{retention, Inputs, Period, Retention, Segment};

/// The most periods a summary counts in: ten years of months, thirty of quarters. A longer
/// history is counted in longer periods (years at most: dates run from 1900 to 2100), so a
/// typing mistake in one date cannot stretch the table over centuries of months.
pub const MAX_PERIODS: usize = 120;

/// The most cohorts (first-purchase months) a summary lists: the latest ten years.
pub const MAX_COHORTS: usize = 120;

/// How to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SummaryOptions {
    /// The length of the periods in the table: month, quarter (or year).
    pub period: Period,
    /// A customer is active at a day when they bought within this many months up to and
    /// including it. At least 1 (0 is read as 1).
    pub window_months: u32,
    /// A customer is inactive after this many days without a purchase.
    pub inactive_days: u32,
    /// The day the figures are taken at ("today"); `None` is the last purchase day. Later
    /// purchases are left out.
    pub reference: Option<Date>,
    /// List at most this many inactive customers (the count is always complete); `None`
    /// lists them all.
    pub inactive_limit: Option<u32>,
}

impl Default for SummaryOptions {
    fn default() -> SummaryOptions {
        SummaryOptions {
            period: Period::Month,
            window_months: 12,
            inactive_days: 30,
            reference: None,
            inactive_limit: None,
        }
    }
}

/// S, E and N over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodSummary {
    /// `2024-03`, `2024-Q1` or `2024`.
    pub label: String,
    /// The first day of the period.
    pub first_day: Date,
    /// The last day of the period.
    pub last_day: Date,
    /// The period ended on or before the reference day; the last period may not have, and
    /// its E is counted at the reference day.
    pub complete: bool,
    /// Its retention counts on a full active window: the window that ends on the day before
    /// it starts begins no earlier than the first of the month of the first purchase. Before
    /// that nearly everyone still looks active and retention reads near 100 %.
    pub window_full: bool,
    /// S: customers active at the end of the previous period (0 for the first period).
    pub start: u64,
    /// E: customers active at the end of this period.
    pub end: u64,
    /// N: customers active at the end of this period but not of the previous one:
    /// `first_time + reactivated`.
    pub new: u64,
    /// Of N, those whose first purchase ever was in this period.
    pub first_time: u64,
    /// Of N, those who had bought before this period: lapsed customers who came back.
    pub reactivated: u64,
    /// Purchases in the period.
    pub orders: u64,
    /// The amount of those purchases.
    pub revenue: f64,
    /// CRR, churn and lifespan from S, E and N; `None` when S is 0 (the first period).
    pub retention: Option<Retention>,
}

/// The customers whose first purchase was in one month, and how many of them bought again
/// in each month after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    /// The month of the first purchase: `2024-03`.
    pub label: String,
    /// The first day of that month.
    pub first_day: Date,
    /// How many customers first bought in that month.
    pub size: u64,
    /// `active[k]`: how many of them bought in the k-th month after it (`active[0] == size`),
    /// up to the reference month.
    pub active: Vec<u64>,
    /// `active[k]` as a percentage of `size`.
    pub shares: Vec<f64>,
}

/// How historical CLV (net spend per customer) is spread.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClvStats {
    /// The average.
    pub mean: f64,
    /// The lowest.
    pub min: f64,
    /// A quarter of the customers spent this or less.
    pub p25: f64,
    /// Half the customers spent this or less.
    pub median: f64,
    /// Three quarters spent this or less.
    pub p75: f64,
    /// Nine in ten spent this or less.
    pub p90: f64,
    /// The highest.
    pub max: f64,
}

/// A customer to win back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InactiveCustomer {
    /// The id as written in the export.
    pub id: String,
    /// The e-mail address, when the export has an e-mail column.
    pub email: Option<String>,
    /// The name, when the export has a name column.
    pub name: Option<String>,
    /// The last purchase.
    pub last_order: Date,
    /// Days from the last purchase to the reference day.
    pub days_inactive: u32,
    /// Purchases up to the reference day.
    pub orders: u32,
    /// Net spend: purchases minus refunds.
    pub spend: f64,
    /// The customer's RFM segment on the reference day (see [`rfm_scores`](crate::rfm_scores)).
    pub segment: Segment,
}

/// How many customers of one segment a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentCount {
    pub segment: Segment,
    pub customers: u64,
}

/// Everything [`summarise_orders`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The options used.
    pub options: SummaryOptions,
    /// The reference day used; `None` for a log without purchases.
    pub reference: Option<Date>,
    /// The first purchase day counted.
    pub first_order: Option<Date>,
    /// The last purchase day counted.
    pub last_order: Option<Date>,
    /// Customers with a purchase up to the reference day.
    pub customers: u64,
    /// Their purchases.
    pub orders: u64,
    /// The amount of those purchases.
    pub revenue: f64,
    /// The sum of their refunds (zero or less).
    pub refunded: f64,
    /// Customers who bought on two or more days (as in the forecast).
    pub repeat_customers: u64,
    /// Repeat customers as a percentage of customers.
    pub repeat_purchase_rate: Option<f64>,
    /// Revenue per purchase.
    pub average_order_value: Option<f64>,
    /// Purchases per customer per year over the observed span (first purchase to reference
    /// day), a span of less than a year extrapolated.
    pub purchase_frequency: Option<f64>,
    /// Historical CLV: each customer's net spend (`revenue + refunded` in total).
    pub clv: Option<ClvStats>,
    /// The length of the periods in `periods`: `options.period`, or longer when that would
    /// make more than [`MAX_PERIODS`] of them.
    pub period: Period,
    /// One row per period, from the first purchase to the reference day.
    pub periods: Vec<PeriodSummary>,
    /// One row per month in which customers made their first purchase, the latest
    /// [`MAX_COHORTS`] months.
    pub cohorts: Vec<Cohort>,
    /// First-purchase months older than those in `cohorts`, left out.
    pub cohorts_left_out: usize,
    /// Customers without a purchase for `inactive_days` or more, the most recently lapsed
    /// (the likeliest to come back) first; then by spend, highest first.
    pub inactive: Vec<InactiveCustomer>,
    /// How many customers are inactive, listed or not.
    pub inactive_count: usize,
    /// How many of the inactive customers (listed or not) each segment holds: one entry per
    /// segment in [`Segment::ALL`]'s order, summing to `inactive_count`; empty without
    /// purchases.
    pub inactive_segments: Vec<SegmentCount>,
    /// The calculator's inputs from the last complete period with customers at its start and
    /// a full active window (see [`full_window_periods`](crate::full_window_periods)): S, E,
    /// N, spend (average order value), frequency and the period. S, E and N empty when there
    /// is no such period.
    pub fill: Inputs,
    /// The label of the period `fill` comes from.
    pub fill_period: Option<String>,
    /// The longest active window, in months, under which the last complete period counts on
    /// a full window and so fills the calculator (every shorter one does too); `None` when
    /// that period starts in the month of the first purchase, or there is none. For an export
    /// too short for the window asked for: the page offers it, the CLI names it.
    #[serde(default)]
    pub longest_full_window: Option<u32>,
    /// The calculator's inputs from the last 12 complete months as a year, rounded (see
    /// [`year_fill`](crate::year_fill)); `None` without purchases before and in that year.
    #[serde(default)]
    pub year: Option<super::handoff::YearFill>,
}

/// Summarises an order log.
///
/// A customer is *active* at a day when they bought in the `window_months` months up to and
/// including it (at 31 March with 12 months: from 1 April a year before). Per period:
/// S = active at the end of the previous period, E = active at its end, N = active at its
/// end but not at the previous end — first-time buyers plus reactivated customers, since
/// from the calculator's point of view both are customers it did not have — so E − N ≤ S
/// always holds, and CRR = (E − N) / S comes from [`retention`].
///
/// ```
/// use retention_core::{parse_orders, sniff_orders, summarise_orders, SummaryOptions};
/// let text = "customer,date,amount\n\
///             ann,2024-01-10,10\nbob,2024-01-20,20\nann,2024-02-05,30\ncat,2024-02-10,40\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let summary = summarise_orders(&log, &SummaryOptions::default());
/// let feb = &summary.periods[1];
/// assert_eq!(feb.label, "2024-02");
/// // Ann and Bob were active at the end of January, all three at the end of February
/// // (within 12 months), and Cat is new.
/// assert_eq!((feb.start, feb.end, feb.new), (2, 3, 1));
/// assert_eq!(feb.retention.unwrap().retention_rate, 100.0);
/// assert_eq!(summary.repeat_customers, 1);
/// assert_eq!(summary.average_order_value, Some(25.0));
/// ```
pub fn summarise_orders(log: &OrderLog, options: &SummaryOptions) -> Summary {
    summarise_scored(log, options, None)
}

/// [`summarise_orders`] with the customers' RFM scores on the same reference day, when the
/// caller has them already ([`rfm_scores`](crate::rfm_scores) is the costliest part of the count).
pub(crate) fn summarise_scored(
    log: &OrderLog,
    options: &SummaryOptions,
    scored: Option<&[crate::CustomerRfm]>,
) -> Summary {
    let reference = options
        .reference
        .map(Date::days)
        .or(log.span().map(|s| s.1));
    let mut summary = Summary {
        options: *options,
        reference: reference.map(Date::from_days),
        first_order: None,
        last_order: None,
        customers: 0,
        orders: 0,
        revenue: 0.0,
        refunded: 0.0,
        repeat_customers: 0,
        repeat_purchase_rate: None,
        average_order_value: None,
        purchase_frequency: None,
        clv: None,
        period: options.period,
        periods: Vec::new(),
        cohorts: Vec::new(),
        cohorts_left_out: 0,
        inactive: Vec::new(),
        inactive_count: 0,
        inactive_segments: Vec::new(),
        fill: Inputs {
            period: options.period,
            ..Inputs::default()
        },
        fill_period: None,
        longest_full_window: None,
        year: super::handoff::year_fill(log, options),
    };
    let Some(reference) = reference else {
        return summary;
    };
    // Each customer's purchases up to the reference day.
    let histories: Vec<_> = log
        .customers()
        .map(|c| {
            let upto = c.purchases.partition_point(|p| p.day <= reference);
            (c, &c.purchases[..upto])
        })
        .filter(|(_, purchases)| !purchases.is_empty())
        .collect();
    let Some(first) = histories.iter().map(|(_, p)| p[0].day).min() else {
        return summary;
    };
    let last = histories.iter().map(|(_, p)| p[p.len() - 1].day).max();
    summary.first_order = Some(Date::from_days(first));
    summary.last_order = last.map(Date::from_days);

    let period = readable_period(first, reference, options.period);
    summary.period = period;
    summary.fill.period = period;
    let grid = Grid::new(first, reference, period, options.window_months);
    let mut counts = PeriodCounts::new(grid.count);
    let mut cohorts = Cohorts::new(month_index(first), month_index(reference));
    let mut clvs = Vec::with_capacity(histories.len());
    let mut months = Vec::new();
    // Owned ids only for those listed.
    let mut inactive: Vec<Lapsed> = Vec::new();
    for (customer, purchases) in &histories {
        // Once per purchase: the calendar conversion is the costliest step here.
        months.clear();
        months.extend(purchases.iter().map(|p| month_index(p.day)));
        counts.add(&grid, purchases, &months);
        cohorts.add(&months);
        let spent: f64 = purchases.iter().map(|p| p.amount).sum();
        let spend = spent + customer.refunded;
        clvs.push(spend);
        summary.customers += 1;
        summary.orders += purchases.len() as u64;
        summary.revenue += spent;
        summary.refunded += customer.refunded;
        summary.repeat_customers += u64::from(customer.is_repeat(reference));
        let last = purchases[purchases.len() - 1].day;
        let days_inactive = (reference - last) as u32;
        if days_inactive >= options.inactive_days {
            inactive.push((
                days_inactive,
                spend,
                customer.id,
                last,
                purchases.len() as u32,
                customer.index,
            ));
        }
    }
    let segments = SegmentsOn::new(
        log,
        Date::from_days(reference),
        scored,
        !inactive.is_empty(),
    );
    let mut by_segment = [0u64; Segment::ALL.len()];
    for c in &inactive {
        by_segment[segments.of(c.5) as usize] += 1;
    }
    summary.inactive_segments = Segment::ALL
        .iter()
        .zip(by_segment)
        .map(|(&segment, customers)| SegmentCount { segment, customers })
        .collect();
    summary.inactive_count = inactive.len();
    let listed = options
        .inactive_limit
        .map_or(inactive.len(), |n| n as usize);
    // Ids are unique, so the order is total and an unstable sort gives the same result; only
    // the listed are sorted: pick them first.
    let by_priority = |a: &Lapsed, b: &Lapsed| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then_with(|| a.2.cmp(b.2))
    };
    if listed < inactive.len() {
        inactive.select_nth_unstable_by(listed, by_priority);
        inactive.truncate(listed);
    }
    inactive.sort_unstable_by(by_priority);
    summary.inactive = inactive
        .into_iter()
        .map(|(days_inactive, spend, id, last, orders, index)| {
            let customer = log.customer(index);
            InactiveCustomer {
                id: id.to_string(),
                email: customer.email.map(str::to_string),
                name: customer.name.map(str::to_string),
                last_order: Date::from_days(last),
                days_inactive,
                orders,
                spend,
                segment: segments.of(index),
            }
        })
        .collect();
    let customers = summary.customers as f64;
    let orders = summary.orders as f64;
    let years = f64::from(reference - first + 1) / 365.2425;
    summary.repeat_purchase_rate = Some(summary.repeat_customers as f64 * 100.0 / customers);
    summary.average_order_value = Some(summary.revenue / orders);
    summary.purchase_frequency = Some(orders / customers / years);
    summary.clv = Some(clv_stats(clvs));
    summary.periods = counts.into_periods(&grid, period);
    summary.cohorts_left_out = cohorts.left_out();
    summary.cohorts = cohorts.into_rows();
    // Only a period whose window is full: before, nearly everyone still looks active and
    // retention reads near 100 %.
    let last = super::handoff::full_window_periods(&summary)
        .iter()
        .rev()
        .find(|p| p.complete && p.start > 0)
        .map(|p| (p.start, p.end, p.new, p.label.clone()));
    if let Some((start, end, new, label)) = last {
        summary.fill.start = Some(start as f64);
        summary.fill.end = Some(end as f64);
        summary.fill.new = Some(new as f64);
        summary.fill_period = Some(label);
    }
    summary.fill.spend = summary.average_order_value;
    summary.fill.frequency = summary.purchase_frequency;
    summary.longest_full_window = summary
        .periods
        .iter()
        .rev()
        .find(|p| p.complete)
        .and_then(|p| longest_full_window(month_index(p.first_day.days()), month_index(first)));
    summary
}

/// An inactive customer while counting: (days inactive, spend, id, last day, orders, index).
type Lapsed<'a> = (u32, f64, &'a str, i32, u32, u32);

/// The shortest period, from `asked` up, that counts the days `first..=reference` in at most
/// [`MAX_PERIODS`] periods; a year when none does.
fn readable_period(first: i32, reference: i32, asked: Period) -> Period {
    let (from, to) = (month_index(first), month_index(reference));
    [Period::Month, Period::Quarter, Period::Year]
        .into_iter()
        .filter(|p| p.per_year() <= asked.per_year())
        .find(|p| {
            let len = 12 / p.per_year() as i32;
            to.div_euclid(len) - from.div_euclid(len) < MAX_PERIODS as i32
        })
        .unwrap_or(Period::Year)
}

/// The periods from the one holding the first purchase to the one holding the reference day.
struct Grid {
    /// Months per period.
    len: i32,
    /// The absolute index of the first period (months since year 0 / len).
    first: i32,
    count: usize,
    /// Periods that ended by the reference day, measured at their last day.
    full: usize,
    window: i32,
    /// The month index of the first purchase.
    data_month: i32,
    /// The first day of the window that ends at the reference day.
    window_start_at_reference: i32,
}

impl Grid {
    fn new(first_day: i32, reference: i32, period: Period, window_months: u32) -> Grid {
        let len = 12 / period.per_year() as i32;
        let window = window_months.clamp(1, 100 * 12) as i32;
        let first = month_index(first_day).div_euclid(len);
        let last = month_index(reference).div_euclid(len);
        let count = (last - first + 1) as usize;
        let last_complete = last_of_month(last * len + len - 1) <= reference;
        Grid {
            len,
            first,
            count,
            full: if last_complete { count } else { count - 1 },
            window,
            data_month: month_index(first_day),
            window_start_at_reference: add_months(reference + 1, -window),
        }
    }

    /// The period (relative to the first) of a month index.
    fn period(&self, month: i32) -> usize {
        (month.div_euclid(self.len) - self.first) as usize
    }

    /// The complete periods at whose end a purchase in `month` keeps its customer active:
    /// those ending in the months `month ..= month + window - 1`. Empty when the window is
    /// shorter than a period and ends before it does.
    fn active_after(&self, month: i32) -> Option<(usize, usize)> {
        let lo = month.div_euclid(self.len) - self.first;
        let hi = ((month + self.window - self.len).div_euclid(self.len) - self.first)
            .min(self.full as i32 - 1);
        (hi >= lo).then_some((lo as usize, hi as usize))
    }

    fn first_month(&self, period: usize) -> i32 {
        (self.first + period as i32) * self.len
    }

    /// The window that ends on the day before `period` starts is full ([`window_full`]).
    fn window_full(&self, period: usize) -> bool {
        window_full(self.first_month(period), self.window, self.data_month)
    }
}

/// Whether the active window of `window` months that ends on the day before month `first_month`
/// starts is full: it begins in or after `data_month`, the month of the first purchase. Before
/// that nearly everyone still looks active and retention reads near 100 %. The one rule for
/// the periods and the year alike (months as [`month_index`] counts them).
pub(super) fn window_full(first_month: i32, window: i32, data_month: i32) -> bool {
    first_month - window >= data_month
}

/// The longest window for which [`window_full`] holds: the months from `data_month` to
/// `first_month`; `None` below one month.
fn longest_full_window(first_month: i32, data_month: i32) -> Option<u32> {
    u32::try_from(first_month - data_month)
        .ok()
        .filter(|&months| months >= 1)
}

/// S, E and N per period, from each customer's runs of periods at whose end they are active.
struct PeriodCounts {
    /// Difference array of E: +1 where a run starts, −1 after it ends.
    end_diff: Vec<i64>,
    new: Vec<u64>,
    first_time: Vec<u64>,
    orders: Vec<u64>,
    revenue: Vec<f64>,
}

impl PeriodCounts {
    fn new(count: usize) -> PeriodCounts {
        PeriodCounts {
            end_diff: vec![0; count + 1],
            new: vec![0; count],
            first_time: vec![0; count],
            orders: vec![0; count],
            revenue: vec![0.0; count],
        }
    }

    /// One customer's purchases, oldest first, and the month index of each.
    fn add(&mut self, grid: &Grid, purchases: &[Purchase], months: &[i32]) {
        let first_period = months.first().map(|&m| grid.period(m));
        let mut run: Option<(usize, usize)> = None;
        for (purchase, &month) in purchases.iter().zip(months) {
            let period = grid.period(month);
            self.orders[period] += 1;
            self.revenue[period] += purchase.amount;
            let Some((lo, hi)) = grid.active_after(month) else {
                continue;
            };
            run = match run {
                Some((a, b)) if lo <= b + 1 => Some((a, b.max(hi))),
                Some(done) => {
                    self.add_run(done, first_period);
                    Some((lo, hi))
                }
                None => Some((lo, hi)),
            };
        }
        // The unfinished last period is measured at the reference day.
        let last_day = purchases.last().map_or(i32::MIN, |p| p.day);
        if grid.full < grid.count && last_day >= grid.window_start_at_reference {
            let now = grid.count - 1;
            run = match run {
                Some((a, b)) if b + 1 == now => Some((a, now)),
                Some(done) => {
                    self.add_run(done, first_period);
                    Some((now, now))
                }
                None => Some((now, now)),
            };
        }
        if let Some(done) = run {
            self.add_run(done, first_period);
        }
    }

    /// Active at the end of periods `a..=b`, and not at the end of `a - 1`: new in `a`.
    fn add_run(&mut self, (a, b): (usize, usize), first_period: Option<usize>) {
        self.end_diff[a] += 1;
        self.end_diff[b + 1] -= 1;
        self.new[a] += 1;
        if first_period == Some(a) {
            self.first_time[a] += 1;
        }
    }

    fn into_periods(self, grid: &Grid, period: Period) -> Vec<PeriodSummary> {
        let mut out = Vec::with_capacity(grid.count);
        let mut active = 0i64;
        for i in 0..grid.count {
            let start = active as u64;
            active += self.end_diff[i];
            let end = active as u64;
            let month = grid.first_month(i);
            let new = self.new[i];
            out.push(PeriodSummary {
                label: label(month, period),
                first_day: Date::from_days(first_of_month(month)),
                last_day: Date::from_days(last_of_month(month + grid.len - 1)),
                complete: i < grid.full,
                window_full: grid.window_full(i),
                start,
                end,
                new,
                first_time: self.first_time[i],
                reactivated: new - self.first_time[i],
                orders: self.orders[i],
                revenue: self.revenue[i],
                retention: retention(
                    Some(start as f64),
                    Some(end as f64),
                    Some(new as f64),
                    period,
                )
                .ok(),
            });
        }
        out
    }
}

/// `2024-03`, `2024-Q1` or `2024` for the period starting in month index `month`.
pub(crate) fn label(month: i32, period: Period) -> String {
    let (year, m) = (month.div_euclid(12), month.rem_euclid(12) + 1);
    match period {
        Period::Month => format!("{year:04}-{m:02}"),
        Period::Quarter => format!("{year:04}-Q{}", (m - 1) / 3 + 1),
        Period::Year => format!("{year:04}"),
    }
}

/// Who bought again how many months after their first purchase, for the latest
/// [`MAX_COHORTS`] first-purchase months.
struct Cohorts {
    first_month: i32,
    last_month: i32,
    /// Per first-purchase month: buyers per month since, made when the first customer shows.
    rows: Vec<Option<Vec<u64>>>,
    /// The older first-purchase months seen, which are left out.
    older: std::collections::BTreeSet<i32>,
}

impl Cohorts {
    fn new(first_month: i32, last_month: i32) -> Cohorts {
        let first_month = first_month.max(last_month - MAX_COHORTS as i32 + 1);
        Cohorts {
            first_month,
            last_month,
            rows: vec![None; (last_month - first_month + 1) as usize],
            older: std::collections::BTreeSet::new(),
        }
    }

    /// The month indices of one customer's purchases, oldest first.
    fn add(&mut self, months: &[i32]) {
        let Some((&cohort, rest)) = months.split_first() else {
            return;
        };
        if cohort < self.first_month {
            self.older.insert(cohort);
            return;
        }
        let width = (self.last_month - cohort + 1) as usize;
        let row =
            self.rows[(cohort - self.first_month) as usize].get_or_insert_with(|| vec![0; width]);
        row[0] += 1;
        let mut seen = 0;
        for &month in rest {
            let k = (month - cohort) as usize;
            if k != seen {
                row[k] += 1;
                seen = k;
            }
        }
    }

    fn left_out(&self) -> usize {
        self.older.len()
    }

    fn into_rows(self) -> Vec<Cohort> {
        let first_month = self.first_month;
        self.rows
            .into_iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let active = row?;
                let month = first_month + i as i32;
                let size = active[0];
                Some(Cohort {
                    label: label(month, Period::Month),
                    first_day: Date::from_days(first_of_month(month)),
                    size,
                    shares: active
                        .iter()
                        .map(|&a| a as f64 * 100.0 / size as f64)
                        .collect(),
                    active,
                })
            })
            .collect()
    }
}

/// Mean and percentiles (linear between the nearest ranks) of a non-empty list.
fn clv_stats(mut values: Vec<f64>) -> ClvStats {
    values.sort_unstable_by(f64::total_cmp);
    let at = |p: f64| {
        let pos = p * (values.len() - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = (lo + 1).min(values.len() - 1);
        values[lo] + (values[hi] - values[lo]) * (pos - lo as f64)
    };
    ClvStats {
        mean: values.iter().sum::<f64>() / values.len() as f64,
        min: values[0],
        p25: at(0.25),
        median: at(0.5),
        p75: at(0.75),
        p90: at(0.9),
        max: values[values.len() - 1],
    }
}
