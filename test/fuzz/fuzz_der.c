/*
 * fuzz_der.c - libFuzzer target for the strict DER signature parser
 *
 * Any input must either decode or fail with a data error and a message.
 * A decoded signature must re-encode to exactly the input (strict DER has
 * one encoding per value), and verification must give a verdict without
 * tripping libsecp256k1's illegal-argument callback.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/der.h"
#include "core/ecdsa.h"
#include "core/secp256k1_context.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Hardhat account 0's compressed public key: any valid point will do. */
static const uint8_t pubkey[33] = {
	0x03, 0x83, 0x18, 0x53, 0x5b, 0x54, 0x10, 0x5d, 0x4a, 0x7a, 0xae, 0x60, 0xc0, 0x8f, 0xc4, 0x5f,
	0x96, 0x87, 0x18, 0x1b, 0x4f, 0xdf, 0xc6, 0x25, 0xbd, 0x1a, 0x75, 0x3f, 0xa7, 0x39, 0x7f, 0xed, 0x75
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t		r[32];
	uint8_t		s[32];
	uint8_t		again[CD_DER_SIGNATURE_MAX_LEN];
	uint8_t		digest[32] = {1};
	bool		valid;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_der_parse_ecdsa_signature(data, size, r, s, &err))
	{
		if (err.code != CD_ERR_DATA || err.message[0] == '\0')
			abort();
	}
	else
	{
		size_t		n = cd_der_encode_ecdsa_signature(r, s, again);

		if (n != size || memcmp(again, data, size) != 0)
			abort();
	}
	if (!cd_secp256k1_verify(digest, data, size, pubkey, sizeof(pubkey), size & 1, &valid, &err))
		abort();
	if (size == 65 &&
		!cd_ecrecover(digest, data, size, r, &valid, &err))
		abort();
	if (cd_secp256k1_take_illegal_argument())
		abort();
	return 0;
}
