//! The NPS section's words. The figures, formulas, bands, verdicts and the choice of next
//! steps come from the core (`retention_core::nps`); this module words them.

use retention_core::{
    format_count, format_decimal, AnswerError, AnswerProblem, AnswerSheet, ChangeVerdict, Locale,
    Nps, NpsAdvice, NpsBand, NpsChange, NpsError, NpsField, NpsFigure, Quantity, SampleNeeded,
    MIN_RESPONDENTS,
};

use super::common::{mistake, Mistake};
use crate::components::nps_state::{ColumnProblem, FileProblem};

/// Fixed texts of the NPS section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpsText {
    Title,
    Help,
    Survey,
    Before,
    After,
    Mode,
    ModeCounts,
    ModeAnswers,
    AnswersLabel,
    AnswersHint,
    ColumnLabel,
    ColumnHint,
    FileLabel,
    FileHint,
    ClearFile,
    Compare,
    ChangeLabel,
    ChangeHint,
    SampleTitle,
    ChangeTitle,
    BesideTitle,
    BesideNote,
    Interval,
    Respondents,
    Points,
    NextSteps,
}

/// A fixed text.
pub fn nps_text(text: NpsText, locale: Locale) -> &'static str {
    let l = locale;
    match text {
        NpsText::Title => l.pick("Net Promoter Score (NPS)", "Net Promoter Score (NPS)"),
        NpsText::Help => l.pick(
            "Klanten beantwoorden “Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?” van 0 tot 10: 9–10 zijn promotors, 7–8 passives, 0–6 criticasters. NPS = % promotors − % criticasters.",
            "Customers answer “How likely is it that you would recommend us to a friend or colleague?” from 0 to 10: 9–10 are promoters, 7–8 passives, 0–6 detractors. NPS = % promoters − % detractors.",
        ),
        NpsText::Survey => l.pick("Je meting", "Your survey"),
        NpsText::Before => l.pick("Meting 1 (voor)", "Survey 1 (before)"),
        NpsText::After => l.pick("Meting 2 (na)", "Survey 2 (after)"),
        NpsText::Mode => l.pick("Invoeren als", "Enter as"),
        NpsText::ModeCounts => l.pick("Aantallen", "Counts"),
        NpsText::ModeAnswers => l.pick("Antwoorden 0–10", "Answers 0–10"),
        NpsText::AnswersLabel => l.pick("Plak de antwoorden", "Paste the answers"),
        NpsText::AnswersHint => l.pick(
            "Eén per regel, of gescheiden door ; , tabs of spaties. Een eerste regel zonder getal is een kopregel.",
            "One a line, or separated by ; , tabs or spaces. A first line without a number is a header.",
        ),
        NpsText::ColumnLabel => l.pick("Kolom met de score", "Column with the score"),
        NpsText::ColumnHint => l.pick(
            "Alleen voor een tabel (CSV): een nummer vanaf 1 of (een deel van) de kolomnaam, zoals “aanbevelen”. Leeg: elke cel is een antwoord.",
            "Tables (CSV) only: a number from 1 or (part of) the column name, such as “recommend”. Empty: every cell is an answer.",
        ),
        NpsText::FileLabel => l.pick("Of importeer een CSV-bestand", "Or import a CSV file"),
        NpsText::FileHint => l.pick(
            "Het bestand blijft in je browser. Met een bestand wordt de geplakte tekst niet gelezen.",
            "The file stays in your browser. While a file is loaded, the pasted text is not read.",
        ),
        NpsText::ClearFile => l.pick("Bestand weghalen", "Remove file"),
        NpsText::Compare => l.pick(
            "Vergelijk met een tweede meting (bijvoorbeeld na een campagne)",
            "Compare with a second survey (for example after a campaign)",
        ),
        NpsText::ChangeLabel => l.pick(
            "Verandering die je wilt kunnen aantonen",
            "Change you want to be able to show",
        ),
        NpsText::ChangeHint => l.pick(
            "In NPS-punten, meer dan 0 en hoogstens 200.",
            "In NPS points, more than 0 and at most 200.",
        ),
        NpsText::SampleTitle => l.pick(
            "Hoeveel respondenten heb je nodig?",
            "How many respondents do you need?",
        ),
        NpsText::ChangeTitle => l.pick("Is de NPS veranderd?", "Did the NPS change?"),
        NpsText::BesideTitle => l.pick("Naast je klantretentie", "Beside your retention"),
        NpsText::BesideNote => l.pick(
            "Twee aparte metingen naast elkaar. Ze hangen vaak samen, maar er is geen vaste formule die de een in de ander omrekent; volg ze allebei in de tijd.",
            "Two separate measures side by side. They often move together, but no fixed formula turns one into the other; follow both over time.",
        ),
        NpsText::Interval => l.pick("95%-interval", "95% interval"),
        NpsText::Respondents => l.pick("respondenten", "respondents"),
        NpsText::Points => l.pick("punten", "points"),
        NpsText::NextSteps => l.pick("Volgende stappen", "Next steps"),
    }
}

