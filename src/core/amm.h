/*
 * amm.h - constant-product AMM math, bit-exact with Uniswap V2
 *
 * Each function reproduces one formula of UniswapV2Library (periphery) or
 * UniswapV2Pair (core): the same integer operations, the same floor
 * rounding, the same +1 in getAmountIn, and a cd_error wherever the
 * contract reverts.  Intermediates are computed exactly in up to 576 bits,
 * so where Solidity's checked uint256 arithmetic would overflow and revert
 * (only possible with balances far above the pair's uint112 cap) these
 * functions still return the exact result; see docs/amm.md.
 *
 * Everything is on GMP's mpn layer with stack buffers: no allocation.
 */
#ifndef CD_AMM_H
#define CD_AMM_H

#include <stdbool.h>

#include "cd_error.h"
#include "uint256.h"

/* UniswapV2Pair.MINIMUM_LIQUIDITY, locked at the zero address on the first mint */
#define CD_AMM_MINIMUM_LIQUIDITY 1000
/* the fee is fee_bps / CD_AMM_BPS of the input; Uniswap V2 charges 30 */
#define CD_AMM_BPS 10000
#define CD_AMM_MAX_FEE_BPS 9999

/*
 * getAmountOut: the output bought by amount_in, with the fee taken from the
 * input: floor(a*(10000-f)*R_out / (R_in*10000 + a*(10000-f))).
 */
extern bool cd_amm_amount_out(const cd_u256 *amount_in, const cd_u256 *reserve_in,
							  const cd_u256 *reserve_out, int fee_bps,
							  cd_u256 *out, cd_error *err);

/*
 * getAmountIn: the input needed for amount_out:
 * floor(R_in*b*10000 / ((R_out-b)*(10000-f))) + 1.
 */
extern bool cd_amm_amount_in(const cd_u256 *amount_out, const cd_u256 *reserve_in,
							 const cd_u256 *reserve_out, int fee_bps,
							 cd_u256 *out, cd_error *err);

/* quote: floor(amount_a * reserve_b / reserve_a), no fee. */
extern bool cd_amm_quote(const cd_u256 *amount_a, const cd_u256 *reserve_a,
						 const cd_u256 *reserve_b, cd_u256 *out, cd_error *err);

/*
 * UniswapV2Pair.mint: the LP tokens minted to the depositor.  With
 * total_supply 0: floor(sqrt(a*b)) - MINIMUM_LIQUIDITY (the caller must
 * also credit MINIMUM_LIQUIDITY to the zero address); otherwise
 * min(a*ts/R_a, b*ts/R_b).
 */
extern bool cd_amm_liquidity_minted(const cd_u256 *amount_a, const cd_u256 *amount_b,
									const cd_u256 *reserve_a, const cd_u256 *reserve_b,
									const cd_u256 *total_supply,
									cd_u256 *out, cd_error *err);

/*
 * UniswapV2Pair.burn: the tokens returned for liquidity:
 * floor(liquidity * R_a / ts) and floor(liquidity * R_b / ts).
 */
extern bool cd_amm_liquidity_burned(const cd_u256 *liquidity, const cd_u256 *reserve_a,
									const cd_u256 *reserve_b, const cd_u256 *total_supply,
									cd_u256 *amount_a, cd_u256 *amount_b, cd_error *err);

/* floor(sqrt(a * b)), exact over the 512-bit product (Math.sqrt(a.mul(b))). */
extern void cd_amm_sqrt_product(const cd_u256 *a, const cd_u256 *b, cd_u256 *out);

#endif							/* CD_AMM_H */
