/*
 * pg_solvency_snapshot.c - a liabilities snapshot built and stored in one
 * C call (docs/solvency.md, "Scale"): the balances streamed once from
 * the executor, the salts, the liabilities sum tree and the claims tree
 * computed from the same leaves, and every row written by a handful of
 * statements.
 *
 * Memory: the leaves themselves (20-byte account, 32-byte balance and
 * 32-byte salt each, packed) and the trees in the form they are stored,
 * all in one memory context deleted at the end; nothing grows with the
 * number of holdings besides that, and nothing is kept per leaf in SQL
 * values (no numeric[] or jsonb).  No library memory is held: the core's
 * hashing works on palloc'd buffers.
 */
#include "postgres.h"

#include <sys/resource.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "portability/instr_time.h"
/* these pull in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "commands/sequence.h"
#include "executor/spi.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_numeric_u256.h"
#include "pg_solvency.h"
#include "pg_spi_stream.h"
#include "core/merkle.h"
#include "core/sum_tree.h"

#define BALANCE_LEN 32

/* The packed leaves of a snapshot, in account order. */
typedef struct SnapshotLeaves
{
	MemoryContext cxt;
	size_t		n;
	size_t		capacity;
	bytea	   *accounts;		/* 20 bytes a leaf */
	bytea	   *balances;		/* u256be, 32 bytes a leaf */
	bytea	   *salts;			/* 32 bytes a leaf */
	Size		peak;			/* most bytes cxt held at once */
} SnapshotLeaves;

/* A bytea of len bytes in cxt, which may exceed 1 GB in total. */
static bytea *
huge_bytea_alloc(MemoryContext cxt, size_t len)
{
	bytea	   *b = MemoryContextAllocHuge(cxt, VARHDRSZ + len);

	SET_VARSIZE(b, VARHDRSZ + len);
	return b;
}

/* Resize a packed array to hold capacity elements of size bytes. */
static bytea *
bytea_grow(bytea *b, size_t capacity, size_t size)
{
	b = repalloc_huge(b, VARHDRSZ + capacity * size);
	SET_VARSIZE(b, VARHDRSZ + capacity * size);
	return b;
}

/* DEBUG2: how long each step took, wall clock and CPU, for the benchmark. */
typedef struct StepClock
{
	instr_time	wall;
	double		cpu_ms;
} StepClock;

static double
cpu_ms_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static void
note_step(const char *step, StepClock *since)
{
	instr_time	now;
	double		cpu = cpu_ms_now();

	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, since->wall);
	elog(DEBUG2, "liabilities snapshot: %s in %.1f ms (%.1f ms of CPU)", step, INSTR_TIME_GET_MILLISEC(now),
		 cpu - since->cpu_ms);
	INSTR_TIME_SET_CURRENT(since->wall);
	since->cpu_ms = cpu;
}

static void
note_peak(SnapshotLeaves *leaves)
{
	Size		now = MemoryContextMemAllocated(leaves->cxt, true);

	if (now > leaves->peak)
		leaves->peak = now;
}

/*
 * A row of the balances: (account, balance) appended to the packed arrays
 * as the executor produces it, no row kept or copied.  The accounts must
 * come strictly ascending: an order lost on the way is an error, never
 * another tree.
 */
static bool
append_balance(TupleTableSlot *slot, void *arg)
{
	SnapshotLeaves *leaves = arg;
	uint8	   *acc;
	cd_u256		value;

	if (slot->tts_isnull[0] || slot->tts_isnull[1])
		elog(ERROR, "liabilities_balances_at returned a null account or balance");
	if (leaves->n == leaves->capacity)
	{
		leaves->capacity *= 2;
		leaves->accounts = bytea_grow(leaves->accounts, leaves->capacity, CD_SUM_TREE_ACCOUNT_LEN);
		leaves->balances = bytea_grow(leaves->balances, leaves->capacity, BALANCE_LEN);
	}
	acc = (uint8 *) VARDATA(leaves->accounts) + leaves->n * CD_SUM_TREE_ACCOUNT_LEN;
	memcpy(acc, DatumGetEthAddressP(slot->tts_values[0])->bytes, CD_SUM_TREE_ACCOUNT_LEN);
	if (leaves->n > 0 && memcmp(acc - CD_SUM_TREE_ACCOUNT_LEN, acc, CD_SUM_TREE_ACCOUNT_LEN) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("liabilities leaf accounts must be in strictly ascending order"),
				 errdetail("Account %zu is not above account %zu.", leaves->n + 1, leaves->n)));
	numeric_datum_get_u256(slot->tts_values[1], "balance", &value);
	cd_u256_to_be32(&value, (uint8 *) VARDATA(leaves->balances) + leaves->n * BALANCE_LEN);
	leaves->n++;
	return true;
}

