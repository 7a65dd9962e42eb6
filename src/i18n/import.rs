//! The order import's words, kept apart from the calculator's so the import can become a
//! module of its own.

use retention_core::worker::{self, Stage};
use retention_core::{
    format_count, BadRowReason, DateFormat, Delimiter, ExportFormat, FitError, ImportError, Inputs,
    Locale, Period, Quantity, SniffError, Summary, WinBack, YearFill, MAX_QUOTED_CHARS,
};

use super::Words;
use crate::import::Problem;
use crate::worker::Blocked;

/// Fixed texts of the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportText {
    Title,
    Help,
    Choose,
    Drop,
    Previewing,
    MapCustomer,
    MapDate,
    MapAmount,
    MapDateFormat,
    MapAmounts,
    MapHeader,
    MapMissing,
    FindColumn,
    DateAmbiguous,
    Preview,
    Analyse,
    Cancel,
    NoOrders,
    RepeatRate,
    OrderValue,
    Frequency,
    MedianClv,
    PeriodsTitle,
    PeriodKind,
    Window,
    InactiveDays,
    FirstTime,
    Reactivated,
    Running,
    CohortsTitle,
    CohortsHelp,
    MonthsLater,
    CohortSize,
    InactiveTitle,
    DownloadInactive,
    LastOrder,
    DaysInactive,
    Orders,
    Spend,
    Customer,
    ForecastTitle,
    ForecastHelp,
    PAlive,
    ExpectedPurchases,
    ExpectedSpend,
    SpentSoFar,
    PredictedClv,
    DownloadForecast,
    Another,
    MapOrder,
    MapEmail,
    MapName,
    MapTotal,
    MapQuantity,
    MapUnitPrice,
    MapStatus,
    MapRefunded,
    MapCancelledAt,
    MapNone,
    Sheet,
    ScrollHint,
    StatusesTitle,
    StatusesHelp,
    WhatToBring,
    TodoTitle,
    TechDetails,
    KeepExample,
    ClearExample,
    AtStake,
    WindowNotFull,
}

