/*
 * pg_lineage_graph.c - lineage_graph(work, before): a work's lineage read
 * from the link tables and numbered as the lineage core takes it
 * (src/sql/80_lineage.sql, docs/lineage.md)
 *
 * Every payment into a work with a lineage reads it, so it is read the
 * way the solvency snapshot reads balances: each row streamed from the
 * executor into packed arrays (no SPI tuple table, no asset[] of the
 * links, no numbering join), with four plans prepared once a session.
 * Works are numbered 1 .. n, work 1 the paid one, the others in the
 * order of the ancestors' index (the byte order of the asset text, the
 * documented tie order); a link's child and parent are found by a binary
 * search over them.  The memory of a payment stays a few bytes a link,
 * which matters beside the time: a PL/pgSQL version built about 1 MB of
 * arrays for 1,000 ancestors, which glibc gave back to the kernel after
 * each payment and faulted in again at the next (docs/benchmarks.md).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
/* these pull in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "pg_asset.h"
#include "pg_spi_stream.h"

/* The lineage as it is read: works[0] the paid work, the links numbered. */
typedef struct LineageReader
{
	MemoryContext cxt;			/* the caller's: the result outlives SPI */
	bool		reading_links;
	Datum	   *works;			/* Asset pointers, detoasted */
	int			n_works;
	int			works_capacity;
	Datum	   *children;
	Datum	   *parents;
	Datum	   *relative;
	Datum	   *license_bps;
	int			n_links;
	int			links_capacity;
} LineageReader;

/* The plans of a session, prepared for the extension's schema. */
typedef struct LineagePlans
{
	Oid			schema;
	Oid			asset_type;
	SPIPlanPtr	works_now;
	SPIPlanPtr	links_now;
	SPIPlanPtr	works_before;
	SPIPlanPtr	links_before;
} LineagePlans;

static LineagePlans plans;

static inline const Asset *
work_at(const LineageReader *r, int i)
{
	return (const Asset *) DatumGetPointer(r->works[i]);
}

/* The 1-based number of asset among the works, 0 if it is not one. */
static int
work_number(const LineageReader *r, const Asset *asset)
{
	int			lo = 1;
	int			hi = r->n_works;

	if (asset_compare_values(work_at(r, 0), asset) == 0)
		return 1;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = asset_compare_values(work_at(r, mid), asset);

		if (c == 0)
			return mid + 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void
append_work(LineageReader *r, Asset *work)
{
	if (r->n_works == r->works_capacity)
	{
		r->works_capacity *= 2;
		r->works = repalloc(r->works, sizeof(Datum) * r->works_capacity);
	}
	r->works[r->n_works++] = PointerGetDatum(work);
}

/*
 * A row of the works' query: an ancestor, copied into the caller's
 * memory.  They must come strictly ascending (the binary search relies on
 * it): an order lost on the way is an error, never another payment.
 */
static bool
read_row(TupleTableSlot *slot, void *arg)
{
	LineageReader *r = arg;
	MemoryContext old;
	int			child;
	int			parent;

	if (!r->reading_links)
	{
		Asset	   *work;

		old = MemoryContextSwitchTo(r->cxt);
		work = (Asset *) PG_DETOAST_DATUM_COPY(slot->tts_values[0]);
		MemoryContextSwitchTo(old);
		if (r->n_works > 1 && asset_compare_values(work_at(r, r->n_works - 1), work) >= 0)
			elog(ERROR, "the ancestors of a lineage must come in strictly ascending order");
		append_work(r, work);
		return true;
	}
	/* a link: numbered, or left out when its parent is not in the lineage */
	child = work_number(r, DatumGetAssetPP(slot->tts_values[0]));
	parent = work_number(r, DatumGetAssetPP(slot->tts_values[1]));
	if (child == 0 || parent == 0)
		return true;
	if (r->n_links == r->links_capacity)
	{
		r->links_capacity *= 2;
		r->children = repalloc(r->children, sizeof(Datum) * r->links_capacity);
		r->parents = repalloc(r->parents, sizeof(Datum) * r->links_capacity);
		r->relative = repalloc(r->relative, sizeof(Datum) * r->links_capacity);
		r->license_bps = repalloc(r->license_bps, sizeof(Datum) * r->links_capacity);
	}
	r->children[r->n_links] = Int32GetDatum(child);
	r->parents[r->n_links] = Int32GetDatum(parent);
	r->relative[r->n_links] = slot->tts_values[2];
	r->license_bps[r->n_links] = slot->tts_values[3];
	r->n_links++;
	return true;
}

static SPIPlanPtr
prepare_kept(const char *query, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare(query, nargs, types);

	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", query, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "could not keep the plan of \"%s\"", query);
	return plan;
}

/*
 * The four queries, for the schema the function lives in.  With before,
 * the lineage is walked from the links whose terms were journaled before
 * it and not retired by then; each step probes both link tables by child
 * (a join with their union would read every link of the ledger).
 */
