//! Guessing how an export is laid out, so the user only has to confirm.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::amount::{habit, read_amount};
use super::date::DateFormat;
use super::scan::{Delimiter, Record, Scanner};
use crate::Locale;

/// Rows the preview shows.
pub const PREVIEW_ROWS: usize = 10;
/// Rows the guesses look at: enough to see a day above 12 in most exports.
const SAMPLE_ROWS: usize = 1000;
/// Rows that decide the delimiter.
const DELIMITER_ROWS: usize = 100;

const CUSTOMER_WORDS: [&str; 12] = [
    "customer", "klant", "client", "mail", "buyer", "user", "debiteur", "relatie", "contact",
    "account", "koper", "member",
];
const DATE_WORDS: [&str; 9] = [
    "date", "datum", "created", "time", "tijd", "day", "dag", "ordered", "besteld",
];
const AMOUNT_WORDS: [&str; 12] = [
    "amount", "total", "totaal", "bedrag", "price", "prijs", "revenue", "omzet", "value", "waarde",
    "spend", "sum",
];

/// What a column seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    /// Who bought: a customer number, e-mail address or name.
    Customer,
    /// When the order was placed.
    Date,
    /// What the order was worth.
    Amount,
    /// Anything else: order numbers, statuses, products.
    Other,
}

/// The guess for one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnGuess {
    /// The header cell, or empty without a header.
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

/// How to read an export: the layout and which column is what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// What separates the fields.
    pub delimiter: Delimiter,
    /// The first row names the columns and holds no order.
    pub has_header: bool,
    /// How many fields every row has; a row with more or fewer is reported, never guessed
    /// at (an unquoted `12,50` in a comma file splits into two fields).
    pub columns: usize,
    /// The column of the customer id, counting from 0.
    pub customer: usize,
    /// The column of the order date, counting from 0.
    pub date: usize,
    /// The column of the order amount, counting from 0.
    pub amount: usize,
    /// How the dates are written.
    pub date_format: DateFormat,
    /// The amounts' habit: `Nl` reads `1.234,56`, `En` reads `1,234.56`.
    pub locale: Locale,
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
    /// Up to [`PREVIEW_ROWS`] data rows, as text.
    pub rows: Vec<Vec<String>>,
    /// The suggested mapping; `None` when no customer, date or amount column was found, and
    /// the user has to pick them.
    pub mapping: Option<Mapping>,
}

