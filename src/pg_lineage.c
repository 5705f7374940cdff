/*
 * pg_lineage.c - SQL glue of the lineage core (src/core/lineage.c): the
 * amounts the works of a lineage keep of a payment, and a work's royalty
 * stack, for src/sql/80_lineage.sql
 *
 * lineage_graph (src/pg_lineage_graph.c) numbers the works of a lineage
 * 1 .. works (work 1 is the paid one) and gives the links among them as
 * the four parallel arrays these functions take.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/numeric.h"

#include "core/lineage.h"
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
