//! The import pipeline as the page and the CLI run it: sniff → streaming read → summarise →
//! forecast → CSV, with the properties every step promises.

use retention_core::{
    customer_summaries, forecast_orders, parse_number, sniff_bytes, summarise_orders, win_back_csv,
    BadRowReason, Date, DateFormat, Delimiter, ForecastOptions, ImportError, Locale, Mapping,
    OrderLog, OrderReader, Period, Seed, SummaryOptions, MAX_BAD_ROWS, MAX_COHORTS, MAX_COLUMNS,
    MAX_PERIODS, MAX_QUOTED_CHARS, MAX_STATUSES, MIN_COLUMNS, PREVIEW_ROWS,
};

use crate::csv_read::{read_csv, runs_as_formula, unneutralise};
use crate::rng::{Control, Rng};

/// Control bytes in front of the file: options, chunking and mapping.
pub const CONTROL: usize = 16;

/// The longest message the pipeline may show for one failure, in characters: every message
/// quotes at most a cut piece of the file.
const MAX_MESSAGE: usize = 400;

/// Runs the pipeline on `data` (control bytes, then the file) and panics when a promise
/// breaks.
pub fn pipeline(data: &[u8]) {
    let (c, file) = Control::split(data, CONTROL);
    let flags = c.byte(0);
    let preview = match sniff_bytes(file, true) {
        Ok(preview) => {
            check_preview(&preview);
            Some(preview)
        }
        Err(e) => {
            check_message(&e.to_string());
            None
        }
    };
    if flags & 2 != 0 {
        // The page sniffs the first bytes of a bigger file.
        let cut = usize::from(c.u16(1)).min(file.len());
        if let Ok(p) = sniff_bytes(&file[..cut], false) {
            check_preview(&p);
        }
    }
    let mapping = if flags & 1 == 0 {
        preview.and_then(|p| p.mapping)
    } else {
        Some(arbitrary_mapping(&c))
    };
    let Some(mut mapping) = mapping else { return };
    if flags & 4 != 0 {
        mapping.left_out = vec!["paid".into(), String::new(), "Geannuleerd".into()];
    }
    let whole = read_in_chunks(file, &mapping, Seed(1, 2), &mut [file.len()].into_iter());
    let mut chunks = Rng::new(u64::from(c.u16(12)) | u64::from(c.byte(14)) << 16);
    let small = file.len() < 20_000;
    let mut sizes = std::iter::from_fn(|| {
        Some(match chunks.below(8) {
            0 | 1 if small => 1,
            2 => 2,
            3 => 3,
            4 => 64,
            5 => 4096,
            6 => 65_536,
            _ => 1 + chunks.below(1000),
        })
    });
    let chunked = read_in_chunks(file, &mapping, Seed(3, 4), &mut sizes);
    // The same rows, whatever the chunks and the hash seed.
    // (Compared as text when they differ, so that NaN amounts compare equal.)
    if whole != chunked {
        assert_eq!(
            format!("{whole:?}"),
            format!("{chunked:?}"),
            "chunk-split invariance"
        );
    }
    let log = match whole {
        Ok(log) => log,
        Err(e) => {
            check_message(&e.to_string());
            return;
        }
    };
    check_log(&log);
    let locale = if flags & 8 == 0 {
        Locale::Nl
    } else {
        Locale::En
    };
    let options = summary_options(&c);
    check_summary(&log, &options, locale);
    let forecast = ForecastOptions {
        horizon_weeks: *[52.0, 1.0, 520.0, 0.0, -1.0, f64::NAN, f64::INFINITY, 0.5]
            .get(usize::from(c.byte(8) % 8))
            .unwrap_or(&52.0),
        margin: match c.byte(9) {
            255 => None,
            254 => Some(f64::NAN),
            m => Some(f64::from(m)),
        },
        top: usize::from(c.byte(10)),
    };
    let end = match c.byte(15) % 4 {
        0 => None,
        _ => Some(day_from_text(c.u16(6))).flatten(),
    };
    check_forecast(&log, end, forecast, locale);
}

/// Reads `file` in chunks of the sizes `sizes` gives (the rest in one when it runs out).
pub fn read_in_chunks(
    file: &[u8],
    mapping: &Mapping,
    seed: Seed,
    sizes: &mut dyn Iterator<Item = usize>,
) -> Result<OrderLog, ImportError> {
    let mut reader = OrderReader::new(mapping, seed)?;
    let mut rest = file;
    while !rest.is_empty() {
        let n = sizes.next().unwrap_or(rest.len()).clamp(1, rest.len());
        let (chunk, tail) = rest.split_at(n);
        reader.feed(chunk)?;
        rest = tail;
    }
    reader.finish()
}

