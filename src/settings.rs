//! Settings of a calculator from the outside: `data-*` attributes on its element, URL
//! parameters and share links. Parsing is pure so it is tested natively; `config.rs` reads
//! the browser.
//!
//! Every setting has one name, the same everywhere: `data-start="1000"`, `?start=1000` and
//! `#v=1&start=1000`. Numbers follow the calculator's language (`data-spend="75,50"` with
//! `data-locale="nl"`). A value that cannot be read falls back to the default with a notice.

use retention_core::{
    format_input, parse_number, Currency, Field, Figure, Inputs, Locale, MemberField, MemberInputs,
    Period,
};

use crate::members_state::Mode;

/// Settings as (name, value) pairs, in the order they were written.
pub type Pairs = Vec<(String, String)>;

/// The version of the share-link format this build writes and reads.
pub const SHARE_VERSION: &str = "1";

/// The longest share link (the hash, without `#`) read: ours are a few hundred characters,
/// and anything much longer is not one of ours.
pub const MAX_LINK: usize = 2000;

/// The longest title a link or the page's URL may set; the host page's own `data-title`
/// may be longer.
pub const MAX_TITLE: usize = 80;

/// The longest `outputs` list a link may set: every figure and section fits in it.
pub const MAX_OUTPUTS: usize = 300;

/// The most notices a calculator shows; the rest are counted in one last notice.
pub const MAX_NOTICES: usize = 5;

/// A part of the calculator besides the figure cards, to show or leave out with `outputs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The survival and start-to-end charts.
    Charts,
    /// The what-if slider.
    WhatIf,
    /// The table of several periods.
    Periods,
    /// The import of an order export.
    Import,
    /// Copy a link or the results, download a CSV, print.
    Share,
    /// The Net Promoter Score of a survey.
    Nps,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Charts,
        Section::WhatIf,
        Section::Periods,
        Section::Import,
        Section::Share,
        Section::Nps,
    ];

    /// The sections an embed shows when `outputs` names none: the rest are opt-in.
    pub const EMBED: [Section; 2] = [Section::Charts, Section::WhatIf];

    pub fn name(self) -> &'static str {
        match self {
            Section::Charts => "charts",
            Section::WhatIf => "whatIf",
            Section::Periods => "periods",
            Section::Import => "import",
            Section::Share => "share",
            Section::Nps => "nps",
        }
    }

    fn from_name(name: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

/// Settings read from one source; `None` means "not given".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub locale: Option<Locale>,
    pub currency: Option<Currency>,
    pub period: Option<Period>,
    /// Fields given a value (`None`: given empty).
    pub values: Vec<(Field, Option<f64>)>,
    pub outputs: Option<Vec<Figure>>,
    /// The sections named in `outputs`; only meaningful when `outputs` is given.
    pub sections: Vec<Section>,
    pub title: Option<String>,
    /// Which calculator on the page URL parameters are for (`calc=2`).
    pub calc: Option<String>,
    /// Shop or members (`mode=members`); links without it open the shop calculator.
    pub mode: Option<Mode>,
    /// Members fields given a value, read only with `mode=members`.
    pub member_values: Vec<(MemberField, Option<f64>)>,
}

/// Something in the settings that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A parameter this version does not know.
    UnknownParameter(String),
    /// A value that could not be read: the default is used instead.
    BadValue { key: String, value: String },
    /// A share link from another version of the format: ignored.
    UnsupportedVersion(String),
    /// A value from a link longer than allowed: cut to `max` characters.
    TooLong { key: String, max: usize },
    /// A share link longer than [`MAX_LINK`]: ignored.
    LinkTooLong { max: usize },
    /// How many more notices there were than are shown.
    MoreNotices(usize),
    /// The link names a calculator (`calc=`) that is not on the page: ignored.
    NoSuchCalculator(String),
}

/// Where settings come from: they differ only in how strict they are about unknown names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `data-*` attributes: the host page may use other data attributes, so unknown ones are
    /// ignored silently.
    Attributes,
    /// `?query`: belongs to the whole page (tracking parameters and such), so unknown names
    /// are ignored silently.
    Query,
    /// `#hash` share link: our own format, so every unknown name gets a notice.
    ShareLink,
}

