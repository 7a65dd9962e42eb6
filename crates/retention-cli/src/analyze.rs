//! `retention analyze FILE`: an order export in, retention figures out.

use retention_core::{
    customer_summaries, format_count, format_decimal, format_input, format_percent, inactive_csv,
    parse_orders, read_summary_file, sniff_orders, summarise_orders, summary_csv, Date, Delimiter,
    FitError, Forecast, ForecastOptions, Forecaster, ImportStats, Locale, Mapping, Period, Preview,
    Summary, SummaryBadRow, SummaryFile, SummaryFileError, SummaryOptions, TimeUnit,
};
use serde::Serialize;

use crate::args::Args;
use crate::{print_json, Failure};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnalyzeJson<'a> {
    file: &'a str,
    mapping: &'a Mapping,
    import: &'a ImportStats,
    summary: &'a Summary,
    /// The BG/NBD and Gamma-Gamma forecast; `null` with `forecastError` saying why.
    forecast: Option<&'a Forecast>,
    forecast_error: Option<FitError>,
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        args,
        &[
            "period",
            "window",
            "inactive-days",
            "reference",
            "show",
            "inactive-csv",
            "summary-csv",
            "time-unit",
            "horizon",
            "margin",
            "locale",
        ],
        &["json", "help"],
    )?;
    if args.has("help") {
        print!("{}", crate::USAGE);
        return Ok(());
    }
    let [path] = args.positional.as_slice() else {
        return Err(Failure::Usage("analyze needs exactly one FILE".into()));
    };
    let locale = args.locale(Locale::En)?;
    let reference = match args.value("reference") {
        None => None,
        Some(text) => Some(text.parse::<Date>().map_err(|_| {
            Failure::Usage(format!(
                "--reference must be a date yyyy-mm-dd, not '{text}'"
            ))
        })?),
    };
    let options = SummaryOptions {
        period: args.period(Period::Month)?,
        window_months: args.whole("window", 12)?,
        inactive_days: args.whole("inactive-days", 30)?,
        reference,
        inactive_limit: None,
    };
    if options.window_months == 0 {
        return Err(Failure::Usage("--window must be at least 1 month".into()));
    }
    let show = args.whole("show", 10)? as usize;
    let forecast_options = ForecastOptions {
        top: show,
        horizon_weeks: args.number("horizon")?.unwrap_or(52.0),
        margin: args.number("margin")?,
    };
    if forecast_options.horizon_weeks < 0.0 {
        return Err(Failure::Usage("--horizon must be 0 weeks or more".into()));
    }
    let unit = match args.value("time-unit").map(str::trim) {
        None | Some("days") => TimeUnit::Days,
        Some("weeks") => TimeUnit::Weeks,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--time-unit must be days or weeks, not '{other}'"
            )))
        }
    };

    let bytes =
        std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
    let text = decode(bytes, path);
    // A per-customer summary (the warehouse SQL's, lifetimes', PyMC-Marketing's) goes
    // straight to the fit.
    match read_summary_file(&text, unit) {
        Ok(file) => return summary_file(path, &file, forecast_options, &args, locale),
        Err(SummaryFileError::MissingColumn { .. }) => {}
        Err(e) => return Err(Failure::Input(format!("{path}: {e}"))),
    }
    let preview = sniff_orders(&text);
    let Some(mapping) = preview.mapping else {
        return Err(Failure::Input(format!(
            "cannot find a customer, a date and an amount column in {path} ({})",
            describe_columns(&preview)
        )));
    };
    let log = parse_orders(&text, &mapping, |_, _| true)
        .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let summary = summarise_orders(&log, &options);
    if let Some(out) = args.value("inactive-csv") {
        std::fs::write(out, inactive_csv(&summary.inactive, locale))
            .map_err(|e| Failure::Input(format!("cannot write {out}: {e}")))?;
    }
    let end = summary.reference.or(summary.last_order);
    if let (Some(out), Some(end)) = (args.value("summary-csv"), end) {
        std::fs::write(out, summary_csv(&log, &customer_summaries(&log, end)))
            .map_err(|e| Failure::Input(format!("cannot write {out}: {e}")))?;
    }
    let forecaster = match end {
        Some(end) => Forecaster::fit(&log, end, forecast_options),
        None => Err(FitError::TooFewCustomers {
            found: 0,
            needed: 10,
        }),
    };
    let forecast = forecaster
        .as_ref()
        .map(Forecaster::forecast)
        .map_err(|e| *e);
    if args.has("json") {
        print_json(&AnalyzeJson {
            file: path,
            mapping: &mapping,
            import: log.stats(),
            summary: &summary,
            forecast: forecast.ok(),
            forecast_error: forecast.err(),
        })?;
    } else {
        let out = Printer { locale };
        out.import(path, &preview, &mapping, log.stats());
        if summary.customers > 0 {
            out.overall(&summary);
            out.periods(&summary);
            out.cohorts(&summary);
            out.inactive(&summary, show);
            out.fill(&summary);
            out.forecast(forecast);
        }
    }
    if log.customer_count() == 0 {
        return Err(Failure::Input(format!(
            "no orders could be read from {path}"
        )));
    }
    Ok(())
}

