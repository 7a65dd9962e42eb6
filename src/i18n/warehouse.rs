//! The words of the warehouse panel (the SQL is the core's) and of a dropped summary file.

use retention_core::{
    format_count, Dialect, Locale, SqlColumn, SqlError, SqlOutput, SummaryFileError,
    SummaryRowProblem,
};

/// Fixed texts of the warehouse panel and the summary-file view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarehouseText {
    Title,
    Help,
    Dialect,
    What,
    Optional,
    Sql,
    Copy,
    Copied,
    CopyRefused,
    ScoringHint,
    SummaryTitle,
    SummaryCannot,
    SummaryFill,
}

/// A fixed text of the warehouse panel or the summary-file view.
pub fn warehouse_text(text: WarehouseText, locale: Locale) -> &'static str {
    use WarehouseText as T;
    let l = locale;
    match text {
        T::Title => l.pick("Je datawarehouse gebruiken", "Use your data warehouse"),
        T::Help => l.pick(
            "Te veel orders voor de browser, of staan ze in BigQuery, Snowflake, PostgreSQL, DuckDB of Spark? Laat het warehouse tellen: voer deze SQL daar uit, sla het resultaat op als CSV en zet dat bestand hierboven neer. De SQL volgt dezelfde telregels als de import (staat in het commentaar).",
            "Too many orders for the browser, or are they in BigQuery, Snowflake, PostgreSQL, DuckDB or Spark? Let the warehouse do the counting: run this SQL there, save the result as CSV and drop that file above. The SQL follows the import's counting rules (stated in its comments).",
        ),
        T::Dialect => l.pick("Warehouse", "Warehouse"),
        T::What => l.pick("Wat de SQL oplevert", "What the SQL returns"),
        T::Optional => l.pick("(optioneel)", "(optional)"),
        T::Sql => l.pick("De SQL om te kopiëren", "The SQL to copy"),
        T::Copy => l.pick("Kopieer de SQL", "Copy the SQL"),
        T::Copied => l.pick("Gekopieerd.", "Copied."),
        T::CopyRefused => l.pick(
            "De browser staat kopiëren hier niet toe: selecteer de tekst en kopieer met Ctrl+C.",
            "The browser does not allow copying here: select the text and copy with Ctrl+C.",
        ),
        T::ScoringHint => l.pick(
            "De scoring-SQL gebruikt de parameters van je laatste fit (een import hierboven) en scoort elke klant in het warehouse: P(actief), verwachte aankopen en voorspelde CLV.",
            "The scoring SQL uses the parameters of your last fit (an import above) and scores every customer in the warehouse: P(alive), expected purchases and predicted CLV.",
        ),
        T::SummaryTitle => l.pick("Samenvatting per klant", "Per-customer summary"),
        T::SummaryCannot => l.pick(
            "Een samenvatting per klant (frequency, recency, T, monetary_value) geeft de voorspelling en de gemiddelde besteding en aankoopfrequentie. Ze heeft geen aankoopdata, dus geen S, E en N per periode, geen cohorten, geen lijst om terug te winnen en geen RFM-segmenten: importeer daarvoor de orders, of gebruik de periode- en cohort-SQL in je warehouse.",
            "A per-customer summary (frequency, recency, T, monetary_value) gives the forecast and the average spend and purchase frequency. It has no purchase dates, so no S, E and N per period, no cohorts, no win-back list and no RFM segments: import the orders for those, or use the periods and cohorts SQL in your warehouse.",
        ),
        T::SummaryFill => l.pick(
            "Besteding en frequentie in de calculator zetten",
            "Put spend and frequency into the calculator",
        ),
    }
}

/// A warehouse's name in the menu.
pub fn dialect_label(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::BigQuery => "BigQuery",
        Dialect::Snowflake => "Snowflake",
        Dialect::Postgres => "PostgreSQL / Redshift-style",
        Dialect::DuckDb => "DuckDB",
        Dialect::Spark => "Spark SQL / Databricks",
    }
}

