//! RFM segments of an imported order log: each customer scored 1–5 on recency, frequency and
//! monetary value by quintiles, and named by where they stand on the R × F grid (champions,
//! loyal customers, at risk, …), with what to do for each segment.
//!
//! - **Recency** is the days from the customer's last purchase to the reference day (fewer is
//!   better), **frequency** the days on which they bought (the counting rules' purchase
//!   days: two orders on one day are one), **monetary** their net spend (purchases minus
//!   refunds, compared in cents). Customers with a purchase up to the reference day count.
//! - **Scores** are quintiles with ties kept together: a customer scores
//!   `1 + ⌊5 · b / n⌋`, where `b` is the number of customers with a worse value and `n` all
//!   customers. Equal values score the same, so when most customers bought once they all
//!   score F 1 and the scores their group runs past stay empty.
//! - **Segments** follow the R × F grid of [`Segment::of`]; the monetary score is reported but
//!   does not move a customer to another segment.

mod scores;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::{purchase_days, CsvWriter, Date, Forecaster, Locale, OrderLog, Prediction};
use scores::quintiles;

/// A named group of customers on the R × F grid, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Segment {
    /// R 5, F 4–5: bought most recently and buy most often.
    Champions,
    /// R 3–4, F 4–5: buy often.
    Loyal,
    /// R 4–5, F 2–3: recent, with an average number of purchase days.
    PotentialLoyalists,
    /// R 5, F 1: bought most recently, on few days.
    New,
    /// R 4, F 1: bought recently, on few days.
    Promising,
    /// R 3, F 3: average on both.
    NeedsAttention,
    /// R 3, F 1–2: a while ago, on few days.
    AboutToSleep,
    /// R 1–2, F 3–4: bought often, but long ago.
    AtRisk,
    /// R 1–2, F 5: among the most frequent buyers, but long ago.
    CantLose,
    /// R 1–2, F 1–2 but not R 1 F 1: long ago, on few days.
    Hibernating,
    /// R 1, F 1: longest ago, on fewest days.
    Lost,
}

impl Segment {
    /// Every segment, best first.
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::Promising,
        Segment::NeedsAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of a recency and a frequency score (1–5; other values are read as the
    /// nearest score).
    ///
    /// The R × F grid in common use (the ten segments of the RFM "segment map", e.g. the
    /// `seg_map` of the Online Retail tutorials: `5[4-5]` champions, `[3-4][4-5]` loyal,
    /// `[4-5][2-3]` potential loyalists, `51` new, `41` promising, `33` need attention,
    /// `3[1-2]` about to sleep, `[1-2][3-4]` at risk, `[1-2]5` can't lose, `[1-2][1-2]`
    /// hibernating), with its cell R 1 F 1 named lost, as the eleven-segment RFM tables do
    /// (lost: 111, 112, 121, …).
    ///
    /// ```
    /// use retention_core::Segment;
    /// assert_eq!(Segment::of(5, 5), Segment::Champions);
    /// assert_eq!(Segment::of(2, 4), Segment::AtRisk);
    /// assert_eq!(Segment::of(1, 1), Segment::Lost);
    /// assert_eq!(Segment::of(2, 1), Segment::Hibernating);
    /// ```
    pub fn of(recency: u8, frequency: u8) -> Segment {
        use Segment::*;
        match (recency.clamp(1, 5), frequency.clamp(1, 5)) {
            (5, f) => [
                New,
                PotentialLoyalists,
                PotentialLoyalists,
                Champions,
                Champions,
            ][f as usize - 1],
            (4, f) => [
                Promising,
                PotentialLoyalists,
                PotentialLoyalists,
                Loyal,
                Loyal,
            ][f as usize - 1],
            (3, f) => [AboutToSleep, AboutToSleep, NeedsAttention, Loyal, Loyal][f as usize - 1],
            (2, f) => [Hibernating, Hibernating, AtRisk, AtRisk, CantLose][f as usize - 1],
            (_, f) => [Lost, Hibernating, AtRisk, AtRisk, CantLose][f as usize - 1],
        }
    }

    /// What to do for the customers of this segment, most important first.
    pub fn actions(self) -> &'static [SegmentAction] {
        use SegmentAction::*;
        match self {
            Segment::Champions => &[RewardVip, AskReferral],
            Segment::Loyal => &[Upsell, LoyaltyProgramme, AskReferral],
            Segment::PotentialLoyalists => &[LoyaltyProgramme, Recommend],
            Segment::New => &[Onboarding, SecondPurchase],
            Segment::Promising => &[Recommend, SecondPurchase],
            Segment::NeedsAttention => &[LimitedOffer, Recommend],
            Segment::AboutToSleep => &[Recommend, CheapReactivation],
            Segment::AtRisk => &[WinBackMail, Recommend, AskWhy],
            Segment::CantLose => &[PersonalContact, WinBackMail, AskWhy],
            Segment::Hibernating => &[CheapReactivation, AskWhy],
            Segment::Lost => &[LastChance, StopMailing],
        }
    }

