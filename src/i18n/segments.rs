//! The segments view's words. The segment names, who they are and what to do come from the
//! core (`Segment::label`, `Segment::description`, `SegmentAction::text`), shared with the
//! command line and the segment files; this module words the rest of the view.

use retention_core::{format_count, format_percent, Date, Locale, Segment};

/// Fixed texts of the segments view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentText {
    Title,
    Segment,
    Customers,
    CustomerShare,
    RevenueShare,
    MeanClv,
    MeanPAlive,
    Actions,
    File,
    GridTitle,
    Recency,
    Frequency,
    NoForecast,
    Legend,
    Ranges,
    RangeRecency,
    RangeFrequency,
    RangeMonetary,
}

/// A fixed text of the segments view.
pub fn segment_text(text: SegmentText, locale: Locale) -> &'static str {
    use SegmentText as T;
    let l = locale;
    match text {
        T::Title => l.pick("Klantsegmenten (RFM)", "Customer segments (RFM)"),
        T::Segment => l.pick("Segment", "Segment"),
        T::Customers => l.pick("Klanten", "Customers"),
        T::CustomerShare => l.pick("Deel van de klanten", "Share of customers"),
        T::RevenueShare => l.pick("Deel van de omzet", "Share of revenue"),
        T::MeanClv => l.pick("Gem. voorspelde CLV", "Avg. predicted CLV"),
        T::MeanPAlive => l.pick("Gem. P(actief)", "Avg. P(alive)"),
        T::Actions => l.pick("Wat te doen", "What to do"),
        T::File => l.pick("Bestand", "File"),
        T::GridTitle => l.pick("Klanten op recentheid × frequentie", "Customers by recency × frequency"),
        T::Recency => l.pick("R: recentheid (5 = kocht het laatst)", "R: recency (5 = bought most recently)"),
        T::Frequency => l.pick("F: frequentie (5 = op de meeste dagen)", "F: frequency (5 = on the most days)"),
        T::NoForecast => l.pick(
            "Zonder voorspelling (te weinig herhaalaankopen om het model te schatten) blijven voorspelde CLV en P(actief) leeg.",
            "Without a forecast (too few repeat purchases to fit the model) predicted CLV and P(alive) stay empty.",
        ),
        T::Legend => l.pick("Segmenten in het raster", "Segments on the grid"),
        T::Ranges => l.pick("Wat elke score omvat", "What each score covers"),
        T::RangeRecency => l.pick("R: dagen sinds de laatste aankoop", "R: days since the last purchase"),
        T::RangeFrequency => l.pick("F: dagen met een aankoop", "F: days with a purchase"),
        T::RangeMonetary => l.pick("M: netto besteed", "M: net spend"),
    }
}

/// How the scores were made, with the day they count to.
pub fn segments_help(reference: Option<Date>, customers: u64, locale: Locale) -> String {
    let n = format_count(customers, locale);
    let day = reference.map(|d| d.to_string()).unwrap_or_default();
    locale.pick(
        format!("{n} klanten, gescoord op {day}: recentheid (dagen sinds de laatste aankoop), frequentie (dagen met een aankoop) en bestedingen krijgen elk een score van 1 tot 5 per vijfde van de klanten. Gelijke waarden krijgen dezelfde score, dus als de meeste klanten één keer kochten, hebben ze allemaal F 1. Het segment volgt uit R en F."),
        format!("{n} customers, scored on {day}: recency (days since the last purchase), frequency (days with a purchase) and spend each get a score from 1 to 5 by fifths of the customers. Equal values score alike, so when most customers bought once they all score F 1. The segment follows from R and F."),
    )
}

/// A grid cell, for screen readers and the tooltip.
pub fn grid_cell_text(
    recency: u8,
    frequency: u8,
    customers: u64,
    segment: Segment,
    locale: Locale,
) -> String {
    let n = format_count(customers, locale);
    let name = segment.label(locale);
    locale.pick(
        format!("R {recency}, F {frequency}: {n} klanten ({name})"),
        format!("R {recency}, F {frequency}: {n} customers ({name})"),
    )
}

/// The grid in a sentence: the biggest segment.
pub fn grid_description(biggest: Option<(Segment, f64)>, locale: Locale) -> String {
    match biggest {
        Some((segment, share)) => {
            let name = segment.label(locale);
            let share = format_percent(share, 0, locale);
            locale.pick(
                format!("Het grootste segment is {name}, met {share} van de klanten."),
                format!("The biggest segment is {name}, with {share} of the customers."),
            )
        }
        None => String::new(),
    }
}

/// The download button of a segment.
pub fn segment_download(segment: Segment, locale: Locale) -> String {
    let name = segment.label(locale);
    locale.pick(
        format!("{name} downloaden (CSV)"),
        format!("Download {name} (CSV)"),
    )
}

/// The link from a win-back row to its segment.
pub fn segment_link_title(segment: Segment, locale: Locale) -> String {
    let name = segment.label(locale);
    locale.pick(
        format!("Naar het segment {name}"),
        format!("Go to the segment {name}"),
    )
}
