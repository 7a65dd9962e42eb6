use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use retention_core::{decode_text, NpsField};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::nps_state::{
    FileProblem, Mode, SurveyEdit, SurveyFile, SurveyInput, SurveyRead, MAX_FILE_BYTES,
};
use crate::i18n::{
    answers_read, bad_answer, column_problem, count_label, file_problem, more_bad, nps_error,
    nps_text, use_words, windows_1252, NpsText,
};

/// The bad answers listed under the field; the rest are counted.
const SHOWN_BAD: usize = 10;

#[derive(Properties, PartialEq)]
pub struct SurveyFormProps {
    /// 0 for the (first) survey, 1 for the one it is compared with.
    pub index: usize,
    pub legend: AttrValue,
    pub input: SurveyInput,
    /// What the core read from it, for the mistakes next to each field.
    pub read: Rc<SurveyRead>,
    pub onedit: Callback<(usize, SurveyEdit)>,
}

/// One survey's inputs: three counts, or answers pasted or imported from a CSV file, each
/// mistake next to its field.
#[component]
pub fn SurveyForm(props: &SurveyFormProps) -> Html {
    let locale = use_words().locale;
    let reader = use_mut_ref(|| None::<FileReader>);
    let i = props.index;
    let prefix = format!("nps{}", i + 1);
    let edit = |f: fn(String) -> SurveyEdit| {
        props.onedit.reform(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            (i, f(input.value()))
        })
    };
    let mode = |mode: Mode| {
        props
            .onedit
            .reform(move |_: Event| (i, SurveyEdit::Mode(mode)))
    };
    let onpaste = props.onedit.reform(move |e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        (i, SurveyEdit::Pasted(area.value()))
    });
    let onfile = {
        let (onedit, reader) = (props.onedit.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file can be chosen again after it was removed.
            input.set_value("");
            if file.size() > MAX_FILE_BYTES {
                onedit.emit((i, SurveyEdit::FileProblem(FileProblem::TooLarge)));
                return;
            }
            let name = file.name();
            let onedit = onedit.clone();
            let task = gloo::file::callbacks::read_as_bytes(&file.into(), move |bytes| {
                let edit = match bytes {
                    Ok(bytes) => {
                        let (text, windows_1252) = decode_text(bytes);
                        SurveyEdit::File(SurveyFile {
                            name,
                            text: Rc::new(text),
                            windows_1252,
                        })
                    }
                    Err(_) => SurveyEdit::FileProblem(FileProblem::Unreadable),
                };
                onedit.emit((i, edit));
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let onclear = props
        .onedit
        .reform(move |_: MouseEvent| (i, SurveyEdit::ClearFile));
    let input = &props.input;
    let read = &props.read;

    let count = |k: usize, field: NpsField| {
        let id = format!("rc-{prefix}-{}", field.name());
        let error = read.error(field).map(|e| nps_error(e, locale));
        let error_id = format!("{id}-error");
        let oninput = props.onedit.reform(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            (i, SurveyEdit::Count(k, input.value()))
        });
        html! {
            <div class={classes!("rc-field", error.is_some().then_some("rc-field-invalid"))}>
                <label for={id.clone()}>{ count_label(field, locale) }</label>
                <input
                    id={id.clone()}
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    value={input.counts[k].clone()}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.as_ref().map(|_| error_id.clone())}
                    {oninput}
                />
                if let Some(error) = error {
                    <p id={error_id} class="rc-error" data-error-for={format!("{prefix}-{}", field.name())}>{ error }</p>
                }
            </div>
        }
    };
    let mode_id = format!("rc-{prefix}-mode");
    let radio = |value: Mode, label: NpsText| {
        let id = format!(
            "{mode_id}-{}",
            if value == Mode::Counts {
                "counts"
            } else {
                "answers"
            }
        );
        html! {
            <span class="rc-check">
                <input
                    type="radio"
                    id={id.clone()}
                    name={mode_id.clone()}
                    checked={input.mode == value}
                    onchange={mode(value)}
                />
                <label for={id}>{ nps_text(label, locale) }</label>
            </span>
        }
    };
    let no_answers = read.error(NpsField::Answers).map(|e| nps_error(e, locale));
    let answers_id = format!("rc-{prefix}-answers");
    let column_id = format!("rc-{prefix}-column");
    let file_id = format!("rc-{prefix}-file");
    let described = |id: &str, error: bool| {
        if error {
            format!("{id}-error {id}-hint")
        } else {
            format!("{id}-hint")
        }
    };
    let column_error = read.column.as_ref().map(|p| column_problem(p, locale));

    html! {
        <fieldset class="rc-nps-survey" data-survey={(i + 1).to_string()}>
            <legend>{ props.legend.clone() }</legend>
            <div class="rc-nps-mode" role="radiogroup" aria-label={nps_text(NpsText::Mode, locale)}>
                { radio(Mode::Counts, NpsText::ModeCounts) }
                { radio(Mode::Answers, NpsText::ModeAnswers) }
            </div>
            if input.mode == Mode::Counts {
                <div class="rc-nps-counts">
                    { count(0, NpsField::Promoters) }
                    { count(1, NpsField::Passives) }
                    { count(2, NpsField::Detractors) }
                </div>
                if let Some(e) = read.errors.iter().find(|e| e.field().is_none()) {
                    <p class="rc-error" role="alert" data-error-for={prefix.clone()}>{ nps_error(e, locale) }</p>
                }
            } else {
                <div class={classes!("rc-field", no_answers.is_some().then_some("rc-field-invalid"))}>
                    <label for={answers_id.clone()}>{ nps_text(NpsText::AnswersLabel, locale) }</label>
                    <textarea
                        id={answers_id.clone()}
                        rows="6"
                        spellcheck="false"
                        disabled={input.file.is_some()}
                        value={input.pasted.clone()}
                        aria-invalid={no_answers.is_some().to_string()}
                        aria-describedby={described(&answers_id, no_answers.is_some())}
                        oninput={onpaste}
                    />
                    if let Some(error) = &no_answers {
                        <p id={format!("{answers_id}-error")} class="rc-error" data-error-for={format!("{prefix}-answers")}>{ error.clone() }</p>
                    }
                    <p id={format!("{answers_id}-hint")} class="rc-hint">{ nps_text(NpsText::AnswersHint, locale) }</p>
                </div>
                <div class="rc-nps-options">
                    <div class={classes!("rc-field", column_error.is_some().then_some("rc-field-invalid"))}>
                        <label for={column_id.clone()}>{ nps_text(NpsText::ColumnLabel, locale) }</label>
                        <input
                            id={column_id.clone()}
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            value={input.column.clone()}
                            aria-invalid={column_error.is_some().to_string()}
                            aria-describedby={described(&column_id, column_error.is_some())}
                            oninput={edit(SurveyEdit::Column)}
                        />
                        if let Some(error) = &column_error {
                            <p id={format!("{column_id}-error")} class="rc-error" data-error-for={format!("{prefix}-column")}>{ error.clone() }</p>
                        }
                        <p id={format!("{column_id}-hint")} class="rc-hint">{ nps_text(NpsText::ColumnHint, locale) }</p>
                    </div>
                    <div class="rc-field">
                        <label for={file_id.clone()}>{ nps_text(NpsText::FileLabel, locale) }</label>
                        <input
                            id={file_id.clone()}
                            type="file"
                            accept=".csv,.tsv,.txt,text/csv,text/plain"
                            aria-describedby={format!("{file_id}-hint")}
                            onchange={onfile}
                        />
                        <p id={format!("{file_id}-hint")} class="rc-hint">{ nps_text(NpsText::FileHint, locale) }</p>
                        if let Some(problem) = input.file_problem {
                            <p class="rc-error" role="alert" data-error-for={format!("{prefix}-file")}>{ file_problem(problem, locale) }</p>
                        }
                    </div>
                </div>
                if let Some(file) = &input.file {
                    <p class="rc-nps-file" data-file={prefix.clone()}>
                        <span class="rc-file-name">{ file.name.clone() }</span>{ " " }
                        <button type="button" onclick={onclear}>{ nps_text(NpsText::ClearFile, locale) }</button>
                    </p>
                    if file.windows_1252 {
                        <p class="rc-warning">{ windows_1252(locale) }</p>
                    }
                }
                if let Some(sheet) = read.sheet.as_ref().filter(|s| s.answers + s.bad_count > 0) {
                    <p class="rc-hint" data-answers-read={prefix.clone()}>{ answers_read(sheet, locale) }</p>
                    if !sheet.bad.is_empty() {
                        <ul class="rc-row-errors" data-bad-answers={prefix.clone()}>
                            { for sheet.bad.iter().take(SHOWN_BAD).map(|b| html! {
                                <li data-line={b.line.to_string()}>{ bad_answer(b.line, &b.text, b.problem, locale) }</li>
                            }) }
                            if sheet.bad_count > SHOWN_BAD as u64 {
                                <li>{ more_bad(sheet.bad_count - SHOWN_BAD as u64, locale) }</li>
                            }
                        </ul>
                    }
                }
            }
        </fieldset>
    }
}
