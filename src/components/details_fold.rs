use yew::prelude::*;

use crate::i18n::{text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct DetailsFoldProps {
    /// Whether the calculator is embedded in another page: then the details fold away.
    pub embedded: bool,
    /// Told whether the fold is open, each time someone opens or closes it.
    #[prop_or_default]
    pub ontoggle: Callback<bool>,
    /// What folds: the members' details. The calculator's own details are a part of their
    /// own, drawn beside its root (`crate::details`) and shown while the fold is open.
    #[prop_or_default]
    pub children: Html,
}

/// The details under a calculator's answer: open on the calculator's own page, folded
/// under "more details" in an embed.
#[component]
pub fn DetailsFold(props: &DetailsFoldProps) -> Html {
    let locale = use_words().locale;
    if props.embedded {
        let ontoggle = props.ontoggle.reform(|e: Event| {
            e.target_dyn_into::<web_sys::Element>()
                .is_some_and(|details| details.has_attribute("open"))
        });
        html! {
            <details class="rc-details" {ontoggle}>
                <summary>{ text(Text::MoreDetails, locale) }</summary>
                { props.children.clone() }
            </details>
        }
    } else {
        html! { <div class="rc-details">{ props.children.clone() }</div> }
    }
}
