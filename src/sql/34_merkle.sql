-- Merkle proofs: OpenZeppelin MerkleProof and @openzeppelin/merkle-tree's SimpleMerkleTree

CREATE FUNCTION merkle_verify(root bytea, leaf bytea, proof bytea[]) RETURNS boolean
    AS 'MODULE_PATHNAME', 'merkle_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_verify(bytea, bytea, bytea[]) IS 'OpenZeppelin MerkleProof.verify: true when folding the 32-byte proof nodes into the leaf with sorted-pair keccak256 gives the root';

CREATE FUNCTION merkle_root(leaves bytea[]) RETURNS bytea
    AS 'MODULE_PATHNAME', 'merkle_root' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_root(bytea[]) IS 'root of SimpleMerkleTree.of(leaves) (@openzeppelin/merkle-tree, sorted leaves) over 32-byte leaves';

CREATE FUNCTION merkle_proof(leaves bytea[], index integer) RETURNS bytea[]
    AS 'MODULE_PATHNAME', 'merkle_proof' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_proof(bytea[], integer) IS 'SimpleMerkleTree.of(leaves).getProof(index): the proof of the leaf at 0-based position index of the given array';
