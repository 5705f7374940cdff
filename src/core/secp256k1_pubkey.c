/*
 * secp256k1_pubkey.c - a SEC1 public key's length and prefix, checked by
 * hand so that each defect gets its own error before libsecp256k1, which
 * only says "not parsed", sees the key
 */
#include "secp256k1_pubkey.h"

bool
cd_secp256k1_check_pubkey_encoding(const uint8_t *pubkey, size_t len,
								   const char *key, const char *length_note,
								   const char *key_in_detail, cd_error *err)
{
	if (len != 33 && len != 65)
	{
		cd_fail(err, CD_ERR_PARAM, "invalid %s length: %zu bytes%s", key, len, length_note);
		cd_error_detail(err, "A %s is 33 bytes (compressed, 0x02/0x03 prefix) or 65 bytes (uncompressed, 0x04 prefix).",
						key_in_detail);
		return false;
	}
	if ((len == 33 && pubkey[0] != 0x02 && pubkey[0] != 0x03) ||
		(len == 65 && pubkey[0] != 0x04))
	{
		cd_fail(err, CD_ERR_PARAM, "invalid %s prefix: 0x%02x", key, pubkey[0]);
		cd_error_detail(err, "A %zu-byte public key starts with %s.", len,
						len == 33 ? "0x02 or 0x03" : "0x04");
		return false;
	}
	return true;
}
