//! Numbers as the page writes them, in Dutch and in English.

use retention_core::{
    format_count, format_decimal, format_input, format_money, format_percent, Currency, Locale,
    NBSP,
};

#[track_caller]
fn writes(actual: String, expected: &str) {
    assert_eq!(
        actual,
        expected,
        "{:?}",
        actual.escape_unicode().to_string()
    );
}

fn nl_money(value: f64) -> String {
    format_money(value, Currency::Eur, Locale::Nl)
}

fn en_money(value: f64) -> String {
    format_money(value, Currency::Usd, Locale::En)
}

#[test]
fn the_no_break_space_is_u00a0() {
    assert_eq!(NBSP, '\u{a0}');
}

#[test]
fn dutch_money_has_a_no_break_space_after_the_sign() {
    writes(nl_money(1234.56), "€\u{a0}1.234,56");
    writes(nl_money(562.5), "€\u{a0}562,50");
    writes(nl_money(0.0), "€\u{a0}0,00");
    writes(nl_money(1e9), "€\u{a0}1.000.000.000,00");
    writes(nl_money(-1234.56), "€\u{a0}-1.234,56");
    writes(
        format_money(1234.56, Currency::Usd, Locale::Nl),
        "US$\u{a0}1.234,56",
    );
    writes(format_money(7.0, Currency::Gbp, Locale::Nl), "£\u{a0}7,00");
}

#[test]
fn english_money_has_the_sign_before_the_number_and_the_minus_before_the_sign() {
    writes(en_money(1234.56), "$1,234.56");
    writes(en_money(337.5), "$337.50");
    writes(en_money(-5.0), "-$5.00");
    writes(en_money(-1234.5), "-$1,234.50");
    writes(format_money(1500.0, Currency::Eur, Locale::En), "€1,500.00");
    writes(format_money(-0.5, Currency::Gbp, Locale::En), "-£0.50");
}

#[test]
fn dutch_percentages_have_a_no_break_space_before_the_sign() {
    writes(format_percent(85.0, 1, Locale::Nl), "85,0\u{a0}%");
    writes(format_percent(45.963_991, 2, Locale::Nl), "45,96\u{a0}%");
    writes(format_percent(100.0, 0, Locale::Nl), "100\u{a0}%");
}

#[test]
fn english_percentages_stick_to_the_number() {
    writes(format_percent(85.0, 1, Locale::En), "85.0%");
    writes(format_percent(45.963_991, 1, Locale::En), "46.0%");
    writes(format_percent(54.036_008, 2, Locale::En), "54.04%");
    writes(format_percent(1234.5, 1, Locale::En), "1,234.5%");
}

#[test]
fn counts_group_thousands() {
    writes(format_count(0, Locale::Nl), "0");
    writes(format_count(850, Locale::Nl), "850");
    writes(format_count(1050, Locale::Nl), "1.050");
    writes(format_count(1050, Locale::En), "1,050");
    writes(format_count(10_000_000_000, Locale::Nl), "10.000.000.000");
    writes(format_count(123_456, Locale::En), "123,456");
}

#[test]
fn decimals_between_the_minimum_and_the_maximum() {
    writes(format_decimal(1234.5, 0, 2, Locale::Nl), "1.234,5");
    writes(format_decimal(1234.0, 0, 2, Locale::Nl), "1.234");
    writes(format_decimal(1234.5, 2, 2, Locale::En), "1,234.50");
    writes(
        format_decimal(6.666_666_666_666_667, 0, 2, Locale::Nl),
        "6,67",
    );
    writes(format_decimal(2.5, 1, 3, Locale::En), "2.5");
    writes(format_decimal(2.0, 1, 3, Locale::En), "2.0");
    writes(format_decimal(0.000_4, 0, 3, Locale::En), "0");
    writes(format_decimal(1e-7, 0, 6, Locale::En), "0");
    writes(
        format_decimal(1e21, 0, 0, Locale::En),
        "1,000,000,000,000,000,000,000",
    );
}

#[test]
fn rounds_half_away_from_zero_on_the_shortest_decimal_form() {
    // 1.005 is stored as 1.00499999999999989…, but people typed and see 1.005.
    writes(format_decimal(1.005, 0, 2, Locale::Nl), "1,01");
    writes(format_decimal(2.675, 2, 2, Locale::En), "2.68");
    writes(format_decimal(9.995, 2, 2, Locale::En), "10.00");
    writes(format_decimal(0.125, 2, 2, Locale::En), "0.13");
    writes(format_decimal(999.995, 2, 2, Locale::Nl), "1.000,00");
    writes(format_decimal(999_999.5, 0, 0, Locale::En), "1,000,000");
    writes(format_decimal(84.95, 1, 1, Locale::En), "85.0");
    writes(format_decimal(1.004_999, 2, 2, Locale::En), "1.00");
    // Away from zero, so negatives mirror positives.
    writes(format_decimal(-1.005, 0, 2, Locale::Nl), "-1,01");
    writes(format_decimal(-2.675, 2, 2, Locale::En), "-2.68");
    writes(en_money(-9.995), "-$10.00");
    writes(nl_money(1.005), "€\u{a0}1,01");
}

#[test]
fn never_writes_minus_zero() {
    writes(format_decimal(-0.0, 2, 2, Locale::En), "0.00");
    writes(format_decimal(-0.004, 2, 2, Locale::En), "0.00");
    writes(format_decimal(-0.000_1, 0, 2, Locale::Nl), "0");
    writes(format_percent(-0.04, 1, Locale::Nl), "0,0\u{a0}%");
    writes(en_money(-0.001), "$0.00");
    writes(nl_money(-0.0), "€\u{a0}0,00");
    writes(format_input(-0.000_000_1, Locale::En), "0");
    // Rounding up to a cent is not zero.
    writes(format_decimal(-0.005, 2, 2, Locale::En), "-0.01");
}

#[test]
fn what_is_not_a_number_is_written_as_a_dash() {
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        writes(format_decimal(value, 0, 2, Locale::Nl), "–");
    }
}

#[test]
fn input_fields_get_ungrouped_numbers_the_parser_reads_back() {
    writes(format_input(1234.5, Locale::Nl), "1234,5");
    writes(format_input(1234.5, Locale::En), "1234.5");
    writes(format_input(1_000_000.0, Locale::Nl), "1000000");
    writes(format_input(1e10, Locale::En), "10000000000");
    writes(format_input(0.1 + 0.2, Locale::En), "0.3");
    writes(format_input(2.5, Locale::Nl), "2,5");
    writes(format_input(1.234_567_89, Locale::Nl), "1,234568");
    writes(format_input(-75.0, Locale::En), "-75");
}
