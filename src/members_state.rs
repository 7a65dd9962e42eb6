//! The members side's state: which calculator is shown (shop or members), and what is typed
//! in the members calculator and the survivors table. Figures are never stored: the core
//! computes them from this state on each render.

use std::rc::Rc;

use retention_core::{
    calculate_members, read_number, Locale, MemberField, MemberInputs, MemberReport, Period,
};
use yew::Reducible;

use crate::state::{retyped, typed};

/// Which calculator the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Customers who buy: the shop calculator (what every old link opens).
    #[default]
    Shop,
    /// Members who subscribe and cancel.
    Members,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Shop, Mode::Members];

    /// The name in links and attributes: `mode=members`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Shop => "shop",
            Mode::Members => "members",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The paper's regular segment (Fader & Hardie 2007): the table the page opens with.
pub const EXAMPLE_SURVIVORS: &str =
    "0; 1000\n1; 631\n2; 468\n3; 382\n4; 326\n5; 289\n6; 262\n7; 241";

/// What someone entered on the members side.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberState {
    /// The language the texts are written in.
    pub locale: Locale,
    pub period: Period,
    /// The text of each field, indexed by `MemberField as usize`, exactly as typed.
    texts: [String; MemberField::ALL.len()],
    /// The pasted survivors table.
    pub survivors: String,
    /// The length of one of the table's periods (the paper's example counts years).
    pub survivor_period: Period,
    /// The fee per one of the table's periods, as typed (optional).
    pub survivor_fee: String,
}

/// Something someone did on the members side.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberAction {
    Edit(MemberField, String),
    SetPeriod(Period),
    /// The page's language changed: rewrite the numbers in its habits.
    SetLocale(Locale),
    EditSurvivors(String),
    SetSurvivorPeriod(Period),
    EditSurvivorFee(String),
    Reset(MemberInputs),
}

impl MemberState {
    pub fn new(inputs: &MemberInputs, locale: Locale) -> MemberState {
        MemberState {
            locale,
            period: inputs.period,
            texts: MemberField::ALL.map(|field| typed(inputs.get(field), locale)),
            survivors: EXAMPLE_SURVIVORS.to_string(),
            survivor_period: Period::Year,
            survivor_fee: String::new(),
        }
    }

    pub fn text(&self, field: MemberField) -> &str {
        &self.texts[field as usize]
    }

    /// The numbers in the fields, read in the page's locale.
    pub fn inputs(&self) -> MemberInputs {
        let mut inputs = MemberInputs {
            period: self.period,
            ..MemberInputs::default()
        };
        for field in MemberField::ALL {
            inputs.set(field, read_number(self.text(field), self.locale));
        }
        inputs
    }

    pub fn report(&self) -> MemberReport {
        calculate_members(&self.inputs())
    }
}

impl Reducible for MemberState {
    type Action = MemberAction;

    fn reduce(self: Rc<Self>, action: MemberAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            MemberAction::Edit(field, text) => next.texts[field as usize] = text,
            MemberAction::SetPeriod(period) => next.period = period,
            MemberAction::SetLocale(locale) if locale != self.locale => {
                next.texts = self
                    .texts
                    .each_ref()
                    .map(|t| retyped(t, self.locale, locale));
                next.survivor_fee = retyped(&self.survivor_fee, self.locale, locale);
                next.locale = locale;
            }
            MemberAction::SetLocale(_) => return self,
            MemberAction::EditSurvivors(text) => next.survivors = text,
            MemberAction::SetSurvivorPeriod(period) => next.survivor_period = period,
            MemberAction::EditSurvivorFee(text) => next.survivor_fee = text,
            MemberAction::Reset(inputs) => {
                next = MemberState {
                    survivors: self.survivors.clone(),
                    survivor_period: self.survivor_period,
                    survivor_fee: self.survivor_fee.clone(),
                    ..MemberState::new(&inputs, self.locale)
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: MemberState, action: MemberAction) -> MemberState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn switching_language_keeps_the_numbers() {
        let state = MemberState::new(&MemberInputs::example(), Locale::Nl);
        let state = reduce(
            state,
            MemberAction::Edit(MemberField::Fee, "1.234,5".into()),
        );
        let before = state.inputs();
        let state = reduce(state, MemberAction::SetLocale(Locale::En));
        assert_eq!(state.text(MemberField::Fee), "1234.5");
        assert_eq!(state.inputs(), before);
    }

    #[test]
    fn modes_read_back_from_their_names() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::from_name("gym"), None);
    }
}
