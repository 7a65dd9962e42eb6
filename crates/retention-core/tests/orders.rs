//! Order exports: sniffing the layout, reading every row, and the figures per period.

mod common;

use common::{assert_within, date, log_of, plain_mapping};
use proptest::prelude::*;
use retention_core::{
    inactive_csv, parse_orders, sniff_orders, summarise_orders, BadRow, BadRowReason, ColumnKind,
    Date, DateFormat, Delimiter, ImportError, Locale, Mapping, OrderLog, Period, Preview, Purchase,
    Summary, SummaryOptions,
};

// ---- helpers ----------------------------------------------------------------------------

fn day(y: i32, m: u32, d: u32) -> i32 {
    Date::from_ymd(y, m, d).expect("a real date").days()
}

#[track_caller]
fn mapping_of(preview: &Preview) -> Mapping {
    preview
        .mapping
        .clone()
        .unwrap_or_else(|| panic!("no mapping suggested: {preview:#?}"))
}

/// Sniffs and reads `text` with the suggested mapping.
#[track_caller]
fn import(text: &str) -> OrderLog {
    let mapping = mapping_of(&sniff_orders(text));
    parse_orders(text, &mapping, |_, _| true).expect("the import runs")
}

fn options(period: Period, window_months: u32) -> SummaryOptions {
    SummaryOptions {
        period,
        window_months,
        ..SummaryOptions::default()
    }
}

/// Label, S, E, N per period.
fn sen(summary: &Summary) -> Vec<(String, u64, u64, u64)> {
    summary
        .periods
        .iter()
        .map(|p| (p.label.clone(), p.start, p.end, p.new))
        .collect()
}

/// CRR per period, rounded to two decimals.
fn crr(summary: &Summary) -> Vec<Option<f64>> {
    summary
        .periods
        .iter()
        .map(|p| {
            p.retention
                .map(|r| (r.retention_rate * 100.0).round() / 100.0)
        })
        .collect()
}

fn bad_lines(log: &OrderLog) -> Vec<(usize, BadRowReason)> {
    log.stats()
        .read
        .bad_rows
        .iter()
        .map(|BadRow { line, reason }| (*line, reason.clone()))
        .collect()
}

// ---- sniffing -----------------------------------------------------------------------------

#[test]
fn sniffs_an_english_shop_export() {
    let text = "order,customer,date,amount\n\
                1001,ann@example.com,2024-01-05,19.99\n\
                1002,bob@example.com,2024-01-06,5.00\n\
                1003,ann@example.com,2024-02-01,\"1,234.56\"\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Comma);
    assert!(preview.has_header);
    let kinds: Vec<ColumnKind> = preview.columns.iter().map(|c| c.kind).collect();
    use ColumnKind::*;
    // The order column groups rows into orders; "customer" holds e-mail addresses.
    assert_eq!(kinds, [Order, Email, Date, Total]);
    assert_eq!(preview.columns[1].name, "customer");
    let mapping = mapping_of(&preview);
    assert_eq!(
        (mapping.email, mapping.date, mapping.total, mapping.columns),
        (Some(1), 2, Some(3), 4)
    );
    assert_eq!(mapping.date_format, DateFormat::Iso);
    assert_eq!(mapping.locale, Locale::En);
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(preview.rows[2][3], "1,234.56");
    let log = parse_orders(text, &mapping, |_, _| true).unwrap();
    assert_eq!(log.customer(0).purchases[1].amount, 1234.56);
}

#[test]
fn sniffs_a_dutch_spreadsheet_export() {
    let text = "Klant;Besteldatum;Bedrag\n\
                k-17;31-01-2024;1.234,56\n\
                k-18;01-02-2024;12,50\n\
                k-17;15-03-2024;-3,00\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Semicolon);
    assert!(preview.has_header);
    let mapping = mapping_of(&preview);
    assert_eq!(
        (mapping.customer, mapping.date, mapping.amount),
        (Some(0), 1, Some(2))
    );
    assert_eq!(mapping.date_format, DateFormat::DayMonthYear);
    assert!(!preview.columns[1].date_ambiguous);
    assert_eq!(mapping.locale, Locale::Nl);
    let log = parse_orders(text, &mapping, |_, _| true).unwrap();
    let k17 = log.customer(0);
    assert_eq!(
        k17.purchases,
        [Purchase {
            day: day(2024, 1, 31),
            amount: 1234.56
        }]
    );
    assert_eq!(k17.refunded, -3.0);
}

#[test]
fn sniffs_tabs_without_a_header() {
    let text = "ann\t2024-01-05\t19.99\nbob\t2024-01-06\t5.00\nann\t2024-02-01\t7.50\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Tab);
    assert!(!preview.has_header);
    assert_eq!(preview.columns[0].name, "");
    let mapping = mapping_of(&preview);
    assert_eq!(
        (mapping.customer, mapping.date, mapping.amount),
        (Some(0), 1, Some(2))
    );
    assert_eq!(preview.rows[0], ["ann", "2024-01-05", "19.99"]);
    let log = parse_orders(text, &mapping, |_, _| true).unwrap();
    assert_eq!(log.stats().read.rows, 3);
    assert_eq!(log.stats().read.header_line, None);
}

#[test]
fn sniffs_whitespace_aligned_text() {
    let text = "customer   date         amount\n\
                ann        2024-01-05    19,99\n\
                bob        2024-01-06     5,00\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Whitespace);
    assert!(preview.has_header);
    let mapping = mapping_of(&preview);
    assert_eq!(mapping.locale, Locale::Nl);
    let log = parse_orders(text, &mapping, |_, _| true).unwrap();
    assert_eq!(log.customer(1).purchases[0].amount, 5.0);
    assert_eq!(log.customer(0).purchases[0].amount, 19.99);
}

