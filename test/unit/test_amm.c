/*
 * test_amm.c - Uniswap V2 AMM math: published values, uint256 boundaries,
 * every revert, and random inputs against the literal Solidity formulas
 * (997/1000) evaluated with GMP mpz as an independent reference.
 */
#include "unit.h"
#include "core/amm.h"

#define U256_MAX_TEXT "115792089237316195423570985008687907853269984665640564039457584007913129639935"
#define E18 "000000000000000000"

static cd_u256
u(const char *s)
{
	cd_u256		v;
	static cd_error err;

	if (!cd_u256_parse_decimal(s, strlen(s), &v, "value", &err))
		fprintf(stderr, "unexpected parse failure of %s: %s\n", s, err.message);
	return v;
}

static const char *
fmt(const cd_u256 *v)
{
	static char buf[4][CD_U256_DECIMAL_LEN];
	static int	next = 0;
	char	   *out = buf[next++ % 4];

	cd_u256_format_decimal(v, out);
	return out;
}

/* The result as decimal text, or the error's message when the call failed. */
static const char *
result_text(bool ok, const cd_u256 *out, const cd_error *err)
{
	return ok ? fmt(out) : err->message;
}

/* getAmountOut or getAmountIn (they take the same arguments) */
static const char *
swap(bool (*op) (const cd_u256 *, const cd_u256 *, const cd_u256 *, int, cd_u256 *, cd_error *),
	 const char *amount, const char *rin, const char *rout, int fee)
{
	cd_u256		ua = u(amount), urin = u(rin), urout = u(rout), out;
	static cd_error err;

	return result_text(op(&ua, &urin, &urout, fee, &out, &err), &out, &err);
}

static const char *
amount_out(const char *a, const char *rin, const char *rout, int fee)
{
	return swap(cd_amm_amount_out, a, rin, rout, fee);
}

static const char *
amount_in(const char *b, const char *rin, const char *rout, int fee)
{
	return swap(cd_amm_amount_in, b, rin, rout, fee);
}

static const char *
quote(const char *a, const char *ra, const char *rb)
{
	cd_u256		ua = u(a), ura = u(ra), urb = u(rb), out;
	static cd_error err;

	return result_text(cd_amm_quote(&ua, &ura, &urb, &out, &err), &out, &err);
}

static const char *
minted(const char *a, const char *b, const char *ra, const char *rb, const char *ts)
{
	cd_u256		ua = u(a), ub = u(b), ura = u(ra), urb = u(rb), uts = u(ts), out;
	static cd_error err;

	return result_text(cd_amm_liquidity_minted(&ua, &ub, &ura, &urb, &uts, &out, &err), &out, &err);
}

static const char *
burned(const char *l, const char *ra, const char *rb, const char *ts)
{
	static char buf[2 * CD_U256_DECIMAL_LEN + 2];
	cd_u256		ul = u(l), ura = u(ra), urb = u(rb), uts = u(ts), oa, ob;
	static cd_error err;

	if (!cd_amm_liquidity_burned(&ul, &ura, &urb, &uts, &oa, &ob, &err))
		return err.message;
	snprintf(buf, sizeof(buf), "%s,%s", fmt(&oa), fmt(&ob));
	return buf;
}

/*
 * Uniswap/v2-core test/UniswapV2Pair.spec.ts "getInputPrice" cases:
 * swapAmount, token0Amount, token1Amount (all x 1e18) and the
 * expectedOutputAmount the pair pays for token0 in.
 */
static void
test_v2_core_swap_cases(void)
{
	CHECK_STR_EQ(amount_out("1" E18, "5" E18, "10" E18, 30), "1662497915624478906");
	CHECK_STR_EQ(amount_out("1" E18, "10" E18, "5" E18, 30), "453305446940074565");
	CHECK_STR_EQ(amount_out("2" E18, "5" E18, "10" E18, 30), "2851015155847869602");
	CHECK_STR_EQ(amount_out("2" E18, "10" E18, "5" E18, 30), "831248957812239453");
	CHECK_STR_EQ(amount_out("1" E18, "10" E18, "10" E18, 30), "906610893880149131");
	CHECK_STR_EQ(amount_out("1" E18, "100" E18, "100" E18, 30), "987158034397061298");
	CHECK_STR_EQ(amount_out("1" E18, "1000" E18, "1000" E18, 30), "996006981039903216");
}

