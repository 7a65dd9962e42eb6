use retention_core::worker::Stage;
use yew::prelude::*;

use crate::i18n::{problem, stage_text, use_words};
use crate::import::Problem;

#[derive(Properties, PartialEq)]
pub struct ImportProgressProps {
    /// The progress bar's id.
    pub id: AttrValue,
    /// The step running and how far the whole import is (0–1); `None` when nothing runs.
    #[prop_or_default]
    pub running: Option<(Stage, f64)>,
    #[prop_or_default]
    pub problem: Option<Problem>,
}

/// How far an import is, one bar for all its steps, and why it stopped.
#[component]
pub fn ImportProgress(props: &ImportProgressProps) -> Html {
    let locale = use_words().locale;
    html! {
        <>
            if let Some((stage, done)) = props.running {
                <div class="rc-progress" role="status">
                    <label for={props.id.clone()}>{ stage_text(stage, locale) }</label>
                    <progress id={props.id.clone()} max="100" value={format!("{:.0}", done * 100.0)} />
                </div>
            }
            if let Some(p) = &props.problem {
                <p class="rc-import-problem" role="alert">{ problem(p, locale) }</p>
            }
        </>
    }
}