/// What an output is, in the menu.
pub fn output_label(output: SqlOutput, locale: Locale) -> &'static str {
    let l = locale;
    match output {
        SqlOutput::Summary => l.pick("Samenvatting per klant", "Summary per customer"),
        SqlOutput::Compact => l.pick(
            "Compacte samenvatting (per historie)",
            "Compact summary (per history)",
        ),
        SqlOutput::Periods => l.pick("S, E en N per maand", "S, E and N per month"),
        SqlOutput::Cohorts => l.pick("Cohorten", "Cohorts"),
        SqlOutput::Scoring => l.pick(
            "Elke klant scoren (na een fit)",
            "Score every customer (after a fit)",
        ),
    }
}

/// A field of the panel: the table or a column.
pub fn sql_column_label(column: SqlColumn, locale: Locale) -> &'static str {
    let l = locale;
    match column {
        SqlColumn::Table => l.pick("Tabel", "Table"),
        SqlColumn::Customer => l.pick("Kolom klant", "Customer column"),
        SqlColumn::Date => l.pick("Kolom orderdatum", "Order date column"),
        SqlColumn::Amount => l.pick("Kolom ordertotaal", "Order total column"),
        SqlColumn::Order => l.pick("Kolom ordernummer", "Order number column"),
        SqlColumn::Status => l.pick("Kolom status", "Status column"),
        SqlColumn::Quantity => l.pick("Kolom aantal", "Quantity column"),
        SqlColumn::Price => l.pick("Kolom stukprijs", "Unit price column"),
        SqlColumn::LineAmount => l.pick("Kolom regelbedrag", "Line amount column"),
        SqlColumn::Refunded => l.pick("Kolom terugbetaald", "Refunded column"),
        SqlColumn::CancelledAt => l.pick("Kolom geannuleerd op", "Cancelled at column"),
    }
}

/// The field an error belongs next to; `None` for the query as a whole.
pub fn sql_error_field(error: &SqlError) -> Option<SqlColumn> {
    match *error {
        SqlError::EmptyName { column }
        | SqlError::Character { column, .. }
        | SqlError::NameTooLong { column, .. }
        | SqlError::TooManyParts { column, .. }
        | SqlError::UnclosedQuote { column }
        | SqlError::TextAfterQuote { column } => Some(column),
        SqlError::SameColumn { second, .. } => Some(second),
        SqlError::Amount => Some(SqlColumn::Amount),
        SqlError::Window { .. }
        | SqlError::NoModels
        | SqlError::InvalidModels
        | SqlError::HorizonTooLong { .. } => None,
    }
}

