//! The one CSV writer: the results, the win-back list and the forecast, in the app, the JS API
//! and the command line, all go through it.
//!
//! - The separator and decimal mark follow the locale: `;` and `1234,5` for Dutch
//!   spreadsheets, `,` and `1234.5` for English ones. Numbers are never grouped, so every
//!   spreadsheet reads them back as numbers.
//! - Rows end in CRLF (RFC 4180). A cell holding the separator, a quote or a line break is
//!   quoted, inner quotes doubled.
//! - Text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
//!   or a carriage return, or their full-width forms) gets a leading `'`, as OWASP's
//!   "CSV Injection" page recommends; text that is a plain number (`-12,50`) is left alone,
//!   and so is every number cell.

use std::borrow::Cow;

use crate::{format_decimal, Locale};

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Writes CSV text row by row.
///
/// ```
/// use retention_core::{CsvWriter, Locale};
/// let mut csv = CsvWriter::new(Locale::Nl);
/// csv.text("customer").text("spend").end_row();
/// csv.text("=HYPERLINK(\"http://evil\")").number(-12.5, 2).end_row();
/// assert_eq!(
///     csv.finish(),
///     "customer;spend\r\n\"'=HYPERLINK(\"\"http://evil\"\")\";-12,50\r\n"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct CsvWriter {
    out: String,
    locale: Locale,
    separator: char,
    /// No cell yet in the current row.
    row_start: bool,
}

impl CsvWriter {
    /// An empty file in `locale`'s habits.
    pub fn new(locale: Locale) -> CsvWriter {
        CsvWriter {
            out: String::new(),
            locale,
            separator: separator(locale),
            row_start: true,
        }
    }

    /// A text cell: neutralised when it would run as a formula, quoted when needed.
    pub fn text(&mut self, text: &str) -> &mut CsvWriter {
        let text = neutralise(text);
        let quoted = text.contains([self.separator, '"', '\r', '\n']);
        self.start_cell();
        if quoted {
            self.out.push('"');
            self.out.push_str(&text.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(&text);
        }
        self
    }

    /// A number with exactly `decimals` decimals; an empty cell when it is not finite.
    pub fn number(&mut self, value: f64, decimals: usize) -> &mut CsvWriter {
        self.decimal(value, decimals, decimals)
    }

    /// A number with at most `decimals` decimals (`85`, `6,6667`); empty when not finite.
    pub fn rounded(&mut self, value: f64, decimals: usize) -> &mut CsvWriter {
        self.decimal(value, 0, decimals)
    }

    /// A number in full: the shortest text that reads back as the same `f64` (`0.1`,
    /// `599.7016666666667`), with the locale's decimal mark; an empty cell when it is not
    /// finite. For files read again by a program, such as a summary file.
    pub fn exact(&mut self, value: f64) -> &mut CsvWriter {
        self.start_cell();
        if value.is_finite() {
            let text = value.to_string();
            match self.locale {
                Locale::Nl => self.out.push_str(&text.replace('.', ",")),
                Locale::En => self.out.push_str(&text),
            }
        }
        self
    }

    /// A whole number.
    pub fn count(&mut self, value: u64) -> &mut CsvWriter {
        self.start_cell();
        self.out.push_str(&value.to_string());
        self
    }

    /// A header row or any row of text cells, ended.
    pub fn row(&mut self, cells: &[&str]) -> &mut CsvWriter {
        for cell in cells {
            self.text(cell);
        }
        self.end_row()
    }

    /// Ends the current row.
    pub fn end_row(&mut self) -> &mut CsvWriter {
        self.out.push_str("\r\n");
        self.row_start = true;
        self
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn decimal(&mut self, value: f64, min: usize, max: usize) -> &mut CsvWriter {
        self.start_cell();
        if value.is_finite() {
            let text = format_decimal(value, min, max, self.locale);
            let group = self.locale.group_separator();
            self.out.extend(text.chars().filter(|c| *c != group));
        }
        self
    }

    fn start_cell(&mut self) {
        if !self.row_start {
            self.out.push(self.separator);
        }
        self.row_start = false;
    }
}

/// The field separator a spreadsheet in `locale` expects: `;` where the decimal mark is a
/// comma, else `,`.
fn separator(locale: Locale) -> char {
    locale.pick(';', ',')
}

/// `text` as a spreadsheet shows it rather than runs it.
fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A sign, then a digit, then only digits, points and commas: a number, never a formula.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> String {
        let mut csv = CsvWriter::new(Locale::En);
        csv.text(text);
        csv.finish()
    }

    #[test]
    fn formulas_are_neutralised() {
        // The payloads of OWASP's "CSV Injection" page and the issue that found them.
        assert_eq!(
            cell("=HYPERLINK(\"http://evil\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""
        );
        assert_eq!(cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(1+1)"), "'@SUM(1+1)");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(cell("＝1+1"), "'＝1+1");
        assert_eq!(cell("-"), "'-");
    }

    #[test]
    fn plain_text_and_numbers_stay_as_they_are() {
        for text in [
            "ann@example.com",
            "K-17",
            "1+1",
            "-12.50",
            "+31",
            "-1,234.5",
            "2024-01-31",
        ] {
            assert_eq!(
                cell(text),
                if text.contains(',') {
                    format!("\"{text}\"")
                } else {
                    text.to_string()
                }
            );
        }
        let mut csv = CsvWriter::new(Locale::Nl);
        csv.number(-1234.5, 2)
            .rounded(85.0, 4)
            .rounded(-6.66666, 4)
            .count(7);
        csv.number(f64::NAN, 2).end_row();
        assert_eq!(csv.finish(), "-1234,50;85;-6,6667;7;\r\n");
        // Exact cells read back as the same number, in either habit.
        for locale in [Locale::En, Locale::Nl] {
            let mut csv = CsvWriter::new(locale);
            let values = [599.7016666666667, 0.1 + 0.2, -1e-7, 1234567.5, 30.0];
            for v in values {
                csv.exact(v);
            }
            csv.exact(f64::INFINITY).end_row();
            let text = csv.finish();
            let cells: Vec<&str> = text.trim_end().split(locale.pick(';', ',')).collect();
            for (cell, v) in cells.iter().zip(values) {
                assert_eq!(cell.replace(',', ".").parse::<f64>(), Ok(v), "{text}");
            }
            assert_eq!(cells.last(), Some(&""));
        }
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        let mut csv = CsvWriter::new(Locale::Nl);
        csv.row(&["a;b", "say \"hi\"", "two\nlines", "a,b"]);
        assert_eq!(
            csv.finish(),
            "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";a,b\r\n"
        );
    }
}
