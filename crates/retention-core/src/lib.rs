//! Customer retention and lifetime value, as marketers calculate them.
//!
//! A pure-Rust core: it owns every formula, checks every input and says what each figure
//! means as data (formula with numbers, verdict, next steps). The yew app, the JS API and the
//! command-line tool all call it and never re-derive a formula.
//!
//! ```
//! use retention_core::{calculate, format_percent, Inputs, Locale};
//!
//! let inputs = Inputs {
//!     start: Some(1000.0), // S: customers at the start
//!     end: Some(1050.0),   // E: customers at the end
//!     new: Some(200.0),    // N: new customers won in the period
//!     ..Inputs::default()
//! };
//! let report = calculate(&inputs);
//! let retention = report.retention.unwrap();
//! assert_eq!(format_percent(retention.retention_rate, 1, Locale::Nl), "85,0\u{a0}%");
//! assert_eq!(retention.lost, 150);
//! ```
//!
//! Formulas:
//! - retention rate CRR = (E − N) / S × 100; churn = (S − (E − N)) / S × 100;
//! - annual churn from churn m per period: 1 − (1 − m)^n with n periods a year;
//! - expected lifespan = 1 / churn periods; CLV = spend × purchases a year × lifespan in years;
//!   profit CLV = CLV × margin.
//!
//! The words the page, the CLI and exported files share (`Figure::label`, `Figure::formula`,
//! `Quantity::text`, `Explanation::formula_text`, ...) live here too, as does the one CSV
//! writer, [`CsvWriter`], and [`worker`], the typed messages of the page's import worker.
//!
//! Feature `wasm` adds the JS API (`src/wasm/`): wasm-bindgen exports of these functions,
//! which `scripts/build.sh` packages as the ES module `dist/pkg/retention_core.js`. Without it
//! the crate has no wasm or web dependency.

mod check;
mod csv;
mod economics;
mod error;
mod exact;
mod explain;
mod forecast;
mod format;
mod formula;
mod locale;
mod members;
mod metrics;
mod nps;
mod orders;
mod parse;
mod periods;
mod predict;
mod scenario;
mod segments;
mod sql;
mod summary_file;
#[cfg(feature = "wasm")]
mod wasm;
mod words;
pub mod worker;

