-- Signature functions in the catalog: they exist, return what the docs say,
-- and are IMMUTABLE, STRICT and PARALLEL SAFE (pure functions of their bytes)
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(67);

SELECT has_function('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'ecrecover(bytea, bytea) exists');
SELECT function_returns('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'eth_address', 'ecrecover(bytea, bytea) returns eth_address');
SELECT volatility_is('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'immutable', 'ecrecover(bytea, bytea) is immutable');
SELECT is_strict('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'ecrecover(bytea, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.ecrecover(bytea, bytea)'::regprocedure), 's'::"char", 'ecrecover(bytea, bytea) is parallel safe');
SELECT has_function('creative_defi', 'secp256k1_verify', ARRAY['bytea', 'bytea', 'bytea', 'boolean'], 'secp256k1_verify(bytea, bytea, bytea, boolean) exists');
SELECT function_returns('creative_defi', 'secp256k1_verify', ARRAY['bytea', 'bytea', 'bytea', 'boolean'], 'boolean', 'secp256k1_verify(bytea, bytea, bytea, boolean) returns boolean');
SELECT volatility_is('creative_defi', 'secp256k1_verify', ARRAY['bytea', 'bytea', 'bytea', 'boolean'], 'immutable', 'secp256k1_verify(bytea, bytea, bytea, boolean) is immutable');
SELECT is_strict('creative_defi', 'secp256k1_verify', ARRAY['bytea', 'bytea', 'bytea', 'boolean'], 'secp256k1_verify(bytea, bytea, bytea, boolean) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.secp256k1_verify(bytea, bytea, bytea, boolean)'::regprocedure), 's'::"char", 'secp256k1_verify(bytea, bytea, bytea, boolean) is parallel safe');
SELECT has_function('creative_defi', 'eth_message_hash', ARRAY['bytea'], 'eth_message_hash(bytea) exists');
SELECT function_returns('creative_defi', 'eth_message_hash', ARRAY['bytea'], 'bytea', 'eth_message_hash(bytea) returns bytea');
SELECT volatility_is('creative_defi', 'eth_message_hash', ARRAY['bytea'], 'immutable', 'eth_message_hash(bytea) is immutable');
SELECT is_strict('creative_defi', 'eth_message_hash', ARRAY['bytea'], 'eth_message_hash(bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_message_hash(bytea)'::regprocedure), 's'::"char", 'eth_message_hash(bytea) is parallel safe');
SELECT has_function('creative_defi', 'eth_message_hash', ARRAY['text'], 'eth_message_hash(text) exists');
SELECT function_returns('creative_defi', 'eth_message_hash', ARRAY['text'], 'bytea', 'eth_message_hash(text) returns bytea');
SELECT volatility_is('creative_defi', 'eth_message_hash', ARRAY['text'], 'immutable', 'eth_message_hash(text) is immutable');
SELECT is_strict('creative_defi', 'eth_message_hash', ARRAY['text'], 'eth_message_hash(text) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_message_hash(text)'::regprocedure), 's'::"char", 'eth_message_hash(text) is parallel safe');
SELECT has_function('creative_defi', 'eth_recover_message', ARRAY['bytea', 'bytea'], 'eth_recover_message(bytea, bytea) exists');
SELECT function_returns('creative_defi', 'eth_recover_message', ARRAY['bytea', 'bytea'], 'eth_address', 'eth_recover_message(bytea, bytea) returns eth_address');
SELECT volatility_is('creative_defi', 'eth_recover_message', ARRAY['bytea', 'bytea'], 'immutable', 'eth_recover_message(bytea, bytea) is immutable');
SELECT is_strict('creative_defi', 'eth_recover_message', ARRAY['bytea', 'bytea'], 'eth_recover_message(bytea, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_recover_message(bytea, bytea)'::regprocedure), 's'::"char", 'eth_recover_message(bytea, bytea) is parallel safe');
SELECT has_function('creative_defi', 'eth_recover_message', ARRAY['text', 'bytea'], 'eth_recover_message(text, bytea) exists');
SELECT function_returns('creative_defi', 'eth_recover_message', ARRAY['text', 'bytea'], 'eth_address', 'eth_recover_message(text, bytea) returns eth_address');
SELECT volatility_is('creative_defi', 'eth_recover_message', ARRAY['text', 'bytea'], 'immutable', 'eth_recover_message(text, bytea) is immutable');
SELECT is_strict('creative_defi', 'eth_recover_message', ARRAY['text', 'bytea'], 'eth_recover_message(text, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_recover_message(text, bytea)'::regprocedure), 's'::"char", 'eth_recover_message(text, bytea) is parallel safe');
SELECT has_function('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'bytea', 'bytea'], 'eth_verify_message(eth_address, bytea, bytea) exists');
SELECT function_returns('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'bytea', 'bytea'], 'boolean', 'eth_verify_message(eth_address, bytea, bytea) returns boolean');
SELECT volatility_is('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'bytea', 'bytea'], 'immutable', 'eth_verify_message(eth_address, bytea, bytea) is immutable');
SELECT is_strict('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'bytea', 'bytea'], 'eth_verify_message(eth_address, bytea, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_verify_message(eth_address, bytea, bytea)'::regprocedure), 's'::"char", 'eth_verify_message(eth_address, bytea, bytea) is parallel safe');
SELECT has_function('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'text', 'bytea'], 'eth_verify_message(eth_address, text, bytea) exists');
SELECT function_returns('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'text', 'bytea'], 'boolean', 'eth_verify_message(eth_address, text, bytea) returns boolean');
SELECT volatility_is('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'text', 'bytea'], 'immutable', 'eth_verify_message(eth_address, text, bytea) is immutable');
SELECT is_strict('creative_defi', 'eth_verify_message', ARRAY['eth_address', 'text', 'bytea'], 'eth_verify_message(eth_address, text, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.eth_verify_message(eth_address, text, bytea)'::regprocedure), 's'::"char", 'eth_verify_message(eth_address, text, bytea) is parallel safe');
SELECT has_function('creative_defi', 'schnorr_verify', ARRAY['bytea', 'bytea', 'bytea'], 'schnorr_verify(bytea, bytea, bytea) exists');
SELECT function_returns('creative_defi', 'schnorr_verify', ARRAY['bytea', 'bytea', 'bytea'], 'boolean', 'schnorr_verify(bytea, bytea, bytea) returns boolean');
SELECT volatility_is('creative_defi', 'schnorr_verify', ARRAY['bytea', 'bytea', 'bytea'], 'immutable', 'schnorr_verify(bytea, bytea, bytea) is immutable');
SELECT is_strict('creative_defi', 'schnorr_verify', ARRAY['bytea', 'bytea', 'bytea'], 'schnorr_verify(bytea, bytea, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.schnorr_verify(bytea, bytea, bytea)'::regprocedure), 's'::"char", 'schnorr_verify(bytea, bytea, bytea) is parallel safe');
SELECT has_function('creative_defi', 'ed25519_verify', ARRAY['bytea', 'bytea', 'bytea'], 'ed25519_verify(bytea, bytea, bytea) exists');
SELECT function_returns('creative_defi', 'ed25519_verify', ARRAY['bytea', 'bytea', 'bytea'], 'boolean', 'ed25519_verify(bytea, bytea, bytea) returns boolean');
SELECT volatility_is('creative_defi', 'ed25519_verify', ARRAY['bytea', 'bytea', 'bytea'], 'immutable', 'ed25519_verify(bytea, bytea, bytea) is immutable');
SELECT is_strict('creative_defi', 'ed25519_verify', ARRAY['bytea', 'bytea', 'bytea'], 'ed25519_verify(bytea, bytea, bytea) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.ed25519_verify(bytea, bytea, bytea)'::regprocedure), 's'::"char", 'ed25519_verify(bytea, bytea, bytea) is parallel safe');
SELECT has_function('creative_defi', 'merkle_verify', ARRAY['bytea', 'bytea', 'bytea[]'], 'merkle_verify(bytea, bytea, bytea[]) exists');
SELECT function_returns('creative_defi', 'merkle_verify', ARRAY['bytea', 'bytea', 'bytea[]'], 'boolean', 'merkle_verify(bytea, bytea, bytea[]) returns boolean');
SELECT volatility_is('creative_defi', 'merkle_verify', ARRAY['bytea', 'bytea', 'bytea[]'], 'immutable', 'merkle_verify(bytea, bytea, bytea[]) is immutable');
SELECT is_strict('creative_defi', 'merkle_verify', ARRAY['bytea', 'bytea', 'bytea[]'], 'merkle_verify(bytea, bytea, bytea[]) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.merkle_verify(bytea, bytea, bytea[])'::regprocedure), 's'::"char", 'merkle_verify(bytea, bytea, bytea[]) is parallel safe');
SELECT has_function('creative_defi', 'merkle_root', ARRAY['bytea[]'], 'merkle_root(bytea[]) exists');
SELECT function_returns('creative_defi', 'merkle_root', ARRAY['bytea[]'], 'bytea', 'merkle_root(bytea[]) returns bytea');
SELECT volatility_is('creative_defi', 'merkle_root', ARRAY['bytea[]'], 'immutable', 'merkle_root(bytea[]) is immutable');
SELECT is_strict('creative_defi', 'merkle_root', ARRAY['bytea[]'], 'merkle_root(bytea[]) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.merkle_root(bytea[])'::regprocedure), 's'::"char", 'merkle_root(bytea[]) is parallel safe');
SELECT has_function('creative_defi', 'merkle_proof', ARRAY['bytea[]', 'integer'], 'merkle_proof(bytea[], integer) exists');
SELECT function_returns('creative_defi', 'merkle_proof', ARRAY['bytea[]', 'integer'], 'bytea[]', 'merkle_proof(bytea[], integer) returns bytea[]');
SELECT volatility_is('creative_defi', 'merkle_proof', ARRAY['bytea[]', 'integer'], 'immutable', 'merkle_proof(bytea[], integer) is immutable');
SELECT is_strict('creative_defi', 'merkle_proof', ARRAY['bytea[]', 'integer'], 'merkle_proof(bytea[], integer) is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.merkle_proof(bytea[], integer)'::regprocedure), 's'::"char", 'merkle_proof(bytea[], integer) is parallel safe');

-- secp256k1_verify's allow_high_s defaults to false (low-S, as Bitcoin and Ethereum demand)
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.secp256k1_verify(bytea, bytea, bytea, boolean)'::regprocedure),
          'false', 'allow_high_s defaults to false');
SELECT is((SELECT proargnames FROM pg_proc
            WHERE oid = 'creative_defi.merkle_proof(bytea[], integer)'::regprocedure),
          ARRAY['leaves', 'index']::text[], 'merkle_proof takes (leaves, index)');

SELECT * FROM finish();
ROLLBACK;
