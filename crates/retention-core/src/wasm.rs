//! The JS API (feature `wasm`): wasm-bindgen exports over the core, packaged as `dist/pkg`
//! by `scripts/build.sh`.
//!
//! ```js
//! import init, { calculate } from "./pkg/retention_core.js";
//! await init();
//! const report = calculate({ start: "1.000", end: 1050, new: 200, locale: "nl" });
//! report.retention.retentionRate; // 85
//! ```
//!
//! A thin layer: it reads JS values with serde-wasm-bindgen, calls the core and writes plain
//! JS objects back, with camelCase names and `null` for a figure that could not be computed.
//!
//! - Mistakes in the numbers are data: `calculate` lists them in `errors` as
//!   `{ code, field, message }` and never throws for them.
//! - Only a malformed call throws a JS `Error` (made by [`js_error`], the one conversion):
//!   `calculate(42)`, a field that is an object, an unknown period, locale or currency.
//! - `calculate` returns the explanations with the figures, so there is no separate `explain`.
//! - Text is read, and output written, in `"en"` unless a locale is given.
//!
//! The TypeScript types below match the serde output of the core's types; `tests/js` checks
//! every key and name the API returns against the generated `.d.ts`.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{
    explain, format_decimal, format_money, format_percent, read_number, Currency, Explanation,
    Field, InputError, Inputs, Locale, Period, Report, Retention,
};

/// The locale of the JS API when none is given.
const DEFAULT_LOCALE: Locale = Locale::En;

/// What `calculate` takes, for its error messages.
const EXPECTED_INPUT: &str = "an object of inputs, such as { start: 1000, end: 1050, new: 200 }";

/// The most decimals the formatters write: more than anyone shows, and a bound on the text's
/// length whatever number JS passes.
const MAX_DECIMALS: f64 = 20.0;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The length of the period between `start` and `end`. */
export type Period = "month" | "quarter" | "year";
/** Number habits: "nl" writes 1.234,56 and "en" writes 1,234.56. */
export type Locale = "nl" | "en";
/** ISO 4217 code of a money amount. */
export type Currency = "EUR" | "USD" | "GBP";

/** A number as a JS number, as text the way people type it ("1.234,56", "€ 75", "60 %"),
 * or empty: null, undefined or "". */
export type NumberInput = number | string | null | undefined;

/** The numbers someone entered. Empty required fields are reported in `Report.errors`. */
export interface Input {
  /** S: customers at the start of the period (required). */
  start?: NumberInput;
  /** E: customers at the end of the period (required). */
  end?: NumberInput;
  /** N: new customers won during the period (required). */
  new?: NumberInput;
  /** Average spend per purchase (required for CLV). */
  spend?: NumberInput;
  /** Purchases per customer per year (required for CLV). */
  frequency?: NumberInput;
  /** Gross margin in percent; empty means no profit CLV. */
  margin?: NumberInput;
  /** Expected lifespan in years; empty means estimate it from churn. */
  lifespan?: NumberInput;
  /** Yearly discount rate in percent, for discounted CLV. */
  discountRate?: NumberInput;
  /** Customer acquisition cost, for CLV : CAC and payback. */
  cac?: NumberInput;
  /** Default "year". */
  period?: Period | null;
  /** How text numbers are read; default "en". */
  locale?: Locale | null;
}

/** An input field, as named in `Input`. */
export type Field =
  | "start" | "end" | "new" | "spend" | "frequency" | "margin" | "lifespan" | "discountRate"
  | "cac";

/** What is wrong with an input. */
export type InputErrorCode =
  | "missing" | "notANumber" | "negative" | "notWhole" | "notPositive" | "tooLarge"
  | "startIsZero" | "newExceedsEnd" | "retainedExceedsStart" | "notAPercentage"
  | "lifespanNeeded";

/** A mistake in the inputs: data to show next to its field, never thrown. */
export interface InputError {
  code: InputErrorCode;
  /** The field the message belongs next to. */
  field: Field;
  /** Lowercase English, e.g. "new customers cannot exceed customers at the end". */
  message: string;
  /** Only with code "tooLarge": the largest value the field accepts. */
  max?: number;
}

/** Annual retention against the 85 % target: at or above, within 5 points, further below. */
export type Verdict = "above" | "near" | "below";
/** CLV : CAC against 3 : 1: at or above, between 1 : 1 and 3 : 1, below 1 : 1. */
export type RatioVerdict = "healthy" | "thin" | "losing";

/** Expected customer lifespan, 1 / churn. */
export interface Lifespan {
  periods: number;
  years: number;
}

