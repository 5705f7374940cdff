/*
 * pg_amm.c - SQL access to the Uniswap V2 AMM math (src/core/amm.c)
 *
 * Every argument is a numeric amount in base units, converted to uint256
 * (non-negative, integral, at most 2^256 - 1) before the core runs; the
 * core's reverts come back as cd_errors and are raised here.
 */
#include "postgres.h"

/*
 * These server headers define inline functions with unused parameters
 * (lib/ilist.h, storage/bufpage.h), which -Wextra -Werror would reject.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "fmgr.h"

#include "pg_creative_defi.h"
#include "pg_function_families.h"
#include "pg_numeric_u256.h"
#include "core/amm.h"

typedef bool (*amm_swap_op) (const cd_u256 *amount, const cd_u256 *reserve_in,
							 const cd_u256 *reserve_out, int fee_bps,
							 cd_u256 *out, cd_error *err);

/*
 * f(amount, reserve_in, reserve_out, fee_bps) -> numeric for the two swap
 * formulas, the amount named amount_name in errors.
 */
static Datum
swap_amount(FunctionCallInfo fcinfo, amm_swap_op op, const char *amount_name)
{
	const char *const names[] = {amount_name, "reserve_in", "reserve_out"};
	cd_u256		args[3];
	cd_u256		result;
	cd_error	err;

	numeric_args_get_u256(fcinfo, names, 3, args);
	cd_error_clear(&err);
	if (!op(&args[0], &args[1], &args[2], PG_GETARG_INT32(3), &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

/*
 * amm_amount_out(amount_in, reserve_in, reserve_out, fee_bps): getAmountOut.
 */
CD_FUNCTION_VARIANT(amm_amount_out, swap_amount, cd_amm_amount_out, "amount_in")

/*
 * amm_amount_in(amount_out, reserve_in, reserve_out, fee_bps): getAmountIn.
 */
CD_FUNCTION_VARIANT(amm_amount_in, swap_amount, cd_amm_amount_in, "amount_out")

PG_FUNCTION_INFO_V1(amm_quote);
/*
 * amm_quote(amount_a, reserve_a, reserve_b): quote().
 */
Datum
amm_quote(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"amount_a", "reserve_a", "reserve_b"};
	cd_u256		args[3];
	cd_u256		result;
	cd_error	err;

	numeric_args_get_u256(fcinfo, names, 3, args);
	cd_error_clear(&err);
	if (!cd_amm_quote(&args[0], &args[1], &args[2], &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

PG_FUNCTION_INFO_V1(amm_liquidity_minted);
/*
 * amm_liquidity_minted(amount_a, amount_b, reserve_a, reserve_b,
 * total_supply): the liquidity UniswapV2Pair.mint gives the depositor.
 */
Datum
amm_liquidity_minted(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"amount_a", "amount_b", "reserve_a", "reserve_b", "total_supply"};
	cd_u256		args[5];
	cd_u256		result;
	cd_error	err;

	numeric_args_get_u256(fcinfo, names, 5, args);
	cd_error_clear(&err);
	if (!cd_amm_liquidity_minted(&args[0], &args[1], &args[2], &args[3], &args[4],
								 &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

PG_FUNCTION_INFO_V1(amm_liquidity_burned);
/*
 * amm_liquidity_burned(liquidity, reserve_a, reserve_b, total_supply,
 * OUT amount_a, OUT amount_b): the two amounts UniswapV2Pair.burn pays.
 */
Datum
amm_liquidity_burned(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"liquidity", "reserve_a", "reserve_b", "total_supply"};
	cd_u256		args[4];
	cd_u256		amount_a;
	cd_u256		amount_b;
	cd_error	err;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	numeric_args_get_u256(fcinfo, names, 4, args);
	cd_error_clear(&err);
	if (!cd_amm_liquidity_burned(&args[0], &args[1], &args[2], &args[3],
								 &amount_a, &amount_b, &err))
		cd_raise(&err);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = NumericGetDatum(u256_get_numeric(&amount_a));
	values[1] = NumericGetDatum(u256_get_numeric(&amount_b));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
