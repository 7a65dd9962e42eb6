//! Writes `tests/fixtures/member_views.xlsx`, the member workbook the browser test reads
//! through the sheet picker: a notes sheet first, then the members of
//! `tests/fixtures/member_views.csv` (the file `tests/e2e/member-views.test.mjs` generates and
//! checks is in step) on a sheet named "Leden".
//!
//! `cargo run -p retention-core --example member_xlsx_fixture`

use rust_xlsxwriter::{Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let csv = std::fs::read_to_string(format!("{dir}/member_views.csv"))?;
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")?
        .write_string(0, 0, "Exported from the club")?;
    let sheet = book.add_worksheet().set_name("Leden")?;
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell)?;
            }
        }
    }
    book.save(format!("{dir}/member_views.xlsx"))
}
