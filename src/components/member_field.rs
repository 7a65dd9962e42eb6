use retention_core::MemberField;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{member_field_hint, member_field_label, use_words};

#[derive(Properties, PartialEq)]
pub struct MemberFieldProps {
    pub field: MemberField,
    /// The text as typed.
    pub value: AttrValue,
    /// The mistake to show, already worded.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A unit inside the field, such as `%`.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// Whether the unit goes before the number, as a currency sign does.
    #[prop_or_default]
    pub unit_before: bool,
    pub onedit: Callback<(MemberField, String)>,
}

/// A labelled number input of the members calculator, like the shop's `NumberField`: its unit
/// inside it, a hint and its mistake underneath. Ids start with `rc-m-`.
#[component]
pub fn MemberNumberField(props: &MemberFieldProps) -> Html {
    let field = props.field;
    let locale = use_words().locale;
    let id = format!("rc-m-{}", field.name());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let oninput = props.onedit.reform(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        (field, input.value())
    });
    let described_by = match props.error {
        Some(_) => format!("{error_id} {hint_id}"),
        None => hint_id.clone(),
    };
    html! {
        <div class={classes!("rc-field", props.error.is_some().then_some("rc-field-invalid"))} data-member-field={field.name()}>
            <label for={id.clone()}>{ member_field_label(field, locale) }</label>
            <div class={classes!("rc-input", props.unit.as_ref().map(|_| if props.unit_before { "rc-unit-before" } else { "rc-unit-after" }))}>
                <input
                    {id}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    value={props.value.clone()}
                    aria-invalid={props.error.is_some().to_string()}
                    aria-describedby={described_by}
                    {oninput}
                />
                if let Some(unit) = &props.unit {
                    <span class="rc-unit" aria-hidden="true">{ unit.clone() }</span>
                }
            </div>
            if let Some(error) = &props.error {
                <p id={error_id} class="rc-error" data-error-for={field.name()}>{ error.clone() }</p>
            }
            <p id={hint_id} class="rc-hint">{ member_field_hint(field, locale) }</p>
        </div>
    }
}
