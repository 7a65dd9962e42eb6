//! Every word on the page, in Dutch and English. The numbers come from the core; this module
//! only says them. Each text keeps its two languages side by side so they stay in step.

mod import;

use crate::settings::Notice;
pub use import::*;
use retention_core::{
    format_count, format_decimal, format_money, format_percent, Advice, Currency, Explanation,
    Field, Figure, InputError, Locale, Period, Quantity, RatioVerdict, Retention, Value, Verdict,
    TARGET_RETENTION,
};

/// Fixed texts of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Title,
    Intro,
    Language,
    CustomersLegend,
    ValueLegend,
    Period,
    Currency,
    Results,
    Formula,
    WhatNow,
    ResetExample,
    ClearAll,
    PendingRetention,
    PendingValue,
    PendingAcquisition,
    Source,
    CopyLink,
    CopyResults,
    LinkCopied,
    ResultsCopied,
    CopyFallback,
    Dismiss,
    Settings,
    AcquisitionLegend,
    Charts,
    SurvivalTitle,
    WaterfallTitle,
    WaterfallStart,
    WaterfallLost,
    WaterfallNew,
    WaterfallEnd,
    WhatIf,
    WhatIfSlider,
    Now,
    RetentionPerPeriod,
    RetentionPerYear,
    Lifespan,
    RevenueNextYear,
    NoChurn,
    Periods,
    PeriodsHelp,
    PeriodsInput,
    Label,
    NewPerRetained,
    Line,
    DownloadCsv,
    Print,
    TrendTitle,
    ChartData,
    Clv,
    CsvName,
    CsvValue,
    CsvUnit,
    CsvCustomers,
    CsvYears,
}

/// `nl` or `en` by locale.
pub(crate) fn pick(locale: Locale, nl: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Nl => nl,
        Locale::En => en,
    }
}

