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
#include "curve_kernels.h"

bool
cd_curve_reserve(const cd_curve *c, const cd_u256 *supply, cd_u256 *out, cd_error *err)
{
	switch (c->kind)
	{
		case CD_CURVE_LINEAR:
			return cd_curve_reserve_linear(c, supply, out, err);
		case CD_CURVE_POWER:
			return cd_curve_reserve_power(c, supply, out, err);
		case CD_CURVE_EXPONENTIAL:
		case CD_CURVE_BANCOR:
			return cd_curve_reserve_mpfr(c, supply, true, out, err);
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

/*
 * The monotone predicate of the two amount searches.  buy: s + a fits and
 * reserve(s + a) <= target (true, then false as a grows; any error counts
 * as false, since overflow only grows with a).  sell: reserve(s - a) <=
 * target (false, then true); an error there stops the search (failed).
 */
typedef struct amount_search
{
	const cd_curve *c;
	const cd_u256 *supply;
	cd_u256		target;
	bool		sell;
	bool		unlimited;		/* buy: a target beyond uint256 never limits */
	bool		failed;			/* sell: a reserve failed, err set */
	cd_error   *err;
} amount_search;

/* the predicate at amount a */
static bool
holds(amount_search *q, const cd_u256 *a)
{
	cd_u256		moved;
	cd_u256		r;
	cd_error	ignored;

	if (q->sell)
	{
		cd_u256_sub(q->supply, a, &moved);
		if (!cd_curve_reserve(q->c, &moved, &r, q->err))
		{
			q->failed = true;
			return false;
		}
		return cd_u256_cmp(&r, &q->target) <= 0;
	}
	if (!cd_u256_add(q->supply, a, &moved) || !cd_curve_reserve(q->c, &moved, &r, &ignored))
		return false;
	return q->unlimited || cd_u256_cmp(&r, &q->target) <= 0;
}

/*
 * Bisection between lo and hi (lo < hi) where the predicate differs, until
 * they are adjacent: mid takes the side whose value it shares.  false when
 * the predicate failed.
 */
static bool
bisect(amount_search *q, cd_u256 *lo, cd_u256 *hi)
{
	bool		at_lo = !q->sell;
	cd_u256		one;
	cd_u256		two;

	cd_u256_from_u64(&one, 1);
	cd_u256_from_u64(&two, 2);
	for (;;)
	{
		cd_u256		gap;
		cd_u256		half;
		cd_u256		mid;
		bool		v;

		cd_u256_sub(hi, lo, &gap);
		if (cd_u256_cmp(&gap, &one) <= 0)
			return true;
		cd_u256_divmod(&gap, &two, &half, NULL);
		cd_u256_add(lo, &half, &mid);
		v = holds(q, &mid);
		if (q->failed)
			return false;
		if (v == at_lo)
			*lo = mid;
		else
			*hi = mid;
	}
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
	amount_search q = {c, supply, {{0}}, false, false, false, err};
	cd_u256		r0;
	cd_u256		lo;
	cd_u256		hi;

	if (!cd_curve_reserve(c, supply, &r0, err))
		return false;
	q.unlimited = !cd_u256_add(&r0, budget, &q.target);
	cd_u256_zero(&lo);
	cd_u256_from_u64(&hi, 1);
	/* lo is affordable; find hi that is not */
	while (holds(&q, &hi))
	{
		lo = hi;
		if (!cd_u256_add(&hi, &hi, &hi))
		{
			cd_u256_max(&hi);
			if (holds(&q, &hi))
			{
				*out = hi;
				return true;
			}
			break;
		}
	}
	bisect(&q, &lo, &hi);
	*out = lo;
	return true;
}

/*
 * Smallest a <= s with reserve(s) - reserve(s-a) >= proceeds; an error when
 * even selling the whole supply returns less.
 */
bool
cd_curve_sell_amount(const cd_curve *c, const cd_u256 *supply, const cd_u256 *proceeds,
					 cd_u256 *out, cd_error *err)
{
	amount_search q = {c, supply, {{0}}, true, false, false, err};
	cd_u256		r;
	cd_u256		lo;
	cd_u256		hi;

	if (!cd_curve_reserve(c, supply, &r, err))
		return false;
	if (!cd_u256_sub(&r, proceeds, &q.target))
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
	if (holds(&q, &lo))
	{
		*out = lo;
		return true;
	}
	cd_u256_from_u64(&hi, 1);
	/* !holds(lo); find hi <= supply that holds (the supply itself does) */
	while (!q.failed && cd_u256_cmp(&hi, supply) < 0 && !holds(&q, &hi))
	{
		lo = hi;
		if (!cd_u256_add(&hi, &hi, &hi) || cd_u256_cmp(&hi, supply) > 0)
			hi = *supply;
	}
	if (q.failed || !bisect(&q, &lo, &hi))
		return false;
	*out = hi;
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