/// A mapping the user could pick by hand: any columns in any roles, checked by the reader.
fn arbitrary_mapping(c: &Control) -> Mapping {
    let columns = usize::from(c.byte(3) % 16);
    let role = |i: usize| {
        let b = c.byte(i);
        (b & 0x80 == 0).then_some(usize::from(b & 0x0f))
    };
    let delimiter = *Delimiter::ALL
        .get(usize::from(c.byte(4) % 4))
        .unwrap_or(&Delimiter::Comma);
    let mut m = Mapping::new(delimiter, c.byte(4) & 0x10 != 0, columns);
    m.date = usize::from(c.byte(5) % 16);
    m.date_format = DateFormat::ALL[usize::from(c.byte(5) >> 4) % DateFormat::ALL.len()];
    m.locale = if c.byte(5) & 0x80 == 0 {
        Locale::Nl
    } else {
        Locale::En
    };
    m.customer = role(6);
    m.amount = role(7);
    m.order = role(11);
    m.total = role(13);
    m.status = role(9).filter(|_| c.byte(2) & 1 != 0);
    m.quantity = role(1).filter(|_| c.byte(2) & 2 != 0);
    m.unit_price = role(10).filter(|_| c.byte(2) & 4 != 0);
    m.email = role(8).filter(|_| c.byte(2) & 8 != 0);
    m.refunded = role(12).filter(|_| c.byte(2) & 16 != 0);
    m.cancelled_at = role(14).filter(|_| c.byte(2) & 32 != 0);
    m.name = role(15).filter(|_| c.byte(2) & 64 != 0);
    m
}

/// A reference day as a user types one: `yyyy-mm-dd` with any four-digit year, which the
/// core accepts only within the years it reads.
fn day_from_text(n: u16) -> Option<Date> {
    let year = 1850 + i32::from(n % 300);
    let month = 1 + u32::from(n >> 9) % 12;
    let day = 1 + u32::from(n >> 5) % 31;
    format!("{year:04}-{month:02}-{day:02}").parse().ok()
}

fn summary_options(c: &Control) -> SummaryOptions {
    SummaryOptions {
        period: Period::ALL[usize::from(c.byte(1) % 3)],
        window_months: u32::from(c.byte(2)),
        inactive_days: u32::from(c.u16(3)),
        reference: if c.byte(5) & 1 == 0 {
            None
        } else {
            day_from_text(c.u16(6))
        },
        inactive_limit: match c.byte(7) {
            255 => None,
            n => Some(u32::from(n)),
        },
    }
}

fn check_message(message: &str) {
    let chars = message.chars().count();
    assert!(chars <= MAX_MESSAGE, "a message of {chars} characters");
}

fn check_preview(p: &retention_core::Preview) {
    assert!(
        (MIN_COLUMNS..=MAX_COLUMNS).contains(&p.columns.len()),
        "{} columns",
        p.columns.len()
    );
    assert!(p.rows.len() <= PREVIEW_ROWS);
    assert!(p.statuses.len() <= MAX_STATUSES);
    for cell in p
        .rows
        .iter()
        .flatten()
        .chain(p.columns.iter().map(|c| &c.name))
    {
        assert!(
            cell.chars().count() <= 201,
            "a preview cell of {} characters",
            cell.chars().count()
        );
    }
    if let Some(m) = &p.mapping {
        m.check()
            .expect("the suggested mapping is one the reader takes");
    }
}

fn check_log(log: &OrderLog) {
    let stats = log.stats();
    assert!(
        stats.read.bad_rows.len() <= MAX_BAD_ROWS
            && stats.read.bad_rows.len() <= stats.read.bad_row_count
    );
    assert!(stats.guest_lines.len() <= MAX_BAD_ROWS);
    assert!(stats.statuses.len() <= MAX_STATUSES);
    assert!(stats.read.rows >= stats.order_rows + stats.left_out_rows);
    for bad in &stats.read.bad_rows {
        if let BadRowReason::Date { text } | BadRowReason::Amount { text } = &bad.reason {
            // Cut to the limit, with an ellipsis.
            assert!(text.chars().count() <= MAX_QUOTED_CHARS + 1, "{text}");
        }
    }
    for note in stats
        .notes(Locale::Nl)
        .iter()
        .chain(&stats.notes(Locale::En))
    {
        check_message(note);
    }
    assert_eq!(log.customers().len(), stats.customers);
    let purchases: usize = log.customers().map(|c| c.purchases.len()).sum();
    assert_eq!(purchases, log.purchase_count());
    for c in log.customers() {
        assert!(!c.purchases.is_empty());
        assert!(c.purchases.is_sorted_by_key(|p| p.day));
        assert!(c.refunded <= 0.0 || c.refunded.is_nan());
    }
}

