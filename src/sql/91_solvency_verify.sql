-- solvency verify: the ledger_verify() checks of the claim trees
-- (83_claims.sql) and of the checkpoint signatures
-- (89_solvency_checkpoints.sql); docs/solvency.md, "What ledger_verify
-- checks".  With the check liabilities (82_solvency.sql), which holds each
-- snapshot's leaves to the journal, they hold what a contract pays out and
-- what the auditors signed to the same leaves: journal -> leaves (check
-- liabilities) -> claim tree (check claims) -> signed Checkpoint (checks
-- checkpoint_signatures and checkpoint_thresholds).

-- The last node at which a stored claim tree differs from the one
-- rebuilt, for the check's detail.  Both are 2n-1 nodes of 32 bytes in
-- @openzeppelin/merkle-tree's array order: node 0 the root, the children
-- of node i at 2i+1 and 2i+2, the n leaves the last nodes; so the last
-- node that differs is the deepest: the changed leaf when a balance
-- changed (its path up to the root differs too), the node itself when a
-- stored node was changed.  Called only when the two differ (a failure's
-- cost): a binary search that keeps the upper half of the nodes when it
-- differs, the lower one otherwise, comparing slices (memcmp) rather than
-- 2n nodes one by one; the stored tree's storage is EXTERNAL, so each
-- slice is read alone.
CREATE FUNCTION claims_tree_difference(stored bytea, rebuilt bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH RECURSIVE halves(lo, hi) AS (
        -- the nodes [lo, hi) hold the last difference
        SELECT 0::bigint, (octet_length(rebuilt) / 32)::bigint
         WHERE octet_length(stored) = octet_length(rebuilt) AND stored <> rebuilt
        UNION ALL
        SELECT CASE WHEN u.differs THEN m.mid ELSE h.lo END, CASE WHEN u.differs THEN h.hi ELSE m.mid END
          FROM halves h
          CROSS JOIN LATERAL (SELECT (h.lo + h.hi) / 2 AS mid) m
          CROSS JOIN LATERAL (SELECT substr(stored, (m.mid * 32 + 1)::integer, ((h.hi - m.mid) * 32)::integer)
                                     <> substr(rebuilt, (m.mid * 32 + 1)::integer, ((h.hi - m.mid) * 32)::integer)
                                     AS differs) u
         WHERE h.hi - h.lo > 1)
    SELECT CASE WHEN d.i IS NULL THEN format('its claim tree has %s bytes, the rebuilt one %s',
                                             octet_length(stored), octet_length(rebuilt))
                WHEN d.i = 0 THEN 'node 0 (the root) of its claim tree differs from the tree rebuilt from its balances'
                WHEN d.i >= octet_length(rebuilt) / 64 THEN
                    format('node %s (a leaf) of its claim tree differs from the tree rebuilt from its balances', d.i)
                -- the depth of node i is floor(log2(i + 1)): the bits of i + 1 after its highest
                ELSE format('node %s (an inner node at depth %s) of its claim tree differs from the tree rebuilt from its balances',
                            d.i, length(ltrim((d.i + 1)::bit(64)::text, '0')) - 1)
           END
      FROM (SELECT (SELECT h.lo FROM halves h WHERE h.hi - h.lo = 1) AS i) d;
END;
COMMENT ON FUNCTION claims_tree_difference(bytea, bytea) IS
    'internal: the last (deepest) node at which a stored claim tree differs from the rebuilt one (the root, a leaf, or an inner node and its depth), as a phrase for the claims check';

-- ledger_verify() check claims: each snapshot's stored claim tree is the
-- StandardMerkleTree rebuilt (claims_leaf, claims_tree: C) from its
-- leaves' balances, its leaf count theirs and its root the tree's node 0;
-- every snapshot has one, and every tree a snapshot (the foreign key is a
-- trigger, which a superuser can switch off).  The cost is the build's:
-- two Keccak-256 per leaf and the tree (n log n to sort the leaves, n
-- hashes), each snapshot in turn; the differing node is looked for only
-- in a tree that differs (log n slices).
CREATE FUNCTION claims_verify_trees() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH failures AS (
        SELECT coalesce(s.id, t.snapshot_id) AS snapshot_id,
               CASE WHEN s.id IS NULL THEN format('claim tree of snapshot %s: there is no such snapshot', t.snapshot_id)
                    WHEN t.snapshot_id IS NULL THEN format('snapshot %s has no claim tree', s.id)
                    ELSE format('snapshot %s: %s', s.id, x.what)
               END AS failure
          FROM @extschema@.liabilities_snapshots s
          FULL JOIN @extschema@.claims_trees t ON t.snapshot_id = s.id
          LEFT JOIN LATERAL (
              SELECT CASE WHEN c.not_uint256 IS NOT NULL THEN c.not_uint256
                          WHEN t.leaf_count <> c.n
                              THEN format('its claim tree has %s leaves, the snapshot %s', t.leaf_count, c.n)
                          WHEN t.nodes IS DISTINCT FROM c.nodes
                              THEN @extschema@.claims_tree_difference(t.nodes, c.nodes)
                          WHEN t.root IS DISTINCT FROM substr(c.nodes, 1, 32)
                              THEN 'its claims root is not the root of the tree rebuilt from its balances'
                     END AS what
                FROM (SELECT count(*) AS n,
                             -- claims_leaf refuses what is no uint256: reported, not raised
                             (array_agg(format('the balance %s of %s is not a uint256', l.balance, l.account)
                                        ORDER BY l.position) FILTER (WHERE NOT u.ok))[1] AS not_uint256,
                             @extschema@.claims_tree(array_agg(@extschema@.claims_leaf(l.account, l.balance))
                                                         FILTER (WHERE u.ok)) AS nodes
                        FROM @extschema@.liabilities_leaves l
                        CROSS JOIN LATERAL (SELECT l.balance >= 0 AND min_scale(l.balance) = 0
                                               AND l.balance < 115792089237316195423570985008687907853269984665640564039457584007913129639936
                                                   AS ok) u
                       WHERE l.snapshot_id = s.id) c
               WHERE s.id IS NOT NULL AND t.snapshot_id IS NOT NULL) x ON true
         WHERE s.id IS NULL OR t.snapshot_id IS NULL OR x.what IS NOT NULL)
    SELECT r.*
      FROM (SELECT count(*) AS n, (array_agg(b.failure ORDER BY b.snapshot_id))[1] AS e FROM failures b) f,
           @extschema@.ledger_verify_row('claims', f.n, f.e,
               format('%s claim trees rebuild from their snapshots'' balances', (SELECT count(*) FROM @extschema@.claims_trees)),
               'snapshots whose claim trees differ from their balances') r;
END;
COMMENT ON FUNCTION claims_verify_trees() IS
    'check claims of ledger_verify(): each snapshot''s stored claim tree, leaf count and claims root are the StandardMerkleTree rebuilt from its leaves'' balances; every snapshot has one, every tree a snapshot';

-- What is wrong with a stored checkpoint signature, or NULL when it holds:
-- its snapshot and auditor set exist, it recovers to its auditor from its
-- hash, its hash is the EIP-712 hash of the snapshot's Checkpoint (from
-- the stored snapshot and claims root, which the checks liabilities and
-- claims hold to the journal) under the domain it was signed in, and its
-- auditor was in the set it was recorded under.  One recovery and one
-- EIP-712 hash per signature.
CREATE FUNCTION checkpoint_signature_defect(g checkpoint_signatures) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE WHEN s.id IS NULL THEN 'its snapshot does not exist'
                WHEN a.id IS NULL THEN format('its auditor set %s does not exist', g.auditor_set)
                WHEN t.snapshot_id IS NULL THEN 'its snapshot has no claim tree to rebuild its Checkpoint from'
                WHEN k.signer IS NULL
                    THEN format('it recovers to no one (%s)', rtrim(@extschema@.order_signature_defect(g.signature), '.'))
                WHEN k.signer OPERATOR(@extschema@.<>) g.auditor
                    THEN format('it recovers to %s, not to its auditor', k.signer)
                WHEN g.checkpoint_hash IS DISTINCT FROM
                     @extschema@.eip712_hash(@extschema@.checkpoint_typed_data_of(s, t.root, g.domain))
                    THEN 'its hash is not the EIP-712 hash of the snapshot''s Checkpoint under its domain'
                WHEN NOT (g.auditor OPERATOR(@extschema@.=) ANY (a.auditors))
                    THEN format('%s is not in auditor set %s, which it was recorded under', g.auditor, a.id)
           END
      FROM (SELECT @extschema@.ecrecover(g.checkpoint_hash, g.signature) AS signer) k
      LEFT JOIN @extschema@.liabilities_snapshots s ON s.id = g.snapshot_id
      LEFT JOIN @extschema@.checkpoint_auditors a ON a.id = g.auditor_set
      LEFT JOIN @extschema@.claims_trees t ON t.snapshot_id = g.snapshot_id;
