//! Fuzz targets for the calculator, and the structure-aware inputs that feed them.
//!
//! Each target takes any bytes and panics when a promise breaks; "no panic" is only the
//! first of them:
//! - [`pipeline`]: sniff → streaming read in arbitrary chunks → summarise with arbitrary
//!   options → forecast → CSV. The read gives the same log whatever the chunks and the hash
//!   seed; the summary keeps E − N ≤ S and its caps; the win-back and forecast CSV files
//!   read back (by a strict RFC 4180 reader of our own) as the same ids, dates and numbers,
//!   and no text cell starts a formula (`= + - @`, tab, CR); messages stay short.
//! - [`number`]: `parse_number`/`read_number` agree, ignore white space around, and what
//!   the calculator writes back reads as the same number.
//! - [`nps`]: the answers parser's counts add up and its lists stay capped.
//! - [`settings`]: share links, URL parameters and attributes of the app: capped notices,
//!   titles and links.
//! - [`workbook`]: .xlsx and .xls files through the core's workbook path.
//! - [`dates`]: the date reader in every format agrees with a reader and a calendar of our
//!   own, and what it reads prints and reads back as itself.
//! - [`decode`]: a whole file's text (UTF-8, Windows-1252, UTF-16) equals the standard
//!   library's decoding.
//! - [`periods`]: a pasted table of periods uses every line once, as a period, an error or
//!   the header.
//!
//! Oracles check generated inputs against a truth known by construction: numbers typed in
//! a locale's habits ([`number_oracle`]), answers with known counts ([`nps_oracle`]), share
//! links that reopen their inputs ([`share_oracle`]), dates written in each format
//! ([`dates_oracle`]) and tables of known counts ([`periods_oracle`]).
//!
//! `retention-fuzz` (this crate's binary, started by `scripts/fuzz.sh`) runs them from a
//! deterministic, structure-aware generator and holds each input to a memory bound
//! ([`alloc`]); `tests/short_run.rs` runs a few thousand of the same inputs in
//! `cargo test`. [`scaling`] checks that no hostile shape of input makes the time or the
//! memory grow faster than its size.

pub mod alloc;
pub mod csv_read;
mod dates;
#[path = "decode.rs"]
mod decode_target;
pub mod exports;
#[path = "nps.rs"]
mod nps_target;
mod numbers;
#[path = "periods.rs"]
mod periods_target;
mod pipeline;
pub mod rng;
pub mod scaling;
#[path = "settings.rs"]
mod settings_target;
/// The tests' one SplitMix64 and text fixtures, shared rather than copied.
#[path = "../../retention-core/tests/sim/mod.rs"]
mod sim;
#[path = "workbook.rs"]
mod workbook_target;

pub use dates::{dates, dates_oracle};
pub use decode_target::decode;
pub use nps_target::{nps, nps_oracle};
pub use numbers::{number, number_oracle};
pub use periods_target::{periods, periods_oracle};
pub use pipeline::{pipeline, read_in_chunks, CONTROL};
pub use settings_target::{settings, share_oracle};
pub use workbook_target::workbook;

use retention_core::Field;
use rng::Rng;

/// A fuzz target: its name, the function, and a generator of inputs for it.
#[derive(Clone, Copy)]
pub struct Target {
    /// The name `--only` and `replay` take.
    pub name: &'static str,
    /// Runs one input; panics when a promise breaks.
    pub run: fn(&[u8]),
    /// Makes one structure-aware input.
    pub generate: fn(&mut Rng) -> Vec<u8>,
    /// Checks one generated case against its known truth, if the target has such a check.
    pub oracle: Option<fn(&mut Rng)>,
    /// Inputs of this target in each hundred the driver runs.
    pub share: usize,
}

/// Every target.
pub const TARGETS: [Target; 8] = [
    Target {
        name: "pipeline",
        run: pipeline,
        generate: generate_pipeline,
        oracle: None,
        share: 34,
    },
    Target {
        name: "number",
        run: number,
        generate: generate_number,
        oracle: Some(number_oracle),
        share: 15,
    },
    Target {
        name: "nps",
        run: nps,
        generate: generate_nps,
        oracle: Some(nps_oracle),
        share: 10,
    },
    Target {
        name: "settings",
        run: settings,
        generate: generate_settings,
        oracle: Some(share_oracle),
        share: 10,
    },
    Target {
        name: "workbook",
        run: workbook,
        generate: exports::workbook,
        oracle: None,
        share: 5,
    },
    Target {
        name: "date",
        run: dates,
        generate: generate_date,
        oracle: Some(dates_oracle),
        share: 10,
    },
    Target {
        name: "decode",
        run: decode,
        generate: generate_decode,
        oracle: None,
        share: 8,
    },
    Target {
        name: "periods",
        run: periods,
        generate: generate_periods,
        oracle: Some(periods_oracle),
        share: 8,
    },
];

/// Control bytes (mostly: the sniffed mapping, usual options) and an export.
fn generate_pipeline(rng: &mut Rng) -> Vec<u8> {
    let mut control: Vec<u8> = (0..CONTROL).map(|_| rng.next_u64() as u8).collect();
    if !rng.one_in(4) {
        control[0] &= !1; // the sniffed mapping
    }
    control.extend(exports::export(rng));
    control
}

