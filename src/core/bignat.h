/*
 * bignat.h - fixed-capacity natural numbers on the stack, for exact pricing
 *
 * The curve formulas need intermediates wider than uint256 (s^9 times a
 * coefficient times a power of ten), but never more than a few thousand
 * bits.  A cd_nat holds up to CD_NAT_LIMBS limbs inline and uses GMP's
 * allocation-free mpn layer, so a computation can stop at any point
 * without leaking, and a small value costs only its used limbs.
 * Every operation that could exceed the capacity returns false.
 */
#ifndef CD_BIGNAT_H
#define CD_BIGNAT_H

#include <stdbool.h>
#include <stdint.h>

#include <gmp.h>

#include "uint256.h"

/* 4096 bits: room for (2^256)^9 times a 256-bit coefficient and 10^80 */
#define CD_NAT_LIMBS 64

typedef struct cd_nat
{
	mp_size_t	n;				/* used limbs; 0 for zero; no leading zero limb */
	mp_limb_t	d[CD_NAT_LIMBS];
} cd_nat;

extern void cd_nat_set_u64(cd_nat *r, uint64_t x);
extern void cd_nat_set_u256(cd_nat *r, const cd_u256 *v);
/* false when r does not fit in uint256 */
extern bool cd_nat_get_u256(const cd_nat *r, cd_u256 *v);
extern bool cd_nat_is_zero(const cd_nat *a);
extern int	cd_nat_cmp(const cd_nat *a, const cd_nat *b);
/* number of significant bits (0 for zero) */
extern uint64_t cd_nat_bits(const cd_nat *a);

/* r may alias a or b in add, sub, mul_1, add_1, divexact_1; not in mul */
extern bool cd_nat_add(cd_nat *r, const cd_nat *a, const cd_nat *b);
extern bool cd_nat_add_1(cd_nat *r, const cd_nat *a, uint64_t b);
/* r = a - b; false when b > a */
extern bool cd_nat_sub(cd_nat *r, const cd_nat *a, const cd_nat *b);
extern bool cd_nat_sub_1(cd_nat *r, const cd_nat *a, uint64_t b);
extern bool cd_nat_mul(cd_nat *r, const cd_nat *a, const cd_nat *b);
extern bool cd_nat_mul_1(cd_nat *r, const cd_nat *a, uint64_t b);
/* 10^0 .. 10^19: 10^19 is the largest power of ten in a 64-bit limb */
#define CD_POW10_U64_COUNT 20
extern const uint64_t cd_pow10_u64[CD_POW10_U64_COUNT];

/* r = a * 10^e */
extern bool cd_nat_mul_pow10(cd_nat *r, const cd_nat *a, unsigned e);
/* r = a / b for a known multiple of b (b > 0) */
extern void cd_nat_divexact_1(cd_nat *r, const cd_nat *a, uint64_t b);
/* q = floor(a / b), rem = a mod b; false when b is zero.  q, rem may be NULL. */
extern bool cd_nat_divmod(cd_nat *q, cd_nat *rem, const cd_nat *a, const cd_nat *b);
/* r = ceil(a / b); false when b is zero */
extern bool cd_nat_cdiv(cd_nat *r, const cd_nat *a, const cd_nat *b);
/* r = 10^e */
extern bool cd_nat_pow10(cd_nat *r, unsigned e);
/* Decimal digits into out (size >= 1234 holds any value); returns the length. */
extern size_t cd_nat_format(const cd_nat *a, char *out, size_t outsize);

#endif							/* CD_BIGNAT_H */
