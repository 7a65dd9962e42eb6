//! Guessing how an export is laid out, so the user only has to confirm.
//!
//! The guess looks at a bounded sample (the first [`SAMPLE_BYTES`], cut after its last
//! complete row, never inside one): the delimiter, a header row, what each column holds, by
//! its header's words (English and Dutch) and its values, the date format, the amounts' habit,
//! the statuses seen, and whether the headers are those of a known export
//! ([`ExportFormat`]).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::amount::{habit, read_amount};
use super::date::DateFormat;
use super::decode::{decode_sample, Encoding};
use super::formats::{detect_format, ExportFormat};
use super::import::{cut, ColumnClash, ImportError, MAX_QUOTED_CHARS, MAX_STATUSES};
use super::rules::{normalise_status, LEFT_OUT_STATUSES};
use super::scan::{Delimiter, Next, Record, Scanner};
use crate::Locale;

/// Rows the preview shows.
pub const PREVIEW_ROWS: usize = 10;
/// The bytes of a file the guesses look at.
pub const SAMPLE_BYTES: usize = 256 * 1024;
/// The most columns an export may have: shop and CRM exports have tens to a few hundred; a
/// wider file is refused with [`SniffError::TooManyColumns`].
pub const MAX_COLUMNS: usize = 1000;
/// The fewest columns an order export has: who bought, when and for how much. A text file
/// with fewer (no delimiter found, or not an export) is refused with
/// [`SniffError::TooFewColumns`].
pub const MIN_COLUMNS: usize = 3;
/// Rows the guesses look at: enough to see a day above 12 in most exports.
const SAMPLE_ROWS: usize = 1000;
/// Rows that decide the delimiter.
const DELIMITER_ROWS: usize = 100;
/// The most characters of a cell or header the preview carries.
const MAX_CELL_CHARS: usize = 200;

/// Why a file cannot be read as an export at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SniffError {
    /// The file holds no rows: it is empty, or only white space.
    Empty,
    /// The file holds no text: NUL bytes outside UTF-16.
    Binary,
    /// A compressed file or archive (a `.gz`, or a `.zip` that is no spreadsheet): its text
    /// is read once it is unpacked.
    Compressed {
        /// Which kind, by its first bytes.
        format: Compression,
    },
    /// The rows have fewer columns than [`MIN_COLUMNS`].
    TooFewColumns {
        /// How many the rows have.
        found: usize,
        /// The least an order export has.
        needed: usize,
    },
    /// The rows have more columns than [`MAX_COLUMNS`].
    TooManyColumns {
        /// How many the rows have.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// The first row does not end within the sample: a file of one line, or a quote never
    /// closed.
    RowTooLong {
        /// The sample's size in bytes.
        limit: usize,
    },
    /// A spreadsheet (`.xlsx`, `.xls`), read with `sniff_workbook`
    /// where the crate has its `xlsx` feature.
    Workbook,
    /// A spreadsheet that could not be read (feature `xlsx`).
    BadWorkbook {
        /// What the spreadsheet reader said, cut to a sentence.
        message: String,
    },
    /// The spreadsheet has no sheet of that name (feature `xlsx`).
    NoSuchSheet {
        /// The name asked for.
        sheet: String,
    },
}

impl SniffError {
    /// A stable camelCase identifier, e.g. `tooManyColumns`.
    pub fn code(&self) -> &'static str {
        match self {
            SniffError::Empty => "empty",
            SniffError::Binary => "binary",
            SniffError::Compressed { .. } => "compressed",
            SniffError::TooFewColumns { .. } => "tooFewColumns",
            SniffError::TooManyColumns { .. } => "tooManyColumns",
            SniffError::RowTooLong { .. } => "rowTooLong",
            SniffError::Workbook => "workbook",
            SniffError::BadWorkbook { .. } => "badWorkbook",
            SniffError::NoSuchSheet { .. } => "noSuchSheet",
        }
    }
}

impl fmt::Display for SniffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SniffError::Empty => f.write_str("the file holds no rows"),
            SniffError::Binary => f.write_str("the file holds no text: not a CSV or TSV export"),
            SniffError::Compressed { format } => write!(
                f,
                "the file is compressed ({}): unpack it first, then read the file inside",
                format.name()
            ),
            SniffError::TooFewColumns { found, needed } => write!(
                f,
                "the rows have {found} column(s); an order export has at least {needed}: who \
                 bought, when and for how much"
            ),
            SniffError::TooManyColumns { found, limit } => write!(
                f,
                "the rows have {found} columns; an export has at most {limit}"
            ),
            SniffError::RowTooLong { limit } => write!(
                f,
                "the first row is longer than {} KB: is this an order export, or is a quote never closed?",
                limit / 1024
            ),
            SniffError::Workbook => f.write_str("a spreadsheet: read it as a workbook"),
            SniffError::BadWorkbook { message } => {
                write!(f, "the spreadsheet cannot be read: {message}")
            }
            SniffError::NoSuchSheet { sheet } => {
                write!(f, "the spreadsheet has no sheet {:?}", cut(sheet, MAX_QUOTED_CHARS))
            }
        }
    }
}

impl std::error::Error for SniffError {}

/// What a column seems to hold: the roles of a [`Mapping`], or `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    /// Who bought: a customer number (or, in an export without one, a name).
    Customer,
    /// When the order was placed.
    Date,
    /// An amount per row: a line's amount, or the order's in an export of one row per order.
    Amount,
    /// The order number.
    Order,
    /// The order total, once per order.
    Total,
    /// The quantity of a line.
    Quantity,
    /// The price of one item.
    UnitPrice,
    /// The order's (financial) status.
    Status,
    /// When the order was cancelled.
    CancelledAt,
    /// How much of the order was refunded.
    Refunded,
    /// The customer's e-mail address.
    Email,
    /// The customer's name.
    Name,
    /// Anything else: products, addresses, taxes.
    Other,
}

/// The guess for one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnGuess {
    /// The header cell (cut to 200 characters), or empty without a header.
    pub name: String,
    /// The suggested role: the one in [`Preview::mapping`], or `Other`.
    pub kind: ColumnKind,
    /// A format that reads the sampled values as dates (all but at most 1 in 20, or one of five or more), if one
    /// does.
    pub date_format: Option<DateFormat>,
    /// Another format reads them too (`03/04/2024`): the user should confirm which.
    pub date_ambiguous: bool,
    /// The sampled values are numbers (all but at most 1 in 20, or one of five or more).
    pub numeric: bool,
}