/// The calculator's JSON for a summary file: what was read, and the forecast.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryFileJson<'a> {
    file: &'a str,
    summary_file: SummaryFileStats<'a>,
    forecast: Option<&'a Forecast>,
    forecast_error: Option<FitError>,
}

/// A summary file without its rows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryFileStats<'a> {
    rows: usize,
    customers: u64,
    repeat_customers: u64,
    has_ids: bool,
    compact: bool,
    has_spend: bool,
    bad_row_count: usize,
    bad_rows: &'a [SummaryBadRow],
}

/// `retention analyze summary.csv`: straight to the fit and the forecast.
fn summary_file(
    path: &str,
    file: &SummaryFile,
    options: ForecastOptions,
    args: &Args,
    locale: Locale,
) -> Result<(), Failure> {
    let forecaster = Forecaster::fit_summaries(file, options);
    let forecast = forecaster
        .as_ref()
        .map(Forecaster::forecast)
        .map_err(|e| *e);
    if args.has("json") {
        return print_json(&SummaryFileJson {
            file: path,
            summary_file: SummaryFileStats {
                rows: file.row_count,
                customers: file.customers,
                repeat_customers: file.repeat_customers,
                has_ids: file.has_ids,
                compact: file.compact,
                has_spend: file.has_spend,
                bad_row_count: file.bad_row_count,
                bad_rows: &file.bad_rows,
            },
            forecast: forecast.ok(),
            forecast_error: forecast.err(),
        });
    }
    let out = Printer { locale };
    println!(
        "{path}: a per-customer summary: {} rows, {} customers, {} of whom bought again{}",
        out.count(file.row_count as u64),
        out.count(file.customers),
        out.count(file.repeat_customers),
        if file.compact { " (compact)" } else { "" },
    );
    if file.bad_row_count > 0 {
        println!(
            "  bad rows (first 10 of {}):",
            out.count(file.bad_row_count as u64)
        );
        for bad in file.bad_rows.iter().take(10) {
            println!("    line {}: {}", bad.line, bad.problem);
        }
    }
    out.forecast(forecast);
    Ok(())
}

/// UTF-8, or else Windows-1252 (what Excel on Windows writes as "CSV"), saying so.
fn decode(bytes: Vec<u8>, path: &str) -> String {
    let (text, fallback) = retention_core::decode_text(bytes);
    if fallback {
        eprintln!("retention: note: {path} is not UTF-8; reading it as Windows-1252");
    }
    text
}

fn describe_columns(preview: &Preview) -> String {
    if preview.columns.is_empty() {
        return "no rows found".into();
    }
    let columns: Vec<String> = preview
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = if c.name.is_empty() {
                ""
            } else {
                c.name.as_str()
            };
            let kind = match (c.date_format, c.numeric) {
                (Some(f), _) => format!("dates {}", f.pattern()),
                (None, true) => "numbers".into(),
                (None, false) => "text".into(),
            };
            format!("column {} {name:?}: {kind}", i + 1)
        })
        .collect();
    columns.join("; ")
}

/// Writes the summary as text tables, numbers in `locale`.
struct Printer {
    locale: Locale,
}

impl Printer {
    fn count(&self, n: impl Into<u64>) -> String {
        format_count(n.into(), self.locale)
    }

    fn money(&self, value: f64) -> String {
        format_decimal(value, 2, 2, self.locale)
    }

