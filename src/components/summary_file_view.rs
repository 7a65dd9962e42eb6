use retention_core::worker::{Download, SummaryRead};
use retention_core::{rounded_fill, FitError, Forecast, Inputs};
use yew::prelude::*;

use crate::components::forecast_view::ForecastView;
use crate::i18n::{
    bad_rows_heading, summary_bad_row, summary_file_read, use_words, warehouse_text,
    WarehouseText as T,
};

/// How many bad rows the view lists; the count says how many there are.
const BAD_ROWS_SHOWN: usize = 10;

#[derive(Properties, PartialEq)]
pub struct SummaryFileViewProps {
    pub read: SummaryRead,
    pub forecast: Option<Result<Forecast, FitError>>,
    pub onfill: Callback<Inputs>,
    pub ondownload: Callback<Download>,
    /// Asked under the fill button before a fill (keep the example's margin and CAC?).
    #[prop_or_default]
    pub question: Option<Html>,
}

/// A dropped per-customer summary: what it held, what it cannot give, the calculator's
/// spend and frequency, and the forecast.
#[component]
pub fn SummaryFileView(props: &SummaryFileViewProps) -> Html {
    let locale = use_words().locale;
    let r = &props.read.stats;
    let fill = rounded_fill(props.read.fill);
    let can_fill = fill.spend.is_some() || fill.frequency.is_some();
    html! {
        <div class="rc-import-results" data-summary-file="" data-customers={r.customers.to_string()}>
            <h4>{ warehouse_text(T::SummaryTitle, locale) }</h4>
            <p data-summary-read="">{ summary_file_read(r.customers, r.repeat_customers, r.rows, locale) }</p>
            <p class="rc-hint rc-warning" data-summary-cannot="">{ warehouse_text(T::SummaryCannot, locale) }</p>
            if r.bad_row_count > 0 {
                <p>{ bad_rows_heading(r.bad_row_count, locale) }</p>
                <ul class="rc-row-errors" data-bad-rows="">
                    { for r.bad_rows.iter().take(BAD_ROWS_SHOWN).map(|b| html! {
                        <li data-line={b.line.to_string()}>{ summary_bad_row(b.line, &b.problem, locale) }</li>
                    }) }
                </ul>
            }
            if can_fill {
                <button type="button" class="rc-primary" data-action="fill" onclick={props.onfill.reform(move |_: MouseEvent| fill)}>
                    { warehouse_text(T::SummaryFill, locale) }
                </button>
            }
            { for props.question.clone() }
            if let Some(forecast) = &props.forecast {
                <ForecastView forecast={forecast.clone()} ondownload={props.ondownload.reform(|_: MouseEvent| Download::Forecast)} />
            }
        </div>
    }
}
