use retention_core::{MemberMapping, MemberPreview};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::read_options::{ReadOptions, Reading};
use crate::i18n::{
    delimiter_name, import_text, member_import_text, use_words, ImportText, MemberImportText as T,
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
    let onreading = props.onchange.reform(move |r: Reading| MemberMapping {
        date_format: r.date_format,
        locale: r.locale,
        has_header: r.has_header,
        ..mapping
    });
    let reading = Reading {
        date_format: mapping.date_format,
        locale: mapping.locale,
        has_header: mapping.has_header,
    };
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
                <ReadOptions
                    id="rc-mi"
                    {reading}
                    date_label={member_import_text(T::DateFormat, locale)}
                    amounts_label={mapping.fee.is_some().then(|| AttrValue::from(member_import_text(T::FeeColumn, locale)))}
                    header_label={member_import_text(T::HasHeader, locale)}
                    disabled={props.disabled}
                    onchange={onreading}
                />
            </div>
        </div>
    }
}
