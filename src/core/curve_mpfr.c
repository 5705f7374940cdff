/*
 * curve_mpfr.c - the reserve of the irrational kinds, exponential and
 * bancor, with MPFR and directed rounding
 *
 * Every operation rounds towards a larger reserve (MPFR_RNDU, or RNDD for
 * a divisor), so the computed U(s) is never below the exact R(s).  The
 * working precision depends only on the curve's parameters, never on s:
 * each MPFR operation is correctly rounded and monotone in its inputs, so
 * U(s) is non-decreasing in s, and the result is the same bits on every
 * platform.  The precision is chosen so that U(s) - R(s) < 2^-30 for every
 * s whose reserve fits in uint256; reserve(s) = ceil(U(s)) is therefore
 * ceil(R(s)), or ceil(R(s)) + 1 when R(s) lies within that error below an
 * integer (never less).  Cheaper enclosures decide most supplies first
 * with exactly the same result: curve_enclose.c's tables for both kinds,
 * then for bancor's general power cd_curve_bancor_enclosed below.  MPFR allocates, so every variable is cleared before
 * returning; no PostgreSQL code runs in between.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>
#include <mpfr.h>

#include "bignat.h"
#include "curve_kernels.h"

/* x = 10^q exactly (5^q has fewer than 2.33q bits; the precision is larger). */
static void
set_pow10(mpfr_t x, unsigned q)
{
	mpfr_set_ui(x, 10, MPFR_RNDN);
	mpfr_pow_ui(x, x, q, MPFR_RNDN);
}

/* x = parameter i of c, as mant / 10^scale, rounded in direction rnd. */
static void
set_param(mpfr_t x, const cd_curve *c, int i, mpfr_rnd_t rnd, mpfr_prec_t prec)
{
	mpz_t		view;

	mpfr_set_z(x, cd_curve_mpz_view(view, &c->param[i]), rnd);
	if (c->scale[i] > 0)
	{
		mpfr_t		p10;

		mpfr_init2(p10, prec);
		set_pow10(p10, c->scale[i]);
		mpfr_div(x, x, p10, rnd);
		mpfr_clear(p10);
	}
}

/* *out = ceil(u) when it fits in uint256; u is >= 0. */
static bool
ceil_u256(mpfr_t u, cd_u256 *out)
{
	mpz_t		z;
	bool		ok;

	if (!mpfr_number_p(u) || (!mpfr_zero_p(u) && mpfr_get_exp(u) > 256))
		return false;
	mpz_init(z);
	mpfr_get_z(z, u, MPFR_RNDU);
	ok = mpz_sizeinbase(z, 2) <= 256;
	if (ok)
	{
		size_t		i;

		cd_u256_zero(out);
		for (i = 0; i < mpz_size(z) && i < CD_U256_LIMBS; i++)
			out->limb[i] = mpz_getlimbn(z, (mp_size_t) i);
	}
	mpz_clear(z);
	return ok;
}

/* Precision for an exponential curve: see the error bound in the header. */
static mpfr_prec_t
exp_precision(const cd_curve *c)
{
	return 320 + 2 * cd_curve_pow10_bits(c->scale[CD_EXP_RATIO]);
}

/* true when ratio is exactly 1 */
static bool
ratio_is_one(const cd_curve *c)
{
	cd_nat		r;
	cd_nat		one;

	cd_nat_set_u256(&r, &c->param[CD_EXP_RATIO]);
	cd_nat_pow10(&one, c->scale[CD_EXP_RATIO]);
	return cd_nat_cmp(&r, &one) == 0;
}

/* ceil(base * s / 10^b) exactly, for ratio = 1 */
static bool
exp_linear_reserve(const cd_curve *c, const cd_u256 *s, cd_u256 *out)
{
	cd_nat		num;
	cd_nat		den;
	cd_nat		ns;
	cd_nat		q;

	cd_nat_set_u256(&num, &c->param[CD_EXP_BASE]);
	cd_nat_set_u256(&ns, s);
	cd_nat_mul(&q, &num, &ns);
	cd_nat_pow10(&den, c->scale[CD_EXP_BASE]);
	return cd_nat_cdiv(&num, &q, &den) && cd_nat_get_u256(&num, out);
}

