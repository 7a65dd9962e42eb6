//! The calculator's state: what is typed in each field, the language, currency and period,
//! and the what-if's points.
//! Figures are never stored: they are computed from this state by the core on each render.

use std::rc::Rc;

use retention_core::{
    calculate, explain, format_input, read_number, Currency, Explanation, Field, Inputs, Locale,
    Period, Report,
};
use yew::{hook, use_memo, Reducible};

use crate::components::what_if::START_POINTS;
use crate::i18n::Words;

/// A number as a field shows it: in `locale`'s habits, or empty for none.
pub fn typed(value: Option<f64>, locale: Locale) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| format_input(v, locale))
        .unwrap_or_default()
}

/// `text`, typed in `from`'s number habits, rewritten in `to`'s so "1.234,5" does not turn
/// into 1.2345; text that is no number stays as typed.
pub fn retyped(text: &str, from: Locale, to: Locale) -> String {
    match read_number(text, from).filter(|v| v.is_finite()) {
        Some(v) => format_input(v, to),
        None => text.to_string(),
    }
}

/// What someone has entered.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub locale: Locale,
    pub currency: Currency,
    /// Whether the currency was chosen, rather than following the language.
    pub currency_chosen: bool,
    /// The currency that follows each language while none is chosen.
    pub followed: Followed,
    pub period: Period,
    /// The text of each field, indexed by `Field as usize`, exactly as typed.
    pub(crate) texts: [String; Field::ALL.len()],
    /// Percentage points of retention the what-if adds (its slider, and the answer's
    /// what-if sentence).
    pub points: f64,
}

/// The currency that follows each language for this visitor while none is chosen: from their
/// browser's language tags (`en-GB` reads pounds in English, see [`Locale::currency_for`]),
/// else the language's own (euros in Dutch, dollars in English).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Followed {
    nl: Currency,
    en: Currency,
}

impl Followed {
    /// From the browser's language tags, in its order of preference.
    pub fn from_tags(tags: &[String]) -> Followed {
        let of = |locale: Locale| locale.currency_for(tags.iter().map(String::as_str));
        Followed {
            nl: of(Locale::Nl),
            en: of(Locale::En),
        }
    }

    /// The currency that follows `locale`.
    pub fn of(self, locale: Locale) -> Currency {
        locale.pick(self.nl, self.en)
    }
}

impl Default for Followed {
    fn default() -> Self {
        Followed::from_tags(&[])
    }
}

/// Something someone did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Typed in a field.
    Edit(Field, String),
    SetLocale(Locale),
    SetCurrency(Currency),
    SetPeriod(Period),
    /// Back to the inputs the page opened with.
    Reset(Inputs),
    /// Fill in the fields `inputs` gives (from an imported export), keeping the others.
    Fill(Inputs),
    /// Moved the what-if's slider.
    SetPoints(f64),
}

impl State {
    /// A state showing `inputs`, written in `locale`'s number habits.
    pub fn new(inputs: &Inputs, locale: Locale, currency: Option<Currency>) -> State {
        let texts = Field::ALL.map(|field| typed(inputs.get(field), locale));
        State {
            locale,
            currency: currency.unwrap_or(locale.default_currency()),
            currency_chosen: currency.is_some(),
            followed: Followed::default(),
            period: inputs.period,
            texts,
            points: START_POINTS,
        }
    }

    /// This state with `followed` as the currency that follows each language.
    pub fn following(mut self, followed: Followed) -> State {
        self.followed = followed;
        if !self.currency_chosen {
            self.currency = followed.of(self.locale);
        }
        self
    }

    /// The text of a field, as typed.
    pub fn text(&self, field: Field) -> &str {
        &self.texts[field as usize]
    }

    /// The numbers in the fields, read in the page's locale.
    pub fn inputs(&self) -> Inputs {
        let mut inputs = Inputs {
            period: self.period,
            ..Inputs::default()
        };
        for field in Field::ALL {
            inputs.set(field, read_number(self.text(field), self.locale));
        }
        inputs
    }

    /// Every figure the core can compute from the fields.
    pub fn report(&self) -> Report {
        calculate(&self.inputs())
    }

    /// The language and currency the figures are shown in.
    pub fn words(&self) -> Words {
        Words {
            locale: self.locale,
            currency: self.currency,
        }
    }
}

