//! The calculator: the answer first (inputs beside or above it), then the details on demand:
//! every other figure, charts, what-if, several periods, import and export.

use retention_core::{focus, what_if, Currency, Field, Figure, Inputs, Period, Report};
use yew::prelude::*;

use crate::components::answer::{Answer, Headline};
use crate::components::choice_field::ChoiceField;
use crate::components::details_fold::DetailsFold;
use crate::components::example_actions::ExampleActions;
use crate::components::later::Later;
use crate::components::locale_switch::LocaleSwitch;
use crate::components::mode_switch::ModeSwitch;
use crate::components::notices::Notices;
use crate::components::number_field::NumberField;
use crate::components::period_field::PeriodField;
use crate::config::Config;
use crate::i18n::{
    error_message, field_hint, field_label, settings_in_use, text, what_if_gain, Text, Words,
};
use crate::members_state::Mode;
use crate::painted::{after_paint, use_painted};
use crate::parts::{use_part, Loading, Part, Place};
use crate::settings::share_hash;
use crate::state::{use_figures, Action, State};
use crate::{details, tools};

/// The figures that need spend and frequency, and those that need a CAC too.
const VALUE_FIGURES: [Figure; 3] = [Figure::Clv, Figure::ProfitClv, Figure::DiscountedClv];
pub(crate) const ACQUISITION_FIGURES: [Figure; 2] = [Figure::ClvCacRatio, Figure::Payback];

#[derive(Properties, PartialEq)]
pub struct AppProps {
    #[prop_or_default]
    pub config: Config,
    /// Where the details and the tools (import, members, NPS) go once loaded; none, none are
    /// shown.
    #[prop_or_default]
    pub place: Option<Place>,
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
    let state = use_reducer(|| {
        State::new(&config.inputs, config.locale, config.currency).following(config.followed)
    });
    let mode = use_state(|| config.mode);
    let words = state.words();
    let locale = words.locale;
    let (report, explanations) = use_figures(&state);
    let hash = share_hash(
        &state.inputs(),
        locale,
        words.currency,
        config.calc.as_deref(),
    );
    {
        let sync = config.sync_url;
        // The first write waits until the answer is on screen: it changes nothing the reader
        // sees, and the browser takes its time over it.
        // A later change writes at once, and the waiting first write is then dropped.
        let first = use_mut_ref(|| true);
        let waiting = use_mut_ref(|| None::<String>);
        // The members calculator keeps the link in step itself.
        use_effect_with((hash.clone(), *mode), move |(hash, mode)| {
            if sync && *mode == Mode::Shop {
                if first.replace(false) {
                    *waiting.borrow_mut() = Some(hash.clone());
                    after_paint(move || {
                        if let Some(hash) = waiting.borrow_mut().take() {
                            replace_hash(&hash);
                        }
                    });
                } else {
                    waiting.borrow_mut().take();
                    replace_hash(hash);
                }
            }
        });
    }

