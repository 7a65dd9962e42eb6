use retention_core::{half_life, survival, Retention};
use yew::prelude::*;

use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::waterfall_chart::WaterfallChart;
use crate::i18n::{details_text, survival_description, use_words, DetailsText};

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    pub retention: Retention,
}

/// Where the customer base is heading at this retention, and how it got from S to E.
#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let r = props.retention;
    let locale = use_words().locale;
    let horizon = r.period.horizon();
    let base = survival(r.end, r.retention_rate, horizon);
    let unit = r.period.unit(locale);
    let left = base.last().copied().unwrap_or(0.0);
    let half = half_life(r.retention_rate);
    let description = survival_description(r.end, horizon, left, half, r.period, locale);
    let labels: Vec<AttrValue> = (0..=horizon)
        .map(|t| AttrValue::from(t.to_string()))
        .collect();
    let series = vec![Series {
        name: details_text(DetailsText::SurvivalTitle, locale).into(),
        values: base,
        class: "rc-series-1",
    }];
    html! {
        <section class="rc-section rc-charts" aria-labelledby="rc-charts-title" data-section="charts">
            <h3 id="rc-charts-title">{ details_text(DetailsText::Charts, locale) }</h3>
            <div class="rc-chart-grid">
                <LineChart
                    id="rc-survival"
                    title={format!("{} ({unit})", details_text(DetailsText::SurvivalTitle, locale))}
                    {description}
                    {labels}
                    {series}
                    unit={ChartUnit::Customers}
                    area=true
                />
                <WaterfallChart retention={r} />
            </div>
        </section>
    }
}
