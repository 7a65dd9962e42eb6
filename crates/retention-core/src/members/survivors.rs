//! A survivors table pasted from a spreadsheet ("period; members still active" for one
//! cohort), the sBG fitted to it, its projection and what a member is worth at each tenure,
//! next to what constant churn would have said.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::analysis::{usable_discount_rate, usable_fee, usable_margin};
use super::calculator::period_rate;
use super::explain::MemberAdvice;
use super::sbg::{ConstantChurn, Lifetimes, Sbg, SbgError, SbgFit};
use crate::periods::pasted_lines;
use crate::{parse_number, Locale, Period, Quantity, Token, Verdict};

/// The most rows a survivors table may have: a century of months is far beyond any cohort.
pub const MAX_SURVIVOR_ROWS: usize = 1200;
/// The most periods a projection runs ahead.
pub const MAX_HORIZON: u32 = 1200;
/// Figures a table needs: the start and two periods, since one period of retention cannot
/// tell members who differ from members who are alike.
pub const MIN_SURVIVOR_FIGURES: usize = 3;

/// One cohort's members still there after each period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Survivors {
    /// The first column of each row, or the period number when there was none.
    pub labels: Vec<String>,
    /// Members still there: `counts[0]` at the start, `counts[t]` after t periods.
    pub counts: Vec<u64>,
    /// The line skipped as a header, if any.
    pub header_line: Option<usize>,
}

/// Why a survivors table cannot be used.
///
/// Serializes as `{ code, message }` plus the variant's fields.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum SurvivorsError {
    /// Fewer than [`MIN_SURVIVOR_FIGURES`] figures.
    TooFewPeriods {
        /// Figures found.
        found: usize,
        /// Figures needed.
        needed: usize,
    },
    /// The first figure is zero: no members to follow.
    NoMembers,
    /// A count is higher than the one before: members who left do not come back in a
    /// cohort (new members belong to a new cohort).
    Rises {
        /// The line of the higher count, counting from 1.
        line: usize,
        /// The count before it.
        previous: u64,
        /// The higher count.
        count: u64,
    },
    /// Not a whole number of members.
    NotACount {
        /// The line, counting from 1.
        line: usize,
        /// The text found.
        text: String,
    },
    /// More columns than a label and a count.
    Columns {
        /// The line, counting from 1.
        line: usize,
        /// How many columns it has.
        found: usize,
    },
    /// More than [`MAX_SURVIVOR_ROWS`] rows.
    TooManyRows {
        /// The most accepted.
        max: usize,
    },
}

impl SurvivorsError {
    /// A stable camelCase identifier, e.g. `rises`.
    pub fn code(&self) -> &'static str {
        match self {
            SurvivorsError::TooFewPeriods { .. } => "tooFewPeriods",
            SurvivorsError::NoMembers => "noMembers",
            SurvivorsError::Rises { .. } => "rises",
            SurvivorsError::NotACount { .. } => "notACount",
            SurvivorsError::Columns { .. } => "columns",
            SurvivorsError::TooManyRows { .. } => "tooManyRows",
        }
    }
}

impl fmt::Display for SurvivorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SurvivorsError::TooFewPeriods { found, needed } => write!(
                f,
                "{found} figures is too few: the members at the start and after at least two \
                 periods are needed ({needed} figures)"
            ),
            SurvivorsError::NoMembers => f.write_str("the first figure is zero: no members"),
            SurvivorsError::Rises {
                line,
                previous,
                count,
            } => write!(
                f,
                "line {line}: {count} members is more than the {previous} before; a cohort \
                 can only shrink"
            ),
            SurvivorsError::NotACount { line, text } => {
                write!(f, "line {line}: {text:?} is not a whole number of members")
            }
            SurvivorsError::Columns { line, found } => write!(
                f,
                "line {line}: {found} columns; give a period and the members still active"
            ),
            SurvivorsError::TooManyRows { max } => write!(f, "more than {max} rows"),
        }
    }
}

impl std::error::Error for SurvivorsError {}

