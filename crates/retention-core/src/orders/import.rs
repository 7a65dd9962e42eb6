//! Reading every row of an export into an [`OrderLog`].

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::amount::read_amount;
use super::scan::{Record, Scanner};
use super::sniff::Mapping;

/// Bad rows kept in detail; the rest are only counted.
pub const MAX_BAD_ROWS: usize = 100;
/// How often, in bytes, the import reports progress.
pub const PROGRESS_STEP: usize = 64 * 1024;

/// Why the import stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
    /// The mapping uses one column for two of customer, date and amount.
    SameColumn {
        /// The column used twice.
        column: usize,
    },
}

impl ImportError {
    /// A stable camelCase identifier, e.g. `cancelled`.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Cancelled => "cancelled",
            ImportError::NoSuchColumn { .. } => "noSuchColumn",
            ImportError::SameColumn { .. } => "sameColumn",
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Cancelled => f.write_str("the import was cancelled"),
            ImportError::NoSuchColumn { column, columns } => write!(
                f,
                "column {} does not exist: the rows have {columns} columns",
                column + 1
            ),
            ImportError::SameColumn { column } => write!(
                f,
                "column {} cannot hold two of customer, date and amount",
                column + 1
            ),
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
        match *self {
            ImportError::Cancelled => {}
            ImportError::NoSuchColumn { column, columns } => {
                out.serialize_field("column", &column)?;
                out.serialize_field("columns", &columns)?;
            }
            ImportError::SameColumn { column } => out.serialize_field("column", &column)?,
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
    /// The customer id is empty.
    NoCustomer,
    /// The date is not a date in the mapping's format.
    Date {
        /// The text in the date column.
        text: String,
    },
    /// The amount is not a number.
    Amount {
        /// The text in the amount column.
        text: String,
    },
    /// A quote was opened and never closed, so the rest of the text is one field.
    UnclosedQuote,
}

impl fmt::Display for BadRowReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadRowReason::Columns { found, expected } => {
                write!(f, "{found} columns instead of {expected}")
            }
            BadRowReason::NoCustomer => f.write_str("no customer id"),
            BadRowReason::Date { text } => write!(f, "{text:?} is not a date in that format"),
            BadRowReason::Amount { text } => write!(f, "{text:?} is not an amount"),
            BadRowReason::UnclosedQuote => f.write_str("a quote is never closed"),
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

/// What the import read. Every data row is an order, a refund or a bad row:
/// `rows == orders + refunds + bad_row_count`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportStats {
    /// Data rows: non-empty lines after the header.
    pub rows: usize,
    /// Purchases: rows with an amount of zero or more.
    pub orders: usize,
    /// Rows with a negative amount: refunds and credit notes. They lower their customer's
    /// spend but are not purchases, so they never make a customer active.
    pub refunds: usize,
    /// The sum of the refunds (zero or less).
    pub refunded: f64,
    /// Refunds of customers with no purchase in the file; counted in `refunds` and
    /// `refunded`, but nobody's spend.
    pub unmatched_refunds: usize,
    /// Distinct customers with at least one purchase.
    pub customers: usize,
    /// The line of the header, if the mapping has one.
    pub header_line: Option<usize>,
    /// How many rows were bad.
    pub bad_row_count: usize,
    /// The first [`MAX_BAD_ROWS`] bad rows.
    pub bad_rows: Vec<BadRow>,
}

/// One purchase: when and how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Purchase {
    /// Days since 1970-01-01.
    pub day: i32,
    /// The amount, zero or more.
    pub amount: f64,
}

/// One customer's purchases, oldest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerOrders<'a> {
    /// The customer's index in the log, from 0.
    pub index: u32,
    /// The customer id as written in the export.
    pub id: &'a str,
    /// Purchases sorted by day (rows of one day in file order); never empty.
    pub purchases: &'a [Purchase],
    /// The sum of the customer's refunds (zero or less).
    pub refunded: f64,
}

impl CustomerOrders<'_> {
    /// Historical CLV: everything the customer spent, refunds taken off.
    pub fn net_spend(&self) -> f64 {
        self.purchases.iter().map(|p| p.amount).sum::<f64>() + self.refunded
    }
}