/* Uniswap/v2-periphery test/UniswapV2Router02.spec.ts: quote, getAmountOut, getAmountIn */
static void
test_v2_periphery_router_cases(void)
{
	CHECK_STR_EQ(quote("1", "100", "200"), "2");
	CHECK_STR_EQ(quote("2", "200", "100"), "1");
	CHECK_STR_EQ(amount_out("2", "100", "100", 30), "1");
	CHECK_STR_EQ(amount_in("1", "100", "100", 30), "2");
	/* the same reverts */
	CHECK_STR_EQ(quote("0", "100", "200"), "amount_a must be greater than zero");
	CHECK_STR_EQ(quote("1", "0", "200"), "reserve_a and reserve_b must be greater than zero");
	CHECK_STR_EQ(quote("1", "100", "0"), "reserve_a and reserve_b must be greater than zero");
	CHECK_STR_EQ(amount_out("0", "100", "100", 30), "amount_in must be greater than zero");
	CHECK_STR_EQ(amount_out("2", "0", "100", 30), "reserve_in and reserve_out must be greater than zero");
	CHECK_STR_EQ(amount_out("2", "100", "0", 30), "reserve_in and reserve_out must be greater than zero");
	CHECK_STR_EQ(amount_in("0", "100", "100", 30), "amount_out must be greater than zero");
	CHECK_STR_EQ(amount_in("1", "0", "100", 30), "reserve_in and reserve_out must be greater than zero");
	CHECK_STR_EQ(amount_in("1", "100", "0", 30), "reserve_in and reserve_out must be greater than zero");
}

/*
 * Uniswap/v2-core UniswapV2Pair.spec.ts "mint" (1e18 + 4e18: totalSupply
 * 2e18, the depositor gets 2e18 - 1000) and "burn" (3e18 + 3e18, burning
 * everything but the locked 1000 returns 3e18 - 1000 of each).
 */
static void
test_v2_core_mint_burn_cases(void)
{
	CHECK_STR_EQ(minted("1" E18, "4" E18, "0", "0", "0"), "1999999999999999000");
	CHECK_STR_EQ(minted("3" E18, "3" E18, "0", "0", "0"), "2999999999999999000");
	CHECK_STR_EQ(burned("2999999999999999000", "3" E18, "3" E18, "3" E18),
				 "2999999999999999000,2999999999999999000");
	/* a second deposit in proportion mints in proportion */
	CHECK_STR_EQ(minted("1" E18, "4" E18, "1" E18, "4" E18, "2" E18), "2" E18);
	/* the min picks the smaller side: excess token b is donated */
	CHECK_STR_EQ(minted("1" E18, "8" E18, "1" E18, "4" E18, "2" E18), "2" E18);
	CHECK_STR_EQ(minted("1" E18, "2" E18, "1" E18, "4" E18, "2" E18), "1" E18);
}

static void
test_fee_generalization(void)
{
	/* 0 bps is the fee-free constant product: floor(a*R_out/(R_in+a)) */
	CHECK_STR_EQ(amount_out("100", "1000", "1000", 0), "90");
	CHECK_STR_EQ(amount_in("90", "1000", "1000", 0), "99");
	/* 9999 bps keeps 1/10000 of the input */
	CHECK_STR_EQ(amount_out("10000", "1", "1000", 9999), "500");
	CHECK_STR_EQ(amount_out("1", "1", "1000", -1), "fee_bps must be between 0 and 9999");
	CHECK_STR_EQ(amount_out("1", "1", "1000", 10000), "fee_bps must be between 0 and 9999");
	CHECK_STR_EQ(amount_in("1", "1", "1000", 10000), "fee_bps must be between 0 and 9999");
	CHECK_STR_EQ(amount_in("1", "1", "1000", -30), "fee_bps must be between 0 and 9999");
}

