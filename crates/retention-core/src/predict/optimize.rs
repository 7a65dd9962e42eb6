//! The minimiser behind the models' maximum-likelihood fits, for any model in the crate
//! (`crate::predict::minimise`): give it the cost and its gradient as one function of the
//! log-parameters (so every parameter stays positive and one scale suits them all), a start
//! and a box |xᵢ| ≤ limit to search (`f64::INFINITY` for none).
//!
//! It runs BFGS (a quasi-Newton method: it learns the curvature from the gradients it sees)
//! with a line search for the strong Wolfe conditions (Nocedal & Wright, Numerical
//! Optimization, 2006, algorithms 3.5, 3.6 and 6.1): a few dozen evaluations where Nelder–Mead
//! needed hundreds. A coordinate on the box's edge whose slope points out is held there while
//! the others go on, so a maximum at infinity (data without spread) ends on the edge. Where it
//! cannot finish (a gradient that is not finite, a line search that finds no lower point, its
//! budget spent) Nelder–Mead (1965), which needs no gradient and treats the edge as a wall,
//! starts over from the same start; a cost without a gradient (NaN for it) goes there
//! directly. Deterministic: same function and start, same answer.
//!
//! ```ignore
//! // Minimise (x₀ − 1)² + 10 (x₁ + 2)² within |xᵢ| ≤ 5.
//! let cost = |x: &[f64; 2]| {
//!     let value = (x[0] - 1.0).powi(2) + 10.0 * (x[1] + 2.0).powi(2);
//!     (value, [2.0 * (x[0] - 1.0), 20.0 * (x[1] + 2.0)])
//! };
//! let best = minimise(cost, [0.0; 2], 5.0).unwrap();
//! assert!((best.point[0] - 1.0).abs() < 1e-9 && (best.point[1] + 2.0).abs() < 1e-9);
//! ```

/// The best point found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Minimum<const N: usize> {
    /// Where the function is lowest.
    pub point: [f64; N],
    /// The function there.
    pub value: f64,
}

/// Quasi-Newton stops when every partial derivative is at most this. The models' costs are
/// means per customer, so this leaves their log-parameters within about 1e-9 of the maximum,
/// where rounding in the sums starts to show.
const GRADIENT_TOLERANCE: f64 = 1e-10;
/// Evaluations quasi-Newton may take before Nelder–Mead takes over: a few dozen usually, a
/// hundred or so when the maximum lies at the box's edge along a ridge.
const MAX_EVALUATIONS: usize = 400;
/// Evaluations one line search may take.
const MAX_LINE_EVALUATIONS: usize = 40;
/// The strong Wolfe conditions: enough decrease (c₁) and a slope flattened enough (c₂).
const C1: f64 = 1e-4;
const C2: f64 = 0.9;
/// Rounding allowed in the decrease test, relative to the cost: near the minimum the decrease
/// a good step makes is below what the sums can resolve, and the slope decides.
const ROUNDING: f64 = 1e-14;

/// Minimises `f`, which returns the cost and its gradient, from `start` within |xᵢ| ≤ `limit`.
/// `f` is called only inside the box; it may return +∞ or NaN where it is undefined, but must
/// be finite at `start`. A gradient that is not finite at `start` leaves the work to
/// Nelder–Mead.
///
/// `None` when neither method reaches a point that no nearby point beats within their budgets.
pub(crate) fn minimise<const N: usize>(
    mut f: impl FnMut(&[f64; N]) -> (f64, [f64; N]),
    start: [f64; N],
    limit: f64,
) -> Option<Minimum<N>> {
    let (value, gradient) = f(&start);
    if !value.is_finite() {
        return None;
    }
    if gradient.iter().all(|g| g.is_finite()) {
        if let Ok(minimum) = quasi_newton(&mut f, start, value, gradient, limit) {
            return Some(minimum);
        }
    }
    let cost = |x: &[f64; N]| {
        if x.iter().any(|v| v.abs() > limit) {
            return f64::INFINITY;
        }
        f(x).0
    };
    let start = Minimum {
        point: start,
        value,
    };
    nelder_mead::minimise(cost, start, 1.0)
}

