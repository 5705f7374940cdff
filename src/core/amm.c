/*
 * amm.c - constant-product AMM math, bit-exact with Uniswap V2
 *
 * The formulas are those of UniswapV2Library.getAmountOut / getAmountIn /
 * quote and UniswapV2Pair.mint / burn, re-derived here (the contracts are
 * GPL; this is our own code).  Solidity evaluates them in uint256 with
 * checked arithmetic; we evaluate the same expressions exactly in wider
 * limb arrays, so every result the contract returns is returned here,
 * bit for bit, and the contract's reverts become cd_errors.
 *
 * The fee generalization, and why 30 bps is exactly Uniswap's 997/1000:
 * with w = 10000 - fee_bps, getAmountOut here is
 *     floor(a*w*R_out / (R_in*10000 + a*w)).
 * For fee_bps = 30, w = 9970 = 10*997 and 10000 = 10*1000, so numerator
 * and denominator are exactly 10 times the contract's
 *     a*997*R_out  and  R_in*1000 + a*997.
 * floor(10x / 10y) = floor(x / y) for integers x >= 0, y > 0 (the
 * rational number is the same), so the results are equal for every input.
 * The same holds for getAmountIn: R_in*b*10000 / ((R_out-b)*9970) is
 * 10 times R_in*b*1000 / ((R_out-b)*997) over 10 times, same floor, same
 * +1.  test/unit/test_amm.c checks this against the literal 997/1000
 * formula on random inputs.
 *
 * The wide intermediates are bignat.h's cd_nat: the widest one needed is
 * R_in*b*10000 in getAmountIn, 256 + 256 + 14 bits, far inside a cd_nat's
 * capacity, so the cd_nat operations here cannot fail and their results
 * are not checked.
 */
#include <string.h>

#include "amm.h"
#include "bignat.h"

/* v == 0, inlined: the library functions are on the per-row hot path */
_Static_assert(CD_U256_LIMBS == 4, "is_zero and amount_out_native assume four limbs");
static inline bool
is_zero(const cd_u256 *v)
{
	return (v->limb[0] | v->limb[1] | v->limb[2] | v->limb[3]) == 0;
}

/* The shared fee_bps check of getAmountOut and getAmountIn. */
static bool
check_fee(int fee_bps, cd_error *err)
{
	if (fee_bps >= 0 && fee_bps <= CD_AMM_MAX_FEE_BPS)
		return true;
	cd_fail(err, CD_ERR_PARAM, "fee_bps must be between 0 and %d", CD_AMM_MAX_FEE_BPS);
	cd_error_detail(err, "The fee is fee_bps / 10000 of the input; fee_bps is %d.", fee_bps);
	cd_error_hint(err, "Uniswap V2 charges 30 (0.3%%).");
	return false;
}

/*
 * The shared "amount is zero" check of the library functions: name is the
 * argument, contract_fn reverts with revert_reason when solidity_name is 0.
 */
static bool
check_amount(const cd_u256 *amount, const char *name, const char *contract_fn,
			 const char *revert_reason, const char *solidity_name, cd_error *err)
{
	if (!is_zero(amount))
		return true;
	cd_fail(err, CD_ERR_PARAM, "%s must be greater than zero", name);
	cd_error_detail(err, "UniswapV2Library.%s reverts with %s when %s is 0.",
					contract_fn, revert_reason, solidity_name);
	return false;
}

/* The shared INSUFFICIENT_LIQUIDITY check of the library functions. */
static bool
check_reserves(const cd_u256 *reserve_in, const cd_u256 *reserve_out,
			   const char *in_name, const char *out_name,
			   const char *contract_fn, cd_error *err)
{
	if (!is_zero(reserve_in) && !is_zero(reserve_out))
		return true;
	cd_fail(err, CD_ERR_PARAM, "%s and %s must be greater than zero", in_name, out_name);
	cd_error_detail(err, "UniswapV2Library.%s reverts with INSUFFICIENT_LIQUIDITY when a reserve is 0.",
					contract_fn);
	cd_error_hint(err, "An empty pool has no price; add liquidity first.");
	return false;
}

/*
 * The checks getAmountOut and getAmountIn begin with, in the contract's
 * order: the fee, the amount (named as check_amount says), the reserves.
 */
