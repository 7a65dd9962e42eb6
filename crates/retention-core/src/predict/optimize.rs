//! A small derivative-free minimiser: Nelder–Mead (1965) with the standard coefficients, and
//! a fresh start when it stalls. The models minimise over log-parameters, so every parameter stays positive and
//! one step size suits them all. Deterministic: same function and start, same answer.

/// The best point found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Minimum<const N: usize> {
    /// Where the function is lowest.
    pub point: [f64; N],
    /// The function there.
    pub value: f64,
}

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

/// Minimises `f` from `start`, with a first simplex `step` along each axis. `f` may return
/// +∞ (or NaN, read as +∞) where it is undefined; it must be finite at `start`.
///
/// `None` when the evaluations or restarts run out before the simplex shrinks below the
/// tolerances at a point no nearby point beats.
pub(crate) fn minimise<const N: usize>(
    f: impl FnMut(&[f64; N]) -> f64,
    start: [f64; N],
    step: f64,
) -> Option<Minimum<N>> {
    let mut f = Counted { f, evaluations: 0 };
    let mut best = Minimum {
        point: start,
        value: f.eval(&start),
    };
    if !best.value.is_finite() {
        return None;
    }
    for _ in 0..=MAX_RESTARTS {
        best = descend(&mut f, best, step)?;
        // Nelder–Mead can stall on a flattened simplex away from the minimum. A stall shows
        // as a better point a little way along some axis: then start afresh from there.
        // Otherwise the 2N evaluations confirm the minimum.
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

/// The function, counting its evaluations and reading NaN as +∞ so comparisons stay total.
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