/// How to read an export: the layout, which column is what, and which statuses are left out.
///
/// Columns count from 0. Every role but the date is optional; an import needs a date, someone
/// who bought (customer id, e-mail or name) and something that says what an order is worth
/// (order total, line amount, or quantity and unit price). See the counting rules in
/// [`LEFT_OUT_STATUSES`](crate::LEFT_OUT_STATUSES)' module.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// What separates the fields (ignored for a spreadsheet).
    pub delimiter: Delimiter,
    /// The first row names the columns and holds no order.
    pub has_header: bool,
    /// How many fields every row has; a row with more or fewer is reported, never guessed
    /// at (an unquoted `12,50` in a comma file splits into two fields).
    pub columns: usize,
    /// The customer id.
    #[serde(default)]
    pub customer: Option<usize>,
    /// The order date (a time after it is ignored).
    pub date: usize,
    /// An amount per row, summed per order: a line's amount in a line-item export, the
    /// order's amount in an export of one row per order.
    #[serde(default)]
    pub amount: Option<usize>,
    /// How the dates are written.
    pub date_format: DateFormat,
    /// The amounts' habit: `Nl` reads `1.234,56`, `En` reads `1,234.56`.
    pub locale: Locale,
    /// The order number: rows that share one are one order. Without it, a customer's rows
    /// of one day are one order.
    #[serde(default)]
    pub order: Option<usize>,
    /// The order total, taken once per order wherever it stands among the order's rows.
    #[serde(default)]
    pub total: Option<usize>,
    /// The quantity of a line; with `unit_price`, a line is worth quantity × unit price.
    #[serde(default)]
    pub quantity: Option<usize>,
    /// The price of one item: never an amount on its own.
    #[serde(default)]
    pub unit_price: Option<usize>,
    /// The order's status (financial status, payment status).
    #[serde(default)]
    pub status: Option<usize>,
    /// When the order was cancelled: a filled field leaves the order out.
    #[serde(default)]
    pub cancelled_at: Option<usize>,
    /// How much of the order was refunded, taken off its amount once per order.
    #[serde(default)]
    pub refunded: Option<usize>,
    /// The customer's e-mail address: who bought when there is no customer id.
    #[serde(default)]
    pub email: Option<usize>,
    /// The customer's name: who bought when there is no id and no e-mail.
    #[serde(default)]
    pub name: Option<usize>,
    /// The statuses whose orders are left out, compared as
    /// [`normalise_status`](crate::normalise_status) writes them. Default: every one of
    /// [`LEFT_OUT_STATUSES`](crate::LEFT_OUT_STATUSES).
    #[serde(default = "default_left_out")]
    pub left_out: Vec<String>,
    /// The sheet of a spreadsheet to read; `None` is the first.
    #[serde(default)]
    pub sheet: Option<String>,
}

fn default_left_out() -> Vec<String> {
    LEFT_OUT_STATUSES.iter().map(|s| s.to_string()).collect()
}

impl Mapping {
    /// A mapping of `columns` columns with no roles but the date in column 0, ISO dates,
    /// English amounts and the default statuses left out: a start to fill in.
    ///
    /// ```
    /// use retention_core::{Delimiter, Mapping};
    /// let mapping = Mapping { customer: Some(0), date: 1, amount: Some(2), ..Mapping::new(Delimiter::Comma, true, 3) };
    /// assert_eq!(mapping.order, None);
    /// assert!(mapping.left_out.iter().any(|s| s == "cancelled"));
    /// ```
    pub fn new(delimiter: Delimiter, has_header: bool, columns: usize) -> Mapping {
        Mapping {
            delimiter,
            has_header,
            columns,
            customer: None,
            date: 0,
            amount: None,
            date_format: DateFormat::Iso,
            locale: Locale::En,
            order: None,
            total: None,
            quantity: None,
            unit_price: None,
            status: None,
            cancelled_at: None,
            refunded: None,
            email: None,
            name: None,
            left_out: default_left_out(),
            sheet: None,
        }
    }

    /// Every column given a role, with the role.
    pub fn roles(&self) -> Vec<(usize, ColumnKind)> {
        let mut out = vec![(self.date, ColumnKind::Date)];
        let optional = [
            (self.customer, ColumnKind::Customer),
            (self.email, ColumnKind::Email),
            (self.name, ColumnKind::Name),
            (self.order, ColumnKind::Order),
            (self.amount, ColumnKind::Amount),
            (self.total, ColumnKind::Total),
            (self.quantity, ColumnKind::Quantity),
            (self.unit_price, ColumnKind::UnitPrice),
            (self.status, ColumnKind::Status),
            (self.cancelled_at, ColumnKind::CancelledAt),
            (self.refunded, ColumnKind::Refunded),
        ];
        out.extend(optional.into_iter().filter_map(|(c, k)| Some((c?, k))));
        out
    }

    /// The mapping can be read: every role names an existing column, no column plays two
    /// parts, someone bought and something says what an order is worth.
    pub fn check(&self) -> Result<(), ImportError> {
        let used: Vec<usize> = self.roles().into_iter().map(|(column, _)| column).collect();
        ColumnClash::find(&used, self.columns).map_err(|clash| match clash {
            ColumnClash::NoSuch { column, columns } => {
                ImportError::NoSuchColumn { column, columns }
            }
            ColumnClash::Same { column } => ImportError::SameColumn { column },
        })?;
        if self.customer.is_none() && self.email.is_none() && self.name.is_none() {
            return Err(ImportError::NoCustomerColumn);
        }
        let lines = self.quantity.is_some() && self.unit_price.is_some();
        if self.total.is_none() && self.amount.is_none() && !lines {
            return Err(ImportError::NoAmountColumn);
        }
        Ok(())
    }

    /// Whether orders with `status` are left out.
    pub fn leaves_out(&self, status: &str) -> bool {
        let status = normalise_status(status);
        self.left_out.iter().any(|s| normalise_status(s) == status)
    }
}

/// A status value seen in the sample, and whether its orders are left out by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChoice {
    /// The value as first written (cut to 60 characters).
    pub status: String,
    /// Sampled rows with it.
    pub rows: usize,
    /// Whether the suggested mapping leaves its orders out.
    pub left_out: bool,
}

