/*
 * fuzz_eth_address.c - libFuzzer target for the eth_address text parser
 *
 * Any input must either parse or fail with a syntax error; a parsed
 * address must print and re-parse to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/eth_address.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t		addr[CD_ETH_ADDRESS_LEN];
	uint8_t		again[CD_ETH_ADDRESS_LEN];
	char		text[CD_ETH_ADDRESS_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eth_address_parse((const char *) data, size, addr, &err))
	{
		if (err.code != CD_ERR_SYNTAX || err.message[0] == '\0')
			abort();
		return 0;
	}
	cd_eth_address_format(addr, text);
	if (!cd_eth_address_parse(text, strlen(text), again, &err) ||
		memcmp(addr, again, sizeof(addr)) != 0)
		abort();
	/* the pubkey path must refuse or accept without crashing, whatever the bytes */
	(void) cd_eth_address_from_pubkey(data, size, addr, &err);
	return 0;
}
