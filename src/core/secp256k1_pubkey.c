/*
 * secp256k1_pubkey.c - secp256k1 public keys checked and re-serialized
 */
#include <secp256k1.h>

#include "secp256k1_context.h"
#include "secp256k1_pubkey.h"

bool
cd_secp256k1_pubkey_serialize(const uint8_t *pubkey, size_t len, bool compressed,
							  uint8_t out[CD_SECP256K1_UNCOMPRESSED_LEN], cd_error *err)
{
	secp256k1_pubkey parsed;
	size_t		outlen = compressed ? CD_SECP256K1_COMPRESSED_LEN : CD_SECP256K1_UNCOMPRESSED_LEN;
	const secp256k1_context *ctx;

	if (len != CD_SECP256K1_COMPRESSED_LEN && len != CD_SECP256K1_UNCOMPRESSED_LEN)
	{
		cd_fail(err, CD_ERR_PARAM, "invalid secp256k1 public key length: %zu bytes", len);
		cd_error_detail(err, "A public key is 33 bytes (compressed, 0x02/0x03 prefix) or 65 bytes (uncompressed, 0x04 prefix).");
		return false;
	}
	if ((len == CD_SECP256K1_COMPRESSED_LEN && pubkey[0] != 0x02 && pubkey[0] != 0x03) ||
		(len == CD_SECP256K1_UNCOMPRESSED_LEN && pubkey[0] != 0x04))
	{
		cd_fail(err, CD_ERR_PARAM, "invalid secp256k1 public key prefix: 0x%02x", pubkey[0]);
		cd_error_detail(err, "A %zu-byte public key starts with %s.", len,
						len == CD_SECP256K1_COMPRESSED_LEN ? "0x02 or 0x03" : "0x04");
		return false;
	}
	ctx = cd_secp256k1_context(err);
	if (ctx == NULL)
		return false;
	if (!secp256k1_ec_pubkey_parse(ctx, &parsed, pubkey, len))
	{
		cd_fail(err, CD_ERR_PARAM, "invalid secp256k1 public key");
		cd_error_detail(err, "The point is not on the secp256k1 curve.");
		return false;
	}
	secp256k1_ec_pubkey_serialize(ctx, out, &outlen, &parsed,
								  compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED);
	return true;
}