/// What [`sniff_orders`] found: the first rows, a guess per column and a suggested mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// The delimiter that splits the rows most consistently.
    pub delimiter: Delimiter,
    /// Whether the first row looks like column names.
    pub has_header: bool,
    /// One guess per column.
    pub columns: Vec<ColumnGuess>,
    /// Up to [`PREVIEW_ROWS`] data rows, as text (cells cut to 200 characters).
    pub rows: Vec<Vec<String>>,
    /// The suggested mapping; `None` when no date, no customer or nothing that says what an
    /// order is worth was found, and the user has to pick them.
    pub mapping: Option<Mapping>,
    /// The known export the headers match, if any.
    pub format: Option<ExportFormat>,
    /// How the file's text is written.
    pub encoding: Encoding,
    /// The status values of the sample (up to 50), with the suggested choice.
    pub statuses: Vec<StatusChoice>,
    /// The sheets of a spreadsheet; empty for a text file.
    pub sheets: Vec<String>,
}

impl Preview {
    fn empty(encoding: Encoding) -> Preview {
        Preview {
            delimiter: Delimiter::Comma,
            has_header: false,
            columns: Vec::new(),
            rows: Vec::new(),
            mapping: None,
            format: None,
            encoding,
            statuses: Vec::new(),
            sheets: Vec::new(),
        }
    }

    /// Whether the file is a summary file (a row per customer, [`crate::read_summary_file`])
    /// and not orders: its header names the `frequency`, `recency` and `T` columns, as
    /// [`crate::looks_like_summary_file`] asks of a text file's first line. For a workbook's
    /// sheet, whose bytes say nothing until the workbook is opened.
    ///
    /// ```
    /// # #[cfg(feature = "xlsx")] {
    /// use retention_core::sniff_workbook;
    /// use rust_xlsxwriter::Workbook;
    /// let mut book = Workbook::new();
    /// let sheet = book.add_worksheet();
    /// for (c, name) in ["customer", "frequency", "recency", "T", "monetary_value"].iter().enumerate() {
    ///     sheet.write_string(0, c as u16, *name).unwrap();
    ///     sheet.write_number(1, c as u16, 1.0 + c as f64).unwrap();
    /// }
    /// let bytes = book.save_to_buffer().unwrap();
    /// assert!(sniff_workbook(&bytes, None).unwrap().is_summary_file());
    /// # }
    /// ```
    pub fn is_summary_file(&self) -> bool {
        let header: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        self.has_header && crate::looks_like_summary_file(header.join("\t").as_bytes())
    }

    /// The suggested mapping when there is nothing left for the user to decide: a text file
    /// (no sheet to pick), a mapping that can import, and a date column that no other format
    /// reads too. The page may start importing with it before anyone confirms it.
    ///
    /// ```
    /// use retention_core::sniff_orders;
    /// let sure = sniff_orders("customer,date,amount\nc1,2024-01-31,10\nc2,2024-02-01,5\n");
    /// assert!(sure.sure_mapping().is_some());
    /// // 03/04/2024: the 3rd of April or March the 4th?
    /// let unsure = sniff_orders("customer,date,amount\nc1,03/04/2024,10\nc2,04/05/2024,5\n");
    /// assert!(unsure.mapping.is_some() && unsure.sure_mapping().is_none());
    /// ```
    pub fn sure_mapping(&self) -> Option<&Mapping> {
        let mapping = self.mapping.as_ref()?;
        let ambiguous = self
            .columns
            .get(mapping.date)
            .is_none_or(|c| c.date_ambiguous);
        (self.sheets.is_empty() && !ambiguous && mapping.check().is_ok()).then_some(mapping)
    }
}

/// Guesses how an order export held in memory is laid out; see [`sniff_bytes`]. A text that
/// cannot be an export gives a preview without columns or mapping: a file's bytes go through
/// [`sniff_bytes`], which says why.
///
/// ```
/// use retention_core::{sniff_orders, DateFormat, Delimiter, Locale};
/// let preview = sniff_orders("klant;datum;bedrag\nk1;31-01-2024;1.234,56\nk2;01-02-2024;12,50\n");
/// assert_eq!(preview.delimiter, Delimiter::Semicolon);
/// assert!(preview.has_header);
/// let mapping = preview.mapping.unwrap();
/// assert_eq!((mapping.customer, mapping.date, mapping.amount), (Some(0), 1, Some(2)));
/// assert_eq!(mapping.date_format, DateFormat::DayMonthYear);
/// assert_eq!(mapping.locale, Locale::Nl);
/// assert_eq!(preview.rows[1], ["k2", "01-02-2024", "12,50"]);
/// ```
pub fn sniff_orders(text: &str) -> Preview {
    sniff_bytes(text.as_bytes(), true).unwrap_or_else(|_| Preview::empty(Encoding::Utf8))
}

/// Guesses how an order export is laid out from its first bytes (`whole`: these are all of
/// the file): the encoding, the delimiter, whether there is a header, the role of each column
/// (customer id, e-mail, name, order number, date, order total, line amount, quantity, unit
/// price, status, cancelled-at, refunded amount), the date format, the amounts' habit, the
/// statuses seen and a known export format.
///
/// Only the first [`SAMPLE_BYTES`] are looked at, cut after their last complete row. A file
/// that cannot be an order export is a [`SniffError`]: empty, not text, a workbook (read with
/// `sniff_workbook`), a first row that does not end within the sample, or rows of fewer than
/// [`MIN_COLUMNS`] or more than [`MAX_COLUMNS`] columns. These limits live here only.
///
/// A column is a date column when one format reads every non-empty sampled value (of up to
/// 1000 rows), or all but at most 1 in 20 (or a single one of five or more) so that a typo does
/// not hide the column; the import reports the rows it misses. When both `dd-mm-yyyy` and
/// `mm/dd/yyyy` fit (every day is 12 or less), the American order is chosen only for `/` dates
/// in a file with English amounts, and the guess says it is ambiguous. The amount habit is
/// decided by the amounts that show it (`12,50`, `1.234,56`); without any, a semicolon file
/// is Dutch and any other English.
///
/// Roles come from the header's words first; refunded amounts, discounts, taxes, shipping
/// and subtotals are never taken as what an order is worth, and a unit price only with a
/// quantity.
///
/// ```
/// use retention_core::{sniff_bytes, ColumnKind, ExportFormat};
/// let text = "Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem price,Refunded Amount\n\
///             #1001,ann@example.com,paid,30.00,2023-01-02 20:04:00 +0100,2,15.00,0.00\n";
/// let preview = sniff_bytes(text.as_bytes(), true).unwrap();
/// assert_eq!(preview.format, Some(ExportFormat::Shopify));
/// let mapping = preview.mapping.unwrap();
/// assert_eq!((mapping.order, mapping.total, mapping.refunded), (Some(0), Some(3), Some(7)));
/// assert_eq!(preview.columns[7].kind, ColumnKind::Refunded);
/// ```
pub fn sniff_bytes(bytes: &[u8], whole: bool) -> Result<Preview, SniffError> {
    if is_workbook(bytes) {
        return Err(SniffError::Workbook);
    }
    if let Some(format) = Compression::of(bytes) {
        return Err(SniffError::Compressed { format });
    }
    let cut_at = bytes.len().min(SAMPLE_BYTES);
    let whole = whole && cut_at == bytes.len();
    let (text, encoding) = decode_sample(&bytes[..cut_at]);
    if encoding != Encoding::Utf16Le && encoding != Encoding::Utf16Be && text.contains(&0) {
        return Err(SniffError::Binary);
    }
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(SniffError::Empty);
    }
    let delimiter = detect_delimiter(&text, whole);
    let records = sample(&text, delimiter, SAMPLE_ROWS, whole)?;
    if records.is_empty() && !whole {
        return Err(SniffError::RowTooLong {
            limit: SAMPLE_BYTES,
        });
    }
    let mut preview = sniff_records(&records, delimiter);
    if preview.columns.len() < MIN_COLUMNS {
        return Err(SniffError::TooFewColumns {
            found: preview.columns.len(),
            needed: MIN_COLUMNS,
        });
    }
    preview.encoding = encoding;
    Ok(preview)
}

