/*
 * bonding_curve.c - the bonding_curve value: parsing, validation, canonical
 * text, comparison
 *
 * Text form: kind(name=value, ...), e.g. "linear(base=1000, slope=7)".
 * Values are plain decimals ("1000", "0.25"); binary floating point never
 * touches them.  The canonical output lists the parameters in the kind's
 * order, separated by ", ", each value without leading zeros (except a
 * single "0" before the point) and without trailing fractional zeros.
 */
#include <stdio.h>
#include <string.h>

#include "bignat.h"
#include "bonding_curve.h"

typedef struct kind_info
{
	const char *name;
	int			nparams;
	const char *params[CD_CURVE_MAX_PARAMS];
	/* true for the parameters that must be integers (supplies, exponents) */
	bool		integer[CD_CURVE_MAX_PARAMS];
	const char *param_list;		/* for hints */
} kind_info;

/* indexed by cd_curve_kind */
static const kind_info kinds[] = {
	{NULL, 0, {NULL}, {false}, NULL},
	{"linear", 2, {"base", "slope"}, {false, false}, "base and slope"},
	{"exponential", 2, {"base", "ratio"}, {false, false}, "base and ratio"},
	{"power", 2, {"coefficient", "exponent"}, {false, true}, "coefficient and exponent"},
	{"bancor", 3, {"reserve_ratio", "initial_supply", "initial_reserve"}, {false, true, true},
	"reserve_ratio, initial_supply and initial_reserve"},
	{"constant_product", 2, {"virtual_reserve", "virtual_supply"}, {true, true},
	"virtual_reserve and virtual_supply"},
};
#define N_KINDS 5

const char *
cd_curve_kind_name(int kind)
{
	if (kind < 1 || kind > N_KINDS)
		return NULL;
	return kinds[kind].name;
}

int
cd_curve_param_count(int kind)
{
	if (kind < 1 || kind > N_KINDS)
		return 0;
	return kinds[kind].nparams;
}

const char *
cd_curve_param_name(int kind, int i)
{
	if (kind < 1 || kind > N_KINDS || i < 0 || i >= kinds[kind].nparams)
		return NULL;
	return kinds[kind].params[i];
}

/* ASCII case-insensitive comparison of a counted string with a C string */
static bool
word_eq(const char *s, size_t len, const char *word)
{
	size_t		i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

/* Start an "invalid input syntax" error quoting the input; detail follows. */
static bool
syntax_error(cd_error *err, const char *quoted)
{
	return cd_fail(err, CD_ERR_SYNTAX, "invalid input syntax for type bonding_curve: \"%s\"", quoted);
}

/* true when the parameter's value is zero */
static bool
param_is_zero(const cd_curve *c, int i)
{
	return cd_u256_is_zero(&c->param[i]);
}

/* Compare parameter i with the integer x (value = mant / 10^scale). */
static int
param_cmp_u64(const cd_curve *c, int i, uint64_t x)
{
	cd_nat		a;
	cd_nat		b;

	cd_nat_set_u256(&a, &c->param[i]);
	cd_nat_set_u64(&b, x);
	cd_nat_mul_pow10(&b, &b, c->scale[i]);	/* x < 2^64, scale <= 40: fits */
	return cd_nat_cmp(&a, &b);
}

/*
 * Parse one decimal value into slot i.  Accepts digits with an optional
 * fractional part; trailing fractional zeros are dropped so that the
 * stored value is canonical.
 */
static bool
parse_value(const char *v, size_t len, int kind, int i, const char *quoted,
			cd_curve *out, cd_error *err)
{
	const char *name = kinds[kind].params[i];
	char		digits[CD_U256_MAX_DIGITS + CD_CURVE_MAX_SCALE + 2];
	size_t		int_start = 0;
	size_t		int_end;
	size_t		frac_start;
	size_t		frac_end;
	size_t		ndigits = 0;
	size_t		k;
	cd_error	inner;

	if (len == 0)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s has no value.", name);
		return false;
	}
	if (v[0] == '-')
		int_start = 1;
	int_end = int_start;
	while (int_end < len && v[int_end] >= '0' && v[int_end] <= '9')
		int_end++;
	frac_start = frac_end = int_end;
	if (int_end < len && v[int_end] == '.')
	{
		frac_start = int_end + 1;
		frac_end = frac_start;
		while (frac_end < len && v[frac_end] >= '0' && v[frac_end] <= '9')
			frac_end++;
	}
	if (frac_end != len || (int_end == int_start && frac_end == frac_start) ||
		(frac_start > int_end && frac_end == frac_start))
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s must be a plain decimal number, such as 1000 or 0.25.", name);
		return false;
	}
	/* drop leading integer zeros and trailing fractional zeros */
	while (int_start < int_end && v[int_start] == '0')
		int_start++;
	while (frac_end > frac_start && v[frac_end - 1] == '0')
		frac_end--;
	if (v[0] == '-' && (int_end > int_start || frac_end > frac_start))
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s must not be negative.", name);
		return false;
	}
	if (frac_end > frac_start && kinds[kind].integer[i])
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s must be an integer.", name);
		return false;
	}
	if (frac_end - frac_start > CD_CURVE_MAX_SCALE)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s has more than %d fractional digits.", name, CD_CURVE_MAX_SCALE);
		return false;
	}
	if ((int_end - int_start) + (frac_end - frac_start) > CD_U256_MAX_DIGITS)
		goto out_of_range;
	for (k = int_start; k < int_end; k++)
		digits[ndigits++] = v[k];
	for (k = frac_start; k < frac_end; k++)
		digits[ndigits++] = v[k];
	if (ndigits == 0)
		digits[ndigits++] = '0';
	if (!cd_u256_parse_decimal(digits, ndigits, &out->param[i], name, &inner))
		goto out_of_range;
	out->scale[i] = (uint8_t) (frac_end - frac_start);
	return true;

