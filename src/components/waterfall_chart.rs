use retention_core::{format_count, Retention};
use yew::prelude::*;

use crate::charts::{ticks, Scale, BOTTOM, HEIGHT, LEFT, WIDTH};
use crate::i18n::{details_text, use_words, waterfall_description, DetailsText};

#[derive(Properties, PartialEq)]
pub struct WaterfallChartProps {
    pub retention: Retention,
}

/// Room above the bars for their values.
const TOP: f64 = 24.0;

/// From S to E: the customers at the start, those lost, the new ones, those at the end.
#[component]
pub fn WaterfallChart(props: &WaterfallChartProps) -> Html {
    let r = props.retention;
    let locale = use_words().locale;
    let y_ticks = ticks(r.start.max(r.end) as f64, 4);
    let y = Scale::new(
        (0.0, y_ticks.last().copied().unwrap_or(1.0)),
        (HEIGHT - BOTTOM, TOP),
    );
    // (label, from, to, value shown, kind)
    let bars = [
        (
            details_text(DetailsText::WaterfallStart, locale),
            0,
            r.start,
            r.start,
            "start",
        ),
        (
            details_text(DetailsText::WaterfallLost, locale),
            r.retained,
            r.start,
            r.lost,
            "lost",
        ),
        (
            details_text(DetailsText::WaterfallNew, locale),
            r.retained,
            r.end,
            r.new,
            "new",
        ),
        (
            details_text(DetailsText::WaterfallEnd, locale),
            0,
            r.end,
            r.end,
            "end",
        ),
    ];
    let slot = (WIDTH - LEFT) / bars.len() as f64;
    let description = waterfall_description(&r, locale);
    html! {
        <figure class="rc-chart" data-chart="waterfall">
            <figcaption class="rc-chart-title">{ details_text(DetailsText::WaterfallTitle, locale) }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby="rc-waterfall-title rc-waterfall-desc">
                <title id="rc-waterfall-title">{ details_text(DetailsText::WaterfallTitle, locale) }</title>
                <desc id="rc-waterfall-desc">{ description.clone() }</desc>
                { for y_ticks.iter().map(|t| html! {
                    <g class="rc-grid">
                        <line x1={LEFT.to_string()} x2={WIDTH.to_string()} y1={format!("{:.1}", y.at(*t))} y2={format!("{:.1}", y.at(*t))} />
                        <text x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y.at(*t) + 4.0)} text-anchor="end">{ format_count(*t as u64, locale) }</text>
                    </g>
                }) }
                { for bars.iter().enumerate().map(|(i, (label, from, to, value, kind))| {
                    let x = LEFT + slot * i as f64 + slot * 0.2;
                    let (top, bottom) = (y.at(*to as f64), y.at(*from as f64));
                    html! {
                        <g class={format!("rc-bar rc-bar-{kind}")} data-bar={*kind} data-value={value.to_string()}>
                            <rect x={format!("{x:.1}")} y={format!("{top:.1}")} width={format!("{:.1}", slot * 0.6)} height={format!("{:.1}", (bottom - top).max(1.0))} />
                            <text x={format!("{:.1}", x + slot * 0.3)} y={format!("{:.1}", top - 6.0)} text-anchor="middle">{ format_count(*value, locale) }</text>
                            <text class="rc-axis" x={format!("{:.1}", x + slot * 0.3)} y={(HEIGHT - BOTTOM + 18.0).to_string()} text-anchor="middle">{ *label }</text>
                        </g>
                    }
                }) }
            </svg>
            <p class="rc-visually-hidden">{ description }</p>
        </figure>
    }
}