    /// The name the segment's customer file is saved under: `segment-at-risk.csv`.
    pub fn file_name(self) -> &'static str {
        match self {
            Segment::Champions => "segment-champions.csv",
            Segment::Loyal => "segment-loyal.csv",
            Segment::PotentialLoyalists => "segment-potential-loyalists.csv",
            Segment::New => "segment-new.csv",
            Segment::Promising => "segment-promising.csv",
            Segment::NeedsAttention => "segment-needs-attention.csv",
            Segment::AboutToSleep => "segment-about-to-sleep.csv",
            Segment::AtRisk => "segment-at-risk.csv",
            Segment::CantLose => "segment-cant-lose.csv",
            Segment::Hibernating => "segment-hibernating.csv",
            Segment::Lost => "segment-lost.csv",
        }
    }
}

/// A concrete step for the customers of a segment, for the page, the CLI and the exports to
/// word (`SegmentAction::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SegmentAction {
    /// Early access, a VIP tier or a thank-you; no discount.
    RewardVip,
    /// Ask for a review or a referral.
    AskReferral,
    /// Higher-value products and bundles.
    Upsell,
    /// A loyalty programme or membership.
    LoyaltyProgramme,
    /// Recommendations from what they bought.
    Recommend,
    /// A welcome series.
    Onboarding,
    /// A reason for a second purchase soon.
    SecondPurchase,
    /// A time-limited offer.
    LimitedOffer,
    /// A win-back mail.
    WinBackMail,
    /// Personal contact: a call or a mail from a person.
    PersonalContact,
    /// A short survey: why did they stop?
    AskWhy,
    /// Low-cost reactivation: the newsletter, no costly discount.
    CheapReactivation,
    /// One last offer.
    LastChance,
    /// Stop mailing those who do not react.
    StopMailing,
}

/// One customer's recency, frequency and monetary value, their scores and segment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRfm {
    /// The customer's index in the log.
    pub index: u32,
    /// The last purchase up to the reference day.
    pub last_order: Date,
    /// Days from the last purchase to the reference day.
    pub days_since: u32,
    /// Purchases (orders counted) up to the reference day.
    pub orders: u32,
    /// Days with a purchase: the frequency.
    pub purchase_days: u32,
    /// Net spend: purchases minus refunds.
    pub spend: f64,
    /// Recency score, 1–5 (5 bought most recently).
    pub recency: u8,
    /// Frequency score, 1–5.
    pub frequency: u8,
    /// Monetary score, 1–5.
    pub monetary: u8,
    /// Where the R and F scores put the customer.
    pub segment: Segment,
}

