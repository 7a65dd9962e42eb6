//! The order import as the page's Web Worker runs it: the one typed definition of the
//! messages between the page and its worker, and the worker's side of the conversation.
//!
//! The page (the yew app) sends a [`Request`], with the file beside it when the request reads
//! one; the worker answers with [`Response`]s. Both sides are Rust and use these types, so a
//! renamed field fails to compile instead of failing in a browser. In between, the JS API's
//! `ImportSession` hands the file (a `Blob`, read a slice at a time) to a [`Session`], and
//! `web/import-worker.js` only passes messages on. On the wire every enum is externally
//! tagged with camelCase names: `{ summarise: { period: "month" } }`, `{ preview: {} }`,
//! `{ forecast: { Ok: { ... } } }`.
//!
//! A preview can carry the import to start if it leaves nothing to decide (`then`, see
//! [`Request::Preview`]): the worker then imports straight after it, and the page keeps those
//! answers until "analyse" asks for that same import.
//!
//! The session sniffs the first [`SAMPLE_BYTES`] of a text file (decoded by the core, so a
//! Windows-1252 or UTF-16 export previews right) and streams an import through an
//! [`OrderReader`], [`SLICE_BYTES`] at a time: its memory grows with the orders and
//! customers, not with the file. A workbook (`.xlsx`, `.xls`) is read whole, as its format
//! needs.
//!
//! The same worker reads a member export ([`Request::MemberPreview`],
//! [`Request::MemberImport`], [`Request::MemberAnalyse`]): the file is read whole (a workbook's
//! sheet as text, the first unless another is asked for), parsed with progress and analysed by [`analyse_members`], and the
//! members are kept for another analysis.
//!
//! ```
//! use retention_core::worker::{Request, Response, Session};
//! use retention_core::{ForecastOptions, Seed, SummaryOptions};
//! let text = b"customer,date,amount\nann,2024-01-10,10\nbob,2024-02-20,20\n";
//! let mut session = Session::new(Seed::random());
//! let mut answers = Vec::new();
//! let preview = Request::Preview { sheet: None, then: None };
//! session.handle_bytes(preview, Some(text), &mut |r| answers.push(r), &|| 0.0);
//! let Some(Response::Preview(preview)) = answers.pop() else { panic!("a preview") };
//! let import = Request::Import {
//!     mapping: preview.mapping.unwrap(),
//!     summary: SummaryOptions::default(),
//!     forecast: ForecastOptions::default(),
//! };
//! session.handle_bytes(import, Some(text), &mut |r| answers.push(r), &|| 0.0);
//! assert!(answers.iter().any(|r| matches!(r, Response::Summary(s) if s.customers == 2)));
//! ```

use std::future::{ready, Future, Ready};
use std::pin::pin;
use std::task::{Context, Waker};

use serde::{Deserialize, Serialize};

use crate::{
    analyse_members, decode_text, parse_members, sheet_text, sniff_members, MemberImportError,
    MemberImportStats, MemberLog, MemberMapping, MemberOptions, MemberPreview, MemberSummary,
};
use crate::{
    forecast_orders, is_workbook, segment_customers, sheet_names, sniff_bytes, sniff_workbook,
    summarise_orders, win_back_csv, Compression, FitError, Forecast, ForecastOptions, Forecaster,
    ImportError, ImportStats, Locale, Mapping, OrderLog, OrderReader, Preview, Seed, Segment,
    Segmentation, SniffError, Summary, SummaryOptions, WinBack, SAMPLE_BYTES,
};
use crate::{
    looks_like_summary_file, read_summary_file, warehouse_sql, Inputs, SqlError, SummaryFile,
    SummaryFileError, SummaryFileStats, TimeUnit, WarehouseQuery,
};

/// How many customers at risk a [`Response::WinBack`] lists (the count and the sum are of
/// all of them; the download has them all).
pub const WIN_BACK_LISTED: usize = 20;

/// How much of a file the worker reads at a time (a text file: it holds at most two slices at
/// once, the one it parses and the next, being read), and how often the progress bar moves.
pub const SLICE_BYTES: u64 = 1 << 20;

/// What the page asks of its import worker.
#[allow(clippy::large_enum_variant)] // one request a click: its size costs nothing
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Request {
    /// Guess how the file sent along is laid out: from its first [`SAMPLE_BYTES`] for text,
    /// from `sheet` (default the first) for a workbook. Answered by [`Response::Preview`] or
    /// [`Response::Failed`]. With `then`, a preview that leaves nothing to decide
    /// ([`Preview::sure_mapping`]) is followed at once by the answers of the import of its
    /// mapping with those options ([`ImportOptions::import`]), as if that had been asked
    /// next: the worker starts it without waiting for the page.
    Preview {
        #[serde(default)]
        sheet: Option<String>,
        #[serde(default)]
        then: Option<ImportOptions>,
    },
    /// Read the whole file sent along with `mapping`, then forecast, count and segment it:
    /// answered by progress, [`Response::Stats`], [`Response::Forecast`],
    /// [`Response::Summary`], [`Response::Segments`] (on `summary.reference`),
    /// [`Response::WinBack`] and [`Response::Done`], in that order.
    Import {
        mapping: Mapping,
        summary: SummaryOptions,
        forecast: ForecastOptions,
    },
    /// Count the imported orders again with other options: answered by
    /// [`Response::Summary`] and [`Response::WinBack`] (its cut-off `inactive_days`).
    Summarise(SummaryOptions),
    /// The RFM segments of the imported customers on `reference` (default: the last
    /// purchase day), with the import's forecast: answered by [`Response::Segments`].
    Segments(SummaryOptions),
    /// Write a file of the imported orders: answered by [`Response::File`].
    Download {
        file: Download,
        options: SummaryOptions,
        locale: Locale,
    },
    /// Guess how the member export sent along is laid out, from its first
    /// [`SAMPLE_BYTES`], or from `sheet` (default the first) of a workbook: answered by
    /// [`Response::MemberPreview`] or [`Response::Failed`].
    MemberPreview {
        #[serde(default)]
        sheet: Option<String>,
    },
    /// Read the whole member export sent along with `mapping` (from `sheet` of a workbook,
    /// default the first) and analyse it: answered by progress, [`Response::MemberStats`],
    /// [`Response::MemberSummary`] and [`Response::Done`].
    MemberImport {
        mapping: MemberMapping,
        options: MemberOptions,
        #[serde(default)]
        sheet: Option<String>,
    },
    /// Analyse the imported members again with other options.
    MemberAnalyse(MemberOptions),
    /// The SQL that lets a warehouse do the counting (see [`warehouse_sql`]): answered by
    /// [`Response::WarehouseSql`]. The page asks the worker, so that its own download holds
    /// no SQL writer.
    WarehouseSql(WarehouseQuery),
}

impl Request {
    /// Whether the request reads the file sent along.
    pub fn reads_file(&self) -> bool {
        matches!(
            self,
            Request::Preview { .. }
                | Request::Import { .. }
                | Request::MemberPreview { .. }
                | Request::MemberImport { .. }
        )
    }
}

/// How an import counts and forecasts: what [`Request::Import`] takes besides the mapping,
/// and what a preview's `then` imports with.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    pub summary: SummaryOptions,
    pub forecast: ForecastOptions,
}

