//! `retention nps`, run as a user would: counts, answers from a file and from standard
//! input, a survey export by column, two surveys compared, JSON, and every kind of mistake.

mod common;

use common::{assert_says, fails_with, line, retention_with, succeeds, succeeds_with, text, words};
use serde_json::Value;

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("retention-nps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn counts_fifty_thirty_twenty() {
    // By hand: NPS 30; SE √(0.61/100) × 100 = 7.81; adjusted Wald 14.05 to 44.20 (±15.08).
    let out = succeeds(&words("nps --promoters 50 --passives 30 --detractors 20"));
    let score = line(&out, "NPS");
    assert_says(score, "30.0");
    assert_says(score, "= (50 − 20) / 100 × 100");
    assert_says(score, "great");
    assert!(line(&out, "Standard error").contains("7.8"));
    assert!(line(&out, "Margin of error").contains("±15.1"));
    assert!(line(&out, "95% interval").contains("14.1 to 44.2"));
    assert_says(&out, "Ask promoters for a review");
    assert!(!out.contains("Too few respondents"), "{out}");
}

#[test]
fn counts_in_dutch_with_a_change_to_plan_for() {
    // 2 × 1.96² × 0.61 / 0.1² = 468.7 → 469.
    let out = succeeds(&words(
        "nps --promoters 1.000 --passives 600 --detractors 400 --change 10 --locale nl",
    ));
    assert_says(&out, "Respondenten: 2.000");
    assert!(line(&out, "NPS").contains("30,0"));
    assert!(line(&out, "Respondenten: significant").contains("469"));
    assert!(line(&out, "Respondenten: 80%").contains("958"));
}

#[test]
fn answers_from_standard_input_with_bad_lines() {
    let out = succeeds_with(
        &["nps", "--answers", "-"],
        "Score\n10\n9\n\nn/a\n7\n3\n11\n7.5\n",
    );
    assert_says(&out, "stdin: 4 answers, header on line 1; not an answer: 3");
    assert_says(&out, "line 5: \"n/a\" is not a number");
    assert_says(&out, "line 8: \"11\" is not from 0 to 10");
    assert_says(&out, "line 9: \"7.5\" is not a whole number");
    assert!(line(&out, "NPS").contains("25.0"));
    assert_says(&out, "Too few respondents");
}

#[test]
fn a_survey_export_by_column_from_a_file() {
    let path = temp_file(
        "export.csv",
        "date,How likely are you to recommend us?,why\n\
         2024-01-01,9,\"fast, friendly\"\n\
         2024-01-02,6,\"late\nagain\"\n\
         2024-01-03,,skipped\n\
         2024-01-04,10,\x1b[31mred\n",
    );
    let out = succeeds_with(&["nps", "--answers", &path, "--column", "recommend"], "");
    assert_says(&out, "3 answers (column 2), header on line 1, 1 left empty");
    let by_number = succeeds_with(&["nps", "--answers", &path, "--column", "2"], "");
    assert!(line(&by_number, "NPS").contains("33.3"), "{by_number}");
    fails_with(
        &["nps", "--answers", &path, "--column", "score"],
        "",
        1,
        "no column named 'score' in the header (date, How likely are you to recommend us?, why)",
    );
    // A hostile cell is escaped, never sent to the terminal as is; the cells are listed
    // even when none is an answer.
    let out = retention_with(&["nps", "--answers", &path, "--column", "3"], "");
    assert_eq!(out.status.code(), Some(1));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("line 6: \"\\u{1b}[31mred\" is not a number"),
        "{listed:?}"
    );
    assert!(!listed.contains('\x1b'), "{listed:?}");
    fails_with(
        &["nps", "--answers", &path, "--column", "0"],
        "",
        2,
        "--column counts from 1",
    );
}

