//! Workbooks without feature `xlsx`: the same functions as `workbook.rs`, which refuse every
//! workbook, so that callers (the worker, the JS API) need no feature switch of their own.

use super::import::{ImportError, OrderLog};
use super::reader::OrderReader;
use super::sniff::{Mapping, Preview, SniffError};

/// Refuses the workbook: this build reads text exports only.
pub fn sheet_names(_bytes: &[u8]) -> Result<Vec<String>, SniffError> {
    Err(SniffError::Workbook)
}

/// Refuses the workbook: this build reads text exports only.
pub fn sniff_workbook(_bytes: &[u8], _sheet: Option<&str>) -> Result<Preview, SniffError> {
    Err(SniffError::Workbook)
}

/// Refuses the workbook: this build reads text exports only.
pub fn sheet_text(_bytes: &[u8], _sheet: Option<&str>) -> Result<String, SniffError> {
    Err(SniffError::Workbook)
}

/// Refuses the workbook: this build reads text exports only.
pub(super) fn read_sheet(
    _bytes: &[u8],
    _mapping: &Mapping,
    _reader: OrderReader,
    _on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<OrderLog, ImportError> {
    Err(ImportError::Workbook {
        detail: "this build reads text exports only".into(),
    })
}
