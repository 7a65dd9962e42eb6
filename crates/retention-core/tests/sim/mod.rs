//! One deterministic simulation for the tests, the examples and the benchmarks: SplitMix64,
//! and the BG/NBD + Gamma-Gamma story of a customer. The integration tests use it as
//! `mod sim;`, the examples as `#[path = "../tests/sim/mod.rs"] mod sim;`, so a simulated
//! customer is written once and the same on every run.
#![allow(dead_code)]

use retention_core::{BgNbd, CustomerSummary, GammaGamma};

/// SplitMix64 (Steele, Lea & Flood 2014): a few lines, statistics good enough for
/// simulation, the same numbers on every run and machine.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform on (0, 1), never 0 so its log is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform on 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000), with the U^(1/shape) boost below 1.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * self.uniform().powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v > 0.0 && self.uniform().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        x / (x + self.gamma(b))
    }
}

/// A simulated customer's repeat purchases: when (weeks after the first purchase) and what
/// each was worth.
pub struct History {
    pub repeats: Vec<f64>,
    pub spends: Vec<f64>,
}

impl History {
    /// The customer as the models read them, observed for `age` weeks.
    pub fn summary(&self, age: f64) -> CustomerSummary {
        let frequency = self.repeats.len() as u32;
        CustomerSummary {
            frequency,
            recency: self.repeats.last().copied().unwrap_or(0.0),
            age,
            mean_spend: if frequency > 0 {
                self.spends.iter().sum::<f64>() / f64::from(frequency)
            } else {
                0.0
            },
        }
    }
}

/// One customer observed for `age` weeks after their first purchase, as the BG/NBD story
/// goes (Fader, Hardie & Lee 2005): purchases come at rate λ ~ Gamma(r, α) while alive, and
/// after each repeat purchase the customer drops out with probability p ~ Beta(a, b). Their
/// spend follows Gamma-Gamma: ν ~ Gamma(q, γ) per customer, each purchase worth Gamma(p, ν).
pub fn simulate(rng: &mut Rng, model: &BgNbd, spend: &GammaGamma, age: f64) -> History {
    let rate = rng.gamma(model.r) / model.alpha;
    let dropout = rng.beta(model.a, model.b);
    let (mut t, mut repeats) = (0.0, Vec::new());
    loop {
        t += -rng.uniform().ln() / rate;
        if t > age {
            break;
        }
        repeats.push(t);
        if rng.uniform() < dropout {
            break;
        }
    }
    let nu = rng.gamma(spend.q) / spend.gamma;
    let spends = repeats.iter().map(|_| rng.gamma(spend.p) / nu).collect();
    History { repeats, spends }
}

/// `text` as UTF-16 with its byte order mark, little- or big-endian, as Windows tools write
/// an export.
pub fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}
