//! `retention nps`: the Net Promoter Score of a survey from counts or raw answers, and two
//! surveys compared. The maths is the core's; this file reads flags and words the result
//! (every NPS word of the CLI is in `Words` at the bottom).

use std::io::Read;

use retention_core::{
    compare_nps, explain_change, explain_nps, explain_sample, format_count, format_decimal,
    format_percent, parse_answers, read_number, sample_needed, AnswerColumn, AnswerOptions,
    AnswerProblem, AnswerSheet, ChangeVerdict, Interval, Locale, Nps, NpsAdvice, NpsBand,
    NpsChange, NpsCounts, NpsExplanation, NpsFigure, Quantity, SampleNeeded, Token,
    MIN_RESPONDENTS,
};
use serde::Serialize;

use crate::args::Args;
use crate::{emit, not_compressed, print_json, Failure};

const VALUED: [&str; 11] = [
    "promoters",
    "passives",
    "detractors",
    "answers",
    "column",
    "before",
    "after",
    "before-counts",
    "after-counts",
    "change",
    "show",
];

/// One survey as given on the command line: counts, or answers with what was read.
struct Survey {
    nps: Nps,
    answers: Option<(String, AnswerSheet)>,
}

/// What `--json` prints: one survey or two compared, as an object of the variant's fields.
#[derive(Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
enum NpsJson<'a> {
    Survey {
        nps: &'a Nps,
        answers: Option<&'a AnswerSheet>,
        sample: Option<&'a SampleNeeded>,
        explanations: &'a [NpsExplanation],
    },
    Compare {
        change: &'a NpsChange,
        before_answers: Option<&'a AnswerSheet>,
        after_answers: Option<&'a AnswerSheet>,
        explanations: &'a [NpsExplanation],
    },
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut valued = VALUED.to_vec();
    valued.push("locale");
    let args = Args::parse(args, &valued, &["json", "help"])?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    if let Some(extra) = args.positional.first() {
        return Err(Failure::Usage(format!("nps takes no argument '{extra}'")));
    }
    let locale = args.locale(Locale::En)?;
    let show = args.whole("show", 10)? as usize;
    let options = AnswerOptions {
        locale,
        column: column(args.value("column"))?,
    };
    let words = Words(locale);
    let given = |flags: &[&str]| flags.iter().any(|f| args.value(f).is_some());
    let counts = given(&["promoters", "passives", "detractors"]);
    let answers = given(&["answers"]);
    let compare = given(&["before", "after", "before-counts", "after-counts"]);
    if usize::from(counts) + usize::from(answers) + usize::from(compare) != 1 {
        return Err(Failure::Usage(
            "nps needs one of: --promoters/--passives/--detractors, --answers FILE, or --before and --after".into(),
        ));
    }
    if args.value("before") == Some("-") && args.value("after") == Some("-") {
        return Err(Failure::Usage(
            "--before and --after cannot both read standard input".into(),
        ));
    }
    let show = (!args.has("json")).then_some(show);
    if compare {
        for name in ["before", "after"] {
            check_side(&args, name)?;
        }
        let before = side(&args, "before", &options, show)?;
        let after = side(&args, "after", &options, show)?;
        let change = compare_nps(&before.nps, &after.nps);
        let explanations = explain_change(&change);
        if args.has("json") {
            return print_json(&NpsJson::Compare {
                change: &change,
                before_answers: before.answers.as_ref().map(|a| &a.1),
                after_answers: after.answers.as_ref().map(|a| &a.1),
                explanations: &explanations,
            });
        }
        return emit(&change_text(&change, &explanations, words));
    }
    let survey = if counts {
        let read = |flag| args.value(flag).and_then(|t| read_number(t, locale));
        let counts = NpsCounts::read(read("promoters"), read("passives"), read("detractors"))
            .map_err(|errors| messages(&errors, ""))?;
        from_counts(counts, "")?
    } else {
        from_answers(
            args.value("answers").unwrap_or_default(),
            &options,
            "",
            show,
        )?
    };
    let sample = match args.value("change") {
        None => None,
        Some(text) => {
            let change = read_number(text, locale).unwrap_or(f64::NAN);
            Some(sample_needed(&survey.nps, change).map_err(|e| Failure::Input(e.to_string()))?)
        }
    };
    let mut explanations = explain_nps(&survey.nps);
    if let Some(s) = &sample {
        explanations.extend(explain_sample(s));
    }
    if args.has("json") {
        return print_json(&NpsJson::Survey {
            nps: &survey.nps,
            answers: survey.answers.as_ref().map(|a| &a.1),
            sample: sample.as_ref(),
            explanations: &explanations,
        });
    }
    emit(&survey_text(&survey.nps, &explanations, words))
}