#[test]
fn sniffs_each_date_format() {
    let cases = [
        ("2024-01-31", "2024-02-13", DateFormat::Iso),
        ("31-01-2024", "13-02-2024", DateFormat::DayMonthYear),
        ("31.01.2024", "13.02.2024", DateFormat::DayMonthYear),
        ("01/31/2024", "02/13/2024", DateFormat::MonthDayYear),
        ("20240131", "20240213", DateFormat::Compact),
        (
            "2024-01-31 09:15:00",
            "2024-02-13T23:59:59Z",
            DateFormat::Iso,
        ),
    ];
    for (first, second, format) in cases {
        let text = format!("customer,date,amount\nann,{first},10.00\nbob,{second},12.50\n");
        let preview = sniff_orders(&text);
        let mapping = mapping_of(&preview);
        assert_eq!(mapping.date_format, format, "{first}");
        assert!(!preview.columns[1].date_ambiguous, "{first}");
        let log = parse_orders(&text, &mapping, |_, _| true).unwrap();
        assert_eq!(
            log.span(),
            Some((day(2024, 1, 31), day(2024, 2, 13))),
            "{first}"
        );
    }
}

#[test]
fn an_ambiguous_date_follows_the_amount_habit_and_says_so() {
    // Every day is 12 or less: 03/04/2024 is 3 April or 4 March.
    let english = "customer,date,amount\nann,03/04/2024,10.50\nbob,05/06/2024,1.25\n";
    let preview = sniff_orders(english);
    assert_eq!(mapping_of(&preview).date_format, DateFormat::MonthDayYear);
    assert!(preview.columns[1].date_ambiguous);

    let dutch = "klant;datum;bedrag\nann;03/04/2024;10,50\nbob;05/06/2024;1,25\n";
    let preview = sniff_orders(dutch);
    assert_eq!(mapping_of(&preview).date_format, DateFormat::DayMonthYear);
    assert!(preview.columns[1].date_ambiguous);

    // Dashes are the Dutch habit even with English amounts.
    let dashes = "customer,date,amount\nann,03-04-2024,10.50\n";
    assert_eq!(
        mapping_of(&sniff_orders(dashes)).date_format,
        DateFormat::DayMonthYear
    );
}

#[test]
fn amount_habits() {
    // Dutch grouping and decimals.
    let nl = "klant;datum;bedrag\nann;2024-01-05;1.234,56\nbob;2024-01-06;1.000\n";
    let mapping = mapping_of(&sniff_orders(nl));
    assert_eq!(mapping.locale, Locale::Nl);
    let log = parse_orders(nl, &mapping, |_, _| true).unwrap();
    assert_eq!(log.customer(0).purchases[0].amount, 1234.56);
    assert_eq!(log.customer(1).purchases[0].amount, 1000.0);

    // English grouping, quoted because the file is comma separated.
    let en = "customer,date,amount\nann,2024-01-05,\"1,234.56\"\nbob,2024-01-06,\"1,000\"\n";
    let mapping = mapping_of(&sniff_orders(en));
    assert_eq!(mapping.locale, Locale::En);
    let log = parse_orders(en, &mapping, |_, _| true).unwrap();
    assert_eq!(log.customer(0).purchases[0].amount, 1234.56);
    assert_eq!(log.customer(1).purchases[0].amount, 1000.0);

    // A decimal comma in a comma file only survives quoted, and then it is Dutch.
    let quoted = "customer,date,amount\nann,2024-01-05,\"1,5\"\nbob,2024-01-06,\"12,50\"\n";
    let preview = sniff_orders(quoted);
    assert_eq!(preview.delimiter, Delimiter::Comma);
    let mapping = mapping_of(&preview);
    assert_eq!(mapping.locale, Locale::Nl);
    let log = parse_orders(quoted, &mapping, |_, _| true).unwrap();
    assert_eq!(log.customer(0).purchases[0].amount, 1.5);
    assert_eq!(log.customer(1).purchases[0].amount, 12.5);

    // Currency signs and spaces go through parse_number.
    let signs = "customer;date;amount\nann;2024-01-05;€ 1.234,50\nbob;2024-01-06;EUR 7\n";
    let log = import(signs);
    assert_eq!(log.customer(0).purchases[0].amount, 1234.5);
    assert_eq!(log.customer(1).purchases[0].amount, 7.0);
}

#[test]
fn an_unquoted_decimal_comma_in_a_comma_file_is_reported_not_misread() {
    let text = "customer,date,amount\nann,2024-01-05,12.00\nbob,2024-01-06,12,50\n";
    let log = parse_orders(text, &plain_mapping(), |_, _| true).unwrap();
    assert_eq!(
        bad_lines(&log),
        [(
            3,
            BadRowReason::Columns {
                found: 4,
                expected: 3
            }
        )]
    );
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_name() {
    let text = "\u{feff}customer,date,amount\nann,2024-01-05,1\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.columns[0].name, "customer");
    assert_eq!(preview.columns[0].kind, ColumnKind::Customer);
    let log = parse_orders(text, &mapping_of(&preview), |_, _| true).unwrap();
    assert_eq!(log.stats().read.header_line, Some(1));
    assert_eq!(log.customer(0).id, "ann");
}

#[test]
fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
    let text = "customer,date,amount\n\
                \"Jansen, Jan \"\"JJ\"\"\",2024-01-05,10\n\
                \"two\nlines\",2024-01-06,20\n\
                \"Jansen, Jan \"\"JJ\"\"\",2024-01-07,30\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Comma);
    assert_eq!(preview.rows[0][0], "Jansen, Jan \"JJ\"");
    let log = parse_orders(text, &mapping_of(&preview), |_, _| true).unwrap();
    assert_eq!(log.customer_count(), 2);
    assert_eq!(log.customer(0).id, "Jansen, Jan \"JJ\"");
    assert_eq!(log.customer(0).purchases.len(), 2);
    assert_eq!(log.customer(1).id, "two\nlines");
}

