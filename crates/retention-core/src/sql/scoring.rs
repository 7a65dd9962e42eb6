//! Scoring every customer in the warehouse from fitted models, as [`crate::predict`] does.
//!
//! P(alive) and expected spend are closed forms every dialect can write. Expected purchases
//! (BG/NBD eq. 10) need the Gauss hypergeometric function ₂F₁, which no dialect has: the SQL
//! sums its power series over a table of term numbers, each term as the running product of
//! the ratios of consecutive terms (a running sum of their logarithms, with the sign counted
//! apart, since SQL has no product aggregate). The series is summed once per distinct
//! (frequency, T), not per customer, and cut after a number of terms chosen here, from the
//! fitted parameters and the horizon, so that what is cut off changes no customer's expected
//! purchases by more than [`CUT_OFF_ERROR`].

use super::{Ctes, Dialect, Models, SqlError, WarehouseQuery};
use crate::BgNbd;

/// The most series terms the SQL sums for one history's expected purchases: more would make
/// the query slow in any warehouse (rows = distinct histories × terms).
pub const MAX_SERIES_TERMS: u64 = 20_000;

/// Repeat-purchase counts checked one by one when the series' first form is summed for all of
/// them: past this, such histories get no expected purchases (NULL).
const MAX_CHECKED: u32 = 2_000;

/// The largest repeat-purchase count a series length applies to: all of them.
const ANY_X: u32 = i32::MAX as u32;

/// What cutting the series off may change in a customer's expected purchases, at most.
pub(super) const CUT_OFF_ERROR: f64 = 1e-12;

/// Repeat-purchase counts checked beyond the first that uses Euler's form; past them the
/// terms only shrink.
const CHECK_BEYOND: u32 = 200;

/// Where `predict` takes the mean of two nearby models: at a = 1 (the formula divides by
/// a − 1) and, for customers without repeat purchases, at a + b = 1.
struct Side {
    a: f64,
    b: f64,
    weight: f64,
    /// The frequencies the side applies to.
    min_x: u32,
    max_x: u32,
}

/// How many series terms the histories with `x_from..=x_to` repeat purchases need, per side.
struct Length {
    side: usize,
    x_from: u32,
    x_to: u32,
    terms: u64,
}

/// A checked scoring query: the models, the sides and how many terms to sum.
pub(super) struct Scoring {
    models: Models,
    horizon: f64,
    share: f64,
    sides: Vec<Side>,
    lengths: Vec<Length>,
    /// What the lengths leave out, in words; empty when they cover every history.
    uncovered: String,
}

impl Scoring {
    pub(super) fn new(q: &WarehouseQuery) -> Result<Scoring, SqlError> {
        let models = q.models.ok_or(SqlError::NoModels)?;
        let BgNbd { r, alpha, a, b } = models.purchases;
        let spend = models.spend;
        let positive = [r, alpha, a, b, spend.p, spend.q, spend.gamma];
        let valid = positive.iter().all(|v| v.is_finite() && *v > 0.0)
            && q.horizon_weeks.is_finite()
            && q.horizon_weeks >= 0.0
            && q.margin.is_none_or(f64::is_finite);
        if !valid {
            return Err(SqlError::InvalidModels);
        }
        // The same tests and steps as `BgNbd::expected_purchases`.
        let sides = if (a - 1.0).abs() < 1e-5 {
            vec![Side::all(a - 2e-5, b, 0.5), Side::all(a + 2e-5, b, 0.5)]
        } else if a + b - 1.0 == 0.0 {
            let none = |b| Side {
                a,
                b,
                weight: 0.5,
                min_x: 0,
                max_x: 0,
            };
            vec![
                Side {
                    min_x: 1,
                    ..Side::all(a, b, 1.0)
                },
                none(b * (1.0 - 1e-9)),
                none(b * (1.0 + 1e-9)),
            ]
        } else {
            vec![Side::all(a, b, 1.0)]
        };
        let mut lengths = Vec::new();
        let mut uncovered = Vec::new();
        for (i, side) in sides.iter().enumerate() {
            let model = BgNbd {
                a: side.a,
                b: side.b,
                ..models.purchases
            };
            let (found, missing) = series_lengths(&model, q.horizon_weeks);
            let covered = |x: u32| found.iter().any(|l| (l.x_from..=l.x_to).contains(&x));
            if !covered(side.min_x) {
                return Err(SqlError::HorizonTooLong {
                    terms: MAX_SERIES_TERMS,
                });
            }
            lengths.extend(found.into_iter().map(|l| Length { side: i, ..l }));
            uncovered.extend(missing);
        }
        uncovered.dedup();
        Ok(Scoring {
            models,
            horizon: q.horizon_weeks,
            share: q.margin.unwrap_or(100.0) / 100.0,
            sides,
            lengths,
            uncovered: uncovered.join(", "),
        })
    }

