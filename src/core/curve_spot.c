/*
 * curve_spot.c - curve_spot_price for exponential and bancor: half-even
 * rounding decided from a proven enclosure, exactly where it cannot be
 *
 * V = spot * 10^scale is approximated to nearest at precision p by a fixed
 * chain of correctly rounded MPFR operations, whose error is bounded
 * analytically: |V - A| <= |A| 2^k (see approximate()).  When no rounding
 * midpoint j + 1/2 lies in [A - |A| 2^k, A + |A| 2^k], every point of it,
 * V included, rounds to the same integer, and that is the answer (almost
 * always, at the cost of the former to-nearest computation).  Otherwise V
 * is within 2^k of a midpoint, relatively, and possibly on it (an exact
 * tie always lands here):
 *   1. if V is rational and small enough (curve_rational.c), it is
 *      computed exactly and rounded half-even exactly; every exact tie is
 *      within that limit;
 *   2. else (irrational, or rational with more than 2^20 bits: not a tie)
 *      the enclosure is recomputed at 4x the precision while at most
 *      CD_SPOT_MAX_PREC bits (Ziv's strategy);
 *   3. if even that cannot decide, the nearest integer to the last
 *      approximation is returned: deterministic, and correct unless V lies
 *      within about 2^-40700 (relative) of a midpoint it is not on.
 * Everything is decided from exact integers and MPFR's correct rounding,
 * never from a double, so the result is the same on every platform.  MPFR
 * and GMP allocate: every variable is cleared before returning, and errors
 * are returned as a cd_error for the glue to raise afterwards.
 */
#include <string.h>

#include <gmp.h>
#include <mpfr.h>

#include "curve_kernels.h"
#include "curve_rational.h"
#include "curve_spot.h"

/* the first enclosure's precision beyond the printed digits' */
#define SPOT_BASE_PREC 640

/* bits of x (0 for 0) */
static long
bits_of(uint64_t x)
{
	long		n = 0;

	while (x != 0)
	{
		n++;
		x >>= 1;
	}
	return n;
}

/* x = mant / 10^scale of parameter i, each step to nearest (3 roundings) */
static void
set_param(mpfr_t x, const cd_curve *c, int i, mpfr_t tmp)
{
	mpz_t		view;

	mpfr_set_z(x, cd_curve_mpz_view(view, &c->param[i]), MPFR_RNDN);
	if (c->scale[i] > 0)
	{
		mpfr_set_ui(tmp, 10, MPFR_RNDN);
		mpfr_pow_ui(tmp, tmp, c->scale[i], MPFR_RNDN);
		mpfr_div(x, x, tmp, MPFR_RNDN);
	}
}

/*
 * A = V rounded through a fixed chain at precision p (a's own); returns k
 * with |V - A| <= |A| 2^k.  Each operation is correctly rounded to
 * nearest, a relative error of at most u = 2^-p, and with
 * rho = |ln(A / V)| the bound |V - A| <= |A| 1.01 rho holds for rho <= 0.01.
 *
 * exponential, A = RN(RN(ratio)^s) * RN(base) * 10^scale: ratio takes 3
 * roundings (mantissa, 10^q, quotient), raised to s; the power, the base
 * (3), the product, 10^scale and its product 7 more:
 *   rho <= 1.01 u (3 s + 7) <= 1.01 u 2^(bits(s) + 3), so k = bits(s) + 5 - p.
 * bancor, A = pow(X, E) * Y * R0 / S0 * 10^scale with Y = RN(N/D) = y (1 +
 * e1), E = RN(Y - 1), X = RN(RN(S) / S0): |E - (y - 1)| <= 2.01 y u, which
 * moves x^E by at most 2.01 y u |ln x| with |ln x| <= 256 ln 2 < 177.5
 * (S, S0 in [1, 2^256)); X's 2 roundings, raised to E <= y, add 2.02 y u;
 * the power, Y, the product, R0, S0, 10^scale and its product 7 more:
 *   rho <= u (359 y + 7.1) <= u 2^(bits(ceil y) + 9), so k = bits(ceil y) + 11 - p.
 * At S = 0 there is no logarithm to bound, and none is needed: E > 0 gives
 * pow(0, E) = 0 exactly, and y = 1 (rr = 1) gives Y = 1 and E = 0 exactly.
 */
