-- provenance: register_derivative (an asset with its parents in one call),
-- link changes of works with approvers through approve_link, and generated
-- works registered with a provenance record signed by their generator
-- (docs/provenance.md); every refusal

SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
-- works on a linear curve, paid in one currency, each split to one wallet;
-- 3 is a model, 4 a data set
CREATE TEMP TABLE pv_works AS
SELECT w.name, ('eip155:1/erc721:0x00000000000000000000000000000000000001b1/' || w.n)::asset AS asset,
       ('0x' || lpad(to_hex(w.n * 19), 40, '0'))::eth_address AS wallet
  FROM unnest(ARRAY['A', 'B', 'MODEL', 'DATA']) WITH ORDINALITY AS w(name, n);
SELECT count(*) AS registered FROM pv_works w,
       register_asset(w.asset, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', linear_curve(1000, 10),
                      (w.wallet::text || '=100%')::royalty_split, w.wallet) r;
CREATE FUNCTION pg_temp.pw(n integer) RETURNS asset LANGUAGE sql
    AS $$ SELECT ('eip155:1/erc721:0x00000000000000000000000000000000000001b1/' || n)::asset $$;
-- signatures made by ethers (cd test/interop && node gen_signatures.mjs provenance)
CREATE TEMP TABLE approvals (name text, proposal_id bigint, signature bytea);
CREATE TEMP TABLE records (name text, signature bytea);
INSERT INTO approvals VALUES
  ('carol', 1, '\x6eee3b3e76c44714ee35ede5d308e0ae4dce758efeee50ce2c62eaf598204d084f2905f0a01e19f2bb0f681910fa6f291e492610dd4707d9e6bfa4e32badb76a1c'),
  ('dave', 1, '\x07fa8b2a5aebb1db26668f6e923a223cf10491442843a081fbfa29cbc20d83a8614e41bb02f9488aae5f9052fa8f119c17486240f8eb154d23dbdcd92af9c5381b'),
  ('frank', 1, '\x94c156eee53c96fbd7cd0cfc4b38ff6047b35861525ee67cd897af1453a3ba76527342b44003285a60cd5e64317c5b5cd7da806e76f4e86ca854e4140138eecd1c');
INSERT INTO records VALUES
  ('gen', '\xf7c28761333fc3757ab369e9c7011adb6672cc146c376e0c76f09192dbae6643144a497c8a1634009e01de0451cb948cff22f4083e25f0f3b08e51576f4bf81b1b'),
  ('gen_by_frank', '\x1ff23569e9f4ced1f5fc88ed20e93bb128fb13ebebcc0ac1adeacbd5c77a66212b8fa107f370f44990e99b4f6205a004339552b57e5b6cebf4f672d9e84d5f081c'),
  ('gen_again', '\x49952ee330863f3a9d947d4bf267bbbd097e9733d472072a2dc7768c8efa84883fd69dba00669859ce3b9dea83fa29fad1c188ceed98e7dcb6cc514cdf001c571c');

-- register_derivative: work 10 made from A (absolute 5%) and the model
-- (relative 10%), registered and linked in one call
SELECT txn_id > 0 AS registered, reserve_account IS NOT NULL AS has_reserve, cardinality(link_txn_ids) AS links,
       link_txn_ids[1] = txn_id + 1 AND link_txn_ids[2] = txn_id + 2 AS in_order
  FROM register_derivative(pg_temp.pw(10), 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
       linear_curve(1000, 10), '0x00000000000000000000000000000000000000aa=100%', '0x00000000000000000000000000000000000000aa',
       jsonb_build_array(jsonb_build_object('parent', pg_temp.pw(1)::text, 'policy', 'absolute', 'license_bps', 500),
                         jsonb_build_object('parent', pg_temp.pw(3)::text, 'policy', 'relative', 'license_bps', 1000)));
SELECT t.kind, t.asset, t.request FROM ledger_transactions t
 WHERE t.asset = pg_temp.pw(10) ORDER BY t.id;
SELECT royalty_stack(pg_temp.pw(10));
SELECT * FROM lineage(pg_temp.pw(10));

