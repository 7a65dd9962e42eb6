//! The streaming reader: bytes in, in chunks of any size, and an [`OrderLog`] out, following
//! the counting rules of `rules.rs` (rows → orders → purchases and refunds per customer).
//!
//! Memory is bounded by the orders and customers, not by the bytes: a chunk is scanned as it
//! comes and only the unfinished last row is kept for the next one, up to [`MAX_ROW_BYTES`].

use std::collections::HashMap;

use super::amount::read_amount;
use super::contacts::Contacts;
use super::decode::{field_text, is_utf8, Decoder, Encoding};
use super::import::{
    cut, group, BadRow, BadRowReason, Counted, Grouping, ImportError, ImportStats, OrderLog,
    StatusCount, MAX_BAD_ROWS, MAX_QUOTED_CHARS, MAX_ROW_BYTES, MAX_STATUSES, PROGRESS_STEP,
};
use super::rules::{normalise_status, order_total};
use super::scan::{Next, Record, Scanner};
use super::sniff::{is_workbook, Mapping};
use super::table::{Seed, Table};
use super::workbook::read_sheet;
use crate::Locale;

/// One field of a row, as the reader sees it.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))] // typed cells come from spreadsheets
pub(crate) enum Cell<'a> {
    Empty,
    /// Text as written (UTF-8, or bytes to read as Windows-1252), trimmed.
    Text(&'a [u8]),
    /// A typed number of a spreadsheet.
    Number(f64),
    /// A typed date of a spreadsheet, as days since 1970-01-01.
    Day(i32),
}

/// A row of fields: a scanned record, or a spreadsheet row.
pub(crate) trait Row {
    /// How many fields the row has.
    fn count(&self) -> usize;
    /// Field `i`, below [`Row::count`].
    fn cell(&self, i: usize) -> Cell<'_>;
    /// A quote was opened and never closed, so the rest of the text is one field.
    fn unclosed_quote(&self) -> bool {
        false
    }
}

impl Row for Record<'_> {
    fn count(&self) -> usize {
        self.count()
    }

    fn cell(&self, i: usize) -> Cell<'_> {
        match self.field(i) {
            [] => Cell::Empty,
            text => Cell::Text(text),
        }
    }

    fn unclosed_quote(&self) -> bool {
        self.unclosed_quote
    }
}

impl<'a> Cell<'a> {
    /// The field as text for an id or a status: decoded, numbers written plainly.
    fn text(self) -> Option<std::borrow::Cow<'a, [u8]>> {
        use std::borrow::Cow;
        match self {
            Cell::Empty => None,
            Cell::Text(t) => Some(match field_text(t) {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            }),
            Cell::Number(n) => Some(Cow::Owned(plain_number(n).into_bytes())),
            Cell::Day(d) => Some(Cow::Owned(
                crate::Date::from_days(d).to_string().into_bytes(),
            )),
        }
    }

    /// The field quoted in a message, cut short.
    fn quoted(self) -> String {
        let text = self.text().unwrap_or_default();
        cut(&String::from_utf8_lossy(&text), MAX_QUOTED_CHARS)
    }
}

/// A spreadsheet number as an id is written: `17850`, not `17850.0`.
pub(crate) fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        crate::format_exact(n)
    }
}

/// Reads an export pushed in chunks of any size and split (inside a UTF-8 character, a quoted
/// field or a CRLF): [`OrderReader::feed`] each chunk, then [`OrderReader::finish`].
///
/// ```
/// use retention_core::{Delimiter, Mapping, OrderReader, Seed};
/// let mapping = Mapping { order: Some(0), customer: Some(1), date: 2, amount: Some(3), ..Mapping::new(Delimiter::Comma, true, 4) };
/// let mut reader = OrderReader::new(&mapping, Seed::random()).unwrap();
/// for chunk in [&b"order,customer,date,amount\n1,ann,2024-01-05,1"[..], b"0\n1,ann,2024-01-05,5\n2,bob,2024-01-06,7\n"] {
///     reader.feed(chunk).unwrap();
/// }
/// let log = reader.finish().unwrap();
/// assert_eq!(log.stats().orders, 2);
/// assert_eq!(log.customer(0).purchases[0].amount, 15.0);
/// ```
pub struct OrderReader {
    mapping: Mapping,
    decoder: Decoder,
    /// Decoded bytes not scanned yet: the start of a row that the last chunk ended inside.
    pending: Vec<u8>,
    /// The line `pending` starts on.
    line: usize,
    /// Scan again once `pending` is this long: see [`RESCAN_BYTES`].
    rescan_at: usize,
    header_pending: bool,
    /// Bytes at the end of the last chunk that may be the start of a UTF-8 character.
    utf8_tail: Vec<u8>,
    orders: Orders,
}

