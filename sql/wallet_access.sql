-- Wallet access: the role creative_defi_wallet_app sees only the rows of
-- current_wallet() through the wallet_* views, reads no table and no other
-- row-returning function, and acts only through wallet_execute_order,
-- wallet_cancel_nonce and wallet_approve_change, for the session's wallet.
--
-- Three sessions are entered as wallet_login would have opened them (its
-- own tests are sql/wallet_sessions.sql): alice and bob, whose keys signed
-- the orders below (sql/orders_execute.sql), and carol, who has nothing.
-- The ledger state starts fresh and is reset at the end.
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
SET timezone = 'UTC';
CREATE TEMP TABLE signed (name text PRIMARY KEY, typed_data jsonb NOT NULL, signature bytea NOT NULL);
-- from sql/orders_execute.sql (cd test/interop && node gen_signatures.mjs orders); all signed by alice
INSERT INTO signed VALUES
  ('buy1', '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Buy":[{"name":"signer","type":"address"},{"name":"asset","type":"string"},{"name":"amount","type":"uint256"},{"name":"maxCost","type":"uint256"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]},"primaryType":"Buy","domain":{"name":"creative_defi","version":"1","chainId":"1","verifyingContract":"0x00000000000000000000000000000000c0ffee00"},"message":{"signer":"0xd67d818d59e71e7b063fba833f52ec30ea01c2e9","asset":"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769","amount":"3","maxCost":"500","nonce":"1","deadline":"4102444800"}}', '\x4d1842723480e563865df5b72662ea6d94ac221ac1b5f4c479fecde66e16905859f6ac39552b7326d2d3031a94f6c8e1ec24afc84e80e40087cc176c690eee631b'),
  ('transfer3', '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Transfer":[{"name":"signer","type":"address"},{"name":"to","type":"address"},{"name":"asset","type":"string"},{"name":"amount","type":"uint256"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]},"primaryType":"Transfer","domain":{"name":"creative_defi","version":"1","chainId":"1","verifyingContract":"0x00000000000000000000000000000000c0ffee00"},"message":{"signer":"0xd67d818d59e71e7b063fba833f52ec30ea01c2e9","to":"0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73","asset":"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769","amount":"1","nonce":"3","deadline":"4102444800"}}', '\xdfb0156b53f78d4ba706470d74e8b8d3992495bd3f1be41ec000b1a64b26be1e7f66181766492946a1a8cfcbb37d55d7b5276f0d6fe1eb6280ae67034e94b4651b'),
  ('cancel10', '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Cancel":[{"name":"signer","type":"address"},{"name":"nonce","type":"uint256"}]},"primaryType":"Cancel","domain":{"name":"creative_defi","version":"1","chainId":"1","verifyingContract":"0x00000000000000000000000000000000c0ffee00"},"message":{"signer":"0xd67d818d59e71e7b063fba833f52ec30ea01c2e9","nonce":"10"}}', '\xdbaab660d62eedcdc0aa182047e552b2511d514adce746e4a8db7689257fde7217912a2c8930e99f58ad29d85f9980bab7f11513ff2c96dfc97a5b25f96461cb1b');
CREATE FUNCTION pg_temp.td(text) RETURNS jsonb LANGUAGE sql AS $$ SELECT typed_data FROM signed WHERE name = $1 $$;
CREATE FUNCTION pg_temp.sig(text) RETURNS bytea LANGUAGE sql AS $$ SELECT signature FROM signed WHERE name = $1 $$;

CREATE TEMP TABLE wallets (name text PRIMARY KEY, address eth_address, token text);
INSERT INTO wallets VALUES
    ('alice', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'alice-session-token'),
    ('bob', '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73', 'bob-session-token'),
    ('carol', '0x0111a5e2d150f626120c319fca20125435d155c5', 'carol-session-token');
