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

CREATE FUNCTION claims_root(snapshot_id bigint) RETURNS bytea
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN @extschema@.merkle_root(@extschema@.claims_leaves(snapshot_id));
COMMENT ON FUNCTION claims_root(bigint) IS
    'the root of StandardMerkleTree.of([[account, balance], ...], [''address'', ''uint256'']) over the balances of a liabilities snapshot';

CREATE FUNCTION claims_proof(snapshot_id bigint, account eth_address) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l @extschema@.liabilities_leaves := @extschema@.liabilities_leaf_of(snapshot_id, account);
    v_leaves bytea[] := @extschema@.claims_leaves(snapshot_id);
BEGIN
    RETURN jsonb_build_object(
        'account', account::text, 'amount', l.balance::text,
        'leaf', '0x' || encode(v_leaves[l.position + 1], 'hex'),
        'proof', (SELECT coalesce(jsonb_agg('0x' || encode(p, 'hex') ORDER BY i), '[]')
                    FROM unnest(@extschema@.merkle_proof(v_leaves, l.position::integer)) WITH ORDINALITY AS u(p, i)),
        'root', '0x' || encode(@extschema@.merkle_root(v_leaves), 'hex'),
        'snapshot', l.snapshot_id,
        'asset', (SELECT x.asset::text FROM @extschema@.liabilities_snapshots x WHERE x.id = l.snapshot_id));
END
$$;
COMMENT ON FUNCTION claims_proof(bigint, eth_address) IS
    'the StandardMerkleTree proof of an account''s balance in a liabilities snapshot, as JSON: account, amount, leaf, proof (sibling hashes, leaves first), root';

-- privileges: the leaf is pure (PUBLIC); roots and proofs read the
-- snapshot's balances, which every ledger role may read, as
-- liabilities_proof does
REVOKE ALL ON FUNCTION claims_leaves(bigint), claims_root(bigint), claims_proof(bigint, eth_address) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claims_root(bigint), claims_proof(bigint, eth_address)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
