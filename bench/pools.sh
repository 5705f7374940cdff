#!/usr/bin/env bash
# bench/pools.sh: pool_swap throughput under pgbench, next to a baseline
# measured in the same run.
#
# Baseline: the ledger's own transfer() (two postings, idempotent by ref,
# hash-chained), the cheapest journaled ledger call.  A swap does the same
# journaling plus a pool row lock, the Uniswap V2 price (amm_amount_out),
# four postings and a pool history row.
# Runs, 8 clients each, 100 funded traders:
#   swap_50_pools  swaps in random directions on 50 pools (little contention)
#   swap_hot_pool   every swap on one pool (serialized on its row lock)
# Each run prints TPS and p50/p99 latency; ratios are against the baseline.
# BENCH_SECONDS (default 15) sets each run's length.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
CLIENTS=${BENCH_CLIENTS:-8}
DB=cd_bench_pools
work=$(mktemp -d /tmp/cd_bench_pools.XXXXXX)
trap 'rm -rf "$work"' EXIT

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
echo "setting up 50 pools and 100 traders ..."
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
CREATE EXTENSION creative_defi;
CREATE SCHEMA bench;
CREATE FUNCTION bench.token(i int) RETURNS creative_defi.asset LANGUAGE sql IMMUTABLE
    RETURN ('eip155:8453/erc20:0x' || lpad(to_hex(4096 + i), 40, '0'))::creative_defi.asset;
CREATE FUNCTION bench.account(i int) RETURNS creative_defi.eth_address LANGUAGE sql IMMUTABLE
    RETURN ('0x' || lpad(to_hex(65536 + i), 40, '0'))::creative_defi.eth_address;
-- pool p trades token 2p against token 2p+1; account 5000 provides liquidity
SELECT count(*) AS lp_funded FROM generate_series(0, 99) t,
    creative_defi.deposit(bench.account(5000), bench.token(t), 10::numeric ^ 30, 'lp-' || t);
CREATE TABLE bench.pool_ids AS
SELECT p, c.pool_id FROM generate_series(0, 49) p, creative_defi.pool_create(bench.token(2 * p), bench.token(2 * p + 1), 30) c;
SELECT count(*) AS pools FROM bench.pool_ids i,
    creative_defi.pool_add_liquidity(i.pool_id, bench.account(5000), 10::numeric ^ 27, 10::numeric ^ 27, 0, 'add-' || i.p);
-- every trader holds plenty of every token (one transaction per trader:
-- each deposit holds two advisory locks until commit)
DO $$
BEGIN
    FOR a IN 0 .. 99 LOOP
        PERFORM creative_defi.deposit(bench.account(a), bench.token(t), 10::numeric ^ 24, 'fund-' || a || '-' || t)
           FROM generate_series(0, 99) t;
        COMMIT;
    END LOOP;
END
$$;
CREATE FUNCTION bench.pool(p int) RETURNS bigint LANGUAGE sql STABLE
    RETURN (SELECT i.pool_id FROM bench.pool_ids i WHERE i.p = $1);
VACUUM ANALYZE;
SQL

cat > "$work/transfer.sql" <<'S'
\set n :n + 1
\set acct :client_id * (100 / :clients) + random(0, 100 / :clients - 1)
\set to (:acct + random(1, 99)) % 100
SELECT txn_id FROM creative_defi.transfer(bench.account(:acct), bench.account(:to), bench.token(0), 1000, :run || '-' || :client_id || '-' || :n);
S
cat > "$work/swap.sql" <<'S'
\set n :n + 1
\set acct :client_id * (100 / :clients) + random(0, 100 / :clients - 1)
\set p random(0, :pools - 1)
\set side random(0, 1)
\set amt random(1000000, 1000000000000)
SELECT amount_out FROM creative_defi.pool_swap(bench.pool(:p), bench.account(:acct), bench.token(2 * :p + :side), :amt, 0, :run || '-' || :client_id || '-' || :n);
S

BENCH_NAME=pools
# shellcheck source=bench/lib/pgbench_runs.sh
. bench/lib/pgbench_runs.sh

# The baseline and the 50-pool swap alternate twice, each after a
# checkpoint, and the best of each counts: the first run after the setup is
# much slower whatever it runs, and must not fall on one side only.
echo "pgbench: $CLIENTS clients, ${SECONDS_PER_RUN}s per run"
for round in 1 2; do
	run "baseline_ledger_transfer_$round" -f "$work/transfer.sql"
	run "swap_50_pools_$round" -D pools=50 -f "$work/swap.sql"
done
run swap_hot_pool -D pools=1 -f "$work/swap.sql"

baseline=$(best baseline_ledger_transfer_1 baseline_ledger_transfer_2)
echo
echo "ratios to the baseline (the ledger's transfer(); best of its 2 runs, $baseline tps):"
printf '  %-34s %sx\n' "pool_swap, 50 pools (best of 2)" "$(ratio "$(best swap_50_pools_1 swap_50_pools_2)" "$baseline")"
printf '  %-34s %sx\n' "pool_swap, one hot pool" "$(ratio "${TPS[swap_hot_pool]}" "$baseline")"
psql -X -q -At -d "$DB" -c "SELECT 'ledger_verify after the runs: ' || CASE WHEN bool_and(ok) THEN 'all ok' ELSE 'FAILED' END FROM creative_defi.ledger_verify()"
dropdb "$DB"