out_of_range:
	cd_fail(err, CD_ERR_RANGE, "value \"%s\" is out of range for type bonding_curve", quoted);
	cd_error_detail(err, "Parameter %s is above 2^256 - 1 (counting its fractional digits).", name);
	return false;
}

/* Per-kind rules on the values, after every parameter is present. */
static bool
check_rules(const cd_curve *c, const char *quoted, cd_error *err)
{
	const char *why = NULL;
	const char *name = NULL;

	switch (c->kind)
	{
		case CD_CURVE_LINEAR:
			if (param_is_zero(c, CD_LINEAR_BASE) && param_is_zero(c, CD_LINEAR_SLOPE))
			{
				syntax_error(err, quoted);
				cd_error_detail(err, "At least one of base and slope must be positive.");
				cd_error_hint(err, "A curve whose every unit is free cannot price anything.");
				return false;
			}
			break;
		case CD_CURVE_EXPONENTIAL:
			if (param_is_zero(c, CD_EXP_BASE))
				name = "base", why = "must be positive";
			else if (param_cmp_u64(c, CD_EXP_RATIO, 1) < 0)
				name = "ratio", why = "must be at least 1";
			break;
		case CD_CURVE_POWER:
			if (param_is_zero(c, CD_POWER_COEFFICIENT))
				name = "coefficient", why = "must be positive";
			else if (param_cmp_u64(c, CD_POWER_EXPONENT, CD_CURVE_MAX_EXPONENT) > 0)
				name = "exponent", why = "must be an integer from 0 to 8";
			break;
		case CD_CURVE_BANCOR:
			if (param_is_zero(c, CD_BANCOR_RESERVE_RATIO) ||
				param_cmp_u64(c, CD_BANCOR_RESERVE_RATIO, 1) > 0)
				name = "reserve_ratio", why = "must be greater than 0 and at most 1";
			else if (c->scale[CD_BANCOR_RESERVE_RATIO] > CD_CURVE_RR_MAX_SCALE)
				name = "reserve_ratio", why = "must have at most 6 fractional digits (parts per million, as in Bancor's contracts)";
			else if (param_is_zero(c, CD_BANCOR_INITIAL_SUPPLY))
				name = "initial_supply", why = "must be positive";
			else if (param_is_zero(c, CD_BANCOR_INITIAL_RESERVE))
				name = "initial_reserve", why = "must be positive";
			break;
		case CD_CURVE_CONSTANT_PRODUCT:
			if (param_is_zero(c, CD_CP_VIRTUAL_RESERVE))
				name = "virtual_reserve", why = "must be positive";
			else if (param_is_zero(c, CD_CP_VIRTUAL_SUPPLY))
				name = "virtual_supply", why = "must be positive";
			break;
	}
	if (name != NULL)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s %s.", name, why);
		return false;
	}
	return true;
}

/* Look up a kind by name; 0 when unknown. */
static int
find_kind(const char *s, size_t len)
{
	int			k;

	for (k = 1; k <= N_KINDS; k++)
		if (word_eq(s, len, kinds[k].name))
			return k;
	return 0;
}

static bool
unknown_kind(const char *s, size_t len, const char *quoted, cd_error *err)
{
	char		buf[64];

	syntax_error(err, quoted);
	cd_error_detail(err, "Unknown curve kind \"%s\".", cd_quote_input(s, len, buf, 40));
	cd_error_hint(err, "The kinds are linear, exponential, power, bancor and constant_product.");
	return false;
}

