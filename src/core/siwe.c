/*
 * siwe.c - Sign-In with Ethereum (EIP-4361) messages: parser and the
 * binding and time rules of verification
 *
 * The parser reads the message line by line, in the order of the ABNF
 * (siwe.h); each line is checked against its rule, and the first failure
 * names the line's number and field in the error message and says what is
 * wrong in its detail.  URIs and the domain are checked by rfc3986.c,
 * times by rfc3339.c, the address by eth_address.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rfc3339.h"
#include "rfc3986.h"
#include "siwe.h"

#define HEADER_SUFFIX " wants you to sign in with your Ethereum account:"
#define LINE_ORDER "the lines after the statement are URI, Version, Chain ID, Nonce, Issued At, then the optional Expiration Time, Not Before, Request ID and Resources, in that order"

/* The tagged lines, in the order the ABNF gives them. */
typedef enum tag_index
{
	TAG_URI,
	TAG_VERSION,
	TAG_CHAIN_ID,
	TAG_NONCE,
	TAG_ISSUED_AT,
	TAG_EXPIRATION_TIME,
	TAG_NOT_BEFORE,
	TAG_REQUEST_ID,
	TAG_RESOURCES,
	TAG_COUNT
} tag_index;

static const struct
{
	const char *prefix;
	const char *field;
} tags[TAG_COUNT] = {
	{"URI: ", "URI"},
	{"Version: ", "Version"},
	{"Chain ID: ", "Chain ID"},
	{"Nonce: ", "Nonce"},
	{"Issued At: ", "Issued At"},
	{"Expiration Time: ", "Expiration Time"},
	{"Not Before: ", "Not Before"},
	{"Request ID: ", "Request ID"},
	{"Resources:", "Resources"},
};

typedef struct parser
{
	const char *text;
	size_t		len;
	size_t		next;			/* start of the next line; len + 1 after the last */
	int			line_no;		/* number of the current line, from 1 */
	cd_span		line;			/* the current line, without its LF */
	cd_error   *err;
} parser;

/* Move to the next line; false when the message has no more lines. */
static bool
take_line(parser *p)
{
	const char *lf;

	if (p->next > p->len)
		return false;
	lf = memchr(p->text + p->next, '\n', p->len - p->next);
	p->line.off = p->next;
	p->line.len = lf != NULL ? (size_t) (lf - (p->text + p->next)) : p->len - p->next;
	p->next = p->line.off + p->line.len + 1;
	p->line_no++;
	return true;
}

/* True when a line follows the current one. */
static bool
has_next_line(const parser *p)
{
	return p->next <= p->len;
}

/* The current line quoted for a message (truncated, control bytes shown as '?'). */
static const char *
quote_line(const parser *p, char *buf, size_t bufsize)
{
	return cd_quote_input(p->text + p->line.off, p->line.len, buf, bufsize);
}

/*
 * Fail at line line_no, field: the primary message names both, the detail
 * says what is wrong.  A line ending in CR gets a hint.
 */
static bool
fail_at(parser *p, cd_errcode code, int line_no, const char *field, const char *fmt,...)
			__attribute__((format(printf, 5, 6)));

static bool
fail_at(parser *p, cd_errcode code, int line_no, const char *field, const char *fmt,...)
{
	va_list		ap;

	cd_fail(p->err, code, "invalid Sign-In with Ethereum message: line %d (%s)", line_no, field);
	va_start(ap, fmt);
	cd_error_vdetail(p->err, fmt, ap);
	va_end(ap);
	if (memchr(p->text, '\r', p->len) != NULL)
		cd_error_hint(p->err, "Lines of a Sign-In with Ethereum message end with LF alone, not CR LF.");
	return false;
}

/* A line that must be empty. */
static bool
expect_empty_line(parser *p, const char *field, const char *why)
{
	char		quoted[128];

	if (!take_line(p))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no + 1, field, "The message ends where %s.", why);
	if (p->line.len != 0)
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, field, "This line must be empty: %s; it is \"%s\".",
					   why, quote_line(p, quoted, sizeof(quoted)));
	return true;
}