/// A fixed text of the import.
pub fn import_text(text: ImportText, locale: Locale) -> &'static str {
    use ImportText as T;
    let l = locale;
    match text {
        T::Title => l.pick("Je eigen orderexport analyseren", "Analyse your own order export"),
        T::Help => l.pick(
            "Sleep een export uit je webshop of CRM hierheen (CSV, TSV of Excel), of kies een bestand. Alles blijft in je browser: het bestand gaat nergens heen.",
            "Drop an export from your shop or CRM here (CSV, TSV or Excel), or choose a file. Everything stays in your browser: the file goes nowhere.",
        ),
        T::Choose => l.pick("Kies een bestand", "Choose a file"),
        T::Drop => l.pick("of sleep het hierheen", "or drop it here"),
        T::Previewing => l.pick("Bestand bekijken…", "Looking at the file…"),
        T::MapCustomer => l.pick("Klantnummer", "Customer id"),
        T::MapDate => l.pick("Orderdatum", "Order date"),
        T::MapAmount => l.pick("Bedrag per regel", "Amount per row"),
        T::MapDateFormat => l.pick("Datumnotatie", "Date format"),
        T::MapAmounts => l.pick("Bedragen geschreven als", "Amounts written as"),
        T::MapHeader => l.pick("De eerste regel bevat kolomnamen", "The first row holds column names"),
        T::MapMissing => l.pick(
            "Kies welke kolom de klant, de datum en het bedrag bevat.",
            "Choose which column holds the customer, the date and the amount.",
        ),
        T::FindColumn => l.pick("Kolom zoeken (naam of nummer)", "Find a column (name or number)"),
        T::DateAmbiguous => l.pick(
            "Let op: deze datums passen zowel op dag-maand als op maand-dag. Controleer de datumnotatie.",
            "Note: these dates fit both day-month and month-day. Check the date format.",
        ),
        T::Preview => l.pick("De eerste regels", "The first rows"),
        T::Analyse => l.pick("Analyseren", "Analyse"),
        T::Cancel => l.pick("Annuleren", "Cancel"),
        T::NoOrders => l.pick(
            "Geen enkele regel kon als order worden gelezen. Kloppen de kolommen, de datumnotatie en de bedragen hierboven?",
            "Not one row could be read as an order. Are the columns, the date format and the amounts above right?",
        ),
        T::RepeatRate => l.pick("Herhaalaankopen", "Repeat-purchase rate"),
        T::OrderValue => l.pick("Gemiddelde orderwaarde", "Average order value"),
        T::Frequency => l.pick("Aankopen per klant per jaar", "Purchases per customer per year"),
        T::MedianClv => l.pick("Historische CLV per klant (mediaan)", "Historical CLV per customer (median)"),
        T::PeriodsTitle => l.pick("Retentie per periode uit je orders", "Retention per period from your orders"),
        T::PeriodKind => l.pick("Periode", "Period"),
        T::Window => l.pick("Actief = gekocht in de laatste … maanden", "Active = bought in the last … months"),
        T::InactiveDays => l.pick("Inactief na … dagen", "Inactive after … days"),
        T::FirstTime => l.pick("waarvan nieuw", "of which first-time"),
        T::Reactivated => l.pick("teruggekeerd", "reactivated"),
        T::Running => l.pick("loopt nog", "still running"),
        T::CohortsTitle => l.pick("Cohorten: wie kocht er later opnieuw?", "Cohorts: who bought again later?"),
        T::CohortsHelp => l.pick(
            "Elke rij is de maand van de eerste aankoop; elke kolom het aantal maanden daarna; elk vak het deel van die klanten dat toen kocht.",
            "Each row is the month of the first purchase; each column the months after it; each cell the share of those customers who bought then.",
        ),
        T::MonthsLater => l.pick("maanden later", "months later"),
        T::CohortSize => l.pick("klanten", "customers"),
        T::InactiveTitle => l.pick("Klanten om terug te winnen", "Customers to win back"),
        T::DownloadInactive => l.pick(
            "Hele lijst downloaden (CSV) voor een win-backmail",
            "Download the whole list (CSV) for a win-back mail",
        ),
        T::LastOrder => l.pick("Laatste order", "Last order"),
        T::DaysInactive => l.pick("Dagen inactief", "Days inactive"),
        T::Orders => l.pick("Orders", "Orders"),
        T::Spend => l.pick("Besteed", "Spent"),
        T::Customer => l.pick("Klant", "Customer"),
        T::ForecastTitle => l.pick("Voorspelde CLV per klant", "Predicted CLV per customer"),
        T::ForecastHelp => l.pick(
            "Uit wanneer en hoe vaak elke klant kocht schat het BG/NBD-model de kans dat iemand nog klant is en zijn aankopen in de komende 12 maanden; het Gamma-Gamma-model schat zijn besteding per aankoop.",
            "From when and how often each customer bought, the BG/NBD model estimates the chance they are still a customer and their purchases in the next 12 months; the Gamma-Gamma model estimates their spend per purchase.",
        ),
        T::PAlive => l.pick("Kans nog klant", "P(alive)"),
        T::ExpectedPurchases => l.pick("Aankopen komende 12 mnd", "Purchases next 12 months"),
        T::ExpectedSpend => l.pick("Besteding per aankoop", "Spend per purchase"),
        T::SpentSoFar => l.pick("Besteed tot nu toe", "Spent so far"),
        T::PredictedClv => l.pick("CLV komende 12 mnd", "CLV next 12 months"),
        T::DownloadForecast => l.pick("Alle voorspellingen downloaden (CSV)", "Download every prediction (CSV)"),
        T::Another => l.pick("Ander bestand", "Another file"),
        T::MapOrder => l.pick("Ordernummer", "Order number"),
        T::MapEmail => l.pick("E-mailadres", "E-mail address"),
        T::MapName => l.pick("Naam van de klant", "Customer name"),
        T::MapTotal => l.pick("Ordertotaal", "Order total"),
        T::MapQuantity => l.pick("Aantal", "Quantity"),
        T::MapUnitPrice => l.pick("Stukprijs", "Unit price"),
        T::MapStatus => l.pick("Status", "Status"),
        T::MapRefunded => l.pick("Terugbetaald bedrag", "Refunded amount"),
        T::MapCancelledAt => l.pick("Geannuleerd op", "Cancelled at"),
        T::MapNone => l.pick("— geen —", "— none —"),
        T::Sheet => l.pick("Blad", "Sheet"),
        T::ScrollHint => l.pick("Schuif de tabel opzij voor meer kolommen →", "Swipe the table sideways for more columns →"),
        T::StatusesTitle => l.pick("Welke orders tellen mee?", "Which orders count?"),
        T::StatusesHelp => l.pick(
            "Aangevinkt telt als aankoop. Geannuleerde, mislukte en volledig terugbetaalde orders staan standaard uit; een gedeeltelijke terugbetaling verlaagt alleen het bedrag.",
            "Ticked counts as a purchase. Cancelled, failed and fully refunded orders are off by default; a partial refund only lowers the amount.",
        ),
        T::WhatToBring => l.pick(
            "Neem een export van je orders mee, één regel per order of per orderregel, met minstens wie kocht (klantnummer, e-mail of naam), wanneer en voor hoeveel; liefst met ordernummer en status, en minstens twee jaar historie.",
            "Bring an export of your orders, one row per order or per order line, with at least who bought (customer id, e-mail or name), when and for how much; ideally with order number and status, and at least two years of history.",
        ),
        T::TodoTitle => l.pick("Wat nu?", "What now?"),
        T::TechDetails => l.pick("Technische details", "Technical details"),
        T::KeepExample => l.pick("Houden", "Keep them"),
        T::ClearExample => l.pick("Leegmaken", "Clear them"),
        T::AtStake => l.pick("Op het spel", "At stake"),
        T::WindowNotFull => l.pick(
            "(venster nog niet vol)",
            "(window not yet full)",
        ),
    }
}