impl OrderReader {
    /// A reader for exports laid out as `mapping` says (checked here). `seed` keys the hash
    /// of the id tables: give a random one ([`Seed::random`] natively, random numbers from
    /// JavaScript in a browser) so that no file can be crafted to make the import slow.
    pub fn new(mapping: &Mapping, seed: Seed) -> Result<OrderReader, ImportError> {
        mapping.check()?;
        Ok(OrderReader {
            mapping: mapping.clone(),
            decoder: Decoder::default(),
            pending: Vec::new(),
            line: 1,
            rescan_at: 0,
            header_pending: mapping.has_header,
            utf8_tail: Vec::new(),
            orders: Orders::new(mapping, seed),
        })
    }

    /// Reads a whole export in memory: a text a [`PROGRESS_STEP`] of bytes at a time, or a
    /// sheet of a workbook ([`is_workbook`]; `mapping.sheet`, default the first) row by row.
    /// `on_progress(bytes_done, bytes_total)` is called after each step and at the end (for a
    /// workbook `on_progress(rows_done, 0)` about every 64 K rows); when it returns `false`
    /// the import stops with [`ImportError::Cancelled`].
    pub fn read_all(
        bytes: &[u8],
        mapping: &Mapping,
        seed: Seed,
        mut on_progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<OrderLog, ImportError> {
        let mut reader = OrderReader::new(mapping, seed)?;
        if is_workbook(bytes) {
            return read_sheet(bytes, mapping, reader, on_progress);
        }
        let total = bytes.len();
        let mut done = 0;
        for chunk in bytes.chunks(PROGRESS_STEP) {
            reader.feed(chunk)?;
            done += chunk.len();
            if done < total && !on_progress(done, total) {
                return Err(ImportError::Cancelled);
            }
        }
        let log = reader.finish()?;
        if !on_progress(total, total) {
            return Err(ImportError::Cancelled);
        }
        Ok(log)
    }

    /// Reads a chunk: every row it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), ImportError> {
        let start = self.pending.len();
        self.decoder.push(chunk, &mut self.pending);
        self.note_encoding(start);
        if self.pending.len() < self.rescan_at {
            return Ok(());
        }
        self.scan(false)?;
        self.rescan_at = (2 * self.pending.len() + RESCAN_BYTES).min(MAX_ROW_BYTES + 1);
        Ok(())
    }

    /// Reads the last row and counts: the log of purchases per customer.
    pub fn finish(mut self) -> Result<OrderLog, ImportError> {
        let start = self.pending.len();
        self.decoder.end(&mut self.pending);
        self.note_encoding(start);
        if !self.utf8_tail.is_empty() {
            self.orders.stats.encoding = Encoding::Windows1252;
        }
        self.scan(true)?;
        Ok(self.orders.finish())
    }

