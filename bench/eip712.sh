#!/usr/bin/env bash
# eip712_recover benchmark, run by `make bench` inside a throwaway cluster.
#
# BENCH_EIP712_ROWS (default 20000) rows of the EIP's Mail example as jsonb,
# each with its own contents ("Hello, Bob! #i") and so its own digest and
# signature (made by bench/eip712_loop.c with the key keccak256("cow")), so
# nothing is cached.  Measured in BENCH_ROUNDS (default 5) interleaved
# rounds, each figure its best round, one process (no parallel workers,
# no JIT):
#   sql eip712_recover   SELECT count(*) FROM t WHERE eip712_recover(td, sig) = signer
#                        (jsonb printed, parsed and encoded per row, then recovery)
#   raw C loop           bench/eip712_loop.c: per row the Keccak-256 calls of the
#                        Mail schema's digest and cd_ecrecover, no JSON (the limit)
#   sql eip712_hash      the JSON and hashing share alone
#   sql ecrecover        ecrecover(digest, sig) over precomputed digests
# Prints the ratio raw loop / SQL (1.0 = as fast as the bare C loop; the
# goal is at least 0.80).  Exit 1 if any row fails to recover.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_EIP712_ROWS:-20000}
OUT=build/bench
DB=cd_bench_eip712
# eth_address = eth_address lives in the extension schema
export PGOPTIONS="-c search_path=creative_defi,public"
mkdir -p "$OUT"

cc -O2 -std=c11 -D_GNU_SOURCE -Isrc/core bench/eip712_loop.c src/core/*.c \
	-lsecp256k1 -lcrypto -lnettle -lmpfr -lgmp -o "$OUT/eip712_loop"
"$OUT/eip712_loop" gen "$ROWS" > "$OUT/eip712_rows.tsv"

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE EXTENSION creative_defi;
CREATE TEMP TABLE raw (td text, sig text, contents text);
\\copy raw FROM '$OUT/eip712_rows.tsv'
CREATE TABLE t (id serial PRIMARY KEY, td jsonb NOT NULL, sig bytea NOT NULL, digest bytea);
INSERT INTO t (td, sig) SELECT td::jsonb, decode(sig, 'hex') FROM raw;
UPDATE t SET digest = creative_defi.eip712_hash(td);
VACUUM ANALYZE t;
SQL

# time_ms, extract_ms, min, and ROUNDS
. bench/lib/server_timing.sh

cow="'0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'::creative_defi.eth_address"
recovered=$(psql -X -q -A -t -d "$DB" -c "SELECT count(*) FROM t WHERE creative_defi.eip712_recover(td, sig) = $cow")
if [ "$recovered" != "$ROWS" ]; then
	echo "eip712: only $recovered of $ROWS rows recover to the signer"
	exit 1
fi
# interleaved rounds, so that load from other processes falls on every figure alike
sql_ms=""; hash_ms=""; ecr_ms=""; scan_ms=""; loop_ms=""
for round in $(seq "$ROUNDS"); do
	v=$(time_ms "SELECT count(*) FROM t WHERE creative_defi.eip712_recover(td, sig) = $cow" 2>&1 | extract_ms); sql_ms=$(min "$sql_ms" "$v")
	loop=$("$OUT/eip712_loop" loop "$OUT/eip712_rows.tsv" 1)
	loop_rec=$(printf '%s\n' "$loop" | sed -n 's/.*recovered=\([0-9]*\).*/\1/p')
	if [ "$loop_rec" != "$ROWS" ]; then
		echo "eip712: the raw loop recovered $loop_rec of $ROWS"
		exit 1
	fi
	v=$(printf '%s\n' "$loop" | sed -n 's/.*best_ms=\([0-9.]*\).*/\1/p'); loop_ms=$(min "$loop_ms" "$v")
	v=$(time_ms 'SELECT count(creative_defi.eip712_hash(td)) FROM t' 2>&1 | extract_ms); hash_ms=$(min "$hash_ms" "$v")
	v=$(time_ms "SELECT count(*) FROM t WHERE creative_defi.ecrecover(digest, sig) = $cow" 2>&1 | extract_ms); ecr_ms=$(min "$ecr_ms" "$v")
	v=$(time_ms 'SELECT count(length(td::text)) FROM t' 2>&1 | extract_ms); scan_ms=$(min "$scan_ms" "$v")
done

awk -v rounds="$ROUNDS" -v rows="$ROWS" -v sql="$sql_ms" -v hash="$hash_ms" -v ecr="$ecr_ms" -v scan="$scan_ms" -v loop="$loop_ms" 'BEGIN {
	printf "inputs: %d signed Mail typed-data rows, all recover; best of %d interleaved rounds, one process\n", rows, rounds
	printf "  %-44s %10s %12s %12s\n", "", "total ms", "us per row", "rows/s"
	printf "  %-44s %10.1f %12.2f %12.0f\n", "sql eip712_recover(td, sig)", sql, sql * 1e3 / rows, rows / sql * 1e3
	printf "  %-44s %10.1f %12.2f %12.0f\n", "raw C loop: keccak + cd_ecrecover (the limit)", loop, loop * 1e3 / rows, rows / loop * 1e3
	printf "  %-44s %10.1f %12.2f\n", "sql eip712_hash(td) alone", hash, hash * 1e3 / rows
	printf "  %-44s %10.1f %12.2f\n", "sql ecrecover(digest, sig) alone", ecr, ecr * 1e3 / rows
	printf "  %-44s %10.1f %12.2f\n", "scan only, count(length(td::text))", scan, scan * 1e3 / rows
	printf "ratio:\n"
	printf "  eip712_recover throughput / raw C loop    %.2f  (goal >= 0.80)\n", loop / sql
}'
