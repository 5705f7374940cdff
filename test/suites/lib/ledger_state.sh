# shellcheck shell=bash
# ledger_state.sh - sourced by the suites that need a ledger holding every
# kind of state (dump_restore.sh, upgrade.sh); run from the repository's root.
#
# ledger_state_fill DB: in DB, which has the extension, creates the schema
# fixture (accounts, assets, the regress tests' signatures) and fills the
# ledger: registered assets on every curve kind paying royalty splits,
# deposits, withdrawals, transfers, buys and sells, distributions, signed
# orders and a cancelled nonce, approvers, an applied proposal and a pending
# one, a pool with liquidity and a swap, and a transaction waiting to be
# sealed (REPEATABLE READ).  Returns non-zero, saying why, on failure.
#
# Signatures are the fixed ones of the regress tests (sql/orders_execute.sql
# and sql/approvals_change.sql, made with ethers and fixed keys), read from
# those files; the fill repeats their set-up, so proposal ids, nonces, assets
# and the order domain are the ones signed.  Accounts: alice and bob trade,
# carol/dave/erin approve, frank proposes (the keys of the regress tests).
# The song is the asset the signatures name, on linear(base=100, slope=10)
# priced in ETH, at supply 10 when proposal 1 (a curve with the same
# reserve there) applies.

# a script on stdin in DB, search_path creative_defi, fixture, public,
# stopping at its first error
ledger_state_psql() {
	local db=$1
	shift
	PGOPTIONS='-c search_path=creative_defi,fixture,public' psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"
}

