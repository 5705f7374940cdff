#!/usr/bin/env bash
# Sign-In with Ethereum: siwe_verify against eth_recover_message over the
# same signed messages (BENCH_ROWS, default 2,000; about 500 bytes each,
# every optional field present), so the ratio shows what parsing the
# message and checking its fields add to the EIP-191 recovery (goal: at
# most 1.25).  The two queries alternate, 3 runs each, best of each kept.
# The cases come from test/interop/siwe_bench_cases.mjs (viem builds, ethers
# signs); without node or test/interop/node_modules the bench skips.
# Runs inside the cluster that scripts/bench.sh starts.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/sql_timing.sh
ROWS=${BENCH_ROWS:-2000}
if ! command -v node >/dev/null 2>&1 || [ ! -d test/interop/node_modules/viem ]; then
	echo "siwe: skipped: node or test/interop/node_modules is missing (scripts/deps.sh installs them)"
	exit 0
fi
out=build/bench
mkdir -p "$out"
(cd test/interop && node siwe_bench_cases.mjs "$ROWS") > "$out/siwe_cases.psv"

db=cd_bench_siwe
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
psql -q -X -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE EXTENSION creative_defi;
CREATE TABLE raw_cases (message text, signature text, signer text, nonce text);
\copy raw_cases FROM '$out/siwe_cases.psv' WITH (DELIMITER '|')
CREATE TABLE cases AS
SELECT convert_from(decode(message, 'hex'), 'UTF8') AS message, decode(signature, 'hex') AS signature,
       signer::creative_defi.eth_address AS signer, nonce
  FROM raw_cases;
VACUUM ANALYZE cases;
SQL
sql_timing_install
recover_q="SELECT count(*) FROM cases WHERE eth_recover_message(message, signature) = signer"
siwe_q="SELECT count(*) FROM cases WHERE siwe_verify(message, signature, 'app.example', nonce, '2026-06-01T00:00:00Z') = signer"
best_recover=""; best_siwe=""
for round in 1 2 3; do
	ms=$(sql_ms "$recover_q"); best_recover=$(awk -v a="$ms" -v b="${best_recover:-$ms}" 'BEGIN { print (a < b ? a : b) }')
	ms=$(sql_ms "$siwe_q"); best_siwe=$(awk -v a="$ms" -v b="${best_siwe:-$ms}" 'BEGIN { print (a < b ? a : b) }')
done
awk -v r="$best_recover" -v s="$best_siwe" -v rows="$ROWS" 'BEGIN {
	printf "siwe: %d signed messages of about 500 bytes; best of 3 runs each, alternating\n", rows
	printf "  %-22s %10.0f calls/s\n", "eth_recover_message", rows / (r / 1000)
	printf "  %-22s %10.0f calls/s\n", "siwe_verify", rows / (s / 1000)
	printf "  siwe_verify / eth_recover_message time: %.2fx (goal <= 1.25x)\n", s / r
}'
dropdb "$db"
