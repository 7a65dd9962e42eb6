//! The JS API of the members side: the members calculator, the survivors table with its
//! sBG, and the member export. Same rules as the rest of the API (see the parent module):
//! mistakes in the data are data, only a malformed call throws.
//!
//! ```js
//! const report = calculateMembers({ start: 1000, cancelled: 50, new: 70, fee: 30, period: "month" });
//! const { table, report: sbg, error } = survivors("1000\n631\n468\n382\n", { period: "year" });
//! const analyzer = new MemberAnalyzer(bytes, sniffMembers(head).mapping, onProgress);
//! const summary = analyzer.analyse({ margin: 70 });
//! ```

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::input::JsNumber;
use super::{from_js, js_error, to_js, DEFAULT_LOCALE};
use crate::{
    Locale, MemberExplanation, MemberField, MemberImportStats, MemberInputs, MemberLog,
    MemberReport, Period, SbgError, SurvivorOptions, Survivors, SurvivorsError, SurvivorsReport,
};

#[wasm_bindgen(typescript_custom_section)]
const MEMBER_TYPES: &str = r#"
/** The members calculator's numbers; empty required fields are reported in `errors`. */
export interface MemberInput {
  /** S: members at the start of the period (required). */
  start?: NumberInput;
  /** C: members from the start who cancelled during the period (required). */
  cancelled?: NumberInput;
  /** N: new members who joined and are still there at the end (required). */
  new?: NumberInput;
  /** The fee per period; empty means no member CLV. */
  fee?: NumberInput;
  /** Gross margin on the fee in percent. */
  margin?: NumberInput;
  /** Yearly discount rate in percent, for the discounted member CLV. */
  discountRate?: NumberInput;
  /** Default "month". */
  period?: Period | null;
  /** How text numbers are read; default "en". */
  locale?: Locale | null;
}

/** A field of `MemberInput`. */
export type MemberField = "start" | "cancelled" | "new" | "fee" | "margin" | "discountRate";

/** A mistake in the members calculator's inputs: data, never thrown. */
export interface MemberError {
  code: "missing" | "notANumber" | "negative" | "notWhole" | "tooLarge" | "notAPercentage"
    | "startIsZero" | "cancelledExceedsStart";
  field: MemberField;
  message: string;
  /** Only with code "tooLarge". */
  max?: number;
}

/** Retention of members over one period. Rates in percent. */
export interface MemberRetention {
  period: Period;
  start: number;
  cancelled: number;
  new: number;
  /** S − C. */
  retained: number;
  /** S − C + N. */
  end: number;
  retentionRate: number;
  churnRate: number;
  annualRetentionRate: number;
  annualChurnRate: number;
  /** 1 / churn; null when nobody cancelled. */
  tenure: Lifespan | null;
  /** N / S. */
  newPerMember: number;
  /** N − C. */
  netChange: number;
  /** (N − C) / S × 100. */
  netGrowthRate: number;
  /** N / C; null when nobody cancelled. */
  newPerCancellation: number | null;
  verdict: Verdict;
}

/** What a member is worth at this churn. */
export interface MemberValue {
  fee: number;
  tenurePeriods: number;
  /** fee × tenure. */
  clv: number;
  margin: number | null;
  profitClv: number | null;
  discountRate: number | null;
  periodDiscountRate: number | null;
  /** m × (1 + d) / (d + churn), m the fee times the margin. */
  discountedClv: number | null;
}

/** A figure of the members calculator. */
export type MemberFigure =
  | "retentionRate" | "churnRate" | "annualRetention" | "annualChurn" | "end" | "newPerMember"
  | "netGrowth" | "tenure" | "clv" | "profitClv" | "discountedClv";

/** A next step for a membership business, for the page to word. */
export type MemberAdvice =
  | "onboarding" | "annualPlans" | "pauseInsteadOfCancel" | "winBackCancelled" | "exitSurvey"
  | "failedPayments" | "referral" | "upgrade" | "loyalty" | "acquisition" | "pricing";

