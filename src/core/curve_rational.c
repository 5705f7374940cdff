/*
 * curve_rational.c - the exact spot price of exponential and bancor curves
 * where it is rational
 *
 * curve_spot.c rounds these kinds from an MPFR enclosure; when the
 * enclosure contains a rounding midpoint (an exact tie always does), the
 * value computed here decides.  Every exact tie is within reach of
 * max_bits = 2^20 (docs/bonding_curve.md, "Rounding of curve_spot_price",
 * has the bounds): a tie needs a value with at most scale + 1 decimals,
 * which caps the supply (exponential with a fractional ratio: ratio =
 * Q/10^q has q*s decimals, less at most 256 cancelled by the base), the
 * power of S0/gcd(S, S0) in bancor's denominator, or else the size of the
 * value (an integer ratio, or bancor with S0 | S: the value must print).
 * GMP allocates here; the caller clears num and den before raising.
 */
#include <limits.h>

#include "curve_rational.h"

/*
 * base * ratio^s = B Q^s / 10^(b + q s), with base = B/10^b and ratio =
 * Q/10^q: always rational; too large when Q^s takes more than max_bits
 * (10^(q s) is no larger, as ratio >= 1).
 */
static cd_rational_status
exp_rational(const cd_curve *c, const cd_u256 *s, uint64_t max_bits, mpz_t num, mpz_t den)
{
	mpz_t		vq;
	mpz_t		vb;
	mpz_t		t;
	mpz_srcptr	q = cd_curve_mpz_view(vq, &c->param[CD_EXP_RATIO]);
	uint64_t	n;
	uint64_t	digits;

	mpz_set(num, cd_curve_mpz_view(vb, &c->param[CD_EXP_BASE]));
	mpz_ui_pow_ui(den, 10, c->scale[CD_EXP_BASE]);
	/* ratio 1 (canonically "1"): the base at every supply, however large */
	if (mpz_cmp_ui(q, 1) == 0)
		return CD_RATIONAL_EXACT;
	if (!cd_u256_to_u64(s, &n) || n > max_bits / mpz_sizeinbase(q, 2))
		return CD_RATIONAL_TOO_LARGE;
	digits = (uint64_t) c->scale[CD_EXP_RATIO] * n;
	if (n > ULONG_MAX || digits > ULONG_MAX)
		return CD_RATIONAL_TOO_LARGE;
	mpz_init(t);
	mpz_pow_ui(t, q, (unsigned long) n);
	mpz_mul(num, num, t);
	mpz_ui_pow_ui(t, 10, (unsigned long) digits);
	mpz_mul(den, den, t);
	mpz_clear(t);
	return CD_RATIONAL_EXACT;
}

/* bits per unit of exponent of a power of b: none for 1 (x = 1 at S = S0 costs nothing) */
static uint64_t
power_bits(const mpz_t b)
{
	return mpz_cmp_ui(b, 1) <= 0 ? 0 : mpz_sizeinbase(b, 2);
}

/*
 * dR/dS = R0 * y * x^(y-1) / S0 with y = 1/rr = N/D in lowest terms and
 * x = S/S0.  y - 1 = a/D with a = N - D, and gcd(a, D) = gcd(N, D) = 1, so
 * for D > 1, x^(a/D) is rational exactly when x = P/Q in lowest terms has
 * P and Q both perfect D-th powers (a prime's exponent in P^a is divisible
 * by D only if it is in P).  Then the value is R0 N P'^a / (D S0 Q'^a).
 */
static cd_rational_status
bancor_rational(const cd_curve *c, const cd_u256 *s, uint64_t max_bits, mpz_t num, mpz_t den)
{
	mpz_t		vs;
	mpz_t		vs0;
	mpz_t		vr0;
	mpz_srcptr	sz = cd_curve_mpz_view(vs, s);
	mpz_srcptr	s0 = cd_curve_mpz_view(vs0, &c->param[CD_BANCOR_INITIAL_SUPPLY]);
	unsigned long yn;
	unsigned long yd;
	unsigned long a;
	mpz_t		p;
	mpz_t		q;
	cd_rational_status status = CD_RATIONAL_EXACT;

	cd_curve_bancor_exponent(c, &yn, &yd);
	a = yn - yd;
	mpz_mul_ui(num, cd_curve_mpz_view(vr0, &c->param[CD_BANCOR_INITIAL_RESERVE]), yn);
	mpz_mul_ui(den, s0, yd);
	/* rr = 1: R0 / S0 at every supply, 0 included */
	if (a == 0)
		return CD_RATIONAL_EXACT;
	if (mpz_sgn(sz) == 0)
	{
		mpz_set_ui(num, 0);
		mpz_set_ui(den, 1);
		return CD_RATIONAL_EXACT;
	}
	mpz_inits(p, q, (mpz_ptr) 0);
	mpz_gcd(p, sz, s0);
	mpz_divexact(q, s0, p);
	mpz_divexact(p, sz, p);
	if (yd > 1 && (!mpz_root(p, p, yd) || !mpz_root(q, q, yd)))
		status = CD_RATIONAL_IRRATIONAL;
	else if (a > max_bits / (power_bits(p) + power_bits(q) + 1))
		status = CD_RATIONAL_TOO_LARGE;
	else
	{
		mpz_pow_ui(p, p, a);
		mpz_pow_ui(q, q, a);
		mpz_mul(num, num, p);
		mpz_mul(den, den, q);
	}
	mpz_clears(p, q, (mpz_ptr) 0);
	return status;
}

cd_rational_status
cd_curve_spot_rational(const cd_curve *c, const cd_u256 *s, uint64_t max_bits, mpz_t num, mpz_t den)
{
	if (c->kind == CD_CURVE_EXPONENTIAL)
		return exp_rational(c, s, max_bits, num, den);
	if (c->kind == CD_CURVE_BANCOR)
		return bancor_rational(c, s, max_bits, num, den);
	/* the other kinds are exact in curve_exact.c; nothing to decide here */
	return CD_RATIONAL_TOO_LARGE;
}

void
cd_round_half_even(mpz_t q, const mpz_t num, const mpz_t den, int scale)
{
	mpz_t		n;
	mpz_t		r;
	int			cmp;

	mpz_inits(n, r, (mpz_ptr) 0);
	mpz_ui_pow_ui(n, 10, (unsigned long) scale);
	mpz_mul(n, n, num);
	mpz_fdiv_qr(q, r, n, den);
	/* compare the remainder with half the divisor: 2r against den */
	mpz_mul_2exp(r, r, 1);
	cmp = mpz_cmp(r, den);
	if (cmp > 0 || (cmp == 0 && mpz_odd_p(q)))
		mpz_add_ui(q, q, 1);
	mpz_clears(n, r, (mpz_ptr) 0);
}