impl ImportOptions {
    /// The import of the file with `mapping` and these options.
    pub fn import(self, mapping: Mapping) -> Request {
        Request::Import {
            mapping,
            summary: self.summary,
            forecast: self.forecast,
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
    /// The customers of one RFM segment, for a mailing tool: `{ segment: "atRisk" }`.
    Segment(Segment),
    /// Every customer with their RFM segment.
    Segments,
}

impl Download {
    /// The name the file is saved under.
    pub fn file_name(self) -> &'static str {
        match self {
            Download::WinBack => "win-back.csv",
            Download::Forecast => "forecast.csv",
            Download::Segment(segment) => segment.file_name(),
            Download::Segments => "segments.csv",
        }
    }
}

/// A step of an import, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    /// Reading a workbook into memory (a text file is read as it is parsed).
    Read,
    /// Reading the rows into orders.
    Parse,
    Summarise,
    Forecast,
}

/// Milliseconds each step of an import took, for the benchmark: `read` waiting for the
/// file's bytes, `parse` reading them into orders.
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
    /// The workbook is larger than the browser lets the calculator hold in memory.
    TooLarge,
    /// The file cannot be an order export: empty, not text, too few or too many columns, a
    /// row that never ends, a workbook that cannot be read.
    Sniff(SniffError),
    /// The file could not be read with the mapping.
    Mapping(ImportError),
    /// The member export could not be read with the mapping.
    MemberMapping(MemberImportError),
    /// Nothing imported yet to count or write.
    NothingImported,
    /// A request the worker cannot read: the page and the worker are different versions.
    BadRequest,
    /// The file starts as a summary file but cannot be read as one.
    SummaryFile(SummaryFileError),
}

/// What the worker says back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Response {
    /// How the file seems to be laid out.
    Preview(Box<Preview>),
    /// How far a step is: `done` of `total` (bytes; rows of a workbook, with `total` 0).
    Progress { stage: Stage, done: f64, total: f64 },
    /// What the import read: rows, orders, statuses left out, guests, bad rows, encoding.
    Stats(Box<ImportStats>),
    /// The orders counted.
    Summary(Box<Summary>),
    /// The fitted models and the most valuable customers, or why there is no forecast.
    Forecast(Result<Box<Forecast>, FitError>),
    /// The RFM segments: counts, shares, predicted CLV and P(alive), actions, the R × F grid.
    Segments(Box<Segmentation>),
    /// The customers to win back first (after an import: the cut-off from the shop's
    /// purchase cycle).
    WinBack(Box<WinBack>),
    /// A file to save.
    File { file: Download, text: String },
    /// How a member export seems to be laid out.
    MemberPreview(Box<MemberPreview>),
    /// What the member import read: rows, members, bad rows by line.
    MemberStats(Box<MemberImportStats>),
    /// The members analysed: cohorts, Kaplan–Meier survival, the sBG and member value.
    MemberSummary(Box<MemberSummary>),
    /// The import is complete.
    Done { timings: Timings, bytes: f64 },
    /// The SQL asked for, or why it cannot be written (a name that cannot be quoted, ...).
    WarehouseSql(Result<String, SqlError>),
    /// The file previewed is a per-customer summary (the warehouse SQL's, lifetimes',
    /// PyMC-Marketing's): read whole and fitted at once, answered by this, progress,
    /// [`Response::Forecast`] and [`Response::Done`].
    SummaryFile(Box<SummaryRead>),
    /// Something went wrong.
    Failed(Problem),
}

/// What a summary file held, and what the calculator can take from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryRead {
    /// What the file held, as the CLI and the JS API count it.
    #[serde(flatten)]
    pub stats: SummaryFileStats,
    /// Spend and frequency for the calculator ([`SummaryFile::fill`]).
    pub fill: Inputs,
}

/// The answer to a request: what `made` makes of what it read, or the problem.
fn answer<T>(read: Result<T, Problem>, made: impl FnOnce(T) -> Response) -> Response {
    read.map_or_else(Response::Failed, made)
}

/// What an earlier import left, or [`Problem::NothingImported`].
fn imported<T>(kept: &Option<T>) -> Result<&T, Problem> {
    kept.as_ref().ok_or(Problem::NothingImported)
}

/// The file sent along with a request, read a slice at a time: a `Blob` in the browser,
/// bytes in memory natively.
pub trait Source {
    /// A read under way.
    type Read: Future<Output = Result<Vec<u8>, Problem>>;
    /// The file's size in bytes.
    fn size(&self) -> u64;
    /// The bytes `start..end`, `end` at most [`Source::size`]. The read starts when this is
    /// called, not when the future is first polled, and holds no borrow of the source: the
    /// next slice can be on its way while the caller parses this one.
    fn read(&mut self, start: u64, end: u64) -> Self::Read;
}

/// Bytes in memory: every read is ready at once.
impl Source for &[u8] {
    type Read = Ready<Result<Vec<u8>, Problem>>;

    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read(&mut self, start: u64, end: u64) -> Self::Read {
        let bytes = self.get(start as usize..end as usize).unwrap_or_default();
        ready(Ok(bytes.to_vec()))
    }
}

/// The worker's side: what was imported, and the answer to each request.
#[derive(Debug)]
pub struct Session {
    /// Keys the import's id tables (see [`Seed`]).
    seed: Seed,
    imported: Option<Imported>,
    /// The member export read last.
    members: Option<MemberLog>,
    /// The summary file read last, and its fit.
    summaries: Option<(SummaryFile, Option<Forecaster>)>,
    /// The made-up import of a warm-up under way ([`Session::warm_up`]).
    warm: Option<Imported>,
}

#[derive(Debug)]
struct Imported {
    log: OrderLog,
    forecaster: Option<Forecaster>,
}

impl Imported {
    /// The customers to win back, weighed by the forecast's probability that each is still
    /// a customer when there is one; `scored`, the customers' RFM scores on `reference` when
    /// the caller has them.
    fn win_back(
        &self,
        reference: Option<crate::Date>,
        cutoff: Option<u32>,
        scored: Option<&[crate::CustomerRfm]>,
    ) -> WinBack {
        let p_alive = self
            .forecaster
            .as_ref()
            .map(Forecaster::p_alive_by_customer)
            .unwrap_or_default();
        let p = |i: u32| p_alive.get(i as usize).copied().filter(|p| p.is_finite());
        let log = &self.log;
        crate::orders::win_back_scored(log, reference, cutoff, &p, WIN_BACK_LISTED, scored)
    }
}

impl Session {
    /// A session whose imports hash ids with `seed`: random, so that no file can be crafted
    /// to make the import slow.
    pub fn new(seed: Seed) -> Session {
        Session {
            seed,
            imported: None,
            members: None,
            summaries: None,
            warm: None,
        }
    }

