//! The warehouse path: `warehouseSql` (the SQL that lets a warehouse do the counting) and
//! `readSummaryFile` with its `SummaryAnalyzer` (the warehouse's per-customer summary, or
//! lifetimes' or PyMC-Marketing's, straight to the fit).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{forecasted, from_js, js_error, to_js};

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

/** What a summary file held (the core's `SummaryFileStats`). */
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
        to_js(&self.file.stats)
    }

    /// Fits BG/NBD and Gamma-Gamma on the file's customers and forecasts every one:
    /// `{ forecast, error }`, one of them null (`calibrationEnd` and `spent` are null: a
    /// summary says neither). Options that make no sense throw, as `Analyzer.forecast`'s do.
    #[wasm_bindgen(unchecked_return_type = "Forecasted")]
    pub fn forecast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ForecastOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: crate::ForecastOptions = from_js("options", options)?;
        options.check().map_err(js_error)?;
        forecasted(
            &mut self.forecaster,
            crate::Forecaster::fit_summaries(&self.file, options),
        )
    }

    /// Every customer's forecast from the last `forecast()` as CSV; empty before one.
    #[wasm_bindgen(js_name = "forecastCsv")]
    pub fn forecast_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<String, JsError> {
        super::forecast_csv(self.forecaster.as_ref(), &self.file, locale)
    }
}
