-- Signature functions in the catalog: they exist, return what the docs say,
-- and are IMMUTABLE, STRICT and PARALLEL SAFE (pure functions of their bytes)
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(5);

SELECT has_function('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'ecrecover(digest, signature) exists');
SELECT function_returns('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'eth_address', 'ecrecover returns eth_address');
SELECT volatility_is('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'immutable', 'ecrecover is immutable');
SELECT is_strict('creative_defi', 'ecrecover', ARRAY['bytea', 'bytea'], 'ecrecover is strict');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'creative_defi.ecrecover(bytea, bytea)'::regprocedure), 's'::"char",
          'ecrecover is parallel safe');

SELECT * FROM finish();
ROLLBACK;
