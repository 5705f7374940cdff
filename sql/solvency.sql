-- solvency (docs/solvency.md): liabilities snapshots, inclusion proofs,
-- their verifier and the ledger_verify() check.  Salts are random, so
-- roots and hashes are compared, never shown.  In a database of its own,
-- so that its sequence numbers do not depend on the suites before it.
SELECT current_database() AS regress_db \gset
CREATE DATABASE cd_regress_solvency;
\c cd_regress_solvency
SET client_min_messages = warning;
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, regress, public;
\i test/shared/regress_expect_error.sql
\set usdc '''eip155:1/erc20:0x00000000000000000000000000000000000050a1'''
\set rand '''eip155:1/erc20:0x00000000000000000000000000000000000050a3'''
\set alice '''0x00000000000000000000000000000000000a11ce'''
\set bob '''0x0000000000000000000000000000000000000b0b'''
\set carol '''0x000000000000000000000000000000000000ca01'''

-- a reference implementation for the test, from keccak256() alone
CREATE FUNCTION regress.u256be(x numeric) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    b bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
BEGIN
    FOR i IN REVERSE 31..0 LOOP
        b := set_byte(b, i, (x % 256)::int);
        x := div(x, 256);
    END LOOP;
    RETURN b;
END
$$;
-- the root and total of leaves (account, balance, salt) in account order
CREATE FUNCTION regress.sum_tree_root(accounts bytea[], balances numeric[], salts bytea[],
    OUT root bytea, OUT total numeric) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    h bytea[];
    s numeric[];
    nh bytea[];
    ns numeric[];
    rh bytea;
    rs numeric;
