/*
 * curve_exact.c - the reserve of the rational kinds, exactly
 *
 * linear, power and constant_product have rational R(s), so reserve(s) =
 * ceil(N / D) with integers N and D computed on the stack (cd_nat): no
 * rounding anywhere, any size up to a uint256 result.
 */
#include <string.h>

#include "bignat.h"
#include "curve_kernels.h"

/*
 * Fast paths: most curves and supplies fit in 64 bits, and then the same
 * formulas in unsigned 128-bit arithmetic with overflow checks are several
 * times faster than cd_nat.  On any overflow the caller falls back to the
 * cd_nat path, which gives the same (exact) result.
 */
typedef unsigned __int128 u128;

/* true and *x set when v < 2^64 */
static bool
small(const cd_u256 *v, uint64_t *x)
{
	if (v->limb[1] | v->limb[2] | v->limb[3])
		return false;
	*x = (uint64_t) v->limb[0];
	return true;
}

/*
 * a / b, with the 64-bit divide when both fit: a 128-bit division is a
 * library call several times slower, and most reserves fit in 64 bits.
 */
static inline u128
div_u128(u128 a, u128 b)
{
	if (((a | b) >> 64) == 0)
		return (uint64_t) a / (uint64_t) b;
	return a / b;
}

/* *out = ceil(num / den) for den > 0 */
static void
ceil_u128(u128 num, u128 den, cd_u256 *out)
{
	u128		q = den == 1 ? num : div_u128(num, den);

	if (q * den != num)
		q++;
	cd_u256_zero(out);
	out->limb[0] = (mp_limb_t) q;
	out->limb[1] = (mp_limb_t) (q >> 64);
}

/* value of parameter i as mant (the fraction's numerator) */
static void
param_nat(const cd_curve *c, int i, cd_nat *out)
{
	cd_nat_set_u256(out, &c->param[i]);
}

/* *out = ceil(num / den) as uint256, or the overflow error. */
static bool
ceil_to_u256(const cd_nat *num, const cd_nat *den, const cd_u256 *s, cd_u256 *out, cd_error *err)
{
	cd_nat		q;

	if (!cd_nat_cdiv(&q, num, den) || !cd_nat_get_u256(&q, out))
		return cd_curve_reserve_overflow(s, err);
	return true;
}

/*
 * R(0) = 0: true with *out = 0 when s is 0, which linear's and power's
 * formulas (s - 1, sums up to s - 1) leave out.
 */
static bool
at_zero_supply(const cd_u256 *s, cd_u256 *out)
{
	if (!cd_u256_is_zero(s))
		return false;
	cd_u256_zero(out);
	return true;
}

/* linear's fast path, for s > 0 (b, sc and e as in cd_curve_reserve_linear) */
static bool
linear_fast(unsigned b, unsigned sc, unsigned e, const cd_curve *c, const cd_u256 *s, cd_u256 *out)
{
	uint64_t	bb;
	uint64_t	ss;
	uint64_t	x;
	u128		be;
	u128		se;
	u128		t1;
	u128		t2;
	u128		num;

	if (e > 19 || !small(&c->param[CD_LINEAR_BASE], &bb) ||
		!small(&c->param[CD_LINEAR_SLOPE], &ss) || !small(s, &x))
		return false;
	be = (u128) bb * cd_pow10_u64[e - b];
	se = (u128) ss * cd_pow10_u64[e - sc];
	if (__builtin_mul_overflow(be, (u128) x, &t1) ||
		__builtin_mul_overflow(t1, (u128) 2, &t1) ||
		__builtin_mul_overflow(se, (u128) x, &t2) ||
		__builtin_mul_overflow(t2, (u128) (x - 1), &t2) ||
		__builtin_add_overflow(t1, t2, &num))
		return false;
	ceil_u128(num, (u128) cd_pow10_u64[e] * 2, out);
	return true;
}

