#!/usr/bin/env bash
# Install whatever is missing for building and testing creative_defi on
# Debian 12: the one list of Debian packages, then the npm packages of the
# interop suite, the TypeScript client and the marketplace example (each
# pinned by its package-lock.json).  Idempotent: it only
# calls apt-get when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
	build-essential
	clang				# libFuzzer targets and the sanitized unit build
	postgresql-15
	postgresql-server-dev-15
	postgresql-contrib		# pgcrypto, the keccak benchmark's peer
	postgresql-15-pgtap
	libtap-parser-sourcehandler-pgtap-perl	# pg_prove
	libsecp256k1-dev
	libssl-dev
	nettle-dev			# Keccak-f[1600] permutation
	libgmp-dev
	libmpfr-dev
	debhelper			# make deb (dpkg-buildpackage, with dpkg-dev)
	postgresql-server-dev-all	# make deb: pg_buildext's dh sequence pgxs_loop
	python3-psycopg			# the Python client example (clients/python)
	chromium			# the marketplace's browser test (puppeteer-core drives it)
)
# Node.js for the interop suite: any install that provides node and npm
# will do (Debian's packages, or a nodesource build that bundles npm).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	DEBIAN_PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	echo "deps: all Debian packages present"
fi

for npm_dir in test/interop clients/typescript examples/marketplace; do
	[ -f $npm_dir/package-lock.json ] || continue
	if [ ! -d $npm_dir/node_modules ] || [ $npm_dir/package-lock.json -nt $npm_dir/node_modules/.package-lock.json ]; then
		echo "deps: npm ci in $npm_dir"
		(cd $npm_dir && npm ci --no-audit --no-fund --loglevel=error)
	fi
done
