use retention_core::{Currency, Locale, Quantity, Token};
use yew::prelude::*;

use crate::i18n::quantity;

#[derive(Properties, PartialEq)]
pub struct FormulaProps {
    pub symbols: AttrValue,
    pub tokens: Vec<Token>,
    pub result: Quantity,
    pub locale: Locale,
    pub currency: Currency,
}

/// `CRR = (E − N) / S × 100 = (1.050 − 200) / 1.000 × 100 = 85,0 %`.
#[component]
pub fn Formula(props: &FormulaProps) -> Html {
    let q = |q: Quantity| quantity(q, props.locale, props.currency);
    html! {
        <p class="rc-formula">
            <span class="rc-formula-symbols">{ props.symbols.clone() }</span>
            <span class="rc-formula-numbers">
                { " = " }
                { for props.tokens.iter().map(|token| match *token {
                    Token::Text(t) => html! { t },
                    Token::Value(v) => html! { <span class="rc-num">{ q(v) }</span> },
                    Token::Power(n) => html! { <sup>{ n }</sup> },
                }) }
                { " = " }
                <strong class="rc-num">{ q(props.result) }</strong>
            </span>
        </p>
    }
}

/// The same formula as plain text, for copying: exponents as `^n`.
pub fn formula_text(
    symbols: &str,
    tokens: &[Token],
    result: Quantity,
    locale: Locale,
    currency: Currency,
) -> String {
    let mut out = format!("{symbols} = ");
    for token in tokens {
        match *token {
            Token::Text(t) => out.push_str(t),
            Token::Value(v) => out.push_str(&quantity(v, locale, currency)),
            Token::Power(n) => out.push_str(&format!("^{n}")),
        }
    }
    out.push_str(" = ");
    out.push_str(&quantity(result, locale, currency));
    out
}