static bool
check_swap(int fee_bps, const cd_u256 *amount, const cd_u256 *reserve_in, const cd_u256 *reserve_out,
		   const char *name, const char *contract_fn, const char *revert_reason,
		   const char *solidity_name, cd_error *err)
{
	return check_fee(fee_bps, err) &&
		check_amount(amount, name, contract_fn, revert_reason, solidity_name, err) &&
		check_reserves(reserve_in, reserve_out, "reserve_in", "reserve_out", contract_fn, err);
}

#ifdef __SIZEOF_INT128__
/* significant bits of a non-zero 64-bit value */
static int
bit_length(uint64_t x)
{
	return 64 - __builtin_clzll(x);
}

/*
 * getAmountOut in native 128-bit arithmetic when every operand is below
 * 2^64 and a*w*R_out fits in 128 bits (the common case for amounts under
 * about 1e15 against 64-bit reserves): the same expression, the same
 * floor, several times faster than the limb path.  false: not applicable.
 */
static bool
amount_out_native(const cd_u256 *amount_in, const cd_u256 *reserve_in,
				  const cd_u256 *reserve_out, int fee_bps, cd_u256 *out)
{
	uint64_t	a;
	uint64_t	rin;
	uint64_t	rout;
	unsigned __int128 in_with_fee;

	if ((amount_in->limb[1] | amount_in->limb[2] | amount_in->limb[3]
		 | reserve_in->limb[1] | reserve_in->limb[2] | reserve_in->limb[3]
		 | reserve_out->limb[1] | reserve_out->limb[2] | reserve_out->limb[3]) != 0)
		return false;
	a = amount_in->limb[0];
	rin = reserve_in->limb[0];
	rout = reserve_out->limb[0];
	/* w < 2^14, so a*w*R_out < 2^(bits(a) + 14 + bits(R_out)) */
	if (bit_length(a) + 14 + bit_length(rout) > 128)
		return false;
	in_with_fee = (unsigned __int128) a * (uint64_t) (CD_AMM_BPS - fee_bps);
	/* R_in*10000 + a*w < 2^78 + 2^78: no overflow */
	cd_u256_from_u64(out, (uint64_t) ((in_with_fee * rout)
									  / ((unsigned __int128) rin * CD_AMM_BPS + in_with_fee)));
	return true;
}

/*
 * floor(n / d) for a 256-bit n (limbs n[0..3], least significant first)
 * and a 128-bit d >= 2^64, when the quotient is known to be below 2^128:
 * Knuth's algorithm D with a two-limb divisor (TAOCP 4.3.1), two quotient
 * limbs.  Each estimate from the top divisor limb is corrected with the
 * second limb, after which it is exact or one too large (fixed by the
 * add-back step).
 */