    /// Answers `request` through `post`, reading what it needs of `file`; `now` is a clock in
    /// milliseconds for the timings. Requests are answered one at a time, in order: the
    /// caller awaits each before it starts the next.
    pub async fn handle(
        &mut self,
        request: Request,
        file: Option<&mut impl Source>,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        match (request, file) {
            (Request::Preview { sheet, then }, Some(file)) => {
                // The file's head, read once: is it a summary file, and its preview.
                let head = file.read(0, file.size().min(SAMPLE_BYTES as u64)).await;
                if sheet.is_none() && head.as_ref().is_ok_and(|h| looks_like_summary_file(h)) {
                    return self.read_summaries(file, None, post, now).await;
                }
                let read = match head {
                    Ok(head) => preview(file, head, sheet.as_deref()).await,
                    Err(problem) => Err(problem),
                };
                // A summary saved from a spreadsheet: its sheet says so once it is read.
                if read
                    .as_ref()
                    .is_ok_and(|p| !p.sheets.is_empty() && p.is_summary_file())
                {
                    return self.read_summaries(file, sheet.as_deref(), post, now).await;
                }
                let sure = read.as_ref().ok().and_then(Preview::sure_mapping).cloned();
                post(answer(read, |p| Response::Preview(Box::new(p))));
                if let (Some(options), Some(mapping)) = (then, sure) {
                    let (summary, forecast) = (options.summary, options.forecast);
                    self.import(file, &mapping, &summary, forecast, post, now)
                        .await
                }
            }
            (
                Request::Import {
                    mapping,
                    summary,
                    forecast,
                },
                Some(file),
            ) => {
                self.import(file, &mapping, &summary, forecast, post, now)
                    .await
            }
            (Request::MemberPreview { sheet }, Some(file)) => {
                let read = member_preview(file, sheet.as_deref()).await;
                post(answer(read, |p| Response::MemberPreview(Box::new(p))));
            }
            (
                Request::MemberImport {
                    mapping,
                    options,
                    sheet,
                },
                Some(file),
            ) => {
                self.import_members(file, &mapping, &options, sheet.as_deref(), post, now)
                    .await
            }
            (
                Request::Preview { .. }
                | Request::Import { .. }
                | Request::MemberPreview { .. }
                | Request::MemberImport { .. },
                None,
            ) => post(Response::Failed(Problem::Unreadable)),
            (Request::WarehouseSql(query), _) => {
                post(Response::WarehouseSql(warehouse_sql(&query)))
            }
            (Request::MemberAnalyse(options), _) => post(answer(imported(&self.members), |log| {
                Response::MemberSummary(Box::new(analyse_members(log, &options)))
            })),
            (Request::Summarise(options), _) => match &self.imported {
                Some(i) => {
                    post(Response::Summary(Box::new(summarise_orders(
                        &i.log, &options,
                    ))));
                    post(Response::WinBack(Box::new(i.win_back(
                        options.reference,
                        Some(options.inactive_days),
                        None,
                    ))));
                }
                None => post(Response::Failed(Problem::NothingImported)),
            },
            (Request::Segments(options), _) => post(answer(imported(&self.imported), |i| {
                let segments = segment_customers(&i.log, options.reference, i.forecaster.as_ref());
                Response::Segments(Box::new(segments.segmentation().clone()))
            })),
            (
                Request::Download {
                    file,
                    options,
                    locale,
                },
                _,
            ) => {
                let written = self.write(file, &options, locale);
                let written = written.ok_or(Problem::NothingImported);
                post(answer(written, |text| Response::File { file, text }))
            }
        }
    }

    /// Step `step` (from 0) of a warm-up: a small made-up export ([`WARM_UP_ORDERS`] orders)
    /// previewed, read, summarised, forecast and segmented as an import would be, a step at a
    /// time, every answer to `post`; the session's own imports are left alone. Returns
    /// whether a step is left. A browser compiles a wasm function only when it first runs:
    /// a worker that waits for a file (or for "analyse") takes these steps meanwhile, one at a
    /// time so that a request waits for one step at most, and the file finds the code
    /// compiled. It first compiles a function quickly, and well only once it has run a while:
    /// the import is made [`WARM_UP_ROUNDS`] times over (steps 0–4, 5–9, ...). Nothing is left
    /// to warm up once a file was imported (a preview that leaves nothing to decide imports in
    /// the same request, with no step in between).
    pub fn warm_up(&mut self, step: usize, post: &mut dyn FnMut(Response)) -> bool {
        if self.imported.is_some() || step >= WARM_UP_STEPS * WARM_UP_ROUNDS {
            self.warm = None;
            return false;
        }
        let text = warm_up_export(WARM_UP_ORDERS);
        let mapping = || sniff_bytes(text.as_bytes(), true).ok()?.mapping;
        let options = SummaryOptions::default();
        match (step % WARM_UP_STEPS, self.warm.as_mut()) {
            (0, _) => {
                let _ = looks_like_summary_file(text.as_bytes());
                let preview = sniff_bytes(text.as_bytes(), true).map_err(Problem::Sniff);
                post(answer(preview, |p| Response::Preview(Box::new(p))));
            }
            (1, _) => {
                let Some(mapping) = mapping() else {
                    return false;
                };
                // As an import reads a file: through an OrderReader.
                let read = OrderReader::new(&mapping, self.seed).and_then(|mut reader| {
                    reader.feed(text.as_bytes())?;
                    reader.finish()
                });
                let Ok(log) = read else { return false };
                post(Response::Stats(Box::new(log.stats().clone())));
                self.warm = Some(Imported {
                    log,
                    forecaster: None,
                });
            }
            (2, Some(warm)) => post(Response::Summary(Box::new(summarise_orders(
                &warm.log, &options,
            )))),
            (3, Some(warm)) => {
                let forecaster = forecast_orders(&warm.log, None, ForecastOptions::default());
                let result = forecaster.as_ref().map(|f| Box::new(f.forecast().clone()));
                post(Response::Forecast(result.map_err(|e| *e)));
                warm.forecaster = forecaster.ok();
            }
            (4, Some(warm)) => {
                let segments = segment_customers(&warm.log, None, warm.forecaster.as_ref());
                post(Response::Segments(Box::new(
                    segments.segmentation().clone(),
                )));
                post(Response::WinBack(Box::new(warm.win_back(None, None, None))));
                self.warm = None;
                return step + 1 < WARM_UP_STEPS * WARM_UP_ROUNDS;
            }
            _ => {
                self.warm = None;
                return false;
            }
        }
        true
    }

    /// [`Session::handle`] for a file in memory, which never waits: answered before this
    /// returns.
    pub fn handle_bytes(
        &mut self,
        request: Request,
        file: Option<&[u8]>,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        let mut file = file;
        let answer = pin!(self.handle(request, file.as_mut(), post, now));
        // Bytes in memory are ready at once, so one poll runs the request to its end.
        let done = answer.poll(&mut Context::from_waker(Waker::noop()));
        debug_assert!(done.is_ready());
    }

    async fn import(
        &mut self,
        file: &mut impl Source,
        mapping: &Mapping,
        summary: &SummaryOptions,
        forecast: ForecastOptions,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        self.imported = None;
        self.summaries = None;
        let mut timings = Timings::default();
        let log = match read_orders(file, mapping, self.seed, &mut timings, post, now).await {
            Ok(log) => log,
            Err(problem) => return post(Response::Failed(problem)),
        };
        post(Response::Stats(Box::new(log.stats().clone())));
        let step = |stage| Response::Progress {
            stage,
            done: 0.0,
            total: 1.0,
        };
        // The forecast first: the page shows it first, and the rest while it is on screen.
        post(step(Stage::Forecast));
        let t0 = now();
        let forecaster = forecast_orders(&log, None, forecast);
        timings.forecast = now() - t0;
        let result = forecaster.as_ref().map(|f| Box::new(f.forecast().clone()));
        post(Response::Forecast(result.map_err(|e| *e)));
        post(step(Stage::Summarise));
        let t0 = now();
        // The RFM scores once, for the summary's inactive customers, the segments and the
        // win-back list alike (all on the same day).
        let reference = summary
            .reference
            .or(log.span().map(|(_, last)| crate::Date::from_days(last)));
        let scored = crate::rfm_scores(&log, reference);
        let counted = crate::orders::summarise_scored(&log, summary, Some(&scored));
        timings.summarise = now() - t0;
        post(Response::Summary(Box::new(counted)));
        let segments = crate::segments::segment_scored(scored, reference, forecaster.as_ref().ok());
        post(Response::Segments(Box::new(
            segments.segmentation().clone(),
        )));
        let imported = Imported {
            log,
            forecaster: forecaster.ok(),
        };
        let scored = Some(segments.customers());
        post(Response::WinBack(Box::new(
            imported.win_back(reference, None, scored),
        )));
        self.imported = Some(imported);
        post(Response::Done {
            timings,
            bytes: file.size() as f64,
        });
    }

