/*
 * caip19.c - CAIP-19 asset identifiers: validation and canonical form
 *
 * Parsing splits the text at its separators, checks each part against its
 * CAIP-2/CAIP-19 character class and length, canonicalizes it into its own
 * buffer, applies the namespace profiles (eip155, erc20/erc721/erc1155,
 * slip44, cdefi work) and joins the parts again.  Every failure fills
 * err->detail with the part that is wrong and why; the two entry points
 * then write the primary message for their caller (text input quotes the
 * whole input, the constructor names the argument).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "caip19.h"
#include "eth_address.h"
#include "hex.h"
#include "uint256.h"

/* Which part an error is about; the constructor maps it to an argument. */
typedef enum part_kind
{
	PART_CHAIN,					/* the chain id as a whole */
	PART_CHAIN_NAMESPACE,
	PART_CHAIN_REFERENCE,
	PART_ASSET_NAMESPACE,
	PART_ASSET_REFERENCE,
	PART_TOKEN_ID
} part_kind;

/* The canonical parts, each in its own NUL-terminated buffer. */
typedef struct asset_buf
{
	char		chain_ns[CD_CAIP2_NAMESPACE_MAX + 1];
	size_t		chain_ns_len;
	char		chain_ref[CD_CAIP2_REFERENCE_MAX + 1];
	size_t		chain_ref_len;
	char		asset_ns[CD_CAIP19_NAMESPACE_MAX + 1];
	size_t		asset_ns_len;
	char		ref[CD_CAIP19_REFERENCE_MAX + 1];
	size_t		ref_len;
	char		token[CD_CAIP19_TOKEN_ID_MAX + 1];
	size_t		token_len;		/* 0: no token id */
	part_kind	failed;			/* set on failure */
} asset_buf;

/* How each part is spelled in messages, and which CAIP defines it. */
static const char *const part_names[] = {
	"chain id", "chain namespace", "chain reference",
	"asset namespace", "asset reference", "token id"
};

/*
 * Record a failure about one part: the detail says what is wrong; the
 * primary message is written later by the entry point.
 */