static unsigned __int128
div_256_by_128(const uint64_t n[4], unsigned __int128 d)
{
	const unsigned __int128 B = (unsigned __int128) 1 << 64;
	uint64_t	d1 = (uint64_t) (d >> 64);
	uint64_t	d0 = (uint64_t) d;
	int			s = __builtin_clzll(d1);
	uint64_t	v1 = s ? (d1 << s) | (d0 >> (64 - s)) : d1;
	uint64_t	v0 = d0 << s;
	uint64_t	u[5];
	uint64_t	q[2];
	int			j;

	/* normalize: shift so the divisor's top bit is set */
	u[4] = s ? n[3] >> (64 - s) : 0;
	u[3] = s ? (n[3] << s) | (n[2] >> (64 - s)) : n[3];
	u[2] = s ? (n[2] << s) | (n[1] >> (64 - s)) : n[2];
	u[1] = s ? (n[1] << s) | (n[0] >> (64 - s)) : n[1];
	u[0] = n[0] << s;

	/* quotient < 2^128 means (u4:u3) < (v1:v0): two quotient limbs */
	for (j = 1; j >= 0; j--)
	{
		uint64_t	qhat;
		unsigned __int128 rhat;
		unsigned __int128 p;
		unsigned __int128 t;
		uint64_t	p_lo;
		uint64_t	p_mid;
		uint64_t	p_hi;
		uint64_t	borrow;

		if (u[j + 2] >= v1)
		{
			/* (u[j+2]:u[j+1]) / v1 >= 2^64: start from the largest limb */
			qhat = ~(uint64_t) 0;
			rhat = (((unsigned __int128) u[j + 2] << 64) | u[j + 1]) - (unsigned __int128) qhat * v1;
		}
		else
		{
			uint64_t	r;

			qhat = cd_div_2by1(u[j + 2], u[j + 1], v1, &r);
			rhat = r;
		}
		while (rhat < B && (unsigned __int128) qhat * v0 > ((rhat << 64) | u[j]))
		{
			qhat--;
			rhat += v1;
		}
		/* (u[j+2]:u[j+1]:u[j]) -= qhat * (v1:v0) */
		p = (unsigned __int128) qhat * v0;
		p_lo = (uint64_t) p;
		p = (unsigned __int128) qhat * v1 + (uint64_t) (p >> 64);
		p_mid = (uint64_t) p;
		p_hi = (uint64_t) (p >> 64);
		t = (unsigned __int128) u[j] - p_lo;
		u[j] = (uint64_t) t;
		borrow = (uint64_t) (t >> 64) & 1;
		t = (unsigned __int128) u[j + 1] - p_mid - borrow;
		u[j + 1] = (uint64_t) t;
		borrow = (uint64_t) (t >> 64) & 1;
		t = (unsigned __int128) u[j + 2] - p_hi - borrow;
		u[j + 2] = (uint64_t) t;
		borrow = (uint64_t) (t >> 64) & 1;
		if (borrow)
		{
			/* one too large: add the divisor back */
			qhat--;
			t = (unsigned __int128) u[j] + v0;
			u[j] = (uint64_t) t;
			t = (unsigned __int128) u[j + 1] + v1 + (uint64_t) (t >> 64);
			u[j + 1] = (uint64_t) t;
			u[j + 2] += (uint64_t) (t >> 64);
		}
		q[j] = qhat;
	}
	return ((unsigned __int128) q[1] << 64) | q[0];
}

/*
 * getAmountOut for operands up to about 2^113 (every real pair: reserves
 * are uint112): a*w and R_in*10000 + a*w fit in 128 bits, the numerator in
 * 256, and the quotient (below R_out) in 128, so the division is
 * div_256_by_128 (or two divq for a one-limb divisor) instead of GMP.
 * false: not applicable.
 */
static bool
amount_out_u128(const cd_u256 *amount_in, const cd_u256 *reserve_in,
				const cd_u256 *reserve_out, int fee_bps, cd_u256 *out)
{
	unsigned __int128 a;
	unsigned __int128 rin;
	unsigned __int128 rout;
	unsigned __int128 in_with_fee;
	unsigned __int128 den;
	unsigned __int128 p;
	unsigned __int128 q;
	uint64_t	n[4];

	if ((amount_in->limb[2] | amount_in->limb[3] | reserve_in->limb[2] | reserve_in->limb[3]
		 | reserve_out->limb[2] | reserve_out->limb[3]) != 0
		|| amount_in->limb[1] >> 49 != 0 || reserve_in->limb[1] >> 49 != 0)
		return false;
	a = ((unsigned __int128) amount_in->limb[1] << 64) | amount_in->limb[0];
	rin = ((unsigned __int128) reserve_in->limb[1] << 64) | reserve_in->limb[0];
	rout = ((unsigned __int128) reserve_out->limb[1] << 64) | reserve_out->limb[0];
	/* a, R_in < 2^113 and w, 10000 < 2^14: each term < 2^127 */
	in_with_fee = a * (uint64_t) (CD_AMM_BPS - fee_bps);
	den = rin * CD_AMM_BPS + in_with_fee;

	/* n = in_with_fee * R_out, 256 bits, from four 64x64 products */
	{
		uint64_t	x0 = (uint64_t) in_with_fee;
		uint64_t	x1 = (uint64_t) (in_with_fee >> 64);
		uint64_t	y0 = (uint64_t) rout;
		uint64_t	y1 = (uint64_t) (rout >> 64);
		unsigned __int128 mid;

		p = (unsigned __int128) x0 * y0;
		n[0] = (uint64_t) p;
		mid = (p >> 64) + (unsigned __int128) (uint64_t) ((unsigned __int128) x1 * y0)
			+ (uint64_t) ((unsigned __int128) x0 * y1);
		n[1] = (uint64_t) mid;
		p = (mid >> 64) + (((unsigned __int128) x1 * y0) >> 64) + (((unsigned __int128) x0 * y1) >> 64);
		/* no carry out of the top: the product fits in 256 bits */
		p += (unsigned __int128) x1 * y1;
		n[2] = (uint64_t) p;
		n[3] = (uint64_t) (p >> 64);
	}

	if ((den >> 64) == 0)
	{
		/* one-limb divisor: the quotient < 2^128 means n[3] = 0, n[2] < den */
		uint64_t	d = (uint64_t) den;
		uint64_t	r;
		uint64_t	q1 = cd_div_2by1(n[2], n[1], d, &r);
		uint64_t	q0 = cd_div_2by1(r, n[0], d, &r);

		q = ((unsigned __int128) q1 << 64) | q0;
	}
	else
		q = div_256_by_128(n, den);
	cd_u256_zero(out);
	out->limb[0] = (mp_limb_t) q;
	out->limb[1] = (mp_limb_t) (q >> 64);
	return true;
}
#endif

