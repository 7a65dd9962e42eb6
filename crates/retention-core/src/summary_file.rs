//! Per-customer summary files: the table the warehouse SQL returns and that lifetimes and
//! PyMC-Marketing users already have, read into what the models need — and written from an
//! order log in the same form.
//!
//! The columns, found by name in a header row (any case, any order):
//! - `frequency`: repeat purchases (purchase days − 1);
//! - `recency`: time from the first purchase to the last;
//! - `T`: time from the first purchase to the observation end;
//! - `monetary_value`: mean value of the repeat purchases (optional: without it only the
//!   purchase model can be fitted);
//! - `count`: how many customers have this history (optional: the compact form);
//! - a customer id: the column named `customer`, `customer_id` or `id`, else the first other
//!   column (pandas writes its index there, often with an empty name). Optional.
//!
//! lifetimes' calibration names (`frequency_cal`, `recency_cal`, `T_cal`,
//! `monetary_value_cal`) are read too. Times are in days unless the caller says weeks. Fields
//! are separated by commas, semicolons (with decimal commas, as Dutch spreadsheets write
//! them) or tabs.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::orders::{Record, Scanner};
use crate::{CsvWriter, CustomerSummary, Delimiter, Inputs, Locale, OrderLog, MAX_BAD_ROWS};

/// The most customers a summary file may describe (counts added up): the models hold 32
/// bytes per customer.
pub const MAX_SUMMARY_CUSTOMERS: u64 = 20_000_000;

/// Days in a week: the models' unit of time.
const WEEK: f64 = 7.0;

/// The unit of `recency` and `T` in a summary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TimeUnit {
    /// Days: what the warehouse SQL, lifetimes and PyMC-Marketing write by default.
    #[default]
    Days,
    /// Weeks.
    Weeks,
}

/// One row of a summary file: one customer, or (compact) several with the same history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryRow {
    /// The customer id; empty when the file has none.
    pub id: String,
    /// The history, in weeks.
    pub summary: CustomerSummary,
    /// How many customers have it.
    pub count: u64,
}

/// What is wrong with a row; the row is skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SummaryRowProblem {
    /// The row has another number of fields than the header.
    Columns {
        /// Fields found.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A field is not a number of the kind its column holds.
    Number {
        /// The column's name as the file writes it.
        column: String,
        /// The text.
        text: String,
    },
    /// Recency above T, or a repeat buyer with recency 0: no history gives that.
    Impossible,
}

/// A bad row and its line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryBadRow {
    /// The line, counting from 1.
    pub line: usize,
    /// What is wrong.
    pub problem: SummaryRowProblem,
}

/// Why a file is not a summary file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SummaryFileError {
    /// No `frequency`, `recency` or `T` column in the first row.
    MissingColumn {
        /// The first one missing.
        column: String,
    },
    /// Not one good row.
    NoRows,
    /// The counts add up to more than [`MAX_SUMMARY_CUSTOMERS`].
    TooManyCustomers {
        /// The sum of the counts (at least).
        customers: u64,
    },
}

impl fmt::Display for SummaryFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SummaryFileError::MissingColumn { column } => write!(
                f,
                "not a summary file: no {column} column (a summary has frequency, recency, T \
                 and monetary_value)"
            ),
            SummaryFileError::NoRows => f.write_str("the summary file has no readable rows"),
            SummaryFileError::TooManyCustomers { customers } => write!(
                f,
                "the summary describes {customers} customers, more than {MAX_SUMMARY_CUSTOMERS}: \
                 fit on a sample"
            ),
        }
    }
}

impl std::error::Error for SummaryFileError {}

impl fmt::Display for SummaryRowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SummaryRowProblem::Columns { found, expected } => {
                write!(f, "{found} fields where the header has {expected}")
            }
            SummaryRowProblem::Number { column, text } => {
                write!(f, "{column} is not a number of the right kind: {text:?}")
            }
            SummaryRowProblem::Impossible => f.write_str(
                "impossible history: recency above T, or repeat purchases with recency 0",
            ),
        }
    }
}

/// A summary file read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryFile {
    /// The good rows, in file order.
    pub rows: Vec<SummaryRow>,
    /// What was read, without the rows.
    pub stats: SummaryFileStats,
}

/// What a summary file held, without its rows: what the CLI's `--json` and the JS API show.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryFileStats {
    /// Data rows read (good and bad).
    pub rows: usize,
    /// Customers: the counts added up.
    pub customers: u64,
    /// Of whom bought on more than one day.
    pub repeat_customers: u64,
    /// The file names its customers.
    pub has_ids: bool,
    /// The file has a `count` column.
    pub compact: bool,
    /// The file has a `monetary_value` column.
    pub has_spend: bool,
    /// How many rows were bad.
    pub bad_row_count: usize,
    /// The first [`MAX_BAD_ROWS`] bad rows.
    pub bad_rows: Vec<SummaryBadRow>,
}

