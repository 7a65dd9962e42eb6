//! Guessing how a member export is laid out: which columns hold the member, the start and end
//! dates, the fee and the plan. The delimiter, the records and the date and amount reading
//! are the order import's; the roles are members' own.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::orders::{column_values, fits, habit, read_amount, sample_records};
use crate::{DateFormat, Delimiter, Locale};

/// Rows the preview shows.
pub const MEMBER_PREVIEW_ROWS: usize = 10;
/// Rows the guesses look at.
const SAMPLE_ROWS: usize = 1000;

const MEMBER_WORDS: [&str; 12] = [
    "member", "lid", "klant", "customer", "client", "mail", "user", "account", "relatie", "id",
    "nummer", "number",
];
const START_WORDS: [&str; 14] = [
    "start",
    "begin",
    "join",
    "since",
    "sinds",
    "ingang",
    "aanmeld",
    "signup",
    "sign-up",
    "created",
    "subscribed",
    "inschrijf",
    "from",
    "van",
];
const END_WORDS: [&str; 14] = [
    "end",
    "eind",
    "cancel",
    "opzeg",
    "stop",
    "churn",
    "until",
    "tot",
    "beëindig",
    "expire",
    "afmeld",
    "afgemeld",
    "uitschrijf",
    "left",
];
const FEE_WORDS: [&str; 11] = [
    "fee",
    "price",
    "prijs",
    "bedrag",
    "amount",
    "contributie",
    "tarief",
    "mrr",
    "monthly",
    "maand",
    "kosten",
];
const PLAN_WORDS: [&str; 10] = [
    "plan",
    "abonnement",
    "subscription",
    "product",
    "type",
    "pakket",
    "membership",
    "lidmaatschap",
    "tier",
    "soort",
];

/// Columns named so hold a status (active, cancelled), not a plan, however few their values.
const STATUS_WORDS: [&str; 4] = ["status", "state", "actief", "active"];

/// What a column of a member export seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberColumnKind {
    /// Who: a member number, e-mail address or name.
    Member,
    /// When the membership started.
    Start,
    /// When it ended or was cancelled; empty while still a member.
    End,
    /// The fee.
    Fee,
    /// The plan or kind of membership.
    Plan,
    /// Anything else.
    Other,
}

/// The guess for one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberColumnGuess {
    /// The header cell, or empty without a header.
    pub name: String,
    /// The suggested role.
    pub kind: MemberColumnKind,
    /// A format that reads the sampled values as dates, if one does.
    pub date_format: Option<DateFormat>,
    /// Another format reads them too (`03/04/2024`): the user should confirm which.
    pub date_ambiguous: bool,
    /// The sampled values are numbers.
    pub numeric: bool,
    /// Share of the sampled cells that are empty, in percent (members still active have an
    /// empty end date).
    pub empty_share: f64,
}

/// How to read a member export; columns count from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberMapping {
    /// What separates the fields.
    pub delimiter: Delimiter,
    /// The first row names the columns.
    pub has_header: bool,
    /// How many fields every row has.
    pub columns: usize,
    /// The member id.
    pub member: usize,
    /// The start date.
    pub start: usize,
    /// The end or cancellation date (empty: still a member); `None` when the export has no
    /// such column, so every member is still a member.
    pub end: Option<usize>,
    /// The fee, if the export has one.
    pub fee: Option<usize>,
    /// The plan, if the export has one.
    pub plan: Option<usize>,
    /// How the dates are written.
    pub date_format: DateFormat,
    /// The fees' habit: `Nl` reads `1.234,56`, `En` reads `1,234.56`.
    pub locale: Locale,
}