/// The figures of `state` and their explanations, worked out once per change of the numbers,
/// not once per render.
#[hook]
pub fn use_figures(state: &State) -> (Rc<Report>, Rc<Vec<Explanation>>) {
    let report = use_memo(state.inputs(), calculate);
    let explanations = use_memo(report.clone(), |report| explain(report));
    (report, explanations)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(field, text) => next.texts[field as usize] = text,
            Action::SetLocale(locale) => {
                next.texts = self
                    .texts
                    .each_ref()
                    .map(|t| retyped(t, self.locale, locale));
                next.locale = locale;
                if !self.currency_chosen {
                    next.currency = self.followed.of(locale);
                }
            }
            Action::SetCurrency(currency) => {
                next.currency = currency;
                next.currency_chosen = true;
            }
            Action::SetPeriod(period) => next.period = period,
            Action::SetPoints(points) => next.points = points,
            Action::Fill(inputs) => {
                for (i, field) in Field::ALL.into_iter().enumerate() {
                    if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
                        next.texts[i] = format_input(v, self.locale);
                    }
                }
                next.period = inputs.period;
            }
            Action::Reset(inputs) => {
                let currency = self.currency_chosen.then_some(self.currency);
                next = State::new(&inputs, self.locale, currency).following(self.followed);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn switching_language_keeps_the_numbers() {
        let mut state = State::new(&Inputs::example(), Locale::Nl, None);
        state = reduce(state, Action::Edit(Field::Spend, "1.234,5".into()));
        state = reduce(state, Action::Edit(Field::Margin, "veel".into()));
        let before = state.inputs();
        state = reduce(state, Action::SetLocale(Locale::En));
        assert_eq!(state.text(Field::Spend), "1234.5");
        assert_eq!(
            state.text(Field::Margin),
            "veel",
            "text that is not a number stays as typed"
        );
        assert_eq!(state.inputs().spend, before.spend);
        assert_eq!(state.currency, Currency::Usd);
    }

    #[test]
    fn a_chosen_currency_stays() {
        let state = State::new(&Inputs::example(), Locale::Nl, None);
        let state = reduce(state, Action::SetCurrency(Currency::Gbp));
        let state = reduce(state, Action::SetLocale(Locale::En));
        assert_eq!(state.currency, Currency::Gbp);
    }

    #[test]
    fn the_currency_follows_the_language_in_the_browser_region() {
        // A British browser that also reads Dutch: pounds in English, euros in Dutch.
        let tags = ["en-GB".to_string(), "nl".to_string()];
        let state =
            State::new(&Inputs::example(), Locale::En, None).following(Followed::from_tags(&tags));
        assert_eq!(state.currency, Currency::Gbp);
        let state = reduce(state, Action::SetLocale(Locale::Nl));
        assert_eq!(state.currency, Currency::Eur);
        let state = reduce(state, Action::SetLocale(Locale::En));
        assert_eq!(state.currency, Currency::Gbp);
        let state = reduce(state, Action::Reset(Inputs::example()));
        assert_eq!(state.currency, Currency::Gbp);
        // Chosen, it stays; set by the page, it is not replaced.
        let state = reduce(state, Action::SetCurrency(Currency::Usd));
        assert_eq!(
            reduce(state, Action::SetLocale(Locale::Nl)).currency,
            Currency::Usd
        );
        let set = State::new(&Inputs::example(), Locale::En, Some(Currency::Eur))
            .following(Followed::from_tags(&tags));
        assert_eq!(set.currency, Currency::Eur);
    }

    #[test]
    fn filling_from_an_import_keeps_what_it_does_not_give() {
        let state = State::new(&Inputs::example(), Locale::Nl, None);
        let fill = Inputs {
            start: Some(480.0),
            end: Some(500.0),
            new: Some(60.0),
            spend: Some(42.5),
            frequency: Some(2.25),
            period: Period::Quarter,
            ..Inputs::default()
        };
        let next = reduce(state.clone(), Action::Fill(fill));
        assert_eq!(next.text(Field::Start), "480");
        assert_eq!(next.text(Field::Spend), "42,5");
        assert_eq!(next.text(Field::Margin), state.text(Field::Margin));
        assert_eq!(next.period, Period::Quarter);
    }

    #[test]
    fn an_edit_changes_only_its_field() {
        let state = State::new(&Inputs::example(), Locale::Nl, None);
        let next = reduce(state.clone(), Action::Edit(Field::Start, "0".into()));
        for field in Field::ALL.into_iter().filter(|f| *f != Field::Start) {
            assert_eq!(next.text(field), state.text(field));
        }
        assert!(next.report().error(Field::Start).is_some());
    }
}
