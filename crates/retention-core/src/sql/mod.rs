//! The warehouse does the counting: SQL that turns an orders table into what the calculator
//! needs, for BigQuery, Snowflake, PostgreSQL, DuckDB and Spark SQL.
//!
//! A shop with hundreds of millions of orders keeps them in a warehouse. The models only need
//! one row per customer, so the warehouse's engine does the O(rows) counting and the
//! calculator does the modelling: [`warehouse_sql`] writes one `SELECT` statement for
//!
//! - [`SqlOutput::Summary`]: one row per customer, `customer, frequency, recency, T,
//!   monetary_value` as lifetimes and PyMC-Marketing name them, times in days to the
//!   observation end: what [`crate::customer_summaries`] computes, in days instead of weeks;
//! - [`SqlOutput::Compact`]: the same grouped by identical history, with a `count` column;
//! - [`SqlOutput::Periods`]: S, E and N per month, quarter or year, counted as
//!   [`crate::summarise_orders`] counts them;
//! - [`SqlOutput::Cohorts`]: customers by first-purchase month and months since;
//! - [`SqlOutput::Scoring`]: P(alive), expected purchases and CLV of every customer from fitted
//!   models, as [`crate::predict`] computes them.
//!
//! Every query counts purchases by the rules of the in-browser import (the crate's counting
//! rules, see [`crate::LEFT_OUT_STATUSES`] and [`crate::normalise_status`]), and states each
//! rule in a comment in the SQL itself. Names are checked and quoted, never pasted.
//!
//! ```
//! use retention_core::{warehouse_sql, Dialect, WarehouseQuery};
//! let query = WarehouseQuery {
//!     order: Some("order_id".into()),
//!     status: Some("status".into()),
//!     ..WarehouseQuery::new(Dialect::Postgres, "shop.orders", "customer_id", "order_date", "total")
//! };
//! let sql = warehouse_sql(&query).unwrap();
//! assert!(sql.contains(r#"FROM "shop"."orders""#));
//! assert!(sql.contains("'cancelled'")); // the statuses left out, from the counting rules
//! ```

mod dialect;
mod name;
mod purchases;
mod scoring;
mod tables;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use dialect::Dialect;
pub use scoring::MAX_SERIES_TERMS;

use crate::{BgNbd, Date, GammaGamma, Period};
use name::Name;

/// What the SQL returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SqlOutput {
    /// One row per customer: `customer, frequency, recency, T, monetary_value`.
    #[default]
    Summary,
    /// One row per distinct `frequency, recency, T, monetary_value`, with `count`.
    Compact,
    /// S, E and N per period.
    Periods,
    /// Customers per first-purchase month and months since.
    Cohorts,
    /// Every customer scored by fitted BG/NBD and Gamma-Gamma models.
    Scoring,
}

impl SqlOutput {
    /// Every output, in menu order.
    pub const ALL: [SqlOutput; 5] = [
        SqlOutput::Summary,
        SqlOutput::Compact,
        SqlOutput::Periods,
        SqlOutput::Cohorts,
        SqlOutput::Scoring,
    ];

    /// The lowercase name used on the command line: `summary`, `compact`, ….
    pub fn name(self) -> &'static str {
        match self {
            SqlOutput::Summary => "summary",
            SqlOutput::Compact => "compact",
            SqlOutput::Periods => "periods",
            SqlOutput::Cohorts => "cohorts",
            SqlOutput::Scoring => "scoring",
        }
    }

    /// The output named `name` (any case).
    pub fn from_name(name: &str) -> Option<SqlOutput> {
        let name = name.trim().to_ascii_lowercase();
        SqlOutput::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// Fitted models to score with: time in weeks, as [`crate::Forecast`] has them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Models {
    /// BG/NBD: how often customers buy and when they drop out.
    pub purchases: BgNbd,
    /// Gamma-Gamma: how much they spend per purchase.
    pub spend: GammaGamma,
}

