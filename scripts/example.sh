#!/usr/bin/env bash
# make example: the reference marketplace (examples/marketplace) on a
# throwaway cluster with demo data: install what is missing, build and
# install the extension, build the TypeScript client, then start the
# marketplace's server in a pg_virtualenv cluster and print its URL.  The
# demo collector (the browser test's key, test/collector.mjs) is funded;
# any EIP-1193 wallet (MetaMask) can connect and sign, and a fresh account
# gets the words "Not enough funds" until someone deposits for it.  Stop it
# with Ctrl-C; the cluster goes with it.  MARKETPLACE_PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
echo "== build and install"
make -s -j2 all >/dev/null
(cd clients/typescript && node_modules/.bin/tsc -p tsconfig.json)
exec 9>/tmp/creative_defi-install.lock
flock 9
make -s install >/dev/null
flock -u 9
# shellcheck disable=SC2016
pg_virtualenv -v 15 bash -c '
	createdb cd_marketplace && psql -q -X -d cd_marketplace -c "CREATE EXTENSION creative_defi" || exit 1
	PGDATABASE=cd_marketplace exec node examples/marketplace/server.mjs --port "${MARKETPLACE_PORT:-8080}" \
		--seed "$(node examples/marketplace/test/collector.mjs)"' 9>&-
