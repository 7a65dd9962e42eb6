//! How a calculator is set up by the page that holds it: `data-*` attributes on its element,
//! then the page URL's `?query`, then a `#v=1&...` share link (later ones win). A host page
//! turns the URL off for a calculator with `data-url="off"`.

use retention_core::{Currency, Figure, Inputs, Locale, MemberInputs};
use web_sys::Element;

use crate::members_state::Mode;
use crate::settings::{cap_notices, parse_pairs, read, share_link, Notice, Pairs, Section, Source};
use crate::state::Followed;

/// The settings of one calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub locale: Locale,
    /// `None` follows the language ([`Followed`]): EUR for Dutch, USD for English, unless
    /// the browser's language tags name a region (`en-GB`: GBP).
    pub currency: Option<Currency>,
    /// The currency that follows each language for this visitor.
    pub followed: Followed,
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
    /// On someone else's page (an element or an iframe): compact, the details folded under
    /// "Meer details", and import, periods and sharing only when `outputs` names them.
    pub embedded: bool,
    /// The host page chose the language: no language switch and no intro.
    pub locale_fixed: bool,
    /// The calculator the page opens with: shop, or members (`mode=members`).
    pub mode: Mode,
    /// The numbers the members calculator opens with.
    pub member_inputs: MemberInputs,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            locale: Locale::default(),
            currency: None,
            followed: Followed::default(),
            inputs: Inputs::example(),
            outputs: None,
            sections: Vec::new(),
            title: None,
            notices: Vec::new(),
            calc: None,
            sync_url: false,
            embedded: false,
            locale_fixed: false,
            mode: Mode::Shop,
            member_inputs: MemberInputs::example(),
        }
    }
}

impl Config {
    /// The configuration of the calculator on `element`, the `index`-th of the calculators
    /// on the page, whose names (element id, else position from 1) are `names`.
    pub fn from_element(element: &Element, index: usize, names: &[String]) -> Config {
        let tags = browser_tags();
        let browser = browser_locale(&tags);
        let (attrs, mut notices) = read(&data_attributes(element), Source::Attributes, browser);
        let name = name(element, index);
        let url_off = element
            .get_attribute("data-url")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("off"));
        let (query, (hash, link_notice)) = if url_off {
            (Vec::new(), (Vec::new(), None))
        } else {
            url_pairs()
        };
        let calc_of = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == "calc")
                .map(|(_, v)| v.clone())
        };
        let wanted = calc_of(&hash).or_else(|| calc_of(&query));
        let first = index == 0;
        let url_applies = match &wanted {
            Some(calc) => *calc == name,
            None => first,
        };
        if first {
            notices.extend(link_notice);
            if let Some(calc) = wanted.filter(|calc| !names.contains(calc)) {
                notices.push(Notice::NoSuchCalculator(calc));
            }
        }
        let sync_url = element.has_attribute("data-sync-url") && !url_off;
        // The calculator's own page marks its element with data-sync-url; anywhere else, or in
        // a frame, it is embedded.
        let embedded = !element.has_attribute("data-sync-url") || framed();
        let mut locale_fixed = embedded && attrs.locale.is_some();
        let mut settings = attrs;
        if url_applies {
            let fallback = settings.locale.unwrap_or(browser);
            let (q, n) = read(&query, Source::Query, fallback);
            // An iframe's host sets the language in the frame's address.
            locale_fixed |= embedded && q.locale.is_some();
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
        Config {
            locale: settings.locale.unwrap_or(browser),
            currency: settings.currency,
            followed: Followed::from_tags(&tags),
            inputs: settings.inputs(Inputs::example()),
            outputs: settings.outputs.clone(),
            sections: settings.sections.clone(),
            title: settings.title.clone(),
            notices: cap_notices(notices),
            calc: (names.len() > 1).then_some(name),
            sync_url,
            embedded,
            locale_fixed,
            mode: settings.mode.unwrap_or_default(),
            member_inputs: settings.member_inputs(MemberInputs::example()),
        }
    }

    /// Whether `figure` is to be shown.
    pub fn shows(&self, figure: Figure) -> bool {
        self.outputs.as_ref().is_none_or(|o| o.contains(&figure))
    }

    /// Whether `section` is to be shown: the ones `outputs` names; without `outputs`, all on
    /// the calculator's own page and [`Section::EMBED`] in an embed.
    pub fn shows_section(&self, section: Section) -> bool {
        match &self.outputs {
            Some(_) => self.sections.contains(&section),
            None if self.embedded => Section::EMBED.contains(&section),
            None => true,
        }
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

/// The name a share link's `calc=` uses for the calculator on `element`, the `index`-th on
/// the page: its id, else its position from 1.
pub fn name(element: &Element, index: usize) -> String {
    match element.id() {
        id if !id.is_empty() => id,
        _ => (index + 1).to_string(),
    }
}

/// The page URL's query pairs, and its share link's (see [`share_link`]).
fn url_pairs() -> (Pairs, (Pairs, Option<Notice>)) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return (Vec::new(), (Vec::new(), None));
    };
    let query = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    (
        parse_pairs(query.trim_start_matches('?')),
        share_link(hash.trim_start_matches('#')),
    )
}

/// Whether the page runs in a frame of another page.
fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// The browser's language tags, in its order of preference.
fn browser_tags() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .collect()
}

/// The first of the browser's language tags that the calculator speaks, else English.
pub fn browser_locale(tags: &[String]) -> Locale {
    tags.iter()
        .find_map(|tag| Locale::from_tag(tag))
        .unwrap_or(Locale::En)
}
