//! The NPS part of the JS API: `nps`, `npsFromAnswers` and `compareNps`.
//!
//! ```js
//! const { nps, errors, explanations } = api.nps({ promoters: 50, passives: 30, detractors: 20 });
//! nps.score;              // 30
//! nps.interval;           // { low: 14.05…, high: 44.20…, margin: 15.07… }
//! const read = api.npsFromAnswers("score\n9\n10\n6\n", { locale: "nl" });
//! const { change } = api.compareNps(before.sheet.counts, after.sheet.counts);
//! ```
//!
//! Like `calculate`, mistakes in the numbers come back as data in `errors`; only a malformed
//! call (not an object, a field of the wrong type) throws.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::input::JsNumber;
use super::{from_js, js_error, to_js, DEFAULT_LOCALE};
use crate::{
    compare_nps, explain_change, explain_nps, explain_sample, parse_answers, sample_needed,
    AnswerColumn, AnswerError, AnswerOptions, AnswerSheet, Locale, Nps, NpsChange, NpsCounts,
    NpsError, NpsExplanation, SampleNeeded,
};

#[wasm_bindgen(typescript_custom_section)]
const NPS_TYPES: &str = r#"
/** A survey as counts. Numbers may be text read in `locale` ("1.000" is a thousand in "nl"). */
export interface NpsInput {
  /** Answered 9 or 10. */
  promoters?: NumberInput;
  /** Answered 7 or 8. */
  passives?: NumberInput;
  /** Answered 0 to 6. */
  detractors?: NumberInput;
  /** Optional: a change in NPS points to plan a next survey for (`sample` in the result). */
  change?: NumberInput;
  /** How text numbers are read; default "en". */
  locale?: Locale | null;
}

/** How `npsFromAnswers` reads the text. */
export interface AnswerOptions {
  /** Number habits; default "en". */
  locale?: Locale | null;
  /** null: every cell is an answer. A number (from 0) or a header name (exact, else the first
   * header containing it): the text is a table and only that column holds answers. */
  column?: number | string | null;
  /** Optional: a change in NPS points to plan a next survey for. */
  change?: NumberInput;
}

/** An input of the NPS calculator. */
export type NpsField = "promoters" | "passives" | "detractors" | "answers" | "change";

/** What is wrong with a survey's numbers. */
export type NpsErrorCode =
  | "missing" | "notANumber" | "negative" | "notWhole" | "tooLarge" | "noRespondents"
  | "noAnswers" | "scoreOutOfRange" | "scoreNotWhole" | "scoreNotANumber" | "changeOutOfRange";

/** A mistake in a survey's numbers: data, never thrown. */
export interface NpsError {
  code: NpsErrorCode;
  /** The field the message belongs next to; null for the survey as a whole. */
  field: NpsField | null;
  /** Lowercase English, e.g. "promoters cannot be negative". */
  message: string;
  /** With "tooLarge": the largest count accepted. */
  max?: number;
  /** With the score codes: where in the list, from 0. */
  index?: number;
  /** With "scoreOutOfRange", "scoreNotWhole", "changeOutOfRange": the number given. */
  value?: number;
}

/** The named column is not in the header. */
export interface AnswerError {
  code: "columnNotFound";
  message: string;
  /** The name asked for. */
  name: string;
  /** The header's cells (the first 50). */
  header: string[];
}

/** Promoters, passives and detractors. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** A 95 % interval in NPS points. */
export interface Interval {
  low: number;
  high: number;
  /** Half the width before clipping: the ± of the margin of error. */
  margin: number;
}

/** Below 0, 0 to 30, 30 to 70, 70 and more. */
export type NpsBand = "needsWork" | "good" | "great" | "excellent";

/** A survey's NPS. Shares are percent; score, standard error and interval are points. */
export interface Nps {
  counts: NpsCounts;
  respondents: number;
  promoterShare: number;
  passiveShare: number;
  detractorShare: number;
  /** % promoters − % detractors, from −100 to 100. */
  score: number;
  /** √((p + d − (p − d)²) / n) × 100. */
  standardError: number;
  /** 95 %, adjusted Wald (Rocks 2016), within −100..100. */
  interval: Interval;
  /** Fewer than 30 respondents. */
  tooSmall: boolean;
  band: NpsBand;
}

/** Respondents per survey to show a change of `change` points. */
export interface SampleNeeded {
  change: number;
  /** The variance of one answer assumed for both surveys. */
  variance: number;
  /** A change this size, if observed, is significant at 5 %. */
  toBeSignificant: number;
  /** An 80 % chance to see a real change this size as significant. */
  toDetect: number;
}

/** Whether the NPS changed, by a two-sided z test at 5 %. */
export type ChangeVerdict = "up" | "down" | "notSignificant";

/** Two surveys compared. Differences are points. */
export interface NpsChange {
  before: Nps;
  after: Nps;
  /** after − before. */
  difference: number;
  /** √(SE_before² + SE_after²). */
  standardError: number;
  /** difference ± 1.96 × standardError, within −200..200. */
  interval: Interval;
  z: number;
  /** Two-sided. */
  pValue: number;
  verdict: ChangeVerdict;
  /** Either survey has fewer than 30 respondents. */
  tooSmall: boolean;
}

