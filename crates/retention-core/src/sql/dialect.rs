//! How each warehouse spells what the queries need: quoting, types, dates and number series.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Date;

/// The SQL dialect of a warehouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Google BigQuery (GoogleSQL).
    BigQuery,
    /// Snowflake.
    Snowflake,
    /// PostgreSQL. Not Amazon Redshift: its `regexp_replace` and `generate_series` differ.
    Postgres,
    /// DuckDB.
    #[serde(rename = "duckdb")]
    DuckDb,
    /// Spark SQL: Databricks, Apache Spark.
    Spark,
}

impl Dialect {
    /// Every dialect, in menu order.
    pub const ALL: [Dialect; 5] = [
        Dialect::BigQuery,
        Dialect::Snowflake,
        Dialect::Postgres,
        Dialect::DuckDb,
        Dialect::Spark,
    ];

    /// The lowercase name used on the command line and in the JS API: `bigquery`,
    /// `snowflake`, `postgres`, `duckdb`, `spark`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::BigQuery => "bigquery",
            Dialect::Snowflake => "snowflake",
            Dialect::Postgres => "postgres",
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
        }
    }

    /// The dialect named `name` (as [`Dialect::name`] writes it, any case; `postgresql`,
    /// `postgresql` and `databricks` too).
    ///
    /// ```
    /// use retention_core::Dialect;
    /// assert_eq!(Dialect::from_name("Snowflake"), Some(Dialect::Snowflake));
    /// assert_eq!(Dialect::from_name("databricks"), Some(Dialect::Spark));
    /// assert_eq!(Dialect::from_name("oracle"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name.trim().to_ascii_lowercase().as_str() {
            "postgresql" => Some(Dialect::Postgres),
            "databricks" => Some(Dialect::Spark),
            other => Dialect::ALL.into_iter().find(|d| d.name() == other),
        }
    }

    /// A plain name as the dialect stores it when written unquoted.
    pub(super) fn fold(self, part: &str) -> String {
        match self {
            Dialect::Snowflake => part.to_ascii_uppercase(),
            Dialect::Postgres => part.to_ascii_lowercase(),
            _ => part.to_string(),
        }
    }

    /// `part` quoted, its quote character doubled (BigQuery's backtick is refused earlier).
    pub(super) fn quote(self, part: &str) -> String {
        let q = match self {
            Dialect::BigQuery | Dialect::Spark => '`',
            _ => '"',
        };
        let mut out = String::with_capacity(part.len() + 2);
        out.push(q);
        for c in part.chars() {
            if c == q {
                out.push(q);
            }
            out.push(c);
        }
        out.push(q);
        out
    }

    /// The text type.
    pub(super) fn text(self) -> &'static str {
        match self {
            Dialect::BigQuery | Dialect::Spark => "STRING",
            Dialect::Postgres => "TEXT",
            Dialect::Snowflake | Dialect::DuckDb => "VARCHAR",
        }
    }

    /// The 64-bit floating-point type: the core's `f64`.
    pub(super) fn double(self) -> &'static str {
        match self {
            Dialect::BigQuery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
            _ => "DOUBLE",
        }
    }

    /// A number as a literal of the double type, written so it reads back as exactly `value`.
    pub(super) fn number(self, value: f64) -> String {
        format!("CAST({value:e} AS {})", self.double())
    }

    /// A date literal.
    pub(super) fn date(self, date: Date) -> String {
        format!("DATE '{date}'")
    }

    /// Whole days from date `from` to date `to`.
    pub(super) fn days_between(self, from: &str, to: &str) -> String {
        match self {
            Dialect::BigQuery => format!("DATE_DIFF({to}, {from}, DAY)"),
            Dialect::Snowflake => format!("DATEDIFF(day, {from}, {to})"),
            Dialect::Postgres => format!("({to} - {from})"),
            Dialect::DuckDb => format!("DATE_DIFF('day', {from}, {to})"),
            Dialect::Spark => format!("DATEDIFF({to}, {from})"),
        }
    }

    /// Date `date` moved by `days` days.
    pub(super) fn add_days(self, date: &str, days: i64) -> String {
        match self {
            Dialect::BigQuery => format!("DATE_ADD({date}, INTERVAL {days} DAY)"),
            Dialect::Snowflake => format!("DATEADD(day, {days}, {date})"),
            Dialect::Postgres | Dialect::DuckDb => format!("({date} + {days})"),
            Dialect::Spark => format!("DATE_ADD({date}, {days})"),
        }
    }

    /// Date `date` moved by `months` calendar months, the day clamped to the end of a shorter
    /// month (31 March minus one month is 28 or 29 February) in every dialect.
    pub(super) fn add_months(self, date: &str, months: i64) -> String {
        match self {
            Dialect::BigQuery => format!("DATE_ADD({date}, INTERVAL {months} MONTH)"),
            Dialect::Snowflake => format!("DATEADD(month, {months}, {date})"),
            Dialect::Postgres => {
                format!("CAST({date} + INTERVAL '{months} month' AS DATE)")
            }
            Dialect::DuckDb => format!("CAST({date} + INTERVAL ({months}) MONTH AS DATE)"),
            // Spark 3's ADD_MONTHS clamps and no longer moves a month's last day to the last.
            Dialect::Spark => format!("ADD_MONTHS({date}, {months})"),
        }
    }

    /// `text` with every match of `pattern` replaced.
    pub(super) fn replace_all(self, text: &str, pattern: &str, with: &str) -> String {
        match self {
            Dialect::Postgres | Dialect::DuckDb => {
                format!("REGEXP_REPLACE({text}, '{pattern}', '{with}', 'g')")
            }
            _ => format!("REGEXP_REPLACE({text}, '{pattern}', '{with}')"),
        }
    }

    /// A query of one column `n` holding 0, 1, …, `count` − 1.
    pub(super) fn numbers(self, count: u64) -> String {
        let last = count.saturating_sub(1);
        match self {
            Dialect::BigQuery => format!("SELECT n FROM UNNEST(GENERATE_ARRAY(0, {last})) AS n"),
            // GENERATOR needs a constant; SEQ4 may skip numbers, ROW_NUMBER does not.
            Dialect::Snowflake => format!(
                "SELECT ROW_NUMBER() OVER (ORDER BY SEQ4()) - 1 AS n \
                 FROM TABLE(GENERATOR(ROWCOUNT => {count}))"
            ),
            Dialect::Postgres => format!("SELECT generate_series(0, {last}) AS n"),
            Dialect::DuckDb => format!("SELECT UNNEST(generate_series(0, {last})) AS n"),
            Dialect::Spark => format!("SELECT EXPLODE(SEQUENCE(0, {last})) AS n"),
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::BigQuery => "BigQuery",
            Dialect::Snowflake => "Snowflake",
            Dialect::Postgres => "PostgreSQL",
            Dialect::DuckDb => "DuckDB",
            Dialect::Spark => "Spark SQL",
        })
    }
}