/// A fixed text.
pub fn text(text: Text, locale: Locale) -> &'static str {
    let l = locale;
    match text {
        Text::Title => pick(l, "Klantretentie-calculator", "Customer retention calculator"),
        Text::Intro => pick(
            l,
            "Vul je klantaantallen in en zie direct je klantretentie, churn en customer lifetime value, met uitleg bij elk getal.",
            "Enter your customer counts and see your retention, churn and customer lifetime value at once, with every figure explained.",
        ),
        Text::Language => pick(l, "Taal", "Language"),
        Text::CustomersLegend => pick(l, "Klanten in de periode", "Customers in the period"),
        Text::ValueLegend => pick(l, "Klantwaarde", "Customer value"),
        Text::Period => pick(l, "Lengte van de periode", "Length of the period"),
        Text::Currency => pick(l, "Valuta", "Currency"),
        Text::Results => pick(l, "Resultaten", "Results"),
        Text::Formula => pick(l, "Formule", "Formula"),
        Text::WhatNow => pick(l, "Wat kun je doen?", "What to do next"),
        Text::ResetExample => pick(l, "Voorbeeld herstellen", "Restore example"),
        Text::ClearAll => pick(l, "Alles wissen", "Clear all"),
        Text::PendingRetention => pick(
            l,
            "Retentie, churn en levensduur verschijnen zodra de gemarkeerde velden kloppen.",
            "Retention, churn and lifespan appear once the marked fields are correct.",
        ),
        Text::PendingValue => pick(
            l,
            "De customer lifetime value verschijnt zodra de gemarkeerde velden kloppen.",
            "Customer lifetime value appears once the marked fields are correct.",
        ),
        Text::PendingAcquisition => pick(
            l,
            "CLV : CAC en de terugverdientijd verschijnen zodra de gemarkeerde velden kloppen.",
            "CLV : CAC and the payback time appear once the marked fields are correct.",
        ),
        Text::CopyLink => pick(l, "Link kopiëren", "Copy link"),
        Text::CopyResults => pick(l, "Resultaten kopiëren", "Copy results"),
        Text::LinkCopied => pick(
            l,
            "Link gekopieerd: wie hem opent, ziet dezelfde cijfers.",
            "Link copied: whoever opens it sees the same figures.",
        ),
        Text::ResultsCopied => pick(l, "Resultaten gekopieerd.", "Results copied."),
        Text::CopyFallback => pick(
            l,
            "Automatisch kopiëren lukte niet. Selecteer de tekst hieronder en kopieer hem (Ctrl+C of ⌘C).",
            "Copying automatically did not work. Select the text below and copy it (Ctrl+C or ⌘C).",
        ),
        Text::Dismiss => pick(l, "Sluiten", "Dismiss"),
        Text::Settings => pick(l, "Instellingen", "Settings"),
        Text::AcquisitionLegend => pick(l, "Werving en rendement", "Acquisition and return"),
        Text::Charts => pick(l, "Grafieken", "Charts"),
        Text::SurvivalTitle => pick(l, "Je huidige klanten in de komende periodes", "Your current customers over the coming periods"),
        Text::WaterfallTitle => pick(l, "Van begin naar eind van de periode", "From the start to the end of the period"),
        Text::WaterfallStart => pick(l, "Begin (S)", "Start (S)"),
        Text::WaterfallLost => pick(l, "Verloren", "Lost"),
        Text::WaterfallNew => pick(l, "Nieuw (N)", "New (N)"),
        Text::WaterfallEnd => pick(l, "Eind (E)", "End (E)"),
        Text::WhatIf => pick(l, "Wat als je retentie stijgt?", "What if retention goes up?"),
        Text::WhatIfSlider => pick(l, "Extra retentie per periode, in procentpunten", "Extra retention per period, in percentage points"),
        Text::Now => pick(l, "Nu", "Now"),
        Text::RetentionPerPeriod => pick(l, "Retentie per periode", "Retention per period"),
        Text::RetentionPerYear => pick(l, "Retentie per jaar", "Retention per year"),
        Text::Lifespan => pick(l, "Verwachte levensduur", "Expected lifespan"),
        Text::RevenueNextYear => pick(l, "Omzet komend jaar van je huidige klanten", "Revenue next year from your current customers"),
        Text::NoChurn => pick(l, "geen churn: onbepaald", "no churn: unbounded"),
        Text::Periods => pick(l, "Meerdere periodes vergelijken", "Compare several periods"),
        Text::PeriodsHelp => pick(
            l,
            "Plak een tabel uit je spreadsheet: per regel een periode, S, E en N, gescheiden door tabs, puntkomma's of komma's. Getallen zoals op deze pagina (1.000 of 1000).",
            "Paste a table from your spreadsheet: one period a line with S, E and N, separated by tabs, semicolons or commas. Numbers as on this page (1,000 or 1000).",
        ),
        Text::PeriodsInput => pick(l, "Periodes (periode, S, E, N)", "Periods (period, S, E, N)"),
        Text::Label => pick(l, "Periode", "Period"),
        Text::NewPerRetained => pick(l, "Nieuw per behouden klant", "New per retained customer"),
        Text::Line => pick(l, "Regel", "Line"),
        Text::DownloadCsv => pick(l, "CSV downloaden", "Download CSV"),
        Text::Print => pick(l, "Afdrukken of PDF", "Print or save as PDF"),
        Text::TrendTitle => pick(l, "Retentie en churn per periode", "Retention and churn per period"),
        Text::Clv => "CLV",
        Text::CsvName => pick(l, "Naam", "Name"),
        Text::CsvValue => pick(l, "Waarde", "Value"),
        Text::CsvUnit => pick(l, "Eenheid", "Unit"),
        Text::CsvCustomers => pick(l, "klanten", "customers"),
        Text::CsvYears => pick(l, "jaar", "years"),
        Text::ChartData => pick(l, "De cijfers achter de grafiek", "The figures behind the chart"),
        Text::Source => pick(
            l,
            "Alles wordt in je browser berekend; er gaat niets naar een server.",
            "Everything is calculated in your browser; nothing is sent to a server.",
        ),
    }
}

/// The label of an input.
pub fn field_label(field: Field, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        Field::Start => pick(l, "Klanten aan het begin (S)", "Customers at the start (S)"),
        Field::End => pick(l, "Klanten aan het eind (E)", "Customers at the end (E)"),
        Field::New => pick(
            l,
            "Nieuwe klanten in de periode (N)",
            "New customers in the period (N)",
        ),
        Field::Spend => pick(
            l,
            "Gemiddelde besteding per aankoop",
            "Average spend per purchase",
        ),
        Field::Frequency => pick(
            l,
            "Aankopen per klant per jaar",
            "Purchases per customer per year",
        ),
        Field::Margin => pick(
            l,
            "Brutomarge in % (optioneel)",
            "Gross margin in % (optional)",
        ),
        Field::Lifespan => pick(
            l,
            "Verwachte levensduur in jaren (optioneel)",
            "Expected lifespan in years (optional)",
        ),
        Field::DiscountRate => pick(
            l,
            "Disconteringsvoet per jaar in % (optioneel)",
            "Discount rate per year in % (optional)",
        ),
        Field::Cac => pick(
            l,
            "Kosten om een klant te werven, CAC (optioneel)",
            "Cost to acquire a customer, CAC (optional)",
        ),
    }
}

