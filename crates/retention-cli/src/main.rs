//! `retention`: the retention calculator on the command line.
//!
//! `retention calc` computes every figure from S, E and N (and spend, frequency, ...);
//! `retention analyze` reads an order export and counts S, E and N per period, cohorts and
//! the customers to win back; `retention members` and `retention survivors` do the same for
//! memberships (members.rs). Each prints a table, or JSON with `--json`. Every formula lives
//! in `retention-core`; this crate only reads arguments and writes text.

/// Appends a line to `out`: text for standard output, which [`emit`] writes, so that a closed
/// pipe ends the command quietly instead of panicking as `println!` does.
macro_rules! outln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        // Formatted first: the arguments may read what holds `out`.
        let line = format!($($arg)*);
        $out.push_str(&line);
        $out.push('\n');
    }};
}

mod analyze;
mod args;
mod calc;
mod members;
mod nps;
mod sql;

use std::process::ExitCode;

const USAGE: &str = "\
retention: customer retention, churn and lifetime value

Usage:
  retention calc --start S --end E --new N [options]
  retention analyze FILE [options]
  retention members FILE [options]
  retention members --start S --cancelled C --new N [options]
  retention survivors [FILE] [options]
  retention nps --promoters P --passives A --detractors D [options]
  retention nps --answers FILE|- [options]
  retention nps --before FILE|- --after FILE|- [options]
  retention sql --dialect D --table T --customer C --date D --amount A [options]
  retention --help | --version

retention calc: every figure from the customers at the start (S) and end (E) of a period
and the new customers won in it (N), with the formula and your numbers filled in.
  --start S            customers at the start of the period
  --end E              customers at the end of the period
  --new N              new customers won during the period
  --spend X            average spend per purchase
  --frequency F        purchases per customer per year
  --margin M           gross margin in percent (for profit CLV)
  --lifespan Y         expected lifespan in years (default: 1 / churn)
  --discount-rate D    yearly discount rate in percent (for discounted CLV)
  --cac C              what winning one customer costs (for CLV : CAC)
  --period P           month, quarter or year (default year)
  --locale L           nl or en: how numbers are read and written (default en)
  --currency C         EUR, USD or GBP (default: EUR for nl, USD for en)
  --json               print the report as JSON

retention analyze: reads an order export (CSV, TSV or an Excel workbook from a shop, a
payment system or a CRM; the layout, the columns and known exports such as Shopify's are
detected), groups its rows into orders (cancelled and voided orders left out, refunds
taken off) and prints S, E and N per period, repeat rate, order value, frequency, CLV,
cohorts, the inactive customers and the calculator inputs of the last complete period.
  --period P           month, quarter or year (default month)
  --window M           months a purchase keeps a customer active (default 12)
  --inactive-days N    days without a purchase before a customer is inactive (default 30)
  --reference DATE     the day to count at, yyyy-mm-dd (default: the last order)
  --show N             inactive customers to list (default 10)
  --inactive-csv PATH  write every inactive customer to PATH, for a win-back mail
  --forecast-csv PATH  write every customer's forecast to PATH
  --segments           print the RFM segments: recency, frequency and monetary scores by
                       quintiles, the segments (champions, loyal, at risk, ...) with their
                       share of customers and revenue, predicted CLV, P(alive) and what
                       to do, and the R × F grid
  --segment-csv DIR    write a file per segment to DIR (segment-at-risk.csv, ...) with
                       id, e-mail and name when the export has them, last order, orders,
                       spend and predicted CLV, for a mailing tool
  --summary-csv PATH   write each customer's history to PATH: customer, frequency, recency,
                       T, monetary_value in days, as `retention sql` and lifetimes write it
  --horizon W          weeks to forecast (default 52)
  --margin M           gross margin in percent, for profit CLV
  --time-unit U        days (default) or weeks: the unit of recency and T in a summary file
A per-customer summary file (columns frequency, recency, T and monetary_value, optionally a
customer id and a count: the output of `retention sql`, lifetimes or PyMC-Marketing) goes
straight to the fit and the forecast.
  --sheet NAME         the sheet of an .xlsx or .xls workbook to read (default: the first)
  --locale L           nl or en: how numbers are written (default en)
  --json               print the import report and summary as JSON

