#!/usr/bin/env bash
# Interop suite: real JavaScript clients (ethers, viem, @metamask/eth-sig-util,
# @noble/curves, @openzeppelin/merkle-tree) make thousands of random cases
# and the database must return exactly what each library says.  See
# docs/interop.md.
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER/PGPASSWORD, in its own
# database.  INTEROP_SEED replays a run (the seed is printed first);
# INTEROP_ONLY and INTEROP_SCALE are passed through to test/interop/run.mjs.
# Exit 0 all passed, 77 skipped (node or the npm packages missing), 1 failed.
set -u
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1; then
	echo "interop: skipped: node is not installed (scripts/deps.sh installs it)"
	exit 77
fi
if [ ! -d test/interop/node_modules ]; then
	echo "interop: skipped: test/interop/node_modules is missing (run scripts/deps.sh, which runs npm ci there)"
	exit 77
fi

db=cd_interop
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
psql -q -X -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION creative_defi' || exit 1

PGDATABASE=$db node test/interop/run.mjs
rc=$?
dropdb --if-exists "$db" >/dev/null 2>&1
[ $rc -eq 0 ] || exit 1
