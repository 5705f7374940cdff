/*
 * pg_bonding_curve.c - the bonding_curve SQL type: text, jsonb and binary
 * forms, constructors, comparison and hashing
 *
 * The value is the core's canonical cd_curve struct (104 bytes), so
 * equality is byte equality and hashing is over the bytes; the btree order
 * (kind, then parameters by value) comes from cd_curve_cmp.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "pg_bonding_curve.h"
#include "pg_creative_defi.h"
#include "pg_function_families.h"

BondingCurve *
bonding_curve_copy(const cd_curve *c)
{
	BondingCurve *result = palloc(sizeof(BondingCurve));

	memcpy(result, c, sizeof(BondingCurve));
	return result;
}

PG_FUNCTION_INFO_V1(bonding_curve_in);
/*
 * Text input: kind(name=value, ...).
 */
Datum
bonding_curve_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cd_curve	c;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_curve_parse(text, strlen(text), &c, &err))
		cd_raise(&err);
	PG_RETURN_BONDING_CURVE_P(bonding_curve_copy(&c));
}

PG_FUNCTION_INFO_V1(bonding_curve_out);
/*
 * Text output: the canonical form.
 */
Datum
bonding_curve_out(PG_FUNCTION_ARGS)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);
	char	   *text = palloc(CD_CURVE_TEXT_LEN);

	cd_curve_format(c, text);
	PG_RETURN_CSTRING(text);
}

PG_FUNCTION_INFO_V1(bonding_curve_recv);
/*
 * Binary input: kind (1 byte), parameter count (1 byte), then per
 * parameter its scale (1 byte) and 32-byte big-endian mantissa.  The
 * result is validated exactly like text input (never trusted).
 */
Datum
bonding_curve_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cd_curve	c;
	cd_error	err;
	int			kind;
	int			count;
	int			i;

	memset(&c, 0, sizeof(c));
	if (buf->len - buf->cursor < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type bonding_curve"),
				 errdetail("The value is shorter than its 2-byte header.")));
	kind = pq_getmsgbyte(buf);
	count = pq_getmsgbyte(buf);
	if (cd_curve_kind_name(kind) == NULL || count != cd_curve_param_count(kind) ||
		buf->len - buf->cursor != count * 33)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type bonding_curve"),
				 errdetail("Kind code %d with %d parameters in %d bytes is not a bonding curve.",
						   kind, count, buf->len - buf->cursor)));
	c.kind = (uint8) kind;
	for (i = 0; i < count; i++)
	{
		c.scale[i] = (uint8) pq_getmsgbyte(buf);
		cd_u256_from_be32((const uint8 *) pq_getmsgbytes(buf, 32), &c.param[i]);
	}
	cd_error_clear(&err);
	if (!cd_curve_validate(&c, &err))
		cd_raise(&err);
	PG_RETURN_BONDING_CURVE_P(bonding_curve_copy(&c));
}

PG_FUNCTION_INFO_V1(bonding_curve_send);
/*
 * Binary output: see bonding_curve_recv.
 */
Datum
bonding_curve_send(PG_FUNCTION_ARGS)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);
	StringInfoData buf;
	int			count = cd_curve_param_count(c->kind);
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, c->kind);
	pq_sendbyte(&buf, (uint8) count);
	for (i = 0; i < count; i++)
	{
		uint8		be[32];

		pq_sendbyte(&buf, c->scale[i]);
		cd_u256_to_be32(&c->param[i], be);
		pq_sendbytes(&buf, (const char *) be, 32);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Raise the syntax error for a jsonb that is not a curve object. */
static void
bad_json(const char *quoted, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type bonding_curve: \"%s\"", quoted),
			 errdetail("%s", detail),
			 errhint("The jsonb form is an object such as {\"kind\": \"linear\", \"base\": \"1000\", \"slope\": \"10\"}.")));
}

/*
 * The curve of the given kind and parameter texts (the jsonb cast and the
 * constructors), validated like text input; errors quote "quoted".
 */
static Datum
curve_from_parts(const char *kind, size_t kind_len, const char *const *names, const size_t *name_lens,
				 const char *const *values, const size_t *value_lens, int n, const char *quoted)
{
	cd_curve	c;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_curve_from_parts(kind, kind_len, names, name_lens, values, value_lens, n, quoted, &c, &err))
		cd_raise(&err);
	PG_RETURN_BONDING_CURVE_P(bonding_curve_copy(&c));
}

PG_FUNCTION_INFO_V1(bonding_curve_from_jsonb);
/*
 * Cast jsonb -> bonding_curve: an object with "kind" (a string) and one
 * member per parameter, each a JSON string or number (numbers are taken
 * as the exact decimal jsonb holds).
 */
