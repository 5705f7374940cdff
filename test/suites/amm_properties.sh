#!/usr/bin/env bash
# amm_properties: random inputs, seeded (AMM_SEED=n to replay; the seed is
# printed), checking the C amm_* functions against an independent
# implementation of the published Solidity formulas (UniswapV2Library,
# UniswapV2Pair) written in exact numeric SQL, plus swap and liquidity
# invariants.  AMM_ROWS (default 5000) random cases per check.
# Runs inside the throwaway cluster (PGHOST/PGPORT/PGUSER set).
set -uo pipefail
SEED=${AMM_SEED:-$(( ($(date +%s%N) / 1000) % 2147483647 ))}
ROWS=${AMM_ROWS:-5000}
DB=cd_amm_properties
echo "amm_properties: seed $SEED, $ROWS cases per check (replay with AMM_SEED=$SEED)"

. "$(dirname "$0")/../../scripts/suite-lib.sh"
scratch_db "$DB" || exit 1

out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v seed="$SEED" -v rows="$ROWS" -At 2>&1 <<'SQL'
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
SELECT setseed(:seed::float8 / 2147483647);

-- A random integer of 1..max_digits decimal digits, leading digits random too.
CREATE FUNCTION pg_temp.rand_int(max_digits int) RETURNS numeric
LANGUAGE sql AS $$
    SELECT (SELECT string_agg(floor(random() * 10)::int::text, '')
              FROM generate_series(1, 1 + floor(random() * max_digits)::int))::numeric
$$;
-- Exact floor(sqrt(x)) for a non-negative integer: numeric sqrt computes
-- every integer digit, then step to the exact floor.
CREATE FUNCTION pg_temp.isqrt(x numeric) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE s numeric := floor(sqrt(x));
BEGIN
    WHILE s * s > x LOOP s := s - 1; END LOOP;
    WHILE (s + 1) * (s + 1) <= x LOOP s := s + 1; END LOOP;
    RETURN s;
END $$;
-- The published formulas, literally: getAmountOut / getAmountIn with
-- 997/1000 at 30 bps (the generalization otherwise), quote, mint, burn.
CREATE FUNCTION pg_temp.ref_out(a numeric, rin numeric, rout numeric, fee int) RETURNS numeric
LANGUAGE sql AS $$
    SELECT CASE WHEN fee = 30 THEN div(a * 997 * rout, rin * 1000 + a * 997)
                ELSE div(a * (10000 - fee) * rout, rin * 10000 + a * (10000 - fee)) END
$$;
CREATE FUNCTION pg_temp.ref_in(b numeric, rin numeric, rout numeric, fee int) RETURNS numeric
LANGUAGE sql AS $$
    SELECT CASE WHEN fee = 30 THEN div(rin * b * 1000, (rout - b) * 997) + 1
                ELSE div(rin * b * 10000, (rout - b) * (10000 - fee)) + 1 END
$$;
CREATE FUNCTION pg_temp.ref_mint(a numeric, b numeric, ra numeric, rb numeric, ts numeric) RETURNS numeric
LANGUAGE sql AS $$
    SELECT CASE WHEN ts = 0 THEN pg_temp.isqrt(a * b) - 1000
                ELSE least(div(a * ts, ra), div(b * ts, rb)) END
$$;
-- The C function's answer, or its SQLSTATE when it raises.
CREATE FUNCTION pg_temp.try_mint(a numeric, b numeric, ra numeric, rb numeric, ts numeric) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    RETURN amm_liquidity_minted(a, b, ra, rb, ts)::text;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END $$;
CREATE FUNCTION pg_temp.try_burn(l numeric, ra numeric, rb numeric, ts numeric) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT amount_a || ',' || amount_b FROM amm_liquidity_burned(l, ra, rb, ts));
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE;
END $$;

CREATE TEMP TABLE failures (check_name text, inputs text, got text, expected text);

