//! The formulas: retention, churn, lifespan and customer lifetime value.

use serde::{Deserialize, Serialize};

use crate::check::{self, Problem};
use crate::{Acquisition, Discounted, Field, InputError};

/// The retention rate the source texts name as the target: 85 % a year.
pub const TARGET_RETENTION: f64 = 85.0;

/// How far below the target still counts as near it, in percentage points.
pub const NEAR_TARGET_MARGIN: f64 = 5.0;

/// The length of the period between S and E.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// A month: twelve a year.
    Month,
    /// A quarter: four a year.
    Quarter,
    /// A year.
    #[default]
    Year,
}

impl Period {
    /// Every period, in menu order.
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    /// How many of these periods make a year.
    pub fn per_year(self) -> u32 {
        match self {
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
        }
    }

    /// The lowercase name used in the JS API and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Parses [`Period::name`].
    pub fn from_name(name: &str) -> Option<Period> {
        Period::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The numbers someone entered. `None` is an empty field; `NaN` is text that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Inputs {
    /// S: customers at the start of the period.
    pub start: Option<f64>,
    /// E: customers at the end of the period.
    pub end: Option<f64>,
    /// N: new customers won during the period.
    pub new: Option<f64>,
    /// Average spend per purchase.
    pub spend: Option<f64>,
    /// Purchases per customer per year.
    pub frequency: Option<f64>,
    /// Gross margin in percent; empty means no profit CLV.
    pub margin: Option<f64>,
    /// Expected lifespan in years; empty means estimate it from churn.
    pub lifespan: Option<f64>,
    /// Yearly discount rate in percent for discounted CLV; empty means none.
    pub discount_rate: Option<f64>,
    /// Customer acquisition cost; empty means no CLV : CAC.
    pub cac: Option<f64>,
    /// The length of the period between S and E.
    pub period: Period,
}

impl Inputs {
    /// The worked example the page opens with: S = 1000, E = 1050, N = 200, spend 75,
    /// 3 purchases a year, 60 % margin, 10 % discount rate, CAC 300, a year.
    pub fn example() -> Inputs {
        Inputs {
            start: Some(1000.0),
            end: Some(1050.0),
            new: Some(200.0),
            spend: Some(75.0),
            frequency: Some(3.0),
            margin: Some(60.0),
            lifespan: None,
            discount_rate: Some(10.0),
            cac: Some(300.0),
            period: Period::Year,
        }
    }

    /// The value of one field.
    pub fn get(&self, field: Field) -> Option<f64> {
        match field {
            Field::Start => self.start,
            Field::End => self.end,
            Field::New => self.new,
            Field::Spend => self.spend,
            Field::Frequency => self.frequency,
            Field::Margin => self.margin,
            Field::Lifespan => self.lifespan,
            Field::DiscountRate => self.discount_rate,
            Field::Cac => self.cac,
        }
    }

    /// Sets one field.
    pub fn set(&mut self, field: Field, value: Option<f64>) {
        let slot = match field {
            Field::Start => &mut self.start,
            Field::End => &mut self.end,
            Field::New => &mut self.new,
            Field::Spend => &mut self.spend,
            Field::Frequency => &mut self.frequency,
            Field::Margin => &mut self.margin,
            Field::Lifespan => &mut self.lifespan,
            Field::DiscountRate => &mut self.discount_rate,
            Field::Cac => &mut self.cac,
        };
        *slot = value;
    }
}

/// Retention over the period, from S, E and N.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// The period the counts cover.
    pub period: Period,
    /// S.
    pub start: u64,
    /// E.
    pub end: u64,
    /// N.
    pub new: u64,
    /// Customers kept: E − N.
    pub retained: u64,
    /// Customers lost: S − (E − N).
    pub lost: u64,
    /// CRR = (E − N) / S × 100, in percent.
    pub retention_rate: f64,
    /// Churn = lost / S × 100, in percent; `retention_rate + churn_rate = 100`.
    pub churn_rate: f64,
    /// Retention over a year at this rate, compounded: CRR^(periods a year).
    pub annual_retention_rate: f64,
    /// Churn over a year, compounded: 1 − (1 − churn)^(periods a year).
    pub annual_churn_rate: f64,
    /// Expected lifespan from churn; `None` when no customer was lost.
    pub lifespan: Option<Lifespan>,
    /// The annual retention against the 85 % target.
    pub verdict: Verdict,
}

/// Expected customer lifespan estimated as 1 / churn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifespan {
    /// In periods: 1 / churn per period.
    pub periods: f64,
    /// In years: periods / periods a year.
    pub years: f64,
}

