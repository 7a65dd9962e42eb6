use std::rc::Rc;

use retention_core::{Explanation, RatioVerdict, Report};
use yew::prelude::*;

use crate::components::how_calculated::HowCalculated;
use crate::i18n::{gloss, text, use_words, Text};

#[derive(Properties, PartialEq)]
pub struct FigureTableProps {
    /// The figures to list, in page order.
    pub explanations: Vec<Explanation>,
    pub report: Rc<Report>,
    /// Notes where figures are missing because of a mistake, already worded.
    #[prop_or_default]
    pub pending: Vec<(&'static str, AttrValue)>,
}

/// The figures besides the headline, one row each: name, value, and "Hoe berekend?" that
/// unfolds its formula, meaning and comparison with the target.
#[component]
pub fn FigureTable(props: &FigureTableProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    if props.explanations.is_empty() && props.pending.is_empty() {
        return html! {};
    }
    html! {
        <section class="rc-section rc-figures" aria-labelledby="rc-figures-title" data-section="figures">
            <h3 id="rc-figures-title">{ text(Text::OtherFigures, locale) }</h3>
            { for props.explanations.iter().map(|e| html! {
                <details class="rc-row" data-figure={e.figure.name()}>
                    <summary>
                        <span class="rc-row-name">
                            { e.figure.label(locale) }
                            if let Some(words) = gloss(e.figure, locale) {
                                <span class="rc-gloss">{ words }</span>
                            }
                        </span>
                        <span class="rc-row-value">
                            <span class="rc-value">{ words.q(e.value) }</span>
                            if let Some(v) = e.ratio_verdict {
                                <span class={classes!("rc-flag", flag_class(v))} data-ratio-verdict={flag_class(v)}>{ v.label(locale) }</span>
                            }
                        </span>
                        <span class="rc-row-how">{ text(Text::HowCalculated, locale) }</span>
                    </summary>
                    <HowCalculated explanation={e.clone()} report={props.report.clone()} />
                </details>
            }) }
            { for props.pending.iter().map(|(name, note)| html! {
                <p class="rc-pending" data-pending={*name}>{ note.clone() }</p>
            }) }
        </section>
    }
}

/// The colour of a CLV : CAC verdict: the three of the retention verdict.
fn flag_class(v: RatioVerdict) -> &'static str {
    match v {
        RatioVerdict::Healthy => "rc-flag-above",
        RatioVerdict::Thin => "rc-flag-near",
        RatioVerdict::Losing => "rc-flag-below",
    }
}