/// Scores every customer with a purchase up to `reference` (default: the log's last purchase
/// day), in the log's order: the one home of the RFM rules, for the segments, the summary's
/// win-back list and the exports.
///
/// ```
/// use retention_core::{parse_orders, rfm_scores, sniff_orders, Segment};
/// let text = "customer,date,amount\nann,2024-01-02,10\nann,2024-03-01,30\nbob,2024-01-05,5\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let scored = rfm_scores(&log, None);
/// // Ann: bought last, on more days, for more: b = 1 of n = 2 on each, 1 + ⌊5/2⌋ = 3.
/// assert_eq!((scored[0].recency, scored[0].frequency, scored[0].monetary), (3, 3, 3));
/// assert_eq!(scored[0].segment, Segment::NeedsAttention);
/// assert_eq!((scored[1].recency, scored[1].segment), (1, Segment::Lost));
/// ```
pub fn rfm_scores(log: &OrderLog, reference: Option<Date>) -> Vec<CustomerRfm> {
    let Some(reference) = reference
        .map(Date::days)
        .or(log.span().map(|(_, last)| last))
    else {
        return Vec::new();
    };
    let mut out: Vec<CustomerRfm> = log
        .customers()
        .filter_map(|c| {
            let upto = c.purchases.partition_point(|p| p.day <= reference);
            let purchases = &c.purchases[..upto];
            let last = purchases.last()?.day;
            let spent: f64 = purchases.iter().map(|p| p.amount).sum();
            Some(CustomerRfm {
                index: c.index,
                last_order: Date::from_days(last),
                days_since: (reference - last) as u32,
                orders: purchases.len() as u32,
                purchase_days: purchase_days(purchases).count() as u32,
                spend: spent + c.refunded,
                recency: 0,
                frequency: 0,
                monetary: 0,
                segment: Segment::Lost,
            })
        })
        .collect();
    let r = quintiles(&out.iter().map(|c| c.last_order.days()).collect::<Vec<_>>());
    let f = quintiles(&out.iter().map(|c| c.purchase_days).collect::<Vec<_>>());
    let m = quintiles(&out.iter().map(|c| cents(c.spend)).collect::<Vec<_>>());
    for (i, c) in out.iter_mut().enumerate() {
        (c.recency, c.frequency, c.monetary) = (r[i], f[i], m[i]);
        c.segment = Segment::of(c.recency, c.frequency);
    }
    out
}

/// The segments of a log's customers on one reference day, looked up by customer index: the
/// scores a caller already has for that day, or [`rfm_scores`] run here, and only when someone
/// is to be looked up. The summary's inactive customers and the win-back list use it.
pub(crate) struct SegmentsOn(Vec<Segment>);

impl SegmentsOn {
    /// The segments on `reference`; `scored` must be [`rfm_scores`] of the same log and day.
    /// Without `needed` nothing is scored and every lookup answers [`Segment::Lost`].
    pub(crate) fn new(
        log: &OrderLog,
        reference: Date,
        scored: Option<&[CustomerRfm]>,
        needed: bool,
    ) -> Self {
        if !needed {
            return Self(Vec::new());
        }
        let scored = match scored {
            Some(scored) => Cow::Borrowed(scored),
            None => Cow::Owned(rfm_scores(log, Some(reference))),
        };
        // By index: tens of thousands of look-ups, each a read instead of a binary search.
        let mut by_index = vec![Segment::Lost; log.customer_count()];
        for c in scored.iter() {
            by_index[c.index as usize] = c.segment;
        }
        Self(by_index)
    }

    /// The segment of the customer with this index, who must have a purchase up to the
    /// reference day (so is scored).
    pub(crate) fn of(&self, index: u32) -> Segment {
        self.0.get(index as usize).copied().unwrap_or(Segment::Lost)
    }
}

/// An amount in whole cents, so that sums that differ only in rounding compare equal.
fn cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

