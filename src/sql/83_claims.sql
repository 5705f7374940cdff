-- claims: OpenZeppelin StandardMerkleTree roots and proofs over the
-- (address, uint256) balances of a liabilities snapshot, so that a
-- standard Merkle distributor contract can pay each holder on-chain
-- (docs/solvency.md, "Claim roots").  The tree is @openzeppelin/merkle-tree's:
-- leaves keccak256(keccak256(abi.encode(address, uint256))), sorted, with
-- sorted pairs (merkle_root and merkle_proof of 34_merkle.sql).

CREATE FUNCTION claims_leaf(account eth_address, amount numeric) RETURNS bytea
    AS 'MODULE_PATHNAME', 'claims_leaf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION claims_leaf(eth_address, numeric) IS
    'StandardMerkleTree.leafHash([account, amount]) for leaf encoding [address, uint256]: keccak256(keccak256(abi.encode(account, amount)))';

-- The leaves of a snapshot in position (account) order: the value index
-- of each account is its position, as merkle_proof counts it.
CREATE FUNCTION claims_leaves(snapshot_id bigint) RETURNS bytea[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_leaves bytea[];
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['snapshot_id'], ARRAY[snapshot_id IS NULL]);
    IF NOT EXISTS (SELECT FROM @extschema@.liabilities_snapshots s WHERE s.id = claims_leaves.snapshot_id) THEN
        RAISE EXCEPTION 'unknown liabilities snapshot %', snapshot_id USING ERRCODE = 'CD061';
    END IF;
    SELECT array_agg(@extschema@.claims_leaf(l.account, l.balance) ORDER BY l.position) INTO v_leaves
      FROM @extschema@.liabilities_leaves l WHERE l.snapshot_id = claims_leaves.snapshot_id;
    RETURN v_leaves;
END
$$;
COMMENT ON FUNCTION claims_leaves(bigint) IS
    'internal: the StandardMerkleTree leaves of a liabilities snapshot''s balances, in position order (CD061 when there is no such snapshot)';

-- internal: the whole tree of a snapshot's claim leaves, for leaves stored
-- otherwise than by liabilities_snapshot (the trigger below)
CREATE FUNCTION claims_tree(leaves bytea[]) RETURNS bytea
    AS 'MODULE_PATHNAME', 'claims_tree' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION claims_tree(bytea[]) IS
    'the SimpleMerkleTree of the leaves as 2n-1 nodes of 32 bytes in @openzeppelin/merkle-tree''s array order: the root first, the sorted leaves last in reverse';

-- The claim tree of each snapshot is stored in claims_trees
-- (82_solvency.sql): liabilities_snapshot builds it with the sum tree, from
-- the same leaves in the same call, before it stores the leaves.  Leaves
-- stored otherwise (a restore, whose dump leaves claims_trees empty, or
-- leaves written by hand) get their tree from the trigger below, built by
-- claims_tree from the stored balances.
CREATE FUNCTION claims_store_trees() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- the snapshots that have leaves and no tree: the distinct snapshot
    -- ids of the leaves, one index probe each (no transition table, so
    -- that a snapshot's own insert of its leaves captures no row), less
    -- those with a tree.  The leaves in any order: claims_tree sorts them.
    INSERT INTO @extschema@.claims_trees (snapshot_id, leaf_count, root, nodes)
    SELECT t.snapshot_id, t.n, substr(t.nodes, 1, 32), t.nodes
      FROM (WITH RECURSIVE ids(id) AS (
                SELECT min(l.snapshot_id) FROM @extschema@.liabilities_leaves l
                UNION ALL
                SELECT (SELECT min(l.snapshot_id) FROM @extschema@.liabilities_leaves l WHERE l.snapshot_id > ids.id)
                  FROM ids WHERE ids.id IS NOT NULL)
            SELECT l.snapshot_id, count(*) AS n,
                   @extschema@.claims_tree(array_agg(@extschema@.claims_leaf(l.account, l.balance))) AS nodes
              FROM ids JOIN @extschema@.liabilities_leaves l ON l.snapshot_id = ids.id
             WHERE NOT EXISTS (SELECT FROM @extschema@.claims_trees x WHERE x.snapshot_id = ids.id)
             GROUP BY l.snapshot_id) t;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION claims_store_trees() IS
    'trigger function: store the claim tree of each snapshot whose leaves are stored and whose tree is not';
CREATE TRIGGER liabilities_leaves_claims_tree
    AFTER INSERT ON liabilities_leaves
    FOR EACH STATEMENT EXECUTE FUNCTION claims_store_trees();

-- The stored tree of a snapshot; CD061 when there is no such snapshot.
CREATE FUNCTION claims_tree_of(snapshot_id bigint) RETURNS claims_trees
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t @extschema@.claims_trees;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['snapshot_id'], ARRAY[snapshot_id IS NULL]);
    -- the nodes are left out: a proof reads only the nodes it needs
    SELECT x.snapshot_id, x.leaf_count, x.root INTO t.snapshot_id, t.leaf_count, t.root
      FROM @extschema@.claims_trees x WHERE x.snapshot_id = claims_tree_of.snapshot_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown liabilities snapshot %', snapshot_id USING ERRCODE = 'CD061';
    END IF;
    RETURN t;