/* cd_nat bits spent on ratio^s by the exact small-supply path */
#define EXP_EXACT_BITS 3200

/*
 * The largest supply whose exponential reserve is computed exactly: ratio^s
 * = Q^s / 10^(q s) needs s * bits(Q) bits, kept under EXP_EXACT_BITS so every
 * intermediate fits a cd_nat.  It depends on the curve only, so reserve(s)
 * stays a function of s: exact up to it, MPFR above, and non-decreasing
 * across the switch (ceil(R(T)) <= ceil(R(T+1)) <= ceil(U(T+1))).
 */
static uint64_t
exp_exact_limit(const cd_curve *c)
{
	cd_nat		q;

	cd_nat_set_u256(&q, &c->param[CD_EXP_RATIO]);
	return EXP_EXACT_BITS / cd_nat_bits(&q);
}

/* r = a^e by squaring; false if it does not fit a cd_nat */
static bool
nat_pow(cd_nat *r, const cd_nat *a, uint64_t e)
{
	cd_nat		base = *a;
	cd_nat		t;

	cd_nat_set_u64(r, 1);
	while (e > 0)
	{
		if (e & 1)
		{
			if (!cd_nat_mul(&t, r, &base))
				return false;
			*r = t;
		}
		e >>= 1;
		if (e > 0)
		{
			if (!cd_nat_mul(&t, &base, &base))
				return false;
			base = t;
		}
	}
	return true;
}

/*
 * Exact exponential reserve for a small supply s: with ratio = Q/P, P = 10^q,
 * and base = B/10^b, R(s) = B (Q^s - P^s) / (10^b P^(s-1) (Q - P)).
 */
static bool
exp_exact_reserve(const cd_curve *c, uint64_t s, cd_u256 *out)
{
	unsigned	q = c->scale[CD_EXP_RATIO];
	cd_nat		qn;
	cd_nat		qs;
	cd_nat		ps;
	cd_nat		num;
	cd_nat		den;
	cd_nat		t;

	cd_nat_set_u256(&qn, &c->param[CD_EXP_RATIO]);
	if (!nat_pow(&qs, &qn, s) || !cd_nat_pow10(&ps, q * (unsigned) s) ||
		!cd_nat_sub(&t, &qs, &ps))
		return false;
	cd_nat_set_u256(&num, &c->param[CD_EXP_BASE]);
	if (!cd_nat_mul(&qs, &num, &t))
		return false;
	/* den = 10^(b + q (s - 1)) * (Q - P) */
	if (!cd_nat_pow10(&ps, q) || !cd_nat_sub(&t, &qn, &ps) ||
		!cd_nat_mul_pow10(&den, &t, c->scale[CD_EXP_BASE] + q * (unsigned) (s - 1)))
		return false;
	return cd_nat_cdiv(&num, &qs, &den) && cd_nat_get_u256(&num, out);
}

/*
 * The MPFR path's constants, at the curve's precision (initialises r, f
 * and t): r = ratio rounded up, f = base / (ratio - 1) rounded up with
 * ratio - 1 rounded down.
 */
static void
exp_constants(const cd_curve *c, mpfr_t r, mpfr_t f, mpfr_t t)
{
	mpfr_prec_t prec = exp_precision(c);

	mpfr_inits2(prec, r, f, t, (mpfr_ptr) 0);
	cd_curve_exp_ratio_minus_one(f, c);
	/* f = base_up / f, rounded up */
	set_param(t, c, CD_EXP_BASE, MPFR_RNDU, prec);
	mpfr_div(f, t, f, MPFR_RNDU);
	set_param(r, c, CD_EXP_RATIO, MPFR_RNDU, prec);
}

/*
 * exponential: unit i costs base * ratio^i, R(s) = base (ratio^s - 1) /
 * (ratio - 1), or base * s when ratio = 1 (then exact).  The n supplies
 * share the curve's constants (ratio rounded up, and base / (ratio - 1)
 * rounded up with ratio - 1 rounded down); each supply then goes through
 * the same operations whatever n is, so reserve(s) depends on s alone.
 * Above the exact small supplies, cd_curve_exponential_enclosed()
 * (curve_enclose.c) decides most supplies first, with the same result
 * at a fraction of the cost; enclose = false skips it (for the tests that
 * compare the two), and the constants are computed only when needed.
 * *bad is the index of a supply whose reserve is out of range.
 */
