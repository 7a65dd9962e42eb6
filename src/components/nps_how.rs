use retention_core::{Nps, NpsExplanation};
use yew::prelude::*;

use crate::components::nps_formula::NpsFormula;
use crate::components::nps_result::figure_name;
use crate::i18n::{nps_meaning, text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct NpsHowProps {
    pub explanations: Vec<NpsExplanation>,
    /// The survey whose figures these are, to say what each means; none for a comparison.
    #[prop_or_default]
    pub nps: Option<Nps>,
}

/// How each NPS figure was worked out, folded under "how calculated".
#[component]
pub fn NpsHow(props: &NpsHowProps) -> Html {
    let locale = use_words().locale;
    html! {
        <details class="rc-nps-how">
            <summary>{ text(Text::HowCalculated, locale) }</summary>
            { for props.explanations.iter().map(|e| html! {
                <div class="rc-how-body" data-nps-how={figure_name(e.figure)}>
                    <NpsFormula explanation={e.clone()} />
                    if let Some(nps) = &props.nps {
                        <p>{ nps_meaning(e.figure, nps, locale) }</p>
                    }
                </div>
            }) }
        </details>
    }
}