impl Serialize for SurvivorsError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("SurvivorsError", 5)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        match self {
            SurvivorsError::TooFewPeriods { found, needed } => {
                out.serialize_field("found", found)?;
                out.serialize_field("needed", needed)?;
            }
            SurvivorsError::NoMembers => {}
            SurvivorsError::Rises {
                line,
                previous,
                count,
            } => {
                out.serialize_field("line", line)?;
                out.serialize_field("previous", previous)?;
                out.serialize_field("count", count)?;
            }
            SurvivorsError::NotACount { line, text } => {
                out.serialize_field("line", line)?;
                out.serialize_field("text", text)?;
            }
            SurvivorsError::Columns { line, found } => {
                out.serialize_field("line", line)?;
                out.serialize_field("found", found)?;
            }
            SurvivorsError::TooManyRows { max } => out.serialize_field("max", max)?,
        }
        out.end()
    }
}

/// Reads a survivors table: one line per period with the members still active, optionally
/// after a label (`year 1`, `2024-02`, `1`), separated by a tab, semicolon, comma or
/// spaces; numbers in `locale`'s habit (`1.000` is a thousand in Dutch). A first line
/// without a number is a header; empty lines are skipped.
///
/// ```
/// use retention_core::{parse_survivors, Locale, SurvivorsError};
/// let table = parse_survivors("jaar;leden\n0;1.000\n1;631\n2;468\n", Locale::Nl).unwrap();
/// assert_eq!(table.counts, [1000, 631, 468]);
/// assert_eq!(table.labels, ["0", "1", "2"]);
/// assert_eq!(table.header_line, Some(1));
///
/// let rises = parse_survivors("1000\n631\n700\n", Locale::En).unwrap_err();
/// assert_eq!(rises, SurvivorsError::Rises { line: 3, previous: 631, count: 700 });
/// ```
pub fn parse_survivors(text: &str, locale: Locale) -> Result<Survivors, SurvivorsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut table = Survivors {
        labels: Vec::new(),
        counts: Vec::new(),
        header_line: None,
    };
    for (line_no, cells) in pasted_lines(text, delimiter) {
        let (label, cell) = match (delimiter, cells.as_slice()) {
            (_, [count]) => (None, *count),
            (_, [label, count]) => (Some(label.to_string()), *count),
            // Aligned text: "year 1   631".
            (None, [label @ .., count]) => (Some(label.join(" ")), *count),
            _ => {
                return Err(SurvivorsError::Columns {
                    line: line_no,
                    found: cells.len(),
                })
            }
        };
        let number = parse_number(cell, locale);
        let first = table.counts.is_empty() && table.header_line.is_none();
        if first && number.is_err() {
            table.header_line = Some(line_no);
            continue;
        }
        let count = match number {
            Ok(v) if v >= 0.0 && v.fract() == 0.0 && v <= 1e10 => v as u64,
            _ => {
                return Err(SurvivorsError::NotACount {
                    line: line_no,
                    text: cell.to_string(),
                })
            }
        };
        if let Some(&previous) = table.counts.last() {
            if count > previous {
                return Err(SurvivorsError::Rises {
                    line: line_no,
                    previous,
                    count,
                });
            }
        }
        if table.counts.len() == MAX_SURVIVOR_ROWS {
            return Err(SurvivorsError::TooManyRows {
                max: MAX_SURVIVOR_ROWS,
            });
        }
        let label = label.unwrap_or_else(|| table.counts.len().to_string());
        table.labels.push(label);
        table.counts.push(count);
    }
    if table.counts.first() == Some(&0) {
        return Err(SurvivorsError::NoMembers);
    }
    if table.counts.len() < MIN_SURVIVOR_FIGURES {
        return Err(SurvivorsError::TooFewPeriods {
            found: table.counts.len(),
            needed: MIN_SURVIVOR_FIGURES,
        });
    }
    Ok(table)
}

/// Tab if the text has one, else semicolon; a comma only when some line has one that does
/// not group thousands (`0,1000` or `year,members`, not `1,000`); else runs of spaces.
fn delimiter(text: &str) -> Option<char> {
    if text.contains('\t') {
        return Some('\t');
    }
    if text.contains(';') {
        return Some(';');
    }
    let separates = |line: &str| {
        line.split_once(',').is_some_and(|(_, after)| {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &after.as_bytes()[digits..];
            !(digits == 3 && matches!(rest.first(), None | Some(b',' | b'.')))
        })
    };
    text.lines().any(separates).then_some(',')
}

