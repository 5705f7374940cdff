/*
 * message_verify.h - the (message, signature, public key) verifiers:
 * BIP-340 Schnorr on libsecp256k1 (schnorr.c) and Ed25519 (RFC 8032)
 * through OpenSSL 3 (ed25519.c)
 *
 * Both take a message of any length, a 64-byte signature and a 32-byte
 * public key, and answer the same way: false with err filled for a
 * signature or key of the wrong length (CD_ERR_PARAM) or a library failure
 * (CD_ERR_LIBRARY); otherwise true with *valid the verdict.  A key that
 * does not decode is a false verdict, not an error.
 */
#ifndef CD_MESSAGE_VERIFY_H
#define CD_MESSAGE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_SCHNORR_SIG_LEN 64
#define CD_SCHNORR_PUBKEY_LEN 32
#define CD_ED25519_SIG_LEN 64
#define CD_ED25519_PUBKEY_LEN 32

/* What every verifier is, so that callers can take either. */
typedef bool (*cd_message_verifier) (const uint8_t *message, size_t msglen,
									 const uint8_t *sig, size_t siglen,
									 const uint8_t *pubkey, size_t pubkeylen,
									 bool *valid, cd_error *err);

/*
 * BIP-340: a 32-byte x-only public key; a key that is not an x coordinate
 * on the curve, or r >= p, s >= n, give false, as BIP-340 says.
 */
extern bool cd_schnorr_verify(const uint8_t *message, size_t msglen,
							  const uint8_t *sig, size_t siglen,
							  const uint8_t *pubkey, size_t pubkeylen,
							  bool *valid, cd_error *err);

/*
 * Pure Ed25519 (no context, no prehash).  Every OpenSSL object is freed
 * before returning.
 */
extern bool cd_ed25519_verify(const uint8_t *message, size_t msglen,
							  const uint8_t *sig, size_t siglen,
							  const uint8_t *pubkey, size_t pubkeylen,
							  bool *valid, cd_error *err);

/*
 * The checks every verifier starts with: *valid false, the lengths (the
 * error's detail is lengths_detail, which states the right ones), and a
 * non-NULL *message for an empty one, as both libraries want.  False with
 * err filled when a length is wrong.
 */
extern bool cd_message_verify_start(const uint8_t **message,
									size_t siglen, size_t expected_siglen,
									size_t pubkeylen, size_t expected_pubkeylen,
									const char *lengths_detail, bool *valid, cd_error *err);

#endif							/* CD_MESSAGE_VERIFY_H */
