#!/usr/bin/env bash
# ledger_crash: kill the server with SIGKILL in the middle of a mixed ledger
# load, restart it, and show that nothing committed was lost and every
# invariant still holds.
#
# It runs on its own throwaway cluster (bench/lib/private_cluster.sh:
# initdb + pg_ctl in a temporary directory, as the postgres user when
# started as root), never on the cluster of the other suites.  pgbench
# runs 8 clients over a mix of buys, sells, transfers and distributions on
# 20 assets and 80 accounts; every client logs each transaction it saw
# commit (pgbench --log), and each transaction uses the ref "c<client>-<n>"
# for its n-th script run, so after the restart every logged (client, n)
# must have its ref in the journal.  CRASH_AFTER (seconds, default 8) sets when the postmaster and
# its backends die.
# The seal lock is held by another session for the last seconds, so the
# crash leaves committed transactions waiting to be sealed; after the
# restart ledger_verify() seals them and every check is ok.
set -euo pipefail
cd "$(dirname "$0")/../.."

CRASH_AFTER=${CRASH_AFTER:-8}
CLIENTS=8
# the cluster: bench/lib/private_cluster.sh (PGHOST and the rest exported,
# stopped and removed on exit)
PG_BINDIR=$(pg_config --bindir)
CLUSTER_PREFIX=cd_ledger_crash
# shellcheck source=bench/lib/private_cluster.sh
. bench/lib/private_cluster.sh
start_server() {
	private_cluster_start -c max_connections=30
}
private_cluster_init -c max_connections=30
work=$cluster_work
data=$cluster_data
echo "initdb in $work"

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION creative_defi;
CREATE SCHEMA crash;
-- asset i, account k of client c, and the three artists of every split
CREATE FUNCTION crash.asset(i int) RETURNS creative_defi.asset LANGUAGE sql IMMUTABLE
    RETURN ('eip155:1/erc1155:0x' || lpad(to_hex(4096), 40, '0') || '/' || i)::creative_defi.asset;
CREATE FUNCTION crash.account(c int, k int) RETURNS creative_defi.eth_address LANGUAGE sql IMMUTABLE
    RETURN ('0x' || lpad(to_hex(c * 1000 + k + 1), 40, '0'))::creative_defi.eth_address;
CREATE FUNCTION crash.artist(i int) RETURNS creative_defi.eth_address LANGUAGE sql IMMUTABLE
    RETURN ('0x' || lpad(to_hex(999000 + i), 40, '0'))::creative_defi.eth_address;
CREATE FUNCTION crash.usdc() RETURNS creative_defi.asset LANGUAGE sql IMMUTABLE
    RETURN 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'::creative_defi.asset;

-- Only client c ever debits its own accounts (buys, sells, transfers out,
-- payments), so its balance checks cannot race: no script run fails.
CREATE FUNCTION crash.buy(a int, c int, k int, ref text) RETURNS bigint LANGUAGE sql
    RETURN (SELECT txn_id FROM creative_defi.buy(crash.asset(a), crash.account(c, k), 1 + (a + k) % 3,
                                                10000000000000000, ref));
