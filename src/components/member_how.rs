use std::rc::Rc;

use retention_core::{MemberExplanation, MemberFigure, MemberReport};
use yew::prelude::*;

use crate::components::formula::{pieces, Formula};
use crate::i18n::{member_comparison, member_meaning, use_words};

#[derive(Properties, PartialEq)]
pub struct MemberHowProps {
    pub explanation: MemberExplanation,
    pub report: Rc<MemberReport>,
}

/// One members figure's formula in symbols and in the user's numbers, what it means and how
/// it compares with the target: what "Hoe berekend?" unfolds.
#[component]
pub fn MemberHow(props: &MemberHowProps) -> Html {
    let words = use_words();
    let e = &props.explanation;
    let period = props.report.retention.map(|r| r.period).unwrap_or_default();
    let meaning = member_meaning(e, &props.report, words);
    html! {
        <div class="rc-how-body" data-how={figure_name(e.figure)}>
            <Formula
                symbols={e.figure.formula(period, words.locale)}
                pieces={pieces(&e.formula, |v| words.q(v))}
                result={words.q(e.value)}
            />
            if !meaning.is_empty() {
                <p>{ meaning }</p>
            }
            if let Some(sentence) = member_comparison(e, &props.report, words) {
                <p class="rc-comparison">{ sentence }</p>
            }
        </div>
    }
}

/// The figure's camelCase name, as the JS API spells it: the page's `data-figure`.
pub fn figure_name(figure: MemberFigure) -> &'static str {
    match figure {
        MemberFigure::RetentionRate => "retentionRate",
        MemberFigure::ChurnRate => "churnRate",
        MemberFigure::AnnualRetention => "annualRetention",
        MemberFigure::AnnualChurn => "annualChurn",
        MemberFigure::End => "end",
        MemberFigure::NewPerMember => "newPerMember",
        MemberFigure::NetGrowth => "netGrowth",
        MemberFigure::Tenure => "tenure",
        MemberFigure::Clv => "clv",
        MemberFigure::ProfitClv => "profitClv",
        MemberFigure::DiscountedClv => "discountedClv",
    }
}