/// An orders table, how to read it and what to compute.
///
/// SqlColumn fields hold names as the user gives them (see the module's rules for quoting). The
/// amount of an order comes from exactly one of `amount` (the order total), `quantity` with
/// `price`, or `line_amount`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WarehouseQuery {
    /// The warehouse's dialect.
    pub dialect: Dialect,
    /// The table or view, optionally with its schema: `shop.orders`.
    pub table: String,
    /// The customer id column.
    pub customer: String,
    /// The order date column (a date, a timestamp, or text the warehouse casts to a date).
    pub date: String,
    /// The order total column.
    #[serde(default)]
    pub amount: Option<String>,
    /// The order number column: rows sharing one are one order.
    #[serde(default)]
    pub order: Option<String>,
    /// The order status column.
    #[serde(default)]
    pub status: Option<String>,
    /// The quantity column of line items (with `price`).
    #[serde(default)]
    pub quantity: Option<String>,
    /// The unit price column of line items (with `quantity`).
    #[serde(default)]
    pub price: Option<String>,
    /// The line amount column of line items.
    #[serde(default)]
    pub line_amount: Option<String>,
    /// The refunded amount column.
    #[serde(default)]
    pub refunded: Option<String>,
    /// The cancelled-at column: an order with a value here is left out.
    #[serde(default)]
    pub cancelled_at: Option<String>,
    /// The observation end; `None` is the last purchase day in the table. Later purchases
    /// are left out.
    #[serde(default)]
    pub end: Option<Date>,
    /// What to compute.
    #[serde(default)]
    pub output: SqlOutput,
    /// The periods of [`SqlOutput::Periods`].
    #[serde(default = "default_period")]
    pub period: Period,
    /// Months a purchase keeps a customer active, for [`SqlOutput::Periods`] (1 to 1200).
    #[serde(default = "default_window")]
    pub window_months: u32,
    /// The fitted models, for [`SqlOutput::Scoring`].
    #[serde(default)]
    pub models: Option<Models>,
    /// How far ahead to score, in weeks.
    #[serde(default = "default_horizon")]
    pub horizon_weeks: f64,
    /// Gross margin in percent for profit CLV; `None` scores revenue.
    #[serde(default)]
    pub margin: Option<f64>,
}

fn default_period() -> Period {
    Period::Month
}

fn default_window() -> u32 {
    12
}

fn default_horizon() -> f64 {
    52.0
}

impl WarehouseQuery {
    /// A summary query of `table` with its customer, date and order total columns; every
    /// other field at its default.
    pub fn new(
        dialect: Dialect,
        table: &str,
        customer: &str,
        date: &str,
        amount: &str,
    ) -> WarehouseQuery {
        WarehouseQuery {
            dialect,
            table: table.into(),
            customer: customer.into(),
            date: date.into(),
            amount: Some(amount.into()),
            order: None,
            status: None,
            quantity: None,
            price: None,
            line_amount: None,
            refunded: None,
            cancelled_at: None,
            end: None,
            output: SqlOutput::Summary,
            period: Period::Month,
            window_months: 12,
            models: None,
            horizon_weeks: 52.0,
            margin: None,
        }
    }
}

/// A name field of [`WarehouseQuery`], for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SqlColumn {
    /// The table.
    Table,
    /// The customer id.
    Customer,
    /// The order date.
    Date,
    /// The order total.
    Amount,
    /// The order number.
    Order,
    /// The status.
    Status,
    /// The quantity.
    Quantity,
    /// The unit price.
    Price,
    /// The line amount.
    LineAmount,
    /// The refunded amount.
    Refunded,
    /// The cancelled-at field.
    CancelledAt,
}

impl SqlColumn {
    /// How the command line and the messages name it.
    pub fn name(self) -> &'static str {
        match self {
            SqlColumn::Table => "table",
            SqlColumn::Customer => "customer",
            SqlColumn::Date => "date",
            SqlColumn::Amount => "amount",
            SqlColumn::Order => "order",
            SqlColumn::Status => "status",
            SqlColumn::Quantity => "quantity",
            SqlColumn::Price => "price",
            SqlColumn::LineAmount => "line-amount",
            SqlColumn::Refunded => "refunded",
            SqlColumn::CancelledAt => "cancelled-at",
        }
    }
}

/// Why no SQL could be written. The messages are lowercase English.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SqlError {
    /// A name, or a part of a dotted name, is empty.
    EmptyName {
        /// Whose name.
        column: SqlColumn,
    },
    /// A name holds a character the dialect cannot quote, or a control character.
    Character {
        /// Whose name.
        column: SqlColumn,
        /// The character.
        character: char,
        /// The dialect.
        dialect: Dialect,
    },
    /// A name is longer than the dialect takes.
    NameTooLong {
        /// Whose name.
        column: SqlColumn,
        /// The most the dialect takes (bytes for PostgreSQL, characters elsewhere).
        max: usize,
    },
    /// A column name has dots, or a table name more than three parts.
    TooManyParts {
        /// Whose name.
        column: SqlColumn,
        /// Parts given.
        parts: usize,
        /// Parts allowed.
        max: usize,
    },
    /// A `"` opens a quoted name that never closes.
    UnclosedQuote {
        /// Whose name.
        column: SqlColumn,
    },
    /// Text follows a quoted name part other than a `.`.
    TextAfterQuote {
        /// Whose name.
        column: SqlColumn,
    },
    /// One column is given for two purposes.
    SameColumn {
        /// The first use.
        first: SqlColumn,
        /// The second.
        second: SqlColumn,
    },
    /// No amount, or more than one way to it: give the order total, quantity with price, or
    /// line amounts.
    Amount,
    /// A window of 0 months or more than 1,200.
    Window {
        /// The window given.
        months: u32,
    },
    /// Scoring needs fitted models.
    NoModels,
    /// A model parameter is not a finite number above 0, the horizon not finite and ≥ 0, or
    /// the margin not finite.
    InvalidModels,
    /// The series for expected purchases would need more than [`MAX_SERIES_TERMS`] terms:
    /// a horizon very long next to the model's α.
    HorizonTooLong {
        /// Terms the series would need (at least).
        terms: u64,
    },
}