/*
 * Read the non-zero user balances of asset at seq, in account order
 * (liabilities_balances_at), into the packed arrays.
 */
static void
read_balances(SnapshotLeaves *leaves, const char *schema, Oid asset_type, Datum asset, Datum seq)
{
	Oid			types[2] = {asset_type, INT8OID};
	Datum		values[2] = {asset, seq};
	SPIPlanPtr	plan = SPI_prepare(psprintf("SELECT b.account, b.balance FROM %s.liabilities_balances_at($1, $2) b",
											schema), 2, types);

	if (plan == NULL)
		elog(ERROR, "could not prepare the balances' query: %s", SPI_result_code_string(SPI_result));
	spi_stream_rows(plan, 2, values, types, 2, append_balance, leaves, "the balances of a liabilities snapshot");
	SPI_freeplan(plan);
	note_peak(leaves);
	/* down from the last doubling to the leaves' size */
	leaves->capacity = Max(leaves->n, 1);
	leaves->accounts = bytea_grow(leaves->accounts, leaves->capacity, CD_SUM_TREE_ACCOUNT_LEN);
	leaves->balances = bytea_grow(leaves->balances, leaves->capacity, BALANCE_LEN);
	SET_VARSIZE(leaves->accounts, VARHDRSZ + leaves->n * CD_SUM_TREE_ACCOUNT_LEN);
	SET_VARSIZE(leaves->balances, VARHDRSZ + leaves->n * BALANCE_LEN);
}

/* 32 bytes a leaf from the server's strong generator. */
static void
make_salts(SnapshotLeaves *leaves)
{
	leaves->salts = huge_bytea_alloc(leaves->cxt, leaves->n * CD_SUM_TREE_SALT_LEN);
	solvency_random_bytes((uint8 *) VARDATA(leaves->salts), leaves->n * CD_SUM_TREE_SALT_LEN);
	note_peak(leaves);
}

/*
 * Every level of the sum tree in its stored form (64 bytes a node), leaves
 * first; returns the number of levels.
 */
static int
build_sum_tree(SnapshotLeaves *leaves, bytea *levels[CD_SUM_TREE_MAX_DEPTH + 1])
{
	const uint8 *acc = (const uint8 *) VARDATA(leaves->accounts);
	const uint8 *bal = (const uint8 *) VARDATA(leaves->balances);
	const uint8 *salt = (const uint8 *) VARDATA(leaves->salts);
	size_t		count = leaves->n;
	int			depth = 0;
	cd_error	err;

	levels[0] = huge_bytea_alloc(leaves->cxt, count * CD_SUM_TREE_NODE_LEN);
	for (size_t i = 0; i < count; i++)
		cd_sum_tree_leaf_encoded(acc + i * CD_SUM_TREE_ACCOUNT_LEN, bal + i * BALANCE_LEN,
								 salt + i * CD_SUM_TREE_SALT_LEN,
								 (uint8 *) VARDATA(levels[0]) + i * CD_SUM_TREE_NODE_LEN);
	cd_error_clear(&err);
	while (count > 1)
	{
		size_t		next = (count + 1) / 2;

		levels[depth + 1] = huge_bytea_alloc(leaves->cxt, next * CD_SUM_TREE_NODE_LEN);
		if (!cd_sum_tree_next_level_encoded((const uint8 *) VARDATA(levels[depth]), count,
											(uint8 *) VARDATA(levels[depth + 1]), &err))
			cd_raise(&err);
		depth++;
		count = next;
	}
	note_peak(leaves);
	return depth + 1;
}