/// A short hint under an input.
pub fn field_hint(field: Field, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        Field::Start => pick(
            l,
            "Aantal klanten op de eerste dag.",
            "Customers on the first day.",
        ),
        Field::End => pick(
            l,
            "Aantal klanten op de laatste dag, nieuwe klanten meegeteld.",
            "Customers on the last day, new ones included.",
        ),
        Field::New => pick(
            l,
            "Klanten die in de periode voor het eerst kochten.",
            "Customers who first bought during the period.",
        ),
        Field::Spend => pick(
            l,
            "Bijvoorbeeld 75 of 1.234,56.",
            "For example 75 or 1,234.56.",
        ),
        Field::Frequency => pick(
            l,
            "Mag een breuk zijn, zoals 2,5.",
            "May be a fraction, such as 2.5.",
        ),
        Field::Margin => pick(
            l,
            "Leeg laten als je alleen omzet wilt zien.",
            "Leave empty to see revenue only.",
        ),
        Field::Lifespan => pick(
            l,
            "Leeg laten: dan volgt de levensduur uit de churn.",
            "Leave empty to estimate it from churn.",
        ),
        Field::DiscountRate => pick(
            l,
            "Voor de verdisconteerde CLV; 8 tot 12% is gebruikelijk.",
            "For discounted CLV; 8 to 12% is common.",
        ),
        Field::Cac => pick(
            l,
            "Marketing- en verkoopkosten gedeeld door het aantal nieuwe klanten.",
            "Marketing and sales cost divided by the number of new customers.",
        ),
    }
}

/// The message next to a field with a mistake.
pub fn error_message(error: &InputError, locale: Locale) -> String {
    let l = locale;
    match error {
        InputError::Missing { .. } => pick(l, "Vul dit veld in.", "Fill in this field.").into(),
        InputError::NotANumber { .. } => pick(
            l,
            "Dit is geen getal. Typ bijvoorbeeld 1.234,56.",
            "This is not a number. Type for example 1,234.56.",
        )
        .into(),
        InputError::Negative { .. } => pick(l, "Dit kan niet negatief zijn.", "This cannot be negative.").into(),
        InputError::NotWhole { .. } => pick(
            l,
            "Klanten tel je in hele getallen, zonder decimalen.",
            "Customers come in whole numbers, without decimals.",
        )
        .into(),
        InputError::NotPositive { .. } => pick(l, "Dit moet meer dan nul zijn.", "This must be more than zero.").into(),
        InputError::TooLarge { max, .. } => {
            let max = format_decimal(*max, 0, 0, l);
            match l {
                Locale::Nl => format!("Dat is meer dan {max}. Klopt dit getal?"),
                Locale::En => format!("That is more than {max}. Is this number right?"),
            }
        }
        InputError::StartIsZero => pick(
            l,
            "Met 0 klanten aan het begin valt er niets te behouden. Vul meer dan 0 in.",
            "With 0 customers at the start there is no one to retain. Enter more than 0.",
        )
        .into(),
        InputError::NewExceedsEnd => pick(
            l,
            "Er kunnen niet meer nieuwe klanten (N) zijn dan klanten aan het eind (E).",
            "New customers (N) cannot be more than customers at the end (E).",
        )
        .into(),
        InputError::RetainedExceedsStart => pick(
            l,
            "E − N is meer dan S: je kunt niet meer klanten behouden dan je had. Is N te laag of E te hoog?",
            "E − N is more than S: you cannot keep more customers than you had. Is N too low or E too high?",
        )
        .into(),
        InputError::NotAPercentage { .. } => pick(
            l,
            "Dit is een percentage tussen 0 en 100%.",
            "This is a percentage between 0 and 100%.",
        )
        .into(),
        InputError::LifespanNeeded => pick(
            l,
            "Je verloor geen enkele klant, dus de levensduur valt niet uit deze periode te schatten. Vul een verwachte levensduur in jaren in.",
            "You lost no customers, so the lifespan cannot be estimated from this period. Enter an expected lifespan in years.",
        )
        .into(),
    }
}

/// A setting that could not be used, worded.
pub fn notice(notice: &Notice, locale: Locale) -> String {
    match (notice, locale) {
        (Notice::UnknownParameter(key), Locale::Nl) => {
            format!("Onbekende instelling „{key}” genegeerd.")
        }
        (Notice::UnknownParameter(key), Locale::En) => {
            format!("Ignored the unknown setting “{key}”.")
        }
        (Notice::BadValue { key, value }, Locale::Nl) => {
            format!("Kon „{value}” niet lezen als {key}; de standaardwaarde wordt gebruikt.")
        }
        (Notice::BadValue { key, value }, Locale::En) => {
            format!("Could not read “{value}” as {key}; using the default instead.")
        }
        (Notice::UnsupportedVersion(v), Locale::Nl) => {
            format!("Deze link komt uit een andere versie van de calculator (v={v}); je ziet het standaardvoorbeeld.")
        }
        (Notice::UnsupportedVersion(v), Locale::En) => {
            format!("This link comes from another version of the calculator (v={v}); showing the default example.")
        }
    }
}