/** What one members figure means. */
export interface MemberExplanation {
  figure: MemberFigure;
  value: Quantity;
  formula: Token[];
  verdict: Verdict | null;
  atTarget: Quantity | null;
  advice: MemberAdvice[];
}

/** Everything `calculateMembers` found; a figure is null when its inputs have a mistake. */
export interface MemberReport {
  retention: MemberRetention | null;
  /** null without a fee, or when nobody cancelled. */
  value: MemberValue | null;
  errors: MemberError[];
  explanations: MemberExplanation[];
}

/** How to read and value a survivors table. Every field has a default. */
export interface SurvivorOptions {
  /** The length of a period; default "year". */
  period?: Period;
  /** Periods to project beyond the table; default 10. */
  horizon?: number;
  /** Yearly discount rate in percent; default 10. */
  discountRate?: number;
  /** The fee per period, for values in money. */
  fee?: number | null;
  margin?: number | null;
  /** How the table's numbers are written; default "en". */
  locale?: Locale | null;
}

/** One cohort's members still there after each period. */
export interface Survivors {
  labels: string[];
  counts: number[];
  headerLine: number | null;
}

/** The sBG: churn probabilities ~ Beta(alpha, beta). */
export interface Sbg { alpha: number; beta: number; }

/** A maximum-likelihood sBG. */
export interface SbgFit {
  model: Sbg;
  logLikelihood: number;
  /** The members look alike: constant churn fits as well. */
  homogeneous: boolean;
}

/** Constant churn per period, as a share. */
export interface ConstantChurn { churn: number; }

/** One period of the survival curve. */
export interface SurvivalPoint {
  period: number;
  label: string | null;
  actual: number | null;
  fitted: number;
  constant: number;
  actualRetention: number | null;
  retention: number | null;
  projected: boolean;
}

/** Residual lifetime and value after `renewals` renewals. */
export interface Residual {
  renewals: number;
  derl: number;
  constantDerl: number;
  value: number | null;
  constantValue: number | null;
}

/** What stands out, for the page to say in words. */
export type SurvivorInsight =
  | { code: "retentionRises"; first: number; last: number; projected: number }
  | { code: "homogeneous" }
  | { code: "constantChurnUnderestimates"; period: number; sbg: number; constant: number }
  | { code: "constantChurnOverestimates"; period: number; sbg: number; constant: number }
  | { code: "loyalMembersWorthMore"; renewals: number; derl: number; newMember: number; constant: number };

export type SurvivorFigure =
  | "firstPeriodChurn" | "retentionByTenure" | "projected" | "del" | "derl" | "clv";

/** One survivors figure: its formula with the numbers and what constant churn says. */
export interface SurvivorExplanation {
  figure: SurvivorFigure;
  value: Quantity;
  formula: Token[];
  constant: Quantity;
  verdict: Verdict | null;
  advice: MemberAdvice[];
}

/** The sBG fitted to a survivors table, projected and valued. */
export interface SurvivorsReport {
  options: Required<Omit<SurvivorOptions, "locale">>;
  fit: SbgFit;
  constant: ConstantChurn;
  curve: SurvivalPoint[];
  periodDiscountRate: number;
  meanLifetime: number | null;
  constantMeanLifetime: number | null;
  del: number;
  constantDel: number;
  clv: number | null;
  constantClv: number | null;
  residual: Residual[];
  insights: SurvivorInsight[];
  explanations: SurvivorExplanation[];
}

/** Why the sBG could not be fitted. */
export type SbgError =
  | { code: "noMembers"; message: string }
  | { code: "tooFewMembers"; found: number; needed: number; message: string }
  | { code: "noChurn"; message: string }
  | { code: "everyoneLeft"; message: string }
  | { code: "tooFewPeriods"; message: string }
  | { code: "didNotConverge"; message: string };

/** Why a survivors table cannot be used. */
export type SurvivorsError =
  | { code: "tooFewPeriods"; found: number; needed: number; message: string }
  | { code: "noMembers"; message: string }
  | { code: "rises"; line: number; previous: number; count: number; message: string }
  | { code: "notACount"; line: number; text: string; message: string }
  | { code: "columns"; line: number; found: number; message: string }
  | { code: "tooManyRows"; max: number; message: string };