/// `--column`: a number counts from 1; anything else is a header name.
fn column(value: Option<&str>) -> Result<Option<AnswerColumn>, Failure> {
    let Some(text) = value else { return Ok(None) };
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Some(AnswerColumn::Index(n - 1))),
            _ => Err(Failure::Usage(format!(
                "--column counts from 1, not '{text}'"
            ))),
        };
    }
    Ok(Some(AnswerColumn::Name(text.to_string())))
}

/// One of `--before FILE` and `--before-counts P,A,D` (or the same for `after`), before
/// anything is read.
fn check_side(args: &Args, name: &str) -> Result<(), Failure> {
    let counts_flag = format!("{name}-counts");
    match (args.value(name), args.value(&counts_flag)) {
        (Some(_), Some(_)) => Err(Failure::Usage(format!(
            "give --{name} or --{counts_flag}, not both"
        ))),
        (None, None) => Err(Failure::Usage(format!(
            "a comparison needs --{name} FILE or --{counts_flag} P,A,D"
        ))),
        _ => Ok(()),
    }
}

/// `--before`/`--after` (answers) or `--before-counts`/`--after-counts` (P,A,D), checked by
/// [`check_side`].
fn side(
    args: &Args,
    name: &str,
    options: &AnswerOptions,
    show: Option<usize>,
) -> Result<Survey, Failure> {
    let counts_flag = format!("{name}-counts");
    let prefix = format!("{name}: ");
    match (args.value(name), args.value(&counts_flag)) {
        (Some(path), _) => from_answers(path, options, &prefix, show),
        (None, Some(text)) => {
            let parts: Vec<Option<f64>> = text
                .split([',', ';', '/'])
                .map(|t| read_number(t, options.locale))
                .collect();
            let [p, a, d] = parts[..] else {
                return Err(Failure::Usage(format!(
                    "--{counts_flag} takes promoters,passives,detractors, not '{text}'"
                )));
            };
            let counts = NpsCounts::read(p, a, d).map_err(|e| messages(&e, &prefix))?;
            from_counts(counts, &prefix)
        }
        (None, None) => unreachable!("checked by check_side"),
    }
}

fn from_counts(counts: NpsCounts, prefix: &str) -> Result<Survey, Failure> {
    let nps = retention_core::nps(counts).map_err(|e| messages(&[e], prefix))?;
    Ok(Survey { nps, answers: None })
}

/// Reads answers from `path` (`-`: standard input). With `show`, prints what was read and
/// the first `show` bad cells, also when no answer was found.
fn from_answers(
    path: &str,
    options: &AnswerOptions,
    prefix: &str,
    show: Option<usize>,
) -> Result<Survey, Failure> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Input(format!("{prefix}cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(path)
            .map_err(|e| Failure::Input(format!("{prefix}cannot read {path}: {e}")))?
    };
    let name = if path == "-" { "stdin" } else { path };
    let bytes = not_compressed(&format!("{prefix}{name}"), bytes)?;
    let (text, windows_1252) = retention_core::decode_text(bytes);
    if windows_1252 {
        eprintln!("retention: note: {name} is not UTF-8; reading it as Windows-1252");
    }
    let failed = |e: &dyn std::fmt::Display| Failure::Input(format!("{prefix}{name}: {e}"));
    let sheet = parse_answers(&text, options).map_err(|e| failed(&e))?;
    if let Some(show) = show {
        emit(&sheet_text(name, &sheet, show, Words(options.locale)))?;
    }
    let nps = sheet.nps().map_err(|e| failed(&e))?;
    Ok(Survey {
        nps,
        answers: Some((name.to_string(), sheet)),
    })
}