/* Does the current line start with tag t? */
static bool
line_has_tag(const parser *p, tag_index t)
{
	size_t		n = strlen(tags[t].prefix);

	return p->line.len >= n && memcmp(p->text + p->line.off, tags[t].prefix, n) == 0;
}

/* The current line's value after tag t's prefix. */
static cd_span
tag_value(const parser *p, tag_index t)
{
	size_t		n = strlen(tags[t].prefix);
	cd_span		value = {p->line.off + n, p->line.len - n};

	return value;
}

/*
 * The current line is not what was expected (expected names the line):
 * say which line it is if it is another tagged line, out of order, and
 * say so of an empty last line (a line break after the last field).
 */
static bool
fail_unexpected_line(parser *p, const char *field, const char *expected)
{
	char		quoted[128];
	int			t;

	if (p->line.len == 0 && !has_next_line(p))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, field,
					   "The message ends with a line break; its last line has none after it.");
	for (t = 0; t < TAG_COUNT; t++)
	{
		if (line_has_tag(p, (tag_index) t))
			return fail_at(p, CD_ERR_SYNTAX, p->line_no, field,
						   "Expected %s, found the %s line: %s.", expected, tags[t].field, LINE_ORDER);
	}
	return fail_at(p, CD_ERR_SYNTAX, p->line_no, field, "Expected %s, found \"%s\".",
				   expected, quote_line(p, quoted, sizeof(quoted)));
}

/* Line 1: [ scheme "://" ] domain " wants you to sign in with your Ethereum account:" */
static bool
parse_header(parser *p, cd_siwe_message *msg)
{
	const size_t suffix_len = strlen(HEADER_SUFFIX);
	const char *line;
	size_t		authority_len;
	size_t		i;
	char		why[CD_RFC3986_WHY_LEN];
	char		quoted[128];

	take_line(p);
	line = p->text + p->line.off;
	if (p->line.len < suffix_len ||
		memcmp(line + p->line.len - suffix_len, HEADER_SUFFIX, suffix_len) != 0)
		return fail_at(p, CD_ERR_SYNTAX, 1, "domain",
					   "The first line must be the domain followed by \"" HEADER_SUFFIX "\"; it is \"%s\".",
					   quote_line(p, quoted, sizeof(quoted)));
	authority_len = p->line.len - suffix_len;
	msg->domain.off = p->line.off;
	msg->domain.len = authority_len;
	for (i = 0; i + 2 < authority_len; i++)
	{
		if (line[i] == ':' && line[i + 1] == '/' && line[i + 2] == '/')
		{
			if (!cd_uri_scheme_valid(line, i))
				return fail_at(p, CD_ERR_SYNTAX, 1, "scheme",
							   "The scheme before \"://\" must be a letter followed by letters, digits, '+', '-' or '.'.");
			msg->has_scheme = true;
			msg->scheme.off = p->line.off;
			msg->scheme.len = i;
			msg->domain.off = p->line.off + i + 3;
			msg->domain.len = authority_len - i - 3;
			break;
		}
	}
	if (msg->domain.len == 0)
		return fail_at(p, CD_ERR_SYNTAX, 1, "domain", "The domain is missing before \"" HEADER_SUFFIX "\".");
	if (!cd_authority_valid(p->text + msg->domain.off, msg->domain.len, true, why))
		return fail_at(p, CD_ERR_SYNTAX, 1, "domain",
					   "The domain \"%s\" is not an RFC 3986 authority. %s",
					   cd_quote_input(p->text + msg->domain.off, msg->domain.len, quoted, sizeof(quoted)), why);
	return true;
}