/// Reads settings from `pairs` (names without any `data-` prefix). Numbers are read in the
/// locale the pairs give, else in `fallback`.
pub fn read(
    pairs: &[(String, String)],
    source: Source,
    fallback: Locale,
) -> (Settings, Vec<Notice>) {
    let mut settings = Settings::default();
    let mut notices = Vec::new();
    let get = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
    };
    if source == Source::ShareLink {
        if let Some(v) = get("v").filter(|v| *v != SHARE_VERSION) {
            return (settings, vec![Notice::UnsupportedVersion(v.to_string())]);
        }
    }
    let mut bad = |key: &str, value: &str| {
        notices.push(Notice::BadValue {
            key: key.to_string(),
            value: value.to_string(),
        })
    };
    if let Some(v) = get("locale") {
        settings.locale = Locale::from_tag(v).or_else(|| {
            bad("locale", v);
            None
        });
    }
    let locale = settings.locale.unwrap_or(fallback);
    if let Some(v) = get("currency") {
        settings.currency = Currency::from_code(v).or_else(|| {
            bad("currency", v);
            None
        });
    }
    if let Some(v) = get("period") {
        settings.period = Period::from_name(v).or_else(|| {
            bad("period", v);
            None
        });
    }
    if let Some(v) = get("mode") {
        settings.mode = Mode::from_name(v).or_else(|| {
            bad("mode", v);
            None
        });
    }
    // The members calculator shares some names (start, new, margin) with the shop's: a
    // members link fills only the members fields.
    if settings.mode == Some(Mode::Members) {
        for field in MemberField::ALL {
            let Some(v) = get(field.name()) else { continue };
            match parse_number(v, locale) {
                _ if v.is_empty() => settings.member_values.push((field, None)),
                Ok(number) => settings.member_values.push((field, Some(number))),
                Err(_) => bad(field.name(), v),
            }
        }
    }
    for field in Field::ALL
        .into_iter()
        .filter(|_| settings.mode != Some(Mode::Members))
    {
        let Some(v) = get(field.name()) else { continue };
        if v.is_empty() {
            settings.values.push((field, None));
            continue;
        }
        match parse_number(v, locale) {
            Ok(number) => settings.values.push((field, Some(number))),
            Err(_) => bad(field.name(), v),
        }
    }
    let from_url = source != Source::Attributes;
    let mut outputs_cut = false;
    if let Some(mut v) = get("outputs") {
        if from_url && v.len() > MAX_OUTPUTS {
            // At the last comma that fits, so no name is cut in half.
            let fits = (0..=MAX_OUTPUTS).rev().find(|i| v.is_char_boundary(*i));
            let fits = fits.unwrap_or(0);
            v = &v[..v[..fits].rfind(',').unwrap_or(0)];
            outputs_cut = true;
        }
        let mut figures = Vec::new();
        for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match (Figure::from_name(name), Section::from_name(name)) {
                (Some(f), _) if !figures.contains(&f) => figures.push(f),
                (_, Some(s)) if !settings.sections.contains(&s) => settings.sections.push(s),
                (Some(_), _) | (_, Some(_)) => {}
                (None, None) => bad("outputs", name),
            }
        }
        let any = !figures.is_empty() || !settings.sections.is_empty();
        settings.outputs = any.then_some(figures);
    }
    if outputs_cut {
        notices.push(Notice::TooLong {
            key: "outputs".into(),
            max: MAX_OUTPUTS,
        });
    }
    if let Some(title) = get("title").filter(|t| !t.is_empty()) {
        let cut = title.char_indices().nth(MAX_TITLE).filter(|_| from_url);
        settings.title = Some(match cut {
            Some((at, _)) => {
                notices.push(Notice::TooLong {
                    key: "title".into(),
                    max: MAX_TITLE,
                });
                title[..at].trim_end().to_string()
            }
            None => title.to_string(),
        });
    }
    settings.calc = get("calc").filter(|c| !c.is_empty()).map(str::to_string);
    if source == Source::ShareLink {
        let mut seen = std::collections::HashSet::new();
        for (key, _) in pairs {
            if !is_known(key) && seen.insert(key.as_str()) {
                notices.push(Notice::UnknownParameter(key.clone()));
            }
        }
    }
    (settings, notices)
}

fn is_known(key: &str) -> bool {
    const KNOWN: [&str; 8] = [
        "v", "locale", "currency", "period", "outputs", "title", "calc", "mode",
    ];
    KNOWN.contains(&key)
        || Field::ALL.iter().any(|f| f.name() == key)
        || MemberField::ALL.iter().any(|f| f.name() == key)
}

