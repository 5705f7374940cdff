/*
 * secp256k1_pubkey.h - secp256k1 public keys checked and re-serialized:
 * the one place that turns a 33- or 65-byte key into a curve point
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
 * Check a 33-byte compressed (0x02/0x03) or 65-byte uncompressed (0x04)
 * public key, lengths and prefix before libsecp256k1 sees it, and write
 * the point in the form asked for (33 or 65 bytes) to out.  CD_ERR_PARAM
 * for a wrong length or prefix or a point not on the curve.
 */
extern bool cd_secp256k1_pubkey_serialize(const uint8_t *pubkey, size_t len, bool compressed,
										  uint8_t out[CD_SECP256K1_UNCOMPRESSED_LEN], cd_error *err);

#endif							/* CD_SECP256K1_PUBKEY_H */