/** Retention over the period, from S, E and N. Rates are in percent (85 means 85 %). */
export interface Retention {
  period: Period;
  start: number;
  end: number;
  new: number;
  /** E − N. */
  retained: number;
  /** S − (E − N). */
  lost: number;
  /** (E − N) / S × 100. */
  retentionRate: number;
  /** lost / S × 100. */
  churnRate: number;
  /** Compounded over a year: CRR^(periods a year). */
  annualRetentionRate: number;
  /** Compounded over a year: 1 − (1 − churn)^(periods a year). */
  annualChurnRate: number;
  /** null when no customer was lost. */
  lifespan: Lifespan | null;
  verdict: Verdict;
}

/** Customer lifetime value. */
export interface Value {
  spend: number;
  frequency: number;
  /** spend × frequency. */
  annualRevenue: number;
  lifespanYears: number;
  lifespanSource: "churn" | "entered";
  /** spend × frequency × lifespan in years. */
  clv: number;
  margin: number | null;
  /** clv × margin; null without a margin. */
  profitClv: number | null;
}

/** Discounted CLV (Gupta & Lehmann): m × r / (1 + d − r). */
export interface Discounted {
  annualMargin: number;
  usesMargin: boolean;
  annualRetention: number;
  discountRate: number;
  clv: number;
}

/** CLV : CAC and payback time. */
export interface Acquisition {
  cac: number;
  clv: number;
  usesMargin: boolean;
  ratio: number;
  verdict: RatioVerdict;
  monthlyMargin: number;
  paybackMonths: number | null;
  paysBack: boolean;
}

/** A figure on the page. */
export type Figure =
  | "retentionRate" | "retained" | "lost" | "churnRate" | "annualRetention" | "annualChurn"
  | "lifespan" | "clv" | "profitClv" | "discountedClv" | "clvCacRatio" | "payback";

/** A number with its unit, to format in the page's locale. */
export type Quantity =
  | { unit: "count"; value: number }
  | { unit: "percent"; value: number }
  | { unit: "money"; value: number }
  | { unit: "number"; value: number }
  | { unit: "years"; value: number }
  | { unit: "periods"; value: [number, Period] }
  | { unit: "ratio"; value: number };

/** A piece of a formula written out with the user's numbers. */
export type Token =
  | { kind: "text"; value: string }
  | { kind: "value"; value: Quantity }
  | { kind: "power"; value: number };

/** A next step, for the page to word. */
export type Advice =
  | "onboarding" | "feedback" | "winBack" | "personalFollowUp" | "loyalty" | "referral"
  | "upsell" | "frequency" | "margin" | "acquisitionBudget" | "relyOnAcquisition"
  | "cheaperChannels" | "investInGrowth";

/** What one figure means. */
export interface Explanation {
  figure: Figure;
  value: Quantity;
  /** The formula with the user's numbers, up to "= value". */
  formula: Token[];
  verdict: Verdict | null;
  /** The same figure at exactly the 85 % annual retention target. */
  atTarget: Quantity | null;
  ratioVerdict: RatioVerdict | null;
  advice: Advice[];
}

/** Everything `calculate` found. A figure is null when its inputs have a mistake. */
export interface Report {
  retention: Retention | null;
  value: Value | null;
  discounted: Discounted | null;
  acquisition: Acquisition | null;
  /** At most one per field, in form order. */
  errors: InputError[];
  /** One per figure computed, in page order. */
  explanations: Explanation[];
}

/** What `retention` found: the figures, or the mistakes that kept it from them. */
export interface RetentionResult {
  retention: Retention | null;
  errors: InputError[];
}

/** Annual rates in percent. */
export interface Annualised {
  annualRetentionRate: number;
  annualChurnRate: number;
}
"#;

/// Computes every figure the input allows, with what each one means.
///
/// Each number may be a JS number, text as people type it (read in `input.locale`, default
/// `"en"`), or empty (`null`, `undefined`, `""`). Mistakes in the numbers come back in
/// `errors`; this throws only when `input` is not an object or a field holds something
/// other than a number, text or null.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn calculate(
    #[wasm_bindgen(unchecked_param_type = "Input")] input: JsValue,
) -> Result<JsValue, JsError> {
    // Arrays are objects to serde-wasm-bindgen: they would read as an input with every field
    // empty.
    if input.is_array() {
        return Err(js_error(format_args!(
            "invalid type: array, expected {EXPECTED_INPUT}"
        )));
    }
    let JsInput(inputs) = serde_wasm_bindgen::from_value(input).map_err(js_error)?;
    let report = crate::calculate(&inputs);
    to_js(&JsReport {
        explanations: explain(&report),
        report: &report,
    })
}

