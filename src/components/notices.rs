use yew::prelude::*;

use crate::i18n::{notice, text, use_words, Text};
use crate::settings::Notice;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
}

/// Settings from the page or link that could not be used, until dismissed.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let dismissed = use_state(|| false);
    let locale = use_words().locale;
    if props.notices.is_empty() || *dismissed {
        return html! {};
    }
    let ondismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };
    html! {
        <div class="rc-notices" role="status">
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ notice(n, locale) }</li> }) }
            </ul>
            <button type="button" onclick={ondismiss}>{ text(Text::Dismiss, locale) }</button>
        </div>
    }
}
