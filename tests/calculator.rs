//! The calculator in a real browser: mount it, type, read what a person would read.
#![cfg(target_arch = "wasm32")]

mod support;

use retention_app::config::Config;
use retention_core::{Currency, Field, Figure, Inputs, Locale};
use support::{plain, Calculator};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn opens_with_a_worked_example_in_dutch() {
    let c = Calculator::mount(Locale::Nl).await;
    assert_eq!(c.value(Field::Start), "1000");
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("85,0 %"));
    assert_eq!(c.figure(Figure::Retained).as_deref(), Some("850"));
    assert_eq!(c.figure(Figure::Lost).as_deref(), Some("150"));
    assert_eq!(c.figure(Figure::ChurnRate).as_deref(), Some("15,0 %"));
    assert_eq!(c.figure(Figure::Lifespan).as_deref(), Some("6,67 jaar"));
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("€ 1.500"));
    assert_eq!(c.figure(Figure::ProfitClv).as_deref(), Some("€ 900"));
    assert_eq!(
        c.figure(Figure::AnnualChurn),
        None,
        "a year needs no annualising"
    );
    let crr = c.text("[data-how=retentionRate]");
    assert!(
        crr.contains("(1.050 − 200) / 1.000 × 100"),
        "formula with the numbers: {crr}"
    );
    // Exactly 85,0 % is on the target, not above it.
    assert_eq!(plain(&c.text("[data-verdict]")).trim(), "Op de 85%-norm");
    assert!(crr.contains("Op de norm"), "{crr}");
    assert!(!c.all_text().contains("Boven de norm"));
}

#[wasm_bindgen_test]
async fn the_verdict_and_the_advice_appear_once() {
    for locale in Locale::ALL {
        let c = Calculator::mount(locale).await;
        c.type_in(Field::End, "2000").await;
        c.type_in(Field::New, "1500").await;
        assert_eq!(c.count("[data-verdict]"), 1, "one verdict");
        assert_eq!(c.count(".rc-badge"), 1, "one badge");
        let what_now = locale.pick("Wat kun je doen?", "What to do next");
        assert_eq!(c.all_text().matches(what_now).count(), 1, "{locale:?}");
        assert_eq!(c.count(".rc-advice li"), 3);
        // Plain counts carry no verdict.
        let lost = c.find("[data-figure=lost]");
        assert!(lost
            .query_selector("[data-verdict], .rc-badge")
            .unwrap()
            .is_none());
    }
}

#[wasm_bindgen_test]
async fn a_month_leads_with_its_year() {
    let c = Calculator::mount(Locale::Nl).await;
    c.choose("rc-period", "month").await;
    c.type_in(Field::End, "944").await;
    c.type_in(Field::New, "0").await;
    // 94,4 % a month kept is 0,944¹² = 50,08 % a year.
    assert_eq!(c.figure(Figure::AnnualRetention).as_deref(), Some("50,1 %"));
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("94,4 %"));
    let year = c.find(".rc-big-value");
    assert_eq!(
        year.get_attribute("data-figure").as_deref(),
        Some("annualRetention"),
        "the large figure is the year's"
    );
    let month = c.find("[data-figure=retentionRate]");
    let follows =
        year.compare_document_position(&month) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING;
    assert_ne!(follows, 0, "the month's rate comes after the year's");
    assert!(plain(&month.text_content().unwrap()).contains("94,4 % per maand"));
    assert_eq!(
        c.find("[data-verdict]")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("below"),
        "judged by the year"
    );
    let sentence = plain(&c.text(".rc-answer-text"));
    assert!(
        sentence.starts_with("94,4 % per maand is 50,1 % per jaar: van elke 100 klanten heb je er na een jaar nog 50"),
        "{sentence}"
    );
}

#[wasm_bindgen_test]
async fn figures_follow_typing() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::New, "1500").await;
    c.type_in(Field::End, "2000").await;
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("50,0 %"));
    assert_eq!(c.figure(Figure::Lost).as_deref(), Some("500"));
    let verdict = c.find("[data-verdict]");
    assert_eq!(
        plain(&verdict.text_content().unwrap()).trim(),
        "Onder de 85%-norm"
    );
    assert_eq!(
        verdict.get_attribute("data-verdict").as_deref(),
        Some("below")
    );
    let lost = c.text("[data-figure=lost]");
    assert!(
        lost.contains("hooguit 150"),
        "compares with the target: {lost}"
    );
}

