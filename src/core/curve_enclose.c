/*
 * curve_enclose.c - cheap, proven enclosures of the exponential and bancor
 * reserves that decide ceil(U(s)) of the MPFR path without running it
 *
 * Both compute C with |C - R(s)| < E = 2^-40 in fixed point (GMP mpn and
 * tables of correctly rounded MPFR values, never a double) and return k =
 * floor(C) + 1 only when that proves the MPFR path returns k (decide_fixed);
 * otherwise the caller runs the next stage.  Bancor's two routes are
 * described above cd_curve_bancor_series and bancor_fast_reserve; the
 * exponential's here.
 *
 * Exponential: R(s) = f (r^s - 1) with r = ratio = Q/10^q and f = base /
 * (r - 1).  The MPFR path (curve_mpfr.c) returns ceil(U(s)) with R(s) <=
 * U(s) < R(s) + 2^-30.  Here, for 0 < s < 2^32, f r^s is the product of at
 * most three table entries, one per base-2048 digit j of s: f r^j for the
 * lowest digit (f folded in, j = 0 included), r^(j 2048^k) for the others
 * that are not 0, each a 320-bit mantissa rounded up; minus f, in fixed
 * point: at most two multiplications of n <= 5 limbs, n sized to the
 * result (two up to W < 2^79), instead of a 350-bit power.
 *
 * The bound (docs/bonding_curve.md, "How an irrational reserve is
 * decided").  With d = 2^-319 (one unit in the last place of a normalised
 * 320-bit mantissa, relatively) and u = 2^-383 (the 384-bit precision the
 * entries are computed at): an entry is RU320(RU384(RU384(r)^e)) with e <
 * 2^32, times RU384(f) (three 384-bit roundings) rounded up once more for
 * the lowest digit, so f r^e <= T <= f r^e (1+u)^(e+6) (1+d) <= f r^e (1 +
 * 1.001 d) (likewise r^e for the others); f_up, kept for the subtraction,
 * is RU320(RU384(f)), f <= f_up <= f (1 + 1.001 d).  The products read the
 * top n limbs of each factor and keep the top n limbs of the result
 * (fp_mul_n): with d_n = 2^-(64 n - 1) >= d, each of those at most five
 * truncations (three entries, two products) is a factor in [1 - d_n, 1].
 * So W = prod T lies in [f r^s (1 - d_n)^5, f r^s (1 + 1.001 d)^3], within
 * 5.1 d_n W of f r^s; C = W - f_up differs from R = f r^s - f by at most
 * 5.2 d_n W (f <= 1.01 W), and its 64-bit fixed-point form C' (each term
 * floored) by less than 2^-64 more.  W < 2^b with b the sum of the
 * entries' bit lengths, and 64 n >= b + 49, so 5.2 d_n W < 2^(3 + b - 64 n
 * + 1) <= 2^-45; W < 2^258 is required (so n <= 5; else the MPFR path
 * decides), so |C' - R| < 2^-45 + 2^-64 < E = 2^-40, and decide_fixed
 * returns k = floor(C') + 1 exactly when that proves the MPFR path returns
 * k.  Otherwise (R near an integer, a supply of 2^32 or more, W too large)
 * the caller runs the MPFR path.
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
/*
 * supplies below 2^SUPPLY_BITS, in DIGITS digits of DIGIT_BITS bits: two
 * entries (one product) below 2^22, at the cost of 2048-entry tables
 */
#define SUPPLY_BITS 32
#define DIGIT_BITS 11
#define DIGIT_COUNT (1 << DIGIT_BITS)
#define DIGITS 3
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
	mp_limb_t	fx[EL + 1];		/* floor(f 2^64), when f < 2^MAX_W_BITS */
	bool		f_small;		/* f < 2^MAX_W_BITS */
	uint8_t		have[DIGITS][DIGIT_COUNT / 8];
	fp			table[DIGITS][DIGIT_COUNT];	/* r^(j 2048^k), f r^j for k = 0; up */
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

/*
 * m[0..limbs), *e = v rounded up to 64 limbs bits, as m * 2^e with the top
 * bit of m set; v > 0 and finite
 */