/// The customers of one segment and what they are worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentSummary {
    pub segment: Segment,
    /// Customers in the segment.
    pub customers: u64,
    /// Of all customers, in percent (0 without customers).
    pub customer_share: f64,
    /// Their net spend.
    pub revenue: f64,
    /// Of all net spend, in percent; `None` when that total is zero or less.
    pub revenue_share: Option<f64>,
    /// Net spend per customer; `None` for an empty segment.
    pub mean_spend: Option<f64>,
    /// Days since the last purchase, on average.
    pub mean_days_since: Option<f64>,
    /// Purchase days per customer, on average.
    pub mean_purchase_days: Option<f64>,
    /// Predicted CLV over the forecast's horizon per customer; `None` without a forecast.
    pub mean_predicted_clv: Option<f64>,
    /// Predicted CLV of the whole segment.
    pub predicted_value: Option<f64>,
    /// The average probability that a customer of the segment is still a customer.
    pub mean_p_alive: Option<f64>,
    /// What to do, most important first.
    pub actions: Vec<SegmentAction>,
}

/// A cell of the R × F grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GridCell {
    /// Recency score, 1–5.
    pub recency: u8,
    /// Frequency score, 1–5.
    pub frequency: u8,
    /// Customers with these scores.
    pub customers: u64,
    /// Their net spend.
    pub revenue: f64,
    /// The segment of the cell.
    pub segment: Segment,
}

/// The values one score covers, in the measure's own unit (days since the last purchase,
/// purchase days, net spend).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreRange {
    /// 1–5.
    pub score: u8,
    /// Customers with this score; 0 when a group of equal values ran past it.
    pub customers: u64,
    /// The lowest value with this score; `None` when nobody has it.
    pub lowest: Option<f64>,
    /// The highest.
    pub highest: Option<f64>,
}

/// The segments of an import, as the page, the JS API and the CLI show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Segmentation {
    /// The day recency is counted to; `None` for a log without purchases.
    pub reference: Option<Date>,
    /// Customers with a purchase up to the reference day.
    pub customers: u64,
    /// Their net spend.
    pub revenue: f64,
    /// Whether predicted CLV and P(alive) come with it (a forecast was fitted).
    pub forecast: bool,
    /// Every segment, in [`Segment::ALL`]'s order, empty ones included.
    pub segments: Vec<SegmentSummary>,
    /// The 25 cells of the R × F grid: recency 1 to 5, and within each frequency 1 to 5.
    pub grid: Vec<GridCell>,
    /// What each recency score covers, in days since the last purchase (score 1 to 5).
    pub recency: Vec<ScoreRange>,
    /// What each frequency score covers, in purchase days.
    pub frequency: Vec<ScoreRange>,
    /// What each monetary score covers, in net spend.
    pub monetary: Vec<ScoreRange>,
}

impl Segmentation {
    /// The summary of one segment.
    pub fn segment(&self, segment: Segment) -> &SegmentSummary {
        // `segments` holds every segment in `Segment::ALL`'s order, which is the enum's.
        &self.segments[segment as usize]
    }
}

/// Every customer's scores and segment, with the forecast's prediction beside each, and the
/// [`Segmentation`] they add up to.
#[derive(Debug, Clone)]
pub struct Segmenter {
    customers: Vec<CustomerRfm>,
    /// `predictions[i]` is that of `customers[i]`, when the forecast has one.
    predictions: Vec<Option<Prediction>>,
    segmentation: Segmentation,
}

/// Scores and segments the customers of `log` up to `reference` (default: its last purchase
/// day), with each customer's predicted CLV and P(alive) from `forecast` when there is one.
///
/// ```
/// use retention_core::{parse_orders, segment_customers, sniff_orders, Segment};
/// let text = "customer,date,amount\nann,2024-01-02,10\nann,2024-03-01,30\nbob,2024-01-05,10\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let segments = segment_customers(&log, None, None);
/// let s = segments.segmentation();
/// let lost = s.segment(Segment::Lost);
/// assert_eq!((lost.customers, lost.customer_share, lost.revenue_share), (1, 50.0, Some(20.0)));
/// assert_eq!(lost.mean_p_alive, None);
/// ```
pub fn segment_customers(
    log: &OrderLog,
    reference: Option<Date>,
    forecast: Option<&Forecaster>,
) -> Segmenter {
    let reference = reference.or(log.span().map(|(_, last)| Date::from_days(last)));
    segment_scored(rfm_scores(log, reference), reference, forecast)
}

