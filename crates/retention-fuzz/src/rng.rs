//! SplitMix64: a small, fast generator whose stream depends only on its seed, so every run of
//! the driver is repeatable and any input it reports can be made again from its number.

use crate::sim;

/// The generator: the one SplitMix64 of the tests, examples and benchmarks.
#[derive(Debug, Clone)]
pub struct Rng(sim::Rng);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(sim::Rng(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    /// `true` with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A size drawn so that small ones are common and large ones happen: log-uniform up to
    /// `max`.
    pub fn size(&mut self, max: usize) -> usize {
        let bits = usize::BITS - max.leading_zeros();
        let cap = 1usize << self.below(bits as usize + 1);
        self.below(cap.min(max) + 1)
    }
}

/// Reads control values from the first bytes of a fuzz input: a coverage-guided fuzzer
/// mutates them like the rest, and the driver writes them on purpose. Past the end it reads
/// zeros, so every input is valid.
#[derive(Debug, Clone)]
pub struct Control<'a> {
    bytes: &'a [u8],
}

impl<'a> Control<'a> {
    /// Splits `data` into `n` control bytes and the rest.
    pub fn split(data: &'a [u8], n: usize) -> (Control<'a>, &'a [u8]) {
        let n = n.min(data.len());
        (Control { bytes: &data[..n] }, &data[n..])
    }

    /// Control byte `i`, or 0.
    pub fn byte(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// Control bytes `i` and `i + 1` as a little-endian number.
    pub fn u16(&self, i: usize) -> u16 {
        u16::from_le_bytes([self.byte(i), self.byte(i + 1)])
    }
}
