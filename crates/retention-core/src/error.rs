//! What can be wrong with the numbers someone typed.

use std::fmt;

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::check::{self, Problem};

/// An input of the calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// S: customers at the start of the period.
    Start,
    /// E: customers at the end of the period.
    End,
    /// N: new customers won during the period.
    New,
    /// Average spend per purchase.
    Spend,
    /// Purchases per customer per year.
    Frequency,
    /// Gross margin in percent (optional).
    Margin,
    /// Expected customer lifespan in years (optional; otherwise estimated from churn).
    Lifespan,
    /// Yearly discount rate in percent, for discounted CLV (optional).
    DiscountRate,
    /// Customer acquisition cost: what winning one customer costs (optional).
    Cac,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 9] = [
        Field::Start,
        Field::End,
        Field::New,
        Field::Spend,
        Field::Frequency,
        Field::Margin,
        Field::Lifespan,
        Field::DiscountRate,
        Field::Cac,
    ];

    /// The camelCase name used in the JS API, URLs and error messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Start => "start",
            Field::End => "end",
            Field::New => "new",
            Field::Spend => "spend",
            Field::Frequency => "frequency",
            Field::Margin => "margin",
            Field::Lifespan => "lifespan",
            Field::DiscountRate => "discountRate",
            Field::Cac => "cac",
        }
    }

    /// Whether the field counts customers, so must be a whole number.
    pub fn is_count(self) -> bool {
        matches!(self, Field::Start | Field::End | Field::New)
    }

    /// The largest value the calculator accepts in this field.
    ///
    /// Anything above is a typing mistake rather than a business, and the limits keep every
    /// result finite.
    pub fn max(self) -> f64 {
        match self {
            Field::Start | Field::End | Field::New => 1e10,
            Field::Spend | Field::Cac => 1e9,
            Field::Frequency => 10_000.0,
            Field::Margin | Field::DiscountRate => 100.0,
            Field::Lifespan => 100.0,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mistake in the inputs, tied to the field it concerns.
///
/// The messages are lowercase English for logs and the JS API; the app shows its own
/// translated text for each variant.
///
/// Serializes as `{ code, field, message }`, plus `max` for [`InputError::TooLarge`]: the
/// same shape for every variant, so JS can show any mistake next to its field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputError {
    /// A required field is empty.
    Missing {
        /// The empty field.
        field: Field,
    },
    /// The text is not a number.
    NotANumber {
        /// The field holding the text.
        field: Field,
    },
    /// A count or amount below zero.
    Negative {
        /// The negative field.
        field: Field,
    },
    /// A fraction of a customer.
    NotWhole {
        /// The count with a fraction.
        field: Field,
    },
    /// Zero or less where only a positive value makes sense.
    NotPositive {
        /// The field at or below zero.
        field: Field,
    },
    /// More than [`Field::max`]: a typing mistake rather than a business.
    TooLarge {
        /// The field over its limit.
        field: Field,
        /// The limit.
        max: f64,
    },
    /// S is zero: there is no one to retain.
    StartIsZero,
    /// N is larger than E: more new customers than customers at the end.
    NewExceedsEnd,
    /// E − N is larger than S: more customers kept than there were at the start.
    RetainedExceedsStart,
    /// A percentage outside 0–100 %.
    NotAPercentage {
        /// The margin or discount rate.
        field: Field,
    },
    /// No customer left this period, so churn cannot give a lifespan: one must be entered.
    LifespanNeeded,
}

impl InputError {
    /// The field the message belongs next to.
    pub fn field(&self) -> Field {
        match *self {
            InputError::Missing { field }
            | InputError::NotANumber { field }
            | InputError::Negative { field }
            | InputError::NotWhole { field }
            | InputError::NotPositive { field }
            | InputError::NotAPercentage { field }
            | InputError::TooLarge { field, .. } => field,
            InputError::StartIsZero => Field::Start,
            InputError::NewExceedsEnd => Field::New,
            InputError::RetainedExceedsStart => Field::End,
            InputError::LifespanNeeded => Field::Lifespan,
        }
    }

    /// A stable camelCase identifier, e.g. `newExceedsEnd`.
    pub fn code(&self) -> &'static str {
        if let Some((_, problem)) = self.problem() {
            return problem.code();
        }
        match self {
            InputError::NotPositive { .. } => "notPositive",
            InputError::StartIsZero => "startIsZero",
            InputError::NewExceedsEnd => "newExceedsEnd",
            InputError::RetainedExceedsStart => "retainedExceedsStart",
            InputError::LifespanNeeded => "lifespanNeeded",
            _ => unreachable!("every shared problem returned above"),
        }
    }

    /// The field and its problem, for the mistakes every calculator shares.
    fn problem(&self) -> Option<(Field, Problem)> {
        let (field, problem) = match *self {
            InputError::Missing { field } => (field, Problem::Missing),
            InputError::NotANumber { field } => (field, Problem::NotANumber),
            InputError::Negative { field } => (field, Problem::Negative),
            InputError::NotWhole { field } => (field, Problem::NotWhole),
            InputError::TooLarge { field, max } => (field, Problem::TooLarge(max)),
            InputError::NotAPercentage { field } => (field, Problem::NotAPercentage),
            InputError::NotPositive { .. }
            | InputError::StartIsZero
            | InputError::NewExceedsEnd
            | InputError::RetainedExceedsStart
            | InputError::LifespanNeeded => return None,
        };
        Some((field, problem))
    }

    /// The error for `field` with a shared problem.
    pub(crate) fn of(field: Field, problem: Problem) -> InputError {
        match problem {
            Problem::Missing => InputError::Missing { field },
            Problem::NotANumber => InputError::NotANumber { field },
            Problem::Negative => InputError::Negative { field },
            Problem::NotWhole => InputError::NotWhole { field },
            Problem::TooLarge(max) => InputError::TooLarge { field, max },
            Problem::NotAPercentage => InputError::NotAPercentage { field },
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((field, problem)) = self.problem() {
            return problem.write(f, &field, "customers");
        }
        f.write_str(match self {
            InputError::NotPositive { field } => {
                return write!(f, "{field} must be more than zero")
            }
            InputError::StartIsZero => "start must be more than zero customers",
            InputError::NewExceedsEnd => "new customers cannot exceed customers at the end",
            InputError::RetainedExceedsStart => {
                "end minus new cannot exceed start: more customers kept than there were"
            }
            InputError::LifespanNeeded => {
                "no customer was lost, so enter an expected lifespan in years"
            }
            _ => unreachable!("every shared problem returned above"),
        })
    }
}

impl std::error::Error for InputError {}

impl Serialize for InputError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let max = match *self {
            InputError::TooLarge { max, .. } => Some(max),
            _ => None,
        };
        let message = self.to_string();
        check::serialize_error(
            serializer,
            "InputError",
            self.code(),
            &self.field(),
            message,
            max,
        )
    }
}