    /// Adds the scoring expressions after `customers` and the final `SELECT`.
    pub(super) fn append(&self, d: Dialect, ctes: &mut Ctes, sql: &mut String) {
        let n = |v: f64| d.number(v);
        let BgNbd { r, alpha, a, b } = self.models.purchases;
        let spend = self.models.spend;
        let double = d.double();
        ctes.add(
            "The fitted models, time in weeks: BG/NBD r, alpha, a, b; Gamma-Gamma p, q, gamma;\n\
             the horizon in weeks; the share of revenue that is CLV (the margin, or 1).",
            "model",
            &format!(
                "SELECT\n  {} AS r,\n  {} AS alpha,\n  {} AS a,\n  {} AS b,\n  {} AS p,\n  \
                 {} AS q,\n  {} AS gg_gamma,\n  {} AS horizon,\n  {} AS share",
                n(r),
                n(alpha),
                n(a),
                n(b),
                n(spend.p),
                n(spend.q),
                n(spend.gamma),
                n(self.horizon),
                n(self.share),
            ),
        );
        let sides: Vec<String> = self
            .sides
            .iter()
            .enumerate()
            .map(|(i, s)| {
                format!(
                    "SELECT {i} AS side, {} AS side_a, {} AS side_b, {} AS weight, {} AS min_x, {} AS max_x",
                    n(s.a),
                    n(s.b),
                    n(s.weight),
                    s.min_x,
                    s.max_x
                )
            })
            .collect();
        let sides_comment = if self.sides.len() == 1 {
            "Expected purchases divide by a - 1 and, without repeat purchases, by a + b - 1; with\n\
             neither 0 the model is taken as fitted (one side)."
        } else {
            "Expected purchases divide by a - 1 and, without repeat purchases, by a + b - 1. Where\n\
             that is (close to) 0 the calculator takes the mean of the formula at two nearby\n\
             values (a +- 2e-5, or b times 1 -+ 1e-9), each a side below. The SQL weighs the part\n\
             of the formula before P(alive) this way and multiplies by P(alive) at the fitted a:\n\
             a difference of the order of 1e-10 from the calculator's mean."
        };
        ctes.add(sides_comment, "sides", &sides.join("\nUNION ALL\n"));
        ctes.add(
            "The distinct histories (x = frequency, T) per side: the series depends on nothing\n\
             else, so it is summed once per row here rather than per customer. Time in weeks:\n\
             days / 7. z = h / (alpha + T + h); ln(1 - z) = ln(alpha + T) - ln(alpha + T + h).\n\
             G = ((alpha + T) / (alpha + T + h))^(r + x) * 2F1(r + x, b + x; c; z), c = a + b + x - 1,\n\
             equals by Euler's transformation (1 - z)^(a - 1) * 2F1(a + b - 1 - r, a - 1; c; z): as\n\
             the calculator does, the form whose upper parameters have the smaller product is summed\n\
             (euler = 1 for the second).",
            "series_keys",
            &format!(
                "SELECT\n  s.side,\n  s.weight,\n  s.side_a,\n  h.frequency AS x,\n  h.age_days,\n  \
                 s.side_a + s.side_b + h.frequency - 1 AS c,\n  \
                 m.horizon / (m.alpha + h.t + m.horizon) AS z,\n  \
                 LN(m.alpha + h.t) - LN(m.alpha + h.t + m.horizon) AS ln_1mz,\n  \
                 CASE WHEN ABS((s.side_a + s.side_b - 1 - m.r) * (s.side_a - 1))\n    \
                 < (m.r + h.frequency) * (s.side_b + h.frequency) THEN 1 ELSE 0 END AS euler,\n  \
                 m.r, s.side_b\n\
                 FROM (\n  SELECT DISTINCT frequency, age_days, CAST(age_days AS {double}) / {seven} AS t\n  \
                 FROM customers\n) AS h\n\
                 CROSS JOIN sides AS s\n\
                 CROSS JOIN model AS m\n\
                 WHERE h.frequency BETWEEN s.min_x AND s.max_x",
                seven = n(7.0),
            ),
        );
        let most = self.lengths.iter().map(|l| l.terms).max().unwrap_or(2);
        let lengths: Vec<String> = self
            .lengths
            .iter()
            .map(|l| {
                format!(
                    "SELECT {} AS side, {} AS x_from, {} AS x_to, {} AS terms",
                    l.side, l.x_from, l.x_to, l.terms
                )
            })
            .collect();
        let uncovered = if self.uncovered.is_empty() {
            String::new()
        } else {
            format!(
                "\nHistories with {} repeat purchases would need more than {MAX_SERIES_TERMS}\n\
                 terms under these models: their expected purchases (and CLV) are NULL.",
                self.uncovered
            )
        };
        ctes.add(
            &format!(
                "Series lengths. 2F1(A, B; c; z) = sum over k of t_k, t_0 = 1,\n\
                 t_(m+1) = t_m * (A + m)(B + m) / ((c + m)(m + 1)) * z, is cut after `terms` terms,\n\
                 chosen per number of repeat purchases x when this SQL was written: for every\n\
                 T >= 0 (z is largest at T = 0; past the x checked the terms only shrink) the\n\
                 rest of the series, bounded as the calculator bounds it, changes expected\n\
                 purchases by less than {CUT_OFF_ERROR:e}.{uncovered}"
            ),
            "series_lengths",
            &lengths.join("\nUNION ALL\n"),
        );
        ctes.add(
            "Term numbers m = 0, 1, ...: one row per ratio of consecutive terms.",
            "series_steps",
            &d.numbers(most - 1),
        );
        ctes.add(
            "The ratio t_(m+1) / t_m of each series' consecutive terms.",
            "series_ratios",
            "SELECT\n  k.side,\n  k.x,\n  k.age_days,\n  s.n AS m,\n  \
             (CASE WHEN k.euler = 1 THEN k.side_a + k.side_b - 1 - k.r ELSE k.r + k.x END + s.n)\n  \
             * (CASE WHEN k.euler = 1 THEN k.side_a - 1 ELSE k.side_b + k.x END + s.n)\n  \
             / NULLIF((k.c + s.n) * (s.n + 1), 0) * k.z AS ratio\n\
             FROM series_keys AS k\n\
             JOIN series_lengths AS l ON l.side = k.side AND k.x BETWEEN l.x_from AND l.x_to\n\
             JOIN series_steps AS s ON s.n < l.terms - 1",
        );
        let window =
            "OVER (PARTITION BY side, x, age_days ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
        ctes.add(
            "t_(m+1) = the product of the ratios up to m. SQL has no product aggregate: the\n\
             running sum of ln |ratio|, with the negative ratios counted for the sign and a zero\n\
             ratio (a series that ends) making every later term 0.",
            "series_products",
            &format!(
                "SELECT\n  side,\n  x,\n  age_days,\n  \
                 SUM(LN(CASE WHEN ratio = 0 THEN 1 ELSE ABS(ratio) END)) {window} AS ln_term,\n  \
                 SUM(CASE WHEN ratio < 0 THEN 1 ELSE 0 END) {window} AS negatives,\n  \
                 SUM(CASE WHEN ratio = 0 THEN 1 ELSE 0 END) {window} AS zeros\n\
                 FROM series_ratios"
            ),
        );
        ctes.add(
            "2F1 = 1 + the sum of the terms (exp is kept above e^-700: some warehouses refuse\n\
             an underflow).",
            "series_sums",
            "SELECT\n  side,\n  x,\n  age_days,\n  1 + SUM(\n    CASE WHEN zeros > 0 THEN 0\n    \
             WHEN MOD(negatives, 2) = 1 THEN -EXP(GREATEST(ln_term, -700))\n    \
             ELSE EXP(GREATEST(ln_term, -700)) END\n  ) AS f21\n\
             FROM series_products\n\
             GROUP BY side, x, age_days",
        );
        ctes.add(
            "Expected purchases before P(alive): c / (a - 1) * (1 - G), per history, the\n\
             sides' weighted mean.",
            "purchase_factors",
            "SELECT\n  k.x,\n  k.age_days,\n  \
             SUM(k.weight * k.c / (k.side_a - 1) * (1 - EXP(GREATEST(\n    \
             k.ln_1mz * CASE WHEN k.euler = 1 THEN k.side_a - 1 ELSE k.r + k.x END, -700)) * f.f21)) AS factor\n\
             FROM series_keys AS k\n\
             JOIN series_sums AS f ON f.side = k.side AND f.x = k.x AND f.age_days = k.age_days\n\
             GROUP BY k.x, k.age_days",
        );
        ctes.add(
            "Each customer. P(alive) = 1 without repeat purchases, else\n\
             1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)), through logs (the\n\
             exponent kept within +-700). Expected spend (Gamma-Gamma) =\n\
             p (gamma + x m) / (p x + q - 1), NULL where that expectation does not exist\n\
             (p x + q <= 1). Expected purchases = P(alive) * the history's factor.",
            "scored",
            &format!(
                "SELECT\n  c.customer_key,\n  c.frequency,\n  c.recency,\n  c.age_days,\n  c.monetary_value,\n  \
                 CASE WHEN c.frequency = 0 THEN {one} ELSE 1 / (1 + EXP(GREATEST(LEAST(\n    \
                 LN(m.a) - LN(m.b + GREATEST(c.frequency, 1) - 1)\n    \
                 + (m.r + c.frequency) * (LN(m.alpha + CAST(c.age_days AS {double}) / {seven})\n      \
                 - LN(m.alpha + CAST(c.recency AS {double}) / {seven})),\n    \
                 700), -700))) END AS p_alive,\n  \
                 CASE WHEN m.p * c.frequency + m.q - 1 > 0\n    \
                 THEN m.p * (m.gg_gamma + CASE WHEN c.frequency > 0 THEN c.frequency * c.monetary_value ELSE 0 END)\n      \
                 / (m.p * c.frequency + m.q - 1)\n  END AS expected_spend,\n  \
                 f.factor,\n  m.share\n\
                 FROM customers AS c\n\
                 LEFT JOIN purchase_factors AS f ON f.x = c.frequency AND f.age_days = c.age_days\n\
                 CROSS JOIN model AS m",
                one = n(1.0),
                seven = n(7.0),
            ),
        );
        let q = |name: &str| d.quote(name);
        ctes.finish(
            sql,
            "One row per customer: the summary's columns (days) and the scores. CLV = expected\n\
             purchases * expected spend * share: the value over the horizon, undiscounted.",
            &format!(
                "SELECT\n  customer_key AS {},\n  frequency AS {},\n  recency AS {},\n  age_days AS {},\n  \
                 monetary_value AS {},\n  p_alive AS {},\n  p_alive * factor AS {},\n  \
                 expected_spend AS {},\n  p_alive * factor * expected_spend * share AS {}\n\
                 FROM scored",
                q("customer"),
                q("frequency"),
                q("recency"),
                q("T"),
                q("monetary_value"),
                q("p_alive"),
                q("expected_purchases"),
                q("expected_spend"),
                q("clv"),
            ),
        );
    }
}

