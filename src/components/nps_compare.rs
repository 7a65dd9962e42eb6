use retention_core::{explain_change, sample_needed, ChangeVerdict, NpsChange, NpsFigure};
use yew::prelude::*;

use crate::components::nps_how::NpsHow;
use crate::components::nps_result::NextSteps;
use crate::i18n::{
    change_sample_sentence, change_sentence, nps_label, nps_text, nps_value, nps_verdict,
    too_small, use_words, NpsText,
};

#[derive(Properties, PartialEq)]
pub struct NpsCompareProps {
    pub change: NpsChange,
}

/// Two surveys compared: the change with its interval, whether it is significant, how many
/// respondents would make a change this size significant, how it was worked out, next steps.
#[component]
pub fn NpsCompare(props: &NpsCompareProps) -> Html {
    let locale = use_words().locale;
    let change = &props.change;
    let explanations = explain_change(change);
    let verdict = change.verdict;
    let (name, class) = match verdict {
        ChangeVerdict::Up => ("up", "above"),
        ChangeVerdict::Down => ("down", "below"),
        ChangeVerdict::NotSignificant => ("notSignificant", "near"),
    };
    let needed = sample_needed(&change.after, change.difference.abs()).ok();
    html! {
        <section class="rc-nps-compare" aria-labelledby="rc-nps-compare-title" data-nps-compare="">
            <h4 id="rc-nps-compare-title">{ nps_text(NpsText::ChangeTitle, locale) }</h4>
            <div role="status" aria-live="polite" aria-atomic="true">
                <p class={classes!("rc-nps-badge", format!("rc-badge-{class}"))} data-nps-verdict={name}>
                    { nps_verdict(verdict, locale) }
                </p>
                <div class="rc-big">
                    <p class="rc-big-label">{ nps_label(NpsFigure::Change, locale) }</p>
                    <p class="rc-big-value" data-nps-figure="change">
                        <span class="rc-value">{ nps_value(explanations[0].figure, explanations[0].value, locale) }</span>
                        { " " }{ nps_text(NpsText::Points, locale) }
                    </p>
                </div>
                <p class="rc-answer-text" data-nps-change="">{ change_sentence(change, locale) }</p>
                if let Some(needed) = needed.filter(|_| verdict == ChangeVerdict::NotSignificant) {
                    <p data-nps-change-sample="">{ change_sample_sentence(&needed, locale) }</p>
                }
                if change.too_small {
                    <p class="rc-warning" data-nps-too-small="">{ too_small(locale) }</p>
                }
            </div>
            <NpsHow explanations={explanations.clone()} />
            <NextSteps advice={explanations[0].advice.clone()} />
        </section>
    }
}