/*
 * The claims tree (@openzeppelin/merkle-tree's StandardMerkleTree over
 * (address, uint256)) in its stored form: 2n-1 nodes of 32 bytes, the
 * root first, the sorted leaves last in reverse (claims_tree's layout).
 */
static bytea *
build_claims_tree(SnapshotLeaves *leaves)
{
	size_t		n = leaves->n;
	bytea	   *tree = huge_bytea_alloc(leaves->cxt, (2 * n - 1) * CD_MERKLE_NODE_LEN);
	cd_merkle_node *nodes = (cd_merkle_node *) VARDATA(tree);

	for (size_t i = 0; i < n; i++)
		cd_merkle_leaf_address_uint256((const uint8 *) VARDATA(leaves->accounts) + i * CD_SUM_TREE_ACCOUNT_LEN,
									   (const uint8 *) VARDATA(leaves->balances) + i * BALANCE_LEN,
									   nodes[n - 1 + i]);
	cd_merkle_build_in_place(nodes, n);
	note_peak(leaves);
	return tree;
}

/*
 * A prepared insert with a generic plan: its parameters stay parameters,
 * read in place by the executor, where a custom plan would copy each
 * value into the plan as a constant (a level or a tree, megabytes).
 */
static SPIPlanPtr
prepare_insert(const char *query, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare_cursor(query, nargs, types, CURSOR_OPT_GENERIC_PLAN);

	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", query, SPI_result_code_string(SPI_result));
	return plan;
}