/*
 * getAmountOut.  The quotient is below reserve_out (the denominator
 * exceeds a*w, so num/den < R_out), so it always fits in uint256.
 */
bool
cd_amm_amount_out(const cd_u256 *amount_in, const cd_u256 *reserve_in,
				  const cd_u256 *reserve_out, int fee_bps,
				  cd_u256 *out, cd_error *err)
{
	cd_nat		in_with_fee;
	cd_nat		r_out;
	cd_nat		num;
	cd_nat		den;
	cd_nat		q;

	if (!check_swap(fee_bps, amount_in, reserve_in, reserve_out,
					"amount_in", "getAmountOut", "INSUFFICIENT_INPUT_AMOUNT", "amountIn", err))
		return false;

#ifdef __SIZEOF_INT128__
	if (amount_out_native(amount_in, reserve_in, reserve_out, fee_bps, out)
		|| amount_out_u128(amount_in, reserve_in, reserve_out, fee_bps, out))
		return true;
#endif
	cd_nat_set_u256(&in_with_fee, amount_in);
	cd_nat_mul_1(&in_with_fee, &in_with_fee, (mp_limb_t) (CD_AMM_BPS - fee_bps));
	cd_nat_set_u256(&r_out, reserve_out);
	cd_nat_mul(&num, &in_with_fee, &r_out);
	cd_nat_set_u256(&den, reserve_in);
	cd_nat_mul_1(&den, &den, CD_AMM_BPS);
	cd_nat_add(&den, &den, &in_with_fee);
	cd_nat_divmod(&q, NULL, &num, &den);
	return cd_nat_get_u256(&q, out);
}

/*
 * getAmountIn.  The contract computes (R_out - b) with SafeMath, so
 * b > R_out reverts (ds-math-sub-underflow) and b = R_out divides by zero:
 * no input buys the whole reserve.  The result can exceed uint256 (a tiny
 * remaining reserve against a huge other side), which is an error.
 */
bool
cd_amm_amount_in(const cd_u256 *amount_out, const cd_u256 *reserve_in,
				 const cd_u256 *reserve_out, int fee_bps,
				 cd_u256 *out, cd_error *err)
{
	cd_u256		left;
	cd_nat		num;
	cd_nat		tmp;
	cd_nat		den;
	cd_nat		q;

	if (!check_swap(fee_bps, amount_out, reserve_in, reserve_out,
					"amount_out", "getAmountIn", "INSUFFICIENT_OUTPUT_AMOUNT", "amountOut", err))
		return false;
	if (cd_u256_cmp(amount_out, reserve_out) >= 0)
	{
		cd_fail(err, CD_ERR_PARAM, "amount_out must be less than reserve_out");
		cd_error_detail(err, "UniswapV2Library.getAmountIn reverts when amountOut >= reserveOut: "
						"reserveOut - amountOut underflows or is a zero divisor.");
		cd_error_hint(err, "No input can buy the whole reserve of a constant-product pool.");
		return false;
	}

	cd_u256_sub(reserve_out, amount_out, &left);
	cd_nat_set_u256(&num, reserve_in);
	cd_nat_set_u256(&tmp, amount_out);
	cd_nat_mul(&den, &num, &tmp);		/* den used as scratch for R_in * b */
	cd_nat_mul_1(&num, &den, CD_AMM_BPS);
	cd_nat_set_u256(&den, &left);
	cd_nat_mul_1(&den, &den, (mp_limb_t) (CD_AMM_BPS - fee_bps));
	cd_nat_divmod(&q, NULL, &num, &den);
	cd_nat_add_1(&q, &q, 1);
	if (!cd_nat_get_u256(&q, out))
	{
		cd_fail(err, CD_ERR_RANGE, "amount_in is out of range for uint256");
		cd_error_detail(err, "Buying this amount_out needs more than 2^256 - 1 base units of input.");
		return false;
	}
	return true;
}