/// The progress bar's label for a step.
pub fn stage_text(stage: Stage, locale: Locale) -> &'static str {
    let l = locale;
    match stage {
        Stage::Read => l.pick("Bestand lezen…", "Reading the file…"),
        Stage::Parse => l.pick("Regels lezen…", "Reading rows…"),
        Stage::Summarise => l.pick(
            "Periodes en cohorten tellen…",
            "Counting periods and cohorts…",
        ),
        Stage::Forecast => l.pick(
            "Voorspellingsmodel schatten…",
            "Fitting the forecast model…",
        ),
    }
}

/// How a date format looks.
pub fn date_format_name(format: DateFormat, locale: Locale) -> &'static str {
    let l = locale;
    match format {
        DateFormat::Iso => l.pick("jjjj-mm-dd", "yyyy-mm-dd"),
        DateFormat::DayMonthYear => l.pick("dd-mm-jjjj", "dd-mm-yyyy"),
        DateFormat::MonthDayYear => l.pick("mm/dd/jjjj", "mm/dd/yyyy"),
        DateFormat::Compact => l.pick("jjjjmmdd", "yyyymmdd"),
        DateFormat::MonthName => l.pick("mmm d, jjjj", "mmm d, yyyy"),
    }
}

/// The field separator as people call it.
pub fn delimiter_name(delimiter: Delimiter, locale: Locale) -> &'static str {
    match delimiter {
        Delimiter::Comma => ",",
        Delimiter::Semicolon => ";",
        Delimiter::Tab => "tab",
        Delimiter::Whitespace => locale.pick("spaties", "spaces"),
    }
}

/// "Looks like a Shopify orders export."
pub fn looks_like(format: ExportFormat, locale: Locale) -> String {
    let name = format.label(locale);
    locale.pick(format!("Dit lijkt {name}."), format!("Looks like {name}."))
}

/// "de eerste 50 van 2.000 kolommen"
pub fn columns_shown(shown: usize, total: usize, locale: Locale) -> String {
    let (shown, total) = (
        format_count(shown as u64, locale),
        format_count(total as u64, locale),
    );
    locale.pick(
        format!("{shown} van de {total} kolommen; zoek naar de andere."),
        format!("{shown} of {total} columns; search for the others."),
    )
}

/// "1.234 regels gelezen: 1.200 orders van 400 klanten."
pub fn import_read(rows: usize, orders: usize, customers: usize, locale: Locale) -> String {
    let n = |v: usize| format_count(v as u64, locale);
    let (rows, orders, customers) = (n(rows), n(orders), n(customers));
    locale.pick(
        format!("{rows} regels gelezen: {orders} orders van {customers} klanten."),
        format!("{rows} rows read: {orders} orders from {customers} customers."),
    )
}

/// "3 regels konden niet worden gelezen en tellen niet mee:"
pub fn bad_rows_heading(count: usize, locale: Locale) -> String {
    let n = format_count(count as u64, locale);
    locale.pick(
        format!("{n} regels konden niet worden gelezen en tellen niet mee:"),
        format!("{n} rows could not be read and are left out:"),
    )
}

/// Why a row was not read.
pub fn bad_row(line: usize, reason: &BadRowReason, locale: Locale) -> String {
    let l = locale;
    let why = match reason {
        BadRowReason::Columns { found, expected } => l.pick(
            format!("{found} kolommen in plaats van {expected}"),
            format!("{found} columns instead of {expected}"),
        ),
        BadRowReason::NoCustomer => l.pick("geen klant", "no customer").to_string(),
        BadRowReason::Date { text } => l.pick(
            format!("„{text}” is geen datum"),
            format!("“{text}” is not a date"),
        ),
        BadRowReason::Amount { text } => l.pick(
            format!("„{text}” is geen bedrag"),
            format!("“{text}” is not an amount"),
        ),
        BadRowReason::UnclosedQuote => l
            .pick(
                "een aanhalingsteken wordt niet gesloten",
                "a quote is never closed",
            )
            .to_string(),
        BadRowReason::NoOrder => l.pick("geen ordernummer", "no order number").to_string(),
        BadRowReason::NoDate => l.pick("geen datum", "no date").to_string(),
        BadRowReason::NoAmount => l.pick("geen bedrag", "no amount").to_string(),
    };
    l.pick(
        format!("Regel {line}: {why}"),
        format!("Line {line}: {why}"),
    )
}

/// The fill button.
pub fn fill_button(period: &str, locale: Locale) -> String {
    locale.pick(
        format!("Vul de calculator met deze cijfers ({period})"),
        format!("Fill the calculator with these figures ({period})"),
    )
}

