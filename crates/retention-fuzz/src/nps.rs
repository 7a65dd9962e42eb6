//! The NPS answers parser: any text with any options, and answers written with known counts.

use retention_core::{parse_answers, AnswerColumn, AnswerOptions, Locale, MAX_BAD_ANSWERS};

use crate::rng::{Control, Rng};

/// Reads `data` (two control bytes, then the text) as answers; panics when a promise breaks.
pub fn nps(data: &[u8]) {
    let (c, text) = Control::split(data, 2);
    let text = String::from_utf8_lossy(text);
    let column = match c.byte(1) % 4 {
        0 => None,
        1 => Some(AnswerColumn::Index(usize::from(c.byte(1) >> 2))),
        2 => Some(AnswerColumn::Name("score".into())),
        _ => Some(AnswerColumn::Name(
            text.chars().take(usize::from(c.byte(1) >> 4)).collect(),
        )),
    };
    let options = AnswerOptions {
        locale: if c.byte(0) & 1 == 0 {
            Locale::Nl
        } else {
            Locale::En
        },
        column,
    };
    let sheet = match parse_answers(&text, &options) {
        Ok(sheet) => sheet,
        Err(e) => {
            let message = e.to_string();
            let limit = 200 + 50 * 45 + text.len().min(1000);
            assert!(
                message.chars().count() <= limit,
                "a message of {} characters",
                message.len()
            );
            return;
        }
    };
    assert_eq!(sheet.scores.iter().sum::<u64>(), sheet.answers);
    let s = &sheet.scores;
    assert_eq!(sheet.counts.detractors, s[..7].iter().sum::<u64>());
    assert_eq!(sheet.counts.passives, s[7] + s[8]);
    assert_eq!(sheet.counts.promoters, s[9] + s[10]);
    assert!(sheet.bad.len() <= MAX_BAD_ANSWERS && sheet.bad.len() as u64 <= sheet.bad_count);
    assert!(sheet.bad.iter().all(|b| b.text.chars().count() <= 40));
    if sheet.answers > 0 {
        let nps = sheet.nps().expect("answers give a score");
        assert!((-100.0..=100.0).contains(&nps.score), "{}", nps.score);
        assert!(nps.interval.low <= nps.interval.high);
    }
}

/// Writes known answers (one a line, in rows, or as a column of a survey export with
/// comments that hold separators, quotes and line breaks, plus junk cells) and checks that
/// every score is counted and every junk cell reported.
pub fn nps_oracle(rng: &mut Rng) {
    let n = rng.size(300);
    let scores: Vec<u8> = (0..n).map(|_| rng.below(11) as u8).collect();
    let junk = ["n/a", "7.5", "11", "-1", "geen", "10/10"];
    let mut expected = [0u64; 11];
    let mut bad = 0;
    let locale = rng.pick(&Locale::ALL);
    let table = rng.one_in(2);
    let mut text = String::new();
    let end = rng.pick(&["\n", "\r\n"]);
    if table {
        text.push_str(&format!(
            "id,comment,How likely are you to recommend us?{end}"
        ));
    }
    for (i, &score) in scores.iter().enumerate() {
        // A first line without a number is a header, so junk comes later.
        let cell = if (table || i > 0) && rng.one_in(15) {
            bad += 1;
            rng.pick(&junk).to_string()
        } else {
            expected[usize::from(score)] += 1;
            score.to_string()
        };
        if table {
            let comment = rng.pick(&[
                "",
                "great",
                "\"slow, but \"\"ok\"\"\"",
                "\"two\nlines\"",
                "a;b",
            ]);
            text.push_str(&format!("{i},{comment},{cell}{end}"));
        } else {
            let sep = if i + 1 == n {
                end
            } else {
                rng.pick(&[end, end, "\t", ";"])
            };
            text.push_str(&cell);
            text.push_str(sep);
        }
    }
    let options = AnswerOptions {
        locale,
        column: table.then(|| AnswerColumn::Name("recommend".into())),
    };
    let sheet = parse_answers(&text, &options).expect("the column exists");
    if n > 0 || table {
        assert_eq!(sheet.scores, expected, "{text:?}");
        assert_eq!(sheet.bad_count, bad, "{text:?}");
    }
}
