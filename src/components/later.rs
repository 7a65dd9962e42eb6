use yew::prelude::*;

use crate::i18n::{text, use_words, Text};
use crate::parts::{Loading, Part};

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    pub part: Part,
    pub loading: Loading,
    /// Whether to say so while the part loads: where it stands in for what the calculator
    /// shows (the members side), not where it comes below what is on screen already.
    #[prop_or_default]
    pub waiting: bool,
}

/// Stands in for a part while it loads, and says so when it could not.
#[component]
pub fn Later(props: &LaterProps) -> Html {
    let locale = use_words().locale;
    let name = props.part.name();
    match props.loading {
        Loading::Failed => {
            let failed = match props.part {
                Part::Details => Text::DetailsFailed,
                Part::Tools => Text::ToolsFailed,
            };
            html! {
                <p class="rc-later" role="alert" data-part={name} data-loading="failed">{ text(failed, locale) }</p>
            }
        }
        Loading::Idle | Loading::Loading if props.waiting => html! {
            <p class="rc-later" role="status" data-part={name} data-loading="loading">{ text(Text::ToolsLoading, locale) }</p>
        },
        _ => html! {},
    }
}
