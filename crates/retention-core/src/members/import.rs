//! Reading every row of a member export into a [`MemberLog`]: one subscription a row, with
//! its member, start, end (none while still a member), fee and plan.

use std::collections::HashMap;
use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::sniff::MemberMapping;
use crate::orders::{
    hash, no_such_column, read_amount, wrong_column_count, ColumnClash, Record, Scanner, CANCELLED,
    UNCLOSED_QUOTE,
};
use crate::Seed;
use crate::{Date, RowsRead, PROGRESS_STEP};

/// Distinct plans kept by name; the rest are counted together as one "other" plan, so a
/// column of free text cannot make the plan table as long as the file.
pub const MAX_PLANS: usize = 50;
/// The highest fee read as a fee: more is a typing mistake or a total.
const MAX_FEE: f64 = 1e9;

/// Why the member import stopped. Deserializes what [`Serialize`] wrote, so a page can hear
/// the error from its worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum MemberImportError {
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
}

impl MemberImportError {
    /// A stable camelCase identifier, e.g. `cancelled`.
    pub fn code(&self) -> &'static str {
        match self {
            MemberImportError::Cancelled => "cancelled",
            MemberImportError::NoSuchColumn { .. } => "noSuchColumn",
            MemberImportError::SameColumn { .. } => "sameColumn",
        }
    }
}

impl fmt::Display for MemberImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberImportError::Cancelled => f.write_str(CANCELLED),
            MemberImportError::NoSuchColumn { column, columns } => {
                no_such_column(f, *column, *columns)
            }
            MemberImportError::SameColumn { column } => write!(
                f,
                "column {} cannot hold two of member, start, end, fee and plan",
                column + 1
            ),
        }
    }
}

impl std::error::Error for MemberImportError {}

/// Serializes as `{ code, message }` plus the variant's numbers.
impl Serialize for MemberImportError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("MemberImportError", 4)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        match *self {
            MemberImportError::Cancelled => {}
            MemberImportError::NoSuchColumn { column, columns } => {
                out.serialize_field("column", &column)?;
                out.serialize_field("columns", &columns)?;
            }
            MemberImportError::SameColumn { column } => out.serialize_field("column", &column)?,
        }
        out.end()
    }
}

/// Why a row was not read as a membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum MemberBadRowReason {
    /// Not the mapping's number of fields.
    Columns {
        /// How many there were.
        found: usize,
        /// How many the mapping expects.
        expected: usize,
    },
    /// The member id is empty.
    NoMember,
    /// The start date is empty or not a date in the mapping's format.
    StartDate {
        /// The text in the start column.
        text: String,
    },
    /// The end date is not a date in the mapping's format (an empty one is fine).
    EndDate {
        /// The text in the end column.
        text: String,
    },
    /// The membership ends before it starts.
    EndBeforeStart {
        /// The start date.
        start: Date,
        /// The end date.
        end: Date,
    },
    /// The fee is not an amount of zero or more.
    Fee {
        /// The text in the fee column.
        text: String,
    },
    /// A quote was opened and never closed.
    UnclosedQuote,
}

impl fmt::Display for MemberBadRowReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemberBadRowReason::Columns { found, expected } => {
                wrong_column_count(f, *found, *expected)
            }
            MemberBadRowReason::NoMember => f.write_str("no member id"),
            MemberBadRowReason::StartDate { text } => {
                write!(f, "start {text:?} is not a date in that format")
            }
            MemberBadRowReason::EndDate { text } => {
                write!(f, "end {text:?} is not a date in that format")
            }
            MemberBadRowReason::EndBeforeStart { start, end } => {
                write!(f, "ends on {end}, before it starts on {start}")
            }
            MemberBadRowReason::Fee { text } => write!(f, "fee {text:?} is not an amount"),
            MemberBadRowReason::UnclosedQuote => f.write_str(UNCLOSED_QUOTE),
        }
    }
}