-- refusals: nothing is registered by a call that fails
SELECT * FROM regress.expect_errors($$SELECT register_derivative(pg_temp.pw(11), 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
       linear_curve(1000, 10), '0x00000000000000000000000000000000000000aa=100%%', '0x00000000000000000000000000000000000000aa', %s)$$,
    'NULL', $$'{}'$$, $$'[]'$$, $$'[1]'$$, $$'[{"parent": "x"}]'$$,
    $$'[{"parent": "eip155:1/slip44:60", "policy": "absolute", "license_bps": 1.5}]'$$,
    $$'[{"parent": "eip155:1/slip44:60", "policy": "absolute", "license_bps": 100, "extra": 1}]'$$,
    $$'[{"parent": "not an asset", "policy": "absolute", "license_bps": 100}]'$$,
    $$'[{"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/1", "policy": "both", "license_bps": 100}]'$$,
    $$'[{"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/99", "policy": "absolute", "license_bps": 100}]'$$,
    $$'[{"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/11", "policy": "absolute", "license_bps": 100}]'$$,
    $$'[{"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/1", "policy": "absolute", "license_bps": 100},
        {"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/1", "policy": "relative", "license_bps": 100}]'$$,
    $$'[{"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/1", "policy": "absolute", "license_bps": 6000},
        {"parent": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/2", "policy": "absolute", "license_bps": 5000}]'$$);
SELECT count(*) AS registered_11 FROM ledger_assets WHERE asset = pg_temp.pw(11);

-- link changes of a work with approvers: carol, dave, erin, 2 of 3
SELECT set_approvers(pg_temp.pw(10), ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f',
    '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975']::eth_address[], 2);
SELECT * FROM regress.expect_error($$SELECT link_derivative(pg_temp.pw(10), pg_temp.pw(2), 'absolute', 300)$$);
SELECT propose_link(pg_temp.pw(10), pg_temp.pw(2), 'absolute', 300, '0x0111a5e2d150f626120c319fca20125435d155c5',
                    '2100-01-01 00:00:00+00');
SELECT link_approval_typed_data(1) -> 'message' AS message, link_approval_typed_data(1) -> 'types' -> 'ApproveLink' AS type;
SELECT approver, approvals, required, applied, txn_id FROM approve_link(1, (SELECT signature FROM approvals WHERE name = 'carol'));
SELECT * FROM regress.expect_error($$SELECT approve_link(1, (SELECT signature FROM approvals WHERE name = 'carol'))$$);
SELECT * FROM regress.expect_error($$SELECT approve_link(1, (SELECT signature FROM approvals WHERE name = 'frank'))$$);
SELECT * FROM regress.expect_error($$SELECT approve_link(1, '\x0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000')$$);
SELECT approver, approvals, required, applied, txn_id > 0 AS journaled
  FROM approve_link(1, (SELECT signature FROM approvals WHERE name = 'dave'));
SELECT l.policy, l.license_bps, p.applied_txn = l.txn_id AS proposal_applied
  FROM lineage_links l JOIN lineage_link_proposals p ON p.child = l.child AND p.parent = l.parent WHERE p.id = 1;
SELECT t.kind, t.ref, t.request -> 'signatures' AS signatures, t.result FROM ledger_transactions t WHERE t.kind = 'link_approval';
SELECT royalty_stack(pg_temp.pw(10));
-- (journal ids depend on the tests run before: shown as N)
SELECT error_code, message, regexp_replace(detail, '\d+', 'N') AS detail
  FROM regress.expect_error($$SELECT approve_link(1, (SELECT signature FROM approvals WHERE name = 'dave'))$$);
SELECT * FROM regress.expect_error($$SELECT approve_link(99, (SELECT signature FROM approvals WHERE name = 'dave'))$$);
SELECT * FROM regress.expect_error($$SELECT link_approval_typed_data(99)$$);
-- an expired proposal (its expiry moved into the past behind the
-- functions' back, as the superuser running this can)
SELECT propose_link(pg_temp.pw(10), pg_temp.pw(2), 'relative', 100, '0x0111a5e2d150f626120c319fca20125435d155c5') AS second_proposal;
UPDATE lineage_link_proposals SET expires_at = '2000-01-01 00:00:00+00' WHERE id = 2;
SELECT * FROM regress.expect_error($$SELECT approve_link(2, (SELECT signature FROM approvals WHERE name = 'dave'))$$);
SELECT * FROM regress.expect_errors($$SELECT propose_link(%s, '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$pg_temp.pw(1), pg_temp.pw(2), 'absolute', 100$$,
    $$pg_temp.pw(10), pg_temp.pw(99), 'absolute', 100$$,
    $$pg_temp.pw(10), pg_temp.pw(2), 'both', 100$$,
    $$pg_temp.pw(10), pg_temp.pw(2), 'absolute', 0$$,
    $$pg_temp.pw(10), NULL, 'absolute', 100$$);
SELECT * FROM regress.expect_error($$SELECT propose_link(pg_temp.pw(10), pg_temp.pw(2), 'absolute', 100, '0x0111a5e2d150f626120c319fca20125435d155c5', '2000-01-01 00:00:00+00')$$);
-- a work without approvers is linked directly, as before
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.pw(2), pg_temp.pw(1), 'relative', 100);

-- AI provenance: erin generated work 20 from the model (15%) and the data
-- set (5%), and signed the record
SELECT provenance_typed_data(pg_temp.pw(20), keccak256(convert_to('a generated image', 'UTF8')),
    '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975',
    '[{"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/3", "weight_bps": 1500},
      {"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/4", "weight_bps": 500}]') AS typed_data;
CREATE FUNCTION pg_temp.generate(work integer, signature text, content text DEFAULT 'a generated image')
RETURNS TABLE(txn_id bigint, provenance_txn_id bigint) LANGUAGE sql AS $$
    SELECT g.txn_id, g.provenance_txn_id
      FROM register_generated_work(pg_temp.pw(work), 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
           linear_curve(1000, 10), '0x00000000000000000000000000000000000000bb=100%', '0x00000000000000000000000000000000000000bb',
           keccak256(convert_to(content, 'UTF8')), '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975',
           '[{"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/3", "weight_bps": 1500},
             {"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/4", "weight_bps": 500}]',
           (SELECT r.signature FROM records r WHERE r.name = generate.signature)) g $$;
