#!/usr/bin/env bash
# compare-extension-catalog.sh: are two installs of an extension the same,
# as the catalog describes them (scripts/extension-catalog.sql: members,
# definitions, owners, privileges, comments, the roles the privileges name)?
# Used by test/suites/upgrade.sh to compare an upgraded database with a
# fresh install, and for any release by hand.
#
#   compare-extension-catalog.sh [--data] [--extension NAME] A B
#       A and B: each a database name, or a file written by --describe.
#       Prints "same: ..." and exits 0; or names the objects that differ,
#       then a unified diff (- A, + B; each line led by its object), and
#       exits 1.  Exits 2 if a description cannot be made.
#   compare-extension-catalog.sh --describe [--data] [--extension NAME] DB
#       prints DB's description, to compare later (before the cluster's
#       roles change, for example)
#
# --data adds every row of the extension's tables and its sequences'
# state: for databases that hold no user data (the install script's own
# rows are then compared too).  --extension defaults to creative_defi.
# Connections use the PG* environment.  DIFF_LINES (default 400) bounds the
# diff printed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=creative_defi
data=off
describe_only=
while [ $# -gt 0 ]; do
	case $1 in
		--data) data=on ;;
		--describe) describe_only=1 ;;
		--extension) ext=$2; shift ;;
		-*) echo "compare-extension-catalog: unknown option $1" >&2; exit 2 ;;
		*) break ;;
	esac
	shift
done

describe() {  # DB
	psql -X -q -At -v ON_ERROR_STOP=1 -v ext="$ext" -v data="$data" -d "$1" -f "$here/extension-catalog.sql" || return 1
}

if [ -n "$describe_only" ]; then
	[ $# -eq 1 ] || { echo "usage: $0 --describe [--data] [--extension NAME] DB" >&2; exit 2; }
	out=$(describe "$1") || exit 2
	[ -n "$out" ] || { echo "compare-extension-catalog: extension $ext is not installed in $1" >&2; exit 2; }
	printf '%s\n' "$out"
	exit 0
fi
[ $# -eq 2 ] || { echo "usage: $0 [--data] [--extension NAME] A B   (each a database or a --describe file)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name_a=$1 name_b=$2
for side in a b; do
	src=$1
	shift
	if [ -f "$src" ]; then
		cp "$src" "$work/$side"
	else
		describe "$src" > "$work/$side" || { echo "compare-extension-catalog: cannot describe database $src" >&2; exit 2; }
	fi
	[ -s "$work/$side" ] || { echo "compare-extension-catalog: extension $ext is not in $src" >&2; exit 2; }
done

if diff -q "$work/a" "$work/b" >/dev/null; then
	echo "same: $ext in $name_a and $name_b ($(grep -c '' "$work/a") catalog lines$([ "$data" = on ] && echo ', data included'))"
	exit 0
fi
diff -u --label "$name_a" --label "$name_b" "$work/a" "$work/b" > "$work/diff"
grep '^[-+][^-+]' "$work/diff" | cut -c2- | sed 's/: .*//' | sort -u > "$work/objects"
echo "different: $ext in $name_a and $name_b; the objects that differ ($(grep -c '' "$work/objects")):"
head -50 "$work/objects" | sed 's/^/  /'
echo "diff (- $name_a, + $name_b):"
head -n "${DIFF_LINES:-400}" "$work/diff"
total=$(grep -c '' "$work/diff")
[ "$total" -le "${DIFF_LINES:-400}" ] || echo "... ($total diff lines in all)"
exit 1