    /// Feeds a row of a spreadsheet.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) fn push_row(&mut self, row: &impl Row, line: usize) {
        if row_is_blank(row) {
            return;
        }
        if std::mem::take(&mut self.header_pending) {
            self.orders.stats.read.header_line = Some(line);
            return;
        }
        self.orders.push(row, line);
    }

    /// Marks the file Windows-1252 once a byte is not part of valid UTF-8.
    fn note_encoding(&mut self, start: usize) {
        if self.orders.stats.encoding != Encoding::Utf8
            || self.decoder.encoding() != Some(Encoding::Utf8)
        {
            if let Some(e) = self.decoder.encoding() {
                if self.orders.stats.encoding == Encoding::Utf8 {
                    self.orders.stats.encoding = e;
                }
            }
            return;
        }
        let mut new = &self.pending[start..];
        // First complete a character that the last chunk ended inside.
        while !self.utf8_tail.is_empty() {
            let Some((&b, rest)) = new.split_first() else {
                return;
            };
            self.utf8_tail.push(b);
            new = rest;
            match std::str::from_utf8(&self.utf8_tail) {
                Ok(_) => self.utf8_tail.clear(),
                Err(e) if e.error_len().is_none() => {}
                Err(_) => {
                    self.orders.stats.encoding = Encoding::Windows1252;
                    return;
                }
            }
        }
        if let Err(e) = std::str::from_utf8(new) {
            match e.error_len() {
                Some(_) => self.orders.stats.encoding = Encoding::Windows1252,
                // Cut inside a character: check it with the next chunk.
                None => self.utf8_tail = new[e.valid_up_to()..].to_vec(),
            }
        }
    }

    fn scan(&mut self, last: bool) -> Result<(), ImportError> {
        let pending = std::mem::take(&mut self.pending);
        let mut scanner = Scanner::partial(&pending, self.mapping.delimiter, self.line, last);
        let mut record = Record::of_bytes(&pending);
        while scanner.next(&mut record) == Next::Record {
            if record.is_blank() {
                continue;
            }
            if std::mem::take(&mut self.header_pending) {
                self.orders.stats.read.header_line = Some(record.line);
                continue;
            }
            self.orders.push(&record, record.line);
        }
        let (consumed, line) = (scanner.pos(), scanner.line());
        drop(record);
        let mut pending = pending;
        pending.drain(..consumed);
        if pending.len() > MAX_ROW_BYTES {
            return Err(ImportError::RowTooLong {
                line,
                limit: MAX_ROW_BYTES,
            });
        }
        self.pending = pending;
        self.line = line;
        Ok(())
    }
}

#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
fn row_is_blank(row: &impl Row) -> bool {
    (0..row.count()).all(|i| matches!(row.cell(i), Cell::Empty))
}

/// A scan stops at the row a chunk ended inside and reads it again from its start with the
/// next chunk. Scanning again only once the unread bytes have doubled and grown by this many
/// keeps the work linear when a long row comes in many small chunks (it was quadratic: a
/// 25 KB field of doubled quotes fed a byte at a time allocated 2.9 GB).
const RESCAN_BYTES: usize = 64 << 10;

/// No customer, no date: markers in [`Order`].
const NONE_U32: u32 = u32::MAX;
const NONE_DAY: i32 = i32::MIN;
/// No status; a status past [`MAX_STATUSES`].
const NO_STATUS: u16 = u16::MAX;
const OTHER_STATUS: u16 = u16::MAX - 1;

/// Flags of an [`Order`].
const HAS_LINES: u8 = 1;
const LEFT_OUT: u8 = 2;
const CONFLICT: u8 = 4;
/// The status kept for the report is a left-out one.
const STATUS_LEFT_OUT: u8 = 8;

/// An order while its rows are read. Every field follows a rule that does not depend on the
/// order of the rows (rules.rs): the smallest customer key, the earliest date, the total of
/// the largest size, the largest refund, left out when any row says so.
#[derive(Debug, Clone, Copy)]
struct Order {
    customer: u32,
    day: i32,
    /// The order total, `NaN` until a row gives one.
    total: f64,
    /// The sum of the lines.
    lines: f64,
    /// The refunded amount's size, `NaN` until a row gives one.
    refunded: f64,
    rows: u32,
    first_line: usize,
    /// The status reported: the first left-out status of its rows, else their first status.
    status: u16,
    flags: u8,
}

