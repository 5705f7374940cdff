/*
 * pg_curve_pricing.c - the curve_* pricing functions over bonding_curve
 *
 * Each converts its numeric arguments to uint256, calls the core (which
 * frees any MPFR memory before returning) and only then raises or returns.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "pg_bonding_curve.h"
#include "pg_creative_defi.h"
#include "pg_function_families.h"
#include "pg_numeric_u256.h"

typedef bool (*curve_op) (const cd_curve *c, const cd_u256 *a, const cd_u256 *b,
						  cd_u256 *out, cd_error *err);

/* f(curve, supply, second) -> numeric: run op and raise its error, if any */
static Datum
curve_apply(FunctionCallInfo fcinfo, curve_op op, const cd_u256 *second)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);
	cd_u256		supply;
	cd_u256		result;
	cd_error	err;

	PG_GETARG_U256(1, "supply", &supply);
	cd_error_clear(&err);
	if (!op(c, &supply, second, &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

/* f(curve, supply, second) -> numeric, second an argument named what in errors */
static Datum
curve_binary(FunctionCallInfo fcinfo, curve_op op, const char *what)
{
	cd_u256		arg;

	PG_GETARG_U256(2, what, &arg);
	return curve_apply(fcinfo, op, &arg);
}

/* reserve(supply) as a curve_op whose second operand is unused */
static bool
reserve_op(const cd_curve *c, const cd_u256 *supply, const cd_u256 *unused,
		   cd_u256 *out, cd_error *err)
{
	(void) unused;
	return cd_curve_reserve(c, supply, out, err);
}

/* curve_reserve(curve, supply) = reserve(supply) */
CD_FUNCTION_VARIANT(curve_reserve, curve_apply, reserve_op, NULL)

/* curve_buy_cost(curve, supply, amount) = reserve(supply + amount) - reserve(supply) */
CD_FUNCTION_VARIANT(curve_buy_cost, curve_binary, cd_curve_buy_cost, "amount")

/* curve_sell_proceeds(curve, supply, amount) = reserve(supply) - reserve(supply - amount) */
CD_FUNCTION_VARIANT(curve_sell_proceeds, curve_binary, cd_curve_sell_proceeds, "amount")

PG_FUNCTION_INFO_V1(curve_price);
/* curve_price(curve, supply) = curve_buy_cost(curve, supply, 1) */
Datum
curve_price(PG_FUNCTION_ARGS)
{
	cd_u256		one;

	cd_u256_from_u64(&one, 1);
	return curve_apply(fcinfo, cd_curve_buy_cost, &one);
}

/* curve_buy_amount(curve, supply, budget): the most units budget buys */
CD_FUNCTION_VARIANT(curve_buy_amount, curve_binary, cd_curve_buy_amount, "budget")

/* curve_sell_amount(curve, supply, proceeds): the fewest units that yield proceeds */
CD_FUNCTION_VARIANT(curve_sell_amount, curve_binary, cd_curve_sell_amount, "proceeds")

PG_FUNCTION_INFO_V1(curve_spot_price);
/* curve_spot_price(curve, supply, scale): instantaneous price, half-even to scale decimals */
Datum
curve_spot_price(PG_FUNCTION_ARGS)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);
	int32		scale = PG_GETARG_INT32(2);
	cd_u256		supply;
	char	   *text = palloc(CD_CURVE_SPOT_LEN);
	cd_error	err;

	PG_GETARG_U256(1, "supply", &supply);
	cd_error_clear(&err);
	if (!cd_curve_spot_price(c, &supply, scale, text, CD_CURVE_SPOT_LEN, &err))
		cd_raise(&err);
	PG_RETURN_DATUM(DirectFunctionCall3(numeric_in, CStringGetDatum(text),
										ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}
