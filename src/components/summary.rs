use retention_core::{Currency, Locale, Report};
use yew::prelude::*;

use crate::i18n::{figure_name, quantity, verdict_label};
use retention_core::{Figure, Quantity};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub report: Report,
    pub locale: Locale,
    pub currency: Currency,
    #[prop_or(true)]
    pub shows_retention: bool,
    #[prop_or(true)]
    pub shows_value: bool,
}

/// The headline figures, in a live region so screen readers hear them change.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let (locale, currency) = (props.locale, props.currency);
    let mut parts = Vec::new();
    if let Some(r) = props
        .report
        .retention
        .as_ref()
        .filter(|_| props.shows_retention)
    {
        parts.push(format!(
            "{}: {} ({})",
            figure_name(Figure::RetentionRate, locale),
            quantity(Quantity::Percent(r.retention_rate), locale, currency),
            verdict_label(r.verdict, locale)
        ));
    }
    if let Some(v) = props.report.value.as_ref().filter(|_| props.shows_value) {
        parts.push(format!(
            "{}: {}",
            figure_name(Figure::Clv, locale),
            quantity(Quantity::Money(v.clv), locale, currency)
        ));
    }
    html! {
        <p class="rc-summary" role="status" aria-live="polite" aria-atomic="true">{ parts.join(" · ") }</p>
    }
}