/// What the summary counted differently from what was asked, to stay readable: longer
/// periods for a long history, and only the latest cohorts.
pub fn summary_notes(summary: &Summary, locale: Locale) -> Vec<String> {
    let l = locale;
    let mut notes = Vec::new();
    let (asked, used) = (summary.options.period, summary.period);
    if asked != used {
        let span = match (summary.first_order, summary.last_order) {
            (Some(first), Some(last)) => last.ymd().0 - first.ymd().0 + 1,
            _ => 0,
        };
        let (asked, used) = (period_noun(asked, l), period_noun(used, l));
        notes.push(l.pick(
            format!("Je orders beslaan {span} kalenderjaren: te veel om per {asked} te tonen, dus de tabel telt per {used}."),
            format!("Your orders span {span} calendar years: too many to show by {asked}, so the table counts by {used}."),
        ));
    }
    if summary.cohorts_left_out > 0 {
        let (shown, left_out) = (
            format_count(summary.cohorts.len() as u64, l),
            format_count(summary.cohorts_left_out as u64, l),
        );
        notes.push(l.pick(
            format!("De heatmap toont de {shown} jongste cohorten; {left_out} oudere maanden zijn weggelaten."),
            format!("The heatmap shows the {shown} latest cohorts; {left_out} older months are left out."),
        ));
    }
    notes
}

/// "maand", "quarter": a period as the unit a table counts by.
fn period_noun(period: Period, locale: Locale) -> String {
    period.label(locale).to_lowercase()
}

/// Why an import stopped, in a sentence.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let l = locale;
    let words = match problem {
        Problem::NeedsServer => l.pick(
            "Importeren draait in een achtergrondproces, en dat kan alleen als de calculator via een webserver geladen is (niet vanaf file://).",
            "Importing runs in a background worker, which needs the calculator to be loaded from a web server (not from file://).",
        ),
        Problem::Cancelled => {
            l.pick("Geannuleerd. Je kunt opnieuw beginnen.", "Cancelled. You can start again.")
        }
        Problem::Stopped => l.pick(
            "Het importeren stopte onverwacht. Laad de pagina opnieuw en probeer het nog eens.",
            "The import stopped unexpectedly. Reload the page and try again.",
        ),
        Problem::Blocked(b) => return blocked(b, l),
        Problem::Worker(p) => return worker_problem(p, l),
    };
    words.to_string()
}

/// Why the import worker could not start, naming the rule or the file, so that whoever runs
/// the site knows what to change (README, "Embed on your site", lists the headers).
fn blocked(blocked: &Blocked, locale: Locale) -> String {
    // Both come from the browser and our own scripts; still, no wall of text.
    let short = |text: &str, most: usize| text.chars().take(most).collect::<String>();
    match blocked {
        Blocked::Policy { directive, what } => {
            let rule = if what == "wasm-eval" {
                "script-src 'wasm-unsafe-eval'".to_string()
            } else {
                short(directive, 40)
            };
            locale.pick(
                format!("Importeren kan niet op deze pagina: haar beveiligingsbeleid (Content-Security-Policy) blokkeert het importproces met de regel {rule}. De beheerder van de site kan het toestaan, zoals de handleiding van de calculator beschrijft."),
                format!("Importing cannot run on this page: its security policy (Content-Security-Policy) blocks the import worker with the rule {rule}. The site's owner can allow it, as the calculator's manual describes."),
            )
        }
        Blocked::Load { url } => {
            let url = short(url, 200);
            locale.pick(
                format!("Importeren kan niet starten: {url} kon niet worden geladen. Die server is onbereikbaar, of staat deze site niet toe (hij stuurt geen CORS-header Access-Control-Allow-Origin)."),
                format!("Importing cannot start: {url} could not be loaded. That server is unreachable, or does not allow this site (it sends no CORS header Access-Control-Allow-Origin)."),
            )
        }
    }
}

fn worker_problem(said: &worker::Problem, locale: Locale) -> String {
    use worker::Problem as P;
    let l = locale;
    let words = match said {
        P::Unreadable => l.pick(
            "Het bestand kon niet worden gelezen. Is het verplaatst of nog geopend in een ander programma?",
            "The file could not be read. Was it moved, or is it still open in another program?",
        ),
        P::TooLarge => l.pick(
            "Dit bestand is te groot om in je browser te lezen. Exporteer een kortere periode.",
            "This file is too large to read in your browser. Export a shorter period.",
        ),
        P::Sniff(e) => return sniff_error(e, l),
        P::Mapping(e) => return import_error(e, l),
        P::MemberMapping(e) => return super::member_import_error(e, l),
        P::SummaryFile(e) => return super::summary_file_error(e, l),
        P::NothingImported => l.pick(
            "Er is nog niets geïmporteerd: kies eerst een bestand.",
            "Nothing is imported yet: choose a file first.",
        ),
        P::BadRequest => l.pick(
            "De calculator en zijn importproces zijn verschillende versies. Laad de pagina opnieuw.",
            "The calculator and its import worker are different versions. Reload the page.",
        ),
    };
    words.to_string()
}

