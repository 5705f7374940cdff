/*
 * pg_solvency.c - SQL access to Merkle sum trees of liabilities
 * (docs/solvency.md): the levels of a tree, random salts, and the JSON
 * inclusion proof written and verified by the core (core/sum_tree.h)
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
/* funcapi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/tuplestore.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_numeric_u256.h"
#include "pg_solvency.h"
#include "core/sum_tree.h"

/* The elements of a one-dimensional numeric[] without NULLs. */
static Datum *
numeric_elements(ArrayType *array, const char *what, int *count)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", what)));
	deconstruct_array(array, NUMERICOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s %d is null", what, i + 1)));
	*count = n;
	return elems;
}

/* One row (level, nodes) of the result. */
static void
put_level(Tuplestorestate *store, TupleDesc desc, int level, const cd_sum_node *nodes, size_t n)
{
	bytea	   *b = palloc(VARHDRSZ + n * CD_SUM_TREE_NODE_LEN);
	Datum		values[2];
	bool		nulls[2] = {false, false};

	SET_VARSIZE(b, VARHDRSZ + n * CD_SUM_TREE_NODE_LEN);
	for (size_t i = 0; i < n; i++)
		cd_sum_node_encode(&nodes[i], (uint8 *) VARDATA(b) + i * CD_SUM_TREE_NODE_LEN);
	values[0] = Int32GetDatum(level);
	values[1] = PointerGetDatum(b);
	tuplestore_putvalues(store, desc, values, nulls);
	pfree(b);
}

PG_FUNCTION_INFO_V1(liabilities_tree_levels);
/*
 * liabilities_tree_levels(accounts bytea, balances numeric[], salts bytea)
 * RETURNS TABLE(level integer, nodes bytea): every level of the sum tree,
 * leaves first, each node as hash || u256be(sum).  accounts holds the
 * 20-byte addresses in strictly ascending order, salts 32 bytes a leaf.
 * Two levels are in memory at a time, besides the result.
 */
Datum
liabilities_tree_levels(PG_FUNCTION_ARGS)
{
	bytea	   *accounts = PG_GETARG_BYTEA_PP(0);
	int			n;
	Datum	   *balances = numeric_elements(PG_GETARG_ARRAYTYPE_P(1), "balance", &n);
	bytea	   *salts = PG_GETARG_BYTEA_PP(2);
	const uint8 *acc = (const uint8 *) VARDATA_ANY(accounts);
	const uint8 *salt = (const uint8 *) VARDATA_ANY(salts);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cd_sum_node *level;
	cd_sum_node *up;
	size_t		count = (size_t) n;
	int			depth = 0;
	cd_error	err;

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a liabilities tree needs at least one leaf")));
	if ((uint64) n > CD_SUM_TREE_MAX_LEAVES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many liabilities leaves: %d", n)));
	if (VARSIZE_ANY_EXHDR(accounts) != count * CD_SUM_TREE_ACCOUNT_LEN ||
		VARSIZE_ANY_EXHDR(salts) != count * CD_SUM_TREE_SALT_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d balances need %zu bytes of accounts and %zu bytes of salts, not %zu and %zu",
						n, count * CD_SUM_TREE_ACCOUNT_LEN, count * CD_SUM_TREE_SALT_LEN,
						(size_t) VARSIZE_ANY_EXHDR(accounts), (size_t) VARSIZE_ANY_EXHDR(salts)),
				 errdetail("accounts holds 20 bytes a leaf, salts 32.")));
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	level = palloc(sizeof(cd_sum_node) * count);
	for (size_t i = 0; i < count; i++)
	{
		cd_u256		balance;

		if (i > 0 && memcmp(acc + (i - 1) * CD_SUM_TREE_ACCOUNT_LEN, acc + i * CD_SUM_TREE_ACCOUNT_LEN,
							CD_SUM_TREE_ACCOUNT_LEN) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("liabilities leaf accounts must be in strictly ascending order"),
					 errdetail("Account %zu is not above account %zu.", i + 1, i)));
		numeric_datum_get_u256(balances[i], "balance", &balance);
		cd_sum_tree_leaf(acc + i * CD_SUM_TREE_ACCOUNT_LEN, &balance, salt + i * CD_SUM_TREE_SALT_LEN, &level[i]);
	}
	put_level(rsinfo->setResult, rsinfo->setDesc, depth, level, count);
	cd_error_clear(&err);
	while (count > 1)
	{
		size_t		next = (count + 1) / 2;

		up = palloc(sizeof(cd_sum_node) * next);
		if (!cd_sum_tree_next_level(level, count, up, &err))
			cd_raise(&err);
		pfree(level);
		level = up;
		count = next;
		put_level(rsinfo->setResult, rsinfo->setDesc, ++depth, level, count);
	}
	pfree(level);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(liabilities_random_salts);
