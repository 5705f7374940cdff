/*
 * pg_merkle.c - SQL access to OpenZeppelin-compatible Merkle trees and proofs
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_numeric_u256.h"
#include "core/merkle.h"

/* A 32-byte bytea argument, or an error naming it. */
#define node_arg(b, what) fixed_length_bytes((b), (what), CD_MERKLE_NODE_LEN)

/* A palloc'd bytea holding one node. */
#define node_bytea(node) bytea_from_bytes((node), CD_MERKLE_NODE_LEN)

/*
 * The elements of a one-dimensional bytea[] as 32-byte nodes (palloc'd).
 * what names the argument in messages ("leaf", "proof element"); element
 * numbers in messages are SQL's, counting from 1.
 */
static cd_merkle_node *
array_nodes(ArrayType *array, const char *what, int *count)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	cd_merkle_node *nodes;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s array must be one-dimensional", what)));
	deconstruct_array(array, BYTEAOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	nodes = palloc(sizeof(cd_merkle_node) * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
	{
		char		name[64];

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s %d is null", what, i + 1)));
		snprintf(name, sizeof(name), "%s %d", what, i + 1);
		memcpy(nodes[i], node_arg(DatumGetByteaPP(elems[i]), name), CD_MERKLE_NODE_LEN);
	}
	*count = n;
	return nodes;
}

/*
 * Build the SimpleMerkleTree of the leaves (sorted) into a palloc'd array
 * of 2n-1 nodes; *leaves_out gets the sorted leaves with their positions.
 */
static cd_merkle_node *
build_tree(ArrayType *array, int *nleaves, cd_merkle_leaf **leaves_out)
{
	int			n;
	cd_merkle_node *values = array_nodes(array, "leaf", &n);
	cd_merkle_leaf *leaves;
	cd_merkle_node *tree;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_merkle_check_leaf_count((size_t) n, &err))
		cd_raise(&err);
	leaves = palloc(sizeof(cd_merkle_leaf) * n);
	for (int i = 0; i < n; i++)
	{
		memcpy(leaves[i].hash, values[i], CD_MERKLE_NODE_LEN);
		leaves[i].value_index = (size_t) i;
	}
	pfree(values);
	tree = palloc(sizeof(cd_merkle_node) * (2 * (size_t) n - 1));
	cd_merkle_build(leaves, (size_t) n, true, tree);
	*nleaves = n;
	*leaves_out = leaves;
	return tree;
}

PG_FUNCTION_INFO_V1(merkle_verify);
/*
 * merkle_verify(root, leaf, proof): OpenZeppelin MerkleProof.verify.
 */
Datum
merkle_verify(PG_FUNCTION_ARGS)
{
	const uint8 *root = node_arg(PG_GETARG_BYTEA_PP(0), "root");
	const uint8 *leaf = node_arg(PG_GETARG_BYTEA_PP(1), "leaf");
	int			n;
	cd_merkle_node *proof = array_nodes(PG_GETARG_ARRAYTYPE_P(2), "proof element", &n);

	PG_RETURN_BOOL(cd_merkle_verify(root, leaf, (const cd_merkle_node *) proof, (size_t) n));
}

PG_FUNCTION_INFO_V1(merkle_root);
/*
 * merkle_root(leaves): the root of SimpleMerkleTree.of(leaves).
 */
Datum
merkle_root(PG_FUNCTION_ARGS)
{
	int			n;
	cd_merkle_leaf *leaves;
	cd_merkle_node *tree = build_tree(PG_GETARG_ARRAYTYPE_P(0), &n, &leaves);

	PG_RETURN_BYTEA_P(node_bytea(tree[0]));
}

PG_FUNCTION_INFO_V1(merkle_proof);
/*
 * merkle_proof(leaves, index): SimpleMerkleTree.of(leaves).getProof(index),
 * index counting from 0 in the order the leaves were given.
 */
Datum
merkle_proof(PG_FUNCTION_ARGS)
{
	int32		index = PG_GETARG_INT32(1);
	int			n;
	cd_merkle_leaf *leaves;
	cd_merkle_node *tree = build_tree(PG_GETARG_ARRAYTYPE_P(0), &n, &leaves);
	cd_merkle_node proof[CD_MERKLE_MAX_PROOF];
	Datum		elems[CD_MERKLE_MAX_PROOF];
	size_t		tree_len = 2 * (size_t) n - 1;
	size_t		tree_index = 0;
	size_t		count;

	if (index < 0 || index >= n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("merkle leaf index %d is out of range for %d leaves", index, n),
				 errdetail("Indexes count from 0, as in SimpleMerkleTree.getProof(index).")));
	for (int k = 0; k < n; k++)
		if (leaves[k].value_index == (size_t) index)
			tree_index = tree_len - 1 - (size_t) k;
	count = cd_merkle_proof((const cd_merkle_node *) tree, tree_len, tree_index, proof);
	for (size_t i = 0; i < count; i++)
		elems[i] = PointerGetDatum(node_bytea(proof[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) count, BYTEAOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(claims_leaf);
/*
 * claims_leaf(account, amount): StandardMerkleTree.leafHash([account,
 * amount]) for the leaf encoding ["address", "uint256"].
 */
Datum
claims_leaf(PG_FUNCTION_ARGS)
{
	EthAddress *account = PG_GETARG_ETH_ADDRESS_P(0);
	cd_u256		amount;
	uint8		amount_be[32];
	cd_merkle_node leaf;

	PG_GETARG_U256(1, "amount", &amount);
	cd_u256_to_be32(&amount, amount_be);
	cd_merkle_leaf_address_uint256(account->bytes, amount_be, leaf);
	PG_RETURN_BYTEA_P(node_bytea(leaf));
}

PG_FUNCTION_INFO_V1(claims_tree);
/*
 * claims_tree(leaves): the whole SimpleMerkleTree of the leaves as one
 * bytea of 2n-1 32-byte nodes in the library's array order (tree[0] the
 * root, the sorted leaves last and in reverse), so that a proof is a
 * lookup: the leaf found by binary search, then one sibling per level.
 */
Datum
claims_tree(PG_FUNCTION_ARGS)
{
	int			n;
	cd_merkle_leaf *leaves;
	cd_merkle_node *tree = build_tree(PG_GETARG_ARRAYTYPE_P(0), &n, &leaves);

	pfree(leaves);
	PG_RETURN_BYTEA_P(bytea_from_bytes((const uint8 *) tree, (2 * (size_t) n - 1) * CD_MERKLE_NODE_LEN));
}
