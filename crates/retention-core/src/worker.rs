//! The order import as the page's Web Worker runs it: the one typed definition of the
//! messages between the page and its worker, and the worker's side of the conversation.
//!
//! The page (the yew app) sends a [`Request`], with the file beside it when the request reads
//! one; the worker answers with [`Response`]s. Both sides are Rust and use these types, so a
//! renamed field fails to compile instead of failing in a browser. In between, the JS API's
//! `ImportSession` reads the file and hands it to a [`Session`], and `web/import-worker.js`
//! only passes messages on. On the wire every enum is externally tagged with camelCase names:
//! `{ summarise: { period: "month" } }`, `"preview"`, `{ forecast: { Ok: { ... } } }`.
//!
//! ```
//! use retention_core::worker::{Request, Response, Session};
//! use retention_core::{ForecastOptions, SummaryOptions};
//! let text = b"customer,date,amount\nann,2024-01-10,10\nbob,2024-02-20,20\n".to_vec();
//! let mut session = Session::default();
//! let mut answers = Vec::new();
//! session.handle(Request::Preview, Some(text.clone()), 0.0, &mut |r| answers.push(r), &|| 0.0);
//! let Some(Response::Preview(preview)) = answers.pop() else { panic!("a preview") };
//! let import = Request::Import {
//!     mapping: preview.mapping.unwrap(),
//!     summary: SummaryOptions::default(),
//!     forecast: ForecastOptions::default(),
//! };
//! session.handle(import, Some(text), 0.0, &mut |r| answers.push(r), &|| 0.0);
//! assert!(answers.iter().any(|r| matches!(r, Response::Summary(s) if s.customers == 2)));
//! ```

use serde::{Deserialize, Serialize};

use crate::{
    decode_text, forecast_orders, parse_orders, sniff_orders, summarise_orders, win_back_csv,
    FitError, Forecast, ForecastOptions, Forecaster, ImportError, ImportStats, Locale, Mapping,
    OrderLog, Preview, Summary, SummaryOptions,
};

/// How much of a file the preview reads: enough rows to guess the layout, little enough to
/// answer at once whatever the file's size.
pub const PREVIEW_BYTES: usize = 64 * 1024;

/// The fewest columns an order export can have: a customer, a date and an amount.
pub const MIN_COLUMNS: usize = 3;

/// The most columns a preview accepts: shop and CRM exports have tens to a few hundred; more
/// is another kind of file, or a separator that splits every word.
pub const MAX_COLUMNS: usize = 1000;

/// What the page asks of its import worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Request {
    /// Guess how the file sent along is laid out, from its first [`PREVIEW_BYTES`]:
    /// answered by [`Response::Preview`] or [`Response::Failed`].
    Preview,
    /// Read the whole file sent along with `mapping`, then count and forecast it: answered
    /// by progress, [`Response::Stats`], [`Response::Summary`], [`Response::Forecast`] and
    /// [`Response::Done`].
    Import {
        mapping: Mapping,
        summary: SummaryOptions,
        forecast: ForecastOptions,
    },
    /// Count the imported orders again with other options.
    Summarise(SummaryOptions),
    /// Write a file of the imported orders: answered by [`Response::File`].
    Download {
        file: Download,
        options: SummaryOptions,
        locale: Locale,
    },
}

impl Request {
    /// How many bytes at most of the file sent along this request it reads: 0 for none,
    /// `usize::MAX` for all of it.
    pub fn reads(&self) -> usize {
        match self {
            Request::Preview => PREVIEW_BYTES,
            Request::Import { .. } => usize::MAX,
            Request::Summarise(_) | Request::Download { .. } => 0,
        }
    }
}

/// A file the worker writes from the imported orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Download {
    /// Every inactive customer, for a win-back mail.
    WinBack,
    /// Every customer's forecast.
    Forecast,
}

impl Download {
    /// The name the file is saved under.
    pub fn file_name(self) -> &'static str {
        match self {
            Download::WinBack => "win-back.csv",
            Download::Forecast => "forecast.csv",
        }
    }
}

/// A step of an import, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Read,
    Parse,
    Summarise,
    Forecast,
}

/// Milliseconds each step of an import took, for the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timings {
    pub read: f64,
    pub parse: f64,
    pub summarise: f64,
    pub forecast: f64,
}

/// Why the worker could not do what was asked; the page words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Problem {
    /// The browser could not read the file (it was moved, or access was refused).
    Unreadable,
    /// The file is empty.
    Empty,
    /// The file is larger than the browser lets the calculator hold in memory.
    TooLarge,
    /// The file is not text: a spreadsheet's own format, a picture, an archive.
    NotText,
    /// Fewer than [`MIN_COLUMNS`] columns: no separator found, or not an order export.
    TooFewColumns { found: usize },
    /// More than [`MAX_COLUMNS`] columns: not an order export.
    TooManyColumns { found: usize },
    /// The mapping does not fit the rows.
    Mapping(ImportError),
    /// Nothing imported yet to count or write.
    NothingImported,
    /// A request the worker cannot read: the page and the worker are different versions.
    BadRequest,
}

/// What the worker says back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Response {
    /// How the file seems to be laid out.
    Preview(Preview),
    /// How far a step is: `done` of `total`.
    Progress { stage: Stage, done: f64, total: f64 },
    /// What the import read, and whether the file was Windows-1252 rather than UTF-8.
    Stats {
        stats: ImportStats,
        windows1252: bool,
    },
    /// The orders counted.
    Summary(Box<Summary>),
    /// The fitted models and the most valuable customers, or why there is no forecast.
    Forecast(Result<Box<Forecast>, FitError>),
    /// A file to save.
    File { file: Download, text: String },
    /// The import is complete.
    Done { timings: Timings, bytes: f64 },
    /// Something went wrong.
    Failed(Problem),
}