/// Prints every mistake and returns the failure that exits with 1.
fn messages(errors: &[retention_core::NpsError], prefix: &str) -> Failure {
    for e in errors {
        eprintln!("retention: error: {prefix}{e}");
    }
    Failure::Input(String::new())
}

fn sheet_text(name: &str, sheet: &AnswerSheet, show: usize, w: Words) -> String {
    let mut out = String::new();
    outln!(out, "{}", w.read(name, sheet));
    for bad in sheet.bad.iter().take(show) {
        // The cell is the file's text: escaped, so it cannot drive the terminal.
        outln!(
            out,
            "  {} {}: \"{}\" {}",
            w.line(),
            bad.line,
            bad.text.escape_debug(),
            w.problem(bad.problem)
        );
    }
    let listed = sheet.bad.len().min(show) as u64;
    if sheet.bad_count > listed {
        outln!(out, "  {}", w.more(sheet.bad_count - listed));
    }
    outln!(out);
    out
}

fn survey_text(nps: &Nps, explanations: &[NpsExplanation], w: Words) -> String {
    let mut out = String::new();
    let c = nps.counts;
    let l = w.0;
    outln!(
        out,
        "{}: {} · {} {} ({}) · {} {} ({}) · {} {} ({})",
        w.respondents(),
        format_count(nps.respondents, l),
        format_count(c.promoters, l),
        w.group(0),
        format_percent(nps.promoter_share, 1, l),
        format_count(c.passives, l),
        w.group(1),
        format_percent(nps.passive_share, 1, l),
        format_count(c.detractors, l),
        w.group(2),
        format_percent(nps.detractor_share, 1, l),
    );
    outln!(out);
    for e in explanations {
        let note = match (e.figure, e.band) {
            (NpsFigure::Score, Some(band)) => format!("  [{}]", w.band(band)),
            _ => String::new(),
        };
        row(&mut out, e, &note, w);
        if e.figure == NpsFigure::MarginOfError {
            outln!(
                out,
                "{:<30} {:>16}  ({})",
                w.interval(),
                interval(&nps.interval, w),
                w.method()
            );
        }
    }
    if nps.too_small {
        outln!(out);
        outln!(out, "{}", w.too_small());
    }
    advice(&mut out, &explanations[0].advice, w);
    out
}

fn change_text(change: &NpsChange, explanations: &[NpsExplanation], w: Words) -> String {
    let mut out = String::new();
    let l = w.0;
    let n = |s: &Nps| format_count(s.respondents, l);
    let score = |s: &Nps| format_decimal(s.score, 1, 1, l);
    outln!(
        out,
        "{}: NPS {} (n = {}) · {}: NPS {} (n = {})",
        w.before(),
        score(&change.before),
        n(&change.before),
        w.after(),
        score(&change.after),
        n(&change.after)
    );
    outln!(out);
    for e in explanations {
        let note = if e.figure == NpsFigure::Change {
            format!("  [{}]", w.verdict(change.verdict))
        } else {
            String::new()
        };
        row(&mut out, e, &note, w);
    }
    outln!(
        out,
        "{:<30} {:>16}",
        w.interval(),
        interval(&change.interval, w)
    );
    if change.too_small {
        outln!(out);
        outln!(out, "{}", w.too_small());
    }
    advice(&mut out, &explanations[0].advice, w);
    out
}

/// One explained figure: its label, value and formula, and a note after.
fn row(out: &mut String, e: &NpsExplanation, note: &str, w: Words) {
    outln!(
        out,
        "{:<30} {:>16}  = {}{note}",
        w.label(e.figure),
        value(e, w.0),
        formula(&e.formula, w.0)
    );
}

fn advice(out: &mut String, advice: &[NpsAdvice], w: Words) {
    outln!(out);
    outln!(out, "{}:", w.next_steps());
    for a in advice {
        outln!(out, "  - {}", w.advice(*a));
    }
}

/// A figure's value as shown: scores to one decimal, a change with its sign, p to 4.
/// A 95 % interval as "low to high", to one decimal.
fn interval(i: &Interval, w: Words) -> String {
    let l = w.0;
    format!(
        "{} {} {}",
        format_decimal(i.low, 1, 1, l),
        w.to(),
        format_decimal(i.high, 1, 1, l)
    )
}