#[test]
fn empty_lines_and_crlf() {
    let text = "customer,date,amount\r\n\r\nann,2024-01-05,1\r\n ,, \r\n\r\nbob,2024-01-06,2\r\nbob,2024-13-06,2\r\n";
    let preview = sniff_orders(text);
    assert_eq!(preview.delimiter, Delimiter::Comma);
    assert!(preview.has_header);
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(preview.rows[1], ["bob", "2024-01-06", "2"]);
    let log = parse_orders(text, &plain_mapping(), |_, _| true).unwrap();
    assert_eq!(log.stats().read.rows, 3);
    assert_eq!(log.stats().orders, 2);
    assert_eq!(
        bad_lines(&log),
        [(
            7,
            BadRowReason::Date {
                text: "2024-13-06".into()
            }
        )]
    );
}

#[test]
fn one_typo_does_not_hide_a_column() {
    let mut text = String::from("customer,date,amount\n");
    for i in 0..40 {
        match i {
            5 => text.push_str("c5,2024-02-31,1.00\n"),
            _ => text.push_str(&format!("c{},2024-01-{:02},{i}.25\n", i % 7, i % 28 + 1)),
        }
    }
    // 1 miss in 40 values is within 1 in 20: the column is still a date column...
    let mapping = mapping_of(&sniff_orders(&text));
    assert_eq!(mapping.date_format, DateFormat::Iso);
    // ...and the row is reported, not dropped.
    let log = parse_orders(&text, &mapping, |_, _| true).unwrap();
    assert_eq!(
        bad_lines(&log),
        [(
            7,
            BadRowReason::Date {
                text: "2024-02-31".into()
            }
        )]
    );
    // Below 20 rows a single miss is allowed, two are not.
    let short: String = text.lines().take(10).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        mapping_of(&sniff_orders(&short)).date_format,
        DateFormat::Iso
    );
    let two = short.replace("2024-01-03", "2024-13-03");
    assert_eq!(sniff_orders(&two).mapping, None);
}

#[test]
fn a_text_without_orders_suggests_no_mapping() {
    assert_eq!(sniff_orders("").mapping, None);
    assert_eq!(sniff_orders("just some words\nand more\n").mapping, None);
    assert_eq!(sniff_orders("a,b\n1,2\n").mapping, None);
}

// ---- reading rows -------------------------------------------------------------------------

#[test]
fn bad_rows_are_reported_by_line() {
    let text = "customer,date,amount\n\
                ann,2024-01-05,10\n\
                bob,2024-13-01,10\n\
                \n\
                cat,2024-01-07,ten\n\
                dan,2024-01-08\n\
                \"eve\nx\",2024-01-09,5\n\
                ,2024-01-10,5\n\
                fay,2024-01-11,5,extra\n\
                gus,2024-01-12,\"7\n";
    let log = parse_orders(text, &plain_mapping(), |_, _| true).unwrap();
    // A row without a customer is a guest row: counted and listed, not a bad row.
    assert_eq!(log.stats().guest_lines, [9]);
    assert_eq!(
        bad_lines(&log),
        [
            (
                3,
                BadRowReason::Date {
                    text: "2024-13-01".into()
                }
            ),
            (5, BadRowReason::Amount { text: "ten".into() }),
            (
                6,
                BadRowReason::Columns {
                    found: 2,
                    expected: 3
                }
            ),
            (
                10,
                BadRowReason::Columns {
                    found: 4,
                    expected: 3
                }
            ),
            (11, BadRowReason::UnclosedQuote),
        ]
    );
    let stats = log.stats();
    assert_eq!(
        (
            stats.read.rows,
            stats.orders,
            stats.read.bad_row_count,
            stats.guest_rows
        ),
        (8, 2, 5, 1)
    );
    assert_eq!(log.customer(1).id, "eve\nx");
    assert_eq!(
        BadRowReason::Date {
            text: "2024-13-01".into()
        }
        .to_string(),
        "\"2024-13-01\" is not a date in that format"
    );
}

#[test]
fn only_the_first_hundred_bad_rows_are_kept_but_all_are_counted() {
    let mut text = String::from("customer,date,amount\n");
    for i in 0..250 {
        text.push_str(&format!("c{i},not a date,1\n"));
    }
    let log = parse_orders(&text, &plain_mapping(), |_, _| true).unwrap();
    assert_eq!(log.stats().read.bad_row_count, 250);
    assert_eq!(log.stats().read.bad_rows.len(), 100);
    assert_eq!(log.stats().read.bad_rows[99].line, 101);
    assert_eq!(log.customer_count(), 0);
}

