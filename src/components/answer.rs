use std::rc::Rc;

use retention_core::{Explanation, Figure, Focus, Period, Report, Verdict};
use yew::prelude::*;

use crate::components::how_calculated::HowCalculated;
use crate::i18n::{
    advice, answer_sentence, focus_lead, per_period, retained_of, text, use_words, Situation, Text,
};

/// Which of the two headline figures a calculator shows: retention per year, and CLV (with
/// profit CLV under it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headline {
    pub retention: bool,
    pub value: bool,
    pub profit: bool,
}

impl Headline {
    /// The figures the answer shows for `period`, first the one it leads with: retention per
    /// year (the period's own rate under it), then CLV. The other figures go in the table.
    pub fn figures(self, period: Period) -> Vec<Figure> {
        let mut figures = Vec::new();
        if self.retention {
            if period != Period::Year {
                figures.push(Figure::AnnualRetention);
            }
            figures.push(Figure::RetentionRate);
        }
        if self.value {
            figures.push(Figure::Clv);
        }
        if self.value && self.profit {
            figures.push(Figure::ProfitClv);
        }
        figures
    }
}

#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    pub report: Rc<Report>,
    pub explanations: Rc<Vec<Explanation>>,
    pub headline: Headline,
    /// What to work on first, as the core chose it.
    pub focus: Option<Focus>,
    /// What more retention would bring, in a sentence.
    #[prop_or_default]
    pub gain: Option<String>,
}

/// The answer: the verdict, retention per year and CLV in large type, one sentence on what
/// they mean, how they were worked out on demand, and the one thing to do first.
#[component]
pub fn Answer(props: &AnswerProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let report = &props.report;
    let h = props.headline;
    let period = report.retention.map(|r| r.period).unwrap_or_default();
    let figures = h.figures(period);
    let find = |figure: Figure| props.explanations.iter().find(|e| e.figure == figure);
    let value = |figure: Figure| find(figure).map(|e| words.q(e.value)).unwrap_or_default();
    let retention = report.retention.filter(|_| h.retention);
    let clv = report.value.filter(|_| h.value);

    let verdict = retention.map(|r| {
        let name = verdict_name(r.verdict);
        html! {
            <p class={classes!("rc-badge", format!("rc-badge-{name}"))} data-verdict={name}>
                { r.verdict.label(locale) }
            </p>
        }
    });
    let retention_block = match retention {
        _ if !h.retention => html! {},
        None => pending("retention", text(Text::PendingRetention, locale)),
        Some(r) if r.period == Period::Year => big(
            Figure::AnnualRetention.label(locale),
            (Figure::RetentionRate, value(Figure::RetentionRate)),
            None,
            &retained_of(r.retained, r.start, words),
        ),
        Some(r) => big(
            Figure::AnnualRetention.label(locale),
            (Figure::AnnualRetention, value(Figure::AnnualRetention)),
            Some((Figure::RetentionRate, value(Figure::RetentionRate))),
            per_period(r.period, locale),
        ),
    };
    let value_block = match clv {
        _ if !h.value => html! {},
        None => pending("value", text(Text::PendingValue, locale)),
        Some(v) if h.profit && v.profit_clv.is_some() => big(
            text(Text::ClvShort, locale),
            (Figure::Clv, value(Figure::Clv)),
            Some((Figure::ProfitClv, value(Figure::ProfitClv))),
            text(Text::GrossProfit, locale),
        ),
        Some(_) => big(
            text(Text::ClvShort, locale),
            (Figure::Clv, value(Figure::Clv)),
            None,
            text(Text::RevenuePerCustomer, locale),
        ),
    };
    let sentence = answer_sentence(retention.as_ref(), clv.as_ref(), words);
    let shown: Vec<&Explanation> = figures.iter().filter_map(|f| find(*f)).collect();
    let cx = Situation {
        words,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
        acquisition: report.acquisition.as_ref(),
    };
    html! {
        <section class="rc-answer" aria-labelledby="rc-answer-title">
            <h3 id="rc-answer-title" class="rc-visually-hidden">{ text(Text::Answer, locale) }</h3>
            <div class="rc-headline" role="status" aria-live="polite" aria-atomic="true">
                { for verdict }
                <div class="rc-bigs">
                    { retention_block }
                    { value_block }
                </div>
                if !sentence.is_empty() {
                    <p class="rc-answer-text">{ sentence }</p>
                }
            </div>
            if !shown.is_empty() {
                <details class="rc-how">
                    <summary>{ text(Text::HowCalculated, locale) }</summary>
                    { for shown.iter().map(|e| html! {
                        <HowCalculated explanation={(*e).clone()} report={report.clone()} />
                    }) }
                </details>
            }
            if let Some(focus) = &props.focus {
                <div class="rc-advice" data-focus={focus.figure.name()}>
                    <h4>{ text(Text::WhatNow, locale) }</h4>
                    <p>{ focus_lead(focus.figure, &cx) }</p>
                    <ul>
                        { for focus.advice.iter().map(|a| html! { <li>{ advice(*a, locale) }</li> }) }
                    </ul>
                </div>
            }
            if let Some(gain) = &props.gain {
                <p class="rc-gain" data-gain="answer">{ gain.clone() }</p>
            }
        </section>
    }
}

/// One large figure under its label, and a line under it; `data-figure` names each figure
/// shown, so the large one and the one in the line (the period's own rate, profit CLV).
fn big(
    label: &str,
    (figure, value): (Figure, String),
    under: Option<(Figure, String)>,
    line: &str,
) -> Html {
    let under_figure = under.as_ref().map(|(f, _)| f.name());
    html! {
        <div class="rc-big">
            <p class="rc-big-label">{ label }</p>
            <p class="rc-big-value" data-figure={figure.name()}><span class="rc-value">{ value }</span></p>
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
fn pending(name: &'static str, note: &'static str) -> Html {
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
