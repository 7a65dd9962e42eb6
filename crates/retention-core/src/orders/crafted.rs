//! Ids crafted to collide under the id table's old, unseeded hash: for the regression test of
//! the table and for `examples/crafted_ids.rs`, which writes a hostile file for the CLI.

/// The id table's hash before it was seeded: Fx over 8-byte words, then MurmurHash3's
/// finaliser.
pub fn old_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h = (h ^ (h >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// `n` distinct ids of 16 bytes, each byte one that `allowed` accepts, whose old hash has its
/// low 20 bits zero: they all fall on one slot of any table up to a million slots. The first
/// word counts up; the second is solved for by inverting the finaliser and the multiply, and
/// kept when its bytes are allowed.
pub fn crafted_ids(n: usize, allowed: fn(u8) -> bool) -> Vec<Vec<u8>> {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    // Inverses of odd numbers modulo 2^64, by Newton's iteration.
    let inverse = |a: u64| {
        let mut x = a;
        for _ in 0..6 {
            x = x.wrapping_mul(2u64.wrapping_sub(a.wrapping_mul(x)));
        }
        x
    };
    // h ^ (h >> 33) is its own inverse.
    let unshift = |h: u64| h ^ (h >> 33);
    let (m1, m2, k) = (
        inverse(0xff51_afd7_ed55_8ccd),
        inverse(0xc4ce_b9fe_1a85_ec53),
        inverse(K),
    );
    let mut out = Vec::with_capacity(n);
    let mut first: u64 = 0;
    let mut target: u64 = 0;
    while out.len() < n {
        first += 1;
        let mut w1 = [0u8; 8];
        for (i, b) in w1.iter_mut().enumerate() {
            *b = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[((first >> (5 * i)) & 31) as usize];
        }
        let w1 = u64::from_le_bytes(w1);
        let h1 = (16u64.rotate_left(5) ^ w1).wrapping_mul(K);
        for _ in 0..100_000 {
            target += 1;
            let h2 = unshift(unshift(unshift(target << 20).wrapping_mul(m2)).wrapping_mul(m1));
            let w2 = h2.wrapping_mul(k) ^ h1.rotate_left(5);
            if w2.to_le_bytes().iter().all(|&b| allowed(b)) {
                let mut id = w1.to_le_bytes().to_vec();
                id.extend_from_slice(&w2.to_le_bytes());
                out.push(id);
                break;
            }
        }
    }
    out
}