/// What [`sniff_members`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberPreview {
    /// The delimiter that splits the rows most consistently.
    pub delimiter: Delimiter,
    /// Whether the first row looks like column names.
    pub has_header: bool,
    /// One guess per column.
    pub columns: Vec<MemberColumnGuess>,
    /// Up to [`MEMBER_PREVIEW_ROWS`] data rows, as text.
    pub rows: Vec<Vec<String>>,
    /// The suggested mapping; `None` when no member and start date column were found.
    pub mapping: Option<MemberMapping>,
    /// A workbook's sheets, in order (empty for a text file): the one shown is the one asked
    /// for, else the first.
    #[serde(default)]
    pub sheets: Vec<String>,
}

/// Guesses how a member export is laid out: the delimiter, a header, the member, start, end,
/// fee and plan columns, the date format and the fees' habit.
///
/// Columns are recognised by their names in Dutch and English (`lid`, `startdatum`,
/// `opzegdatum`, `plan`, ...) and by their values: the start date is a column of dates with
/// no empty cells, the end date a date column that may be empty (or is named so), the fee a
/// numeric column, the plan a text column with few distinct values.
///
/// ```
/// use retention_core::{sniff_members, DateFormat, Delimiter};
/// let preview = sniff_members("lid;start;opgezegd;contributie;plan\n\
///     L1;15-01-2024;;29,95;maand\nL2;03-02-2024;03-05-2024;29,95;maand\n\
///     L3;20-02-2024;;299,00;jaar\n");
/// assert_eq!(preview.delimiter, Delimiter::Semicolon);
/// let m = preview.mapping.unwrap();
/// assert_eq!((m.member, m.start, m.end, m.fee, m.plan), (0, 1, Some(2), Some(3), Some(4)));
/// assert_eq!(m.date_format, DateFormat::DayMonthYear);
/// ```
pub fn sniff_members(text: &str) -> MemberPreview {
    let (delimiter, records) = sample_records(text, SAMPLE_ROWS);
    let columns = mode_len(&records);
    let regular = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter()
            .filter(|r| r.len() == columns)
            .cloned()
            .collect()
    };
    let has_header = match records.split_first() {
        None => false,
        Some((first, [])) => {
            (0..first.len()).all(|c| formats_of(&[first.as_slice()], c).is_empty())
        }
        Some((first, rest)) => {
            let rest = regular(rest);
            let rest: Vec<&[String]> = rest.iter().map(Vec::as_slice).collect();
            (0..columns).any(|c| Stats::of(&rest, c).rejects(first.get(c).map_or("", |s| s)))
        }
    };
    let data = regular(&records[usize::from(has_header).min(records.len())..]);
    let data: Vec<&[String]> = data.iter().map(Vec::as_slice).collect();
    let names: Vec<String> = (0..columns)
        .map(|c| match (has_header, records.first()) {
            (true, Some(first)) => first.get(c).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .collect();
    let stats: Vec<Stats> = (0..columns).map(|c| Stats::of(&data, c)).collect();
    let roles = Roles::guess(&names, &stats, delimiter);
    let date_format = roles.date_format(&stats);
    let guesses = stats
        .iter()
        .enumerate()
        .map(|(c, s)| MemberColumnGuess {
            name: names[c].clone(),
            kind: roles.kind(c),
            date_format: s.formats.first().copied(),
            date_ambiguous: s.formats.len() > 1,
            numeric: s.numeric,
            empty_share: if s.cells == 0 {
                0.0
            } else {
                s.empty as f64 * 100.0 / s.cells as f64
            },
        })
        .collect();
    let mapping = match (roles.member, roles.start) {
        (Some(member), Some(start)) => Some(MemberMapping {
            delimiter,
            has_header,
            columns,
            member,
            start,
            end: roles.end,
            fee: roles.fee,
            plan: roles.plan,
            date_format,
            locale: roles.locale,
        }),
        _ => None,
    };
    MemberPreview {
        delimiter,
        has_header,
        columns: guesses,
        rows: data
            .iter()
            .take(MEMBER_PREVIEW_ROWS)
            .map(|r| r.to_vec())
            .collect(),
        mapping,
        sheets: Vec::new(),
    }
}

/// The most common number of fields (ties to more fields).
fn mode_len(records: &[Vec<String>]) -> usize {
    let mut lens: Vec<usize> = records.iter().map(Vec::len).collect();
    lens.sort_unstable();
    let mut best = (0, 0);
    for chunk in lens.chunk_by(|a, b| a == b) {
        if (chunk.len(), chunk[0]) >= best {
            best = (chunk.len(), chunk[0]);
        }
    }
    best.1
}

/// The date formats that read every non-empty value of column `c` (all but 1 in 20, or a
/// single one of five or more, so that a typo does not hide a column).
fn formats_of(rows: &[&[String]], c: usize) -> Vec<DateFormat> {
    let values = column_values(rows, c);
    let misses = |f: DateFormat| values.iter().filter(|v| f.read(v).is_none()).count();
    DateFormat::ALL
        .into_iter()
        .filter(|&f| fits(values.len(), misses(f)))
        .collect()
}

/// What the sampled values of one column have in common.
struct Stats {
    cells: usize,
    empty: usize,
    values: usize,
    distinct: usize,
    formats: Vec<DateFormat>,
    numeric: bool,
    fractions: bool,
    nl_votes: usize,
    en_votes: usize,
    slash: bool,
}

impl Stats {
    fn of(rows: &[&[String]], c: usize) -> Stats {
        let cells: Vec<&[u8]> = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| v.trim().as_bytes())
            .collect();
        let values: Vec<&[u8]> = cells.iter().copied().filter(|v| !v.is_empty()).collect();
        let numbers = values
            .iter()
            .filter(|v| read_amount(v, Locale::En).is_some())
            .count();
        let votes = |l| values.iter().filter(|v| habit(v) == Some(l)).count();
        let mut formats = formats_of(rows, c);
        // A date column is not numeric, even when its dates are yyyymmdd.
        let numeric = formats.is_empty() && fits(values.len(), values.len() - numbers);
        if formats.contains(&DateFormat::DayMonthYear)
            && formats.contains(&DateFormat::MonthDayYear)
        {
            // Both orders read every date (no day above 12 yet): day first unless decided
            // later by the fees' habit.
            formats.retain(|f| *f != DateFormat::MonthDayYear);
            formats.push(DateFormat::MonthDayYear);
        }
        Stats {
            cells: cells.len(),
            empty: cells.len() - values.len(),
            values: values.len(),
            distinct: values.iter().collect::<HashSet<_>>().len(),
            formats,
            numeric,
            fractions: values
                .iter()
                .any(|v| v.contains(&b'.') || v.contains(&b',')),
            nl_votes: votes(Locale::Nl),
            en_votes: votes(Locale::En),
            slash: values.first().is_some_and(|v| v.contains(&b'/')),
        }
    }

    /// `cell` does not fit a column of dates or numbers: a header cell.
    fn rejects(&self, cell: &str) -> bool {
        let cell = cell.trim().as_bytes();
        if !self.formats.is_empty() {
            !cell.is_empty() && self.formats.iter().all(|f| f.read(cell).is_none())
        } else if self.numeric {
            !cell.is_empty() && read_amount(cell, Locale::En).is_none()
        } else {
            false
        }
    }
}

