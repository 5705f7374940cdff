# test/suites/lib/vectors.sh - sourced by the vector suites (test/suites/vectors_*.sh),
# run from the repository's root.  The vectors are in test/vectors/ (sources
# and licences in its README.md).
# exported: psql reads the files itself (\set x `cat "$VECTORS/..."`), as
# some are larger than one command-line argument may be
export VECTORS=test/vectors

# fresh_database NAME: drop database NAME if it is there and create it
fresh_database() {
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1"
}

# require_vectors SUITE FILE...: fail the suite (exit 1) when a vector file
# is missing; a clone of the repository has them all, so this is never a skip.
require_vectors() {
	local suite=$1 f
	shift
	for f in "$@"; do
		if [ ! -r "$VECTORS/$f" ]; then
			echo "$suite: FAILED: $VECTORS/$f is missing"
			exit 1
		fi
	done
}

# report_checks SUITE RC OUTPUT: the end of a suite whose psql (exit status
# RC) printed one tab-separated row per check: file, case, check, then 'ok'
# or what went wrong.  Prints each failure, the counts per file and
# "SUITE: N passed, N failed"; returns 1 on a psql failure, on any failed
# check, or when nothing was checked.
report_checks() {
	local suite=$1 rc=$2 out=$3
	if [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out"
		echo "$suite: psql failed (exit $rc)"
		return 1
	fi
	printf '%s\n' "$out" | awk -F'\t' -v suite="$suite" '
		{ total[$1]++; if ($4 == "ok") { ok[$1]++; passed++ } else { bad[$1]++; failed++; print "FAIL " $1 " " $2 " " $3 ": " $4 } }
		END {
			for (f in total) printf "%s: %d passed, %d failed\n", f, ok[f] + 0, bad[f] + 0
			printf "%s: %d passed, %d failed\n", suite, passed, failed
			exit failed > 0 || passed == 0
		}'
}

# run_vector_checks SUITE VAR=FILE... <SCRIPT: the whole of a vector suite
# whose SQL prints one row per check (see report_checks).  Fails when a file
# is missing, runs SCRIPT in a fresh database cd_SUITE after setting each psql
# variable VAR to the text of $VECTORS/FILE, creating the extension and
# putting creative_defi first on the search_path, then drops the database and
# reports.
run_vector_checks() {
	local suite=$1 db=cd_$1 arg out rc
	shift
	require_vectors "$suite" "${@#*=}"
	fresh_database "$db" || return 1
	out=$({
		for arg in "$@"; do
			printf '\\set %s `cat "$VECTORS/%s"`\n' "${arg%%=*}" "${arg#*=}"
		done
		printf 'CREATE EXTENSION creative_defi;\nSET search_path = creative_defi, public;\n'
		cat
	} | psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 -d "$db")
	rc=$?
	dropdb --if-exists "$db" >/dev/null 2>&1
	report_checks "$suite" $rc "$out"
}
