//! Times the member import on generated exports of 100 thousand and 1 million members.
//!
//! `cargo run -p retention-core --release --example members_bench`
//!
//! The members join over five years; each has a churn rate a month drawn from a Beta
//! distribution (so retention rises with tenure, as in real memberships), three plans
//! (monthly, annual with most leaving at the end of their year, student), a fee, and an
//! empty end date while still a member. One English export (commas, ISO dates) and one
//! Dutch (semicolons, `dd-mm-yyyy`, `29,95`). The tests' SplitMix64 (tests/sim) makes
//! every run read the same text.

use std::time::Instant;

#[path = "../tests/sim/mod.rs"]
mod sim;

use sim::Rng;

use retention_core::{
    analyse_members, parse_members, sniff_members, Date, Locale, MemberOptions, MemberSummary,
};

struct Member {
    start: i32,
    end: Option<i32>,
    plan: usize,
}

const PLANS: [(&str, &str, &str); 3] = [
    ("monthly", "29.95", "29,95"),
    ("annual", "24.95", "24,95"),
    ("student", "19.95", "19,95"),
];

/// `n` members joining over five years up to 31 December 2024.
fn generate(n: usize, seed: u64) -> Vec<Member> {
    let mut rng = Rng(seed);
    let first = Date::from_ymd(2020, 1, 1).unwrap().days();
    let last = Date::from_ymd(2024, 12, 31).unwrap().days();
    (0..n)
        .map(|_| {
            let start = first + (rng.uniform() * f64::from(last - first)) as i32;
            let plan = match rng.uniform() {
                u if u < 0.7 => 0,
                u if u < 0.9 => 1,
                _ => 2,
            };
            // Churn a month θ: a mixture standing in for a Beta(0.8, 8) — many loyal members,
            // some who leave quickly.
            let theta = rng.uniform().powf(2.5) * 0.35;
            let mut days = 0i32;
            let mut month = 1;
            let end = loop {
                let p = match plan {
                    1 if month % 12 != 0 => 0.0,
                    1 => 0.4,
                    _ => theta,
                };
                if rng.uniform() < p {
                    break Some(start + days + (rng.uniform() * 29.0) as i32);
                }
                days += 30;
                month += 1;
                if start + days > last {
                    break None;
                }
            };
            Member {
                start,
                end: end.filter(|&e| e <= last),
                plan,
            }
        })
        .collect()
}

fn export(members: &[Member], locale: Locale) -> String {
    let mut text = String::with_capacity(members.len() * 48);
    text.push_str(match locale {
        Locale::En => "member_id,plan,start_date,cancel_date,monthly_fee\n",
        Locale::Nl => "lidnummer;abonnement;startdatum;opzegdatum;contributie\n",
    });
    for (i, m) in members.iter().enumerate() {
        let (plan, en, nl) = PLANS[m.plan];
        let date = |d: i32| {
            let (y, mo, da) = Date::from_days(d).ymd();
            match locale {
                Locale::En => format!("{y:04}-{mo:02}-{da:02}"),
                Locale::Nl => format!("{da:02}-{mo:02}-{y:04}"),
            }
        };
        let end = m.end.map(date).unwrap_or_default();
        let line = match locale {
            Locale::En => format!("M{:07},{plan},{},{end},{en}\n", i + 1, date(m.start)),
            Locale::Nl => format!("L{:07};{plan};{};{end};{nl}\n", i + 1, date(m.start)),
        };
        text.push_str(&line);
    }
    text
}

/// CPU time of this process so far, in ms, from Linux's /proc (user + system; 10 ms steps).
/// On a busy machine it is the fairer figure: wall time also counts waiting for a core.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) * 10.0
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn run(members: &[Member], locale: Locale) {
    let text = export(members, locale);
    let cpu = cpu_ms();
    let t = Instant::now();
    let head = &text[..text.len().min(64 * 1024)];
    let head = &head[..head.rfind('\n').map_or(head.len(), |i| i + 1)];
    let preview = sniff_members(head);
    let sniff = t.elapsed();
    let mapping = preview.mapping.expect("the generated export has a mapping");
    assert_eq!(mapping.locale, locale);
    let t = Instant::now();
    let log = parse_members(&text, &mapping, |_, _| true).expect("no cancel");
    let parse = t.elapsed();
    let t = Instant::now();
    let summary: MemberSummary = analyse_members(&log, &MemberOptions::default());
    let analyse = t.elapsed();
    let cpu = cpu_ms() - cpu;
    let stats = log.stats();
    assert_eq!(stats.read.bad_row_count, 0);
    assert_eq!(stats.read.rows, members.len());
    let total = (sniff + parse + analyse).as_secs_f64();
    let pooled = summary.pooled.as_ref().expect("a pooled fit");
    println!(
        "{:>9} members {:?} ({:.1} MB): {} active, {} cohorts, {} periods, {} clusters; alpha {:.3} beta {:.3}",
        members.len(),
        locale,
        text.len() as f64 / 1e6,
        summary.active,
        summary.cohorts.len(),
        summary.periods.len(),
        summary.clusters.len(),
        pooled.fit.model.alpha,
        pooled.fit.model.beta,
    );
    println!(
        "    sniff {:>6.1} ms   parse {:>6.1} ms   analyse {:>6.1} ms   total {:>6.1} ms (CPU {cpu:.0} ms)   ({:.2} M members/s, {:.0} MB/s); log {:.1} MB",
        sniff.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        analyse.as_secs_f64() * 1e3,
        total * 1e3,
        members.len() as f64 / total / 1e6,
        text.len() as f64 / 1e6 / total,
        log.heap_bytes() as f64 / 1e6,
    );
}

fn main() {
    println!(
        "members_bench: sniff + parse + analyse ({} build)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    for n in [100_000, 1_000_000] {
        let members = generate(n, 42);
        for locale in [Locale::En, Locale::Nl] {
            run(&members, locale);
        }
    }
    if let Some(peak) = peak_rss_mb() {
        println!(
            "peak resident memory of the whole run (texts and generator included): {peak:.0} MB"
        );
    }
}
