#!/usr/bin/env bash
# deb_package: the Debian package (debian/, make deb) installs with dpkg and
# passes the regression suite from its installed files.
#
#   build     make deb: postgresql-15-creative-defi from a clean copy of
#             HEAD (build/deb/src).  Its Depends must name the package of
#             every shared library the packaged module links (libsecp256k1,
#             nettle, GMP, MPFR and OpenSSL's libcrypto among them, read
#             from the module with readelf) and postgresql-15, and nothing
#             used only to build it (no -dev package, compiler or debhelper)
#   install   dpkg -i; dpkg --verify: the files in PostgreSQL's directories
#             are the package's
#   regress   a fresh cluster of the suite's own (bench/lib/private_cluster.sh)
#             and make installcheck of the clean copy against it: pg_regress
#             over its sql/ and expected/ and the isolation specs, the ones
#             the package was built from; CREATE EXTENSION reads the packaged
#             control file and script and loads the packaged module
#   upgrade   each released install script in the package (0.1.0, ...):
#             CREATE EXTENSION ... VERSION it, ALTER EXTENSION UPDATE,
#             which must reach the default version
#   remove    dpkg --purge, and the creative_defi files that were in those
#             directories before (a make install) put back as they were, so
#             that the suites after this one, and make install, find them
#
# PostgreSQL's directories are shared by every work tree: installing,
# testing and removing happen under /tmp/creative_defi-install.lock, which
# make test already holds (it sets CD_INSTALL_LOCK_HELD=1); run alone, the
# suite takes the lock itself.  Installing a package needs root: as another
# user the suite skips (exit 77); CI runs as root.
set -euo pipefail
cd "$(dirname "$0")/../.."

package=postgresql-15-creative-defi
PG_CONFIG_15=/usr/lib/postgresql/15/bin/pg_config
pkglibdir=$($PG_CONFIG_15 --pkglibdir)
extdir=$($PG_CONFIG_15 --sharedir)/extension
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" creative_defi.control)
# the package's version is debian/changelog's: the extension's default
# version, or a pre-release of it (0.2.0~dev sorts before 0.2.0)
debversion=$(dpkg-parsechangelog -l debian/changelog -S Version)

if [ "$(id -u)" -ne 0 ]; then
	echo "deb_package: skipped: installing the package with dpkg needs root (CI runs as root)"
	exit 77
fi
fail() {
	echo "deb_package: FAILED: $*"
	exit 1
}

case $debversion in
	"$version" | "$version~"*) ;;
	*) fail "debian/changelog's version $debversion is not creative_defi.control's default_version $version (or $version~...)" ;;
esac

# --- build
make -s deb
deb=build/${package}_${debversion}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "make deb left no $deb"

work=$(mktemp -d)
dpkg-deb -x "$deb" "$work/unpacked"
for f in "$pkglibdir/creative_defi.so" "$extdir/creative_defi.control" "$extdir/creative_defi--$version.sql"; do
	[ -f "$work/unpacked$f" ] || fail "the package has no $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# the package names in Depends, without versions and alternatives' bars
dep_names=" $(echo "$depends" | sed 's/([^)]*)//g; s/[,|]/ /g' | tr -s ' ') "
needed=$(readelf -d "$work/unpacked$pkglibdir/creative_defi.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for lib in libsecp256k1.so libcrypto.so libnettle.so libgmp.so libmpfr.so; do
	echo "$needed" | grep -q "^$lib\." || fail "the module does not link $lib (NEEDED: $(echo $needed))"
done
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for soname in $needed; do
	owner=$(dpkg -S "/usr/lib/$multiarch/$soname" "/lib/$multiarch/$soname" 2>/dev/null | head -1 | cut -d: -f1) ||
		true
	[ -n "$owner" ] || fail "no installed package holds $soname, which the module links"
	[[ "$dep_names" == *" $owner "* ]] || fail "Depends lacks $owner, which holds $soname"
done
[[ "$dep_names" == *" postgresql-15 "* ]] || fail "Depends lacks postgresql-15"
for name in $dep_names; do
	case $name in
		*-dev | *-dev-* | debhelper* | dh-* | dpkg-dev | build-essential | gcc* | clang* | make)
			fail "Depends names $name, which only the build needs" ;;
	esac
