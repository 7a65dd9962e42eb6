//! The order import: `sniffOrders`, `sheetNames` and `sheetText`, the streaming `OrderReader`
//! and the `Analyzer` class.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{coded_error, forecasted, from_js, js_error, random_seed, read_locale, to_js};

/// Guesses how an order export is laid out: encoding, delimiter, header, the role of each
/// column, the date format, the amounts' habit, the statuses seen and a known format.
///
/// `input` is a file's bytes (a `Uint8Array`: its first 256 KB are looked at, decoded by
/// the core; a workbook needs all of them) or text. A file that cannot be an export throws an
/// `Error` whose `code` is a `SniffErrorCode`.
#[wasm_bindgen(js_name = "sniffOrders", unchecked_return_type = "Preview")]
pub fn sniff_orders(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SniffOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Deserialize, Default)]
    #[serde(rename_all = "camelCase", default)]
    struct SniffOptions {
        partial: bool,
        sheet: Option<String>,
    }
    let options: Option<SniffOptions> = from_js("options", options)?;
    let options = options.unwrap_or_default();
    if let Some(text) = input.as_string() {
        return Ok(to_js(&crate::sniff_orders(&text))?);
    }
    let bytes: Vec<u8> = match input.dyn_ref::<js_sys::Uint8Array>() {
        Some(array) => array.to_vec(),
        None => return Err(js_error("input: expected a Uint8Array or a string").into()),
    };
    let preview = if crate::is_workbook(&bytes) {
        crate::sniff_workbook(&bytes, options.sheet.as_deref())
    } else {
        crate::sniff_bytes(&bytes, !options.partial)
    };
    match preview {
        Ok(preview) => Ok(to_js(&preview)?),
        Err(e) => Err(coded_error(e.code(), &e)),
    }
}

/// The names of a workbook's sheets (`.xlsx`, `.xls`), in order.
#[wasm_bindgen(js_name = "sheetNames")]
pub fn sheet_names(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &[u8],
) -> Result<Vec<String>, JsValue> {
    crate::sheet_names(bytes).map_err(|e| coded_error(e.code(), &e))
}

/// A sheet of a workbook (default the first) as tab-separated text, date cells as
/// `yyyy-mm-dd`: for readers that take text, such as `sniffMembers` and `MemberAnalyzer`.
#[wasm_bindgen(js_name = "sheetText")]
pub fn sheet_text(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &[u8],
    sheet: Option<String>,
) -> Result<String, JsValue> {
    crate::sheet_text(bytes, sheet.as_deref()).map_err(|e| coded_error(e.code(), &e))
}

/// Reads an export as a stream: feed it the file's chunks (any size and split), then
/// `finish()` for the `Analyzer`. Memory grows with the orders, not the file.
///
/// ```js
/// const reader = new OrderReader(preview.mapping, { seed: Math.random() });
/// for await (const chunk of file.stream()) reader.feed(chunk);
/// const analyzer = reader.finish();
/// ```
#[wasm_bindgen(js_name = "OrderReader")]
pub struct JsOrderReader {
    reader: Option<crate::OrderReader>,
}

#[wasm_bindgen(js_class = "OrderReader")]
impl JsOrderReader {
    /// Throws on a mapping that does not fit.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Mapping")] mapping: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: JsValue,
    ) -> Result<JsOrderReader, JsError> {
        let mapping: crate::Mapping = from_js("mapping", mapping)?;
        let seed = read_seed(options)?;
        let reader = crate::OrderReader::new(&mapping, seed).map_err(js_error)?;
        Ok(JsOrderReader {
            reader: Some(reader),
        })
    }

    /// Reads a chunk. Throws when a row runs on for more than 1 MB (a file of one line).
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] chunk: &[u8],
    ) -> Result<(), JsError> {
        self.reader
            .as_mut()
            .ok_or_else(|| js_error("the reader is finished"))?
            .feed(chunk)
            .map_err(js_error)
    }

    /// Reads the last row and counts; the reader cannot be fed after.
    pub fn finish(&mut self) -> Result<Analyzer, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| js_error("the reader is finished"))?;
        Ok(Analyzer::of(reader.finish().map_err(js_error)?))
    }
}

fn read_seed(options: JsValue) -> Result<crate::Seed, JsError> {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct ReadOptions {
        seed: Option<f64>,
    }
    let options: Option<ReadOptions> = from_js("options", options)?;
    Ok(match options.unwrap_or_default().seed {
        Some(seed) if seed.is_finite() => crate::Seed::from_f64(seed, js_sys::Math::random()),
        Some(seed) => {
            return Err(js_error(format_args!(
                "seed: expected a finite number, got {seed}"
            )))
        }
        None => random_seed(),
    })
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
    forecaster: Option<crate::Forecaster>,
}

