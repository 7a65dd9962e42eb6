//! Reading `--flag value`, `--flag=value` and `--switch` by hand: two commands and a dozen
//! flags do not need an argument-parsing crate.

use std::collections::HashMap;

use retention_core::{read_number, Currency, Date, Locale, Period};

use crate::Failure;

/// The arguments of one command.
#[derive(Debug, Default)]
pub struct Args {
    /// Arguments that are not flags, in order.
    pub positional: Vec<String>,
    values: HashMap<String, String>,
    switches: Vec<String>,
}

/// The flag of a field: its camelCase name in kebab case, `discountRate` → `discount-rate`.
pub fn flag(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

impl Args {
    /// Splits `args` into flags with a value (`valued`), flags without (`switches`) and
    /// positional arguments. `--help` is left to the caller as a switch.
    pub fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Args, Failure> {
        let mut out = Args::default();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                out.positional.push(arg.clone());
                continue;
            };
            let (name, inline) = match flag.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (flag, None),
            };
            if let Some(&known) = valued.iter().find(|v| **v == name) {
                // The next argument is the value even if it starts with '-': "--start -5".
                let value = match inline {
                    Some(v) => v,
                    None => rest
                        .next()
                        .cloned()
                        .ok_or_else(|| Failure::Usage(format!("--{name} needs a value")))?,
                };
                if out.values.insert(known.to_string(), value).is_some() {
                    return Err(Failure::Usage(format!("--{name} is given twice")));
                }
            } else if let Some(&known) = switches.iter().find(|s| **s == name) {
                if inline.is_some() {
                    return Err(Failure::Usage(format!("--{name} takes no value")));
                }
                out.switches.push(known.to_string());
            } else {
                return Err(Failure::Usage(format!("unknown option '{arg}'")));
            }
        }
        Ok(out)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn has(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// `--locale nl|en`, or `default`.
    pub fn locale(&self, default: Locale) -> Result<Locale, Failure> {
        match self.value("locale") {
            None => Ok(default),
            Some(text) => match text.trim().to_ascii_lowercase().as_str() {
                "nl" => Ok(Locale::Nl),
                "en" => Ok(Locale::En),
                _ => Err(Failure::Usage(format!(
                    "--locale must be nl or en, not '{text}'"
                ))),
            },
        }
    }

    /// The numbers of a calculator's fields, each from its flag ([`flag`]), read as typed in
    /// `locale`: "1.000" is a thousand with --locale nl.
    pub fn typed<F: Copy>(
        &self,
        fields: &[F],
        name: impl Fn(F) -> &'static str,
        locale: Locale,
    ) -> Vec<(F, Option<f64>)> {
        fields
            .iter()
            .map(|&f| {
                (
                    f,
                    self.value(&flag(name(f)))
                        .and_then(|t| read_number(t, locale)),
                )
            })
            .collect()
    }

    /// `--currency EUR|USD|GBP`, or the currency of `locale`.
    pub fn currency(&self, locale: Locale) -> Result<Currency, Failure> {
        match self.value("currency") {
            None => Ok(locale.default_currency()),
            Some(code) => Currency::from_code(code).ok_or_else(|| {
                Failure::Usage(format!("--currency must be EUR, USD or GBP, not '{code}'"))
            }),
        }
    }

    /// `--period month|quarter|year`, or `default`.
    pub fn period(&self, default: Period) -> Result<Period, Failure> {
        self.period_flag("period", default)
    }

    /// A flag `name` naming a period: month, quarter or year; or `default`.
    pub fn period_flag(&self, name: &str, default: Period) -> Result<Period, Failure> {
        match self.value(name) {
            None => Ok(default),
            Some(text) => Period::from_name(text).ok_or_else(|| {
                Failure::Usage(format!(
                    "--{name} must be month, quarter or year, not '{text}'"
                ))
            }),
        }
    }

    /// A date flag `name`, yyyy-mm-dd; `None` when absent.
    pub fn date(&self, name: &str) -> Result<Option<Date>, Failure> {
        self.value(name)
            .map(|text| {
                text.parse::<Date>().map_err(|_| {
                    Failure::Usage(format!("--{name} must be a date yyyy-mm-dd, not '{text}'"))
                })
            })
            .transpose()
    }

    /// A number flag (finite); `None` when absent.
    pub fn number(&self, name: &str) -> Result<Option<f64>, Failure> {
        self.value(name)
            .map(|text| {
                text.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        Failure::Usage(format!("--{name} must be a number, not '{text}'"))
                    })
            })
            .transpose()
    }

    /// A whole number flag, or `default`.
    pub fn whole(&self, name: &str, default: u32) -> Result<u32, Failure> {
        match self.value(name) {
            None => Ok(default),
            Some(text) => text.trim().parse().map_err(|_| {
                Failure::Usage(format!("--{name} must be a whole number, not '{text}'"))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_switches_and_positionals() {
        let args = Args::parse(
            &strings(&["file.csv", "--window=6", "--start", "-5", "--json"]),
            &["window", "start"],
            &["json"],
        )
        .unwrap();
        assert_eq!(args.positional, ["file.csv"]);
        assert_eq!(args.value("window"), Some("6"));
        assert_eq!(args.value("start"), Some("-5"));
        assert!(args.has("json"));
        assert!(!args.has("help"));
    }

    #[test]
    fn a_fields_flag_is_its_name_in_kebab_case() {
        assert_eq!(flag("start"), "start");
        assert_eq!(flag("discountRate"), "discount-rate");
    }

    #[test]
    fn mistakes_are_usage_errors() {
        let fails = |args: &[&str]| {
            matches!(
                Args::parse(&strings(args), &["start"], &["json"]),
                Err(Failure::Usage(_))
            )
        };
        assert!(fails(&["--bogus"]));
        assert!(fails(&["--start"]));
        assert!(fails(&["--start", "1", "--start", "2"]));
        assert!(fails(&["--json=yes"]));
    }
}
