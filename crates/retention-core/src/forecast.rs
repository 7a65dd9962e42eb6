//! Predictive CLV for an imported order log: each customer's history summarised the way
//! BG/NBD reads it, both models fitted, and a forecast per customer.

use serde::{Deserialize, Serialize};

use crate::{
    predict, purchase_days, BgNbd, CsvWriter, CustomerSummary, Date, FitError, GammaGamma, Locale,
    OrderLog, Prediction, SummaryFile,
};

/// Days in the time unit of the models: weeks, as in the papers.
const WEEK: f64 = 7.0;

/// What to forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ForecastOptions {
    /// How far ahead, in weeks (52: the next twelve months).
    pub horizon_weeks: f64,
    /// Gross margin in percent for profit CLV; `None` forecasts revenue.
    pub margin: Option<f64>,
    /// How many of the most valuable customers to list.
    pub top: usize,
}

impl ForecastOptions {
    /// The options make sense: a horizon of more than 0 and at most 520 weeks (ten years),
    /// a margin from 0 to 100 percent. `NaN` and infinities are mistakes, never figures.
    ///
    /// ```
    /// use retention_core::ForecastOptions;
    /// assert!(ForecastOptions::default().check().is_ok());
    /// let nan = ForecastOptions { horizon_weeks: f64::NAN, ..ForecastOptions::default() };
    /// assert_eq!(nan.check().unwrap_err().to_string(), "horizonWeeks must be a number above 0 and at most 520, not NaN");
    /// ```
    pub fn check(&self) -> Result<(), OptionError> {
        let h = self.horizon_weeks;
        if !(h > 0.0 && h <= 520.0) {
            return Err(OptionError {
                option: "horizonWeeks",
                expected: "a number above 0 and at most 520",
                value: h,
            });
        }
        match self.margin {
            Some(m) if !(0.0..=100.0).contains(&m) => Err(OptionError {
                option: "margin",
                expected: "a percentage from 0 to 100",
                value: m,
            }),
            _ => Ok(()),
        }
    }
}

/// An option that makes no sense.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptionError {
    /// The option, as the JS API names it.
    pub option: &'static str,
    /// What it should be.
    pub expected: &'static str,
    /// What it was.
    pub value: f64,
}

impl std::fmt::Display for OptionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = match self.value {
            v if v.is_nan() => "NaN".to_string(),
            v => v.to_string(),
        };
        write!(f, "{} must be {}, not {value}", self.option, self.expected)
    }
}

impl std::error::Error for OptionError {}

impl Default for ForecastOptions {
    fn default() -> Self {
        ForecastOptions {
            horizon_weeks: 52.0,
            margin: None,
            top: 100,
        }
    }
}

/// Each customer with a purchase up to `end`, as (index in the log, summary): purchases on one
/// day count as one transaction; frequency is the number of repeat days, recency the weeks
/// from the first to the last purchase, age the weeks from the first purchase to `end`, mean
/// spend the average of the repeat days' totals.
///
/// ```
/// use retention_core::{customer_summaries, parse_orders, sniff_orders, Date};
/// let text = "customer,date,amount\na,2024-01-01,10\na,2024-01-01,5\na,2024-01-15,30\nb,2024-01-08,20\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let summaries = customer_summaries(&log, Date::from_ymd(2024, 1, 29).unwrap());
/// let a = summaries[0].1;
/// assert_eq!((a.frequency, a.recency, a.age, a.mean_spend), (1, 2.0, 4.0, 30.0));
/// let b = summaries[1].1;
/// assert_eq!((b.frequency, b.recency, b.age, b.mean_spend), (0, 0.0, 3.0, 0.0));
/// ```
pub fn customer_summaries(log: &OrderLog, end: Date) -> Vec<(u32, CustomerSummary)> {
    let end = end.days();
    let mut out = Vec::with_capacity(log.customer_count());
    for customer in log.customers() {
        let upto = customer.purchases.partition_point(|p| p.day <= end);
        let mut days = purchase_days(&customer.purchases[..upto]);
        let Some((first, _)) = days.next() else {
            continue;
        };
        let (mut last_day, mut repeat_days, mut repeat_spend) = (first, 0u32, 0.0);
        // Everything after the first day is repeat spend.
        for (day, amount) in days {
            last_day = day;
            repeat_days += 1;
            repeat_spend += amount;
        }
        out.push((
            customer.index,
            CustomerSummary {
                frequency: repeat_days,
                recency: f64::from(last_day - first) / WEEK,
                age: f64::from(end - first) / WEEK,
                mean_spend: if repeat_days > 0 {
                    repeat_spend / f64::from(repeat_days)
                } else {
                    0.0
                },
            },
        ));
    }
    out
}

