# suite-lib.sh - sourced by scripts/test.sh and scripts/test-in-cluster.sh
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