/// Whether `bytes` start like a spreadsheet: a zip whose first part is a workbook's
/// (`.xlsx`, `.ods`) or an OLE file (`.xls`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    (bytes.starts_with(ZIP) && Compression::of(bytes).is_none())
        || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0])
}

/// A zip's local file header starts with these bytes.
const ZIP: &[u8] = b"PK\x03\x04";

/// The kinds of compressed file an export may come in, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Compression {
    /// `.gz`.
    Gzip,
    /// `.zip` (other than a spreadsheet, which is a zip too).
    Zip,
    /// `.7z`.
    SevenZip,
    /// `.rar`.
    Rar,
    /// `.bz2`.
    Bzip2,
    /// `.xz`.
    Xz,
    /// `.zst`.
    Zstd,
}

impl Compression {
    /// The kind of compressed file `bytes` start, if any. A zip is one unless its first part
    /// is one of a workbook's (`[Content_Types].xml`, `xl/…` of an `.xlsx`; `mimetype` of an
    /// `.ods`).
    ///
    /// ```
    /// use retention_core::Compression;
    /// assert_eq!(Compression::of(b"\x1f\x8b\x08\0"), Some(Compression::Gzip));
    /// let zipped_csv = b"PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x0a\0\0\0orders.csv";
    /// assert_eq!(Compression::of(zipped_csv), Some(Compression::Zip));
    /// assert_eq!(Compression::of(b"customer,date,amount\n"), None);
    /// ```
    pub fn of(bytes: &[u8]) -> Option<Compression> {
        const MAGIC: [(&[u8], Compression); 6] = [
            (b"\x1f\x8b", Compression::Gzip),
            (b"7z\xbc\xaf\x27\x1c", Compression::SevenZip),
            (b"Rar!\x1a\x07", Compression::Rar),
            (b"BZh", Compression::Bzip2),
            (b"\xfd7zXZ\0", Compression::Xz),
            (b"\x28\xb5\x2f\xfd", Compression::Zstd),
        ];
        if bytes.starts_with(ZIP) {
            return (!workbook_part(first_zip_name(bytes))).then_some(Compression::Zip);
        }
        MAGIC
            .iter()
            .find(|(magic, _)| bytes.starts_with(magic))
            .map(|&(_, format)| format)
    }

    /// Its usual name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zip => "zip",
            Compression::SevenZip => "7-Zip",
            Compression::Rar => "RAR",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
            Compression::Zstd => "Zstandard",
        }
    }
}

/// The name of a zip's first part, from its local file header (name length at byte 26, the
/// name from byte 30); empty when the bytes end before it.
fn first_zip_name(bytes: &[u8]) -> &[u8] {
    let Some(&[lo, hi]) = bytes.get(26..28) else {
        return b"";
    };
    let len = usize::from(u16::from_le_bytes([lo, hi]));
    bytes.get(30..30 + len).unwrap_or(b"")
}

/// Whether a zip part of this name belongs to a spreadsheet (Office Open XML or
/// OpenDocument). An unknown first part (too few bytes to tell) counts as one, so that the
/// spreadsheet reader says what is wrong with it.
fn workbook_part(name: &[u8]) -> bool {
    const PARTS: [&[u8]; 3] = [b"[Content_Types].xml", b"mimetype", b""];
    const FOLDERS: [&[u8]; 5] = [b"_rels/", b"docProps/", b"xl/", b"META-INF/", b"customXml/"];
    PARTS.contains(&name) || FOLDERS.iter().any(|folder| name.starts_with(folder))
}