    /// Reads a summary file whole (a row per customer, or per history: small next to the
    /// orders it sums up; of a workbook, its sheet `sheet`, else the first) and fits the
    /// models on it.
    async fn read_summaries(
        &mut self,
        file: &mut impl Source,
        sheet: Option<&str>,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        self.imported = None;
        self.summaries = None;
        let mut timings = Timings::default();
        let bytes = match read_timed(file, post, now, &mut timings).await {
            Ok(bytes) => bytes,
            Err(problem) => return post(Response::Failed(problem)),
        };
        let t1 = now();
        let text = match whole_text(bytes, sheet) {
            Ok(text) => text,
            Err(problem) => return post(Response::Failed(problem)),
        };
        let read = read_summary_file(&text, TimeUnit::Days);
        timings.parse = now() - t1;
        let summaries = match read {
            Ok(summaries) => summaries,
            Err(e) => return post(Response::Failed(Problem::SummaryFile(e))),
        };
        post(Response::SummaryFile(Box::new(SummaryRead {
            stats: summaries.stats.clone(),
            fill: summaries.fill(),
        })));
        post(Response::Progress {
            stage: Stage::Forecast,
            done: 0.0,
            total: 1.0,
        });
        let t0 = now();
        let options = ForecastOptions {
            top: WIN_BACK_LISTED,
            ..ForecastOptions::default()
        };
        let forecaster = Forecaster::fit_summaries(&summaries, options);
        timings.forecast = now() - t0;
        let result = forecaster.as_ref().map(|f| Box::new(f.forecast().clone()));
        post(Response::Forecast(result.map_err(|e| *e)));
        self.summaries = Some((summaries, forecaster.ok()));
        post(Response::Done {
            timings,
            bytes: file.size() as f64,
        });
    }

    async fn import_members(
        &mut self,
        file: &mut impl Source,
        mapping: &MemberMapping,
        options: &MemberOptions,
        sheet: Option<&str>,
        post: &mut dyn FnMut(Response),
        now: &dyn Fn() -> f64,
    ) {
        self.members = None;
        let mut timings = Timings::default();
        // The member import reads text whole: its memory is the file's and the table's.
        let bytes = match read_timed(file, post, now, &mut timings).await {
            Ok(bytes) => bytes,
            Err(problem) => return post(Response::Failed(problem)),
        };
        let t1 = now();
        let text = match whole_text(bytes, sheet) {
            Ok(text) => text,
            Err(problem) => return post(Response::Failed(problem)),
        };
        let log = parse_members(&text, mapping, |done, total| {
            post(Response::Progress {
                stage: Stage::Parse,
                done: done as f64,
                total: total as f64,
            });
            true
        });
        drop(text);
        let log = match log {
            Ok(log) => log,
            Err(e) => return post(Response::Failed(Problem::MemberMapping(e))),
        };
        timings.parse = now() - t1;
        post(Response::MemberStats(Box::new(log.stats().clone())));
        post(Response::Progress {
            stage: Stage::Summarise,
            done: 0.0,
            total: 1.0,
        });
        let t0 = now();
        let summary = analyse_members(&log, options);
        timings.summarise = now() - t0;
        post(Response::MemberSummary(Box::new(summary)));
        self.members = Some(log);
        post(Response::Done {
            timings,
            bytes: file.size() as f64,
        });
    }

    /// The text of a download; `None` before an import.
    fn write(&self, file: Download, options: &SummaryOptions, locale: Locale) -> Option<String> {
        if let (Download::Forecast, Some((summaries, forecaster))) = (file, &self.summaries) {
            return Some(
                forecaster
                    .as_ref()
                    .map(|f| f.csv(summaries, locale))
                    .unwrap_or_default(),
            );
        }
        let imported = self.imported.as_ref()?;
        Some(match file {
            Download::WinBack => win_back_csv(&imported.log, options, locale),
            Download::Forecast => imported
                .forecaster
                .as_ref()
                .map(|f| f.csv(&imported.log, locale))
                .unwrap_or_default(),
            Download::Segment(_) | Download::Segments => {
                let segment = match file {
                    Download::Segment(segment) => Some(segment),
                    _ => None,
                };
                let log = &imported.log;
                segment_customers(log, options.reference, imported.forecaster.as_ref())
                    .csv(log, segment, locale)
            }
        })
    }
}

/// How many orders [`Session::warm_up`] imports.
pub const WARM_UP_ORDERS: usize = 3_000;

/// How many times [`Session::warm_up`] makes its import: in V8 (node, the JS API) the first
/// real import after one round parsed CDNOW_master in 46–95 ms, after three in 28–31 (as fast
/// as a second import), and fitted it in 32–51 ms against 28–33.
pub const WARM_UP_ROUNDS: usize = 3;

/// The steps of one round of [`Session::warm_up`].
const WARM_UP_STEPS: usize = 5;

