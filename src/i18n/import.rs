//! The words of the order import, in Dutch and English.

use retention_core::{format_count, BadRowReason, DateFormat, FitError, Locale};

use super::pick;

/// Fixed texts of the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportText {
    Title,
    Help,
    Choose,
    Drop,
    MapCustomer,
    MapDate,
    MapAmount,
    MapDateFormat,
    MapAmounts,
    MapHeader,
    MapMissing,
    DateAmbiguous,
    Preview,
    Analyse,
    Cancel,
    Cancelled,
    StageRead,
    StageParse,
    StageSummarise,
    StageForecast,
    NeedsServer,
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
    Parameters,
    PAlive,
    ExpectedPurchases,
    ExpectedSpend,
    SpentSoFar,
    PredictedClv,
    DownloadForecast,
    Another,
}

/// A fixed text of the import.
pub fn import_text(text: ImportText, locale: Locale) -> &'static str {
    use ImportText as T;
    let l = locale;
    match text {
        T::Title => pick(l, "Je eigen orderexport analyseren", "Analyse your own order export"),
        T::Help => pick(
            l,
            "Sleep een CSV- of TSV-export uit je webshop of CRM hierheen, of kies een bestand. Alles blijft in je browser: het bestand gaat nergens heen.",
            "Drop a CSV or TSV export from your shop or CRM here, or choose a file. Everything stays in your browser: the file goes nowhere.",
        ),
        T::Choose => pick(l, "Kies een bestand", "Choose a file"),
        T::Drop => pick(l, "of sleep het hierheen", "or drop it here"),
        T::MapCustomer => pick(l, "Kolom met de klant", "Customer column"),
        T::MapDate => pick(l, "Kolom met de orderdatum", "Order date column"),
        T::MapAmount => pick(l, "Kolom met het bedrag", "Amount column"),
        T::MapDateFormat => pick(l, "Datumnotatie", "Date format"),
        T::MapAmounts => pick(l, "Bedragen geschreven als", "Amounts written as"),
        T::MapHeader => pick(l, "De eerste regel bevat kolomnamen", "The first row holds column names"),
        T::MapMissing => pick(
            l,
            "Kies welke kolom de klant, de datum en het bedrag bevat.",
            "Choose which column holds the customer, the date and the amount.",
        ),
        T::DateAmbiguous => pick(
            l,
            "Let op: deze datums passen zowel op dag-maand als op maand-dag. Controleer de datumnotatie.",
            "Note: these dates fit both day-month and month-day. Check the date format.",
        ),
        T::Preview => pick(l, "De eerste regels", "The first rows"),
        T::Analyse => pick(l, "Analyseren", "Analyse"),
        T::Cancel => pick(l, "Annuleren", "Cancel"),
        T::Cancelled => pick(l, "Geannuleerd. Je kunt opnieuw beginnen.", "Cancelled. You can start again."),
        T::StageRead => pick(l, "Bestand lezen…", "Reading the file…"),
        T::StageParse => pick(l, "Regels lezen…", "Reading rows…"),
        T::StageSummarise => pick(l, "Periodes en cohorten tellen…", "Counting periods and cohorts…"),
        T::StageForecast => pick(l, "Voorspellingsmodel schatten…", "Fitting the forecast model…"),
        T::NeedsServer => pick(
            l,
            "Importeren draait in een achtergrondproces, en dat kan alleen als de calculator via een webserver geladen is (niet vanaf file://).",
            "Importing runs in a background worker, which needs the calculator to be loaded from a web server (not from file://).",
        ),
        T::RepeatRate => pick(l, "Herhaalaankopen", "Repeat-purchase rate"),
        T::OrderValue => pick(l, "Gemiddelde orderwaarde", "Average order value"),
        T::Frequency => pick(l, "Aankopen per klant per jaar", "Purchases per customer per year"),
        T::MedianClv => pick(l, "Historische CLV per klant (mediaan)", "Historical CLV per customer (median)"),
        T::PeriodsTitle => pick(l, "Retentie per periode uit je orders", "Retention per period from your orders"),
        T::PeriodKind => pick(l, "Periode", "Period"),
        T::Window => pick(l, "Actief = gekocht in de laatste … maanden", "Active = bought in the last … months"),
        T::InactiveDays => pick(l, "Inactief na … dagen", "Inactive after … days"),
        T::FirstTime => pick(l, "waarvan nieuw", "of which first-time"),
        T::Reactivated => pick(l, "teruggekeerd", "reactivated"),
        T::Running => pick(l, "loopt nog", "still running"),
        T::CohortsTitle => pick(l, "Cohorten: wie kocht er later opnieuw?", "Cohorts: who bought again later?"),
        T::CohortsHelp => pick(
            l,
            "Elke rij is de maand van de eerste aankoop; elke kolom het aantal maanden daarna; elk vak het deel van die klanten dat toen kocht.",
            "Each row is the month of the first purchase; each column the months after it; each cell the share of those customers who bought then.",
        ),
        T::MonthsLater => pick(l, "maanden later", "months later"),
        T::CohortSize => pick(l, "klanten", "customers"),
        T::InactiveTitle => pick(l, "Klanten om terug te winnen", "Customers to win back"),
        T::DownloadInactive => pick(l, "Hele lijst downloaden (CSV) voor een win-backmail", "Download the whole list (CSV) for a win-back mail"),
        T::LastOrder => pick(l, "Laatste order", "Last order"),
        T::DaysInactive => pick(l, "Dagen inactief", "Days inactive"),
        T::Orders => pick(l, "Orders", "Orders"),
        T::Spend => pick(l, "Besteed", "Spent"),
        T::Customer => pick(l, "Klant", "Customer"),
        T::ForecastTitle => pick(l, "Voorspelde CLV per klant", "Predicted CLV per customer"),
        T::ForecastHelp => pick(
            l,
            "Uit wanneer en hoe vaak elke klant kocht schat het BG/NBD-model de kans dat iemand nog klant is en zijn aankopen in de komende 12 maanden; het Gamma-Gamma-model schat zijn besteding per aankoop.",
            "From when and how often each customer bought, the BG/NBD model estimates the chance they are still a customer and their purchases in the next 12 months; the Gamma-Gamma model estimates their spend per purchase.",
        ),
        T::Parameters => pick(l, "Geschatte parameters", "Fitted parameters"),
        T::PAlive => pick(l, "Kans nog klant", "P(alive)"),
        T::ExpectedPurchases => pick(l, "Aankopen komende 12 mnd", "Purchases next 12 months"),
        T::ExpectedSpend => pick(l, "Besteding per aankoop", "Spend per purchase"),
        T::SpentSoFar => pick(l, "Besteed tot nu toe", "Spent so far"),
        T::PredictedClv => pick(l, "CLV komende 12 mnd", "CLV next 12 months"),
        T::DownloadForecast => pick(l, "Alle voorspellingen downloaden (CSV)", "Download every prediction (CSV)"),
        T::Another => pick(l, "Ander bestand", "Another file"),
    }
}

