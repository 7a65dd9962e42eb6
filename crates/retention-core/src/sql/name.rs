//! Table and column names as the user gives them, checked and quoted for one dialect.
//!
//! A name is one part (a column) or up to three parts joined by `.` (`project.dataset.orders`,
//! `catalog.schema.orders`). Each part is read the way SQL reads it:
//! - a plain part (an ASCII letter or `_`, then letters, digits and `_`) is folded the way the
//!   dialect folds an unquoted name: upper case in Snowflake, lower case in PostgreSQL, kept
//!   elsewhere. `--table orders` finds Snowflake's `ORDERS`, as the user's own query would;
//! - a part in double quotes (`"Order ID"`, with `""` for a quote inside) is taken exactly;
//! - any other part (`Customer ID`, `klant_ë`, `orders; drop table x`) is taken exactly.
//!
//! Every part is then written quoted, its quote character doubled, so no name is ever pasted
//! into the SQL as code. A part that is empty, holds a control character, is too long for the
//! dialect (PostgreSQL would cut it short silently) or holds a character the dialect cannot
//! quote (a backtick or backslash in BigQuery) is an error.

use super::{Dialect, SqlColumn, SqlError};

/// The longest part any dialect here takes, in characters: Snowflake's limit.
const MAX_CHARS: usize = 255;
/// PostgreSQL cuts names at 63 bytes (NAMEDATALEN − 1).
const POSTGRES_MAX_BYTES: usize = 63;

/// A checked name, ready to write into `dialect`'s SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name {
    quoted: String,
}

impl Name {
    /// Reads `text` as the name of `column` (a table when `column` is [`SqlColumn::Table`], which
    /// may have up to three parts).
    pub(super) fn parse(text: &str, column: SqlColumn, dialect: Dialect) -> Result<Name, SqlError> {
        let parts = split(text, column)?;
        let max_parts = if column == SqlColumn::Table { 3 } else { 1 };
        if parts.len() > max_parts {
            return Err(SqlError::TooManyParts {
                column,
                parts: parts.len(),
                max: max_parts,
            });
        }
        let mut quoted = Vec::with_capacity(parts.len());
        for (part, exact) in parts {
            let part = if exact || !is_plain(&part) {
                part
            } else {
                dialect.fold(&part)
            };
            check(&part, column, dialect)?;
            quoted.push(dialect.quote(&part));
        }
        Ok(Name {
            quoted: quoted.join("."),
        })
    }

    /// The name as SQL text.
    pub(super) fn sql(&self) -> &str {
        &self.quoted
    }
}

/// An ASCII letter or `_`, then letters, digits and `_`: a name SQL would read unquoted.
fn is_plain(part: &str) -> bool {
    let mut chars = part.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits on `.` outside double quotes; each part with whether it was quoted (taken exactly).
/// Spaces around a part are dropped, spaces inside kept.
fn split(text: &str, column: SqlColumn) -> Result<Vec<(String, bool)>, SqlError> {
    let mut parts = Vec::new();
    let mut chars = text.trim().chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ').is_some() {}
        let (part, exact) = if chars.next_if_eq(&'"').is_some() {
            let mut part = String::new();
            loop {
                match chars.next() {
                    Some('"') if chars.next_if_eq(&'"').is_some() => part.push('"'),
                    Some('"') => break,
                    Some(c) => part.push(c),
                    None => return Err(SqlError::UnclosedQuote { column }),
                }
            }
            while chars.next_if(|c| *c == ' ').is_some() {}
            if chars.peek().is_some_and(|c| *c != '.') {
                return Err(SqlError::TextAfterQuote { column });
            }
            (part, true)
        } else {
            let mut part = String::new();
            while let Some(c) = chars.next_if(|c| *c != '.') {
                part.push(c);
            }
            (part.trim_end_matches(' ').to_string(), false)
        };
        if part.is_empty() {
            return Err(SqlError::EmptyName { column });
        }
        parts.push((part, exact));
        if chars.next().is_none() {
            return Ok(parts);
        }
    }
}

