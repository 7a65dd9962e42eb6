//! The results as plain text for the clipboard and as a CSV file, written when asked for.

use std::rc::Rc;

use retention_core::{CsvWriter, Explanation, Field, Report};
use wasm_bindgen::JsCast;

use crate::config::Config;
use crate::i18n::{
    comparison, details_text, field_label, meaning, text, DetailsText, Situation, Text, Words,
};
use crate::state::State;

/// What the calculator shows: the fields as typed, the figures and how they are explained.
pub struct Shown {
    pub state: State,
    pub report: Rc<Report>,
    pub explanations: Rc<Vec<Explanation>>,
    pub config: Config,
}

impl Shown {
    fn words(&self) -> Words {
        Words {
            locale: self.state.locale,
            currency: self.state.currency,
        }
    }

    /// The explanations of the figures the page shows.
    fn figures(&self) -> impl Iterator<Item = &Explanation> {
        self.explanations
            .iter()
            .filter(|e| self.config.shows(e.figure))
    }
}

/// Every shown figure with its formula, meaning and comparison, then the link that reopens it.
pub fn results_text(shown: &Shown, link: &str) -> String {
    let (state, report) = (&shown.state, &shown.report);
    let words = shown.words();
    let (locale, currency) = (words.locale, words.currency);
    let cx = Situation {
        words,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
        acquisition: report.acquisition.as_ref(),
    };
    let title = shown
        .config
        .title
        .as_deref()
        .unwrap_or(text(Text::Title, locale));
    let mut out = format!(
        "{title}\n{}: {}\n",
        text(Text::Period, locale),
        state.period.label(locale)
    );
    out.push_str(&inputs_line(state));
    let period = report.retention.map(|r| r.period).unwrap_or(state.period);
    for e in shown.figures() {
        out.push_str(&format!(
            "\n{}: {}\n  {}\n  {}\n",
            e.figure.label(locale),
            words.q(e.value),
            e.formula_text(period, locale, currency),
            meaning(e, &cx)
        ));
        if let Some(c) = comparison(e, &cx) {
            out.push_str(&format!("  {c}\n"));
        }
    }
    out.push('\n');
    out.push_str(link);
    out.push('\n');
    out
}

fn inputs_line(state: &State) -> String {
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
    .map(|f| format!("{}: {}", field_label(f, state.locale), shown(f)))
    .collect();
    format!("{counts}\n{}\n", values.join("; "))
}

/// The inputs and every shown figure as CSV in the page's habits, by the core's one writer:
/// name, plain number, unit.
pub fn results_csv(shown: &Shown) -> String {
    let words = shown.words();
    let (locale, currency) = (words.locale, words.currency);
    let mut csv = CsvWriter::new(locale);
    csv.row(&[
        details_text(DetailsText::CsvName, locale),
        details_text(DetailsText::CsvValue, locale),
        details_text(DetailsText::CsvUnit, locale),
    ]);
    csv.row(&[text(Text::Period, locale), shown.state.period.name(), ""]);
    let inputs = shown.state.inputs();
    for field in Field::ALL {
        if let Some(v) = inputs.get(field).filter(|v| v.is_finite()) {
            csv.text(field_label(field, locale))
                .rounded(v, 6)
                .text(field.unit(locale, currency))
                .end_row();
        }
    }
    for e in shown.figures() {
        let (value, decimals) = e.value.number();
        csv.text(e.figure.label(locale))
            .rounded(value, decimals)
            .text(e.value.unit(locale, currency))
            .end_row();
    }
    csv.finish()
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

#[cfg(test)]
mod tests {
    use retention_core::{calculate, explain, Currency, Inputs, Locale};

    use super::*;

    fn shown(state: State, config: Config) -> Shown {
        let report = calculate(&state.inputs());
        Shown {
            explanations: Rc::new(explain(&report)),
            report: Rc::new(report),
            state,
            config,
        }
    }

    fn csv(locale: Locale) -> String {
        let state = State::new(&Inputs::example(), locale, None);
        results_csv(&shown(state, Config::default()))
    }

    #[test]
    fn dutch_csv_uses_semicolons_and_decimal_commas() {
        let text = csv(Locale::Nl);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Naam;Waarde;Eenheid");
        for line in [
            "Klanten aan het begin (S);1000;klanten",
            "Klantretentie (CRR);85;%",
            "Verwachte klantlevensduur;6,6667;jaar",
            "Customer lifetime value (CLV);1500;EUR",
            "CLV : CAC;3;: 1",
        ] {
            assert!(lines.contains(&line), "{line} in {text}");
        }
        assert!(text.ends_with("\r\n"));
    }

    #[test]
    fn english_csv_uses_commas_and_points() {
        let text = csv(Locale::En);
        for line in [
            "Expected customer lifespan,6.6667,years",
            "Customer lifetime value (CLV),1500,USD",
            "Payback time,26.6667,months",
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
    }

    #[test]
    fn results_text_has_every_figure_with_its_formula_and_the_link() {
        let state = State::new(&Inputs::example(), Locale::En, Some(Currency::Gbp));
        let text = results_text(&shown(state, Config::default()), "https://example.org/#v=1");
        assert!(text.starts_with("Customer retention calculator\n"));
        assert!(text.contains("S = 1000, E = 1050, N = 200"), "{text}");
        assert!(
            text.contains("CRR = (E − N) / S × 100 = (1,050 − 200) / 1,000 × 100 = 85.0%"),
            "{text}"
        );
        assert!(
            text.contains("Customer lifetime value (CLV): £1,500\n"),
            "{text}"
        );
        assert!(text.trim_end().ends_with("https://example.org/#v=1"));
    }
}
