//! Languages and currencies the calculator speaks.

use serde::{Deserialize, Serialize};

/// The language and number habits of the output.
///
/// `Nl` writes `1.234,56` and `€ 1.234,56`; `En` writes `1,234.56` and `$1,234.56`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Dutch (nl-NL).
    #[default]
    Nl,
    /// English (en-US number habits).
    En,
}

impl Locale {
    /// Every supported locale, in menu order.
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    /// The BCP 47 tag, as `Intl.NumberFormat` and the `lang` attribute want it.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Nl => "nl-NL",
            Locale::En => "en-US",
        }
    }

    /// The two-letter code used in URLs and data attributes.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    /// Picks a locale from a language tag such as `nl-BE` or `en-GB`.
    ///
    /// Returns `None` for languages the calculator does not speak.
    ///
    /// ```
    /// use retention_core::Locale;
    /// assert_eq!(Locale::from_tag("nl-BE"), Some(Locale::Nl));
    /// assert_eq!(Locale::from_tag("EN"), Some(Locale::En));
    /// assert_eq!(Locale::from_tag("de-DE"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lang = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match lang.as_str() {
            "nl" => Some(Locale::Nl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// `nl` or `en`, whichever is this locale's: the one way the calculator chooses its words.
    ///
    /// ```
    /// use retention_core::Locale;
    /// assert_eq!(Locale::Nl.pick("jaar", "years"), "jaar");
    /// assert_eq!(Locale::En.pick(1, 2), 2);
    /// ```
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Locale::Nl => nl,
            Locale::En => en,
        }
    }

    /// The currency people using this locale most likely mean.
    pub fn default_currency(self) -> Currency {
        match self {
            Locale::Nl => Currency::Eur,
            Locale::En => Currency::Usd,
        }
    }

    /// The decimal separator.
    pub fn decimal_separator(self) -> char {
        match self {
            Locale::Nl => ',',
            Locale::En => '.',
        }
    }

    /// The thousands (grouping) separator.
    pub fn group_separator(self) -> char {
        match self {
            Locale::Nl => '.',
            Locale::En => ',',
        }
    }
}

/// The currency of money amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Euro.
    #[default]
    Eur,
    /// US dollar.
    Usd,
    /// Pound sterling.
    Gbp,
}

impl Currency {
    /// Every supported currency, in menu order.
    pub const ALL: [Currency; 3] = [Currency::Eur, Currency::Usd, Currency::Gbp];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
        }
    }

    /// Parses an ISO 4217 code, ignoring case.
    ///
    /// ```
    /// use retention_core::Currency;
    /// assert_eq!(Currency::from_code("eur"), Some(Currency::Eur));
    /// assert_eq!(Currency::from_code("JPY"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The symbol as `Intl.NumberFormat` writes it for this locale.
    pub fn symbol(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Currency::Eur, _) => "€",
            (Currency::Usd, Locale::En) => "$",
            (Currency::Usd, Locale::Nl) => "US$",
            (Currency::Gbp, _) => "£",
        }
    }
}