/// How to read and value a survivors table. Every field has a default.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SurvivorOptions {
    /// The length of a period (a renewal cycle): month, quarter or year. Default year, as in
    /// the paper's example.
    pub period: Period,
    /// Periods to project beyond the table. Default 10, at most [`MAX_HORIZON`].
    pub horizon: u32,
    /// Yearly discount rate in percent for residual lifetime and value. Default 10; at
    /// least [`MIN_DISCOUNT_RATE`](crate::MIN_DISCOUNT_RATE), at most 1000.
    pub discount_rate: f64,
    /// The fee a member pays per period; with it, lifetimes become money. A negative one is
    /// left out.
    pub fee: Option<f64>,
    /// Gross margin on the fee in percent; outside 0–100 it is left out.
    pub margin: Option<f64>,
}

impl Default for SurvivorOptions {
    fn default() -> SurvivorOptions {
        SurvivorOptions {
            period: Period::Year,
            horizon: 10,
            discount_rate: 10.0,
            fee: None,
            margin: None,
        }
    }
}

/// One period of the survival curve: the table's figure (if any), the sBG's fit or
/// projection and constant churn's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SurvivalPoint {
    /// Periods since the start.
    pub period: u32,
    /// The table's label; `None` for a projected period.
    pub label: Option<String>,
    /// Members in the table; `None` for a projected period.
    pub actual: Option<u64>,
    /// Members the sBG expects: n₀ × S(t).
    pub fitted: f64,
    /// Members constant churn expects: n₀ × (1 − θ)^t.
    pub constant: f64,
    /// Retention in this period in the table, in percent: nₜ / nₜ₋₁ × 100.
    pub actual_retention: Option<f64>,
    /// Retention in this period by the sBG, in percent: r(t) × 100; it rises with tenure.
    pub retention: Option<f64>,
    /// Beyond the table.
    pub projected: bool,
}

/// What a member who has stayed a number of periods is still worth.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Residual {
    /// Renewals made so far; the member is in period `renewals + 1`.
    pub renewals: u32,
    /// Discounted expected residual lifetime by the sBG, in periods.
    pub derl: f64,
    /// The same at constant churn: the same for every tenure.
    pub constant_derl: f64,
    /// Residual value: fee × margin × DERL, when a fee is given.
    pub value: Option<f64>,
    /// The same at constant churn.
    pub constant_value: Option<f64>,
}

/// A survivors table's sBG, projection and values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurvivorsReport {
    /// The options used.
    pub options: SurvivorOptions,
    /// α, β and the log-likelihood.
    pub fit: SbgFit,
    /// Constant churn over the same table: members who left over member-periods.
    pub constant: ConstantChurn,
    /// Periods 0..=table + horizon.
    pub curve: Vec<SurvivalPoint>,
    /// The discount rate per period, in percent.
    pub period_discount_rate: f64,
    /// Expected lifetime of a new member in periods, undiscounted: `None` (infinite) when
    /// α ≤ 1.
    pub mean_lifetime: Option<f64>,
    /// The same at constant churn: 1 / θ.
    pub constant_mean_lifetime: Option<f64>,
    /// Discounted expected lifetime of a new member, in periods, the first included.
    pub del: f64,
    /// The same at constant churn.
    pub constant_del: f64,
    /// A new member's value: fee × margin × DEL, when a fee is given.
    pub clv: Option<f64>,
    /// The same at constant churn.
    pub constant_clv: Option<f64>,
    /// Residual lifetime and value by renewals made, 0 to the table's last period.
    pub residual: Vec<Residual>,
    /// What stands out, for the page to say in words.
    pub insights: Vec<SurvivorInsight>,
    /// Each figure's formula with the numbers, its constant-churn counterpart and next steps.
    pub explanations: Vec<SurvivorExplanation>,
}