/// The name of a figure.
pub fn nps_label(figure: NpsFigure, locale: Locale) -> &'static str {
    let l = locale;
    match figure {
        NpsFigure::Score => "NPS",
        NpsFigure::StandardError => l.pick("Standaardfout", "Standard error"),
        NpsFigure::MarginOfError => l.pick("Foutmarge (95%)", "Margin of error (95%)"),
        NpsFigure::Change => l.pick("Verandering", "Change"),
        NpsFigure::ChangeStandardError => l.pick(
            "Standaardfout van de verandering",
            "Standard error of the change",
        ),
        NpsFigure::ZScore => "z",
        NpsFigure::PValue => l.pick("p-waarde (tweezijdig)", "p-value (two-sided)"),
        NpsFigure::SampleToBeSignificant => l.pick(
            "Respondenten per meting: significant",
            "Respondents a survey: significant",
        ),
        NpsFigure::SampleToDetect => l.pick(
            "Respondenten per meting: 80% kans",
            "Respondents a survey: 80% power",
        ),
    }
}

/// The formula of a figure in symbols, the left-hand side of the one with numbers.
pub fn nps_symbols(figure: NpsFigure, locale: Locale) -> &'static str {
    let l = locale;
    match figure {
        NpsFigure::Score => l.pick("NPS = (P − C) / n × 100", "NPS = (P − D) / n × 100"),
        NpsFigure::StandardError => l.pick(
            "SF = √((p + c − (p − c)²) / n) × 100",
            "SE = √((p + d − (p − d)²) / n) × 100",
        ),
        NpsFigure::MarginOfError => l.pick(
            "± = 1,96 × √((p̃ + c̃ − (p̃ − c̃)²) / (n + 3)) × 100",
            "± = 1.96 × √((p̃ + d̃ − (p̃ − d̃)²) / (n + 3)) × 100",
        ),
        NpsFigure::Change => "Δ = NPS₂ − NPS₁",
        NpsFigure::ChangeStandardError => {
            l.pick("SF(Δ) = √(SF₁² + SF₂²)", "SE(Δ) = √(SE₁² + SE₂²)")
        }
        NpsFigure::ZScore => l.pick("z = Δ / SF(Δ)", "z = Δ / SE(Δ)"),
        NpsFigure::PValue => "p = 2 × (1 − Φ(|z|))",
        NpsFigure::SampleToBeSignificant => {
            l.pick("n = 2 × 1,96² × Var / Δ²", "n = 2 × 1.96² × Var / Δ²")
        }
        NpsFigure::SampleToDetect => l.pick(
            "n = 2 × (1,96 + 0,84)² × Var / Δ²",
            "n = 2 × (1.96 + 0.84)² × Var / Δ²",
        ),
    }
}

