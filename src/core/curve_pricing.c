/*
 * curve_pricing.c - every price derived from the one integer reserve
 * function reserve(s) = ceil(R(s))
 *
 * Buying a units at supply s costs reserve(s+a) - reserve(s) and selling
 * them back returns the same, so pricing is path-independent and the
 * reserve held always equals reserve(supply) >= R(supply): rounding is
 * always in favour of the reserve, and the pool can never be drained.
 */
#include <stdio.h>
#include <string.h>

#include "bignat.h"
#include "bonding_curve.h"

bool
cd_curve_reserve_overflow(const cd_u256 *s, cd_error *err)
{
	char		buf[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(s, buf);
	cd_fail(err, CD_ERR_RANGE, "curve reserve at supply %s is out of range for uint256", buf);
	cd_error_detail(err, "The total cost of the first %s units exceeds 2^256 - 1 base units.", buf);
	return false;
}

bool
cd_curve_reserve(const cd_curve *c, const cd_u256 *supply, cd_u256 *out, cd_error *err)
{
	switch (c->kind)
	{
		case CD_CURVE_LINEAR:
			return cd_curve_reserve_linear(c, supply, out, err);
		case CD_CURVE_EXPONENTIAL:
			return cd_curve_reserve_exponential(c, supply, out, err);
		case CD_CURVE_POWER:
			return cd_curve_reserve_power(c, supply, out, err);
		case CD_CURVE_BANCOR:
			return cd_curve_reserve_bancor(c, supply, out, err);
		case CD_CURVE_CONSTANT_PRODUCT:
			return cd_curve_reserve_constant_product(c, supply, out, err);
	}
	return cd_fail(err, CD_ERR_DATA, "unknown bonding curve kind %d", c->kind);
}

/*
 * reserve(s1) and reserve(s2): the MPFR kinds share their constants
 * (identical results, half the set-up); the rational kinds are cheap.
 */
static bool
reserve_pair(const cd_curve *c, const cd_u256 *s1, const cd_u256 *s2,
			 cd_u256 *r1, cd_u256 *r2, cd_error *err)
{
	if (c->kind == CD_CURVE_EXPONENTIAL || c->kind == CD_CURVE_BANCOR)
		return cd_curve_reserve_pair_mpfr(c, s1, s2, r1, r2, err);
	return cd_curve_reserve(c, s1, r1, err) && cd_curve_reserve(c, s2, r2, err);
}

/* supply + amount, or the out-of-range error */
static bool
add_supply(const cd_u256 *supply, const cd_u256 *amount, cd_u256 *out, cd_error *err)
{
	if (!cd_u256_add(supply, amount, out))
	{
		cd_fail(err, CD_ERR_RANGE, "supply plus amount is out of range for uint256");
		cd_error_detail(err, "A supply is at most 2^256 - 1 units.");
		return false;
	}
	return true;
}

bool
cd_curve_buy_cost(const cd_curve *c, const cd_u256 *supply, const cd_u256 *amount,
				  cd_u256 *out, cd_error *err)
{
	cd_u256		after;
	cd_u256		r0;
	cd_u256		r1;

	if (!add_supply(supply, amount, &after, err) ||
		!reserve_pair(c, &after, supply, &r1, &r0, err))
		return false;
	/* reserve is non-decreasing, so this cannot underflow */
	cd_u256_sub(&r1, &r0, out);
	return true;
}

/* the error for selling more than the supply */
static bool
more_than_supply(const cd_u256 *supply, const cd_u256 *amount, cd_error *err)
{
	char		a[CD_U256_DECIMAL_LEN];
	char		s[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(amount, a);
	cd_u256_format_decimal(supply, s);
	cd_fail(err, CD_ERR_PARAM, "cannot sell %s units from a supply of %s", a, s);
	return false;
}

bool
cd_curve_sell_proceeds(const cd_curve *c, const cd_u256 *supply, const cd_u256 *amount,
					   cd_u256 *out, cd_error *err)
{
	cd_u256		before;
	cd_u256		r0;
	cd_u256		r1;

	if (!cd_u256_sub(supply, amount, &before))
		return more_than_supply(supply, amount, err);
	if (!reserve_pair(c, supply, &before, &r1, &r0, err))
		return false;
	cd_u256_sub(&r1, &r0, out);
	return true;
}

/* true when s + a fits and reserve(s + a) <= target (a monotone predicate) */
static bool
affordable(const cd_curve *c, const cd_u256 *s, const cd_u256 *a, const cd_u256 *target,
		   bool unlimited)
{
	cd_u256		after;
	cd_u256		r;
	cd_error	ignored;

	if (!cd_u256_add(s, a, &after) || !cd_curve_reserve(c, &after, &r, &ignored))
		return false;
	return unlimited || cd_u256_cmp(&r, target) <= 0;
}

/*
 * Largest a with reserve(s+a) - reserve(s) <= budget: doubling search for a
 * bracket, then bisection on the exact reserve function.  Monotone because
 * reserve is non-decreasing in s and overflow only grows with s.
 */
bool
cd_curve_buy_amount(const cd_curve *c, const cd_u256 *supply, const cd_u256 *budget,
					cd_u256 *out, cd_error *err)
{
	cd_u256		r0;
	cd_u256		target;
	cd_u256		lo;
	cd_u256		hi;
	cd_u256		one;
	bool		unlimited;

	if (!cd_curve_reserve(c, supply, &r0, err))
		return false;
	/* a target beyond uint256 is never the limit: overflow is */
	unlimited = !cd_u256_add(&r0, budget, &target);
	cd_u256_from_u64(&one, 1);
	cd_u256_zero(&lo);
	hi = one;
	/* lo is affordable; find hi that is not */
	while (affordable(c, supply, &hi, &target, unlimited))
	{
		lo = hi;
		if (!cd_u256_add(&hi, &hi, &hi))
		{
			cd_u256_max(&hi);
			if (affordable(c, supply, &hi, &target, unlimited))
			{
				*out = hi;
				return true;
			}
			break;
		}
	}
	/* invariant: affordable(lo), !affordable(hi), lo < hi */
	for (;;)
	{
		cd_u256		gap;
		cd_u256		half;
		cd_u256		mid;
		cd_u256		two;

		cd_u256_sub(&hi, &lo, &gap);
		if (cd_u256_cmp(&gap, &one) <= 0)
			break;
		cd_u256_from_u64(&two, 2);
		cd_u256_divmod(&gap, &two, &half, NULL);
		cd_u256_add(&lo, &half, &mid);
		if (affordable(c, supply, &mid, &target, unlimited))
			lo = mid;
		else
			hi = mid;
	}
	*out = lo;
	return true;
}

/* true when reserve(s - a) <= target, i.e. selling a yields enough */
static bool
enough(const cd_curve *c, const cd_u256 *s, const cd_u256 *a, const cd_u256 *target,
	   cd_error *err, bool *failed)
{
	cd_u256		before;
	cd_u256		r;

	cd_u256_sub(s, a, &before);
	if (!cd_curve_reserve(c, &before, &r, err))
	{
		*failed = true;
		return false;
	}
	return cd_u256_cmp(&r, target) <= 0;
}

/*
 * Smallest a <= s with reserve(s) - reserve(s-a) >= proceeds; an error when
 * even selling the whole supply returns less.
 */
bool
cd_curve_sell_amount(const cd_curve *c, const cd_u256 *supply, const cd_u256 *proceeds,
					 cd_u256 *out, cd_error *err)
{
	cd_u256		r;
	cd_u256		target;
	cd_u256		lo;
	cd_u256		hi;
	cd_u256		one;
	bool		failed = false;

	if (!cd_curve_reserve(c, supply, &r, err))
		return false;
	if (!cd_u256_sub(&r, proceeds, &target))
	{
		char		p[CD_U256_DECIMAL_LEN];
		char		rb[CD_U256_DECIMAL_LEN];
		char		s[CD_U256_DECIMAL_LEN];

		cd_u256_format_decimal(proceeds, p);
		cd_u256_format_decimal(&r, rb);
		cd_u256_format_decimal(supply, s);
		cd_fail(err, CD_ERR_PARAM, "no amount of the supply yields proceeds of %s", p);
		cd_error_detail(err, "Selling the whole supply of %s returns the reserve, %s.", s, rb);
		return false;
	}
	cd_u256_zero(&lo);
	if (enough(c, supply, &lo, &target, err, &failed))
	{
		*out = lo;
		return true;
	}
	cd_u256_from_u64(&one, 1);
	hi = one;
	/* !enough(lo); find hi <= supply that is enough (the supply itself is) */
	while (!failed && cd_u256_cmp(&hi, supply) < 0 && !enough(c, supply, &hi, &target, err, &failed))
	{
		lo = hi;
		if (!cd_u256_add(&hi, &hi, &hi) || cd_u256_cmp(&hi, supply) > 0)
			hi = *supply;
	}
	if (failed)
		return false;
	for (;;)
	{
		cd_u256		gap;
		cd_u256		half;
		cd_u256		mid;
		cd_u256		two;

		cd_u256_sub(&hi, &lo, &gap);
		if (cd_u256_cmp(&gap, &one) <= 0)
			break;
		cd_u256_from_u64(&two, 2);
		cd_u256_divmod(&gap, &two, &half, NULL);
		cd_u256_add(&lo, &half, &mid);
		if (enough(c, supply, &mid, &target, err, &failed))
			hi = mid;
		else
			lo = mid;
		if (failed)
			return false;
	}
	*out = hi;
	return true;
}

bool
cd_curve_format_fixed(const char *digits, size_t len, int scale, char *out, size_t outsize)
{
	size_t		pos = 0;
	size_t		k;

	if (len + (size_t) scale + 4 > outsize)
		return false;
	if (scale == 0)
	{
		memcpy(out, digits, len);
		out[len] = '\0';
		return true;
	}
	if (len <= (size_t) scale)
	{
		out[pos++] = '0';
		out[pos++] = '.';
		for (k = len; k < (size_t) scale; k++)
			out[pos++] = '0';
		memcpy(out + pos, digits, len);
		pos += len;
	}
	else
	{
		memcpy(out, digits, len - (size_t) scale);
		pos = len - (size_t) scale;
		out[pos++] = '.';
		memcpy(out + pos, digits + len - scale, (size_t) scale);
		pos += (size_t) scale;
	}
	out[pos] = '\0';
	return true;
}

/* Print q with scale decimals ("12.500"). */
static bool
format_fixed(const cd_nat *q, int scale, char *out, size_t outsize)
{
	char		digits[CD_CURVE_SPOT_LEN];
	size_t		len = cd_nat_format(q, digits, sizeof(digits));

	return cd_curve_format_fixed(digits, len, scale, out, outsize);
}

bool
cd_curve_spot_price(const cd_curve *c, const cd_u256 *supply, int scale,
					char *out, size_t outsize, cd_error *err)
{
	cd_nat		num;
	cd_nat		den;
	cd_nat		q;
	cd_nat		rem;
	int			cmp;

	if (scale < 0 || scale > CD_CURVE_MAX_SPOT_SCALE)
		return cd_fail(err, CD_ERR_PARAM, "scale must be between 0 and %d", CD_CURVE_MAX_SPOT_SCALE);
	if (c->kind == CD_CURVE_EXPONENTIAL || c->kind == CD_CURVE_BANCOR)
		return cd_curve_spot_mpfr(c, supply, scale, out, outsize, err);
	if (!cd_curve_spot_exact(c, supply, &num, &den, err))
		return false;
	if (!cd_nat_mul_pow10(&num, &num, (unsigned) scale))
		return cd_fail(err, CD_ERR_RANGE, "spot price is out of range");
	cd_nat_divmod(&q, &rem, &num, &den);
	/* half-even: compare 2*rem with den */
	cd_nat_mul_1(&rem, &rem, 2);
	cmp = cd_nat_cmp(&rem, &den);
	if (cmp > 0 || (cmp == 0 && q.n > 0 && (q.d[0] & 1)))
		cd_nat_add_1(&q, &q, 1);
	if (!format_fixed(&q, scale, out, outsize))
		return cd_fail(err, CD_ERR_RANGE, "spot price is out of range");
	return true;
}
