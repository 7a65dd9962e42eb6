use retention_core::{format_decimal, parse_periods, Figure, Period, Quantity};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::line_chart::{ChartUnit, LineChart, Series};
use crate::components::table_head::TableHead;
use crate::i18n::{details_text, row_problem, trend_description, use_words, DetailsText};

/// Half a year of months, so the table and chart show something before anything is pasted.
const EXAMPLE: &str = "2024-01\t1000\t1050\t200\n2024-02\t1050\t1080\t120\n2024-03\t1080\t1090\t90\n2024-04\t1090\t1150\t140\n2024-05\t1150\t1160\t80\n2024-06\t1160\t1210\t110\n";

#[derive(Properties, PartialEq)]
pub struct PeriodsPanelProps {
    pub period: Period,
}

/// Paste several periods from a spreadsheet; see CRR and churn per period as a table and a
/// trend chart, with every unusable line reported.
#[component]
pub fn PeriodsPanel(props: &PeriodsPanelProps) -> Html {
    let pasted = use_state(|| EXAMPLE.to_string());
    let words = use_words();
    let (locale, period) = (words.locale, props.period);
    let table = parse_periods(&pasted, locale, period);
    let oninput = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            pasted.set(area.value());
        })
    };
    let q = |q: Quantity| words.q(q);
    let labels: Vec<AttrValue> = table
        .rows
        .iter()
        .map(|r| AttrValue::from(r.label.clone()))
        .collect();
    let series = vec![
        Series {
            name: Figure::RetentionRate.label(locale).into(),
            values: table
                .rows
                .iter()
                .map(|r| r.retention.retention_rate)
                .collect(),
            class: "rc-series-1",
        },
        Series {
            name: Figure::ChurnRate.label(locale).into(),
            values: table.rows.iter().map(|r| r.retention.churn_rate).collect(),
            class: "rc-series-2",
        },
    ];
    let description = match (table.rows.first(), table.rows.last()) {
        (Some(a), Some(b)) => trend_description(
            (&a.label, a.retention.retention_rate),
            (&b.label, b.retention.retention_rate),
            words,
        ),
        _ => String::new(),
    };
    html! {
        <details class="rc-section rc-periods" data-section="periods">
            <summary><h3>{ details_text(DetailsText::Periods, locale) }</h3></summary>
            <p class="rc-hint">{ details_text(DetailsText::PeriodsHelp, locale) }</p>
            <div class="rc-field">
                <label for="rc-periods-input">{ details_text(DetailsText::PeriodsInput, locale) }</label>
                <textarea id="rc-periods-input" rows="7" spellcheck="false" value={(*pasted).clone()} {oninput} />
            </div>
            if !table.errors.is_empty() {
                <ul class="rc-row-errors" data-row-errors="">
                    { for table.errors.iter().map(|e| html! {
                        <li data-line={e.line.to_string()}>{ format!("{} {}: {}", details_text(DetailsText::Line, locale), e.line, row_problem(&e.problem, locale)) }</li>
                    }) }
                </ul>
            }
            if !table.rows.is_empty() {
                <div class="rc-table-wrap">
                    <table class="rc-table" data-periods-table="">
                        <TableHead columns={vec![details_text(DetailsText::Label, locale), "S", "E", "N", "CRR", "Churn", details_text(DetailsText::NewPerRetained, locale)]} />
                        <tbody>
                            { for table.rows.iter().map(|row| {
                                let r = row.retention;
                                html! {
                                    <tr data-line={row.line.to_string()}>
                                        <th scope="row">{ row.label.clone() }</th>
                                        <td>{ q(Quantity::Count(r.start)) }</td>
                                        <td>{ q(Quantity::Count(r.end)) }</td>
                                        <td>{ q(Quantity::Count(r.new)) }</td>
                                        <td data-crr="">{ q(Quantity::Percent(r.retention_rate)) }</td>
                                        <td>{ q(Quantity::Percent(r.churn_rate)) }</td>
                                        <td>{ row.new_per_retained.map(|x| format_decimal(x, 2, 2, locale)).unwrap_or_else(|| "–".into()) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <LineChart
                    id="rc-trend"
                    title={details_text(DetailsText::TrendTitle, locale)}
                    {description}
                    {labels}
                    {series}
                    unit={ChartUnit::Percent}
                />
            }
        </details>
    }
}