static bool
exp_reserves(const cd_curve *c, const cd_u256 *const *s, int n, cd_u256 *out, int *bad,
			 bool enclose)
{
	mpfr_t		r;
	mpfr_t		f;
	mpfr_t		t;
	mpz_t		view;
	uint64_t	exact_limit;
	int			i;
	bool		ready = false;
	bool		ok = true;

	if (ratio_is_one(c))
	{
		for (i = 0; i < n; i++)
			if (!exp_linear_reserve(c, s[i], &out[i]))
			{
				*bad = i;
				return false;
			}
		return true;
	}
	exact_limit = exp_exact_limit(c);
	for (i = 0; i < n && ok; i++)
	{
		uint64_t	small;

		if (cd_u256_is_zero(s[i]))
		{
			cd_u256_zero(&out[i]);
			continue;
		}
		if (cd_u256_to_u64(s[i], &small) && small <= exact_limit)
		{
			if (!exp_exact_reserve(c, small, &out[i]))
			{
				*bad = i;
				ok = false;
			}
			continue;
		}
		if (enclose && cd_curve_exponential_enclosed(c, s[i], &out[i]))
			continue;
		if (!ready)
		{
			exp_constants(c, r, f, t);
			ready = true;
		}
		/* U = (ratio_up^s - 1) * f, every step rounded up */
		if (cd_u256_to_u64(s[i], &small) && small <= (uint64_t) ULONG_MAX)
			mpfr_pow_ui(t, r, (unsigned long) small, MPFR_RNDU);
		else
			mpfr_pow_z(t, r, cd_curve_mpz_view(view, s[i]), MPFR_RNDU);
		mpfr_sub_ui(t, t, 1, MPFR_RNDU);
		mpfr_mul(t, t, f, MPFR_RNDU);
		if (!ceil_u256(t, &out[i]))
		{
			*bad = i;
			ok = false;
		}
	}
	if (ready)
		mpfr_clears(r, f, t, (mpfr_ptr) 0);
	return ok;
}

/* integer exponents up to this are computed exactly (S^14 * R0 fits cd_nat) */
#define BANCOR_EXACT_MAX 14

/*
 * 1/reserve_ratio = 10^q / m as an integer when it is one (rr = 1, 0.5,
 * 0.25, 0.2, 0.125 ...), else 0.
 */
static unsigned
bancor_integer_exponent(const cd_curve *c, unsigned limit)
{
	uint64_t	m = (uint64_t) c->param[CD_BANCOR_RESERVE_RATIO].limb[0];
	uint64_t	p = 1;
	unsigned	q;

	for (q = 0; q < c->scale[CD_BANCOR_RESERVE_RATIO]; q++)
		p *= 10;
	if (m == 0 || p % m != 0 || p / m > limit)
		return 0;
	return (unsigned) (p / m);
}

/* R0 * S^y / S0^y, rounded up, for an integer y */
static bool
bancor_exact_reserve(const cd_curve *c, const cd_u256 *s, unsigned yint, cd_u256 *out)
{
	cd_nat		ns;
	cd_nat		s0;
	cd_nat		num;
	cd_nat		den;
	cd_nat		tmp;
	unsigned	j;

	cd_nat_set_u256(&ns, s);
	cd_nat_set_u256(&s0, &c->param[CD_BANCOR_INITIAL_SUPPLY]);
	cd_nat_set_u256(&num, &c->param[CD_BANCOR_INITIAL_RESERVE]);
	cd_nat_set_u64(&den, 1);
	for (j = 0; j < yint; j++)
	{
		if (!cd_nat_mul(&tmp, &num, &ns))
			return false;
		num = tmp;
		if (!cd_nat_mul(&tmp, &den, &s0))
			return false;
		den = tmp;
	}
	return cd_nat_cdiv(&tmp, &num, &den) && cd_nat_get_u256(&tmp, out);
}