BEGIN
    FOR i IN 1..array_length(accounts, 1) LOOP
        h[i] := keccak256(convert_to('creative_defi.solvency.leaf', 'UTF8') || accounts[i]
                          || regress.u256be(balances[i]) || salts[i]);
        s[i] := balances[i];
    END LOOP;
    WHILE array_length(h, 1) > 1 LOOP
        nh := '{}'; ns := '{}';
        FOR i IN 1..array_length(h, 1) BY 2 LOOP
            rh := coalesce(h[i + 1], '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
            rs := coalesce(s[i + 1], 0);
            nh := nh || keccak256(convert_to('creative_defi.solvency.node', 'UTF8') || h[i] || regress.u256be(s[i])
                                  || rh || regress.u256be(rs));
            ns := ns || (s[i] + rs);
        END LOOP;
        h := nh; s := ns;
    END LOOP;
    root := h[1]; total := s[1];
END
$$;

SELECT txn_id > 0 AS deposited FROM deposit(:alice, :usdc, 500, 'solv-1');
SELECT txn_id > 0 AS deposited FROM deposit(:bob, :usdc, 300, 'solv-2');
SELECT txn_id > 0 AS deposited FROM deposit(:carol, :usdc, 200, 'solv-3');
SELECT txn_id > 0 AS transferred FROM transfer(:carol, :bob, :usdc, 200, 'solv-4');

-- the snapshot: bob (500) and alice (500); carol holds nothing now and
-- the world account (a system account) never counts
CREATE TEMP TABLE snap AS SELECT * FROM liabilities_snapshot(:usdc, 'snap-1');
SELECT leaf_count, total, octet_length(root) AS root_len FROM snap;
SELECT s.seq = c.seq AND s.journal_head = c.hash AS at_a_chained_head
  FROM snap s JOIN ledger_chain c ON c.seq = s.seq;
SELECT s.seq = (SELECT max(seq) FROM ledger_chain) AS at_the_head FROM snap s;
SELECT position, account, balance FROM liabilities_leaves WHERE snapshot_id = (SELECT snapshot_id FROM snap) ORDER BY position;
SELECT level, octet_length(nodes) AS bytes FROM liabilities_levels
 WHERE snapshot_id = (SELECT snapshot_id FROM snap) ORDER BY level;
-- the root against the reference built here
SELECT (t.ref).root = t.root AND (t.ref).total = t.total AS root_matches_reference
  FROM (SELECT regress.sum_tree_root(array_agg(eth_address_to_bytea(l.account) ORDER BY l.position),
                                     array_agg(l.balance ORDER BY l.position), array_agg(l.salt ORDER BY l.position)) AS ref,
               s.root, s.total
          FROM liabilities_leaves l, snap s WHERE l.snapshot_id = s.snapshot_id GROUP BY s.root, s.total) t;
-- salts are distinct and not all zero
SELECT count(DISTINCT salt) = 2 AND bool_and(salt <> '\x0000000000000000000000000000000000000000000000000000000000000000') AS salts_random
  FROM liabilities_leaves WHERE snapshot_id = (SELECT snapshot_id FROM snap);

-- the proof: its shape and members, and it verifies
CREATE TABLE regress.proof AS SELECT liabilities_proof(snapshot_id, :alice) AS p FROM snap;
SELECT jsonb_object_keys(p) AS member FROM regress.proof ORDER BY 1;
SELECT p->>'account' AS account, p->>'balance' AS balance, p->'index' AS index, p->'leaf_count' AS leaf_count,
       jsonb_array_length(p->'path') AS levels, p->'path'->0->>'sum' AS sibling_sum, p->>'total' AS total,
       p->>'asset' AS asset
  FROM regress.proof;
SELECT liabilities_verify(p) AS verifies FROM regress.proof;
SELECT p->>'root' = '0x' || encode(s.root, 'hex') AND p->>'journal_head' = '0x' || encode(s.journal_head, 'hex')
       AND (p->>'snapshot')::bigint = s.snapshot_id AND (p->>'seq')::bigint = s.seq AS names_its_snapshot
  FROM regress.proof, snap s;
SELECT bool_and(liabilities_verify(liabilities_proof(s.snapshot_id, l.account))) AS every_proof_verifies
  FROM snap s JOIN liabilities_leaves l ON l.snapshot_id = s.snapshot_id;

-- any change of balance, salt, sibling, sum, index, leaf or total is refused
SELECT what, liabilities_verify(t) AS verifies
  FROM regress.proof, LATERAL (VALUES
    ('balance + 1', jsonb_set(p, '{balance}', to_jsonb(((p->>'balance')::numeric + 1)::text))),
    ('balance - 1', jsonb_set(p, '{balance}', to_jsonb(((p->>'balance')::numeric - 1)::text))),
    ('balance - 1 without leaf', jsonb_set(p - 'leaf', '{balance}', to_jsonb(((p->>'balance')::numeric - 1)::text))),
    ('salt', jsonb_set(p, '{salt}', to_jsonb(overlay(p->>'salt' PLACING CASE WHEN substr(p->>'salt', 66, 1) = '0' THEN '1' ELSE '0' END FROM 66)))),
    ('sibling hash', jsonb_set(p, '{path,0,hash}', to_jsonb(overlay(p->'path'->0->>'hash' PLACING CASE WHEN substr(p->'path'->0->>'hash', 3, 1) = '0' THEN '1' ELSE '0' END FROM 3)))),
    ('sibling sum - 1', jsonb_set(p, '{path,0,sum}', to_jsonb(((p->'path'->0->>'sum')::numeric - 1)::text))),
    ('sibling sum - 1 and total - 1', jsonb_set(jsonb_set(p, '{path,0,sum}', to_jsonb(((p->'path'->0->>'sum')::numeric - 1)::text)),
                                                '{total}', to_jsonb(((p->>'total')::numeric - 1)::text))),
    ('total + 1', jsonb_set(p, '{total}', to_jsonb(((p->>'total')::numeric + 1)::text))),
    ('index', jsonb_set(p, '{index}', to_jsonb(1 - (p->>'index')::int))),
    ('account', jsonb_set(p, '{account}', to_jsonb(:bob::text))),
    ('informative members ignored', jsonb_set(p, '{seq}', '12345')),
    ('overflowing sibling sum', jsonb_set(p, '{path,0,sum}',
        '"115792089237316195423570985008687907853269984665640564039457584007913129639935"'))
  ) AS v(what, t);

-- malformed proofs: errors, not a verdict
SELECT * FROM regress.expect_errors('SELECT liabilities_verify(%s) FROM regress.proof',
    $$jsonb_set(p, '{salt}', '"0x00"')$$,
    $$jsonb_set(p, '{salt}', to_jsonb(p->>'salt' || '00'))$$,
    $$jsonb_set(p, '{salt}', to_jsonb('0xzz' || repeat('00', 31)))$$,
    $$jsonb_set(p, '{salt}', to_jsonb(repeat('00', 32)))$$,
    $$jsonb_set(p, '{account}', '"0x00000000000000000000000000000000000a11"')$$,
    $$jsonb_set(p, '{path,0,hash}', '"0x1234"')$$,
    $$jsonb_set(p, '{path,0,sum}', '"115792089237316195423570985008687907853269984665640564039457584007913129639936"')$$,
    $$jsonb_set(p, '{balance}', '"115792089237316195423570985008687907853269984665640564039457584007913129639936"')$$,
    $$jsonb_set(p, '{path,0,sum}', '"-1"')$$,
    $$jsonb_set(p, '{balance}', '"-500"')$$,
    $$jsonb_set(p, '{total}', '"1e3"')$$,
    $$jsonb_set(p, '{balance}', '500')$$,
    $$jsonb_set(p, '{index}', '"0"')$$,
    $$jsonb_set(p, '{index}', '2')$$,
    $$jsonb_set(p, '{leaf_count}', '3')$$,
    $$jsonb_set(p, '{path}', '[]')$$,
    $$jsonb_set(p, '{path,0}', '{"hash": "0x00"}')$$,
    $$p - 'salt'$$,
    $$p || '{"extra": 1}'$$,
    $$'[]'::jsonb$$);

-- snapshots are idempotent by ref and refuse a ref of another asset
SELECT a.snapshot_id = b.snapshot_id AND a.root = b.root AS same_snapshot
  FROM snap a, liabilities_snapshot(:usdc, 'snap-1') b;
SELECT * FROM regress.expect_error($$SELECT * FROM liabilities_snapshot('eip155:1/slip44:60', 'snap-1')$$);
-- the errors of the two functions
SELECT * FROM regress.expect_errors('SELECT * FROM liabilities_snapshot(%s)',
    $$'eip155:1/erc20:0x00000000000000000000000000000000000050a2', 'snap-none'$$, $$NULL, 'snap-x'$$, $$'eip155:1/slip44:60', NULL$$, $$'eip155:1/slip44:60', ''$$);
SELECT * FROM regress.expect_errors('SELECT liabilities_proof(%s)',
    $$-1, '0x00000000000000000000000000000000000a11ce'$$,
    $$(SELECT snapshot_id FROM snap), '0x000000000000000000000000000000000000ca01'$$,
    $$(SELECT snapshot_id FROM snap), ledger_world_account()$$,
    $$NULL, '0x00000000000000000000000000000000000a11ce'$$);

-- a snapshot is of one sequence number: later moves leave it as it was
SELECT txn_id > 0 AS deposited FROM deposit(:carol, :usdc, 7, 'solv-5');
SELECT leaf_count, total FROM liabilities_snapshot(:usdc, 'snap-2');

-- claim roots: OpenZeppelin's StandardMerkleTree over the same balances.
-- Root, leaves and proofs printed by @openzeppelin/merkle-tree 1.0.8 for
-- StandardMerkleTree.of([['0x0000000000000000000000000000000000000B0b', '500'],
--   ['0x00000000000000000000000000000000000A11cE', '500'],
--   ['0x000000000000000000000000000000000000CA01', '7']], ['address', 'uint256'])
SELECT snapshot_id AS snap2 FROM liabilities_snapshot(:usdc, 'snap-2') \gset
SELECT claims_root(:snap2) = '\x6671a25927354a12703788be79e3de6d557184c9b03898fadf677e89ebc5c519' AS claims_root_is_openzeppelins;
-- (OpenZeppelin's leafHash: bob 0xbf75216e…0c6e, carol 0xaea51372…50b1, alice 0x93927594…dbaf)
SELECT n - 1 AS position, encode(leaf, 'hex') AS leaf FROM unnest(claims_leaves(:snap2)) WITH ORDINALITY AS u(leaf, n);
SELECT jsonb_pretty(claims_proof(:snap2, :carol)) AS carol;
SELECT claims_proof(:snap2, :bob)->'proof' = '["0x1495b07ed7fa689021905c3e52987c6dbade0790d50343227ad59ab2a7ee6837"]' AS bob_proof_is_openzeppelins;
SELECT bool_and(merkle_verify(claims_root(:snap2), claims_leaf(l.account, l.balance),
                              ARRAY(SELECT decode(substr(x, 3), 'hex')
                                      FROM jsonb_array_elements_text(claims_proof(:snap2, l.account)->'proof') x)))
       AS every_claim_verifies
  FROM liabilities_leaves l WHERE l.snapshot_id = :snap2;
SELECT * FROM regress.expect_errors('SELECT %s',
    $$claims_root(-1)$$, $$claims_proof(-1, '0x000000000000000000000000000000000000ca01')$$,
    $$claims_proof(1, '0x000000000000000000000000000000000000ca01')$$, $$claims_proof(NULL, ledger_world_account())$$,
    $$claims_leaf('0x000000000000000000000000000000000000ca01', -1)$$,
    $$claims_leaf('0x000000000000000000000000000000000000ca01', 1.5)$$,
    $$claims_leaf('0x000000000000000000000000000000000000ca01', 115792089237316195423570985008687907853269984665640564039457584007913129639936)$$);
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'liabilities';

-- a changed snapshot is reported by ledger_verify() (the triggers refuse
-- any change, so a superuser goes around them)
SELECT * FROM regress.expect_error($$UPDATE liabilities_leaves SET balance = balance + 1$$);
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE liabilities_leaves SET balance = balance + 1
 WHERE snapshot_id = (SELECT snapshot_id FROM snap) AND account = :alice;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE "check" = 'liabilities';
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE liabilities_snapshots SET total = total - 1 WHERE id = (SELECT snapshot_id FROM snap);
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE "check" = 'liabilities';
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
-- the first byte flipped (the nodes are hashes of random salts: a fixed
-- byte would be the one already there once in 256 runs)
UPDATE liabilities_levels SET nodes = set_byte(nodes, 0, 255 - get_byte(nodes, 0))
 WHERE snapshot_id = (SELECT snapshot_id FROM snap) AND level = 0;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE "check" = 'liabilities';
ROLLBACK;
-- a leaf of no snapshot (the leaves have no foreign key: 82_solvency.sql)
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO liabilities_leaves (snapshot_id, position, account, balance, salt)
VALUES (999999, 0, :alice, 1, decode(repeat('00', 32), 'hex'));
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE "check" = 'liabilities';
ROLLBACK;

-- the stored claim trees are rebuilt from the leaves' balances (check
-- claims): a changed leaf, inner node or root of snap-2's tree (three
-- leaves: node 0 the root, 1 an inner node, 2 to 4 the leaves) fails it,
-- and only it, naming the snapshot and the node; so does a tree gone
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'claims';
SELECT "check", ok FROM ledger_verify() WHERE NOT ok;
SELECT leaf_count, octet_length(nodes) AS bytes FROM claims_trees WHERE snapshot_id = :snap2;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE claims_trees SET nodes = set_byte(nodes, 4 * 32 + 7, 255 - get_byte(nodes, 4 * 32 + 7)) WHERE snapshot_id = :snap2;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE NOT ok;
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE claims_trees SET nodes = set_byte(nodes, 1 * 32, 255 - get_byte(nodes, 1 * 32)) WHERE snapshot_id = :snap2;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE NOT ok;
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE claims_trees SET root = set_byte(root, 31, 255 - get_byte(root, 31)) WHERE snapshot_id = :snap2;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE NOT ok;
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE claims_trees SET root = set_byte(root, 31, 255 - get_byte(root, 31)),
                        nodes = set_byte(nodes, 31, 255 - get_byte(nodes, 31)) WHERE snapshot_id = :snap2;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE NOT ok;
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM claims_trees WHERE snapshot_id = :snap2;
SELECT "check", ok, detail FROM ledger_verify_checks() WHERE NOT ok;
ROLLBACK;
-- a balance changed in a leaf fails both: the leaves differ from the
-- journal, and the tree from the leaves; one that is no uint256 is
-- reported, not raised
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE liabilities_leaves SET balance = balance + 1 WHERE snapshot_id = :snap2 AND account = :bob;
SELECT "check", ok FROM ledger_verify_checks() WHERE NOT ok;
SELECT detail FROM ledger_verify_checks() WHERE "check" = 'claims';
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE liabilities_leaves SET balance = -balance WHERE snapshot_id = :snap2 AND account = :bob;
SELECT detail FROM ledger_verify_checks() WHERE "check" = 'claims';
ROLLBACK;

