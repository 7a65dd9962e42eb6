//! Real-shaped exports through the whole import: orders, not rows; statuses; refunds;
//! guests; known formats; encodings; any chunk split. Expected figures come from the
//! generators' own order lists (tests/generators) or from hand counts of the fixtures.

mod generators;

use generators::sim::utf16;
use generators::{dutch, line_items, online_retail, shopify, Truth};
use proptest::prelude::*;
use retention_core::{
    customer_summaries, is_workbook, parse_orders, sniff_bytes, summarise_orders, ColumnKind,
    Compression, Date, DateFormat, Encoding, ExportFormat, Grouping, Locale, Mapping, OrderLog,
    OrderReader, Seed, SniffError, Summary, SummaryOptions,
};

/// Sniffs `bytes` and reads them in chunks of `chunk` bytes.
#[track_caller]
fn import(bytes: &[u8], chunk: usize) -> (Mapping, OrderLog) {
    let preview = sniff_bytes(bytes, true).expect("a text export");
    let mapping = preview
        .mapping
        .clone()
        .unwrap_or_else(|| panic!("no mapping: {preview:#?}"));
    (mapping.clone(), read(bytes, &mapping, chunk))
}

fn read(bytes: &[u8], mapping: &Mapping, chunk: usize) -> OrderLog {
    let mut reader = OrderReader::new(mapping, Seed::random()).expect("a mapping that fits");
    for piece in bytes.chunks(chunk.max(1)) {
        reader.feed(piece).expect("rows of bounded length");
    }
    reader.finish().expect("the import ends")
}

#[track_caller]
fn assert_truth(log: &OrderLog, truth: &Truth) {
    let summary = summarise_orders(log, &SummaryOptions::default());
    let stats = log.stats();
    assert_eq!(summary.orders, truth.orders, "orders");
    assert_eq!(summary.customers, truth.customers, "customers");
    assert_eq!(stats.left_out as u64, truth.left_out, "left out");
    assert_eq!(stats.guest_rows as u64, truth.guest_rows, "guest rows");
    let net = summary.revenue + summary.refunded;
    assert!(
        (net - truth.net_revenue).abs() <= truth.net_revenue.abs() * 1e-9 + 1e-6,
        "net revenue {net} is not {}",
        truth.net_revenue
    );
    let rate = summary.repeat_purchase_rate.unwrap();
    assert!(
        (rate - truth.repeat_rate).abs() < 1e-9,
        "repeat rate {rate} is not {}",
        truth.repeat_rate
    );
    // The forecast counts the same repeat customers as the summary.
    let end = summary.reference.unwrap();
    let forecast_repeat = customer_summaries(log, end)
        .iter()
        .filter(|(_, s)| s.frequency > 0)
        .count() as u64;
    assert_eq!(forecast_repeat, summary.repeat_customers);
}

#[test]
fn a_shopify_export_counts_orders_once_net_of_refunds_without_voided_ones() {
    let (text, truth) = shopify(400, 1);
    let preview = sniff_bytes(text.as_bytes(), true).unwrap();
    assert_eq!(preview.format, Some(ExportFormat::Shopify));
    let kind = |name: &str| {
        preview
            .columns
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .kind
    };
    // Refunded Amount, Subtotal, Taxes, Shipping and Discount Amount are never the amount.
    assert_eq!(kind("Total"), ColumnKind::Total);
    assert_eq!(kind("Refunded Amount"), ColumnKind::Refunded);
    assert_eq!(kind("Subtotal"), ColumnKind::Other);
    assert_eq!(kind("Discount Amount"), ColumnKind::Other);
    assert_eq!(kind("Created at"), ColumnKind::Date);
    assert_eq!(kind("Name"), ColumnKind::Order);
    let left_out: Vec<(&str, bool)> = preview
        .statuses
        .iter()
        .map(|s| (s.status.as_str(), s.left_out))
        .collect();
    for (status, out) in [("paid", false), ("refunded", true), ("voided", true)] {
        assert!(left_out.contains(&(status, out)), "{left_out:?}");
    }
    let (_, log) = import(text.as_bytes(), 64 * 1024);
    assert_eq!(
        log.stats().read.bad_row_count,
        0,
        "{:?}",
        log.stats().read.bad_rows
    );
    assert_eq!(log.stats().grouping, Grouping::OrderNumber);
    assert_truth(&log, &truth);
    // The statuses are counted per order.
    let voided = log.stats().statuses.iter().find(|s| s.status == "voided");
    assert!(voided.is_some_and(|s| s.left_out && s.orders > 0));
}

