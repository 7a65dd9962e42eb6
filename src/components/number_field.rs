use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The field's name: its id is `rc-{name}` (`rc-m-{name}` in the members calculator) and
    /// its mistake says `data-error-for={name}`.
    pub name: &'static str,
    /// Whether the field is the members calculator's: its id starts with `rc-m-` and it says
    /// `data-member-field` where the shop's says `data-field`.
    #[prop_or_default]
    pub member: bool,
    pub label: AttrValue,
    pub hint: AttrValue,
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
    /// The text as typed, at each keystroke.
    pub onedit: Callback<String>,
}

/// A labelled text input for a number, its unit inside it, a hint and its mistake underneath.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let name = props.name;
    let id = if props.member {
        format!("rc-m-{name}")
    } else {
        format!("rc-{name}")
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let oninput = props.onedit.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let described_by = match props.error {
        Some(_) => format!("{error_id} {hint_id}"),
        None => hint_id.clone(),
    };
    html! {
        <div
            class={classes!("rc-field", props.error.is_some().then_some("rc-field-invalid"))}
            data-field={(!props.member).then_some(name)}
            data-member-field={props.member.then_some(name)}
        >
            <label for={id.clone()}>{ props.label.clone() }</label>
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
                <p id={error_id} class="rc-error" data-error-for={name}>{ error.clone() }</p>
            }
            <p id={hint_id} class="rc-hint">{ props.hint.clone() }</p>
        </div>
    }
}
