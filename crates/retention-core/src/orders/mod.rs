//! Importing an order export (CSV or TSV from a shop or CRM) and turning it into retention
//! figures: S, E and N per period, repeat rate, order value, frequency, CLV, cohorts and the
//! customers to win back.
//!
//! Three steps, each usable from a Web Worker (every result serializes):
//! 1. [`sniff_bytes`] guesses the layout from a file's first bytes and suggests a [`Mapping`];
//! 2. an [`OrderReader`] reads the file chunk by chunk into an [`OrderLog`] following the
//!    counting rules (rows → orders → purchases and refunds per customer), reporting bad rows
//!    by line ([`parse_orders`] does it for a text in memory);
//! 3. [`summarise_orders`] counts.
//!
//! The import works on bytes and allocates only for new customers and orders, so a million
//! rows take a fraction of a second, and its memory grows with the orders, not the bytes.

mod amount;
mod contacts;
#[cfg(test)]
mod crafted;
mod date;
mod decode;
mod export;
mod formats;
mod handoff;
mod import;
mod reader;
mod rules;
mod scan;
mod sniff;
mod summary;
mod table;
#[cfg(feature = "xlsx")]
mod workbook;
#[cfg(not(feature = "xlsx"))]
#[path = "no_workbook.rs"]
mod workbook;

pub(crate) use amount::{habit, read_amount};
pub use contacts::MAX_CONTACT_CHARS;
pub(crate) use date::{
    civil_from_days, days_from_civil, days_in_month, first_of_month, last_of_month, month_index,
    YEARS,
};
pub use date::{Date, DateFormat, NotADate};
pub use decode::{decode_text, Encoding};
pub(crate) use export::ContactColumns;
pub use export::{inactive_csv, win_back_csv};
pub use formats::ExportFormat;
pub(crate) use handoff::win_back_scored;
pub use handoff::{
    full_window_periods, purchase_cycle, rounded_fill, win_back, win_back_cutoff, year_fill,
    AtRisk, WinBack, YearFill, DEFAULT_CUTOFF_DAYS, MAX_CUTOFF_DAYS, MIN_CUTOFF_DAYS,
};
pub(crate) use import::{
    no_such_column, wrong_column_count, ColumnClash, CANCELLED, UNCLOSED_QUOTE,
};
pub use import::{
    parse_orders, purchase_days, BadRow, BadRowReason, CustomerOrders, Grouping, ImportError,
    ImportStats, OrderLog, Purchase, RowsRead, StatusCount, MAX_BAD_ROWS, MAX_QUOTED_CHARS,
    MAX_ROW_BYTES, MAX_STATUSES, PROGRESS_STEP,
};
pub use reader::OrderReader;
pub use rules::{left_out_by_default, normalise_status, LEFT_OUT_STATUSES};
pub use scan::Delimiter;
pub(crate) use scan::{Record, Scanner};
pub(crate) use sniff::{column_values, detect_delimiter, fits, sample_records};
pub use sniff::{
    is_workbook, sniff_bytes, sniff_orders, ColumnGuess, ColumnKind, Compression, Mapping, Preview,
    SniffError, StatusChoice, MAX_COLUMNS, MIN_COLUMNS, PREVIEW_ROWS, SAMPLE_BYTES,
};
pub(crate) use summary::{label, summarise_scored};
pub use summary::{
    summarise_orders, ClvStats, Cohort, InactiveCustomer, PeriodSummary, SegmentCount, Summary,
    SummaryOptions,
};
pub use summary::{MAX_COHORTS, MAX_PERIODS};
pub(crate) use table::hash;
pub use table::Seed;
pub use workbook::{sheet_names, sheet_text, sniff_workbook};
