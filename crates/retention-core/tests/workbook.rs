//! Excel workbooks (feature `xlsx`), written by a real spreadsheet writer (rust_xlsxwriter)
//! in the test: typed numbers and date cells, a second sheet chosen by name.
#![cfg(feature = "xlsx")]

mod generators;

use generators::{dutch, Rng};
use retention_core::{
    parse_members, sheet_names, sheet_text, sniff_members, sniff_workbook, summarise_orders, Date,
    DateFormat, ExportFormat, OrderReader, Seed, SniffError, SummaryOptions,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// An order expected: number, customer, day, amount.
type Expected = (u32, String, i32, f64);

/// A workbook with a notes sheet first and an orders sheet of line items: typed quantities,
/// prices and dates, and the expected purchases (order, customer, day, amount).
fn workbook() -> (Vec<u8>, Vec<Expected>) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").unwrap();
    notes.write_string(0, 0, "Exported from the shop").unwrap();
    let sheet = book.add_worksheet().set_name("Orders").unwrap();
    let date_format = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (c, h) in [
        "Order ID",
        "Customer",
        "Order Date",
        "Status",
        "Quantity",
        "Unit Price",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut rng = Rng(7);
    let mut expected = Vec::new();
    let mut row = 1;
    for n in 0..40u32 {
        let customer = format!("C{}", rng.below(12));
        let (y, m, d) = (2023, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
        let when = ExcelDateTime::from_ymd(y, m, d)
            .unwrap()
            .and_hms(21, 30, 0)
            .unwrap();
        let cancelled = n % 9 == 0;
        let mut amount = 0.0;
        for _ in 0..1 + rng.below(3) {
            let (q, p) = (
                1 + rng.below(4) as u32,
                (100 + rng.below(5000)) as f64 / 100.0,
            );
            amount += f64::from(q) * p;
            sheet.write_number(row, 0, 9000 + n).unwrap();
            sheet.write_string(row, 1, &customer).unwrap();
            sheet
                .write_datetime_with_format(row, 2, &when, &date_format)
                .unwrap();
            sheet
                .write_string(row, 3, if cancelled { "Cancelled" } else { "Completed" })
                .unwrap();
            sheet.write_number(row, 4, q).unwrap();
            sheet.write_number(row, 5, p).unwrap();
            row += 1;
        }
        if !cancelled {
            let day = Date::from_ymd(y.into(), m.into(), d.into()).unwrap().days();
            expected.push((9000 + n, customer, day, amount));
        }
    }
    (book.save_to_buffer().unwrap(), expected)
}

#[test]
fn a_sheet_of_line_items_with_typed_numbers_and_dates() {
    let (bytes, expected) = workbook();
    assert_eq!(sheet_names(&bytes).unwrap(), ["Notes", "Orders"]);
    assert!(matches!(
        sniff_workbook(&bytes, Some("Nope")),
        Err(SniffError::NoSuchSheet { .. })
    ));
    let preview = sniff_workbook(&bytes, Some("Orders")).unwrap();
    assert_eq!(preview.sheets, ["Notes", "Orders"]);
    assert_eq!(preview.format, Some(ExportFormat::LineItems));
    let mapping = preview.mapping.clone().unwrap();
    assert_eq!(mapping.sheet.as_deref(), Some("Orders"));
    assert_eq!(
        (mapping.order, mapping.customer, mapping.date),
        (Some(0), Some(1), 2)
    );
    let log = OrderReader::read_all(&bytes, &mapping, Seed::random(), |_, _| true).unwrap();
    assert_eq!(
        log.stats().read.bad_row_count,
        0,
        "{:?}",
        log.stats().read.bad_rows
    );
    assert_eq!(log.stats().left_out, 5);
    let summary = summarise_orders(&log, &SummaryOptions::default());
    let customers: std::collections::BTreeSet<&String> = expected.iter().map(|e| &e.1).collect();
    assert_eq!(summary.orders, expected.len() as u64);
    assert_eq!(summary.customers, customers.len() as u64);
    let revenue: f64 = expected.iter().map(|e| e.3).sum();
    assert!(
        (summary.revenue - revenue).abs() < 1e-6,
        "{} {revenue}",
        summary.revenue
    );
    // The calendar date of a date cell, its time of day dropped.
    let first = expected.iter().map(|e| e.2).min().unwrap();
    assert_eq!(summary.first_order.unwrap().days(), first);
}

#[test]
fn the_first_sheet_by_default_and_a_text_sheet_too() {
    let (text, truth) = dutch(60, 9);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let preview = sniff_workbook(&bytes, None).unwrap();
    let mapping = preview.mapping.clone().unwrap();
    assert_eq!(mapping.sheet.as_deref(), Some("Sheet1"));
    let log = OrderReader::read_all(&bytes, &mapping, Seed::random(), |_, _| true).unwrap();
    let summary = summarise_orders(&log, &SummaryOptions::default());
    assert_eq!(summary.orders, truth.orders);
    assert!((summary.revenue - truth.net_revenue).abs() < 1e-6);
}

#[test]
fn a_broken_workbook_is_an_error_not_a_panic() {
    let e = sniff_workbook(b"PK\x03\x04 not really a zip", None).unwrap_err();
    assert!(matches!(e, SniffError::BadWorkbook { .. }), "{e:?}");
    assert!(e.to_string().len() < 200);
}

#[test]
fn a_member_sheet_reads_as_the_member_import_reads_text() {
    // Typed date cells and fees, an empty end while still a member, a blank row, a plan with a
    // quote and a tab, and a start that is no date: the import reports it on its sheet row.
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Members, exported")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Members").unwrap();
    let day = Format::new().set_num_format("dd-mm-yyyy");
    for (c, h) in ["Member", "Start date", "End date", "Fee", "Plan"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let members = [
        ("L1", (2024, 1, 15), None, 29.95, "month"),
        ("L2", (2024, 2, 3), Some((2024, 5, 3)), 29.95, "month"),
        ("L3", (2024, 2, 20), None, 299.0, "year \"gold\"\tplus"),
        ("L4", (2024, 3, 1), Some((2024, 3, 31)), 1234.5, "month"),
    ];
    let mut row = 1;
    for (id, (y, m, d), end, fee, plan) in members {
        if row == 3 {
            row += 1; // a blank row
        }
        sheet.write_string(row, 0, id).unwrap();
        let date = |(y, m, d)| ExcelDateTime::from_ymd(y, m, d).unwrap();
        sheet
            .write_datetime_with_format(row, 1, date((y, m, d)), &day)
            .unwrap();
        if let Some(end) = end {
            sheet
                .write_datetime_with_format(row, 2, date(end), &day)
                .unwrap();
        }
        sheet.write_number(row, 3, fee).unwrap();
        sheet.write_string(row, 4, plan).unwrap();
        row += 1;
    }
    sheet.write_string(row, 0, "L5").unwrap();
    sheet.write_string(row, 1, "soon").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    assert!(matches!(
        sheet_text(&bytes, Some("Nope")),
        Err(SniffError::NoSuchSheet { .. })
    ));
    let text = sheet_text(&bytes, Some("Members")).unwrap();
    let preview = sniff_members(&text);
    let mapping = preview.mapping.unwrap();
    assert_eq!(
        (
            mapping.member,
            mapping.start,
            mapping.end,
            mapping.fee,
            mapping.plan
        ),
        (0, 1, Some(2), Some(3), Some(4))
    );
    assert_eq!(mapping.date_format, DateFormat::Iso);
    let log = parse_members(&text, &mapping, |_, _| true).unwrap();
    let read: Vec<_> = (0..log.len()).map(|i| log.subscription(i)).collect();
    assert_eq!(read.len(), 4);
    assert_eq!(read[0].start, Date::from_ymd(2024, 1, 15).unwrap());
    assert_eq!(read[1].end, Date::from_ymd(2024, 5, 3));
    assert_eq!(read[0].end, None);
    assert_eq!(read[3].fee, Some(1234.5));
    assert_eq!(read[2].plan, Some("year \"gold\" plus"));
    let stats = log.stats();
    assert_eq!(stats.read.bad_row_count, 1);
    // Sheet row 7 (1-based): the header, three members, a blank row, one more, then L5.
    assert_eq!(stats.read.bad_rows[0].line, 7);
}

/// The import worker reads a member workbook's first sheet as it reads a text export.
#[test]
fn the_worker_reads_a_member_workbook() {
    use retention_core::worker::{Request, Response, Session};
    let mut book = Workbook::new();
    let day = Format::new().set_num_format("dd-mm-yyyy");
    let sheet = book.add_worksheet().set_name("Leden").unwrap();
    for (c, h) in ["lid", "startdatum", "opzegdatum"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    for (row, (id, end)) in [("L1", None), ("L2", Some(3)), ("L3", None)]
        .into_iter()
        .enumerate()
    {
        let row = row as u32 + 1;
        sheet.write_string(row, 0, id).unwrap();
        sheet
            .write_datetime_with_format(row, 1, date(2024, 1, 10), &day)
            .unwrap();
        if let Some(month) = end {
            sheet
                .write_datetime_with_format(row, 2, date(2024, month, 20), &day)
                .unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut session = Session::new(Seed(9, 9));
    let mut said = Vec::new();
    let preview = Request::MemberPreview { sheet: None };
    session.handle_bytes(preview, Some(&bytes), &mut |r| said.push(r), &|| 0.0);
    let Some(Response::MemberPreview(preview)) = said.pop() else {
        panic!("a preview")
    };
    let mapping = preview.mapping.expect("a mapping");
    assert_eq!(
        (mapping.member, mapping.start, mapping.end),
        (0, 1, Some(2))
    );
    let import = Request::MemberImport {
        mapping,
        options: Default::default(),
        sheet: None,
    };
    session.handle_bytes(import, Some(&bytes), &mut |r| said.push(r), &|| 0.0);
    let summary = said.iter().find_map(|r| match r {
        Response::MemberSummary(s) => Some(s),
        _ => None,
    });
    let stats = said.iter().find_map(|r| match r {
        Response::MemberStats(s) => Some(s),
        _ => None,
    });
    assert_eq!(stats.expect("stats").subscriptions, 3);
    let summary = summary.expect("a summary");
    // Three members, L2 gone on 2024-03-20.
    assert_eq!(
        (summary.members, summary.active, summary.cancelled),
        (3, 2, 1)
    );
}

#[test]
fn a_row_past_a_spreadsheets_last_is_refused_not_padded_with_blank_lines() {
    use std::io::{Read, Write};
    // A summary sheet whose second row claims to be row 2,000,000: the rows before it would be
    // two million blank lines (and one at row 4 billion, four gigabytes).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in ["customer", "frequency", "recency", "T"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
        sheet.write_number(1, c as u16, 1.0).unwrap();
    }
    let written = book.save_to_buffer().unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(written)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let mut entry = from.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            assert!(xml.contains(r#"<row r="2""#), "{xml}");
            xml = xml.replace(r#"<row r="2""#, r#"<row r="2000000""#);
            for col in ["A", "B", "C", "D"] {
                xml = xml.replace(&format!(r#"r="{col}2""#), &format!(r#"r="{col}2000000""#));
            }
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(xml.as_bytes()).unwrap();
    }
    let damaged = out.finish().unwrap().into_inner();
    // The header still reads, so the file goes to whoever reads the whole sheet.
    assert!(sniff_workbook(&damaged, None).is_ok());
    let e = sheet_text(&damaged, None).unwrap_err();
    assert!(
        matches!(&e, SniffError::BadWorkbook { message } if message.contains("1048576")),
        "{e:?}"
    );
}
