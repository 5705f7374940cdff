#!/usr/bin/env bash
# Run the core unit test programs given as arguments and print one summary
# line, "unit: N passed, N failed"; exit 1 if any check failed or a program
# crashed.
set -u
passed=0
failed=0
status=0
for prog in "$@"; do
	out=$("$prog" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ] || [ "$rc" -gt 1 ]; then
		echo "$prog: exited $rc without a summary (crash or sanitizer report)"
		failed=$((failed + 1))
		status=1
		continue
	fi
	p=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\2/')
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$rc" -eq 0 ] || status=1
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