INSERT INTO siwe_nonces (nonce, domain, expires_at, used_at)
SELECT name || 'Nonce1', 'app.example', now() + interval '5 minutes', now() FROM wallets;
INSERT INTO wallet_sessions (token_hash, address, chain_id, nonce, expires_at)
SELECT wallet_token_hash(token), address, 1, name || 'Nonce1', now() + interval '1 hour' FROM wallets;
CREATE FUNCTION pg_temp.act_as(text) RETURNS boolean LANGUAGE sql AS $$
    SELECT set_config('creative_defi.session_token', coalesce((SELECT token FROM wallets WHERE name = $1), ''), false) IS NOT NULL $$;
GRANT USAGE ON SCHEMA regress TO PUBLIC;
GRANT SELECT ON signed, wallets TO PUBLIC;

-- the ledger: a song priced in ETH; alice and bob hold ETH; bob approves the song's changes, alice proposes one
\i test/shared/wallet_ledger.sql

SET ROLE creative_defi_wallet_app;
-- without a session: no rows, and no act (CD078)
SELECT (SELECT count(*) FROM wallet_holdings) AS holdings, (SELECT count(*) FROM wallet_transactions) AS transactions,
       (SELECT count(*) FROM wallet_proposals) AS proposals, (SELECT count(*) FROM wallet_sign_ins) AS sign_ins;
SELECT * FROM expect_error($$SELECT * FROM wallet_execute_order(pg_temp.td('buy1'), pg_temp.sig('buy1'))$$);
SELECT * FROM expect_error($$SELECT * FROM wallet_cancel_nonce(pg_temp.td('cancel10'), pg_temp.sig('cancel10'))$$);
-- ... before the act runs: alice's signed transfer of a unit she does not hold yet (her buy is below) is
-- refused for having no session, not as the transfer would refuse it (which would tell her balance);
-- an approval likewise
SELECT * FROM expect_error($$SELECT * FROM wallet_execute_order(pg_temp.td('transfer3'), pg_temp.sig('transfer3'))$$);
SELECT * FROM expect_error($$SELECT * FROM wallet_approve_change(1, '\x00')$$);
-- bob's session hands in the same transfer: refused as alice's (CD079), not as short of funds
SELECT pg_temp.act_as('bob');
SELECT * FROM expect_error($$SELECT * FROM wallet_execute_order(pg_temp.td('transfer3'), pg_temp.sig('transfer3'))$$);
-- carol approves nothing of song 1, so its proposal is unknown to her session, as one that does not exist
SELECT pg_temp.act_as('carol');
SELECT * FROM expect_error($$SELECT * FROM wallet_approve_change(1, '\x00')$$);
SELECT * FROM expect_error($$SELECT * FROM wallet_approve_change(999, '\x00')$$);

-- alice buys 3 units through her session
SELECT pg_temp.act_as('alice');
SELECT signer, nonce, kind, txn_id FROM wallet_execute_order(pg_temp.td('buy1'), pg_temp.sig('buy1'));
-- bob's session hands in alice's signed transfer and cancellation: refused (CD079), nothing done
SELECT pg_temp.act_as('bob');
SELECT * FROM expect_error($$SELECT * FROM wallet_execute_order(pg_temp.td('transfer3'), pg_temp.sig('transfer3'))$$);
SELECT * FROM expect_error($$SELECT * FROM wallet_cancel_nonce(pg_temp.td('cancel10'), pg_temp.sig('cancel10'))$$);
-- an act's own checks come first: a malformed approval is refused as approve_change refuses it
SELECT * FROM expect_error($$SELECT * FROM wallet_approve_change(1, '\x00')$$);

