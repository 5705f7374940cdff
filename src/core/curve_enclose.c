/*
 * curve_enclose.c - cheap, proven enclosures of the exponential and bancor
 * reserves that decide ceil(U(s)) of the MPFR path without running it
 *
 * Both compute C with |C - R(s)| < E = 2^-40 in fixed point (GMP mpn and
 * tables of correctly rounded MPFR values, never a double) and return k =
 * floor(C) + 1 only when that proves the MPFR path returns k (decide_fixed);
 * otherwise the caller runs the next stage.  Bancor's series is described
 * above cd_curve_bancor_series; the exponential's here.
 *
 * Exponential: R(s) = f (r^s - 1) with r = ratio = Q/10^q and f = base /
 * (r - 1).  The MPFR path (curve_mpfr.c) returns ceil(U(s)) with R(s) <=
 * U(s) < R(s) + 2^-30.  Here, for 0 < s < 2^32, f r^s is the product of at
 * most four table entries, one per base-256 digit j of s: f r^j for the
 * lowest digit (f folded in, j = 0 included), r^(j 256^k) for the others
 * that are not 0, each a 320-bit mantissa rounded up; minus f, in fixed
 * point: at most three mpn multiplications of five limbs instead of a
 * 350-bit power.
 *
 * The bound (docs/bonding_curve.md, "How an irrational reserve is
 * decided").  With d = 2^-319 (one unit in the last place of a normalised
 * 320-bit mantissa, relatively) and u = 2^-383 (the 384-bit precision the
 * entries are computed at): an entry is RU320(RU384(RU384(r)^e)) with e <
 * 2^32, times RU384(f) (three 384-bit roundings) rounded up once more for
 * the lowest digit, so f r^e <= T <= f r^e (1+u)^(e+6) (1+d) <= f r^e (1 +
 * 1.001 d) (likewise r^e for the others); f_up, kept for the subtraction,
 * is RU320(RU384(f)), f <= f_up <= f (1 + 1.001 d); each of the (at most
 * three) products rounds up by at most one unit, a factor (1 + d).  So W =
 * prod T satisfies f r^s <= W <= f r^s (1 + 7.1 d).  C = W - f_up then
 * differs from R = f r^s - f by at most 7.1 d W, and its 64-bit fixed-point
 * form C' (each term floored) by less than 2^-64 more.  W < 2^258 is
 * required (else the MPFR path decides), so |C' - R| < 7.1 * 2^-61 + 2^-64
 * < 2^-57 < E = 2^-40, and decide_fixed returns k = floor(C') + 1 exactly
 * when that proves the MPFR path returns k.  Otherwise (R near an integer,
 * a supply of 2^32 or more, W too large) the caller runs the MPFR path.
 *
 * The table depends on the curve, so it is cached for the curve of the
 * previous call, one curve per process (a backend is single-threaded):
 * a call with another curve only records it and returns false, so a
 * workload that alternates curves pays nothing but that comparison, and
 * one that repeats a curve fills each entry once, when first needed.  The
 * cache is plain limbs in static memory: nothing is allocated between
 * calls, and the MPFR variables of a fill are cleared before returning.
 */
#include <string.h>

#include <gmp.h>
#include <mpfr.h>

#include "bignat.h"
#include "curve_kernels.h"

/* limbs of a mantissa and its bits */
#define EL 5
#define EBITS (64 * EL)
/* the precision the entries and f are computed at before rounding to EBITS */
#define BUILD_PREC (EBITS + 64)
/* supplies below 2^(DIGIT_BITS * DIGITS) */
#define DIGIT_BITS 8
#define DIGIT_COUNT (1 << DIGIT_BITS)
#define DIGITS 4
/* W below 2^MAX_W_BITS; the decision margin E = 2^-MARGIN_BITS */
#define MAX_W_BITS 258
#define MARGIN_BITS 40
/* the MPFR path's bound: U(s) < R(s) + 2^-FULL_BITS */
#define FULL_BITS 30

/* m * 2^e, with the top bit of m set */
typedef struct fp
{
	mp_limb_t	m[EL];
	long		e;
} fp;

