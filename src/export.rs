//! The results as plain text, for the clipboard.

use retention_core::{explain, Field, Locale, Report};

use crate::components::formula::formula_text;
use crate::config::Config;
use crate::i18n::{
    comparison, field_label, figure_name, formula_symbols, meaning, period_name, quantity, text,
    Context, Text,
};
use crate::state::State;

/// Every shown figure with its formula, meaning and comparison, then the link that reopens it.
pub fn results_text(state: &State, report: &Report, config: &Config, link: &str) -> String {
    let (locale, currency) = (state.locale, state.currency);
    let cx = Context {
        locale,
        currency,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
    };
    let title = config.title.as_deref().unwrap_or(text(Text::Title, locale));
    let mut out = format!(
        "{title}\n{}: {}\n",
        text(Text::Period, locale),
        period_name(state.period, locale)
    );
    out.push_str(&inputs_line(state, locale));
    for e in explain(report).iter().filter(|e| config.shows(e.figure)) {
        out.push('\n');
        out.push_str(&format!(
            "{}: {}\n",
            figure_name(e.figure, locale),
            quantity(e.value, locale, currency)
        ));
        let symbols = formula_symbols(e.figure, state.period, locale);
        out.push_str(&format!(
            "  {}\n",
            formula_text(&symbols, &e.formula, e.value, locale, currency)
        ));
        out.push_str(&format!("  {}\n", meaning(e, &cx)));
        if let Some(c) = comparison(e, &cx) {
            out.push_str(&format!("  {c}\n"));
        }
    }
    out.push('\n');
    out.push_str(link);
    out.push('\n');
    out
}

fn inputs_line(state: &State, locale: Locale) -> String {
    let shown = |field: Field| match state.text(field).trim() {
        "" => "–".to_string(),
        t => t.to_string(),
    };
    let counts = format!(
        "S = {}, E = {}, N = {}",
        shown(Field::Start),
        shown(Field::End),
        shown(Field::New)
    );
    let values: Vec<String> = [
        Field::Spend,
        Field::Frequency,
        Field::Margin,
        Field::Lifespan,
    ]
    .into_iter()
    .filter(|f| !state.text(*f).trim().is_empty())
    .map(|f| format!("{}: {}", field_label(f, locale), shown(f)))
    .collect();
    format!("{counts}\n{}\n", values.join("; "))
}
