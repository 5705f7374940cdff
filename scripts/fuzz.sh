#!/usr/bin/env bash
# make fuzz: build every libFuzzer target test/fuzz/fuzz_*.c against the
# pure C core (clang, with ASan + UBSan) and run each for FUZZ_SECONDS
# (default 30).  Seed inputs: test/fuzz/corpus/<target>/, if present; the
# working corpus grows in build/fuzz/corpus/<target>/.  Exits non-zero if
# any target finds a crash, a leak or undefined behaviour.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-30}
OUT=build/fuzz
mkdir -p "$OUT"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core -Isrc"
LIBS="-lsecp256k1 -lcrypto -lnettle -lmpfr -lgmp"
status=0
passed=0
failed=0
for target_src in test/fuzz/fuzz_*.c; do
	[ -e "$target_src" ] || continue
	name=$(basename "$target_src" .c)
	echo "== fuzz $name (${SECONDS_EACH}s)"
	if ! clang $CFLAGS "$target_src" src/core/*.c $LIBS -o "$OUT/$name"; then
		echo "fuzz $name: build failed"
		failed=$((failed + 1)); status=1; continue
	fi
	mkdir -p "$OUT/corpus/$name"
	seeds=()
	[ -d "test/fuzz/corpus/$name" ] && seeds=("test/fuzz/corpus/$name")
	if "$OUT/$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/$name-" -print_final_stats=0 "$OUT/corpus/$name" "${seeds[@]}" \
		> "$OUT/$name.log" 2>&1; then
		echo "fuzz $name: ok ($(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$OUT/$name.log" | tail -n 1 || true))"
		passed=$((passed + 1))
	else
		tail -n 40 "$OUT/$name.log"
		echo "fuzz $name: FAILED (artifact in $OUT/$name-*)"
		failed=$((failed + 1)); status=1
	fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
