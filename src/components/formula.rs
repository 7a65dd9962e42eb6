use retention_core::{Quantity, Token};
use yew::prelude::*;

/// A piece of a formula written out, its number already worded.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(&'static str),
    Number(String),
    Power(u32),
}

/// The core's `tokens` as pieces, each number worded by `word`.
pub fn pieces(tokens: &[Token], word: impl Fn(Quantity) -> String) -> Vec<Piece> {
    tokens
        .iter()
        .map(|token| match *token {
            Token::Text(t) => Piece::Text(t),
            Token::Value(v) => Piece::Number(word(v)),
            Token::Power(n) => Piece::Power(n),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct FormulaProps {
    /// The formula in symbols, before the numbers; without it the numbers stand alone.
    #[prop_or_default]
    pub symbols: Option<AttrValue>,
    /// The formula with the user's numbers, from [`pieces`].
    pub pieces: Vec<Piece>,
    /// The result, worded.
    pub result: AttrValue,
    /// What `data-nps-value` says on the result, where the NPS section names it.
    #[prop_or_default]
    pub result_name: Option<&'static str>,
}

/// `CRR = (E − N) / S × 100 = (1.050 − 200) / 1.000 × 100 = 85,0 %`, from the same tokens the
/// core writes as plain text for copying and the command line.
#[component]
pub fn Formula(props: &FormulaProps) -> Html {
    html! {
        <p class="rc-formula">
            if let Some(symbols) = &props.symbols {
                <span class="rc-formula-symbols">{ symbols.clone() }</span>
            }
            <span class="rc-formula-numbers">
                if props.symbols.is_some() {
                    { " = " }
                }
                { for props.pieces.iter().map(|piece| match piece {
                    Piece::Text(t) => html! { *t },
                    Piece::Number(n) => html! { <span class="rc-num">{ n.clone() }</span> },
                    Piece::Power(n) => html! { <sup>{ *n }</sup> },
                }) }
                { " = " }
                <strong class="rc-num" data-nps-value={props.result_name}>{ props.result.clone() }</strong>
            </span>
        </p>
    }
}