/// Retention, churn and lifespan from S, E and N over `period` (default `"year"`).
///
/// Mistakes (a missing, negative or fractional count, N above E, ...) come back in `errors`
/// with `retention: null`.
#[wasm_bindgen(unchecked_return_type = "RetentionResult")]
pub fn retention(
    start: Option<f64>,
    end: Option<f64>,
    #[wasm_bindgen(js_name = "newCustomers")] new: Option<f64>,
    #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: JsValue,
) -> Result<JsValue, JsError> {
    let period: Option<Period> = from_js("period", period)?;
    let result = match crate::retention(start, end, new, period.unwrap_or_default()) {
        Ok(retention) => RetentionResult {
            retention: Some(retention),
            errors: Vec::new(),
        },
        Err(errors) => RetentionResult {
            retention: None,
            errors,
        },
    };
    to_js(&result)
}

/// Annual retention and churn in percent from churn per period in percent, compounded:
/// 5 % a month is 45.96 % a year, not 60 %.
#[wasm_bindgen(unchecked_return_type = "Annualised")]
pub fn annualise(
    #[wasm_bindgen(js_name = "churnRate")] churn_rate: f64,
    #[wasm_bindgen(unchecked_param_type = "Period")] period: JsValue,
) -> Result<JsValue, JsError> {
    let (annual_retention_rate, annual_churn_rate) =
        crate::annualise(churn_rate, from_js("period", period)?);
    to_js(&Annualised {
        annual_retention_rate,
        annual_churn_rate,
    })
}

/// Customer lifetime value: spend per purchase × purchases a year × lifespan in years.
#[wasm_bindgen]
pub fn clv(
    spend: f64,
    frequency: f64,
    #[wasm_bindgen(js_name = "lifespanYears")] lifespan_years: f64,
) -> f64 {
    crate::clv(spend, frequency, lifespan_years)
}

/// Reads a number the way people type it in `locale` (default `"en"`): `"1.234,56"` in
/// `"nl"`, `"1,234.56"` or `"$75"` in `"en"`.
///
/// Returns `undefined` when the text is empty and `NaN` when it is not a number.
#[wasm_bindgen(js_name = "parseNumber")]
pub fn parse_number(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> Result<Option<f64>, JsError> {
    // A JsValue rather than &str: a number passed by mistake throws instead of reading junk.
    let text: String = from_js("text", text)?;
    Ok(read_number(&text, read_locale(locale)?))
}

/// Writes `value` with exactly `decimals` decimals (0 to 20) and grouped thousands:
/// `formatNumber(1234.5, 2, "nl")` is `"1.234,50"`.
#[wasm_bindgen(js_name = "formatNumber")]
pub fn format_number(
    value: f64,
    decimals: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> Result<String, JsError> {
    let decimals = read_decimals(decimals)?;
    Ok(format_decimal(
        value,
        decimals,
        decimals,
        read_locale(locale)?,
    ))
}

/// Writes a percentage given in percent (85 means 85 %) with exactly `decimals` decimals:
/// `"85.0%"` in `"en"`, `"85,0 %"` (no-break space) in `"nl"`.
#[wasm_bindgen(js_name = "formatPercent")]
pub fn format_percent_js(
    value: f64,
    decimals: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> Result<String, JsError> {
    Ok(format_percent(
        value,
        read_decimals(decimals)?,
        read_locale(locale)?,
    ))
}

/// Writes a money amount with two decimals and the currency sign where `locale` puts it:
/// `formatMoney(1234.56, "EUR", "nl")` is `"€ 1.234,56"` (no-break space).
#[wasm_bindgen(js_name = "formatMoney")]
pub fn format_money_js(
    value: f64,
    #[wasm_bindgen(unchecked_param_type = "Currency")] currency: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> Result<String, JsError> {
    let currency: Currency = from_js("currency", currency)?;
    Ok(format_money(value, currency, read_locale(locale)?))
}

/// The version of the retention-core crate this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The one conversion of an error into the JS `Error` a malformed call throws.
///
/// serde-wasm-bindgen's errors are JS errors already and write themselves as `String(error)`,
/// which starts with `Error: ` (once per level when nested): the message drops that.
fn js_error(err: impl fmt::Display) -> JsError {
    JsError::new(&err.to_string().replace("Error: ", ""))
}

/// Reads argument `name` with serde; the error names it.
fn from_js<T: DeserializeOwned>(name: &str, value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error(format_args!("{name}: {e}")))
}

/// Writes `value` as plain JS: objects for structs and maps, `null` for `None`.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

fn read_locale(locale: JsValue) -> Result<Locale, JsError> {
    Ok(from_js::<Option<Locale>>("locale", locale)?.unwrap_or(DEFAULT_LOCALE))
}

fn read_decimals(decimals: f64) -> Result<usize, JsError> {
    if decimals.fract() == 0.0 && (0.0..=MAX_DECIMALS).contains(&decimals) {
        Ok(decimals as usize)
    } else {
        Err(js_error(format_args!(
            "decimals: expected a whole number from 0 to {MAX_DECIMALS}, got {decimals}"
        )))
    }
}

/// `calculate`'s result: the report's fields and the explanations, in one object.
#[derive(Serialize)]
struct JsReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    explanations: Vec<Explanation>,
}

/// `retention`'s result.
#[derive(Serialize)]
struct RetentionResult {
    retention: Option<Retention>,
    errors: Vec<InputError>,
}

/// `annualise`'s result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Annualised {
    annual_retention_rate: f64,
    annual_churn_rate: f64,
}