/// What a figure means, in the survey's numbers.
pub fn nps_meaning(figure: NpsFigure, nps: &Nps, locale: Locale) -> String {
    let l = locale;
    let n = format_count(nps.respondents, l);
    match figure {
        NpsFigure::Score => score_sentence(nps, l),
        NpsFigure::StandardError => l.pick(
            format!(
                "Zo veel punten schommelt de NPS van een meting bij {n} respondenten gewoonlijk door toeval. p en c zijn de aandelen promotors en criticasters."
            ),
            format!(
                "This is how many points the NPS of a survey of {n} usually moves by chance. p and d are the shares of promoters and detractors."
            ),
        ),
        NpsFigure::MarginOfError => {
            let (low, high) = (points(nps.interval.low, l), points(nps.interval.high, l));
            l.pick(
                format!(
                    "Met 95% zekerheid ligt de NPS van al je klanten tussen {low} en {high}. Berekend met de aangepaste Wald-methode (Rocks, 2016): tel 3 denkbeeldige respondenten mee, ¾ promotor en ¾ criticaster, zodat ook een kleine meting een eerlijke marge krijgt."
                ),
                format!(
                    "With 95% confidence the NPS of all your customers is between {low} and {high}. By the adjusted Wald method (Rocks, 2016): add 3 imaginary respondents, ¾ promoter and ¾ detractor, so a small survey gets an honest margin too."
                ),
            )
        }
        _ => String::new(),
    }
}

/// "Of the 100 respondents, 50 (50%) gave 9 or 10 and 20 (20%) 0 to 6: 50% − 20% = NPS 30."
fn score_sentence(nps: &Nps, l: Locale) -> String {
    let c = nps.counts;
    let (n, p, d) = (
        format_count(nps.respondents, l),
        format_count(c.promoters, l),
        format_count(c.detractors, l),
    );
    let (ps, ds) = (
        percent(nps.promoter_share, l),
        percent(nps.detractor_share, l),
    );
    let score = points(nps.score, l);
    l.pick(
        format!(
            "Van de {n} respondenten gaven er {p} een 9 of 10 ({ps}) en {d} een 0 tot 6 ({ds}): {ps} − {ds} = een NPS van {score}."
        ),
        format!(
            "Of the {n} respondents, {p} gave 9 or 10 ({ps}) and {d} gave 0 to 6 ({ds}): {ps} − {ds} = an NPS of {score}."
        ),
    )
}

/// The band's name and its range.
pub fn nps_band(band: NpsBand, locale: Locale) -> &'static str {
    let l = locale;
    match band {
        NpsBand::NeedsWork => l.pick("Werk aan de winkel: onder 0", "Needs work: below 0"),
        NpsBand::Good => l.pick("Goed: 0 tot 30", "Good: 0 to 30"),
        NpsBand::Great => l.pick("Sterk: 30 tot 70", "Great: 30 to 70"),
        NpsBand::Excellent => l.pick("Uitstekend: 70 of meer", "Excellent: 70 or more"),
    }
}

/// What the band says, and how far to trust it.
pub fn band_sentence(band: NpsBand, locale: Locale) -> &'static str {
    let l = locale;
    match band {
        NpsBand::NeedsWork => l.pick(
            "Er zijn meer criticasters dan promotors: zij praten je eerder af dan aan.",
            "There are more detractors than promoters: more customers talk you down than up.",
        ),
        NpsBand::Good => l.pick(
            "Meer promotors dan criticasters: een gezonde basis, met ruimte om te groeien.",
            "More promoters than detractors: a sound base with room to grow.",
        ),
        NpsBand::Great => l.pick(
            "Duidelijk meer promotors dan criticasters: veel klanten bevelen je aan.",
            "Clearly more promoters than detractors: many customers recommend you.",
        ),
        NpsBand::Excellent => l.pick(
            "Een uitzonderlijke score: je klanten zijn je beste verkopers.",
            "An exceptional score: your customers are your best sales force.",
        ),
    }
}

/// The class suffix the band's badge takes (the colours of the retention verdict).
pub fn band_class(band: NpsBand) -> &'static str {
    match band {
        NpsBand::NeedsWork => "below",
        NpsBand::Good => "near",
        NpsBand::Great | NpsBand::Excellent => "above",
    }
}

