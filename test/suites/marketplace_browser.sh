#!/usr/bin/env bash
# The reference marketplace (examples/marketplace, docs/clients.md) in a real
# browser: its server on a database of its own with the demo works, then
# Debian's Chromium, headless, driven by puppeteer-core with an injected
# EIP-1193 test wallet: load, quote, sign, buy, see the holding and the
# trade appear, and a refusal shown in words.  The screenshot is kept in
# build/marketplace.png.
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER/PGPASSWORD.  Exit 0
# passed, 77 skipped (node, chromium or the npm packages missing), 1 failed.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
market=examples/marketplace
for need in node chromium; do
	if ! command -v $need >/dev/null 2>&1; then
		echo "marketplace_browser: skipped: $need is not installed (scripts/deps.sh installs it)"
		exit 77
	fi
done
for dir in clients/typescript $market; do
	if [ ! -d $dir/node_modules ]; then
		echo "marketplace_browser: skipped: $dir/node_modules is missing (run scripts/deps.sh, which runs npm ci there)"
		exit 77
	fi
done
(cd clients/typescript && node_modules/.bin/tsc -p tsconfig.json) || { echo "marketplace_browser: tsc failed"; exit 1; }
mkdir -p build

# shellcheck source=test/suites/lib/own_database.sh
. test/suites/lib/own_database.sh

browse() {
	local log url pid rc
	log=$(mktemp)
	node $market/server.mjs --port 0 --seed "$(node $market/test/collector.mjs)" >"$log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		url=$(sed -n 's/^marketplace: \(http:[^ ]*\)$/\1/p' "$log")
		[ -n "$url" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$url" ]; then
		cat "$log"; kill $pid 2>/dev/null; rm -f "$log"; return 1
	fi
	echo "marketplace_browser: server at $url"
	(cd $market && MARKETPLACE_SCREENSHOT="$ROOT/build/marketplace.png" node test/browser.mjs "$url")
	rc=$?
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ $rc -eq 0 ] || cat "$log"
	rm -f "$log"
	return $rc
}
in_own_database cd_marketplace browse