impl SqlError {
    /// A stable camelCase identifier, e.g. `emptyName`.
    ///
    /// ```
    /// use retention_core::{warehouse_sql, Dialect, SqlError, WarehouseQuery};
    /// let query = WarehouseQuery::new(Dialect::BigQuery, "shop.orders", "a`b", "date", "total");
    /// let error = warehouse_sql(&query).unwrap_err();
    /// assert_eq!(error.code(), "character");
    /// assert_eq!(error.to_string(), "the customer name holds '`', which BigQuery cannot quote");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            SqlError::EmptyName { .. } => "emptyName",
            SqlError::Character { .. } => "character",
            SqlError::NameTooLong { .. } => "nameTooLong",
            SqlError::TooManyParts { .. } => "tooManyParts",
            SqlError::UnclosedQuote { .. } => "unclosedQuote",
            SqlError::TextAfterQuote { .. } => "textAfterQuote",
            SqlError::SameColumn { .. } => "sameColumn",
            SqlError::Amount => "amount",
            SqlError::Window { .. } => "window",
            SqlError::NoModels => "noModels",
            SqlError::InvalidModels => "invalidModels",
            SqlError::HorizonTooLong { .. } => "horizonTooLong",
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::EmptyName { column } => write!(f, "the {} name is empty", column.name()),
            SqlError::Character {
                column,
                character,
                dialect,
            } => {
                if character.is_control() {
                    write!(
                        f,
                        "the {} name holds a control character (U+{:04X})",
                        column.name(),
                        u32::from(*character)
                    )
                } else {
                    write!(
                        f,
                        "the {} name holds '{character}', which {dialect} cannot quote",
                        column.name()
                    )
                }
            }
            SqlError::NameTooLong { column, max } => {
                write!(f, "the {} name is longer than {max}", column.name())
            }
            SqlError::TooManyParts { column, parts, max } => write!(
                f,
                "the {} name has {parts} parts separated by dots; at most {max} (quote a \
                 name with a dot in it: \"a.b\")",
                column.name()
            ),
            SqlError::UnclosedQuote { column } => {
                write!(
                    f,
                    "the {} name opens a quote it never closes",
                    column.name()
                )
            }
            SqlError::TextAfterQuote { column } => write!(
                f,
                "the {} name has text after a closing quote",
                column.name()
            ),
            SqlError::SameColumn { first, second } => write!(
                f,
                "one column cannot be both the {} and the {}",
                first.name(),
                second.name()
            ),
            SqlError::Amount => f.write_str(
                "give the order total (amount), quantity with price, or line amounts: exactly \
                 one of them",
            ),
            SqlError::Window { months } => {
                write!(f, "the window must be 1 to 1200 months, not {months}")
            }
            SqlError::NoModels => f.write_str(
                "scoring needs fitted models: BG/NBD r, alpha, a, b and Gamma-Gamma p, q, gamma",
            ),
            SqlError::InvalidModels => f.write_str(
                "the model parameters must be numbers above zero, the horizon zero or more and \
                 the margin a number",
            ),
            SqlError::HorizonTooLong { terms } => write!(
                f,
                "the horizon is too long for these models: expected purchases would need more \
                 than {terms} series terms"
            ),
        }
    }
}

impl std::error::Error for SqlError {}

/// The query's names, checked and quoted.
struct Names {
    table: Name,
    customer: Name,
    date: Name,
    order: Option<Name>,
    status: Option<Name>,
    amount: AmountColumns,
    refunded: Option<Name>,
    cancelled_at: Option<Name>,
}

/// Where an order's amount comes from.
enum AmountColumns {
    Total(Name),
    QuantityPrice(Name, Name),
    Line(Name),
}

