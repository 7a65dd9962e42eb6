use std::cell::RefCell;
use std::rc::Rc;

use retention_core::{sniff_orders, Currency, DateFormat, Inputs, Locale, Mapping, SummaryOptions};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::import_results::ImportResults;
use crate::export::save_csv;
use crate::i18n::{date_format_name, import_text, ImportText as T};
use crate::import::{delimiter_symbol, ImportAction, ImportState, Problem};
use crate::worker::{object, ImportWorker, Message, Stage};

/// How much of the file the sniffer sees.
const HEAD_BYTES: i32 = 64 * 1024;
/// How many inactive customers the page lists (the download has them all).
const LIST_LIMIT: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    pub locale: Locale,
    pub currency: Currency,
    pub onfill: Callback<Inputs>,
}

/// Drop an order export, check how it is read, and let a worker turn it into figures.
#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let state = use_reducer(ImportState::default);
    let file = use_mut_ref(|| None::<File>);
    let worker: Rc<RefCell<Option<ImportWorker>>> = use_mut_ref(|| None);
    let locale = props.locale;

    let choose = {
        let (state, file) = (state.clone(), file.clone());
        Callback::from(move |chosen: File| {
            let (state, file) = (state.clone(), file.clone());
            let name = chosen.name();
            *file.borrow_mut() = Some(chosen.clone());
            spawn_local(async move {
                let head = read_head(&chosen).await.unwrap_or_default();
                state.dispatch(ImportAction::Previewed {
                    file_name: name,
                    preview: Box::new(sniff_orders(&head)),
                });
            });
        })
    };
    let onchange = {
        let choose = choose.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|files| files.get(0)) {
                choose.emit(f);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let choose = choose.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|files| files.get(0))
            {
                choose.emit(f);
            }
        })
    };

    let on_message = {
        let state = state.clone();
        Callback::from(move |message: Message| {
            if let Message::Csv { what, text } = &message {
                save_csv(&format!("{what}.csv"), text);
            }
            state.dispatch(ImportAction::Worker(message));
        })
    };
    let analyse = {
        let (state, file, worker) = (state.clone(), file.clone(), worker.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(f), Some(mapping)) = (file.borrow().clone(), state.mapping.clone()) else {
                return;
            };
            // A fresh worker per import: cancelling is ending it.
            worker.borrow_mut().take();
            match ImportWorker::start(on_message.clone()) {
                Ok(w) => {
                    state.dispatch(ImportAction::Started);
                    w.post(&object(&[
                        ("type", "import".into()),
                        ("file", f.into()),
                        ("mapping", to_js(&mapping)),
                        ("summaryOptions", to_js(&listed(state.options))),
                        ("forecastOptions", object(&[("top", 20.into())])),
                    ]));
                    *worker.borrow_mut() = Some(w);
                }
                Err(_) => state.dispatch(ImportAction::Stopped(Problem::NeedsServer)),
            }
        })
    };
    let cancel = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |_: MouseEvent| {
            worker.borrow_mut().take();
            state.dispatch(ImportAction::Stopped(Problem::Cancelled));
        })
    };
    let reset = {
        let (state, worker, file) = (state.clone(), worker.clone(), file.clone());
        Callback::from(move |_: MouseEvent| {
            worker.borrow_mut().take();
            file.borrow_mut().take();
            state.dispatch(ImportAction::Reset);
        })
    };
    let onoptions = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |options| {
            state.dispatch(ImportAction::SetOptions(options));
            if let Some(w) = worker.borrow().as_ref() {
                w.post(&object(&[
                    ("type", "summarise".into()),
                    ("summaryOptions", to_js(&listed(options))),
                ]));
            }
        })
    };
    let ondownload = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |what: &'static str| {
            if let Some(w) = worker.borrow().as_ref() {
                w.post(&object(&[
                    ("type", "csv".into()),
                    ("what", what.into()),
                    ("summaryOptions", to_js(&state.options)),
                    ("locale", locale.code().into()),
                ]));
            }
        })
    };

    let running = state.running.is_some();
    html! {
        <section class="rc-section rc-import" aria-labelledby="rc-import-title" data-section="import">
            <h3 id="rc-import-title">{ import_text(T::Title, locale) }</h3>
            <p class="rc-hint">{ import_text(T::Help, locale) }</p>
            <div class="rc-drop" {ondragover} {ondrop}>
                <label class="rc-button" for="rc-import-file">{ import_text(T::Choose, locale) }</label>
                <input id="rc-import-file" class="rc-visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" {onchange} />
                <span>{ import_text(T::Drop, locale) }</span>
                if let Some(name) = &state.file_name {
                    <strong class="rc-file-name">{ name.clone() }</strong>
                }
            </div>
            if let (Some(preview), Some(mapping)) = (&state.preview, state.mapping.clone()) {
                <MappingForm
                    preview={preview.clone()}
                    {mapping}
                    {locale}
                    disabled={running}
                    onchange={state.dispatcher().to_callback().reform(ImportAction::SetMapping)}
                />
                <div class="rc-actions">
                    <button type="button" data-action="analyse" onclick={analyse} disabled={running}>{ import_text(T::Analyse, locale) }</button>
                    if running {
                        <button type="button" data-action="cancel" onclick={cancel}>{ import_text(T::Cancel, locale) }</button>
                    } else {
                        <button type="button" data-action="another" onclick={reset}>{ import_text(T::Another, locale) }</button>
                    }
                </div>
            }
            if let Some((stage, fraction)) = state.running {
                <div class="rc-progress" role="status">
                    <label for="rc-import-progress">{ import_text(stage_text(stage), locale) }</label>
                    <progress id="rc-import-progress" max="100" value={format!("{:.0}", progress(stage, fraction) * 100.0)} />
                </div>
            }
            if let Some(problem) = &state.problem {
                <p class="rc-import-problem" role="alert">{ match problem {
                    Problem::NeedsServer => import_text(T::NeedsServer, locale).to_string(),
                    Problem::Cancelled => import_text(T::Cancelled, locale).to_string(),
                    Problem::Failed(message) => message.clone(),
                } }</p>
            }
            <ImportResults
                stats={state.stats.clone()}
                summary={state.summary.clone()}
                forecasted={state.forecasted.clone()}
                options={state.options}
                {locale}
                currency={props.currency}
                {onoptions}
                {ondownload}
                onfill={props.onfill.clone()}
            />
        </section>
    }
}