/*
 * quote: the other side at the pool price, no fee; a result above uint256
 * (huge amount against a tiny reserve_a) is a range error.
 */
bool
cd_amm_quote(const cd_u256 *amount_a, const cd_u256 *reserve_a,
			 const cd_u256 *reserve_b, cd_u256 *out, cd_error *err)
{
	if (!check_amount(amount_a, "amount_a", "quote", "INSUFFICIENT_AMOUNT", "amountA", err))
		return false;
	if (!check_reserves(reserve_a, reserve_b, "reserve_a", "reserve_b", "quote", err))
		return false;
	if (!cd_u256_muldiv(amount_a, reserve_b, reserve_a, out, NULL))
	{
		cd_fail(err, CD_ERR_RANGE, "quoted amount is out of range for uint256");
		cd_error_detail(err, "amount_a * reserve_b / reserve_a exceeds 2^256 - 1.");
		return false;
	}
	return true;
}

/*
 * floor(sqrt(a*b)) on the exact 512-bit product; mpn_sqrtrem returns the
 * floor, as the contract's Babylonian Math.sqrt does.
 */
void
cd_amm_sqrt_product(const cd_u256 *a, const cd_u256 *b, cd_u256 *out)
{
	cd_nat		wa;
	cd_nat		wb;
	cd_nat		p;
	mp_limb_t	root[CD_U256_LIMBS];

	cd_nat_set_u256(&wa, a);
	cd_nat_set_u256(&wb, b);
	cd_nat_mul(&p, &wa, &wb);
	cd_u256_zero(out);
	if (p.n == 0)
		return;
	/* mpn_sqrtrem wants a non-zero top limb, which a normalized value has */
	memset(root, 0, sizeof(root));
	mpn_sqrtrem(root, NULL, p.d, p.n);
	memcpy(out->limb, root, sizeof(root));
}

/*
 * The first deposit (total_supply 0).  The pair ignores its reserves here
 * (they can be non-zero only through sync() on an empty pair; those tokens
 * then go to the first depositor's position).  sqrt(a*b) < 1000 reverts
 * in SafeMath's sub, = 1000 mints 0 and reverts with
 * INSUFFICIENT_LIQUIDITY_MINTED; both are one error here.
 */
static bool
first_mint(const cd_u256 *amount_a, const cd_u256 *amount_b, cd_u256 *out, cd_error *err)
{
	cd_u256		root;
	cd_u256		minimum;
	char		text[CD_U256_DECIMAL_LEN];

	cd_amm_sqrt_product(amount_a, amount_b, &root);
	cd_u256_from_u64(&minimum, CD_AMM_MINIMUM_LIQUIDITY);
	if (cd_u256_cmp(&root, &minimum) <= 0)
	{
		cd_u256_format_decimal(&root, text);
		cd_fail(err, CD_ERR_PARAM, "first deposit is too small to mint liquidity");
		cd_error_detail(err, "floor(sqrt(amount_a * amount_b)) is %s, not above MINIMUM_LIQUIDITY (1000); "
						"UniswapV2Pair.mint reverts (INSUFFICIENT_LIQUIDITY_MINTED).", text);
		cd_error_hint(err, "The first deposit needs amount_a * amount_b of at least 1002001 (1001^2).");
		return false;
	}
	cd_u256_sub(&root, &minimum, out);
	return true;
}

/*
 * mint's liquidity: the first deposit, or the smaller of the two
 * proportional shares.
 */
