#!/usr/bin/env bash
# Run by scripts/bench.sh inside pg_virtualenv: each bench/*.sh in turn.
# BENCH_FILTER=word runs only the benchmarks whose file name contains it.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for b in bench/*.sh; do
	[ -e "$b" ] || continue
	case "$b" in *"${BENCH_FILTER:-}"*) ;; *) continue ;; esac
	echo "== $(basename "$b" .sh)"
	"$b" || { echo "bench $(basename "$b" .sh): FAILED"; status=1; }
done
exit $status
