#!/usr/bin/env bash
# A short libFuzzer run of every target (10 s each), so CI catches a parser
# that crashes on input the unit tests did not think of.  make fuzz runs
# longer.
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-10} exec scripts/fuzz.sh
