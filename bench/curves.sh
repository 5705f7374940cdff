#!/usr/bin/env bash
# bench/curves.sh - curve_buy_cost per kind, and curve_spot_price (18
# decimals) for exponential, bancor and linear, over 200,000 rows, as ratios to
# (a) the same formula in PL/pgSQL over numeric, the way a user writes it
#     today without the extension, and
# (b) the call floor: numeric_abs, a built-in C function taking and
#     returning numeric, summed over the same rows.
# Each query is run 5 times (PL/pgSQL 3), the best time counts; the floor
# is measured next to each kind.  Goals (issue 4):
# exact kinds >= 5x faster than PL/pgSQL and within 2.5x of the call floor;
# exponential and bancor >= 100,000 calls per second per core; (issue 15)
# exponential and bancor within 5x of the call floor and >= 20x faster
# than PL/pgSQL.
# Runs inside the throwaway cluster of scripts/bench.sh (PGHOST etc. set).
#
# CURVE_BENCH_CALLGRIND=1 counts instructions instead (valgrind's callgrind;
# wall time on a shared machine moves by 20-50%): the same set-up in a
# private cluster (bench/lib/private_cluster.sh), stopped, then each query
# under `postgres --single` over the first N1 and the first N2 rows
# (CURVE_BENCH_CALLGRIND_ROWS="N1 N2", default "10000 30000"; the PL/pgSQL
# twins over CURVE_BENCH_CALLGRIND_PL_ROWS, default "1000 3000"), each run
# on a fresh copy of the data directory; (Ir(N2) - Ir(N1)) / (N2 - N1) is
# the instructions per row, with start-up, shutdown and most of the
# curve tables' filling (done in the first rows) taken off.
# CURVE_BENCH_KINDS (a regular expression) picks kinds in either mode.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${CURVE_BENCH_ROWS:-200000}
KINDS=${CURVE_BENCH_KINDS:-.}
DB=cd_bench_curves
if [ "${CURVE_BENCH_CALLGRIND:-}" = 1 ]; then
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "bench curves (callgrind): skipped: valgrind is not installed"
		exit 0
	fi
	CLUSTER_PREFIX=cd_bench_curves
	# shellcheck source=bench/lib/private_cluster.sh
	. bench/lib/private_cluster.sh
	private_cluster_init -c fsync=off
fi
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
-- deterministic pseudo-random supplies below 10^6 and amounts 1..1000
CREATE TABLE rows AS
  SELECT ((i * 7919) % 1000000)::numeric AS supply, (1 + (i * 104729) % 1000)::numeric AS amount
    FROM generate_series(1::bigint, $ROWS) AS i;
VACUUM ANALYZE rows;