/// Why a file cannot be an order export; the limits are the core's.
fn sniff_error(error: &SniffError, locale: Locale) -> String {
    let l = locale;
    let n = |v: usize| format_count(v as u64, l);
    let words = match error {
        SniffError::Empty => l.pick("Dit bestand is leeg.", "This file is empty."),
        SniffError::Binary => l.pick(
            "Dit is geen tekstbestand. Sla je export op als CSV (in Excel: Opslaan als › CSV UTF-8) en probeer het opnieuw.",
            "This is not a text file. Save your export as CSV (in Excel: Save As › CSV UTF-8) and try again.",
        ),
        SniffError::TooFewColumns { found, needed } => {
            return l.pick(
                format!("Dit bestand heeft {} kolom(men); een orderexport heeft er minstens {needed}: de klant, de datum en het bedrag. Scheid de kolommen met komma's, puntkomma's of tabs.", n(*found)),
                format!("This file has {} column(s); an order export has at least {needed}: the customer, the date and the amount. Separate the columns with commas, semicolons or tabs.", n(*found)),
            );
        }
        SniffError::TooManyColumns { found, limit } => {
            return l.pick(
                format!("Dit bestand heeft {} kolommen, meer dan de {} van een orderexport. Is het wel een export van orders?", n(*found), n(*limit)),
                format!("This file has {} columns, more than the {} of an order export. Is it an export of orders?", n(*found), n(*limit)),
            );
        }
        SniffError::RowTooLong { limit } => {
            let kb = n(limit / 1024);
            return l.pick(
                format!("De eerste regel is langer dan {kb} KB. Is dit wel een orderexport, of wordt er ergens een aanhalingsteken niet gesloten?"),
                format!("The first row is longer than {kb} KB. Is this an order export, or is a quote never closed?"),
            );
        }
        SniffError::Compressed { format } => {
            let name = format.name();
            return l.pick(
                format!("Dit is een gecomprimeerd bestand ({name}). Pak het eerst uit en kies dan het bestand dat erin zit."),
                format!("This is a compressed file ({name}). Unpack it first, then choose the file inside."),
            );
        }
        SniffError::Workbook => l.pick(
            "Dit is een spreadsheet, en deze versie leest alleen tekstbestanden. Sla het op als CSV en probeer het opnieuw.",
            "This is a spreadsheet, and this version reads text files only. Save it as CSV and try again.",
        ),
        SniffError::BadWorkbook { .. } => l.pick(
            "Deze spreadsheet kon niet worden gelezen. Is het een .xlsx- of .xls-bestand? Sla het anders op als CSV.",
            "This spreadsheet could not be read. Is it an .xlsx or .xls file? Otherwise save it as CSV.",
        ),
        SniffError::NoSuchSheet { sheet } => {
            let sheet: String = sheet.chars().take(MAX_QUOTED_CHARS).collect();
            return l.pick(
                format!("De spreadsheet heeft geen blad „{sheet}”. Kies een ander blad."),
                format!("The spreadsheet has no sheet “{sheet}”. Choose another sheet."),
            );
        }
    };
    words.to_string()
}

/// A mapping's column past the last one (`column` counts from 0), in an order or a member
/// import.
pub(super) fn no_such_column(column: usize, columns: usize, l: Locale) -> String {
    let column = column + 1;
    l.pick(
        format!("Kolom {column} bestaat niet: de regels hebben {columns} kolommen. Kies een andere kolom."),
        format!("Column {column} does not exist: the rows have {columns} columns. Choose another column."),
    )
}

/// Why the file could not be read with the mapping.
fn import_error(error: &ImportError, locale: Locale) -> String {
    let l = locale;
    let words = match error {
        ImportError::Cancelled => return problem(&Problem::Cancelled, l),
        ImportError::NoSuchColumn { column, columns } => {
            return no_such_column(*column, *columns, l)
        }
        ImportError::SameColumn { column } => {
            let column = column + 1;
            return l.pick(
                format!("Kolom {column} is twee keer gekozen. Kies voor de klant, de datum en het bedrag elk een eigen kolom."),
                format!("Column {column} is chosen twice. Choose a column of its own for the customer, the date and the amount."),
            );
        }
        ImportError::NoCustomerColumn => l.pick(
            "Kies welke kolom de klant aangeeft: een klantnummer, een e-mailadres of een naam.",
            "Choose the column that says who bought: a customer id, an e-mail address or a name.",
        ),
        ImportError::NoAmountColumn => l.pick(
            "Kies welke kolom zegt wat een order waard is: een ordertotaal, een regelbedrag, of een aantal en een stukprijs.",
            "Choose the column that says what an order is worth: an order total, a line amount, or a quantity and a unit price.",
        ),
        ImportError::RowTooLong { line, limit } => {
            let kb = format_count((limit / 1024) as u64, l);
            return l.pick(
                format!("De regel op regel {line} is langer dan {kb} KB. Is dit wel een orderexport, of wordt er een aanhalingsteken niet gesloten?"),
                format!("The row on line {line} is longer than {kb} KB. Is this an order export, or is a quote never closed?"),
            );
        }
        ImportError::Workbook { .. } => l.pick(
            "Het gekozen blad van deze spreadsheet kon niet worden gelezen. Sla het op als CSV en probeer het opnieuw.",
            "The chosen sheet of this spreadsheet could not be read. Save it as CSV and try again.",
        ),
    };
    words.to_string()
}

