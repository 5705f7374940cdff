#!/usr/bin/env bash
# DID vector suite: did:key and did:pkh against the specifications' test
# vectors in test/vectors/ (sources in its README.md):
#   did-test-vectors.json        did:key (w3c-ccg/did-method-key): 5 Ed25519 and
#                                5 secp256k1 keys: did_key_parse gives the key
#                                type and publicKeyBase58's bytes, and
#                                did_key_<type>(key) gives the DID back;
#                                did:pkh (w3c-ccg/did-pkh): 3 eip155 accounts:
#                                did_pkh_parse matches blockchainAccountId and
#                                did_pkh(address, chain_id) gives the DID back
#   rfc8032-ed25519-vectors.json each RFC 8032 signature verifies through
#                                ed25519_verify_did under its key's did:key,
#                                and not with one bit of it flipped
# Prints per-file counts and "N passed, N failed"; exit 1 on any mismatch
# or missing file.
set -u
cd "$(dirname "$0")/../.."

. test/suites/lib/vectors.sh

run_vector_checks vectors_did did=did-test-vectors.json rfc=rfc8032-ed25519-vectors.json <<'SQL'

\i test/suites/lib/vectors_outcome.sql
-- base58btc to bytes, independently of the extension's decoder (numeric arithmetic)
CREATE FUNCTION pg_temp.base58_decode(s text) RETURNS bytea
LANGUAGE plpgsql AS $$
DECLARE
    alphabet constant text := '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
    n numeric := 0;
    out bytea := '';
    i int;
BEGIN
    FOR i IN 1 .. length(s) LOOP
        n := n * 58 + (strpos(alphabet, substr(s, i, 1)) - 1);
    END LOOP;
    WHILE n > 0 LOOP
        out := set_byte('\x00'::bytea, 0, (n % 256)::int) || out;
        n := div(n, 256);
    END LOOP;
    RETURN decode(repeat('00', length(s) - length(ltrim(s, '1'))), 'hex') || out;
END
$$;

SELECT 'did-test-vectors.json', v->>'did', x.what, pg_temp.verdict(pg_temp.outcome(x.expr), x.expected)
  FROM jsonb_array_elements((:'did'::jsonb)->'did_key') AS v,
       LATERAL (SELECT CASE v->>'type' WHEN 'Ed25519VerificationKey2018' THEN 'Ed25519' ELSE 'secp256k1' END AS key_type,
                       pg_temp.base58_decode(v->>'publicKeyBase58') AS key) AS k,
       LATERAL (VALUES
           ('parse', format('SELECT row(key_type, pubkey)::text FROM did_key_parse(%L)', v->>'did'),
            row(k.key_type, k.key)::text),
           ('format', format('SELECT did_key_%s(%L)', lower(k.key_type), k.key), v->>'did')
       ) AS x(what, expr, expected)
UNION ALL
SELECT 'did-test-vectors.json', v->>'did', x.what, pg_temp.verdict(pg_temp.outcome(x.expr), x.expected)
  FROM jsonb_array_elements((:'did'::jsonb)->'did_pkh') AS v,
       LATERAL (VALUES
           ('parse', format($q$SELECT format('eip155:%%s:%%s', chain_id, lower(address::text)) FROM did_pkh_parse(%L)$q$, v->>'did'),
            v->>'blockchainAccountId'),
           ('format', format('SELECT did_pkh(address, chain_id) FROM did_pkh_parse(%L)', v->>'did'), v->>'did')
       ) AS x(what, expr, expected)
UNION ALL
SELECT 'rfc8032-ed25519-vectors.json', v->>'name', x.what, pg_temp.verdict(pg_temp.outcome(x.expr), x.expected)
  FROM jsonb_array_elements((:'rfc'::jsonb)->'vectors') AS v,
       LATERAL (VALUES
           ('verify by did:key', format('SELECT ed25519_verify_did(%L, %L, did_key_ed25519(%L))::text',
               decode(v->>'message', 'hex'), decode(v->>'signature', 'hex'), decode(v->>'public_key', 'hex')), 'true'),
           ('tampered', format('SELECT ed25519_verify_did(%L, %L, did_key_ed25519(%L))::text',
               decode(v->>'message', 'hex'),
               set_byte(decode(v->>'signature', 'hex'), 10, get_byte(decode(v->>'signature', 'hex'), 10) # 1),
               decode(v->>'public_key', 'hex')), 'false')
       ) AS x(what, expr, expected)
 ORDER BY 1, 2, 3;
SQL
