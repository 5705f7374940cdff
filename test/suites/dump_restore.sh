#!/usr/bin/env bash
# dump_restore: a database holding every kind of ledger state survives
# pg_dump -Fc and pg_restore into a fresh database, and stays usable there
# (docs/ledger.md, "Backup and restore").
#
#   source    registered assets on every curve kind, deposits, withdrawals,
#             transfers, buys and sells, distributions, signed orders and a
#             cancelled nonce,
#             approvers, an applied proposal and a pending one, a pool with
#             liquidity and a swap, and a transaction waiting to be sealed
#             (REPEATABLE READ); then pg_dump -Fc
#   restored  pg_restore into a new database of the same cluster (the roles
#             are cluster-wide).  Then:
#             - every table and sequence the extension owns (identity
#               sequences included) is registered with
#               pg_extension_config_dump, in both databases;
#             - each of them has the same contents (tables) or state
#               (sequences: last_value, is_called) as in the source;
#             - ledger_verify() is all ok and journal_head() equals the
#               source's (both seal the transaction that waited);
#             - every mutating function succeeds once more, each checked
#               for its result, and replays by ref and by nonce return the
#               source's transactions;
#             - ledger_verify() is all ok again, nothing waits, and
#               journal_head() covers every journal transaction.
# The source and its fixture (accounts, assets, the regress tests'
# signatures) are test/suites/lib/ledger_state.sh's.
# Every failure is reported, and the suite goes on, so that one run shows
# all of them; it exits 1 if there was any.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
. test/suites/lib/ledger_state.sh

src=cd_dump_src
dst=cd_dump_dst
. scripts/suite-lib.sh
SUITE_NAME=dump_restore
scratch_dir
# sql DB [PSQL OPTION...]: a script on stdin in search_path creative_defi,
# stopping at its first error
sql() {
	local db=$1
	shift
	PGOPTIONS='-c search_path=creative_defi,fixture,public' psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"
}
# step DB NAME: a script on stdin whose last statement returns true when
# the step did what it should
step() {
	local out
	if ! out=$(sql "$1" 2>&1); then
		fail "$2: $(echo "$out" | grep -m1 -E 'ERROR|FATAL')"
	elif [ "$(echo "$out" | tail -1)" != t ]; then
		fail "$2: unexpected result: $(echo "$out" | tr '\n' ' ')"
	fi
}

for db in $src $dst; do
	dropdb --if-exists "$db" >/dev/null 2>&1
done
createdb "$src" || exit 1
sql "$src" -c 'CREATE EXTENSION creative_defi' || exit 1

# --- the source: every kind of ledger state (test/suites/lib/ledger_state.sh)
ledger_state_fill "$src" || { echo "dump_restore: FAILED: the source could not be filled"; exit 1; }

