/*
 * uint256.h - unsigned 256-bit integers for amounts in base units
 *
 * Amounts (wei, token units) are uint256 on chain, so they are here.  The
 * value is four 64-bit GMP limbs, least significant first; arithmetic uses
 * GMP's mpn layer, which works on caller-provided limbs and never
 * allocates, so no library memory can leak when PostgreSQL raises an error.
 * Wider intermediates (a product before a division) are plain limb arrays
 * handled by the callers with the same mpn functions.
 */
#ifndef CD_UINT256_H
#define CD_UINT256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "cd_error.h"

#define CD_U256_LIMBS 4
/* 2^256 - 1 has 78 decimal digits */
#define CD_U256_MAX_DIGITS 78
#define CD_U256_DECIMAL_LEN (CD_U256_MAX_DIGITS + 1)

typedef struct cd_u256
{
	mp_limb_t	limb[CD_U256_LIMBS];
} cd_u256;

extern void cd_u256_zero(cd_u256 *v);
extern void cd_u256_from_u64(cd_u256 *v, uint64_t x);
extern void cd_u256_max(cd_u256 *v);
extern bool cd_u256_is_zero(const cd_u256 *v);
/* true and *x set when v fits in uint64 */
extern bool cd_u256_to_u64(const cd_u256 *v, uint64_t *x);
extern int	cd_u256_cmp(const cd_u256 *a, const cd_u256 *b);

/*
 * The 32-byte big-endian form, as uint256 is on chain (ABI words, EIP-712
 * encodeData, the ledger's amount encoding): most significant byte first.
 */
extern void cd_u256_to_be32(const cd_u256 *v, uint8_t out[32]);
extern void cd_u256_from_be32(const uint8_t in[32], cd_u256 *v);

/*
 * Parse a plain decimal integer ("0", "123", "00042"; no sign, no point,
 * no spaces).  Fails with CD_ERR_RANGE above 2^256 - 1 and CD_ERR_SYNTAX
 * on anything that is not a digit.  what names the value in messages.
 */
extern bool cd_u256_parse_decimal(const char *s, size_t len, cd_u256 *out,
								  const char *what, cd_error *err);
/* Decimal digits, NUL-terminated; returns the length. */
extern size_t cd_u256_format_decimal(const cd_u256 *v, char out[CD_U256_DECIMAL_LEN]);

/* Checked arithmetic: false on overflow (or underflow for sub). */
extern bool cd_u256_add(const cd_u256 *a, const cd_u256 *b, cd_u256 *out);
extern bool cd_u256_sub(const cd_u256 *a, const cd_u256 *b, cd_u256 *out);
extern bool cd_u256_mul(const cd_u256 *a, const cd_u256 *b, cd_u256 *out);
/* false when b is zero */
extern bool cd_u256_divmod(const cd_u256 *a, const cd_u256 *b, cd_u256 *quot, cd_u256 *rem);

/*
 * floor(a * b / c) and the remainder, with a 512-bit intermediate, so the
 * product may exceed uint256 while the quotient does not.  false when c is
 * zero or the quotient overflows uint256.
 */
extern bool cd_u256_muldiv(const cd_u256 *a, const cd_u256 *b, const cd_u256 *c,
						   cd_u256 *quot, cd_u256 *rem);

#ifdef __SIZEOF_INT128__
/*
 * (hi * 2^64 + lo) / d and its remainder, for hi < d (so the quotient fits
 * in 64 bits): one divq on x86-64, a 128-bit division elsewhere.  For the
 * hot paths that divide two-limb values without a call into GMP.
 */
static inline uint64_t
cd_div_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__) && defined(__GNUC__)
	uint64_t	q;
	uint64_t	r;

	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
	*rem = r;
	return q;
#else
	unsigned __int128 x = ((unsigned __int128) hi << 64) | lo;

	*rem = (uint64_t) (x % d);
	return (uint64_t) (x / d);
#endif
}
#endif

#endif							/* CD_UINT256_H */
