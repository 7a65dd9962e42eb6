//! Bounded time and memory per byte: for each hostile shape of input, the work at size n and
//! at 4n.
//!
//! Linear work takes about 4× as long at 4n; quadratic work 16×. A shape whose time grows
//! more than [`LIMIT`]× is reported. Times are processor time ([`cpu_time`]) of batches of
//! runs, the fastest of three, so other work on the machine hardly moves them; the limit leaves room
//! for what is left. This is a measurement for `scripts/fuzz.sh`, never a test: timings
//! have no place in the test suite. Memory, counted exactly, is also checked by
//! `tests/memory_scaling.rs`.

use std::time::{Duration, Instant};

use retention_app::settings::{parse_pairs, read, share_link, Source};
use retention_core::{
    decode_text, forecast_orders, parse_answers, parse_number, parse_periods, sniff_bytes,
    summarise_orders, win_back_csv, AnswerColumn, AnswerOptions, DateFormat, Delimiter,
    ForecastOptions, Locale, Mapping, Period, Seed, SummaryOptions,
};

use crate::alloc::Mark;
use crate::read_in_chunks;

/// The most a time may grow from n to 4n.
pub const LIMIT: f64 = 8.0;

/// One shape: its name, and the work for an input of about `n` bytes.
pub struct Shape {
    /// What the input looks like.
    pub name: &'static str,
    /// n, in bytes.
    pub n: usize,
    /// Makes the input of size n and does the work on it.
    pub run: fn(usize),
}

/// The memory one run of a shape took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    /// The most bytes live at once.
    pub peak: usize,
    /// The bytes asked for, freed or not.
    pub allocated: usize,
}

/// The result for one shape.
#[derive(Debug)]
pub struct Scaled {
    /// The shape's name.
    pub name: &'static str,
    /// The time at n.
    pub small: Duration,
    /// The time at 4n.
    pub large: Duration,
    /// The memory at n (zero without the counting allocator installed).
    pub small_memory: Memory,
    /// The memory at 4n.
    pub large_memory: Memory,
}

fn grew(small: usize, large: usize) -> f64 {
    // Below 64 KB a ratio is noise from fixed allocations.
    large as f64 / small.max(64 << 10) as f64
}

impl Scaled {
    /// How much the time grew from n to 4n.
    pub fn ratio(&self) -> f64 {
        self.large.as_secs_f64() / self.small.as_secs_f64().max(1e-6)
    }

    /// How much the peak memory grew from n to 4n.
    pub fn memory_ratio(&self) -> f64 {
        grew(self.small_memory.peak, self.large_memory.peak)
    }

    /// How much the bytes allocated grew from n to 4n.
    pub fn allocated_ratio(&self) -> f64 {
        grew(self.small_memory.allocated, self.large_memory.allocated)
    }

    /// The largest of the three ratios.
    pub fn worst(&self) -> f64 {
        self.ratio()
            .max(self.memory_ratio())
            .max(self.allocated_ratio())
    }
}

/// The memory of one run of `shape` at `n` bytes (the counting allocator must be installed
/// for it to count).
pub fn memory(shape: &Shape, n: usize) -> Memory {
    let mark = Mark::now();
    (shape.run)(n);
    Memory {
        peak: mark.peak(),
        allocated: mark.allocated(),
    }
}

/// The time `f` took on the processor: this thread's run time from Linux's
/// `/proc/thread-self/schedstat`, which other processes on a busy machine do not add to;
/// the time on the clock where that is missing.
pub fn cpu_time(f: impl FnOnce()) -> Duration {
    let on_cpu = || {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        stat.split_whitespace().next()?.parse::<u64>().ok()
    };
    let (clock, cpu) = (Instant::now(), on_cpu());
    f();
    match (cpu, on_cpu()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
        _ => clock.elapsed(),
    }
}

/// Measures `shape` at n and 4n.
pub fn measure(shape: &Shape) -> Scaled {
    // Processor time of a batch of runs that fills about 0.2 s (the counter moves in
    // ticks), per run; the fastest of three batches.
    let time = |n: usize| {
        let clock = Instant::now();
        (shape.run)(n);
        let once = clock.elapsed().as_secs_f64().max(1e-6);
        let runs = (0.2 / once).ceil().clamp(1.0, 1000.0) as u32;
        (0..3)
            .map(|_| {
                cpu_time(|| {
                    for _ in 0..runs {
                        (shape.run)(n);
                    }
                }) / runs
            })
            .min()
            .unwrap_or_default()
    };
    Scaled {
        name: shape.name,
        small: time(shape.n),
        large: time(4 * shape.n),
        small_memory: memory(shape, shape.n),
        large_memory: memory(shape, 4 * shape.n),
    }
}