/// Why no forecast could be made.
pub fn fit_error(error: &FitError, locale: Locale) -> String {
    let l = locale;
    match error {
        FitError::TooFewCustomers { found, needed } => l.pick(
            format!("Te weinig klanten voor een voorspelling: {found}, er zijn er minstens {needed} nodig."),
            format!("Too few customers for a forecast: {found}, at least {needed} are needed."),
        ),
        FitError::NoRepeatBuyers => l
            .pick(
                "Geen enkele klant kocht twee keer: er is niets om een voorspelling op te baseren.",
                "No customer bought twice: there is nothing to base a forecast on.",
            )
            .to_string(),
        FitError::TooFewRepeatBuyers { found, needed } => l.pick(
            format!("Te weinig terugkerende klanten: {found}, er zijn er minstens {needed} nodig."),
            format!("Too few returning customers: {found}, at least {needed} are needed."),
        ),
        FitError::InvalidCustomer { .. } => l
            .pick("De geschiedenis van een klant klopt niet.", "A customer's history does not add up.")
            .to_string(),
        FitError::DidNotConverge => l
            .pick(
                "Het model vond geen stabiele schatting voor deze data.",
                "The model found no stable estimate for these data.",
            )
            .to_string(),
    }
}

/// How rows became orders: the counting rule, in the mapping and the results.
pub fn counting_rule(by_order_number: bool, locale: Locale) -> &'static str {
    if by_order_number {
        locale.pick(
            "Telregel: regels met hetzelfde ordernummer zijn één order.",
            "Counting rule: rows with the same order number are one order.",
        )
    } else {
        locale.pick(
            "Telregel: zonder ordernummer telt elke dag waarop een klant kocht als één aankoop.",
            "Counting rule: without an order number, each day a customer bought counts as one purchase.",
        )
    }
}

/// Why a mapping cannot be read, next to the form.
pub fn mapping_problem(error: &ImportError, locale: Locale) -> String {
    import_error(error, locale)
}

/// "refunded — 12 orders (standaard uit)"
pub fn status_line(
    status: &str,
    count: usize,
    orders: bool,
    off_by_default: bool,
    locale: Locale,
) -> String {
    let n = format_count(count as u64, locale);
    let counted = match (orders, count) {
        (true, 1) => locale.pick("1 order".to_string(), "1 order".to_string()),
        (true, _) => locale.pick(format!("{n} orders"), format!("{n} orders")),
        (false, 1) => locale.pick(
            "1 regel in het voorbeeld".to_string(),
            "1 row in the sample".to_string(),
        ),
        (false, _) => locale.pick(
            format!("{n} regels in het voorbeeld"),
            format!("{n} rows in the sample"),
        ),
    };
    let default = if off_by_default {
        locale.pick(", standaard uit", ", off by default")
    } else {
        ""
    };
    format!("{status} ({counted}{default})")
}

/// "Marge 60 % en CAC € 300 komen nog uit het voorbeeld. Houden of leegmaken?"
pub fn example_question(current: &Inputs, words: Words) -> String {
    let l = words.locale;
    let margin = current
        .margin
        .map(|m| words.q(Quantity::Percent(m)))
        .unwrap_or_else(|| "–".into());
    let cac = current
        .cac
        .map(|c| words.q(Quantity::RoundMoney(c)))
        .unwrap_or_else(|| "–".into());
    l.pick(
        format!("De marge ({margin}) en de klantwervingskosten ({cac}) komen nog uit het voorbeeld, niet uit je bestand. Houden of leegmaken?"),
        format!("The margin ({margin}) and the acquisition cost ({cac}) still come from the example, not from your file. Keep them or clear them?"),
    )
}

/// The fill button for the last 12 complete months.
pub fn fill_year_button(year: &YearFill, locale: Locale) -> String {
    let (from, to) = (year.first_day, year.last_day);
    locale.pick(
        format!("Vul de calculator met de laatste 12 volle maanden ({from} – {to})"),
        format!("Fill the calculator with the last 12 complete months ({from} – {to})"),
    )
}