/* which curve a cache holds, and whether its constants are computed */
typedef struct curve_key
{
	bool		keyed;			/* curve holds the previous call's curve */
	bool		ready;			/* the constants are computed for it */
	bool		usable;			/* and the enclosure applies to it */
	cd_curve	curve;
} curve_key;

static struct
{
	curve_key	key;
	fp			f;				/* base / (ratio - 1), rounded up */
	uint8_t		have[DIGITS][DIGIT_COUNT / 8];
	fp			table[DIGITS][DIGIT_COUNT];	/* r^(j 256^k), f r^j for k = 0; up */
} exp_cache;

/*
 * true when c is the curve of the previous call; else records it (its
 * constants not computed yet) and the caller clears its table
 */
static bool
key_hit(curve_key *k, const cd_curve *c)
{
	if (k->keyed && memcmp(&k->curve, c, sizeof(cd_curve)) == 0)
		return true;
	k->curve = *c;
	k->keyed = true;
	k->ready = false;
	return false;
}

/* *x = v rounded up to EBITS bits; v > 0 and finite */
static void
fp_set_up(fp *x, const mpfr_t v)
{
	mpfr_t		r;
	mpz_t		z;
	size_t		i;

	mpfr_init2(r, EBITS);
	mpz_init(z);
	mpfr_set(r, v, MPFR_RNDU);
	x->e = (long) mpfr_get_z_2exp(z, r);
	/* an EBITS-bit integer (scaled up should MPFR strip trailing zeros) */
	if (mpz_sizeinbase(z, 2) < EBITS)
	{
		x->e -= (long) (EBITS - mpz_sizeinbase(z, 2));
		mpz_mul_2exp(z, z, EBITS - mpz_sizeinbase(z, 2));
	}
	for (i = 0; i < EL; i++)
		x->m[i] = mpz_getlimbn(z, (mp_size_t) i);
	mpz_clear(z);
	mpfr_clear(r);
}

/* *r = a * b rounded up: at most one unit of the mantissa above */
static void
fp_mul_up(fp *r, const fp *a, const fp *b)
{
	mp_limb_t	p[2 * EL];
	long		e = a->e + b->e + EBITS;

	mpn_mul_n(p, a->m, b->m, EL);
	if ((p[2 * EL - 1] >> (GMP_NUMB_BITS - 1)) == 0)
	{
		mpn_lshift(p, p, 2 * EL, 1);
		e--;
	}
	/* the upper half, truncated, plus one unit */
	memcpy(r->m, p + EL, sizeof(r->m));
	if (mpn_add_1(r->m, r->m, EL, 1) != 0)
	{
		memset(r->m, 0, sizeof(r->m));
		r->m[EL - 1] = (mp_limb_t) 1 << (GMP_NUMB_BITS - 1);
		e++;
	}
	r->e = e;
}

/* out[0..EL] = floor(x * 2^64), for x below 2^MAX_W_BITS */
static void
fp_to_fixed(const fp *x, mp_limb_t out[EL + 1])
{
	long		sh = x->e + 64;

	memset(out, 0, (EL + 1) * sizeof(mp_limb_t));
	/* below 2^MAX_W_BITS, sh <= MAX_W_BITS - EBITS + 64 = 2 */
	if (sh > 0)
		out[EL] = mpn_lshift(out, x->m, EL, (unsigned) sh);
	else if (sh == 0)
		memcpy(out, x->m, sizeof(x->m));
	else if (-sh < EBITS)
	{
		long		limbs = -sh / 64;
		unsigned	bits = (unsigned) (-sh % 64);

		if (bits == 0)
			memcpy(out, x->m + limbs, (size_t) (EL - limbs) * sizeof(mp_limb_t));
		else
			mpn_rshift(out, x->m + limbs, EL - limbs, bits);
	}
}

