use retention_core::{DateFormat, Locale, Mapping, Preview};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{
    columns_shown, date_format_name, delimiter_name, import_text, use_words, ImportText as T,
};

/// The most columns the preview draws and each column menu offers; a search finds the others.
const SHOWN_COLUMNS: usize = 50;

/// The rows of the preview table.
const PREVIEW_ROWS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct MappingFormProps {
    pub preview: Preview,
    pub mapping: Mapping,
    pub disabled: bool,
    pub onchange: Callback<Mapping>,
}

/// The first rows, and which column is what.
#[component]
pub fn MappingForm(props: &MappingFormProps) -> Html {
    let (preview, mapping) = (&props.preview, props.mapping);
    let locale = use_words().locale;
    let search = use_state(String::new);
    let column_name = |i: usize| match preview.columns.get(i).map(|c| c.name.trim()) {
        Some(name) if !name.is_empty() && preview.has_header => format!("{} ({})", i + 1, name),
        _ => format!("{}", i + 1),
    };
    // The columns that match the search, at most SHOWN_COLUMNS, and the chosen ones always.
    let wanted = search.trim().to_lowercase();
    let mut shown: Vec<usize> = (0..mapping.columns)
        .filter(|&i| wanted.is_empty() || column_name(i).to_lowercase().contains(&wanted))
        .take(SHOWN_COLUMNS)
        .collect();
    for chosen in [mapping.customer, mapping.date, mapping.amount] {
        if chosen < mapping.columns && !shown.contains(&chosen) {
            shown.push(chosen);
        }
    }
    shown.sort_unstable();
    let column = |id: &'static str, label: T, value: usize, set: fn(&mut Mapping, usize)| {
        let onchange = props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut m = mapping;
            set(&mut m, select.value().parse().unwrap_or(0));
            m
        });
        html! {
            <div class="rc-field rc-choice">
                <label for={id}>{ import_text(label, locale) }</label>
                <select {id} {onchange} disabled={props.disabled}>
                    { for shown.iter().map(|&i| html! {
                        <option value={i.to_string()} selected={i == value}>{ column_name(i) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let on_date_format = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let i: usize = select.value().parse().unwrap_or(0);
        Mapping {
            date_format: DateFormat::ALL[i.min(DateFormat::ALL.len() - 1)],
            ..mapping
        }
    });
    let on_amounts = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let locale = Locale::from_tag(&select.value()).unwrap_or(Locale::En);
        Mapping { locale, ..mapping }
    });
    let on_header = props.onchange.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Mapping {
            has_header: input.checked(),
            ..mapping
        }
    });
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            search.set(input.value());
        })
    };
    let ambiguous = preview
        .columns
        .get(mapping.date)
        .is_some_and(|c| c.date_ambiguous);
    let wide = mapping.columns > SHOWN_COLUMNS;
    html! {
        <div class="rc-mapping">
            if preview.mapping.is_none() {
                <p class="rc-hint">{ import_text(T::MapMissing, locale) }</p>
            }
            if wide {
                <div class="rc-field">
                    <label for="rc-map-search">{ import_text(T::FindColumn, locale) }</label>
                    <input id="rc-map-search" type="search" autocomplete="off" value={(*search).clone()} oninput={on_search} />
                    <p class="rc-hint" data-columns-shown={shown.len().to_string()}>{ columns_shown(shown.len(), mapping.columns, locale) }</p>
                </div>
            }
            <div class="rc-table-wrap">
                <table class="rc-table rc-preview" data-preview="">
                    <caption>{ format!("{} ({})", import_text(T::Preview, locale), delimiter_name(mapping.delimiter, locale)) }</caption>
                    <thead>
                        <tr>{ for shown.iter().map(|&i| html! { <th scope="col">{ column_name(i) }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for preview.rows.iter().take(PREVIEW_ROWS).map(|row| html! {
                            <tr>{ for shown.iter().map(|&i| html! { <td>{ row.get(i).cloned().unwrap_or_default() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="rc-mapping-fields">
                { column("rc-map-customer", T::MapCustomer, mapping.customer, |m, v| m.customer = v) }
                { column("rc-map-date", T::MapDate, mapping.date, |m, v| m.date = v) }
                { column("rc-map-amount", T::MapAmount, mapping.amount, |m, v| m.amount = v) }
                <div class="rc-field rc-choice">
                    <label for="rc-map-date-format">{ import_text(T::MapDateFormat, locale) }</label>
                    <select id="rc-map-date-format" onchange={on_date_format} disabled={props.disabled}>
                        { for DateFormat::ALL.iter().enumerate().map(|(i, f)| html! {
                            <option value={i.to_string()} selected={*f == mapping.date_format}>{ date_format_name(*f, locale) }</option>
                        }) }
                    </select>
                </div>
                <div class="rc-field rc-choice">
                    <label for="rc-map-amounts">{ import_text(T::MapAmounts, locale) }</label>
                    <select id="rc-map-amounts" onchange={on_amounts} disabled={props.disabled}>
                        <option value="nl" selected={mapping.locale == Locale::Nl}>{ "1.234,56" }</option>
                        <option value="en" selected={mapping.locale == Locale::En}>{ "1,234.56" }</option>
                    </select>
                </div>
                <div class="rc-field rc-check">
                    <input id="rc-map-header" type="checkbox" checked={mapping.has_header} onchange={on_header} disabled={props.disabled} />
                    <label for="rc-map-header">{ import_text(T::MapHeader, locale) }</label>
                </div>
            </div>
            if ambiguous {
                <p class="rc-hint rc-warning">{ import_text(T::DateAmbiguous, locale) }</p>
            }
        </div>
    }
}
