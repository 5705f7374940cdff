#!/usr/bin/env bash
# upgrade: every released version (its install script frozen in
# sql-versions/) upgrades with ALTER EXTENSION creative_defi UPDATE to the
# current one (default_version, built from src/sql/) and then equals a fresh
# install of it, its ledger intact.  For each release V:
#   symbols   every C function V's install script declares has its symbol
#             and its pg_finfo_ record in the installed creative_defi.so
#             (nm -D --defined-only): the library keeps them
#   empty     CREATE EXTENSION ... VERSION 'V', UPDATE: the catalog and the
#             install script's rows equal a fresh install's
#             (scripts/compare-extension-catalog.sh --data)
#   ledger    CREATE EXTENSION ... VERSION 'V', every kind of ledger state
#             (test/suites/lib/ledger_state.sh) with a transaction waiting
#             to be sealed, UPDATE: the holdings, the sealed head and the
#             queue are as before; ledger_verify() is all ok; journal_head()
#             covers the journal; a trade, a swap, a signed order and an
#             approved change still work; and the catalog equals a fresh
#             install's
# then
#   regress   pg_regress and the isolation specs on databases whose
#             extension was created at the oldest release and upgraded: an
#             event trigger in template1 turns every CREATE EXTENSION
#             creative_defi (the suite's own, and those the tests run to
#             start from an empty ledger, some in databases of their own)
#             into CREATE ... VERSION 'oldest' and ALTER ... UPDATE.
# It runs in a cluster of its own (pg_virtualenv inside make test's): the
# extension's roles are cluster-wide, and only there does the old version's
# script create them, as in a real upgrade, instead of finding them made by
# another suite (the roles are dropped between releases and before the
# fresh install); and template1 may be changed there.
# Every failure is reported, and the suite goes on where it can; it exits 1
# if there was any.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
ext=creative_defi

