#!/usr/bin/env bash
# bench/callgrind.sh: instructions per call of the ledger's hot path, counted
# by valgrind's callgrind, which does not depend on the machine's load (CPU
# time on a shared 2-core machine moves by +-30% between identical runs).
#
# It builds the ledger state of bench/ledger.sh (bench/lib/ledger_state.sql)
# in a throwaway cluster of its own (bench/lib/private_cluster.sh), stops
# it, then runs `postgres --single` under callgrind over the first N1=20 and
# the first N2=820 calls of a fixed list, each on a fresh copy of the data
# directory, and prints (Ir(N2) - Ir(N1)) / 800: the 20-call run takes off
# start-up, catalog caches and shutdown.  Single-user mode runs each line
# as its own transaction, parsed and planned each time.  Workloads:
#   buy/sell  buy and the bench's sell (bench.sell) alternate; the buys over
#             a fixed pseudo-random sequence of assets and accounts, the
#             sells by 410 distinct accounts, each of which holds the unit
#             the set-up gave it, so every sell sells
#   transfer  the ledger's own transfer of USDC between two accounts
# (execute_order needs orders signed by ethers, test/interop; not here.)
# The list is the same in every run, so two runs agree within 0.5%.
# CALLGRIND_ASSETS and CALLGRIND_ACCOUNTS (default 1,000 and 10,000, the
# size of bench/ledger.sh; 100 and 1,000 take half the time and count about
# 1% fewer instructions per buy/sell) set the ledger's size;
# CALLGRIND_WORKLOADS (default "buy_sell transfer") picks workloads;
# CALLGRIND_JOBS (default 2) runs that many callgrind runs at once.
# CALLGRIND_DIVIDENDS=1 enables dividends (dividends_enable, docs/dividends.md)
# on every asset after the set-up, to count what settling the holders costs.
# CALLGRIND_TOP=1 also prints each workload's top functions, inclusive, in
# instructions per call: the difference of the two runs' callgrind_annotate
# --inclusive=yes, divided by 800 (CALLGRIND_TOP_N rows, default 40; the
# outermost frames, at 99% or more, left out).
# CALLGRIND_KEEP=DIR keeps the callgrind output files there (WORKLOAD.N.cg),
# for callgrind_annotate --tree=caller and the like.
# Runs as root (the server as the postgres OS user) or as a user that may
# run initdb; needs the extension installed (make install; make bench does
# it).  make bench runs it; BENCH_FILTER=callgrind runs only it.
set -euo pipefail
cd "$(dirname "$0")/.."
ASSETS=${CALLGRIND_ASSETS:-1000}
ACCOUNTS=${CALLGRIND_ACCOUNTS:-10000}
WORKLOADS=${CALLGRIND_WORKLOADS:-buy_sell transfer}
JOBS=${CALLGRIND_JOBS:-2}
N1=20
N2=820
DB=cd_callgrind
if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench callgrind: skipped: valgrind is not installed (apt-get install valgrind)"
	exit 0
fi
started=$(date +%s)

CLUSTER_PREFIX=cd_bench_callgrind
# shellcheck source=bench/lib/private_cluster.sh
. bench/lib/private_cluster.sh
private_cluster_init -c fsync=off
work=$cluster_work
echo "setting up $ASSETS assets and $ACCOUNTS accounts in a private cluster ..."
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB"
psql -X -q -v ON_ERROR_STOP=1 -v assets="$ASSETS" -v accounts="$ACCOUNTS" -d "$DB" \
	-f bench/lib/ledger_state.sql >/dev/null
if [ "${CALLGRIND_DIVIDENDS:-0}" = 1 ]; then
	psql -X -q -v ON_ERROR_STOP=1 -v assets="$ASSETS" -d "$DB" \
		-c "SELECT count(*) FROM generate_series(1, $ASSETS) i, creative_defi.dividends_enable(bench.asset(i), 0) e" >/dev/null
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "VACUUM ANALYZE" -c CHECKPOINT
private_cluster_stop
echo "set-up: $(($(date +%s) - started)) s"

