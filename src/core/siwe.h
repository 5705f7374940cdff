/*
 * siwe.h - Sign-In with Ethereum (EIP-4361): the message parser and the
 * time and binding rules of verification
 *
 * The message's ABNF (EIP-4361, "Message Format"), lines separated by LF:
 *
 *   [ scheme "://" ] domain " wants you to sign in with your Ethereum account:"
 *   address                          (EIP-55 checksummed)
 *   (empty line)
 *   [ statement                      (RFC 3986 reserved / unreserved / " ")
 *   ] (empty line)
 *   "URI: " URI                      (RFC 3986 URI)
 *   "Version: 1"
 *   "Chain ID: " 1*DIGIT
 *   "Nonce: " 8*( ALPHA / DIGIT )
 *   "Issued At: " date-time          (RFC 3339)
 *   [ "Expiration Time: " date-time ]
 *   [ "Not Before: " date-time ]
 *   [ "Request ID: " *pchar ]
 *   [ "Resources:" *( LF "- " URI ) ]
 *
 * with nothing after the last line (no final LF).  Beyond the ABNF: the
 * domain's host must not be empty, and the chain id must fit a signed
 * 64-bit integer (EIP-2294 bounds chain ids well below that).
 *
 * The parsed message refers to the text by offsets, so that nothing is
 * allocated.
 */
#ifndef CD_SIWE_H
#define CD_SIWE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "eth_address.h"

/* text[off .. off + len) of the message */
typedef struct cd_span
{
	size_t		off;
	size_t		len;
} cd_span;

/* A time field: the text as written and its instant. */
typedef struct cd_siwe_time
{
	bool		present;
	cd_span		text;
	int64_t		micros;			/* microseconds since 1970-01-01T00:00:00Z */
} cd_siwe_time;

typedef struct cd_siwe_message
{
	bool		has_scheme;
	cd_span		scheme;
	cd_span		domain;
	uint8_t		address[CD_ETH_ADDRESS_LEN];
	bool		has_statement;	/* an empty statement is present, of length 0 */
	cd_span		statement;
	cd_span		uri;
	cd_span		version;
	int64_t		chain_id;
	cd_span		nonce;
	cd_siwe_time issued_at;
	cd_siwe_time expiration_time;
	cd_siwe_time not_before;
	bool		has_request_id;
	cd_span		request_id;
	bool		has_resources;	/* a "Resources:" line, maybe with no resource */
	size_t		resource_count;
	size_t		resources_off;	/* just after "Resources:" */
} cd_siwe_message;

/*
 * Parse a message of len bytes.  On failure, err (CD_ERR_SYNTAX, or
 * CD_ERR_RANGE for a chain id above 2^63 - 1) names the line and field in
 * its message and says what is wrong in its detail.
 */
extern bool cd_siwe_parse(const char *text, size_t len, cd_siwe_message *msg, cd_error *err);

/*
 * The next resource of a parsed message: start with *pos = 0; false when
 * there is none left.
 */
extern bool cd_siwe_next_resource(const char *text, size_t len, const cd_siwe_message *msg,
								  size_t *pos, cd_span *resource);

/* Why verification refuses a well-formed message, before its signature. */
typedef enum cd_siwe_refusal
{
	CD_SIWE_ACCEPTED,
	CD_SIWE_WRONG_DOMAIN,		/* domain is not the expected one (exact bytes) */
	CD_SIWE_WRONG_NONCE,		/* nonce is not the expected one (exact bytes) */
	CD_SIWE_EXPIRED,			/* at >= expiration time */
	CD_SIWE_NOT_YET_VALID		/* at < not before */
} cd_siwe_refusal;

/*
 * The binding and time rules of EIP-4361's verification, in this order:
 * domain, nonce, expiration time, not before.  at is in microseconds
 * since the Unix epoch.
 */
extern cd_siwe_refusal cd_siwe_check(const char *text, const cd_siwe_message *msg,
									 const char *domain, size_t domain_len,
									 const char *nonce, size_t nonce_len, int64_t at);

#endif							/* CD_SIWE_H */
