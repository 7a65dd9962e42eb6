use retention_core::NpsExplanation;
use yew::prelude::*;

use crate::components::formula::{pieces, Formula};
use crate::components::nps_result::figure_name;
use crate::i18n::{formula_value, nps_label, nps_symbols, nps_value, use_words};

#[derive(Properties, PartialEq)]
pub struct NpsFormulaProps {
    pub explanation: NpsExplanation,
}

/// `NPS = (P − D) / n × 100 = (50 − 20) / 100 × 100 = 30`, the numbers from the core's tokens.
#[component]
pub fn NpsFormula(props: &NpsFormulaProps) -> Html {
    let locale = use_words().locale;
    let e = &props.explanation;
    html! {
        <>
            <p class="rc-nps-how-name">{ nps_label(e.figure, locale) }</p>
            <Formula
                symbols={nps_symbols(e.figure, locale)}
                pieces={pieces(&e.formula, |v| formula_value(v, locale))}
                result={nps_value(e.figure, e.value, locale)}
                result_name={figure_name(e.figure)}
            />
        </>
    }
}