ledger_state_fill() {
	local db=$1 kinds waiting
	{
		echo "CREATE SCHEMA fixture;"
		echo "CREATE TABLE fixture.signed (name text PRIMARY KEY, typed_data jsonb NOT NULL, signature bytea NOT NULL);"
		echo "INSERT INTO fixture.signed VALUES"
		grep -E "^  \('(buy_numbers|sell2|cancel10|transfer3|cancel1)', " sql/orders_execute.sql | sed 's/[,;]$//' | paste -sd,
		echo ";"
		echo "CREATE TABLE fixture.approvals (name text PRIMARY KEY, proposal_id bigint NOT NULL, signature bytea NOT NULL);"
		echo "INSERT INTO fixture.approvals VALUES"
		grep -E "^  \('(carol1|dave1|carol2|carol3|erin3)', " sql/approvals_change.sql | sed 's/[,;]$//' | paste -sd,
		echo ";"
	} | ledger_state_psql "$db" || { echo "ledger_state: the signatures could not be loaded"; return 1; }
	[ "$(echo "SELECT (SELECT count(*) FROM fixture.signed) || ' ' || (SELECT count(*) FROM fixture.approvals)" | ledger_state_psql "$db")" = "5 5" ] ||
		{ echo "ledger_state: the signatures were not all found in sql/orders_execute.sql and sql/approvals_change.sql"; return 1; }

	ledger_state_psql "$db" >/dev/null <<'SQL' || { echo "ledger_state: the ledger could not be filled"; return 1; }
CREATE FUNCTION fixture.song() RETURNS asset LANGUAGE sql IMMUTABLE
    RETURN 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769'::asset;
CREATE FUNCTION fixture.eth() RETURNS asset LANGUAGE sql IMMUTABLE RETURN 'eip155:1/slip44:60'::asset;
CREATE FUNCTION fixture.usdc() RETURNS asset LANGUAGE sql IMMUTABLE
    RETURN 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'::asset;
CREATE FUNCTION fixture.dai() RETURNS asset LANGUAGE sql IMMUTABLE
    RETURN 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f'::asset;
-- works on the other curve kinds: token ids 1001 and up
CREATE FUNCTION fixture.work(int) RETURNS asset LANGUAGE sql IMMUTABLE
    RETURN ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/' || $1)::asset;
CREATE FUNCTION fixture.alice() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9'::eth_address;
CREATE FUNCTION fixture.bob() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73'::eth_address;
CREATE FUNCTION fixture.carol() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0xac134f13135d59f60e57d4810bd35144584ee1d5'::eth_address;
CREATE FUNCTION fixture.dave() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0xe198961df8cc7eef266267de5708721269a8821f'::eth_address;
CREATE FUNCTION fixture.erin() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975'::eth_address;
CREATE FUNCTION fixture.frank() RETURNS eth_address LANGUAGE sql IMMUTABLE RETURN '0x0111a5e2d150f626120c319fca20125435d155c5'::eth_address;
CREATE FUNCTION fixture.td(text) RETURNS jsonb LANGUAGE sql STABLE RETURN (SELECT typed_data FROM fixture.signed WHERE name = $1);
CREATE FUNCTION fixture.sig(text) RETURNS bytea LANGUAGE sql STABLE RETURN (SELECT signature FROM fixture.signed WHERE name = $1);
CREATE FUNCTION fixture.approval(text) RETURNS bytea LANGUAGE sql STABLE RETURN (SELECT signature FROM fixture.approvals WHERE name = $1);

SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
SELECT txn_id FROM register_asset(song(), eth(), 'linear(base=100, slope=10)', (carol()::text || '=100%')::royalty_split, carol(), 250);
SELECT txn_id FROM deposit(alice(), eth(), 100000, 'alice-eth');
SELECT txn_id FROM deposit(bob(), eth(), 100000, 'bob-eth');
SELECT txn_id FROM deposit(alice(), usdc(), 1000000, 'alice-usdc');
SELECT txn_id FROM deposit(bob(), usdc(), 1000000, 'bob-usdc');
SELECT txn_id FROM withdraw(alice(), eth(), 100, 'alice-out');
SELECT txn_id FROM transfer(alice(), bob(), usdc(), 2500, 'alice-pays-bob');
SELECT txn_id FROM buy(song(), alice(), 2, 100000, 'alice-buy');
-- Buy nonce 5 (supply 2 -> 3), Sell nonce 2 (3 -> 2), Cancel nonce 10
SELECT txn_id FROM execute_order(td('buy_numbers'), sig('buy_numbers'));
SELECT txn_id FROM execute_order(td('sell2'), sig('sell2'));
SELECT nonce FROM cancel_nonce(td('cancel10'), sig('cancel10'));
SELECT txn_id FROM buy(song(), bob(), 9, 100000, 'bob-buy');
SELECT txn_id FROM sell(song(), bob(), 1, 0, 'bob-sell');
SELECT txn_id FROM distribute(song(), bob(), 500, 'license-1');
-- the other curve kinds, priced in USDC, each paying a split of two or three
SELECT txn_id FROM register_asset(work(1001), usdc(), 'exponential(base=10, ratio=1.01)',
    (carol()::text || '=50%, ' || dave()::text || '=30%, ' || erin()::text || '=20%')::royalty_split, carol(), 300);
SELECT txn_id FROM register_asset(work(1002), usdc(), 'power(coefficient=2, exponent=2)',
    (dave()::text || '=75%, ' || erin()::text || '=25%')::royalty_split, dave(), 500);
SELECT txn_id FROM register_asset(work(1003), usdc(), 'bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=100)',
    (erin()::text || '=60%, ' || carol()::text || '=40%')::royalty_split, erin(), 1000);
SELECT txn_id FROM register_asset(work(1004), usdc(), 'constant_product(virtual_reserve=30000, virtual_supply=1000)',
    (carol()::text || '=10%, ' || frank()::text || '=90%')::royalty_split, frank(), 0);
SELECT t.txn_id FROM generate_series(1001, 1004) n, buy(work(n), alice(), 20, 1000000, 'alice-buy-' || n) t;
SELECT t.txn_id FROM generate_series(1001, 1004) n, buy(work(n), bob(), 7, 1000000, 'bob-buy-' || n) t;
SELECT t.txn_id FROM generate_series(1001, 1004) n, sell(work(n), alice(), 5, 0, 'alice-sell-' || n) t;
SELECT txn_id FROM distribute(work(1001), bob(), 999, 'license-1001');
-- carol, dave and erin approve, 2 of 3; proposal 1 applied, 2 pending
SELECT set_approvers(song(), ARRAY[carol(), dave(), erin()], 2);
SELECT propose_change(song(), '{"curve": "linear(base=55.0, slope=20)"}', frank(), '2100-01-01 00:00:00+00');
SELECT applied FROM approve_change(1, approval('carol1'));
SELECT applied FROM approve_change(1, approval('dave1'));
SELECT propose_change(song(), '{"paused": true}', frank(), '2100-01-01 00:00:00+00');
SELECT applied FROM approve_change(2, approval('carol2'));
-- a pool of ETH and USDC with liquidity, and a swap
SELECT pool_id FROM pool_create(eth(), usdc(), 30);
SELECT txn_id FROM pool_add_liquidity(1, alice(), 10000, 40000, 0, 'alice-lp');
SELECT txn_id FROM pool_swap(1, bob(), eth(), 100, 0, 'bob-swap');
-- a transaction left waiting to be sealed
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id FROM deposit(bob(), usdc(), 7, 'bob-usdc-2');
COMMIT;
SQL
	read -r kinds waiting < <(echo "SELECT count(DISTINCT kind), (SELECT count(*) FROM ledger_unsealed) FROM ledger_transactions" | ledger_state_psql "$db" -F ' ')
	if [ "$kinds" != 11 ] || [ "$waiting" != 1 ]; then
		echo "ledger_state: the ledger should hold 11 kinds of journal transaction and 1 waiting, holds $kinds and $waiting waiting"
		return 1
	fi
}
