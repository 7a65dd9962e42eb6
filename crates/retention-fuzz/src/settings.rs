//! The app's share links, URL parameters and `data-*` attributes (src/settings.rs).

use retention_app::settings::{
    cap_notices, parse_pairs, read, share_hash, share_link, Source, MAX_LINK, MAX_NOTICES,
    MAX_OUTPUTS, MAX_TITLE,
};
use retention_core::{format_input, parse_number, Currency, Field, Inputs, Locale, Period};

use crate::rng::Rng;

/// Reads `data` as a share link, a query and attributes; panics when a promise breaks.
pub fn settings(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let fallback = if data.first().is_some_and(|b| b & 1 == 1) {
        Locale::En
    } else {
        Locale::Nl
    };
    let (pairs, notice) = share_link(&text);
    if text.len() > MAX_LINK {
        assert!(pairs.is_empty(), "a link longer than {MAX_LINK} is read");
    }
    if !pairs.is_empty() || notice.is_some() {
        assert!(text.starts_with("v="));
    }
    for (pairs, source) in [
        (pairs, Source::ShareLink),
        (parse_pairs(&text), Source::Query),
        (parse_pairs(&text), Source::Attributes),
    ] {
        let (settings, notices) = read(&pairs, source, fallback);
        let notices = cap_notices(notices);
        assert!(notices.len() <= MAX_NOTICES + 1);
        if source != Source::Attributes {
            if let Some(title) = &settings.title {
                assert!(title.chars().count() <= MAX_TITLE, "title {title:?}");
            }
        }
        if let Some(outputs) = &settings.outputs {
            assert!(outputs.len() <= MAX_OUTPUTS);
        }
        let inputs = settings.inputs(Inputs::default());
        let _ = settings.clone().over(settings);
        let _ = share_hash(&inputs, fallback, Currency::Eur, None);
    }
}

/// A share link of any inputs reopens them, as the calculator writes them into its fields
/// (six decimals), in both languages.
pub fn share_oracle(rng: &mut Rng) {
    let mut inputs = Inputs {
        period: rng.pick(&Period::ALL),
        ..Inputs::default()
    };
    for field in Field::ALL {
        let value = match rng.below(6) {
            0 => None,
            1 => Some(rng.range(0, 1_000_000) as f64),
            2 => Some(rng.range(-10_000, 10_000) as f64 / 100.0),
            3 => Some(rng.unit() * 10f64.powi(rng.range(-8, 15) as i32)),
            4 => Some(rng.range(0, 100) as f64),
            _ => Some(rng.pick(&[0.0, -0.0, 1e-7, 999_999_999_999.0, 0.1 + 0.2])),
        };
        inputs.set(field, value);
    }
    let locale = rng.pick(&Locale::ALL);
    let calc = rng.one_in(3).then(|| "2 &=#%".to_string());
    let hash = share_hash(&inputs, locale, Currency::Gbp, calc.as_deref());
    assert!(
        hash.len() <= MAX_LINK,
        "a share link of {} bytes",
        hash.len()
    );
    let (pairs, notice) = share_link(&hash);
    assert_eq!(notice, None);
    let other = if locale == Locale::Nl {
        Locale::En
    } else {
        Locale::Nl
    };
    let (settings, notices) = read(&pairs, Source::ShareLink, other);
    assert_eq!(notices, vec![], "{hash}");
    assert_eq!(settings.calc, calc);
    let back = settings.inputs(Inputs::default());
    assert_eq!(back.period, inputs.period);
    for field in Field::ALL {
        let written = inputs
            .get(field)
            .map(|v| parse_number(&format_input(v, locale), locale).expect("a written number"));
        assert_eq!(back.get(field), written, "{field:?} in {hash}");
    }
}
