/*
 * fuzz_did.c - libFuzzer target for the did:key and did:pkh parsers
 * (and base58btc)
 *
 * Any input must either parse or fail with an error that has a detail; a
 * parsed DID must format back to the same text (a did:pkh once in lower
 * case, as did_pkh writes it, its address's "0X" too), since each key and
 * account has one DID.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/did.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	uint8_t		key[CD_DID_KEY_MAX_LEN];
	size_t		key_len = 0;
	cd_did_key_type type;
	uint8_t		address[CD_ETH_ADDRESS_LEN];
	int64_t		chain_id;
	char		again[CD_DID_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (cd_did_key_parse(text, size, &type, key, &key_len, &err))
	{
		if (!cd_did_key_format(type, key, key_len, again, &err) ||
			strlen(again) != size || memcmp(again, text, size) != 0)
			abort();
	}
	else if (err.code == CD_OK || err.detail[0] == '\0')
		abort();

	cd_error_clear(&err);
	if (cd_did_pkh_parse(text, size, address, &chain_id, &err))
	{
		size_t		i;

		if (!cd_did_pkh_format(address, chain_id, again, &err) || strlen(again) != size)
			abort();
		for (i = 0; i < size; i++)
		{
			char		c = text[i];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (again[i] != c)
				abort();
		}
	}
	else if (err.code == CD_OK || err.detail[0] == '\0')
		abort();
	return 0;
}
