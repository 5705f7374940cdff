# shellcheck shell=bash
# bench/lib/server_timing.sh: statement timing inside the server for the
# bench/*.sh scripts (sourced, not run: make bench runs only bench/*.sh).
# The caller sets DB (the database); BENCH_NAME (for messages) is the
# script's name.  The figures are the best of ROUNDS interleaved rounds
# (BENCH_ROUNDS, default 5), so that load from other processes falls on
# every figure alike.
BENCH_NAME=$(basename "$0" .sh)
ROUNDS=${BENCH_ROUNDS:-5}

# time_ms STATEMENT [REPEAT]: one timed run of STATEMENT after a warm-up
# run (table and function in cache), in milliseconds, timed inside the
# server with clock_timestamp() so that no client round trip is counted;
# one process (no parallel workers, no JIT).  With REPEAT, the mean of
# REPEAT timed runs after the warm-up, in the same session.  The figure is
# in a NOTICE on stderr: pipe 2>&1 through extract_ms.
time_ms() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" <<SQL
SET max_parallel_workers_per_gather = 0;
SET jit = off;
DO \$\$
DECLARE
    t0 timestamptz;
BEGIN
    EXECUTE \$q\$$1\$q\$;
    t0 := clock_timestamp();
    FOR i IN 1 .. ${2:-1} LOOP
        EXECUTE \$q\$$1\$q\$;
    END LOOP;
    RAISE NOTICE 'best_ms=%', round((extract(epoch FROM clock_timestamp() - t0) * 1000 / ${2:-1})::numeric, 3);
END
\$\$;
SQL
}

# extract_ms: the last best_ms=N figure on stdin (time_ms's, or a C loop's)
extract_ms() { sed -n 's/.*best_ms=\([0-9.]*\).*/\1/p' | tail -n 1; }

# min BEST NEW: the smaller of a running best (may be empty) and a new
# figure; a missing new figure is a failed measurement and ends the script
min() {
	[ -n "$2" ] || { echo "$BENCH_NAME: a measurement failed" >&2; exit 1; }
	awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'
}
