//! `retention analyze FILE`: an order export in, retention figures out.

mod segments;

use std::io::Read;

use retention_core::{
    customer_summaries, forecast_orders, format_count, format_decimal, format_input,
    format_percent, is_workbook, looks_like_summary_file, observation_end, read_summary_file,
    segment_customers, sniff_bytes, sniff_workbook, summarise_orders, summary_csv, win_back_csv,
    ColumnKind, Delimiter, Encoding, FitError, Forecast, ForecastOptions, Forecaster, ImportStats,
    Locale, Mapping, OrderLog, OrderReader, Period, Preview, Seed, Segmentation, Summary,
    SummaryFile, SummaryFileStats, SummaryOptions, TimeUnit, MAX_PERIODS, SAMPLE_BYTES,
};
use serde::Serialize;

use crate::args::Args;
use crate::{amount_habit, column_name, delimiter_words, emit, print_json, Failure};

/// How much of the file is read at a time.
const CHUNK_BYTES: usize = 256 * 1024;

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
    /// The RFM segments, with `--segments`.
    #[serde(skip_serializing_if = "Option::is_none")]
    segments: Option<&'a Segmentation>,
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
            "forecast-csv",
            "segment-csv",
            "sheet",
            "summary-csv",
            "time-unit",
            "horizon",
            "margin",
            "locale",
        ],
        &["json", "help", "segments"],
    )?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    let [path] = args.positional.as_slice() else {
        return Err(Failure::Usage("analyze needs exactly one FILE".into()));
    };
    let locale = args.locale(Locale::En)?;
    let reference = args.date("reference")?;
    let show = args.whole("show", 10)? as usize;
    let options = SummaryOptions {
        period: args.period(Period::Month)?,
        window_months: args.whole("window", 12)?,
        inactive_days: args.whole("inactive-days", 30)?,
        reference,
        // The report lists `show` of them (the count is always complete); JSON lists all.
        inactive_limit: match args.has("json") {
            true => None,
            false => Some(u32::try_from(show).unwrap_or(u32::MAX)),
        },
    };
    if options.window_months == 0 {
        return Err(Failure::Usage("--window must be at least 1 month".into()));
    }
    let forecast_options = ForecastOptions {
        top: show,
        horizon_weeks: args.number("horizon")?.unwrap_or(52.0),
        margin: args.number("margin")?,
    };
    if let Err(e) = forecast_options.check() {
        let flag = match e.option {
            "margin" => "--margin",
            _ => "--horizon (weeks)",
        };
        return Err(Failure::Usage(format!("{flag} must be {}", e.expected)));
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

    let (preview, log) = match import(path, args.value("sheet"), unit)? {
        Input::Orders(read) => *read,
        // A per-customer summary (the warehouse SQL's, lifetimes', PyMC-Marketing's) goes
        // straight to the fit.
        Input::Summary(file) => return summary_file(path, &file, forecast_options, &args, locale),
    };
    let mapping = preview
        .mapping
        .clone()
        .unwrap_or_else(|| Mapping::new(Delimiter::Comma, false, 0));
    let summary = summarise_orders(&log, &options);
    if let Some(out) = args.value("inactive-csv") {
        std::fs::write(out, win_back_csv(&log, &options, locale))
            .map_err(|e| Failure::Input(format!("cannot write {out}: {e}")))?;
    }
    let forecaster = forecast_orders(&log, options.reference, forecast_options);
    if let Some(out) = args.value("forecast-csv") {
        let text = match &forecaster {
            Ok(f) => f.csv(&log, locale),
            Err(e) => {
                return Err(Failure::Input(format!(
                    "no forecast to write to {out}: {e}"
                )))
            }
        };
        std::fs::write(out, text)
            .map_err(|e| Failure::Input(format!("cannot write {out}: {e}")))?;
    }
    if let (Some(out), Some(end)) = (
        args.value("summary-csv"),
        observation_end(&log, options.reference),
    ) {
        std::fs::write(out, summary_csv(&log, &customer_summaries(&log, end)))
            .map_err(|e| Failure::Input(format!("cannot write {out}: {e}")))?;
    }
    let segmenter = (args.has("segments") || args.value("segment-csv").is_some())
        .then(|| segment_customers(&log, options.reference, forecaster.as_ref().ok()));
    if let (Some(dir), Some(segments)) = (args.value("segment-csv"), &segmenter) {
        segments::write_files(dir, &log, segments, locale)?;
    }
    let segmentation = segmenter
        .as_ref()
        .filter(|_| args.has("segments"))
        .map(|s| s.segmentation());
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
            segments: segmentation,
        })?;
    } else {
        let mut out = Printer {
            locale,
            out: String::new(),
        };
        out.import(path, &preview, &mapping, log.stats());
        if summary.customers > 0 {
            out.overall(&summary);
            out.periods(&summary);
            out.cohorts(&summary);
            out.inactive(&summary, show);
            out.fill(&summary);
            out.forecast(forecast);
            if let Some(s) = segmentation {
                out.segments(s);
            }
        }
        emit(&out.out)?;
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
    summary_file: &'a SummaryFileStats,
    forecast: Option<&'a Forecast>,
    forecast_error: Option<FitError>,
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
            summary_file: &file.stats,
            forecast: forecast.ok(),
            forecast_error: forecast.err(),
        });
    }
    let mut out = Printer {
        locale,
        out: String::new(),
    };
    outln!(
        out.out,
        "{path}: a per-customer summary: {} rows, {} customers, {} of whom bought again{}",
        out.count(file.stats.rows as u64),
        out.count(file.stats.customers),
        out.count(file.stats.repeat_customers),
        if file.stats.compact { " (compact)" } else { "" },
    );
    if file.stats.bad_row_count > 0 {
        outln!(
            out.out,
            "  bad rows (first 10 of {}):",
            out.count(file.stats.bad_row_count as u64)
        );
        for bad in file.stats.bad_rows.iter().take(10) {
            outln!(out.out, "    line {}: {}", bad.line, bad.problem);
        }
    }
    out.forecast(forecast);
    emit(&out.out)
}