/*
 * liabilities_random_salts(n integer): 32 bytes a leaf from the server's
 * cryptographically strong generator, as pgcrypto's gen_random_bytes.
 */
Datum
liabilities_random_salts(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0);
	size_t		len;
	bytea	   *b;

	if (n < 0 || (Size) n > (MaxAllocSize - VARHDRSZ) / CD_SUM_TREE_SALT_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot make %d salts", n)));
	len = (size_t) n * CD_SUM_TREE_SALT_LEN;
	b = palloc(VARHDRSZ + len);
	SET_VARSIZE(b, VARHDRSZ + len);
	solvency_random_bytes((uint8 *) VARDATA(b), len);
	PG_RETURN_BYTEA_P(b);
}

void
solvency_random_bytes(uint8 *out, size_t len)
{
	/* pg_strong_random takes at most what fits in its size_t; fill in chunks to be safe */
	for (size_t done = 0; done < len;)
	{
		size_t		chunk = Min(len - done, (size_t) 1 << 20);

		if (!pg_strong_random(out + done, chunk))
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not generate random salts")));
		done += chunk;
	}
}

PG_FUNCTION_INFO_V1(liabilities_proof_json);
/*
 * liabilities_proof_json(account, balance, salt, index, leaf_count,
 * siblings bytea[], root bytea, total numeric): the proof's JSON, written
 * by the core (siblings: one stored 64-byte node a level, leaves first).
 */
Datum
liabilities_proof_json(PG_FUNCTION_ARGS)
{
	EthAddress *account = PG_GETARG_ETH_ADDRESS_P(0);
	cd_sum_proof proof;
	ArrayType  *siblings = PG_GETARG_ARRAYTYPE_P(5);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	cd_sum_node leaf;
	char		json[CD_SUM_PROOF_JSON_MAX];

	memset(&proof, 0, sizeof(proof));
	memcpy(proof.account, account->bytes, CD_SUM_TREE_ACCOUNT_LEN);
	PG_GETARG_U256(1, "balance", &proof.balance);
	memcpy(proof.salt, fixed_length_bytes(PG_GETARG_BYTEA_PP(2), "salt", CD_SUM_TREE_SALT_LEN), CD_SUM_TREE_SALT_LEN);
	proof.index = (uint64) PG_GETARG_INT64(3);
	proof.leaf_count = (uint64) PG_GETARG_INT64(4);
	memcpy(proof.root, fixed_length_bytes(PG_GETARG_BYTEA_PP(6), "root", CD_SUM_TREE_HASH_LEN), CD_SUM_TREE_HASH_LEN);
	PG_GETARG_U256(7, "total", &proof.total);
	deconstruct_array(siblings, BYTEAOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n > CD_SUM_TREE_MAX_DEPTH || (size_t) n != cd_sum_tree_depth(proof.leaf_count))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a liabilities proof of %lld leaves has %zu levels, not %d",
						(long long) proof.leaf_count, cd_sum_tree_depth(proof.leaf_count), n)));
	proof.depth = (size_t) n;
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("sibling %d is null", i + 1)));
		cd_sum_node_decode(fixed_length_bytes(DatumGetByteaPP(elems[i]), "sibling", CD_SUM_TREE_NODE_LEN),
						   &proof.path[i]);
	}
	cd_sum_tree_leaf(proof.account, &proof.balance, proof.salt, &leaf);
	memcpy(proof.leaf, leaf.hash, CD_SUM_TREE_HASH_LEN);
	proof.has_leaf = true;
	cd_sum_proof_format(&proof, json);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(json)));
}

PG_FUNCTION_INFO_V1(liabilities_verify);
/*
 * liabilities_verify(proof jsonb): true when the proof's leaf and path
 * recompute to its root and total; a malformed proof is an error.
 */
Datum
liabilities_verify(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	char	   *text = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
	cd_sum_proof proof;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_sum_proof_parse(text, strlen(text), &proof, &err))
		cd_raise(&err);
	PG_RETURN_BOOL(cd_sum_proof_verify(&proof));
}
