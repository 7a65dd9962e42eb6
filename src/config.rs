//! How a calculator is set up by the page that holds it: `data-*` attributes on its element,
//! then the page URL's `?query`, then a `#v=1&...` share link (later ones win).

use retention_core::{Currency, Figure, Inputs, Locale};
use web_sys::Element;

use crate::settings::{parse_pairs, read, Notice, Pairs, Section, Settings, Source};

/// The settings of one calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub locale: Locale,
    /// `None` follows the language: EUR for Dutch, USD for English.
    pub currency: Option<Currency>,
    /// The numbers the calculator opens with.
    pub inputs: Inputs,
    /// The figures to show; `None` shows them all.
    pub outputs: Option<Vec<Figure>>,
    /// The sections to show when `outputs` is given.
    pub sections: Vec<Section>,
    /// A title instead of the default one.
    pub title: Option<String>,
    /// Settings that could not be used, to show once.
    pub notices: Vec<Notice>,
    /// Names this calculator in share links when the page holds several (`calc=2`).
    pub calc: Option<String>,
    /// Keep the page URL's hash in step with the inputs (the stand-alone page does).
    pub sync_url: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            locale: Locale::default(),
            currency: None,
            inputs: Inputs::example(),
            outputs: None,
            sections: Vec::new(),
            title: None,
            notices: Vec::new(),
            calc: None,
            sync_url: false,
        }
    }
}

impl Config {
    /// The configuration of the calculator on `element`, the `index`-th of `count` on the page.
    pub fn from_element(element: &Element, index: usize, count: usize) -> Config {
        let browser = browser_locale();
        let (attrs, mut notices) = read(&data_attributes(element), Source::Attributes, browser);
        let id = match element.id() {
            id if !id.is_empty() => id,
            _ => (index + 1).to_string(),
        };
        let (query, hash) = url_pairs();
        let calc_of = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == "calc")
                .map(|(_, v)| v.clone())
        };
        let wanted = calc_of(&hash).or_else(|| calc_of(&query));
        let url_applies = match wanted {
            Some(calc) => calc == id,
            None => index == 0,
        };
        let mut settings = attrs;
        if url_applies {
            let fallback = settings.locale.unwrap_or(browser);
            let (q, n) = read(&query, Source::Query, fallback);
            settings = q.over(settings);
            notices.extend(n);
            if !hash.is_empty() {
                let (h, n) = read(
                    &hash,
                    Source::ShareLink,
                    settings.locale.unwrap_or(fallback),
                );
                settings = h.over(settings);
                notices.extend(n);
            }
        }
        Config::from_settings(
            settings,
            browser,
            notices,
            (count > 1).then_some(id),
            element.has_attribute("data-sync-url"),
        )
    }

    fn from_settings(
        s: Settings,
        browser: Locale,
        notices: Vec<Notice>,
        calc: Option<String>,
        sync_url: bool,
    ) -> Config {
        Config {
            locale: s.locale.unwrap_or(browser),
            currency: s.currency,
            inputs: s.inputs(Inputs::example()),
            outputs: s.outputs.clone(),
            sections: s.sections.clone(),
            title: s.title.clone(),
            notices,
            calc,
            sync_url,
        }
    }

    /// Whether `figure` is to be shown.
    pub fn shows(&self, figure: Figure) -> bool {
        self.outputs.as_ref().is_none_or(|o| o.contains(&figure))
    }

    /// Whether `section` is to be shown: all are, unless `outputs` leaves them out.
    pub fn shows_section(&self, section: Section) -> bool {
        self.outputs.is_none() || self.sections.contains(&section)
    }
}

/// The element's `data-*` attributes as (name without `data-`, value).
fn data_attributes(element: &Element) -> Pairs {
    element
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .filter_map(|name| {
            let key = name.strip_prefix("data-")?.to_string();
            Some((key, element.get_attribute(&name).unwrap_or_default()))
        })
        .collect()
}

/// The page URL's query pairs, and its hash pairs when the hash is a share link (`#v=...`);
/// any other hash is the page's own anchor and is left alone.
fn url_pairs() -> (Pairs, Pairs) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return (Vec::new(), Vec::new());
    };
    let query = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let hash = hash.trim_start_matches('#');
    let hash_pairs = if hash.starts_with("v=") {
        parse_pairs(hash)
    } else {
        Vec::new()
    };
    (parse_pairs(query.trim_start_matches('?')), hash_pairs)
}

/// The first browser language the calculator speaks, else English.
pub fn browser_locale() -> Locale {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Locale::En;
    };
    navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .find_map(|tag| Locale::from_tag(&tag))
        .unwrap_or(Locale::En)
}
