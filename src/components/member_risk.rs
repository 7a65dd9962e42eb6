use std::rc::Rc;

use retention_core::{
    cluster_kind, format_decimal, plan_spread, tenure_focus, MemberSummary, Quantity,
};
use yew::prelude::*;

use crate::i18n::{
    cluster_sentence, member_view_text, plan_spread_sentence, tenure_band, tenure_focus_sentence,
    use_words, MemberViewText as T,
};

#[derive(Properties, PartialEq)]
pub struct MemberRiskProps {
    pub summary: Rc<MemberSummary>,
}

/// Where members are at risk: by plan, by tenure, and the months of membership in which
/// cancellations cluster, each in words with what to do.
#[component]
pub fn MemberRisk(props: &MemberRiskProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.summary;
    if s.members == 0 {
        return html! {};
    }
    let count = |n: u64| words.q(Quantity::Count(n));
    let pct = |x: Option<f64>| {
        x.map(|x| words.q(Quantity::Percent(x)))
            .unwrap_or_else(|| "–".into())
    };
    let en = |x: f64| format!("{x:.4}");
    let plans = plan_spread(&s.plans);
    let focus = tenure_focus(&s.tenure);
    html! {
        <div class="rc-member-risk" data-member-view="risk">
            <h4>{ member_view_text(T::RiskTitle, locale) }</h4>
            if !s.plans.is_empty() {
                <h5>{ member_view_text(T::PlansTitle, locale) }</h5>
                if let Some((riskiest, safest)) = plans {
                    <p class="rc-advice" data-plan-risk={s.plans[riskiest].plan.clone()}>
                        { plan_spread_sentence(&s.plans[riskiest], &s.plans[safest], words) }
                    </p>
                }
                <div class="rc-table-wrap">
                    <table class="rc-table" data-table="member-plans">
                        <thead><tr>
                            <th scope="col">{ member_view_text(T::Plan, locale) }</th>
                            <th scope="col">{ member_view_text(T::Members, locale) }</th>
                            <th scope="col">{ member_view_text(T::StillMembers, locale) }</th>
                            <th scope="col">{ member_view_text(T::Cancelled, locale) }</th>
                            <th scope="col">{ member_view_text(T::ChurnMonth, locale) }</th>
                            <th scope="col">{ member_view_text(T::Survival3, locale) }</th>
                            <th scope="col">{ member_view_text(T::Survival12, locale) }</th>
                            <th scope="col">{ member_view_text(T::MeanFee, locale) }</th>
                        </tr></thead>
                        <tbody>
                            { for s.plans.iter().map(|p| html! {
                                <tr data-plan={p.plan.clone()} data-members={p.members.to_string()} data-cancelled={p.cancelled.to_string()} data-churn={p.churn_rate.map(en)}>
                                    <th scope="row">
                                        if p.plan.is_empty() {
                                            { member_view_text(T::OtherPlans, locale) }
                                        } else {
                                            { p.plan.clone() }
                                        }
                                    </th>
                                    <td>{ count(p.members) }</td>
                                    <td>{ count(p.active) }</td>
                                    <td>{ count(p.cancelled) }</td>
                                    <td>{ pct(p.churn_rate) }</td>
                                    <td>{ pct(p.survival_3) }</td>
                                    <td>{ pct(p.survival_12) }</td>
                                    <td>{ p.mean_fee.map(|f| words.q(Quantity::Money(f))).unwrap_or_else(|| "–".into()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h5>{ member_view_text(T::TenureTitle, locale) }</h5>
            if let Some(f) = focus {
                <p class="rc-advice" data-tenure-focus={f.band.to_string()}>
                    { tenure_focus_sentence(&f, &s.tenure[f.band], words) }
                </p>
            }
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="member-tenure">
                    <thead><tr>
                        <th scope="col">{ member_view_text(T::Tenure, locale) }</th>
                        <th scope="col">{ member_view_text(T::ActiveNow, locale) }</th>
                        <th scope="col">{ member_view_text(T::ChurnMonth, locale) }</th>
                        <th scope="col">{ member_view_text(T::ExpectedLeaving, locale) }</th>
                    </tr></thead>
                    <tbody>
                        { for s.tenure.iter().map(|t| html! {
                            <tr data-from={t.from_month.to_string()} data-active={t.active.to_string()} data-churn={t.churn_rate.map(en)} data-leaving={en(t.expected_leaving)}>
                                <th scope="row">{ tenure_band(t, locale) }</th>
                                <td>{ count(t.active) }</td>
                                <td>{ pct(t.churn_rate) }</td>
                                <td>{ format_decimal(t.expected_leaving, 0, 1, locale) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h5>{ member_view_text(T::ClustersTitle, locale) }</h5>
            if s.clusters.is_empty() {
                <p class="rc-hint" data-clusters="0">{ member_view_text(T::NoClusters, locale) }</p>
            } else {
                <ul class="rc-insights" data-clusters={s.clusters.len().to_string()}>
                    { for s.clusters.iter().map(|c| html! {
                        <li data-cluster={c.month.to_string()} data-left={c.left.to_string()} data-at-risk={c.at_risk.to_string()}>
                            { cluster_sentence(c, cluster_kind(c.month), words) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