/*
 * *out = k = floor(C') + 1 when the fraction of C' = wx / 2^64 lies in
 * [E, 1 - E - 2^-30]: if |C' - R| < E, then R is in (k - 1, k - 2^-30], the
 * MPFR path's U in (k - 1, k), and its result k.  For k = 1 the lower
 * check is not needed, as R > 0 for every supply above 0 (so U > 0).
 * false otherwise, or when k does not fit 256 bits.
 */
static bool
decide_fixed(const mp_limb_t wx[EL + 1], cd_u256 *out)
{
	mp_limb_t	low = wx[0];
	bool		k_is_one = mpn_zero_p(wx + 1, EL);

	if ((low < ((mp_limb_t) 1 << (64 - MARGIN_BITS)) && !k_is_one) ||
		low > ~(mp_limb_t) 0 - ((mp_limb_t) 1 << (64 - MARGIN_BITS)) - ((mp_limb_t) 1 << (64 - FULL_BITS)) + 1)
		return false;
	return wx[EL] == 0 && mpn_add_1(out->limb, wx + 1, CD_U256_LIMBS, 1) == 0;
}

/* r = ratio rounded up at BUILD_PREC (one rounding: Q and 10^q are exact) */
static void
ratio_up(mpfr_t r, const cd_curve *c, mpfr_t tmp)
{
	mpz_t		view;

	mpfr_set_z(r, cd_curve_mpz_view(view, &c->param[CD_EXP_RATIO]), MPFR_RNDU);
	mpfr_ui_pow_ui(tmp, 10, c->scale[CD_EXP_RATIO], MPFR_RNDN);
	mpfr_div(r, r, tmp, MPFR_RNDU);
}

/*
 * f = base / (ratio - 1) at BUILD_PREC (f's own), rounded up: base and
 * ratio - 1 each one rounding (their integers and powers of ten are exact),
 * the quotient one; false when it is not a positive number (ratio 1, which
 * curve_mpfr.c computes exactly, or base 0)
 */
static bool
f_up(mpfr_t f, const cd_curve *c)
{
	mpfr_t		t;
	mpfr_t		p10;
	mpz_t		view;

	mpfr_inits2(BUILD_PREC, t, p10, (mpfr_ptr) 0);
	cd_curve_exp_ratio_minus_one(f, c);
	mpfr_set_z(t, cd_curve_mpz_view(view, &c->param[CD_EXP_BASE]), MPFR_RNDU);
	mpfr_ui_pow_ui(p10, 10, c->scale[CD_EXP_BASE], MPFR_RNDN);
	mpfr_div(t, t, p10, MPFR_RNDU);
	mpfr_div(f, t, f, MPFR_RNDU);
	mpfr_clears(t, p10, (mpfr_ptr) 0);
	return mpfr_regular_p(f) && mpfr_sgn(f) > 0;
}

/* exp_cache.f = f rounded up to EBITS bits; false as f_up */
static bool
fill_f(const cd_curve *c)
{
	mpfr_t		f;
	bool		ok;

	mpfr_init2(f, BUILD_PREC);
	ok = f_up(f, c);
	if (ok)
		fp_set_up(&exp_cache.f, f);
	mpfr_clear(f);
	return ok;
}

/*
 * exp_cache.table[k][j] = r^(j 256^k) rounded up: RU384(r), its power, to
 * EBITS; for k = 0, f r^j (j = 0 included: f), the power times f_up rounded
 * up once more, so that f costs no product per call
 */
static void
fill_entry(const cd_curve *c, int k, unsigned j)
{
	mpfr_t		r;
	mpfr_t		t;

	mpfr_inits2(BUILD_PREC, r, t, (mpfr_ptr) 0);
	ratio_up(r, c, t);
	mpfr_pow_ui(t, r, (unsigned long) j << (DIGIT_BITS * k), MPFR_RNDU);
	if (k == 0)
	{
		f_up(r, c);
		mpfr_mul(t, t, r, MPFR_RNDU);
	}
	fp_set_up(&exp_cache.table[k][j], t);
	mpfr_clears(r, t, (mpfr_ptr) 0);
	exp_cache.have[k][j / 8] |= (uint8_t) (1u << (j % 8));
}