/// A period as a menu choice.
pub fn period_name(period: Period, locale: Locale) -> &'static str {
    let l = locale;
    match period {
        Period::Month => pick(l, "Maand", "Month"),
        Period::Quarter => pick(l, "Kwartaal", "Quarter"),
        Period::Year => pick(l, "Jaar", "Year"),
    }
}

/// "the month", "het kwartaal", ...
fn the_period(period: Period, locale: Locale) -> &'static str {
    let l = locale;
    match period {
        Period::Month => pick(l, "de maand", "the month"),
        Period::Quarter => pick(l, "het kwartaal", "the quarter"),
        Period::Year => pick(l, "het jaar", "the year"),
    }
}

/// The unit of a number of periods.
pub fn periods_unit(period: Period, locale: Locale) -> &'static str {
    let l = locale;
    match period {
        Period::Month => pick(l, "maanden", "months"),
        Period::Quarter => pick(l, "kwartalen", "quarters"),
        Period::Year => pick(l, "jaar", "years"),
    }
}

/// A quantity written in the page's language and number habits.
pub fn quantity(q: Quantity, locale: Locale, currency: Currency) -> String {
    match q {
        Quantity::Count(n) => format_count(n, locale),
        Quantity::Percent(p) => format_percent(p, 1, locale),
        Quantity::Money(m) => format_money(m, currency, locale),
        Quantity::Number(x) => format_decimal(x, 0, 2, locale),
        Quantity::Years(y) => format!(
            "{}\u{a0}{}",
            format_decimal(y, 0, 2, locale),
            pick(locale, "jaar", "years")
        ),
        Quantity::Periods(n, period) => {
            format!(
                "{}\u{a0}{}",
                format_decimal(n, 0, 1, locale),
                periods_unit(period, locale)
            )
        }
        Quantity::Ratio(x) => format!("{}\u{a0}:\u{a0}1", format_decimal(x, 1, 1, locale)),
    }
}

/// The name of a figure.
pub fn figure_name(figure: Figure, locale: Locale) -> &'static str {
    let l = locale;
    match figure {
        Figure::RetentionRate => pick(l, "Klantretentie (CRR)", "Customer retention rate (CRR)"),
        Figure::Retained => pick(l, "Behouden klanten", "Customers retained"),
        Figure::Lost => pick(l, "Verloren klanten", "Customers lost"),
        Figure::ChurnRate => pick(l, "Churn", "Churn rate"),
        Figure::AnnualRetention => pick(l, "Retentie per jaar", "Retention per year"),
        Figure::AnnualChurn => pick(l, "Churn per jaar", "Churn per year"),
        Figure::Lifespan => pick(l, "Verwachte klantlevensduur", "Expected customer lifespan"),
        Figure::Clv => pick(
            l,
            "Customer lifetime value (CLV)",
            "Customer lifetime value (CLV)",
        ),
        Figure::ProfitClv => pick(l, "CLV in brutowinst", "Profit CLV"),
        Figure::DiscountedClv => pick(l, "Verdisconteerde CLV", "Discounted CLV"),
        Figure::ClvCacRatio => pick(l, "CLV : CAC", "CLV : CAC"),
        Figure::Payback => pick(l, "Terugverdientijd", "Payback time"),
    }
}

/// The formula of a figure in symbols, before the user's numbers are put in.
pub fn formula_symbols(figure: Figure, period: Period, locale: Locale) -> String {
    let l = locale;
    let n = superscript(period.per_year());
    match figure {
        Figure::RetentionRate => "CRR = (E − N) / S × 100".into(),
        Figure::Retained => pick(l, "behouden = E − N", "retained = E − N").into(),
        Figure::Lost => pick(l, "verloren = S − (E − N)", "lost = S − (E − N)").into(),
        Figure::ChurnRate => pick(l, "churn = verloren / S × 100", "churn = lost / S × 100").into(),
        Figure::AnnualRetention => format!(
            "{} = CRR{n}",
            pick(l, "retentie per jaar", "retention per year")
        ),
        Figure::AnnualChurn => format!(
            "{} = 1 − (1 − churn){n}",
            pick(l, "churn per jaar", "churn per year")
        ),
        Figure::Lifespan => match period {
            Period::Year => pick(l, "levensduur = 1 / churn", "lifespan = 1 / churn").into(),
            _ => format!(
                "{} = 1 / churn {} {}",
                pick(l, "levensduur", "lifespan"),
                pick(l, "periodes, gedeeld door", "periods, divided by"),
                period.per_year()
            ),
        },
        Figure::Clv => pick(
            l,
            "CLV = besteding × aankopen per jaar × levensduur",
            "CLV = spend × purchases a year × lifespan",
        )
        .into(),
        Figure::ProfitClv => pick(
            l,
            "CLV in brutowinst = CLV × marge",
            "profit CLV = CLV × margin",
        )
        .into(),
        Figure::DiscountedClv => pick(
            l,
            "CLV = m × r / (1 + d − r), m = marge per jaar, r = retentie per jaar, d = disconteringsvoet",
            "CLV = m × r / (1 + d − r), m = margin a year, r = retention a year, d = discount rate",
        )
        .into(),
        Figure::ClvCacRatio => "CLV : CAC = CLV / CAC".into(),
        Figure::Payback => pick(
            l,
            "terugverdientijd = CAC / (marge per jaar / 12)",
            "payback = CAC / (margin a year / 12)",
        )
        .into(),
    }
}

