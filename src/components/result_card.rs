use std::rc::Rc;

use retention_core::{Explanation, RatioVerdict, Report};
use yew::prelude::*;

use crate::components::formula::Formula;
use crate::i18n::{advice, comparison, meaning, text, use_words, Situation, Text};

#[derive(Properties, PartialEq)]
pub struct ResultCardProps {
    pub explanation: Explanation,
    /// The figures the explanation refers to.
    pub report: Rc<Report>,
}

/// One figure with its formula, meaning, verdict and next steps.
#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let e = &props.explanation;
    let words = use_words();
    let locale = words.locale;
    let report = &props.report;
    let cx = Situation {
        words,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
        acquisition: report.acquisition.as_ref(),
    };
    let period = report.retention.map(|r| r.period).unwrap_or_default();
    let title_id = format!("rc-figure-{}", e.figure.name());
    let verdict_name = e.verdict.map(|v| format!("{v:?}").to_lowercase());
    html! {
        <article class="rc-card" data-figure={e.figure.name()} data-verdict={verdict_name.clone()} aria-labelledby={title_id.clone()}>
            <h3 id={title_id} class="rc-card-title">{ e.figure.label(locale) }</h3>
            <p class="rc-card-value">{ words.q(e.value) }</p>
            if let Some(v) = e.verdict {
                <p class={classes!("rc-badge", verdict_name.map(|n| format!("rc-badge-{n}")))}>{ v.label(locale) }</p>
            }
            if let Some(v) = e.ratio_verdict {
                <p class={classes!("rc-badge", ratio_class(v))} data-ratio-verdict={ratio_class(v)}>{ v.label(locale) }</p>
            }
            <Formula explanation={e.clone()} {period} />
            <p class="rc-meaning">{ meaning(e, &cx) }</p>
            if let Some(sentence) = comparison(e, &cx) {
                <p class="rc-verdict">{ sentence }</p>
            }
            if !e.advice.is_empty() {
                <details class="rc-next">
                    <summary>{ text(Text::WhatNow, locale) }</summary>
                    <ul>
                        { for e.advice.iter().map(|a| html! { <li>{ advice(*a, locale) }</li> }) }
                    </ul>
                </details>
            }
        </article>
    }
}

/// The badge colour of a CLV : CAC verdict, in the same three colours as retention.
fn ratio_class(v: RatioVerdict) -> &'static str {
    match v {
        RatioVerdict::Healthy => "rc-badge-above",
        RatioVerdict::Thin => "rc-badge-near",
        RatioVerdict::Losing => "rc-badge-below",
    }
}
