use retention_core::Locale;
use yew::prelude::*;

use crate::i18n::{text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct LocaleSwitchProps {
    pub onselect: Callback<Locale>,
}

/// The NL | EN buttons.
#[component]
pub fn LocaleSwitch(props: &LocaleSwitchProps) -> Html {
    let current = use_words().locale;
    html! {
        <div class="rc-locale" role="group" aria-label={text(Text::Language, current)}>
            { for Locale::ALL.into_iter().map(|locale| {
                // Each language's name in itself.
                let name = locale.pick("Nederlands", "English");
                html! {
                    <button
                        type="button"
                        lang={locale.code()}
                        data-locale={locale.code()}
                        aria-pressed={(locale == current).to_string()}
                        aria-label={name}
                        onclick={props.onselect.reform(move |_| locale)}
                    >
                        { locale.code().to_ascii_uppercase() }
                    </button>
                }
            }) }
        </div>
    }
}
