use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableHeadProps {
    /// The columns' headings, in order.
    pub columns: Vec<&'static str>,
}

/// A table's row of column headings.
#[component]
pub fn TableHead(props: &TableHeadProps) -> Html {
    html! {
        <thead>
            <tr>
                { for props.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
            </tr>
        </thead>
    }
}
