/*
 * rfc3986.h - validation of URIs and authorities (RFC 3986, section 3 and
 * appendix A), as Sign-In with Ethereum (EIP-4361) requires of its domain,
 * URI and resources
 *
 * Validation only: nothing is normalised or decoded.  Each function says
 * whether the whole of text[0 .. len) matches the rule; on a mismatch,
 * why (a sentence for an error detail, at most CD_RFC3986_WHY_LEN bytes).
 */
#ifndef CD_RFC3986_H
#define CD_RFC3986_H

#include <stdbool.h>
#include <stddef.h>

#define CD_RFC3986_WHY_LEN 200

/*
 * URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]: an absolute
 * URI with an optional fragment.
 */
extern bool cd_uri_valid(const char *text, size_t len, char why[CD_RFC3986_WHY_LEN]);

/*
 * authority = [ userinfo "@" ] host [ ":" port ], host an IP-literal
 * (IPv6 or IPvFuture in brackets), an IPv4 address or a reg-name.  With
 * require_host, an empty host is refused (the grammar allows one).
 */
extern bool cd_authority_valid(const char *text, size_t len, bool require_host,
							   char why[CD_RFC3986_WHY_LEN]);

/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
extern bool cd_uri_scheme_valid(const char *text, size_t len);

/* *pchar (EIP-4361's request-id); *bad is the offset of the first misfit */
extern bool cd_uri_pchars_valid(const char *text, size_t len, size_t *bad);

/* One character of RFC 3986's reserved or unreserved sets. */
extern bool cd_uri_is_reserved_or_unreserved(unsigned char c);

#endif							/* CD_RFC3986_H */
