#!/usr/bin/env bash
# curve_properties.sh - randomized property suite for bonding curves.
#
# Generates CURVE_CASES (default 6000) random curves of every kind with
# supplies, amounts, budgets and proceeds (seeded: the seed is printed, and
# CURVE_SEED=<hex> reproduces a run), evaluates every curve_* function in
# the database, and checks the results with curve_properties.py against
# independent references (Python fractions for the exact kinds, decimal at
# 110 digits for exponential and bancor) and the pricing properties: path
# independence, monotonicity, buy/sell symmetry, sell never above the
# reserve, and the buy_amount / sell_amount inverses.  Then CURVE_SPOT_CASES
# (default 4000) curve_spot_price cases built around exact ties, for every
# kind, against the exact half-even rounding of Python fractions (decimal at
# 110 digits for an irrational bancor value).
# Runs inside the throwaway cluster of scripts/test.sh (PGHOST etc. set).
set -uo pipefail
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null; then
	echo "curve_properties: skipped: python3 is not installed"
	exit 77
fi
SEED=${CURVE_SEED:-$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')}
CASES=${CURVE_CASES:-6000}
SPOT_CASES=${CURVE_SPOT_CASES:-4000}
echo "curve_properties: seed $SEED ($CASES cases, $SPOT_CASES spot prices; reproduce with CURVE_SEED=$SEED)"
DB=cd_curve_properties
# CURVE_WORK=<dir> keeps the cases and results there for inspection
if [ -n "${CURVE_WORK:-}" ]; then
	WORK=$CURVE_WORK
	mkdir -p "$WORK"
	trap 'dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
else
	WORK=$(mktemp -d)
	trap 'rm -rf "$WORK"; dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
fi
python3 curve_properties.py gen "$SEED" "$CASES" > "$WORK/cases.csv" || exit 1
python3 curve_properties.py gen-spot "$SEED" "$SPOT_CASES" > "$WORK/spot_cases.csv" || exit 1
dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB" || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL > "$WORK/results.csv" || exit 1
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
CREATE TABLE cases (id int, curve bonding_curve, s numeric, a numeric, b numeric, budget numeric, proceeds numeric);
\copy cases FROM '$WORK/cases.csv' CSV HEADER
-- cost of a units at s, or NULL where buying them is impossible (past the
-- virtual supply or beyond uint256)
CREATE FUNCTION try_cost(c bonding_curve, s numeric, a numeric) RETURNS numeric LANGUAGE plpgsql AS \$\$
BEGIN
    RETURN curve_buy_cost(c, s, a);
EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
    RETURN NULL;
END \$\$;
CREATE FUNCTION try_sell_amount(c bonding_curve, s numeric, p numeric) RETURNS numeric LANGUAGE plpgsql AS \$\$
BEGIN
    RETURN curve_sell_amount(c, s, p);
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN NULL;
END \$\$;
CREATE FUNCTION evaluate(k cases, OUT error text, OUT r_s numeric, OUT r_s1 numeric, OUT r_sa numeric,
    OUT r_sab numeric, OUT cost_a numeric, OUT cost_b_after_a numeric, OUT cost_ab numeric,
    OUT sell_a numeric, OUT sell_all numeric, OUT price numeric, OUT buy_amount numeric,
    OUT cost_n numeric, OUT cost_n1 numeric, OUT proceeds numeric, OUT sell_amount numeric,
    OUT proceeds_m numeric, OUT proceeds_m1 numeric) LANGUAGE plpgsql AS \$\$
BEGIN
    r_s := curve_reserve(k.curve, k.s);
    r_s1 := curve_reserve(k.curve, k.s + 1);
    r_sa := curve_reserve(k.curve, k.s + k.a);
    r_sab := curve_reserve(k.curve, k.s + k.a + k.b);
    cost_a := curve_buy_cost(k.curve, k.s, k.a);
    cost_b_after_a := curve_buy_cost(k.curve, k.s + k.a, k.b);
    cost_ab := curve_buy_cost(k.curve, k.s, k.a + k.b);
    sell_a := curve_sell_proceeds(k.curve, k.s + k.a, k.a);
    sell_all := curve_sell_proceeds(k.curve, k.s + k.a, k.s + k.a);
    price := curve_price(k.curve, k.s);
    buy_amount := curve_buy_amount(k.curve, k.s, k.budget);
    cost_n := curve_buy_cost(k.curve, k.s, buy_amount);
    cost_n1 := try_cost(k.curve, k.s, buy_amount + 1);
    -- sometimes more than the whole reserve, which must be refused
    proceeds := mod(k.proceeds, r_sa + 2);
    sell_amount := try_sell_amount(k.curve, k.s + k.a, proceeds);
    IF sell_amount IS NOT NULL THEN
        proceeds_m := curve_sell_proceeds(k.curve, k.s + k.a, sell_amount);
        IF sell_amount > 0 THEN
            proceeds_m1 := curve_sell_proceeds(k.curve, k.s + k.a, sell_amount - 1);
        END IF;
    END IF;
EXCEPTION WHEN OTHERS THEN
    error := SQLSTATE || ' ' || SQLERRM;
END \$\$;
\copy (SELECT k.id, k.curve, e.* FROM cases k, LATERAL evaluate(k) e ORDER BY k.id) TO STDOUT CSV HEADER
-- spot prices built around exact ties, as text (or "ERROR <sqlstate>")
CREATE TABLE spot_cases (id int, curve bonding_curve, s numeric, scale int);
\copy spot_cases FROM '$WORK/spot_cases.csv' CSV HEADER
CREATE FUNCTION try_spot(c bonding_curve, s numeric, d int) RETURNS text LANGUAGE plpgsql AS \$\$
BEGIN
    RETURN curve_spot_price(c, s, d)::text;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END \$\$;
\copy (SELECT id, try_spot(curve, s, scale) AS spot FROM spot_cases ORDER BY id) TO '$WORK/spot_results.csv' CSV HEADER
SQL
python3 curve_properties.py check "$WORK/cases.csv" "$WORK/results.csv" "$WORK/spot_cases.csv" "$WORK/spot_results.csv"