fn generate_number(rng: &mut Rng) -> Vec<u8> {
    let pieces: [&str; 24] = [
        "1", "0", "9", "12", "234", "1234", ".", ",", ".", ",", " ", "\u{a0}", "\u{202f}", "'",
        "-", "\u{2212}", "+", "€", "$", "EUR", "us$", "%", "e5", "£",
    ];
    let mut text = String::new();
    for _ in 0..rng.size(24) {
        text.push_str(rng.pick(&pieces));
    }
    let mut bytes = text.into_bytes();
    if rng.one_in(50) {
        bytes.extend(std::iter::repeat_n(b'9', rng.size(100_000)));
    }
    if rng.one_in(3) {
        exports::mutate(rng, &mut bytes);
    }
    bytes
}

fn generate_nps(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = vec![rng.next_u64() as u8, rng.next_u64() as u8];
    let cells: [&str; 16] = [
        "0", "6", "7", "8", "9", "10", "11", "-1", "7.5", "9,0", "n/a", "score", "\"x, y\"", "",
        "１０", "10 ",
    ];
    let separators = ["\n", "\r\n", "\t", ";", ",", " ", ", "];
    for _ in 0..rng.size(500) {
        bytes.extend_from_slice(rng.pick(&cells).as_bytes());
        bytes.extend_from_slice(rng.pick(&separators).as_bytes());
    }
    for _ in 0..rng.size(3) {
        exports::mutate(rng, &mut bytes);
    }
    bytes
}

fn generate_settings(rng: &mut Rng) -> Vec<u8> {
    let keys = [
        "v", "locale", "currency", "period", "outputs", "title", "calc",
    ]
    .into_iter()
    .chain(Field::ALL.map(Field::name))
    .chain(["utm_source", "x"])
    .collect::<Vec<_>>();
    let values = [
        "1",
        "2",
        "nl",
        "en",
        "EUR",
        "GBP",
        "year",
        "month",
        "1000",
        "1.234,5",
        "75,50",
        "",
        "%ZZ",
        "%E2%82%AC",
        "retention,clv,charts,nope",
        "=1+1",
        "<script>",
        "a+b",
    ];
    let mut text = if rng.one_in(4) {
        String::new()
    } else {
        "v=1".to_string()
    };
    for _ in 0..rng.size(60) {
        if !text.is_empty() {
            text.push('&');
        }
        text.push_str(rng.pick(&keys));
        if !rng.one_in(10) {
            text.push('=');
            text.push_str(rng.pick(&values));
        }
    }
    if rng.one_in(20) {
        let title = "t".repeat(rng.size(5000));
        text.push_str(&format!("&title={title}"));
    }
    let mut bytes = text.into_bytes();
    if rng.one_in(3) {
        exports::mutate(rng, &mut bytes);
    }
    bytes
}

fn generate_date(rng: &mut Rng) -> Vec<u8> {
    let pieces: [&str; 26] = [
        "2024", "1900", "2100", "1899", "20240229", "0", "1", "12", "29", "31", "02", "-", "/",
        ".", " ", "T", "Z", ":", "+0100", "Mar", "march", "SEPT", "ma", ",", "\u{a0}", "14:05",
    ];
    let mut text = String::new();
    for _ in 0..rng.size(12) {
        text.push_str(rng.pick(&pieces));
    }
    let mut bytes = text.into_bytes();
    if rng.one_in(50) {
        bytes.extend(std::iter::repeat_n(rng.pick(b"a9 "), rng.size(100_000)));
    }
    if rng.one_in(3) {
        exports::mutate(rng, &mut bytes);
    }
    bytes
}

fn generate_decode(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = match rng.below(3) {
        0 => exports::export(rng),
        1 => Vec::new(),
        _ => rng
            .pick(&[&[0xffu8, 0xfe][..], &[0xfe, 0xff], &[0xef, 0xbb, 0xbf]])
            .to_vec(),
    };
    // Any bytes, often high ones and surrogate halves.
    for _ in 0..rng.size(300) {
        bytes.push(match rng.below(4) {
            0 => rng.next_u64() as u8,
            1 => 0x80 + rng.below(0x40) as u8,
            2 => 0xd8 + rng.below(8) as u8,
            _ => b'a',
        });
    }
    exports::mutate(rng, &mut bytes);
    bytes
}

fn generate_periods(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = vec![rng.next_u64() as u8];
    let cells: [&str; 14] = [
        "jan",
        "2024-01",
        "1000",
        "1.000",
        "1,000",
        "0",
        "-5",
        "12,5",
        "9e9",
        "",
        "S",
        "N",
        "18446744073709551616",
        "1.234.567",
    ];
    let separators = ["\t", ";", ",", " ", "\n", "\r\n", "\n\n"];
    for _ in 0..rng.size(200) {
        bytes.extend_from_slice(rng.pick(&cells).as_bytes());
        bytes.extend_from_slice(rng.pick(&separators).as_bytes());
    }
    for _ in 0..rng.size(3) {
        exports::mutate(rng, &mut bytes);
    }
    bytes
}
