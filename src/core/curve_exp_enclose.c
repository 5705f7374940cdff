/*
 * curve_exp_enclose.c - a cheap, proven enclosure of the exponential
 * reserve that decides ceil(U(s)) of the MPFR path without running it
 *
 * R(s) = f (r^s - 1) with r = ratio = Q/10^q and f = base / (r - 1).  The
 * MPFR path (curve_mpfr.c) returns ceil(U(s)) with R(s) <= U(s) < R(s) +
 * 2^-30.  Here, for 0 < s < 2^32, r^s is the product of at most four table
 * entries r^(j 256^k), one per base-256 digit j of s, each a 320-bit
 * mantissa rounded up; times f, minus f, in 320-bit fixed point: three to
 * five mpn multiplications of five limbs instead of a 350-bit power.
 *
 * The bound (docs/bonding_curve.md, "How the irrational reserves are
 * decided").  With d = 2^-319 (one unit in the last place of a normalised
 * 320-bit mantissa, relatively) and u = 2^-383 (the 384-bit precision the
 * entries are computed at): an entry is RU320(RU384(RU384(r)^e)) with e <
 * 2^32, so r^e <= T <= r^e (1+u)^(e+1) (1+d) <= r^e (1 + 1.001 d); f_up
 * takes three 384-bit roundings and one to 320 bits, f <= f_up <= f (1 +
 * 1.001 d); each of the (at most four) products rounds up by at most one
 * unit, a factor (1 + d).  So W = f_up * prod T satisfies f r^s <= W <= f
 * r^s (1 + 9.1 d).  C = W - f_up then differs from R = f r^s - f by at most
 * 9.1 d W, and its 64-bit fixed-point form C' (each term floored) by less
 * than 2^-64 more.  W < 2^258 is required (else the MPFR path decides), so
 * |C' - R| < 9.1 * 2^-61 + 2^-64 < 2^-56 < E = 2^-40.  Let k = floor(C')
 * + 1: when the fraction of C' is at least E and at most 1 - E - 2^-30,
 * R lies in (k - 1, k - 2^-30], so U(s) lies in (k - 1, k) and the MPFR
 * path would return k: that is returned, and otherwise (R near an integer,
 * a supply of 2^32 or more, W too large) the caller runs the MPFR path.
 * No double anywhere: every step is an integer operation or a correctly
 * rounded MPFR operation, so the decision is the same on every platform.
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

static struct
{
	bool		keyed;			/* key holds the previous call's curve */
	bool		ready;			/* f is computed for it */
	bool		usable;			/* and finite (ratio > 1) */
	cd_curve	key;
	fp			f;				/* base / (ratio - 1), rounded up */
	uint8_t		have[DIGITS][DIGIT_COUNT / 8];
	fp			table[DIGITS][DIGIT_COUNT];	/* r^(j 256^k), rounded up */
} cache;

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

/* r = ratio rounded up at BUILD_PREC (one rounding: Q and 10^q are exact) */
static void
ratio_up(mpfr_t r, const cd_curve *c, mpfr_t tmp)
{
	mpz_t		view;

	mpfr_set_z(r, cd_curve_mpz_view(view, &c->param[CD_EXP_RATIO]), MPFR_RNDU);
	mpfr_ui_pow_ui(tmp, 10, c->scale[CD_EXP_RATIO], MPFR_RNDN);
	mpfr_div(r, r, tmp, MPFR_RNDU);
}

/* cache.f = base / (ratio - 1), rounded up: base and ratio - 1 each one
 * rounding (their integers and powers of ten are exact at BUILD_PREC), the
 * quotient one, then to EBITS bits; false when it is not a positive
 * number (ratio 1, which curve_mpfr.c computes exactly, or base 0) */
static bool
fill_f(const cd_curve *c)
{
	mpfr_t		f;
	mpfr_t		t;
	mpfr_t		p10;
	mpz_t		view;
	bool		ok;

	mpfr_inits2(BUILD_PREC, f, t, p10, (mpfr_ptr) 0);
	cd_curve_exp_ratio_minus_one(f, c);
	/* base = B / 10^b, rounded up, over it, rounded up */
	mpfr_set_z(t, cd_curve_mpz_view(view, &c->param[CD_EXP_BASE]), MPFR_RNDU);
	mpfr_ui_pow_ui(p10, 10, c->scale[CD_EXP_BASE], MPFR_RNDN);
	mpfr_div(t, t, p10, MPFR_RNDU);
	mpfr_div(f, t, f, MPFR_RNDU);
	ok = mpfr_regular_p(f) && mpfr_sgn(f) > 0;
	if (ok)
		fp_set_up(&cache.f, f);
	mpfr_clears(f, t, p10, (mpfr_ptr) 0);
	return ok;
}

/* cache.table[k][j] = r^(j 256^k) rounded up: RU384(r), its power, to EBITS */
static void
fill_entry(const cd_curve *c, int k, unsigned j)
{
	mpfr_t		r;
	mpfr_t		t;

	mpfr_inits2(BUILD_PREC, r, t, (mpfr_ptr) 0);
	ratio_up(r, c, t);
	mpfr_pow_ui(t, r, (unsigned long) j << (DIGIT_BITS * k), MPFR_RNDU);
	fp_set_up(&cache.table[k][j], t);
	mpfr_clears(r, t, (mpfr_ptr) 0);
	cache.have[k][j / 8] |= (uint8_t) (1u << (j % 8));
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
	mp_limb_t	low;
	int			k;

	if (!cd_u256_to_u64(s, &n) || n == 0 || (n >> (DIGIT_BITS * DIGITS)) != 0)
		return false;
	if (!cache.keyed || memcmp(&cache.key, c, sizeof(cd_curve)) != 0)
	{
		cache.key = *c;
		cache.keyed = true;
		cache.ready = false;
		memset(cache.have, 0, sizeof(cache.have));
		return false;
	}
	if (!cache.ready)
	{
		cache.usable = fill_f(c);
		cache.ready = true;
	}
	if (!cache.usable)
		return false;
	w = cache.f;
	for (k = 0; k < DIGITS; k++)
	{
		unsigned	j = (unsigned) (n >> (DIGIT_BITS * k)) & (DIGIT_COUNT - 1);

		if (j == 0)
			continue;
		if (!(cache.have[k][j / 8] & (1u << (j % 8))))
			fill_entry(c, k, j);
		fp_mul_up(&w, &w, &cache.table[k][j]);
	}
	if (w.e + EBITS > MAX_W_BITS)
		return false;
	/* C' = floor(W 2^64) - floor(f_up 2^64), in units of 2^-64 */
	fp_to_fixed(&w, wx);
	fp_to_fixed(&cache.f, fx);
	if (mpn_sub_n(wx, wx, fx, EL + 1) != 0)
		return false;
	/* decided when E <= frac(C') <= 1 - E - 2^-30 */
	low = wx[0];
	if (low < ((mp_limb_t) 1 << (64 - MARGIN_BITS)) ||
		low > ~(mp_limb_t) 0 - ((mp_limb_t) 1 << (64 - MARGIN_BITS)) - ((mp_limb_t) 1 << (64 - FULL_BITS)) + 1)
		return false;
	/* k = floor(C') + 1, which must fit 256 bits */
	if (wx[EL] != 0 || mpn_add_1(out->limb, wx + 1, CD_U256_LIMBS, 1) != 0)
		return false;
	return true;
}
