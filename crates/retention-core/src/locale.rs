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

    /// The currency someone reading this locale most likely means, from their browser's
    /// language tags in order: the region of the first tag in this language that names a
    /// currency the calculator shows ([`Currency::of_region`]), else
    /// [`Locale::default_currency`]. So `en-GB` reads pounds in English and euros in Dutch.
    ///
    /// ```
    /// use retention_core::{Currency, Locale};
    /// assert_eq!(Locale::En.currency_for(["en-GB", "nl"]), Currency::Gbp);
    /// assert_eq!(Locale::Nl.currency_for(["en-GB", "nl"]), Currency::Eur);
    /// assert_eq!(Locale::En.currency_for(["nl-NL", "en-IE"]), Currency::Eur);
    /// assert_eq!(Locale::En.currency_for(["en-AU", "en"]), Currency::Usd);
    /// ```
    pub fn currency_for<'a>(self, tags: impl IntoIterator<Item = &'a str>) -> Currency {
        tags.into_iter()
            .filter(|tag| Locale::from_tag(tag) == Some(self))
            .find_map(Currency::of_region)
            .unwrap_or(self.default_currency())
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

/// The countries whose currency is the euro, as of 2026 (ISO 3166 codes; Bulgaria from
/// 1 January 2026).
const EURO_AREA: [&str; 21] = [
    "AT", "BE", "BG", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PT", "SI", "SK",
];

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

    /// The currency of the region a language tag names, among the three the calculator
    /// shows: `en-GB` the pound, `nl-BE` or `en-IE` the euro (the euro area of 2026),
    /// `en-US` the dollar. `None` for a tag without a region, or a region with another
    /// currency.
    ///
    /// ```
    /// use retention_core::Currency;
    /// assert_eq!(Currency::of_region("en-GB"), Some(Currency::Gbp));
    /// assert_eq!(Currency::of_region("nl_be"), Some(Currency::Eur));
    /// assert_eq!(Currency::of_region("en-Latn-US"), Some(Currency::Usd));
    /// assert_eq!(Currency::of_region("en"), None);
    /// assert_eq!(Currency::of_region("en-AU"), None);
    /// assert_eq!(Currency::of_region("es-419"), None);
    /// ```
    pub fn of_region(tag: &str) -> Option<Currency> {
        let region = tag
            .trim()
            .split(['-', '_'])
            .skip(1)
            .find(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))?
            .to_ascii_uppercase();
        match region.as_str() {
            "GB" => Some(Currency::Gbp),
            "US" => Some(Currency::Usd),
            r if EURO_AREA.contains(&r) => Some(Currency::Eur),
            _ => None,
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