/// The columns a summary file has, by position.
struct Layout {
    frequency: usize,
    recency: usize,
    age: usize,
    spend: Option<usize>,
    count: Option<usize>,
    id: Option<usize>,
    names: Vec<String>,
}

impl Layout {
    fn find(names: Vec<String>) -> Result<Layout, SummaryFileError> {
        let position = |wanted: &[&str]| {
            names
                .iter()
                .position(|n| wanted.iter().any(|w| n.eq_ignore_ascii_case(w)))
        };
        let required = |wanted: &[&str]| {
            position(wanted).ok_or_else(|| SummaryFileError::MissingColumn {
                column: wanted[0].to_string(),
            })
        };
        let frequency = required(&["frequency", "frequency_cal"])?;
        let recency = required(&["recency", "recency_cal"])?;
        let age = required(&["T", "T_cal"])?;
        let spend = position(&["monetary_value", "monetary_value_cal"]);
        let count = position(&["count"]);
        let known = [Some(frequency), Some(recency), Some(age), spend, count];
        let id = position(&["customer", "customer_id", "id"])
            .or_else(|| (0..names.len()).find(|i| !known.contains(&Some(*i))));
        Ok(Layout {
            frequency,
            recency,
            age,
            spend,
            count,
            id,
            names,
        })
    }
}

/// Whether a file's first bytes start like a summary file: a first line that names the
/// `frequency`, `recency` and `T` columns. An order export never does, so a reader can take
/// the summary path on this alone and read the rest with [`read_summary_file`].
///
/// ```
/// use retention_core::looks_like_summary_file;
/// assert!(looks_like_summary_file(b"customer;frequency;recency;T;monetary_value\r\na;1;7;14;5\n"));
/// assert!(!looks_like_summary_file(b"customer,date,amount\na,2024-01-01,5\n"));
/// ```
pub fn looks_like_summary_file(head: &[u8]) -> bool {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let header = String::from_utf8_lossy(line);
    // The header alone: its columns found, and no rows.
    read_summary_file(&header, TimeUnit::Days) == Err(SummaryFileError::NoRows)
}

/// Reads a summary file (`text` whole, as [`crate::decode_text`] gives it), with `recency` and
/// `T` in `unit`. Bad rows are skipped and reported; a file without the columns, or without
/// one good row, is an error.
///
/// ```
/// use retention_core::{read_summary_file, TimeUnit};
/// let text = "customer,frequency,recency,T,monetary_value\nann,2,14,28,30.5\nbob,0,0,7,0\n";
/// let file = read_summary_file(text, TimeUnit::Days).unwrap();
/// assert_eq!(file.stats.customers, 2);
/// let ann = &file.rows[0];
/// assert_eq!((ann.id.as_str(), ann.summary.frequency), ("ann", 2));
/// assert_eq!((ann.summary.recency, ann.summary.age), (2.0, 4.0)); // weeks
/// ```
pub fn read_summary_file(text: &str, unit: TimeUnit) -> Result<SummaryFile, SummaryFileError> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [Delimiter::Tab, Delimiter::Semicolon, Delimiter::Comma]
        .into_iter()
        .max_by_key(|d| header.matches(char::from(d.byte().unwrap_or(b','))).count())
        .unwrap_or(Delimiter::Comma);
    let mut scanner = Scanner::new(text, delimiter);
    let mut record = Record::new(text);
    let mut layout = None;
    let mut rows = Vec::new();
    let mut stats = SummaryFileStats::default();
    let scale = match unit {
        TimeUnit::Days => WEEK,
        TimeUnit::Weeks => 1.0,
    };
    while scanner.next_record(&mut record) {
        if record.is_blank() {
            continue;
        }
        let Some(layout) = &layout else {
            let names = (0..record.len()).map(|i| record.text(i)).collect();
            let found = Layout::find(names)?;
            stats.has_ids = found.id.is_some();
            stats.compact = found.count.is_some();
            stats.has_spend = found.spend.is_some();
            layout = Some(found);
            continue;
        };
        stats.rows += 1;
        match read_row(&record, layout, delimiter, scale) {
            Ok(row) => {
                stats.customers += row.count;
                if row.summary.frequency > 0 {
                    stats.repeat_customers += row.count;
                }
                if stats.customers > MAX_SUMMARY_CUSTOMERS {
                    return Err(SummaryFileError::TooManyCustomers {
                        customers: stats.customers,
                    });
                }
                rows.push(row);
            }
            Err(problem) => {
                stats.bad_row_count += 1;
                if stats.bad_rows.len() < MAX_BAD_ROWS {
                    stats.bad_rows.push(SummaryBadRow {
                        line: record.line,
                        problem,
                    });
                }
            }
        }
    }
    if layout.is_none() {
        return Err(SummaryFileError::MissingColumn {
            column: "frequency".into(),
        });
    }
    if rows.is_empty() {
        return Err(SummaryFileError::NoRows);
    }
    Ok(SummaryFile { rows, stats })
}