/** `survivors`: the table and its report, or the mistake that stopped them. */
export interface SurvivorsResult {
  table: Survivors | null;
  report: SurvivorsReport | null;
  error: SurvivorsError | SbgError | null;
}

/** How to read a member export; columns count from 0. */
export interface MemberMapping {
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: number;
  member: number;
  start: number;
  /** null: no end column, everyone is still a member. */
  end: number | null;
  fee: number | null;
  plan: number | null;
  dateFormat: DateFormat;
  /** The fees' habit. */
  locale: Locale;
}

/** What `sniffMembers` found. */
export interface MemberPreview {
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: {
    name: string;
    kind: "member" | "start" | "end" | "fee" | "plan" | "other";
    dateFormat: DateFormat | null;
    dateAmbiguous: boolean;
    numeric: boolean;
    emptyShare: number;
  }[];
  rows: string[][];
  mapping: MemberMapping | null;
  /** A workbook's sheets, in order; empty for a text file. */
  sheets: string[];
}

/** A row of a member export that was not read, and why. */
export interface MemberBadRow {
  line: number;
  reason: { code: "columns"; found: number; expected: number } | { code: "noMember" }
    | { code: "startDate"; text: string } | { code: "endDate"; text: string }
    | { code: "endBeforeStart"; start: string; end: string } | { code: "fee"; text: string }
    | { code: "unclosedQuote" };
}

/** What the member import read: rows = subscriptions + badRowCount. */
export interface MemberImportStats {
  rows: number;
  subscriptions: number;
  members: number;
  returning: number;
  open: number;
  withFee: number;
  plans: string[];
  otherPlans: number;
  headerLine: number | null;
  badRowCount: number;
  badRows: MemberBadRow[];
  /** The file was not UTF-8 and was read as Windows-1252. */
  windows1252: boolean;
}

/** How to count a member export. Every field has a default. */
export interface MemberOptions {
  /** ISO date; default the last date in the file. */
  reference?: string | null;
  /** The periods of the flow table; default "month". */
  period?: Period;
  /** The fee for members without one, per `feePeriod`. */
  fee?: number | null;
  /** The period the fees are quoted for; default "month". */
  feePeriod?: Period;
  margin?: number | null;
  /** Yearly discount rate in percent; default 10, at least 0.5. */
  discountRate?: number;
  /** Months to project; default 12, at most 120. */
  horizon?: number;
}

/** Members by start month; `shares[k]` still there k months later. */
export interface MemberCohort {
  label: string;
  firstDay: string;
  size: number;
  active: number;
  observed: number[];
  retained: number[];
  shares: number[];
  fit: SbgFit | null;
  fitError: SbgError | null;
  projected: number | null;
  del: number | null;
  residualLifetime: number | null;
  monthlyFee: number | null;
  clv: number | null;
}

/** Kaplan–Meier: members at risk and leaving in each month since the start. */
export interface SurvivalStep {
  month: number;
  atRisk: number;
  left: number;
  survival: number;
  lower: number;
  upper: number;
}

/** Members in and out over one period. */
export interface MemberPeriod {
  label: string;
  firstDay: string;
  lastDay: string;
  complete: boolean;
  start: number;
  new: number;
  cancelled: number;
  cancelledNew: number;
  end: number;
  churnRate: number | null;
  retentionRate: number | null;
  newPerMember: number | null;
  netChange: number;
  netGrowthRate: number | null;
}

/** The sBG over every member, in months, and what it says of today's members. */
export interface PooledFit {
  fit: SbgFit;
  constant: ConstantChurn;
  survival: number[];
  constantSurvival: number[];
  retention: number[];
  projection: number[];
  constantProjection: number[];
  meanLifetime: number | null;
  constantMeanLifetime: number | null;
  monthlyDiscountRate: number;
  del: number;
  constantDel: number;
  residualLifetime: number | null;
  constantResidualLifetime: number | null;
  clv: number | null;
  constantClv: number | null;
  residualValue: number | null;
  constantResidualValue: number | null;
  insights: SurvivorInsight[];
}