/// A point with its cost and gradient.
#[derive(Clone, Copy)]
struct Point<const N: usize> {
    x: [f64; N],
    value: f64,
    gradient: [f64; N],
}

fn dot<const N: usize>(u: &[f64; N], v: &[f64; N]) -> f64 {
    u.iter().zip(v).map(|(a, b)| a * b).sum()
}

/// BFGS on the inverse Hessian. `Err` with the best point so far when it cannot finish.
fn quasi_newton<const N: usize>(
    f: &mut impl FnMut(&[f64; N]) -> (f64, [f64; N]),
    start: [f64; N],
    value: f64,
    gradient: [f64; N],
    limit: f64,
) -> Result<Minimum<N>, Minimum<N>> {
    let mut at = Point {
        x: start,
        value,
        gradient,
    };
    let identity = {
        let mut h = [[0.0; N]; N];
        (0..N).for_each(|i| h[i][i] = 1.0);
        h
    };
    let mut inverse_hessian = identity;
    let mut first = true;
    let mut was_held = [false; N];
    let evaluations = std::cell::Cell::new(0);
    let mut f = |x: &[f64; N]| {
        evaluations.set(evaluations.get() + 1);
        f(x)
    };
    let stop = |at: &Point<N>| Minimum {
        point: at.x,
        value: at.value,
    };
    // A coordinate on the box's edge whose slope points out of the box stays there: the search
    // goes on in the others (an active set, as in projected quasi-Newton methods).
    let held_at = |at: &Point<N>| -> [bool; N] {
        std::array::from_fn(|i| at.x[i].abs() >= limit && at.gradient[i] * at.x[i].signum() <= 0.0)
    };
    let converged = |at: &Point<N>, held: &[bool; N]| {
        (0..N).all(|i| held[i] || at.gradient[i].abs() <= GRADIENT_TOLERANCE)
    };
    while evaluations.get() < MAX_EVALUATIONS {
        let held = held_at(&at);
        if held != was_held {
            // The curvature learnt with other coordinates free misleads now: learn it afresh.
            (inverse_hessian, first, was_held) = (identity, true, held);
        }
        if converged(&at, &held) {
            return Ok(stop(&at));
        }
        let free_slope = |i: usize| if held[i] { 0.0 } else { at.gradient[i] };
        let mut direction = [0.0; N];
        for i in (0..N).filter(|&i| !held[i]) {
            direction[i] = -(0..N)
                .map(|j| inverse_hessian[i][j] * free_slope(j))
                .sum::<f64>();
            if at.x[i].abs() >= limit && direction[i] * at.x[i] > 0.0 {
                direction[i] = 0.0; // the curvature points out where the slope points in
            }
        }
        if dot(&direction, &at.gradient) >= 0.0 {
            // Rounding spoilt the curvature: start learning it afresh.
            inverse_hessian = identity;
            direction = std::array::from_fn(|i| -free_slope(i));
            first = true;
        }
        // The longest step that stays in the box.
        let room = direction
            .iter()
            .zip(&at.x)
            .filter(|(d, _)| **d != 0.0)
            .map(|(d, x)| ((limit.copysign(*d) - x) / d).max(0.0))
            .fold(f64::INFINITY, f64::min);
        if room <= 0.0 {
            return Err(stop(&at));
        }
        // The first step has no curvature to go by: at most one unit in any coordinate.
        let largest = direction.iter().fold(0.0, |m: f64, d| m.max(d.abs()));
        let initial = if first { largest.recip().min(1.0) } else { 1.0 };
        let Some(next) = line_search(&mut f, &at, &direction, initial.min(room), room, limit)
        else {
            return Err(stop(&at));
        };
        let s: [f64; N] = std::array::from_fn(|i| next.x[i] - at.x[i]);
        let y: [f64; N] = std::array::from_fn(|i| next.gradient[i] - at.gradient[i]);
        let sy = dot(&s, &y);
        if sy > 0.0 {
            if first {
                // Nocedal & Wright (6.20): the first guess at the scale of the curvature.
                let scale = sy / dot(&y, &y);
                inverse_hessian = identity.map(|row| row.map(|v| v * scale));
                first = false;
            }
            bfgs_update(&mut inverse_hessian, &s, &y, sy);
        }
        let moved = s
            .iter()
            .zip(&at.x)
            .any(|(d, x)| d.abs() > f64::EPSILON * (1.0 + x.abs()));
        at = next;
        if !moved {
            // No representable progress: converged if the slope says so, else stuck.
            return match converged(&at, &held_at(&at)) {
                true => Ok(stop(&at)),
                false => Err(stop(&at)),
            };
        }
    }
    Err(stop(&at))
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / yᵀs.
fn bfgs_update<const N: usize>(h: &mut [[f64; N]; N], s: &[f64; N], y: &[f64; N], sy: f64) {
    let rho = sy.recip();
    let hy: [f64; N] = std::array::from_fn(|i| dot(&h[i], y));
    let yhy = dot(y, &hy);
    for i in 0..N {
        for j in 0..N {
            h[i][j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
        }
    }
}

/// A step along `direction` from `at` meeting the strong Wolfe conditions, trying `initial`
/// first and never going past `room`. At `room` itself, if the cost still falls there, the
/// step stops at the box's edge.
fn line_search<const N: usize>(
    f: &mut impl FnMut(&[f64; N]) -> (f64, [f64; N]),
    at: &Point<N>,
    direction: &[f64; N],
    initial: f64,
    room: f64,
    limit: f64,
) -> Option<Point<N>> {
    let slope0 = dot(&at.gradient, direction);
    let slack = ROUNDING * (1.0 + at.value.abs());
    let evaluations = std::cell::Cell::new(0);
    let mut probe = |step: f64| {
        evaluations.set(evaluations.get() + 1);
        // Clamped, so that a step to the edge lands on it exactly.
        let x: [f64; N] =
            std::array::from_fn(|i| (at.x[i] + step * direction[i]).clamp(-limit, limit));
        let (value, gradient) = f(&x);
        let finite = value.is_finite() && gradient.iter().all(|g| g.is_finite());
        let value = if finite { value } else { f64::INFINITY };
        Sample {
            step,
            value,
            slope: if finite {
                dot(&gradient, direction)
            } else {
                f64::NAN
            },
            point: Point { x, value, gradient },
        }
    };
    let too_high = |s: &Sample<N>| s.value > at.value + C1 * s.step * slope0 + slack;
    let flat = |s: &Sample<N>| s.slope.abs() <= -C2 * slope0;
    let origin = Sample {
        step: 0.0,
        value: at.value,
        slope: slope0,
        point: *at,
    };

    // Bracketing: lengthen the step until it overshoots, flattens or turns up.
    let mut previous = origin;
    let mut step = initial;
    let (mut lo, mut hi) = loop {
        let sample = probe(step);
        if too_high(&sample) || (previous.step > 0.0 && sample.value >= previous.value) {
            break (previous, sample);
        }
        if flat(&sample) {
            return Some(sample.point);
        }
        if sample.slope >= 0.0 {
            break (sample, previous);
        }
        if step >= room {
            return Some(sample.point); // still falling at the edge of the box
        }
        if evaluations.get() >= MAX_LINE_EVALUATIONS {
            return None;
        }
        previous = sample;
        step = (2.0 * step).min(room);
    };

    // Zoom: lo is the best acceptable step so far, the minimiser lies between lo and hi.
    while evaluations.get() < MAX_LINE_EVALUATIONS {
        let step = interpolate(&lo, &hi);
        if (step - lo.step).abs() <= f64::EPSILON * lo.step.abs().max(f64::MIN_POSITIVE) {
            break;
        }
        let sample = probe(step);
        if too_high(&sample) || sample.value >= lo.value {
            hi = sample;
        } else {
            if flat(&sample) {
                return Some(sample.point);
            }
            if sample.slope * (hi.step - lo.step) >= 0.0 {
                hi = lo;
            }
            lo = sample;
        }
    }
    // The interval shrank to nothing: take lo if it made any progress.
    (lo.step > 0.0).then_some(lo.point)
}

/// One evaluation along the search line.
#[derive(Clone, Copy)]
struct Sample<const N: usize> {
    step: f64,
    value: f64,
    slope: f64,
    point: Point<N>,
}

/// The minimiser of the cubic through both ends' values and slopes (Nocedal & Wright 3.59),
/// kept at least a tenth of the interval from either end; the midpoint where that cubic is
/// not defined (an end's value or slope not finite).
fn interpolate<const N: usize>(lo: &Sample<N>, hi: &Sample<N>) -> f64 {
    let (a, b) = (lo.step, hi.step);
    let mid = 0.5 * (a + b);
    if !(hi.value.is_finite() && hi.slope.is_finite() && lo.slope.is_finite()) {
        return mid;
    }
    let d1 = lo.slope + hi.slope - 3.0 * (lo.value - hi.value) / (a - b);
    let d2 = (d1 * d1 - lo.slope * hi.slope).sqrt().copysign(b - a);
    let t = b - (b - a) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2.0 * d2);
    let (low, high) = (a.min(b), a.max(b));
    let margin = 0.1 * (high - low);
    if t.is_finite() {
        t.clamp(low + margin, high - margin)
    } else {
        mid
    }
}

mod nelder_mead {
    //! Nelder–Mead (1965) with the standard coefficients, and a fresh start when it stalls.

    use super::Minimum;

    /// Stop when the simplex's values differ by at most this much...
    const VALUE_TOLERANCE: f64 = 1e-12;
    /// ...and its corners lie within this of the best one, in every coordinate. On
    /// log-parameters that is a relative precision, far below any estimate's standard error.
    const POINT_TOLERANCE: f64 = 1e-5;
    /// How far from a converged point the check for a stall looks, along each axis.
    const POLL_STEP: f64 = 1e-4;
    /// Evaluations allowed over all restarts.
    const MAX_EVALUATIONS: usize = 5_000;
    /// Fresh starts allowed after a stall.
    const MAX_RESTARTS: usize = 5;

    /// Minimises `f` from `start`, with a first simplex `step` along each axis. `f` may
    /// return +∞ (or NaN, read as +∞) where it is undefined; `start.value` must be finite.
    ///
    /// `None` when the evaluations or restarts run out before the simplex shrinks below the
    /// tolerances at a point no nearby point beats.
    pub(super) fn minimise<const N: usize>(
        f: impl FnMut(&[f64; N]) -> f64,
        start: Minimum<N>,
        step: f64,
    ) -> Option<Minimum<N>> {
        let mut f = Counted { f, evaluations: 0 };
        let mut best = start;
        for _ in 0..=MAX_RESTARTS {
            best = descend(&mut f, best, step)?;
            // Nelder–Mead can stall on a flattened simplex away from the minimum. A stall
            // shows as a better point a little way along some axis: then start afresh from
            // there. Otherwise the 2N evaluations confirm the minimum.
            let mut moved = false;
            for i in 0..N {
                for sign in [-1.0, 1.0] {
                    let mut x = best.point;
                    x[i] += sign * POLL_STEP;
                    let value = f.eval(&x);
                    if value < best.value - VALUE_TOLERANCE {
                        (best, moved) = (Minimum { point: x, value }, true);
                    }
                }
            }
            if !moved {
                return Some(best);
            }
        }
        None
    }

    /// The function, counting its evaluations and reading NaN as +∞ so comparisons stay
    /// total.
    struct Counted<F> {
        f: F,
        evaluations: usize,
    }

    impl<F> Counted<F> {
        fn eval<const N: usize>(&mut self, x: &[f64; N]) -> f64
        where
            F: FnMut(&[f64; N]) -> f64,
        {
            self.evaluations += 1;
            let v = (self.f)(x);
            if v.is_nan() {
                f64::INFINITY
            } else {
                v
            }
        }
    }

    /// One Nelder–Mead run from a simplex around `from`; `None` past [`MAX_EVALUATIONS`].
    fn descend<const N: usize, F: FnMut(&[f64; N]) -> f64>(
        f: &mut Counted<F>,
        from: Minimum<N>,
        step: f64,
    ) -> Option<Minimum<N>> {
        let mut simplex = vec![(from.point, from.value)];
        for i in 0..N {
            let mut x = from.point;
            x[i] += step;
            simplex.push((x, f.eval(&x)));
        }
        loop {
            simplex.sort_by(|p, q| p.1.total_cmp(&q.1));
            let (best, worst) = (simplex[0], simplex[N]);
            let spread = worst.1 - best.1;
            let size = simplex
                .iter()
                .flat_map(|(x, _)| x.iter().zip(&best.0).map(|(a, b)| (a - b).abs()))
                .fold(0.0, f64::max);
            if spread <= VALUE_TOLERANCE && size <= POINT_TOLERANCE {
                return Some(Minimum {
                    point: best.0,
                    value: best.1,
                });
            }
            if f.evaluations > MAX_EVALUATIONS {
                return None;
            }
            // Centroid of all corners but the worst.
            let mut centroid = [0.0; N];
            for (x, _) in &simplex[..N] {
                for (c, xi) in centroid.iter_mut().zip(x) {
                    *c += xi / N as f64;
                }
            }
            // The point centroid + t·(centroid − worst).
            let along = |t: f64| {
                let mut x = centroid;
                for (xi, w) in x.iter_mut().zip(&worst.0) {
                    *xi += t * (*xi - w);
                }
                x
            };
            let reflected = along(1.0);
            let fr = f.eval(&reflected);
            if fr < best.1 {
                let expanded = along(2.0);
                let fe = f.eval(&expanded);
                simplex[N] = if fe < fr {
                    (expanded, fe)
                } else {
                    (reflected, fr)
                };
            } else if fr < simplex[N - 1].1 {
                simplex[N] = (reflected, fr);
            } else {
                // Contract towards the better of the reflected and the worst point.
                let (t, f_ref) = if fr < worst.1 {
                    (0.5, fr)
                } else {
                    (-0.5, worst.1)
                };
                let contracted = along(t);
                let fc = f.eval(&contracted);
                if fc <= f_ref {
                    simplex[N] = (contracted, fc);
                } else {
                    // Shrink every corner halfway towards the best.
                    for corner in &mut simplex[1..] {
                        for (xi, b) in corner.0.iter_mut().zip(&best.0) {
                            *xi = b + 0.5 * (*xi - b);
                        }
                        corner.1 = f.eval(&corner.0);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the evaluations of `f`.
    fn counted<'a, const N: usize>(
        f: impl Fn(&[f64; N]) -> (f64, [f64; N]) + 'a,
        count: &'a std::cell::Cell<usize>,
    ) -> impl FnMut(&[f64; N]) -> (f64, [f64; N]) + 'a {
        move |x| {
            count.set(count.get() + 1);
            f(x)
        }
    }

    /// Rosenbrock's valley in N dimensions: Σ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², lowest (0) at
    /// all ones, along a curved valley that defeats steepest descent.
    fn rosenbrock<const N: usize>(x: &[f64; N]) -> (f64, [f64; N]) {
        let (mut value, mut gradient) = (0.0, [0.0; N]);
        for i in 0..N - 1 {
            let (valley, slope) = (x[i + 1] - x[i] * x[i], 1.0 - x[i]);
            value += 100.0 * valley * valley + slope * slope;
            gradient[i] += -400.0 * x[i] * valley - 2.0 * slope;
            gradient[i + 1] += 200.0 * valley;
        }
        (value, gradient)
    }

    #[test]
    fn quasi_newton_finds_the_bottom_of_rosenbrock_s_valley() {
        let count = std::cell::Cell::new(0);
        let best = minimise(
            counted(rosenbrock::<4>, &count),
            [-1.2, 1.0, -1.2, 1.0],
            10.0,
        )
        .expect("a minimum");
        for v in best.point {
            assert!((v - 1.0).abs() < 1e-8, "{:?}", best.point);
        }
        // Nelder–Mead needs well over a thousand evaluations here.
        assert!(count.get() < 300, "{} evaluations", count.get());
    }

    #[test]
    fn without_a_box_too() {
        let best = minimise(rosenbrock::<3>, [-1.2, 1.0, 30.0], f64::INFINITY).expect("a minimum");
        for v in best.point {
            assert!((v - 1.0).abs() < 1e-8, "{:?}", best.point);
        }
    }

    #[test]
    fn a_minimum_beyond_the_box_stops_on_its_edge() {
        // Lowest at (20, −3, −50): the box holds x₀ at 10 and x₂ at −10, and x₁ finds −3.
        let bowl = |x: &[f64; 3]| {
            let centre = [20.0, -3.0, -50.0];
            let d: [f64; 3] = std::array::from_fn(|i| x[i] - centre[i]);
            (
                dot(&d, &d) + d[0] * d[1],
                [2.0 * d[0] + d[1], 2.0 * d[1] + d[0], 2.0 * d[2]],
            )
        };
        let best = minimise(bowl, [0.0; 3], 10.0).expect("a minimum");
        assert_eq!((best.point[0], best.point[2]), (10.0, -10.0));
        // On the edge x₀ = 10 the best x₁ solves 2 (x₁ + 3) + (10 − 20) = 0.
        assert!((best.point[1] - 2.0).abs() < 1e-9, "{:?}", best.point);
    }

    #[test]
    fn a_ridge_to_infinity_ends_on_the_edge_without_nelder_mead() {
        // Lowest at infinity along x₀ = x₁ + ½ (as a fit whose data show no spread): x₀ meets
        // the edge first and is held, then x₁ finds its best, 9.5 + e^−x₁ / 2.
        let ridge = |x: &[f64; 2]| {
            let (d, tail) = (x[0] - x[1] - 0.5, (-x[1]).exp());
            (d * d + tail, [2.0 * d, -2.0 * d - tail])
        };
        let count = std::cell::Cell::new(0);
        let best = minimise(counted(ridge, &count), [0.0; 2], 10.0).expect("a minimum");
        assert_eq!(best.point[0], 10.0);
        assert!(
            (best.point[1] - 9.500_037_4).abs() < 1e-6,
            "{:?}",
            best.point
        );
        assert!(count.get() < 200, "{} evaluations", count.get());
    }

    #[test]
    fn without_a_gradient_nelder_mead_does_the_work() {
        let no_gradient = |x: &[f64; 2]| (rosenbrock(x).0, [f64::NAN; 2]);
        let best = minimise(no_gradient, [-1.2, 1.0], 10.0).expect("a minimum");
        for v in best.point {
            assert!((v - 1.0).abs() < 1e-3, "{:?}", best.point);
        }
    }

    #[test]
    fn an_undefined_start_gives_none() {
        let undefined = |_: &[f64; 2]| (f64::NAN, [0.0; 2]);
        assert!(minimise(undefined, [0.0; 2], 10.0).is_none());
    }
}