fn check(part: &str, column: SqlColumn, dialect: Dialect) -> Result<(), SqlError> {
    if let Some(c) = part.chars().find(|c| c.is_control()) {
        return Err(SqlError::Character {
            column,
            character: c,
            dialect,
        });
    }
    if dialect == Dialect::BigQuery {
        if let Some(c) = part.chars().find(|c| matches!(c, '`' | '\\')) {
            return Err(SqlError::Character {
                column,
                character: c,
                dialect,
            });
        }
    }
    let too_long = match dialect {
        Dialect::Postgres => part.len() > POSTGRES_MAX_BYTES,
        _ => part.chars().count() > MAX_CHARS,
    };
    if too_long {
        return Err(SqlError::NameTooLong {
            column,
            max: match dialect {
                Dialect::Postgres => POSTGRES_MAX_BYTES,
                _ => MAX_CHARS,
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, column: SqlColumn, dialect: Dialect) -> Result<String, SqlError> {
        Name::parse(text, column, dialect).map(|n| n.sql().to_string())
    }

    #[test]
    fn plain_names_fold_as_the_dialect_folds_unquoted_names() {
        let table = |d| name("Sales.Orders", SqlColumn::Table, d).unwrap();
        assert_eq!(table(Dialect::Snowflake), r#""SALES"."ORDERS""#);
        assert_eq!(table(Dialect::Postgres), r#""sales"."orders""#);
        assert_eq!(table(Dialect::DuckDb), r#""Sales"."Orders""#);
        assert_eq!(table(Dialect::BigQuery), "`Sales`.`Orders`");
        assert_eq!(table(Dialect::Spark), "`Sales`.`Orders`");
    }

    #[test]
    fn quoted_and_other_names_are_taken_exactly() {
        assert_eq!(
            name(r#""Order ID""#, SqlColumn::Order, Dialect::Snowflake).unwrap(),
            r#""Order ID""#
        );
        assert_eq!(
            name("Customer ID", SqlColumn::Customer, Dialect::Postgres).unwrap(),
            r#""Customer ID""#
        );
        assert_eq!(
            name(
                "my-project.shop.orders",
                SqlColumn::Table,
                Dialect::BigQuery
            )
            .unwrap(),
            "`my-project`.`shop`.`orders`"
        );
        assert_eq!(
            name(r#" "a.b" . c "#, SqlColumn::Table, Dialect::DuckDb).unwrap(),
            r#""a.b"."c""#
        );
    }

    #[test]
    fn hostile_names_are_quoted_never_pasted() {
        let cases = [
            (
                Dialect::Postgres,
                "orders; drop table x",
                r#""orders; drop table x""#,
            ),
            (Dialect::DuckDb, r#"a"b"#, r#""a""b""#),
            (
                Dialect::Snowflake,
                r#""x"" or 1=1 --""#,
                r#""x"" or 1=1 --""#,
            ),
            (Dialect::Spark, "a`b", "`a``b`"),
            (Dialect::BigQuery, "klant_ë naam", "`klant_ë naam`"),
            (Dialect::Postgres, "klant_ë", r#""klant_ë""#),
            (Dialect::Spark, "x'; --", "`x'; --`"),
        ];
        for (dialect, text, quoted) in cases {
            assert_eq!(
                name(text, SqlColumn::Customer, dialect).unwrap(),
                quoted,
                "{text}"
            );
        }
    }

    #[test]
    fn impossible_names_are_typed_errors() {
        let fails = |text: &str, column, dialect| name(text, column, dialect).unwrap_err();
        assert_eq!(
            fails("", SqlColumn::Date, Dialect::DuckDb),
            SqlError::EmptyName {
                column: SqlColumn::Date
            }
        );
        assert_eq!(
            fails("a..b", SqlColumn::Table, Dialect::DuckDb),
            SqlError::EmptyName {
                column: SqlColumn::Table
            }
        );
        assert_eq!(
            fails("a\nb", SqlColumn::Date, Dialect::Postgres),
            SqlError::Character {
                column: SqlColumn::Date,
                character: '\n',
                dialect: Dialect::Postgres
            }
        );
        assert_eq!(
            fails("a\0b", SqlColumn::Date, Dialect::Spark),
            SqlError::Character {
                column: SqlColumn::Date,
                character: '\0',
                dialect: Dialect::Spark
            }
        );
        assert_eq!(
            fails("a`b", SqlColumn::Amount, Dialect::BigQuery),
            SqlError::Character {
                column: SqlColumn::Amount,
                character: '`',
                dialect: Dialect::BigQuery
            }
        );
        assert_eq!(
            fails(r"a\b", SqlColumn::Amount, Dialect::BigQuery),
            SqlError::Character {
                column: SqlColumn::Amount,
                character: '\\',
                dialect: Dialect::BigQuery
            }
        );
        assert_eq!(
            fails("orders.id", SqlColumn::Customer, Dialect::DuckDb),
            SqlError::TooManyParts {
                column: SqlColumn::Customer,
                parts: 2,
                max: 1
            }
        );
        assert_eq!(
            fails("a.b.c.d", SqlColumn::Table, Dialect::DuckDb),
            SqlError::TooManyParts {
                column: SqlColumn::Table,
                parts: 4,
                max: 3
            }
        );
        assert_eq!(
            fails(r#""abc"#, SqlColumn::Table, Dialect::DuckDb),
            SqlError::UnclosedQuote {
                column: SqlColumn::Table
            }
        );
        assert_eq!(
            fails(r#""a"b"#, SqlColumn::Table, Dialect::DuckDb),
            SqlError::TextAfterQuote {
                column: SqlColumn::Table
            }
        );
        // 64 bytes: PostgreSQL would silently use the first 63.
        let long = "é".repeat(32);
        assert_eq!(
            fails(&long, SqlColumn::Customer, Dialect::Postgres),
            SqlError::NameTooLong {
                column: SqlColumn::Customer,
                max: 63
            }
        );
        assert!(name(&long, SqlColumn::Customer, Dialect::Snowflake).is_ok());
        assert!(name(&"x".repeat(256), SqlColumn::Customer, Dialect::Snowflake).is_err());
    }
}
