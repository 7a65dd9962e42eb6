use std::rc::Rc;

use retention_core::{MemberAdvice, MemberExplanation, MemberFigure, MemberReport, Period};
use yew::prelude::*;

use crate::components::answer_panel::{big, pending, AnswerPanel, NextSteps};
use crate::components::member_how::{figure_name, MemberHow};
use crate::i18n::{
    member_advice, member_answer_sentence, member_text, member_verdict_sentence, per_period,
    use_words, MemberText,
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
    // A figure as the answer shows it: its name for the page, its value.
    let named = |figure: MemberFigure| {
        let value = find(figure).map(|e| words.q(e.value)).unwrap_or_default();
        (figure_name(figure), value)
    };
    let retention_block = match report.retention {
        None => pending(
            "retention",
            member_text(MemberText::PendingRetention, locale),
        ),
        Some(r) if r.period == Period::Year => big(
            MemberFigure::AnnualRetention.label(locale),
            named(MemberFigure::RetentionRate),
            None,
            per_period(r.period, locale),
        ),
        Some(r) => big(
            MemberFigure::AnnualRetention.label(locale),
            named(MemberFigure::AnnualRetention),
            Some(named(MemberFigure::RetentionRate)),
            per_period(r.period, locale),
        ),
    };
    let value_block = match report.value {
        None if report.retention.is_some_and(|r| r.tenure.is_none()) => html! {},
        None => pending("value", member_text(MemberText::PendingValue, locale)),
        Some(v) if v.profit_clv.is_some() => big(
            member_text(MemberText::ClvShort, locale),
            named(MemberFigure::Clv),
            Some(named(MemberFigure::ProfitClv)),
            member_text(MemberText::GrossProfit, locale),
        ),
        Some(_) => big(
            member_text(MemberText::ClvShort, locale),
            named(MemberFigure::Clv),
            None,
            member_text(MemberText::FeeRevenue, locale),
        ),
    };
    let sentence = member_answer_sentence(report, words);
    let how: Vec<Html> = HEADLINE
        .iter()
        .filter_map(|f| find(*f))
        .map(|e| html! { <MemberHow explanation={e.clone()} report={report.clone()} /> })
        .collect();
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
    let next = report
        .retention
        .filter(|_| !steps.is_empty())
        .map(|r| NextSteps {
            focus: "members",
            lead: member_verdict_sentence(&r, words),
            steps: steps.iter().map(|a| member_advice(*a, locale)).collect(),
        });
    html! {
        <AnswerPanel
            title_id="rc-m-answer-title"
            mode="members"
            verdict={report.retention.map(|r| r.verdict)}
            figures={html! { <>{ retention_block }{ value_block }</> }}
            {sentence}
            {how}
            {next}
        />
    }
}