fn read_row(
    record: &Record,
    layout: &Layout,
    delimiter: Delimiter,
    scale: f64,
) -> Result<SummaryRow, SummaryRowProblem> {
    if record.len() != layout.names.len() {
        return Err(SummaryRowProblem::Columns {
            found: record.len(),
            expected: layout.names.len(),
        });
    }
    let number = |i: usize, whole: bool| -> Result<f64, SummaryRowProblem> {
        let text = record.text(i);
        let plain = match delimiter {
            Delimiter::Semicolon => text.replace(',', "."),
            _ => text.clone(),
        };
        plain
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0 && (!whole || v.fract() == 0.0))
            .ok_or_else(|| SummaryRowProblem::Number {
                column: layout.names[i].clone(),
                text,
            })
    };
    let frequency = number(layout.frequency, true)?;
    let recency = number(layout.recency, false)? / scale;
    let age = number(layout.age, false)? / scale;
    let mean_spend = layout.spend.map(|i| number(i, false)).transpose()?;
    let count = layout.count.map(|i| number(i, true)).transpose()?;
    let frequency = u32::try_from(frequency as u64).map_err(|_| SummaryRowProblem::Number {
        column: layout.names[layout.frequency].clone(),
        text: record.text(layout.frequency),
    })?;
    if recency > age || (frequency > 0 && recency == 0.0) {
        return Err(SummaryRowProblem::Impossible);
    }
    let count = count.map_or(1, |c| c as u64);
    if count == 0 {
        return Err(SummaryRowProblem::Number {
            column: "count".into(),
            text: "0".into(),
        });
    }
    Ok(SummaryRow {
        id: layout.id.map(|i| record.text(i)).unwrap_or_default(),
        summary: CustomerSummary {
            frequency,
            recency: if frequency == 0 { 0.0 } else { recency },
            age,
            mean_spend: if frequency == 0 {
                0.0
            } else {
                mean_spend.unwrap_or(0.0)
            },
        },
        count,
    })
}

impl SummaryFile {
    /// Every customer's history, a compact row repeated `count` times, in file order: what
    /// [`crate::BgNbd::fit`] and [`crate::GammaGamma::fit`] take.
    pub fn customers(&self) -> Vec<CustomerSummary> {
        let mut out = Vec::with_capacity(self.stats.customers as usize);
        for row in &self.rows {
            out.extend(std::iter::repeat_n(row.summary, row.count as usize));
        }
        out
    }

    /// What the calculator can take from a summary file, for a year: spend, the mean value
    /// of the repeat purchases (the file has no first purchase's value), and frequency,
    /// purchase days per customer per year over the longest history (T). S, E and N need
    /// the dates of the purchases, which a summary file does not have.
    ///
    /// ```
    /// use retention_core::{read_summary_file, TimeUnit};
    /// // Two customers over 365.25 days: 3 + 1 purchase days, repeat purchases of 10 and 40.
    /// let text = "customer,frequency,recency,T,monetary_value\na,2,100,365.25,10\nb,0,0,200,0\nc,1,50,300,40\n";
    /// let fill = read_summary_file(text, TimeUnit::Days).unwrap().fill();
    /// assert_eq!(fill.spend, Some((2.0 * 10.0 + 40.0) / 3.0));
    /// assert!((fill.frequency.unwrap() - 6.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn fill(&self) -> Inputs {
        let (mut repeats, mut repeat_spend, mut days, mut longest) = (0.0, 0.0, 0.0, 0.0_f64);
        for row in &self.rows {
            let (s, n) = (row.summary, row.count as f64);
            repeats += n * s.frequency as f64;
            repeat_spend += n * s.frequency as f64 * s.mean_spend;
            days += n * (s.frequency as f64 + 1.0);
            longest = longest.max(s.age);
        }
        let customers = self.stats.customers as f64;
        // `age` is in weeks: a year is 365.25 / 7 of them.
        let years = longest * WEEK / 365.25;
        Inputs {
            spend: (self.stats.has_spend && repeats > 0.0).then(|| repeat_spend / repeats),
            frequency: (customers > 0.0 && years > 0.0).then(|| days / customers / years),
            period: crate::Period::Year,
            ..Inputs::default()
        }
    }
}

