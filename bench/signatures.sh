#!/usr/bin/env bash
# Signature throughput: ecrecover, eth_verify_message, schnorr_verify and
# ed25519_verify over the same 20,000 signed rows (BENCH_ROWS), in SQL and
# in a raw C loop (bench/signatures_raw.c, linked with the core) that makes
# the same library calls.  Prints calls per second for both and the ratio
# SQL / raw; each figure is the best of 3 runs, measured in this run.
# Runs inside the cluster that scripts/bench.sh starts.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/sql_timing.sh
ROWS=${BENCH_ROWS:-20000}
out=build/bench
mkdir -p "$out"
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Isrc -Isrc/core bench/signatures_raw.c src/core/*.c \
	-lsecp256k1 -lcrypto -lnettle -lmpfr -lgmp -o "$out/signatures_raw"
"$out/signatures_raw" gen "$ROWS" "$out/signatures_cases.psv"

db=cd_bench_signatures
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -q -X -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION creative_defi;
CREATE TABLE raw_cases (digest text, sig65 text, message text, signer text, schnorr_msg text,
                        schnorr_sig text, xonly text, ed_msg text, ed_sig text, ed_pk text);
\copy raw_cases FROM '$out/signatures_cases.psv' WITH (DELIMITER '|')
CREATE TABLE cases AS
SELECT decode(digest, 'hex') AS digest, decode(sig65, 'hex') AS sig65, decode(message, 'hex') AS message,
       creative_defi.eth_address_from_bytea(decode(signer, 'hex')) AS signer,
       decode(schnorr_msg, 'hex') AS schnorr_msg, decode(schnorr_sig, 'hex') AS schnorr_sig, decode(xonly, 'hex') AS xonly,
       decode(ed_msg, 'hex') AS ed_msg, decode(ed_sig, 'hex') AS ed_sig, decode(ed_pk, 'hex') AS ed_pk
  FROM raw_cases;
VACUUM ANALYZE cases;
SQL
sql_timing_install
# raw nanoseconds per call for one pass of one function
raw_ns() {
	"$out/signatures_raw" run "$out/signatures_cases.psv" "$1" | awk '{ print $2 }'
}
declare -A queries=(
	[ecrecover]="SELECT count(*) FROM cases WHERE ecrecover(digest, sig65) = signer"
	[eth_verify_message]="SELECT count(*) FROM cases WHERE eth_verify_message(signer, message, sig65)"
	[schnorr_verify]="SELECT count(*) FROM cases WHERE schnorr_verify(schnorr_msg, schnorr_sig, xonly)"
	[ed25519_verify]="SELECT count(*) FROM cases WHERE ed25519_verify(ed_msg, ed_sig, ed_pk)"
)
# a scan of the same rows without any signature work: the executor's share
scan_ms=$(sql_ms "SELECT count(*) FROM cases WHERE length(sig65) + length(ed_sig) > 0")

echo "signatures: $ROWS rows each; raw = C loop over the core (same library calls);"
echo "raw and SQL runs alternate, 3 of each, best of each kept (the machine may be shared)"
printf '  %-20s %14s %14s %8s\n' function "raw calls/s" "SQL calls/s" "SQL/raw"
for f in ecrecover eth_verify_message schnorr_verify ed25519_verify; do
	best_ns=""; best_ms=""
	for round in 1 2 3; do
		ns=$(raw_ns "$f")
		ms=$(sql_ms "${queries[$f]}")
		best_ns=$(awk -v a="$ns" -v b="${best_ns:-$ns}" 'BEGIN { print (a < b ? a : b) }')
		best_ms=$(awk -v a="$ms" -v b="${best_ms:-$ms}" 'BEGIN { print (a < b ? a : b) }')
	done
	awk -v f="$f" -v ns="$best_ns" -v ms="$best_ms" -v rows="$ROWS" 'BEGIN {
		raw = 1e9 / ns; sql = rows / (ms / 1000);
		printf "  %-20s %14.0f %14.0f %8.2f\n", f, raw, sql, sql / raw }'
done
echo "  (a plain scan of the $ROWS rows takes ${scan_ms} ms)"
dropdb --if-exists "$db" >/dev/null 2>&1