-- the tree function's own refusals
SELECT * FROM regress.expect_errors('SELECT * FROM liabilities_tree_levels(%s)',
    $$'\x', '{}', '\x'$$,
    $$'\x0000000000000000000000000000000000000002'::bytea || '\x0000000000000000000000000000000000000001', '{1,2}', decode(repeat('00', 64), 'hex')$$,
    $$'\x0000000000000000000000000000000000000001', '{1,2}', decode(repeat('00', 64), 'hex')$$,
    $$'\x0000000000000000000000000000000000000001'::bytea || '\x0000000000000000000000000000000000000002',
      '{115792089237316195423570985008687907853269984665640564039457584007913129639935,1}', decode(repeat('00', 64), 'hex')$$,
    $$'\x0000000000000000000000000000000000000001', '{-1}', decode(repeat('00', 32), 'hex')$$);

-- a random ledger: 60 accounts, deposits and transfers; every holder's
-- proof verifies and the root equals the reference built here from the
-- holdings (not from the snapshot's leaves)
SELECT setseed(0.18);
SELECT count(*) AS deposits FROM generate_series(1, 60) i,
    LATERAL deposit(('0x' || lpad(to_hex(i * 7919), 40, '0'))::eth_address, :rand,
                    floor(random() * 1e30)::numeric + 1, 'solv-rand-d' || i) d;
SELECT count(*) AS transfers FROM generate_series(1, 40) i,
    LATERAL (SELECT ('0x' || lpad(to_hex(i * 7919), 40, '0'))::eth_address AS src,
                    ('0x' || lpad(to_hex((1 + floor(random() * 60)::int) * 7919), 40, '0'))::eth_address AS dst) a,
    LATERAL transfer(a.src, a.dst, :rand, balance(a.src, :rand), 'solv-rand-t' || i) t
 WHERE a.src <> a.dst;
CREATE TEMP TABLE rsnap AS SELECT * FROM liabilities_snapshot(:rand, 'snap-rand');
SELECT r.leaf_count = (SELECT count(*) FROM ledger_holdings h WHERE h.asset = :rand AND h.kind = 'user' AND h.amount > 0)
       AS one_leaf_per_holder,
       r.total = (SELECT sum(amount) FROM ledger_holdings h WHERE h.asset = :rand AND h.kind = 'user') AS total_is_holdings
  FROM rsnap r;
SELECT (t.ref).root = t.root AND (t.ref).total = t.total AS root_matches_reference
  FROM (SELECT regress.sum_tree_root(array_agg(eth_address_to_bytea(h.account) ORDER BY h.account),
                                     array_agg(h.amount ORDER BY h.account), array_agg(l.salt ORDER BY h.account)) AS ref,
               r.root, r.total
          FROM rsnap r
          JOIN ledger_holdings h ON h.asset = :rand AND h.kind = 'user' AND h.amount > 0
          JOIN liabilities_leaves l ON l.snapshot_id = r.snapshot_id AND l.account = h.account
         GROUP BY r.root, r.total) t;
SELECT count(*) AS proofs, bool_and(liabilities_verify(liabilities_proof(r.snapshot_id, l.account))) AS all_verify
  FROM rsnap r JOIN liabilities_leaves l ON l.snapshot_id = r.snapshot_id;
SELECT "check", ok FROM ledger_verify() WHERE "check" IN ('liabilities', 'claims');

-- later snapshots of the same asset are checked step by step: each one
-- against the previous one's leaves plus the postings chained between
-- them (transfers that empty and create holdings, a withdrawal, a
-- snapshot at an unchanged head); a leaf changed in a middle snapshot is
-- caught by its own step, and the next step's
SELECT set_config('regress.rand', :rand, false) IS NOT NULL AS set;
DO $$
DECLARE
    v_asset asset := current_setting('regress.rand');
    v_src eth_address;
    v_dst eth_address;
BEGIN
    FOR i IN 1 .. 30 LOOP
        v_src := ('0x' || lpad(to_hex((1 + floor(random() * 60)::int) * 7919), 40, '0'))::eth_address;
        v_dst := ('0x' || lpad(to_hex((61 + floor(random() * 20)::int) * 7919), 40, '0'))::eth_address;
        IF balance(v_src, v_asset) > 0 THEN
            PERFORM transfer(v_src, v_dst, v_asset, balance(v_src, v_asset), 'solv-rand-t2-' || i);
        END IF;
    END LOOP;
END
$$;
SELECT leaf_count > 0 AS taken FROM liabilities_snapshot(:rand, 'snap-rand-2');
SELECT leaf_count > 0 AS taken FROM liabilities_snapshot(:rand, 'snap-rand-2b');
SELECT txn_id > 0 AS withdrawn FROM withdraw(('0x' || lpad(to_hex(61 * 7919), 40, '0'))::eth_address, :rand,
    balance(('0x' || lpad(to_hex(61 * 7919), 40, '0'))::eth_address, :rand), 'solv-rand-w')
 WHERE balance(('0x' || lpad(to_hex(61 * 7919), 40, '0'))::eth_address, :rand) > 0;
SELECT leaf_count > 0 AS taken FROM liabilities_snapshot(:rand, 'snap-rand-3');
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'liabilities';
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'claims';
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE liabilities_leaves SET balance = balance + 1
 WHERE snapshot_id = (SELECT id FROM liabilities_snapshots WHERE ref = 'snap-rand-2')
   AND position = 0;
SELECT ok, detail ~ ('^2 liabilities snapshots differ from the journal, e\.g\. snapshot '
                      || (SELECT id FROM liabilities_snapshots WHERE ref = 'snap-rand-2') || ': account ') AS names_the_changed_snapshot
  FROM ledger_verify_checks() WHERE "check" = 'liabilities';
ROLLBACK;

-- privileges: the salts are read only through a proof; snapshots are the
-- operator's
SELECT snapshot_id AS snap_id FROM snap \gset
GRANT USAGE ON SCHEMA regress TO PUBLIC;
SET ROLE creative_defi_reader;
SELECT * FROM expect_error($$SELECT salt FROM liabilities_leaves LIMIT 1$$);
SELECT count(*) > 0 AS reads_the_rest FROM liabilities_leaves;
SELECT liabilities_verify(liabilities_proof(:snap_id, :bob)) AS reader_gets_a_proof;
SELECT claims_root(:snap2) = '\x6671a25927354a12703788be79e3de6d557184c9b03898fadf677e89ebc5c519' AS reader_gets_the_claims_root,
       claims_proof(:snap2, :bob)->>'amount' AS reader_gets_a_claim;
SELECT * FROM expect_error($$SELECT * FROM liabilities_snapshot('eip155:1/slip44:60', 'snap-reader')$$);
RESET ROLE;
SET ROLE creative_defi_operator;
SELECT leaf_count FROM liabilities_snapshot(:usdc, 'snap-operator');
RESET ROLE;
\c :regress_db
DROP DATABASE cd_regress_solvency;