static void
test_reverts(void)
{
	cd_u256		a = u("5"), r = u("5"), out;
	static cd_error err;

	CHECK(!cd_amm_amount_in(&a, &r, &r, 30, &out, &err));
	CHECK(err.code == CD_ERR_PARAM);
	CHECK_STR_EQ(err.message, "amount_out must be less than reserve_out");
	CHECK_STR_EQ(amount_in("6", "5", "5", 30), "amount_out must be less than reserve_out");
	CHECK_STR_EQ(amount_in("4", "5", "5", 30), "21");
	/* first mint: sqrt(a*b) must exceed 1000 */
	CHECK_STR_EQ(minted("1000", "1000", "0", "0", "0"), "first deposit is too small to mint liquidity");
	CHECK_STR_EQ(minted("999", "1000", "0", "0", "0"), "first deposit is too small to mint liquidity");
	CHECK_STR_EQ(minted("1001", "1001", "0", "0", "0"), "1");
	CHECK_STR_EQ(minted("1002", "1000", "0", "0", "0"), "first deposit is too small to mint liquidity");
	CHECK_STR_EQ(minted("0", "5" E18, "0", "0", "0"), "first deposit is too small to mint liquidity");
	/* reserves are ignored on the first mint, as in the pair after sync() */
	CHECK_STR_EQ(minted("1" E18, "4" E18, "7", "9", "0"), "1999999999999999000");
	CHECK_STR_EQ(minted("1", "1", "0", "5", "10"),
				 "reserve_a and reserve_b must be greater than zero when total_supply is positive");
	CHECK_STR_EQ(minted("1", "1", "1000", "1000", "10"), "deposit is too small to mint liquidity");
	CHECK_STR_EQ(minted("100", "0", "1000", "1000", "10"), "deposit is too small to mint liquidity");
	CHECK_STR_EQ(burned("1", "1", "1", "0"), "total_supply must be greater than zero");
	CHECK_STR_EQ(burned("11", "1", "1", "10"), "liquidity must not exceed total_supply");
	CHECK_STR_EQ(burned("0", "100", "100", "10"), "liquidity is too small to return both tokens");
	CHECK_STR_EQ(burned("1", "100", "5", "10"), "liquidity is too small to return both tokens");
	CHECK_STR_EQ(burned("2", "100", "5", "10"), "20,1");
}

/* Values at 2^256 - 1; references from Python integers. */
static void
test_uint256_boundaries(void)
{
	cd_u256		m = u(U256_MAX_TEXT), one = u("1"), two = u("2"), out;
	static cd_error err;

	/* floor(M*9970*M / (M*10000 + M*9970)) = floor(9970*M/19970): 528-bit intermediates */
	CHECK_STR_EQ(amount_out(U256_MAX_TEXT, U256_MAX_TEXT, U256_MAX_TEXT, 30),
				 "57809070089937028962093275940742035117531384432470526964115779296890030170763");
	/* the output is below reserve_out, however large the input */
	CHECK_STR_EQ(amount_out(U256_MAX_TEXT, "1", "1000", 30), "999");
	CHECK_STR_EQ(amount_out(U256_MAX_TEXT, "1", U256_MAX_TEXT, 0),
				 "115792089237316195423570985008687907853269984665640564039457584007913129639934");
	/* amount_in past uint256 is a range error, not a wrap */
	CHECK(!cd_amm_amount_in(&one, &m, &two, 30, &out, &err));
	CHECK(err.code == CD_ERR_RANGE);
	CHECK_STR_EQ(err.message, "amount_in is out of range for uint256");
	/* (M-1)*1*10000/(1*10000) + 1 = M: the largest result that fits */
	CHECK_STR_EQ(amount_in("1", "115792089237316195423570985008687907853269984665640564039457584007913129639934", "2", 0),
				 U256_MAX_TEXT);
	CHECK_STR_EQ(amount_in("1", U256_MAX_TEXT, "2", 0), "amount_in is out of range for uint256");
	CHECK(!cd_amm_quote(&m, &one, &two, &out, &err));
	CHECK(err.code == CD_ERR_RANGE);
	CHECK_STR_EQ(quote(U256_MAX_TEXT, U256_MAX_TEXT, "7"), "7");
	/* first mint of M and M: sqrt(M^2) = M */
	CHECK_STR_EQ(minted(U256_MAX_TEXT, U256_MAX_TEXT, "0", "0", "0"),
				 "115792089237316195423570985008687907853269984665640564039457584007913129638935");
	/* one share overflows uint256 (the contract's mul reverts), the min fits */
	CHECK_STR_EQ(minted(U256_MAX_TEXT, "1", "1", U256_MAX_TEXT, U256_MAX_TEXT), "1");
	CHECK(!cd_amm_liquidity_minted(&m, &m, &one, &one, &two, &out, &err));
	CHECK(err.code == CD_ERR_RANGE);
	CHECK_STR_EQ(burned(U256_MAX_TEXT, U256_MAX_TEXT, "1", U256_MAX_TEXT), U256_MAX_TEXT ",1");
}

