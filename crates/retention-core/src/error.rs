//! What can be wrong with the numbers someone typed.

use std::fmt;

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

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
        match self {
            InputError::Missing { .. } => "missing",
            InputError::NotANumber { .. } => "notANumber",
            InputError::Negative { .. } => "negative",
            InputError::NotWhole { .. } => "notWhole",
            InputError::NotPositive { .. } => "notPositive",
            InputError::TooLarge { .. } => "tooLarge",
            InputError::StartIsZero => "startIsZero",
            InputError::NewExceedsEnd => "newExceedsEnd",
            InputError::RetainedExceedsStart => "retainedExceedsStart",
            InputError::NotAPercentage { .. } => "notAPercentage",
            InputError::LifespanNeeded => "lifespanNeeded",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Missing { field } => write!(f, "{field} is required"),
            InputError::NotANumber { field } => write!(f, "{field} is not a number"),
            InputError::Negative { field } => write!(f, "{field} cannot be negative"),
            InputError::NotWhole { field } => {
                write!(f, "{field} must be a whole number of customers")
            }
            InputError::NotPositive { field } => write!(f, "{field} must be more than zero"),
            InputError::TooLarge { field, max } => write!(f, "{field} must be at most {max}"),
            InputError::StartIsZero => f.write_str("start must be more than zero customers"),
            InputError::NewExceedsEnd => {
                f.write_str("new customers cannot exceed customers at the end")
            }
            InputError::RetainedExceedsStart => f.write_str(
                "end minus new cannot exceed start: more customers kept than there were",
            ),
            InputError::NotAPercentage { field } => {
                write!(f, "{field} must be between 0 and 100 percent")
            }
            InputError::LifespanNeeded => {
                f.write_str("no customer was lost, so enter an expected lifespan in years")
            }
        }
    }
}

impl std::error::Error for InputError {}

impl Serialize for InputError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let max = match *self {
            InputError::TooLarge { max, .. } => Some(max),
            _ => None,
        };
        let len = if max.is_some() { 4 } else { 3 };
        let mut out = serializer.serialize_struct("InputError", len)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("field", &self.field())?;
        out.serialize_field("message", &self.to_string())?;
        if let Some(max) = max {
            out.serialize_field("max", &max)?;
        }
        out.end()
    }
}