/// Every purchase of an export, grouped by customer.
///
/// Stored as one array of purchases sorted by customer and day, with each customer's
/// offset into it: 16 bytes a purchase plus the ids, and each customer's history is a slice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderLog {
    ids: Ids,
    /// Customer `i`'s purchases are `purchases[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    purchases: Vec<Purchase>,
    refunded: Vec<f64>,
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
        CustomerOrders {
            index,
            id: self.ids.get(i),
            purchases: &self.purchases[range],
            refunded: self.refunded[i],
        }
    }

    /// Every customer's purchases, in order of first appearance in the export.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = CustomerOrders<'_>> + '_ {
        (0..self.customer_count() as u32).map(|i| self.customer(i))
    }

    /// The first and last purchase day, or `None` without purchases.
    pub fn span(&self) -> Option<(i32, i32)> {
        let first = self.customers().map(|c| c.purchases[0].day).min()?;
        let last = self
            .customers()
            .map(|c| c.purchases[c.purchases.len() - 1].day);
        Some((first, last.max()?))
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
            + self.stats.bad_rows.capacity() * size_of::<BadRow>()
    }
}

/// Reads every data row of an export as `mapping` says: each becomes a purchase (amount zero
/// or more), a refund (negative amount) or a bad row reported with its line and reason.
///
/// `on_progress(bytes_done, bytes_total)` is called about every 64 KB and at the end; when it
/// returns `false` the import stops with [`ImportError::Cancelled`].
///
/// Customer ids are compared exactly after trimming spaces (`K1` and `k1` are two
/// customers). A time after the date is ignored.
///
/// ```
/// use retention_core::{parse_orders, BadRowReason, DateFormat, Delimiter, Locale, Mapping};
/// let text = "customer,date,amount\nann,2024-01-05,20.00\nbob,2024-01-06,oops\nann,2024-02-01,-5\n";
/// let mapping = Mapping {
///     delimiter: Delimiter::Comma,
///     has_header: true,
///     columns: 3,
///     customer: 0,
///     date: 1,
///     amount: 2,
///     date_format: DateFormat::Iso,
///     locale: Locale::En,
/// };
/// let log = parse_orders(text, &mapping, |_, _| true).unwrap();
/// assert_eq!(log.customer_count(), 1);
/// assert_eq!(log.customer(0).purchases.len(), 1);
/// assert_eq!(log.customer(0).refunded, -5.0);
/// let stats = log.stats();
/// assert_eq!((stats.rows, stats.orders, stats.refunds, stats.bad_row_count), (3, 1, 1, 1));
/// assert_eq!(stats.bad_rows[0].line, 3);
/// assert_eq!(stats.bad_rows[0].reason, BadRowReason::Amount { text: "oops".into() });
/// ```
pub fn parse_orders(
    text: &str,
    mapping: &Mapping,
    mut on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<OrderLog, ImportError> {
    check(mapping)?;
    let total = text.len();
    let mut scanner = Scanner::new(text, mapping.delimiter);
    let mut record = Record::new(text);
    let mut stats = ImportStats::default();
    let mut interner = Interner::default();
    let mut rows: Vec<Row> = Vec::with_capacity(total / 40);
    let mut next_report = PROGRESS_STEP;
    let mut header_pending = mapping.has_header;
    while scanner.next_record(&mut record) {
        if scanner.pos() >= next_report {
            if !on_progress(scanner.pos(), total) {
                return Err(ImportError::Cancelled);
            }
            next_report = scanner.pos() + PROGRESS_STEP;
        }
        if record.is_blank() {
            continue;
        }
        if std::mem::take(&mut header_pending) {
            stats.header_line = Some(record.line);
            continue;
        }
        stats.rows += 1;
        match read_row(&record, mapping, &mut interner) {
            Ok(row) => rows.push(row),
            Err(reason) => {
                stats.bad_row_count += 1;
                if stats.bad_rows.len() < MAX_BAD_ROWS {
                    stats.bad_rows.push(BadRow {
                        line: record.line,
                        reason,
                    });
                }
            }
        }
    }
    // The last report says "all done", unless the loop just said so.
    if next_report != total + PROGRESS_STEP && !on_progress(total, total) {
        return Err(ImportError::Cancelled);
    }
    Ok(group(rows, interner.ids, stats))
}

fn check(mapping: &Mapping) -> Result<(), ImportError> {
    let used = [mapping.customer, mapping.date, mapping.amount];
    for (i, &column) in used.iter().enumerate() {
        if column >= mapping.columns {
            return Err(ImportError::NoSuchColumn {
                column,
                columns: mapping.columns,
            });
        }
        if used[..i].contains(&column) {
            return Err(ImportError::SameColumn { column });
        }
    }
    Ok(())
}

/// A row read, before grouping by customer.
struct Row {
    customer: u32,
    day: i32,
    amount: f64,
}

fn read_row(
    record: &Record,
    mapping: &Mapping,
    interner: &mut Interner,
) -> Result<Row, BadRowReason> {
    if record.unclosed_quote {
        return Err(BadRowReason::UnclosedQuote);
    }
    if record.len() != mapping.columns {
        return Err(BadRowReason::Columns {
            found: record.len(),
            expected: mapping.columns,
        });
    }
    let id = record.field(mapping.customer);
    if id.is_empty() {
        return Err(BadRowReason::NoCustomer);
    }
    let day = mapping
        .date_format
        .read(record.field(mapping.date))
        .ok_or_else(|| BadRowReason::Date {
            text: record.text(mapping.date),
        })?;
    let amount = read_amount(record.field(mapping.amount), mapping.locale).ok_or_else(|| {
        BadRowReason::Amount {
            text: record.text(mapping.amount),
        }
    })?;
    Ok(Row {
        customer: interner.index(id),
        day,
        amount,
    })
}

/// Sorts the rows into each customer's purchases, oldest first, and the refunds into each
/// customer's refunded sum. Customers with only refunds get no index: they bought nothing in
/// the file.
fn group(rows: Vec<Row>, ids: Ids, mut stats: ImportStats) -> OrderLog {
    let mut counts = vec![0u32; ids.len()];
    for r in rows.iter().filter(|r| r.amount >= 0.0) {
        counts[r.customer as usize] += 1;
    }
    // Old index -> new index, for customers with a purchase.
    let mut renumber = vec![u32::MAX; ids.len()];
    let mut offsets = vec![0u32];
    for (old, &count) in counts.iter().enumerate() {
        if count > 0 {
            renumber[old] = offsets.len() as u32 - 1;
            offsets.push(offsets[offsets.len() - 1] + count);
        }
    }
    let customers = offsets.len() - 1;
    let mut ids = if customers == ids.len() {
        ids
    } else {
        let mut kept = Ids::default();
        for old in (0..ids.len()).filter(|&old| counts[old] > 0) {
            kept.push(ids.get(old));
        }
        kept
    };
    // The log lives on after the import: no spare capacity from growing.
    ids.text.shrink_to_fit();
    ids.ends.shrink_to_fit();
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
        ids,
        offsets,
        purchases,
        refunded,
        stats,
    }
}