impl Order {
    fn new(line: usize) -> Order {
        Order {
            customer: NONE_U32,
            day: NONE_DAY,
            total: f64::NAN,
            lines: 0.0,
            refunded: f64::NAN,
            rows: 0,
            first_line: line,
            status: NO_STATUS,
            flags: 0,
        }
    }
}

/// The values of one row, read.
struct Values {
    day: Option<i32>,
    total: Option<f64>,
    /// Quantity × unit price, else the line amount.
    line: Option<f64>,
    refunded: Option<f64>,
    /// (index in the status list, left out).
    status: Option<(u16, bool)>,
    cancelled: bool,
}

/// Rows to orders, orders to purchases and refunds.
struct Orders {
    mapping: Mapping,
    grouping: Grouping,
    orders: Vec<Order>,
    /// Order numbers (or, without an order column, customer and day) to orders.
    keys: Table,
    /// Without an order column, while every customer's days have come in order: each
    /// customer's latest day and its order, and `keys` empty (see [`Orders::day_order`]).
    latest: Option<Vec<(i32, u32)>>,
    customers: Table,
    /// The order of the previous row: rows of one order usually follow each other.
    last_key: Vec<u8>,
    last_order: u32,
    /// Status spellings seen (bounded), to their place in `stats.statuses` and whether they
    /// are left out.
    spellings: HashMap<Vec<u8>, (u16, bool)>,
    /// Normalised statuses to their place in `stats.statuses`.
    normalised: HashMap<String, u16>,
    /// Each customer's first e-mail address and name, for the columns the mapping has.
    contacts: Contacts,
    stats: ImportStats,
}

/// Status spellings remembered; past this each row's status is normalised again.
const MAX_SPELLINGS: usize = 256;

impl Orders {
    fn new(mapping: &Mapping, seed: Seed) -> Orders {
        let grouping = match mapping.order {
            Some(_) => Grouping::OrderNumber,
            None => Grouping::CustomerDay,
        };
        // The statuses left out, as they are compared.
        let mut mapping = mapping.clone();
        mapping.left_out = mapping
            .left_out
            .iter()
            .map(|s| normalise_status(s))
            .collect();
        Orders {
            contacts: Contacts::new(mapping.email.is_some(), mapping.name.is_some()),
            mapping,
            grouping,
            orders: Vec::new(),
            keys: Table::new(Seed(seed.0 ^ 0x5bd1_e995, seed.1.rotate_left(17))),
            latest: (grouping == Grouping::CustomerDay).then(Vec::new),
            customers: Table::new(seed),
            last_key: Vec::new(),
            last_order: NONE_U32,
            spellings: HashMap::new(),
            normalised: HashMap::new(),
            stats: ImportStats {
                grouping,
                ..ImportStats::default()
            },
        }
    }

    fn push(&mut self, row: &impl Row, line: usize) {
        self.stats.read.rows += 1;
        if let Err(reason) = self.read(row, line) {
            self.bad(line, reason, 1);
        }
    }

    fn bad(&mut self, line: usize, reason: BadRowReason, rows: usize) {
        self.stats.read.bad(rows, BadRow { line, reason });
    }

    fn read(&mut self, row: &impl Row, line: usize) -> Result<(), BadRowReason> {
        if row.unclosed_quote() {
            return Err(BadRowReason::UnclosedQuote);
        }
        if row.count() != self.mapping.columns {
            return Err(BadRowReason::Columns {
                found: row.count(),
                expected: self.mapping.columns,
            });
        }
        let values = self.values(row)?;
        match self.grouping {
            Grouping::OrderNumber => self.add_line(row, line, values),
            Grouping::CustomerDay => self.add_row(row, line, values),
        }
    }