/// How a date format looks.
pub fn date_format_name(format: DateFormat, locale: Locale) -> &'static str {
    let l = locale;
    match format {
        DateFormat::Iso => pick(l, "jjjj-mm-dd", "yyyy-mm-dd"),
        DateFormat::DayMonthYear => pick(l, "dd-mm-jjjj", "dd-mm-yyyy"),
        DateFormat::MonthDayYear => pick(l, "mm/dd/jjjj", "mm/dd/yyyy"),
        DateFormat::Compact => pick(l, "jjjjmmdd", "yyyymmdd"),
        DateFormat::MonthName => pick(l, "mmm d, jjjj", "mmm d, yyyy"),
    }
}

/// "1.234 regels gelezen: 1.200 orders van 400 klanten."
pub fn import_read(rows: usize, orders: usize, customers: usize, locale: Locale) -> String {
    let n = |v: usize| format_count(v as u64, locale);
    match locale {
        Locale::Nl => format!(
            "{} regels gelezen: {} orders van {} klanten.",
            n(rows),
            n(orders),
            n(customers)
        ),
        Locale::En => format!(
            "{} rows read: {} orders from {} customers.",
            n(rows),
            n(orders),
            n(customers)
        ),
    }
}

/// "3 regels konden niet worden gelezen; ze tellen niet mee:"
pub fn bad_rows_heading(count: usize, locale: Locale) -> String {
    let n = format_count(count as u64, locale);
    match locale {
        Locale::Nl => format!("{n} regels konden niet worden gelezen en tellen niet mee:"),
        Locale::En => format!("{n} rows could not be read and are left out:"),
    }
}

