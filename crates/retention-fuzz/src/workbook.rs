//! Spreadsheets (.xlsx, .xls), read through the core's workbook path (feature `xlsx`).

use retention_core::{
    sheet_names, sniff_workbook, summarise_orders, OrderReader, Seed, SummaryOptions,
};

/// Reads `data` as a workbook; panics when a promise breaks.
pub fn workbook(data: &[u8]) {
    let _ = sheet_names(data);
    let sheet = data.first().filter(|b| **b & 1 == 1).map(|_| "Orders");
    let preview = match sniff_workbook(data, sheet) {
        Ok(p) => p,
        Err(e) => {
            assert!(e.to_string().chars().count() <= 400, "{e}");
            return;
        }
    };
    let Some(mapping) = preview.mapping else {
        return;
    };
    match OrderReader::read_all(data, &mapping, Seed(1, 2), |_, _| true) {
        Ok(log) => {
            let _ = summarise_orders(&log, &SummaryOptions::default());
        }
        Err(e) => assert!(e.to_string().chars().count() <= 400, "{e}"),
    }
}