/* Store name=value into its slot, refusing unknown and repeated names. */
static bool
set_param(int kind, const char *name, size_t name_len, const char *value, size_t value_len,
		  bool seen[CD_CURVE_MAX_PARAMS], const char *quoted, cd_curve *out, cd_error *err)
{
	int			i;
	char		buf[64];

	for (i = 0; i < kinds[kind].nparams; i++)
		if (word_eq(name, name_len, kinds[kind].params[i]))
			break;
	if (i == kinds[kind].nparams)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Curve kind %s has no parameter \"%s\".", kinds[kind].name,
						cd_quote_input(name, name_len, buf, 40));
		cd_error_hint(err, "The parameters of %s are %s.", kinds[kind].name, kinds[kind].param_list);
		return false;
	}
	if (seen[i])
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Parameter %s is given more than once.", kinds[kind].params[i]);
		return false;
	}
	seen[i] = true;
	return parse_value(value, value_len, kind, i, quoted, out, err);
}

/* After all name=value pairs: every parameter present, then the rules. */
static bool
finish(const bool seen[CD_CURVE_MAX_PARAMS], const char *quoted, cd_curve *out, cd_error *err)
{
	int			i;

	for (i = 0; i < kinds[out->kind].nparams; i++)
		if (!seen[i])
		{
			syntax_error(err, quoted);
			cd_error_detail(err, "Parameter %s is missing.", kinds[out->kind].params[i]);
			cd_error_hint(err, "The parameters of %s are %s.", kinds[out->kind].name,
						  kinds[out->kind].param_list);
			return false;
		}
	return check_rules(out, quoted, err);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool
cd_curve_parse(const char *text, size_t len, cd_curve *out, cd_error *err)
{
	char		quoted[160];
	bool		seen[CD_CURVE_MAX_PARAMS] = {false, false, false};
	size_t		p = 0;
	size_t		start;

	memset(out, 0, sizeof(*out));
	cd_quote_input(text, len, quoted, sizeof(quoted));
#define SKIP_SPACE() while (p < len && is_space(text[p])) p++
	SKIP_SPACE();
	start = p;
	while (p < len && is_word(text[p]))
		p++;
	if (p == start)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "A curve starts with its kind, as in linear(base=1000, slope=7).");
		return false;
	}
	out->kind = (uint8_t) find_kind(text + start, p - start);
	if (out->kind == 0)
		return unknown_kind(text + start, p - start, quoted, err);
	SKIP_SPACE();
	if (p >= len || text[p] != '(')
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Expected \"(\" after the curve kind.");
		return false;
	}
	p++;
	SKIP_SPACE();
	if (p < len && text[p] == ')')
		p++;
	else
		for (;;)
		{
			size_t		name_start;
			size_t		name_end;
			size_t		value_start;
			size_t		value_end;

			SKIP_SPACE();
			name_start = p;
			while (p < len && is_word(text[p]))
				p++;
			name_end = p;
			SKIP_SPACE();
			if (name_end == name_start || p >= len || text[p] != '=')
			{
				syntax_error(err, quoted);
				cd_error_detail(err, "Expected a parameter as name=value.");
				return false;
			}
			p++;
			SKIP_SPACE();
			value_start = p;
			while (p < len && text[p] != ',' && text[p] != ')' && !is_space(text[p]))
				p++;
			value_end = p;
			SKIP_SPACE();
			if (p >= len || (text[p] != ',' && text[p] != ')'))
			{
				syntax_error(err, quoted);
				cd_error_detail(err, "Expected \",\" or \")\" after a parameter value.");
				return false;
			}
			if (!set_param(out->kind, text + name_start, name_end - name_start,
						   text + value_start, value_end - value_start, seen, quoted, out, err))
				return false;
			if (text[p++] == ')')
				break;
		}
	SKIP_SPACE();
	if (p != len)
	{
		syntax_error(err, quoted);
		cd_error_detail(err, "Unexpected text after the closing parenthesis.");
		return false;
	}
#undef SKIP_SPACE
	return finish(seen, quoted, out, err);
}

bool
cd_curve_from_parts(const char *kind, size_t kind_len,
					const char *const *names, const size_t *name_lens,
					const char *const *values, const size_t *value_lens,
					int n, const char *quoted, cd_curve *out, cd_error *err)
{
	bool		seen[CD_CURVE_MAX_PARAMS] = {false, false, false};
	int			i;

	memset(out, 0, sizeof(*out));
	out->kind = (uint8_t) find_kind(kind, kind_len);
	if (out->kind == 0)
		return unknown_kind(kind, kind_len, quoted, err);
	for (i = 0; i < n; i++)
		if (!set_param(out->kind, names[i], name_lens[i], values[i], value_lens[i],
					   seen, quoted, out, err))
			return false;
	return finish(seen, quoted, out, err);
}

