/*
 * pg_numeric_u256.c - converting SQL numeric amounts to and from cd_u256
 *
 * Fast path: read and write numeric's stored form directly.  That form is
 * the on-disk format (pg_upgrade keeps it readable across major versions,
 * unchanged since 9.1 apart from the special values added in 14), so it is
 * stable even though numeric.c keeps its struct private:
 *
 *   uint16 header, then base-10000 digits (int16, most significant first)
 *   short form:  header = 0x8000 | sign 0x2000 | dscale << 7 (6 bits)
 *                | weight sign 0x0040 | weight & 0x003F
 *   long form:   header = sign (0x0000 / 0x4000) | dscale (14 bits),
 *                then int16 weight
 *   special:     header & 0xC000 == 0xC000 (NaN, +-Infinity)
 *
 * The value is sum(digit[i] * 10000^(weight - i)); trailing zero digits
 * are not stored.  Anything the fast path does not accept as a uint256
 * (special, negative, fractional, too large) goes to the text path, which
 * raises the precise error, so error messages are unchanged.  Output
 * builds the canonical short form make_result() would (no leading or
 * trailing zero digits, dscale 0), checked against numeric_in in
 * sql/amm.sql.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "pg_creative_defi.h"
#include "pg_numeric_u256.h"

#define NUM_SIGN_MASK 0xC000
#define NUM_NEG 0x4000
#define NUM_SHORT 0x8000
#define NUM_SPECIAL 0xC000
#define NUM_SHORT_SIGN_MASK 0x2000
#define NUM_SHORT_WEIGHT_SIGN_MASK 0x0040
#define NUM_SHORT_WEIGHT_MASK 0x003F
#define NUM_BASE 10000
/* 10000^4 = 10^16: four base-10000 digits per limb-sized chunk */
#define NUM_CHUNK UINT64CONST(10000000000000000)
/* 2^256 - 1 < 10000^20, so a uint256 has at most 20 base-10000 digits */
#define U256_MAX_NUM_DIGITS 20

/*
 * The text path: handles every input, raising the error for anything that
 * is not a uint256.  The fast path falls back to it.
 */
static void
numeric_get_u256_text(Numeric num, const char *what, cd_u256 *out)
{
	char	   *text;
	char	   *point;
	size_t		len;
	cd_error	err;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite integer", what)));

	text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	if (text[0] == '-')
	{
		/* "-0" does not occur: numeric_out prints zero as "0" */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", what),
				 errdetail("The value is %s.", text)));
	}
	len = strlen(text);
	point = strchr(text, '.');
	if (point != NULL)
	{
		const char *p;

		for (p = point + 1; *p; p++)
			if (*p != '0')
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be a whole number of base units", what),
						 errdetail("The value is %s.", text),
						 errhint("Amounts are integers in the asset's smallest unit (wei, micro-USDC, token units).")));
		len = (size_t) (point - text);
	}
	cd_error_clear(&err);
	if (!cd_u256_parse_decimal(text, len, out, what, &err))
		cd_raise(&err);
	pfree(text);
}

/* Base-10000 digit pos of the stored digits (0 past the stored ones). */
static inline uint64
digit_at(const char *digits, int pos, int ndigits)
{
	int16		d;

	if (pos >= ndigits)
		return 0;
	memcpy(&d, digits + (Size) pos * sizeof(int16), sizeof(int16));
	return (uint64) d;
}

/*
 * Decode the stored digits of a non-negative integral numeric of at most
 * 20 integer digits; false for anything else (the caller falls back).
 * data/len are the bytes after the varlena header (possibly unaligned,
 * hence memcpy).
 */
static bool
stored_numeric_get_u256(const char *data, Size len, cd_u256 *out)
{
	uint16		header;
	int			weight;
	Size		hdr;
	int			ndigits;
	int			i;

	if (len < sizeof(uint16))
		return false;
	memcpy(&header, data, sizeof(uint16));
	if ((header & NUM_SIGN_MASK) == NUM_SPECIAL)
		return false;
	if (header & NUM_SHORT)
	{
		if (header & NUM_SHORT_SIGN_MASK)
			return false;
		weight = (header & NUM_SHORT_WEIGHT_SIGN_MASK) ? ((int) (header & NUM_SHORT_WEIGHT_MASK) | ~NUM_SHORT_WEIGHT_MASK)
			: (int) (header & NUM_SHORT_WEIGHT_MASK);
		hdr = sizeof(uint16);
	}
	else
	{
		int16		w;

		if ((header & NUM_SIGN_MASK) == NUM_NEG || len < 2 * sizeof(uint16))
			return false;
		memcpy(&w, data + sizeof(uint16), sizeof(int16));
		weight = w;
		hdr = 2 * sizeof(uint16);
	}
	ndigits = (int) ((len - hdr) / sizeof(int16));
	cd_u256_zero(out);
	if (ndigits == 0)
		return true;			/* zero */
	/* digits after the decimal point (index > weight) must be absent */
	if (weight < 0 || ndigits > weight + 1 || weight >= U256_MAX_NUM_DIGITS)
		return false;
	data += hdr;

	/*
	 * value = digits padded with zeros to weight + 1 places.  Accumulate
	 * in 10^16 chunks: the first chunk takes the (weight + 1) % 4 leading
	 * digits so the rest are whole chunks of four.
	 */
	{
		int			places = weight + 1;
		int			first = places % 4 == 0 ? 4 : places % 4;
		int			pos = 0;
		uint64		chunk = 0;

		for (i = 0; i < first; i++, pos++)
			chunk = chunk * NUM_BASE + digit_at(data, pos, ndigits);
		out->limb[0] = (mp_limb_t) chunk;
		if (places <= 8)
		{
			/* up to 32 decimal digits (< 2^107): native 128-bit arithmetic */
			unsigned __int128 acc = chunk;

			while (pos < places)
			{
				chunk = 0;
				for (i = 0; i < 4; i++, pos++)
					chunk = chunk * NUM_BASE + digit_at(data, pos, ndigits);
				acc = acc * NUM_CHUNK + chunk;
			}
			out->limb[0] = (mp_limb_t) acc;
			out->limb[1] = (mp_limb_t) (acc >> 64);
			return true;
		}
		while (pos < places)
		{
			mp_limb_t	carry;

			chunk = 0;
			for (i = 0; i < 4; i++, pos++)
				chunk = chunk * NUM_BASE + digit_at(data, pos, ndigits);
			carry = mpn_mul_1(out->limb, out->limb, CD_U256_LIMBS, (mp_limb_t) NUM_CHUNK);
			carry += mpn_add_1(out->limb, out->limb, CD_U256_LIMBS, (mp_limb_t) chunk);
			if (carry != 0)
				return false;	/* above 2^256 - 1: the text path says so */
		}
	}
	return true;
}

