#!/usr/bin/env python3
"""dividends_model.py - the reference model of dividends_model.sh.

Usage: dividends_model.py out.txt

Replays the journal (transactions in order) with per-holder bookkeeping
written here, independently of src/sql/90_dividends.sql.  A transaction
first moves the holdings it posts; then each payment it makes into an
asset's dividend account (pay_dividends, a distribute or trade royalty
through the revenue route or through a royalty split naming the account)
credits every user holder of the asset but the payer (the trader,
distributor or payer of the transaction: the payer rule), one by one,
with
  - its exact share h * (P + pending) / O (fractions.Fraction), and
  - its points h * ceil((P + pending) * 10^100 / O) (the documented rule),
where O is what the holders other than the payer hold; a payment with no
such holder waits (pending) for the next.  Then for every
holder: dividends_owed = floor(points / 10^100) - claimed (identical
amounts), and owed + claimed is floor or floor + 1 of the exact share;
per asset the holders are never owed more than was paid, and paid - owed
- claimed is the reported carried, below the holders' count plus the
pending payment plus one.
"""
import sys
from collections import defaultdict
from fractions import Fraction

POINT = 10 ** 100


def main(path):
    assets = {}          # asset -> dividend account
    enabled_at = {}      # asset -> txn id of dividends_enable
    system = set()
    postings = defaultdict(list)   # txn id -> [(kind, account, asset, amount)]
    owed_db = {}
    status = {}
    verify = []
    kinds = {}
    payers = {}          # txn id -> the account that paid its payments
    for line in open(path):
        f = line.rstrip("\n").split(",")
        if f[0] == "asset":
            assets[f[1]] = f[2].lower()
            enabled_at[f[1]] = int(f[3])
        elif f[0] == "system":
            system.add(f[1].lower())
        elif f[0] == "posting":
            postings[int(f[1])].append((f[2], f[3].lower(), f[4], int(f[5])))
        elif f[0] == "owed":
            owed_db[(f[1].lower(), f[2])] = int(f[3])
        elif f[0] == "status":
            status[f[1]] = tuple(int(x) for x in f[2:7])
        elif f[0] == "verify":
            verify.append((f[1], f[2]))
        elif f[0] == "kinds":
            kinds[f[1]] = int(f[2])
        elif f[0] == "payer":
            payers[int(f[1])] = f[2].lower()
    by_account = {acct: asset for asset, acct in assets.items()}

    held = defaultdict(lambda: defaultdict(int))        # asset -> account -> units
    exact = defaultdict(lambda: defaultdict(Fraction))  # asset -> account -> exact share
    points = defaultdict(lambda: defaultdict(int))      # asset -> account -> points
    claimed = defaultdict(lambda: defaultdict(int))
    pending = defaultdict(int)
    paid = defaultdict(int)
    covered = defaultdict(int)   # what the sequence exercised
    for txn in sorted(postings):
        payer = payers.get(txn)
        credits = defaultdict(int)   # asset -> paid into its dividend account
        for kind, account, asset, amount in postings[txn]:
            if asset in assets and account not in system:
                held[asset][account] += amount
            if account in by_account:
                credits[by_account[account]] += amount
        for a, amount in credits.items():
            if amount <= 0:
                continue
            paid[a] += amount
            kind = postings[txn][0][0]
            covered[kind] += 1
            if held[a].get(payer, 0) > 0:
                covered["by a holder"] += 1
            others = sum(h for holder, h in held[a].items() if holder != payer)
            if others == 0:
                pending[a] += amount
                continue
            total = amount + pending[a]
            pending[a] = 0
            per_share = -(-(total * POINT) // others)
            for holder, h in held[a].items():
                if h and holder != payer:
                    exact[a][holder] += Fraction(h * total, others)
                    points[a][holder] += h * per_share
        if postings[txn][0][0] == "dividends_claim":
            (a,) = [by_account[acct] for _, acct, _, x in postings[txn] if acct in by_account]
            for _, acct, _, x in postings[txn]:
                if x > 0:
                    claimed[a][acct] += x

    failures = []
    checked = 0
    for asset in assets:
        holders = set(held[asset]) | set(points[asset]) | {acct for (acct, a) in owed_db if a == asset}
        total_received = 0
        for holder in holders:
            got = owed_db.get((holder, asset), 0)
            want = points[asset][holder] // POINT - claimed[asset][holder]
            received = got + claimed[asset][holder]
            total_received += received
            checked += 1
            if got != want:
                failures.append(f"{asset} {holder}: owed {got}, the rule gives {want}")
            e = exact[asset][holder]
            if not (e.numerator // e.denominator <= received <= e.numerator // e.denominator + 1):
                failures.append(f"{asset} {holder}: received {received}, exact share {e} ({float(e):.3f})")
        s_paid, s_owed, s_claimed, s_carried, s_pending = status[asset]
        if s_paid != paid[asset]:
            failures.append(f"{asset}: status paid {s_paid}, journal {paid[asset]}")
        if total_received > paid[asset]:
            failures.append(f"{asset}: holders received {total_received} of {paid[asset]} paid")
        if s_carried != paid[asset] - total_received:
            failures.append(f"{asset}: carried {s_carried}, paid - received is {paid[asset] - total_received}")
        if s_pending != pending[asset]:
            failures.append(f"{asset}: pending {s_pending}, the model has {pending[asset]}")
        if s_carried > len(holders) + pending[asset] + 1:
            failures.append(f"{asset}: carried {s_carried} above {len(holders)} holders + pending {pending[asset]} + 1")
    for check, ok in verify:
        if ok != "t":
            failures.append(f"ledger_verify: {check} failed")
    print("dividends_model: transactions by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("dividends_model: payments by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(covered.items())))
    print(f"dividends_model: {checked} holder entitlements checked, paid "
          + ", ".join(f"{paid[a]}" for a in assets))
    if kinds.get("dividends_pay", 0) + kinds.get("distribute", 0) < 5 or kinds.get("dividends_claim", 0) < 2:
        failures.append("too few payments or claims ran: the sequence tested little")
    if min(covered[k] for k in ("buy", "sell", "distribute", "dividends_pay", "by a holder")) == 0:
        failures.append("no royalty of a buy or sell, distribute, pay_dividends or payment by a holder reached the holders: "
                        "the sequence tested little")
    for f in failures[:20]:
        print("FAIL " + f)
    if failures:
        print(f"dividends_model: {len(failures)} failures")
        sys.exit(1)
    print("dividends_model: ok")


if __name__ == "__main__":
    main(sys.argv[1])
