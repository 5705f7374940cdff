/*
 * test_merkle.c - Merkle trees against @openzeppelin/merkle-tree 1.0.8
 *
 * Expected roots and proofs were printed by SimpleMerkleTree.of(leaves)
 * for leaves keccak256("1"), keccak256("2"), ... in that order.
 */
#include <stdlib.h>

#include "unit.h"
#include "core/keccak.h"
#include "core/merkle.h"

/* leaves[i] = keccak256(decimal(i + 1)), value_index = i */
static void
make_leaves(cd_merkle_leaf *leaves, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		char		text[24];

		snprintf(text, sizeof(text), "%zu", i + 1);
		cd_keccak256((const uint8_t *) text, strlen(text), leaves[i].hash);
		leaves[i].value_index = i;
	}
}

/* Tree index of the value at value_index after cd_merkle_build. */
static size_t
tree_index_of(const cd_merkle_leaf *leaves, size_t n, size_t value_index)
{
	for (size_t k = 0; k < n; k++)
		if (leaves[k].value_index == value_index)
			return 2 * n - 2 - k;
	abort();
}

static void
test_published_roots(void)
{
	cd_merkle_leaf leaves[7];
	cd_merkle_node tree[13];

	make_leaves(leaves, 1);
	cd_merkle_build(leaves, 1, true, tree);
	CHECK_HEX_EQ(tree[0], 32, "c89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6");
	make_leaves(leaves, 3);
	cd_merkle_build(leaves, 3, true, tree);
	CHECK_HEX_EQ(tree[0], 32, "2666e2847fc04c0167917b013982a4e8fb5e73e5c5bb0b95b075a39bfb56f596");
	make_leaves(leaves, 7);
	cd_merkle_build(leaves, 7, true, tree);
	CHECK_HEX_EQ(tree[0], 32, "7bb2dccd0b97bc3bd94f12d864911cf099cc23571463c6afcb7a1d15970c9549");
}

static void
test_published_proof(void)
{
	cd_merkle_leaf leaves[5];
	cd_merkle_node tree[9];
	cd_merkle_node proof[CD_MERKLE_MAX_PROOF];
	size_t		n;

	make_leaves(leaves, 5);
	cd_merkle_build(leaves, 5, true, tree);
	CHECK_HEX_EQ(tree[0], 32, "1f6d3ed56359e48577ba3a0e447d89939666d24d7bdea0fb1914a98344d71dba");
	/* getProof(2): the leaf keccak256("3") */
	n = cd_merkle_proof((const cd_merkle_node *) tree, 9, tree_index_of(leaves, 5, 2), proof);
	CHECK(n == 3);
	CHECK_HEX_EQ(proof[0], 32, "13600b294191fc92924bb3ce4b969c1e7e2bab8f4c93c3fc6d0a51733df3c060");
	CHECK_HEX_EQ(proof[1], 32, "ceebf77a833b30520287ddd9478ff51abbdffa30aa90a8d655dba0e8a79ce0c1");
	CHECK_HEX_EQ(proof[2], 32, "a2599cd4778e8cd8b3e83ee85b7aa6cf95199ae73cf30fc78b2e56bf4185dce2");
}

/* Duplicates keep input order (stable sort), as JavaScript's sort does. */
static void
test_duplicates_stable(void)
{
	cd_merkle_leaf leaves[3];
	cd_merkle_node tree[5];

	cd_keccak256((const uint8_t *) "b", 1, leaves[0].hash);
	cd_keccak256((const uint8_t *) "a", 1, leaves[1].hash);
	cd_keccak256((const uint8_t *) "b", 1, leaves[2].hash);
	for (size_t i = 0; i < 3; i++)
		leaves[i].value_index = i;
	cd_merkle_build(leaves, 3, true, tree);
	CHECK_HEX_EQ(tree[0], 32, "68c8122bf5d77d387e423324e3843c3d07c1d44972f1a4b79cfdfb880763d185");
	/* value 0 sorts before value 2, and leaves are stored from the end backwards */
	CHECK(tree_index_of(leaves, 3, 0) > tree_index_of(leaves, 3, 2));
}

/* Every proof of trees of 1..100 leaves verifies; a changed leaf does not. */
static void
test_all_proofs_verify(void)
{
	for (size_t n = 1; n <= 100; n++)
	{
		cd_merkle_leaf *leaves = malloc(sizeof(cd_merkle_leaf) * n);
		cd_merkle_node *tree = malloc(sizeof(cd_merkle_node) * (2 * n - 1));
		bool		all = true;
		bool		any_wrong = false;

		make_leaves(leaves, n);
		cd_merkle_build(leaves, n, true, tree);
		for (size_t k = 0; k < n; k++)
		{
			cd_merkle_node proof[CD_MERKLE_MAX_PROOF];
			cd_merkle_node other;
			size_t		len = cd_merkle_proof((const cd_merkle_node *) tree, 2 * n - 1, 2 * n - 2 - k, proof);

			all = all && cd_merkle_verify(tree[0], leaves[k].hash, (const cd_merkle_node *) proof, len);
			memcpy(other, leaves[k].hash, 32);
			other[5] ^= 1;
			any_wrong = any_wrong || cd_merkle_verify(tree[0], other, (const cd_merkle_node *) proof, len);
		}
		CHECK(all);
		CHECK(!any_wrong);
		free(leaves);
		free(tree);
	}
}

