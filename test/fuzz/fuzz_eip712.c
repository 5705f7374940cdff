/*
 * fuzz_eip712.c - libFuzzer target for the EIP-712 encoder and its JSON
 * parser
 *
 * Any input, read as typed data JSON, must give a digest or a clean error
 * (a known code and a message); the same bytes are also tried as a domain
 * and as types + data for hashStruct, so every entry point sees them.
 * ASan catches leaks of the parser's arena on any path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/eip712.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A failure must carry one of the codes the encoder documents, and a message. */
static void
check_failure(const cd_error *err)
{
	if (err->message[0] == '\0')
		abort();
	if (err->code != CD_ERR_SYNTAX && err->code != CD_ERR_PARAM &&
		err->code != CD_ERR_LIMIT && err->code != CD_ERR_NOMEM)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	uint8_t		digest[CD_EIP712_HASH_LEN];
	uint8_t		again[CD_EIP712_HASH_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (cd_eip712_hash(text, size, digest, &err))
	{
		/* deterministic: the same input hashes the same */
		if (!cd_eip712_hash(text, size, again, &err) || memcmp(digest, again, sizeof(digest)) != 0)
			abort();
	}
	else
		check_failure(&err);

	cd_error_clear(&err);
	if (!cd_eip712_domain_separator(text, size, NULL, 0, digest, &err))
		check_failure(&err);

	cd_error_clear(&err);
	if (!cd_eip712_hash_struct(text, size, "T", 1, text, size, digest, &err))
		check_failure(&err);
	return 0;
}