fn check_summary(log: &OrderLog, options: &SummaryOptions, locale: Locale) {
    let s = summarise_orders(log, options);
    let max_periods = if s.period == Period::Year {
        201
    } else {
        MAX_PERIODS
    };
    assert!(
        s.periods.len() <= max_periods,
        "{} periods",
        s.periods.len()
    );
    assert!(s.cohorts.len() <= MAX_COHORTS);
    let mut orders = 0;
    for p in &s.periods {
        // E − N ≤ S, and N splits into first-time and reactivated customers.
        assert!(p.end <= p.start + p.new, "{p:?}");
        assert_eq!(p.first_time + p.reactivated, p.new);
        orders += p.orders;
    }
    assert_eq!(orders, s.orders);
    assert!(s.repeat_customers <= s.customers);
    for c in &s.cohorts {
        assert_eq!(c.active.first(), Some(&c.size));
        assert!(c.active.iter().all(|&a| a <= c.size));
    }
    if let Some(limit) = options.inactive_limit {
        assert!(s.inactive.len() <= limit as usize);
    }
    assert!(s.inactive.len() <= s.inactive_count);
    assert!(s
        .inactive
        .iter()
        .all(|c| c.days_inactive >= options.inactive_days));

    // The win-back file lists every inactive customer, safe for a spreadsheet.
    let csv = win_back_csv(log, options, locale);
    let rows =
        read_csv(&csv, locale.pick(';', ',')).unwrap_or_else(|e| panic!("win-back CSV: {e}"));
    assert_eq!(rows.len(), s.inactive_count + 1, "win-back rows");
    let everyone = summarise_orders(
        log,
        &SummaryOptions {
            inactive_limit: None,
            ..*options
        },
    );
    // The columns by the header: e-mail and name stand after the id when the export has them.
    let header = &rows[0];
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("win-back column {name}"))
    };
    let (last, days, spend, segment) = (
        at("last_order"),
        at("days_inactive"),
        at("spend"),
        at("segment"),
    );
    for (row, customer) in rows[1..].iter().zip(&everyone.inactive) {
        assert_eq!(row.len(), header.len());
        check_text_cell(&row[0], &customer.id);
        assert_eq!(row[last], customer.last_order.to_string());
        assert_eq!(row[days], customer.days_inactive.to_string());
        check_number_cell(&row[spend], customer.spend, locale);
        assert_eq!(row[segment], customer.segment.label(locale));
    }
}

fn check_forecast(log: &OrderLog, end: Option<Date>, options: ForecastOptions, locale: Locale) {
    let Ok(forecaster) = forecast_orders(log, end, options) else {
        return;
    };
    let f = forecaster.forecast();
    assert!(f.top.len() <= options.top);
    assert!(f.repeat_customers <= f.customers);
    let csv = forecaster.csv(log, locale);
    let rows =
        read_csv(&csv, locale.pick(';', ',')).unwrap_or_else(|e| panic!("forecast CSV: {e}"));
    let end = f
        .calibration_end
        .expect("a forecast of orders has its calibration end");
    let summaries = customer_summaries(log, end);
    assert_eq!(rows.len(), summaries.len() + 1, "forecast rows");
    for (row, (index, summary)) in rows[1..].iter().zip(&summaries) {
        assert_eq!(row.len(), 8);
        check_text_cell(&row[0], log.customer(*index).id);
        assert_eq!(row[1], summary.frequency.to_string());
        for cell in &row[2..] {
            assert!(
                cell.is_empty() || parse_number(cell, locale).is_ok(),
                "forecast cell {cell:?}"
            );
        }
    }
}

/// A text cell holds the text, with a `'` in front when a spreadsheet would run it.
fn check_text_cell(cell: &str, text: &str) {
    assert!(
        !runs_as_formula(cell),
        "a formula reaches the CSV: {cell:?}"
    );
    assert_eq!(unneutralise(cell), text, "a text cell changed");
}

/// A number cell reads back as the number (to its two decimals), or is empty when the
/// number is not finite.
fn check_number_cell(cell: &str, value: f64, locale: Locale) {
    assert!(
        !runs_as_formula(cell),
        "a formula reaches the CSV: {cell:?}"
    );
    if !value.is_finite() {
        assert_eq!(cell, "");
        return;
    }
    let back = parse_number(cell, locale).unwrap_or_else(|_| panic!("number cell {cell:?}"));
    assert!(
        (back - value).abs() <= 0.005 * (1.0 + value.abs() * 1e-12),
        "{cell:?} for {value}"
    );
}
