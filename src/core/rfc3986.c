/*
 * rfc3986.c - validation of URIs and authorities (RFC 3986, appendix A)
 *
 * A hand-written recogniser of the appendix's rules, one function per
 * rule that is not a character class.  IPv6address is checked by counting
 * 16-bit pieces around at most one "::" (with an IPv4 tail worth two),
 * which accepts exactly the nine alternatives of the ABNF.
 */
#include <stdio.h>
#include <string.h>

#include "cd_error.h"
#include "hex.h"
#include "rfc3986.h"
#include "small_decimal.h"

static bool
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" */
static bool
is_unreserved(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" */
static bool
is_sub_delim(unsigned char c)
{
	return c != '\0' && strchr("!$&'()*+,;=", c) != NULL;
}

/* gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@" */
static bool
is_gen_delim(unsigned char c)
{
	return c != '\0' && strchr(":/?#[]@", c) != NULL;
}

bool
cd_uri_is_reserved_or_unreserved(unsigned char c)
{
	return is_unreserved(c) || is_sub_delim(c) || is_gen_delim(c);
}

/*
 * Accept text[0 .. len) when each character is in the class (allowed),
 * pct-encoded being allowed everywhere; *bad is where it stops.
 */
static bool
chars_valid(const char *text, size_t len, bool (*allowed) (unsigned char), size_t *bad)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = (unsigned char) text[i];

		if (c == '%')
		{
			if (i + 2 >= len || cd_hex_digit_value(text[i + 1]) < 0 || cd_hex_digit_value(text[i + 2]) < 0)
			{
				*bad = i;
				return false;
			}
			i += 3;
			continue;
		}
		if (!allowed(c))
		{
			*bad = i;
			return false;
		}
		i++;
	}
	return true;
}

/* pchar = unreserved / pct-encoded / sub-delims / ":" / "@" (pct-encoded aside) */
static bool
is_pchar(unsigned char c)
{
	return is_unreserved(c) || is_sub_delim(c) || c == ':' || c == '@';
}

/* path characters: pchar / "/" */
static bool
is_path_char(unsigned char c)
{
	return is_pchar(c) || c == '/';
}

/* query and fragment: *( pchar / "/" / "?" ) */
static bool
is_query_char(unsigned char c)
{
	return is_pchar(c) || c == '/' || c == '?';
}

/* userinfo = *( unreserved / pct-encoded / sub-delims / ":" ) */
static bool
is_userinfo_char(unsigned char c)
{
	return is_unreserved(c) || is_sub_delim(c) || c == ':';
}

/* reg-name = *( unreserved / pct-encoded / sub-delims ) */
static bool
is_reg_name_char(unsigned char c)
{
	return is_unreserved(c) || is_sub_delim(c);
}

/* IPvFuture's tail: unreserved / sub-delims / ":" (no pct-encoded) */
static bool
is_ipvfuture_char(unsigned char c)
{
	return is_unreserved(c) || is_sub_delim(c) || c == ':';
}

bool
cd_uri_pchars_valid(const char *text, size_t len, size_t *bad)
{
	return chars_valid(text, len, is_pchar, bad);
}

bool
cd_uri_scheme_valid(const char *text, size_t len)
{
	size_t		i;

	if (len == 0 || !is_alpha((unsigned char) text[0]))
		return false;
	for (i = 1; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.')
			return false;
	}
	return true;
}

/*
 * dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35:
 * 0 to 255 without a leading zero.
 */
static bool
dec_octet_valid(const char *text, size_t len)
{
	int			value = cd_small_decimal(text, len);

	return value >= 0 && value <= 255;
}

/* IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet */
static bool
ipv4_valid(const char *text, size_t len)
{
	size_t		start = 0;
	int			octets = 0;
	size_t		i;

	for (i = 0; i <= len; i++)
	{
		if (i == len || text[i] == '.')
		{
			if (!dec_octet_valid(text + start, i - start))
				return false;
			octets++;
			start = i + 1;
		}
	}
	return octets == 4;
}