# calls WORKLOAD N: the first N calls of WORKLOAD's list, one statement a
# line; a call depends only on its position, so the N1-call list is the
# start of the N2-call one.  Prime steps modulo the counts make the
# sequences; a sell's account is one that has not sold yet (checked here).
calls() {
	awk -v w="$1" -v n="$2" -v assets="$ASSETS" -v accounts="$ACCOUNTS" 'BEGIN {
		big = "1000000000000000000"
		for (i = 0; i < n; i++) {
			p = int(i / 2)
			if (w == "buy_sell" && i % 2 == 0)
				printf "SELECT txn_id FROM creative_defi.buy(bench.asset(%d), bench.account(%d), 1, %s, '\''cg-%d'\'');\n",
					1 + (p * 7919 + 17) % assets, (p * 104729 + 3) % accounts, big, i
			else if (w == "buy_sell") {
				acct = (p * 7907 + 5) % accounts
				if (acct in sold) { print "bench callgrind: account " acct " sells twice" > "/dev/stderr"; exit 1 }
				sold[acct] = 1
				printf "SELECT bench.sell(%d, %d, '\''cg-%d'\'');\n", 1 + (p * 7919 + 17) % assets, acct, i
			} else if (w == "transfer") {
				from = (i * 7919 + 11) % accounts
				printf "SELECT txn_id FROM creative_defi.transfer(bench.account(%d), bench.account(%d), bench.usdc(), 1000, '\''cg-%d'\'');\n",
					from, (from + 1 + (i * 104729) % (accounts - 1)) % accounts, i
			} else { print "bench callgrind: unknown workload " w > "/dev/stderr"; exit 1 }
		}
	}'
}

# measure WORKLOAD N: one callgrind run over the first N calls, on a fresh
# copy of the data directory; leaves $work/WORKLOAD.N.{cg,err}
measure() {
	local run=$work/$1.$2
	calls "$1" "$2" >"$run.sql"
	cp -a "$cluster_data" "$run.data"
	as_server valgrind -q --tool=callgrind --callgrind-out-file="$run.cg" \
		"$PG_BINDIR/postgres" --single -D "$run.data" -c fsync=off -c jit=off "$DB" \
		<"$run.sql" >/dev/null 2>"$run.err" || echo "exit status $?" >>"$run.err"
	rm -rf "$run.data"
}

# Ir FILE: the total instruction count of a callgrind output file
Ir() { sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$1"; }
# commas N: N with thousands separators
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# the N2 runs first, two at a time (the counts do not depend on the load)
for n in $N2 $N1; do
	for w in $WORKLOADS; do
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
		measure "$w" "$n" &
	done
done
wait

echo "callgrind: $ASSETS assets, $ACCOUNTS accounts; instructions per call = (Ir($N2 calls) - Ir($N1 calls)) / $((N2 - N1))"
status=0
for w in $WORKLOADS; do
	failed=
	for n in $N1 $N2; do
		if grep -q -E ' (ERROR|FATAL|PANIC): |^exit status|^==[0-9]+== ' "$work/$w.$n.err" || [ -z "$(Ir "$work/$w.$n.cg" 2>/dev/null)" ]; then
			echo "bench callgrind: the $n-call $w run failed:"
			grep -E ' (ERROR|FATAL|PANIC): |^exit status|^==' "$work/$w.$n.err" | sed -n 1,20p
			failed=1
		fi
	done
	if [ -n "$failed" ]; then
		status=1
		continue
	fi
	ir1=$(Ir "$work/$w.$N1.cg")
	ir2=$(Ir "$work/$w.$N2.cg")
	printf '  %-10s %12s instructions per call   (Ir: %s for %d calls, %s for %d)\n' \
		"${w/_//}" "$(commas $(((ir2 - ir1) / (N2 - N1))))" "$(commas "$ir1")" "$N1" "$(commas "$ir2")" "$N2"
	if [ "${CALLGRIND_TOP:-}" = 1 ]; then
		echo "  top functions of ${w/_//}, inclusive, instructions per call (share of the call):"
		for n in $N1 $N2; do
			callgrind_annotate --inclusive=yes --threshold=100 "$work/$w.$n.cg" |
				awk -v n="$n" '/^ *[0-9,]+ +\( *[0-9.]+%\) / { c = $1; gsub(",", "", c); sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, ""); print n "\t" c "\t" $0 }'
		done | awk -F '\t' -v n1="$N1" -v calls=$((N2 - N1)) -v per=$(((ir2 - ir1) / (N2 - N1))) '
			$3 ~ /'\''[0-9]+ / || $3 == "PROGRAM TOTALS" { next } # recursion cycles
			{ if ($1 == n1) ir[$3] -= $2; else ir[$3] += $2 }
			END { for (f in ir) if (ir[f] / calls < 0.99 * per) printf "%d\t%.1f%%\t%s\n", ir[f] / calls, 100 * ir[f] / calls / per, f }' |
			sort -t "$(printf '\t')" -k1,1nr |
			awk -F '\t' -v top="${CALLGRIND_TOP_N:-40}" 'NR <= top { printf "    %12s %7s  %s\n", $1, $2, $3 }'
	fi
done
if [ -n "${CALLGRIND_KEEP:-}" ]; then
	mkdir -p "$CALLGRIND_KEEP" && cp "$work"/*.cg "$CALLGRIND_KEEP"/ && echo "callgrind: output files kept in $CALLGRIND_KEEP"
fi
echo "callgrind: $(($(date +%s) - started)) s in all"
exit $status