/* limits of the root path: x^num stays cheap, the root is Newton's */
#define BANCOR_ROOT_MAX 1000
#define BANCOR_POWER_MAX 1000000

/* the documented bound of the full-precision path: R(s) <= U(s) < R(s) + 2^-FULL_ERROR_BITS */
#define FULL_ERROR_BITS 30
/* the full path's precision: y <= 10^6 needs 20 bits more than 320 (see the header) */
#define BANCOR_FULL_PREC (320 + 24)

/*
 * A cheap enclosure of the bancor reserve that decides ceil(U(s)) of the
 * full-precision path without running it, in most cases.
 *
 * Write y = 1/rr = N/D = n + d with n = floor(y) and 0 <= d < 1, so that
 * x^y = x^n * exp(d ln x).  At a precision p sized to the reserve (about
 * 96 bits for an 18-decimal reserve instead of 344), one upward chain
 *   R_u = R0_up * x_up^n * exp(d_sel * log(x_up))
 * is >= R(s) (every step rounds up, and d is rounded up when the log is
 * >= 0 and down when it is negative).  Its excess is bounded analytically;
 * with u = 2^(1-p) and L = |ln x|:
 *   x_up <= x (1+u)^2 / (1-u), so x_up^n rounded up <= x^n e^(3.01 n u) (1+u);
 *   the log runs at p_l = p - z bits with 2^z <= 1/d, so its error times d
 *   is at most u (L + 0.01): the fraction needs fewer bits, and the log is
 *   the expensive step;
 *   |d_sel - d| <= u d, and the product and exp err by u relatively,
 *   so t = d_sel * log(x_up) exceeds d ln x by at most u (3.03 L + 3.12);
 *   with four more roundings (exp, two products, R0), in all
 *   R_u / R - 1 <= u (3.1 n + 3.1 L + 8.2) <= u K / 2,
 *   K = 2 (4 n + 4 Lb + 12), Lb = |bits(s) - bits(S0)| + 2 >= L.
 * Hence R(s) lies in [R_u - E, R_u] with E = R_u K u (a factor 2 to
 * spare).  If k - 1 < R_u - E and R_u + 2^-30 <= k for the integer k, then
 * R(s) is in (k - 1, k - 2^-30], the full path's U(s), in
 * [R(s), R(s) + 2^-30), lies in (k - 1, k), and ceil(U(s)) = k: the
 * enclosure returns exactly what the full path would, so reserve(s) keeps
 * every property of the full path (monotone, the same on every platform)
 * whichever route decides.  Returns false when it cannot decide (R(s)
 * within the error of an integer, or out of range); the caller then runs
 * the full path.
 */
