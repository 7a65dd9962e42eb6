use std::rc::Rc;

use retention_core::{flow_trend, Locale, MemberSummary, Quantity};
use yew::prelude::*;

use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::i18n::{flow_trend_sentence, member_view_text, use_words, MemberViewText as T};

/// The periods the table lists, the last ones: the charts show them all.
const FLOW_ROWS: usize = 24;

#[derive(Properties, PartialEq)]
pub struct MemberFlowsProps {
    pub summary: Rc<MemberSummary>,
}

/// Members in and out per period (the members calculator's period): churn over time, new
/// against existing members, net growth, and what the last periods say.
#[component]
pub fn MemberFlows(props: &MemberFlowsProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.summary;
    if s.periods.is_empty() {
        return html! {};
    }
    let period = s.options.period;
    let count = |n: u64| words.q(Quantity::Count(n));
    let pct = |x: Option<f64>| {
        x.map(|x| words.q(Quantity::Percent(x)))
            .unwrap_or_else(|| "–".into())
    };
    let en = |x: f64| format!("{x:.4}");
    let complete: Vec<_> = s
        .periods
        .iter()
        .filter(|p| p.complete && p.churn_rate.is_some())
        .collect();
    let churn = html! {
        <LineChart
            id="rc-mi-churn"
            title={member_view_text(T::ChurnChart, locale)}
            description={member_view_text(T::ChurnChartHelp, locale)}
            labels={complete.iter().map(|p| AttrValue::from(p.label.clone())).collect::<Vec<_>>()}
            series={vec![Series {
                name: member_view_text(T::Churn, locale).into(),
                values: complete.iter().map(|p| p.churn_rate.unwrap_or_default()).collect(),
                class: "rc-series-1",
            }]}
            unit={ChartUnit::Percent}
        />
    };
    let flows = html! {
        <LineChart
            id="rc-mi-flows"
            title={member_view_text(T::FlowChart, locale)}
            description={member_view_text(T::FlowChartHelp, locale)}
            labels={s.periods.iter().map(|p| AttrValue::from(p.label.clone())).collect::<Vec<_>>()}
            series={vec![
                Series {
                    name: member_view_text(T::New, locale).into(),
                    values: s.periods.iter().map(|p| p.new as f64).collect(),
                    class: "rc-series-1",
                },
                Series {
                    name: member_view_text(T::Cancelled, locale).into(),
                    values: s.periods.iter().map(|p| p.cancelled as f64).collect(),
                    class: "rc-series-3",
                },
            ]}
            unit={ChartUnit::Customers}
        />
    };
    let trend = flow_trend(&s.periods);
    let shown = &s.periods[s.periods.len().saturating_sub(FLOW_ROWS)..];
    html! {
        <div class="rc-member-flows" data-member-view="flows">
            <h4>{ member_view_text(T::FlowsTitle, locale) }</h4>
            <p class="rc-help">{ member_view_text(T::FlowsHelp, locale) }</p>
            if let Some(t) = &trend {
                <p class="rc-advice" data-flow-trend={t.net_change.to_string()}>{ flow_trend_sentence(t, period, words) }</p>
            }
            if !complete.is_empty() {
                { churn }
            }
            { flows }
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="member-flows">
                    <thead><tr>
                        <th scope="col">{ member_view_text(T::Period, locale) }</th>
                        <th scope="col">{ member_view_text(T::AtStart, locale) }</th>
                        <th scope="col">{ member_view_text(T::New, locale) }</th>
                        <th scope="col">{ member_view_text(T::Cancelled, locale) }</th>
                        <th scope="col">{ member_view_text(T::AtEnd, locale) }</th>
                        <th scope="col">{ member_view_text(T::Churn, locale) }</th>
                        <th scope="col">{ member_view_text(T::NewPerMember, locale) }</th>
                        <th scope="col">{ member_view_text(T::NetChange, locale) }</th>
                        <th scope="col">{ member_view_text(T::NetGrowth, locale) }</th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().map(|p| html! {
                            <tr data-period={p.label.clone()} data-start={p.start.to_string()} data-new={p.new.to_string()}
                                data-cancelled={p.cancelled.to_string()} data-end={p.end.to_string()}
                                data-churn={p.churn_rate.map(en)} data-complete={p.complete.to_string()}>
                                <th scope="row">
                                    { p.label.clone() }
                                    if !p.complete {
                                        { format!(" {}", member_view_text(T::Running, locale)) }
                                    }
                                </th>
                                <td>{ count(p.start) }</td>
                                <td>{ count(p.new) }</td>
                                <td>{ count(p.cancelled) }</td>
                                <td>{ count(p.end) }</td>
                                <td>{ pct(p.churn_rate) }</td>
                                <td>{ p.new_per_member.map(|x| words.q(Quantity::Number(x))).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ signed(p.net_change, words.locale) }</td>
                                <td>{ pct(p.net_growth_rate) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// A change with its sign: `+12`, `−3`.
fn signed(n: i64, locale: Locale) -> String {
    let size = retention_core::format_count(n.unsigned_abs(), locale);
    match n {
        n if n > 0 => format!("+{size}"),
        n if n < 0 => format!("−{size}"),
        _ => size,
    }
}