SELECT * FROM regress.expect_error($$SELECT pg_temp.generate(20, 'gen_by_frank')$$);
SELECT * FROM regress.expect_error($$SELECT pg_temp.generate(20, 'gen', 'another image')$$);
SELECT provenance_txn_id > txn_id AS journaled_after FROM pg_temp.generate(20, 'gen');
SELECT work, encode(content_hash, 'hex') AS content_hash, generator, sources, encode(record_hash, 'hex') AS record_hash
  FROM provenance_records;
SELECT encode(eip712_hash(provenance_typed_data(pg_temp.pw(20), keccak256(convert_to('a generated image', 'UTF8')),
    '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975',
    '[{"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/3", "weight_bps": 1500},
      {"asset": "eip155:1/erc721:0x00000000000000000000000000000000000001b1/4", "weight_bps": 500}]')), 'hex') AS digest;
SELECT l.parent, l.policy, l.license_bps FROM lineage_links l WHERE l.child = pg_temp.pw(20) ORDER BY l.parent::text;
SELECT royalty_stack(pg_temp.pw(20));
-- the same content again, for another work, signed by erin
SELECT * FROM regress.expect_error($$SELECT pg_temp.generate(21, 'gen_again')$$);
SELECT * FROM regress.expect_errors($$SELECT provenance_typed_data(pg_temp.pw(20), %s)$$,
    $$'\x00', '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', '[]'$$,
    $$'\x0000000000000000000000000000000000000000000000000000000000000000', '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', '[]'$$,
    $$'\x0000000000000000000000000000000000000000000000000000000000000000', '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', '[{"asset": "eip155:1/slip44:60", "weight_bps": 0}]'$$,
    $$'\x0000000000000000000000000000000000000000000000000000000000000000', '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', '[{"asset": "eip155:1/slip44:60", "weight_bps": 1}, {"asset": "eip155:1/slip44:60", "weight_bps": 2}]'$$,
    $$NULL, '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', '[]'$$);

-- a payment into the generated work pays the model and the data set
SELECT moved FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
                          1000, 'pv-fan');
SELECT distributed FROM distribute(pg_temp.pw(20), '0x52908400098527886e0f7030069857d2e4169ee7', 1000, 'pv-tip');
SELECT p.account, p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id
 WHERE t.ref = 'pv-tip' ORDER BY p.n;

SELECT "check", ok FROM ledger_verify() WHERE NOT ok;
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'provenance';
BEGIN;
UPDATE provenance_records SET generator = '0x0111a5e2d150f626120c319fca20125435d155c5';
SELECT "check", ok, regexp_replace(detail, 'transaction \d+', 'transaction N') AS detail
  FROM ledger_verify() WHERE "check" = 'provenance';
ROLLBACK;
BEGIN;
ALTER TABLE ledger_transactions DISABLE TRIGGER USER;
UPDATE ledger_transactions SET request = jsonb_set(request, '{signature}', to_jsonb('0x' || encode((SELECT signature FROM records WHERE name = 'gen_by_frank'), 'hex')))
 WHERE kind = 'provenance';
UPDATE provenance_records SET signature = (SELECT signature FROM records WHERE name = 'gen_by_frank');
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'provenance';
ROLLBACK;
