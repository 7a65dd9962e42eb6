//! What the NPS section holds: each survey as typed, pasted or imported, and what the core
//! reads from it. The section computes nothing itself: counts and answers go to the core's
//! `NpsCounts::read` and `parse_answers`, the figures to `nps`, `compare_nps` and
//! `sample_needed`.

use std::rc::Rc;

use retention_core::{
    format_input, nps, parse_answers, read_number, AnswerColumn, AnswerError, AnswerOptions,
    AnswerSheet, Locale, Nps, NpsCounts, NpsError,
};
use yew::Reducible;

/// The change in points the sample-size question starts with.
pub const START_CHANGE: &str = "10";

/// The largest survey file read in the page: 50 MB is some 20 million answers, and the text
/// is held twice while it is read.
pub const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// How a survey is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Promoters, passives and detractors as three counts.
    #[default]
    Counts,
    /// Raw 0–10 answers, pasted or imported.
    Answers,
}

/// An imported file: its name and its text (decoded by the core).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyFile {
    pub name: String,
    pub text: Rc<String>,
    /// The file was not UTF-8 and was read as Windows-1252.
    pub windows_1252: bool,
}

/// A file that could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    Unreadable,
}

/// One survey as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyInput {
    pub mode: Mode,
    /// The three counts, as typed.
    pub counts: [String; 3],
    /// Pasted answers.
    pub pasted: String,
    /// The column of a table that holds the score: a number from 1 or a header name.
    pub column: String,
    /// An imported file; while there is one, it is read instead of the pasted text.
    pub file: Option<SurveyFile>,
    pub file_problem: Option<FileProblem>,
}

impl SurveyInput {
    fn with_counts(counts: [&str; 3]) -> SurveyInput {
        SurveyInput {
            mode: Mode::Counts,
            counts: counts.map(String::from),
            pasted: String::new(),
            column: String::new(),
            file: None,
            file_problem: None,
        }
    }
}

/// Something done in one survey's form.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyEdit {
    Mode(Mode),
    /// Typed in count 0 (promoters), 1 (passives) or 2 (detractors).
    Count(usize, String),
    Pasted(String),
    Column(String),
    File(SurveyFile),
    FileProblem(FileProblem),
    ClearFile,
}

/// The NPS section's state.
#[derive(Debug, Clone, PartialEq)]
pub struct NpsState {
    pub locale: Locale,
    /// The survey, and the second one to compare it with.
    pub surveys: [SurveyInput; 2],
    pub compare: bool,
    /// The change in points a next survey should be able to show, as typed.
    pub change: String,
}

/// Something done in the NPS section.
#[derive(Debug, Clone, PartialEq)]
pub enum NpsAction {
    Edit(usize, SurveyEdit),
    Compare(bool),
    Change(String),
    /// The page's language changed: numbers are rewritten in its habits.
    SetLocale(Locale),
}

impl NpsState {
    /// An example survey of 100 (50 / 30 / 20), and a second one to compare it with.
    pub fn new(locale: Locale) -> NpsState {
        NpsState {
            locale,
            surveys: [
                SurveyInput::with_counts(["50", "30", "20"]),
                SurveyInput::with_counts(["", "", ""]),
            ],
            compare: false,
            change: START_CHANGE.to_string(),
        }
    }
}

impl Reducible for NpsState {
    type Action = NpsAction;

