use std::rc::Rc;

use retention_core::{
    analyse_survivors, format_decimal, parse_survivors, read_number, Period, Quantity,
    SurvivorOptions, SurvivorsReport,
};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::formula::{pieces, Formula};
use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::period_field::PeriodField;
use crate::components::table_head::TableHead;
use crate::i18n::{
    fit_sentence, insight_sentence, member_advice, member_text, sbg_error, survivor_meaning,
    survivors_chart_description, survivors_error, text, use_words, MemberText, Text,
};

#[derive(Properties, PartialEq)]
pub struct SurvivorsPanelProps {
    /// The pasted table, as typed.
    pub table: AttrValue,
    pub period: Period,
    /// The fee per period, as typed.
    pub fee: AttrValue,
    /// The members calculator's margin and yearly discount rate, when usable.
    pub margin: Option<f64>,
    pub discount_rate: Option<f64>,
    pub ontable: Callback<String>,
    pub onperiod: Callback<Period>,
    pub onfee: Callback<String>,
    pub onexample: Callback<MouseEvent>,
}

/// The survivors table: a pasted cohort, the sBG fitted to it, its projection next to the
/// actuals and constant churn, retention by tenure and the residual value of a member.
#[component]
pub fn SurvivorsPanel(props: &SurvivorsPanelProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let fee = read_number(&props.fee, locale).filter(|v| v.is_finite() && *v >= 0.0);
    let options = SurvivorOptions {
        period: props.period,
        fee,
        margin: props.margin,
        discount_rate: props
            .discount_rate
            .unwrap_or(SurvivorOptions::default().discount_rate),
        ..SurvivorOptions::default()
    };
    let result = {
        let key = (props.table.to_string(), options, locale);
        use_memo(key, |(table, options, locale)| {
            parse_survivors(table, *locale).map_err(Err).and_then(|t| {
                analyse_survivors(&t, options)
                    .map_err(Ok)
                    .map(|r| (t.counts.len(), r))
            })
        })
    };
    let ontable = props.ontable.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let onfee = props.onfee.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let error = match &*result {
        Err(Err(e)) => Some(survivors_error(e, words)),
        Err(Ok(e)) => Some(sbg_error(e, words)),
        Ok(_) => None,
    };
    html! {
        <section class="rc-section rc-survivors" aria-labelledby="rc-survivors-title" data-section="survivors">
            <h3 id="rc-survivors-title">{ member_text(MemberText::SurvivorsTitle, locale) }</h3>
            <p class="rc-help" id="rc-survivors-help">{ member_text(MemberText::SurvivorsHelp, locale) }</p>
            <div class="rc-survivors-inputs">
                <div class={classes!("rc-field", error.is_some().then_some("rc-field-invalid"))}>
                    <label for="rc-survivors-table">{ member_text(MemberText::SurvivorsInput, locale) }</label>
                    <textarea
                        id="rc-survivors-table"
                        rows="8"
                        spellcheck="false"
                        value={props.table.clone()}
                        aria-invalid={error.is_some().to_string()}
                        aria-describedby={if error.is_some() { "rc-survivors-error rc-survivors-help" } else { "rc-survivors-help" }}
                        oninput={ontable}
                    />
                    if let Some(error) = &error {
                        <p id="rc-survivors-error" class="rc-error" role="alert" data-error-for="survivors">{ error.clone() }</p>
                    }
                </div>
                <div class="rc-fields">
                    <PeriodField
                        id="rc-survivors-period"
                        label={member_text(MemberText::SurvivorsPeriod, locale)}
                        selected={props.period}
                        onchoose={props.onperiod.clone()}
                    />
                    <div class="rc-field">
                        <label for="rc-survivors-fee">{ member_text(MemberText::SurvivorsFee, locale) }</label>
                        <div class="rc-input rc-unit-before">
                            <input id="rc-survivors-fee" type="text" inputmode="decimal" autocomplete="off" value={props.fee.clone()} oninput={onfee} />
                            <span class="rc-unit" aria-hidden="true">{ words.currency.symbol(locale) }</span>
                        </div>
                    </div>
                    <div class="rc-actions">
                        <button type="button" data-action="survivors-example" onclick={props.onexample.clone()}>
                            { member_text(MemberText::SurvivorsExample, locale) }
                        </button>
                    </div>
                </div>
            </div>
            if let Ok((observed, report)) = &*result {
                <SurvivorsResults report={Rc::new(report.clone())} observed={*observed - 1} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SurvivorsResultsProps {
    report: Rc<SurvivorsReport>,
    /// Periods the table covers after the start.
    observed: usize,
}

#[component]
fn SurvivorsResults(props: &SurvivorsResultsProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let r = &props.report;
    let period = r.options.period;
    let fit = r.fit.model;
    let label = |t: u32| AttrValue::from(t.to_string());
    let labels: Vec<AttrValue> = r.curve.iter().map(|p| label(p.period)).collect();
    let observed: Vec<f64> = r
        .curve
        .iter()
        .take_while(|p| p.actual.is_some())
        .map(|p| p.actual.unwrap_or_default() as f64)
        .collect();
    let series = vec![
        Series {
            name: member_text(MemberText::Actual, locale).into(),
            values: observed,
            class: "rc-series-1",
        },
        Series {
            name: member_text(MemberText::Fitted, locale).into(),
            values: r.curve.iter().map(|p| p.fitted).collect(),
            class: "rc-series-2",
        },
        Series {
            name: member_text(MemberText::Constant, locale).into(),
            values: r.curve.iter().map(|p| p.constant).collect(),
            class: "rc-series-3",
        },
    ];
    let count = |x: f64| words.q(Quantity::Count(x.round().max(0.0) as u64));
    let pct = |x: f64| words.q(Quantity::Percent(x));
    let periods = |x: f64| words.q(Quantity::Periods(x, period));
    let money = |x: Option<f64>| {
        x.map(|m| words.q(Quantity::RoundMoney(m)))
            .unwrap_or_default()
    };
    let has_money = r.options.fee.is_some();
    let mut residual_columns = vec![
        MemberText::Renewals,
        MemberText::Derl,
        MemberText::ConstantDerl,
    ];
    if has_money {
        residual_columns.extend([MemberText::ResidualValue, MemberText::ConstantValue]);
    }
    let residual_columns: Vec<_> = residual_columns
        .into_iter()
        .map(|c| member_text(c, locale))
        .collect();
    html! {
        <div class="rc-survivors-results" data-survivors="fit">
            <h4>{ member_text(MemberText::FitTitle, locale) }</h4>
            <p class="rc-fit" data-alpha={format_decimal(fit.alpha, 3, 3, retention_core::Locale::En)} data-beta={format_decimal(fit.beta, 3, 3, retention_core::Locale::En)}>
                { fit_sentence(fit.alpha, fit.beta, r.fit.homogeneous, words) }
            </p>
            <ul class="rc-insights">
                { for r.insights.iter().map(|i| html! { <li>{ insight_sentence(i, period, words) }</li> }) }
            </ul>
            <LineChart
                id="rc-survivors-chart"
                title={member_text(MemberText::ChartTitle, locale)}
                description={survivors_chart_description(r.curve.len(), props.observed, locale)}
                {labels}
                {series}
                unit={ChartUnit::Customers}
            />
            <h4>{ member_text(MemberText::RetentionTitle, locale) }</h4>
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="survival">
                    <TableHead columns={[MemberText::PeriodColumn, MemberText::Actual, MemberText::Fitted, MemberText::Constant, MemberText::ActualRetention, MemberText::FittedRetention].map(|c| member_text(c, locale)).to_vec()} />
                    <tbody>
                        { for r.curve.iter().map(|p| html! {
                            <tr class={classes!(p.projected.then_some("rc-projected"))} data-period={p.period.to_string()}>
                                <th scope="row">
                                    { p.period }
                                    if p.projected {
                                        <span class="rc-gloss">{ member_text(MemberText::Projected, locale) }</span>
                                    }
                                </th>
                                <td>{ p.actual.map(|a| count(a as f64)).unwrap_or_default() }</td>
                                <td>{ count(p.fitted) }</td>
                                <td>{ count(p.constant) }</td>
                                <td>{ p.actual_retention.map(pct).unwrap_or_default() }</td>
                                <td data-retention={p.retention.map(|x| format!("{x:.4}"))}>{ p.retention.map(pct).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h4>{ member_text(MemberText::ResidualTitle, locale) }</h4>
            <p class="rc-help">{ member_text(MemberText::ResidualHelp, locale) }</p>
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="residual">
                    <TableHead columns={residual_columns} />
                    <tbody>
                        { for r.residual.iter().map(|x| html! {
                            <tr data-renewals={x.renewals.to_string()}>
                                <th scope="row">{ x.renewals }</th>
                                <td>{ periods(x.derl) }</td>
                                <td>{ periods(x.constant_derl) }</td>
                                if has_money {
                                    <td>{ money(x.value) }</td>
                                    <td>{ money(x.constant_value) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h4>{ member_text(MemberText::FiguresTitle, locale) }</h4>
            { for r.explanations.iter().map(|e| html! {
                <details class="rc-row" data-survivor-figure={format!("{:?}", e.figure)}>
                    <summary>
                        <span class="rc-row-name">{ e.figure.label(locale) }</span>
                        <span class="rc-row-value"><span class="rc-value">{ words.q(e.value) }</span></span>
                        <span class="rc-row-how">{ text(Text::HowCalculated, locale) }</span>
                    </summary>
                    <div class="rc-how-body">
                        <Formula pieces={pieces(&e.formula, |v| words.q(v))} result={words.q(e.value)} />
                        <p>{ survivor_meaning(e.figure, locale) }</p>
                        <p class="rc-comparison">{ format!("{}: {}", member_text(MemberText::AtConstantChurn, locale), words.q(e.constant)) }</p>
                        if !e.advice.is_empty() {
                            <ul>{ for e.advice.iter().map(|a| html! { <li>{ member_advice(*a, locale) }</li> }) }</ul>
                        }
                    </div>
                </details>
            }) }
        </div>
    }
}
