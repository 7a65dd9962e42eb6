use std::cell::RefCell;
use std::rc::Rc;

use retention_core::worker::{Download, Request, Response, Stage};
use retention_core::{ForecastOptions, Inputs, SummaryOptions};
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

use crate::components::import_results::ImportResults;
use crate::components::mapping_form::MappingForm;
use crate::export::save_csv;
use crate::i18n::{import_text, problem, stage_text, use_words, ImportText as T};
use crate::import::{ImportAction, ImportState, Problem};
use crate::worker::{Heard, ImportWorker};

/// How many inactive customers and forecast customers the page lists (the downloads have
/// them all).
const LIST_LIMIT: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    pub onfill: Callback<Inputs>,
}

/// Drop an order export, check how it is read, and let a worker turn it into figures. One
/// worker per file: it sniffs the file, reads it, and keeps the orders for other options
/// and downloads; ending it cancels.
#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let state = use_reducer(ImportState::default);
    let file = use_mut_ref(|| None::<File>);
    let worker: Rc<RefCell<Option<ImportWorker>>> = use_mut_ref(|| None);
    let locale = use_words().locale;

    let on_heard = {
        let state = state.clone();
        Callback::from(move |heard: Heard| {
            if let Heard::Response(response) = &heard {
                if let Response::File { file, text } = response.as_ref() {
                    save_csv(file.file_name(), text);
                }
            }
            state.dispatch(ImportAction::Heard(heard));
        })
    };
    // Sends `request` to the running worker, starting one if none runs.
    let send = {
        let (state, file, worker) = (state.clone(), file.clone(), worker.clone());
        Rc::new(move |request: Request| {
            let mut running = worker.borrow_mut();
            if running.is_none() {
                match ImportWorker::start(on_heard.clone()) {
                    Ok(w) => *running = Some(w),
                    Err(_) => return state.dispatch(ImportAction::Stopped(Problem::NeedsServer)),
                }
            }
            let file = file.borrow();
            let file = file.as_ref().filter(|_| request.reads_file());
            if let Some(w) = running.as_ref() {
                w.send(&request, file.map(|f| &**f));
            }
        })
    };
    let choose = {
        let (state, file, worker, send) =
            (state.clone(), file.clone(), worker.clone(), send.clone());
        Callback::from(move |chosen: File| {
            // A fresh worker per file.
            worker.borrow_mut().take();
            state.dispatch(ImportAction::Chose {
                file_name: chosen.name(),
            });
            *file.borrow_mut() = Some(chosen);
            send(Request::Preview { sheet: None });
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
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(f) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0))
        {
            choose.emit(f);
        }
    });
    let analyse = {
        let (state, send) = (state.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(mapping) = state.mapping.clone() else {
                return;
            };
            state.dispatch(ImportAction::Started);
            send(Request::Import {
                mapping,
                summary: listed(state.options),
                forecast: ForecastOptions {
                    top: LIST_LIMIT as usize,
                    ..ForecastOptions::default()
                },
            });
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
    let imported = state.summary.is_some();
    let onoptions = {
        let (state, send) = (state.clone(), send.clone());
        Callback::from(move |options| {
            state.dispatch(ImportAction::SetOptions(options));
            if imported {
                send(Request::Summarise(listed(options)));
            }
        })
    };
    let ondownload = {
        let state = state.clone();
        Callback::from(move |file: Download| {
            send(Request::Download {
                file,
                options: state.options,
                locale,
            })
        })
    };

    let running = state.running.is_some();
    html! {
        <section class="rc-section rc-import" aria-labelledby="rc-import-title" data-section="import">
            <h3 id="rc-import-title">{ import_text(T::Title, locale) }</h3>
            <p class="rc-hint">{ import_text(T::Help, locale) }</p>
            <div class="rc-drop" {ondragover} {ondrop}>
                <label class="rc-button" for="rc-import-file">{ import_text(T::Choose, locale) }</label>
                <input id="rc-import-file" class="rc-visually-hidden" type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,text/plain" {onchange} />
                <span>{ import_text(T::Drop, locale) }</span>
                if let Some(name) = &state.file_name {
                    <strong class="rc-file-name">{ name.clone() }</strong>
                }
            </div>
            if state.previewing {
                <p class="rc-hint" role="status">{ import_text(T::Previewing, locale) }</p>
            }
            if let (Some(preview), Some(mapping)) = (&state.preview, state.mapping.clone()) {
                <MappingForm
                    preview={preview.clone()}
                    {mapping}
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
                    <label for="rc-import-progress">{ stage_text(stage, locale) }</label>
                    <progress id="rc-import-progress" max="100" value={format!("{:.0}", progress(stage, fraction) * 100.0)} />
                </div>
            }
            if let Some(p) = &state.problem {
                <p class="rc-import-problem" role="alert">{ problem(p, locale) }</p>
            }
            <ImportResults
                read={state.read.clone()}
                summary={state.summary.clone()}
                forecast={state.forecast.clone()}
                segments={state.segments.clone()}
                options={state.options}
                {onoptions}
                {ondownload}
                onfill={props.onfill.clone()}
            />
        </section>
    }
}

/// `options` with the page's cut of the inactive list.
fn listed(options: SummaryOptions) -> SummaryOptions {
    SummaryOptions {
        inactive_limit: Some(LIST_LIMIT),
        ..options
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
