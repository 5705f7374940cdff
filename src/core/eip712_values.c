/*
 * eip712_values.c - EIP-712 encodeData and hashStruct: integers,
 * addresses, booleans, bytes, strings, arrays and nested structs
 *
 * hashStruct walks the JSON value along the struct table
 * (eip712_types.c), feeding 32-byte words straight into Keccak contexts,
 * so nothing is allocated.  Recursion follows the nesting of the JSON
 * value (bounded by CD_JSON_MAX_DEPTH), never the type graph: a recursive
 * type such as Person { Person mother } only recurses as deep as the data
 * does.  Separate from the table because it is the other half of the
 * work, with its own rules (exact integers, EIP-55 checksums, the
 * signTypedData V4 treatment of missing structs) and its own cache.
 */
#include <stdio.h>
#include <string.h>

#include "eip712_internal.h"
#include "eth_address.h"
#include "hex.h"
#include "keccak.h"
#include "uint256.h"

/* each JSON level is at most one array or struct level of encoding */
#define MAX_ENCODE_DEPTH (CD_JSON_MAX_DEPTH + 2)

/* ---------------------------------------------------------------------
 * Atomic values
 * --------------------------------------------------------------------- */

/* Number of significant bits in a big-endian 32-byte value. */
static int
bit_length(const uint8_t v[32])
{
	int			i;

	for (i = 0; i < 32; i++)
		if (v[i] != 0)
		{
			int			bits = 8;

			while (!(v[i] & (1u << (bits - 1))))
				bits--;
			return (31 - i) * 8 + bits;
		}
	return 0;
}

/* Decimal digits (no sign, leading zeros allowed) into a 32-byte magnitude. */
static bool
decimal_magnitude(const char *s, size_t n, uint8_t mag[32], bool *overflow)
{
	cd_u256		v;
	cd_error	ignored;

	while (n > 1 && s[0] == '0')
	{
		s++;
		n--;
	}
	*overflow = false;
	if (n > CD_U256_MAX_DIGITS)
	{
		*overflow = true;
		return true;
	}
	if (!cd_u256_parse_decimal(s, n, &v, "value", &ignored))
	{
		if (ignored.code == CD_ERR_RANGE)
		{
			*overflow = true;
			return true;
		}
		return false;
	}
	cd_u256_to_be32(&v, mag);
	return true;
}

/* Hex digits (no prefix, at least one) into a 32-byte magnitude. */
static bool
hex_magnitude(const char *s, size_t n, uint8_t mag[32], bool *overflow)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (cd_hex_digit_value(s[i]) < 0)
			return false;
	while (n > 0 && s[0] == '0')
	{
		s++;
		n--;
	}
	*overflow = n > 64;
	if (*overflow)
		return true;
	memset(mag, 0, 32);
	for (i = 0; i < n; i++)
	{
		size_t		nib = 63 - (n - 1 - i);		/* nibble position from the left */
		int			d = cd_hex_digit_value(s[i]);

		mag[nib / 2] |= (uint8_t) (nib % 2 == 0 ? d << 4 : d);
	}
	return true;
}

/* Number of decimal digits at t[p], up to t[n]. */
static size_t
count_digits(const char *t, size_t n, size_t p)
{
	size_t		i = p;

	while (i < n && t[i] >= '0' && t[i] <= '9')
		i++;
	return i - p;
}

/*
 * A JSON number's exact integer value.  "1.0", "1e3" and "2.50e1" are
 * integers (JavaScript reads them so); "1.5" is not.  Returns false with
 * *not_integer set for a fraction, true with *overflow when the value has
 * more than 78 significant digits.
 */