impl Names {
    fn read(q: &WarehouseQuery) -> Result<Names, SqlError> {
        let d = q.dialect;
        let one = |text: &str, column| Name::parse(text, column, d);
        let optional = |text: &Option<String>, column| {
            text.as_deref()
                .map(|t| Name::parse(t, column, d))
                .transpose()
        };
        let amount = match (&q.amount, &q.quantity, &q.price, &q.line_amount) {
            (Some(a), None, None, None) => AmountColumns::Total(one(a, SqlColumn::Amount)?),
            (None, Some(n), Some(p), None) => AmountColumns::QuantityPrice(
                one(n, SqlColumn::Quantity)?,
                one(p, SqlColumn::Price)?,
            ),
            (None, None, None, Some(l)) => AmountColumns::Line(one(l, SqlColumn::LineAmount)?),
            _ => return Err(SqlError::Amount),
        };
        let names = Names {
            table: one(&q.table, SqlColumn::Table)?,
            customer: one(&q.customer, SqlColumn::Customer)?,
            date: one(&q.date, SqlColumn::Date)?,
            order: optional(&q.order, SqlColumn::Order)?,
            status: optional(&q.status, SqlColumn::Status)?,
            amount,
            refunded: optional(&q.refunded, SqlColumn::Refunded)?,
            cancelled_at: optional(&q.cancelled_at, SqlColumn::CancelledAt)?,
        };
        names.distinct()?;
        Ok(names)
    }

    /// Every column used once.
    fn distinct(&self) -> Result<(), SqlError> {
        let mut used: Vec<(SqlColumn, &Name)> = vec![
            (SqlColumn::Customer, &self.customer),
            (SqlColumn::Date, &self.date),
        ];
        match &self.amount {
            AmountColumns::Total(n) => used.push((SqlColumn::Amount, n)),
            AmountColumns::QuantityPrice(n, p) => {
                used.push((SqlColumn::Quantity, n));
                used.push((SqlColumn::Price, p));
            }
            AmountColumns::Line(n) => used.push((SqlColumn::LineAmount, n)),
        }
        let optional = [
            (SqlColumn::Order, &self.order),
            (SqlColumn::Status, &self.status),
            (SqlColumn::Refunded, &self.refunded),
            (SqlColumn::CancelledAt, &self.cancelled_at),
        ];
        used.extend(
            optional
                .iter()
                .filter_map(|(c, n)| n.as_ref().map(|n| (*c, n))),
        );
        for (i, (second, name)) in used.iter().enumerate() {
            if let Some((first, _)) = used[..i].iter().find(|(_, n)| n == name) {
                return Err(SqlError::SameColumn {
                    first: *first,
                    second: *second,
                });
            }
        }
        Ok(())
    }
}

/// The SQL for `query`: one statement, with every counting rule stated in a comment.
///
/// Errors when a name cannot be quoted safely, the amount columns do not fit together, or
/// scoring lacks valid models.
pub fn warehouse_sql(query: &WarehouseQuery) -> Result<String, SqlError> {
    let names = Names::read(query)?;
    if !(1..=1200).contains(&query.window_months) {
        return Err(SqlError::Window {
            months: query.window_months,
        });
    }
    let scoring = match query.output {
        SqlOutput::Scoring => Some(scoring::Scoring::new(query)?),
        _ => None,
    };
    let mut sql = purchases::header(query);
    let mut ctes = purchases::ctes(query, &names);
    match (query.output, scoring) {
        (SqlOutput::Scoring, Some(scoring)) => {
            tables::customers(query, &mut ctes);
            scoring.append(query.dialect, &mut ctes, &mut sql);
        }
        (SqlOutput::Periods, _) => tables::periods(query, &mut ctes, &mut sql),
        (SqlOutput::Cohorts, _) => tables::cohorts(query, &mut ctes, &mut sql),
        (output, _) => {
            tables::customers(query, &mut ctes);
            tables::summary(query.dialect, output == SqlOutput::Compact, &mut sql, &ctes);
        }
    }
    Ok(sql)
}

/// The common table expressions of a query, each with the comment that states its rule.
pub(crate) struct Ctes {
    parts: Vec<String>,
}

impl Ctes {
    fn new() -> Ctes {
        Ctes { parts: Vec::new() }
    }

    /// Adds `name AS (body)` after `comment` (one `-- ` line per line).
    fn add(&mut self, comment: &str, name: &str, body: &str) {
        let mut text = String::new();
        for line in comment.lines() {
            text.push_str("-- ");
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(name);
        text.push_str(" AS (\n");
        for line in body.trim_end().lines() {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
        text.push(')');
        self.parts.push(text);
    }

    /// `WITH` and every expression, then the final `select` after its comment.
    fn finish(&self, sql: &mut String, comment: &str, select: &str) {
        sql.push_str("WITH\n");
        sql.push_str(&self.parts.join(",\n\n"));
        sql.push_str("\n\n");
        for line in comment.lines() {
            sql.push_str("-- ");
            sql.push_str(line);
            sql.push('\n');
        }
        sql.push_str(select.trim_end());
        sql.push_str(";\n");
    }
}