static long
approximate(const cd_curve *c, const cd_u256 *s, int scale, mpfr_t a)
{
	mpfr_prec_t p = mpfr_get_prec(a);
	mpfr_t		b;
	mpfr_t		t;
	mpz_t		view;
	long		k;

	mpfr_inits2(p, b, t, (mpfr_ptr) 0);
	if (c->kind == CD_CURVE_EXPONENTIAL)
	{
		set_param(a, c, CD_EXP_RATIO, t);
		mpfr_pow_z(a, a, cd_curve_mpz_view(view, s), MPFR_RNDN);
		set_param(b, c, CD_EXP_BASE, t);
		mpfr_mul(a, a, b, MPFR_RNDN);
		k = (cd_u256_is_zero(s) ? 0 : (long) mpz_sizeinbase(cd_curve_mpz_view(view, s), 2)) + 5 - (long) p;
	}
	else
	{
		unsigned long yn;
		unsigned long yd;

		cd_curve_bancor_exponent(c, &yn, &yd);
		mpfr_set_ui(b, yn, MPFR_RNDN);
		mpfr_div_ui(b, b, yd, MPFR_RNDN);
		mpfr_sub_ui(t, b, 1, MPFR_RNDN);
		mpfr_set_z(a, cd_curve_mpz_view(view, s), MPFR_RNDN);
		mpfr_div_z(a, a, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDN);
		mpfr_pow(a, a, t, MPFR_RNDN);
		mpfr_mul(a, a, b, MPFR_RNDN);
		mpfr_mul_z(a, a, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), MPFR_RNDN);
		mpfr_div_z(a, a, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDN);
		k = bits_of((yn + yd - 1) / yd) + 11 - (long) p;
	}
	mpfr_set_ui(t, 10, MPFR_RNDN);
	mpfr_pow_ui(t, t, (unsigned long) scale, MPFR_RNDN);
	mpfr_mul(a, a, t, MPFR_RNDN);
	mpfr_clears(b, t, (mpfr_ptr) 0);
	return k;
}

/*
 * q = the integer nearest to V when [A - |A| 2^k, A + |A| 2^k] holds no
 * midpoint j + 1/2, i.e. no odd integer lies in [2 lo, 2 hi]; false when
 * it may (or the bound is too loose to use: 2^k above 2^-10).
 */
static bool
decide(mpfr_t a, long k, mpz_t q)
{
	mpfr_t		lo;
	mpfr_t		hi;
	mpz_t		up;
	mpz_t		down;
	bool		decided;

	if (!mpfr_number_p(a) || k > -10)
		return false;
	mpfr_inits2(mpfr_get_prec(a), lo, hi, (mpfr_ptr) 0);
	mpz_inits(up, down, (mpz_ptr) 0);
	mpfr_abs(hi, a, MPFR_RNDN);
	mpfr_mul_2si(hi, hi, k, MPFR_RNDU);
	mpfr_sub(lo, a, hi, MPFR_RNDD);
	mpfr_add(hi, a, hi, MPFR_RNDU);
	mpfr_mul_2ui(lo, lo, 1, MPFR_RNDD);
	mpfr_mul_2ui(hi, hi, 1, MPFR_RNDU);
	mpfr_get_z(up, lo, MPFR_RNDU);
	mpfr_get_z(down, hi, MPFR_RNDD);
	/* no integer in [2 lo, 2 hi], or only one and it is even */
	decided = mpz_cmp(up, down) > 0 || (mpz_cmp(up, down) == 0 && mpz_even_p(up));
	if (decided)
	{
		/* lo is no midpoint, so to nearest is unambiguous */
		mpfr_div_2ui(lo, lo, 1, MPFR_RNDN);
		mpfr_get_z(q, lo, MPFR_RNDN);
	}
	mpz_clears(up, down, (mpz_ptr) 0);
	mpfr_clears(lo, hi, (mpfr_ptr) 0);
	return decided;
}

