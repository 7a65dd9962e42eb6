//! Writes an order export whose customer ids were crafted to collide under the id table's
//! old, unseeded hash (issue 14: 200K such ids took 87 s in the CLI), for timing the import:
//!
//! `cargo run -p retention-core --release --example crafted_ids -- 200000 > crafted.csv`
//! `time retention analyze crafted.csv`

#[path = "../src/orders/crafted.rs"]
#[allow(dead_code)] // old_hash serves the unit test
mod crafted;

use std::io::Write;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    // Printable, and nothing a CSV field would have to quote.
    let ids = crafted::crafted_ids(n, |b| (0x21..=0x7e).contains(&b) && b != b',' && b != b'"');
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "customer,date,amount");
    for (i, id) in ids.iter().enumerate() {
        let id = String::from_utf8_lossy(id);
        let _ = writeln!(
            out,
            "{id},2024-{:02}-{:02},{}.00",
            1 + i % 12,
            1 + i % 28,
            1 + i % 90
        );
    }
}