Datum
bonding_curve_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	char	   *whole = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
	char		quoted[160];
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *kind = NULL;
	size_t		kind_len = 0;
	const char *names[8];
	size_t		name_lens[8];
	const char *values[8];
	size_t		value_lens[8];
	int			n = 0;

	cd_quote_input(whole, strlen(whole), quoted, sizeof(quoted));
	if (!JB_ROOT_IS_OBJECT(jb))
		bad_json(quoted, "A curve in jsonb is an object.");
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;
		size_t		key_len;

		if (tok != WJB_KEY)
			continue;
		key = v.val.string.val;
		key_len = v.val.string.len;
		tok = JsonbIteratorNext(&it, &v, true);
		if (key_len == 4 && memcmp(key, "kind", 4) == 0)
		{
			if (v.type != jbvString)
				bad_json(quoted, "Member \"kind\" must be a string.");
			kind = v.val.string.val;
			kind_len = v.val.string.len;
			continue;
		}
		if (n == lengthof(names))
			bad_json(quoted, "A curve has at most three parameters.");
		names[n] = key;
		name_lens[n] = key_len;
		if (v.type == jbvString)
		{
			values[n] = v.val.string.val;
			value_lens[n] = v.val.string.len;
		}
		else if (v.type == jbvNumeric)
		{
			char	   *num = DatumGetCString(DirectFunctionCall1(numeric_out,
																  NumericGetDatum(v.val.numeric)));

			values[n] = num;
			value_lens[n] = strlen(num);
		}
		else
		{
			char		detail[200];

			snprintf(detail, sizeof(detail), "Member \"%.*s\" must be a string or a number.",
					 (int) Min(key_len, 60), key);
			bad_json(quoted, detail);
		}
		n++;
	}
	if (kind == NULL)
		bad_json(quoted, "Member \"kind\" is missing.");
	return curve_from_parts(kind, kind_len, names, name_lens, values, value_lens, n, quoted);
}

PG_FUNCTION_INFO_V1(bonding_curve_to_jsonb);
/*
 * Cast bonding_curve -> jsonb: {"kind": ..., name: "value", ...} with every
 * value a JSON string, so no JSON client rounds it through a double.
 */
Datum
bonding_curve_to_jsonb(PG_FUNCTION_ARGS)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);
	StringInfoData buf;
	char		value[CD_U256_DECIMAL_LEN + CD_CURVE_MAX_SCALE + 3];
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"kind\": \"%s\"", cd_curve_kind_name(c->kind));
	for (i = 0; i < cd_curve_param_count(c->kind); i++)
	{
		cd_curve_format_param(c, i, value, sizeof(value));
		appendStringInfo(&buf, ", \"%s\": \"%s\"", cd_curve_param_name(c->kind, i), value);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/*
 * Build a curve from numeric arguments (the constructors): each value is
 * printed exactly and parsed like text input, so errors read the same.
 */
static Datum
construct(FunctionCallInfo fcinfo, const char *kind)
{
	const char *names[CD_CURVE_MAX_PARAMS];
	const char *values[CD_CURVE_MAX_PARAMS];
	size_t		name_lens[CD_CURVE_MAX_PARAMS];
	size_t		value_lens[CD_CURVE_MAX_PARAMS];
	StringInfoData shown;
	char		quoted[160];
	int			k;
	int			n = PG_NARGS();
	int			i;

	for (k = 1; cd_curve_kind_name(k) != NULL; k++)
		if (strcmp(cd_curve_kind_name(k), kind) == 0)
			break;
	initStringInfo(&shown);
	appendStringInfo(&shown, "%s(", kind);
	for (i = 0; i < n; i++)
	{
		names[i] = cd_curve_param_name(k, i);
		name_lens[i] = strlen(names[i]);
		values[i] = DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(i)));
		value_lens[i] = strlen(values[i]);
		appendStringInfo(&shown, "%s%s=%s", i > 0 ? ", " : "", names[i], values[i]);
	}
	appendStringInfoChar(&shown, ')');
	cd_quote_input(shown.data, shown.len, quoted, sizeof(quoted));
	return curve_from_parts(kind, strlen(kind), names, name_lens, values, value_lens, n, quoted);
}

/* linear_curve(base, slope) */
CD_FUNCTION_VARIANT(linear_curve, construct, "linear")

/* exponential_curve(base, ratio) */
CD_FUNCTION_VARIANT(exponential_curve, construct, "exponential")

/* power_curve(coefficient, exponent) */
CD_FUNCTION_VARIANT(power_curve, construct, "power")

/* bancor_curve(reserve_ratio, initial_supply, initial_reserve) */
CD_FUNCTION_VARIANT(bancor_curve, construct, "bancor")

/* constant_product_curve(virtual_reserve, virtual_supply) */
CD_FUNCTION_VARIANT(constant_product_curve, construct, "constant_product")

PG_FUNCTION_INFO_V1(curve_kind);
/* curve_kind(curve): the kind's name */
Datum
curve_kind(PG_FUNCTION_ARGS)
{
	BondingCurve *c = PG_GETARG_BONDING_CURVE_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(cd_curve_kind_name(c->kind)));
}

/* btree comparison: kind, then parameters by value */
static int
curve_compare(FunctionCallInfo fcinfo)
{
	return cd_curve_cmp(PG_GETARG_BONDING_CURVE_P(0), PG_GETARG_BONDING_CURVE_P(1));
}

PG_FUNCTION_INFO_V1(bonding_curve_eq);
/* a = b: canonical values, so byte equality */
Datum
bonding_curve_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_POINTER(0), PG_GETARG_POINTER(1), sizeof(BondingCurve)) == 0);
}

PG_FUNCTION_INFO_V1(bonding_curve_ne);
/* a <> b */
Datum
bonding_curve_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_POINTER(0), PG_GETARG_POINTER(1), sizeof(BondingCurve)) != 0);
}

/* The bytes of a curve argument: canonical, so equal curves hash equal. */
static const unsigned char *
bonding_curve_hashed_bytes(FunctionCallInfo fcinfo, size_t *len)
{
	*len = sizeof(BondingCurve);
	return (const unsigned char *) PG_GETARG_POINTER(0);
}

CD_ORDERING_FUNCTIONS(bonding_curve, curve_compare)
CD_HASH_FUNCTIONS(bonding_curve, bonding_curve_hashed_bytes)