static bool
number_magnitude(const char *t, size_t n, bool *neg, uint8_t mag[32], bool *overflow, bool *not_integer)
{
	const char *ip;
	const char *fp = NULL;
	size_t		ilen;
	size_t		flen = 0;
	long long	exp = 0;
	long long	shift;
	long long	total;
	long long	keep;
	long long	i;
	long long	lead;
	char		digits[CD_U256_MAX_DIGITS + 1];
	size_t		nd = 0;
	size_t		p = 0;

	*neg = false;
	*overflow = false;
	*not_integer = false;
	if (p < n && t[p] == '-')
	{
		*neg = true;
		p++;
	}
	ip = t + p;
	ilen = count_digits(t, n, p);
	p += ilen;
	if (p < n && t[p] == '.')
	{
		p++;
		fp = t + p;
		flen = count_digits(t, n, p);
		p += flen;
	}
	if (p < n && (t[p] == 'e' || t[p] == 'E'))
	{
		bool		eneg = false;

		p++;
		if (p < n && (t[p] == '+' || t[p] == '-'))
			eneg = t[p++] == '-';
		while (p < n && t[p] >= '0' && t[p] <= '9')
		{
			if (exp < 1000000000LL)
				exp = exp * 10 + (t[p] - '0');
			p++;
		}
		if (eneg)
			exp = -exp;
	}
	if (ilen == 0 || p != n)
		return false;

	/* value = D * 10^shift, D being the integer and fraction digits */
#define DIGIT(k) ((k) < (long long) ilen ? ip[(k)] : fp[(k) - (long long) ilen])
	total = (long long) (ilen + flen);
	shift = exp - (long long) flen;
	keep = shift < 0 ? total + shift : total;
	if (keep < 0)
		keep = 0;
	for (i = keep; i < total; i++)
		if (DIGIT(i) != '0')
		{
			*not_integer = true;
			return false;
		}
	for (lead = 0; lead < keep && DIGIT(lead) == '0'; lead++)
		;
	memset(mag, 0, 32);
	if (lead == keep)
		return true;			/* zero */
	if (keep - lead + (shift > 0 ? shift : 0) > CD_U256_MAX_DIGITS)
	{
		*overflow = true;
		return true;
	}
	for (i = lead; i < keep; i++)
		digits[nd++] = DIGIT(i);
	for (i = 0; i < shift; i++)
		digits[nd++] = '0';
#undef DIGIT
	return decimal_magnitude(digits, nd, mag, overflow);
}

/* uintN / intN: range-checked, two's complement for negative intN. */
static bool
encode_integer(enc *e, const field_type *ft, const cd_json *v, uint8_t out[32])
{
	char		tname[16];
	char		quoted[128];
	bool		neg = false;
	bool		overflow = false;
	bool		not_integer = false;
	bool		ok;
	uint8_t		mag[32];
	int			bits;
	int			i;

	snprintf(tname, sizeof(tname), "%s%d", ft->kind == K_UINT ? "uint" : "int", ft->size);
	memset(mag, 0, 32);
	if (v->kind == CD_JSON_NUMBER)
		ok = number_magnitude(v->text, v->len, &neg, mag, &overflow, &not_integer);
	else if (v->kind == CD_JSON_STRING)
	{
		const char *s = v->text;
		size_t		n = v->len;

		if (n > 0 && s[0] == '-')
		{
			neg = true;
			s++;
			n--;
		}
		if (cd_has_hex_prefix(s, n))
			ok = n > 2 && hex_magnitude(s + 2, n - 2, mag, &overflow);
		else
		{
			ok = n > 0;
			for (i = 0; (size_t) i < n && ok; i++)
				ok = s[i] >= '0' && s[i] <= '9';
			ok = ok && decimal_magnitude(s, n, mag, &overflow);
		}
	}
	else
	{
		char		need[64];

		snprintf(need, sizeof(need), "a number or a string for type %s", tname);
		return eip712_fail_kind(e, need, v);
	}
	cd_quote_input(v->text, v->len, quoted, sizeof(quoted));
	if (not_integer)
		return eip712_fail_at(e, CD_ERR_PARAM, "value is not an integer",
							  "Type %s needs an integer; the value is %s.", tname, quoted);
	if (!ok)
	{
		eip712_fail_at(e, CD_ERR_SYNTAX, "invalid integer", "The value \"%s\" is not a valid %s.", quoted, tname);
		cd_error_hint(e->err, "Integers are JSON numbers, decimal strings or 0x-prefixed hexadecimal strings.");
		return false;
	}
	bits = overflow ? 512 : bit_length(mag);
	if (ft->kind == K_UINT)
		ok = bits <= ft->size && !(neg && bits > 0);
	else if (!neg || bits < ft->size)
		ok = bits <= ft->size - 1;
	else
	{
		/* -2^(N-1) is the one negative value with N significant bits */
		int			ones = 0;

		for (i = 0; i < 32; i++)
			ones += __builtin_popcount(mag[i]);
		ok = bits == ft->size && ones == 1;
	}
	if (!ok)
	{
		if (ft->kind == K_UINT)
			return eip712_fail_at(e, CD_ERR_PARAM, "value out of range",
								  "The value %s%s%s is outside %s (0 to 2^%d-1).",
								  v->kind == CD_JSON_STRING ? "\"" : "", quoted,
								  v->kind == CD_JSON_STRING ? "\"" : "", tname, ft->size);
		return eip712_fail_at(e, CD_ERR_PARAM, "value out of range",
							  "The value %s%s%s is outside %s (-2^%d to 2^%d-1).",
							  v->kind == CD_JSON_STRING ? "\"" : "", quoted,
							  v->kind == CD_JSON_STRING ? "\"" : "", tname, ft->size - 1, ft->size - 1);
	}
	if (neg && bits > 0)
	{
		int			carry = 1;

		for (i = 31; i >= 0; i--)
		{
			int			x = (uint8_t) ~mag[i] + carry;

			out[i] = (uint8_t) x;
			carry = x >> 8;
		}
	}
	else
		memcpy(out, mag, 32);
	return true;
}

