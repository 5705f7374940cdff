/*
 * numeric_u256.c - converting SQL numeric amounts to and from cd_u256
 *
 * Amounts cross this boundary on every pricing call, so the conversion
 * works on numeric's base-10000 digits directly instead of going through
 * text.  numeric.h keeps the struct private, but its layout is the on-disk
 * format (pg_upgrade keeps numeric columns as they are), stable since
 * PostgreSQL 9.1; the few definitions needed are repeated below with
 * numeric.c's names.  Values built here are exactly what numeric.c's
 * make_result() builds (short header, no leading or trailing zero digits),
 * so they compare, hash and print like any other numeric.  Error paths,
 * which are rare, still print the value with numeric_out.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "creative_defi.h"
#include "numeric_u256.h"

/* ---- from src/backend/utils/adt/numeric.c (PostgreSQL 15) ---- */
#define NBASE 10000
typedef int16 NumericDigit;

struct NumericShort
{
	uint16		n_header;
	NumericDigit n_data[FLEXIBLE_ARRAY_MEMBER];
};

struct NumericLong
{
	uint16		n_sign_dscale;
	int16		n_weight;
	NumericDigit n_data[FLEXIBLE_ARRAY_MEMBER];
};

union NumericChoice
{
	uint16		n_header;
	struct NumericLong n_long;
	struct NumericShort n_short;
};

struct NumericData
{
	int32		vl_len_;
	union NumericChoice choice;
};

#define NUMERIC_SIGN_MASK	0xC000
#define NUMERIC_NEG			0x4000
#define NUMERIC_SHORT		0x8000
#define NUMERIC_SPECIAL		0xC000
#define NUMERIC_FLAGBITS(n) ((n)->choice.n_header & NUMERIC_SIGN_MASK)
#define NUMERIC_IS_SHORT(n)		(NUMERIC_FLAGBITS(n) == NUMERIC_SHORT)
#define NUMERIC_IS_SPECIAL(n)	(NUMERIC_FLAGBITS(n) == NUMERIC_SPECIAL)
#define NUMERIC_HDRSZ_SHORT (VARHDRSZ + sizeof(uint16))
#define NUMERIC_HEADER_IS_SHORT(n)	(((n)->choice.n_header & 0x8000) != 0)
#define NUMERIC_HEADER_SIZE(n) \
	(VARHDRSZ + sizeof(uint16) + \
	 (NUMERIC_HEADER_IS_SHORT(n) ? 0 : sizeof(int16)))
#define NUMERIC_SHORT_SIGN_MASK			0x2000
#define NUMERIC_SHORT_WEIGHT_SIGN_MASK	0x0040
#define NUMERIC_SHORT_WEIGHT_MASK		0x003F
#define NUMERIC_IS_NEGATIVE(n) \
	(NUMERIC_IS_SHORT(n) ? \
	 ((n)->choice.n_short.n_header & NUMERIC_SHORT_SIGN_MASK) != 0 : \
	 NUMERIC_FLAGBITS(n) == NUMERIC_NEG)
#define NUMERIC_WEIGHT(n)	(NUMERIC_HEADER_IS_SHORT((n)) ? \
	(((n)->choice.n_short.n_header & NUMERIC_SHORT_WEIGHT_SIGN_MASK ? \
		~NUMERIC_SHORT_WEIGHT_MASK : 0) \
	 | ((n)->choice.n_short.n_header & NUMERIC_SHORT_WEIGHT_MASK)) \
	: ((n)->choice.n_long.n_weight))
#define NUMERIC_DIGITS(num) (NUMERIC_HEADER_IS_SHORT(num) ? \
	(num)->choice.n_short.n_data : (num)->choice.n_long.n_data)
#define NUMERIC_NDIGITS(num) \
	((VARSIZE(num) - NUMERIC_HEADER_SIZE(num)) / sizeof(NumericDigit))
/* ---- end of numeric.c definitions ---- */

/* 10000^20 > 2^256: a uint256 has at most 20 base-10000 digits */
#define U256_MAX_NDIGITS 20

/* The value as text, for error messages. */
static char *
numeric_text(Numeric num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
}

/*
 * The uint256 value of an integral, non-negative numeric.  Errors (NaN,
 * infinity, negative, fractional, above 2^256 - 1) name the value by what.
 */
void
numeric_get_u256(Numeric num, const char *what, cd_u256 *out)
{
	NumericDigit *digits;
	int			ndigits;
	int			weight;
	int			i;

	if (NUMERIC_IS_SPECIAL(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite integer", what)));
	digits = NUMERIC_DIGITS(num);
	ndigits = NUMERIC_NDIGITS(num);
	weight = NUMERIC_WEIGHT(num);
	if (ndigits > 0 && NUMERIC_IS_NEGATIVE(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", what),
				 errdetail("The value is %s.", numeric_text(num))));
	/* digit i has weight (weight - i); any nonzero digit below 0 is a fraction */
	for (i = Max(weight + 1, 0); i < ndigits; i++)
		if (digits[i] != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a whole number of base units", what),
					 errdetail("The value is %s.", numeric_text(num)),
					 errhint("Amounts are integers in the asset's smallest unit (wei, micro-USDC, token units).")));
	cd_u256_zero(out);
	if (ndigits == 0 || weight < 0)
		return;
	if (weight >= U256_MAX_NDIGITS)
		goto out_of_range;
	for (i = 0; i <= weight; i++)
	{
		mp_limb_t	d = (mp_limb_t) (i < ndigits ? digits[i] : 0);

		/* out = out * NBASE + d, checking the carry out of the top limb */
		if (mpn_mul_1(out->limb, out->limb, CD_U256_LIMBS, NBASE) != 0 ||
			mpn_add_1(out->limb, out->limb, CD_U256_LIMBS, d) != 0)
			goto out_of_range;
	}
	return;

out_of_range:
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s is out of range for uint256", what),
			 errdetail("Amounts are at most 2^256 - 1 base units.")));
}

/*
 * A numeric (scale 0) holding v, laid out as make_result() would: short
 * header, leading and trailing zero digits stripped, zero with no digits.
 */
Numeric
u256_get_numeric(const cd_u256 *v)
{
	NumericDigit digits[U256_MAX_NDIGITS];
	mp_limb_t	work[CD_U256_LIMBS];
	mp_size_t	n = CD_U256_LIMBS;
	int			nd = 0;
	int			first;
	int			last;
	int			weight;
	int			len;
	Numeric		result;

	memcpy(work, v->limb, sizeof(work));
	/* base-10000 digits, least significant first */
	while (n > 0 && work[n - 1] == 0)
		n--;
	while (n > 0)
	{
		digits[nd++] = (NumericDigit) mpn_divrem_1(work, 0, work, n, NBASE);
		while (n > 0 && work[n - 1] == 0)
			n--;
	}
	/* drop trailing (least significant) zero digits; weight counts them */
	first = 0;
	while (first < nd && digits[first] == 0)
		first++;
	weight = nd - 1;
	last = nd - 1;
	if (first == nd)
	{
		weight = 0;
		nd = 0;
	}
	len = NUMERIC_HDRSZ_SHORT + (nd - first) * (int) sizeof(NumericDigit);
	result = (Numeric) palloc(len);
	SET_VARSIZE(result, len);
	result->choice.n_short.n_header = NUMERIC_SHORT | (uint16) (weight & NUMERIC_SHORT_WEIGHT_MASK);
	if (nd > 0)
	{
		int			i;
		int			k = 0;

		for (i = last; i >= first; i--)
			result->choice.n_short.n_data[k++] = digits[i];
	}
	return result;
}
