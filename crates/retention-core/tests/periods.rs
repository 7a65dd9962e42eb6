//! Tables of periods pasted from a spreadsheet.

use retention_core::{parse_periods, Field, InputError, Locale, Period, PeriodTable, RowProblem};

#[track_caller]
fn rates(table: &PeriodTable) -> Vec<(String, f64)> {
    table
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.retention.retention_rate))
        .collect()
}

#[track_caller]
fn problems(table: &PeriodTable) -> Vec<(usize, RowProblem)> {
    table
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect()
}

#[test]
fn a_spreadsheet_copy_in_dutch() {
    let text = "Maand\tS\tE\tN\r\n2024-01\t1.000\t1.050\t200\r\n2024-02\t1.050\t1.000\t100\r\n";
    let table = parse_periods(text, Locale::Nl, Period::Month);
    assert_eq!(table.header_line, Some(1));
    assert_eq!(
        rates(&table),
        [
            ("2024-01".into(), 85.0),
            ("2024-02".into(), 900.0 * 100.0 / 1050.0)
        ]
    );
    assert!(table.errors.is_empty());
    // 200 new against 850 kept.
    assert!((table.rows[0].new_per_retained.unwrap() - 200.0 / 850.0).abs() < 1e-12);
}

#[test]
fn semicolons_commas_and_spaces() {
    let nl = parse_periods(
        "jan;1.000;1.050;200\nfeb;1.050;1.000;100",
        Locale::Nl,
        Period::Month,
    );
    let en = parse_periods(
        "jan,1000,1050,200\nfeb,1050,1000,100",
        Locale::En,
        Period::Month,
    );
    let spaces = parse_periods(
        "jan  1000 1050   200\nfeb 1050 1000 100",
        Locale::En,
        Period::Month,
    );
    assert_eq!(rates(&nl), rates(&en));
    assert_eq!(rates(&en), rates(&spaces));
    assert_eq!(nl.header_line, None);
}

#[test]
fn english_thousands_on_an_english_page() {
    let table = parse_periods("Q1\t1,000\t1,050\t200", Locale::En, Period::Quarter);
    assert_eq!(rates(&table), [("Q1".into(), 85.0)]);
    assert_eq!(table.rows[0].retention.period, Period::Quarter);
}

#[test]
fn bad_rows_are_reported_by_line() {
    let text = "month;S;E;N\njan;1000;1050;200\n\nfeb;1000;abc;100\nmar;1000;900\napr;0;10;5\nmay;1000;500;600\njun;1000;1500;100\njul;10,5;10;0\n";
    let table = parse_periods(text, Locale::En, Period::Month);
    assert_eq!(rates(&table), [("jan".into(), 85.0)]);
    assert_eq!(
        problems(&table),
        [
            (
                4,
                RowProblem::Figures {
                    error: InputError::NotANumber { field: Field::End }
                }
            ),
            (5, RowProblem::Columns { found: 3 }),
            (
                6,
                RowProblem::Figures {
                    error: InputError::StartIsZero
                }
            ),
            (
                7,
                RowProblem::Figures {
                    error: InputError::NewExceedsEnd
                }
            ),
            (
                8,
                RowProblem::Figures {
                    error: InputError::RetainedExceedsStart
                }
            ),
            (
                9,
                RowProblem::Figures {
                    error: InputError::NotWhole {
                        field: Field::Start
                    }
                }
            ),
        ]
    );
}

#[test]
fn only_the_first_line_can_be_a_header() {
    let table = parse_periods("jan;1000;1050;200\nmonth;S;E;N", Locale::En, Period::Month);
    assert_eq!(table.header_line, None);
    assert_eq!(table.errors.len(), 1);
    assert_eq!(table.errors[0].line, 2);
}

#[test]
fn empty_text_is_an_empty_table() {
    assert_eq!(
        parse_periods("", Locale::Nl, Period::Month),
        PeriodTable::default()
    );
    assert_eq!(
        parse_periods("\u{feff}\n \n", Locale::Nl, Period::Month),
        PeriodTable::default()
    );
}