#[test]
fn refunds_lower_spend_but_are_not_purchases() {
    let log = log_of(&[
        ("ann", "2024-01-05", 50.0),
        ("ann", "2024-01-09", -20.0),
        ("bob", "2024-01-06", -5.0),
        ("ann", "2024-01-07", 0.0),
    ]);
    let stats = log.stats();
    assert_eq!(
        (
            stats.read.rows,
            stats.orders,
            stats.refunds,
            stats.unmatched_refunds
        ),
        (4, 2, 2, 1)
    );
    assert_eq!(stats.refunded, -25.0);
    assert_eq!(log.customer_count(), 1);
    assert_eq!(log.customer(0).refunded, -20.0);
    let summary = summarise_orders(&log, &SummaryOptions::default());
    assert_eq!(summary.orders, 2);
    assert_eq!(summary.revenue, 50.0);
    assert_eq!(summary.refunded, -20.0);
    assert_eq!(summary.clv.unwrap().mean, 30.0);
    // Bob's refund-only row made no customer.
    assert_eq!(summary.customers, 1);
}

#[test]
fn purchases_are_grouped_by_customer_and_sorted_by_day() {
    let log = log_of(&[
        ("bob", "2024-03-01", 3.0),
        ("ann", "2024-02-01", 2.0),
        ("bob", "2024-01-01", 1.0),
        ("ann", "2024-02-01", 4.0),
    ]);
    let bob = log.customer(0);
    assert_eq!(bob.id, "bob");
    let days: Vec<(i32, f64)> = bob.purchases.iter().map(|p| (p.day, p.amount)).collect();
    assert_eq!(days, [(day(2024, 1, 1), 1.0), (day(2024, 3, 1), 3.0)]);
    // Without an order column, a customer's rows of one day are one purchase.
    let ann: Vec<f64> = log.customer(1).purchases.iter().map(|p| p.amount).collect();
    assert_eq!(ann, [6.0]);
    assert_eq!(log.customers().len(), 2);
    assert_eq!(log.purchase_count(), 3);
}

#[test]
fn a_day_out_of_order_finds_the_purchase_of_that_day_read_before() {
    // Each customer's days in order at first (each day the customer's latest, or a new one),
    // then Ann's 5 January again after her 7th, then more of everyone.
    let log = log_of(&[
        ("ann", "2024-01-05", 10.0),
        ("ann", "2024-01-05", 1.0),
        ("bob", "2024-01-06", 3.0),
        ("ann", "2024-01-07", 5.0),
        ("ann", "2024-01-05", 2.5),
        ("bob", "2024-01-06", 4.0),
        ("cat", "2024-01-01", 7.0),
        ("ann", "2024-01-07", 0.5),
        ("cat", "2024-01-01", 1.0),
        ("bob", "2024-01-02", 6.0),
    ]);
    let purchases = |i| -> Vec<(i32, f64)> {
        let c = log.customer(i);
        c.purchases.iter().map(|p| (p.day, p.amount)).collect()
    };
    assert_eq!(
        purchases(0),
        [(day(2024, 1, 5), 13.5), (day(2024, 1, 7), 5.5)]
    );
    assert_eq!(
        purchases(1),
        [(day(2024, 1, 2), 6.0), (day(2024, 1, 6), 7.0)]
    );
    assert_eq!(purchases(2), [(day(2024, 1, 1), 8.0)]);
    let stats = log.stats();
    assert_eq!((stats.orders, stats.order_rows), (5, 10));
}

#[test]
fn customer_ids_are_trimmed_and_case_sensitive() {
    let log = log_of(&[
        ("  K1 ", "2024-01-01", 1.0),
        ("K1", "2024-01-02", 1.0),
        ("k1", "2024-01-03", 1.0),
    ]);
    assert_eq!(log.customer_count(), 2);
    assert_eq!(log.customer(0).purchases.len(), 2);
}

#[test]
fn cancel_stops_the_import() {
    let mut text = String::from("customer,date,amount\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "customer-{},2024-01-{:02},{}.95\n",
            i % 700,
            i % 28 + 1,
            i % 90
        ));
    }
    assert!(text.len() > 3 * 64 * 1024);
    // Progress comes about every 64 KB and at the end.
    let mut seen = Vec::new();
    let log = parse_orders(&text, &plain_mapping(), |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(log.stats().read.rows, 10_000);
    // No order column: one purchase per customer per day, and customer-k always bought on
    // day k % 28 + 1.
    assert_eq!(log.stats().orders, 700);
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(seen
        .windows(2)
        .all(|w| w[0].0 < w[1].0 && w[1].0 - w[0].0 <= 64 * 1024 + 100));
    assert_eq!(seen.last(), Some(&(text.len(), text.len())));

    let mut calls = 0;
    let result = parse_orders(&text, &plain_mapping(), |_, _| {
        calls += 1;
        calls < 2
    });
    assert_eq!(result, Err(ImportError::Cancelled));
    assert_eq!(calls, 2);
    // Even a small text can be cancelled: the last report comes after the last row.
    let result = parse_orders("customer,date,amount\n", &plain_mapping(), |_, _| false);
    assert_eq!(result, Err(ImportError::Cancelled));
}

#[test]
fn a_mapping_must_name_three_existing_columns() {
    let text = "a,b,c\n";
    let bad = |m: Mapping| parse_orders(text, &m, |_, _| true).unwrap_err();
    let m = plain_mapping();
    assert_eq!(
        bad(Mapping {
            amount: Some(3),
            ..m.clone()
        }),
        ImportError::NoSuchColumn {
            column: 3,
            columns: 3
        }
    );
    assert_eq!(
        bad(Mapping {
            date: 0,
            ..m.clone()
        }),
        ImportError::SameColumn { column: 0 }
    );
    assert_eq!(
        ImportError::NoSuchColumn {
            column: 3,
            columns: 3
        }
        .to_string(),
        "column 4 does not exist: the rows have 3 columns"
    );
}

// ---- periods ------------------------------------------------------------------------------

