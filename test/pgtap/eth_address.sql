-- eth_address and keccak256 in the catalog
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(17);

\ir ../shared/catalog_checks.sql
SELECT pg_temp.base_type_checks('eth_address', 20, 'bytea', 'text');
SELECT has_function('creative_defi', 'eth_address', ARRAY['bytea'], 'eth_address(pubkey bytea) exists');
SELECT function_returns('creative_defi', 'eth_address', ARRAY['bytea'], 'eth_address');
SELECT volatility_is('creative_defi', 'eth_address', ARRAY['bytea'], 'immutable');
SELECT has_function('creative_defi', 'keccak256', ARRAY['bytea'], 'keccak256(bytea) exists');
SELECT has_function('creative_defi', 'keccak256', ARRAY['text'], 'keccak256(text) exists');

SELECT * FROM finish();
ROLLBACK;