/// Fits both models on `log` up to `end`, by default its last purchase day: the one rule for
/// where the observation ends, for the JS API, the import worker and the command line. A log
/// without purchases fits nobody, and says so as [`FitError::TooFewCustomers`].
///
/// ```
/// use retention_core::{forecast_orders, parse_orders, sniff_orders, FitError, ForecastOptions};
/// let text = "customer,date,amount\n";
/// let mapping = sniff_orders("customer,date,amount\na,2024-01-01,5\n").mapping.unwrap();
/// let log = parse_orders(text, &mapping, |_, _| true).unwrap();
/// let error = forecast_orders(&log, None, ForecastOptions::default()).unwrap_err();
/// assert!(matches!(error, FitError::TooFewCustomers { found: 0, .. }));
/// ```
pub fn forecast_orders(
    log: &OrderLog,
    end: Option<Date>,
    options: ForecastOptions,
) -> Result<Forecaster, FitError> {
    // Without a purchase there is nobody to fit, whatever the day: the models say so.
    let end = observation_end(log, end).unwrap_or(Date::from_days(0));
    Forecaster::fit(log, end, options)
}

/// Where the observation of `log` ends: `end` when given, else its last purchase day; `None`
/// for a log without purchases. The one rule for the forecast and the summary file (the
/// warehouse SQL's default end is the same: its last purchase day).
pub fn observation_end(log: &OrderLog, end: Option<Date>) -> Option<Date> {
    end.or_else(|| log.span().map(|(_, last)| Date::from_days(last)))
}

/// One customer's forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerForecast {
    /// The customer id as written in the export.
    pub id: String,
    /// Repeat purchases so far.
    pub frequency: u32,
    /// Weeks since the last purchase.
    pub weeks_since_last: f64,
    /// Historical CLV: net spend so far, refunds taken off; `None` when the history came as
    /// a summary file, which does not say.
    pub spent: Option<f64>,
    /// What the models expect.
    #[serde(flatten)]
    pub prediction: Prediction,
}

/// The fitted models and what they expect of the customer base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// The last day of the history the models were fitted on; `None` for a summary file.
    pub calibration_end: Option<Date>,
    /// The options used.
    pub options: ForecastOptions,
    /// Customers fitted.
    pub customers: usize,
    /// Of whom bought on more than one day.
    pub repeat_customers: usize,
    /// BG/NBD: how often customers buy and when they drop out (time in weeks).
    pub purchases: BgNbd,
    /// Gamma-Gamma: how much they spend per purchase.
    pub spend: GammaGamma,
    /// Purchases expected from all customers over the horizon.
    pub expected_purchases: f64,
    /// Value expected from all customers over the horizon (CLV summed).
    pub expected_value: f64,
    /// The average probability that a customer is still a customer.
    pub mean_p_alive: f64,
    /// The most valuable customers over the horizon, best first.
    pub top: Vec<CustomerForecast>,
}

/// Where a forecast's customers come from: an order log, or a summary file (whose customers
/// are its rows, a compact row once per customer it counts).
pub trait CustomerSource {
    /// The id of customer `index`; empty when the source has none.
    fn customer_id(&self, index: u32) -> &str;
    /// Their net spend so far, when the source knows it.
    fn spent(&self, index: u32) -> Option<f64>;
}

impl CustomerSource for OrderLog {
    fn customer_id(&self, index: u32) -> &str {
        self.customer(index).id
    }

    fn spent(&self, index: u32) -> Option<f64> {
        Some(self.customer(index).net_spend())
    }
}

impl CustomerSource for SummaryFile {
    fn customer_id(&self, index: u32) -> &str {
        &self.rows[index as usize].id
    }

    fn spent(&self, _: u32) -> Option<f64> {
        None
    }
}

/// Both models fitted on a log, with a prediction for every customer.
#[derive(Debug, Clone)]
pub struct Forecaster {
    summaries: Vec<(u32, CustomerSummary)>,
    predictions: Vec<Prediction>,
    forecast: Forecast,
}

impl Forecaster {
    /// Fits BG/NBD on every customer's history up to `end` and Gamma-Gamma on the repeat
    /// buyers who spent something, and predicts every customer.
    pub fn fit(
        log: &OrderLog,
        end: Date,
        options: ForecastOptions,
    ) -> Result<Forecaster, FitError> {
        Forecaster::fit_histories(customer_summaries(log, end), Some(end), options, log)
    }

    /// Fits both models on the customers of a summary file (the SQL's, lifetimes' or
    /// PyMC-Marketing's) and predicts every one of them: a compact row counts, and is listed,
    /// once for each customer it stands for.
    pub fn fit_summaries(
        file: &SummaryFile,
        options: ForecastOptions,
    ) -> Result<Forecaster, FitError> {
        let mut summaries = Vec::with_capacity(file.stats.customers as usize);
        for (index, row) in file.rows.iter().enumerate() {
            summaries.extend(std::iter::repeat_n(
                (index as u32, row.summary),
                row.count as usize,
            ));
        }
        Forecaster::fit_histories(summaries, None, options, file)
    }

