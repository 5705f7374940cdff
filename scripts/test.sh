#!/usr/bin/env bash
# make test: install what is missing, build, install, then run every suite
# and print a summary.  Exits non-zero if any suite fails.
#
# Suites:
#   layout                   the source layout's rules (scripts/check-layout.sh)
#   unit, unit-sanitized     core unit tests, plain and with ASan + UBSan
#   fuzz                     every libFuzzer target, FUZZ_RUNS (200000) inputs
#                            from a fixed seed: reproducible; make fuzz explores
#   regress                  pg_regress + isolation specs (make installcheck)
#   pgtap                    pg_prove over test/pgtap/*.sql
#   test/suites/*.sh         vector, property, interop and fault suites;
#                            exit 0 passes, 77 means skipped (said why),
#                            anything else fails
# The database suites run inside one throwaway cluster made by pg_virtualenv.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CD_RESULTS="$ROOT/build/test-results.txt"
# every compiler warning fails the build here (the Makefile's WERROR=1)
export WERROR=1
mkdir -p build
. scripts/suite-lib.sh
: > "$CD_RESULTS"

scripts/deps.sh || { echo "test: dependency installation failed"; exit 1; }

echo "== build"
if ! make -s -j2 all >build/build.log 2>&1; then
	cat build/build.log
	echo "test: 0 passed, 1 failed (build)"
	exit 1
fi

run_suite layout scripts/check-layout.sh
run_suite unit make -s unit
run_suite unit-sanitized make -s unit UNIT_SANITIZE=1 UNIT_CC=clang
run_suite fuzz env FUZZ_RUNS="${FUZZ_RUNS:-200000}" scripts/fuzz.sh

# Installing into the server's directories and testing against them is one
# step: several work trees on one machine take turns (the lock is free in CI).
exec 9>/tmp/creative_defi-install.lock
flock 9
echo "== install"
if ! make -s install >>build/build.log 2>&1; then
	cat build/build.log
	echo "install failed" >> "$CD_RESULTS"
fi
echo "== database suites (throwaway cluster)"
# 9>&-: the cluster must not inherit the lock, or a server left running by
# a killed run would hold it for ever
# CD_INSTALL_LOCK_HELD: test/suites/deb_package.sh installs the package
# under this lock, and must not wait for it
CD_INSTALL_LOCK_HELD=1 pg_virtualenv -v 15 scripts/test-in-cluster.sh 9>&-
rc=$?
flock -u 9
# test-in-cluster.sh records each suite and exits 0; anything else means the
# cluster did not come up or the script died, and the database suites did
# not all run: that is a failure, whatever was recorded before.
if [ $rc -ne 0 ] || ! grep -q '^regress ' "$CD_RESULTS"; then
	echo "database failed (pg_virtualenv exited $rc; the database suites did not all run)" >> "$CD_RESULTS"
fi

echo
echo "== summary"
passed=0; failed=0; skipped=0
while read -r name status rest; do
	printf '  %-28s %s %s\n' "$name" "$status" "$rest"
	case "$status" in
		passed) passed=$((passed + 1)) ;;
		skipped) skipped=$((skipped + 1)) ;;
		*) failed=$((failed + 1)) ;;
	esac
done < "$CD_RESULTS"
echo "test: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