fn value(e: &NpsExplanation, l: Locale) -> String {
    match (e.figure, e.value) {
        (NpsFigure::MarginOfError, Quantity::Number(m)) => {
            format!("±{}", format_decimal(m, 1, 1, l))
        }
        (NpsFigure::Change, Quantity::Number(d)) if d > 0.0 => {
            format!("+{}", format_decimal(d, 1, 1, l))
        }
        (NpsFigure::ZScore, Quantity::Number(z)) => format_decimal(z, 2, 2, l),
        (NpsFigure::PValue, Quantity::Number(p)) if p < 0.0001 => {
            format!("< {}", format_decimal(0.0001, 4, 4, l))
        }
        (NpsFigure::PValue, Quantity::Number(p)) => format_decimal(p, 4, 4, l),
        (_, Quantity::Number(v)) => format_decimal(v, 1, 1, l),
        (_, q) => quantity(q, l),
    }
}

/// A formula with the survey's numbers, up to four decimals.
fn formula(tokens: &[Token], l: Locale) -> String {
    tokens
        .iter()
        .map(|t| match t {
            Token::Text(text) => text.to_string(),
            Token::Value(q) => quantity(*q, l),
            Token::Power(n) => format!("^{n}"),
        })
        .collect()
}

fn quantity(q: Quantity, l: Locale) -> String {
    match q {
        Quantity::Count(n) => format_count(n, l),
        Quantity::Percent(p) => format_percent(p, 1, l),
        Quantity::Number(n) => format_decimal(n, 0, 4, l),
        // NPS figures have no money, years, periods or ratios.
        other => format!("{other:?}"),
    }
}

/// Every NPS word of the CLI, in English and Dutch.
#[derive(Clone, Copy)]
struct Words(Locale);

