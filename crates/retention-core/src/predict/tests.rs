//! The likelihoods' gradients against central differences of the likelihoods themselves (whose
//! values tests/predict.rs checks against mpmath), at everyday and extreme parameters.

use super::*;

fn customer(frequency: u32, recency: f64, age: f64, mean_spend: f64) -> CustomerSummary {
    CustomerSummary {
        frequency,
        recency,
        age,
        mean_spend,
    }
}

/// A mix of histories: new, lapsed, regular, heavy; some alike, so rows carry weights.
fn customers() -> Vec<CustomerSummary> {
    let mut out = vec![
        customer(0, 0.0, 38.86, 0.0),
        customer(0, 0.0, 38.86, 0.0),
        customer(0, 0.0, 5.0, 0.0),
        customer(2, 30.43, 38.86, 35.5),
        customer(2, 30.43, 38.86, 35.5),
        customer(1, 2.5, 20.0, 20.0),
        customer(7, 36.0, 39.0, 14.25),
        customer(15, 11.0, 39.0, 120.0),
        customer(3, 38.0, 38.5, 0.75),
        customer(40, 38.9, 39.0, 9.0),
    ];
    for k in 0..30u32 {
        let age = 1.0 + f64::from(k * 7 % 39);
        let x = k % 5;
        let recency = if x > 0 {
            age * f64::from(k % 3 + 1) / 4.0
        } else {
            0.0
        };
        let spend = if x > 0 {
            5.0 + f64::from(k * 13 % 50)
        } else {
            0.0
        };
        out.push(customer(x, recency, age, spend));
    }
    out
}

/// Central difference of `f` at `at` along coordinate `i`, with a relative step.
fn central<const N: usize>(f: impl Fn(&[f64; N]) -> f64, at: [f64; N], i: usize) -> f64 {
    let h = 1e-6 * at[i];
    let (mut up, mut down) = (at, at);
    up[i] += h;
    down[i] -= h;
    (f(&up) - f(&down)) / (up[i] - down[i])
}

#[track_caller]
fn assert_gradient<const N: usize>(analytic: [f64; N], numeric: [f64; N], scale: f64) {
    for i in 0..N {
        // Differences are good to about 1e-8 of the likelihood's size over the step.
        let allowed = 1e-6 * analytic[i].abs().max(scale);
        assert!(
            (analytic[i] - numeric[i]).abs() <= allowed,
            "∂{i}: analytic {} numeric {} (allowed {allowed:e})",
            analytic[i],
            numeric[i]
        );
    }
}

#[test]
fn bg_nbd_gradient_matches_central_differences() {
    let customers = customers();
    let histories = Histories::new(&customers, Some(1.0));
    assert!(
        histories.rows.len() < customers.len(),
        "alike customers share a row"
    );
    for [r, alpha, a, b] in [
        [0.243, 4.414, 0.793, 2.426],
        [2.0, 3.0, 2.0, 3.0],
        [0.05, 0.5, 5.0, 0.2],
        [1e-3, 40.0, 1.0, 1.0],
        [1e4, 4e4, 5e3, 2e4], // where fits on data without spread end
    ] {
        let ll = |p: &[f64; 4]| {
            let [r, alpha, a, b] = *p;
            histories.log_likelihood(&BgNbd { r, alpha, a, b }).0
        };
        let at = [r, alpha, a, b];
        let (value, analytic) = histories.log_likelihood(&BgNbd { r, alpha, a, b });
        let numeric = std::array::from_fn(|i| central(ll, at, i));
        // The scale of a derivative that the likelihood's rounding can hide: |LL| / parameter.
        let scale = value.abs() * 1e-4 / at.iter().fold(f64::INFINITY, |m, v| m.min(*v));
        assert_gradient(analytic, numeric, scale.min(1e-3));
    }
}

#[test]
fn gamma_gamma_gradient_matches_central_differences() {
    let customers = customers();
    let spends = Spends::new(&customers, Some(1.0));
    for [p, q, gamma] in [
        [6.25, 3.74, 15.44],
        [1.0, 2.0, 3.0],
        [0.3, 0.8, 200.0],
        [1e4, 3.0, 1e-2],  // no spread within customers
        [3.0, 1e5, 2.5e6], // no spread across customers
    ] {
        let ll = |v: &[f64; 3]| {
            let [p, q, gamma] = *v;
            spends.log_likelihood(&GammaGamma { p, q, gamma }).0
        };
        let at = [p, q, gamma];
        let (value, analytic) = spends.log_likelihood(&GammaGamma { p, q, gamma });
        let numeric = std::array::from_fn(|i| central(ll, at, i));
        let scale = value.abs() * 1e-4 / at.iter().fold(f64::INFINITY, |m, v| m.min(*v));
        assert_gradient(analytic, numeric, scale.min(1e-3));
    }
}