/// Digits as superscript, for exponents in plain text.
pub fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// What the page needs to word an explanation.
pub struct Context<'a> {
    pub locale: Locale,
    pub currency: Currency,
    pub retention: Option<&'a Retention>,
    pub value: Option<&'a Value>,
}

impl Context<'_> {
    fn q(&self, q: Quantity) -> String {
        quantity(q, self.locale, self.currency)
    }
    fn pct(&self, p: f64) -> String {
        self.q(Quantity::Percent(p))
    }
    fn count(&self, n: u64) -> String {
        self.q(Quantity::Count(n))
    }
    fn money(&self, m: f64) -> String {
        self.q(Quantity::Money(m))
    }
}

/// One plain sentence on what a figure means.
pub fn meaning(e: &Explanation, cx: &Context) -> String {
    let nl = cx.locale == Locale::Nl;
    match (e.figure, cx.retention, cx.value) {
        (Figure::RetentionRate, Some(r), _) => {
            let (pct, kept, start) = (
                cx.pct(r.retention_rate),
                cx.count(r.retained),
                cx.count(r.start),
            );
            let p = the_period(r.period, cx.locale);
            if nl {
                format!("Je hield {pct} van de klanten waarmee je {p} begon: {kept} van de {start}. Nieuwe klanten tellen niet mee.")
            } else {
                format!("You kept {pct} of the customers you started {p} with: {kept} of {start}. New customers do not count.")
            }
        }
        (Figure::Retained, Some(r), _) => {
            let (kept, new, end) = (cx.count(r.retained), cx.count(r.new), cx.count(r.end));
            if nl {
                format!("Van je {end} klanten aan het eind waren er {kept} al klant aan het begin; de andere {new} zijn nieuw.")
            } else {
                format!("Of your {end} customers at the end, {kept} were already customers at the start; the other {new} are new.")
            }
        }
        (Figure::Lost, Some(r), _) => {
            let (lost, start) = (cx.count(r.lost), cx.count(r.start));
            let p = the_period(r.period, cx.locale);
            if nl {
                format!("{lost} van je {start} klanten kochten of bleven niet meer in {p}.")
            } else {
                format!("{lost} of your {start} customers left during {p}.")
            }
        }
        (Figure::ChurnRate, Some(r), _) => {
            let (churn, crr) = (cx.pct(r.churn_rate), cx.pct(r.retention_rate));
            let p = the_period(r.period, cx.locale);
            if nl {
                format!("Je verliest {churn} van je klanten in {p}; samen met de retentie van {crr} is dat 100%.")
            } else {
                format!("You lose {churn} of your customers in {p}; together with the retention of {crr} that makes 100%.")
            }
        }
        (Figure::AnnualRetention, Some(r), _) => {
            let (annual, n) = (cx.pct(r.annual_retention_rate), r.period.per_year());
            if nl {
                format!("Houdt dit tempo een jaar aan, dan heb je na {n} periodes nog {annual} van je klanten. Dit getal vergelijk je met de 85%-norm.")
            } else {
                format!("If this rate holds for a year, {annual} of your customers are still there after {n} periods. This is the figure to compare with the 85% target.")
            }
        }
        (Figure::AnnualChurn, Some(r), _) => {
            let annual = cx.pct(r.annual_churn_rate);
            let naive = cx.pct(r.churn_rate * f64::from(r.period.per_year()));
            if nl {
                format!("Over een jaar verlies je {annual} van je klanten, niet {naive}: elke periode verlies je een deel van een kleinere groep.")
            } else {
                format!("Over a year you lose {annual} of your customers, not {naive}: each period you lose a share of a smaller group.")
            }
        }
        (Figure::Lifespan, Some(r), _) => {
            let years = cx.q(e.value);
            let churn = cx.pct(r.churn_rate);
            if nl {
                format!("Met {churn} churn blijft een klant gemiddeld {years}. Dat is een schatting: hij gaat ervan uit dat de churn gelijk blijft.")
            } else {
                format!("With {churn} churn a customer stays {years} on average. It is an estimate that assumes churn stays the same.")
            }
        }
        (Figure::Clv, _, Some(v)) => {
            let (clv, per_year) = (cx.money(v.clv), cx.money(v.annual_revenue));
            let years = cx.q(Quantity::Years(v.lifespan_years));
            if nl {
                format!("Een gemiddelde klant levert {clv} omzet op: {per_year} per jaar, {years} lang.")
            } else {
                format!("An average customer brings in {clv} in revenue: {per_year} a year for {years}.")
            }
        }
        (Figure::ProfitClv, _, Some(v)) => {
            let profit = cx.money(v.profit_clv.unwrap_or_default());
            if nl {
                format!("Daarvan is {profit} brutowinst: het meeste dat je aan het werven en houden van een klant kunt uitgeven zonder verlies.")
            } else {
                format!("Of that, {profit} is gross profit: the most you can spend to win and keep a customer without losing money.")
            }
        }
        (Figure::DiscountedClv, _, Some(v)) => {
            let clv = cx.q(e.value);
            let simple = cx.money(v.profit_clv.unwrap_or(v.clv));
            if nl {
                format!("Wat een klant vandaag waard is als je toekomstige marge verdisconteert: {clv}, tegen {simple} zonder disconteren. Deze CLV past bij abonnementen en contracten en bij het vergelijken met investeringen; de eenvoudige CLV bij een snelle schatting.")
            } else {
                format!("What a customer is worth today when future margin is discounted: {clv}, against {simple} undiscounted. This CLV fits subscriptions and contracts and comparing with investments; the simple CLV fits a quick estimate.")
            }
        }
        (Figure::ClvCacRatio, _, Some(_)) => {
            let ratio = format_decimal(ratio_of(e), 1, 1, cx.locale);
            if nl {
                format!("Elke euro die je uitgeeft om een klant te werven, levert {ratio} euro op over de hele klantrelatie.")
            } else {
                format!("Every unit of money spent on winning a customer brings back {ratio} over the whole relationship.")
            }
        }
        (Figure::Payback, _, Some(v)) => {
            let months = cx.q(e.value);
            let years = cx.q(Quantity::Years(v.lifespan_years));
            match (nl, is_paid_back(e, v)) {
                (true, true) => format!("Een nieuwe klant verdient zijn wervingskosten terug in {months}, ruim binnen de verwachte levensduur van {years}."),
                (true, false) => format!("Een nieuwe klant verdient zijn wervingskosten pas terug in {months}: later dan de verwachte levensduur van {years}."),
                (false, true) => format!("A new customer pays back what winning them cost in {months}, within the expected lifespan of {years}."),
                (false, false) => format!("A new customer only pays back what winning them cost in {months}: later than the expected lifespan of {years}."),
            }
        }
        _ => String::new(),
    }
}