-- Swaps: reserves up to 34 digits (uint112 is 2^112 ~ 5.2e33, the pair's cap),
-- inputs up to 30 digits, half at 30 bps, the rest at a random fee.
CREATE TEMP TABLE swaps AS
SELECT i, pg_temp.rand_int(30) AS a, pg_temp.rand_int(34) AS rin, pg_temp.rand_int(34) AS rout,
       CASE WHEN random() < 0.5 THEN 30 ELSE floor(random() * 10000)::int END AS fee
  FROM generate_series(1, :rows) i;
DELETE FROM swaps WHERE a = 0 OR rin = 0 OR rout = 0;
ALTER TABLE swaps ADD COLUMN out numeric, ADD COLUMN ref numeric;
UPDATE swaps SET out = amm_amount_out(a, rin, rout, fee), ref = pg_temp.ref_out(a, rin, rout, fee);
INSERT INTO failures SELECT 'amount_out = getAmountOut', format('%s %s %s %s', a, rin, rout, fee), out::text, ref::text
  FROM swaps WHERE out IS DISTINCT FROM ref;
-- k = reserve_in * reserve_out never decreases after paying out amount_out
INSERT INTO failures SELECT 'k does not decrease', format('%s %s %s %s', a, rin, rout, fee), out::text, ''
  FROM swaps WHERE (rin + a) * (rout - out) < rin * rout;
-- more input never buys less
INSERT INTO failures SELECT 'amount_out monotonic', format('%s %s %s %s', a, rin, rout, fee), out::text, ''
  FROM swaps WHERE amm_amount_out(a + 1, rin, rout, fee) < out;
-- amount_in(amount_out(x)) <= x: the cheapest input for what x buys is at most x
INSERT INTO failures SELECT 'amount_in(amount_out(x)) <= x', format('%s %s %s %s', a, rin, rout, fee),
       amm_amount_in(out, rin, rout, fee)::text, a::text
  FROM swaps WHERE out > 0 AND amm_amount_in(out, rin, rout, fee) > a;

-- getAmountIn on outputs below the reserve
CREATE TEMP TABLE buys AS
SELECT i, rin, rout, fee, 1 + div((rout - 1) * floor(random() * 1000000)::numeric, 1000000) AS b
  FROM swaps WHERE rout > 1;
ALTER TABLE buys ADD COLUMN need numeric, ADD COLUMN ref numeric;
UPDATE buys SET need = amm_amount_in(b, rin, rout, fee), ref = pg_temp.ref_in(b, rin, rout, fee);
INSERT INTO failures SELECT 'amount_in = getAmountIn', format('%s %s %s %s', b, rin, rout, fee), need::text, ref::text
  FROM buys WHERE need IS DISTINCT FROM ref;
-- amount_out(amount_in(y)) >= y, and one unit less is not enough
INSERT INTO failures SELECT 'amount_out(amount_in(y)) >= y', format('%s %s %s %s', b, rin, rout, fee),
       amm_amount_out(need, rin, rout, fee)::text, b::text
  FROM buys WHERE amm_amount_out(need, rin, rout, fee) < b;
-- k holds for the exact-output swap too
INSERT INTO failures SELECT 'k does not decrease (exact output)', format('%s %s %s %s', b, rin, rout, fee), need::text, ''
  FROM buys WHERE (rin + need) * (rout - b) < rin * rout;

-- quote
CREATE TEMP TABLE quotes AS
SELECT i, pg_temp.rand_int(40) AS a, pg_temp.rand_int(40) AS ra, pg_temp.rand_int(40) AS rb
  FROM generate_series(1, :rows) i;
DELETE FROM quotes WHERE a = 0 OR ra = 0 OR rb = 0 OR div(a * rb, ra) >= 2::numeric ^ 256;
INSERT INTO failures SELECT 'quote', format('%s %s %s', a, ra, rb), amm_quote(a, ra, rb)::text, div(a * rb, ra)::text
  FROM quotes WHERE amm_quote(a, ra, rb) <> div(a * rb, ra);
INSERT INTO failures SELECT 'quote round trip <= a', format('%s %s %s', a, ra, rb), '', ''
  FROM quotes WHERE amm_quote(a, ra, rb) > 0 AND amm_quote(amm_quote(a, ra, rb), rb, ra) > a;

-- mint, first and later deposits (a third are first deposits), and
-- reverts exactly where the reference says the contract reverts
CREATE TEMP TABLE mints AS
SELECT i, pg_temp.rand_int(25) AS a, pg_temp.rand_int(25) AS b,
       1 + pg_temp.rand_int(30) AS ra, 1 + pg_temp.rand_int(30) AS rb,
       CASE WHEN random() < 0.33 THEN 0 ELSE 1 + pg_temp.rand_int(30) END AS ts
  FROM generate_series(1, :rows) i;
ALTER TABLE mints ADD COLUMN got text, ADD COLUMN ref numeric;
UPDATE mints SET got = pg_temp.try_mint(a, b, ra, rb, ts), ref = pg_temp.ref_mint(a, b, ra, rb, ts);
INSERT INTO failures SELECT 'liquidity_minted = mint', format('%s %s %s %s %s', a, b, ra, rb, ts), got,
       CASE WHEN ref > 0 THEN ref::text ELSE 'ERROR 22023' END
  FROM mints WHERE got IS DISTINCT FROM CASE WHEN ref > 0 THEN ref::text ELSE 'ERROR 22023' END;
-- burning what was just minted never returns more than was deposited
INSERT INTO failures SELECT 'burn(mint(a, b)) <= (a, b)', format('%s %s %s %s %s', a, b, ra, rb, ts), got, ''
  FROM mints
 WHERE ts > 0 AND got NOT LIKE 'ERROR%'
   AND (SELECT r NOT LIKE 'ERROR%' AND (split_part(r, ',', 1)::numeric > a OR split_part(r, ',', 2)::numeric > b)
          FROM (SELECT pg_temp.try_burn(got::numeric, ra + a, rb + b, ts + got::numeric) AS r) s);

-- burn
CREATE TEMP TABLE burns AS
SELECT i, 1 + pg_temp.rand_int(30) AS ts, pg_temp.rand_int(34) AS ra, pg_temp.rand_int(34) AS rb
  FROM generate_series(1, :rows) i;
ALTER TABLE burns ADD COLUMN l numeric;
UPDATE burns SET l = div(ts * floor(random() * 1000001)::numeric, 1000000);
ALTER TABLE burns ADD COLUMN got text, ADD COLUMN ref text;
UPDATE burns SET got = pg_temp.try_burn(l, ra, rb, ts),
                 ref = CASE WHEN div(l * ra, ts) > 0 AND div(l * rb, ts) > 0
                            THEN div(l * ra, ts) || ',' || div(l * rb, ts) ELSE 'ERROR 22023' END;
INSERT INTO failures SELECT 'liquidity_burned = burn', format('%s %s %s %s', l, ra, rb, ts), got, ref
  FROM burns WHERE got IS DISTINCT FROM ref;

SELECT 'cases ' || (SELECT count(*) FROM swaps) || ' swaps, ' || (SELECT count(*) FROM buys) || ' buys, '
       || (SELECT count(*) FROM quotes) || ' quotes, ' || (SELECT count(*) FROM mints) || ' mints ('
       || (SELECT count(*) FROM mints WHERE got LIKE 'ERROR%') || ' reverting), '
       || (SELECT count(*) FROM burns) || ' burns ('
       || (SELECT count(*) FROM burns WHERE got LIKE 'ERROR%') || ' reverting)';
SELECT 'failures ' || count(*) FROM failures;
SELECT 'FAIL ' || check_name || ': inputs ' || inputs || ' got ' || got || ' expected ' || expected
  FROM failures ORDER BY check_name LIMIT 20;
SQL
)
rc=$?
echo "$out"
if [ $rc -ne 0 ]; then
	echo "amm_properties: psql failed (seed $SEED)"
	exit 1
fi
if ! grep -qx 'failures 0' <<<"$out"; then
	echo "amm_properties: FAILED with seed $SEED"
	exit 1
fi
echo "amm_properties: all checks passed (seed $SEED)"
