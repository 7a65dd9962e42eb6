use std::rc::Rc;

use retention_core::worker::{Download, ImportOptions, Request, Response, Stage};
use retention_core::{Field, ForecastOptions, Inputs, Mapping, SummaryOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, File};
use yew::prelude::*;

use crate::components::file_drop::FileDrop;
use crate::components::import_progress::ImportProgress;
use crate::components::import_results::ImportResults;
use crate::components::mapping_form::MappingForm;
use crate::components::summary_file_view::SummaryFileView;
use crate::components::warehouse_panel::WarehousePanel;
use crate::export::save_csv;
use crate::i18n::{example_question, import_text, use_words, ImportText as T};
use crate::import::{ImportAction, ImportState, Problem};
use crate::worker::{use_import_worker, Heard};

/// How many inactive customers and forecast customers the page lists (the downloads have
/// them all).
const LIST_LIMIT: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    pub onfill: Callback<Inputs>,
    /// The calculator's numbers now: to see what a fill changes, and whether the margin and
    /// CAC are still the example's.
    #[prop_or_default]
    pub current: Inputs,
    /// Empties a field of the calculator (the example's margin or CAC, when asked to).
    #[prop_or_default]
    pub onedit: Callback<(Field, String)>,
}

/// How long the fields a fill changed stay highlighted.
const HIGHLIGHT_MS: u32 = 4_000;

/// The fields the example fills that an import does not: margin and CAC.
const EXAMPLE_ONLY: [Field; 2] = [Field::Margin, Field::Cac];

/// Drop an order export, check how it is read, and let a worker turn it into figures. One
/// worker per file: it sniffs the file, reads it, and keeps the orders for other options
/// and downloads; ending it cancels.
#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let state = use_reducer(ImportState::default);
    let words = use_words();
    let locale = words.locale;
    let section = use_node_ref();
    // A fill waiting for the answer to "keep the example's margin and CAC?".
    let asking = use_state(|| None::<Inputs>);

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
    let runner = use_import_worker(
        on_heard,
        state
            .dispatcher()
            .to_callback()
            .reform(ImportAction::Stopped),
    );
    // The worker starts ahead of a file, as soon as someone comes near the import (pointer,
    // focus, a dragged file): not for every visitor, since it fetches the core's wasm.
    let warm = {
        let runner = runner.clone();
        Callback::from(move |()| runner.warm())
    };
    let onchoose = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |chosen: File| {
            state.dispatch(ImportAction::Chose {
                file_name: chosen.name(),
            });
            // A preview whose mapping leaves nothing to decide is followed by its import at
            // once, so that "analyse" finds it done (shown only if "analyse" asks for exactly
            // that import).
            let then = Some(import_options(state.options));
            runner.choose(chosen, Request::Preview { sheet: None, then });
        })
    };
    let import = {
        let (state, runner) = (state.clone(), runner.clone());
        Rc::new(move |mapping: Mapping| {
            state.dispatch(ImportAction::Started);
            runner.send(import_options(state.options).import(mapping));
        })
    };
    let analyse = {
        let (state, import) = (state.clone(), import.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(mapping) = state.mapping.clone() {
                import(mapping);
            }
        })
    };
    // A status moved in or out: after an import, the figures are counted again at once.
    let onstatuses = {
        let (state, import) = (state.clone(), import.clone());
        let imported = state.summary.is_some();
        Callback::from(move |mapping: Mapping| {
            state.dispatch(ImportAction::SetMapping(mapping.clone()));
            if imported && mapping.check().is_ok() {
                import(mapping);
            }
        })
    };
    let onsheet = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |sheet: String| {
            state.dispatch(ImportAction::ChoseSheet(sheet.clone()));
            runner.send(Request::Preview {
                sheet: Some(sheet),
                then: None,
            });
        })
    };
    // Fill the calculator, empty the example's margin and CAC if asked, then show the
    // answer with what changed highlighted.
    let fill = {
        let (onfill, onedit, section) =
            (props.onfill.clone(), props.onedit.clone(), section.clone());
        let current = props.current;
        Rc::new(move |inputs: Inputs, clear_example: bool| {
            let mut changed: Vec<Field> = Field::ALL
                .into_iter()
                .filter(|&f| inputs.get(f).is_some() && inputs.get(f) != current.get(f))
                .collect();
            onfill.emit(inputs);
            if clear_example {
                for field in EXAMPLE_ONLY {
                    onedit.emit((field, String::new()));
                    changed.push(field);
                }
            }
            if let Some(app) = section.cast::<Element>().and_then(|s| calculator_app(&s)) {
                show_changes(&app, &changed);
            }
        })
    };
    let onfill = {
        let (asking, fill, current) = (asking.clone(), fill.clone(), props.current);
        Callback::from(move |inputs: Inputs| {
            let example = Inputs::example();
            let from_example = EXAMPLE_ONLY
                .iter()
                .any(|&f| current.get(f).is_some() && current.get(f) == example.get(f));
            if from_example {
                asking.set(Some(inputs));
            } else {
                fill(inputs, false);
            }
        })
    };
    let question = (*asking).map(|inputs| {
        let answer = |clear: bool| {
            let (asking, fill) = (asking.clone(), fill.clone());
            Callback::from(move |_: MouseEvent| {
                asking.set(None);
                fill(inputs, clear);
            })
        };
        html! {
            <div class="rc-question" role="group" aria-labelledby="rc-fill-question" data-question="example">
                <p id="rc-fill-question">{ example_question(&props.current, words) }</p>
                <div class="rc-actions">
                    <button type="button" class="rc-primary" data-action="clear-example" onclick={answer(true)}>{ import_text(T::ClearExample, locale) }</button>
                    <button type="button" data-action="keep-example" onclick={answer(false)}>{ import_text(T::KeepExample, locale) }</button>
                </div>
            </div>
        }
    });
    let cancel = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            runner.cancel();
            state.dispatch(ImportAction::Stopped(Problem::Cancelled));
        })
    };
    let reset = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            runner.reset();
            state.dispatch(ImportAction::Reset);
        })
    };
    let imported = state.summary.is_some();
    let onoptions = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |options| {
            state.dispatch(ImportAction::SetOptions(options));
            if imported {
                runner.send(Request::Summarise(listed(options)));
            }
        })
    };
    let ondownload = {
        let state = state.clone();
        Callback::from(move |file: Download| {
            runner.send(Request::Download {
                file,
                options: state.options,
                locale,
            })
        })
    };

    let running = state.run.running.is_some();
    // The last fit's models, for the warehouse's scoring SQL.
    let fitted = state
        .forecast
        .as_ref()
        .and_then(|f| f.as_ref().ok())
        .map(|f| {
            let models = retention_core::Models {
                purchases: f.purchases,
                spend: f.spend,
            };
            (models, f.options.horizon_weeks)
        });
    html! {
        <section ref={section} class="rc-section rc-import" aria-labelledby="rc-import-title" data-section="import"
            onpointerenter={warm.reform(|_| ())} onfocusin={warm.reform(|_| ())} ondragenter={warm.reform(|_| ())}>
            <h3 id="rc-import-title">{ import_text(T::Title, locale) }</h3>
            <p class="rc-hint">{ import_text(T::Help, locale) }</p>
            <p class="rc-hint" data-bring="">{ import_text(T::WhatToBring, locale) }</p>
            <FileDrop id="rc-import-file" run={state.run.clone()} {onchoose}
                choose={import_text(T::Choose, locale)} drop={import_text(T::Drop, locale)} />
            if let (Some(preview), Some(mapping)) = (&state.preview, state.mapping.clone()) {
                <MappingForm
                    preview={preview.clone()}
                    mapping={mapping.clone()}
                    disabled={running}
                    onchange={state.dispatcher().to_callback().reform(ImportAction::SetMapping)}
                    statuses={state.read.as_ref().map(|r| r.statuses.clone())}
                    {onstatuses}
                    sheet={state.sheet.clone()}
                    {onsheet}
                />
                <div class="rc-actions">
                    <button type="button" data-action="analyse" onclick={analyse} disabled={running || mapping.check().is_err()}>{ import_text(T::Analyse, locale) }</button>
                    if running {
                        <button type="button" data-action="cancel" onclick={cancel}>{ import_text(T::Cancel, locale) }</button>
                    } else {
                        <button type="button" data-action="another" onclick={reset}>{ import_text(T::Another, locale) }</button>
                    }
                </div>
            }
            <ImportProgress
                id="rc-import-progress"
                running={state.run.running.map(|(stage, fraction)| (stage, progress(stage, fraction)))}
                problem={state.run.problem.clone()}
            />
            if let Some(read) = &state.summary_file {
                <SummaryFileView read={read.clone()} forecast={state.forecast.clone()} onfill={onfill.clone()} ondownload={ondownload.clone()} question={question.clone()} />
            }
            <ImportResults
                key={state.imports}
                read={state.read.clone()}
                summary={state.summary.clone()}
                forecast={state.forecast.clone().filter(|_| state.summary_file.is_none())}
                segments={state.segments.clone()}
                win_back={state.win_back.clone()}
                options={state.options}
                {onoptions}
                {ondownload}
                {onfill}
                {question}
            />
            <WarehousePanel models={fitted.map(|f| f.0)} horizon_weeks={fitted.map_or(52.0, |f| f.1)} />
        </section>
    }
}