/// Why a row was not read.
pub fn bad_row(line: usize, reason: &BadRowReason, locale: Locale) -> String {
    let why = match (reason, locale) {
        (BadRowReason::Columns { found, expected }, Locale::Nl) => {
            format!("{found} kolommen in plaats van {expected}")
        }
        (BadRowReason::Columns { found, expected }, Locale::En) => {
            format!("{found} columns instead of {expected}")
        }
        (BadRowReason::NoCustomer, Locale::Nl) => "geen klant".into(),
        (BadRowReason::NoCustomer, Locale::En) => "no customer".into(),
        (BadRowReason::Date { text }, Locale::Nl) => format!("„{text}” is geen datum"),
        (BadRowReason::Date { text }, Locale::En) => format!("“{text}” is not a date"),
        (BadRowReason::Amount { text }, Locale::Nl) => format!("„{text}” is geen bedrag"),
        (BadRowReason::Amount { text }, Locale::En) => format!("“{text}” is not an amount"),
        (BadRowReason::UnclosedQuote, Locale::Nl) => {
            "een aanhalingsteken wordt niet gesloten".into()
        }
        (BadRowReason::UnclosedQuote, Locale::En) => "a quote is never closed".into(),
        (BadRowReason::NoOrder, Locale::Nl) => "geen ordernummer".into(),
        (BadRowReason::NoOrder, Locale::En) => "no order number".into(),
        (BadRowReason::NoDate, Locale::Nl) => "geen datum".into(),
        (BadRowReason::NoDate, Locale::En) => "no date".into(),
        (BadRowReason::NoAmount, Locale::Nl) => "geen bedrag".into(),
        (BadRowReason::NoAmount, Locale::En) => "no amount".into(),
    };
    match locale {
        Locale::Nl => format!("Regel {line}: {why}"),
        Locale::En => format!("Line {line}: {why}"),
    }
}

/// "412 klanten kochten 30 dagen of langer niets."
pub fn inactive_heading(count: usize, days: u32, locale: Locale) -> String {
    let n = format_count(count as u64, locale);
    match locale {
        Locale::Nl => format!("{n} klanten kochten {days} dagen of langer niets."),
        Locale::En => format!("{n} customers have not bought for {days} days or more."),
    }
}

/// The fill button.
pub fn fill_button(period: &str, locale: Locale) -> String {
    match locale {
        Locale::Nl => format!("Vul de calculator met deze cijfers ({period})"),
        Locale::En => format!("Fill the calculator with these figures ({period})"),
    }
}

/// Why no forecast could be made.
pub fn fit_error(error: &FitError, locale: Locale) -> String {
    match (error, locale) {
        (FitError::TooFewCustomers { found, needed }, Locale::Nl) => {
            format!("Te weinig klanten voor een voorspelling: {found}, er zijn er minstens {needed} nodig.")
        }
        (FitError::TooFewCustomers { found, needed }, Locale::En) => {
            format!("Too few customers for a forecast: {found}, at least {needed} are needed.")
        }
        (FitError::NoRepeatBuyers, Locale::Nl) => {
            "Geen enkele klant kocht twee keer: er is niets om een voorspelling op te baseren."
                .into()
        }
        (FitError::NoRepeatBuyers, Locale::En) => {
            "No customer bought twice: there is nothing to base a forecast on.".into()
        }
        (FitError::TooFewRepeatBuyers { found, needed }, Locale::Nl) => {
            format!("Te weinig terugkerende klanten: {found}, er zijn er minstens {needed} nodig.")
        }
        (FitError::TooFewRepeatBuyers { found, needed }, Locale::En) => {
            format!("Too few returning customers: {found}, at least {needed} are needed.")
        }
        (FitError::InvalidCustomer { .. }, Locale::Nl) => {
            "De geschiedenis van een klant klopt niet.".into()
        }
        (FitError::InvalidCustomer { .. }, Locale::En) => {
            "A customer's history does not add up.".into()
        }
        (FitError::DidNotConverge, Locale::Nl) => {
            "Het model vond geen stabiele schatting voor deze data.".into()
        }
        (FitError::DidNotConverge, Locale::En) => {
            "The model found no stable estimate for these data.".into()
        }
    }
}