/*
 * linear: unit i costs base + slope*i, so R(s) = base*s + slope*s(s-1)/2.
 * With base = B/10^b and slope = S/10^c over the common scale e:
 * R(s) = (2*B*10^(e-b)*s + S*10^(e-c)*s*(s-1)) / (2*10^e).
 */
bool
cd_curve_reserve_linear(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err)
{
	unsigned	b = c->scale[CD_LINEAR_BASE];
	unsigned	sc = c->scale[CD_LINEAR_SLOPE];
	unsigned	e = b > sc ? b : sc;
	cd_nat		ns;
	cd_nat		t1;
	cd_nat		t2;
	cd_nat		num;
	cd_nat		den;

	if (at_zero_supply(s, out) || linear_fast(b, sc, e, c, s, out))
		return true;
	cd_nat_set_u256(&ns, s);
	/* t1 = 2 * B * 10^(e-b) * s */
	param_nat(c, CD_LINEAR_BASE, &t1);
	cd_nat_mul_pow10(&t1, &t1, e - b);
	cd_nat_mul_1(&t1, &t1, 2);
	cd_nat_mul(&num, &t1, &ns);
	/* t2 = S * 10^(e-c) * s * (s - 1) */
	param_nat(c, CD_LINEAR_SLOPE, &t2);
	if (!cd_nat_is_zero(&t2))
	{
		cd_nat		sm1;

		cd_nat_mul_pow10(&t2, &t2, e - sc);
		cd_nat_sub_1(&sm1, &ns, 1);
		cd_nat_mul(&t1, &t2, &ns);
		cd_nat_mul(&t2, &t1, &sm1);
		cd_nat_add(&num, &num, &t2);
	}
	cd_nat_pow10(&den, e);
	cd_nat_mul_1(&den, &den, 2);
	return ceil_to_u256(&num, &den, s, out, err);
}

/* j! * S(k, j) (Stirling numbers of the second kind), for k, j in 0..8 */
static const uint32_t faulhaber[9][9] = {
	{1, 0, 0, 0, 0, 0, 0, 0, 0},
	{0, 1, 0, 0, 0, 0, 0, 0, 0},
	{0, 1, 2, 0, 0, 0, 0, 0, 0},
	{0, 1, 6, 6, 0, 0, 0, 0, 0},
	{0, 1, 14, 36, 24, 0, 0, 0, 0},
	{0, 1, 30, 150, 240, 120, 0, 0, 0},
	{0, 1, 62, 540, 1560, 1800, 720, 0, 0},
	{0, 1, 126, 1806, 8400, 16800, 15120, 5040, 0},
	{0, 1, 254, 5796, 40824, 126000, 191520, 141120, 40320},
};

/*
 * sum_{i=0}^{s-1} i^k = sum_j j! S(k,j) C(s, j+1), with 0^0 = 1: every
 * term is an integer, and C(s, m) is built by exact division (a product
 * of m consecutive integers is divisible by m!).
 */
static bool
power_sum(const cd_nat *s, unsigned k, cd_nat *sum)
{
	cd_nat		binom;
	cd_nat		factor;
	cd_nat		term;
	unsigned	j;

	sum->n = 0;
	binom = *s;					/* C(s, 1) */
	for (j = 0; j <= k; j++)
	{
		if (j > 0)
		{
			/* C(s, j+1) = C(s, j) * (s - j) / (j + 1); zero once j >= s */
			if (!cd_nat_sub_1(&factor, s, j))
				break;
			if (!cd_nat_mul(&term, &binom, &factor))
				return false;
			cd_nat_divexact_1(&binom, &term, j + 1);
			if (cd_nat_is_zero(&binom))
				break;
		}
		if (faulhaber[k][j] == 0)
			continue;
		if (!cd_nat_mul_1(&term, &binom, faulhaber[k][j]) || !cd_nat_add(sum, sum, &term))
			return false;
	}
	return true;
}