#[wasm_bindgen]
impl Analyzer {
    /// Reads a whole export (text in UTF-8, UTF-16 or Windows-1252, or a workbook) with
    /// `mapping`. Calls `onProgress(done, total)` every 64 KB; returning `false` cancels, and
    /// an exception it throws ends the import and is thrown again. Throws on a mapping that
    /// does not fit or a cancel; bad rows are data in `stats()`. A file is better streamed
    /// through an `OrderReader`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        bytes: Vec<u8>,
        #[wasm_bindgen(unchecked_param_type = "Mapping")] mapping: JsValue,
        #[wasm_bindgen(
            js_name = "onProgress",
            unchecked_param_type = "(done: number, total: number) => boolean | void"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> Result<Analyzer, JsValue> {
        let mapping: crate::Mapping = from_js("mapping", mapping)?;
        // An exception in the callback stops the import and is thrown again.
        let mut thrown = None;
        let progress = |done: usize, total: usize| match &on_progress {
            Some(f) => match f.call2(
                &JsValue::NULL,
                &(done as f64).into(),
                &(total as f64).into(),
            ) {
                Ok(r) => r.as_bool() != Some(false),
                Err(e) => {
                    thrown = Some(e);
                    false
                }
            },
            None => true,
        };
        let log = crate::OrderReader::read_all(&bytes, &mapping, random_seed(), progress);
        match (log, thrown) {
            (_, Some(e)) => Err(e),
            (Ok(log), None) => Ok(Analyzer::of(log)),
            (Err(e), None) => Err(js_error(e).into()),
        }
    }

    fn of(log: crate::OrderLog) -> Analyzer {
        Analyzer {
            log,
            forecaster: None,
        }
    }

    /// Reads a sheet of a workbook (`mapping.sheet`, default the first).
    #[wasm_bindgen(js_name = "fromWorkbook")]
    pub fn from_workbook(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &[u8],
        #[wasm_bindgen(unchecked_param_type = "Mapping")] mapping: JsValue,
    ) -> Result<Analyzer, JsValue> {
        let mapping: crate::Mapping = from_js("mapping", mapping)?;
        crate::OrderReader::read_all(bytes, &mapping, random_seed(), |_, _| true)
            .map(Analyzer::of)
            .map_err(|e| js_error(e).into())
    }

    /// What was read: rows, orders, refunds, customers, statuses left out, guests and the bad
    /// rows by line, plus `windows1252` when the file was not UTF-8.
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
            windows1252: self.log.stats().encoding == crate::Encoding::Windows1252,
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
    /// little history is an `error`, not a throw; options that make no sense (a horizon that
    /// is not a number above 0, a margin outside 0–100) throw.
    #[wasm_bindgen(unchecked_return_type = "Forecasted")]
    pub fn forecast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ForecastOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null")] end: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::ForecastOptions = from_js("options", options)?;
        options.check().map_err(js_error)?;
        let end: Option<crate::Date> = from_js("end", end)?;
        forecasted(
            &mut self.forecaster,
            crate::forecast_orders(&self.log, end, options),
        )
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

    /// The RFM segments of the customers on `options.reference` (ISO date; default the last
    /// order): each segment's count, shares of customers and revenue, average spend,
    /// predicted CLV and P(alive) (from the last `forecast()`; null before one or when it
    /// failed) and actions, the 5 × 5 R × F grid and what each score covers.
    #[wasm_bindgen(unchecked_return_type = "Segmentation")]
    pub fn segments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::SummaryOptions = from_js("options", options)?;
        let segments =
            crate::segment_customers(&self.log, options.reference, self.forecaster.as_ref());
        to_js(segments.segmentation())
    }

    /// The customers of `segment` (every customer for null) as CSV for a mailing tool:
    /// id, e-mail and name when the export has them, last order, orders, spend, predicted
    /// CLV, P(alive), segment and scores; `;` and decimal commas for `"nl"`.
    #[wasm_bindgen(js_name = "segmentCsv")]
    pub fn segment_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Segment | null")] segment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SummaryOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        let segment: Option<crate::Segment> = from_js("segment", segment)?;
        let options: crate::SummaryOptions = from_js("options", options)?;
        let segments =
            crate::segment_customers(&self.log, options.reference, self.forecaster.as_ref());
        Ok(segments.csv(&self.log, segment, read_locale(locale)?))
    }

    /// Every customer's forecast from the last `forecast()` as CSV; empty before one.
    #[wasm_bindgen(js_name = "forecastCsv")]
    pub fn forecast_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        super::forecast_csv(self.forecaster.as_ref(), &self.log, locale)
    }
}