/// A comparison's verdict.
pub fn nps_verdict(verdict: ChangeVerdict, locale: Locale) -> &'static str {
    let l = locale;
    match verdict {
        ChangeVerdict::Up => l.pick("Gestegen (significant)", "Up (significant)"),
        ChangeVerdict::Down => l.pick("Gedaald (significant)", "Down (significant)"),
        ChangeVerdict::NotSignificant => l.pick("Niet significant", "Not significant"),
    }
}

/// The comparison in a sentence: from what to what, the interval and whether it is chance.
pub fn change_sentence(change: &NpsChange, locale: Locale) -> String {
    let l = locale;
    let (b, a) = (
        points(change.before.score, l),
        points(change.after.score, l),
    );
    let d = signed(change.difference, l);
    let (low, high) = (
        signed(change.interval.low, l),
        signed(change.interval.high, l),
    );
    let p = p_value(change.p_value, l);
    let head = l.pick(
        format!(
            "De NPS ging van {b} naar {a}: {d} punten (95%-interval {low} tot {high}, p {p}). "
        ),
        format!("The NPS went from {b} to {a}: {d} points (95% interval {low} to {high}, p {p}). "),
    );
    let tail = match change.verdict {
        ChangeVerdict::Up => l.pick(
            "Dat is significant bij 5%: zo’n stijging geeft toeval zelden.",
            "That is significant at 5%: chance rarely gives a rise this large.",
        ),
        ChangeVerdict::Down => l.pick(
            "Dat is significant bij 5%: zo’n daling geeft toeval zelden.",
            "That is significant at 5%: chance rarely gives a fall this large.",
        ),
        ChangeVerdict::NotSignificant => l.pick(
            "Dat is niet significant bij 5%: twee metingen bij dezelfde klanten kunnen zo ver uiteenlopen door toeval alleen.",
            "That is not significant at 5%: two surveys of the same customers can differ this much by chance alone.",
        ),
    };
    head + tail
}

/// The change in points, and the respondents a survey that make it significant and that
/// give an 80 % chance of seeing it, as the sample sentences write them.
fn sample_words(needed: &SampleNeeded, l: Locale) -> (String, String, String) {
    (
        format_decimal(needed.change, 0, 1, l),
        format_count(needed.to_be_significant, l),
        format_count(needed.to_detect, l),
    )
}

/// How many respondents would make the change found significant.
pub fn change_sample_sentence(needed: &SampleNeeded, locale: Locale) -> String {
    let l = locale;
    let (change, n, power) = sample_words(needed, l);
    l.pick(
        format!(
            "Een verandering van {change} punten is significant vanaf {n} respondenten per meting (met de mix van meting 2); voor 80% kans om een echte verandering van die grootte te zien: {power}."
        ),
        format!(
            "A change of {change} points is significant from {n} respondents a survey (at survey 2’s mix); for an 80% chance of seeing a real change that large: {power}."
        ),
    )
}

/// How many respondents a next survey needs to show a change.
pub fn sample_sentence(needed: &SampleNeeded, locale: Locale) -> String {
    let l = locale;
    let (change, n, power) = sample_words(needed, l);
    l.pick(
        format!(
            "Om een verandering van {change} punten als significant te kunnen zien, heb je {n} respondenten per meting nodig. Voor 80% kans dat een echte verandering van {change} punten significant uitkomt: {power} per meting."
        ),
        format!(
            "To see a change of {change} points as significant, you need {n} respondents a survey. For an 80% chance that a real change of {change} points comes out significant: {power} a survey."
        ),
    )
}

/// Below [`MIN_RESPONDENTS`] respondents.
pub fn too_small(locale: Locale) -> String {
    locale.pick(
        format!("Te weinig respondenten om op te sturen: onder {MIN_RESPONDENTS} kan de score sterk door toeval bewegen. De cijfers staan er, met hun brede marge."),
        format!("Too few respondents to act on: below {MIN_RESPONDENTS} the score can move a lot by chance. The figures are shown, with their wide margin."),
    )
}