/// Which column plays which part.
struct Roles {
    member: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    fee: Option<usize>,
    plan: Option<usize>,
    locale: Locale,
}

impl Roles {
    fn guess(names: &[String], stats: &[Stats], delimiter: Delimiter) -> Roles {
        let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let named = |c: usize, words: &[&str]| words.iter().any(|w| lower[c].contains(w));
        let all = || 0..stats.len();
        let taken = |c: usize, used: &[Option<usize>]| used.contains(&Some(c));
        // Dates: columns whose values read as dates, or that are empty but named as an end.
        let dates: Vec<usize> = all().filter(|&c| !stats[c].formats.is_empty()).collect();
        let start = dates
            .iter()
            .copied()
            .find(|&c| named(c, &START_WORDS) && !named(c, &END_WORDS))
            .or_else(|| dates.iter().copied().find(|&c| stats[c].empty == 0))
            .or(dates.first().copied());
        let end = all()
            .filter(|&c| Some(c) != start)
            .find(|&c| {
                named(c, &END_WORDS) && (!stats[c].formats.is_empty() || stats[c].values == 0)
            })
            .or_else(|| dates.iter().copied().find(|&c| Some(c) != start));
        let used = [start, end];
        let fee = all()
            .filter(|&c| stats[c].numeric && !taken(c, &used) && !named(c, &MEMBER_WORDS))
            .max_by_key(|&c| {
                (
                    named(c, &FEE_WORDS),
                    stats[c].fractions,
                    std::cmp::Reverse(c),
                )
            });
        let used = [start, end, fee];
        let texts = |c: usize| !taken(c, &used) && stats[c].values > 0;
        let member = all()
            .filter(|&c| texts(c) && named(c, &MEMBER_WORDS) && !named(c, &PLAN_WORDS))
            .max_by_key(|&c| (stats[c].distinct, std::cmp::Reverse(c)))
            .or_else(|| {
                all()
                    .filter(|&c| texts(c) && stats[c].formats.is_empty())
                    .max_by_key(|&c| (stats[c].distinct, std::cmp::Reverse(c)))
            });
        let used = [start, end, fee, member];
        let plan = all()
            .filter(|&c| !taken(c, &used) && stats[c].values > 0 && stats[c].formats.is_empty())
            .find(|&c| named(c, &PLAN_WORDS))
            .or_else(|| {
                // Few distinct values that repeat: a plan or kind of membership.
                all()
                    .filter(|&c| {
                        let s = &stats[c];
                        !taken(c, &used)
                            && !named(c, &STATUS_WORDS)
                            && !s.numeric
                            && s.formats.is_empty()
                            && s.values >= 5
                            && s.distinct <= 20
                            && s.distinct * 4 <= s.values
                    })
                    .min_by_key(|&c| stats[c].distinct)
            });
        let (nl, en) = fee.map_or((0, 0), |c| (stats[c].nl_votes, stats[c].en_votes));
        let locale = match nl.cmp(&en) {
            std::cmp::Ordering::Greater => Locale::Nl,
            std::cmp::Ordering::Less => Locale::En,
            std::cmp::Ordering::Equal if delimiter == Delimiter::Semicolon => Locale::Nl,
            std::cmp::Ordering::Equal => Locale::En,
        };
        Roles {
            member,
            start,
            end,
            fee,
            plan,
            locale,
        }
    }

