//! The built `retention` binary, run as a user would.

mod common;

use common::{
    assert_says, fails, json, line, retention, stderr, stdout, succeeds, words, write, TempDir,
};
use serde_json::Value;

#[path = "../../retention-core/tests/generators/mod.rs"]
mod generators;

/// Five customers over five months, hand-counted in `analyze_counts_s_e_and_n`.
const FIVE_CUSTOMERS: &str = "customer,date,amount\n\
    ann,2024-01-10,10\n\
    bob,2024-01-20,20\n\
    cat,2024-02-15,40\n\
    ann,2024-03-05,30\n\
    dan,2024-03-31,90\n\
    cat,2024-05-01,60\n\
    eve,2024-05-31,100\n";

// ---- calc ---------------------------------------------------------------------------------

#[test]
fn calc_the_worked_example() {
    let out = succeeds(&["calc", "--start", "1000", "--end", "1050", "--new", "200"]);
    assert_says(&out, "S 1,000 · E 1,050 · N 200");
    let crr = line(&out, "Customer retention rate (CRR)");
    assert_says(crr, "85.0%");
    assert_says(crr, "CRR = (E − N) / S × 100 = (1,050 − 200) / 1,000 × 100");
    // Exactly 85.0 % is on the target, not above it.
    assert_says(crr, "[On the 85% target]");
    assert_says(&out, "Customers lost");
    // Without spend and frequency there is no CLV, and that is no mistake.
    assert!(!out.contains("CLV"), "{out}");
}

#[test]
fn calc_in_dutch_with_value_inputs() {
    let out = succeeds(&words(
        "calc --start 1.000 --end 1.050 --new 200 --spend 75 --frequency 3 --margin 60 --locale nl",
    ));
    assert_says(&out, "85,0\u{a0}%");
    assert_says(&out, "Klantretentie (CRR)");
    // CLV = 75 × 3 × 6,67 years = € 1.500; profit CLV at 60 % = € 900: estimates, so in
    // whole euros, while the spend of € 75,00 in the formula keeps its cents.
    assert_says(&out, "€\u{a0}1.500 ");
    assert_says(&out, "€\u{a0}900 ");
    assert_says(&out, "€\u{a0}75,00 × 3");
    // The same words and precision as the page: lifespan 1 / 15 % = 6,67 years.
    let lifespan = line(&out, "Verwachte klantlevensduur");
    assert_says(lifespan, "6,67\u{a0}jaar");
    assert_says(lifespan, "levensduur = 1 / churn = 1 / 15,0\u{a0}%");
}

#[test]
fn calc_as_json() {
    let out = succeeds(&words(
        "calc --start=1000 --end=1050 --new=200 --spend=75 --frequency=3 --period year --json",
    ));
    let v = json(&out);
    assert_eq!(v["report"]["retention"]["retentionRate"], 85.0);
    assert_eq!(v["report"]["retention"]["lost"], 150);
    assert_eq!(v["report"]["errors"], Value::Array(vec![]));
    assert_eq!(v["explanations"][0]["figure"], "retentionRate");
}

#[test]
fn calc_reports_a_mistake_in_the_figures() {
    fails(
        &["calc", "--start", "0", "--end", "10", "--new", "5"],
        1,
        "start must be more than zero customers",
    );
    fails(
        &["calc", "--start", "many", "--end", "10", "--new", "5"],
        1,
        "start is not a number",
    );
    fails(
        &["calc", "--start", "10", "--end", "10"],
        1,
        "new is required",
    );
    fails(
        &["calc", "--start", "100", "--end", "50", "--new", "60"],
        1,
        "new customers cannot exceed customers at the end",
    );
    // JSON still comes out, with the mistake as data.
    let output = fails(
        &[
            "calc", "--start", "0", "--end", "10", "--new", "5", "--json",
        ],
        1,
        "start must be more than zero",
    );
    let v = json(&stdout(&output));
    assert_eq!(v["report"]["errors"][0]["code"], "startIsZero");
}

