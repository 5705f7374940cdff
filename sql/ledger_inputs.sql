-- ledger_inputs: bad input at the ledger's edges (issue 14): slippage
-- limits out of uint256, empty and oversized refs, non-finite proposal
-- expiries, the bounded search of approve_change for the proposal a
-- stray signature approves, and the cause named for signatures that
-- ecrecover refuses.
--
-- It runs in a database of its own: the ledger suites after it continue
-- from the state (and journal ids) that the ones before it left.
SELECT current_database() AS regress_db \gset
CREATE DATABASE cd_regress_inputs;
\c cd_regress_inputs
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, regress, public;
-- regress.expect_error, as sql/00_setup.sql makes it
\i test/shared/regress_expect_error.sql

-- Fixtures, made with ethers v6 signTypedData (test/interop/gen_signatures.mjs):
-- alice's Buy order 'buy1' (sql/orders_execute.sql) and carol's Approve of
-- proposal 1 (sql/approvals_change.sql), which this file makes again
-- exactly (same asset, change and expiry under the same domain).
--   alice 0xd67d818d59e71e7b063fba833f52ec30ea01c2e9 (trader)
--   carol 0xac134f13135d59f60e57d4810bd35144584ee1d5, dave 0xe198961df8cc7eef266267de5708721269a8821f,
--   erin 0x50178c07fffb9dacd3a5f4940a3e2858d81ff975 (approvers)
--   frank 0x0111a5e2d150f626120c319fca20125435d155c5 (proposer)
CREATE TEMP TABLE signed (name text PRIMARY KEY, typed_data jsonb, signature bytea NOT NULL);
INSERT INTO signed VALUES
  ('buy1', '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Buy":[{"name":"signer","type":"address"},{"name":"asset","type":"string"},{"name":"amount","type":"uint256"},{"name":"maxCost","type":"uint256"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]},"primaryType":"Buy","domain":{"name":"creative_defi","version":"1","chainId":"1","verifyingContract":"0x00000000000000000000000000000000c0ffee00"},"message":{"signer":"0xd67d818d59e71e7b063fba833f52ec30ea01c2e9","asset":"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769","amount":"3","maxCost":"500","nonce":"1","deadline":"4102444800"}}', '\x4d1842723480e563865df5b72662ea6d94ac221ac1b5f4c479fecde66e16905859f6ac39552b7326d2d3031a94f6c8e1ec24afc84e80e40087cc176c690eee631b'),
  ('carol1', NULL, '\xb56b823766d25c641ecd5850fa22603575fe4c5e29884716345af2561aa05eff21b953b4f6f8dffaf699a0c7d217568cde2e48785a7ecbba5a0ca913f8b6d9051c');
CREATE FUNCTION pg_temp.td(text) RETURNS jsonb LANGUAGE sql AS $$ SELECT typed_data FROM signed WHERE name = $1 $$;
CREATE FUNCTION pg_temp.sig(text) RETURNS bytea LANGUAGE sql AS $$ SELECT signature FROM signed WHERE name = $1 $$;
-- The malleable twin of a 65-byte signature: s' = n - s and v flipped.  It
-- checks under plain ECDSA for the same key and digest, but is high-s.
CREATE FUNCTION pg_temp.high_s_twin(sig bytea) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
    n numeric := 115792089237316195423570985008687907852837564279074904382605163141518161494337;
    s numeric := 0;
BEGIN
    FOR i IN 32 .. 63 LOOP
        s := s * 256 + get_byte(sig, i);
    END LOOP;
    RETURN substr(sig, 1, 32) || substr(ledger_encode_amount(n - s), 2)
           || set_byte('\x00'::bytea, 0, 55 - get_byte(sig, 64));
END
$$;

SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
-- a song on a linear curve priced in ETH; alice holds 100000 wei; two
-- tokens for a pool that pia deposited
SELECT txn_id FROM register_asset('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', 'eip155:1/slip44:60',
    'linear(base=100, slope=10)', '0xac134f13135d59f60e57d4810bd35144584ee1d5=100%', '0xac134f13135d59f60e57d4810bd35144584ee1d5', 250);