/* Check "0x" + hex digits (even count); sets *nbytes. */
static bool
check_hex_string(enc *e, const cd_json *v, const char *tname, size_t *nbytes)
{
	char		quoted[128];
	size_t		i;

	if (v->kind != CD_JSON_STRING)
	{
		char		need[64];

		snprintf(need, sizeof(need), "a 0x-prefixed hex string for type %s", tname);
		return eip712_fail_kind(e, need, v);
	}
	cd_quote_input(v->text, v->len, quoted, sizeof(quoted));
	if (!cd_has_hex_prefix(v->text, v->len))
		return eip712_fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
							  "Type %s needs \"0x\" followed by hexadecimal digits; the value is \"%s\".", tname, quoted);
	for (i = 2; i < v->len; i++)
		if (cd_hex_digit_value(v->text[i]) < 0)
			return eip712_fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
								  "Character %zu of \"%s\" is not a hexadecimal digit.", i + 1, quoted);
	if ((v->len - 2) % 2 != 0)
		return eip712_fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
							  "\"%s\" has an odd number of hexadecimal digits.", quoted);
	*nbytes = (v->len - 2) / 2;
	return true;
}

/*
 * Mixed-case addresses whose EIP-55 checksum was verified lately, as their
 * 40 hex digits: the same verifyingContract and wallets come back in every
 * signature, and each check is a Keccak permutation.  Per process, like
 * the type hash cache.
 */
#define CHECKSUM_CACHE_SLOTS 8
static char checksum_cache[CHECKSUM_CACHE_SLOTS][40];
static unsigned checksum_cache_next;

/* True when these 40 digits mix upper and lower case. */
static bool
mixed_case(const char *hex)
{
	bool		lower = false;
	bool		upper = false;
	int			i;

	for (i = 0; i < 40; i++)
	{
		lower |= hex[i] >= 'a' && hex[i] <= 'f';
		upper |= hex[i] >= 'A' && hex[i] <= 'F';
	}
	return lower && upper;
}

