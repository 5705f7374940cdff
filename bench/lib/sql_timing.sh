# shellcheck shell=bash
# bench/lib/sql_timing.sh: one timed SQL statement over a table `cases`, for
# the bench/*.sh scripts that compare functions row by row (sourced, not
# run).  The caller sets db (a database with the extension and `cases`).

# sql_timing_install: create bench_ms(q), the milliseconds one query takes,
# which must count every row of `cases` (as verified) or it fails
sql_timing_install() {
	psql -q -X -v ON_ERROR_STOP=1 -d "$db" <<'SQL'
CREATE FUNCTION bench_ms(q text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    n bigint;
BEGIN
    t0 := clock_timestamp();
    EXECUTE q INTO n;
    IF n <> (SELECT count(*) FROM cases) THEN
        RAISE EXCEPTION 'only % rows verified: %', n, q;
    END IF;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;
SQL
}

# sql_ms QUERY: milliseconds for one run of QUERY over all rows (serial,
# after a scan that brings `cases` into the buffers)
sql_ms() {
	psql -X -At -v ON_ERROR_STOP=1 -d "$db" \
		-c "SET max_parallel_workers_per_gather = 0" -c "SET search_path = creative_defi, public" \
		-c "SELECT count(*) FROM cases" \
		-c "SELECT bench_ms(\$q\$$1\$q\$)" | tail -n 1
}
