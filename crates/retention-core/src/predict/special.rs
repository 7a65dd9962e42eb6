//! The special functions the BG/NBD and Gamma-Gamma models need: ln Γ, its derivative ψ
//! (for the likelihoods' gradients), ln B and the Gauss hypergeometric function ₂F₁.

use std::f64::consts::PI;

/// Lanczos coefficients for g = 7, n = 9 (as in Numerical Recipes and Boost's "lanczos13m53"
/// ancestor): about 15 significant digits for Γ over the whole positive axis.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x > 0, to about 1e-14 absolute near x = 1 and 2 (where it is zero) and relative
/// elsewhere; NaN for x ≤ 0 or NaN, +∞ for x = +∞.
///
/// ```
/// use retention_core::ln_gamma;
/// assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
/// assert!((ln_gamma(10.0) - 362_880f64.ln()).abs() < 1e-12); // Γ(10) = 9!
/// assert!(ln_gamma(0.0).is_nan());
/// ```
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return f64::INFINITY;
    }
    if x < 0.5 {
        // Reflection Γ(x) Γ(1 − x) = π / sin(πx): the series is accurate only for x ≥ 1/2.
        return (PI / (PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut series = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        series += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

/// ln Γ(x + s) − ln Γ(x), for x > 0 and s ≥ 0, accurate however large x is: the likelihoods
/// need it where a parameter runs large and two huge ln Γ would cancel to rounding noise.
pub(crate) fn ln_gamma_ratio(x: f64, s: f64) -> f64 {
    if x < 40.0 {
        return ln_gamma(x + s) - ln_gamma(x);
    }
    // Stirling's series ln Γ(y) = (y − ½) ln y − y + ½ ln 2π + 1/(12y) − 1/(360y³) + …,
    // differenced term by term so that nothing large cancels; for y ≥ 40 the first omitted
    // term is below 1e-17.
    let y = x + s;
    let tail = |y: f64| {
        let y2 = y * y;
        (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * y2)) / y2) / y2) / y
    };
    (x - 0.5) * (s / x).ln_1p() + s * y.ln() - s + tail(y) - tail(x)
}

/// ψ(x) = d/dx ln Γ(x), the digamma function, for x > 0: to about 1e-15 relative away from
/// its root at 1.4616…, and 2e-15 absolute near it. NaN for x ≤ 0 or NaN.
///
/// ```
/// use retention_core::digamma;
/// let euler_gamma = 0.577_215_664_901_532_9; // ψ(1) = −γ
/// assert!((digamma(1.0) + euler_gamma).abs() < 2e-15);
/// // ψ(x + 1) = ψ(x) + 1/x
/// assert!((digamma(3.5) - digamma(2.5) - 1.0 / 2.5).abs() < 2e-15);
/// ```
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    // Up to x ≥ 10 by ψ(x) = ψ(x + 1) − 1/x, then the asymptotic series
    // ψ(y) = ln y − 1/(2y) − Σ B₂ₖ / (2k y²ᵏ), whose first omitted term is below 2e-16 there.
    let (mut y, mut shift) = (x, 0.0);
    while y < 10.0 {
        shift -= 1.0 / y;
        y += 1.0;
    }
    let y2 = (y * y).recip();
    let series = y2
        * (1.0 / 12.0
            - y2 * (1.0 / 120.0
                - y2 * (1.0 / 252.0
                    - y2 * (1.0 / 240.0 - y2 * (1.0 / 132.0 - y2 * 691.0 / 32_760.0)))));
    shift + y.ln() - 0.5 / y - series
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
///
/// ```
/// use retention_core::ln_beta;
/// // B(2, 3) = 1! 2! / 4! = 1/12
/// assert!((ln_beta(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-14);
/// ```
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The most series terms [`hyp2f1`] adds before giving up: enough for z up to about 0.9999
/// with moderate parameters.
const MAX_TERMS: usize = 1_000_000;

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ, summed as
/// its power series, for |z| < 1 and c not 0, −1, −2, …
///
/// Near |z| = 1 the series converges slowly (the terms shrink like n^(a+b−c−1) |z|ⁿ), so it
/// does not stop at the first small term: it stops once a bound on the whole rest of the sum is
/// below 1e-16 of it. NaN outside the domain, or if a million terms do not get there.
///
/// ```
/// use retention_core::hyp2f1;
/// // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
/// let z = 0.9;
/// assert!((hyp2f1(1.0, 1.0, 2.0, z) - (-(1.0f64 - z).ln() / z)).abs() < 1e-13);
/// assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
/// ```
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let c_pole = c <= 0.0 && c == c.round();
    // Written so that NaN (which compares false) lands outside too.
    let in_domain = z.abs() < 1.0 && a.is_finite() && b.is_finite() && c.is_finite() && !c_pole;
    if !in_domain {
        return f64::NAN;
    }
    // Term m + 1 is term m times z·(a + m)(b + m) / ((c + m)(m + 1)). For m ≥ n with c + n > 0
    // that factor is at most |z|·(1 + α / ((c + n)(n + 1)) + β / (c + n)), with α and β below:
    // expand (|a| + m)(|b| + m) − (c + m)(m + 1). So once that bound ρ is below 1, the rest of
    // the sum after a term t is at most |t| ρ / (1 − ρ).
    let alpha = (a.abs() * b.abs() - c).max(0.0);
    let beta = (a.abs() + b.abs() - c - 1.0).max(0.0);
    let (mut term, mut sum) = (1.0, 1.0);
    for n in 0..MAX_TERMS {
        let n = n as f64;
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if term == 0.0 {
            return sum; // a or b is a non-positive integer: a polynomial, now complete
        }
        let next = n + 1.0; // the factors still to come are those for m ≥ n + 1
        if c + next > 0.0 {
            let rho = z.abs() * (1.0 + alpha / ((c + next) * (next + 1.0)) + beta / (c + next));
            if rho < 1.0 && term.abs() * rho / (1.0 - rho) <= 1e-16 * sum.abs() {
                return sum;
            }
        }
        if !sum.is_finite() {
            break;
        }
    }
    f64::NAN
}