bool
cd_curve_bancor_enclosed(const cd_curve *c, const cd_u256 *s, cd_u256 *out)
{
	mpz_t		view;
	unsigned long num;
	unsigned long den;
	unsigned long n;
	unsigned long dnum;
	long		sbits = (long) mpz_sizeinbase(cd_curve_mpz_view(view, s), 2);
	long		s0bits = (long) mpz_sizeinbase(cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), 2);
	long		r0bits = (long) mpz_sizeinbase(cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), 2);
	unsigned long lb = (unsigned long) labs(sbits - s0bits) + 2;
	unsigned long k;
	long		rbits;
	long		kbits = 0;
	long		z = 0;
	mpfr_prec_t prec;
	mpfr_prec_t log_prec;
	mpfr_t		x;
	mpfr_t		l;
	mpfr_t		t;
	mpfr_t		e;
	mpfr_t		n0;
	mpfr_t		n1;
	bool		decided = false;

	cd_curve_bancor_exponent(c, &num, &den);
	n = num / den;
	dnum = num - n * den;		/* d = dnum / den */
	if (dnum == 0)
		return false;			/* an integer exponent has its own paths */
	k = 2 * (4 * n + 4 * lb + 12);
	while ((k >> kbits) != 0)
		kbits++;
	/* x < 2^(sbits - s0bits + 1), so R < R0 * 2^(ceil(y) (sbits - s0bits + 1)) */
	rbits = r0bits + (long) (n + 1) * (sbits - s0bits + 1 > 0 ? sbits - s0bits + 1 : 0) + 1;
	prec = (mpfr_prec_t) (rbits + kbits + 20);
	if (prec < 64)
		prec = 64;
	if (prec >= BANCOR_FULL_PREC)
		return false;
	/* z = floor(log2(1/d)) at most: 2^z <= den / dnum */
	while ((dnum << (z + 1)) <= den)
		z++;
	log_prec = prec - z > 32 ? prec - z : 32;
	mpfr_inits2(prec, x, t, e, (mpfr_ptr) 0);
	mpfr_init2(l, log_prec);
	/* n0 and n1 hold integers up to 2^257 exactly */
	mpfr_inits2(prec > 260 ? prec : 260, n0, n1, (mpfr_ptr) 0);

	/* x = s_up / S0_down, up */
	mpfr_set_z(x, cd_curve_mpz_view(view, s), MPFR_RNDU);
	mpfr_set_z(t, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDD);
	mpfr_div(x, x, t, MPFR_RNDU);
	/* t = d_sel * log(x), up, with d rounded so that the product only grows */
	mpfr_log(l, x, MPFR_RNDU);
	mpfr_set_ui(t, dnum, MPFR_RNDN);	/* exact: dnum < 2^32 */
	mpfr_div_ui(t, t, den, mpfr_sgn(l) >= 0 ? MPFR_RNDU : MPFR_RNDD);
	mpfr_mul(t, t, l, MPFR_RNDU);
	mpfr_exp(t, t, MPFR_RNDU);
	/* t = R_u = x^n * exp(...) * R0_up */
	mpfr_pow_ui(e, x, n, MPFR_RNDU);
	mpfr_mul(t, t, e, MPFR_RNDU);
	mpfr_set_z(e, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), MPFR_RNDU);
	mpfr_mul(t, t, e, MPFR_RNDU);
	if (mpfr_number_p(t) && mpfr_get_exp(t) <= 256)
	{
		/* e = E = R_u * K * 2^(1 - p), up; x = R_u - E, down; l = R_u + 2^-30, up */
		mpfr_mul_ui(e, t, k, MPFR_RNDU);
		mpfr_mul_2si(e, e, 1 - (long) prec, MPFR_RNDU);
		mpfr_sub(x, t, e, MPFR_RNDD);
		mpfr_set_ui_2exp(n1, 1, -FULL_ERROR_BITS, MPFR_RNDN);
		mpfr_add(n1, t, n1, MPFR_RNDU);
		/* n0 = k = ceil(R_u + 2^-30); decided when R_u - E > k - 1 */
		mpfr_ceil(n0, n1);
		mpfr_sub_ui(n1, n0, 1, MPFR_RNDN);
		if (mpfr_cmp(x, n1) > 0)
			decided = ceil_u256(n0, out);
	}
	mpfr_clears(x, l, t, e, n0, n1, (mpfr_ptr) 0);
	return decided;
}

/*
 * bancor: R(S) = R0 * (S / S0)^(1/rr).  For an integer 1/rr up to 14 this
 * is rational and computed exactly; otherwise with MPFR as described at
 * the top of the file.  The exponent y = 1/rr is rounded up when the base
 * x = S/S0 (rounded up) is at least 1 and down when it is below 1, so
 * x^y only grows, and the two pieces meet at x = 1 without a step down.
 * With the general power, cd_curve_bancor_enclosed() decides most supplies
 * first at a fraction of the cost, with the same result; enclose = false
 * skips it (for the tests that compare the two).
 */
