//! The tools that load later: the order import, the members side and the NPS come in a second
//! wasm module (`retention-tools`, built from `src/bin/tools.rs`), so the first download holds
//! the calculator alone. This file is the one definition of the seam between the two modules.
//!
//! The calculator puts an empty element next to its own root in its shadow root (not inside
//! it: each module's yew delegates events from its own root, so the trees must not nest) and,
//! once the first screen is drawn, loads the tools and mounts them there. From then on it
//! [`View::encode`]s what the tools need to know (shown calculator, language, currency, the
//! fields) into [`ToolsApp::show`]; the tools answer with the calculator's own [`Action`]s, as
//! a [`ACTION_EVENT`] on that element, written by [`encode_action`].
//!
//! In one module (the stand-alone file:// build and the browser tests) [`inline`] mounts the
//! tools directly, through the same seam.

use std::cell::Cell;

use gloo::events::EventListener;
use retention_core::{calculate, Currency, Field, Inputs, Locale, Period};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::prelude::*;

use crate::components::answer::Headline;
use crate::components::import_panel::ImportPanel;
use crate::components::members::Members;
use crate::components::nps_panel::NpsPanel;
use crate::config::Config;
use crate::i18n::Words;
use crate::members_state::Mode;
use crate::settings::{encode, parse_pairs, Section};
use crate::state::Action;

/// The event the tools send the calculator an [`Action`] with; its `detail` is the action,
/// written by [`encode_action`].
pub const ACTION_EVENT: &str = "retention-calculator:action";

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

    /// The view [`View::encode`] wrote; `None` for anything else.
    pub fn decode(text: &str) -> Option<View> {
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
}

/// The actions the tools may send: `fill&period=month&start=…` or `edit&field=cac&text=…`.
/// Any other action is not the tools' to send, and gives `None`.
pub fn encode_action(action: &Action) -> Option<String> {
    match action {
        Action::Fill(inputs) => {
            let mut pairs = vec![("fill", String::new())];
            pairs.extend(inputs_pairs(inputs));
            Some(join(&pairs))
        }
        Action::Edit(field, text) => Some(join(&[
            ("edit", String::new()),
            ("field", field.name().to_string()),
            ("text", text.clone()),
        ])),
        _ => None,
    }
}

/// The action [`encode_action`] wrote; `None` for anything else.
pub fn decode_action(text: &str) -> Option<Action> {
    let pairs = parse_pairs(text);
    let (kind, _) = pairs.first()?;
    let get = |key| value(&pairs, key);
    match kind.as_str() {
        "fill" => Some(Action::Fill(read_inputs(&pairs)?)),
        "edit" => {
            let name = get("field")?;
            let field = Field::ALL.into_iter().find(|f| f.name() == name)?;
            Some(Action::Edit(field, get("text")?.to_string()))
        }
        _ => None,
    }
}

/// The period and every field that holds a finite number, in Rust's shortest exact writing.
fn inputs_pairs(inputs: &Inputs) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("period", inputs.period.name().to_string())];
    for field in Field::ALL {
        if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
            pairs.push((field.name(), v.to_string()));
        }
    }
    pairs
}

/// The inputs of [`inputs_pairs`]; fields left out are `None`.
fn read_inputs(pairs: &[(String, String)]) -> Option<Inputs> {
    let get = |key| value(pairs, key);
    let mut inputs = Inputs {
        period: Period::from_name(get("period")?)?,
        ..Inputs::default()
    };
    for field in Field::ALL {
        if let Some(text) = get(field.name()) {
            let value: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
            inputs.set(field, Some(value));
        }
    }
    Some(inputs)
}

