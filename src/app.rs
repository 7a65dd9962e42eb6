//! The calculator: the form, the explained results, charts, what-if, several periods and
//! export.

use retention_core::{calculate, explain, Currency, Field, Figure, Inputs, Period};
use yew::prelude::*;

use crate::components::charts_panel::ChartsPanel;
use crate::components::choice_field::ChoiceField;
use crate::components::export_bar::ExportBar;
use crate::components::import_panel::ImportPanel;
use crate::components::locale_switch::LocaleSwitch;
use crate::components::notices::Notices;
use crate::components::number_field::NumberField;
use crate::components::periods_panel::PeriodsPanel;
use crate::components::result_card::ResultCard;
use crate::components::summary::Summary;
use crate::components::what_if::WhatIf;
use crate::config::Config;
use crate::export::{results_csv, results_text, Shown};
use crate::i18n::{error_message, text, Text, Words};
use crate::settings::{share_hash, Section};
use crate::state::{Action, State};

/// The figure cards in groups as the page shows them: the core's page order, cut where the
/// inputs they need change (S, E and N; spend and frequency; CAC).
const RETENTION_FIGURES: &[Figure] = Figure::ALL.split_at(7).0;
const VALUE_FIGURES: &[Figure] = Figure::ALL.split_at(7).1.split_at(3).0;
const ACQUISITION_FIGURES: &[Figure] = Figure::ALL.split_at(10).1;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    #[prop_or_default]
    pub config: Config,
}

