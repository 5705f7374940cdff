/*
 * pg_message_verify.h - running a (message, signature, public key)
 * verifier of the core on SQL values, shared by the functions that take
 * the key as bytes (schnorr_verify, ed25519_verify) and those that take
 * it from a did:key (ed25519_verify_did)
 */
#ifndef PG_MESSAGE_VERIFY_H
#define PG_MESSAGE_VERIFY_H

#include "postgres.h"

#include "core/message_verify.h"

/*
 * The verdict of verify on message and sig under the public key: a
 * signature or key of the wrong length, or a library failure, is an error.
 */
extern bool message_signature_valid(cd_message_verifier verify, const bytea *message, const bytea *sig,
									const uint8 *pubkey, size_t pubkey_len);

#endif							/* PG_MESSAGE_VERIFY_H */
