//! The parts of a calculator that load later, each a wasm module of its own, so that the first
//! download holds the calculator's first screen alone:
//! - the details ([`Part::Details`], `retention-details` from `src/bin/details.rs`): every other
//!   figure, the charts, the what-if, several periods and the share buttons;
//! - the tools ([`Part::Tools`], `retention-tools` from `src/bin/tools.rs`): the order import,
//!   the members side and the NPS.
//!
//! The tools' module holds the details too: a calculator that wants both at once (its own
//! page) loads that one module, with one copy of yew, instead of two.
//!
//! This file is the one definition of the seam between the calculator's module and theirs.
//! The calculator puts an empty element for each part next to its own root in its shadow root
//! (not inside it: each module's yew delegates events from its own root, so the trees must not
//! nest) and, once its first screen is drawn and a part is wanted, loads that part and mounts
//! it there. From then on it sends the part a view of itself as text (`crate::details::View`,
//! `crate::tools::View`); the part answers with the calculator's own [`Action`]s, as an
//! [`ACTION_EVENT`] on its element, written by [`encode_action`].
//!
//! In one module (the stand-alone file:// build and the browser tests) [`inline`] mounts the
//! parts directly, through the same seam.

use std::cell::{Cell, RefCell};
use std::thread::LocalKey;

use gloo::events::EventListener;
use retention_core::{format_exact, parse_exact, Field, Inputs, Period};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, Element, ShadowRoot};
use yew::prelude::*;

use crate::config::Config;
use crate::settings::{encode, parse_pairs};
use crate::state::Action;

/// A part of the calculator that loads later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Details,
    Tools,
}

impl Part {
    /// Its name: the module is `retention-{name}.js`, as `web/embed.js` loads it.
    pub fn name(self) -> &'static str {
        match self {
            Part::Details => "details",
            Part::Tools => "tools",
        }
    }
}

/// The event a part sends the calculator an [`Action`] with; its `detail` is the action,
/// written by [`encode_action`].
pub const ACTION_EVENT: &str = "retention-calculator:action";

/// The actions a part may send: `fill&period=month&start=…`, `edit&field=cac&text=…` or
/// `points&value=7`. Any other action is not a part's to send, and gives `None`.
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
        Action::SetPoints(points) => Some(join(&[
            ("points", String::new()),
            ("value", format_exact(*points)),
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
        "points" => parse_exact(get("value")?).map(Action::SetPoints),
        _ => None,
    }
}

/// The period and every field that holds a finite number, in the shortest exact writing ([`format_exact`]).
pub(crate) fn inputs_pairs(inputs: &Inputs) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("period", inputs.period.name().to_string())];
    for field in Field::ALL {
        if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
            pairs.push((field.name(), format_exact(v)));
        }
    }
    pairs
}

/// The inputs of [`inputs_pairs`]; fields left out are `None`.
pub(crate) fn read_inputs(pairs: &[(String, String)]) -> Option<Inputs> {
    let get = |key| value(pairs, key);
    let mut inputs = Inputs {
        period: Period::from_name(get("period")?)?,
        ..Inputs::default()
    };
    for field in Field::ALL {
        if let Some(text) = get(field.name()) {
            let value = parse_exact(text)?;
            inputs.set(field, Some(value));
        }
    }
    Some(inputs)
}

/// The first value of `key` in `pairs`.
pub(crate) fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `key=value&…`, each value percent-encoded.
pub(crate) fn join(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

// ---- The calculator's side -------------------------------------------------------------

#[wasm_bindgen]
extern "C" {
    /// A part's module, once loaded: what `src/bin/details.rs` and `src/bin/tools.rs` export.
    pub type PartModule;
    /// `globalThis.retentionCalculatorPart(name)`, set by `web/embed.js`: loads the module
    /// `retention-{name}.js` once and resolves to it. Throws when the page has no loader.
    #[wasm_bindgen(catch, js_namespace = globalThis, js_name = retentionCalculatorPart)]
    fn load_module(name: &str) -> Result<js_sys::Promise, JsValue>;
    /// Mounts the part `name` (the module must hold it) on `host`.
    #[wasm_bindgen(method, catch, js_name = mountPart)]
    fn mount_part(
        this: &PartModule,
        name: &str,
        outer: &Element,
        host: &Element,
    ) -> Result<PartHandle, JsValue>;
    /// A mounted part, as the calculator's module sees it.
    pub type PartHandle;
    #[wasm_bindgen(method)]
    fn show(this: &PartHandle, view: &str);
}

/// Where a calculator's parts go: the calculator's element on the page (`outer`, whose
/// attributes configure the parts as they do the calculator) and the empty elements next to
/// the calculator's root that the parts mount on.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub outer: Element,
    pub details: Element,
    pub tools: Element,
    /// After the parts: where the calculator puts its footnote, so that it comes last.
    pub footnote: Element,
    /// The calculator's configuration: what inline parts use. Loaded parts read the same from
    /// `outer` and the page's address.
    pub config: Config,
}