bool
cd_curve_validate(const cd_curve *c, cd_error *err)
{
	int			i;
	const char *msg = "invalid binary representation for type bonding_curve";

	if (cd_curve_kind_name(c->kind) == NULL)
	{
		cd_fail(err, CD_ERR_BINARY, "%s", msg);
		cd_error_detail(err, "Unknown curve kind code %d.", c->kind);
		return false;
	}
	for (i = 0; i < CD_CURVE_MAX_PARAMS; i++)
	{
		bool		used = i < kinds[c->kind].nparams;
		cd_u256		q;
		cd_u256		r;
		cd_u256		ten;

		if (!used && (c->scale[i] != 0 || !cd_u256_is_zero(&c->param[i])))
		{
			cd_fail(err, CD_ERR_BINARY, "%s", msg);
			cd_error_detail(err, "Curve kind %s has %d parameters.", kinds[c->kind].name, kinds[c->kind].nparams);
			return false;
		}
		if (!used)
			continue;
		cd_u256_from_u64(&ten, 10);
		cd_u256_divmod(&c->param[i], &ten, &q, &r);
		if (c->scale[i] > CD_CURVE_MAX_SCALE ||
			(c->scale[i] > 0 && (cd_u256_is_zero(&r) || kinds[c->kind].integer[i])))
		{
			cd_fail(err, CD_ERR_BINARY, "%s", msg);
			cd_error_detail(err, "Parameter %s has a non-canonical or invalid scale %d.",
							kinds[c->kind].params[i], c->scale[i]);
			return false;
		}
	}
	if (c->reserved[0] || c->reserved[1] || c->reserved[2] || c->reserved[3])
	{
		cd_fail(err, CD_ERR_BINARY, "%s", msg);
		cd_error_detail(err, "Reserved bytes are not zero.");
		return false;
	}
	if (!check_rules(c, "(binary)", err))
	{
		err->code = CD_ERR_BINARY;
		snprintf(err->message, sizeof(err->message), "%s", msg);
		return false;
	}
	return true;
}

size_t
cd_curve_format_param(const cd_curve *c, int i, char *out, size_t outsize)
{
	char		digits[CD_U256_DECIMAL_LEN];
	size_t		nd = cd_u256_format_decimal(&c->param[i], digits);
	size_t		scale = c->scale[i];
	size_t		len = 0;
	size_t		k;

	if (outsize < CD_U256_DECIMAL_LEN + CD_CURVE_MAX_SCALE + 3)
		return 0;
	if (scale == 0)
	{
		memcpy(out, digits, nd + 1);
		return nd;
	}
	if (nd <= scale)
	{
		out[len++] = '0';
		out[len++] = '.';
		for (k = nd; k < scale; k++)
			out[len++] = '0';
		memcpy(out + len, digits, nd);
		len += nd;
	}
	else
	{
		memcpy(out, digits, nd - scale);
		len = nd - scale;
		out[len++] = '.';
		memcpy(out + len, digits + nd - scale, scale);
		len += scale;
	}
	out[len] = '\0';
	return len;
}

size_t
cd_curve_format(const cd_curve *c, char out[CD_CURVE_TEXT_LEN])
{
	char		value[CD_U256_DECIMAL_LEN + CD_CURVE_MAX_SCALE + 3];
	size_t		len;
	int			i;
	const char *kname = cd_curve_kind_name(c->kind);

	if (kname == NULL)
	{
		out[0] = '\0';
		return 0;
	}
	len = (size_t) snprintf(out, CD_CURVE_TEXT_LEN, "%s(", kname);
	for (i = 0; i < kinds[c->kind].nparams; i++)
	{
		cd_curve_format_param(c, i, value, sizeof(value));
		len += (size_t) snprintf(out + len, CD_CURVE_TEXT_LEN - len, "%s%s=%s",
								 i > 0 ? ", " : "", kinds[c->kind].params[i], value);
	}
	len += (size_t) snprintf(out + len, CD_CURVE_TEXT_LEN - len, ")");
	return len;
}

/* Compare two decimals by value, scaling the one with fewer digits. */
static int
decimal_cmp(const cd_u256 *a, int sa, const cd_u256 *b, int sb)
{
	cd_nat		x;
	cd_nat		y;

	cd_nat_set_u256(&x, a);
	cd_nat_set_u256(&y, b);
	if (sa < sb)
		cd_nat_mul_pow10(&x, &x, (unsigned) (sb - sa));
	else if (sb < sa)
		cd_nat_mul_pow10(&y, &y, (unsigned) (sa - sb));
	return cd_nat_cmp(&x, &y);
}

int
cd_curve_cmp(const cd_curve *a, const cd_curve *b)
{
	int			i;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	for (i = 0; i < cd_curve_param_count(a->kind); i++)
	{
		int			c = decimal_cmp(&a->param[i], a->scale[i], &b->param[i], b->scale[i]);

		if (c != 0)
			return c;
	}
	return 0;
}
