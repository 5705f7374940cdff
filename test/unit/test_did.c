/*
 * test_did.c - did:key and did:pkh: the specifications' test vectors
 * (w3c-ccg/did-method-key test-vectors/, w3c-ccg/did-pkh test-vectors/;
 * test/vectors/did-test-vectors.json, run whole by
 * test/suites/vectors_did.sh), base58btc edges and every error path
 */
#include "unit.h"
#include "core/base58.h"
#include "core/did.h"

/* Format key as a did:key of type and compare; parse it back. */
static void
check_did_key(cd_did_key_type type, const char *key_hex, const char *expected)
{
	uint8_t		key[65];
	size_t		key_len = strlen(key_hex) / 2;
	uint8_t		parsed[CD_DID_KEY_MAX_LEN];
	size_t		parsed_len = 0;
	cd_did_key_type parsed_type;
	char		did[CD_DID_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	CHECK(cd_hex_decode(key_hex, key_len, key));
	CHECK(cd_did_key_format(type, key, key_len, did, &err));
	CHECK_STR_EQ(did, expected);
	CHECK(cd_did_key_parse(expected, strlen(expected), &parsed_type, parsed, &parsed_len, &err));
	CHECK(parsed_type == type);
	if (key_len == parsed_len)
		CHECK_HEX_EQ(parsed, parsed_len, key_hex);
	else
		CHECK(parsed_len == 33 && type == CD_DID_KEY_SECP256K1);
}

static void
test_did_key_vectors(void)
{
	/* ed25519-x25519.json, seeds 0 and 1: publicKeyBase58 4zvwRjXU..., 6ASf5Ecm... decoded */
	check_did_key(CD_DID_KEY_ED25519, "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29",
				  "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
	check_did_key(CD_DID_KEY_ED25519, "4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29",
				  "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG");
	/* secp256k1.json: publicKeyBase58 23o6Sau8NxxzXcgSc3PLcNxrzrZpbLeBn1izfv3jbKhuv decoded */
	check_did_key(CD_DID_KEY_SECP256K1, "03874c15c7fda20e539c6e5ba573c139884c351188799f5458b4b41f7924f235cd",
				  "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme");
}

static void
test_secp256k1_uncompressed(void)
{
	/* the generator G, uncompressed, gives the did:key of its compressed form 02 || x */
	const char *g = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
		"483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";
	uint8_t		key[65];
	uint8_t		compressed[33];
	char		did_long[CD_DID_TEXT_LEN];
	char		did_short[CD_DID_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	CHECK(cd_hex_decode(g, 65, key));
	CHECK(cd_did_key_format(CD_DID_KEY_SECP256K1, key, 65, did_long, &err));
	compressed[0] = 0x02;
	memcpy(compressed + 1, key + 1, 32);
	CHECK(cd_did_key_format(CD_DID_KEY_SECP256K1, compressed, 33, did_short, &err));
	CHECK_STR_EQ(did_long, did_short);
}

static void
check_key_refused(const char *did, cd_errcode code, const char *fragment)
{
	uint8_t		key[CD_DID_KEY_MAX_LEN];
	size_t		key_len;
	cd_did_key_type type;
	cd_error	err;

	cd_error_clear(&err);
	CHECK_FAILED_WITH(cd_did_key_parse(did, strlen(did), &type, key, &key_len, &err), err, code, fragment, false, did);
}

static void
test_did_key_refusals(void)
{
	uint8_t		key[65] = {0};
	char		did[CD_DID_TEXT_LEN];
	cd_error	err;

	check_key_refused("did:pkh:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", CD_ERR_SYNTAX, "starts with \"did:key:\"");
	check_key_refused("did:key:", CD_ERR_SYNTAX, "nothing follows");
	check_key_refused("did:key:u7QE", CD_ERR_SYNTAX, "base58btc, which starts with 'z'");
	check_key_refused("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0", CD_ERR_SYNTAX, "Character 56 ('0')");
	/* 0xed01 and 33 bytes 01..21; 0xed as a non-minimal varint ed 81 00 */
	check_key_refused("did:key:zQebecGaHdoVnoJG767ZUcQLQ857pRDTS3ASqDZtV5XgUfRZ2", CD_ERR_SYNTAX, "holds 32 bytes of key; this one holds 33");
	check_key_refused("did:key:zQhVUSQB8r3ACLXMQ8ZQ5LScK2FJMWTHMWfePRsSFou3J3afZ", CD_ERR_SYNTAX, "multicodec varint");
	/* X25519 (0xec), from ed25519-x25519.json's key agreement key */
	check_key_refused("did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", CD_ERR_SYNTAX, "0xec (X25519");
	check_key_refused("did:key:z", CD_ERR_SYNTAX, "multicodec varint");
	check_key_refused("did:key:z1111", CD_ERR_SYNTAX, "0x0;");
	check_key_refused("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6Mk", CD_ERR_SYNTAX, "Character 57 ('#')");
	cd_error_clear(&err);
	CHECK_FAILED_WITH(cd_did_key_format(CD_DID_KEY_ED25519, key, 31, did, &err), err, CD_ERR_PARAM, "32 bytes", false, "31-byte Ed25519");
	CHECK_FAILED_WITH(cd_did_key_format(CD_DID_KEY_SECP256K1, key, 33, did, &err), err, CD_ERR_PARAM, "starts with 0x02 or 0x03", false, "00...");
	key[0] = 0x02;				/* x = 0: 7 is not a square mod p, so no point has it */
	CHECK_FAILED_WITH(cd_did_key_format(CD_DID_KEY_SECP256K1, key, 33, did, &err), err, CD_ERR_PARAM, "not on the secp256k1 curve", false, "02 00...");
}

static void
test_did_pkh(void)
{
	uint8_t		addr[20];
	int64_t		chain = -1;
	char		did[CD_DID_TEXT_LEN];
	cd_error	err;
	const char *v1 = "did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a";

	cd_error_clear(&err);
	CHECK(cd_did_pkh_parse(v1, strlen(v1), addr, &chain, &err));
	CHECK(chain == 1);
	CHECK_HEX_EQ(addr, 20, "b9c5714089478a327f09197987f16f9e5d936e8a");
	CHECK(cd_did_pkh_format(addr, 1, did, &err));
	CHECK_STR_EQ(did, v1);
	CHECK(cd_did_pkh_format(addr, 42220, did, &err));
	CHECK_STR_EQ(did, "did:pkh:eip155:42220:0xb9c5714089478a327f09197987f16f9e5d936e8a");
	CHECK_FAILED_WITH(cd_did_pkh_format(addr, -1, did, &err), err, CD_ERR_PARAM, "non-negative", false, "-1");
#define PKH_REFUSED(text, code, fragment) \
	CHECK_FAILED_WITH(cd_did_pkh_parse(text, strlen(text), addr, &chain, &err), err, code, fragment, false, text)
	PKH_REFUSED("did:key:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_SYNTAX, "\"did:pkh:eip155:\"");
	PKH_REFUSED("did:pkh:eip155", CD_ERR_SYNTAX, "CAIP-2 chain id");
	PKH_REFUSED("did:pkh:solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ:CKg5d12Jhpej1JqtmxLJgaFqqeYjxgPqToJ4LBdvG9Ev",
				CD_ERR_PARAM, "\"solana\"");
	PKH_REFUSED("did:pkh:eip155:1", CD_ERR_SYNTAX, "followed by ':'");
	PKH_REFUSED("did:pkh:eip155:0x1:0xb9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_SYNTAX, "decimal digits");
	PKH_REFUSED("did:pkh:eip155:01:0xb9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_SYNTAX, "leading zeros");
	PKH_REFUSED("did:pkh:eip155::0xb9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_SYNTAX, "leading zeros");
	PKH_REFUSED("did:pkh:eip155:9223372036854775808:0xb9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_RANGE, "above");
	PKH_REFUSED("did:pkh:eip155:1:0xB9c5714089478a327f09197987f16f9e5d936e8a", CD_ERR_SYNTAX, "Ethereum address");
	PKH_REFUSED("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8", CD_ERR_SYNTAX, "40 hexadecimal digits");
}

static void
test_base58(void)
{
	uint8_t		bytes[8];
	size_t		n = 0;
	size_t		bad = 0;
	char		text[16];
	const uint8_t zeros_then_one[3] = {0, 0, 1};

	CHECK(cd_base58_encode(zeros_then_one, 3, text, sizeof(text)));
	CHECK_STR_EQ(text, "112");
	CHECK(cd_base58_decode("112", 3, bytes, sizeof(bytes), &n, &bad) && n == 3 && bytes[2] == 1);
	CHECK(cd_base58_encode(zeros_then_one, 0, text, sizeof(text)));
	CHECK_STR_EQ(text, "");
	CHECK(!cd_base58_decode("1l", 2, bytes, sizeof(bytes), &n, &bad) && bad == 1);
	CHECK(!cd_base58_decode("zzzzzzzzzzzzzz", 14, bytes, 8, &n, &bad) && bad == 14);
	CHECK(!cd_base58_encode(zeros_then_one, 3, text, 3));
}

int
main(void)
{
	RUN(test_did_key_vectors);
	RUN(test_secp256k1_uncompressed);
	RUN(test_did_key_refusals);
	RUN(test_did_pkh);
	RUN(test_base58);
	return unit_summary("test_did");
}