/// The keys `calculate` reads; any other key of the input object is ignored.
const INPUT_KEYS: &[&str] = &[
    "start",
    "end",
    "new",
    "spend",
    "frequency",
    "margin",
    "lifespan",
    "discountRate",
    "cac",
    "period",
    "locale",
];

/// `calculate`'s input: the core's [`Inputs`], read from a JS object whose numbers may be
/// text in the object's own `locale`.
struct JsInput(Inputs);

impl<'de> Deserialize<'de> for JsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Input", INPUT_KEYS, InputVisitor)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = JsInput;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED_INPUT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsInput, A::Error> {
        let mut numbers = Vec::new();
        let mut period = None;
        let mut locale = None;
        while let Some(key) = map.next_key::<String>()? {
            // Name the key, so the message says which field is wrong.
            let named = |e: A::Error| de::Error::custom(format_args!("{key}: {e}"));
            match key.as_str() {
                "period" => period = map.next_value().map_err(named)?,
                "locale" => locale = map.next_value().map_err(named)?,
                name => match Field::ALL.into_iter().find(|f| f.name() == name) {
                    Some(field) => numbers.push((field, map.next_value().map_err(named)?)),
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        // Text is read once the locale is known, wherever it came in the object.
        let locale = locale.unwrap_or(DEFAULT_LOCALE);
        let mut inputs = Inputs {
            period: period.unwrap_or_default(),
            ..Inputs::default()
        };
        for (field, number) in numbers {
            inputs.set(field, JsNumber::read(number, locale));
        }
        Ok(JsInput(inputs))
    }
}

/// One number of the input, as the caller gave it.
enum JsNumber {
    Value(f64),
    Text(String),
    Empty,
}

impl JsNumber {
    /// The core's reading: `None` for empty, `NaN` for text that is not a number.
    fn read(self, locale: Locale) -> Option<f64> {
        match self {
            JsNumber::Value(v) => Some(v),
            JsNumber::Text(text) => read_number(&text, locale),
            JsNumber::Empty => None,
        }
    }
}

impl<'de> Deserialize<'de> for JsNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = JsNumber;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, a string or null")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<JsNumber, E> {
        Ok(JsNumber::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<JsNumber, E> {
        Ok(JsNumber::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<JsNumber, E> {
        Ok(JsNumber::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<JsNumber, E> {
        Ok(JsNumber::Empty)
    }
}

#[wasm_bindgen(typescript_custom_section)]
const ORDER_TYPES: &str = r#"
/** What separates the fields of an order export. */
export type Delimiter = "comma" | "semicolon" | "tab" | "whitespace";
/** How dates are written: yyyy-mm-dd, dd-mm-yyyy, mm/dd/yyyy, yyyymmdd. */
export type DateFormat = "iso" | "dayMonthYear" | "monthDayYear" | "compact";

/** How to read an export; columns count from 0. */
export interface Mapping {
  delimiter: Delimiter;
  hasHeader: boolean;
  /** How many fields every row has. */
  columns: number;
  customer: number;
  date: number;
  amount: number;
  dateFormat: DateFormat;
  /** The amounts' habit: "nl" reads 1.234,56, "en" reads 1,234.56. */
  locale: Locale;
}

/** What `sniffOrders` found. */
export interface Preview {
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: { name: string; kind: "customer" | "date" | "amount" | "other"; dateFormat: DateFormat | null; dateAmbiguous: boolean; numeric: boolean }[];
  /** The first data rows as text. */
  rows: string[][];
  /** The suggested mapping; null when the columns could not be told apart. */
  mapping: Mapping | null;
}

/** How to count: a customer is active in a period when they bought within `windowMonths`
 * months up to its end. Every field has a default. */
export interface SummaryOptions {
  period?: "month" | "quarter";
  windowMonths?: number;
  inactiveDays?: number;
  /** ISO date; default the last order's. */
  reference?: string | null;
  /** List at most this many inactive customers; default all. */
  inactiveLimit?: number | null;
}

/** What to forecast. Every field has a default. */
export interface ForecastOptions {
  /** Weeks ahead; default 52. */
  horizonWeeks?: number;
  /** Percent, for profit rather than revenue. */
  margin?: number | null;
  /** How many of the most valuable customers to list; default 100. */
  top?: number;
}

/** What an import read: every data row is an order, a refund or a bad row. */
export interface ImportStats {
  rows: number;
  orders: number;
  refunds: number;
  refunded: number;
  unmatchedRefunds: number;
  customers: number;
  headerLine: number | null;
  badRowCount: number;
  /** The first 100 bad rows. */
  badRows: BadRow[];
  /** The file was not UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
}

/** One period of an import, with S, E and N counted from the orders. */
export interface PeriodSummary {
  label: string;
  firstDay: string;
  lastDay: string;
  /** False for a period still running at the reference date. */
  complete: boolean;
  start: number;
  end: number;
  new: number;
  firstTime: number;
  reactivated: number;
  orders: number;
  revenue: number;
  /** Null for the first period, which has no S. */
  retention: Retention | null;
}

/** Customers by the month of their first purchase; `shares[k]` bought k months later. */
export interface Cohort {
  label: string;
  firstDay: string;
  size: number;
  active: number[];
  shares: number[];
}

/** Historical CLV per customer: net spend so far. */
export interface ClvStats {
  mean: number; min: number; p25: number; median: number; p75: number; p90: number; max: number;
}

/** A customer to win back. */
export interface InactiveCustomer {
  id: string;
  lastOrder: string;
  daysInactive: number;
  orders: number;
  spend: number;
}

/** What an import counts. */
export interface Summary {
  options: SummaryOptions;
  reference: string | null;
  firstOrder: string | null;
  lastOrder: string | null;
  customers: number;
  orders: number;
  revenue: number;
  refunded: number;
  repeatCustomers: number;
  repeatPurchaseRate: number | null;
  averageOrderValue: number | null;
  purchaseFrequency: number | null;
  clv: ClvStats | null;
  periods: PeriodSummary[];
  cohorts: Cohort[];
  /** The first `inactiveLimit` inactive customers, most recently lapsed first. */
  inactive: InactiveCustomer[];
  /** How many customers are inactive, listed or not. */
  inactiveCount: number;
  /** Calculator inputs from the last full period. */
  fill: { [K in Field]: number | null } & { period: Period };
  fillPeriod: string | null;
}

/** Why a model could not be fitted. */
export type FitError =
  | { code: "tooFewCustomers"; found: number; needed: number }
  | { code: "noRepeatBuyers" }
  | { code: "tooFewRepeatBuyers"; found: number; needed: number }
  | { code: "invalidCustomer"; index: number }
  | { code: "didNotConverge" };

/** One customer's forecast over the horizon. */
export interface CustomerForecast {
  id: string;
  frequency: number;
  weeksSinceLast: number;
  /** Historical CLV: net spend so far, refunds taken off; null from a summary file. */
  spent: number | null;
  pAlive: number;
  expectedPurchases: number;
  expectedSpend: number;
  clv: number;
}

/** The fitted models (time in weeks) and what they expect of the customer base. */
export interface Forecast {
  /** Null when the history came as a summary file. */
  calibrationEnd: string | null;
  options: ForecastOptions;
  customers: number;
  repeatCustomers: number;
  purchases: { r: number; alpha: number; a: number; b: number };
  spend: { p: number; q: number; gamma: number };
  expectedPurchases: number;
  expectedValue: number;
  meanPAlive: number;
  top: CustomerForecast[];
}

/** `Analyzer.forecast`: one of the two is null. */
export interface Forecasted {
  forecast: Forecast | null;
  error: FitError | null;
}

/** A row of an export that was not read, and why. */
export interface BadRow {
  line: number;
  reason: { code: "columns"; found: number; expected: number } | { code: "noCustomer" }
    | { code: "date"; text: string } | { code: "amount"; text: string } | { code: "unclosedQuote" };
}
"#;

/// Guesses how an order export is laid out: delimiter, header, the customer, date and amount
/// columns, the date format and the amounts' habit. Give it the first 64 KB or so.
#[wasm_bindgen(js_name = "sniffOrders", unchecked_return_type = "Preview")]
pub fn sniff_orders(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::sniff_orders(text))
}

/// An imported order export, kept in wasm memory so it can be counted again with other
/// options without reading the file again.
///
/// ```js
/// const analyzer = new Analyzer(bytes, preview.mapping, (done, total) => showProgress(done / total));
/// const summary = analyzer.summarise({ period: "month", inactiveLimit: 100 });
/// const { forecast, error } = analyzer.forecast({ horizonWeeks: 52 });
/// ```
#[wasm_bindgen]
pub struct Analyzer {
    log: crate::OrderLog,
    windows_1252: bool,
    forecaster: Option<crate::Forecaster>,
}

#[wasm_bindgen]
impl Analyzer {
    /// Reads an export (UTF-8, or Windows-1252 as Excel writes it) with `mapping`. Calls
    /// `onProgress(done, total)` every 64 KB; returning `false` cancels. Throws on a mapping
    /// that does not fit or a cancel; bad rows are data in `stats()`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        bytes: Vec<u8>,
        #[wasm_bindgen(unchecked_param_type = "Mapping")] mapping: JsValue,
        #[wasm_bindgen(
            js_name = "onProgress",
            unchecked_param_type = "(done: number, total: number) => boolean | void"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> Result<Analyzer, JsError> {
        let mapping: crate::Mapping = from_js("mapping", mapping)?;
        let (text, windows_1252) = crate::decode_text(bytes);
        let log = crate::parse_orders(&text, &mapping, |done, total| match &on_progress {
            Some(f) => f
                .call2(
                    &JsValue::NULL,
                    &(done as f64).into(),
                    &(total as f64).into(),
                )
                .map_or(true, |r| r.as_bool() != Some(false)),
            None => true,
        })
        .map_err(js_error)?;
        Ok(Analyzer {
            log,
            windows_1252,
            forecaster: None,
        })
    }

    /// What was read: rows, orders, refunds, customers and the bad rows by line, plus
    /// `windows1252` when the file was not UTF-8.
    #[wasm_bindgen(unchecked_return_type = "ImportStats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Stats<'a> {
            #[serde(flatten)]
            stats: &'a crate::ImportStats,
            windows1252: bool,
        }
        to_js(&Stats {
            stats: self.log.stats(),
            windows1252: self.windows_1252,
        })
    }

    /// S, E, N and CRR per period, repeat rate, order value, frequency, historical CLV,
    /// cohorts, the inactive customers (the first `options.inactiveLimit`, with their total in
    /// `inactiveCount`) and the calculator inputs derived from the last full period.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summarise(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::SummaryOptions = from_js("options", options)?;
        to_js(&crate::summarise_orders(&self.log, &options))
    }

    /// Fits BG/NBD and Gamma-Gamma on the history up to `end` (ISO date; default the last
    /// order) and forecasts every customer: `{ forecast, error }`, one of them null. Too
    /// little history is an `error`, not a throw.
    #[wasm_bindgen(unchecked_return_type = "Forecasted")]
    pub fn forecast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ForecastOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] end: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::ForecastOptions = from_js("options", options)?;
        let end: Option<crate::Date> = from_js("end", end)?;
        let end = end
            .or_else(|| {
                self.log
                    .span()
                    .map(|(_, last)| crate::Date::from_days(last))
            })
            .ok_or_else(|| js_error("no orders to forecast from"))?;
        #[derive(Serialize)]
        struct Forecasted<'a> {
            forecast: Option<&'a crate::Forecast>,
            error: Option<crate::FitError>,
        }
        match crate::Forecaster::fit(&self.log, end, options) {
            Ok(f) => {
                let forecaster = self.forecaster.insert(f);
                to_js(&Forecasted {
                    forecast: Some(forecaster.forecast()),
                    error: None,
                })
            }
            Err(e) => {
                self.forecaster = None;
                to_js(&Forecasted {
                    forecast: None,
                    error: Some(e),
                })
            }
        }
    }

    /// The customers inactive for `options.inactiveDays` or more, all of them, as CSV for a
    /// win-back mail (`;` and decimal commas for `"nl"`).
    #[wasm_bindgen(js_name = "inactiveCsv")]
    pub fn inactive_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        let options: crate::SummaryOptions = from_js("options", options)?;
        let summary = crate::summarise_orders(&self.log, &options);
        Ok(crate::inactive_csv(&summary.inactive, read_locale(locale)?))
    }

    /// Every customer's forecast from the last `forecast()` as CSV; empty before one.
    #[wasm_bindgen(js_name = "forecastCsv")]
    pub fn forecast_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        let locale = read_locale(locale)?;
        Ok(self
            .forecaster
            .as_ref()
            .map(|f| f.csv(&self.log, locale))
            .unwrap_or_default())
    }
}