/// The first line of what to do: who is at risk, what is at stake, where to start.
pub fn todo_win_back(win_back: &WinBack, words: Words) -> String {
    let l = words.locale;
    let count = format_count(win_back.count as u64, l);
    let stake = words.q(Quantity::RoundMoney(win_back.at_stake));
    let days = win_back.cutoff_days;
    let why = match win_back.cycle_days {
        Some(cycle) => l.pick(
            format!(" (twee keer de {cycle} dagen die er gewoonlijk tussen twee aankopen zitten)"),
            format!(" (twice the {cycle} days that usually lie between two purchases)"),
        ),
        None => String::new(),
    };
    let first = win_back.customers.len();
    match win_back.count {
        0 => l.pick(
            format!("Geen klant kocht {days} dagen of langer niets{why}: niemand dreigt nu af te haken."),
            format!("No customer has gone {days} days or more without buying{why}: nobody is at risk now."),
        ),
        _ => l.pick(
            format!("{count} klanten dreigen af te haken: ze kochten {days} dagen of langer niets{why}. Samen {stake} aan waarde; begin met deze {first}."),
            format!("{count} customers are at risk of leaving: they have not bought for {days} days or more{why}. Together {stake} of value; start with these {first}."),
        ),
    }
}

/// The second line: the year's retention and the fill.
pub fn todo_year(year: &YearFill, words: Words) -> Option<String> {
    let l = words.locale;
    let i = year.inputs;
    let r = retention_core::retention(i.start, i.end, i.new, Period::Year).ok()?;
    let crr = words.q(Quantity::Percent(r.retention_rate));
    let (from, to) = (year.first_day, year.last_day);
    Some(l.pick(
        format!("Van {from} tot {to} hield je {crr} van je klanten vast. Zet deze cijfers in de calculator om te zien wat meer retentie oplevert."),
        format!("From {from} to {to} you kept {crr} of your customers. Put these figures in the calculator to see what more retention brings."),
    ))
}

/// The third line: the most valuable customers ahead.
pub fn todo_best(count: usize, value: f64, words: Words) -> String {
    let l = words.locale;
    let value = words.q(Quantity::RoundMoney(value));
    l.pick(
        format!("Je {count} waardevolste klanten brengen de komende 12 maanden naar verwachting {value} op: houd ze tevreden voordat je nieuwe klanten zoekt."),
        format!("Your {count} most valuable customers are expected to bring {value} over the next 12 months: keep them happy before looking for new ones."),
    )
}

/// Why there is nothing to fill the calculator with: no finished period has customers at its
/// start and a full active window.
pub fn no_fill_note(window_months: u32, locale: Locale) -> String {
    locale.pick(
        format!("Nog niets om de calculator mee te vullen: geen afgelopen periode heeft klanten aan het begin en een vol venster van {window_months} maanden. Kies hieronder een korter venster."),
        format!("Nothing to fill the calculator with yet: no finished period has customers at its start and a full {window_months}-month window. Choose a shorter window below."),
    )
}

/// The button that takes the longest window that fills the calculator.
pub fn longest_window_button(months: u32, locale: Locale) -> String {
    match months {
        1 => locale
            .pick("Gebruik een venster van 1 maand", "Use a window of 1 month")
            .into(),
        _ => locale.pick(
            format!("Gebruik een venster van {months} maanden"),
            format!("Use a window of {months} months"),
        ),
    }
}

