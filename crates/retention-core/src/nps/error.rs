//! What can be wrong with a survey's numbers.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::check::Problem;

/// An input of the NPS calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NpsField {
    /// How many answered 9 or 10.
    Promoters,
    /// How many answered 7 or 8.
    Passives,
    /// How many answered 0 to 6.
    Detractors,
    /// The raw 0–10 answers.
    Answers,
    /// The change in NPS points a next survey should be able to show.
    Change,
}

impl NpsField {
    /// The three counts, in form order.
    pub const COUNTS: [NpsField; 3] = [
        NpsField::Promoters,
        NpsField::Passives,
        NpsField::Detractors,
    ];

    /// The camelCase name used in the JS API and in messages.
    pub fn name(self) -> &'static str {
        match self {
            NpsField::Promoters => "promoters",
            NpsField::Passives => "passives",
            NpsField::Detractors => "detractors",
            NpsField::Answers => "answers",
            NpsField::Change => "change",
        }
    }
}

impl fmt::Display for NpsField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mistake in a survey's numbers.
///
/// The messages are lowercase English for logs, the CLI and the JS API; the app words each
/// variant itself. Serializes as `{ code, field, message }` (`field` is `null` for a mistake
/// of the survey as a whole), plus `max`, `index` or `value` where the variant has them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NpsError {
    /// A count is empty.
    Missing {
        /// The empty count.
        field: NpsField,
    },
    /// The text is not a number.
    NotANumber {
        /// The field holding the text.
        field: NpsField,
    },
    /// A count below zero.
    Negative {
        /// The negative count.
        field: NpsField,
    },
    /// A fraction of a respondent.
    NotWhole {
        /// The count with a fraction.
        field: NpsField,
    },
    /// More respondents than any survey has: a typing mistake.
    TooLarge {
        /// The count over the limit.
        field: NpsField,
        /// The limit, [`MAX_RESPONDENTS`](crate::MAX_RESPONDENTS).
        max: f64,
    },
    /// Promoters, passives and detractors are all zero: no one answered.
    NoRespondents,
    /// Pasted or imported answers hold no score from 0 to 10.
    NoAnswers,
    /// A score below 0 or above 10.
    ScoreOutOfRange {
        /// Where in the list of scores, counting from 0.
        index: usize,
        /// The score.
        value: f64,
    },
    /// A score with a fraction, such as 7.5: the question has whole steps 0 to 10.
    ScoreNotWhole {
        /// Where in the list of scores, counting from 0.
        index: usize,
        /// The score.
        value: f64,
    },
    /// A score that is not a number (NaN).
    ScoreNotANumber {
        /// Where in the list of scores, counting from 0.
        index: usize,
    },
    /// The change to plan for is not more than 0 and at most 200 points.
    ChangeOutOfRange {
        /// The change asked for.
        value: f64,
    },
}

impl NpsError {
    /// The field the message belongs next to; `None` for the survey as a whole.
    pub fn field(&self) -> Option<NpsField> {
        match *self {
            NpsError::Missing { field }
            | NpsError::NotANumber { field }
            | NpsError::Negative { field }
            | NpsError::NotWhole { field }
            | NpsError::TooLarge { field, .. } => Some(field),
            NpsError::NoRespondents => None,
            NpsError::NoAnswers => Some(NpsField::Answers),
            NpsError::ScoreOutOfRange { .. }
            | NpsError::ScoreNotWhole { .. }
            | NpsError::ScoreNotANumber { .. } => Some(NpsField::Answers),
            NpsError::ChangeOutOfRange { .. } => Some(NpsField::Change),
        }
    }

    /// A stable camelCase identifier, e.g. `noRespondents`.
    pub fn code(&self) -> &'static str {
        if let Some((_, problem)) = self.problem() {
            return problem.code();
        }
        match self {
            NpsError::NoRespondents => "noRespondents",
            NpsError::NoAnswers => "noAnswers",
            NpsError::ScoreOutOfRange { .. } => "scoreOutOfRange",
            NpsError::ScoreNotWhole { .. } => "scoreNotWhole",
            NpsError::ScoreNotANumber { .. } => "scoreNotANumber",
            NpsError::ChangeOutOfRange { .. } => "changeOutOfRange",
            _ => unreachable!("every shared problem returned above"),
        }
    }

    /// The field and its problem, for the mistakes every calculator shares.
    fn problem(&self) -> Option<(NpsField, Problem)> {
        let (field, problem) = match *self {
            NpsError::Missing { field } => (field, Problem::Missing),
            NpsError::NotANumber { field } => (field, Problem::NotANumber),
            NpsError::Negative { field } => (field, Problem::Negative),
            NpsError::NotWhole { field } => (field, Problem::NotWhole),
            NpsError::TooLarge { field, max } => (field, Problem::TooLarge(max)),
            NpsError::NoRespondents
            | NpsError::NoAnswers
            | NpsError::ScoreOutOfRange { .. }
            | NpsError::ScoreNotWhole { .. }
            | NpsError::ScoreNotANumber { .. }
            | NpsError::ChangeOutOfRange { .. } => return None,
        };
        Some((field, problem))
    }

    /// The error for a count `field` with a shared problem (a count is never a percentage).
    pub(crate) fn of(field: NpsField, problem: Problem) -> NpsError {
        match problem {
            Problem::Missing => NpsError::Missing { field },
            Problem::NotANumber => NpsError::NotANumber { field },
            Problem::Negative | Problem::NotAPercentage => NpsError::Negative { field },
            Problem::NotWhole => NpsError::NotWhole { field },
            Problem::TooLarge(max) => NpsError::TooLarge { field, max },
        }
    }
}

impl fmt::Display for NpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((field, problem)) = self.problem() {
            return problem.write(f, &field, "respondents");
        }
        match self {
            NpsError::NoRespondents => {
                f.write_str("promoters, passives and detractors are all zero: no one answered")
            }
            NpsError::NoAnswers => f.write_str("no answer from 0 to 10 was found"),
            NpsError::ScoreOutOfRange { index, value } => {
                write!(
                    f,
                    "score {value} at position {index} is not between 0 and 10"
                )
            }
            NpsError::ScoreNotWhole { index, value } => {
                write!(f, "score {value} at position {index} is not a whole number")
            }
            NpsError::ScoreNotANumber { index } => {
                write!(f, "score at position {index} is not a number")
            }
            NpsError::ChangeOutOfRange { value } => write!(
                f,
                "change must be more than 0 and at most 200 points, not {value}"
            ),
            _ => unreachable!("every shared problem returned above"),
        }
    }
}

impl std::error::Error for NpsError {}

impl Serialize for NpsError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("NpsError", 5)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("field", &self.field())?;
        out.serialize_field("message", &self.to_string())?;
        match *self {
            NpsError::TooLarge { max, .. } => out.serialize_field("max", &max)?,
            NpsError::ScoreOutOfRange { index, value }
            | NpsError::ScoreNotWhole { index, value } => {
                out.serialize_field("index", &index)?;
                out.serialize_field("value", &value)?;
            }
            NpsError::ScoreNotANumber { index } => out.serialize_field("index", &index)?,
            NpsError::ChangeOutOfRange { value } => out.serialize_field("value", &value)?,
            _ => {}
        }
        out.end()
    }
}