impl Words {
    fn label(self, figure: NpsFigure) -> &'static str {
        match figure {
            NpsFigure::Score => "NPS",
            NpsFigure::StandardError => self.0.pick("Standaardfout", "Standard error"),
            NpsFigure::MarginOfError => self.0.pick("Foutmarge (95%)", "Margin of error (95%)"),
            NpsFigure::Change => self.0.pick("Verandering", "Change"),
            NpsFigure::ChangeStandardError => self.0.pick(
                "Standaardfout van de verandering",
                "Standard error of the change",
            ),
            NpsFigure::ZScore => "z",
            NpsFigure::PValue => self.0.pick("p-waarde (tweezijdig)", "p-value (two-sided)"),
            NpsFigure::SampleToBeSignificant => self
                .0
                .pick("Respondenten: significant", "Respondents: significant"),
            NpsFigure::SampleToDetect => self
                .0
                .pick("Respondenten: 80% onderscheidend", "Respondents: 80% power"),
        }
    }

    fn group(self, i: usize) -> &'static str {
        match i {
            0 => self.0.pick("promotors", "promoters"),
            1 => self.0.pick("passives", "passives"),
            _ => self.0.pick("criticasters", "detractors"),
        }
    }

    fn respondents(self) -> &'static str {
        self.0.pick("Respondenten", "Respondents")
    }

    fn band(self, band: NpsBand) -> &'static str {
        match band {
            NpsBand::NeedsWork => self
                .0
                .pick("werk aan de winkel: onder 0", "needs work: below 0"),
            NpsBand::Good => self.0.pick("goed: 0 tot 30", "good: 0 to 30"),
            NpsBand::Great => self.0.pick("sterk: 30 tot 70", "great: 30 to 70"),
            NpsBand::Excellent => self
                .0
                .pick("uitstekend: 70 of meer", "excellent: 70 or more"),
        }
    }

    fn verdict(self, v: ChangeVerdict) -> &'static str {
        match v {
            ChangeVerdict::Up => self
                .0
                .pick("gestegen, significant bij 5%", "up, significant at 5%"),
            ChangeVerdict::Down => self
                .0
                .pick("gedaald, significant bij 5%", "down, significant at 5%"),
            ChangeVerdict::NotSignificant => self.0.pick(
                "niet significant bij 5%: binnen het toeval",
                "not significant at 5%: within chance",
            ),
        }
    }

    fn advice(self, a: NpsAdvice) -> &'static str {
        match a {
            NpsAdvice::CloseTheLoop => self.0.pick("Neem binnen 48 uur contact op met elke criticaster: vraag wat er misging en los het op.", "Contact every detractor within 48 hours: ask what went wrong and put it right."),
            NpsAdvice::FixTopComplaint => self.0.pick("Groepeer de opmerkingen van criticasters en los de vaakst genoemde klacht eerst op.", "Group the detractors' comments and fix the most named complaint first."),
            NpsAdvice::ActivatePassives => self.0.pick("Vraag passives wat er nodig is voor een 9 of 10.", "Ask passives what would make it a 9 or 10."),
            NpsAdvice::AskForReviews => self.0.pick("Vraag promotors om een review of een aanbeveling nu ze tevreden zijn.", "Ask promoters for a review or a referral while they are happy."),
            NpsAdvice::ReferralProgramme => self.0.pick("Start een aanbevelingsprogramma dat promotors en hun vrienden beloont.", "Start a referral programme that rewards promoters and the friends they bring."),
            NpsAdvice::SurveyAgain => self.0.pick("Meet opnieuw na een verandering, bij dezelfde klanten met dezelfde vraag.", "Survey the same customers again after a change, with the same question."),
            NpsAdvice::AskMore => self.0.pick("Vraag meer klanten voordat je op de score stuurt: herinneringen, een enquête na elke bestelling.", "Ask more customers before acting on the score: reminders, a survey after each order."),
        }
    }

    fn problem(self, p: AnswerProblem) -> &'static str {
        match p {
            AnswerProblem::NotANumber => self.0.pick("is geen getal", "is not a number"),
            AnswerProblem::OutOfRange => self
                .0
                .pick("ligt niet tussen 0 en 10", "is not from 0 to 10"),
            AnswerProblem::NotWhole => self.0.pick("is geen geheel getal", "is not a whole number"),
            AnswerProblem::NoColumn => self.0.pick("heeft die kolom niet", "has no such column"),
        }
    }

    fn read(self, path: &str, sheet: &AnswerSheet) -> String {
        let l = self.0;
        let mut out = match l {
            Locale::En => format!("{path}: {} answers", format_count(sheet.answers, l)),
            Locale::Nl => format!("{path}: {} antwoorden", format_count(sheet.answers, l)),
        };
        if let Some(c) = sheet.column {
            out.push_str(&format!(" ({} {})", self.0.pick("kolom", "column"), c + 1));
        }
        if let Some(h) = sheet.header_line {
            out.push_str(&format!(
                ", {} {h}",
                self.0.pick("kopregel op regel", "header on line")
            ));
        }
        if sheet.blank > 0 {
            out.push_str(&format!(
                ", {} {}",
                format_count(sheet.blank, l),
                self.0.pick("leeg gelaten", "left empty")
            ));
        }
        out.push_str(&format!(
            "; {}: {}",
            self.0.pick("geen antwoord", "not an answer"),
            format_count(sheet.bad_count, l)
        ));
        out
    }

    fn line(self) -> &'static str {
        self.0.pick("regel", "line")
    }

    fn more(self, n: u64) -> String {
        match self.0 {
            Locale::En => format!(
                "… and {} more (--show N lists more)",
                format_count(n, self.0)
            ),
            Locale::Nl => format!(
                "… en nog {} (--show N toont er meer)",
                format_count(n, self.0)
            ),
        }
    }

    fn interval(self) -> &'static str {
        self.0.pick("95%-interval", "95% interval")
    }

    fn method(self) -> &'static str {
        self.0
            .pick("aangepaste Wald, Rocks 2016", "adjusted Wald, Rocks 2016")
    }

    fn to(self) -> &'static str {
        self.0.pick("tot", "to")
    }

    fn before(self) -> &'static str {
        self.0.pick("Voor", "Before")
    }

    fn after(self) -> &'static str {
        self.0.pick("Na", "After")
    }

    fn next_steps(self) -> &'static str {
        self.0.pick("Volgende stappen", "Next steps")
    }

    fn too_small(self) -> String {
        match self.0 {
            Locale::En => format!(
                "Too few respondents to read: below {MIN_RESPONDENTS} the score can move a lot by chance."
            ),
            Locale::Nl => format!(
                "Te weinig respondenten om te lezen: onder {MIN_RESPONDENTS} kan de score sterk door toeval bewegen."
            ),
        }
    }
}
