//! What an import reads: the log of purchases per customer, its counts and its errors.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::contacts::Contacts;
use super::decode::Encoding;
use super::reader::OrderReader;
use super::sniff::Mapping;
use super::table::{Ids, Seed};

/// Bad rows (and guest rows, and orders with differing totals) kept in detail; the rest are
/// only counted.
pub const MAX_BAD_ROWS: usize = 100;
/// How often, in bytes, [`parse_orders`] reports progress.
pub const PROGRESS_STEP: usize = 64 * 1024;
/// The longest row the import reads: a row that runs on for longer (a file of one line, a
/// quote never closed) ends the import with [`ImportError::RowTooLong`].
pub const MAX_ROW_BYTES: usize = 1 << 20;
/// The most distinct status values listed in [`ImportStats::statuses`].
pub const MAX_STATUSES: usize = 50;
/// The most characters of a value quoted in a message; longer ones are cut with `…`.
pub const MAX_QUOTED_CHARS: usize = 60;

/// `text` cut to `max` characters, with `…` when cut: every value quoted in a message goes
/// through here, so no message carries a 500 KB field.
pub(crate) fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

/// A column a mapping cannot use: the one rule of the order and the member import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnClash {
    /// `column` is past the last of `columns`.
    NoSuch { column: usize, columns: usize },
    /// `column` already plays another part.
    Same { column: usize },
}

impl ColumnClash {
    /// The first column of `used` (in the mapping's order of roles) that does not exist among
    /// `columns` or plays two parts.
    pub(crate) fn find(used: &[usize], columns: usize) -> Result<(), ColumnClash> {
        for (i, &column) in used.iter().enumerate() {
            if column >= columns {
                return Err(ColumnClash::NoSuch { column, columns });
            }
            if used[..i].contains(&column) {
                return Err(ColumnClash::Same { column });
            }
        }
        Ok(())
    }
}

/// The message of a cancelled import.
pub(crate) const CANCELLED: &str = "the import was cancelled";

/// The message of a column past the last one.
pub(crate) fn no_such_column(
    f: &mut fmt::Formatter<'_>,
    column: usize,
    columns: usize,
) -> fmt::Result {
    write!(
        f,
        "column {} does not exist: the rows have {columns} columns",
        column + 1
    )
}

/// The message of a row with a quote that is never closed.
pub(crate) const UNCLOSED_QUOTE: &str = "a quote is never closed";

/// The message of a row with more or fewer fields than the mapping expects.
pub(crate) fn wrong_column_count(
    f: &mut fmt::Formatter<'_>,
    found: usize,
    expected: usize,
) -> fmt::Result {
    write!(f, "{found} columns instead of {expected}")
}

/// Why the import stopped.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum ImportError {
    /// The progress callback asked to stop.
    Cancelled,
    /// The mapping names a column past the last one.
    NoSuchColumn {
        /// The column asked for, counting from 0.
        column: usize,
        /// How many columns the mapping says there are.
        columns: usize,
    },
    /// The mapping uses one column for two roles.
    SameColumn {
        /// The column used twice.
        column: usize,
    },
    /// The mapping names no customer id, e-mail or name column.
    NoCustomerColumn,
    /// The mapping names no order total, no line amount and not both quantity and unit price:
    /// nothing says what an order is worth (a unit price alone never does).
    NoAmountColumn,
    /// A row runs on for more than [`MAX_ROW_BYTES`] bytes: a file of one line, or a quote
    /// that is never closed.
    RowTooLong {
        /// The line the row starts on.
        line: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A spreadsheet could not be read (feature `xlsx`).
    Workbook {
        /// What the spreadsheet reader said, cut to a sentence.
        detail: String,
    },
}

