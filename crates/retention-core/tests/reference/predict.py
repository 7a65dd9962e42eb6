"""Reference values for tests/predict.rs, computed independently of the crate with mpmath.

    python3 crates/retention-core/tests/reference/predict.py

needs only mpmath (pip install mpmath; tested with 1.3.0) and prints every value the tests
compare with, rounded to the nearest double (the shortest text that reads back as it). The formulas are written here from the papers, not
from the crate's code: eq. 10 of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy
Way", for E[Y(t)]; their individual likelihood (eq. 6) for BG/NBD; the density of a customer's
mean spend in Fader, Hardie & Lee (2005), "RFM and CLV", for Gamma-Gamma.
"""

from mpmath import mp, mpf, digamma, hyp2f1, log, loggamma, beta

mp.dps = 60


def show(name, value):
    print(f"{name} = {float(value)!r}")


def expected_purchases(r, alpha, a, b, x, tx, T, t):
    """E[Y(t) | x, tx, T] (eq. 10), at 60 digits."""
    r, alpha, a, b, tx, T, t = map(mpf, (r, alpha, a, b, tx, T, t))
    c = a + b + x - 1
    z = t / (alpha + T + t)
    g = ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, c, z)
    numerator = c / (a - 1) * (1 - g)
    alive = 1 + (a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x) if x > 0 else 0)
    return numerator / alive


def bg_nbd_log_likelihood(r, alpha, a, b, x, tx, T):
    """ln L of one customer (eq. 6), at 60 digits."""
    r, alpha, a, b, tx, T = map(mpf, (r, alpha, a, b, tx, T))
    front = beta(a, b + x) / beta(a, b) * mp.gamma(r + x) / mp.gamma(r) * alpha**r
    bracket = (alpha + T) ** -(r + x)
    if x > 0:
        bracket += a / (b + x - 1) * (alpha + tx) ** -(r + x)
    return log(front * bracket)


def gamma_gamma_log_likelihood(p, q, gamma, x, m):
    """ln f(m | p, q, gamma, x), the density of the mean of x purchases, at 60 digits."""
    p, q, gamma, m = map(mpf, (p, q, gamma, m))
    return (
        loggamma(p * x + q) - loggamma(p * x) - loggamma(q)
        + q * log(gamma) + (p * x - 1) * log(m) + p * x * log(x)
        - (p * x + q) * log(gamma + x * m)
    )


print("# ln Γ")
for x in ["0.5", "3.5", "10", "100", "1e-8", "1e5", "0.243", "171.5", "0.999999"]:
    show(f"ln_gamma({x})", loggamma(mpf(x)))

print("# ψ")
for x in ["1e-8", "4.5e-5", "0.243", "0.5", "1", "2.426", "6", "9.99", "10", "40", "1234.5", "1e7"]:
    show(f"digamma({x})", digamma(mpf(x)))

print("# 2F1")
for a, b, c, z in [
    ("0.5", "1.5", "2.5", "0.3"),
    ("2.2", "3.1", "5.7", "0.95"),
    ("-0.207", "1.976", "2.219", "0.47"),
    ("1.976", "-0.207", "4.219", "0.99"),
    ("10.243", "12.426", "12.219", "0.5"),
    ("1.5", "2.5", "3.5", "-0.8"),
    ("-3", "2", "1.5", "0.7"),
    ("0.3", "0.4", "-0.5", "0.6"),
]:
    show(f"hyp2f1({a}, {b}, {c}, {z})", hyp2f1(mpf(a), mpf(b), mpf(c), mpf(z)))

print("# E[Y(t)] at the published CDNOW estimates r 0.243, alpha 4.414, a 0.793, b 2.426")
cdnow = ("0.243", "4.414", "0.793", "2.426")
for x, tx, T, t in [
    (2, "30.43", "38.86", "39"),
    (0, "0", "38.86", "39"),
    (0, "0", "0", "520"),
    (50, "38", "39", "52"),
    (200, "38.5", "39", "100"),
    (0, "0", "0.01", "5000"),
]:
    show(f"E[Y({t})] x {x} tx {tx} T {T}", expected_purchases(*cdnow, x, tx, T, t))
print("# E[Y(t)] at other parameters")
show("r 0.5 alpha 2 a 3.5 b 0.3; x 0 T 10 t 20",
     expected_purchases("0.5", "2", "3.5", "0.3", 0, "0", "10", "20"))
for a, b in [("600", "22000"), ("20000", "20000")]:
    show(f"r 0.5 alpha 2 a {a} b {b}; x 3 tx 20 T 30 t 52",
         expected_purchases("0.5", "2", a, b, 3, "20", "30", "52"))
print("# E[Y(t)] where the formula is 0/0: a = 1 (at a = 1 + 1e-25), a + b = 1 with x = 0")
one = mpf(1) + mpf("1e-25")
show("a = 1; x 0 T 10 t 52", expected_purchases("0.243", "4.414", one, "2.426", 0, "0", "10", "52"))
show("a = 1; x 3 tx 8 T 10 t 52", expected_purchases("0.243", "4.414", one, "2.426", 3, "8", "10", "52"))
h = mpf("1e-28")
pole = [expected_purchases("0.5", "2", "0.6", mpf("0.4") + s, 0, "0", "10", "20") for s in (-h, h)]
show("r 0.5 alpha 2 a 0.6 b 0.4; x 0 T 10 t 20", (pole[0] + pole[1]) / 2)

print("# log-likelihoods at huge parameters")
show("BG/NBD r 1e6 alpha 4e6 a 5e4 b 2e5; x 3 tx 20 T 30",
     bg_nbd_log_likelihood("1e6", "4e6", "5e4", "2e5", 3, "20", "30"))
show("BG/NBD r 1e6 alpha 4e6 a 5e4 b 2e5; x 0 T 30",
     bg_nbd_log_likelihood("1e6", "4e6", "5e4", "2e5", 0, "0", "30"))
show("Gamma-Gamma p 1e5 q 2 gamma 1e-3; x 3 m 25", gamma_gamma_log_likelihood("1e5", "2", "1e-3", 3, "25"))
show("Gamma-Gamma p 3 q 1e6 gamma 2.5e7; x 2 m 25", gamma_gamma_log_likelihood("3", "1e6", "2.5e7", 2, "25"))

print("# log-likelihoods of a small CDNOW-like sample, for the sums over grouped customers")
sample = [(0, 0, 38.86), (0, 0, 38.86), (2, 30.43, 38.86), (1, 2.5, 20.0), (7, 36.0, 39.0),
          (2, 30.43, 38.86), (0, 0, 5.0), (1, 2.5, 20.0), (15, 11.0, 39.0)]
show("BG/NBD sum at the published CDNOW estimates",
     sum(bg_nbd_log_likelihood(*cdnow, x, mpf(tx), mpf(T)) for x, tx, T in sample))
spends = [(1, "20"), (2, "35.5"), (2, "35.5"), (7, "14.25"), (15, "120"), (3, "0.75")]
show("Gamma-Gamma sum at p 6.25 q 3.74 gamma 15.44",
     sum(gamma_gamma_log_likelihood("6.25", "3.74", "15.44", x, m) for x, m in spends))
