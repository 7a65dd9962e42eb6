use yew::prelude::*;

use crate::i18n::{text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct DetailsFoldProps {
    /// Whether the calculator is embedded in another page: then the details fold away.
    pub embedded: bool,
    pub children: Html,
}

/// The details under a calculator's answer: open on the calculator's own page, folded
/// under "more details" in an embed.
#[component]
pub fn DetailsFold(props: &DetailsFoldProps) -> Html {
    let locale = use_words().locale;
    if props.embedded {
        html! {
            <details class="rc-details">
                <summary>{ text(Text::MoreDetails, locale) }</summary>
                { props.children.clone() }
            </details>
        }
    } else {
        html! { <div class="rc-details">{ props.children.clone() }</div> }
    }
}