#[test]
fn a_dutch_line_item_export_sums_quantity_times_unit_price_per_order() {
    let (text, truth) = dutch(460, 2);
    let preview = sniff_bytes(text.as_bytes(), true).unwrap();
    let mapping = preview.mapping.clone().unwrap();
    assert_eq!(preview.format, Some(ExportFormat::LineItems));
    assert_eq!(
        (mapping.order, mapping.customer, mapping.name),
        (Some(0), Some(2), Some(3))
    );
    assert_eq!((mapping.quantity, mapping.unit_price), (Some(6), Some(7)));
    // A unit price is never an amount on its own, and Btw % is a rate.
    assert_eq!((mapping.total, mapping.amount), (None, None));
    assert_eq!(mapping.date_format, DateFormat::DayMonthYear);
    assert_eq!(mapping.locale, Locale::Nl);
    assert!(preview
        .statuses
        .iter()
        .any(|s| s.status == "Geannuleerd" && s.left_out));
    let (_, log) = import(text.as_bytes(), 4096);
    assert_eq!(
        log.stats().read.bad_row_count,
        0,
        "{:?}",
        log.stats().read.bad_rows
    );
    assert_truth(&log, &truth);
}

#[test]
fn an_online_retail_export_counts_invoices_and_cancellations_as_refunds() {
    let (text, truth) = online_retail(1500, 3);
    let (mapping, log) = import(text.as_bytes(), 10_000);
    assert_eq!(mapping.date_format, DateFormat::MonthDayYear);
    assert_eq!(
        (
            mapping.order,
            mapping.customer,
            mapping.quantity,
            mapping.unit_price
        ),
        (Some(0), Some(6), Some(3), Some(5))
    );
    let stats = log.stats();
    assert_eq!(stats.read.bad_row_count, 0, "{:?}", stats.read.bad_rows);
    assert_eq!(stats.refunds as u64, truth.refunds);
    assert!(truth.refunds > 0 && truth.guest_rows > 0);
    assert_truth(&log, &truth);
    // Guest rows are listed by line, never lost.
    assert!(!stats.guest_lines.is_empty());
}

#[test]
fn a_hundred_thousand_line_items() {
    let (text, truth) = line_items(100_000, 4);
    assert!(text.lines().count() > 100_000);
    let (mapping, log) = import(text.as_bytes(), 1 << 20);
    assert_eq!(mapping.status, Some(5));
    assert_eq!(log.stats().read.rows, text.lines().count() - 1);
    assert_truth(&log, &truth);
}

/// A small export with every hard case: quotes holding delimiters and line breaks, CRLF,
/// multi-byte characters, a BOM, an order spread over rows, a cancelled order.
fn tricky() -> String {
    let mut text = String::from("\u{feff}order,customer,date,status,qty,price\r\n");
    for n in 0..60 {
        let customer = match n % 4 {
            0 => "\"Jansen, Jan \"\"JJ\"\"\"".to_string(),
            1 => "\"two\r\nlines\"".to_string(),
            2 => "Zoë Ürün 😀".to_string(),
            _ => format!("k{n}"),
        };
        let status = if n % 7 == 0 { "cancelled" } else { "paid" };
        for line in 0..(1 + n % 3) {
            text.push_str(&format!(
                "O{n},{customer},2024-{:02}-{:02}T10:0{line}:00Z,{status},{},{}.50\r\n",
                1 + n % 12,
                1 + n % 28,
                1 + line,
                3 + n
            ));
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_chunk_split_gives_the_same_log(cuts in prop::collection::vec(0usize..5000, 0..40)) {
        let text = tricky();
        let bytes = text.as_bytes();
        let (mapping, whole) = import(bytes, bytes.len());
        let mut points: Vec<usize> = cuts.into_iter().map(|c| c % bytes.len()).collect();
        points.sort_unstable();
        points.dedup();
        let mut reader = OrderReader::new(&mapping, Seed::random()).unwrap();
        let mut at = 0;
        for p in points.into_iter().chain([bytes.len()]) {
            reader.feed(&bytes[at..p]).unwrap();
            at = p;
        }
        let split = reader.finish().unwrap();
        prop_assert_eq!(&split, &whole);
        prop_assert_eq!(whole.stats().left_out, 9);
    }
}

#[test]
fn the_tricky_export_reads_right_in_one_byte_chunks() {
    let text = tricky();
    let (mapping, whole) = import(text.as_bytes(), text.len());
    assert_eq!(
        whole.stats().read.bad_row_count,
        0,
        "{:?}",
        whole.stats().read.bad_rows
    );
    assert_eq!(whole.stats().orders, 51);
    assert!(whole.customers().any(|c| c.id == "Jansen, Jan \"JJ\""));
    assert!(whole.customers().any(|c| c.id == "two\r\nlines"));
    assert!(whole.customers().any(|c| c.id == "Zoë Ürün 😀"));
    assert_eq!(read(text.as_bytes(), &mapping, 1), whole);
}

#[test]
fn utf16_files_by_their_byte_order_mark() {
    let (text, truth) = dutch(120, 5);
    for (little, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
        let bytes = utf16(&text, little);
        let preview = sniff_bytes(&bytes, true).unwrap();
        assert_eq!(preview.encoding, encoding);
        // Odd chunks split characters and CRLFs.
        let log = read(&bytes, preview.mapping.as_ref().unwrap(), 333);
        assert_eq!(log.stats().encoding, encoding);
        assert_truth(&log, &truth);
    }
}

#[test]
fn windows_1252_files_with_euro_signs_and_accents() {
    let text = "klant;datum;bedrag\r\nRen\u{e9};01-02-2024;\u{20ac} 12,50\r\nZo\u{eb};03-02-2024;\u{20ac} 1.234,00\r\nRen\u{e9};05-03-2024;7,25\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '\u{20ac}' => 0x80,
            c => c as u32 as u8,
        })
        .collect();
    let preview = sniff_bytes(&bytes, true).unwrap();
    assert_eq!(preview.encoding, Encoding::Windows1252);
    let log = read(&bytes, preview.mapping.as_ref().unwrap(), 7);
    assert_eq!(log.stats().encoding, Encoding::Windows1252);
    assert_eq!(
        log.stats().read.bad_row_count,
        0,
        "{:?}",
        log.stats().read.bad_rows
    );
    let rene = log.customers().find(|c| c.id == "René").unwrap();
    assert_eq!(rene.net_spend(), 19.75);
    assert!(log
        .customers()
        .any(|c| c.id == "Zoë" && c.net_spend() == 1234.0));
}