static void
test_sqrt_is_exact_floor(void)
{
	cd_u256		a, b, r;

	/* (2^128 - 1)^2 and one less: the root steps exactly at the square */
	a = u("340282366920938463463374607431768211455");
	cd_amm_sqrt_product(&a, &a, &r);
	CHECK_STR_EQ(fmt(&r), "340282366920938463463374607431768211455");
	b = u("340282366920938463463374607431768211454");
	a = u("340282366920938463463374607431768211456");
	cd_amm_sqrt_product(&a, &b, &r);	/* (n+1)(n-1) = n^2 - 1 */
	CHECK_STR_EQ(fmt(&r), "340282366920938463463374607431768211454");
	a = u("0");
	cd_amm_sqrt_product(&a, &b, &r);
	CHECK_STR_EQ(fmt(&r), "0");
	a = u("3");
	b = u("1");
	cd_amm_sqrt_product(&a, &b, &r);
	CHECK_STR_EQ(fmt(&r), "1");
}

/* the seed of unit_random: fixed, so that failures reproduce */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* A random value of 1..256 bits, biased toward the interesting sizes. */
static void
random_u256(cd_u256 *v, mpz_t z)
{
	int			bits = 1 + (int) (unit_random(&rng_state) % 256);
	int			i;

	for (i = 0; i < CD_U256_LIMBS; i++)
		v->limb[i] = (mp_limb_t) unit_random(&rng_state);
	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		int			lo = i * 64;

		if (bits <= lo)
			v->limb[i] = 0;
		else if (bits < lo + 64)
			v->limb[i] &= ((mp_limb_t) 1 << (bits - lo)) - 1;
	}
	mpz_import(z, CD_U256_LIMBS, -1, sizeof(mp_limb_t), 0, 0, v->limb);
}

static bool
equals_mpz(const cd_u256 *v, const mpz_t z)
{
	mpz_t		t;
	bool		eq;

	mpz_init(t);
	mpz_import(t, CD_U256_LIMBS, -1, sizeof(mp_limb_t), 0, 0, v->limb);
	eq = mpz_cmp(t, z) == 0;
	mpz_clear(t);
	return eq;
}

/*
 * 20,000 random inputs against the contracts' literal expressions in mpz:
 * getAmountOut and getAmountIn with 997/1000 (fee_bps 30, proving the
 * 9970/10000 generalization equal) and with a random fee, quote, mint,
 * burn.
 */
