use retention_core::{format_count, format_percent, Locale};
use yew::prelude::*;

use crate::charts::{area_path, axis_labels, line_path, ticks, Scale, BOTTOM, HEIGHT, LEFT, WIDTH};
use crate::i18n::{details_text, use_words, DetailsText};

/// What the values of a chart count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartUnit {
    Customers,
    Percent,
}

impl ChartUnit {
    fn format(self, value: f64, locale: Locale) -> String {
        match self {
            ChartUnit::Customers => format_count(value.round().max(0.0) as u64, locale),
            ChartUnit::Percent => format_percent(value, 1, locale),
        }
    }

    /// Axis labels: round values, so no decimals.
    fn tick(self, value: f64, locale: Locale) -> String {
        match self {
            ChartUnit::Customers => self.format(value, locale),
            ChartUnit::Percent => format_percent(value, 0, locale),
        }
    }
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: AttrValue,
    pub values: Vec<f64>,
    /// `rc-series-1`, `rc-series-2`, ...: its colour.
    pub class: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// Unique within the calculator: the chart's element ids derive from it.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The chart in one or two sentences, for screen readers.
    pub description: AttrValue,
    /// One label per point.
    pub labels: Vec<AttrValue>,
    pub series: Vec<Series>,
    pub unit: ChartUnit,
    /// Fill the area under a single line.
    #[prop_or_default]
    pub area: bool,
}

const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;

/// A line chart in SVG, with its figures as a table for anyone who cannot see it.
#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let locale = use_words().locale;
    let points = props.labels.len();
    let max = props
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let y_ticks = match props.unit {
        ChartUnit::Percent => vec![0.0, 25.0, 50.0, 75.0, 100.0],
        ChartUnit::Customers => ticks(max, 4),
    };
    let y_max = y_ticks.last().copied().unwrap_or(1.0);
    let x = Scale::new(
        (0.0, points.saturating_sub(1).max(1) as f64),
        (LEFT, WIDTH - RIGHT),
    );
    let y = Scale::new((0.0, y_max), (HEIGHT - BOTTOM, TOP));
    // Eight labels fit the width; on a phone, where the text is drawn larger, half of them
    // (the `rc-axis-phone` ones) stay.
    let labelled = axis_labels(points, 8);
    let on_phone = axis_labels(points, 4);
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    html! {
        <figure class="rc-chart" data-chart={props.id.clone()}>
            <figcaption class="rc-chart-title">{ props.title.clone() }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id.clone()}>{ props.description.clone() }</desc>
                { for y_ticks.iter().map(|t| html! {
                    <g class="rc-grid">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", y.at(*t))} y2={format!("{:.1}", y.at(*t))} />
                        <text x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y.at(*t) + 4.0)} text-anchor="end">{ props.unit.tick(*t, locale) }</text>
                    </g>
                }) }
                { for props.labels.iter().enumerate().filter(|(i, _)| labelled.contains(i) || on_phone.contains(i)).map(|(i, label)| html! {
                    <text class={classes!("rc-axis", "rc-x", on_phone.contains(&i).then_some("rc-axis-phone"), (!labelled.contains(&i)).then_some("rc-axis-only-phone"))} x={format!("{:.1}", x.at(i as f64))} y={(HEIGHT - BOTTOM + 18.0).to_string()} text-anchor="middle">{ label.clone() }</text>
                }) }
                { for props.series.iter().map(|s| {
                    let coords: Vec<(f64, f64)> = s.values.iter().enumerate().map(|(i, v)| (x.at(i as f64), y.at(*v))).collect();
                    html! {
                        <g class={classes!("rc-series", s.class)} data-series={s.name.clone()}>
                            if props.area && props.series.len() == 1 {
                                <path class="rc-area" d={area_path(&coords, y.at(0.0))} />
                            }
                            <path class="rc-line" d={line_path(&coords)} />
                            { for s.values.iter().zip(&coords).zip(&props.labels).map(|((v, (cx, cy)), label)| html! {
                                <circle cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="3" data-label={label.clone()} data-value={format!("{v:.4}")}>
                                    <title>{ format!("{label}: {}", props.unit.format(*v, locale)) }</title>
                                </circle>
                            }) }
                        </g>
                    }
                }) }
            </svg>
            if props.series.len() > 1 {
                <ul class="rc-legend">
                    { for props.series.iter().map(|s| html! { <li class={s.class}>{ s.name.clone() }</li> }) }
                </ul>
            }
            <details class="rc-chart-data">
                <summary>{ details_text(DetailsText::ChartData, locale) }</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            { for props.series.iter().map(|s| html! { <th scope="col">{ s.name.clone() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.labels.iter().enumerate().map(|(i, label)| html! {
                            <tr>
                                <th scope="row">{ label.clone() }</th>
                                { for props.series.iter().map(|s| html! {
                                    <td>{ s.values.get(i).map(|v| props.unit.format(*v, locale)).unwrap_or_default() }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