#[wasm_bindgen_test]
async fn clv_with_an_entered_lifespan_and_margin() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::Lifespan, "2,5").await;
    // 75 × 3 × 2,5 = 562,50 and 60 % of it 337,50: estimates, shown in whole euros.
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("€ 563"));
    assert_eq!(c.figure(Figure::ProfitClv).as_deref(), Some("€ 338"));
    c.type_in(Field::Margin, "").await;
    assert_eq!(
        c.figure(Figure::ProfitClv),
        None,
        "no margin, no profit CLV"
    );
    assert_eq!(c.error(Field::Margin), None, "margin is optional");
}

#[wasm_bindgen_test]
async fn monthly_churn_is_compounded_to_a_year() {
    let c = Calculator::mount(Locale::En).await;
    c.choose("rc-period", "month").await;
    c.type_in(Field::End, "950").await;
    c.type_in(Field::New, "0").await;
    assert_eq!(c.figure(Figure::ChurnRate).as_deref(), Some("5.0%"));
    assert_eq!(c.figure(Figure::AnnualChurn).as_deref(), Some("46.0%"));
    assert_eq!(c.figure(Figure::AnnualRetention).as_deref(), Some("54.0%"));
    assert_eq!(c.figure(Figure::Lifespan).as_deref(), Some("1.67 years"));
    let annual = c.text("[data-figure=annualChurn]");
    assert!(
        annual.contains("not 60.0%"),
        "explains why not ×12: {annual}"
    );
}

#[wasm_bindgen_test]
async fn english_numbers_and_dollars() {
    let c = Calculator::mount(Locale::En).await;
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("85.0%"));
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("$1,500"));
    c.type_in(Field::Spend, "$1,234.56").await;
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("$24,691"));
}

#[wasm_bindgen_test]
async fn dutch_number_habits_are_read() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::Spend, "€ 1.234,56").await;
    assert_eq!(c.error(Field::Spend), None);
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("€ 24.691"));
    c.type_in(Field::Start, "1.000").await;
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("85,0 %"));
}

#[wasm_bindgen_test]
async fn switching_language_rewrites_words_and_numbers() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::Spend, "1.234,5").await;
    c.click("[data-locale=en]").await;
    assert_eq!(
        c.value(Field::Spend),
        "1234.5",
        "the number survives the switch"
    );
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("85.0%"));
    assert_eq!(c.text("label[for=rc-start]"), "Customers at the start (S)");
    assert_eq!(
        c.find(".rc-app").get_attribute("lang").as_deref(),
        Some("en")
    );
    assert!(
        c.figure(Figure::Clv).unwrap().starts_with('$'),
        "currency follows the language"
    );
    c.click("[data-locale=nl]").await;
    assert_eq!(c.value(Field::Spend), "1234,5");
    assert_eq!(c.text("label[for=rc-start]"), "Klanten aan het begin (S)");
}

#[wasm_bindgen_test]
async fn a_chosen_currency_is_kept() {
    let c = Calculator::mount(Locale::Nl).await;
    c.choose("rc-currency", "GBP").await;
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("£ 1.500"));
    c.click("[data-locale=en]").await;
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("£1,500"));
}

/// Each mistake gets its message next to its field, in the page's language, and the other
/// fields keep their values.
#[wasm_bindgen_test]
async fn mistakes_are_explained_next_to_their_field() {
    #[rustfmt::skip]
    let cases: &[(Field, &str, Field, &str, &str)] = &[
        (Field::Start, "0", Field::Start, "Met 0 klanten aan het begin", "With 0 customers at the start"),
        (Field::Start, "-5", Field::Start, "niet negatief", "cannot be negative"),
        (Field::Start, "veel", Field::Start, "geen getal", "not a number"),
        (Field::Start, "1000,5", Field::Start, "hele getallen", "whole numbers"),
        (Field::New, "1100", Field::New, "niet meer nieuwe klanten (N)", "cannot be more than customers at the end"),
        (Field::New, "10", Field::End, "E − N is meer dan S", "E − N is more than S"),
        (Field::Margin, "150", Field::Margin, "tussen 0 en 100%", "between 0 and 100%"),
        (Field::Start, "99999999999999", Field::Start, "meer dan 10.000.000.000", "more than 10,000,000,000"),
        (Field::Spend, "", Field::Spend, "Vul dit veld in", "Fill in this field"),
        (Field::Lifespan, "0", Field::Lifespan, "meer dan nul", "more than zero"),
    ];
    for (locale, pick) in [(Locale::Nl, 0), (Locale::En, 1)] {
        for &(field, typed, shown_at, nl, en) in cases {
            let c = Calculator::mount(locale).await;
            let others: Vec<String> = Field::ALL.iter().map(|f| c.value(*f)).collect();
            c.type_in(field, typed).await;
            let message = c
                .error(shown_at)
                .unwrap_or_else(|| panic!("no message at {shown_at} for {field}={typed:?}"));
            let expected = [nl, en][pick];
            assert!(
                message.contains(expected),
                "{locale:?} {field}={typed:?}: {message:?}"
            );
            for (f, before) in Field::ALL.iter().zip(&others) {
                if *f != field {
                    assert_eq!(&c.value(*f), before, "{f} kept its value");
                }
            }
            let input = c.input(shown_at);
            assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
            let described = input.get_attribute("aria-describedby").unwrap_or_default();
            assert!(described.contains(&format!("rc-{}-error", shown_at.name())));
        }
    }
}

