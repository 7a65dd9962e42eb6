//! Excel workbooks (`.xlsx`, `.xls`, and `.xlsb`/`.ods`, which the same library reads), by
//! calamine (feature `xlsx`).
//!
//! A sheet's rows go through the same reader as a text file's ([`OrderReader`]), with typed
//! cells: numbers are read as numbers whatever the mapping's amount habit, and a cell with a
//! date format as its calendar day (the serial's whole days; the time of day is dropped),
//! in both of Excel's date systems. Text cells are read as in a CSV file. `.xlsx` sheets are
//! streamed cell by cell; the other kinds are read whole.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataRef, ExcelDateTime, Reader, Sheets};

use super::date::Date;
use super::import::{cut, ImportError, OrderLog, PROGRESS_STEP};
use super::reader::{plain_number, Cell, OrderReader, Row};
use super::scan::Delimiter;
use super::sniff::{sniff_records, Mapping, Preview, SniffError, MAX_COLUMNS};

/// Rows a preview of a sheet looks at.
const SAMPLE_ROWS: usize = 1000;
/// Length of a reader's message kept in an error.
const MESSAGE_CHARS: usize = 120;

/// A cell, owned.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    Day(i32),
}

impl Value {
    fn of(data: &DataRef<'_>) -> Value {
        match data {
            DataRef::Empty => Value::Empty,
            DataRef::Int(i) => Value::Number(*i as f64),
            DataRef::Float(f) => Value::Number(*f),
            DataRef::String(s) => text(s),
            DataRef::SharedString(s) => text(s),
            DataRef::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            DataRef::DateTime(d) => date(d),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
            DataRef::Error(e) => Value::Text(format!("#{e:?}")),
        }
    }

    fn of_data(data: &Data) -> Value {
        match data {
            Data::Empty => Value::Empty,
            Data::Int(i) => Value::Number(*i as f64),
            Data::Float(f) => Value::Number(*f),
            Data::String(s) => text(s),
            Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            Data::DateTime(d) => date(d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => text(s),
            Data::Error(e) => Value::Text(format!("#{e:?}")),
        }
    }

    /// As the preview shows it: numbers plainly in English, dates in ISO.
    fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) => plain_number(*n),
            Value::Day(d) => Date::from_days(*d).to_string(),
        }
    }
}

fn text(s: &str) -> Value {
    match s.trim() {
        "" => Value::Empty,
        t => Value::Text(t.to_string()),
    }
}

/// A date cell's calendar day; a duration stays a number.
fn date(d: &ExcelDateTime) -> Value {
    if !d.is_datetime() {
        return Value::Number(d.as_f64());
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    match Date::from_ymd(i32::from(y), u32::from(m), u32::from(day)) {
        Some(date) => Value::Day(date.days()),
        None => Value::Number(d.as_f64()),
    }
}

/// A row padded (or cut) to the mapping's columns.
struct SheetRow<'a> {
    cells: &'a [Value],
    columns: usize,
}

impl Row for SheetRow<'_> {
    fn count(&self) -> usize {
        self.columns
    }

    fn cell(&self, i: usize) -> Cell<'_> {
        match self.cells.get(i) {
            None | Some(Value::Empty) => Cell::Empty,
            Some(Value::Text(t)) => Cell::Text(t.as_bytes()),
            Some(Value::Number(n)) => Cell::Number(*n),
            Some(Value::Day(d)) => Cell::Day(*d),
        }
    }
}

fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, String> {
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| cut(&e.to_string(), MESSAGE_CHARS))
}

/// The names of a workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, SniffError> {
    let book = open(bytes).map_err(|message| SniffError::BadWorkbook { message })?;
    Ok(book.sheet_names())
}

/// Calls `f` with each non-empty row of a sheet (its cells, its row number from 1) until it
/// returns `false`.
fn rows(
    book: &mut Sheets<Cursor<&[u8]>>,
    sheet: &str,
    mut f: impl FnMut(&[Value], usize) -> bool,
) -> Result<(), String> {
    let message = |e: &dyn std::fmt::Display| cut(&e.to_string(), MESSAGE_CHARS);
    if let Sheets::Xlsx(xlsx) = book {
        let mut cells = xlsx
            .worksheet_cells_reader(sheet)
            .map_err(|e| message(&e))?;
        let mut row: Vec<Value> = Vec::new();
        let mut at: Option<u32> = None;
        while let Some(cell) = cells.next_cell().map_err(|e| message(&e))? {
            let (r, c) = cell.get_position();
            if at != Some(r) {
                if let Some(done) = at {
                    if !f(&row, done as usize + 1) {
                        return Ok(());
                    }
                }
                row.clear();
                at = Some(r);
            }
            let c = c as usize;
            if c > MAX_COLUMNS {
                continue;
            }
            if row.len() <= c {
                row.resize(c + 1, Value::Empty);
            }
            row[c] = Value::of(cell.get_value());
        }
        if let Some(done) = at {
            f(&row, done as usize + 1);
        }
        return Ok(());
    }
    let range = book.worksheet_range(sheet).map_err(|e| message(&e))?;
    let first = range.start().map_or(0, |(r, _)| r as usize);
    let width = range.width().min(MAX_COLUMNS + 1);
    for (i, cells) in range.rows().enumerate() {
        let row: Vec<Value> = cells.iter().take(width).map(Value::of_data).collect();
        if !f(&row, first + i + 1) {
            break;
        }
    }
    Ok(())
}

