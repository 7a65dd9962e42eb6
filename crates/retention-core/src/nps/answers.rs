//! Raw 0–10 answers, pasted or from a survey export.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::{nps, read_score, Nps, NpsCounts, NpsError};
use crate::orders::{detect_delimiter, Record, Scanner};
use crate::{parse_number, Locale};

/// The most bad answers listed one by one; the rest are only counted.
pub const MAX_BAD_ANSWERS: usize = 100;

/// The most characters of a bad answer kept to show.
const MAX_BAD_TEXT: usize = 40;

/// The most header cells kept for a message.
const MAX_HEADER_CELLS: usize = 50;

/// Which column of a table holds the scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerColumn {
    /// By position, counting from 0.
    Index(usize),
    /// By its header: the first whose name is this (ignoring case), else the first whose name
    /// contains it, so `recommend` finds "How likely are you to recommend us?".
    Name(String),
}

/// How to read answers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnswerOptions {
    /// Number habits: `9,0` is 9 in Dutch and in English alike; `1.000` is out of range.
    pub locale: Locale,
    /// `None`: every cell is an answer. `Some`: the text is a table (CSV, TSV, a survey tool's
    /// export, quoted fields allowed) and only this column holds answers.
    pub column: Option<AnswerColumn>,
}

/// Why a cell is not an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AnswerProblem {
    /// Not a number, such as `n/a` or a comment.
    NotANumber,
    /// A number below 0 or above 10.
    OutOfRange,
    /// A number with a fraction, such as 7.5.
    NotWhole,
    /// The row has no cell in the chosen column.
    NoColumn,
}

/// A cell that is not a 0–10 answer, reported rather than dropped in silence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BadAnswer {
    /// The line of the text, counting from 1.
    pub line: usize,
    /// The cell as written, cut at 40 characters.
    pub text: String,
    /// What is wrong with it.
    pub problem: AnswerProblem,
}

/// The answers read from a text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerSheet {
    /// How many answered 0, 1, …, 10.
    pub scores: [u64; 11],
    /// Promoters, passives and detractors.
    pub counts: NpsCounts,
    /// Every answer that was read: the sum of `scores`.
    pub answers: u64,
    /// Rows whose answer cell was empty (a table only): skipped the question.
    pub blank: u64,
    /// The line skipped as a header, if any.
    pub header_line: Option<usize>,
    /// The column read, counting from 0 (a table only).
    pub column: Option<usize>,
    /// The first [`MAX_BAD_ANSWERS`] cells that are not answers.
    pub bad: Vec<BadAnswer>,
    /// Every cell that is not an answer, listed or not.
    pub bad_count: u64,
}

impl AnswerSheet {
    /// The NPS of the answers; [`NpsError::NoAnswers`] when there are none.
    pub fn nps(&self) -> Result<Nps, NpsError> {
        nps(self.counts).map_err(|_| NpsError::NoAnswers)
    }

    fn answer(&mut self, score: u8) {
        self.scores[usize::from(score)] += 1;
        self.counts.add(score, 1);
        self.answers += 1;
    }

    fn reject(&mut self, line: usize, text: &str, problem: AnswerProblem) {
        self.bad_count += 1;
        if self.bad.len() < MAX_BAD_ANSWERS {
            self.bad.push(BadAnswer {
                line,
                text: text.chars().take(MAX_BAD_TEXT).collect(),
                problem,
            });
        }
    }

    /// Reads one cell: an answer, or a bad cell.
    fn read(&mut self, line: usize, cell: &str, locale: Locale) {
        match cell_score(cell, locale) {
            Ok(score) => self.answer(score),
            Err(problem) => self.reject(line, cell, problem),
        }
    }
}

/// The named column is not in the header.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    /// No header cell is or contains the name.
    ColumnNotFound {
        /// The name asked for.
        name: String,
        /// The header's cells (the first 50, each cut at 40 characters).
        header: Vec<String>,
    },
}