bool
cd_amm_liquidity_minted(const cd_u256 *amount_a, const cd_u256 *amount_b,
						const cd_u256 *reserve_a, const cd_u256 *reserve_b,
						const cd_u256 *total_supply, cd_u256 *out, cd_error *err)
{
	cd_nat		ts;
	cd_nat		tmp;
	cd_nat		num;
	cd_nat		den;
	cd_nat		share_a;
	cd_nat		share_b;
	const cd_nat *least;

	if (is_zero(total_supply))
		return first_mint(amount_a, amount_b, out, err);
	if (is_zero(reserve_a) || is_zero(reserve_b))
	{
		cd_fail(err, CD_ERR_PARAM, "reserve_a and reserve_b must be greater than zero when total_supply is positive");
		cd_error_detail(err, "UniswapV2Pair.mint divides by both reserves, so a zero reserve makes it revert.");
		return false;
	}

	/*
	 * min(a*ts/R_a, b*ts/R_b) with each share exact in 512 bits: where one
	 * share exceeds uint256 (the contract's mul would revert) the minimum
	 * may still fit, and is then the exact answer.
	 */
	cd_nat_set_u256(&ts, total_supply);
	cd_nat_set_u256(&tmp, amount_a);
	cd_nat_mul(&num, &tmp, &ts);
	cd_nat_set_u256(&den, reserve_a);
	cd_nat_divmod(&share_a, NULL, &num, &den);
	cd_nat_set_u256(&tmp, amount_b);
	cd_nat_mul(&num, &tmp, &ts);
	cd_nat_set_u256(&den, reserve_b);
	cd_nat_divmod(&share_b, NULL, &num, &den);
	least = cd_nat_cmp(&share_a, &share_b) <= 0 ? &share_a : &share_b;
	if (!cd_nat_get_u256(least, out))
	{
		cd_fail(err, CD_ERR_RANGE, "liquidity minted is out of range for uint256");
		cd_error_detail(err, "min(amount_a * total_supply / reserve_a, amount_b * total_supply / reserve_b) exceeds 2^256 - 1.");
		return false;
	}
	if (is_zero(out))
	{
		cd_fail(err, CD_ERR_PARAM, "deposit is too small to mint liquidity");
		cd_error_detail(err, "min(amount_a * total_supply / reserve_a, amount_b * total_supply / reserve_b) is 0; "
						"UniswapV2Pair.mint reverts with INSUFFICIENT_LIQUIDITY_MINTED.");
		return false;
	}
	return true;
}

/*
 * burn: liquidity <= total_supply holds in the pair (it burns its own LP
 * balance), so the shares are at most the reserves and always fit.
 */
bool
cd_amm_liquidity_burned(const cd_u256 *liquidity, const cd_u256 *reserve_a,
						const cd_u256 *reserve_b, const cd_u256 *total_supply,
						cd_u256 *amount_a, cd_u256 *amount_b, cd_error *err)
{
	char		text_a[CD_U256_DECIMAL_LEN];
	char		text_b[CD_U256_DECIMAL_LEN];

	if (is_zero(total_supply))
	{
		cd_fail(err, CD_ERR_PARAM, "total_supply must be greater than zero");
		cd_error_detail(err, "UniswapV2Pair.burn divides by totalSupply, so an empty pool cannot burn.");
		return false;
	}
	if (cd_u256_cmp(liquidity, total_supply) > 0)
	{
		cd_fail(err, CD_ERR_PARAM, "liquidity must not exceed total_supply");
		cd_error_detail(err, "UniswapV2Pair.burn burns LP tokens that exist, so liquidity <= totalSupply.");
		return false;
	}
	cd_u256_muldiv(liquidity, reserve_a, total_supply, amount_a, NULL);
	cd_u256_muldiv(liquidity, reserve_b, total_supply, amount_b, NULL);
	if (is_zero(amount_a) || is_zero(amount_b))
	{
		cd_u256_format_decimal(amount_a, text_a);
		cd_u256_format_decimal(amount_b, text_b);
		cd_fail(err, CD_ERR_PARAM, "liquidity is too small to return both tokens");
		cd_error_detail(err, "amount_a would be %s and amount_b %s; UniswapV2Pair.burn reverts with "
						"INSUFFICIENT_LIQUIDITY_BURNED unless both are positive.", text_a, text_b);
		return false;
	}
	return true;
}