END
$$;
COMMENT ON FUNCTION claims_tree_of(bigint) IS
    'internal: the stored claim tree of a snapshot without its nodes (snapshot_id, leaf_count, root); CD061 for an unknown snapshot';

-- The tree index of a leaf: the sorted leaves sit at 2n-2-k, so a binary
-- search reads log2(n) nodes.  NULL when the leaf is not in the tree.
CREATE FUNCTION claims_tree_index(snapshot_id bigint, leaf_count bigint, leaf bytea) RETURNS bigint
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lo bigint := 0;
    hi bigint := leaf_count - 1;
    mid bigint;
    v bytea;
BEGIN
    WHILE lo <= hi LOOP
        mid := (lo + hi) / 2;
        SELECT substr(t.nodes, ((2 * claims_tree_index.leaf_count - 2 - mid) * 32 + 1)::integer, 32) INTO v
          FROM @extschema@.claims_trees t WHERE t.snapshot_id = claims_tree_index.snapshot_id;
        IF v = leaf THEN
            RETURN 2 * claims_tree_index.leaf_count - 2 - mid;
        ELSIF v < leaf THEN
            lo := mid + 1;
        ELSE
            hi := mid - 1;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION claims_tree_index(bigint, bigint, bytea) IS
    'internal: the index of a leaf in a snapshot''s stored claim tree, by binary search over its sorted leaves; NULL when absent';

CREATE FUNCTION claims_root(snapshot_id bigint) RETURNS bytea
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN (@extschema@.claims_tree_of(snapshot_id)).root;
COMMENT ON FUNCTION claims_root(bigint) IS
    'the root of StandardMerkleTree.of([[account, balance], ...], [''address'', ''uint256'']) over the balances of a liabilities snapshot';

CREATE FUNCTION claims_proof(snapshot_id bigint, account eth_address) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l @extschema@.liabilities_leaves := @extschema@.liabilities_leaf_of(snapshot_id, account);
    t @extschema@.claims_trees := @extschema@.claims_tree_of(snapshot_id);
    v_leaf bytea := @extschema@.claims_leaf(l.account, l.balance);
    v_index bigint := @extschema@.claims_tree_index(t.snapshot_id, t.leaf_count, v_leaf);
    v_proof jsonb;
BEGIN
    -- the sibling of node i is i + 1 when i is odd, i - 1 when even; its parent (i - 1) / 2
    WITH RECURSIVE up(i, d) AS (
        SELECT v_index, 0
        UNION ALL
        SELECT (u.i - 1) / 2, u.d + 1 FROM up u WHERE u.i > 0)
    SELECT coalesce(jsonb_agg('0x' || encode(substr(x.nodes, ((u.i + CASE WHEN u.i % 2 = 1 THEN 1 ELSE -1 END) * 32 + 1)::integer, 32), 'hex')
                              ORDER BY u.d), '[]')
      INTO v_proof
      FROM up u, @extschema@.claims_trees x
     WHERE x.snapshot_id = t.snapshot_id AND u.i > 0;
    RETURN jsonb_build_object(
        'account', account::text, 'amount', l.balance::text,
        'leaf', '0x' || encode(v_leaf, 'hex'),
        'proof', v_proof,
        'root', '0x' || encode(t.root, 'hex'),
        'snapshot', l.snapshot_id,
        'asset', (SELECT x.asset::text FROM @extschema@.liabilities_snapshots x WHERE x.id = l.snapshot_id));
END
$$;
COMMENT ON FUNCTION claims_proof(bigint, eth_address) IS
    'the StandardMerkleTree proof of an account''s balance in a liabilities snapshot, as JSON: account, amount, leaf, proof (sibling hashes, leaves first), root';

-- privileges: the leaf and the tree builder are pure (PUBLIC); roots and proofs read the
-- snapshot's balances, which every ledger role may read, as
-- liabilities_proof does (the stored trees are readable as the levels
-- are, 82_solvency.sql)
REVOKE ALL ON FUNCTION claims_leaves(bigint), claims_root(bigint), claims_proof(bigint, eth_address),
    claims_store_trees(), claims_tree_of(bigint), claims_tree_index(bigint, bigint, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claims_root(bigint), claims_proof(bigint, eth_address)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