#[test]
fn hostile_files_fail_fast_with_short_messages() {
    // Rows of five thousand columns: refused by the sniffer.
    let wide = (",".repeat(5000) + "\n").repeat(10);
    match sniff_bytes(wide.as_bytes(), false) {
        Err(SniffError::TooManyColumns { found, .. }) => assert!(found > 1000),
        other => panic!("{other:?}"),
    }
    // One line of 5 MB: no complete row in the sample, and the reader stops at its limit.
    let long = "x".repeat(5 << 20);
    let e = sniff_bytes(long.as_bytes(), false).unwrap_err();
    assert!(matches!(e, SniffError::RowTooLong { .. }), "{e:?}");
    assert!(e.to_string().len() < 200);
    let mapping = Mapping {
        customer: Some(0),
        date: 1,
        amount: Some(2),
        ..Mapping::new(retention_core::Delimiter::Comma, false, 3)
    };
    let mut reader = OrderReader::new(&mapping, Seed::random()).unwrap();
    let failed = long
        .as_bytes()
        .chunks(64 * 1024)
        .map(|c| reader.feed(c))
        .find(Result::is_err)
        .unwrap()
        .unwrap_err();
    assert!(failed.to_string().len() < 200, "{failed}");
    // A 500 KB field quoted in a bad-row reason is cut short.
    let text = format!("a,2024-01-01,{}\n", "9x".repeat(250_000));
    let log = parse_orders(&text, &mapping, |_, _| true).unwrap();
    let reason = log.stats().read.bad_rows[0].reason.to_string();
    assert!(reason.len() < 100, "{} bytes", reason.len());
    // Binary bytes are not an export.
    assert_eq!(
        sniff_bytes(b"\x00\x01\x02,\x00\n", true).unwrap_err(),
        SniffError::Binary
    );
}

#[test]
fn a_compressed_export_is_told_as_compressed_and_a_spreadsheet_still_as_a_spreadsheet() {
    use std::io::Write;
    let csv = b"customer,date,amount\nk1,2024-01-05,10.00\nk2,2024-02-06,12.50\n";
    // A gzipped export (flate2's writer, as `gzip` writes it).
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(csv).unwrap();
    let gz = gz.finish().unwrap();
    // A zipped export, one CSV inside (the zip crate's writer, deflated as usual).
    let zipped = |name: &str| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(csv).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let compressed = |format| Err(SniffError::Compressed { format });
    assert_eq!(
        sniff_bytes(&gz, true).map(|_| ()),
        compressed(Compression::Gzip)
    );
    for name in ["orders.csv", "export/Orders 2024.CSV", "orders.txt"] {
        let zip = zipped(name);
        assert!(!is_workbook(&zip), "{name}");
        assert_eq!(
            sniff_bytes(&zip, true).map(|_| ()),
            compressed(Compression::Zip)
        );
    }
    let message = SniffError::Compressed {
        format: Compression::Gzip,
    }
    .to_string();
    assert!(
        message.contains("gzip") && message.contains("unpack"),
        "{message}"
    );
    // A workbook is a zip too, and stays a workbook: one written by a spreadsheet writer, and
    // an OpenDocument one, whose first part is `mimetype`.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write(0, 0, "customer").unwrap();
    let xlsx = book.save_to_buffer().unwrap();
    assert!(is_workbook(&xlsx));
    assert_eq!(Compression::of(&xlsx), None);
    assert!(is_workbook(&zipped("mimetype")));
    // Unpacked, the same export reads.
    let preview = sniff_bytes(csv, true).unwrap();
    assert_eq!(preview.mapping.map(|m| m.customer), Some(Some(0)));
}