# Every table and sequence the extension owns, and whether it is registered
# for pg_dump: test/shared/extension_owned_relations.sql, which
# test/pgtap/catalog.sql asserts on too.
owned_sql=$(cat test/shared/extension_owned_relations.sql) || exit 1
unregistered() {  # DB
	echo "$owned_sql
	      SELECT string_agg(oid::regclass::text, ', ' ORDER BY oid::regclass::text)
	        FROM extension_owned_relations WHERE NOT registered" | sql "$1"
}
# one line per owned relation: its name and an md5 of its rows (tables,
# in text order) or its state (sequences)
contents() {  # DB
	sql "$1" <<SQL
CREATE FUNCTION pg_temp.digest(rel regclass) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
    v text;
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = rel) = 'S' THEN
        EXECUTE format('SELECT last_value || '' '' || is_called FROM %s', rel) INTO v;
    ELSE
        EXECUTE format('SELECT count(*) || '' '' || md5(coalesce(string_agg(t::text, E''\\n'' ORDER BY t::text), '''')) FROM %s t', rel) INTO v;
    END IF;
    RETURN v;
END
\$\$;
$owned_sql
SELECT oid::regclass::text || ' ' || pg_temp.digest(oid) FROM extension_owned_relations ORDER BY 1;
SQL
}

left=$(unregistered "$src")
[ -z "$left" ] || fail "in the source, not registered with pg_extension_config_dump: $left"
contents "$src" > "$work/src.contents" || exit 1
if ! pg_dump -Fc -f "$work/ledger.dump" "$src"; then
	echo "dump_restore: FAILED: pg_dump"
	exit 1
fi
# the source's head once it has sealed what waited
src_head=$(echo "SELECT seq || ' ' || encode(hash, 'hex') FROM journal_head()" | sql "$src")

createdb "$dst" || exit 1
if ! pg_restore --exit-on-error -d "$dst" "$work/ledger.dump"; then
	echo "dump_restore: FAILED: pg_restore"
	exit 1
fi
left=$(unregistered "$dst")
[ -z "$left" ] || fail "in the restored database, not registered with pg_extension_config_dump: $left"
contents "$dst" > "$work/dst.contents" || exit 1
if ! diff "$work/src.contents" "$work/dst.contents" >"$work/contents.diff"; then
	fail "restored contents differ from the source's (relation, rows, md5 / sequence last_value, is_called; < source, > restored):
$(grep '^[<>]' "$work/contents.diff")"
fi
echo "restored: $(wc -l < "$work/dst.contents") tables and sequences compared"

bad=$(echo "SELECT string_agg(\"check\" || ': ' || detail, '; ') FROM ledger_verify() WHERE NOT ok" | sql "$dst")
[ -z "$bad" ] || fail "ledger_verify() after the restore: $bad"
dst_head=$(echo "SELECT seq || ' ' || encode(hash, 'hex') FROM journal_head()" | sql "$dst")
[ "$dst_head" = "$src_head" ] || fail "journal_head() is $dst_head in the restored database, $src_head in the source"
echo "restored: ledger_verify() ok, journal_head() = source's ($src_head)"

# --- every mutating function once more, in the restored database
step "$dst" "replay of a ref" <<'SQL'
SELECT (SELECT txn_id FROM deposit(alice(), eth(), 100000, 'alice-eth'))
     = (SELECT id FROM ledger_transactions WHERE ref = 'alice-eth');
SQL
step "$dst" "replay of an order nonce" <<'SQL'
SELECT (SELECT txn_id FROM execute_order(td('sell2'), sig('sell2')))
     = (SELECT txn_id FROM order_nonces WHERE signer = alice() AND nonce = 2);
SQL
step "$dst" "deposit" <<'SQL'
CREATE TEMP TABLE r AS SELECT * FROM deposit(alice(), dai(), 50000, 'r-deposit');
SELECT moved = 50000 AND balance(alice(), dai()) = 50000 FROM r;
SQL
step "$dst" "withdraw" <<'SQL'
CREATE TEMP TABLE r AS SELECT * FROM withdraw(alice(), dai(), 1000, 'r-withdraw');
SELECT moved = 1000 AND balance(alice(), dai()) = 49000 FROM r;
SQL
step "$dst" "transfer" <<'SQL'
CREATE TEMP TABLE r AS SELECT * FROM transfer(alice(), bob(), dai(), 1500, 'r-transfer');
SELECT moved = 1500 AND balance(bob(), dai()) = 1500 FROM r;
SQL
step "$dst" "register_asset" <<'SQL'
SELECT reserve_account = ledger_reserve_account('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/42')
  FROM register_asset('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/42', eth(), 'linear(base=10, slope=1)',
                      (carol()::text || '=60%, ' || dave()::text || '=40%')::royalty_split, carol(), 500);
SQL
step "$dst" "buy" <<'SQL'
-- the song at supply 10 on linear(55, 20): 255 and a royalty of 7
SELECT bought = 1 AND cost = 255 AND paid = 262 FROM buy(song(), alice(), 1, 1000, 'r-buy');
SQL
step "$dst" "sell" <<'SQL'
SELECT sold = 1 AND proceeds = 255 FROM sell(song(), bob(), 1, 0, 'r-sell');
SQL
step "$dst" "distribute" <<'SQL'
SELECT distributed = 1000 AND recipients = 2
  FROM distribute('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/42', bob(), 1000, 'r-distribute');
SQL
step "$dst" "execute_order" <<'SQL'
-- Transfer nonce 3: one song from alice to bob
SELECT kind = 'Transfer' AND nonce = 3 FROM execute_order(td('transfer3'), sig('transfer3'));
SQL
step "$dst" "cancel_nonce" <<'SQL'
SELECT nonce = 1 AND cancelled_at IS NOT NULL FROM cancel_nonce(td('cancel1'), sig('cancel1'));
SQL
step "$dst" "pool_create" <<'SQL'
SELECT pool_id = 2 FROM pool_create(usdc(), dai(), 30);
SQL
step "$dst" "pool_add_liquidity" <<'SQL'
-- the first deposit mints sqrt(4000 * 1000) = 2000 LP, 1000 of them locked
SELECT liquidity = 1000 AND used_a + used_b = 5000 FROM pool_add_liquidity(2, alice(), 4000, 1000, 0, 'r-lp');
SQL
step "$dst" "pool_swap" <<'SQL'
SELECT amount_out > 0 FROM pool_swap(1, alice(), usdc(), 1000, 1, 'r-swap');
SQL
step "$dst" "pool_remove_liquidity" <<'SQL'
SELECT amount_a > 0 AND amount_b > 0 FROM pool_remove_liquidity(1, alice(), 1000, 1, 1, 'r-unlp');
SQL
step "$dst" "propose_change" <<'SQL'
-- the next proposal id after the source's two: the one carol3 and erin3 signed
SELECT propose_change(song(), '{"paused": false}', frank(), '2100-01-01 00:00:00+00') = 3;
SQL
step "$dst" "approve_change" <<'SQL'
SELECT (SELECT NOT applied FROM approve_change(3, approval('carol3')))
   AND (SELECT applied AND txn_id IS NOT NULL FROM approve_change(3, approval('erin3')));
SQL
step "$dst" "set_approvers" <<'SQL'
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/42', ARRAY[carol(), dave()], 1);
SELECT threshold = 1 FROM approval_policies WHERE asset = 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/42';
SQL
step "$dst" "set_order_domain" <<'SQL'
SELECT set_order_domain('creative_defi', '2', 1, '0x00000000000000000000000000000000c0ffee00');
SELECT order_domain_json() -> 'version' = '"2"';
SQL

read -r head txns waiting < <(echo "SELECT (journal_head()).seq, (SELECT count(*) FROM ledger_transactions),
                                          (SELECT count(*) FROM ledger_unsealed)" | sql "$dst" -F ' ')
if [ "$head" != "$txns" ] || [ "$waiting" != 0 ]; then
	fail "after the calls, journal_head() covers $head of $txns journal transactions, $waiting waiting"
fi
bad=$(echo "SELECT string_agg(\"check\" || ': ' || detail, '; ') FROM ledger_verify() WHERE NOT ok" | sql "$dst")
[ -z "$bad" ] || fail "ledger_verify() after the calls: $bad"

if [ "$failures" -ne 0 ]; then
	echo "dump_restore: $failures failures"
	exit 1
fi
for db in $src $dst; do
	dropdb "$db"
done
echo "dump_restore: ok: $txns journal transactions, every mutating function once more after pg_restore, ledger_verify() all ok"