impl ImportError {
    /// A stable camelCase identifier, e.g. `cancelled`.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Cancelled => "cancelled",
            ImportError::NoSuchColumn { .. } => "noSuchColumn",
            ImportError::SameColumn { .. } => "sameColumn",
            ImportError::NoCustomerColumn => "noCustomerColumn",
            ImportError::NoAmountColumn => "noAmountColumn",
            ImportError::RowTooLong { .. } => "rowTooLong",
            ImportError::Workbook { .. } => "workbook",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Cancelled => f.write_str(CANCELLED),
            ImportError::NoSuchColumn { column, columns } => no_such_column(f, *column, *columns),
            ImportError::SameColumn { column } => {
                write!(f, "column {} cannot play two parts", column + 1)
            }
            ImportError::NoCustomerColumn => {
                f.write_str("no column says who bought: a customer id, an e-mail or a name")
            }
            ImportError::NoAmountColumn => f.write_str(
                "no column says what an order is worth: an order total, a line amount, or a \
                 quantity and a unit price",
            ),
            ImportError::RowTooLong { line, limit } => write!(
                f,
                "the row on line {line} is longer than {} KB: is this an order export, or is \
                 a quote never closed?",
                limit / 1024
            ),
            ImportError::Workbook { detail } => {
                write!(f, "the spreadsheet cannot be read: {detail}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Serializes as `{ code, message }` plus the variant's numbers, like [`InputError`](crate::InputError).
impl Serialize for ImportError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ImportError", 4)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        match self {
            ImportError::Cancelled
            | ImportError::NoCustomerColumn
            | ImportError::NoAmountColumn => {}
            ImportError::Workbook { detail } => out.serialize_field("detail", detail)?,
            ImportError::NoSuchColumn { column, columns } => {
                out.serialize_field("column", &column)?;
                out.serialize_field("columns", &columns)?;
            }
            ImportError::SameColumn { column } => out.serialize_field("column", &column)?,
            ImportError::RowTooLong { line, limit } => {
                out.serialize_field("line", &line)?;
                out.serialize_field("limit", &limit)?;
            }
        }
        out.end()
    }
}

/// Why a row was not read as an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum BadRowReason {
    /// Not the mapping's number of fields.
    Columns {
        /// How many there were.
        found: usize,
        /// How many the mapping expects.
        expected: usize,
    },
    /// The customer id is empty. (No longer reported: a row without a customer is a guest
    /// row, see [`ImportStats::guest_rows`]; kept so that older results still read.)
    NoCustomer,
    /// The date is not a date in the mapping's format.
    Date {
        /// The text in the date column, cut to [`MAX_QUOTED_CHARS`].
        text: String,
    },
    /// An amount (total, line amount, quantity, unit price or refund) is not a number.
    Amount {
        /// The text in that column, cut to [`MAX_QUOTED_CHARS`].
        text: String,
    },
    /// A quote was opened and never closed, so the rest of the text is one field.
    UnclosedQuote,
    /// The order number is empty.
    NoOrder,
    /// No row of the order (or this row, without an order column) has a date; the line is the
    /// order's first.
    NoDate,
    /// No row of the order (or this row) says what it is worth; the line is the order's first.
    NoAmount,
}

impl fmt::Display for BadRowReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadRowReason::Columns { found, expected } => wrong_column_count(f, *found, *expected),
            BadRowReason::NoCustomer => f.write_str("no customer id"),
            BadRowReason::Date { text } => write!(f, "{text:?} is not a date in that format"),
            BadRowReason::Amount { text } => write!(f, "{text:?} is not an amount"),
            BadRowReason::UnclosedQuote => f.write_str(UNCLOSED_QUOTE),
            BadRowReason::NoOrder => f.write_str("no order number"),
            BadRowReason::NoDate => f.write_str("no date"),
            BadRowReason::NoAmount => f.write_str("no amount"),
        }
    }
}

/// A row that was not read as an order, and why: reported, never dropped in silence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BadRow {
    /// The line of the text the row starts on, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub reason: BadRowReason,
}

/// How the rows of an export were made into orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Grouping {
    /// The rows that share an order number are one order.
    #[default]
    OrderNumber,
    /// No order-number column: a customer's rows of one day are one order.
    CustomerDay,
}

/// How many orders had one status value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    /// The value as first written in the export, cut to [`MAX_QUOTED_CHARS`].
    pub status: String,
    /// Orders with it.
    pub orders: usize,
    /// Whether the mapping leaves orders with this status out.
    pub left_out: bool,
}

/// What every import counts of its rows, whatever a row holds: the rows, the header line
/// and the bad rows ([`ImportStats`], [`MemberImportStats`](crate::MemberImportStats)). Its
/// fields stand in the import's JSON as they are (`rows`, `headerLine`, `badRowCount`,
/// `badRows`), next to the import's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RowsRead<B> {
    /// Data rows: non-empty lines after the header.
    pub rows: usize,
    /// The line of the header, if the mapping has one.
    pub header_line: Option<usize>,
    /// How many rows were bad.
    pub bad_row_count: usize,
    /// The first [`MAX_BAD_ROWS`] bad rows.
    pub bad_rows: Vec<B>,
}

