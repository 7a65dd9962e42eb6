//! `retention analyze --segments` and `--segment-csv DIR`, run as a user would, on a file
//! built so that every customer's scores and segment are known by hand.

use retention_core::{Date, Locale, Segment};
use serde_json::Value;

// The tests' shared helpers and the published RFM map, written once in the core's tests.
#[path = "../../retention-core/tests/common/mod.rs"]
mod core_common;
use core_common::rfm_segment;

mod common;
use common::{assert_says, line, retention, succeeds, temp_dir};

use Segment::*;

/// The last day of the file: 2024-06-30.
fn reference() -> i32 {
    Date::from_ymd(2024, 6, 30).unwrap().days()
}

/// A customer of the file: id `r{R}f{F}`, their e-mail and name, last order, purchase days
/// and spend.
struct Meant {
    id: String,
    email: String,
    name: String,
    last: Date,
    days: u32,
    spend: u32,
}

/// 25 customers, one for each cell of the grid (as in the core's segment tests): with 25
/// distinct values a score is `1 + ⌊b / 5⌋` (b: customers with a worse value), so the
/// customer meant for R r and F f gets recency place 5(r − 1) + (f − 1) and frequency place
/// 5(f − 1) + (r − 1), and monetary place 7 × (recency place) mod 25. Place p from the worst:
/// last bought 24 − p days before the last day, on p + 1 days (every third day), for
/// 100 + 10 p. r5f5's name is a spreadsheet formula.
fn one_per_cell() -> (String, Vec<Meant>) {
    let mut text = String::from("customer,email,name,date,amount\n");
    let mut meant = Vec::new();
    for r in 1..=5u32 {
        for f in 1..=5u32 {
            let (rp, fp) = (5 * (r - 1) + f - 1, 5 * (f - 1) + r - 1);
            let mp = 7 * rp % 25;
            let id = format!("r{r}f{f}");
            let email = format!("{id}@example.com");
            let name = if (r, f) == (5, 5) {
                "=SUM(A1:A9)".to_string()
            } else {
                format!("Klant {id}")
            };
            let last = reference() - (24 - rp as i32);
            let (days, spend) = (fp + 1, 100 + 10 * mp);
            for k in (0..days).rev() {
                let amount = if k == 0 { spend + 1 - days } else { 1 };
                let day = Date::from_days(last - 3 * k as i32);
                text += &format!("{id},{email},{name},{day},{amount}.00\n");
            }
            meant.push(Meant {
                id,
                email,
                name,
                last: Date::from_days(last),
                days,
                spend,
            });
        }
    }
    (text, meant)
}

fn segment_of(id: &str) -> Segment {
    let b = id.as_bytes();
    rfm_segment(b[1] - b'0', b[3] - b'0')
}