/** Why a cell is not an answer. */
export type AnswerProblem = "notANumber" | "outOfRange" | "notWhole" | "noColumn";

/** A cell that is not a 0–10 answer. */
export interface BadAnswer {
  /** From 1. */
  line: number;
  /** The cell, cut at 40 characters. */
  text: string;
  problem: AnswerProblem;
}

/** What `npsFromAnswers` read. */
export interface AnswerSheet {
  /** How many answered 0, 1, …, 10 (11 numbers). */
  scores: number[];
  counts: NpsCounts;
  answers: number;
  /** Rows of a table whose answer cell was empty. */
  blank: number;
  headerLine: number | null;
  /** The column read, from 0 (a table only). */
  column: number | null;
  /** The first 100 bad cells. */
  bad: BadAnswer[];
  badCount: number;
}

/** An NPS figure. */
export type NpsFigure =
  | "score" | "standardError" | "marginOfError" | "change" | "changeStandardError" | "zScore"
  | "pValue" | "sampleToBeSignificant" | "sampleToDetect";

/** A next step, for the page to word. */
export type NpsAdvice =
  | "closeTheLoop" | "fixTopComplaint" | "activatePassives" | "askForReviews"
  | "referralProgramme" | "surveyAgain" | "askMore";

/** What one NPS figure means. */
export interface NpsExplanation {
  figure: NpsFigure;
  value: Quantity;
  /** The formula with the survey's numbers, up to "= value". */
  formula: Token[];
  /** For the score. */
  band: NpsBand | null;
  /** For the figures of a comparison. */
  verdict: ChangeVerdict | null;
  advice: NpsAdvice[];
}

/** What `nps` found. */
export interface NpsResult {
  nps: Nps | null;
  /** With `change` in the input. */
  sample: SampleNeeded | null;
  errors: NpsError[];
  /** Score, standard error, margin of error, then the sample figures. */
  explanations: NpsExplanation[];
}

/** What `npsFromAnswers` found. */
export interface AnswersResult {
  /** null when the named column is not there. */
  sheet: AnswerSheet | null;
  nps: Nps | null;
  sample: SampleNeeded | null;
  errors: (NpsError | AnswerError)[];
  explanations: NpsExplanation[];
}

/** What `compareNps` found. */
export interface ComparisonResult {
  change: NpsChange | null;
  errors: { before: NpsError[]; after: NpsError[] };
  explanations: NpsExplanation[];
}
"#;

/// `nps`' input, read field by field so that a mistake names its field.
struct JsNpsInput {
    promoters: Option<JsNumber>,
    passives: Option<JsNumber>,
    detractors: Option<JsNumber>,
    change: Option<JsNumber>,
    locale: Option<Locale>,
}

impl JsNpsInput {
    fn read(value: JsValue, name: &str) -> Result<JsNpsInput, JsError> {
        if value.is_array() || !value.is_object() {
            return Err(js_error(format_args!(
                "{name}: expected an object such as {{ promoters: 50, passives: 30, detractors: 20 }}"
            )));
        }
        let field = |key: &str| from_js(&format!("{name}.{key}"), get(&value, key));
        Ok(JsNpsInput {
            promoters: field("promoters")?,
            passives: field("passives")?,
            detractors: field("detractors")?,
            change: field("change")?,
            locale: from_js(&format!("{name}.locale"), get(&value, "locale"))?,
        })
    }

    fn counts(self) -> (Result<NpsCounts, Vec<NpsError>>, Option<f64>) {
        let locale = self.locale.unwrap_or(DEFAULT_LOCALE);
        let read = |n: Option<JsNumber>| n.and_then(|n| n.read(locale));
        let change = read(self.change);
        let counts = NpsCounts::read(
            read(self.promoters),
            read(self.passives),
            read(self.detractors),
        );
        (counts, change)
    }
}

/// `npsFromAnswers`' options.
#[derive(Default)]
struct JsAnswerOptions {
    locale: Option<Locale>,
    column: Option<AnswerColumn>,
    change: Option<JsNumber>,
}

impl JsAnswerOptions {
    fn read(value: JsValue) -> Result<JsAnswerOptions, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(JsAnswerOptions::default());
        }
        if value.is_array() || !value.is_object() {
            return Err(js_error(
                "options: expected an object such as { locale: \"nl\", column: \"score\" }",
            ));
        }
        Ok(JsAnswerOptions {
            locale: from_js("options.locale", get(&value, "locale"))?,
            column: read_column(get(&value, "column"))?,
            change: from_js("options.change", get(&value, "change"))?,
        })
    }
}

/// `options.column`: a whole number from 0, a header name, or empty. Read by hand rather
/// than through serde's untagged enums, which would add their buffering code to the wasm.
fn read_column(value: JsValue) -> Result<Option<AnswerColumn>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(name) = value.as_string() {
        return Ok(Some(AnswerColumn::Name(name)));
    }
    match value.as_f64() {
        Some(i) if i >= 0.0 && i.fract() == 0.0 && i <= u32::MAX as f64 => {
            Ok(Some(AnswerColumn::Index(i as usize)))
        }
        _ => Err(js_error(
            "options.column: expected a whole number from 0, a header name or null",
        )),
    }
}

