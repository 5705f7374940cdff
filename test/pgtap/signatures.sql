-- Signature functions in the catalog: they exist, return what the docs say,
-- and are IMMUTABLE, STRICT and PARALLEL SAFE (pure functions of their bytes)
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(67);

\ir ../shared/catalog_checks.sql
SELECT c FROM (VALUES
    ('ecrecover', ARRAY['bytea', 'bytea'], 'eth_address'),
    ('secp256k1_verify', ARRAY['bytea', 'bytea', 'bytea', 'boolean'], 'boolean'),
    ('eth_message_hash', ARRAY['bytea'], 'bytea'),
    ('eth_message_hash', ARRAY['text'], 'bytea'),
    ('eth_recover_message', ARRAY['bytea', 'bytea'], 'eth_address'),
    ('eth_recover_message', ARRAY['text', 'bytea'], 'eth_address'),
    ('eth_verify_message', ARRAY['eth_address', 'bytea', 'bytea'], 'boolean'),
    ('eth_verify_message', ARRAY['eth_address', 'text', 'bytea'], 'boolean'),
    ('schnorr_verify', ARRAY['bytea', 'bytea', 'bytea'], 'boolean'),
    ('ed25519_verify', ARRAY['bytea', 'bytea', 'bytea'], 'boolean'),
    ('merkle_verify', ARRAY['bytea', 'bytea', 'bytea[]'], 'boolean'),
    ('merkle_root', ARRAY['bytea[]'], 'bytea'),
    ('merkle_proof', ARRAY['bytea[]', 'integer'], 'bytea[]')
  ) AS f(fn, args, result), pg_temp.pure_function_checks(f.fn, f.args, f.result) AS c;

-- secp256k1_verify's allow_high_s defaults to false (low-S, as Bitcoin and Ethereum demand)
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.secp256k1_verify(bytea, bytea, bytea, boolean)'::regprocedure),
          'false', 'allow_high_s defaults to false');
SELECT is((SELECT proargnames FROM pg_proc
            WHERE oid = 'creative_defi.merkle_proof(bytea[], integer)'::regprocedure),
          ARRAY['leaves', 'index']::text[], 'merkle_proof takes (leaves, index)');

SELECT * FROM finish();
ROLLBACK;