#[test]
fn a_command_line_that_makes_no_sense_is_a_usage_error() {
    fails(&[], 2, "a command is needed");
    fails(&["forecast"], 2, "unknown command 'forecast'");
    fails(&["calc", "--start"], 2, "--start needs a value");
    fails(&["calc", "--bogus", "1"], 2, "unknown option '--bogus'");
    fails(
        &["calc", "--period", "week"],
        2,
        "--period must be month, quarter or year",
    );
    fails(&["calc", "--locale", "de"], 2, "--locale must be nl or en");
    fails(&["analyze"], 2, "analyze needs exactly one FILE");
    fails(
        &["analyze", "x.csv", "--window", "six"],
        2,
        "--window must be a whole number",
    );
    let usage = succeeds(&["--help"]);
    assert_says(&usage, "retention analyze FILE");
    assert!(succeeds(&["calc", "--help"]).contains("--frequency F"));
}

// ---- analyze ------------------------------------------------------------------------------

#[test]
fn analyze_counts_s_e_and_n() {
    let dir = TempDir::new("counts");
    let file = write(&dir, "orders.csv", FIVE_CUSTOMERS.as_bytes());
    // Window 2 months (hand-counted in the core's tests/orders.rs):
    //   2024-01  S 0  E 2  N 2   no CRR
    //   2024-02  S 2  E 3  N 1   CRR 100 %
    //   2024-03  S 3  E 3  N 1   CRR 66.7 %
    //   2024-04  S 3  E 2  N 0   CRR 66.7 %
    //   2024-05  S 2  E 2  N 2   CRR 0 %  (cat returned, eve first-time)
    let out = succeeds(&["analyze", &file, "--window", "2"]);
    let row = |label: &str| -> Vec<String> {
        line(&out, label)
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(row("2024-01")[1..4], ["0", "2", "2"]);
    assert_eq!(row("2024-02")[1..7], ["2", "3", "1", "1", "0", "100.0%"]);
    assert_eq!(row("2024-03")[1..7], ["3", "3", "1", "1", "0", "66.7%"]);
    assert_eq!(row("2024-04")[1..7], ["3", "2", "0", "0", "0", "66.7%"]);
    assert_eq!(row("2024-05")[1..7], ["2", "2", "2", "1", "1", "0.0%"]);
    assert_says(&out, "Repeat purchase rate 40.0%");
    assert_says(&out, "average order value 50.00");
    assert_says(&out, "retention calc --start 2 --end 2 --new 2 --spend 50");

    let v = json(&succeeds(&["analyze", &file, "--window", "2", "--json"]));
    let periods = v["summary"]["periods"].as_array().unwrap();
    let sen: Vec<(u64, u64, u64)> = periods
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().unwrap();
            (n("start"), n("end"), n("new"))
        })
        .collect();
    assert_eq!(sen, [(0, 2, 2), (2, 3, 1), (3, 3, 1), (3, 2, 0), (2, 2, 2)]);
    assert_eq!(periods[0]["retention"], Value::Null);
    assert_eq!(periods[1]["retention"]["retentionRate"], 100.0);
    assert_eq!(v["mapping"]["dateFormat"], "iso");
    assert_eq!(v["import"]["orders"], 7);
    assert_eq!(v["summary"]["fill"]["start"], 2.0);
    assert_eq!(v["summary"]["inactive"][0]["lastOrder"], "2024-05-01");
    // Five customers are too few to fit a forecast: said, not failed.
    assert_eq!(v["forecast"], Value::Null);
    assert_eq!(v["forecastError"]["code"], "tooFewCustomers");
    assert_says(&out, "Forecast (BG/NBD + Gamma-Gamma): none");
}

#[test]
fn analyze_forecasts_each_customer_when_there_is_enough_history() {
    let dir = TempDir::new("forecast");
    let file = write(&dir, "orders.csv", sixty_customers().as_bytes());
    let v = json(&succeeds(&["analyze", &file, "--json", "--show", "3"]));
    let f = &v["forecast"];
    assert_eq!(v["forecastError"], Value::Null);
    assert_eq!(f["customers"], 60);
    assert_eq!(f["top"].as_array().unwrap().len(), 3);
    assert!(f["purchases"]["r"].as_f64().unwrap() > 0.0);
    let table = succeeds(&["analyze", &file, "--show", "3"]);
    assert_says(&table, "BG/NBD r ");
}