pub use csv::CsvWriter;
pub use economics::{discounted_clv, Acquisition, Discounted, RatioVerdict, HEALTHY_RATIO};
pub use error::{Field, InputError};
pub use exact::{format_exact, parse_exact};
pub use explain::{explain, focus, Advice, Explanation, Figure, Focus, Quantity, Token};
pub use forecast::{
    customer_summaries, forecast_orders, observation_end, CustomerForecast, CustomerSource,
    Forecast, ForecastOptions, Forecaster, OptionError,
};
pub use format::{format_count, format_decimal, format_input, format_money, format_percent, NBSP};
pub use locale::{Currency, Locale};
pub use members::{
    analyse_members, analyse_survivors, calculate_members, explain_members, parse_members,
    parse_survivors, sniff_members, CancellationCluster, ConstantChurn, Lifetimes, MemberAdvice,
    MemberBadRow, MemberBadRowReason, MemberCohort, MemberColumnGuess, MemberColumnKind,
    MemberError, MemberExplanation, MemberField, MemberFigure, MemberImportError,
    MemberImportStats, MemberInputs, MemberLog, MemberMapping, MemberOptions, MemberPeriod,
    MemberPreview, MemberReport, MemberRetention, MemberSummary, MemberValue, PlanRisk, PooledFit,
    Residual, Sbg, SbgError, SbgFit, Subscription, SurvivalPoint, SurvivalStep,
    SurvivorExplanation, SurvivorFigure, SurvivorInsight, SurvivorOptions, Survivors,
    SurvivorsError, SurvivorsReport, TenureRisk, MAX_HORIZON, MAX_MEMBER_COHORTS,
    MAX_MEMBER_HORIZON, MAX_MEMBER_PERIODS, MAX_PLANS, MAX_SURVIVOR_ROWS, MEMBER_PREVIEW_ROWS,
    MIN_COHORT_FIT, MIN_DISCOUNT_RATE, MIN_SURVIVOR_FIGURES,
};
pub use members::{
    cluster_kind, cohort_spread, flow_trend, plan_spread, tenure_focus, ClusterKind, CohortShare,
    CohortSpread, FlowTrend, TenureFocus, MIN_COMPARED, TREND_PERIODS,
};
pub use metrics::{
    annualise, calculate, clv, retention, Inputs, Lifespan, LifespanSource, Period, Report,
    Retention, Value, Verdict, NEAR_TARGET_MARGIN, TARGET_RETENTION,
};
pub use nps::{
    compare_nps, explain_change, explain_nps, explain_sample, nps, parse_answers, sample_needed,
    AnswerColumn, AnswerError, AnswerOptions, AnswerProblem, AnswerSheet, BadAnswer, ChangeVerdict,
    Interval, Nps, NpsAdvice, NpsBand, NpsChange, NpsCounts, NpsError, NpsExplanation, NpsField,
    NpsFigure, SampleNeeded, MAX_BAD_ANSWERS, MAX_RESPONDENTS, MIN_RESPONDENTS, SIGNIFICANCE, Z_95,
};
pub use orders::{
    decode_text, inactive_csv, left_out_by_default, normalise_status, parse_orders, sniff_orders,
    summarise_orders, BadRow, BadRowReason, ClvStats, Cohort, ColumnGuess, ColumnKind,
    CustomerOrders, Date, DateFormat, Delimiter, ImportError, ImportStats, InactiveCustomer,
    Mapping, NotADate, OrderLog, PeriodSummary, Preview, Purchase, RowsRead, Summary,
    SummaryOptions, LEFT_OUT_STATUSES, MAX_BAD_ROWS, PREVIEW_ROWS, PROGRESS_STEP,
};
pub use orders::{
    full_window_periods, purchase_cycle, rounded_fill, win_back, win_back_cutoff, year_fill,
    AtRisk, WinBack, YearFill, DEFAULT_CUTOFF_DAYS, MAX_CUTOFF_DAYS, MIN_CUTOFF_DAYS,
};
pub use orders::{
    is_workbook, purchase_days, sniff_bytes, Compression, Encoding, ExportFormat, Grouping,
    OrderReader, Seed, SniffError, StatusChoice, StatusCount, MAX_COLUMNS, MAX_QUOTED_CHARS,
    MAX_ROW_BYTES, MAX_STATUSES, MIN_COLUMNS, SAMPLE_BYTES,
};
pub use orders::{sheet_names, sheet_text, sniff_workbook};
pub use orders::{win_back_csv, MAX_COHORTS, MAX_PERIODS};
pub use orders::{SegmentCount, MAX_CONTACT_CHARS};
pub use parse::{parse_number, read_number, ParseError};
pub use periods::{parse_periods, PeriodRow, PeriodTable, RowError, RowProblem};
pub use predict::{
    digamma, hyp2f1, ln_beta, ln_gamma, predict, BgNbd, CustomerSummary, FitError, GammaGamma,
    Prediction,
};
pub use scenario::{half_life, revenue_next_year, survival, what_if, Scenario, WhatIf};
pub use segments::{
    rfm_scores, segment_customers, CustomerRfm, GridCell, ScoreRange, Segment, SegmentAction,
    SegmentSummary, Segmentation, Segmenter,
};
pub use sql::{
    warehouse_sql, Dialect, Models, SqlColumn, SqlError, SqlOutput, WarehouseQuery,
    MAX_SERIES_TERMS,
};
pub use summary_file::{
    looks_like_summary_file, read_summary_file, summary_csv, SummaryBadRow, SummaryFile,
    SummaryFileError, SummaryFileStats, SummaryRow, SummaryRowProblem, TimeUnit,
    MAX_SUMMARY_CUSTOMERS,
};