/// A next step.
pub fn nps_advice(advice: NpsAdvice, locale: Locale) -> &'static str {
    let l = locale;
    match advice {
        NpsAdvice::CloseTheLoop => l.pick(
            "Neem binnen 48 uur contact op met elke criticaster: vraag wat er misging en los het op.",
            "Contact every detractor within 48 hours: ask what went wrong and put it right.",
        ),
        NpsAdvice::FixTopComplaint => l.pick(
            "Groepeer de opmerkingen van criticasters en los de vaakst genoemde klacht eerst op.",
            "Group the detractors’ comments and fix the most named complaint first.",
        ),
        NpsAdvice::ActivatePassives => l.pick(
            "Vraag passives wat er nodig is voor een 9 of 10.",
            "Ask passives what would make it a 9 or 10.",
        ),
        NpsAdvice::AskForReviews => l.pick(
            "Vraag promotors om een review of een aanbeveling nu ze tevreden zijn.",
            "Ask promoters for a review or a referral while they are happy.",
        ),
        NpsAdvice::ReferralProgramme => l.pick(
            "Start een aanbevelingsprogramma dat promotors en de vrienden die ze meebrengen beloont.",
            "Start a referral programme that rewards promoters and the friends they bring.",
        ),
        NpsAdvice::SurveyAgain => l.pick(
            "Meet opnieuw na een verandering, bij dezelfde soort klanten met dezelfde vraag.",
            "Survey again after a change, the same kind of customers with the same question.",
        ),
        NpsAdvice::AskMore => l.pick(
            "Vraag meer klanten voordat je op de score stuurt: herinneringen, een enquête na elke bestelling.",
            "Ask more customers before acting on the score: reminders, a survey after each order.",
        ),
    }
}

/// The label of a count field.
pub fn count_label(field: NpsField, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        NpsField::Promoters => l.pick("Promotors (9–10)", "Promoters (9–10)"),
        NpsField::Passives => l.pick("Passives (7–8)", "Passives (7–8)"),
        _ => l.pick("Criticasters (0–6)", "Detractors (0–6)"),
    }
}

/// A mistake in a survey's numbers, for next to its field.
pub fn nps_error(error: &NpsError, locale: Locale) -> String {
    let l = locale;
    let words = match error {
        NpsError::Missing { .. } => l.pick(
            "Vul dit veld in (0 mag).",
            "Fill in this field (0 is fine).",
        ),
        NpsError::NotANumber {
            field: NpsField::Change,
        } => l.pick(
            "Dit is geen getal. Typ bijvoorbeeld 10.",
            "This is not a number. Type for example 10.",
        ),
        NpsError::NotANumber { .. } => l.pick(
            "Dit is geen getal. Typ het aantal respondenten, bijvoorbeeld 50.",
            "This is not a number. Type the number of respondents, for example 50.",
        ),
        NpsError::Negative { .. } => l.pick(
            "Een aantal respondenten kan niet negatief zijn.",
            "A number of respondents cannot be negative.",
        ),
        NpsError::NotWhole { .. } => l.pick(
            "Respondenten tel je in hele getallen, zonder decimalen.",
            "Respondents come in whole numbers, without decimals.",
        ),
        NpsError::TooLarge { max, .. } => return mistake(Mistake::TooLarge(*max), l),
        NpsError::NoRespondents => l.pick(
            "Alle drie de aantallen zijn 0: niemand heeft geantwoord.",
            "All three counts are 0: no one answered.",
        ),
        NpsError::NoAnswers => l.pick(
            "Geen enkel antwoord van 0 tot 10 gevonden. Zie de regels hieronder.",
            "No answer from 0 to 10 was found. See the lines below.",
        ),
        NpsError::ScoreOutOfRange { .. } => {
            l.pick("Een score ligt tussen 0 en 10.", "A score is from 0 to 10.")
        }
        NpsError::ScoreNotWhole { .. } => l.pick(
            "Een score is een heel getal van 0 tot 10.",
            "A score is a whole number from 0 to 10.",
        ),
        NpsError::ScoreNotANumber { .. } => l.pick("Dit is geen getal.", "This is not a number."),
        NpsError::ChangeOutOfRange { .. } => l.pick(
            "Vul een verandering in van meer dan 0 en hoogstens 200 punten.",
            "Enter a change of more than 0 and at most 200 points.",
        ),
    };
    words.to_string()
}