fn plain(columns: usize) -> Mapping {
    Mapping {
        customer: Some(0),
        date: 1,
        amount: Some(2),
        ..Mapping::new(Delimiter::Comma, true, columns)
    }
}

/// Sniffs, reads in chunks of `chunk` bytes, summarises and writes the win-back file.
fn import(file: &[u8], mapping: &Mapping, chunk: usize) {
    let _ = sniff_bytes(file, true);
    let sizes = &mut std::iter::repeat(chunk);
    if let Ok(log) = read_in_chunks(file, mapping, Seed::random(), sizes) {
        let options = SummaryOptions::default();
        let _ = summarise_orders(&log, &options);
        let _ = win_back_csv(&log, &options, Locale::Nl);
    }
}

/// A file of one row whose customer is `body` in quotes.
fn quoted_customer(body: impl Iterator<Item = u8>) -> Vec<u8> {
    let mut file = b"customer,date,amount\n\"".to_vec();
    file.extend(body);
    file.extend_from_slice(b"\",2024-01-01,5\n");
    file
}

fn rows(n: usize, row: impl Fn(usize) -> String) -> Vec<u8> {
    let mut out = b"customer,date,amount\n".to_vec();
    let mut i = 0;
    while out.len() < n {
        out.extend_from_slice(row(i).as_bytes());
        i += 1;
    }
    out
}

