#!/usr/bin/env python3
"""curve_properties.py - randomized properties of the curve_* functions.

Usage: curve_properties.py gen SEED N > cases.csv
       curve_properties.py gen-spot SEED N > spot_cases.csv
       curve_properties.py check cases.csv results.csv [spot_cases.csv spot_results.csv]

gen writes random curves (every kind), supplies, amounts and budgets;
curve_properties.sh loads them, evaluates every curve_* function in SQL
and hands the results back to check, which verifies them against
references written here independently of the C code:

- linear, power, constant_product (and exponential with ratio 1, bancor
  with an integer 1/reserve_ratio): exact rationals (fractions.Fraction);
  power sums use the recurrence n^(k+1) = sum_j C(k+1, j) S_j(n), not the
  Stirling form of the C code;
- exponential (above its exact small-supply range) and bancor: decimal at
  110 significant digits, and the reserve must be ceil(R) or ceil(R) + 1
  (never below R); exponential at small supplies: exact rationals;
- for every kind: path independence, monotonicity, buy-then-sell symmetry,
  sell proceeds never above the reserve, and the inverses
  cost(buy_amount(b)) <= b < cost(buy_amount(b) + 1) and
  proceeds(sell_amount(p)) >= p > proceeds(sell_amount(p) - 1).

gen-spot writes curve_spot_price cases built to tie: for every kind, values
with exactly scale + 1 decimals ending in 5 (both directions of half-even),
values one digit off a tie, and other scales of the same values.  check
rounds the exact value (fractions.Fraction: every linear, power,
constant_product and exponential spot price, and bancor's where it is
rational: an integer 1/rr, or S/S0 a D-th power for 1/rr = N/D) half-even
and requires exactly that text; an irrational bancor value is compared
with decimal at 110 digits unless it lies within 1e-100 of a midpoint.
"""
import csv
import random
import sys
from decimal import Decimal, getcontext, ROUND_CEILING
from fractions import Fraction
from math import comb

getcontext().prec = 110


def dec(rng, max_int_digits, max_frac_digits, positive=True):
    """A random plain decimal string."""
    while True:
        ip = str(rng.randrange(10 ** rng.randint(1, max_int_digits)))
        fd = rng.randint(0, max_frac_digits)
        fp = "".join(rng.choice("0123456789") for _ in range(fd))
        text = ip + ("." + fp if fp else "")
        if not positive or Fraction(text) > 0:
            return text