static void
test_hash_pair_sorted(void)
{
	cd_merkle_node a;
	cd_merkle_node b;
	cd_merkle_node ab;
	cd_merkle_node ba;

	memset(a, 1, 32);
	memset(b, 2, 32);
	cd_merkle_hash_pair(a, b, ab);
	cd_merkle_hash_pair(b, a, ba);
	CHECK(memcmp(ab, ba, 32) == 0);
}

/* The leaf-count limits: the 54000 path cannot be reached in a regress test (it needs an 8M-element array). */
static void
test_leaf_count(void)
{
	cd_error	err;

	CHECK(cd_merkle_check_leaf_count(1, &err));
	CHECK(cd_merkle_check_leaf_count(CD_MERKLE_MAX_LEAVES, &err));
	CHECK(!cd_merkle_check_leaf_count(0, &err) && err.code == CD_ERR_PARAM);
	CHECK_STR_EQ(err.message, "a merkle tree needs at least one leaf");
	CHECK(!cd_merkle_check_leaf_count(CD_MERKLE_MAX_LEAVES + 1, &err) && err.code == CD_ERR_LIMIT);
	CHECK_STR_EQ(err.message, "too many merkle leaves: 8388609 (at most 8388608)");
}

/*
 * StandardMerkleTree leaves of [address, uint256], printed by
 * @openzeppelin/merkle-tree 1.0.8 (tree.leafHash(value)).
 */
static void
test_standard_leaf_address_uint256(void)
{
	uint8_t		address[20] = {0};
	uint8_t		amount[32] = {0};
	cd_merkle_node leaf;

	address[18] = 0x0b;
	address[19] = 0x0b;
	amount[30] = 0x01;
	amount[31] = 0xf4;			/* 500 */
	cd_merkle_leaf_address_uint256(address, amount, leaf);
	CHECK_HEX_EQ(leaf, 32, "bf75216e533d5e772749fbadd71f0485f9a2b101161e1121886e623976630c6e");
	address[18] = 0xca;
	address[19] = 0x01;
	amount[30] = 0;
	amount[31] = 7;
	cd_merkle_leaf_address_uint256(address, amount, leaf);
	CHECK_HEX_EQ(leaf, 32, "aea5137257394204bd6679b284b6e9cf62d46b0e14e6445d4619eacdd49550b1");
}

/*
 * cd_merkle_build_in_place gives cd_merkle_build's nodes for trees of 1 to
 * 70 leaves given in scrambled order, with duplicates among them, and the
 * published root of three leaves.
 */
static void
test_build_in_place(void)
{
	cd_merkle_leaf leaves[70];
	cd_merkle_node expected[139];
	cd_merkle_node tree[139];

	for (size_t n = 1; n <= 70; n++)
	{
		make_leaves(leaves, n);
		/* every seventh leaf repeats the first */
		for (size_t i = 7; i < n; i += 7)
			memcpy(leaves[i].hash, leaves[0].hash, CD_MERKLE_NODE_LEN);
		/* the leaves in reverse value order into the tree's leaf slots */
		for (size_t i = 0; i < n; i++)
			memcpy(tree[n - 1 + i], leaves[n - 1 - i].hash, CD_MERKLE_NODE_LEN);
		cd_merkle_build(leaves, n, true, expected);
		cd_merkle_build_in_place(tree, n);
		CHECK(memcmp(tree, expected, (2 * n - 1) * CD_MERKLE_NODE_LEN) == 0);
	}
	make_leaves(leaves, 3);
	for (size_t i = 0; i < 3; i++)
		memcpy(tree[2 + i], leaves[i].hash, CD_MERKLE_NODE_LEN);
	cd_merkle_build_in_place(tree, 3);
	CHECK_HEX_EQ(tree[0], 32, "2666e2847fc04c0167917b013982a4e8fb5e73e5c5bb0b95b075a39bfb56f596");
}

int
main(void)
{
	RUN(test_published_roots);
	RUN(test_published_proof);
	RUN(test_duplicates_stable);
	RUN(test_all_proofs_verify);
	RUN(test_hash_pair_sorted);
	RUN(test_leaf_count);
	RUN(test_standard_leaf_address_uint256);
	RUN(test_build_in_place);
	return unit_summary("test_merkle");
}