-- each wallet sees its own rows only
SELECT pg_temp.act_as('alice');
SELECT current_wallet();
SELECT asset, amount FROM wallet_holdings ORDER BY asset::text;
SELECT txn_id, n, asset, amount FROM wallet_postings ORDER BY txn_id, n;
SELECT id, ref, kind FROM wallet_transactions ORDER BY id;
SELECT nonce, status, primary_type, txn_id FROM wallet_order_nonces ORDER BY nonce;
SELECT nonce, domain, chain_id, revoked_at FROM wallet_sign_ins;
SELECT id, proposer, change FROM wallet_proposals;
SELECT wallet_approval_typed_data(1) #>> '{message,proposalId}' AS proposal_id, wallet_approval_typed_data(1) #>> '{message,changeHash}' AS change_hash;
SELECT count(*) AS approvals FROM wallet_approvals;
SELECT pg_temp.act_as('bob');
SELECT current_wallet();
SELECT asset, amount FROM wallet_holdings ORDER BY asset::text;
SELECT id, ref, kind FROM wallet_transactions ORDER BY id;
SELECT count(*) AS order_nonces FROM wallet_order_nonces;
SELECT nonce, domain FROM wallet_sign_ins;
SELECT id, proposer FROM wallet_proposals;
SELECT wallet_approval_typed_data(1) -> 'primaryType' AS approve;
SELECT pg_temp.act_as('carol');
SELECT wallet_approval_typed_data(1) IS NULL AS not_carols;
SELECT (SELECT count(*) FROM wallet_holdings) AS holdings, (SELECT count(*) FROM wallet_postings) AS postings,
       (SELECT count(*) FROM wallet_transactions) AS transactions, (SELECT count(*) FROM wallet_order_nonces) AS order_nonces,
       (SELECT count(*) FROM wallet_proposals) AS proposals, (SELECT count(*) FROM wallet_approvals) AS approvals,
       (SELECT count(*) FROM wallet_sign_ins) AS sign_ins;

-- a leaky function in the caller's WHERE clause sees only the rows the view lets through
CREATE FUNCTION pg_temp.leak(a asset, amount numeric) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN RAISE NOTICE 'leak saw % %', a, amount; RETURN true; END $$;
SELECT pg_temp.act_as('bob');
SELECT asset, amount FROM wallet_holdings WHERE pg_temp.leak(asset, amount);

-- the tables, the other roles' views and every other row-returning ledger function are refused
SELECT * FROM expect_error($$SELECT count(*) FROM ledger_holdings$$);
SELECT * FROM expect_error($$SELECT count(*) FROM ledger_postings$$);
SELECT * FROM expect_error($$SELECT count(*) FROM ledger_transactions$$);
SELECT * FROM expect_error($$SELECT count(*) FROM order_nonces$$);
SELECT * FROM expect_error($$SELECT count(*) FROM approval_proposals$$);
SELECT * FROM expect_error($$SELECT count(*) FROM wallet_sessions$$);
SELECT * FROM expect_error($$SELECT count(*) FROM ledger_account_journal$$);
SELECT * FROM expect_error($$SELECT * FROM holdings('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9')$$);
SELECT * FROM expect_error($$SELECT balance('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60')$$);
SELECT * FROM expect_error($$SELECT * FROM ledger_events(0)$$);
SELECT * FROM expect_error($$SELECT approval_typed_data(1)$$);
-- nor may it act without a wallet's signature for its session
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('transfer3'), pg_temp.sig('transfer3'))$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', '0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73', 'eip155:1/slip44:60', 1, 'x')$$);
-- logout: the token is nobody's, and the views are empty again
SELECT pg_temp.act_as('alice');
SELECT wallet_logout('alice-session-token') AS logged_out;
SELECT current_wallet() IS NULL AS nobody, (SELECT count(*) FROM wallet_holdings) AS holdings;
RESET ROLE;
RESET creative_defi.session_token;

-- nothing bob's session tried was done: alice's nonces 3 and 10 are unused
SELECT signer, nonce, status FROM order_nonces ORDER BY nonce;
REVOKE USAGE ON SCHEMA regress FROM PUBLIC;
DROP TABLE wallets, signed;
DROP FUNCTION pg_temp.leak(asset, numeric);

DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
