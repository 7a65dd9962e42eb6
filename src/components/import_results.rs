use retention_core::worker::Download;
use retention_core::{
    Figure, FitError, Forecast, ImportStats, Inputs, Period, Quantity, Segmentation, Summary,
    SummaryOptions,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::cohort_heatmap::CohortHeatmap;
use crate::components::forecast_view::ForecastView;
use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::segments::{segment_link, SegmentsView};
use crate::i18n::{
    bad_row, bad_rows_heading, fill_button, import_read, import_text, inactive_heading,
    summary_notes, use_words, ImportText as T,
};

/// How many bad rows the page lists; the count says how many there are.
const BAD_ROWS_SHOWN: usize = 10;

#[derive(Properties, PartialEq)]
pub struct ImportResultsProps {
    pub read: Option<ImportStats>,
    pub summary: Option<Summary>,
    pub forecast: Option<Result<Forecast, FitError>>,
    pub segments: Option<Segmentation>,
    pub options: SummaryOptions,
    pub onoptions: Callback<SummaryOptions>,
    pub ondownload: Callback<Download>,
    pub onfill: Callback<Inputs>,
}

/// What an import found: what was read, the key figures, retention per period, cohorts, the
/// customers to win back and the forecast.
#[component]
pub fn ImportResults(props: &ImportResultsProps) -> Html {
    let words = use_words();
    let (locale, options) = (words.locale, props.options);
    let q = |v: Quantity| words.q(v);
    let stats = props.read.as_ref().map(|st| {
        html! {
            <div class="rc-import-stats" data-import-stats="">
                <p>{ import_read(st.rows, st.orders, st.customers, locale) }</p>
                { for st.notes(locale).into_iter().map(|note| html! { <p class="rc-hint" data-import-note="">{ note }</p> }) }
                if st.orders == 0 {
                    <p class="rc-import-problem" role="alert">{ import_text(T::NoOrders, locale) }</p>
                }
                if st.bad_row_count > 0 {
                    <p>{ bad_rows_heading(st.bad_row_count, locale) }</p>
                    <ul class="rc-row-errors" data-bad-rows="">
                        { for st.bad_rows.iter().take(BAD_ROWS_SHOWN).map(|r| html! {
                            <li data-line={r.line.to_string()}>{ bad_row(r.line, &r.reason, locale) }</li>
                        }) }
                        if st.bad_row_count > BAD_ROWS_SHOWN {
                            <li>{ "…" }</li>
                        }
                    </ul>
                }
            </div>
        }
    });
    let Some(s) = &props.summary else {
        return html! { <>{ for stats }</> };
    };
    let key = |name: &'static str, label: T, value: Option<String>| {
        html! {
            <div class="rc-key" data-key={name}>
                <span class="rc-key-label">{ import_text(label, locale) }</span>
                <strong class="rc-key-value">{ value.unwrap_or_else(|| "–".into()) }</strong>
            </div>
        }
    };

    let on_period = {
        let onoptions = props.onoptions.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let period = Period::from_name(&select.value()).unwrap_or(Period::Month);
            onoptions.emit(SummaryOptions { period, ..options });
        })
    };
    let number_option = |set: fn(&mut SummaryOptions, u32)| {
        let onoptions = props.onoptions.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().trim().parse::<u32>() {
                let mut next = options;
                set(&mut next, v.clamp(1, 3650));
                onoptions.emit(next);
            }
        })
    };
    let with_retention: Vec<_> = s.periods.iter().filter(|p| p.retention.is_some()).collect();
    let fill = s.fill;
    let onfill = props.onfill.reform(move |_: MouseEvent| fill);
    let ondownload = props.ondownload.clone();

    html! {
        <div class="rc-import-results" data-import-results="">
            { for stats }
            <div class="rc-keys">
                { key("repeatRate", T::RepeatRate, s.repeat_purchase_rate.map(|r| q(Quantity::Percent(r)))) }
                { key("orderValue", T::OrderValue, s.average_order_value.map(|v| q(Quantity::Money(v)))) }
                { key("frequency", T::Frequency, s.purchase_frequency.map(|v| q(Quantity::Number(v)))) }
                { key("medianClv", T::MedianClv, s.clv.map(|c| q(Quantity::Money(c.median)))) }
            </div>
            if let Some(period) = &s.fill_period {
                <button type="button" class="rc-primary" data-action="fill" onclick={onfill}>{ fill_button(period, locale) }</button>
            }
            <h4>{ import_text(T::PeriodsTitle, locale) }</h4>
            { for summary_notes(s, locale).into_iter().map(|note| html! { <p class="rc-hint rc-warning" data-summary-note="">{ note }</p> }) }
            <div class="rc-import-options">
                <div class="rc-field rc-choice">
                    <label for="rc-import-period">{ import_text(T::PeriodKind, locale) }</label>
                    <select id="rc-import-period" onchange={on_period}>
                        { for [Period::Month, Period::Quarter].into_iter().map(|p| html! {
                            <option value={p.name()} selected={p == options.period}>{ p.label(locale) }</option>
                        }) }
                    </select>
                </div>
                <div class="rc-field">
                    <label for="rc-import-window">{ import_text(T::Window, locale) }</label>
                    <input id="rc-import-window" type="number" min="1" max="120" value={options.window_months.to_string()} onchange={number_option(|o, v| o.window_months = v)} />
                </div>
                <div class="rc-field">
                    <label for="rc-import-inactive">{ import_text(T::InactiveDays, locale) }</label>
                    <input id="rc-import-inactive" type="number" min="1" max="3650" value={options.inactive_days.to_string()} onchange={number_option(|o, v| o.inactive_days = v)} />
                </div>
            </div>
            <div class="rc-table-wrap">
                <table class="rc-table" data-import-periods="">
                    <thead>
                        <tr>
                            <th scope="col">{ import_text(T::PeriodKind, locale) }</th>
                            <th scope="col">{ "S" }</th>
                            <th scope="col">{ "E" }</th>
                            <th scope="col">{ "N" }</th>
                            <th scope="col">{ import_text(T::FirstTime, locale) }</th>
                            <th scope="col">{ import_text(T::Reactivated, locale) }</th>
                            <th scope="col">{ "CRR" }</th>
                            <th scope="col">{ "Churn" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for s.periods.iter().map(|p| html! {
                            <tr data-period={p.label.clone()}>
                                <th scope="row">
                                    { p.label.clone() }
                                    if !p.complete { <small>{ format!(" ({})", import_text(T::Running, locale)) }</small> }
                                </th>
                                <td>{ q(Quantity::Count(p.start)) }</td>
                                <td>{ q(Quantity::Count(p.end)) }</td>
                                <td>{ q(Quantity::Count(p.new)) }</td>
                                <td>{ q(Quantity::Count(p.first_time)) }</td>
                                <td>{ q(Quantity::Count(p.reactivated)) }</td>
                                <td data-crr="">{ p.retention.map(|r| q(Quantity::Percent(r.retention_rate))).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ p.retention.map(|r| q(Quantity::Percent(r.churn_rate))).unwrap_or_else(|| "–".into()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if with_retention.len() > 1 {
                <LineChart
                    id="rc-import-trend"
                    title={import_text(T::PeriodsTitle, locale)}
                    description={with_retention.last().and_then(|p| p.retention).map(|r| format!("{}: {}", Figure::RetentionRate.label(locale), q(Quantity::Percent(r.retention_rate)))).unwrap_or_default()}
                    labels={with_retention.iter().map(|p| AttrValue::from(p.label.clone())).collect::<Vec<_>>()}
                    series={vec![
                        Series { name: Figure::RetentionRate.label(locale).into(), values: with_retention.iter().filter_map(|p| p.retention).map(|r| r.retention_rate).collect(), class: "rc-series-1" },
                        Series { name: Figure::ChurnRate.label(locale).into(), values: with_retention.iter().filter_map(|p| p.retention).map(|r| r.churn_rate).collect(), class: "rc-series-2" },
                    ]}
                    unit={ChartUnit::Percent}
                />
            }
            <CohortHeatmap cohorts={s.cohorts.clone()} />
            <h4>{ import_text(T::InactiveTitle, locale) }</h4>
            <p data-inactive-count={s.inactive_count.to_string()}>{ inactive_heading(s.inactive_count, options.inactive_days, locale) }</p>
            if !s.inactive.is_empty() {
                <div class="rc-table-wrap">
                    <table class="rc-table" data-inactive="">
                        <thead>
                            <tr>
                                <th scope="col">{ import_text(T::Customer, locale) }</th>
                                <th scope="col">{ import_text(T::LastOrder, locale) }</th>
                                <th scope="col">{ import_text(T::DaysInactive, locale) }</th>
                                <th scope="col">{ import_text(T::Orders, locale) }</th>
                                <th scope="col">{ import_text(T::Spend, locale) }</th>
                                <th scope="col">{ crate::i18n::segment_text(crate::i18n::SegmentText::Segment, locale) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for s.inactive.iter().map(|c| html! {
                                <tr>
                                    <th scope="row">{ c.id.clone() }</th>
                                    <td>{ c.last_order.to_string() }</td>
                                    <td>{ q(Quantity::Count(u64::from(c.days_inactive))) }</td>
                                    <td>{ q(Quantity::Count(u64::from(c.orders))) }</td>
                                    <td>{ q(Quantity::Money(c.spend)) }</td>
                                    <td>{ segment_link(c.segment, locale) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <button type="button" data-action="download-inactive" onclick={ondownload.reform(|_: MouseEvent| Download::WinBack)}>
                    { import_text(T::DownloadInactive, locale) }
                </button>
            }
            if let Some(segmentation) = &props.segments {
                <SegmentsView segmentation={segmentation.clone()} ondownload={ondownload.clone()} />
            }
            if let Some(forecast) = &props.forecast {
                <ForecastView forecast={forecast.clone()} ondownload={ondownload.reform(|_: MouseEvent| Download::Forecast)} />
            }
        </div>
    }
}
