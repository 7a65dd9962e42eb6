//! Charts, what-if, several periods and the new figures, in a real browser.
#![cfg(target_arch = "wasm32")]

mod support;

use retention_core::{Field, Figure, Locale};
use support::{plain, Calculator};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// The `data-value`s of the points of a line chart, or the bars of the waterfall.
fn values(c: &Calculator, selector: &str) -> Vec<f64> {
    let nodes = c.root().query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| {
            let el: web_sys::Element = nodes.item(i).unwrap().unchecked_into();
            el.get_attribute("data-value").unwrap().parse().unwrap()
        })
        .collect()
}

async fn input(c: &Calculator, selector: &str, value: &str) {
    let el = c.find(selector);
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        el.unchecked_ref::<HtmlInputElement>().set_value(value);
    }
    let init = InputEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_survival_chart_follows_the_customers_at_the_current_retention() {
    let c = Calculator::mount(Locale::Nl).await;
    let points = values(&c, "[data-chart=rc-survival] circle");
    assert_eq!(points.len(), 11, "ten years ahead, and now");
    assert_eq!(points[0], 1050.0, "starts from E, the customers now");
    assert!((points[1] - 892.5).abs() < 1e-3);
    assert!((points[10] - 1050.0 * 0.85f64.powi(10)).abs() < 1e-3);
    let svg = c.find("[data-chart=rc-survival] svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let desc = c.text("[data-chart=rc-survival] desc");
    assert!(
        desc.contains("1.050") && desc.contains("de helft"),
        "{desc}"
    );

    c.choose("rc-period", "month").await;
    c.type_in(Field::End, "950").await;
    c.type_in(Field::New, "0").await;
    let points = values(&c, "[data-chart=rc-survival] circle");
    assert_eq!(points.len(), 25, "two years of months");
    assert!((points[12] - 950.0 * 0.95f64.powi(12)).abs() < 1e-3);
}

#[wasm_bindgen_test]
async fn the_waterfall_goes_from_start_to_end() {
    let c = Calculator::mount(Locale::En).await;
    assert_eq!(
        values(&c, "[data-chart=waterfall] [data-bar]"),
        [1000.0, 150.0, 200.0, 1050.0]
    );
    c.type_in(Field::New, "1500").await;
    c.type_in(Field::End, "2000").await;
    assert_eq!(
        values(&c, "[data-chart=waterfall] [data-bar]"),
        [1000.0, 500.0, 1500.0, 2000.0]
    );
    let text = plain(&c.text("[data-chart=waterfall]"));
    assert!(text.contains(
        "You started with 1,000 customers, lost 500, won 1,500 new ones and ended with 2,000."
    ));
    c.type_in(Field::Start, "abc").await;
    assert!(
        c.try_find("[data-chart=waterfall]").is_none(),
        "no chart without valid counts"
    );
}

#[wasm_bindgen_test]
async fn what_if_shows_the_gain_of_more_retention() {
    let c = Calculator::mount(Locale::En).await;
    let row = |i: usize| plain(&c.text(&format!("[data-section=whatIf] tr[data-row=\"{i}\"]")));
    assert_eq!(row(0), "Retention per period85.0%90.0%");
    assert_eq!(row(2), "Expected customer lifespan6.67 years10 years");
    assert_eq!(row(3), "Customer lifetime value (CLV)$1,500$2,250");
    assert_eq!(
        row(4),
        "Revenue next year from your current customers$200,813$212,625"
    );
    let gain = plain(&c.text("[data-gain=whatIf]"));
    assert!(
        gain.contains("$11,813 more next year") && gain.contains("$750 more"),
        "{gain}"
    );
    assert_eq!(
        plain(&c.text("[data-gain=answer]")),
        gain,
        "the answer says it too"
    );
    input(&c, "#rc-what-if-points", "10").await;
    assert_eq!(row(0), "Retention per period85.0%95.0%");
    assert_eq!(row(2), "Expected customer lifespan6.67 years20 years");
    let answer = plain(&c.text("[data-gain=answer]"));
    assert!(
        answer.starts_with("With 10 more points"),
        "the answer follows the slider: {answer}"
    );
}

#[wasm_bindgen_test]
async fn what_if_at_full_retention_says_there_is_no_churn() {
    let c = Calculator::mount(Locale::Nl).await;
    c.type_in(Field::End, "1150").await; // 95 % retention; +10 points caps at 100 %
    input(&c, "#rc-what-if-points", "10").await;
    let row = plain(&c.text("[data-section=whatIf] tr[data-row=\"2\"]"));
    assert!(row.contains("geen churn: onbepaald"), "{row}");
}

#[wasm_bindgen_test]
async fn discounted_clv_clv_to_cac_and_payback() {
    let c = Calculator::mount(Locale::Nl).await;
    assert_eq!(c.figure(Figure::DiscountedClv).as_deref(), Some("€ 459"));
    let discounted = plain(&c.text("[data-figure=discountedClv]"));
    assert!(
        discounted.contains("geld dat later binnenkomt is nu minder waard"),
        "jargon in plain Dutch: {discounted}"
    );
    assert_eq!(c.figure(Figure::ClvCacRatio).as_deref(), Some("3,0 : 1"));
    assert_eq!(c.figure(Figure::Payback).as_deref(), Some("26,7 maanden"));
    let ratio = c.text("[data-figure=clvCacRatio]");
    assert!(ratio.contains("Gezond"), "{ratio}");
    assert!(plain(&ratio).contains("€ 900 / € 300,00"), "{ratio}");
    c.type_in(Field::Cac, "1000").await;
    assert_eq!(c.figure(Figure::ClvCacRatio).as_deref(), Some("0,9 : 1"));
    let ratio = c.text("[data-figure=clvCacRatio]");
    assert!(ratio.contains("Verlieslatend"), "{ratio}");
    let payback = plain(&c.text("[data-figure=payback]"));
    assert!(
        payback.contains("later dan de verwachte levensduur"),
        "{payback}"
    );
    c.type_in(Field::Cac, "0").await;
    assert!(c.error(Field::Cac).unwrap().contains("meer dan nul"));
    assert_eq!(c.figure(Figure::ClvCacRatio), None);
    c.type_in(Field::DiscountRate, "150").await;
    assert!(c
        .error(Field::DiscountRate)
        .unwrap()
        .contains("tussen 0 en 100%"));
    assert_eq!(c.figure(Figure::DiscountedClv), None);
    assert_eq!(
        c.figure(Figure::Clv).as_deref(),
        Some("€ 1.500"),
        "the simple CLV stays"
    );
}

#[wasm_bindgen_test]
async fn several_periods_from_a_pasted_table() {
    let c = Calculator::mount(Locale::Nl).await;
    let pasted = "maand;S;E;N\njan;1.000;1.050;200\nfeb;1.050;1.000;100\n\nmrt;1.000;veel;10\napr;1000;900\nmei;1.000;950;0\n";
    input(&c, "#rc-periods-input", pasted).await;
    let crr: Vec<String> = {
        let cells = c
            .root()
            .query_selector_all("[data-periods-table] td[data-crr]")
            .unwrap();
        (0..cells.length())
            .map(|i| plain(&cells.item(i).unwrap().text_content().unwrap()))
            .collect()
    };
    assert_eq!(crr, ["85,0 %", "85,7 %", "95,0 %"]);
    let errors = plain(&c.text("[data-row-errors]"));
    assert!(errors.contains("Regel 5: E: Dit is geen getal"), "{errors}");
    assert!(
        errors.contains("Regel 6: verwacht 4 kolommen (periode, S, E, N), gevonden: 3"),
        "{errors}"
    );
    let trend = values(&c, "[data-chart=rc-trend] .rc-series-1 circle");
    assert_eq!(trend.len(), 3);
    assert!((trend[1] - 900.0 * 100.0 / 1050.0).abs() < 1e-3);
    let churn = values(&c, "[data-chart=rc-trend] .rc-series-2 circle");
    assert!((churn[2] - 5.0).abs() < 1e-9);

    c.click("[data-locale=en]").await;
    let errors = plain(&c.text("[data-row-errors]"));
    assert!(
        errors.contains("Line 5: E: This is not a number"),
        "{errors}"
    );
}

#[wasm_bindgen_test]
async fn outputs_can_leave_the_sections_out() {
    use retention_app::config::Config;
    use retention_app::settings::Section;
    let minimal = Config {
        locale: Locale::En,
        outputs: Some(vec![Figure::RetentionRate]),
        ..Config::default()
    };
    let c = Calculator::mount_with(minimal).await;
    for section in ["charts", "whatIf", "periods"] {
        assert!(
            c.try_find(&format!("[data-section={section}]")).is_none(),
            "{section}"
        );
    }
    let charts_only = Config {
        locale: Locale::En,
        outputs: Some(vec![Figure::RetentionRate]),
        sections: vec![Section::Charts],
        ..Config::default()
    };
    let c = Calculator::mount_with(charts_only).await;
    assert!(c.try_find("[data-section=charts]").is_some());
    assert!(c.try_find("[data-section=whatIf]").is_none());
}

#[wasm_bindgen_test]
async fn an_embed_is_compact_and_opts_in_to_import_periods_and_sharing() {
    use retention_app::config::Config;
    use retention_app::settings::Section;
    let embed = Config {
        locale: Locale::Nl,
        embedded: true,
        locale_fixed: true,
        ..Config::default()
    };
    let c = Calculator::mount_with(embed.clone()).await;
    assert!(
        c.try_find(".rc-locale").is_none(),
        "the host chose the language"
    );
    assert!(
        c.try_find(".rc-intro").is_none(),
        "the host's article is the intro"
    );
    let details = c.find("details.rc-details");
    assert!(!details.has_attribute("open"), "details folded");
    assert!(c
        .find("details.rc-details > summary")
        .text_content()
        .unwrap()
        .contains("Meer details"));
    assert!(
        c.try_find("[data-details]").is_none(),
        "folded details are not drawn"
    );
    c.unfold().await;
    for (section, shown) in [
        ("figures", true),
        ("charts", true),
        ("whatIf", true),
        ("periods", false),
        ("import", false),
    ] {
        let found = c.try_find(&format!("[data-section={section}]")).is_some();
        assert_eq!(found, shown, "{section}");
    }
    assert!(c.try_find(".rc-share").is_none(), "sharing is opt-in");
    let opted_in = Config {
        outputs: Some(Figure::ALL.to_vec()),
        sections: vec![Section::Periods, Section::Share],
        ..embed
    };
    let c = Calculator::mount_with(opted_in).await;
    c.unfold().await;
    assert!(c.try_find("[data-section=periods]").is_some());
    assert!(c.try_find(".rc-share").is_some());
    assert!(c.try_find("[data-section=charts]").is_none());
    // The calculator's own page shows everything, open.
    let c = Calculator::mount(Locale::Nl).await;
    assert!(c.try_find("details.rc-details").is_none());
    assert!(c.try_find(".rc-share").is_some() && c.try_find(".rc-locale").is_some());
}
