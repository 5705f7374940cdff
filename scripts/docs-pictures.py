#!/usr/bin/env python3
"""Draw the pictures of docs/ as SVG from the extension's own output.

    scripts/docs-pictures.py OUTDIR      (PG* variables name a server with
                                          creative_defi installed)

Every point comes from a query (curve_points, amm_amount_out; the lineage
graph's amounts from a distribute, the dividend accumulator from a history
of payments and trades, each rolled back), so a picture shows what the
code computes. The output is deterministic (fixed sizes,
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


# The lineage example of docs/lineage.md: (name, column, row) of each work,
# row 0 at the top (the oldest), and its links (child, parent, policy, bps).
LINEAGE_WORKS = [("A", 1, 0), ("B", 0, 1), ("R", 2, 1), ("C", 0, 2), ("D", 1, 3)]
LINEAGE_LINKS = [("B", "A", "absolute", 500), ("C", "B", "absolute", 1000), ("R", "A", "relative", 1000),
                 ("D", "C", "absolute", 1000), ("D", "R", "relative", 2000)]
LINEAGE_PAYMENT = 10000


def lineage_kept():
    """What each work of LINEAGE_WORKS keeps of LINEAGE_PAYMENT paid into D:
    the credits of a distribute to each work's wallet, in a transaction
    rolled back."""
    asset = "'eip155:1/erc721:0x00000000000000000000000000000000000001a1/{}'::creative_defi.asset"
    wallet = "'0x{:040x}'"
    names = [n for n, _, _ in LINEAGE_WORKS]
    sql = ["BEGIN;", "SET LOCAL search_path = creative_defi, public;"]
    for i, n in enumerate(names, 1):
        sql.append(f"SELECT register_asset({asset.format(i)}, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', "
                   f"linear_curve(1000, 10), ({wallet.format(0xa0 + i)} || '=100%')::royalty_split, "
                   f"{wallet.format(0xa0 + i)}::eth_address) \\g /dev/null")
    for child, parent, policy, bps in LINEAGE_LINKS:
        sql.append(f"SELECT link_derivative({asset.format(names.index(child) + 1)}, {asset.format(names.index(parent) + 1)}, "
                   f"'{policy}', {bps}) \\g /dev/null")
    sql.append(f"SELECT deposit('0x52908400098527886e0f7030069857d2e4169ee7', "
               f"'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', {LINEAGE_PAYMENT}, 'pictures-fan') \\g /dev/null")
    sql.append(f"SELECT distribute({asset.format(names.index('D') + 1)}, '0x52908400098527886e0f7030069857d2e4169ee7', "
               f"{LINEAGE_PAYMENT}, 'pictures-tip') \\g /dev/null")
    sql.append("SELECT lower(p.account::text), p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id "
               "WHERE t.ref = 'pictures-tip' AND p.amount > 0;")
    sql.append("ROLLBACK;")
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1", "-d", DATABASE],
                         input="\n".join(sql) + "\n", check=True, capture_output=True, text=True)
    paid = dict(line.split(",") for line in out.stdout.splitlines() if line)
    return {n: int(paid.get(wallet.format(0xa0 + i).strip("'"), 0)) for i, n in enumerate(names, 1)}


def lineage_picture(kept):
    """The example graph: works as boxes (what each keeps of the payment),
    links as arrows from child to parent, labelled with policy and licence."""
    box_w, box_h, col_w, row_h, top = 150, 46, 190, 95, 50
    width = 3 * col_w + 40
    height = top + 4 * row_h
    pos = {n: (20 + c * col_w + (col_w - box_w) / 2, top + r * row_h) for n, c, r in LINEAGE_WORKS}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="14">'
           f'A payment of {LINEAGE_PAYMENT:,} into D: what each work keeps (distribute)</text>']
    for child, parent, policy, bps in LINEAGE_LINKS:
        cx, cy = pos[child]
        px, py = pos[parent]
        x1, y1, x2, y2 = cx + box_w / 2, cy, px + box_w / 2, py + box_h
        colour = "#1f77b4" if policy == "absolute" else "#d62728"
        dash = "" if policy == "absolute" else ' stroke-dasharray="6,4"'
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                   f'stroke-width="1.5"{dash} marker-end="url(#arrow)"/>')
        out.append(f'<text x="{(x1 + x2) / 2 + 6:.1f}" y="{(y1 + y2) / 2 + 4:.1f}" fill="{colour}">'
                   f'{policy} {bps / 100:g}%</text>')
    for name, _, _ in LINEAGE_WORKS:
        x, y = pos[name]
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{box_w}" height="{box_h}" rx="6" fill="#f4f4f4" stroke="#333"/>')
        out.append(f'<text x="{x + box_w / 2:.1f}" y="{y + 19:.1f}" text-anchor="middle" font-weight="bold">{name}</text>')
        out.append(f'<text x="{x + box_w / 2:.1f}" y="{y + 36:.1f}" text-anchor="middle">keeps {kept[name]:,}</text>')
    out.append(f'<text x="20" y="{height - 12}" fill="#555">arrows: child to parent; solid absolute (LAP), '
               f'dashed relative (LRP)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# The sign-in flow of docs/identity.md: (from lane, to lane, label, the
# extension's function the step calls or None); the lanes' order is the
# picture's.
SIGN_IN_LANES = ["wallet", "application", "database (creative_defi)"]
SIGN_IN_STEPS = [
    (1, 2, "siwe_nonce(domain): a single-use nonce", "siwe_nonce"),
    (1, 0, "the EIP-4361 message with that nonce", None),
    (0, 1, "personal_sign (EIP-191): the signature", None),
    (1, 2, "wallet_login(message, signature)", "wallet_login"),
    (2, 1, "session token (kept only as its hash)", None),
    (1, 2, "each request: set_config('creative_defi.session_token', token, true)", None),
    (1, 2, "SELECT ... FROM wallet_holdings: current_wallet()'s rows only", "current_wallet"),
    (1, 2, "wallet_execute_order(order, signature): the session's wallet signed it", "wallet_execute_order"),
    (1, 2, "wallet_logout(token): the token resolves to nobody", "wallet_logout"),
]


def sign_in_functions_present():
    """The functions the steps name, as the installed extension has them:
    a renamed function fails the picture instead of drawing a stale one."""
    names = sorted({f for _, _, _, f in SIGN_IN_STEPS if f})
    found = {row[0] for row in psql("SELECT DISTINCT proname FROM pg_proc "
                                    "WHERE pronamespace = 'creative_defi'::regnamespace AND proname = ANY(ARRAY['"
                                    + "','".join(names) + "'])")}
    missing = [n for n in names if n not in found]
    if missing:
        sys.exit(f"docs-pictures: the sign-in picture names functions the extension lacks: {missing}")


def sign_in_picture():
    """A sequence picture: lanes as vertical lines, steps as arrows."""
    lane_x = [90, 330, 610]
    top, step_h = 70, 42
    width, height = 720, top + step_h * len(SIGN_IN_STEPS) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
           'Sign-In with Ethereum to a wallet session, then requests as that wallet</text>']
    for name, x in zip(SIGN_IN_LANES, lane_x):
        out.append(f'<rect x="{x - 80}" y="32" width="160" height="24" rx="5" fill="#f4f4f4" stroke="#333"/>')
        out.append(f'<text x="{x}" y="48" text-anchor="middle" font-weight="bold">{name}</text>')
        out.append(f'<line x1="{x}" y1="56" x2="{x}" y2="{height - 10}" stroke="#999" stroke-dasharray="4,4"/>')
    for i, (src, dst, label, _) in enumerate(SIGN_IN_STEPS):
        y = top + step_h * i + 20
        x1, x2 = lane_x[src], lane_x[dst]
        colour = "#1f77b4" if 2 in (src, dst) else "#2ca02c"
        out.append(f'<line x1="{x1}" y1="{y}" x2="{x2 - 4 if x2 > x1 else x2 + 4}" y2="{y}" stroke="{colour}" '
                   f'stroke-width="1.5" marker-end="url(#arrow)"/>')
        # the database's steps have long labels: they start at the
        # application's lane and run to the right
        anchor_x, anchor = (min(x1, x2) + 8, "start") if 2 in (src, dst) else ((x1 + x2) / 2, "middle")
        out.append(f'<text x="{anchor_x:.1f}" y="{y - 6}" text-anchor="{anchor}">{i + 1}. '
                   + label.replace("&", "&amp;").replace("<", "&lt;") + "</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


# The accumulator of docs/dividends.md over a short history: (label on the
# x axis, the SQL of the step); alice holds 3 units and bob 1 when
# dividends are enabled; "carol +1" is a transfer from alice.
DIVIDEND_STEPS = [
    ("enable", "SELECT dividends_enable(:song, 0)"),
    ("pay 100", "SELECT pay_dividends(:song, :payer, 100, 'pictures-p1')"),
    ("bob +4", "SELECT buy(:song, :bob, 4, 1000000, 'pictures-b3')"),
    ("pay 50", "SELECT pay_dividends(:song, :payer, 50, 'pictures-p2')"),
    ("alice claims", "SELECT claim_dividends(:alice, :song, 'pictures-c1')"),
    ("carol +1", "SELECT transfer(:alice, :carol, :song, 1, 'pictures-t1')"),
    ("pay 7", "SELECT pay_dividends(:song, :payer, 7, 'pictures-p3')"),
    ("bob -5", "SELECT sell(:song, :bob, 5, 0, 'pictures-s1')"),
    ("pay 9", "SELECT pay_dividends(:song, :payer, 9, 'pictures-p4')"),
]
DIVIDEND_HOLDERS = [("alice", "#1f77b4"), ("bob", "#d62728"), ("carol", "#2ca02c")]


def dividends_history():
    """After each step of DIVIDEND_STEPS, the accumulator in base units per
    share (acc / dividends_point()) and what each holder is owed
    (dividends_owed), in a transaction rolled back."""
    names = {"song": "'eip155:1/erc721:0x00000000000000000000000000000000000001d9/1'::creative_defi.asset",
             "usd": "'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'::creative_defi.asset",
             "alice": "'0x00000000000000000000000000000000000000a1'::creative_defi.eth_address",
             "bob": "'0x00000000000000000000000000000000000000b2'::creative_defi.eth_address",
             "carol": "'0x00000000000000000000000000000000000000c3'::creative_defi.eth_address",
             "payer": "'0x00000000000000000000000000000000000000f4'::creative_defi.eth_address"}

    def bind(statement):
        for name, value in names.items():
            statement = statement.replace(":" + name, value)
        return statement

    owed = ", ".join(f"dividends_owed(:{h}, :song)" for h, _ in DIVIDEND_HOLDERS)
    state = bind(f"SELECT round(acc / dividends_point(), 6), {owed} FROM dividend_assets WHERE asset = :song;")
    sql = ["BEGIN;", "SET LOCAL search_path = creative_defi, public;"]
    for who in ("alice", "bob", "carol", "payer"):
        sql.append(bind(f"SELECT deposit(:{who}, :usd, 10000000, 'pictures-d-{who}') \\g /dev/null"))
    sql.append(bind("SELECT register_asset(:song, :usd, linear_curve(1000, 10), '0x00000000000000000000000000000000000000e5=100%', "
                    "'0x00000000000000000000000000000000000000e5') \\g /dev/null"))
    sql.append(bind("SELECT buy(:song, :alice, 3, 100000, 'pictures-b1') \\g /dev/null"))
    sql.append(bind("SELECT buy(:song, :bob, 1, 100000, 'pictures-b2') \\g /dev/null"))
    for _, step in DIVIDEND_STEPS:
        sql.append(bind(step) + " \\g /dev/null")
        sql.append(state)
    sql.append("ROLLBACK;")
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", ",", "-v", "ON_ERROR_STOP=1", "-d", DATABASE],
                         input="\n".join(sql) + "\n", check=True, capture_output=True, text=True)
    rows = [[float(v) for v in line.split(",")] for line in out.stdout.splitlines() if line]
    if len(rows) != len(DIVIDEND_STEPS):
        sys.exit(f"docs-pictures: {len(rows)} dividend states for {len(DIVIDEND_STEPS)} steps")
    series = [("acc, base units per share", "#7f7f7f", [(i, r[0]) for i, r in enumerate(rows)])]
    for column, (holder, colour) in enumerate(DIVIDEND_HOLDERS, 1):
        series.append((f"{holder} owed (dividends_owed)", colour, [(i, r[column]) for i, r in enumerate(rows)]))
    return series


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

    with open(os.path.join(outdir, "lineage_example.svg"), "w") as f:
        f.write(lineage_picture(lineage_kept()))

    sign_in_functions_present()
    with open(os.path.join(outdir, "sign_in_sequence.svg"), "w") as f:
        f.write(sign_in_picture())

    history = dividends_history()
    # headroom above the lines for the legend
    y_max = max(v for _, _, points in history for _, v in points)
    with open(os.path.join(outdir, "dividends_accumulator.svg"), "w") as f:
        f.write(chart("The dividend accumulator over payments and trades", "step (docs/dividends.md)",
                      "base units", history, list(range(len(DIVIDEND_STEPS))),
                      lambda i: DIVIDEND_STEPS[i][0], linear_ticks(y_max * 1.3), number_label))


if __name__ == "__main__":
    main()
