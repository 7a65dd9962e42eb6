use retention_core::Period;
use yew::prelude::*;

use crate::components::choice_field::ChoiceField;
use crate::i18n::use_words;

#[derive(Properties, PartialEq)]
pub struct PeriodFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub selected: Period,
    pub onchoose: Callback<Period>,
}

/// A labelled drop-down of the periods a calculator counts in.
#[component]
pub fn PeriodField(props: &PeriodFieldProps) -> Html {
    let locale = use_words().locale;
    let options = Period::ALL
        .iter()
        .map(|p| (AttrValue::from(p.name()), AttrValue::from(p.label(locale))))
        .collect::<Vec<_>>();
    let onchoose = {
        let onchoose = props.onchoose.clone();
        Callback::from(move |name: String| {
            if let Some(period) = Period::from_name(&name) {
                onchoose.emit(period);
            }
        })
    };
    html! {
        <ChoiceField
            id={props.id.clone()}
            label={props.label.clone()}
            {options}
            selected={props.selected.name()}
            {onchoose}
        />
    }
}
