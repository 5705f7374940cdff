-- The hostile cases of test/suites/security.sh.  Each case runs as one
-- role, in a subtransaction that is always rolled back (so cases are
-- independent), and must end with the expected SQLSTATE ('00000': it must
-- succeed).  Prints "passed: ..." or "FAILED: ..." per case.
SET search_path = creative_defi, public;
SET client_min_messages = warning;

-- roles to act as: one with PUBLIC's rights only, and one member of each
-- of the extension's roles (as an application's login role would be)
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['sec_nobody', 'sec_reader', 'sec_app', 'sec_treasury', 'sec_operator', 'sec_wallet'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END $$;
GRANT creative_defi_reader TO sec_reader;
GRANT creative_defi_app TO sec_app;
GRANT creative_defi_treasury TO sec_treasury;
GRANT creative_defi_operator TO sec_operator;
GRANT creative_defi_wallet_app TO sec_wallet;

-- ledger state to attack: an asset on a curve with a holder, a pool with
-- liquidity, approvers and a proposal, the order domain
\o /dev/null
SELECT set_order_domain('creative_defi security suite', '1', 31337, '0x00000000000000000000000000000000005ec001');
SELECT txn_id FROM deposit('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 1000000000, 'sec-dep-1');
SELECT txn_id FROM deposit('0x1000000000000000000000000000000000000001', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f', 1000000000, 'sec-dep-2');
SELECT txn_id FROM register_asset('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', 'eip155:1/slip44:60',
    'linear(base=100, slope=10)', '0x2000000000000000000000000000000000000002=100%', '0x2000000000000000000000000000000000000002', 500);
SELECT txn_id FROM buy('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 5, 100000, 'sec-buy-1');
SELECT pool_id FROM pool_create('eip155:1/slip44:60', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f');
SELECT txn_id FROM pool_add_liquidity(1, '0x1000000000000000000000000000000000000001', 100000, 100000, 0, 'sec-add-1');
SELECT set_approvers('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1',
    ARRAY['0x3000000000000000000000000000000000000003']::eth_address[], 1);
SELECT propose_change('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '{"royalty_bps": 100}',
    '0x2000000000000000000000000000000000000002');
-- wallet sessions, entered as wallet_login opens them: the holder's live
-- one, and an expired one
INSERT INTO siwe_nonces (nonce, domain, expires_at, used_at) VALUES
    ('secNonce1', 'app.example', now() + interval '5 minutes', now()),
    ('secNonce2', 'app.example', now() + interval '5 minutes', now());
INSERT INTO wallet_sessions (token_hash, address, chain_id, nonce, created_at, expires_at) VALUES
    (wallet_token_hash('sec-live-token'), '0x1000000000000000000000000000000000000001', 1, 'secNonce1', now(), now() + interval '1 hour'),
    (wallet_token_hash('sec-expired-token'), '0x1000000000000000000000000000000000000001', 1, 'secNonce2', now() - interval '2 hours', now() - interval '1 hour');
\o

CREATE TEMP TABLE cases (n serial, role text NOT NULL, what text NOT NULL, want text NOT NULL, stmt text NOT NULL);
GRANT SELECT ON cases TO PUBLIC;

-- 1. a role with PUBLIC's rights only: the pure API works, the ledger is closed
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_nobody', 'uses keccak256', '00000', $$SELECT keccak256('abc')$$),
('sec_nobody', 'uses the eth_address type', '00000', $$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::eth_address$$),
('sec_nobody', 'prices a curve', '00000', $$SELECT curve_buy_cost('linear(base=100, slope=10)', 0, 10)$$),
('sec_nobody', 'distributes a split', '00000', $$SELECT * FROM split_distribute('0x2000000000000000000000000000000000000002=100%', 10)$$),
('sec_nobody', 'prices a swap', '00000', $$SELECT amm_amount_out(1000, 100000, 100000, 30)$$),
('sec_nobody', 'recovers a signer', '00000', $$SELECT ecrecover('\x00'::bytea || repeat('1', 31)::bytea, '\x00'::bytea || repeat('1', 64)::bytea)$$),
('sec_nobody', 'cannot create objects in the extension''s schema', '42501', $$CREATE FUNCTION creative_defi.keccak256(integer) RETURNS bytea LANGUAGE sql AS 'SELECT NULL::bytea'$$),
('sec_nobody', 'cannot read holdings', '42501', $$SELECT * FROM ledger_holdings$$),
('sec_nobody', 'cannot read the journal', '42501', $$SELECT * FROM ledger_transactions$$),
('sec_nobody', 'cannot read the registry of system accounts', '42501', $$SELECT * FROM ledger_system_accounts$$),
('sec_nobody', 'cannot read order nonces', '42501', $$SELECT * FROM order_nonces$$),
('sec_nobody', 'cannot read a balance', '42501', $$SELECT balance('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60')$$),
('sec_nobody', 'cannot verify (it seals)', '42501', $$SELECT * FROM ledger_verify()$$),
('sec_nobody', 'cannot deposit', '42501', $$SELECT * FROM deposit('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_nobody', 'cannot transfer', '42501', $$SELECT * FROM transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_nobody', 'cannot execute an order', '42501', $$SELECT * FROM execute_order('{}', '\x00')$$),
('sec_nobody', 'cannot call ledger_post', '42501', $$SELECT ledger_post('deposit', 'sec-x', 'eip155:1/slip44:60', '{}', '{}', '{}', '{}', '{}', '{}')$$),
('sec_nobody', 'cannot call ledger_royalty (unchecked: NaN in, NaN out)', '42501', $$SELECT ledger_royalty('NaN', 500)$$),
('sec_nobody', 'cannot call ledger_royalty (unchecked: 10001 bps)', '42501', $$SELECT ledger_royalty(100, 10001)$$),
('sec_nobody', 'cannot call a check helper', '42501', $$SELECT ledger_check_amount('x', 1)$$),
('sec_nobody', 'cannot register a system account', '42501', $$SELECT ledger_register_system_account('0x1000000000000000000000000000000000000001', 'reserve', 'x')$$),
('sec_nobody', 'cannot run the sealing step', '42501', $$SELECT * FROM ledger_seal_waiting(NULL, NULL)$$),
('sec_nobody', 'cannot run the pool checks (pool_reserves)', '42501', $$SELECT * FROM pools_verify_reserves()$$),
('sec_nobody', 'cannot run the pool checks (pool_history)', '42501', $$SELECT * FROM pools_verify_history()$$),
('sec_nobody', 'cannot run the pool checks (pool_k)', '42501', $$SELECT * FROM pools_verify_k()$$),
('sec_nobody', 'cannot run the pool checks (pool_accounts)', '42501', $$SELECT * FROM pools_verify_accounts()$$);

-- 2. the reader reads and verifies, and writes nothing
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_reader', 'reads holdings', '00000', $$SELECT count(*) FROM ledger_holdings$$),
('sec_reader', 'verifies', '00000', $$SELECT * FROM ledger_verify()$$),
('sec_reader', 'cannot insert a holding', '42501', $$INSERT INTO ledger_holdings VALUES ('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 1, 'user')$$),
('sec_reader', 'cannot buy', '42501', $$SELECT * FROM buy('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 100000, 'sec-x')$$),
('sec_reader', 'cannot execute an order', '42501', $$SELECT * FROM execute_order('{}', '\x00')$$);

-- 3. the app role: only what a wallet's signature authorizes
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_app', 'cannot transfer someone''s funds without a signature', '42501', $$SELECT * FROM transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_app', 'cannot withdraw someone''s funds', '42501', $$SELECT * FROM withdraw('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_app', 'cannot sell someone''s holding', '42501', $$SELECT * FROM sell('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 0, 'sec-x')$$),
('sec_app', 'cannot deposit out of nothing', '42501', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_app', 'cannot swap in a pool', '42501', $$SELECT * FROM pool_swap(1, '0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 10, 0, 'sec-x')$$),
('sec_app', 'cannot propose a change', '42501', $$SELECT propose_change('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '{"royalty_bps": 9999}', '0x2000000000000000000000000000000000000002')$$),
('sec_app', 'cannot set the order domain', '42501', $$SELECT set_order_domain('x', '1', 1, '0x00000000000000000000000000000000005ec002')$$),
('sec_app', 'cannot set approvers', '42501', $$SELECT set_approvers('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', ARRAY['0x4000000000000000000000000000000000000004']::eth_address[], 1)$$),
('sec_app', 'cannot update a holding', '42501', $$UPDATE ledger_holdings SET amount = amount + 1$$),
('sec_app', 'cannot forge a nonce', '42501', $$INSERT INTO order_nonces VALUES ('0x1000000000000000000000000000000000000001', 1, 'cancelled', 'Cancel', repeat('0', 32)::bytea)$$),
('sec_app', 'cannot forge an approval', '42501', $$INSERT INTO approval_signatures VALUES (1, '0x3000000000000000000000000000000000000003', '\x00')$$),
('sec_app', 'executes an order only with its signer''s signature', 'CD022', $$SELECT * FROM execute_order(order_typed_data('Transfer', jsonb_build_object(
     'signer', '0x1000000000000000000000000000000000000001', 'to', '0x4000000000000000000000000000000000000004',
     'asset', 'eip155:1/slip44:60', 'amount', '1', 'nonce', '1', 'deadline', '4102444800')),
     decode(repeat('11', 64) || '1b', 'hex'))$$),
('sec_app', 'cannot approve with a non-approver''s signature', 'CD035', $$SELECT * FROM approve_change(1, decode(repeat('11', 64) || '1b', 'hex'))$$),
('sec_app', 'reads balances', '00000', $$SELECT balance('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60')$$);

-- 4. the treasury: money across the boundary, nothing else
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_treasury', 'deposits', '00000', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-t-1')$$),
('sec_treasury', 'cannot trade', '42501', $$SELECT * FROM buy('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 100000, 'sec-x')$$),
('sec_treasury', 'cannot transfer', '42501', $$SELECT * FROM transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit to the world account', 'CD008', $$SELECT * FROM deposit(ledger_world_account(), 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit to a reserve', 'CD008', $$SELECT * FROM deposit(ledger_reserve_account('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1'), 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit to a pool account', 'CD008', $$SELECT * FROM deposit(pool_account('eip155:1/slip44:60', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f'), 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit units of a curve asset', 'CD009', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit an LP share of an existing pool', 'CD044', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', pool_lp_asset('eip155:1/slip44:60', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f'), 1, 'sec-x')$$),
('sec_treasury', 'cannot squat the LP share of a future pool', 'CD044', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', pool_lp_asset('eip155:1/slip44:60', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'), 1, 'sec-x')$$),
('sec_treasury', 'cannot withdraw more than is held', 'CD002', $$SELECT * FROM withdraw('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_treasury', 'cannot deposit a negative amount', 'CD005', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', -1, 'sec-x')$$),
('sec_treasury', 'cannot deposit a fraction of a base unit', '22023', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 0.5, 'sec-x')$$),
('sec_treasury', 'cannot deposit more than 2^256 - 1', '22003', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 2::numeric ^ 256, 'sec-x')$$),
('sec_treasury', 'cannot deposit NaN', '22003', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 'NaN', 'sec-x')$$);

-- 5. the operator: direct operations, checked; no money out of nothing
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_operator', 'buys', '00000', $$SELECT * FROM buy('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 100000, 'sec-o-1')$$),
('sec_operator', 'cannot deposit', '42501', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_operator', 'cannot withdraw', '42501', $$SELECT * FROM withdraw('0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_operator', 'cannot register an asset whose split pays the world account', 'CD008', $$SELECT register_asset('eip155:1/erc721:0x00000000000000000000000000000000005ec001/2', 'eip155:1/slip44:60',
     'linear(base=100, slope=10)', (ledger_world_account()::text || '=100%')::royalty_split, '0x2000000000000000000000000000000000000002', 500)$$),
('sec_operator', 'cannot register an asset whose split pays the issuance account', 'CD008', $$SELECT register_asset('eip155:1/erc721:0x00000000000000000000000000000000005ec001/2', 'eip155:1/slip44:60',
     'linear(base=100, slope=10)', (ledger_issuance_account()::text || '=100%')::royalty_split, '0x2000000000000000000000000000000000000002', 500)$$),
('sec_operator', 'cannot register an asset whose split pays a reserve', 'CD008', $$SELECT register_asset('eip155:1/erc721:0x00000000000000000000000000000000005ec001/2', 'eip155:1/slip44:60',
     'linear(base=100, slope=10)', (ledger_reserve_account('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1')::text || '=100%')::royalty_split, '0x2000000000000000000000000000000000000002', 500)$$),
('sec_operator', 'cannot register an asset whose split pays a pool account', 'CD008', $$SELECT register_asset('eip155:1/erc721:0x00000000000000000000000000000000005ec001/2', 'eip155:1/slip44:60',
     'linear(base=100, slope=10)', (pool_account('eip155:1/slip44:60', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f')::text || '=100%')::royalty_split, '0x2000000000000000000000000000000000000002', 500)$$),
('sec_operator', 'cannot propose a split that pays a system account', 'CD008', $$SELECT propose_change('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1',
     jsonb_build_object('split', ledger_world_account()::text || '=100%'), '0x2000000000000000000000000000000000000002')$$),
('sec_operator', 'cannot transfer from the world account', 'CD008', $$SELECT * FROM transfer(ledger_world_account(), '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_operator', 'cannot transfer out of a pool account', 'CD008', $$SELECT * FROM transfer(pool_account('eip155:1/slip44:60', 'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f'), '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$),
('sec_operator', 'cannot update an asset''s royalty directly', '42501', $$UPDATE ledger_assets SET royalty_bps = 9999$$),
('sec_operator', 'cannot delete from the registry of system accounts', '42501', $$DELETE FROM ledger_system_accounts$$),
('sec_operator', 'cannot draw journal ids', '42501', $$SELECT nextval('ledger_transaction_id_seq')$$),
('sec_operator', 'cannot call ledger_post', '42501', $$SELECT ledger_post('deposit', 'sec-x', 'eip155:1/slip44:60', '{}', '{}', '{}', '{}', '{}', '{}')$$),
('sec_operator', 'cannot set approvers', '42501', $$SELECT set_approvers('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', ARRAY['0x4000000000000000000000000000000000000004']::eth_address[], 1)$$),
('sec_operator', 'cannot shadow an internal function: a temporary one that would refuse is never called', '00000',
     $$CREATE FUNCTION pg_temp.ledger_check_user_account(text, eth_address) RETURNS void LANGUAGE plpgsql AS 'BEGIN RAISE SQLSTATE ''ZZ001''; END';
       SET search_path = pg_temp, creative_defi, public;
       SELECT * FROM creative_defi.transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, 'sec-x')$$);

-- 6. bad input from any role: a clear refusal, never a crash or a write
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_operator', 'cannot buy with an infinite max_cost', '22023', $$SELECT * FROM buy('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 'Infinity', 'sec-x')$$),
('sec_operator', 'cannot sell with a min_proceeds above 2^256 - 1', '22023', $$SELECT * FROM sell('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '0x1000000000000000000000000000000000000001', 1, 2::numeric ^ 256, 'sec-x')$$),
('sec_operator', 'cannot swap with an infinite min_out', '22023', $$SELECT * FROM pool_swap(1, '0x1000000000000000000000000000000000000001', 'eip155:1/slip44:60', 10, 'Infinity', 'sec-x')$$),
('sec_operator', 'cannot transfer with an empty ref', '22023', $$SELECT * FROM transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, '')$$),
('sec_operator', 'cannot transfer with a megabyte ref', '22023', $$SELECT * FROM transfer('0x1000000000000000000000000000000000000001', '0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, repeat('r', 1048576))$$),
('sec_treasury', 'cannot deposit with a megabyte ref', '22023', $$SELECT * FROM deposit('0x4000000000000000000000000000000000000004', 'eip155:1/slip44:60', 1, repeat('r', 1048576))$$),
('sec_operator', 'cannot propose a change that never expires', '22023', $$SELECT propose_change('eip155:1/erc721:0x00000000000000000000000000000000005ec001/1', '{"royalty_bps": 100}', '0x2000000000000000000000000000000000000002', 'infinity')$$),
('sec_app', 'cannot execute an order with a high-s signature', 'CD022', $$SELECT * FROM execute_order(order_typed_data('Transfer', jsonb_build_object(
     'signer', '0x1000000000000000000000000000000000000001', 'to', '0x4000000000000000000000000000000000000004',
     'asset', 'eip155:1/slip44:60', 'amount', '1', 'nonce', '2', 'deadline', '4102444800')),
     decode(repeat('11', 32) || repeat('ff', 32) || '1b', 'hex'))$$);

-- 7. wallet identity: sessions are written only by wallet_login and
-- wallet_logout, and the wallet app role reads and acts only for the
-- session's wallet ('SELECT 1 / (amount * 0) FROM wallet_holdings' fails only when
-- the session sees a holding)
INSERT INTO cases (role, what, want, stmt) VALUES
('sec_nobody', 'cannot ask whose session it is', '42501', $$SELECT current_wallet()$$),
('sec_nobody', 'cannot read the wallet views', '42501', $$SELECT * FROM wallet_holdings$$),
('sec_nobody', 'cannot issue a nonce', '42501', $$SELECT siwe_nonce('app.example')$$),
('sec_reader', 'cannot sign in', '42501', $$SELECT wallet_login('x', '\x00')$$),
('sec_reader', 'cannot forge a session', '42501', $$INSERT INTO wallet_sessions VALUES (sha256('t'), '0x1000000000000000000000000000000000000001', 1, 'secNonce3', now(), now() + interval '1 day')$$),
('sec_app', 'cannot forge a session', '42501', $$INSERT INTO wallet_sessions VALUES (sha256('t'), '0x1000000000000000000000000000000000000001', 1, 'secNonce3', now(), now() + interval '1 day')$$),
('sec_app', 'cannot extend a session', '42501', $$UPDATE wallet_sessions SET expires_at = 'infinity'$$),
('sec_treasury', 'cannot free a used nonce', '42501', $$UPDATE siwe_nonces SET used_at = NULL$$),
('sec_operator', 'cannot delete sessions', '42501', $$DELETE FROM wallet_sessions$$),
('sec_operator', 'cannot hash tokens', '42501', $$SELECT wallet_token_hash('sec-live-token')$$),
('sec_wallet', 'reads no session table', '42501', $$SELECT * FROM wallet_sessions$$),
('sec_wallet', 'reads no nonce table', '42501', $$SELECT * FROM siwe_nonces$$),
('sec_wallet', 'cannot forge a session', '42501', $$INSERT INTO wallet_sessions VALUES (sha256('t'), '0x1000000000000000000000000000000000000001', 1, 'secNonce3', now(), now() + interval '1 day')$$),
('sec_wallet', 'cannot read the event cursor', '42501', $$SELECT * FROM ledger_events(0)$$),
('sec_wallet', 'sees no holding without a session', '00000', $$SELECT 1 / (amount * 0) FROM wallet_holdings$$),
('sec_wallet', 'sees the holder''s holdings with its token', '22012',
     $$SET LOCAL creative_defi.session_token = 'sec-live-token'; SELECT 1 / (amount * 0) FROM wallet_holdings$$),
('sec_wallet', 'sees nothing with the expired token', '00000',
     $$SET LOCAL creative_defi.session_token = 'sec-expired-token'; SELECT 1 / (amount * 0) FROM wallet_holdings$$),
('sec_wallet', 'cannot issue a nonce that lives over a day', '22023', $$SELECT siwe_nonce('app.example', interval '2 days')$$),
('sec_wallet', 'cannot issue a nonce for no domain', '22004', $$SELECT siwe_nonce(NULL)$$),
('sec_wallet', 'cannot sign in with a megabyte of garbage', '22P02', $$SELECT wallet_login(repeat('a', 1048576), '\x00')$$),
('sec_wallet', 'cannot sign in with CR LF line ends', '22P02', $$SELECT wallet_login(E'login.xyz wants you to sign in with your Ethereum account:\r\n0x9D85ca56217D2bb651b00f15e694EB7E713637D4', '\x00')$$),
('sec_wallet', 'cannot sign in with a nonce it was not issued', 'CD075', $$SELECT wallet_login(E'login.xyz wants you to sign in with your Ethereum account:\n0x9D85ca56217D2bb651b00f15e694EB7E713637D4\n\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: secNonce9\nIssued At: 2022-01-27T17:09:38.578Z', '\x00')$$),
('sec_wallet', 'cannot execute an order without a session', 'CD078', $$SELECT * FROM wallet_execute_order(order_typed_data('Transfer', jsonb_build_object(
     'signer', '0x1000000000000000000000000000000000000001', 'to', '0x4000000000000000000000000000000000000004',
     'asset', 'eip155:1/slip44:60', 'amount', '1', 'nonce', '1', 'deadline', '4102444800')), decode(repeat('11', 64) || '1b', 'hex'))$$),
('sec_wallet', 'cannot execute an order another wallet signs, before it runs', 'CD079',
     $$SET LOCAL creative_defi.session_token = 'sec-live-token';
       SELECT * FROM wallet_execute_order(order_typed_data('Transfer', jsonb_build_object(
     'signer', '0x4000000000000000000000000000000000000004', 'to', '0x1000000000000000000000000000000000000001',
     'asset', 'eip155:1/slip44:60', 'amount', '1', 'nonce', '1', 'deadline', '4102444800')), decode(repeat('11', 64) || '1b', 'hex'))$$),
('sec_wallet', 'cannot cancel another wallet''s nonce', 'CD079',
     $$SET LOCAL creative_defi.session_token = 'sec-live-token';
       SELECT * FROM wallet_cancel_nonce(order_typed_data('Cancel', jsonb_build_object(
     'signer', '0x4000000000000000000000000000000000000004', 'nonce', '1')), decode(repeat('11', 64) || '1b', 'hex'))$$),
('sec_wallet', 'cannot approve a proposal it does not see', 'CD032',
     $$SET LOCAL creative_defi.session_token = 'sec-live-token'; SELECT * FROM wallet_approve_change(1, '\x00')$$);

CREATE FUNCTION pg_temp.run_case(c cases) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    v_state text;
    v_message text;
BEGIN
    BEGIN
        EXECUTE format('SET LOCAL ROLE %I', c.role);
        EXECUTE c.stmt;
        RAISE SQLSTATE 'ZZ000';   -- roll the case back, successful or not
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
    END;
    IF v_state = 'ZZ000' THEN
        v_state := '00000';
        v_message := 'succeeded';
    END IF;
    RETURN CASE WHEN v_state = c.want THEN format('passed: %s %s (%s)', c.role, c.what, v_state)
                ELSE format('FAILED: %s %s: expected %s, got %s: %s', c.role, c.what, c.want, v_state, v_message) END;
END
$$;
SELECT pg_temp.run_case(c) FROM cases c ORDER BY c.n;

-- the hostile cases left the books intact
SELECT CASE WHEN bool_and(ok) THEN 'passed: ledger_verify() is all ok after the hostile cases'
            ELSE 'FAILED: ledger_verify(): ' || string_agg("check" || ' ' || detail, '; ') FILTER (WHERE NOT ok) END
  FROM ledger_verify();