/// Sniffs the start of a file: what answers [`Request::Preview`]. `complete` says the sample
/// is the whole file; otherwise it is cut after its last line break, so no row is cut short.
///
/// ```
/// use retention_core::worker::{preview, Problem, Response};
/// assert_eq!(preview(Vec::new(), true), Response::Failed(Problem::Empty));
/// assert_eq!(preview(b"PK\x03\x04\x00\x00".to_vec(), true), Response::Failed(Problem::NotText));
/// assert_eq!(
///     preview(b"ann@example.com\nbob@example.com\n".to_vec(), true),
///     Response::Failed(Problem::TooFewColumns { found: 1 })
/// );
/// ```
pub fn preview(mut sample: Vec<u8>, complete: bool) -> Response {
    if !complete {
        if let Some(end) = sample.iter().rposition(|b| *b == b'\n') {
            sample.truncate(end + 1);
        }
    }
    if sample.iter().all(u8::is_ascii_whitespace) {
        return Response::Failed(Problem::Empty);
    }
    let (text, _) = decode_text(sample);
    if text.contains('\0') {
        return Response::Failed(Problem::NotText);
    }
    let preview = sniff_orders(&text);
    match preview.columns.len() {
        found if found < MIN_COLUMNS => Response::Failed(Problem::TooFewColumns { found }),
        found if found > MAX_COLUMNS => Response::Failed(Problem::TooManyColumns { found }),
        _ => Response::Preview(preview),
    }
}

/// The worker's side: what was imported, and the answer to each request.
#[derive(Debug, Default)]
pub struct Session {
    imported: Option<Imported>,
}

#[derive(Debug)]
struct Imported {
    log: OrderLog,
    forecaster: Option<Forecaster>,
}

impl Session {
    /// Answers `request` through `post`. `file` holds what [`Request::reads`] asked for of
    /// the file sent along, read in `read_ms`; `now` is a clock in milliseconds for the
    /// timings.
    pub fn handle(
        &mut self,
        request: Request,
        file: Option<Vec<u8>>,
        read_ms: f64,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        match (request, file) {
            (Request::Preview, Some(bytes)) => {
                let complete = bytes.len() < PREVIEW_BYTES;
                post(preview(bytes, complete));
            }
            (
                Request::Import {
                    mapping,
                    summary,
                    forecast,
                },
                Some(bytes),
            ) => self.import(bytes, &mapping, &summary, forecast, read_ms, post, now),
            (Request::Preview | Request::Import { .. }, None) => {
                post(Response::Failed(Problem::Unreadable))
            }
            (Request::Summarise(options), _) => post(match &self.imported {
                Some(i) => Response::Summary(Box::new(summarise_orders(&i.log, &options))),
                None => Response::Failed(Problem::NothingImported),
            }),
            (
                Request::Download {
                    file,
                    options,
                    locale,
                },
                _,
            ) => post(match self.write(file, &options, locale) {
                Some(text) => Response::File { file, text },
                None => Response::Failed(Problem::NothingImported),
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn import(
        &mut self,
        bytes: Vec<u8>,
        mapping: &Mapping,
        summary: &SummaryOptions,
        forecast: ForecastOptions,
        read_ms: f64,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        self.imported = None;
        let size = bytes.len() as f64;
        let mut timings = Timings {
            read: read_ms,
            ..Timings::default()
        };
        let t0 = now();
        let (text, windows1252) = decode_text(bytes);
        let parsed = parse_orders(&text, mapping, |done, total| {
            post(Response::Progress {
                stage: Stage::Parse,
                done: done as f64,
                total: total as f64,
            });
            true
        });
        drop(text);
        let log = match parsed {
            Ok(log) => log,
            Err(e) => return post(Response::Failed(Problem::Mapping(e))),
        };
        timings.parse = now() - t0;
        post(Response::Stats {
            stats: log.stats().clone(),
            windows1252,
        });
        let step = |stage| Response::Progress {
            stage,
            done: 0.0,
            total: 1.0,
        };
        post(step(Stage::Summarise));
        let t0 = now();
        let counted = summarise_orders(&log, summary);
        timings.summarise = now() - t0;
        post(Response::Summary(Box::new(counted)));
        post(step(Stage::Forecast));
        let t0 = now();
        let forecaster = forecast_orders(&log, None, forecast);
        timings.forecast = now() - t0;
        let result = forecaster.as_ref().map(|f| Box::new(f.forecast().clone()));
        post(Response::Forecast(result.map_err(|e| *e)));
        self.imported = Some(Imported {
            log,
            forecaster: forecaster.ok(),
        });
        post(Response::Done {
            timings,
            bytes: size,
        });
    }

    /// The text of a download; `None` before an import.
    fn write(&self, file: Download, options: &SummaryOptions, locale: Locale) -> Option<String> {
        let imported = self.imported.as_ref()?;
        Some(match file {
            Download::WinBack => win_back_csv(&imported.log, options, locale),
            Download::Forecast => imported
                .forecaster
                .as_ref()
                .map(|f| f.csv(&imported.log, locale))
                .unwrap_or_default(),
        })
    }
}
