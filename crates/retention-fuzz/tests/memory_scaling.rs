//! Memory grows at most linearly with the input for every hostile shape of
//! `retention_fuzz::scaling`: the peak and the bytes allocated at 4n are at most
//! `LIMIT` times those at n. Bytes counted are deterministic, so this is a test; the times
//! of the same shapes are measured by `scripts/fuzz.sh`.

use retention_fuzz::alloc::Counting;
use retention_fuzz::scaling::{memory, LIMIT, SHAPES};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn memory_grows_linearly_for_every_hostile_shape() {
    let mut failures = Vec::new();
    for shape in SHAPES {
        // Smaller than the long run's sizes: this runs unoptimised.
        let n = (shape.n / 16).max(1 << 14);
        let small = memory(shape, n);
        let large = memory(shape, 4 * n);
        let floor = 64 << 10;
        let peak = large.peak as f64 / small.peak.max(floor) as f64;
        let allocated = large.allocated as f64 / small.allocated.max(floor) as f64;
        if peak > LIMIT || allocated > LIMIT {
            failures.push(format!(
                "{}: peak {} → {} bytes ({peak:.1}x), allocated {} → {} ({allocated:.1}x)",
                shape.name, small.peak, large.peak, small.allocated, large.allocated
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
