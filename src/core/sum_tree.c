/*
 * sum_tree.c - Merkle sum trees of liabilities (keccak256, both children's
 * sums in every node); the encoding is docs/solvency.md's
 */
#include <string.h>

#include "keccak.h"
#include "sum_tree.h"

/* Domain tags: the ASCII bytes, without length or NUL. */
static const char leaf_tag[] = "creative_defi.solvency.leaf";
static const char node_tag[] = "creative_defi.solvency.node";

/* The padding node that completes an odd level: zero hash, sum 0. */
static const cd_sum_node padding_node;

/*
 * keccak256(leaf_tag || account || u256be(balance) || salt)
 */
void
cd_sum_tree_leaf(const uint8_t account[CD_SUM_TREE_ACCOUNT_LEN], const cd_u256 *balance,
				 const uint8_t salt[CD_SUM_TREE_SALT_LEN], cd_sum_node *out)
{
	cd_keccak256_ctx ctx;
	uint8_t		be[32];

	cd_u256_to_be32(balance, be);
	cd_keccak256_init(&ctx);
	cd_keccak256_update(&ctx, (const uint8_t *) leaf_tag, sizeof(leaf_tag) - 1);
	cd_keccak256_update(&ctx, account, CD_SUM_TREE_ACCOUNT_LEN);
	cd_keccak256_update(&ctx, be, sizeof(be));
	cd_keccak256_update(&ctx, salt, CD_SUM_TREE_SALT_LEN);
	cd_keccak256_final(&ctx, out->hash);
	out->sum = *balance;
}

/*
 * keccak256(node_tag || left.hash || u256be(left.sum) || right.hash ||
 * u256be(right.sum)): both sums, so that a parent's total cannot be split
 * between its children in another way than they commit to.
 */
bool
cd_sum_tree_parent(const cd_sum_node *left, const cd_sum_node *right, cd_sum_node *out)
{
	cd_keccak256_ctx ctx;
	uint8_t		be[32];
	cd_u256		sum;

	if (!cd_u256_add(&left->sum, &right->sum, &sum))
		return false;
	cd_keccak256_init(&ctx);
	cd_keccak256_update(&ctx, (const uint8_t *) node_tag, sizeof(node_tag) - 1);
	cd_keccak256_update(&ctx, left->hash, CD_SUM_TREE_HASH_LEN);
	cd_u256_to_be32(&left->sum, be);
	cd_keccak256_update(&ctx, be, sizeof(be));
	cd_keccak256_update(&ctx, right->hash, CD_SUM_TREE_HASH_LEN);
	cd_u256_to_be32(&right->sum, be);
	cd_keccak256_update(&ctx, be, sizeof(be));
	cd_keccak256_final(&ctx, out->hash);
	out->sum = sum;
	return true;
}

size_t
cd_sum_tree_depth(uint64_t n)
{
	size_t		depth = 0;

	while (n > 1)
	{
		n = (n + 1) / 2;
		depth++;
	}
	return depth;
}

/* The error of a level whose sums overflow. */
static bool
sum_overflow(cd_error *err)
{
	cd_fail(err, CD_ERR_RANGE, "the sum of the balances exceeds 2^256 - 1");
	cd_error_detail(err, "A liabilities tree sums uint256 balances and refuses a total that does not fit.");
	return false;
}

bool
cd_sum_tree_next_level(const cd_sum_node *level, size_t n, cd_sum_node *up, cd_error *err)
{
	for (size_t i = 0; i < n; i += 2)
	{
		const cd_sum_node *right = (i + 1 < n) ? &level[i + 1] : &padding_node;

		if (!cd_sum_tree_parent(&level[i], right, &up[i / 2]))
			return sum_overflow(err);
	}
	return true;
}

/*
 * A stored node is hash || u256be(sum), which is also how a parent hashes
 * each child: the parent's preimage is the tag and the two stored nodes
 * as they lie side by side, and only the sums need arithmetic.
 */
