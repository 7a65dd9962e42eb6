use retention_core::{
    compare_nps, explain_sample, read_number, sample_needed, Figure, Nps, Quantity, Retention,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::nps_compare::NpsCompare;
use crate::components::nps_formula::NpsFormula;
use crate::components::nps_result::{figure_name, NpsResult};
use crate::components::nps_state::{read_survey, NpsAction, NpsState};
use crate::components::nps_survey::SurveyForm;
use crate::i18n::{
    nps_error, nps_text, sample_sentence, score_with_margin, text, use_words, NpsText, Text,
};

#[derive(Properties, PartialEq)]
pub struct NpsPanelProps {
    /// The calculator's retention, when its fields are right: shown beside the NPS.
    #[prop_or_default]
    pub retention: Option<Retention>,
}

/// The Net Promoter Score of a survey (counts, pasted answers or a CSV column), with its
/// margin of error, band and next steps; the respondents a next survey needs; two surveys
/// compared; and the calculator's retention beside it.
#[component]
pub fn NpsPanel(props: &NpsPanelProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let state = use_reducer(|| NpsState::new(locale));
    {
        let state = state.clone();
        use_effect_with(locale, move |locale| {
            state.dispatch(NpsAction::SetLocale(*locale))
        });
    }
    // Read in the habits the texts were typed in, until the effect above rewrites them.
    let read_locale = state.locale;
    let first = use_memo((state.surveys[0].clone(), read_locale), |(s, l)| {
        read_survey(s, *l)
    });
    let second = use_memo((state.surveys[1].clone(), read_locale), |(s, l)| {
        read_survey(s, *l)
    });
    let onedit = {
        let state = state.clone();
        Callback::from(move |(i, edit)| state.dispatch(NpsAction::Edit(i, edit)))
    };
    let oncompare = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(NpsAction::Compare(input.checked()));
        })
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(NpsAction::Change(input.value()));
        })
    };
    let compare = state.compare;
    let change = match (first.nps, second.nps) {
        (Some(before), Some(after)) if compare => Some(compare_nps(&before, &after)),
        _ => None,
    };
    // The survey that says where things stand now: the later one when comparing.
    let current = if compare { second.nps } else { first.nps };

    html! {
        <details class="rc-section rc-nps" data-section="nps">
            <summary><h3>{ nps_text(NpsText::Title, locale) }</h3></summary>
            <p class="rc-hint rc-nps-help">{ nps_text(NpsText::Help, locale) }</p>
            <div class="rc-nps-grid">
                <form class="rc-nps-inputs" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <SurveyForm
                        index={0}
                        legend={nps_text(if compare { NpsText::Before } else { NpsText::Survey }, locale)}
                        input={state.surveys[0].clone()}
                        read={first.clone()}
                        onedit={onedit.clone()}
                    />
                    <p class="rc-check rc-nps-compare-toggle">
                        <input type="checkbox" id="rc-nps-compare" checked={compare} onchange={oncompare} />
                        <label for="rc-nps-compare">{ nps_text(NpsText::Compare, locale) }</label>
                    </p>
                    if compare {
                        <SurveyForm
                            index={1}
                            legend={nps_text(NpsText::After, locale)}
                            input={state.surveys[1].clone()}
                            read={second.clone()}
                            {onedit}
                        />
                    }
                </form>
                <div class="rc-nps-outputs">
                    if let Some(change) = change {
                        <NpsCompare {change} />
                    }
                    if let Some(nps) = current {
                        <NpsResult
                            {nps}
                            title={compare.then(|| AttrValue::from(nps_text(NpsText::After, locale)))}
                            advice={change.is_none()}
                        />
                    }
                    if let (false, Some(nps)) = (compare, first.nps) {
                        <SampleSize {nps} change={state.change.clone()} {onchange} />
                    }
                    if let (Some(r), Some(nps)) = (props.retention, current) {
                        <Beside retention={r} {nps} />
                    }
                </div>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct SampleSizeProps {
    nps: Nps,
    /// The change in points, as typed.
    change: String,
    onchange: Callback<InputEvent>,
}

/// The respondents each survey needs before a change of so many points is significant.
#[component]
fn SampleSize(props: &SampleSizeProps) -> Html {
    let locale = use_words().locale;
    let typed = read_number(&props.change, locale);
    let needed = typed.map(|change| sample_needed(&props.nps, change));
    let error = match &needed {
        Some(Err(e)) => Some(nps_error(e, locale)),
        _ => None,
    };
    let id = "rc-nps-change";
    let described = match error {
        Some(_) => format!("{id}-error {id}-hint"),
        None => format!("{id}-hint"),
    };
    html! {
        <section class="rc-nps-sample" aria-labelledby="rc-nps-sample-title" data-nps-sample="">
            <h4 id="rc-nps-sample-title">{ nps_text(NpsText::SampleTitle, locale) }</h4>
            <div class={classes!("rc-field", error.is_some().then_some("rc-field-invalid"))}>
                <label for={id}>{ nps_text(NpsText::ChangeLabel, locale) }</label>
                <div class="rc-input rc-unit-after">
                    <input
                        {id}
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        value={props.change.clone()}
                        aria-invalid={error.is_some().to_string()}
                        aria-describedby={described}
                        oninput={props.onchange.clone()}
                    />
                    <span class="rc-unit" aria-hidden="true">{ nps_text(NpsText::Points, locale) }</span>
                </div>
                if let Some(error) = error {
                    <p id={format!("{id}-error")} class="rc-error" data-error-for="nps-change">{ error }</p>
                }
                <p id={format!("{id}-hint")} class="rc-hint">{ nps_text(NpsText::ChangeHint, locale) }</p>
            </div>
            if let Some(Ok(needed)) = needed {
                <p role="status" data-nps-sample-sentence="">{ sample_sentence(&needed, locale) }</p>
                <details class="rc-nps-how">
                    <summary>{ text(Text::HowCalculated, locale) }</summary>
                    { for explain_sample(&needed).into_iter().map(|e| html! {
                        <div class="rc-how-body" data-nps-how={figure_name(e.figure)}>
                            <NpsFormula explanation={e} />
                        </div>
                    }) }
                </details>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BesideProps {
    retention: Retention,
    nps: Nps,
}

/// Retention per year and the NPS next to each other, with no formula between them.
#[component]
fn Beside(props: &BesideProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let retention = words.q(Quantity::Percent(props.retention.annual_retention_rate));
    html! {
        <section class="rc-nps-beside" aria-labelledby="rc-nps-beside-title" data-nps-beside="">
            <h4 id="rc-nps-beside-title">{ nps_text(NpsText::BesideTitle, locale) }</h4>
            <div class="rc-bigs">
                <div class="rc-big">
                    <p class="rc-big-label">{ Figure::AnnualRetention.label(locale) }</p>
                    <p class="rc-big-value" data-beside="retention"><span class="rc-value">{ retention }</span></p>
                </div>
                <div class="rc-big">
                    <p class="rc-big-label">{ "NPS" }</p>
                    <p class="rc-big-value" data-beside="nps"><span class="rc-value">{ score_with_margin(&props.nps, locale) }</span></p>
                </div>
            </div>
            <p class="rc-hint">{ nps_text(NpsText::BesideNote, locale) }</p>
        </section>
    }
}