/// How retention compares with [`TARGET_RETENTION`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Above 85 % a year.
    Above,
    /// Exactly 85 % a year, as shown (to one decimal).
    OnTarget,
    /// Within [`NEAR_TARGET_MARGIN`] points below the target.
    Near,
    /// Further below the target.
    Below,
}

impl Verdict {
    /// Judges an annual retention rate in percent.
    ///
    /// ```
    /// use retention_core::Verdict;
    /// assert_eq!(Verdict::of(85.0), Verdict::OnTarget);
    /// assert_eq!(Verdict::of(84.96), Verdict::OnTarget); // shown as 85,0 %
    /// assert_eq!(Verdict::of(85.1), Verdict::Above);
    /// assert_eq!(Verdict::of(82.0), Verdict::Near);
    /// assert_eq!(Verdict::of(50.0), Verdict::Below);
    /// ```
    pub fn of(annual_retention_rate: f64) -> Verdict {
        // Compare at the precision the page shows, so "85.0 %" never reads as below 85 %.
        let shown = (annual_retention_rate * 10.0).round() / 10.0;
        if shown > TARGET_RETENTION {
            Verdict::Above
        } else if shown == TARGET_RETENTION {
            Verdict::OnTarget
        } else if shown >= TARGET_RETENTION - NEAR_TARGET_MARGIN {
            Verdict::Near
        } else {
            Verdict::Below
        }
    }

    /// Whether the target is met: on it or above it.
    pub fn meets_target(self) -> bool {
        matches!(self, Verdict::Above | Verdict::OnTarget)
    }
}

/// Where the lifespan used for CLV came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LifespanSource {
    /// 1 / churn.
    Churn,
    /// Typed in by the user.
    Entered,
}

/// Customer lifetime value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Value {
    /// Average spend per purchase.
    pub spend: f64,
    /// Purchases per customer per year.
    pub frequency: f64,
    /// Revenue per customer per year: spend × frequency.
    pub annual_revenue: f64,
    /// The lifespan used, in years.
    pub lifespan_years: f64,
    /// Where that lifespan came from.
    pub lifespan_source: LifespanSource,
    /// CLV = spend × frequency × lifespan in years.
    pub clv: f64,
    /// Gross margin in percent, when entered.
    pub margin: Option<f64>,
    /// Profit CLV = CLV × margin, when a margin was entered.
    pub profit_clv: Option<f64>,
}

/// Everything the calculator found: the figures it could compute and the mistakes that kept
/// it from computing the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Retention, churn and lifespan; `None` when S, E or N has a mistake.
    pub retention: Option<Retention>,
    /// Lifetime value; `None` when its inputs have a mistake or no lifespan is known.
    pub value: Option<Value>,
    /// Discounted CLV; `None` without a discount rate, retention or value.
    pub discounted: Option<Discounted>,
    /// CLV : CAC and payback; `None` without a CAC or value.
    pub acquisition: Option<Acquisition>,
    /// At most one mistake per field, in form order.
    pub errors: Vec<InputError>,
}

impl Report {
    /// The mistake to show next to `field`, if any.
    pub fn error(&self, field: Field) -> Option<InputError> {
        self.errors.iter().copied().find(|e| e.field() == field)
    }
}

