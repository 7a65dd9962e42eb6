use retention_core::{format_count, format_percent, Cohort};
use yew::prelude::*;

use crate::i18n::{import_text, use_words, ImportText as T};

/// How many months after the start the table shows by default.
const MONTHS: usize = 13;

/// One row of a [`Heatmap`]: a cohort, its size and the share of it in each month since.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    pub label: String,
    pub size: u64,
    /// Percent, from month 0.
    pub shares: Vec<f64>,
}

impl HeatRow {
    pub fn new(label: &str, size: u64, shares: &[f64]) -> HeatRow {
        HeatRow {
            label: label.to_owned(),
            size,
            shares: shares.to_vec(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct HeatmapProps {
    pub rows: Vec<HeatRow>,
    pub title: AttrValue,
    pub help: AttrValue,
    /// The size column's heading: "customers", "members".
    pub size_label: AttrValue,
    /// What the numbered columns count, for screen readers.
    pub caption: AttrValue,
    /// The table's `data-cohorts` value: which heatmap it is.
    #[prop_or_default]
    pub name: AttrValue,
    /// Months since the start shown, 0 included.
    #[prop_or(MONTHS)]
    pub months: usize,
}

/// Cohorts against the months since their start: a table whose cells are shaded by the
/// share of the cohort they hold. A table, so screen readers read it as one; the shades are
/// classes, so a strict Content-Security-Policy has nothing to block.
#[component]
pub fn Heatmap(props: &HeatmapProps) -> Html {
    let locale = use_words().locale;
    if props.rows.is_empty() {
        return html! {};
    }
    let months = props
        .rows
        .iter()
        .map(|c| c.shares.len())
        .max()
        .unwrap_or(0)
        .min(props.months);
    html! {
        <figure class="rc-cohorts">
            <figcaption>
                <strong>{ props.title.clone() }</strong>
                <span class="rc-hint">{ format!(" {}", props.help) }</span>
            </figcaption>
            <div class="rc-table-wrap">
                <table class="rc-table rc-heatmap" data-cohorts={props.name.clone()}>
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            <th scope="col">{ props.size_label.clone() }</th>
                            { for (0..months).map(|m| html! { <th scope="col">{ m }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.rows.iter().map(|c| html! {
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
                    <caption class="rc-visually-hidden">{ props.caption.clone() }</caption>
                </table>
            </div>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct CohortHeatmapProps {
    pub cohorts: Vec<Cohort>,
}

/// Customers by first-purchase month against the months since, shaded by the share that
/// bought then.
#[component]
pub fn CohortHeatmap(props: &CohortHeatmapProps) -> Html {
    let locale = use_words().locale;
    let rows: Vec<HeatRow> = props
        .cohorts
        .iter()
        .map(|c| HeatRow::new(&c.label, c.size, &c.shares))
        .collect();
    html! {
        <Heatmap
            {rows}
            title={import_text(T::CohortsTitle, locale)}
            help={import_text(T::CohortsHelp, locale)}
            size_label={import_text(T::CohortSize, locale)}
            caption={import_text(T::MonthsLater, locale)}
        />
    }
}

/// One of ten shades for a share from 0 to 100 %.
fn shade(percent: f64) -> u8 {
    (percent.clamp(0.0, 100.0) * 0.09).round() as u8
}
