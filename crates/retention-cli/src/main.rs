//! `retention`: the retention calculator on the command line.
//!
//! `retention calc` computes every figure from S, E and N (and spend, frequency, ...);
//! `retention analyze` reads an order export and counts S, E and N per period, cohorts and
//! the customers to win back. Both print a table, or JSON with `--json`. Every formula lives
//! in `retention-core`; this crate only reads arguments and writes text.

mod analyze;
mod args;
mod calc;
mod sql;

use std::process::ExitCode;

const USAGE: &str = "\
retention: customer retention, churn and lifetime value

Usage:
  retention calc --start S --end E --new N [options]
  retention analyze FILE [options]
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

retention analyze: reads an order export (CSV or TSV from a shop or CRM: one row per
order with a customer id, a date and an amount; the layout is detected) and prints S, E
and N per period, repeat rate, order value, frequency, CLV, cohorts, the inactive
customers and the calculator inputs of the last complete period.
  --period P           month, quarter or year (default month)
  --window M           months a purchase keeps a customer active (default 12)
  --inactive-days N    days without a purchase before a customer is inactive (default 30)
  --reference DATE     the day to count at, yyyy-mm-dd (default: the last order)
  --show N             inactive customers to list (default 10)
  --inactive-csv PATH  write every inactive customer to PATH, for a win-back mail
  --summary-csv PATH   write each customer's history to PATH: customer, frequency, recency,
                       T, monetary_value in days, as `retention sql` and lifetimes write it
  --horizon W          weeks to forecast (default 52)
  --margin M           gross margin in percent, for profit CLV
  --time-unit U        days (default) or weeks: the unit of recency and T in a summary file
A per-customer summary file (columns frequency, recency, T and monetary_value, optionally a
customer id and a count: the output of `retention sql`, lifetimes or PyMC-Marketing) goes
straight to the fit and the forecast.
  --locale L           nl or en: how numbers are written (default en)
  --json               print the import report and summary as JSON

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
            "a command is needed: calc or analyze".into(),
        ));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        "-V" | "--version" => {
            println!("retention {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        "calc" => calc::run(rest),
        "analyze" | "analyse" => analyze::run(rest),
        "sql" => sql::run(rest),
        other => Err(Failure::Usage(format!("unknown command '{other}'"))),
    }
}

/// Prints `value` as pretty JSON.
fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Input(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