/// The x of an x : 1 explanation.
fn ratio_of(e: &Explanation) -> f64 {
    match e.value {
        Quantity::Ratio(x) => x,
        _ => 0.0,
    }
}

/// Whether a payback explanation's months fall within the lifespan.
fn is_paid_back(e: &Explanation, v: &Value) -> bool {
    matches!(e.value, Quantity::Periods(months, _) if months <= v.lifespan_years * 12.0)
}

/// How CLV : CAC compares with the 3 : 1 rule of thumb.
fn ratio_sentence(verdict: RatioVerdict, e: &Explanation, cx: &Context) -> String {
    let nl = cx.locale == Locale::Nl;
    let head = match (verdict, nl) {
        (RatioVerdict::Healthy, true) => "Gezond: de vuistregel is 3 : 1 of beter.",
        (RatioVerdict::Healthy, false) => "Healthy: the rule of thumb is 3 : 1 or better.",
        (RatioVerdict::Thin, true) => {
            "Krap: onder de vuistregel van 3 : 1 blijft er weinig over voor overhead en winst."
        }
        (RatioVerdict::Thin, false) => {
            "Thin: below the 3 : 1 rule of thumb little is left for overhead and profit."
        }
        (RatioVerdict::Losing, true) => "Verlieslatend: een klant kost meer dan hij oplevert.",
        (RatioVerdict::Losing, false) => "Losing money: a customer costs more than they bring in.",
    };
    match (e.figure, e.at_target) {
        (Figure::ClvCacRatio, Some(at)) => {
            let target = format_percent(TARGET_RETENTION, 0, cx.locale);
            let at = cx.q(at);
            if nl {
                format!("{head} Bij {target} retentie per jaar zou het {at} zijn.")
            } else {
                format!("{head} At {target} retention a year it would be {at}.")
            }
        }
        _ => head.to_string(),
    }
}

/// The short word on a CLV : CAC badge.
pub fn ratio_label(verdict: RatioVerdict, locale: Locale) -> &'static str {
    let l = locale;
    match verdict {
        RatioVerdict::Healthy => pick(l, "Gezond (3 : 1 of beter)", "Healthy (3 : 1 or better)"),
        RatioVerdict::Thin => pick(l, "Krap (onder 3 : 1)", "Thin (below 3 : 1)"),
        RatioVerdict::Losing => pick(l, "Verlies (onder 1 : 1)", "Losing (below 1 : 1)"),
    }
}

