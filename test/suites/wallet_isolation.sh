#!/usr/bin/env bash
# Wallet isolation: two wallets sign in through node-postgres as an
# application would (Sign-In with Ethereum messages built by the siwe
# package and by viem, signed by an ethers and a viem wallet) and each sees
# only its own rows, through the wallet_* views and every function the role
# creative_defi_wallet_app may execute (test/interop/wallet_isolation.mjs).
#
# Runs against the cluster in PGHOST/PGPORT/PGUSER/PGPASSWORD, in its own
# database.  Exit 0 passed, 77 skipped (node or the npm packages missing),
# 1 failed.
set -u
cd "$(dirname "$0")/../.."
. test/suites/lib/own_database.sh

if ! command -v node >/dev/null 2>&1; then
	echo "wallet_isolation: skipped: node is not installed (scripts/deps.sh installs it)"
	exit 77
fi
if [ ! -d test/interop/node_modules/siwe ]; then
	echo "wallet_isolation: skipped: test/interop/node_modules is missing or old (run scripts/deps.sh, which runs npm ci there)"
	exit 77
fi
in_own_database cd_wallet_isolation node test/interop/wallet_isolation.mjs