/** Retention by plan. */
export interface PlanRisk {
  plan: string;
  members: number;
  active: number;
  cancelled: number;
  churnRate: number | null;
  survival3: number | null;
  survival12: number | null;
  meanFee: number | null;
}

/** Today's members in a band of tenure. */
export interface TenureRisk {
  fromMonth: number;
  toMonth: number | null;
  active: number;
  churnRate: number | null;
  expectedLeaving: number;
}

/** A month since the start in which cancellations cluster. */
export interface CancellationCluster {
  month: number;
  atRisk: number;
  left: number;
  churnRate: number;
  baseline: number;
  excess: number;
  approaching: number;
}

/** Everything `MemberAnalyzer.analyse` found. */
export interface MemberSummary {
  options: Required<MemberOptions>;
  reference: string | null;
  firstStart: string | null;
  lastStart: string | null;
  members: number;
  active: number;
  cancelled: number;
  later: number;
  monthlyFee: number | null;
  cohorts: MemberCohort[];
  membersBeforeCohorts: number;
  survival: SurvivalStep[];
  periods: MemberPeriod[];
  periodsLeftOut: number;
  pooled: PooledFit | null;
  pooledError: SbgError | null;
  plans: PlanRisk[];
  tenure: TenureRisk[];
  clusters: CancellationCluster[];
  /** The members calculator's inputs from the last complete period. */
  fill: { [K in MemberField]: number | null } & { period: Period };
  fillPeriod: string | null;
}
"#;

/// The members calculator: retention, churn, tenure, member CLV and growth, with what each
/// figure means. Numbers may be JS numbers or text as people type it (read in
/// `input.locale`); mistakes come back in `errors`.
#[wasm_bindgen(js_name = "calculateMembers", unchecked_return_type = "MemberReport")]
pub fn calculate_members(
    #[wasm_bindgen(unchecked_param_type = "MemberInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    if input.is_array() {
        return Err(js_error(format_args!(
            "invalid type: array, expected {EXPECTED_MEMBER_INPUT}"
        )));
    }
    let JsMemberInput(inputs) = serde_wasm_bindgen::from_value(input).map_err(js_error)?;
    let report = crate::calculate_members(&inputs);
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        report: &'a MemberReport,
        explanations: Vec<MemberExplanation>,
    }
    to_js(&Out {
        explanations: crate::explain_members(&report),
        report: &report,
    })
}

/// Reads a survivors table ("period; members still active" per line) and fits the sBG:
/// `{ table, report, error }`. A table that cannot be read or fitted is an `error`, not a
/// throw.
#[wasm_bindgen(unchecked_return_type = "SurvivorsResult")]
pub fn survivors(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "SurvivorOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options: Option<JsSurvivorOptions> = from_js("options", options)?;
    let (options, locale) = options.map_or((SurvivorOptions::default(), None), |o| {
        (o.options, o.locale)
    });
    #[derive(Serialize)]
    struct Out<'a> {
        table: Option<&'a Survivors>,
        report: Option<SurvivorsReport>,
        error: Option<Problem>,
    }
    match crate::parse_survivors(text, locale.unwrap_or(DEFAULT_LOCALE)) {
        Err(e) => to_js(&Out {
            table: None,
            report: None,
            error: Some(Problem::Table(e)),
        }),
        Ok(table) => match crate::analyse_survivors(&table, &options) {
            Ok(report) => to_js(&Out {
                table: Some(&table),
                report: Some(report),
                error: None,
            }),
            Err(e) => to_js(&Out {
                table: Some(&table),
                report: None,
                error: Some(Problem::Fit(e)),
            }),
        },
    }
}

/// Guesses how a member export is laid out: delimiter, header, the member, start, end, fee
/// and plan columns, the date format and the fees' habit. Give it the first 64 KB or so.
#[wasm_bindgen(js_name = "sniffMembers", unchecked_return_type = "MemberPreview")]
pub fn sniff_members(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::sniff_members(text))
}

/// An imported member export, kept in wasm memory to be counted again with other options.
#[wasm_bindgen]
pub struct MemberAnalyzer {
    log: MemberLog,
    windows_1252: bool,
}