    fn percent(&self, value: f64) -> String {
        format_percent(value, 1, self.locale)
    }

    fn import(&self, path: &str, preview: &Preview, m: &Mapping, stats: &ImportStats) {
        println!(
            "{path}: {} rows: {} orders, {} refunds, {} bad rows; {} customers",
            self.count(stats.rows as u64),
            self.count(stats.orders as u64),
            self.count(stats.refunds as u64),
            self.count(stats.bad_row_count as u64),
            self.count(stats.customers as u64),
        );
        let name = |c: usize| {
            let name = &preview.columns[c].name;
            if name.is_empty() {
                format!("column {}", c + 1)
            } else {
                format!("column {} \"{name}\"", c + 1)
            }
        };
        let delimiter = match m.delimiter {
            Delimiter::Comma => "commas",
            Delimiter::Semicolon => "semicolons",
            Delimiter::Tab => "tabs",
            Delimiter::Whitespace => "spaces",
        };
        let amounts = match m.locale {
            Locale::Nl => "1.234,56",
            Locale::En => "1,234.56",
        };
        println!(
            "  read: customer = {}, date = {} ({}), amount = {} ({amounts}); {delimiter}{}",
            name(m.customer),
            name(m.date),
            m.date_format.pattern(),
            name(m.amount),
            if m.has_header { ", header row" } else { "" },
        );
        if stats.unmatched_refunds > 0 {
            println!(
                "  {} refunds are of customers without a purchase in the file",
                self.count(stats.unmatched_refunds as u64)
            );
        }
        if stats.bad_row_count > 0 {
            let shown = stats.bad_rows.len().min(10);
            println!(
                "  bad rows (first {shown} of {}):",
                self.count(stats.bad_row_count as u64)
            );
            for bad in &stats.bad_rows[..shown] {
                println!("    line {}: {}", bad.line, bad.reason);
            }
        }
        println!();
    }

    fn overall(&self, s: &Summary) {
        let optional = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("–".into(), f);
        println!(
            "Customers {} · orders {} · revenue {} · refunds {}",
            self.count(s.customers),
            self.count(s.orders),
            self.money(s.revenue),
            self.money(s.refunded),
        );
        println!(
            "Repeat purchase rate {} · average order value {} · purchase frequency {} a year",
            optional(s.repeat_purchase_rate, &|v| self.percent(v)),
            optional(s.average_order_value, &|v| self.money(v)),
            optional(s.purchase_frequency, &|v| format_decimal(
                v,
                2,
                2,
                self.locale
            )),
        );
        if let Some(c) = s.clv {
            println!(
                "Historical CLV per customer: mean {} · median {} · middle half {} – {} · top 10% from {} · max {}",
                self.money(c.mean),
                self.money(c.median),
                self.money(c.p25),
                self.money(c.p75),
                self.money(c.p90),
                self.money(c.max),
            );
        }
        if let (Some(first), Some(reference)) = (s.first_order, s.reference) {
            println!(
                "Orders from {first} to {}; counted on {reference} with a {}-month window",
                s.last_order.unwrap_or(first),
                s.options.window_months.max(1)
            );
        }
        println!();
    }

    fn periods(&self, s: &Summary) {
        println!(
            "{:<9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>13}",
            "period", "S", "E", "N", "first", "returned", "CRR", "churn", "orders", "revenue"
        );
        for p in &s.periods {
            let (crr, churn) = match p.retention {
                Some(r) => (self.percent(r.retention_rate), self.percent(r.churn_rate)),
                None => ("–".into(), "–".into()),
            };
            println!(
                "{:<9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>13}",
                format!("{}{}", p.label, if p.complete { "" } else { "*" }),
                self.count(p.start),
                self.count(p.end),
                self.count(p.new),
                self.count(p.first_time),
                self.count(p.reactivated),
                crr,
                churn,
                self.count(p.orders),
                self.money(p.revenue),
            );
        }
        println!("S, E: customers active at the start and end; N = first-time + returned buyers.");
        if s.periods.last().is_some_and(|p| !p.complete) {
            println!("* not over yet: E is counted on the reference day.");
        }
        println!();
    }

