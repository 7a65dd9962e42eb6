use retention_core::{Explanation, Period, Token};
use yew::prelude::*;

use crate::i18n::use_words;

#[derive(Properties, PartialEq)]
pub struct FormulaProps {
    pub explanation: Explanation,
    /// The period of the figures, for formulas that compound over a year.
    pub period: Period,
}

/// `CRR = (E − N) / S × 100 = (1.050 − 200) / 1.000 × 100 = 85,0 %`, from the same tokens the
/// core writes as plain text for copying and the command line.
#[component]
pub fn Formula(props: &FormulaProps) -> Html {
    let words = use_words();
    let e = &props.explanation;
    html! {
        <p class="rc-formula">
            <span class="rc-formula-symbols">{ e.figure.formula(props.period, words.locale) }</span>
            <span class="rc-formula-numbers">
                { " = " }
                { for e.formula.iter().map(|token| match *token {
                    Token::Text(t) => html! { t },
                    Token::Value(v) => html! { <span class="rc-num">{ words.q(v) }</span> },
                    Token::Power(n) => html! { <sup>{ n }</sup> },
                }) }
                { " = " }
                <strong class="rc-num">{ words.q(e.value) }</strong>
            </span>
        </p>
    }
}
