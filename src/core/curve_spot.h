/*
 * curve_spot.h - the spot price of exponential and bancor curves, rounded
 * half-even to scale decimals from a proven enclosure, exactly near ties
 *
 * cd_curve_spot_mpfr() (bonding_curve.h) is the entry point; the staged
 * form below takes its precisions and exact-size limit as parameters and
 * reports which stage decided, so the unit tests can force every stage.
 */
#ifndef CD_CURVE_SPOT_H
#define CD_CURVE_SPOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bonding_curve.h"

/* which stage decided the rounding */
typedef enum cd_spot_route
{
	CD_SPOT_ENCLOSED = 1,		/* the first enclosure held no midpoint */
	CD_SPOT_EXACT,				/* the exact rational value (curve_rational.c) */
	CD_SPOT_REFINED,			/* an enclosure at a higher precision */
	CD_SPOT_NEAREST				/* undecided at max_prec: its nearest integer */
} cd_spot_route;

typedef struct cd_spot_limits
{
	long		prec;			/* first enclosure's precision in bits (>= 64) */
	long		max_prec;		/* refine at 4x the precision while <= this */
	uint64_t	exact_bits;		/* size limit of the exact path; 0 skips it */
} cd_spot_limits;

/* the defaults: first precision 640 bits plus the scale's, then these */
#define CD_SPOT_MAX_PREC 65536
#define CD_SPOT_EXACT_BITS (UINT64_C(1) << 20)

/* Values of 2^CD_SPOT_MAX_EXP or more (times 10^scale) are out of range. */
#define CD_SPOT_MAX_EXP 4000

/*
 * The spot price of an exponential or bancor curve at supply s, rounded
 * half-even to scale decimals, as text; lim NULL means the defaults.
 * *route (when route is not NULL) says which stage decided.
 */
extern bool cd_curve_spot_staged(const cd_curve *c, const cd_u256 *s, int scale,
								 const cd_spot_limits *lim, char *out, size_t outsize,
								 cd_spot_route *route, cd_error *err);

#endif							/* CD_CURVE_SPOT_H */
