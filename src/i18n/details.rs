//! The fixed texts of the calculator's details (share and export, charts, what-if, several
//! periods): apart from the calculator's own, so that its first module does not carry them.

use retention_core::Locale;

/// Fixed texts of the calculator's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsText {
    CopyLink,
    CopyResults,
    LinkCopied,
    ResultsCopied,
    CopyFallback,
    DownloadCsv,
    Print,
    Charts,
    ChartData,
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
    RevenueNextYear,
    NoChurn,
    Periods,
    PeriodsHelp,
    PeriodsInput,
    Label,
    NewPerRetained,
    Line,
    TrendTitle,
    CsvName,
    CsvValue,
    CsvUnit,
}

/// A fixed text of the details.
pub fn details_text(text: DetailsText, locale: Locale) -> &'static str {
    let l = locale;
    match text {
        DetailsText::CopyLink => l.pick("Link kopiëren", "Copy link"),
        DetailsText::CopyResults => l.pick("Resultaten kopiëren", "Copy results"),
        DetailsText::LinkCopied => l.pick(
            "Link gekopieerd: wie hem opent, ziet dezelfde cijfers.",
            "Link copied: whoever opens it sees the same figures.",
        ),
        DetailsText::ResultsCopied => l.pick("Resultaten gekopieerd.", "Results copied."),
        DetailsText::CopyFallback => l.pick(
            "Automatisch kopiëren lukte niet. Selecteer de tekst hieronder en kopieer hem (Ctrl+C of ⌘C).",
            "Copying automatically did not work. Select the text below and copy it (Ctrl+C or ⌘C).",
        ),
        DetailsText::DownloadCsv => l.pick("CSV downloaden", "Download CSV"),
        DetailsText::Print => l.pick("Afdrukken of PDF", "Print or save as PDF"),
        DetailsText::Charts => l.pick("Grafieken", "Charts"),
        DetailsText::ChartData => l.pick("De cijfers achter de grafiek", "The figures behind the chart"),
        DetailsText::SurvivalTitle => l.pick(
            "Je huidige klanten in de komende periodes",
            "Your current customers over the coming periods",
        ),
        DetailsText::WaterfallTitle => l.pick(
            "Van begin naar eind van de periode",
            "From the start to the end of the period",
        ),
        DetailsText::WaterfallStart => l.pick("Begin (S)", "Start (S)"),
        DetailsText::WaterfallLost => l.pick("Verloren", "Lost"),
        DetailsText::WaterfallNew => l.pick("Nieuw (N)", "New (N)"),
        DetailsText::WaterfallEnd => l.pick("Eind (E)", "End (E)"),
        DetailsText::WhatIf => l.pick("Wat als je retentie stijgt?", "What if retention goes up?"),
        DetailsText::WhatIfSlider => l.pick(
            "Extra retentie per periode, in procentpunten",
            "Extra retention per period, in percentage points",
        ),
        DetailsText::Now => l.pick("Nu", "Now"),
        DetailsText::RetentionPerPeriod => l.pick("Retentie per periode", "Retention per period"),
        DetailsText::RevenueNextYear => l.pick(
            "Omzet komend jaar van je huidige klanten",
            "Revenue next year from your current customers",
        ),
        DetailsText::NoChurn => l.pick("geen churn: onbepaald", "no churn: unbounded"),
        DetailsText::Periods => l.pick("Meerdere periodes vergelijken", "Compare several periods"),
        DetailsText::PeriodsHelp => l.pick(
            "Plak een tabel uit je spreadsheet: per regel een periode, S, E en N, gescheiden door tabs, puntkomma's of komma's. Getallen zoals op deze pagina (1.000 of 1000).",
            "Paste a table from your spreadsheet: one period a line with S, E and N, separated by tabs, semicolons or commas. Numbers as on this page (1,000 or 1000).",
        ),
        DetailsText::PeriodsInput => l.pick("Periodes (periode, S, E, N)", "Periods (period, S, E, N)"),
        DetailsText::Label => l.pick("Periode", "Period"),
        DetailsText::NewPerRetained => l.pick("Nieuw per behouden klant", "New per retained customer"),
        DetailsText::Line => l.pick("Regel", "Line"),
        DetailsText::TrendTitle => l.pick("Retentie en churn per periode", "Retention and churn per period"),
        DetailsText::CsvName => l.pick("Naam", "Name"),
        DetailsText::CsvValue => l.pick("Waarde", "Value"),
        DetailsText::CsvUnit => l.pick("Eenheid", "Unit"),
    }
}
