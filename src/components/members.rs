//! The members calculator: the answer first (inputs beside it), then every other figure
//! explained, the survivors table and sharing.

use retention_core::{
    calculate_members, explain_members, CsvWriter, MemberField, MemberInputs, MemberOptions, Period,
};
use yew::prelude::*;

use crate::app::{page_url, replace_hash};
use crate::components::details_fold::DetailsFold;
use crate::components::example_actions::ExampleActions;
use crate::components::export_bar::ExportBar;
use crate::components::member_how::{figure_name, MemberHow};
use crate::components::member_import::MemberImport;
use crate::components::members_answer::{MembersAnswer, HEADLINE};
use crate::components::number_field::NumberField;
use crate::components::period_field::PeriodField;
use crate::components::survivors_panel::SurvivorsPanel;
use crate::config::Config;
use crate::i18n::{
    details_text, member_error, member_field_hint, member_field_label, member_text, text,
    use_words, DetailsText, MemberText, Text,
};
use crate::members_state::{MemberAction, MemberState, EXAMPLE_SURVIVORS};
use crate::settings::{member_share_hash, Section};

#[derive(Properties, PartialEq)]
pub struct MembersProps {
    pub config: Config,
}

#[component]
pub fn Members(props: &MembersProps) -> Html {
    let config = &props.config;
    let words = use_words();
    let locale = words.locale;
    let state = use_reducer(|| MemberState::new(&config.member_inputs, locale));
    {
        let state = state.clone();
        use_effect_with(locale, move |locale| {
            state.dispatch(MemberAction::SetLocale(*locale))
        });
    }
    let inputs = state.inputs();
    let report = use_memo(inputs, calculate_members);
    let explanations = use_memo(report.clone(), |r| explain_members(r));
    let hash = member_share_hash(&inputs, locale, words.currency, config.calc.as_deref());
    let link = format!("{}#{hash}", page_url());
    {
        let sync = config.sync_url;
        use_effect_with(hash.clone(), move |hash| {
            if sync {
                replace_hash(hash);
            }
        });
    }
    let dispatch = |f: fn(String) -> MemberAction| {
        let state = state.clone();
        Callback::from(move |s: String| state.dispatch(f(s)))
    };
    let onedit = {
        let state = state.clone();
        Callback::from(move |(field, text)| state.dispatch(MemberAction::Edit(field, text)))
    };
    let onperiod = {
        let state = state.clone();
        Callback::from(move |p: Period| state.dispatch(MemberAction::SetPeriod(p)))
    };
    let onsurvivorperiod = {
        let state = state.clone();
        Callback::from(move |p: Period| state.dispatch(MemberAction::SetSurvivorPeriod(p)))
    };
    let onexample = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(MemberAction::EditSurvivors(EXAMPLE_SURVIVORS.to_string()))
        })
    };
    let example = config.member_inputs;
    let onreset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(MemberAction::Reset(example)))
    };
    let onclear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(MemberAction::Reset(MemberInputs {
                period: example.period,
                ..MemberInputs::default()
            }))
        })
    };
    let field = |field: MemberField, unit: Option<&str>| {
        let error = report
            .errors
            .iter()
            .find(|e| e.field() == field)
            .map(|e| AttrValue::from(member_error(e, locale)));
        html! {
            <NumberField
                name={field.name()}
                member=true
                label={member_field_label(field, locale)}
                hint={member_field_hint(field, locale)}
                value={state.text(field).to_string()}
                {error}
                unit={unit.map(|u| AttrValue::from(u.to_string()))}
                unit_before={field == MemberField::Fee}
                onedit={onedit.reform(move |text| (field, text))}
            />
        }
    };
    let rows: Vec<_> = explanations
        .iter()
        .filter(|e| !HEADLINE.contains(&e.figure))
        .cloned()
        .collect();
    let results = {
        let (explanations, link) = (explanations.clone(), link.clone());
        Callback::from(move |()| {
            let mut out = format!("{}\n", mode_title(locale));
            for e in explanations.iter() {
                out.push_str(&format!(
                    "{}: {} ({})\n",
                    e.figure.label(locale),
                    words.q(e.value),
                    e.numbers(locale, words.currency)
                ));
            }
            out.push_str(&link);
            out.push('\n');
            out
        })
    };
    let csv = {
        let explanations = explanations.clone();
        Callback::from(move |()| {
            let mut csv = CsvWriter::new(locale);
            csv.row(&[
                details_text(DetailsText::CsvName, locale),
                details_text(DetailsText::CsvValue, locale),
                details_text(DetailsText::CsvUnit, locale),
            ]);
            csv.row(&[text(Text::Period, locale), inputs.period.name(), ""]);
            for field in MemberField::ALL {
                if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
                    csv.text(member_field_label(field, locale))
                        .rounded(v, 6)
                        .text("")
                        .end_row();
                }
            }
            for e in explanations.iter() {
                let (value, decimals) = e.value.number();
                csv.text(e.figure.label(locale))
                    .rounded(value, decimals)
                    .text(e.value.unit(locale, words.currency))
                    .end_row();
            }
            csv.finish()
        })
    };
    let margin = inputs.margin.filter(|m| (0.0..=100.0).contains(m));
    let discount = inputs.discount_rate.filter(|d| (0.0..=100.0).contains(d));
    let money = Some(words.currency.symbol(locale));
    // A member file's value uses the calculator's fee, margin and discount rate, and its
    // members in and out are counted per the calculator's period.
    let file_options = MemberOptions {
        period: inputs.period,
        fee: inputs.fee.filter(|f| f.is_finite() && *f >= 0.0),
        fee_period: inputs.period,
        margin,
        discount_rate: discount.unwrap_or(MemberOptions::default().discount_rate),
        ..MemberOptions::default()
    };
    let details = html! {
        <>
                if !rows.is_empty() {
                    <section class="rc-section rc-figures" aria-labelledby="rc-m-figures-title" data-section="member-figures">
                        <h3 id="rc-m-figures-title">{ text(Text::OtherFigures, locale) }</h3>
                        { for rows.iter().map(|e| html! {
                            <details class="rc-row" data-figure={figure_name(e.figure)}>
                                <summary>
                                    <span class="rc-row-name">{ e.figure.label(locale) }</span>
                                    <span class="rc-row-value"><span class="rc-value">{ words.q(e.value) }</span></span>
                                    <span class="rc-row-how">{ text(Text::HowCalculated, locale) }</span>
                                </summary>
                                <MemberHow explanation={e.clone()} report={report.clone()} />
                            </details>
                        }) }
                    </section>
                }
                <SurvivorsPanel
                    table={state.survivors.clone()}
                    period={state.survivor_period}
                    fee={state.survivor_fee.clone()}
                    {margin}
                    discount_rate={discount}
                    ontable={dispatch(MemberAction::EditSurvivors)}
                    onperiod={onsurvivorperiod}
                    onfee={dispatch(MemberAction::EditSurvivorFee)}
                    {onexample}
                />
                <MemberImport options={file_options} />
                if config.shows_section(Section::Share) {
                    <ExportBar {link} {results} {csv} />
                }
        </>
    };
    html! {
        <div class="rc-members" data-members="calculator">
            if !config.locale_fixed {
                <p class="rc-intro">{ member_text(MemberText::MembersIntro, locale) }</p>
            }
            <div class="rc-main">
                <form class="rc-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset class="rc-fields">
                        <legend>{ member_text(MemberText::MembersLegend, locale) }</legend>
                        <PeriodField
                            id="rc-m-period"
                            label={text(Text::Period, locale)}
                            selected={state.period}
                            onchoose={onperiod}
                        />
                        { field(MemberField::Start, None) }
                        { field(MemberField::Cancelled, None) }
                        { field(MemberField::New, None) }
                    </fieldset>
                    <fieldset class="rc-fields">
                        <legend>{ member_text(MemberText::FeeLegend, locale) }</legend>
                        { field(MemberField::Fee, money) }
                        { field(MemberField::Margin, Some("%")) }
                        { field(MemberField::DiscountRate, Some("%")) }
                    </fieldset>
                    <ExampleActions {onreset} {onclear} />
                </form>
                <MembersAnswer report={report.clone()} explanations={explanations.clone()} />
            </div>
            <DetailsFold embedded={config.embedded}>{ details }</DetailsFold>
            <p class="rc-footnote">{ member_text(MemberText::Source, locale) }</p>
        </div>
    }
}

fn mode_title(locale: retention_core::Locale) -> &'static str {
    locale.pick("Ledencalculator", "Members calculator")
}
