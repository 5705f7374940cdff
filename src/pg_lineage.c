/*
 * pg_lineage.c - SQL glue of the lineage core (src/core/lineage.c): the
 * amounts the works of a lineage keep of a payment, and a work's royalty
 * stack, for src/sql/80_lineage.sql
 *
 * The SQL side numbers the works of a lineage 1 .. works (work 1 is the
 * paid one) and passes the links among them as four parallel arrays.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
/*
 * These server headers define inline functions with unused parameters
 * (lib/ilist.h, storage/bufpage.h), which -Wextra -Werror would reject.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "core/lineage.h"
#include "pg_asset.h"
#include "pg_creative_defi.h"
#include "pg_numeric_u256.h"

/* elements of an integer[] or boolean[] without NULLs, checked against n */
static Datum *
array_elements(ArrayType *a, Oid elemtype, const char *name, int *n)
{
	Datum	   *values;
	bool	   *nulls;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("%s must be a one-dimensional array", name)));
	deconstruct_array(a, elemtype, elemtype == INT4OID ? 4 : 1, true, elemtype == INT4OID ? TYPALIGN_INT : TYPALIGN_CHAR,
					  &values, &nulls, n);
	for (int i = 0; i < *n; i++)
		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							errmsg("%s must not contain nulls", name)));
	return values;
}

/* the links of arguments 0 .. 3, palloc'd; *works from argument 4 */
static cd_lineage_link *
links_from_args(FunctionCallInfo fcinfo, int *n_links, int *works)
{
	static const char *const names[] = {"children", "parents", "relative", "license_bps"};
	static const Oid types[] = {INT4OID, INT4OID, BOOLOID, INT4OID};
	Datum	   *values[4];
	int			n[4];
	cd_lineage_link *links;

	for (int k = 0; k < 4; k++)
		values[k] = array_elements(PG_GETARG_ARRAYTYPE_P(k), types[k], names[k], &n[k]);
	if (n[1] != n[0] || n[2] != n[0] || n[3] != n[0])
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("children, parents, relative and license_bps must have the same length")));
	*works = PG_GETARG_INT32(4);
	if (*works < 1)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("works must be at least 1")));
	links = palloc(sizeof(cd_lineage_link) * (n[0] ? n[0] : 1));
	for (int i = 0; i < n[0]; i++)
	{
		int32		child = DatumGetInt32(values[0][i]);
		int32		parent = DatumGetInt32(values[1][i]);
		int32		bps = DatumGetInt32(values[3][i]);

		/* 1-based in SQL; anything outside 1 .. works is refused by the core */
		links[i].child = child >= 1 && child <= *works ? (uint32_t) (child - 1) : UINT32_MAX;
		links[i].parent = parent >= 1 && parent <= *works ? (uint32_t) (parent - 1) : UINT32_MAX;
		links[i].relative = DatumGetBool(values[2][i]);
		links[i].license_bps = bps < 0 ? 0 : (uint32_t) bps;
	}
	*n_links = n[0];
	return links;
}

/*
 * lineage_kept(children, parents, relative, license_bps, works, amount):
 * what each of works 1 .. works keeps of amount paid into work 1.
 */
PG_FUNCTION_INFO_V1(lineage_kept);
Datum
lineage_kept(PG_FUNCTION_ARGS)
{
	int			n_links;
	int			works;
	cd_lineage_link *links = links_from_args(fcinfo, &n_links, &works);
	cd_u256		amount;
	cd_u256    *kept;
	Datum	   *out;
	cd_error	err;

	PG_GETARG_U256(5, "amount", &amount);
	kept = palloc(sizeof(cd_u256) * works);
	cd_error_clear(&err);
	if (!cd_lineage_distribute((size_t) works, links, (size_t) n_links, &amount, kept, &err))
		cd_raise(&err);
	out = palloc(sizeof(Datum) * works);
	for (int i = 0; i < works; i++)
		out[i] = NumericGetDatum(u256_get_numeric(&kept[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(out, works, NUMERICOID, -1, false, TYPALIGN_INT));
}

/*
 * lineage_stack_of(children, parents, relative, license_bps, works): the
 * royalty stack of work 1 in basis points, 10001 for anything above 100%.
 */
PG_FUNCTION_INFO_V1(lineage_stack_of);
Datum
lineage_stack_of(PG_FUNCTION_ARGS)
{
	int			n_links;
	int			works;
	cd_lineage_link *links = links_from_args(fcinfo, &n_links, &works);
	uint32_t	stack = 0;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_lineage_stack((size_t) works, links, (size_t) n_links, &stack, &err))
		cd_raise(&err);
	PG_RETURN_INT32((int32) stack);
}

/* the elements of an asset[] without NULLs, detoasted */
static Asset **
asset_elements(ArrayType *a, const char *name, int *n)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *values;
	bool	   *nulls;
	Asset	  **assets;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("%s must be a one-dimensional array", name)));
	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &typbyval, &typalign);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, typbyval, typalign, &values, &nulls, n);
	assets = palloc(sizeof(Asset *) * (*n ? *n : 1));
	for (int i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							errmsg("%s must not contain nulls", name)));
		assets[i] = DatumGetAssetPP(values[i]);
	}
	return assets;
}