/// The guesses over sampled rows of text: shared by text files and spreadsheets.
pub(crate) fn sniff_records(records: &[Vec<String>], delimiter: Delimiter) -> Preview {
    let columns = mode_len(records).0;
    let has_header = match records {
        [] => false,
        [only] => (0..only.len()).all(|c| Column::of(&[only], c).kind_hint().is_none()),
        [first, rest @ ..] => {
            let rest: Vec<&Vec<String>> = rest.iter().filter(|r| r.len() == columns).collect();
            (0..columns).any(|c| {
                let cell = first.get(c).map(String::as_str).unwrap_or("");
                Column::of(&rest, c).rejects(cell)
            })
        }
    };
    let data: Vec<&Vec<String>> = records.iter().skip(usize::from(has_header)).collect();
    let names: Vec<String> = (0..columns)
        .map(|c| match (has_header, records.first()) {
            (true, Some(first)) => first.get(c).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .collect();
    // Rows of another length (an unquoted `12,50` split in two) would shift the columns.
    let regular: Vec<&Vec<String>> = data
        .iter()
        .copied()
        .filter(|r| r.len() == columns)
        .collect();
    let stats: Vec<Column> = (0..columns).map(|c| Column::of(&regular, c)).collect();
    let format = detect_format(&names);
    let roles = Roles::guess(&names, &stats, &regular, delimiter, format);
    let columns = stats
        .iter()
        .enumerate()
        .map(|(c, s)| ColumnGuess {
            name: cut(&names[c], MAX_CELL_CHARS),
            kind: roles.kind(c),
            date_format: s.date_format(roles.locale),
            date_ambiguous: s.date_formats.len() > 1,
            numeric: s.numeric,
        })
        .collect::<Vec<_>>();
    let mapping = roles.mapping(delimiter, has_header, &columns);
    let statuses = match &mapping {
        Some(m) => m.status.map_or(Vec::new(), |c| statuses(&regular, c, m)),
        None => Vec::new(),
    };
    let format = match (format, &mapping) {
        (Some(f), _) => Some(f),
        (None, Some(m))
            if m.order.is_some()
                && (m.amount.is_some() || (m.quantity.is_some() && m.unit_price.is_some())) =>
        {
            Some(ExportFormat::LineItems)
        }
        _ => None,
    };
    Preview {
        delimiter,
        has_header,
        columns,
        rows: data
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| r.iter().map(|cell| cut(cell, MAX_CELL_CHARS)).collect())
            .collect(),
        mapping,
        format,
        encoding: Encoding::Utf8,
        statuses,
        sheets: Vec::new(),
    }
}

/// The distinct status values of the sampled rows, in order of appearance.
fn statuses(rows: &[&Vec<String>], column: usize, mapping: &Mapping) -> Vec<StatusChoice> {
    let mut out: Vec<StatusChoice> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for value in rows.iter().filter_map(|r| r.get(column)) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let normal = normalise_status(value);
        match seen.get(&normal) {
            Some(&i) => out[i].rows += 1,
            None if out.len() < MAX_STATUSES => {
                seen.insert(normal, out.len());
                out.push(StatusChoice {
                    status: cut(value, MAX_QUOTED_CHARS),
                    rows: 1,
                    left_out: mapping.leaves_out(value),
                });
            }
            None => {}
        }
    }
    out
}

/// The delimiter whose split gives the most rows with the same number (2 or more) of fields;
/// on a tie, the one with more fields, then the first of [`Delimiter::ALL`].
pub(crate) fn detect_delimiter(text: &[u8], whole: bool) -> Delimiter {
    let mut best = (Delimiter::Comma, 0, 0);
    for delimiter in Delimiter::ALL {
        // A split into more columns than any export has is not this delimiter.
        let Ok(records) = sample(text, delimiter, DELIMITER_ROWS, whole) else {
            continue;
        };
        let (fields, rows) = mode_len(&records);
        if fields >= 2 && (rows, fields) > (best.1, best.2) {
            best = (delimiter, rows, fields);
        }
    }
    best.0
}

/// The delimiter and the first `limit` records of `text`'s first [`SAMPLE_BYTES`], for the
/// member import's own guesses; no records when they are wider than [`MAX_COLUMNS`].
pub(crate) fn sample_records(text: &str, limit: usize) -> (Delimiter, Vec<Vec<String>>) {
    let bytes = &text.as_bytes()[..text.len().min(SAMPLE_BYTES)];
    let whole = bytes.len() == text.len();
    let delimiter = detect_delimiter(bytes, whole);
    let records = sample(bytes, delimiter, limit, whole).unwrap_or_default();
    (delimiter, records)
}

/// The first `limit` non-blank complete records, as text.
fn sample(
    text: &[u8],
    delimiter: Delimiter,
    limit: usize,
    whole: bool,
) -> Result<Vec<Vec<String>>, SniffError> {
    let mut scanner = Scanner::partial(text, delimiter, 1, whole);
    let mut record = Record::of_bytes(text);
    let mut out = Vec::new();
    while out.len() < limit && scanner.next(&mut record) == Next::Record {
        if record.count() > MAX_COLUMNS {
            return Err(SniffError::TooManyColumns {
                found: record.count(),
                limit: MAX_COLUMNS,
            });
        }
        // A quote never closed within the sample is no row to learn from.
        if !record.is_blank() && !record.unclosed_quote {
            out.push((0..record.len()).map(|i| record.text(i)).collect());
        }
    }
    Ok(out)
}

/// The most common number of fields, and how many records have it.
fn mode_len(records: &[Vec<String>]) -> (usize, usize) {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for r in records {
        *counts.entry(r.len()).or_default() += 1;
    }
    // Ties go to more fields, so the result does not depend on hash order.
    counts
        .into_iter()
        .max_by_key(|&(len, n)| (n, len))
        .unwrap_or((0, 0))
}

/// What the sampled values of one column have in common.
#[derive(Debug)]
struct Column {
    /// Non-empty values.
    values: usize,
    distinct: usize,
    /// The formats that read every value, or all but a few, in [`DateFormat::ALL`] order.
    date_formats: Vec<DateFormat>,
    numeric: bool,
    /// Some value has a `.` or `,`: an amount in cents rather than an order number.
    fractions: bool,
    /// Votes for each amount habit.
    nl_votes: usize,
    en_votes: usize,
    /// The byte between day and month of the first value.
    date_separator: Option<u8>,
    /// Values like `#1001`: Shopify's order names.
    hashes: usize,
    /// Values with an `@`: e-mail addresses.
    at_signs: usize,
}

