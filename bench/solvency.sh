#!/usr/bin/env bash
# bench/solvency.sh: a liabilities snapshot of N holdings of one asset
# (default 100,000; BENCH_SOLVENCY_HOLDINGS=1000000 for the docs figure),
# next to a baseline measured in the same run on the same balances.
#
#   snapshot   liabilities_snapshot(asset, ref): balances summed from the
#              postings at the journal head, the sum tree and the claim
#              tree (one C call, liabilities_snapshot_store), leaves, levels
#              and trees stored.  Also the two tree builders alone (C).
#   baseline   what an operator does without the extension: export the
#              same balances (psql \copy of account, balance) and build
#              @openzeppelin/merkle-tree's StandardMerkleTree over them in
#              Node (the claims tree only; no sum tree, nothing stored).
#   rounds     BENCH_SOLVENCY_ROUNDS (default 3) rounds, each a snapshot
#              (ref bench-R, its own session) then the baseline, so that
#              both see the same load; the medians are compared.
#   ratio      median baseline time / median snapshot time (goal, issue
#              18: >= 10x), and the ratio of each round.
#              The snapshot is timed inside the server; the baseline on
#              the wall clock (psql's export and Node's start included).
#              The journal is sealed before the snapshot, as it would be
#              by the ledger's own traffic.
#   proofs     BENCH_SOLVENCY_PROOFS (default 1,000) liabilities_proof and
#              claims_proof calls for random holders, served from the
#              stored levels and tree: mean latency per proof.
#   memory     the peak resident set (VmHWM of /proc/PID/status) of the
#              backend that took the snapshot, and maxRSS of the Node
#              baseline.  The backend's figure includes the shared buffers
#              it touched, printed apart (RssShmem after the snapshot:
#              VmHWM less it is the backend's own memory at its peak, at
#              most); and the most the snapshot's own memory context held
#              (its DEBUG1 line: the packed leaves and the trees); the
#              largest of the rounds.
# The holdings are set up by deposits of 10,000 holders per journal
# transaction (ledger_post), which is not measured.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_SOLVENCY_HOLDINGS:-100000}
PROOFS=${BENCH_SOLVENCY_PROOFS:-1000}
ROUNDS=${BENCH_SOLVENCY_ROUNDS:-3}
DB=cd_bench_solvency
ASSET='eip155:1/erc20:0x00000000000000000000000000000000000b3e7c'
work=$(mktemp -d /tmp/cd_bench_solvency.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ ! -d test/interop/node_modules/@openzeppelin/merkle-tree ]; then
	echo "bench solvency: skipped: test/interop/node_modules is missing (run scripts/deps.sh)"
	exit 0
fi
now_ms() { date +%s%3N; }

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c 'CREATE EXTENSION creative_defi'
printf 'setting up %s holdings of one asset ...\n' "$N"
psql -X -q -v ON_ERROR_STOP=1 -v n="$N" -v asset="'$ASSET'" -d "$DB" <<'SQL'
SET search_path = creative_defi, public;
-- deposits of 10,000 holders a transaction: holder i gets i * 1,000,003 + 7
SELECT count(ledger_post('deposit', 'bench-solvency-' || d.b, :asset, '{}', '{}',
           ledger_world_account() || d.accounts, array_fill(:asset::asset, ARRAY[d.n + 1]),
           (-d.total) || d.amounts, ARRAY['world'] || array_fill('user'::text, ARRAY[d.n])))
  FROM (SELECT b, count(*)::int AS n, sum(amount) AS total,
               array_agg(account ORDER BY account) AS accounts, array_agg(amount ORDER BY account) AS amounts
          FROM (SELECT (i - 1) / 10000 AS b, ('0x' || lpad(to_hex(i) || 'b3e7', 40, '0'))::eth_address AS account,
                       i * 1000003::numeric + 7 AS amount
                  FROM generate_series(1, :n) i) g
         GROUP BY b) d;
