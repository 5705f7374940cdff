-- Wallet identity in the catalog: Sign-In with Ethereum's functions are
-- pure (IMMUTABLE, STRICT, PARALLEL SAFE: the time is an argument) and
-- siwe_message has the fields docs/identity.md lists
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(13);

\ir ../shared/catalog_checks.sql
SELECT c FROM (VALUES
    ('siwe_parse', ARRAY['text'], 'siwe_message'),
    ('siwe_verify', ARRAY['text', 'bytea', 'text', 'text', 'timestamp with time zone'], 'eth_address')
  ) AS f(fn, args, result), pg_temp.pure_function_checks(f.fn, f.args, f.result) AS c;

-- at defaults to now(), evaluated by the caller, so the function itself stays IMMUTABLE
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'creative_defi.siwe_verify(text, bytea, text, text, timestamptz)'::regprocedure),
          'now()', 'siwe_verify''s at defaults to now()');
SELECT has_composite('creative_defi', 'siwe_message', 'siwe_message is a composite type');
SELECT columns_are('creative_defi', 'siwe_message',
                   ARRAY['scheme', 'domain', 'address', 'statement', 'uri', 'version', 'chain_id', 'nonce',
                         'issued_at', 'expiration_time', 'not_before', 'request_id', 'resources'],
                   'siwe_message has every field of an EIP-4361 message');

SELECT * FROM finish();
ROLLBACK;
