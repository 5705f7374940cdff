#!/usr/bin/env bash
# Sign-In with Ethereum (EIP-4361) vector suite: siwe_parse and siwe_verify
# against spruceid/siwe's published test vectors in test/vectors/ (sources
# in its README.md):
#   siwe-parsing-positive.json       19 messages: every field siwe_parse returns
#                                    equals the file's (times compared as instants)
#   siwe-parsing-negative.json       29 messages siwe_parse must refuse (22P02)
#   siwe-verification-positive.json  4 messages, built from their fields as the
#                                    siwe package's toMessage() writes them:
#                                    siwe_verify gives the address, at the file's
#                                    time (or now)
#   siwe-verification-negative.json  10 messages siwe_verify must refuse, each
#                                    with the SQLSTATE of its reason (below)
# Prints per-file counts and "N passed, N failed"; exit 1 on any mismatch
# or missing file.
set -u
cd "$(dirname "$0")/../.."

. test/suites/lib/vectors.sh

run_vector_checks vectors_siwe \
	parsing_positive=siwe-parsing-positive.json \
	parsing_negative=siwe-parsing-negative.json \
	verification_positive=siwe-verification-positive.json \
	verification_negative=siwe-verification-negative.json <<'SQL'
SET timezone = 'UTC';

\i test/suites/lib/vectors_outcome.sql

-- a message from the fields of a verification vector, as the siwe package's
-- toMessage() writes it (the ABNF's order; a statement between empty lines)
CREATE FUNCTION pg_temp.to_message(v jsonb) RETURNS text
LANGUAGE sql AS $$
    SELECT concat_ws(E'\n',
        coalesce(v->>'scheme' || '://', '') || (v->>'domain') || ' wants you to sign in with your Ethereum account:',
        v->>'address',
        '',
        CASE WHEN v ? 'statement' THEN (v->>'statement') || E'\n\n' ELSE E'\n' END || 'URI: ' || (v->>'uri'),
        'Version: ' || (v->>'version'),
        'Chain ID: ' || (v->>'chainId'),
        'Nonce: ' || (v->>'nonce'),
        'Issued At: ' || (v->>'issuedAt'),
        'Expiration Time: ' || (v->>'expirationTime'),
        'Not Before: ' || (v->>'notBefore'),
        'Request ID: ' || (v->>'requestId'),
        CASE WHEN v ? 'resources' THEN
            'Resources:' || (SELECT string_agg(E'\n- ' || r, '' ORDER BY i)
                               FROM jsonb_array_elements_text(v->'resources') WITH ORDINALITY AS t(r, i))
        END)
$$;

-- parsing, positive: the fields, as jsonb with the file's names, nulls left out
SELECT 'siwe-parsing-positive.json', c.key, 'fields',
       pg_temp.verdict(
           pg_temp.outcome(format($q$
               SELECT jsonb_strip_nulls(jsonb_build_object(
                   'scheme', m.scheme, 'domain', m.domain, 'address', m.address::text,
                   'statement', m.statement, 'uri', m.uri, 'version', m.version,
                   'chainId', m.chain_id, 'nonce', m.nonce, 'issuedAt', m.issued_at,
                   'expirationTime', m.expiration_time, 'notBefore', m.not_before,
                   'requestId', m.request_id, 'resources', to_jsonb(m.resources)))::text
                 FROM siwe_parse(%L) AS m$q$, c.value->>'message')),
           jsonb_strip_nulls((c.value->'fields') || jsonb_build_object(
               'issuedAt', (c.value->'fields'->>'issuedAt')::timestamptz,
               'expirationTime', (c.value->'fields'->>'expirationTime')::timestamptz,
               'notBefore', (c.value->'fields'->>'notBefore')::timestamptz))::text)
  FROM jsonb_each(:'parsing_positive'::jsonb) AS c
 ORDER BY c.key;

-- parsing, negative: refused as invalid input (22P02)
SELECT 'siwe-parsing-negative.json', c.key, 'refused',
       CASE WHEN o LIKE 'error 22P02:%' THEN 'ok' ELSE format('got %s, expected error 22P02', o) END
  FROM jsonb_each_text(:'parsing_negative'::jsonb) AS c,
       LATERAL pg_temp.outcome(format('SELECT siwe_parse(%L)::text', c.value)) AS o
 ORDER BY c.key;

-- verification, positive: the address, at the vector's time or now
SELECT 'siwe-verification-positive.json', c.key, 'address',
       pg_temp.verdict(
           pg_temp.outcome(format('SELECT siwe_verify(%L, %L, %L, %L, %L)::text',
               pg_temp.to_message(c.value), decode(substr(c.value->>'signature', 3), 'hex'),
               c.value->>'domain', c.value->>'nonce', coalesce((c.value->>'time')::timestamptz, now()))),
           (c.value->>'address')::eth_address::text)
  FROM jsonb_each(:'verification_positive'::jsonb) AS c
 ORDER BY c.key;

-- verification, negative: refused, for the reason the vector tests.  The
-- "malformed signature" has an odd number of hex digits: no bytea holds it,
-- so decode() refuses it (22023) before siwe_verify could.
SELECT 'siwe-verification-negative.json', c.key, 'refused ' || e.sqlstate,
       pg_temp.verdict(split_part(pg_temp.outcome(format(
           'SELECT siwe_verify(%L, decode(%L, ''hex''), %L, %L, %L)::text',
           pg_temp.to_message(c.value), substr(c.value->>'signature', 3),
           coalesce(c.value->>'domainBinding', c.value->>'domain'),
           coalesce(c.value->>'matchNonce', c.value->>'nonce'),
           coalesce((c.value->>'time')::timestamptz, now()))), ':', 1), 'error ' || e.sqlstate)
  FROM jsonb_each(:'verification_negative'::jsonb) AS c
  LEFT JOIN (VALUES ('expired message', 'CD072'), ('domain binding', 'CD070'), ('custom time', 'CD072'),
                    ('custom nonce', 'CD071'), ('malformed signature', '22023'), ('wrong signature', 'CD074'),
                    ('not yet valid', 'CD073'), ('invalid issuedAt', '22P02'), ('invalid notBefore', '22P02'),
                    ('invalid expirationTime', '22P02')) AS e(name, sqlstate) ON e.name = c.key
 ORDER BY c.key;
SQL
