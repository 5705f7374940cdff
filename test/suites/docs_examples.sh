#!/usr/bin/env bash
# docs_examples: every SQL example of README.md and docs/*.md runs, in a
# fresh database per page, and prints what the page shows (the convention:
# docs/doc_examples.md; the runner: docs_examples.py).  Runs inside the
# throwaway cluster of scripts/test.sh (PGHOST etc. set).
set -uo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "docs_examples: python3 is not installed"; exit 1; }
exec python3 test/suites/docs_examples.py "$@"