/// What `analyze` reads: an order export, or a per-customer summary file.
enum Input {
    Orders(Box<(Preview, OrderLog)>),
    Summary(SummaryFile),
}

/// Sniffs the file's first bytes, then reads it in chunks through the core's streaming
/// reader (a spreadsheet whole, through calamine): memory grows with the orders, not the file.
/// A per-customer summary file (its header names frequency, recency and T) is read whole,
/// with times in `unit`.
fn import(path: &str, sheet: Option<&str>, unit: TimeUnit) -> Result<Input, Failure> {
    let cannot = |e: std::io::Error| Failure::Input(format!("cannot read {path}: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut head = Vec::with_capacity(SAMPLE_BYTES);
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(cannot)?;
    if is_workbook(&head) {
        file.read_to_end(&mut head).map_err(cannot)?;
        let preview =
            sniff_workbook(&head, sheet).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        if preview.is_summary_file() {
            let text = retention_core::sheet_text(&head, sheet)
                .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
            let file = read_summary_file(&text, unit)
                .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
            return Ok(Input::Summary(file));
        }
        let mapping = found(path, &preview)?;
        let log = OrderReader::read_all(&head, &mapping, Seed::random(), |_, _| true)
            .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        return Ok(Input::Orders(Box::new((preview, log))));
    }
    if sheet.is_some() {
        return Err(Failure::Usage(format!(
            "--sheet is for spreadsheets, and {path} is a text file"
        )));
    }
    if looks_like_summary_file(&head) {
        file.read_to_end(&mut head).map_err(cannot)?;
        let (text, _) = retention_core::decode_text(head);
        let file =
            read_summary_file(&text, unit).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        return Ok(Input::Summary(file));
    }
    let whole = head.len() < SAMPLE_BYTES;
    let preview = sniff_bytes(&head, whole).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let mapping = found(path, &preview)?;
    let failed = |e: retention_core::ImportError| Failure::Input(format!("{path}: {e}"));
    let mut reader = OrderReader::new(&mapping, Seed::random()).map_err(failed)?;
    reader.feed(&head).map_err(failed)?;
    drop(head);
    let mut chunk = vec![0; CHUNK_BYTES];
    loop {
        let n = file.read(&mut chunk).map_err(cannot)?;
        if n == 0 {
            break;
        }
        reader.feed(&chunk[..n]).map_err(failed)?;
    }
    let log = reader.finish().map_err(failed)?;
    match log.stats().encoding {
        Encoding::Windows1252 => {
            eprintln!("retention: note: {path} is not UTF-8; reading it as Windows-1252")
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            eprintln!("retention: note: {path} is UTF-16")
        }
        Encoding::Utf8 => {}
    }
    Ok(Input::Orders(Box::new((preview, log))))
}

/// The suggested mapping, or why there is none.
fn found(path: &str, preview: &Preview) -> Result<Mapping, Failure> {
    preview.mapping.clone().ok_or_else(|| {
        Failure::Input(format!(
            "cannot find a customer, a date and an amount column in {path} ({})",
            describe_columns(preview)
        ))
    })
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
    out: String,
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

    fn import(&mut self, path: &str, preview: &Preview, m: &Mapping, stats: &ImportStats) {
        outln!(self.out,
            "{path}: {} rows: {} orders, {} refunds, {} left out, {} guest rows, {} bad rows; {} customers",
            self.count(stats.read.rows as u64),
            self.count(stats.orders as u64),
            self.count(stats.refunds as u64),
            self.count(stats.left_out as u64),
            self.count(stats.guest_rows as u64),
            self.count(stats.read.bad_row_count as u64),
            self.count(stats.customers as u64),
        );
        if let Some(format) = preview.format {
            outln!(self.out, "  looks like {}", format.label(Locale::En));
        }
        let name = |c: usize| column_name(c, preview.columns.get(c).map(|g| g.name.as_str()));
        let delimiter = delimiter_words(m.delimiter);
        let amounts = amount_habit(m.locale);
        let roles: Vec<String> = m
            .roles()
            .into_iter()
            .map(|(c, kind)| match kind {
                ColumnKind::Date => format!("date = {} ({})", name(c), m.date_format.pattern()),
                kind => format!("{} = {}", kind.label(Locale::En), name(c)),
            })
            .collect();
        let sheet = m
            .sheet
            .as_deref()
            .map(|s| format!("sheet \"{s}\"; "))
            .unwrap_or_default();
        outln!(
            self.out,
            "  read: {}; amounts {amounts}; {sheet}{delimiter}{}",
            roles.join(", "),
            if m.has_header { ", header row" } else { "" },
        );
        for note in stats.notes(self.locale) {
            outln!(self.out, "  {note}");
        }
        if stats.read.bad_row_count > 0 {
            let shown = stats.read.bad_rows.len().min(10);
            outln!(
                self.out,
                "  bad rows (first {shown} of {}):",
                self.count(stats.read.bad_row_count as u64)
            );
            for bad in &stats.read.bad_rows[..shown] {
                outln!(self.out, "    line {}: {}", bad.line, bad.reason);
            }
        }
        outln!(self.out);
    }

    fn overall(&mut self, s: &Summary) {
        let optional = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("–".into(), f);
        outln!(
            self.out,
            "Customers {} · orders {} · revenue {} · refunds {}",
            self.count(s.customers),
            self.count(s.orders),
            self.money(s.revenue),
            self.money(s.refunded),
        );
        outln!(
            self.out,
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
            outln!(self.out,
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
            outln!(
                self.out,
                "Orders from {first} to {}; counted on {reference} with a {}-month window",
                s.last_order.unwrap_or(first),
                s.options.window_months.max(1)
            );
        }
        outln!(self.out);
    }

    fn periods(&mut self, s: &Summary) {
        outln!(
            self.out,
            "{:<9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>13}",
            "period",
            "S",
            "E",
            "N",
            "first",
            "returned",
            "CRR",
            "churn",
            "orders",
            "revenue"
        );
        for p in &s.periods {
            let (crr, churn) = match p.retention {
                Some(r) => (self.percent(r.retention_rate), self.percent(r.churn_rate)),
                None => ("–".into(), "–".into()),
            };
            outln!(
                self.out,
                "{:<9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>13}",
                format!(
                    "{}{}{}",
                    p.label,
                    // Its window reaches back before the first order.
                    if p.window_full { "" } else { "~" },
                    if p.complete { "" } else { "*" }
                ),
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
        outln!(
            self.out,
            "S, E: customers active at the start and end; N = first-time + returned buyers."
        );
        if s.period != s.options.period {
            outln!(
                self.out,
                "Counted by {} rather than {}: the orders span more than {MAX_PERIODS} {}s.",
                s.period.name(),
                s.options.period.name(),
                s.options.period.name()
            );
        }
        if s.periods.iter().any(|p| !p.window_full) {
            outln!(
                self.out,
                "~ window not full yet: the {} months before the period reach back before the first order, so nearly everyone still looks active and CRR reads near 100%.",
                s.options.window_months.max(1)
            );
        }
        if s.periods.last().is_some_and(|p| !p.complete) {
            outln!(
                self.out,
                "* not over yet: E is counted on the reference day."
            );
        }
        outln!(self.out);
    }

    fn cohorts(&mut self, s: &Summary) {
        let width = s.cohorts.iter().map(|c| c.shares.len()).max().unwrap_or(0);
        outln!(
            self.out,
            "Cohorts: share of each first-purchase month buying again k months later"
        );
        let mut header = format!("{:<9} {:>7}", "month", "size");
        for k in 0..width {
            header.push_str(&format!(" {k:>6}"));
        }
        outln!(self.out, "{header}");
        for c in &s.cohorts {
            let mut line = format!("{:<9} {:>7}", c.label, self.count(c.size));
            for share in &c.shares {
                line.push_str(&format!(" {:>6}", format_percent(*share, 0, self.locale)));
            }
            outln!(self.out, "{line}");
        }
        if s.cohorts_left_out > 0 {
            outln!(
                self.out,
                "(the latest {} first-purchase months; {} older ones left out)",
                s.cohorts.len(),
                s.cohorts_left_out
            );
        }
        outln!(self.out);
    }

    fn inactive(&mut self, s: &Summary, show: usize) {
        let reference = s.reference.map(|r| r.to_string()).unwrap_or_default();
        outln!(
            self.out,
            "Inactive for {} days or more on {reference}: {} customers{}",
            s.options.inactive_days,
            self.count(s.inactive_count as u64),
            if s.inactive_count > show {
                format!(" (the {show} most recently lapsed)")
            } else {
                String::new()
            }
        );
        if show > 0 && !s.inactive.is_empty() {
            outln!(
                self.out,
                "  {:<30} {:>10} {:>6} {:>7} {:>12}  {}",
                "customer",
                "last order",
                "days",
                "orders",
                "spend",
                "segment"
            );
            for c in s.inactive.iter().take(show) {
                outln!(
                    self.out,
                    "  {:<30} {:>10} {:>6} {:>7} {:>12}  {}",
                    c.id,
                    c.last_order.to_string(),
                    c.days_inactive,
                    c.orders,
                    self.money(c.spend),
                    c.segment.label(self.locale)
                );
            }
        }
        let by_segment: Vec<String> = s
            .inactive_segments
            .iter()
            .filter(|c| c.customers > 0)
            .map(|c| {
                format!(
                    "{} {}",
                    c.segment.label(self.locale),
                    self.count(c.customers)
                )
            })
            .collect();
        if !by_segment.is_empty() {
            outln!(self.out, "  by segment: {}", by_segment.join(" · "));
        }
        outln!(self.out);
    }

    fn forecast(&mut self, forecast: Result<&Forecast, FitError>) {
        outln!(self.out);
        let f = match forecast {
            Ok(f) => f,
            Err(e) => {
                outln!(self.out, "Forecast (BG/NBD + Gamma-Gamma): none, {e}.");
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
        outln!(
            self.out,
            "Forecast for the next {} weeks, fitted on {} customers{}:",
            n(f.options.horizon_weeks, 0),
            format_count(f.customers as u64, self.locale),
            f.calibration_end
                .map(|end| format!(" up to {end}"))
                .unwrap_or_default()
        );
        outln!(
            self.out,
            "  BG/NBD r {} alpha {} a {} b {}; Gamma-Gamma p {} q {} gamma {}",
            n(b.r, 3),
            n(b.alpha, 3),
            n(b.a, 3),
            n(b.b, 3),
            n(g.p, 3),
            n(g.q, 3),
            n(g.gamma, 3)
        );
        outln!(
            self.out,
            "  expected: {} purchases worth {} in all; average P(alive) {}",
            n(f.expected_purchases, 0),
            n(f.expected_value, 2),
            format_percent(f.mean_p_alive * 100.0, 1, self.locale)
        );
        outln!(
            self.out,
            "  {:<20} {:>9} {:>10} {:>10} {:>12}",
            "customer",
            "P(alive)",
            "purchases",
            "spend",
            "CLV"
        );
        for c in &f.top {
            let p = c.prediction;
            outln!(
                self.out,
                "  {:<20} {:>9} {:>10} {:>10} {:>12}",
                c.id,
                format_percent(p.p_alive * 100.0, 1, self.locale),
                n(p.expected_purchases, 2),
                n(p.expected_spend, 2),
                n(p.clv, 2)
            );
        }
    }

    fn fill(&mut self, s: &Summary) {
        let f = &s.fill;
        let Some(from) = &s.fill_period else {
            let shorter = match s.longest_full_window {
                Some(months) => format!("--window {months} or shorter gives one"),
                None => "the export is too short for any window".into(),
            };
            outln!(
                self.out,
                "Calculator inputs: no complete period with customers at its start and a full {}-month window yet ({shorter}).",
                s.options.window_months.max(1)
            );
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
        outln!(
            self.out,
            "Calculator inputs from {from} (the last complete period):"
        );
        outln!(self.out, "  {command}");
    }
}