impl AnswerError {
    /// A stable camelCase identifier.
    pub fn code(&self) -> &'static str {
        match self {
            AnswerError::ColumnNotFound { .. } => "columnNotFound",
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::ColumnNotFound { name, header } if header.is_empty() => {
                write!(f, "no column named '{name}': the text has no header line")
            }
            AnswerError::ColumnNotFound { name, header } => write!(
                f,
                "no column named '{name}' in the header ({})",
                header.join(", ")
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

impl Serialize for AnswerError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let AnswerError::ColumnNotFound { name, header } = self;
        let mut out = serializer.serialize_struct("AnswerError", 4)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        out.serialize_field("name", name)?;
        out.serialize_field("header", header)?;
        out.end()
    }
}

/// Reads 0–10 answers from pasted text or a survey export.
///
/// Without a column, every cell is an answer: one a line, or several separated by tabs,
/// semicolons, spaces or commas. A comma separates answers only when the text is one line,
/// or some line has two commas or a comma and a space; otherwise the text is one answer a
/// line and `9,0` is the number 9, as a Dutch spreadsheet copies a column.
///
/// With a column, the text is a table (the delimiter is detected, quoted fields may hold
/// delimiters and line breaks) and only that column is read; a row whose cell is empty
/// counts as `blank`.
///
/// A first line without a single number is a header. Every other cell that is not a whole
/// number from 0 to 10 is counted, and the first [`MAX_BAD_ANSWERS`] are listed with their
/// line. Time is linear in the text, and memory apart from the text is bounded.
///
/// ```
/// use retention_core::{parse_answers, AnswerOptions, AnswerProblem};
/// let sheet = parse_answers("score\n10\n9\n7\nn/a\n3\n11\n", &AnswerOptions::default()).unwrap();
/// assert_eq!(sheet.header_line, Some(1));
/// assert_eq!((sheet.counts.promoters, sheet.counts.passives, sheet.counts.detractors), (2, 1, 1));
/// assert_eq!(sheet.bad[0].line, 5);
/// assert_eq!(sheet.bad[1].problem, AnswerProblem::OutOfRange);
/// ```
pub fn parse_answers(text: &str, options: &AnswerOptions) -> Result<AnswerSheet, AnswerError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match &options.column {
        None => Ok(parse_cells(text, options.locale)),
        Some(column) => parse_column(text, column, options.locale),
    }
}

/// Every cell an answer.
fn parse_cells(text: &str, locale: Locale) -> AnswerSheet {
    let comma = comma_separates(text);
    let mut sheet = AnswerSheet::default();
    let mut seen_content = false;
    for (i, line) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let mut cells = Cells::new(line, comma).peekable();
        if cells.peek().is_none() {
            continue;
        }
        if !seen_content {
            seen_content = true;
            if Cells::new(line, comma).all(|c| parse_number(c, locale).is_err()) {
                sheet.header_line = Some(line_no);
                continue;
            }
        }
        for cell in cells {
            sheet.read(line_no, cell, locale);
        }
    }
    sheet
}

/// The cells of one line: the runs between separators (white space, `;`, and `,` when
/// commas separate). Works on bytes, decoding only non-ASCII characters.
struct Cells<'a> {
    line: &'a str,
    pos: usize,
    comma: bool,
}