/// Customer ids, one after the other in one string: no allocation per customer.
#[derive(Debug, Clone, PartialEq, Default)]
struct Ids {
    text: String,
    /// Id `i` ends at `ends[i]` and starts where id `i - 1` ends.
    ends: Vec<usize>,
}

impl Ids {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * size_of::<usize>()
    }
}

/// Customer ids to dense indices: an open-addressing table (linear probing, at most half
/// full) of indices into [`Ids`].
///
/// A `HashMap<Box<[u8]>, u32>` allocates per customer and reaches each key through a
/// pointer; with half a million customers that is a cache miss per row more and twice the
/// time. Here a row costs one probe of an 8-byte slot and one comparison with the stored id.
#[derive(Default)]
struct Interner {
    ids: Ids,
    /// `(index + 1, upper half of the hash)`; `(0, _)` is empty.
    slots: Vec<(u32, u32)>,
}

impl Interner {
    fn index(&mut self, id: &[u8]) -> u32 {
        if self.ids.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let hash = hash(id);
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (slot, slot_tag) = self.slots[at];
            if slot == 0 {
                let index = self.ids.len() as u32;
                // Fields are cut at ASCII bytes of a &str, so this never fails.
                self.ids.push(std::str::from_utf8(id).unwrap_or_default());
                self.slots[at] = (index + 1, tag);
                return index;
            }
            if slot_tag == tag && self.ids.get(slot as usize - 1).as_bytes() == id {
                return slot - 1;
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![(0, 0); size];
        for i in 0..self.ids.len() {
            let hash = hash(self.ids.get(i).as_bytes());
            let mut at = hash as usize & (size - 1);
            while self.slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = (i as u32 + 1, (hash >> 32) as u32);
        }
    }
}

/// The Fx hash (from rustc) over 8-byte words, then MurmurHash3's finaliser.
///
/// Fx is a rotate, xor and multiply per word; a multiply only carries a word's entropy
/// upwards, and the table picks slots by the low bits, so ids that differ in their last
/// bytes (`K-000123`, `K-000124`: the high bytes of a little-endian word) would pile up in
/// one slot. The finaliser mixes the high bits down. Crafted collisions do not matter for a
/// user's own file.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h = (h ^ (h >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}
