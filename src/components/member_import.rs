use std::rc::Rc;

use retention_core::worker::{Request, Stage};
use retention_core::{format_decimal, Locale, MemberOptions, MemberSummary, Period, Quantity};
use web_sys::File;
use yew::prelude::*;

use crate::components::file_drop::FileDrop;
use crate::components::import_progress::ImportProgress;
use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::member_cohort_fits::MemberCohortFits;
use crate::components::member_cohorts::MemberCohorts;
use crate::components::member_flows::MemberFlows;
use crate::components::member_mapping::MemberMappingForm;
use crate::components::member_risk::MemberRisk;
use crate::components::table_head::TableHead;
use crate::i18n::{
    fit_sentence, insight_sentence, member_bad_row, member_import_text, member_read_sentence,
    sbg_error, use_words, MemberImportText as T,
};
use crate::import::Problem;
use crate::member_import::{MemberImportAction as Action, MemberImportState};
use crate::worker::use_import_worker;

/// The months of the survival table: the rest are in the chart.
const SURVIVAL_ROWS: usize = 25;

#[derive(Properties, PartialEq)]
pub struct MemberImportProps {
    /// The fee, margin and discount rate of the members calculator, for member value.
    pub options: MemberOptions,
}

/// Drop a member export, check how it is read, and let the import worker read and analyse
/// it: Kaplan–Meier survival, the sBG fitted to every member, and what a member is worth.
#[component]
pub fn MemberImport(props: &MemberImportProps) -> Html {
    let state = use_reducer(MemberImportState::default);
    let runner = use_import_worker(
        state.dispatcher().to_callback().reform(Action::Heard),
        state.dispatcher().to_callback().reform(Action::Stopped),
    );
    let locale = use_words().locale;

    let onchoose = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |chosen: File| {
            state.dispatch(Action::Chose(chosen.name()));
            runner.choose(chosen, Request::MemberPreview { sheet: None });
        })
    };
    let options = props.options;
    let analyse = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(mapping) = state.mapping else {
                return;
            };
            state.dispatch(Action::Started);
            let sheet = state.sheet.clone();
            runner.send(Request::MemberImport {
                mapping,
                options,
                sheet,
            });
        })
    };
    // Other options analyse the members already read again.
    {
        let (runner, imported) = (runner.clone(), state.summary.is_some());
        use_effect_with(options, move |options| {
            if imported {
                runner.send(Request::MemberAnalyse(*options));
            }
        });
    }
    let onsheet = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |sheet: String| {
            state.dispatch(Action::ChoseSheet(sheet.clone()));
            runner.send(Request::MemberPreview { sheet: Some(sheet) });
        })
    };
    let cancel = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            runner.cancel();
            state.dispatch(Action::Stopped(Problem::Cancelled));
        })
    };
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            runner.reset();
            state.dispatch(Action::Reset);
        })
    };
    let running = state.run.running.is_some();
    html! {
        <section class="rc-section rc-import rc-member-import" aria-labelledby="rc-mi-title" data-section="member-import">
            <h3 id="rc-mi-title">{ member_import_text(T::Title, locale) }</h3>
            <p class="rc-hint">{ member_import_text(T::Help, locale) }</p>
            <FileDrop id="rc-mi-file" run={state.run.clone()} {onchoose}
                choose={member_import_text(T::Choose, locale)} drop={member_import_text(T::Drop, locale)} />
            if let (Some(preview), Some(mapping)) = (&state.preview, state.mapping) {
                <MemberMappingForm
                    preview={preview.clone()}
                    {mapping}
                    disabled={running}
                    onchange={state.dispatcher().to_callback().reform(Action::SetMapping)}
                    sheet={state.sheet.clone()}
                    {onsheet}
                />
                <div class="rc-actions">
                    <button type="button" data-action="analyse-members" onclick={analyse} disabled={running}>{ member_import_text(T::Analyse, locale) }</button>
                    if running {
                        <button type="button" data-action="cancel-members" onclick={cancel}>{ member_import_text(T::Cancel, locale) }</button>
                    } else {
                        <button type="button" data-action="another-members" onclick={reset}>{ member_import_text(T::Another, locale) }</button>
                    }
                </div>
            }
            <ImportProgress
                id="rc-mi-progress"
                running={state.run.running.map(|(stage, fraction)| (stage, progress(stage, fraction)))}
                problem={state.run.problem.clone()}
            />
            if let Some(read) = &state.read {
                <p class="rc-hint" data-member-read="" data-rows={read.read.rows.to_string()} data-bad-rows={read.read.bad_row_count.to_string()}>
                    { member_read_sentence(read, locale) }
                </p>
                if !read.read.bad_rows.is_empty() {
                    <details class="rc-bad-rows" open=true>
                        <summary>{ member_import_text(T::BadRowsTitle, locale) }</summary>
                        <table class="rc-table" data-table="member-bad-rows">
                            <TableHead columns={[T::Line, T::Reason].map(|c| member_import_text(c, locale)).to_vec()} />
                            <tbody>
                                { for read.read.bad_rows.iter().map(|b| html! {
                                    <tr data-line={b.line.to_string()}>
                                        <th scope="row">{ b.line }</th>
                                        <td>{ member_bad_row(&b.reason, locale) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </details>
                }
            }
            if let Some(summary) = &state.summary {
                <MemberFigures summary={summary.clone()} />
                <MemberCohorts summary={summary.clone()} />
                <MemberFlows summary={summary.clone()} />
                <MemberCohortFits summary={summary.clone()} />
                <MemberRisk summary={summary.clone()} />
            }
        </section>
    }
}

/// One bar for the whole import: reading the file, parsing most of it, then the analysis.
fn progress(stage: Stage, fraction: f64) -> f64 {
    match stage {
        Stage::Read => 0.2 * fraction,
        Stage::Parse => 0.2 + 0.6 * fraction,
        Stage::Summarise | Stage::Forecast => 0.9,
    }
}

#[derive(Properties, PartialEq)]
struct MemberFiguresProps {
    summary: Rc<MemberSummary>,
}

/// What the core found in a member file: counts, survival, the sBG and member value.
#[component]
fn MemberFigures(props: &MemberFiguresProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.summary;
    let count = |n: u64| words.q(Quantity::Count(n));
    let pct = |x: f64| words.q(Quantity::Percent(x));
    let months = |x: f64| words.q(Quantity::Periods(x, Period::Month));
    let money = |x: f64| words.q(Quantity::RoundMoney(x));
    let figure = |name: &'static str, label: T, value: String| {
        html! {
            <tr data-member-figure={name}>
                <th scope="row">{ member_import_text(label, locale) }</th>
                <td><span class="rc-value">{ value }</span></td>
            </tr>
        }
    };
    let en = |x: f64| format_decimal(x, 4, 4, Locale::En);
    let pooled = s.pooled.as_ref();
    let mut series = vec![Series {
        name: member_import_text(T::KaplanMeier, locale).into(),
        values: s.survival.iter().map(|p| p.survival).collect(),
        class: "rc-series-1",
    }];
    let mut points = s.survival.len();
    if let Some(p) = pooled {
        points = points.max(p.survival.len());
        series.push(Series {
            name: member_import_text(T::SbgCurve, locale).into(),
            values: p.survival.clone(),
            class: "rc-series-2",
        });
        series.push(Series {
            name: member_import_text(T::ConstantCurve, locale).into(),
            values: p.constant_survival.clone(),
            class: "rc-series-3",
        });
    }
    let labels: Vec<AttrValue> = (0..points)
        .map(|t| AttrValue::from(t.to_string()))
        .collect();
    html! {
        <div class="rc-member-figures" data-member-summary="">
            <h4>{ member_import_text(T::FiguresTitle, locale) }</h4>
            <table class="rc-table rc-member-counts"><tbody>
                { figure("members", T::Members, count(s.members)) }
                { figure("active", T::Active, count(s.active)) }
                { figure("cancelled", T::Cancelled, count(s.cancelled)) }
                if let Some(fee) = s.monthly_fee {
                    { figure("monthly-fee", T::MonthlyFee, words.q(Quantity::Money(fee))) }
                }
            </tbody></table>
            <h4>{ member_import_text(T::SurvivalTitle, locale) }</h4>
            <p class="rc-help">{ member_import_text(T::SurvivalHelp, locale) }</p>
            <LineChart
                id="rc-mi-chart"
                title={member_import_text(T::ChartTitle, locale)}
                description={member_import_text(T::SurvivalHelp, locale)}
                {labels}
                {series}
                unit={ChartUnit::Percent}
            />
            <div class="rc-table-wrap">
                <table class="rc-table" data-table="member-survival">
                    <TableHead columns={[T::Month, T::AtRisk, T::Left, T::Survival, T::Interval].map(|c| member_import_text(c, locale)).to_vec()} />
                    <tbody>
                        { for s.survival.iter().take(SURVIVAL_ROWS).map(|p| html! {
                            <tr data-month={p.month.to_string()} data-at-risk={p.at_risk.to_string()} data-left={p.left.to_string()} data-survival={en(p.survival)}>
                                <th scope="row">{ p.month }</th>
                                <td>{ count(p.at_risk) }</td>
                                <td>{ count(p.left) }</td>
                                <td>{ pct(p.survival) }</td>
                                <td>{ format!("{} – {}", pct(p.lower), pct(p.upper)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h4>{ member_import_text(T::FitTitle, locale) }</h4>
            if let Some(p) = pooled {
                <p class="rc-fit" data-alpha={en(p.fit.model.alpha)} data-beta={en(p.fit.model.beta)} data-theta={en(p.constant.churn)}>
                    { fit_sentence(p.fit.model.alpha, p.fit.model.beta, p.fit.homogeneous, words) }
                </p>
                <ul class="rc-insights">
                    { for p.insights.iter().map(|i| html! { <li>{ insight_sentence(i, Period::Month, words) }</li> }) }
                </ul>
                <h4>{ member_import_text(T::ValueTitle, locale) }</h4>
                <table class="rc-table rc-member-value"><tbody>
                    { figure("mean-lifetime", T::MeanLifetime, p.mean_lifetime.map(months).unwrap_or_else(|| member_import_text(T::Infinite, locale).into())) }
                    { figure("del", T::Del, months(p.del)) }
                    if let Some(r) = p.residual_lifetime {
                        { figure("residual-lifetime", T::ResidualLifetime, months(r)) }
                    }
                    if let Some(clv) = p.clv {
                        { figure("clv", T::Clv, money(clv)) }
                    }
                    if let Some(v) = p.residual_value {
                        { figure("residual-value", T::ResidualValue, money(v)) }
                    }
                </tbody></table>
                if p.clv.is_none() {
                    <p class="rc-hint">{ member_import_text(T::NoFee, locale) }</p>
                }
            } else if let Some(e) = &s.pooled_error {
                <p class="rc-hint" data-fit-error="">{ sbg_error(e, words) }</p>
            }
        </div>
    }
}
