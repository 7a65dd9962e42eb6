//! The member import's words: the drop zone, the column roles, bad rows and what the file
//! says (survival, the sBG fit, member value).

use retention_core::{
    format_count, Date, Locale, MemberBadRowReason, MemberImportError, MemberImportStats,
};

use super::problem;
use crate::import::Problem;

/// A fixed text of the member import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberImportText {
    Title,
    Help,
    Choose,
    Drop,
    Analyse,
    Cancel,
    Another,
    MemberColumn,
    StartColumn,
    EndColumn,
    FeeColumn,
    PlanColumn,
    NoColumn,
    DateFormat,
    Delimiter,
    HasHeader,
    BadRowsTitle,
    Line,
    Reason,
    FiguresTitle,
    Members,
    Active,
    Cancelled,
    SurvivalTitle,
    SurvivalHelp,
    Month,
    AtRisk,
    Left,
    Survival,
    Interval,
    KaplanMeier,
    SbgCurve,
    ConstantCurve,
    ChartTitle,
    FitTitle,
    ValueTitle,
    MeanLifetime,
    Del,
    ResidualLifetime,
    Clv,
    ResidualValue,
    MonthlyFee,
    NoFee,
    Infinite,
}

/// A fixed text of the member import, in `locale`.
pub fn member_import_text(text: MemberImportText, locale: Locale) -> &'static str {
    use MemberImportText as T;
    let l = locale;
    match text {
        T::Title => l.pick("Ledenbestand importeren", "Import a member file"),
        T::Help => l.pick(
            "Een export van je leden (CSV, TSV of een blad van een Excel-bestand): per lid een nummer, de startdatum en de einddatum of opzegdatum (leeg zolang iemand lid is), eventueel de contributie en het abonnement. Het bestand blijft op je computer.",
            "An export of your members (CSV, TSV or a sheet of an Excel workbook): per member an id, the start date and the end or cancellation date (empty while still a member), optionally the fee and the plan. The file stays on your computer.",
        ),
        T::Choose => l.pick("Kies een ledenbestand", "Choose a member file"),
        T::Drop => l.pick("of sleep het hierheen.", "or drop it here."),
        T::Analyse => l.pick("Leden analyseren", "Analyse members"),
        T::Cancel => l.pick("Annuleren", "Cancel"),
        T::Another => l.pick("Ander bestand", "Another file"),
        T::MemberColumn => l.pick("Lid", "Member"),
        T::StartColumn => l.pick("Startdatum", "Start date"),
        T::EndColumn => l.pick("Einddatum (leeg: nog lid)", "End date (empty: still a member)"),
        T::FeeColumn => l.pick("Contributie", "Fee"),
        T::PlanColumn => l.pick("Abonnement", "Plan"),
        T::NoColumn => l.pick("(geen)", "(none)"),
        T::DateFormat => l.pick("Datumnotatie", "Date format"),
        T::Delimiter => l.pick("Scheidingsteken", "Delimiter"),
        T::HasHeader => l.pick("Eerste regel bevat kolomnamen", "First row holds column names"),
        T::BadRowsTitle => l.pick("Regels die niet gelezen zijn", "Rows that were not read"),
        T::Line => l.pick("Regel", "Line"),
        T::Reason => l.pick("Waarom", "Why"),
        T::FiguresTitle => l.pick("Wat je ledenbestand zegt", "What your member file says"),
        T::Members => l.pick("Leden", "Members"),
        T::Active => l.pick("Nog lid", "Still members"),
        T::Cancelled => l.pick("Opgezegd", "Cancelled"),
        T::SurvivalTitle => l.pick("Overleving per maand lidmaatschap (Kaplan–Meier)", "Survival by month of membership (Kaplan–Meier)"),
        T::SurvivalHelp => l.pick(
            "Het deel van de leden dat na zoveel maanden nog lid is. Wie pas kort lid is, telt mee zolang die gevolgd is en geldt niet als opgezegd.",
            "The share of members still there after so many months. Members who joined recently count for as long as they were followed and are not taken as cancelled.",
        ),
        T::Month => l.pick("Maand", "Month"),
        T::AtRisk => l.pick("Gevolgd", "Followed"),
        T::Left => l.pick("Opgezegd", "Left"),
        T::Survival => l.pick("Nog lid", "Still there"),
        T::Interval => l.pick("95%-interval", "95% interval"),
        T::KaplanMeier => l.pick("Gemeten (Kaplan–Meier)", "Measured (Kaplan–Meier)"),
        T::SbgCurve => l.pick("sBG-model", "sBG model"),
        T::ConstantCurve => l.pick("Vaste opzegkans", "Constant churn"),
        T::ChartTitle => l.pick("Leden die nog lid zijn, per maand", "Members still there, by month"),
        T::FitTitle => l.pick("Het sBG-model over alle leden", "The sBG model over every member"),
        T::ValueTitle => l.pick("Wat een lid waard is", "What a member is worth"),
        T::MeanLifetime => l.pick("Verwachte duur van een nieuw lid", "Expected lifetime of a new member"),
        T::Del => l.pick("Verdisconteerde duur van een nieuw lid", "Discounted lifetime of a new member"),
        T::ResidualLifetime => l.pick("Verdisconteerde resterende duur van je huidige leden", "Discounted residual lifetime of today's members"),
        T::Clv => l.pick("Waarde van een nieuw lid", "Value of a new member"),
        T::ResidualValue => l.pick("Resterende waarde van je huidige leden", "Residual value of today's members"),
        T::MonthlyFee => l.pick("Gemiddelde contributie per maand", "Average fee a month"),
        T::NoFee => l.pick(
            "Geen contributie in het bestand of de calculator: vul de contributie in om de waarde van een lid te zien.",
            "No fee in the file or the calculator: enter the fee to see what a member is worth.",
        ),
        T::Infinite => l.pick("onbegrensd", "unbounded"),
    }
}