retention members FILE: reads a member export (CSV, TSV or a spreadsheet: one row per
membership with a member id, a start date, an end or cancellation date that is empty while
still a member, optionally a fee and a plan; the layout is detected) and prints survival by
months since the start (Kaplan-Meier), the sBG model with today's members projected and
valued, members in and out per period, cohorts, the members at risk by plan and tenure, the
months in which cancellations cluster, and the members calculator's inputs.
  --reference DATE     the day to count at, yyyy-mm-dd (default: the last date in the file)
  --period P           month, quarter or year for the table of periods (default month)
  --fee X              the fee for members without one in the file
  --fee-period P       the period the file's fees are for: month, quarter or year (default month)
  --margin M           gross margin on the fee in percent
  --discount-rate D    yearly discount rate in percent (default 10)
  --horizon N          months to project ahead (default 12)
  --sheet NAME         the sheet of a spreadsheet to read (default the first)
  --locale L, --currency C, --json

retention members --start S --cancelled C --new N: the members calculator. S members at
the start of a period, C of them cancelled, N new members still there at its end.
  --fee F              the fee per period (for member CLV)
  --margin M           gross margin on the fee in percent
  --discount-rate D    yearly discount rate in percent (for discounted member CLV)
  --period P           month, quarter or year (default month)
  --locale L, --currency C, --json

retention survivors [FILE]: fits the shifted-beta-geometric model (Fader & Hardie 2007) to
a survivors table: one line per period with the members of one cohort still active
(0;1000, 1;631, ...). Reads stdin without FILE or with -.
  --period P           the length of a period (default year)
  --horizon N          periods to project beyond the table (default 10)
  --discount-rate D    yearly discount rate in percent (default 10)
  --fee F, --margin M  a member's fee per period and margin, for residual value
  --locale L, --currency C, --json

retention nps: the Net Promoter Score (% promoters - % detractors) with its standard
error, 95% interval and band; or two surveys compared with a z test at 5%.
  --promoters P        respondents who answered 9 or 10
  --passives A         respondents who answered 7 or 8
  --detractors D       respondents who answered 0 to 6
  --answers FILE       raw 0-10 answers: one a line, or separated by commas, semicolons,
                       tabs or spaces; a header line is skipped; - reads standard input
  --column C           read only column C of a table (header name, or number from 1)
  --before FILE        compare: the first survey's answers (or --before-counts P,A,D)
  --after FILE         compare: the second survey's answers (or --after-counts P,A,D)
  --change D           also: respondents a survey needs to show a change of D points
  --show N             cells that are not answers to list (default 10)
  --locale L           nl or en: how numbers are read and written (default en)
  --json               print the figures as JSON