impl<'a> Cells<'a> {
    fn new(line: &'a str, comma: bool) -> Cells<'a> {
        Cells {
            line,
            pos: 0,
            comma,
        }
    }

    /// The length of the separator at byte `i`, or 0 when none starts there.
    fn separator_at(&self, i: usize) -> usize {
        match self.line.as_bytes()[i] {
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c | b';' => 1,
            b',' if self.comma => 1,
            // The first byte of a non-ASCII character: a no-break space, a thin space, ...
            0xc0.. => match self.line[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    }
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.line.len();
        loop {
            if self.pos >= len {
                return None;
            }
            match self.separator_at(self.pos) {
                0 => break,
                n => self.pos += n,
            }
        }
        let start = self.pos;
        while self.pos < len && self.separator_at(self.pos) == 0 {
            self.pos += 1;
        }
        Some(&self.line[start..self.pos])
    }
}

/// Whether commas separate answers in `text` (see [`parse_answers`]).
fn comma_separates(text: &str) -> bool {
    if !text.contains(',') || text.contains(['\t', ';']) {
        return false;
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let one_line = lines.next().is_some() && lines.next().is_none();
    one_line
        || text
            .lines()
            .any(|l| l.matches(',').count() >= 2 || l.contains(", "))
}

/// One cell as a score, with a fast path for the usual one or two digits.
fn cell_score(cell: &str, locale: Locale) -> Result<u8, AnswerProblem> {
    let bytes = cell.as_bytes();
    if (1..=2).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_digit) {
        let value = bytes.iter().fold(0u8, |v, b| v * 10 + (b - b'0'));
        return if value <= 10 {
            Ok(value)
        } else {
            Err(AnswerProblem::OutOfRange)
        };
    }
    // Every number has a digit: a quick answer for words, without parse_number's copies.
    if !bytes.iter().any(u8::is_ascii_digit) {
        return Err(AnswerProblem::NotANumber);
    }
    match parse_number(cell, locale) {
        Ok(value) => read_score(value),
        Err(_) => Err(AnswerProblem::NotANumber),
    }
}

/// One column of a table.
fn parse_column(
    text: &str,
    column: &AnswerColumn,
    locale: Locale,
) -> Result<AnswerSheet, AnswerError> {
    let mut scanner = Scanner::new(text, detect_delimiter(text));
    let mut record = Record::new(text);
    let mut sheet = AnswerSheet::default();
    // The first non-blank record decides the column (by name) and whether it is a header.
    let mut index = None;
    while scanner.next_record(&mut record) {
        if record.is_blank() {
            continue;
        }
        let i = match index {
            Some(i) => i,
            None => {
                let i = match column {
                    AnswerColumn::Index(i) => *i,
                    AnswerColumn::Name(name) => find_column(&record, name)?,
                };
                index = Some(i);
                sheet.column = Some(i);
                let named = matches!(column, AnswerColumn::Name(_));
                let cell = (i < record.len()).then(|| record.text(i));
                let numeric = cell
                    .as_deref()
                    .is_some_and(|c| parse_number(c, locale).is_ok());
                if named || (cell.as_deref().is_some_and(|c| !c.is_empty()) && !numeric) {
                    sheet.header_line = Some(record.line);
                    continue;
                }
                i
            }
        };
        if i >= record.len() {
            sheet.reject(record.line, "", AnswerProblem::NoColumn);
            continue;
        }
        let cell = record.field(i);
        if cell.is_empty() {
            sheet.blank += 1;
            continue;
        }
        // Fields are cut at ASCII bytes of a `&str`: valid UTF-8.
        let cell = String::from_utf8_lossy(cell);
        sheet.read(record.line, &cell, locale);
    }
    if index.is_none() {
        if let AnswerColumn::Name(name) = column {
            return Err(AnswerError::ColumnNotFound {
                name: name.clone(),
                header: Vec::new(),
            });
        }
    }
    Ok(sheet)
}

/// The column of `header` named `name`: an exact match ignoring case, else the first that
/// contains it.
fn find_column(header: &Record, name: &str) -> Result<usize, AnswerError> {
    let wanted = name.trim().to_lowercase();
    let cells: Vec<String> = (0..header.len())
        .map(|i| header.text(i).to_lowercase())
        .collect();
    let found = (!wanted.is_empty())
        .then(|| {
            cells
                .iter()
                .position(|c| *c == wanted)
                .or_else(|| cells.iter().position(|c| c.contains(&wanted)))
        })
        .flatten();
    found.ok_or_else(|| AnswerError::ColumnNotFound {
        name: name.to_string(),
        header: (0..header.len().min(MAX_HEADER_CELLS))
            .map(|i| header.text(i).chars().take(MAX_BAD_TEXT).collect())
            .collect(),
    })
}
