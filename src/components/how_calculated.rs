use std::rc::Rc;

use retention_core::{Explanation, Report};
use yew::prelude::*;

use crate::components::formula::{pieces, Formula};
use crate::i18n::{comparison, meaning, use_words, Situation};

#[derive(Properties, PartialEq)]
pub struct HowCalculatedProps {
    pub explanation: Explanation,
    /// The figures the explanation refers to.
    pub report: Rc<Report>,
}

/// One figure's formula in the user's numbers, what it means and how it compares with the
/// target: what "Hoe berekend?" unfolds.
#[component]
pub fn HowCalculated(props: &HowCalculatedProps) -> Html {
    let e = &props.explanation;
    let report = &props.report;
    let words = use_words();
    let cx = Situation {
        words,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
        acquisition: report.acquisition.as_ref(),
    };
    let period = report.retention.map(|r| r.period).unwrap_or_default();
    html! {
        <div class="rc-how-body" data-how={e.figure.name()}>
            <Formula
                symbols={e.figure.formula(period, words.locale)}
                pieces={pieces(&e.formula, |v| words.q(v))}
                result={words.q(e.value)}
            />
            <p>{ meaning(e, &cx) }</p>
            if let Some(sentence) = comparison(e, &cx) {
                <p class="rc-comparison">{ sentence }</p>
            }
        </div>
    }
}