#[test]
fn analyze_by_quarter_marks_an_unfinished_quarter() {
    let dir = TempDir::new("quarter");
    let file = write(&dir, "orders.csv", FIVE_CUSTOMERS.as_bytes());
    // Window 3: Q1 S 0 E 4 N 4; Q2 (to 31 May) S 4 E 4 N 1, CRR 75 %.
    let out = succeeds(&["analyze", &file, "--period", "quarter", "--window", "3"]);
    let q2 = line(&out, "2024-Q2*");
    let cells: Vec<&str> = q2.split_whitespace().collect();
    assert_eq!(cells[1..4], ["4", "4", "1"]);
    assert_eq!(cells[6], "75.0%");
    assert_says(&out, "no complete period with customers at its start");
}

#[test]
fn analyze_marks_periods_whose_window_is_not_full_and_fills_from_none_of_them() {
    let dir = TempDir::new("window");
    let file = write(&dir, "orders.csv", FIVE_CUSTOMERS.as_bytes());
    // Five months of orders and the default 12-month window: no window is full, every CRR
    // reads near 100 %, and nothing is offered to the calculator.
    let out = succeeds(&["analyze", &file]);
    for month in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"] {
        assert!(
            line(&out, month).starts_with(&format!("{month}~ ")),
            "{month} marked"
        );
    }
    assert_says(
        &out,
        "~ window not full yet: the 12 months before the period",
    );
    // May, complete on 31 May, is full on a window back to January: 4 months.
    assert_says(
        &out,
        "no complete period with customers at its start and a full 12-month window yet (--window 4 or shorter gives one)",
    );
    assert!(!out.contains("retention calc"), "no inputs offered:\n{out}");
    assert_says(
        &succeeds(&["analyze", &file, "--window", "4"]),
        "Calculator inputs from 2024-05",
    );
    // A 3-month window is full from April (the one ending 31 March starts 1 January). May,
    // complete on 31 May, fills: active on 30 April (bought Feb – Apr) cat, ann, dan: S 3;
    // on 31 May (Mar – May) ann, dan, cat, eve: E 4; eve is new: N 1.
    let out = succeeds(&["analyze", &file, "--window", "3"]);
    assert!(line(&out, "2024-03").starts_with("2024-03~ "));
    assert!(line(&out, "2024-04").starts_with("2024-04 "));
    assert_says(&out, "Calculator inputs from 2024-05");
    assert_says(&out, "retention calc --start 3 --end 4 --new 1 ");
}

#[test]
fn analyze_reports_bad_rows_by_line_and_writes_the_win_back_list() {
    let dir = TempDir::new("bad-rows");
    // A Dutch export in Windows-1252 (Excel's "CSV"), whose euro sign is the byte 0x80,
    // with two bad rows among 40.
    let mut text = String::from("klant;datum;bedrag\r\n");
    for i in 0..40 {
        text.push_str(&match i {
            7 => "k7;31-02-2024;€ 10,00\r\n".to_string(),
            20 => "k20;01-03-2024;tien\r\n".to_string(),
            _ => format!("k{};{:02}-01-2024;€ {},50\r\n", i % 9, i % 28 + 1, i + 1),
        });
    }
    let text: Vec<u8> = text
        .split('€')
        .map(str::as_bytes)
        .collect::<Vec<_>>()
        .join(&0x80);
    let file = write(&dir, "export.csv", &text);
    let csv = dir.join("win-back.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    let output = retention(&[
        "analyze",
        &file,
        "--inactive-csv",
        &csv_arg,
        "--inactive-days",
        "10",
        "--locale",
        "nl",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(stderr(&output).contains("not UTF-8; reading it as Windows-1252"));
    assert_says(
        &out,
        "40 rows: 38 orders, 0 refunds, 0 left out, 0 guest rows, 2 bad rows",
    );
    // Row i is on line i + 2.
    assert_says(&out, "line 9: \"31-02-2024\" is not a date");
    assert_says(&out, "line 22: \"tien\" is not an amount");
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("customer;last_order;days_inactive;orders;spend;segment\r\n"),
        "{written}"
    );
    assert!(written.lines().count() > 1, "{written}");
}