/*
 * A run of ':'-separated pieces (no "::" inside), each h16 = 1*4HEXDIG,
 * the last one possibly an IPv4 address when may_end_ipv4; *pieces counts
 * 16-bit pieces (an IPv4 address is two).  An empty run is zero pieces.
 */
static bool
ipv6_pieces(const char *text, size_t len, bool may_end_ipv4, int *pieces)
{
	size_t		start = 0;
	size_t		i;

	*pieces = 0;
	if (len == 0)
		return true;
	for (i = 0; i <= len; i++)
	{
		if (i == len || text[i] == ':')
		{
			size_t		n = i - start;
			size_t		k;
			bool		hex = n >= 1 && n <= 4;

			for (k = 0; hex && k < n; k++)
				hex = cd_hex_digit_value(text[start + k]) >= 0;
			if (hex)
				*pieces += 1;
			else if (i == len && may_end_ipv4 && ipv4_valid(text + start, n))
				*pieces += 2;
			else
				return false;
			start = i + 1;
		}
	}
	return true;
}

/* IPv6address: 8 pieces, or fewer around one "::" that stands for at least one */
static bool
ipv6_valid(const char *text, size_t len)
{
	const char *gap = NULL;
	size_t		i;
	int			left,
				right;

	for (i = 0; i + 1 < len; i++)
	{
		if (text[i] == ':' && text[i + 1] == ':')
		{
			gap = text + i;
			break;
		}
	}
	if (gap == NULL)
		return ipv6_pieces(text, len, true, &left) && left == 8;
	{
		size_t		left_len = (size_t) (gap - text);
		const char *rest = gap + 2;
		size_t		rest_len = len - left_len - 2;

		/* a second "::", or ":::" */
		for (i = 0; i + 1 < rest_len; i++)
			if (rest[i] == ':' && rest[i + 1] == ':')
				return false;
		if (rest_len > 0 && rest[0] == ':')
			return false;
		if (!ipv6_pieces(text, left_len, false, &left) ||
			!ipv6_pieces(rest, rest_len, true, &right))
			return false;
		return left + right <= 7;
	}
}

/* IP-literal = "[" ( IPv6address / IPvFuture ) "]", brackets included */
static bool
ip_literal_valid(const char *text, size_t len)
{
	const char *inner = text + 1;
	size_t		n;
	size_t		i;

	if (len < 2 || text[0] != '[' || text[len - 1] != ']')
		return false;
	n = len - 2;
	if (n > 0 && (inner[0] == 'v' || inner[0] == 'V'))
	{
		/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
		i = 1;
		while (i < n && cd_hex_digit_value(inner[i]) >= 0)
			i++;
		if (i == 1 || i >= n || inner[i] != '.' || i + 1 >= n)
			return false;
		for (i++; i < n; i++)
			if (!is_ipvfuture_char((unsigned char) inner[i]))
				return false;
		return true;
	}
	return ipv6_valid(inner, n);
}