/// Why a pasted cell is not an answer: "line 3: “11” is not from 0 to 10".
pub fn bad_answer(line: usize, text: &str, problem: AnswerProblem, locale: Locale) -> String {
    let l = locale;
    let why = match problem {
        AnswerProblem::NotANumber => l.pick("is geen getal", "is not a number"),
        AnswerProblem::OutOfRange => l.pick("ligt niet tussen 0 en 10", "is not from 0 to 10"),
        AnswerProblem::NotWhole => l.pick("is geen heel getal", "is not a whole number"),
        AnswerProblem::NoColumn => l.pick("heeft die kolom niet", "has no such column"),
    };
    let line_word = l.pick("Regel", "Line");
    if problem == AnswerProblem::NoColumn {
        return format!("{line_word} {line} {why}");
    }
    format!("{line_word} {line}: “{text}” {why}")
}

/// What was read from pasted or imported answers.
pub fn answers_read(sheet: &AnswerSheet, locale: Locale) -> String {
    let l = locale;
    let n = format_count(sheet.answers, l);
    let mut out = l.pick(
        format!("{n} antwoorden gelezen"),
        format!("{n} answers read"),
    );
    if let Some(c) = sheet.column {
        out += &l.pick(
            format!(" uit kolom {}", c + 1),
            format!(" from column {}", c + 1),
        );
    }
    if let Some(h) = sheet.header_line {
        out += &l.pick(
            format!(", regel {h} is een kopregel"),
            format!(", line {h} is a header"),
        );
    }
    if sheet.blank > 0 {
        let b = format_count(sheet.blank, l);
        out += &l.pick(format!(", {b} leeg"), format!(", {b} left empty"));
    }
    if sheet.bad_count > 0 {
        let b = format_count(sheet.bad_count, l);
        out += &l.pick(
            format!("; {b} zijn geen antwoord"),
            format!("; {b} are not an answer"),
        );
    }
    out + "."
}

/// More bad cells than are listed.
pub fn more_bad(count: u64, locale: Locale) -> String {
    let n = format_count(count, locale);
    locale.pick(format!("… en nog {n}."), format!("… and {n} more."))
}

/// The column field cannot be used.
pub fn column_problem(problem: &ColumnProblem, locale: Locale) -> String {
    let l = locale;
    match problem {
        ColumnProblem::CountsFromOne => l
            .pick(
                "Kolommen tel je vanaf 1: de eerste kolom is 1.",
                "Columns count from 1: the first column is 1.",
            )
            .to_string(),
        ColumnProblem::NotFound(AnswerError::ColumnNotFound { name, header })
            if header.is_empty() =>
        {
            l.pick(
                format!("Geen kolom “{name}”: de tekst heeft geen kopregel. Gebruik een nummer."),
                format!("No column “{name}”: the text has no header line. Use a number."),
            )
        }
        ColumnProblem::NotFound(AnswerError::ColumnNotFound { name, header }) => {
            let header = header.join(", ");
            l.pick(
                format!("Geen kolom “{name}” in de kopregel ({header})."),
                format!("No column “{name}” in the header ({header})."),
            )
        }
    }
}

/// A file that could not be used.
pub fn file_problem(problem: FileProblem, locale: Locale) -> &'static str {
    let l = locale;
    match problem {
        FileProblem::TooLarge => l.pick(
            "Dit bestand is groter dan 50 MB. Neem alleen de kolom met de score, of tel de antwoorden met de opdrachtregel (retention nps).",
            "This file is larger than 50 MB. Keep only the score column, or count the answers with the command line (retention nps).",
        ),
        FileProblem::Unreadable => l.pick(
            "Dit bestand kon niet worden gelezen.",
            "This file could not be read.",
        ),
    }
}

/// The file was read as Windows-1252.
pub fn windows_1252(locale: Locale) -> &'static str {
    locale.pick(
        "Dit bestand is geen UTF-8; het is gelezen als Windows-1252.",
        "This file is not UTF-8; it was read as Windows-1252.",
    )
}