/// The first 64 KB of `file` as text, cut after its last complete line.
async fn read_head(file: &File) -> Result<String, JsValue> {
    let blob = file.slice_with_i32_and_i32(0, HEAD_BYTES)?;
    let text = JsFuture::from(blob.text())
        .await?
        .as_string()
        .unwrap_or_default();
    if file.size() <= f64::from(HEAD_BYTES) {
        return Ok(text);
    }
    Ok(match text.rfind('\n') {
        Some(end) => text[..=end].to_string(),
        None => text,
    })
}

/// `options` with the page's cut of the inactive list.
fn listed(options: SummaryOptions) -> SummaryOptions {
    SummaryOptions {
        inactive_limit: Some(LIST_LIMIT),
        ..options
    }
}

fn to_js(value: &impl serde::Serialize) -> JsValue {
    serde_wasm_bindgen::to_value(value).unwrap_or(JsValue::NULL)
}

fn stage_text(stage: Stage) -> T {
    match stage {
        Stage::Read => T::StageRead,
        Stage::Parse => T::StageParse,
        Stage::Summarise => T::StageSummarise,
        Stage::Forecast => T::StageForecast,
    }
}

/// One bar for the whole import: reading is quick, parsing most of it, then the counting and
/// the model.
fn progress(stage: Stage, fraction: f64) -> f64 {
    match stage {
        Stage::Read => 0.05 * fraction,
        Stage::Parse => 0.05 + 0.65 * fraction,
        Stage::Summarise => 0.75,
        Stage::Forecast => 0.85,
    }
}

#[derive(Properties, PartialEq)]
struct MappingFormProps {
    preview: retention_core::Preview,
    mapping: Mapping,
    locale: Locale,
    disabled: bool,
    onchange: Callback<Mapping>,
}