static void
test_random_against_literal_formulas(void)
{
	mpz_t		a, rin, rout, ref, num, den, m256, t;
	cd_u256		ua, urin, urout, out, out2;
	static cd_error err;
	int			i;
	int			mismatches = 0;

	mpz_inits(a, rin, rout, ref, num, den, m256, t, NULL);
	mpz_ui_pow_ui(m256, 2, 256);
	for (i = 0; i < 20000; i++)
	{
		int			fee = (i % 2 == 0) ? 30 : (int) (unit_random(&rng_state) % 10000);
		unsigned long w = (unsigned long) (10000 - fee);

		random_u256(&ua, a);
		random_u256(&urin, rin);
		random_u256(&urout, rout);
		if (mpz_sgn(a) == 0 || mpz_sgn(rin) == 0 || mpz_sgn(rout) == 0)
			continue;

		/* getAmountOut */
		if (fee == 30)
		{
			mpz_mul_ui(t, a, 997);
			mpz_mul(num, t, rout);
			mpz_mul_ui(den, rin, 1000);
		}
		else
		{
			mpz_mul_ui(t, a, w);
			mpz_mul(num, t, rout);
			mpz_mul_ui(den, rin, 10000);
		}
		mpz_add(den, den, t);
		mpz_fdiv_q(ref, num, den);
		if (!cd_amm_amount_out(&ua, &urin, &urout, fee, &out, &err) || !equals_mpz(&out, ref))
			mismatches++;

		/* getAmountIn for an output below the reserve */
		mpz_fdiv_q_ui(t, rout, 2);
		if (mpz_sgn(t) > 0)
		{
			cd_u256		ub;

			memset(&ub, 0, sizeof(ub));
			mpz_export(ub.limb, NULL, -1, sizeof(mp_limb_t), 0, 0, t);
			mpz_mul(num, rin, t);
			mpz_mul_ui(num, num, fee == 30 ? 1000 : 10000);
			mpz_sub(den, rout, t);
			mpz_mul_ui(den, den, fee == 30 ? 997 : w);
			mpz_fdiv_q(ref, num, den);
			mpz_add_ui(ref, ref, 1);
			if (mpz_cmp(ref, m256) >= 0)
			{
				if (cd_amm_amount_in(&ub, &urin, &urout, fee, &out, &err) || err.code != CD_ERR_RANGE)
					mismatches++;
			}
			else if (!cd_amm_amount_in(&ub, &urin, &urout, fee, &out, &err) || !equals_mpz(&out, ref))
				mismatches++;
		}

		/* quote */
		mpz_mul(num, a, rout);
		mpz_fdiv_q(ref, num, rin);
		if (mpz_cmp(ref, m256) >= 0)
		{
			if (cd_amm_quote(&ua, &urin, &urout, &out, &err) || err.code != CD_ERR_RANGE)
				mismatches++;
		}
		else if (!cd_amm_quote(&ua, &urin, &urout, &out, &err) || !equals_mpz(&out, ref))
			mismatches++;

		/* first mint: floor(sqrt(a*b)) - 1000 */
		mpz_mul(num, a, rout);
		mpz_sqrt(ref, num);
		if (mpz_cmp_ui(ref, 1000) > 0)
		{
			mpz_sub_ui(ref, ref, 1000);
			if (!cd_amm_liquidity_minted(&ua, &urout, &urin, &urin, &(cd_u256) {0}, &out, &err)
				|| !equals_mpz(&out, ref))
				mismatches++;
		}
		else if (cd_amm_liquidity_minted(&ua, &urout, &urin, &urin, &(cd_u256) {0}, &out, &err))
			mismatches++;

		/* burn of liquidity <= total supply (rin as supply, a clipped below it) */
		if (mpz_cmp(a, rin) <= 0)
		{
			mpz_mul(num, a, rout);
			mpz_fdiv_q(ref, num, rin);
			mpz_mul(num, a, rin);
			mpz_fdiv_q(t, num, rin);
			if (mpz_sgn(ref) > 0 && mpz_sgn(t) > 0)
			{
				if (!cd_amm_liquidity_burned(&ua, &urout, &urin, &urin, &out, &out2, &err)
					|| !equals_mpz(&out, ref) || !equals_mpz(&out2, t))
					mismatches++;
			}
			else if (cd_amm_liquidity_burned(&ua, &urout, &urin, &urin, &out, &out2, &err))
				mismatches++;
		}
	}
	CHECK(mismatches == 0);
	if (mismatches != 0)
		fprintf(stderr, "%d mismatches against the mpz reference\n", mismatches);
	mpz_clears(a, rin, rout, ref, num, den, m256, t, NULL);
}

/*
 * The 128-bit paths (operands up to 2^113, as in every real pair): 100,000
 * random inputs of 1..128 bits (reserve_in and amount_in up to 113) against
 * the literal formula in mpz, at 30 bps and random fees.
 */
