use retention_core::{left_out_by_default, normalise_status, Mapping, Preview, StatusCount};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::read_options::{ReadOptions, Reading};
use crate::i18n::{
    columns_shown, counting_rule, delimiter_name, import_text, looks_like, mapping_problem,
    status_line, use_words, ImportText as T,
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
    /// The orders per status the last import counted, when there was one: the status list
    /// then shows orders rather than sampled rows.
    #[prop_or_default]
    pub statuses: Option<Vec<StatusCount>>,
    /// A status was moved in or out: the figures are counted again.
    pub onstatuses: Callback<Mapping>,
    /// The sheet shown, for a workbook.
    #[prop_or_default]
    pub sheet: Option<String>,
    pub onsheet: Callback<String>,
}

/// A role of a column in the mapping: its field id, label and place in [`Mapping`].
struct Role {
    id: &'static str,
    label: T,
    get: fn(&Mapping) -> Option<usize>,
    set: fn(&mut Mapping, Option<usize>),
}

/// Every role the form offers, in the order a person checks them: who, when, which order,
/// what it is worth, and what leaves it out or lowers it. The date is the one role every
/// import has; the others may be "none".
const ROLES: [Role; 12] = [
    Role {
        id: "rc-map-customer",
        label: T::MapCustomer,
        get: |m| m.customer,
        set: |m, v| m.customer = v,
    },
    Role {
        id: "rc-map-email",
        label: T::MapEmail,
        get: |m| m.email,
        set: |m, v| m.email = v,
    },
    Role {
        id: "rc-map-name",
        label: T::MapName,
        get: |m| m.name,
        set: |m, v| m.name = v,
    },
    Role {
        id: "rc-map-date",
        label: T::MapDate,
        get: |m| Some(m.date),
        set: |m, v| m.date = v.unwrap_or(m.date),
    },
    Role {
        id: "rc-map-order",
        label: T::MapOrder,
        get: |m| m.order,
        set: |m, v| m.order = v,
    },
    Role {
        id: "rc-map-total",
        label: T::MapTotal,
        get: |m| m.total,
        set: |m, v| m.total = v,
    },
    Role {
        id: "rc-map-amount",
        label: T::MapAmount,
        get: |m| m.amount,
        set: |m, v| m.amount = v,
    },
    Role {
        id: "rc-map-quantity",
        label: T::MapQuantity,
        get: |m| m.quantity,
        set: |m, v| m.quantity = v,
    },
    Role {
        id: "rc-map-unit-price",
        label: T::MapUnitPrice,
        get: |m| m.unit_price,
        set: |m, v| m.unit_price = v,
    },
    Role {
        id: "rc-map-status",
        label: T::MapStatus,
        get: |m| m.status,
        set: |m, v| m.status = v,
    },
    Role {
        id: "rc-map-cancelled-at",
        label: T::MapCancelledAt,
        get: |m| m.cancelled_at,
        set: |m, v| m.cancelled_at = v,
    },
    Role {
        id: "rc-map-refunded",
        label: T::MapRefunded,
        get: |m| m.refunded,
        set: |m, v| m.refunded = v,
    },
];

