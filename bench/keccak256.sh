#!/usr/bin/env bash
# keccak256 benchmark, run by `make bench` inside a throwaway cluster.
#
# One table of BENCH_ROWS (default 200000) inputs of 32 to 200 bytes
# (deterministic: md5 of the row number, repeated).  Measured in one run,
# in BENCH_ROUNDS (default 5) interleaved rounds, so that load from other
# processes falls on all four alike; each figure is its best round; single
# process (no parallel workers, no JIT):
#   sql keccak256     SELECT count(keccak256(x)) FROM t
#   raw C loop        the same core Keccak-256 over the same inputs, in a
#                     C program built from bench/keccak256_loop.c (the limit)
#   pgcrypto sha256   SELECT count(digest(x, 'sha256')) FROM t (a peer's
#                     per-call cost through the same executor path)
#   scan only         SELECT count(length(x)) FROM t (the executor's share)
# and prints the ratios.  Exit 1 if the C loop and SQL disagree on a digest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-200000}
OUT=build/bench
DB=cd_bench_keccak
mkdir -p "$OUT"

cc -O2 -std=c11 -Isrc/core bench/keccak256_loop.c src/core/keccak.c src/core/hex.c -lnettle \
	-o "$OUT/keccak256_loop"

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE EXTENSION creative_defi;
CREATE EXTENSION pgcrypto;
CREATE TABLE t (id int PRIMARY KEY, x bytea NOT NULL);
INSERT INTO t
SELECT i, substr(decode(repeat(md5(i::text), 13), 'hex'), 1, 32 + i % 169)
  FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE t;
SQL
psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" \
	-c "\\copy (SELECT encode(x, 'hex') FROM t ORDER BY id) TO '$OUT/keccak256_inputs.hex'"

# time_ms, extract_ms, min, and ROUNDS
. bench/lib/server_timing.sh
sql_ms=""; sha_ms=""; scan_ms=""; loop_ms=""
for round in $(seq "$ROUNDS"); do
	v=$(time_ms 'SELECT count(creative_defi.keccak256(x)) FROM t' 2>&1 | extract_ms); sql_ms=$(min "$sql_ms" "$v")
	loop=$("$OUT/keccak256_loop" "$OUT/keccak256_inputs.hex" 2)
	v=$(printf '%s\n' "$loop" | sed -n 's/.*best_ms=\([0-9.]*\).*/\1/p'); loop_ms=$(min "$loop_ms" "$v")
	v=$(time_ms "SELECT count(public.digest(x, 'sha256')) FROM t" 2>&1 | extract_ms); sha_ms=$(min "$sha_ms" "$v")
	v=$(time_ms 'SELECT count(length(x)) FROM t' 2>&1 | extract_ms); scan_ms=$(min "$scan_ms" "$v")
done
loop_first=$(printf '%s\n' "$loop" | sed -n 's/.*first=\([0-9a-f]*\).*/\1/p')
bytes=$(printf '%s\n' "$loop" | sed -n 's/.*bytes=\([0-9]*\).*/\1/p')
sql_first=$(psql -X -q -A -t -d "$DB" -c "SELECT encode(creative_defi.keccak256(x), 'hex') FROM t WHERE id = 1")

if [ "$loop_first" != "$sql_first" ]; then
	echo "keccak256: the C loop and SQL disagree on row 1: $loop_first vs $sql_first"
	exit 1
fi
for v in "$sql_ms" "$sha_ms" "$scan_ms" "$loop_ms"; do
	[ -n "$v" ] || { echo "keccak256: a measurement failed"; exit 1; }
done

awk -v rounds="$ROUNDS" -v rows="$ROWS" -v bytes="$bytes" -v sql="$sql_ms" -v sha="$sha_ms" -v scan="$scan_ms" -v loop="$loop_ms" 'BEGIN {
	printf "inputs: %d rows, %d bytes (32..200 bytes each, mean %.1f); best of %d interleaved rounds, one process\n", rows, bytes, bytes / rows, rounds
	printf "  %-34s %10s %12s %10s\n", "", "total ms", "ns per row", "MB/s"
	printf "  %-34s %10.1f %12.0f %10.1f\n", "sql keccak256(x)", sql, sql * 1e6 / rows, bytes / sql / 1e3
	printf "  %-34s %10.1f %12.0f %10.1f\n", "raw C loop, same core (the limit)", loop, loop * 1e6 / rows, bytes / loop / 1e3
	printf "  %-34s %10.1f %12.0f %10.1f\n", "pgcrypto digest(x, sha256)", sha, sha * 1e6 / rows, bytes / sha / 1e3
	printf "  %-34s %10.1f %12.0f\n", "scan only, count(length(x))", scan, scan * 1e6 / rows
	printf "ratios:\n"
	printf "  sql keccak256 / raw C loop        %.2fx  (SQL call and scan overhead over the bare hash)\n", sql / loop
	printf "  sql keccak256 / pgcrypto sha256   %.2fx  (below 1: keccak256 is faster per call)\n", sql / sha
	printf "  (sql keccak256 - scan) / raw loop %.2fx  (per-call cost beyond the scan)\n", (sql - scan) / loop
}'
