-- Attacks on wallet access that are refused (sql/wallet_access.sql shows
-- what the role may do; this file, what it must not get): a session sees
-- no other wallet's row through a leaky function, a leaky operator or an
-- error of its own WHERE clause on any wallet_* view; a token resolves
-- only as given, only while its transaction or session keeps it; and
-- functions or operators that shadow the ones current_wallet() and the
-- views use change nothing.
--
-- Sessions are entered as wallet_login would have opened them (its own
-- tests are sql/wallet_sessions.sql): alice and bob hold ETH, erin holds
-- nothing, carol's session expired, dave's was revoked.
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
SET timezone = 'UTC';
CREATE TEMP TABLE wallets (name text PRIMARY KEY, address eth_address, token text, token_hash_hex text);
INSERT INTO wallets (name, address, token) VALUES
    ('alice', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'alice-session-token'),
    ('bob', '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73', 'bob-session-token'),
    ('carol', '0x0111a5e2d150f626120c319fca20125435d155c5', 'carol-session-token'),
    ('dave', '0x4000000000000000000000000000000000000004', 'dave-session-token'),
    ('erin', '0x5000000000000000000000000000000000000005', 'erin-session-token');
UPDATE wallets SET token_hash_hex = encode(wallet_token_hash(token), 'hex');
INSERT INTO siwe_nonces (nonce, domain, expires_at, used_at)
SELECT name || 'Nonce1', 'app.example', now() + interval '5 minutes', now() FROM wallets;
INSERT INTO wallet_sessions (token_hash, address, chain_id, nonce, created_at, expires_at, revoked_at)
SELECT wallet_token_hash(token), address, 1, name || 'Nonce1',
       now() - interval '2 hours',
       CASE name WHEN 'carol' THEN now() - interval '1 hour' ELSE now() + interval '1 hour' END,
       CASE name WHEN 'dave' THEN now() - interval '1 minute' END
  FROM wallets;
CREATE FUNCTION pg_temp.act_as(text) RETURNS boolean LANGUAGE sql AS $$
    SELECT set_config('creative_defi.session_token', coalesce((SELECT token FROM wallets WHERE name = $1), ''), false) IS NOT NULL $$;
-- a leaky function and a leaky operator: each reports every row it is shown
CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN RAISE NOTICE 'leak saw %', $1; RETURN true; END $$;
CREATE FUNCTION pg_temp.leaky_ge(numeric, numeric) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN RAISE NOTICE 'leaky operator saw %', $1; RETURN $1 >= $2; END $$;
CREATE OPERATOR pg_temp.>>= (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = pg_temp.leaky_ge);
GRANT USAGE ON SCHEMA regress TO PUBLIC;
GRANT SELECT ON wallets TO PUBLIC;

-- the ledger: a song priced in ETH; alice and bob hold ETH; bob approves the song's changes, alice proposes one
\i test/shared/wallet_ledger.sql

SET ROLE creative_defi_wallet_app;

-- 1. leaks through the caller's WHERE clause: the filter of each view runs first
-- erin's session: the leaky function is shown her one sign-in and nothing else
SELECT pg_temp.act_as('erin');
SELECT (SELECT count(*) FROM wallet_holdings v WHERE pg_temp.leak(v::text)) AS holdings,
       (SELECT count(*) FROM wallet_postings v WHERE pg_temp.leak(v::text)) AS postings,
       (SELECT count(*) FROM wallet_transactions v WHERE pg_temp.leak(v::text)) AS transactions,
       (SELECT count(*) FROM wallet_order_nonces v WHERE pg_temp.leak(v::text)) AS order_nonces,
       (SELECT count(*) FROM wallet_sign_ins v WHERE pg_temp.leak(v.nonce)) AS sign_ins,
       (SELECT count(*) FROM wallet_proposals v WHERE pg_temp.leak(v::text)) AS proposals,
       (SELECT count(*) FROM wallet_approvals v WHERE pg_temp.leak(v::text)) AS approvals;
-- bob's session: the leaky function and operator are shown bob's rows only
SELECT pg_temp.act_as('bob');
SELECT asset, amount FROM wallet_holdings WHERE amount OPERATOR(pg_temp.>>=) 0;
SELECT count(*) AS postings FROM wallet_postings v WHERE pg_temp.leak(v.amount::text);
SELECT ref FROM wallet_transactions v WHERE pg_temp.leak(v.ref);
SELECT nonce FROM wallet_sign_ins v WHERE pg_temp.leak(v.nonce);
-- bob approves the song's changes: alice's proposal is his to see
SELECT id FROM wallet_proposals v WHERE pg_temp.leak(v.proposer::text);
-- an error as an oracle: alice holds 1000, so a division by (amount - 1000) would fail on her row only;
-- bob's session never reaches it, in any view that holds amounts
SELECT count(*) AS holdings FROM wallet_holdings WHERE 1 / (amount - 1000) IS NOT NULL;
SELECT count(*) AS postings FROM wallet_postings WHERE 1 / (amount - 1000) IS NOT NULL;
SELECT count(*) AS transactions FROM wallet_transactions WHERE 1 / ((request ->> 'amount')::numeric - 1000) IS NOT NULL;

