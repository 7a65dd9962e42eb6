//! Times each step of the import worker's session on one order export, natively (the browser
//! runs the same code in wasm): preview, then the import with every answer it sends.
//!
//! `cargo run -p retention-core --profile fast --example session_steps -- FILE [RUNS]`

use std::time::Instant;

use retention_core::worker::{Request, Response, Session};
use retention_core::{ForecastOptions, Seed, SummaryOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let runs: usize = args
        .next()
        .map_or(5, |n| n.parse().expect("a number of runs"));
    let bytes = std::fs::read(&path).expect("a readable file");
    let mut warm = Session::new(Seed::random());
    let mut steps = Vec::new();
    for step in 0.. {
        let t = Instant::now();
        let more = warm.warm_up(step, &mut |_| {});
        steps.push(format!("{:.1}", t.elapsed().as_secs_f64() * 1e3));
        if !more {
            break;
        }
    }
    println!("warm-up steps (ms): {}", steps.join(", "));
    for _ in 0..runs {
        let mut session = Session::new(Seed::random());
        let t0 = Instant::now();
        let mut said = Vec::new();
        let now = || 0.0;
        session.handle_bytes(
            Request::Preview {
                sheet: None,
                then: None,
            },
            Some(&bytes),
            &mut |r| said.push(r),
            &now,
        );
        let Some(Response::Preview(preview)) = said.pop() else {
            panic!("no preview")
        };
        let preview_ms = t0.elapsed().as_secs_f64() * 1e3;
        let request = Request::Import {
            mapping: preview.mapping.expect("a mapping"),
            summary: SummaryOptions::default(),
            forecast: ForecastOptions::default(),
        };
        let mut last = Instant::now();
        let mut steps = Vec::new();
        session.handle_bytes(
            request,
            Some(&bytes),
            &mut |r| {
                let name = match &r {
                    Response::Progress { .. } => return,
                    Response::Stats(_) => "parse",
                    Response::Summary(_) => "summary",
                    Response::Forecast(_) => "forecast",
                    Response::Segments(_) => "segments",
                    Response::WinBack(_) => "win-back",
                    Response::Done { .. } => "done",
                    _ => "other",
                };
                steps.push(format!("{name} {:.1}", last.elapsed().as_secs_f64() * 1e3));
                last = Instant::now();
            },
            &now,
        );
        println!("preview {preview_ms:.1} ms; {}", steps.join(", "));
    }
}
