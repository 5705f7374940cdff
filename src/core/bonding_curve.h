/*
 * bonding_curve.h - bonding curves: the value type and exact pricing
 *
 * A curve is a kind plus up to three exact decimal parameters, each a
 * uint256 mantissa and a count of fractional digits (value = mant / 10^scale).
 * The struct is also the SQL datum (fixed length, 104 bytes), so it is kept
 * canonical: parameters in the kind's order, no trailing fractional zeros,
 * unused slots and padding zero.  Two equal curves are then equal bytes.
 *
 * Pricing (see curve_pricing.c) derives everything from one function,
 * reserve(s) = ceil(R(s)), R(s) being the exact cost of the first s units.
 * This header is what the glue and other modules use; the per-kind
 * kernels behind it are declared in curve_kernels.h, for the curve files
 * and their tests only.
 */
#ifndef CD_BONDING_CURVE_H
#define CD_BONDING_CURVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "uint256.h"

typedef enum cd_curve_kind
{
	CD_CURVE_LINEAR = 1,
	CD_CURVE_EXPONENTIAL = 2,
	CD_CURVE_POWER = 3,
	CD_CURVE_BANCOR = 4,
	CD_CURVE_CONSTANT_PRODUCT = 5
} cd_curve_kind;

#define CD_CURVE_MAX_PARAMS 3
/* fractional digits allowed in a parameter (more would be sub-wei dust) */
#define CD_CURVE_MAX_SCALE 40
/* Bancor's reserve ratio is in parts per million, as in its contracts */
#define CD_CURVE_RR_MAX_SCALE 6
#define CD_CURVE_MAX_EXPONENT 8
/* longest canonical text: kind, 3 x (name, 79 digits + point + 40) */
#define CD_CURVE_TEXT_LEN 512

typedef struct cd_curve
{
	uint8_t		kind;			/* cd_curve_kind */
	uint8_t		scale[CD_CURVE_MAX_PARAMS];
	uint8_t		reserved[4];	/* zero */
	cd_u256		param[CD_CURVE_MAX_PARAMS];
} cd_curve;

/* Parameter slots per kind, in canonical order. */
#define CD_LINEAR_BASE 0
#define CD_LINEAR_SLOPE 1
#define CD_EXP_BASE 0
#define CD_EXP_RATIO 1
#define CD_POWER_COEFFICIENT 0
#define CD_POWER_EXPONENT 1
#define CD_BANCOR_RESERVE_RATIO 0
#define CD_BANCOR_INITIAL_SUPPLY 1
#define CD_BANCOR_INITIAL_RESERVE 2
#define CD_CP_VIRTUAL_RESERVE 0
#define CD_CP_VIRTUAL_SUPPLY 1

/* The kind's name ("linear"), or NULL for an unknown code. */
extern const char *cd_curve_kind_name(int kind);
/* Number of parameters of a kind and the name of slot i. */
extern int	cd_curve_param_count(int kind);
extern const char *cd_curve_param_name(int kind, int i);

/*
 * Parse the text form "kind(name=value, ...)".  Names may come in any
 * order; whitespace around tokens is ignored; kind and names are
 * case-insensitive.  Errors: CD_ERR_SYNTAX (message "invalid input syntax
 * for type bonding_curve: ..." with a detail naming the parameter and the
 * reason) or CD_ERR_RANGE (a value above 2^256 - 1).
 */
extern bool cd_curve_parse(const char *text, size_t len, cd_curve *out, cd_error *err);

/*
 * Build a curve from a kind name and parallel name/value strings (the
 * jsonb form and the constructors).  quoted is the input as shown in
 * error messages.
 */
extern bool cd_curve_from_parts(const char *kind, size_t kind_len,
								 const char *const *names, const size_t *name_lens,
								 const char *const *values, const size_t *value_lens,
								 int n, const char *quoted, cd_curve *out, cd_error *err);

/*
 * Check a struct that came from outside (binary input): known kind,
 * canonical scales and zero padding, parameter rules.  what is used in
 * messages.
 */
extern bool cd_curve_validate(const cd_curve *c, cd_error *err);

/* Canonical text: "linear(base=1000, slope=7)"; returns the length. */
extern size_t cd_curve_format(const cd_curve *c, char out[CD_CURVE_TEXT_LEN]);
/* Parameter i as canonical decimal text ("1000", "1.05"); returns the length. */
extern size_t cd_curve_format_param(const cd_curve *c, int i, char *out, size_t outsize);

/* Total order: kind code, then the parameters by value, in slot order. */
extern int	cd_curve_cmp(const cd_curve *a, const cd_curve *b);

/* ---- pricing (curve_pricing.c); every amount is in base units ---- */

/* reserve(s) = ceil(R(s)), or ceil(R(s)) + 1 at most for the irrational kinds */
extern bool cd_curve_reserve(const cd_curve *c, const cd_u256 *supply, cd_u256 *out, cd_error *err);
/* reserve(s + a) - reserve(s) */
extern bool cd_curve_buy_cost(const cd_curve *c, const cd_u256 *supply, const cd_u256 *amount,
							  cd_u256 *out, cd_error *err);
/* reserve(s) - reserve(s - a); amount > supply is an error */
extern bool cd_curve_sell_proceeds(const cd_curve *c, const cd_u256 *supply, const cd_u256 *amount,
								   cd_u256 *out, cd_error *err);
/* the largest amount whose buy cost is at most budget */
extern bool cd_curve_buy_amount(const cd_curve *c, const cd_u256 *supply, const cd_u256 *budget,
								cd_u256 *out, cd_error *err);
/* the smallest amount whose sell proceeds are at least proceeds */
extern bool cd_curve_sell_amount(const cd_curve *c, const cd_u256 *supply, const cd_u256 *proceeds,
								 cd_u256 *out, cd_error *err);

#define CD_CURVE_MAX_SPOT_SCALE 100
/*
 * The instantaneous price at supply s (for the discrete kinds the price
 * of unit s; for bancor and constant_product dR/dS), rounded half-even to
 * scale decimals, as decimal text ("12.500").  out must hold
 * CD_CURVE_SPOT_LEN bytes.
 */
#define CD_CURVE_SPOT_LEN 1400
extern bool cd_curve_spot_price(const cd_curve *c, const cd_u256 *supply, int scale,
								char *out, size_t outsize, cd_error *err);

#endif							/* CD_BONDING_CURVE_H */