/// The first rows, and which column is what.
#[component]
pub fn MappingForm(props: &MappingFormProps) -> Html {
    let (preview, mapping) = (&props.preview, &props.mapping);
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
    for (chosen, _) in mapping.roles() {
        if chosen < mapping.columns && !shown.contains(&chosen) {
            shown.push(chosen);
        }
    }
    if let Some(c) = mapping
        .cancelled_at
        .filter(|&c| c < mapping.columns && !shown.contains(&c))
    {
        shown.push(c);
    }
    shown.sort_unstable();
    let role = |r: &Role| {
        let (m, set) = (mapping.clone(), r.set);
        let onchange = props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut m = m.clone();
            set(&mut m, select.value().parse().ok());
            m
        });
        let value = (r.get)(mapping);
        let optional = r.id != "rc-map-date";
        html! {
            <div class="rc-field rc-choice">
                <label for={r.id}>{ import_text(r.label, locale) }</label>
                <select id={r.id} {onchange} disabled={props.disabled}>
                    if optional {
                        <option value="" selected={value.is_none()}>{ import_text(T::MapNone, locale) }</option>
                    }
                    { for shown.iter().map(|&i| html! {
                        <option value={i.to_string()} selected={Some(i) == value}>{ column_name(i) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let onreading = {
        let m = mapping.clone();
        props.onchange.reform(move |r: Reading| Mapping {
            date_format: r.date_format,
            locale: r.locale,
            has_header: r.has_header,
            ..m.clone()
        })
    };
    let reading = Reading {
        date_format: mapping.date_format,
        locale: mapping.locale,
        has_header: mapping.has_header,
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            search.set(input.value());
        })
    };
    let on_sheet = props.onsheet.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    // The statuses: the import's counts of orders when there are, else the sample's rows.
    let statuses: Vec<(String, usize, bool)> = match &props.statuses {
        Some(counted) if !counted.is_empty() => counted
            .iter()
            .map(|s| (s.status.clone(), s.orders, true))
            .collect(),
        _ => preview
            .statuses
            .iter()
            .map(|s| (s.status.clone(), s.rows, false))
            .collect(),
    };
    let status_box = |(status, count, orders): &(String, usize, bool)| {
        let m = mapping.clone();
        let key = normalise_status(status);
        let id = format!(
            "rc-status-{}",
            key.replace(|c: char| !c.is_alphanumeric(), "-")
        );
        let onchange = {
            let key = key.clone();
            props.onstatuses.reform(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let mut m = m.clone();
                m.left_out.retain(|s| normalise_status(s) != key);
                if !input.checked() {
                    m.left_out.push(key.clone());
                }
                m
            })
        };
        html! {
            <label for={id.clone()} data-status={key}>
                <input {id} type="checkbox" checked={!mapping.leaves_out(status)} {onchange} disabled={props.disabled} />
                { status_line(status, *count, *orders, left_out_by_default(status), locale) }
            </label>
        }
    };
    let ambiguous = preview
        .columns
        .get(mapping.date)
        .is_some_and(|c| c.date_ambiguous);
    let wide = mapping.columns > SHOWN_COLUMNS;
    let sheet = props
        .sheet
        .as_ref()
        .or(mapping.sheet.as_ref())
        .or(preview.sheets.first());
    html! {
        <div class="rc-mapping">
            if preview.sheets.len() > 1 {
                <div class="rc-field rc-choice">
                    <label for="rc-map-sheet">{ import_text(T::Sheet, locale) }</label>
                    <select id="rc-map-sheet" onchange={on_sheet} disabled={props.disabled}>
                        { for preview.sheets.iter().map(|s| html! {
                            <option value={s.clone()} selected={Some(s) == sheet}>{ s.clone() }</option>
                        }) }
                    </select>
                </div>
            }
            if let Some(format) = preview.format {
                <p class="rc-hint" data-format={format!("{format:?}")}>{ looks_like(format, locale) }</p>
            }
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
            <p class="rc-scroll-hint" aria-hidden="true">{ import_text(T::ScrollHint, locale) }</p>
            <div class="rc-table-wrap" tabindex="0" role="region" aria-label={import_text(T::Preview, locale)}>
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
                { for ROLES.iter().map(role) }
                <ReadOptions
                    id="rc-map"
                    {reading}
                    date_label={import_text(T::MapDateFormat, locale)}
                    amounts_label={import_text(T::MapAmounts, locale)}
                    header_label={import_text(T::MapHeader, locale)}
                    disabled={props.disabled}
                    onchange={onreading}
                />
            </div>
            <p class="rc-hint" data-counting-rule={if mapping.order.is_some() { "order" } else { "customerDay" }}>{ counting_rule(mapping.order.is_some(), locale) }</p>
            if let Err(e) = mapping.check() {
                <p class="rc-hint rc-warning" data-mapping-problem={e.code()}>{ mapping_problem(&e, locale) }</p>
            }
            if mapping.status.is_some() && !statuses.is_empty() {
                <fieldset class="rc-statuses" data-statuses="">
                    <legend>{ import_text(T::StatusesTitle, locale) }</legend>
                    <p class="rc-hint">{ import_text(T::StatusesHelp, locale) }</p>
                    { for statuses.iter().map(status_box) }
                </fieldset>
            }
            if ambiguous {
                <p class="rc-hint rc-warning">{ import_text(T::DateAmbiguous, locale) }</p>
            }
        </div>
    }
}
