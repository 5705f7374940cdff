/*
 * did.c - did:pkh (eip155 accounts) and did:key (Ed25519, secp256k1)
 *
 * Parsing fails with the whole input quoted in the message and the reason
 * in the detail; formatting checks the key the DID is made from.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base58.h"
#include "did.h"
#include "secp256k1_pubkey.h"

#define DID_KEY_PREFIX "did:key:"
#define DID_PKH_PREFIX "did:pkh:"
#define EIP155 "eip155"

#define MULTICODEC_ED25519_PUB 0xed
#define MULTICODEC_SECP256K1_PUB 0xe7
#define ED25519_KEY_LEN 32

/* multicodec value and key length of each supported type */
static const struct
{
	uint64_t	codec;
	size_t		key_len;
	const char *name;
} key_types[] = {
	[CD_DID_KEY_ED25519] = {MULTICODEC_ED25519_PUB, ED25519_KEY_LEN, "Ed25519"},
	[CD_DID_KEY_SECP256K1] = {MULTICODEC_SECP256K1_PUB, CD_SECP256K1_COMPRESSED_LEN, "secp256k1"},
};

const char *
cd_did_key_type_name(cd_did_key_type type)
{
	return key_types[type].name;
}

/* Start an error about input: the message quotes it, fmt is the detail. */
static bool
fail_input(cd_error *err, cd_errcode code, const char *what, const char *text, size_t len,
		   const char *fmt,...)
			__attribute__((format(printf, 6, 7)));

static bool
fail_input(cd_error *err, cd_errcode code, const char *what, const char *text, size_t len,
		   const char *fmt,...)
{
	char		quoted[128];
	va_list		ap;

	cd_fail(err, code, "invalid %s: \"%s\"", what, cd_quote_input(text, len, quoted, sizeof(quoted)));
	va_start(ap, fmt);
	cd_error_vdetail(err, fmt, ap);
	va_end(ap);
	return false;
}

bool
cd_did_key_format(cd_did_key_type type, const uint8_t *key, size_t len,
				  char out[CD_DID_TEXT_LEN], cd_error *err)
{
	uint8_t		bytes[2 + CD_SECP256K1_UNCOMPRESSED_LEN];
	size_t		prefix = strlen(DID_KEY_PREFIX "z");

	/* varint of the codec: both are below 2^14, two bytes */
	bytes[0] = (uint8_t) (0x80 | (key_types[type].codec & 0x7f));
	bytes[1] = (uint8_t) (key_types[type].codec >> 7);
	if (type == CD_DID_KEY_SECP256K1)
	{
		if (!cd_secp256k1_pubkey_serialize(key, len, true, bytes + 2, err))
			return false;
	}
	else
	{
		if (len != ED25519_KEY_LEN)
		{
			cd_fail(err, CD_ERR_PARAM, "invalid Ed25519 public key length: %zu bytes", len);
			cd_error_detail(err, "An Ed25519 public key is 32 bytes.");
			return false;
		}
		memcpy(bytes + 2, key, len);
	}
	memcpy(out, DID_KEY_PREFIX "z", prefix);
	return cd_base58_encode(bytes, 2 + key_types[type].key_len, out + prefix, CD_DID_TEXT_LEN - prefix);
}

/* An unsigned varint (multiformats: minimal, at most 9 bytes); bytes used, or 0. */
static size_t
read_varint(const uint8_t *in, size_t len, uint64_t *value)
{
	size_t		i;

	*value = 0;
	for (i = 0; i < len && i < 9; i++)
	{
		*value |= (uint64_t) (in[i] & 0x7f) << (7 * i);
		if ((in[i] & 0x80) == 0)
			return (i > 0 && in[i] == 0) ? 0 : i + 1;
	}
	return 0;
}