/// Each customer of `summaries` (as [`crate::customer_summaries`] gives them, in weeks) as a
/// summary file: `customer,frequency,recency,T,monetary_value`, times in days, numbers
/// written so they read back exactly. What `retention sql --what summary` returns for the
/// same orders.
///
/// ```
/// use retention_core::{customer_summaries, parse_orders, sniff_orders, summary_csv, Date};
/// let text = "customer,date,amount\na,2024-01-01,10\na,2024-01-15,30\nb,2024-01-08,20\n";
/// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
/// let end = Date::from_ymd(2024, 1, 29).unwrap();
/// assert_eq!(
///     summary_csv(&log, &customer_summaries(&log, end)),
///     "customer,frequency,recency,T,monetary_value\r\na,1,14,28,30\r\nb,0,0,21,0\r\n"
/// );
/// ```
pub fn summary_csv(log: &OrderLog, summaries: &[(u32, CustomerSummary)]) -> String {
    let mut csv = CsvWriter::new(Locale::En);
    csv.row(&["customer", "frequency", "recency", "T", "monetary_value"]);
    // Weeks are whole days / 7: times 7 and rounded, they are those days exactly.
    let days = |weeks: f64| (weeks * WEEK).round() as u64;
    for (index, s) in summaries {
        csv.text(log.customer(*index).id)
            .count(u64::from(s.frequency))
            .count(days(s.recency))
            .count(days(s.age))
            .exact(s.mean_spend)
            .end_row();
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_files_with_an_index_column_and_calibration_names() {
        let text = "CustomerID,frequency_cal,recency_cal,T_cal,monetary_value_cal\n\
                    12346,0.0,0.0,325.0,0.0\n12347,6.0,365.0,367.0,599.7016666666667\n";
        let file = read_summary_file(text, TimeUnit::Days).unwrap();
        assert!(file.stats.has_ids && file.stats.has_spend && !file.stats.compact);
        assert_eq!(file.rows[1].id, "12347");
        assert_eq!(file.rows[1].summary.frequency, 6);
        assert_eq!(file.rows[1].summary.recency, 365.0 / 7.0);
        assert_eq!(file.rows[1].summary.mean_spend, 599.7016666666667);
    }

    #[test]
    fn compact_files_repeat_each_history_count_times() {
        let text = "frequency;recency;T;monetary_value;count\n0;0;10;0;3\n1;2,5;4;12,5;2\n";
        let file = read_summary_file(text, TimeUnit::Weeks).unwrap();
        assert!(file.stats.compact && !file.stats.has_ids);
        assert_eq!((file.stats.customers, file.stats.repeat_customers), (5, 2));
        let customers = file.customers();
        assert_eq!(customers.len(), 5);
        assert_eq!(customers[4].recency, 2.5);
        assert_eq!(customers[4].mean_spend, 12.5);
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_skipped() {
        let text = "customer,frequency,recency,T,monetary_value\n\
                    a,1.5,2,3,4\nb,1,5,3,4\nc,1,0,3,4\nd,x,1,2,3\ne,1,2\nf,1,2,3,4\n";
        let file = read_summary_file(text, TimeUnit::Days).unwrap();
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.stats.bad_row_count, 5);
        let lines: Vec<usize> = file.stats.bad_rows.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert_eq!(
            file.stats.bad_rows[1].problem,
            SummaryRowProblem::Impossible
        );
        assert_eq!(
            file.stats.bad_rows[4].problem,
            SummaryRowProblem::Columns {
                found: 3,
                expected: 5
            }
        );
    }

    #[test]
    fn files_that_are_no_summary_are_errors() {
        assert_eq!(
            read_summary_file("customer,date,amount\na,2024-01-01,5\n", TimeUnit::Days),
            Err(SummaryFileError::MissingColumn {
                column: "frequency".into()
            })
        );
        assert_eq!(
            read_summary_file("frequency,recency,T\n", TimeUnit::Days),
            Err(SummaryFileError::NoRows)
        );
        let huge = format!("frequency,recency,T,count\n0,0,1,{MAX_SUMMARY_CUSTOMERS}\n0,0,1,1\n");
        assert!(matches!(
            read_summary_file(&huge, TimeUnit::Days),
            Err(SummaryFileError::TooManyCustomers { .. })
        ));
    }
}