-- 2. tokens: only the token itself, only while it is set
-- alice's token with a space, in capitals, or her token's stored hash: nobody
SELECT set_config('creative_defi.session_token', ' ' || token, false) IS NOT NULL AND current_wallet() IS NULL AS spaced,
       set_config('creative_defi.session_token', upper(token), false) IS NOT NULL AND current_wallet() IS NULL AS capitals,
       set_config('creative_defi.session_token', token_hash_hex, false) IS NOT NULL AND current_wallet() IS NULL AS stored_hash,
       set_config('creative_defi.session_token', '\x' || token_hash_hex, false) IS NOT NULL AND current_wallet() IS NULL AS stored_hash_bytea
  FROM wallets WHERE name = 'alice';
-- carol's expired and dave's revoked sessions see nothing
SELECT pg_temp.act_as('carol');
SELECT current_wallet() IS NULL AS expired, (SELECT count(*) FROM wallet_sign_ins) AS sign_ins;
SELECT pg_temp.act_as('dave');
SELECT current_wallet() IS NULL AS revoked, (SELECT count(*) FROM wallet_sign_ins) AS sign_ins;
-- SET LOCAL (a pooled connection's request) ends with its transaction, committed or not
RESET creative_defi.session_token;
BEGIN;
SELECT set_config('creative_defi.session_token', 'alice-session-token', true) IS NOT NULL AS set_local;
SELECT current_wallet() = '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9' AS alice, (SELECT sum(amount) FROM wallet_holdings) AS held;
COMMIT;
SELECT current_wallet() IS NULL AS after_commit, (SELECT count(*) FROM wallet_holdings) AS holdings;
BEGIN;
SET LOCAL creative_defi.session_token = 'bob-session-token';
SELECT current_wallet() = '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73' AS bob;
ROLLBACK;
SELECT current_wallet() IS NULL AS after_rollback;
-- a token set after a savepoint is gone when the request rolls back to it
BEGIN;
SET LOCAL creative_defi.session_token = 'bob-session-token';
SAVEPOINT before_switch;
SET LOCAL creative_defi.session_token = 'alice-session-token';
ROLLBACK TO SAVEPOINT before_switch;
SELECT current_wallet() = '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73' AS bob_again;
COMMIT;
-- a session-wide token stays until RESET (a pool resetting connections runs RESET ALL or DISCARD ALL)
SELECT pg_temp.act_as('alice');
RESET ALL;
SET ROLE creative_defi_wallet_app;
SELECT current_wallet() IS NULL AS after_reset_all;
-- a function that sets another wallet's token for itself leaves the caller's as it was
RESET ROLE;
CREATE FUNCTION pg_temp.as_alice() RETURNS eth_address LANGUAGE sql
    SET creative_defi.session_token = 'alice-session-token' AS $$ SELECT creative_defi.current_wallet() $$;
GRANT EXECUTE ON FUNCTION pg_temp.as_alice() TO PUBLIC;
SET ROLE creative_defi_wallet_app;
SELECT pg_temp.act_as('bob');
SELECT pg_temp.as_alice() = '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9' AS inside_alice,
       current_wallet() = '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73' AS after_bob;

-- 3. shadowing: a schema the role owns, searched before pg_catalog, with its own now(), sha256,
-- current_setting and = and > operators that would revive carol's expired session or make any token alice's
RESET ROLE;
CREATE SCHEMA wallet_shadow AUTHORIZATION creative_defi_wallet_app;
SET ROLE creative_defi_wallet_app;
CREATE FUNCTION wallet_shadow.now() RETURNS timestamptz LANGUAGE sql AS $$ SELECT '-infinity'::timestamptz $$;
CREATE FUNCTION wallet_shadow.sha256(bytea) RETURNS bytea LANGUAGE sql
    AS $$ SELECT decode((SELECT token_hash_hex FROM pg_temp.wallets WHERE name = 'alice'), 'hex') $$;
CREATE FUNCTION wallet_shadow.current_setting(text, boolean) RETURNS text LANGUAGE sql AS $$ SELECT 'alice-session-token' $$;
CREATE FUNCTION wallet_shadow.always(bytea, bytea) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR wallet_shadow.= (LEFTARG = bytea, RIGHTARG = bytea, FUNCTION = wallet_shadow.always);
CREATE FUNCTION wallet_shadow.later(timestamptz, timestamptz) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR wallet_shadow.> (LEFTARG = timestamptz, RIGHTARG = timestamptz, FUNCTION = wallet_shadow.later);
SET search_path = wallet_shadow, pg_catalog, creative_defi, regress, public;
-- the shadows are live for the caller's own queries
SELECT now() = '-infinity' AS shadow_now, current_setting('anything', true) = 'alice-session-token' AS shadow_setting;
SELECT pg_temp.act_as('carol');
SELECT current_wallet() IS NULL AS expired_stays_expired, (SELECT count(*) FROM wallet_holdings) AS holdings;
SET creative_defi.session_token = 'forged';
SELECT current_wallet() IS NULL AS forged_stays_nobody, (SELECT count(*) FROM wallet_transactions) AS transactions;
RESET creative_defi.session_token;
SELECT current_wallet() IS NULL AS unset_stays_nobody;
RESET search_path;
RESET ROLE;
DROP SCHEMA wallet_shadow CASCADE;

RESET creative_defi.session_token;
REVOKE USAGE ON SCHEMA regress FROM PUBLIC;
DROP TABLE wallets;
DROP OPERATOR pg_temp.>>= (numeric, numeric);
DROP FUNCTION pg_temp.leaky_ge(numeric, numeric), pg_temp.leak(text), pg_temp.as_alice();
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
