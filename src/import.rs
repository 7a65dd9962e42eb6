//! The state of an order import: the chosen file's preview and mapping, the worker's progress
//! and what it found. The worker itself lives in `worker.rs`; the view in
//! `components/import_panel.rs`. [`Run`] and [`Problem`] are what the member import
//! (`member_import.rs`) shares with it.

use std::rc::Rc;

use retention_core::worker::{self, Response, Stage, SummaryRead, Timings};
use retention_core::{
    FitError, Forecast, ImportStats, Mapping, Preview, Segmentation, Summary, SummaryOptions,
    WinBack,
};
use yew::Reducible;

use crate::worker::{Blocked, Heard};

/// Why an import stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// No worker here (a page opened from file://).
    NeedsServer,
    /// The user cancelled.
    Cancelled,
    /// The worker crashed, or said something this page cannot read.
    Stopped,
    /// The worker could not start: the page's policy or the calculator's host stopped it.
    Blocked(Blocked),
    /// The worker said what went wrong.
    Worker(worker::Problem),
}

/// What every import tracks the same way: the file, its preview on its way, the step running
/// and why it stopped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub file_name: Option<String>,
    /// A file was chosen and its preview is on its way.
    pub previewing: bool,
    /// The step running and how far along it is (0–1); `None` when nothing runs.
    pub running: Option<(Stage, f64)>,
    pub problem: Option<Problem>,
}

impl Run {
    /// A run for a newly chosen file, its preview on its way.
    pub fn chose(file_name: String) -> Run {
        Run {
            file_name: Some(file_name),
            previewing: true,
            ..Run::default()
        }
    }

    /// An import starts reading: the last one's problem goes.
    pub fn start(&mut self) {
        self.running = Some((Stage::Read, 0.0));
        self.problem = None;
    }

    pub fn stop(&mut self, problem: Problem) {
        self.previewing = false;
        self.running = None;
        self.problem = Some(problem);
    }

