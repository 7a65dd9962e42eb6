//! Times the streaming reader alone, in CPU time (for a loaded machine).
use retention_core::{sniff_bytes, OrderReader, Seed};
fn cpu() -> f64 {
    let t = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = t.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mapping = sniff_bytes(&bytes, false).unwrap().mapping.unwrap();
    let t0 = cpu();
    let mut reader = OrderReader::new(&mapping, Seed::random()).unwrap();
    for c in bytes.chunks(64 * 1024) {
        reader.feed(c).unwrap();
    }
    let log = reader.finish().unwrap();
    let t1 = cpu();
    let s = retention_core::summarise_orders(&log, &Default::default());
    let t2 = cpu();
    println!(
        "{path}: read {:.2} s CPU, summarise {:.2} s CPU; {} orders",
        t1 - t0,
        t2 - t1,
        s.orders
    );
}