END;
COMMENT ON FUNCTION checkpoint_signature_defect(checkpoint_signatures) IS
    'internal: why a stored checkpoint signature does not hold (no snapshot or auditor set, recovers to someone else, hash not the snapshot''s Checkpoint under its domain, auditor not in its set), or NULL';

-- ledger_verify() checks checkpoint_signatures and checkpoint_thresholds,
-- in one statement so that each signature is recovered once:
--   checkpoint_signatures: every stored signature holds
--     (checkpoint_signature_defect);
--   checkpoint_thresholds: a checkpoint (snapshot and hash) that a
--     signature marks complete under an auditor set has, among the
--     signatures of it that hold, the set's threshold from distinct
--     auditors of the set.
-- Linear in the signatures (and the auditors of each complete checkpoint's
-- set).
CREATE FUNCTION checkpoint_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH signatures AS MATERIALIZED (
        SELECT g.snapshot_id, g.checkpoint_hash, g.auditor, g.auditor_set, g.complete,
               @extschema@.checkpoint_signature_defect(g) AS defect
          FROM @extschema@.checkpoint_signatures g),
    completions AS (
        SELECT c.snapshot_id, c.auditor_set, a.id, a.threshold, cardinality(a.auditors) AS of_n,
               (SELECT count(DISTINCT x.signer) FROM unnest(h.signers) AS x(signer)
                 WHERE x.signer OPERATOR(@extschema@.=) ANY (a.auditors)) AS valid
          FROM (SELECT DISTINCT v.snapshot_id, v.checkpoint_hash, v.auditor_set FROM signatures v WHERE v.complete) c
          LEFT JOIN @extschema@.checkpoint_auditors a ON a.id = c.auditor_set
          -- the auditors whose signatures of the checkpoint hold
          LEFT JOIN (SELECT v.snapshot_id, v.checkpoint_hash, array_agg(v.auditor) AS signers
                       FROM signatures v WHERE v.defect IS NULL GROUP BY v.snapshot_id, v.checkpoint_hash) h
            ON h.snapshot_id = c.snapshot_id AND h.checkpoint_hash = c.checkpoint_hash)
    SELECT r.*
      FROM (SELECT count(*) FILTER (WHERE v.defect IS NOT NULL) AS n, count(*) AS of_all,
                   (array_agg(format('signature of snapshot %s by %s: %s', v.snapshot_id, v.auditor, v.defect)
                              ORDER BY v.snapshot_id, v.auditor, v.checkpoint_hash)
                        FILTER (WHERE v.defect IS NOT NULL))[1] AS e
              FROM signatures v) f,
           @extschema@.ledger_verify_row('checkpoint_signatures', f.n, f.e,
               format('%s checkpoint signatures recover to their auditors from their snapshots'' Checkpoints', f.of_all),
               'checkpoint signatures do not hold') r
    UNION ALL
    SELECT r.*
      FROM (SELECT count(*) FILTER (WHERE k.short) AS n, count(*) AS of_all,
                   (array_agg(CASE WHEN k.id IS NULL
                                   THEN format('checkpoint of snapshot %s is marked complete under auditor set %s, which does not exist',
                                               k.snapshot_id, k.auditor_set)
                                   ELSE format('checkpoint of snapshot %s is marked complete under auditor set %s with %s valid signatures of its auditors, %s of %s required',
                                               k.snapshot_id, k.auditor_set, k.valid, k.threshold, k.of_n)
                              END ORDER BY k.snapshot_id, k.auditor_set) FILTER (WHERE k.short))[1] AS e
              FROM (SELECT m.*, (m.id IS NULL OR m.valid < m.threshold OR m.threshold < 1) AS short
                      FROM completions m) k) f,
           @extschema@.ledger_verify_row('checkpoint_thresholds', f.n, f.e,
               format('%s checkpoints marked complete have their thresholds of valid auditor signatures', f.of_all),
               'checkpoints marked complete lack their threshold') r;
END;
COMMENT ON FUNCTION checkpoint_verify() IS
    'checks checkpoint_signatures and checkpoint_thresholds of ledger_verify(): every stored signature recovers to its auditor over its snapshot''s Checkpoint recomputed under its domain, by an auditor of the set it was recorded under; every checkpoint a signature marks complete has its set''s threshold M in valid signatures of distinct auditors of the set';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (83, 'claims_verify_trees()', 'solvency'),
    (84, 'checkpoint_verify()', 'solvency');

-- privileges: the checks and their helpers are ledger_verify()'s (the
-- owner's), as liabilities_verify_snapshots
REVOKE ALL ON FUNCTION
    claims_tree_difference(bytea, bytea),
    claims_verify_trees(),
    checkpoint_signature_defect(checkpoint_signatures),
    checkpoint_verify()
FROM PUBLIC;