/// The trimmed, non-empty values of column `c`.
pub(crate) fn column_values<'a, R>(rows: &[&'a R], c: usize) -> Vec<&'a [u8]>
where
    R: AsRef<[String]> + ?Sized,
{
    rows.iter()
        .filter_map(|&r| r.as_ref().get(c))
        .map(|v| v.trim().as_bytes())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Whether a kind of value fits a column of `values` values it cannot read `misses` of. One
/// typo must not hide a column: it fits when it misses at most 1 value in 20, or a single
/// value of five or more. The rows it misses are reported by the import, never dropped.
pub(crate) fn fits(values: usize, misses: usize) -> bool {
    values > 0 && (misses <= values / 20 || (misses == 1 && values >= 5))
}

impl Column {
    fn of(rows: &[&Vec<String>], c: usize) -> Column {
        let values = column_values(rows, c);
        let fits = |misses: usize| fits(values.len(), misses);
        let misses = |f: DateFormat| values.iter().filter(|v| f.read(v).is_none()).count();
        let fitting: Vec<(DateFormat, usize)> = DateFormat::ALL
            .into_iter()
            .map(|f| (f, misses(f)))
            .filter(|&(_, m)| fits(m))
            .collect();
        // Only the formats that read the most values compete.
        let fewest = fitting.iter().map(|&(_, m)| m).min();
        let date_formats = fitting
            .into_iter()
            .filter(|&(_, m)| Some(m) == fewest)
            .map(|(f, _)| f)
            .collect();
        let numbers = values
            .iter()
            .filter(|v| read_amount(v, Locale::En).is_some())
            .count();
        let votes = |l| values.iter().filter(|v| habit(v) == Some(l)).count();
        Column {
            values: values.len(),
            distinct: values.iter().collect::<HashSet<_>>().len(),
            date_formats,
            numeric: fits(values.len() - numbers),
            fractions: values
                .iter()
                .any(|v| v.contains(&b'.') || v.contains(&b',')),
            nl_votes: votes(Locale::Nl),
            en_votes: votes(Locale::En),
            date_separator: values
                .first()
                .and_then(|v| v.iter().copied().find(|b| !b.is_ascii_digit())),
            hashes: values
                .iter()
                .filter(|v| v.len() > 1 && v[0] == b'#' && v[1..].iter().all(u8::is_ascii_digit))
                .count(),
            at_signs: values.iter().filter(|v| v.contains(&b'@')).count(),
        }
    }

    /// Date or amount, when the values say so.
    fn kind_hint(&self) -> Option<ColumnKind> {
        if !self.date_formats.is_empty() {
            Some(ColumnKind::Date)
        } else if self.numeric {
            Some(ColumnKind::Amount)
        } else {
            None
        }
    }

    /// `cell` does not fit a column of dates or numbers: a header cell.
    fn rejects(&self, cell: &str) -> bool {
        let cell = cell.trim().as_bytes();
        match self.kind_hint() {
            Some(ColumnKind::Date) => self.date_formats.iter().all(|f| f.read(cell).is_none()),
            Some(_) => read_amount(cell, Locale::En).is_none(),
            None => false,
        }
    }

    /// The first format that reads every value; between day-first and month-first, the
    /// American order only for `/` with English amounts.
    fn date_format(&self, locale: Locale) -> Option<DateFormat> {
        let both = self.date_formats.contains(&DateFormat::DayMonthYear)
            && self.date_formats.contains(&DateFormat::MonthDayYear);
        if both {
            let american = self.date_separator == Some(b'/') && locale == Locale::En;
            return Some(if american {
                DateFormat::MonthDayYear
            } else {
                DateFormat::DayMonthYear
            });
        }
        self.date_formats.first().copied()
    }
}

/// A header as the role guesses read it: lower case, words split at anything but letters and
/// digits and between a lower-case letter and a capital (`InvoiceNo` is `invoice no`,
/// `order_total` is `order total`, `E-mail` is `e mail`).
pub(crate) fn words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    let mut gap = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            prev_lower = false;
            continue;
        }
        if (gap || (prev_lower && c.is_uppercase())) && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_lowercase());
    }
    out
}

/// A header's words and what its values look like.
struct Named<'a> {
    w: &'a str,
}

impl Named<'_> {
    /// One of the phrases, as whole words.
    fn has(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| {
            self.w == *p
                || self.w.starts_with(&format!("{p} "))
                || self.w.ends_with(&format!(" {p}"))
                || self.w.contains(&format!(" {p} "))
        })
    }

    /// One of the pieces anywhere, as in Dutch compounds (`klantnummer`).
    fn sub(&self, pieces: &[&str]) -> bool {
        pieces.iter().any(|p| self.w.contains(p))
    }

    fn is(&self, names: &[&str]) -> bool {
        names.contains(&self.w)
    }

    /// Money that is not what an order is worth: refunds, discounts, taxes, shipping,
    /// subtotals, fees, balances, rates.
    fn side_money(&self) -> bool {
        self.sub(&[
            "refund",
            "discount",
            "korting",
            "shipping",
            "verzend",
            "subtotal",
            "sub total",
            "outstanding",
            "balance",
            "converted",
            "compare",
            "terugbetaal",
            "percent",
            "procent",
            "handling",
        ]) || self.has(&["tax", "taxes", "vat", "btw", "fee", "fees", "due", "tip"])
    }

    /// A line's money rather than the order's.
    fn line_money(&self) -> bool {
        self.sub(&[
            "line", "regel", "item", "artikel", "product", "unit", "stuk",
        ])
    }
}

