#!/usr/bin/env bash
# make deb: build the Debian package postgresql-15-creative-defi (debian/)
# from a clean copy of HEAD in build/deb/src, with dpkg-buildpackage, and
# leave the .deb files in build/.
#
# The copy is HEAD's tree as committed (git read-tree + checkout-index, not
# git archive, so that what .gitattributes export-ignores for the PGXN
# archive is still there): uncommitted changes are not in the package, and
# nothing of the work tree's own build (objects, build/) leaks into it.
# DEB_BUILD_OPTIONS gets nocheck: the build's own regression run
# (dh_pgxs_test) would repeat what test/suites/deb_package.sh runs against
# the installed package.  DEB_JOBS (default 2) is the build's parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/deb
commit=$(git rev-parse --verify HEAD)
rm -rf "$out"
mkdir -p "$out/src"
GIT_INDEX_FILE="$PWD/$out/index" git read-tree "$commit"
GIT_INDEX_FILE="$PWD/$out/index" git checkout-index --all --prefix="$out/src/"
rm -f "$out/index"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "deb: note: the work tree has uncommitted changes; the package is built from HEAD ($commit)"
fi

# a clean environment for the package's own make: nothing of the calling
# make's flags or jobserver
unset MAKEFLAGS MFLAGS MAKELEVEL
if ! (cd "$out/src" && DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -us -uc -b -j"${DEB_JOBS:-2}") >"$out/build.log" 2>&1; then
	tail -60 "$out/build.log"
	echo "deb: dpkg-buildpackage failed (whole log: $out/build.log)"
	exit 1
fi
rm -f build/postgresql-*-creative-defi*.deb
mv "$out"/*.deb build/
grep "^dpkg-deb: building package" "$out/build.log" | sed "s|'\.\./|'build/|"
echo "deb: built from $commit; log in $out/build.log"
