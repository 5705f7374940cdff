#!/usr/bin/env bash
# Security suite: the hostile cases of issue 14, run as unprivileged roles
# (a role with PUBLIC's rights only, and members of each of the
# extension's roles), each refusal asserted by its SQLSTATE
# (test/suites/security.sql lists them).  Then the checks that need a
# database of their own or the docs:
#   - CREATE EXTENSION refuses a pre-existing role of the extension that
#     has a special attribute or is a member of another role (42710);
#   - every function PUBLIC may execute is documented in docs/*.md.
# Prints "N passed, N failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.."

db=cd_security
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
psql -q -X -v ON_ERROR_STOP=1 -d "$db" -c 'CREATE EXTENSION creative_defi' || exit 1

out=$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" -f test/suites/security.sql 2>&1)
rc=$?
echo "$out" | grep -v '^passed:' 
passed=$(echo "$out" | grep -c '^passed:')
failed=$(echo "$out" | grep -c '^FAILED:')
[ $rc -eq 0 ] || failed=$((failed + 1))

# check NAME EXPECTED_SQLSTATE SQL...: run SQL in database $2 of its own
check_create() {
	local what=$1 want=$2 prep=$3 undo=$4 got
	dropdb --if-exists cd_security2 >/dev/null 2>&1
	createdb cd_security2 || return 1
	psql -q -X -d cd_security2 -c "$prep" >/dev/null 2>&1
	got=$(psql -X -q -d cd_security2 -v VERBOSITY=verbose -c 'CREATE EXTENSION creative_defi' 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): .*/\1/p')
	psql -q -X -d cd_security2 -c "$undo" >/dev/null 2>&1
	dropdb --if-exists cd_security2 >/dev/null 2>&1
	if [ "$got" = "$want" ]; then
		echo "passed: $what"; passed=$((passed + 1))
	else
		echo "FAILED: $what: expected SQLSTATE $want, got '${got:-none}'"; failed=$((failed + 1))
	fi
}
check_create "a pre-existing reader role that is a member of pg_read_all_data is refused" 42710 \
	'GRANT pg_read_all_data TO creative_defi_reader' 'REVOKE pg_read_all_data FROM creative_defi_reader'
check_create "a pre-existing app role that is a member of the operator role is refused" 42710 \
	'GRANT creative_defi_operator TO creative_defi_app' 'REVOKE creative_defi_operator FROM creative_defi_app'
check_create "a pre-existing operator role with LOGIN is refused" 42710 \
	'ALTER ROLE creative_defi_operator LOGIN' 'ALTER ROLE creative_defi_operator NOLOGIN'
check_create "a pre-existing wallet app role that is a member of the app role is refused" 42710 \
	'GRANT creative_defi_app TO creative_defi_wallet_app' 'REVOKE creative_defi_app FROM creative_defi_wallet_app'
check_create "a pre-existing wallet app role with BYPASSRLS is refused" 42710 \
	'ALTER ROLE creative_defi_wallet_app BYPASSRLS' 'ALTER ROLE creative_defi_wallet_app NOBYPASSRLS'
check_create "the same roles, plain, are reused" "" 'SELECT 1' 'SELECT 1'

# every function PUBLIC may execute is documented (by name) in docs/*.md
undocumented=$(psql -X -q -A -t -d "$db" -c "
    SELECT DISTINCT p.proname FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND a.grantee = 0
       AND p.proname !~ '_(in|out|recv|send|eq|ne|lt|le|gt|ge|cmp|hash|hash_extended|larger|smaller|transfn|finalfn)$'
     ORDER BY 1" | while read -r f; do
	grep -q -w -- "$f" docs/*.md || echo "$f"
done)
if [ -z "$undocumented" ]; then
	echo "passed: every function PUBLIC may execute is documented in docs/*.md"; passed=$((passed + 1))
else
	echo "FAILED: PUBLIC may execute functions that docs/*.md do not name: $(echo $undocumented)"; failed=$((failed + 1))
fi

dropdb --if-exists "$db" >/dev/null 2>&1
echo "security: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
