use retention_core::{Currency, Explanation, Locale, RatioVerdict, Retention, Value};
use yew::prelude::*;

use crate::components::formula::Formula;
use crate::i18n::{
    advice, comparison, figure_name, formula_symbols, meaning, quantity, ratio_label, text,
    verdict_label, Context, Text,
};

#[derive(Properties, PartialEq)]
pub struct ResultCardProps {
    pub explanation: Explanation,
    pub retention: Option<Retention>,
    pub value: Option<Value>,
    pub locale: Locale,
    pub currency: Currency,
}

/// One figure with its formula, meaning, verdict and next steps.
#[component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let e = &props.explanation;
    let (locale, currency) = (props.locale, props.currency);
    let cx = Context {
        locale,
        currency,
        retention: props.retention.as_ref(),
        value: props.value.as_ref(),
    };
    let period = props.retention.map(|r| r.period).unwrap_or_default();
    let title_id = format!("rc-figure-{}", e.figure.name());
    let verdict_name = e.verdict.map(|v| format!("{v:?}").to_lowercase());
    html! {
        <article class="rc-card" data-figure={e.figure.name()} data-verdict={verdict_name.clone()} aria-labelledby={title_id.clone()}>
            <h3 id={title_id} class="rc-card-title">{ figure_name(e.figure, locale) }</h3>
            <p class="rc-card-value">{ quantity(e.value, locale, currency) }</p>
            if let Some(v) = e.verdict {
                <p class={classes!("rc-badge", verdict_name.map(|n| format!("rc-badge-{n}")))}>{ verdict_label(v, locale) }</p>
            }
            if let Some(v) = e.ratio_verdict {
                <p class={classes!("rc-badge", ratio_class(v))} data-ratio-verdict={ratio_class(v)}>{ ratio_label(v, locale) }</p>
            }
            <Formula
                symbols={formula_symbols(e.figure, period, locale)}
                tokens={e.formula.clone()}
                result={e.value}
                {locale}
                {currency}
            />
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
