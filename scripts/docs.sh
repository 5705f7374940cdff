#!/usr/bin/env bash
# make docs: build, install, and redraw the pictures of docs/pictures/ from
# the extension's own output in a throwaway cluster
# (test/suites/docs_pictures.sh fails when a checked-in picture is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
make -s -j2 all >/dev/null
exec 9>/tmp/creative_defi-install.lock
flock 9
make -s install >/dev/null
pg_virtualenv -v 15 scripts/docs-pictures.py docs/pictures 9>&-
git status --short docs/pictures
