use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::export::save_csv;
use crate::i18n::{details_text, use_words, DetailsText};

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The link that reopens these figures.
    pub link: String,
    /// Writes the results as plain text, when asked.
    pub results: Callback<(), String>,
    /// Writes the inputs and figures as CSV, when asked.
    pub csv: Callback<(), String>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Copied(DetailsText),
    /// The clipboard refused: show the text to copy by hand.
    ByHand(AttrValue),
}

/// Copy link, copy results, download CSV and print, with a spoken confirmation.
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let outcome = use_state(|| None::<Outcome>);
    let copy = |content: Callback<(), String>, done: DetailsText| {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            let content = AttrValue::from(content.emit(()));
            spawn_local(async move {
                let copied = write_clipboard(&content).await;
                outcome.set(Some(if copied {
                    Outcome::Copied(done)
                } else {
                    Outcome::ByHand(content)
                }));
            });
        })
    };
    let locale = use_words().locale;
    let link = props.link.clone();
    let csv = props.csv.clone();
    html! {
        <div class="rc-share">
            <button type="button" data-action="copy-link" onclick={copy(Callback::from(move |()| link.clone()), DetailsText::LinkCopied)}>
                { details_text(DetailsText::CopyLink, locale) }
            </button>
            <button type="button" data-action="copy-results" onclick={copy(props.results.clone(), DetailsText::ResultsCopied)}>
                { details_text(DetailsText::CopyResults, locale) }
            </button>
            <button type="button" data-action="download-csv" onclick={Callback::from(move |_: MouseEvent| save_csv("retentie-calculator.csv", &csv.emit(())))}>
                { details_text(DetailsText::DownloadCsv, locale) }
            </button>
            <button type="button" data-action="print" onclick={Callback::from(|_: MouseEvent| print())}>
                { details_text(DetailsText::Print, locale) }
            </button>
            <p class="rc-share-status" role="status">
                if let Some(Outcome::Copied(done)) = &*outcome {
                    { details_text(*done, locale) }
                }
                if let Some(Outcome::ByHand(_)) = &*outcome {
                    { details_text(DetailsText::CopyFallback, locale) }
                }
            </p>
            if let Some(Outcome::ByHand(content)) = &*outcome {
                <textarea class="rc-share-text" readonly=true rows="4" aria-label={details_text(DetailsText::CopyFallback, locale)} value={content.clone()} />
            }
        </div>
    }
}

/// Writes to the clipboard; false when the browser has no clipboard here or refuses.
pub(crate) async fn write_clipboard(content: &str) -> bool {
    let navigator = gloo::utils::window().navigator();
    // navigator.clipboard is undefined outside secure contexts.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or_default();
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(content))
        .await
        .is_ok()
}

/// Opens the browser's print dialog; "save as PDF" lives there too.
fn print() {
    let _ = gloo::utils::window().print();
}