    fn values(&mut self, row: &impl Row) -> Result<Values, BadRowReason> {
        let m = &self.mapping;
        let day = match row.cell(m.date) {
            Cell::Empty => None,
            Cell::Day(d) => Some(d),
            Cell::Text(t) => Some(m.date_format.read(t).ok_or_else(|| BadRowReason::Date {
                text: Cell::Text(t).quoted(),
            })?),
            Cell::Number(n) => Some(excel_day(n).ok_or_else(|| BadRowReason::Date {
                text: plain_number(n),
            })?),
        };
        let locale = m.locale;
        let number =
            |column: Option<usize>| -> Result<Option<f64>, BadRowReason> {
                let Some(c) = column else { return Ok(None) };
                match row.cell(c) {
                    Cell::Empty => Ok(None),
                    Cell::Number(n) => Ok(Some(n)),
                    cell @ (Cell::Text(_) | Cell::Day(_)) => amount(cell, locale)
                        .map(Some)
                        .ok_or_else(|| BadRowReason::Amount {
                            text: cell.quoted(),
                        }),
                }
            };
        let total = number(m.total)?;
        let quantity = number(m.quantity)?;
        let price = number(m.unit_price)?;
        let line_amount = number(m.amount)?;
        let refunded = number(m.refunded)?;
        let line = match (quantity, price) {
            (Some(q), Some(p)) => Some(q * p),
            _ => line_amount,
        };
        let cancelled = m
            .cancelled_at
            .is_some_and(|c| !matches!(row.cell(c), Cell::Empty));
        let status = match m.status.map(|c| row.cell(c)) {
            None | Some(Cell::Empty) => None,
            Some(cell) => Some(self.status(&cell.text().unwrap_or_default())),
        };
        Ok(Values {
            day,
            total,
            line,
            refunded,
            status,
            cancelled,
        })
    }

    /// A status's place in the list and whether it is left out.
    fn status(&mut self, text: &[u8]) -> (u16, bool) {
        if let Some(&known) = self.spellings.get(text) {
            return known;
        }
        let written = String::from_utf8_lossy(text);
        let normal = normalise_status(&written);
        let left_out = self.mapping.left_out.contains(&normal);
        let index = match self.normalised.get(&normal) {
            Some(&i) => i,
            None if self.stats.statuses.len() < MAX_STATUSES => {
                let i = self.stats.statuses.len() as u16;
                self.stats.statuses.push(StatusCount {
                    status: cut(&written, MAX_QUOTED_CHARS),
                    orders: 0,
                    left_out,
                });
                self.normalised.insert(normal, i);
                i
            }
            None => OTHER_STATUS,
        };
        if self.spellings.len() < MAX_SPELLINGS {
            self.spellings.insert(text.to_vec(), (index, left_out));
        }
        (index, left_out)
    }

    fn count_status(&mut self, status: u16) {
        match self.stats.statuses.get_mut(usize::from(status)) {
            Some(s) => s.orders += 1,
            None if status == OTHER_STATUS => self.stats.other_statuses += 1,
            None => {}
        }
    }

