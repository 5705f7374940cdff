/*
 * bignat.c - fixed-capacity natural numbers on GMP's mpn layer
 */
#include <string.h>

#include "bignat.h"

/* Drop leading zero limbs so that n is the exact size. */
static void
normalize(cd_nat *r)
{
	while (r->n > 0 && r->d[r->n - 1] == 0)
		r->n--;
}

void
cd_nat_set_u64(cd_nat *r, uint64_t x)
{
	r->d[0] = (mp_limb_t) x;
	r->n = x != 0 ? 1 : 0;
}

void
cd_nat_set_u256(cd_nat *r, const cd_u256 *v)
{
	memcpy(r->d, v->limb, sizeof(v->limb));
	r->n = CD_U256_LIMBS;
	normalize(r);
}

bool
cd_nat_get_u256(const cd_nat *r, cd_u256 *v)
{
	if (r->n > CD_U256_LIMBS)
		return false;
	cd_u256_zero(v);
	if (r->n > 0)
		memcpy(v->limb, r->d, (size_t) r->n * sizeof(mp_limb_t));
	return true;
}

bool
cd_nat_is_zero(const cd_nat *a)
{
	return a->n == 0;
}

int
cd_nat_cmp(const cd_nat *a, const cd_nat *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	if (a->n == 0)
		return 0;
	return mpn_cmp(a->d, b->d, a->n);
}

uint64_t
cd_nat_bits(const cd_nat *a)
{
	if (a->n == 0)
		return 0;
	return (uint64_t) mpn_sizeinbase(a->d, a->n, 2);
}

/*
 * r->n after an mpn operation over n limbs that carried out carry: one
 * limb more when carry is not zero; false when that exceeds the capacity.
 */
static bool
set_size_with_carry(cd_nat *r, mp_size_t n, mp_limb_t carry)
{
	if (carry)
	{
		if (n >= CD_NAT_LIMBS)
			return false;
		r->d[n++] = carry;
	}
	r->n = n;
	return true;
}

bool
cd_nat_add(cd_nat *r, const cd_nat *a, const cd_nat *b)
{
	const cd_nat *big = a->n >= b->n ? a : b;
	const cd_nat *small = a->n >= b->n ? b : a;
	mp_limb_t	carry;
	mp_size_t	n = big->n;

	if (small->n == 0)
	{
		if (r != big)
			*r = *big;
		return true;
	}
	carry = mpn_add(r->d, big->d, big->n, small->d, small->n);
	return set_size_with_carry(r, n, carry);
}

/* The one-limb variant of a two-operand operation: r = op(a, b). */
static bool
with_u64(bool (*op) (cd_nat *, const cd_nat *, const cd_nat *),
		 cd_nat *r, const cd_nat *a, uint64_t b)
{
	cd_nat		t;

	cd_nat_set_u64(&t, b);
	return op(r, a, &t);
}

bool
cd_nat_add_1(cd_nat *r, const cd_nat *a, uint64_t b)
{
	return with_u64(cd_nat_add, r, a, b);
}

bool
cd_nat_sub(cd_nat *r, const cd_nat *a, const cd_nat *b)
{
	if (cd_nat_cmp(a, b) < 0)
		return false;
	if (b->n == 0)
	{
		if (r != a)
			*r = *a;
		return true;
	}
	mpn_sub(r->d, a->d, a->n, b->d, b->n);
	r->n = a->n;
	normalize(r);
	return true;
}

bool
cd_nat_sub_1(cd_nat *r, const cd_nat *a, uint64_t b)
{
	return with_u64(cd_nat_sub, r, a, b);
}

bool
cd_nat_mul(cd_nat *r, const cd_nat *a, const cd_nat *b)
{
	mp_limb_t	wide[2 * CD_NAT_LIMBS];
	mp_size_t	n;

	if (a->n == 0 || b->n == 0)
	{
		r->n = 0;
		return true;
	}
	n = a->n + b->n;
	if (n - 1 > CD_NAT_LIMBS)
		return false;
	/* mpn_mul wants the longer operand first */
	if (a->n >= b->n)
		mpn_mul(wide, a->d, a->n, b->d, b->n);
	else
		mpn_mul(wide, b->d, b->n, a->d, a->n);
	while (n > 0 && wide[n - 1] == 0)
		n--;
	if (n > CD_NAT_LIMBS)
		return false;
	memcpy(r->d, wide, (size_t) n * sizeof(mp_limb_t));
	r->n = n;
	return true;
}

bool
cd_nat_mul_1(cd_nat *r, const cd_nat *a, uint64_t b)
{
	mp_limb_t	carry;
	mp_size_t	n = a->n;

	if (n == 0 || b == 0)
	{
		r->n = 0;
		return true;
	}
	carry = mpn_mul_1(r->d, a->d, n, (mp_limb_t) b);
	return set_size_with_carry(r, n, carry);
}

const uint64_t cd_pow10_u64[CD_POW10_U64_COUNT] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL
};

bool
cd_nat_mul_pow10(cd_nat *r, const cd_nat *a, unsigned e)
{
	if (r != a)
		*r = *a;
	while (e > 0)
	{
		unsigned	step = e > 19 ? 19 : e;

		if (!cd_nat_mul_1(r, r, cd_pow10_u64[step]))
			return false;
		e -= step;
	}
	return true;
}

void
cd_nat_divexact_1(cd_nat *r, const cd_nat *a, uint64_t b)
{
	if (a->n == 0)
	{
		r->n = 0;
		return;
	}
	mpn_divexact_1(r->d, a->d, a->n, (mp_limb_t) b);
	r->n = a->n;
	normalize(r);
}

bool
cd_nat_divmod(cd_nat *q, cd_nat *rem, const cd_nat *a, const cd_nat *b)
{
	cd_nat		qq;
	cd_nat		rr;

	if (b->n == 0)
		return false;
	if (a->n < b->n)
	{
		rr = *a;
		qq.n = 0;
	}
	else
	{
		mpn_tdiv_qr(qq.d, rr.d, 0, a->d, a->n, b->d, b->n);
		qq.n = a->n - b->n + 1;
		rr.n = b->n;
		normalize(&qq);
		normalize(&rr);
	}
	if (q)
		*q = qq;
	if (rem)
		*rem = rr;
	return true;
}

bool
cd_nat_cdiv(cd_nat *r, const cd_nat *a, const cd_nat *b)
{
	cd_nat		rem;

	if (!cd_nat_divmod(r, &rem, a, b))
		return false;
	if (rem.n != 0)
		return cd_nat_add_1(r, r, 1);
	return true;
}

bool
cd_nat_pow10(cd_nat *r, unsigned e)
{
	cd_nat_set_u64(r, 1);
	return cd_nat_mul_pow10(r, r, e);
}

size_t
cd_nat_format(const cd_nat *a, char *out, size_t outsize)
{
	mp_limb_t	scratch[CD_NAT_LIMBS + 1];
	unsigned char digits[CD_NAT_LIMBS * 20 + 2];
	size_t		len;
	size_t		i;

	if (outsize < 2)
		return 0;
	if (a->n == 0)
	{
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	/* mpn_get_str clobbers its input and wants one spare limb */
	memcpy(scratch, a->d, (size_t) a->n * sizeof(mp_limb_t));
	scratch[a->n] = 0;
	len = mpn_get_str(digits, 10, scratch, a->n);
	if (len + 1 > outsize)
		len = outsize - 1;
	for (i = 0; i < len; i++)
		out[i] = (char) ('0' + digits[i]);
	out[len] = '\0';
	return len;
}