/// What stands out in a fitted survivors table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "code",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SurvivorInsight {
    /// Retention rises with tenure, because the members likely to leave leave first and
    /// the loyal ones remain — not because any member became more loyal.
    RetentionRises {
        /// Retention in the first period, in percent.
        first: f64,
        /// In the table's last period.
        last: f64,
        /// At the end of the projection.
        projected: f64,
    },
    /// Retention does not rise with tenure: the members seem alike, and constant churn
    /// describes them as well as the sBG.
    Homogeneous,
    /// At the end of the projection constant churn expects fewer members than the sBG:
    /// it writes off the loyal ones too soon.
    ConstantChurnUnderestimates {
        /// The end of the projection: periods since the start for a survivors table, months
        /// from the reference day for a member file.
        period: u32,
        /// Members the sBG expects.
        sbg: f64,
        /// Members constant churn expects.
        constant: f64,
    },
    /// At the end of the projection constant churn expects more members than the sBG.
    ConstantChurnOverestimates {
        /// As for `ConstantChurnUnderestimates`.
        period: u32,
        /// Members the sBG expects.
        sbg: f64,
        /// Members constant churn expects.
        constant: f64,
    },
    /// A member who stayed the table's length is worth more than a new one: their residual
    /// lifetime is longer, while constant churn gives every member the same.
    LoyalMembersWorthMore {
        /// Renewals made by the loyal member.
        renewals: u32,
        /// Their DERL.
        derl: f64,
        /// A new member's DERL (0 renewals).
        new_member: f64,
        /// DERL at constant churn, for both.
        constant: f64,
    },
}

/// A figure of the survivors analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SurvivorFigure {
    /// Churn in the first period: α / (α + β).
    FirstPeriodChurn,
    /// Retention in the table's last period: (β + t − 1) / (α + β + t − 1).
    RetentionByTenure,
    /// Members expected at the end of the projection: n₀ × B(α, β + t) / B(α, β).
    Projected,
    /// A new member's discounted expected lifetime: ₂F₁(1, β; α + β; 1 / (1 + d)).
    Del,
    /// The residual lifetime of a member at the table's last period.
    Derl,
    /// A new member's value: fee × margin × DEL.
    Clv,
}

/// Everything the page says about one survivors figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurvivorExplanation {
    /// Which figure.
    pub figure: SurvivorFigure,
    /// Its value by the sBG.
    pub value: Quantity,
    /// The formula with the numbers, up to `= value`.
    pub formula: Vec<Token>,
    /// What constant churn says instead.
    pub constant: Quantity,
    /// Annual retention at that tenure against the 85 % target, for retention figures.
    pub verdict: Option<Verdict>,
    /// Next steps.
    pub advice: Vec<MemberAdvice>,
}

/// Fits the sBG to a survivors table and projects it `options.horizon` periods ahead.
///
/// ```
/// use retention_core::{analyse_survivors, parse_survivors, Locale, SurvivorOptions};
/// let table = parse_survivors("1000\n631\n468\n382\n326\n289\n262\n241\n", Locale::En).unwrap();
/// let report = analyse_survivors(&table, &SurvivorOptions::default()).unwrap();
/// assert_eq!(format!("{:.3}", report.fit.model.alpha), "0.704");
/// let year_12 = &report.curve[12];
/// assert!(year_12.projected && year_12.fitted > year_12.constant);
/// ```
pub fn analyse_survivors(
    table: &Survivors,
    options: &SurvivorOptions,
) -> Result<SurvivorsReport, SbgError> {
    let lifetimes = Lifetimes::from_survivors(&table.counts);
    let fit = Sbg::fit(&lifetimes)?;
    let constant = ConstantChurn::fit(&lifetimes).ok_or(SbgError::NoMembers)?;
    let options = SurvivorOptions {
        horizon: options.horizon.min(MAX_HORIZON),
        discount_rate: usable_discount_rate(options.discount_rate),
        fee: usable_fee(options.fee),
        margin: usable_margin(options.margin),
        ..*options
    };
    let m = fit.model;
    let observed = table.counts.len() - 1;
    let last = observed + options.horizon as usize;
    let n0 = table.counts[0] as f64;
    let fitted = m.survival(last);
    let flat = constant.survival(last);
    let curve = (0..=last)
        .map(|t| {
            let actual = table.counts.get(t).copied();
            let before = t.checked_sub(1).and_then(|p| table.counts.get(p));
            SurvivalPoint {
                period: t as u32,
                label: table.labels.get(t).cloned(),
                actual,
                fitted: n0 * fitted[t],
                constant: n0 * flat[t],
                actual_retention: match (actual, before) {
                    (Some(a), Some(&b)) if b > 0 => Some(a as f64 * 100.0 / b as f64),
                    _ => None,
                },
                retention: (t > 0).then(|| m.retention(t as u32) * 100.0),
                projected: t > observed,
            }
        })
        .collect();
    let d_percent = period_rate(options.discount_rate, options.period);
    let d = d_percent / 100.0;
    let money = |periods: f64| {
        options
            .fee
            .map(|fee| fee * options.margin.unwrap_or(100.0) / 100.0 * periods)
    };
    let residual = (0..=observed as u32)
        .map(|renewals| {
            let derl = m.derl(d, renewals);
            Residual {
                renewals,
                derl,
                constant_derl: constant.derl(d),
                value: money(derl),
                constant_value: money(constant.derl(d)),
            }
        })
        .collect();
    let (del, constant_del) = (m.del(d), constant.del(d));
    let mut report = SurvivorsReport {
        options,
        fit,
        constant,
        curve,
        period_discount_rate: d_percent,
        mean_lifetime: m.mean_lifetime(),
        constant_mean_lifetime: constant.mean_lifetime(),
        del,
        constant_del,
        clv: money(del),
        constant_clv: money(constant_del),
        residual,
        insights: Vec::new(),
        explanations: Vec::new(),
    };
    report.insights = insights(&report, observed);
    report.explanations = explanations(&report, observed, n0);
    Ok(report)
}