/// A row that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberBadRow {
    /// The line the row starts on, counting from 1.
    pub line: usize,
    /// What is wrong with it.
    pub reason: MemberBadRowReason,
}

/// What the member import read: `read.rows == subscriptions + read.bad_row_count`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberImportStats {
    /// The rows, the header line and the bad rows.
    #[serde(flatten)]
    pub read: RowsRead<MemberBadRow>,
    /// Rows read: one subscription each.
    pub subscriptions: usize,
    /// Distinct member ids.
    pub members: usize,
    /// Subscriptions of a member who had one before: members who came back.
    pub returning: usize,
    /// Subscriptions without an end date.
    pub open: usize,
    /// Subscriptions with a fee.
    pub with_fee: usize,
    /// The plans by name, in order of first appearance (at most [`MAX_PLANS`]).
    pub plans: Vec<String>,
    /// Subscriptions whose plan was not among the first [`MAX_PLANS`] names, counted as
    /// one "other" plan.
    pub other_plans: usize,
}

/// One row of a member export, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Subscription<'a> {
    /// The member id as written in the export.
    pub member: &'a str,
    /// The start date.
    pub start: Date,
    /// The end date; `None` while still a member.
    pub end: Option<Date>,
    /// The fee, if the row has one.
    pub fee: Option<f64>,
    /// The plan: its name, `""` for a plan beyond the first [`MAX_PLANS`], `None` without.
    pub plan: Option<&'a str>,
}

/// No end date.
pub(crate) const OPEN: i32 = i32::MAX;
/// No plan.
pub(crate) const NO_PLAN: u16 = u16::MAX;

/// Every subscription of a member export, column by column: 18 bytes a row plus the ids.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberLog {
    /// Member ids, one after the other: id `i` is `ids[ends[i - 1]..ends[i]]`.
    ids: String,
    ends: Vec<usize>,
    /// Days since 1970-01-01.
    pub(crate) start: Vec<i32>,
    /// Days since 1970-01-01; [`OPEN`] while still a member.
    pub(crate) end: Vec<i32>,
    /// NaN without a fee.
    pub(crate) fee: Vec<f64>,
    /// An index into `stats.plans`, `stats.plans.len()` for "other", [`NO_PLAN`] for none.
    pub(crate) plan: Vec<u16>,
    stats: MemberImportStats,
}

impl MemberLog {
    /// How many subscriptions were read.
    pub fn len(&self) -> usize {
        self.start.len()
    }

    /// Whether no subscription was read.
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }

    /// Subscription `i`'s member id.
    pub fn id(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[from..self.ends[i]]
    }

    /// Subscription `i`, `i` below [`MemberLog::len`].
    pub fn subscription(&self, i: usize) -> Subscription<'_> {
        Subscription {
            member: self.id(i),
            start: Date::from_days(self.start[i]),
            end: (self.end[i] != OPEN).then(|| Date::from_days(self.end[i])),
            fee: Some(self.fee[i]).filter(|f| !f.is_nan()),
            plan: self.plan_name(self.plan[i]),
        }
    }

    /// The name of plan index `plan`: "" for the "other" plans, `None` for no plan.
    pub(crate) fn plan_name(&self, plan: u16) -> Option<&str> {
        match plan {
            NO_PLAN => None,
            p => Some(self.stats.plans.get(p as usize).map_or("", String::as_str)),
        }
    }

    /// The first and last date in the log (starts and ends).
    pub fn span(&self) -> Option<(Date, Date)> {
        let first = *self.start.iter().min()?;
        let last_start = *self.start.iter().max()?;
        let last_end = self.end.iter().copied().filter(|&e| e != OPEN).max();
        let last = last_end.map_or(last_start, |e| e.max(last_start));
        Some((Date::from_days(first), Date::from_days(last)))
    }

    /// What the import read.
    pub fn stats(&self) -> &MemberImportStats {
        &self.stats
    }

    /// The bytes the log holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity()
            + self.ends.capacity() * size_of::<usize>()
            + self.start.capacity() * 4
            + self.end.capacity() * 4
            + self.fee.capacity() * 8
            + self.plan.capacity() * 2
    }
}

