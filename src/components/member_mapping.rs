use retention_core::{DateFormat, Locale, MemberMapping, MemberPreview};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{
    date_format_name, delimiter_name, import_text, member_import_text, use_words, ImportText,
    MemberImportText as T,
};

/// The rows of the preview table.
const PREVIEW_ROWS: usize = 5;
/// The most columns each menu offers.
const SHOWN_COLUMNS: usize = 50;

#[derive(Properties, PartialEq)]
pub struct MemberMappingProps {
    pub preview: MemberPreview,
    pub mapping: MemberMapping,
    pub disabled: bool,
    pub onchange: Callback<MemberMapping>,
    /// The sheet shown, for a workbook; `None` is the first.
    #[prop_or_default]
    pub sheet: Option<String>,
    /// Another sheet of the workbook was chosen.
    #[prop_or_default]
    pub onsheet: Callback<String>,
}

/// The first rows of a member export, and which column is what: the sniffed guess, to change.
#[component]
pub fn MemberMappingForm(props: &MemberMappingProps) -> Html {
    let (preview, mapping) = (&props.preview, props.mapping);
    let locale = use_words().locale;
    let shown = mapping.columns.min(SHOWN_COLUMNS);
    let column_name = |i: usize| match preview.columns.get(i).map(|c| c.name.trim()) {
        Some(name) if !name.is_empty() && mapping.has_header => format!("{} ({})", i + 1, name),
        _ => format!("{}", i + 1),
    };
    // A menu of columns; `optional` adds "(none)" as the empty value.
    let column = |id: &'static str,
                  label: T,
                  value: Option<usize>,
                  optional: bool,
                  set: fn(&mut MemberMapping, Option<usize>)| {
        let onchange = props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut m = mapping;
            set(&mut m, select.value().parse().ok());
            m
        });
        html! {
            <div class="rc-field rc-choice">
                <label for={id}>{ member_import_text(label, locale) }</label>
                <select {id} {onchange} disabled={props.disabled} data-column={value.map(|v| v.to_string())}>
                    if optional {
                        <option value="" selected={value.is_none()}>{ member_import_text(T::NoColumn, locale) }</option>
                    }
                    { for (0..shown).chain(value.filter(|&v| v >= shown)).map(|i| html! {
                        <option value={i.to_string()} selected={Some(i) == value}>{ column_name(i) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let on_date_format = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let i: usize = select.value().parse().unwrap_or(0);
        MemberMapping {
            date_format: DateFormat::ALL[i.min(DateFormat::ALL.len() - 1)],
            ..mapping
        }
    });
    let on_amounts = props.onchange.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        MemberMapping {
            locale: Locale::from_tag(&select.value()).unwrap_or(Locale::En),
            ..mapping
        }
    });
    let on_header = props.onchange.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        MemberMapping {
            has_header: input.checked(),
            ..mapping
        }
    });
    let on_sheet = props.onsheet.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    let sheet = props.sheet.as_ref().or(preview.sheets.first());
    html! {
        <div class="rc-mapping" data-member-mapping="">
            if preview.sheets.len() > 1 {
                <div class="rc-field rc-choice">
                    <label for="rc-mi-sheet">{ import_text(ImportText::Sheet, locale) }</label>
                    <select id="rc-mi-sheet" onchange={on_sheet} disabled={props.disabled}>
                        { for preview.sheets.iter().map(|s| html! {
                            <option value={s.clone()} selected={Some(s) == sheet}>{ s.clone() }</option>
                        }) }
                    </select>
                </div>
            }
            <div class="rc-table-wrap">
                <table class="rc-table rc-preview">
                    <caption>{ format!("{}: {}", member_import_text(T::Delimiter, locale), delimiter_name(mapping.delimiter, locale)) }</caption>
                    <thead>
                        <tr>{ for (0..shown).map(|i| html! { <th scope="col">{ column_name(i) }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for preview.rows.iter().take(PREVIEW_ROWS).map(|row| html! {
                            <tr>{ for (0..shown).map(|i| html! { <td>{ row.get(i).cloned().unwrap_or_default() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="rc-mapping-fields">
                { column("rc-mi-member", T::MemberColumn, Some(mapping.member), false, |m, v| m.member = v.unwrap_or(0)) }
                { column("rc-mi-start", T::StartColumn, Some(mapping.start), false, |m, v| m.start = v.unwrap_or(0)) }
                { column("rc-mi-end", T::EndColumn, mapping.end, true, |m, v| m.end = v) }
                { column("rc-mi-fee", T::FeeColumn, mapping.fee, true, |m, v| m.fee = v) }
                { column("rc-mi-plan", T::PlanColumn, mapping.plan, true, |m, v| m.plan = v) }
                <div class="rc-field rc-choice">
                    <label for="rc-mi-date-format">{ member_import_text(T::DateFormat, locale) }</label>
                    <select id="rc-mi-date-format" onchange={on_date_format} disabled={props.disabled}>
                        { for DateFormat::ALL.iter().enumerate().map(|(i, f)| html! {
                            <option value={i.to_string()} selected={*f == mapping.date_format}>{ date_format_name(*f, locale) }</option>
                        }) }
                    </select>
                </div>
                if mapping.fee.is_some() {
                    <div class="rc-field rc-choice">
                        <label for="rc-mi-amounts">{ member_import_text(T::FeeColumn, locale) }</label>
                        <select id="rc-mi-amounts" onchange={on_amounts} disabled={props.disabled}>
                            <option value="nl" selected={mapping.locale == Locale::Nl}>{ "1.234,56" }</option>
                            <option value="en" selected={mapping.locale == Locale::En}>{ "1,234.56" }</option>
                        </select>
                    </div>
                }
                <div class="rc-field rc-check">
                    <input id="rc-mi-header" type="checkbox" checked={mapping.has_header} onchange={on_header} disabled={props.disabled} />
                    <label for="rc-mi-header">{ member_import_text(T::HasHeader, locale) }</label>
                </div>
            </div>
        </div>
    }
}
