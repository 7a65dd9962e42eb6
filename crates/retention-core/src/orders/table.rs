//! Ids (customers, order numbers) to dense indices, safe against crafted ids.
//!
//! An open-addressing table (linear probing, at most half full) of indices into one byte
//! string holding every id: no allocation per id, and a row costs one probe of an 8-byte
//! slot and one comparison. The slot is chosen by SipHash-1-3 (the standard library's
//! `HashMap` hash) keyed with a secret seed: without the seed nobody can write ids that share
//! slots, so a hostile file cannot turn the import quadratic ("hash flooding"). The seed comes
//! from the caller: `std`'s `RandomState` natively, `crypto`/`Math.random` in the JS API
//! (`RandomState` is not random on `wasm32-unknown-unknown`). Exports sorted by id (order
//! numbers that count up, customers in order) need no table while the ids keep rising: see
//! [`Table::index`].

use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// A seed for the id tables: random per import, so that ids cannot be crafted to collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seed(pub u64, pub u64);

impl Seed {
    /// A random seed from the standard library's `RandomState`, which the operating system
    /// seeds. Not random on `wasm32-unknown-unknown`: take the seed from JavaScript there.
    pub fn random() -> Seed {
        use std::hash::{BuildHasher, RandomState};
        let state = RandomState::new();
        Seed(state.hash_one(0u8), state.hash_one(1u8))
    }

    /// A seed from any two numbers (such as two `Math.random()` values), bits mixed.
    pub fn from_f64(a: f64, b: f64) -> Seed {
        Seed(mix(a.to_bits()), mix(b.to_bits() ^ 0x9e37_79b9_7f4a_7c15))
    }
}

/// SplitMix64's finaliser.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash of an id under `seed`: the id tables' slots, and the member import's count of
/// distinct members.
pub(crate) fn hash(seed: Seed, id: &[u8]) -> u64 {
    let mut h = SipHasher13::new_with_keys(seed.0, seed.1);
    h.write(id);
    h.finish()
}

/// Ids, one after the other in one buffer.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Ids {
    pub text: Vec<u8>,
    /// Id `i` ends at `ends[i]` and starts where id `i - 1` ends.
    pub ends: Vec<usize>,
}

impl Ids {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    pub fn push(&mut self, id: &[u8]) {
        self.text.extend_from_slice(id);
        self.ends.push(self.text.len());
    }
}

/// Ids to indices `0, 1, 2, ...` in order of first appearance.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub ids: Ids,
    /// `(index + 1, lower half of the hash)`; `(0, _)` is empty. The slot is chosen by those
    /// same bits, so the table grows without hashing its ids again.
    slots: Vec<(u32, u32)>,
    seed: Seed,
    /// The index returned last: rows of one customer often follow each other, and the same
    /// id again costs one comparison instead of a hash.
    last: Option<u32>,
    /// Every id so far came after the one before (byte order), so none was seen before it and
    /// `slots` is still empty.
    rising: bool,
    /// Slots looked at, for tests of the probe lengths.
    pub probes: u64,
}

impl Table {
    pub fn new(seed: Seed) -> Table {
        Table {
            ids: Ids::default(),
            slots: Vec::new(),
            seed,
            last: None,
            rising: true,
            probes: 0,
        }
    }

    fn hash(&self, id: &[u8]) -> u64 {
        hash(self.seed, id)
    }

    /// The index of `id`, added if new.
    ///
    /// While the ids rise, a new id is compared with the latest only: above it, it is new (a
    /// cache miss in the table saved, and the hash). The first id that does not rise puts
    /// every id so far in the table, which answers from then on.
    pub fn index(&mut self, id: &[u8]) -> u32 {
        if let Some(last) = self.last.filter(|&i| self.ids.get(i as usize) == id) {
            return last;
        }
        let index = match self.rising {
            true if self.ids.len() == 0 || id > self.ids.get(self.ids.len() - 1) => {
                self.ids.push(id);
                self.ids.len() as u32 - 1
            }
            true => {
                self.rising = false;
                self.fill();
                self.look_up(id)
            }
            false => self.look_up(id),
        };
        self.last = Some(index);
        index
    }

    /// Puts every id in the slots, when the ids stop rising.
    fn fill(&mut self) {
        let size = (2 * self.ids.len() + 1).next_power_of_two().max(1024);
        self.slots = vec![(0, 0); size];
        for i in 0..self.ids.len() {
            let tag = self.hash(self.ids.get(i)) as u32;
            self.place(i as u32 + 1, tag);
        }
    }

    fn look_up(&mut self, id: &[u8]) -> u32 {
        if self.ids.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let tag = self.hash(id) as u32;
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            self.probes += 1;
            let (slot, slot_tag) = self.slots[at];
            if slot == 0 {
                let index = self.ids.len() as u32;
                self.ids.push(id);
                self.slots[at] = (index + 1, tag);
                return index;
            }
            if slot_tag == tag && self.ids.get(slot as usize - 1) == id {
                return slot - 1;
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (slot, tag) in old.into_iter().filter(|&(slot, _)| slot != 0) {
            self.place(slot, tag);
        }
    }

    /// Puts `slot` (an index + 1) with its hash `tag` in the first free slot from its own.
    fn place(&mut self, slot: u32, tag: u32) {
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        while self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (slot, tag);
    }
}

#[cfg(test)]
mod tests {
    use super::super::crafted::{crafted_ids, old_hash};
    use super::*;

    #[test]
    fn crafted_ids_collide_under_the_old_hash_only() {
        let ids = crafted_ids(2_000, |_| true);
        assert!(ids.iter().all(|id| old_hash(id) & 0xf_ffff == 0));
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        let mut table = Table::new(Seed(0x1234, 0x5678));
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.index(id), i as u32);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.index(id), i as u32);
        }
        // The same id twice running: the second costs no probe.
        let probes = table.probes;
        assert_eq!(table.index(&ids[7]), 7);
        let once = table.probes;
        assert_eq!(table.index(&ids[7]), 7);
        assert_eq!(table.probes, once);
        // Under the old hash, the n-th id probes n slots: 2,000 ids, 4 million probes.
        // Seeded, a half-full table averages under 2.5 probes a look-up.
        let per_lookup = probes as f64 / (2 * ids.len()) as f64;
        assert!(per_lookup < 3.0, "{per_lookup} probes a look-up");
    }

    #[test]
    fn rising_ids_need_no_table_until_one_comes_back() {
        let mut table = Table::new(Seed(1, 2));
        let ids: [&[u8]; 3] = [b"K1", b"K2", b"K3"];
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.index(id), i as u32);
        }
        assert_eq!((table.probes, table.slots.len()), (0, 0));
        // K2 again, after K3: found among the ids so far, put in the table now.
        assert_eq!(table.index(b"K2"), 1);
        assert!(table.probes > 0);
        assert_eq!(table.index(b"K0"), 3);
        assert_eq!(table.index(b"K3"), 2);
        assert_eq!(table.index(b"K4"), 4);
        assert_eq!(table.index(b"K0"), 3);
        assert_eq!(table.ids.len(), 5);
    }

    #[test]
    fn seeds_differ() {
        assert_ne!(Seed::random(), Seed::random());
        assert_ne!(Seed::from_f64(0.25, 0.5), Seed::from_f64(0.25, 0.75));
    }
}