/// Guesses how an order export is laid out: the delimiter, whether there is a header, which
/// columns hold the customer, date and amount, the date format and the amount habit.
///
/// A column is a date column when one format reads every non-empty sampled value (of up to
/// 1000 rows), or all but at most 1 in 20 (or a single one of five or more) so that a typo does
/// not hide the column; the import
/// reports the rows it misses. When both `dd-mm-yyyy` and `mm/dd/yyyy` fit (every day is 12
/// or less), the American order is chosen only for `/` dates in a file with English amounts,
/// and the guess says it is ambiguous.
/// The amount habit is decided by the amounts that show it (`12,50`, `1.234,56`); without
/// any, a semicolon file is Dutch and any other English.
///
/// ```
/// use retention_core::{sniff_orders, DateFormat, Delimiter, Locale};
/// let preview = sniff_orders("klant;datum;bedrag\nk1;31-01-2024;1.234,56\nk2;01-02-2024;12,50\n");
/// assert_eq!(preview.delimiter, Delimiter::Semicolon);
/// assert!(preview.has_header);
/// let mapping = preview.mapping.unwrap();
/// assert_eq!((mapping.customer, mapping.date, mapping.amount), (0, 1, 2));
/// assert_eq!(mapping.date_format, DateFormat::DayMonthYear);
/// assert_eq!(mapping.locale, Locale::Nl);
/// assert_eq!(preview.rows[1], ["k2", "01-02-2024", "12,50"]);
/// ```
pub fn sniff_orders(text: &str) -> Preview {
    let delimiter = detect_delimiter(text);
    let records = sample(text, delimiter, SAMPLE_ROWS);
    let columns = mode_len(&records).0;
    let has_header = match records.as_slice() {
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
    let roles = Roles::guess(&names, &stats, delimiter);
    let columns = stats
        .iter()
        .enumerate()
        .map(|(c, s)| ColumnGuess {
            name: names[c].clone(),
            kind: roles.kind(c),
            date_format: s.date_format(roles.locale),
            date_ambiguous: s.date_formats.len() > 1,
            numeric: s.numeric,
        })
        .collect::<Vec<_>>();
    let mapping = match (roles.customer, roles.date, roles.amount) {
        (Some(customer), Some(date), Some(amount)) => Some(Mapping {
            delimiter,
            has_header,
            columns: columns.len(),
            customer,
            date,
            amount,
            date_format: columns[date].date_format.unwrap_or(DateFormat::Iso),
            locale: roles.locale,
        }),
        _ => None,
    };
    Preview {
        delimiter,
        has_header,
        columns,
        rows: data.iter().take(PREVIEW_ROWS).map(|r| r.to_vec()).collect(),
        mapping,
    }
}

/// The delimiter whose split gives the most rows with the same number (2 or more) of fields;
/// on a tie, the one with more fields, then the first of [`Delimiter::ALL`].
pub(crate) fn detect_delimiter(text: &str) -> Delimiter {
    let mut best = (Delimiter::Comma, 0, 0);
    for delimiter in Delimiter::ALL {
        let records = sample(text, delimiter, DELIMITER_ROWS);
        let (fields, rows) = mode_len(&records);
        if fields >= 2 && (rows, fields) > (best.1, best.2) {
            best = (delimiter, rows, fields);
        }
    }
    best.0
}

/// The first `limit` non-blank records, as text.
pub(crate) fn sample(text: &str, delimiter: Delimiter, limit: usize) -> Vec<Vec<String>> {
    let mut scanner = Scanner::new(text, delimiter);
    let mut record = Record::new(text);
    let mut out = Vec::new();
    while out.len() < limit && scanner.next_record(&mut record) {
        if !record.is_blank() {
            out.push((0..record.len()).map(|i| record.text(i)).collect());
        }
    }
    out
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
}

impl Column {
    fn of(rows: &[&Vec<String>], c: usize) -> Column {
        let values: Vec<&[u8]> = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| v.trim().as_bytes())
            .filter(|v| !v.is_empty())
            .collect();
        let any = !values.is_empty();
        // One typo must not hide a column: a kind fits when it misses at most 1 value in 20,
        // or a single value of five or more. The rows it misses are reported by the import,
        // never dropped.
        let fits = |misses: usize| {
            any && (misses <= values.len() / 20 || (misses == 1 && values.len() >= 5))
        };
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

/// Which column plays which part.
struct Roles {
    customer: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    locale: Locale,
}

impl Roles {
    fn guess(names: &[String], stats: &[Column], delimiter: Delimiter) -> Roles {
        let named = |c: usize, words: &[&str]| {
            let name = names[c].to_lowercase();
            words.iter().any(|w| name.contains(w))
        };
        let all = 0..stats.len();
        // Dates: a column that reads as dates, a named one first.
        let dates: Vec<usize> = all
            .clone()
            .filter(|&c| !stats[c].date_formats.is_empty())
            .collect();
        let date = dates
            .iter()
            .copied()
            .find(|&c| named(c, &DATE_WORDS))
            .or(dates.first().copied());
        // Amounts: numbers, not dates and not named as customers; the last named one (a
        // "total" after a "subtotal"), else the last with decimals, else the last.
        let amounts: Vec<usize> = all
            .clone()
            .filter(|&c| stats[c].numeric && Some(c) != date && !named(c, &CUSTOMER_WORDS))
            .collect();
        let amount = amounts
            .iter()
            .rev()
            .copied()
            .find(|&c| named(c, &AMOUNT_WORDS))
            .or_else(|| amounts.iter().rev().copied().find(|&c| stats[c].fractions))
            .or(amounts.last().copied());
        // Customers: a named column; else the one whose values repeat (customers buy again)
        // with the most distinct values (not a status column); else the first one left.
        let rest: Vec<usize> = all
            .filter(|&c| Some(c) != date && Some(c) != amount && stats[c].values > 0)
            .collect();
        let customer = rest
            .iter()
            .copied()
            .find(|&c| named(c, &CUSTOMER_WORDS))
            .or_else(|| {
                rest.iter()
                    .copied()
                    .filter(|&c| stats[c].distinct < stats[c].values)
                    .max_by_key(|&c| (stats[c].distinct, std::cmp::Reverse(c)))
            })
            .or(rest.first().copied());
        let (nl, en) = amount.map_or((0, 0), |c| (stats[c].nl_votes, stats[c].en_votes));
        let locale = match nl.cmp(&en) {
            std::cmp::Ordering::Greater => Locale::Nl,
            std::cmp::Ordering::Less => Locale::En,
            // No evidence: Dutch spreadsheets write semicolons because the comma is their
            // decimal separator.
            std::cmp::Ordering::Equal if delimiter == Delimiter::Semicolon => Locale::Nl,
            std::cmp::Ordering::Equal => Locale::En,
        };
        Roles {
            customer,
            date,
            amount,
            locale,
        }
    }

    fn kind(&self, c: usize) -> ColumnKind {
        if Some(c) == self.customer {
            ColumnKind::Customer
        } else if Some(c) == self.date {
            ColumnKind::Date
        } else if Some(c) == self.amount {
            ColumnKind::Amount
        } else {
            ColumnKind::Other
        }
    }
}
