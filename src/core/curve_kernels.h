/*
 * curve_kernels.h - the per-kind kernels behind bonding_curve.h's pricing,
 * for the curve files (curve_*.c) and their unit tests only
 *
 * The files point one way: curve_pricing.c dispatches to the kernels of
 * curve_exact.c (linear, power, constant_product), curve_mpfr.c
 * (exponential, bancor) and curve_spot.c (spot prices of the latter, with
 * curve_rational.c); all of them use curve_common.c, a leaf that calls no
 * other curve file.  scripts/check-layout.sh fails on any cycle between
 * files of src/core/.
 */
#ifndef CD_CURVE_KERNELS_H
#define CD_CURVE_KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#include <gmp.h>
#include <mpfr.h>

#include "bonding_curve.h"

/* ---- the reserve per kind (curve_exact.c, curve_mpfr.c) ---- */
extern bool cd_curve_reserve_linear(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err);
extern bool cd_curve_reserve_power(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err);
extern bool cd_curve_reserve_constant_product(const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err);
/*
 * ... and of the two MPFR kinds, exponential and bancor.  enclose = false
 * skips the cheap enclosure that is tried first, leaving the full path
 * alone (for the tests that compare the two routes).
 */
extern bool cd_curve_reserve_mpfr(const cd_curve *c, const cd_u256 *s, bool enclose, cd_u256 *out,
								  cd_error *err);
/* reserve(s1) and reserve(s2) of an exponential or bancor curve, sharing constants */
extern bool cd_curve_reserve_pair_mpfr(const cd_curve *c, const cd_u256 *s1, const cd_u256 *s2,
									   cd_u256 *out1, cd_u256 *out2, cd_error *err);

/*
 * The cheap routes of a bancor reserve, for the tests that compare them
 * with the full-precision path (curve_mpfr.c): the enclosure alone (true
 * when it decides, and then equal to the full path).
 */
extern bool cd_curve_bancor_enclosed(const cd_curve *c, const cd_u256 *s, cd_u256 *out);
/* the table-and-series enclosure of curve_enclose.c, tried first */
extern bool cd_curve_bancor_series(const cd_curve *c, const cd_u256 *s, cd_u256 *out);

/*
 * The cached-table enclosure of an exponential reserve alone
 * (curve_enclose.c; true when it decides, and then equal to the MPFR path;
 * a curve other than the previous call's is only recorded).
 */
extern bool cd_curve_exponential_enclosed(const cd_curve *c, const cd_u256 *s, cd_u256 *out);

/*
 * The exact spot price of the exact kinds as a fraction num/den
 * (curve_exact.c); false with CD_ERR_RANGE if it does not fit.
 */
struct cd_nat;
extern bool cd_curve_spot_exact(const cd_curve *c, const cd_u256 *s, struct cd_nat *num,
								struct cd_nat *den, cd_error *err);
/* Spot price of exponential and bancor as decimal text (curve_spot.c). */
extern bool cd_curve_spot_mpfr(const cd_curve *c, const cd_u256 *s, int scale,
							   char *out, size_t outsize, cd_error *err);

/* ---- shared helpers (curve_common.c, a leaf) ---- */

/* A read-only mpz view of a uint256 (no allocation; valid while v is). */
static inline mpz_srcptr
cd_curve_mpz_view(mpz_t view, const cd_u256 *v)
{
	mp_size_t	n = CD_U256_LIMBS;

	while (n > 0 && v->limb[n - 1] == 0)
		n--;
	return mpz_roinit_n(view, v->limb, n);
}

/* f = ratio - 1 of an exponential curve (ratio >= 1), rounded down */
extern void cd_curve_exp_ratio_minus_one(mpfr_t f, const cd_curve *c);

/* Bits of 10^q, rounded up (log2(10) < 3.33). */
extern long cd_curve_pow10_bits(unsigned q);

/* 1/reserve_ratio of a bancor curve in lowest terms, as *num / *den */
extern void cd_curve_bancor_exponent(const cd_curve *c, unsigned long *num, unsigned long *den);

/*
 * Print the integer whose decimal digits are digits[0..len) with scale
 * decimals ("12500", 3 -> "12.500"); false when out does not hold it.
 */
extern bool cd_curve_format_fixed(const char *digits, size_t len, int scale,
								  char *out, size_t outsize);

/* Shared error for a reserve above 2^256 - 1 at supply s (22003). */
extern bool cd_curve_reserve_overflow(const cd_u256 *s, cd_error *err);

#endif							/* CD_CURVE_KERNELS_H */
