#!/usr/bin/env bash
# check-layout.sh: the rules of the source layout (docs/architecture.md),
# checked by make test as the suite "layout":
#   - the pure core (src/core/) never includes postgres.h or any header of
#     PostgreSQL or of the glue;
#   - no file name is shared between the glue (src/pg_*) and the core, so
#     an include names one file whoever includes it; every glue file has
#     the pg_ prefix;
#   - no part of the install script (src/sql/NN_*.sql) names an object of
#     a higher-numbered part (scripts/check-sql-layers.py).
# Prints one line per violation and "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0; failed=0
pass() { echo "passed: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

bad=$(grep -ln '#include "\(postgres\|fmgr\|pg_[a-z_0-9]*\)\.h"\|#include "\(utils\|catalog\|access\|libpq\)/' src/core/*.[ch] 2>/dev/null)
[ -z "$bad" ] && pass "the core includes no PostgreSQL or glue header" || fail "core files include PostgreSQL or glue headers: $bad"

shared=""
for f in src/*.c src/*.h; do
	b=$(basename "$f")
	[ -e "src/core/$b" ] && shared="$shared $b"
done
[ -z "$shared" ] && pass "no file name is shared between the glue and the core" || fail "shared file names:$shared"

unprefixed=$(ls src/*.c src/*.h 2>/dev/null | xargs -n1 basename | grep -v '^pg_' | tr '\n' ' ')
[ -z "$unprefixed" ] && pass "every glue file has the pg_ prefix" || fail "glue files without the pg_ prefix: $unprefixed"

if out=$(python3 scripts/check-sql-layers.py); then
	pass "no part of the install script names an object of a higher part"
else
	echo "$out"; fail "parts of the install script name objects of higher parts"
fi

echo "layout: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