/*
 * true, with *out = ceil(U(s)) of the MPFR path, when the enclosure
 * decides (see the top of the file); false when the MPFR path must: a
 * curve other than the previous call's, ratio 1, s = 0 or s >= 2^32, W too
 * large, or R(s) within 2^-40 of an integer (or 2^-30 below one).
 */
bool
cd_curve_exponential_enclosed(const cd_curve *c, const cd_u256 *s, cd_u256 *out)
{
	uint64_t	n;
	fp			w;
	mp_limb_t	wx[EL + 1];
	mp_limb_t	fx[EL + 1];
	int			k;

	if (!cd_u256_to_u64(s, &n) || n == 0 || (n >> (DIGIT_BITS * DIGITS)) != 0)
		return false;
	if (!key_hit(&exp_cache.key, c))
	{
		memset(exp_cache.have, 0, sizeof(exp_cache.have));
		return false;
	}
	if (!exp_cache.key.ready)
	{
		exp_cache.key.usable = fill_f(c);
		exp_cache.key.ready = true;
	}
	if (!exp_cache.key.usable)
		return false;
	/* W = f r^(digit 0) times r^(j 256^k) for the other nonzero digits j */
	for (k = 0; k < DIGITS; k++)
	{
		unsigned	j = (unsigned) (n >> (DIGIT_BITS * k)) & (DIGIT_COUNT - 1);

		if (j == 0 && k > 0)
			continue;
		if (!(exp_cache.have[k][j / 8] & (1u << (j % 8))))
			fill_entry(c, k, j);
		if (k == 0)
			w = exp_cache.table[0][j];
		else
			fp_mul_up(&w, &w, &exp_cache.table[k][j]);
	}
	if (w.e + EBITS > MAX_W_BITS)
		return false;
	/* C' = floor(W 2^64) - floor(f_up 2^64), in units of 2^-64 */
	fp_to_fixed(&w, wx);
	fp_to_fixed(&exp_cache.f, fx);
	if (mpn_sub_n(wx, wx, fx, EL + 1) != 0)
		return false;
	return decide_fixed(wx, out);
}

/*
 * bancor: R(S) = R0 (S/S0)^y with y = 1/rr = N/D (lowest terms, not an
 * integer: those are exact in curve_mpfr.c), for 0 < S < 2^32 and y <= 64.
 * Write S = a 2^h + r with a the top A_BITS bits of S (h = 0, r = 0 for a
 * small S), t = r / (a 2^h) < 2^-11; then
 *   R = g[h] * A[a] * (1 + t)^y,  g[h] = R0 2^(h y) / S0^y,  A[a] = a^y,
 * two table entries (320-bit mantissas rounded up, filled when first
 * needed from correctly rounded 384-bit MPFR powers: each at most a factor
 * 1 + 1.001 d above its value, d = 2^-319, as for the exponential) and the
 * binomial series of (1 + t)^y in n-limb fixed point with F = 64 n - 4
 * fractional bits, n sized to the reserve.
 *
 * The series: T_0 = 2^F, T_i = T_(i-1) * r |N - (i - 1) D| / (a D i 2^h),
 * an exact product then one truncation, so each |T_i| errs by at most
 * 1 + e_(i-1) f_i with f_i = t |y - i + 1| / i <= 65 t < 1/16: e_i < 1.07.
 * The sum stops at the first m >= ceil(y) + 1 with |T_m| < 2^(F - b - 38),
 * b the bits of W below; from there each term is at most t < 2^-11 times
 * the previous (|y - i| < i + 1), so the tail is at most (|T_m| + 1.07)
 * 2^-10 < 2^(F - b - 47).  With at most 50 terms (else undecided) the sum
 * X errs by less than 2^(F - 7) + 2^(F - b - 47) <= 2^(F - b - 46), since
 * F - 7 >= b + 47 by the choice of n; relatively (X >= 2^F, as (1 + t)^y
 * >= 1) at most e_s = 2^-(b + 46).
 *
 * W = g[h] * A[a] * X, two products each rounding up by at most d: W / R
 * lies in [1 - e_s, (1 + e_s)(1 + 1.001 d)^2 (1 + d)^2], so |W - R| <=
 * 1.01 (e_s + 4.1 d) W.  With W < 2^b <= 2^258, that and the fixed-point
 * floor (2^-64) add up to less than 2^-45 < E = 2^-40, and the decision
 * is the exponential's (decide_fixed).
 */