SQL
# sealed and analyzed, as a live ledger's tables would be
psql -X -q -At -d "$DB" -c "SELECT seq FROM creative_defi.journal_head()" -c "ANALYZE" >/dev/null

# one snapshot (ref $1), timed in the server (clock_timestamp), in a
# backend of its own whose peak RSS is read afterwards: prints
# "leaves ms VmHWM_kB RssShmem_kB context_bytes"
take_snapshot() {
	local out context_bytes
	out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v asset="'$ASSET'" -v ref="$1" -d "$DB" 2>"$work/snapshot.log" <<'SQL'
SET search_path = creative_defi, public;
SELECT keccak256('warm-up: the library loaded') IS NOT NULL AS loaded \g /dev/null
SET client_min_messages = debug1;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT leaf_count FROM liabilities_snapshot(:asset, :'ref');
SELECT round((extract(epoch FROM clock_timestamp()) - :t0) * 1000);
RESET client_min_messages;
SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\s+(\d+) kB'))[1];
SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'RssShmem:\s+(\d+) kB'))[1];
SQL
	) || { cat "$work/snapshot.log" >&2; return 1; }
	# "liabilities snapshot N: L leaves, at most B bytes in its memory context"
	context_bytes=$(sed -n 's/.*liabilities snapshot [0-9]*: [0-9]* leaves, at most \([0-9]*\) bytes.*/\1/p' "$work/snapshot.log")
	echo $out "${context_bytes:-0}"
}