CREATE FUNCTION crash.sell(a int, c int, k int, ref text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    held numeric := creative_defi.balance(crash.account(c, k), crash.asset(a));
BEGIN
    IF held = 0 THEN
        RETURN crash.buy(a, c, k, ref);
    END IF;
    RETURN (SELECT txn_id FROM creative_defi.sell(crash.asset(a), crash.account(c, k), least(held, 2), 0, ref));
END $$;
CREATE FUNCTION crash.transfer(c int, k int, to_c int, to_k int, ref text) RETURNS bigint LANGUAGE sql
    RETURN (SELECT txn_id FROM creative_defi.transfer(crash.account(c, k),
        CASE WHEN (c, k) = (to_c, to_k) THEN crash.artist(1) ELSE crash.account(to_c, to_k) END,
        crash.usdc(), 1000 + to_k, ref));
CREATE FUNCTION crash.distribute(a int, c int, k int, ref text) RETURNS bigint LANGUAGE sql
    RETURN (SELECT txn_id FROM creative_defi.distribute(crash.asset(a), crash.account(c, k), 99991, ref));

SELECT count(*) AS assets FROM generate_series(1, 20) i,
    creative_defi.register_asset(crash.asset(i), crash.usdc(), creative_defi.linear_curve(1000 * i, 7 * i),
        (crash.artist(1)::text || '=500000ppm, ' || crash.artist(2)::text || '=300000ppm, '
         || crash.artist(3)::text || '=200000ppm')::creative_defi.royalty_split,
        crash.artist(1), 250 + 10 * i);
SELECT count(*) AS funded FROM generate_series(1, 8) c, generate_series(0, 9) k,
    creative_defi.deposit(crash.account(c, k), crash.usdc(), 1000000000000000000000, 'fund-' || c || '-' || k);
SQL

cat > "$work/buy.sql" <<'S'
\set n :n + 1
\set a random(1, 20)
\set k random(0, 9)
SELECT crash.buy(:a, :client_id + 1, :k, 'c' || :client_id || '-' || :n);
S
cat > "$work/sell.sql" <<'S'
\set n :n + 1
\set a random(1, 20)
\set k random(0, 9)
SELECT crash.sell(:a, :client_id + 1, :k, 'c' || :client_id || '-' || :n);
S
cat > "$work/transfer.sql" <<'S'
\set n :n + 1
\set k random(0, 9)
\set to_c random(1, 8)
\set to_k random(0, 9)
SELECT crash.transfer(:client_id + 1, :k, :to_c, :to_k, 'c' || :client_id || '-' || :n);
S
cat > "$work/distribute.sql" <<'S'
\set n :n + 1
\set a random(1, 20)
\set k random(0, 9)
SELECT crash.distribute(:a, :client_id + 1, :k, 'c' || :client_id || '-' || :n);
S

echo "load: $CLIENTS clients, 35% buy, 35% sell, 20% transfer, 10% distribute; SIGKILL after ${CRASH_AFTER}s"
(cd "$work" && pgbench -n -c "$CLIENTS" -j 1 -T 120 -D n=0 --log --log-prefix="$work/committed" \
	-f buy.sql@35 -f sell.sql@35 -f transfer.sql@20 -f distribute.sql@10 >"$work/pgbench.out" 2>&1) &
bench=$!
# For the last HOLD seconds before the kill, another session holds the
# seal lock (docs/ledger.md, "Hash chain"), as a slow sealer would: the
# clients keep committing without waiting, and what they commit waits in
# ledger_unsealed.  Those waiting rows must survive the crash and be
# sealed afterwards.
HOLD=3
sleep $((CRASH_AFTER > HOLD ? CRASH_AFTER - HOLD : 1))
psql -X -q >/dev/null 2>&1 <<'S' &
BEGIN;
SELECT pg_advisory_xact_lock(1128529924, 0);
SELECT pg_sleep(600);
S
holder=$!
sleep "$HOLD"
# SIGKILL to the postmaster and every backend at once, as a power loss
# would stop them: a backend that outlives its postmaster for a moment
# keeps running, and when the holder's backend (asleep, so the first to
# notice) exits, an orphaned client backend could take the seal lock and
# seal the waiting rows before it too exits (a correct outcome, but then
# the restart would have nothing waiting to show).
postmaster=$(head -1 "$data/postmaster.pid")
children() {
	local stat pid ppid rest
	for stat in /proc/[0-9]*/stat; do
		read -r pid _ _ ppid rest <"$stat" 2>/dev/null || continue
		if [ "$ppid" = "$1" ]; then echo "$pid"; fi
	done
}
backends=$(children "$postmaster" | tr '\n' ' ')
echo "kill -9 $postmaster (postmaster) and its $(echo "$backends" | wc -w) children at ${SECONDS}s, the seal lock held for the last ${HOLD}s"
# shellcheck disable=SC2086
kill -9 "$postmaster" $backends 2>/dev/null || true
wait "$bench" || true
wait "$holder" || true
grep -E "aborted|processed" "$work/pgbench.out" | head -3 || true

# the orphaned backends notice the postmaster's death and exit; until then
# the shared memory is still in use and a restart is refused
for i in $(seq 1 60); do
	if start_server 2>/dev/null; then
		break
	fi
	sleep 1
done
psql -X -q -c "SELECT 1" >/dev/null
echo "restarted after crash recovery at ${SECONDS}s"
grep -E "database system was interrupted|redo done|crash recovery" "$work/server.log" | sed 's/^[^]]*] //' | head -3 || true

waiting=$(psql -X -At -c "SELECT count(*) FROM creative_defi.ledger_unsealed")
echo "after recovery: $waiting committed transactions wait to be sealed"

cat "$work"/committed.* > "$work/committed.log"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE committed (client int, xact bigint, latency bigint, script int, epoch bigint, usec bigint);
\\copy committed FROM '$work/committed.log' WITH (DELIMITER ' ')
-- client c's n-th committed script run used ref c<c>-<n>
CREATE TEMP TABLE expected AS
SELECT 'c' || client || '-' || n AS ref
  FROM (SELECT client, count(*) AS runs FROM committed GROUP BY client) c, generate_series(1, c.runs) n;
\pset footer off
SELECT (SELECT count(*) FROM expected) AS committed_by_clients,
       (SELECT count(*) FROM creative_defi.ledger_transactions WHERE ref ~ '^c[0-9]+-') AS in_journal,
       (SELECT count(*) FROM expected e
         WHERE NOT EXISTS (SELECT 1 FROM creative_defi.ledger_transactions t WHERE t.ref = e.ref)) AS lost;
SELECT kind, count(*) FROM creative_defi.ledger_transactions GROUP BY kind ORDER BY kind;
SELECT * FROM creative_defi.ledger_verify();
SQL

read -r logged lost < <(psql -X -q -At -F ' ' <<SQL
CREATE TEMP TABLE committed (client int, xact bigint, latency bigint, script int, epoch bigint, usec bigint);
\\copy committed FROM '$work/committed.log' WITH (DELIMITER ' ')
SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM creative_defi.ledger_transactions t WHERE t.ref = 'c' || e.client || '-' || e.n))
  FROM (SELECT client, generate_series(1, count(*)) AS n FROM committed GROUP BY client) e;
SQL
)
bad=$(psql -X -At -c "SELECT count(*) FROM creative_defi.ledger_verify() WHERE NOT ok")
still_waiting=$(psql -X -At -c "SELECT count(*) FROM creative_defi.ledger_unsealed")
if [ "${logged:-0}" -lt 100 ]; then
	echo "ledger_crash: only ${logged:-0} transactions committed before the kill; the load did not run"
	exit 1
fi
if [ "$waiting" -eq 0 ] || [ "$still_waiting" -ne 0 ]; then
	echo "ledger_crash: FAILED: $waiting transactions waited to be sealed after the crash (expected some: the seal lock was held), $still_waiting still wait after ledger_verify() sealed"
	exit 1
fi
if [ "$lost" -ne 0 ] || [ "$bad" -ne 0 ]; then
	echo "ledger_crash: FAILED: $lost committed transactions lost, $bad ledger_verify() checks failed"
	exit 1
fi
echo "ledger_crash: $logged committed transactions survived the SIGKILL ($waiting of them waiting to be sealed, then sealed), ledger_verify() all ok"