#[wasm_bindgen(typescript_custom_section)]
const WAREHOUSE_TYPES: &str = r#"
/** A warehouse's SQL dialect ("spark" also serves Databricks). */
export type Dialect = "bigquery" | "snowflake" | "postgres" | "duckdb" | "spark";
/** What the SQL returns. */
export type SqlOutput = "summary" | "compact" | "periods" | "cohorts" | "scoring";

/** An orders table, how to read it and what to compute. Names as the user types them: a plain
 * name folds as the warehouse folds unquoted names, "Quoted" keeps its case. The amount comes
 * from `amount` (order total), `quantity` with `price`, or `lineAmount`: exactly one. */
export interface WarehouseQuery {
  dialect: Dialect;
  /** `orders`, `shop.orders` or `project.dataset.orders`. */
  table: string;
  customer: string;
  date: string;
  amount?: string | null;
  order?: string | null;
  status?: string | null;
  quantity?: string | null;
  price?: string | null;
  lineAmount?: string | null;
  refunded?: string | null;
  cancelledAt?: string | null;
  /** ISO date; default the last purchase day in the table. */
  end?: string | null;
  /** Default "summary". */
  output?: SqlOutput;
  /** For "periods"; default "month". */
  period?: Period;
  /** For "periods"; default 12. */
  windowMonths?: number;
  /** For "scoring": `forecast.purchases` and `forecast.spend` of a fit. */
  models?: { purchases: { r: number; alpha: number; a: number; b: number };
    spend: { p: number; q: number; gamma: number } } | null;
  /** For "scoring"; default 52. */
  horizonWeeks?: number;
  /** For "scoring": percent, for profit CLV. */
  margin?: number | null;
}