impl Settings {
    /// Lays `self` over `base`: what `self` gives wins.
    pub fn over(self, base: Settings) -> Settings {
        let mut values = base.values;
        for (field, value) in self.values {
            values.retain(|(f, _)| *f != field);
            values.push((field, value));
        }
        Settings {
            locale: self.locale.or(base.locale),
            currency: self.currency.or(base.currency),
            period: self.period.or(base.period),
            values,
            sections: if self.outputs.is_some() {
                self.sections
            } else {
                base.sections
            },
            outputs: self.outputs.or(base.outputs),
            title: self.title.or(base.title),
            calc: self.calc.or(base.calc),
            mode: self.mode.or(base.mode),
            member_values: match self.mode {
                Some(_) => self.member_values,
                None => base.member_values,
            },
        }
    }

    /// The members calculator's inputs these settings give, starting from `defaults`.
    pub fn member_inputs(&self, defaults: MemberInputs) -> MemberInputs {
        let mut inputs = defaults;
        for &(field, value) in &self.member_values {
            inputs.set(field, value);
        }
        if let Some(period) = self.period.filter(|_| self.mode == Some(Mode::Members)) {
            inputs.period = period;
        }
        inputs
    }

    /// The inputs these settings give, starting from `defaults`.
    pub fn inputs(&self, defaults: Inputs) -> Inputs {
        let mut inputs = defaults;
        for &(field, value) in &self.values {
            inputs.set(field, value);
        }
        // A members link's period is the members calculator's.
        if let Some(period) = self.period.filter(|_| self.mode != Some(Mode::Members)) {
            inputs.period = period;
        }
        inputs
    }
}