/// Five customers over five months; amounts add up to 350 over 7 orders (AOV 50).
fn five_customers() -> OrderLog {
    log_of(&[
        ("ann", "2024-01-10", 10.0),
        ("bob", "2024-01-20", 20.0),
        ("cat", "2024-02-15", 40.0),
        ("ann", "2024-03-05", 30.0),
        ("dan", "2024-03-31", 90.0),
        ("cat", "2024-05-01", 60.0),
        ("eve", "2024-05-31", 100.0),
    ])
}

#[test]
fn months_with_a_two_month_window() {
    // Active at the end of a month = bought in that month or the one before.
    // Jan end: ann, bob                    S 0  E 2  N 2 (both first-time)  no CRR
    // Feb end: ann, bob, cat               S 2  E 3  N 1 (cat)              CRR (3-1)/2 = 100 %
    // Mar end: ann (Mar), cat (Feb), dan   S 3  E 3  N 1 (dan); bob lost    CRR (3-1)/3 = 66.67 %
    // Apr end: ann (Mar), dan (Mar)        S 3  E 2  N 0; cat lost          CRR 2/3 = 66.67 %
    // May end: cat (May), eve (May)        S 2  E 2  N 2: cat reactivated, eve first-time
    //                                      ann and dan lost                 CRR (2-2)/2 = 0 %
    let summary = summarise_orders(&five_customers(), &options(Period::Month, 2));
    let expected = [
        ("2024-01", 0, 2, 2),
        ("2024-02", 2, 3, 1),
        ("2024-03", 3, 3, 1),
        ("2024-04", 3, 2, 0),
        ("2024-05", 2, 2, 2),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|&(l, s, e, n)| (l.to_string(), s, e, n))
        .collect();
    assert_eq!(sen(&summary), expected);
    assert_eq!(
        crr(&summary),
        [None, Some(100.0), Some(66.67), Some(66.67), Some(0.0)]
    );
    let may = &summary.periods[4];
    assert_eq!((may.first_time, may.reactivated), (1, 1));
    assert_eq!((may.orders, may.revenue), (2, 160.0));
    assert_eq!(may.first_day, date("2024-05-01"));
    assert_eq!(may.last_day, date("2024-05-31"));
    // The reference day is the last order, 31 May: the end of May, so May is complete.
    assert!(may.complete);
    assert_eq!(summary.reference, Some(date("2024-05-31")));
    assert_eq!(summary.periods[0].first_time, 2);
    assert_eq!(may.retention.unwrap().lost, 2);
}

#[test]
fn overall_figures() {
    let summary = summarise_orders(&five_customers(), &SummaryOptions::default());
    assert_eq!((summary.customers, summary.orders), (5, 7));
    assert_eq!(summary.revenue, 350.0);
    // ann and cat bought twice: 2 of 5.
    assert_eq!(summary.repeat_customers, 2);
    assert_eq!(summary.repeat_purchase_rate, Some(40.0));
    assert_eq!(summary.average_order_value, Some(50.0));
    // 7 orders / 5 customers over 10 January – 31 May: 143 days.
    assert_within(
        summary.purchase_frequency.unwrap(),
        1.4 * 365.2425 / 143.0,
        1e-9,
    );
    // Spend per customer: ann 40, bob 20, cat 100, dan 90, eve 100 → 20 40 90 100 100.
    let clv = summary.clv.unwrap();
    assert_eq!(
        (clv.min, clv.p25, clv.median, clv.p75, clv.p90, clv.max, clv.mean),
        (20.0, 40.0, 90.0, 100.0, 100.0, 100.0, 70.0)
    );
    assert_eq!(summary.first_order, Some(date("2024-01-10")));
    assert_eq!(summary.last_order, Some(date("2024-05-31")));
}

#[test]
fn the_default_window_of_a_year_loses_nobody_in_five_months() {
    let summary = summarise_orders(&five_customers(), &SummaryOptions::default());
    let ends: Vec<u64> = summary.periods.iter().map(|p| p.end).collect();
    assert_eq!(ends, [2, 3, 4, 4, 5]);
    assert_eq!(crr(&summary)[1..], [Some(100.0); 4]);
}

#[test]
fn quarters_with_an_unfinished_last_quarter() {
    // Window 3 months.
    // Q1 end (31 Mar): bought January–March: ann, bob, cat, dan    S 0  E 4  N 4
    // Q2 is not over on 31 May: counted there, over March–May:
    //   ann (5 Mar), dan (31 Mar), cat (1 May), eve (31 May)         S 4  E 4  N 1 (eve)
    //   bob lost                                                      CRR (4-1)/4 = 75 %
    let summary = summarise_orders(&five_customers(), &options(Period::Quarter, 3));
    let expected = vec![
        ("2024-Q1".to_string(), 0, 4, 4),
        ("2024-Q2".to_string(), 4, 4, 1),
    ];
    assert_eq!(sen(&summary), expected);
    assert_eq!(crr(&summary), [None, Some(75.0)]);
    assert!(summary.periods[0].complete);
    assert!(!summary.periods[1].complete);
    assert_eq!(summary.periods[1].last_day, date("2024-06-30"));
    // No complete period with customers at its start: nothing to fill S, E, N with.
    assert_eq!(summary.fill.start, None);
    assert_eq!(summary.fill_period, None);
    assert_eq!(summary.fill.spend, Some(50.0));
}

