use retention_core::worker::Download;
use retention_core::{
    full_window_periods, rounded_fill, Figure, FitError, Forecast, ImportStats, Inputs, Period,
    Quantity, Segmentation, Summary, SummaryOptions, WinBack,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::cohort_heatmap::CohortHeatmap;
use crate::components::forecast_view::ForecastView;
use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::segments::{segment_link, SegmentsView};
use crate::components::table_head::TableHead;
use crate::i18n::{
    bad_row, bad_rows_heading, counting_rule, fill_button, fill_year_button, import_read,
    import_text, longest_window_button, no_fill_note, segment_text, summary_notes, todo_best,
    todo_win_back, todo_year, use_words, window_note, ImportText as T, SegmentText,
};
use crate::painted::use_painted;

/// How many bad rows the page lists; the count says how many there are.
const BAD_ROWS_SHOWN: usize = 10;

#[derive(Properties, PartialEq, Clone)]
pub struct ImportResultsProps {
    pub read: Option<ImportStats>,
    pub summary: Option<Summary>,
    pub forecast: Option<Result<Forecast, FitError>>,
    pub segments: Option<Segmentation>,
    #[prop_or_default]
    pub win_back: Option<WinBack>,
    pub options: SummaryOptions,
    pub onoptions: Callback<SummaryOptions>,
    pub ondownload: Callback<Download>,
    pub onfill: Callback<Inputs>,
    /// Asked under the fill button before a fill (keep the example's margin and CAC?).
    #[prop_or_default]
    pub question: Option<Html>,
}

/// What an import found: first what to do, then what was read, the key figures, retention
/// per period, cohorts, the customers to win back and the forecast. What comes in together
/// (an import done before "analyse", see `ImportRunner::choose`) is drawn forecast first,
/// the rest once it is on screen.
#[component]
pub fn ImportResults(props: &ImportResultsProps) -> Html {
    let painted = use_painted();
    let forecast = props.forecast.as_ref().map(|forecast| {
        let ondownload = props.ondownload.reform(|_: MouseEvent| Download::Forecast);
        html! { <ForecastView forecast={forecast.clone()} {ondownload} /> }
    });
    html! {
        <div class="rc-import-results" data-import-results="">
            if painted {
                <ImportFindings ..props.clone() />
            }
            { for forecast }
        </div>
    }
}

/// Everything [`ImportResults`] shows but the forecast.
#[component]
fn ImportFindings(props: &ImportResultsProps) -> Html {
    let words = use_words();
    let (locale, options) = (words.locale, props.options);
    let q = |v: Quantity| words.q(v);
    let stats = props.read.as_ref().map(|st| {
        html! {
            <div class="rc-import-stats" data-import-stats="">
                <p>{ import_read(st.read.rows, st.orders, st.customers, locale) }</p>
                <p class="rc-hint" data-counting-rule="">{ counting_rule(st.grouping == retention_core::Grouping::OrderNumber, locale) }</p>
                { for st.notes(locale).into_iter().map(|note| html! { <p class="rc-hint" data-import-note="">{ note }</p> }) }
                if st.orders == 0 {
                    <p class="rc-import-problem" role="alert">{ import_text(T::NoOrders, locale) }</p>
                }
                if st.read.bad_row_count > 0 {
                    <p>{ bad_rows_heading(st.read.bad_row_count, locale) }</p>
                    <ul class="rc-row-errors" data-bad-rows="">
                        { for st.read.bad_rows.iter().take(BAD_ROWS_SHOWN).map(|r| html! {
                            <li data-line={r.line.to_string()}>{ bad_row(r.line, &r.reason, locale) }</li>
                        }) }
                        if st.read.bad_row_count > BAD_ROWS_SHOWN {
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
    let on_longest = |window_months: u32| {
        let onoptions = props.onoptions.clone();
        Callback::from(move |_: MouseEvent| {
            onoptions.emit(SummaryOptions {
                window_months,
                ..options
            })
        })
    };
    // The trend only where the active window is full: before, retention reads near 100 %.
    let full = full_window_periods(s);
    let not_full = s.periods.len() - full.len();
    let with_retention: Vec<_> = full.iter().filter(|p| p.retention.is_some()).collect();
    // The last 12 complete months as a year; else the last complete period, rounded.
    let (fill, fill_label) = match (&s.year, &s.fill_period) {
        (Some(year), _) => (year.inputs, Some(fill_year_button(year, locale))),
        (None, Some(period)) => (rounded_fill(s.fill), Some(fill_button(period, locale))),
        (None, None) => (s.fill, None),
    };
    let onfill = props.onfill.reform(move |_: MouseEvent| fill);
    let ondownload = props.ondownload.clone();
    // What to do, in three lines: who to win back, the year in the calculator, who to keep.
    let best = match &props.forecast {
        Some(Ok(f)) if !f.top.is_empty() => Some(todo_best(
            f.top.len(),
            f.top
                .iter()
                .map(|c| c.prediction.clv)
                .filter(|v| v.is_finite())
                .sum(),
            words,
        )),
        _ => None,
    };
    let todo: Vec<(&str, String)> = [
        props
            .win_back
            .as_ref()
            .map(|w| ("winBack", todo_win_back(w, words))),
        s.year
            .as_ref()
            .and_then(|y| todo_year(y, words))
            .map(|t| ("year", t)),
        best.map(|t| ("best", t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let scroll_hint = html! { <p class="rc-scroll-hint" aria-hidden="true">{ import_text(T::ScrollHint, locale) }</p> };

    html! {
        <>
            if !todo.is_empty() {
                <h4>{ import_text(T::TodoTitle, locale) }</h4>
                <ol class="rc-import-todo" data-todo="">
                    { for todo.into_iter().map(|(name, line)| html! { <li data-todo-line={name}>{ line }</li> }) }
                </ol>
            }
            if let Some(label) = fill_label {
                <button type="button" class="rc-primary" data-action="fill" onclick={onfill}>{ label }</button>
            } else if !s.periods.is_empty() {
                <p class="rc-hint" data-no-fill="">{ no_fill_note(options.window_months, locale) }</p>
                if let Some(months) = s.longest_full_window {
                    <button type="button" data-action="longest-window" onclick={on_longest(months)}>
                        { longest_window_button(months, locale) }
                    </button>
                }
            }
            { for props.question.clone() }
            { for stats }
            <div class="rc-keys">
                { key("repeatRate", T::RepeatRate, s.repeat_purchase_rate.map(|r| q(Quantity::Percent(r)))) }
                { key("orderValue", T::OrderValue, s.average_order_value.map(|v| q(Quantity::Money(v)))) }
                { key("frequency", T::Frequency, s.purchase_frequency.map(|v| q(Quantity::Number(v)))) }
                { key("medianClv", T::MedianClv, s.clv.map(|c| q(Quantity::Money(c.median)))) }
            </div>
            <h4>{ import_text(T::InactiveTitle, locale) }</h4>
            <div class="rc-field">
                <label for="rc-import-inactive">{ import_text(T::InactiveDays, locale) }</label>
                <input id="rc-import-inactive" type="number" min="1" max="3650" value={options.inactive_days.to_string()} onchange={number_option(|o, v| o.inactive_days = v)} />
            </div>
            if let Some(w) = props.win_back.as_ref().filter(|w| !w.customers.is_empty()) {
                { scroll_hint.clone() }
                <div class="rc-table-wrap" tabindex="0" role="region" aria-label={import_text(T::InactiveTitle, locale)}>
                    <table class="rc-table" data-inactive="" data-inactive-count={w.count.to_string()}>
                        <TableHead columns={vec![import_text(T::Customer, locale), import_text(T::AtStake, locale), import_text(T::DaysInactive, locale), import_text(T::Spend, locale), import_text(T::PAlive, locale), import_text(T::Orders, locale), import_text(T::LastOrder, locale), segment_text(SegmentText::Segment, locale)]} />
                        <tbody>
                            { for w.customers.iter().map(|c| html! {
                                <tr>
                                    <th scope="row">{ c.id.clone() }</th>
                                    <td data-at-stake={format!("{:.2}", c.at_stake)}>{ q(Quantity::RoundMoney(c.at_stake)) }</td>
                                    <td>{ q(Quantity::Count(u64::from(c.days_inactive))) }</td>
                                    <td>{ q(Quantity::Money(c.spend)) }</td>
                                    <td>{ c.p_alive.map_or_else(|| "–".into(), |p| q(Quantity::Percent(p * 100.0))) }</td>
                                    <td>{ q(Quantity::Count(u64::from(c.orders))) }</td>
                                    <td>{ c.last_order.to_string() }</td>
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
            if not_full > 0 {
                <p class="rc-hint" data-window-note="">{ window_note(not_full, options.window_months, locale) }</p>
            }
            { scroll_hint }
            <div class="rc-table-wrap" tabindex="0" role="region" aria-label={import_text(T::PeriodsTitle, locale)}>
                <table class="rc-table" data-import-periods="">
                    <TableHead columns={vec![import_text(T::PeriodKind, locale), "CRR", "Churn", "S", "E", "N", import_text(T::FirstTime, locale), import_text(T::Reactivated, locale)]} />
                    <tbody>
                        { for s.periods.iter().map(|p| html! {
                            <tr data-period={p.label.clone()} data-window-full={p.window_full.to_string()}>
                                <th scope="row">
                                    { p.label.clone() }
                                    if !p.complete { <small>{ format!(" ({})", import_text(T::Running, locale)) }</small> }
                                    if !p.window_full { <small>{ format!(" {}", import_text(T::WindowNotFull, locale)) }</small> }
                                </th>
                                <td data-crr="">{ p.retention.map(|r| q(Quantity::Percent(r.retention_rate))).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ p.retention.map(|r| q(Quantity::Percent(r.churn_rate))).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ q(Quantity::Count(p.start)) }</td>
                                <td>{ q(Quantity::Count(p.end)) }</td>
                                <td>{ q(Quantity::Count(p.new)) }</td>
                                <td>{ q(Quantity::Count(p.first_time)) }</td>
                                <td>{ q(Quantity::Count(p.reactivated)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <CohortHeatmap cohorts={s.cohorts.clone()} />
            if let Some(segmentation) = &props.segments {
                <SegmentsView segmentation={segmentation.clone()} ondownload={ondownload.clone()} />
            }
        </>
    }
}