/// How retention compares with the 85 % target, in one sentence.
fn verdict_sentence(verdict: Verdict, cx: &Context) -> String {
    let Some(r) = cx.retention else {
        return String::new();
    };
    let annual = cx.pct(r.annual_retention_rate);
    let target = format_percent(TARGET_RETENTION, 0, cx.locale);
    let gap = format_decimal(TARGET_RETENTION - r.annual_retention_rate, 1, 1, cx.locale);
    let per_year = r.period != Period::Year;
    let head = match (verdict, cx.locale) {
        (Verdict::Above, Locale::Nl) => format!(
            "Boven de norm: je houdt {annual} van je klanten per jaar, de norm is {target}."
        ),
        (Verdict::Above, Locale::En) => format!(
            "Above the target: you keep {annual} of your customers a year; the target is {target}."
        ),
        (Verdict::Near, Locale::Nl) => {
            format!("Dicht bij de norm: {annual} per jaar, {gap} procentpunt onder {target}.")
        }
        (Verdict::Near, Locale::En) => {
            format!("Near the target: {annual} a year, {gap} points below {target}.")
        }
        (Verdict::Below, Locale::Nl) => {
            format!("Onder de norm: {annual} per jaar, {gap} procentpunt onder {target}.")
        }
        (Verdict::Below, Locale::En) => {
            format!("Below the target: {annual} a year, {gap} points below {target}.")
        }
    };
    let tail = match (per_year, cx.locale) {
        (true, Locale::Nl) => {
            " De norm geldt per jaar, dus de retentie is eerst naar een jaar omgerekend."
        }
        (true, Locale::En) => {
            " The target is per year, so retention is first compounded to a year."
        }
        (false, _) => "",
    };
    head + tail
}

/// The short word on the verdict badge.
pub fn verdict_label(verdict: Verdict, locale: Locale) -> &'static str {
    let l = locale;
    match verdict {
        Verdict::Above => pick(l, "Haalt de 85%-norm", "Meets the 85% target"),
        Verdict::Near => pick(l, "Dicht bij de 85%-norm", "Near the 85% target"),
        Verdict::Below => pick(l, "Onder de 85%-norm", "Below the 85% target"),
    }
}

/// A next step, worded.
pub fn advice(advice: Advice, locale: Locale) -> &'static str {
    let l = locale;
    match advice {
        Advice::Onboarding => pick(
            l,
            "Verbeter de onboarding: een welkomstreeks en een persoonlijke check-in in de eerste 30 dagen na de eerste aankoop.",
            "Improve onboarding: a welcome series and a personal check-in in the first 30 days after the first purchase.",
        ),
        Advice::Feedback => pick(
            l,
            "Vraag klanten die weggingen of stil werden waarom, met een korte enquête, en pak de belangrijkste reden aan.",
            "Ask customers who left or went quiet why, with a short survey, and fix the main reason.",
        ),
        Advice::WinBack => pick(
            l,
            "Stuur klanten die 30 dagen niets kochten een win-backmail met een persoonlijk aanbod.",
            "Send customers who have not bought for 30 days a win-back mail with a personal offer.",
        ),
        Advice::PersonalFollowUp => pick(
            l,
            "Volg klanten persoonlijk op na de eerste en tweede aankoop: daar haken de meesten af.",
            "Follow up personally after the first and second purchase: that is where most customers drop off.",
        ),
        Advice::Loyalty => pick(
            l,
            "Beloon trouwe klanten met een loyaliteitsprogramma: punten, voorrang of gratis verzending.",
            "Reward loyal customers with a loyalty programme: points, early access or free shipping.",
        ),
        Advice::Referral => pick(
            l,
            "Start een referral-programma: tevreden klanten brengen goedkoop nieuwe klanten binnen.",
            "Start a referral programme: happy customers bring in new ones at a low cost.",
        ),
        Advice::Upsell => pick(
            l,
            "Bied upgrades, bundels en aanvullende producten aan om de besteding per aankoop te verhogen.",
            "Offer upgrades, bundles and related products to raise the spend per purchase.",
        ),
        Advice::Frequency => pick(
            l,
            "Verhoog de aankoopfrequentie met herinneringen, aanvulmails of een abonnement.",
            "Raise purchase frequency with reminders, replenishment mails or a subscription.",
        ),
        Advice::Margin => pick(
            l,
            "Verhoog je marge met bundels en prijsstelling, of verlaag de kosten per klant.",
            "Raise your margin with bundles and pricing, or lower the cost to serve a customer.",
        ),
        Advice::AcquisitionBudget => pick(
            l,
            "Geef aan het werven van een klant hooguit een derde van de CLV in brutowinst uit (CLV : CAC = 3 : 1).",
            "Spend at most a third of the profit CLV on winning a customer (CLV : CAC = 3 : 1).",
        ),
        Advice::CheaperChannels => pick(
            l,
            "Verlaag je wervingskosten: meer organische kanalen (SEO, content, doorverwijzingen) en stop campagnes waarvan de klanten niet blijven.",
            "Lower your acquisition cost: more organic channels (SEO, content, referrals), and stop campaigns whose customers do not stay.",
        ),
        Advice::InvestInGrowth => pick(
            l,
            "Je kunt meer in werving investeren: schaal de kanalen op die klanten brengen die blijven.",
            "You can afford to invest more in acquisition: scale up the channels that bring customers who stay.",
        ),
        Advice::RelyOnAcquisition => pick(
            l,
            "Je won meer nieuwe klanten dan je er hield: je groei leunt op werving, en werven kost meestal meer dan behouden.",
            "You won more new customers than you kept: your growth leans on acquisition, which usually costs more than keeping customers.",
        ),
    }
}

