#!/usr/bin/env bash
# dividends benchmark (docs/dividends.md), run by `make bench` inside a
# throwaway cluster; timed inside the server (bench/lib/server_timing.sh,
# best of BENCH_ROUNDS interleaved rounds), ratios against baselines of
# the same run:
#   (a) pay_dividends into assets of 10, 1,000 and 100,000 holders
#       (BENCH_DIVIDENDS_HOLDERS), PAYS payments a statement, per call:
#       the accumulator makes it O(1), goal flat within 2x
#   (b) a buy and a sell of an asset with dividends (1,000 holders, paid
#       before) against the same on an asset without: goal at least 0.8x
#       the throughput
#   (c) pay_dividends into 10,000 holders against the naive design, one
#       posting per holder per payment (bench/lib/dividends_naive.sql,
#       largest remainder, exact; its credits checked to sum to the
#       payment): goal at least 100x
# Each asset is registered and bought whole by one account (one buy);
# its holders are then written straight into ledger_holdings from that
# account's holding (what as many transfers would write, without their
# journal, which this bench does not measure), before dividends are
# enabled: holder n holds 1 + n % 7 units.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=cd_bench_dividends
# shellcheck source=bench/lib/server_timing.sh
. bench/lib/server_timing.sh
read -r -a SIZES <<<"${BENCH_DIVIDENDS_HOLDERS:-10 1000 100000}"
NAIVE=${BENCH_DIVIDENDS_NAIVE:-10000}
PAYS=10
TRADES=50
AMOUNT=123456789012345678901
USD="'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'"
PAYER="'0x52908400098527886e0f7030069857d2e4169ee7'"
TRADER="'0x7ade000000000000000000000000000000000001'"

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
{
	printf '%s\n' "CREATE EXTENSION creative_defi;" "CREATE SCHEMA bench;"
	cat bench/lib/dividends_naive.sql
	cat <<SQL
SET search_path = creative_defi, public;
-- h<n>: the asset of n holders
CREATE FUNCTION bench.asset(name text) RETURNS asset LANGUAGE sql IMMUTABLE
RETURN ('eip155:1/erc721:0x00000000000000000000000000000000000d1d1d/'
        || CASE name WHEN 'naive' THEN '1' WHEN 'with' THEN '2' WHEN 'without' THEN '3'
                ELSE (1000000 + substr(name, 2)::int)::text END)::asset;
CREATE FUNCTION bench.holder(n int) RETURNS eth_address LANGUAGE sql IMMUTABLE
RETURN ('0x' || lpad(to_hex(n + 4096), 40, '0'))::eth_address;
-- an asset held by n holders (1 + i % 7 units each) and, with dividends, enabled
CREATE PROCEDURE bench.seed(name text, n int, dividends boolean)
LANGUAGE plpgsql AS \$\$
DECLARE
    v_units numeric := (SELECT sum(1 + i % 7) FROM generate_series(1, n) i);
    v_whale eth_address := '0x00000000000000000000000000000000000000ee';
BEGIN
    PERFORM register_asset(bench.asset(name), $USD, linear_curve(1000, 10), '0x00000000000000000000000000000000000000e5=100%',
                           '0x00000000000000000000000000000000000000e5');
    PERFORM deposit(v_whale, $USD, 10::numeric ^ 30, 'seed-' || name);
    PERFORM buy(bench.asset(name), v_whale, v_units, 10::numeric ^ 30, 'seed-buy-' || name);
    INSERT INTO ledger_holdings (account, asset, amount, kind)
    SELECT bench.holder(i), bench.asset(name), 1 + i % 7, 'user' FROM generate_series(1, n) i;
    UPDATE ledger_holdings SET amount = amount - v_units WHERE account = v_whale AND asset = bench.asset(name);
    IF dividends THEN
        PERFORM dividends_enable(bench.asset(name), 0);
    END IF;
    COMMIT;
END
\$\$;
SELECT deposit($PAYER, $USD, 10::numeric ^ 40, 'bench-payer') \g /dev/null
SELECT deposit($TRADER, $USD, 10::numeric ^ 30, 'bench-trader') \g /dev/null
SQL
	for n in "${SIZES[@]}"; do echo "CALL bench.seed('h$n', $n, true);"; done
	cat <<SQL
CALL bench.seed('naive', $NAIVE, true);
CALL bench.seed('with', 1000, true);
CALL bench.seed('without', 1000, false);
-- the trader holds both before the timing; the asset with dividends was paid
SELECT buy(bench.asset(a), $TRADER, 10, 10::numeric ^ 20, 'bench-hold-' || a) FROM (VALUES ('with'), ('without')) v(a) \g /dev/null
SELECT pay_dividends(bench.asset('with'), $PAYER, $AMOUNT, 'bench-with-paid') \g /dev/null
VACUUM ANALYZE;
SQL
} | psql -X -q -v ON_ERROR_STOP=1 -d "$DB"

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "SET search_path = creative_defi, public" -c "$1"; }

