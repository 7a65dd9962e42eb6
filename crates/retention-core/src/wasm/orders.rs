//! The order import: `sniffOrders` and the `Analyzer` class.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{from_js, js_error, read_locale, to_js};

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
        #[derive(Serialize)]
        struct Forecasted<'a> {
            forecast: Option<&'a crate::Forecast>,
            error: Option<crate::FitError>,
        }
        match crate::forecast_orders(&self.log, end, options) {
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

    /// The customers inactive for `options.inactiveDays` or more, every one of them whatever
    /// `options.inactiveLimit` says, as CSV for a win-back mail (`;` and decimal commas for
    /// `"nl"`).
    #[wasm_bindgen(js_name = "inactiveCsv")]
    pub fn inactive_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        let options: crate::SummaryOptions = from_js("options", options)?;
        Ok(crate::win_back_csv(
            &self.log,
            &options,
            read_locale(locale)?,
        ))
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
