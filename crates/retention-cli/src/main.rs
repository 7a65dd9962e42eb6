//! `retention`: the retention calculator on the command line.
//!
//! `retention calc` computes every figure from S, E and N (and spend, frequency, ...);
//! `retention analyze` reads an order export and counts S, E and N per period, cohorts and
//! the customers to win back. Both print a table, or JSON with `--json`. Every formula lives
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
mod nps;

use std::process::ExitCode;

const USAGE: &str = "\
retention: customer retention, churn and lifetime value

Usage:
  retention calc --start S --end E --new N [options]
  retention analyze FILE [options]
  retention nps --promoters P --passives A --detractors D [options]
  retention nps --answers FILE|- [options]
  retention nps --before FILE|- --after FILE|- [options]
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
  --sheet NAME         the sheet of an .xlsx or .xls workbook to read (default: the first)
  --locale L           nl or en: how numbers are written (default en)
  --json               print the import report and summary as JSON

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
            "a command is needed: calc, analyze or nps".into(),
        ));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => emit(USAGE),
        "-V" | "--version" => emit(&format!("retention {}\n", env!("CARGO_PKG_VERSION"))),
        "calc" => calc::run(rest),
        "analyze" | "analyse" => analyze::run(rest),
        "nps" => nps::run(rest),
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