#[test]
fn the_win_back_file_is_safe_to_open_in_a_spreadsheet() {
    let dir = TempDir::new("injection");
    // Customer ids that a spreadsheet would run as formulas, and one refund bigger than the
    // purchase: its spend stays a plain negative number.
    let text = "customer,date,amount\n\
        \"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",2024-01-05,10\n\
        +cmd|' /C calc'!A0,2024-01-06,10\n\
        @SUM(1+1),2024-01-07,10\n\
        =1+1,2024-01-08,10\n\
        -42,2024-01-08,10\n\
        ann,2024-01-09,10\n\
        ann,2024-01-10,-15\n\
        bob,2024-06-01,10\n";
    let file = write(&dir, "hostile.csv", text.as_bytes());
    let csv = dir.join("win-back.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    succeeds(&["analyze", &file, "--inactive-csv", &csv_arg, "--show", "0"]);
    let written = std::fs::read_to_string(&csv).unwrap();
    let ids: Vec<&str> = written
        .lines()
        .skip(1)
        .map(|l| l.rsplitn(6, ',').last().unwrap())
        .collect();
    for id in [
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'=1+1",
        "-42",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert_says(&written, "\r\nann,2024-01-09,");
    assert!(
        written.contains(",-5.00,"),
        "a plain negative number: {written}"
    );
}

#[test]
fn analyze_explains_what_it_cannot_read() {
    let dir = TempDir::new("unreadable");
    fails(
        &["analyze", &dir.join("missing.csv").to_string_lossy()],
        1,
        "cannot read",
    );
    let file = write(&dir, "notes.txt", b"just some words\nand more words\n");
    fails(
        &["analyze", &file],
        1,
        "cannot find a customer, a date and an amount column",
    );
    let empty = write(&dir, "empty.csv", b"customer,date,amount\n");
    fails(
        &["analyze", &empty],
        1,
        &format!("cannot find a customer, a date and an amount column in {empty}"),
    );
    // Rows, but only refunds: nothing to count.
    let refunds = write(
        &dir,
        "refunds.csv",
        b"customer,date,amount\na,2024-01-01,-5\nb,2024-01-02,-6\nc,2024-01-03,-7\n",
    );
    fails(
        &["analyze", &refunds],
        1,
        &format!("no orders could be read from {refunds}"),
    );
}

#[test]
fn every_command_that_reads_a_file_says_a_compressed_one_must_be_unpacked_first() {
    use std::io::Write;
    let dir = TempDir::new("compressed");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(FIVE_CUSTOMERS.as_bytes()).unwrap();
    let file = write(&dir, "orders.csv.gz", &gz.finish().unwrap());
    for command in [
        &["analyze"][..],
        &["members"],
        &["survivors"],
        &["nps", "--answers"],
    ] {
        fails(
            &[command, &[file.as_str()]].concat(),
            1,
            &format!("{file}: the file is compressed (gzip): unpack it first"),
        );
    }
}

/// The three exports of issue 9, regenerated with their truth: `--json` gives the right
/// orders, customers, net revenue and repeat rate (within 1 %), and the forecast counts the
/// same repeat customers as the summary.
#[test]
fn analyze_counts_real_shaped_exports_right() {
    let dir = TempDir::new("exports");
    let cases = [
        ("shopify.csv", generators::shopify(300, 11)),
        ("dutch.csv", generators::dutch(457, 12)),
        ("retail.csv", generators::online_retail(900, 13)),
    ];
    for (name, (text, truth)) in cases {
        let file = write(&dir, name, text.as_bytes());
        let out = json(&succeeds(&["analyze", &file, "--json"]));
        let s = &out["summary"];
        let number = |v: &Value| v.as_f64().unwrap();
        assert_eq!(number(&s["orders"]), truth.orders as f64, "{name}");
        assert_eq!(number(&s["customers"]), truth.customers as f64, "{name}");
        let net = number(&s["revenue"]) + number(&s["refunded"]);
        assert!(
            (net - truth.net_revenue).abs() <= truth.net_revenue * 0.01,
            "{name}: {net} is not {}",
            truth.net_revenue
        );
        let rate = number(&s["repeatPurchaseRate"]);
        assert!(
            (rate - truth.repeat_rate).abs() <= truth.repeat_rate * 0.01,
            "{name}"
        );
        if let Some(f) = out["forecast"].as_object() {
            assert_eq!(f["repeatCustomers"], s["repeatCustomers"], "{name}");
        }
        assert_eq!(
            number(&out["import"]["leftOut"]),
            truth.left_out as f64,
            "{name}"
        );
    }
}

#[test]
fn analyze_writes_the_forecast_csv_and_names_the_format() {
    let dir = TempDir::new("forecast-csv");
    let (text, truth) = generators::shopify(300, 21);
    let file = write(&dir, "orders_export.csv", text.as_bytes());
    let csv = dir.join("forecast.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    let out = succeeds(&["analyze", &file, "--forecast-csv", &csv_arg]);
    assert_says(&out, "looks like a Shopify orders export");
    assert_says(&out, "orders are left out: ");
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("customer,repeat_purchases,"),
        "{written}"
    );
    assert_eq!(written.lines().count() as u64, truth.customers + 1);
}

/// Runs the CLI into a pipe whose reader goes away: after the first byte, as `head -1` does,
/// or before anything is written (`| true`). Asserts it ends quietly with status 0 and no
/// panic, as `println!` would have.
fn into_a_closed_pipe(args: &[&str], read_first_byte: bool) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_retention"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    if read_first_byte {
        stdout.read_exact(&mut [0u8; 1]).unwrap();
    }
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("panicked"),
        "{args:?}: {}",
        stderr(&output)
    );
}

