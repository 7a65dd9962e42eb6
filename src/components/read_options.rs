use retention_core::{DateFormat, Locale};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{date_format_name, use_words};

/// How a file's cells are read, as chosen in [`ReadOptions`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub date_format: DateFormat,
    /// The amounts' number habits: `1.234,56` (Dutch) or `1,234.56` (English).
    pub locale: Locale,
    pub has_header: bool,
}

#[derive(Properties, PartialEq)]
pub struct ReadOptionsProps {
    /// What the fields' ids start with: `{id}-date-format`, `{id}-amounts`, `{id}-header`.
    pub id: &'static str,
    pub reading: Reading,
    pub date_label: AttrValue,
    /// The amounts menu's label; without it the menu is left out.
    #[prop_or_default]
    pub amounts_label: Option<AttrValue>,
    pub header_label: AttrValue,
    pub disabled: bool,
    pub onchange: Callback<Reading>,
}

/// The menus of an import's mapping that say how cells are read: the date format, the
/// amounts' number habits, and whether the first row is a header.
#[component]
pub fn ReadOptions(props: &ReadOptionsProps) -> Html {
    let locale = use_words().locale;
    let reading = props.reading;
    let on_date_format = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let i: usize = select.value().parse().unwrap_or(0);
        Reading {
            date_format: DateFormat::ALL[i.min(DateFormat::ALL.len() - 1)],
            ..reading
        }
    });
    let on_amounts = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Reading {
            locale: Locale::from_tag(&select.value()).unwrap_or(Locale::En),
            ..reading
        }
    });
    let on_header = props.onchange.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Reading {
            has_header: input.checked(),
            ..reading
        }
    });
    let id = props.id;
    html! {
        <>
            <div class="rc-field rc-choice">
                <label for={format!("{id}-date-format")}>{ props.date_label.clone() }</label>
                <select id={format!("{id}-date-format")} onchange={on_date_format} disabled={props.disabled}>
                    { for DateFormat::ALL.iter().enumerate().map(|(i, f)| html! {
                        <option value={i.to_string()} selected={*f == reading.date_format}>{ date_format_name(*f, locale) }</option>
                    }) }
                </select>
            </div>
            if let Some(label) = &props.amounts_label {
                <div class="rc-field rc-choice">
                    <label for={format!("{id}-amounts")}>{ label.clone() }</label>
                    <select id={format!("{id}-amounts")} onchange={on_amounts} disabled={props.disabled}>
                        <option value="nl" selected={reading.locale == Locale::Nl}>{ "1.234,56" }</option>
                        <option value="en" selected={reading.locale == Locale::En}>{ "1,234.56" }</option>
                    </select>
                </div>
            }
            <div class="rc-field rc-check">
                <input id={format!("{id}-header")} type="checkbox" checked={reading.has_header} onchange={on_header} disabled={props.disabled} />
                <label for={format!("{id}-header")}>{ props.header_label.clone() }</label>
            </div>
        </>
    }
}