static bool
fail_part(asset_buf *buf, cd_error *err, part_kind part, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

static bool
fail_part(asset_buf *buf, cd_error *err, part_kind part, const char *fmt,...)
{
	va_list		ap;

	buf->failed = part;
	cd_fail(err, CD_ERR_SYNTAX, "%s", "");
	va_start(ap, fmt);
	cd_error_vdetail(err, fmt, ap);
	va_end(ap);
	return false;
}

/*
 * The failure for s[i], a character outside the part's class; rule is the
 * sentence that says what the class allows.
 */
static bool
fail_char(asset_buf *buf, cd_error *err, part_kind part, const char *s, size_t len, size_t i,
		  const char *rule)
{
	char		quoted[128];
	char		ch[16];

	return fail_part(buf, err, part, "The %s \"%s\" contains %s at position %zu; %s",
					 part_names[part], cd_quote_input(s, len, quoted, sizeof(quoted)),
					 cd_describe_char((unsigned char) s[i], ch), i + 1, rule);
}

/* [-a-z0-9]: CAIP-2 and CAIP-19 namespaces */
static bool
is_lower_alnum_dash(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* ASCII letters and digits, whatever the C locale says */
static bool
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* [-_a-zA-Z0-9]: CAIP-2 chain references */
static bool
is_chain_ref_char(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

/* [-.%a-zA-Z0-9]: CAIP-19 asset references and token ids */
static bool
is_asset_ref_char(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '.' || c == '%';
}

/*
 * Check a namespace ([-a-z0-9]{3,8}, chain or asset) and copy it.  Upper
 * case gets a hint, because "EIP155" is the likeliest mistake.
 */
static bool
check_namespace(const char *s, size_t len, part_kind part, char *out, size_t *out_len,
				asset_buf *buf, cd_error *err)
{
	const char *caip = part == PART_CHAIN_NAMESPACE ? "CAIP-2" : "CAIP-19";
	char		quoted[128];
	size_t		i;

	if (len < 3 || len > CD_CAIP2_NAMESPACE_MAX)
		return fail_part(buf, err, part,
						 "The %s \"%s\" is %zu characters long; %s namespaces are 3 to 8 characters.",
						 part_names[part], cd_quote_input(s, len, quoted, sizeof(quoted)), len, caip);
	for (i = 0; i < len; i++)
		if (!is_lower_alnum_dash((unsigned char) s[i]))
		{
			fail_char(buf, err, part, s, len, i,
					  part == PART_CHAIN_NAMESPACE
					  ? "CAIP-2 namespaces contain only lower-case letters, digits and \"-\"."
					  : "CAIP-19 namespaces contain only lower-case letters, digits and \"-\".");
			if (s[i] >= 'A' && s[i] <= 'Z')
				cd_error_hint(err, "Namespaces are case-sensitive and written in lower case.");
			return false;
		}
	memcpy(out, s, len);
	out[len] = '\0';
	*out_len = len;
	return true;
}

/* Check a CAIP-2 chain reference ([-_a-zA-Z0-9]{1,32}) and copy it. */
static bool
check_chain_reference(const char *s, size_t len, asset_buf *buf, cd_error *err)
{
	char		quoted[128];
	size_t		i;

	if (len == 0)
		return fail_part(buf, err, PART_CHAIN_REFERENCE,
						 "The chain reference is empty; CAIP-2 requires 1 to 32 characters after the chain namespace and \":\".");
	if (len > CD_CAIP2_REFERENCE_MAX)
		return fail_part(buf, err, PART_CHAIN_REFERENCE,
						 "The chain reference \"%s\" is %zu characters long; CAIP-2 allows at most 32.",
						 cd_quote_input(s, len, quoted, sizeof(quoted)), len);
	for (i = 0; i < len; i++)
		if (!is_chain_ref_char((unsigned char) s[i]))
			return fail_char(buf, err, PART_CHAIN_REFERENCE, s, len, i,
							 "a CAIP-2 chain reference contains only letters, digits, \"-\" and \"_\".");
	memcpy(buf->chain_ref, s, len);
	buf->chain_ref[len] = '\0';
	buf->chain_ref_len = len;
	return true;
}

/*
 * Check an asset reference or token id ([-.%a-zA-Z0-9], 1 to max) and copy
 * it in canonical form.  CAIP-19 reserves "%" for RFC 3986 percent-encoding
 * with capital hex digits, so "%" must start "%XX"; an encoded character
 * that the class allows as it is ("%41" for "A") is decoded, and other
 * encodings are written with capital hex, so that one string has one
 * spelling.
 */
static bool
check_asset_text(const char *s, size_t len, part_kind part, size_t max,
				 char *out, size_t *out_len, asset_buf *buf, cd_error *err)
{
	char		quoted[128];
	size_t		i;
	size_t		n = 0;

	if (len == 0)
		return fail_part(buf, err, part, "The %s is empty; CAIP-19 requires 1 to %zu characters.",
						 part_names[part], max);
	if (len > max)
		return fail_part(buf, err, part, "The %s \"%s\" is %zu characters long; CAIP-19 allows at most %zu.",
						 part_names[part], cd_quote_input(s, len, quoted, sizeof(quoted)), len, max);
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (!is_asset_ref_char(c))
		{
			fail_char(buf, err, part, s, len, i,
					  "CAIP-19 allows only letters, digits, \"-\", \".\" and \"%\" there.");
			if (c == '/' || c == ':')
				cd_error_hint(err, "An asset id is chain_namespace:chain_reference/asset_namespace:asset_reference, optionally followed by /token_id; percent-encode other characters (%%2F for \"/\", %%3A for \":\").");
			else
				cd_error_hint(err, "Percent-encode other characters as in RFC 3986, for example %%20 for a space.");
			return false;
		}
		if (c == '%')
		{
			int			hi = i + 2 < len ? cd_hex_digit_value(s[i + 1]) : -1;
			int			lo = i + 2 < len ? cd_hex_digit_value(s[i + 2]) : -1;
			unsigned char decoded;

			if (hi < 0 || lo < 0)
				return fail_part(buf, err, part,
								 "The %s \"%s\" has a \"%%\" at position %zu that is not followed by two hexadecimal digits; CAIP-19 uses \"%%\" only for percent-encoding.",
								 part_names[part], cd_quote_input(s, len, quoted, sizeof(quoted)), i + 1);
			decoded = (unsigned char) ((hi << 4) | lo);
			if (is_asset_ref_char(decoded) && decoded != '%')
				out[n++] = (char) decoded;
			else
			{
				static const char upper[] = "0123456789ABCDEF";

				out[n++] = '%';
				out[n++] = upper[hi];
				out[n++] = upper[lo];
			}
			i += 2;
			continue;
		}
		out[n++] = (char) c;
	}
	out[n] = '\0';
	*out_len = n;
	return true;
}

/*
 * Split a CAIP-2 chain id at its ":" and check both halves.
 */
static bool
check_chain_id(const char *s, size_t len, asset_buf *buf, cd_error *err)
{
	const char *colon = memchr(s, ':', len);
	char		quoted[128];

	if (colon == NULL)
		return fail_part(buf, err, PART_CHAIN,
						 "The chain id \"%s\" has no \":\"; a CAIP-2 chain id is namespace:reference, such as eip155:1.",
						 cd_quote_input(s, len, quoted, sizeof(quoted)));
	return check_namespace(s, (size_t) (colon - s), PART_CHAIN_NAMESPACE,
						   buf->chain_ns, &buf->chain_ns_len, buf, err) &&
		check_chain_reference(colon + 1, len - (size_t) (colon - s) - 1, buf, err);
}

/* How a string of digits fails to be a canonical decimal number. */
typedef enum decimal_check
{
	DECIMAL_OK,
	DECIMAL_NOT_DIGITS,
	DECIMAL_LEADING_ZERO
} decimal_check;

/* Digits only, and no leading zero unless the number is 0. */
static decimal_check
check_decimal(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return DECIMAL_NOT_DIGITS;
	if (len > 1 && s[0] == '0')
		return DECIMAL_LEADING_ZERO;
	return DECIMAL_OK;
}

/*
 * The hint for a decimal written with leading zeros: the same number
 * without them.
 */
static void
hint_without_zeros(const char *s, size_t len, cd_error *err)
{
	size_t		start = 0;

	while (start + 1 < len && s[start] == '0')
		start++;
	cd_error_hint(err, "Write %.*s.", (int) (len - start), s + start);
}

/*
 * A part that must be a decimal number without leading zeros (an eip155
 * chain reference, a slip44 index).  The two details, each with one %s for
 * the part's text, say what the part should be; a leading zero also gets
 * the hint of the number without it.
 */
static bool
check_decimal_part(asset_buf *buf, cd_error *err, part_kind part, const char *text, size_t len,
				   const char *not_digits_detail, const char *leading_zero_detail)
{
	switch (check_decimal(text, len))
	{
		case DECIMAL_NOT_DIGITS:
			return fail_part(buf, err, part, not_digits_detail, text);
		case DECIMAL_LEADING_ZERO:
			fail_part(buf, err, part, leading_zero_detail, text);
			hint_without_zeros(text, len, err);
			return false;
		case DECIMAL_OK:
			break;
	}
	return true;
}

/*
 * eip155 chain references are EIP-155 chain ids in decimal (the namespace
 * profile): "1", not "01" or "0x1", so that one chain has one spelling.
 */
static bool
check_eip155_chain(asset_buf *buf, cd_error *err)
{
	if (!check_decimal_part(buf, err, PART_CHAIN_REFERENCE, buf->chain_ref, buf->chain_ref_len,
							"The reference of an eip155 chain id is its EIP-155 chain id in decimal, such as 1 or 8453; \"%s\" is not a decimal number.",
							"The reference of an eip155 chain id is its EIP-155 chain id in decimal without leading zeros; \"%s\" has a leading zero."))
		return false;
	if (strcmp(buf->chain_ref, "0") == 0)
		return fail_part(buf, err, PART_CHAIN_REFERENCE,
						 "The reference of an eip155 chain id is a positive EIP-155 chain id; 0 is not one.");
	return true;
}

/*
 * The contract reference of an eip155 erc20/erc721/erc1155 asset: "0x" +
 * 40 hex digits, checked as an eth_address (mixed case must be its EIP-55
 * checksum) and written in lower case, the form CAIP-19's own examples
 * use for erc20 and the one that makes equal contracts equal strings.
 */
static bool
check_contract_reference(asset_buf *buf, cd_error *err)
{
	uint8_t		addr[CD_ETH_ADDRESS_LEN];
	cd_error	addr_err;
	size_t		i;
	bool		shape_ok = buf->ref_len == 42 && cd_has_hex_prefix(buf->ref, buf->ref_len);

	for (i = 2; shape_ok && i < buf->ref_len; i++)
		if (cd_hex_digit_value(buf->ref[i]) < 0)
			shape_ok = false;
	if (!shape_ok)
		return fail_part(buf, err, PART_ASSET_REFERENCE,
						 "The reference of an eip155 %s asset is the token contract's address, \"0x\" followed by 40 hexadecimal digits; \"%s\" is not.",
						 buf->asset_ns, buf->ref);
	cd_error_clear(&addr_err);
	if (!cd_eth_address_parse(buf->ref, buf->ref_len, addr, &addr_err))
	{
		char		checksummed[CD_ETH_ADDRESS_TEXT_LEN];
		char		lower[43];

		/* the shape is right, so the checksum is wrong: show the right one */
		for (i = 0; i < buf->ref_len; i++)
			lower[i] = (buf->ref[i] >= 'A' && buf->ref[i] <= 'F') ? (char) (buf->ref[i] - 'A' + 'a') : buf->ref[i];
		lower[1] = 'x';
		lower[42] = '\0';
		if (cd_eth_address_parse(lower, 42, addr, &addr_err))
			cd_eth_address_format(addr, checksummed);
		else
			strcpy(checksummed, "unknown");
		fail_part(buf, err, PART_ASSET_REFERENCE,
				  "The contract address \"%s\" is in mixed case, which must be its EIP-55 checksum %s.",
				  buf->ref, checksummed);
		cd_error_hint(err, "Check the address for a typing error, or write it in lower case.");
		return false;
	}
	buf->ref[0] = '0';
	buf->ref[1] = 'x';
	cd_hex_encode(addr, CD_ETH_ADDRESS_LEN, buf->ref + 2);
	return true;
}

/*
 * A uint256 token id (erc721, erc1155) or edition number (cdefi work): a
 * decimal without leading zeros, at most 2^256 - 1 (78 digits may exceed
 * it, so the value is checked too).
 */
static bool
check_uint256_token(asset_buf *buf, const char *what, cd_error *err)
{
	cd_u256		value;
	cd_error	range_err;

	switch (check_decimal(buf->token, buf->token_len))
	{
		case DECIMAL_NOT_DIGITS:
			return fail_part(buf, err, PART_TOKEN_ID,
							 "The token id of %s is a decimal number, such as 771769; \"%s\" is not.",
							 what, buf->token);
		case DECIMAL_LEADING_ZERO:
			fail_part(buf, err, PART_TOKEN_ID,
					  "The token id of %s is a decimal number without leading zeros; \"%s\" has a leading zero.",
					  what, buf->token);
			hint_without_zeros(buf->token, buf->token_len, err);
			return false;
		case DECIMAL_OK:
			break;
	}
	cd_error_clear(&range_err);
	if (!cd_u256_parse_decimal(buf->token, buf->token_len, &value, "token id", &range_err))
		return fail_part(buf, err, PART_TOKEN_ID,
						 "The token id of %s is a uint256; %s is larger than 2^256 - 1.",
						 what, buf->token);
	return true;
}

/*
 * A cdefi "work" reference (a work not yet minted, see docs/asset.md) is
 * a UUID, 8-4-4-4-12 hex digits, written in lower case as RFC 9562 asks
 * and as PostgreSQL's uuid type prints it.
 */
static bool
check_work_reference(asset_buf *buf, cd_error *err)
{
	size_t		i;
	bool		ok = buf->ref_len == 36;

	for (i = 0; ok && i < 36; i++)
	{
		if (i == 8 || i == 13 || i == 18 || i == 23)
			ok = buf->ref[i] == '-';
		else
			ok = cd_hex_digit_value(buf->ref[i]) >= 0;
	}
	if (!ok)
	{
		fail_part(buf, err, PART_ASSET_REFERENCE,
				  "The reference of a cdefi work is a UUID, 8-4-4-4-12 hexadecimal digits; \"%s\" is not.",
				  buf->ref);
		cd_error_hint(err, "Use gen_random_uuid() to name a new work.");
		return false;
	}
	for (i = 0; i < 36; i++)
		if (buf->ref[i] >= 'A' && buf->ref[i] <= 'F')
			buf->ref[i] = (char) (buf->ref[i] - 'A' + 'a');
	return true;
}

/*
 * The namespace profiles, applied to parts that already passed the
 * grammar.  Namespaces without a profile keep their parts as written,
 * since CAIP-19 is case-sensitive and only a profile knows better.
 */
static bool
apply_profiles(asset_buf *buf, cd_error *err)
{
	bool		eip155 = strcmp(buf->chain_ns, "eip155") == 0;
	bool		contract = eip155 && (strcmp(buf->asset_ns, "erc20") == 0 ||
									  strcmp(buf->asset_ns, "erc721") == 0 ||
									  strcmp(buf->asset_ns, "erc1155") == 0);
	bool		fungible = strcmp(buf->asset_ns, "slip44") == 0 ||
		(eip155 && strcmp(buf->asset_ns, "erc20") == 0);

	if (eip155 && !check_eip155_chain(buf, err))
		return false;
	if (contract && !check_contract_reference(buf, err))
		return false;
	if (strcmp(buf->asset_ns, "slip44") == 0 &&
		!check_decimal_part(buf, err, PART_ASSET_REFERENCE, buf->ref, buf->ref_len,
							"The reference of a slip44 asset is the coin's SLIP-44 index in decimal, such as 60 for ether; \"%s\" is not a decimal number.",
							"The reference of a slip44 asset is a SLIP-44 index in decimal without leading zeros; \"%s\" has a leading zero."))
		return false;
	if (strcmp(buf->chain_ns, "cdefi") == 0 && strcmp(buf->asset_ns, "work") == 0 &&
		!check_work_reference(buf, err))
		return false;

	if (buf->token_len > 0)
	{
		if (fungible)
		{
			fail_part(buf, err, PART_TOKEN_ID,
					  "Assets in namespace %s are fungible and have no token id, but this one has \"%s\".",
					  buf->asset_ns, buf->token);
			cd_error_hint(err, "To name one token of a collection, use its erc721 or erc1155 contract.");
			return false;
		}
		if (contract && !check_uint256_token(buf, strcmp(buf->asset_ns, "erc721") == 0 ?
											 "an erc721 asset" : "an erc1155 asset", err))
			return false;
		if (strcmp(buf->chain_ns, "cdefi") == 0 && strcmp(buf->asset_ns, "work") == 0 &&
			!check_uint256_token(buf, "a cdefi work (its edition)", err))
			return false;
	}
	return true;
}

/* Join the canonical parts: chain_ns:chain_ref/asset_ns:ref[/token]. */
static void
join_parts(const asset_buf *buf, char out[CD_ASSET_TEXT_LEN], size_t *out_len)
{
	int			n;

	if (buf->token_len > 0)
		n = snprintf(out, CD_ASSET_TEXT_LEN, "%s:%s/%s:%s/%s", buf->chain_ns, buf->chain_ref,
					 buf->asset_ns, buf->ref, buf->token);
	else
		n = snprintf(out, CD_ASSET_TEXT_LEN, "%s:%s/%s:%s", buf->chain_ns, buf->chain_ref,
					 buf->asset_ns, buf->ref);
	*out_len = (size_t) n;
}

/*
 * Text input: split at the separators in order (the first "/", the ":" of
 * the asset part, the "/" before a token id), check each part, apply the
 * profiles, join.  The message quotes the whole input; the detail (set by
 * the failing check) names the part.
 */
bool
cd_asset_parse(const char *text, size_t len, char out[CD_ASSET_TEXT_LEN], size_t *out_len, cd_error *err)
{
	asset_buf	buf;
	const char *slash = memchr(text, '/', len);
	const char *rest;
	const char *colon;
	const char *end = text + len;
	const char *ref;
	const char *token_slash;
	char		quoted[128];
	bool		ok;

	memset(&buf, 0, sizeof(buf));
	if (slash == NULL)
	{
		fail_part(&buf, err, PART_CHAIN,
				  "An asset id is chain_id/asset_namespace:asset_reference, optionally followed by /token_id (CAIP-19), such as eip155:1/slip44:60; this input has no \"/\".");
		ok = false;
		goto done;
	}
	ok = check_chain_id(text, (size_t) (slash - text), &buf, err);
	if (!ok)
		goto done;

	rest = slash + 1;
	colon = memchr(rest, ':', (size_t) (end - rest));
	token_slash = memchr(rest, '/', (size_t) (end - rest));
	if (colon == NULL || (token_slash != NULL && token_slash < colon))
	{
		size_t		asset_len = (size_t) ((token_slash ? token_slash : end) - rest);

		ok = fail_part(&buf, err, PART_ASSET_NAMESPACE,
					   "The asset part \"%s\" has no \":\"; CAIP-19 writes asset_namespace:asset_reference after the chain id, such as slip44:60.",
					   cd_quote_input(rest, asset_len, quoted, sizeof(quoted)));
		goto done;
	}
	ok = check_namespace(rest, (size_t) (colon - rest), PART_ASSET_NAMESPACE,
						 buf.asset_ns, &buf.asset_ns_len, &buf, err);
	if (!ok)
		goto done;

	ref = colon + 1;
	token_slash = memchr(ref, '/', (size_t) (end - ref));
	ok = check_asset_text(ref, (size_t) ((token_slash ? token_slash : end) - ref), PART_ASSET_REFERENCE,
						  CD_CAIP19_REFERENCE_MAX, buf.ref, &buf.ref_len, &buf, err);
	if (!ok)
		goto done;
	if (token_slash != NULL)
	{
		const char *token = token_slash + 1;
		const char *extra = memchr(token, '/', (size_t) (end - token));

		if (extra != NULL)
		{
			ok = fail_part(&buf, err, PART_TOKEN_ID,
						   "The token id \"%s\" contains \"/\"; an asset id has at most one token id after the asset reference.",
						   cd_quote_input(token, (size_t) (end - token), quoted, sizeof(quoted)));
			goto done;
		}
		ok = check_asset_text(token, (size_t) (end - token), PART_TOKEN_ID,
							  CD_CAIP19_TOKEN_ID_MAX, buf.token, &buf.token_len, &buf, err);
		if (!ok)
			goto done;
	}
	ok = apply_profiles(&buf, err);

done:
	if (!ok)
	{
		if (err != NULL)
			snprintf(err->message, sizeof(err->message), "invalid input syntax for type asset: \"%s\"",
					 cd_quote_input(text, len, quoted, sizeof(quoted)));
		return false;
	}
	join_parts(&buf, out, out_len);
	return true;
}

/*
 * The constructor: the same checks on parts passed separately, so a "/" or
 * ":" inside a part is an error of that part, and the message names the
 * argument that failed (CD_ERR_PARAM, as for any bad function argument).
 */
bool
cd_asset_from_parts(const char *chain, size_t chain_len,
					const char *namespace_, size_t namespace_len,
					const char *reference, size_t reference_len,
					const char *token, size_t token_len,
					char out[CD_ASSET_TEXT_LEN], size_t *out_len, cd_error *err)
{
	asset_buf	buf;
	bool		ok;

	memset(&buf, 0, sizeof(buf));
	ok = check_chain_id(chain, chain_len, &buf, err) &&
		check_namespace(namespace_, namespace_len, PART_ASSET_NAMESPACE,
						buf.asset_ns, &buf.asset_ns_len, &buf, err) &&
		check_asset_text(reference, reference_len, PART_ASSET_REFERENCE,
						 CD_CAIP19_REFERENCE_MAX, buf.ref, &buf.ref_len, &buf, err) &&
		(token == NULL ||
		 check_asset_text(token, token_len, PART_TOKEN_ID,
						  CD_CAIP19_TOKEN_ID_MAX, buf.token, &buf.token_len, &buf, err)) &&
		apply_profiles(&buf, err);
	if (!ok)
	{
		const char *arg = chain;
		size_t		arg_len = chain_len;
		const char *arg_name = "chain id";
		char		quoted[128];

		switch (buf.failed)
		{
			case PART_CHAIN:
			case PART_CHAIN_NAMESPACE:
			case PART_CHAIN_REFERENCE:
				break;
			case PART_ASSET_NAMESPACE:
				arg = namespace_, arg_len = namespace_len, arg_name = "asset namespace";
				break;
			case PART_ASSET_REFERENCE:
				arg = reference, arg_len = reference_len, arg_name = "asset reference";
				break;
			case PART_TOKEN_ID:
				arg = token, arg_len = token_len, arg_name = "token id";
				break;
		}
		if (err != NULL)
		{
			err->code = CD_ERR_PARAM;
			snprintf(err->message, sizeof(err->message), "invalid %s for type asset: \"%s\"",
					 arg_name, cd_quote_input(arg, arg_len, quoted, sizeof(quoted)));
		}
		return false;
	}
	join_parts(&buf, out, out_len);
	return true;
}

/*
 * Offsets of the parts of a canonical asset: its first "/" ends the chain
 * id, the next ":" ends the namespace, and a further "/" starts the token
 * id (canonical parts contain none of these).
 */
bool
cd_asset_split(const char *text, size_t len, cd_asset_parts *parts)
{
	const char *end = text + len;
	const char *slash = memchr(text, '/', len);
	const char *colon;
	const char *token_slash;

	if (slash == NULL)
		return false;
	colon = memchr(slash + 1, ':', (size_t) (end - slash - 1));
	if (colon == NULL)
		return false;
	parts->chain_len = (size_t) (slash - text);
	parts->namespace_off = (size_t) (slash + 1 - text);
	parts->namespace_len = (size_t) (colon - slash - 1);
	parts->reference_off = (size_t) (colon + 1 - text);
	token_slash = memchr(colon + 1, '/', (size_t) (end - colon - 1));
	if (token_slash == NULL)
	{
		parts->reference_len = (size_t) (end - colon - 1);
		parts->token_off = len;
		parts->token_len = 0;
	}
	else
	{
		parts->reference_len = (size_t) (token_slash - colon - 1);
		parts->token_off = (size_t) (token_slash + 1 - text);
		parts->token_len = (size_t) (end - token_slash - 1);
	}
	return true;
}
