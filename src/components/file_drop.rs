use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// The file input's id.
    pub id: AttrValue,
    /// The button's words.
    pub choose: AttrValue,
    /// The words beside it, inviting a drop.
    pub drop: AttrValue,
    /// The file chosen, if any.
    #[prop_or_default]
    pub file_name: Option<String>,
    pub onchoose: Callback<File>,
}

/// Where an import's file is chosen or dropped: a button for the file picker, the drop
/// area around it, and the name of the file chosen.
#[component]
pub fn FileDrop(props: &FileDropProps) -> Html {
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
        <div class="rc-drop" {ondragover} {ondrop}>
            <label class="rc-button" for={props.id.clone()}>{ props.choose.clone() }</label>
            <input id={props.id.clone()} class="rc-visually-hidden" type="file" accept=".csv,.tsv,.txt,.xlsx,.xls,text/csv,text/plain" {onchange} />
            <span>{ props.drop.clone() }</span>
            if let Some(name) = &props.file_name {
                <strong class="rc-file-name">{ name.clone() }</strong>
            }
        </div>
    }
}
