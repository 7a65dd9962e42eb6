//! Times reading pasted NPS answers: 10 million answers one a line (a huge paste), the same
//! as a column of a survey export with quoted comments, and a paste of junk.
//!
//! `cargo run -p retention-core --release --example nps_bench`

use std::time::Instant;

use retention_core::{parse_answers, AnswerColumn, AnswerOptions, Locale};

// The tests' one SplitMix64: the same text every run.
#[path = "../tests/sim/mod.rs"]
mod sim;
use sim::Rng;

fn time(name: &str, text: &str, options: &AnswerOptions) {
    let start = Instant::now();
    let sheet = parse_answers(text, options).expect("the column is there");
    let elapsed = start.elapsed();
    println!(
        "{name:<44} {:>6.1} MB {:>9} answers {:>9} bad {:>7.0} ms {:>6.0} MB/s",
        text.len() as f64 / 1e6,
        sheet.answers,
        sheet.bad_count,
        elapsed.as_secs_f64() * 1e3,
        text.len() as f64 / 1e6 / elapsed.as_secs_f64()
    );
}

fn main() {
    let n = 10_000_000;
    let mut rng = Rng(1);
    let mut lines = String::with_capacity(n * 3);
    let mut export = String::with_capacity(n * 40);
    export.push_str("date,How likely are you to recommend us?,comment\n");
    for i in 0..n {
        let score = rng.next_u64() % 11;
        lines.push_str(&score.to_string());
        lines.push('\n');
        export.push_str(&format!(
            "2024-{:02}-{:02},{score},\"fine, thanks\"\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    let junk = "n/a, no idea; later\n".repeat(n / 4);
    let free = AnswerOptions::default();
    let column = AnswerOptions {
        locale: Locale::En,
        column: Some(AnswerColumn::Name("recommend".into())),
    };
    time("one answer a line", &lines, &free);
    time("survey export, column by name", &export, &column);
    time("junk: every cell a bad answer", &junk, &free);
}
