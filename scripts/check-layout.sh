#!/usr/bin/env bash
# check-layout.sh: the rules of the source layout (docs/architecture.md),
# checked by make test as the suite "layout":
#   - the pure core (src/core/) never includes postgres.h or any header of
#     PostgreSQL or of the glue;
#   - no cycle between files of the core: with A -> B when A.o uses a
#     symbol that B.o defines (nm on the unit build's objects), the graph
#     has no loop, so the files can be read, tested and split one way;
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

# the core's file graph from the symbols of its objects
make -s core-objs >/dev/null || { fail "the core objects do not build"; echo "layout: $passed passed, $failed failed"; exit 1; }
# one object per source file (a stale object of a removed file is no part of it)
objs=$(for f in src/core/*.c; do echo "build/unit/core/$(basename "$f" .c).o"; done)
edges=$(
	for o in $objs; do
		nm -g --defined-only "$o" | awk -v f="$(basename "$o" .o)" 'NF == 3 { print $3, f }'
	done | sort -u > build/unit/core-defined.txt
	for o in $objs; do
		nm -u "$o" | awk -v f="$(basename "$o" .o)" '{ print $NF, f }'
	done | sort -k1,1 | join - build/unit/core-defined.txt | awk '$2 != $3 { print $2, $3 }' | sort -u
)
# tsort names the files of each loop in order, after a "contains a loop" line
loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null |
	awk '/contains a loop/ { if (l != "") print l " -> " first; l = ""; next }
		 { sub(/^tsort: /, ""); if (l == "") first = $0; l = (l == "" ? $0 : l " -> " $0) }
		 END { if (l != "") print l " -> " first }')
if [ -z "$loops" ]; then
	pass "no cycle between files of the core ($(printf '%s\n' "$edges" | grep -c .) edges between $(echo $objs | wc -w) objects)"
else
	# each file uses a symbol that the next one defines
	while IFS= read -r loop; do fail "a cycle between files of the core: $loop"; done <<< "$loops"
fi

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
