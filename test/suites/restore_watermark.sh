#!/usr/bin/env bash
# restore_watermark: a pg_dump of the ledger restored into another cluster,
# whose transaction ids are a different history, must still seal every
# committed transaction (docs/ledger.md, "Backup and restore").
#
# The sealer reads the queue of waiting transactions (ledger_unsealed) from
# a transaction-id watermark (ledger_head.sealed_below).  A restored
# watermark belongs to the source cluster's xids, and so do the xact values
# of the restored waiting rows.  This suite makes both foreign in each
# direction:
#   source  a cluster whose xids are far above the target's (pg_resetwal
#           --epoch 10 on the freshly initdb'd cluster): transactions sealed
#           normally, then some left waiting (REPEATABLE READ never seals);
#           pg_dump -Fc
#   target  a fresh cluster (epoch 0, xids below the restored watermark):
#           pg_restore, one more transaction left waiting; then the target's
#           xids are moved past the old watermark (stopped, pg_resetwal
#           --epoch 11), one more waits, and one READ COMMITTED transaction
#           seals.  It must seal all of them: a watermark trusted once the
#           xids pass it would skip the transaction queued at epoch 0.
#   again   the same dump restored once more into the target, now that its
#           xids are above the dump's watermark, with a transaction waiting
#           before the first seal.
# Each time the READ COMMITTED transaction must leave nothing waiting, and
# then journal_head().seq equals the number of journal transactions and
# every ledger_verify() check is ok.
#
# Both clusters are throwaway (initdb in a temporary directory, private
# sockets, as the postgres user when started as root); the cluster of the
# other suites is not used.
set -euo pipefail
cd "$(dirname "$0")/../.."

BINDIR=/usr/lib/postgresql/15/bin
work=$(mktemp -d)
src_port=$((20000 + RANDOM % 10000))
dst_port=$((src_port + 1))

as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
start() {  # start DATADIR PORT
	as_server "$BINDIR/pg_ctl" -D "$1" -l "$1.log" -w -t 60 \
		-o "-p $2 -c listen_addresses='' -c unix_socket_directories=$work" start >/dev/null
}
stop() {
	as_server "$BINDIR/pg_ctl" -D "$1" -m fast -w stop >/dev/null
}
cleanup() {
	for d in "$work/src" "$work/dst"; do
		[ -f "$d/postmaster.pid" ] && as_server "$BINDIR/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres: "$work"

# sql PORT DB [PSQL OPTION...]: a script on stdin, stopping at the first error
sql() {
	local port=$1 db=$2
	shift 2
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U postgres -d "$db" "$@"
}
fail() {
	echo "restore_watermark: FAILED: $*"
	exit 1
}

for c in src dst; do
	as_server "$BINDIR/initdb" -D "$work/$c" -A trust -U postgres >/dev/null
done
# the source's xids are epoch 10 (about 4.3e10), the target's start at epoch 0
as_server "$BINDIR/pg_resetwal" --epoch=10 "$work/src" >/dev/null
start "$work/src" "$src_port"
start "$work/dst" "$dst_port"

# A deposit of 10 in a transaction of the given isolation level: READ
# COMMITTED seals (the seal lock is free), REPEATABLE READ waits.
trade() {  # trade PORT DB ISOLATION REF
	sql "$1" "$2" <<SQL
BEGIN ISOLATION LEVEL $3;
SELECT txn_id FROM creative_defi.deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 10, '$4') \\g /dev/null
COMMIT;
SQL
}
waiting() {  # waiting PORT DB
	echo "SELECT count(*) FROM creative_defi.ledger_unsealed" | sql "$1" "$2"
}
# after one READ COMMITTED transaction: nothing waits, the head covers every
# journal transaction, every check is ok
check_sealed() {  # check_sealed PORT DB WHAT
	local left head txns bad
	trade "$1" "$2" 'READ COMMITTED' "$3-sealer"
	left=$(waiting "$1" "$2")
	[ "$left" -eq 0 ] || fail "$3: $left committed transactions still wait after a READ COMMITTED transaction sealed"
	read -r head txns < <(echo "SELECT (creative_defi.journal_head()).seq, (SELECT count(*) FROM creative_defi.ledger_transactions)" |
		sql "$1" "$2" -F ' ')
	[ "$head" -eq "$txns" ] || fail "$3: journal_head() covers $head of $txns journal transactions"
	bad=$(echo "SELECT string_agg(\"check\" || ': ' || detail, '; ') FROM creative_defi.ledger_verify() WHERE NOT ok" |
		sql "$1" "$2")
	[ -z "$bad" ] || fail "$3: ledger_verify(): $bad"
	echo "$3: $txns transactions, all sealed, ledger_verify() all ok"
}

