# suite-lib.sh - sourced by scripts/test.sh and scripts/test-in-cluster.sh,
# and by the suites in test/suites/ that use its helpers below
#
# run_suite NAME COMMAND...: run one suite (a program or a shell function),
# show its output, and append "NAME passed|failed|skipped" to $CD_RESULTS.
# Exit status 77 means skipped; the suite prints why.
run_suite() {
	local name=$1 rc status
	shift
	echo "== $name"
	"$@"
	rc=$?
	case $rc in
		0) status=passed ;;
		77) status=skipped ;;
		*) status="failed (exit $rc)" ;;
	esac
	echo "$name $status" >> "${CD_RESULTS:-/dev/null}"
	echo "-- $name: $status"
}

# scratch_db NAME: a database of the suite's own, made afresh (dropped first
# if an earlier run left it behind) and dropped when the suite exits
scratch_db() {
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1" || return 1
	# shellcheck disable=SC2064 # the name is fixed now
	trap "dropdb --if-exists '$1' >/dev/null 2>&1 || true" EXIT
}

# A suite that reports every failure and goes on, so that one run shows all
# of them: it sets SUITE_NAME, calls scratch_dir for its scratch directory
# $work (removed when the suite exits), fail MESSAGE for each failure, and
# exits 1 at the end if $failures is not 0.
failures=0
fail() {
	echo "$SUITE_NAME: FAILED: $*"
	failures=$((failures + 1))
}
scratch_dir() {
	work=$(mktemp -d) || exit 1
	# shellcheck disable=SC2064 # the directory is fixed now
	trap "rm -rf '$work'" EXIT
}
