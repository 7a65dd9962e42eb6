use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{import_text, use_words, ImportText};
use crate::import::Run;

#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// The file input's id.
    pub id: AttrValue,
    /// The button's words.
    pub choose: AttrValue,
    /// The words beside it, inviting a drop.
    pub drop: AttrValue,
    /// The import's run: the file chosen, and whether its preview is on its way.
    pub run: Run,
    pub onchoose: Callback<File>,
}

/// Where an import's file is chosen or dropped: a button for the file picker, the drop
/// area around it, the name of the file chosen, and a note while its preview comes.
#[component]
pub fn FileDrop(props: &FileDropProps) -> Html {
    let locale = use_words().locale;
    let onchange = {
        let onchoose = props.onchoose.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|files| files.get(0)) {
                onchoose.emit(f);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let onchoose = props.onchoose.clone();
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(f) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0))
        {
            onchoose.emit(f);
        }
    });
    html! {
        <>
            <div class="rc-drop" {ondragover} {ondrop}>
                <label class="rc-button" for={props.id.clone()}>{ props.choose.clone() }</label>
                <input id={props.id.clone()} class="rc-visually-hidden" type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,text/plain" {onchange} />
                <span>{ props.drop.clone() }</span>
                if let Some(name) = &props.run.file_name {
                    <strong class="rc-file-name">{ name.clone() }</strong>
                }
            </div>
            if props.run.previewing {
                <p class="rc-hint" role="status">{ import_text(ImportText::Previewing, locale) }</p>
            }
        </>
    }
}
