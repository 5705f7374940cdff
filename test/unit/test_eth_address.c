/*
 * test_eth_address.c - EIP-55 checksums and address parsing
 *
 * The checksummed addresses are the test cases listed in EIP-55 itself.
 */
#include "unit.h"
#include "core/eth_address.h"

static const char *const eip55_examples[] = {
	/* all caps */
	"0x52908400098527886E0F7030069857D2E4169EE7",
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	/* all lower */
	"0xde709f2102306220921060314715629080e2fb77",
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	/* normal */
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

static void
test_eip55_examples_round_trip(void)
{
	for (size_t i = 0; i < sizeof(eip55_examples) / sizeof(eip55_examples[0]); i++)
	{
		uint8_t		addr[20];
		char		out[CD_ETH_ADDRESS_TEXT_LEN];
		cd_error	err;

		cd_error_clear(&err);
		CHECK(cd_eth_address_parse(eip55_examples[i], 42, addr, &err));
		cd_eth_address_format(addr, out);
		/* all-caps and all-lower examples happen to be their own checksum (EIP-55 lists them so) */
		CHECK_STR_EQ(out, eip55_examples[i]);
	}
}

static void
test_lower_and_upper_accepted_without_checksum(void)
{
	uint8_t		addr[20];
	char		out[CD_ETH_ADDRESS_TEXT_LEN];
	cd_error	err;

	CHECK(cd_eth_address_parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", 42, addr, &err));
	cd_eth_address_format(addr, out);
	CHECK_STR_EQ(out, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
	CHECK(cd_eth_address_parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", 42, addr, &err));
	cd_eth_address_format(addr, out);
	CHECK_STR_EQ(out, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
}

static void
test_bad_checksum_rejected(void)
{
	uint8_t		addr[20];
	cd_error	err;

	/* one letter's case flipped */
	CHECK_FAILS(cd_eth_address_parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", 42, addr, &err), err, CD_ERR_SYNTAX, "checksum");
	CHECK(strstr(err.detail, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed") != NULL);
}

static void
test_malformed_rejected(void)
{
	static const char *const bad[] = {
		"", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",	/* 39 digits */
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0",	/* 41 digits */
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",	/* not hex */
		" 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		uint8_t		addr[20];
		cd_error	err;

		CHECK_FAILS(cd_eth_address_parse(bad[i], strlen(bad[i]), addr, &err), err, CD_ERR_SYNTAX, "invalid input syntax for type eth_address");
	}
}

/*
 * Hardhat's first default account: private key 0xac09...ff80 has this
 * uncompressed public key and address (published in Hardhat and viem docs).
 */
static void
test_address_from_pubkey(void)
{
	static const char pub_hex[] =
		"048318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed75"
		"3547f11ca8696646f2f3acb08e31016afac23e630c5d11f59f61fef57b0d2aa5";
	uint8_t		pub[65];
	uint8_t		compressed[33];
	uint8_t		addr[20];
	char		out[CD_ETH_ADDRESS_TEXT_LEN];
	cd_error	err;

	CHECK(cd_hex_decode(pub_hex, 65, pub));
	CHECK(cd_eth_address_from_pubkey(pub, 65, addr, &err));
	cd_eth_address_format(addr, out);
	CHECK_STR_EQ(out, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

	/* the same key compressed: Y is odd/even by its last byte */
	compressed[0] = (pub[64] & 1) ? 0x03 : 0x02;
	memcpy(compressed + 1, pub + 1, 32);
	CHECK(cd_eth_address_from_pubkey(compressed, 33, addr, &err));
	cd_eth_address_format(addr, out);
	CHECK_STR_EQ(out, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

	CHECK(!cd_eth_address_from_pubkey(pub, 64, addr, &err));
	CHECK(err.code == CD_ERR_PARAM);
	pub[0] = 0x05;
	CHECK(!cd_eth_address_from_pubkey(pub, 65, addr, &err));
	CHECK(err.code == CD_ERR_PARAM);
	/* x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p) */
	memset(compressed, 0, sizeof(compressed));
	compressed[0] = 0x02;
	compressed[32] = 5;
	CHECK(!cd_eth_address_from_pubkey(compressed, 33, addr, &err));
	CHECK(strstr(err.message, "invalid secp256k1 public key") != NULL);
}

int
main(void)
{
	RUN(test_eip55_examples_round_trip);
	RUN(test_lower_and_upper_accepted_without_checksum);
	RUN(test_bad_checksum_rejected);
	RUN(test_malformed_rejected);
	RUN(test_address_from_pubkey);
	return unit_summary("test_eth_address");
}
