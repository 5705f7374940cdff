/*
 * uint256.c - unsigned 256-bit integers on GMP's allocation-free mpn layer
 */
#include <string.h>

#include "uint256.h"

/* the byte order helpers below take a limb as exactly eight bytes */
_Static_assert(sizeof(mp_limb_t) == 8, "cd_u256 limbs are 64 bits wide");

/* number of significant limbs (0 for zero) */
static mp_size_t
limb_count(const mp_limb_t *limbs, mp_size_t n)
{
	while (n > 0 && limbs[n - 1] == 0)
		n--;
	return n;
}

void
cd_u256_zero(cd_u256 *v)
{
	memset(v, 0, sizeof(*v));
}

void
cd_u256_from_u64(cd_u256 *v, uint64_t x)
{
	cd_u256_zero(v);
	v->limb[0] = (mp_limb_t) x;
}

void
cd_u256_max(cd_u256 *v)
{
	int			i;

	for (i = 0; i < CD_U256_LIMBS; i++)
		v->limb[i] = ~(mp_limb_t) 0;
}

bool
cd_u256_is_zero(const cd_u256 *v)
{
	return limb_count(v->limb, CD_U256_LIMBS) == 0;
}

bool
cd_u256_to_u64(const cd_u256 *v, uint64_t *x)
{
	if (limb_count(v->limb, CD_U256_LIMBS) > 1)
		return false;
	*x = (uint64_t) v->limb[0];
	return true;
}

int
cd_u256_cmp(const cd_u256 *a, const cd_u256 *b)
{
	return mpn_cmp(a->limb, b->limb, CD_U256_LIMBS);
}

/*
 * Limbs are least significant first; the bytes are most significant first,
 * so limb CD_U256_LIMBS - 1 is bytes 0 to 7, each limb written high byte
 * first.
 */
void
cd_u256_to_be32(const cd_u256 *v, uint8_t out[32])
{
	int			i;
	int			b;

	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		uint64_t	limb = (uint64_t) v->limb[CD_U256_LIMBS - 1 - i];

		for (b = 0; b < 8; b++)
			out[i * 8 + b] = (uint8_t) (limb >> (56 - 8 * b));
	}
}

/* The inverse of cd_u256_to_be32: every 32-byte string is a uint256. */
void
cd_u256_from_be32(const uint8_t in[32], cd_u256 *v)
{
	int			i;
	int			b;

	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		uint64_t	limb = 0;

		for (b = 0; b < 8; b++)
			limb = (limb << 8) | in[i * 8 + b];
		v->limb[CD_U256_LIMBS - 1 - i] = (mp_limb_t) limb;
	}
}

bool
cd_u256_parse_decimal(const char *s, size_t len, cd_u256 *out, const char *what, cd_error *err)
{
	unsigned char digits[CD_U256_MAX_DIGITS];
	mp_limb_t	limbs[CD_U256_LIMBS + 1];
	mp_size_t	n;
	size_t		i;
	size_t		start = 0;

	cd_u256_zero(out);
	if (len == 0)
		return cd_fail(err, CD_ERR_SYNTAX, "%s is empty", what);
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return cd_fail(err, CD_ERR_SYNTAX, "%s must be a non-negative integer", what);
	while (start < len && s[start] == '0')
		start++;
	if (start == len)
		return true;
	if (len - start > CD_U256_MAX_DIGITS)
		goto out_of_range;
	for (i = start; i < len; i++)
		digits[i - start] = (unsigned char) (s[i] - '0');
	memset(limbs, 0, sizeof(limbs));
	n = (mp_size_t) mpn_set_str(limbs, digits, len - start, 10);
	if (n > CD_U256_LIMBS)
		goto out_of_range;
	memcpy(out->limb, limbs, sizeof(out->limb));
	return true;

out_of_range:
	cd_fail(err, CD_ERR_RANGE, "%s is out of range for uint256", what);
	cd_error_detail(err, "Amounts are at most 2^256 - 1 base units.");
	return false;
}

size_t
cd_u256_format_decimal(const cd_u256 *v, char out[CD_U256_DECIMAL_LEN])
{
	mp_limb_t	scratch[CD_U256_LIMBS + 1];
	unsigned char digits[CD_U256_MAX_DIGITS + 2];
	mp_size_t	n = limb_count(v->limb, CD_U256_LIMBS);
	size_t		len;
	size_t		i;

	if (n == 0)
	{
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	/* mpn_get_str clobbers its input and wants one spare limb */
	memcpy(scratch, v->limb, sizeof(v->limb));
	scratch[CD_U256_LIMBS] = 0;
	len = mpn_get_str(digits, 10, scratch, n);
	for (i = 0; i < len; i++)
		out[i] = (char) ('0' + digits[i]);
	out[len] = '\0';
	return len;
}

bool
cd_u256_add(const cd_u256 *a, const cd_u256 *b, cd_u256 *out)
{
	return mpn_add_n(out->limb, a->limb, b->limb, CD_U256_LIMBS) == 0;
}

bool
cd_u256_sub(const cd_u256 *a, const cd_u256 *b, cd_u256 *out)
{
	return mpn_sub_n(out->limb, a->limb, b->limb, CD_U256_LIMBS) == 0;
}

bool
cd_u256_mul(const cd_u256 *a, const cd_u256 *b, cd_u256 *out)
{
	mp_limb_t	wide[2 * CD_U256_LIMBS];

	mpn_mul_n(wide, a->limb, b->limb, CD_U256_LIMBS);
	if (limb_count(wide + CD_U256_LIMBS, CD_U256_LIMBS) != 0)
		return false;
	memcpy(out->limb, wide, sizeof(out->limb));
	return true;
}

/*
 * Divide a numerator of nn limbs by b; quotient must fit in uint256.
 */
static bool
divide_limbs(const mp_limb_t *num, mp_size_t nn, const cd_u256 *b, cd_u256 *quot, cd_u256 *rem)
{
	mp_limb_t	q[2 * CD_U256_LIMBS + 1];
	mp_limb_t	r[CD_U256_LIMBS];
	mp_size_t	dn = limb_count(b->limb, CD_U256_LIMBS);
	mp_size_t	i;

	if (dn == 0)
		return false;
	nn = limb_count(num, nn);
	memset(r, 0, sizeof(r));
	if (nn < dn)
	{
		/* quotient 0, remainder the numerator */
		memcpy(r, num, (size_t) nn * sizeof(mp_limb_t));
		if (quot)
			cd_u256_zero(quot);
		if (rem)
			memcpy(rem->limb, r, sizeof(r));
		return true;
	}
	memset(q, 0, sizeof(q));
	mpn_tdiv_qr(q, r, 0, num, nn, b->limb, dn);
	for (i = CD_U256_LIMBS; i < nn - dn + 1; i++)
		if (q[i] != 0)
			return false;
	if (quot)
		memcpy(quot->limb, q, sizeof(quot->limb));
	if (rem)
		memcpy(rem->limb, r, sizeof(r));
	return true;
}

bool
cd_u256_divmod(const cd_u256 *a, const cd_u256 *b, cd_u256 *quot, cd_u256 *rem)
{
	return divide_limbs(a->limb, CD_U256_LIMBS, b, quot, rem);
}

bool
cd_u256_muldiv(const cd_u256 *a, const cd_u256 *b, const cd_u256 *c, cd_u256 *quot, cd_u256 *rem)
{
	mp_limb_t	wide[2 * CD_U256_LIMBS];

	mpn_mul_n(wide, a->limb, b->limb, CD_U256_LIMBS);
	return divide_limbs(wide, 2 * CD_U256_LIMBS, c, quot, rem);
}