/** A field of `WarehouseQuery` that holds a name. */
export type SqlColumn =
  | "table" | "customer" | "date" | "amount" | "order" | "status" | "quantity" | "price"
  | "lineAmount" | "refunded" | "cancelledAt";

/** Why no SQL could be written: data to show next to the field, never thrown. */
export type SqlError =
  | { code: "emptyName"; column: SqlColumn }
  | { code: "character"; column: SqlColumn; character: string; dialect: Dialect }
  | { code: "nameTooLong"; column: SqlColumn; max: number }
  | { code: "tooManyParts"; column: SqlColumn; parts: number; max: number }
  | { code: "unclosedQuote"; column: SqlColumn }
  | { code: "textAfterQuote"; column: SqlColumn }
  | { code: "sameColumn"; first: SqlColumn; second: SqlColumn }
  | { code: "amount" }
  | { code: "window"; months: number }
  | { code: "noModels" }
  | { code: "invalidModels" }
  | { code: "horizonTooLong"; terms: number };

/** `warehouseSql`: one of the two is null; `message` is lowercase English. */
export interface WarehouseSql {
  sql: string | null;
  error: SqlError | null;
  message: string | null;
}

/** The unit of recency and T in a summary file. */
export type TimeUnit = "days" | "weeks";

/** What a summary file held. */
export interface SummaryFileStats {
  rows: number;
  /** The counts added up. */
  customers: number;
  repeatCustomers: number;
  hasIds: boolean;
  /** It has a count column (`retention sql --what compact`). */
  compact: boolean;
  /** It has monetary_value: without it spend cannot be fitted. */
  hasSpend: boolean;
  badRowCount: number;
  badRows: { line: number; problem: { code: "columns"; found: number; expected: number }
    | { code: "number"; column: string; text: string } | { code: "impossible" } }[];
}

