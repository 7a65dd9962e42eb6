//! The details: every figure the answer does not lead with, the charts, the what-if, several
//! periods and the share buttons. A part of the calculator that loads later (`crate::parts`,
//! [`Part::Details`](crate::parts::Part::Details)), once the answer is on screen and the
//! details are open: at once on the calculator's own page, in an embed when someone unfolds
//! them. This file holds what the calculator tells them ([`View`]) and their app ([`Details`]).

use retention_core::{format_exact, parse_exact, Currency, Field, Locale, Period};
use yew::prelude::*;

use crate::app::{page_url, ACQUISITION_FIGURES};
use crate::components::answer::Headline;
use crate::components::charts_panel::ChartsPanel;
use crate::components::export_bar::ExportBar;
use crate::components::figure_table::FigureTable;
use crate::components::periods_panel::PeriodsPanel;
use crate::components::what_if::WhatIf;
use crate::config::Config;
use crate::export::{results_csv, results_text, Shown};
use crate::i18n::{text, Text, Words};
use crate::parts::{join, send, value, PartProps, PartView};
use crate::settings::{parse_pairs, share_hash, Section};
use crate::state::{use_figures, Action, Followed, State};

/// What the details show: the calculator's state (the fields as typed, language, currency,
/// period, the what-if's points) and whether its details are open.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub state: State,
    /// Whether the calculator shows its shop side: on its members side the details are
    /// dropped, as the calculator's own fields are.
    pub shop: bool,
    /// Whether its details are open: folded, they are hidden but kept as they were.
    pub open: bool,
}

impl View {
    /// `locale=nl&currency=EUR&chosen=false&period=month&points=5&shop=true&open=true&…`:
    /// every field's text exactly as typed.
    pub fn encode(&self) -> String {
        let state = &self.state;
        let mut pairs = vec![
            ("locale", state.locale.code().to_string()),
            ("currency", state.currency.code().to_string()),
            ("chosen", state.currency_chosen.to_string()),
            ("period", state.period.name().to_string()),
            ("points", format_exact(state.points)),
            ("shop", self.shop.to_string()),
            ("open", self.open.to_string()),
        ];
        pairs.extend(Field::ALL.map(|f| (f.name(), state.text(f).to_string())));
        join(&pairs)
    }
}

impl PartView for View {
    /// The view [`View::encode`] wrote; `None` for anything else.
    fn decode(text: &str) -> Option<View> {
        let pairs = parse_pairs(text);
        let get = |key| value(&pairs, key);
        let mut texts: [String; Field::ALL.len()] = Default::default();
        for (text, field) in texts.iter_mut().zip(Field::ALL) {
            get(field.name())?.clone_into(text);
        }
        let state = State {
            locale: Locale::from_tag(get("locale")?)?,
            currency: Currency::from_code(get("currency")?)?,
            currency_chosen: get("chosen")?.parse().ok()?,
            // Only the calculator's own state switches languages; the details show this one.
            followed: Followed::default(),
            period: Period::from_name(get("period")?)?,
            texts,
            points: parse_exact(get("points")?)?,
        };
        Some(View {
            state,
            shop: get("shop")?.parse().ok()?,
            open: get("open")?.parse().ok()?,
        })
    }
}

/// The details under one calculator, folded away (not dropped) while its details are closed.
#[component]
pub fn Details(props: &PartProps<View>) -> Html {
    match props.view.clone().filter(|view| view.shop) {
        Some(view) => html! {
            <DetailsBody config={props.config.clone()} {view} host={props.host.clone()} />
        },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    config: Config,
    view: View,
    host: web_sys::Element,
}

#[component]
fn DetailsBody(props: &BodyProps) -> Html {
    let (config, view) = (&props.config, &props.view);
    let state = &view.state;
    let words = state.words();
    let locale = words.locale;
    let (report, explanations) = use_figures(state);
    let in_headline = Headline::of(config).figures(state.period);
    let rows: Vec<_> = explanations
        .iter()
        .filter(|e| config.shows(e.figure) && !in_headline.contains(&e.figure))
        .cloned()
        .collect();
    let mut pending = Vec::new();
    if report.acquisition.is_none()
        && !state.text(Field::Cac).trim().is_empty()
        && report.value.is_some()
        && ACQUISITION_FIGURES.iter().any(|f| config.shows(*f))
    {
        pending.push(("acquisition", text(Text::PendingAcquisition, locale).into()));
    }
    let hash = share_hash(
        &state.inputs(),
        locale,
        words.currency,
        config.calc.as_deref(),
    );
    let link = format!("{}#{hash}", page_url());
    // The exports are written when asked for, from what is on screen then.
    let shown = {
        let (state, report, explanations, config) = (
            state.clone(),
            report.clone(),
            explanations.clone(),
            config.clone(),
        );
        move || Shown {
            state: state.clone(),
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
    let onpoints = {
        let host = props.host.clone();
        Callback::from(move |points: f64| send(&host, &Action::SetPoints(points)))
    };
    html! {
        <ContextProvider<Words> context={words}>
            <div
                class={classes!("rc-part", config.embedded.then_some("rc-embedded"))}
                lang={locale.code()}
                hidden={!view.open}
                data-details=""
            >
                <FigureTable explanations={rows} report={report.clone()} {pending} />
                if let Some(r) = report.retention.filter(|_| config.shows_section(Section::Charts)) {
                    <ChartsPanel retention={r} />
                }
                if config.shows_section(Section::WhatIf) {
                    <WhatIf report={report.clone()} points={state.points} {onpoints} />
                }
                if config.shows_section(Section::Periods) {
                    <PeriodsPanel period={state.period} />
                }
                if config.shows_section(Section::Share) {
                    <ExportBar {link} {results} {csv} />
                }
            </div>
        </ContextProvider<Words>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retention_core::Inputs;

    #[test]
    fn a_view_reads_back_as_it_was_written() {
        let mut state = State::new(&Inputs::example(), Locale::Nl, Some(Currency::Usd));
        state.texts[Field::Margin as usize] = "veel & =%".to_string();
        state.texts[Field::Cac as usize] = String::new();
        state.points = 7.5;
        let view = View {
            state,
            shop: true,
            open: false,
        };
        assert_eq!(View::decode(&view.encode()), Some(view));
        assert_eq!(View::decode("locale=nl&currency=EUR"), None);
    }
}