fn insights(report: &SurvivorsReport, observed: usize) -> Vec<SurvivorInsight> {
    let end = report.curve.last().filter(|p| p.projected);
    let loyal = match (report.residual.first(), report.residual.last()) {
        (Some(new), Some(loyal)) => Some((*new, *loyal)),
        _ => None,
    };
    insights_of(
        &report.fit,
        observed as u32,
        report.curve.len() as u32 - 1,
        end.map(|p| (p.period, p.fitted, p.constant)),
        loyal,
    )
}

/// What stands out in a fit: whether retention rises with tenure from period 1 to
/// `observed` (and on to `last`), what constant churn says at the end of a projection
/// `(period, sBG, constant)`, and whether a loyal member's residual lifetime beats a new
/// one's.
pub(crate) fn insights_of(
    fit: &SbgFit,
    observed: u32,
    last: u32,
    projection: Option<(u32, f64, f64)>,
    residual: Option<(Residual, Residual)>,
) -> Vec<SurvivorInsight> {
    let m = fit.model;
    let mut out = Vec::new();
    let (first, seen) = (m.retention(1) * 100.0, m.retention(observed.max(1)) * 100.0);
    if fit.homogeneous || seen - first < 0.5 {
        out.push(SurvivorInsight::Homogeneous);
    } else {
        out.push(SurvivorInsight::RetentionRises {
            first,
            last: seen,
            projected: m.retention(last.max(1)) * 100.0,
        });
    }
    if let Some((period, sbg, constant)) = projection {
        // Differences below half a member, or a percent, are not worth a sentence.
        if (sbg - constant).abs() >= 0.5_f64.max(0.01 * sbg) {
            out.push(if sbg > constant {
                SurvivorInsight::ConstantChurnUnderestimates {
                    period,
                    sbg,
                    constant,
                }
            } else {
                SurvivorInsight::ConstantChurnOverestimates {
                    period,
                    sbg,
                    constant,
                }
            });
        }
    }
    if let Some((new, loyal)) = residual {
        if loyal.derl > new.derl * 1.05 {
            out.push(SurvivorInsight::LoyalMembersWorthMore {
                renewals: loyal.renewals,
                derl: loyal.derl,
                new_member: new.derl,
                constant: new.constant_derl,
            });
        }
    }
    out
}