static void
limbs_set_up(mp_limb_t *m, long *e, int limbs, const mpfr_t v)
{
	mpfr_t		r;
	mpz_t		z;
	size_t		bits = 64 * (size_t) limbs;
	int			i;

	mpfr_init2(r, (mpfr_prec_t) bits);
	mpz_init(z);
	mpfr_set(r, v, MPFR_RNDU);
	*e = (long) mpfr_get_z_2exp(z, r);
	/* a bits-bit integer (scaled up should MPFR strip trailing zeros) */
	if (mpz_sizeinbase(z, 2) < bits)
	{
		*e -= (long) (bits - mpz_sizeinbase(z, 2));
		mpz_mul_2exp(z, z, bits - mpz_sizeinbase(z, 2));
	}
	for (i = 0; i < limbs; i++)
		m[i] = mpz_getlimbn(z, (mp_size_t) i);
	mpz_clear(z);
	mpfr_clear(r);
}

/* *x = v rounded up to EBITS bits */
static void
fp_set_up(fp *x, const mpfr_t v)
{
	limbs_set_up(x->m, &x->e, EL, v);
}

/* bit i of a bit set */
static inline bool
bit_is_set(const uint8_t *set, unsigned i)
{
	return (set[i / 8] >> (i % 8)) & 1;
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

/*
 * *r = a * b from the top n limbs of each, truncated to n limbs (r's lower
 * EL - n limbs zero): a and b each lose less than one unit of an n-limb
 * mantissa, a factor 1 - 2^-(64 n - 1) at worst, and the product as much
 */
static void
fp_mul_n(fp *r, const fp *a, const fp *b, mp_size_t n)
{
	mp_limb_t	p[2 * EL];
	long		e = a->e + b->e + EBITS;

	mpn_mul_n(p, a->m + EL - n, b->m + EL - n, n);
	memset(r->m, 0, sizeof(r->m));
	if ((p[2 * n - 1] >> (GMP_NUMB_BITS - 1)) == 0)
	{
		/* the top n limbs of p shifted left by one, the bit below coming in */
		mpn_lshift(r->m + EL - n, p + n, n, 1);
		r->m[EL - n] |= p[n - 1] >> (GMP_NUMB_BITS - 1);
		e--;
	}
	else
		memcpy(r->m + EL - n, p + n, (size_t) n * sizeof(mp_limb_t));
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
	{
		fp_set_up(&exp_cache.f, f);
		/* W > f, so a larger f always leaves the decision to the MPFR path */
		exp_cache.f_small = exp_cache.f.e + EBITS <= MAX_W_BITS;
		if (exp_cache.f_small)
			fp_to_fixed(&exp_cache.f, exp_cache.fx);
	}
	mpfr_clear(f);
	return ok;
}

/*
 * exp_cache.table[k][j] = r^(j 2048^k) rounded up: RU384(r), its power, to
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
	const fp   *entry[DIGITS];
	int			used = 0;
	long		b = 0;
	mp_size_t	limbs;
	mp_limb_t	wx[EL + 1];
	int			k;

	if (!cd_u256_to_u64(s, &n) || n == 0 || (n >> SUPPLY_BITS) != 0)
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
	if (!exp_cache.f_small)
		return false;
	/*
	 * The entries: f r^(digit 0), and r^(j 2048^k) for the other nonzero
	 * digits j; W < 2^b, b the sum of their bit lengths
	 */
	for (k = 0; k < DIGITS; k++)
	{
		unsigned	j = (unsigned) (n >> (DIGIT_BITS * k)) & (DIGIT_COUNT - 1);

		if (j == 0 && k > 0)
			continue;
		if (!bit_is_set(exp_cache.have[k], j))
			fill_entry(c, k, j);
		entry[used++] = &exp_cache.table[k][j];
		b += exp_cache.table[k][j].e + EBITS;
	}
	if (b > MAX_W_BITS)
		return false;
	/* limbs sized to W: 64 n >= b + 49 (see the top of the file) */
	limbs = (mp_size_t) ((b + 49 + 63) / 64);
	if (limbs < 1)
		limbs = 1;
	w = *entry[0];
	for (k = 1; k < used; k++)
		fp_mul_n(&w, &w, entry[k], limbs);
	/* C' = floor(W 2^64) - floor(f_up 2^64), in units of 2^-64 */
	fp_to_fixed(&w, wx);
	if (mpn_sub_n(wx, wx, exp_cache.fx, EL + 1) != 0)
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
	uint8_t		have_g[MAX_SHIFT / 8 + 1];
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

/* t = a^y rounded up at t's precision (a >= 1, so y rounded up only grows it) */
static void
bancor_a_value(mpfr_t t, unsigned a)
{
	mpfr_t		y;

	mpfr_init2(y, mpfr_get_prec(t));
	bancor_y(y, MPFR_RNDU);
	mpfr_set_ui(t, a, MPFR_RNDN);
	mpfr_pow(t, t, y, MPFR_RNDU);
	mpfr_clear(y);
}

/*
 * t = R0 2^(h y) / S0^y rounded up at t's precision: 2^(h y_up) up, over
 * S0^(y_down) down (S0 >= 1), times R0 (exact), each step correctly rounded
 */
static void
bancor_g_value(mpfr_t t, const cd_curve *c, unsigned h)
{
	mpfr_t		y;
	mpfr_t		u;
	mpz_t		view;

	mpfr_inits2(mpfr_get_prec(t), y, u, (mpfr_ptr) 0);
	bancor_y(y, MPFR_RNDU);
	mpfr_mul_ui(t, y, h, MPFR_RNDU);
	mpfr_ui_pow(t, 2, t, MPFR_RNDU);
	bancor_y(y, MPFR_RNDD);
	mpfr_set_z(u, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_SUPPLY]), MPFR_RNDD);
	mpfr_pow(u, u, y, MPFR_RNDD);
	mpfr_div(t, t, u, MPFR_RNDU);
	mpfr_mul_z(t, t, cd_curve_mpz_view(view, &c->param[CD_BANCOR_INITIAL_RESERVE]), MPFR_RNDU);
	mpfr_clears(y, u, (mpfr_ptr) 0);
}