/// The hash of a share link that reopens exactly these inputs: `v=1&locale=nl&...`.
/// Numbers are written in `locale`'s habits without grouping, so they read back exactly.
pub fn share_hash(
    inputs: &Inputs,
    locale: Locale,
    currency: Currency,
    calc: Option<&str>,
) -> String {
    let mut pairs = vec![
        ("v".to_string(), SHARE_VERSION.to_string()),
        ("locale".to_string(), locale.code().to_string()),
        ("currency".to_string(), currency.code().to_string()),
        ("period".to_string(), inputs.period.name().to_string()),
    ];
    for field in Field::ALL {
        let text = match inputs.get(field) {
            Some(v) if v.is_finite() => format_input(v, locale),
            _ => String::new(),
        };
        pairs.push((field.name().to_string(), text));
    }
    if let Some(calc) = calc {
        pairs.push(("calc".to_string(), calc.to_string()));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The hash of a share link that reopens the members calculator with these inputs:
/// `v=1&mode=members&locale=nl&...`, in the habits of [`share_hash`].
pub fn member_share_hash(
    inputs: &MemberInputs,
    locale: Locale,
    currency: Currency,
    calc: Option<&str>,
) -> String {
    let mut pairs = vec![
        ("v", SHARE_VERSION.to_string()),
        ("mode", Mode::Members.name().to_string()),
        ("locale", locale.code().to_string()),
        ("currency", currency.code().to_string()),
        ("period", inputs.period.name().to_string()),
    ];
    for field in MemberField::ALL {
        let text = match inputs.get(field) {
            Some(v) if v.is_finite() => format_input(v, locale),
            _ => String::new(),
        };
        pairs.push((field.name(), text));
    }
    if let Some(calc) = calc {
        pairs.push(("calc", calc.to_string()));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The pairs of a share link (the page's hash without `#`): none for a hash that is not one
/// (`#section-2`), and a notice instead of pairs for one longer than [`MAX_LINK`].
pub fn share_link(hash: &str) -> (Pairs, Option<Notice>) {
    if !hash.starts_with("v=") {
        (Vec::new(), None)
    } else if hash.len() > MAX_LINK {
        (Vec::new(), Some(Notice::LinkTooLong { max: MAX_LINK }))
    } else {
        (parse_pairs(hash), None)
    }
}

/// At most [`MAX_NOTICES`] notices, the rest counted in a last one.
pub fn cap_notices(mut notices: Vec<Notice>) -> Vec<Notice> {
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - MAX_NOTICES;
        notices.truncate(MAX_NOTICES);
        notices.push(Notice::MoreNotices(more));
    }
    notices
}

/// Splits `a=1&b=2` (a query without `?` or a hash without `#`) into decoded pairs.
pub fn parse_pairs(text: &str) -> Pairs {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; malformed escapes are kept as they are.
fn decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse_pairs(text)
    }

    #[track_caller]
    fn share(text: &str) -> (Settings, Vec<Notice>) {
        read(&pairs(text), Source::ShareLink, Locale::Nl)
    }

    #[test]
    fn a_share_link_reopens_the_same_inputs() {
        let inputs = Inputs {
            spend: Some(1234.5),
            lifespan: None,
            period: Period::Month,
            ..Inputs::example()
        };
        for locale in Locale::ALL {
            let hash = share_hash(&inputs, locale, Currency::Gbp, Some("2"));
            let (settings, notices) = read(&pairs(&hash), Source::ShareLink, Locale::En);
            assert_eq!(notices, vec![], "{hash}");
            assert_eq!(settings.inputs(Inputs::default()), inputs, "{hash}");
            assert_eq!(settings.locale, Some(locale));
            assert_eq!(settings.currency, Some(Currency::Gbp));
            assert_eq!(settings.calc.as_deref(), Some("2"));
        }
    }

    #[test]
    fn a_members_link_reopens_the_members_calculator_and_an_old_link_the_shop() {
        let inputs = MemberInputs {
            fee: Some(29.5),
            period: Period::Quarter,
            ..MemberInputs::example()
        };
        for locale in Locale::ALL {
            let hash = member_share_hash(&inputs, locale, Currency::Eur, None);
            let (settings, notices) = read(&pairs(&hash), Source::ShareLink, Locale::En);
            assert_eq!(notices, vec![], "{hash}");
            assert_eq!(settings.mode, Some(Mode::Members));
            assert_eq!(settings.member_inputs(MemberInputs::default()), inputs);
            // The shared names (start, new, margin) do not leak into the shop's fields.
            assert_eq!(settings.inputs(Inputs::example()), Inputs::example());
        }
        let old = share_hash(&Inputs::example(), Locale::Nl, Currency::Eur, None);
        let (settings, notices) = share(&old);
        assert_eq!((settings.mode, notices), (None, vec![]));
        let (_, notices) = share("v=1&mode=gym");
        assert_eq!(
            notices,
            vec![Notice::BadValue {
                key: "mode".into(),
                value: "gym".into()
            }]
        );
    }

    #[test]
    fn the_link_is_readable() {
        let hash = share_hash(&Inputs::example(), Locale::Nl, Currency::Eur, None);
        assert_eq!(
            hash,
            "v=1&locale=nl&currency=EUR&period=year&start=1000&end=1050&new=200&spend=75&frequency=3&margin=60&lifespan=&discountRate=10&cac=300"
        );
    }

    #[test]
    fn broken_values_fall_back_with_a_notice() {
        let (settings, notices) =
            share("v=1&start=abc&end=1100&period=decade&currency=JPY&outputs=clv,csat");
        assert_eq!(settings.values, vec![(Field::End, Some(1100.0))]);
        assert_eq!(settings.period, None);
        assert_eq!(settings.currency, None);
        assert_eq!(settings.outputs, Some(vec![Figure::Clv]));
        assert_eq!(settings.sections, vec![]);
        let bad: Vec<&str> = notices
            .iter()
            .map(|n| match n {
                Notice::BadValue { key, .. } => key.as_str(),
                _ => "?",
            })
            .collect();
        assert_eq!(bad, ["currency", "period", "start", "outputs"]);
    }

    #[test]
    fn outputs_name_figures_and_sections() {
        let (s, notices) = share("v=1&outputs=retentionRate, charts,whatif");
        assert!(notices.is_empty());
        assert_eq!(s.outputs, Some(vec![Figure::RetentionRate]));
        assert_eq!(s.sections, vec![Section::Charts, Section::WhatIf]);
        let (s, _) = share("v=1&outputs=nps");
        assert_eq!((s.outputs, s.sections), (Some(vec![]), vec![Section::Nps]));
        let (s, _) = share("v=1&outputs=periods");
        assert_eq!(
            (s.outputs, s.sections),
            (Some(vec![]), vec![Section::Periods])
        );
    }

    #[test]
    fn unknown_names_get_a_notice_only_in_share_links() {
        let (_, notices) = share("v=1&start=5&colour=red");
        assert_eq!(notices, vec![Notice::UnknownParameter("colour".into())]);
        let (_, notices) = read(&pairs("utm_source=blog&start=5"), Source::Query, Locale::Nl);
        assert_eq!(notices, vec![]);
    }

    #[test]
    fn another_version_is_ignored_with_a_notice() {
        let (settings, notices) = share("v=2&start=5");
        assert_eq!(settings, Settings::default());
        assert_eq!(notices, vec![Notice::UnsupportedVersion("2".into())]);
    }

    #[test]
    fn numbers_follow_the_given_language() {
        let (s, _) = read(
            &pairs("locale=nl&spend=1.234,5&start=1.000"),
            Source::Attributes,
            Locale::En,
        );
        assert_eq!(
            s.values,
            vec![(Field::Start, Some(1000.0)), (Field::Spend, Some(1234.5))]
        );
        let (s, _) = read(
            &pairs("locale=en&spend=1,234.5"),
            Source::Attributes,
            Locale::Nl,
        );
        assert_eq!(s.values, vec![(Field::Spend, Some(1234.5))]);
    }

    #[test]
    fn later_sources_win() {
        let (attrs, _) = read(
            &pairs("locale=nl&start=10&end=20"),
            Source::Attributes,
            Locale::En,
        );
        let (link, _) = share("v=1&start=30");
        let merged = link.over(attrs);
        assert_eq!(merged.locale, Some(Locale::Nl));
        let inputs = merged.inputs(Inputs::example());
        assert_eq!((inputs.start, inputs.end), (Some(30.0), Some(20.0)));
    }

    #[test]
    fn an_empty_value_empties_the_field() {
        let (s, notices) = share("v=1&margin=");
        assert!(notices.is_empty());
        assert_eq!(s.inputs(Inputs::example()).margin, None);
    }

    #[test]
    fn many_unknown_names_give_a_few_notices() {
        // 20,000 unknown keys (the frozen tab), each twice.
        let keys: Vec<String> = (0..20_000).map(|i| format!("k{i}=1&k{i}=2")).collect();
        let (_, notices) = share(&format!("v=1&start=5&{}", keys.join("&")));
        assert_eq!(notices.len(), 20_000, "one notice a name");
        assert_eq!(notices[0], Notice::UnknownParameter("k0".into()));
        assert_eq!(notices[1], Notice::UnknownParameter("k1".into()));
        let capped = cap_notices(notices);
        assert_eq!(capped.len(), MAX_NOTICES + 1);
        assert_eq!(
            capped[MAX_NOTICES - 1],
            Notice::UnknownParameter("k4".into())
        );
        assert_eq!(
            capped[MAX_NOTICES],
            Notice::MoreNotices(20_000 - MAX_NOTICES)
        );
    }

    #[test]
    fn a_long_link_is_ignored() {
        let long = format!("v=1&start=5&title={}", "x".repeat(MAX_LINK));
        assert_eq!(
            share_link(&long),
            (Vec::new(), Some(Notice::LinkTooLong { max: MAX_LINK }))
        );
        let (pairs, notice) = share_link("v=1&start=5");
        assert_eq!((pairs.len(), notice), (2, None));
        assert_eq!(share_link("section-2"), (Vec::new(), None));
    }

    #[test]
    fn a_link_sets_a_short_title_and_outputs_only() {
        let title = "Bel 0900-1234 voor je prijs ".repeat(10);
        let (s, notices) = share(&format!("v=1&title={}", encode(&title)));
        assert_eq!(s.title.as_ref().map(|t| t.chars().count()), Some(MAX_TITLE));
        assert_eq!(
            notices,
            vec![Notice::TooLong {
                key: "title".into(),
                max: MAX_TITLE
            }]
        );
        // The host page's own attribute may be longer.
        let (s, notices) = read(
            &[("title".into(), title.clone())],
            Source::Attributes,
            Locale::Nl,
        );
        assert_eq!((s.title.as_deref(), notices), (Some(title.trim()), vec![]));
        let outputs = vec!["clv"; 100].join(",");
        let (s, notices) = share(&format!("v=1&outputs={outputs}"));
        assert_eq!(s.outputs, Some(vec![Figure::Clv]));
        assert_eq!(
            notices,
            vec![Notice::TooLong {
                key: "outputs".into(),
                max: MAX_OUTPUTS
            }]
        );
    }

    #[test]
    fn decoding_survives_anything() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%zz%"), "%zz%");
        assert_eq!(decode("%e2%82%ac"), "€");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        let (s, _) = share("v=1&title=Onze%20retentie&spend=%E2%82%AC%2075");
        assert_eq!(s.title.as_deref(), Some("Onze retentie"));
        assert_eq!(s.values, vec![(Field::Spend, Some(75.0))]);
    }
}
