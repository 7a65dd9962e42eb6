//! Every file the core writes is safe to open in a spreadsheet: customer ids that would run
//! as formulas are neutralised (OWASP "CSV Injection"), numbers stay plain numbers.

use retention_core::{
    forecast_orders, parse_orders, sniff_orders, win_back_csv, ForecastOptions, Locale,
    SummaryOptions,
};

/// Ids from the issue and OWASP's page, as a CSV field (quoted where they hold a comma or quote).
const HOSTILE: [(&str, &str); 6] = [
    (
        "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
    ),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("=1+1", "'=1+1"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("-42", "-42"),
];

/// Forty customers buying once to four times (so both models fit), the hostile ones first.
fn export() -> String {
    let mut text = String::from("customer,date,amount\n");
    for k in 0..40 {
        let id = HOSTILE
            .get(k)
            .map_or(format!("c{k}"), |(field, _)| field.to_string());
        let mut day = 1 + k * 3 % 60;
        for n in 0..1 + (k * 7 + 3) % 5 {
            let date = 19_723 + day; // days since 1970: 2024-01-01 + day
            let (y, m, d) = retention_core::Date::from_days(date as i32).ymd();
            text.push_str(&format!(
                "{id},{y}-{m:02}-{d:02},{}.25\n",
                10 + (k * 13 + n * 29) % 70
            ));
            day += 11 + (k * 17 + n * 31) % 90;
        }
    }
    text
}

/// The first field of every data row, as written.
fn ids(csv: &str, locale: Locale) -> Vec<String> {
    csv.split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| csv_fields(line, locale.pick(";", ",")).swap_remove(0))
        .collect()
}

/// Splits a line on `sep` outside quotes, keeping each field as written.
fn csv_fields(line: &str, sep: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if !quoted && sep.starts_with(c) {
            fields.push(String::new());
        } else {
            fields.last_mut().unwrap().push(c);
        }
    }
    fields
}

#[test]
fn win_back_and_forecast_files_neutralise_formulas() {
    let text = export();
    let log = parse_orders(&text, &sniff_orders(&text).mapping.unwrap(), |_, _| true).unwrap();
    assert_eq!(log.customer_count(), 40);
    let options = SummaryOptions {
        inactive_days: 1,
        ..SummaryOptions::default()
    };
    let forecaster = forecast_orders(&log, None, ForecastOptions::default()).unwrap();
    for locale in Locale::ALL {
        for csv in [
            win_back_csv(&log, &options, locale),
            forecaster.csv(&log, locale),
        ] {
            let ids = ids(&csv, locale);
            for (_, written) in HOSTILE {
                assert!(ids.iter().any(|id| id == written), "{written} in {ids:?}");
            }
            assert!(ids.iter().any(|id| id == "c39"));
            let cells: usize = csv
                .lines()
                .map(|l| csv_fields(l, locale.pick(";", ",")).len())
                .max()
                .unwrap();
            assert!(
                csv.lines()
                    .all(|l| csv_fields(l, locale.pick(";", ",")).len() == cells),
                "{csv}"
            );
        }
    }
}

#[test]
fn the_win_back_file_lists_everyone_whatever_the_page_lists() {
    let text = export();
    let log = parse_orders(&text, &sniff_orders(&text).mapping.unwrap(), |_, _| true).unwrap();
    let listed = SummaryOptions {
        inactive_days: 1,
        inactive_limit: Some(3),
        ..SummaryOptions::default()
    };
    let csv = win_back_csv(&log, &listed, Locale::En);
    let everyone = retention_core::summarise_orders(
        &log,
        &SummaryOptions {
            inactive_limit: None,
            ..listed
        },
    );
    assert!(everyone.inactive_count > 3);
    assert_eq!(csv.lines().count() - 1, everyone.inactive_count, "{csv}");
}
