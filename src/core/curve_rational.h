/*
 * curve_rational.h - the exact spot price of exponential and bancor curves
 * where it is rational, for curve_spot.c's tie decisions
 *
 * The exact value is a GMP fraction num/den; the caller owns (inits and
 * clears) both, so nothing outlives the call and no PostgreSQL code runs
 * while they are held.
 */
#ifndef CD_CURVE_RATIONAL_H
#define CD_CURVE_RATIONAL_H

#include <stdbool.h>
#include <stdint.h>

#include <gmp.h>

#include "curve_kernels.h"

typedef enum cd_rational_status
{
	CD_RATIONAL_EXACT = 1,		/* num/den is the exact spot price */
	CD_RATIONAL_IRRATIONAL,		/* the spot price is not a rational number */
	CD_RATIONAL_TOO_LARGE		/* rational, but more than max_bits to hold */
} cd_rational_status;

/*
 * The exact spot price of an exponential or bancor curve at supply s, when
 * it is rational and num and den take at most about max_bits bits each:
 * exponential base * ratio^s is always rational; bancor R0 * y * (S/S0)^(y-1)
 * / S0 with y = 1/rr = N/D in lowest terms is rational exactly when D = 1,
 * S = 0, or S/S0 in lowest terms is a D-th power of a fraction.
 */
extern cd_rational_status cd_curve_spot_rational(const cd_curve *c, const cd_u256 *s,
												 uint64_t max_bits, mpz_t num, mpz_t den);

/* q = num * 10^scale / den rounded half to even (num >= 0, den > 0). */
extern void cd_round_half_even(mpz_t q, const mpz_t num, const mpz_t den, int scale);

#endif							/* CD_CURVE_RATIONAL_H */
