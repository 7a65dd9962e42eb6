//! `retention members` and `retention survivors`, run as a user would.

// The core tests' fixtures, the hand-worked members among them.
mod common;
#[path = "../../retention-core/tests/common/mod.rs"]
mod core_common;

use common::{
    assert_says, fails, fails_with, json, stdout, succeeds, succeeds_with, temp_dir, words, write,
};
use core_common::SEVEN_MEMBERS;

/// A member export named after its test.
fn file(test: &str, content: &str) -> String {
    write(
        &temp_dir(&format!("members-{test}")),
        "members.csv",
        content.as_bytes(),
    )
}

#[test]
fn the_members_calculator() {
    let out = succeeds(&words(
        "members --start 1000 --cancelled 50 --new 70 --fee 30 --margin 70",
    ));
    assert_says(&out, "Over a month: S 1,000 · C 50 · N 70 · E 1,020");
    let line = |start: &str| common::line(&out, start);
    let crr = line("Member retention rate");
    assert_says(
        crr,
        "95.0%  retention = (S − C) / S × 100 = (1,000 − 50) / 1,000 × 100",
    );
    assert_says(crr, "Below the 85% target");
    // 1 / 5 % = 20 months; $30 × 20 = 600, at 70 % margin 420.
    let clv = line("Member lifetime value");
    assert_says(clv, "$600.00  CLV = fee × tenure = $30.00 × 20\u{a0}months");
    assert!(line("Profit CLV").contains("$420.00"));
    let nl = succeeds(&words(
        "members --start 1.000 --cancelled 50 --new 70 --locale nl",
    ));
    assert_says(&nl, "Ledenretentie");
    assert_says(&nl, "95,0\u{a0}%");
    let v = json(&succeeds(&words(
        "members --start 1.000 --cancelled 50 --new 70 --locale nl --json",
    )));
    assert_eq!(v["report"]["retention"]["retentionRate"], 95.0);
    assert_eq!(v["explanations"][0]["figure"], "retentionRate");
    assert_eq!(v["explanations"][0]["advice"][0], "onboarding");
}

#[test]
fn the_members_calculator_reports_mistakes() {
    fails(
        &words("members --start 100 --cancelled 150 --new 0"),
        1,
        "more members cancelled than there were at the start",
    );
    fails(
        &["members", "--start", "100", "--new", "0"],
        1,
        "cancelled is required",
    );
    fails(&["members", "a.csv", "b.csv"], 2, "members takes one FILE");
    fails(
        &["members", "x.csv", "--reference", "soon"],
        2,
        "--reference must be a date",
    );
    fails(
        &["members", "x.csv", "--fee-period", "week"],
        2,
        "--fee-period must be",
    );
}

/// Seven members on 30 June 2024 (the hand-worked example of the core's tests) and a bad row.
fn seven() -> String {
    format!("{SEVEN_MEMBERS}H,2024-31-04,\n")
}

#[test]
fn a_member_file() {
    let path = file("seven", &seven());
    let out = succeeds(&["members", &path, "--reference", "2024-06-30"]);
    assert_says(
        &out,
        "8 rows: 7 memberships of 7 members (0 came back), 1 bad rows",
    );
    assert_says(
        &out,
        "line 9: start \"2024-31-04\" is not a date in that format",
    );
    assert_says(&out, "Members on 2024-06-30: 3 of 7");
    // Kaplan–Meier: 6/7 after month 1, 18/35 after month 2.
    let month = |m: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(m))
            .unwrap_or_else(|| panic!("month {m} in {out}"))
            .to_string()
    };
    assert!(month("1").contains("85.7%"), "{}", month("1"));
    assert!(month("2").contains("51.4%"), "{}", month("2"));
    assert_says(&out, "2024-06           4        0          1         3");
    assert_says(
        &out,
        "retention members --start 4 --cancelled 1 --new 0 --period month",
    );

    let v = json(&succeeds(&[
        "members",
        &path,
        "--reference",
        "2024-06-30",
        "--json",
    ]));
    assert_eq!(v["import"]["badRows"][0]["reason"]["code"], "startDate");
    assert_eq!(v["summary"]["survival"][2]["atRisk"], 5);
    assert_eq!(v["summary"]["periods"][5]["label"], "2024-06");
    assert_eq!(v["mapping"]["end"], 2);
    let backwards = "member,start,end\na,2024-01-01,2023-01-01\nb,2024-02-01,2023-01-01\n";
    let out = stdout(&fails(
        &["members", &file("backwards", backwards)],
        1,
        "no memberships could be read",
    ));
    assert_says(
        &out,
        "line 2: ends on 2023-01-01, before it starts on 2024-01-01",
    );
    fails(
        &["members", &file("empty", "member,start\n")],
        1,
        "cannot find a member and a start date column",
    );
}

#[test]
fn a_survivors_table_from_stdin_and_from_a_file() {
    let paper = "year;members\n0;1000\n1;631\n2;468\n3;382\n4;326\n5;289\n6;262\n7;241\n";
    let out = succeeds_with(&["survivors", "--fee", "100"], paper);
    assert_says(&out, "alpha 0.704 beta 1.182");
    assert_says(&out, "Retention rises with tenure");
    assert_says(&out, "constant churn writes the loyal members off too soon");
    let path = file("paper", paper);
    let v = json(&succeeds(&["survivors", &path, "--horizon", "3", "--json"]));
    assert_eq!(v["survivors"]["counts"][7], 241);
    assert_eq!(v["report"]["curve"].as_array().unwrap().len(), 11);
    let dash = succeeds_with(
        &["survivors", "-", "--locale", "nl"],
        "1.000\n869\n743\n653\n593\n551\n517\n491\n",
    );
    assert_says(&dash, "alpha 0,668 beta 3,806");
}

#[test]
fn bad_survivors_tables_say_why() {
    fails_with(
        &["survivors"],
        "1000\n631\n700\n",
        1,
        "line 3: 700 members is more than the 631 before",
    );
    fails_with(&["survivors"], "1000\n631\n", 1, "2 figures is too few");
    fails_with(&["survivors"], "0\n0\n0\n", 1, "the first figure is zero");
    fails_with(
        &["survivors"],
        "1000\n1000\n1000\n",
        1,
        "cannot fit the sBG: no member left",
    );
    fails(
        &["survivors", "a", "b"],
        2,
        "survivors takes at most one FILE",
    );
}
