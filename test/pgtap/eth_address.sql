-- eth_address and keccak256 in the catalog
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(16);

SELECT has_type('creative_defi', 'eth_address', 'type eth_address exists');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'eth_address'::regtype), 20::smallint,
          'eth_address is stored in 20 fixed bytes');
SELECT isnt((SELECT typreceive FROM pg_type WHERE oid = 'eth_address'::regtype), 0::regproc, 'eth_address has binary input');
SELECT isnt((SELECT typsend FROM pg_type WHERE oid = 'eth_address'::regtype), 0::regproc, 'eth_address has binary output');
SELECT has_function('creative_defi', 'eth_address', ARRAY['bytea'], 'eth_address(pubkey bytea) exists');
SELECT function_returns('creative_defi', 'eth_address', ARRAY['bytea'], 'eth_address');
SELECT volatility_is('creative_defi', 'eth_address', ARRAY['bytea'], 'immutable');
SELECT has_cast('bytea', 'eth_address', 'cast bytea -> eth_address');
SELECT has_cast('eth_address', 'bytea', 'cast eth_address -> bytea');
SELECT has_cast('text', 'eth_address', 'cast text -> eth_address');
SELECT has_cast('eth_address', 'text', 'cast eth_address -> text');
SELECT has_opclass('creative_defi', 'eth_address_ops', 'btree operator class');
SELECT has_opclass('creative_defi', 'eth_address_hash_ops', 'hash operator class');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'eth_address'::regtype AND oprright = 'eth_address'::regtype),
          '= on eth_address supports hash and merge joins');
SELECT has_function('creative_defi', 'keccak256', ARRAY['bytea'], 'keccak256(bytea) exists');
SELECT has_function('creative_defi', 'keccak256', ARRAY['text'], 'keccak256(text) exists');

SELECT * FROM finish();
ROLLBACK;
