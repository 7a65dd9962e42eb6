use std::rc::Rc;

use retention_core::{format_decimal, MemberSummary, Period, Quantity};
use yew::prelude::*;

use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::i18n::{member_view_text, projected_heading, use_words, MemberViewText as T};

#[derive(Properties, PartialEq)]
pub struct MemberCohortFitsProps {
    pub summary: Rc<MemberSummary>,
}

/// The sBG fitted to each start month and to all members together: α, β, the members
/// expected after the horizon, the discounted lifetime of a new member, the residual lifetime
/// of those still there, and a new member's value; and today's members projected.
#[component]
pub fn MemberCohortFits(props: &MemberCohortFitsProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.summary;
    if s.cohorts.is_empty() {
        return html! {};
    }
    let horizon = s.options.horizon;
    let count = |n: u64| words.q(Quantity::Count(n));
    let about = |x: f64| count(x.round().max(0.0) as u64);
    let months = |x: f64| words.q(Quantity::Periods(x, Period::Month));
    let money = |x: f64| words.q(Quantity::RoundMoney(x));
    let greek = |x: f64| format_decimal(x, 3, 3, locale);
    let en = |x: f64| format!("{x:.4}");
    let pooled = s.pooled.as_ref();
    html! {
        <div class="rc-member-fits" data-member-view="fits">
            <h4>{ member_view_text(T::FitsTitle, locale) }</h4>
            <p class="rc-help">{ member_view_text(T::FitsHelp, locale) }</p>
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="member-fits">
                    <thead><tr>
                        <th scope="col">{ member_view_text(T::Cohort, locale) }</th>
                        <th scope="col">{ member_view_text(T::Members, locale) }</th>
                        <th scope="col">{ member_view_text(T::StillMembers, locale) }</th>
                        <th scope="col">{ "α" }</th>
                        <th scope="col">{ "β" }</th>
                        <th scope="col">{ projected_heading(horizon, locale) }</th>
                        <th scope="col">{ member_view_text(T::Del, locale) }</th>
                        <th scope="col">{ member_view_text(T::ResidualLifetime, locale) }</th>
                        <th scope="col">{ member_view_text(T::Clv, locale) }</th>
                    </tr></thead>
                    <tbody>
                        { for s.cohorts.iter().map(|c| html! {
                            <tr data-cohort={c.label.clone()} data-fit={c.fit.is_some().to_string()}
                                data-alpha={c.fit.map(|f| en(f.model.alpha))} data-beta={c.fit.map(|f| en(f.model.beta))}
                                data-del={c.del.map(en)} data-residual={c.residual_lifetime.map(en)} data-clv={c.clv.map(en)}>
                                <th scope="row">{ c.label.clone() }</th>
                                <td>{ count(c.size) }</td>
                                <td>{ count(c.active) }</td>
                                if let Some(f) = c.fit {
                                    <td>{ greek(f.model.alpha) }</td>
                                    <td>{ greek(f.model.beta) }</td>
                                    <td>{ c.projected.map(about).unwrap_or_default() }</td>
                                    <td>{ c.del.map(months).unwrap_or_default() }</td>
                                    <td>{ c.residual_lifetime.map(months).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ c.clv.map(money).unwrap_or_else(|| "–".into()) }</td>
                                } else {
                                    <td colspan="6" class="rc-hint rc-table-note">{ member_view_text(T::TooSmall, locale) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                    if let Some(p) = pooled {
                        <tfoot>
                            <tr data-cohort="pooled" data-alpha={en(p.fit.model.alpha)} data-beta={en(p.fit.model.beta)}>
                                <th scope="row">{ member_view_text(T::Pooled, locale) }</th>
                                <td>{ count(s.members) }</td>
                                <td>{ count(s.active) }</td>
                                <td>{ greek(p.fit.model.alpha) }</td>
                                <td>{ greek(p.fit.model.beta) }</td>
                                <td>{ p.projection.last().map(|x| about(*x)).unwrap_or_default() }</td>
                                <td>{ months(p.del) }</td>
                                <td>{ p.residual_lifetime.map(months).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ p.clv.map(money).unwrap_or_else(|| "–".into()) }</td>
                            </tr>
                        </tfoot>
                    }
                </table>
            </div>
            if let Some(p) = pooled.filter(|p| p.projection.len() > 1) {
                <LineChart
                    id="rc-mi-projection"
                    title={member_view_text(T::ProjectionChart, locale)}
                    description={member_view_text(T::ProjectionHelp, locale)}
                    labels={(0..p.projection.len()).map(|h| AttrValue::from(h.to_string())).collect::<Vec<_>>()}
                    series={vec![
                        Series {
                            name: member_view_text(T::SbgSeries, locale).into(),
                            values: p.projection.clone(),
                            class: "rc-series-2",
                        },
                        Series {
                            name: member_view_text(T::ConstantSeries, locale).into(),
                            values: p.constant_projection.clone(),
                            class: "rc-series-3",
                        },
                    ]}
                    unit={ChartUnit::Customers}
                />
            }
        </div>
    }
}