/// How many rows were read, in a sentence.
pub fn member_read_sentence(stats: &MemberImportStats, locale: Locale) -> String {
    let n = |v: usize| format_count(v as u64, locale);
    let (rows, subscriptions, members) =
        (n(stats.read.rows), n(stats.subscriptions), n(stats.members));
    let (open, bad) = (n(stats.open), n(stats.read.bad_row_count));
    locale.pick(
        format!("{rows} regels gelezen: {subscriptions} lidmaatschappen van {members} leden, {open} nog lopend, {bad} niet gelezen."),
        format!("{rows} rows read: {subscriptions} memberships of {members} members, {open} still running, {bad} not read."),
    )
}

/// Why a row of a member export was not read.
pub fn member_bad_row(reason: &MemberBadRowReason, locale: Locale) -> String {
    let l = locale;
    let date = |d: &Date| d.to_string();
    match reason {
        MemberBadRowReason::Columns { found, expected } => l.pick(
            format!("{found} kolommen in plaats van {expected}"),
            format!("{found} columns instead of {expected}"),
        ),
        MemberBadRowReason::NoMember => l.pick("geen lidnummer", "no member id").into(),
        MemberBadRowReason::StartDate { text } => l.pick(
            format!("startdatum “{text}” is geen datum in die notatie"),
            format!("start date “{text}” is not a date in that format"),
        ),
        MemberBadRowReason::EndDate { text } => l.pick(
            format!("einddatum “{text}” is geen datum in die notatie"),
            format!("end date “{text}” is not a date in that format"),
        ),
        MemberBadRowReason::EndBeforeStart { start, end } => l.pick(
            format!("eindigt op {}, vóór de start op {}", date(end), date(start)),
            format!("ends on {}, before it starts on {}", date(end), date(start)),
        ),
        MemberBadRowReason::Fee { text } => l.pick(
            format!("contributie “{text}” is geen bedrag"),
            format!("fee “{text}” is not an amount"),
        ),
        MemberBadRowReason::UnclosedQuote => l
            .pick(
                "een aanhalingsteken wordt niet gesloten",
                "a quote is never closed",
            )
            .into(),
    }
}

/// Why a member export could not be read with the mapping.
pub fn member_import_error(error: &MemberImportError, locale: Locale) -> String {
    let l = locale;
    match *error {
        MemberImportError::Cancelled => problem(&Problem::Cancelled, l),
        MemberImportError::NoSuchColumn { column, columns } => {
            let column = column + 1;
            l.pick(
                format!("Kolom {column} bestaat niet: de regels hebben {columns} kolommen. Kies een andere kolom."),
                format!("Column {column} does not exist: the rows have {columns} columns. Choose another column."),
            )
        }
        MemberImportError::SameColumn { column } => {
            let column = column + 1;
            l.pick(
                format!("Kolom {column} is twee keer gekozen. Kies voor het lid, de start, het einde, de contributie en het abonnement elk een eigen kolom."),
                format!("Column {column} is chosen twice. Choose a column of its own for the member, the start, the end, the fee and the plan."),
            )
        }
    }
}
