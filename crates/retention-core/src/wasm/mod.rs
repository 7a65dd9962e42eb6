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
//! Modules by concern: this one holds the calculator's functions, the one error helper (with
//! its coded form) and the one forecast result; `input` reads `calculate`'s input object,
//! `orders` the order import (`sniffOrders`, `sheetNames`, `sheetText`, `OrderReader`,
//! `Analyzer`), `members` the members side (`calculateMembers`, `survivors`, `sniffMembers`,
//! `MemberAnalyzer`, with its own TypeScript types), `nps` the Net Promoter Score,
//! `warehouse` the warehouse SQL and summary files (`warehouseSql`, `readSummaryFile`,
//! `SummaryAnalyzer`), `session` the import worker's entry point, and `types` the TypeScript
//! types, which match the serde output of the core's types (`tests/js` checks every key and
//! name the API returns against the generated `.d.ts`).

mod input;
mod members;
mod nps;
mod orders;
mod session;
mod types;
mod warehouse;

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use input::JsInput;

use crate::{
    explain, format_decimal, format_money, format_percent, read_number, Currency, Explanation,
    InputError, Locale, Period, Report, Retention,
};

/// The locale of the JS API when none is given.
const DEFAULT_LOCALE: Locale = Locale::En;

/// What `calculate` takes, for its error messages.
const EXPECTED_INPUT: &str = "an object of inputs, such as { start: 1000, end: 1050, new: 200 }";

/// The most decimals the formatters write: more than anyone shows, and a bound on the text's
/// length whatever number JS passes.
const MAX_DECIMALS: f64 = 20.0;

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

/// The same conversion for failures a page words in its own language: the `Error` carries
/// the core error's stable `code` (`"tooManyColumns"`) beside its message.
fn coded_error(code: &str, message: &impl fmt::Display) -> JsValue {
    let error: JsValue = js_error(message).into();
    // Setting a property of a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error
}

/// A random seed for the import's id tables: `RandomState` is not random on wasm32.
fn random_seed() -> crate::Seed {
    crate::Seed::from_f64(js_sys::Math::random(), js_sys::Math::random())
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

/// `forecastCsv` for every class that forecasts: the kept forecaster's CSV of `source`'s
/// customers, empty before a fit.
fn forecast_csv(
    forecaster: Option<&crate::Forecaster>,
    source: &impl crate::CustomerSource,
    locale: JsValue,
) -> Result<String, JsError> {
    let locale = read_locale(locale)?;
    Ok(forecaster
        .map(|f| f.csv(source, locale))
        .unwrap_or_default())
}

/// A fit as `{ forecast, error }`, one of them null, keeping the forecaster in `slot` for
/// `forecastCsv` (emptied when the fit fails): for every class that forecasts.
fn forecasted(
    slot: &mut Option<crate::Forecaster>,
    fit: Result<crate::Forecaster, crate::FitError>,
) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Forecasted<'a> {
        forecast: Option<&'a crate::Forecast>,
        error: Option<crate::FitError>,
    }
    match fit {
        Ok(f) => to_js(&Forecasted {
            forecast: Some(slot.insert(f).forecast()),
            error: None,
        }),
        Err(e) => {
            *slot = None;
            to_js(&Forecasted {
                forecast: None,
                error: Some(e),
            })
        }
    }
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