#[test]
fn a_purchase_on_the_first_day_of_the_window_counts() {
    // At the end of March 2024 a 12-month window starts on 1 April 2023.
    let log = log_of(&[("x", "2023-04-01", 1.0), ("y", "2023-03-31", 1.0)]);
    let at = |reference: &str| {
        let options = SummaryOptions {
            reference: Some(date(reference)),
            ..SummaryOptions::default()
        };
        let summary = summarise_orders(&log, &options);
        summary
            .periods
            .iter()
            .map(|p| (p.label.clone(), p.end))
            .collect::<Vec<_>>()
    };
    let months = at("2024-04-30");
    assert_eq!(months.len(), 14);
    let end_of = |label: &str| months.iter().find(|m| m.0 == label).unwrap().1;
    assert_eq!(end_of("2024-02"), 2); // y: 31 March 2023 is within March 2023 – February 2024
    assert_eq!(end_of("2024-03"), 1); // x: on the boundary, in; y: a day before it, out
    assert_eq!(end_of("2024-04"), 0);
    // On 30 March 2024 (March unfinished) the window starts on 31 March 2023: y is in.
    assert_eq!(at("2024-03-30").last(), Some(&("2024-03".to_string(), 2)));
    assert_eq!(at("2024-03-31").last(), Some(&("2024-03".to_string(), 1)));
}

#[test]
fn a_window_shorter_than_a_period() {
    // Quarters with a one-month window: only March purchases count at the end of Q1.
    let log = log_of(&[
        ("jan", "2024-01-15", 1.0),
        ("mar", "2024-03-15", 1.0),
        ("jan", "2024-06-30", 1.0),
    ]);
    let summary = summarise_orders(&log, &options(Period::Quarter, 1));
    assert_eq!(
        sen(&summary),
        [
            ("2024-Q1".to_string(), 0, 1, 1),
            ("2024-Q2".to_string(), 1, 1, 1)
        ]
    );
    // "jan" is new at the end of Q2 but first bought in Q1: reactivated, not first-time.
    let q2 = &summary.periods[1];
    assert_eq!((q2.first_time, q2.reactivated), (0, 1));
}

#[test]
fn purchases_after_the_reference_day_are_left_out() {
    let options = SummaryOptions {
        reference: Some(date("2024-03-31")),
        ..SummaryOptions::default()
    };
    let summary = summarise_orders(&five_customers(), &options);
    assert_eq!((summary.customers, summary.orders), (4, 5));
    assert_eq!(summary.periods.len(), 3);
    assert_eq!(summary.last_order, Some(date("2024-03-31")));
}

#[test]
fn an_empty_log_has_no_figures() {
    let log = log_of(&[]);
    let summary = summarise_orders(&log, &SummaryOptions::default());
    assert_eq!(summary.customers, 0);
    assert!(summary.periods.is_empty() && summary.cohorts.is_empty());
    assert_eq!(summary.average_order_value, None);
    assert_eq!(summary.reference, None);
}

// ---- cohorts, inactive customers, fill ----------------------------------------------------

#[test]
fn cohorts_by_first_purchase_month() {
    // January: ann, bob (2); ann bought again in March (month 2).
    // February: cat (1); again in May (month 3). March: dan. May: eve. April: nobody.
    let summary = summarise_orders(&five_customers(), &SummaryOptions::default());
    let rows: Vec<(String, u64, Vec<u64>)> = summary
        .cohorts
        .iter()
        .map(|c| (c.label.clone(), c.size, c.active.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("2024-01".to_string(), 2, vec![2, 0, 1, 0, 0]),
            ("2024-02".to_string(), 1, vec![1, 0, 0, 1]),
            ("2024-03".to_string(), 1, vec![1, 0, 0]),
            ("2024-05".to_string(), 1, vec![1]),
        ]
    );
    assert_eq!(summary.cohorts[0].shares, [100.0, 0.0, 50.0, 0.0, 0.0]);
    assert_eq!(summary.cohorts[1].first_day, date("2024-02-01"));
}

#[test]
fn two_purchases_in_one_month_count_once_in_a_cohort() {
    let log = log_of(&[
        ("ann", "2024-01-01", 1.0),
        ("ann", "2024-01-30", 1.0),
        ("ann", "2024-02-01", 1.0),
        ("ann", "2024-02-20", 1.0),
    ]);
    let summary = summarise_orders(&log, &SummaryOptions::default());
    assert_eq!(summary.cohorts[0].active, [1, 1]);
}

#[test]
fn inactive_customers_from_the_threshold_on() {
    // On 31 May: cat 30 days quiet, dan 61, ann 87, bob 132, eve 0.
    let summary = summarise_orders(&five_customers(), &SummaryOptions::default());
    let inactive: Vec<(&str, u32, u32, f64)> = summary
        .inactive
        .iter()
        .map(|c| (c.id.as_str(), c.days_inactive, c.orders, c.spend))
        .collect();
    assert_eq!(
        inactive,
        [
            ("cat", 30, 2, 100.0),
            ("dan", 61, 1, 90.0),
            ("ann", 87, 2, 40.0),
            ("bob", 132, 1, 20.0),
        ]
    );
    assert_eq!(summary.inactive[0].last_order, date("2024-05-01"));
    let stricter = SummaryOptions {
        inactive_days: 31,
        ..SummaryOptions::default()
    };
    let ids: Vec<String> = summarise_orders(&five_customers(), &stricter)
        .inactive
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, ["dan", "ann", "bob"]);
}