#[test]
fn dates_with_times_seconds_offsets_and_t_are_the_calendar_date_as_written() {
    let day = |y, m, d| Date::from_ymd(y, m, d).unwrap().days();
    let iso = DateFormat::Iso;
    assert_eq!(
        iso.parse("2023-01-02 20:04:00 +0100"),
        Some(day(2023, 1, 2))
    );
    assert_eq!(iso.parse("2023-01-02T23:59:59Z"), Some(day(2023, 1, 2)));
    assert_eq!(
        iso.parse("2023-01-02T23:30:00-05:00"),
        Some(day(2023, 1, 2))
    );
    assert_eq!(
        DateFormat::MonthDayYear.parse("12/1/2010 8:26"),
        Some(day(2010, 12, 1))
    );
}

/// Reads a checked-in fixture.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What each fixture holds, counted by hand (the counts are explained in the fixture's
/// comment here): format, purchases, customers, net revenue (purchases minus refunds),
/// orders left out.
#[test]
fn every_known_format_is_named_and_counted() {
    let cases: [(&str, ExportFormat, u64, u64, f64, usize); 7] = [
        // #1001 ann 59.90 (two lines, total once); #1002 bob 25.00 paid; #1003 ann refunded
        // (left out); #1004 cat 40.00 - 10.00 refunded = 30.00; #1005 bob voided (left out).
        ("shopify_orders.csv", ExportFormat::Shopify, 3, 3, 114.90, 2),
        // 5001 ann 45.00; 5002 bob 12.50; 5003 ann cancelled; 5004 cat 80.00 - 20.00
        // refunded = 60.00; 5005 guest e-mail dan 9.99.
        (
            "woocommerce_orders.csv",
            ExportFormat::WooCommerce,
            4,
            4,
            127.49,
            1,
        ),
        // 1 ann 121.00; 2 bob 60.50; 3 ann 30.25; 4 cat cancelled.
        (
            "lightspeed_orders.csv",
            ExportFormat::Lightspeed,
            3,
            2,
            211.75,
            1,
        ),
        // 000000001 ann 100.00; ...2 bob 50.00 with 50.00 refunded (status closed: left
        // out); ...3 ann 75.00 - 25.00 = 50.00; ...4 cat canceled.
        ("magento_orders.csv", ExportFormat::Magento, 2, 1, 150.00, 2),
        // ch_1 cus_A 20.00; ch_2 cus_B 35.00 - 5.00 = 30.00; ch_3 cus_A failed; ch_4 cus_C
        // refunded in full (left out); ch_5 cus_A 15.00.
        ("stripe_payments.csv", ExportFormat::Stripe, 3, 2, 65.00, 2),
        // tr_1 Ann 10.00; tr_2 Bob expired; tr_3 Ann 25.00; tr_4 Cas canceled; tr_5 Bob 40.00
        // - 15.00 = 25.00.
        ("mollie_payments.csv", ExportFormat::Mollie, 3, 2, 60.00, 2),
        // A-1 ann 2 x 3.00 + 1 x 4.50 = 10.50; A-2 bob 3 x 2.00 = 6.00; A-3 ann 1 x 12.00.
        ("line_items.csv", ExportFormat::LineItems, 3, 2, 28.50, 0),
    ];
    for (name, format, orders, customers, net, left_out) in cases {
        let bytes = fixture(name);
        let preview = sniff_bytes(&bytes, true).unwrap();
        assert_eq!(preview.format, Some(format), "{name}");
        let log = read(&bytes, preview.mapping.as_ref().unwrap(), 17);
        let s: Summary = summarise_orders(&log, &SummaryOptions::default());
        assert_eq!(
            log.stats().read.bad_row_count,
            0,
            "{name}: {:?}",
            log.stats().read.bad_rows
        );
        assert_eq!((s.orders, s.customers), (orders, customers), "{name}");
        assert!(
            (s.revenue + s.refunded - net).abs() < 1e-9,
            "{name}: {} is not {net}",
            s.revenue + s.refunded
        );
        assert_eq!(log.stats().left_out, left_out, "{name}");
    }
}