# PAYS payments, each with a ref of its own
pays() { echo "SELECT count(*) FROM generate_series(1, $PAYS) i, creative_defi.pay_dividends(bench.asset('$1'), $PAYER, $AMOUNT, 'pay-' || i || '-' || clock_timestamp() || random())"; }
# TRADES buys of one unit, each followed by the sale of one unit
trades() { echo "SELECT count(*) FROM generate_series(1, $TRADES) i, creative_defi.buy(bench.asset('$1'), $TRADER, 1, 10::numeric ^ 20, 'b-' || i || '-' || clock_timestamp() || random()) b, creative_defi.sell(bench.asset('$1'), $TRADER, 1 + 0 * b.bought, 0, 's-' || i || '-' || clock_timestamp() || random())"; }

declare -A best
for round in $(seq "$ROUNDS"); do
	# the sizes in a rotated order each round: the first statement of a
	# round runs slower (after the trades and the naive payment of the
	# round before), so that no size is always first
	order=("${SIZES[@]:round % ${#SIZES[@]}}" "${SIZES[@]:0:round % ${#SIZES[@]}}")
	for n in "${order[@]}"; do
		best[pay$n]=$(min "${best[pay$n]:-}" "$(time_ms "$(pays "h$n")" 2>&1 | extract_ms)")
	done
	best[naive.pay]=$(min "${best[naive.pay]:-}" "$(time_ms "$(pays naive)" 2>&1 | extract_ms)")
	best[naive.ref]=$(min "${best[naive.ref]:-}" "$(time_ms "SELECT bench.naive_pay_dividends(bench.asset('naive'), $USD, $AMOUNT, 'naive-' || clock_timestamp())" 2>&1 | extract_ms)")
	# with and without in turn first
	for a in $( ((round % 2)) && echo with without || echo without with); do
		best[$a]=$(min "${best[$a]:-}" "$(time_ms "$(trades "$a")" 2>&1 | extract_ms)")
	done
done

# what was paid is what the holders are owed, claimed or carried; the
# naive credits sum to the payments
check=$(q "SELECT count(*) FILTER (WHERE NOT ok) FROM dividends_verify()" | tail -n 1)
[ "$check" = "0" ] || { echo "dividends: dividends_verify fails after the bench"; q "SELECT * FROM dividends_verify()"; exit 1; }
naive_check=$(q "SELECT count(DISTINCT ref) || ' naive payments, ' || count(*) / count(DISTINCT ref) || ' postings each, each summing to the payment: '
                 || bool_and(s = $AMOUNT) FROM (SELECT ref, sum(amount) OVER (PARTITION BY ref) s FROM bench.naive_postings) p" | tail -n 1)
owed_check=$(q "SELECT paid - owed - claimed = carried AND carried <= shares FROM dividends_status(bench.asset('h${SIZES[-1]}'))" | tail -n 1)
[ "$owed_check" = "t" ] || { echo "dividends: the holders of h${SIZES[-1]} are owed more than was paid"; exit 1; }

per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", t / n }'; }
echo "pay_dividends of $AMOUNT base units, $PAYS payments a statement; best of $ROUNDS rounds, one process (ms per call)"
for n in "${SIZES[@]}"; do
	printf "  %7d holders %10s\n" "$n" "$(per "${best[pay$n]}" $PAYS)"
done
echo "ratios (goal: flat within 2x):"
for n in "${SIZES[@]:1}"; do
	awk -v n="$n" -v b="${SIZES[0]}" -v t="${best[pay$n]}" -v t0="${best[pay${SIZES[0]}]}" \
		'BEGIN { printf "  %d / %d holders %6.2fx\n", n, b, t / t0 }'
done
echo "buy + sell of one unit, 1,000 holders, $TRADES pairs a statement (ms per pair):"
printf "  with dividends %10s   without %10s\n" "$(per "${best[with]}" $TRADES)" "$(per "${best[without]}" $TRADES)"
awk -v w="${best[with]}" -v o="${best[without]}" \
	'BEGIN { printf "  throughput with / without dividends %5.2fx (goal: at least 0.8x)\n", o / w }'
echo "one payment into $NAIVE holders (ms): pay_dividends $(per "${best[naive.pay]}" $PAYS), naive one posting per holder ${best[naive.ref]}"
awk -v p="${best[naive.pay]}" -v r="${best[naive.ref]}" -v k=$PAYS \
	'BEGIN { printf "  naive / pay_dividends %8.0fx (goal: at least 100x)\n", r / (p / k) }'
echo "  $naive_check; dividends_verify ok"