#[test]
fn fill_comes_from_the_last_complete_period() {
    // Two-month window: May is complete (the reference day is 31 May): S 2, E 2, N 2.
    let summary = summarise_orders(&five_customers(), &options(Period::Month, 2));
    let fill = summary.fill;
    assert_eq!(
        (fill.start, fill.end, fill.new),
        (Some(2.0), Some(2.0), Some(2.0))
    );
    assert_eq!(fill.spend, Some(50.0));
    assert_within(fill.frequency.unwrap(), 1.4 * 365.2425 / 143.0, 1e-9);
    assert_eq!(fill.period, Period::Month);
    assert_eq!(summary.fill_period.as_deref(), Some("2024-05"));
    // On 30 May, May is unfinished: April fills in (S 3, E 2, N 0).
    let options = SummaryOptions {
        reference: Some(date("2024-05-30")),
        ..options(Period::Month, 2)
    };
    let summary = summarise_orders(&five_customers(), &options);
    assert_eq!(summary.fill_period.as_deref(), Some("2024-04"));
    let fill = summary.fill;
    assert_eq!(
        (fill.start, fill.end, fill.new),
        (Some(3.0), Some(2.0), Some(0.0))
    );
    let report = retention_core::calculate(&fill);
    assert_eq!(report.retention.unwrap().lost, 1);
}

#[test]
fn fill_waits_for_a_full_window() {
    // Five months of orders and the default 12-month window: no month's window is full (the
    // one ending 30 April starts 1 May 2023, before the first purchase), so every CRR reads
    // near 100 % and none fills the calculator's S, E and N; spend and frequency still do.
    let summary = summarise_orders(&five_customers(), &options(Period::Month, 12));
    assert!(summary.periods.iter().all(|p| !p.window_full));
    assert_eq!(summary.fill_period, None);
    let fill = summary.fill;
    assert_eq!((fill.start, fill.end, fill.new), (None, None, None));
    assert_eq!(fill.spend, Some(50.0), "350 / 7 orders");
    // A 3-month window is full from April: the one ending 31 March starts 1 January, the
    // month of the first purchase. On 30 May, May is unfinished and April fills:
    // active on 31 March (bought 1 Jan – 31 Mar): ann, bob, cat, dan   S 4
    // active on 30 April (bought 1 Feb – 30 Apr): cat, ann, dan         E 3, N 0
    // bob lost: CRR 3 / 4 = 75 %.
    let options = SummaryOptions {
        reference: Some(date("2024-05-30")),
        ..options(Period::Month, 3)
    };
    let summary = summarise_orders(&five_customers(), &options);
    let full: Vec<_> = summary.periods.iter().map(|p| p.window_full).collect();
    assert_eq!(full, [false, false, false, true, true], "January to May");
    assert_eq!(summary.fill_period.as_deref(), Some("2024-04"));
    let fill = summary.fill;
    assert_eq!(
        (fill.start, fill.end, fill.new),
        (Some(4.0), Some(3.0), Some(0.0))
    );
    let report = retention_core::calculate(&fill);
    assert_eq!(report.retention.unwrap().retention_rate, 75.0);
    // The longest window that still fills is April's: January to March, 3 months, named
    // under the 12-month window that gave none; one month more and April's window starts
    // 1 December 2023, before the first purchase.
    let at = |window| {
        summarise_orders(
            &five_customers(),
            &SummaryOptions {
                window_months: window,
                ..options
            },
        )
    };
    assert_eq!(at(12).longest_full_window, Some(3));
    assert_eq!(at(12).fill_period, None);
    assert_eq!(at(4).fill_period, None);
    assert_eq!(at(3).fill_period.as_deref(), Some("2024-04"));
    // With May complete (reference 31 May), May's window may reach back to January: 4.
    let may = SummaryOptions {
        reference: Some(date("2024-05-31")),
        ..options
    };
    let summary = summarise_orders(&five_customers(), &may);
    assert_eq!(summary.longest_full_window, Some(4));
}

#[test]
fn inactive_customers_as_csv() {
    let log = log_of(&[
        ("\"ann, the first\"", "2024-01-10", 1234.5),
        ("bob", "2024-02-20", 20.0),
        ("cat", "2024-03-31", 5.0),
    ]);
    let summary = summarise_orders(&log, &SummaryOptions::default());
    // Recency: of three customers, Bob has one below him (R 1 + ⌊5/3⌋ = 2), Ann none (R 1);
    // all bought on one day (F 1): Bob is hibernating (R 2 F 1), Ann lost (R 1 F 1).
    assert_eq!(
        inactive_csv(&summary.inactive, Locale::En),
        "customer,last_order,days_inactive,orders,spend,segment\r\n\
         bob,2024-02-20,40,1,20.00,Hibernating\r\n\
         \"ann, the first\",2024-01-10,81,1,1234.50,Lost\r\n"
    );
    assert_eq!(
        inactive_csv(&summary.inactive, Locale::Nl),
        "customer;last_order;days_inactive;orders;spend;segment\r\n\
         bob;2024-02-20;40;1;20,00;Slapend\r\n\
         ann, the first;2024-01-10;81;1;1234,50;Verloren\r\n"
    );
    // The export reads back as an export.
    let csv = inactive_csv(&summary.inactive, Locale::En);
    let back = import(&csv);
    assert_eq!(back.customer(1).id, "ann, the first");
}

// ---- properties ---------------------------------------------------------------------------

/// Text that looks a little like an export, and text that does not at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[a-c0-9,;\t \"\r\n./€-]{0,300}",
        any::<String>(),
    ]
}

fn any_mapping() -> impl Strategy<Value = Mapping> {
    (
        prop::sample::select(Delimiter::ALL.to_vec()),
        any::<bool>(),
        1usize..6,
        (0usize..6, 0usize..6, 0usize..6),
        prop::sample::select(DateFormat::ALL.to_vec()),
        prop::sample::select(Locale::ALL.to_vec()),
    )
        .prop_map(
            |(delimiter, has_header, columns, (customer, date, amount), date_format, locale)| {
                Mapping {
                    customer: Some(customer),
                    date,
                    amount: Some(amount),
                    date_format,
                    locale,
                    ..Mapping::new(delimiter, has_header, columns)
                }
            },
        )
}