    fn cohorts(&self, s: &Summary) {
        let width = s.cohorts.iter().map(|c| c.shares.len()).max().unwrap_or(0);
        println!("Cohorts: share of each first-purchase month buying again k months later");
        let mut header = format!("{:<9} {:>7}", "month", "size");
        for k in 0..width {
            header.push_str(&format!(" {k:>6}"));
        }
        println!("{header}");
        for c in &s.cohorts {
            let mut line = format!("{:<9} {:>7}", c.label, self.count(c.size));
            for share in &c.shares {
                line.push_str(&format!(" {:>6}", format_percent(*share, 0, self.locale)));
            }
            println!("{line}");
        }
        println!();
    }

    fn inactive(&self, s: &Summary, show: usize) {
        let reference = s.reference.map(|r| r.to_string()).unwrap_or_default();
        println!(
            "Inactive for {} days or more on {reference}: {} customers{}",
            s.options.inactive_days,
            self.count(s.inactive.len() as u64),
            if s.inactive.len() > show {
                format!(" (the {show} most recently lapsed)")
            } else {
                String::new()
            }
        );
        if show > 0 && !s.inactive.is_empty() {
            println!(
                "  {:<30} {:>10} {:>6} {:>7} {:>12}",
                "customer", "last order", "days", "orders", "spend"
            );
            for c in s.inactive.iter().take(show) {
                println!(
                    "  {:<30} {:>10} {:>6} {:>7} {:>12}",
                    c.id,
                    c.last_order.to_string(),
                    c.days_inactive,
                    c.orders,
                    self.money(c.spend)
                );
            }
        }
        println!();
    }

    fn forecast(&self, forecast: Result<&Forecast, FitError>) {
        println!();
        let f = match forecast {
            Ok(f) => f,
            Err(e) => {
                println!("Forecast (BG/NBD + Gamma-Gamma): none, {e}.");
                return;
            }
        };
        let n = |v: f64, d: usize| {
            if v.is_finite() {
                format_decimal(v, d, d, self.locale)
            } else {
                "-".into()
            }
        };
        let (b, g) = (f.purchases, f.spend);
        println!(
            "Forecast for the next {} weeks, fitted on {} customers{}:",
            n(f.options.horizon_weeks, 0),
            format_count(f.customers as u64, self.locale),
            f.calibration_end
                .map(|end| format!(" up to {end}"))
                .unwrap_or_default()
        );
        println!(
            "  BG/NBD r {} alpha {} a {} b {}; Gamma-Gamma p {} q {} gamma {}",
            n(b.r, 3),
            n(b.alpha, 3),
            n(b.a, 3),
            n(b.b, 3),
            n(g.p, 3),
            n(g.q, 3),
            n(g.gamma, 3)
        );
        println!(
            "  expected: {} purchases worth {} in all; average P(alive) {}",
            n(f.expected_purchases, 0),
            n(f.expected_value, 2),
            format_percent(f.mean_p_alive * 100.0, 1, self.locale)
        );
        println!(
            "  {:<20} {:>9} {:>10} {:>10} {:>12}",
            "customer", "P(alive)", "purchases", "spend", "CLV"
        );
        for c in &f.top {
            let p = c.prediction;
            println!(
                "  {:<20} {:>9} {:>10} {:>10} {:>12}",
                c.id,
                format_percent(p.p_alive * 100.0, 1, self.locale),
                n(p.expected_purchases, 2),
                n(p.expected_spend, 2),
                n(p.clv, 2)
            );
        }
    }

    fn fill(&self, s: &Summary) {
        let f = &s.fill;
        let Some(from) = &s.fill_period else {
            println!("Calculator inputs: no complete period with customers at its start yet.");
            return;
        };
        let input = |v: Option<f64>| {
            // Two decimals are plenty for the calculator's spend and frequency.
            v.map_or(String::new(), |v| {
                format_input((v * 100.0).round() / 100.0, self.locale)
            })
        };
        let mut command = format!(
            "retention calc --start {} --end {} --new {}",
            input(f.start),
            input(f.end),
            input(f.new)
        );
        if f.spend.is_some() && f.frequency.is_some() {
            command.push_str(&format!(
                " --spend {} --frequency {}",
                input(f.spend),
                input(f.frequency)
            ));
        }
        command.push_str(&format!(" --period {}", f.period.name()));
        if self.locale == Locale::Nl {
            command.push_str(" --locale nl");
        }
        println!("Calculator inputs from {from} (the last complete period):");
        println!("  {command}");
    }
}