fn pick_sheet(names: &[String], sheet: Option<&str>) -> Result<String, SniffError> {
    match sheet {
        None => names.first().cloned().ok_or(SniffError::BadWorkbook {
            message: "it has no sheets".into(),
        }),
        Some(name) => names
            .iter()
            .find(|n| *n == name)
            .cloned()
            .ok_or_else(|| SniffError::NoSuchSheet { sheet: name.into() }),
    }
}

/// Guesses how a sheet of a workbook (`sheet`, default the first) is laid out, as
/// [`sniff_bytes`](crate::sniff_bytes) does for text; the preview lists the sheets and the
/// mapping names the one read. Needs the whole file.
pub fn sniff_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Preview, SniffError> {
    let mut book = open(bytes).map_err(|message| SniffError::BadWorkbook { message })?;
    let sheets = book.sheet_names();
    let sheet = pick_sheet(&sheets, sheet)?;
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut wide = 0;
    rows(&mut book, &sheet, |cells, _| {
        if cells.iter().all(|c| *c == Value::Empty) {
            return true;
        }
        wide = wide.max(cells.len());
        records.push(cells.iter().map(Value::shown).collect());
        records.len() < SAMPLE_ROWS
    })
    .map_err(|message| SniffError::BadWorkbook { message })?;
    if wide > MAX_COLUMNS {
        return Err(SniffError::TooManyColumns {
            found: wide,
            limit: MAX_COLUMNS,
        });
    }
    // Sheets leave trailing empty cells out: every row as wide as the widest.
    let width = records.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut records {
        r.resize(width, String::new());
    }
    let mut preview = sniff_records(&records, Delimiter::Comma);
    if let Some(m) = &mut preview.mapping {
        m.sheet = Some(sheet);
    }
    preview.sheets = sheets;
    Ok(preview)
}

/// The last row a spreadsheet has (Excel's, and so every writer's).
const LAST_ROW: usize = 1_048_576;

/// The most text `sheet_text` makes of a sheet: 256 MB, far past the 1,048,576 rows of a real
/// one at a few hundred bytes each.
const MAX_SHEET_TEXT: usize = 256 << 20;

/// A sheet of a workbook (`sheet`, default the first) as tab-separated text, for the readers
/// that take text (the member import): each cell as the preview shows it (numbers plainly in
/// English, date cells as `yyyy-mm-dd`), tabs and line breaks in a cell as spaces, a cell with
/// a quote quoted, and line n the sheet's row n. Needs the whole file.
///
/// The text is about as large as the sheet's cells; a browser's worker gets it only after the
/// workbook has passed its size check. A row past 1,048,576, a spreadsheet's last (the empty
/// rows before it would be blank lines), or more than 256 MB of text is a damaged or hostile
/// file, and an error.
pub fn sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<String, SniffError> {
    let mut book = open(bytes).map_err(|message| SniffError::BadWorkbook { message })?;
    let sheet = pick_sheet(&book.sheet_names(), sheet)?;
    let mut text = String::new();
    let mut too_much = None;
    let mut lines = 0;
    // The widest row so far (the header, mostly): a spreadsheet leaves out a row's trailing
    // empty cells, such as the empty end date of a member still there, so rows are padded.
    let mut width = 0;
    rows(&mut book, &sheet, |cells, line| {
        if line > LAST_ROW {
            too_much = Some(format!(
                "it has a row past {LAST_ROW}, a spreadsheet's last"
            ));
            return false;
        }
        if text.len() > MAX_SHEET_TEXT {
            too_much = Some(format!(
                "its cells hold more than {MAX_SHEET_TEXT} bytes of text"
            ));
            return false;
        }
        while lines + 1 < line {
            text.push('\n');
            lines += 1;
        }
        width = width.max(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            let shown = cell.shown().replace(['\t', '\r', '\n'], " ");
            if shown.contains('"') {
                text.push('"');
                text.push_str(&shown.replace('"', "\"\""));
                text.push('"');
            } else {
                text.push_str(&shown);
            }
        }
        if !cells.is_empty() {
            for _ in cells.len()..width {
                text.push('\t');
            }
        }
        text.push('\n');
        lines += 1;
        true
    })
    .map_err(|message| SniffError::BadWorkbook { message })?;
    match too_much {
        Some(message) => Err(SniffError::BadWorkbook { message }),
        None => Ok(text),
    }
}

/// Feeds a sheet of a workbook (`mapping.sheet`, default the first) to `reader`, row by row:
/// the workbook half of [`OrderReader::read_all`].
pub(super) fn read_sheet(
    bytes: &[u8],
    mapping: &Mapping,
    mut reader: OrderReader,
    mut on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<OrderLog, ImportError> {
    let workbook = |detail: String| ImportError::Workbook { detail };
    let mut book = open(bytes).map_err(workbook)?;
    let sheet = pick_sheet(&book.sheet_names(), mapping.sheet.as_deref())
        .map_err(|e| workbook(e.to_string()))?;
    let mut cancelled = false;
    let mut seen = 0;
    rows(&mut book, &sheet, |cells, line| {
        reader.push_row(
            &SheetRow {
                cells,
                columns: mapping.columns,
            },
            line,
        );
        seen += 1;
        if seen % PROGRESS_STEP == 0 && !on_progress(seen, 0) {
            cancelled = true;
            return false;
        }
        true
    })
    .map_err(workbook)?;
    if cancelled {
        return Err(ImportError::Cancelled);
    }
    reader.finish()
}
