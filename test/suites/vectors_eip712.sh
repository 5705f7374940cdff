#!/usr/bin/env bash
# EIP-712 vector suite: eip712_hash, eip712_hash_struct,
# eip712_domain_separator, eip712_recover and eip712_verify against
# the published vectors in test/vectors/ (sources in its README.md):
#   ethers-testcases-typed-data.json      130 random cases from ethers.js (digest,
#                                         and hashStruct = keccak256(encoded));
#                                         their types carry no EIP712Domain
#   eip712-mail.json                      the EIP's Mail example: digest, signer
#   eip712-v4-and-library-examples.json   eth-sig-util V4 and viem examples
# Prints per-file counts and "N passed, N failed"; exit 1 on any mismatch
# or missing file.
set -u
cd "$(dirname "$0")/../.."

. test/suites/lib/vectors.sh

# One row per check: file, case, check, result ('ok' or what went wrong).
run_vector_checks vectors_eip712 \
	ethers=ethers-testcases-typed-data.json \
	mail=eip712-mail.json \
	v4=eip712-v4-and-library-examples.json <<'SQL'
-- compare what an expression gives with the expected value; an error is a failure, not an abort
CREATE FUNCTION pg_temp.check_eq(expr text, expected text, td jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    got text;
BEGIN
    EXECUTE expr INTO got USING td;
    IF got IS NOT DISTINCT FROM expected THEN
        RETURN 'ok';
    END IF;
    RETURN format('got %s, expected %s', got, expected);
EXCEPTION WHEN OTHERS THEN
    RETURN format('error %s: %s', SQLSTATE, SQLERRM);
END
$$;
CREATE TEMP TABLE checks (file text, name text, what text, expr text, expected text, td jsonb);

-- ethers: message is "data"; digest and hashStruct(primaryType) = keccak256(encoded)
INSERT INTO checks
SELECT 'ethers-testcases-typed-data.json', c->>'name', 'digest',
       $q$SELECT '0x' || encode(eip712_hash($1), 'hex')$q$, c->>'digest',
       jsonb_build_object('types', c->'types', 'primaryType', c->'primaryType', 'domain', c->'domain', 'message', c->'data')
  FROM jsonb_array_elements(:'ethers'::jsonb) AS c
UNION ALL
SELECT 'ethers-testcases-typed-data.json', c->>'name', 'hashStruct',
       $q$SELECT encode(eip712_hash_struct($1->'types', $1->>'primaryType', $1->'message'), 'hex')$q$,
       encode(keccak256(decode(substr(c->>'encoded', 3), 'hex')), 'hex'),
       jsonb_build_object('types', c->'types', 'primaryType', c->'primaryType', 'message', c->'data')
  FROM jsonb_array_elements(:'ethers'::jsonb) AS c;

-- the EIP's Mail example: digest, recovered signer, verify
INSERT INTO checks
SELECT 'eip712-mail.json', 'Mail', 'digest',
       $q$SELECT '0x' || encode(eip712_hash($1->'typed_data'), 'hex')$q$, m->>'digest', m
  FROM (SELECT :'mail'::jsonb AS m) AS t
UNION ALL
SELECT 'eip712-mail.json', 'Mail', 'recover',
       $q$SELECT eip712_recover($1->'typed_data', decode(substr($1->>'signature', 3), 'hex'))::text$q$,
       (m->>'signer')::eth_address::text, m
  FROM (SELECT :'mail'::jsonb AS m) AS t
UNION ALL
SELECT 'eip712-mail.json', 'Mail', 'verify',
       $q$SELECT eip712_verify(($1->>'signer')::eth_address, $1->'typed_data', decode(substr($1->>'signature', 3), 'hex'))::text$q$,
       'true', m
  FROM (SELECT :'mail'::jsonb AS m) AS t;

-- eth-sig-util V4 and viem examples: every expected value the file gives that we compute
INSERT INTO checks
SELECT 'eip712-v4-and-library-examples.json', c->>'name', x.what, x.expr, x.expected, c
  FROM jsonb_array_elements((:'v4'::jsonb)->'cases') AS c,
  LATERAL (VALUES
    ('digest', $q$SELECT '0x' || encode(eip712_hash($1->'typedData'), 'hex')$q$, c->'expected'->>'digest'),
    ('digest_with_empty_domain',
     $q$SELECT '0x' || encode(eip712_hash(jsonb_set($1->'typedData', '{domain}', '{}')), 'hex')$q$,
     c->'expected'->>'digest_with_empty_domain'),
    ('domainSeparator',
     $q$SELECT '0x' || encode(eip712_domain_separator($1->'typedData'->'domain', $1->'typedData'->'types'), 'hex')$q$,
     c->'expected'->>'domainSeparator'),
    ('hashStruct_Mail',
     $q$SELECT '0x' || encode(eip712_hash_struct($1->'typedData'->'types', 'Mail', $1->'typedData'->'message'), 'hex')$q$,
     c->'expected'->>'hashStruct_Mail'),
    ('hashStruct_from',
     $q$SELECT '0x' || encode(eip712_hash_struct($1->'typedData'->'types', 'Person', $1->'typedData'->'message'->'from'), 'hex')$q$,
     c->'expected'->>'hashStruct_from'),
    ('typeHash_Mail', $q$SELECT '0x' || encode(keccak256($1->'expected'->>'encodeType_Mail'), 'hex')$q$,
     CASE WHEN c->'expected' ? 'encodeType_Mail' THEN c->'expected'->>'typeHash_Mail' END),
    ('recover',
     $q$SELECT eip712_recover($1->'typedData', decode(substr($1->'expected'->>'signature', 3), 'hex'))::text$q$,
     (c->'expected'->>'signer_address')::eth_address::text),
    ('verify',
     $q$SELECT eip712_verify(($1->'expected'->>'signer_address')::eth_address, $1->'typedData',
                             decode(substr($1->'expected'->>'signature', 3), 'hex'))::text$q$,
     CASE WHEN c->'expected' ? 'signature' THEN 'true' END)
  ) AS x(what, expr, expected)
 WHERE x.expected IS NOT NULL;

SELECT file, name, what, pg_temp.check_eq(expr, expected, td) FROM checks ORDER BY file, name, what;
SQL