/// Scrolls the calculator's answer into view and highlights the fields in `changed` for a
/// few seconds. The attribute is the page's own (no component renders it), so a render in
/// between keeps it.
/// The calculator that `section`'s tools belong to: the tools mount beside its root, in the
/// same shadow root (see `crate::tools`).
fn calculator_app(section: &Element) -> Option<Element> {
    let root = section
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()?;
    root.query_selector(".rc-root > .rc-app").ok().flatten()
}

fn show_changes(app: &Element, changed: &[Field]) {
    if let Ok(Some(answer)) = app.query_selector(".rc-answer") {
        answer.scroll_into_view_with_bool(true);
    }
    let mut marked = Vec::new();
    for field in changed {
        if let Ok(Some(el)) = app.query_selector(&format!("[data-field=\"{}\"]", field.name())) {
            let _ = el.set_attribute("data-changed", "");
            marked.push(el);
        }
    }
    gloo::timers::callback::Timeout::new(HIGHLIGHT_MS, move || {
        for el in marked {
            let _ = el.remove_attribute("data-changed");
        }
    })
    .forget();
}

/// How the page imports a file, counted with `options`.
fn import_options(options: SummaryOptions) -> ImportOptions {
    ImportOptions {
        summary: listed(options),
        forecast: ForecastOptions {
            top: LIST_LIMIT as usize,
            ..ForecastOptions::default()
        },
    }
}

/// `options` with the page's cut of the inactive list.
fn listed(options: SummaryOptions) -> SummaryOptions {
    SummaryOptions {
        inactive_limit: Some(LIST_LIMIT),
        ..options
    }
}

/// One bar for the whole import: reading is quick, parsing most of it, then the model and
/// the counting.
fn progress(stage: Stage, fraction: f64) -> f64 {
    match stage {
        Stage::Read => 0.05 * fraction,
        Stage::Parse => 0.05 + 0.65 * fraction,
        Stage::Forecast => 0.75,
        Stage::Summarise => 0.85,
    }
}
