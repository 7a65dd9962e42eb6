use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use retention_core::worker::{Request, Response};
use retention_core::{Dialect, Models, SqlColumn, SqlError, SqlOutput, WarehouseQuery};
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::export_bar::write_clipboard;
use crate::i18n::{
    dialect_label, output_label, sql_column_label, sql_error, sql_error_field, use_words,
    warehouse_text, WarehouseText as T,
};
use crate::worker::{Heard, ImportWorker};

#[derive(Properties, PartialEq)]
pub struct WarehousePanelProps {
    /// The models of the last fit (an import above), for the scoring SQL.
    #[prop_or_default]
    pub models: Option<Models>,
    /// The forecast's horizon in weeks, scored over the same.
    #[prop_or(52.0)]
    pub horizon_weeks: f64,
}

/// The names the user fills in; empty optional ones are left out of the query.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    dialect: Dialect,
    output: SqlOutput,
    names: Vec<(SqlColumn, String)>,
}

/// The fields, in order, with the name a shop export usually has; the last two may be empty.
const FIELDS: [(SqlColumn, &str); 6] = [
    (SqlColumn::Table, "orders"),
    (SqlColumn::Customer, "customer_id"),
    (SqlColumn::Date, "order_date"),
    (SqlColumn::Amount, "total"),
    (SqlColumn::Order, ""),
    (SqlColumn::Status, ""),
];