/// A made-up export of `orders` orders in the shape of a shop's: a customer, an ISO date and
/// an amount a row; customers arrive over a year and buy again after a month or two until
/// they stop (half of them after each order), from a fixed pseudo-random sequence.
pub(crate) fn warm_up_export(orders: usize) -> String {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |below: u64| {
        // xorshift64: cheap and the same every time.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    let first = crate::Date::from_ymd(2023, 1, 1).map_or(19_358, crate::Date::days);
    let mut text = String::from("customer,date,amount\n");
    let (mut written, mut customer) = (0, 0);
    while written < orders {
        customer += 1;
        let mut day = first + next(365) as i32;
        loop {
            let cents = 500 + next(20_000);
            let date = crate::Date::from_days(day);
            text += &format!("c{customer},{date},{}.{:02}\n", cents / 100, cents % 100);
            written += 1;
            day += 20 + next(80) as i32;
            if written == orders || next(2) == 0 || day > first + 540 {
                break;
            }
        }
    }
    text
}

/// The preview of a file from its `head` (its first [`SAMPLE_BYTES`]): the head sniffed, or a
/// sheet of a workbook.
async fn preview(
    file: &mut impl Source,
    head: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Preview, Problem> {
    let size = file.size();
    if is_workbook(&head) {
        // No progress: a preview is no import.
        let bytes = read_whole(file, head, &mut |_| {}).await?;
        return sniff_workbook(&bytes, sheet).map_err(Problem::Sniff);
    }
    sniff_bytes(&head, head.len() as u64 == size).map_err(Problem::Sniff)
}

/// A whole file's text: of a workbook, its sheet `sheet` (else the first), else the bytes
/// decoded.
fn whole_text(bytes: Vec<u8>, sheet: Option<&str>) -> Result<String, Problem> {
    if is_workbook(&bytes) {
        sheet_text(&bytes, sheet).map_err(Problem::Sniff)
    } else {
        Ok(decode_text(bytes).0)
    }
}

/// The preview of a member export: its first [`SAMPLE_BYTES`], up to the last whole line,
/// decoded and sniffed; of a workbook, `sheet` (default the first) as text, with the names of
/// its sheets.
async fn member_preview(
    file: &mut impl Source,
    sheet: Option<&str>,
) -> Result<MemberPreview, Problem> {
    let size = file.size();
    let mut head = file.read(0, size.min(SAMPLE_BYTES as u64)).await?;
    if (head.len() as u64) < size {
        if let Some(end) = head.iter().rposition(|&b| b == b'\n') {
            head.truncate(end + 1);
        }
    }
    if let Some(format) = Compression::of(&head) {
        return Err(Problem::Sniff(SniffError::Compressed { format }));
    }
    let (text, sheets) = if is_workbook(&head) {
        // The sheet, read as text: the whole file, as its format needs.
        let bytes = read_whole(file, head, &mut |_| {}).await?;
        let sheets = sheet_names(&bytes).map_err(Problem::Sniff)?;
        (sheet_text(&bytes, sheet).map_err(Problem::Sniff)?, sheets)
    } else {
        (decode_text(head).0, Vec::new())
    };
    if text.trim().is_empty() && sheets.len() <= 1 {
        return Err(Problem::Sniff(SniffError::Empty));
    }
    Ok(MemberPreview {
        sheets,
        ..sniff_members(&text)
    })
}

/// Reads every order of a file: a text file streamed through an [`OrderReader`], a workbook
/// read whole. The next slice of a text file is asked for before the current one is parsed,
/// so that reading it (in the browser, a round trip to the browser's process) and parsing
/// overlap.
async fn read_orders(
    file: &mut impl Source,
    mapping: &Mapping,
    seed: Seed,
    timings: &mut Timings,
    post: &mut dyn FnMut(Response),
    now: &dyn Fn() -> f64,
) -> Result<OrderLog, Problem> {
    let size = file.size();
    let mut reader = OrderReader::new(mapping, seed).map_err(Problem::Mapping)?;
    let mut at = 0;
    let mut next = (size > 0).then(|| file.read(0, SLICE_BYTES.min(size)));
    while let Some(pending) = next.take() {
        let waited = now();
        let slice = pending.await?;
        let arrived = now();
        timings.read += arrived - waited;
        if slice.is_empty() {
            break;
        }
        if at == 0 && is_workbook(&slice) {
            let bytes = read_whole(file, slice, post).await?;
            timings.read += now() - arrived;
            let t0 = now();
            let mut progress = |rows: usize, _| {
                post(Response::Progress {
                    stage: Stage::Parse,
                    done: rows as f64,
                    total: 0.0,
                });
                true
            };
            let log = OrderReader::read_all(&bytes, mapping, seed, &mut progress);
            timings.parse = now() - t0;
            return log.map_err(Problem::Mapping);
        }
        at += slice.len() as u64;
        if at < size {
            next = Some(file.read(at, (at + SLICE_BYTES).min(size)));
        }
        let parsing = now();
        reader.feed(&slice).map_err(Problem::Mapping)?;
        drop(slice);
        timings.parse += now() - parsing;
        post(Response::Progress {
            stage: Stage::Parse,
            done: at as f64,
            total: size as f64,
        });
    }
    let t0 = now();
    let log = reader.finish().map_err(Problem::Mapping);
    timings.parse += now() - t0;
    log
}

/// Reads a file whole (a summary file, a member export), timing it in `timings.read`.
async fn read_timed(
    file: &mut impl Source,
    post: &mut dyn FnMut(Response),
    now: &dyn Fn() -> f64,
    timings: &mut Timings,
) -> Result<Vec<u8>, Problem> {
    let t0 = now();
    let bytes = read_whole(file, Vec::new(), post).await;
    timings.read = now() - t0;
    bytes
}

/// The whole file, starting from its first bytes `head`: for a workbook, whose format needs
/// all of it.
async fn read_whole(
    file: &mut impl Source,
    head: Vec<u8>,
    post: &mut dyn FnMut(Response),
) -> Result<Vec<u8>, Problem> {
    let size = file.size();
    let mut bytes = Vec::new();
    let capacity = usize::try_from(size).map_err(|_| Problem::TooLarge)?;
    bytes
        .try_reserve_exact(capacity)
        .map_err(|_| Problem::TooLarge)?;
    bytes.extend_from_slice(&head);
    drop(head);
    while (bytes.len() as u64) < size {
        let at = bytes.len() as u64;
        let slice = file.read(at, (at + SLICE_BYTES).min(size)).await?;
        if slice.is_empty() {
            break;
        }
        bytes.extend_from_slice(&slice);
        post(Response::Progress {
            stage: Stage::Read,
            done: bytes.len() as f64,
            total: size as f64,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;

    /// The first answer of a kind among those said.
    macro_rules! first {
        ($said:expr, $kind:path) => {
            $said.iter().find_map(|r| match r {
                $kind(s) => Some(s),
                _ => None,
            })
        };
    }

    fn answers(session: &mut Session, request: Request, file: Option<&[u8]>) -> Vec<Response> {
        let mut said = Vec::new();
        session.handle_bytes(request, file, &mut |r| said.push(r), &|| 0.0);
        said
    }

    fn preview_of(bytes: &[u8]) -> Response {
        let request = Request::Preview {
            sheet: None,
            then: None,
        };
        let mut said = answers(&mut Session::new(Seed(1, 2)), request, Some(bytes));
        assert_eq!(said.len(), 1, "{said:?}");
        said.remove(0)
    }

    #[test]
    fn previews_name_what_cannot_be_read() {
        let failed = |e| Response::Failed(Problem::Sniff(e));
        assert_eq!(preview_of(b""), failed(SniffError::Empty));
        assert_eq!(preview_of(b" \r\n\n"), failed(SniffError::Empty));
        assert_eq!(preview_of(b"a,b,c\n\0\0\0\n"), failed(SniffError::Binary));
        assert_eq!(
            preview_of(b"ann@example.com\nbob@example.com\n"),
            failed(SniffError::TooFewColumns {
                found: 1,
                needed: 3
            })
        );
        let wide = (0..2000).map(|i| format!("c{i}")).collect::<Vec<_>>();
        assert_eq!(
            preview_of(format!("{}\n", wide.join(",")).as_bytes()),
            failed(SniffError::TooManyColumns {
                found: 2000,
                limit: 1000
            })
        );
    }

    #[test]
    fn a_preview_reads_the_sample_and_no_row_cut_in_half() {
        let row = "customer-with-a-long-name,2024-01-01,12.50\n";
        let text = format!("customer,date,amount\n{}", row.repeat(20_000));
        assert!(text.len() > 2 * SAMPLE_BYTES);
        let Response::Preview(preview) = preview_of(text.as_bytes()) else {
            panic!("a preview")
        };
        assert_eq!(preview.columns.len(), 3);
        assert!(preview.rows.iter().all(|r| r.len() == 3 && r[2] == "12.50"));
    }

    #[test]
    fn an_import_streams_the_file_in_slices_with_progress() {
        // Line items of 3,000 orders, over more than one slice: each order's two rows.
        let mut text = String::from("order,customer,date,price,quantity\n");
        for o in 0..30_000 {
            let day = 1 + o % 28;
            text += &format!("{o},c{},2024-03-{day:02},2.50,2\n", o % 700);
            text += &format!("{o},c{},2024-03-{day:02},1.00,5\n", o % 700);
        }
        assert!(text.len() as u64 > SLICE_BYTES);
        let mapping = Mapping {
            order: Some(0),
            customer: Some(1),
            date: 2,
            unit_price: Some(3),
            quantity: Some(4),
            ..Mapping::new(crate::Delimiter::Comma, true, 5)
        };
        let request = Request::Import {
            mapping,
            summary: SummaryOptions::default(),
            forecast: ForecastOptions::default(),
        };
        let mut session = Session::new(Seed(3, 4));
        let said = answers(&mut session, request, Some(text.as_bytes()));
        let parsed: Vec<f64> = said
            .iter()
            .filter_map(|r| match r {
                Response::Progress {
                    stage: Stage::Parse,
                    done,
                    total,
                } => {
                    assert_eq!(*total, text.len() as f64);
                    Some(*done)
                }
                _ => None,
            })
            .collect();
        assert_eq!(parsed.len(), text.len().div_ceil(SLICE_BYTES as usize));
        assert_eq!(parsed.last(), Some(&(text.len() as f64)));
        let stats = first!(said, Response::Stats);
        let stats = stats.expect("stats");
        // 2 × 2.50 + 5 × 1.00 per order, one order per row pair.
        assert_eq!(
            (stats.orders, stats.customers, stats.read.rows),
            (30_000, 700, 60_000)
        );
        let summary = first!(said, Response::Summary);
        assert_eq!(summary.expect("a summary").revenue, 30_000.0 * 10.0);
        assert!(matches!(said.last(), Some(Response::Done { .. })));
    }

    /// What a [`Logged`] source and the answers saw, in order.
    #[derive(Debug, PartialEq)]
    enum Seen {
        Read(u64),
        Parsed(u64),
    }

    /// Bytes in memory that note each read asked of them.
    struct Logged<'a>(&'a [u8], Rc<RefCell<Vec<Seen>>>);

    impl Source for Logged<'_> {
        type Read = Ready<Result<Vec<u8>, Problem>>;
        fn size(&self) -> u64 {
            self.0.len() as u64
        }
        fn read(&mut self, start: u64, end: u64) -> Self::Read {
            self.1.borrow_mut().push(Seen::Read(start));
            self.0.read(start, end)
        }
    }

    #[test]
    fn the_next_slice_is_asked_for_while_one_is_parsed_and_never_two_ahead() {
        let mut text = String::from("customer,date,amount\n");
        for k in 0..120_000 {
            text += &format!("c{},2024-03-{:02},12.50\n", k % 900, 1 + k % 28);
        }
        let size = text.len() as u64;
        let slices = size.div_ceil(SLICE_BYTES);
        assert!(slices >= 3, "{size}");
        let seen = Rc::new(RefCell::new(Vec::new()));
        let mut file = Logged(text.as_bytes(), seen.clone());
        let request = Request::Import {
            mapping: Mapping {
                customer: Some(0),
                date: 1,
                amount: Some(2),
                ..Mapping::new(crate::Delimiter::Comma, true, 3)
            },
            summary: SummaryOptions::default(),
            forecast: ForecastOptions::default(),
        };
        let mut post = |r: Response| {
            if let Response::Progress {
                stage: Stage::Parse,
                done,
                ..
            } = r
            {
                seen.borrow_mut().push(Seen::Parsed(done as u64));
            }
        };
        let mut session = Session::new(Seed(5, 6));
        let answer = pin!(session.handle(request, Some(&mut file), &mut post, &|| 0.0));
        assert!(answer
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_ready());
        // Slice k + 1 is asked for before slice k is parsed; the last one has no next.
        let mut expected = vec![Seen::Read(0)];
        for k in 1..slices {
            expected.push(Seen::Read(k * SLICE_BYTES));
            expected.push(Seen::Parsed(k * SLICE_BYTES));
        }
        expected.push(Seen::Parsed(size));
        assert_eq!(*seen.borrow(), expected);
    }

    #[test]
    fn segments_and_their_files_are_answers() {
        // 30 customers, c{k} buying on k + 1 days: no ties, so the most frequent fifth scores
        // F 5, and c29 also bought last (R 5): a champion.
        let mut text = String::from("customer,date,amount\n");
        for k in 0..30 {
            for d in 0..=k {
                text += &format!("c{k},{},10\n", crate::Date::from_days(19_800 + 2 * d + k));
            }
        }
        let mut session = Session::new(Seed(7, 8));
        let segments = Request::Segments(SummaryOptions::default());
        assert_eq!(
            answers(&mut session, segments.clone(), None),
            [Response::Failed(Problem::NothingImported)]
        );
        let import = Request::Import {
            mapping: crate::sniff_orders(&text).mapping.unwrap(),
            summary: SummaryOptions::default(),
            forecast: ForecastOptions::default(),
        };
        // The import answers with its segments; asking again gives the same.
        let said = answers(&mut session, import, Some(text.as_bytes()));
        let imported = said.iter().find_map(|r| match r {
            Response::Segments(s) => Some(s.clone()),
            _ => None,
        });
        let [Response::Segments(s)] = &answers(&mut session, segments, None)[..] else {
            panic!("segments")
        };
        assert_eq!(s.customers, 30);
        assert_eq!(s.segment(Segment::Champions).customers, 6);
        assert_eq!(imported.as_ref(), Some(s));
        let download = Request::Download {
            file: Download::Segment(Segment::Champions),
            options: SummaryOptions::default(),
            locale: Locale::En,
        };
        let [Response::File { file, text }] = &answers(&mut session, download, None)[..] else {
            panic!("a file")
        };
        assert_eq!(file.file_name(), "segment-champions.csv");
        // The header and the six champions, c29 (the most spent) first.
        assert_eq!(text.lines().count(), 7);
        assert!(text.lines().nth(1).unwrap().starts_with("c29,"));
    }

    #[test]
    fn a_mapping_that_does_not_fit_and_nothing_imported_are_answers() {
        let mut session = Session::new(Seed(5, 6));
        let request = Request::Import {
            mapping: Mapping {
                customer: Some(0),
                date: 0,
                amount: Some(2),
                ..Mapping::new(crate::Delimiter::Comma, true, 3)
            },
            summary: SummaryOptions::default(),
            forecast: ForecastOptions::default(),
        };
        assert_eq!(
            answers(&mut session, request, Some(b"a,b,c\n")),
            [Response::Failed(Problem::Mapping(
                ImportError::SameColumn { column: 0 }
            ))]
        );
        let summarise = Request::Summarise(SummaryOptions::default());
        assert_eq!(
            answers(&mut session, summarise, None),
            [Response::Failed(Problem::NothingImported)]
        );
    }

    #[test]
    fn a_member_export_is_previewed_read_and_analysed_with_bad_rows_by_line() {
        // Four members, hand-counted: two left (one after a month), two still there; line 4
        // ends before it starts.
        let text = "lid;start;opgezegd\nL1;01-01-2024;\nL2;01-01-2024;15-02-2024\n\
                    L3;01-03-2024;01-02-2024\nL4;01-02-2024;\nL5;01-02-2024;10-03-2024\n";
        let mut session = Session::new(Seed(7, 8));
        let said = answers(
            &mut session,
            Request::MemberPreview { sheet: None },
            Some(text.as_bytes()),
        );
        let [Response::MemberPreview(preview)] = &said[..] else {
            panic!("a preview: {said:?}")
        };
        let mapping = preview.mapping.expect("a mapping");
        assert_eq!(
            (mapping.member, mapping.start, mapping.end),
            (0, 1, Some(2))
        );
        let request = Request::MemberImport {
            mapping,
            options: MemberOptions::default(),
            sheet: None,
        };
        let said = answers(&mut session, request, Some(text.as_bytes()));
        let stats = first!(said, Response::MemberStats);
        let stats = stats.expect("stats");
        assert_eq!(
            (stats.read.rows, stats.subscriptions, stats.open),
            (5, 4, 2)
        );
        assert_eq!(stats.read.bad_rows[0].line, 4);
        let summary = first!(said, Response::MemberSummary);
        let summary = summary.expect("a summary");
        assert_eq!(
            (summary.members, summary.active, summary.cancelled),
            (4, 2, 2)
        );
        assert!(matches!(said.last(), Some(Response::Done { .. })));
        let again = answers(
            &mut session,
            Request::MemberAnalyse(MemberOptions::default()),
            None,
        );
        assert!(matches!(&again[..], [Response::MemberSummary(s)] if s.active == 2));
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn a_member_workbook_is_read_from_the_sheet_chosen() {
        use rust_xlsxwriter::Workbook;
        // A notes sheet first; the members on the second: m1 stays, m2 leaves.
        let mut book = Workbook::new();
        let notes = book.add_worksheet().set_name("Notes").unwrap();
        notes.write_string(0, 0, "Exported from the club").unwrap();
        let sheet = book.add_worksheet().set_name("Leden").unwrap();
        let rows = [
            ["member", "start", "end"],
            ["m1", "2024-01-01", ""],
            ["m2", "2024-01-01", "2024-02-10"],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut session = Session::new(Seed(9, 9));
        let preview = |session: &mut Session, sheet: Option<&str>| {
            let request = Request::MemberPreview {
                sheet: sheet.map(String::from),
            };
            match &answers(session, request, Some(&bytes))[..] {
                [Response::MemberPreview(p)] => p.clone(),
                other => panic!("a preview: {other:?}"),
            }
        };
        let first = preview(&mut session, None);
        assert_eq!(first.sheets, ["Notes", "Leden"]);
        assert_eq!(first.mapping, None);
        let second = preview(&mut session, Some("Leden"));
        assert_eq!(second.sheets, ["Notes", "Leden"]);
        let request = Request::MemberImport {
            mapping: second.mapping.expect("a mapping of the members' sheet"),
            options: MemberOptions::default(),
            sheet: Some("Leden".into()),
        };
        let said = answers(&mut session, request, Some(&bytes));
        let summary = first!(said, Response::MemberSummary);
        let summary = summary.expect("a summary");
        assert_eq!(
            (summary.members, summary.active, summary.cancelled),
            (2, 1, 1)
        );
    }

    #[test]
    fn the_warehouse_sql_is_an_answer_and_a_name_it_cannot_quote_an_error() {
        let mut session = Session::new(Seed(1, 2));
        let query = |dialect, table: &str| {
            Request::WarehouseSql(WarehouseQuery::new(
                dialect,
                table,
                "customer_id",
                "order_date",
                "total",
            ))
        };
        let said = answers(
            &mut session,
            query(crate::Dialect::Postgres, "orders; drop table x"),
            None,
        );
        let [Response::WarehouseSql(Ok(sql))] = &said[..] else {
            panic!("sql: {said:?}")
        };
        // Quoted as one name, never pasted as code.
        assert!(sql.contains("\"orders; drop table x\""), "{sql}");
        let said = answers(&mut session, query(crate::Dialect::BigQuery, "a`b"), None);
        assert!(matches!(
            &said[..],
            [Response::WarehouseSql(Err(SqlError::Character {
                column: crate::SqlColumn::Table,
                character: '`',
                ..
            }))]
        ));
    }

    #[test]
    fn a_summary_file_goes_straight_to_the_fit_of_the_same_orders() {
        // 300 customers with known histories, as an order log and as its summary file.
        let mut text = String::from("customer,date,amount\n");
        for k in 0..300u32 {
            let first = 19_700 + (k * 7) % 200;
            for d in 0..=(k % 5) {
                let day = first + d * (11 + k % 13);
                text += &format!(
                    "c{k},{},{}\n",
                    crate::Date::from_days(day as i32),
                    10 + k % 7 * d
                );
            }
        }
        let log = crate::parse_orders(
            &text,
            &crate::sniff_orders(&text).mapping.unwrap(),
            |_, _| true,
        )
        .unwrap();
        let end = crate::Date::from_days(log.span().unwrap().1);
        let file = crate::summary_csv(&log, &crate::customer_summaries(&log, end));
        let mut session = Session::new(Seed(9, 9));
        let said = answers(
            &mut session,
            Request::Preview {
                sheet: None,
                then: None,
            },
            Some(file.as_bytes()),
        );
        let read = first!(said, Response::SummaryFile);
        let read = read.expect("a summary file");
        assert_eq!(read.stats.customers, 300);
        let options = ForecastOptions {
            top: WIN_BACK_LISTED,
            ..ForecastOptions::default()
        };
        let from_orders = forecast_orders(&log, None, options).unwrap();
        let Some(Response::Forecast(Ok(forecast))) =
            said.iter().find(|r| matches!(r, Response::Forecast(_)))
        else {
            panic!("a forecast: {said:?}")
        };
        let (a, b) = (forecast.purchases, from_orders.forecast().purchases);
        for (x, y) in [(a.r, b.r), (a.alpha, b.alpha), (a.a, b.a), (a.b, b.b)] {
            assert!((x - y).abs() <= 1e-9 * y.abs(), "{a:?} {b:?}");
        }
        assert!(matches!(said.last(), Some(Response::Done { .. })));
        // Only the forecast can be written from it.
        let download = |file| Request::Download {
            file,
            options: SummaryOptions::default(),
            locale: Locale::En,
        };
        let said = answers(&mut session, download(Download::Forecast), None);
        assert!(matches!(&said[..], [Response::File { text, .. }] if text.lines().count() == 301));
        let said = answers(&mut session, download(Download::WinBack), None);
        assert_eq!(said, [Response::Failed(Problem::NothingImported)]);
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn a_summary_saved_as_a_workbook_takes_the_summary_path_as_its_text_does() {
        use rust_xlsxwriter::Workbook;
        // 40 customers' summaries (x repeat purchases, recency, T, spend), as text and as the
        // second sheet of a workbook whose first sheet is notes.
        let mut text = String::from("customer_id,frequency,recency,T,monetary_value\n");
        let rows: Vec<(String, f64, f64, f64, f64)> = (0..40u32)
            .map(|k| {
                let x = f64::from(k % 6);
                let t = 100.0 + f64::from(k * 3);
                let recency = if x == 0.0 {
                    0.0
                } else {
                    t - f64::from(k % 17) - 1.0
                };
                let spend = if x == 0.0 {
                    0.0
                } else {
                    20.0 + f64::from(k % 9)
                };
                (format!("c{k}"), x, recency, t, spend)
            })
            .collect();
        let mut book = Workbook::new();
        book.add_worksheet()
            .set_name("Notes")
            .unwrap()
            .write_string(0, 0, "From the shop")
            .unwrap();
        let sheet = book.add_worksheet().set_name("Summary").unwrap();
        for (c, name) in ["customer_id", "frequency", "recency", "T", "monetary_value"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *name).unwrap();
        }
        for (r, (id, x, recency, t, spend)) in rows.iter().enumerate() {
            text += &format!("{id},{x},{recency},{t},{spend}\n");
            let r = r as u32 + 1;
            sheet.write_string(r, 0, id).unwrap();
            for (c, v) in [x, recency, t, spend].into_iter().enumerate() {
                sheet.write_number(r, c as u16 + 1, *v).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let preview = |sheet: Option<&str>| Request::Preview {
            sheet: sheet.map(String::from),
            then: None,
        };
        let from_text = answers(
            &mut Session::new(Seed(9, 9)),
            preview(None),
            Some(text.as_bytes()),
        );
        let from_text = first!(from_text, Response::Forecast)
            .expect("a forecast")
            .clone()
            .expect("a fit");
        // The first sheet holds no orders and no summary: the user is asked, and picks.
        let mut session = Session::new(Seed(9, 9));
        let said = answers(&mut session, preview(None), Some(&bytes));
        let listed = first!(said, Response::Preview).expect("a preview");
        assert_eq!(listed.sheets, ["Notes", "Summary"]);
        let said = answers(&mut session, preview(Some("Summary")), Some(&bytes));
        let read = first!(said, Response::SummaryFile).expect("a summary file");
        assert_eq!(read.stats.customers, 40);
        let forecast = first!(said, Response::Forecast)
            .expect("a forecast")
            .clone()
            .expect("a fit");
        let (a, b) = (forecast.purchases, from_text.purchases);
        for (x, y) in [(a.r, b.r), (a.alpha, b.alpha), (a.a, b.a), (a.b, b.b)] {
            assert!((x - y).abs() <= 1e-12 * y.abs(), "{a:?} {b:?}");
        }
        assert!(matches!(said.last(), Some(Response::Done { .. })));
    }

    #[test]
    fn the_import_scores_once_and_answers_as_each_count_alone() {
        // The summary, segments and win-back list of an import (RFM scored once) equal those
        // of the public functions, which score on their own.
        let text = warm_up_export(2_000);
        let mapping = crate::sniff_orders(&text).mapping.unwrap();
        let log = crate::parse_orders(&text, &mapping, |_, _| true).unwrap();
        let options = SummaryOptions {
            inactive_limit: Some(20),
            ..SummaryOptions::default()
        };
        let mut session = Session::new(Seed(5, 5));
        let request = Request::Import {
            mapping,
            summary: options,
            forecast: ForecastOptions::default(),
        };
        let said = answers(&mut session, request, Some(text.as_bytes()));
        // The forecast comes before the rest (the page shows it first).
        let kinds: Vec<&str> = said
            .iter()
            .filter_map(|r| match r {
                Response::Stats(_) => Some("stats"),
                Response::Forecast(_) => Some("forecast"),
                Response::Summary(_) => Some("summary"),
                Response::Segments(_) => Some("segments"),
                Response::WinBack(_) => Some("winBack"),
                Response::Done { .. } => Some("done"),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            ["stats", "forecast", "summary", "segments", "winBack", "done"]
        );
        let summary = first!(said, Response::Summary).expect("a summary");
        let alone = summarise_orders(&log, &options);
        assert!(alone.inactive_count > 0 && !alone.inactive.is_empty());
        assert_eq!(**summary, alone);
        let forecaster = forecast_orders(&log, None, ForecastOptions::default()).ok();
        let segments = first!(said, Response::Segments).expect("segments");
        let alone = segment_customers(&log, None, forecaster.as_ref());
        assert_eq!(**segments, *alone.segmentation());
        let win_back = first!(said, Response::WinBack).expect("a win-back list");
        let imported = Imported { log, forecaster };
        let alone = imported.win_back(None, None, None);
        assert!(!alone.customers.is_empty());
        assert_eq!(**win_back, alone);
    }

    #[test]
    fn a_preview_that_leaves_nothing_to_decide_chains_its_import_and_another_does_not() {
        let options = ImportOptions {
            summary: SummaryOptions {
                inactive_limit: Some(1),
                ..SummaryOptions::default()
            },
            forecast: ForecastOptions {
                top: 1,
                ..ForecastOptions::default()
            },
        };
        let preview = |then| Request::Preview { sheet: None, then };
        // ISO dates, one column each: nothing to decide. Hand-counted: 2 customers, 3 orders,
        // 10 + 20 + 5 spent.
        let sure =
            b"customer,date,amount\nann,2024-01-10,10\nbob,2024-02-20,20\nann,2024-03-05,5\n";
        let mut session = Session::new(Seed(5, 6));
        let mut said = answers(&mut session, preview(Some(options)), Some(sure));
        let Response::Preview(previewed) = said.remove(0) else {
            panic!("the preview first: {said:?}")
        };
        let mapping = previewed.sure_mapping().expect("nothing to decide").clone();
        let summary = first!(said, Response::Summary).expect("the import's summary");
        assert_eq!(
            (summary.customers, summary.orders, summary.revenue),
            (2, 3, 35.0)
        );
        assert_eq!(summary.options.inactive_limit, Some(1));
        assert!(matches!(said.last(), Some(Response::Done { .. })));
        // The answers the import of the preview's mapping gives when the page asks for it.
        let asked = answers(
            &mut Session::new(Seed(5, 6)),
            options.import(mapping),
            Some(sure),
        );
        assert_eq!(said, asked);
        // Imported: the recount needs no file, and nothing is left to warm up.
        let recount = answers(&mut session, Request::Summarise(options.summary), None);
        assert!(matches!(&recount[..], [Response::Summary(s), _] if s.customers == 2));
        assert!(!session.warm_up(0, &mut |_| {}));

        // 03/04/2024: the 3rd of April or March the 4th? The preview alone; the user decides,
        // and meanwhile the worker warms up.
        let unsure = b"customer,date,amount\nc1,03/04/2024,10\nc2,04/05/2024,5\n";
        let mut session = Session::new(Seed(5, 6));
        let said = answers(&mut session, preview(Some(options)), Some(unsure));
        assert!(
            matches!(&said[..], [Response::Preview(p)] if p.mapping.is_some()),
            "{said:?}"
        );
        let recount = answers(&mut session, Request::Summarise(options.summary), None);
        assert_eq!(recount, [Response::Failed(Problem::NothingImported)]);
        assert!(session.warm_up(0, &mut |_| {}));
        // Nothing to decide but no import asked for: the preview alone.
        let said = answers(&mut Session::new(Seed(5, 6)), preview(None), Some(sure));
        assert!(matches!(&said[..], [Response::Preview(_)]), "{said:?}");
    }

    #[test]
    fn the_warm_up_steps_through_a_preview_and_a_whole_import_and_keeps_nothing() {
        let mut session = Session::new(Seed(3, 4));
        let mut said = Vec::new();
        let mut steps = 0;
        while session.warm_up(steps, &mut |r| said.push(r)) {
            steps += 1;
        }
        // The last step's index: every round's five steps were taken.
        assert_eq!(steps, WARM_UP_STEPS * WARM_UP_ROUNDS - 1);
        let previews = said.iter().filter(|r| matches!(r, Response::Preview(_)));
        assert_eq!(previews.count(), WARM_UP_ROUNDS);
        let preview = first!(said, Response::Preview).expect("a preview");
        assert!(preview.mapping.is_some());
        let stats = first!(said, Response::Stats).expect("stats");
        assert_eq!(
            (stats.read.rows, stats.read.bad_row_count),
            (WARM_UP_ORDERS, 0)
        );
        assert!(matches!(first!(said, Response::Forecast), Some(Ok(_))));
        assert!(matches!(said.last(), Some(Response::WinBack(_))));
        assert!(session.warm.is_none());
        // Nothing imported: the session still says so.
        let summarise = Request::Summarise(SummaryOptions::default());
        assert_eq!(
            answers(&mut session, summarise, None),
            [Response::Failed(Problem::NothingImported)]
        );
    }

    #[test]
    fn analysing_members_before_an_import_is_an_answer() {
        let mut session = Session::new(Seed(1, 1));
        let analyse = Request::MemberAnalyse(MemberOptions::default());
        assert_eq!(
            answers(&mut session, analyse, None),
            [Response::Failed(Problem::NothingImported)]
        );
    }
}