/// `retention analyze ... | head -1`: the reader goes away, the command ends quietly.
#[test]
fn analyze_into_a_closed_pipe_ends_quietly() {
    let dir = TempDir::new("pipe");
    let (text, _) = generators::line_items(20_000, 5);
    let file = write(&dir, "lines.csv", text.as_bytes());
    into_a_closed_pipe(&["analyze", &file], true);
    into_a_closed_pipe(&["analyze", &file, "--json"], true);
}

/// A reader gone before anything is written: every command and output form ends quietly.
#[test]
fn every_output_into_a_closed_pipe_ends_quietly() {
    let dir = TempDir::new("closed");
    let (text, _) = generators::line_items(2_000, 3);
    let file = write(&dir, "orders.csv", text.as_bytes());
    let answers = write(&dir, "answers.txt", b"10\n9\n7\n3\n10\n8\n");
    let calc = ["calc", "--start", "1000", "--end", "1050", "--new", "200"];
    let nps = ["nps", "--answers", answers.as_str()];
    let analyze = ["analyze", file.as_str()];
    let members_text: String = (0..40)
        .map(|i| {
            let end = if i % 3 == 0 { "" } else { "2024-09-30" };
            format!("m{i},2024-0{}-01,{end},20\n", i % 9 + 1)
        })
        .collect();
    let members_file = write(
        &dir,
        "members.csv",
        format!("member,start,end,fee\n{members_text}").as_bytes(),
    );
    let members = ["members", members_file.as_str()];
    let calculator = [
        "members",
        "--start",
        "500",
        "--cancelled",
        "40",
        "--new",
        "60",
    ];
    let survivors_file = write(&dir, "survivors.txt", b"0;1000\n1;631\n2;468\n3;382\n");
    let survivors = ["survivors", survivors_file.as_str()];
    for command in [
        &calc[..],
        &nps[..],
        &analyze[..],
        &members[..],
        &calculator[..],
        &survivors[..],
        &["--help"][..],
    ] {
        into_a_closed_pipe(command, false);
        into_a_closed_pipe(&[command, &["--json"]].concat(), false);
    }
}

#[test]
fn analyze_stops_at_a_file_of_one_long_line() {
    let dir = TempDir::new("one-line");
    let file = write(&dir, "line.csv", &vec![b'x'; 3 << 20]);
    let output = fails(&["analyze", &file], 1, "longer than");
    assert!(stderr(&output).len() < 300, "{}", stderr(&output));
}

/// Sixty customers over 2024, buying every few months: enough history to fit.
fn sixty_customers() -> String {
    let mut text = String::from("customer,date,amount\n");
    for k in 0..60u32 {
        let mut day = 1 + k % 20;
        let mut month = 1;
        while month <= 12 - k % 6 {
            text.push_str(&format!(
                "c{k},2024-{month:02}-{day:02},{}.{:02}\n",
                20 + k % 15,
                k * 7 % 100
            ));
            month += 1 + k % 3;
            day = 1 + (day + 7) % 27;
        }
    }
    text
}

