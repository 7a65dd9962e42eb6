use retention_core::Verdict;
use yew::prelude::*;

use crate::i18n::{text, use_words, Text};

/// The next steps under an answer: what to work on, a sentence leading to it, and the steps.
#[derive(Debug, Clone, PartialEq)]
pub struct NextSteps {
    /// What `data-focus` says: the figure to work on, or the calculator's mode.
    pub focus: &'static str,
    pub lead: String,
    pub steps: Vec<&'static str>,
}

#[derive(Properties, PartialEq)]
pub struct AnswerPanelProps {
    /// The hidden title's id.
    pub title_id: AttrValue,
    /// What `data-answer` says, where a calculator names its answer.
    #[prop_or_default]
    pub mode: Option<AttrValue>,
    pub verdict: Option<Verdict>,
    /// The large figures, from [`big`] and [`pending`].
    pub figures: Html,
    /// What they mean, in a sentence (none when empty).
    pub sentence: String,
    /// How each figure shown was worked out (the fold is left out when empty).
    pub how: Vec<Html>,
    /// Whether the fold's contents are drawn yet: folded, they can wait until the answer is
    /// on screen (the calculator's `use_painted`), in time for a click, a search in the page
    /// or a print.
    #[prop_or(true)]
    pub draw_how: bool,
    pub next: Option<NextSteps>,
    /// What goes under it all.
    #[prop_or_default]
    pub children: Html,
}

/// The answer of a calculator: the verdict, the large figures, one sentence on what they
/// mean, how they were worked out on demand, and what to do next.
#[component]
pub fn AnswerPanel(props: &AnswerPanelProps) -> Html {
    let locale = use_words().locale;
    let verdict = props.verdict.map(|v| {
        let name = verdict_name(v);
        html! {
            <p class={classes!("rc-badge", format!("rc-badge-{name}"))} data-verdict={name}>
                { v.label(locale) }
            </p>
        }
    });
    html! {
        <section class="rc-answer" aria-labelledby={props.title_id.clone()} data-answer={props.mode.clone()}>
            <h3 id={props.title_id.clone()} class="rc-visually-hidden">{ text(Text::Answer, locale) }</h3>
            <div class="rc-headline" role="status" aria-live="polite" aria-atomic="true">
                { for verdict }
                <div class="rc-bigs">
                    { props.figures.clone() }
                </div>
                if !props.sentence.is_empty() {
                    <p class="rc-answer-text">{ props.sentence.clone() }</p>
                }
            </div>
            if !props.how.is_empty() {
                <details class="rc-how">
                    <summary>{ text(Text::HowCalculated, locale) }</summary>
                    if props.draw_how {
                        { for props.how.iter().cloned() }
                    }
                </details>
            }
            if let Some(next) = &props.next {
                <div class="rc-advice" data-focus={next.focus}>
                    <h4>{ text(Text::WhatNow, locale) }</h4>
                    <p>{ next.lead.clone() }</p>
                    <ul>
                        { for next.steps.iter().map(|a| html! { <li>{ *a }</li> }) }
                    </ul>
                </div>
            }
            { props.children.clone() }
        </section>
    }
}

/// One large figure under its label, and a line under it; `data-figure` names each figure
/// shown, so the large one and the one in the line (the period's own rate, profit CLV).
pub fn big(
    label: &str,
    (figure, value): (&'static str, String),
    under: Option<(&'static str, String)>,
    line: &str,
) -> Html {
    let under_figure = under.as_ref().map(|(f, _)| *f);
    html! {
        <div class="rc-big">
            <p class="rc-big-label">{ label }</p>
            <p class="rc-big-value" data-figure={figure}><span class="rc-value">{ value }</span></p>
            <p class="rc-big-sub" data-figure={under_figure}>
                if let Some((_, v)) = under {
                    <span class="rc-value">{ v }</span>{ " " }
                }
                { line }
            </p>
        </div>
    }
}

/// A note where a figure will be once the marked fields are right.
pub fn pending(name: &'static str, note: &'static str) -> Html {
    html! { <p class="rc-pending" data-pending={name}>{ note }</p> }
}

/// The verdict as the page's attributes and class names spell it.
fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Above => "above",
        Verdict::OnTarget => "on-target",
        Verdict::Near => "near",
        Verdict::Below => "below",
    }
}
