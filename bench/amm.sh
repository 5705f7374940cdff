#!/usr/bin/env bash
# bench/amm.sh: amm_amount_out over 200,000 rows (AMM_BENCH_ROWS), as a
# ratio to (a) the same getAmountOut formula in PL/pgSQL over numeric, the
# way a user would write it today, and (b) the call floor, the built-in C
# function abs(numeric) over the same rows.  Two data sets: amounts that
# fit in int64 and 18-decimal token amounts (1e18..1e27, beyond int64).
# Each figure is the best of 7 interleaved runs of count(f(...)), parallelism off.
# Runs inside the throwaway cluster of scripts/bench.sh.
set -euo pipefail
ROWS=${AMM_BENCH_ROWS:-200000}
DB=cd_bench_amm
dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT

psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" -At <<'SQL'
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.42);

-- getAmountOut as a user would write it in PL/pgSQL today
CREATE FUNCTION amount_out_plpgsql(amount_in numeric, reserve_in numeric, reserve_out numeric,
                                   fee_bps int DEFAULT 30) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    in_with_fee numeric;
BEGIN
    IF amount_in <= 0 THEN RAISE EXCEPTION 'INSUFFICIENT_INPUT_AMOUNT'; END IF;
    IF reserve_in <= 0 OR reserve_out <= 0 THEN RAISE EXCEPTION 'INSUFFICIENT_LIQUIDITY'; END IF;
    in_with_fee := amount_in * (10000 - fee_bps);
    RETURN div(in_with_fee * reserve_out, reserve_in * 10000 + in_with_fee);
END $$;

CREATE TABLE small AS
SELECT (1 + floor(random() * 1e9))::numeric AS a, (1 + floor(random() * 1e12))::numeric AS rin,
       (1 + floor(random() * 1e12))::numeric AS rout
  FROM generate_series(1, :rows);
CREATE TABLE wei AS
SELECT (1 + floor(random() * 1e9))::numeric * 1e18 AS a, (1 + floor(random() * 1e9))::numeric * 1e18 + 7 AS rin,
       (1 + floor(random() * 1e9))::numeric * 1e18 + 13 AS rout
  FROM generate_series(1, :rows);
VACUUM ANALYZE small;
VACUUM ANALYZE wei;

-- same answers before timing anything
SELECT CASE WHEN count(*) FILTER (WHERE amm_amount_out(a, rin, rout) <> amount_out_plpgsql(a, rin, rout)) = 0
            THEN 'check: C and PL/pgSQL agree on ' || count(*) || ' wei rows'
            ELSE 'check: MISMATCH' END FROM wei;

-- Best time of each query over 7 rounds, the queries interleaved in each
-- round, so a burst of load on the machine hits all of them alike.
CREATE FUNCTION best_ms(queries text[], rounds int DEFAULT 7) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8[] := array_fill('Infinity'::float8, ARRAY[cardinality(queries)]);
BEGIN
    FOR q IN 1..cardinality(queries) LOOP EXECUTE queries[q]; END LOOP;  -- warm the cache
    FOR r IN 1..rounds LOOP
        FOR q IN 1..cardinality(queries) LOOP
            t0 := clock_timestamp();
            EXECUTE queries[q];
            best[q] := least(best[q], 1000 * extract(epoch FROM clock_timestamp() - t0));
        END LOOP;
    END LOOP;
    RETURN best;
END $$;

SELECT format('%-5s %s rows | floor abs(numeric) %s ms | amm_amount_out %s ms (%s ns/row) | PL/pgSQL %s ms | %sx faster than PL/pgSQL | %sx the call floor',
              t, n, round(b[1]::numeric, 1), round(b[2]::numeric, 1), round((1e6 * b[2] / n)::numeric),
              round(b[3]::numeric, 1), round((b[3] / b[2])::numeric, 1), round((b[2] / b[1])::numeric, 2))
  FROM (SELECT t, (SELECT count(*) FROM small) AS n,
               best_ms(ARRAY[format('SELECT count(abs(a)) FROM %I', t),
                             format('SELECT count(amm_amount_out(a, rin, rout)) FROM %I', t),
                             format('SELECT count(amount_out_plpgsql(a, rin, rout)) FROM %I', t)]) AS b
          FROM unnest(ARRAY['small', 'wei']) AS t) s;
SQL
