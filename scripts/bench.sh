#!/usr/bin/env bash
# make bench: build, install, and run every bench/*.sh inside a throwaway
# cluster.  Each benchmark prints its figures as ratios against a baseline
# it measures in the same run, so the numbers compare across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
make -s -j2 all >/dev/null
exec 9>/tmp/creative_defi-install.lock
flock 9
make -s install >/dev/null
mkdir -p build/bench
pg_virtualenv -v 15 scripts/bench-in-cluster.sh 9>&-
