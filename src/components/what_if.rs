use std::rc::Rc;

use retention_core::{format_decimal, what_if, Figure, Quantity, Report, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{details_text, use_words, what_if_gain, DetailsText};

/// The points of retention the what-if starts with.
pub const START_POINTS: f64 = 5.0;

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub report: Rc<Report>,
    /// Percentage points of retention added; the answer's what-if sentence follows them too.
    pub points: f64,
    pub onpoints: Callback<f64>,
}

/// A slider for more retention, and what it does to lifespan, CLV and next year's revenue.
#[component]
pub fn WhatIf(props: &WhatIfProps) -> Html {
    let words = use_words();
    let Some(w) = what_if(&props.report, props.points) else {
        return html! {};
    };
    let locale = words.locale;
    let oninput = {
        let onpoints = props.onpoints.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                onpoints.emit(v.clamp(1.0, 10.0));
            }
        })
    };
    let added = format_decimal(w.points, 0, 1, locale);
    let column = |s: &Scenario| -> [String; 5] {
        let none = details_text(DetailsText::NoChurn, locale).to_string();
        [
            words.q(Quantity::Percent(s.retention_rate)),
            words.q(Quantity::Percent(s.annual_retention_rate)),
            s.lifespan_years
                .map(|y| words.q(Quantity::Years(y)))
                .unwrap_or(none.clone()),
            s.clv
                .map(|m| words.q(Quantity::RoundMoney(m)))
                .unwrap_or(none),
            s.revenue_next_year
                .map(|m| words.q(Quantity::RoundMoney(m)))
                .unwrap_or_default(),
        ]
    };
    let (now, then) = (column(&w.current), column(&w.improved));
    let rows = [
        details_text(DetailsText::RetentionPerPeriod, locale),
        Figure::AnnualRetention.label(locale),
        Figure::Lifespan.label(locale),
        Figure::Clv.label(locale),
        details_text(DetailsText::RevenueNextYear, locale),
    ];
    let gain = w
        .revenue_gain
        .map(|revenue| what_if_gain(w.points, revenue, w.clv_gain, words))
        .unwrap_or_default();
    html! {
        <section class="rc-section rc-what-if" aria-labelledby="rc-what-if-title" data-section="whatIf">
            <h3 id="rc-what-if-title">{ details_text(DetailsText::WhatIf, locale) }</h3>
            <div class="rc-field">
                <label for="rc-what-if-points">{ details_text(DetailsText::WhatIfSlider, locale) }</label>
                <div class="rc-slider">
                    <input id="rc-what-if-points" type="range" min="1" max="10" step="1" value={props.points.to_string()} {oninput} />
                    <output for="rc-what-if-points">{ format!("+{added}") }</output>
                </div>
            </div>
            <div class="rc-table-wrap">
            <table class="rc-table">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{ details_text(DetailsText::Now, locale) }</th>
                        <th scope="col">{ format!("+{added}") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, row)| html! {
                        <tr data-row={i.to_string()}>
                            <th scope="row">{ *row }</th>
                            <td>{ now[i].clone() }</td>
                            <td>{ then[i].clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="rc-gain" role="status" data-gain="whatIf">{ gain }</p>
        </section>
    }
}