/// Why no SQL could be written.
pub fn sql_error(error: &SqlError, locale: Locale) -> String {
    let l = locale;
    let n = |v: u64| format_count(v, l);
    match *error {
        SqlError::EmptyName { column } => l.pick(
            format!("{}: vul een naam in (ook geen lege delen tussen punten).", sql_column_label(column, l)),
            format!("{}: fill in a name (no empty parts between dots either).", sql_column_label(column, l)),
        ),
        SqlError::Character { character, dialect, .. } => {
            let shown = if character.is_control() {
                format!("U+{:04X}", character as u32)
            } else {
                character.to_string()
            };
            let d = dialect_label(dialect);
            l.pick(
                format!("Deze naam bevat het teken {shown}, dat {d} niet veilig kan citeren: hernoem de kolom of maak er een view van."),
                format!("This name holds the character {shown}, which {d} cannot quote safely: rename the column or make a view."),
            )
        }
        SqlError::NameTooLong { max, .. } => l.pick(
            format!("Deze naam is te lang: dit warehouse neemt er hoogstens {} tekens van.", n(max as u64)),
            format!("This name is too long: this warehouse takes at most {} characters of it.", n(max as u64)),
        ),
        SqlError::TooManyParts { parts, max, .. } => l.pick(
            format!("Deze naam heeft {} delen tussen punten; hoogstens {} (project.dataset.tabel).", n(parts as u64), n(max as u64)),
            format!("This name has {} parts between dots; at most {} (project.dataset.table).", n(parts as u64), n(max as u64)),
        ),
        SqlError::UnclosedQuote { .. } => l.pick(
            "Een aanhalingsteken in deze naam wordt niet gesloten.".to_string(),
            "A quote in this name is never closed.".to_string(),
        ),
        SqlError::TextAfterQuote { .. } => l.pick(
            "Na het sluitende aanhalingsteken staat nog tekst: zet de hele naam tussen aanhalingstekens.".to_string(),
            "There is text after the closing quote: quote the whole name.".to_string(),
        ),
        SqlError::SameColumn { first, .. } => l.pick(
            format!("Dit is dezelfde kolom als {}: kies twee verschillende.", sql_column_label(first, l)),
            format!("This is the same column as {}: choose two different ones.", sql_column_label(first, l)),
        ),
        SqlError::Amount => l.pick(
            "Geef de kolom met het ordertotaal.".to_string(),
            "Give the column with the order total.".to_string(),
        ),
        SqlError::Window { months } => l.pick(
            format!("Een venster van {} maanden kan niet.", n(u64::from(months))),
            format!("A window of {} months is not possible.", n(u64::from(months))),
        ),
        SqlError::NoModels => l.pick(
            "Scoren heeft een fit nodig: importeer eerst orders of een samenvatting per klant hierboven.".to_string(),
            "Scoring needs a fit: import orders or a per-customer summary above first.".to_string(),
        ),
        SqlError::InvalidModels => l.pick(
            "De gefitte parameters zijn niet bruikbaar om mee te scoren.".to_string(),
            "The fitted parameters cannot be used to score.".to_string(),
        ),
        SqlError::HorizonTooLong { terms } => l.pick(
            format!("De horizon vraagt {} termen van een reeks: kies een kortere.", n(terms)),
            format!("The horizon needs {} terms of a series: choose a shorter one.", n(terms)),
        ),
    }
}

/// What a summary file held.
pub fn summary_file_read(customers: u64, repeat: u64, rows: usize, locale: Locale) -> String {
    let (c, r, n) = (
        format_count(customers, locale),
        format_count(repeat, locale),
        format_count(rows as u64, locale),
    );
    locale.pick(
        format!("Samenvatting per klant gelezen: {n} rijen, {c} klanten, van wie {r} op meer dan één dag kochten."),
        format!("Per-customer summary read: {n} rows, {c} customers, of whom {r} bought on more than one day."),
    )
}

/// A bad row of a summary file.
pub fn summary_bad_row(line: usize, problem: &SummaryRowProblem, locale: Locale) -> String {
    let l = locale;
    let why = match problem {
        SummaryRowProblem::Columns { found, expected } => l.pick(
            format!("{found} velden in plaats van {expected}"),
            format!("{found} fields instead of {expected}"),
        ),
        SummaryRowProblem::Number { column, text } => {
            let text: String = text.chars().take(40).collect();
            l.pick(
                format!("{column} is geen getal: “{text}”"),
                format!("{column} is not a number: “{text}”"),
            )
        }
        SummaryRowProblem::Impossible => l.pick(
            "recency groter dan T, of herhaalaankopen met recency 0".to_string(),
            "recency above T, or repeat purchases with recency 0".to_string(),
        ),
    };
    l.pick(
        format!("Regel {line}: {why}"),
        format!("Line {line}: {why}"),
    )
}

/// Why a file that starts as a summary file cannot be read as one.
pub fn summary_file_error(error: &SummaryFileError, locale: Locale) -> String {
    let l = locale;
    match error {
        SummaryFileError::MissingColumn { column } => l.pick(
            format!("Deze samenvatting mist de kolom {column}."),
            format!("This summary misses the column {column}."),
        ),
        SummaryFileError::NoRows => l.pick(
            "Deze samenvatting heeft geen leesbare rijen.".to_string(),
            "This summary has no readable rows.".to_string(),
        ),
        SummaryFileError::TooManyCustomers { customers } => l.pick(
            format!("Deze samenvatting telt {} klanten: te veel voor de browser. Scoor ze in je warehouse.", format_count(*customers, l)),
            format!("This summary counts {} customers: too many for the browser. Score them in your warehouse.", format_count(*customers, l)),
        ),
    }
}
