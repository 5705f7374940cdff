/*
 * test_schnorr_ed25519.c - BIP-340 and Ed25519 verification in the core:
 * published vectors, tampering, and the length errors
 */
#include "unit.h"
#include "core/message_verify.h"
#include "core/secp256k1_context.h"

/* BIP-340 vectors 1 (32-byte message) and 17 (17-byte message) */
static void
test_bip340(void)
{
	uint8_t		msg[32];
	uint8_t		sig[64];
	uint8_t		key[32];
	size_t		msglen;
	bool		valid = false;
	cd_error	err;

	msglen = unit_hex_bytes("243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89", msg);
	unit_hex_bytes("6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE3341"
			 "8906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A", sig);
	unit_hex_bytes("DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659", key);
	CHECK(cd_schnorr_verify(msg, msglen, sig, 64, key, 32, &valid, &err) && valid);
	sig[63] ^= 1;
	CHECK(cd_schnorr_verify(msg, msglen, sig, 64, key, 32, &valid, &err) && !valid);

	msglen = unit_hex_bytes("0102030405060708090A0B0C0D0E0F1011", msg);
	unit_hex_bytes("5130F39A4059B43BC7CAC09A19ECE52B5D8699D1A71E3C52DA9AFDB6B50AC370"
			 "C4A482B77BF960F8681540E25B6771ECE1E5A37FD80E5A51897C5566A97EA5A5", sig);
	unit_hex_bytes("778CAA53B4393AC467774D09497A87224BF9FAB6F6E68B23086497324D6FD117", key);
	CHECK(cd_schnorr_verify(msg, msglen, sig, 64, key, 32, &valid, &err) && valid);
	CHECK(cd_schnorr_verify(msg, msglen - 1, sig, 64, key, 32, &valid, &err) && !valid);

	/* lengths */
	CHECK(!cd_schnorr_verify(msg, msglen, sig, 63, key, 32, &valid, &err) && err.code == CD_ERR_PARAM);
	CHECK(!cd_schnorr_verify(msg, msglen, sig, 64, key, 33, &valid, &err) && err.code == CD_ERR_PARAM);
	CHECK(!cd_secp256k1_take_illegal_argument());
}

/* RFC 8032 section 7.1 TEST 3 (a 2-byte message) */
static void
test_rfc8032(void)
{
	uint8_t		msg[2];
	uint8_t		sig[64];
	uint8_t		key[32];
	bool		valid = false;
	cd_error	err;

	unit_hex_bytes("af82", msg);
	unit_hex_bytes("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
			 "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a", sig);
	unit_hex_bytes("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", key);
	CHECK(cd_ed25519_verify(msg, 2, sig, 64, key, 32, &valid, &err) && valid);
	msg[1] ^= 1;
	CHECK(cd_ed25519_verify(msg, 2, sig, 64, key, 32, &valid, &err) && !valid);
	CHECK(!cd_ed25519_verify(msg, 2, sig, 65, key, 32, &valid, &err) && err.code == CD_ERR_PARAM);
	CHECK(!cd_ed25519_verify(msg, 2, sig, 64, key, 31, &valid, &err) && err.code == CD_ERR_PARAM);
}

int
main(void)
{
	RUN(test_bip340);
	RUN(test_rfc8032);
	return unit_summary("test_schnorr_ed25519");
}
