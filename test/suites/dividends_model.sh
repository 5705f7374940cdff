#!/usr/bin/env bash
# dividends_model.sh - randomized reference model of the dividends area.
#
# A seeded random sequence (DIVIDENDS_STEPS, default 400) of buys, sells,
# transfers, pool deposits and withdrawals, payments (pay_dividends and
# distribute, by outsiders and by holders), claims, and LP-share payments,
# transfers and claims runs in the database (DIVIDENDS_SEED=<n> reproduces
# a run; refused steps, such as a sell of more than is held, are skipped),
# over two works: one whose revenue route gives its holders a share of
# distribute and of its trades' royalties, one whose royalty split names
# its dividend account.  dividends_model.py then replays the journal with
# its own per-holder bookkeeping in exact rationals (the payer of a
# payment earns nothing of it) and checks: every holder's dividends_owed
# is what the rule of docs/dividends.md gives, floor or floor + 1 of its
# exact share; the holders are never owed more than was paid; paid - owed
# - claimed is dividends_status's carried, below one base unit per holder
# plus the pending payment; ledger_verify() holds.
# Runs inside the throwaway cluster of scripts/test.sh (PGHOST etc. set).
set -uo pipefail
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null; then
	echo "dividends_model: skipped: python3 is not installed"
	exit 77
fi
SEED=${DIVIDENDS_SEED:-$((RANDOM * 32768 + RANDOM))}
STEPS=${DIVIDENDS_STEPS:-400}
echo "dividends_model: seed $SEED ($STEPS steps; reproduce with DIVIDENDS_SEED=$SEED)"
DB=cd_dividends_model
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB" || exit 1
psql -X -q -v ON_ERROR_STOP=1 -v seed="$SEED" -v steps="$STEPS" -d "$DB" -f dividends_model.sql > "$WORK/out.txt" || exit 1
python3 dividends_model.py "$WORK/out.txt"
