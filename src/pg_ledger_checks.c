/*
 * pg_ledger_checks.c - the argument checks of the ledger's operations
 *
 * Every buy, sell, deposit, withdrawal and transfer checks its arguments
 * before it takes a lock.  In PL/pgSQL each check was a function call of
 * its own with a SET search_path clause and a few statements; here each is
 * one C call (the SQL wrappers in 62_ledger_transfers.sql add the NULL
 * check, which a STRICT function cannot make).  The messages, SQLSTATEs
 * and details are those of docs/errors.md.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "pg_ledger.h"

/* the longest ref, in bytes (docs/ledger.md, "Idempotency") */
#define LEDGER_REF_MAX_BYTES 255

/* 2^256 - 1, the largest amount, made once per backend */
static Numeric
uint256_max(void)
{
	static Numeric max = NULL;

	if (max == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		max = DatumGetNumeric(DirectFunctionCall3(numeric_in,
												  CStringGetDatum("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
												  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
		MemoryContextSwitchTo(old);
	}
	return max;
}

static int
numeric_compare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static bool
numeric_is_whole(Numeric x)
{
	return numeric_compare(x, DatumGetNumeric(DirectFunctionCall2(numeric_trunc, NumericGetDatum(x), Int32GetDatum(0)))) == 0;
}

static char *
numeric_text(Numeric x)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(x)));
}

PG_FUNCTION_INFO_V1(ledger_check_not_null);
/*
 * ledger_check_not_null(names text[], is_null boolean[]): 22004 naming the
 * first argument whose flag is true; true otherwise, so that a caller can
 * check in an expression.
 */
Datum
ledger_check_not_null(PG_FUNCTION_ARGS)
{
	ArrayType  *names_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *flags_arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *names;
	Datum	   *flags;
	int			n = ledger_array_elements(names_arr, "names", &names);
	int			k = ledger_array_elements(flags_arr, "is_null", &flags);

	for (int i = 0; i < n && i < k; i++)
		if (DatumGetBool(flags[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not be null", TextDatumGetCString(names[i]))));
	PG_RETURN_BOOL(true);
}

/*
 * An amount moved by the ledger: a whole number of base units in
 * 1 .. 2^256 - 1; 22003 above the range (NaN and Infinity included),
 * CD005 when not positive, 22023 when not whole.
 */
static void
check_amount(const char *name, Numeric amount)
{

	if (numeric_is_nan(amount) || numeric_compare(amount, uint256_max()) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range for uint256", name),
				 errdetail("The value is %s; the largest amount is 2^256 - 1.", numeric_text(amount))));
	if (numeric_compare(amount, int64_to_numeric(0)) <= 0)
		ereport(ERROR,
				(errcode(MAKE_SQLSTATE('C', 'D', '0', '0', '5')),
				 errmsg("%s must be positive", name),
				 errdetail("The value is %s.", numeric_text(amount))));
	if (!numeric_is_whole(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a whole number of base units", name),
				 errdetail("The value is %s.", numeric_text(amount)),
				 errhint("Amounts are integers in the asset's smallest unit (wei, micro-USDC, token units).")));
}

/*
 * A slippage limit: a whole number in 0 .. 2^256 - 1 (the upper bound
 * refuses Infinity, which would otherwise pass as "no limit"); 22023
 * otherwise.
 */
static void
check_limit(const char *name, Numeric amount)
{

	if (numeric_is_nan(amount) || numeric_compare(amount, int64_to_numeric(0)) < 0 ||
		!numeric_is_whole(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a whole, non-negative number of base units", name),
				 errdetail("The value is %s.", numeric_text(amount))));
	if (numeric_compare(amount, uint256_max()) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is out of range for uint256", name),
				 errdetail("The value is %s; a limit, like the amounts it bounds, is at most 2^256 - 1.",
						   numeric_text(amount))));
}

PG_FUNCTION_INFO_V1(ledger_amount_checked);
/*
 * ledger_amount_checked(name text, amount numeric, is_limit boolean): the
 * amount (or with is_limit the slippage limit) without trailing zeros,
 * once checked.
 */
Datum
ledger_amount_checked(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Numeric		amount = PG_GETARG_NUMERIC(1);

	if (PG_GETARG_BOOL(2))
		check_limit(name, amount);
	else
		check_amount(name, amount);
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(amount)));
}

PG_FUNCTION_INFO_V1(ledger_ref_checked);
/*
 * ledger_ref_checked(ref text): a caller-given ref, 1 to 255 bytes
 * (docs/ledger.md, "Idempotency"); 22023 otherwise.
 */
Datum
ledger_ref_checked(PG_FUNCTION_ARGS)
{
	text	   *ref = PG_GETARG_TEXT_PP(0);
	int			len = VARSIZE_ANY_EXHDR(ref);

	if (len == 0 || len > LEDGER_REF_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 len == 0 ? errmsg("ref must not be empty") :
				 errmsg("ref must be at most %d bytes long", LEDGER_REF_MAX_BYTES),
				 len == 0 ? errhint("A ref is a client-chosen id of the operation, such as a UUID.") :
				 errdetail("The ref is %d bytes long.", len)));
	PG_RETURN_TEXT_P(ref);
}