/* the exact half-even rounding when V is rational within exact_bits */
static bool
decide_exact(const cd_curve *c, const cd_u256 *s, int scale, uint64_t exact_bits, mpz_t q)
{
	mpz_t		num;
	mpz_t		den;
	bool		exact;

	if (exact_bits == 0)
		return false;
	mpz_inits(num, den, (mpz_ptr) 0);
	exact = cd_curve_spot_rational(c, s, exact_bits, num, den) == CD_RATIONAL_EXACT;
	if (exact)
		cd_round_half_even(q, num, den, scale);
	mpz_clears(num, den, (mpz_ptr) 0);
	return exact;
}

/* Print q with scale decimals; false when it does not fit out. */
static bool
format_result(const mpz_t q, int scale, char *out, size_t outsize)
{
	char		digits[CD_CURVE_SPOT_LEN];
	size_t		len = mpz_sizeinbase(q, 10);

	if (len + 2 > sizeof(digits))
		return false;
	mpz_get_str(digits, 10, q);
	return cd_curve_format_fixed(digits, strlen(digits), scale, out, outsize);
}

/*
 * q = V rounded half-even, from the first approximation a and its bound k
 * (a is reused for the refinements); returns the stage that decided.
 */
static cd_spot_route
round_staged(const cd_curve *c, const cd_u256 *s, int scale, mpfr_t a, long k,
			 long max_prec, uint64_t exact_bits, mpz_t q)
{
	long		prec = (long) mpfr_get_prec(a);

	if (decide(a, k, q))
		return CD_SPOT_ENCLOSED;
	if (decide_exact(c, s, scale, exact_bits, q))
		return CD_SPOT_EXACT;
	while (prec <= max_prec / 4)
	{
		prec *= 4;
		mpfr_set_prec(a, prec);
		k = approximate(c, s, scale, a);
		if (decide(a, k, q))
			return CD_SPOT_REFINED;
	}
	/* finite: the first approximation was, and this one is within 2^-10 of it */
	mpfr_get_z(q, a, MPFR_RNDN);
	return CD_SPOT_NEAREST;
}

bool
cd_curve_spot_staged(const cd_curve *c, const cd_u256 *s, int scale,
					 const cd_spot_limits *lim, char *out, size_t outsize,
					 cd_spot_route *route, cd_error *err)
{
	long		prec = lim != NULL && lim->prec > 0 ? lim->prec : SPOT_BASE_PREC + cd_curve_pow10_bits((unsigned) scale);
	long		max_prec = lim != NULL ? lim->max_prec : CD_SPOT_MAX_PREC;
	uint64_t	exact_bits = lim != NULL ? lim->exact_bits : CD_SPOT_EXACT_BITS;
	cd_spot_route how = CD_SPOT_ENCLOSED;
	mpfr_t		a;
	mpz_t		q;
	long		k;
	bool		ok = false;

	if (scale < 0 || scale > CD_CURVE_MAX_SPOT_SCALE)
		return cd_fail(err, CD_ERR_PARAM, "scale must be between 0 and %d", CD_CURVE_MAX_SPOT_SCALE);
	mpfr_init2(a, prec < 64 ? 64 : prec);
	mpz_init(q);
	k = approximate(c, s, scale, a);
	/* the range is decided on the first approximation only: one rule */
	if (mpfr_number_p(a) && (mpfr_zero_p(a) || mpfr_get_exp(a) <= CD_SPOT_MAX_EXP))
	{
		how = round_staged(c, s, scale, a, k, max_prec, exact_bits, q);
		ok = format_result(q, scale, out, outsize);
	}
	mpz_clear(q);
	mpfr_clear(a);
	if (!ok)
	{
		cd_fail(err, CD_ERR_RANGE, "spot price is out of range");
		cd_error_detail(err, "The spot price times 10^scale must be below 2^%d.", CD_SPOT_MAX_EXP);
		return false;
	}
	if (route != NULL)
		*route = how;
	return true;
}

bool
cd_curve_spot_mpfr(const cd_curve *c, const cd_u256 *s, int scale, char *out, size_t outsize,
				   cd_error *err)
{
	return cd_curve_spot_staged(c, s, scale, NULL, out, outsize, NULL, err);
}
