use retention_core::{format_count, format_percent, Cohort};
use yew::prelude::*;

use crate::i18n::{import_text, use_words, ImportText as T};

/// How many months after the first purchase the table shows.
const MONTHS: usize = 13;

#[derive(Properties, PartialEq)]
pub struct CohortHeatmapProps {
    pub cohorts: Vec<Cohort>,
}

/// Customers by first-purchase month against the months since: a table whose cells are
/// shaded by the share that bought then. A table, so screen readers read it as one; the
/// shades are classes, so a strict Content-Security-Policy has nothing to block.
#[component]
pub fn CohortHeatmap(props: &CohortHeatmapProps) -> Html {
    let locale = use_words().locale;
    if props.cohorts.is_empty() {
        return html! {};
    }
    let months = props
        .cohorts
        .iter()
        .map(|c| c.shares.len())
        .max()
        .unwrap_or(0)
        .min(MONTHS);
    html! {
        <figure class="rc-cohorts">
            <figcaption>
                <strong>{ import_text(T::CohortsTitle, locale) }</strong>
                <span class="rc-hint">{ format!(" {}", import_text(T::CohortsHelp, locale)) }</span>
            </figcaption>
            <div class="rc-table-wrap">
                <table class="rc-table rc-heatmap" data-cohorts="">
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            <th scope="col">{ import_text(T::CohortSize, locale) }</th>
                            { for (0..months).map(|m| html! { <th scope="col">{ m }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.cohorts.iter().map(|c| html! {
                            <tr data-cohort={c.label.clone()}>
                                <th scope="row">{ c.label.clone() }</th>
                                <td>{ format_count(c.size, locale) }</td>
                                { for c.shares.iter().take(months).map(|share| html! {
                                    <td class={format!("rc-heat-{}", shade(*share))} data-share={format!("{share:.4}")}>
                                        { format_percent(*share, 0, locale) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                    <caption class="rc-visually-hidden">{ import_text(T::MonthsLater, locale) }</caption>
                </table>
            </div>
        </figure>
    }
}

/// One of ten shades for a share from 0 to 100 %.
fn shade(percent: f64) -> u8 {
    (percent.clamp(0.0, 100.0) * 0.09).round() as u8
}