def gen(seed, n):
    rng = random.Random(seed)
    w = csv.writer(sys.stdout)
    w.writerow(["id", "curve", "s", "a", "b", "budget", "proceeds"])
    for i in range(n):
        kind = ["linear", "exponential", "power", "bancor", "constant_product"][i % 5]
        big = rng.random() < 0.2  # exercise the wide (cd_nat) paths too
        if kind == "linear":
            curve = "linear(base=%s, slope=%s)" % (dec(rng, 30 if big else 12, 6, False), dec(rng, 25 if big else 9, 6))
            s = rng.randrange(10 ** rng.randint(1, 15))
            a, b = rng.randrange(1, 10 ** rng.randint(1, 7)), rng.randrange(1, 10 ** rng.randint(1, 7))
        elif kind == "power":
            k = rng.randint(0, 8)
            curve = "power(coefficient=%s, exponent=%d)" % (dec(rng, 25 if big else 15, 4), k)
            lim = max(2, int(10 ** (40 / (k + 1))))
            s = rng.randrange(lim)
            a, b = rng.randrange(1, max(2, lim // 10)), rng.randrange(1, max(2, lim // 10))
        elif kind == "constant_product":
            y = rng.randrange(10, 10 ** rng.randint(2, 25 if big else 12))
            curve = "constant_product(virtual_reserve=%d, virtual_supply=%d)" % (rng.randrange(1, 10 ** rng.randint(1, 30 if big else 19)), y)
            s = rng.randrange(y // 2)
            a, b = rng.randrange(1, max(2, y // 5)), rng.randrange(1, max(2, y // 5))
        elif kind == "exponential":
            if rng.random() < 0.1:
                ratio = "1"
            else:
                q = rng.randint(1, 6)
                ratio = "1." + str(rng.randrange(1, 10 ** q)).rjust(q, "0")
                if rng.random() < 0.2:
                    ratio = str(rng.randint(2, 3))
            base = dec(rng, 12, 3)
            r = Fraction(ratio)
            # keep R(s) below 10^70
            smax = 10 ** 6 if r == 1 else max(3, min(10 ** 6, int(140 / max(1e-12, float(r - 1)) / 2) if r < 1.5 else int(200 / float(r))))
            curve = "exponential(base=%s, ratio=%s)" % (base, ratio)
            s = rng.randrange(smax)
            a, b = rng.randrange(1, max(2, smax // 4)), rng.randrange(1, max(2, smax // 4))
        else:
            ppm = rng.choice([rng.randrange(100000, 1000001), 500000, 250000, 300000, 333333, 400000, 100000])
            rr = str(Fraction(ppm, 10 ** 6).numerator / Fraction(ppm, 10 ** 6).denominator) if False else ("%.6f" % (ppm / 1e6)).rstrip("0").rstrip(".")
            s0 = rng.randrange(1, 10 ** rng.randint(1, 12))
            curve = "bancor(reserve_ratio=%s, initial_supply=%d, initial_reserve=%d)" % (rr, s0, rng.randrange(1, 10 ** rng.randint(1, 20)))
            s = rng.randrange(3 * s0 + 2)
            a, b = rng.randrange(1, s0 + 2), rng.randrange(1, s0 + 2)
        budget = rng.randrange(10 ** rng.randint(1, 30))
        proceeds = rng.randrange(10 ** rng.randint(1, 30))
        w.writerow([i, curve, s, a, b, budget, proceeds])


def dec_text(mant, scale):
    """mant / 10^scale as a plain decimal string."""
    digits = str(mant).rjust(scale + 1, "0")
    return digits[:len(digits) - scale] + ("." + digits[len(digits) - scale:] if scale else "")


# reserve ratios with an integer 1/rr, and 1/rr = N/D for D > 1
RR_INTEGER = ["1", "0.5", "0.25", "0.2", "0.125", "0.1", "0.05", "0.04", "0.02", "0.01"]
RR_FRACTION = ["0.4", "0.8", "0.75", "0.3", "0.6", "0.16", "0.64"]


def gen_spot(seed, n):
    """Spot price cases built around exact ties (see the module docstring)."""
    rng = random.Random(seed ^ 0x5B07)
    w = csv.writer(sys.stdout)
    w.writerow(["id", "curve", "s", "scale"])
    for i in range(n):
        kind = ["linear", "exponential", "power", "bancor", "constant_product"][i % 5]
        near = rng.random() < 0.25  # one more digit: just off the tie
        if kind == "linear":
            d = rng.randint(0, 30)
            # base with d + 1 decimals ending in 5, slope with at most d
            base = rng.randrange(10 ** rng.randint(1, 12)) * 10 ** (d + 1) + rng.randrange(10 ** d) * 10 + 5
            bscale = d + 1
            if near and bscale < 40:
                base, bscale = base * 10 + rng.choice([1, 9]), bscale + 1
            sd = rng.randint(0, d)
            curve = "linear(base=%s, slope=%s)" % (dec_text(base, bscale), dec_text(rng.randrange(10 ** rng.randint(1, 15)), sd))
            s = rng.randrange(10 ** rng.randint(1, 12))
        elif kind == "power":
            d = rng.randint(0, 30)
            k = rng.randint(0, 8)
            coef = rng.randrange(10 ** rng.randint(1, 10)) * 10 ** (d + 1) + rng.randrange(10 ** d) * 10 + 5
            cscale = d + 1
            if near and cscale < 40:
                coef, cscale = coef * 10 + rng.choice([1, 9]), cscale + 1
            # s odd and prime to 5: coef * s^k still ends in 5
            s = rng.randrange(10 ** rng.randint(1, 4)) * 10 + rng.choice([1, 3, 7, 9])
            curve = "power(coefficient=%s, exponent=%d)" % (dec_text(coef, cscale), k)
        elif kind == "constant_product":
            # Y - s = 2^i 5^j with i > j and X Y odd: X Y / (Y - s)^2 has 2i decimals, the last a 5
            ii = rng.randint(1, 12)
            gap = 2 ** ii * 5 ** rng.randint(0, ii - 1)
            s = rng.randrange(10 ** rng.randint(1, 15)) * 2 + 1
            x = rng.randrange(10 ** rng.randint(1, 20)) * 2 + 1
            if near:
                x += 1  # X Y even: no tie at 2i - 1
            curve = "constant_product(virtual_reserve=%d, virtual_supply=%d)" % (x, s + gap)
            d = 2 * ii - 1
        elif kind == "exponential":
            if rng.random() < 0.5:
                # ratio Q/10^q with Q an odd multiple of 5, base B odd: b + q s decimals, the last a 5
                q = rng.randint(1, 4)
                ratio = 10 ** q + 5 * (2 * rng.randrange(10 ** q // 10 or 1) + 1)
                b = rng.randint(0, 6)
                bm = 2 * rng.randrange(10 ** rng.randint(1, 8)) + 1
                s = rng.randrange(max(1, (100 - b) // q))
                d = b + q * s - 1
                rtext = dec_text(ratio, q)
            else:
                # an integer ratio and a base ending in 5: b decimals whatever s
                b = rng.randint(1, 20)
                bm = rng.randrange(10 ** rng.randint(1, 8)) * 10 + 5
                rtext = str(rng.choice([1, 2, 3, 7, 11, 15, 1000003]))
                s = rng.randrange(60 if rtext == "1000003" else 600)
                d = b - 1
            if near and b < 40:
                bm, b = bm * 10 + rng.choice([1, 9]), b + 1
            curve = "exponential(base=%s, ratio=%s)" % (dec_text(bm, b), rtext)
            d = max(d, 0)
        else:
            s0 = 2 ** rng.randint(0, 20) * 5 ** rng.randint(0, 8)
            r0 = rng.randrange(1, 10 ** rng.randint(1, 20))
            pick = rng.random()
            if pick < 0.05:
                # y = 10^6 at S = S0: 1^999999, R0 10^6 / S0
                rr, s = "0.000001", s0
            elif pick < 0.5:
                rr = rng.choice(RR_INTEGER)
                s = rng.randrange(4 * s0 + 2)
            elif pick < 0.85:
                rr = rng.choice(RR_FRACTION)
                den = (1 / Fraction(rr)).denominator
                # S/S0 = (u/v)^D, with v and t mostly made of 2s and 5s, so that ties occur
                u = rng.randrange(1, 40)
                v = rng.choice([1, 2, 4, 5, 8, 10, 16, 20, 25, 32, rng.randrange(1, 40)])
                t = 2 ** rng.randint(0, 6) * 5 ** rng.randint(0, 4) * rng.choice([1, 1, 1, 3, 7])
                s, s0 = u ** den * t, v ** den * t
            else:
                # rarely rational: the decimal reference
                rr = rng.choice(["0.333333", "0.3", "0.7", "0.123456", "0.999999"])
                s = rng.randrange(4 * s0 + 2)
            curve = "bancor(reserve_ratio=%s, initial_supply=%d, initial_reserve=%d)" % (rr, s0, r0)
            v = spot_exact("bancor", parse(curve)[1], s)
            d = rng.randint(0, 40) if v is None else min(decimals(v), 60) - 1
            if near:
                d += 1
            d = max(d, 0)
        # the tie scale, and now and then another one
        if rng.random() < 0.2:
            d = max(0, min(100, d + rng.choice([-2, -1, 1, 2])))
        w.writerow([i, curve, s, min(d, 100)])


def decimals(v):
    """The number of decimals of the fraction v, or 1000 if they do not end."""
    den = v.denominator
    n2 = n5 = 0
    while den % 2 == 0:
        den //= 2
        n2 += 1
    while den % 5 == 0:
        den //= 5
        n5 += 1
    return max(n2, n5) if den == 1 else 1000


def iroot(n, k):
    """The integer k-th root of n when n is a perfect k-th power, else None."""
    if n < 2:
        return n
    lo, hi = 1, 1 << (n.bit_length() // k + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** k <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo if lo ** k == n else None


def spot_exact(kind, p, s):
    """The exact spot price as a Fraction, None when irrational (bancor)."""
    if kind == "linear":
        return Fraction(p["base"]) + Fraction(p["slope"]) * s
    if kind == "power":
        return Fraction(p["coefficient"]) * s ** int(p["exponent"])
    if kind == "constant_product":
        x, y = int(p["virtual_reserve"]), int(p["virtual_supply"])
        return Fraction(x * y, (y - s) ** 2)
    if kind == "exponential":
        return Fraction(p["base"]) * Fraction(p["ratio"]) ** s
    y = 1 / Fraction(p["reserve_ratio"])
    r0, s0 = int(p["initial_reserve"]), int(p["initial_supply"])
    e = y - 1
    if e == 0:
        return Fraction(r0) * y / s0
    if s == 0:
        return Fraction(0)
    x = Fraction(s, s0)
    if e.denominator > 1:
        a, b = iroot(x.numerator, e.denominator), iroot(x.denominator, e.denominator)
        if a is None or b is None:
            return None
        x = Fraction(a, b)
    return Fraction(r0) * y * x ** e.numerator / s0


def half_even_text(v, d):
    """v rounded half to even at d decimals, printed with exactly d decimals."""
    q, r = divmod(v.numerator * 10 ** d, v.denominator)
    if 2 * r > v.denominator or (2 * r == v.denominator and q % 2 == 1):
        q += 1
    return dec_text(q, d)


def check_spot(cases_path, results_path):
    """Spot prices against the exact (or 110-digit) reference; returns failures."""
    cases = {row["id"]: row for row in csv.DictReader(open(cases_path))}
    failures = ties = rational = skipped = 0
    for r in csv.DictReader(open(results_path)):
        c = cases[r["id"]]
        kind, p = parse(c["curve"])
        s, d = int(c["s"]), int(c["scale"])
        v = spot_exact(kind, p, s)
        got = r["spot"]
        if v is not None:
            rational += 1
            if v.numerator * 10 ** d * 2 % v.denominator == 0 and v.numerator * 10 ** d * 2 // v.denominator % 2 == 1:
                ties += 1
            # beyond 2^4000 (times 10^scale) is out of range
            big = v * 10 ** d >= 2 ** 4000
            want = "ERROR 22003" if big else half_even_text(v, d)
            if not (got == want or (big and got.startswith("ERROR 22003"))):
                failures += 1
                if failures <= 20:
                    print("FAIL spot %s at %d scale %d: got %s, exact half-even %s" % (c["curve"], s, d, got, want))
            continue
        # irrational bancor: R0 y x^(y-1) / S0 at 110 digits
        y = Decimal(10) ** 6 / (Decimal(p["reserve_ratio"]) * Decimal(10) ** 6)
        approx = Decimal(p["initial_reserve"]) * y * (Decimal(s) / Decimal(p["initial_supply"])) ** (y - 1) / Decimal(p["initial_supply"])
        scaled = approx.scaleb(d)
        frac = scaled - scaled.to_integral_value(rounding="ROUND_FLOOR")
        if abs(frac - Decimal("0.5")) <= abs(scaled) * Decimal("1e-100") + Decimal("1e-100"):
            skipped += 1
            continue
        want = dec_text(int(scaled.to_integral_value(rounding="ROUND_HALF_EVEN")), d)
        if got != want:
            failures += 1
            if failures <= 20:
                print("FAIL spot %s at %d scale %d: got %s, 110 digits give %s" % (c["curve"], s, d, got, want))
    print("curve_properties: %d spot prices (%d rational, %d of them exact ties; %d irrational too close to a midpoint to check)" %
          (len(cases), rational, ties, skipped))
    return failures


def parse(curve):
    kind, rest = curve.split("(", 1)
    params = {}
    for part in rest.rstrip(")").split(","):
        name, value = part.strip().split("=")
        params[name] = value
    return kind, params


def power_sums(n, kmax):
    """S_j(n) = sum_{i<n} i^j for j <= kmax, 0^0 = 1, by the binomial recurrence."""
    sums = [n]
    for k in range(1, kmax + 1):
        total = n ** (k + 1) - sum(comb(k + 1, j) * sums[j] for j in range(k))
        # the j = 0 term above counts 0^0 = 1 once for i = 0 .. n-1, as the
        # recurrence for sum_{i=0}^{n-1} ((i+1)^(k+1) - i^(k+1)) requires
        assert total % (k + 1) == 0
        sums.append(total // (k + 1))
    return sums


def exact_reserve(kind, p, s):
    """Exact R(s) as a Fraction, or None for the irrational kinds."""
    if kind == "linear":
        return Fraction(p["base"]) * s + Fraction(p["slope"]) * s * (s - 1) / 2
    if kind == "power":
        k = int(p["exponent"])
        return Fraction(p["coefficient"]) * power_sums(s, k)[k]
    if kind == "constant_product":
        return Fraction(int(p["virtual_reserve"]) * s, int(p["virtual_supply"]) - s)
    if kind == "exponential" and Fraction(p["ratio"]) == 1:
        return Fraction(p["base"]) * s
    if kind == "exponential":
        # small supplies are exact in the C code: ratio = Q / 10^q, s * bits(Q) <= 3200
        text = p["ratio"]
        q_int = int(text.replace(".", ""))
        if s * q_int.bit_length() <= 3200:
            r = Fraction(text)
            return Fraction(p["base"]) * (r ** s - 1) / (r - 1)
    if kind == "bancor":
        y = 1 / Fraction(p["reserve_ratio"])
        if y.denominator == 1 and y <= 14:
            return Fraction(int(p["initial_reserve"])) * Fraction(s, int(p["initial_supply"])) ** int(y)
    return None


def decimal_reserve(kind, p, s):
    """R(s) to 110 significant digits."""
    if kind == "exponential":
        r = Decimal(p["ratio"])
        return Decimal(p["base"]) * (r ** s - 1) / (r - 1)
    y = Decimal(10) ** 6 / (Decimal(p["reserve_ratio"]) * Decimal(10) ** 6)
    if s == 0:
        return Decimal(0)
    return Decimal(p["initial_reserve"]) * (Decimal(s) / Decimal(p["initial_supply"])) ** y


def ceil_frac(x):
    return -((-x.numerator) // x.denominator)


def check(cases_path, results_path, spot_cases_path=None, spot_results_path=None):
    cases = {row["id"]: row for row in csv.DictReader(open(cases_path))}
    failures = 0
    checked = 0
    stats = {}
    plus_one = 0

    def fail(row, what):
        nonlocal failures
        failures += 1
        if failures <= 20:
            print("FAIL case %s %s s=%s a=%s b=%s: %s" % (row["id"], row["curve"], row["s"], row["a"], row["b"], what))

    for r in csv.DictReader(open(results_path)):
        c = cases[r["id"]]
        kind, p = parse(r["curve"])
        stats[kind] = stats.get(kind, 0) + 1
        s, a, b = int(c["s"]), int(c["a"]), int(c["b"])
        if r["error"]:
            fail(c, "SQL error " + r["error"])
            continue
        v = {k: (int(x) if x not in ("", None) else None) for k, x in r.items() if k not in ("id", "curve", "error")}
        # reserves against the references
        for sup, key in ((s, "r_s"), (s + 1, "r_s1"), (s + a, "r_sa"), (s + a + b, "r_sab")):
            exact = exact_reserve(kind, p, sup)
            got = v[key]
            checked += 1
            if exact is not None:
                if got != ceil_frac(exact):
                    fail(c, "%s at %d = %d, exact ceil %d" % (key, sup, got, ceil_frac(exact)))
            else:
                approx = decimal_reserve(kind, p, sup)
                lo = (approx - abs(approx) * Decimal("1e-100")).to_integral_value(ROUND_CEILING)
                hi = (approx + abs(approx) * Decimal("1e-100")).to_integral_value(ROUND_CEILING)
                if not (lo <= got <= hi + 1):
                    fail(c, "%s at %d = %d, R = %s" % (key, sup, got, approx))
                elif got == hi + 1:
                    plus_one += 1
        # monotone, path independent, symmetric, never above the reserve
        if not (v["r_s"] <= v["r_s1"] <= v["r_sab"] and v["r_s"] <= v["r_sa"] <= v["r_sab"]):
            fail(c, "reserve not monotone")
        if v["cost_ab"] != v["cost_a"] + v["cost_b_after_a"]:
            fail(c, "not path independent: %d != %d + %d" % (v["cost_ab"], v["cost_a"], v["cost_b_after_a"]))
        if v["cost_a"] != v["r_sa"] - v["r_s"] or v["sell_a"] != v["cost_a"]:
            fail(c, "buy/sell not symmetric")
        if v["sell_a"] > v["r_sa"] or v["sell_all"] != v["r_sa"]:
            fail(c, "sell proceeds above the reserve")
        if v["price"] != v["r_s1"] - v["r_s"]:
            fail(c, "price is not the cost of one unit")
        # inverses
        budget = int(c["budget"])
        n = v["buy_amount"]
        if not (v["cost_n"] <= budget and (v["cost_n1"] is None or v["cost_n1"] > budget)):
            fail(c, "buy_amount(%d) = %d: cost %s, next %s" % (budget, n, v["cost_n"], v["cost_n1"]))
        m = v["sell_amount"]
        want = v["proceeds"]
        if m is not None:
            if not (v["proceeds_m"] >= want and (m == 0 or v["proceeds_m1"] < want)):
                fail(c, "sell_amount(%d) = %d: proceeds %s, one less %s" % (want, m, v["proceeds_m"], v["proceeds_m1"]))
        elif want <= v["r_sa"]:
            fail(c, "sell_amount refused %d although the reserve is %d" % (want, v["r_sa"]))
    print("curve_properties: %d cases (%s), %d reserves against references, %d at ceil(R) + 1" %
          (sum(stats.values()), ", ".join("%s %d" % kv for kv in sorted(stats.items())), checked, plus_one))
    if spot_cases_path:
        failures += check_spot(spot_cases_path, spot_results_path)
    print("curve_properties: %d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(int(sys.argv[2], 16), int(sys.argv[3]))
    elif sys.argv[1] == "gen-spot":
        gen_spot(int(sys.argv[2], 16), int(sys.argv[3]))
    else:
        sys.exit(check(*sys.argv[2:6]))