impl<B> Default for RowsRead<B> {
    fn default() -> Self {
        RowsRead {
            rows: 0,
            header_line: None,
            bad_row_count: 0,
            bad_rows: Vec::new(),
        }
    }
}

impl<B> RowsRead<B> {
    /// Counts `rows` bad rows, kept in detail as `bad` while fewer than [`MAX_BAD_ROWS`] are.
    pub fn bad(&mut self, rows: usize, bad: B) {
        self.bad_row_count += rows;
        if self.bad_rows.len() < MAX_BAD_ROWS {
            self.bad_rows.push(bad);
        }
    }
}

/// What the import read. Every data row is a bad row, a guest row, a row of an order left
/// out, or a row of a purchase or a refund:
/// `read.rows == read.bad_row_count + guest_rows + left_out_rows + order_rows`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportStats {
    /// The rows, the header line and the bad rows.
    #[serde(flatten)]
    pub read: RowsRead<BadRow>,
    /// Purchases: orders counted with a net amount of zero or more.
    pub orders: usize,
    /// Orders with a net amount below zero: credit notes, cancellation invoices, returns.
    /// They lower their customer's spend but are not purchases, so they never make a customer
    /// active.
    pub refunds: usize,
    /// The sum of the refunds (zero or less).
    pub refunded: f64,
    /// Refunds of customers with no purchase in the file; counted in `refunds` and
    /// `refunded`, but nobody's spend.
    pub unmatched_refunds: usize,
    /// Distinct customers with at least one purchase.
    pub customers: usize,
    /// How rows were made into orders.
    pub grouping: Grouping,
    /// Rows of purchases and refunds.
    pub order_rows: usize,
    /// Orders left out: a status the mapping leaves out, or a cancelled-at date.
    pub left_out: usize,
    /// Their rows.
    pub left_out_rows: usize,
    /// Orders per status value, the first [`MAX_STATUSES`] values in order of appearance.
    pub statuses: Vec<StatusCount>,
    /// Orders whose status is not in `statuses` (a file with very many values).
    pub other_statuses: usize,
    /// Rows without a customer id, e-mail or name (of an order without any): counted, never a
    /// customer.
    pub guest_rows: usize,
    /// Orders of guest rows (each guest row is one without an order column).
    pub guest_orders: usize,
    /// The first line of the first [`MAX_BAD_ROWS`] guest orders.
    pub guest_lines: Vec<usize>,
    /// Orders whose rows give different totals; the one of the largest size counts (the
    /// counting rules, `orders/rules.rs`).
    pub conflicting_totals: usize,
    /// The first line of the first [`MAX_BAD_ROWS`] of them.
    pub conflicting_total_lines: Vec<usize>,
    /// How the file's text was written.
    pub encoding: Encoding,
}

/// One purchase (an order counted): when and how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Purchase {
    /// Days since 1970-01-01.
    pub day: i32,
    /// The order's net amount, zero or more.
    pub amount: f64,
}

/// A customer's purchases per day, oldest first: `(day, amount bought that day)`. One home of
/// the rule "purchases are counted per day": the repeat customers of the summary and the
/// frequency of the forecast both come from here.
///
/// ```
/// use retention_core::{purchase_days, Purchase};
/// let p = |day, amount| Purchase { day, amount };
/// let days: Vec<_> = purchase_days(&[p(1, 10.0), p(1, 5.0), p(3, 2.0)]).collect();
/// assert_eq!(days, [(1, 15.0), (3, 2.0)]);
/// ```
pub fn purchase_days(purchases: &[Purchase]) -> impl Iterator<Item = (i32, f64)> + '_ {
    purchases
        .chunk_by(|a, b| a.day == b.day)
        .map(|day| (day[0].day, day.iter().map(|p| p.amount).sum()))
}

