/*
 * sum_tree.h - Merkle sum trees of liabilities and their inclusion proofs
 *
 * A proof of liabilities (docs/solvency.md): each leaf commits to an
 * account, its balance and a random salt; each inner node to both
 * children's hashes and both children's sums, so that no sibling can claim
 * less than it holds without changing the hash.  Keccak-256 throughout.
 * The byte encoding is stated in docs/solvency.md ("Encoding"); this file
 * is its reference implementation.
 *
 *   leaf = keccak256("creative_defi.solvency.leaf" || account(20) || u256be(balance) || salt(32))
 *   node = keccak256("creative_defi.solvency.node" || left.hash || u256be(left.sum)
 *                    || right.hash || u256be(right.sum)),  sum = left.sum + right.sum
 *
 * Leaves are in ascending account order; a level with an odd number of
 * nodes (more than one) pairs its last node with the padding node (32 zero
 * bytes, sum 0).  A sum above 2^256 - 1 is refused, never wrapped.
 */
#ifndef CD_SUM_TREE_H
#define CD_SUM_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "uint256.h"

#define CD_SUM_TREE_HASH_LEN 32
#define CD_SUM_TREE_SALT_LEN 32
#define CD_SUM_TREE_ACCOUNT_LEN 20
/* A stored node: hash || u256be(sum). */
#define CD_SUM_TREE_NODE_LEN 64
/* At most 2^32 leaves, so a path has at most 32 levels. */
#define CD_SUM_TREE_MAX_LEAVES ((uint64_t) 1 << 32)
#define CD_SUM_TREE_MAX_DEPTH 32
/* Longest JSON text cd_sum_proof_format writes, its NUL included. */
#define CD_SUM_PROOF_JSON_MAX 8192

typedef struct cd_sum_node
{
	uint8_t		hash[CD_SUM_TREE_HASH_LEN];
	cd_u256		sum;
} cd_sum_node;

/* An inclusion proof, as liabilities_proof() writes it in JSON. */
typedef struct cd_sum_proof
{
	uint8_t		account[CD_SUM_TREE_ACCOUNT_LEN];
	cd_u256		balance;
	uint8_t		salt[CD_SUM_TREE_SALT_LEN];
	bool		has_leaf;		/* "leaf" given: it must equal the recomputed leaf */
	uint8_t		leaf[CD_SUM_TREE_HASH_LEN];
	uint64_t	index;			/* the leaf's position, from 0 */
	uint64_t	leaf_count;
	size_t		depth;			/* path length: levels above the leaves */
	cd_sum_node path[CD_SUM_TREE_MAX_DEPTH];	/* sibling at each level, leaves first */
	uint8_t		root[CD_SUM_TREE_HASH_LEN];
	cd_u256		total;
} cd_sum_proof;

/* The leaf of one holding. */
extern void cd_sum_tree_leaf(const uint8_t account[CD_SUM_TREE_ACCOUNT_LEN], const cd_u256 *balance,
							 const uint8_t salt[CD_SUM_TREE_SALT_LEN], cd_sum_node *out);

/* The parent of two nodes; false when the sums overflow uint256. */
extern bool cd_sum_tree_parent(const cd_sum_node *left, const cd_sum_node *right, cd_sum_node *out);

/* The number of levels above n >= 1 leaves: ceil(log2(n)). */
extern size_t cd_sum_tree_depth(uint64_t n);

/*
 * The level above level[0 .. n), n >= 2, into up[0 .. (n + 1) / 2), the
 * last node paired with the padding node when n is odd.  CD_ERR_RANGE when
 * a sum exceeds 2^256 - 1.
 */
extern bool cd_sum_tree_next_level(const cd_sum_node *level, size_t n, cd_sum_node *up, cd_error *err);

/*
 * cd_sum_tree_next_level on stored nodes (CD_SUM_TREE_NODE_LEN bytes
 * each): the level above level[0 .. n) nodes, n >= 2, into up[0 ..
 * (n + 1) / 2) nodes, so that a builder keeps each level only in the form
 * it stores.  CD_ERR_RANGE when a sum exceeds 2^256 - 1.
 */
extern bool cd_sum_tree_next_level_encoded(const uint8_t *level, size_t n, uint8_t *up, cd_error *err);

/*
 * cd_sum_tree_leaf in the stored form, from the balance's 32 big-endian
 * bytes (a leaf's sum is its balance).
 */
extern void cd_sum_tree_leaf_encoded(const uint8_t account[CD_SUM_TREE_ACCOUNT_LEN], const uint8_t balance_be[32],
									 const uint8_t salt[CD_SUM_TREE_SALT_LEN], uint8_t out[CD_SUM_TREE_NODE_LEN]);

/* A node's stored form (hash || u256be(sum)) and back. */
extern void cd_sum_node_encode(const cd_sum_node *node, uint8_t out[CD_SUM_TREE_NODE_LEN]);
extern void cd_sum_node_decode(const uint8_t in[CD_SUM_TREE_NODE_LEN], cd_sum_node *node);

/*
 * Parse the JSON text of a proof.  Refuses (false, err filled) malformed
 * JSON (CD_ERR_SYNTAX), a missing or unknown member, a member of the wrong
 * JSON kind, hex of the wrong length or an index outside leaf_count, a path
 * whose length is not cd_sum_tree_depth(leaf_count) (CD_ERR_PARAM),
 * non-hex text or a sum that is not a decimal string (CD_ERR_SYNTAX), a
 * negative sum or one above 2^256 - 1 (CD_ERR_RANGE).  Frees what it
 * allocated before it returns.
 */
extern bool cd_sum_proof_parse(const char *text, size_t len, cd_sum_proof *proof, cd_error *err);

/*
 * True when the leaf and the path recompute to the proof's root and total
 * (and to its leaf hash, when given); false otherwise, a sum overflowing
 * uint256 on the way included.
 */
extern bool cd_sum_proof_verify(const cd_sum_proof *proof);

/*
 * The proof as JSON text (members account, balance, salt, leaf, index,
 * leaf_count, path, root, total), NUL-terminated in out, which has room
 * for CD_SUM_PROOF_JSON_MAX bytes.  Returns the length.
 */
extern size_t cd_sum_proof_format(const cd_sum_proof *proof, char out[CD_SUM_PROOF_JSON_MAX]);

#endif							/* CD_SUM_TREE_H */