/// `object[key]`; `undefined` when it is not there.
fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

#[derive(Serialize)]
#[serde(untagged)]
enum AnyError {
    Nps(NpsError),
    Answer(AnswerError),
}

#[derive(Serialize)]
struct NpsResult<E> {
    nps: Option<Nps>,
    sample: Option<SampleNeeded>,
    errors: Vec<E>,
    explanations: Vec<NpsExplanation>,
}

impl<E: From<NpsError>> NpsResult<E> {
    /// The survey's figures and explanations, and the sample for `change` if one is given.
    fn of(survey: Result<Nps, Vec<NpsError>>, change: Option<f64>) -> NpsResult<E> {
        let mut result = NpsResult {
            nps: None,
            sample: None,
            errors: Vec::new(),
            explanations: Vec::new(),
        };
        match survey {
            Ok(s) => {
                result.explanations = explain_nps(&s);
                if let Some(change) = change {
                    match sample_needed(&s, change) {
                        Ok(needed) => {
                            result.explanations.extend(explain_sample(&needed));
                            result.sample = Some(needed);
                        }
                        Err(e) => result.errors.push(e.into()),
                    }
                }
                result.nps = Some(s);
            }
            Err(errors) => result.errors.extend(errors.into_iter().map(E::from)),
        }
        result
    }
}

impl From<NpsError> for AnyError {
    fn from(e: NpsError) -> AnyError {
        AnyError::Nps(e)
    }
}

/// The NPS of a survey from its counts: score, standard error, 95 % interval, band and
/// explanations; with `change`, also the respondents a next survey needs to show it.
#[wasm_bindgen(js_name = "nps", unchecked_return_type = "NpsResult")]
pub fn nps_js(
    #[wasm_bindgen(unchecked_param_type = "NpsInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    let (counts, change) = JsNpsInput::read(input, "input")?.counts();
    let survey = counts.and_then(|c| crate::nps(c).map_err(|e| vec![e]));
    to_js(&NpsResult::<NpsError>::of(survey, change))
}

/// Reads raw 0–10 answers (pasted text or a survey export) and computes their NPS. Bad cells
/// are listed by line in `sheet.bad`; a missing column is an error in `errors`.
#[wasm_bindgen(js_name = "npsFromAnswers", unchecked_return_type = "AnswersResult")]
pub fn nps_from_answers(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnswerOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let text: String = from_js("text", text)?;
    let options = JsAnswerOptions::read(options)?;
    let locale = options.locale.unwrap_or(DEFAULT_LOCALE);
    let change = options.change.and_then(|n| n.read(locale));
    #[derive(Serialize)]
    struct AnswersResult {
        sheet: Option<AnswerSheet>,
        #[serde(flatten)]
        result: NpsResult<AnyError>,
    }
    let read = parse_answers(
        &text,
        &AnswerOptions {
            locale,
            column: options.column,
        },
    );
    let out = match read {
        Ok(sheet) => AnswersResult {
            result: NpsResult::of(sheet.nps().map_err(|e| vec![e]), change),
            sheet: Some(sheet),
        },
        Err(e) => AnswersResult {
            sheet: None,
            result: NpsResult {
                nps: None,
                sample: None,
                errors: vec![AnyError::Answer(e)],
                explanations: Vec::new(),
            },
        },
    };
    to_js(&out)
}

/// Compares two surveys (before and after a campaign): the difference, its standard error,
/// z, the two-sided p-value and a verdict at 5 %.
#[wasm_bindgen(js_name = "compareNps", unchecked_return_type = "ComparisonResult")]
pub fn compare_nps_js(
    #[wasm_bindgen(unchecked_param_type = "NpsInput")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NpsInput")] after: JsValue,
) -> Result<JsValue, JsError> {
    let survey = |input: JsNpsInput| {
        input
            .counts()
            .0
            .and_then(|c| crate::nps(c).map_err(|e| vec![e]))
    };
    let before = survey(JsNpsInput::read(before, "before")?);
    let after = survey(JsNpsInput::read(after, "after")?);
    #[derive(Serialize)]
    struct Errors {
        before: Vec<NpsError>,
        after: Vec<NpsError>,
    }
    #[derive(Serialize)]
    struct ComparisonResult {
        change: Option<NpsChange>,
        errors: Errors,
        explanations: Vec<NpsExplanation>,
    }
    let out = match (before, after) {
        (Ok(b), Ok(a)) => {
            let change = compare_nps(&b, &a);
            ComparisonResult {
                explanations: explain_change(&change),
                change: Some(change),
                errors: Errors {
                    before: Vec::new(),
                    after: Vec::new(),
                },
            }
        }
        (b, a) => ComparisonResult {
            change: None,
            errors: Errors {
                before: b.err().unwrap_or_default(),
                after: a.err().unwrap_or_default(),
            },
            explanations: Vec::new(),
        },
    };
    to_js(&out)
}