impl Form {
    fn query(&self, models: Option<Models>, horizon_weeks: f64) -> WarehouseQuery {
        let name = |column| {
            self.names
                .iter()
                .find(|(c, _)| *c == column)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let optional = |column| Some(name(column)).filter(|n| !n.trim().is_empty());
        WarehouseQuery {
            order: optional(SqlColumn::Order),
            status: optional(SqlColumn::Status),
            output: self.output,
            models,
            horizon_weeks,
            ..WarehouseQuery::new(
                self.dialect,
                &name(SqlColumn::Table),
                &name(SqlColumn::Customer),
                &name(SqlColumn::Date),
                &name(SqlColumn::Amount),
            )
        }
    }
}

/// "Use your data warehouse": choose the warehouse, the table and columns and what to
/// compute, and copy the SQL the core writes. The SQL comes from the import worker (its
/// module has the writer), so the page's own download does not grow by it.
#[component]
pub fn WarehousePanel(props: &WarehousePanelProps) -> Html {
    let locale = use_words().locale;
    let form = use_state(|| Form {
        dialect: Dialect::Postgres,
        output: SqlOutput::Summary,
        names: FIELDS.iter().map(|(c, n)| (*c, n.to_string())).collect(),
    });
    // The worker's last answer, with the dialect it was written for: requests are answered in
    // the order they were sent.
    let answer = use_state(|| None::<(Dialect, Result<String, SqlError>)>);
    let sent: Rc<RefCell<VecDeque<Dialect>>> = use_mut_ref(VecDeque::new);
    let copied = use_state(|| None::<bool>);
    let worker: Rc<RefCell<Option<ImportWorker>>> = use_mut_ref(|| None);
    let open = use_state(|| false);

    {
        let (answer, worker, sent) = (answer.clone(), worker.clone(), sent.clone());
        let query = form.query(props.models, props.horizon_weeks);
        use_effect_with((query, *open), move |(query, open)| {
            if *open {
                let mut running = worker.borrow_mut();
                if running.is_none() {
                    let sent = sent.clone();
                    let on_heard = Callback::from(move |heard: Heard| {
                        if let Heard::Response(r) = heard {
                            if let Response::WarehouseSql(sql) = *r {
                                if let Some(dialect) = sent.borrow_mut().pop_front() {
                                    answer.set(Some((dialect, sql)));
                                }
                            }
                        }
                    });
                    *running = ImportWorker::start(on_heard).ok();
                }
                if let Some(w) = running.as_ref() {
                    sent.borrow_mut().push_back(query.dialect);
                    w.send(&Request::WarehouseSql(query.clone()), None);
                }
            }
        });
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details = e.target().map(JsValue::from).unwrap_or_default();
            let is_open = js_sys::Reflect::get(&details, &"open".into()).ok();
            open.set(is_open.and_then(|v| v.as_bool()).unwrap_or(false));
        })
    };
    let on_dialect = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(dialect) = Dialect::from_name(&select.value()) {
                form.set(Form {
                    dialect,
                    ..(*form).clone()
                });
            }
        })
    };
    let on_output = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(output) = SqlOutput::from_name(&select.value()) {
                form.set(Form {
                    output,
                    ..(*form).clone()
                });
            }
        })
    };
    let error = answer.as_ref().and_then(|(_, a)| a.as_ref().err()).copied();
    let error_at = error.as_ref().and_then(sql_error_field);
    let field = |column: SqlColumn, optional: bool| {
        let id = format!("rc-wh-{}", column.name());
        let value = form
            .names
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let oninput = {
            let form = form.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let mut next = (*form).clone();
                for (c, n) in &mut next.names {
                    if *c == column {
                        *n = input.value();
                    }
                }
                form.set(next);
            })
        };
        let wrong = error_at == Some(column);
        let error_id = format!("{id}-error");
        html! {
            <div class="rc-field" data-wh-field={column.name()}>
                <label for={id.clone()}>
                    { sql_column_label(column, locale) }
                    if optional { { " " }<span class="rc-hint">{ warehouse_text(T::Optional, locale) }</span> }
                </label>
                <input id={id} type="text" spellcheck="false" autocomplete="off" {value} {oninput}
                    aria-invalid={wrong.then_some("true")} aria-describedby={wrong.then(|| error_id.clone())} />
                if let (true, Some(e)) = (wrong, error.as_ref()) {
                    <p id={error_id} class="rc-error" role="alert" data-sql-error={e.code()}>{ sql_error(e, locale) }</p>
                }
            </div>
        }
    };
    let sql = answer
        .as_ref()
        .and_then(|(d, a)| Some((*d, a.as_ref().ok()?.clone())));
    let copy = {
        let (sql, copied) = (sql.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (sql, copied) = (
                sql.clone().map(|(_, s)| s).unwrap_or_default(),
                copied.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(write_clipboard(&sql).await));
            });
        })
    };
    html! {
        <details class="rc-section rc-warehouse" data-section="warehouse" ontoggle={ontoggle}>
            <summary><h3>{ warehouse_text(T::Title, locale) }</h3></summary>
            <p class="rc-hint">{ warehouse_text(T::Help, locale) }</p>
            <div class="rc-import-options">
                <div class="rc-field rc-choice">
                    <label for="rc-wh-dialect">{ warehouse_text(T::Dialect, locale) }</label>
                    <select id="rc-wh-dialect" onchange={on_dialect}>
                        { for Dialect::ALL.into_iter().map(|d| html! {
                            <option value={d.name()} selected={d == form.dialect}>{ dialect_label(d) }</option>
                        }) }
                    </select>
                </div>
                <div class="rc-field rc-choice">
                    <label for="rc-wh-output">{ warehouse_text(T::What, locale) }</label>
                    <select id="rc-wh-output" onchange={on_output}>
                        { for SqlOutput::ALL.into_iter().map(|o| html! {
                            <option value={o.name()} selected={o == form.output}>{ output_label(o, locale) }</option>
                        }) }
                    </select>
                </div>
            </div>
            <div class="rc-import-options">
                { for FIELDS.iter().enumerate().map(|(i, (c, _))| field(*c, i >= 4)) }
            </div>
            if form.output == SqlOutput::Scoring {
                <p class="rc-hint" data-scoring-hint="">{ warehouse_text(T::ScoringHint, locale) }</p>
            }
            if let (Some(e), None) = (error.as_ref(), error_at) {
                <p class="rc-import-problem" role="alert" data-sql-error={e.code()}>{ sql_error(e, locale) }</p>
            }
            if let Some((dialect, sql)) = sql {
                <label for="rc-wh-sql">{ warehouse_text(T::Sql, locale) }</label>
                <textarea id="rc-wh-sql" class="rc-share-text" readonly=true rows="14" spellcheck="false" data-sql={dialect.name()} value={sql} />
                <div class="rc-actions">
                    <button type="button" data-action="copy-sql" onclick={copy}>{ warehouse_text(T::Copy, locale) }</button>
                    if let Some(ok) = *copied {
                        <span role="status">{ warehouse_text(if ok { T::Copied } else { T::CopyRefused }, locale) }</span>
                    }
                </div>
            }
        </details>
    }
}