#[test]
fn segments_print_as_tables_and_as_json() {
    let dir = temp_dir("print");
    let (text, _) = one_per_cell();
    let file = dir.join("orders.csv");
    std::fs::write(&file, text).unwrap();
    let file = file.to_string_lossy().into_owned();

    let out = succeeds(&["analyze", &file, "--segments"]);
    assert_says(&out, "RFM segments on 2024-06-30: 25 customers");
    assert_says(&out, "R × F grid");
    for segment in Segment::ALL {
        assert!(
            out.contains(segment.label(Locale::En)),
            "{segment:?}\n{out}"
        );
    }
    // What to do, worded by the core: the win-back mail for those at risk.
    let at_risk = AtRisk.actions()[0].text(Locale::En);
    assert_says(&out, at_risk);
    // The grid, R 5 first: one customer in every cell.
    let r5 = line(&out, "  R 5");
    assert_eq!(
        r5.split_whitespace().collect::<Vec<_>>(),
        ["R", "5", "1", "1", "1", "1", "1"]
    );
    // Without --segments, none of it.
    assert!(!succeeds(&["analyze", &file]).contains("RFM segments"));

    let json: Value =
        serde_json::from_str(&succeeds(&["analyze", &file, "--segments", "--json"])).unwrap();
    let s = &json["segments"];
    assert_eq!(s["customers"], 25);
    assert_eq!(s["reference"], "2024-06-30");
    // Counted from RFM_MAP: champions 2, loyal 4, potential loyalists 4, new 1, promising 1,
    // needs attention 1, about to sleep 2, at risk 4, can't lose 2, hibernating 3, lost 1.
    let counts: Vec<u64> = s["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["customers"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [2, 4, 4, 1, 1, 1, 2, 4, 2, 3, 1]);
    assert_eq!(s["segments"][0]["segment"], "champions");
    // 8 % of the customers; 490 of the 5,500 spent (r5f4 210, r5f5 280).
    assert_eq!(s["segments"][0]["customerShare"], 8.0);
    let share = s["segments"][0]["revenueShare"].as_f64().unwrap();
    assert!((share - 490.0 * 100.0 / 5500.0).abs() < 1e-9, "{share}");
    let grid = s["grid"].as_array().unwrap();
    assert_eq!(grid.len(), 25);
    assert!(grid.iter().all(|c| c["customers"] == 1));
    let json: Value = serde_json::from_str(&succeeds(&["analyze", &file, "--json"])).unwrap();
    assert!(json.get("segments").is_none());
}

#[test]
fn a_file_per_segment_for_a_mailing_tool() {
    let dir = temp_dir("files");
    let (text, meant) = one_per_cell();
    let file = dir.join("orders.csv");
    std::fs::write(&file, text).unwrap();
    let file = file.to_string_lossy().into_owned();
    let out = dir.join("segments");
    let out_text = out.to_string_lossy().into_owned();
    succeeds(&["analyze", &file, "--segment-csv", &out_text]);

    // Every segment has customers here, so every segment has its file.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = Segment::ALL
        .iter()
        .map(|s| s.file_name().to_string())
        .collect();
    expected.sort();
    assert_eq!(names, expected);

    for segment in Segment::ALL {
        let text = std::fs::read_to_string(out.join(segment.file_name())).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows[0],
            "customer,email,name,last_order,orders,purchase_days,spend,predicted_clv,p_alive,\
             segment,recency_score,frequency_score,monetary_score"
        );
        // Its customers, the highest spend first.
        let mut members: Vec<&Meant> = meant
            .iter()
            .filter(|m| segment_of(&m.id) == segment)
            .collect();
        members.sort_by_key(|m| std::cmp::Reverse(m.spend));
        assert_eq!(rows.len(), members.len() + 1, "{segment:?}");
        for (row, m) in rows[1..].iter().zip(&members) {
            let cells: Vec<&str> = row.split(',').collect();
            let name = if m.name.starts_with('=') {
                // A spreadsheet shows the name rather than running it.
                format!("'{}", m.name)
            } else {
                m.name.clone()
            };
            assert_eq!(
                cells[..3],
                [m.id.as_str(), m.email.as_str(), name.as_str()],
                "{row}"
            );
            assert_eq!(cells[3], m.last.to_string());
            assert_eq!(
                (cells[4], cells[5]),
                (m.days.to_string().as_str(), m.days.to_string().as_str())
            );
            assert_eq!(cells[6], format!("{}.00", m.spend));
            assert_eq!(cells[9], segment.label(Locale::En));
        }
    }

    // In Dutch: `;` between cells and the names in Dutch.
    let nl = dir.join("nl");
    let nl_text = nl.to_string_lossy().into_owned();
    succeeds(&[
        "analyze",
        &file,
        "--segment-csv",
        &nl_text,
        "--locale",
        "nl",
    ]);
    let champions = std::fs::read_to_string(nl.join("segment-champions.csv")).unwrap();
    let second = champions.lines().nth(1).unwrap();
    assert!(
        second.starts_with("r5f5;r5f5@example.com;'=SUM(A1:A9);2024-06-30;25;25;280,00;"),
        "{second}"
    );
    assert_says(second, ";Kampioenen;5;5;");

    // A directory that cannot be made is an input failure that names it.
    let blocked = dir.join("orders.csv").join("x");
    let output = retention(&[
        "analyze",
        &file,
        "--segment-csv",
        &blocked.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write to"));
}
