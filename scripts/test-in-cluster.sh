#!/usr/bin/env bash
# The database suites, run by scripts/test.sh inside pg_virtualenv (PGHOST,
# PGPORT, PGUSER and PGPASSWORD point at a throwaway cluster).
set -u
cd "$(dirname "$0")/.."
. scripts/suite-lib.sh

run_pgtap() {
	dropdb --if-exists cd_pgtap >/dev/null 2>&1
	createdb cd_pgtap || return 1
	psql -q -X -d cd_pgtap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION creative_defi' || return 1
	pg_prove -d cd_pgtap test/pgtap/*.sql
}

regress() {
	if ! make -s installcheck; then
		[ -f regression.diffs ] && head -c 20000 regression.diffs
		return 1
	fi
}

run_suite regress regress
run_suite pgtap run_pgtap
for suite in test/suites/*.sh; do
	[ -e "$suite" ] || continue
	run_suite "$(basename "$suite" .sh)" "$suite"
done
