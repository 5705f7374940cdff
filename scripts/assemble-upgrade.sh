#!/usr/bin/env bash
# assemble-upgrade.sh IN: print the upgrade script to the unreleased
# default_version that sql-versions/creative_defi--X--Y.in.sql describes.
#
# Until Y is released its upgrade script is assembled, so that no SQL is
# written twice.  Directives, one a line:
#   --@include src/sql/NN_name.sql
#       that part of the install script, whole: a part new since X
#   --@replace src/sql/NN_name.sql function_name
#       the part's CREATE FUNCTION statements of that name (every overload),
#       as CREATE OR REPLACE FUNCTION: a function whose body changed since X
# Every other line is copied as it is: the hand-written steps (ALTER TABLE,
# DROP of a function whose signature or result changed, comments).  The
# upgrade suite proves the result equal to a fresh install; releasing Y
# freezes the assembled script (scripts/freeze-release.sh).
set -euo pipefail
in=${1:?usage: assemble-upgrade.sh sql-versions/creative_defi--X--Y.in.sql}
cd "$(dirname "$0")/.."
die() { echo "assemble-upgrade: $in:$lineno: $*" >&2; exit 1; }
part_ok() {  # PART: an existing part of the install script
	[[ $1 =~ ^src/sql/[0-9][0-9]_[a-z0-9_]+\.sql$ && -f $1 ]] || die "no part $1 in src/sql/"
}

# A part's statements CREATE FUNCTION NAME(...): from that line to the line
# that ends the statement, a ";" at a line's end outside dollar quotes.
replace_function() {  # PART NAME
	awk -v name="$2" '
		!inside && index($0, "CREATE FUNCTION " name "(") == 1 {
			inside = 1; quotes = 0; found++
			sub(/^CREATE FUNCTION /, "CREATE OR REPLACE FUNCTION ")
		}
		inside {
			print
			line = $0
			quotes += gsub(/\$[A-Za-z_]*\$/, "", line)
			if (quotes % 2 == 0 && $0 ~ /;[ \t]*$/) { inside = 0; print "" }
		}
		END { exit found ? 0 : 3 }' "$1"
}

lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	if [[ $line =~ ^--@include[[:space:]]+([^[:space:]]+)[[:space:]]*$ ]]; then
		part=${BASH_REMATCH[1]}
		part_ok "$part"
		echo "-- from $part"
		cat "$part"
	elif [[ $line =~ ^--@replace[[:space:]]+([^[:space:]]+)[[:space:]]+([a-z_][a-z0-9_]*)[[:space:]]*$ ]]; then
		part=${BASH_REMATCH[1]} name=${BASH_REMATCH[2]}
		part_ok "$part"
		echo "-- from $part: $name"
		replace_function "$part" "$name" || die "no CREATE FUNCTION $name( in $part"
	elif [[ $line == --@* ]]; then
		die "unknown directive: $line (--@include src/sql/NN_name.sql, --@replace src/sql/NN_name.sql function_name)"
	else
		printf '%s\n' "$line"
	fi
done < "$in"