/// How well column `c` fits `kind`, from 0 (not at all) up.
fn score(kind: ColumnKind, n: &Named, s: &Column) -> u8 {
    use ColumnKind as K;
    let money = s.numeric && !n.side_money();
    match kind {
        K::Date if s.date_formats.is_empty() => 0,
        K::Date
            if n.sub(&[
                "cancel",
                "annul",
                "refund",
                "ship",
                "fulfil",
                "verzend",
                "birth",
                "geboort",
                "update",
                "modified",
                "closed",
                "processed",
            ]) =>
        {
            0
        }
        K::Date
            if n.sub(&[
                "created",
                "besteldatum",
                "orderdatum",
                "factuurdatum",
                "aankoopdatum",
                "transactiedatum",
            ]) || n.has(&[
                "order date",
                "purchase date",
                "invoice date",
                "transaction date",
                "date created",
                "order time",
            ]) =>
        {
            4
        }
        K::Date if n.has(&["date", "datum", "day", "dag"]) || n.sub(&["datum", "date"]) => 3,
        K::Date
            if n.has(&[
                "time", "tijd", "at", "ordered", "besteld", "paid", "betaald", "op",
            ]) =>
        {
            2
        }
        K::Date => 1,
        K::Order if !s.date_formats.is_empty() || s.values == 0 => 0,
        K::Order if s.hashes * 5 >= s.values * 4 => 4,
        K::Order
            if n.sub(&[
                "date", "datum", "total", "totaal", "status", "amount", "bedrag", "line", "item",
                "customer", "klant", "type", "note",
            ]) =>
        {
            0
        }
        K::Order
            if n.has(&[
                "order id",
                "order number",
                "order no",
                "order nr",
                "order reference",
                "invoice no",
                "invoice number",
                "invoice id",
                "invoice nr",
            ]) || n.is(&["order", "invoice", "factuur", "bestelling", "name"])
                || n.sub(&[
                    "ordernummer",
                    "bestelnummer",
                    "factuurnummer",
                    "ordernr",
                    "bestelnr",
                    "factuurnr",
                    "invoiceno",
                    "orderid",
                    "ordernumber",
                    "order #",
                ]) =>
        {
            if n.is(&["name"]) {
                0
            } else {
                4
            }
        }
        K::Order => 0,
        K::Email if n.sub(&["marketing", "consent", "opt in", "accepts"]) => 0,
        K::Email if n.sub(&["email", "e mail"]) || n.has(&["mail"]) => 4,
        K::Email if s.values > 0 && s.at_signs * 5 >= s.values * 4 => 3,
        K::Email => 0,
        K::CancelledAt if n.sub(&["reason", "reden", "by", "door"]) => 0,
        K::CancelledAt
            if n.sub(&["cancel", "annul", "geannuleerd"])
                && (s.values == 0
                    || !s.date_formats.is_empty()
                    || n.has(&["at", "date", "datum", "op", "on", "time"])) =>
        {
            4
        }
        K::CancelledAt => 0,
        K::Refunded
            if !(s.numeric || s.values == 0)
                || n.sub(&["qty", "quantity", "reason", "reden", "aantal", "count"]) =>
        {
            0
        }
        K::Refunded if n.sub(&["refund", "terugbetaal", "gecrediteerd", "restitu"]) => 4,
        K::Refunded => 0,
        K::Status
            if s.numeric
                || n.sub(&[
                    "fulfil",
                    "ship",
                    "verzend",
                    "lever",
                    "deliver",
                    "risk",
                    "stock",
                    "voorraad",
                    "marketing",
                ]) =>
        {
            0
        }
        K::Status
            if n.has(&["financial status", "payment status"])
                || n.sub(&["betaalstatus", "betalingsstatus"]) =>
        {
            5
        }
        K::Status if n.has(&["order status"]) || n.sub(&["orderstatus", "bestelstatus"]) => 4,
        K::Status if n.has(&["status", "state", "staat"]) || n.sub(&["status"]) => 3,
        K::Status => 0,
        K::Quantity if !s.numeric || n.sub(&["refund", "price", "prijs"]) => 0,
        K::Quantity
            if n.sub(&["quantity", "qty", "aantal", "hoeveelheid"])
                || n.has(&["stuks", "units", "pcs"]) =>
        {
            4
        }
        K::Quantity => 0,
        K::UnitPrice
            if !s.numeric
                || n.sub(&[
                    "total", "totaal", "compare", "discount", "korting", "refund",
                ])
                || n.has(&["tax", "btw", "vat"]) =>
        {
            0
        }
        K::UnitPrice
            if n.sub(&[
                "unit price",
                "unitprice",
                "price per",
                "prijs per",
                "stukprijs",
                "stuksprijs",
                "per stuk",
                "per unit",
                "lineitem price",
                "item price",
                "unit cost",
                "item cost",
                "eenheidsprijs",
            ]) =>
        {
            4
        }
        K::UnitPrice if n.sub(&["price", "prijs"]) => 2,
        K::UnitPrice => 0,
        K::Amount if !money => 0,
        K::Amount
            if n.sub(&[
                "line total",
                "line amount",
                "regeltotaal",
                "regelbedrag",
                "item total",
                "lineitem total",
                "line price",
                "row total",
                "line value",
            ]) =>
        {
            4
        }
        K::Amount => 0,
        K::Total
            if !money
                || n.line_money()
                || n.sub(&["quantity", "qty", "aantal", "id", "nummer", "number"]) =>
        {
            0
        }
        K::Total
            if n.has(&["total", "grand total", "order total", "total amount"])
                || n.sub(&["totaal"]) =>
        {
            4
        }
        K::Total if n.has(&["amount", "bedrag"]) || n.sub(&["bedrag", "amount"]) => 3,
        K::Total
            if n.has(&[
                "revenue", "omzet", "value", "waarde", "spend", "sales", "sum", "paid", "betaald",
                "price", "prijs", "dollars", "euro",
            ]) =>
        {
            2
        }
        K::Total => 0,
        K::Name
            if s.values == 0
                || n.sub(&[
                    "lineitem",
                    "product",
                    "artikel",
                    "item",
                    "company",
                    "bedrijf",
                    "method",
                    "store",
                    "winkel",
                    "first",
                    "last",
                    "voornaam",
                    "achternaam",
                    "file",
                    "shop",
                    "discount",
                ]) =>
        {
            0
        }
        K::Name
            if n.sub(&[
                "customer name",
                "klantnaam",
                "billing name",
                "bill to name",
                "consumer name",
                "full name",
                "buyer name",
                "naam klant",
                "klant naam",
            ]) =>
        {
            4
        }
        K::Name if n.is(&["name", "naam"]) => 3,
        K::Name if n.sub(&["ship to name", "shipping name"]) => 2,
        K::Name => 0,
        K::Customer
            if s.values == 0
                || n.sub(&[
                    "name",
                    "naam",
                    "mail",
                    "description",
                    "omschrijving",
                    "note",
                    "group",
                    "groep",
                    "type",
                    "since",
                    "date",
                    "datum",
                    "country",
                    "land",
                    "city",
                    "plaats",
                    "phone",
                    "telefoon",
                    "address",
                    "adres",
                    "tag",
                    "marketing",
                    "locale",
                    "language",
                    "taal",
                    "count",
                    "total",
                    "orders",
                ]) =>
        {
            0
        }
        K::Customer
            if n.sub(&[
                "customer id",
                "customerid",
                "customer number",
                "customer no",
                "klantnummer",
                "klantid",
                "klant id",
                "klantnr",
                "debiteur",
                "client id",
                "relatienummer",
                "user id",
                "account id",
                "member id",
                "buyer id",
            ]) =>
        {
            4
        }
        K::Customer
            if n.has(&[
                "customer", "klant", "client", "buyer", "koper", "member", "user", "account",
                "relatie", "contact",
            ]) || n.sub(&["customer", "klant"]) =>
        {
            3
        }
        K::Customer | K::Other => 0,
    }
}

/// Which column plays which part.
struct Roles {
    kinds: Vec<ColumnKind>,
    locale: Locale,
}