#[test]
fn sql_prints_one_statement_with_the_names_quoted() {
    let out = succeeds(&[
        "sql",
        "--dialect",
        "postgres",
        "--table",
        "Shop.Orders",
        "--customer",
        "Customer ID",
        "--date",
        "order_date",
        "--amount",
        "total",
        "--order",
        "\"OrderNo\"",
        "--status",
        "status",
    ]);
    assert_says(&out, r#"FROM "shop"."orders""#);
    assert_says(&out, r#"CAST("Customer ID" AS TEXT)"#);
    assert_says(&out, r#"CAST("OrderNo" AS TEXT)"#);
    assert_says(&out, "'fully_refunded'");
    let code: String = out
        .lines()
        .filter(|l| !l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(code.matches(';').count(), 1, "one statement: {code}");
    assert!(code.trim_end().ends_with(';'));
}

#[test]
fn sql_mistakes_say_what_is_wrong() {
    let base = ["sql", "--table", "t", "--customer", "c", "--date", "d"];
    let with =
        |extra: &[&'static str]| -> Vec<&str> { base.iter().chain(extra).copied().collect() };
    fails(
        &with(&["--dialect", "oracle", "--amount", "a"]),
        2,
        "--dialect must be bigquery, snowflake, postgres, duckdb or spark",
    );
    fails(&with(&["--dialect", "duckdb"]), 1, "give the order total");
    fails(
        &with(&["--dialect", "bigquery", "--amount", "a`b"]),
        1,
        "the amount name holds '`', which BigQuery cannot quote",
    );
    fails(
        &with(&["--dialect", "spark", "--amount", "c"]),
        1,
        "one column cannot be both the customer and the amount",
    );
    fails(
        &with(&["--dialect", "duckdb", "--amount", "a", "--what", "scoring"]),
        2,
        "--what scoring needs --model FILE",
    );
    fails(
        &with(&words(
            "--dialect duckdb --amount a --window 0 --what periods",
        )),
        1,
        "the window must be 1 to 1200 months",
    );
    fails(&["sql", "--dialect", "duckdb"], 2, "sql needs --table");
}

#[test]
fn a_summary_file_fits_as_its_orders_do() {
    let dir = TempDir::new("summary");
    let orders = write(&dir, "orders.csv", sixty_customers().as_bytes());
    let summary = dir.join("summary.csv").to_string_lossy().into_owned();
    let raw = json(&succeeds(&[
        "analyze",
        &orders,
        "--json",
        "--summary-csv",
        &summary,
    ]));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("customer,frequency,recency,T,monetary_value\r\n"));
    assert_eq!(text.lines().count(), 61);
    let read = json(&succeeds(&["analyze", &summary, "--json"]));
    assert_eq!(read["summaryFile"]["customers"], 60);
    assert_eq!(read["summaryFile"]["hasIds"], true);
    // The same histories give the same fit, bit for bit.
    assert_eq!(read["forecast"]["purchases"], raw["forecast"]["purchases"]);
    assert_eq!(read["forecast"]["spend"], raw["forecast"]["spend"]);
    assert_eq!(read["forecast"]["calibrationEnd"], Value::Null);
    // With a margin and a horizon, as the warehouse scoring is asked for.
    let profit = json(&succeeds(&[
        "analyze",
        &summary,
        "--json",
        "--margin",
        "30",
        "--horizon",
        "26",
    ]));
    let (p, r) = (&profit["forecast"], &read["forecast"]);
    assert!(p["expectedValue"].as_f64() < r["expectedValue"].as_f64());
    let table = succeeds(&["analyze", &summary]);
    assert_says(&table, "a per-customer summary: 60 rows, 60 customers");
    // The same summary saved from a spreadsheet: read as a summary, not as orders.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && c > 0 => sheet.write_number(r, c, v).map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    let workbook = write(&dir, "summary.xlsx", &book.save_to_buffer().unwrap());
    let from_sheet = json(&succeeds(&["analyze", &workbook, "--json"]));
    assert_eq!(from_sheet["summaryFile"]["customers"], 60);
    assert_eq!(
        from_sheet["forecast"]["purchases"],
        raw["forecast"]["purchases"]
    );
    let model = write(
        &dir,
        "model.json",
        serde_json::to_string(&raw).unwrap().as_bytes(),
    );
    let scoring = succeeds(&[
        "sql",
        "--dialect",
        "duckdb",
        "--table",
        "orders",
        "--customer",
        "customer",
        "--date",
        "date",
        "--amount",
        "amount",
        "--what",
        "scoring",
        "--model",
        &model,
    ]);
    let r = raw["forecast"]["purchases"]["r"].as_f64().unwrap();
    assert!(
        scoring.contains(&format!("CAST({r:e} AS DOUBLE) AS r")),
        "{scoring}"
    );
}
