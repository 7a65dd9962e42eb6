//! Workbooks without feature `xlsx`: the same functions as `workbook.rs`, which refuse every
//! workbook, so that callers (the worker, the JS API) need no feature switch of their own.

use super::import::{ImportError, OrderLog};
use super::sniff::{Mapping, Preview, SniffError};
use super::table::Seed;

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
pub fn read_workbook(
    _bytes: &[u8],
    _mapping: &Mapping,
    _seed: Seed,
    _on_progress: impl FnMut(usize, usize) -> bool,
) -> Result<OrderLog, ImportError> {
    Err(ImportError::Workbook {
        detail: "this build reads text exports only".into(),
    })
}