    /// The customer key of a row: its id, else its e-mail (without case), else its name.
    fn customer_key<'r>(&self, row: &'r impl Row) -> Option<std::borrow::Cow<'r, [u8]>> {
        let m = &self.mapping;
        let columns = [(m.customer, false), (m.email, true), (m.name, false)];
        for (column, email) in columns {
            let Some(text) = column.and_then(|c| row.cell(c).text()) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            if email && text.iter().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                let lower = String::from_utf8_lossy(&text).to_lowercase();
                return Some(std::borrow::Cow::Owned(lower.into_bytes()));
            }
            return Some(text);
        }
        None
    }

    /// The customer of a row, as an index.
    fn customer(&mut self, row: &impl Row) -> Option<u32> {
        let key = self.customer_key(row)?;
        Some(self.customers.index(&key))
    }

    /// A row of an export with order numbers: added to its order.
    fn add_line(&mut self, row: &impl Row, line: usize, v: Values) -> Result<(), BadRowReason> {
        let Some(column) = self.mapping.order else {
            return Ok(());
        };
        let index = match row.cell(column) {
            Cell::Empty => return Err(BadRowReason::NoOrder),
            Cell::Text(t) if t == self.last_key.as_slice() && self.last_order != NONE_U32 => {
                self.last_order
            }
            cell => {
                let key = cell.text().unwrap_or_default();
                let index = self.keys.index(&key);
                if index as usize == self.orders.len() {
                    self.orders.push(Order::new(line));
                }
                self.last_key.clear();
                if let Cell::Text(t) = cell {
                    self.last_key.extend_from_slice(t);
                    self.last_order = index;
                } else {
                    self.last_order = NONE_U32;
                }
                index
            }
        };
        // The order's customer: the smallest key of its rows (compared before the key goes
        // into the table, so most rows of an order cost one comparison).
        if let Some(key) = self.customer_key(row) {
            let current = self.orders[index as usize].customer;
            if current == NONE_U32 || *key < *self.customers.ids.get(current as usize) {
                let customer = self.customers.index(&key);
                self.orders[index as usize].customer = customer;
            }
        }
        let o = &mut self.orders[index as usize];
        o.rows += 1;
        let customer = o.customer;
        if let Some(day) = v.day {
            if o.day == NONE_DAY || day < o.day {
                o.day = day;
            }
        }
        if let Some(total) = v.total {
            if o.total.is_nan() {
                o.total = total;
            } else if o.total != total {
                o.flags |= CONFLICT;
                o.total = order_total(o.total, total);
            }
        }
        if let Some(amount) = v.line {
            o.lines += amount;
            o.flags |= HAS_LINES;
        }
        if let Some(refunded) = v.refunded {
            o.refunded = o.refunded.max(refunded.abs());
        }
        if let Some((status, left_out)) = v.status {
            if o.status == NO_STATUS || (left_out && o.flags & STATUS_LEFT_OUT == 0) {
                o.status = status;
            }
            if left_out {
                o.flags |= LEFT_OUT | STATUS_LEFT_OUT;
            }
        }
        if v.cancelled {
            o.flags |= LEFT_OUT;
        }
        if customer != NONE_U32 {
            self.note_contacts(row, customer);
        }
        Ok(())
    }

    /// Offers the e-mail address and name of a row of `customer` (the smallest is kept).
    fn note_contacts(&mut self, row: &impl Row, customer: u32) {
        let m = &self.mapping;
        let columns = [
            (m.email, self.contacts.email.as_mut()),
            (m.name, self.contacts.name.as_mut()),
        ];
        for (column, values) in columns {
            let (Some(column), Some(values)) = (column, values) else {
                continue;
            };
            if let Some(text) = row.cell(column).text() {
                values.offer(customer, &String::from_utf8_lossy(&text));
            }
        }
    }

    /// A row of an export without order numbers: its customer's order of that day.
    fn add_row(&mut self, row: &impl Row, line: usize, v: Values) -> Result<(), BadRowReason> {
        let left_out = v.cancelled || v.status.is_some_and(|(_, out)| out);
        if left_out {
            if let Some((status, _)) = v.status {
                self.count_status(status);
            }
            self.stats.left_out += 1;
            self.stats.left_out_rows += 1;
            return Ok(());
        }
        let Some(customer) = self.customer(row) else {
            self.guest(line, 1);
            return Ok(());
        };
        self.note_contacts(row, customer);
        let day = v.day.ok_or(BadRowReason::NoDate)?;
        let amount = v.total.or(v.line).ok_or(BadRowReason::NoAmount)?;
        let amount = amount - v.refunded.map_or(0.0, f64::abs);
        let index = self.day_order(customer, day);
        if index == self.orders.len() {
            let mut order = Order::new(line);
            order.customer = customer;
            order.day = day;
            self.orders.push(order);
        }
        let o = &mut self.orders[index];
        o.rows += 1;
        o.lines += amount;
        o.flags |= HAS_LINES;
        if let (NO_STATUS, Some((status, _))) = (o.status, v.status) {
            o.status = status;
        }
        Ok(())
    }

    /// The index of `customer`'s order of `day`: `self.orders.len()` for a new one.
    ///
    /// Exports list each customer's days in order (sorted by date, or by customer and date),
    /// and then a day is either the customer's latest or a new one: no table to look in, and
    /// none to fill (a hashed table is a cache miss a row). The first day that comes before its
    /// customer's latest puts every order so far in the table, which answers from then on.
    fn day_order(&mut self, customer: u32, day: i32) -> usize {
        let key = |customer: u32, day: i32| {
            let mut key = [0u8; 8];
            key[..4].copy_from_slice(&customer.to_le_bytes());
            key[4..].copy_from_slice(&day.to_le_bytes());
            key
        };
        if let Some(latest) = &mut self.latest {
            let c = customer as usize;
            if latest.len() <= c {
                latest.resize(c + 1, (NONE_DAY, NONE_U32));
            }
            let (latest_day, order) = latest[c];
            if order != NONE_U32 && day == latest_day {
                return order as usize;
            }
            if order == NONE_U32 || day > latest_day {
                latest[c] = (day, self.orders.len() as u32);
                return self.orders.len();
            }
            self.latest = None;
            for o in &self.orders {
                self.keys.index(&key(o.customer, o.day));
            }
        }
        self.keys.index(&key(customer, day)) as usize
    }

    fn guest(&mut self, line: usize, rows: usize) {
        self.stats.guest_rows += rows;
        self.stats.guest_orders += 1;
        if self.stats.guest_lines.len() < MAX_BAD_ROWS {
            self.stats.guest_lines.push(line);
        }
    }

    fn finish(mut self) -> OrderLog {
        // The order numbers are not needed any more: their table goes before the purchases
        // are sorted, so the import's peak is the larger of the two, not their sum.
        drop(std::mem::replace(&mut self.keys, Table::new(Seed(0, 0))));
        let orders = std::mem::take(&mut self.orders);
        let mut counted = Vec::with_capacity(orders.len());
        for o in &orders {
            let rows = o.rows as usize;
            if o.status != NO_STATUS {
                self.count_status(o.status);
            }
            if o.flags & LEFT_OUT != 0 {
                self.stats.left_out += 1;
                self.stats.left_out_rows += rows;
                continue;
            }
            if o.customer == NONE_U32 {
                self.guest(o.first_line, rows);
                continue;
            }
            if o.day == NONE_DAY {
                self.bad(o.first_line, BadRowReason::NoDate, rows);
                continue;
            }
            let amount = if !o.total.is_nan() {
                o.total
            } else if o.flags & HAS_LINES != 0 {
                o.lines
            } else {
                self.bad(o.first_line, BadRowReason::NoAmount, rows);
                continue;
            };
            let refunded = if o.refunded.is_nan() { 0.0 } else { o.refunded };
            if o.flags & CONFLICT != 0 {
                self.stats.conflicting_totals += 1;
                if self.stats.conflicting_total_lines.len() < MAX_BAD_ROWS {
                    self.stats.conflicting_total_lines.push(o.first_line);
                }
            }
            self.stats.order_rows += rows;
            counted.push(Counted {
                customer: o.customer,
                day: o.day,
                amount: amount - refunded,
            });
        }
        drop(orders);
        let ids = std::mem::take(&mut self.customers.ids);
        group(counted, ids, &self.contacts, self.stats)
    }
}

/// An amount from a text cell in `locale`'s habit.
fn amount(cell: Cell<'_>, locale: Locale) -> Option<f64> {
    match cell {
        Cell::Text(t) => read_amount(t, locale).or_else(|| {
            // Windows-1252 bytes (`€` as 0x80) decoded first.
            (!is_utf8(t))
                .then(|| crate::parse_number(&field_text(t), locale).ok())
                .flatten()
        }),
        Cell::Number(n) => Some(n),
        Cell::Empty | Cell::Day(_) => None,
    }
}

/// The calendar day of an Excel date serial in the 1900 date system (serial 25,569 is
/// 1970-01-01; the time of day is dropped). Serials before 1 March 1900 carry Excel's
/// phantom 29 February 1900 and are not read.
pub(crate) fn excel_day(serial: f64) -> Option<i32> {
    (61.0..2_958_466.0)
        .contains(&serial)
        .then(|| serial.floor() as i32 - 25_569)
}
