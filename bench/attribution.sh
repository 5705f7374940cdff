#!/usr/bin/env bash
# attribution benchmark (docs/attribution.md), run by `make bench` inside a
# throwaway cluster: a payment into a data set of 1,000, 10,000 and
# 100,000 weighted contributors (weights 1 .. 997), each one journal
# transaction with a posting per contributor.  Timed inside the server
# (bench/lib/server_timing.sh, best of BENCH_ROUNDS interleaved rounds):
#   baseline     a distribute into an asset whose split pays one wallet
#   apportion    attribution_part_postings alone: the table read in
#                address order and the largest remainder in C
#   distribute   the whole payment: that, ledger_post of every posting,
#                holdings, journal, hash chain (a new ref each run)
# Printed: each figure, the cost per contributor ((distribute - baseline)
# / contributors, in microseconds) and its ratio to the 1,000-contributor
# one (1.0 = linear), and the peak memory of the backend that made one
# payment of each size in a session of its own: VmHWM of
# /proc/self/status less RssShmem (the shared buffers it touched), so
# private memory only, against the same for the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=cd_bench_attribution
# shellcheck source=bench/lib/server_timing.sh
. bench/lib/server_timing.sh
AMOUNT=123456789012345678901234567
SIZES=${BENCH_ATTRIBUTION_SIZES:-"1000 10000 100000"}
USDC="'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'"
PAYER="'0x52908400098527886e0f7030069857d2e4169ee7'"

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
{
	echo "CREATE EXTENSION creative_defi;"
	echo "CREATE SCHEMA bench;"
	cat <<SQL
SET search_path = creative_defi, public;
-- asset n: 0 the baseline, else the data set of n contributors
CREATE FUNCTION bench.asset(n int) RETURNS asset LANGUAGE sql IMMUTABLE
RETURN ('eip155:1/erc721:0x00000000000000000000000000000000000b3c4a/' || n)::asset;
SELECT count(*) FROM unnest(string_to_array('0 $SIZES', ' ')::int[]) n,
       register_asset(bench.asset(n), $USDC, linear_curve(1000, 10),
                      '0x00000000000000000000000000000000000000d1=100%', '0x00000000000000000000000000000000000000d1') \g /dev/null
SELECT * FROM deposit($PAYER, $USDC, 10::numeric ^ 60, 'bench-payer') \g /dev/null
SQL
	for n in $SIZES; do
		echo "SELECT * FROM record_contributors(bench.asset($n),
		    ARRAY(SELECT ('0x' || md5(i::text) || lpad(to_hex(i), 8, '0'))::eth_address FROM generate_series(1, $n) i ORDER BY i),
		    ARRAY(SELECT (1 + i % 997)::numeric FROM generate_series(1, $n) i ORDER BY i), 'bench-set-$n') \\g /dev/null"
		# a first payment creates every contributor's holding: the timed
		# ones update them, as payments into a data set mostly do
		echo "SELECT * FROM distribute(bench.asset($n), $PAYER, $AMOUNT, 'bench-first-$n') \\g /dev/null"
	done
	echo "VACUUM ANALYZE;"
} | psql -X -q -v ON_ERROR_STOP=1 -d "$DB"

pay() { echo "SELECT * FROM creative_defi.distribute(creative_defi.bench_asset_placeholder, $PAYER, $AMOUNT, 'bench-' || clock_timestamp()::text || random()::text)" | sed "s/creative_defi.bench_asset_placeholder/bench.asset($1)/"; }

declare -A best
for _ in $(seq "$ROUNDS"); do
	best[0.pay]=$(min "${best[0.pay]:-}" "$(time_ms "$(pay 0)" 2>&1 | extract_ms)")
	for n in $SIZES; do
		best[$n.part]=$(min "${best[$n.part]:-}" "$(time_ms "SELECT cardinality(amounts) FROM creative_defi.attribution_part_postings(bench.asset($n), $AMOUNT, $PAYER, $USDC, NULL)" 2>&1 | extract_ms)")
		best[$n.pay]=$(min "${best[$n.pay]:-}" "$(time_ms "$(pay "$n")" 2>&1 | extract_ms)")
	done
done

# peak private memory of a backend making one payment (kB)
peak_kb() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" <<SQL | tail -n 1
SET search_path = creative_defi, public;
$(pay "$1") \g /dev/null
SELECT (SELECT (regexp_match(s, 'VmHWM:\s+(\d+)'))[1]::int - (regexp_match(s, 'RssShmem:\s+(\d+)'))[1]::int)
  FROM pg_read_file('/proc/self/status') s;
SQL
}
base_kb=$(peak_kb 0)

# every payment is one transaction whose postings sum to zero
check=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "
    SELECT count(*) || ' payments, largest ' || max(k) || ' postings, ' || count(*) FILTER (WHERE s <> 0) || ' unbalanced'
      FROM (SELECT p.txn_id, count(*) AS k, sum(p.amount) AS s FROM creative_defi.ledger_postings p
              JOIN creative_defi.ledger_transactions t ON t.id = p.txn_id
             WHERE t.kind = 'distribute' GROUP BY p.txn_id) x" | tail -n 1)

echo "a payment of $AMOUNT base units into a data set, one journal transaction; best of $ROUNDS rounds, one process"
printf "  %-13s %12s %12s %16s %10s %14s\n" "contributors" "apportion" "distribute" "us/contributor" "ratio" "peak memory"
printf "  %-13s %12s %12.2f %16s %10s %11s kB\n" "baseline" "" "${best[0.pay]}" "" "" "$base_kb"
first=""
for n in $SIZES; do
	kb=$(peak_kb "$n")
	per=$(awk -v p="${best[$n.pay]}" -v b="${best[0.pay]}" -v n="$n" 'BEGIN { printf "%.2f", (p - b) * 1000 / n }')
	[ -n "$first" ] || first=$per
	printf "  %-13s %12.2f %12.2f %16s %9.2fx %11s kB\n" "$n" "${best[$n.part]}" "${best[$n.pay]}" "$per" \
		"$(awk -v a="$per" -v f="$first" 'BEGIN { print a / f }')" "$kb"
done
echo "  (ms; ratio: cost per contributor against the first size's; peak memory: the backend's VmHWM less RssShmem)"
echo "  $check"