# the baseline: export one snapshot's balances, then StandardMerkleTree
# in Node (run from test/interop, where the package is installed): prints
# "ms root maxRSS_MB"
run_baseline() {
	local t0 t1 node_out
	t0=$(now_ms)
	psql -X -q -d "$DB" -c "\\copy (SELECT account::text, balance::text FROM creative_defi.liabilities_leaves WHERE snapshot_id = $1 ORDER BY position) TO '$work/balances.tsv'"
	node_out=$(cd test/interop && node --input-type=module -e "
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { readFileSync } from 'node:fs';
const values = readFileSync('$work/balances.tsv', 'utf8').trim().split('\\n').map(l => l.split('\\t'));
const tree = StandardMerkleTree.of(values, ['address', 'uint256']);
console.log(tree.root + ' ' + Math.round(process.resourceUsage().maxRSS / 1024));
")
	t1=$(now_ms)
	echo "$((t1 - t0)) $node_out"
}

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

snapshot_times=""; baseline_times=""; round_ratios=""
hwm_kb=0; shmem_kb=0; context_bytes=0; node_rss_mb=0
for r in $(seq 1 "$ROUNDS"); do
	read -r leaves ms hwm shm cxt <<<"$(take_snapshot "bench-$r")"
	[ -n "$cxt" ] || { echo "bench solvency: snapshot bench-$r failed"; exit 1; }
	[ "$hwm" -gt "$hwm_kb" ] && { hwm_kb=$hwm; shmem_kb=$shm; }
	[ "$cxt" -gt "$context_bytes" ] && context_bytes=$cxt
	id=$(psql -X -q -At -d "$DB" -c "SELECT id FROM creative_defi.liabilities_snapshots WHERE ref = 'bench-$r'")
	read -r base_ms node_root rss <<<"$(run_baseline "$id")"
	[ "$rss" -gt "$node_rss_mb" ] && node_rss_mb=$rss
	db_root=$(psql -X -q -At -d "$DB" -c "SELECT '0x' || encode(creative_defi.claims_root($id), 'hex')")
	if [ "$node_root" != "$db_root" ]; then
		echo "bench solvency: the claims roots differ: node $node_root, database $db_root"
		exit 1
	fi
	snapshot_times="$snapshot_times $ms"; baseline_times="$baseline_times $base_ms"
	round_ratios="$round_ratios $(awk -v b="$base_ms" -v s="$ms" 'BEGIN { printf "%.1fx", b / s }')"
done
snapshot_ms=$(echo $snapshot_times | median)
baseline_ms=$(echo $baseline_times | median)

# the two tree builders alone, on the stored leaves
builders=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
SET search_path = creative_defi, public;
CREATE TEMP TABLE l AS
SELECT string_agg(eth_address_to_bytea(account), ''::bytea ORDER BY position) AS accounts,
       array_agg(balance ORDER BY position) AS balances, string_agg(salt, ''::bytea ORDER BY position) AS salts,
       array_agg(claims_leaf(account, balance) ORDER BY position) AS claim_leaves
  FROM liabilities_leaves WHERE snapshot_id = (SELECT min(id) FROM liabilities_snapshots);
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT count(*) FROM l, liabilities_tree_levels(l.accounts, l.balances, l.salts) \g /dev/null
SELECT extract(epoch FROM clock_timestamp()) AS t1 \gset
SELECT octet_length(claims_tree(claim_leaves)) FROM l \g /dev/null
SELECT extract(epoch FROM clock_timestamp()) AS t2 \gset
SELECT round((:t1 - :t0) * 1000) || ' ' || round((:t2 - :t1) * 1000);
SQL
)
sum_tree_ms=${builders% *}
claims_tree_ms=${builders#* }

# proof latency: random holders, one proof of each kind each
proofs=$(psql -X -q -At -v ON_ERROR_STOP=1 -v proofs="$PROOFS" -d "$DB" <<'SQL'
SET search_path = creative_defi, public;
CREATE TEMP TABLE pick AS
SELECT s.id, l.account FROM liabilities_snapshots s, liabilities_leaves l
 WHERE l.snapshot_id = s.id ORDER BY random() LIMIT :proofs;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT count(liabilities_proof(id, account)) FROM pick \g /dev/null
SELECT extract(epoch FROM clock_timestamp()) AS t1 \gset
SELECT count(claims_proof(id, account)) FROM pick \g /dev/null
SELECT extract(epoch FROM clock_timestamp()) AS t2 \gset
SELECT round((:t1 - :t0) * 1e6 / :proofs) || ' ' || round((:t2 - :t1) * 1e6 / :proofs);
SQL
)

awk -v n="$leaves" -v snap="$snapshot_ms" -v st="$sum_tree_ms" -v ct="$claims_tree_ms" -v base="$baseline_ms" \
	-v hwm="$hwm_kb" -v shm="$shmem_kb" -v cxt="${context_bytes:-0}" -v nrss="$node_rss_mb" \
	-v lp="${proofs% *}" -v cp="${proofs#* }" -v rounds="$ROUNDS" -v ratios="${round_ratios# }" \
	-v snaps="${snapshot_times# }" -v bases="${baseline_times# }" 'BEGIN {
	printf "holdings                 %d\n", n
	printf "snapshot                 %d ms   %.2f us/holding   backend peak RSS (VmHWM) %d MB\n", snap, snap * 1000 / n, hwm / 1024
	printf "  memory                 VmHWM %d MB - shared buffers touched (RssShmem) %d MB = %d MB own;  build context peak %.1f MB (%.0f bytes/holding)\n", hwm / 1024, shm / 1024, (hwm - shm) / 1024, cxt / 1048576, cxt / n
	printf "  sum tree builder (C)   %d ms   %.2f us/holding\n", st, st * 1000 / n
	printf "  claims tree builder (C) %d ms  %.2f us/holding\n", ct, ct * 1000 / n
	printf "baseline export + node   %d ms   %.2f us/holding   node maxRSS %d MB\n", base, base * 1000 / n, nrss
	printf "ratio baseline/snapshot  %.1fx (goal >= 10x), medians of %d rounds; each round %s\n", base / snap, rounds, ratios
	printf "  rounds (ms)            snapshot %s; baseline %s\n", snaps, bases
	printf "ratio baseline/claims tree builder %.1fx\n", base / (ct > 0 ? ct : 1)
	printf "liabilities_proof        %d us/proof\n", lp
	printf "claims_proof             %d us/proof\n", cp
}'
dropdb --if-exists "$DB" >/dev/null 2>&1
