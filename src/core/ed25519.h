/*
 * ed25519.h - Ed25519 (RFC 8032) signature verification through OpenSSL 3
 */
#ifndef CD_ED25519_H
#define CD_ED25519_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_ED25519_SIG_LEN 64
#define CD_ED25519_PUBKEY_LEN 32

/*
 * Verify a 64-byte Ed25519 signature of a message under a 32-byte public
 * key (pure Ed25519, no context, no prehash).  Returns false and fills err
 * for a signature or key of the wrong length (CD_ERR_PARAM) or when
 * OpenSSL cannot allocate (CD_ERR_LIBRARY); otherwise true with *valid
 * the verdict.  Every OpenSSL object is freed before returning.
 */
extern bool cd_ed25519_verify(const uint8_t *message, size_t msglen,
							  const uint8_t *sig, size_t siglen,
							  const uint8_t *pubkey, size_t pubkeylen,
							  bool *valid, cd_error *err);

#endif							/* CD_ED25519_H */
