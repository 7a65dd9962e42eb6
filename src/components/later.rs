use yew::prelude::*;

use crate::i18n::{text, use_words, Text};
use crate::tools::Loading;

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    pub tools: Loading,
}

/// Stands in for the tools while they load, and says so when they could not.
#[component]
pub fn Later(props: &LaterProps) -> Html {
    let locale = use_words().locale;
    match props.tools {
        Loading::Failed => html! {
            <p class="rc-later" role="alert" data-tools="failed">{ text(Text::ToolsFailed, locale) }</p>
        },
        Loading::Idle | Loading::Loading => html! {
            <p class="rc-later" role="status" data-tools="loading">{ text(Text::ToolsLoading, locale) }</p>
        },
        Loading::Shown => html! {},
    }
}