/** Why a file is not a summary file. */
export type SummaryFileError =
  | { code: "missingColumn"; column: string }
  | { code: "noRows" }
  | { code: "tooManyCustomers"; customers: number };

/** `readSummaryFile`: one of `analyzer` and `error` is null. */
export interface SummaryFileRead {
  analyzer: SummaryAnalyzer | null;
  error: SummaryFileError | null;
  message: string | null;
}
"#;

/// The SQL that lets a warehouse do the counting (see the core's `warehouse_sql`):
/// `{ sql, error, message }`, a mistake in the query (a name that cannot be quoted, no
/// amount column, …) as data. Throws only for a malformed query object.
#[wasm_bindgen(js_name = "warehouseSql", unchecked_return_type = "WarehouseSql")]
pub fn warehouse_sql(
    #[wasm_bindgen(unchecked_param_type = "WarehouseQuery")] query: JsValue,
) -> Result<JsValue, JsError> {
    let query: crate::WarehouseQuery = from_js("query", query)?;
    #[derive(Serialize)]
    struct WarehouseSql {
        sql: Option<String>,
        error: Option<crate::SqlError>,
        message: Option<String>,
    }
    to_js(&match crate::warehouse_sql(&query) {
        Ok(sql) => WarehouseSql {
            sql: Some(sql),
            error: None,
            message: None,
        },
        Err(e) => WarehouseSql {
            sql: None,
            message: Some(e.to_string()),
            error: Some(e),
        },
    })
}

