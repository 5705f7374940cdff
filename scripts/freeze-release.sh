#!/usr/bin/env bash
# freeze-release.sh VERSION (make freeze-release VERSION=x.y.z): keep the
# install script built from src/sql/ as release VERSION's, frozen in
# sql-versions/creative_defi--VERSION.sql, which make install installs next
# to the script of default_version (unreleased, built from the parts) and
# the upgrade scripts.
#
# Releasing x.y.z: set default_version in creative_defi.control to the next
# version, run this, date x.y.z in CHANGELOG.md.  Until the CHANGELOG dates
# it, x.y.z can be frozen again (after more changes to src/sql/); once
# dated, this refuses: a released install script never changes.
#
# It freezes the upgrade scripts to VERSION, assembled until now from their
# .in.sql (scripts/assemble-upgrade.sh), and writes the source of the
# upgrade script from VERSION to default_version when there is none
# (comment-only: the two are the same SQL at this point), warning when an
# existing one holds statements.
set -euo pipefail
cd "$(dirname "$0")/.."
ext=creative_defi
die() { echo "freeze-release: $*" >&2; exit 1; }

version=${1:-}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "usage: make freeze-release VERSION=x.y.z"
default=$(sed -n "s/^default_version = '\(.*\)'/\1/p" $ext.control)
[ "$version" != "$default" ] ||
	die "$version is default_version in $ext.control, the unreleased version built from src/sql/; set default_version to the next version first"
[ "$(printf '%s\n' "$version" "$default" | sort -V | tail -1)" = "$default" ] ||
	die "$version is newer than default_version $default"
newest=$( (ls sql-versions/ 2>/dev/null || true) | sed -n "s/^$ext--\([0-9.]*\)\.sql$/\1/p" | sort -V | tail -1)
if [ -n "$newest" ] && [ "$(printf '%s\n' "$version" "$newest" | sort -V | tail -1)" != "$version" ]; then
	die "release $newest is frozen already; only the newest release can be frozen"
fi
grep -q "^## $version (unreleased)" CHANGELOG.md ||
	die "CHANGELOG.md has no heading '## $version (unreleased)': a released install script is never frozen again"

built=$ext--$default.sql
make -s "$built"
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src/sql || commit="$commit with uncommitted changes"
frozen=sql-versions/$ext--$version.sql
mkdir -p sql-versions
{
	echo "-- $ext $version install script, frozen by scripts/freeze-release.sh from"
	echo "-- src/sql/ at commit $commit.  Never edit it: a released version's"
	echo "-- objects stay as they were; later changes go into upgrade scripts."
	cat "$built"
} > "$frozen"
echo "freeze-release: $frozen ($(grep -c '' "$frozen") lines, from src/sql/ at commit $commit)"

# The upgrade scripts to VERSION were assembled from their .in.sql while
# VERSION was unreleased: freeze them too (the .in.sql stays as their source).
for source in sql-versions/$ext--*--$version.in.sql; do
	[ -e "$source" ] || continue
	out=${source%.in.sql}.sql
	scripts/assemble-upgrade.sh "$source" > "$out"
	echo "freeze-release: $out (assembled from $source)"
done

upgrade=sql-versions/$ext--$version--$default.in.sql
if [ ! -e "$upgrade" ]; then
	cat > "$upgrade" <<EOF
-- $ext upgrade from $version to $default, assembled by
-- scripts/assemble-upgrade.sh into $ext--$version--$default.sql: the
-- hand-written steps (tables, and DROP of what changed shape) stand here;
-- "--@include src/sql/NN_name.sql" brings in a part of the install script
-- whole (a new area); "--@replace src/sql/NN_name.sql function_name" brings
-- in that function as CREATE OR REPLACE (a body that changed).
-- ALTER EXTENSION $ext UPDATE must give what CREATE EXTENSION
-- gives (test/suites/upgrade.sh compares the two from the catalog).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\\echo Use "ALTER EXTENSION $ext UPDATE TO '$default'" to load this file. \\quit
EOF
	echo "freeze-release: $upgrade written (no statements yet)"
elif grep -v '^[[:space:]]*--' "$upgrade" | grep -v '^\\echo' | grep -q '[^[:space:]]'; then
	echo "freeze-release: warning: $upgrade holds statements, but $frozen is now the same SQL as src/sql/; review it" >&2
fi
