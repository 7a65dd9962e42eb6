//! The tools: the order import, the members side and the NPS, a part of the calculator that
//! loads later (`crate::parts`, [`Part::Tools`](crate::parts::Part::Tools)). This file holds
//! what the calculator tells them ([`View`]) and their app ([`Tools`]).

use std::cell::RefCell;

use retention_core::{calculate, Currency, Inputs, Locale};
use yew::prelude::*;

use crate::components::answer::Headline;
use crate::components::import_panel::ImportPanel;
use crate::components::members::Members;
use crate::components::nps_panel::NpsPanel;
use crate::config::Config;
use crate::i18n::Words;
use crate::members_state::Mode;
use crate::parts::{inputs_pairs, join, read_inputs, send, value, PartProps, PartView, Styles};
use crate::settings::{parse_pairs, Section};
use crate::state::Action;

/// What the tools show and in which words: all the calculator tells them.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub mode: Mode,
    pub words: Words,
    /// The calculator's fields as they read now: the import compares with them, the NPS shows
    /// their retention beside its score.
    pub inputs: Inputs,
    /// Whether the calculator's details are open (always on its own page; in an embed once
    /// someone unfolds them): the import and the NPS are shown with them.
    pub open: bool,
}

impl View {
    /// `mode=shop&locale=nl&currency=EUR&period=month&start=1000&…`: only the fields that
    /// hold a number, each written so that it reads back exactly.
    pub fn encode(&self) -> String {
        let mut pairs = vec![
            ("mode", self.mode.name().to_string()),
            ("locale", self.words.locale.code().to_string()),
            ("currency", self.words.currency.code().to_string()),
            ("open", self.open.to_string()),
        ];
        pairs.extend(inputs_pairs(&self.inputs));
        join(&pairs)
    }
}

/// Whether the calculator configured by `config` has tools to show now: always in members
/// mode; else the import or the NPS once the details are open.
pub fn wanted(config: &Config, view: &View) -> bool {
    view.mode == Mode::Members
        || view.open
            && (config.shows_section(Section::Import) || config.shows_section(Section::Nps))
}

/// The tools' own styles (`styles/tools.css`, minified by `build.rs`), adopted beside the
/// calculator's when the tools mount.
const TOOLS_STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/tools.css"));

thread_local! {
    static TOOLS_SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

impl PartView for View {
    /// The view [`View::encode`] wrote; `None` for anything else.
    fn decode(text: &str) -> Option<View> {
        let pairs = parse_pairs(text);
        let get = |key| value(&pairs, key);
        Some(View {
            mode: Mode::from_name(get("mode")?)?,
            words: Words {
                locale: Locale::from_tag(get("locale")?)?,
                currency: Currency::from_code(get("currency")?)?,
            },
            inputs: read_inputs(&pairs)?,
            open: get("open")?.parse().ok()?,
        })
    }
    const STYLES: Option<Styles> = Some(Styles {
        cell: &TOOLS_SHEET,
        css: TOOLS_STYLES,
    });
}

/// The tools under one calculator: the members calculator in members mode; else the import
/// and the NPS, as the calculator's configuration shows them.
#[component]
pub fn Tools(props: &PartProps<View>) -> Html {
    let Some(view) = props.view.clone() else {
        return html! {};
    };
    let config = &props.config;
    let send = {
        let host = props.host.clone();
        Callback::from(move |action: Action| send(&host, &action))
    };
    let locale = view.words.locale;
    let body = if view.mode == Mode::Members {
        html! { <Members config={config.clone()} /> }
    } else {
        let retention = calculate(&view.inputs)
            .retention
            .filter(|_| Headline::of(config).retention);
        // Folded away with the embed's details, not dropped: an import stays as it was.
        html! {
            <div hidden={!view.open}>
                if config.shows_section(Section::Import) {
                    <ImportPanel
                        onfill={send.reform(Action::Fill)}
                        current={view.inputs}
                        onedit={send.reform(|(field, text)| Action::Edit(field, text))}
                    />
                }
                if config.shows_section(Section::Nps) {
                    <NpsPanel {retention} />
                }
            </div>
        }
    };
    html! {
        <ContextProvider<Words> context={view.words}>
            <div class={classes!("rc-tools", config.embedded.then_some("rc-embedded"))} lang={locale.code()}>
                { body }
            </div>
        </ContextProvider<Words>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retention_core::Period;

    #[test]
    fn a_view_reads_back_as_it_was_written() {
        let view = View {
            mode: Mode::Members,
            words: Words {
                locale: Locale::Nl,
                currency: Currency::Usd,
            },
            inputs: Inputs {
                start: Some(1000.0),
                end: Some(1050.0),
                new: Some(200.0),
                spend: Some(0.1 + 0.2),
                cac: Some(-3.5e-7),
                period: Period::Month,
                ..Inputs::default()
            },
            open: true,
        };
        assert_eq!(View::decode(&view.encode()), Some(view));
        assert_eq!(View::decode("mode=shop&locale=nl"), None);
    }
}
