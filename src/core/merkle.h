/*
 * merkle.h - Merkle trees and proofs as OpenZeppelin builds and checks them
 *
 * Nodes are 32 bytes; an inner node is keccak256 of its two children in
 * byte order (smaller first), so a proof needs no left/right flags
 * (OpenZeppelin's MerkleProof.sol).  Trees are laid out like
 * @openzeppelin/merkle-tree's SimpleMerkleTree: an array of 2n-1 nodes
 * with the root at 0, the children of node i at 2i+1 and 2i+2, and the
 * leaves, sorted ascending by default, stored from the end backwards.
 */
#ifndef CD_MERKLE_H
#define CD_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CD_MERKLE_NODE_LEN 32
/* More leaves than this would need a tree array over 1 GB. */
#define CD_MERKLE_MAX_LEAVES ((size_t) 1 << 23)
/* A proof climbs at most this many levels (2n-1 nodes, n <= 2^23). */
#define CD_MERKLE_MAX_PROOF 64

typedef uint8_t cd_merkle_node[CD_MERKLE_NODE_LEN];

/* A leaf and its position in the caller's list of values. */
typedef struct cd_merkle_leaf
{
	cd_merkle_node hash;
	size_t		value_index;
} cd_merkle_leaf;

#include "cd_error.h"

/*
 * A tree needs 1 to CD_MERKLE_MAX_LEAVES leaves: CD_ERR_PARAM for none,
 * CD_ERR_LIMIT for too many.
 */
extern bool cd_merkle_check_leaf_count(size_t n, cd_error *err);

/* keccak256 of a and b concatenated smaller first. */
extern void cd_merkle_hash_pair(const cd_merkle_node a, const cd_merkle_node b, cd_merkle_node out);

/*
 * True when folding proof[0..nproof) into leaf with cd_merkle_hash_pair
 * gives root (MerkleProof.verify).
 */
extern bool cd_merkle_verify(const cd_merkle_node root, const cd_merkle_node leaf,
							 const cd_merkle_node *proof, size_t nproof);

/*
 * Build the tree of n >= 1 leaves into tree[0 .. 2n-1).  The caller fills
 * leaves[i] with value i and value_index = i; when sort is true (the
 * SimpleMerkleTree default) they are sorted in place, ascending by bytes,
 * ties kept in value order, exactly as the JavaScript library's stable
 * sort does.  Afterwards leaves[k] sits at tree index 2n-2-k.
 */
extern void cd_merkle_build(cd_merkle_leaf *leaves, size_t n, bool sort, cd_merkle_node *tree);

/*
 * The same tree without a leaf array: the caller writes the n >= 1 leaves,
 * in any order, to tree[n-1 .. 2n-1); they are sorted there (the k-th
 * smallest to tree index 2n-2-k) and the inner nodes hashed.  The nodes
 * are those of cd_merkle_build with sort = true: leaves of equal bytes
 * are interchangeable, so the order of ties cannot show.  Needs no memory
 * beyond the tree (a snapshot's claim tree, pg_solvency_snapshot.c).
 */
extern void cd_merkle_build_in_place(cd_merkle_node *tree, size_t n);

/*
 * The proof for the leaf at tree index tree_index of a tree of tree_len
 * nodes: its sibling, then its parent's sibling, and so on up to the root.
 * Returns the number of nodes written to proof (at most
 * CD_MERKLE_MAX_PROOF); a one-leaf tree has an empty proof.
 */
extern size_t cd_merkle_proof(const cd_merkle_node *tree, size_t tree_len, size_t tree_index,
							  cd_merkle_node *proof);

/*
 * StandardMerkleTree's leaf for the leaf encoding ["address", "uint256"]:
 * keccak256(keccak256(abi.encode(address, amount))), amount as 32
 * big-endian bytes (@openzeppelin/merkle-tree's standardLeafHash).
 */
extern void cd_merkle_leaf_address_uint256(const uint8_t address[20], const uint8_t amount_be[32],
										   cd_merkle_node out);

#endif							/* CD_MERKLE_H */
