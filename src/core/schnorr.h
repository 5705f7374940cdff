/*
 * schnorr.h - BIP-340 Schnorr signature verification on libsecp256k1
 */
#ifndef CD_SCHNORR_H
#define CD_SCHNORR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_SCHNORR_SIG_LEN 64
#define CD_SCHNORR_PUBKEY_LEN 32

/*
 * Verify a 64-byte BIP-340 signature of a message of any length under a
 * 32-byte x-only public key.  Returns false and fills err (CD_ERR_PARAM)
 * only for a signature or key of the wrong length; otherwise true with
 * *valid the verdict (a key that is not an x coordinate on the curve, or
 * r >= p, s >= n, give false, as BIP-340 says).
 */
extern bool cd_schnorr_verify(const uint8_t *message, size_t msglen,
							  const uint8_t *sig, size_t siglen,
							  const uint8_t *pubkey, size_t pubkeylen,
							  bool *valid, cd_error *err);

#endif							/* CD_SCHNORR_H */
