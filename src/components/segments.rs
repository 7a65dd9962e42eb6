//! The RFM segments of an import: the R × F grid as a chart, a table with each segment's
//! customers, shares, predicted CLV, P(alive) and what to do, and a file per segment. The
//! scores, the segment map, the names and the actions come from the core.

use crate::components::table_head::TableHead;
use retention_core::worker::Download;
use retention_core::{
    format_count, format_decimal, Locale, Quantity, ScoreRange, Segment, Segmentation,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::i18n::{
    grid_cell_text, grid_description, segment_download, segment_link_title, segment_text,
    segments_help, use_words, SegmentText as T,
};

/// The chart's cells and margins, in SVG units.
const CELL_W: f64 = 96.0;
const CELL_H: f64 = 48.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 34.0;

/// A segment's name in ids, classes and data attributes: `at-risk`, as in its file name.
pub fn slug(segment: Segment) -> &'static str {
    let file = segment.file_name();
    file.strip_prefix("segment-")
        .and_then(|f| f.strip_suffix(".csv"))
        .unwrap_or(file)
}

/// A link to `segment`'s row in the segments table, for the win-back list. The calculator
/// lives in a shadow root, where `#id` links find nothing: the click scrolls and moves the
/// focus itself.
pub fn segment_link(segment: Segment, locale: Locale) -> Html {
    let slug = slug(segment);
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let row = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest(".rc-import-results").ok().flatten())
            .and_then(|results| {
                results
                    .query_selector(&format!("[data-segment-row=\"{slug}\"] th"))
                    .ok()
                    .flatten()
            });
        if let Some(row) = row.and_then(|r| r.dyn_into::<HtmlElement>().ok()) {
            row.scroll_into_view();
            let _ = row.focus();
        }
    });
    html! {
        <a href={format!("#rc-segment-{slug}")} data-segment-link={slug} title={segment_link_title(segment, locale)} {onclick}>
            { segment.label(locale) }
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct SegmentsViewProps {
    pub segmentation: Segmentation,
    pub ondownload: Callback<Download>,
}

/// The segments of an import: the grid, the table and a file per segment.
#[component]
pub fn SegmentsView(props: &SegmentsViewProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let q = |v: Quantity| words.q(v);
    let s = &props.segmentation;
    if s.customers == 0 {
        return html! {};
    }
    let optional = |v: Option<f64>, f: &dyn Fn(f64) -> String| {
        v.filter(|v| v.is_finite())
            .map_or_else(|| "–".to_string(), f)
    };
    html! {
        <div class="rc-segments" data-segments={s.customers.to_string()}>
            <h4>{ segment_text(T::Title, locale) }</h4>
            <p class="rc-hint">{ segments_help(s.reference, s.customers, locale) }</p>
            if !s.forecast {
                <p class="rc-hint" data-segments-no-forecast="">{ segment_text(T::NoForecast, locale) }</p>
            }
            <SegmentGrid segmentation={s.clone()} />
            <div class="rc-table-wrap">
                <table class="rc-table rc-segment-table" data-segment-table="">
                    <TableHead columns={[T::Segment, T::Customers, T::CustomerShare, T::RevenueShare, T::MeanClv, T::MeanPAlive, T::Actions, T::File].map(|c| segment_text(c, locale)).to_vec()} />
                    <tbody>
                        { for s.segments.iter().filter(|x| x.customers > 0).map(|x| {
                            let segment = x.segment;
                            let slug = slug(segment);
                            html! {
                                <tr data-segment-row={slug} data-customers={x.customers.to_string()}>
                                    <th scope="row" id={format!("rc-segment-{slug}")} tabindex="-1">
                                        <span class={format!("rc-swatch rc-seg-{slug}")} aria-hidden="true"></span>
                                        { segment.label(locale) }
                                        <small class="rc-hint">{ segment.description(locale) }</small>
                                    </th>
                                    <td>{ q(Quantity::Count(x.customers)) }</td>
                                    <td data-customer-share={format!("{:.4}", x.customer_share)}>{ q(Quantity::Percent(x.customer_share)) }</td>
                                    <td data-revenue-share={x.revenue_share.map(|v| format!("{v:.4}")).unwrap_or_default()}>{ optional(x.revenue_share, &|v| q(Quantity::Percent(v))) }</td>
                                    <td data-mean-clv={x.mean_predicted_clv.map(|v| format!("{v:.2}")).unwrap_or_default()}>{ optional(x.mean_predicted_clv, &|v| q(Quantity::Money(v))) }</td>
                                    <td data-mean-p-alive={x.mean_p_alive.map(|v| format!("{v:.4}")).unwrap_or_default()}>{ optional(x.mean_p_alive, &|v| q(Quantity::Percent(v * 100.0))) }</td>
                                    <td>
                                        <ul class="rc-segment-actions">
                                            { for x.actions.iter().map(|a| html! { <li>{ a.text(locale) }</li> }) }
                                        </ul>
                                    </td>
                                    <td>
                                        <button type="button" data-action="download-segment" data-segment={slug}
                                            onclick={props.ondownload.reform(move |_: MouseEvent| Download::Segment(segment))}>
                                            { segment_download(segment, locale) }
                                        </button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <ScoreRanges segmentation={s.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SegmentGridProps {
    segmentation: Segmentation,
}

/// The 5 × 5 grid: recency up, frequency across, each cell in its segment's colour with its
/// customers; a legend names the colours.
#[component]
fn SegmentGrid(props: &SegmentGridProps) -> Html {
    let locale = use_words().locale;
    let s = &props.segmentation;
    let (width, height) = (LEFT + 5.0 * CELL_W, 5.0 * CELL_H + BOTTOM);
    let biggest = s
        .segments
        .iter()
        .filter(|x| x.customers > 0)
        .max_by_key(|x| x.customers)
        .map(|x| (x.segment, x.customer_share));
    let description = grid_description(biggest, locale);
    html! {
        <figure class="rc-chart rc-segment-grid" data-chart="segments">
            <figcaption class="rc-chart-title">{ segment_text(T::GridTitle, locale) }</figcaption>
            <svg viewBox={format!("0 0 {width} {height}")} role="img" aria-labelledby="rc-segments-title rc-segments-desc">
                <title id="rc-segments-title">{ segment_text(T::GridTitle, locale) }</title>
                <desc id="rc-segments-desc">{ description.clone() }</desc>
                { for s.grid.iter().map(|c| {
                    let x = LEFT + f64::from(c.frequency - 1) * CELL_W;
                    let y = f64::from(5 - c.recency) * CELL_H;
                    let slug = slug(c.segment);
                    html! {
                        <g class={format!("rc-seg-cell rc-seg-{slug}")} data-cell={format!("{}{}", c.recency, c.frequency)} data-segment={slug} data-customers={c.customers.to_string()}>
                            <title>{ grid_cell_text(c.recency, c.frequency, c.customers, c.segment, locale) }</title>
                            <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{:.1}", CELL_W - 2.0)} height={format!("{:.1}", CELL_H - 2.0)} />
                            <text x={format!("{:.1}", x + CELL_W / 2.0 - 1.0)} y={format!("{:.1}", y + CELL_H / 2.0 + 4.0)} text-anchor="middle">{ format_count(c.customers, locale) }</text>
                        </g>
                    }
                }) }
                { for (1..=5u8).map(|r| html! {
                    <text class="rc-axis" x={(LEFT - 8.0).to_string()} y={format!("{:.1}", f64::from(5 - r) * CELL_H + CELL_H / 2.0 + 4.0)} text-anchor="end">{ format!("R {r}") }</text>
                }) }
                { for (1..=5u8).map(|f| html! {
                    <text class="rc-axis" x={format!("{:.1}", LEFT + f64::from(f - 1) * CELL_W + CELL_W / 2.0)} y={format!("{:.1}", 5.0 * CELL_H + 16.0)} text-anchor="middle">{ format!("F {f}") }</text>
                }) }
            </svg>
            <p class="rc-hint">{ format!("{} · {}", segment_text(T::Recency, locale), segment_text(T::Frequency, locale)) }</p>
            <ul class="rc-segment-legend" aria-label={segment_text(T::Legend, locale)}>
                { for s.segments.iter().map(|x| {
                    let slug = slug(x.segment);
                    html! {
                        <li data-legend={slug}>
                            <span class={format!("rc-swatch rc-seg-{slug}")} aria-hidden="true"></span>
                            { format!("{} ({})", x.segment.label(locale), format_count(x.customers, locale)) }
                        </li>
                    }
                }) }
            </ul>
            <p class="rc-visually-hidden">{ description }</p>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct ScoreRangesProps {
    segmentation: Segmentation,
}

/// What each score covers, in days, purchase days and money, folded away.
#[component]
fn ScoreRanges(props: &ScoreRangesProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.segmentation;
    let days = |v: f64| format_decimal(v, 0, 0, locale);
    let money = |v: f64| words.q(Quantity::Money(v));
    let row = |name: &'static str, ranges: &[ScoreRange], f: &dyn Fn(f64) -> String| {
        html! {
            <tr>
                <th scope="row">{ name }</th>
                { for ranges.iter().map(|r| html! {
                    <td>{ match (r.lowest, r.highest) {
                        (Some(lo), Some(hi)) if lo == hi => f(lo),
                        (Some(lo), Some(hi)) => format!("{} – {}", f(lo), f(hi)),
                        _ => "–".into(),
                    } }</td>
                }) }
            </tr>
        }
    };
    html! {
        <details class="rc-score-ranges">
            <summary>{ segment_text(T::Ranges, locale) }</summary>
            <div class="rc-table-wrap">
                <table class="rc-table" data-score-ranges="">
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            { for (1..=5).map(|n| html! { <th scope="col">{ n }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { row(segment_text(T::RangeRecency, locale), &s.recency, &days) }
                        { row(segment_text(T::RangeFrequency, locale), &s.frequency, &days) }
                        { row(segment_text(T::RangeMonetary, locale), &s.monetary, &money) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}
