//! Scores 1–5 by quintiles, ties kept together.

/// Each key's score 1–5 among `keys` (a higher key is better): `1 + ⌊5 · b / n⌋`, where `b`
/// is the number of keys below it and `n` the number of keys.
///
/// Without ties this puts a fifth of the keys in each score (the lowest fifth scores 1). Keys
/// that are equal always score the same: a group of equal keys takes the score of the
/// quintile where its first place falls, and when it runs on past one or more edges the
/// scores it covers stay empty. With 6 of 10 customers buying once, every one of the 6 scores
/// 1 (b = 0), the next key scores 1 + ⌊5 · 6 / 10⌋ = 4, and nobody scores 2 or 3. So the lowest
/// key always scores 1, a score is never split between equal keys, and no score depends on
/// the order of the customers.
pub(crate) fn quintiles<K: Ord + Copy>(keys: &[K]) -> Vec<u8> {
    let n = keys.len();
    if n == 0 {
        return Vec::new();
    }
    // ⌊5b / n⌋ ≥ s exactly when b ≥ ⌈s·n / 5⌉ = m, and at least m keys lie below a key exactly
    // when the m-th smallest does: four order statistics give every score, each key compared
    // with four edges instead of searched for among all.
    let mut work = keys.to_vec();
    let mut edges = [keys[0]; 4];
    let mut smallest = n; // work[..smallest] holds the `smallest` smallest keys
    for s in (1..=4).rev() {
        let m = (s * n).div_ceil(5);
        let (_, edge, _) = work[..smallest].select_nth_unstable(m - 1);
        edges[s - 1] = *edge;
        smallest = m;
    }
    keys.iter()
        .map(|k| 1 + edges.iter().filter(|&e| e < k).count() as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifth_each_without_ties() {
        let keys: Vec<i32> = (0..10).rev().collect();
        assert_eq!(quintiles(&keys), [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        // Seven keys: b = 0..6, ⌊5b/7⌋ = 0, 0, 1, 2, 2, 3, 4.
        assert_eq!(quintiles(&[1, 2, 3, 4, 5, 6, 7]), [1, 1, 2, 3, 3, 4, 5]);
        assert_eq!(quintiles(&[42]), [1]);
        assert!(quintiles::<u8>(&[]).is_empty());
    }

    #[test]
    fn every_score_is_one_plus_five_b_over_n() {
        // The definition counted key by key, on keys with many ties and with few.
        let mut state = 7u64;
        let mut next = |spread: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % spread
        };
        for n in 1..80 {
            for spread in [2, 5, 1_000_000] {
                let keys: Vec<u64> = (0..n).map(|_| next(spread)).collect();
                let expected: Vec<u8> = keys
                    .iter()
                    .map(|k| 1 + (5 * keys.iter().filter(|o| *o < k).count() / n) as u8)
                    .collect();
                assert_eq!(quintiles(&keys), expected, "{keys:?}");
            }
        }
    }

    #[test]
    fn ties_share_the_score_of_their_first_place() {
        // b: 0 for the six 1s, 6 for the 2s, 8 for the 3, 9 for the 5.
        let keys = [1, 2, 1, 1, 5, 1, 3, 2, 1, 1];
        assert_eq!(quintiles(&keys), [1, 4, 1, 1, 5, 1, 5, 4, 1, 1]);
        // Everyone equal: nothing tells them apart.
        assert_eq!(quintiles(&[7, 7, 7]), [1, 1, 1]);
        // A tie across the 40 % edge: places 3–5 of 10 (b = 3) score 1 + ⌊15/10⌋ = 2.
        let keys = [0, 1, 2, 3, 3, 3, 6, 7, 8, 9];
        assert_eq!(quintiles(&keys), [1, 1, 2, 2, 2, 2, 4, 4, 5, 5]);
    }
}
