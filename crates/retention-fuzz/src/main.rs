//! The structure-aware fuzz driver. `scripts/fuzz.sh` runs it; see `--help`.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use retention_fuzz::alloc::{Counting, Mark};
use retention_fuzz::rng::Rng;
use retention_fuzz::scaling::{measure, LIMIT, SHAPES};
use retention_fuzz::{Target, TARGETS};

const HELP: &str = "\
retention-fuzz: structure-aware fuzzing of the calculator's parsers and import pipeline

  retention-fuzz run [--inputs N] [--seed S] [--only NAME,..] [--findings DIR] [--max-ms MS]
      runs N inputs (default 1000000) spread over the targets, plus their oracles; an input
      that panics, holds more than 64 MB + 300 bytes a byte of it at once (or, with
      --max-ms, takes longer) is written to DIR (default target/fuzz-findings) and the run
      ends with status 1
  retention-fuzz scaling
      times each hostile shape of input at n and 4n, and counts its peak memory and bytes
      allocated; status 1 when one grows more than 8x
  retention-fuzz corpus DIR [--per-target N]
      writes N generated inputs per target to DIR/<target>/ (seeds for another fuzzer)
  retention-fuzz replay NAME FILE...
      runs target NAME on saved inputs (a finding)
";

static PANIC: Mutex<Option<String>> = Mutex::new(None);

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory one input may hold at once: a fixed allowance plus this much a byte.
const MEMORY_PER_BYTE: usize = 300;
const MEMORY_BASE: usize = 64 << 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: u64| {
        flag(name).map_or(default, |v| {
            v.replace('_', "")
                .parse()
                .unwrap_or_else(|_| fail(&format!("{name} takes a number, not {v:?}")))
        })
    };
    panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<String>() {
            Some(s) => s.clone(),
            None => info
                .payload()
                .downcast_ref::<&str>()
                .map_or_else(|| "a panic".to_string(), |s| s.to_string()),
        };
        let at = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{message}{at}"));
    }));
    let ok = match args.first().map(String::as_str) {
        Some("run") => run(
            number("--inputs", 1_000_000),
            number("--seed", 1),
            flag("--only"),
            &flag("--findings")
                .map_or_else(|| PathBuf::from("target/fuzz-findings"), PathBuf::from),
            flag("--max-ms").map(|_| Duration::from_millis(number("--max-ms", 0))),
        ),
        Some("scaling") => scaling(),
        Some("corpus") => {
            let dir = args.get(1).unwrap_or_else(|| fail("corpus needs a folder"));
            corpus(Path::new(dir), number("--per-target", 200))
        }
        Some("replay") => {
            let name = args.get(1).unwrap_or_else(|| fail("replay needs a target"));
            replay(target(name), &args[2..])
        }
        _ => {
            print!("{HELP}");
            true
        }
    };
    std::process::exit(if ok { 0 } else { 1 });
}

fn fail(message: &str) -> ! {
    eprintln!("retention-fuzz: {message}");
    std::process::exit(2);
}

fn target(name: &str) -> Target {
    TARGETS
        .into_iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| fail(&format!("no target {name:?}")))
}

/// Runs `f`, returning the panic message if it panicked.
fn catch(f: impl FnOnce()) -> Result<(), String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default()
    })
}

#[derive(Default)]
struct Tally {
    inputs: u64,
    oracles: u64,
    bytes: u64,
    time: Duration,
    slowest: (Duration, usize),
    /// The most memory an input held at once per byte of it (above the base), and its size.
    hungriest: (f64, usize),
}

