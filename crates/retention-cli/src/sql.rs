//! `retention sql`: the SQL that lets a warehouse do the counting, printed.

use retention_core::{warehouse_sql, Date, Dialect, Models, Period, SqlOutput, WarehouseQuery};

use crate::args::Args;
use crate::{emit, Failure};

/// The flags that name an optional column.
const COLUMNS: [&str; 8] = [
    "amount",
    "order",
    "status",
    "quantity",
    "price",
    "line-amount",
    "refunded",
    "cancelled-at",
];

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut valued = vec![
        "dialect", "table", "customer", "date", "end", "what", "period", "window", "model",
        "horizon", "margin",
    ];
    valued.extend(COLUMNS);
    let args = Args::parse(args, &valued, &["help"])?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    if let Some(extra) = args.positional.first() {
        return Err(Failure::Usage(format!("sql takes no argument '{extra}'")));
    }
    let required = |flag: &str| {
        args.value(flag)
            .ok_or_else(|| Failure::Usage(format!("sql needs --{flag}")))
    };
    let dialect_name = required("dialect")?;
    let dialect = Dialect::from_name(dialect_name).ok_or_else(|| {
        Failure::Usage(format!(
            "--dialect must be bigquery, snowflake, postgres, duckdb or spark, not '{dialect_name}'"
        ))
    })?;
    let output = match args.value("what") {
        None => SqlOutput::Summary,
        Some(text) => SqlOutput::from_name(text).ok_or_else(|| {
            Failure::Usage(format!(
                "--what must be summary, compact, periods, cohorts or scoring, not '{text}'"
            ))
        })?,
    };
    let end = match args.value("end") {
        None => None,
        Some(text) => Some(text.parse::<Date>().map_err(|_| {
            Failure::Usage(format!("--end must be a date yyyy-mm-dd, not '{text}'"))
        })?),
    };
    let column = |flag: &str| args.value(flag).map(str::to_string);
    let mut query = WarehouseQuery::new(
        dialect,
        required("table")?,
        required("customer")?,
        required("date")?,
        "",
    );
    query.amount = column("amount");
    query.order = column("order");
    query.status = column("status");
    query.quantity = column("quantity");
    query.price = column("price");
    query.line_amount = column("line-amount");
    query.refunded = column("refunded");
    query.cancelled_at = column("cancelled-at");
    query.end = end;
    query.output = output;
    query.period = args.period(Period::Month)?;
    query.window_months = args.whole("window", 12)?;
    query.horizon_weeks = args.number("horizon")?.unwrap_or(52.0);
    query.margin = args.number("margin")?;
    if let Some(path) = args.value("model") {
        query.models = Some(read_models(path)?);
    } else if output == SqlOutput::Scoring {
        return Err(Failure::Usage(
            "--what scoring needs --model FILE: the JSON of `retention analyze --json`".into(),
        ));
    }
    let sql = warehouse_sql(&query).map_err(|e| Failure::Input(e.to_string()))?;
    emit(&sql)
}

/// The fitted models in `path`: the JSON `retention analyze --json` prints (its `forecast`),
/// or an object with `purchases` {r, alpha, a, b} and `spend` {p, q, gamma}.
fn read_models(path: &str) -> Result<Models, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Input(format!("{path} is not JSON: {e}")))?;
    let models = value.get("forecast").unwrap_or(&value);
    if models.is_null() {
        let why = value
            .pointer("/forecastError/code")
            .and_then(|c| c.as_str())
            .unwrap_or("none");
        return Err(Failure::Input(format!(
            "{path} holds no fitted models (forecast error: {why})"
        )));
    }
    serde_json::from_value(models.clone()).map_err(|e| {
        Failure::Input(format!(
            "{path}: expected purchases {{r, alpha, a, b}} and spend {{p, q, gamma}}: {e}"
        ))
    })
}
