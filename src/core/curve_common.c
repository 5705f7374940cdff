/*
 * curve_common.c - helpers shared by the curve files: the reserve's range
 * error, bancor's exponent in lowest terms, the fixed-point formatter
 *
 * A leaf: it calls no other curve file, so every curve file may call it
 * without a cycle between files (scripts/check-layout.sh checks that).
 */
#include <string.h>

#include <mpfr.h>

#include "bignat.h"
#include "curve_kernels.h"

/* the 22003 error of a reserve out of range at supply s */
bool
cd_curve_reserve_overflow(const cd_u256 *s, cd_error *err)
{
	char		buf[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(s, buf);
	cd_fail(err, CD_ERR_RANGE, "curve reserve at supply %s is out of range for uint256", buf);
	cd_error_detail(err, "The total cost of the first %s units exceeds 2^256 - 1 base units.", buf);
	return false;
}

/* f = ratio - 1 of an exponential curve, rounded down: (Q - 10^q) exactly, then / 10^q */
void
cd_curve_exp_ratio_minus_one(mpfr_t f, const cd_curve *c)
{
	mpz_t		view;
	mpfr_t		p10;
	cd_nat		m;
	cd_nat		p;
	cd_u256		diff;

	cd_nat_set_u256(&m, &c->param[CD_EXP_RATIO]);
	cd_nat_pow10(&p, c->scale[CD_EXP_RATIO]);
	cd_nat_sub(&m, &m, &p);
	cd_nat_get_u256(&m, &diff);
	mpfr_set_z(f, cd_curve_mpz_view(view, &diff), MPFR_RNDD);
	/* 10^q < 2^133 is exact at any precision of 133 bits or more */
	mpfr_init2(p10, 160);
	mpfr_ui_pow_ui(p10, 10, c->scale[CD_EXP_RATIO], MPFR_RNDN);
	mpfr_div(f, f, p10, MPFR_RNDD);
	mpfr_clear(p10);
}

/* Bits of 10^q, rounded up (log2(10) < 3.33). */
long
cd_curve_pow10_bits(unsigned q)
{
	return ((long) q * 333 + 99) / 100 + 1;
}

/* 1/reserve_ratio = 10^q / m in lowest terms, as num / den */
void
cd_curve_bancor_exponent(const cd_curve *c, unsigned long *num, unsigned long *den)
{
	uint64_t	m = (uint64_t) c->param[CD_BANCOR_RESERVE_RATIO].limb[0];
	uint64_t	p = 1;
	uint64_t	a;
	uint64_t	b;
	unsigned	q;

	for (q = 0; q < c->scale[CD_BANCOR_RESERVE_RATIO]; q++)
		p *= 10;
	/* gcd(p, m) */
	a = p;
	b = m;
	while (b != 0)
	{
		uint64_t	r = a % b;

		a = b;
		b = r;
	}
	*num = (unsigned long) (p / a);
	*den = (unsigned long) (m / a);
}

/* digits with scale decimals (see curve_kernels.h) */
bool
cd_curve_format_fixed(const char *digits, size_t len, int scale, char *out, size_t outsize)
{
	size_t		pos = 0;
	size_t		k;

	if (len + (size_t) scale + 4 > outsize)
		return false;
	if (scale == 0)
	{
		memcpy(out, digits, len);
		out[len] = '\0';
		return true;
	}
	if (len <= (size_t) scale)
	{
		out[pos++] = '0';
		out[pos++] = '.';
		for (k = len; k < (size_t) scale; k++)
			out[pos++] = '0';
		memcpy(out + pos, digits, len);
		pos += len;
	}
	else
	{
		memcpy(out, digits, len - (size_t) scale);
		pos = len - (size_t) scale;
		out[pos++] = '.';
		memcpy(out + pos, digits + len - scale, (size_t) scale);
		pos += (size_t) scale;
	}
	out[pos] = '\0';
	return true;
}