impl Side {
    fn all(a: f64, b: f64, weight: f64) -> Side {
        Side {
            a,
            b,
            weight,
            min_x: 0,
            max_x: u32::MAX >> 1,
        }
    }
}

/// How many series terms (t_0, t_1, …) the histories with x repeat purchases need under
/// `model` over `horizon` weeks, for every T ≥ 0, as runs of x with one (rounded up) length;
/// and the runs of x that would need more than [`MAX_SERIES_TERMS`], in words.
///
/// The worst case is T = 0 (z largest). Each x up to the first that uses Euler's form is
/// checked (at most [`MAX_CHECKED`] of them), and [`CHECK_BEYOND`] more: past them the series'
/// ratios only shrink (c grows with x while the upper parameters stay), so the longest length
/// of the last half of those checked holds for every larger x.
fn series_lengths(model: &BgNbd, horizon: f64) -> (Vec<Length>, Vec<String>) {
    let BgNbd { r, alpha, a, b } = *model;
    let z = horizon / (alpha + horizon);
    let ln_1mz = alpha.ln() - (alpha + horizon).ln();
    let euler = |x: u32| {
        let x = f64::from(x);
        ((a + b - 1.0 - r) * (a - 1.0)).abs() < (r + x) * (b + x)
    };
    let euler_from = (0..=MAX_CHECKED).find(|&x| euler(x));
    let last = euler_from.map_or(MAX_CHECKED, |x| x + CHECK_BEYOND);
    let mut lengths: Vec<Length> = Vec::new();
    let mut missing: Vec<(u32, u32)> = Vec::new();
    let mut longest_euler = 0;
    for x in 0..=last {
        let xf = f64::from(x);
        let c = a + b + xf - 1.0;
        let (upper_a, upper_b, power) = if euler(x) {
            (a + b - 1.0 - r, a - 1.0, a - 1.0)
        } else {
            (r + xf, b + xf, r + xf)
        };
        let scale = (c / (a - 1.0)).abs() * (ln_1mz * power).exp();
        let Some(terms) = series_length(upper_a, upper_b, c, z, scale).map(round_up) else {
            match missing.last_mut() {
                Some(run) if run.1 + 1 == x => run.1 = x,
                _ => missing.push((x, x)),
            }
            continue;
        };
        if euler(x) && x >= last - CHECK_BEYOND / 2 {
            longest_euler = longest_euler.max(terms);
        }
        match lengths.last_mut() {
            Some(l) if l.x_to + 1 == x && l.terms == terms => l.x_to = x,
            _ => lengths.push(Length {
                side: 0,
                x_from: x,
                x_to: x,
                terms,
            }),
        }
    }
    let mut words: Vec<String> = missing
        .iter()
        .map(|&(from, to)| match from == to {
            true => from.to_string(),
            false => format!("{from} to {to}"),
        })
        .collect();
    if euler_from.is_some() && longest_euler > 0 {
        lengths.push(Length {
            side: 0,
            x_from: last + 1,
            x_to: ANY_X,
            terms: longest_euler,
        });
    } else if let Some(&(from, _)) = missing.last().filter(|run| run.1 == last) {
        words.pop();
        words.push(format!("{from} or more"));
    } else {
        words.push(format!("more than {last}"));
    }
    (lengths, words)
}