/// Every shape measured by `scripts/fuzz.sh`.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "import: rows of many customers, 64 KB chunks",
        n: 1 << 20,
        run: |n| {
            let file = rows(n, |i| {
                format!(
                    "c{i},2024-{:02}-{:02},{}.50\n",
                    1 + i % 12,
                    1 + i % 28,
                    i % 500
                )
            });
            import(&file, &plain(3), 1 << 16);
        },
    },
    Shape {
        name: "import: one long unquoted row, 64-byte chunks",
        n: 200_000,
        run: |n| {
            let mut file = b"customer,date,amount\nann,2024-01-01,".to_vec();
            file.extend(std::iter::repeat_n(b'1', n));
            import(&file, &plain(3), 64);
        },
    },
    Shape {
        name: "import: a long quoted field of line breaks, 64-byte chunks",
        n: 200_000,
        run: |n| {
            let body = (0..n).map(|i| if i % 2 == 0 { b'\n' } else { b'x' });
            import(&quoted_customer(body), &plain(3), 64);
        },
    },
    Shape {
        name: "import: doubled quotes, 1-byte chunks",
        n: 100_000,
        run: |n| {
            let body = std::iter::repeat_n(b'"', n & !1);
            import(&quoted_customer(body), &plain(3), 1);
        },
    },
    Shape {
        name: "import: a row of a million columns",
        n: 250_000,
        run: |n| {
            let mut file = b"customer,date,amount\n".to_vec();
            file.extend((0..n).flat_map(|_| *b"1,"));
            file.push(b'\n');
            import(&file, &plain(3), 1 << 16);
        },
    },
    Shape {
        name: "import: every row a new status",
        n: 1 << 19,
        run: |n| {
            let mut mapping = plain(4);
            mapping.status = Some(3);
            let mut file = b"customer,date,amount,status\n".to_vec();
            let mut i = 0;
            while file.len() < n {
                file.extend_from_slice(format!("c{},2024-01-01,5,status {i}\n", i % 50).as_bytes());
                i += 1;
            }
            import(&file, &mapping, 1 << 16);
        },
    },
    Shape {
        name: "import: bad rows with long fields",
        n: 1 << 19,
        run: |n| {
            let long = "y".repeat(5000);
            let file = rows(n, |i| format!("c{i},not a date {long},{long}\n"));
            import(&file, &plain(3), 1 << 16);
        },
    },
    Shape {
        name: "import: UTF-16, 3-byte chunks",
        n: 1 << 18,
        run: |n| {
            let text = String::from_utf8(rows(n / 2, |i| {
                format!("klant é {i},2024-02-{:02},€ 5\n", 1 + i % 28)
            }))
            .unwrap_or_default();
            let mut file = vec![0xff, 0xfe];
            file.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            import(&file, &plain(3), 3);
        },
    },
    Shape {
        name: "import: whitespace runs",
        n: 1 << 19,
        run: |n| {
            let mut mapping = plain(3);
            mapping.delimiter = Delimiter::Whitespace;
            mapping.date_format = DateFormat::Compact;
            mapping.has_header = false;
            let mut file = Vec::new();
            let mut i = 0;
            while file.len() < n {
                file.extend_from_slice(
                    format!("{i:>40} {:>40} {:>40}\n", "20240101", i % 90).as_bytes(),
                );
                i += 1;
            }
            import(&file, &mapping, 1 << 16);
        },
    },
    Shape {
        name: "import: dates across 1900-2100",
        n: 1 << 19,
        run: |n| {
            let file = rows(n, |i| {
                format!("c{},{}-{:02}-01,5\n", i % 1000, 1900 + i % 201, 1 + i % 12)
            });
            import(&file, &plain(3), 1 << 16);
        },
    },
    Shape {
        name: "forecast: one purchase or more per customer",
        n: 1 << 18,
        run: |n| {
            let file = rows(n, |i| {
                format!(
                    "c{},2024-{:02}-{:02},{}\n",
                    i / 3,
                    1 + i % 12,
                    1 + i % 28,
                    5 + i % 40
                )
            });
            if let Ok(log) =
                read_in_chunks(&file, &plain(3), Seed::random(), &mut std::iter::empty())
            {
                if let Ok(f) = forecast_orders(&log, None, ForecastOptions::default()) {
                    let _ = f.csv(&log, Locale::En);
                }
            }
        },
    },
    Shape {
        name: "nps: one long line of answers",
        n: 1 << 20,
        run: |n| {
            let text = "9 ".repeat(n / 2);
            let _ = parse_answers(&text, &AnswerOptions::default());
        },
    },
    Shape {
        name: "nps: a column with long quoted comments",
        n: 1 << 20,
        run: |n| {
            let mut text = String::from("comment,score\n");
            while text.len() < n {
                text.push_str(&format!("\"{}\",9\n", "a, \"\"b\"\"\n".repeat(50)));
            }
            let options = AnswerOptions {
                column: Some(AnswerColumn::Name("score".into())),
                ..AnswerOptions::default()
            };
            let _ = parse_answers(&text, &options);
        },
    },
    Shape {
        name: "number: a long run of grouped digits",
        n: 1 << 20,
        run: |n| {
            let text = format!("1{}", ".234".repeat(n / 4));
            let _ = parse_number(&text, Locale::Nl);
            let _ = parse_number(&text, Locale::En);
        },
    },
    Shape {
        name: "settings: a query of many unknown and repeated names",
        n: 1 << 20,
        run: |n| {
            let mut text = String::from("v=1");
            let mut i = 0;
            while text.len() < n {
                text.push_str(&format!("&k{i}=1&start={i}"));
                i += 1;
            }
            for source in [Source::Query, Source::ShareLink, Source::Attributes] {
                let _ = read(&parse_pairs(&text), source, Locale::Nl);
            }
            let _ = share_link(&text);
        },
    },
    Shape {
        name: "date: a long word where a month name goes",
        n: 1 << 20,
        run: |n| {
            let text = format!("{} 1, 2024", "a".repeat(n));
            for format in DateFormat::ALL {
                let _ = format.parse(&text);
            }
        },
    },
    Shape {
        name: "decode: UTF-16 of lone surrogates, and Windows-1252",
        n: 1 << 20,
        run: |n| {
            let mut utf16 = vec![0xff, 0xfe];
            utf16.extend((0..n / 2).flat_map(|i| [(i % 256) as u8, 0xd8]));
            let _ = decode_text(utf16);
            let _ = decode_text((0..n).map(|i| 0x80 + (i % 0x80) as u8).collect());
        },
    },
    Shape {
        name: "periods: many short broken lines",
        n: 1 << 20,
        run: |n| {
            let _ = parse_periods(&"x\n".repeat(n / 2), Locale::Nl, Period::Month);
        },
    },
    Shape {
        name: "periods: a long label",
        n: 1 << 20,
        run: |n| {
            let text = format!("{}\t1000\t900\t100\n", "x".repeat(n));
            let _ = parse_periods(&text, Locale::Nl, Period::Month);
        },
    },
];