/* power_sum in 128 bits; false on overflow */
static bool
power_sum_u128(uint64_t s, unsigned k, u128 *sum)
{
	u128		binom = s;
	unsigned	j;

	*sum = 0;
	for (j = 0; j <= k; j++)
	{
		if (j > 0)
		{
			if (s <= j)
				break;
			if (__builtin_mul_overflow(binom, (u128) (s - j), &binom))
				return false;
			binom = div_u128(binom, j + 1);
		}
		if (faulhaber[k][j] != 0)
		{
			u128		term;

			if (__builtin_mul_overflow(binom, (u128) faulhaber[k][j], &term) ||
				__builtin_add_overflow(*sum, term, sum))
				return false;
		}
	}
	return true;
}

/* power's fast path, for s > 0 and exponent k */
static bool
power_fast(const cd_curve *c, unsigned k, const cd_u256 *s, cd_u256 *out)
{
	uint64_t	cc;
	uint64_t	x;
	u128		sum;
	u128		num;

	if (c->scale[CD_POWER_COEFFICIENT] > 19 || !small(&c->param[CD_POWER_COEFFICIENT], &cc) ||
		!small(s, &x) || !power_sum_u128(x, k, &sum) ||
		__builtin_mul_overflow(sum, (u128) cc, &num))
		return false;
	ceil_u128(num, cd_pow10_u64[c->scale[CD_POWER_COEFFICIENT]], out);
	return true;
}

/*
 * power: unit i costs coefficient * i^exponent, R(s) = C/10^c * sum i^k.
 * friend.tech's getPrice(supply, amount) is the difference of two such
 * sums with k = 2 times 1 ether / 16000 = 62500000000000 (exact).
 */
bool
cd_curve_reserve_power(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err)
{
	unsigned	k = (unsigned) c->param[CD_POWER_EXPONENT].limb[0];
	cd_nat		ns;
	cd_nat		sum;
	cd_nat		coef;
	cd_nat		num;
	cd_nat		den;

	if (at_zero_supply(s, out) || power_fast(c, k, s, out))
		return true;
	cd_nat_set_u256(&ns, s);
	param_nat(c, CD_POWER_COEFFICIENT, &coef);
	if (!power_sum(&ns, k, &sum) || !cd_nat_mul(&num, &sum, &coef))
		return cd_curve_reserve_overflow(s, err);
	cd_nat_pow10(&den, c->scale[CD_POWER_COEFFICIENT]);
	return ceil_to_u256(&num, &den, s, out, err);
}