/*
 * A table entry of either route: a^y (g false, i = a) or R0 2^(h y) / S0^y
 * (g true, i = h), computed at precision prec, rounded up into m[0..limbs),
 * *e; sets bit i of have
 */
static void
bancor_fill(const cd_curve *c, bool g, unsigned i, mpfr_prec_t prec,
			mp_limb_t *m, long *e, int limbs, uint8_t *have)
{
	mpfr_t		t;

	mpfr_init2(t, prec);
	if (g)
		bancor_g_value(t, c, i);
	else
		bancor_a_value(t, i);
	limbs_set_up(m, e, limbs, t);
	mpfr_clear(t);
	have[i / 8] |= (uint8_t) (1u << (i % 8));
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

#ifdef __SIZEOF_INT128__
/*
 * The 128-bit route of the bancor enclosure, for reserves below about 2^63
 * (W0 < 2^63 below: an 18-decimal token up to about 9 whole units), with
 * its own tables; the mpn route above serves the larger ones.
 *
 * Write S = a 2^h + r with a the top FAST_A_BITS = 9 bits of S, t = r / (a
 * 2^h) < 2^-8; R = g[h] A[a] (1 + t)^y as above.  A coarser split than the
 * mpn route's keeps the tables small (256 entries of a^y, each a 192-bit
 * MPFR power filled when first needed) at the price of a few more terms.
 *
 * Tables: 128-bit mantissas rounded up from 192-bit MPFR values; with y,
 * h y, S0 and the powers each rounded in the safe direction at 192 bits
 * (relative errors at most 64 * 180 * 2^-191 < 2^-177 through the powers),
 * and the final rounding to 128 bits, each entry T lies in [v, v (1 +
 * 2^-126)] of its value v.  W0 = g A rounded up (one unit of its 128-bit
 * mantissa, a factor 1 + 2^-127).  b = bits(W0) + 1, so R, W0 X < 2^b as
 * X = (1 + t)^y < (1 + 2^-8)^64 < 2; the route requires b <= 64.
 *
 * The series in fixed point with F = 126 fractional bits: t_F = floor(r
 * m_a / 2^h) with m_a = floor(2^F / a) cached per a (no division per call),
 * so t 2^F - 2 < t_F <= t 2^F as r < 2^h; c_i = |y - i + 1| / i (c_1 = y <=
 * 64, c_i < 32 for i >= 2) as c_G = floor(c_i 2^G), G = 120, per curve; P_0
 * = 2^F, P_i = floor(floor(P_(i-1) t_F / 2^F) c_G / 2^G), signs as the mpn
 * route's.  Each step only rounds down, so 0 <= tau_i - P_i =: delta_i for
 * the exact |T_i| 2^F = tau_i < 2^F, and delta_i <= delta_(i-1) t c_i + 3
 * c_i + 1.25 (t_F's error costs at most 2 P_(i-1) 2^-F <= 2 units and the
 * floor 1, the c_G truncation at most 2^(F-8) 2^-G = 1/4, the floor 1);
 * with t c_i <= 65 t < 1/3.9, delta_i < 200 units: over at most FAST_TERMS
 * = 80 terms (y <= 64 needs up to 65 before it may stop) the sum errs by
 * less than 2^14 units, 2^-112.  The sum stops at the first m >= ceil(y) +
 * 1 with P_m < 2^(F - b - 37); the tail after it is at most |T_m| t / (1 -
 * t) < 2^-(b + 44.9).  So |X' - X| < 2^-112 + 2^-(b + 44.9) < 2^-(b + 44)
 * for b <= 64, and X >= 1.
 *
 * V = floor(W0 X' 2^64), exactly from the product of the mantissas.  W0 X'
 * / R lies in [1 - 2^-(b+44), (1 + 2^-126)^2 (1 + 2^-127) (1 + 2^-(b+44))],
 * so |V 2^-64 - R| < 2^b 1.01 (2^-(b+44) + 2^-124.4) + 2^-64 < 2^-43 < E,
 * and the decision is decide_fixed's on V.
 */
typedef unsigned __int128 u128;

#define FAST_A_BITS 9
#define FAST_A_COUNT (1 << FAST_A_BITS)
#define FAST_MAX_SHIFT (32 - FAST_A_BITS)
#define FAST_PREC 192
#define FAST_TERMS 80
#define FAST_F 126
#define FAST_G 120
#define FAST_MAX_B 64

/* m * 2^e with the top bit of m set */
typedef struct fp2
{
	mp_limb_t	m[2];
	long		e;
} fp2;

static struct
{
	bool		coef_ready;		/* for bancor_cache's curve */
	uint8_t		have_a[FAST_A_COUNT / 8];
	uint8_t		have_g[FAST_MAX_SHIFT / 8 + 1];
	fp2			a[FAST_A_COUNT];	/* a^y, rounded up */
	fp2			g[FAST_MAX_SHIFT + 1];	/* R0 2^(h y) / S0^y, rounded up */
	u128		coef[FAST_TERMS + 1];	/* floor(|y - i + 1| / i 2^G) */
	u128		inv_a[FAST_A_COUNT];	/* floor(2^F / a), with a[a] */
	bool		negative[FAST_TERMS + 1];	/* the sign of term i */
	bool		may_stop[FAST_TERMS + 1];	/* i >= y + 1 */
} bancor_fast;

/* hi:lo = a b */
static inline void
mul_128(u128 a, u128 b, u128 *hi, u128 *lo)
{
	uint64_t	a0 = (uint64_t) a;
	uint64_t	a1 = (uint64_t) (a >> 64);
	uint64_t	b0 = (uint64_t) b;
	uint64_t	b1 = (uint64_t) (b >> 64);
	u128		p00 = (u128) a0 * b0;
	u128		p01 = (u128) a0 * b1;
	u128		p10 = (u128) a1 * b0;
	u128		mid = (p00 >> 64) + (uint64_t) p01 + (uint64_t) p10;

	*lo = (u128) (uint64_t) p00 | (mid << 64);
	*hi = (u128) a1 * b1 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/*
 * floor(a b / 2^sh) for 0 < sh < 128, when it fits 128 bits; two
 * multiplications instead of four once a, a term of the series, is below
 * 2^64 (the same exact product)
 */
static inline u128
mul_shift(u128 a, u128 b, unsigned sh)
{
	u128		hi;
	u128		lo;

	if ((a >> 64) == 0)
	{
		u128		p0 = (u128) (uint64_t) a * (uint64_t) b;
		u128		p1 = (u128) (uint64_t) a * (uint64_t) (b >> 64);
		u128		mid = (p0 >> 64) + (uint64_t) p1;

		lo = (u128) (uint64_t) p0 | (mid << 64);
		hi = (p1 >> 64) + (mid >> 64);
	}
	else
		mul_128(a, b, &hi, &lo);
	return (hi << (128 - sh)) | (lo >> sh);
}

/* the mantissa of x as one number */
static inline u128
fp2_mantissa(const fp2 *x)
{
	return ((u128) x->m[1] << 64) | x->m[0];
}

/* the coefficients, signs and stopping points of the series, per curve */
static void
fill_coef(void)
{
	mpz_t		num;
	mpz_t		den;
	unsigned	i;
	bool		negative = false;

	mpz_inits(num, den, (mpz_ptr) 0);
	for (i = 1; i <= FAST_TERMS; i++)
	{
		/* num = |N - (i - 1) D| 2^G, den = D i */
		mpz_set_ui(num, bancor_cache.den);
		mpz_mul_ui(num, num, i - 1);
		mpz_ui_sub(num, bancor_cache.num, num);
		if (mpz_sgn(num) < 0)
			negative = !negative;
		mpz_abs(num, num);
		mpz_mul_2exp(num, num, FAST_G);
		mpz_set_ui(den, bancor_cache.den);
		mpz_mul_ui(den, den, i);
		mpz_tdiv_q(num, num, den);
		bancor_fast.coef[i] = ((u128) mpz_getlimbn(num, 1) << 64) | mpz_getlimbn(num, 0);
		bancor_fast.negative[i] = negative;
		/* i >= y + 1, i.e. i D >= N + D */
		bancor_fast.may_stop[i] = (u128) i * bancor_cache.den >= (u128) bancor_cache.num + bancor_cache.den;
	}
	mpz_clears(num, den, (mpz_ptr) 0);
	bancor_fast.coef_ready = true;
}

/* forget the tables of the previous curve */
static void
fast_forget(void)
{
	memset(bancor_fast.have_a, 0, sizeof(bancor_fast.have_a));
	memset(bancor_fast.have_g, 0, sizeof(bancor_fast.have_g));
	bancor_fast.coef_ready = false;
}

/*
 * X' 2^F of the series (see above) for t_F (t 2^F - 2 < t_F <= t 2^F);
 * false when it did not settle within FAST_TERMS terms
 */
static bool
fast_series(u128 t, long b, u128 *x)
{
	u128		sum = (u128) 1 << FAST_F;
	u128		term = sum;
	long		stop_bits = FAST_F - b - 37;
	u128		stop = stop_bits >= 127 ? ~(u128) 0 : (u128) 1 << stop_bits;
	unsigned	i;

	for (i = 1; i <= FAST_TERMS; i++)
	{
		term = mul_shift(mul_shift(term, t, FAST_F), bancor_fast.coef[i], FAST_G);
		if (bancor_fast.negative[i])
			sum -= term;
		else
			sum += term;
		if (bancor_fast.may_stop[i] && term < stop)
		{
			*x = sum;
			return true;
		}
	}
	return false;
}

/*
 * The 128-bit route for a supply 0 < n < 2^32 of a usable curve: 1 when it
 * decides (*out = the MPFR path's reserve), 0 when the MPFR path must, -1
 * when the reserve is too large for it (or the series too long) and the
 * mpn route should try.
 */
static int
bancor_fast_reserve(const cd_curve *c, uint64_t n, cd_u256 *out)
{
	unsigned	h = 0;
	uint64_t	a;
	uint64_t	r;
	u128		hi;
	u128		lo;
	u128		x = (u128) 1 << FAST_F;
	u128		v;
	long		e;
	long		b;
	long		sh;
	uint64_t	low;
	uint64_t	whole;

	while ((n >> (h + FAST_A_BITS)) != 0)
		h++;
	a = n >> h;
	r = n - (a << h);
	if (!bancor_fast.coef_ready)
		fill_coef();
	if (!bit_is_set(bancor_fast.have_a, (unsigned) a))
	{
		bancor_fast.inv_a[a] = ((u128) 1 << FAST_F) / a;
		bancor_fill(c, false, (unsigned) a, FAST_PREC, bancor_fast.a[a].m, &bancor_fast.a[a].e,
					2, bancor_fast.have_a);
	}
	if (!bit_is_set(bancor_fast.have_g, h))
		bancor_fill(c, true, h, FAST_PREC, bancor_fast.g[h].m, &bancor_fast.g[h].e,
					2, bancor_fast.have_g);
	/* W0 = g A rounded up: the top 128 bits of the product plus one */
	mul_128(fp2_mantissa(&bancor_fast.g[h]), fp2_mantissa(&bancor_fast.a[a]), &hi, &lo);
	e = bancor_fast.g[h].e + bancor_fast.a[a].e + 128;
	if ((hi >> 127) == 0)
	{
		hi = (hi << 1) | (lo >> 127);
		e--;
	}
	if (++hi == 0)
	{
		hi = (u128) 1 << 127;
		e++;
	}
	b = e + 128 + 1;
	if (b > FAST_MAX_B)
		return -1;
	if (r != 0)
	{
		/* t_F = floor(r m_a / 2^h) for 0 < h <= 23, r < 2^h: r m_a < 2^149 in two halves */
		u128		m = bancor_fast.inv_a[a];
		u128		low = (u128) (uint64_t) m * r;
		u128		high = (u128) (uint64_t) (m >> 64) * r;

		if (!fast_series((high << (64 - h)) + (low >> h), b, &x))
			return -1;
	}
	/* V = floor(W0 X' 2^64) = floor(hi x 2^(e - F + 64)), below 2^128 as W0 X' < 2^64 */
	mul_128(hi, x, &hi, &lo);
	sh = FAST_F - 64 - e;		/* at least 127, as e <= -65 */
	if (sh >= 256)
		v = 0;
	else if (sh >= 128)
		v = hi >> (sh - 128);
	else
		v = (hi << (128 - sh)) | (lo >> sh);
	/* decide_fixed on the two limbs of V */
	low = (uint64_t) v;
	whole = (uint64_t) (v >> 64);
	if ((low < ((uint64_t) 1 << (64 - MARGIN_BITS)) && whole != 0) ||
		low > ~(uint64_t) 0 - ((uint64_t) 1 << (64 - MARGIN_BITS)) - ((uint64_t) 1 << (64 - FULL_BITS)) + 1)
		return 0;
	cd_u256_zero(out);
	out->limb[0] = whole + 1;
	out->limb[1] = whole + 1 == 0;
	return 1;
}
#endif							/* __SIZEOF_INT128__ */

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
#ifdef __SIZEOF_INT128__
		fast_forget();
#endif
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
#ifdef __SIZEOF_INT128__
	switch (bancor_fast_reserve(c, n, out))
	{
		case 1:
			return true;
		case 0:
			return false;
		default:
			break;
	}
#endif
	while ((n >> (h + A_BITS)) != 0)
		h++;
	a = n >> h;
	r = n - (a << h);
	if (!bit_is_set(bancor_cache.have_a, (unsigned) a))
		bancor_fill(c, false, (unsigned) a, BUILD_PREC, bancor_cache.a[a].m, &bancor_cache.a[a].e,
					EL, bancor_cache.have_a);
	if (!bit_is_set(bancor_cache.have_g, h))
		bancor_fill(c, true, h, BUILD_PREC, bancor_cache.g[h].m, &bancor_cache.g[h].e,
					EL, bancor_cache.have_g);
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