/// One customer's purchases, oldest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerOrders<'a> {
    /// The customer's index in the log, from 0.
    pub index: u32,
    /// The customer id as written in the export.
    pub id: &'a str,
    /// Purchases sorted by day (orders of one day in file order); never empty.
    pub purchases: &'a [Purchase],
    /// The sum of the customer's refunds (zero or less).
    pub refunded: f64,
    /// The customer's e-mail address as first written, when the mapping has an e-mail column
    /// and a row of theirs fills it.
    pub email: Option<&'a str>,
    /// The customer's name as first written, when the mapping has a name column and a row of
    /// theirs fills it.
    pub name: Option<&'a str>,
}

impl CustomerOrders<'_> {
    /// Historical CLV: everything the customer spent, refunds taken off.
    pub fn net_spend(&self) -> f64 {
        self.purchases.iter().map(|p| p.amount).sum::<f64>() + self.refunded
    }

    /// Bought on two or more days (up to `end`, a day): a repeat customer, everywhere.
    pub fn is_repeat(&self, end: i32) -> bool {
        let upto = self.purchases.partition_point(|p| p.day <= end);
        upto > 0 && self.purchases[0].day != self.purchases[upto - 1].day
    }
}

/// Every purchase of an export, grouped by customer.
///
/// Stored as one array of purchases sorted by customer and day, with each customer's
/// offset into it: 16 bytes a purchase plus the ids, and each customer's history is a slice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderLog {
    ids: CustomerIds,
    /// Customer `i`'s purchases are `purchases[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    purchases: Vec<Purchase>,
    refunded: Vec<f64>,
    contacts: Contacts,
    stats: ImportStats,
}

impl OrderLog {
    /// How many customers have at least one purchase.
    pub fn customer_count(&self) -> usize {
        self.refunded.len()
    }

    /// How many purchases there are.
    pub fn purchase_count(&self) -> usize {
        self.purchases.len()
    }

    /// One customer's purchases; `index` below [`OrderLog::customer_count`].
    pub fn customer(&self, index: u32) -> CustomerOrders<'_> {
        let i = index as usize;
        let range = self.offsets[i] as usize..self.offsets[i + 1] as usize;
        let (email, name) = self.contacts.get(i);
        CustomerOrders {
            index,
            id: self.ids.get(i),
            purchases: &self.purchases[range],
            refunded: self.refunded[i],
            email,
            name,
        }
    }

    /// Every customer's purchases, in order of first appearance in the export.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = CustomerOrders<'_>> + '_ {
        (0..self.customer_count() as u32).map(|i| self.customer(i))
    }

    /// The first and last purchase day, or `None` without purchases.
    pub fn span(&self) -> Option<(i32, i32)> {
        // Each customer's purchases are sorted by day: only their first and last count. Read
        // straight from the offsets, since every count (summary, forecast, segments) asks.
        let ends = self.offsets.windows(2).map(|w| {
            let (first, last) = (w[0] as usize, w[1] as usize - 1);
            (self.purchases[first].day, self.purchases[last].day)
        });
        ends.reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// What the import read: counts and bad rows.
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }

    /// The bytes the log holds on the heap, for memory estimates.
    pub fn heap_bytes(&self) -> usize {
        self.ids.heap_bytes()
            + self.offsets.capacity() * size_of::<u32>()
            + self.purchases.capacity() * size_of::<Purchase>()
            + self.refunded.capacity() * size_of::<f64>()
            + self.contacts.heap_bytes()
            + self.stats.read.bad_rows.capacity() * size_of::<BadRow>()
    }
}