/* The shared "cannot reach the virtual supply" error of constant_product. */
static bool
past_virtual_supply(const cd_curve *c, const cd_u256 *s, cd_error *err)
{
	char		sbuf[CD_U256_DECIMAL_LEN];
	char		ybuf[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(s, sbuf);
	cd_u256_format_decimal(&c->param[CD_CP_VIRTUAL_SUPPLY], ybuf);
	cd_fail(err, CD_ERR_PARAM, "supply %s is not below the virtual supply %s of the curve", sbuf, ybuf);
	cd_error_detail(err, "A constant_product curve sells at most virtual_supply - 1 units: the last unit would cost an infinite amount.");
	return false;
}

/*
 * constant_product: a virtual pool of X currency and Y tokens with X*Y = k;
 * after s tokens are bought the pool holds k/(Y-s) currency, so
 * R(s) = X*Y/(Y-s) - X = X*s/(Y-s), defined for s < Y.
 */
bool
cd_curve_reserve_constant_product(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err)
{
	cd_nat		x;
	cd_nat		ns;
	cd_nat		num;
	cd_nat		den;
	cd_nat		y;

	if (cd_u256_cmp(s, &c->param[CD_CP_VIRTUAL_SUPPLY]) >= 0)
		return past_virtual_supply(c, s, err);
	{
		uint64_t	xx;
		uint64_t	yy;
		uint64_t	ss;

		if (small(&c->param[CD_CP_VIRTUAL_RESERVE], &xx) &&
			small(&c->param[CD_CP_VIRTUAL_SUPPLY], &yy) && small(s, &ss))
		{
			ceil_u128((u128) xx * ss, yy - ss, out);
			return true;
		}
		if (small(&c->param[CD_CP_VIRTUAL_SUPPLY], &yy) && small(s, &ss))
		{
			/*
			 * a wide virtual reserve (wei): n x 1 limbs, divided by 1 limb,
			 * over the significant limbs only (each costs a hardware divide)
			 */
			mp_limb_t	prod[CD_U256_LIMBS + 1] = {0};
			mp_limb_t	rem;
			mp_size_t	n = CD_U256_LIMBS;

			while (n > 1 && c->param[CD_CP_VIRTUAL_RESERVE].limb[n - 1] == 0)
				n--;
			prod[n] = mpn_mul_1(prod, c->param[CD_CP_VIRTUAL_RESERVE].limb, n, ss);
			if (prod[n] != 0)
				n++;
			rem = mpn_divrem_1(prod, 0, prod, n, yy - ss);
			if (prod[CD_U256_LIMBS] != 0 ||
				(rem != 0 && mpn_add_1(prod, prod, CD_U256_LIMBS, 1) != 0))
				return cd_curve_reserve_overflow(s, err);
			memcpy(out->limb, prod, sizeof(out->limb));
			return true;
		}
	}
	param_nat(c, CD_CP_VIRTUAL_RESERVE, &x);
	param_nat(c, CD_CP_VIRTUAL_SUPPLY, &y);
	cd_nat_set_u256(&ns, s);
	cd_nat_mul(&num, &x, &ns);
	cd_nat_sub(&den, &y, &ns);
	return ceil_to_u256(&num, &den, s, out, err);
}

/*
 * Spot price of the exact kinds as num/den: the price of unit s for linear
 * (base + slope*s) and power (coefficient * s^k, 0^0 = 1), and dR/ds =
 * X*Y/(Y-s)^2 for constant_product.
 */
bool
cd_curve_spot_exact(const cd_curve *c, const cd_u256 *s, cd_nat *num, cd_nat *den, cd_error *err)
{
	cd_nat		ns;
	cd_nat		t;
	cd_nat		u;

	cd_nat_set_u256(&ns, s);
	switch (c->kind)
	{
		case CD_CURVE_LINEAR:
			{
				unsigned	b = c->scale[CD_LINEAR_BASE];
				unsigned	sc = c->scale[CD_LINEAR_SLOPE];
				unsigned	e = b > sc ? b : sc;

				param_nat(c, CD_LINEAR_SLOPE, &t);
				cd_nat_mul_pow10(&t, &t, e - sc);
				cd_nat_mul(num, &t, &ns);
				param_nat(c, CD_LINEAR_BASE, &t);
				cd_nat_mul_pow10(&t, &t, e - b);
				cd_nat_add(num, num, &t);
				cd_nat_pow10(den, e);
				return true;
			}
		case CD_CURVE_POWER:
			{
				unsigned	k = (unsigned) c->param[CD_POWER_EXPONENT].limb[0];
				unsigned	j;

				param_nat(c, CD_POWER_COEFFICIENT, num);
				for (j = 0; j < k; j++)
				{
					cd_nat_mul(&t, num, &ns);
					*num = t;
				}
				cd_nat_pow10(den, c->scale[CD_POWER_COEFFICIENT]);
				return true;
			}
		case CD_CURVE_CONSTANT_PRODUCT:
			if (cd_u256_cmp(s, &c->param[CD_CP_VIRTUAL_SUPPLY]) >= 0)
				return past_virtual_supply(c, s, err);
			param_nat(c, CD_CP_VIRTUAL_RESERVE, &t);
			param_nat(c, CD_CP_VIRTUAL_SUPPLY, &u);
			cd_nat_mul(num, &t, &u);
			cd_nat_sub(&t, &u, &ns);
			cd_nat_mul(den, &t, &t);
			return true;
	}
	return cd_fail(err, CD_ERR_DATA, "curve kind %d has no exact spot price", c->kind);
}