    fn reduce(self: Rc<Self>, action: NpsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            NpsAction::Edit(i, edit) => {
                let s = &mut next.surveys[i.min(1)];
                match edit {
                    SurveyEdit::Mode(mode) => s.mode = mode,
                    SurveyEdit::Count(k, text) => s.counts[k.min(2)] = text,
                    SurveyEdit::Pasted(text) => s.pasted = text,
                    SurveyEdit::Column(text) => s.column = text,
                    SurveyEdit::File(file) => {
                        s.file = Some(file);
                        s.file_problem = None;
                    }
                    SurveyEdit::FileProblem(problem) => {
                        s.file = None;
                        s.file_problem = Some(problem);
                    }
                    SurveyEdit::ClearFile => {
                        s.file = None;
                        s.file_problem = None;
                    }
                }
            }
            NpsAction::Compare(on) => next.compare = on,
            NpsAction::Change(text) => next.change = text,
            NpsAction::SetLocale(locale) => {
                let old = self.locale;
                let relocale = |text: &mut String| {
                    if let Some(v) = read_number(text, old).filter(|v| v.is_finite()) {
                        *text = format_input(v, locale);
                    }
                };
                for s in &mut next.surveys {
                    s.counts.iter_mut().for_each(relocale);
                }
                relocale(&mut next.change);
                next.locale = locale;
            }
        }
        Rc::new(next)
    }
}

/// Why the column field cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnProblem {
    /// Columns count from 1: 0 is not one.
    CountsFromOne,
    /// No header cell is or contains the name.
    NotFound(AnswerError),
}

/// What the core read from one survey.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SurveyRead {
    pub nps: Option<Nps>,
    /// Mistakes in the counts, or `NoAnswers`, each for its field.
    pub errors: Vec<NpsError>,
    /// The answers read, when they were pasted or imported.
    pub sheet: Option<AnswerSheet>,
    pub column: Option<ColumnProblem>,
}

impl SurveyRead {
    /// The mistake for `field`, if any.
    pub fn error(&self, field: retention_core::NpsField) -> Option<&NpsError> {
        self.errors.iter().find(|e| e.field() == Some(field))
    }
}

/// The column field as the core takes it: empty is none, a number counts from 1, anything
/// else is a header name.
pub fn read_column(text: &str) -> Result<Option<AnswerColumn>, ColumnProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Some(AnswerColumn::Index(n - 1))),
            _ => Err(ColumnProblem::CountsFromOne),
        };
    }
    Ok(Some(AnswerColumn::Name(text.to_string())))
}

