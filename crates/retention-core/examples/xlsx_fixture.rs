//! Writes `tests/fixtures/line_items.xlsx`, the workbook the browser test imports: a notes
//! sheet, then the orders of `tests/fixtures/line_items.csv` with typed numbers and date cells.
//!
//! `cargo run -p retention-core --example xlsx_fixture`

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")?
        .write_string(0, 0, "Exported from the shop")?;
    let sheet = book.add_worksheet().set_name("Orders")?;
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (c, h) in [
        "order",
        "customer",
        "date",
        "product",
        "quantity",
        "unit price",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    let rows = [
        ("A-1", "ann", (2024, 1, 5), "Mug", 2.0, 3.0),
        ("A-2", "bob", (2024, 1, 6), "Plate", 3.0, 2.0),
        ("A-1", "ann", (2024, 1, 5), "Bowl", 1.0, 4.5),
        ("A-3", "ann", (2024, 2, 10), "Vase", 1.0, 12.0),
    ];
    for (r, (order, customer, (y, m, d), product, q, p)) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, order)?;
        sheet.write_string(r, 1, customer)?;
        let when = ExcelDateTime::from_ymd(y, m, d)?.and_hms(23, 30, 0)?;
        sheet.write_datetime_with_format(r, 2, &when, &date)?;
        sheet.write_string(r, 3, product)?;
        sheet.write_number(r, 4, q)?;
        sheet.write_number(r, 5, p)?;
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/line_items.xlsx"
    );
    book.save(path)
}