    /// The format that reads both date columns; between day-first and month-first, the
    /// American order only for `/` dates with English fees.
    fn date_format(&self, stats: &[Stats]) -> DateFormat {
        let Some(start) = self.start else {
            return DateFormat::Iso;
        };
        let mut formats = stats[start].formats.clone();
        if let Some(end) = self.end.filter(|&c| !stats[c].formats.is_empty()) {
            formats.retain(|f| stats[end].formats.contains(f));
        }
        let both = formats.contains(&DateFormat::DayMonthYear)
            && formats.contains(&DateFormat::MonthDayYear);
        if both && stats[start].slash && self.locale == Locale::En {
            return DateFormat::MonthDayYear;
        }
        formats
            .first()
            .or(stats[start].formats.first())
            .copied()
            .unwrap_or(DateFormat::Iso)
    }

    fn kind(&self, c: usize) -> MemberColumnKind {
        let c = Some(c);
        if c == self.member {
            MemberColumnKind::Member
        } else if c == self.start {
            MemberColumnKind::Start
        } else if c == self.end {
            MemberColumnKind::End
        } else if c == self.fee {
            MemberColumnKind::Fee
        } else if c == self.plan {
            MemberColumnKind::Plan
        } else {
            MemberColumnKind::Other
        }
    }
}