retention sql: prints the SQL that lets a data warehouse do the counting: one SELECT
statement that follows the import's rules (what is an order, refunds, left-out statuses),
each stated in a comment. Names are quoted for the dialect; put a name in double quotes
(\"Order ID\") to keep its case exactly.
  --dialect D          bigquery, snowflake, postgres, duckdb or spark (also Databricks)
  --table T            the orders table, optionally schema.table or project.dataset.table
  --customer C         the customer id column
  --date D             the order date column
  --amount A           the order total column; or --quantity Q --price P; or --line-amount L
  --order O            the order number column: rows sharing one are one order
  --status S           the status column: cancelled, refunded, failed, ... orders left out
  --refunded R         the refunded amount column, taken off the order's amount
  --cancelled-at C     a column whose value marks an order cancelled
  --end DATE           the observation end, yyyy-mm-dd (default: the last purchase)
  --what W             summary (default: customer, frequency, recency, T, monetary_value,
                       days), compact (grouped, with count), periods (S, E, N), cohorts
                       or scoring (P(alive), expected purchases, CLV per customer)
  --period P           month, quarter or year, for periods (default month)
  --window M           months a purchase keeps a customer active (default 12)
  --model FILE         for scoring: the JSON of `retention analyze --json`
  --horizon W          for scoring: weeks ahead (default 52)
  --margin M           for scoring: gross margin in percent, for profit CLV

Exit status: 0 when all is well, 1 when the figures or the file have a mistake (the
message says which), 2 for a command line that cannot be understood.
";

/// Why the command failed, and so its exit status.
#[derive(Debug)]
pub enum Failure {
    /// The command line cannot be understood: exit 2.
    Usage(String),
    /// The figures or the file have a mistake: exit 1. The messages are already printed
    /// when this is empty.
    Input(String),
}

/// `bytes` read from `name`, unless they are a compressed file: the order import's message
/// then, for every command that reads a file or standard input.
fn not_compressed(name: &str, bytes: Vec<u8>) -> Result<Vec<u8>, Failure> {
    match retention_core::Compression::of(&bytes) {
        Some(format) => Err(Failure::Input(format!(
            "{name}: {}",
            retention_core::SniffError::Compressed { format }
        ))),
        None => Ok(bytes),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            if !message.is_empty() {
                eprintln!("retention: error: {message}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("retention: {message}\nTry 'retention --help'.");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage(
            "a command is needed: calc, analyze, members, survivors or nps".into(),
        ));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => emit(USAGE),
        "-V" | "--version" => emit(&format!("retention {}\n", env!("CARGO_PKG_VERSION"))),
        "calc" => calc::run(rest),
        "analyze" | "analyse" => analyze::run(rest),
        "members" => members::run(rest),
        "survivors" => members::run_survivors(rest),
        "nps" => nps::run(rest),
        "sql" => sql::run(rest),
        other => Err(Failure::Usage(format!("unknown command '{other}'"))),
    }
}

/// Prints `value` as pretty JSON.
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Input(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    emit(&text)
}

/// Writes `text` to standard output. A reader that went away (`retention analyze ... | head
/// -1`) is no error: the command ends quietly with status 0.
fn emit(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Input(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// A calculator's report and explanations, as `--json` prints them.
#[derive(serde::Serialize)]
struct CalculatorJson<'a, R, E> {
    report: &'a R,
    explanations: &'a [E],
}

/// "Over a month", the heading of a calculator's figures.
fn over(period: retention_core::Period, locale: retention_core::Locale) -> String {
    let over = locale.pick("Over een", "Over a");
    format!("{over} {}", period.label(locale).to_lowercase())
}

/// How the CLI names column `c` (from 0) of a file: `column 3 "Datum"`, or `column 3` unnamed.
fn column_name(c: usize, name: Option<&str>) -> String {
    match name {
        None | Some("") => format!("column {}", c + 1),
        Some(name) => format!("column {} \"{name}\"", c + 1),
    }
}

/// What separates a file's fields, in words.
fn delimiter_words(delimiter: retention_core::Delimiter) -> &'static str {
    match delimiter {
        retention_core::Delimiter::Comma => "commas",
        retention_core::Delimiter::Semicolon => "semicolons",
        retention_core::Delimiter::Tab => "tabs",
        retention_core::Delimiter::Whitespace => "spaces",
    }
}

/// How amounts are written in `locale`: `1.234,56` or `1,234.56`.
fn amount_habit(locale: retention_core::Locale) -> &'static str {
    locale.pick("1.234,56", "1,234.56")
}

/// One figure of a calculator: its label, value, formula with the numbers, and a note.
fn figure_row(
    out: &mut String,
    label: &str,
    value: &str,
    formula: &str,
    numbers: &str,
    note: &str,
) {
    outln!(out, "{label:<30} {value:>16}  {formula} = {numbers}{note}");
}

/// A calculator's answer: its report and explanations as JSON with `--json`, else `text()`;
/// then each input error on standard error, and exit status 1 when there is one.
fn calculator_output<R: serde::Serialize, E: serde::Serialize>(
    json: bool,
    report: &R,
    explanations: &[E],
    errors: &[impl std::fmt::Display],
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if json {
        print_json(&CalculatorJson {
            report,
            explanations,
        })?;
    } else {
        emit(&text())?;
    }
    if errors.is_empty() {
        return Ok(());
    }
    for error in errors {
        eprintln!("retention: error: {error}");
    }
    Err(Failure::Input(String::new()))
}