/*
 * The uint256 in a numeric: stored digits when they are a uint256, else
 * the text path (which raises the error).
 */
void
numeric_get_u256(Numeric num, const char *what, cd_u256 *out)
{
	if (stored_numeric_get_u256(VARDATA(num), VARSIZE(num) - VARHDRSZ, out))
		return;
	numeric_get_u256_text(num, what, out);
}

/*
 * Like numeric_get_u256 on a Datum, without copying a short-header
 * (packed) value to a 4-byte header first: for hot loops over table rows.
 */
void
numeric_datum_get_u256(Datum d, const char *what, cd_u256 *out)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	/* PG_DETOAST_DATUM_PACKED, without a function call in the usual case */
	if (VARATT_IS_COMPRESSED(v) || VARATT_IS_EXTERNAL(v))
		v = pg_detoast_datum_packed(v);

	if (stored_numeric_get_u256(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), out))
		return;
	numeric_get_u256_text(DatumGetNumeric(d), what, out);
}

/* see pg_numeric_u256.h */
void
numeric_args_get_u256(FunctionCallInfo fcinfo, const char *const names[], int n, cd_u256 out[])
{
	for (int i = 0; i < n; i++)
		PG_GETARG_U256(i, names[i], &out[i]);
}

/*
 * A numeric holding v, in the canonical short form make_result() builds.
 */
Numeric
u256_get_numeric(const cd_u256 *v)
{
	int16		digits[U256_MAX_NUM_DIGITS + 4];	/* least significant first */
	int			n = 0;
	int			lead;
	int			trail = 0;
	int			ndigits;
	int			i;
	Size		len;
	Numeric		result;
	char	   *p;
	uint16		header;
	cd_u256		rest = *v;
	mp_size_t	size = CD_U256_LIMBS;

	while (size > 0 && rest.limb[size - 1] == 0)
		size--;
	/* peel off 10^16 chunks, four base-10000 digits each */
	if (size <= 2)
	{
		/* below 2^128: two-word schoolbook division by 10^16 */
		uint64		hi = rest.limb[1];
		uint64		lo = rest.limb[0];

		while (hi != 0 || lo != 0)
		{
			uint64		chunk;

			if (hi == 0)
			{
				chunk = lo % NUM_CHUNK;
				lo /= NUM_CHUNK;
			}
			else
			{
				uint64		r = hi % NUM_CHUNK;

				hi /= NUM_CHUNK;
				lo = cd_div_2by1(r, lo, NUM_CHUNK, &chunk);
			}
			for (i = 0; i < 4; i++)
			{
				digits[n++] = (int16) (chunk % NUM_BASE);
				chunk /= NUM_BASE;
			}
		}
		size = 0;
	}
	while (size > 0)
	{
		uint64		chunk;

		if (size == 1)
		{
			chunk = (uint64) rest.limb[0] % NUM_CHUNK;
			rest.limb[0] /= NUM_CHUNK;
		}
		else
			chunk = (uint64) mpn_divrem_1(rest.limb, 0, rest.limb, size, (mp_limb_t) NUM_CHUNK);
		while (size > 0 && rest.limb[size - 1] == 0)
			size--;
		for (i = 0; i < 4; i++)
		{
			digits[n++] = (int16) (chunk % NUM_BASE);
			chunk /= NUM_BASE;
		}
	}
	/* strip leading (most significant) and trailing zero digits */
	lead = n;
	while (lead > 0 && digits[lead - 1] == 0)
		lead--;
	while (trail < lead && digits[trail] == 0)
		trail++;
	ndigits = lead - trail;

	len = VARHDRSZ + sizeof(uint16) + (Size) ndigits * sizeof(int16);
	result = (Numeric) palloc(len);
	SET_VARSIZE(result, len);
	/* short form, positive, dscale 0; weight lead - 1 is 0..19 (0 for zero) */
	header = NUM_SHORT | (uint16) (lead > 0 ? lead - 1 : 0);
	p = VARDATA(result);
	memcpy(p, &header, sizeof(uint16));
	p += sizeof(uint16);
	for (i = lead - 1; i >= trail; i--)
	{
		memcpy(p, &digits[i], sizeof(int16));
		p += sizeof(int16);
	}
	return result;
}