fn dispatcher<E: 'static>(
    state: &UseReducerHandle<State>,
    f: impl Fn(E) -> Action + 'static,
) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |e: E| state.dispatch(f(e)))
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    let state = use_reducer(|| State::new(&config.inputs, config.locale, config.currency));
    let words = Words {
        locale: state.locale,
        currency: state.currency,
    };
    let locale = words.locale;
    // Once per change of the numbers, not once per render.
    let report = use_memo(state.inputs(), calculate);
    let explanations = use_memo(report.clone(), |report| explain(report));
    let hash = share_hash(
        &state.inputs(),
        locale,
        words.currency,
        config.calc.as_deref(),
    );
    let link = format!("{}#{hash}", page_url());
    {
        let sync = config.sync_url;
        use_effect_with(hash.clone(), move |hash| {
            if sync {
                replace_hash(hash);
            }
        });
    }

    let onedit = dispatcher(&state, |(field, text)| Action::Edit(field, text));
    let onlocale = dispatcher(&state, Action::SetLocale);
    let onfill = dispatcher(&state, Action::Fill);
    let onperiod = dispatcher(&state, |name: String| {
        Action::SetPeriod(Period::from_name(&name).unwrap_or_default())
    });
    let oncurrency = dispatcher(&state, |code: String| {
        Action::SetCurrency(Currency::from_code(&code).unwrap_or_default())
    });
    let inputs = config.inputs;
    let onreset = dispatcher(&state, move |_: MouseEvent| Action::Reset(inputs));
    let onclear = dispatcher(&state, move |_: MouseEvent| {
        Action::Reset(Inputs {
            period: inputs.period,
            ..Default::default()
        })
    });
    // The exports are written when asked for, from what is on screen then.
    let shown = {
        let (state, report, explanations, config) = (
            state.clone(),
            report.clone(),
            explanations.clone(),
            config.clone(),
        );
        move || Shown {
            state: (*state).clone(),
            report: report.clone(),
            explanations: explanations.clone(),
            config: config.clone(),
        }
    };
    let results = {
        let (shown, link) = (shown.clone(), link.clone());
        Callback::from(move |()| results_text(&shown(), &link))
    };
    let csv = Callback::from(move |()| results_csv(&shown()));

    let field = |field: Field, unit: Option<&str>| {
        html! {
            <NumberField
                {field}
                value={state.text(field).to_string()}
                error={report.error(field).map(|e| AttrValue::from(error_message(&e, locale)))}
                unit={unit.map(|u| AttrValue::from(u.to_string()))}
                onedit={onedit.clone()}
            />
        }
    };
    let money = Some(words.currency.symbol(locale));
    let percent = Some("%");
    let period_options = Period::ALL
        .iter()
        .map(|p| (AttrValue::from(p.name()), AttrValue::from(p.label(locale))))
        .collect::<Vec<_>>();
    let currency_options = Currency::ALL
        .iter()
        .map(|c| {
            (
                AttrValue::from(c.code()),
                AttrValue::from(format!("{} ({})", c.code(), c.symbol(locale))),
            )
        })
        .collect::<Vec<_>>();
    let shows = |figures: &[Figure]| figures.iter().any(|f| config.shows(*f));
    let cards = |figures: &[Figure]| -> Html {
        explanations
            .iter()
            .filter(|e| figures.contains(&e.figure) && config.shows(e.figure))
            .map(|e| html! { <ResultCard explanation={e.clone()} report={report.clone()} /> })
            .collect()
    };
    let group = |figures: &[Figure], ready: bool, name: &'static str, pending: Text| -> Html {
        match (shows(figures), ready) {
            (false, _) => html! {},
            (true, true) => {
                html! { <div class="rc-cards" data-group={name}>{ cards(figures) }</div> }
            }
            (true, false) => html! {
                <p class="rc-pending" data-pending={name}>{ text(pending, locale) }</p>
            },
        }
    };
    let shows_retention = shows(RETENTION_FIGURES);
    let shows_value = shows(VALUE_FIGURES) || shows(ACQUISITION_FIGURES);
    let shows_acquisition = shows(ACQUISITION_FIGURES) || shows(&[Figure::DiscountedClv]);
    let title = config
        .title
        .clone()
        .unwrap_or_else(|| text(Text::Title, locale).to_string());

    html! {
        <ContextProvider<Words> context={words}>
        <div class="rc-app" lang={locale.code()}>
            <header class="rc-header">
                <h2 class="rc-title">{ title }</h2>
                <LocaleSwitch onselect={onlocale} />
            </header>
            <p class="rc-intro">{ text(Text::Intro, locale) }</p>
            <Notices notices={config.notices.clone()} />
            <form class="rc-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <fieldset>
                    <legend>{ text(Text::CustomersLegend, locale) }</legend>
                    <ChoiceField
                        id="rc-period"
                        label={text(Text::Period, locale)}
                        options={period_options}
                        selected={state.period.name()}
                        onchoose={onperiod}
                    />
                    { field(Field::Start, None) }
                    { field(Field::End, None) }
                    { field(Field::New, None) }
                </fieldset>
                <fieldset hidden={!shows_value}>
                    <legend>{ text(Text::ValueLegend, locale) }</legend>
                    <ChoiceField
                        id="rc-currency"
                        label={text(Text::Currency, locale)}
                        options={currency_options}
                        selected={words.currency.code()}
                        onchoose={oncurrency}
                    />
                    { field(Field::Spend, money) }
                    { field(Field::Frequency, None) }
                    { field(Field::Margin, percent) }
                    { field(Field::Lifespan, None) }
                </fieldset>
                <fieldset hidden={!shows_acquisition}>
                    <legend>{ text(Text::AcquisitionLegend, locale) }</legend>
                    { field(Field::Cac, money) }
                    { field(Field::DiscountRate, percent) }
                </fieldset>
                <div class="rc-actions">
                    <button type="button" onclick={onreset}>{ text(Text::ResetExample, locale) }</button>
                    <button type="button" onclick={onclear}>{ text(Text::ClearAll, locale) }</button>
                </div>
            </form>
            <section class="rc-results" aria-labelledby="rc-results-title">
                <h2 id="rc-results-title" class="rc-visually-hidden">{ text(Text::Results, locale) }</h2>
                <Summary report={report.clone()} {shows_retention} {shows_value} />
                { group(RETENTION_FIGURES, report.retention.is_some(), "retention", Text::PendingRetention) }
                { group(VALUE_FIGURES, report.value.is_some(), "value", Text::PendingValue) }
                { group(ACQUISITION_FIGURES, report.acquisition.is_some() || state.text(Field::Cac).trim().is_empty(), "acquisition", Text::PendingAcquisition) }
            </section>
            if let Some(r) = report.retention.filter(|_| config.shows_section(Section::Charts)) {
                <ChartsPanel retention={r} />
            }
            if config.shows_section(Section::WhatIf) {
                <WhatIf report={report.clone()} />
            }
            if config.shows_section(Section::Periods) {
                <PeriodsPanel period={state.period} />
            }
            if config.shows_section(Section::Import) {
                <ImportPanel {onfill} />
            }
            <ExportBar {link} {results} {csv} />
            <p class="rc-footnote">{ text(Text::Source, locale) }</p>
        </div>
        </ContextProvider<Words>>
    }
}

/// The page's URL without its hash.
fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Puts `hash` in the address bar without adding a history entry.
fn replace_hash(hash: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        // Fails only on pages whose URL cannot change (e.g. about:srcdoc); nothing to do then.
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{hash}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_cut_the_figures_where_their_inputs_change() {
        assert_eq!(RETENTION_FIGURES.first(), Some(&Figure::RetentionRate));
        assert_eq!(RETENTION_FIGURES.last(), Some(&Figure::Lifespan));
        assert_eq!(
            VALUE_FIGURES,
            [Figure::Clv, Figure::ProfitClv, Figure::DiscountedClv]
        );
        assert_eq!(ACQUISITION_FIGURES, [Figure::ClvCacRatio, Figure::Payback]);
    }
}
