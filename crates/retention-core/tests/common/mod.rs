//! What the integration tests share (`mod common;`), so each helper is written once: the
//! closeness checks, the plain order file of `(customer, ISO date, amount)` rows and the
//! published RFM map. The CLI's tests include it by path.
#![allow(dead_code)]

use retention_core::{parse_orders, Date, Delimiter, Mapping, OrderLog, Segment};

/// `actual` is `expected` to within a relative error of `relative`.
#[track_caller]
pub fn assert_relative(actual: f64, expected: f64, relative: f64) {
    let error = (actual - expected).abs() / expected.abs().max(1e-300);
    assert!(
        error <= relative,
        "{actual} is not {expected} to {relative:e} (off by {error:e})"
    );
}

/// `actual` is `expected` to within `tolerance`.
#[track_caller]
pub fn assert_within(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}

/// A date written yyyy-mm-dd.
#[track_caller]
pub fn date(text: &str) -> Date {
    text.parse().expect("an ISO date")
}

/// The mapping of a plain `customer,date,amount` file with ISO dates.
pub fn plain_mapping() -> Mapping {
    Mapping {
        customer: Some(0),
        date: 1,
        amount: Some(2),
        ..Mapping::new(Delimiter::Comma, true, 3)
    }
}

/// A plain `customer,date,amount` file of `rows`.
pub fn text_of(rows: &[(&str, &str, f64)]) -> String {
    let mut text = String::from("customer,date,amount\n");
    for (customer, date, amount) in rows {
        text.push_str(&format!("{customer},{date},{amount}\n"));
    }
    text
}

/// A log of `(customer, ISO date, amount)` rows, every one read.
#[track_caller]
pub fn log_of(rows: &[(&str, &str, f64)]) -> OrderLog {
    let log = parse_orders(&text_of(rows), &plain_mapping(), |_, _| true).expect("the import runs");
    assert_eq!(
        log.stats().read.bad_row_count,
        0,
        "{:?}",
        log.stats().read.bad_rows
    );
    log
}

/// The published R × F map, written out by hand: rows R 5 down to R 1, columns F 1 to F 5.
pub const RFM_MAP: [[Segment; 5]; 5] = {
    use Segment::*;
    [
        [
            New,
            PotentialLoyalists,
            PotentialLoyalists,
            Champions,
            Champions,
        ],
        [
            Promising,
            PotentialLoyalists,
            PotentialLoyalists,
            Loyal,
            Loyal,
        ],
        [AboutToSleep, AboutToSleep, NeedsAttention, Loyal, Loyal],
        [Hibernating, Hibernating, AtRisk, AtRisk, CantLose],
        [Lost, Hibernating, AtRisk, AtRisk, CantLose],
    ]
};

/// The segment of recency score `r` and frequency score `f` (1 to 5) on [`RFM_MAP`].
pub fn rfm_segment(r: u8, f: u8) -> Segment {
    RFM_MAP[usize::from(5 - r)][usize::from(f - 1)]
}

/// Seven memberships, worked by hand on 30 June 2024 in the members tests (`HAND_WORKED` in
/// `tests/members.rs`, whose table says what each one counts as).
pub const SEVEN_MEMBERS: &str = "member,start,end\n\
    A,2024-01-01,2024-01-20\n\
    B,2024-05-15,\n\
    C,2024-01-10,2024-03-01\n\
    D,2024-02-01,2024-03-15\n\
    E,2024-04-20,\n\
    F,2024-03-25,\n\
    G,2024-04-10,2024-06-25\n";
