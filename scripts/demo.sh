#!/usr/bin/env bash
# make demo: install what is missing, build, install, start a throwaway
# cluster, CREATE EXTENSION creative_defi and walk through demo/*.sql in
# order.  Leaves nothing running (pg_virtualenv drops the cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
echo "== build and install"
make -s -j2 all >/dev/null
exec 9>/tmp/creative_defi-install.lock
flock 9
make -s install >/dev/null
pg_virtualenv -v 15 scripts/demo-in-cluster.sh 9>&-