/// The first rows, and which column is what.
#[component]
fn MappingForm(props: &MappingFormProps) -> Html {
    let (preview, mapping, locale) = (&props.preview, props.mapping.clone(), props.locale);
    let column_name = |i: usize| match preview.columns.get(i).map(|c| c.name.trim()) {
        Some(name) if !name.is_empty() && preview.has_header => format!("{} ({})", i + 1, name),
        _ => format!("{}", i + 1),
    };
    let column = |id: &'static str, label: T, value: usize, set: fn(&mut Mapping, usize)| {
        let columns = mapping.columns;
        let mapping = mapping.clone();
        let onchange = props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut m = mapping.clone();
            set(&mut m, select.value().parse().unwrap_or(0));
            m
        });
        html! {
            <div class="rc-field rc-choice">
                <label for={id}>{ import_text(label, locale) }</label>
                <select {id} {onchange} disabled={props.disabled}>
                    { for (0..columns).map(|i| html! {
                        <option value={i.to_string()} selected={i == value}>{ column_name(i) }</option>
                    }) }
                </select>
            </div>
        }
    };
    let date_formats = DateFormat::ALL;
    let on_date_format = {
        let mapping = mapping.clone();
        props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let i: usize = select.value().parse().unwrap_or(0);
            Mapping {
                date_format: date_formats[i.min(date_formats.len() - 1)],
                ..mapping.clone()
            }
        })
    };
    let on_amounts = {
        let mapping = mapping.clone();
        props.onchange.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let locale = Locale::from_tag(&select.value()).unwrap_or(Locale::En);
            Mapping {
                locale,
                ..mapping.clone()
            }
        })
    };
    let on_header = {
        let mapping = mapping.clone();
        props.onchange.reform(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Mapping {
                has_header: input.checked(),
                ..mapping.clone()
            }
        })
    };
    // Until the mapping form shows every role: the buyer is the id, else the e-mail, else
    // the name; what an order is worth is the total, else the line amount, else the unit
    // price (times the quantity). Choosing another column makes it the only one.
    let buyer = mapping
        .customer
        .or(mapping.email)
        .or(mapping.name)
        .unwrap_or(0);
    let worth = mapping
        .total
        .or(mapping.amount)
        .or(mapping.unit_price)
        .unwrap_or(0);
    let ambiguous = preview
        .columns
        .get(mapping.date)
        .is_some_and(|c| c.date_ambiguous);
    html! {
        <div class="rc-mapping">
            if preview.mapping.is_none() {
                <p class="rc-hint">{ import_text(T::MapMissing, locale) }</p>
            }
            <div class="rc-table-wrap">
                <table class="rc-table rc-preview" data-preview="">
                    <caption>{ format!("{} ({})", import_text(T::Preview, locale), delimiter_symbol(mapping.delimiter)) }</caption>
                    <thead>
                        <tr>{ for (0..mapping.columns).map(|i| html! { <th scope="col">{ column_name(i) }</th> }) }</tr>
                    </thead>
                    <tbody>
                        { for preview.rows.iter().take(5).map(|row| html! {
                            <tr>{ for row.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="rc-mapping-fields">
                { column("rc-map-customer", T::MapCustomer, buyer, |m, v| {
                    (m.customer, m.email, m.name) = (Some(v), None, None);
                }) }
                { column("rc-map-date", T::MapDate, mapping.date, |m, v| m.date = v) }
                { column("rc-map-amount", T::MapAmount, worth, |m, v| {
                    let by_order = m.order.is_some();
                    (m.total, m.amount, m.quantity, m.unit_price) = (by_order.then_some(v), (!by_order).then_some(v), None, None);
                }) }
                <div class="rc-field rc-choice">
                    <label for="rc-map-date-format">{ import_text(T::MapDateFormat, locale) }</label>
                    <select id="rc-map-date-format" onchange={on_date_format} disabled={props.disabled}>
                        { for date_formats.iter().enumerate().map(|(i, f)| html! {
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
