//! The checks every calculator makes on a number someone typed (the shop, members and NPS
//! calculators): empty, not a number, negative, a fraction of a person, over the field's limit,
//! not a percentage. Each error type keeps its own variants; the rules and their wording live
//! here once.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// What is wrong with one typed number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Problem {
    /// The field is empty.
    Missing,
    /// The text is not a number.
    NotANumber,
    /// Below zero.
    Negative,
    /// A fraction where whole people are counted.
    NotWhole,
    /// Above the field's limit.
    TooLarge(f64),
    /// Outside 0–100 %.
    NotAPercentage,
}

impl Problem {
    /// The stable camelCase code of the JS API.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::NotANumber => "notANumber",
            Problem::Negative => "negative",
            Problem::NotWhole => "notWhole",
            Problem::TooLarge(_) => "tooLarge",
            Problem::NotAPercentage => "notAPercentage",
        }
    }

    /// The lowercase message for `field`, whose counts are of `whole` ("customers").
    pub fn write(
        self,
        f: &mut fmt::Formatter<'_>,
        field: &dyn fmt::Display,
        whole: &str,
    ) -> fmt::Result {
        match self {
            Problem::Missing => write!(f, "{field} is required"),
            Problem::NotANumber => write!(f, "{field} is not a number"),
            Problem::Negative => write!(f, "{field} cannot be negative"),
            Problem::NotWhole => write!(f, "{field} must be a whole number of {whole}"),
            Problem::TooLarge(max) => write!(f, "{field} must be at most {max}"),
            Problem::NotAPercentage => write!(f, "{field} must be between 0 and 100 percent"),
        }
    }
}

/// A number that was entered, is a number and is at most `max`; `None` when empty.
pub(crate) fn present(value: Option<f64>, max: f64) -> Result<Option<f64>, Problem> {
    match value {
        None => Ok(None),
        Some(v) if v.is_nan() => Err(Problem::NotANumber),
        Some(v) if v > max => Err(Problem::TooLarge(max)),
        Some(v) => Ok(Some(v)),
    }
}

/// [`present`], and not below zero.
pub(crate) fn non_negative(value: Option<f64>, max: f64) -> Result<Option<f64>, Problem> {
    match present(value, max)? {
        Some(v) if v < 0.0 => Err(Problem::Negative),
        other => Ok(other),
    }
}

/// A required whole number from 0 to `max` (at most 1e10, so the conversion is exact).
pub(crate) fn count(value: Option<f64>, max: f64) -> Result<u64, Problem> {
    let v = non_negative(value, max)?.ok_or(Problem::Missing)?;
    if v.fract() != 0.0 {
        return Err(Problem::NotWhole);
    }
    Ok(v as u64)
}

/// An optional percentage from 0 to 100.
pub(crate) fn percentage(value: Option<f64>) -> Result<Option<f64>, Problem> {
    match non_negative(value, 100.0) {
        Err(Problem::TooLarge(_) | Problem::Negative) => Err(Problem::NotAPercentage),
        other => other,
    }
}

/// Writes an input error as `{ code, field, message }`, plus `max` for a limit: the one shape
/// of every calculator's input errors in the JS API.
pub(crate) fn serialize_error<S: Serializer>(
    serializer: S,
    name: &'static str,
    code: &'static str,
    field: &impl Serialize,
    message: String,
    max: Option<f64>,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_struct(name, 3 + usize::from(max.is_some()))?;
    out.serialize_field("code", code)?;
    out.serialize_field("field", field)?;
    out.serialize_field("message", &message)?;
    if let Some(max) = max {
        out.serialize_field("max", &max)?;
    }
    out.end()
}