/* Line 2: the address, in its EIP-55 checksummed form. */
static bool
parse_address(parser *p, cd_siwe_message *msg)
{
	cd_error	addr_err;
	char		canonical[CD_ETH_ADDRESS_TEXT_LEN];
	char		quoted[128];

	if (!take_line(p))
		return fail_at(p, CD_ERR_SYNTAX, 2, "address", "The message ends after its first line.");
	cd_error_clear(&addr_err);
	if (!cd_eth_address_parse(p->text + p->line.off, p->line.len, msg->address, &addr_err))
		return fail_at(p, CD_ERR_SYNTAX, 2, "address", "\"%s\" is not an Ethereum address. %s",
					   quote_line(p, quoted, sizeof(quoted)), addr_err.detail);
	cd_eth_address_format(msg->address, canonical);
	if (memcmp(canonical, p->text + p->line.off, p->line.len) != 0)
	{
		fail_at(p, CD_ERR_SYNTAX, 2, "address",
				"The address must be written with its EIP-55 checksum, as %s.", canonical);
		cd_error_hint(p->err, "EIP-4361 requires the mixed-case checksum form; eth_address's text output gives it.");
		return false;
	}
	return true;
}

/* statement = *( reserved / unreserved / " " ) */
static bool
check_statement(parser *p, const cd_siwe_message *msg)
{
	size_t		i;
	char		ch[16];

	for (i = 0; i < msg->statement.len; i++)
	{
		unsigned char c = (unsigned char) p->text[msg->statement.off + i];

		if (c != ' ' && !cd_uri_is_reserved_or_unreserved(c))
		{
			fail_at(p, CD_ERR_SYNTAX, p->line_no, "statement",
					"The statement has %s at character %zu; a statement is RFC 3986 reserved and unreserved characters and spaces.",
					cd_describe_char(c, ch), i + 1);
			if (c >= 0x80)
				cd_error_hint(p->err, "EIP-4361's grammar allows only ASCII in the statement.");
			return false;
		}
	}
	return true;
}

/*
 * Lines 3 to 5 or 6: an empty line, then either a statement and an empty
 * line, or one more empty line (no statement); two empty lines after the
 * first are an empty statement.
 */
static bool
parse_statement(parser *p, cd_siwe_message *msg)
{
	char		quoted[128];

	if (!expect_empty_line(p, "address", "an empty line follows the address"))
		return false;
	if (!take_line(p))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no + 1, "statement", "The message ends after the address.");
	if (p->line.len == 0)
	{
		/* no statement, unless the next line is empty too */
		if (p->next < p->len && p->text[p->next] == '\n')
		{
			take_line(p);
			msg->has_statement = true;
			msg->statement.off = p->line.off;
			msg->statement.len = 0;
		}
		return true;
	}
	msg->has_statement = true;
	msg->statement = p->line;
	if (!check_statement(p, msg))
		return false;
	if (!take_line(p))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no + 1, "statement", "The message ends after the statement.");
	if (p->line.len != 0)
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, "statement",
					   "The statement is one line, followed by an empty line; this line is \"%s\".",
					   quote_line(p, quoted, sizeof(quoted)));
	return true;
}

/* The next line must carry tag t; *value is what follows the tag. */
static bool
expect_tag(parser *p, tag_index t, cd_span *value)
{
	char		expected[64];

	snprintf(expected, sizeof(expected), "the %s line (\"%s...\")", tags[t].field, tags[t].prefix);
	if (!take_line(p))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no + 1, tags[t].field, "The message ends before %s.", expected);
	if (!line_has_tag(p, t))
		return fail_unexpected_line(p, tags[t].field, expected);
	*value = tag_value(p, t);
	return true;
}

/* A URI field (the URI line, or a resource). */
static bool
check_uri(parser *p, cd_span value, const char *field)
{
	char		why[CD_RFC3986_WHY_LEN];
	char		quoted[128];

	if (!cd_uri_valid(p->text + value.off, value.len, why))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, field, "\"%s\" is not an RFC 3986 URI. %s",
					   cd_quote_input(p->text + value.off, value.len, quoted, sizeof(quoted)), why);
	return true;
}

