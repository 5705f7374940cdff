#!/usr/bin/env bash
# assemble-upgrade.sh IN: print the upgrade script to the unreleased
# default_version that sql-versions/creative_defi--X--Y.in.sql describes.
#
# Until Y is released its upgrade script is assembled, so that no SQL is
# written twice.  Directives, one a line, each naming a part of the install
# script (src/sql/NN_name.sql):
#   --@include PART
#       the part, whole: a part new since X
#   --@create PART KIND NAME
#       the part's CREATE KIND NAME statement and its COMMENT ON KIND NAME
#       (KIND: domain, table, view, trigger, index, function, ...): an
#       object new since X, or one dropped above to be made anew
#   --@replace PART FUNCTION
#       the part's CREATE FUNCTION statements of that name (every
#       overload) as CREATE OR REPLACE FUNCTION, and their COMMENT ON
#       FUNCTION: a function whose body changed since X, or a new one
#   --@detach PART FUNCTION
#       the same functions, with their SQL-standard body (BEGIN ATOMIC or
#       RETURN) replaced by a PL/pgSQL body that raises: the body no longer
#       depends on the columns it reads, so that ALTER TABLE ... ALTER
#       COLUMN ... TYPE may change them; a --@replace after the ALTER
#       brings the body back.  The function keeps its oid, and with it its
#       privileges, comment and the rows that name it (regprocedure).
# Every other line is copied as it is: the hand-written steps (ALTER TABLE,
# DROP of what changed shape).  The upgrade suite proves the result equal
# to a fresh install; releasing Y freezes the assembled script
# (scripts/freeze-release.sh).
set -euo pipefail
in=${1:?usage: assemble-upgrade.sh sql-versions/creative_defi--X--Y.in.sql}
cd "$(dirname "$0")/.."
die() { echo "assemble-upgrade: $in:$lineno: $*" >&2; exit 1; }
part_ok() {  # PART: an existing part of the install script
	[[ $1 =~ ^src/sql/[0-9][0-9]_[a-z0-9_]+\.sql$ && -f $1 ]] || die "no part $1 in src/sql/"
}

# statements PART START MODE: the part's statements whose first line begins
# with START (then a space, "(" or the line's end), each to the line that
# ends it: "END;" after a BEGIN ATOMIC line, otherwise a ";" at a line's
# end outside dollar quotes.  MODE replace: CREATE becomes CREATE OR
# REPLACE; detach: as replace, with the SQL-standard body cut off and a
# PL/pgSQL one that raises instead.  Exit status 3: no such statement; 4:
# one had no SQL-standard body to detach.
statements() {
	awk -v start="$2" -v mode="$3" '
		function starts(line,   c) {
			c = substr(line, length(start) + 1, 1)
			return index(line, start) == 1 && (c == "" || c == " " || c == "(")
		}
		!inside && starts($0) {
			inside = 1; quotes = 0; atomic = 0; found++
			if (mode != "as_is") sub(/^CREATE /, "CREATE OR REPLACE ")
		}
		inside && mode == "detach" {
			if ($0 ~ /^(BEGIN ATOMIC|RETURN )/) {
				name = start; sub(/^CREATE FUNCTION /, "", name)
				print "AS $detached$ BEGIN RAISE EXCEPTION '\''" name " is being upgraded'\''; END $detached$;"
				print ""
				inside = 0
				next
			}
			if ($0 ~ /(\$\$|;[ \t]*)$/) { no_body = 1; exit }
			sub(/LANGUAGE sql/, "LANGUAGE plpgsql")
			print
			next
		}
		inside {
			print
			if ($0 ~ /^BEGIN ATOMIC/) atomic = 1
			line = $0
			quotes += gsub(/\$[A-Za-z_]*\$/, "", line)
			if (atomic ? $0 ~ /^END;[ \t]*$/ : (quotes % 2 == 0 && $0 ~ /;[ \t]*$/)) { inside = 0; print "" }
		}
		END { exit no_body ? 4 : (found ? 0 : 3) }' "$1"
}

emit() {  # PART START MODE WHAT: the statements, or die naming WHAT
	local status=0
	statements "$1" "$2" "$3" || status=$?
	case $status in
	0) ;;
	3) die "no $4 in $1" ;;
	4) die "$4 in $1 has no SQL-standard body (BEGIN ATOMIC or RETURN) to detach" ;;
	*) die "reading $1 failed" ;;
	esac
}

lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	if [[ $line =~ ^--@include[[:space:]]+([^[:space:]]+)[[:space:]]*$ ]]; then
		part=${BASH_REMATCH[1]}
		part_ok "$part"
		echo "-- from $part"
		cat "$part"
	elif [[ $line =~ ^--@create[[:space:]]+([^[:space:]]+)[[:space:]]+([a-z]+)[[:space:]]+([a-z_][a-z0-9_]*)[[:space:]]*$ ]]; then
		part=${BASH_REMATCH[1]} kind=${BASH_REMATCH[2]^^} name=${BASH_REMATCH[3]}
		part_ok "$part"
		echo "-- from $part: ${kind,,} $name"
		emit "$part" "CREATE $kind $name" as_is "CREATE $kind $name"
		statements "$part" "COMMENT ON $kind $name" as_is || true
	elif [[ $line =~ ^--@(replace|detach)[[:space:]]+([^[:space:]]+)[[:space:]]+([a-z_][a-z0-9_]*)[[:space:]]*$ ]]; then
		mode=${BASH_REMATCH[1]} part=${BASH_REMATCH[2]} name=${BASH_REMATCH[3]}
		part_ok "$part"
		if [ "$mode" = replace ]; then
			echo "-- from $part: $name"
		else
			echo "-- from $part: $name, detached from the columns it reads"
		fi
		emit "$part" "CREATE FUNCTION $name" "$mode" "CREATE FUNCTION $name("
		[ "$mode" = detach ] || statements "$part" "COMMENT ON FUNCTION $name" as_is || true
	elif [[ $line == --@* ]]; then
		die "unknown directive: $line (--@include PART, --@create PART KIND NAME, --@replace or --@detach PART FUNCTION)"
	else
		printf '%s\n' "$line"
	fi
done < "$in"