fn explanations(report: &SurvivorsReport, observed: usize, n0: f64) -> Vec<SurvivorExplanation> {
    use Quantity::{Money, Number, Percent, Periods};
    use Token::{Text, Value};
    let m = report.fit.model;
    let (a, b) = (Value(Number(m.alpha)), Value(Number(m.beta)));
    let period = report.options.period;
    let theta = report.constant.churn;
    let d = Value(Percent(report.period_discount_rate));
    let annual = |r: f64| r.powi(period.per_year() as i32) * 100.0;
    let rising = matches!(
        report.insights.first(),
        Some(SurvivorInsight::RetentionRises { .. })
    );
    let t = observed as u32;
    let mut out = vec![
        SurvivorExplanation {
            figure: SurvivorFigure::FirstPeriodChurn,
            value: Percent(m.churn(1) * 100.0),
            formula: vec![a, Text(" / ("), a, Text(" + "), b, Text(") × 100")],
            constant: Percent(theta * 100.0),
            verdict: Some(Verdict::of(annual(m.retention(1)))),
            advice: vec![MemberAdvice::Onboarding, MemberAdvice::AnnualPlans],
        },
        SurvivorExplanation {
            figure: SurvivorFigure::RetentionByTenure,
            value: Percent(m.retention(t) * 100.0),
            formula: vec![
                Text("("),
                b,
                Text(" + "),
                Value(Number(f64::from(t) - 1.0)),
                Text(") / ("),
                a,
                Text(" + "),
                b,
                Text(" + "),
                Value(Number(f64::from(t) - 1.0)),
                Text(") × 100"),
            ],
            constant: Percent((1.0 - theta) * 100.0),
            verdict: Some(Verdict::of(annual(m.retention(t)))),
            advice: if rising {
                vec![
                    MemberAdvice::Onboarding,
                    MemberAdvice::AnnualPlans,
                    MemberAdvice::Loyalty,
                ]
            } else {
                vec![
                    MemberAdvice::PauseInsteadOfCancel,
                    MemberAdvice::FailedPayments,
                    MemberAdvice::ExitSurvey,
                ]
            },
        },
    ];
    if let Some(end) = report.curve.last().filter(|p| p.projected) {
        let h = Value(Number(f64::from(end.period)));
        out.push(SurvivorExplanation {
            figure: SurvivorFigure::Projected,
            value: Number(end.fitted),
            formula: vec![
                Value(Quantity::Count(n0 as u64)),
                Text(" × B("),
                a,
                Text(", "),
                b,
                Text(" + "),
                h,
                Text(") / B("),
                a,
                Text(", "),
                b,
                Text(")"),
            ],
            constant: Number(end.constant),
            verdict: None,
            advice: vec![MemberAdvice::WinBackCancelled, MemberAdvice::Acquisition],
        });
    }
    out.push(SurvivorExplanation {
        figure: SurvivorFigure::Del,
        value: Periods(report.del, period),
        formula: vec![
            Text("₂F₁(1, "),
            b,
            Text("; "),
            a,
            Text(" + "),
            b,
            Text("; 1 / (1 + "),
            d,
            Text("))"),
        ],
        constant: Periods(report.constant_del, period),
        verdict: None,
        advice: vec![MemberAdvice::AnnualPlans, MemberAdvice::Upgrade],
    });
    if let Some(r) = report.residual.last() {
        let n = Value(Number(f64::from(r.renewals) + 1.0));
        out.push(SurvivorExplanation {
            figure: SurvivorFigure::Derl,
            value: Periods(r.derl, period),
            formula: vec![
                Text("("),
                b,
                Text(" + "),
                n,
                Text(" − 1) / ("),
                a,
                Text(" + "),
                b,
                Text(" + "),
                n,
                Text(" − 1) × ₂F₁(1, "),
                b,
                Text(" + "),
                n,
                Text("; "),
                a,
                Text(" + "),
                b,
                Text(" + "),
                n,
                Text("; 1 / (1 + "),
                d,
                Text("))"),
            ],
            constant: Periods(r.constant_derl, period),
            verdict: None,
            advice: vec![MemberAdvice::Loyalty, MemberAdvice::Upgrade],
        });
    }
    if let (Some(clv), Some(constant), Some(fee)) =
        (report.clv, report.constant_clv, report.options.fee)
    {
        let mut formula = vec![Value(Money(fee)), Text(" × ")];
        if let Some(margin) = report.options.margin {
            formula.extend([Value(Percent(margin)), Text(" × ")]);
        }
        formula.push(Value(Periods(report.del, period)));
        out.push(SurvivorExplanation {
            figure: SurvivorFigure::Clv,
            value: Money(clv),
            formula,
            constant: Money(constant),
            verdict: None,
            advice: vec![MemberAdvice::AnnualPlans, MemberAdvice::Pricing],
        });
    }
    out
}