/* chain-id = 1*DIGIT, at most 2^63 - 1 */
static bool
check_chain_id(parser *p, cd_span value, int64_t *chain_id)
{
	size_t		i;
	char		quoted[128];

	*chain_id = 0;
	if (value.len == 0)
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Chain ID", "The chain ID is missing: it is one or more decimal digits.");
	for (i = 0; i < value.len; i++)
	{
		char		c = p->text[value.off + i];

		if (c < '0' || c > '9')
			return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Chain ID",
						   "The chain ID must be decimal digits (EIP-155); it is \"%s\".",
						   cd_quote_input(p->text + value.off, value.len, quoted, sizeof(quoted)));
		if (*chain_id > (INT64_MAX - (c - '0')) / 10)
			return fail_at(p, CD_ERR_RANGE, p->line_no, "Chain ID",
						   "The chain ID %s is above 9223372036854775807, the largest this implementation accepts.",
						   cd_quote_input(p->text + value.off, value.len, quoted, sizeof(quoted)));
		*chain_id = *chain_id * 10 + (c - '0');
	}
	return true;
}

/* nonce = 8*( ALPHA / DIGIT ) */
static bool
check_nonce(parser *p, cd_span value)
{
	size_t		i;
	char		ch[16];

	for (i = 0; i < value.len; i++)
	{
		unsigned char c = (unsigned char) p->text[value.off + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Nonce",
						   "The nonce has %s at character %zu; a nonce is letters and digits only.",
						   cd_describe_char(c, ch), i + 1);
	}
	if (value.len < 8)
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Nonce",
					   "The nonce has %zu characters; EIP-4361 requires at least 8.", value.len);
	return true;
}

/* A date-time field. */
static bool
check_time(parser *p, cd_span value, tag_index t, cd_siwe_time *time)
{
	char		why[CD_RFC3339_WHY_LEN];
	char		quoted[128];

	if (!cd_rfc3339_parse(p->text + value.off, value.len, &time->micros, why))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, tags[t].field, "\"%s\" is not an RFC 3339 date-time. %s",
					   cd_quote_input(p->text + value.off, value.len, quoted, sizeof(quoted)), why);
	time->present = true;
	time->text = value;
	return true;
}

/* The required lines from URI to Issued At. */
static bool
parse_required_lines(parser *p, cd_siwe_message *msg)
{
	cd_span		value;
	char		quoted[128];

	if (!expect_tag(p, TAG_URI, &msg->uri) || !check_uri(p, msg->uri, "URI"))
		return false;
	if (!expect_tag(p, TAG_VERSION, &msg->version))
		return false;
	if (msg->version.len != 1 || p->text[msg->version.off] != '1')
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Version",
					   "The version must be 1, the only version EIP-4361 defines; it is \"%s\".",
					   cd_quote_input(p->text + msg->version.off, msg->version.len, quoted, sizeof(quoted)));
	if (!expect_tag(p, TAG_CHAIN_ID, &value) || !check_chain_id(p, value, &msg->chain_id))
		return false;
	if (!expect_tag(p, TAG_NONCE, &msg->nonce) || !check_nonce(p, msg->nonce))
		return false;
	return expect_tag(p, TAG_ISSUED_AT, &value) && check_time(p, value, TAG_ISSUED_AT, &msg->issued_at);
}

/* "Resources:" then every remaining line is "- " URI. */
static bool
parse_resources(parser *p, cd_siwe_message *msg)
{
	char		quoted[128];

	if (p->line.len != strlen(tags[TAG_RESOURCES].prefix))
		return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Resources",
					   "The Resources line is \"Resources:\" alone, each resource on a line of its own starting with \"- \".");
	msg->has_resources = true;
	msg->resources_off = p->line.off + p->line.len;
	while (take_line(p))
	{
		cd_span		uri = {p->line.off + 2, p->line.len >= 2 ? p->line.len - 2 : 0};

		if (p->line.len == 0 && !has_next_line(p))
			return fail_unexpected_line(p, "Resources", "a resource (\"- \" and a URI)");
		if (p->line.len < 2 || memcmp(p->text + p->line.off, "- ", 2) != 0)
			return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Resources",
						   "After \"Resources:\" every line is \"- \" followed by a URI; this line is \"%s\".",
						   quote_line(p, quoted, sizeof(quoted)));
		if (!check_uri(p, uri, "Resources"))
			return false;
		msg->resource_count++;
	}
	return true;
}

