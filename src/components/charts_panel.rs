use retention_core::{format_count, format_decimal, half_life, survival, Locale, Retention};
use yew::prelude::*;

use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::waterfall_chart::WaterfallChart;
use crate::i18n::{periods_unit, text, Text};

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    pub retention: Retention,
    pub locale: Locale,
}

/// Where the customer base is heading at this retention, and how it got from S to E.
#[component]
pub fn ChartsPanel(props: &ChartsPanelProps) -> Html {
    let (r, locale) = (props.retention, props.locale);
    let horizon = r.period.horizon();
    let base = survival(r.end, r.retention_rate, horizon);
    let unit = periods_unit(r.period, locale);
    let last = format_count(base.last().copied().unwrap_or(0.0).round() as u64, locale);
    let half = half_life(r.retention_rate).map(|h| format_decimal(h, 0, 1, locale));
    let description = match (locale, half) {
        (Locale::Nl, Some(h)) => format!(
            "Van je {} klanten nu zijn er na {horizon} {unit} nog {last} over; na {h} {unit} is de helft weg.",
            format_count(r.end, locale)
        ),
        (Locale::Nl, None) => format!("Je {} klanten blijven allemaal.", format_count(r.end, locale)),
        (Locale::En, Some(h)) => format!(
            "Of your {} customers now, {last} are left after {horizon} {unit}; half are gone after {h} {unit}.",
            format_count(r.end, locale)
        ),
        (Locale::En, None) => format!("All your {} customers stay.", format_count(r.end, locale)),
    };
    let labels: Vec<AttrValue> = (0..=horizon)
        .map(|t| AttrValue::from(t.to_string()))
        .collect();
    let series = vec![Series {
        name: text(Text::SurvivalTitle, locale).into(),
        values: base,
        class: "rc-series-1",
    }];
    html! {
        <section class="rc-section rc-charts" aria-labelledby="rc-charts-title" data-section="charts">
            <h3 id="rc-charts-title">{ text(Text::Charts, locale) }</h3>
            <div class="rc-chart-grid">
                <LineChart
                    id="rc-survival"
                    title={format!("{} ({unit})", text(Text::SurvivalTitle, locale))}
                    {description}
                    {labels}
                    {series}
                    unit={ChartUnit::Customers}
                    {locale}
                    area=true
                />
                <WaterfallChart retention={r} {locale} />
            </div>
        </section>
    }
}