/// Reads one survey with the core, in the page's number habits.
pub fn read_survey(input: &SurveyInput, locale: Locale) -> SurveyRead {
    match input.mode {
        Mode::Counts => {
            let [p, a, d] = input.counts.each_ref().map(|t| read_number(t, locale));
            match NpsCounts::read(p, a, d).and_then(|c| nps(c).map_err(|e| vec![e])) {
                Ok(survey) => SurveyRead {
                    nps: Some(survey),
                    ..SurveyRead::default()
                },
                Err(errors) => SurveyRead {
                    errors,
                    ..SurveyRead::default()
                },
            }
        }
        Mode::Answers => {
            let column = match read_column(&input.column) {
                Ok(column) => column,
                Err(problem) => {
                    return SurveyRead {
                        column: Some(problem),
                        ..SurveyRead::default()
                    }
                }
            };
            let text = match &input.file {
                Some(file) => file.text.as_str(),
                None => input.pasted.as_str(),
            };
            let options = AnswerOptions { locale, column };
            match parse_answers(text, &options) {
                Ok(sheet) => match sheet.nps() {
                    Ok(survey) => SurveyRead {
                        nps: Some(survey),
                        sheet: Some(sheet),
                        ..SurveyRead::default()
                    },
                    // Nothing typed yet is not a mistake to shout about.
                    Err(e) => SurveyRead {
                        errors: if text.trim().is_empty() {
                            Vec::new()
                        } else {
                            vec![e]
                        },
                        sheet: Some(sheet),
                        ..SurveyRead::default()
                    },
                },
                Err(e) => SurveyRead {
                    column: Some(ColumnProblem::NotFound(e)),
                    ..SurveyRead::default()
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use retention_core::{AnswerProblem, NpsField};

    use super::*;

    fn reduce(state: NpsState, action: NpsAction) -> NpsState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn answers(pasted: &str, column: &str) -> SurveyInput {
        SurveyInput {
            mode: Mode::Answers,
            pasted: pasted.into(),
            column: column.into(),
            ..SurveyInput::with_counts(["", "", ""])
        }
    }

    #[test]
    fn counts_give_the_score_of_the_hand_computation() {
        let read = read_survey(&NpsState::new(Locale::Nl).surveys[0], Locale::Nl);
        // (50 − 20) / 100 × 100 = 30.
        assert_eq!(read.nps.map(|n| n.score), Some(30.0));
        assert!(read.errors.is_empty());
    }

    #[test]
    fn each_bad_count_is_reported_at_its_field() {
        let input = SurveyInput::with_counts(["-3", "abc", "2,5"]);
        let read = read_survey(&input, Locale::Nl);
        assert_eq!(read.nps, None);
        assert!(matches!(
            read.error(NpsField::Promoters),
            Some(NpsError::Negative { .. })
        ));
        assert!(matches!(
            read.error(NpsField::Passives),
            Some(NpsError::NotANumber { .. })
        ));
        assert!(matches!(
            read.error(NpsField::Detractors),
            Some(NpsError::NotWhole { .. })
        ));
        let zero = read_survey(&SurveyInput::with_counts(["0", "0", "0"]), Locale::En);
        assert_eq!(zero.errors, vec![NpsError::NoRespondents]);
    }

    #[test]
    fn pasted_answers_are_counted_and_bad_ones_listed() {
        let read = read_survey(&answers("10; 9, 8 7 6\n11\nx\n0", ""), Locale::En);
        let c = read.nps.unwrap().counts;
        assert_eq!((c.promoters, c.passives, c.detractors), (2, 2, 2));
        let sheet = read.sheet.unwrap();
        let bad: Vec<_> = sheet.bad.iter().map(|b| (b.line, b.problem)).collect();
        assert_eq!(
            bad,
            [
                (2, AnswerProblem::OutOfRange),
                (3, AnswerProblem::NotANumber)
            ]
        );
    }

    #[test]
    fn a_column_is_read_by_number_from_one_or_by_name() {
        let csv = "id,How likely to recommend?,comment\n1,9,\"great, thanks\"\n2,3,slow\n";
        for column in ["2", "recommend"] {
            let read = read_survey(&answers(csv, column), Locale::En);
            let c = read.nps.unwrap().counts;
            assert_eq!((c.promoters, c.detractors), (1, 1), "column {column}");
        }
        assert_eq!(
            read_survey(&answers(csv, "0"), Locale::En).column,
            Some(ColumnProblem::CountsFromOne)
        );
        assert!(matches!(
            read_survey(&answers(csv, "score"), Locale::En).column,
            Some(ColumnProblem::NotFound(_))
        ));
    }

    #[test]
    fn only_answers_that_are_all_bad_are_a_mistake() {
        assert!(read_survey(&answers("  \n", ""), Locale::Nl)
            .errors
            .is_empty());
        assert_eq!(
            read_survey(&answers("12\nnee", ""), Locale::Nl).errors,
            vec![NpsError::NoAnswers]
        );
    }

    #[test]
    fn a_file_is_read_instead_of_the_pasted_text() {
        let mut input = answers("0\n0\n", "");
        input.file = Some(SurveyFile {
            name: "survey.csv".into(),
            text: Rc::new("10\n10\n".into()),
            windows_1252: false,
        });
        assert_eq!(read_survey(&input, Locale::Nl).nps.unwrap().score, 100.0);
    }

    #[test]
    fn switching_language_keeps_the_counts() {
        let mut state = NpsState::new(Locale::Nl);
        state = reduce(
            state,
            NpsAction::Edit(0, SurveyEdit::Count(0, "1.050".into())),
        );
        state = reduce(state, NpsAction::SetLocale(Locale::En));
        assert_eq!(state.surveys[0].counts[0], "1050");
        let read = read_survey(&state.surveys[0], Locale::En);
        assert_eq!(read.nps.unwrap().counts.promoters, 1050);
    }
}