bool
cd_authority_valid(const char *text, size_t len, bool require_host, char why[CD_RFC3986_WHY_LEN])
{
	const char *at = memchr(text, '@', len);
	const char *host = text;
	size_t		host_len;
	size_t		port_off;
	size_t		bad;
	char		ch[16];

	if (at != NULL)
	{
		size_t		userinfo_len = (size_t) (at - text);

		if (!chars_valid(text, userinfo_len, is_userinfo_char, &bad))
		{
			snprintf(why, CD_RFC3986_WHY_LEN, "The userinfo has %s at character %zu of the authority, which RFC 3986 does not allow there.",
					 cd_describe_char((unsigned char) text[bad], ch), bad + 1);
			return false;
		}
		host = at + 1;
	}
	host_len = len - (size_t) (host - text);
	if (host_len > 0 && host[0] == '[')
	{
		const char *close = memchr(host, ']', host_len);

		if (close == NULL || !ip_literal_valid(host, (size_t) (close - host) + 1))
		{
			snprintf(why, CD_RFC3986_WHY_LEN, "The host in brackets is not an IPv6 address or an IPvFuture literal.");
			return false;
		}
		port_off = (size_t) (close - host) + 1;
	}
	else
	{
		const char *colon = memchr(host, ':', host_len);

		port_off = colon != NULL ? (size_t) (colon - host) : host_len;
		if (!chars_valid(host, port_off, is_reg_name_char, &bad))
		{
			snprintf(why, CD_RFC3986_WHY_LEN, "The host has %s at character %zu of the authority, which RFC 3986 does not allow in a host name.",
					 cd_describe_char((unsigned char) host[bad], ch), (size_t) (host - text) + bad + 1);
			return false;
		}
		if (port_off == 0 && require_host)
		{
			snprintf(why, CD_RFC3986_WHY_LEN, "The host is empty.");
			return false;
		}
	}
	if (port_off < host_len)
	{
		size_t		i;

		if (host[port_off] != ':')
		{
			snprintf(why, CD_RFC3986_WHY_LEN, "Only a port (\":\" and digits) may follow the bracketed host.");
			return false;
		}
		for (i = port_off + 1; i < host_len; i++)
		{
			if (!is_digit((unsigned char) host[i]))
			{
				snprintf(why, CD_RFC3986_WHY_LEN, "The port has %s; a port is decimal digits.",
						 cd_describe_char((unsigned char) host[i], ch));
				return false;
			}
		}
	}
	return true;
}

/* text[start .. end) is a query or a fragment: *( pchar / "/" / "?" ) */
static bool
query_or_fragment_valid(const char *text, size_t start, size_t end, const char *what,
						char why[CD_RFC3986_WHY_LEN])
{
	size_t		bad;
	char		ch[16];

	if (chars_valid(text + start, end - start, is_query_char, &bad))
		return true;
	snprintf(why, CD_RFC3986_WHY_LEN, "The %s has %s at character %zu, which RFC 3986 does not allow in a %s.",
			 what, cd_describe_char((unsigned char) text[start + bad], ch), start + bad + 1, what);
	return false;
}

bool
cd_uri_valid(const char *text, size_t len, char why[CD_RFC3986_WHY_LEN])
{
	const char *colon = memchr(text, ':', len);
	size_t		pos;
	size_t		end;
	size_t		bad;
	char		ch[16];

	if (colon == NULL || !cd_uri_scheme_valid(text, (size_t) (colon - text)))
	{
		snprintf(why, CD_RFC3986_WHY_LEN, "A URI starts with a scheme (a letter, then letters, digits, '+', '-' or '.') and ':'.");
		return false;
	}
	pos = (size_t) (colon - text) + 1;
	/* hier-part: "//" authority path-abempty, or a path without authority */
	if (len - pos >= 2 && text[pos] == '/' && text[pos + 1] == '/')
	{
		pos += 2;
		end = pos;
		while (end < len && text[end] != '/' && text[end] != '?' && text[end] != '#')
			end++;
		if (!cd_authority_valid(text + pos, end - pos, false, why))
			return false;
		pos = end;
	}
	end = pos;
	while (end < len && text[end] != '?' && text[end] != '#')
		end++;
	if (!chars_valid(text + pos, end - pos, is_path_char, &bad))
	{
		snprintf(why, CD_RFC3986_WHY_LEN, "The path has %s at character %zu, which RFC 3986 does not allow in a path.",
				 cd_describe_char((unsigned char) text[pos + bad], ch), pos + bad + 1);
		return false;
	}
	pos = end;
	if (pos < len && text[pos] == '?')
	{
		end = ++pos;
		while (end < len && text[end] != '#')
			end++;
		if (!query_or_fragment_valid(text, pos, end, "query", why))
			return false;
		pos = end;
	}
	/* text[pos] is '#' if anything is left */
	if (pos < len && !query_or_fragment_valid(text, pos + 1, len, "fragment", why))
		return false;
	return true;
}