/// Computes every figure the inputs allow.
///
/// ```
/// use retention_core::{calculate, Inputs, Period};
/// let inputs = Inputs {
///     start: Some(1000.0),
///     end: Some(1050.0),
///     new: Some(200.0),
///     spend: Some(75.0),
///     frequency: Some(3.0),
///     margin: Some(60.0),
///     lifespan: Some(2.5),
///     period: Period::Year,
///     ..Inputs::default()
/// };
/// let report = calculate(&inputs);
/// let retention = report.retention.unwrap();
/// assert_eq!(retention.retention_rate, 85.0);
/// assert_eq!(retention.lost, 150);
/// let value = report.value.unwrap();
/// assert_eq!(value.clv, 562.5);
/// assert_eq!(value.profit_clv, Some(337.5));
/// ```
pub fn calculate(inputs: &Inputs) -> Report {
    let mut errors = Vec::new();
    let retention = retention(inputs.start, inputs.end, inputs.new, inputs.period)
        .map_err(|e| errors.extend(e))
        .ok();
    let (value, value_errors) = lifetime_value(inputs, retention.as_ref());
    errors.extend(value_errors);
    let discount_rate = percentage(Field::DiscountRate, inputs.discount_rate)
        .map_err(|e| errors.push(e))
        .unwrap_or(None);
    let cac = optional_amount(Field::Cac, inputs.cac)
        .map_err(|e| errors.push(e))
        .unwrap_or(None);
    let discounted = match (discount_rate, &retention, &value) {
        (Some(d), Some(r), Some(v)) => Discounted::new(v, r, d),
        _ => None,
    };
    let acquisition = match (cac, &value) {
        (Some(cac), Some(v)) => Acquisition::new(v, cac),
        _ => None,
    };
    // The first mistake of each field, in the fields' order.
    let errors = Field::ALL
        .into_iter()
        .filter_map(|field| errors.iter().find(|e| e.field() == field).cloned())
        .collect();
    Report {
        retention,
        value,
        discounted,
        acquisition,
        errors,
    }
}

/// Retention, churn and lifespan from S, E and N over `period`.
///
/// ```
/// use retention_core::{retention, Period};
/// let r = retention(Some(1000.0), Some(2000.0), Some(1500.0), Period::Year).unwrap();
/// assert_eq!((r.retained, r.lost, r.retention_rate, r.churn_rate), (500, 500, 50.0, 50.0));
/// ```
pub fn retention(
    start: Option<f64>,
    end: Option<f64>,
    new: Option<f64>,
    period: Period,
) -> Result<Retention, Vec<InputError>> {
    let counts = [
        count(Field::Start, start),
        count(Field::End, end),
        count(Field::New, new),
    ];
    let [Ok(s), Ok(e), Ok(n)] = counts else {
        return Err(counts.into_iter().filter_map(Result::err).collect());
    };
    if s == 0 {
        return Err(vec![InputError::StartIsZero]);
    }
    if n > e {
        return Err(vec![InputError::NewExceedsEnd]);
    }
    let retained = e - n;
    if retained > s {
        return Err(vec![InputError::RetainedExceedsStart]);
    }
    let lost = s - retained;
    let retention_rate = retained as f64 * 100.0 / s as f64;
    let churn_rate = lost as f64 * 100.0 / s as f64;
    let (annual_retention_rate, annual_churn_rate) = match period {
        // Exactly the period's rates, free of the rounding noise of a power of one.
        Period::Year => (retention_rate, churn_rate),
        _ => annualise(churn_rate, period),
    };
    let lifespan = (lost > 0).then(|| {
        let periods = s as f64 / lost as f64;
        Lifespan {
            periods,
            years: periods / f64::from(period.per_year()),
        }
    });
    Ok(Retention {
        period,
        start: s,
        end: e,
        new: n,
        retained,
        lost,
        retention_rate,
        churn_rate,
        annual_retention_rate,
        annual_churn_rate,
        lifespan,
        verdict: Verdict::of(annual_retention_rate),
    })
}

