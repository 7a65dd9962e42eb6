//! `calculate`'s input object: numbers as JS numbers or as text in the object's own locale.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::{DEFAULT_LOCALE, EXPECTED_INPUT};
use crate::{read_number, Field, Inputs, Locale};

/// The keys `calculate` reads; any other key of the input object is ignored.
const INPUT_KEYS: &[&str] = &[
    "start",
    "end",
    "new",
    "spend",
    "frequency",
    "margin",
    "lifespan",
    "discountRate",
    "cac",
    "period",
    "locale",
];

/// `calculate`'s input: the core's [`Inputs`], read from a JS object whose numbers may be
/// text in the object's own `locale`.
pub(super) struct JsInput(pub(super) Inputs);

impl<'de> Deserialize<'de> for JsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Input", INPUT_KEYS, InputVisitor)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = JsInput;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED_INPUT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsInput, A::Error> {
        let mut numbers = Vec::new();
        let mut period = None;
        let mut locale = None;
        while let Some(key) = map.next_key::<String>()? {
            // Name the key, so the message says which field is wrong.
            let named = |e: A::Error| de::Error::custom(format_args!("{key}: {e}"));
            match key.as_str() {
                "period" => period = map.next_value().map_err(named)?,
                "locale" => locale = map.next_value().map_err(named)?,
                name => match Field::ALL.into_iter().find(|f| f.name() == name) {
                    Some(field) => numbers.push((field, map.next_value().map_err(named)?)),
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        // Text is read once the locale is known, wherever it came in the object.
        let locale = locale.unwrap_or(DEFAULT_LOCALE);
        let mut inputs = Inputs {
            period: period.unwrap_or_default(),
            ..Inputs::default()
        };
        for (field, number) in numbers {
            inputs.set(field, JsNumber::read(number, locale));
        }
        Ok(JsInput(inputs))
    }
}

/// One number of the input, as the caller gave it.
pub(super) enum JsNumber {
    Value(f64),
    Text(String),
    Empty,
}

impl JsNumber {
    /// The core's reading: `None` for empty, `NaN` for text that is not a number.
    pub(super) fn read(self, locale: Locale) -> Option<f64> {
        match self {
            JsNumber::Value(v) => Some(v),
            JsNumber::Text(text) => read_number(&text, locale),
            JsNumber::Empty => None,
        }
    }
}

impl<'de> Deserialize<'de> for JsNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = JsNumber;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, a string or null")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsNumber, E> {
        Ok(JsNumber::Value(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<JsNumber, E> {
        Ok(JsNumber::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<JsNumber, E> {
        Ok(JsNumber::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<JsNumber, E> {
        Ok(JsNumber::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<JsNumber, E> {
        Ok(JsNumber::Empty)
    }
}