#define A_BITS 12
#define A_COUNT (1 << A_BITS)
#define MAX_SHIFT (32 - A_BITS)
#define BANCOR_Y_MAX 64
#define SERIES_MAX_TERMS 50

static struct
{
	curve_key	key;
	unsigned long num;			/* y = num / den */
	unsigned long den;
	uint8_t		have_a[A_COUNT / 8];
	uint8_t		have_g[MAX_SHIFT + 1];
	fp			a[A_COUNT];		/* a^y, rounded up */
	fp			g[MAX_SHIFT + 1];	/* R0 2^(h y) / S0^y, rounded up */
} bancor_cache;

/* y rounded in direction rnd at BUILD_PREC (one rounding) */
static void
bancor_y(mpfr_t y, mpfr_rnd_t rnd)
{
	mpfr_set_ui(y, bancor_cache.num, MPFR_RNDN);	/* exact: num < 2^64 */
	mpfr_div_ui(y, y, bancor_cache.den, rnd);
}

/* bancor_cache.a[a] = a^y rounded up (a >= 1, so y rounded up only grows it) */
static void
fill_a(unsigned a)
{
	mpfr_t		y;
	mpfr_t		t;

	mpfr_inits2(BUILD_PREC, y, t, (mpfr_ptr) 0);
	bancor_y(y, MPFR_RNDU);
	mpfr_set_ui(t, a, MPFR_RNDN);
	mpfr_pow(t, t, y, MPFR_RNDU);
	fp_set_up(&bancor_cache.a[a], t);
	mpfr_clears(y, t, (mpfr_ptr) 0);
	bancor_cache.have_a[a / 8] |= (uint8_t) (1u << (a % 8));
}

/*
 * bancor_cache.g[h] = R0 2^(h y) / S0^y rounded up: 2^(h y_up) up, over
 * S0^(y_down) down (S0 >= 1), times R0 (exact), each step correctly rounded
 */
static void
fill_g(const cd_curve *c, unsigned h)
{
	mpfr_t		y;
	mpfr_t		t;
	mpfr_t		u;
	mpz_t		view;

	mpfr_inits2(BUILD_PREC, y, t, u, (mpfr_ptr) 0);
	bancor_y(y, MPFR_RNDU);
	mpfr_mul_ui(t, y, h, MPFR_RNDU);
	mpfr_ui_pow(t, 2, t, MPFR_RNDU);
	bancor_y(y, MPFR_RNDD);
	mpfr_set_z(u, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDD);
	mpfr_pow(u, u, y, MPFR_RNDD);
	mpfr_div(t, t, u, MPFR_RNDU);
	mpfr_mul_z(t, t, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), MPFR_RNDU);
	fp_set_up(&bancor_cache.g[h], t);
	mpfr_clears(y, t, u, (mpfr_ptr) 0);
	bancor_cache.have_g[h] = 1;
}

/* bits of {p, n} (0 for zero) */
static long
mpn_bits(const mp_limb_t *p, mp_size_t n)
{
	while (n > 0 && p[n - 1] == 0)
		n--;
	return n == 0 ? 0 : 64 * (long) n - __builtin_clzll(p[n - 1]);
}

/*
 * *x = (1 + r / (a 2^h))^y within a relative 2^-(b + 46) (see above), as
 * an fp (not a bound in either direction); false when the series did not
 * settle within SERIES_MAX_TERMS terms.
 */