SELECT moved FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 100000, 'alice-in');
SELECT moved FROM deposit('0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000000, 'pia-a');
SELECT moved FROM deposit('0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 1000000, 'pia-b');
SELECT pool_id FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2');
SELECT liquidity FROM pool_add_liquidity(1, '0x1111111111111111111111111111111111111111', 100000, 100000, 0, 'pia-add');

-- 1. Slippage limits are whole numbers from 0 to 2^256 - 1, like the
--    amounts they bound: Infinity and 2^256 are refused (22023), in buy,
--    sell and the three pool functions
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 'Infinity', 'lim-1')$$);
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 115792089237316195423570985008687907853269984665640564039457584007913129639936, 'lim-1')$$);
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, '-Infinity', 'lim-1')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 'Infinity', 'lim-2')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity(1, '0x1111111111111111111111111111111111111111', 10, 10, 'Infinity', 'lim-3')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity(1, '0x1111111111111111111111111111111111111111', 10, 'Infinity', 0, 'lim-4')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity(1, '0x1111111111111111111111111111111111111111', 10, 0, 115792089237316195423570985008687907853269984665640564039457584007913129639936, 'lim-4')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap(1, '0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 10, 'Infinity', 'lim-5')$$);
-- 2^256 - 1 is the largest limit: it sets no limit on the cost
SELECT bought, paid FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 2,
    115792089237316195423570985008687907853269984665640564039457584007913129639935, 'lim-6');
-- limits are journaled without trailing zeros, as amounts are
SELECT bought, paid FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 5000.00, 'lim-7');
SELECT received FROM sell('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 10.0, 'lim-8');
SELECT amount_out FROM pool_swap(1, '0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 900.000, 'lim-9');
SELECT ref, request FROM ledger_transactions WHERE ref IN ('lim-7', 'lim-8', 'lim-9') ORDER BY id;

-- 2. A ref is 1 to 255 bytes (22023): every function that takes one
--    checks it before it takes any lock
SELECT * FROM expect_error($$SELECT * FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, '')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, repeat('r', 256))$$);
-- bytes, not characters: 128 two-byte characters are too many
SELECT * FROM expect_error($$SELECT * FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, repeat('é', 128))$$);
-- a megabyte is refused the same way, not by the btree's row-size limit (54000)
SELECT * FROM expect_error($$SELECT * FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, repeat('r', 1048576))$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, '')$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', '0x1111111111111111111111111111111111111111', 'eip155:1/slip44:60', 1, repeat('r', 256))$$);
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 5000, '')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 0, repeat('r', 256))$$);
SELECT * FROM expect_error($$SELECT * FROM distribute('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, '')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity(1, '0x1111111111111111111111111111111111111111', 10, 10, 0, '')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity(1, '0x1111111111111111111111111111111111111111', 10, 0, 0, repeat('r', 256))$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap(1, '0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 10, 0, '')$$);
-- 255 bytes are accepted, and so is the longest ref execute_order builds,
-- 'order:<signer>:<nonce>' with a 78-digit nonce (127 bytes)
SELECT moved, octet_length(repeat('r', 255)) AS ref_bytes
  FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1, repeat('r', 255));
SELECT bought, octet_length(r.ref) AS ref_bytes
  FROM (SELECT 'order:' || '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9'::eth_address::text || ':'
               || '115792089237316195423570985008687907853269984665640564039457584007913129639935' AS ref) r,
       buy('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 1, 5000, r.ref);

-- 3. propose_change: expires_at must be finite and before the year 10000
--    (22023); the last second allowed is accepted in 4. below
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f',
          '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975']::eth_address[], 2);
SELECT * FROM expect_error($$SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"paused": true}', '0x0111a5e2d150f626120c319fca20125435d155c5', 'infinity')$$);
SELECT * FROM expect_error($$SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"paused": true}', '0x0111a5e2d150f626120c319fca20125435d155c5', '-infinity')$$);
SELECT * FROM expect_error($$SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"paused": true}', '0x0111a5e2d150f626120c319fca20125435d155c5', '10000-01-01 00:00:00+00')$$);
SELECT count(*) AS proposals FROM approval_proposals;

-- 4. approve_change looks for the proposal a stray approver's signature
--    approves among the asset's 10 most recent other proposals only.
--    Proposal 1 is the one carol signed:
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"curve": "linear(base=55.0, slope=20)"}',
                      '0x0111a5e2d150f626120c319fca20125435d155c5', '2100-01-01 00:00:00+00') AS proposal;