    let onedit = dispatcher(&state, |(field, text)| Action::Edit(field, text));
    let onlocale = dispatcher(&state, Action::SetLocale);
    let onmode = {
        let mode = mode.clone();
        Callback::from(move |m: Mode| mode.set(m))
    };
    // The details are open on the calculator's own page, folded in an embed until opened.
    let open = use_state(|| !config.embedded);
    let view = tools::View {
        mode: *mode,
        words,
        inputs: state.inputs(),
        open: *open,
    };
    // The details and the tools wait until the answer is on screen.
    let painted = use_painted();
    let wanted = painted && tools::wanted(config, &view);
    let tools = use_part(
        Part::Tools,
        Part::Tools,
        props.place.clone(),
        wanted,
        view.encode(),
        dispatcher(&state, |action| action),
    );
    let view = details::View {
        state: (*state).clone(),
        shop: *mode == Mode::Shop,
        open: *open,
    };
    // Wanted with the tools (on the calculator's own page), the details come in the tools'
    // module: one module, one copy of yew, to download and compile.
    let details = use_part(
        Part::Details,
        if wanted { Part::Tools } else { Part::Details },
        props.place.clone(),
        painted && view.shop && view.open,
        view.encode(),
        dispatcher(&state, |action| action),
    );
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |now: bool| open.set(now))
    };
    let onperiod = dispatcher(&state, Action::SetPeriod);
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
    let field = |field: Field, unit: Option<&str>| {
        html! {
            <NumberField
                name={field.name()}
                label={field_label(field, locale)}
                hint={field_hint(field, locale)}
                value={state.text(field).to_string()}
                error={report.error(field).map(|e| AttrValue::from(error_message(&e, locale)))}
                unit={unit.map(|u| AttrValue::from(u.to_string()))}
                unit_before={matches!(field, Field::Spend | Field::Cac)}
                onedit={onedit.reform(move |text| (field, text))}
            />
        }
    };
    let money = Some(words.currency.symbol(locale));
    let percent = Some("%");
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
    let headline = Headline::of(config);
    let shows_value = shows(&VALUE_FIGURES) || shows(&ACQUISITION_FIGURES);
    let shows_acquisition = shows(&ACQUISITION_FIGURES) || config.shows(Figure::DiscountedClv);
    // Only what the calculator shows is judged: advice on CLV : CAC makes no sense on a
    // calculator of retention alone.
    let judged = Report {
        retention: report.retention.filter(|_| headline.retention),
        value: report.value.filter(|_| shows_value),
        acquisition: report
            .acquisition
            .filter(|_| config.shows(Figure::ClvCacRatio)),
        ..(*report).clone()
    };
    let focus = focus(&judged);
    let gain = what_if(&report, state.points)
        .filter(|_| headline.value)
        .and_then(|w| Some(what_if_gain(w.points, w.revenue_gain?, w.clv_gain, words)));
    let title = config
        .title
        .clone()
        .unwrap_or_else(|| text(Text::Title, locale).to_string());
    let footnote = html! {
        <div class={classes!("rc-part", config.embedded.then_some("rc-embedded"))} lang={locale.code()}>
            <p class="rc-footnote">{ text(Text::Source, locale) }</p>
        </div>
    };
    // Under the parts (drawn beside the calculator's root), when it has them.
    let footnote = match &props.place {
        Some(place) => create_portal(footnote, place.footnote.clone()),
        None => footnote,
    };
    let in_use = settings_in_use(&state.inputs(), words);

    html! {
        <ContextProvider<Words> context={words}>
        <div class={classes!("rc-app", config.embedded.then_some("rc-embedded"))} lang={locale.code()}>
            <header class="rc-header">
                <h2 class="rc-title">{ title }</h2>
                if !config.locale_fixed {
                    <LocaleSwitch onselect={onlocale} />
                }
            </header>
            // An embed shows the calculator its page chose (`data-mode`), without the switch.
            if !config.embedded {
                <ModeSwitch mode={*mode} onselect={onmode} />
            }
            if !config.locale_fixed && *mode == Mode::Shop {
                <p class="rc-intro">{ text(Text::Intro, locale) }</p>
            }
            <Notices notices={config.notices.clone()} />
            if *mode == Mode::Members {
                <Later part={Part::Tools} loading={tools} waiting=true />
            } else {
            <div class="rc-main">
                <form class="rc-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset class="rc-fields">
                        <legend>{ text(Text::CustomersLegend, locale) }</legend>
                        <PeriodField
                            id="rc-period"
                            label={text(Text::Period, locale)}
                            selected={state.period}
                            onchoose={onperiod}
                        />
                        { field(Field::Start, None) }
                        { field(Field::End, None) }
                        { field(Field::New, None) }
                    </fieldset>
                    <fieldset class="rc-fields" hidden={!shows_value}>
                        <legend>{ text(Text::ValueLegend, locale) }</legend>
                        { field(Field::Spend, money) }
                        { field(Field::Frequency, None) }
                    </fieldset>
                </form>
                <Answer report={report.clone()} explanations={explanations.clone()} {headline} {focus} {gain} {painted} />
                <details class="rc-more">
                    <summary>
                        { text(Text::MoreSettings, locale) }
                        if shows_value && !in_use.is_empty() {
                            <span class="rc-more-set">{ in_use }</span>
                        }
                    </summary>
                    // Folded at first: filled in once the answer is on screen, as the details are.
                    if painted {
                    <div class="rc-fields" hidden={!shows_value}>
                        <ChoiceField
                            id="rc-currency"
                            label={text(Text::Currency, locale)}
                            options={currency_options}
                            selected={words.currency.code()}
                            onchoose={oncurrency}
                        />
                        { field(Field::Margin, percent) }
                        { field(Field::Lifespan, Some(Period::Year.unit(locale))) }
                    </div>
                    <div class="rc-fields" hidden={!shows_acquisition}>
                        { field(Field::Cac, money) }
                        { field(Field::DiscountRate, percent) }
                    </div>
                    <ExampleActions {onreset} {onclear} />
                    }
                </details>
            </div>
            <DetailsFold embedded={config.embedded} {ontoggle} />
            // In an embed the details load once someone unfolds them: say so meanwhile.
            <Later part={Part::Details} loading={details} waiting={config.embedded && details == Loading::Loading} />
            if tools == Loading::Failed {
                <Later part={Part::Tools} loading={tools} />
            }
            { footnote }
            }
        </div>
        </ContextProvider<Words>>
    }
}

/// The page's URL without its hash.
pub(crate) fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Puts `hash` in the address bar without adding a history entry.
pub(crate) fn replace_hash(hash: &str) {
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
    fn a_month_leads_with_its_year_and_the_rest_go_to_the_table() {
        let all = Headline {
            retention: true,
            value: true,
            profit: true,
        };
        assert_eq!(
            all.figures(Period::Month),
            [
                Figure::AnnualRetention,
                Figure::RetentionRate,
                Figure::Clv,
                Figure::ProfitClv
            ]
        );
        assert_eq!(all.figures(Period::Year)[0], Figure::RetentionRate);
        let retention_only = Headline {
            value: false,
            ..all
        };
        assert_eq!(
            retention_only.figures(Period::Quarter),
            [Figure::AnnualRetention, Figure::RetentionRate]
        );
    }
}