static void
run_insert(SPIPlanPtr plan, Datum *values)
{
	if (SPI_execute_plan(plan, values, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not store a liabilities snapshot");
}

/* Prepare, run once and free. */
static void
insert_once(const char *query, int nargs, Oid *types, Datum *values)
{
	SPIPlanPtr	plan = prepare_insert(query, nargs, types);

	run_insert(plan, values);
	SPI_freeplan(plan);
}

PG_FUNCTION_INFO_V1(liabilities_snapshot_store);
/*
 * liabilities_snapshot_store(ref text, asset asset, seq bigint,
 * journal_head bytea, OUT snapshot_id bigint, OUT root bytea, OUT total
 * numeric, OUT leaf_count bigint): build the snapshot of asset's user
 * balances at seq and store it whole: the snapshot row (its id drawn
 * here), the sum tree's levels, the claims tree and the leaves, in that
 * order (the claims tree before the leaves, so that the leaves' trigger,
 * which builds the claims tree of leaves stored otherwise, finds it).
 * No user balance: leaf_count 0 and nothing stored (the caller raises
 * CD060).
 */
Datum
liabilities_snapshot_store(PG_FUNCTION_ARGS)
{
	Datum		ref = PG_GETARG_DATUM(0);
	Datum		asset = PG_GETARG_DATUM(1);
	Datum		seq = PG_GETARG_DATUM(2);
	Datum		journal_head = PG_GETARG_DATUM(3);
	Oid			ns = get_func_namespace(fcinfo->flinfo->fn_oid);
	const char *schema = quote_identifier(get_namespace_name(ns));
	Oid		   *argtypes;
	int			nargs;
	TupleDesc	desc;
	Datum		result[4] = {0, 0, 0, 0};
	bool		result_null[4] = {true, true, false, false};
	SnapshotLeaves leaves;
	bytea	   *levels[CD_SUM_TREE_MAX_DEPTH + 1];
	int			nlevels;
	uint8		root[CD_SUM_TREE_HASH_LEN];
	cd_sum_node top;
	int64		snapshot_id;
	cd_error	err;
	StepClock	clock;

	INSTR_TIME_SET_CURRENT(clock.wall);
	clock.cpu_ms = cpu_ms_now();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "liabilities_snapshot_store must return a record");
	get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
	memset(&leaves, 0, sizeof(leaves));
	leaves.cxt = AllocSetContextCreate(CurrentMemoryContext, "liabilities snapshot", ALLOCSET_DEFAULT_SIZES);
	leaves.capacity = 1024;
	leaves.accounts = huge_bytea_alloc(leaves.cxt, leaves.capacity * CD_SUM_TREE_ACCOUNT_LEN);
	leaves.balances = huge_bytea_alloc(leaves.cxt, leaves.capacity * BALANCE_LEN);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	read_balances(&leaves, schema, argtypes[1], asset, seq);
	note_step("balances read", &clock);
	if (leaves.n == 0)
	{
		SPI_finish();
		MemoryContextDelete(leaves.cxt);
		result[2] = NumericGetDatum(int64_to_numeric(0));
		result[3] = Int64GetDatum(0);
		PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, result, result_null)));
	}
	cd_error_clear(&err);
	if (!cd_merkle_check_leaf_count(leaves.n, &err))
		cd_raise(&err);
	make_salts(&leaves);

	/* the sum tree first: the snapshot row needs its root and total */
	nlevels = build_sum_tree(&leaves, levels);
	note_step("salts and sum tree built", &clock);
	cd_sum_node_decode((const uint8 *) VARDATA(levels[nlevels - 1]), &top);
	memcpy(root, top.hash, CD_SUM_TREE_HASH_LEN);
	snapshot_id = nextval_internal(get_relname_relid("liabilities_snapshot_id_seq", ns), false);
	{
		Oid			types[8] = {INT8OID, TEXTOID, argtypes[1], INT8OID, BYTEAOID, BYTEAOID, NUMERICOID, INT8OID};
		Datum		values[8] = {Int64GetDatum(snapshot_id), ref, asset, seq, journal_head,
			PointerGetDatum(bytea_from_bytes(root, CD_SUM_TREE_HASH_LEN)),
			NumericGetDatum(u256_get_numeric(&top.sum)), Int64GetDatum((int64) leaves.n)};

		insert_once(psprintf("INSERT INTO %s.liabilities_snapshots (id, ref, asset, seq, journal_head, root, total, leaf_count) "
						"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", schema), 8, types, values);
	}
	note_step("snapshot stored", &clock);
	/* the levels from the top down, each freed once stored */
	{
		Oid			types[3] = {INT8OID, INT4OID, BYTEAOID};
		SPIPlanPtr	plan = prepare_insert(psprintf("INSERT INTO %s.liabilities_levels (snapshot_id, level, nodes) "
													"VALUES ($1, $2, $3)", schema), 3, types);

		for (int level = nlevels - 1; level >= 0; level--)
		{
			Datum		values[3] = {Int64GetDatum(snapshot_id), Int32GetDatum(level), PointerGetDatum(levels[level])};

			run_insert(plan, values);
			pfree(levels[level]);
		}
		SPI_freeplan(plan);
	}
	note_step("levels stored", &clock);
	/* the claims tree, before the leaves */
	{
		bytea	   *tree = build_claims_tree(&leaves);
		Oid			types[4] = {INT8OID, INT8OID, BYTEAOID, BYTEAOID};
		Datum		values[4] = {Int64GetDatum(snapshot_id), Int64GetDatum((int64) leaves.n),
			PointerGetDatum(bytea_from_bytes(VARDATA(tree), CD_MERKLE_NODE_LEN)), PointerGetDatum(tree)};

		insert_once(psprintf("INSERT INTO %s.claims_trees (snapshot_id, leaf_count, root, nodes) VALUES ($1, $2, $3, $4)",
						schema), 4, types, values);
		pfree(tree);
	}
	note_step("claims tree built and stored", &clock);
	/* the leaves, in one statement over the packed arrays */
	{
		Oid			types[4] = {INT8OID, BYTEAOID, BYTEAOID, BYTEAOID};
		Datum		values[4] = {Int64GetDatum(snapshot_id), PointerGetDatum(leaves.accounts),
			PointerGetDatum(leaves.balances), PointerGetDatum(leaves.salts)};

		/*
		 * The function in the select list, not in FROM: a set-returning
		 * function there is called a row at a time (ProjectSet), where a
		 * function scan would first copy every row into a tuplestore.
		 */
		insert_once(psprintf("INSERT INTO %s.liabilities_leaves (snapshot_id, position, account, balance, salt) "
							 "SELECT $1, (s.r).position, (s.r).account, (s.r).balance, (s.r).salt "
							 "FROM (SELECT %s.liabilities_leaf_rows($2, $3, $4) AS r) s",
							 schema, schema), 4, types, values);
	}
	note_step("leaves stored", &clock);
	SPI_finish();
	elog(DEBUG1, "liabilities snapshot %lld: %zu leaves, at most %zu bytes in its memory context",
		 (long long) snapshot_id, leaves.n, (size_t) leaves.peak);
	result[0] = Int64GetDatum(snapshot_id);
	result[1] = PointerGetDatum(bytea_from_bytes(root, CD_SUM_TREE_HASH_LEN));
	result[2] = NumericGetDatum(u256_get_numeric(&top.sum));
	result[3] = Int64GetDatum((int64) leaves.n);
	result_null[0] = result_null[1] = false;
	MemoryContextDelete(leaves.cxt);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, result, result_null)));
}