if [ -z "${CD_UPGRADE_CLUSTER:-}" ]; then
	# a free port next to the outer cluster's
	port=$((${PGPORT:-5432} + 1))
	while [ -e "/var/run/postgresql/.s.PGSQL.$port" ] || [ -e "/tmp/.s.PGSQL.$port" ] ||
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		port=$((port + 1))
	done
	major=$(pg_config --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
	CD_UPGRADE_CLUSTER=1 exec pg_virtualenv -t -v "$major" -c "-p $port" "$0" "$@"
fi

. test/suites/lib/ledger_state.sh
default=$(sed -n "s/^default_version = '\(.*\)'/\1/p" $ext.control)
releases=$( (ls sql-versions/ 2>/dev/null || true) | sed -n "s/^$ext--\([0-9.]*\)\.sql$/\1/p" | sort -V)
releases_line=$(echo "$releases" | paste -sd' ')
[ -n "$releases" ] || { echo "upgrade: FAILED: no frozen release in sql-versions/"; exit 1; }
oldest=$(echo "$releases" | head -1)
so="$(pg_config --pkglibdir)/$ext.so"
. scripts/suite-lib.sh
SUITE_NAME=upgrade
scratch_dir
sql() {  # DB [PSQL OPTION...]: as ledger_state_psql, quiet, unaligned
	ledger_state_psql "$@"
}
drop_roles() {  # the extension's roles, so that the next CREATE EXTENSION makes them
	local r
	for r in $(echo "SELECT rolname FROM pg_roles WHERE rolname LIKE '${ext}\\_%'" | sql postgres); do
		sql postgres -c "DROP ROLE $r" || fail "could not drop role $r"
	done
}
# --- assemble: the upgrade script's source (scripts/assemble-upgrade.sh)
# brings in a part whole, an object as created, a function as CREATE OR
# REPLACE with its comment, or detached from its SQL-standard body; it
# refuses what it cannot assemble, naming the line
printf '%s\n' '-- steps' '--@include src/sql/99_missing.sql' > "$work/missing.in.sql"
printf '%s\n' '--@inclde src/sql/00_header.sql' > "$work/typo.in.sql"
printf '%s\n' '--@replace src/sql/63_ledger_market.sql no_such_function' > "$work/nofunction.in.sql"
printf '%s\n' '--@create src/sql/63_ledger_market.sql view no_such_view' > "$work/noview.in.sql"
printf '%s\n' '--@detach src/sql/63_ledger_market.sql buy' > "$work/nobody.in.sql"
for case in "missing|$work/missing.in.sql:2: no part src/sql/99_missing.sql in src/sql/" \
		"typo|$work/typo.in.sql:1: unknown directive: --@inclde src/sql/00_header.sql (--@include PART, --@create PART KIND NAME, --@replace or --@detach PART FUNCTION)" \
		"nofunction|$work/nofunction.in.sql:1: no CREATE FUNCTION no_such_function( in src/sql/63_ledger_market.sql" \
		"noview|$work/noview.in.sql:1: no CREATE VIEW no_such_view in src/sql/63_ledger_market.sql" \
		"nobody|$work/nobody.in.sql:1: CREATE FUNCTION buy( in src/sql/63_ledger_market.sql has no SQL-standard body (BEGIN ATOMIC or RETURN) to detach"; do
	name=${case%%|*}
	if out=$(scripts/assemble-upgrade.sh "$work/$name.in.sql" 2>&1 >/dev/null); then
		fail "assemble-upgrade accepted $name.in.sql"
	elif [ "$out" != "assemble-upgrade: ${case#*|}" ]; then
		fail "assemble-upgrade on $name.in.sql said: $out"
	fi
done
printf '%s\n' '-- steps' '--@include src/sql/00_header.sql' '--@replace src/sql/63_ledger_market.sql ledger_royalty' \
	'--@detach src/sql/63_ledger_market.sql ledger_royalty' '--@create src/sql/60_ledger_schema.sql domain ledger_hash' > "$work/good.in.sql"
{
	echo '-- steps'; echo '-- from src/sql/00_header.sql'; cat src/sql/00_header.sql
	echo '-- from src/sql/63_ledger_market.sql: ledger_royalty'
	sed -n '/^CREATE FUNCTION ledger_royalty(/,/;$/p' src/sql/63_ledger_market.sql | sed '1s/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/'
	echo
	sed -n '/^COMMENT ON FUNCTION ledger_royalty(/,/;$/p' src/sql/63_ledger_market.sql
	echo
	echo '-- from src/sql/63_ledger_market.sql: ledger_royalty, detached from the columns it reads'
	sed -n '/^CREATE FUNCTION ledger_royalty(/,/^LANGUAGE/p' src/sql/63_ledger_market.sql |
		sed '1s/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/; s/LANGUAGE sql/LANGUAGE plpgsql/'
	echo "AS \$detached\$ BEGIN RAISE EXCEPTION 'ledger_royalty is being upgraded'; END \$detached\$;"
	echo
	echo '-- from src/sql/60_ledger_schema.sql: domain ledger_hash'
	sed -n '/^CREATE DOMAIN ledger_hash /,/;$/p' src/sql/60_ledger_schema.sql
	echo
	sed -n '/^COMMENT ON DOMAIN ledger_hash /,/;$/p' src/sql/60_ledger_schema.sql
	echo
} > "$work/good.expected"
scripts/assemble-upgrade.sh "$work/good.in.sql" > "$work/good.out" && cmp -s "$work/good.out" "$work/good.expected" ||
	fail "assemble-upgrade did not give the steps, a part whole, a function replaced and detached, a domain created:
$(diff "$work/good.expected" "$work/good.out" | head -20)"
echo "assemble: the upgrade script's source brings in a part whole, a function replaced with its comment or detached from its body, an object created with its comment; a missing part, statement or body and an unknown directive are refused with their line"

nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u > "$work/library.symbols"
echo "upgrade: releases $releases_line, upgraded to default_version $default; library $so ($(grep -c '' "$work/library.symbols") symbols)"

check_release() {  # V: symbols, empty, ledger; the catalogs described into $work
	local v=$1 empty=cd_upgrade_empty_${1//./_} ledger=cd_upgrade_ledger_${1//./_}
	local missing state_sql bad got holdings waiting out
	createdb "$empty" && createdb "$ledger" || return 1

	# --- symbols: created without loading the library, so that a missing
	# symbol is listed here rather than failing CREATE FUNCTION
	if ! PGOPTIONS='-c check_function_bodies=off' sql "$empty" -c "CREATE EXTENSION $ext VERSION '$v'"; then
		fail "$v: CREATE EXTENSION $ext VERSION '$v'"
		return
	fi
	sql "$empty" > "$work/$v.symbols" <<SQL
SELECT DISTINCT p.prosrc FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = '$ext'
 WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
ORDER BY 1;
SQL
	missing=$(sed 'p; s/^/pg_finfo_/' "$work/$v.symbols" | sort -u | comm -23 - "$work/library.symbols")
	if [ -n "$missing" ]; then
		fail "$v: symbols its install script names are not in $so: $(echo "$missing" | paste -sd' ')"
	fi
	echo "symbols: $v: $(grep -c '' "$work/$v.symbols") C functions, each with its symbol and pg_finfo_ record in the library"

	# --- empty: the catalog and the install script's rows, after the update
	if ! sql "$empty" -c "ALTER EXTENSION $ext UPDATE"; then
		fail "$v: ALTER EXTENSION $ext UPDATE (empty database)"
		return
	fi
	scripts/compare-extension-catalog.sh --describe --data "$empty" > "$work/$v.empty.catalog" || fail "$v: describe $empty"

	# --- ledger: every kind of state, through the update
	sql "$ledger" -c "CREATE EXTENSION $ext VERSION '$v'" || { fail "$v: CREATE EXTENSION (ledger)"; return; }
	ledger_state_fill "$ledger" || { fail "$v: the ledger could not be filled"; return; }
	# holdings, the sealed head and the queue, read without sealing
	state_sql="SELECT 'holding ' || account || ' ' || asset || ' ' || amount || ' ' || kind FROM ledger_holdings
	           UNION ALL SELECT 'sealed head ' || seq || ' ' || encode(hash, 'hex') FROM ledger_head
	           UNION ALL SELECT 'waiting ' || count(*) FROM ledger_unsealed
	           UNION ALL SELECT 'journal ' || count(*) || ' transactions, ' || (SELECT count(*) FROM ledger_postings) || ' postings'
	                       FROM ledger_transactions
	           ORDER BY 1"
	echo "$state_sql" | sql "$ledger" > "$work/$v.before" || fail "$v: ledger state before the update"
	bad=$(echo "SELECT string_agg(\"check\" || ': ' || detail, '; ') FROM ledger_verify_checks() WHERE NOT ok" | sql "$ledger")
	[ -z "$bad" ] || fail "$v: the ledger's checks fail before the update: $bad"
	if ! sql "$ledger" -c "ALTER EXTENSION $ext UPDATE"; then
		fail "$v: ALTER EXTENSION $ext UPDATE (ledger)"
		return
	fi
	got=$(echo "SELECT extversion FROM pg_extension WHERE extname = '$ext'" | sql "$ledger")
	[ "$got" = "$default" ] || fail "$v: after ALTER EXTENSION UPDATE the version is $got, not $default"
	echo "$state_sql" | sql "$ledger" > "$work/$v.after"
	if ! diff "$work/$v.before" "$work/$v.after" > "$work/$v.state.diff"; then
		fail "$v: the update changed the ledger (< before, > after):
$(grep '^[<>]' "$work/$v.state.diff" | head -40)"
	fi
	holdings=$(grep -c '^holding ' "$work/$v.after")
	waiting=$(sed -n 's/^waiting //p' "$work/$v.after")
	[ "$waiting" = 1 ] || fail "$v: $waiting transactions waiting to be sealed across the update, 1 expected"
	bad=$(echo "SELECT string_agg(\"check\" || ': ' || detail, '; ') FROM ledger_verify() WHERE NOT ok" | sql "$ledger")
	[ -z "$bad" ] || fail "$v: ledger_verify() after the update: $bad"
	echo "ledger: $v: $holdings holdings, the sealed head and $waiting waiting transaction unchanged by the update; ledger_verify() all ok"
	scripts/compare-extension-catalog.sh --describe "$ledger" > "$work/$v.ledger.catalog" || fail "$v: describe $ledger"
	# the upgraded ledger at work: a trade, a swap, a signed order (transfer
	# nonce 3) and the change carol3 and erin3 sign (proposal 3)
	out=$(sql "$ledger" 2>&1 <<'SQL'
SELECT (SELECT bought = 3 FROM buy(work(1002), bob(), 3, 1000000, 'after-update-buy'))
   AND (SELECT amount_out > 0 FROM pool_swap(1, alice(), usdc(), 1000, 1, 'after-update-swap'))
   AND (SELECT kind = 'Transfer' AND nonce = 3 FROM execute_order(td('transfer3'), sig('transfer3')))
   AND propose_change(song(), '{"paused": false}', frank(), '2100-01-01 00:00:00+00') = 3
   AND (SELECT NOT applied FROM approve_change(3, approval('carol3')))
   AND (SELECT applied FROM approve_change(3, approval('erin3')));
SELECT (journal_head()).seq = (SELECT count(*) FROM ledger_transactions)
   AND (SELECT bool_and(ok) FROM ledger_verify());
SQL
)
	[ "$out" = "t
t" ] || fail "$v: operations after the update: $(echo "$out" | tr '\n' ' ')"
	echo "ledger: $v: after the update a buy, a swap, a signed order and an approved change work; journal_head() covers the journal"
}

for v in $releases; do
	drop_roles
	check_release "$v" || exit 1
	# its roles go with its databases, so that the next install makes them
	for db in cd_upgrade_empty_${v//./_} cd_upgrade_ledger_${v//./_}; do
		dropdb "$db" || fail "$v: could not drop database $db"
	done
done

# --- the fresh install of default_version, its roles made by its own script
drop_roles
createdb cd_upgrade_fresh || exit 1
sql cd_upgrade_fresh -c "CREATE EXTENSION $ext" || { echo "upgrade: FAILED: CREATE EXTENSION $ext"; exit 1; }
scripts/compare-extension-catalog.sh --describe --data cd_upgrade_fresh > "$work/fresh.empty.catalog" || fail "describe the fresh install"
scripts/compare-extension-catalog.sh --describe cd_upgrade_fresh > "$work/fresh.catalog" || fail "describe the fresh install"
for v in $releases; do
	for what in empty ledger; do
		[ -s "$work/$v.$what.catalog" ] || continue
		fresh="$work/fresh.catalog"
		[ $what = empty ] && fresh="$work/fresh.empty.catalog"
		# the labels the diff shows
		cp "$work/$v.$what.catalog" "$work/upgraded from $v ($what)"
		cp "$fresh" "$work/fresh $default"
		if out=$(cd "$work" && "$root/scripts/compare-extension-catalog.sh" "upgraded from $v ($what)" "fresh $default"); then
			echo "catalog: $out"
		else
			fail "$v: the upgraded catalog ($what database) differs from a fresh install's:
$out"
		fi
	done
done

# --- regress: every CREATE EXTENSION creative_defi made at the oldest
# release and upgraded, by an event trigger in template1 (and so in every
# database created from it)
sql template1 <<SQL || { echo "upgrade: FAILED: the event trigger in template1"; exit 1; }
CREATE SCHEMA upgrade_check;
CREATE TABLE upgrade_check.created (version text NOT NULL);
CREATE FUNCTION upgrade_check.create_as_upgraded() RETURNS event_trigger LANGUAGE plpgsql AS \$\$
BEGIN
    IF current_setting('upgrade_check.busy', true) = 'on'
       OR NOT EXISTS (SELECT FROM pg_event_trigger_ddl_commands() c
                       WHERE c.object_type = 'extension' AND c.object_identity = '$ext') THEN
        RETURN;
    END IF;
    PERFORM set_config('upgrade_check.busy', 'on', true);
    DROP EXTENSION $ext;
    CREATE EXTENSION $ext VERSION '$oldest';
    ALTER EXTENSION $ext UPDATE;
    PERFORM set_config('upgrade_check.busy', 'off', true);
    INSERT INTO upgrade_check.created SELECT extversion FROM pg_extension WHERE extname = '$ext';
END
\$\$;
CREATE EVENT TRIGGER create_as_upgraded ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION')
    EXECUTE FUNCTION upgrade_check.create_as_upgraded();
SQL
for db in contrib_regression isolation_regression; do
	if ! createdb "$db" || ! sql "$db" -c "CREATE EXTENSION $ext"; then
		echo "upgrade: FAILED: $db"
		exit 1
	fi
done
created="SELECT count(*) || ' ' || count(*) FILTER (WHERE version = '$default') FROM upgrade_check.created"
[ "$(echo "$created" | sql contrib_regression)" = "1 1" ] || fail "the event trigger did not make contrib_regression's extension"
if ! make -s installcheck REGRESS_OPTS="--use-existing --dbname=contrib_regression" \
		ISOLATION_OPTS="--use-existing --dbname=isolation_regression"; then
	[ -f regression.diffs ] && head -c 20000 regression.diffs
	fail "pg_regress or the isolation specs on the upgraded extension (from $oldest)"
fi
read -r n upgraded < <(echo "$created" | sql contrib_regression -F ' ')
# 1 is the suite's own; the tests re-create the extension several times
if [ "$n" -lt 2 ] || [ "$n" != "$upgraded" ]; then
	fail "the tests' CREATE EXTENSION went through the event trigger $n times ($upgraded of them to $default), more than once expected"
fi
echo "regress: on the extension created at $oldest and upgraded ($n times in contrib_regression, the tests' re-creations included)"

if [ "$failures" -ne 0 ]; then
	echo "upgrade: $failures failures"
	exit 1
fi
echo "upgrade: ok: $releases_line -> $default equal to a fresh install, ledger intact, regression suite passed"
