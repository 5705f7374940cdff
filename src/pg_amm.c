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
#include "pg_numeric_u256.h"
#include "core/amm.h"

PG_FUNCTION_INFO_V1(amm_amount_out);
/*
 * amm_amount_out(amount_in, reserve_in, reserve_out, fee_bps): getAmountOut.
 */
Datum
amm_amount_out(PG_FUNCTION_ARGS)
{
	cd_u256		amount_in;
	cd_u256		reserve_in;
	cd_u256		reserve_out;
	cd_u256		result;
	cd_error	err;

	PG_GETARG_U256(0, "amount_in", &amount_in);
	PG_GETARG_U256(1, "reserve_in", &reserve_in);
	PG_GETARG_U256(2, "reserve_out", &reserve_out);
	cd_error_clear(&err);
	if (!cd_amm_amount_out(&amount_in, &reserve_in, &reserve_out, PG_GETARG_INT32(3), &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

PG_FUNCTION_INFO_V1(amm_amount_in);
/*
 * amm_amount_in(amount_out, reserve_in, reserve_out, fee_bps): getAmountIn.
 */
Datum
amm_amount_in(PG_FUNCTION_ARGS)
{
	cd_u256		amount_out;
	cd_u256		reserve_in;
	cd_u256		reserve_out;
	cd_u256		result;
	cd_error	err;

	PG_GETARG_U256(0, "amount_out", &amount_out);
	PG_GETARG_U256(1, "reserve_in", &reserve_in);
	PG_GETARG_U256(2, "reserve_out", &reserve_out);
	cd_error_clear(&err);
	if (!cd_amm_amount_in(&amount_out, &reserve_in, &reserve_out, PG_GETARG_INT32(3), &result, &err))
		cd_raise(&err);
	PG_RETURN_U256(&result);
}

PG_FUNCTION_INFO_V1(amm_quote);
/*
 * amm_quote(amount_a, reserve_a, reserve_b): quote().
 */
Datum
amm_quote(PG_FUNCTION_ARGS)
{
	cd_u256		amount_a;
	cd_u256		reserve_a;
	cd_u256		reserve_b;
	cd_u256		result;
	cd_error	err;

	PG_GETARG_U256(0, "amount_a", &amount_a);
	PG_GETARG_U256(1, "reserve_a", &reserve_a);
	PG_GETARG_U256(2, "reserve_b", &reserve_b);
	cd_error_clear(&err);
	if (!cd_amm_quote(&amount_a, &reserve_a, &reserve_b, &result, &err))
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
	cd_u256		amount_a;
	cd_u256		amount_b;
	cd_u256		reserve_a;
	cd_u256		reserve_b;
	cd_u256		total_supply;
	cd_u256		result;
	cd_error	err;

	PG_GETARG_U256(0, "amount_a", &amount_a);
	PG_GETARG_U256(1, "amount_b", &amount_b);
	PG_GETARG_U256(2, "reserve_a", &reserve_a);
	PG_GETARG_U256(3, "reserve_b", &reserve_b);
	PG_GETARG_U256(4, "total_supply", &total_supply);
	cd_error_clear(&err);
	if (!cd_amm_liquidity_minted(&amount_a, &amount_b, &reserve_a, &reserve_b, &total_supply,
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
	cd_u256		liquidity;
	cd_u256		reserve_a;
	cd_u256		reserve_b;
	cd_u256		total_supply;
	cd_u256		amount_a;
	cd_u256		amount_b;
	cd_error	err;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	PG_GETARG_U256(0, "liquidity", &liquidity);
	PG_GETARG_U256(1, "reserve_a", &reserve_a);
	PG_GETARG_U256(2, "reserve_b", &reserve_b);
	PG_GETARG_U256(3, "total_supply", &total_supply);
	cd_error_clear(&err);
	if (!cd_amm_liquidity_burned(&liquidity, &reserve_a, &reserve_b, &total_supply,
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
