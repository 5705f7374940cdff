#!/usr/bin/env python3
"""Draw the pictures of docs/ as SVG from the extension's own output.

    scripts/docs-pictures.py OUTDIR      (PG* variables name a server with
                                          creative_defi installed)

Every point comes from a query (curve_points, amm_amount_out), so a picture
shows what the code computes. The output is deterministic (fixed sizes,
coordinates rounded to 0.1 px), so `make docs` regenerates the checked-in
files and test/suites/docs_pictures.sh fails when one is stale.
"""
import math
import os
import subprocess
import sys

DATABASE = "cd_docs_pictures"

# Five curves of one price range (about 100 to 1,100 base units over the
# first 1,000 units), so their shapes compare on one chart.
CURVES = [
    ("linear", "linear(base=100, slope=1)", "#1f77b4"),
    ("exponential", "exponential(base=100, ratio=1.0024)", "#d62728"),
    ("power", "power(coefficient=0.001, exponent=2)", "#2ca02c"),
    ("bancor", "bancor(reserve_ratio=0.25, initial_supply=1000, initial_reserve=250000)", "#9467bd"),
    ("constant_product", "constant_product(virtual_reserve=150000, virtual_supply=1500)", "#ff7f0e"),
]
CURVE_SUPPLY = 1000
CURVE_STEPS = 100

# A pool of equal reserves; trade sizes from 0.01% to 100% of the input reserve.
AMM_RESERVE = 10**24
AMM_FEES = [(30, "fee 0.30% (Uniswap V2)", "#1f77b4"), (0, "no fee", "#7f7f7f")]
AMM_SIZES_PER_DECADE = 20
AMM_DECADES = (-4, 0)

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 60


def psql(sql, database=DATABASE):
    out = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
        check=True, capture_output=True, text=True)
    return [line.split(",") for line in out.stdout.splitlines() if line]


def prepare_database():
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", "postgres")
    if not exists:
        subprocess.run(["createdb", DATABASE], check=True)
    psql("CREATE EXTENSION IF NOT EXISTS creative_defi")


def curve_series():
    series = []
    for name, curve, colour in CURVES:
        rows = psql(f"SELECT supply, price FROM creative_defi.curve_points("
                    f"'{curve}'::creative_defi.bonding_curve, 0, {CURVE_SUPPLY}, {CURVE_STEPS})")
        series.append((f"{name}: {curve}", colour, [(float(s), float(p)) for s, p in rows]))
    return series


def amm_series():
    """Price impact in percent: 1 - (out/in) / (reserve_out/reserve_in)."""
    lo, hi = AMM_DECADES
    exponents = [lo + i / AMM_SIZES_PER_DECADE for i in range((hi - lo) * AMM_SIZES_PER_DECADE + 1)]
    sizes = ",".join(f"({e!r}::float8)" for e in exponents)
    series = []
    for fee, label, colour in AMM_FEES:
        rows = psql(
            f"SELECT e, round(100 * (1 - creative_defi.amm_amount_out(a, {AMM_RESERVE}, {AMM_RESERVE}, {fee}) / a), 4)"
            f" FROM (SELECT e, round({AMM_RESERVE}::numeric * power(10::numeric, e::numeric)) AS a"
            f" FROM (VALUES {sizes}) v(e)) t ORDER BY e")
        series.append((label, colour, [(float(e), float(p)) for e, p in rows]))
    return series


def nice_ticks(lo, hi, count=5):
    step = 10 ** math.floor(math.log10((hi - lo) / count))
    for factor in (1, 2, 5, 10):
        if (hi - lo) / (step * factor) <= count:
            step *= factor
            break
    first = math.ceil(lo / step) * step
    ticks, value = [], first
    while value <= hi + step * 1e-9:
        ticks.append(value)
        value += step
    return ticks


def fmt(value):
    return f"{value:.1f}"


def number_label(value):
    return f"{value:,.0f}" if abs(value) >= 1 or value == 0 else f"{value:g}"


def linear_ticks(y_max):
    ticks = nice_ticks(0, y_max)
    if ticks[-1] < y_max:
        ticks.append(ticks[-1] + (ticks[1] - ticks[0]))
    return ticks


def chart(title, x_label, y_label, series, x_ticks, x_tick_label, y_ticks, y_tick_label):
    """A line chart; the first and last ticks bound each axis."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_lo, x_hi = x_ticks[0], x_ticks[-1]
    y_lo, y_hi = y_ticks[0], y_ticks[-1]

    def x_px(x):
        return LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w

    def y_px(y):
        return TOP + plot_h - (y - y_lo) / (y_hi - y_lo) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15">{title}</text>',
    ]
    for x in x_ticks:
        out.append(f'<line x1="{fmt(x_px(x))}" y1="{TOP}" x2="{fmt(x_px(x))}" y2="{TOP + plot_h}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{fmt(x_px(x))}" y="{TOP + plot_h + 16}" text-anchor="middle">{x_tick_label(x)}</text>')
    for y in y_ticks:
        out.append(f'<line x1="{LEFT}" y1="{fmt(y_px(y))}" x2="{LEFT + plot_w}" y2="{fmt(y_px(y))}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{LEFT - 6}" y="{fmt(y_px(y) + 4)}" text-anchor="end">{y_tick_label(y)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">{x_label}</text>')
    out.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">{y_label}</text>')
    for index, (label, colour, points) in enumerate(series):
        path = " ".join(f"{fmt(x_px(x))},{fmt(y_px(y))}" for x, y in points)
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        legend_y = TOP + 14 + index * 16
        out.append(f'<line x1="{LEFT + 10}" y1="{legend_y - 4}" x2="{LEFT + 30}" y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{LEFT + 36}" y="{legend_y}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: docs-pictures.py OUTDIR")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    prepare_database()

    curves = curve_series()
    y_max = max(p for _, _, points in curves for _, p in points)
    with open(os.path.join(outdir, "curve_kinds.svg"), "w") as f:
        f.write(chart("Price of the next unit by supply (curve_points)", "supply (units sold)",
                      "price of the next unit (base units)", curves,
                      nice_ticks(0, CURVE_SUPPLY), number_label, linear_ticks(y_max), number_label))

    # both axes logarithmic: the fee's floor and the slippage above it show
    impact = [(label, colour, [(e, math.log10(p)) for e, p in points]) for label, colour, points in amm_series()]
    lo, hi = AMM_DECADES
    with open(os.path.join(outdir, "amm_price_impact.svg"), "w") as f:
        f.write(chart("Price impact of a swap (amm_amount_out, equal reserves)",
                      "trade size, share of the input reserve (log scale)",
                      "price impact, % below the spot price (log scale)", impact,
                      list(range(lo, hi + 1)), lambda e: f"{100 * 10 ** e:g}%",
                      list(range(-2, 3)), lambda e: f"{10 ** e:g}%"))


if __name__ == "__main__":
    main()