#[wasm_bindgen]
impl MemberAnalyzer {
    /// Reads an export (UTF-8, or Windows-1252) with `mapping`. Calls `onProgress(done,
    /// total)` every 64 KB; returning `false` cancels. Throws on a mapping that does not fit
    /// or a cancel; bad rows are data in `stats()`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        bytes: Vec<u8>,
        #[wasm_bindgen(unchecked_param_type = "MemberMapping")] mapping: JsValue,
        #[wasm_bindgen(
            js_name = "onProgress",
            unchecked_param_type = "(done: number, total: number) => boolean | void"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> Result<MemberAnalyzer, JsError> {
        let mapping: crate::MemberMapping = from_js("mapping", mapping)?;
        let (text, windows_1252) = crate::decode_text(bytes);
        let log = crate::parse_members(&text, &mapping, |done, total| match &on_progress {
            Some(f) => f
                .call2(
                    &JsValue::NULL,
                    &(done as f64).into(),
                    &(total as f64).into(),
                )
                .map_or(true, |r| r.as_bool() != Some(false)),
            None => true,
        })
        .map_err(js_error)?;
        Ok(MemberAnalyzer { log, windows_1252 })
    }

    /// What was read: rows, memberships, members, bad rows by line, plus `windows1252`.
    #[wasm_bindgen(unchecked_return_type = "MemberImportStats")]
    pub fn stats(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Stats<'a> {
            #[serde(flatten)]
            stats: &'a MemberImportStats,
            windows1252: bool,
        }
        to_js(&Stats {
            stats: self.log.stats(),
            windows1252: self.windows_1252,
        })
    }

    /// Cohorts, Kaplan–Meier survival, members in and out, the sBG pooled and per cohort
    /// with projection and value, the members at risk and the calculator's inputs.
    #[wasm_bindgen(unchecked_return_type = "MemberSummary")]
    pub fn analyse(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "MemberOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options: Option<crate::MemberOptions> = from_js("options", options)?;
        to_js(&crate::analyse_members(
            &self.log,
            &options.unwrap_or_default(),
        ))
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Problem {
    Table(SurvivorsError),
    Fit(SbgError),
}

#[derive(Deserialize)]
struct JsSurvivorOptions {
    #[serde(flatten)]
    options: SurvivorOptions,
    locale: Option<Locale>,
}

const EXPECTED_MEMBER_INPUT: &str =
    "an object of inputs, such as { start: 1000, cancelled: 50, new: 70 }";

const MEMBER_INPUT_KEYS: &[&str] = &[
    "start",
    "cancelled",
    "new",
    "fee",
    "margin",
    "discountRate",
    "period",
    "locale",
];

/// `calculateMembers`' input: numbers may be text in the object's own `locale`.
struct JsMemberInput(MemberInputs);

impl<'de> Deserialize<'de> for JsMemberInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("MemberInput", MEMBER_INPUT_KEYS, MemberInputVisitor)
    }
}

struct MemberInputVisitor;

impl<'de> Visitor<'de> for MemberInputVisitor {
    type Value = JsMemberInput;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED_MEMBER_INPUT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsMemberInput, A::Error> {
        let mut numbers = Vec::new();
        let mut period: Option<Period> = None;
        let mut locale: Option<Locale> = None;
        while let Some(key) = map.next_key::<String>()? {
            let named = |e: A::Error| de::Error::custom(format_args!("{key}: {e}"));
            match key.as_str() {
                "period" => period = map.next_value().map_err(named)?,
                "locale" => locale = map.next_value().map_err(named)?,
                name => match MemberField::ALL.into_iter().find(|f| f.name() == name) {
                    Some(field) => {
                        numbers.push((field, map.next_value::<JsNumber>().map_err(named)?))
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        let locale = locale.unwrap_or(DEFAULT_LOCALE);
        let mut inputs = MemberInputs {
            period: period.unwrap_or(Period::Month),
            ..MemberInputs::default()
        };
        for (field, number) in numbers {
            inputs.set(field, number.read(locale));
        }
        Ok(JsMemberInput(inputs))
    }
}