/// Reads a per-customer summary file (the warehouse SQL's, lifetimes', PyMC-Marketing's;
/// UTF-8 or Windows-1252) with recency and T in `unit` (default `"days"`):
/// `{ analyzer, error, message }`. A file without frequency, recency and T columns gives
/// `error.code === "missingColumn"`: read it as an order export instead.
#[wasm_bindgen(js_name = "readSummaryFile", unchecked_return_type = "SummaryFileRead")]
pub fn read_summary_file(
    bytes: Vec<u8>,
    #[wasm_bindgen(unchecked_optional_param_type = "TimeUnit")] unit: JsValue,
) -> Result<JsValue, JsError> {
    let unit: Option<crate::TimeUnit> = from_js("unit", unit)?;
    let (text, _) = crate::decode_text(bytes);
    let result = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&result, &key.into(), value).map_err(|_| js_error("cannot set"))
    };
    match crate::read_summary_file(&text, unit.unwrap_or_default()) {
        Ok(file) => {
            set(
                "analyzer",
                &SummaryAnalyzer {
                    file,
                    forecaster: None,
                }
                .into(),
            )?;
            set("error", &JsValue::NULL)?;
            set("message", &JsValue::NULL)?;
        }
        Err(e) => {
            set("analyzer", &JsValue::NULL)?;
            set("message", &e.to_string().into())?;
            set("error", &to_js(&e)?)?;
        }
    }
    Ok(result.into())
}

/// A summary file, kept in wasm memory: straight to the fit and the forecast.
///
/// ```js
/// const { analyzer, error } = readSummaryFile(bytes);
/// const { forecast } = analyzer.forecast({ horizonWeeks: 52 });
/// ```
#[wasm_bindgen]
pub struct SummaryAnalyzer {
    file: crate::SummaryFile,
    forecaster: Option<crate::Forecaster>,
}

#[wasm_bindgen]
impl SummaryAnalyzer {
    /// What was read: rows, customers, repeat customers and the bad rows by line.
    #[wasm_bindgen(unchecked_return_type = "SummaryFileStats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Stats<'a> {
            rows: usize,
            customers: u64,
            repeat_customers: u64,
            has_ids: bool,
            compact: bool,
            has_spend: bool,
            bad_row_count: usize,
            bad_rows: &'a [crate::SummaryBadRow],
        }
        let f = &self.file;
        to_js(&Stats {
            rows: f.row_count,
            customers: f.customers,
            repeat_customers: f.repeat_customers,
            has_ids: f.has_ids,
            compact: f.compact,
            has_spend: f.has_spend,
            bad_row_count: f.bad_row_count,
            bad_rows: &f.bad_rows,
        })
    }

    /// Fits BG/NBD and Gamma-Gamma on the file's customers and forecasts every one:
    /// `{ forecast, error }`, one of them null (`calibrationEnd` and `spent` are null: a
    /// summary says neither).
    #[wasm_bindgen(unchecked_return_type = "Forecasted")]
    pub fn forecast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ForecastOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::ForecastOptions = from_js("options", options)?;
        #[derive(Serialize)]
        struct Forecasted<'a> {
            forecast: Option<&'a crate::Forecast>,
            error: Option<crate::FitError>,
        }
        match crate::Forecaster::fit_summaries(&self.file, options) {
            Ok(f) => to_js(&Forecasted {
                forecast: Some(self.forecaster.insert(f).forecast()),
                error: None,
            }),
            Err(e) => {
                self.forecaster = None;
                to_js(&Forecasted {
                    forecast: None,
                    error: Some(e),
                })
            }
        }
    }

    /// Every customer's forecast from the last `forecast()` as CSV; empty before one.
    #[wasm_bindgen(js_name = "forecastCsv")]
    pub fn forecast_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        let locale = read_locale(locale)?;
        Ok(self
            .forecaster
            .as_ref()
            .map(|f| f.csv(&self.file, locale))
            .unwrap_or_default())
    }
}
