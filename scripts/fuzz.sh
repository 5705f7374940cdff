#!/usr/bin/env bash
# make fuzz: build every libFuzzer target test/fuzz/fuzz_*.c against the
# pure C core (clang, with ASan + UBSan) and run each for FUZZ_SECONDS
# (default 30).  Seed inputs: test/fuzz/corpus/<target>/, if present; the
# working corpus grows in build/fuzz/corpus/<target>/.  Exits non-zero if
# any target finds a crash, a leak or undefined behaviour.
#
# FUZZ_RUNS=N makes the run reproducible, as make test wants it: N inputs
# from a fixed seed (FUZZ_SEED, default 1), starting from the committed
# seeds only, so a result does not depend on the machine's load or on
# what earlier runs left in build/.  Exploration is make fuzz's job.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-30}
RUNS=${FUZZ_RUNS:-}
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
	if [ -n "$RUNS" ]; then
		echo "== fuzz $name ($RUNS runs, seed ${FUZZ_SEED:-1})"
	else
		echo "== fuzz $name (${SECONDS_EACH}s)"
	fi
	if ! clang $CFLAGS "$target_src" src/core/*.c $LIBS -o "$OUT/$name"; then
		echo "fuzz $name: build failed"
		failed=$((failed + 1)); status=1; continue
	fi
	seeds=()
	[ -d "test/fuzz/corpus/$name" ] && seeds=("test/fuzz/corpus/$name")
	if [ -n "$RUNS" ]; then
		corpus=$(mktemp -d)
		limits=(-runs="$RUNS" -seed="${FUZZ_SEED:-1}")
	else
		corpus="$OUT/corpus/$name"
		mkdir -p "$corpus"
		limits=(-max_total_time="$SECONDS_EACH")
	fi
	if "$OUT/$name" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/$name-" -print_final_stats=0 "$corpus" "${seeds[@]}" \
		> "$OUT/$name.log" 2>&1; then
		echo "fuzz $name: ok ($(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$OUT/$name.log" | tail -n 1 || true))"
		passed=$((passed + 1))
	else
		tail -n 40 "$OUT/$name.log"
		echo "fuzz $name: FAILED (artifact in $OUT/$name-*)"
		failed=$((failed + 1)); status=1
	fi
	[ -n "$RUNS" ] && rm -rf "$corpus"
done
echo "fuzz: $passed passed, $failed failed"
exit $status