static bool
binomial_series(uint64_t a, unsigned h, uint64_t r, long b, fp *x)
{
	uint64_t	num = bancor_cache.num;
	uint64_t	den = bancor_cache.den;
	mp_size_t	n = (mp_size_t) ((b + 58 + 63) / 64);
	long		frac;
	long		stop;
	mp_limb_t	term[EL + 1];
	mp_limb_t	sum[EL + 1];
	bool		negative = false;
	unsigned	i;
	unsigned	bits;

	if (n < 2)
		n = 2;
	frac = 64 * (long) n - 4;
	/* stop once |T_m| < 2^stop, past the terms that grow or alternate slowly */
	stop = frac - b - 38;
	memset(term, 0, sizeof(term));
	term[frac / 64] = (mp_limb_t) 1 << (frac % 64);
	memcpy(sum, term, sizeof(sum));
	for (i = 1;; i++)
	{
		uint64_t	k = (uint64_t) (i - 1) * den;
		uint64_t	factor = num >= k ? num - k : k - num;

		if (num < k)
			negative = !negative;
		/* exact product (n limbs times < 2^47), then / (a D i 2^h < 2^58), truncated */
		term[n] = mpn_mul_1(term, term, n, r * factor);
		mpn_divrem_1(term, 0, term, n + 1, (a * den * i) << h);
		if (negative)
			mpn_sub_n(sum, sum, term, n + 1);
		else
			mpn_add_n(sum, sum, term, n + 1);
		if ((uint64_t) i * den >= num + den && mpn_bits(term, n) <= stop)
			break;
		if (i == SERIES_MAX_TERMS)
			return false;
	}
	/* X = sum / 2^frac in [1, 1.04), so sum < 2^(64 n): normalise to EL limbs */
	bits = (unsigned) mpn_sizeinbase(sum, n, 2);
	memset(x->m, 0, sizeof(x->m));
	memcpy(x->m + (EL - n), sum, (size_t) n * sizeof(mp_limb_t));
	if (64 * (unsigned) n > bits)
		mpn_lshift(x->m, x->m, EL, 64 * (unsigned) n - bits);
	x->e = (long) bits - EBITS - frac;
	return true;
}

/*
 * true, with *out = ceil(U(S)) of the MPFR path, when the table-and-series
 * enclosure decides (see above); false when the MPFR path must: a curve
 * other than the previous call's, an integer y or y > 64, S = 0 or S >=
 * 2^32, W >= 2^258, or R(S) within 2^-40 of an integer.
 */
bool
cd_curve_bancor_series(const cd_curve *c, const cd_u256 *s, cd_u256 *out)
{
	uint64_t	n;
	unsigned	h = 0;
	uint64_t	a;
	uint64_t	r;
	long		b;
	fp			w;
	fp			x;
	mp_limb_t	wx[EL + 1];

	if (!cd_u256_to_u64(s, &n) || n == 0 || (n >> 32) != 0)
		return false;
	if (!key_hit(&bancor_cache.key, c))
	{
		memset(bancor_cache.have_a, 0, sizeof(bancor_cache.have_a));
		memset(bancor_cache.have_g, 0, sizeof(bancor_cache.have_g));
		return false;
	}
	if (!bancor_cache.key.ready)
	{
		cd_curve_bancor_exponent(c, &bancor_cache.num, &bancor_cache.den);
		bancor_cache.key.usable = bancor_cache.num % bancor_cache.den != 0 &&
			bancor_cache.num <= BANCOR_Y_MAX * bancor_cache.den;
		bancor_cache.key.ready = true;
	}
	if (!bancor_cache.key.usable)
		return false;
	while ((n >> (h + A_BITS)) != 0)
		h++;
	a = n >> h;
	r = n - (a << h);
	if (!(bancor_cache.have_a[a / 8] & (1u << (a % 8))))
		fill_a((unsigned) a);
	if (!bancor_cache.have_g[h])
		fill_g(c, h);
	fp_mul_up(&w, &bancor_cache.g[h], &bancor_cache.a[a]);
	/* W <= W0 * 1.04 (1 + d) < 2^b */
	b = w.e + EBITS + 1;
	if (b > MAX_W_BITS)
		return false;
	if (r != 0)
	{
		if (!binomial_series(a, h, r, b, &x))
			return false;
		fp_mul_up(&w, &w, &x);
	}
	fp_to_fixed(&w, wx);
	return decide_fixed(wx, out);
}
