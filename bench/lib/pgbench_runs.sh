# bench/lib/pgbench_runs.sh: timed pgbench runs for the bench/*.sh scripts
# that compare ledger workloads (sourced, not run: make bench runs only
# bench/*.sh).  The caller sets BENCH_NAME, CLIENTS, SECONDS_PER_RUN, DB
# and work (a scratch directory holding the pgbench scripts).

# TPS, p50 and p99 (ms) of each run, by run name
declare -A TPS P50 P99

# run NAME ARGS... : one pgbench run after a CHECKPOINT (so no run pays for
# the previous one's dirty buffers); prints and records "tps p50 p99".
# The scripts see :clients, :run (NAME, for unique refs) and :n.
run() {
	local name=$1
	shift
	psql -X -q -d "$DB" -c CHECKPOINT
	rm -f "$work"/lat.*
	(cd "$work" && pgbench -n -M prepared -c "$CLIENTS" -j $((CLIENTS < 2 ? CLIENTS : 2)) -T "$SECONDS_PER_RUN" -D n=0 -D clients="$CLIENTS" -D run="'$name'" \
		--log --log-prefix="$work/lat" "$@" "$DB" >"$work/$name.out" 2>&1) || {
		cat "$work/$name.out"
		echo "bench $BENCH_NAME: pgbench run $name failed"
		exit 1
	}
	TPS[$name]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$work/$name.out")
	# per-transaction latencies (microseconds, third column of the log)
	cat "$work"/lat.* | awk '{print $3}' | sort -n > "$work/lat.sorted"
	local count
	count=$(wc -l < "$work/lat.sorted")
	P50[$name]=$(awk -v n="$count" 'NR == int(n * 0.50 + 0.5) { printf "%.2f", $1 / 1000 }' "$work/lat.sorted")
	P99[$name]=$(awk -v n="$count" 'NR == int(n * 0.99 + 0.5) { printf "%.2f", $1 / 1000 }' "$work/lat.sorted")
	printf '  %-34s %8.1f tps   p50 %7s ms   p99 %7s ms\n' "$name" "${TPS[$name]}" "${P50[$name]}" "${P99[$name]}"
}

# best NAME...: the highest TPS among the named runs
best() {
	local n b=0
	for n in "$@"; do
		b=$(awk -v a="${TPS[$n]}" -v b="$b" 'BEGIN { print (a > b ? a : b) }')
	done
	echo "$b"
}

# ratio A B: A / B to two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
