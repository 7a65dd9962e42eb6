use yew::prelude::*;

use crate::i18n::{text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct ExampleActionsProps {
    pub onreset: Callback<MouseEvent>,
    pub onclear: Callback<MouseEvent>,
}

/// The buttons that put a calculator's example back, or empty every field.
#[component]
pub fn ExampleActions(props: &ExampleActionsProps) -> Html {
    let locale = use_words().locale;
    html! {
        <div class="rc-actions">
            <button type="button" onclick={props.onreset.clone()}>{ text(Text::ResetExample, locale) }</button>
            <button type="button" onclick={props.onclear.clone()}>{ text(Text::ClearAll, locale) }</button>
        </div>
    }
}