/// The score with its sign and the margin, in whole points: "+30 ± 15".
pub fn score_with_margin(nps: &Nps, locale: Locale) -> String {
    let margin = format_decimal(nps.interval.margin, 0, 0, locale);
    format!("{} ± {margin}", signed_whole(nps.score, locale))
}

/// The 95 % interval: "14.1 to 44.2".
pub fn interval_text(low: f64, high: f64, locale: Locale) -> String {
    let to = locale.pick("tot", "to");
    format!("{} {to} {}", points(low, locale), points(high, locale))
}

/// A figure's value as the section shows it: points to one decimal, a change with its sign, z
/// to two decimals, p to four, counts as counts.
pub fn nps_value(figure: NpsFigure, value: Quantity, locale: Locale) -> String {
    let l = locale;
    match (figure, value) {
        (NpsFigure::MarginOfError, Quantity::Number(m)) => format!("±{}", points(m, l)),
        (NpsFigure::Change, Quantity::Number(d)) => signed(d, l),
        (NpsFigure::ZScore, Quantity::Number(z)) => minus(format_decimal(z, 2, 2, l)),
        (NpsFigure::PValue, Quantity::Number(p)) => p_value(p, l),
        (_, Quantity::Number(v)) => points(v, l),
        (_, q) => formula_value(q, l),
    }
}

/// A number inside a formula: counts as counts, the rest to at most four decimals.
pub fn formula_value(value: Quantity, locale: Locale) -> String {
    match value {
        Quantity::Count(n) => format_count(n, locale),
        Quantity::Number(v) => minus(format_decimal(v, 0, 4, locale)),
        // NPS formulas hold only counts and plain numbers.
        Quantity::Percent(v) => percent(v, locale),
        _ => String::new(),
    }
}

/// Points to one decimal: "30", "14.1" or "−3.5".
fn points(v: f64, l: Locale) -> String {
    minus(format_decimal(v, 0, 1, l))
}

/// A real minus sign, as the headline's, instead of the hyphen of a plain number.
fn minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// Points with a sign: "+20", "−3.5".
fn signed(v: f64, l: Locale) -> String {
    with_sign(v, points(v.abs(), l))
}

fn signed_whole(v: f64, l: Locale) -> String {
    with_sign(v, format_decimal(v.abs(), 0, 0, l))
}

fn with_sign(v: f64, magnitude: String) -> String {
    if magnitude.trim_start_matches(['0', '.', ',']).is_empty() {
        magnitude
    } else if v > 0.0 {
        format!("+{magnitude}")
    } else {
        format!("−{magnitude}")
    }
}

fn percent(v: f64, l: Locale) -> String {
    retention_core::format_percent(v, 1, l)
}

/// "= 0.0790" or "< 0.0001".
fn p_value(p: f64, l: Locale) -> String {
    if p < 0.0001 {
        format!("< {}", format_decimal(0.0001, 4, 4, l))
    } else {
        format!("= {}", format_decimal(p, 4, 4, l))
    }
}

#[cfg(test)]
mod tests {
    use retention_core::{nps, NpsCounts};

    use super::*;

    #[test]
    fn the_headline_is_signed_whole_points_with_the_margin() {
        let survey = nps(NpsCounts {
            promoters: 50,
            passives: 30,
            detractors: 20,
        })
        .unwrap();
        assert_eq!(score_with_margin(&survey, Locale::En), "+30 ± 15");
        let down = nps(NpsCounts {
            promoters: 10,
            passives: 0,
            detractors: 30,
        })
        .unwrap();
        assert!(score_with_margin(&down, Locale::Nl).starts_with("−50 ± "));
    }

    #[test]
    fn a_zero_change_has_no_sign() {
        assert_eq!(signed(0.0, Locale::En), "0");
        assert_eq!(signed(-0.04, Locale::Nl), "0");
        assert_eq!(signed(-3.5, Locale::Nl), "−3,5");
        assert_eq!(
            nps_value(NpsFigure::ZScore, Quantity::Number(-5.547), Locale::En),
            "−5.55"
        );
    }
}
