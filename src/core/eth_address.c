/*
 * eth_address.c - Ethereum addresses and EIP-55 mixed-case checksums
 */
#include <string.h>

#include "eth_address.h"
#include "hex.h"
#include "keccak.h"
#include "secp256k1_pubkey.h"

/*
 * EIP-55: hex digit i of the lower-case address is upper-cased when nibble i
 * of keccak256(lower-case hex, as ASCII) is 8 or more.
 */
static void
checksum_case(const char lower_hex[40], char out[40])
{
	uint8_t		hash[CD_KECCAK256_DIGEST_SIZE];
	int			i;

	cd_keccak256((const uint8_t *) lower_hex, 40, hash);
	for (i = 0; i < 40; i++)
	{
		int			nibble = (i % 2 == 0) ? (hash[i / 2] >> 4) : (hash[i / 2] & 0x0f);
		char		c = lower_hex[i];

		out[i] = (c >= 'a' && c <= 'f' && nibble >= 8) ? (char) (c - 'a' + 'A') : c;
	}
}

bool
cd_eth_address_parse(const char *text, size_t len, uint8_t out[CD_ETH_ADDRESS_LEN], cd_error *err)
{
	char		quoted[128];
	const char *hex;
	bool		has_lower = false;
	bool		has_upper = false;
	size_t		i;

	if (!cd_has_hex_prefix(text, len) || len != 42)
	{
		cd_fail(err, CD_ERR_SYNTAX, "invalid input syntax for type eth_address: \"%s\"",
				cd_quote_input(text, len, quoted, sizeof(quoted)));
		cd_error_detail(err, "An Ethereum address is \"0x\" followed by 40 hexadecimal digits; this input has %s.",
						cd_has_hex_prefix(text, len) ? "the prefix but not 40 digits" : "no \"0x\" prefix");
		return false;
	}
	hex = text + 2;
	for (i = 0; i < 40; i++)
	{
		char		c = hex[i];

		if (cd_hex_digit_value(c) < 0)
		{
			cd_fail(err, CD_ERR_SYNTAX, "invalid input syntax for type eth_address: \"%s\"",
					cd_quote_input(text, len, quoted, sizeof(quoted)));
			cd_error_detail(err, "Character %zu is not a hexadecimal digit.", i + 3);
			return false;
		}
		if (c >= 'a' && c <= 'f')
			has_lower = true;
		else if (c >= 'A' && c <= 'F')
			has_upper = true;
	}
	if (!cd_hex_decode(hex, CD_ETH_ADDRESS_LEN, out))
		return cd_fail(err, CD_ERR_SYNTAX, "invalid input syntax for type eth_address: \"%s\"",
					   cd_quote_input(text, len, quoted, sizeof(quoted)));

	if (has_lower && has_upper)
	{
		char		lower[40];
		char		expected[40];

		for (i = 0; i < 40; i++)
			lower[i] = (hex[i] >= 'A' && hex[i] <= 'F') ? (char) (hex[i] - 'A' + 'a') : hex[i];
		checksum_case(lower, expected);
		if (memcmp(expected, hex, 40) != 0)
		{
			cd_fail(err, CD_ERR_SYNTAX, "invalid EIP-55 checksum in eth_address: \"%s\"",
					cd_quote_input(text, len, quoted, sizeof(quoted)));
			cd_error_detail(err, "Mixed-case input must match its EIP-55 checksum, which is 0x%.40s.", expected);
			cd_error_hint(err, "Check the address for a typing error, or write it all in lower case to skip the checksum.");
			return false;
		}
	}
	return true;
}

void
cd_eth_address_format(const uint8_t addr[CD_ETH_ADDRESS_LEN], char out[CD_ETH_ADDRESS_TEXT_LEN])
{
	char		lower[41];

	cd_hex_encode(addr, CD_ETH_ADDRESS_LEN, lower);
	out[0] = '0';
	out[1] = 'x';
	checksum_case(lower, out + 2);
	out[42] = '\0';
}

void
cd_eth_address_from_xy(const uint8_t xy[64], uint8_t out[CD_ETH_ADDRESS_LEN])
{
	uint8_t		hash[CD_KECCAK256_DIGEST_SIZE];

	cd_keccak256(xy, 64, hash);
	memcpy(out, hash + 12, CD_ETH_ADDRESS_LEN);
}

bool
cd_eth_address_from_pubkey(const uint8_t *pubkey, size_t len, uint8_t out[CD_ETH_ADDRESS_LEN], cd_error *err)
{
	uint8_t		uncompressed[CD_SECP256K1_UNCOMPRESSED_LEN];

	if (!cd_secp256k1_pubkey_serialize(pubkey, len, false, uncompressed, err))
		return false;
	cd_eth_address_from_xy(uncompressed + 1, out);
	return true;
}