/// `terms` rounded up to 2^k or 1.5 · 2^k: a few lengths for all the x, at most half as many
/// terms again as needed.
fn round_up(terms: u64) -> u64 {
    let power = terms.next_power_of_two();
    if power / 4 * 3 >= terms {
        power / 4 * 3
    } else {
        power
    }
}

/// Terms of ₂F₁(a, b; c; z) to sum until the rest, times `scale`, is below
/// [`CUT_OFF_ERROR`], with the calculator's bound on the rest.
fn series_length(a: f64, b: f64, c: f64, z: f64, scale: f64) -> Option<u64> {
    let alpha = (a.abs() * b.abs() - c).max(0.0);
    let beta = (a.abs() + b.abs() - c - 1.0).max(0.0);
    let mut term = 1.0f64;
    for n in 0..MAX_SERIES_TERMS {
        let m = n as f64;
        term *= (a + m) * (b + m) / ((c + m) * (m + 1.0)) * z;
        if term == 0.0 {
            return Some(n + 2);
        }
        let next = m + 1.0;
        if c + next > 0.0 {
            let rho = z * (1.0 + alpha / ((c + next) * (next + 1.0)) + beta / (c + next));
            if rho < 1.0 && term.abs() * rho / (1.0 - rho) * scale <= CUT_OFF_ERROR {
                return Some(n + 2);
            }
        }
        if !term.is_finite() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hyp2f1;

    /// The cut-off series against the calculator's ₂F₁, which sums to 1e-16 of the total.
    #[test]
    fn the_cut_off_series_is_as_close_as_promised() {
        let model = BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let horizon = 52.0;
        let (lengths, missing) = series_lengths(&model, horizon);
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(lengths.last().map(|l| l.x_to), Some(ANY_X));
        for x in [0u32, 1, 2, 5, 30, 300, 5000] {
            let terms = lengths
                .iter()
                .find(|l| (l.x_from..=l.x_to).contains(&x))
                .map(|l| l.terms)
                .unwrap();
            assert!(terms < 2_000, "{terms}");
            for t in [0.0, 1.0, 10.0, 80.0] {
                let xf = f64::from(x);
                let (a, b) = (model.a, model.b);
                let c = a + b + xf - 1.0;
                let z = horizon / (model.alpha + t + horizon);
                let (ua, ub) = (a + b - 1.0 - model.r, a - 1.0);
                let mut term = 1.0;
                let mut sum = 1.0;
                for m in 0..terms - 1 {
                    let m = m as f64;
                    term *= (ua + m) * (ub + m) / ((c + m) * (m + 1.0)) * z;
                    sum += term;
                }
                let exact = hyp2f1(ua, ub, c, z);
                let scale = (c / (a - 1.0)).abs() * (1.0 - z).powf(a - 1.0);
                assert!(
                    (sum - exact).abs() * scale < 1e-11,
                    "x {x} T {t}: {sum} vs {exact}"
                );
            }
        }
    }

    /// Dropout without spread (a and b at the fit's edge) makes the first form long for many
    /// repeat purchases: those get NULL, said in words.
    #[test]
    fn histories_the_series_cannot_reach_are_named() {
        let model = BgNbd {
            r: 0.488,
            alpha: 3.53,
            a: 6134.0,
            b: 22026.0,
        };
        let (lengths, missing) = series_lengths(&model, 52.0);
        assert_eq!(lengths[0].x_from, 0);
        assert!(!missing.is_empty());
        assert!(lengths.iter().all(|l| l.terms <= MAX_SERIES_TERMS));
    }

    #[test]
    fn a_horizon_too_long_is_an_error() {
        let mut query = WarehouseQuery::new(Dialect::DuckDb, "t", "c", "d", "a");
        query.output = super::super::SqlOutput::Scoring;
        query.models = Some(Models {
            purchases: BgNbd {
                r: 0.243,
                alpha: 1e-3,
                a: 0.793,
                b: 2.426,
            },
            spend: crate::GammaGamma {
                p: 6.25,
                q: 3.74,
                gamma: 15.44,
            },
        });
        query.horizon_weeks = 1e7;
        assert!(matches!(
            Scoring::new(&query),
            Err(SqlError::HorizonTooLong { .. })
        ));
    }
}