/* address: 20 bytes, left-padded; mixed case must be a valid EIP-55 checksum. */
static bool
encode_address(enc *e, const cd_json *v, uint8_t out[32])
{
	size_t		nbytes;
	cd_error	cerr;
	const char *hex;
	unsigned	i;

	/* v may be any JSON kind until check_hex_string has said it is a string */
	if (!check_hex_string(e, v, "address", &nbytes))
		return false;
	hex = v->text + 2;
	if (nbytes != CD_ETH_ADDRESS_LEN)
		return eip712_fail_at(e, CD_ERR_PARAM, "wrong length for type address",
							  "An address is 20 bytes (40 hexadecimal digits), got %zu bytes.", nbytes);
	memset(out, 0, 12);
	if (!mixed_case(hex))
	{
		cd_hex_decode(hex, CD_ETH_ADDRESS_LEN, out + 12);
		return true;
	}
	for (i = 0; i < CHECKSUM_CACHE_SLOTS; i++)
		if (memcmp(checksum_cache[i], hex, 40) == 0)
		{
			cd_hex_decode(hex, CD_ETH_ADDRESS_LEN, out + 12);
			return true;
		}
	if (!cd_eth_address_parse(v->text, v->len, out + 12, &cerr))
	{
		eip712_fail_at(e, CD_ERR_PARAM, "invalid address checksum", "%s", cerr.detail);
		cd_error_hint(e->err, "Check the address for a typing error, or write it all in lower case to skip the checksum.");
		return false;
	}
	memcpy(checksum_cache[checksum_cache_next++ % CHECKSUM_CACHE_SLOTS], hex, 40);
	return true;
}

/* bytesN: exactly N bytes, right-padded with zeros. */
static bool
encode_bytes_n(enc *e, const field_type *ft, const cd_json *v, uint8_t out[32])
{
	char		tname[16];
	size_t		nbytes;

	snprintf(tname, sizeof(tname), "bytes%d", ft->size);
	if (!check_hex_string(e, v, tname, &nbytes))
		return false;
	if (nbytes != (size_t) ft->size)
	{
		char		what[48];

		snprintf(what, sizeof(what), "wrong length for type %s", tname);
		return eip712_fail_at(e, CD_ERR_PARAM, what,
							  "Type %s needs exactly %d bytes (%d hexadecimal digits), got %zu bytes.",
							  tname, ft->size, 2 * ft->size, nbytes);
	}
	memset(out, 0, 32);
	cd_hex_decode(v->text + 2, nbytes, out);
	return true;
}

/* bytes: keccak256 of the bytes, decoded in chunks (no allocation). */
static bool
encode_bytes(enc *e, const cd_json *v, uint8_t out[32])
{
	cd_keccak256_ctx k;
	uint8_t		chunk[128];
	size_t		nbytes;
	size_t		done = 0;

	if (!check_hex_string(e, v, "bytes", &nbytes))
		return false;
	cd_keccak256_init(&k);
	while (done < nbytes)
	{
		size_t		n = nbytes - done < sizeof(chunk) ? nbytes - done : sizeof(chunk);

		cd_hex_decode(v->text + 2 + 2 * done, n, chunk);
		cd_keccak256_update(&k, chunk, n);
		done += n;
	}
	cd_keccak256_final(&k, out);
	return true;
}

/* ---------------------------------------------------------------------
 * encodeData and hashStruct
 * --------------------------------------------------------------------- */

static bool hash_struct(enc *e, size_t idx, const cd_json *obj, uint8_t out[32], int depth);

/* The type's name at an array level (level ndims is the whole type). */
static void
type_name_at(const field_type *ft, int level, char *buf, size_t bufsize)
{
	size_t		n = level == 0 ? ft->base_len : ft->dim_end[level - 1];

	cd_quote_input(ft->text, n, buf, bufsize);
}

/*
 * The 32-byte encoding of v as ft at array level (level == ft->ndims for
 * the member itself, 0 for its element type).  v is NULL when missing.
 */
