//! The state of an order import: the file's preview and mapping, the worker's progress and
//! what it found. The worker itself lives in `worker.rs`; the view in
//! `components/import_panel.rs`.

use std::rc::Rc;

use retention_core::{Delimiter, Mapping, Preview, Summary, SummaryOptions};
use yew::Reducible;

use crate::worker::{Forecasted, Message, Stage, Stats, Timings};

/// Why an import stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// No worker here (a page opened from file://).
    NeedsServer,
    /// The user cancelled.
    Cancelled,
    /// The worker said what went wrong.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportState {
    pub file_name: Option<String>,
    pub preview: Option<Preview>,
    /// The mapping to import with: the suggestion, as the user changed it.
    pub mapping: Option<Mapping>,
    /// The step running and how far along it is (0–1); `None` when nothing runs.
    pub running: Option<(Stage, f64)>,
    pub stats: Option<Stats>,
    pub summary: Option<Summary>,
    pub forecasted: Option<Forecasted>,
    pub timings: Option<Timings>,
    pub options: SummaryOptions,
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportAction {
    /// A file was chosen and its first rows sniffed.
    Previewed {
        file_name: String,
        preview: Box<Preview>,
    },
    SetMapping(Mapping),
    Started,
    Worker(Message),
    SetOptions(SummaryOptions),
    Stopped(Problem),
    /// Back to choosing a file.
    Reset,
}

/// A mapping to start from when the sniffer could not suggest one: the first three columns.
fn fallback_mapping(preview: &Preview) -> Mapping {
    let columns = preview.columns.len().max(1);
    let last = columns - 1;
    Mapping {
        customer: Some(0),
        date: 1.min(last),
        amount: Some(2.min(last)),
        ..Mapping::new(preview.delimiter, preview.has_header, columns)
    }
}

impl Reducible for ImportState {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ImportAction::Previewed { file_name, preview } => {
                next = ImportState {
                    options: self.options,
                    mapping: Some(
                        preview
                            .mapping
                            .clone()
                            .unwrap_or_else(|| fallback_mapping(&preview)),
                    ),
                    file_name: Some(file_name),
                    preview: Some(*preview),
                    ..ImportState::default()
                };
            }
            ImportAction::SetMapping(mapping) => next.mapping = Some(mapping),
            ImportAction::Started => {
                next.running = Some((Stage::Read, 0.0));
                next.stats = None;
                next.summary = None;
                next.forecasted = None;
                next.timings = None;
                next.problem = None;
            }
            ImportAction::Worker(message) => match message {
                Message::Progress { stage, done, total } => {
                    next.running = Some((
                        stage,
                        if total > 0.0 {
                            (done / total).clamp(0.0, 1.0)
                        } else {
                            0.0
                        },
                    ));
                }
                Message::Stats { stats } => next.stats = Some(*stats),
                Message::Summary { summary } => next.summary = Some(*summary),
                Message::Forecast { forecasted } => next.forecasted = Some(*forecasted),
                Message::Done { timings, .. } => {
                    next.running = None;
                    next.timings = Some(timings);
                }
                Message::Error { message } => {
                    next.running = None;
                    next.problem = Some(Problem::Failed(message));
                }
                // Files to save are the view's business.
                Message::Csv { .. } => return self,
            },
            ImportAction::SetOptions(options) => next.options = options,
            ImportAction::Stopped(problem) => {
                next.running = None;
                next.problem = Some(problem);
            }
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

/// The field separator as people call it.
pub fn delimiter_symbol(delimiter: Delimiter) -> &'static str {
    match delimiter {
        Delimiter::Comma => ",",
        Delimiter::Semicolon => ";",
        Delimiter::Tab => "tab",
        Delimiter::Whitespace => "␠",
    }
}

#[cfg(test)]
mod tests {
    use retention_core::sniff_orders;

    use super::*;

    fn reduce(state: ImportState, action: ImportAction) -> ImportState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn a_preview_suggests_a_mapping_or_a_fallback() {
        let preview = sniff_orders("customer,date,amount\na,2024-01-01,5\n");
        let state = reduce(
            ImportState::default(),
            ImportAction::Previewed {
                file_name: "x.csv".into(),
                preview: Box::new(preview.clone()),
            },
        );
        assert_eq!(state.mapping, preview.mapping);
        let odd = sniff_orders("just some words\nand more words\n");
        let state = reduce(
            state,
            ImportAction::Previewed {
                file_name: "y.txt".into(),
                preview: Box::new(odd),
            },
        );
        let mapping = state.mapping.unwrap();
        assert!(mapping.check().is_ok(), "{mapping:?}");
    }

    #[test]
    fn progress_runs_until_done_or_an_error() {
        let state = reduce(ImportState::default(), ImportAction::Started);
        let state = reduce(
            state,
            ImportAction::Worker(Message::Progress {
                stage: Stage::Parse,
                done: 50.0,
                total: 200.0,
            }),
        );
        assert_eq!(state.running, Some((Stage::Parse, 0.25)));
        let failed = reduce(
            state.clone(),
            ImportAction::Worker(Message::Error {
                message: "boom".into(),
            }),
        );
        assert_eq!(
            (failed.running, failed.problem),
            (None, Some(Problem::Failed("boom".into())))
        );
        let cancelled = reduce(state, ImportAction::Stopped(Problem::Cancelled));
        assert_eq!(cancelled.running, None);
    }
}
