#!/usr/bin/env bash
# The TypeScript client (clients/typescript, docs/clients.md): compile it
# with tsc, check that a number amount is a type error (tsc over
# test/types), then run its tests with node's test runner against a
# database of its own: ledger calls, typed errors, signed orders and
# approvals, idempotent retries after lost connections, and the event
# feed's fault test (the listening connection terminated mid-stream under
# concurrent trades).
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER/PGPASSWORD.  Exit 0
# passed, 77 skipped (node or the npm packages missing), 1 failed.
set -u
cd "$(dirname "$0")/../.."
client=clients/typescript

if ! command -v node >/dev/null 2>&1; then
	echo "client_typescript: skipped: node is not installed (scripts/deps.sh installs it)"
	exit 77
fi
if [ ! -d $client/node_modules ]; then
	echo "client_typescript: skipped: $client/node_modules is missing (run scripts/deps.sh, which runs npm ci there)"
	exit 77
fi

(cd $client && node_modules/.bin/tsc -p tsconfig.json) || { echo "client_typescript: tsc failed"; exit 1; }
(cd $client && node_modules/.bin/tsc -p test/types/tsconfig.json) || { echo "client_typescript: the type test failed"; exit 1; }

# shellcheck source=test/suites/lib/own_database.sh
. test/suites/lib/own_database.sh
cd $client || exit 1
in_own_database cd_client_ts node --test --test-concurrency=1 test/*.test.mjs
