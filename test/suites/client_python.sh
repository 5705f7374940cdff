#!/usr/bin/env bash
# The Python example (clients/python/ledger_flow.py, docs/clients.md) with
# psycopg 3, in a database of its own: amounts as int, a refusal by its
# SQLSTATE and fields, an idempotent retry after a terminated connection, a
# signed order executed and resubmitted, and the event feed.
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER/PGPASSWORD.  Exit 0
# passed, 77 skipped (psycopg missing), 1 failed.
set -u
cd "$(dirname "$0")/../.."
# Debian's python3-psycopg is installed for Debian's Python, which a python3
# earlier on PATH (pyenv, a virtualenv) may hide
python=
for candidate in python3 /usr/bin/python3; do
	if command -v $candidate >/dev/null 2>&1 && $candidate -c 'import psycopg' 2>/dev/null; then
		python=$candidate
		break
	fi
done
if [ -z "$python" ]; then
	echo "client_python: skipped: python3-psycopg is not installed (scripts/deps.sh installs it)"
	exit 77
fi
# shellcheck source=test/suites/lib/own_database.sh
. test/suites/lib/own_database.sh
in_own_database cd_client_py "$python" clients/python/ledger_flow.py