/// The first value of `key` in `pairs`.
fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn join(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Whether the calculator configured by `config` has tools to show now: always in members
/// mode; else the import or the NPS once the details are open.
pub fn wanted(config: &Config, view: &View) -> bool {
    view.mode == Mode::Members
        || view.open
            && (config.shows_section(Section::Import) || config.shows_section(Section::Nps))
}

// ---- The calculator's side -------------------------------------------------------------

#[wasm_bindgen]
extern "C" {
    /// The tools module, once loaded: what `src/bin/tools.rs` exports.
    pub type ToolsModule;
    /// `globalThis.retentionCalculatorTools()`, set by `web/embed.js`: loads the tools module
    /// once and resolves to it. Throws when the page has no loader.
    #[wasm_bindgen(catch, js_namespace = globalThis, js_name = retentionCalculatorTools)]
    fn load_module() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = mountTools)]
    fn mount_tools(
        this: &ToolsModule,
        outer: &Element,
        host: &Element,
    ) -> Result<ToolsHandle, JsValue>;
    /// A mounted [`ToolsApp`], as the calculator's module sees it.
    pub type ToolsHandle;
    #[wasm_bindgen(method)]
    fn show(this: &ToolsHandle, view: &str);
}

/// Where a calculator's tools go: the calculator's element on the page (`outer`, whose
/// attributes configure the tools as they do the calculator) and the empty element next to
/// the calculator's root that the tools mount on.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub outer: Element,
    pub host: Element,
    /// The calculator's configuration: what inline tools use. Loaded tools read the same from
    /// `outer` and the page's address.
    pub config: Config,
}

/// How far the tools are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Not needed, or not asked for yet.
    Idle,
    Loading,
    Shown,
    /// The module could not load (offline, or the page's policy refused it).
    Failed,
}

thread_local! {
    /// Set by [`inline`]: mount the tools from this module instead of loading them.
    static INLINE: Cell<bool> = const { Cell::new(false) };
}

/// Makes the calculators of this module mount the tools from this same module, for builds
/// that hold both (the stand-alone file:// script, the browser tests).
pub fn inline() {
    INLINE.with(|i| i.set(true));
}

/// Mounted tools, loaded or inline.
enum Mounted {
    Loaded(ToolsHandle),
    Inline(Box<ToolsApp>),
}

impl Mounted {
    fn show(&self, view: &str) {
        match self {
            Mounted::Loaded(handle) => handle.show(view),
            Mounted::Inline(app) => app.show(view),
        }
    }
}

