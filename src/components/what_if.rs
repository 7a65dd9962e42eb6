use retention_core::{format_decimal, what_if, Currency, Locale, Quantity, Report, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{quantity, text, Text};

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub report: Report,
    pub locale: Locale,
    pub currency: Currency,
}

/// A slider for more retention, and what it does to lifespan, CLV and next year's revenue.
#[component]
pub fn WhatIf(props: &WhatIfProps) -> Html {
    let points = use_state(|| 5.0_f64);
    let Some(w) = what_if(&props.report, *points) else {
        return html! {};
    };
    let (locale, currency) = (props.locale, props.currency);
    let q = |q: Quantity| quantity(q, locale, currency);
    let oninput = {
        let points = points.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                points.set(v.clamp(1.0, 10.0));
            }
        })
    };
    let added = format_decimal(w.points, 0, 1, locale);
    let column = |s: &Scenario| -> [String; 5] {
        let none = text(Text::NoChurn, locale).to_string();
        [
            q(Quantity::Percent(s.retention_rate)),
            q(Quantity::Percent(s.annual_retention_rate)),
            s.lifespan_years
                .map(|y| q(Quantity::Years(y)))
                .unwrap_or(none.clone()),
            s.clv.map(|m| q(Quantity::Money(m))).unwrap_or(none),
            s.revenue_next_year
                .map(|m| q(Quantity::Money(m)))
                .unwrap_or_default(),
        ]
    };
    let (now, then) = (column(&w.current), column(&w.improved));
    let rows = [
        Text::RetentionPerPeriod,
        Text::RetentionPerYear,
        Text::Lifespan,
        Text::Clv,
        Text::RevenueNextYear,
    ];
    let gain = match (w.revenue_gain, w.clv_gain, locale) {
        (Some(revenue), clv, Locale::Nl) => format!(
            "Met {added} procentpunt meer retentie brengen je huidige klanten komend jaar {} meer op{}.",
            q(Quantity::Money(revenue)),
            clv.map(|c| format!(", en is een klant {} meer waard", q(Quantity::Money(c)))).unwrap_or_default()
        ),
        (Some(revenue), clv, Locale::En) => format!(
            "With {added} more points of retention your current customers bring in {} more next year{}.",
            q(Quantity::Money(revenue)),
            clv.map(|c| format!(", and a customer is worth {} more", q(Quantity::Money(c)))).unwrap_or_default()
        ),
        (None, _, _) => String::new(),
    };
    html! {
        <section class="rc-section rc-what-if" aria-labelledby="rc-what-if-title" data-section="whatIf">
            <h3 id="rc-what-if-title">{ text(Text::WhatIf, locale) }</h3>
            <div class="rc-field">
                <label for="rc-what-if-points">{ text(Text::WhatIfSlider, locale) }</label>
                <div class="rc-slider">
                    <input id="rc-what-if-points" type="range" min="1" max="10" step="1" value={points.to_string()} {oninput} />
                    <output for="rc-what-if-points">{ format!("+{added}") }</output>
                </div>
            </div>
            <div class="rc-table-wrap">
            <table class="rc-table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{ text(Text::Now, locale) }</th>
                        <th scope="col">{ format!("+{added}") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, row)| html! {
                        <tr data-row={i.to_string()}>
                            <th scope="row">{ text(*row, locale) }</th>
                            <td>{ now[i].clone() }</td>
                            <td>{ then[i].clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="rc-gain" role="status">{ gain }</p>
        </section>
    }
}
