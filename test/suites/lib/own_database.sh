# shellcheck shell=bash
# own_database.sh - sourced by suites that run a program against a database
# of their own (client_typescript.sh, client_python.sh); run from the
# repository's root, in the cluster of PGHOST/PGPORT/PGUSER/PGPASSWORD.

# in_own_database DB COMMAND...: a fresh database DB with the extension,
# COMMAND run with PGDATABASE=DB, then DB dropped; returns 0 when COMMAND
# passed, 1 otherwise (set-up failures included)
in_own_database() {
	local db=$1 rc
	shift
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb "$db" || return 1
	psql -q -X -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION creative_defi' || return 1
	PGDATABASE=$db "$@"
	rc=$?
	dropdb --if-exists "$db" >/dev/null 2>&1
	[ $rc -eq 0 ] || return 1
}