impl Roles {
    fn guess(
        names: &[String],
        stats: &[Column],
        rows: &[&Vec<String>],
        delimiter: Delimiter,
        format: Option<ExportFormat>,
    ) -> Roles {
        use ColumnKind as K;
        let words: Vec<String> = names.iter().map(|n| words(n)).collect();
        let mut kinds = vec![K::Other; stats.len()];
        let free = |kinds: &[ColumnKind], c: usize| kinds[c] == K::Other;
        // A known export's own columns first.
        if let Some(format) = format {
            for &(kind, headers) in format.roles() {
                if kinds.contains(&kind) {
                    continue;
                }
                if let Some(c) = headers
                    .iter()
                    .find_map(|h| (0..words.len()).find(|&c| free(&kinds, c) && words[c] == *h))
                {
                    kinds[c] = kind;
                }
            }
        }
        let skipped = format.map_or(&[][..], |f| f.not_guessed());
        // Then by words and values, each role the column that fits it best.
        for kind in [
            K::Date,
            K::Order,
            K::Email,
            K::CancelledAt,
            K::Refunded,
            K::Status,
            K::Quantity,
            K::UnitPrice,
            K::Amount,
            K::Total,
            K::Name,
            K::Customer,
        ] {
            if kinds.contains(&kind) || skipped.contains(&kind) {
                continue;
            }
            if kind == K::UnitPrice && !kinds.contains(&K::Quantity) {
                // A bare "price" column is an order's price unless there are quantities.
                let strong = (0..stats.len())
                    .filter(|&c| free(&kinds, c))
                    .find(|&c| score(kind, &Named { w: &words[c] }, &stats[c]) >= 4);
                if let Some(c) = strong {
                    kinds[c] = kind;
                }
                continue;
            }
            let best = (0..stats.len())
                .filter(|&c| free(&kinds, c))
                .map(|c| (score(kind, &Named { w: &words[c] }, &stats[c]), c))
                .filter(|&(s, _)| s > 0)
                // Highest score, then the leftmost.
                .max_by_key(|&(s, c)| (s, std::cmp::Reverse(c)));
            if let Some((_, c)) = best {
                kinds[c] = kind;
            }
        }
        // Without words to go by: the first date column...
        if !kinds.contains(&K::Date) {
            if let Some(c) =
                (0..stats.len()).find(|&c| free(&kinds, c) && !stats[c].date_formats.is_empty())
            {
                kinds[c] = K::Date;
            }
        }
        // ...the amount: numbers, not named as side money, ids or quantities: the last with
        // decimals, else the last...
        let worth = [K::Total, K::Amount];
        let lines = kinds.contains(&K::Quantity) && kinds.contains(&K::UnitPrice);
        if !kinds.iter().any(|k| worth.contains(k)) && !lines {
            let named = |c: usize| {
                let n = Named { w: &words[c] };
                n.side_money()
                    || score(K::Customer, &n, &stats[c]) > 0
                    || n.sub(&["id", "nummer", "number", "code", "year", "jaar"])
            };
            let amounts: Vec<usize> = (0..stats.len())
                .filter(|&c| free(&kinds, c) && stats[c].numeric && !named(c))
                .collect();
            let amount = amounts
                .iter()
                .rev()
                .copied()
                .find(|&c| stats[c].fractions)
                .or(amounts.last().copied());
            if let Some(c) = amount {
                kinds[c] = K::Total;
            }
        }
        // ...and who bought: values that repeat (customers buy again) with the most distinct
        // values (not a status column), else the first column left.
        let buyers = [K::Customer, K::Email, K::Name];
        if !kinds.iter().any(|k| buyers.contains(k)) {
            let rest: Vec<usize> = (0..stats.len())
                .filter(|&c| free(&kinds, c) && stats[c].values > 0)
                .collect();
            let customer = rest
                .iter()
                .copied()
                .filter(|&c| stats[c].distinct < stats[c].values)
                .max_by_key(|&c| (stats[c].distinct, std::cmp::Reverse(c)))
                .or(rest.first().copied());
            if let Some(c) = customer {
                kinds[c] = K::Customer;
            }
        }
        // A unit price or a quantity alone says nothing about what an order is worth.
        if !lines {
            for k in kinds.iter_mut() {
                if matches!(k, K::UnitPrice | K::Quantity) {
                    *k = K::Other;
                }
            }
        }
        // Without order numbers each row is (part of) a customer's order of the day: its
        // total is summed like a line amount.
        if !kinds.contains(&K::Order) {
            let has_amount = kinds.contains(&K::Amount);
            for k in kinds.iter_mut() {
                if *k == K::Total {
                    *k = if has_amount { K::Other } else { K::Amount };
                }
            }
        }
        let _ = rows;
        let votes = |locale| {
            (0..stats.len())
                .filter(|&c| matches!(kinds[c], K::Total | K::Amount | K::UnitPrice | K::Refunded))
                .map(|c| match locale {
                    Locale::Nl => stats[c].nl_votes,
                    Locale::En => stats[c].en_votes,
                })
                .sum::<usize>()
        };
        let (nl, en) = (votes(Locale::Nl), votes(Locale::En));
        let locale = match nl.cmp(&en) {
            std::cmp::Ordering::Greater => Locale::Nl,
            std::cmp::Ordering::Less => Locale::En,
            // No evidence: Dutch spreadsheets write semicolons because the comma is their
            // decimal separator.
            std::cmp::Ordering::Equal if delimiter == Delimiter::Semicolon => Locale::Nl,
            std::cmp::Ordering::Equal => Locale::En,
        };
        Roles { kinds, locale }
    }

    fn kind(&self, c: usize) -> ColumnKind {
        self.kinds[c]
    }

    fn find(&self, kind: ColumnKind) -> Option<usize> {
        self.kinds.iter().position(|&k| k == kind)
    }

    /// The mapping of these roles, if it can be read.
    fn mapping(
        &self,
        delimiter: Delimiter,
        has_header: bool,
        columns: &[ColumnGuess],
    ) -> Option<Mapping> {
        use ColumnKind as K;
        let date = self.find(K::Date)?;
        let mapping = Mapping {
            customer: self.find(K::Customer),
            date,
            amount: self.find(K::Amount),
            date_format: columns[date].date_format.unwrap_or(DateFormat::Iso),
            locale: self.locale,
            order: self.find(K::Order),
            total: self.find(K::Total),
            quantity: self.find(K::Quantity),
            unit_price: self.find(K::UnitPrice),
            status: self.find(K::Status),
            cancelled_at: self.find(K::CancelledAt),
            refunded: self.find(K::Refunded),
            email: self.find(K::Email),
            name: self.find(K::Name),
            ..Mapping::new(delimiter, has_header, columns.len())
        };
        mapping.check().is_ok().then_some(mapping)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert_eq!(words("InvoiceNo"), "invoice no");
        assert_eq!(words("CustomerID"), "customer id");
        assert_eq!(words("order_total"), "order total");
        assert_eq!(words("Grand Total (Base)"), "grand total base");
        assert_eq!(words("E-mail"), "e mail");
        assert_eq!(words("Btw %"), "btw");
        assert_eq!(words("Prijs per stuk"), "prijs per stuk");
    }
}