PG_FUNCTION_INFO_V1(liabilities_leaf_rows);
/*
 * liabilities_leaf_rows(accounts bytea, balances bytea, salts bytea)
 * RETURNS TABLE(position bigint, account eth_address, balance numeric,
 * salt bytea): the rows of packed leaves (20-byte accounts, 32-byte
 * big-endian balances, 32-byte salts), position counting from 0, one
 * row per call (value-per-call: called from a select list, nothing is
 * materialized).
 */
Datum
liabilities_leaf_rows(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	bytea	   *accounts = PG_GETARG_BYTEA_PP(0);
	bytea	   *balances = PG_GETARG_BYTEA_PP(1);
	bytea	   *salts = PG_GETARG_BYTEA_PP(2);
	size_t		i;
	cd_u256		balance;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (SRF_IS_FIRSTCALL())
	{
		size_t		n = VARSIZE_ANY_EXHDR(accounts) / CD_SUM_TREE_ACCOUNT_LEN;
		MemoryContext old;
		TupleDesc	desc;

		if (VARSIZE_ANY_EXHDR(accounts) != n * CD_SUM_TREE_ACCOUNT_LEN ||
			VARSIZE_ANY_EXHDR(balances) != n * BALANCE_LEN ||
			VARSIZE_ANY_EXHDR(salts) != n * CD_SUM_TREE_SALT_LEN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("packed liabilities leaves need 20 bytes of account, 32 of balance and 32 of salt a leaf"),
					 errdetail("Got %zu, %zu and %zu bytes.", (size_t) VARSIZE_ANY_EXHDR(accounts),
							   (size_t) VARSIZE_ANY_EXHDR(balances), (size_t) VARSIZE_ANY_EXHDR(salts))));
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "liabilities_leaf_rows must return a record");
		funcctx->tuple_desc = BlessTupleDesc(desc);
		funcctx->max_calls = n;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	i = funcctx->call_cntr;
	if (i >= funcctx->max_calls)
		SRF_RETURN_DONE(funcctx);
	cd_u256_from_be32((const uint8 *) VARDATA_ANY(balances) + i * BALANCE_LEN, &balance);
	values[0] = Int64GetDatum((int64) i);
	values[1] = EthAddressPGetDatum(eth_address_from_bytes((const uint8 *) VARDATA_ANY(accounts) +
														   i * CD_SUM_TREE_ACCOUNT_LEN));
	values[2] = NumericGetDatum(u256_get_numeric(&balance));
	values[3] = PointerGetDatum(bytea_from_bytes((const uint8 *) VARDATA_ANY(salts) + i * CD_SUM_TREE_SALT_LEN,
												 CD_SUM_TREE_SALT_LEN));
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
}