static bool
encode_value(enc *e, const field_type *ft, int level, const cd_json *v, uint8_t out[32], int depth)
{
	char		tname[128];

	if (depth > MAX_ENCODE_DEPTH)
	{
		eip712_fail_at(e, CD_ERR_LIMIT, "typed data nested too deeply", "At most %d levels of structs and arrays are accepted.",
					   CD_JSON_MAX_DEPTH);
		return false;
	}
	type_name_at(ft, level, tname, sizeof(tname));
	if (level > 0)
	{
		size_t		dim = ft->dims[level - 1];
		cd_keccak256_ctx k;
		const cd_json *item;
		size_t		i = 0;

		if (v == NULL)
			return eip712_fail_missing(e, "A value is required for a member of an array type.");
		if (v->kind != CD_JSON_ARRAY)
		{
			char		need[160];

			snprintf(need, sizeof(need), "an array for type %s", tname);
			return eip712_fail_kind(e, need, v);
		}
		if (dim != DYNAMIC_ARRAY && v->count != dim)
			return eip712_fail_at(e, CD_ERR_PARAM, "wrong array length", "Type %s needs %zu elements, got %zu.",
								  tname, dim, v->count);
		cd_keccak256_init(&k);
		for (item = v->first; item != NULL; item = item->next, i++)
		{
			uint8_t		word[32];
			size_t		saved = eip712_path_push_index(e, i);

			if (!encode_value(e, ft, level - 1, item, word, depth + 1))
				return false;
			eip712_path_pop(e, saved);
			cd_keccak256_update(&k, word, 32);
		}
		cd_keccak256_final(&k, out);
		return true;
	}
	if (ft->kind == K_STRUCT)
	{
		/* signTypedData V4: a missing or null struct is 32 zero bytes */
		if (v == NULL || v->kind == CD_JSON_NULL)
		{
			memset(out, 0, 32);
			return true;
		}
		if (v->kind != CD_JSON_OBJECT)
		{
			char		need[160];

			snprintf(need, sizeof(need), "an object for struct %s", tname);
			return eip712_fail_kind(e, need, v);
		}
		return hash_struct(e, ft->struct_index, v, out, depth + 1);
	}
	if (v == NULL)
	{
		char		need[200];

		snprintf(need, sizeof(need), "A value of type %s is required.", tname);
		return eip712_fail_missing(e, need);
	}
	switch (ft->kind)
	{
		case K_UINT:
		case K_INT:
			return encode_integer(e, ft, v, out);
		case K_ADDRESS:
			return encode_address(e, v, out);
		case K_BOOL:
			if (v->kind != CD_JSON_TRUE && v->kind != CD_JSON_FALSE)
				return eip712_fail_kind(e, "true or false for type bool", v);
			memset(out, 0, 32);
			out[31] = v->kind == CD_JSON_TRUE;
			return true;
		case K_BYTESN:
			return encode_bytes_n(e, ft, v, out);
		case K_BYTES:
			return encode_bytes(e, v, out);
		case K_STRING:
			if (v->kind != CD_JSON_STRING)
				return eip712_fail_kind(e, "a string for type string", v);
			cd_keccak256((const uint8_t *) v->text, v->len, out);
			return true;
		case K_STRUCT:
			break;
	}
	return eip712_fail_at(e, CD_ERR_PARAM, "unknown type", NULL);
}

/* hashStruct: keccak256(typeHash || encodeData(obj)); obj is an object. */
static bool
hash_struct(enc *e, size_t idx, const cd_json *obj, uint8_t out[32], int depth)
{
	const struct_def *sd = &e->structs[idx];
	const uint8_t *th;
	cd_keccak256_ctx k;
	size_t		i;

	if (!eip712_type_hash(e, idx, &th))
		return false;
	cd_keccak256_init(&k);
	cd_keccak256_update(&k, th, 32);
	for (i = 0; i < sd->nfields; i++)
	{
		const field *f = &sd->fields[i];
		uint8_t		word[32];
		size_t		saved = eip712_path_push_key(e, f->name, f->namelen);

		if (!encode_value(e, &f->type, f->type.ndims, cd_json_get(obj, f->name), word, depth))
			return false;
		eip712_path_pop(e, saved);
		cd_keccak256_update(&k, word, 32);
	}
	cd_keccak256_final(&k, out);
	return true;
}

/* A top-level struct value (domain, message, data) that must be an object. */
bool
eip712_hash_root(enc *e, const char *root, size_t idx, const cd_json *v, uint8_t out[32])
{
	eip712_path_set(e, root);
	if (v == NULL)
		return eip712_fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (v->kind != CD_JSON_OBJECT)
		return eip712_fail_kind(e, "an object", v);
	return hash_struct(e, idx, v, out, 0);
}
