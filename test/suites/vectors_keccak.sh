#!/usr/bin/env bash
# Keccak-256 vector suite: keccak256(bytea) and keccak256(text) against the
# published vectors in test/vectors/ (sources in its README.md):
#   keccak256-vectors.json         NIST strings, 1,000,000 x 'a', inputs of
#                                  135, 136, 137 and 272 zero bytes around
#                                  the 136-byte rate, a selector, an event topic
#   ethers-testcases-hashes.json   ethers.js' 257 inputs (0 to 258 bytes)
# Prints per-file counts and "N passed, N failed"; exit 1 on any mismatch
# or missing file.
set -u
cd "$(dirname "$0")/../.."

. test/suites/lib/vectors.sh

# One row per check: file, case, check, result ('ok' or what went wrong).
run_vector_checks vectors_keccak \
	kv=keccak256-vectors.json \
	ethers=ethers-testcases-hashes.json <<'SQL'
CREATE TEMP TABLE checks (file text, name text, what text, got text, expected text);

-- keccak256-vectors.json describes each input in one of three ways
INSERT INTO checks
SELECT 'keccak256-vectors.json', coalesce(v->>'input_desc', v->>'input_utf8'), 'bytea',
       encode(creative_defi.keccak256(CASE
           WHEN v ? 'input_utf8' THEN convert_to(v->>'input_utf8', 'UTF8')
           WHEN v ? 'input_hex_len' THEN decode(repeat('00', (v->>'input_hex_len')::int), 'hex')
           WHEN v->>'input_desc' LIKE '%x ''a''%' THEN convert_to(repeat('a', (v->>'input_len')::int), 'UTF8')
       END), 'hex'),
       v->>'keccak256'
  FROM jsonb_array_elements((:'kv'::jsonb)->'vectors') AS v
UNION ALL
SELECT 'keccak256-vectors.json', v->>'input_utf8', 'text',
       encode(creative_defi.keccak256(v->>'input_utf8'), 'hex'), v->>'keccak256'
  FROM jsonb_array_elements((:'kv'::jsonb)->'vectors') AS v
 WHERE v ? 'input_utf8';

INSERT INTO checks
SELECT 'ethers-testcases-hashes.json', h->>'name', 'bytea',
       '0x' || encode(creative_defi.keccak256(decode(substr(h->>'data', 3), 'hex')), 'hex'),
       h->>'keccak256'
  FROM jsonb_array_elements(:'ethers'::jsonb) AS h;

SELECT file, name, what,
       CASE WHEN got IS NOT DISTINCT FROM expected THEN 'ok'
            ELSE format('got %s, expected %s', coalesce(got, 'NULL'), expected) END
  FROM checks ORDER BY file, name, what;
SQL
