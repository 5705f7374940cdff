/*
 * secp256k1_pubkey.c - a SEC1 public key's length and prefix, checked by
 * hand so that each defect gets its own error before libsecp256k1, which
 * only says "not parsed", sees the key; and the key re-serialized
 */
#include <secp256k1.h>

#include "secp256k1_context.h"
#include "secp256k1_pubkey.h"

bool
cd_secp256k1_check_pubkey_encoding(const uint8_t *pubkey, size_t len,
								   const char *key, const char *length_note,
								   const char *key_in_detail, cd_error *err)
{
	if (len != CD_SECP256K1_COMPRESSED_LEN && len != CD_SECP256K1_UNCOMPRESSED_LEN)
	{
		cd_fail(err, CD_ERR_PARAM, "invalid %s length: %zu bytes%s", key, len, length_note);
		cd_error_detail(err, "A %s is 33 bytes (compressed, 0x02/0x03 prefix) or 65 bytes (uncompressed, 0x04 prefix).",
						key_in_detail);
		return false;
	}
	if ((len == CD_SECP256K1_COMPRESSED_LEN && pubkey[0] != 0x02 && pubkey[0] != 0x03) ||
		(len == CD_SECP256K1_UNCOMPRESSED_LEN && pubkey[0] != 0x04))
	{
		cd_fail(err, CD_ERR_PARAM, "invalid %s prefix: 0x%02x", key, pubkey[0]);
		cd_error_detail(err, "A %zu-byte public key starts with %s.", len,
						len == CD_SECP256K1_COMPRESSED_LEN ? "0x02 or 0x03" : "0x04");
		return false;
	}
	return true;
}

bool
cd_secp256k1_pubkey_serialize(const uint8_t *pubkey, size_t len, bool compressed,
							  uint8_t out[CD_SECP256K1_UNCOMPRESSED_LEN], cd_error *err)
{
	secp256k1_pubkey parsed;
	size_t		outlen = compressed ? CD_SECP256K1_COMPRESSED_LEN : CD_SECP256K1_UNCOMPRESSED_LEN;
	const secp256k1_context *ctx;

	if (!cd_secp256k1_check_pubkey_encoding(pubkey, len, "secp256k1 public key", "", "public key", err))
		return false;
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