impl Place {
    /// The element `part` mounts on.
    pub fn host(&self, part: Part) -> &Element {
        match part {
            Part::Details => &self.details,
            Part::Tools => &self.tools,
        }
    }
}

/// How far a part is.
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
    /// Set by [`inline`]: mount the parts from this module instead of loading them. Only the
    /// bins that hold the parts set it, so the calculator's own bin leaves them out.
    static INLINE: Cell<bool> = const { Cell::new(false) };
}

/// Makes the calculators of this module mount their parts from this same module, for builds
/// that hold them all (the stand-alone file:// script, the browser tests).
pub fn inline() {
    INLINE.with(|i| i.set(true));
}

/// A mounted part, loaded or inline.
enum Mounted {
    Loaded(PartHandle),
    Inline(Box<dyn Shows>),
}

impl Mounted {
    fn show(&self, view: &str) {
        match self {
            Mounted::Loaded(handle) => handle.show(view),
            Mounted::Inline(part) => part.show(view),
        }
    }
}

/// Loads and mounts `part` at `place` once `wanted`, from the module of `from` (the part's
/// own, or the tools' module, which holds the details too), shows it `view`, and hands the
/// actions it sends to `dispatch`. Returns how far it is.
#[hook]
pub fn use_part(
    part: Part,
    from: Part,
    place: Option<Place>,
    wanted: bool,
    view: String,
    dispatch: Callback<Action>,
) -> Loading {
    let loading = use_state(|| Loading::Idle);
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The view now, for a part that finishes loading after it changed.
    let latest = use_mut_ref(String::new);
    latest.borrow_mut().clone_from(&view);
    // The actions the part sends.
    {
        let host = place.as_ref().map(|p| p.host(part).clone());
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
    // Load and mount, once, when first wanted.
    {
        let (loading, mounted, latest) = (loading.clone(), mounted.clone(), latest.clone());
        use_effect_with((place, wanted), move |(place, wanted)| {
            if let (Some(place), true, Loading::Idle) = (place.clone(), *wanted, *loading) {
                loading.set(Loading::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match mount(part, from, &place).await {
                        Ok(mount) => {
                            mount.show(&latest.borrow());
                            *mounted.borrow_mut() = Some(mount);
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
        use_effect_with(view, move |view| {
            if let Some(part) = mounted.borrow().as_ref() {
                part.show(view);
            }
        });
    }
    *loading
}

async fn mount(part: Part, from: Part, place: &Place) -> Result<Mounted, JsValue> {
    let host = place.host(part);
    if INLINE.with(Cell::get) {
        let config = place.config.clone();
        let app: Box<dyn Shows> = match part {
            Part::Details => Box::new(PartApp::<crate::details::Details>::with_config(
                config, host,
            )),
            Part::Tools => Box::new(PartApp::<crate::tools::Tools>::with_config(config, host)),
        };
        return Ok(Mounted::Inline(app));
    }
    let module = wasm_bindgen_futures::JsFuture::from(load_module(from.name())?).await?;
    let module: PartModule = module.unchecked_into();
    Ok(Mounted::Loaded(module.mount_part(
        part.name(),
        &place.outer,
        host,
    )?))
}

// ---- A part's side ----------------------------------------------------------------------

/// What the calculator tells a part, as the part reads it.
pub trait PartView: Sized + Clone + PartialEq + 'static {
    /// The view `text` holds, as the calculator wrote it; `None` for anything else.
    fn decode(text: &str) -> Option<Self>;
    /// The part's own style sheet, adopted beside the calculator's when it mounts.
    const STYLES: Option<Styles> = None;
}

/// A style sheet a module adopts into each calculator's shadow root, made once (kept in
/// `cell`) and shared by every calculator on the page.
pub struct Styles {
    pub cell: &'static LocalKey<RefCell<Option<CssStyleSheet>>>,
    pub css: &'static str,
}

/// What a part's app is given: the calculator's configuration, its latest view (none before
/// the first) and the element it is mounted on, which it sends the calculator actions from.
#[derive(Properties, PartialEq)]
pub struct PartProps<V: PartialEq> {
    pub config: Config,
    pub view: Option<V>,
    pub host: Element,
}

/// A part mounted on its element beside one calculator's root.
pub struct PartApp<C: BaseComponent> {
    app: RefCell<yew::AppHandle<C>>,
    config: Config,
    host: Element,
}

impl<C, V> PartApp<C>
where
    C: BaseComponent<Properties = PartProps<V>>,
    V: PartView,
{
    /// Mounts the part of the calculator on `outer` at `host`, configured as the calculator
    /// is (its attributes and the page's address). It shows nothing until the first
    /// [`PartApp::show`].
    pub fn mount(outer: &Element, host: &Element) -> Self {
        Self::with_config(crate::mount::config_of(outer), host)
    }

    /// Mounts the part configured by `config` at `host`.
    pub fn with_config(config: Config, host: &Element) -> Self {
        if let (Some(styles), Ok(shadow)) =
            (V::STYLES, host.get_root_node().dyn_into::<ShadowRoot>())
        {
            // Fails only where constructed style sheets do not exist, as the calculator's would.
            let _ = crate::mount::adopt(&shadow, styles.cell, styles.css);
        }
        let props = PartProps {
            config: config.clone(),
            view: None,
            host: host.clone(),
        };
        let app = yew::Renderer::<C>::with_root_and_props(host.clone(), props).render();
        PartApp {
            app: RefCell::new(app),
            config,
            host: host.clone(),
        }
    }
}

/// A mounted part's app, whichever part it is.
pub trait Shows {
    /// Shows the part as `view` (as the calculator wrote it) says; ignores anything else.
    fn show(&self, view: &str);
}

impl<C, V> Shows for PartApp<C>
where
    C: BaseComponent<Properties = PartProps<V>>,
    V: PartView,
{
    fn show(&self, view: &str) {
        if let Some(view) = V::decode(view) {
            self.app.borrow_mut().update(PartProps {
                config: self.config.clone(),
                view: Some(view),
                host: self.host.clone(),
            });
        }
    }
}

/// Sends `action` to the calculator whose part is mounted at `host`.
pub(crate) fn send(host: &Element, action: &Action) {
    let Some(detail) = encode_action(action) else {
        return;
    };
    let init = CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&detail));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(ACTION_EVENT, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The JS export of a part's module, `mountPart(name, outer, host)`, for the parts it holds:
/// `export_parts!(details => Details, tools => Tools)`.
#[macro_export]
macro_rules! export_parts {
    ($($name:ident => $component:ty),+ $(,)?) => {
        /// Mounts the part `name` of the calculator on `outer` at `host`, the empty element
        /// beside the calculator's root (see `retention_app::parts`). Fails for a part this
        /// module does not hold.
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = mountPart)]
        pub fn mount_part(
            name: &str,
            outer: &web_sys::Element,
            host: &web_sys::Element,
        ) -> Result<MountedPart, wasm_bindgen::JsValue> {
            match name {
                $(stringify!($name) => Ok(MountedPart(Box::new(
                    $crate::parts::PartApp::<$component>::mount(outer, host),
                ))),)+
                _ => Err(format!("this module holds no part {name}").into()),
            }
        }

        /// A part under one calculator.
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub struct MountedPart(Box<dyn $crate::parts::Shows>);

        #[wasm_bindgen::prelude::wasm_bindgen]
        impl MountedPart {
            /// Shows the part as the calculator's view of it says.
            pub fn show(&self, view: &str) {
                self.0.show(view);
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use retention_core::Locale;

    #[test]
    fn the_parts_send_fill_edit_and_points_and_nothing_else() {
        let fill = Action::Fill(Inputs {
            start: Some(96.285052),
            lifespan: Some(3.20003),
            period: Period::Quarter,
            ..Inputs::default()
        });
        assert_eq!(decode_action(&encode_action(&fill).unwrap()), Some(fill));
        let edit = Action::Edit(Field::Cac, "€ 1.234,5 & =x".to_string());
        assert_eq!(decode_action(&encode_action(&edit).unwrap()), Some(edit));
        let points = Action::SetPoints(7.5);
        assert_eq!(
            decode_action(&encode_action(&points).unwrap()),
            Some(points)
        );
        assert_eq!(encode_action(&Action::SetLocale(Locale::En)), None);
        assert_eq!(decode_action("edit&field=nope&text=1"), None);
        assert_eq!(decode_action("fill&period=month&start=NaN"), None);
        assert_eq!(decode_action("points&value=inf"), None);
    }
}