/// [`segment_customers`] of `customers`, the log's [`rfm_scores`] on `reference` (the last
/// purchase day when the caller had none).
pub(crate) fn segment_scored(
    customers: Vec<CustomerRfm>,
    reference: Option<Date>,
    forecast: Option<&Forecaster>,
) -> Segmenter {
    let mut predictions = vec![None; customers.len()];
    if let Some(forecast) = forecast {
        // Both are in the log's order: walk them side by side.
        let mut predicted = forecast.predictions().peekable();
        for (c, slot) in customers.iter().zip(&mut predictions) {
            while predicted.next_if(|(i, _)| *i < c.index).is_some() {}
            if let Some((_, p)) = predicted.next_if(|(i, _)| *i == c.index) {
                *slot = Some(*p);
            }
        }
    }
    let segmentation = add_up(reference, &customers, &predictions, forecast.is_some());
    Segmenter {
        customers,
        predictions,
        segmentation,
    }
}

impl Segmenter {
    /// The segments, the grid and the score ranges.
    pub fn segmentation(&self) -> &Segmentation {
        &self.segmentation
    }

    /// Every customer scored, in the log's order.
    pub fn customers(&self) -> &[CustomerRfm] {
        &self.customers
    }

    /// The customers of `segment` (all of them for `None`) as CSV for a mailing tool, by the
    /// one [`CsvWriter`] (`;` and decimal commas in Dutch, formulas neutralised), the highest
    /// spend first: customer id, e-mail and name (when the export has them), last order,
    /// orders, purchase days, net spend, predicted CLV and P(alive) (empty without a
    /// forecast), the segment's name in `locale` and the three scores.
    pub fn csv(&self, log: &OrderLog, segment: Option<Segment>, locale: Locale) -> String {
        let mut rows: Vec<usize> = (0..self.customers.len())
            .filter(|&i| segment.is_none_or(|s| self.customers[i].segment == s))
            .collect();
        rows.sort_by(|&a, &b| {
            let spend = |i: usize| self.customers[i].spend;
            spend(b).total_cmp(&spend(a)).then(a.cmp(&b))
        });
        let contacts = crate::orders::ContactColumns::of(
            rows.iter()
                .map(|&i| log.customer(self.customers[i].index))
                .map(|c| (c.email, c.name)),
        );
        let mut csv = CsvWriter::new(locale);
        csv.text("customer");
        contacts.header(&mut csv);
        csv.row(&[
            "last_order",
            "orders",
            "purchase_days",
            "spend",
            "predicted_clv",
            "p_alive",
            "segment",
            "recency_score",
            "frequency_score",
            "monetary_score",
        ]);
        for i in rows {
            let c = &self.customers[i];
            let customer = log.customer(c.index);
            let p = self.predictions[i];
            csv.text(customer.id);
            contacts.cells(&mut csv, customer.email, customer.name);
            csv.text(&c.last_order.to_string())
                .count(u64::from(c.orders))
                .count(u64::from(c.purchase_days))
                .number(c.spend, 2)
                .number(p.map_or(f64::NAN, |p| p.clv), 2)
                .number(p.map_or(f64::NAN, |p| p.p_alive), 4)
                .text(c.segment.label(locale))
                .count(u64::from(c.recency))
                .count(u64::from(c.frequency))
                .count(u64::from(c.monetary))
                .end_row();
        }
        csv.finish()
    }
}

