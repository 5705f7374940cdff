/*
 * numeric_u256.c - converting SQL numeric amounts to and from cd_u256
 *
 * numeric's internal layout is private to the server, so conversion goes
 * through its text form, with an int64 fast path for the common small
 * amounts.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "creative_defi.h"
#include "numeric_u256.h"

void
numeric_get_u256(Numeric num, const char *what, cd_u256 *out)
{
	char	   *text;
	char	   *point;
	size_t		len;
	cd_error	err;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite integer", what)));

	text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	if (text[0] == '-')
	{
		/* "-0" does not occur: numeric_out prints zero as "0" */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", what),
				 errdetail("The value is %s.", text)));
	}
	len = strlen(text);
	point = strchr(text, '.');
	if (point != NULL)
	{
		const char *p;

		for (p = point + 1; *p; p++)
			if (*p != '0')
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be a whole number of base units", what),
						 errdetail("The value is %s.", text),
						 errhint("Amounts are integers in the asset's smallest unit (wei, micro-USDC, token units).")));
		len = (size_t) (point - text);
	}
	cd_error_clear(&err);
	if (!cd_u256_parse_decimal(text, len, out, what, &err))
		cd_raise(&err);
	pfree(text);
}

Numeric
u256_get_numeric(const cd_u256 *v)
{
	uint64_t	small;
	char		text[CD_U256_DECIMAL_LEN];

	if (cd_u256_to_u64(v, &small) && small <= (uint64_t) PG_INT64_MAX)
		return int64_to_numeric((int64) small);
	cd_u256_format_decimal(v, text);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(text),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}