done
echo "build: $deb; Depends has the package of each of $(echo "$needed" | wc -l) linked libraries and postgresql-15, nothing of the build"

# --- install, under the lock
if [ "${CD_INSTALL_LOCK_HELD:-}" != 1 ]; then
	exec 9>/tmp/creative_defi-install.lock
	if ! flock -n 9; then
		echo "deb_package: waiting for /tmp/creative_defi-install.lock (quick-db.sh holds it for its whole run: run this suite directly)"
		flock -w 1800 9 || fail "the install lock stayed busy for 30 minutes"
	fi
fi
# what a make install left in the shared directories, to put back afterwards
(cd / && find "${pkglibdir#/}" "${extdir#/}" -maxdepth 2 -name 'creative_defi*' -print0 |
	tar --null -T - -cf "$work/before.tar")
before=$(tar -tf "$work/before.tar" | wc -l)

CLUSTER_PREFIX=cd_deb_cluster
# shellcheck source=bench/lib/private_cluster.sh
. bench/lib/private_cluster.sh
cleanup() {
	set +e
	[ -n "${cluster_data:-}" ] && private_cluster_stop
	[ -n "${cluster_work:-}" ] && rm -rf "$cluster_work"
	if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$\|half'; then
		dpkg --purge "$package" >/dev/null || echo "deb_package: dpkg --purge $package failed"
	fi
	tar -C / -xf "$work/before.tar" || echo "deb_package: could not put back the files of $work/before.tar"
	echo "remove: $package purged, $before files of the earlier install put back"
	rm -rf "$work"
}
trap cleanup EXIT

dpkg -i "$deb" | sed 's/^/  /'
[ "$(dpkg-query -W -f='${Status}' "$package")" = "install ok installed" ] || fail "$package is not installed after dpkg -i"
verify=$(dpkg --verify "$package" 2>&1) || true
[ -z "$verify" ] || fail "dpkg --verify $package: $verify"
owner=$(dpkg -S "$pkglibdir/creative_defi.so" | cut -d: -f1)
[ "$owner" = "$package" ] || fail "$pkglibdir/creative_defi.so belongs to $owner"
echo "install: $package $(dpkg-query -W -f='${Version}' "$package") installed, its files verified in place"

# --- the regression suite of the clean copy, in a fresh cluster
private_cluster_init -c fsync=off 9>&-
trap cleanup EXIT  # private_cluster_init set its own; cleanup stops the cluster too
if ! make -s -C build/deb/src installcheck PG_CONFIG=$PG_CONFIG_15; then
	[ -f build/deb/src/regression.diffs ] && head -c 20000 build/deb/src/regression.diffs
	fail "make installcheck against the installed package"
fi
loaded=$(psql -X -At -d contrib_regression -c "SELECT installed_version FROM pg_available_extensions WHERE name = 'creative_defi'")
[ "$loaded" = "$version" ] || fail "contrib_regression has creative_defi ${loaded:-not installed}, not $version"
echo "regress: the regression suite and the isolation specs pass against $package $version"

# --- every released version's packaged script upgrades to the default one
for script in "$work/unpacked$extdir"/creative_defi--*.sql; do
	from=$(basename "$script" .sql | sed -n 's/^creative_defi--\([^-]*\)$/\1/p')
	[ -n "$from" ] && [ "$from" != "$version" ] || continue
	db=cd_deb_from_${from//./_}
	createdb "$db" 9>&-
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
		-c "CREATE EXTENSION creative_defi VERSION '$from'" \
		-c "ALTER EXTENSION creative_defi UPDATE" 9>&- ||
		fail "CREATE EXTENSION creative_defi VERSION '$from' then ALTER EXTENSION UPDATE from the packaged files"
	now=$(psql -X -At -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'creative_defi'" 9>&-)
	[ "$now" = "$version" ] || fail "after ALTER EXTENSION UPDATE from $from: version $now, not $version"
	echo "upgrade: the packaged $from script updates to $version"
done
