use retention_core::{format_decimal, FitError, Forecast, Quantity};
use yew::prelude::*;

use crate::components::table_head::TableHead;
use crate::i18n::{fit_error, import_text, use_words, ImportText as T};

#[derive(Properties, PartialEq)]
pub struct ForecastViewProps {
    /// The fitted models, or why there are none.
    pub forecast: Result<Forecast, FitError>,
    pub ondownload: Callback<MouseEvent>,
}

/// The most valuable customers ahead, and the fitted BG/NBD and Gamma-Gamma parameters under
/// "Technical details".
#[component]
pub fn ForecastView(props: &ForecastViewProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let q = |v: Quantity| words.q(v);
    let number = |v: f64, d: usize| {
        if v.is_finite() {
            format_decimal(v, d, d, locale)
        } else {
            "–".into()
        }
    };
    let body = match &props.forecast {
        Ok(f) => {
            let (b, g) = (f.purchases, f.spend);
            html! {
                <>
                    <p class="rc-scroll-hint" aria-hidden="true">{ import_text(T::ScrollHint, locale) }</p>
                    <div class="rc-table-wrap" tabindex="0" role="region" aria-label={import_text(T::ForecastTitle, locale)}>
                        <table class="rc-table" data-forecast="">
                            <TableHead columns={[T::Customer, T::SpentSoFar, T::PAlive, T::ExpectedPurchases, T::ExpectedSpend, T::PredictedClv].map(|c| import_text(c, locale)).to_vec()} />
                            <tbody>
                                { for f.top.iter().map(|c| {
                                    let p = c.prediction;
                                    html! {
                                        <tr>
                                            <th scope="row">{ c.id.clone() }</th>
                                            <td data-spent={c.spent.map(|v| format!("{v:.2}")).unwrap_or_default()}>{ c.spent.map_or_else(|| "–".into(), |v| q(Quantity::Money(v))) }</td>
                                            <td>{ q(Quantity::Percent(p.p_alive * 100.0)) }</td>
                                            <td>{ number(p.expected_purchases, 2) }</td>
                                            <td>{ if p.expected_spend.is_finite() { q(Quantity::Money(p.expected_spend)) } else { "–".into() } }</td>
                                            <td data-clv={format!("{:.2}", p.clv)}>{ if p.clv.is_finite() { q(Quantity::Money(p.clv)) } else { "–".into() } }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <button type="button" data-action="download-forecast" onclick={props.ondownload.clone()}>
                        { import_text(T::DownloadForecast, locale) }
                    </button>
                    <details class="rc-tech" data-tech="">
                        <summary>{ import_text(T::TechDetails, locale) }</summary>
                        <p class="rc-hint">{ import_text(T::ForecastHelp, locale) }</p>
                        <dl class="rc-parameters" data-parameters="">
                            <dt>{ "BG/NBD" }</dt>
                            <dd>{ format!("r = {}, α = {}, a = {}, b = {}", number(b.r, 3), number(b.alpha, 3), number(b.a, 3), number(b.b, 3)) }</dd>
                            <dt>{ "Gamma-Gamma" }</dt>
                            <dd>{ format!("p = {}, q = {}, γ = {}", number(g.p, 3), number(g.q, 3), number(g.gamma, 3)) }</dd>
                        </dl>
                    </details>
                </>
            }
        }
        Err(e) => {
            html! { <p class="rc-hint" data-forecast-error="">{ fit_error(e, locale) }</p> }
        }
    };
    html! {
        <div class="rc-forecast">
            <h4>{ import_text(T::ForecastTitle, locale) }</h4>
            { body }
        </div>
    }
}