/// Annual retention and churn, in percent, from churn per period, by compounding:
/// retention a year = (1 − churn)^n and churn a year = 1 − (1 − churn)^n, never churn × n.
///
/// ```
/// use retention_core::{annualise, Period};
/// let (retention, churn) = annualise(5.0, Period::Month);
/// assert_eq!(format!("{churn:.2}"), "45.96");
/// assert!((retention + churn - 100.0).abs() < 1e-9);
/// ```
pub fn annualise(churn_rate: f64, period: Period) -> (f64, f64) {
    let kept = 1.0 - churn_rate / 100.0;
    let annual_churn = (1.0 - kept.powi(period.per_year() as i32)) * 100.0;
    (100.0 - annual_churn, annual_churn)
}

/// CLV = spend × purchases a year × lifespan in years, and profit CLV = CLV × margin.
///
/// ```
/// use retention_core::clv;
/// assert_eq!(clv(75.0, 3.0, 2.5), 562.5);
/// ```
pub fn clv(spend: f64, frequency: f64, lifespan_years: f64) -> f64 {
    spend * frequency * lifespan_years
}

/// CLV where its inputs allow, and the mistakes in them.
fn lifetime_value(
    inputs: &Inputs,
    retention: Option<&Retention>,
) -> (Option<Value>, Vec<InputError>) {
    let checks = [
        amount(Field::Spend, inputs.spend),
        amount(Field::Frequency, inputs.frequency),
    ];
    let margin = percentage(Field::Margin, inputs.margin);
    let entered = lifespan(inputs.lifespan);
    let mut errors: Vec<InputError> = checks.iter().filter_map(|c| c.err()).collect();
    errors.extend(margin.err());
    errors.extend(entered.err());
    let lifespan = match (entered, retention) {
        (Ok(Some(years)), _) => Some((years, LifespanSource::Entered)),
        (Ok(None), Some(r)) => match r.lifespan {
            Some(l) => Some((l.years, LifespanSource::Churn)),
            None => {
                errors.push(InputError::LifespanNeeded);
                None
            }
        },
        // Without a lifespan entered, CLV waits for valid counts (whose errors show there).
        _ => None,
    };
    // A bad margin only holds back profit CLV: its message shows, CLV in revenue stays.
    let (Ok(spend), Ok(frequency), Some((lifespan_years, lifespan_source))) =
        (checks[0], checks[1], lifespan)
    else {
        return (None, errors);
    };
    let margin = margin.unwrap_or(None);
    let clv = clv(spend, frequency, lifespan_years);
    let value = Value {
        spend,
        frequency,
        annual_revenue: spend * frequency,
        lifespan_years,
        lifespan_source,
        clv,
        margin,
        profit_clv: margin.map(|m| clv * m / 100.0),
    };
    (Some(value), errors)
}

/// A number that was entered and is finite.
fn present(field: Field, value: Option<f64>) -> Result<Option<f64>, InputError> {
    check::present(value, field.max()).map_err(|p| InputError::of(field, p))
}

fn count(field: Field, value: Option<f64>) -> Result<u64, InputError> {
    check::count(value, field.max()).map_err(|p| InputError::of(field, p))
}

fn amount(field: Field, value: Option<f64>) -> Result<f64, InputError> {
    check::non_negative(value, field.max())
        .and_then(|v| v.ok_or(Problem::Missing))
        .map_err(|p| InputError::of(field, p))
}

/// An optional percentage from 0 to 100.
fn percentage(field: Field, value: Option<f64>) -> Result<Option<f64>, InputError> {
    check::percentage(value).map_err(|p| InputError::of(field, p))
}

/// An optional amount of money, more than zero.
fn optional_amount(field: Field, value: Option<f64>) -> Result<Option<f64>, InputError> {
    match present(field, value)? {
        Some(v) if v <= 0.0 => Err(InputError::NotPositive { field }),
        other => Ok(other),
    }
}

fn lifespan(value: Option<f64>) -> Result<Option<f64>, InputError> {
    match present(Field::Lifespan, value)? {
        Some(years) if years <= 0.0 => Err(InputError::NotPositive {
            field: Field::Lifespan,
        }),
        other => Ok(other),
    }
}