#[wasm_bindgen_test]
async fn a_mistake_in_value_fields_keeps_retention_on_screen() {
    let c = Calculator::mount(Locale::En).await;
    c.type_in(Field::Spend, "abc").await;
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("85.0%"));
    assert_eq!(c.figure(Figure::Clv), None);
    let pending = c
        .try_find("[data-pending=value]")
        .expect("a note where the CLV was");
    assert_eq!(
        pending.text_content().as_deref(),
        Some("Customer lifetime value appears once the marked fields are correct.")
    );
}

#[wasm_bindgen_test]
async fn no_churn_asks_for_a_lifespan_instead_of_infinity() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::End, "1200").await; // E − N = 1000 = S: nobody left
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("100,0 %"));
    assert_eq!(c.figure(Figure::Lifespan), None);
    let message = c.error(Field::Lifespan).expect("asks for a lifespan");
    assert!(message.contains("geen enkele klant"), "{message}");
    c.type_in(Field::Lifespan, "4").await;
    assert_eq!(c.figure(Figure::Clv).as_deref(), Some("€ 900"));
}

#[wasm_bindgen_test]
async fn nothing_unreadable_ever_reaches_the_screen() {
    let c = Calculator::mount(Locale::En).await;
    let nasty = [
        "1e308",
        "99999999999",
        "-0",
        "0,0000001",
        "NaN",
        "Infinity",
        "1/0",
        "--1",
        "9".repeat(400).as_str(),
    ]
    .map(String::from);
    for field in Field::ALL {
        for text in &nasty {
            c.type_in(field, text).await;
            let shown = c.all_text();
            for bad in ["NaN", "Infinity", "inf", "undefined"] {
                let figures = c.root().query_selector_all(".rc-value").unwrap();
                for i in 0..figures.length() {
                    let t = figures.item(i).unwrap().text_content().unwrap_or_default();
                    assert!(!t.contains(bad), "{field}={text:?} shows {t:?}");
                    assert!(
                        !t.trim_start_matches(['$', '€']).starts_with('-'),
                        "{field}={text:?} shows {t:?}"
                    );
                }
            }
            assert!(!shown.is_empty());
        }
        c.click(".rc-actions button").await; // restore the example
    }
}

#[wasm_bindgen_test]
async fn restore_and_clear() {
    let c = Calculator::mount(Locale::En).await;
    c.type_in(Field::Start, "5").await;
    c.click(".rc-actions button:nth-child(2)").await;
    assert_eq!(c.value(Field::Start), "");
    assert_eq!(
        c.error(Field::Start).as_deref(),
        Some("Fill in this field.")
    );
    c.click(".rc-actions button:nth-child(1)").await;
    assert_eq!(c.value(Field::Start), "1000");
    assert_eq!(c.error(Field::Start), None);
}

#[wasm_bindgen_test]
async fn configured_inputs_and_currency() {
    let config = Config {
        locale: Locale::En,
        currency: Some(Currency::Eur),
        inputs: Inputs {
            start: Some(1000.0),
            end: Some(2000.0),
            new: Some(1500.0),
            ..Inputs::example()
        },
        ..Config::default()
    };
    let c = Calculator::mount_with(config).await;
    assert_eq!(c.figure(Figure::RetentionRate).as_deref(), Some("50.0%"));
    assert!(c.figure(Figure::Clv).unwrap().starts_with('€'));
}

#[wasm_bindgen_test]
async fn labels_are_tied_to_inputs_and_results_are_announced() {
    let c = Calculator::mount(Locale::Nl).await;
    for field in Field::ALL {
        let id = format!("rc-{}", field.name());
        assert!(
            c.try_find(&format!("label[for={id}]")).is_some(),
            "label for {id}"
        );
    }
    let status = c.find("[role=status]");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(support::plain(&status.text_content().unwrap()).contains("85,0 %"));
}