static void
test_random_u128_paths(void)
{
	mpz_t		a, rin, rout, ref, num, den, t;
	int			i;
	int			mismatches = 0;

	mpz_inits(a, rin, rout, ref, num, den, t, NULL);
	for (i = 0; i < 100000; i++)
	{
		cd_u256		ua, urin, urout, out;
		int			fee = (i % 3 == 0) ? 30 : (int) (unit_random(&rng_state) % 10000);
		int			bits[3];
		int			k;

		for (k = 0; k < 3; k++)
			bits[k] = 1 + (int) (unit_random(&rng_state) % (k == 2 ? 128 : 113));
		memset(&ua, 0, sizeof(ua));
		memset(&urin, 0, sizeof(urin));
		memset(&urout, 0, sizeof(urout));
		ua.limb[0] = unit_random(&rng_state);
		ua.limb[1] = unit_random(&rng_state);
		urin.limb[0] = unit_random(&rng_state);
		urin.limb[1] = unit_random(&rng_state);
		urout.limb[0] = unit_random(&rng_state);
		urout.limb[1] = unit_random(&rng_state);
		mpz_import(a, 2, -1, sizeof(mp_limb_t), 0, 0, ua.limb);
		mpz_import(rin, 2, -1, sizeof(mp_limb_t), 0, 0, urin.limb);
		mpz_import(rout, 2, -1, sizeof(mp_limb_t), 0, 0, urout.limb);
		mpz_fdiv_r_2exp(a, a, bits[0]);
		mpz_fdiv_r_2exp(rin, rin, bits[1]);
		mpz_fdiv_r_2exp(rout, rout, bits[2]);
		if (mpz_sgn(a) == 0 || mpz_sgn(rin) == 0 || mpz_sgn(rout) == 0)
			continue;
		memset(&ua, 0, sizeof(ua));
		memset(&urin, 0, sizeof(urin));
		memset(&urout, 0, sizeof(urout));
		mpz_export(ua.limb, NULL, -1, sizeof(mp_limb_t), 0, 0, a);
		mpz_export(urin.limb, NULL, -1, sizeof(mp_limb_t), 0, 0, rin);
		mpz_export(urout.limb, NULL, -1, sizeof(mp_limb_t), 0, 0, rout);
		mpz_mul_ui(t, a, fee == 30 ? 997 : (unsigned long) (10000 - fee));
		mpz_mul(num, t, rout);
		mpz_mul_ui(den, rin, fee == 30 ? 1000 : 10000);
		mpz_add(den, den, t);
		mpz_fdiv_q(ref, num, den);
		if (!cd_amm_amount_out(&ua, &urin, &urout, fee, &out, NULL) || !equals_mpz(&out, ref))
		{
			if (mismatches++ < 5)
				gmp_fprintf(stderr, "amount_out(%Zd, %Zd, %Zd, %d) != %Zd\n", a, rin, rout, fee, ref);
		}
	}
	CHECK(mismatches == 0);
	mpz_clears(a, rin, rout, ref, num, den, t, NULL);
}

/*
 * Small exhaustive sweep: fee_bps 30 through 9970/10000 equals the
 * contract's 997/1000, for every a, R_in, R_out in 1..40.
 */
static void
test_30_bps_equals_997_over_1000_exhaustive(void)
{
	int			mismatches = 0;
	uint64_t	a, rin, rout;

	for (a = 1; a <= 40; a++)
		for (rin = 1; rin <= 40; rin++)
			for (rout = 1; rout <= 40; rout++)
			{
				cd_u256		ua, urin, urout, out;
				uint64_t	lit = (a * 997 * rout) / (rin * 1000 + a * 997);

				cd_u256_from_u64(&ua, a);
				cd_u256_from_u64(&urin, rin);
				cd_u256_from_u64(&urout, rout);
				if (!cd_amm_amount_out(&ua, &urin, &urout, 30, &out, NULL) || out.limb[0] != lit)
					mismatches++;
				if (a < rout)
				{
					lit = (rin * a * 1000) / ((rout - a) * 997) + 1;
					if (!cd_amm_amount_in(&ua, &urin, &urout, 30, &out, NULL) || out.limb[0] != lit)
						mismatches++;
				}
			}
	CHECK(mismatches == 0);
}

int
main(void)
{
	RUN(test_v2_core_swap_cases);
	RUN(test_v2_periphery_router_cases);
	RUN(test_v2_core_mint_burn_cases);
	RUN(test_fee_generalization);
	RUN(test_reverts);
	RUN(test_uint256_boundaries);
	RUN(test_sqrt_is_exact_floor);
	RUN(test_random_against_literal_formulas);
	RUN(test_random_u128_paths);
	RUN(test_30_bps_equals_997_over_1000_exhaustive);
	return unit_summary("test_amm");
}
