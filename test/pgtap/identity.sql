-- Wallet identity in the catalog: Sign-In with Ethereum's and the DIDs'
-- functions are pure (IMMUTABLE, STRICT, PARALLEL SAFE: siwe_verify's time
-- is an argument), siwe_message has the fields docs/identity.md lists, and
-- the defaults are the documented ones
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(55);

\ir ../shared/catalog_checks.sql
SELECT c FROM (VALUES
    ('siwe_parse', ARRAY['text'], 'siwe_message'),
    ('siwe_verify', ARRAY['text', 'bytea', 'text', 'text', 'timestamp with time zone'], 'eth_address'),
    ('did_pkh', ARRAY['eth_address', 'bigint'], 'text'),
    ('did_pkh_parse', ARRAY['text'], 'record'),
    ('did_key_ed25519', ARRAY['bytea'], 'text'),
    ('did_key_secp256k1', ARRAY['bytea'], 'text'),
    ('did_key_parse', ARRAY['text'], 'record'),
    ('ed25519_verify_did', ARRAY['bytea', 'bytea', 'text'], 'boolean'),
    ('secp256k1_verify_did', ARRAY['bytea', 'bytea', 'text', 'boolean'], 'boolean')
  ) AS f(fn, args, result), pg_temp.pure_function_checks(f.fn, f.args, f.result) AS c;

-- at defaults to now(), evaluated by the caller, so the function itself stays IMMUTABLE
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.siwe_verify(text, bytea, text, text, timestamptz)'::regprocedure),
          'now()', 'siwe_verify''s at defaults to now()');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.did_pkh(eth_address, bigint)'::regprocedure),
          '1', 'did_pkh''s chain_id defaults to 1 (Ethereum mainnet)');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.secp256k1_verify_did(bytea, bytea, text, boolean)'::regprocedure),
          'false', 'secp256k1_verify_did''s allow_high_s defaults to false, as secp256k1_verify''s');
SELECT has_composite('creative_defi', 'siwe_message', 'siwe_message is a composite type');
SELECT columns_are('creative_defi', 'siwe_message',
                   ARRAY['scheme', 'domain', 'address', 'statement', 'uri', 'version', 'chain_id', 'nonce',
                         'issued_at', 'expiration_time', 'not_before', 'request_id', 'resources'],
                   'siwe_message has every field of an EIP-4361 message');

-- the session functions write or read what roles cannot: SECURITY DEFINER with a fixed search_path
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.oid IN ('creative_defi.siwe_nonce(text, interval)'::regprocedure, 'creative_defi.wallet_login(text, bytea)'::regprocedure,
                     'creative_defi.wallet_logout(text)'::regprocedure, 'creative_defi.current_wallet()'::regprocedure,
                     'creative_defi.wallet_identity_purge(interval)'::regprocedure)
       AND NOT (p.prosecdef AND p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'])
$$, 'siwe_nonce, wallet_login, wallet_logout, current_wallet and wallet_identity_purge are SECURITY DEFINER with search_path pg_catalog, pg_temp');
SELECT volatility_is('creative_defi', 'current_wallet', ARRAY[]::text[], 'volatile', 'current_wallet() is VOLATILE, as every SECURITY DEFINER function');
SELECT volatility_is('creative_defi', 'wallet_login', ARRAY['text', 'bytea'], 'volatile', 'wallet_login is VOLATILE');
-- wallet_sign_ins reads a wallet's sessions by an index, not a scan of every wallet's (the table only grows)
SELECT is_indexed('creative_defi', 'wallet_sessions', ARRAY['address'], 'wallet_sessions is indexed by address');
SELECT columns_are('creative_defi', 'wallet_sessions',
                   ARRAY['token_hash', 'address', 'chain_id', 'nonce', 'created_at', 'expires_at', 'revoked_at'],
                   'wallet_sessions keeps a token''s hash, never the token');

SELECT * FROM finish();
ROLLBACK;