static void
prepare_plans(Oid schema, Oid asset_type)
{
	const char *s = quote_identifier(get_namespace_name(schema));
	Oid			types[2] = {asset_type, INT8OID};
	/* the links of child u.ancestor as their terms were before $2 */
	char	   *links_of_u = psprintf("LATERAL ("
									  " SELECT c.child, c.parent, c.policy, c.license_bps FROM %s.lineage_links c"
									  "  WHERE c.child OPERATOR(%s.=) u.ancestor AND c.txn_id < $2"
									  " UNION ALL"
									  " SELECT r.child, r.parent, r.policy, r.license_bps FROM %s.lineage_links_retired r"
									  "  WHERE r.child OPERATOR(%s.=) u.ancestor AND r.txn_id < $2 AND r.retired_txn > $2) l",
									  s, s, s, s);
	char	   *up = psprintf("WITH RECURSIVE up(ancestor) AS (SELECT $1 UNION SELECT l.parent FROM up u, %s) ",
							  links_of_u);

	if (plans.schema != InvalidOid)
	{
		SPI_freeplan(plans.works_now);
		SPI_freeplan(plans.links_now);
		SPI_freeplan(plans.works_before);
		SPI_freeplan(plans.links_before);
		plans.schema = InvalidOid;
	}
	plans.works_now = prepare_kept(psprintf("SELECT a.ancestor FROM %s.lineage_ancestors a"
											" WHERE a.work OPERATOR(%s.=) $1 ORDER BY a.ancestor", s, s),
								   1, types);
	plans.links_now = prepare_kept(psprintf("SELECT l.child, l.parent, l.policy = 'relative', l.license_bps"
											" FROM (SELECT $1 AS child UNION ALL"
											"       SELECT a.ancestor FROM %s.lineage_ancestors a"
											"        WHERE a.work OPERATOR(%s.=) $1) w"
											" JOIN %s.lineage_links l ON l.child OPERATOR(%s.=) w.child",
											s, s, s, s),
								   1, types);
	plans.works_before = prepare_kept(psprintf("%s SELECT u.ancestor FROM up u WHERE u.ancestor OPERATOR(%s.<>) $1"
											   " ORDER BY u.ancestor", up, s),
									  2, types);
	plans.links_before = prepare_kept(psprintf("%s SELECT l.child, l.parent, l.policy = 'relative', l.license_bps"
											   " FROM up u, %s", up, links_of_u),
									  2, types);
	plans.schema = schema;
	plans.asset_type = asset_type;
}

/* Stream the rows of plan, run with the function's own arguments, into r. */
static void
run_into(SPIPlanPtr plan, FunctionCallInfo fcinfo, LineageReader *r)
{
	Datum		values[2];
	Oid			types[2] = {plans.asset_type, INT8OID};

	for (int i = 0; i < PG_NARGS(); i++)
		values[i] = PG_GETARG_DATUM(i);
	spi_stream_rows(plan, PG_NARGS(), values, types, r->reading_links ? 4 : 1, read_row, r,
					r->reading_links ? "the links of a lineage" : "the ancestors of a lineage");
}

PG_FUNCTION_INFO_V1(lineage_graph);
/*
 * lineage_graph(work asset [, before bigint], OUT works asset[], OUT
 * children integer[], OUT parents integer[], OUT relative boolean[], OUT
 * license_bps integer[]): the work and its ancestors (the work first, then
 * in the byte order of their text) with the links among them by number;
 * with before, as they were before that journal transaction.
 */
Datum
lineage_graph(PG_FUNCTION_ARGS)
{
	Oid			schema = get_func_namespace(fcinfo->flinfo->fn_oid);
	bool		past = PG_NARGS() > 1;
	LineageReader r;
	TupleDesc	desc;
	Datum		result[5];
	bool		result_null[5] = {false, false, false, false, false};
	Oid			asset_type;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "lineage_graph must return a record");
	asset_type = get_fn_expr_argtype(fcinfo->flinfo, 0);
	if (!OidIsValid(asset_type))
		asset_type = get_element_type(TupleDescAttr(desc, 0)->atttypid);

	memset(&r, 0, sizeof(r));
	r.cxt = CurrentMemoryContext;
	r.works_capacity = 64;
	r.works = palloc(sizeof(Datum) * r.works_capacity);
	r.links_capacity = 64;
	r.children = palloc(sizeof(Datum) * r.links_capacity);
	r.parents = palloc(sizeof(Datum) * r.links_capacity);
	r.relative = palloc(sizeof(Datum) * r.links_capacity);
	r.license_bps = palloc(sizeof(Datum) * r.links_capacity);
	append_work(&r, (Asset *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0)));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (plans.schema != schema || plans.asset_type != asset_type)
		prepare_plans(schema, asset_type);
	run_into(past ? plans.works_before : plans.works_now, fcinfo, &r);
	r.reading_links = true;
	run_into(past ? plans.links_before : plans.links_now, fcinfo, &r);
	SPI_finish();

	get_typlenbyvalalign(asset_type, &typlen, &typbyval, &typalign);
	result[0] = PointerGetDatum(construct_array(r.works, r.n_works, asset_type, typlen, typbyval, typalign));
	result[1] = PointerGetDatum(construct_array(r.children, r.n_links, INT4OID, 4, true, TYPALIGN_INT));
	result[2] = PointerGetDatum(construct_array(r.parents, r.n_links, INT4OID, 4, true, TYPALIGN_INT));
	result[3] = PointerGetDatum(construct_array(r.relative, r.n_links, BOOLOID, 1, true, TYPALIGN_CHAR));
	result[4] = PointerGetDatum(construct_array(r.license_bps, r.n_links, INT4OID, 4, true, TYPALIGN_INT));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), result, result_null)));
}