/* qsort_arg order of work numbers by their assets */
static int
work_number_cmp(const void *a, const void *b, void *arg)
{
	Asset	  **works = arg;

	return asset_compare_values(works[*(const int *) a], works[*(const int *) b]);
}

/* the 1-based position of asset among works (sorted: numbers in their order), 0 if none */
static int
work_number(Asset *asset, Asset **works, const int *sorted, int n)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = asset_compare_values(works[sorted[mid]], asset);

		if (c == 0)
			return sorted[mid] + 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * lineage_number_links(works, children, parents, relative, license_bps):
 * the links given by their assets, numbered by the position of each asset
 * in works (1-based), as lineage_kept takes them; a link whose child or
 * parent is not among works is left out (as a join would).  Numbering in C
 * with a binary search keeps lineage_graph's cost linear in the lineage
 * whatever plan the SQL around it gets: a join of the links with the
 * numbered works, planned generically after five calls of a session,
 * became a nested loop of n^2 comparisons (bench/lineage.sh).
 */
PG_FUNCTION_INFO_V1(lineage_number_links);
Datum
lineage_number_links(PG_FUNCTION_ARGS)
{
	int			n_works;
	int			n[2];
	Asset	  **works = asset_elements(PG_GETARG_ARRAYTYPE_P(0), "works", &n_works);
	Asset	  **children = asset_elements(PG_GETARG_ARRAYTYPE_P(1), "children", &n[0]);
	Asset	  **parents = asset_elements(PG_GETARG_ARRAYTYPE_P(2), "parents", &n[1]);
	int			n_relative;
	int			n_bps;
	Datum	   *relative = array_elements(PG_GETARG_ARRAYTYPE_P(3), BOOLOID, "relative", &n_relative);
	Datum	   *bps = array_elements(PG_GETARG_ARRAYTYPE_P(4), INT4OID, "license_bps", &n_bps);
	int		   *sorted;
	Datum	   *out[4];
	int			kept = 0;
	TupleDesc	tupdesc;
	Datum		result[4];
	bool		result_nulls[4] = {false, false, false, false};

	if (n[1] != n[0] || n_relative != n[0] || n_bps != n[0])
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("children, parents, relative and license_bps must have the same length")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						errmsg("lineage_number_links must be called in a context that takes a record")));
	sorted = palloc(sizeof(int) * (n_works ? n_works : 1));
	for (int i = 0; i < n_works; i++)
		sorted[i] = i;
	qsort_arg(sorted, n_works, sizeof(int), work_number_cmp, works);
	for (int k = 0; k < 4; k++)
		out[k] = palloc(sizeof(Datum) * (n[0] ? n[0] : 1));
	for (int i = 0; i < n[0]; i++)
	{
		int			child = work_number(children[i], works, sorted, n_works);
		int			parent = work_number(parents[i], works, sorted, n_works);

		if (child == 0 || parent == 0)
			continue;
		out[0][kept] = Int32GetDatum(child);
		out[1][kept] = Int32GetDatum(parent);
		out[2][kept] = relative[i];
		out[3][kept] = bps[i];
		kept++;
	}
	result[0] = PointerGetDatum(construct_array(out[0], kept, INT4OID, 4, true, TYPALIGN_INT));
	result[1] = PointerGetDatum(construct_array(out[1], kept, INT4OID, 4, true, TYPALIGN_INT));
	result[2] = PointerGetDatum(construct_array(out[2], kept, BOOLOID, 1, true, TYPALIGN_CHAR));
	result[3] = PointerGetDatum(construct_array(out[3], kept, INT4OID, 4, true, TYPALIGN_INT));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), result, result_nulls)));
}