/* The optional lines, each at most once and in order. */
static bool
parse_optional_lines(parser *p, cd_siwe_message *msg)
{
	tag_index	next_tag = TAG_EXPIRATION_TIME;
	size_t		i;

	while (take_line(p))
	{
		tag_index	t;
		cd_span		value;

		for (t = next_tag; t < TAG_COUNT && !line_has_tag(p, t); t++)
			;
		if (t == TAG_COUNT)
		{
			for (t = TAG_URI; t < next_tag && !line_has_tag(p, t); t++)
				;
			return fail_unexpected_line(p, t < next_tag ? tags[t].field : "unexpected line",
										"the end of the message or an optional line not yet given");
		}
		value = tag_value(p, t);
		next_tag = t + 1;
		switch (t)
		{
			case TAG_EXPIRATION_TIME:
				if (!check_time(p, value, t, &msg->expiration_time))
					return false;
				break;
			case TAG_NOT_BEFORE:
				if (!check_time(p, value, t, &msg->not_before))
					return false;
				break;
			case TAG_REQUEST_ID:
				if (!cd_uri_pchars_valid(p->text + value.off, value.len, &i))
				{
					char		ch[16];

					return fail_at(p, CD_ERR_SYNTAX, p->line_no, "Request ID",
								   "The request ID has %s at character %zu; it is RFC 3986 path characters (pchar).",
								   cd_describe_char((unsigned char) p->text[value.off + i], ch), i + 1);
				}
				msg->has_request_id = true;
				msg->request_id = value;
				break;
			case TAG_RESOURCES:
				return parse_resources(p, msg);
			default:
				break;
		}
	}
	return true;
}

bool
cd_siwe_parse(const char *text, size_t len, cd_siwe_message *msg, cd_error *err)
{
	parser		p = {text, len, 0, 0, {0, 0}, err};

	memset(msg, 0, sizeof(*msg));
	return parse_header(&p, msg) && parse_address(&p, msg) && parse_statement(&p, msg) &&
		parse_required_lines(&p, msg) && parse_optional_lines(&p, msg);
}

bool
cd_siwe_next_resource(const char *text, size_t len, const cd_siwe_message *msg,
					  size_t *pos, cd_span *resource)
{
	const char *lf;
	size_t		start;

	if (!msg->has_resources)
		return false;
	if (*pos == 0)
		*pos = msg->resources_off;
	/* text[*pos] is the LF before "- " of the next resource, or the end */
	if (*pos >= len)
		return false;
	start = *pos + 3;
	lf = memchr(text + start, '\n', len - start);
	resource->off = start;
	resource->len = lf != NULL ? (size_t) (lf - (text + start)) : len - start;
	*pos = start + resource->len;
	return true;
}

/* Exact byte equality of a span of the message and an expected value. */
static bool
span_equals(const char *text, cd_span span, const char *expected, size_t expected_len)
{
	return span.len == expected_len && memcmp(text + span.off, expected, expected_len) == 0;
}

cd_siwe_refusal
cd_siwe_check(const char *text, const cd_siwe_message *msg,
			  const char *domain, size_t domain_len,
			  const char *nonce, size_t nonce_len, int64_t at)
{
	if (!span_equals(text, msg->domain, domain, domain_len))
		return CD_SIWE_WRONG_DOMAIN;
	if (!span_equals(text, msg->nonce, nonce, nonce_len))
		return CD_SIWE_WRONG_NONCE;
	if (msg->expiration_time.present && at >= msg->expiration_time.micros)
		return CD_SIWE_EXPIRED;
	if (msg->not_before.present && at < msg->not_before.micros)
		return CD_SIWE_NOT_YET_VALID;
	return CD_SIWE_ACCEPTED;
}