/// Reads an export already in memory as `mapping` says: a thin wrapper over [`OrderReader`],
/// which a file's bytes should go through chunk by chunk instead. The ids are hashed with
/// [`Seed::random`].
///
/// `on_progress(bytes_done, bytes_total)` is called about every 64 KB and at the end; when it
/// returns `false` the import stops with [`ImportError::Cancelled`].
///
/// Customer ids are compared exactly after trimming spaces (`K1` and `k1` are two
/// customers); e-mail addresses without case. A time after the date is ignored.
///
/// ```
/// use retention_core::{parse_orders, BadRowReason, DateFormat, Delimiter, Locale, Mapping};
/// let text = "customer,date,amount\nann,2024-01-05,20.00\nbob,2024-01-06,oops\nann,2024-02-01,-5\n";
/// let mapping = Mapping {
///     customer: Some(0),
///     date: 1,
///     amount: Some(2),
///     ..Mapping::new(Delimiter::Comma, true, 3)
/// };
/// let log = parse_orders(text, &mapping, |_, _| true).unwrap();
/// assert_eq!(log.customer_count(), 1);
/// assert_eq!(log.customer(0).purchases.len(), 1);
/// assert_eq!(log.customer(0).refunded, -5.0);
/// let stats = log.stats();
/// assert_eq!((stats.read.rows, stats.orders, stats.refunds, stats.read.bad_row_count), (3, 1, 1, 1));
/// assert_eq!(stats.read.bad_rows[0].line, 3);
/// assert_eq!(stats.read.bad_rows[0].reason, BadRowReason::Amount { text: "oops".into() });
/// ```
pub fn parse_orders(
    text: &str,
    mapping: &Mapping,
    on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<OrderLog, ImportError> {
    OrderReader::read_all(text.as_bytes(), mapping, Seed::random(), on_progress)
}

/// One counted order, before grouping by customer.
pub(crate) struct Counted {
    pub customer: u32,
    pub day: i32,
    /// Net amount: below zero for a refund.
    pub amount: f64,
}

/// Sorts the counted orders into each customer's purchases, oldest first, and the refunds
/// into each customer's refunded sum. Customers with only refunds get no index: they bought
/// nothing in the file.
pub(crate) fn group(
    rows: Vec<Counted>,
    ids: Ids,
    contacts: &Contacts,
    mut stats: ImportStats,
) -> OrderLog {
    let mut counts = vec![0u32; ids.len()];
    for r in rows.iter().filter(|r| r.amount >= 0.0) {
        counts[r.customer as usize] += 1;
    }
    // Old index -> new index, for customers with a purchase.
    let mut renumber = vec![u32::MAX; ids.len()];
    let mut offsets = vec![0u32];
    let mut kept = Ids::default();
    for (old, &count) in counts.iter().enumerate() {
        if count > 0 {
            renumber[old] = offsets.len() as u32 - 1;
            offsets.push(offsets[offsets.len() - 1] + count);
            kept.push(ids.get(old));
        }
    }
    drop(ids);
    let kept_old = counts.iter().enumerate().filter(|(_, &n)| n > 0);
    let contacts = contacts.keep(kept_old.map(|(old, _)| old));
    let customers = offsets.len() - 1;
    let mut next: Vec<u32> = offsets[..customers].to_vec();
    let mut purchases = vec![
        Purchase {
            day: 0,
            amount: 0.0
        };
        offsets[customers] as usize
    ];
    let mut refunded = vec![0.0; customers];
    for r in &rows {
        let customer = renumber[r.customer as usize];
        if r.amount < 0.0 {
            stats.refunds += 1;
            stats.refunded += r.amount;
            match refunded.get_mut(customer as usize) {
                Some(sum) => *sum += r.amount,
                None => stats.unmatched_refunds += 1,
            }
            continue;
        }
        let at = &mut next[customer as usize];
        purchases[*at as usize] = Purchase {
            day: r.day,
            amount: r.amount,
        };
        *at += 1;
    }
    drop(rows);
    for w in offsets.windows(2) {
        let history = &mut purchases[w[0] as usize..w[1] as usize];
        // Exports usually list orders by date, so most histories are sorted already. The
        // sort is stable: one day's purchases stay in file order.
        if !history.is_sorted_by_key(|p| p.day) {
            history.sort_by_key(|p| p.day);
        }
    }
    stats.orders = purchases.len();
    stats.customers = customers;
    OrderLog {
        ids: CustomerIds::from(kept),
        offsets,
        purchases,
        refunded,
        contacts,
        stats,
    }
}

/// Customer ids, one after the other in one string: no allocation per customer.
#[derive(Debug, Clone, PartialEq, Default)]
struct CustomerIds {
    text: String,
    /// Id `i` ends at `ends[i]` and starts where id `i - 1` ends.
    ends: Vec<usize>,
}

impl From<Ids> for CustomerIds {
    /// The ids were decoded to UTF-8 when read, so nothing is replaced here.
    fn from(mut ids: Ids) -> CustomerIds {
        ids.text.shrink_to_fit();
        ids.ends.shrink_to_fit();
        let text = String::from_utf8(ids.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        CustomerIds {
            text,
            ends: ids.ends,
        }
    }
}

impl CustomerIds {
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..self.ends[i]).unwrap_or_default()
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * size_of::<usize>()
    }
}