bool
cd_sum_tree_next_level_encoded(const uint8_t *level, size_t n, uint8_t *up, cd_error *err)
{
	static const uint8_t padding_bytes[CD_SUM_TREE_NODE_LEN];

	for (size_t i = 0; i < n; i += 2)
	{
		const uint8_t *left = level + i * CD_SUM_TREE_NODE_LEN;
		const uint8_t *right = (i + 1 < n) ? left + CD_SUM_TREE_NODE_LEN : padding_bytes;
		uint8_t    *parent = up + (i / 2) * CD_SUM_TREE_NODE_LEN;
		cd_u256		a;
		cd_u256		b;
		cd_u256		sum;
		cd_keccak256_ctx ctx;

		cd_u256_from_be32(left + CD_SUM_TREE_HASH_LEN, &a);
		cd_u256_from_be32(right + CD_SUM_TREE_HASH_LEN, &b);
		if (!cd_u256_add(&a, &b, &sum))
			return sum_overflow(err);
		cd_keccak256_init(&ctx);
		cd_keccak256_update(&ctx, (const uint8_t *) node_tag, sizeof(node_tag) - 1);
		cd_keccak256_update(&ctx, left, CD_SUM_TREE_NODE_LEN);
		cd_keccak256_update(&ctx, right, CD_SUM_TREE_NODE_LEN);
		cd_keccak256_final(&ctx, parent);
		cd_u256_to_be32(&sum, parent + CD_SUM_TREE_HASH_LEN);
	}
	return true;
}

void
cd_sum_tree_leaf_encoded(const uint8_t account[CD_SUM_TREE_ACCOUNT_LEN], const uint8_t balance_be[32],
						 const uint8_t salt[CD_SUM_TREE_SALT_LEN], uint8_t out[CD_SUM_TREE_NODE_LEN])
{
	cd_keccak256_ctx ctx;

	cd_keccak256_init(&ctx);
	cd_keccak256_update(&ctx, (const uint8_t *) leaf_tag, sizeof(leaf_tag) - 1);
	cd_keccak256_update(&ctx, account, CD_SUM_TREE_ACCOUNT_LEN);
	cd_keccak256_update(&ctx, balance_be, 32);
	cd_keccak256_update(&ctx, salt, CD_SUM_TREE_SALT_LEN);
	cd_keccak256_final(&ctx, out);
	memmove(out + CD_SUM_TREE_HASH_LEN, balance_be, 32);
}

void
cd_sum_node_encode(const cd_sum_node *node, uint8_t out[CD_SUM_TREE_NODE_LEN])
{
	memcpy(out, node->hash, CD_SUM_TREE_HASH_LEN);
	cd_u256_to_be32(&node->sum, out + CD_SUM_TREE_HASH_LEN);
}

void
cd_sum_node_decode(const uint8_t in[CD_SUM_TREE_NODE_LEN], cd_sum_node *node)
{
	memcpy(node->hash, in, CD_SUM_TREE_HASH_LEN);
	cd_u256_from_be32(in + CD_SUM_TREE_HASH_LEN, &node->sum);
}

/*
 * Climb from the leaf: at level i the current node is the right child when
 * bit i of the index is set.
 */
bool
cd_sum_proof_verify(const cd_sum_proof *proof)
{
	cd_sum_node node;

	cd_sum_tree_leaf(proof->account, &proof->balance, proof->salt, &node);
	if (proof->has_leaf && memcmp(node.hash, proof->leaf, CD_SUM_TREE_HASH_LEN) != 0)
		return false;
	for (size_t i = 0; i < proof->depth; i++)
	{
		bool		is_right = ((proof->index >> i) & 1) != 0;
		cd_sum_node parent;

		if (!cd_sum_tree_parent(is_right ? &proof->path[i] : &node,
								is_right ? &node : &proof->path[i], &parent))
			return false;
		node = parent;
	}
	return memcmp(node.hash, proof->root, CD_SUM_TREE_HASH_LEN) == 0
		&& cd_u256_cmp(&node.sum, &proof->total) == 0;
}