/// Reads every data row of a member export as `mapping` says: each becomes a subscription or
/// a bad row reported with its line and reason. An empty end date means still a member.
///
/// `on_progress(bytes_done, bytes_total)` is called about every 64 KB and at the end; when
/// it returns `false` the import stops with [`MemberImportError::Cancelled`].
///
/// ```
/// use retention_core::{parse_members, DateFormat, Delimiter, Locale, MemberBadRowReason, MemberMapping};
/// let text = "member,start,end\nm1,2024-01-05,\nm2,2024-01-09,2024-03-01\nm3,2024-02-30,\n";
/// let mapping = MemberMapping {
///     delimiter: Delimiter::Comma,
///     has_header: true,
///     columns: 3,
///     member: 0,
///     start: 1,
///     end: Some(2),
///     fee: None,
///     plan: None,
///     date_format: DateFormat::Iso,
///     locale: Locale::En,
/// };
/// let log = parse_members(text, &mapping, |_, _| true).unwrap();
/// assert_eq!(log.len(), 2);
/// let stats = log.stats();
/// assert_eq!((stats.read.rows, stats.open, stats.read.bad_row_count), (3, 1, 1));
/// assert_eq!(stats.read.bad_rows[0].line, 4);
/// assert_eq!(stats.read.bad_rows[0].reason, MemberBadRowReason::StartDate { text: "2024-02-30".into() });
/// ```
pub fn parse_members(
    text: &str,
    mapping: &MemberMapping,
    mut on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<MemberLog, MemberImportError> {
    check(mapping)?;
    let total = text.len();
    let mut scanner = Scanner::new(text, mapping.delimiter);
    let mut record = Record::new(text);
    let mut log = MemberLog::default();
    // About 40 bytes a row: room for most exports without growing.
    let rows_guess = total / 40;
    log.start.reserve(rows_guess);
    log.end.reserve(rows_guess);
    log.fee.reserve(rows_guess);
    log.plan.reserve(rows_guess);
    log.ends.reserve(rows_guess);
    log.ids.reserve(rows_guess * 8);
    let mut plans: HashMap<String, u16> = HashMap::new();
    let mut next_report = PROGRESS_STEP;
    let mut header_pending = mapping.has_header;
    while scanner.next_record(&mut record) {
        if scanner.pos() >= next_report {
            if !on_progress(scanner.pos(), total) {
                return Err(MemberImportError::Cancelled);
            }
            next_report = scanner.pos() + PROGRESS_STEP;
        }
        if record.is_blank() {
            continue;
        }
        if std::mem::take(&mut header_pending) {
            log.stats.read.header_line = Some(record.line);
            continue;
        }
        log.stats.read.rows += 1;
        if let Err(reason) = read_row(&record, mapping, &mut log, &mut plans) {
            let line = record.line;
            log.stats.read.bad(1, MemberBadRow { line, reason });
        }
    }
    if next_report != total + PROGRESS_STEP && !on_progress(total, total) {
        return Err(MemberImportError::Cancelled);
    }
    finish(&mut log);
    Ok(log)
}

fn check(mapping: &MemberMapping) -> Result<(), MemberImportError> {
    let used: Vec<usize> = [Some(mapping.member), Some(mapping.start)]
        .into_iter()
        .chain([mapping.end, mapping.fee, mapping.plan])
        .flatten()
        .collect();
    ColumnClash::find(&used, mapping.columns).map_err(|clash| match clash {
        ColumnClash::NoSuch { column, columns } => {
            MemberImportError::NoSuchColumn { column, columns }
        }
        ColumnClash::Same { column } => MemberImportError::SameColumn { column },
    })
}

fn read_row(
    record: &Record,
    mapping: &MemberMapping,
    log: &mut MemberLog,
    plans: &mut HashMap<String, u16>,
) -> Result<(), MemberBadRowReason> {
    if record.unclosed_quote {
        return Err(MemberBadRowReason::UnclosedQuote);
    }
    if record.len() != mapping.columns {
        return Err(MemberBadRowReason::Columns {
            found: record.len(),
            expected: mapping.columns,
        });
    }
    let id = record.field(mapping.member);
    if id.is_empty() {
        return Err(MemberBadRowReason::NoMember);
    }
    let start = mapping
        .date_format
        .read(record.field(mapping.start))
        .ok_or_else(|| MemberBadRowReason::StartDate {
            text: record.text(mapping.start),
        })?;
    let end = match mapping.end.map(|c| (c, record.field(c))) {
        None => OPEN,
        Some((_, b"")) => OPEN,
        Some((c, cell)) => {
            mapping
                .date_format
                .read(cell)
                .ok_or_else(|| MemberBadRowReason::EndDate {
                    text: record.text(c),
                })?
        }
    };
    if end < start {
        return Err(MemberBadRowReason::EndBeforeStart {
            start: Date::from_days(start),
            end: Date::from_days(end),
        });
    }
    let fee = match mapping.fee.map(|c| (c, record.field(c))) {
        None | Some((_, b"")) => f64::NAN,
        Some((c, cell)) => read_amount(cell, mapping.locale)
            .filter(|f| (0.0..=MAX_FEE).contains(f))
            .ok_or_else(|| MemberBadRowReason::Fee {
                text: record.text(c),
            })?,
    };
    let plan = match mapping.plan.map(|c| record.field(c)) {
        None | Some(b"") => NO_PLAN,
        Some(name) => {
            // Fields are cut at ASCII bytes of a &str, so they are valid UTF-8.
            let name = std::str::from_utf8(name).unwrap_or_default();
            match plans.get(name) {
                Some(&p) => p,
                None if plans.len() < MAX_PLANS => {
                    let p = plans.len() as u16;
                    plans.insert(name.to_string(), p);
                    log.stats.plans.push(name.to_string());
                    p
                }
                None => {
                    log.stats.other_plans += 1;
                    MAX_PLANS as u16
                }
            }
        }
    };
    // Fields are cut at ASCII bytes of a &str, so they are valid UTF-8.
    log.ids
        .push_str(std::str::from_utf8(id).unwrap_or_default());
    log.ends.push(log.ids.len());
    log.start.push(start);
    log.end.push(end);
    log.fee.push(fee);
    log.plan.push(plan);
    Ok(())
}

/// Counts what needs the whole log: open subscriptions, fees, distinct members and those who
/// came back.
fn finish(log: &mut MemberLog) {
    log.ids.shrink_to_fit();
    log.ends.shrink_to_fit();
    log.start.shrink_to_fit();
    log.end.shrink_to_fit();
    log.fee.shrink_to_fit();
    log.plan.shrink_to_fit();
    log.stats.subscriptions = log.start.len();
    log.stats.open = log.end.iter().filter(|&&e| e == OPEN).count();
    log.stats.with_fee = log.fee.iter().filter(|f| !f.is_nan()).count();
    // Distinct ids: sort by a hash, then compare the ids of equal hashes. No table of
    // strings, and one sort of 8-byte keys. Ids crafted to share a hash cost only a sort of
    // those ids, so the hash needs no secret seed.
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(log.ends.len());
    let mut from = 0;
    for (i, &end) in log.ends.iter().enumerate() {
        keys.push((hash(Seed(0, 0), &log.ids.as_bytes()[from..end]), i as u32));
        from = end;
    }
    keys.sort_unstable();
    let mut members = 0;
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        if let [_] = group {
            members += 1;
            continue;
        }
        // A member who came back, or (rarely) two ids with one hash: count the ids.
        let mut ids: Vec<&str> = group.iter().map(|&(_, i)| log.id(i as usize)).collect();
        ids.sort_unstable();
        ids.dedup();
        members += ids.len();
    }
    log.stats.members = members;
    log.stats.returning = log.stats.subscriptions - members;
}