bool
cd_did_key_parse(const char *text, size_t len, cd_did_key_type *type,
				 uint8_t key[CD_DID_KEY_MAX_LEN], size_t *key_len, cd_error *err)
{
	const size_t prefix = strlen(DID_KEY_PREFIX);
	uint8_t		bytes[CD_DID_TEXT_LEN];
	size_t		nbytes;
	size_t		bad;
	size_t		used;
	uint64_t	codec;
	int			t;
	char		ch[16];

	if (len < prefix || memcmp(text, DID_KEY_PREFIX, prefix) != 0)
		return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
						  "A did:key starts with \"did:key:\", then 'z' and the base58btc encoding of a multicodec public key.");
	if (len == prefix || text[prefix] != 'z')
		return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
						  "The key must be multibase base58btc, which starts with 'z'%s.",
						  len == prefix ? "; nothing follows \"did:key:\"" : "");
	if (len - prefix - 1 > CD_DID_TEXT_LEN ||
		!cd_base58_decode(text + prefix + 1, len - prefix - 1, bytes, sizeof(bytes), &nbytes, &bad))
	{
		if (len - prefix - 1 > CD_DID_TEXT_LEN || bad == len - prefix - 1)
			return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
							  "The key is longer than any key did:key holds here.");
		return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
						  "Character %zu (%s) is not in the base58btc alphabet.",
						  prefix + 2 + bad, cd_describe_char((unsigned char) text[prefix + 1 + bad], ch));
	}
	used = read_varint(bytes, nbytes, &codec);
	if (used == 0)
		return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
						  "The key does not start with a multicodec varint.");
	for (t = 0; t < (int) (sizeof(key_types) / sizeof(key_types[0])); t++)
	{
		if (key_types[t].codec != codec)
			continue;
		if (nbytes - used != key_types[t].key_len)
			return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
							  "A did:key of an %s key holds %zu bytes of key; this one holds %zu.",
							  key_types[t].name, key_types[t].key_len, nbytes - used);
		*type = (cd_did_key_type) t;
		*key_len = nbytes - used;
		memcpy(key, bytes + used, *key_len);
		if (*type == CD_DID_KEY_SECP256K1)
		{
			uint8_t		point[CD_SECP256K1_UNCOMPRESSED_LEN];
			cd_error	key_err;

			cd_error_clear(&key_err);
			if (!cd_secp256k1_pubkey_serialize(key, *key_len, true, point, &key_err))
				return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
								  "The secp256k1 key is not a compressed point of the curve: %s", key_err.detail);
		}
		return true;
	}
	return fail_input(err, CD_ERR_SYNTAX, "did:key", text, len,
					  "Its multicodec is 0x%" PRIx64 "%s; only Ed25519 (0xed) and secp256k1 (0xe7) public keys are supported.",
					  codec, codec == 0xec ? " (X25519, a key-agreement key)" :
					  codec == 0x1200 ? " (P-256)" : codec == 0xeb ? " (BLS12-381 G2)" : "");
}

bool
cd_did_pkh_format(const uint8_t address[CD_ETH_ADDRESS_LEN], int64_t chain_id,
				  char out[CD_DID_TEXT_LEN], cd_error *err)
{
	char		checksummed[CD_ETH_ADDRESS_TEXT_LEN];
	size_t		i;

	if (chain_id < 0)
	{
		cd_fail(err, CD_ERR_PARAM, "chain id %" PRId64 " is negative", chain_id);
		cd_error_detail(err, "An EIP-155 chain id is a non-negative integer (1 for Ethereum mainnet).");
		return false;
	}
	cd_eth_address_format(address, checksummed);
	for (i = 0; checksummed[i] != '\0'; i++)
		if (checksummed[i] >= 'A' && checksummed[i] <= 'F')
			checksummed[i] = (char) (checksummed[i] - 'A' + 'a');
	snprintf(out, CD_DID_TEXT_LEN, DID_PKH_PREFIX EIP155 ":%" PRId64 ":%s", chain_id, checksummed);
	return true;
}

bool
cd_did_pkh_parse(const char *text, size_t len, uint8_t address[CD_ETH_ADDRESS_LEN],
				 int64_t *chain_id, cd_error *err)
{
	const size_t prefix = strlen(DID_PKH_PREFIX);
	const char *ns;
	const char *colon;
	const char *chain;
	const char *account;
	size_t		chain_len;
	size_t		i;
	cd_error	addr_err;

	if (len < prefix || memcmp(text, DID_PKH_PREFIX, prefix) != 0)
		return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len,
						  "A did:pkh of an Ethereum account is \"did:pkh:eip155:\", the chain id, ':' and the address.");
	ns = text + prefix;
	colon = memchr(ns, ':', len - prefix);
	if (colon == NULL)
		return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len,
						  "A did:pkh is \"did:pkh:\", a CAIP-2 chain id (namespace:reference), ':' and an account address.");
	if ((size_t) (colon - ns) != strlen(EIP155) || memcmp(ns, EIP155, strlen(EIP155)) != 0)
	{
		char		quoted[64];

		fail_input(err, CD_ERR_PARAM, "did:pkh", text, len,
				   "Its chain namespace is \"%s\"; only eip155 (Ethereum and EVM chains) accounts map to an eth_address.",
				   cd_quote_input(ns, (size_t) (colon - ns), quoted, sizeof(quoted)));
		return false;
	}
	chain = colon + 1;
	account = memchr(chain, ':', len - (size_t) (chain - text));
	if (account == NULL)
		return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len,
						  "The chain id must be followed by ':' and the account address.");
	chain_len = (size_t) (account - chain);
	*chain_id = 0;
	for (i = 0; i < chain_len; i++)
	{
		char		c = chain[i];

		if (c < '0' || c > '9')
			return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len,
							  "An eip155 chain id is decimal digits.");
		if (*chain_id > (INT64_MAX - (c - '0')) / 10)
			return fail_input(err, CD_ERR_RANGE, "did:pkh", text, len,
							  "The chain id is above 9223372036854775807.");
		*chain_id = *chain_id * 10 + (c - '0');
	}
	if (chain_len == 0 || (chain_len > 1 && chain[0] == '0'))
		return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len,
						  "An eip155 chain id is decimal digits without leading zeros (CAIP-2).");
	account++;
	cd_error_clear(&addr_err);
	if (!cd_eth_address_parse(account, len - (size_t) (account - text), address, &addr_err))
		return fail_input(err, CD_ERR_SYNTAX, "did:pkh", text, len, "The account is not an Ethereum address: %s",
						  addr_err.detail[0] ? addr_err.detail : addr_err.message);
	return true;
}