#[test]
fn grouping_and_units_of_time_change_the_likelihood_as_they_should() {
    // The grouped, weighted sum equals the sum one customer at a time. In days instead of
    // weeks (α × 7) each customer's L is 7^−x times as large (αʳ (α + t)^−(r+x) scales so),
    // the slopes in r, a and b stay, and the slope in α is a seventh.
    let customers = customers();
    let model = BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let (ll, gradient) = Histories::new(&customers, Some(1.0)).log_likelihood(&model);
    let one_by_one: f64 = customers
        .iter()
        .map(|c| Histories::new(&[*c], Some(1.0)).log_likelihood(&model).0)
        .sum();
    assert!((ll - one_by_one).abs() < 1e-12 * ll.abs());

    let days: Vec<_> = customers
        .iter()
        .map(|c| CustomerSummary {
            recency: c.recency * 7.0,
            age: c.age * 7.0,
            ..*c
        })
        .collect();
    let in_days = BgNbd {
        alpha: model.alpha * 7.0,
        ..model
    };
    let (ll_days, gradient_days) = Histories::new(&days, Some(1.0)).log_likelihood(&in_days);
    let purchases: f64 = customers.iter().map(|c| f64::from(c.frequency)).sum();
    assert!((ll_days - (ll - purchases * 7f64.ln())).abs() < 1e-11 * ll.abs());
    let expected = [gradient[0], gradient[1] / 7.0, gradient[2], gradient[3]];
    for i in 0..4 {
        let error = (gradient_days[i] - expected[i]).abs();
        assert!(error < 1e-10 * expected[i].abs().max(1.0), "∂{i}");
    }
}

/// Customers as bench/browser-import.mjs generates them: a random number of orders spaced
/// 1 to 18 weeks apart, each worth 5 to 125, whoever the customer. Nobody drops out by a
/// rule, and everyone spends alike, so the BG/NBD and Gamma-Gamma maxima lie at infinity.
fn without_spread(count: usize) -> Vec<CustomerSummary> {
    let mut seed: u64 = 42;
    let mut random = move || {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        seed as f64 / 2_147_483_648.0
    };
    (0..count)
        .map(|_| {
            let orders = 1 + (-(1.0 - random()).ln() * 1.1) as u32;
            let first = (random() * 540.0) as u32;
            let (mut day, mut last, mut x, mut spend) = (first, first, 0, 0.0);
            for k in 0..orders {
                if day >= 548 {
                    break;
                }
                let amount = 5.0 + random() * 120.0;
                if k > 0 {
                    (x, last, spend) = (x + 1, day, spend + amount);
                }
                day += 7 + (random() * 120.0) as u32;
            }
            let weeks = |days: u32| f64::from(days) / 7.0;
            customer(
                x,
                weeks(last - first),
                weeks(548 - first),
                if x > 0 { spend / f64::from(x) } else { 0.0 },
            )
        })
        .collect()
}

#[test]
fn a_maximum_at_infinity_is_found_on_the_edge_by_quasi_newton() {
    // Along the ridge the slope fades long before the edge: quasi-Newton must follow it there
    // and finish with the edge held, not leave it to Nelder–Mead (thousands of evaluations).
    let customers = without_spread(3_000);
    let count = std::cell::Cell::new(0);
    let histories = Histories::new(&customers, Some(1.0));
    let counted = |log: &[f64; 4]| {
        count.set(count.get() + 1);
        histories.cost(log)
    };
    let best = minimise(counted, [0.0; 4], LOG_LIMIT).expect("a maximum");
    assert!(count.get() < 400, "{} evaluations for BG/NBD", count.get());
    assert!(
        best.point.iter().any(|v| v.abs() == LOG_LIMIT),
        "{:?}",
        best.point
    );

    count.set(0);
    let spends = Spends::new(&customers, Some(1.0));
    let counted = |log: &[f64; 3]| {
        count.set(count.get() + 1);
        spends.cost(log)
    };
    let best = minimise(counted, [0.0; 3], LOG_LIMIT).expect("a maximum");
    assert!(
        count.get() < 400,
        "{} evaluations for Gamma-Gamma",
        count.get()
    );
    assert!(
        best.point.iter().any(|v| v.abs() == LOG_LIMIT),
        "{:?}",
        best.point
    );
}