    /// Takes in what every import hears the same way (progress, the end, a preview come, a
    /// failure, a worker that stopped or could not start) and hands back the answers that are
    /// the import's own, the end and the preview among them.
    pub fn hear(&mut self, heard: Heard) -> Option<Response> {
        let response = match heard {
            Heard::Response(response) => *response,
            Heard::Stopped => {
                self.stop(Problem::Stopped);
                return None;
            }
            Heard::Blocked(blocked) => {
                self.stop(Problem::Blocked(blocked));
                return None;
            }
        };
        match response {
            Response::Progress { stage, done, total } => {
                let fraction = if total > 0.0 {
                    (done / total).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                self.running = Some((stage, fraction));
                None
            }
            Response::Failed(problem) => {
                self.stop(Problem::Worker(problem));
                None
            }
            done @ Response::Done { .. } => {
                self.running = None;
                Some(done)
            }
            preview @ (Response::Preview(_)
            | Response::MemberPreview(_)
            | Response::SummaryFile(_)) => {
                self.previewing = false;
                Some(preview)
            }
            own => Some(own),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportState {
    pub run: Run,
    pub preview: Option<Preview>,
    /// The mapping to import with: the suggestion, as the user changed it.
    pub mapping: Option<Mapping>,
    /// What the import read.
    pub read: Option<ImportStats>,
    pub summary: Option<Summary>,
    pub forecast: Option<Result<Forecast, FitError>>,
    /// The RFM segments of the import.
    pub segments: Option<Segmentation>,
    /// The customers to win back first.
    pub win_back: Option<WinBack>,
    /// The sheet of a workbook being previewed; `None` is the first.
    pub sheet: Option<String>,
    pub timings: Option<Timings>,
    /// The file was a per-customer summary: what it held (the forecast is in `forecast`).
    pub summary_file: Option<SummaryRead>,
    pub options: SummaryOptions,
    /// How many imports were started since the file was chosen: each one's results are drawn
    /// afresh.
    pub imports: u32,
}

#[allow(clippy::large_enum_variant)] // one action a click: its size costs nothing
#[derive(Debug, Clone, PartialEq)]
pub enum ImportAction {
    /// A file was chosen; its preview is asked for.
    Chose {
        file_name: String,
    },
    SetMapping(Mapping),
    /// Another sheet of the workbook was chosen; its preview is asked for.
    ChoseSheet(String),
    Started,
    Heard(Heard),
    SetOptions(SummaryOptions),
    Stopped(Problem),
    /// Back to choosing a file.
    Reset,
}

/// A mapping to start from when the sniffer could not suggest one: the first three columns
/// as customer, date and amount (a text preview has at least
/// [`MIN_COLUMNS`](retention_core::MIN_COLUMNS); a sheet may have fewer, and the import then
/// says which column is missing).
fn fallback_mapping(preview: &Preview, sheet: Option<&String>) -> Mapping {
    let columns = preview.columns.len();
    Mapping {
        customer: Some(0),
        date: 1,
        amount: Some(2),
        sheet: sheet.or(preview.sheets.first()).cloned(),
        ..Mapping::new(preview.delimiter, preview.has_header, columns)
    }
}

impl ImportState {
    fn heard(&mut self, heard: Heard) {
        let Some(response) = self.run.hear(heard) else {
            return;
        };
        match response {
            Response::Preview(preview) => {
                self.mapping = Some(
                    preview
                        .mapping
                        .clone()
                        .unwrap_or_else(|| fallback_mapping(&preview, self.sheet.as_ref())),
                );
                self.preview = Some(*preview);
            }
            Response::Stats(stats) => self.read = Some(*stats),
            Response::Summary(summary) => self.summary = Some(*summary),
            Response::Forecast(forecast) => self.forecast = Some(forecast.map(|f| *f)),
            Response::WinBack(win_back) => {
                // The list's cut-off (after an import: from the purchase cycle) is the one
                // the page shows and the download uses.
                self.options.inactive_days = win_back.cutoff_days;
                self.win_back = Some(*win_back);
            }
            Response::Done { timings, .. } => self.timings = Some(timings),
            Response::SummaryFile(read) => self.summary_file = Some(*read),
            // Files to save are the view's business; the member import has its own state;
            // `Run` took the rest.
            Response::Progress { .. }
            | Response::Failed(_)
            | Response::File { .. }
            | Response::MemberPreview(_)
            | Response::MemberStats(_)
            | Response::MemberSummary(_)
            | Response::WarehouseSql(_) => {}
            Response::Segments(segments) => self.segments = Some(*segments),
        }
    }
}

impl Reducible for ImportState {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ImportAction::Chose { file_name } => {
                next = ImportState {
                    options: self.options,
                    run: Run::chose(file_name),
                    ..ImportState::default()
                };
            }
            ImportAction::SetMapping(mapping) => next.mapping = Some(mapping),
            ImportAction::ChoseSheet(sheet) => {
                next = ImportState {
                    options: self.options,
                    run: Run {
                        file_name: self.run.file_name.clone(),
                        previewing: true,
                        ..Run::default()
                    },
                    sheet: Some(sheet),
                    ..ImportState::default()
                };
            }
            ImportAction::Started => {
                next = ImportState {
                    read: None,
                    summary: None,
                    forecast: None,
                    segments: None,
                    win_back: None,
                    timings: None,
                    imports: self.imports + 1,
                    ..next
                };
                next.run.start();
            }
            ImportAction::Heard(heard) => next.heard(heard),
            ImportAction::SetOptions(options) => next.options = options,
            ImportAction::Stopped(problem) => next.run.stop(problem),
            ImportAction::Reset => {
                next = ImportState {
                    options: self.options,
                    ..ImportState::default()
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use retention_core::sniff_bytes;

    use super::*;

    fn reduce(state: ImportState, action: ImportAction) -> ImportState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn heard(response: Response) -> ImportAction {
        ImportAction::Heard(Heard::Response(Box::new(response)))
    }

    #[test]
    fn a_preview_suggests_a_mapping_or_a_fallback() {
        let chose = |state| {
            reduce(
                state,
                ImportAction::Chose {
                    file_name: "x.csv".into(),
                },
            )
        };
        let state = chose(ImportState::default());
        assert!(state.run.previewing);
        let preview = |text: &[u8]| Response::Preview(Box::new(sniff_bytes(text, true).unwrap()));
        let sniffed = preview(b"customer,date,amount\na,2024-01-01,5\n");
        let Response::Preview(suggested) = sniffed.clone() else {
            panic!("{sniffed:?}")
        };
        let state = reduce(state, heard(sniffed));
        assert!(!state.run.previewing);
        assert_eq!(state.mapping, suggested.mapping);
        let odd = preview(b"just,some,words\nand,more,words\n");
        let state = reduce(chose(state), heard(odd));
        let mapping = state.mapping.unwrap();
        assert_eq!(
            (mapping.customer, mapping.date, mapping.amount),
            (Some(0), 1, Some(2))
        );
        assert!(mapping.check().is_ok(), "{mapping:?}");
    }

    #[test]
    fn a_summary_file_ends_the_preview_and_a_new_file_forgets_it() {
        let chose = || ImportAction::Chose {
            file_name: "summary.csv".into(),
        };
        let state = reduce(ImportState::default(), chose());
        let read = SummaryRead {
            stats: retention_core::SummaryFileStats {
                rows: 2,
                customers: 2,
                repeat_customers: 1,
                has_spend: true,
                ..Default::default()
            },
            fill: retention_core::Inputs::default(),
        };
        let state = reduce(state, heard(Response::SummaryFile(Box::new(read.clone()))));
        assert!(!state.run.previewing);
        assert_eq!(state.summary_file.as_ref(), Some(&read));
        assert_eq!(state.preview, None);
        assert_eq!(reduce(state, chose()).summary_file, None);
    }

    #[test]
    fn progress_runs_until_done_or_a_problem() {
        let state = reduce(ImportState::default(), ImportAction::Started);
        let state = reduce(
            state,
            heard(Response::Progress {
                stage: Stage::Parse,
                done: 50.0,
                total: 200.0,
            }),
        );
        assert_eq!(state.run.running, Some((Stage::Parse, 0.25)));
        let failed = reduce(
            state.clone(),
            heard(Response::Failed(worker::Problem::NothingImported)),
        );
        assert_eq!(
            (failed.run.running, failed.run.problem),
            (
                None,
                Some(Problem::Worker(worker::Problem::NothingImported))
            )
        );
        let crashed = reduce(state.clone(), ImportAction::Heard(Heard::Stopped));
        assert_eq!(crashed.run.problem, Some(Problem::Stopped));
        let cancelled = reduce(state, ImportAction::Stopped(Problem::Cancelled));
        assert_eq!(cancelled.run.running, None);
    }

    #[test]
    fn the_win_back_list_sets_the_cut_off_shown_and_a_sheet_keeps_the_file() {
        let list = retention_core::WinBack {
            cycle_days: Some(45),
            cutoff_days: 90,
            count: 0,
            at_stake: 0.0,
            customers: Vec::new(),
        };
        let state = reduce(
            ImportState::default(),
            heard(Response::WinBack(Box::new(list))),
        );
        assert_eq!(state.options.inactive_days, 90);
        assert_eq!(state.win_back.map(|w| w.cycle_days), Some(Some(45)));
        let chose = ImportAction::Chose {
            file_name: "book.xlsx".into(),
        };
        let state = reduce(ImportState::default(), chose);
        let state = reduce(state, ImportAction::ChoseSheet("Orders".into()));
        assert_eq!(state.run.file_name.as_deref(), Some("book.xlsx"));
        assert_eq!(state.sheet.as_deref(), Some("Orders"));
        assert!(state.run.previewing);
        // A sheet without a suggestion falls back to columns of that sheet.
        let preview = Response::Preview(Box::new(
            sniff_bytes(b"just,some,words\nand,more,words\n", true).unwrap(),
        ));
        let state = reduce(state, heard(preview));
        assert_eq!(state.mapping.unwrap().sheet.as_deref(), Some("Orders"));
    }
}
