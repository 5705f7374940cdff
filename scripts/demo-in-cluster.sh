#!/usr/bin/env bash
# The walkthrough itself, run by scripts/demo.sh inside pg_virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
createdb creative_defi_demo
psql -X -q -d creative_defi_demo -c 'CREATE EXTENSION creative_defi'
for part in demo/*.sql; do
	echo
	echo "================================================================"
	echo "== $(sed -n '1s/^-- *//p' "$part")"
	echo "================================================================"
	psql -X -q -a -v ON_ERROR_STOP=1 -P pager=off -d creative_defi_demo -f "$part"
done