/// The segments, grid and score ranges of the scored customers.
fn add_up(
    reference: Option<Date>,
    customers: &[CustomerRfm],
    predictions: &[Option<Prediction>],
    forecast: bool,
) -> Segmentation {
    let n = customers.len();
    let revenue: f64 = customers.iter().map(|c| c.spend).sum();
    let mut segments: Vec<Totals> = vec![Totals::default(); Segment::ALL.len()];
    let mut grid = [[(0u64, 0.0f64); 5]; 5];
    for (c, p) in customers.iter().zip(predictions) {
        segments[c.segment as usize].add(c, p.as_ref());
        let cell = &mut grid[usize::from(c.recency - 1)][usize::from(c.frequency - 1)];
        cell.0 += 1;
        cell.1 += c.spend;
    }
    let share = |part: f64, whole: f64| part * 100.0 / whole;
    Segmentation {
        reference,
        customers: n as u64,
        revenue,
        forecast,
        segments: Segment::ALL
            .iter()
            .zip(&segments)
            .map(|(&segment, t)| {
                let per = |sum: f64| (t.customers > 0).then(|| sum / t.customers as f64);
                let predicted = |sum: f64| (t.predicted > 0).then(|| sum / t.predicted as f64);
                SegmentSummary {
                    segment,
                    customers: t.customers,
                    customer_share: if n > 0 {
                        share(t.customers as f64, n as f64)
                    } else {
                        0.0
                    },
                    revenue: t.revenue,
                    revenue_share: (revenue > 0.0).then(|| share(t.revenue, revenue)),
                    mean_spend: per(t.revenue),
                    mean_days_since: per(t.days_since),
                    mean_purchase_days: per(t.purchase_days),
                    mean_predicted_clv: predicted(t.clv),
                    predicted_value: (t.predicted > 0).then_some(t.clv),
                    mean_p_alive: predicted(t.p_alive),
                    actions: segment.actions().to_vec(),
                }
            })
            .collect(),
        grid: (1..=5u8)
            .flat_map(|r| (1..=5u8).map(move |f| (r, f)))
            .map(|(r, f)| {
                let (customers, revenue) = grid[usize::from(r - 1)][usize::from(f - 1)];
                GridCell {
                    recency: r,
                    frequency: f,
                    customers,
                    revenue,
                    segment: Segment::of(r, f),
                }
            })
            .collect(),
        recency: ranges(customers, |c| (c.recency, f64::from(c.days_since))),
        frequency: ranges(customers, |c| (c.frequency, f64::from(c.purchase_days))),
        monetary: ranges(customers, |c| (c.monetary, c.spend)),
    }
}

/// Sums over the customers of one segment.
#[derive(Debug, Clone, Default)]
struct Totals {
    customers: u64,
    revenue: f64,
    days_since: f64,
    purchase_days: f64,
    /// Customers with a finite prediction, and the sums of theirs.
    predicted: u64,
    clv: f64,
    p_alive: f64,
}

impl Totals {
    fn add(&mut self, c: &CustomerRfm, p: Option<&Prediction>) {
        self.customers += 1;
        self.revenue += c.spend;
        self.days_since += f64::from(c.days_since);
        self.purchase_days += f64::from(c.purchase_days);
        // A customer whose mean spend the models cannot tell (∞) adds nothing to the means.
        if let Some(p) = p.filter(|p| p.clv.is_finite() && p.p_alive.is_finite()) {
            self.predicted += 1;
            self.clv += p.clv;
            self.p_alive += p.p_alive;
        }
    }
}

/// Per score 1–5: how many customers have it and the values it covers.
fn ranges(customers: &[CustomerRfm], of: impl Fn(&CustomerRfm) -> (u8, f64)) -> Vec<ScoreRange> {
    let mut out: Vec<ScoreRange> = (1..=5)
        .map(|score| ScoreRange {
            score,
            customers: 0,
            lowest: None,
            highest: None,
        })
        .collect();
    for c in customers {
        let (score, value) = of(c);
        let r = &mut out[usize::from(score - 1)];
        r.customers += 1;
        r.lowest = Some(r.lowest.map_or(value, |v| v.min(value)));
        r.highest = Some(r.highest.map_or(value, |v| v.max(value)));
    }
    out
}