/// How a figure compares with the 85 % target, in one sentence: the verdict itself for the
/// retention rates, the same figure at the target for the others.
pub fn comparison(e: &Explanation, cx: &Context) -> Option<String> {
    if let Some(verdict) = e.ratio_verdict {
        return Some(ratio_sentence(verdict, e, cx));
    }
    let verdict = e.verdict?;
    let target = format_percent(TARGET_RETENTION, 0, cx.locale);
    let period = cx
        .retention
        .map(|r| the_period(r.period, cx.locale))
        .unwrap_or_default();
    let start = cx.retention.map(|r| cx.count(r.start)).unwrap_or_default();
    let at = e.at_target.map(|q| cx.q(q)).unwrap_or_default();
    let nl = cx.locale == Locale::Nl;
    let sentence = match e.figure {
        Figure::RetentionRate | Figure::AnnualRetention => {
            return Some(verdict_sentence(verdict, cx))
        }
        Figure::Retained if nl => {
            format!("Bij de norm van {target} per jaar houd je er minstens {at} van de {start}.")
        }
        Figure::Retained => {
            format!("At the target of {target} a year you would keep at least {at} of {start}.")
        }
        Figure::Lost if nl => {
            format!("Bij de norm van {target} per jaar verlies je er hooguit {at} in {period}.")
        }
        Figure::Lost => {
            format!("At the target of {target} a year you would lose at most {at} in {period}.")
        }
        Figure::ChurnRate if nl => {
            format!("Bij de norm van {target} per jaar is de churn hooguit {at} in {period}.")
        }
        Figure::ChurnRate => {
            format!("At the target of {target} a year churn is at most {at} in {period}.")
        }
        Figure::AnnualChurn if nl => {
            format!("De norm van {target} retentie laat hooguit {at} churn per jaar toe.")
        }
        Figure::AnnualChurn => {
            format!("The target of {target} retention allows at most {at} churn a year.")
        }
        Figure::Lifespan if nl => {
            format!("Bij de norm van {target} per jaar blijft een klant gemiddeld {at}.")
        }
        Figure::Lifespan => {
            format!("At the target of {target} a year a customer stays {at} on average.")
        }
        Figure::Clv if nl => format!("Bij de norm van {target} per jaar zou de CLV {at} zijn."),
        Figure::Clv => format!("At the target of {target} a year CLV would be {at}."),
        Figure::ProfitClv if nl => {
            format!("Bij de norm van {target} per jaar zou de CLV in brutowinst {at} zijn.")
        }
        Figure::ProfitClv => format!("At the target of {target} a year profit CLV would be {at}."),
        Figure::DiscountedClv if nl => {
            format!("Bij de norm van {target} per jaar zou de verdisconteerde CLV {at} zijn.")
        }
        Figure::DiscountedClv => {
            format!("At the target of {target} a year discounted CLV would be {at}.")
        }
        Figure::ClvCacRatio | Figure::Payback => return None,
    };
    Some(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(12), "¹²");
        assert_eq!(superscript(4), "⁴");
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        let errors = [
            InputError::Missing {
                field: Field::Start,
            },
            InputError::TooLarge {
                field: Field::Start,
                max: 1e10,
            },
            InputError::StartIsZero,
            InputError::LifespanNeeded,
        ];
        for e in errors {
            let (nl, en) = (error_message(&e, Locale::Nl), error_message(&e, Locale::En));
            assert!(!nl.is_empty() && !en.is_empty());
            assert_ne!(nl, en, "{e:?}");
        }
        assert_eq!(
            error_message(
                &InputError::TooLarge {
                    field: Field::Start,
                    max: 1e10
                },
                Locale::Nl
            ),
            "Dat is meer dan 10.000.000.000. Klopt dit getal?"
        );
    }
}
