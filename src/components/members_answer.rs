use std::rc::Rc;

use retention_core::{
    MemberAdvice, MemberExplanation, MemberFigure, MemberReport, Period, Verdict,
};
use yew::prelude::*;

use crate::components::member_how::{figure_name, MemberHow};
use crate::i18n::{
    member_advice, member_answer_sentence, member_text, member_verdict_sentence, per_period, text,
    use_words, MemberText, Text,
};

/// The figures the answer shows in large type; the rest go in the table below it.
pub const HEADLINE: [MemberFigure; 4] = [
    MemberFigure::AnnualRetention,
    MemberFigure::RetentionRate,
    MemberFigure::Clv,
    MemberFigure::ProfitClv,
];

#[derive(Properties, PartialEq)]
pub struct MembersAnswerProps {
    pub report: Rc<MemberReport>,
    pub explanations: Rc<Vec<MemberExplanation>>,
}

/// The members answer: the verdict, retention per year and a member's value in large type,
/// one sentence with tenure and growth, how they were worked out on demand, and next steps.
#[component]
pub fn MembersAnswer(props: &MembersAnswerProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let report = &props.report;
    let find = |figure: MemberFigure| props.explanations.iter().find(|e| e.figure == figure);
    let value = |figure: MemberFigure| find(figure).map(|e| words.q(e.value)).unwrap_or_default();
    let retention_block = match report.retention {
        None => pending(
            "retention",
            member_text(MemberText::PendingRetention, locale),
        ),
        Some(r) if r.period == Period::Year => big(
            MemberFigure::AnnualRetention.label(locale),
            (
                MemberFigure::RetentionRate,
                value(MemberFigure::RetentionRate),
            ),
            None,
            per_period(r.period, locale),
        ),
        Some(r) => big(
            MemberFigure::AnnualRetention.label(locale),
            (
                MemberFigure::AnnualRetention,
                value(MemberFigure::AnnualRetention),
            ),
            Some((
                MemberFigure::RetentionRate,
                value(MemberFigure::RetentionRate),
            )),
            per_period(r.period, locale),
        ),
    };
    let value_block = match report.value {
        None if report.retention.is_some_and(|r| r.tenure.is_none()) => html! {},
        None => pending("value", member_text(MemberText::PendingValue, locale)),
        Some(v) if v.profit_clv.is_some() => big(
            member_text(MemberText::ClvShort, locale),
            (MemberFigure::Clv, value(MemberFigure::Clv)),
            Some((MemberFigure::ProfitClv, value(MemberFigure::ProfitClv))),
            member_text(MemberText::GrossProfit, locale),
        ),
        Some(_) => big(
            member_text(MemberText::ClvShort, locale),
            (MemberFigure::Clv, value(MemberFigure::Clv)),
            None,
            member_text(MemberText::FeeRevenue, locale),
        ),
    };
    let verdict = report.retention.map(|r| {
        let name = verdict_name(r.verdict);
        html! {
            <p class={classes!("rc-badge", format!("rc-badge-{name}"))} data-verdict={name}>
                { r.verdict.label(locale) }
            </p>
        }
    });
    let sentence = member_answer_sentence(report, words);
    let shown: Vec<&MemberExplanation> = HEADLINE.iter().filter_map(|f| find(*f)).collect();
    // The next steps of the verdict, and of shrinking when more members left than joined.
    let mut steps: Vec<MemberAdvice> = find(MemberFigure::RetentionRate)
        .map(|e| e.advice.clone())
        .unwrap_or_default();
    if report.retention.is_some_and(|r| r.net_change < 0) {
        for a in find(MemberFigure::NetGrowth)
            .map(|e| e.advice.clone())
            .unwrap_or_default()
        {
            if !steps.contains(&a) && steps.len() < 4 {
                steps.push(a);
            }
        }
    }
    html! {
        <section class="rc-answer" aria-labelledby="rc-m-answer-title" data-answer="members">
            <h3 id="rc-m-answer-title" class="rc-visually-hidden">{ text(Text::Answer, locale) }</h3>
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
                        <MemberHow explanation={(*e).clone()} report={report.clone()} />
                    }) }
                </details>
            }
            if let (Some(r), false) = (report.retention, steps.is_empty()) {
                <div class="rc-advice" data-focus="members">
                    <h4>{ text(Text::WhatNow, locale) }</h4>
                    <p>{ member_verdict_sentence(&r, words) }</p>
                    <ul>
                        { for steps.iter().map(|a| html! { <li>{ member_advice(*a, locale) }</li> }) }
                    </ul>
                </div>
            }
        </section>
    }
}

fn big(
    label: &str,
    (figure, value): (MemberFigure, String),
    under: Option<(MemberFigure, String)>,
    line: &str,
) -> Html {
    let name = figure_name;
    let under_figure = under.as_ref().map(|(f, _)| name(*f));
    html! {
        <div class="rc-big">
            <p class="rc-big-label">{ label }</p>
            <p class="rc-big-value" data-figure={name(figure)}><span class="rc-value">{ value }</span></p>
            <p class="rc-big-sub" data-figure={under_figure}>
                if let Some((_, v)) = under {
                    <span class="rc-value">{ v }</span>{ " " }
                }
                { line }
            </p>
        </div>
    }
}

fn pending(name: &'static str, note: &'static str) -> Html {
    html! { <p class="rc-pending" data-pending={name}>{ note }</p> }
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Above => "above",
        Verdict::OnTarget => "on-target",
        Verdict::Near => "near",
        Verdict::Below => "below",
    }
}
