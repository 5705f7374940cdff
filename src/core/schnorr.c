/*
 * schnorr.c - BIP-340 verification
 *
 * libsecp256k1 0.2.0's secp256k1_schnorrsig_verify takes the message
 * length, so messages of any size are verified as BIP-340 specifies
 * (not only 32-byte digests).
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include "message_verify.h"
#include "secp256k1_context.h"

/*
 * Lengths first (errors), then parse the key (a bad key is a false
 * verdict) and verify.
 */
bool
cd_schnorr_verify(const uint8_t *message, size_t msglen,
				  const uint8_t *sig, size_t siglen,
				  const uint8_t *pubkey, size_t pubkeylen,
				  bool *valid, cd_error *err)
{
	const secp256k1_context *ctx;
	secp256k1_xonly_pubkey key;

	if (!cd_message_verify_start(&message, siglen, CD_SCHNORR_SIG_LEN,
								 pubkeylen, CD_SCHNORR_PUBKEY_LEN,
								 "BIP-340 signatures are 64 bytes and public keys 32 bytes (x-only).",
								 valid, err))
		return false;
	ctx = cd_secp256k1_context(err);
	if (ctx == NULL)
		return false;
	if (secp256k1_xonly_pubkey_parse(ctx, &key, pubkey))
		*valid = secp256k1_schnorrsig_verify(ctx, sig, message, msglen, &key) == 1;
	if (cd_secp256k1_take_illegal_argument())
		return cd_fail(err, CD_ERR_LIBRARY, "libsecp256k1 rejected an argument that was validated");
	return true;
}