/// Loads and mounts the tools at `place` once `wanted`, shows them `view`, and hands the
/// actions they send to `dispatch`. Returns how far they are.
#[hook]
pub fn use_tools(
    place: Option<Place>,
    wanted: bool,
    view: View,
    dispatch: Callback<Action>,
) -> Loading {
    let loading = use_state(|| Loading::Idle);
    let mounted = use_mut_ref(|| None::<Mounted>);
    let encoded = view.encode();
    // The view now, for tools that finish loading after it changed.
    let latest = use_mut_ref(String::new);
    latest.borrow_mut().clone_from(&encoded);
    // The actions the tools send.
    {
        let host = place.as_ref().map(|p| p.host.clone());
        use_effect_with(host, move |host| {
            let listener = host.as_ref().map(|host| {
                EventListener::new(host, ACTION_EVENT, move |event| {
                    let detail = event
                        .dyn_ref::<CustomEvent>()
                        .and_then(|e| e.detail().as_string());
                    if let Some(action) = detail.as_deref().and_then(decode_action) {
                        dispatch.emit(action);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Load and mount, once, when first wanted; after the first screen is drawn.
    {
        let (loading, mounted, latest) = (loading.clone(), mounted.clone(), latest.clone());
        use_effect_with((place, wanted), move |(place, wanted)| {
            if let (Some(place), true, Loading::Idle) = (place.clone(), *wanted, *loading) {
                loading.set(Loading::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match mount(&place).await {
                        Ok(tools) => {
                            tools.show(&latest.borrow());
                            *mounted.borrow_mut() = Some(tools);
                            loading.set(Loading::Shown);
                        }
                        Err(_) => loading.set(Loading::Failed),
                    }
                });
            }
        });
    }
    // Every later view.
    {
        let mounted = mounted.clone();
        use_effect_with(encoded, move |encoded| {
            if let Some(tools) = mounted.borrow().as_ref() {
                tools.show(encoded);
            }
        });
    }
    *loading
}

async fn mount(place: &Place) -> Result<Mounted, JsValue> {
    if INLINE.with(Cell::get) {
        let app = ToolsApp::with_config(place.config.clone(), &place.host);
        return Ok(Mounted::Inline(Box::new(app)));
    }
    let module = wasm_bindgen_futures::JsFuture::from(load_module()?).await?;
    let module: ToolsModule = module.unchecked_into();
    Ok(Mounted::Loaded(
        module.mount_tools(&place.outer, &place.host)?,
    ))
}

// ---- The tools' side ------------------------------------------------------------------

/// The tools' own styles, adopted beside the calculator's when the tools mount.
const TOOLS_STYLES: &str = include_str!("../styles/tools.css");

thread_local! {
    static TOOLS_SHEET: std::cell::RefCell<Option<web_sys::CssStyleSheet>> =
        const { std::cell::RefCell::new(None) };
}

/// The tools mounted on one calculator's tools element.
pub struct ToolsApp {
    app: std::cell::RefCell<yew::AppHandle<Tools>>,
    config: Config,
    host: Element,
}

impl ToolsApp {
    /// Mounts the tools of the calculator on `outer` at `host`, configured as the calculator
    /// is (its attributes and the page's address). They show nothing until the first
    /// [`ToolsApp::show`].
    pub fn mount(outer: &Element, host: &Element) -> ToolsApp {
        ToolsApp::with_config(crate::mount::config_of(outer), host)
    }

    /// Mounts tools configured by `config` at `host`.
    pub fn with_config(config: Config, host: &Element) -> ToolsApp {
        if let Ok(shadow) = host.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
            // Fails only where constructed style sheets do not exist, as the calculator's would.
            let _ = crate::mount::adopt(&shadow, &TOOLS_SHEET, TOOLS_STYLES);
        }
        let props = ToolsProps {
            config: config.clone(),
            view: None,
            host: host.clone(),
        };
        let app = yew::Renderer::<Tools>::with_root_and_props(host.clone(), props).render();
        ToolsApp {
            app: std::cell::RefCell::new(app),
            config,
            host: host.clone(),
        }
    }

    /// Shows the tools as `view` (written by [`View::encode`]) says; ignores anything else.
    pub fn show(&self, view: &str) {
        if let Some(view) = View::decode(view) {
            self.app.borrow_mut().update(ToolsProps {
                config: self.config.clone(),
                view: Some(view),
                host: self.host.clone(),
            });
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolsProps {
    pub config: Config,
    pub view: Option<View>,
    /// Where the tools are mounted: the actions for the calculator are sent from here.
    pub host: Element,
}

/// The tools under one calculator: the members calculator in members mode; else the import
/// and the NPS, as the calculator's configuration shows them.
#[component]
pub fn Tools(props: &ToolsProps) -> Html {
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

/// Sends `action` to the calculator whose tools are mounted at `host`.
fn send(host: &Element, action: &Action) {
    let Some(detail) = encode_action(action) else {
        return;
    };
    let init = CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&detail));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(ACTION_EVENT, &init) {
        let _ = host.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_tools_send_fill_and_edit_and_nothing_else() {
        let fill = Action::Fill(Inputs {
            start: Some(96.285052),
            lifespan: Some(3.20003),
            period: Period::Quarter,
            ..Inputs::default()
        });
        assert_eq!(decode_action(&encode_action(&fill).unwrap()), Some(fill));
        let edit = Action::Edit(Field::Cac, "€ 1.234,5 & =x".to_string());
        assert_eq!(decode_action(&encode_action(&edit).unwrap()), Some(edit));
        assert_eq!(encode_action(&Action::SetLocale(Locale::En)), None);
        assert_eq!(decode_action("edit&field=nope&text=1"), None);
        assert_eq!(decode_action("fill&period=month&start=NaN"), None);
    }
}
