//! The results as plain text, for the clipboard.

use retention_core::{explain, format_decimal, format_input, Field, Locale, Quantity, Report};
use wasm_bindgen::JsCast;

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

/// The inputs and every shown figure as CSV, in the habits of the page's language: Dutch
/// spreadsheets expect `;` between fields and a decimal comma, English ones `,` and a point.
/// Values are plain numbers (no thousands separators) so spreadsheets read them as numbers.
pub fn results_csv(state: &State, report: &Report, config: &Config) -> String {
    let locale = state.locale;
    let sep = match locale {
        Locale::Nl => ';',
        Locale::En => ',',
    };
    let mut rows: Vec<[String; 3]> = vec![[
        text(Text::CsvName, locale).to_string(),
        text(Text::CsvValue, locale).to_string(),
        text(Text::CsvUnit, locale).to_string(),
    ]];
    rows.push([
        text(Text::Period, locale).to_string(),
        state.period.name().to_string(),
        String::new(),
    ]);
    let inputs = state.inputs();
    for field in Field::ALL {
        if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
            rows.push([
                field_label(field, locale).to_string(),
                format_input(v, locale),
                input_unit(field, state),
            ]);
        }
    }
    for e in explain(report).iter().filter(|e| config.shows(e.figure)) {
        let (value, unit) = csv_value(e.value, state);
        rows.push([figure_name(e.figure, locale).to_string(), value, unit]);
    }
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|cell| quote(cell))
                .collect::<Vec<_>>()
                .join(&sep.to_string())
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

fn input_unit(field: Field, state: &State) -> String {
    match field {
        Field::Spend | Field::Cac => state.currency.code().to_string(),
        Field::Margin | Field::DiscountRate => "%".to_string(),
        Field::Lifespan => text(Text::CsvYears, state.locale).to_string(),
        Field::Frequency => String::new(),
        Field::Start | Field::End | Field::New => {
            text(Text::CsvCustomers, state.locale).to_string()
        }
    }
}

fn csv_value(q: Quantity, state: &State) -> (String, String) {
    let l = state.locale;
    let number = |v: f64, decimals: usize| {
        format_decimal(v, 0, decimals, l).replace(l.group_separator(), "")
    };
    match q {
        Quantity::Count(n) => (n.to_string(), text(Text::CsvCustomers, l).to_string()),
        Quantity::Percent(p) => (number(p, 4), "%".to_string()),
        Quantity::Money(m) => (number(m, 2), state.currency.code().to_string()),
        Quantity::Number(x) => (number(x, 4), String::new()),
        Quantity::Years(y) => (number(y, 4), text(Text::CsvYears, l).to_string()),
        Quantity::Periods(n, period) => (number(n, 4), period_name(period, l).to_lowercase()),
        Quantity::Ratio(x) => (number(x, 4), ": 1".to_string()),
    }
}

/// Lets the browser save `csv` as a file called `name`.
pub fn save_csv(name: &str, csv: &str) {
    // A byte-order mark so spreadsheet programs read the € sign as UTF-8.
    let blob = gloo::file::Blob::new_with_options(
        format!("\u{feff}{csv}").as_str(),
        Some("text/csv;charset=utf-8"),
    );
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
    }
    // Keep the URL alive while the browser fetches it; it is revoked when dropped.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
}

/// A CSV field in double quotes, with inner quotes doubled.
fn quote(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use retention_core::{Currency, Inputs};

    use super::*;

    fn csv(locale: Locale) -> String {
        let state = State::new(&Inputs::example(), locale, None);
        results_csv(&state, &state.report(), &Config::default())
    }

    #[test]
    fn dutch_csv_uses_semicolons_and_decimal_commas() {
        let text = csv(Locale::Nl);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "\"Naam\";\"Waarde\";\"Eenheid\"");
        assert!(
            lines.contains(&"\"Klanten aan het begin (S)\";\"1000\";\"klanten\""),
            "{text}"
        );
        assert!(
            lines.contains(&"\"Klantretentie (CRR)\";\"85\";\"%\""),
            "{text}"
        );
        assert!(
            lines.contains(&"\"Verwachte klantlevensduur\";\"6,6667\";\"jaar\""),
            "{text}"
        );
        assert!(
            lines.contains(&"\"Customer lifetime value (CLV)\";\"1500\";\"EUR\""),
            "{text}"
        );
        assert!(lines.contains(&"\"CLV : CAC\";\"3\";\": 1\""), "{text}");
        assert!(text.ends_with("\r\n"));
    }

    #[test]
    fn english_csv_uses_commas_and_points() {
        let text = csv(Locale::En);
        assert!(
            text.contains("\"Expected customer lifespan\",\"6.6667\",\"years\""),
            "{text}"
        );
        assert!(
            text.contains("\"Customer lifetime value (CLV)\",\"1500\",\"USD\""),
            "{text}"
        );
        assert!(
            text.contains("\"Payback time\",\"26.6667\",\"month\""),
            "{text}"
        );
    }

    #[test]
    fn quotes_inside_fields_are_doubled() {
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn results_text_has_every_figure_with_its_formula_and_the_link() {
        let state = State::new(&Inputs::example(), Locale::En, Some(Currency::Gbp));
        let text = results_text(
            &state,
            &state.report(),
            &Config::default(),
            "https://example.org/#v=1",
        );
        assert!(text.starts_with("Customer retention calculator\n"));
        assert!(text.contains("S = 1000, E = 1050, N = 200"), "{text}");
        assert!(
            text.contains("CRR = (E − N) / S × 100 = (1,050 − 200) / 1,000 × 100 = 85.0%"),
            "{text}"
        );
        assert!(
            text.contains("Customer lifetime value (CLV): £1,500.00"),
            "{text}"
        );
        assert!(text.trim_end().ends_with("https://example.org/#v=1"));
    }
}