static bool
bancor_reserves(const cd_curve *c, const cd_u256 *const *s, int n, cd_u256 *out, int *bad,
				bool enclose)
{
	unsigned	yint;
	unsigned long num;
	unsigned long den;
	bool		root;
	bool		ready = false;
	mpfr_t		x;
	mpfr_t		y_up;
	mpfr_t		y_dn;
	mpfr_t		s0;
	mpfr_t		t;
	mpz_t		view;
	int			i;
	bool		ok = true;

	yint = bancor_integer_exponent(c, BANCOR_EXACT_MAX);
	if (yint > 0)
	{
		for (i = 0; i < n; i++)
			if (!bancor_exact_reserve(c, s[i], yint, &out[i]))
			{
				*bad = i;
				return false;
			}
		return true;
	}
	cd_curve_bancor_exponent(c, &num, &den);
	/*
	 * y = num/den with a small denominator: x^num then the den-th root,
	 * both correctly rounded upward and monotone, and y itself exact;
	 * about ten times faster than the general power.  Otherwise y = 10^q/m
	 * rounded up (for x >= 1) and down (for x < 1).
	 */
	root = den <= BANCOR_ROOT_MAX && num <= BANCOR_POWER_MAX;
	for (i = 0; i < n && ok; i++)
	{
		if (cd_u256_is_zero(s[i]))
		{
			cd_u256_zero(&out[i]);
			continue;
		}
		if (enclose && cd_curve_bancor_series(c, s[i], &out[i]))
			continue;
		if (!root && enclose && cd_curve_bancor_enclosed(c, s[i], &out[i]))
			continue;
		if (!ready)
		{
			mpfr_inits2(BANCOR_FULL_PREC, x, y_up, y_dn, s0, t, (mpfr_ptr) 0);
			mpfr_set_z(s0, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDD);
			if (!root)
			{
				set_pow10(y_up, c->scale[CD_BANCOR_RESERVE_RATIO]);
				mpfr_div_z(y_up, y_up, cd_curve_mpz_view(view, &c->param[CD_BANCOR_RESERVE_RATIO]), MPFR_RNDU);
				set_pow10(y_dn, c->scale[CD_BANCOR_RESERVE_RATIO]);
				mpfr_div_z(y_dn, y_dn, cd_curve_mpz_view(view, &c->param[CD_BANCOR_RESERVE_RATIO]), MPFR_RNDD);
			}
			ready = true;
		}
		mpfr_set_z(x, cd_curve_mpz_view(view, s[i]), MPFR_RNDU);
		mpfr_div(x, x, s0, MPFR_RNDU);
		if (root)
		{
			mpfr_pow_ui(t, x, num, MPFR_RNDU);
			mpfr_rootn_ui(t, t, den, MPFR_RNDU);
		}
		else
			mpfr_pow(t, x, mpfr_cmp_ui(x, 1) >= 0 ? y_up : y_dn, MPFR_RNDU);
		mpfr_mul_z(t, t, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), MPFR_RNDU);
		if (!ceil_u256(t, &out[i]))
		{
			*bad = i;
			ok = false;
		}
	}
	if (ready)
		mpfr_clears(x, y_up, y_dn, s0, t, (mpfr_ptr) 0);
	return ok;
}

/* The reserves of s[0..n-1] on an exponential or bancor curve. */
static bool
mpfr_reserves(const cd_curve *c, const cd_u256 *const *s, int n, cd_u256 *out, int *bad,
			  bool enclose)
{
	if (c->kind == CD_CURVE_EXPONENTIAL)
		return exp_reserves(c, s, n, out, bad, enclose);
	return bancor_reserves(c, s, n, out, bad, enclose);
}

bool
cd_curve_reserve_mpfr(const cd_curve *c, const cd_u256 *s, bool enclose, cd_u256 *out, cd_error *err)
{
	int			bad = 0;

	if (!mpfr_reserves(c, &s, 1, out, &bad, enclose))
		return cd_curve_reserve_overflow(s, err);
	return true;
}

/*
 * Two reserves of an exponential or bancor curve at once, sharing the
 * constants (same results as two single calls).
 */
bool
cd_curve_reserve_pair_mpfr(const cd_curve *c, const cd_u256 *s1, const cd_u256 *s2,
						   cd_u256 *out1, cd_u256 *out2, cd_error *err)
{
	const cd_u256 *s[2] = {s1, s2};
	cd_u256		out[2];
	int			bad = 0;

	if (!mpfr_reserves(c, s, 2, out, &bad, true))
		return cd_curve_reserve_overflow(s[bad], err);
	*out1 = out[0];
	*out2 = out[1];
	return true;
}