fn run(
    inputs: u64,
    seed: u64,
    only: Option<String>,
    findings: &Path,
    max: Option<Duration>,
) -> bool {
    let targets: Vec<Target> = TARGETS
        .into_iter()
        .filter(|t| {
            only.as_deref()
                .is_none_or(|o| o.split(',').any(|n| n == t.name))
        })
        .collect();
    if targets.is_empty() {
        fail("no such target");
    }
    let wheel: Vec<&Target> = targets
        .iter()
        .flat_map(|t| std::iter::repeat_n(t, t.share))
        .collect();
    println!(
        "fuzz: {inputs} inputs from seed {seed} over {}",
        targets
            .iter()
            .map(|t| t.name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    let start = Instant::now();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut found: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut report = |name: &str, i: u64, message: String, input: Option<&[u8]>| {
        let key = format!("{name}: {}", message.lines().next().unwrap_or(""));
        if found.contains_key(&key) {
            return;
        }
        let saved = input.map(|bytes| {
            let _ = std::fs::create_dir_all(findings);
            let path = findings.join(format!("{name}-{seed}-{i}.bin"));
            let _ = std::fs::write(&path, bytes);
            path.display().to_string()
        });
        let place = saved.unwrap_or_else(|| format!("oracle, input {i} of seed {seed}"));
        println!(
            "FINDING {key}\n  {}\n  {place}",
            message.replace('\n', "\n  ")
        );
        found.insert(key, (place, i));
    };
    let mut next_progress = Instant::now() + Duration::from_secs(10);
    for i in 0..inputs {
        let mut rng = Rng::new(seed.wrapping_mul(0x1_0000_0001).wrapping_add(i));
        let t = wheel[rng.below(wheel.len())];
        let tally = tallies.entry(t.name).or_default();
        // One in four cases of a target with an oracle is checked against its truth.
        if let Some(oracle) = t.oracle.filter(|_| rng.one_in(4)) {
            tally.oracles += 1;
            if let Err(message) = catch(|| oracle(&mut rng)) {
                report(t.name, i, message, None);
            }
            continue;
        }
        let input = (t.generate)(&mut rng);
        let mark = Mark::now();
        let began = Instant::now();
        let result = catch(|| (t.run)(&input));
        let took = began.elapsed();
        let peak = mark.peak();
        let per_byte = peak as f64 / input.len().max(1) as f64;
        if per_byte > tally.hungriest.0 && input.len() >= 1024 {
            tally.hungriest = (per_byte, input.len());
        }
        tally.inputs += 1;
        tally.bytes += input.len() as u64;
        tally.time += took;
        if took > tally.slowest.0 {
            tally.slowest = (took, input.len());
        }
        if let Err(message) = result {
            report(t.name, i, message, Some(&input));
        } else if peak > MEMORY_BASE + MEMORY_PER_BYTE * input.len() {
            let message = format!(
                "memory: {} MB at once for {} bytes",
                peak >> 20,
                input.len()
            );
            report(t.name, i, message, Some(&input));
        } else if max.is_some_and(|m| took > m) {
            report(
                t.name,
                i,
                format!("slow: {took:?} for {} bytes", input.len()),
                Some(&input),
            );
        }
        if Instant::now() > next_progress {
            next_progress += Duration::from_secs(10);
            println!("  … {i} inputs, {:.0} s", start.elapsed().as_secs_f64());
        }
    }
    let elapsed = start.elapsed();
    println!(
        "{:<10} {:>9} {:>8} {:>10} {:>9} {:>16} {:>20}",
        "target", "inputs", "oracles", "MB", "µs/input", "slowest", "memory/byte (≥1 KB)"
    );
    for t in &targets {
        let Some(s) = tallies.get(t.name) else {
            continue;
        };
        println!(
            "{:<10} {:>9} {:>8} {:>10.1} {:>9.1} {:>8.1} ms {:>4} KB {:>9.1} {:>6} KB",
            t.name,
            s.inputs,
            s.oracles,
            s.bytes as f64 / 1e6,
            s.time.as_secs_f64() * 1e6 / s.inputs.max(1) as f64,
            s.slowest.0.as_secs_f64() * 1e3,
            s.slowest.1 / 1024,
            s.hungriest.0,
            s.hungriest.1 / 1024,
        );
    }
    let total: u64 = tallies.values().map(|t| t.inputs + t.oracles).sum();
    println!(
        "fuzz: {total} inputs in {:.1} s ({:.0} a second), {} finding(s)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        found.len()
    );
    found.is_empty()
}

fn scaling() -> bool {
    println!(
        "scaling: n and 4n bytes; processor time at 4n and its growth, peak memory, bytes allocated; \
         linear is about 4x, more than {LIMIT}x fails"
    );
    let mut ok = true;
    for shape in SHAPES {
        let s = measure(shape);
        let bad = s.worst() > LIMIT;
        ok &= !bad;
        println!(
            "  {:<60} n={:>7} {:>8.1} ms {:>5.1}x {:>7.1} MB {:>5.1}x {:>5.1}x{}",
            s.name,
            shape.n,
            s.large.as_secs_f64() * 1e3,
            s.ratio(),
            s.large_memory.peak as f64 / 1e6,
            s.memory_ratio(),
            s.allocated_ratio(),
            if bad {
                "  FINDING: grows faster than linear"
            } else {
                ""
            }
        );
    }
    ok
}

fn corpus(dir: &Path, per_target: u64) -> bool {
    for t in TARGETS {
        let folder = dir.join(t.name);
        if let Err(e) = std::fs::create_dir_all(&folder) {
            fail(&format!("{}: {e}", folder.display()));
        }
        for i in 0..per_target {
            let input = (t.generate)(&mut Rng::new(0xc0_ffee + i));
            // Big seeds only slow a coverage-guided fuzzer down.
            if input.len() <= 64 * 1024 {
                let _ = std::fs::write(folder.join(format!("seed-{i}")), input);
            }
        }
    }
    println!("corpus: {per_target} seeds a target in {}", dir.display());
    true
}

fn replay(target: Target, files: &[String]) -> bool {
    let mut ok = true;
    for file in files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
        match catch(|| (target.run)(&bytes)) {
            Ok(()) => println!("{file}: ok"),
            Err(message) => {
                ok = false;
                println!("{file}: {message}");
            }
        }
    }
    ok
}
