/*
 * merkle.c - sorted-pair Keccak-256 Merkle trees (OpenZeppelin)
 */
#include <stdlib.h>
#include <string.h>

#include "keccak.h"
#include "merkle.h"

/*
 * The tree array holds 2n - 1 nodes, which must stay under 1 GB.
 */
bool
cd_merkle_check_leaf_count(size_t n, cd_error *err)
{
	if (n == 0)
		return cd_fail(err, CD_ERR_PARAM, "a merkle tree needs at least one leaf");
	if (n > CD_MERKLE_MAX_LEAVES)
		return cd_fail(err, CD_ERR_LIMIT, "too many merkle leaves: %zu (at most %zu)", n, CD_MERKLE_MAX_LEAVES);
	return true;
}

/*
 * Order the pair so that the proof needs no direction bits.
 */
void
cd_merkle_hash_pair(const cd_merkle_node a, const cd_merkle_node b, cd_merkle_node out)
{
	uint8_t		pair[2 * CD_MERKLE_NODE_LEN];
	bool		a_first = memcmp(a, b, CD_MERKLE_NODE_LEN) <= 0;

	memcpy(pair, a_first ? a : b, CD_MERKLE_NODE_LEN);
	memcpy(pair + CD_MERKLE_NODE_LEN, a_first ? b : a, CD_MERKLE_NODE_LEN);
	cd_keccak256(pair, sizeof(pair), out);
}

/*
 * Fold the proof into the leaf and compare with the root.
 */
bool
cd_merkle_verify(const cd_merkle_node root, const cd_merkle_node leaf,
				 const cd_merkle_node *proof, size_t nproof)
{
	cd_merkle_node computed;

	memcpy(computed, leaf, CD_MERKLE_NODE_LEN);
	for (size_t i = 0; i < nproof; i++)
		cd_merkle_hash_pair(computed, proof[i], computed);
	return memcmp(computed, root, CD_MERKLE_NODE_LEN) == 0;
}

/*
 * Bytes first, then the value's position: a stable order, as JavaScript's
 * Array.prototype.sort is required to be.
 */
static int
compare_leaves(const void *pa, const void *pb)
{
	const cd_merkle_leaf *a = pa;
	const cd_merkle_leaf *b = pb;
	int			c = memcmp(a->hash, b->hash, CD_MERKLE_NODE_LEN);

	if (c != 0)
		return c;
	return (a->value_index > b->value_index) - (a->value_index < b->value_index);
}

/*
 * Leaves go in backwards from the end of the array; every inner node,
 * from the last one up to the root, hashes its two children.
 */
void
cd_merkle_build(cd_merkle_leaf *leaves, size_t n, bool sort, cd_merkle_node *tree)
{
	size_t		tree_len = 2 * n - 1;

	if (sort)
		qsort(leaves, n, sizeof(cd_merkle_leaf), compare_leaves);
	for (size_t k = 0; k < n; k++)
		memcpy(tree[tree_len - 1 - k], leaves[k].hash, CD_MERKLE_NODE_LEN);
	for (size_t i = tree_len - n; i-- > 0;)
		cd_merkle_hash_pair(tree[2 * i + 1], tree[2 * i + 2], tree[i]);
}

/* Descending bytes: the smallest leaf ends up last, at tree index 2n-2. */
static int
compare_nodes_descending(const void *pa, const void *pb)
{
	return memcmp(pb, pa, CD_MERKLE_NODE_LEN);
}

void
cd_merkle_build_in_place(cd_merkle_node *tree, size_t n)
{
	size_t		tree_len = 2 * n - 1;

	qsort(tree[n - 1], n, sizeof(cd_merkle_node), compare_nodes_descending);
	for (size_t i = tree_len - n; i-- > 0;)
		cd_merkle_hash_pair(tree[2 * i + 1], tree[2 * i + 2], tree[i]);
}

/*
 * Climb from the leaf to the root, collecting siblings: the sibling of an
 * odd index is the next node, of an even one the previous.
 */
size_t
cd_merkle_proof(const cd_merkle_node *tree, size_t tree_len, size_t tree_index, cd_merkle_node *proof)
{
	size_t		n = 0;

	if (tree_index >= tree_len)
		return 0;
	while (tree_index > 0 && n < CD_MERKLE_MAX_PROOF)
	{
		size_t		sibling = (tree_index % 2 == 1) ? tree_index + 1 : tree_index - 1;

		memcpy(proof[n++], tree[sibling], CD_MERKLE_NODE_LEN);
		tree_index = (tree_index - 1) / 2;
	}
	return n;
}

/*
 * abi.encode(address, uint256) is two 32-byte words, the address
 * left-padded with zeros; StandardMerkleTree hashes it twice so that a
 * leaf can never be mistaken for an inner node (64 bytes too).
 */
void
cd_merkle_leaf_address_uint256(const uint8_t address[20], const uint8_t amount_be[32], cd_merkle_node out)
{
	uint8_t		encoded[64];
	cd_merkle_node once;

	memset(encoded, 0, 12);
	memcpy(encoded + 12, address, 20);
	memcpy(encoded + 32, amount_be, 32);
	cd_keccak256(encoded, sizeof(encoded), once);
	cd_keccak256(once, sizeof(once), out);
}