/// The first day of the window that ends at `end`: `window` months back, plus a day.
fn window_start(end: i32, window: u32) -> i32 {
    let (y, m, d) = Date::from_days(end + 1).ymd();
    let months = y * 12 + m as i32 - 1 - window as i32;
    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let last = (28..=31)
        .rev()
        .find(|&d| Date::from_ymd(y, m, d).is_some())
        .unwrap();
    day(y, m, d.min(last))
}

proptest! {
    #[test]
    fn reading_never_panics(text in any_text(), mapping in any_mapping()) {
        let preview = sniff_orders(&text);
        prop_assert!(preview.rows.len() <= 10);
        for mapping in preview.mapping.into_iter().chain([mapping]) {
            if let Ok(log) = parse_orders(&text, &mapping, |_, _| true) {
                let s = log.stats();
                prop_assert_eq!(
                    s.read.rows,
                    s.read.bad_row_count + s.guest_rows + s.left_out_rows + s.order_rows
                );
                summarise_orders(&log, &SummaryOptions::default());
            }
        }
    }

    #[test]
    fn every_period_keeps_the_rules(
        rows in prop::collection::vec((0u8..12, 0i32..900, -20i32..200), 1..60),
        period in prop::sample::select(vec![Period::Month, Period::Quarter, Period::Year]),
        window in 0u32..26,
        reference_shift in -100i32..200,
    ) {
        let start = day(2023, 1, 1);
        let mut text = String::from("customer,date,amount\n");
        for (c, offset, amount) in &rows {
            let date = Date::from_days(start + offset);
            text.push_str(&format!("c{c},{date},{amount}\n"));
        }
        let log = parse_orders(&text, &plain_mapping(), |_, _| true).unwrap();
        prop_assert_eq!(log.stats().read.rows, rows.len());
        prop_assert_eq!(log.stats().read.bad_row_count, 0);
        let Some((_, last)) = log.span() else { return Ok(()) };
        let options = SummaryOptions {
            period,
            window_months: window,
            inactive_days: 30,
            reference: Some(Date::from_days(last + reference_shift)),
            inactive_limit: None,
        };
        let summary = summarise_orders(&log, &options);
        let reference = summary.reference.unwrap().days();
        let mut previous_end = 0;
        for p in &summary.periods {
            prop_assert!(p.end - p.new <= p.start, "{:?}", p);
            prop_assert_eq!(p.start, previous_end);
            prop_assert_eq!(p.new, p.first_time + p.reactivated);
            previous_end = p.end;
            if let Some(r) = p.retention {
                prop_assert!((0.0..=100.0).contains(&r.retention_rate), "{:?}", r);
            } else {
                prop_assert_eq!(p.start, 0);
            }
            // E by the definition: bought in the window up to the period's end.
            let end = p.last_day.days().min(reference);
            let from = window_start(end, window.max(1));
            let active = log
                .customers()
                .filter(|c| c.purchases.iter().any(|x| x.day >= from && x.day <= end))
                .count() as u64;
            prop_assert_eq!(p.end, active, "{} window {} reference {}", p.label, window, reference);
        }
        let counted: u64 = summary.cohorts.iter().map(|c| c.size).sum();
        prop_assert_eq!(counted, summary.customers);
        let net: f64 = summary.revenue + summary.refunded;
        let clv = summary.clv.map_or(0.0, |c| c.mean * summary.customers as f64);
        prop_assert!((net - clv).abs() < 1e-6 * (1.0 + net.abs()));
    }
}

#[test]
fn one_typo_in_a_small_export_does_not_hide_its_column() {
    let text = "klant;datum;bedrag\na;10-01-2024;20,00\nb;20-01-2024;30,00\nd;01-02-2024;10,00\nx;31-02-2024;5,00\na;10-04-2024;20,00\nc;05-05-2024;40,00\n";
    let mapping = retention_core::sniff_orders(text)
        .mapping
        .expect("a mapping despite the bad date");
    assert_eq!(
        (mapping.date, mapping.locale),
        (1, retention_core::Locale::Nl)
    );
    let log = retention_core::parse_orders(text, &mapping, |_, _| true).unwrap();
    assert_eq!(log.stats().read.bad_rows[0].line, 5);
    // Two values of four are too many to call it a date column.
    let text = "k;d;b\na;10-01-2024;1\nb;x;2\nc;y;3\nd;01-02-2024;4\n";
    assert!(retention_core::sniff_orders(text).columns[1]
        .date_format
        .is_none());
}

#[test]
fn the_inactive_list_can_be_cut_short_but_is_always_counted() {
    let mut text = String::from("customer,date,amount\n");
    for k in 0..50 {
        text.push_str(&format!("c{k},2024-01-{:02},{}.00\n", k % 28 + 1, 10 + k));
    }
    text.push_str("late,2024-06-30,1.00\n");
    let log = parse_orders(&text, &mapping_of(&sniff_orders(&text)), |_, _| true).unwrap();
    let all = summarise_orders(&log, &SummaryOptions::default());
    let cut = summarise_orders(
        &log,
        &SummaryOptions {
            inactive_limit: Some(5),
            ..SummaryOptions::default()
        },
    );
    assert_eq!((all.inactive_count, all.inactive.len()), (50, 50));
    assert_eq!((cut.inactive_count, cut.inactive.len()), (50, 5));
    assert_eq!(cut.inactive[..], all.inactive[..5]);
}