-- The same formulas in PL/pgSQL over numeric: closed forms, exact where
-- numeric is exact, with the same ceil() rounding of the reserve.
CREATE FUNCTION pl_linear(base numeric, slope numeric, s numeric, a numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
DECLARE t numeric := s + a;
BEGIN
  RETURN ceil(base * t + slope * t * (t - 1) / 2) - ceil(base * s + slope * s * (s - 1) / 2);
END \$\$;
CREATE FUNCTION pl_power2(coefficient numeric, s numeric, a numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
DECLARE t numeric := s + a;
BEGIN
  -- sum_{i<n} i^2 = (n-1) n (2n-1) / 6
  RETURN ceil(coefficient * ((t - 1) * t * (2 * t - 1) / 6)) - ceil(coefficient * ((s - 1) * s * (2 * s - 1) / 6));
END \$\$;
CREATE FUNCTION pl_constant_product(x numeric, y numeric, s numeric, a numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
DECLARE t numeric := s + a;
BEGIN
  IF t >= y THEN RAISE EXCEPTION 'past the virtual supply'; END IF;
  -- ceil(p / q) with integer division: numeric's / rounds to a finite scale
  RETURN div(x * t + (y - t) - 1, y - t) - div(x * s + (y - s) - 1, y - s);
END \$\$;
CREATE FUNCTION pl_exponential(base numeric, ratio numeric, s numeric, a numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
DECLARE t numeric := s + a;
BEGIN
  RETURN ceil(base * (power(ratio, t) - 1) / (ratio - 1)) - ceil(base * (power(ratio, s) - 1) / (ratio - 1));
END \$\$;
CREATE FUNCTION pl_bancor(rr numeric, s0 numeric, r0 numeric, s numeric, a numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
DECLARE t numeric := s + a;
BEGIN
  RETURN ceil(r0 * power(t / s0, 1 / rr)) - ceil(r0 * power(s / s0, 1 / rr));
END \$\$;

-- spot prices, 18 decimals: base * ratio^s and R0 * y * S^(y-1) / S0^y
CREATE FUNCTION pl_spot_exponential(base numeric, ratio numeric, s numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
BEGIN
  RETURN round(base * power(ratio, s), 18);
END \$\$;
CREATE FUNCTION pl_spot_bancor(rr numeric, s0 numeric, r0 numeric, s numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS \$\$
BEGIN
  RETURN round(r0 / rr * power(s / s0, 1 / rr - 1) / s0, 18);
END \$\$;

-- each kind's C and PL/pgSQL expressions, written once; exact kinds are
-- checked row by row against their twin
CREATE TABLE kind_exprs (kind text, c_expr text, pl_expr text, exact boolean);
INSERT INTO kind_exprs VALUES
 ('linear',
  \$\$curve_buy_cost('linear(base=1000000000000, slope=7000000)', supply, amount)\$\$,
  \$\$pl_linear(1000000000000, 7000000, supply, amount)\$\$, true),
 ('power (friend.tech)',
  \$\$curve_buy_cost('power(coefficient=62500000000000, exponent=2)', supply, amount)\$\$,
  \$\$pl_power2(62500000000000, supply, amount)\$\$, true),
 ('constant_product',
  \$\$curve_buy_cost('constant_product(virtual_reserve=30000000000000000000, virtual_supply=1073000000)', supply, amount)\$\$,
  \$\$pl_constant_product(30000000000000000000, 1073000000, supply, amount)\$\$, true),
 ('exponential',
  \$\$curve_buy_cost('exponential(base=1000000000, ratio=1.0001)', supply, amount)\$\$,
  \$\$pl_exponential(1000000000, 1.0001, supply, amount)\$\$, false),
 ('bancor (rr 0.3: root path)',
  \$\$curve_buy_cost('bancor(reserve_ratio=0.3, initial_supply=1000000, initial_reserve=1000000000000000000)', supply, amount)\$\$,
  \$\$pl_bancor(0.3, 1000000, 1000000000000000000, supply, amount)\$\$, false),
 ('bancor (rr 0.333333: general)',
  \$\$curve_buy_cost('bancor(reserve_ratio=0.333333, initial_supply=1000000, initial_reserve=1000000000000000000)', supply, amount)\$\$,
  \$\$pl_bancor(0.333333, 1000000, 1000000000000000000, supply, amount)\$\$, false),
 ('spot: exponential',
  \$\$curve_spot_price('exponential(base=1000000000, ratio=1.0001)', supply)\$\$,
  \$\$pl_spot_exponential(1000000000, 1.0001, supply)\$\$, false),
 ('spot: bancor rr 0.333333',
  \$\$curve_spot_price('bancor(reserve_ratio=0.333333, initial_supply=1000000, initial_reserve=1000000000000000000)', supply)\$\$,
  \$\$pl_spot_bancor(0.333333, 1000000, 1000000000000000000, supply)\$\$, false),
 ('spot: linear (exact)',
  \$\$curve_spot_price('linear(base=1000000000000, slope=7.5)', supply)\$\$,
  \$\$round(1000000000000 + 7.5 * supply, 18)\$\$, true);
CREATE VIEW kinds AS
SELECT kind,
       format('SELECT sum(%s) FROM rows', c_expr) AS c_query,
       format('SELECT sum(%s) FROM rows', pl_expr) AS pl_query,
       CASE WHEN exact THEN format('SELECT count(*) FROM rows WHERE %s <> %s', c_expr, pl_expr) END AS check_query
  FROM kind_exprs;

CREATE FUNCTION best_ms(q text, reps int) RETURNS numeric LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; best numeric; ms numeric; r record;
BEGIN
  FOR i IN 1..reps LOOP
    t0 := clock_timestamp();
    EXECUTE q INTO r;
    ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    IF best IS NULL OR ms < best THEN best := ms; END IF;
  END LOOP;
  RETURN round(best, 1);
END \$\$;
SQL

if [ "${CURVE_BENCH_CALLGRIND:-}" = 1 ]; then
	read -r N1 N2 <<<"${CURVE_BENCH_CALLGRIND_ROWS:-10000 30000}"
	read -r P1 P2 <<<"${CURVE_BENCH_CALLGRIND_PL_ROWS:-1000 3000}"
	work=$cluster_work
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c CHECKPOINT
	# one query a line: floor, then each kind's C and PL/pgSQL queries
	psql -X -q -At -F '|' -v ON_ERROR_STOP=1 -v kinds="$KINDS" -d "$DB" >"$work/queries" <<'SQL'
SET search_path = creative_defi, public;
SELECT 'floor', 'floor', $$SELECT sum(abs(supply)) FROM rows$$
UNION ALL
SELECT * FROM (SELECT kind, side, q FROM kinds,
               LATERAL (VALUES ('C', c_query), ('PL/pgSQL', pl_query)) AS v(side, q)
          WHERE kind ~ :'kinds' ORDER BY kind, side) AS k;
SQL
	private_cluster_stop
	# measure I N: query I of the list over the first N rows (a LIMIT in
	# both runs and in the floor alike), on a fresh copy of the data
	measure() {
		local run=$work/q$1.$2 q
		q=$(sed -n "$1p" "$work/queries" | cut -d '|' -f 3)
		printf 'SET search_path = creative_defi, public;\n%s;\n' \
			"${q//FROM rows/FROM (SELECT * FROM rows LIMIT $2) AS rows}" >"$run.sql"
		cp -a "$cluster_data" "$run.data"
		as_server valgrind -q --tool=callgrind --callgrind-out-file="$run.cg" \
			"$PG_BINDIR/postgres" --single -D "$run.data" -c fsync=off -c jit=off \
			-c max_parallel_workers_per_gather=0 "$DB" \
			<"$run.sql" >"$run.out" 2>"$run.err" || echo "exit status $?" >>"$run.err"
		rm -rf "$run.data"
	}
	# pair I: the two row counts of query I (fewer for the slow PL/pgSQL twins)
	pair() { if [ "$(sed -n "$1p" "$work/queries" | cut -d '|' -f 2)" = PL/pgSQL ]; then echo "$P1 $P2"; else echo "$N1 $N2"; fi; }
	Ir() { sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$1"; }
	count=$(wc -l <"$work/queries")
	for i in $(seq 1 "$count"); do
		for n in $(pair "$i"); do
			while [ "$(jobs -rp | wc -l)" -ge "${CALLGRIND_JOBS:-2}" ]; do wait -n || true; done
			measure "$i" "$n" &
		done
	done
	wait
	echo "callgrind: instructions per row = (Ir(N2 rows) - Ir(N1 rows)) / (N2 - N1), N1 N2 = $N1 $N2 (PL/pgSQL $P1 $P2)"
	printf '%-36s %12s %12s %10s %12s\n' kind "C/row" "PL/pgSQL/row" "x floor" "x PL/pgSQL"
	status=0
	declare -A per
	for i in $(seq 1 "$count"); do
		read -r n1 n2 <<<"$(pair "$i")"
		for n in "$n1" "$n2"; do
			if grep -q -E ' (ERROR|FATAL|PANIC): |^exit status' "$work/q$i.$n.err" "$work/q$i.$n.out" ||
				[ -z "$(Ir "$work/q$i.$n.cg" 2>/dev/null)" ]; then
				echo "bench curves: query $i over $n rows failed:"
				grep -h -E ' (ERROR|FATAL|PANIC): |^exit status' "$work/q$i.$n.err" "$work/q$i.$n.out" | head -5
				status=1
			fi
		done
		[ "$status" = 0 ] || continue
		key=$(sed -n "${i}p" "$work/queries" | cut -d '|' -f 1,2)
		per[$key]=$((($(Ir "$work/q$i.$n2.cg") - $(Ir "$work/q$i.$n1.cg")) / (n2 - n1)))
	done
	[ "$status" = 0 ] || exit 1
	floor=${per[floor|floor]}
	printf '%-36s %12s\n' "floor (sum(abs(supply)))" "$floor"
	cut -d '|' -f 1 "$work/queries" | sed 1d | uniq | while read -r kind; do
		c=${per[$kind|C]}
		pl=${per[$kind|PL/pgSQL]}
		awk -v k="$kind" -v c="$c" -v pl="$pl" -v f="$floor" \
			'BEGIN { printf "%-36s %12d %12d %10.2f %12.1f\n", k, c, pl, c / f, pl / c }'
	done
	exit 0
fi

psql -X -q -v ON_ERROR_STOP=1 -v rows="$ROWS" -v kinds="$KINDS" -d "$DB" -P pager=off <<'SQL'
SET search_path = creative_defi, public;
SET max_parallel_workers_per_gather = 0;
\echo rows: :rows, single core (no parallel workers), best of 5 (PL/pgSQL 3); floor = SELECT sum(abs(supply)) FROM rows
-- the exact kinds must agree with their PL/pgSQL twins on every row
DO $$
DECLARE k record; n bigint;
BEGIN
  FOR k IN SELECT * FROM kinds WHERE check_query IS NOT NULL LOOP
    EXECUTE k.check_query INTO n;
    IF n <> 0 THEN RAISE EXCEPTION '% differs from its PL/pgSQL twin on % rows', k.kind, n; END IF;
  END LOOP;
END $$;
-- the floor is measured next to each kind, so load changes on a shared
-- machine hit both sides of the ratio alike
SELECT kind, floor_ms AS "floor ms", c_ms AS "C ms", pl_ms AS "PL/pgSQL ms",
       round(pl_ms / c_ms, 1) AS "x faster than PL/pgSQL",
       round(c_ms / floor_ms, 2) AS "x call floor",
       round(:rows / (c_ms / 1000)) AS "calls/s"
  FROM (SELECT kind, best_ms($$SELECT sum(abs(supply)) FROM rows$$, 5) AS floor_ms,
               best_ms(c_query, 5) AS c_ms, best_ms(pl_query, 3) AS pl_ms
          FROM kinds WHERE kind ~ :'kinds') AS m;
SQL
dropdb "$DB"