#[test]
fn two_surveys_compared() {
    // SE √(0.0069 + 0.0061) × 100 = 11.40; z = 1.754; p = 0.0794 (not significant).
    let out = succeeds(&words(
        "nps --before-counts 40,30,30 --after-counts 50,30,20",
    ));
    assert_says(
        &out,
        "Before: NPS 10.0 (n = 100) · After: NPS 30.0 (n = 100)",
    );
    let change = line(&out, "Change");
    assert!(
        change.contains("+20.0") && change.contains("not significant"),
        "{change}"
    );
    assert!(line(&out, "z ").contains("1.75"));
    assert!(line(&out, "p-value").contains("0.0794"));
    // From answer files, with JSON: ten times the answers makes the same change clear.
    let mut before = String::new();
    let mut after = String::new();
    for (text, p, a, d) in [(&mut before, 400, 300, 300), (&mut after, 500, 300, 200)] {
        text.push_str(&"10\n".repeat(p));
        text.push_str(&"7\n".repeat(a));
        text.push_str(&"2\n".repeat(d));
    }
    let b = temp_file("b.txt", &before);
    let a = temp_file("a.txt", &after);
    let json: Value = serde_json::from_str(&succeeds_with(
        &["nps", "--before", &b, "--after", &a, "--json"],
        "",
    ))
    .unwrap();
    assert_eq!(json["change"]["verdict"], "up");
    assert_eq!(json["change"]["difference"], 20.0);
    assert_eq!(json["beforeAnswers"]["answers"], 1000);
    assert_eq!(json["explanations"][0]["figure"], "change");
    // Standard input for one side.
    let out = succeeds_with(
        &["nps", "--before", "-", "--after-counts", "50,30,20"],
        &before,
    );
    assert!(line(&out, "Change").contains("+20.0"), "{out}");
}

#[test]
fn json_for_counts_and_answers() {
    let json: Value = serde_json::from_str(&succeeds(&words(
        "nps --promoters 50 --passives 30 --detractors 20 --json",
    )))
    .unwrap();
    assert_eq!(json["nps"]["score"], 30.0);
    assert_eq!(json["nps"]["band"], "great");
    assert_eq!(json["answers"], Value::Null);
    let json: Value = serde_json::from_str(&succeeds_with(
        &["nps", "--answers", "-", "--json", "--change", "10"],
        "9, 10, 6, x",
    ))
    .unwrap();
    assert_eq!(json["answers"]["badCount"], 1);
    assert_eq!(json["answers"]["bad"][0]["problem"], "notANumber");
    assert!(json["sample"]["toBeSignificant"].as_u64().unwrap() > 0);
}

#[test]
fn mistakes_exit_1_with_each_message() {
    let out = retention_with(
        &words("nps --promoters -5 --passives 2.5 --detractors x"),
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_says(&err, "promoters cannot be negative");
    assert_says(&err, "passives must be a whole number of respondents");
    assert_says(&err, "detractors is not a number");
    // (command line, standard input, message)
    let mistakes = [
        (
            "nps --promoters 0 --passives 0 --detractors 0",
            "",
            "no one answered",
        ),
        (
            "nps --promoters 1 --passives 1",
            "",
            "detractors is required",
        ),
        (
            "nps --answers -",
            "score\nn/a\n",
            "stdin: no answer from 0 to 10 was found",
        ),
        (
            "nps --answers /no/such/file",
            "",
            "cannot read /no/such/file",
        ),
        (
            "nps --promoters 5 --passives 3 --detractors 2 --change 0",
            "",
            "change must be more than 0 and at most 200 points",
        ),
        (
            "nps --before-counts 1,1,1 --after-counts 0,0,0",
            "",
            "after: promoters, passives and detractors are all zero",
        ),
    ];
    for (command, stdin, message) in mistakes {
        fails_with(&words(command), stdin, 1, message);
    }
}

#[test]
fn command_lines_that_cannot_be_understood_exit_2() {
    // (command line, message)
    let misuses = [
        ("nps", "nps needs one of"),
        ("nps --promoters 1 --answers -", "nps needs one of"),
        (
            "nps --before - --after -",
            "cannot both read standard input",
        ),
        ("nps --before -", "--after FILE or --after-counts"),
        (
            "nps --before-counts 1,2 --after-counts 1,2,3",
            "takes promoters,passives,detractors",
        ),
        ("nps extra", "nps takes no argument"),
    ];
    for (command, message) in misuses {
        fails_with(&words(command), "", 2, message);
    }
}
