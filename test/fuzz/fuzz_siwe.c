/*
 * fuzz_siwe.c - libFuzzer target for the Sign-In with Ethereum parser
 * (and through it the RFC 3986 and RFC 3339 recognisers)
 *
 * Any input must either parse or fail with a syntax (or, for the chain
 * id, range) error that names a line; a parsed message's spans lie inside
 * the input, its resources are as many as it counted, and the binding
 * check accepts the message's own domain and nonce at its issued-at time
 * unless a time rule refuses it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/siwe.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_span(cd_span span, size_t size)
{
	if (span.off > size || span.len > size - span.off)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	cd_siwe_message msg;
	cd_error	err;
	size_t		pos = 0;
	size_t		count = 0;
	cd_span		resource;
	cd_siwe_refusal refusal;

	cd_error_clear(&err);
	if (!cd_siwe_parse(text, size, &msg, &err))
	{
		if ((err.code != CD_ERR_SYNTAX && err.code != CD_ERR_RANGE) ||
			strstr(err.message, ": line ") == NULL || err.detail[0] == '\0')
			abort();
		return 0;
	}
	check_span(msg.domain, size);
	check_span(msg.uri, size);
	check_span(msg.nonce, size);
	check_span(msg.issued_at.text, size);
	if (msg.has_scheme)
		check_span(msg.scheme, size);
	if (msg.has_statement)
		check_span(msg.statement, size);
	if (msg.has_request_id)
		check_span(msg.request_id, size);
	while (cd_siwe_next_resource(text, size, &msg, &pos, &resource))
	{
		check_span(resource, size);
		count++;
	}
	if (count != msg.resource_count)
		abort();
	refusal = cd_siwe_check(text, &msg, text + msg.domain.off, msg.domain.len,
							text + msg.nonce.off, msg.nonce.len, msg.issued_at.micros);
	if (refusal == CD_SIWE_WRONG_DOMAIN || refusal == CD_SIWE_WRONG_NONCE)
		abort();
	return 0;
}
