/*
 * secp256k1_pubkey.h - secp256k1 public keys: the SEC1 encoding checked
 * before libsecp256k1 parses it, and the one place that turns a 33- or
 * 65-byte key into a curve point in the form asked for
 */
#ifndef CD_SECP256K1_PUBKEY_H
#define CD_SECP256K1_PUBKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_SECP256K1_COMPRESSED_LEN 33
#define CD_SECP256K1_UNCOMPRESSED_LEN 65

/*
 * A SEC1-encoded secp256k1 public key is 33 bytes starting 0x02 or 0x03
 * (compressed) or 65 bytes starting 0x04 (uncompressed).  False and
 * CD_ERR_PARAM in err when it is not.  The SQL functions that take a key
 * word their errors differently, and both wordings are API: "key" names
 * the key in the messages, "key_in_detail" in the length error's detail,
 * and length_note follows the byte count in the length error's message.
 */
extern bool cd_secp256k1_check_pubkey_encoding(const uint8_t *pubkey, size_t len,
											   const char *key, const char *length_note,
											   const char *key_in_detail, cd_error *err);

/*
 * Check a public key (as above, then that its point is on the curve) and
 * write the point in the form asked for (33 or 65 bytes) to out.
 * CD_ERR_PARAM for a wrong length or prefix or a point not on the curve.
 */
extern bool cd_secp256k1_pubkey_serialize(const uint8_t *pubkey, size_t len, bool compressed,
										  uint8_t out[CD_SECP256K1_UNCOMPRESSED_LEN], cd_error *err);

#endif							/* CD_SECP256K1_PUBKEY_H */
