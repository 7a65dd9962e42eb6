use std::rc::Rc;

use retention_core::{Figure, Quantity, Report};
use yew::prelude::*;

use crate::i18n::use_words;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Rc<Report>,
    #[prop_or(true)]
    pub shows_retention: bool,
    #[prop_or(true)]
    pub shows_value: bool,
}

/// The headline figures, in a live region so screen readers hear them change.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let mut parts = Vec::new();
    if let Some(r) = props.report.retention.filter(|_| props.shows_retention) {
        parts.push(format!(
            "{}: {} ({})",
            Figure::RetentionRate.label(locale),
            words.q(Quantity::Percent(r.retention_rate)),
            r.verdict.label(locale)
        ));
    }
    if let Some(v) = props.report.value.filter(|_| props.shows_value) {
        parts.push(format!(
            "{}: {}",
            Figure::Clv.label(locale),
            words.q(Quantity::Money(v.clv))
        ));
    }
    html! {
        <p class="rc-summary" role="status" aria-live="polite" aria-atomic="true">{ parts.join(" · ") }</p>
    }
}
