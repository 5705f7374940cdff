#!/usr/bin/env bash
# bench/orders.sh: execute_order throughput under pgbench, as a ratio to
# buy() called directly, measured in the same run on the same data.
#
# Both runs execute BENCH_ORDERS distinct Buy orders of one unit (64
# wallets, 100 assets on linear curves, 8 clients), each transaction one
# order taken from a table by a sequence:
#   buy            creative_defi.buy(asset, account, 1, max_cost, ref)
#   execute_order  the same buy, signed by the wallet as EIP-712 typed data
#                  (ethers, precomputed by test/interop/gen_signatures.mjs):
#                  domain and type checks, ecrecover, nonce, then buy()
# The rounds alternate (buy, order, buy, order, ...) so that load from
# other processes falls on both alike; each figure is the best of three.
# Goal (issue 7): execute_order >= 0.7x buy.
# BENCH_ORDERS (default 3000 per run), BENCH_CLIENTS (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${BENCH_ORDERS:-3000}
CLIENTS=${BENCH_CLIENTS:-8}
DB=cd_bench_orders
if ! command -v node >/dev/null 2>&1 || [ ! -d test/interop/node_modules ]; then
	echo "bench orders: skipped: node or test/interop/node_modules missing (scripts/deps.sh installs them)"
	exit 0
fi
work=$(mktemp -d /tmp/cd_bench_orders.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "signing $((3 * ORDERS)) EIP-712 Buy orders with ethers ..."
(cd test/interop && BENCH_ORDERS=$((3 * ORDERS)) node gen_signatures.mjs bench) > "$work/orders.tsv"

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
CREATE EXTENSION creative_defi;
CREATE SCHEMA bench;
SELECT creative_defi.set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
CREATE TABLE bench.orders (id int PRIMARY KEY, typed_data jsonb NOT NULL, signature bytea NOT NULL);
\copy bench.orders FROM '$work/orders.tsv'
-- the same orders as plain arguments, for buy() called directly
CREATE TABLE bench.buys AS
SELECT id, (typed_data #>> '{message,asset}')::creative_defi.asset AS asset,
       (typed_data #>> '{message,signer}')::creative_defi.eth_address AS buyer,
       (typed_data #>> '{message,maxCost}')::numeric AS max_cost
  FROM bench.orders;
ALTER TABLE bench.buys ADD PRIMARY KEY (id);
SELECT count(*) AS assets FROM generate_series(1, 100) i,
    creative_defi.register_asset(('eip155:8453/erc1155:0x' || lpad('2000', 40, '0') || '/' || i)::creative_defi.asset,
        'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', creative_defi.linear_curve(1000 + i, 3),
        '0x0000000000000000000000000000000000031337=600000ppm, 0x0000000000000000000000000000000000031338=400000ppm',
        '0x0000000000000000000000000000000000031337', 500);
SELECT count(*) AS funded FROM (SELECT DISTINCT buyer FROM bench.buys) b,
    creative_defi.deposit(b.buyer, 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
                          1000000000000000000000, 'fund-' || b.buyer::text);
-- each run takes the next unused order: orders 1..N for execute_order in
-- round 1, N+1..2N in round 2, ...; the same ids for buy() (with other refs)
CREATE SEQUENCE bench.order_seq;
CREATE SEQUENCE bench.buy_seq;
-- (INTO STRICT: exactly one order per call, or the run fails)
CREATE FUNCTION bench.next_order() RETURNS bigint LANGUAGE plpgsql AS \$\$
DECLARE
    i bigint := nextval('bench.order_seq');
    t bigint;
BEGIN
    SELECT e.txn_id INTO STRICT t FROM bench.orders o, creative_defi.execute_order(o.typed_data, o.signature) e WHERE o.id = i;
    RETURN t;
END \$\$;
CREATE FUNCTION bench.next_buy() RETURNS bigint LANGUAGE plpgsql AS \$\$
DECLARE
    i bigint := nextval('bench.buy_seq');
    t bigint;
BEGIN
    SELECT r.txn_id INTO STRICT t FROM bench.buys b, creative_defi.buy(b.asset, b.buyer, 1, b.max_cost, 'direct:' || b.id) r WHERE b.id = i;
    RETURN t;
END \$\$;
SQL
echo 'SELECT bench.next_order();' > "$work/order.sql"
echo 'SELECT bench.next_buy();' > "$work/buy.sql"

declare -A BEST
run() {
	local name=$1 script=$2 tps
	tps=$(cd "$work" && pgbench -n -c "$CLIENTS" -j $((CLIENTS < 2 ? CLIENTS : 2)) -t $((ORDERS / CLIENTS)) \
		-f "$script" "$DB" 2>&1 | awk '/^tps = / { print $3 }')
	if [ -z "$tps" ]; then
		echo "bench orders: pgbench run $name failed"
		exit 1
	fi
	printf '  %-16s %10.1f tps\n' "$name" "$tps"
	if [ -z "${BEST[$name]:-}" ] || awk -v a="$tps" -v b="${BEST[$name]}" 'BEGIN { exit !(a > b) }'; then
		BEST[$name]=$tps
	fi
}
echo "pgbench: $CLIENTS clients, $((ORDERS / CLIENTS)) transactions each per run, 3 rounds"
for round in 1 2 3; do
	run buy buy.sql
	run execute_order order.sql
done
psql -X -q -d "$DB" -At <<'SQL'
SELECT format('executed: %s signed orders, %s direct buys', (SELECT count(*) FROM creative_defi.order_nonces),
              (SELECT count(*) FROM creative_defi.ledger_transactions WHERE ref LIKE 'direct:%'));
SELECT 'ledger_verify: ' || CASE WHEN bool_and(ok) THEN 'all ok' ELSE 'FAILED' END FROM creative_defi.ledger_verify();
SQL
printf 'best: buy %.1f tps, execute_order %.1f tps\n' "${BEST[buy]}" "${BEST[execute_order]}"
printf 'ratio execute_order / buy: %sx   (goal >= 0.7x)\n' \
	"$(awk -v a="${BEST[execute_order]}" -v b="${BEST[buy]}" 'BEGIN { printf "%.2f", a / b }')"
dropdb "$DB"
