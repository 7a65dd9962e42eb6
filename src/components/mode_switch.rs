use yew::prelude::*;

use crate::i18n::{member_text, mode_label, use_words, MemberText};
use crate::members_state::Mode;

#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    pub mode: Mode,
    pub onselect: Callback<Mode>,
}

/// Shop or members: two radio buttons, so arrow keys move between them.
#[component]
pub fn ModeSwitch(props: &ModeSwitchProps) -> Html {
    let locale = use_words().locale;
    html! {
        <fieldset class="rc-mode" data-mode={props.mode.name()}>
            <legend class="rc-visually-hidden">{ member_text(MemberText::ModeLegend, locale) }</legend>
            { for Mode::ALL.into_iter().map(|mode| {
                let onchange = props.onselect.reform(move |_: Event| mode);
                let id = format!("rc-mode-{}", mode.name());
                html! {
                    <label class={classes!("rc-mode-option", (mode == props.mode).then_some("rc-mode-on"))} for={id.clone()}>
                        <input type="radio" name="rc-mode" {id} value={mode.name()} checked={mode == props.mode} {onchange} />
                        { mode_label(mode, locale) }
                    </label>
                }
            }) }
        </fieldset>
    }
}
