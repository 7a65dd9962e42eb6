//! Importing an order export (CSV or TSV from a shop or CRM) and turning it into retention
//! figures: S, E and N per period, repeat rate, order value, frequency, CLV, cohorts and the
//! customers to win back.
//!
//! Three steps, each usable from a Web Worker (every result serializes):
//! 1. [`sniff_orders`] guesses the layout and suggests a [`Mapping`];
//! 2. [`parse_orders`] reads every row into an [`OrderLog`], reporting bad rows by line;
//! 3. [`summarise_orders`] counts.
//!
//! The import works on bytes and allocates only for new customer ids, so a million rows take
//! a fraction of a second.

mod amount;
mod date;
mod export;
mod import;
mod rules;
mod scan;
mod sniff;
mod summary;

pub use date::{Date, DateFormat, NotADate};
pub(crate) use export::quote;
pub use export::{decode_text, inactive_csv};
pub use import::{
    parse_orders, BadRow, BadRowReason, CustomerOrders, ImportError, ImportStats, OrderLog,
    Purchase, MAX_BAD_ROWS, PROGRESS_STEP,
};
pub use rules::{left_out_by_default, normalise_status, LEFT_OUT_STATUSES};
pub use scan::Delimiter;
pub(crate) use scan::{Record, Scanner};
pub use sniff::{sniff_orders, ColumnGuess, ColumnKind, Mapping, Preview, PREVIEW_ROWS};
pub use summary::{
    summarise_orders, ClvStats, Cohort, InactiveCustomer, PeriodSummary, Summary, SummaryOptions,
};
