/*
 * pg_attribution.c - SQL glue of the largest-remainder apportionment
 * (src/core/apportion.c) for data-set attribution, src/sql/92_attribution.sql
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "core/apportion.h"
#include "pg_creative_defi.h"
#include "pg_numeric_u256.h"

PG_FUNCTION_INFO_V1(attribution_apportion);
/*
 * attribution_apportion(weights numeric[], amount numeric): the part of
 * amount of each weight, in order, by largest remainder (ties to the
 * earlier weight); the parts add up to amount.  The weights reach the
 * core as decimal text, whatever their size.
 */
Datum
attribution_apportion(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	cd_u256		amount;
	Datum	   *values;
	bool	   *nulls;
	int			n;
	const char **weights;
	cd_u256    *shares;
	Datum	   *out;
	cd_error	err;

	PG_GETARG_U256(1, "amount", &amount);
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("weights must be a one-dimensional array")));
	deconstruct_array(arr, NUMERICOID, -1, false, TYPALIGN_INT, &values, &nulls, &n);
	weights = palloc(sizeof(char *) * (n ? n : 1));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							errmsg("weights must not contain nulls")));
		weights[i] = DatumGetCString(DirectFunctionCall1(numeric_out, values[i]));
	}
	shares = palloc(sizeof(cd_u256) * (n ? n : 1));
	cd_error_clear(&err);
	if (!cd_apportion((size_t) n, weights, &amount, shares, &err))
		cd_raise(&err);
	out = palloc(sizeof(Datum) * (n ? n : 1));
	for (int i = 0; i < n; i++)
		out[i] = NumericGetDatum(u256_get_numeric(&shares[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n, NUMERICOID, -1, false, TYPALIGN_INT));
}
