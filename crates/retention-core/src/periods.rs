//! A table of periods pasted from a spreadsheet: one row per period with its label, S, E and N.

use serde::Serialize;

use crate::{parse_number, retention, InputError, Locale, Period, Retention};

/// One period of the table, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodRow {
    /// The line of the pasted text, counting from 1.
    pub line: usize,
    /// The first column, such as `2024-01` or `jan`.
    pub label: String,
    /// CRR, churn and the counts.
    pub retention: Retention,
    /// New customers per retained customer: N / (E − N); `None` when none were retained.
    pub new_per_retained: Option<f64>,
}

/// Why a line of the table was not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum RowProblem {
    /// Not four columns (label, S, E, N).
    Columns {
        /// How many there were.
        found: usize,
    },
    /// S, E or N is not right: not a number, not whole, N > E, ...
    Figures {
        /// The first mistake in the row.
        error: InputError,
    },
}

/// A line that was not used, and why: reported, never dropped in silence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The line of the pasted text, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub problem: RowProblem,
}

/// The periods read from a pasted table.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodTable {
    /// The periods, in the order they were pasted.
    pub rows: Vec<PeriodRow>,
    /// The lines that could not be used.
    pub errors: Vec<RowError>,
    /// The line skipped as a header, if any.
    pub header_line: Option<usize>,
}

/// Reads a table of periods: one line per period with four columns — a label, S, E and N —
/// separated by tabs (a spreadsheet copy), semicolons, commas or spaces. Numbers follow
/// `locale`'s habits (`1.000` is a thousand in Dutch). A first line whose figures are not
/// numbers is a header. Empty lines are skipped; every other line that cannot be used is
/// reported with its line number.
///
/// ```
/// use retention_core::{parse_periods, Locale, Period};
/// let table = parse_periods("maand\tS\tE\tN\njan\t1.000\t1.050\t200\nfeb\t1.050\t1.000\t100\n", Locale::Nl, Period::Month);
/// assert_eq!(table.header_line, Some(1));
/// assert_eq!(table.rows[0].retention.retention_rate, 85.0);
/// assert_eq!(table.rows[1].label, "feb");
/// assert!(table.errors.is_empty());
/// ```
pub fn parse_periods(text: &str, locale: Locale, period: Period) -> PeriodTable {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut table = PeriodTable::default();
    for (line_no, cells) in pasted_lines(text, delimiter) {
        if cells.len() != 4 {
            table.errors.push(RowError {
                line: line_no,
                problem: RowProblem::Columns { found: cells.len() },
            });
            continue;
        }
        let number = |cell: &str| match parse_number(cell, locale) {
            Ok(v) => Some(v),
            Err(_) => Some(f64::NAN),
        };
        let is_first =
            table.rows.is_empty() && table.errors.is_empty() && table.header_line.is_none();
        if is_first && cells[1..].iter().all(|c| parse_number(c, locale).is_err()) {
            table.header_line = Some(line_no);
            continue;
        }
        match retention(number(cells[1]), number(cells[2]), number(cells[3]), period) {
            Ok(r) => table.rows.push(PeriodRow {
                line: line_no,
                label: cells[0].to_string(),
                retention: r,
                new_per_retained: (r.retained > 0).then(|| r.new as f64 / r.retained as f64),
            }),
            Err(errors) => table.errors.push(RowError {
                line: line_no,
                problem: RowProblem::Figures { error: errors[0] },
            }),
        }
    }
    table
}

/// The non-empty lines of a pasted table, numbered from 1, cut into trimmed cells at
/// `delimiter`, or at runs of white space without one.
pub(crate) fn pasted_lines(
    text: &str,
    delimiter: Option<char>,
) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| {
            let cells = match delimiter {
                Some(d) => line.split(d).map(str::trim).collect(),
                None => line.split_whitespace().collect(),
            };
            (i + 1, cells)
        })
}

/// Tab if the text has one, else semicolon, else comma; `None` means runs of spaces.
fn delimiter(text: &str) -> Option<char> {
    ['\t', ';', ','].into_iter().find(|d| text.contains(*d))
}
