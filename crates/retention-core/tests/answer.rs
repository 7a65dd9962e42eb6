//! The answer the page leads with: the verdict against the 85 % target, the weakest figure and
//! what to do about it, and money without false cents. Expected values are worked by hand.

use retention_core::{
    calculate, explain, focus, Advice, Currency, Figure, Inputs, Locale, Period, Quantity, Verdict,
};

fn inputs(start: f64, end: f64, new: f64, period: Period) -> Inputs {
    Inputs {
        start: Some(start),
        end: Some(end),
        new: Some(new),
        spend: Some(100.0),
        frequency: Some(1.0),
        margin: None,
        lifespan: None,
        discount_rate: None,
        cac: None,
        period,
    }
}

#[test]
fn exactly_the_target_is_on_it_not_above_it() {
    // 1000 at the start, 850 kept: 85.0 %.
    let r = calculate(&inputs(1000.0, 850.0, 0.0, Period::Year))
        .retention
        .unwrap();
    assert_eq!(r.verdict, Verdict::OnTarget);
    assert_eq!(r.verdict.label(Locale::Nl), "Op de 85%-norm");
    assert_eq!(r.verdict.label(Locale::En), "On the 85% target");
    // 852 of 1000 is 85.2 %: above. 849 is 84.9 %: just below.
    let above = calculate(&inputs(1000.0, 852.0, 0.0, Period::Year))
        .retention
        .unwrap();
    assert_eq!(above.verdict, Verdict::Above);
    assert_eq!(above.verdict.label(Locale::Nl), "Boven de 85%-norm");
    let near = calculate(&inputs(1000.0, 849.0, 0.0, Period::Year))
        .retention
        .unwrap();
    assert_eq!(near.verdict, Verdict::Near);
    // 84.96 % a year is shown as 85,0 %, so it reads as on target too.
    assert_eq!(Verdict::of(84.96), Verdict::OnTarget);
    assert!(Verdict::OnTarget.meets_target() && !Verdict::Near.meets_target());
}

#[test]
fn a_month_is_judged_by_its_year() {
    // 944 of 1000 kept in a month: 94.4 % a month, 0.944^12 a year.
    let r = calculate(&inputs(1000.0, 944.0, 0.0, Period::Month))
        .retention
        .unwrap();
    let yearly = 0.944_f64.powi(12) * 100.0; // 50.1 %, worked out apart from the core
    assert!((r.annual_retention_rate - yearly).abs() < 1e-9);
    assert!((yearly - 50.08).abs() < 0.01);
    assert_eq!(
        r.verdict,
        Verdict::Below,
        "a high monthly rate is a low yearly one"
    );
    let f = focus(&calculate(&inputs(1000.0, 944.0, 0.0, Period::Month))).unwrap();
    assert_eq!(f.figure, Figure::AnnualRetention);
    assert_eq!(
        f.advice,
        [Advice::Onboarding, Advice::Feedback, Advice::WinBack]
    );
}

#[test]
fn the_weakest_figure_is_furthest_below_its_target() {
    // 80 % a year is 80 / 85 = 0.94 of its target. Lifespan 1 / 20 % = 5 years, so CLV is
    // 100 × 1 × 5 = 500 and at a CAC of 250 CLV : CAC is 2 : 1, 0.67 of 3 : 1: weaker.
    let thin = Inputs {
        cac: Some(250.0),
        ..inputs(1000.0, 1000.0, 200.0, Period::Year)
    };
    let f = focus(&calculate(&thin)).unwrap();
    assert_eq!(f.figure, Figure::ClvCacRatio);
    assert_eq!(
        f.advice,
        [Advice::CheaperChannels, Advice::Upsell, Advice::Onboarding]
    );

    // 50 % a year (0.59 of 85 %) with lifespan 2 years: CLV 200, CAC 50 gives 4 : 1 (1.33):
    // retention is the weaker.
    let low = Inputs {
        cac: Some(50.0),
        ..inputs(1000.0, 1000.0, 500.0, Period::Year)
    };
    let f = focus(&calculate(&low)).unwrap();
    assert_eq!(f.figure, Figure::RetentionRate);
    assert_eq!(
        f.advice,
        [Advice::Onboarding, Advice::Feedback, Advice::WinBack]
    );

    // Without a CAC only retention is judged, even when it meets the target.
    let good = inputs(1000.0, 900.0, 0.0, Period::Year); // 90 %
    let f = focus(&calculate(&good)).unwrap();
    assert_eq!(f.figure, Figure::RetentionRate);
    assert_eq!(
        f.advice,
        [Advice::Loyalty, Advice::Referral, Advice::Upsell]
    );
}

#[test]
fn a_tie_goes_to_retention_and_without_retention_clv_is_the_lever() {
    // The example: 85 % a year and profit CLV 900 / CAC 300 = 3 : 1, both exactly on target.
    let f = focus(&calculate(&Inputs::example())).unwrap();
    assert_eq!(f.figure, Figure::RetentionRate);

    // S is missing, but an entered lifespan still gives CLV = 100 × 1 × 4 = 400.
    let no_counts = Inputs {
        start: None,
        lifespan: Some(4.0),
        ..inputs(0.0, 1000.0, 0.0, Period::Year)
    };
    let report = calculate(&no_counts);
    assert!(report.retention.is_none() && report.value.is_some());
    let f = focus(&report).unwrap();
    assert_eq!(f.figure, Figure::Clv);
    assert_eq!(
        f.advice,
        [Advice::Upsell, Advice::Frequency, Advice::Onboarding]
    );

    assert_eq!(focus(&calculate(&Inputs::default())), None);
}

#[test]
fn estimates_of_money_have_no_cents() {
    // CLV = 75 × 3 × (1 / 15 %) = 1500; profit CLV 900; discounted 135 × 0.85 / 0.25 = 459.
    let report = calculate(&Inputs::example());
    let shown = |figure: Figure, locale: Locale, currency: Currency| {
        let e = explain(&report)
            .into_iter()
            .find(|e| e.figure == figure)
            .unwrap();
        e.value.text(locale, currency)
    };
    assert_eq!(
        shown(Figure::Clv, Locale::Nl, Currency::Eur),
        "€\u{a0}1.500"
    );
    assert_eq!(shown(Figure::Clv, Locale::En, Currency::Usd), "$1,500");
    assert_eq!(
        shown(Figure::ProfitClv, Locale::Nl, Currency::Eur),
        "€\u{a0}900"
    );
    assert_eq!(
        shown(Figure::DiscountedClv, Locale::Nl, Currency::Eur),
        "€\u{a0}459"
    );
    // 562.50 is rounded half up to 563, as Intl.NumberFormat does.
    assert_eq!(
        Quantity::RoundMoney(562.5).text(Locale::Nl, Currency::Eur),
        "€\u{a0}563"
    );
    // What was typed keeps its cents: the spend in the CLV formula.
    let clv = explain(&report)
        .into_iter()
        .find(|e| e.figure == Figure::Clv)
        .unwrap();
    assert_eq!(
        clv.numbers(Locale::Nl, Currency::Eur),
        "€\u{a0}75,00 × 3 × 6,67\u{a0}jaar"
    );
    // A spreadsheet still gets the cents.
    assert_eq!(Quantity::RoundMoney(562.5).number(), (562.5, 2));
}