SELECT eip712_recover(approval_typed_data(1), pg_temp.sig('carol1')) AS carol;
-- proposal 2 expires at the last second allowed (unix 253402300799)
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"royalty_bps": 2}',
                      '0x0111a5e2d150f626120c319fca20125435d155c5', '9999-12-31 23:59:59.9+00') AS proposal;
SELECT approval_typed_data(2) -> 'message' ->> 'expiry' AS expiry;
-- proposals 3 to 11
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', jsonb_build_object('royalty_bps', i),
                      '0x0111a5e2d150f626120c319fca20125435d155c5', '2100-01-01 00:00:00+00') AS proposal
  FROM generate_series(3, 11) AS i;
-- handed in for proposal 11, carol's signature of proposal 1 is recognised:
-- proposal 1 is among the 10 before it (CD037)
SELECT * FROM expect_error($$SELECT * FROM approve_change(11, pg_temp.sig('carol1'))$$);
-- one proposal more and it is not looked for: the generic CD035
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"royalty_bps": 12}',
                      '0x0111a5e2d150f626120c319fca20125435d155c5', '2100-01-01 00:00:00+00') AS proposal;
SELECT * FROM expect_error($$SELECT * FROM approve_change(12, pg_temp.sig('carol1'))$$);
-- and it still approves proposal 1
SELECT approver, approvals, required, applied FROM approve_change(1, pg_temp.sig('carol1'));

-- 5. Signatures that ecrecover refuses: the error names the defect.
--    The high-s twin of a valid signature (the same key and digest) and
--    other malformed ones recover no address:
SELECT ecrecover(eip712_hash(pg_temp.td('buy1')), pg_temp.sig('buy1')) AS alice,
       ecrecover(eip712_hash(pg_temp.td('buy1')), pg_temp.high_s_twin(pg_temp.sig('buy1'))) AS twin,
       substr(pg_temp.high_s_twin(pg_temp.sig('buy1')), 1, 32) = substr(pg_temp.sig('buy1'), 1, 32) AS same_r;
-- execute_order (CD022): high s, a v that is not 27/28/0/1, r = 0, an r
-- off the curve; a wrong length is refused by ecrecover itself (22023)
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('buy1'), pg_temp.high_s_twin(pg_temp.sig('buy1')))$$);
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('buy1'), overlay(pg_temp.sig('buy1') PLACING '\x1d'::bytea FROM 65))$$);
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('buy1'), overlay(pg_temp.sig('buy1') PLACING decode(repeat('00', 32), 'hex') FROM 1))$$);
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('buy1'), decode(repeat('00', 31) || '05' || repeat('00', 31) || '01' || '1b', 'hex'))$$);
SELECT * FROM expect_error($$SELECT * FROM execute_order(pg_temp.td('buy1'), substr(pg_temp.sig('buy1'), 1, 64) || '\x1b00'::bytea)$$);
-- approve_change (CD035): the same causes
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, pg_temp.high_s_twin(pg_temp.sig('carol1')))$$);
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, overlay(pg_temp.sig('carol1') PLACING '\x02'::bytea FROM 65))$$);
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, overlay(pg_temp.sig('carol1') PLACING '\xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'::bytea FROM 33))$$);
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, decode(repeat('00', 31) || '05' || repeat('00', 31) || '01' || '1c', 'hex'))$$);
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, substr(pg_temp.sig('carol1'), 1, 63))$$);
-- the helper on its own: the EIP-2098 compact form (its top bit is the y
-- parity, not part of s), and a length ecrecover would have refused
SELECT order_signature_defect(decode(repeat('00', 31) || '01' || 'ff' || repeat('ff', 31), 'hex')) AS compact_high_s,
       order_signature_defect(decode(repeat('00', 31) || '05' || '80' || repeat('00', 30) || '01', 'hex')) AS compact_off_curve,
       order_signature_defect(decode(repeat('00', 10), 'hex')) AS short;
-- a refused signature consumed no nonce and left the ledger consistent
SELECT count(*) AS nonces FROM order_nonces;
SELECT "check", ok FROM ledger_verify();

\c :regress_db
DROP DATABASE cd_regress_inputs;
