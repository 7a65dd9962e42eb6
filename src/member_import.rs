//! The state of a member import: the chosen file's preview and mapping, the worker's progress
//! and what it found. The worker is the order import's (`worker.rs`); the view is
//! `components/member_import.rs`.

use std::rc::Rc;

use retention_core::worker::Response;
use retention_core::{MemberImportStats, MemberMapping, MemberPreview, MemberSummary};
use yew::Reducible;

use crate::import::{Problem, Run};
use crate::worker::Heard;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberImportState {
    pub run: Run,
    pub preview: Option<MemberPreview>,
    /// The mapping to import with: the suggestion, as the user changed it.
    pub mapping: Option<MemberMapping>,
    /// The sheet of a workbook being previewed and imported; `None` is the first.
    pub sheet: Option<String>,
    /// What the import read.
    pub read: Option<MemberImportStats>,
    pub summary: Option<Rc<MemberSummary>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MemberImportAction {
    /// A file was chosen; its preview is asked for.
    Chose(String),
    SetMapping(MemberMapping),
    /// Another sheet of the workbook was chosen; its preview is asked for.
    ChoseSheet(String),
    Started,
    Heard(Heard),
    Stopped(Problem),
    /// Back to choosing a file.
    Reset,
}

/// A mapping to start from when the sniffer could not suggest one: the first columns as
/// member, start and end (the import then says which column is missing).
fn fallback_mapping(preview: &MemberPreview) -> MemberMapping {
    let columns = preview.columns.len();
    MemberMapping {
        delimiter: preview.delimiter,
        has_header: preview.has_header,
        columns,
        member: 0,
        start: 1,
        end: (columns > 2).then_some(2),
        fee: None,
        plan: None,
        date_format: retention_core::DateFormat::Iso,
        locale: retention_core::Locale::En,
    }
}

impl MemberImportState {
    fn heard(&mut self, heard: Heard) {
        let Some(response) = self.run.hear(heard) else {
            return;
        };
        match response {
            Response::MemberPreview(preview) => {
                self.mapping = Some(
                    preview
                        .mapping
                        .unwrap_or_else(|| fallback_mapping(&preview)),
                );
                self.preview = Some(*preview);
            }
            Response::MemberStats(stats) => self.read = Some(*stats),
            Response::MemberSummary(summary) => self.summary = Some(Rc::new(*summary)),
            // The end is `Run`'s; the order import's answers are not asked for here.
            _ => {}
        }
    }
}

impl Reducible for MemberImportState {
    type Action = MemberImportAction;

    fn reduce(self: Rc<Self>, action: MemberImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            MemberImportAction::Chose(file_name) => {
                next = MemberImportState {
                    run: Run::chose(file_name),
                    ..MemberImportState::default()
                }
            }
            MemberImportAction::SetMapping(mapping) => next.mapping = Some(mapping),
            MemberImportAction::ChoseSheet(sheet) => {
                next = MemberImportState {
                    run: Run {
                        file_name: self.run.file_name.clone(),
                        previewing: true,
                        ..Run::default()
                    },
                    sheet: Some(sheet),
                    ..MemberImportState::default()
                }
            }
            MemberImportAction::Started => {
                next.run.start();
                next.read = None;
                next.summary = None;
            }
            MemberImportAction::Heard(heard) => next.heard(heard),
            MemberImportAction::Stopped(problem) => next.run.stop(problem),
            MemberImportAction::Reset => next = MemberImportState::default(),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_sheet_keeps_the_file_and_asks_for_its_preview() {
        let state = Rc::new(MemberImportState::default())
            .reduce(MemberImportAction::Chose("leden.xlsx".into()));
        let state = state.reduce(MemberImportAction::Stopped(Problem::Cancelled));
        let state = state.reduce(MemberImportAction::ChoseSheet("Leden".into()));
        assert_eq!(state.run.file_name.as_deref(), Some("leden.xlsx"));
        assert_eq!(state.sheet.as_deref(), Some("Leden"));
        assert!(state.run.previewing && state.run.problem.is_none() && state.preview.is_none());
        // Another file starts again from its first sheet.
        let state = state.reduce(MemberImportAction::Chose("other.csv".into()));
        assert_eq!(state.sheet, None);
    }
}