    fn fit_histories(
        summaries: Vec<(u32, CustomerSummary)>,
        end: Option<Date>,
        options: ForecastOptions,
        source: &impl CustomerSource,
    ) -> Result<Forecaster, FitError> {
        let plain: Vec<CustomerSummary> = summaries.iter().map(|(_, s)| *s).collect();
        // The fits do not depend on the customers' order (a warehouse returns rows in any
        // order): they group alike histories in one sorted order first.
        let purchases = BgNbd::fit(&plain)?;
        // Gamma-Gamma models positive spend: repeat days worth nothing (free orders, zero
        // amounts in the export) say nothing about it, so those customers sit out its fit.
        let spenders: Vec<CustomerSummary> = plain
            .iter()
            .copied()
            .filter(|s| s.mean_spend > 0.0)
            .collect();
        let spend = GammaGamma::fit(&spenders)?;
        let predictions = predict(
            &purchases,
            &spend,
            &plain,
            options.horizon_weeks,
            options.margin,
        );
        let mut order: Vec<usize> = (0..predictions.len()).collect();
        // Customers whose mean spend is undefined (∞) sort last rather than first; ties keep
        // the log's order. Only the top are sorted: pick them first.
        let value = |i: usize| {
            Some(predictions[i].clv)
                .filter(|v| v.is_finite())
                .unwrap_or(f64::MIN)
        };
        let best_first = |&a: &usize, &b: &usize| value(b).total_cmp(&value(a)).then(a.cmp(&b));
        if options.top < order.len() {
            order.select_nth_unstable_by(options.top, best_first);
            order.truncate(options.top);
        }
        order.sort_unstable_by(best_first);
        let finite = |f: fn(&Prediction) -> f64| {
            predictions
                .iter()
                .map(f)
                .filter(|v| v.is_finite())
                .sum::<f64>()
        };
        let forecast = Forecast {
            calibration_end: end,
            options,
            customers: plain.len(),
            repeat_customers: plain.iter().filter(|s| s.frequency > 0).count(),
            purchases,
            spend,
            expected_purchases: finite(|p| p.expected_purchases),
            expected_value: finite(|p| p.clv),
            mean_p_alive: finite(|p| p.p_alive) / plain.len().max(1) as f64,
            top: order
                .iter()
                .take(options.top)
                .map(|&i| customer_forecast(source, summaries[i], predictions[i]))
                .collect(),
        };
        Ok(Forecaster {
            summaries,
            predictions,
            forecast,
        })
    }

    /// The probability that each customer is still a customer, indexed by the customer's
    /// index in the log (`NaN` for one not fitted).
    pub fn p_alive_by_customer(&self) -> Vec<f64> {
        let n = self.summaries.iter().map(|(i, _)| *i as usize + 1).max();
        let mut out = vec![f64::NAN; n.unwrap_or(0)];
        for ((index, _), p) in self.summaries.iter().zip(&self.predictions) {
            out[*index as usize] = p.p_alive;
        }
        out
    }

    /// The fitted models and the most valuable customers.
    pub fn forecast(&self) -> &Forecast {
        &self.forecast
    }

    /// Every customer's prediction with their index in the log, in the log's order.
    pub fn predictions(&self) -> impl Iterator<Item = (u32, &Prediction)> + '_ {
        self.summaries
            .iter()
            .map(|(i, _)| *i)
            .zip(&self.predictions)
    }

    /// Every customer's forecast as CSV, in `locale`'s habits (`;` and decimal commas in
    /// Dutch): id, repeat purchases, weeks since the last, historical CLV (net spend so far),
    /// P(alive), expected purchases, expected spend per purchase, CLV over the horizon.
    pub fn csv(&self, source: &impl CustomerSource, locale: Locale) -> String {
        let mut csv = CsvWriter::new(locale);
        csv.row(&[
            "customer",
            "repeat_purchases",
            "weeks_since_last",
            "historical_clv",
            "p_alive",
            "expected_purchases",
            "expected_spend",
            "clv",
        ]);
        for ((index, summary), p) in self.summaries.iter().zip(&self.predictions) {
            csv.text(source.customer_id(*index))
                .count(u64::from(summary.frequency))
                .number(summary.age - summary.recency, 1)
                .number(source.spent(*index).unwrap_or(f64::NAN), 2)
                .number(p.p_alive, 4)
                .number(p.expected_purchases, 4)
                .number(p.expected_spend, 2)
                .number(p.clv, 2)
                .end_row();
        }
        csv.finish()
    }
}

fn customer_forecast(
    source: &impl CustomerSource,
    (index, s): (u32, CustomerSummary),
    prediction: Prediction,
) -> CustomerForecast {
    CustomerForecast {
        id: source.customer_id(index).to_string(),
        frequency: s.frequency,
        weeks_since_last: s.age - s.recency,
        spent: source.spent(index),
        prediction,
    }
}
