//! Geometry for the SVG charts: scales, round tick values and paths. Pure, so it is tested
//! natively; the numbers drawn come from the core.

/// Every chart's viewBox: 640 × 260.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 260.0;
/// Room left of the plot for the y-axis labels.
pub const LEFT: f64 = 64.0;
/// Room under the plot for the x-axis labels.
pub const BOTTOM: f64 = 40.0;

/// Maps a value range onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale { domain, range }
    }

    /// The pixel position of `value`.
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return r0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// About `count` round values from 0 up to at least `max` (steps of 1, 2 or 5 × 10^k).
pub fn ticks(max: f64, count: usize) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) || count == 0 {
        return vec![0.0, 1.0];
    }
    let raw = max / count as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let steps = (max / step).ceil() as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// An SVG path through `points`, one decimal per coordinate.
pub fn line_path(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same path closed down to `baseline`, for a filled area under the line.
pub fn area_path(points: &[(f64, f64)], baseline: f64) -> String {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => format!(
            "{} L{:.1} {baseline:.1} L{:.1} {baseline:.1} Z",
            line_path(points),
            last.0,
            first.0
        ),
        _ => String::new(),
    }
}

/// The points of an x-axis of `points` that get a label, at most `most` of them: the last
/// always, then every k-th before it, so that no two labels are closer than k points (an
/// extra last label squeezed next to a regular one is how "2024-112024-12" overlapped).
pub fn axis_labels(points: usize, most: usize) -> Vec<usize> {
    if points == 0 || most == 0 {
        return Vec::new();
    }
    let step = if most > 1 {
        (points - 1).div_ceil(most - 1).max(1)
    } else {
        points
    };
    let mut out: Vec<usize> = (0..points).rev().step_by(step).collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_keep_their_distance_and_the_last_point() {
        // 24 months, at most 8 labels: every 4th from the last (23 / 7 rounded up).
        assert_eq!(axis_labels(24, 8), [3, 7, 11, 15, 19, 23]);
        // 9 points, 8 labels: 8 / 7 rounds up to 2.
        assert_eq!(axis_labels(9, 8), [0, 2, 4, 6, 8]);
        assert_eq!(axis_labels(5, 8), [0, 1, 2, 3, 4]);
        assert_eq!(axis_labels(1, 4), [0]);
        assert!(axis_labels(0, 4).is_empty());
        for points in 1..200 {
            for most in 1..10 {
                let shown = axis_labels(points, most);
                assert!(shown.len() <= most, "{points} {most}: {shown:?}");
                assert_eq!(shown.last(), Some(&(points - 1)));
                let gaps: Vec<_> = shown.windows(2).map(|w| w[1] - w[0]).collect();
                assert!(gaps.windows(2).all(|g| g[0] == g[1]), "{shown:?}");
            }
        }
    }

    #[test]
    fn scales_map_linearly() {
        let s = Scale::new((0.0, 100.0), (200.0, 0.0));
        assert_eq!(s.at(0.0), 200.0);
        assert_eq!(s.at(25.0), 150.0);
        assert_eq!(s.at(100.0), 0.0);
        assert_eq!(Scale::new((5.0, 5.0), (0.0, 10.0)).at(5.0), 0.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(1050.0, 5), vec![0.0, 500.0, 1000.0, 1500.0]);
        assert_eq!(ticks(100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(7.0, 4), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 4), vec![0.0, 1.0]);
        assert_eq!(ticks(f64::NAN, 4), vec![0.0, 1.0]);
        for max in [0.3, 3.0, 42.0, 999.0, 12_345.0, 1e10] {
            let t = ticks(max, 5);
            assert!(*t.last().unwrap() >= max && t.len() <= 12, "{max}: {t:?}");
        }
    }

    #[test]
    fn paths() {
        assert_eq!(line_path(&[(0.0, 10.0), (5.0, 2.5)]), "M0.0 10.0 L5.0 2.5");
        assert_eq!(
            area_path(&[(0.0, 10.0), (5.0, 2.5)], 20.0),
            "M0.0 10.0 L5.0 2.5 L5.0 20.0 L0.0 20.0 Z"
        );
        assert_eq!(area_path(&[], 0.0), "");
    }
}