/// Why the first periods have no trend: the active window is not full yet.
pub fn window_note(left_out: usize, window_months: u32, locale: Locale) -> String {
    let n = format_count(left_out as u64, locale);
    locale.pick(
        format!("De grafiek begint pas als het venster van {window_months} maanden vol is: in de eerste {n} perioden lijkt vrijwel iedereen nog actief, en de retentie bijna 100 %."),
        format!("The chart starts once the {window_months}-month window is full: in the first {n} periods nearly everyone still looks active, and retention close to 100 %."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_window_is_offered_in_months_without_an_article_to_agree() {
        let cases = [
            (11, Locale::En, "Use a window of 11 months"),
            (1, Locale::En, "Use a window of 1 month"),
            (11, Locale::Nl, "Gebruik een venster van 11 maanden"),
            (1, Locale::Nl, "Gebruik een venster van 1 maand"),
        ];
        for (months, locale, words) in cases {
            assert_eq!(longest_window_button(months, locale), words);
        }
    }

    /// One of every way an import can stop. The match lists every variant without a
    /// wildcard, so a new one does not compile until it is added here, and so worded.
    fn every_problem() -> Vec<Problem> {
        use retention_core::{Compression, MemberImportError, SummaryFileError};
        use worker::Problem as P;
        let sniff = |e| Problem::Worker(P::Sniff(e));
        let mapping = |e| Problem::Worker(P::Mapping(e));
        let all = vec![
            Problem::NeedsServer,
            Problem::Cancelled,
            Problem::Stopped,
            Problem::Blocked(Blocked::Policy {
                directive: "worker-src".into(),
                what: "blob".into(),
            }),
            Problem::Blocked(Blocked::Policy {
                directive: "script-src".into(),
                what: "wasm-eval".into(),
            }),
            Problem::Blocked(Blocked::Load {
                url: "https://calc.example/import-worker.js".into(),
            }),
            Problem::Worker(P::Unreadable),
            Problem::Worker(P::TooLarge),
            sniff(SniffError::Empty),
            sniff(SniffError::Binary),
            sniff(SniffError::Compressed {
                format: Compression::Gzip,
            }),
            sniff(SniffError::TooFewColumns {
                found: 1,
                needed: 3,
            }),
            sniff(SniffError::TooManyColumns {
                found: 2_000_000,
                limit: 1000,
            }),
            sniff(SniffError::RowTooLong { limit: 256 * 1024 }),
            sniff(SniffError::Workbook),
            sniff(SniffError::BadWorkbook {
                message: "invalid zip header".into(),
            }),
            sniff(SniffError::NoSuchSheet {
                sheet: "Orders 2024".into(),
            }),
            mapping(ImportError::NoSuchColumn {
                column: 4,
                columns: 3,
            }),
            mapping(ImportError::SameColumn { column: 0 }),
            mapping(ImportError::NoCustomerColumn),
            mapping(ImportError::NoAmountColumn),
            mapping(ImportError::RowTooLong {
                line: 7,
                limit: 1 << 20,
            }),
            mapping(ImportError::Workbook {
                detail: "no sheet".into(),
            }),
            Problem::Worker(P::NothingImported),
            Problem::Worker(P::BadRequest),
            // A cancel is worded as the user's own (Problem::Cancelled).
            Problem::Worker(P::MemberMapping(MemberImportError::NoSuchColumn {
                column: 5,
                columns: 2,
            })),
            Problem::Worker(P::MemberMapping(MemberImportError::SameColumn {
                column: 1,
            })),
            Problem::Worker(P::SummaryFile(SummaryFileError::MissingColumn {
                column: "T".into(),
            })),
            Problem::Worker(P::SummaryFile(SummaryFileError::NoRows)),
            Problem::Worker(P::SummaryFile(SummaryFileError::TooManyCustomers {
                customers: 30_000_000,
            })),
        ];
        for p in &all {
            match p {
                Problem::NeedsServer | Problem::Cancelled | Problem::Stopped => {}
                Problem::Blocked(Blocked::Policy { .. } | Blocked::Load { .. }) => {}
                Problem::Worker(p) => match p {
                    P::Unreadable | P::TooLarge | P::NothingImported | P::BadRequest => {}
                    P::Sniff(e) => match e {
                        SniffError::Empty
                        | SniffError::Binary
                        | SniffError::Compressed { .. }
                        | SniffError::TooFewColumns { .. }
                        | SniffError::TooManyColumns { .. }
                        | SniffError::RowTooLong { .. }
                        | SniffError::Workbook
                        | SniffError::BadWorkbook { .. }
                        | SniffError::NoSuchSheet { .. } => {}
                    },
                    P::Mapping(e) => match e {
                        ImportError::Cancelled
                        | ImportError::NoSuchColumn { .. }
                        | ImportError::SameColumn { .. }
                        | ImportError::NoCustomerColumn
                        | ImportError::NoAmountColumn
                        | ImportError::RowTooLong { .. }
                        | ImportError::Workbook { .. } => {}
                    },
                    P::MemberMapping(e) => match e {
                        MemberImportError::Cancelled
                        | MemberImportError::NoSuchColumn { .. }
                        | MemberImportError::SameColumn { .. } => {}
                    },
                    P::SummaryFile(e) => match e {
                        SummaryFileError::MissingColumn { .. }
                        | SummaryFileError::NoRows
                        | SummaryFileError::TooManyCustomers { .. } => {}
                    },
                },
            }
        }
        all
    }

    #[test]
    fn every_problem_has_its_own_words_in_both_languages() {
        let problems = every_problem();
        for locale in Locale::ALL {
            let words: Vec<String> = problems.iter().map(|p| problem(p, locale)).collect();
            for w in &words {
                assert!(w.ends_with('.') || w.ends_with('?'), "{w}");
                assert_eq!(words.iter().filter(|other| *other == w).count(), 1, "{w}");
            }
        }
        for p in &problems {
            assert_ne!(problem(p, Locale::Nl), problem(p, Locale::En), "{p:?}");
        }
        assert_eq!(
            problem(
                &Problem::Worker(worker::Problem::Sniff(SniffError::TooManyColumns {
                    found: 2_000_000,
                    limit: retention_core::MAX_COLUMNS
                })),
                Locale::Nl
            ),
            "Dit bestand heeft 2.000.000 kolommen, meer dan de 1.000 van een orderexport. Is het wel een export van orders?"
        );
    }
}