# --- source: high xids; sealed transactions, then three left waiting
sql "$src_port" postgres <<'SQL'
CREATE DATABASE ledger;
SQL
sql "$src_port" ledger <<'SQL'
CREATE EXTENSION creative_defi;
SQL
for i in 1 2 3; do trade "$src_port" ledger 'READ COMMITTED' "src-sealed-$i"; done
for i in 1 2 3; do trade "$src_port" ledger 'REPEATABLE READ' "src-waiting-$i"; done
read -r src_below src_min src_waiting < <(sql "$src_port" ledger -F ' ' <<'SQL'
SELECT h.sealed_below, min(u.xact), count(u.*)
  FROM creative_defi.ledger_head h, creative_defi.ledger_unsealed u GROUP BY h.sealed_below;
SQL
)
[ "${src_waiting:-0}" -eq 3 ] || fail "the source should have 3 transactions waiting, has ${src_waiting:-0}"
echo "source: watermark $src_below, 3 transactions waiting (xact from $src_min)"
as_server "$BINDIR/pg_dump" -h "$work" -p "$src_port" -U postgres -Fc -f "$work/ledger.dump" ledger

# --- target: restore below the watermark, queue, move the xids past it, queue, seal
sql "$dst_port" postgres <<'SQL'
CREATE DATABASE ledger;
SQL
src_system=$(echo "SELECT system_identifier FROM pg_control_system()" | sql "$src_port" ledger)
dst_system=$(echo "SELECT system_identifier FROM pg_control_system()" | sql "$dst_port" ledger)
[ "$src_system" != "$dst_system" ] || fail "the two clusters have the same system identifier $src_system"
as_server "$BINDIR/pg_restore" -h "$work" -p "$dst_port" -U postgres --exit-on-error -d ledger "$work/ledger.dump"
read -r dst_xid restored < <(sql "$dst_port" ledger -F ' ' <<'SQL'
SELECT pg_current_xact_id(), (SELECT count(*) FROM creative_defi.ledger_unsealed);
SQL
)
[ "$restored" -eq 3 ] || fail "3 waiting transactions should have been restored, found $restored"
if [ "$(echo "SELECT '$dst_xid'::xid8 < '$src_below'::xid8" | sql "$dst_port" ledger)" != t ]; then
	fail "the target's xid $dst_xid should be below the restored watermark $src_below"
fi
echo "target: restored at xid $dst_xid, below the restored watermark $src_below"
trade "$dst_port" ledger 'REPEATABLE READ' "dst-waiting-low"
stop "$work/dst"
as_server "$BINDIR/pg_resetwal" --epoch=11 "$work/dst" >/dev/null
start "$work/dst" "$dst_port"
dst_xid=$(echo "SELECT pg_current_xact_id()" | sql "$dst_port" ledger)
if [ "$(echo "SELECT pg_snapshot_xmin(pg_current_snapshot()) > '$src_below'::xid8" | sql "$dst_port" ledger)" != t ]; then
	fail "the target's xmin should now be above the restored watermark $src_below"
fi
echo "target: xids moved past the restored watermark (now $dst_xid)"
trade "$dst_port" ledger 'REPEATABLE READ' "dst-waiting-high"
[ "$(waiting "$dst_port" ledger)" -eq 5 ] || fail "5 transactions should wait before the first seal"
check_sealed "$dst_port" ledger "target"
# and with the target's own watermark from then on
trade "$dst_port" ledger 'REPEATABLE READ' "dst-waiting-after"
check_sealed "$dst_port" ledger "target, own watermark"

# --- again: the same dump into the target, whose xids are now above the dump's watermark
sql "$dst_port" postgres <<'SQL'
CREATE DATABASE ledger2;
SQL
as_server "$BINDIR/pg_restore" -h "$work" -p "$dst_port" -U postgres --exit-on-error -d ledger2 "$work/ledger.dump"
trade "$dst_port" ledger2 'REPEATABLE READ' "back-waiting"
[ "$(waiting "$dst_port" ledger2)" -eq 4 ] || fail "4 transactions should wait in the second restore"
check_sealed "$dst_port" ledger2 "second restore (watermark below the xids)"

echo "restore_watermark: ok"
